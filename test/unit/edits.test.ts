import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { applyTextEdits, editFields, type FieldChange, type FieldValue, type TextEdit } from '../../src/core/edits';
import { loadYamlCareful, nodeAtPath, splitFile } from '../../src/core/frontmatter';
import { localizeLater } from '../../src/core/l10n';
import { bom, crlf } from './support';

/** The edited text; fails the test when the edit is refused. */
function edit(text: string, ...changes: FieldChange[]): string {
  const r = editFields(text, changes);
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${localizeLater('en', r.text)}`);
  return applyTextEdits(text, r.edits);
}

function edits(text: string, ...changes: FieldChange[]): TextEdit[] {
  const r = editFields(text, changes);
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${localizeLater('en', r.text)}`);
  return r.edits;
}

function refusal(text: string, ...changes: FieldChange[]) {
  const r = editFields(text, changes);
  assert.ok(!r.ok, 'expected a refusal');
  return r;
}

const set = (path: (string | number)[], value: FieldValue): FieldChange => ({ path, value });
const remove = (...path: (string | number)[]): FieldChange => ({ path, value: undefined });
const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n# Body\n`;

/** The front-matter of a text as plain data (what every reader of the file gets). */
function data(text: string): unknown {
  const split = splitFile(text, true);
  const loaded = loadYamlCareful(split.frontMatter!.yaml);
  assert.deepEqual(loaded.issues, []);
  return loaded.value;
}

describe('edits: replacing a scalar', () => {
  const base = fm(
    'id: REQ-2024-001   # the id',
    'title: "Old title"',
    "type: 'functional'",
    'status: new',
    'scores:',
    '  importance: 5',
    '  urgency: 3 # a guess',
    'x-team: blue',
  );

  it('changes only the value bytes; the trailing comment stays', () => {
    assert.equal(edit(base, set(['scores', 'urgency'], 5)), base.replace('urgency: 3 # a guess', 'urgency: 5 # a guess'));
    assert.equal(edit(base, set(['id'], 'REQ-2024-009')), base.replace('REQ-2024-001   # the id', 'REQ-2024-009   # the id'));
    const [only] = edits(base, set(['scores', 'urgency'], 5));
    assert.deepEqual(only, { start: base.indexOf('3 # a guess'), end: base.indexOf('3 # a guess') + 1, newText: '5' });
  });

  it('keeps the quoting style: double stays double, single stays single (with YAML escaping)', () => {
    assert.equal(edit(base, set(['title'], 'Say "hi"')), base.replace('title: "Old title"', 'title: "Say \\"hi\\""'));
    assert.equal(edit(base, set(['type'], "it's")), base.replace("type: 'functional'", "type: 'it''s'"));
    assert.equal(edit(base, set(['title'], '实时监控')), base.replace('"Old title"', '"实时监控"'));
  });

  it('plain stays plain when safe, and is double-quoted when not', () => {
    assert.equal(edit(base, set(['status'], 'planned')), base.replace('status: new', 'status: planned'));
    assert.equal(edit(base, set(['status'], 'a: b')), base.replace('status: new', 'status: "a: b"'));
    assert.equal(edit(base, set(['status'], 'x #y')), base.replace('status: new', 'status: "x #y"'));
    assert.equal(edit(base, set(['status'], '- dash')), base.replace('status: new', 'status: "- dash"'));
    assert.equal(edit(base, set(['status'], '*star')), base.replace('status: new', 'status: "*star"'));
    assert.equal(edit(base, set(['status'], '&anchor')), base.replace('status: new', 'status: "&anchor"'));
    assert.equal(edit(base, set(['status'], '!tag')), base.replace('status: new', 'status: "!tag"'));
    assert.equal(edit(base, set(['status'], "it's")), base.replace('status: new', "status: it's"));
    assert.equal(edit(base, set(['status'], '中文：标题')), base.replace('status: new', 'status: 中文：标题'));
    assert.equal(edit(base, set(['status'], '')), base.replace('status: new', 'status: ""'));
  });

  it('text that looks like a number, a boolean or null stays text; a date stays a plain string', () => {
    for (const [value, written] of [
      ['2024', '"2024"'],
      ['true', '"true"'],
      ['null', '"null"'],
      ['~', '"~"'],
      ['0x1F', '"0x1F"'],
      ['1e3', '"1e3"'],
    ] as const) {
      const out = edit(base, set(['status'], value));
      assert.equal(out, base.replace('status: new', `status: ${written}`), value);
      assert.equal((data(out) as Record<string, unknown>).status, value);
    }
    // The core schema has no timestamps: a date-only value is a string when plain.
    const out = edit(base, set(['status'], '2024-03-15'));
    assert.equal(out, base.replace('status: new', 'status: 2024-03-15'));
    assert.equal((data(out) as Record<string, unknown>).status, '2024-03-15');
    assert.equal(edit(base, set(['title'], '2024')), base.replace('"Old title"', '"2024"'));
  });

  it('numbers, booleans and null are written plain, even where the old text was quoted', () => {
    assert.equal(edit(base, set(['title'], 3)), base.replace('"Old title"', '3'));
    assert.equal(edit(base, set(['type'], true)), base.replace("'functional'", 'true'));
    assert.equal(edit(base, set(['status'], null)), base.replace('status: new', 'status: null'));
    assert.equal(edit(base, set(['status'], 1.5)), base.replace('status: new', 'status: 1.5'));
  });

  it('a line break in a value is escaped in double quotes', () => {
    assert.equal(edit(base, set(['status'], 'one\ntwo')), base.replace('status: new', 'status: "one\\ntwo"'));
    assert.equal(edit(base, set(['type'], 'one\ntwo')), base.replace("type: 'functional'", 'type: "one\\ntwo"'));
  });

  it('an empty value (`key:`) gets the value after the colon; its comment stays', () => {
    const text = fm('id: X', 'decline_reason:', 'owner:   # later', 'title: T');
    assert.equal(
      edit(text, set(['decline_reason'], 'Too costly')),
      fm('id: X', 'decline_reason: Too costly', 'owner:   # later', 'title: T'),
    );
    assert.equal(edit(text, set(['owner'], '张三')), fm('id: X', 'decline_reason:', 'owner: 张三   # later', 'title: T'));
    assert.equal(edit(text, set(['owner'], ['a', 'b'])), fm('id: X', 'decline_reason:', 'owner: [a, b]   # later', 'title: T'));
  });

  it('a block scalar, an alias and a multi-line plain scalar are replaced whole', () => {
    assert.equal(
      edit(fm('lessons: |', '  line one', '  line two', 'id: X'), set(['lessons'], 'one line')),
      fm('lessons: one line', 'id: X'),
    );
    assert.equal(edit(fm('id: &a X', 'other: *a'), set(['other'], 'Y')), fm('id: &a X', 'other: Y'));
    assert.equal(edit(fm('title: first', '  second', 'id: X'), set(['title'], 'T')), fm('title: T', 'id: X'));
  });

  it('quoted keys are found and kept', () => {
    assert.equal(edit(fm('"id": X', "'title': Y"), set(['id'], 'Z'), set(['title'], 'W')), fm('"id": Z', "'title': W"));
  });

  it('a value that replaces a block collection moves onto the key line', () => {
    assert.equal(edit(fm('scores:', '  importance: 5', 'id: X'), set(['scores'], 3)), fm('scores: 3', 'id: X'));
  });
});

