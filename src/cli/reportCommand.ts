// `reqdesk report <implementation|process|satisfaction>`: the guide's three periodic evaluations
// for a period, as Markdown (or the figures as JSON). In a git repository the commits and each
// record file's history are read for the figures that need them; elsewhere the report says which
// figures it could not compute.
//
// JSON output (--format json), stable within `version: 1`: { version, kind, range, today, counted,
// skipped: [{ file, id?, problem?: { code, args }, unreadable? }], missing: { history?, commits? },
// figures } — the figures as core computes them (src/core/reports/figures.ts).
import * as path from 'node:path';
import type { HistoryEntry } from '../core/history';
import { localizable, localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { writeFileSafely } from '../files/safeFiles';
import { reportDocument } from '../core/reports/document';
import { computeReport, REPORT_KINDS, type ReportInput, type ReportKind, type Unavailable } from '../core/reports/figures';
import { reportMarkdown } from '../core/reports/markdown';
import { jsonForTerminal, printable } from '../core/terminalText';
import { checkRange, presetRange, RANGE_PRESETS, type RangePreset, type ReportRange } from '../core/reports/range';
import { CommitScanner } from '../git/commitScanner';
import { historyOfId, repositoryPathOf } from '../git/fileHistory';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import { GIT_OPTION, languageFrom, listText, loadIndex, mustBeOneOf, UsageError, type CliIO, parseCommandArgs } from './cliContext';

function skippedNote(lang: Language, count: number): string {
  return count === 1
    ? localize(lang, '1 record has errors and was left out; the report names it.')
    : localize(lang, '{0} records have errors and were left out; the report names them.', count);
}

function outsideNote(lang: Language, files: readonly string[]): string {
  return files.length === 1
    ? localize(lang, '{0}: symbolic link to files outside the repository; its git history is not read.', files[0]!)
    : localize(lang, '{0}: symbolic links to files outside the repository; their git history is not read.', listText(lang, files));
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Runs `task` over the items with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, lane));
}

export async function report(args: string[], io: CliIO, now: Date): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      ...GIT_OPTION,
      'no-git': { type: 'boolean', default: false },
    },
    true,
  );
  const lang = languageFrom(values.lang, io.env);
  const kind = positionals[0] as ReportKind | undefined;
  if (positionals.length !== 1 || !REPORT_KINDS.includes(kind!)) {
    throw new UsageError((inLanguage) => localize(inLanguage, 'report takes one of: {0}', listText(inLanguage, REPORT_KINDS)));
  }
  const format = values.format!;
  if (format !== 'md' && format !== 'json') throw new UsageError(mustBeOneOf('--format', ['md', 'json'], format));
  const today = isoDay(now);
  if (values.period !== undefined && !RANGE_PRESETS.includes(values.period as RangePreset)) {
    throw new UsageError((inLanguage) => localize(inLanguage, '--period takes one of: {0}', listText(inLanguage, RANGE_PRESETS)));
  }
  const preset = presetRange((values.period as RangePreset | undefined) ?? 'this-quarter', today);
  const range: ReportRange = { from: values.from ?? preset.from, to: values.to ?? preset.to };
  const problem = checkRange(range);
  if (problem === 'invalid-from') throw new UsageError(localizable('--from takes a date YYYY-MM-DD (got "{0}")', range.from));
  if (problem === 'invalid-to') throw new UsageError(localizable('--to takes a date YYYY-MM-DD (got "{0}")', range.to));
  if (problem === 'inverted') throw new UsageError(localizable('the period ends before it starts ({0} to {1})', range.from, range.to));

  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings, grammar } = await loadIndex(root, [], io);
  const records = index.all();
  const input: ReportInput = {
    records,
    range,
    today,
    calendar: { workdays: settings.workdays, holidays: settings.holidays },
    problemsOf: (r) => index.problemsFor(r.file),
  };

  // Git, when there is one: commits for coverage (implementation), file histories for dates.
  const needsGit = kind !== 'satisfaction';
  let unavailable: Unavailable | undefined;
  let repo: string | undefined;
  if (needsGit && values['no-git']) unavailable = 'not-read';
  else if (needsGit) {
    try {
      repo = await repositoryRoot(values.git!, root);
      if (!repo) unavailable = 'no-repository';
    } catch (error) {
      if (!(error instanceof GitMissingError)) throw error;
      unavailable = 'git-missing';
    }
  }
  if (repo) {
    if (kind === 'implementation') {
      const scan = await new CommitScanner({ grammar, git: values.git! }).scan(repo);
      // A commit naming an ID merged into a record counts for the record.
      input.commits = (id) => scan.links.countOfAll(index.idsOfRequirement(id));
    }
    const histories = new Map<string, HistoryEntry[]>();
    const files = records.filter((r) => !r.skipped).map((r) => ({ file: r.file, rel: repositoryPathOf(repo!, source.absolute(r.file)) }));
    // A record that is a link to a file outside the repository has no history here: it counts
    // with none (as in the extension), and the report goes on.
    const outside = files.filter((f) => f.rel === undefined).map((f) => f.file);
    if (outside.length) io.err(`reqdesk: ${outsideNote(lang, outside.sort())}`);
    await eachLimited(files, 4, async ({ file, rel }) => {
      if (rel !== undefined) histories.set(file, await historyOfId(values.git!, repo!, rel, { threshold: settings.priorityThreshold }));
    });
    input.histories = histories;
  } else if (unavailable) {
    input.commits = { unavailable };
    input.histories = { unavailable };
  }

  const result = computeReport(kind!, input);
  const text = format === 'json' ? `${jsonForTerminal({ version: 1, ...result })}\n` : reportMarkdown(reportDocument(result, lang));
  if (result.skipped.length > 0) io.err(`reqdesk: ${skippedNote(lang, result.skipped.length)}`);
  if (values.out) {
    const out = path.resolve(io.cwd, values.out);
    // Typed by the user: see writeFileSafely's rules for a path inside the workspace.
    writeFileSafely(out, text, { root, origin: 'user' });
    io.err(printable(localize(lang, 'Report written to {0}', path.relative(io.cwd, out) || out)));
  } else io.out(text.trimEnd());
  return 0;
}
