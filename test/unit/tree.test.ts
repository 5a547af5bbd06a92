import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type RequirementRecord } from '../../src/core/index';
import type { WorkCalendar } from '../../src/core/schedule';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import {
  buildTree,
  buildTreeInSlices,
  GROUPINGS,
  groupPathOf,
  idLineOffset,
  isFilterEmpty,
  matchesFilter,
  openP1Count,
  summarize,
  taskSummaries,
  TreeModel,
  UNTRIAGED,
  type Grouping,
  type RequirementSummary,
  type TreeFilter,
  type TreeGroup,
} from '../../src/core/tree';
import { record } from './support';
import { yieldToEventLoop } from '../../src/core/slices';

// Records come from real files through the real index, so these tests follow the pipeline the
// sidebar sees (alias normalisation, derived priority, dropped invalid values, problems).
const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
const CALENDAR: WorkCalendar = { workdays: [1, 2, 3, 4, 5], holidays: [] };
/** A Monday; 2026-03-02 is the Monday before. */
const TODAY = '2026-03-09';

const rec = (file: string, fields: Record<string, string> = {}, body?: string): RequirementRecord =>
  index.analyze(file, record(fields, body));
const sum = (r: RequirementRecord, today = TODAY): RequirementSummary => summarize(r, CALENDAR, today);
const scores = (importance: number, urgency: number) => `\n  importance: ${importance}\n  urgency: ${urgency}`;
const customer = (name: string) => `\n  name: ${name}`;

/** The tree as "group (count): requirement IDs | children", short enough to compare whole. */
function shape(groups: readonly TreeGroup[]): string[] {
  return groups.map((g) => {
    const reqs = g.requirements.map((s) => s.id ?? s.file).join(' ');
    const kids = g.children.length ? ` [${shape(g.children).join('; ')}]` : '';
    return `${g.id}(${g.count})${reqs ? `: ${reqs}` : ''}${kids}`;
  });
}

function filesIn(groups: readonly TreeGroup[]): string[] {
  return groups.flatMap((g) => [...g.requirements.map((s) => s.file), ...filesIn(g.children)]);
}

/** Two records of the sample that the TreeModel tests edit field by field. */
const P1_FUNC_B = {
  id: 'REQ-2026-003',
  title: 'Scan pallets',
  type: 'functional',
  status: 'planned',
  owner: 'Alex',
  customer: customer('华美超市'),
  horizon: 'immediate',
  scores: scores(5, 4),
};
const P2_BUS = {
  id: '需求-2026-004',
  title: '账期延长到 60 天',
  type: 'business',
  status: 'analyzing',
  owner: '李四',
  customer: customer('客户A'),
  horizon: 'long-term',
  scores: scores(5, 2),
};

/** A workspace of every kind the tree distinguishes. */
function sample(): RequirementRecord[] {
  return [
    rec('r/p1-func-b.md', P1_FUNC_B),
    rec('r/p1-func-a.md', {
      id: 'REQ-2026-001',
      title: 'Energy dashboard',
      type: '功能',
      status: 'in-progress',
      owner: '张三',
      customer: customer('客户A'),
      horizon: 'short-term',
      scores: scores(4, 5),
    }),
    rec('r/p1-exp.md', {
      id: 'REQ-2026-002',
      title: 'Dark wall display',
      type: 'experience',
      status: 'new',
      customer: customer('客户A'),
      scores: scores(5, 5),
    }),
    rec('r/p2-bus.md', {
      ...P2_BUS,
      tasks: '\n  - id: T1\n    title: Draft terms\n    owner: Alex\n    start: 2026-03-02\n    days: 2',
    }),
    rec('r/p2-none.md', {
      id: 'REQ-2026-005',
      title: 'Widget thing',
      type: 'widget',
      status: 'on-hold',
      owner: 'Alex',
      scores: scores(2, 5),
    }),
    rec('r/p3-svc.md', { id: 'REQ-2026-006', title: 'Training on site', type: 'service', status: 'new', priority: 'P3' }),
    rec('r/untriaged-svc.md', { id: 'REQ-2026-007', title: 'Unscored service request', type: 'service', status: 'planned' }),
    rec('r/untriaged-none.md', { id: 'REQ-2026-008', title: 'No type at all', type: '', status: 'bogus' }),
  ];
}

