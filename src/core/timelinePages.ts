// The timeline's rows in pages: the host keeps the whole model and the webview holds only the rows
// it draws. The webview lays out every row from its bar count alone (a header line and one line per
// bar), so the first message carries the counts and one page; the rest comes when it scrolls there.
// Pure: pages are slices of the model, by row index in the model's order.
import type { TimelineRow } from '../protocol/timeline';
import type { TimelineModel } from './timeline';

/**
 * Lines a page covers at least: the first screen (about 32 lines in a 900-pixel tall panel) and
 * margins for scrolling both ways before the next page arrives.
 */
export const PAGE_LINES = 120;
/** Lines shown above a revealed requirement's page, so the view can scroll a little up from it. */
const LINES_ABOVE_REVEALED = 20;

export interface TimelinePage {
  /** Row index of the first row. */
  from: number;
  rows: TimelineRow[];
}

/** The number of bars of each row, in order: what the webview needs to lay out every line. */
export function barCounts(model: TimelineModel): number[] {
  return model.rows.map((r) => r.bars.length);
}

/** The rows from `from` (clamped to the model) that cover at least `PAGE_LINES` lines. */
export function pageFrom(model: TimelineModel, from: number): TimelinePage {
  const start = Math.max(0, Math.min(from, model.rows.length - 1));
  let end = start;
  for (let lines = 0; end < model.rows.length && lines < PAGE_LINES; end++) lines += 1 + model.rows[end]!.bars.length;
  return { from: start, rows: model.rows.slice(start, end) };
}

/** Rows `from` (inclusive) to `to` (exclusive), as far as the model has them. */
export function pageBetween(model: TimelineModel, from: number, to: number): TimelinePage {
  const start = Math.min(from, model.rows.length);
  return { from: start, rows: model.rows.slice(start, Math.max(start, to)) };
}

/** The page holding a requirement's row, starting a few lines above it; undefined when the row is not shown. */
export function pageHolding(model: TimelineModel, file: string): TimelinePage | undefined {
  const at = model.rows.findIndex((r) => r.file === file);
  if (at < 0) return undefined;
  let from = at;
  for (let lines = 0; from > 0 && lines < LINES_ABOVE_REVEALED;) lines += 1 + model.rows[--from]!.bars.length;
  const page = pageFrom(model, from);
  // A long row above it must not push the revealed row itself out of the page.
  return page.from + page.rows.length > at ? page : pageBetween(model, from, at + 1);
}
