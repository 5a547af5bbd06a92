/**
 * The promise ledger of one customer: every date the records promised them, and whether it was
 * kept. Pure: the records, today and — when the caller could read git — each record's dates
 * (promiseDates.ts) come in; nothing is read or guessed here.
 *
 * Which records: those the customer asked for (`customer` or one of `requesters`, by customerKey).
 * A declined requirement promises nothing more (the decline was the answer): its dates are left
 * out. An on-hold one was deferred on purpose: its dates past due stay open, never overdue, as the
 * editor's delivery-overdue rule has it (timely.ts).
 *
 * States, with `today` passed in (a date due today is still open):
 *   kept     done on or before the due date, or done with no due date to miss;
 *   late     done after the due date;
 *   open     not done, and not yet due (or no due date, or on hold);
 *   overdue  not done, and the due date has passed.
 * `keptOn` says when it was done; a kept promise without `keptOn` is "kept, date unknown": the
 * record says it is done and nothing says when (no git, or the file was first committed that way).
 *
 * The promises, per record:
 *   planned_done   `milestones.planned_done`: the delivery. Done when the status is delivered,
 *                  verified or closed; dated by the commit that moved it there (RecordDates.delivered,
 *                  as the implementation report dates deliveries).
 *   feedback_due   `milestones.feedback_due`: collecting the customer's feedback. Kept by a
 *                  feedback entry dated on or before it (the first entry's date is `keptOn`); late
 *                  when the first entry came after it.
 *   task_start,    the scheduled start and end (schedule.ts, working days) of a task marked
 *   task_end       `promised: true`. The end is done when the task is done, the start when it is
 *                  doing or done; dated by the commits that moved its status (RecordDates.tasks). A
 *                  task that starts and ends the same day promises only its end; a task that cannot
 *                  be dated (no start, a cycle…) promises no date and is left out.
 *   change_decision        each change request (`changes[]` with a valid date): a decision is owed.
 *                          Kept when it is approved or rejected, on `decided` when written.
 *   change_implementation  an approved change: due by `planned_done` when it was requested on or
 *                          before it (it ships with the delivery the customer was promised), else
 *                          undated. Kept on `implemented`; without it, a `ref` or — for a change
 *                          due with the delivery — the delivery itself (its date, when known) keep it.
 *   change_feedback        a decided change (approved or rejected): the outcome is owed to the
 *                          customer. Kept on `fed_back`.
 * The record does not date a change's stages ahead (it records when each happened), so the
 * decision and the feedback are never late or overdue: they are kept or open.
 */
import { requestersOf, customerKey } from './customers';
import type { RecordDates } from './promiseDates';
import { isValidIsoDate, scheduleTasks, type WorkCalendar } from './schedule';
import type { Requirement } from './schema';

export type PromiseKind =
  'planned_done' | 'feedback_due' | 'task_start' | 'task_end' | 'change_decision' | 'change_implementation' | 'change_feedback';

export const PROMISE_KINDS: readonly PromiseKind[] = [
  'planned_done',
  'feedback_due',
  'task_start',
  'task_end',
  'change_decision',
  'change_implementation',
  'change_feedback',
];

export type PromiseState = 'kept' | 'late' | 'open' | 'overdue';
export const PROMISE_STATES: readonly PromiseState[] = ['kept', 'late', 'open', 'overdue'];

/** The part of an indexed record the ledger reads. */
export interface LedgerRecord {
  file: string;
  id?: string;
  title?: string;
  data: Partial<Requirement>;
}

export interface CustomerPromise {
  file: string;
  id?: string;
  title?: string;
  kind: PromiseKind;
  /** For task_start and task_end. */
  task?: { id: string; title?: string };
  /** For the change kinds: the entry's index in `changes`, its request and the date it was made. */
  change?: { index: number; request: string; date: string };
  /** The date promised; undefined for the change stages the record does not date ahead. */
  due?: string;
  state: PromiseState;
  /** When it was kept (or kept late); undefined while open or overdue, and when nothing says when. */
  keptOn?: string;
}

export type LedgerSummary = Record<PromiseState, number>;

export interface LedgerInput {
  /** The records to look at; only those the customer asked for count. */
  records: Iterable<LedgerRecord>;
  /** The customer's name or key (compared by customerKey). */
  customer: string;
  today: string;
  calendar: WorkCalendar;
  /** Each record's dates from git, by file; undefined when git was not read. */
  dates?: ReadonlyMap<string, RecordDates>;
}

export interface Ledger {
  promises: CustomerPromise[];
  summary: LedgerSummary;
}

const FINISHED: ReadonlySet<string> = new Set(['delivered', 'verified', 'closed']);
const valid = (d: unknown): d is string => typeof d === 'string' && isValidIsoDate(d);

/** Whether a record was asked for by the customer with this key. */
export function askedBy(data: LedgerRecord['data'], key: string): boolean {
  return requestersOf(data).some((r) => r.key === key);
}

/** The records the customer asked for, in the order given. */
export function recordsOfCustomer<R extends LedgerRecord>(records: Iterable<R>, customer: string): R[] {
  const key = customerKey(customer);
  const out: R[] = [];
  for (const r of records) if (askedBy(r.data, key)) out.push(r);
  return out;
}

