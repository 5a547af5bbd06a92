// The timeline (Gantt): one header line per requirement and one line per task bar, positioned by
// date at the zoom's pixels per day, with a today line, milestones and dependency arrows. Only the
// lines in the viewport (and a margin) are in the DOM, so thousands of tasks scroll smoothly. The
// host sends the layout (each row's bar count) and the rows page by page: the page asks for the rows
// it is about to draw (needRows) and draws an empty line until they come. It renders what the host
// sends and reports intents (openTask, moveBar, resizeBar, zoom, filter); it never edits anything.
import '../shared/page.css';
import '../shared/buttons.css';
import './timeline.css';
import type { MissingFieldsText } from '../../src/protocol/common';
import type { Filter, FilterBar } from '../../src/protocol/filterBar';
import {
  MAX_ROWS_ASKED,
  type FromTimeline,
  type TimelineBar,
  type TimelineIssue,
  type TimelineRow,
  type TimelineZoom,
  type ToTimeline,
} from '../../src/protocol/timeline';
import { filterBarView, optionLabel, startingFilter } from '../shared/filterBar';
import { missingFieldsView } from '../shared/missingFields';
import { el } from '../shared/ui';
import { vscodeApi } from '../shared/vscodeApi';

interface State {
  filter: Filter;
  zoom: TimelineZoom;
}

const vscode = vscodeApi<FromTimeline, State>();
const app = document.getElementById('app')!;
const SVG_NS = 'http://www.w3.org/2000/svg';

const PX_PER_DAY: Record<TimelineZoom, number> = { day: 28, week: 10, month: 3 };
/** Days of empty time shown before the first and after the last date, per zoom. */
const PAD_DAYS: Record<TimelineZoom, number> = { day: 7, week: 21, month: 60 };
const LINE_HEIGHT = 28;
const AXIS_HEIGHT = 36;
const LABEL_WIDTH = 280;
/** Lines rendered above and below the viewport, so fast scrolling shows no blank band. */
const MARGIN_LINES = 10;
const DAY_MS = 86_400_000;
/** The bar label's font size against the page's (timeline.css `.bar`), and the bar's padding. */
const BAR_FONT_SCALE = 0.85;
const BAR_PADDING = 12;

let strings: Record<string, string> = {};
let today = '';
let range: { start: string; end: string } | undefined;
/** The span of the bars not done: the view opens there. */
let openRange: { start: string; end: string } | undefined;
let hideFinished = true;
let finishedHidden = 0;
/** The rows the host has sent, by row index; the others are asked for when they come into view. */
const rows = new Map<number, TimelineRow>();
/** Bars of each row, in order: the layout of every line, loaded or not. */
let barCounts: number[] = [];
/** Row indexes asked for and not answered yet. */
const asked = new Set<number>();
/** Rows asked for around the missing ones, so that scrolling on finds them there. */
const ROWS_AHEAD = 20;
let unscheduled: TimelineIssue[] = [];
let fields: FilterBar = [];
/** What no requirement has, when none has tasks under a team schema: shown instead of the chart. */
let missing: MissingFieldsText | undefined;
const saved = vscode.getState();
let filter: Filter = saved?.filter ?? {};
let zoom: TimelineZoom = saved?.zoom ?? 'week';
let focusFile: string | undefined;
/** The bar to keep focused across re-renders (keyboard moves re-render it). */
let focusKey: string | undefined;

// ── dates ─────────────────────────────────────────────────────────────────────────────────────

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return Math.round(date.getTime() / DAY_MS);
}

