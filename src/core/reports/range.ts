// The period of a report: two ISO dates, both inclusive, and the presets people ask for (this
// quarter, last quarter, this year). Pure calendar arithmetic on day numbers, no time zone.
import { isValidIsoDate } from '../schedule';

export interface ReportRange {
  /** First day of the period, YYYY-MM-DD. */
  from: string;
  /** Last day of the period (inclusive), YYYY-MM-DD. */
  to: string;
}

export type RangePreset = 'this-quarter' | 'last-quarter' | 'this-year' | 'last-year';

export const RANGE_PRESETS: readonly RangePreset[] = ['this-quarter', 'last-quarter', 'this-year', 'last-year'];

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid ISO date. */
export function dayNumber(iso: string): number {
  const d = new Date(Date.UTC(2000, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
  d.setUTCFullYear(Number(iso.slice(0, 4)));
  return Math.round(d.getTime() / DAY_MS);
}

export function dateOfDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function addDays(iso: string, n: number): string {
  return dateOfDay(dayNumber(iso) + n);
}

/** The calendar date part of a git timestamp (`2024-04-02T16:45:00+08:00` → 2024-04-02), as its author saw it. */
export function dateOfTimestamp(timestamp: string): string | undefined {
  const date = timestamp.slice(0, 10);
  return isValidIsoDate(date) ? date : undefined;
}

export function inRange(date: string | undefined, range: ReportRange): boolean {
  return date !== undefined && isValidIsoDate(date) && date >= range.from && date <= range.to;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of a month (1–12). */
const lastDay = (year: number, month: number) =>
  dateOfDay(dayNumber(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`) - 1);

function quarter(year: number, q: number): ReportRange {
  const first = (q - 1) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: lastDay(year, first + 2) };
}

/** The period a preset names, relative to `today`. */
export function presetRange(preset: RangePreset, today: string): ReportRange {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  switch (preset) {
    case 'this-quarter':
      return quarter(year, q);
    case 'last-quarter':
      return q === 1 ? quarter(year - 1, 4) : quarter(year, q - 1);
    case 'this-year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'last-year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

export type RangeProblem = 'invalid-from' | 'invalid-to' | 'inverted';

/** Why a period cannot be reported on, or undefined when it can. */
export function checkRange(range: ReportRange): RangeProblem | undefined {
  if (!isValidIsoDate(range.from)) return 'invalid-from';
  if (!isValidIsoDate(range.to)) return 'invalid-to';
  if (range.from > range.to) return 'inverted';
  return undefined;
}

/** The months a period touches, `YYYY-MM`, in order. */
export function monthsOf(range: ReportRange): string[] {
  const out: string[] = [];
  let y = Number(range.from.slice(0, 4));
  let m = Number(range.from.slice(5, 7));
  const end = range.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    if (key > end) break;
    out.push(key);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
