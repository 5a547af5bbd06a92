// A history entry in words, the same in the CLI (`reqdesk history`) and the Requirements view:
// what happened to the file, then one line per changed field, per changed essential section, and
// one for the rest of the body. Each a line of visible text: file names and values come from the
// repository (see terminalText). A section's text is shown as a short excerpt around the change;
// the JSON output carries it whole.
import type { SectionChange } from './bodyHistory';
import { charWidth } from './displayWidth';
import { LEADING_FIELDS, type FieldChange } from './fieldDiff';
import type { HistoryEntry } from './history';
import { localize, type Language } from './l10n';
import { ESSENTIAL_NAMES } from './messages';
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
    added: (field: string, what: string) => localize(lang, '{0}: added {1}', field, what),
    removed: (field: string, what: string) => localize(lang, '{0}: removed {1}', field, what),
    addedAndRemoved: (field: string, added: string, removed: string) =>
      localize(lang, '{0}: added {1}; removed {2}', field, added, removed),
    section: (name: string, value: string) => localize(lang, 'section {0}: {1}', name, value),
    sectionChanged: (name: string, from: string, to: string) => localize(lang, 'section {0}: {1} → {2}', name, from, to),
    otherText: localize(lang, 'other text of the body changed'),
    moreAtCreation: (fields: number, sections: number) =>
      fields > 0 && sections > 0
        ? localize(lang, '… more fields: {0}; essential sections written: {1} of 4', fields, sections)
        : fields > 0
          ? localize(lang, '… more fields: {0}', fields)
          : localize(lang, '… essential sections written: {0} of 4', sections),
  };
}

/** How many columns of a section, or of a text inside a list item, a line shows (a CJK character takes two). */
const EXCERPT_COLUMNS = 40;
/** How many columns of unchanged text an excerpt shows before the first difference. */
const CONTEXT_COLUMNS = 12;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The characters from `start` that fit in EXCERPT_COLUMNS, an ellipsis where the text is cut (and no blank next to it). */
function excerptAt(chars: readonly string[], start: number): string {
  let end = start;
  for (let used = 0; end < chars.length && used + charWidth(chars[end]!) <= EXCERPT_COLUMNS; end++) used += charWidth(chars[end]!);
  let text = chars.slice(start, end).join('');
  if (start > 0) text = `…${text.trimStart()}`;
  if (end < chars.length) text = `${text.trimEnd()}…`;
  return text;
}

/** The first index from which the characters before `end` take at most `columns`. */
function backBy(chars: readonly string[], end: number, columns: number): number {
  let start = end;
  for (let used = 0; start > 0 && used + charWidth(chars[start - 1]!) <= columns; start--) used += charWidth(chars[start - 1]!);
  return start;
}

/**
 * Excerpts of a section's text before and after, on one line and bounded: the same window of both,
 * from a little before the first character that differs, so the change is in sight even deep in a
 * long section (and the whole text when it fits). undefined stays undefined.
 */
export function sectionExcerpts(from: string | undefined, to: string | undefined): [string | undefined, string | undefined] {
  // Code points, not UTF-16 units: a window never splits a character.
  const a = from === undefined ? undefined : Array.from(oneLine(from));
  const b = to === undefined ? undefined : Array.from(oneLine(to));
  let start = 0;
  if (a && b) {
    let same = 0;
    while (same < a.length && same < b.length && a[same] === b[same]) same++;
    const longer = a.length >= b.length ? a : b;
    // No later than the start of a window that ends with the longer text: a short text shows whole.
    start = Math.min(backBy(a, same, CONTEXT_COLUMNS), backBy(longer, longer.length, EXCERPT_COLUMNS));
  }
  return [a && excerptAt(a, start), b && excerptAt(b, start)];
}

/**
 * A value as people read it: bare text, numbers as written, lists and mappings in YAML's flow form
 * (`[T1, T2]`, `{id: T3, title: …}`, their texts shortened); text that is empty or holds characters
 * printable escapes (a line break …) in quotes.
 */
export function showHistoryValue(value: unknown, lang: Language): string {
  if (value === undefined) return localize(lang, '(none)');
  if (typeof value === 'string') return value === '' || printable(value) !== value ? `"${value}"` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return flow(value);
}