function isoOf(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const addDays = (iso: string, n: number): string => isoOf(dayNumber(iso) + n);

// ── layout: rows flattened into lines ─────────────────────────────────────────────────────────

type Line = { kind: 'header'; row: TimelineRow } | { kind: 'bar'; row: TimelineRow; bar: TimelineBar };

/** Line index of each row's header; a row's bars follow it. */
let rowStart: number[] = [];
let lineCount = 0;
let firstDay = 0;
let lastDay = 0;

const keyOf = (file: string, task: string): string => `${file}\n${task}`;
const ppd = (): number => PX_PER_DAY[zoom];
const xOf = (day: number): number => LABEL_WIDTH + (day - firstDay) * ppd();

function relayout(): void {
  rowStart = [];
  lineCount = 0;
  for (const bars of barCounts) {
    rowStart.push(lineCount);
    lineCount += 1 + bars;
  }
  const t = today ? dayNumber(today) : 0;
  const from = range ? Math.min(dayNumber(range.start), t) : t;
  const to = range ? Math.max(dayNumber(range.end), t) : t;
  firstDay = from - PAD_DAYS[zoom];
  lastDay = to + PAD_DAYS[zoom];
}

/** The row whose header or bars are on this line. */
function rowAt(line: number): number {
  let lo = 0;
  let hi = rowStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rowStart[mid]! <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The line, or undefined while its row has not come from the host. */
function lineAt(i: number): Line | undefined {
  const r = rowAt(i);
  const row = rows.get(r);
  if (!row) return undefined;
  const offset = i - rowStart[r]!;
  if (offset === 0) return { kind: 'header', row };
  const bar = row.bars[offset - 1];
  return bar ? { kind: 'bar', row, bar } : undefined;
}

/** Line index of a bar of the row on line `i` (dependencies are tasks of the same requirement). */
function lineOfBar(i: number, row: TimelineRow, taskId: string): number | undefined {
  const at = row.bars.findIndex((b) => b.taskId === taskId);
  return at < 0 ? undefined : rowStart[rowAt(i)]! + 1 + at;
}

/** Asks the host for the rows of lines `first` to `last` that it has not sent, with some ahead. */
function askForRows(first: number, last: number): void {
  let from = -1;
  let to = -1;
  for (let r = rowAt(first); r <= rowAt(last); r++) {
    if (rows.has(r) || asked.has(r)) continue;
    if (from < 0) from = r;
    to = r + 1;
  }
  if (from < 0) return;
  from = Math.max(0, from - ROWS_AHEAD);
  to = Math.min(barCounts.length, to + ROWS_AHEAD, from + MAX_ROWS_ASKED);
  while (from < to && (rows.has(from) || asked.has(from))) from++;
  while (to > from && (rows.has(to - 1) || asked.has(to - 1))) to--;
  if (from >= to) return;
  for (let r = from; r < to; r++) asked.add(r);
  vscode.postMessage({ type: 'needRows', from, to });
}

/** Takes a page from the host. */
function keepRows(from: number, page: readonly TimelineRow[]): void {
  page.forEach((row, i) => {
    rows.set(from + i, row);
    asked.delete(from + i);
  });
}

// ── intents ───────────────────────────────────────────────────────────────────────────────────

function moveBar(bar: TimelineBar, days: number): void {
  if (days === 0) return;
  focusKey = keyOf(bar.requirementFile, bar.taskId);
  vscode.postMessage({ type: 'moveBar', file: bar.requirementFile, taskId: bar.taskId, start: addDays(bar.start, days) });
}

function resizeBar(bar: TimelineBar, delta: number): void {
  const days = Math.max(0, bar.days + delta);
  if (days === bar.days) return;
  focusKey = keyOf(bar.requirementFile, bar.taskId);
  vscode.postMessage({ type: 'resizeBar', file: bar.requirementFile, taskId: bar.taskId, days });
}

const openTask = (file: string, taskId: string): void => vscode.postMessage({ type: 'openTask', file, taskId });

// ── elements ──────────────────────────────────────────────────────────────────────────────────

function barLabel(row: TimelineRow, bar: TimelineBar): string {
  const flags = [bar.late ? strings.late : undefined, bar.done ? strings.done : undefined].filter(Boolean).join(', ');
  const actual = bar.actual ? `, ${format(strings.actual, bar.actual.start, bar.actual.end)}` : '';
  const stale = bar.staleDays !== undefined ? `, ${format(strings.stale, bar.staleDays)}` : '';
  return `${row.id ?? ''} ${bar.taskId} ${bar.title}, ${bar.start} – ${bar.end}, ${bar.days} ${strings.workdays ?? 'working days'}${bar.owner ? `, ${bar.owner}` : ''}${flags ? `, ${flags}` : ''}${actual}${stale}`;
}

/**
 * Mouse: drag the bar to move its start, drag its right edge to change its length; the bar
 * follows the pointer, and the intent is sent on release (the host's edit moves it for good).
 */
function draggable(node: HTMLElement, handle: HTMLElement, bar: TimelineBar, width: number): void {
  const begin = (e: PointerEvent, mode: 'move' | 'resize'): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const left0 = node.offsetLeft;
    let moved = false;
    node.setPointerCapture(e.pointerId);
    node.classList.add('dragging');
    const onMove = (m: PointerEvent): void => {
      const dx = m.clientX - x0;
      if (Math.abs(dx) > 3) moved = true;
      if (mode === 'move') node.style.left = `${left0 + dx}px`;
      else node.style.width = `${Math.max(ppd(), width + dx)}px`;
    };
    const onUp = (u: PointerEvent): void => {
      node.removeEventListener('pointermove', onMove);
      node.removeEventListener('pointerup', onUp);
      node.removeEventListener('pointercancel', onUp);
      node.classList.remove('dragging');
      const days = Math.round((u.clientX - x0) / ppd());
      if (!moved) {
        if (mode === 'move' && u.type === 'pointerup') openTask(bar.requirementFile, bar.taskId);
        return;
      }
      node.style.left = `${left0}px`;
      node.style.width = `${width}px`;
      // One day's width of drag on the right edge is one working day more or less.
      if (mode === 'move') moveBar(bar, days);
      else resizeBar(bar, days);
    };
    node.addEventListener('pointermove', onMove);
    node.addEventListener('pointerup', onUp);
    node.addEventListener('pointercancel', onUp);
  };
  node.addEventListener('pointerdown', (e) => begin(e, 'move'));
  handle.addEventListener('pointerdown', (e) => begin(e, 'resize'));
}

let measure: CanvasRenderingContext2D | undefined;

/** The width of a bar's label in its font, to tell whether it fits inside the bar. */
function textWidth(text: string): number {
  if (!measure) {
    measure = document.createElement('canvas').getContext('2d') ?? undefined;
    if (!measure) return text.length * 7;
    const style = getComputedStyle(document.body);
    measure.font = `${parseFloat(style.fontSize) * BAR_FONT_SCALE}px ${style.fontFamily}`;
  }
  return measure.measureText(text).width;
}

function barElement(row: TimelineRow, bar: TimelineBar): HTMLElement {
  const start = dayNumber(bar.start);
  const end = dayNumber(bar.end);
  const width = Math.max(ppd(), (end - start + 1) * ppd());
  const text = `${bar.taskId} ${bar.title}`;
  // A label clipped to "T1 M" says nothing: a bar too short for its label has it beside it.
  const short = textWidth(text) + BAR_PADDING > width;
  const node = el('div', `bar${bar.late ? ' late' : ''}${bar.done ? ' done' : ''}${short ? ' short' : ''}`);
  node.tabIndex = 0;
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', barLabel(row, bar));
  // Under a team schema the tooltip names the requirement's status as the team does.
  const status = row.teamStatus ? `\n${format(strings.status, optionLabel(fields, 'status', row.teamStatus))}` : '';
  node.title = `${bar.taskId} ${bar.title}\n${bar.start} – ${bar.end}${status}\n${strings.barHelp ?? ''}`;
  node.dataset.file = row.file;
  node.dataset.task = bar.taskId;
  node.dataset.start = bar.start;
  node.dataset.end = bar.end;
  node.style.left = `${xOf(start)}px`;
  node.style.width = `${width}px`;
  node.append(el('span', 'bar-text', text));
  const handle = el('span', 'resize');
  handle.setAttribute('aria-hidden', 'true');
  node.append(handle);
  node.addEventListener('focus', () => (focusKey = keyOf(bar.requirementFile, bar.taskId)));
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openTask(bar.requirementFile, bar.taskId);
      return;
    }
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    const step = e.key === 'ArrowLeft' ? -1 : 1;
    if (e.shiftKey) resizeBar(bar, step);
    else moveBar(bar, step);
  });
  draggable(node, handle, bar, width);
  return node;
}