describe('edits: adding keys', () => {
  it('a missing key goes after the last entry of its map, nested content included', () => {
    const text = fm('id: X', 'customer:', '  name: ACME', '  tier: key');
    assert.equal(edit(text, set(['owner'], 'Li')), fm('id: X', 'customer:', '  name: ACME', '  tier: key', 'owner: Li'));
    assert.equal(edit(text, set(['customer', 'size'], 'large')), fm('id: X', 'customer:', '  name: ACME', '  tier: key', '  size: large'));
  });

  it('is placed before comments and blank lines that follow the last entry', () => {
    const text = fm('id: X', 'scores:', '  importance: 5  # high', '  # urgency pending', '', '# footer');
    assert.equal(
      edit(text, set(['scores', 'urgency'], 4)),
      fm('id: X', 'scores:', '  importance: 5  # high', '  urgency: 4', '  # urgency pending', '', '# footer'),
    );
  });

  it('several keys into one map keep the given order; a nested map’s lines come before its parent’s', () => {
    const text = fm('id: X', 'scores:', '  importance: 5');
    assert.equal(
      edit(text, set(['priority'], 'P1'), set(['scores', 'urgency'], 4), set(['owner'], 'Li'), set(['scores', 'feasibility'], 3)),
      fm('id: X', 'scores:', '  importance: 5', '  urgency: 4', '  feasibility: 3', 'priority: P1', 'owner: Li'),
    );
    // Two insertions at one offset arrive as one edit, so that no consumer can order them differently.
    assert.equal(edits(text, set(['priority'], 'P1'), set(['scores', 'urgency'], 4)).length, 1);
  });

  it('missing parents are created, with the nested indentation the file uses', () => {
    assert.equal(edit(fm('id: X'), set(['scores', 'urgency'], 5)), fm('id: X', 'scores:', '  urgency: 5'));
    assert.equal(
      edit(
        fm('id: X', 'customer:', '    name: ACME'),
        set(['scores', 'urgency'], 5),
        set(['scores', 'importance'], 4),
        set(['milestones', 'start'], '2024-03-18'),
      ),
      fm('id: X', 'customer:', '    name: ACME', 'scores:', '    urgency: 5', '    importance: 4', 'milestones:', '    start: 2024-03-18'),
    );
    assert.equal(edit(fm('id: X'), set(['a', 'b', 'c'], 1)), fm('id: X', 'a:', '  b:', '    c: 1'));
  });

  it('a key with an empty or null value becomes the parent', () => {
    assert.equal(edit(fm('customer:', 'id: X'), set(['customer', 'name'], 'ACME')), fm('customer:', '  name: ACME', 'id: X'));
    assert.equal(
      edit(fm('customer: ~  # later', 'id: X'), set(['customer', 'name'], 'ACME')),
      fm('customer:  # later', '  name: ACME', 'id: X'),
    );
    assert.equal(
      edit(fm('id: X', 'customer: null'), set(['customer', 'name'], 'ACME'), set(['customer', 'tier'], 'key')),
      fm('id: X', 'customer:', '  name: ACME', '  tier: key'),
    );
  });

  it('flow maps get `, key: value` before the closing brace', () => {
    assert.equal(
      edit(fm('scores: { importance: 5 }', 'id: X'), set(['scores', 'urgency'], 4)),
      fm('scores: { importance: 5, urgency: 4 }', 'id: X'),
    );
    assert.equal(
      edit(fm('scores: {importance: 5}'), set(['scores', 'urgency'], 4), set(['scores', 'value'], 2)),
      fm('scores: {importance: 5, urgency: 4, value: 2}'),
    );
    assert.equal(edit(fm('scores: {}'), set(['scores', 'urgency'], 4)), fm('scores: {urgency: 4}'));
    assert.equal(edit(fm('scores: { importance: 5 }'), set(['scores', 'note'], 'a, b')), fm('scores: { importance: 5, note: "a, b" }'));
  });

  it('keys of existing list items are set and added by index', () => {
    const text = fm('tasks:', '  - id: T1', '    title: UI', '  - id: T2', '    title: API', '    depends: [T1]', 'risks: []');
    assert.equal(
      edit(text, set(['tasks', 1, 'status'], 'done'), set(['tasks', 0, 'title'], 'UI design')),
      fm(
        'tasks:',
        '  - id: T1',
        '    title: UI design',
        '  - id: T2',
        '    title: API',
        '    depends: [T1]',
        '    status: done',
        'risks: []',
      ),
    );
  });

  it('an empty front-matter gets its first keys', () => {
    assert.equal(edit('---\n---\nbody', set(['id'], 'X')), '---\nid: X\n---\nbody');
    assert.equal(
      edit('---\n# only a comment\n---\n', set(['id'], 'X'), set(['title'], 'T')),
      '---\n# only a comment\nid: X\ntitle: T\n---\n',
    );
  });

  it('an unusual key is quoted by YAML’s rules', () => {
    assert.equal(edit(fm('id: X'), set(['a: b'], 1), set(['新字段'], '值')), fm('id: X', '"a: b": 1', '新字段: 值'));
  });
});

