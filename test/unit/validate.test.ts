import assert from 'node:assert/strict';
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatMessage, PROBLEM_MESSAGES } from '../../src/core/messages';
import { compareProblems, type Problem } from '../../src/core/problems';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { analyzeRequirement, emptyEssentialSeverity, findIdRange, type RequirementAnalysis } from '../../src/core/validate';
import { splitFile } from '../../src/core/frontmatter';
import { at, bom, contextFor, crlf, CTX, fixture, fixtureNames, record, REPO_ROOT, summary } from './support';

const analyze = (text: string, careful = false) => analyzeRequirement(text, CTX, { careful });

/** The problems of an analysis as {code, severity, at}. */
function summaries(a: RequirementAnalysis): Array<{ code: string; severity: string; at: string }> {
  return a.problems.map((p) => summary(a.split.text, p));
}

/** The same with each problem's fixes and the data they use. */
function summariesWithFixes(a: RequirementAnalysis) {
  return a.problems.map((p) => ({ ...summary(a.split.text, p), fixes: p.fixes, data: p.data }));
}

/** Problems of a fixture as {code, severity, at}. */
function problemsOf(name: string): Array<{ code: string; severity: string; at: string }> {
  return summaries(analyze(fixture(name)));
}

function only(name: string): Problem {
  const problems = analyze(fixture(name)).problems;
  assert.equal(problems.length, 1, `${name}: ${JSON.stringify(problems.map((p) => p.code))}`);
  return problems[0]!;
}

describe('validate: valid records', () => {
  it('a minimal record has no problems and its data', () => {
    const a = analyze(fixture('valid-minimal.md'));
    assert.deepEqual(a.problems, []);
    assert.deepEqual(a.data, { id: 'REQ-2026-001', title: 'Export the monthly energy report as CSV', type: 'functional', status: 'new' });
  });

  it('the full record of the domain page is valid and normalised', () => {
    const a = analyze(fixture('full.md'));
    assert.deepEqual(a.problems, []);
    assert.equal(a.data.priority, 'P1');
    assert.deepEqual(a.data.scores, { importance: 5, urgency: 4, feasibility: 3, value: 4, effort: 2 });
    assert.deepEqual(a.data.customer, { name: '客户A', contact: '王经理', industry: '制造业', size: 'medium', tier: 'existing' });
    // Dates stay strings (no Date objects) and a single dependency list is kept as a list.
    assert.equal(a.data.submitted, '2024-03-15');
    assert.deepEqual(a.data.tasks?.[1]?.depends, ['T1']);
    assert.equal(a.data.decline_reason, null);
    assert.deepEqual(a.data.related, ['ORDER-2024-118']);
    assert.deepEqual(a.data.reviews?.[0]?.by, ['产品经理', '技术负责人']);
    assert.equal(a.data.changes?.[0]?.decision, 'approved');
    assert.deepEqual(
      a.outline.sections.map((s) => s.key),
      ['description', 'background', 'scenario', 'goal'],
    );
  });

  it('essentials headed in Chinese or in English are found', () => {
    for (const name of ['essentials-chinese.md', 'essentials-english.md']) {
      const a = analyze(fixture(name));
      assert.deepEqual(a.problems, [], name);
      assert.deepEqual(a.outline.sections.map((s) => s.key).sort(), ['background', 'description', 'goal', 'scenario'], name);
    }
  });
});

