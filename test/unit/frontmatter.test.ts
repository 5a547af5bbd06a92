import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sampleOr } from './arbitraries';
import * as YAML from 'yaml';
import { loadYamlCareful, loadYamlFast, MAX_ALIAS_COUNT, nodeAtPath, splitFile } from '../../src/core/frontmatter';

/**
 * The invariant every offset in ReqDesk relies on: `yaml` is the text at `yamlStart`. The bulk
 * split and the careful one (gray-matter's) must agree on it.
 */
function assertYamlIsSlice(input: string) {
  const s = splitFile(input);
  const fm = s.frontMatter;
  assert.ok(fm, JSON.stringify(input));
  assert.equal(s.text.slice(fm.yamlStart, fm.yamlStart + fm.yaml.length), fm.yaml, JSON.stringify(input));
  assert.deepEqual(splitFile(input, true), s, JSON.stringify(input));
  return s;
}

describe('frontmatter: splitFile', () => {
  it('LF: the YAML between the delimiters and the body after the closing line', () => {
    const input = '---\nid: X\n---\n# Body\n';
    const s = assertYamlIsSlice(input);
    assert.equal(s.bom, false);
    assert.equal(s.text, input);
    assert.deepEqual(
      { ...s.frontMatter, yaml: s.frontMatter!.yaml.trim() },
      {
        language: '',
        yaml: 'id: X',
        yamlStart: 3,
        closed: true,
        openRange: { start: 0, end: 3 },
      },
    );
    assert.equal(s.bodyStart, input.indexOf('# Body'));
  });

  it('a BOM is dropped and every offset is into the text without it', () => {
    const plain = '---\nid: X\n---\n# Body\n';
    const s = assertYamlIsSlice(`\uFEFF${plain}`);
    assert.equal(s.bom, true);
    assert.equal(s.text, plain);
    assert.equal(s.frontMatter!.yamlStart, 3);
    assert.equal(s.bodyStart, plain.indexOf('# Body'));
  });

  it('CRLF: same offsets scheme, and the YAML does not end in a carriage return', () => {
    const input = '---\r\nid: X\r\ntitle: Y\r\n---\r\n# Body\r\n';
    const s = assertYamlIsSlice(input);
    assert.equal(s.frontMatter!.closed, true);
    assert.equal(s.frontMatter!.openRange.end, 3);
    assert.equal(s.bodyStart, input.indexOf('# Body'));
    assert.doesNotMatch(s.frontMatter!.yaml, /\r$/);
    assert.deepEqual(loadYamlCareful(s.frontMatter!.yaml).value, { id: 'X', title: 'Y' });
  });

  it('BOM + CRLF', () => {
    const input = '\uFEFF---\r\nid: X\r\n---\r\nbody';
    const s = assertYamlIsSlice(input);
    assert.equal(s.bom, true);
    assert.equal(s.bodyStart, s.text.indexOf('body'));
  });

  it('no closing delimiter: the rest of the file is the YAML and the body is empty', () => {
    const input = '---\nid: X\ntitle: Y\n';
    const s = assertYamlIsSlice(input);
    assert.equal(s.frontMatter!.closed, false);
    assert.equal(s.bodyStart, input.length);
    assert.equal(s.frontMatter!.yaml.trim(), 'id: X\ntitle: Y');
  });

  it('an empty front-matter', () => {
    const s = assertYamlIsSlice('---\n---\nbody');
    assert.equal(s.frontMatter!.yaml.trim(), '');
    assert.equal(s.frontMatter!.closed, true);
    assert.equal(s.bodyStart, 8);
  });

  it('no front-matter: none at all, or a thematic break of four dashes', () => {
    for (const input of ['# Title\n', '', '----\nid: X\n----\n', ' ---\nid: X\n---\n']) {
      const s = splitFile(input);
      assert.equal(s.frontMatter, undefined, JSON.stringify(input));
      assert.equal(s.bodyStart, 0);
    }
  });

  it('the language named after the opening delimiter, and the YAML after that line', () => {
    for (const [input, language] of [
      ['---js\n{a: 1}\n---\n', 'js'],
      ['---coffee\na: 1\n---\n', 'coffee'],
      ['--- yaml\na: 1\n---\n', 'yaml'],
      ['---unknownlang\na: 1\n---\n', 'unknownlang'],
    ] as const) {
      const s = assertYamlIsSlice(input);
      assert.equal(s.frontMatter!.language, language);
      assert.equal(s.frontMatter!.yamlStart, input.indexOf('\n'));
      assert.deepEqual(s.frontMatter!.openRange, { start: 0, end: input.indexOf('\n') });
    }
  });

  it('the offset invariant holds for generated front-matter blocks', () => {
    const line = fc.oneof(
      fc.constantFrom('id: X', 'title: "a: b"', '# comment', '', 'tasks:', '  - id: T1', 'note: |', '  text'),
      fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s) && !s.startsWith('---')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), fc.boolean(), fc.boolean(), (lines, useCrlf, useBom, closed) => {
        const nl = useCrlf ? '\r\n' : '\n';
        const input = `${useBom ? '\uFEFF' : ''}---${nl}${lines.join(nl)}${nl}${closed ? `---${nl}body${nl}` : ''}`;
        const s = assertYamlIsSlice(input);
        assert.ok(s.bodyStart >= s.frontMatter!.yamlStart + s.frontMatter!.yaml.length && s.bodyStart <= s.text.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('frontmatter: loading YAML', () => {
  it('the fast loader defers anchors, aliases and tags to the careful one', () => {
    for (const yaml of ['a: &x 1\nb: *x', 'a: !foo 1', 'a: !!str 1']) assert.deepEqual(loadYamlFast(yaml), { ok: false }, yaml);
    assert.deepEqual(loadYamlFast('a: [1'), { ok: false });
    assert.deepEqual(loadYamlFast('a: 1\nb: [x, y]'), { ok: true, value: { a: 1, b: ['x', 'y'] } });
  });

  it('both loaders read YAML 1.2 core: dates stay strings, yes/no are text', () => {
    const yaml = 'd: 2024-03-15\nt: 2024-03-15T10:00:00Z\nyes_: yes\nno_: off\nb: true\nn: null\nnum: 0x1F\noct: 0o17\nf: 1.5\nq: "2"';
    const expected = {
      d: '2024-03-15',
      t: '2024-03-15T10:00:00Z',
      yes_: 'yes',
      no_: 'off',
      b: true,
      n: null,
      num: 31,
      oct: 15,
      f: 1.5,
      q: '2',
    };
    assert.deepEqual(loadYamlFast(yaml), { ok: true, value: expected });
    const careful = loadYamlCareful(yaml);
    assert.deepEqual(careful.issues, []);
    assert.deepEqual(careful.value, expected);
  });

  it('the two loaders agree on generated plain records', () => {
    // Scalars as people write them in front-matter. `0b…` is left out: js-yaml reads it as a binary
    // number while YAML 1.2 core keeps it text (reported as a divergence, see the test report).
    const SCALAR_SAMPLES = [
      'new',
      'P1',
      '2024-03-15',
      '2026-02-30',
      '5',
      '-2',
      '2.5',
      '1e3',
      '0x10',
      '0o7',
      '.inf',
      '~',
      'null',
      'True',
      'FALSE',
      '"quoted: x"',
      "'single'",
      '功能',
      '希望能更方便',
      'a # comment',
      '[T1, T2]',
      '{a: 1}',
    ];
    const scalar = sampleOr(
      SCALAR_SAMPLES,
      fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9 \u4e00-\u9fa5.-]{0,15}$/).map((s) => s.trimEnd()),
    );
    const key = fc.constantFrom('id', 'title', 'type', 'status', 'owner', 'budget', 'note', 'jira');
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, scalar), { selector: (t) => t[0], minLength: 1, maxLength: 8 }), (entries) => {
        const yaml = entries.map(([k, v]) => `${k}: ${v}`).join('\n');
        const fast = loadYamlFast(yaml);
        const careful = loadYamlCareful(yaml);
        if (!fast.ok) return; // the careful loader decides alone
        assert.deepEqual(careful.issues, [], yaml);
        assert.deepEqual(careful.value, fast.value, yaml);
      }),
      { numRuns: 400 },
    );
  });

  it('custom tags are issues with the tagged node range, and the value is withheld', () => {
    for (const [yaml, tagPattern] of [
      ['a: !foo bar', /^!foo$/],
      ["a: !!js/function 'function () {}'", /js\/function/],
      ['a: !!js/undefined ""', /js\/undefined/],
      ['a: !!binary aGk=', /binary/],
      ['a: !!timestamp 2020-01-01', /timestamp/],
      ['a: !!set {x}', /set/],
    ] as const) {
      const r = loadYamlCareful(yaml);
      assert.equal(r.value, undefined, yaml);
      assert.equal(r.issues.length, 1, yaml);
      assert.equal(r.issues[0]!.kind, 'custom-tag', yaml);
      assert.match(r.issues[0]!.message, tagPattern);
      assert.ok(r.issues[0]!.range.start >= 3, yaml);
    }
  });

  it('the core schema tags are allowed', () => {
    const r = loadYamlCareful("a: !!str 1\nb: !!int '2'\nc: !!bool true\nd: !!null ''\ne: !!map {x: 1}\nf: !!seq [1]");
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.value, { a: '1', b: 2, c: true, d: null, e: { x: 1 }, f: [1] });
  });

  it('alias expansion is limited: a bomb is refused, a few aliases are fine', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefg') {
      const prev = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const bomb = loadYamlCareful(levels.join('\n'));
    assert.equal(bomb.value, undefined);
    assert.deepEqual(
      bomb.issues.map((i) => i.kind),
      ['alias-limit'],
    );
    assert.deepEqual(bomb.issues[0]!.range, { start: 3, end: 4 });

    const few = loadYamlCareful(`base: &b {x: 1}\n${Array.from({ length: MAX_ALIAS_COUNT - 10 }, (_, i) => `k${i}: *b`).join('\n')}`);
    assert.deepEqual(few.issues, []);
    assert.deepEqual((few.value as Record<string, unknown>).k0, { x: 1 });
  });

  it('duplicate keys and broken syntax are syntax issues at their position', () => {
    const dup = loadYamlCareful('a: 1\na: 2');
    assert.deepEqual(
      dup.issues.map((i) => i.kind),
      ['syntax'],
    );
    assert.equal(dup.issues[0]!.range.start, 5);
    const quote = loadYamlCareful('a: "open\nb: 1');
    assert.deepEqual(
      quote.issues.map((i) => i.kind),
      ['syntax'],
    );
    assert.equal(quote.value, undefined);
  });

  it("duplicate keys are reported exactly as the yaml package's own check reports them, among the other errors", () => {
    // The reference: the package's uniqueKeys check (quadratic in keys, so no longer used). The
    // same errors (code, position, message); in the same order when duplicates are the only
    // errors, else by position (the package reports in the order it composes nodes).
    const errors = (doc: YAML.Document.Parsed) => doc.errors.map((e) => [e.code, e.pos[0], e.pos[1], e.message.split('\n')[0]] as const);
    const comparable = (list: ReturnType<typeof errors>) =>
      list.every((e) => e[0] === 'DUPLICATE_KEY') ? list : [...list].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    const reference = (yaml: string) =>
      comparable(
        errors(YAML.parseDocument(yaml, { schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' })),
      );
    const ours = (yaml: string) => comparable(errors(loadYamlCareful(yaml).doc));
    const examples = [
      'a: 1\na: 2',
      'a: 1\n&x a: 2',
      'a: 1\n!!str a: 2',
      '? a\n: 1\n? a\n: 2',
      '{a: 1, a: 2}',
      '{a: 1, &x a: 2}',
      ': 1\n: 2',
      '{: 1, : 2}',
      '1: a\n0x1: b',
      '"a": 1\na: 2',
      'n:\n  x: 1\n  # c\n  x: 2',
      '.nan: 1\n.nan: 2',
      '~: 1\nnull: 2',
      '[a: 1, a: 2]',
      '0: a\n-0: b',
      'true: 1\nTrue: 2',
      '1.0: 1\n1: 2',
      '? [a]\n: 1\n? [a]\n: 2',
      '*x: 1\n*x: 2',
      'a: 1\nb: "open\na: 2',
      'a: [1\na: 2\nb: }',
    ];
    for (const yaml of examples) assert.deepEqual(ours(yaml), reference(yaml), JSON.stringify(yaml));
    const key = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '0x1', '1.0', '~', 'null', 'true', '.nan', '? a', '&x a', '!!str a', '');
    const line = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.constantFrom('', '  ', '    '), key, fc.constantFrom('1', '', '[x]', '{a: 1, a: 2}', '"open'))
          .map(([i, k, v]) => `${i}${k}: ${v}`),
      },
      { weight: 1, arbitrary: fc.constantFrom('n:', '- a: 1', '  - a: 2', '# c', '{a: 1, b: 2, a: 3}', '}', ']', ': x') },
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), (lines) => {
        const yaml = lines.join('\n');
        assert.deepEqual(ours(yaml), reference(yaml), JSON.stringify(yaml));
      }),
      { numRuns: 2000 },
    );
  });

  it('nodeAtPath finds keys, values, list items and the parent of a missing key', () => {
    const yaml = 'id: X\nscores:\n  urgency: 4\ntasks:\n  - id: T1\n    depends: [T2, T3]\n';
    const doc = loadYamlCareful(yaml).doc;
    const slice = (n: YAML.Node | null | undefined) => (n?.range ? yaml.slice(n.range[0], n.range[1]) : undefined);
    const urgency = nodeAtPath(doc, ['scores', 'urgency']);
    assert.equal(slice(urgency.key), 'urgency');
    assert.equal(slice(urgency.value), '4');
    assert.equal(slice(nodeAtPath(doc, ['tasks', 0, 'depends', 1]).value), 'T3');
    const missing = nodeAtPath(doc, ['scores', 'importance']);
    assert.equal(missing.value, undefined);
    assert.ok(YAML.isMap(missing.parent));
    assert.equal(nodeAtPath(doc, ['tasks', 5]).value, undefined);
    assert.equal(nodeAtPath(doc, ['id', 'deeper']).value, undefined);
  });
});
