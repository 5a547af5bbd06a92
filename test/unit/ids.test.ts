import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES, nextId, type IdGrammar } from '../../src/core/ids';
import { ID_NEAR_MISSES } from './support';

const g = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);
const jira = compileIdGrammar(['PROJ', 'REQ'], '{prefix}-{seq}');

const ids = (grammar: IdGrammar, text: string): string[] => grammar.findReferences(text).map((r) => r.id);

describe('ids: compileIdGrammar', () => {
  it('exposes the configuration', () => {
    assert.deepEqual(g.prefixes, ['REQ', '需求']);
    assert.equal(g.template, '{prefix}-{year}-{seq:3}');
    assert.equal(g.hasYear, true);
    assert.equal(g.seqWidth, 3);
    assert.equal(jira.hasYear, false);
    assert.equal(jira.seqWidth, 1);
  });

  it('rejects bad formats with a clear message', () => {
    assert.throws(() => compileIdGrammar(['REQ'], '{year}-{seq}'), /missing \{prefix\}/);
    assert.throws(() => compileIdGrammar(['REQ'], '{prefix}-{year}'), /missing \{seq\}/);
    assert.throws(() => compileIdGrammar(['REQ'], '{prefix}-{month}-{seq}'), /unknown token \{month\}/);
    assert.throws(() => compileIdGrammar(['REQ'], '{prefix}-{seq:x}'), /unknown token/);
    assert.throws(() => compileIdGrammar(['REQ'], '{prefix}-{seq:0}'), /1 ≤ N/);
    assert.throws(() => compileIdGrammar(['REQ'], '{prefix}-{seq}-{seq}'), /more than once/);
    assert.throws(() => compileIdGrammar(['REQ'], '{prefix}-{seq'), /unbalanced brace/);
    assert.throws(() => compileIdGrammar(['REQ'], '{prefix}}-{seq}'), /unbalanced brace/);
    assert.throws(() => compileIdGrammar([], '{prefix}-{seq}'), /at least one prefix/);
    assert.throws(() => compileIdGrammar([''], '{prefix}-{seq}'), /non-empty/);
  });
});

