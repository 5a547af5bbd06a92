// The team schema (.reqdesk/schema.yaml): the parser's rules and its problems on exact ranges in
// both languages, and a team's records validated through it — renamed keys, IDs from file names
// and headings, the team's statuses and fields, checks turned off — on both parse paths.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CaseTally } from './caseTally';
import { localizeLater } from '../../src/core/l10n';
import { formatMessage } from '../../src/core/messages';
import { adaptRecord, parseTeamSchema, stageOf, teamChanges, teamJsonSchema, type TeamSchemaProblem } from '../../src/core/teamSchema';
import { requirementJsonSchema } from '../../src/core/schema';
import { analyzeRequirement, type ValidationContext } from '../../src/core/validate';
import { at, contextFor, CTX, ESSENTIALS_BODY, record, summary, rulesOf } from './support';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { timelyProblems } from '../../src/core/timely';

const TEKTON_SCHEMA = `id: { from: file-name, pattern: '^(\\d{4})-', template: 'TEP-{1}' }
rename: { creation-date: submitted }
statuses: { proposed: new, implementable: planned, implemented: delivered, withdrawn: declined, deferred: on-hold }
checks: { off: [essentials], optional: [type] }
`;

function problemsOf(text: string): TeamSchemaProblem[] {
  const result = parseTeamSchema(text);
  assert.equal(result.ok, false, 'the schema should have problems');
  return result.ok ? [] : result.problems;
}

/** Each problem as "line:col-line:col message", in a language. */
function shown(text: string, lang: 'en' | 'zh-cn' = 'en'): string[] {
  return problemsOf(text).map((p) => `${at(text, p.range)} ${localizeLater(lang, p.message)}`);
}

const TEP_CTX: ValidationContext = (() => {
  const settings = { ...DEFAULT_SETTINGS, idPrefixes: ['TEP'], idFormat: '{prefix}-{seq:4}' };
  return { ...contextFor(settings), team: rulesOf(TEKTON_SCHEMA) };
})();

/** Both parse paths, which must agree. */
function analyzeBoth(text: string, ctx: ValidationContext, file: string) {
  const fast = analyzeRequirement(text, ctx, { file });
  const careful = analyzeRequirement(text, ctx, { file, careful: true });
  assert.deepEqual(
    fast.problems.map((p) => summary(text, p)),
    careful.problems.map((p) => summary(text, p)),
  );
  assert.deepEqual(fast.data, careful.data);
  return fast;
}

const TEP = `---
status: implementable
title: Matrix
creation-date: '2021-10-13'
last-updated: '2022-06-30'
authors:
- '@jerop'
see-also:
- TEP-0023
---

# TEP-0090: Matrix

## Summary

Fan out a Task over parameters.
`;

