/**
 * The figures of the guide's three periodic evaluations (定期评估), computed from the index's
 * records for a period. Pure: the records, the period, `today`, and — when the caller could read
 * them — commit counts per ID and each file's history come in; nothing is read or guessed here.
 *
 * What "in the period" means, per report (both ends inclusive):
 *
 * Implementation (需求实现情况报告)
 *   - planned: `milestones.planned_done` falls in the period;
 *   - delivered (of planned): a planned one whose status is now delivered, verified or closed;
 *   - delivered in the period (history): the commit that moved the status from any other value to
 *     delivered, verified or closed is dated in the period. A file whose first committed version is
 *     already finished has no delivery date: it is counted as undated, never dated by that commit;
 *   - on time (history): delivered in the period, on or before its `planned_done`;
 *   - late tasks: tasks whose scheduled end falls in the period, not done, and before today;
 *   - commit coverage: of the requirements planned or delivered in the period that are finished
 *     now, how many have a commit mentioning their ID;
 *   - degree met (需求实现程度): the same finished requirements, by their `outcome.degree` (none
 *     recorded is counted as such), by priority;
 *   - effect: those of them with a measured effect (`outcome.measured`), with their expected goal
 *     (期望目标) as the caller read it from the file (`goals`).
 * Process (需求管理过程评估报告)
 *   - intake: `submitted` in the period, by source;
 *   - reviews: `reviews` entries dated in the period;
 *   - time to scored (history): days from `submitted` to the commit that completed importance and
 *     urgency, for those scored in the period (a file first committed with both is undated);
 *   - time to delivered (history): days from `submitted` to the delivery commit (above), for those
 *     delivered in the period;
 *   - time in each status (history): each status span clipped to the period (and to today);
 *   - change requests: `changes` entries dated in the period;
 *   - declines: requirements declined (status or strategy) by a commit in the period; those first
 *     committed already declined, and all of them without history, count when submitted in the
 *     period, undated (the notes say so).
 * Satisfaction (客户满意度评估报告)
 *   - `feedback` entries dated in the period, by customer, type and month; entries scored 1–2 are
 *     listed with whether a change request followed within a day (the guide's 24-hour rule).
 *
 * Records with errors (and files that could not be read) are left out of every figure and named.
 */
import type { HistoryEntry } from '../history';
import { timeInStatus } from '../history';
import type { RequirementRecord } from '../index';
import type { Problem } from '../problems';
import { scheduleTasks, isValidIsoDate, workdaysBetween, type WorkCalendar } from '../schedule';
import type { Degree, Priority, RequirementType, Status } from '../schema';
import { DEGREES, REQUIREMENT_TYPES, STATUSES } from '../schema';
import { addDays, dateOfTimestamp, daysBetween, dayNumber, inRange, monthsOf, type ReportRange } from './range';
import { weeklyFigures, type WeeklyFigures, type WeeklyInput } from './weekly';

export type ReportKind = 'implementation' | 'process' | 'satisfaction' | 'weekly';
export const REPORT_KINDS: readonly ReportKind[] = ['implementation', 'process', 'satisfaction', 'weekly'];

/** Why an optional input is missing: the renderer says so instead of showing a figure. */
export type Unavailable = 'untrusted' | 'no-repository' | 'git-missing' | 'not-read';

export interface ReportInput {
  records: readonly RequirementRecord[];
  range: ReportRange;
  today: string;
  calendar: WorkCalendar;
  /** Every problem of a record, cross-file ones included (default: its own). */
  problemsOf?: (record: RequirementRecord) => readonly Problem[];
  /** Commits mentioning an ID; or why they could not be read. */
  commits?: ((id: string) => number) | { unavailable: Unavailable };
  /** Each record file's history (oldest first), by the record's `file`; or why it could not be read. */
  histories?: ReadonlyMap<string, readonly HistoryEntry[]> | { unavailable: Unavailable };
  /** The weekly report: when tasks were marked done (weekly.ts); without them, `histories` says why git gave none. */
  taskCompletions?: WeeklyInput['taskCompletions'];
  /**
   * The expected goal (期望目标, one line) of the records with a measured effect, by `file`: the
   * body is not in the index, so the caller reads it (`hasMeasuredEffect` says which files).
   */
  goals?: ReadonlyMap<string, string>;
}