function headerLine(row: TimelineRow): HTMLElement[] {
  const label = el('div', 'label header-label');
  if (row.priority) label.append(el('span', `priority ${row.priority.toLowerCase()}`, row.priority));
  label.append(el('span', 'row-id', row.id ?? '?'), el('span', 'row-title', row.title ?? ''));
  label.title = [row.id, row.title, row.customer, row.owner].filter(Boolean).join(' · ');
  const out: HTMLElement[] = [label];
  for (const m of row.milestones) {
    if (m.kind === 'start') continue;
    const marker = el('div', `milestone ${m.kind}`);
    const name = strings[m.kind] ?? m.kind;
    marker.setAttribute('role', 'img');
    marker.setAttribute('aria-label', `${row.id ?? ''} ${name} ${m.date}`);
    marker.title = `${name} ${m.date}`;
    marker.dataset.kind = m.kind;
    marker.dataset.date = m.date;
    marker.style.left = `${xOf(dayNumber(m.date)) + ppd() / 2}px`;
    out.push(marker);
  }
  return out;
}

const format = (template: string | undefined, ...args: Array<string | number>): string =>
  (template ?? '').replace(/\{(\d+)\}/g, (whole, i: string) => String(args[Number(i)] ?? whole));

/** The flag of a task in progress with no recent commit: an icon, and its words for screen readers and on hover. */
function staleFlag(days: number): HTMLElement {
  const text = format(strings.stale, days);
  const flag = el('span', 'stale-flag');
  flag.title = text;
  flag.dataset.staleDays = String(days);
  const icon = el('span', 'stale-icon');
  icon.setAttribute('aria-hidden', 'true');
  flag.append(icon, el('span', 'sr-only', text));
  return flag;
}

