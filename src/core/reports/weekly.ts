/**
 * The weekly progress report's figures (the guide's step 5, 执行与反馈: "track progress with a
 * Gantt chart or a weekly report"): what was done, started and late in a week, and the promises
 * due in it, per requirement and per owner, with next week's plan. Pure: the records, the week,
 * `today` and — when git could be read — each task's completion date come in.
 *
 * Definitions (the period is usually an ISO week, Monday to Sunday; both ends inclusive):
 *   - dates of tasks: the schedule's (schedule.ts: working days, `depends`), as the timeline shows;
 *   - as of: the day after the period, or today when that is earlier — what is late is judged then;
 *   - done: tasks done now, dated by the commit that marked them done (taskCompletions.ts) in the
 *     period; a task the history does not date (first committed done, not committed yet), and every
 *     task when there is no history, counts when its scheduled end falls in the period;
 *   - started: tasks whose scheduled start falls in the period, and tasks in progress (`doing`)
 *     that had started by its end (or have no dates);
 *   - late: timely.ts's late tasks as of the as-of day — scheduled end before it, not done;
 *   - promises: `milestones.planned_done` and `milestones.feedback_due` in the period (declined
 *     requirements promise nothing), and change requests implemented by the period's end whose
 *     outcome was not fed back to the customer before it. Kept: delivered, verified or closed for a
 *     delivery; a feedback entry recorded for feedback; fed back by the period's end for a change.
 *     Late: timely.ts's `delivery-overdue` / `feedback-overdue` as of the as-of day (a change has no
 *     due date, so it is never late). Open: neither;
 *   - owner: the task's, else the requirement's, else '' (unassigned); a promise is the requirement
 *     owner's;
 *   - next week: the seven days after the period: tasks not done that start or end in them.
 */
import type { RequirementRecord } from '../index';
import { isValidIsoDate, scheduleTasks, workdaysBetween, type WorkCalendar } from '../schedule';
import { overduePromises } from '../timely';
import { exactWeek, weekLabel } from './isoWeek';
import { addDays, inRange, type ReportRange } from './range';
import type { TaskCompletions } from './taskCompletions';

export interface WeeklyInput {
  range: ReportRange;
  today: string;
  calendar: WorkCalendar;
  /**
   * When each task was marked done by a commit, by record file; absent when git was not read (the
   * report's `missing` says why). A file missing from the map has no dated completions.
   */
  taskCompletions?: ReadonlyMap<string, TaskCompletions>;
}

export interface WeeklyRequirement {
  file: string;
  id: string;
  title: string;
}

export interface WeeklyTask {
  requirement: WeeklyRequirement;
  task: string;
  title: string;
  /** The task's owner, else the requirement's; '' when neither names one. */
  owner: string;
  /** The task's status as written (canonical value), if any. */
  status?: string;
  /** Scheduled dates; absent when the task cannot be dated (no start, a cycle…). */
  start?: string;
  end?: string;
}

export interface DoneTask extends WeeklyTask {
  /** When it was done: the commit's date, or the scheduled end when no commit dates it. */
  on: string;
  datedBy: 'commit' | 'schedule';
}

export interface LateWeeklyTask extends WeeklyTask {
  end: string;
  /** Working days from the scheduled end to the as-of day. */
  workdaysLate: number;
}

export type PromiseKind = 'delivery' | 'feedback' | 'change';
export type PromiseState = 'kept' | 'open' | 'late';
export const PROMISE_STATES: readonly PromiseState[] = ['kept', 'open', 'late'];

export interface WeeklyPromise {
  requirement: WeeklyRequirement;
  kind: PromiseKind;
  /** The promised date; for a change, the day it was implemented (from then the customer waits for word). */
  due: string;
  /** The requirement's owner; '' when it has none. */
  owner: string;
  state: PromiseState;
  /** A change's request. */
  request?: string;
}

export interface WeeklyCounts {
  done: number;
  started: number;
  late: number;
  promises: Record<PromiseState, number>;
}

