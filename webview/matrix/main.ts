// The importance × urgency matrix: urgency across, importance up, 1–5 each, cells shaded by the
// P1/P2/P3 region the host gives each cell. It renders what the host sends — the cards, the
// regions, the cards the filter hides, the filter's options — and reports intents (open, moveCard,
// filter); it applies no rule and never edits anything itself.
import '../shared/page.css';
import '../shared/buttons.css';
import './matrix.css';
import type { MissingFieldsText } from '../../src/protocol/common';
import type { Filter, FilterBar } from '../../src/protocol/filterBar';
import type { FromMatrix, MatrixCard, MatrixCells, MatrixRegions, ToMatrix } from '../../src/protocol/matrix';
import { filterBarView, optionLabel, startingFilter } from '../shared/filterBar';
import { missingFieldsView } from '../shared/missingFields';
import { el } from '../shared/ui';
import { vscodeApi } from '../shared/vscodeApi';

interface State {
  filter: Filter;
}

const vscode = vscodeApi<FromMatrix, State>();
const app = document.getElementById('app')!;
let strings: Record<string, string> = {};
let cells: MatrixCells = [];
let regions: MatrixRegions = { P1: 0, P2: 0, P3: 0 };
const cards = new Map<string, MatrixCard>();
let hidden = new Set<string>();
/** Scored cards whose stored priority is not their cell's region. */
let differs = new Set<string>();
/** The unscored cards' files in the host's ranked order (priority, rank within it, ID). */
let unscoredOrder: string[] = [];
/** Whether those cards are marked out (the others dimmed). */
let marking = false;
let fields: FilterBar = [];
/** What no card has, when none can be placed under a team schema: shown instead of the grid. */
let missing: MissingFieldsText | undefined;
let filter: Filter = vscode.getState()?.filter ?? {};
let focusFile: string | undefined;

function move(file: string, importance: number, urgency: number): void {
  if (importance < 1 || importance > 5 || urgency < 1 || urgency > 5) return;
  vscode.postMessage({ type: 'moveCard', file, importance, urgency });
}

