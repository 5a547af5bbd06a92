// A history entry in words, the same in the CLI (`reqdesk history`) and the Requirements view:
// what happened to the file, then one line per changed field. Each a line of visible text: file
// names and values come from the repository (see terminalText).
import type { FieldChange, HistoryEntry } from './history';
import { localize, type Language } from './l10n';
import { printable } from './terminalText';

/** The words of history entries in a language, from the one catalog (tests compare with them). */
export function historyWords(lang: Language) {
  return {
    created: (file: string) => localize(lang, 'created {0}', file),
    restored: (file: string) => localize(lang, 'added again as {0}', file),
    renamed: (from: string, to: string) => localize(lang, 'renamed {0} → {1}', from, to),
    deleted: (file: string) => localize(lang, 'deleted {0}', file),
    unreadable: localize(lang, 'front-matter unreadable at this commit'),
    readable: localize(lang, 'front-matter readable again'),
    none: localize(lang, '(none)'),
  };
}

/**
 * A value as people read it: bare text, numbers as written, anything else as JSON; text that is
 * empty or holds characters printable escapes (a line break …) in quotes.
 */
export function showHistoryValue(value: unknown, lang: Language): string {
  if (value === undefined) return localize(lang, '(none)');
  if (typeof value === 'string') return value === '' || printable(value) !== value ? `"${value}"` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The lines of one entry: what happened to the file first, then one line per field. */
export function describeHistoryEntry(entry: HistoryEntry, lang: Language): string[] {
  const t = historyWords(lang);
  const lines: string[] = [];
  const fresh = entry.fileEvents.includes('created') || entry.fileEvents.includes('restored');
  for (const event of entry.fileEvents) {
    if (event === 'created') lines.push(t.created(entry.path));
    else if (event === 'restored') lines.push(t.restored(entry.path));
    else if (event === 'renamed') lines.push(t.renamed(entry.renamedFrom ?? '', entry.path));
    else if (event === 'deleted') lines.push(t.deleted(entry.path));
    else if (event === 'unreadable') lines.push(t.unreadable);
    else lines.push(t.readable);
  }
  const show = (v: unknown) => showHistoryValue(v, lang);
  // A new record's first values read as values, not as changes from nothing.
  const change = (c: FieldChange) =>
    fresh && c.from === undefined ? `${c.field}: ${show(c.to)}` : `${c.field}: ${show(c.from)} → ${show(c.to)}`;
  lines.push(...entry.changes.map(change));
  return lines.map(printable);
}