/** One record's promises (see the module comment); the record is assumed to be the customer's. */
export function recordPromises(
  record: LedgerRecord,
  today: string,
  calendar: WorkCalendar,
  dates: RecordDates | undefined,
): CustomerPromise[] {
  const d = record.data;
  if (d.status === 'declined') return [];
  const out: CustomerPromise[] = [];
  const ref = { file: record.file, ...(record.id ? { id: record.id } : {}), ...(record.title ? { title: record.title } : {}) };
  const onHold = d.status === 'on-hold';
  const finished = typeof d.status === 'string' && FINISHED.has(d.status);
  /** A promise done on `on` (undefined: done, date unknown), or not done. */
  const judge = (due: string | undefined, done: boolean, on: string | undefined): Pick<CustomerPromise, 'state' | 'keptOn'> => {
    if (done) return { state: due !== undefined && on !== undefined && on > due ? 'late' : 'kept', ...(on ? { keptOn: on } : {}) };
    return { state: due !== undefined && !onHold && today > due ? 'overdue' : 'open' };
  };

  const plannedDone = valid(d.milestones?.planned_done) ? d.milestones.planned_done : undefined;
  if (plannedDone) out.push({ ...ref, kind: 'planned_done', due: plannedDone, ...judge(plannedDone, finished, dates?.delivered) });

  const feedbackDue = valid(d.milestones?.feedback_due) ? d.milestones.feedback_due : undefined;
  if (feedbackDue) {
    const first = (Array.isArray(d.feedback) ? d.feedback : [])
      .map((f) => f?.date)
      .filter(valid)
      .sort()[0];
    out.push({ ...ref, kind: 'feedback_due', due: feedbackDue, ...judge(feedbackDue, first !== undefined, first) });
  }

  const tasks = (Array.isArray(d.tasks) ? d.tasks : []).filter((t) => t && typeof t.id === 'string');
  if (tasks.some((t) => t.promised === true)) {
    const schedule = scheduleTasks(tasks, calendar);
    const seen = new Set<string>();
    for (const t of tasks) {
      if (t.promised !== true || seen.has(t.id)) continue;
      seen.add(t.id);
      const s = schedule.tasks.get(t.id);
      if (!s) continue;
      const task = { id: t.id, ...(typeof t.title === 'string' && t.title ? { title: t.title } : {}) };
      const when = dates?.tasks.get(t.id);
      if (s.start < s.end) {
        const started = t.status === 'doing' || t.status === 'done';
        out.push({ ...ref, kind: 'task_start', task, due: s.start, ...judge(s.start, started, when?.started) });
      }
      out.push({ ...ref, kind: 'task_end', task, due: s.end, ...judge(s.end, t.status === 'done', when?.done) });
    }
  }

  (Array.isArray(d.changes) ? d.changes : []).forEach((c, index) => {
    if (!c || !valid(c.date)) return;
    const change = { index, request: typeof c.request === 'string' ? c.request : '', date: c.date };
    const decided = c.decision === 'approved' || c.decision === 'rejected';
    const decidedOn = valid(c.decided) ? c.decided : undefined;
    out.push({ ...ref, kind: 'change_decision', change, ...judge(undefined, decided, decidedOn) });
    if (c.decision === 'approved') {
      const due = plannedDone !== undefined && c.date <= plannedDone ? plannedDone : undefined;
      const implementedOn = valid(c.implemented) ? c.implemented : undefined;
      const withDelivery = due !== undefined && finished;
      const done = implementedOn !== undefined || (typeof c.ref === 'string' && c.ref.trim() !== '') || withDelivery;
      const on = implementedOn ?? (withDelivery ? dates?.delivered : undefined);
      out.push({ ...ref, kind: 'change_implementation', change, ...(due ? { due } : {}), ...judge(due, done, on) });
    }
    if (decided) {
      const fedBack = valid(c.fed_back) ? c.fed_back : undefined;
      out.push({ ...ref, kind: 'change_feedback', change, ...judge(undefined, fedBack !== undefined, fedBack) });
    }
  });
  return out;
}

const KIND_ORDER = new Map(PROMISE_KINDS.map((k, i) => [k, i]));

/** When a promise sorts: its due date, else the day the change was requested. */
const sortDate = (p: CustomerPromise) => p.due ?? p.change?.date ?? '';

/** Ledger order: by date, then requirement ID (then file), then kind, task and change. */
export function comparePromises(a: CustomerPromise, b: CustomerPromise): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    cmp(sortDate(a), sortDate(b)) ||
    cmp(a.id ?? '', b.id ?? '') ||
    cmp(a.file, b.file) ||
    (a.change?.index ?? -1) - (b.change?.index ?? -1) ||
    cmp(a.task?.id ?? '', b.task?.id ?? '') ||
    KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!
  );
}

export function summarize(promises: readonly CustomerPromise[]): LedgerSummary {
  const summary: LedgerSummary = { kept: 0, late: 0, open: 0, overdue: 0 };
  for (const p of promises) summary[p.state]++;
  return summary;
}

/** The customer's promise ledger, in ledger order, with the count of each state. */
export function promiseLedger(input: LedgerInput): Ledger {
  const promises: CustomerPromise[] = [];
  for (const record of recordsOfCustomer(input.records, input.customer))
    for (const p of recordPromises(record, input.today, input.calendar, input.dates?.get(record.file))) promises.push(p);
  promises.sort(comparePromises);
  return { promises, summary: summarize(promises) };
}