/** Who asked, for the card's tooltip: "Customers who asked: 3 (key 1, new 1)", and a priority raised by demand. */
function demandLine(card: MatrixCard): string {
  const d = card.demand;
  if (!d) return '';
  const tiers = (
    [
      ['tierKey', d.key],
      ['tierExisting', d.existing],
      ['tierNew', d.new],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${strings[word] ?? ''} ${n}`);
  const count = tiers.length
    ? (strings.demandTiers ?? '{0} ({1})').replace('{0}', String(d.customers)).replace('{1}', tiers.join(strings.tierSeparator ?? ', '))
    : String(d.customers);
  const line = (strings.askedBy ?? '{0}').replace('{0}', count);
  return card.raisedByDemand ? `${line} · ${card.priority ?? ''} ${strings.raisedByDemand ?? ''}` : line;
}

function cardElement(card: MatrixCard): HTMLElement {
  const node = el('div', `card type-${card.type ?? 'none'}${card.errors ? ' has-errors' : ''}`);
  node.tabIndex = 0;
  node.draggable = true;
  node.dataset.file = card.file;
  node.setAttribute('role', 'button');
  const label = [card.id, card.title].filter(Boolean).join(' ');
  // The team's status under a team schema (the bar names the team's statuses), else the stage.
  const status = card.teamStatus ?? card.status;
  node.setAttribute(
    'aria-label',
    `${label}, ${status ? optionLabel(fields, 'status', status) : ''}${card.errors ? `, ${strings.problems ?? ''}` : ''}`,
  );
  const about = [label, demandLine(card)].filter(Boolean).join('\n');
  node.title = `${about}\n${strings.cardHelp ?? ''}`;
  const head = el('span', 'card-head');
  head.append(el('span', 'card-id', card.id ?? '?'));
  if (differs.has(card.file) && card.priority && card.importance !== undefined && card.urgency !== undefined) {
    const region = cells[card.importance - 1]?.[card.urgency - 1] ?? '';
    const badge = el('span', 'card-differs', card.priority);
    const why = (strings.differsBadge ?? '{0} {1}').replace('{0}', card.priority).replace('{1}', region);
    badge.title = why;
    node.title = `${about}\n${why}\n${strings.cardHelp ?? ''}`;
    node.classList.add('differs');
    head.append(badge);
  }
  // The ID and the title wrap rather than being cut: at 1366 pixels a cell is about 130 wide.
  node.append(
    head,
    el('span', 'card-title', card.title ?? ''),
    el('span', 'card-status', status ? optionLabel(fields, 'status', status) : ''),
  );
  return node;
}

/** Card elements by file, with what they were built from: a render reuses the unchanged ones. */
const built = new Map<string, { card: MatrixCard; strings: Record<string, string>; differs: boolean; node: HTMLElement }>();

function sameCard(a: MatrixCard, b: MatrixCard): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.type === b.type &&
    a.status === b.status &&
    a.teamStatus === b.teamStatus &&
    a.priority === b.priority &&
    a.errors === b.errors &&
    a.importance === b.importance &&
    a.urgency === b.urgency &&
    JSON.stringify(a.demand) === JSON.stringify(b.demand) &&
    a.raisedByDemand === b.raisedByDemand
  );
}

/**
 * The element of a card: the one built before when nothing it shows has changed (a live update
 * after one file is saved then moves a thousand elements instead of building them again).
 */
function cardNode(card: MatrixCard): HTMLElement {
  const before = built.get(card.file);
  const differ = differs.has(card.file);
  const node =
    before && before.strings === strings && before.differs === differ && sameCard(before.card, card) ? before.node : cardElement(card);
  if (node !== before?.node) built.set(card.file, { card, strings, differs: differ, node });
  if (card.file === focusFile) queueMicrotask(() => node.focus());
  return node;
}

// One listener per event on the page rather than five per card: a thousand cards would otherwise
// cost thousands of closures on every render. Cards and cells are found from the event's target.
function cardOf(event: Event): MatrixCard | undefined {
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

/** The filter is the host's to apply: it answers with the cards it hides. */
const filterBar = filterBarView((chosen) => {
  filter = chosen;
  vscode.setState({ filter });
  vscode.postMessage({ type: 'filter', filter });
});

function render(): void {
  const root = el('main', 'matrix-page');
  if (missing) {
    root.append(missingFieldsView(missing));
    app.replaceChildren(root);
    return;
  }
  const shown = [...cards.values()].filter((c) => !hidden.has(c.file));
  root.append(filterBar.render(fields, filter));

  root.append(regionCounts(), legend());

  const layout = el('div', `layout${marking ? ' marking' : ''}`);
  const grid = el('div', 'grid');
  grid.setAttribute('role', 'grid');
  grid.append(verticalLabel(strings.importance ?? 'Importance'));
  for (let importance = 5; importance >= 1; importance--) {
    grid.append(el('div', 'tick-y', String(importance)));
    for (let urgency = 1; urgency <= 5; urgency++) {
      const cell = el('div', `cell ${cells[importance - 1]?.[urgency - 1]?.toLowerCase() ?? ''}`);
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
  const unscored = unscoredOrder.map((file) => cards.get(file)).filter((c): c is MatrixCard => c !== undefined && !hidden.has(c.file));
  side.append(el('h2', undefined, `${strings.unscored ?? 'Unscored'} (${unscored.length})`));
  side.append(el('p', 'hint', strings.unscoredHint ?? ''));
  side.append(el('p', 'hint rank-rule', strings.unscoredOrder ?? ''));
  for (const card of unscored) side.append(cardNode(card));
  layout.append(side);
  root.append(layout);
  app.replaceChildren(root);
}

/**
 * The vertical axis's label. Chinese stands upright, one character under the other, each in a
 * line of its own (vertical writing relies on the font's vertical metrics, which some fallback
 * fonts lack: the characters then pile up on each other); a Latin label is turned to read from
 * the bottom up.
 */
function verticalLabel(text: string): HTMLElement {
  if (!/[\u3000-\u9fff\uf900-\ufaff]/.test(text)) return el('div', 'axis-y', text);
  const node = el('div', 'axis-y upright');
  node.setAttribute('aria-label', text);
  for (const ch of text) node.append(el('span', undefined, ch));
  return node;
}

/**
 * The counts per region, saying what they count: the cell the scores give. The Requirements view
 * groups by priority (stored, else from the scores), so the cards where the two disagree are
 * named and can be marked out.
 */
function regionCounts(): HTMLElement {
  const bar = el('div', 'regions');
  const caption = el('span', 'regions-caption', strings.byScores ?? '');
  caption.title = strings.byScoresHelp ?? '';
  bar.append(caption);
  for (const p of ['P1', 'P2', 'P3'] as const) {
    const count = el('span', `region-count ${p.toLowerCase()}`, `${p} ${regions[p]}`);
    count.title = strings.byScoresHelp ?? '';
    bar.append(count);
  }
  if (differs.size > 0) {
    const note = el('span', 'differs-note', (strings.differs ?? '{0}').replace('{0}', String(differs.size)));
    const toggle = el('button', 'mark-differs', marking ? strings.unmarkDiffers : strings.markDiffers);
    toggle.setAttribute('aria-pressed', String(marking));
    toggle.addEventListener('click', (e) => {
      e.stopPropagation();
      marking = !marking;
      render();
    });
    bar.append(note, toggle);
  }
  return bar;
}

/** What the cell shading and the card colours mean. */
function legend(): HTMLElement {
  const node = el('div', 'legend');
  const group = (caption: string | undefined, items: HTMLElement[]): void => {
    const part = el('span', 'legend-group');
    part.append(el('span', 'legend-caption', caption ?? ''), ...items);
    node.append(part);
  };
  const item = (swatch: string, text: string): HTMLElement => {
    const entry = el('span', 'legend-item');
    const mark = el('span', `swatch ${swatch}`);
    mark.setAttribute('aria-hidden', 'true');
    entry.append(mark, el('span', undefined, text));
    return entry;
  };
  group(
    strings.shading,
    (['P1', 'P2', 'P3'] as const).map((p) => item(`swatch-cell ${p.toLowerCase()}`, (strings.region ?? '{0}').replace('{0}', p))),
  );
  const types = fields.find((f) => f.key === 'type')?.options ?? [];
  group(
    strings.typeColours,
    types.map((t) => item(`swatch-type type-${t.value}`, t.label)),
  );
  return node;
}

window.addEventListener('message', (event: MessageEvent<ToMatrix>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      strings = message.strings;
      cells = message.cells;
      regions = message.regions;
      fields = message.filters;
      hidden = new Set(message.hidden);
      differs = new Set(message.differs);
      unscoredOrder = message.unscored;
      missing = message.missing;
      cards.clear();
      built.clear();
      for (const card of message.cards) cards.set(card.file, card);
      filter = startingFilter(filter, message.filter, (kept) => vscode.postMessage({ type: 'filter', filter: kept }));
      focusFile = message.focus ?? focusFile;
      render();
      break;
    case 'cards':
      cells = message.cells;
      regions = message.regions;
      fields = message.filters;
      hidden = new Set(message.hidden);
      differs = new Set(message.differs);
      unscoredOrder = message.unscored;
      missing = message.missing;
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
