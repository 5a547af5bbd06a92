// `reqdesk report <implementation|process|satisfaction|weekly>`: the guide's three periodic
// evaluations for a period, and the weekly progress report for a week, as Markdown (or the figures
// as JSON). In a git repository the commits and each record file's history are read for the figures
// that need them; elsewhere the report says which figures it could not compute.
//
// JSON output (--format json), stable within `version: 1`: { version, kind, range, today, counted,
// skipped: [{ file, id?, problem?: { code, args }, unreadable? }], missing: { history?, commits? },
// figures } — the figures as core computes them (src/core/reports/figures.ts). The implementation
// report reads the expected goal (期望目标) of the records that measured an effect from their files.
import * as path from 'node:path';
import type { HistoryEntry } from '../core/history';
import { localizable, localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { writeFileSafely } from '../files/safeFiles';
import { reportDocument } from '../core/reports/document';
import {
  computeReport,
  hasMeasuredEffect,
  REPORT_KINDS,
  type ReportInput,
  type ReportKind,
  type Unavailable,
} from '../core/reports/figures';
import { expectedGoal } from '../core/outcome';
import { reportMarkdown } from '../core/reports/markdown';
import { jsonForTerminal, printable } from '../core/terminalText';
import { checkRange, presetRange, RANGE_PRESETS, type RangePreset, type ReportRange } from '../core/reports/range';
import { weekFromText } from '../core/reports/isoWeek';
import { taskCompletionDates } from '../core/reports/taskCompletions';
import { CommitScanner } from '../git/commitScanner';
import { fileVersions, historyOfId, repositoryPathOf } from '../git/fileHistory';
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

/**
 * The period asked for: --from/--to over a preset, which is --period's (this quarter by default)
 * for the periodic reports and --week's (this week by default) for the weekly one.
 */
function periodOf(kind: ReportKind, values: { from?: string; to?: string; period?: string; week?: string }, today: string): ReportRange {
  let preset: ReportRange;
  if (kind === 'weekly') {
    if (values.period !== undefined) throw new UsageError(localizable('the weekly report takes --week, not --period'));
    if (values.week !== undefined && (values.from !== undefined || values.to !== undefined))
      throw new UsageError(localizable('give --week or --from/--to, not both'));
    const week = weekFromText(values.week ?? 'this', today);
    if (!week) throw new UsageError(localizable('--week takes this, last, next or a week YYYY-Www (got "{0}")', values.week!));
    preset = week;
  } else {
    if (values.week !== undefined) throw new UsageError(localizable('--week is for the weekly report; the others take --period'));
    if (values.period !== undefined && !RANGE_PRESETS.includes(values.period as RangePreset)) {
      throw new UsageError((inLanguage) => localize(inLanguage, '--period takes one of: {0}', listText(inLanguage, RANGE_PRESETS)));
    }
    preset = presetRange((values.period as RangePreset | undefined) ?? 'this-quarter', today);
  }
  const range: ReportRange = { from: values.from ?? preset.from, to: values.to ?? preset.to };
  const problem = checkRange(range);
  if (problem === 'invalid-from') throw new UsageError(localizable('--from takes a date YYYY-MM-DD (got "{0}")', range.from));
  if (problem === 'invalid-to') throw new UsageError(localizable('--to takes a date YYYY-MM-DD (got "{0}")', range.to));
  if (problem === 'inverted') throw new UsageError(localizable('the period ends before it starts ({0} to {1})', range.from, range.to));
  return range;
}

export async function report(args: string[], io: CliIO, now: Date): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      period: { type: 'string' },
      week: { type: 'string' },
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
  const range = periodOf(kind!, values, today);

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
  if (kind === 'implementation') {
    const goals = new Map<string, string>();
    for (const r of records.filter(hasMeasuredEffect)) {
      const text = source.readText(r.file, settings.maxFileBytes);
      if (text !== undefined) goals.set(r.file, expectedGoal(text));
    }
    input.goals = goals;
  }

  // Git, when there is one: commits for coverage (implementation), file histories for dates (the
  // weekly report: when tasks were marked done).
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
    const files = records.filter((r) => !r.skipped).map((r) => ({ file: r.file, rel: repositoryPathOf(repo!, source.absolute(r.file)) }));
    // A record that is a link to a file outside the repository has no history here: it counts
    // with none (as in the extension), and the report goes on.
    const outside = files.filter((f) => f.rel === undefined).map((f) => f.file);
    if (outside.length) io.err(`reqdesk: ${outsideNote(lang, outside.sort())}`);
    if (kind === 'weekly') {
      const completions = new Map<string, ReadonlyMap<string, string>>();
      await eachLimited(files, 4, async ({ file, rel }) => {
        if (rel !== undefined) completions.set(file, taskCompletionDates(await fileVersions(values.git!, repo!, rel)));
      });
      input.taskCompletions = completions;
    } else {
      const histories = new Map<string, HistoryEntry[]>();
      await eachLimited(files, 4, async ({ file, rel }) => {
        if (rel !== undefined) histories.set(file, await historyOfId(values.git!, repo!, rel, { threshold: settings.priorityThreshold }));
      });
      input.histories = histories;
    }
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