describe('validate: front-matter and YAML safety', () => {
  it('---js front-matter is reported and never executed', () => {
    const text = fixture('frontmatter-js.md');
    for (const careful of [false, true]) {
      const a = analyze(text, careful);
      assert.deepEqual(summaries(a), [{ code: 'frontmatter-language', severity: 'error', at: '1:1-1:6' }]);
      assert.deepEqual(a.problems[0]!.args, ['js']);
      assert.deepEqual(a.data, {});
    }
    // The fixture's code would write this file into the working folder.
    assert.equal(existsSync(path.join(process.cwd(), 'reqdesk-pwned.txt')), false);
    assert.equal(existsSync(path.join(REPO_ROOT, 'reqdesk-pwned.txt')), false);
  });

  it('code in js, javascript and coffee front-matter that would create a file does not run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqdesk-fm-'));
    try {
      const target = path.join(dir, 'pwned');
      const call = `require('fs').writeFileSync(${JSON.stringify(target)}, 'x')`;
      const variants: Array<[string, string]> = [
        ['js', `---js\n{ id: 'REQ-2026-001', title: ${call} }\n---\n# x\n`],
        ['javascript', `---javascript\nmodule.exports = { title: ${call} }\n---\n# x\n`],
        ['coffee', `---coffee\ntitle: ${call}\n---\n# x\n`],
      ];
      for (const [language, text] of variants) {
        for (const careful of [false, true]) {
          const a = analyze(text, careful);
          assert.deepEqual(
            a.problems.map((p) => [p.code, p.severity, p.args]),
            [['frontmatter-language', 'error', [language]]],
          );
        }
        assert.equal(existsSync(target), false, language);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('---coffee, ---json and ---toml are refused with the language named', () => {
    assert.deepEqual(problemsOf('frontmatter-coffee.md'), [{ code: 'frontmatter-language', severity: 'error', at: '1:1-1:10' }]);
    for (const language of ['json', 'toml']) {
      const a = analyze(`---${language}\n{}\n---\n`);
      assert.deepEqual(
        a.problems.map((p) => [p.code, p.args]),
        [['frontmatter-language', [language]]],
      );
    }
  });

  it('an alias bomb is refused at the first anchor and expands nothing', () => {
    const text = fixture('alias-bomb.md');
    for (const careful of [false, true]) {
      const a = analyze(text, careful);
      assert.deepEqual(summaries(a), [{ code: 'yaml-alias-limit', severity: 'error', at: '6:4-6:5' }]);
      assert.deepEqual(a.data, {});
    }
  });

  it('an alias with no anchor is named on its own range, on both paths; an alias before its anchor too', () => {
    for (const [yaml, alias, place] of [
      ['owner: *nobody', 'nobody', '6:8-6:15'],
      ['owner: *later\ncustomer: { name: &later Northwind }', 'later', '6:8-6:14'],
    ] as const) {
      const text = record({ owner: yaml.slice('owner: '.length) });
      for (const careful of [false, true]) {
        const a = analyze(text, careful);
        assert.deepEqual(summaries(a), [{ code: 'yaml-alias-undefined', severity: 'error', at: place }]);
        assert.deepEqual(a.problems[0]!.args, [alias]);
        assert.deepEqual(a.data, {});
      }
    }
    assert.equal(
      formatMessage('yaml-alias-undefined', ['nobody'], 'en'),
      'YAML alias *nobody refers to no anchor: define &nobody before it, or write the value itself.',
    );
    assert.equal(
      formatMessage('yaml-alias-undefined', ['nobody'], 'zh-cn'),
      'YAML 别名 *nobody 没有对应的锚点：请在它之前定义 &nobody，或直接写出取值。',
    );
    // A defined alias is still fine, and a bomb is still a bomb.
    assert.deepEqual(
      analyze(record({ owner: '&who Ann', tasks: '\n  - { id: T1, title: A, start: 2026-01-05, owner: *who }' })).problems,
      [],
    );
  });

  it('custom tags are errors on the tagged value and never reach the record', () => {
    const foo = analyze(fixture('custom-tag-foo.md'));
    assert.deepEqual(
      foo.problems.map((p) => summary(foo.split.text, p)),
      [{ code: 'yaml-custom-tag', severity: 'error', at: '6:13-6:16' }],
    );
    assert.deepEqual(foo.problems[0]!.args, ['!foo']);
    assert.deepEqual(foo.data, {});

    const fn = analyze(fixture('custom-tag-js-function.md'));
    assert.deepEqual(
      fn.problems.map((p) => summary(fn.split.text, p)),
      [{ code: 'yaml-custom-tag', severity: 'error', at: '3:22-3:48' }],
    );
    assert.equal(fn.problems[0]!.args[0], '!!js/function');
    assert.equal(fn.data.title, undefined);
  });

  it('YAML syntax errors sit where the parser stopped', () => {
    const expect: Record<string, { at: string; message: RegExp }> = {
      'yaml-unclosed-quote.md': { at: '5:12-6:1', message: /closing "quote/ },
      'yaml-bad-indent.md': { at: '8:1-8:2', message: /same column/ },
      'yaml-tab.md': { at: '7:1-7:2', message: /Tabs/ },
    };
    for (const [name, e] of Object.entries(expect)) {
      const a = analyze(fixture(name));
      assert.deepEqual(summaries(a), [{ code: 'yaml-syntax', severity: 'error', at: e.at }], name);
      assert.match(a.problems[0]!.args[0]!, e.message, name);
      assert.deepEqual(a.data, {}, name);
    }
  });

  it('a file without front-matter is an error on its first line; the body is still checked', () => {
    assert.deepEqual(problemsOf('no-frontmatter.md'), [{ code: 'frontmatter-missing', severity: 'error', at: '1:1-1:36' }]);
    const bare = analyze('Just some notes.\n');
    assert.deepEqual(
      bare.problems.map((p) => p.code),
      ['frontmatter-missing', 'essential-missing', 'essential-missing', 'essential-missing', 'essential-missing'],
    );
  });

  it('an unclosed front-matter is reported on the opening line', () => {
    const a = analyze(fixture('unclosed-frontmatter.md'));
    assert.deepEqual(summary(a.split.text, a.problems[0]!), { code: 'frontmatter-unclosed', severity: 'error', at: '1:1-1:4' });
    // The body is not read as YAML: one clear error, not a cascade of syntax errors.
    assert.deepEqual(
      a.problems.map((p) => p.code),
      ['frontmatter-unclosed'],
    );
  });

  it('front-matter that is a list is not a mapping', () => {
    const p = only('frontmatter-list.md');
    assert.deepEqual(summary(fixture('frontmatter-list.md'), p), { code: 'frontmatter-not-mapping', severity: 'error', at: '2:1-2:19' });
    assert.equal(formatMessage(p.code, p.args, 'en'), 'The front-matter must be a mapping of keys to values, not a list.');
    assert.equal(formatMessage(p.code, p.args, 'zh-cn'), 'front-matter 必须是键值映射，而不是 列表。');
  });
});

describe('validate: schema rules', () => {
  it('wrong types point at each value, and the valid rest is kept', () => {
    const a = analyze(fixture('wrong-types.md'));
    assert.deepEqual(summaries(a), [
      { code: 'type-mismatch', severity: 'error', at: '7:15-7:18' },
      { code: 'type-mismatch', severity: 'error', at: '8:12-8:15' },
      { code: 'type-mismatch', severity: 'error', at: '10:3-10:6' },
    ]);
    assert.deepEqual(
      a.problems.map((p) => p.path),
      [['scores', 'importance'], ['scores', 'urgency'], ['tasks']],
    );
    assert.equal(formatMessage('type-mismatch', a.problems[0]!.args, 'en'), '"scores.importance" must be a number, not "5".');
    assert.equal(formatMessage('type-mismatch', a.problems[2]!.args, 'en'), '"tasks" must be a list, not a mapping.');
    assert.equal(a.data.id, 'REQ-2026-020');
    assert.equal(a.data.tasks, undefined);
  });

  it('a negative duration is out of range', () => {
    const p = only('days-negative.md');
    assert.deepEqual(summary(fixture('days-negative.md'), p), { code: 'value-out-of-range', severity: 'error', at: '10:11-10:13' });
    assert.equal(formatMessage(p.code, p.args, 'en'), '"tasks[0].days" must be a whole number, 0 or more; got -2.');
  });

  it('scores outside 1–5 and fractional scores are refused', () => {
    const text = record({ scores: '\n  importance: 6\n  urgency: 2.5' });
    const a = analyze(text);
    assert.deepEqual(
      a.problems.map((p) => [p.code, at(text, p.range)]),
      [
        ['value-out-of-range', '7:15-7:16'],
        ['type-mismatch', '8:12-8:15'],
      ],
    );
  });

  it('a missing required key is reported with the add-required-key fix, enum keys included', () => {
    const text = record({ status: '' });
    const problems = analyze(text).problems;
    assert.deepEqual(
      problems.map((x) => x.code),
      ['required-missing'],
    );
    const p = problems[0]!;
    assert.equal(formatMessage(p.code, p.args, 'en'), 'Missing required key "status".');
    assert.deepEqual([p.severity, p.fixes, p.data, p.args], ['error', ['add-required-key'], { key: 'status' }, ['status']]);
    // Shown on the first line of the mapping that should hold it.
    assert.equal(at(text, p.range), '2:1-2:17');
  });

  it('aliases are normalised in data, each with an enum-alias hint', () => {
    const a = analyze(fixture('enum-alias.md'));
    assert.deepEqual(summariesWithFixes(a), [
      { code: 'enum-alias', severity: 'hint', at: '4:7-4:11', fixes: ['normalize-alias'], data: { value: 'functional' } },
      { code: 'enum-alias', severity: 'hint', at: '5:9-5:12', fixes: ['normalize-alias'], data: { value: 'in-progress' } },
      { code: 'enum-alias', severity: 'hint', at: '8:9-8:12', fixes: ['normalize-alias'], data: { value: 'existing' } },
      { code: 'enum-alias', severity: 'hint', at: '14:13-14:16', fixes: ['normalize-alias'], data: { value: 'done' } },
    ]);
    assert.equal(a.data.type, 'functional');
    assert.equal(a.data.status, 'in-progress');
    assert.equal(a.data.customer?.tier, 'existing');
    assert.equal(a.data.tasks?.[0]?.status, 'done');
    assert.equal(formatMessage('enum-alias', a.problems[0]!.args, 'en'), '"功能需求" is an alias of "functional".');
  });

  it('type: 功能 means functional', () => {
    const text = record({ type: '功能' });
    for (const careful of [false, true]) {
      const a = analyze(text, careful);
      assert.equal(a.data.type, 'functional');
      assert.deepEqual(
        a.problems.map((p) => [p.code, p.severity, at(text, p.range)]),
        [['enum-alias', 'hint', '4:7-4:9']],
      );
    }
  });

  it('an unknown enum value suggests the closest one', () => {
    const p = only('enum-typo.md');
    assert.deepEqual(summary(fixture('enum-typo.md'), p), { code: 'enum-unknown', severity: 'error', at: '4:7-4:16' });
    assert.deepEqual([p.fixes, p.data], [['replace-value'], { value: 'functional' }]);
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'Unknown value "functionl" for "type". Expected one of: functional, experience, business, service. Did you mean "functional"?',
    );
    assert.match(formatMessage(p.code, p.args, 'zh-cn'), /是否应为 "functional"？$/);
  });

  it('a misspelt alias suggests its canonical value; a far-off value suggests nothing', () => {
    const near = analyze(record({ status: '进行' })).problems.find((p) => p.code === 'enum-unknown');
    assert.deepEqual(near?.data, { value: 'in-progress' });
    const far = analyze(record({ status: 'xyzzy-plugh' })).problems.find((p) => p.code === 'enum-unknown');
    assert.ok(far);
    assert.deepEqual([far.fixes, far.data], [[], undefined]);
    assert.doesNotMatch(formatMessage(far.code, far.args, 'en'), /Did you mean/);
  });

  it('near-miss keys at every level get a rename fix; unknown keys stay silent and are kept', () => {
    const a = analyze(fixture('near-miss-keys.md'));
    assert.deepEqual(summariesWithFixes(a), [
      { code: 'required-missing', severity: 'error', at: '2:1-2:17', fixes: ['add-required-key'], data: { key: 'title' } },
      { code: 'key-near-miss', severity: 'warning', at: '3:1-3:6', fixes: ['rename-key'], data: { key: 'title' } },
      { code: 'key-near-miss', severity: 'warning', at: '9:3-9:10', fixes: ['rename-key'], data: { key: 'urgency' } },
      { code: 'key-near-miss', severity: 'warning', at: '13:5-13:9', fixes: ['rename-key'], data: { key: 'owner' } },
    ]);
    assert.deepEqual(a.problems[3]!.path, ['tasks', 0, 'ownr']);
    const data = a.data as Record<string, unknown>;
    assert.equal(data.jira, 'X-1');
    assert.deepEqual(data.scores, { importance: 4, urgancy: 5 });
    assert.equal((a.data.tasks?.[0] as Record<string, unknown> | undefined)?.ownr, '李四');
  });

  it('a near-miss of a key that is already present is not suggested', () => {
    const a = analyze(record({ owner: 'A', ownr: 'B' }));
    assert.deepEqual(a.problems, []);
  });
});

describe('validate: record rules', () => {
  it('a score beyond every integer, in hex or decimal, is one problem, the same on both paths', () => {
    for (const [value, shown] of [
      ['0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', '1.461501637330903e+48'],
      ['100000000000000000000', '100000000000000000000'],
      ['9007199254740993', '9007199254740992'],
    ] as const) {
      const text = record({ scores: `{ importance: ${value}, urgency: 3 }` });
      for (const careful of [false, true]) {
        const a = analyze(text, careful);
        assert.deepEqual(
          a.problems.map((p) => [p.code, p.args, at(a.split.text, p.range)]),
          [['value-out-of-range', ['scores.importance', '@word:1-to-5', shown], `6:23-6:${23 + value.length}`]],
          value,
        );
      }
    }
  });

  it('task dates past 9999-12-31 are errors: a date written so (date-invalid), or one the schedule would reach (on days, start or id)', () => {
    const text = record({
      tasks: [
        '',
        '  - { id: T1, title: Five digits, start: 10000-01-01 }',
        '  - { id: T2, title: Signed year, start: +010000-01-01 }',
        '  - { id: T3, title: Ends later, start: 9999-12-31, days: 5 }',
        '  - { id: T4, title: Last day, start: 9999-12-31 }',
        '  - { id: T5, title: After it, depends: [T4] }',
        '  - { id: T6, title: Too many days, start: 2026-01-05, days: 99999999 }',
        '  - { id: T7, title: Just fits, start: 9999-12-27, days: 4 }',
      ].join('\n'),
    });
    for (const careful of [false, true]) {
      const a = analyze(text, careful);
      assert.deepEqual(
        a.problems.map((p) => [p.code, p.args[0], at(a.split.text, p.range)]),
        [
          ['date-invalid', 'tasks[0].start', '7:42-7:53'],
          ['date-invalid', 'tasks[1].start', '8:42-8:55'],
          ['task-date-out-of-range', 'T3', '9:59-9:60'],
          ['task-date-out-of-range', 'T5', '11:11-11:13'],
          ['task-date-out-of-range', 'T6', '12:62-12:70'],
        ],
      );
    }
    assert.equal(
      formatMessage('task-date-out-of-range', ['T3'], 'en'),
      'Task T3 would end after 9999-12-31, the last date that can be written: start it earlier or give it fewer days.',
    );
    // The working week comes from the settings: from Saturday 9999-12-25, six days fit only when
    // Saturdays are worked.
    const saturday = record({ tasks: '\n  - { id: A, title: A, start: 9999-12-25, days: 6 }' });
    assert.deepEqual(
      analyze(saturday).problems.map((p) => p.code),
      ['task-date-out-of-range'],
    );
    assert.deepEqual(analyzeRequirement(saturday, contextFor({ ...DEFAULT_SETTINGS, workdays: [1, 2, 3, 4, 5, 6] })).problems, []);
  });

  it('a stored priority that disagrees with the scores is a warning with the derived priority', () => {
    const p = only('priority-mismatch.md');
    assert.deepEqual(summary(fixture('priority-mismatch.md'), p), { code: 'priority-mismatch', severity: 'warning', at: '9:11-9:13' });
    assert.deepEqual([p.fixes, p.data], [['set-derived-priority'], { priority: 'P3' }]);
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'Stored priority P1 disagrees with the scores (importance 2, urgency 2 → P3). Fix it, or say why in priority_reason.',
    );
  });

  it('a priority_reason silences the mismatch', () => {
    assert.deepEqual(analyze(fixture('priority-mismatch-with-reason.md')).problems, []);
  });

  it('with one score missing, only impossible priorities are flagged, and no single fix is offered', () => {
    const impossible = analyze(record({ scores: '\n  importance: 2', priority: 'P1' })).problems;
    assert.deepEqual(
      impossible.map((p) => [p.code, p.args, p.fixes]),
      [['priority-mismatch', ['P1', '2', '?', 'P2/P3'], []]],
    );
    assert.deepEqual(analyze(record({ scores: '\n  importance: 2', priority: 'P2' })).problems, []);
  });

  it('the threshold setting changes what is high', () => {
    const text = record({ scores: '\n  importance: 3\n  urgency: 3', priority: 'P1' });
    assert.deepEqual(
      analyze(text).problems.map((p) => p.code),
      ['priority-mismatch'],
    );
    const lenient = contextFor({ ...DEFAULT_SETTINGS, priorityThreshold: 3 });
    assert.deepEqual(analyzeRequirement(text, lenient).problems, []);
  });

  it('declined without a decline_reason is an error on the strategy', () => {
    const p = only('declined-no-reason.md');
    assert.deepEqual(summary(fixture('declined-no-reason.md'), p), { code: 'decline-reason-missing', severity: 'error', at: '6:11-6:19' });
    assert.deepEqual(p.fixes, ['add-decline-reason']);
    assert.deepEqual(analyze(record({ strategy: 'declined', decline_reason: 'Needs a hardware change.' })).problems, []);
    // Same place: the error sorts before the alias hint.
    assert.deepEqual(
      analyze(record({ strategy: '无法满足', decline_reason: '  ' })).problems.map((x) => x.code),
      ['decline-reason-missing', 'enum-alias'],
    );
  });

  it('a verified record whose degree met is declined, without a decline_reason: a warning on the degree', () => {
    const text = fixture('outcome-declined-no-reason.md');
    assert.deepEqual(
      analyze(text).problems.map((p) => [summary(text, p), p.fixes]),
      [
        [{ code: 'outcome-declined-no-reason', severity: 'warning', at: '10:11-10:19' }, ['add-decline-reason']],
        [{ code: 'placeholder', severity: 'warning', at: '11:13-11:17' }, []],
      ],
    );
  });

  // A fixture's problems on their ranges, and the English message of one of them.
  for (const c of [
    {
      title: 'dates that do not exist are errors on the value',
      fixture: 'dates-invalid.md',
      problems: [
        { code: 'date-invalid', severity: 'error', at: '6:12-6:22' },
        { code: 'date-invalid', severity: 'error', at: '8:10-8:20' },
        { code: 'date-invalid', severity: 'error', at: '9:17-9:25' },
      ],
      message: { code: 'date-invalid', of: 2, text: '"milestones.planned_done" is not a real date in YYYY-MM-DD form: "tomorrow".' },
    },
    {
      title: 'inverted milestones: start after planned_done is an error, planned_done after feedback_due a warning',
      fixture: 'milestones-inverted.md',
      problems: [
        { code: 'date-order', severity: 'error', at: '8:17-8:27' },
        { code: 'date-order', severity: 'warning', at: '9:17-9:27' },
      ],
      message: { code: 'date-order', of: 0, text: 'milestones.start (2026-05-10) is after milestones.planned_done (2026-05-01).' },
    },
  ] as const) {
    it(c.title, () => {
      const a = analyze(fixture(c.fixture));
      assert.deepEqual(summaries(a), c.problems);
      assert.equal(formatMessage(c.message.code, a.problems[c.message.of]!.args, 'en'), c.message.text);
    });
  }

  it('a task with neither start nor depends is an error on its id', () => {
    const p = only('task-no-schedule.md');
    assert.deepEqual(summary(fixture('task-no-schedule.md'), p), { code: 'task-no-schedule', severity: 'error', at: '7:9-7:11' });
    assert.deepEqual(p.args, ['T1']);
  });

  it('an unknown dependency is an error on that list item with a removal fix', () => {
    const p = only('task-unknown-dependency.md');
    assert.deepEqual(summary(fixture('task-unknown-dependency.md'), p), {
      code: 'task-unknown-dependency',
      severity: 'error',
      at: '13:19-13:21',
    });
    assert.deepEqual([p.path, p.fixes, p.data], [['tasks', 1, 'depends', 1], ['remove-dependency'], { task: 'T2', dependency: 'T9' }]);
  });

  it('a single-value depends is located on the value', () => {
    const text = record({ tasks: '\n  - id: T1\n    title: Build\n    depends: T7' });
    const a = analyze(text);
    assert.deepEqual(
      a.problems.map((p) => [p.code, at(text, p.range), p.path]),
      [['task-unknown-dependency', '9:14-9:16', ['tasks', 0, 'depends']]],
    );
  });

  it('a dependency cycle names the loop', () => {
    const p = only('task-cycle.md');
    assert.deepEqual(summary(fixture('task-cycle.md'), p), { code: 'task-dependency-cycle', severity: 'error', at: '9:5-9:12' });
    assert.equal(formatMessage(p.code, p.args, 'en'), 'Dependency cycle: T1 → T2 → T1.');
  });

  it('a duplicate task id is an error on the second one', () => {
    const p = only('task-duplicate-id.md');
    assert.deepEqual(summary(fixture('task-duplicate-id.md'), p), { code: 'task-duplicate-id', severity: 'error', at: '11:9-11:11' });
    assert.deepEqual(p.path, ['tasks', 1, 'id']);
  });

  it('merged IDs: one that is not an ID, and the record’s own, each an error on its entry', () => {
    const problems = problemsOf('merged-ids-bad.md');
    assert.deepEqual(problems, [
      { code: 'merged-id-malformed', severity: 'error', at: '8:5-8:13' },
      { code: 'merged-id-self', severity: 'error', at: '9:5-9:17' },
    ]);
  });

  it('a malformed ID names the format and the prefixes', () => {
    const p = only('id-malformed.md');
    assert.deepEqual(summary(fixture('id-malformed.md'), p), { code: 'id-malformed', severity: 'error', at: '2:5-2:13' });
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'ID "REQ-24-1" does not follow the format {prefix}-{year}-{seq:3} with a prefix of REQ / 需求.',
    );
    assert.equal(formatMessage(p.code, p.args, 'zh-cn'), '编号 "REQ-24-1" 不符合格式 {prefix}-{year}-{seq:3}（前缀：REQ / 需求）。');
  });

  it('the ID range is found on both paths, quoted or not', () => {
    for (const id of ['REQ-2026-001', '"REQ-2026-001"', "'REQ-2026-001'"]) {
      const text = record({ id });
      for (const careful of [false, true]) {
        const a = analyze(text, careful);
        assert.ok(a.idRange, id);
        assert.equal(a.split.text.slice(a.idRange.start, a.idRange.end), id);
      }
    }
  });
});

