import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { filterBar } from '../../src/core/filterBar';
import {
  hiddenCards,
  isScored,
  matchesMatrixFilter,
  matrixCells,
  matrixChoices,
  matrixModel,
  priorityDiffers,
  regionOf,
  unscoredOrder,
} from '../../src/core/matrix';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { fromMatrixSchema, toMatrixSchema } from '../../src/protocol/matrix';
import { FILTER_KEYS } from '../../src/protocol/filterBar';
import {
  assertAcceptsAll,
  assertAcceptsExactlyTheValid,
  assertRefusesAll,
  labelledMessages,
  oneSpoiler,
  sharedSpoilers,
  spoil,
  type Labelled,
  type Message,
} from './protocolCases';
import { FILTER_TEXT } from '../support/filterText';
import { record } from './support';

function index() {
  return new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
}

const scores = (importance: number, urgency: number) => `\n  importance: ${importance}\n  urgency: ${urgency}`;

const ix = index();
const records = [
  ix.analyze('a.md', record({ id: 'REQ-2026-001', scores: scores(5, 4), customer: '\n  name: 客户A', owner: '张三' })),
  ix.analyze('b.md', record({ id: 'REQ-2026-002', type: 'business', scores: scores(4, 1) })),
  ix.analyze('c.md', record({ id: 'REQ-2026-003', scores: scores(2, 2) })),
  ix.analyze('d.md', record({ id: 'REQ-2026-004' })),
  ix.analyze('e.md', record({ id: 'REQ-2026-005', scores: '\n  importance: 5' })),
];

describe('matrix: model', () => {
  it('puts scored requirements in cells, counts regions, and keeps the unscored aside', () => {
    const model = matrixModel(records, 4);
    assert.deepEqual(
      model.cards.map((c) => c.id),
      ['REQ-2026-001', 'REQ-2026-002', 'REQ-2026-003', 'REQ-2026-004', 'REQ-2026-005'],
    );
    assert.deepEqual(model.regions, { P1: 1, P2: 1, P3: 1 });
    assert.deepEqual(
      model.cards.filter((c) => !isScored(c)).map((c) => c.id),
      ['REQ-2026-004', 'REQ-2026-005'],
    );
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
    assert.deepEqual(
      cards.filter((c) => matchesMatrixFilter(c, { type: 'business' })).map((c) => c.id),
      ['REQ-2026-002'],
    );
    assert.deepEqual(
      cards.filter((c) => matchesMatrixFilter(c, { customer: '客户A', owner: '张三' })).map((c) => c.id),
      ['REQ-2026-001'],
    );
    assert.equal(cards.filter((c) => matchesMatrixFilter(c, { status: 'closed' })).length, 0);
  });

  it('gives the region of every cell, written out for threshold 4 and 2', () => {
    // Rows are importance 1..5, columns urgency 1..5.
    const P1 = 'P1';
    const P2 = 'P2';
    const P3 = 'P3';
    assert.deepEqual(matrixCells(4), [
      [P3, P3, P3, P2, P2],
      [P3, P3, P3, P2, P2],
      [P3, P3, P3, P2, P2],
      [P2, P2, P2, P1, P1],
      [P2, P2, P2, P1, P1],
    ]);
    assert.deepEqual(matrixCells(2), [
      [P3, P2, P2, P2, P2],
      [P2, P1, P1, P1, P1],
      [P2, P1, P1, P1, P1],
      [P2, P1, P1, P1, P1],
      [P2, P1, P1, P1, P1],
    ]);
    assert.deepEqual(matrixModel(records, 4).cells, matrixCells(4));
  });

  it('names the cards a filter hides, and offers every customer and owner once, sorted', () => {
    const cards = matrixModel(records, 4).cards;
    assert.deepEqual(hiddenCards(cards, {}), []);
    assert.deepEqual(hiddenCards(cards, { type: 'business' }), ['a.md', 'c.md', 'd.md', 'e.md']);
    assert.deepEqual(hiddenCards(cards, { owner: '张三' }), ['b.md', 'c.md', 'd.md', 'e.md']);
    assert.deepEqual(matrixChoices(cards), { customers: ['客户A'], owners: ['张三'] });
  });

  it('names the scored cards whose stored priority is not their cell’s region, which the tree counts elsewhere', () => {
    const ix2 = index();
    const cards = matrixModel(
      [
        // Stored P1 in a P3 cell: differs.
        ix2.analyze('f.md', record({ id: 'REQ-2026-006', priority: 'P1', scores: scores(2, 2) })),
        // Stored P1 in a P1 cell: agrees.
        ix2.analyze('g.md', record({ id: 'REQ-2026-007', priority: 'P1', scores: scores(5, 5) })),
        // No stored priority: the scores give it, so it agrees.
        ix2.analyze('h.md', record({ id: 'REQ-2026-008', scores: scores(4, 1) })),
        // Stored but unscored: not in a cell, listed aside.
        ix2.analyze('i.md', record({ id: 'REQ-2026-009', priority: 'P2' })),
      ],
      4,
    ).cards;
    assert.deepEqual(priorityDiffers(cards, 4), ['f.md']);
    // With threshold 2, the 2/2 cell is P1, as f.md's stored priority says: nothing differs.
    assert.deepEqual(priorityDiffers(cards, 2), []);
  });
});

