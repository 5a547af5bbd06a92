// The importance × urgency matrix: urgency across, importance up, 1–5 each, cells shaded by the
// P1/P2/P3 region of the threshold. It renders what the host sends and reports intents (open,
// moveCard, filter); it never edits anything itself.
import './matrix.css';
import type { FromMatrix, MatrixCardMessage, MatrixFilterMessage, ToMatrix } from '../../src/protocol/matrix';
import { dropdown, el } from '../shared/ui';
import { vscodeApi } from '../shared/vscodeApi';

interface State {
  filter: MatrixFilterMessage;
}

const vscode = vscodeApi<FromMatrix, State>();
const app = document.getElementById('app')!;
let strings: Record<string, string> = {};

/** The UI-language names of a filter's values, sent by the host as `<kind>.<value>`. */
function choiceLabels(kind: string, values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.flatMap((v) => (strings[`${kind}.${v}`] ? [[v, strings[`${kind}.${v}`]!]] : [])));
}
let threshold = 4;
let regions = { P1: 0, P2: 0, P3: 0 };
const cards = new Map<string, MatrixCardMessage>();
let filter: MatrixFilterMessage = vscode.getState()?.filter ?? {};
let focusFile: string | undefined;

const TYPES = ['functional', 'experience', 'business', 'service'];
const STATUSES = ['new', 'analyzing', 'planned', 'in-progress', 'delivered', 'verified', 'closed', 'declined', 'on-hold'];

function region(importance: number, urgency: number): 'P1' | 'P2' | 'P3' {
  const high = Number(importance >= threshold) + Number(urgency >= threshold);
  return high === 2 ? 'P1' : high === 1 ? 'P2' : 'P3';
}

function visible(card: MatrixCardMessage): boolean {
  return (
    (!filter.type || card.type === filter.type) &&
    (!filter.status || card.status === filter.status) &&
    (!filter.customer || card.customer === filter.customer) &&
    (!filter.owner || card.owner === filter.owner)
  );
}

function move(file: string, importance: number, urgency: number): void {
  if (importance < 1 || importance > 5 || urgency < 1 || urgency > 5) return;
  vscode.postMessage({ type: 'moveCard', file, importance, urgency });
}

function cardElement(card: MatrixCardMessage): HTMLElement {
  const node = el('div', `card type-${card.type ?? 'none'}${card.errors ? ' has-errors' : ''}`);
  node.tabIndex = 0;
  node.draggable = true;
  node.dataset.file = card.file;
  node.setAttribute('role', 'button');
  const label = [card.id, card.title].filter(Boolean).join(' ');
  node.setAttribute('aria-label', `${label}, ${card.status ? (strings[`status.${card.status}`] ?? card.status) : ''}${card.errors ? `, ${strings.problems ?? ''}` : ''}`);
  node.title = `${label}\n${strings.cardHelp ?? ''}`;
  node.append(el('span', 'card-id', card.id ?? '?'), el('span', 'card-title', card.title ?? ''), el('span', 'card-status', card.status ?? ''));
  return node;
}

/** Card elements by file, with what they were built from: a render reuses the unchanged ones. */
const built = new Map<string, { card: MatrixCardMessage; strings: Record<string, string>; node: HTMLElement }>();

function sameCard(a: MatrixCardMessage, b: MatrixCardMessage): boolean {
  return a.id === b.id && a.title === b.title && a.type === b.type && a.status === b.status && a.errors === b.errors && a.importance === b.importance && a.urgency === b.urgency;
}

/**
 * The element of a card: the one built before when nothing it shows has changed (a live update
 * after one file is saved then moves a thousand elements instead of building them again).
 */
function cardNode(card: MatrixCardMessage): HTMLElement {
  const before = built.get(card.file);
  const node = before && before.strings === strings && sameCard(before.card, card) ? before.node : cardElement(card);
  if (node !== before?.node) built.set(card.file, { card, strings, node });
  if (card.file === focusFile) queueMicrotask(() => node.focus());
  return node;
}

// One listener per event on the page rather than five per card: a thousand cards would otherwise
// cost thousands of closures on every render. Cards and cells are found from the event's target.
function cardOf(event: Event): MatrixCardMessage | undefined {
  const file = (event.target as Element | null)?.closest<HTMLElement>('.card')?.dataset.file;
  return file === undefined ? undefined : cards.get(file);
}

function cellOf(event: Event): HTMLElement | undefined {
  return (event.target as Element | null)?.closest<HTMLElement>('.cell') ?? undefined;
}

app.addEventListener('click', (e) => {
  const card = cardOf(e);
  if (card) vscode.postMessage({ type: 'open', file: card.file });
});
app.addEventListener('dragstart', (e) => {
  const card = cardOf(e);
  if (card) e.dataTransfer?.setData('text/x-reqdesk-file', card.file);
});
app.addEventListener('keydown', (e) => {
  const card = cardOf(e);
  if (!card) return;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    vscode.postMessage({ type: 'open', file: card.file });
    return;
  }
  if (!e.altKey) return;
  const i = card.importance ?? 3;
  const u = card.urgency ?? 3;
  const target = { ArrowUp: [i + 1, u], ArrowDown: [i - 1, u], ArrowRight: [i, u + 1], ArrowLeft: [i, u - 1] }[e.key];
  if (target) {
    e.preventDefault();
    focusFile = card.file;
    move(card.file, target[0]!, target[1]!);
  }
});
app.addEventListener('dragover', (e) => {
  const cell = cellOf(e);
  if (!cell) return;
  e.preventDefault();
  cell.classList.add('drop');
});
app.addEventListener('dragleave', (e) => cellOf(e)?.classList.remove('drop'));
app.addEventListener('drop', (e) => {
  const cell = cellOf(e);
  if (!cell) return;
  e.preventDefault();
  cell.classList.remove('drop');
  const file = e.dataTransfer?.getData('text/x-reqdesk-file');
  if (file) move(file, Number(cell.dataset.importance), Number(cell.dataset.urgency));
});