export interface SkippedRecord {
  file: string;
  id?: string;
  /** The first error, as a problem code with arguments (the renderer words it). */
  problem?: Pick<Problem, 'code' | 'args'>;
  /** The file was not parsed (too large, binary, unreadable). */
  unreadable?: boolean;
}

export interface RequirementRef {
  file: string;
  id: string;
  title: string;
}

export type PriorityKey = Priority | 'none';
export const PRIORITY_KEYS: readonly PriorityKey[] = ['P1', 'P2', 'P3', 'none'];
export const TYPE_KEYS = Object.keys(REQUIREMENT_TYPES) as RequirementType[];
export const STATUS_KEYS = Object.keys(STATUSES) as Status[];
export type DegreeKey = Degree | 'none';
export const DEGREE_KEYS: readonly DegreeKey[] = [...(Object.keys(DEGREES) as Degree[]), 'none'];

/** Finished requirements per degree met; `none`: no degree recorded. */
export type DegreeRow = Record<DegreeKey, number> & { total: number };

export interface EffectItem {
  requirement: RequirementRef;
  degree?: Degree;
  /** The 期望目标 section's text; undefined when the section is empty or the file was not read. */
  goal?: string;
  measured: string | number;
  note?: string;
}

export interface PlanRow {
  planned: number;
  delivered: number;
  /** undefined: no history. */
  deliveredInPeriod: number | undefined;
  onTime: number | undefined;
}

export interface LateTask {
  requirement: RequirementRef;
  task: string;
  title: string;
  owner?: string;
  end: string;
  /** Working days from the scheduled end to today. */
  workdaysLate: number;
}

export interface ImplementationFigures {
  kind: 'implementation';
  total: PlanRow;
  byPriority: Record<PriorityKey, PlanRow>;
  byType: Record<RequirementType, PlanRow>;
  /** Planned in the period and not finished now. */
  open: RequirementRef[];
  /** Finished with no dated delivery commit (first committed as finished); only with history. */
  undated: RequirementRef[];
  lateTasks: LateTask[];
  /** undefined: commits not available. */
  coverage: { finished: number; withCommits: number; without: RequirementRef[] } | undefined;
  /** The finished requirements planned or delivered in the period, by degree met. */
  degree: { total: DegreeRow; byPriority: Record<PriorityKey, DegreeRow> };
  /** Those of them with a measured effect, by ID. */
  effects: EffectItem[];
}

export interface DurationStats {
  count: number;
  mean: number;
  median: number;
  max: number;
}

export interface TimedRequirement {
  requirement: RequirementRef;
  submitted: string;
  at: string;
  days: number;
}

export interface StatusTime {
  status: string;
  requirements: number;
  days: number;
}

export interface ChangeItem {
  requirement: RequirementRef;
  date: string;
  request: string;
  decision: string | undefined;
  /** The later stages (变更实施, 变更反馈), when recorded. */
  implemented?: string;
  fedBack?: string;
}

export interface DeclineItem {
  requirement: RequirementRef;
  date: string | undefined;
  reason: string | undefined;
}

export interface ProcessFigures {
  kind: 'process';
  submitted: number;
  bySource: Array<{ source: string; count: number }>;
  reviews: { total: number; confirmed: number; changed: number; other: number };
  /** undefined: no history. */
  toScored: { stats: DurationStats | undefined; items: TimedRequirement[] } | undefined;
  toDelivered: { stats: DurationStats | undefined; items: TimedRequirement[] } | undefined;
  timeInStatus: StatusTime[] | undefined;
  changes: { total: number; byDecision: Record<'approved' | 'rejected' | 'pending' | 'none', number>; items: ChangeItem[] };
  declines: { datedBy: 'history' | 'submitted'; items: DeclineItem[] };
}

export interface SatisfactionGroup {
  key: string;
  entries: number;
  mean: number;
  min: number;
  max: number;
}

