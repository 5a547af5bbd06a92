import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatMessage } from '../../src/core/messages';
import { localizeLater } from '../../src/core/l10n';
import { DEFAULT_SETTINGS, resolveSettings, type SettingsWarning } from '../../src/core/settings';
import type { RequirementRecord } from '../../src/core/index';
import { summarize } from '../../src/core/tree';
import {
  lateTasks,
  nextDay,
  timelyFindings,
  timelyProblems,
  timelyProblemsByDocument,
  timelyProblemsOfParsed,
  type TimelySettings,
} from '../../src/core/timely';
import { analyzeRequirement } from '../../src/core/validate';
import { splitFile } from '../../src/core/frontmatter';
import { at, bom, CTX, crlf } from './support';

const SETTINGS: TimelySettings = { workdays: [1, 2, 3, 4, 5], holidays: [], lowSatisfaction: 2 };
const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n# Body\n`;

describe('timely rules: the day after', () => {
  it('crosses months, years and leap days', () => {
    assert.deepEqual(['2026-03-01', '2026-02-28', '2024-02-28', '2024-02-29', '2026-12-31', '2100-02-28'].map(nextDay), [
      '2026-03-02',
      '2026-03-01',
      '2024-02-29',
      '2024-03-01',
      '2027-01-01',
      '2100-03-01',
    ]);
  });
});

describe('timely rules: feedback below expectation needs an adjustment within 24 hours', () => {
  const low = { feedback: [{ date: '2026-03-10', satisfaction: 2, note: 'slow' }] };
  const codes = (front: unknown, today: string, settings = SETTINGS) => timelyFindings(front, today, settings).map((f) => f.code);

  it('is due (info) on the day and the next, and a warning from the day after', () => {
    assert.deepEqual(codes(low, '2026-03-09'), ['feedback-adjustment-due']);
    assert.deepEqual(codes(low, '2026-03-10'), ['feedback-adjustment-due']);
    assert.deepEqual(codes(low, '2026-03-11'), ['feedback-adjustment-due']);
    assert.deepEqual(codes(low, '2026-03-12'), ['feedback-no-adjustment']);
    assert.deepEqual(timelyFindings(low, '2026-04-01', SETTINGS)[0], {
      code: 'feedback-no-adjustment',
      path: ['feedback', 0],
      date: '2026-03-10',
      satisfaction: 2,
      deadline: '2026-03-11',
    });
  });

  it('is met by a change request or a task start on the day or the next, not before or after', () => {
    const withChange = (date: string) => ({ ...low, changes: [{ date, request: 'faster', decision: 'pending' }] });
    const withTask = (start: string) => ({ ...low, tasks: [{ id: 'T1', title: 'fix', start, days: 1, status: 'done' }] });
    assert.deepEqual(codes(withChange('2026-03-10'), '2026-03-20'), []);
    assert.deepEqual(codes(withChange('2026-03-11'), '2026-03-20'), []);
    assert.deepEqual(codes(withChange('2026-03-12'), '2026-03-20'), ['feedback-no-adjustment']);
    assert.deepEqual(codes(withChange('2026-03-09'), '2026-03-20'), ['feedback-no-adjustment']);
    assert.deepEqual(codes(withTask('2026-03-11'), '2026-03-20'), []);
    assert.deepEqual(codes(withTask('2026-03-13'), '2026-03-20'), ['feedback-no-adjustment']);
    // A task without a start (depends only) has no date to count.
    assert.deepEqual(
      codes(
        {
          ...low,
          tasks: [
            { id: 'T1', title: 'a', start: '2026-01-05', status: 'done' },
            { id: 'T2', title: 'b', depends: ['T1'], status: 'done' },
          ],
        },
        '2026-03-20',
      ),
      ['feedback-no-adjustment'],
    );
  });

  it('follows the threshold setting: at or below it counts; 0 turns the rule off', () => {
    const three = { feedback: [{ date: '2026-03-10', satisfaction: 3 }] };
    assert.deepEqual(codes(three, '2026-03-20'), []);
    assert.deepEqual(codes(three, '2026-03-20', { ...SETTINGS, lowSatisfaction: 3 }), ['feedback-no-adjustment']);
    assert.deepEqual(codes(low, '2026-03-20', { ...SETTINGS, lowSatisfaction: 0 }), []);
  });

  it('skips entries without a real date or a satisfaction, and an invalid today', () => {
    const odd = {
      feedback: [
        { date: '2026-02-30', satisfaction: 1 },
        { date: '2026-03-01' },
        { date: '2026-03-01', satisfaction: '1' },
        'text',
        null,
        { date: '2026-03-01', satisfaction: 1 },
      ],
    };
    assert.deepEqual(
      timelyFindings(odd, '2026-03-20', SETTINGS).map((f) => f.path),
      [['feedback', 5]],
    );
    assert.deepEqual(timelyFindings(low, 'today', SETTINGS), []);
    assert.deepEqual(timelyFindings('not a record', '2026-03-20', SETTINGS), []);
  });
});