describe('tree: summarize', () => {
  it('takes the effective and derived priority from the index', () => {
    const derived = sum(rec('a.md', { scores: scores(5, 4) }));
    assert.deepEqual([derived.priority, derived.derivedPriority], ['P1', 'P1']);
    const stored = sum(rec('b.md', { priority: 'P3' }));
    assert.deepEqual([stored.priority, stored.derivedPriority], ['P3', undefined]);
    const overruled = sum(rec('c.md', { priority: 'P2', priority_reason: 'Contract renewal waits for it', scores: scores(5, 5) }));
    assert.deepEqual([overruled.priority, overruled.derivedPriority, overruled.priorityMismatch], ['P2', 'P1', false]);
    const none = sum(rec('d.md'));
    assert.deepEqual([none.priority, none.derivedPriority], [undefined, undefined]);
  });

  it('carries the normalised fields the tree groups and filters by', () => {
    const s = sum(
      rec('a.md', {
        id: '需求-2026-009',
        title: '实时监控能耗',
        type: '体验',
        status: '进行中',
        owner: '张三',
        customer: '\n  name: 客户A\n  tier: 老客户',
        horizon: '短期',
        strategy: 'partial',
        scores: '\n  importance: 3\n  urgency: 2\n  feasibility: 4',
      }),
    );
    assert.deepEqual(
      {
        id: s.id,
        title: s.title,
        type: s.type,
        status: s.status,
        owner: s.owner,
        customer: s.customer,
        tier: s.tier,
        horizon: s.horizon,
        strategy: s.strategy,
        scores: s.scores,
      },
      {
        id: '需求-2026-009',
        title: '实时监控能耗',
        type: 'experience',
        status: 'in-progress',
        owner: '张三',
        customer: '客户A',
        tier: 'existing',
        horizon: 'short-term',
        strategy: 'partial',
        scores: { importance: 3, urgency: 2, feasibility: 4 },
      },
    );
    assert.equal(s.file, 'a.md');
  });

  it('dates tasks from the schedule and marks the late ones against today', () => {
    const tasks = [
      '', // the value starts on the next line
      '  - id: T1\n    title: UI design\n    owner: 李四\n    start: 2026-03-02\n    days: 2\n    status: done',
      '  - id: T2\n    title: Data interface\n    owner: 王五\n    depends: [T1]\n    days: 3\n    status: doing',
      '  - id: T3\n    title: Rollout\n    depends: [T2]\n    days: 1',
      '  - id: T4\n    title: Undated\n    days: 1',
    ].join('\n');
    const r = rec('a.md', { tasks });
    const s = sum(r);
    assert.deepEqual(taskSummaries(r, CALENDAR, TODAY), [
      // Done before today: not late.
      { id: 'T1', title: 'UI design', owner: '李四', status: 'done', start: '2026-03-02', end: '2026-03-03', late: false },
      // Ended Friday, not done, today is Monday: late.
      { id: 'T2', title: 'Data interface', owner: '王五', status: 'doing', start: '2026-03-04', end: '2026-03-06', late: true },
      // Ends today: not late yet.
      { id: 'T3', title: 'Rollout', start: '2026-03-09', end: '2026-03-09', late: false },
      // Neither start nor dependency: no dates, never late.
      { id: 'T4', title: 'Undated', late: false },
    ]);
    assert.deepEqual([s.taskCount, s.tasksDone, s.lateTasks], [4, 1, 1]);
    // The owner filter's names: the tasks' owners besides the requirement's.
    assert.deepEqual(s.taskOwners, ['李四', '王五']);
    // A day later T3 is late too; a week earlier nothing is.
    assert.equal(sum(r, '2026-03-10').lateTasks, 2);
    assert.equal(sum(r, '2026-03-02').lateTasks, 0);
  });

  it('skips weekends when dating tasks', () => {
    const [task] = taskSummaries(
      rec('a.md', { tasks: '\n  - id: T1\n    title: Build\n    start: 2026-03-05\n    days: 3' }),
      CALENDAR,
      TODAY,
    );
    assert.deepEqual([task!.start, task!.end], ['2026-03-05', '2026-03-09']);
  });

  it('a record without tasks has none', () => {
    const s = sum(rec('a.md'));
    assert.deepEqual([s.taskCount, s.taskOwners, s.tasksHash, s.tasksDone, s.lateTasks], [0, undefined, 0, 0, 0]);
  });

  it('tells a changed task apart by its hash, and an unchanged one not', () => {
    const tasks = (title: string, days = 2) =>
      `\n  - id: T1\n    title: ${title}\n    owner: Alex\n    start: 2026-03-02\n    days: ${days}`;
    const before = sum(rec('a.md', { owner: 'Alex', tasks: tasks('Draft terms') }));
    assert.equal(sum(rec('a.md', { owner: 'Alex', tasks: tasks('Draft terms') })).tasksHash, before.tasksHash);
    // A new title, a new end date (the row's children show both): a new hash.
    assert.notEqual(sum(rec('a.md', { owner: 'Alex', tasks: tasks('Sign terms') })).tasksHash, before.tasksHash);
    assert.notEqual(sum(rec('a.md', { owner: 'Alex', tasks: tasks('Draft terms', 3) })).tasksHash, before.tasksHash);
    // The requirement's own owner is no task owner to filter by.
    assert.equal(before.taskOwners, undefined);
  });

  it('flags a priority-mismatch problem', () => {
    const r = rec('a.md', { priority: 'P3', scores: scores(5, 5) });
    assert.ok(r.problems.some((p) => p.code === 'priority-mismatch'));
    const s = sum(r);
    assert.equal(s.priorityMismatch, true);
    assert.equal(s.priority, 'P3');
    assert.equal(s.derivedPriority, 'P1');
    assert.equal(sum(rec('b.md', { priority: 'P1', scores: scores(5, 5) })).priorityMismatch, false);
  });

  it('counts errors and warnings, and the first problem prefers an error', () => {
    // The warning (priority) sits above the error (strategy) in the file, so it sorts first.
    const r = rec('a.md', { priority: 'P3', scores: scores(5, 5), strategy: 'declined' });
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.severity]),
      [
        ['priority-mismatch', 'warning'],
        ['decline-reason-missing', 'error'],
      ],
    );
    const s = sum(r);
    assert.deepEqual([s.errors, s.warnings], [1, 1]);
    assert.deepEqual(s.firstProblem, { code: 'decline-reason-missing', args: [] });
  });

  it('the first problem is the first warning when there is no error', () => {
    const s = sum(rec('a.md', { priority: 'P3', scores: scores(5, 5) }));
    assert.deepEqual([s.errors, s.warnings], [0, 1]);
    assert.equal(s.firstProblem?.code, 'priority-mismatch');
    assert.deepEqual(s.firstProblem?.args, ['P3', '5', '5', 'P1']);
  });

  it('a clean record has no problem counts and no first problem', () => {
    const s = sum(rec('a.md'));
    assert.deepEqual([s.errors, s.warnings, s.firstProblem], [0, 0, undefined]);
  });
});