export interface LowScore {
  requirement: RequirementRef;
  customer: string | undefined;
  date: string;
  satisfaction: number;
  note: string | undefined;
  /** A change request dated the same day or the next. */
  adjustedWithinADay: boolean;
}

export interface SatisfactionFigures {
  kind: 'satisfaction';
  entries: number;
  /** Entries in the period without a satisfaction score. */
  unscored: number;
  overall: SatisfactionGroup | undefined;
  /** Count per score 1–5 (index 0 is score 1). */
  distribution: [number, number, number, number, number];
  byCustomer: SatisfactionGroup[];
  byType: SatisfactionGroup[];
  /** Every month of the period (entries 0 for empty ones); for a period over 12 months, only months with entries. */
  byMonth: SatisfactionGroup[];
  low: LowScore[];
}

export type Figures = ImplementationFigures | ProcessFigures | SatisfactionFigures | WeeklyFigures;

export interface Report<F extends Figures = Figures> {
  kind: F['kind'];
  range: ReportRange;
  today: string;
  /** Records the figures are computed from. */
  counted: number;
  skipped: SkippedRecord[];
  /** Inputs the report had to do without. */
  missing: { history?: Unavailable; commits?: Unavailable };
  figures: F;
}

const FINISHED = new Set<string>(['delivered', 'verified', 'closed']);

// ---------------------------------------------------------------------------------------------
// Shared

function refOf(r: RequirementRecord): RequirementRef {
  return { file: r.file, id: r.id ?? '', title: r.title ?? '' };
}

const byId = (a: { requirement: RequirementRef }, b: { requirement: RequirementRef }) =>
  a.requirement.id < b.requirement.id ? -1 : a.requirement.id > b.requirement.id ? 1 : a.requirement.file.localeCompare(b.requirement.file);

/** Splits the records into the ones the figures use and the ones skipped for errors. */
export function partitionRecords(input: Pick<ReportInput, 'records' | 'problemsOf'>): {
  usable: RequirementRecord[];
  skipped: SkippedRecord[];
} {
  const usable: RequirementRecord[] = [];
  const skipped: SkippedRecord[] = [];
  for (const r of input.records) {
    if (r.skipped) {
      const first = r.problems[0];
      skipped.push({
        file: r.file,
        ...(r.id ? { id: r.id } : {}),
        unreadable: true,
        ...(first ? { problem: { code: first.code, args: first.args } } : {}),
      });
      continue;
    }
    const error = (input.problemsOf ? input.problemsOf(r) : r.problems).find((p) => p.severity === 'error');
    if (error) skipped.push({ file: r.file, ...(r.id ? { id: r.id } : {}), problem: { code: error.code, args: error.args } });
    else usable.push(r);
  }
  const order = (a: { id?: string; file: string }, b: { id?: string; file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  usable.sort(order);
  skipped.sort(order);
  return { usable, skipped };
}

const isUnavailable = (x: unknown): x is { unavailable: Unavailable } => typeof x === 'object' && x !== null && 'unavailable' in x;

function historyOf(input: ReportInput, file: string): readonly HistoryEntry[] | undefined {
  const h = input.histories;
  if (!h || isUnavailable(h)) return undefined;
  return h.get(file) ?? [];
}

function hasHistory(input: ReportInput): boolean {
  return input.histories !== undefined && !isUnavailable(input.histories);
}

function missingOf(input: ReportInput, needsHistory: boolean, needsCommits: boolean): Report['missing'] {
  const missing: Report['missing'] = {};
  if (needsHistory && !hasHistory(input)) missing.history = isUnavailable(input.histories) ? input.histories.unavailable : 'not-read';
  if (needsCommits && typeof input.commits !== 'function') missing.commits = input.commits ? input.commits.unavailable : 'not-read';
  return missing;
}

/** The date of the commit that first moved the status into `target` from anything else; undefined when the history never shows such a move. */
function transitionDate(entries: readonly HistoryEntry[], target: (status: unknown) => boolean): string | undefined {
  for (const e of entries) {
    const change = e.changes.find((c) => c.field === 'status');
    if (!change || !target(change.to)) continue;
    // Created (or restored) already there: when it got there is not in the history.
    if (change.from === undefined) continue;
    if (!target(change.from)) return dateOfTimestamp(e.date);
  }
  return undefined;
}

const isFinished = (status: unknown) => typeof status === 'string' && FINISHED.has(status);

/** When the requirement was delivered, by its history (see the module comment). */
export function deliveryDate(entries: readonly HistoryEntry[]): string | undefined {
  return transitionDate(entries, isFinished);
}

/**
 * The date of the commit that completed importance and urgency in a version that lacked one of
 * them. A file first committed with both was scored before its history begins: undefined.
 */
export function scoredDate(entries: readonly HistoryEntry[]): string | undefined {
  let importance = false;
  let urgency = false;
  let seen = false;
  for (const e of entries) {
    if (e.fileEvents.includes('deleted')) importance = urgency = false;
    const before = importance && urgency;
    for (const c of e.changes) {
      if (c.field === 'scores.importance') importance = c.to !== undefined;
      if (c.field === 'scores.urgency') urgency = c.to !== undefined;
    }
    const first = !seen;
    if (e.changes.length > 0 || e.fileEvents.includes('created')) seen = true;
    if (importance && urgency && !before) return first ? undefined : dateOfTimestamp(e.date);
  }
  return undefined;
}

/**
 * When the requirement was declined (status or strategy), by its history; undefined when it never
 * was by a commit — a file first committed already declined was declined before its history.
 */
function declineDate(entries: readonly HistoryEntry[]): string | undefined {
  for (const e of entries) {
    const declined = e.changes.some(
      (c) => (c.field === 'status' || c.field === 'strategy') && c.to === 'declined' && c.from !== 'declined',
    );
    if (!declined) continue;
    if (e.fileEvents.includes('created') || e.fileEvents.includes('restored')) return undefined;
    return dateOfTimestamp(e.date);
  }
  return undefined;
}

export function durationStats(values: readonly number[]): DurationStats | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: sorted.length, mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, median, max: sorted[sorted.length - 1]! };
}