describe('edits: lists of strings', () => {
  it('a flow list is replaced by a flow list (spacing inside the brackets kept)', () => {
    assert.equal(edit(fm('related: [A, B]  # orders', 'id: X'), set(['related'], ['C', 'D'])), fm('related: [C, D]  # orders', 'id: X'));
    assert.equal(edit(fm('related: [ A, B ]'), set(['related'], ['C'])), fm('related: [ C ]'));
    assert.equal(edit(fm('related: [A]'), set(['related'], [])), fm('related: []'));
  });

  it('a block list is replaced by a block list at the same indentation', () => {
    assert.equal(
      edit(fm('risks:', '  - a', '  - b', 'id: X'), set(['risks'], ['c', 'd', 'e'])),
      fm('risks:', '  - c', '  - d', '  - e', 'id: X'),
    );
    assert.equal(edit(fm('risks:', '- a', 'id: X'), set(['risks'], ['c', 'd'])), fm('risks:', '- c', '- d', 'id: X'));
    assert.equal(edit(fm('risks:', '  - a', 'id: X'), set(['risks'], [])), fm('risks: []', 'id: X'));
  });

  it('items are quoted where their context needs it', () => {
    assert.equal(edit(fm('related: [A]'), set(['related'], ['x, y', '[z]', 'ok'])), fm('related: ["x, y", "[z]", ok]'));
    assert.equal(
      edit(fm('risks:', '  - a'), set(['risks'], ['- dash', 'x, y', 'a: b'])),
      fm('risks:', '  - "- dash"', '  - x, y', '  - "a: b"'),
    );
  });

  it('a new key gets a flow list; a single string becomes a list', () => {
    assert.equal(edit(fm('id: X'), set(['related'], ['ORDER-1', '订单-2'])), fm('id: X', 'related: [ORDER-1, 订单-2]'));
    assert.equal(
      edit(fm('tasks:', '  - id: T2', '    depends: T1'), set(['tasks', 0, 'depends'], ['T1', 'T0'])),
      fm('tasks:', '  - id: T2', '    depends: [T1, T0]'),
    );
  });

  it('a list item is set by index', () => {
    assert.equal(edit(fm('related: [A, B]'), set(['related', 1], 'C, D')), fm('related: [A, "C, D"]'));
    assert.equal(edit(fm('risks:', '  - a', '  - b'), set(['risks', 0], 'z')), fm('risks:', '  - z', '  - b'));
  });
});

describe('edits: removing keys', () => {
  it('removes the whole line(s) of the key, nested content included, and nothing else', () => {
    const text = fm('id: X', 'customer:', '  name: ACME', '  tier: key', '# kept comment', 'owner: Li  # gone with its line', 'title: T');
    assert.equal(edit(text, remove('customer')), fm('id: X', '# kept comment', 'owner: Li  # gone with its line', 'title: T'));
    assert.equal(edit(text, remove('owner')), fm('id: X', 'customer:', '  name: ACME', '  tier: key', '# kept comment', 'title: T'));
    assert.equal(
      edit(text, remove('customer', 'tier')),
      fm('id: X', 'customer:', '  name: ACME', '# kept comment', 'owner: Li  # gone with its line', 'title: T'),
    );
    assert.equal(
      edit(text, remove('title')),
      fm('id: X', 'customer:', '  name: ACME', '  tier: key', '# kept comment', 'owner: Li  # gone with its line'),
    );
  });

  it('removing the last keys of a nested map leaves it empty ({}), not null', () => {
    assert.equal(edit(fm('scores:', '  urgency: 3  # guess', 'id: X'), remove('scores', 'urgency')), fm('scores: {}', 'id: X'));
    assert.equal(edit(fm('scores:', '  a: 1', '  b: 2', 'id: X'), remove('scores', 'a'), remove('scores', 'b')), fm('scores: {}', 'id: X'));
  });

  it('flow map entries go with their comma', () => {
    const text = fm('scores: { importance: 5, urgency: 4, value: 1 }');
    assert.equal(edit(text, remove('scores', 'urgency')), fm('scores: { importance: 5, value: 1 }'));
    assert.equal(edit(text, remove('scores', 'importance')), fm('scores: { urgency: 4, value: 1 }'));
    assert.equal(edit(text, remove('scores', 'value')), fm('scores: { importance: 5, urgency: 4 }'));
    assert.equal(edit(text, remove('scores', 'importance'), remove('scores', 'urgency')), fm('scores: { value: 1 }'));
    assert.equal(
      edit(text, remove('scores', 'value'), set(['scores', 'effort'], 2)),
      fm('scores: { importance: 5, urgency: 4, effort: 2 }'),
    );
  });

  it('the first key of a list item: the dash stays and the next key moves up', () => {
    const text = fm('tasks:', '  - id: T1', '    title: UI', '  - id: T2');
    assert.equal(edit(text, remove('tasks', 0, 'id')), fm('tasks:', '  - title: UI', '  - id: T2'));
    assert.equal(edit(text, remove('tasks', 0, 'title')), fm('tasks:', '  - id: T1', '  - id: T2'));
    assert.equal(edit(text, remove('tasks', 1, 'id')), fm('tasks:', '  - id: T1', '    title: UI', '  - {}'));
    // Every key replaced: the first new key takes the dash's line.
    assert.equal(
      edit(text, remove('tasks', 0, 'id'), remove('tasks', 0, 'title'), set(['tasks', 0, 'owner'], 'Li'), set(['tasks', 0, 'days'], 2)),
      fm('tasks:', '  - owner: Li', '    days: 2', '  - id: T2'),
    );
  });

  it('removing a missing key is no edit at all', () => {
    assert.deepEqual(edits(fm('id: X'), remove('owner')), []);
    assert.deepEqual(edits(fm('id: X'), remove('scores', 'urgency')), []);
  });

  it('a removal and an insertion at the same place make one edit', () => {
    const text = fm('id: X', 'owner: Li');
    assert.equal(edit(text, remove('owner'), set(['title'], 'T')), fm('id: X', 'title: T'));
    assert.equal(edits(text, remove('owner'), set(['title'], 'T')).length, 1);
  });
});

