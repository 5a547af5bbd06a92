import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type RequirementRecord } from '../../src/core/index';
import { isWorkday, type WorkCalendar } from '../../src/core/schedule';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { timelineChoices, timelineDiff, timelineModel, type TimelineFilter, type TimelineModel } from '../../src/core/timeline';
import { record } from './support';

// Records come from real files through the real index, as the timeline panel sees them (aliases
// normalised, invalid values dropped from the data and reported as problems).
const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
const CALENDAR: WorkCalendar = { workdays: [1, 2, 3, 4, 5], holidays: [] };
/** A Monday; 2026-03-02 is the Monday before. */
const TODAY = '2026-03-09';

const rec = (file: string, fields: Record<string, string> = {}): RequirementRecord => index.analyze(file, record(fields));
const model = (records: RequirementRecord[], filter?: TimelineFilter, today = TODAY): TimelineModel =>
  timelineModel(records, today, CALENDAR, filter);

interface T {
  id: string;
  title?: string;
  owner?: string;
  start?: string;
  depends?: string;
  days?: number | string;
  status?: string;
}
/** The `tasks:` value for the record helper. */
const tasks = (...list: T[]): string =>
  list
    .map((t) => {
      const lines = [`  - id: ${t.id}`];
      if (t.title !== '') lines.push(`    title: ${t.title ?? `Task ${t.id}`}`);
      if (t.owner) lines.push(`    owner: ${t.owner}`);
      if (t.start) lines.push(`    start: ${t.start}`);
      if (t.depends) lines.push(`    depends: ${t.depends}`);
      if (t.days !== undefined) lines.push(`    days: ${t.days}`);
      if (t.status) lines.push(`    status: ${t.status}`);
      return `\n${lines.join('\n')}`;
    })
    .join('');
/** The timeline of one requirement (a.md, no ID) with these tasks. */
const timelineOfTasks = (...list: T[]): TimelineModel => model([rec('a.md', { tasks: tasks(...list) })]);
const oneTask = (start = '2026-03-02', days = 1) => tasks({ id: 'T1', start, days });
const scores = (importance: number, urgency: number) => `\n  importance: ${importance}\n  urgency: ${urgency}`;
const ids = (m: TimelineModel) => m.rows.map((r) => r.id ?? r.file);
/** The task IDs of the first row's bars. */
const barIds = (m: TimelineModel) => m.rows[0]!.bars.map((b) => b.taskId);
const problems = (m: TimelineModel) => m.unscheduled.map((u) => [u.taskId, u.problem, u.detail]);