// ---------------------------------------------------------------------------------------------
// Implementation

const emptyRow = (history: boolean): PlanRow => ({
  planned: 0,
  delivered: 0,
  deliveredInPeriod: history ? 0 : undefined,
  onTime: history ? 0 : undefined,
});

const emptyDegreeRow = (): DegreeRow => ({
  ...(Object.fromEntries(DEGREE_KEYS.map((k) => [k, 0])) as Record<DegreeKey, number>),
  total: 0,
});

/** A record that records a measured effect: the report lists it with its expected goal, which the caller reads from its file. */
export function hasMeasuredEffect(record: RequirementRecord): boolean {
  const measured = record.data.outcome?.measured;
  return typeof measured === 'number' || (typeof measured === 'string' && measured.trim() !== '');
}

/** The finished requirements in scope by degree met, and the effects they measured. */
function outcomeFigures(input: ReportInput, finished: readonly RequirementRecord[]): Pick<ImplementationFigures, 'degree' | 'effects'> {
  const total = emptyDegreeRow();
  const byPriority = Object.fromEntries(PRIORITY_KEYS.map((k) => [k, emptyDegreeRow()])) as Record<PriorityKey, DegreeRow>;
  const effects: EffectItem[] = [];
  for (const r of finished) {
    const outcome = r.data.outcome;
    const degree = outcome?.degree;
    for (const row of [total, byPriority[r.priority ?? 'none']]) {
      row[degree ?? 'none']++;
      row.total++;
    }
    if (!hasMeasuredEffect(r)) continue;
    const goal = input.goals?.get(r.file);
    effects.push({
      requirement: refOf(r),
      ...(degree ? { degree } : {}),
      ...(goal ? { goal } : {}),
      measured: typeof outcome!.measured === 'string' ? outcome!.measured.trim() : outcome!.measured!,
      ...(outcome!.note?.trim() ? { note: outcome!.note.trim() } : {}),
    });
  }
  effects.sort(byId);
  return { degree: { total, byPriority }, effects };
}

