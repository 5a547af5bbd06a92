// The timeline (Gantt) view as plain data: one row of task bars per requirement, dated by
// scheduleTasks, and the tasks that cannot be dated listed apart with the reason. Pure: the
// caller passes `today` and the calendar, so the model is the same wherever it is computed.
//
// - Rows are in priority, then ID order (compareSummaries), and follow the tree's filter semantics
//   (matchesFilter; the owner filter also matches a task owner). A filter selects whole
//   requirements: a row keeps all its bars, so that dependency arrows never point at hidden tasks.
// - A task is exactly one bar or one unscheduled entry. A repeated task id is the first occurrence
//   (as in scheduleTasks); the repeat is the validator's to report.
// - Unscheduled problems, first that applies: `invalid-date` (its own start is not a date, or its
//   end would pass 9999-12-31), `cycle` (it is in a dependency cycle, detail the ring), `no-schedule`
//   (neither start nor depends), `unknown-dependency` (no start and only unknown dependencies),
//   `unresolved` (it waits for a task that is itself unscheduled, detail those tasks).
// - The row, bar and issue types are the protocol's (src/protocol/timeline.ts): one definition.
// - Dates stay ISO strings throughout: they compare in date order, and the only Date work is what
//   scheduleTasks does.
import type { Filter } from '../protocol/filterBar';
import type { MilestoneKind, TimelineBar, TimelineIssue, TimelineProblem, TimelineRow } from '../protocol/timeline';
import type { RequirementRecord } from './index';
import type { Problem } from './problems';
import { isValidIsoDate, scheduleTasks, type TaskInput, type WorkCalendar, strongComponents } from './schedule';
import type { Requirement, RequirementType, Status, Task } from './schema';
import { presentFields } from './presentFields';
import { compareSummaries, FINISHED_STATUSES, matchesFilter, summarize, type RequirementSummary } from './tree';

export type { MilestoneKind, TimelineBar, TimelineIssue, TimelineProblem, TimelineRow } from '../protocol/timeline';

export interface TimelineModel {
  rows: TimelineRow[];
  unscheduled: TimelineIssue[];
  /** Earliest bar start or milestone to the latest bar end or milestone; undefined when nothing is dated. */
  range: { start: string; end: string } | undefined;
  /**
   * Earliest start to latest end of the bars not done: where the work still to do is, which the
   * view opens on. Undefined when every bar shown is done.
   */
  openRange: { start: string; end: string } | undefined;
  /** Requirements left out because they are finished (see `hideFinished`); 0 when none are. */
  finishedHidden: number;
  today: string;
}

/** How the rows are chosen besides the filter bar. */
export interface TimelineOptions {
  /**
   * Leave out finished requirements (delivered, verified, closed, declined: the tree's finished
   * statuses), unless the filter asks for a status: then the filter alone decides.
   */
  hideFinished?: boolean;
}

/** The filter the bar sends; the owner is the requirement's owner or the owner of any of its tasks. */
export type TimelineFilter = Filter;

export interface TimelineDiff {
  /** Rows that are new or whose content changed. */
  upserted: TimelineRow[];
  /** Files whose rows are gone. */
  removed: string[];
  unscheduledChanged: boolean;
  rangeChanged: boolean;
  /**
   * The files of `after.rows` in order, when the order is not that of `before.rows` with the
   * removed rows taken out (a row was added or moved): where the upserted rows go.
   */
  order?: string[];
}

const MILESTONE_KINDS: readonly MilestoneKind[] = ['start', 'planned_done', 'feedback_due'];

/** What a row shows of its requirement's summary, besides the bars and milestones. */
const ROW_FIELDS = ['id', 'title', 'priority', 'type', 'status', 'teamStatus', 'owner', 'customer'] as const;