describe('edits: line endings and the BOM', () => {
  it('CRLF files get CRLF lines, and removals take the CRLF', () => {
    const text = crlf(fm('id: X', 'scores:', '  importance: 5', 'owner: Li'));
    assert.equal(
      edit(text, set(['scores', 'urgency'], 4), set(['title'], 'T')),
      crlf(fm('id: X', 'scores:', '  importance: 5', '  urgency: 4', 'owner: Li', 'title: T')),
    );
    assert.equal(edit(text, remove('owner')), crlf(fm('id: X', 'scores:', '  importance: 5')));
    assert.equal(
      edit(text, set(['milestones', 'start'], '2024-01-02')),
      crlf(fm('id: X', 'scores:', '  importance: 5', 'owner: Li', 'milestones:', '  start: 2024-01-02')),
    );
    assert.equal(edit(crlf(fm('risks:', '  - a')), set(['risks'], ['b', 'c'])), crlf(fm('risks:', '  - b', '  - c')));
  });

  it('with a BOM, offsets are into the text without it and the BOM is kept', () => {
    const plain = fm('id: X', 'status: new');
    const withBom = bom(plain);
    assert.deepEqual(edits(withBom, set(['status'], 'planned')), edits(plain, set(['status'], 'planned')));
    const e = edits(withBom, set(['status'], 'planned'))[0]!;
    assert.equal(plain.slice(e.start, e.end), 'new');
    assert.equal(applyTextEdits(withBom, [e]), bom(fm('id: X', 'status: planned')));
    assert.equal(edit(bom(crlf(plain)), set(['owner'], 'Li')), bom(crlf(fm('id: X', 'status: new', 'owner: Li'))));
  });
});