describe('tree: grouping by priority', () => {
  it('groups P1, P2, P3, untriaged, each split by type in schema order, requirements by ID', () => {
    assert.deepEqual(
      shape(
        buildTree(
          sample().map((r) => sum(r)),
          'priority',
        ),
      ),
      [
        'P1(3) [P1/functional(2): REQ-2026-001 REQ-2026-003; P1/experience(1): REQ-2026-002]',
        'P2(2) [P2/business(1): 需求-2026-004; P2/none(1): REQ-2026-005]',
        'P3(1) [P3/service(1): REQ-2026-006]',
        'untriaged(2) [untriaged/service(1): REQ-2026-007; untriaged/none(1): REQ-2026-008]',
      ],
    );
  });

  it('groups carry kind and key; the no-type group has the key ""', () => {
    const tree = buildTree(
      sample().map((r) => sum(r)),
      'priority',
    );
    assert.deepEqual(
      tree.map((g) => [g.id, g.kind, g.key, g.requirements.length]),
      [
        ['P1', 'priority', 'P1', 0],
        ['P2', 'priority', 'P2', 0],
        ['P3', 'priority', 'P3', 0],
        ['untriaged', 'priority', UNTRIAGED, 0],
      ],
    );
    assert.deepEqual(
      tree[3]!.children.map((g) => [g.id, g.kind, g.key]),
      [
        ['untriaged/service', 'type', 'service'],
        ['untriaged/none', 'type', ''],
      ],
    );
  });

  it('type groups follow functional, experience, business, service, then none', () => {
    const types = ['', 'service', 'business', 'experience', 'functional', 'widget'];
    const records = types.map((type, i) => rec(`t${i}.md`, { id: `REQ-2026-01${i}`, type, scores: scores(5, 5) }));
    assert.deepEqual(
      buildTree(
        records.map((r) => sum(r)),
        'priority',
      )[0]!.children.map((g) => `${g.id}(${g.count})`),
      ['P1/functional(1)', 'P1/experience(1)', 'P1/business(1)', 'P1/service(1)', 'P1/none(2)'],
    );
  });

  it('leaves empty groups out', () => {
    const records = [rec('a.md', { id: 'REQ-2026-001', scores: scores(2, 2) }), rec('b.md', { id: 'REQ-2026-002', scores: scores(5, 1) })];
    assert.deepEqual(
      shape(
        buildTree(
          records.map((r) => sum(r)),
          'priority',
        ),
      ),
      ['P2(1) [P2/functional(1): REQ-2026-002]', 'P3(1) [P3/functional(1): REQ-2026-001]'],
    );
    assert.deepEqual(buildTree([], 'priority'), []);
  });

  it('sorts requirements without an ID after those with one, then by file', () => {
    const records = [rec('z.md', { id: '' }), rec('y.md', { id: '' }), rec('x.md', { id: 'REQ-2026-099' })];
    assert.deepEqual(
      filesIn(
        buildTree(
          records.map((r) => sum(r)),
          'priority',
        ),
      ),
      ['x.md', 'y.md', 'z.md'],
    );
  });

  it('compares the numbers in IDs as numbers', () => {
    const records = ['REQ-2026-1000', 'REQ-2026-999', 'REQ-2026-010', 'REQ-2025-1200'].map((id, i) => rec(`n${i}.md`, { id }));
    assert.deepEqual(
      buildTree(
        records.map((r) => sum(r)),
        'priority',
      )[0]!.children[0]!.requirements.map((s) => s.id),
      ['REQ-2025-1200', 'REQ-2026-010', 'REQ-2026-999', 'REQ-2026-1000'],
    );
  });

  it('group ids stay the same across builds', () => {
    const ids = (tree: readonly TreeGroup[]): string[] => tree.flatMap((g) => [g.id, ...ids(g.children)]);
    const summaries = sample().map((r) => sum(r));
    assert.deepEqual(ids(buildTree(summaries, 'priority')), ids(buildTree([...summaries].reverse(), 'priority')));
  });
});

describe('tree: ranked order within a priority level', () => {
  /** Four P1 functional requirements whose IDs run against their rank. */
  const ranked = () => [
    rec('r/a.md', { id: 'REQ-2026-001', scores: scores(5, 5), moscow: 'could' }),
    rec('r/b.md', { id: 'REQ-2026-002', scores: scores(5, 5) }),
    rec('r/c.md', { id: 'REQ-2026-003', scores: `${scores(5, 5)}\n  value: 4\n  effort: 2`, moscow: 'must' }),
    rec('r/d.md', { id: 'REQ-2026-004', scores: `${scores(5, 5)}\n  value: 5\n  effort: 1`, moscow: '必须' }),
  ];
  const order = (tree: readonly TreeGroup[]) => tree[0]!.children[0]!.requirements.map((s) => s.id);

  it('MoSCoW first, then ROI, then the rest; a requirement without any ranks last', () => {
    // 004 and 003 are both must (004 in its Chinese alias): 004 has the higher ROI (5 against 2).
    assert.deepEqual(
      order(
        buildTree(
          ranked().map((r) => sum(r)),
          'priority',
        ),
      ),
      ['REQ-2026-004', 'REQ-2026-003', 'REQ-2026-001', 'REQ-2026-002'],
    );
  });

  it('follows the ranking it is given; an empty one is the ID order', () => {
    const summaries = ranked().map((r) => sum(r));
    assert.deepEqual(order(buildTree(summaries, 'priority', {}, { ranking: ['roi'] })), [
      'REQ-2026-004',
      'REQ-2026-003',
      'REQ-2026-001',
      'REQ-2026-002',
    ]);
    assert.deepEqual(order(buildTree(summaries, 'priority', {}, { ranking: [] })), [
      'REQ-2026-001',
      'REQ-2026-002',
      'REQ-2026-003',
      'REQ-2026-004',
    ]);
  });

  it('other groupings rank within each priority too', () => {
    const summaries = [...ranked(), rec('r/e.md', { id: 'REQ-2026-005', scores: scores(1, 1), moscow: 'must' })].map((r) => sum(r));
    assert.deepEqual(shape(buildTree(summaries, 'status')), [
      'status:new(5): REQ-2026-004 REQ-2026-003 REQ-2026-001 REQ-2026-002 REQ-2026-005',
    ]);
  });

  it('the summary carries what ranks it', () => {
    const s = sum(ranked()[3]!);
    assert.deepEqual([s.moscow, s.kano, s.scores.value, s.scores.effort], ['must', undefined, 5, 1]);
  });

  it('a change of MoSCoW re-sorts its group: the update names the group, and the model uses its ranking', () => {
    const records = new Map(ranked().map((r) => [r.file, r]));
    const model = new TreeModel({ calendar: CALENDAR, today: TODAY });
    model.reset(records.values());
    assert.deepEqual(order(model.groups), ['REQ-2026-004', 'REQ-2026-003', 'REQ-2026-001', 'REQ-2026-002']);
    records.set('r/b.md', rec('r/b.md', { id: 'REQ-2026-002', scores: scores(5, 5), moscow: 'must' }));
    assert.deepEqual(
      model.update(['r/b.md'], [], (f) => records.get(f)),
      { root: false, groups: ['P1'], requirements: [] },
    );
    assert.deepEqual(order(model.groups), ['REQ-2026-004', 'REQ-2026-003', 'REQ-2026-002', 'REQ-2026-001']);
    // A change of what ranks it that keeps its place refreshes the requirement alone (its tooltip says why).
    records.set('r/b.md', rec('r/b.md', { id: 'REQ-2026-002', scores: scores(5, 5), moscow: 'must', kano: 'basic' }));
    assert.deepEqual(
      model.update(['r/b.md'], [], (f) => records.get(f)),
      { root: false, groups: [], requirements: ['r/b.md'] },
    );
    const byId = new TreeModel({ calendar: CALENDAR, today: TODAY, ranking: [] });
    byId.reset(records.values());
    assert.deepEqual(order(byId.groups), ['REQ-2026-001', 'REQ-2026-002', 'REQ-2026-003', 'REQ-2026-004']);
  });

  it('a small update landing while a large one is being grouped is not lost, wherever it lands', async () => {
    for (let turns = 0; turns < 6; turns++) {
      const records = new Map(ranked().map((r) => [r.file, r]));
      const model = new TreeModel({ calendar: CALENDAR, today: TODAY });
      const large = model.updateInSlices([...records.keys()], [], (f) => records.get(f));
      for (let t = 0; t < turns; t++) await new Promise((resolve) => setImmediate(resolve));
      records.set('r/b.md', rec('r/b.md', { id: 'REQ-2026-002', scores: scores(5, 5), moscow: 'must' }));
      model.update(['r/b.md'], [], (f) => records.get(f));
      await large;
      const fresh = new TreeModel({ calendar: CALENDAR, today: TODAY });
      fresh.reset(records.values());
      assert.deepEqual(order(model.groups), order(fresh.groups), `the small update after ${turns} turns`);
    }
  });

  it('a record typed into keeps its rank while its MoSCoW is half written', () => {
    const records = new Map(ranked().map((r) => [r.file, r]));
    const model = new TreeModel({ calendar: CALENDAR, today: TODAY, isEditing: (f) => f === 'r/c.md' });
    model.reset(records.values());
    records.set('r/c.md', rec('r/c.md', { id: 'REQ-2026-003', scores: `${scores(5, 5)}\n  value: 4\n  effort: 2`, moscow: 'mu' }));
    model.update(['r/c.md'], [], (f) => records.get(f));
    assert.deepEqual(order(model.groups), ['REQ-2026-004', 'REQ-2026-003', 'REQ-2026-001', 'REQ-2026-002']);
    assert.equal(model.summary('r/c.md')?.editing, true);
  });
});

