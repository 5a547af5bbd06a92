import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sampleOr } from './arbitraries';
import { completeAt } from '../../src/core/completion';
import { hoverAt } from '../../src/core/hover';
import { flowPair, frontMatterScalars, yamlContextAt, type YamlContext } from '../../src/core/yamlContext';

/**
 * A text with `‸` for the cursor and optionally `«…»` around the range expected; without the
 * guillemets the range expected is empty at the cursor.
 */
function marked(src: string): { text: string; offset: number; range: { start: number; end: number } } {
  let text = '';
  let offset = -1;
  let start = -1;
  let end = -1;
  for (const ch of src) {
    if (ch === '‸') offset = text.length;
    else if (ch === '«') start = text.length;
    else if (ch === '»') end = text.length;
    else text += ch;
  }
  assert.ok(offset >= 0, 'no cursor in the sample');
  return { text, offset, range: start === -1 ? { start: offset, end: offset } : { start, end } };
}

function contextOf(src: string): YamlContext & { token: string } {
  const { text, offset } = marked(src);
  const c = yamlContextAt(text, offset);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { ...c, token: text.slice(c.range.start + bom, c.range.end + bom) };
}

/** Checks a context against the sample's cursor and range markers. */
function expectContext(src: string, kind: YamlContext['kind'], path: (string | number)[], prefix: string, siblings: string[] = []): void {
  const { text, offset, range } = marked(src);
  // Offsets are into the BOM-less text.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const c = yamlContextAt(text, offset - shift);
  assert.deepEqual(c, { kind, path, prefix, range: { start: range.start - shift, end: range.end - shift }, siblings }, src);
}

