// Actual progress on the timeline: which commits count for which task bar, the actual start and end
// they give, and whether a task in progress has gone quiet. Pure: the caller passes the commits
// (as the commit links hold them), `today` and the calendar.
//
// Which commits count for a task (the rule):
// - A commit's day is the calendar day of its date as git wrote it (the author's own day, with no
//   time-zone conversion), so a commit made on the evening of the 23rd is on the 23rd everywhere.
// - A commit naming a task, `REQ-2026-001/T2` (the requirement's ID, or an ID merged into it,
//   followed by `/` and the task ID), counts for that task only. Naming a task the requirement
//   does not have is naming the bare ID.
// - A commit naming only the bare ID counts for every task whose window holds its day: the
//   planned span (start to end), and for a task in progress (doing) the span from its start to
//   today when today is later. When no window holds the day, it counts for the task (or tasks,
//   at an equal distance) whose window is nearest in calendar days: work that runs past the plan
//   belongs to the task planned closest to it, so a late commit still shows on the task it
//   finished rather than on no task at all.
// - Actual start and end are the first and last counting commit's day.
// - Stale: a task in progress (doing) with no counting commit in the last N working days of the
//   workspace calendar — counted from its last counting commit, or from its start when none
//   counts yet. N = 0 turns the flag off. A task starting later than today is never stale.
import { MAX_TICKS_PER_BAR, type CommitTick, type TimelineBar } from '../protocol/timeline';
import { isValidIsoDate, workdaysBetween, type WorkCalendar } from './schedule';

export type { CommitTick } from '../protocol/timeline';

/** A commit as the commit links give it (LinkedCommit has these and more). */
export interface CommitLike {
  hash: string;
  subject: string;
  /** ISO 8601 as git gives it (`2026-10-23T16:30:00+08:00`). */
  date: string;
}

/** A task bar as far as the rule needs it. */
export type TaskWindow = Pick<TimelineBar, 'taskId' | 'start' | 'end' | 'status'>;

const DAY_MS = 86_400_000;

/** The calendar day a git date names, or undefined when it is not one. */
export function commitDay(date: string): string | undefined {
  const day = date.slice(0, 10);
  return isValidIsoDate(day) ? day : undefined;
}

/** Task statuses that mean work is going on (the task enum's `doing`; `in-progress` as written for requirements). */
const IN_PROGRESS: ReadonlySet<string> = new Set(['doing', 'in-progress']);
export const isInProgress = (status: string | undefined): boolean => status !== undefined && IN_PROGRESS.has(status);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The task IDs a commit subject names with one of the requirement's IDs (`REQ-2026-001/T2`), among
 * `taskIds`; empty when it names none of them. An ID must not run on into a longer one
 * (`REQ-2026-0012/T1` is not `REQ-2026-001/T1`).
 */
export function namedTasks(subject: string, ids: readonly string[], taskIds: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const id of ids) {
    if (!subject.includes(`${id}/`)) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegExp(id)}/([\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*)`, 'gu');
    for (const m of subject.matchAll(pattern)) {
      // A sentence may end right after the task: `… REQ-2026-001/T2.`
      const task = m[1]!.replace(/[.-]+$/, '');
      if (taskIds.has(task) && !found.includes(task)) found.push(task);
    }
  }
  return found;
}

const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** A task's window for bare-ID commits: its planned span, stretched to today while it is in progress. */
function windowOf(task: TaskWindow, today: string): { from: number; to: number } {
  const end = isInProgress(task.status) && today > task.end ? today : task.end;
  return { from: dayNumber(task.start), to: dayNumber(end) };
}

/**
 * The commits that count for each task, oldest first (then by hash), by task ID. Every task of
 * `tasks` has an entry, empty when nothing counts for it. Commits without a valid day are left out.
 */
export function countingCommits(
  tasks: readonly TaskWindow[],
  commits: readonly CommitLike[],
  ids: readonly string[],
  today: string,
): Map<string, CommitTick[]> {
  const out = new Map<string, CommitTick[]>();
  for (const t of tasks) out.set(t.taskId, []);
  if (tasks.length === 0) return out;
  const taskIds = new Set(tasks.map((t) => t.taskId));
  const windows = tasks.map((t) => windowOf(t, today));
  const seen = new Set<string>();
  for (const c of commits) {
    const date = commitDay(c.date);
    if (!date || seen.has(c.hash)) continue;
    seen.add(c.hash);
    const tick: CommitTick = { date, hash: c.hash, subject: c.subject };
    const named = namedTasks(c.subject, ids, taskIds);
    if (named.length > 0) {
      for (const task of named) out.get(task)!.push(tick);
      continue;
    }
    const day = dayNumber(date);
    let best = Infinity;
    let chosen: number[] = [];
    windows.forEach((w, i) => {
      const distance = day < w.from ? w.from - day : day > w.to ? day - w.to : 0;
      if (distance < best) {
        best = distance;
        chosen = [i];
      } else if (distance === best) chosen.push(i);
    });
    for (const i of chosen) out.get(tasks[i]!.taskId)!.push(tick);
  }
  for (const ticks of out.values()) ticks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.hash.localeCompare(b.hash)));
  return out;
}

/** First and last counting commit's day; undefined when none counts. */
export function actualSpan(ticks: readonly CommitTick[]): { start: string; end: string } | undefined {
  if (ticks.length === 0) return undefined;
  let start = ticks[0]!.date;
  let end = start;
  for (const t of ticks) {
    if (t.date < start) start = t.date;
    if (t.date > end) end = t.date;
  }
  return { start, end };
}

/**
 * Working days without a counting commit for a task in progress, when that is at least
 * `staleAfterDays` (else undefined: not stale). Counted from the last counting commit, or from
 * the task's start when none counts yet.
 */
export function staleDays(
  task: TaskWindow,
  ticks: readonly CommitTick[],
  today: string,
  calendar: WorkCalendar,
  staleAfterDays: number,
): number | undefined {
  if (!(staleAfterDays > 0) || !isInProgress(task.status) || !isValidIsoDate(today)) return undefined;
  const since = actualSpan(ticks)?.end ?? task.start;
  if (since > today) return undefined;
  const quiet = workdaysBetween(since, today, calendar);
  return quiet >= staleAfterDays ? quiet : undefined;
}

export interface ActualProgressOptions {
  today: string;
  calendar: WorkCalendar;
  /** `reqdesk.timeline.staleAfterDays`: 0 = off. */
  staleAfterDays: number;
}

/**
 * A row's bars with their ticks, actual span and stale flag. `commits` are those naming any of
 * `ids` (the requirement's ID and the IDs merged into it). Bars are new objects; a bar nothing
 * applies to is returned as it was, so rows without commits serialise as before.
 */
export function barsWithProgress(
  bars: readonly TimelineBar[],
  commits: readonly CommitLike[],
  ids: readonly string[],
  options: ActualProgressOptions,
): TimelineBar[] {
  const counting = countingCommits(bars, commits, ids, options.today);
  return bars.map((bar) => {
    const ticks = counting.get(bar.taskId) ?? [];
    const actual = actualSpan(ticks);
    const stale = staleDays(bar, ticks, options.today, options.calendar, options.staleAfterDays);
    if (!actual && stale === undefined) return bar;
    return {
      ...bar,
      ...(actual ? { actual, ticks: ticks.length > MAX_TICKS_PER_BAR ? ticks.slice(-MAX_TICKS_PER_BAR) : ticks } : {}),
      ...(stale !== undefined ? { staleDays: stale } : {}),
    };
  });
}