describe('team schema: the file', () => {
  it('reads a few lines into rules: the ID from the file name, renamed keys, statuses mapped to stages, checks off', () => {
    const rules = rulesOf(TEKTON_SCHEMA);
    assert.equal(rules.id.from, 'file-name');
    assert.equal(rules.id.template, 'TEP-{1}');
    assert.deepEqual([...rules.rename], [['creation-date', 'submitted']]);
    assert.deepEqual(
      [...rules.statuses!].map(([name, s]) => `${name}→${s.stage}`),
      ['proposed→new', 'implementable→planned', 'implemented→delivered', 'withdrawn→declined', 'deferred→on-hold'],
    );
    assert.ok(rules.checksOff.has('essential-missing') && rules.checksOff.has('essential-empty'));
    assert.deepEqual([...rules.optional], ['type']);
  });

  it('reads fields (types, enum values with aliases and descriptions in both languages, required, labels) and long status entries', () => {
    const rules = rulesOf(`statuses:
  proposed: { stage: new, aliases: [提议], en: Proposed, zh-cn: 已提议 }
fields:
  area:
    type: enum
    required: true
    label: { en: Area, zh-cn: 领域 }
    values:
      pipeline: { aliases: [流水线], en: Pipelines, zh-cn: 流水线 }
      triggers: Event triggers
      cli:
  authors: { type: list }
`);
    assert.deepEqual(rules.statuses!.get('proposed'), { stage: 'new', aliases: ['提议'], en: 'Proposed', zh: '已提议' });
    assert.equal(rules.statusAliasTo.get('提议'), 'proposed');
    const area = rules.fields.get('area')!;
    assert.equal(area.type, 'enum');
    assert.equal(area.required, true);
    assert.deepEqual(area.label, { en: 'Area', zh: '领域' });
    assert.deepEqual([...area.values.keys()], ['pipeline', 'triggers', 'cli']);
    assert.equal(area.aliasTo.get('流水线'), 'pipeline');
    assert.deepEqual(area.values.get('triggers'), { aliases: [], en: 'Event triggers' });
    assert.equal(rules.fields.get('authors')!.type, 'list');
  });

  it('an empty file is the built-in schema with nothing changed', () => {
    const rules = rulesOf('');
    assert.equal(rules.id.from, 'key');
    assert.equal(rules.statuses, undefined);
    assert.equal(rules.fields.size, 0);
  });

  it('an unknown key is placed on the key, in English and Chinese', () => {
    const text = 'rename: { creation-date: submitted }\nstatus:\n  proposed: new\n';
    assert.deepEqual(shown(text), ['2:1-2:7 Unknown key "status" in the team schema.']);
    assert.deepEqual(shown(text, 'zh-cn'), ['2:1-2:7 团队模式中有未知的键“status”。']);
  });

  it('a status mapped to no ReqDesk stage is placed on the stage, naming the stages', () => {
    const text = 'statuses:\n  proposed: new\n  implemented: shipped\n';
    assert.deepEqual(shown(text), [
      '3:16-3:23 "statuses.implemented" must be a ReqDesk stage (new, analyzing, planned, in-progress, delivered, verified, closed, declined, on-hold) or a mapping with "stage".',
    ]);
    assert.match(shown(text, 'zh-cn')[0]!, /^3:16-3:23 “statuses\.implemented”必须是 ReqDesk 的阶段（new, analyzing/);
  });

  it('a field type that is not one of the five, and a required flag that is no boolean', () => {
    const text = 'fields:\n  area:\n    type: choice\n    required: yes\n';
    assert.deepEqual(shown(text), [
      '3:11-3:17 "fields.area.type" must be one of: string, number, date, list, enum.',
      '4:15-4:18 "fields.area.required" must be true or false.',
    ]);
    assert.deepEqual(shown(text, 'zh-cn'), [
      '3:11-3:17 “fields.area.type”必须是以下之一：string, number, date, list, enum。',
      '4:15-4:18 “fields.area.required”必须是 true 或 false。',
    ]);
  });

  it('a pattern that is no regular expression, and a template with a group the pattern lacks', () => {
    assert.deepEqual(shown("id: { from: file-name, pattern: '^(\\d{4}-' }\n"), [
      '1:33-1:43 The pattern is not a valid regular expression: Invalid regular expression: /^(\\d{4}-/u: Unterminated group',
    ]);
    assert.deepEqual(shown("id:\n  from: heading\n  pattern: '^(TEP)-(\\d+)'\n  template: '{1}-{3}'\n"), [
      '4:13-4:22 The template uses {3}, but the pattern has 2 groups.',
    ]);
    assert.deepEqual(shown("id:\n  from: heading\n  pattern: '^(TEP)-(\\d+)'\n  template: '{1}-{3}'\n", 'zh-cn'), [
      '4:13-4:22 模板使用了 {3}，但模式只有 2 个分组。',
    ]);
    assert.deepEqual(shown('id: { from: file-name }\n'), ['1:13-1:22 An ID read from "file-name" needs a "pattern".']);
  });

  it('renames to no built-in key, fields that take a built-in name, and unknown checks', () => {
    const text = 'rename:\n  creation-date: created\nfields:\n  owner: { type: string }\nchecks:\n  off: [essentials, no-such-check]\n';
    assert.deepEqual(shown(text), [
      '2:18-2:25 "created" is not a built-in key.',
      '4:3-4:8 "owner" is a built-in or renamed key: a team field needs a name of its own.',
      '6:21-6:34 "no-such-check" is neither a problem code nor a check group (essentials).',
    ]);
    assert.deepEqual(shown(text, 'zh-cn'), [
      '2:18-2:25 “created”不是内置键。',
      '4:3-4:8 “owner”是内置键或改名后的键：团队字段需要自己的名称。',
      '6:21-6:34 “no-such-check”既不是问题代码，也不是检查组（essentials）。',
    ]);
  });

  it('an enum without values, values on a non-enum, an alias that names another status', () => {
    const text =
      'fields:\n  area: { type: enum }\n  note: { type: string, values: { a: b } }\nstatuses:\n  open: new\n  done: { stage: closed, aliases: [open] }\n';
    assert.deepEqual(shown(text), [
      '6:36-6:40 "open" names another status already.',
      '2:17-2:21 An enum field needs "values".',
      '3:25-3:31 Only an enum field takes "values".',
    ]);
  });

  it('YAML syntax errors and custom tags are problems, never exceptions; a list is no schema', () => {
    assert.match(shown('statuses: [proposed\n')[0]!, /^\d+:\d+-\d+:\d+ YAML error in the team schema: /);
    assert.deepEqual(shown('statuses: !!js/function x\n'), [
      '1:25-1:26 The team schema uses YAML that is not read here: a custom tag, too many aliases or too deep nesting.',
    ]);
    assert.deepEqual(shown('- id\n'), ['1:1-1:5 "(schema)" must be a mapping.']);
  });
});