describe('ids: isValid / parse / format', () => {
  it('accepts both default prefixes', () => {
    assert.ok(g.isValid('REQ-2024-001'));
    assert.ok(g.isValid('需求-2024-001'));
    assert.deepEqual(g.parse('REQ-2024-001'), { prefix: 'REQ', year: 2024, seq: 1 });
    assert.deepEqual(g.parse('需求-2025-1234'), { prefix: '需求', year: 2025, seq: 1234 });
  });

  it('rejects near misses', () => {
    for (const bad of [
      'REQ-2024-01', // too few digits for {seq:3}
      'REQ-24-001',
      'req-2024-001', // prefixes are case-sensitive
      'REQ-2024-001 ',
      ' REQ-2024-001',
      'REQ_2024_001',
      'XREQ-2024-001',
      'REQ-2024-00a',
      'REQ-２０２４-001', // full-width digits are not ASCII digits
      'REQ-2024-99999999999999999999', // not an exact integer
      '',
    ]) {
      assert.equal(g.isValid(bad), false, bad);
      assert.equal(g.parse(bad), undefined, bad);
    }
  });

  it('pads the sequence to the format width and not beyond', () => {
    assert.equal(g.format({ prefix: 'REQ', year: 2024, seq: 1 }), 'REQ-2024-001');
    assert.equal(g.format({ prefix: '需求', year: 2024, seq: 42 }), '需求-2024-042');
    assert.equal(g.format({ prefix: 'REQ', year: 2024, seq: 1234 }), 'REQ-2024-1234');
    assert.equal(g.format({ prefix: 'REQ', year: 7, seq: 5 }), 'REQ-0007-005');
    assert.equal(compileIdGrammar(['R'], '{prefix}{seq:5}').format({ prefix: 'R', seq: 12 }), 'R00012');
  });

  it('refuses parts that cannot form an ID', () => {
    assert.throws(() => g.format({ prefix: 'BUG', year: 2024, seq: 1 }), /Unknown ID prefix/);
    assert.throws(() => g.format({ prefix: 'REQ', seq: 1 }), /needs a year/);
    assert.throws(() => g.format({ prefix: 'REQ', year: 10000, seq: 1 }), /needs a year/);
    assert.throws(() => g.format({ prefix: 'REQ', year: 2024, seq: -1 }), /non-negative/);
    assert.throws(() => g.format({ prefix: 'REQ', year: 2024, seq: 1.5 }), /non-negative/);
  });

  it('supports the {prefix}-{seq} format', () => {
    assert.ok(jira.isValid('PROJ-1'));
    assert.ok(jira.isValid('REQ-0042'));
    assert.equal(jira.isValid('PROJ-2024-001'), false);
    assert.deepEqual(jira.parse('PROJ-42'), { prefix: 'PROJ', seq: 42 });
    assert.equal(jira.format({ prefix: 'PROJ', seq: 7 }), 'PROJ-7');
    // A year is ignored when the format has none.
    assert.equal(jira.format({ prefix: 'PROJ', year: 2024, seq: 7 }), 'PROJ-7');
  });

  it('escapes regex metacharacters in prefixes and literal text', () => {
    const odd = compileIdGrammar(['C++', 'A.B', '[x]'], '{prefix}#({year}).{seq:2}');
    assert.ok(odd.isValid('C++#(2024).07'));
    assert.ok(odd.isValid('A.B#(2024).07'));
    assert.ok(odd.isValid('[x]#(2024).07'));
    assert.equal(odd.isValid('AxB#(2024).07'), false);
    assert.equal(odd.isValid('C++#(2024)x07'), false);
    assert.deepEqual(odd.parse('C++#(2024).123'), { prefix: 'C++', year: 2024, seq: 123 });
  });

  it('prefers the longer of two overlapping prefixes', () => {
    const ov = compileIdGrammar(['RE', 'REQ'], '{prefix}-{seq}');
    assert.deepEqual(ov.parse('REQ-1'), { prefix: 'REQ', seq: 1 });
    assert.deepEqual(ov.parse('RE-1'), { prefix: 'RE', seq: 1 });
    assert.deepEqual(ids(ov, 'RE-1 REQ-2'), ['RE-1', 'REQ-2']);
  });
});