export interface WeeklyFigures {
  kind: 'weekly';
  /** `2026-W49` when the period is exactly one ISO week. */
  week?: string;
  /** The day lateness is judged on: the day after the period, or today when earlier. */
  asOf: string;
  /** How done tasks were dated: by commits where the history dates them, else by their schedule only. */
  doneRule: 'commit' | 'schedule';
  done: DoneTask[];
  started: WeeklyTask[];
  late: LateWeeklyTask[];
  promises: WeeklyPromise[];
  total: WeeklyCounts;
  /** Requirements with something done, started, late or due, by ID. */
  byRequirement: Array<{ requirement: WeeklyRequirement; owner: string } & WeeklyCounts>;
  /** Owners with something done, started, late or due, by name; unassigned ('') last. */
  byOwner: Array<{ owner: string } & WeeklyCounts>;
  /** The seven days after the period and the tasks planned in them. */
  next: { range: ReportRange; tasks: WeeklyTask[] };
}

const FINISHED = new Set<string>(['delivered', 'verified', 'closed']);

const emptyCounts = (): WeeklyCounts => ({ done: 0, started: 0, late: 0, promises: { kept: 0, open: 0, late: 0 } });

const owned = (owner: unknown): string => (typeof owner === 'string' ? owner.trim() : '');

