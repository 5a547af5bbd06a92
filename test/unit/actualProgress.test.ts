import assert from 'node:assert/strict';
import {
  actualSpan,
  barsWithProgress,
  commitDay,
  countingCommits,
  namedTasks,
  staleDays,
  type CommitLike,
  type TaskWindow,
} from '../../src/core/actualProgress';
import type { WorkCalendar } from '../../src/core/schedule';
import { MAX_TICKS_PER_BAR, toTimelineSchema, type TimelineBar } from '../../src/protocol/timeline';

const CALENDAR: WorkCalendar = { workdays: [1, 2, 3, 4, 5], holidays: [] };
const IDS = ['REQ-2026-001'];
/** A Monday. */
const TODAY = '2026-03-16';

const commit = (hash: string, date: string, subject: string): CommitLike => ({ hash, date: `${date}T10:00:00+08:00`, subject });
const task = (taskId: string, start: string, end: string, status?: string): TaskWindow => ({
  taskId,
  start,
  end,
  ...(status ? { status } : {}),
});
const hashesOf = (m: Map<string, Array<{ hash: string }>>, task: string): string[] => m.get(task)!.map((t) => t.hash);

describe('actual progress: which commits count for a task', () => {
  const tasks = [task('T1', '2026-03-02', '2026-03-04', 'done'), task('T2', '2026-03-05', '2026-03-10', 'doing')];

  it('reads the day of a commit as git wrote it, without converting the time zone', () => {
    assert.equal(commitDay('2026-10-23T23:30:00-08:00'), '2026-10-23');
    assert.equal(commitDay('2026-10-23 16:30:00 +0800'), '2026-10-23');
    assert.equal(commitDay('yesterday'), undefined);
  });

  it('finds tasks named as ID/Tn, only among the requirement’s tasks and IDs', () => {
    const known = new Set(['T1', 'T2', 'T10']);
    assert.deepEqual(namedTasks('fix: REQ-2026-001/T2 and REQ-2026-001/T10.', IDS, known), ['T2', 'T10']);
    assert.deepEqual(namedTasks('REQ-2026-001/T9 is not a task of it', IDS, known), []);
    assert.deepEqual(namedTasks('XREQ-2026-001/T1 or REQ-2026-0012/T1', IDS, known), []);
    assert.deepEqual(namedTasks('merged: REQ-2025-009/T1', ['REQ-2026-001', 'REQ-2025-009'], known), ['T1']);
  });

  it('counts a commit naming ID/Tn for that task only, even outside its span', () => {
    const m = countingCommits(tasks, [commit('a', '2026-03-03', 'feat: REQ-2026-001/T2 early')], IDS, TODAY);
    assert.deepEqual(hashesOf(m, 'T1'), []);
    assert.deepEqual(hashesOf(m, 'T2'), ['a']);
  });

  it('counts a bare-ID commit for every task whose planned span holds its day', () => {
    const overlapping = [task('T1', '2026-03-02', '2026-03-06'), task('T2', '2026-03-04', '2026-03-10')];
    const m = countingCommits(
      overlapping,
      [commit('a', '2026-03-05', 'REQ-2026-001'), commit('b', '2026-03-02', 'REQ-2026-001')],
      IDS,
      TODAY,
    );
    assert.deepEqual(hashesOf(m, 'T1'), ['b', 'a']);
    assert.deepEqual(hashesOf(m, 'T2'), ['a']);
  });

  it('stretches a task in progress to today, and gives a commit outside every window to the nearest task', () => {
    // T2 (doing) ends 03-10 as planned, but is still going on today (03-16): 03-13 is T2's.
    const m = countingCommits(
      tasks,
      [commit('late', '2026-03-13', 'Refs REQ-2026-001'), commit('before', '2026-02-20', 'REQ-2026-001')],
      IDS,
      TODAY,
    );
    assert.deepEqual(hashesOf(m, 'T2'), ['late']);
    assert.deepEqual(hashesOf(m, 'T1'), ['before']);
    // Done tasks: a commit after both goes to the one planned closest to it.
    const done = [
      task('T1', '2026-10-12', '2026-10-13', 'done'),
      task('T2', '2026-10-14', '2026-10-19', 'done'),
      task('T3', '2026-10-14', '2026-10-15', 'done'),
    ];
    const late = countingCommits(done, [commit('c', '2026-10-23', 'perf: rollups')], IDS, '2026-12-07');
    assert.deepEqual(hashesOf(late, 'T2'), ['c']);
    assert.deepEqual(hashesOf(late, 'T3'), []);
  });

  it('counts a commit once, orders ticks oldest first, and skips commits without a day', () => {
    const m = countingCommits(
      tasks,
      [
        commit('b', '2026-03-06', 'x'),
        commit('a', '2026-03-06', 'y'),
        commit('b', '2026-03-06', 'x'),
        { hash: 'z', date: 'bad', subject: 'z' },
      ],
      IDS,
      TODAY,
    );
    assert.deepEqual(hashesOf(m, 'T2'), ['a', 'b']);
  });

  it('gives the actual span from the first and last counting commit', () => {
    assert.equal(actualSpan([]), undefined);
    const ticks = [
      { date: '2026-03-05', hash: 'a', subject: '' },
      { date: '2026-03-09', hash: 'b', subject: '' },
    ];
    assert.deepEqual(actualSpan(ticks), { start: '2026-03-05', end: '2026-03-09' });
  });
});

