// "3 days ago" / "3天前" for commit dates in the tree: the unit grows with the distance, the way
// people say it, not an exact duration.
import { parseGitDate } from './commits';
import type { Language } from './messages';

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number, number]> = [
  // unit, seconds per unit, use while the distance is below this many units
  ['second', 1, 45],
  ['minute', 60, 45],
  ['hour', 3600, 22],
  ['day', 86400, 26],
  ['month', 2629800, 11],
  ['year', 31557600, Infinity],
];

const formats = new Map<Language, Intl.RelativeTimeFormat>();

/** `date` (as git gives it) relative to `now` (ms since the epoch), in the UI language. */
export function relativeTime(date: string, now: number, lang: Language): string {
  const time = parseGitDate(date);
  if (Number.isNaN(time)) return date;
  let format = formats.get(lang);
  if (!format) formats.set(lang, (format = new Intl.RelativeTimeFormat(lang === 'zh-cn' ? 'zh-CN' : 'en', { numeric: 'auto' })));
  const seconds = (time - now) / 1000;
  for (const [unit, size, below] of STEPS) {
    const value = Math.round(seconds / size);
    if (Math.abs(value) < below) return format.format(value, unit);
  }
  return date;
}