describe('timeline: bars', () => {
  const plan = rec('r/plan.md', {
    id: 'REQ-2026-001',
    title: 'Energy dashboard',
    type: '功能',
    status: '进行中',
    owner: '张三',
    customer: '\n  name: 客户A',
    scores: scores(5, 4),
    tasks: tasks(
      // Thursday, three working days: Thu, Fri, then Monday.
      { id: 'T1', title: 'UI design', owner: '李四', start: '2026-02-26', days: 3, status: '已完成' },
      // Starts the working day after T1 ends; ended last Wednesday and is not done: late.
      { id: 'T2', title: 'Data interface', owner: '王五', depends: '[T1]', days: 2, status: 'doing' },
      // Both: the later of "after T2" (Thursday) and its own start (a Saturday, so Monday).
      { id: 'T3', title: 'Rollout', depends: 'T2', start: '2026-03-07', days: 5 },
      // Zero days: a one-day mark, start = end; no days at all: one working day.
      { id: 'T4', title: 'Go-live', start: '2026-03-13', days: 0 },
      { id: 'T5', title: 'Review', depends: '[T3, T4]' },
    ),
  });

  it('dates bars by working days, along dependencies, late against today, done by status', () => {
    const m = model([plan]);
    assert.equal(m.rows.length, 1);
    assert.deepEqual(m.unscheduled, []);
    const row = m.rows[0]!;
    assert.deepEqual(
      { ...row, bars: undefined },
      {
        file: 'r/plan.md',
        id: 'REQ-2026-001',
        title: 'Energy dashboard',
        priority: 'P1',
        type: 'functional',
        status: 'in-progress',
        owner: '张三',
        customer: '客户A',
        bars: undefined,
        milestones: [],
      },
    );
    assert.deepEqual(row.bars, [
      {
        requirementFile: 'r/plan.md',
        taskId: 'T1',
        title: 'UI design',
        owner: '李四',
        status: 'done',
        start: '2026-02-26',
        end: '2026-03-02',
        days: 3,
        late: false,
        done: true,
        dependsOn: [],
      },
      {
        requirementFile: 'r/plan.md',
        taskId: 'T2',
        title: 'Data interface',
        owner: '王五',
        status: 'doing',
        start: '2026-03-03',
        end: '2026-03-04',
        days: 2,
        late: true,
        done: false,
        dependsOn: ['T1'],
      },
      {
        requirementFile: 'r/plan.md',
        taskId: 'T3',
        title: 'Rollout',
        start: '2026-03-09',
        end: '2026-03-13',
        days: 5,
        late: false,
        done: false,
        dependsOn: ['T2'],
      },
      {
        requirementFile: 'r/plan.md',
        taskId: 'T4',
        title: 'Go-live',
        start: '2026-03-13',
        end: '2026-03-13',
        days: 0,
        late: false,
        done: false,
        dependsOn: [],
      },
      {
        requirementFile: 'r/plan.md',
        taskId: 'T5',
        title: 'Review',
        start: '2026-03-16',
        end: '2026-03-16',
        days: 1,
        late: false,
        done: false,
        dependsOn: ['T3', 'T4'],
      },
    ]);
    assert.deepEqual(m.range, { start: '2026-02-26', end: '2026-03-16' });
    assert.equal(m.today, TODAY);
  });

  it('late moves with today; a done task is never late', () => {
    const late = (today: string) =>
      model([plan], {}, today)
        .rows[0]!.bars.filter((b) => b.late)
        .map((b) => b.taskId);
    assert.deepEqual(late('2026-03-04'), []); // T2 ends today: not late yet
    assert.deepEqual(late('2026-03-05'), ['T2']);
    assert.deepEqual(late('2026-03-17'), ['T2', 'T3', 'T4', 'T5']);
    assert.deepEqual(late('not a date'), []);
  });

  it('follows the calendar: holidays are skipped like weekends', () => {
    const m = timelineModel([rec('a.md', { tasks: oneTask('2026-03-05', 3) })], TODAY, {
      workdays: [1, 2, 3, 4, 5],
      holidays: ['2026-03-06'],
    });
    assert.deepEqual([m.rows[0]!.bars[0]!.start, m.rows[0]!.bars[0]!.end], ['2026-03-05', '2026-03-10']);
  });

  it('dependsOn names only known tasks; an unknown dependency next to a start is ignored', () => {
    const m = timelineOfTasks({ id: 'T1', start: '2026-03-02' }, { id: 'T2', start: '2026-03-02', depends: '[T9, T1, T1]' });
    assert.deepEqual(
      m.rows[0]!.bars.map((b) => [b.taskId, b.start, b.dependsOn]),
      [
        ['T1', '2026-03-02', []],
        ['T2', '2026-03-03', ['T1']],
      ],
    );
    assert.deepEqual(m.unscheduled, []);
  });

  it('a requirement without tasks has no row', () => {
    const m = model([rec('a.md', { milestones: '\n  planned_done: 2026-03-20' })]);
    assert.deepEqual([m.rows, m.unscheduled, m.range], [[], [], undefined]);
  });
});

