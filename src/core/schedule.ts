/**
 * Working-day arithmetic and task scheduling for the timeline and late-task warnings.
 *
 * Dates are ISO `YYYY-MM-DD` strings (years 0000–9999). Internally a date is a day number
 * (days since 1970-01-01, UTC), so there is no time zone or daylight-saving drift.
 *
 * Calendar:
 * - `workdays` are ISO weekdays (1 = Monday … 7 = Sunday). Values outside 1–7 are ignored; a list
 *   with no valid weekday means every day is a working day (the only reading that lets every
 *   calculation terminate, and it is what a team that configured "no weekends" means).
 * - `holidays` are skipped like weekends. Entries that are not valid dates are ignored.
 *
 * Arithmetic (let W(a, b) be the number of working days in [a, b)):
 * - `nextWorkday(d)` is d if it is a working day, else the next working day.
 * - `addWorkdays(d, n)` is the working day r with W(d, r) = n: for n = 0 that is nextWorkday(d),
 *   for n > 0 the n-th working day after nextWorkday(d). A negative n counts backwards
 *   (the |n|-th working day before d). So `workdaysBetween(d, addWorkdays(d, n)) === n` always.
 * - `workdaysBetween(from, to)` is W(from, to); negative when `to` is before `from`.
 * All of these run in O(log holidays) per call, independent of n, so no input loops for long.
 *
 * Scheduling (`scheduleTasks`):
 * - A task with `start` S and `days` D begins on nextWorkday(S) and occupies D working days;
 *   `end` is its last working day (inclusive). D defaults to 1; D = 0 is a milestone with
 *   end = start. A fractional D is rounded up; a D that is negative or not a finite number is
 *   treated as the default (the schema validator reports it, the timeline still draws something).
 * - A task with `depends` and no `start` begins on the first working day after the latest `end`
 *   among its dependencies; with both, on the later of the two.
 * - A task is late when `today` is given (and valid), its status is not `done`, and end < today.
 * - Unknown dependencies are reported in `unknownDependencies` (once per task and id) and
 *   ignored for dating.
 * - Dependency cycles are reported in `cycles`, one entry per strongly connected group of tasks:
 *   the shortest ring through the group's first task (in input order), listed so that each task
 *   depends on the next and the last depends on the first (a self-dependency is `[id]`). A group
 *   of interlocking rings is reported once, by that ring; all its members are unresolved.
 * - Unresolved (no dates, listed in `unresolved` in input order): tasks in a cycle; tasks with
 *   neither a start nor a known dependency; tasks whose `start` is not a valid date; tasks whose
 *   end would fall past 9999-12-31 (also listed in `outOfRange`, for validation to report); and
 *   tasks that depend, directly or not, on an unresolved task
 *   (their earliest start is unknown, and a guessed date would mislead on the timeline).
 * - A repeated task id: the first occurrence counts, later ones are ignored (duplicate ids are
 *   the validator's to report).
 * Runs in O(tasks + edges) graph work plus O(log holidays) per dated task, and never throws.
 */

import { firstAtOrAfter } from './sortedSearch';

export interface WorkCalendar {
  workdays: readonly number[];
  holidays: readonly string[];
}

export const DEFAULT_CALENDAR: WorkCalendar = Object.freeze({
  workdays: Object.freeze([1, 2, 3, 4, 5]),
  holidays: Object.freeze([] as string[]),
});

export interface TaskInput {
  id: string;
  start?: string;
  depends?: readonly string[];
  days?: number;
  status?: string;
}

export interface ScheduledTask {
  id: string;
  start: string;
  end: string;
  late: boolean;
}

export interface ScheduleResult {
  /** Only tasks whose dates could be resolved, in input order. */
  tasks: Map<string, ScheduledTask>;
  /** Tasks that could not be dated, in input order. */
  unresolved: string[];
  unknownDependencies: Array<{ task: string; dependency: string }>;
  /** Each cycle once, as the task ids in order (each depends on the next, the last on the first). */
  cycles: string[][];
  /**
   * Tasks whose own dates would fall past 9999-12-31 although everything they depend on is
   * dated (a start too late, too many days), in input order. They are unresolved, and so are
   * the tasks that depend on them.
   */
  outOfRange: string[];
}

const DAY_MS = 86_400_000;
/** Days in 400 Gregorian years: shifting by it keeps Date.UTC away from its 0–99 → 1900s mapping. */
const ERA_DAYS = 146_097;
/** More working days than fit between 0000 and 9999; larger shifts are rejected up front. */
const MAX_SHIFT = 4_000_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day number of 9999-12-31, the last date a `YYYY-MM-DD` string can hold. */
const LAST_DAY = 2_932_896;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `s` is a real calendar date written as `YYYY-MM-DD` (so `2026-02-30` is not). */
export function isValidIsoDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Day number of a date already known to be valid. */
function toDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)) + 400, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS - ERA_DAYS;
}