describe('ids: findReferences', () => {
  it('finds IDs after and before Chinese text', () => {
    assert.deepEqual(g.findReferences('完成需求-2024-001的开发'), [{ id: '需求-2024-001', start: 2, end: 13 }]);
    assert.deepEqual(ids(g, '参见REQ-2024-002以及需求-2024-003'), ['REQ-2024-002', '需求-2024-003']);
    assert.deepEqual(ids(g, '需求-2024-001'), ['需求-2024-001']);
  });

  it('finds IDs in full-width punctuation', () => {
    assert.deepEqual(ids(g, '（需求-2024-001）'), ['需求-2024-001']);
    assert.deepEqual(ids(g, '需求-2024-001、REQ-2024-002'), ['需求-2024-001', 'REQ-2024-002']);
    assert.deepEqual(ids(g, '见REQ-2024-001，再看「需求-2024-004」。'), ['REQ-2024-001', '需求-2024-004']);
  });

  it('finds IDs next to ASCII punctuation', () => {
    assert.deepEqual(ids(g, 'Fixes REQ-2024-001.'), ['REQ-2024-001']);
    assert.deepEqual(ids(g, '(REQ-2024-001)'), ['REQ-2024-001']);
    assert.deepEqual(ids(g, '[REQ-2024-001](docs/REQ-2024-001.md)'), ['REQ-2024-001', 'REQ-2024-001']);
    assert.deepEqual(ids(g, '// TODO(REQ-2024-001): x'), ['REQ-2024-001']);
    assert.deepEqual(ids(g, '#REQ-2024-001'), ['REQ-2024-001']);
    // A trailing hyphen is allowed (e.g. branch names), a leading one is not.
    assert.deepEqual(ids(g, 'REQ-2024-001-draft'), ['REQ-2024-001']);
  });

  it('does not match inside longer tokens', () => {
    for (const text of [...ID_NEAR_MISSES, 'PRE-REQ-2024-001', 'REQ-2024-001a']) {
      assert.deepEqual(ids(g, text), [], text);
    }
  });

  it('takes the whole digit run, not a prefix of it', () => {
    assert.deepEqual(ids(g, 'REQ-2024-0012 '), ['REQ-2024-0012']);
  });

  /** The default grammar finds exactly these IDs in the text, each where its offsets say. */
  function assertFound(text: string, expected: string[]): void {
    const refs = g.findReferences(text);
    assert.deepEqual(
      refs.map((r) => r.id),
      expected,
    );
    for (const r of refs) assert.equal(text.slice(r.start, r.end), r.id);
  }

  it('finds several IDs on a line with correct offsets', () => {
    assertFound('REQ-2024-001, 需求-2024-002 and REQ-2025-010', ['REQ-2024-001', '需求-2024-002', 'REQ-2025-010']);
  });

  it('handles CRLF text', () => {
    assertFound('line one REQ-2024-001\r\n需求-2024-002\r\n\r\nend REQ-2024-003\r\n', ['REQ-2024-001', '需求-2024-002', 'REQ-2024-003']);
  });

  it('uses UTF-16 offsets across astral characters', () => {
    const text = '😀 REQ-2024-001';
    assert.deepEqual(g.findReferences(text), [{ id: 'REQ-2024-001', start: 3, end: 15 }]);
  });

  it('is repeatable (no state carried between calls)', () => {
    const text = 'REQ-2024-001 REQ-2024-002';
    assert.deepEqual(ids(g, text), ids(g, text));
    assert.deepEqual(ids(g, 'none here'), []);
    assert.deepEqual(ids(g, text), ['REQ-2024-001', 'REQ-2024-002']);
  });

  it('works with the {prefix}-{seq} format', () => {
    assert.deepEqual(ids(jira, 'PROJ-12: fix, see REQ-3 and PROJ-12a'), ['PROJ-12', 'REQ-3']);
  });
});

describe('ids: nextId', () => {
  const existing = ['REQ-2024-001', 'REQ-2024-007', 'REQ-2025-003', '需求-2024-010', 'junk', 'REQ-2024-x'];

  it('continues the highest number of that prefix and year', () => {
    assert.equal(nextId(g, existing, { prefix: 'REQ', year: 2024 }), 'REQ-2024-008');
    assert.equal(nextId(g, existing, { prefix: 'REQ', year: 2025 }), 'REQ-2025-004');
    assert.equal(nextId(g, existing, { prefix: '需求', year: 2024 }), '需求-2024-011');
  });

  it('starts at 1 for a new year or prefix', () => {
    assert.equal(nextId(g, existing, { prefix: 'REQ', year: 2026 }), 'REQ-2026-001');
    assert.equal(nextId(g, [], { prefix: '需求', year: 2024 }), '需求-2024-001');
  });

  it('grows past the padding width', () => {
    assert.equal(nextId(g, ['REQ-2024-999'], { prefix: 'REQ', year: 2024 }), 'REQ-2024-1000');
  });

  it('ignores the year for a format without one', () => {
    assert.equal(nextId(jira, ['PROJ-9', 'PROJ-41', 'REQ-100'], { prefix: 'PROJ' }), 'PROJ-42');
    assert.equal(nextId(jira, ['PROJ-9'], { prefix: 'PROJ', year: 2030 }), 'PROJ-10');
  });

  it('accepts any iterable', () => {
    assert.equal(nextId(g, new Set(['REQ-2024-002']), { prefix: 'REQ', year: 2024 }), 'REQ-2024-003');
  });

  it('needs a known prefix, and a year when the format has one', () => {
    assert.throws(() => nextId(g, [], { prefix: 'BUG', year: 2024 }), /Unknown ID prefix/);
    assert.throws(() => nextId(g, [], { prefix: 'REQ' }), /needs a year/);
  });
});

