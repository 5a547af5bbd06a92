// The promise ledger: each kind of promise, the boundaries between kept, late, open and overdue,
// dates that are missing (no git, first committed done), which records belong to a customer, and
// the dates read off a file's committed versions.
import assert from 'node:assert/strict';
import { customerDirectory } from '../../src/core/customers';
import { findCustomer } from '../../src/core/customerLookup';
import type { FileVersion } from '../../src/core/history';
import { recordDatesOf, type RecordDates } from '../../src/core/promiseDates';
import { promiseLedger, recordPromises, type CustomerPromise, type LedgerRecord } from '../../src/core/promises';
import { DEFAULT_CALENDAR } from '../../src/core/schedule';
import type { Requirement } from '../../src/core/schema';

const CAL = DEFAULT_CALENDAR;

function rec(data: Partial<Requirement>, file = 'requirements/a.md', id = 'REQ-2026-001'): LedgerRecord {
  return { file, id, title: 'Export', data: { customer: { name: 'Acme' }, ...data } };
}

/** The record's promises as [kind, due, state, keptOn] rows (`-` for undefined). */
function rows(record: LedgerRecord, today: string, dates?: RecordDates): string[][] {
  return recordPromises(record, today, CAL, dates).map((p: CustomerPromise) => [
    p.kind + (p.task ? `:${p.task.id}` : '') + (p.change ? `:${p.change.index}` : ''),
    p.due ?? '-',
    p.state,
    p.keptOn ?? '-',
  ]);
}

const delivered = (on: string): RecordDates => ({ delivered: on, tasks: new Map() });

describe('promise ledger: delivery (planned_done)', () => {
  const plan = { milestones: { planned_done: '2026-03-10' } };

  it('finished on or before the date is kept on that date; after it, late', () => {
    for (const status of ['delivered', 'verified', 'closed'] as const) {
      assert.deepEqual(rows(rec({ ...plan, status }), '2026-04-01', delivered('2026-03-10')), [
        ['planned_done', '2026-03-10', 'kept', '2026-03-10'],
      ]);
    }
    assert.deepEqual(rows(rec({ ...plan, status: 'delivered' }), '2026-04-01', delivered('2026-03-11')), [
      ['planned_done', '2026-03-10', 'late', '2026-03-11'],
    ]);
  });

  it('finished, and nothing says when (no git, or first committed finished): kept, date unknown', () => {
    assert.deepEqual(rows(rec({ ...plan, status: 'closed' }), '2026-04-01'), [['planned_done', '2026-03-10', 'kept', '-']]);
    assert.deepEqual(rows(rec({ ...plan, status: 'closed' }), '2026-04-01', { tasks: new Map() }), [
      ['planned_done', '2026-03-10', 'kept', '-'],
    ]);
  });

  it('not finished: open up to and on the date, overdue the day after; on hold stays open', () => {
    assert.deepEqual(rows(rec({ ...plan, status: 'in-progress' }), '2026-03-10'), [['planned_done', '2026-03-10', 'open', '-']]);
    assert.deepEqual(rows(rec({ ...plan, status: 'in-progress' }), '2026-03-11'), [['planned_done', '2026-03-10', 'overdue', '-']]);
    assert.deepEqual(rows(rec({ ...plan, status: 'on-hold' }), '2026-06-01'), [['planned_done', '2026-03-10', 'open', '-']]);
  });

  it('a declined requirement promises nothing; a date that is not one promises nothing', () => {
    assert.deepEqual(rows(rec({ ...plan, status: 'declined' }), '2026-06-01'), []);
    assert.deepEqual(rows(rec({ milestones: { planned_done: '2026-02-30' }, status: 'planned' }), '2026-06-01'), []);
  });
});

describe('promise ledger: feedback (feedback_due)', () => {
  const due = { milestones: { feedback_due: '2026-03-20' }, status: 'delivered' as const };

  it('kept by the first feedback entry on or before the date, late when the first came after it', () => {
    const both = [
      { date: '2026-03-25', satisfaction: 4 },
      { date: '2026-03-20', satisfaction: 3 },
    ];
    assert.deepEqual(rows(rec({ ...due, feedback: both }), '2026-04-01'), [['feedback_due', '2026-03-20', 'kept', '2026-03-20']]);
    assert.deepEqual(rows(rec({ ...due, feedback: [{ date: '2026-03-21' }] }), '2026-04-01'), [
      ['feedback_due', '2026-03-20', 'late', '2026-03-21'],
    ]);
  });

  it('no entry: open until the date, overdue after it; an entry without a valid date does not count', () => {
    assert.deepEqual(rows(rec(due), '2026-03-20'), [['feedback_due', '2026-03-20', 'open', '-']]);
    assert.deepEqual(rows(rec({ ...due, feedback: [{ date: 'soon' as string }] }), '2026-03-21'), [
      ['feedback_due', '2026-03-20', 'overdue', '-'],
    ]);
  });
});

