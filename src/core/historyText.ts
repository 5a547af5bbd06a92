// A history entry in words, the same in the CLI (`reqdesk history`) and the Requirements view:
// what happened to the file, then one line per changed field. Each a line of visible text: file
// names and values come from the repository (see terminalText).
import type { FieldChange, HistoryEntry } from './history';
import type { Language } from './messages';
import { printable } from './terminalText';

/** The words of history entries in each language (tests compare with them). */
export const HISTORY_WORDS = {
  en: {
    created: (file: string) => `created ${file}`,
    restored: (file: string) => `added again as ${file}`,
    renamed: (from: string, to: string) => `renamed ${from} → ${to}`,
    deleted: (file: string) => `deleted ${file}`,
    unreadable: 'front-matter unreadable at this commit',
    readable: 'front-matter readable again',
    none: '(none)',
  },
  'zh-cn': {
    created: (file: string) => `创建 ${file}`,
    restored: (file: string) => `重新添加为 ${file}`,
    renamed: (from: string, to: string) => `重命名 ${from} → ${to}`,
    deleted: (file: string) => `删除 ${file}`,
    unreadable: '此提交中的 front-matter 无法读取',
    readable: 'front-matter 恢复可读',
    none: '（无）',
  },
} satisfies Record<Language, unknown>;

/**
 * A value as people read it: bare text, numbers as written, anything else as JSON; text that is
 * empty or holds characters printable escapes (a line break …) in quotes.
 */
export function showHistoryValue(value: unknown, lang: Language): string {
  if (value === undefined) return HISTORY_WORDS[lang].none;
  if (typeof value === 'string') return value === '' || printable(value) !== value ? `"${value}"` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The lines of one entry: what happened to the file first, then one line per field. */
export function describeHistoryEntry(entry: HistoryEntry, lang: Language): string[] {
  const t = HISTORY_WORDS[lang];
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
  const change = (c: FieldChange) => (fresh && c.from === undefined ? `${c.field}: ${show(c.to)}` : `${c.field}: ${show(c.from)} → ${show(c.to)}`);
  lines.push(...entry.changes.map(change));
  return lines.map(printable);
}
