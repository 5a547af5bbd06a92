import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keepLines, keptLineStarts, LineIndex } from '../../src/core/text';

/** Lines of any length (very long ones too), joined by the three line endings. */
const texts = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 6, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.nat({ max: 140_000 }).map((n) => 'x'.repeat(n)) },
      ),
      fc.constantFrom('\n', '\r\n', '\r'),
    ),
    { maxLength: 12 },
  )
  .map((lines) => lines.map(([text, eol]) => text.replace(/[\r\n]/g, '') + eol).join(''));

describe('kept line starts', () => {
  it('place every offset up to upTo where the text itself places it', () => {
    fc.assert(
      fc.property(texts, fc.nat(), (text, at) => {
        const upTo = text.length === 0 ? 0 : at % (text.length + 1);
        const kept = keptLineStarts(keepLines(text, upTo));
        const byText = new LineIndex(text);
        for (const offset of [0, upTo, Math.floor(upTo / 2), Math.max(0, upTo - 1)])
          assert.deepEqual(kept.position(offset), byText.position(offset), `offset ${offset}`);
      }),
      { numRuns: 300 },
    );
  });

  it('keep a line of 65,442 characters or more, and cost about a character a line', () => {
    const long = 'y'.repeat(70_000);
    const text = `a\n${long}\r\nb\rc\n`;
    const kept = keepLines(text, text.length);
    assert.equal(kept.packed.length, 4 + 2, 'three short lines, one long one (three characters)');
    const starts = keptLineStarts(kept);
    assert.deepEqual(starts.position(2 + 70_000 + 2), { line: 2, column: 0 });
    assert.deepEqual(starts.position(text.length), new LineIndex(text).position(text.length));
    // More lines than one call makes characters of.
    const many = Array.from({ length: 10_000 }, (_, i) => 'z'.repeat(i % 90)).join('\n');
    const manyKept = keptLineStarts(keepLines(many, many.length));
    for (const offset of [0, 4_000, 200_000, 445_000, many.length])
      assert.deepEqual(manyKept.position(offset), new LineIndex(many).position(offset));
    // Printable: the cache's JSON holds it as it is.
    const short = keepLines('x\n\n  ab\n\n'.repeat(40), 200).packed;
    assert.equal(JSON.stringify(short).length, short.length + 2);
  });
});