/**
 * Under the planned bar: a thin bar from the first to the last counting commit, and a tick on
 * each day with commits (its title lists them: hash and subject, as text).
 */
function progressElements(bar: TimelineBar): HTMLElement[] {
  if (!bar.actual) return [];
  const out: HTMLElement[] = [];
  const from = dayNumber(bar.actual.start);
  const to = dayNumber(bar.actual.end);
  const actual = el('div', 'actual');
  actual.dataset.start = bar.actual.start;
  actual.dataset.end = bar.actual.end;
  actual.style.left = `${xOf(from)}px`;
  actual.style.width = `${Math.max(2, (to - from + 1) * ppd())}px`;
  actual.title = `${format(strings.actual, bar.actual.start, bar.actual.end)}\n${format(strings.commits, bar.ticks?.length ?? 0)}`;
  out.push(actual);
  const byDate = new Map<string, Array<{ hash: string; subject: string }>>();
  for (const t of bar.ticks ?? []) {
    const list = byDate.get(t.date) ?? [];
    list.push(t);
    byDate.set(t.date, list);
  }
  for (const [date, commits] of byDate) {
    const tick = el('div', 'commit-tick');
    tick.dataset.date = date;
    tick.dataset.hashes = commits.map((c) => c.hash).join(' ');
    tick.style.left = `${xOf(dayNumber(date)) + ppd() / 2}px`;
    tick.title = [date, ...commits.map((c) => `${c.hash.slice(0, 10)} ${c.subject}`)].join('\n');
    tick.setAttribute('role', 'img');
    tick.setAttribute('aria-label', tick.title);
    out.push(tick);
  }
  return out;
}

/** A line whose row has not come yet: its place, empty. */
function pendingLine(i: number): HTMLElement {
  const node = el('div', 'line line-pending');
  node.style.top = `${AXIS_HEIGHT + i * LINE_HEIGHT}px`;
  return node;
}

/** The bars each rendered line stands for (a header: its row's; a task line: its own), for the off-screen hints. */
const barsOfLine = new WeakMap<HTMLElement, readonly TimelineBar[]>();

function lineElement(line: Line, i: number): HTMLElement {
  const node = el('div', `line ${line.kind === 'header' ? 'line-header' : 'line-task'}${line.row.file === focusFile ? ' focused' : ''}`);
  node.style.top = `${AXIS_HEIGHT + i * LINE_HEIGHT}px`;
  node.dataset.file = line.row.file;
  if (line.kind === 'header') {
    node.append(...headerLine(line.row));
    barsOfLine.set(node, line.row.bars);
  } else {
    const label = el('div', 'label task-label');
    label.append(el('span', 'task-id', line.bar.taskId), el('span', 'task-title', line.bar.title));
    if (line.bar.owner) label.append(el('span', 'task-owner', line.bar.owner));
    if (line.bar.staleDays !== undefined) label.append(staleFlag(line.bar.staleDays));
    node.append(label, barElement(line.row, line.bar), ...progressElements(line.bar));
    node.dataset.task = line.bar.taskId;
    barsOfLine.set(node, [line.bar]);
  }
  return node;
}

// ── off-screen hints ──────────────────────────────────────────────────────────────────────────

/**
 * At the edges of the chart area, on each line whose bars are out of view: an arrow with the
 * number of bars that way. A click scrolls to the nearest of them. Without it, a row whose work
 * is all in 2024 looks empty at today.
 */
function showHints(): void {
  if (!scroller || !layer) return;
  const [from, to] = visibleDays();
  for (const node of layer.children) {
    if (!(node instanceof HTMLElement)) continue;
    const bars = barsOfLine.get(node);
    node.querySelectorAll('.offscreen').forEach((h) => h.remove());
    if (!bars) continue;
    const before = bars.filter((b) => dayNumber(b.end) + 1 <= from);
    const after = bars.filter((b) => dayNumber(b.start) >= to);
    if (before.length > 0) node.append(hint('before', before, node.classList.contains('line-header')));
    if (after.length > 0) node.append(hint('after', after, node.classList.contains('line-header')));
  }
}