// ── generated messages: the intents the webview sends, and near misses the host must refuse ──

const text = fc.string({ maxLength: 12 });
const score = fc.integer({ min: 1, max: 5 });
const validFilter = fc.record({ type: text, status: text, customer: text, owner: text }, { requiredKeys: [] });
const validIntent: fc.Arbitrary<Message> = fc.oneof(
  fc.constant({ type: 'ready' }),
  fc.record({ type: fc.constant('open'), file: text }),
  fc.record({ type: fc.constant('moveCard'), file: text, importance: score, urgency: score }),
  fc.record({ type: fc.constant('filter'), filter: validFilter }),
);
const REQUIRED: Record<string, string[]> = {
  ready: ['type'],
  open: ['type', 'file'],
  moveCard: ['type', 'file', 'importance', 'urgency'],
  filter: ['type', 'filter'],
};
const badScore = fc.constantFrom<unknown>(0, 6, -1, 10, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null, true, [3]);
const notText = fc.constantFrom<unknown>(1, null, true, [], {}, ['a.md']);

/** One way to spoil a valid message, chosen among those that apply to its intent. */
function nearMiss(message: Message): fc.Arbitrary<Labelled> {
  const type = String(message.type);
  const own: Array<fc.Arbitrary<Labelled>> = [];
  if (type === 'open' || type === 'moveCard') own.push(notText.map((f) => spoil('file not text', { ...message, file: f })));
  if (type === 'moveCard')
    own.push(fc.tuple(fc.constantFrom('importance', 'urgency'), badScore).map(([k, v]) => spoil('bad score', { ...message, [k]: v })));
  if (type === 'filter') {
    own.push(fc.constantFrom<unknown>(null, 'business', [], 3).map((f) => spoil('filter not an object', { ...message, filter: f })));
    own.push(
      fc
        .tuple(fc.constantFrom(...FILTER_KEYS), notText)
        .map(([k, v]) => spoil('filter value not text', { ...message, filter: { ...(message.filter as Message), [k]: v } })),
    );
  }
  return oneSpoiler(sharedSpoilers(message, REQUIRED, ['moveCards', 'edit', 'Ready', '', 'init', 'cards', 'focus', 'openTask']), own);
}

const matrixMessage = labelledMessages(validIntent, ['extra', 'edit', 'text', 'constructor'], nearMiss);