export function timelineModel(
  records: readonly RequirementRecord[],
  today: string,
  calendar: WorkCalendar,
  filter: TimelineFilter = {},
  options: TimelineOptions = {},
): TimelineModel {
  const hideFinished = options.hideFinished === true && !filter.status;
  let finishedHidden = 0;
  const entries: Array<{ summary: RequirementSummary; row: TimelineRow | undefined; issues: TimelineIssue[] }> = [];
  for (const record of records) {
    const tasks = record.data.tasks;
    if (!Array.isArray(tasks) || tasks.length === 0) continue;
    // Summarised without its tasks: only the fields to filter and sort by are needed, and the
    // tasks are scheduled once, below, with the invalid starts the index left out.
    const { tasks: _scheduledBelow, ...rest } = record.data;
    const summary = summarize({ ...record, data: rest }, calendar, today);
    if (!passes(summary, tasks, filter)) continue;
    if (hideFinished && isFinished(summary)) {
      finishedHidden++;
      continue;
    }
    const { bars, issues } = layout(record, tasks, calendar, today);
    let row: TimelineRow | undefined;
    if (bars.length > 0) {
      row = {
        file: record.file,
        ...presentFields(summary, ROW_FIELDS),
        bars,
        milestones: milestonesOf(record.data.milestones),
      };
    }
    entries.push({ summary, row, issues });
  }
  entries.sort((a, b) => compareSummaries(a.summary, b.summary));

  const rows: TimelineRow[] = [];
  const unscheduled: TimelineIssue[] = [];
  const all = new Span();
  const open = new Span();
  for (const { row, issues } of entries) {
    for (const issue of issues) unscheduled.push(issue);
    if (!row) continue;
    rows.push(row);
    for (const bar of row.bars) {
      all.widen(bar.start, bar.end);
      if (!bar.done) open.widen(bar.start, bar.end);
    }
    for (const m of row.milestones) all.widen(m.date, m.date);
  }
  return { rows, unscheduled, range: all.range(), openRange: open.range(), finishedHidden, today };
}

/** The earliest and latest of the ISO dates seen (they compare in date order as strings). */
class Span {
  private first: string | undefined;
  private last: string | undefined;

  widen(from: string, to: string): void {
    if (this.first === undefined || from < this.first) this.first = from;
    if (this.last === undefined || to > this.last) this.last = to;
  }

  range(): { start: string; end: string } | undefined {
    return this.first !== undefined && this.last !== undefined ? { start: this.first, end: this.last } : undefined;
  }
}

const isFinished = (summary: RequirementSummary): boolean => summary.status !== undefined && FINISHED_STATUSES.includes(summary.status);

/** The customers and owners the filter offers: those of every row, task owners included, sorted. */
export function timelineChoices(model: TimelineModel): { customers: string[]; owners: string[] } {
  const customers = new Set<string>();
  const owners = new Set<string>();
  for (const row of model.rows) {
    if (row.customer) customers.add(row.customer);
    if (row.owner) owners.add(row.owner);
    for (const bar of row.bars) if (bar.owner) owners.add(bar.owner);
  }
  return { customers: [...customers].sort(), owners: [...owners].sort() };
}

function passes(summary: RequirementSummary, tasks: readonly Task[], filter: TimelineFilter): boolean {
  // Only the timeline's keys: a tree filter passed in must not hide rows by its text or horizon.
  // The bar sends text: a value that is no type or status matches nothing, as in the tree.
  if (
    !matchesFilter(summary, {
      type: filter.type as RequirementType | undefined,
      status: filter.status as Status | undefined,
      customer: filter.customer,
    })
  )
    return false;
  const owner = filter.owner;
  return !owner || summary.owner === owner || tasks.some((t) => t?.owner === owner);
}

function milestonesOf(m: Requirement['milestones'] | undefined): TimelineRow['milestones'] {
  const out: TimelineRow['milestones'] = [];
  if (!m) return out;
  for (const kind of MILESTONE_KINDS) {
    const date = m[kind];
    if (typeof date === 'string' && isValidIsoDate(date)) out.push({ kind, date });
  }
  return out;
}

const unquote = (s: string | undefined): string =>
  s && s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : (s ?? '');