describe('actual progress: stale tasks', () => {
  const doing = task('T2', '2026-03-02', '2026-03-20', 'doing');
  const tick = (date: string) => ({ date, hash: date, subject: '' });

  it('flags a task in progress with no counting commit in the last N working days', () => {
    // 03-09 (Mon) to 03-16 (Mon): 5 working days.
    assert.equal(staleDays(doing, [tick('2026-03-09')], TODAY, CALENDAR, 5), 5);
    assert.equal(staleDays(doing, [tick('2026-03-10')], TODAY, CALENDAR, 5), undefined);
  });

  it('counts from the start when no commit counts yet, and never before the start', () => {
    assert.equal(staleDays(doing, [], TODAY, CALENDAR, 5), 10);
    assert.equal(staleDays(task('T3', '2026-03-20', '2026-03-25', 'doing'), [], TODAY, CALENDAR, 5), undefined);
  });

  it('skips weekends and holidays of the calendar', () => {
    const withHoliday: WorkCalendar = { workdays: [1, 2, 3, 4, 5], holidays: ['2026-03-12'] };
    assert.equal(staleDays(doing, [tick('2026-03-09')], TODAY, withHoliday, 5), undefined);
  });

  it('is off at 0 and for tasks not in progress', () => {
    assert.equal(staleDays(doing, [], TODAY, CALENDAR, 0), undefined);
    assert.equal(staleDays({ ...doing, status: 'todo' }, [], TODAY, CALENDAR, 5), undefined);
    assert.equal(staleDays({ ...doing, status: 'done' }, [], TODAY, CALENDAR, 5), undefined);
  });
});

describe('actual progress on the bars', () => {
  const bar = (taskId: string, start: string, end: string, status: string): TimelineBar => ({
    requirementFile: 'file:///r.md',
    taskId,
    title: taskId,
    status,
    start,
    end,
    days: 1,
    late: false,
    done: status === 'done',
    dependsOn: [],
  });

  it('adds ticks, the actual span and the stale flag, and leaves untouched bars as they were', () => {
    const bars = [
      bar('T1', '2026-03-02', '2026-03-04', 'done'),
      bar('T2', '2026-03-05', '2026-03-06', 'doing'),
      bar('T3', '2026-04-01', '2026-04-02', 'todo'),
    ];
    const out = barsWithProgress(bars, [commit('a', '2026-03-03', 'REQ-2026-001'), commit('b', '2026-03-04', 'REQ-2026-001/T1')], IDS, {
      today: TODAY,
      calendar: CALENDAR,
      staleAfterDays: 5,
    });
    assert.deepEqual(out[0]!.actual, { start: '2026-03-03', end: '2026-03-04' });
    assert.deepEqual(
      out[0]!.ticks!.map((t) => [t.date, t.hash, t.subject]),
      [
        ['2026-03-03', 'a', 'REQ-2026-001'],
        ['2026-03-04', 'b', 'REQ-2026-001/T1'],
      ],
    );
    assert.equal(out[1]!.actual, undefined);
    assert.equal(out[1]!.staleDays, 7);
    assert.equal(out[2], bars[2]);
  });
});

describe('actual progress in the timeline protocol', () => {
  const row = (bar: Record<string, unknown>) => ({
    type: 'rowsPage',
    from: 0,
    rows: [
      {
        file: 'file:///r.md',
        id: 'REQ-2026-001',
        milestones: [],
        bars: [
          {
            requirementFile: 'file:///r.md',
            taskId: 'T1',
            title: 'T1',
            start: '2026-03-02',
            end: '2026-03-04',
            days: 3,
            late: false,
            done: false,
            dependsOn: [],
            ...bar,
          },
        ],
      },
    ],
  });
  const tick = { date: '2026-03-03', hash: 'a'.repeat(40), subject: '<img src=x onerror=alert(1)> fix' };

  it('carries ticks, the actual span and the stale days with the rows of a page', () => {
    const message = row({ ticks: [tick], actual: { start: '2026-03-03', end: '2026-03-03' }, staleDays: 6 });
    assert.deepEqual(toTimelineSchema.parse(message), message);
  });

  it('refuses a tick without a date, too many ticks, and negative stale days', () => {
    assert.equal(toTimelineSchema.safeParse(row({ ticks: [{ ...tick, date: 'yesterday' }] })).success, false);
    assert.equal(toTimelineSchema.safeParse(row({ ticks: Array.from({ length: MAX_TICKS_PER_BAR + 1 }, () => tick) })).success, false);
    assert.equal(toTimelineSchema.safeParse(row({ staleDays: -1 })).success, false);
  });

  it('keeps the newest ticks of a task with more commits than a bar carries, the actual span covering all', () => {
    const many = Array.from({ length: MAX_TICKS_PER_BAR + 5 }, (_, i) =>
      commit(`h${String(i).padStart(4, '0')}`, '2026-03-03', 'REQ-2026-001'),
    );
    many.push(commit('first', '2026-03-02', 'REQ-2026-001'), commit('last', '2026-03-04', 'REQ-2026-001'));
    const bar: TimelineBar = {
      requirementFile: 'f',
      taskId: 'T1',
      title: 'T1',
      start: '2026-03-02',
      end: '2026-03-04',
      days: 3,
      late: false,
      done: false,
      dependsOn: [],
    };
    const [out] = barsWithProgress([bar], many, IDS, { today: TODAY, calendar: CALENDAR, staleAfterDays: 5 });
    assert.equal(out!.ticks!.length, MAX_TICKS_PER_BAR);
    assert.equal(out!.ticks!.at(-1)!.hash, 'last');
    assert.deepEqual(out!.actual, { start: '2026-03-02', end: '2026-03-04' });
  });
});