export function implementationFigures(input: ReportInput, usable: readonly RequirementRecord[]): ImplementationFigures {
  const history = hasHistory(input);
  const total = emptyRow(history);
  const byPriority = Object.fromEntries(PRIORITY_KEYS.map((k) => [k, emptyRow(history)])) as Record<PriorityKey, PlanRow>;
  const byType = Object.fromEntries(TYPE_KEYS.map((k) => [k, emptyRow(history)])) as Record<RequirementType, PlanRow>;
  const open: RequirementRef[] = [];
  const undated: RequirementRef[] = [];
  const lateTasks: LateTask[] = [];
  const inScope: RequirementRecord[] = [];

  for (const r of usable) {
    const plannedDone = r.data.milestones?.planned_done;
    const planned = inRange(plannedDone, input.range);
    const finished = isFinished(r.data.status);
    const entries = historyOf(input, r.file);
    const delivered = entries ? deliveryDate(entries) : undefined;
    const deliveredInPeriod = inRange(delivered, input.range);
    if (entries && finished && delivered === undefined && (planned || inRange(r.data.submitted, input.range))) undated.push(refOf(r));
    const rows = [total, byPriority[r.priority ?? 'none'], ...(r.data.type ? [byType[r.data.type]] : [])];
    for (const row of rows) {
      if (planned) row.planned++;
      if (planned && finished) row.delivered++;
      if (deliveredInPeriod) row.deliveredInPeriod!++;
      if (deliveredInPeriod && plannedDone !== undefined && isValidIsoDate(plannedDone) && delivered! <= plannedDone) row.onTime!++;
    }
    if (planned && !finished) open.push(refOf(r));
    if (planned || deliveredInPeriod) inScope.push(r);

    const tasks = r.data.tasks ?? [];
    if (tasks.length > 0) {
      const schedule = scheduleTasks(tasks, input.calendar, input.today);
      for (const t of tasks) {
        const s = schedule.tasks.get(t.id);
        if (!s || !s.late || !inRange(s.end, input.range)) continue;
        lateTasks.push({
          requirement: refOf(r),
          task: t.id,
          title: t.title,
          ...(t.owner ? { owner: t.owner } : {}),
          end: s.end,
          workdaysLate: workdaysBetween(s.end, input.today, input.calendar),
        });
      }
    }
  }
  lateTasks.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : byId(a, b) || a.task.localeCompare(b.task)));

  const finishedInScope = inScope.filter((r) => isFinished(r.data.status));
  let coverage: ImplementationFigures['coverage'];
  if (typeof input.commits === 'function') {
    const finished = finishedInScope.filter((r) => r.id);
    const without = finished.filter((r) => (input.commits as (id: string) => number)(r.id!) === 0).map(refOf);
    coverage = { finished: finished.length, withCommits: finished.length - without.length, without };
  }
  return {
    kind: 'implementation',
    total,
    byPriority,
    byType,
    open,
    undated,
    lateTasks,
    coverage,
    ...outcomeFigures(input, finishedInScope),
  };
}

// ---------------------------------------------------------------------------------------------
// Process