describe('yamlContext: where the cursor is', () => {
  describe('block maps', () => {
    it('a key of a nested map, with the other keys of that map as siblings', () => {
      expectContext('---\nscores:\n  «urg‸ency»: 4\n---\n', 'key', ['scores', 'urgency'], 'urg');
      expectContext(
        '---\nid: X\nscores:\n  importance: 5\n  «urg‸ency»: 4\n  feasibility: 3\npriority: P1\n---\n',
        'key',
        ['scores', 'urgency'],
        'urg',
        ['importance', 'feasibility'],
      );
    });

    it('maps nested at any depth', () => {
      expectContext('---\na:\n  b:\n    c:\n      «d‸»: 1\n    e: 2\n  f: 3\n---\n', 'key', ['a', 'b', 'c', 'd'], 'd');
      expectContext('---\na:\n  b:\n    c:\n      d: 1\n    e: «2‸»\n  f: 3\n---\n', 'value', ['a', 'b', 'e'], '2');
      expectContext('---\na:\n  b:\n    c:\n      d: 1\n    e: 2\n  f: «‸3»\n---\n', 'value', ['a', 'f'], '');
    });

    it('a top-level key, its siblings the other top-level keys', () => {
      expectContext('---\nid: X\n«ti‸tle»: x\nscores:\n  importance: 5\ntype: functional\n---\n', 'key', ['title'], 'ti', [
        'id',
        'scores',
        'type',
      ]);
      expectContext('---\n‸«id»: X\n---\n', 'key', ['id'], '');
      expectContext('---\nid‸: X\n---\n'.replace('id‸', '«id‸»'), 'key', ['id'], 'id');
    });

    it('a value, from the start of the token to the cursor', () => {
      expectContext('---\ntype: «func‸tional»\n---\n', 'value', ['type'], 'func');
      expectContext('---\ntype: «functional‸»\n---\n', 'value', ['type'], 'functional');
      expectContext('---\ntitle: «实时 监控‸»\n---\n', 'value', ['title'], '实时 监控');
    });

    it('right after `key: ` or `key:`, an empty value at the cursor', () => {
      expectContext('---\ntype: ‸\nstatus: new\n---\n', 'value', ['type'], '');
      expectContext('---\ntype:‸\n---\n', 'value', ['type'], '');
      expectContext('---\ncustomer:\n  size:   ‸\n---\n', 'value', ['customer', 'size'], '');
      // Between the colon and a value: the value from the cursor on is what a completion replaces.
      expectContext('---\ntype:‸« functional»\n---\n', 'value', ['type'], '');
    });

    it('a word without a colon is a key being typed in the map its indentation picks', () => {
      expectContext('---\nscores:\n  «imp‸»\n---\n', 'new-key', ['scores'], 'imp');
      expectContext('---\nscores:\n  urgency: 4\n  «imp‸»\nowner: x\n---\n', 'new-key', ['scores'], 'imp', ['urgency']);
      expectContext('---\nid: X\n«ti‸»\n---\n', 'new-key', [], 'ti', ['id']);
    });
  });

  describe('empty lines: the indentation of the cursor picks the parent', () => {
    const sample = (line: string) => `---\nid: X\nscores:\n  importance: 5\n${line}\n  urgency: 4\npriority: P1\n---\n`;

    it('indented 2 under scores: a new key of scores', () => {
      expectContext(sample('  ‸'), 'new-key', ['scores'], '', ['importance', 'urgency']);
    });

    it('at column 0: a new top-level key', () => {
      expectContext('---\nid: X\nscores:\n  importance: 5\n‸\npriority: P1\n---\n', 'new-key', [], '', ['id', 'scores', 'priority']);
      expectContext('---\n‸\n---\n', 'new-key', [], '');
      expectContext('---\n‸\nid: X\n---\n', 'new-key', [], '', ['id']);
    });

    it('right under a key with no value: the first key of its map, later keys as siblings', () => {
      expectContext('---\nscores:\n  ‸\n  urgency: 4\n---\n', 'new-key', ['scores'], '', ['urgency']);
      expectContext('---\ncustomer:\n    ‸\n---\n', 'new-key', ['customer'], '');
    });

    it('indented 4 in a list item: a new key of that item', () => {
      expectContext('---\ntasks:\n  - id: T1\n    title: a\n    ‸\n  - id: T2\n---\n', 'new-key', ['tasks', 0], '', ['id', 'title']);
      expectContext('---\ntasks:\n  - id: T1\n  - id: T2\n    ‸\n    days: 2\n---\n', 'new-key', ['tasks', 1], '', ['id', 'days']);
      // `- ` alone, then the item's first key on the next line.
      expectContext('---\ntasks:\n  - id: T1\n  -\n    ‸\n---\n', 'new-key', ['tasks', 1], '');
    });

    it('under a key with a value, a deeper line continues that value', () => {
      expectContext('---\ncustomer:\n  name: 客户A\n      ‸\n---\n', 'value', ['customer', 'name'], '');
    });

    it('at the column of a list’s dashes: a new item of the list', () => {
      expectContext('---\ntasks:\n  - id: T1\n    title: a\n  ‸\nrisks: []\n---\n', 'list-item', ['tasks'], '');
    });

    it('at the column of a list written at its key’s column: a key of the map', () => {
      expectContext('---\ntasks:\n- id: T1\n‸\n---\n', 'new-key', [], '', ['tasks']);
    });

    it('at the end of an unclosed front-matter', () => {
      expectContext('---\nid: x\n‸', 'new-key', [], '', ['id']);
      expectContext('---\n‸', 'new-key', [], '');
    });
  });

  describe('lists', () => {
    const tasks = '---\ntasks:\n  - id: T1\n    title: 前端\n  - id: T2\n    status: «do‸ne»\n    depends:\n      - T1\n---\n';

    it('keys and values of an item belong to it', () => {
      expectContext(tasks, 'value', ['tasks', 1, 'status'], 'do');
      expectContext('---\ntasks:\n  - «i‸d»: T1\n    title: a\n  - id: T2\n---\n', 'key', ['tasks', 0, 'id'], 'i', ['title']);
      expectContext('---\ntasks:\n  - id: T1\n    «ti‸tle»: a\n    days: 2\n---\n', 'key', ['tasks', 0, 'title'], 'ti', ['id', 'days']);
      expectContext('---\ntasks:\n  - id: «T‸2»\n---\n', 'value', ['tasks', 0, 'id'], 'T');
    });

    it('`- ` alone starts a new item', () => {
      expectContext('---\ntasks:\n  - id: T1\n  - ‸\n---\n', 'list-item', ['tasks', 1], '');
      expectContext('---\ntasks:\n  - id: T1\n  - «ti‸»\n---\n', 'list-item', ['tasks', 1], 'ti');
    });

    it('items of a block list of scalars', () => {
      expectContext('---\ntasks:\n  - id: T1\n    depends:\n      - «T‸»\n---\n', 'list-item', ['tasks', 0, 'depends', 0], 'T');
      expectContext('---\nrisks:\n  - 延期\n  - «工期‸»\n---\n', 'list-item', ['risks', 1], '工期');
      expectContext('---\ntasks:\n  - id: T1\n    depends:\n      - T0\n      - ‸\n---\n', 'list-item', ['tasks', 0, 'depends', 1], '');
    });

    it('a list written at its key’s column', () => {
      expectContext('---\ntasks:\n- id: T1\n  «ti‸tle»: x\n---\n', 'key', ['tasks', 0, 'title'], 'ti', ['id']);
      expectContext('---\ntasks:\n- id: T1\n- id: T2\n  days: «‸3»\nowner: x\n---\n', 'value', ['tasks', 1, 'days'], '');
    });

    it('nested dashes', () => {
      expectContext('---\nx:\n  - - «a‸»\n---\n', 'list-item', ['x', 0, 0], 'a');
    });
  });

  describe('flow collections', () => {
    it('a new item of a flow sequence', () => {
      expectContext('---\ntasks:\n  - id: T1\n  - id: T2\n    depends: [T1, ‸]\n---\n', 'list-item', ['tasks', 1, 'depends', 1], '');
      expectContext('---\ntasks:\n  - id: T2\n    depends: [‸]\n---\n', 'list-item', ['tasks', 0, 'depends', 0], '');
    });

    it('an item being typed', () => {
      expectContext('---\nrelated: [ORDER-1, «REQ-‸»]\n---\n', 'list-item', ['related', 1], 'REQ-');
      expectContext('---\nrelated: [«OR‸DER-1», REQ-2]\n---\n', 'list-item', ['related', 0], 'OR');
      expectContext('---\nrelated: ["«OR‸DER-1»", REQ-2]\n---\n', 'list-item', ['related', 0], 'OR');
    });

    it('a new key of a flow map, its keys as siblings', () => {
      expectContext('---\nscores: { importance: 5, ‸ }\n---\n', 'new-key', ['scores'], '', ['importance']);
      expectContext('---\nscores: { importance: 5, «ur‸», feasibility: 3 }\n---\n', 'new-key', ['scores'], 'ur', [
        'importance',
        'feasibility',
      ]);
      expectContext('---\nscores: { «impor‸tance»: 5, urgency: 4 }\n---\n', 'key', ['scores', 'importance'], 'impor', ['urgency']);
    });

    it('a value of a flow map', () => {
      expectContext('---\nscores: { importance: «‸5» }\n---\n', 'value', ['scores', 'importance'], '');
      expectContext('---\nscores: { importance: 5, urgency: ‸ }\n---\n', 'value', ['scores', 'urgency'], '');
    });

    it('over several lines', () => {
      expectContext('---\ntasks:\n  - id: T2\n    depends: [T1,\n      ‸]\n---\n', 'list-item', ['tasks', 0, 'depends', 1], '');
      expectContext('---\nrelated: [A,\n  «B‸»]\nowner: x\n---\n', 'list-item', ['related', 1], 'B');
    });

    it('unclosed while typing: the next less indented line ends it', () => {
      expectContext('---\ntasks:\n  - id: T2\n    depends: [T1, ‸\n    days: 2\n---\n', 'list-item', ['tasks', 0, 'depends', 1], '');
    });

    it('before the bracket or after the closing one: outside', () => {
      expectContext('---\nrelated: ‸[A]\n---\n', 'outside', [], '');
      expectContext('---\nrelated: [A]‸\n---\n', 'outside', [], '');
    });
  });

  describe('quotes, comments, block scalars', () => {
    it('inside quotes, the range is the quoted text', () => {
      expectContext('---\ntitle: "«a # b‸ c»"\n---\n', 'value', ['title'], 'a # b');
      expectContext("---\ntitle: '«it''s‸»'\n---\n", 'value', ['title'], "it''s");
      expectContext('---\ntitle: ‸«"x"»\n---\n', 'value', ['title'], '');
      expectContext('---\n"«quoted ke‸y»": 1\n---\n', 'key', ['quoted key'], 'quoted ke');
    });

    it('a comment after a value is not part of it', () => {
      expectContext('---\ncustomer:\n  tier: «exi‸sting»  # 老客户\n---\n', 'value', ['customer', 'tier'], 'exi');
      expectContext('---\ntype: functional # fu‸n\n---\n', 'outside', [], '');
      expectContext('---\n# 注释 ‸\nid: x\n---\n', 'outside', [], '');
      expectContext('---\ntype: ‸ # 类型\n---\n', 'value', ['type'], '');
      expectContext('---\nscores:   # 评分\n  ‸\n---\n', 'new-key', ['scores'], '');
    });

    it('comment lines do not end a map', () => {
      expectContext('---\nscores:\n  importance: 5\n# 说明\n  ‸\n---\n', 'new-key', ['scores'], '', ['importance']);
    });

    it('lines of a block scalar belong to its key', () => {
      expectContext('---\nlessons: |\n  «some te‸xt»\n  more: text\nowner: x\n---\n', 'value', ['lessons'], 'some te');
      expectContext('---\nlessons: |\n  line: 1\n  x: 2\n«ow‸ner»: x\n---\n', 'key', ['owner'], 'ow', ['lessons']);
    });

    it('in the indentation before a line’s content: outside', () => {
      expectContext('---\nid: x\n  ‸  title: y\n---\n', 'outside', [], '');
      expectContext('---\ntasks:\n  ‸- id: T1\n---\n', 'outside', [], '');
    });
  });

  describe('line ends, BOM and the front-matter’s edges', () => {
    it('CRLF line ends', () => {
      expectContext('---\r\ncustomer:\r\n  name: A\r\n  tier: «exi‸sting»\r\n---\r\n', 'value', ['customer', 'tier'], 'exi');
      expectContext('---\r\nscores:\r\n  importance: 5\r\n  ‸\r\n  urgency: 4\r\n---\r\n', 'new-key', ['scores'], '', [
        'importance',
        'urgency',
      ]);
      expectContext('---\r\nid: X\r\ntags: [a, «b‸»]\r\n---\r\n', 'list-item', ['tags', 1], 'b');
      // Between CR and LF there is no position.
      const text = '---\r\nid: X\r\n---\r\n';
      assert.equal(yamlContextAt(text, text.indexOf('\n', 6)).kind, 'outside');
    });

    it('lone CR line ends', () => {
      expectContext('---\rscores:\r  «urg‸»: 4\r---\r', 'key', ['scores', 'urg'], 'urg');
    });

    it('offsets are into the BOM-less text', () => {
      const text = '\ufeff---\nid: X\ntype: functional\n---\n';
      const c = yamlContextAt(text, '---\nid: X\ntype: func'.length);
      assert.deepEqual(c, { kind: 'value', path: ['type'], prefix: 'func', range: { start: 16, end: 26 }, siblings: [] });
      expectContext('\ufeff---\nscores:\n  «urg‸ency»: 4\n---\n', 'key', ['scores', 'urgency'], 'urg');
    });

    it('before the first ---, on a delimiter line, in the body, without front-matter: outside', () => {
      expectContext('‸---\nid: x\n---\n', 'outside', [], '');
      expectContext('---‸\nid: x\n---\n', 'outside', [], '');
      expectContext('---\nid: x\n‸---\n', 'outside', [], '');
      expectContext('---\nid: x\n---‸\n', 'outside', [], '');
      expectContext('---\nid: x\n---\n# 标题\nbo‸dy: x\n', 'outside', [], '');
      expectContext('# 标题\nid: ‸x\n', 'outside', [], '');
      expectContext('----\nid: ‸x\n----\n', 'outside', [], '');
      expectContext('‸', 'outside', [], '');
    });

    it('offsets past the end or before the start are clamped', () => {
      assert.deepEqual(yamlContextAt('---\nid: x', 99), {
        kind: 'value',
        path: ['id'],
        prefix: 'x',
        range: { start: 8, end: 9 },
        siblings: [],
      });
      assert.equal(yamlContextAt('---\nid: x', -5).kind, 'outside');
      assert.equal(yamlContextAt('---\nid: x', Number.NaN).kind, 'outside');
    });
  });

  describe('frontMatterScalars', () => {
    it('reads scalars of block maps, lists and one-line flow collections', () => {
      const text =
        '---\nid: X\nscores: { importance: 5, urgency: 4 }\ntasks:\n  - id: T1\n    depends: [T0, "T9"]\n  - id: T2\n    depends:\n      - T1\nlessons: |\n  a: b\n---\nbody: 1\n';
      assert.deepEqual(frontMatterScalars(text), [
        { path: ['id'], value: 'X' },
        { path: ['scores', 'importance'], value: '5' },
        { path: ['scores', 'urgency'], value: '4' },
        { path: ['tasks', 0, 'id'], value: 'T1' },
        { path: ['tasks', 0, 'depends', 0], value: 'T0' },
        { path: ['tasks', 0, 'depends', 1], value: 'T9' },
        { path: ['tasks', 1, 'id'], value: 'T2' },
        { path: ['tasks', 1, 'depends', 0], value: 'T1' },
      ]);
      assert.deepEqual(frontMatterScalars('no front-matter'), []);
    });

    it("reads a flow map's item as the regular expression of the first version did (without its backtracking)", () => {
      const reference = (item: string) => {
        const m = /^("[^"]*"|'[^']*'|[^:]+?)\s*:(?:\s+(.*))?$/.exec(item);
        return m ? [m[1], m[2] ?? ''] : undefined;
      };
      const piece = fc.constantFrom('a', 'b', ' ', '  ', '\t', '\u00a0', ':', '"', "'", '\r', 'x y');
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
          const item = pieces.join('').trim();
          assert.deepEqual(flowPair(item), reference(item), JSON.stringify(item));
        }),
        { numRuns: 5000 },
      );
      assert.deepEqual(frontMatterScalars('---\nm: { a:  b, "c" : d }\n---\n'), [
        { path: ['m', 'a'], value: 'b' },
        { path: ['m', 'c'], value: 'd' },
      ]);
    });
  });

  describe('properties', () => {
    const LINE_SAMPLES = [
      'id: X',
      'title: "a: b # c"',
      "title: 'it''s'",
      '# comment',
      '',
      '  ',
      'tasks:',
      '  - id: T1',
      '    depends: [T1, T2',
      '    depends: [T1, "T2"]',
      '  -',
      '- - a',
      'scores: { importance: 5, urgency: ',
      'scores:',
      '  importance: 5 # 高',
      'note: |',
      '  text: x',
      'related: [A,',
      '  B]',
      '---',
      '😀: 😀',
      '"k": v',
      ': x',
      '[a]: b',
    ];
    const line = sampleOr(
      LINE_SAMPLES,
      fc.string({
        maxLength: 14,
        unit: fc.constantFrom('a', ' ', '-', ':', '#', '[', ']', '{', '}', ',', '"', "'", '|', '\t', '😀', '功', '\r'),
      }),
    );
    const doc = fc
      .tuple(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', 'body\n', '# x\nid: y'),
      )
      .map(
        ([lines, eol, bom, closed, body]) =>
          (bom ? '\ufeff' : '') + ['---', ...lines, ...(closed ? ['---'] : [])].join(eol) + (closed ? eol + body : ''),
      );
    const offsetFor = (text: string) =>
      fc.oneof(fc.integer({ min: -3, max: text.length + 3 }), fc.constant(text.length), fc.constant(Number.MAX_SAFE_INTEGER));

    const checkRange = (text: string, offset: number, range: { start: number; end: number }) => {
      const size = text.length - (text.charCodeAt(0) === 0xfeff ? 1 : 0);
      const at = Math.max(0, Math.min(size, offset));
      assert.ok(Number.isInteger(range.start) && Number.isInteger(range.end), 'integer range');
      assert.ok(
        0 <= range.start && range.start <= at && at <= range.end && range.end <= size,
        `range ${range.start}-${range.end} around ${at} of ${size}`,
      );
    };

    it('yamlContextAt never throws, and its range is in the text around the offset', () => {
      fc.assert(
        fc.property(
          doc.chain((text) => fc.tuple(fc.constant(text), offsetFor(text))),
          ([text, offset]) => {
            const c = yamlContextAt(text, offset);
            checkRange(text, offset, c.range);
            assert.ok(Array.isArray(c.path) && Array.isArray(c.siblings) && typeof c.prefix === 'string');
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('completeAt and hoverAt never throw, and their ranges are in the text around the offset', () => {
      const data = {
        requirements: [{ id: 'REQ-2024-001', title: 'x' }],
        customers: ['客户A'],
        owners: ['张三'],
        today: '2026-01-05',
        lang: 'en' as const,
      };
      fc.assert(
        fc.property(
          doc.chain((text) => fc.tuple(fc.constant(text), offsetFor(text))),
          ([text, offset]) => {
            for (const e of completeAt(text, offset, data)) checkRange(text, offset, e.range);
            const h = hoverAt(text, offset, 'zh-cn');
            if (h) checkRange(text, offset, h.range);
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('any text at all, any offset (surrogate halves included)', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 60, unit: 'binary' }), fc.integer({ min: -2, max: 70 }), (body, offset) => {
          const text = `---\n${body}`;
          checkRange(text, offset, yamlContextAt(text, offset).range);
          for (const e of completeAt(text, offset, { requirements: [], customers: [], owners: [], today: '2026-01-05', lang: 'en' }))
            checkRange(text, offset, e.range);
          hoverAt(text, offset, 'en');
        }),
        { numRuns: 2000 },
      );
    });

    it('the token of a key or value is the text between its range', () => {
      const c = contextOf('---\ncustomer:\n  name: 客户‸A\n---\n');
      assert.equal(c.token, '客户A');
    });
  });
});