/**
 * Invalid task starts, by index into `data.tasks`. The index drops an invalid value from the data
 * (the validator reports it), which would make the task look unplanned, or dated by its
 * dependencies alone; its problem still says what was written. Task items the index dropped
 * whole shift the later indexes, so those are counted out.
 */
function invalidStarts(problems: readonly Problem[]): Map<number, string> {
  const found = new Map<number, string>();
  if (problems.length === 0) return found;
  const dropped: number[] = [];
  const bad: Array<[number, string]> = [];
  for (const p of problems) {
    const path = p.path;
    if (!path || path[0] !== 'tasks' || typeof path[1] !== 'number') continue;
    const schemaError = p.code === 'required-missing' || p.code === 'type-mismatch';
    if (schemaError && (path.length === 2 || (path.length === 3 && (path[2] === 'id' || path[2] === 'title')))) dropped.push(path[1]);
    else if (path.length === 3 && path[2] === 'start') {
      if (p.code === 'date-invalid') bad.push([path[1], unquote(p.args[1])]);
      else if (p.code === 'type-mismatch') bad.push([path[1], unquote(p.args[2])]);
    }
  }
  if (bad.length === 0) return found;
  const gone = new Set(dropped);
  for (const [raw, value] of bad) {
    if (gone.has(raw)) continue;
    let shift = 0;
    for (const d of gone) if (d < raw) shift++;
    // Never empty: an empty start reads as "no start", and this one was written.
    found.set(raw - shift, value || '?');
  }
  return found;
}

const hasStart = (start: unknown): boolean => start !== undefined && start !== null && start !== '';

/** One requirement's bars and unscheduled tasks, in task order. */
function layout(
  record: RequirementRecord,
  rawTasks: readonly Task[],
  calendar: WorkCalendar,
  today: string,
): { bars: TimelineBar[]; issues: TimelineIssue[] } {
  const badStarts = invalidStarts(record.problems);
  const tasks: Task[] = [];
  const inputs: TaskInput[] = [];
  const indexOf = new Map<string, number>();
  for (let i = 0; i < rawTasks.length; i++) {
    const t = rawTasks[i];
    if (!t || typeof t.id !== 'string' || indexOf.has(t.id)) continue;
    indexOf.set(t.id, tasks.length);
    tasks.push(t);
    const start = hasStart(t.start) ? t.start : badStarts.get(i);
    inputs.push({ id: t.id, start, depends: t.depends, days: t.days, status: t.status });
  }
  const result = scheduleTasks(inputs, calendar, today);

  // Known dependencies (distinct, in order) and unknown ones, per task.
  const known: number[][] = [];
  const unknown: string[][] = [];
  for (const input of inputs) {
    const mine: number[] = [];
    const missing: string[] = [];
    for (const d of Array.isArray(input.depends) ? input.depends : []) {
      if (typeof d !== 'string') continue;
      const j = indexOf.get(d);
      if (j === undefined) {
        if (!missing.includes(d)) missing.push(d);
      } else if (!mine.includes(j)) mine.push(j);
    }
    known.push(mine);
    unknown.push(missing);
  }
  const ringOf = result.cycles.length > 0 ? cycleMembership(known, result.cycles, indexOf) : undefined;

  const bars: TimelineBar[] = [];
  const issues: TimelineIssue[] = [];
  const idPart = record.id ? { id: record.id } : {};
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const input = inputs[i]!;
    const dated = result.tasks.get(t.id);
    if (dated) {
      bars.push({
        requirementFile: record.file,
        taskId: t.id,
        title: typeof t.title === 'string' ? t.title : t.id,
        ...(t.owner ? { owner: t.owner } : {}),
        ...(t.status ? { status: t.status } : {}),
        start: dated.start,
        end: dated.end,
        days: durationOf(t.days),
        late: dated.late,
        done: t.status === 'done',
        dependsOn: known[i]!.map((j) => tasks[j]!.id),
      });
      continue;
    }
    const issue = (problem: TimelineProblem, detail: string): void => {
      issues.push({ file: record.file, ...idPart, taskId: t.id, problem, detail });
    };
    const start = input.start;
    const ring = ringOf?.[i];
    const waitingFor = known[i]!.filter((j) => !result.tasks.has(tasks[j]!.id));
    if (hasStart(start) && !isValidIsoDate(start as string)) issue('invalid-date', String(start));
    else if (ring !== undefined) issue('cycle', ring);
    else if (!hasStart(start) && known[i]!.length === 0)
      issue(unknown[i]!.length > 0 ? 'unknown-dependency' : 'no-schedule', unknown[i]!.join(', '));
    else if (waitingFor.length > 0) issue('unresolved', waitingFor.map((j) => tasks[j]!.id).join(', '));
    else {
      // Every input was fine, so the end fell past 9999-12-31: name the date it started from.
      const after = known[i]!.map((j) => result.tasks.get(tasks[j]!.id)!.end).sort();
      issue('invalid-date', hasStart(start) ? String(start) : (after[after.length - 1] ?? ''));
    }
  }
  return { bars, issues };
}

