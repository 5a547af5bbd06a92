// The report preview: the document the host computed (title with the period, tables, notes) and
// its bar charts as SVG built with DOM calls — every text is set as text, never parsed as HTML.
// The toolbar reports intents: another report, another period, save as Markdown. A requirement ID
// the document names is a link that asks the host to open the record; until the first document
// arrives the page shows that it is loading.
import '../shared/page.css';
import '../shared/buttons.css';
import './report.css';
import type {
  FromReport,
  ReportBlockMessage,
  ReportChartMessage,
  ReportDocumentMessage,
  ReportKindMessage,
  ReportState,
  ToReport,
} from '../../src/protocol/report';
import { el } from '../shared/ui';
import { vscodeApi } from '../shared/vscodeApi';

const vscode = vscodeApi<FromReport, ReportState>();
const app = document.getElementById('app')!;
const SVG = 'http://www.w3.org/2000/svg';
const KINDS: ReportKindMessage[] = ['implementation', 'process', 'satisfaction', 'weekly'];

let strings: Record<string, string> = {};
let kinds: Partial<Record<ReportKindMessage, string>> = {};
let doc: ReportDocumentMessage | undefined;
let busy = true;
let selected: ReportKindMessage | undefined = vscode.getState()?.kind;
/** The workspace's requirement IDs, longest first, as one pattern (undefined when there are none). */
let idPattern: RegExp | undefined;

function setIds(ids: readonly string[] | undefined): void {
  if (!ids) return;
  const sorted = [...new Set(ids)].sort((a, b) => b.length - a.length).map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Not inside a longer ID or word: REQ-2026-001 is no link inside REQ-2026-0011 (Chinese text may touch an ID).
  idPattern = sorted.length ? new RegExp(`(?<![A-Za-z0-9_-])(?:${sorted.join('|')})(?![A-Za-z0-9_]|-[0-9])`, 'gu') : undefined;
}

/** A link that opens the record with the ID. */
function idLink(id: string): HTMLAnchorElement {
  const a = el('a', 'id-link', id);
  a.href = '#';
  a.dataset.id = id;
  return a;
}