describe('timeline: milestones and range', () => {
  it('takes start, planned_done and feedback_due when they are valid dates', () => {
    const r = rec('a.md', {
      tasks: oneTask('2026-03-02', 2),
      milestones: '\n  start: 2026-02-20\n  planned_done: 2026-03-20\n  feedback_due: 2026-03-27',
    });
    const m = model([r]);
    assert.deepEqual(m.rows[0]!.milestones, [
      { kind: 'start', date: '2026-02-20' },
      { kind: 'planned_done', date: '2026-03-20' },
      { kind: 'feedback_due', date: '2026-03-27' },
    ]);
    assert.deepEqual(m.range, { start: '2026-02-20', end: '2026-03-27' });
  });

  it('leaves out an invalid milestone date', () => {
    const m = model([
      rec('a.md', { tasks: oneTask('2026-03-02', 2), milestones: '\n  planned_done: 2026-02-30\n  feedback_due: 2026-03-04' }),
    ]);
    assert.deepEqual(m.rows[0]!.milestones, [{ kind: 'feedback_due', date: '2026-03-04' }]);
    assert.deepEqual(m.range, { start: '2026-03-02', end: '2026-03-04' });
  });

  it('spans every row', () => {
    const m = model([
      rec('a.md', { id: 'REQ-2026-001', tasks: oneTask('2026-03-10', 1) }),
      rec('b.md', { id: 'REQ-2026-002', tasks: oneTask('2026-01-05', 3) }),
    ]);
    assert.deepEqual(m.range, { start: '2026-01-05', end: '2026-03-10' });
  });
});

describe('timeline: finished requirements and the open work', () => {
  const sample = (): RequirementRecord[] => [
    rec('r/closed.md', { id: 'REQ-2024-001', status: 'closed', tasks: tasks({ id: 'T1', start: '2024-03-04', status: 'done' }) }),
    rec('r/declined.md', { id: 'REQ-2024-002', status: 'declined', tasks: oneTask('2024-05-06') }),
    rec('r/verified.md', { id: 'REQ-2025-001', status: 'verified', tasks: oneTask('2025-05-05') }),
    rec('r/delivered.md', { id: 'REQ-2025-002', status: 'delivered', tasks: oneTask('2025-06-02') }),
    rec('r/open.md', {
      id: 'REQ-2026-001',
      status: 'in-progress',
      tasks: tasks({ id: 'T1', start: '2026-02-02', status: 'done' }, { id: 'T2', start: '2026-03-02', days: 10 }),
    }),
    rec('r/new.md', { id: 'REQ-2026-002', tasks: oneTask('2026-04-06') }),
  ];

  it('leaves out delivered, verified, closed and declined requirements when asked, and counts them', () => {
    const all = model(sample());
    assert.deepEqual(ids(all), ['REQ-2024-001', 'REQ-2024-002', 'REQ-2025-001', 'REQ-2025-002', 'REQ-2026-001', 'REQ-2026-002']);
    assert.equal(all.finishedHidden, 0);
    const open = timelineModel(sample(), TODAY, CALENDAR, {}, { hideFinished: true });
    assert.deepEqual(ids(open), ['REQ-2026-001', 'REQ-2026-002']);
    assert.equal(open.finishedHidden, 4);
    assert.deepEqual(open.range, { start: '2026-02-02', end: '2026-04-06' });
  });

  it('a status chosen in the filter is shown even when finished ones are hidden', () => {
    const closed = timelineModel(sample(), TODAY, CALENDAR, { status: 'closed' }, { hideFinished: true });
    assert.deepEqual([ids(closed), closed.finishedHidden], [['REQ-2024-001'], 0]);
  });

  it('spans the bars not done as the open work; none when every bar is done', () => {
    assert.deepEqual(model(sample()).openRange, { start: '2024-05-06', end: '2026-04-06' });
    const open = timelineModel(sample(), TODAY, CALENDAR, {}, { hideFinished: true });
    assert.deepEqual(open.openRange, { start: '2026-03-02', end: '2026-04-06' });
    const done = model([sample()[0]!]);
    assert.deepEqual([done.range, done.openRange], [{ start: '2024-03-04', end: '2024-03-04' }, undefined]);
  });

  it('a change in what is hidden or in the open work is a change to send', () => {
    const before = timelineModel(sample(), TODAY, CALENDAR, {}, { hideFinished: true });
    const after = timelineModel(sample(), TODAY, CALENDAR);
    assert.equal(timelineDiff(before, after).rangeChanged, true);
    assert.equal(timelineDiff(before, timelineModel(sample(), TODAY, CALENDAR, {}, { hideFinished: true })).rangeChanged, false);
  });
});

