// `reqdesk history <ID>`: how a requirement's front-matter fields and its four essential sections
// (需求描述, 客户背景, 需求场景, 期望目标) changed over its file's git history, who changed them and
// when. The table and Markdown show a section as a short excerpt around the change; JSON carries
// its whole text.
//
// JSON output (--format json), stable within `version: 1`:
//   {
//     "version": 1,
//     "id": "REQ-2026-001",
//     "file": "requirements/REQ-2026-001.md",     // the file now, relative to --root, `/` separators
//     "events": [                                  // oldest first; only commits where something happened
//       {
//         "commit": "<full hash>",
//         "author": "Ada Lovelace",                // after .mailmap
//         "date": "2026-01-05T10:00:00+08:00",     // author date, ISO 8601
//         "path": "requirements/REQ-2026-001.md",  // the file at that commit, relative to the repository root
//         "fileEvents": ["created"],               // created | restored | renamed | deleted | unreadable | readable
//         "renamedFrom": "…",                      // only with "renamed"
//         "unreadable": "yaml-error",              // only with "unreadable": no-front-matter | unclosed | not-yaml | yaml-error | not-mapping
//         "changes": [{ "field": "status", "from": null, "to": "new" }],  // null: absent
//             // every field: "scores.urgency", "customer.name"; list items by task ID or position,
//             // "tasks[T2].status", and an item added or removed whole: { "field": "feedback[1]", "from": null, "to": {…} }
//         "sections": [{ "section": "goal", "from": "…", "to": "…" }],   // only when one changed: description |
//             // background | scenario | goal, the whole text (null: missing or empty)
//         "otherTextChanged": true                 // only when the body outside the four sections changed
//       }
//     ]
//   }
import * as path from 'node:path';
import type { HistoryEntry } from '../core/history';
import { describeHistoryEntry } from '../core/historyText';
import type { RequirementIndex } from '../core/index';
import { escapeTableCell, markdownCell } from '../core/csv';
import { localizable, localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { jsonForTerminal, printable } from '../core/terminalText';
import { closest } from '../core/text';
import { historyOfId, repositoryPathOf } from '../git/fileHistory';
import {
  GIT_OPTION,
  languageFrom,
  listText,
  loadIndex,
  mustBeOneOf,
  unknownIdMessage,
  UsageError,
  type CliIO,
  parseCommandArgs,
} from './cliContext';
import { repositoryOrSayWhy } from './repositoryOf';
import { width } from './terminalTable';
import { unreadableWithId } from './unreadableWithId';

/** The Markdown table's header, in the user's language. */
function markdownHeader(lang: Language): string[] {
  return [
    localize(lang, { message: 'Date', comment: 'column header' }),
    localize(lang, { message: 'Commit', comment: 'column header' }),
    localize(lang, { message: 'Author', comment: 'column header' }),
    localize(lang, { message: 'Changes', comment: 'column header' }),
  ];
}

/**
 * The files with this ID (or the record it was merged into), including one whose front-matter is
 * broken now (the index has no ID for it).
 */
function filesWithId(index: RequirementIndex, id: string, textOf: (file: string) => string | undefined): string[] {
  const files = index.resolveAll(id).map((r) => r.file);
  if (files.length > 0) return files.sort();
  return unreadableWithId(index, id, textOf)
    .map((r) => r.file)
    .sort();
}

/** JSON has no undefined: an absent value is null. */
function jsonEntry(entry: HistoryEntry) {
  return {
    commit: entry.commit,
    author: entry.author,
    date: entry.date,
    path: entry.path,
    fileEvents: entry.fileEvents,
    ...(entry.renamedFrom !== undefined ? { renamedFrom: entry.renamedFrom } : {}),
    ...(entry.unreadable !== undefined ? { unreadable: entry.unreadable } : {}),
    changes: entry.changes.map((c) => ({ field: c.field, from: c.from ?? null, to: c.to ?? null })),
    ...(entry.sections ? { sections: entry.sections.map((c) => ({ section: c.section, from: c.from ?? null, to: c.to ?? null })) } : {}),
    ...(entry.otherTextChanged ? { otherTextChanged: true } : {}),
  };
}

export async function history(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      format: { type: 'string', default: 'table' },
      ...GIT_OPTION,
    },
    true,
  );
  const format = values.format!;
  if (!['table', 'json', 'md'].includes(format)) throw new UsageError(mustBeOneOf('--format', ['table', 'json', 'md'], format));
  if (positionals.length !== 1) throw new UsageError(localizable('history takes one requirement ID'));
  const id = positionals[0]!;
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings } = await loadIndex(root, [], io, lang);

  const files = filesWithId(index, id, (f) => source.readText(f, settings.maxFileBytes));
  if (files.length === 0) {
    io.err(`reqdesk: ${printable(unknownIdMessage(lang, id, closest(id, index.ids())))}`);
    return 2;
  }
  if (files.length > 1) {
    const shown = localize(lang, 'ID {0} is used by {1} files ({2}): showing {3}', id, files.length, listText(lang, files), files[0]!);
    io.err(`reqdesk: ${printable(shown)}`);
  }
  const file = files[0]!;

  const notInRepository = localize(lang, '{0} is not in a git repository: there is no history to show.', root);
  const repo = await repositoryOrSayWhy(values.git!, root, io, notInRepository);
  if (!repo) return 2;
  const relPath = repositoryPathOf(repo, source.absolute(file));
  // A record that is a link to a file outside the repository has no history here: said, not fatal.
  if (relPath === undefined) {
    io.err(
      `reqdesk: ${localize(lang, '{0} is a symbolic link to a file outside the repository: git has no history of that file here.', file)}`,
    );
  }
  const entries = relPath === undefined ? [] : await historyOfId(values.git!, repo, relPath, { threshold: settings.priorityThreshold });

  if (format === 'json') {
    io.out(jsonForTerminal({ version: 1, id, file, events: entries.map(jsonEntry) }));
    return 0;
  }
  if (entries.length === 0) {
    io.out(printable(localize(lang, '{0} ({1}) has no committed history yet.', id, file)));
    return 0;
  }
  if (format === 'md') {
    const out = [`| ${markdownHeader(lang).join(' | ')} |`, '|---|---|---|---|'];
    for (const e of entries) {
      // describeHistoryEntry's lines are printable already: only the Markdown escapes are added.
      const changes = describeHistoryEntry(e, lang).map(escapeTableCell);
      out.push(
        `| ${markdownCell(e.date.slice(0, 10))} | ${markdownCell(e.commit.slice(0, 7))} | ${markdownCell(e.author)} | ${changes.join('<br>')} |`,
      );
    }
    io.out(out.join('\n'));
    return 0;
  }
  // Padded by display width: a CJK author name takes two terminal columns per character. A
  // commit's further changes go on their own lines, under its first one.
  const author = (e: HistoryEntry) => printable(e.author);
  // A loop, not Math.max(...): a history can have more entries than a call takes arguments.
  let authorWidth = -Infinity;
  for (const e of entries) authorWidth = Math.max(authorWidth, width(author(e)));
  const indent = ' '.repeat(10 + 2 + 7 + 2 + authorWidth + 2);
  const out: string[] = [];
  for (const e of entries) {
    const [first = '', ...rest] = describeHistoryEntry(e, lang);
    out.push(
      `${printable(e.date.slice(0, 10))}  ${printable(e.commit.slice(0, 7))}  ${author(e)}${' '.repeat(authorWidth - width(author(e)))}  ${first}`,
    );
    for (const line of rest) out.push(`${indent}${line}`);
  }
  io.out(out.join('\n'));
  return 0;
}