/** Text with the requirement IDs it names as links, the rest as text. */
function linked(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  if (!idPattern) {
    frag.append(document.createTextNode(text));
    return frag;
  }
  let at = 0;
  idPattern.lastIndex = 0;
  for (let m = idPattern.exec(text); m; m = idPattern.exec(text)) {
    if (m.index > at) frag.append(document.createTextNode(text.slice(at, m.index)));
    frag.append(idLink(m[0]));
    at = m.index + m[0].length;
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  return frag;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

let measureContext: CanvasRenderingContext2D | null | undefined;
/** Text width in the page's font, for sizing the label column. */
function textWidth(text: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7;
  const style = getComputedStyle(document.body);
  measureContext.font = `${style.fontSize} ${style.fontFamily}`;
  return measureContext.measureText(text).width;
}

/** A label cut to fit `max` pixels, with an ellipsis. */
function fit(text: string, max: number): string {
  if (textWidth(text) <= max) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`) > max) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A round step for about four grid lines up to `max`. */
function step(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
}

const BAR = 16;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const WIDTH = 540;
const VALUE_SPACE = 52;
const AXIS = 22;

/** Horizontal grouped bars: a row per group, a bar per series, the value at the bar's end. */
function chart(c: ReportChartMessage): HTMLElement {
  const figure = el('figure', 'chart');
  figure.dataset.title = c.title;
  const labelWidth = Math.min(220, Math.max(60, ...c.groups.map((g) => textWidth(g.label))) + 12);
  const plot = WIDTH - labelWidth - VALUE_SPACE;
  const values = c.groups.flatMap((g) => g.bars.map((b) => b.value));
  const top = c.max ?? Math.max(1, ...values);
  const unit = step(top);
  const scaleEnd = c.max ?? Math.ceil(top / unit) * unit;
  const groupHeight = c.series.length * BAR + (c.series.length - 1) * BAR_GAP;
  const height = c.groups.length * (groupHeight + GROUP_GAP) + AXIS;
  const root = svg('svg', { class: 'chart-svg', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img' });
  root.setAttribute('aria-label', c.title);
  root.append(svg('title', {}, c.title));
  const x = (v: number) => labelWidth + (Math.max(0, v) / scaleEnd) * plot;

  for (let t = 0; t <= scaleEnd + 1e-9; t += unit) {
    root.append(svg('line', { class: 'grid', x1: x(t), x2: x(t), y1: 0, y2: height - AXIS }));
    root.append(svg('text', { class: 'tick', x: x(t), y: height - 6, 'text-anchor': 'middle' }, String(Math.round(t * 100) / 100)));
  }
  c.groups.forEach((g, gi) => {
    const y0 = gi * (groupHeight + GROUP_GAP) + GROUP_GAP / 2;
    const label = svg(
      'text',
      { class: 'group-label', x: labelWidth - 8, y: y0 + groupHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' },
      fit(g.label, labelWidth - 12),
    );
    label.append(svg('title', {}, g.label));
    root.append(label);
    g.bars.forEach((b, si) => {
      const y = y0 + si * (BAR + BAR_GAP);
      const rect = svg('rect', {
        class: `bar series-${si}`,
        x: labelWidth,
        y,
        width: Math.max(0, x(b.value) - labelWidth),
        height: BAR,
        rx: 2,
      });
      rect.dataset.group = g.label;
      rect.dataset.series = c.series[si] ?? '';
      rect.dataset.value = String(b.value);
      rect.append(svg('title', {}, `${g.label} · ${c.series[si] ?? ''}: ${b.label}`));
      root.append(rect, svg('text', { class: 'value', x: x(b.value) + 6, y: y + BAR / 2, 'dominant-baseline': 'central' }, b.label));
    });
  });
  root.append(svg('line', { class: 'axis', x1: labelWidth, x2: labelWidth, y1: 0, y2: height - AXIS }));

  if (c.series.length > 1) {
    const legend = el('div', 'legend');
    c.series.forEach((name, si) => {
      const item = el('span', 'legend-item');
      const swatch = svg('svg', { width: 12, height: 12, class: 'swatch' });
      swatch.append(svg('rect', { class: `series-${si}`, width: 12, height: 12, rx: 2 }));
      item.append(swatch, el('span', undefined, name));
      legend.append(item);
    });
    figure.append(legend);
  }
  figure.append(root, el('figcaption', undefined, c.title));
  return figure;
}

/** `code` spans in a sentence as <code>, the rest as text; requirement IDs as links. */
function inline(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) {
      const code = el('code');
      code.append(linked(part.slice(1, -1)));
      frag.append(code);
    } else if (part) frag.append(linked(part));
  });
  return frag;
}

function block(b: ReportBlockMessage): HTMLElement {
  switch (b.kind) {
    case 'text': {
      const p = el('p');
      p.append(inline(b.text));
      return p;
    }
    case 'note': {
      const note = el('p', 'note');
      note.append(inline(b.text));
      return note;
    }
    case 'list': {
      const ul = el('ul');
      for (const item of b.items) {
        const li = el('li');
        li.append(linked(item));
        ul.append(li);
      }
      return ul;
    }
    case 'table': {
      const wrap = el('div', 'table-wrap');
      const table = el('table', 'figures');
      const head = el('tr');
      b.columns.forEach((c, i) => head.append(el('th', b.numeric[i] ? 'num' : undefined, c)));
      table.append(el('thead'), el('tbody'));
      table.tHead!.append(head);
      for (const row of b.rows) {
        const tr = el('tr');
        row.forEach((cell, i) => {
          const td = el('td', b.numeric[i] ? 'num' : undefined);
          td.append(b.numeric[i] ? document.createTextNode(cell) : linked(cell));
          tr.append(td);
        });
        table.tBodies[0]!.append(tr);
      }
      wrap.append(table);
      return wrap;
    }
    case 'chart':
      return chart(b);
  }
}

function toolbar(): HTMLElement {
  const bar = el('div', 'toolbar');
  const tabs = el('div', 'kinds');
  tabs.setAttribute('role', 'tablist');
  for (const kind of KINDS) {
    const current = (doc?.kind ?? selected) === kind;
    const button = el('button', `kind${current ? ' active' : ''}`, kinds[kind] ?? kind);
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-selected', String(current));
    button.dataset.kind = kind;
    button.addEventListener('click', () => {
      if (current) return;
      selected = kind;
      busy = true;
      vscode.postMessage({ type: 'kind', kind });
      render();
    });
    tabs.append(button);
  }
  const period = el('span', 'period', doc ? `${strings.period ?? 'Period'}: ${doc.from} – ${doc.to}` : '');
  const change = el('button', 'change-period', strings.changePeriod ?? 'Change period…');
  change.addEventListener('click', () => vscode.postMessage({ type: 'pickRange' }));
  const save = el('button', 'save primary', strings.save ?? 'Save as Markdown');
  save.addEventListener('click', () => vscode.postMessage({ type: 'save' }));
  save.disabled = !doc;
  bar.append(tabs, period, change, save);
  return bar;
}

/** The loading state: a spinner, and what is happening once the host has said it in the UI language. */
function loading(text: string | undefined): HTMLElement {
  const status = el('p', 'busy');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-busy', 'true');
  status.append(el('span', 'spinner'));
  if (text) status.append(el('span', undefined, text));
  return status;
}

function render(): void {
  const page = el('main', `report-page${busy ? ' is-busy' : ''}`);
  page.append(toolbar());
  if (busy) page.append(loading(strings.busy));
  if (doc) {
    const article = el('article', 'report');
    article.dataset.kind = doc.kind;
    article.append(el('h1', undefined, doc.title));
    for (const line of doc.lead) {
      const p = el('p', 'lead');
      p.append(inline(line));
      article.append(p);
    }
    for (const section of doc.sections) {
      const s = el('section');
      s.dataset.key = section.key;
      s.append(el('h2', undefined, section.heading));
      // A table and the chart of the same figures sit side by side where there is room.
      for (let i = 0; i < section.blocks.length; i++) {
        const b = section.blocks[i]!;
        const next = section.blocks[i + 1];
        if (b.kind === 'table' && next?.kind === 'chart') {
          const pair = el('div', 'pair');
          pair.append(block(b), block(next));
          s.append(pair);
          i++;
        } else s.append(block(b));
      }
      article.append(s);
    }
    page.append(article);
  }
  app.replaceChildren(page);
}

window.addEventListener('message', (event: MessageEvent<ToReport>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      strings = message.strings;
      kinds = message.kinds;
      setIds(message.ids);
      if (message.document) {
        doc = message.document;
        busy = false;
      }
      render();
      break;
    case 'busy':
      busy = true;
      render();
      break;
    case 'document':
      setIds(message.ids);
      doc = message.document;
      selected = doc.kind;
      busy = false;
      vscode.setState({ kind: doc.kind, from: doc.from, to: doc.to });
      render();
      break;
  }
});

// A click on a requirement ID opens its record (one listener: the page is redrawn often).
app.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a.id-link');
  if (!link?.dataset.id) return;
  event.preventDefault();
  vscode.postMessage({ type: 'open', id: link.dataset.id });
});

// Until the host answers, the page says it is loading rather than staying blank.
app.replaceChildren(el('main', 'report-page is-busy'));
app.firstElementChild!.append(loading(undefined));
vscode.postMessage({ type: 'ready' });
