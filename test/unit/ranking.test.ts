// The ranked order within a priority level (core/ranking): each criterion, missing values after
// present ones, ties by ID, the setting and its bad values, and the order as a total, stable order.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { localize } from '../../src/core/l10n';
import {
  compareIds,
  compareIdTexts,
  compareRank,
  criterionName,
  DEFAULT_RANKING,
  formatRoi,
  isRanking,
  RANK_CRITERIA,
  rankBasis,
  rankingRule,
  rankKey,
  rankReason,
  ranksWithinLevels,
  sortRanked,
  type RankCriterion,
  type Rankable,
} from '../../src/core/ranking';
import { resolveSettings, type SettingsWarning } from '../../src/core/settings';
import { localizeLater } from '../../src/core/l10n';

let n = 0;
/** A requirement to rank; IDs count up so that the ID order is the order of creation. */
function req(fields: Partial<Rankable> & { value?: number; effort?: number; feasibility?: number; urgency?: number; importance?: number }) {
  const { value, effort, feasibility, urgency, importance, ...rest } = fields;
  n++;
  return {
    id: `REQ-2026-${String(n).padStart(3, '0')}`,
    file: `r/${n}.md`,
    ...rest,
    scores: { value, effort, feasibility, urgency, importance },
  };
}

const ranked = (items: Rankable[], criteria: readonly RankCriterion[] = DEFAULT_RANKING) =>
  sortRanked([...items], criteria, (r) => r).map((r) => r.id);

describe('ranking: each criterion', () => {
  it('the default follows the seed: MoSCoW, then ROI, then feasibility, then Kano', () => {
    assert.deepEqual([...DEFAULT_RANKING], ['moscow', 'roi', 'feasibility', 'kano']);
    assert.deepEqual([...RANK_CRITERIA], ['moscow', 'roi', 'feasibility', 'kano', 'urgency', 'importance']);
  });

  it('moscow: must, should, could, wont, then none', () => {
    const items = [req({}), req({ moscow: 'wont' }), req({ moscow: 'could' }), req({ moscow: 'should' }), req({ moscow: 'must' })];
    assert.deepEqual(
      ranked(items, ['moscow']).map((id) => items.find((i) => i.id === id)!.moscow ?? 'none'),
      ['must', 'should', 'could', 'wont', 'none'],
    );
  });

  it('roi: value ÷ effort, higher first; equal ratios tie; without value or effort, after', () => {
    const a = req({ value: 4, effort: 2 }); // 2
    const b = req({ value: 5, effort: 1 }); // 5
    const c = req({ value: 1, effort: 2 }); // 0.5
    const d = req({ value: 2, effort: 4 }); // 0.5, the same ratio as c
    const e = req({ value: 5 }); // no effort
    const f = req({ effort: 1 }); // no value
    assert.deepEqual(ranked([f, e, d, c, b, a], ['roi']), [b.id, a.id, c.id, d.id, e.id, f.id]);
    assert.equal(compareRank(c, d, ['roi']), 0, '1/2 and 2/4 are the same ROI');
    assert.deepEqual(rankKey(c, ['roi']), rankKey(d, ['roi']));
  });

  it('feasibility, urgency and importance: higher first, unscored after', () => {
    for (const key of ['feasibility', 'urgency', 'importance'] as const) {
      const low = req({ [key]: 2 });
      const high = req({ [key]: 5 });
      const none = req({});
      assert.deepEqual(ranked([none, low, high], [key]), [high.id, low.id, none.id], key);
    }
  });

  it('kano: basic (must-be), performance, excitement (attractive), indifferent, reverse, then none', () => {
    const order = ['basic', 'performance', 'excitement', 'indifferent', 'reverse'];
    const items = [req({}), ...[...order].reverse().map((kano) => req({ kano }))];
    assert.deepEqual(
      ranked(items, ['kano']).map((id) => items.find((i) => i.id === id)!.kano ?? 'none'),
      [...order, 'none'],
    );
  });

  it('a value the schema does not know counts as missing, never as first', () => {
    const odd = req({ moscow: 'mandatory', kano: 'great' });
    const could = req({ moscow: 'could' });
    assert.deepEqual(ranked([odd, could], ['moscow']), [could.id, odd.id]);
    assert.deepEqual(rankBasis(odd, DEFAULT_RANKING), {});
  });

  it('the first criterion decides first; the next only breaks its ties', () => {
    const mustLowRoi = req({ moscow: 'must', value: 1, effort: 5 });
    const shouldHighRoi = req({ moscow: 'should', value: 5, effort: 1 });
    const mustHighRoi = req({ moscow: 'must', value: 4, effort: 1 });
    assert.deepEqual(ranked([shouldHighRoi, mustLowRoi, mustHighRoi]), [mustHighRoi.id, mustLowRoi.id, shouldHighRoi.id]);
    assert.deepEqual(ranked([shouldHighRoi, mustLowRoi, mustHighRoi], ['roi', 'moscow']), [
      shouldHighRoi.id,
      mustHighRoi.id,
      mustLowRoi.id,
    ]);
  });

  it('priority comes before the rank: a P2 must never passes a P1 could', () => {
    const p2must = req({ priority: 'P2', moscow: 'must' });
    const p1could = req({ priority: 'P1', moscow: 'could' });
    const none = req({ moscow: 'must' });
    assert.deepEqual(ranked([none, p2must, p1could]), [p1could.id, p2must.id, none.id]);
  });
});