describe('timeline: order and filters', () => {
  const sample = (): RequirementRecord[] => [
    rec('r/p3.md', { id: 'REQ-2026-003', type: 'service', status: 'planned', priority: 'P3', tasks: oneTask() }),
    rec('r/none.md', { id: 'REQ-2026-001', type: 'business', status: 'new', tasks: oneTask() }),
    rec('r/p1-10.md', {
      id: 'REQ-2026-010',
      type: 'functional',
      status: 'in-progress',
      owner: 'Alex',
      customer: '\n  name: 客户A',
      scores: scores(5, 5),
      tasks: oneTask(),
    }),
    rec('r/p1-2.md', {
      id: 'REQ-2026-002',
      type: 'functional',
      status: 'planned',
      customer: '\n  name: 客户B',
      scores: scores(4, 4),
      tasks: tasks({ id: 'T1', owner: 'Alex', start: '2026-03-02' }),
    }),
    rec('r/p2.md', {
      id: 'REQ-2026-004',
      type: 'experience',
      status: 'planned',
      owner: 'Sam',
      customer: '\n  name: 客户A',
      scores: scores(5, 1),
      tasks: oneTask(),
    }),
    rec('r/p2-none.md', { id: 'REQ-2026-005', type: 'experience', status: 'planned', priority: 'P2', tasks: tasks({ id: 'T1' }) }),
    rec('r/no-tasks.md', { id: 'REQ-2026-006', priority: 'P1' }),
  ];

  it('sorts by effective priority, then ID in number order; no priority last', () => {
    const m = model(sample());
    assert.deepEqual(ids(m), ['REQ-2026-002', 'REQ-2026-010', 'REQ-2026-004', 'REQ-2026-003', 'REQ-2026-001']);
    assert.deepEqual(
      m.rows.map((r) => r.priority),
      ['P1', 'P1', 'P2', 'P3', undefined],
    );
    // All unscheduled: no row, but its task is listed.
    assert.deepEqual(
      m.unscheduled.map((u) => [u.file, u.id, u.taskId, u.problem]),
      [['r/p2-none.md', 'REQ-2026-005', 'T1', 'no-schedule']],
    );
  });

  it('filters by type, status and customer', () => {
    assert.deepEqual(ids(model(sample(), { type: 'functional' })), ['REQ-2026-002', 'REQ-2026-010']);
    assert.deepEqual(ids(model(sample(), { status: 'planned' })), ['REQ-2026-002', 'REQ-2026-004', 'REQ-2026-003']);
    assert.deepEqual(ids(model(sample(), { customer: '客户A' })), ['REQ-2026-010', 'REQ-2026-004']);
    assert.deepEqual(ids(model(sample(), { type: 'functional', status: 'planned' })), ['REQ-2026-002']);
    assert.deepEqual(ids(model(sample(), {})), ids(model(sample())));
  });

  it('filters by owner of the requirement or of a task, keeping all of its bars', () => {
    assert.deepEqual(ids(model(sample(), { owner: 'Alex' })), ['REQ-2026-002', 'REQ-2026-010']);
    assert.deepEqual(ids(model(sample(), { owner: 'Sam' })), ['REQ-2026-004']);
    const both = rec('a.md', { tasks: tasks({ id: 'T1', owner: 'Alex', start: '2026-03-02' }, { id: 'T2', owner: 'Sam', depends: 'T1' }) });
    assert.deepEqual(barIds(model([both], { owner: 'Sam' })), ['T1', 'T2']);
  });

  it('filters the unscheduled list too, and a filter that matches nothing leaves an empty model', () => {
    assert.deepEqual(model(sample(), { status: 'in-progress' }).unscheduled, []);
    assert.equal(model(sample(), { type: 'experience' }).unscheduled.length, 1);
    const m = model(sample(), { owner: 'nobody' });
    assert.deepEqual([m.rows, m.unscheduled, m.range], [[], [], undefined]);
  });

  it('offers the customers and owners of the rows, task owners included, once each and sorted', () => {
    assert.deepEqual(timelineChoices(model(sample())), { customers: ['客户A', '客户B'], owners: ['Alex', 'Sam'] });
    // From the rows only: a requirement with no bar offers nothing.
    const bars = rec('b.md', { owner: 'Zoe', tasks: tasks({ id: 'T1', owner: 'Kim', start: '2026-03-02' }) });
    const unplanned = rec('u.md', { owner: 'Uma', customer: '\n  name: 客户C', tasks: tasks({ id: 'T1' }) });
    assert.deepEqual(timelineChoices(model([bars, unplanned])), { customers: [], owners: ['Kim', 'Zoe'] });
  });

  it('ignores keys a tree filter has and the timeline does not', () => {
    const filter = { text: 'nothing matches this', horizon: 'immediate' } as unknown as TimelineFilter;
    assert.deepEqual(ids(model(sample(), filter)), ids(model(sample())));
  });
});