/** The working days a bar stands for, as scheduleTasks reads `days` (default 1, fractions up). */
function durationOf(days: unknown): number {
  return typeof days === 'number' && Number.isFinite(days) && days >= 0 ? Math.ceil(days) : 1;
}

/**
 * Every task inside a dependency cycle, mapped to its cycle's ring as `T1 → T2 → T1`. scheduleTasks
 * reports one ring per strongly connected group; the other members of an interlocking group are
 * in a cycle too, so every member of a group is mapped to that group's ring.
 */
function cycleMembership(
  deps: readonly (readonly number[])[],
  cycles: readonly string[][],
  indexOf: ReadonlyMap<string, number>,
): Array<string | undefined> {
  const n = deps.length;
  const component = strongComponents(deps);
  const ringByComponent = new Map<number, string>();
  for (const ring of cycles) {
    const head = indexOf.get(ring[0]!);
    if (head !== undefined) ringByComponent.set(component[head]!, [...ring, ring[0]].join(' → '));
  }
  const out: Array<string | undefined> = new Array(n);
  for (let v = 0; v < n; v++) out[v] = ringByComponent.get(component[v]!);
  return out;
}

// Serialised rows, kept per row object: a model is diffed against the next one and then against
// its successor, so each row is serialised once.
const signatures = new WeakMap<TimelineRow, string>();

function signature(row: TimelineRow): string {
  let s = signatures.get(row);
  if (s === undefined) {
    s = JSON.stringify(row);
    signatures.set(row, s);
  }
  return s;
}

/** What changed between two models: rows by file and content, for sending only differences. */
export function timelineDiff(before: TimelineModel, after: TimelineModel): TimelineDiff {
  const previous = new Map<string, TimelineRow>();
  for (const row of before.rows) previous.set(row.file, row);
  const upserted: TimelineRow[] = [];
  const present = new Set<string>();
  for (const row of after.rows) {
    present.add(row.file);
    const old = previous.get(row.file);
    if (!old || (old !== row && signature(old) !== signature(row))) upserted.push(row);
  }
  const removed: string[] = [];
  const kept: string[] = [];
  for (const row of before.rows) {
    if (present.has(row.file)) kept.push(row.file);
    else removed.push(row.file);
  }
  const moved = kept.length !== after.rows.length || after.rows.some((row, i) => row.file !== kept[i]);
  const unscheduledChanged =
    before.unscheduled !== after.unscheduled && JSON.stringify(before.unscheduled) !== JSON.stringify(after.unscheduled);
  const rangeChanged =
    before.range?.start !== after.range?.start ||
    before.range?.end !== after.range?.end ||
    before.openRange?.start !== after.openRange?.start ||
    before.openRange?.end !== after.openRange?.end ||
    before.finishedHidden !== after.finishedHidden;
  return { upserted, removed, unscheduledChanged, rangeChanged, ...(moved ? { order: after.rows.map((r) => r.file) } : {}) };
}