/**
 * Day number → its date text, made once per day: schedules of thousands of records name the same
 * few hundred days, and a text made per task end was held once per task by the tree (1.9 MB of
 * copies at 10,000 records). Bounded; past the bound it starts afresh.
 */
const dayTexts = new Map<number, string>();
const DAY_TEXTS_MAX = 20_000;

function fromDay(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    if (dayTexts.size >= DAY_TEXTS_MAX) dayTexts.clear();
    text = formatDay(day);
    dayTexts.set(day, text);
  }
  return text;
}

function formatDay(day: number): string {
  const t = new Date((day + ERA_DAYS) * DAY_MS);
  const year = t.getUTCFullYear() - 400;
  if (!(year >= 0 && year <= 9999)) throw new RangeError('Date out of range (0000-01-01 … 9999-12-31)');
  const mm = String(t.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(t.getUTCDate()).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${mm}-${dd}`;
}

function dayOf(date: string, what: string): number {
  if (!isValidIsoDate(date)) throw new RangeError(`${what}: invalid date ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
  return toDay(date);
}

/** ISO weekday (1 = Monday) of a day number; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** A calendar turned into lookups (see compiled: built once per holiday list). */
interface Compiled {
  isWork(day: number): boolean;
  /** Working days in [0, day) minus those in [day, 0): W(a, b) = rank(b) − rank(a). */
  rank(day: number): number;
  /** The working day r with W(base, r) = n. */
  shift(base: number, n: number): number;
}

function compile(cal: WorkCalendar): Compiled {
  const mask = [false, false, false, false, false, false, false];
  for (const d of cal.workdays ?? []) if (Number.isInteger(d) && d >= 1 && d <= 7) mask[d - 1] = true;
  if (!mask.includes(true)) mask.fill(true);
  const weekly = mask.filter(Boolean).length;
  // cum[i]: working weekdays among day numbers 0 … i−1 (the week pattern repeats every 7 days).
  const cum = [0];
  for (let i = 0; i < 7; i++) cum.push(cum[i]! + (mask[isoWeekday(i) - 1] ? 1 : 0));

  // Only holidays that fall on a working weekday change anything.
  const holidaySet = new Set<number>();
  for (const h of cal.holidays ?? []) {
    if (!isValidIsoDate(h)) continue;
    const day = toDay(h);
    if (mask[isoWeekday(day) - 1]) holidaySet.add(day);
  }
  const holidays = [...holidaySet].sort((a, b) => a - b);

  const holidaysBefore = (day: number): number => firstAtOrAfter(holidays, day);
  const isWork = (day: number): boolean => mask[isoWeekday(day) - 1]! && !holidaySet.has(day);
  const rank = (day: number): number => {
    const weeks = Math.floor(day / 7);
    return weeks * weekly + cum[day - weeks * 7]! - holidaysBefore(day);
  };
  const shift = (base: number, n: number): number => {
    const target = rank(base) + n;
    // Enough whole weeks to hold |n| + 1 working days even if every holiday falls inside.
    const span = 7 * (Math.ceil((Math.abs(n) + holidays.length + 1) / weekly) + 1);
    let lo = n < 0 ? base - span : base;
    let hi = n > 0 ? base + span : base + (n === 0 ? span : 0);
    // The answer is the smallest day x with rank(x + 1) > target: the working day of that rank.
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (rank(mid + 1) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return { isWork, rank, shift };
}

const NO_DAYS: readonly never[] = Object.freeze([]);
const compiledByHolidays = new WeakMap<readonly unknown[], { workdays: readonly number[]; length: number; compiled: Compiled }>();

/**
 * The calendar's lookups, compiled once per holiday list (sorting the holidays is the costly
 * part): a report or a tree that dates every task of every record with the same settings does
 * not sort thousands of holidays again for each. Keyed by the lists themselves, so new settings
 * are compiled anew.
 */
function compiled(cal: WorkCalendar): Compiled {
  const holidays = cal.holidays ?? NO_DAYS;
  const workdays = cal.workdays ?? NO_DAYS;
  if (typeof holidays !== 'object' || holidays === null) return compile(cal);
  const hit = compiledByHolidays.get(holidays);
  if (hit && hit.workdays === workdays && hit.length === holidays.length) return hit.compiled;
  const c = compile(cal);
  compiledByHolidays.set(holidays, { workdays, length: holidays.length, compiled: c });
  return c;
}

export function isWorkday(date: string, cal: WorkCalendar): boolean {
  return compiled(cal).isWork(dayOf(date, 'isWorkday'));
}

export function nextWorkday(date: string, cal: WorkCalendar): string {
  return fromDay(compiled(cal).shift(dayOf(date, 'nextWorkday'), 0));
}

/** Throws a RangeError for an invalid date, a non-integer n, or a result outside 0000–9999. */
export function addWorkdays(date: string, n: number, cal: WorkCalendar): string {
  const base = dayOf(date, 'addWorkdays');
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_SHIFT) {
    throw new RangeError(`addWorkdays: n must be an integer of magnitude at most ${MAX_SHIFT}, got ${n}`);
  }
  return fromDay(compiled(cal).shift(base, n));
}

export function workdaysBetween(from: string, to: string, cal: WorkCalendar): number {
  const a = dayOf(from, 'workdaysBetween');
  const b = dayOf(to, 'workdaysBetween');
  const c = compiled(cal);
  return c.rank(b) - c.rank(a);
}

function normaliseDays(days: unknown): number {
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) return 1;
  return Math.ceil(days);
}

interface DependencyIndex {
  list: TaskInput[];
  /** deps[i]: distinct known dependencies of list[i]. */
  deps: number[][];
  unknownDependencies: Array<{ task: string; dependency: string }>;
}

/** Indexes the tasks (the first occurrence of an id wins) and resolves their dependencies. */
function dependencyIndex(tasks: readonly TaskInput[]): DependencyIndex {
  const list: TaskInput[] = [];
  const indexOf = new Map<string, number>();
  for (const t of tasks ?? []) {
    if (!t || typeof t.id !== 'string' || indexOf.has(t.id)) continue;
    indexOf.set(t.id, list.length);
    list.push(t);
  }
  const unknownDependencies: DependencyIndex['unknownDependencies'] = [];
  const deps: number[][] = [];
  for (const t of list) {
    const mine: number[] = [];
    const seen = new Set<string>();
    const raw = Array.isArray(t.depends) ? t.depends : [];
    for (const d of raw) {
      if (typeof d !== 'string' || seen.has(d)) continue;
      seen.add(d);
      const j = indexOf.get(d);
      if (j === undefined) unknownDependencies.push({ task: t.id, dependency: d });
      else mine.push(j);
    }
    deps.push(mine);
  }
  return { list, deps, unknownDependencies };
}

/**
 * The dependency checks of scheduleTasks without the calendar work: what validation needs on
 * every file, at a fraction of the cost.
 */
export function checkDependencies(tasks: readonly TaskInput[]): Pick<ScheduleResult, 'unknownDependencies' | 'cycles'> {
  const { list, deps, unknownDependencies } = dependencyIndex(tasks);
  return { unknownDependencies, cycles: findCycles(deps).map((ring) => ring.map((i) => list[i]!.id)) };
}

export function scheduleTasks(tasks: readonly TaskInput[], cal: WorkCalendar, today?: string): ScheduleResult {
  const result: ScheduleResult = { tasks: new Map(), unresolved: [], unknownDependencies: [], cycles: [], outOfRange: [] };
  const c = compiled(cal ?? DEFAULT_CALENDAR);
  const todayValid = today !== undefined && isValidIsoDate(today);

  const { list, deps, unknownDependencies } = dependencyIndex(tasks);
  result.unknownDependencies = unknownDependencies;
  const n = list.length;

  // Kahn's order over dependency → dependent edges. Tasks in a cycle, and everything downstream
  // of one, never reach in-degree 0 and so stay undated.
  const dependents: number[][] = Array.from({ length: n }, () => []);
  const pending = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const di = deps[i]!;
    pending[i] = di.length;
    for (const j of di) dependents[j]!.push(i);
  }
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) queue.push(i);
  const outOfRange = new Uint8Array(n);
  const startDay = new Float64Array(n).fill(NaN);
  const endDay = new Float64Array(n).fill(NaN);
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!;
    const t = list[i]!;
    let earliest = NaN;
    let ok = true;
    const s = t.start;
    if (s !== undefined && s !== null && s !== '') {
      if (isValidIsoDate(s)) earliest = c.shift(toDay(s), 0);
      else ok = false;
    }
    for (const j of deps[i]!) {
      const e = endDay[j]!;
      if (Number.isNaN(e)) {
        ok = false;
        break;
      }
      const after = c.shift(e + 1, 0);
      if (Number.isNaN(earliest) || after > earliest) earliest = after;
    }
    if (ok && !Number.isNaN(earliest)) {
      const d = normaliseDays(t.days);
      const end = d > MAX_SHIFT ? Infinity : d === 0 ? earliest : c.shift(earliest, d - 1);
      if (end <= LAST_DAY) {
        startDay[i] = earliest;
        endDay[i] = end;
      } else outOfRange[i] = 1; // left undated: its dependents are unresolved
    }
    for (const k of dependents[i]!) {
      pending[k] = pending[k]! - 1;
      if (pending[k] === 0) queue.push(k);
    }
  }

  // Output in input order.
  for (let i = 0; i < n; i++) {
    const t = list[i]!;
    let dated: ScheduledTask | undefined;
    if (!Number.isNaN(endDay[i]!)) {
      try {
        const start = fromDay(startDay[i]!);
        const end = fromDay(endDay[i]!);
        const late = todayValid && t.status !== 'done' && end < today!;
        dated = { id: t.id, start, end, late };
      } catch {
        // Past 9999-12-31: cannot be written as a date, so it is unresolved. Its dependents
        // were dated from the day number; they fail the same way, being later still.
        dated = undefined;
      }
    }
    if (dated) result.tasks.set(t.id, dated);
    else result.unresolved.push(t.id);
    if (outOfRange[i]) result.outOfRange.push(t.id);
  }

  result.cycles = findCycles(deps).map((ring) => ring.map((i) => list[i]!.id));
  return result;
}