describe('edits: refusals', () => {
  it('no front-matter, unclosed, or not YAML', () => {
    assert.equal(refusal('# Just a body\n', set(['id'], 'X')).code, 'no-front-matter');
    assert.equal(refusal('---\nid: X\n', set(['id'], 'Y')).code, 'no-front-matter');
    const js = refusal('---js\nmodule.exports = {}\n---\n', set(['id'], 'Y'));
    assert.equal(js.code, 'no-front-matter');
    assert.match(localizeLater('en', js.text), /"js", not YAML/);
  });

  it('YAML errors, custom tags and alias bombs, with the line in both languages', () => {
    const r = refusal(fm('id: X', 'title: a: b', 'status: new'), set(['status'], 'planned'));
    assert.equal(r.code, 'yaml-errors');
    assert.equal(
      localizeLater('en', r.text),
      'the front-matter has YAML errors (line 3: Nested mappings are not allowed in compact mappings); fix them before editing',
    );
    assert.match(localizeLater('zh-cn', r.text), /^front-matter 存在 YAML 错误（第 3 行：.+），请先修正再编辑$/);
    const tag = refusal(fm('id: X', 'run: !!js/function "x"'), set(['id'], 'Y'));
    assert.equal(tag.code, 'yaml-errors');
    assert.match(localizeLater('en', tag.text), /line 3: custom tag !!js\/function is not allowed/);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ];
    assert.equal(refusal(fm(...bomb), set(['id'], 'Y')).code, 'yaml-errors');
    assert.equal(refusal(fm('id: X', 'id: Y'), set(['title'], 'T')).code, 'yaml-errors');
  });

  it('a front-matter that is not a mapping', () => {
    const r = refusal(fm('- a', '- b'), set(['id'], 'X'));
    assert.equal(r.code, 'not-a-mapping');
    assert.match(localizeLater('en', r.text), /is a list, not a mapping/);
    assert.equal(refusal(fm('just text'), set(['id'], 'X')).code, 'not-a-mapping');
  });

  it('paths through scalars, past the end of a list, or changed twice', () => {
    const text = fm('title: T', 'tasks:', '  - id: T1', 'related: [A]');
    const through = refusal(text, set(['title', 'sub'], 1));
    assert.equal(through.code, 'path-conflict');
    assert.equal(localizeLater('en', through.text), 'title.sub: title is not a mapping (it holds "T")');
    const past = refusal(text, set(['tasks', 1, 'status'], 'done'));
    assert.equal(localizeLater('en', past.text), 'tasks[1].status: tasks has 1 items; adding list items is not supported');
    assert.equal(localizeLater('zh-cn', past.text), 'tasks[1].status：tasks 只有 1 项，不支持新增列表项');
    assert.match(
      localizeLater('en', refusal(text, set(['tasks', 'status'], 'done')).text),
      /tasks is a list; give an item index such as tasks\[0\]/,
    );
    assert.match(localizeLater('en', refusal(text, set(['milestones', 0], 'x')).text), /adding list items is not supported/);
    assert.match(localizeLater('en', refusal(text, remove('related', 0)).text), /removing list items is not supported/);
    assert.equal(localizeLater('en', refusal(text, set(['title'], 'A'), set(['title'], 'B')).text), 'title is changed twice in one edit');
    assert.equal(
      localizeLater('en', refusal(text, set(['scores'], 3), set(['scores', 'urgency'], 3)).text),
      'scores and scores.urgency are both changed in one edit',
    );
    assert.equal(refusal(text, { path: [], value: 1 }).code, 'path-conflict');
    assert.equal(refusal(text, { path: ['a', -1], value: 1 }).code, 'path-conflict');
  });

  it('of several overlapping changes, the first pair in order is named, as a pairwise check would name it', () => {
    // The reference: every pair (i, j), i first, where i's path is a prefix of j's (segments as
    // text) and either i comes first or the paths differ in length.
    const isPrefix = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
      a.length <= b.length && a.every((x, k) => String(x) === String(b[k]));
    const label = (p: readonly (string | number)[]) => p.map((x, k) => (typeof x === 'number' ? `[${x}]` : k === 0 ? x : `.${x}`)).join('');
    const expected = (paths: Array<Array<string | number>>): string | undefined => {
      for (let i = 0; i < paths.length; i++) {
        for (let j = 0; j < paths.length; j++) {
          if (i !== j && isPrefix(paths[i]!, paths[j]!) && (i < j || paths[i]!.length !== paths[j]!.length)) {
            const a = label(paths[i]!);
            const b = label(paths[j]!);
            return a === b ? `${a} is changed twice in one edit` : `${a} and ${b} are both changed in one edit`;
          }
        }
      }
      return undefined;
    };
    const text = fm('title: T');
    const segment = fc.oneof(fc.constantFrom('a', 'b', 'c', '0'), fc.constantFrom(0, 1));
    const path = fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.array(segment, { maxLength: 2 })).map(([head, rest]) => [head, ...rest]);
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 8 }), (paths) => {
        const want = expected(paths);
        const r = editFields(
          text,
          paths.map((p) => set(p, 1)),
        );
        if (want === undefined) assert.ok(r.ok || !/changed (twice|in one edit)/.test(localizeLater('en', r.text)), JSON.stringify(paths));
        else assert.equal(r.ok ? undefined : localizeLater('en', r.text), want, JSON.stringify(paths));
      }),
      { numRuns: 2000 },
    );
  });

  it('values YAML cannot hold', () => {
    for (const value of [NaN, Infinity, { a: 1 }, () => 1, [1, 2], Symbol('x'), 10n] as unknown[]) {
      const r = refusal(fm('id: X'), { path: ['title'], value: value as FieldValue });
      assert.equal(r.code, 'unsupported-value', String(value));
      assert.match(localizeLater('en', r.text), /^title: .+ cannot be written to YAML/);
    }
  });

  it('an edit whose result would not read back as intended is refused, not returned', () => {
    // Replacing the anchored value would change the alias that copies it.
    const r = refusal(fm('id: &a X', 'other: *a'), set(['id'], 'Y'));
    assert.equal(r.code, 'path-conflict');
    assert.match(localizeLater('en', r.text), /could not be made safely/);
  });
});

describe('edits: applyTextEdits', () => {
  it('applies edits given in any order', () => {
    const list: TextEdit[] = [
      { start: 4, end: 5, newText: 'E' },
      { start: 0, end: 1, newText: 'A' },
      { start: 2, end: 2, newText: '+' },
    ];
    assert.equal(applyTextEdits('abcdef', list), 'Ab+cdEf');
    assert.equal(applyTextEdits('\uFEFFabcdef', list), '\uFEFFAb+cdEf');
  });

  it('rejects overlapping edits', () => {
    assert.throws(
      () =>
        applyTextEdits('abcdef', [
          { start: 0, end: 3, newText: '' },
          { start: 2, end: 4, newText: '' },
        ]),
      RangeError,
    );
  });
});

// ── properties ─────────────────────────────────────────────────────────────────────────────