describe('team schema: records validated through it', () => {
  it('a Tekton proposal has no problems: ID from the file name, status mapped to its stage, creation-date read as submitted', () => {
    const a = analyzeBoth(TEP, TEP_CTX, 'teps/0090-matrix.md');
    assert.deepEqual(
      a.problems.map((p) => summary(TEP, p)),
      [],
    );
    assert.equal(a.data.id, 'TEP-0090');
    assert.equal(a.data.status, 'planned');
    assert.equal(a.teamStatus, 'implementable');
    assert.equal(a.data.submitted, '2021-10-13');
  });

  it('a misspelled status is an error on its value, with the team statuses and a suggestion, in both languages', () => {
    const text = TEP.replace('status: implementable', 'status: implemntable');
    const a = analyzeBoth(text, TEP_CTX, 'teps/0090-matrix.md');
    assert.deepEqual(
      a.problems.map((p) => summary(text, p)),
      [{ code: 'enum-unknown', severity: 'error', at: '2:9-2:21' }],
    );
    const p = a.problems[0]!;
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'Unknown value "implemntable" for "status". Expected one of: proposed, implementable, implemented, withdrawn, deferred. Did you mean "implementable"?',
    );
    assert.match(formatMessage(p.code, p.args, 'zh-cn'), /implemntable/);
    assert.deepEqual(p.data, { value: 'implementable' });
    assert.equal(a.data.status, undefined);
  });

  it('a status alias reads as the team’s status, with a hint', () => {
    const ctx = {
      ...TEP_CTX,
      team: rulesOf(TEKTON_SCHEMA.replace('implementable: planned', 'implementable: { stage: planned, aliases: [可实施] }')),
    };
    const text = TEP.replace('status: implementable', 'status: 可实施');
    const a = analyzeBoth(text, ctx, 'teps/0090-matrix.md');
    assert.equal(a.teamStatus, 'implementable');
    assert.equal(a.data.status, 'planned');
    assert.deepEqual(
      a.problems.map((p) => [p.code, at(text, p.range), formatMessage(p.code, p.args, 'en')]),
      [['enum-alias', '2:9-2:12', '"可实施" is an alias of "implementable".']],
    );
  });

  it('a built-in status is not one of the team’s', () => {
    const text = TEP.replace('status: implementable', 'status: planned');
    const a = analyzeBoth(text, TEP_CTX, 'teps/0090-matrix.md');
    assert.deepEqual(
      a.problems.map((p) => [p.code, at(text, p.range)]),
      [['enum-unknown', '2:9-2:16']],
    );
  });

  it('a problem of a renamed key is placed on the key the file has, and its path says that key', () => {
    const text = TEP.replace("creation-date: '2021-10-13'", "creation-date: '2021-13-45'");
    const a = analyzeBoth(text, TEP_CTX, 'teps/0090-matrix.md');
    assert.deepEqual(
      a.problems.map((p) => [p.code, at(text, p.range), p.path]),
      [['date-invalid', '4:16-4:28', ['creation-date']]],
    );
  });

  it('a file name the pattern does not match gives a missing ID; title and status stay required', () => {
    const text = TEP.replace('title: Matrix\n', '').replace('status: implementable\n', '');
    const a = analyzeBoth(text, TEP_CTX, 'teps/README.md');
    assert.deepEqual(a.problems.map((p) => formatMessage(p.code, p.args, 'en')).sort(), [
      'Missing required key "id".',
      'Missing required key "status".',
      'Missing required key "title".',
    ]);
  });

  it('an ID from the first heading', () => {
    const rules = rulesOf("id: { from: heading, pattern: '^(TEP-\\d{4})\\b' }\nchecks: { off: [essentials], optional: [type] }\n");
    const ctx = { ...TEP_CTX, team: rules };
    const text = TEP.replace('status: implementable', 'status: planned');
    const a = analyzeBoth(text, ctx, 'teps/anything.md');
    assert.equal(a.data.id, 'TEP-0090');
    assert.deepEqual(a.problems, []);
  });

  it('an ID from another key', () => {
    const rules = rulesOf('id: { from: key, key: tep }\nchecks: { off: [essentials], optional: [type] }\n');
    const ctx = { ...TEP_CTX, team: rules };
    const text = TEP.replace('status: implementable', 'tep: TEP-90\nstatus: planned');
    const a = analyzeBoth(text, ctx, 'teps/x.md');
    assert.equal(a.data.id, 'TEP-90');
    // The ID's problem is on the key the file has.
    assert.deepEqual(
      a.problems.map((p) => [p.code, at(text, p.range), p.path]),
      [['id-malformed', '2:6-2:12', ['tep']]],
    );
  });

  it('team fields: enum values and aliases, types, required; the team keys are no near misses', () => {
    const rules = rulesOf(`fields:
  area: { type: enum, required: true, values: { pipeline: { aliases: [流水线] }, triggers: } }
  last-updated: { type: date }
  authors: { type: list }
  reviewers: { type: list, required: true }
checks: { off: [essentials], optional: [type] }
`);
    const ctx = { ...contextFor(), team: rules };
    const good = record({ area: '流水线', 'last-updated': '2022-06-30', authors: '\n  - a', reviewers: '[b]' });
    const read = analyzeBoth(good, ctx, 'requirements/a.md');
    // An alias reads as its value, with the hint (and fix) that writes the value, as built-in aliases do.
    assert.deepEqual(
      read.problems.map((p) => [p.code, p.severity, at(good, p.range), p.fixes, p.data]),
      [['enum-alias', 'hint', '6:7-6:10', ['normalize-alias'], { value: 'pipeline' }]],
    );
    const data = read.data as Record<string, unknown>;
    assert.deepEqual([data.area, data['last-updated'], data.authors, data.reviewers], ['pipeline', '2022-06-30', ['a'], ['b']]);
    const bad = record({ area: 'trigers', 'last-updated': '2022-02-30', authors: 'a' });
    const a = analyzeBoth(bad, ctx, 'requirements/a.md');
    assert.deepEqual(
      a.problems.map((p) => [p.code, at(bad, p.range), formatMessage(p.code, p.args, 'en')]),
      [
        // Where a missing built-in key is placed too: the front-matter's first line.
        ['required-missing', '2:1-2:17', 'Missing required key "reviewers".'],
        ['enum-unknown', '6:7-6:14', 'Unknown value "trigers" for "area". Expected one of: pipeline, triggers. Did you mean "triggers"?'],
        ['date-invalid', '7:15-7:25', '"last-updated" is not a real date in YYYY-MM-DD form: "2022-02-30".'],
        ['type-mismatch', '8:10-8:11', '"authors" must be a list, not "a".'],
      ],
    );
  });

  it('checks turned off by code; optional built-in keys', () => {
    const rules = rulesOf('checks: { off: [vague-wording], optional: [type] }\n');
    const ctx = { ...contextFor(), team: rules };
    const text = record({ type: '', title: 'Make it user-friendly' });
    const a = analyzeBoth(text, ctx, 'requirements/a.md');
    assert.deepEqual(a.problems, []);
    // The same record under the built-in schema alone.
    assert.deepEqual(
      analyzeRequirement(text, CTX).problems.map((p) => p.code),
      ['required-missing', 'vague-wording'],
    );
  });

  it('a file without front-matter: the team’s checks still apply', () => {
    const ctx = { ...TEP_CTX };
    const text = '# TEP-0090: Matrix\n\nText.\n';
    assert.deepEqual(
      analyzeRequirement(text, ctx, { file: 'teps/0090-matrix.md' }).problems.map((p) => p.code),
      ['frontmatter-missing'],
    );
  });

  it('without a team schema, the analysis is the built-in one', () => {
    const text = record({}, ESSENTIALS_BODY);
    // The fast path's reading is handed on as closures: compared by what they give.
    const { parsed: withNull, ...nullTeam } = analyzeRequirement(text, { ...CTX, team: null }, { file: 'x.md' });
    const { parsed: builtIn, ...noTeam } = analyzeRequirement(text, CTX);
    assert.deepEqual(nullTeam, noTeam);
    assert.deepEqual(withNull?.value, builtIn?.value);
    assert.deepEqual(withNull?.positions(), builtIn?.positions());
  });
});