describe('ranking: ties', () => {
  it('fall back to the ID order (numeric), then the file; no ID last', () => {
    const a = { id: 'REQ-2026-1000', file: 'a.md', moscow: 'must' };
    const b = { id: 'REQ-2026-999', file: 'b.md', moscow: 'must' };
    const c = { file: 'c.md', moscow: 'must' };
    const d = { id: 'REQ-2026-999', file: 'a-copy.md', moscow: 'must' };
    assert.deepEqual(
      sortRanked([a, b, c, d], DEFAULT_RANKING, (r) => r).map((r) => r.file),
      ['a-copy.md', 'b.md', 'a.md', 'c.md'],
    );
    assert.ok(compareIds(b, a) < 0);
  });

  it('an empty ranking orders by ID only', () => {
    const first = req({ moscow: 'wont' });
    const second = req({ moscow: 'must' });
    assert.deepEqual(ranked([second, first], []), [first.id, second.id]);
  });

  it('ranksWithinLevels counts from 1 in each level', () => {
    assert.deepEqual(
      ranksWithinLevels(['P1', 'P1', 'P2', 'P2', 'P2', ''], (p) => p),
      [1, 2, 1, 2, 3, 1],
    );
  });
});

describe('ranking: the reason people read', () => {
  const item = { moscow: 'must', kano: 'basic', scores: { value: 5, effort: 2, feasibility: 4, urgency: 3 } };

  it('names the values in the ranking’s order, in English and Chinese', () => {
    assert.equal(rankReason(item, DEFAULT_RANKING, 'en'), 'must · ROI 2.5 · feasibility 4 · Kano basic');
    assert.equal(rankReason(item, DEFAULT_RANKING, 'zh-cn'), '必须 · 投入产出比 2.5 · 可行性 4 · 基本型（Kano）');
    assert.equal(rankReason(item, ['urgency', 'importance', 'moscow'], 'en'), 'urgency 3 · must');
    assert.equal(rankReason({}, DEFAULT_RANKING, 'en'), '');
  });

  it('ROI keeps at most two decimals', () => {
    assert.deepEqual([formatRoi(5 / 3), formatRoi(4), formatRoi(0.2)], ['1.67', '4', '0.2']);
    assert.deepEqual(rankBasis({ scores: { value: 5, effort: 3 } }, ['roi']), { roi: 1.67 });
  });

  it('states the rule, and every criterion has a name in both languages', () => {
    assert.equal(rankingRule(DEFAULT_RANKING, 'en'), 'Ranked within each priority by MoSCoW, ROI, feasibility, Kano, then ID.');
    assert.equal(rankingRule(DEFAULT_RANKING, 'zh-cn'), '同一优先级内的排序依据：MoSCoW 分类、投入产出比、可行性、Kano 分类，最后按编号。');
    assert.equal(rankingRule([], 'en'), 'Ranked within each priority by ID.');
    for (const c of RANK_CRITERIA) assert.notEqual(criterionName(c, 'zh-cn'), criterionName(c, 'en'), c);
  });
});