const SPECIAL = [
  '2024',
  'true',
  'null',
  '~',
  '- a',
  '* b',
  '& c',
  '! d',
  'a: b',
  'x #y',
  "it's",
  'say "hi"',
  '2024-03-15',
  '',
  ' lead',
  'trail ',
  '0x1F',
  '1e3',
  '[x]',
  '{y}',
  'a, b',
  '%p',
  '@q',
  '`r',
  '? s',
  '|',
  '>',
  '---',
  '...',
];
const chars = [...'abcXYZ019 -_:#\'"*&!%@`,[]{}|>?~.中文需求客户：，。'.split(''), '\n', '\t'];
const textArb = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 }),
);
const dateArb = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const scalarArb: fc.Arbitrary<string | number | boolean | null> = fc.oneof(
  textArb,
  fc.integer({ min: -5, max: 2000 }),
  fc.boolean(),
  fc.constant(null),
  dateArb,
);
const listArb = fc.array(textArb, { maxLength: 3 });
const valueArb: fc.Arbitrary<FieldValue> = fc.oneof(scalarArb, listArb);
const styleArb = fc.constantFrom('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'>;

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

/** How one value is written in the generated file: styles, comments, flow or block lists. */
interface Look {
  style: 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE';
  nullAs: '' | 'null' | '~';
  comment: boolean;
  blockList: boolean;
  listIndent: 0 | 2;
}
const lookArb: fc.Arbitrary<Look> = fc.record({
  style: styleArb,
  nullAs: fc.constantFrom('', 'null', '~') as fc.Arbitrary<'' | 'null' | '~'>,
  comment: fc.boolean(),
  blockList: fc.boolean(),
  listIndent: fc.constantFrom(0, 2) as fc.Arbitrary<0 | 2>,
});

function scalarText(v: string | number | boolean | null, look: Look, inFlow: boolean): string {
  if (v === null) return inFlow ? 'null' : look.nullAs;
  if (typeof v !== 'string') return String(v);
  const style = /\n/.test(v) ? 'QUOTE_DOUBLE' : look.style;
  const options: YAML.ToStringOptions = {
    defaultStringType: style,
    singleQuote: style === 'QUOTE_SINGLE',
    lineWidth: 0,
    doubleQuotedMinMultiLineLength: 1e9,
  };
  if (inFlow) {
    const doc = new YAML.Document([v]);
    (doc.contents as YAML.YAMLSeq).flow = true;
    return doc
      .toString({ ...options, flowCollectionPadding: false })
      .trimEnd()
      .slice(1, -1);
  }
  const out = YAML.stringify(v, null, options).trimEnd();
  return out.includes('\n') ? scalarText(v, { ...look, style: 'QUOTE_DOUBLE' }, inFlow) : out;
}

/** `key: value` lines at an indentation, for a scalar or a list of strings. */
function entryLines(key: string, v: Plain, look: Look, indent: string): string[] {
  const comment = look.comment ? '  # note 注释' : '';
  if (Array.isArray(v)) {
    const items = v as string[];
    if (look.blockList && items.length > 0) {
      const pad = indent + ' '.repeat(look.listIndent);
      return [`${indent}${key}:${comment}`, ...items.map((i) => `${pad}- ${scalarText(i, look, false)}`)];
    }
    return [`${indent}${key}: [${items.map((i) => scalarText(i, look, true)).join(', ')}]${comment}`];
  }
  const text = scalarText(v as string | number | boolean | null, look, false);
  return [`${indent}${key}:${text === '' ? '' : ` ${text}`}${comment}`];
}

const TOP_KEYS = [
  'id',
  'title',
  'type',
  'status',
  'owner',
  'lessons',
  'submitted',
  'priority',
  'related',
  'risks',
  'x-custom',
  'x-list',
  '备注',
];
const SCORE_KEYS = ['importance', 'urgency', 'feasibility', 'value', 'effort'];
const TASK_KEYS = ['id', 'title', 'owner', 'days', 'status', 'depends'];

interface Generated {
  text: string;
  data: Record<string, Plain>;
  /** Paths of scalars and lists present (candidates to set or remove). */
  leaves: (string | number)[][];
  /** Paths of maps present, candidates to remove whole. */
  maps: (string | number)[][];
  tasks: number;
}

const entryArb = fc.tuple(fc.oneof(scalarArb, listArb) as fc.Arbitrary<Plain>, lookArb);

const recordArb: fc.Arbitrary<Generated> = fc
  .record({
    top: fc
      .shuffledSubarray(TOP_KEYS)
      .chain((keys) => fc.tuple(fc.constant(keys), fc.array(entryArb, { minLength: keys.length, maxLength: keys.length }))),
    scores: fc.option(
      fc.record({ keys: fc.shuffledSubarray(SCORE_KEYS, { minLength: 1 }), flow: fc.boolean(), indent: fc.constantFrom(2, 4) }),
    ),
    customer: fc.option(fc.record({ name: textArb, tier: fc.option(fc.constantFrom('new', 'existing', 'key')) })),
    tasks: fc.option(
      fc.array(
        fc.record({ keys: fc.shuffledSubarray(TASK_KEYS, { minLength: 1 }), entries: fc.array(entryArb, { minLength: 6, maxLength: 6 }) }),
        { minLength: 1, maxLength: 2 },
      ),
    ),
    order: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    comments: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    scoreValues: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 5 }),
  })
  .map((g) => {
    const blocks: Array<{ lines: string[] }> = [];
    const data: Record<string, Plain> = {};
    const leaves: (string | number)[][] = [];
    const maps: (string | number)[][] = [];
    const [keys, looks] = g.top;
    keys.forEach((key, i) => {
      const [value, look] = looks[i]!;
      data[key] = value;
      leaves.push([key]);
      blocks.push({ lines: entryLines(key, value, look, '') });
    });
    const nested: Array<{ lines: string[] }> = [];
    if (g.scores) {
      const s = g.scores;
      const values = Object.fromEntries(s.keys.map((k, i) => [k, g.scoreValues[i]!]));
      data.scores = values;
      maps.push(['scores']);
      for (const k of s.keys) leaves.push(['scores', k]);
      const lines = s.flow
        ? [`scores: { ${s.keys.map((k) => `${k}: ${values[k]}`).join(', ')} }`]
        : ['scores:', ...s.keys.map((k) => `${' '.repeat(s.indent)}${k}: ${values[k]}`)];
      nested.push({ lines });
    }
    if (g.customer) {
      const c: Record<string, Plain> = { name: g.customer.name };
      if (g.customer.tier) c.tier = g.customer.tier;
      data.customer = c;
      maps.push(['customer']);
      const look: Look = { style: 'PLAIN', nullAs: '', comment: false, blockList: false, listIndent: 2 };
      nested.push({ lines: ['customer:', ...Object.entries(c).flatMap(([k, v]) => entryLines(k, v, look, '  '))] });
      for (const k of Object.keys(c)) leaves.push(['customer', k]);
    }
    let tasks = 0;
    if (g.tasks) {
      const list: Plain[] = [];
      const lines = ['tasks:'];
      g.tasks.forEach((task, ti) => {
        const item: Record<string, Plain> = {};
        task.keys.forEach((k, ki) => {
          const [value, look] = task.entries[ki]!;
          item[k] = value;
          leaves.push(['tasks', ti, k]);
          const entry = entryLines(k, value, { ...look, listIndent: 2 }, '    ');
          // The first key shares the line of the item's dash.
          if (ki === 0) entry[0] = `  - ${entry[0]!.slice(4)}`;
          lines.push(...entry);
        });
        list.push(item);
      });
      data.tasks = list;
      tasks = list.length;
      maps.push(['tasks']);
      nested.push({ lines });
    }
    // Nested blocks go in at random places among the top-level entries.
    nested.forEach((n, i) => blocks.splice(g.order[i]! % (blocks.length + 1), 0, n));
    const lines = blocks.flatMap((b, i) => (g.comments[i % 20] ? ['# comment 注释', ...b.lines] : b.lines));
    const nl = g.crlf ? '\r\n' : '\n';
    const text = `${g.bom ? '\uFEFF' : ''}---${nl}${lines.join(nl)}${nl}---${nl}# Body${nl}${nl}text${nl}`;
    return { text, data, leaves, maps, tasks };
  });

