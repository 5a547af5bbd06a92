// A baseline comparison (baselineDiff.ts) as a document: Markdown for a release note or a review,
// in the user's language, and JSON with a stable shape for scripts. Titles, IDs, paths and values
// come from the repository: each line of the Markdown is one line of visible text (terminalText).
//
// JSON, stable within `version: 1`:
//   {
//     "version": 1,
//     "from": { "revision": "v1.0", "commit": "<full hash>" },
//     "to": { "revision": "v1.1", "commit": "<full hash>" },   // the working tree: { "workingTree": true }
//     "summary": { "added": 1, "removed": 0, "changed": 2 },
//     "added": [                                   // by ID, records without one by path after them
//       { "id": "REQ-2026-004",                    // null: the record has no ID (matched by path)
//         "path": "requirements/REQ-2026-004.md",  // relative to the workspace folder, `/` separators
//         "title": "Export to PDF",                // null: no title
//         "fields": { "status": "new", … },        // the front-matter, enum aliases normalised,
//                                                  // "priority" the one shown; null when unreadable
//         "unreadable": "yaml-error" }             // only when the front-matter cannot be read:
//                                                  // no-front-matter | unclosed | not-yaml | yaml-error | not-mapping
//     ],
//     "removed": [ … ],                            // the same, as the record was at "from"
//     "changed": [
//       { "id": "REQ-2026-001", "path": "…", "title": "…",       // at "to"
//         "renamedFrom": "…",                                    // only when the file moved
//         "changes": [{ "field": "status", "from": "new", "to": "in-progress" }],   // null: absent;
//             // nested keys dotted ("scores.urgency"), list items by task ID or position
//             // ("tasks[T2].status"); an item added or removed whole has "item": true
//         "sections": [{ "section": "goal", "from": "…", "to": "…" }],  // description | background |
//             // scenario | goal, the whole text (null: missing or empty)
//         "otherTextChanged": true,                              // only when the rest of the body changed
//         "unreadable": { "from": "yaml-error", "to": null } }   // only when unreadable at a side
//     ]
//   }
import type { BaselineDiff, BaselineRecord, ChangedRecord } from './baselineDiff';
import type { UnreadableReason } from './history';
import { changeLines, historyWords } from './historyText';
import { localize, type Language } from './l10n';
import { printable } from './terminalText';

/** One side of the comparison: a revision as named and the commit it is, or the working tree. */
export type BaselineSide = { revision: string; commit: string } | { workingTree: true };

export interface BaselineSides {
  from: BaselineSide;
  to: BaselineSide;
}