describe("team schema: what ReqDesk writes into a team's file", () => {
  const rules = rulesOf(TEKTON_SCHEMA.replace('implementable: planned', 'implementable: { stage: planned, aliases: [可实施] }'));

  it("a renamed key is written under the team's name; a stage as the team's first status of it", () => {
    assert.deepEqual(
      teamChanges(rules, [
        { path: ['submitted'], value: '2026-12-01' },
        { path: ['status'], value: 'planned' },
        { path: ['title'], value: 'Matrix' },
      ]),
      [
        { path: ['creation-date'], value: '2026-12-01' },
        { path: ['status'], value: 'implementable' },
        { path: ['title'], value: 'Matrix' },
      ],
    );
  });

  it("the team's own status and its aliases are written as they are; a stage no status maps to is left for validation to flag", () => {
    assert.deepEqual(
      ['implemented', '可实施', 'verified'].map((value) => teamChanges(rules, [{ path: ['status'], value }])[0]!.value),
      ['implemented', '可实施', 'verified'],
    );
    assert.deepEqual(
      ['implementable', '可实施', 'planned', 'withdrawn', 'nonsense'].map((v) => stageOf(rules, v)),
      ['planned', 'planned', 'planned', 'declined', undefined],
    );
  });

  it('without a team schema the changes are as given', () => {
    const changes = [
      { path: ['status'], value: 'planned' },
      { path: ['submitted'], value: '2026-12-01' },
    ];
    assert.deepEqual(teamChanges(null, changes), changes);
    assert.equal(stageOf(null, 'planned'), 'planned');
  });
});