describe('ids: properties', () => {
  // Prefixes built from letters, CJK and regex metacharacters, but not digits or hyphens, so no
  // two prefixes can make one ID ambiguous.
  const prefixChar = fc.constantFrom(...'ABCXYZabc需求工单.*+?()[]{}|^$\\'.split(''));
  const prefixArb = fc.string({ unit: prefixChar, minLength: 1, maxLength: 6 });
  const formatArb = fc.constantFrom(
    '{prefix}-{year}-{seq:3}',
    '{prefix}-{seq}',
    '{prefix}-{seq:4}',
    '{prefix}.{year}.{seq}',
    '{prefix}{year}{seq:2}',
  );
  const grammarArb = fc
    .tuple(fc.uniqueArray(prefixArb, { minLength: 1, maxLength: 3 }), formatArb)
    .map(([prefixes, format]) => compileIdGrammar(['REQ', '需求', ...prefixes], format));
  const partsArb = (gr: IdGrammar) =>
    fc.record({
      prefix: fc.constantFrom(...gr.prefixes),
      year: fc.integer({ min: 0, max: 9999 }),
      seq: fc.integer({ min: 0, max: 10_000_000 }),
    });

  it('parse ∘ format is the identity', () => {
    fc.assert(
      fc.property(
        grammarArb.chain((gr) => fc.tuple(fc.constant(gr), partsArb(gr))),
        ([gr, parts]) => {
          const id = gr.format(parts);
          const expected = gr.hasYear ? { ...parts } : { prefix: parts.prefix, seq: parts.seq };
          assert.ok(gr.isValid(id), id);
          assert.deepEqual(gr.parse(id), expected);
          assert.equal(gr.format(gr.parse(id)!), id);
        },
      ),
    );
  });

  it('findReferences on junk + id + junk finds the id exactly when the boundaries allow', () => {
    const junkChar = fc.constantFrom(...'aZ09_- .,;:()（）、，。的完成需求\r\n#/'.split(''));
    const junk = fc.string({ unit: junkChar, maxLength: 6 });
    const parts = fc.record({
      prefix: fc.constantFrom('REQ', '需求'),
      year: fc.integer({ min: 1990, max: 2099 }),
      seq: fc.integer({ min: 0, max: 99_999 }),
    });
    fc.assert(
      fc.property(junk, parts, junk, (before, p, after) => {
        const id = g.format(p);
        const text = before + id + after;
        const allowed = !/[A-Za-z0-9_-]$/.test(before) && !/^[A-Za-z0-9_]/.test(after);
        const hit = g.findReferences(text).some((r) => r.start === before.length && r.end === before.length + id.length);
        assert.equal(hit, allowed, JSON.stringify(text));
        // Whatever is found is a real ID at the reported offsets.
        for (const r of g.findReferences(text)) {
          assert.equal(text.slice(r.start, r.end), r.id);
          assert.ok(g.isValid(r.id));
        }
      }),
    );
  });

  it('nextId is greater than every existing number of that prefix and year', () => {
    const parts = fc.record({
      prefix: fc.constantFrom('REQ', '需求'),
      year: fc.constantFrom(2024, 2025),
      seq: fc.integer({ min: 0, max: 5000 }),
    });
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 30 }), fc.constantFrom('REQ', '需求'), (list, prefix) => {
        const next = g.parse(
          nextId(
            g,
            list.map((p) => g.format(p)),
            { prefix, year: 2024 },
          ),
        )!;
        const same = list.filter((p) => p.prefix === prefix && p.year === 2024).map((p) => p.seq);
        assert.equal(next.seq, Math.max(0, ...same) + 1);
        assert.equal(next.year, 2024);
      }),
    );
  });
});

describe('ids: a large text', () => {
  it('finds the one ID in 2.6 MB of text without IDs', () => {
    const line = '普通的一行文字，没有编号 plain text without ids, some_code(x) - y;\n';
    const text = line.repeat(20_000) + '完成需求-2024-001的开发\n' + line.repeat(20_000);
    const found = g.findReferences(text);
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]!.start, found[0]!.end), '需求-2024-001');
  });
});