function refOf(r: RequirementRecord): WeeklyRequirement {
  return { file: r.file, id: r.id ?? '', title: r.title ?? '' };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byRequirement = (a: { requirement: WeeklyRequirement }, b: { requirement: WeeklyRequirement }) =>
  compareText(a.requirement.id, b.requirement.id) || compareText(a.requirement.file, b.requirement.file);
/** By a date, then requirement, then task. */
const byDate =
  <T extends { requirement: WeeklyRequirement; task: string }>(date: (t: T) => string | undefined) =>
  (a: T, b: T) =>
    compareText(date(a) ?? '9999-12-31', date(b) ?? '9999-12-31') || byRequirement(a, b) || compareText(a.task, b.task);

/** The record's tasks with their scheduled dates and owners. */
function weeklyTasks(r: RequirementRecord, calendar: WorkCalendar, asOf: string): Array<WeeklyTask & { late: boolean }> {
  const tasks = r.data.tasks ?? [];
  if (tasks.length === 0) return [];
  const schedule = scheduleTasks(tasks, calendar, asOf);
  const seen = new Set<string>();
  const out: Array<WeeklyTask & { late: boolean }> = [];
  for (const t of tasks) {
    // A repeated ID is the validator's to report; the first one counts, as in the schedule.
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const s = schedule.tasks.get(t.id);
    out.push({
      requirement: refOf(r),
      task: t.id,
      title: t.title,
      owner: owned(t.owner) || owned(r.data.owner),
      ...(t.status ? { status: t.status } : {}),
      ...(s ? { start: s.start, end: s.end } : {}),
      late: s?.late ?? false,
    });
  }
  return out;
}

/** The promises of a record due in the period, with how each stands as of `asOf`. */
function promisesOf(r: RequirementRecord, range: ReportRange, asOf: string): WeeklyPromise[] {
  const status = r.data.status;
  if (status === 'declined' || r.data.strategy === 'declined') return [];
  const base = { requirement: refOf(r), owner: owned(r.data.owner) };
  const overdue = new Set(overduePromises(r.data, asOf).map((p) => p.code));
  const out: WeeklyPromise[] = [];
  const plannedDone = r.data.milestones?.planned_done;
  if (inRange(plannedDone, range)) {
    const state = status && FINISHED.has(status) ? 'kept' : overdue.has('delivery-overdue') ? 'late' : 'open';
    out.push({ ...base, kind: 'delivery', due: plannedDone!, state });
  }
  const feedbackDue = r.data.milestones?.feedback_due;
  if (inRange(feedbackDue, range)) {
    const state = (r.data.feedback ?? []).length > 0 ? 'kept' : overdue.has('feedback-overdue') ? 'late' : 'open';
    out.push({ ...base, kind: 'feedback', due: feedbackDue!, state });
  }
  for (const change of r.data.changes ?? []) {
    const implemented = change.implemented;
    if (change.decision === 'rejected' || !implemented || !isValidIsoDate(implemented) || implemented > range.to) continue;
    const fedBack = change.fed_back && isValidIsoDate(change.fed_back) ? change.fed_back : undefined;
    if (fedBack !== undefined && fedBack < range.from) continue;
    const state = fedBack !== undefined && fedBack <= range.to ? 'kept' : 'open';
    out.push({ ...base, kind: 'change', due: implemented, state, request: change.request });
  }
  return out;
}

export function weeklyFigures(input: WeeklyInput, usable: readonly RequirementRecord[]): WeeklyFigures {
  const { range, calendar } = input;
  const dayAfter = addDays(range.to, 1);
  const asOf = input.today < dayAfter ? input.today : dayAfter;
  const next: ReportRange = { from: dayAfter, to: addDays(range.to, 7) };
  const done: DoneTask[] = [];
  const started: WeeklyTask[] = [];
  const late: LateWeeklyTask[] = [];
  const promises: WeeklyPromise[] = [];
  const planned: WeeklyTask[] = [];

  for (const r of usable) {
    const completions = input.taskCompletions?.get(r.file);
    for (const { late: isLate, ...t } of weeklyTasks(r, calendar, asOf)) {
      if (t.status === 'done') {
        const committed = completions?.get(t.task);
        if (committed !== undefined) {
          if (inRange(committed, range)) done.push({ ...t, on: committed, datedBy: 'commit' });
        } else if (t.end !== undefined && inRange(t.end, range)) done.push({ ...t, on: t.end, datedBy: 'schedule' });
        // Done is final for the week: not in progress, late or still to plan.
        continue;
      }
      if (inRange(t.start, range) || (t.status === 'doing' && (t.start === undefined || t.start <= range.to))) started.push(t);
      if (isLate && t.end !== undefined) late.push({ ...t, end: t.end, workdaysLate: workdaysBetween(t.end, asOf, calendar) });
      if (inRange(t.start, next) || inRange(t.end, next)) planned.push(t);
    }
    for (const p of promisesOf(r, range, asOf)) promises.push(p);
  }
  done.sort(byDate((t) => t.on));
  started.sort(byDate((t) => t.start));
  late.sort(byDate((t) => t.end));
  planned.sort(byDate((t) => t.start));
  promises.sort((a, b) => compareText(a.due, b.due) || byRequirement(a, b));

  // Per requirement and per owner: one pass over every listed item.
  const total = emptyCounts();
  const requirements = new Map<string, { requirement: WeeklyRequirement; owner: string } & WeeklyCounts>();
  const owners = new Map<string, { owner: string } & WeeklyCounts>();
  const ownerOf = new Map(usable.map((r) => [r.file, owned(r.data.owner)]));
  const tally = (item: { requirement: WeeklyRequirement; owner: string }, bump: (c: WeeklyCounts) => void) => {
    const key = item.requirement.file;
    let row = requirements.get(key);
    if (!row) requirements.set(key, (row = { requirement: item.requirement, owner: ownerOf.get(key) ?? '', ...emptyCounts() }));
    let person = owners.get(item.owner);
    if (!person) owners.set(item.owner, (person = { owner: item.owner, ...emptyCounts() }));
    for (const c of [total, row, person]) bump(c);
  };
  for (const t of done) tally(t, (c) => c.done++);
  for (const t of started) tally(t, (c) => c.started++);
  for (const t of late) tally(t, (c) => c.late++);
  for (const p of promises) tally(p, (c) => c.promises[p.state]++);

  const week = exactWeek(range);
  return {
    kind: 'weekly',
    ...(week ? { week: weekLabel(week) } : {}),
    asOf,
    doneRule: input.taskCompletions ? 'commit' : 'schedule',
    done,
    started,
    late,
    promises,
    total,
    byRequirement: [...requirements.values()].sort(byRequirement),
    byOwner: [...owners.values()].sort((a, b) => (a.owner === '' ? 1 : b.owner === '' ? -1 : compareText(a.owner, b.owner))),
    next: { range: next, tasks: planned },
  };
}