function hint(side: 'before' | 'after', bars: readonly TimelineBar[], counted: boolean): HTMLElement {
  const arrow = side === 'before' ? '◀' : '▶';
  const count = counted ? String(bars.length) : '';
  const text = side === 'before' ? `${arrow}${count ? ` ${count}` : ''}` : `${count ? `${count} ` : ''}${arrow}`;
  const node = el('button', `offscreen ${side}`, text);
  const label = (strings[side === 'before' ? 'earlier' : 'later'] ?? '{0}').replace('{0}', String(bars.length));
  node.title = label;
  node.setAttribute('aria-label', label);
  node.dataset.count = String(bars.length);
  // Placed in the chart's coordinates at the edge of what is in view; moved again on every scroll.
  const left = scroller!.scrollLeft + LABEL_WIDTH + 2;
  const right = scroller!.scrollLeft + scroller!.clientWidth - 2;
  if (side === 'before') node.style.left = `${left}px`;
  else node.style.left = `${right}px`;
  node.addEventListener('pointerdown', (e) => e.stopPropagation());
  node.addEventListener('click', () => {
    // The nearest bar that way, a third of the way into the view.
    const days = side === 'before' ? Math.max(...bars.map((b) => dayNumber(b.end))) : Math.min(...bars.map((b) => dayNumber(b.start)));
    scrollToDay(days, side === 'before' ? 2 / 3 : 1 / 3);
  });
  return node;
}

/** Scrolls so that `day` is at `fraction` of the chart area's width. */
function scrollToDay(day: number, fraction: number): void {
  if (!scroller) return;
  scroller.scrollLeft = Math.max(0, xOf(day) - LABEL_WIDTH - (scroller.clientWidth - LABEL_WIDTH) * fraction);
}

function arrows(from: number, to: number): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.classList.add('arrows');
  svg.setAttribute('aria-hidden', 'true');
  const top = AXIS_HEIGHT + from * LINE_HEIGHT;
  svg.style.top = `${top}px`;
  svg.setAttribute('width', String(xOf(lastDay + 1)));
  svg.setAttribute('height', String(Math.max(1, (to - from + 1) * LINE_HEIGHT)));
  const defs = document.createElementNS(SVG_NS, 'defs');
  const marker = document.createElementNS(SVG_NS, 'marker');
  marker.id = 'arrowhead';
  for (const [k, v] of Object.entries({ viewBox: '0 0 6 6', refX: '6', refY: '3', markerWidth: '6', markerHeight: '6', orient: 'auto' }))
    marker.setAttribute(k, v);
  const head = document.createElementNS(SVG_NS, 'path');
  head.setAttribute('d', 'M0,0 L6,3 L0,6 z');
  marker.append(head);
  defs.append(marker);
  svg.append(defs);
  const mid = (line: number): number => AXIS_HEIGHT + line * LINE_HEIGHT + LINE_HEIGHT / 2 - top;
  for (let i = from; i <= to; i++) {
    const line = lineAt(i);
    if (line?.kind !== 'bar') continue;
    for (const dep of line.bar.dependsOn) {
      const j = lineOfBar(i, line.row, dep);
      const other = j === undefined ? undefined : lineAt(j);
      if (j === undefined || other?.kind !== 'bar') continue;
      const x1 = xOf(dayNumber(other.bar.end) + 1);
      const x2 = xOf(dayNumber(line.bar.start));
      const y1 = mid(j);
      const y2 = mid(i);
      const bend = Math.max(x1 + 4, Math.min(x2 - 4, x1 + 8));
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', `M${x1},${y1} H${bend} V${y2} H${x2}`);
      path.setAttribute('marker-end', 'url(#arrowhead)');
      path.dataset.from = dep;
      path.dataset.to = line.bar.taskId;
      svg.append(path);
    }
  }
  return svg;
}

// ── rendering ─────────────────────────────────────────────────────────────────────────────────

let scroller: HTMLElement | undefined;
let canvas: HTMLElement | undefined;
let layer: HTMLElement | undefined;
let rendered: [number, number] | undefined;
let frame = 0;