const MISSING_CANDIDATES: (string | number)[][] = [
  ['x-new'],
  ['新字段'],
  ['owner'],
  ['priority_reason'],
  ['scores', 'urgency'],
  ['scores', 'value'],
  ['milestones', 'start'],
  ['customer', 'contact'],
  ['a', 'b', 'c'],
];

function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const s of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[s];
  }
  return current;
}

/** The plain data after the changes, computed independently of the editor. */
function model(data: Record<string, Plain>, changes: readonly FieldChange[]): unknown {
  const root = structuredClone(data) as Record<string, unknown>;
  for (const { path, value } of changes) {
    let node = root as Record<string | number, unknown>;
    let gone = false;
    for (const s of path.slice(0, -1)) {
      if (node[s] === null || node[s] === undefined) {
        if (value === undefined) {
          gone = true;
          break;
        }
        node[s] = {};
      }
      node = node[s] as Record<string | number, unknown>;
    }
    if (gone) continue;
    if (value === undefined) delete node[path[path.length - 1]!];
    else node[path[path.length - 1]!] = Array.isArray(value) ? [...value] : value;
  }
  return root;
}

function changesFor(g: Generated): fc.Arbitrary<FieldChange[]> {
  const usable = (p: (string | number)[]) => {
    // A missing candidate whose parent holds a scalar cannot be added (that is a refusal, tested apart).
    const parent = getAt(g.data, p.slice(0, -1));
    return p.length === 1 || parent === undefined || parent === null || (typeof parent === 'object' && !Array.isArray(parent));
  };
  const missing = MISSING_CANDIDATES.filter((p) => getAt(g.data, p) === undefined && usable(p));
  const taskMissing = Array.from({ length: g.tasks }, (_, i) => TASK_KEYS.map((k) => ['tasks', i, k]))
    .flat()
    .filter((p) => getAt(g.data, p) === undefined);
  const op = fc.oneof(
    ...(g.leaves.length ? [fc.tuple(fc.constantFrom(...g.leaves), valueArb).map(([path, value]) => ({ path, value }) as FieldChange)] : []),
    ...(g.leaves.length ? [fc.constantFrom(...g.leaves).map((path) => ({ path, value: undefined }) as FieldChange)] : []),
    ...(g.maps.length ? [fc.constantFrom(...g.maps).map((path) => ({ path, value: undefined }) as FieldChange)] : []),
    ...([...missing, ...taskMissing].length
      ? [fc.tuple(fc.constantFrom(...missing, ...taskMissing), valueArb).map(([path, value]) => ({ path, value }) as FieldChange)]
      : []),
  );
  const related = (a: FieldChange, b: FieldChange) => {
    const n = Math.min(a.path.length, b.path.length);
    return a.path.slice(0, n).every((s, i) => String(s) === String(b.path[i]));
  };
  return fc.array(op, { minLength: 1, maxLength: 4 }).map((list) => list.filter((c, i) => !list.slice(0, i).some((d) => related(c, d))));
}

/** Checks every invariant of an accepted edit, and returns the edited text. */
function checkEdit(g: Generated, changes: FieldChange[], edits: TextEdit[]): string {
  const out = applyTextEdits(g.text, edits);
  const before = splitFile(g.text, true);
  const after = splitFile(out, true);
  // (1) parses cleanly; (2)+(3) the changed paths hold the new values, every other value as before.
  const loaded = loadYamlCareful(after.frontMatter!.yaml);
  assert.deepEqual(loaded.issues, [], out);
  assert.deepEqual(loaded.value ?? {}, model(g.data, changes), out);
  // (4) the BOM, the line endings, the delimiters and the body survive; edits are ordered,
  // disjoint and inside the front-matter.
  assert.equal(out.charCodeAt(0) === 0xfeff, g.text.charCodeAt(0) === 0xfeff);
  if (!/(^|[^\r])\n/.test(g.text)) assert.doesNotMatch(out, /(^|[^\r])\n/, 'a LF in a CRLF file');
  else assert.doesNotMatch(out, /\r/, 'a CR in a LF file');
  assert.equal(after.text.slice(after.bodyStart), before.text.slice(before.bodyStart));
  // Rebuilt independently of applyTextEdits: every byte between the edits is the original's.
  const body = before.text;
  let rebuilt = '';
  let at = 0;
  for (const e of edits) {
    rebuilt += body.slice(at, e.start) + e.newText;
    at = e.end;
  }
  assert.equal(rebuilt + body.slice(at), after.text);
  let last = -1;
  const fmStart = before.frontMatter!.yamlStart;
  const closing = before.text.lastIndexOf('\n---', before.bodyStart) + 1;
  for (const e of edits) {
    assert.ok(e.start > last, 'edits sorted, disjoint and not touching');
    assert.ok(e.start >= fmStart && e.end <= closing, 'edits inside the front-matter');
    last = e.end;
  }
  return out;
}