describe('timely rules: the 24-hour rule on generated records', () => {
  it('finds what a direct reading of the rule finds (each entry against every change and task start)', () => {
    const day = fc.integer({ min: 1, max: 9 }).map((d) => `2026-03-0${d}`);
    const date = fc.oneof({ weight: 6, arbitrary: day }, { weight: 1, arbitrary: fc.constantFrom('2026-02-30', 'soon', '') });
    const front = fc.record({
      feedback: fc.array(fc.record({ date, satisfaction: fc.integer({ min: 0, max: 5 }) }), { maxLength: 8 }),
      changes: fc.array(fc.record({ date, what: fc.constant('x') }), { maxLength: 5 }),
      tasks: fc.array(fc.record({ id: fc.constantFrom('T1', 'T2'), start: date, status: fc.constant('done') }), { maxLength: 5 }),
    });
    const real = (d: string) => /^2026-03-0\d$/.test(d);
    fc.assert(
      fc.property(front, day, (f, today) => {
        const adjustments = [...f.changes.map((c) => c.date), ...f.tasks.map((t) => t.start)].filter(real);
        const expected = f.feedback.flatMap((entry, i) => {
          if (!real(entry.date) || entry.satisfaction < 1 || entry.satisfaction > SETTINGS.lowSatisfaction) return [];
          const deadline = nextDay(entry.date);
          if (adjustments.some((d) => d >= entry.date && d <= deadline)) return [];
          return [
            {
              code: today > deadline ? 'feedback-no-adjustment' : 'feedback-adjustment-due',
              path: ['feedback', i],
              date: entry.date,
              satisfaction: entry.satisfaction,
              deadline,
            },
          ];
        });
        assert.deepEqual(
          timelyFindings(f, today, SETTINGS).filter((x) => x.code !== 'task-late'),
          expected,
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('timely rules: late tasks', () => {
  const front = {
    tasks: [
      { id: 'T1', title: 'UI', start: '2026-03-02', days: 2, status: 'done' },
      { id: 'T2', title: 'API', depends: 'T1', days: 3, status: '进行中' },
      { id: 'T3', title: 'Rollout', depends: ['T2'], days: 1, status: '完成' },
      { id: 'T4', title: 'Undated', days: 1 },
    ],
  };

  it('finds tasks past their scheduled end that are not done (aliases read), at a given date', () => {
    // T2 runs Wed 03-04 … Fri 03-06; T3 (done, by its alias) on Mon 03-09.
    assert.deepEqual(timelyFindings(front, '2026-03-06', SETTINGS), []);
    assert.deepEqual(timelyFindings(front, '2026-03-09', SETTINGS), [
      { code: 'task-late', path: ['tasks', 1], task: 'T2', end: '2026-03-06' },
    ]);
  });

  it('lists the late tasks of many records by end date (the daily reminder)', () => {
    const records = [
      { file: 'b.md', id: 'REQ-2', title: 'Two', data: { tasks: [{ id: 'T1', title: 'late one', start: '2026-03-02', days: 1 }] } },
      { file: 'a.md', id: 'REQ-1', title: 'One', data: front },
      { file: 'c.md', data: { title: 'no tasks' } },
    ];
    assert.deepEqual(lateTasks(records, '2026-03-09', SETTINGS), [
      { file: 'b.md', id: 'REQ-2', title: 'Two', task: 'T1', taskTitle: 'late one', end: '2026-03-02' },
      { file: 'a.md', id: 'REQ-1', title: 'One', task: 'T2', taskTitle: 'API', end: '2026-03-06' },
    ]);
    assert.deepEqual(lateTasks(records, '2026-03-02', SETTINGS), []);
  });
});

describe('timely rules: problems on the YAML ranges', () => {
  const text = fm(
    'id: REQ-2026-001',
    'tasks:',
    '  - id: T1',
    '    title: UI',
    '    start: 2026-03-02',
    '    days: 2',
    '  - { id: T2, title: API, depends: [T1], days: 3 }',
    'feedback:',
    '  - date: 2026-03-10   # phone call',
    '    satisfaction: 1',
  );

  it('puts each problem on the first line of its entry, in both languages', () => {
    const problems = timelyProblems(text, '2026-03-20', SETTINGS);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, at(text, p.range), p.args]),
      [
        ['feedback-no-adjustment', 'warning', '10:5-10:36', ['2026-03-10', '1', '2026-03-11']],
        ['task-late', 'warning', '4:5-4:11', ['T1', '2026-03-03']],
        ['task-late', 'warning', '8:5-8:51', ['T2', '2026-03-06']],
      ].sort((a, b) => (a[0] === b[0] ? 0 : a[0]! < b[0]! ? -1 : 1)),
    );
    const late = problems.find((p) => p.code === 'task-late')!;
    assert.equal(formatMessage(late.code, late.args, 'en'), 'Task T1 is late: it was due on 2026-03-03 and is not done.');
    assert.match(formatMessage(late.code, late.args, 'zh-cn'), /任务 T1 已延期/);
    const fb = problems.find((p) => p.code === 'feedback-no-adjustment')!;
    assert.match(formatMessage(fb.code, fb.args, 'zh-cn'), /24 小时/);
  });

  it('keeps the ranges BOM-less with CRLF', () => {
    const other = bom(crlf(text));
    const problems = timelyProblems(other, '2026-03-20', SETTINGS);
    assert.deepEqual(problems.map((p) => at(other.slice(1), p.range)).sort(), ['10:5-10:36', '4:5-4:11', '8:5-8:51']);
  });

  it('reports nothing for a file whose YAML cannot be read', () => {
    assert.deepEqual(timelyProblems(fm('tasks:', '  - id: T1', ' bad: [unclosed'), '2026-03-20', SETTINGS), []);
    assert.deepEqual(timelyProblems('no front-matter', '2026-03-20', SETTINGS), []);
  });
});

describe('timely rules: the threshold setting', () => {
  it('defaults to 2 and accepts 0–4', () => {
    assert.equal(DEFAULT_SETTINGS.lowSatisfaction, 2);
    assert.equal(resolveSettings({ 'reqdesk.feedback.lowSatisfaction': 3 }).lowSatisfaction, 3);
    const warnings: SettingsWarning[] = [];
    assert.equal(resolveSettings({ 'reqdesk.feedback.lowSatisfaction': 7 }, warnings).lowSatisfaction, 2);
    assert.match(localizeLater('en', warnings[0]!.text), /reqdesk\.feedback\.lowSatisfaction/);
  });
});

/** A record as the tree summarises it, with only the front-matter a test gives. */
const record = (data: Record<string, unknown>): RequirementRecord => ({
  file: 'a.md',
  id: 'REQ-2026-001',
  data: data as RequirementRecord['data'],
  references: [],
  problems: [],
});
const cal = { workdays: [1, 2, 3, 4, 5], holidays: [] };

describe('timely rules: the tree marks a record missing its adjustment', () => {
  const low = {
    feedback: [
      { date: '2026-03-10', satisfaction: 1 },
      { date: '2026-03-01', satisfaction: 5 },
    ],
  };

  it('counts low feedback whose window has passed, at a given date and threshold', () => {
    assert.equal(summarize(record(low), cal, '2026-03-11').missingAdjustments, 0);
    assert.equal(summarize(record(low), cal, '2026-03-12').missingAdjustments, 1);
    assert.equal(summarize(record(low), cal, '2026-03-12', 0).missingAdjustments, 0);
    assert.equal(summarize(record({ ...low, changes: [{ date: '2026-03-11', request: 'x' }] }), cal, '2026-03-12').missingAdjustments, 0);
    assert.equal(summarize(record({}), cal, '2026-03-12').missingAdjustments, 0);
  });
});

describe('timely rules: the tree marks a record whose promised date passed', () => {
  const milestones = { planned_done: '2026-03-10', feedback_due: '2026-03-20' };

  it('an undelivered record past planned_done, by days; nothing on the day itself or once delivered', () => {
    assert.deepEqual(summarize(record({ status: 'in-progress', milestones }), cal, '2026-03-12').overdue, [
      { code: 'delivery-overdue', due: '2026-03-10', days: 2 },
    ]);
    // A Chinese status is the same status.
    assert.equal(summarize(record({ status: '进行中', milestones }), cal, '2026-03-11').overdue[0]?.days, 1);
    assert.deepEqual(summarize(record({ status: 'in-progress', milestones }), cal, '2026-03-10').overdue, []);
    assert.deepEqual(summarize(record({ status: 'delivered', milestones }), cal, '2026-03-12').overdue, []);
  });

  it('a delivered record past feedback_due with no feedback; feedback recorded clears it', () => {
    assert.deepEqual(summarize(record({ status: 'delivered', milestones }), cal, '2026-03-25').overdue, [
      { code: 'feedback-overdue', due: '2026-03-20', days: 5 },
    ]);
    const withFeedback = { status: 'delivered', milestones, feedback: [{ date: '2026-03-21', satisfaction: 4 }] };
    assert.deepEqual(summarize(record(withFeedback), cal, '2026-03-25').overdue, []);
  });
});

describe('timely rules: the line scan places problems where the Document does', () => {
  const settings: TimelySettings = { workdays: [1, 2, 3, 4, 5], holidays: [], lowSatisfaction: 2 };
  const date = fc.constantFrom('2026-03-02', '2026-03-09', '2026-03-20', '2026-04-01');
  const quoted = (d: string) => fc.constantFrom(d, `'${d}'`, `"${d}"`, `${d} # promised`);
  const dateText = date.chain(quoted);
  // Tasks as block maps (key order varied, comments), flow maps and odd entries; milestones and
  // feedback in the shapes records have — some the scan reads, some it leaves to the Document.
  const task = fc.record({
    id: fc.constantFrom('T1', 'T2', 'T3'),
    start: dateText,
    days: fc.integer({ min: 1, max: 9 }),
    status: fc.constantFrom('todo', 'doing', 'done'),
  });
  const taskText = fc.tuple(task, fc.constantFrom('block', 'reordered', 'flow', 'comment')).map(([t, shape]) => {
    if (shape === 'flow') return `  - { id: ${t.id}, start: ${t.start.replace(/ #.*/, '')}, days: ${t.days}, status: ${t.status} }`;
    if (shape === 'reordered') return `  - days: ${t.days}\n    id: ${t.id}\n    status: ${t.status}\n    start: ${t.start}`;
    const comment = shape === 'comment' ? '  # the first task' : '';
    return `  - id: ${t.id}${comment}\n    start: ${t.start}\n    days: ${t.days}\n    status: ${t.status}`;
  });
  const feedbackText = fc.tuple(dateText, fc.integer({ min: 1, max: 5 })).map(([d, n]) => `  - date: ${d}\n    satisfaction: ${n}`);
  const record = fc
    .record({
      status: fc.constantFrom('in-progress', 'delivered', '进行中', 'planned'),
      planned: dateText,
      due: dateText,
      tasks: fc.array(taskText, { maxLength: 4 }),
      feedback: fc.array(feedbackText, { maxLength: 2 }),
      crlf: fc.boolean(),
    })
    .map((r) => {
      const lines = [
        '---',
        'id: REQ-2026-001',
        `status: ${r.status}`,
        'milestones:',
        `  planned_done: ${r.planned}`,
        `  feedback_due: ${r.due}`,
        ...(r.tasks.length ? ['tasks:', ...r.tasks] : []),
        ...(r.feedback.length ? ['feedback:', ...r.feedback] : []),
        '---',
        '# Body',
        '',
      ].join('\n');
      return r.crlf ? lines.replace(/\n/g, '\r\n') : lines;
    });

  it('same problems on the same ranges on generated records, both paths reached', () => {
    let found = 0;
    let parsedPath = 0;
    fc.assert(
      fc.property(record, date, (text, today) => {
        const fast = timelyProblems(text, today, settings);
        const reference = timelyProblemsByDocument(splitFile(text, true), today, settings);
        assert.deepEqual(fast, reference);
        found += fast.length;
        // What the index does: placed from validation's own reading of the front-matter.
        const analysis = analyzeRequirement(text, CTX);
        if (analysis.parsed) {
          parsedPath++;
          const { value, positions } = analysis.parsed;
          assert.deepEqual(timelyProblemsOfParsed(analysis.split, value, positions(), today, settings), reference);
        }
      }),
      { numRuns: 400 },
    );
    assert.ok(found > 100, `only ${found} problems were compared`);
    assert.ok(parsedPath > 150, `validation's reading was reused in only ${parsedPath} of 400 runs`);
  });
});