function axis(): HTMLElement {
  const node = el('div', 'axis');
  node.style.width = `${xOf(lastDay + 1)}px`;
  node.append(el('div', 'axis-corner'));
  for (let day = firstDay; day <= lastDay; day++) {
    const iso = isoOf(day);
    const date = new Date(day * DAY_MS);
    const monthStart = iso.endsWith('-01');
    const tick = zoom === 'day' ? true : zoom === 'week' ? date.getUTCDay() === 1 : monthStart;
    if (!tick) continue;
    const text = zoom === 'day' ? iso.slice(8) : zoom === 'week' ? iso.slice(5) : iso.slice(0, 7);
    const t = el('div', `tick${monthStart ? ' month-start' : ''}${iso === today ? ' is-today' : ''}`, text);
    t.style.left = `${xOf(day)}px`;
    t.title = iso;
    t.dataset.date = iso;
    node.append(t);
  }
  // The upper line names the month (day and week zoom) or the year (month zoom), with the year
  // written out, so no date on the axis is without its year.
  let previous = '';
  for (let day = firstDay; day <= lastDay; day++) {
    const iso = isoOf(day);
    const label = zoom === 'month' ? iso.slice(0, 4) : iso.slice(0, 7);
    if (label === previous) continue;
    previous = label;
    const m = el('div', 'tick-month', label);
    m.style.left = `${xOf(day)}px`;
    node.append(m);
  }
  return node;
}

/** The years the chart shows in the corner above the labels, for the dates in view. */
function showYears(): void {
  const corner = scroller?.querySelector<HTMLElement>('.axis-corner');
  if (!scroller || !corner) return;
  const [from, to] = visibleDays();
  const first = isoOf(Math.floor(from)).slice(0, 4);
  const last = isoOf(Math.max(Math.floor(from), Math.ceil(to) - 1)).slice(0, 4);
  corner.textContent = first === last ? first : `${first} – ${last}`;
}

/** The first and last (exclusive) day the chart area shows, beside the label column. */
function visibleDays(): [number, number] {
  if (!scroller) return [firstDay, firstDay];
  const from = firstDay + scroller.scrollLeft / ppd();
  return [from, from + Math.max(0, scroller.clientWidth - LABEL_WIDTH) / ppd()];
}

const barHasFocus = (): boolean => document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('bar');

/** Puts the lines in the viewport (and the margin) into the DOM; nothing else is there. */
function renderWindow(force = false, hadFocus = barHasFocus()): void {
  if (!scroller || !layer) return;
  const top = Math.max(0, scroller.scrollTop - AXIS_HEIGHT);
  const first = Math.max(0, Math.floor(top / LINE_HEIGHT) - MARGIN_LINES);
  const last = Math.min(lineCount - 1, Math.ceil((top + scroller.clientHeight) / LINE_HEIGHT) + MARGIN_LINES);
  if (!force && rendered && rendered[0] === first && rendered[1] === last) return;
  rendered = [first, last];
  const nodes: Element[] = [];
  for (let i = first; i <= last; i++) {
    const line = lineAt(i);
    nodes.push(line ? lineElement(line, i) : pendingLine(i));
  }
  if (last >= first) askForRows(first, last);
  if (last >= first) nodes.push(arrows(first, last));
  layer.replaceChildren(...nodes);
  showHints();
  // Only a bar that had the focus gets it back: a re-render must not steal it from elsewhere.
  if (focusKey && hadFocus) {
    const [file, task] = focusKey.split('\n');
    const bar = [...layer.querySelectorAll<HTMLElement>('.bar')].find((b) => b.dataset.file === file && b.dataset.task === task);
    bar?.focus({ preventScroll: true });
  }
}

function scheduleWindow(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderWindow();
    showHints();
    showYears();
  });
}

function scrollToToday(): void {
  if (!scroller || !today) return;
  scrollToDay(dayNumber(today), 1 / 3);
}

/**
 * Where the chart opens: on the work still to do, with today in view when that work is around
 * today; on the latest work when everything shown is done. Opening on today alone showed empty
 * rows when the work was elsewhere.
 */
function scrollToOpenWork(): void {
  if (!scroller) return;
  const width = Math.max(1, (scroller.clientWidth - LABEL_WIDTH) / ppd());
  const t = today ? dayNumber(today) : undefined;
  const span = openRange ?? range;
  if (!span) {
    scrollToToday();
    return;
  }
  const start = dayNumber(span.start);
  const end = dayNumber(span.end) + 1;
  if (!openRange) {
    // Nothing left to do: the last of the work done.
    scrollToDay(Math.max(start, end - width * 0.8), 0);
    return;
  }
  const around = t !== undefined && t >= start - width / 2 && t <= end + width / 2;
  const lo = around ? Math.min(start, t) : start;
  const hi = around ? Math.max(end, t + 1) : end;
  if (hi - lo <= width * 0.9) scrollToDay(lo - (width - (hi - lo)) / 2, 0);
  else if (around) scrollToDay(t, 1 / 3);
  else scrollToDay(start - width * 0.05, 0);
}