describe('team schema: the JSON Schema', () => {
  it('renamed keys under the team’s names, the team’s statuses, its fields and only what it requires', () => {
    const rules = rulesOf(
      `${TEKTON_SCHEMA}fields:\n  authors: { type: list, required: true, description: { en: Who wrote it, zh-cn: 作者 } }\n`,
    );
    const schema = teamJsonSchema(rules, requirementJsonSchema()) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    assert.deepEqual(schema.required, ['title', 'status', 'authors']);
    assert.equal(schema.properties.id, undefined);
    assert.equal(schema.properties.submitted, undefined);
    assert.equal(schema.properties['creation-date']!.format, 'date');
    assert.deepEqual(schema.properties.status!.enum, ['proposed', 'implementable', 'implemented', 'withdrawn', 'deferred']);
    assert.deepEqual(schema.properties.authors, { type: 'array', description: 'Who wrote it', 'x-description-zh': '作者' });
    // The built-in schema is not changed by it.
    assert.deepEqual((requirementJsonSchema() as { required: string[] }).required, ['id', 'title', 'type', 'status']);
  });
});

/** CI replays one seed; elsewhere each run explores new cases and a failure prints its seed. */
function seedParams(): { seed?: number } {
  const seed = process.env.REQDESK_FUZZ_SEED ?? (process.env.CI ? '20261207' : undefined);
  return seed !== undefined ? { seed: Number(seed) } : {};
}

/** Lines a schema file is made of: good ones, wrong ones and plain noise, in any order. */
const SCHEMA_LINE = fc.oneof(
  fc.constantFrom(
    "id: { from: file-name, pattern: '^(\\d{4})-', template: 'TEP-{1}' }",
    "id: { from: heading, pattern: '(TEP-\\d+)' }",
    'id: { from: key, key: tep }',
    "id: { from: file-name, pattern: '^(' }",
    'id: { from: nowhere }',
    'rename: { creation-date: submitted, owner-name: owner }',
    'rename: { a: nothing }',
    'statuses: { proposed: new, implemented: delivered, withdrawn: declined }',
    'statuses: { x: { stage: closed, aliases: [y, x] } }',
    'statuses: [new]',
    'fields: { area: { type: enum, values: { a: , b: { aliases: [c] } } }, n: { type: number, required: true } }',
    'fields: { title: { type: string } }',
    'fields: { d: { type: date, values: { a: b } } }',
    'checks: { off: [essentials, vague-wording], optional: [type, id] }',
    'checks: { off: [nonsense], optional: [owner] }',
    '  nested: under nothing',
    '&a [*a, *a]',
    '!!binary AAAA',
    '# a comment',
    '',
  ),
  fc.string({ maxLength: 30 }),
);

