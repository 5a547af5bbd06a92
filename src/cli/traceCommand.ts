// `reqdesk trace`: requirement → commits from the repository's history, every (ID, commit) pair
// including IDs no record has (marked), and `--gaps` for CI: delivered or verified requirements
// with no commit, and commits naming unknown IDs. `--coverage` adds code and tests (coverageCommand).
import * as path from 'node:path';
import type { CommitLink } from '../core/commits';
import { markdownCell } from '../core/csv';
import { localizable, localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { jsonForTerminal, printable } from '../core/terminalText';
import { toCsv } from './csvOut';
import { GIT_OPTION, languageFrom, loadIndex, mustBeOneOf, oneOf, UsageError, type CliIO, parseCommandArgs } from './cliContext';
import { COVERAGE_FORMATS, traceCoverage } from './coverageCommand';
import { linkCommits } from './commitLinking';
import { repositoryOrSayWhy } from './repositoryOf';
import { width } from './terminalTable';

/** The Markdown table's header, in the user's language. */
function markdownHeader(lang: Language): string[] {
  return [
    localize(lang, { message: 'ID', comment: 'column header' }),
    localize(lang, { message: 'Commit', comment: 'column header' }),
    localize(lang, { message: 'Verb', comment: 'column header' }),
    localize(lang, { message: 'Date', comment: 'column header' }),
    localize(lang, { message: 'Author', comment: 'column header' }),
    localize(lang, { message: 'Subject', comment: 'column header' }),
  ];
}

const FINISHED = new Set(['delivered', 'verified']);

export async function trace(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, {
    format: { type: 'string', default: 'table' },
    gaps: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    ...GIT_OPTION,
    'no-cache': { type: 'boolean', default: false },
    coverage: { type: 'boolean', default: false },
    ripgrep: { type: 'string' },
    'no-ripgrep': { type: 'boolean', default: false },
  });
  const format = values.format!;
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  if (values.coverage) {
    if (values.ripgrep !== undefined && values['no-ripgrep'])
      throw new UsageError(localizable('{0} and {1} cannot be used together', '--ripgrep', '--no-ripgrep'));
    const coverageFormat = oneOf(format, COVERAGE_FORMATS, '--format')!;
    // ripgrep on PATH unless told otherwise; when it cannot start, the node search (said only for one named).
    const ripgrep = values['no-ripgrep'] ? undefined : (values.ripgrep ?? 'rg');
    const options = { format: coverageFormat, gaps: values.gaps!, strict: values.strict!, git: values.git!, noCache: values['no-cache']! };
    return traceCoverage(root, { ...options, ripgrep, ripgrepNamed: values.ripgrep !== undefined }, io, lang);
  }
  for (const flag of ['ripgrep', 'no-ripgrep'] as const)
    if (values[flag] !== undefined && values[flag] !== false) throw new UsageError(localizable('{0} needs --coverage', `--${flag}`));
  if (format === 'sarif') throw new UsageError(localizable('{0} needs --coverage', '--format sarif'));
  if (!['table', 'json', 'csv', 'md'].includes(format))
    throw new UsageError(mustBeOneOf('--format', ['table', 'json', 'csv', 'md'], format));
  const { index, grammar } = await loadIndex(root, [], io, lang);

  const notInRepository = localize(lang, '{0} is not in a git repository: there is no history to trace.', root);
  const repo = await repositoryOrSayWhy(values.git!, root, io, notInRepository);
  if (!repo) return 2;
  // The CI gate (`--gaps --strict`) uses no cache, as with --no-cache: its verdict comes from the
  // repository's history alone, whatever cache a machine or a checkout holds.
  const gate = values.gaps && values.strict;
  const result = await linkCommits(repo, root, grammar, { git: values.git!, noCache: values['no-cache'] || gate }, io, lang);
  // An ID merged into a record is known: its commits are that record's.
  const known = new Set([...index.ids(), ...index.mergedIds().keys()]);
  const pairs = result.links.pairs();

  if (values.gaps) {
    const gaps: Array<{ kind: 'no-commit' | 'unknown-id'; id: string; detail: string; commits: string[] }> = [];
    for (const record of index.all().sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''))) {
      const ids = record.id ? index.idsOfRequirement(record.id) : [];
      if (record.id && record.data.status && FINISHED.has(record.data.status) && result.links.countOfAll(ids) === 0) {
        const detail = localize(lang, '{0} is {1} but no commit mentions it', record.id, record.data.status);
        gaps.push({ kind: 'no-commit', id: record.id, detail, commits: [] });
      }
    }
    for (const [id, commits] of result.links.unknown(known)) {
      const hashes = commits.map((c) => c.hash.slice(0, 7));
      const detail = localize(lang, 'commits mention {0}, which no requirement has: {1}', id, hashes.join(', '));
      gaps.push({ kind: 'unknown-id', id, detail, commits: commits.map((c) => c.hash) });
    }
    if (format === 'json') io.out(jsonForTerminal({ version: 1, gaps }));
    else if (format === 'csv')
      io.out(
        toCsv(
          gaps.map((g) => ({ kind: g.kind, id: g.id, commits: g.commits.join(' ') })),
          ['kind', 'id', 'commits'],
        ),
      );
    else if (gaps.length === 0)
      io.out(localize(lang, 'No gaps: every delivered or verified requirement has a commit, and every ID in the history is known.'));
    else io.out(gaps.map((g) => (format === 'md' ? `- ${markdownCell(g.detail)}` : printable(g.detail))).join('\n'));
    return values.strict && gaps.length > 0 ? 1 : 0;
  }

  const rows = pairs.map(({ id, commit }) => ({ id, known: known.has(id), commit }));
  const line = (r: { id: string; known: boolean; commit: CommitLink }) => ({
    id: r.id,
    commit: r.commit.hash,
    known: String(r.known),
    verb: r.commit.verb ?? '',
    date: r.commit.date,
    author: r.commit.author,
    subject: r.commit.subject,
  });
  if (format === 'json') {
    io.out(jsonForTerminal({ version: 1, repository: path.relative(root, repo) || '.', mode: result.mode, pairs: rows.map(line) }));
  } else if (format === 'csv') {
    io.out(toCsv(rows.map(line), ['id', 'commit', 'known', 'verb', 'date', 'author', 'subject']));
  } else if (format === 'md') {
    const out = [`| ${markdownHeader(lang).join(' | ')} |`, '|---|---|---|---|---|---|'];
    for (const r of rows) {
      const cells = [r.commit.hash.slice(0, 7), r.commit.verb ?? '', r.commit.date.slice(0, 10), r.commit.author, r.commit.subject].map(
        (c) => markdownCell(c),
      );
      out.push(`| ${[`${markdownCell(r.id)}${r.known ? '' : ' ⚠'}`, ...cells].join(' | ')} |`);
    }
    io.out(out.join('\n'));
  } else {
    // Padded by display width: a CJK character takes two terminal columns. One line per pair,
    // whatever a commit's subject holds.
    const ids = rows.map((r) => (r.known ? printable(r.id) : `${printable(r.id)} ?`));
    // A loop, not Math.max(...): a history can name more IDs than a call takes arguments.
    let column = 2;
    for (const id of ids) column = Math.max(column, width(id));
    for (const [i, r] of rows.entries()) {
      const id = ids[i]!;
      io.out(
        `${id}${' '.repeat(column - width(id))}  ${printable(r.commit.hash.slice(0, 7))}  ${printable(r.commit.date.slice(0, 10))}  ${printable(r.commit.verb ?? '').padEnd(10)}  ${printable(r.commit.subject)}`,
      );
    }
  }
  return 0;
}