describe('timeline: unscheduled tasks', () => {
  it('an invalid start date: the date as written, and its dependents wait for it', () => {
    const m = timelineOfTasks(
      { id: 'T1', start: '2026-03-02' },
      { id: 'T2', start: '2026-02-30' },
      { id: 'T3', depends: 'T2' },
      { id: 'T4', depends: '[T1, T3]' },
    );
    assert.deepEqual(barIds(m), ['T1']);
    assert.deepEqual(problems(m), [
      ['T2', 'invalid-date', '2026-02-30'],
      ['T3', 'unresolved', 'T2'],
      ['T4', 'unresolved', 'T3'],
    ]);
    assert.deepEqual(m.unscheduled[0], { file: 'a.md', id: 'REQ-2026-001', taskId: 'T2', problem: 'invalid-date', detail: '2026-02-30' });
  });

  it('an invalid start is not replaced by the dependencies, whatever its form', () => {
    const m = timelineOfTasks(
      { id: 'T1', start: '2026-03-02' },
      { id: 'T2', start: '2026-3-9', depends: 'T1' },
      { id: 'T3', start: '20260309', depends: 'T1' },
      { id: 'T4', start: '"next week"' },
    );
    assert.deepEqual(barIds(m), ['T1']);
    assert.deepEqual(problems(m), [
      ['T2', 'invalid-date', '2026-3-9'],
      ['T3', 'invalid-date', '20260309'],
      ['T4', 'invalid-date', 'next week'],
    ]);
  });

  it('finds an invalid start after a task item the index dropped', () => {
    // T0 has no title, so the index drops it whole and T1 moves up in the data.
    // T0 has no title, so it is dropped whole and T1 moves up in the data, while the problems keep
    // the written indexes. Read at its written index, the bad start would land on T2, which has
    // no start of its own. The data is spelled out as the valid rest, so that this test pins the
    // timeline's mapping alone.
    const r = rec('a.md', {
      tasks: tasks(
        { id: 'T0', title: '', start: '2026-03-02' },
        { id: 'T1', start: '2026-02-31' },
        { id: 'T2', depends: 'T3' },
        { id: 'T3', start: '2026-03-03' },
      ),
    });
    const kept: RequirementRecord = {
      ...r,
      data: {
        ...r.data,
        tasks: [
          { id: 'T1', title: 'Task T1' },
          { id: 'T2', title: 'Task T2', depends: ['T3'] },
          { id: 'T3', title: 'Task T3', start: '2026-03-03' },
        ],
      },
    };
    assert.deepEqual(
      r.problems.filter((p) => p.path?.[0] === 'tasks').map((p) => [p.code, p.path]),
      [
        ['required-missing', ['tasks', 0, 'title']],
        ['date-invalid', ['tasks', 1, 'start']],
      ],
    );
    const m = model([kept]);
    assert.deepEqual(
      m.rows[0]!.bars.map((b) => [b.taskId, b.start]),
      [
        ['T2', '2026-03-04'],
        ['T3', '2026-03-03'],
      ],
    );
    assert.deepEqual(problems(m), [['T1', 'invalid-date', '2026-02-31']]);
  });

  it('reads an invalid start in a record built without the index', () => {
    const r: RequirementRecord = {
      file: 'a.md',
      data: { tasks: [{ id: 'T1', title: 'x', start: '2026-13-01' }] },
      references: [],
      problems: [],
    };
    assert.deepEqual(problems(model([r])), [['T1', 'invalid-date', '2026-13-01']]);
  });

  it('a cycle: every member, with the ring; what waits on it is unresolved', () => {
    const m = timelineOfTasks(
      { id: 'T1', start: '2026-03-02' },
      { id: 'T2', depends: '[T1, T3]' },
      { id: 'T3', depends: 'T2' },
      { id: 'T4', depends: 'T3' },
      { id: 'T5', depends: 'T5' },
    );
    assert.deepEqual(barIds(m), ['T1']);
    assert.deepEqual(problems(m), [
      ['T2', 'cycle', 'T2 → T3 → T2'],
      ['T3', 'cycle', 'T2 → T3 → T2'],
      ['T4', 'unresolved', 'T3'],
      ['T5', 'cycle', 'T5 → T5'],
    ]);
  });

  it('interlocking rings: members off the reported ring are in the cycle too', () => {
    const m = timelineOfTasks({ id: 'T1', depends: '[T2, T3]' }, { id: 'T2', depends: 'T1' }, { id: 'T3', depends: 'T1' });
    assert.deepEqual(m.rows, []);
    assert.deepEqual(problems(m), [
      ['T1', 'cycle', 'T1 → T2 → T1'],
      ['T2', 'cycle', 'T1 → T2 → T1'],
      ['T3', 'cycle', 'T1 → T2 → T1'],
    ]);
  });

  it('only unknown dependencies, or neither start nor depends', () => {
    const m = timelineOfTasks({ id: 'T1', depends: '[T8, T9, T8]' }, { id: 'T2' }, { id: 'T3', depends: '[T1, T9]' });
    assert.deepEqual(m.rows, []);
    assert.deepEqual(problems(m), [
      ['T1', 'unknown-dependency', 'T8, T9'],
      ['T2', 'no-schedule', ''],
      ['T3', 'unresolved', 'T1'],
    ]);
  });

  it('an end past 9999-12-31 cannot be drawn', () => {
    const m = timelineOfTasks(
      { id: 'T1', start: '9999-12-30', days: 5 },
      { id: 'T2', start: '9999-12-29', days: 1 },
      { id: 'T3', depends: 'T2', days: 10 },
    );
    assert.deepEqual(
      m.rows[0]!.bars.map((b) => [b.taskId, b.end]),
      [['T2', '9999-12-29']],
    );
    assert.deepEqual(problems(m), [
      ['T1', 'invalid-date', '9999-12-30'],
      ['T3', 'invalid-date', '9999-12-29'],
    ]);
  });

  it('lists unscheduled tasks in row order, then task order', () => {
    const m = model([
      rec('b.md', { id: 'REQ-2026-002', priority: 'P1', tasks: tasks({ id: 'T1' }, { id: 'T2', start: '2026-03-02' }) }),
      rec('a.md', { id: 'REQ-2026-001', priority: 'P2', tasks: tasks({ id: 'T1' }) }),
      rec('c.md', { id: 'REQ-2026-003', priority: 'P1', tasks: tasks({ id: 'T9' }) }),
    ]);
    assert.deepEqual(
      m.unscheduled.map((u) => `${u.id}/${u.taskId}`),
      ['REQ-2026-002/T1', 'REQ-2026-003/T9', 'REQ-2026-001/T1'],
    );
    assert.deepEqual(ids(m), ['REQ-2026-002']);
  });
});