/**
 * The tasks whose dates would fall past 9999-12-31 (`outOfRange` of scheduleTasks). A bound
 * first: the latest start plus seven calendar days for every working day, dependency step and
 * holiday cannot reach the year 10000 in any real plan, and then nothing is scheduled.
 */
export function datesOutOfRange(tasks: readonly TaskInput[], cal: WorkCalendar): string[] {
  let latest = -Infinity;
  let steps = 1 + (cal.holidays?.length ?? 0);
  for (const t of tasks) {
    if (typeof t.start === 'string' && isValidIsoDate(t.start)) latest = Math.max(latest, toDay(t.start));
    steps += normaliseDays(t.days) + 1;
  }
  if (latest === -Infinity || latest + 7 * steps <= LAST_DAY) return [];
  return scheduleTasks(tasks, cal).outOfRange;
}

/** Kahn's check with plain arrays: the common case (no cycle) without Tarjan's bookkeeping. */
function isAcyclic(deps: readonly (readonly number[])[]): boolean {
  const n = deps.length;
  const pending: number[] = [];
  const dependents: number[][] = [];
  for (let i = 0; i < n; i++) {
    pending.push(deps[i]!.length);
    dependents.push([]);
  }
  for (let i = 0; i < n; i++) for (const j of deps[i]!) dependents[j]!.push(i);
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) ready.push(i);
  for (let q = 0; q < ready.length; q++) {
    for (const k of dependents[ready[q]!]!) if (--pending[k]! === 0) ready.push(k);
  }
  return ready.length === n;
}

