// What `reqdesk customers` and `reqdesk customer` read: the workspace's records (those with errors
// left out and counted on stderr, as reports do), the customer directory, and — in a git
// repository — each record's dates (when it was delivered, when its tasks started and ended) and
// the commits naming each ID. Without git, or outside a repository, it says so on stderr and the
// promises are judged from the records alone.
import * as path from 'node:path';
import type { CommitLinks } from '../core/commits';
import { customerDirectory, type CustomerSummary } from '../core/customers';
import type { RequirementRecord } from '../core/index';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { recordDatesOf, type RecordDates } from '../core/promiseDates';
import { printable } from '../core/terminalText';
import { CommitScanner } from '../git/commitScanner';
import { fileVersions, repositoryPathOf } from '../git/fileHistory';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import { loadIndex, type CliIO } from './cliContext';

export interface CustomerInputs {
  records: RequirementRecord[];
  directory: Map<string, CustomerSummary>;
  calendar: { workdays: number[]; holidays: string[] };
  /** Reads git for these records (see readGit). */
  readGit(records: readonly RequirementRecord[], options: { commits: boolean }): Promise<GitInputs>;
}

export interface GitInputs {
  /** undefined: git not read (--no-git, no repository, no git). */
  dates?: Map<string, RecordDates>;
  commits?: CommitLinks;
}

const FINISHED = new Set(['delivered', 'verified', 'closed']);

/** Whether git can date anything of the record: a delivery, or a promised task that started. */
function needsDates(r: RequirementRecord): boolean {
  if (typeof r.data.status === 'string' && FINISHED.has(r.data.status)) return true;
  return (r.data.tasks ?? []).some((t) => t?.promised === true && (t.status === 'doing' || t.status === 'done'));
}

/** Runs `task` over the items with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, lane));
}

export async function customerInputs(
  root: string,
  io: CliIO,
  lang: Language,
  git: { path: string; off: boolean },
): Promise<CustomerInputs> {
  const { index, source, settings, grammar } = await loadIndex(root, [], io, lang);
  const records: RequirementRecord[] = [];
  let skipped = 0;
  for (const r of index.all().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (r.skipped || index.problemsFor(r.file).some((p) => p.severity === 'error')) skipped++;
    else records.push(r);
  }
  if (skipped > 0)
    io.err(
      `reqdesk: ${
        skipped === 1
          ? localize(lang, '1 record has errors and was left out of the customers and their promises.')
          : localize(lang, '{0} records have errors and were left out of the customers and their promises.', skipped)
      }`,
    );

  const readGit = async (wanted: readonly RequirementRecord[], options: { commits: boolean }): Promise<GitInputs> => {
    if (git.off) return {};
    let repo: string | undefined;
    try {
      repo = await repositoryRoot(git.path, root);
    } catch (error) {
      if (!(error instanceof GitMissingError)) throw error;
      io.err(`reqdesk: ${printable(localize(lang, 'git could not be run: promises are judged from the records alone, without commits.'))}`);
      return {};
    }
    if (!repo) {
      const note = localize(lang, '{0} is not in a git repository: promises are judged from the records alone, without commits.', root);
      io.err(`reqdesk: ${printable(note)}`);
      return {};
    }
    const dates = new Map<string, RecordDates>();
    const files = wanted.filter(needsDates).map((r) => ({ file: r.file, rel: repositoryPathOf(repo!, source.absolute(r.file)) }));
    await eachLimited(files, 4, async ({ file, rel }) => {
      // A record that is a link to a file outside the repository has no history here.
      if (rel !== undefined)
        dates.set(file, recordDatesOf(await fileVersions(git.path, repo!, rel), { threshold: settings.priorityThreshold }));
    });
    const commits = options.commits ? (await new CommitScanner({ grammar, git: git.path }).scan(repo)).links : undefined;
    return { dates, ...(commits ? { commits } : {}) };
  };

  return {
    records,
    directory: customerDirectory(records),
    calendar: { workdays: [...settings.workdays], holidays: [...settings.holidays] },
    readGit,
  };
}

/** The workspace folder of a command's `--root`. */
export function rootOf(io: CliIO, root: string | undefined): string {
  return path.resolve(io.cwd, root ?? '.');
}

/** Today in the local calendar, from the one clock read the dispatcher made. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