describe('timeline: diff', () => {
  const base = (): RequirementRecord[] => [
    rec('a.md', { id: 'REQ-2026-001', priority: 'P1', tasks: oneTask('2026-03-02', 2) }),
    rec('b.md', { id: 'REQ-2026-002', priority: 'P2', tasks: oneTask('2026-03-03', 2) }),
    rec('c.md', { id: 'REQ-2026-003', priority: 'P3', tasks: oneTask('2026-03-04', 2) }),
  ];

  it('unchanged: nothing to send, even from records parsed again', () => {
    const d = timelineDiff(model(base()), model(base()));
    assert.deepEqual(d, { upserted: [], removed: [], unscheduledChanged: false, rangeChanged: false });
  });

  it('a changed row is upserted, alone, in place', () => {
    const changed = base();
    changed[1] = rec('b.md', { id: 'REQ-2026-002', priority: 'P2', tasks: oneTask('2026-03-03', 4) });
    const after = model(changed);
    const d = timelineDiff(model(base()), after);
    assert.deepEqual(
      d.upserted.map((r) => [r.file, r.bars[0]!.end]),
      [['b.md', '2026-03-06']],
    );
    assert.strictEqual(d.upserted[0], after.rows[1]);
    assert.deepEqual([d.removed, d.unscheduledChanged, d.rangeChanged, d.order], [[], false, true, undefined]);
  });

  it('removed rows by file; a row whose tasks all became unscheduled is removed too', () => {
    const changed = base();
    changed[2] = rec('c.md', { id: 'REQ-2026-003', priority: 'P3', tasks: tasks({ id: 'T1' }) });
    const d = timelineDiff(model(base()), model(changed.slice(1)));
    assert.deepEqual([d.upserted, d.removed, d.unscheduledChanged, d.order], [[], ['a.md', 'c.md'], true, undefined]);
  });

  it('a new or moved row comes with the new order', () => {
    const moved = base();
    moved[2] = rec('c.md', { id: 'REQ-2026-003', priority: 'P1', tasks: oneTask('2026-03-04', 2) });
    const d = timelineDiff(model(base()), model(moved));
    assert.deepEqual([d.upserted.map((r) => r.file), d.order], [['c.md'], ['a.md', 'c.md', 'b.md']]);
    const added = timelineDiff(model(base().slice(1)), model(base()));
    assert.deepEqual([added.upserted.map((r) => r.file), added.order, added.rangeChanged], [['a.md'], ['a.md', 'b.md', 'c.md'], true]);
  });

  it('today moving makes rows whose bars turn late changed rows', () => {
    const d = timelineDiff(model(base(), {}, '2026-03-04'), model(base(), {}, '2026-03-05'));
    assert.deepEqual(
      d.upserted.map((r) => r.file),
      ['b.md'],
    );
  });
});