/**
 * Tarjan's strongly connected components (iterative, so a 100k-long chain cannot overflow the
 * stack); for each component that is a cycle, the shortest ring through its lowest index, found
 * by a breadth-first search kept inside the component. O(tasks + edges) in total.
 */
/**
 * Tarjan's strongly connected components, iterative so that a 100k-long chain cannot overflow the
 * stack: the component number of every task. Shared by the schedule and the timeline.
 */
export function strongComponents(deps: readonly (readonly number[])[]): Int32Array {
  const n = deps.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    callNode.push(v);
    callEdge.push(0);
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    visit(root);
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      const edges = deps[v]!;
      const e = callEdge[top]!;
      if (e < edges.length) {
        callEdge[top] = e + 1;
        const w = edges[e]!;
        if (index[w] === -1) visit(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const u = callNode[callNode.length - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] !== index[v]) continue;
      for (;;) {
        const w = stack.pop()!;
        onStack[w] = 0;
        component[w] = components;
        if (w === v) break;
      }
      components++;
    }
  }
  return component;
}

function findCycles(deps: readonly (readonly number[])[]): number[][] {
  const n = deps.length;
  if (isAcyclic(deps)) return [];
  const component = strongComponents(deps);
  // A component is a cycle when it has several tasks, or one that depends on itself; its ring
  // starts at its lowest index.
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const c = component[v]!;
    size.set(c, (size.get(c) ?? 0) + 1);
    if (!first.has(c)) first.set(c, v);
  }
  const roots: number[] = [];
  for (const [c, v] of first) if (size.get(c)! > 1 || deps[v]!.includes(v)) roots.push(v);

  roots.sort((a, b) => a - b);
  const parent = new Int32Array(n).fill(-1);
  const cycles: number[][] = [];
  for (const r of roots) {
    // BFS along "depends on" edges from r until some task depends on r again.
    const comp = component[r]!;
    const queue = [r];
    let closing = -1;
    for (let q = 0; q < queue.length && closing === -1; q++) {
      const v = queue[q]!;
      for (const w of deps[v]!) {
        if (w === r) {
          closing = v;
          break;
        }
        if (component[w] === comp && parent[w] === -1) {
          parent[w] = v;
          queue.push(w);
        }
      }
    }
    const ring: number[] = [];
    for (let v = closing; v !== r; v = parent[v]!) ring.push(v);
    ring.push(r);
    ring.reverse();
    cycles.push(ring);
  }
  return cycles;
}