export function processFigures(input: ReportInput, usable: readonly RequirementRecord[]): ProcessFigures {
  const range = input.range;
  const history = hasHistory(input);
  let submitted = 0;
  const sources = new Map<string, number>();
  const reviews = { total: 0, confirmed: 0, changed: 0, other: 0 };
  const scored: TimedRequirement[] = [];
  const delivered: TimedRequirement[] = [];
  const statusDays = new Map<string, { requirements: number; days: number }>();
  const changes: ProcessFigures['changes'] = { total: 0, byDecision: { approved: 0, rejected: 0, pending: 0, none: 0 }, items: [] };
  const declines: DeclineItem[] = [];
  // Spans still open end today; nothing is counted past the period or today.
  const periodStart = dayNumber(range.from);
  const periodEnd = Math.min(dayNumber(range.to) + 1, dayNumber(input.today) + 1);

  for (const r of usable) {
    const sub = r.data.submitted;
    if (inRange(sub, range)) {
      submitted++;
      const source = r.data.source ?? '';
      sources.set(source, (sources.get(source) ?? 0) + 1);
    }
    for (const review of r.data.reviews ?? []) {
      if (!inRange(review.date, range)) continue;
      reviews.total++;
      if (review.result === 'confirmed') reviews.confirmed++;
      else if (review.result === 'changed') reviews.changed++;
      else reviews.other++;
    }
    for (const change of r.data.changes ?? []) {
      if (!inRange(change.date, range)) continue;
      changes.total++;
      const decision = change.decision as keyof ProcessFigures['changes']['byDecision'] | undefined;
      changes.byDecision[decision && decision in changes.byDecision ? decision : 'none']++;
      changes.items.push({
        requirement: refOf(r),
        date: change.date,
        request: change.request,
        decision: change.decision,
        ...(change.implemented ? { implemented: change.implemented } : {}),
        ...(change.fed_back ? { fedBack: change.fed_back } : {}),
      });
    }

    const isDeclined = r.data.status === 'declined' || r.data.strategy === 'declined';
    const reason = typeof r.data.decline_reason === 'string' && r.data.decline_reason.trim() !== '' ? r.data.decline_reason : undefined;
    const entries = historyOf(input, r.file);
    if (!entries) {
      if (isDeclined && inRange(sub, range)) declines.push({ requirement: refOf(r), date: undefined, reason });
      continue;
    }
    if (isDeclined) {
      // Undated (declined in its first version): listed when it was submitted in the period.
      const at = declineDate(entries);
      if (at ? inRange(at, range) : inRange(sub, range)) declines.push({ requirement: refOf(r), date: at, reason });
    }
    const validSub = sub !== undefined && isValidIsoDate(sub) ? sub : undefined;
    const scoredAt = scoredDate(entries);
    if (validSub && scoredAt && inRange(scoredAt, range))
      scored.push({ requirement: refOf(r), submitted: validSub, at: scoredAt, days: daysBetween(validSub, scoredAt) });
    const deliveredAt = deliveryDate(entries);
    if (validSub && deliveredAt && inRange(deliveredAt, range) && isFinished(r.data.status)) {
      delivered.push({ requirement: refOf(r), submitted: validSub, at: deliveredAt, days: daysBetween(validSub, deliveredAt) });
    }
    const seen = new Set<string>();
    for (const span of timeInStatus(entries)) {
      const from = dateOfTimestamp(span.from);
      const to = span.to === undefined ? undefined : dateOfTimestamp(span.to);
      if (!from) continue;
      // The span covers [a, b) in days; one still open runs to today. It counts for the period
      // when it covers at least its first day inside it (a status held for less than a day too).
      const a = dayNumber(from);
      const b = to ? dayNumber(to) : dayNumber(input.today);
      if (!(a < periodEnd && Math.max(b, a + 1) > periodStart)) continue;
      const days = Math.max(0, Math.min(b, periodEnd) - Math.max(a, periodStart));
      const slot = statusDays.get(span.status) ?? { requirements: 0, days: 0 };
      if (!seen.has(span.status)) slot.requirements++;
      seen.add(span.status);
      slot.days += days;
      statusDays.set(span.status, slot);
    }
  }

  const order = (a: string, b: string) => {
    const ia = STATUS_KEYS.indexOf(a as Status);
    const ib = STATUS_KEYS.indexOf(b as Status);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  };
  scored.sort(byId);
  delivered.sort(byId);
  changes.items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : byId(a, b)));
  declines.sort(byId);
  return {
    kind: 'process',
    submitted,
    bySource: [...sources]
      .map(([source, count]) => ({ source, count }))
      .sort((a, b) => b.count - a.count || (a.source === '' ? 1 : b.source === '' ? -1 : a.source.localeCompare(b.source))),
    reviews,
    toScored: history ? { stats: durationStats(scored.map((s) => s.days)), items: scored } : undefined,
    toDelivered: history ? { stats: durationStats(delivered.map((s) => s.days)), items: delivered } : undefined,
    timeInStatus: history ? [...statusDays].sort(([a], [b]) => order(a, b)).map(([status, v]) => ({ status, ...v })) : undefined,
    changes,
    declines: { datedBy: history ? 'history' : 'submitted', items: declines },
  };
}