/** The filter bar of the last render, reused while its choices are the same (see filters()). */
let filterBar: { strings: Record<string, string>; key: string; node: HTMLElement } | undefined;

/**
 * The filter drop-downs. They are toolkit components, the costliest elements on the page, so the
 * bar is built again only when the strings, the choices or the filter change; a card moved or
 * edited leaves it as it is.
 */
function filters(): HTMLElement {
  const all = [...cards.values()];
  const distinct = (pick: (c: MatrixCardMessage) => string | undefined) => [...new Set(all.map(pick).filter((v): v is string => !!v))].sort();
  const customers = distinct((c) => c.customer);
  const owners = distinct((c) => c.owner);
  const key = JSON.stringify([customers, owners, filter]);
  if (filterBar && filterBar.strings === strings && filterBar.key === key) return filterBar.node;
  const bar = el('div', 'filters');
  const set = (name: keyof MatrixFilterMessage) => (value: string) => {
    filter = { ...filter, [name]: value || undefined };
    vscode.setState({ filter });
    vscode.postMessage({ type: 'filter', filter });
    render();
  };
  bar.append(
    dropdown(strings.type ?? 'Type', strings.allTypes ?? 'All types', TYPES, filter.type, set('type'), choiceLabels('type', TYPES)),
    dropdown(strings.status ?? 'Status', strings.allStatuses ?? 'All statuses', STATUSES, filter.status, set('status'), choiceLabels('status', STATUSES)),
    dropdown(strings.customer ?? 'Customer', strings.allCustomers ?? 'All customers', customers, filter.customer, set('customer')),
    dropdown(strings.owner ?? 'Owner', strings.allOwners ?? 'All owners', owners, filter.owner, set('owner')),
  );
  filterBar = { strings, key, node: bar };
  return bar;
}

function render(): void {
  const shown = [...cards.values()].filter(visible);
  const root = el('main', 'matrix-page');
  root.append(filters());

  const counts = el('div', 'regions');
  for (const p of ['P1', 'P2', 'P3'] as const) counts.append(el('span', `region-count ${p.toLowerCase()}`, `${p} ${regions[p]}`));
  root.append(counts);

  const layout = el('div', 'layout');
  const grid = el('div', 'grid');
  grid.setAttribute('role', 'grid');
  grid.append(el('div', 'axis-y', strings.importance ?? 'Importance'));
  for (let importance = 5; importance >= 1; importance--) {
    grid.append(el('div', 'tick-y', String(importance)));
    for (let urgency = 1; urgency <= 5; urgency++) {
      const cell = el('div', `cell ${region(importance, urgency).toLowerCase()}`);
      cell.setAttribute('role', 'gridcell');
      cell.dataset.importance = String(importance);
      cell.dataset.urgency = String(urgency);
      cell.setAttribute('aria-label', `${strings.importance ?? 'importance'} ${importance}, ${strings.urgency ?? 'urgency'} ${urgency}`);
      for (const card of shown.filter((c) => c.importance === importance && c.urgency === urgency)) cell.append(cardNode(card));
      grid.append(cell);
    }
  }
  grid.append(el('div', 'corner'));
  for (let urgency = 1; urgency <= 5; urgency++) grid.append(el('div', 'tick-x', String(urgency)));
  grid.append(el('div', 'axis-x', strings.urgency ?? 'Urgency'));
  layout.append(grid);

  const side = el('aside', 'unscored');
  side.append(el('h2', undefined, `${strings.unscored ?? 'Unscored'} (${shown.filter((c) => c.importance === undefined || c.urgency === undefined).length})`));
  side.append(el('p', 'hint', strings.unscoredHint ?? ''));
  for (const card of shown.filter((c) => c.importance === undefined || c.urgency === undefined)) side.append(cardNode(card));
  layout.append(side);
  root.append(layout);
  app.replaceChildren(root);
}

window.addEventListener('message', (event: MessageEvent<ToMatrix>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      strings = message.strings;
      threshold = message.threshold;
      regions = message.regions;
      cards.clear();
      built.clear();
      for (const card of message.cards) cards.set(card.file, card);
      if (Object.keys(filter).length === 0) filter = message.filter;
      focusFile = message.focus ?? focusFile;
      render();
      break;
    case 'cards':
      threshold = message.threshold;
      regions = message.regions;
      for (const file of message.removed) {
        cards.delete(file);
        built.delete(file);
      }
      for (const card of message.upserted) cards.set(card.file, card);
      render();
      break;
    case 'focus':
      focusFile = message.file;
      render();
      break;
  }
});

vscode.postMessage({ type: 'ready' });