describe('timeline: properties', () => {
  const DATES = ['2026-03-02', '2026-03-06', '2026-03-07', '2026-03-08', '2026-02-28', '2026-12-31', '2027-01-01'];
  const BAD = ['2026-02-30', '2026-3-9', '2026/03/09'];
  const taskArb = (n: number) =>
    fc.record({
      start: fc.option(fc.constantFrom(...DATES, ...BAD), { nil: undefined }),
      // Dependencies may name tasks past the end of the list: unknown ones.
      depends: fc.uniqueArray(fc.integer({ min: 1, max: n + 2 }), { maxLength: 3 }),
      days: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      status: fc.option(fc.constantFrom('todo', 'doing', 'done', 'blocked', '完成'), { nil: undefined }),
    });
  const recordArb = fc.integer({ min: 0, max: 8 }).chain((n) =>
    fc.record({
      priority: fc.option(fc.constantFrom('P1', 'P2', 'P3'), { nil: undefined }),
      tasks: fc.array(taskArb(n), { minLength: n, maxLength: n }),
    }),
  );
  const calendarArb = fc.record({
    workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    holidays: fc.uniqueArray(fc.constantFrom('2026-03-02', '2026-03-03', '2026-03-09', '2026-12-31'), { maxLength: 3 }),
  });

  it('every task is one bar or one unscheduled entry; bars run forward on working days after their dependencies', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 6 }), calendarArb, fc.constantFrom(...DATES), (specs, calendar, today) => {
        const records = specs.map((spec, k) =>
          rec(`r/${k}.md`, {
            id: `REQ-2026-${String(k + 1).padStart(3, '0')}`,
            ...(spec.priority ? { priority: spec.priority } : {}),
            ...(spec.tasks.length
              ? {
                  tasks: tasks(
                    ...spec.tasks.map((t, i) => ({
                      id: `T${i + 1}`,
                      ...(t.start ? { start: t.start } : {}),
                      ...(t.depends.length ? { depends: `[${t.depends.map((d) => `T${d}`).join(', ')}]` } : {}),
                      ...(t.days !== undefined ? { days: t.days } : {}),
                      ...(t.status ? { status: t.status } : {}),
                    })),
                  ),
                }
              : {}),
          }),
        );
        const m = timelineModel(records, today, calendar);
        const seen = new Map<string, number>();
        const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
        for (const row of m.rows) {
          assert.ok(row.bars.length > 0);
          const byId = new Map(row.bars.map((b) => [b.taskId, b]));
          for (const bar of row.bars) {
            count(`${row.file}#${bar.taskId}`);
            assert.equal(bar.requirementFile, row.file);
            assert.ok(bar.start <= bar.end, `${bar.start} ≤ ${bar.end}`);
            assert.ok(isWorkday(bar.start, calendar) && isWorkday(bar.end, calendar), `${bar.start}…${bar.end} on working days`);
            assert.ok(m.range && m.range.start <= bar.start && bar.end <= m.range.end);
            for (const dep of bar.dependsOn) assert.ok(byId.get(dep)!.end < bar.start, `${bar.taskId} after ${dep}`);
          }
        }
        for (const u of m.unscheduled) count(`${u.file}#${u.taskId}`);
        const expected = specs.flatMap((spec, k) => spec.tasks.map((_, i) => `r/${k}.md#T${i + 1}`));
        assert.deepEqual([...seen.keys()].sort(), expected.sort());
        assert.ok([...seen.values()].every((n) => n === 1));
        assert.equal(m.range === undefined, m.rows.length === 0);
        // A model against itself has no difference.
        assert.deepEqual(timelineDiff(m, timelineModel(records, today, calendar)), {
          upserted: [],
          removed: [],
          unscheduledChanged: false,
          rangeChanged: false,
        });
      }),
      { numRuns: 200 },
    );
  });
});