const RAW_VALUE = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

describe('team schema: any text', () => {
  it('never throws: the rules, or problems inside the text; the rules never throw on any record', () => {
    const tally = new CaseTally('team schema');
    fc.assert(
      fc.property(
        fc.array(SCHEMA_LINE, { maxLength: 8 }),
        fc.dictionary(fc.constantFrom('id', 'status', 'title', 'creation-date', 'area', 'n', 'd', 'tep', 'x'), RAW_VALUE),
        fc.string({ maxLength: 20 }),
        (lines, raw, name) => {
          const text = lines.join('\n');
          const result = parseTeamSchema(text);
          if (!result.ok) {
            tally.count('problems');
            assert.ok(result.problems.length > 0);
            for (const p of result.problems) assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length);
            return;
          }
          tally.count('rules');
          const adapted = adaptRecord(result.rules, raw, { file: `teps/${name}.md`, heading: name });
          assert.ok(adapted.raw !== null && typeof adapted.raw === 'object');
        },
      ),
      { numRuns: 2_000, ...seedParams() },
    );
    tally.atLeast('problems', 0.2);
    tally.atLeast('rules', 0.1);
    tally.log('rules');
  });
});

describe("team schema: today's problems under the team's statuses", () => {
  const settings = { ...DEFAULT_SETTINGS, idPrefixes: ['TEP'], idFormat: '{prefix}-{seq:4}' };
  const calendar = { workdays: settings.workdays, holidays: settings.holidays, lowSatisfaction: settings.lowSatisfaction };
  const today = '2026-03-02';
  const team = rulesOf(TEKTON_SCHEMA);
  const withPromises = (status: string, flow = false) =>
    TEP.replace('status: implementable', `status: ${status}`).replace(
      'authors:',
      flow
        ? 'milestones: { planned_done: 2026-01-05, feedback_due: 2026-01-20 }\nauthors:'
        : 'milestones:\n  planned_done: 2026-01-05\n  feedback_due: 2026-01-20\nauthors:',
    );

  /** Today's problems as "code on the text", through the index (both of its ways of placing them) and through the text alone. */
  function todays(text: string): [string[], string[]] {
    const index = new RequirementIndex(settings, compileIdGrammar(settings.idPrefixes, settings.idFormat), () => today, team);
    const fromIndex = (index.updateText('teps/0090-matrix.md', text).timely?.problems ?? []).map(
      (p) => `${p.code} on ${text.slice(p.range.start, p.range.end)}`,
    );
    const fromText = timelyProblems(text, today, { ...calendar, team }).map(
      (p) => `${p.code} on ${text.slice(p.range.start, p.range.end)}`,
    );
    return [fromIndex, fromText];
  }

  it("a team status of a stage that owes delivery: the passed planned date is a problem, as a built-in status's is", () => {
    for (const flow of [false, true]) {
      const text = withPromises('implementable', flow);
      const [fromIndex, fromText] = todays(text);
      assert.equal(fromIndex.length, 1, `${fromIndex.join(' | ')} (flow: ${flow})`);
      assert.equal(fromIndex[0], 'delivery-overdue on 2026-01-05');
      assert.deepEqual(fromText, fromIndex);
    }
    // The same record under the built-in schema, with the stage written: the same finding.
    const builtIn = new RequirementIndex(settings, compileIdGrammar(settings.idPrefixes, settings.idFormat), () => today);
    const planned = withPromises('planned');
    assert.deepEqual(
      (builtIn.updateText('teps/0090-matrix.md', planned).timely?.problems ?? []).map((p) => p.code),
      ['delivery-overdue'],
    );
  });

  it('a delivered team status owes the feedback; a declined or on-hold one owes nothing; a stage name is no team status', () => {
    assert.deepEqual(
      todays(withPromises('implemented')).map((ps) => ps.map((p) => p.split(' ')[0])),
      [['feedback-overdue'], ['feedback-overdue']],
    );
    for (const status of ['withdrawn', 'deferred', 'planned'])
      assert.deepEqual(todays(withPromises(status)), [[], []], `${status} owes nothing`);
  });
});