describe('promise ledger: promised tasks', () => {
  // 2026-03-02 is a Monday: 3 working days end on Wednesday 03-04; the next task starts Thursday.
  const tasks = (t1: object, t2: object = {}) => ({
    status: 'in-progress' as const,
    tasks: [
      { id: 'T1', title: 'Schema', start: '2026-03-02', days: 3, promised: true, ...t1 },
      { id: 'T2', title: 'Import', depends: ['T1'], days: 2, ...t2 },
    ],
  });

  it('start and end of a promised task from the schedule; tasks not promised are not promises', () => {
    assert.deepEqual(rows(rec(tasks({ status: 'todo' })), '2026-03-02'), [
      ['task_start:T1', '2026-03-02', 'open', '-'],
      ['task_end:T1', '2026-03-04', 'open', '-'],
    ]);
    assert.deepEqual(rows(rec(tasks({ status: 'todo' })), '2026-03-03'), [
      ['task_start:T1', '2026-03-02', 'overdue', '-'],
      ['task_end:T1', '2026-03-04', 'open', '-'],
    ]);
  });

  it('doing keeps the start (date unknown without git); done keeps both, dated by git when it has them', () => {
    assert.deepEqual(rows(rec(tasks({ status: 'doing' })), '2026-03-05'), [
      ['task_start:T1', '2026-03-02', 'kept', '-'],
      ['task_end:T1', '2026-03-04', 'overdue', '-'],
    ]);
    const dates: RecordDates = { tasks: new Map([['T1', { started: '2026-03-02', done: '2026-03-06' }]]) };
    assert.deepEqual(rows(rec(tasks({ status: 'done' })), '2026-03-10', dates), [
      ['task_start:T1', '2026-03-02', 'kept', '2026-03-02'],
      ['task_end:T1', '2026-03-04', 'late', '2026-03-06'],
    ]);
  });

  it('a task that starts and ends the same day promises its end only; one that cannot be dated, nothing', () => {
    assert.deepEqual(rows(rec(tasks({ promised: false }, { promised: true, days: 1, status: 'done' })), '2026-03-10'), [
      ['task_end:T2', '2026-03-05', 'kept', '-'],
    ]);
    assert.deepEqual(rows(rec({ tasks: [{ id: 'T1', title: 'Floating', days: 2, promised: true }] }), '2026-03-10'), []);
  });
});

describe('promise ledger: change requests', () => {
  const base = { status: 'in-progress' as const, milestones: { planned_done: '2026-03-31' } };
  const change = (c: object) => rec({ ...base, changes: [{ date: '2026-03-02', request: 'CSV', ...c }] }, 'requirements/a.md');
  const changeRows = (r: LedgerRecord, today: string, dates?: RecordDates) =>
    rows(r, today, dates).filter((x) => x[0]!.startsWith('change'));

  it('undecided: the decision is open, and never overdue (nothing dates it ahead)', () => {
    assert.deepEqual(changeRows(change({ decision: 'pending' }), '2027-01-01'), [['change_decision:0', '-', 'open', '-']]);
    assert.deepEqual(changeRows(change({}), '2027-01-01'), [['change_decision:0', '-', 'open', '-']]);
  });

  it('approved: the decision kept on `decided`; the implementation due with the delivery; the outcome owed', () => {
    assert.deepEqual(changeRows(change({ decision: 'approved', decided: '2026-03-03' }), '2026-03-31'), [
      ['change_decision:0', '-', 'kept', '2026-03-03'],
      ['change_implementation:0', '2026-03-31', 'open', '-'],
      ['change_feedback:0', '-', 'open', '-'],
    ]);
    assert.deepEqual(changeRows(change({ decision: 'approved' }), '2026-04-01'), [
      ['change_decision:0', '-', 'kept', '-'],
      ['change_implementation:0', '2026-03-31', 'overdue', '-'],
      ['change_feedback:0', '-', 'open', '-'],
    ]);
  });

  it('implemented after the delivery date is late; fed back is kept; a ref keeps it, date unknown', () => {
    assert.deepEqual(changeRows(change({ decision: 'approved', implemented: '2026-04-02', fed_back: '2026-04-03' }), '2026-05-01'), [
      ['change_decision:0', '-', 'kept', '-'],
      ['change_implementation:0', '2026-03-31', 'late', '2026-04-02'],
      ['change_feedback:0', '-', 'kept', '2026-04-03'],
    ]);
    assert.deepEqual(changeRows(change({ decision: 'approved', ref: 'a1b2c3d' }), '2026-05-01')[1], [
      'change_implementation:0',
      '2026-03-31',
      'kept',
      '-',
    ]);
  });

  it('a change requested before the delivery is kept by it (its date from git); one requested after has no due date', () => {
    const done = rec({ ...base, status: 'delivered', changes: [{ date: '2026-03-02', request: 'CSV', decision: 'approved' }] });
    assert.deepEqual(changeRows(done, '2026-05-01', delivered('2026-03-30'))[1], [
      'change_implementation:0',
      '2026-03-31',
      'kept',
      '2026-03-30',
    ]);
    const after = rec({ ...base, changes: [{ date: '2026-04-02', request: 'PDF', decision: 'approved' }] });
    assert.deepEqual(changeRows(after, '2026-06-01')[1], ['change_implementation:0', '-', 'open', '-']);
  });

  it('rejected: no implementation is owed, the outcome is', () => {
    assert.deepEqual(changeRows(change({ decision: 'rejected', decided: '2026-03-04' }), '2026-05-01'), [
      ['change_decision:0', '-', 'kept', '2026-03-04'],
      ['change_feedback:0', '-', 'open', '-'],
    ]);
  });
});