describe('edits: properties', () => {
  it('random records and random changes: clean YAML, intended values, nothing else changed', () => {
    fc.assert(
      fc.property(
        recordArb.chain((g) => fc.tuple(fc.constant(g), changesFor(g))),
        ([g, changes]) => {
          // The generated file is what the model says it is.
          assert.deepEqual(loadYamlCareful(splitFile(g.text, true).frontMatter!.yaml).value ?? {}, g.data, g.text);
          const r = editFields(g.text, changes);
          assert.ok(r.ok, r.ok ? '' : `${localizeLater('en', r.text)}\n${g.text}\n${JSON.stringify(changes)}`);
          checkEdit(g, changes, r.edits);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('setting one existing scalar edits only inside that scalar’s node', () => {
    fc.assert(
      fc.property(
        recordArb.chain((g) => {
          const scalars = g.leaves.filter((p) => {
            const v = getAt(g.data, p);
            return v !== null && !Array.isArray(v);
          });
          return fc.tuple(fc.constant(g), scalars.length ? fc.constantFrom(...scalars) : fc.constant(undefined), scalarArb);
        }),
        ([g, path, value]) => {
          if (!path) return;
          const r = editFields(g.text, [{ path, value }]);
          assert.ok(r.ok, r.ok ? '' : localizeLater('en', r.text));
          checkEdit(g, [{ path, value }], r.edits);
          const split = splitFile(g.text, true);
          const node = nodeAtPath(loadYamlCareful(split.frontMatter!.yaml).doc, path).value!;
          const start = split.frontMatter!.yamlStart + node.range![0];
          const end = split.frontMatter!.yamlStart + node.range![1];
          assert.equal(r.edits.length, 1);
          assert.ok(r.edits[0]!.start >= start && r.edits[0]!.end <= end, `${JSON.stringify(r.edits)} within [${start}, ${end})`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adding one missing key only inserts; removing one key only deletes whole lines', () => {
    fc.assert(
      fc.property(
        recordArb.chain((g) =>
          fc.tuple(
            fc.constant(g),
            changesFor(g).map((c) => c.slice(0, 1)),
          ),
        ),
        ([g, changes]) => {
          const change = changes[0]!;
          const r = editFields(g.text, changes);
          assert.ok(r.ok, r.ok ? '' : localizeLater('en', r.text));
          checkEdit(g, changes, r.edits);
          const text = splitFile(g.text, true).text;
          if (change.value !== undefined && getAt(g.data, change.path) === undefined) {
            const parent = getAt(g.data, change.path.slice(0, -1));
            // Filling `key:` (empty) or `key: null` may drop the null token; anything else is pure insertion.
            if (parent !== null) for (const e of r.edits) assert.equal(e.start, e.end, JSON.stringify(r.edits));
          }
          if (change.value === undefined) {
            for (const e of r.edits) {
              if (e.newText !== '') {
                assert.match(e.newText, /^ ?\{\}$/);
                continue;
              }
              const lineStart = text.lastIndexOf('\n', e.start - 1) + 1;
              const wholeLines = e.start === lineStart && text[e.end - 1] === '\n';
              const firstKeyOfItem = /^ *- $/.test(text.slice(lineStart, e.start));
              const flowEntry = /[{,] *$/.test(text.slice(lineStart, e.start)) || text.slice(e.start, e.end).trimStart().startsWith(',');
              assert.ok(wholeLines || firstKeyOfItem || flowEntry, JSON.stringify({ e, removed: text.slice(e.start, e.end) }));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws: random text, random paths and values', () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('id', 'title', 'scores', 'urgency', 'tasks'),
      fc.integer({ min: -2, max: 3 }),
      fc.double(),
    );
    const anyValue = fc.oneof(valueArb, fc.anything(), fc.constant(undefined), fc.constant(NaN));
    const change = fc.record({ path: fc.array(segment, { maxLength: 4 }), value: anyValue }) as unknown as fc.Arbitrary<FieldChange>;
    const noisy = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...chars, '\r', '-', '\uFEFF'), maxLength: 80 }).map((s) => `---\n${s}\n---\n`),
      recordArb.chain((g) =>
        fc
          .tuple(fc.nat(g.text.length), fc.nat(8), fc.string({ unit: fc.constantFrom(...chars, '\r'), maxLength: 4 }))
          .map(([at, cut, put]) => g.text.slice(0, at) + put + g.text.slice(at + cut)),
      ),
    );
    fc.assert(
      fc.property(noisy, fc.array(change, { maxLength: 3 }), (text, changes) => {
        const r = editFields(text, changes);
        assert.equal(typeof r.ok, 'boolean');
        if (r.ok) {
          // Whatever was accepted applies cleanly and parses.
          const out = applyTextEdits(text, r.edits);
          assert.deepEqual(loadYamlCareful(splitFile(out, true).frontMatter!.yaml).issues, []);
        } else {
          assert.ok(localizeLater('en', r.text).length > 0 && localizeLater('zh-cn', r.text).length > 0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