// Timings belong to the bench (timeline_render_ms); here only what the layout gives at this size.
describe('timeline: scale', () => {
  it('lays out 7,000 requirements of 3 tasks, and an unchanged model diffs to nothing', () => {
    const templates = [0, 1, 2, 3].map((k) =>
      rec(`t${k}.md`, {
        scores: scores(3 + (k % 3), 5 - k),
        owner: `Owner ${k}`,
        tasks: tasks(
          { id: 'T1', start: `2026-03-0${2 + k}`, days: 3 },
          { id: 'T2', depends: 'T1', days: 2 + k },
          { id: 'T3', depends: '[T1, T2]', days: 1, status: 'done' },
        ),
        milestones: '\n  planned_done: 2026-04-01',
      }),
    );
    // Spread copies of a few parsed records: parsing 7,000 files is the index's cost, not this one's.
    const records = Array.from({ length: 7000 }, (_, i) => ({
      ...templates[i % 4]!,
      file: `r/${i}.md`,
      id: `REQ-2026-${String(7000 - i).padStart(4, '0')}`,
    }));
    const m = timelineModel(records, TODAY, CALENDAR);
    assert.equal(m.rows.length, 7000);
    assert.equal(
      m.rows.reduce((n, r) => n + r.bars.length, 0),
      21000,
    );
    const again = timelineModel(records, TODAY, CALENDAR);
    assert.deepEqual(timelineDiff(m, again).upserted, []);
  });
});
