import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { isScored, matchesMatrixFilter, matrixModel, regionOf } from '../../src/core/matrix';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { fromMatrixSchema, toMatrixSchema } from '../../src/protocol/matrix';
import { record } from './support';

function index() {
  return new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
}

const scores = (importance: number, urgency: number) => `\n  importance: ${importance}\n  urgency: ${urgency}`;

describe('matrix: model', () => {
  const ix = index();
  const records = [
    ix.analyze('a.md', record({ id: 'REQ-2026-001', scores: scores(5, 4), customer: '\n  name: 客户A', owner: '张三' })),
    ix.analyze('b.md', record({ id: 'REQ-2026-002', type: 'business', scores: scores(4, 1) })),
    ix.analyze('c.md', record({ id: 'REQ-2026-003', scores: scores(2, 2) })),
    ix.analyze('d.md', record({ id: 'REQ-2026-004' })),
    ix.analyze('e.md', record({ id: 'REQ-2026-005', scores: '\n  importance: 5' })),
  ];

  it('puts scored requirements in cells, counts regions, and keeps the unscored aside', () => {
    const model = matrixModel(records, 4);
    assert.deepEqual(model.cards.map((c) => c.id), ['REQ-2026-001', 'REQ-2026-002', 'REQ-2026-003', 'REQ-2026-004', 'REQ-2026-005']);
    assert.deepEqual(model.regions, { P1: 1, P2: 1, P3: 1 });
    assert.deepEqual(model.cards.filter((c) => !isScored(c)).map((c) => c.id), ['REQ-2026-004', 'REQ-2026-005']);
    const a = model.cards[0]!;
    assert.deepEqual([a.importance, a.urgency, a.customer, a.owner, a.priority], [5, 4, '客户A', '张三', 'P1']);
  });

  it('regions follow the threshold', () => {
    assert.equal(regionOf(4, 4, 4), 'P1');
    assert.equal(regionOf(4, 3, 4), 'P2');
    assert.equal(regionOf(3, 3, 4), 'P3');
    assert.equal(regionOf(3, 3, 3), 'P1');
    assert.deepEqual(matrixModel(records, 2).regions, { P1: 2, P2: 1, P3: 0 });
  });

  it('filters by type, status, customer and owner', () => {
    const cards = matrixModel(records, 4).cards;
    assert.deepEqual(cards.filter((c) => matchesMatrixFilter(c, { type: 'business' })).map((c) => c.id), ['REQ-2026-002']);
    assert.deepEqual(cards.filter((c) => matchesMatrixFilter(c, { customer: '客户A', owner: '张三' })).map((c) => c.id), ['REQ-2026-001']);
    assert.equal(cards.filter((c) => matchesMatrixFilter(c, { status: 'closed' })).length, 0);
  });
});

describe('matrix: protocol', () => {
  it('accepts the intents the webview sends', () => {
    for (const message of [{ type: 'ready' }, { type: 'open', file: 'file:///a.md' }, { type: 'moveCard', file: 'file:///a.md', importance: 5, urgency: 1 }, { type: 'filter', filter: { type: 'business' } }]) {
      assert.ok(fromMatrixSchema.safeParse(message).success, JSON.stringify(message));
    }
  });

  it('refuses anything else: unknown types, scores out of range, wrong shapes', () => {
    for (const message of [
      { type: 'moveCard', file: 'a', importance: 6, urgency: 1 },
      { type: 'moveCard', file: 'a', importance: 2.5, urgency: 1 },
      { type: 'moveCard', importance: 1, urgency: 1 },
      { type: 'edit', file: 'a', text: 'x' },
      '<script>',
      null,
      42,
    ]) {
      assert.equal(fromMatrixSchema.safeParse(message).success, false, JSON.stringify(message));
    }
    fc.assert(fc.property(fc.anything(), (value) => {
      const parsed = fromMatrixSchema.safeParse(value);
      // Whatever is accepted is one of the four intents.
      return !parsed.success || ['ready', 'open', 'moveCard', 'filter'].includes(parsed.data.type);
    }));
  });

  it('the host messages it builds are valid', () => {
    const model = matrixModel([], 4);
    assert.ok(toMatrixSchema.safeParse({ type: 'init', strings: {}, threshold: 4, cards: model.cards, regions: model.regions, filter: {} }).success);
  });
});