describe('validate: body rules', () => {
  it('vague wording in the title is marked on the phrase', () => {
    const text = fixture('vague-title.md');
    for (const careful of [false, true]) {
      const a = analyze(text, careful);
      assert.deepEqual(
        a.problems.map((p) => summary(text, p)),
        [{ code: 'vague-wording', severity: 'warning', at: '3:8-3:14' }],
      );
      assert.deepEqual(a.problems[0]!.args, ['希望能更方便']);
    }
  });

  it('vague wording in essential sections is marked, Chinese anywhere, English on word boundaries', () => {
    const a = analyze(fixture('vague-section.md'));
    assert.deepEqual(
      a.problems.map((p) => ({ ...summary(a.split.text, p), args: p.args })),
      [
        { code: 'vague-wording', severity: 'warning', at: '10:6-10:12', args: ['希望能更方便'] },
        { code: 'vague-wording', severity: 'warning', at: '13:17-13:30', args: ['user-friendly'] },
      ],
    );
    const body = '# T\n\n## Description\nShows the teasier layout.\n\n## Background\nb\n\n## Scenario\nc\n\n## Goal\nd\n';
    assert.deepEqual(analyze(record({}, body)).problems, []);
  });

  it('the ID line is found as the regular expression of the first version found it (without its backtracking)', () => {
    const ID_LINE = /^id[ \t]*:[ \t]*(?:(["'])(.*?)\1|([^#\r\n]*?))[ \t]*(?:#.*)?$/m;
    const reference = (split: ReturnType<typeof splitFile>) => {
      const fm = split.frontMatter!;
      const m = ID_LINE.exec(fm.yaml);
      if (!m) return undefined;
      const value = m[2] ?? m[3] ?? '';
      const at = m.index + m[0].indexOf(m[1] ? `${m[1]}${value}` : value);
      return { start: fm.yamlStart + at, end: fm.yamlStart + at + value.length + (m[1] ? 2 : 0) };
    };
    const piece = fc.constantFrom(
      'id',
      'id:',
      ' ',
      '\t',
      ':',
      '"',
      "'",
      '#',
      'a',
      'REQ-2026-001',
      '\n',
      '\r\n',
      '\r',
      '\u2028',
      'x: 1',
      'i',
      'd',
      ' # c',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const split = splitFile(`---\n${parts.join('')}\n---\n# T\n`);
        assert.deepEqual(findIdRange(split), reference(split), JSON.stringify(parts));
      }),
      { numRuns: 5000 },
    );
  });

  it('a section with 200,000 vague phrases gets all 200,000 problems, on both paths (more than a call takes as arguments)', () => {
    const body = `# T\n\n## Description\na\n\n## Background\nb\n\n## Scenario\nc\n\n## Goal\n${'asap '.repeat(200_000)}\n`;
    for (const careful of [false, true]) {
      const problems = analyze(record({}, body), careful).problems;
      assert.equal(problems.length, 200_000);
      assert.ok(problems.every((p) => p.code === 'vague-wording' && p.args[0] === 'asap'));
    }
  });

  it('vague wording outside the essentials is not flagged', () => {
    const body = `${'# T\n\n## Description\na\n\n## Background\nb\n\n## Scenario\nc\n\n## Goal\nd\n'}\n## Notes\n希望能更方便\n`;
    assert.deepEqual(analyze(record({}, body)).problems, []);
  });

  it('missing essentials are warnings on the title heading; empty and comment-only ones on their heading (information while new)', () => {
    const a = analyze(fixture('essentials-missing-empty.md'));
    assert.deepEqual(
      a.problems.map((p) => ({ ...summary(a.split.text, p), args: p.args })),
      [
        { code: 'essential-missing', severity: 'warning', at: '7:1-7:31', args: ['@essential:scenario'] },
        { code: 'essential-missing', severity: 'warning', at: '7:1-7:31', args: ['@essential:goal'] },
        { code: 'essential-empty', severity: 'info', at: '9:1-9:15', args: ['@essential:description'] },
        { code: 'essential-empty', severity: 'info', at: '11:1-11:14', args: ['@essential:background'] },
      ],
    );
    const analysed = analyze(fixture('essentials-missing-empty.md').replace('status: new', 'status: 进行中'));
    assert.deepEqual(
      analysed.problems.filter((p) => p.code === 'essential-empty').map((p) => p.severity),
      ['warning', 'warning'],
      'past new, an empty essential is a warning',
    );
    assert.deepEqual(['new', '新建', 'planned', undefined, 7].map(emptyEssentialSeverity), [
      'info',
      'info',
      'warning',
      'warning',
      'warning',
    ]);
    assert.equal(formatMessage('essential-empty', a.problems[2]!.args, 'en'), 'The section Description (需求描述) is empty.');
    assert.equal(formatMessage('essential-empty', a.problems[3]!.args, 'zh-cn'), '要素 客户背景 内容为空。');
  });

  it('an empty vague-word list turns the check off', () => {
    const quiet = contextFor({ ...DEFAULT_SETTINGS, vagueWords: [] });
    assert.deepEqual(analyzeRequirement(fixture('vague-section.md'), quiet).problems, []);
  });
});

describe('validate: every fixture', () => {
  const names = fixtureNames();
  const variants: Array<[string, (t: string) => string]> = [
    ['LF', (t) => t],
    ['CRLF', crlf],
    ['BOM', bom],
    ['BOM+CRLF', (t) => bom(crlf(t))],
  ];

  it('the fast path and the careful path give identical problems and data', () => {
    for (const name of names) {
      for (const [variant, make] of variants) {
        const text = make(fixture(name));
        const fast = analyze(text, false);
        const careful = analyze(text, true);
        assert.deepEqual(fast.problems, careful.problems, `${name} ${variant}`);
        assert.deepEqual(fast.data, careful.data, `${name} ${variant}`);
        assert.deepEqual(fast.idRange, careful.idRange, `${name} ${variant}`);
      }
    }
  });

  it('CRLF and BOM versions give the same problems at the same line:column as LF', () => {
    // A range that ends on a line break (a YAML error at the end of the block) ends on the next
    // line with LF and before it with CRLF: only its start is compared.
    const place = (text: string, p: Problem, multiLine: boolean) => {
      const a = at(text, p.range);
      return multiLine ? a.split('-')[0] : a;
    };
    for (const name of names) {
      const lf = analyze(fixture(name));
      const multi = lf.problems.map((p) => {
        const [s, e] = at(lf.split.text, p.range).split('-');
        return s!.split(':')[0] !== e!.split(':')[0];
      });
      const expected = lf.problems.map((p, i) => ({
        code: p.code,
        severity: p.severity,
        at: place(lf.split.text, p, multi[i]!),
        args: p.args,
        data: p.data,
      }));
      for (const [variant, make] of variants.slice(1)) {
        const a = analyze(make(fixture(name)));
        assert.equal(a.split.bom, variant.startsWith('BOM'), `${name} ${variant}`);
        assert.deepEqual(
          a.problems.map((p, i) => ({
            code: p.code,
            severity: p.severity,
            at: place(a.split.text, p, multi[i] ?? false),
            args: p.args,
            data: p.data,
          })),
          expected,
          `${name} ${variant}`,
        );
        assert.deepEqual(a.data, lf.data, `${name} ${variant}`);
      }
    }
  });

  it('problems come sorted, with ranges inside the text', () => {
    for (const name of names) {
      const a: RequirementAnalysis = analyze(fixture(name));
      const sorted = [...a.problems].sort(compareProblems);
      assert.deepEqual(a.problems, sorted, name);
      for (const p of a.problems) {
        assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= a.split.text.length + 1, `${name} ${p.code}`);
      }
    }
  });

  it('every message renders in English and Chinese with no placeholder or marker left', () => {
    let seen = 0;
    for (const name of names) {
      for (const p of analyze(fixture(name)).problems) {
        for (const lang of ['en', 'zh-cn'] as const) {
          const message = formatMessage(p.code, p.args, lang);
          assert.doesNotMatch(message, /\{\d+\}|@word:|@essential:|@didyoumean:/, `${name} ${p.code} ${lang}: ${message}`);
          assert.ok(message.length > 0);
        }
        assert.match(formatMessage(p.code, p.args, 'zh-cn'), /[\u4e00-\u9fff]/, `${name} ${p.code}`);
        seen++;
      }
    }
    assert.ok(seen > 30, `only ${seen} problems across the fixtures`);
  });

  it('the fixtures exercise most problem codes that one file can show', () => {
    const codes = new Set(names.flatMap((n) => analyze(fixture(n)).problems.map((p) => p.code)));
    // file-* come from the byte checks of the index, id-duplicate, related-unknown-id and the
    // merged IDs another record holds (mergedIds.test.ts) from cross-file rules, and
    // id-duplicate-on-branch from other branches (branchIds.test.ts), and the
    // rules of today's date (late tasks, the 24-hour feedback rule, overdue promises) from timely.ts
    // (timely.test.ts, closingLoop.test.ts).
    const fileLevel = [
      'file-too-large',
      'file-binary',
      'file-encoding',
      'file-unreadable',
      'id-duplicate',
      'id-duplicate-on-branch',
      'related-unknown-id',
      'merged-id-live',
      'merged-id-twice',
      'task-late',
      'feedback-adjustment-due',
      'feedback-no-adjustment',
      'feedback-overdue',
      'delivery-overdue',
      // Customers overdue for contact depend on other records and on today (contactCadence.test.ts);
      // the demand hint on a setting that is off by default (demand.test.ts).
      'customer-contact-overdue',
      'importance-raised-by-demand',
      // A problem of the team schema file, not of a record: `reqdesk validate --format json/sarif`
      // reports it (cli-team-schema.test.ts).
      'team-schema-error',
    ];
    const missing = Object.keys(PROBLEM_MESSAGES).filter((c) => !codes.has(c as never) && !fileLevel.includes(c));
    assert.deepEqual(missing, []);
  });
});

describe('validate: lenient data keeps what is valid', () => {
  it('a dropped task item does not shift the tasks after it', () => {
    const text = [
      '---',
      'id: REQ-2026-001',
      'title: Scan pallets',
      'type: functional',
      'status: planned',
      'tasks:',
      '  - id: T0',
      '    start: 2026-03-02',
      '  - id: T1',
      '    title: Bad date',
      '    start: 2026-02-31',
      '  - id: T2',
      '    title: Good',
      '    start: 2026-03-03',
      '---',
      '# Scan pallets',
      '',
    ].join('\n');
    const a = analyzeRequirement(text, CTX);
    // T0 has no title and is dropped whole; T1 loses its impossible start; T2 keeps everything.
    assert.deepEqual(
      a.data.tasks?.map((t) => [t.id, t.start]),
      [
        ['T1', undefined],
        ['T2', '2026-03-03'],
      ],
    );
  });
});