function scrollToRow(file: string): void {
  if (!scroller) return;
  // The host sends the page holding a requirement before it asks to focus it.
  const found = [...rows].find(([r, row]) => row.file === file && r < rowStart.length);
  if (!found) return;
  scroller.scrollTop = rowStart[found[0]]! * LINE_HEIGHT;
  const bars = found[1].bars;
  const starts = bars.map((b) => dayNumber(b.start));
  if (starts.length) scroller.scrollLeft = Math.max(0, xOf(Math.min(...starts)) - LABEL_WIDTH - 2 * LINE_HEIGHT);
}

/** The filter is the host's to apply: it answers with the rows that pass. */
const filterBar = filterBarView((chosen) => {
  filter = chosen;
  vscode.setState({ filter, zoom });
  vscode.postMessage({ type: 'filter', filter });
});

function toolbar(): HTMLElement {
  const bar = el('div', 'toolbar');
  bar.append(filterBar.render(fields, filter));
  const zooms = el('div', 'zooms');
  zooms.setAttribute('role', 'group');
  zooms.setAttribute('aria-label', strings.zoom ?? 'Zoom');
  for (const z of ['day', 'week', 'month'] as const) {
    const b = el('button', `zoom${z === zoom ? ' active' : ''}`, strings[z] ?? z);
    b.setAttribute('aria-pressed', String(z === zoom));
    b.dataset.zoom = z;
    b.addEventListener('click', () => setZoom(z));
    zooms.append(b);
  }
  const todayButton = el('button', 'to-today', strings.today ?? 'Scroll to today');
  todayButton.addEventListener('click', scrollToToday);
  bar.append(zooms, todayButton, finishedToggle());
  return bar;
}

function finishedToggle(): HTMLElement {
  const wrap = el('label', 'hide-finished');
  wrap.title = strings.hideFinishedHelp ?? '';
  const box = el('input');
  box.type = 'checkbox';
  box.checked = hideFinished;
  box.addEventListener('change', () => vscode.postMessage({ type: 'hideFinished', hide: box.checked }));
  wrap.append(box, el('span', undefined, strings.hideFinished ?? 'Hide finished'));
  if (hideFinished && finishedHidden > 0)
    wrap.append(el('span', 'finished-count', `(${(strings.finishedHidden ?? '{0}').replace('{0}', String(finishedHidden))})`));
  return wrap;
}

/** What the marks on the chart mean. */
function legend(): HTMLElement {
  const node = el('div', 'legend');
  node.setAttribute('role', 'list');
  node.setAttribute('aria-label', strings.legend ?? 'Legend');
  const item = (swatch: string, text: string | undefined): void => {
    const entry = el('span', 'legend-item');
    entry.setAttribute('role', 'listitem');
    const mark = el('span', `swatch ${swatch}`);
    mark.setAttribute('aria-hidden', 'true');
    entry.append(mark, el('span', undefined, text ?? ''));
    node.append(entry);
  };
  item('swatch-bar', strings.legendBar);
  item('swatch-bar late', strings.legendLate);
  item('swatch-bar done', strings.legendDone);
  item('swatch-today', strings.legendToday);
  item('swatch-milestone planned_done', strings.planned_done);
  item('swatch-milestone feedback_due', strings.feedback_due);
  item('swatch-tick', strings.legendTick);
  item('swatch-actual', strings.legendActual);
  const stale = el('span', 'legend-item');
  stale.setAttribute('role', 'listitem');
  const icon = el('span', 'stale-icon');
  icon.setAttribute('aria-hidden', 'true');
  stale.append(icon, el('span', undefined, strings.legendStale ?? ''));
  node.append(stale);
  return node;
}

function setZoom(z: TimelineZoom): void {
  if (z === zoom) return;
  // Keep the date in the middle of the view in the middle.
  const middle = scroller ? firstDay + (scroller.scrollLeft + (scroller.clientWidth - LABEL_WIDTH) / 2) / ppd() : undefined;
  zoom = z;
  vscode.setState({ filter, zoom });
  vscode.postMessage({ type: 'zoom', zoom });
  const top = scroller?.scrollTop ?? 0;
  render(false);
  if (scroller && middle !== undefined) {
    scroller.scrollTop = top;
    scroller.scrollLeft = Math.max(0, (middle - firstDay) * ppd() - (scroller.clientWidth - LABEL_WIDTH) / 2);
  }
}

function issueText(issue: TimelineIssue): string {
  return (strings[`problem.${issue.problem}`] ?? issue.problem).replace('{0}', issue.detail);
}