/** A value inside a list or mapping: text that would read as flow syntax is quoted (JSON). */
function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${flow(v)}`)
      .join(', ')}}`;
  }
  if (typeof value !== 'string') return String(value);
  const shown = excerptAt(Array.from(value), 0);
  return shown === '' || /^\s|\s$|[,[\]{}:"#]/.test(shown) || printable(shown) !== shown ? JSON.stringify(shown) : shown;
}

/** The items of `list` that `other` has not, as many times as `list` has more of them (linear: lists can be long). */
function missingFrom(list: readonly unknown[], other: readonly unknown[]): unknown[] {
  const left = new Map<unknown, number>();
  for (const item of other) left.set(item, (left.get(item) ?? 0) + 1);
  const missing: unknown[] = [];
  for (const item of list) {
    const n = left.get(item) ?? 0;
    if (n === 0) missing.push(item);
    else left.set(item, n - 1);
  }
  return missing;
}

const isScalarList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');

/** One field's line. A new record's first values read as values, not as changes from nothing. */
function fieldLine(c: FieldChange, fresh: boolean, lang: Language): string {
  const t = historyWords(lang);
  const show = (v: unknown) => showHistoryValue(v, lang);
  if (fresh && c.from === undefined) return `${c.field}: ${show(c.to)}`;
  if (c.item) return c.from === undefined ? t.added(c.field, show(c.to)) : t.removed(c.field, show(c.from));
  // A list of texts (related, risks, people): the items that came and went, unless only the order changed.
  const from = c.from ?? [];
  const to = c.to ?? [];
  if (isScalarList(from) && isScalarList(to)) {
    const added = missingFrom(to, from);
    const removed = missingFrom(from, to);
    const items = (list: unknown[]) => list.map(flow).join(', ');
    if (added.length > 0 && removed.length > 0) return t.addedAndRemoved(c.field, items(added), items(removed));
    if (added.length > 0) return t.added(c.field, items(added));
    if (removed.length > 0) return t.removed(c.field, items(removed));
  }
  return `${c.field}: ${show(c.from)} → ${show(c.to)}`;
}

/** One essential section's line: its name in the language, excerpts of its text in quotes. */
function sectionLine(c: SectionChange, fresh: boolean, lang: Language): string {
  const t = historyWords(lang);
  const name = localize(lang, ESSENTIAL_NAMES[c.section]);
  const [from, to] = sectionExcerpts(c.from, c.to);
  const quoted = (excerpt: string | undefined) => (excerpt === undefined ? t.none : `"${excerpt}"`);
  if (fresh && from === undefined) return t.section(name, quoted(to));
  return t.sectionChanged(name, quoted(from), quoted(to));
}

/** The lines of one entry: what happened to the file first, then the fields, the sections and the rest of the body. */
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
  if (fresh) {
    // A new file's every value is not news: the fields that place it in the workflow are listed,
    // the rest counted (the JSON output carries them all).
    const leading = entry.changes.filter((c) => LEADING_FIELDS.includes(c.field));
    lines.push(...leading.map((c) => fieldLine(c, fresh, lang)));
    const more = entry.changes.length - leading.length;
    const sections = entry.sections?.length ?? 0;
    if (more > 0 || sections > 0) lines.push(t.moreAtCreation(more, sections));
  } else lines.push(...changeLines(entry, lang));
  return lines.map(printable);
}

/**
 * The lines of changes between two readable versions: one per field, per essential section and one
 * for the rest of the body, as a history entry shows them (a baseline comparison shows them alike).
 * Not yet made printable.
 */
export function changeLines(
  what: { changes: readonly FieldChange[]; sections?: readonly SectionChange[] | undefined; otherTextChanged?: true | undefined },
  lang: Language,
): string[] {
  const lines = what.changes.map((c) => fieldLine(c, false, lang));
  lines.push(...(what.sections ?? []).map((c) => sectionLine(c, false, lang)));
  if (what.otherTextChanged) lines.push(historyWords(lang).otherText);
  return lines;
}