describe('tree: other groupings', () => {
  const summaries = () => sample().map((r) => sum(r));

  it('status: in the order of the schema, no status last', () => {
    assert.deepEqual(shape(buildTree(summaries(), 'status')), [
      'status:new(2): REQ-2026-002 REQ-2026-006',
      'status:analyzing(1): 需求-2026-004',
      // Within a group: priority first, then ID.
      'status:planned(2): REQ-2026-003 REQ-2026-007',
      'status:in-progress(1): REQ-2026-001',
      'status:on-hold(1): REQ-2026-005',
      'status:(1): REQ-2026-008',
    ]);
  });

  it('customer: by name, no customer last', () => {
    const tree = buildTree(summaries(), 'customer');
    assert.deepEqual(
      tree.map((g) => [g.id, g.kind, g.key, g.count]),
      [
        ...[
          ['customer:华美超市', 'customer', '华美超市', 1],
          ['customer:客户A', 'customer', '客户A', 3],
        ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
        ['customer:', 'customer', '', 4],
      ],
    );
  });

  it('owner: by name, no owner last; a task owner does not make a group', () => {
    const tree = buildTree(summaries(), 'owner');
    assert.deepEqual(
      tree.map((g) => g.id),
      [...['owner:Alex', 'owner:张三', 'owner:李四'].sort((a, b) => a.slice(6).localeCompare(b.slice(6))), 'owner:'],
    );
    assert.deepEqual(
      tree.find((g) => g.id === 'owner:Alex')!.requirements.map((s) => s.id),
      ['REQ-2026-003', 'REQ-2026-005'],
    );
    assert.equal(tree.at(-1)!.count, 4);
  });

  it('flat groupings have no children and count their requirements', () => {
    for (const grouping of ['status', 'customer', 'owner'] as const) {
      const tree = buildTree(summaries(), grouping);
      for (const g of tree) {
        assert.deepEqual(g.children, [], g.id);
        assert.equal(g.count, g.requirements.length, g.id);
        assert.equal(g.kind, grouping);
      }
      assert.equal(
        tree.reduce((n, g) => n + g.count, 0),
        8,
        grouping,
      );
    }
  });
});

describe('tree: filters', () => {
  const summaries = () => sample().map((r) => sum(r));
  const ids = (filter: TreeFilter) =>
    summaries()
      .filter((s) => matchesFilter(s, filter))
      .map((s) => s.id)
      .sort();

  it('the empty filter keeps everything', () => {
    assert.equal(ids({}).length, 8);
    assert.ok(isFilterEmpty({}));
    assert.ok(isFilterEmpty({ text: '', owner: undefined }));
    assert.equal(isFilterEmpty({ status: 'new' }), false);
  });

  it('by status, type, horizon and customer', () => {
    assert.deepEqual(ids({ status: 'planned' }), ['REQ-2026-003', 'REQ-2026-007']);
    assert.deepEqual(ids({ type: 'functional' }), ['REQ-2026-001', 'REQ-2026-003']);
    assert.deepEqual(ids({ type: 'service' }), ['REQ-2026-006', 'REQ-2026-007']);
    assert.deepEqual(ids({ horizon: 'long-term' }), ['需求-2026-004']);
    assert.deepEqual(ids({ customer: '客户A' }), ['REQ-2026-001', 'REQ-2026-002', '需求-2026-004']);
  });

  it('by owner, matching a task owner too', () => {
    // Alex owns two requirements and a task of 需求-2026-004.
    assert.deepEqual(ids({ owner: 'Alex' }), ['REQ-2026-003', 'REQ-2026-005', '需求-2026-004']);
    assert.deepEqual(ids({ owner: '李四' }), ['需求-2026-004']);
    assert.deepEqual(ids({ owner: 'Nobody' }), []);
  });

  it('by text in the ID or title, case-insensitively', () => {
    assert.deepEqual(ids({ text: 'req-2026-00' }), [
      'REQ-2026-001',
      'REQ-2026-002',
      'REQ-2026-003',
      'REQ-2026-005',
      'REQ-2026-006',
      'REQ-2026-007',
      'REQ-2026-008',
    ]);
    assert.deepEqual(ids({ text: 'PALLETS' }), ['REQ-2026-003']);
    assert.deepEqual(ids({ text: '账期' }), ['需求-2026-004']);
    assert.deepEqual(ids({ text: '需求-2026' }), ['需求-2026-004']);
    assert.deepEqual(ids({ text: 'no such thing' }), []);
  });

  it('combined filters must all match', () => {
    assert.deepEqual(ids({ owner: 'Alex', customer: '客户A' }), ['需求-2026-004']);
    assert.deepEqual(ids({ owner: 'Alex', status: 'planned', text: 'scan' }), ['REQ-2026-003']);
    assert.deepEqual(ids({ owner: 'Alex', status: 'new' }), []);
  });

  it('buildTree applies the filter and drops groups left empty', () => {
    assert.deepEqual(shape(buildTree(summaries(), 'priority', { owner: 'Alex' })), [
      'P1(1) [P1/functional(1): REQ-2026-003]',
      'P2(2) [P2/business(1): 需求-2026-004; P2/none(1): REQ-2026-005]',
    ]);
    assert.deepEqual(shape(buildTree(summaries(), 'status', { customer: '客户A' })), [
      'status:new(1): REQ-2026-002',
      'status:analyzing(1): 需求-2026-004',
      'status:in-progress(1): REQ-2026-001',
    ]);
  });
});

describe('tree: badge and paths', () => {
  it('openP1Count counts P1 requirements not yet finished', () => {
    const records = [
      rec('a.md', { id: 'REQ-2026-001', scores: scores(5, 5), status: 'planned' }),
      rec('b.md', { id: 'REQ-2026-002', priority: 'P1', status: 'in-progress' }),
      rec('c.md', { id: 'REQ-2026-003', priority: 'P1', status: 'delivered' }),
      rec('d.md', { id: 'REQ-2026-004', priority: 'P1', status: 'closed' }),
      rec('e.md', { id: 'REQ-2026-005', priority: 'P1', status: 'declined', strategy: 'declined', decline_reason: 'Out of scope' }),
      rec('f.md', { id: 'REQ-2026-006', priority: 'P1', status: 'verified' }),
      rec('g.md', { id: 'REQ-2026-007', priority: 'P2', status: 'new' }),
      // No (valid) status: still open.
      rec('h.md', { id: 'REQ-2026-008', priority: 'P1', status: '' }),
    ];
    assert.equal(openP1Count(records.map((r) => sum(r))), 3);
  });

  it('groupPathOf gives the group ids from the outside in', () => {
    const summaries = sample().map((r) => sum(r));
    const tree = buildTree(summaries, 'priority');
    assert.deepEqual(groupPathOf(tree, 'r/p1-exp.md'), ['P1', 'P1/experience']);
    assert.deepEqual(groupPathOf(tree, 'r/untriaged-none.md'), ['untriaged', 'untriaged/none']);
    assert.deepEqual(groupPathOf(buildTree(summaries, 'owner'), 'r/p1-exp.md'), ['owner:']);
    assert.equal(groupPathOf(tree, 'r/nowhere.md'), undefined);
    assert.equal(groupPathOf(buildTree(summaries, 'priority', { owner: 'Alex' }), 'r/p1-exp.md'), undefined);
  });
});

describe('tree: TreeModel', () => {
  /** A model over a mutable set of records, updated the way the view does. */
  function setup(options: { grouping?: Grouping; filter?: TreeFilter } = {}) {
    const records = new Map(sample().map((r) => [r.file, r]));
    const model = new TreeModel({ calendar: CALENDAR, today: TODAY, ...options });
    const first = model.reset(records.values());
    const change = (file: string, fields: Record<string, string>) => {
      records.set(file, rec(file, fields));
      return model.update([file], [], (f) => records.get(f));
    };
    const remove = (file: string) => {
      records.delete(file);
      return model.update([], [file], (f) => records.get(f));
    };
    return { model, records, first, change, remove };
  }

  it('reset refreshes the root and builds the tree', () => {
    const { model, first } = setup();
    assert.deepEqual(first, { root: true, groups: [], requirements: [] });
    assert.deepEqual(
      model.groups.map((g) => g.id),
      ['P1', 'P2', 'P3', 'untriaged'],
    );
    assert.equal(model.all().length, 8);
    assert.equal(model.summary('r/p3-svc.md')?.id, 'REQ-2026-006');
    assert.equal(model.grouping, 'priority');
  });

  it('a change that keeps the requirement in its place refreshes only that requirement', () => {
    const { model, change } = setup();
    const update = change('r/p1-func-b.md', { ...P1_FUNC_B, title: 'Scan pallets with a handheld' });
    assert.deepEqual(update, { root: false, groups: [], requirements: ['r/p1-func-b.md'] });
    assert.equal(model.summary('r/p1-func-b.md')?.title, 'Scan pallets with a handheld');
    assert.equal(model.groups[0]!.children[0]!.requirements[1]!.title, 'Scan pallets with a handheld');
  });

  it('updateInSlices gives the same tree and update as update, yielding on the way', async () => {
    const a = setup();
    const b = setup();
    const edited = { ...P2_BUS, scores: scores(5, 5) };
    a.records.set('r/p2-bus.md', rec('r/p2-bus.md', edited));
    b.records.set('r/p2-bus.md', rec('r/p2-bus.md', edited));
    const files = [...a.records.keys()];
    const sync = a.model.update(files, [], (f) => a.records.get(f));
    // A zero-length slice yields after every file: the result must not depend on it.
    const sliced = await b.model.updateInSlices(files, [], (f) => b.records.get(f), 0);
    assert.deepEqual(sliced, sync);
    assert.deepEqual(b.model.groups, a.model.groups);
  });

  it('a change that leaves the summary as it was refreshes nothing', () => {
    const { change } = setup();
    assert.deepEqual(change('r/p1-func-b.md', P1_FUNC_B), { root: false, groups: [], requirements: [] });
  });

  it('a move from P2 to P1 refreshes both top-level groups, not the requirement itself', () => {
    const { model, change } = setup();
    const update = change('r/p2-bus.md', { ...P2_BUS, scores: scores(5, 5) });
    assert.deepEqual(update, { root: false, groups: ['P1', 'P2'], requirements: [] });
    assert.deepEqual(groupPathOf(model.groups, 'r/p2-bus.md'), ['P1', 'P1/business']);
  });

  it('a move between type groups refreshes its priority group', () => {
    const { change } = setup();
    assert.deepEqual(change('r/p1-func-b.md', { ...P1_FUNC_B, type: 'experience' }), { root: false, groups: ['P1'], requirements: [] });
  });

  it('a new ID that reorders a group refreshes the group', () => {
    const { model, change } = setup();
    assert.deepEqual(change('r/p1-func-b.md', { ...P1_FUNC_B, id: 'REQ-2026-000' }), { root: false, groups: ['P1'], requirements: [] });
    assert.deepEqual(
      model.groups[0]!.children[0]!.requirements.map((s) => s.id),
      ['REQ-2026-000', 'REQ-2026-001'],
    );
  });

  it('a top-level group that appears or disappears refreshes the root', () => {
    const { model, change } = setup();
    // The only P3 requirement becomes P2: the P3 group goes.
    assert.equal(
      change('r/p3-svc.md', { id: 'REQ-2026-006', title: 'Training on site', type: 'service', status: 'new', priority: 'P2' }).root,
      true,
    );
    assert.deepEqual(
      model.groups.map((g) => g.id),
      ['P1', 'P2', 'untriaged'],
    );
    // And back: it comes again.
    assert.equal(
      change('r/p3-svc.md', { id: 'REQ-2026-006', title: 'Training on site', type: 'service', status: 'new', priority: 'P3' }).root,
      true,
    );
    assert.deepEqual(
      model.groups.map((g) => g.id),
      ['P1', 'P2', 'P3', 'untriaged'],
    );
  });

  it('a new file joining an existing group refreshes that group', () => {
    const { model, records } = setup();
    records.set('r/new.md', rec('r/new.md', { id: 'REQ-2026-010', type: 'service', priority: 'P3' }));
    assert.deepEqual(
      model.update(['r/new.md'], [], (f) => records.get(f)),
      { root: false, groups: ['P3'], requirements: [] },
    );
    assert.equal(model.groups[2]!.count, 2);
  });

  it('configure refreshes the root with the new grouping and filter', () => {
    const { model } = setup();
    assert.deepEqual(model.configure('status', { owner: 'Alex' }), { root: true, groups: [], requirements: [] });
    assert.deepEqual(
      model.groups.map((g) => g.id),
      ['status:analyzing', 'status:planned', 'status:on-hold'],
    );
    assert.deepEqual([model.grouping, model.filter], ['status', { owner: 'Alex' }]);
    // Even when nothing changes, configure refreshes everything.
    assert.equal(model.configure('status', { owner: 'Alex' }).root, true);
  });

  it('removal refreshes the group it leaves, or the root when the group goes', () => {
    const { model, remove, records } = setup();
    assert.deepEqual(remove('r/p1-exp.md'), { root: false, groups: ['P1'], requirements: [] });
    assert.equal(model.summary('r/p1-exp.md'), undefined);
    assert.equal(model.groups[0]!.count, 2);
    assert.equal(remove('r/p3-svc.md').root, true);
    assert.equal(model.all().length, 6);
    // A changed file the index no longer has is a removal too.
    records.delete('r/p2-none.md');
    assert.deepEqual(
      model.update(['r/p2-none.md'], [], (f) => records.get(f)),
      { root: false, groups: ['P2'], requirements: [] },
    );
    assert.equal(model.summary('r/p2-none.md'), undefined);
  });

  it('a change to a requirement the filter hides refreshes nothing', () => {
    const { change } = setup({ filter: { owner: 'Alex' } });
    assert.deepEqual(
      change('r/p1-exp.md', {
        id: 'REQ-2026-002',
        title: 'Dark wall display, brighter',
        type: 'experience',
        status: 'new',
        customer: customer('客户A'),
        scores: scores(5, 5),
      }),
      {
        root: false,
        groups: [],
        requirements: [],
      },
    );
  });

  it('a change that makes a hidden requirement visible refreshes its group', () => {
    const { change } = setup({ grouping: 'owner', filter: { customer: '客户A' } });
    assert.deepEqual(
      change('r/p2-none.md', {
        id: 'REQ-2026-005',
        title: 'Widget thing',
        type: 'widget',
        status: 'on-hold',
        owner: '张三',
        customer: customer('客户A'),
        scores: scores(2, 5),
      }),
      {
        root: false,
        groups: ['owner:张三'],
        requirements: [],
      },
    );
  });

  it('a new day recomputes lateness on reset', () => {
    const { model, records } = setup();
    assert.equal(model.summary('r/p2-bus.md')?.lateTasks, 1);
    model.setToday('2026-03-02');
    model.reset(records.values());
    assert.equal(model.summary('r/p2-bus.md')?.lateTasks, 0);
  });
});

describe('tree: properties', () => {
  const OWNERS = ['Alex', '张三', '李四'];
  const CUSTOMERS = ['客户A', '华美超市', 'Acme'];
  const TYPES = ['functional', 'experience', 'business', 'service'] as const;
  const STATUS_VALUES = ['new', 'analyzing', 'planned', 'in-progress', 'delivered', 'on-hold'] as const;
  const HORIZON_VALUES = ['immediate', 'short-term', 'long-term'] as const;
  const WORDS = ['Scan pallets', '账期延长', 'Dark display', 'Energy report', '实时监控'];

  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const spec = fc.record({
    priority: maybe(fc.constantFrom('P1', 'P2', 'P3')),
    importance: maybe(fc.integer({ min: 1, max: 5 })),
    urgency: maybe(fc.integer({ min: 1, max: 5 })),
    type: maybe(fc.constantFrom(...TYPES, 'widget')),
    status: maybe(fc.constantFrom(...STATUS_VALUES)),
    horizon: maybe(fc.constantFrom(...HORIZON_VALUES)),
    owner: maybe(fc.constantFrom(...OWNERS)),
    customer: maybe(fc.constantFrom(...CUSTOMERS)),
    taskOwner: maybe(fc.constantFrom(...OWNERS)),
    title: fc.constantFrom(...WORDS),
  });
  type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

  const filterArb: fc.Arbitrary<TreeFilter> = fc.record(
    {
      status: fc.constantFrom(...STATUS_VALUES),
      type: fc.constantFrom(...TYPES),
      horizon: fc.constantFrom(...HORIZON_VALUES),
      owner: fc.constantFrom(...OWNERS),
      customer: fc.constantFrom(...CUSTOMERS),
      text: fc.constantFrom('req-2026-00', 'SCAN', '实时', '01', 'x'),
    },
    { requiredKeys: [] },
  );

  function toRecord(s: Spec, i: number): RequirementRecord {
    const score = [
      s.importance === undefined ? '' : `\n  importance: ${s.importance}`,
      s.urgency === undefined ? '' : `\n  urgency: ${s.urgency}`,
    ].join('');
    return rec(`p/${i}.md`, {
      id: `REQ-2026-${String(i + 1).padStart(3, '0')}`,
      title: s.title,
      type: s.type ?? '',
      status: s.status ?? '',
      priority: s.priority ?? '',
      scores: score,
      horizon: s.horizon ?? '',
      owner: s.owner ?? '',
      customer: s.customer ? customer(s.customer) : '',
      tasks: s.taskOwner ? `\n  - id: T1\n    title: Work\n    owner: ${s.taskOwner}\n    start: 2026-03-02\n    days: 1` : '',
    });
  }

  /** What the filter should keep, from the generated fields rather than the summaries. */
  function expectedVisible(specs: Spec[], filter: TreeFilter): Set<string> {
    const out = new Set<string>();
    specs.forEach((s, i) => {
      const id = `REQ-2026-${String(i + 1).padStart(3, '0')}`;
      const type = s.type === 'widget' ? undefined : s.type;
      if (filter.status && s.status !== filter.status) return;
      if (filter.type && type !== filter.type) return;
      if (filter.horizon && s.horizon !== filter.horizon) return;
      if (filter.customer && s.customer !== filter.customer) return;
      if (filter.owner && s.owner !== filter.owner && s.taskOwner !== filter.owner) return;
      if (filter.text && !`${id} ${s.title}`.toLowerCase().includes(filter.text.toLowerCase())) return;
      out.add(`p/${i}.md`);
    });
    return out;
  }

  function expectedPriority(s: Spec): string {
    if (s.priority) return s.priority;
    if (s.importance === undefined || s.urgency === undefined) return UNTRIAGED;
    const highs = Number(s.importance >= 4) + Number(s.urgency >= 4);
    return highs === 2 ? 'P1' : highs === 1 ? 'P2' : 'P3';
  }

  function checkCounts(groups: readonly TreeGroup[]): void {
    for (const g of groups) {
      checkCounts(g.children);
      assert.equal(g.count, filesIn([g]).length, g.id);
      assert.ok(g.count > 0, `${g.id} is empty`);
    }
  }

  it('every visible requirement appears exactly once, in the right group, with consistent counts', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 14 }), filterArb, (specs, filter) => {
        const summaries = specs.map((s, i) => sum(toRecord(s, i)));
        const expected = expectedVisible(specs, filter);
        for (const grouping of GROUPINGS) {
          const tree = buildTree(summaries, grouping, filter);
          const files = filesIn(tree);
          assert.equal(new Set(files).size, files.length, `${grouping}: a requirement appears twice`);
          assert.deepEqual(new Set(files), expected, grouping);
          assert.equal(
            tree.reduce((n, g) => n + g.count, 0),
            expected.size,
            grouping,
          );
          checkCounts(tree);
          assert.equal(new Set(tree.map((g) => g.id)).size, tree.length, `${grouping}: duplicate group ids`);
          for (const file of files) {
            const s = specs[Number(file.slice(2, -3))]!;
            const path = groupPathOf(tree, file)!;
            const key = {
              priority: expectedPriority(s),
              status: `status:${s.status ?? ''}`,
              customer: `customer:${s.customer ?? ''}`,
              owner: `owner:${s.owner ?? ''}`,
            }[grouping];
            assert.equal(path[0], key, `${grouping}: ${file}`);
            if (grouping === 'priority') assert.equal(path[1], `${key}/${s.type && s.type !== 'widget' ? s.type : 'none'}`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("built in slices (a turn before each group's sort), the tree is the one buildTree makes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { maxLength: 14 }), fc.oneof(fc.constant({}), filterArb), async (specs, filter) => {
        const summaries = specs.map((s, i) => sum(toRecord(s, i)));
        for (const grouping of GROUPINGS) {
          let pauses = 0;
          const sliced = await buildTreeInSlices(summaries, grouping, filter, {}, () => {
            pauses++;
            return yieldToEventLoop();
          });
          assert.deepEqual(sliced, buildTree(summaries, grouping, filter), grouping);
          // One pause before each sort: one per group that holds requirements of its own.
          const lists = (groups: readonly TreeGroup[]): number =>
            groups.reduce((n, g) => n + (g.requirements.length ? 1 : 0) + lists(g.children), 0);
          assert.equal(pauses, lists(sliced), grouping);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a TreeModel kept up to date by updates equals one rebuilt from scratch, and says what changed', () => {
    /** Membership and order of a group's subtree, without the summaries' contents. */
    const structure = (g: TreeGroup): string =>
      `${g.id}(${g.requirements.map((r) => r.file).join('|')};${g.children.map(structure).join(',')})`;
    const summaries = (groups: readonly TreeGroup[]): Map<string, string> =>
      new Map(groups.flatMap((g) => [...g.requirements.map((r) => [r.file, JSON.stringify(r)] as const), ...summaries(g.children)]));
    const step = fc.record({ slot: fc.integer({ min: 0, max: 7 }), spec: maybe(spec) });
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 2, maxLength: 8 }),
        fc.array(step, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...GROUPINGS),
        fc.oneof(fc.constant({}), filterArb),
        (initial, steps, grouping, filter) => {
          const records = new Map<string, RequirementRecord>(initial.map((s, i) => [`p/${i}.md`, toRecord(s, i)]));
          const model = new TreeModel({ calendar: CALENDAR, today: TODAY, grouping, filter });
          model.reset(records.values());
          for (const { slot, spec: s } of steps) {
            const file = `p/${slot}.md`;
            if (s) records.set(file, toRecord(s, slot));
            else records.delete(file);
            const before = new Map(model.groups.map((g) => [g.id, { structure: structure(g), summaries: summaries([g]) }]));
            const update = model.update(s ? [file] : [], s ? [] : [file], (f) => records.get(f));
            const after = model.groups;
            assert.deepEqual(
              after,
              buildTree(
                [...records.values()].map((r) => sum(r)),
                grouping,
                filter,
              ),
            );
            if (update.root) continue;
            // Without a root refresh the top level is unchanged, a group whose members changed is
            // refreshed, and a requirement changed in place is refreshed by itself or with its group.
            assert.deepEqual(
              after.map((g) => g.id),
              [...before.keys()],
            );
            for (const g of after) {
              const was = before.get(g.id)!;
              if (was.structure !== structure(g)) assert.ok(update.groups.includes(g.id), `${g.id} changed unannounced`);
              else if (!update.groups.includes(g.id)) {
                for (const [f, summary] of summaries([g]))
                  if (was.summaries.get(f) !== summary) assert.ok(update.requirements.includes(f), `${f} changed unannounced`);
              }
            }
            for (const f of update.requirements) assert.ok(!update.groups.includes(groupPathOf(after, f)![0]!), `${f} refreshed twice`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('tree: the line a node opens at', () => {
  const text = '---\nid: REQ-2026-001\ntasks:\n  - id: T1\n    title: a\n  -   id: "T2"  \n  - { id: T3 }\n-\n  id: T4\n---\n# T\n';

  it("is the task's id line, or the record's id line", () => {
    assert.equal(idLineOffset(text), text.indexOf('id: REQ'));
    assert.equal(idLineOffset(text, 'T1'), text.indexOf('  - id: T1'));
    assert.equal(idLineOffset(text, 'T2'), text.indexOf('  -   id: "T2"'));
    assert.equal(idLineOffset(text, 'T4'), text.indexOf('  id: T4'));
    assert.equal(idLineOffset(text, 'T3'), -1);
    assert.equal(idLineOffset(text, 'T1.'), -1);
    assert.equal(idLineOffset(text.replace(/\n/g, '\r\n'), 'T1'), text.replace(/\n/g, '\r\n').indexOf('  - id: T1'));
  });

  it('costs time linear in a long run of empty lines (the first pattern grew with its cube)', () => {
    const cpu = (f: () => unknown) => {
      const before = process.cpuUsage();
      f();
      const d = process.cpuUsage(before);
      return (d.user + d.system) / 1000;
    };
    const input = (n: number) => `---\nid: X\n${'\n'.repeat(n)}tasks:\n  - id: T1\n---\n`;
    let n = 10_000;
    while (cpu(() => idLineOffset(input(n), 'T1')) < 20 && n < 20_000_000) n *= 2;
    const small = input(n);
    const large = input(2 * n);
    let a = Infinity;
    let b = Infinity;
    for (let r = 0; r < 5; r++) {
      a = Math.min(
        a,
        cpu(() => idLineOffset(small, 'T1')),
      );
      b = Math.min(
        b,
        cpu(() => idLineOffset(large, 'T1')),
      );
    }
    assert.ok(b / a < 3, `time(2n)/time(n) = ${(b / a).toFixed(2)} at n = ${n}`);
  });
});

describe('TreeModel: a record being typed into keeps its place', () => {
  const file = 'typing.md';
  const valid = rec(file, P1_FUNC_B);
  const halfTyped = rec(file, { ...P1_FUNC_B, type: 'func', id: 'REQ-20' });

  it('unsaved and invalid: same group, same ID and title, marked as editing; saved or valid again: placed by the text', () => {
    let editing = true;
    const model = new TreeModel({ calendar: CALENDAR, today: TODAY, isEditing: () => editing });
    model.reset([valid]);
    const before = shape(model.groups);
    assert.deepEqual(before, ['P1(1) [P1/functional(1): REQ-2026-003]']);
    const current = new Map([[file, halfTyped]]);
    model.update([file], [], (f) => current.get(f));
    assert.deepEqual(shape(model.groups), before);
    assert.equal(model.summary(file)?.editing, true);
    assert.equal(model.summary(file)?.type, 'functional');
    assert.ok(model.summary(file)!.errors > 0, 'its problems are the fresh ones');
    // Saved as it is: the record is placed by what the file holds.
    editing = false;
    model.update([file], [], (f) => current.get(f));
    assert.deepEqual(shape(model.groups), ['P1(1) [P1/none(1): REQ-20]']);
    assert.equal(model.summary(file)?.editing, undefined);
  });

  it('a valid edit moves the record at once, unsaved or not', () => {
    const model = new TreeModel({ calendar: CALENDAR, today: TODAY, isEditing: () => true });
    model.reset([valid]);
    const current = new Map([[file, rec(file, { ...P1_FUNC_B, type: 'business' })]]);
    model.update([file], [], (f) => current.get(f));
    assert.deepEqual(shape(model.groups), ['P1(1) [P1/business(1): REQ-2026-003]']);
    assert.equal(model.summary(file)?.editing, undefined);
  });
});