function side(): HTMLElement {
  const aside = el('aside', 'unscheduled');
  aside.append(el('h2', undefined, `${strings.unscheduled ?? 'Not on the timeline'} (${unscheduled.length})`));
  if (unscheduled.length === 0) aside.append(el('p', 'hint', strings.unscheduledNone ?? ''));
  const list = el('ul');
  for (const issue of unscheduled) {
    const item = el('li', `issue problem-${issue.problem}`);
    item.dataset.file = issue.file;
    if (issue.taskId) item.dataset.task = issue.taskId;
    item.dataset.problem = issue.problem;
    item.append(
      el('span', 'issue-id', `${issue.id ?? '?'}${issue.taskId ? ` ${issue.taskId}` : ''}`),
      el('span', 'issue-problem', issueText(issue)),
    );
    if (issue.taskId) {
      const taskId = issue.taskId;
      item.tabIndex = 0;
      item.setAttribute('role', 'button');
      item.addEventListener('click', () => openTask(issue.file, taskId));
      item.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          openTask(issue.file, taskId);
        }
      });
    }
    list.append(item);
  }
  aside.append(list);
  return aside;
}

/** Rebuilds the page; the scroll position is the caller's to keep or set. */
function render(keepScroll = true): void {
  const hadFocus = barHasFocus();
  const left = scroller?.scrollLeft ?? 0;
  const top = scroller?.scrollTop ?? 0;
  relayout();
  const root = el('main', 'timeline-page');
  if (missing) {
    // No chart: what scrolls and draws rows has nothing to work on until tasks come.
    scroller = canvas = layer = undefined;
    root.append(missingFieldsView(missing));
    app.replaceChildren(root);
    return;
  }
  root.append(toolbar(), legend());
  const layout = el('div', 'layout');
  scroller = el('div', `scroller zoom-${zoom}`);
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', strings.title ?? 'Timeline');
  scroller.tabIndex = -1;
  canvas = el('div', 'canvas');
  canvas.style.width = `${xOf(lastDay + 1)}px`;
  canvas.style.height = `${AXIS_HEIGHT + lineCount * LINE_HEIGHT}px`;
  canvas.append(axis());
  if (today) {
    const line = el('div', 'today-line');
    line.style.left = `${xOf(dayNumber(today)) + ppd() / 2}px`;
    line.title = today;
    line.dataset.date = today;
    canvas.append(line);
  }
  layer = el('div', 'lines');
  canvas.append(layer);
  scroller.append(canvas);
  if (lineCount === 0) layout.append(el('p', 'empty', strings.empty ?? ''));
  else if (!openRange) layout.append(el('p', 'empty', strings.nothingOpen ?? ''));
  layout.append(scroller, side());
  root.append(layout);
  app.replaceChildren(root);
  scroller.addEventListener('scroll', scheduleWindow, { passive: true });
  if (keepScroll) {
    scroller.scrollLeft = left;
    scroller.scrollTop = top;
  }
  rendered = undefined;
  renderWindow(true, hadFocus);
  showYears();
}

window.addEventListener('resize', scheduleWindow);

function shownFrom(message: {
  openRange?: { start: string; end: string };
  hideFinished: boolean;
  finishedHidden: number;
  missing?: MissingFieldsText;
}): void {
  missing = message.missing;
  openRange = message.openRange;
  hideFinished = message.hideFinished;
  finishedHidden = message.finishedHidden;
}

let initialised = false;

window.addEventListener('message', (event: MessageEvent<ToTimeline>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      strings = message.strings;
      today = message.today;
      range = message.range;
      shownFrom(message);
      unscheduled = message.unscheduled;
      fields = message.filters;
      rows.clear();
      asked.clear();
      barCounts = message.barCounts;
      keepRows(message.from, message.rows);
      if (!saved) zoom = message.zoom;
      filter = startingFilter(filter, message.filter, (kept) => vscode.postMessage({ type: 'filter', filter: kept }));
      focusFile = message.focus ?? focusFile;
      render(initialised);
      if (!initialised) {
        initialised = true;
        if (focusFile) scrollToRow(focusFile);
        else scrollToOpenWork();
        renderWindow(true);
      }
      break;
    }
    case 'rows': {
      today = message.today;
      range = message.range;
      shownFrom(message);
      unscheduled = message.unscheduled;
      fields = message.filters;
      // Every row may have moved: the pages held so far are stale, and asked for again as needed.
      rows.clear();
      asked.clear();
      barCounts = message.barCounts;
      keepRows(message.from, message.rows);
      render();
      break;
    }
    case 'rowsPage':
      keepRows(message.from, message.rows);
      renderWindow(true);
      break;
    case 'focus':
      focusFile = message.file;
      scrollToRow(message.file);
      renderWindow(true);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