describe("promise ledger: a customer's records, order and counts", () => {
  const records: LedgerRecord[] = [
    rec({ status: 'planned', milestones: { planned_done: '2026-05-01', feedback_due: '2026-05-08' } }, 'requirements/b.md', 'REQ-2026-002'),
    rec(
      {
        customer: { name: 'Other Co' },
        requesters: [{ name: 'ACME ', date: '2026-02-01' }],
        status: 'delivered',
        milestones: { planned_done: '2026-03-01' },
      },
      'requirements/a.md',
      'REQ-2026-001',
    ),
    rec(
      { customer: { name: 'Other Co' }, status: 'planned', milestones: { planned_done: '2026-01-01' } },
      'requirements/c.md',
      'REQ-2026-003',
    ),
  ];

  it('the customer of `customer` or of `requesters` (names folded), by date, with a count per state', () => {
    const ledger = promiseLedger({ records, customer: 'acme', today: '2026-05-02', calendar: CAL });
    assert.deepEqual(
      ledger.promises.map((p) => [p.id, p.kind, p.state]),
      [
        ['REQ-2026-001', 'planned_done', 'kept'],
        ['REQ-2026-002', 'planned_done', 'overdue'],
        ['REQ-2026-002', 'feedback_due', 'open'],
      ],
    );
    assert.deepEqual(ledger.summary, { kept: 1, late: 0, open: 1, overdue: 1 });
    assert.deepEqual(promiseLedger({ records, customer: 'Nobody', today: '2026-05-02', calendar: CAL }), {
      promises: [],
      summary: { kept: 0, late: 0, open: 0, overdue: 0 },
    });
  });

  it('finds a customer by any spelling of the name, else offers the nearest names', () => {
    const directory = customerDirectory(records);
    assert.equal((findCustomer(directory, 'ＡＣＭＥ') as { found: { name: string } }).found.name, 'Acme');
    assert.deepEqual(findCustomer(directory, 'Other'), { nearest: ['Other Co'] });
    assert.deepEqual(findCustomer(directory, 'Acne'), { nearest: ['Acme'] });
    assert.deepEqual(findCustomer(directory, 'Zebra Holdings'), { nearest: [] });
  });
});

describe('promise dates from committed versions', () => {
  const version = (date: string, status: string, t1: string, t2?: string): FileVersion => ({
    commit: date.replace(/\D/g, '').padEnd(40, '0'),
    author: 'Ada',
    date: `${date}T10:00:00+08:00`,
    path: 'requirements/a.md',
    text: `---\nid: REQ-2026-001\ntitle: A\ntype: functional\nstatus: ${status}\ntasks:\n  - id: T1\n    title: One\n    status: ${t1}\n${
      t2 ? `  - id: T2\n    title: Two\n    status: ${t2}\n` : ''
    }---\n# A\n`,
  });

  it('the delivery and each task started and done, by the commits that moved them; nothing for what was there from the start', () => {
    const dates = recordDatesOf([
      version('2026-03-01', 'planned', 'todo'),
      version('2026-03-03', 'in-progress', '进行中', 'done'),
      version('2026-03-05', 'in-progress', 'done', 'done'),
      version('2026-03-09', 'delivered', 'done', 'done'),
      version('2026-03-12', 'closed', 'done', 'done'),
    ]);
    assert.equal(dates.delivered, '2026-03-09');
    assert.deepEqual([...dates.tasks], [['T1', { started: '2026-03-03', done: '2026-03-05' }]]);
  });

  it('a file first committed finished has no delivery date', () => {
    const dates = recordDatesOf([version('2026-03-01', 'closed', 'done')]);
    assert.equal(dates.delivered, undefined);
    assert.deepEqual([...dates.tasks], []);
  });
});