/** The front-matter without the keys whose value is undefined (a priority that cannot be derived): JSON has none. */
const definedFields = (fields: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

const recordJson = (r: BaselineRecord) => ({
  id: r.id ?? null,
  path: r.path,
  title: r.title ?? null,
  fields: r.fields ? definedFields(r.fields) : null,
  ...(r.unreadable !== undefined ? { unreadable: r.unreadable } : {}),
});

const changedJson = (c: ChangedRecord) => ({
  id: c.record.id ?? null,
  path: c.record.path,
  title: c.record.title ?? null,
  ...(c.renamedFrom !== undefined ? { renamedFrom: c.renamedFrom } : {}),
  changes: c.changes.map((f) => ({ field: f.field, from: f.from ?? null, to: f.to ?? null, ...(f.item ? { item: true } : {}) })),
  sections: c.sections.map((s) => ({ section: s.section, from: s.from ?? null, to: s.to ?? null })),
  ...(c.otherTextChanged ? { otherTextChanged: true } : {}),
  ...(c.unreadable ? { unreadable: { from: c.unreadable.from ?? null, to: c.unreadable.to ?? null } } : {}),
});

/** The comparison as the JSON value documented above (the caller serialises it). */
export function baselineJson(diff: BaselineDiff, sides: BaselineSides) {
  return {
    version: 1 as const,
    from: sides.from,
    to: sides.to,
    summary: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
    added: diff.added.map(recordJson),
    removed: diff.removed.map(recordJson),
    changed: diff.changed.map(changedJson),
  };
}

/** A side as the Markdown names it: the revision and its short commit, or the working tree. */
export function sideName(side: BaselineSide, lang: Language): string {
  if ('workingTree' in side) return localize(lang, 'the working tree');
  return side.revision === side.commit || side.commit.startsWith(side.revision)
    ? side.commit.slice(0, 7)
    : `${side.revision} (${side.commit.slice(0, 7)})`;
}

/** Why a front-matter cannot be read, in words. */
function unreadableText(reason: UnreadableReason, lang: Language): string {
  switch (reason) {
    case 'no-front-matter':
      return localize(lang, 'no front-matter');
    case 'unclosed':
      return localize(lang, 'the front-matter is not closed');
    case 'not-yaml':
      return localize(lang, 'the front-matter is not YAML');
    case 'yaml-error':
      return localize(lang, 'the front-matter has YAML errors');
    case 'not-mapping':
      return localize(lang, 'the front-matter is not a mapping of keys to values');
  }
}

/** Inline code that shows any text: the fence is longer than any run of backticks inside. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Text from the repository inside a Markdown line: visible, and no character that would start markup. */
function plain(text: string): string {
  return printable(text).replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

/** A record's name: **ID** and title, or its path when it has neither. */
function recordName(r: BaselineRecord): string {
  const parts = [r.id !== undefined ? `**${plain(r.id)}**` : '', r.title !== undefined ? plain(r.title) : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : code(printable(r.path));
}

/** The line of an added or removed record: its name, file, and where it stands in the workflow. */
function recordLine(r: BaselineRecord, lang: Language): string {
  const parts = [recordName(r)];
  if (r.id !== undefined || r.title !== undefined) parts.push(code(printable(r.path)));
  const field = (key: string) => {
    const value = r.fields?.[key];
    return typeof value === 'string' || typeof value === 'number' ? `${key}: ${plain(String(value))}` : undefined;
  };
  for (const key of ['status', 'priority']) {
    const shown = field(key);
    if (shown) parts.push(shown);
  }
  if (r.unreadable) parts.push(plain(unreadableText(r.unreadable, lang)));
  return `- ${parts.join(' · ')}`;
}

/** The lines under a changed record's heading. */
function changedLines(c: ChangedRecord, lang: Language): string[] {
  const t = historyWords(lang);
  const lines: string[] = [];
  if (c.renamedFrom !== undefined) lines.push(t.renamed(c.renamedFrom, c.record.path));
  const u = c.unreadable;
  if (u?.to !== undefined) {
    lines.push(
      u.from === undefined
        ? localize(lang, 'front-matter no longer readable: {0}', unreadableText(u.to, lang))
        : localize(lang, 'front-matter unreadable ({0}); its text changed', unreadableText(u.to, lang)),
    );
  } else if (u) lines.push(t.readable);
  lines.push(...changeLines(c, lang));
  return lines.map((line) => `- ${plain(line)}`);
}

/** The comparison as Markdown: a title naming both sides, the counts, then added, removed and changed records. */
export function baselineMarkdown(diff: BaselineDiff, sides: BaselineSides, lang: Language): string {
  const parts = [
    `# ${plain(localize(lang, 'Requirements from {0} to {1}', sideName(sides.from, lang), sideName(sides.to, lang)))}`,
    localize(lang, '{0} added, {1} removed, {2} changed.', diff.added.length, diff.removed.length, diff.changed.length),
  ];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    parts.push(localize(lang, 'No requirement was added, removed or changed.'));
    return `${parts.join('\n\n')}\n`;
  }
  if (diff.added.length > 0) {
    parts.push(`## ${localize(lang, 'Added ({0})', diff.added.length)}`, diff.added.map((r) => recordLine(r, lang)).join('\n'));
  }
  if (diff.removed.length > 0) {
    parts.push(`## ${localize(lang, 'Removed ({0})', diff.removed.length)}`, diff.removed.map((r) => recordLine(r, lang)).join('\n'));
  }
  if (diff.changed.length > 0) {
    parts.push(`## ${localize(lang, 'Changed ({0})', diff.changed.length)}`);
    for (const c of diff.changed) {
      const name = recordName(c.record);
      const heading = c.record.id !== undefined || c.record.title !== undefined ? `${name} · ${code(printable(c.record.path))}` : name;
      parts.push(`### ${heading}`, changedLines(c, lang).join('\n'));
    }
  }
  return `${parts.join('\n\n')}\n`;
}