// ---------------------------------------------------------------------------------------------
// Satisfaction

function group(key: string, scores: readonly number[]): SatisfactionGroup {
  return {
    key,
    entries: scores.length,
    mean: scores.length ? scores.reduce((s, v) => s + v, 0) / scores.length : 0,
    min: scores.length ? scores.reduce((a, b) => Math.min(a, b)) : 0,
    max: scores.length ? scores.reduce((a, b) => Math.max(a, b)) : 0,
  };
}

function grouped(pairs: ReadonlyArray<[string, number]>): SatisfactionGroup[] {
  const map = new Map<string, number[]>();
  for (const [key, score] of pairs) map.set(key, [...(map.get(key) ?? []), score]);
  return [...map].map(([key, scores]) => group(key, scores));
}

export function satisfactionFigures(input: ReportInput, usable: readonly RequirementRecord[]): SatisfactionFigures {
  const all: number[] = [];
  const byCustomer: Array<[string, number]> = [];
  const byType: Array<[string, number]> = [];
  const byMonth: Array<[string, number]> = [];
  const distribution: SatisfactionFigures['distribution'] = [0, 0, 0, 0, 0];
  const low: LowScore[] = [];
  let entries = 0;
  let unscored = 0;
  for (const r of usable) {
    for (const fb of r.data.feedback ?? []) {
      if (!inRange(fb.date, input.range)) continue;
      entries++;
      const s = fb.satisfaction;
      if (s === undefined) {
        unscored++;
        continue;
      }
      all.push(s);
      distribution[s - 1]!++;
      const customer = r.data.customer?.name;
      byCustomer.push([customer ?? '', s]);
      byType.push([r.data.type ?? '', s]);
      byMonth.push([fb.date.slice(0, 7), s]);
      if (s <= 2) {
        const until = addDays(fb.date, 1);
        const adjusted = (r.data.changes ?? []).some((c) => isValidIsoDate(c.date) && c.date >= fb.date && c.date <= until);
        low.push({ requirement: refOf(r), customer, date: fb.date, satisfaction: s, note: fb.note, adjustedWithinADay: adjusted });
      }
    }
  }
  const customers = grouped(byCustomer).sort(
    (a, b) => b.mean - a.mean || b.entries - a.entries || (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key)),
  );
  const types = grouped(byType);
  const typeOrder = (k: string) => (TYPE_KEYS.indexOf(k as RequirementType) + 100) % 100;
  const monthGroups = new Map(grouped(byMonth).map((g) => [g.key, g]));
  low.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : byId(a, b)));
  return {
    kind: 'satisfaction',
    entries,
    unscored,
    overall: all.length ? group('', all) : undefined,
    distribution,
    byCustomer: customers,
    byType: types.sort((a, b) => typeOrder(a.key) - typeOrder(b.key)),
    // Every month of a period up to a year, empty ones too; a longer one lists the months with entries.
    byMonth: monthsOf(input.range)
      .map((m) => monthGroups.get(m) ?? group(m, []))
      .filter((g, _, all) => all.length <= 12 || g.entries > 0),
    low,
  };
}

// ---------------------------------------------------------------------------------------------

/** One report's figures, with the records it skipped and the inputs it lacked. */
export function computeReport(kind: ReportKind, input: ReportInput): Report {
  const { usable, skipped } = partitionRecords(input);
  const base = { kind, range: input.range, today: input.today, counted: usable.length, skipped };
  switch (kind) {
    case 'implementation':
      return { ...base, missing: missingOf(input, true, true), figures: implementationFigures(input, usable) };
    case 'process':
      return { ...base, missing: missingOf(input, true, false), figures: processFigures(input, usable) };
    case 'satisfaction':
      return { ...base, missing: {}, figures: satisfactionFigures(input, usable) };
    case 'weekly':
      return {
        ...base,
        missing: input.taskCompletions ? {} : { history: isUnavailable(input.histories) ? input.histories.unavailable : 'not-read' },
        figures: weeklyFigures(input, usable),
      };
  }
}
