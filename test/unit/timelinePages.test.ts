import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TimelineModel } from '../../src/core/timeline';
import { barCounts, PAGE_LINES, pageBetween, pageFrom, pageHolding } from '../../src/core/timelinePages';
import type { TimelineBar, TimelineRow } from '../../src/protocol/timeline';

const bar = (file: string, n: number): TimelineBar => ({
  requirementFile: file,
  taskId: `T${n + 1}`,
  title: `Task ${n + 1}`,
  start: '2026-03-02',
  end: '2026-03-06',
  days: 5,
  late: false,
  done: false,
  dependsOn: [],
});
const row = (i: number, bars: number): TimelineRow => {
  const file = `file:///r${i}.md`;
  return { file, bars: Array.from({ length: bars }, (_, n) => bar(file, n)), milestones: [] };
};
/** A model whose rows have these many bars each. */
const modelOf = (counts: readonly number[]): TimelineModel => ({
  rows: counts.map((n, i) => row(i, n)),
  unscheduled: [],
  range: undefined,
  openRange: undefined,
  finishedHidden: 0,
  today: '2026-03-09',
});
const lines = (rows: readonly TimelineRow[]): number => rows.reduce((n, r) => n + 1 + r.bars.length, 0);
const counts = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 300 });

describe('timeline: pages of rows', () => {
  it('the layout is the bar count of every row, in order', () => {
    assert.deepEqual(barCounts(modelOf([3, 0, 12])), [3, 0, 12]);
    assert.deepEqual(barCounts(modelOf([])), []);
  });

  it('a page is the model’s rows from where it starts, covering a screen and margins or reaching the end', () => {
    fc.assert(
      fc.property(counts, fc.nat(400), (c, from) => {
        const model = modelOf(c);
        const page = pageFrom(model, from);
        assert.equal(page.from, Math.max(0, Math.min(from, c.length - 1)));
        assert.deepEqual(page.rows, model.rows.slice(page.from, page.from + page.rows.length));
        const end = page.from + page.rows.length;
        assert.ok(lines(page.rows) >= PAGE_LINES || end === c.length, `${lines(page.rows)} lines, ends at ${end} of ${c.length}`);
        // No more than needed: without its last row the page would fall short.
        if (page.rows.length > 0) assert.ok(lines(page.rows.slice(0, -1)) < PAGE_LINES);
      }),
    );
  });

  it('a range asked for is answered with the rows the model has in it', () => {
    const model = modelOf([1, 2, 3, 4]);
    assert.deepEqual(pageBetween(model, 1, 3), { from: 1, rows: model.rows.slice(1, 3) });
    assert.deepEqual(pageBetween(model, 3, 500), { from: 3, rows: model.rows.slice(3) });
    assert.deepEqual(pageBetween(model, 9, 12), { from: 4, rows: [] });
  });

  it('the page holding a requirement has its row, and a few lines above it when there are', () => {
    fc.assert(
      fc.property(
        counts.filter((c) => c.length > 0),
        fc.nat(),
        (c, n) => {
          const model = modelOf(c);
          const at = n % c.length;
          const page = pageHolding(model, model.rows[at]!.file)!;
          assert.ok(page.from <= at && at < page.from + page.rows.length, `row ${at} in ${page.from}+${page.rows.length}`);
          assert.equal(page.rows[at - page.from], model.rows[at]);
          if (at > 0) assert.ok(page.from < at, 'the page starts above the row');
        },
      ),
    );
    assert.equal(pageHolding(modelOf([2]), 'file:///elsewhere.md'), undefined);
  });
});