describe('matrix: the unscored list', () => {
  it('is in the tree’s reading order: priority, the rank within it, then ID', () => {
    const ix2 = index();
    const unscored = [
      ix2.analyze('u1.md', record({ id: 'REQ-2026-011' })),
      ix2.analyze('u2.md', record({ id: 'REQ-2026-012', moscow: 'could' })),
      ix2.analyze('u3.md', record({ id: 'REQ-2026-013', moscow: 'must' })),
      ix2.analyze('u4.md', record({ id: 'REQ-2026-014', priority: 'P1', moscow: 'wont' })),
      ix2.analyze('u5.md', record({ id: 'REQ-2026-015', scores: '\n  value: 5\n  effort: 1', moscow: 'could' })),
      ix2.analyze('s1.md', record({ id: 'REQ-2026-016', scores: scores(5, 5), moscow: 'must' })),
    ];
    const model = matrixModel(unscored, 4);
    const data = (file: string) => unscored.find((r) => r.file === file)?.data;
    // The scored card is in its cell, not in the list; the P1 one leads whatever its MoSCoW.
    assert.deepEqual(unscoredOrder(model.cards, data, DEFAULT_SETTINGS.ranking), ['u4.md', 'u3.md', 'u5.md', 'u2.md', 'u1.md']);
    assert.deepEqual(unscoredOrder(model.cards, data, []), ['u4.md', 'u1.md', 'u2.md', 'u3.md', 'u5.md']);
  });
});

describe('matrix: protocol', () => {
  it('accepts the intents the webview sends', () => {
    assertAcceptsAll(fromMatrixSchema, [
      { type: 'ready' },
      { type: 'open', file: 'file:///a.md' },
      { type: 'moveCard', file: 'file:///a.md', importance: 5, urgency: 1 },
      { type: 'filter', filter: { type: 'business' } },
    ]);
  });

  it('refuses anything else: unknown types, scores out of range, wrong shapes', () => {
    assertRefusesAll(fromMatrixSchema, [
      { type: 'moveCard', file: 'a', importance: 6, urgency: 1 },
      { type: 'moveCard', file: 'a', importance: 2.5, urgency: 1 },
      { type: 'moveCard', importance: 1, urgency: 1 },
    ]);
  });

  it('accepts exactly the well-formed intents among generated valid messages and near misses', () => {
    assertAcceptsExactlyTheValid('matrix protocol', fromMatrixSchema, matrixMessage, REQUIRED, 1000);
  });

  it('the host messages it builds are valid', () => {
    const model = matrixModel([], 4);
    const filters = filterBar(matrixChoices(model.cards), FILTER_TEXT, 'en');
    assert.ok(
      toMatrixSchema.safeParse({
        type: 'init',
        strings: {},
        cells: model.cells,
        cards: model.cards,
        regions: model.regions,
        filter: {},
        filters,
        hidden: [],
        differs: [],
        unscored: [],
      }).success,
    );
    const full = matrixModel(records, 4);
    const cards = {
      type: 'cards',
      cells: full.cells,
      upserted: full.cards,
      removed: ['gone.md'],
      regions: full.regions,
      filters: filterBar(matrixChoices(full.cards), FILTER_TEXT, 'zh-cn'),
      hidden: hiddenCards(full.cards, { type: 'business' }),
      differs: priorityDiffers(full.cards, 4),
      unscored: unscoredOrder(full.cards, (file) => records.find((r) => r.file === file)?.data, DEFAULT_SETTINGS.ranking),
    };
    assert.ok(toMatrixSchema.safeParse(cards).success, JSON.stringify(toMatrixSchema.safeParse(cards).error?.issues));
    // A cell region out of the grid or a wrong priority is refused.
    assert.equal(toMatrixSchema.safeParse({ ...cards, cells: full.cells.slice(1) }).success, false);
    assert.equal(toMatrixSchema.safeParse({ ...cards, cells: [['P4', 'P1', 'P1', 'P1', 'P1'], ...full.cells.slice(1)] }).success, false);
  });
});