describe('ranking: the reqdesk.ranking setting', () => {
  it('takes a list of distinct criteria, an empty one too', () => {
    assert.deepEqual(resolveSettings({}).ranking, [...DEFAULT_RANKING]);
    assert.deepEqual(resolveSettings({ 'reqdesk.ranking': ['kano', 'urgency'] }).ranking, ['kano', 'urgency']);
    assert.deepEqual(resolveSettings({ 'reqdesk.ranking': [] }).ranking, []);
  });

  it('a bad value falls back to the default with a warning that names the criteria, in both languages', () => {
    for (const bad of [['moscow', 'value'], ['roi', 'roi'], 'moscow', [1], { moscow: true }]) {
      const warnings: SettingsWarning[] = [];
      assert.deepEqual(resolveSettings({ 'reqdesk.ranking': bad }, warnings).ranking, [...DEFAULT_RANKING], JSON.stringify(bad));
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0]!.key, 'reqdesk.ranking');
      assert.equal(
        localizeLater('en', warnings[0]!.text),
        'Setting reqdesk.ranking must be a list of distinct criteria among moscow, roi, feasibility, kano, urgency, importance; ' +
          'using the default (moscow, roi, feasibility, kano).',
      );
      assert.match(localizeLater('zh-cn', warnings[0]!.text), /^设置 reqdesk\.ranking 应为不重复的排序依据列表/);
    }
    assert.equal(isRanking(['moscow', 'kano']), true);
    assert.equal(isRanking(['moscow', 'moscow']), false);
  });

  it('the default is not shared: changing one resolved list leaves the next alone', () => {
    resolveSettings({}).ranking.push('importance');
    assert.deepEqual(resolveSettings({}).ranking, [...DEFAULT_RANKING]);
    assert.equal(localize('en', 'ROI {0}', 2), 'ROI 2');
  });
});

