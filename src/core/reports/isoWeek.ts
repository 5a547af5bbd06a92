// ISO 8601 weeks, the weekly report's period: Monday to Sunday, numbered so that week 1 is the one
// holding the year's first Thursday (so 2026-12-31 is in 2026-W53 and 2027-01-01 too). Pure
// calendar arithmetic on day numbers, like range.ts; `today` is always passed in.
import { isValidIsoDate } from '../schedule';
import { addDays, dayNumber, type ReportRange } from './range';

export interface IsoWeek {
  /** The week-numbering year (the year of the week's Thursday), which may differ from the calendar year. */
  year: number;
  /** 1–52, or 53 in a long year. */
  week: number;
}

export type WeekPreset = 'this' | 'last' | 'next';
export const WEEK_PRESETS: readonly WeekPreset[] = ['this', 'last', 'next'];

/** ISO weekday of a valid date: 1 Monday … 7 Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the week a date is in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The ISO week a valid date is in. */
export function isoWeekOf(date: string): IsoWeek {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor((dayNumber(thursday) - dayNumber(`${String(year).padStart(4, '0')}-01-01`)) / 7) + 1 };
}

/** 52 or 53: the week of 28 December is always the year's last. */
export function weeksInYear(year: number): number {
  return isoWeekOf(`${String(year).padStart(4, '0')}-12-28`).week;
}

/** Monday to Sunday of a week. */
export function weekRange(w: IsoWeek): ReportRange {
  // 4 January is always in week 1.
  const from = addDays(mondayOf(`${String(w.year).padStart(4, '0')}-01-04`), (w.week - 1) * 7);
  return { from, to: addDays(from, 6) };
}

/** `2026-W49`. */
export function weekLabel(w: IsoWeek): string {
  return `${String(w.year).padStart(4, '0')}-W${String(w.week).padStart(2, '0')}`;
}

/** A week written `YYYY-Www` (`2026-W49`, the `W` in either case); undefined when there is no such week. */
export function parseIsoWeek(text: string): IsoWeek | undefined {
  const m = /^(\d{4})-[Ww](\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Week 1 of year 0000 starts in the year -1, which a date cannot hold; week 52/53 of 9999 is fine.
  if (year < 1 || week < 1 || week > weeksInYear(year)) return undefined;
  return { year, week };
}

/** This, last or next week, relative to `today`. */
export function presetWeek(preset: WeekPreset, today: string): ReportRange {
  const monday = addDays(mondayOf(today), preset === 'last' ? -7 : preset === 'next' ? 7 : 0);
  return { from: monday, to: addDays(monday, 6) };
}

/** The ISO week a period is exactly (Monday to the Sunday after), else undefined. */
export function exactWeek(range: ReportRange): IsoWeek | undefined {
  if (!isValidIsoDate(range.from) || !isValidIsoDate(range.to)) return undefined;
  return isoWeekday(range.from) === 1 && addDays(range.from, 6) === range.to ? isoWeekOf(range.from) : undefined;
}

/** `--week this|last|next|YYYY-Www` as a period; undefined when it is neither. */
export function weekFromText(text: string, today: string): ReportRange | undefined {
  const preset = WEEK_PRESETS.find((p) => p === text.trim());
  if (preset) return presetWeek(preset, today);
  const week = parseIsoWeek(text);
  return week ? weekRange(week) : undefined;
}