describe('ranking: properties', () => {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const score = maybe(fc.integer({ min: 1, max: 5 }));
  const item: fc.Arbitrary<Rankable> = fc.record({
    id: maybe(fc.constantFrom('REQ-2026-001', 'REQ-2026-002', 'REQ-2026-010', 'REQ-2026-1000', '需求-2026-003')),
    file: fc.constantFrom('a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md'),
    priority: maybe(fc.constantFrom('P1', 'P2', 'P3')),
    moscow: maybe(fc.constantFrom('must', 'should', 'could', 'wont', 'other')),
    kano: maybe(fc.constantFrom('basic', 'performance', 'excitement', 'indifferent', 'reverse')),
    scores: fc.record({ importance: score, urgency: score, feasibility: score, value: score, effort: score }),
  });
  // Distinct files, as in an index: the file is the last tie-break.
  const items = fc.uniqueArray(item, { selector: (i) => i.file, maxLength: 6 });
  const criteria = fc.uniqueArray(fc.constantFrom(...RANK_CRITERIA), { maxLength: RANK_CRITERIA.length });

  it('the order is total and stable: any arrangement of the same requirements sorts the same', () => {
    fc.assert(
      fc.property(items, criteria, fc.func(fc.integer()), (list, ranking, noise) => {
        const once = sortRanked([...list], ranking, (r) => r);
        const shuffled = [...list].sort((a, b) => noise(a.file) - noise(b.file) || (a.file < b.file ? -1 : 1));
        assert.deepEqual(
          sortRanked(shuffled, ranking, (r) => r),
          once,
        );
        assert.deepEqual(
          sortRanked([...once], ranking, (r) => r),
          once,
          'sorting a sorted list changes nothing',
        );
        assert.equal(once.length, list.length);
      }),
      { numRuns: 500 },
    );
  });

  it('the rank comparison is a total preorder: antisymmetric and transitive, and ties are decided by ID', () => {
    fc.assert(
      fc.property(item, item, item, criteria, (a, b, c, ranking) => {
        const ab = compareRank(a, b, ranking);
        assert.equal(Math.sign(ab), -Math.sign(compareRank(b, a, ranking)) || 0);
        if (ab <= 0 && compareRank(b, c, ranking) <= 0) assert.ok(compareRank(a, c, ranking) <= 0);
        if (ab === 0 && a.file !== b.file) {
          const [first] = sortRanked([b, a], ranking, (r) => ({ ...r, priority: undefined }));
          assert.equal(first, compareIds(a, b) < 0 ? a : b);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('within a level, a requirement with a value never ranks after one without it (the first criterion)', () => {
    fc.assert(
      fc.property(items, criteria, (list, ranking) => {
        fc.pre(ranking.length > 0);
        const sorted = sortRanked(
          list.map((i) => ({ ...i, priority: undefined })),
          ranking,
          (r) => r,
        );
        const has = sorted.map((r) => rankKey(r, ranking)[0] !== Number.POSITIVE_INFINITY);
        assert.ok(!has.some((present, i) => present && has.slice(0, i).some((p) => !p)), JSON.stringify(has));
      }),
      { numRuns: 500 },
    );
  });

  it("ID order is the numeric collator's, its shortcut included, for IDs that differ anywhere", () => {
    const collator = new Intl.Collator(undefined, { numeric: true });
    // Few characters, so that IDs share prefixes, lengths and digit runs: the shortcut's cases.
    const char = fc.constantFrom('R', 'E', 'Q', 'r', '-', '_', '需', '求', '0', '1', '2', '9', '０', '９', '٣', ' ', 'é');
    const text = fc.array(char, { maxLength: 14 }).map((cs) => cs.join(''));
    const shared = fc.tuple(text, text).chain(([head, a]) =>
      fc.tuple(
        fc.constant(`${head}${a}`),
        text.map((b) => `${head}${b}`),
      ),
    );
    // IDs as users write them: numbers of one width, and a tail that may continue the run.
    const number = (width: number) => fc.integer({ min: 0, max: 10 ** width - 1 }).map((n) => String(n).padStart(width, '0'));
    const id = fc
      .tuple(fc.constantFrom('REQ-2026-', '需求-2024-', 'R'), fc.integer({ min: 1, max: 5 }), fc.constantFrom('', 'a', '-1', '２', '٣'))
      .chain(([prefix, width, tail]) => number(width).map((n) => `${prefix}${n}${tail}`));
    const pair = fc.oneof(shared, fc.tuple(id, id));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        assert.equal(Math.sign(compareIdTexts(a, b)), Math.sign(collator.compare(a, b)), `${a} / ${b}`);
      }),
      { numRuns: 5000 },
    );
    for (const [a, b] of [
      ['REQ-2026-0417', 'REQ-2026-0452'],
      ['REQ-2026-999', 'REQ-2026-1000'],
      ['REQ-2026-12a', 'REQ-2026-1２a'],
      ['REQ-2026-19', 'REQ-2026-2٣'],
    ])
      assert.equal(Math.sign(compareIdTexts(a!, b!)), Math.sign(collator.compare(a!, b!)), `${a} / ${b}`);
  });
});
