// Near-duplicate requests (src/core/nearDuplicates.ts): the words compared (character pairs for
// Chinese, words for Latin scripts), the score, the threshold on real titles, and a text is its
// own nearest duplicate.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  findNearDuplicates,
  NEAR_DUPLICATE_THRESHOLD,
  similarityText,
  similarityTokens,
  type DuplicateCandidate,
} from '../../src/core/nearDuplicates';
import { CaseTally } from './caseTally';

const candidates = (titles: Array<string | [string, string]>): DuplicateCandidate[] =>
  titles.map((t, i) => {
    const [title, text] = typeof t === 'string' ? [t, ''] : t;
    return { file: `r${i}.md`, id: `REQ-2026-${String(i + 1).padStart(3, '0')}`, title, text };
  });

/** The titles of the examples workspace (examples/requirements). */
const WORKSPACE = candidates([
  'Export energy readings as CSV',
  'Volume discount for 120 additional store licences',
  'CSV export opens with correct Chinese text in Excel',
  'SAML single sign-on with Azure AD',
  'One consolidated monthly invoice for 14 subsidiaries',
  'Push shipment status to the carrier API every 15 minutes',
  'Import 8,000 employee records from Excel in one step',
  'Energy dashboard loads in under 2 seconds for 180 devices',
  'Predict delivery ETA per shipment within ±2 hours',
  'Dark theme for the 65-inch control-room display',
  '实时监控生产设备能耗',
  '能耗异常告警推送到企业微信',
  '夜间故障工单 2 小时内响应',
  '手机端 3 步内完成采购审批',
  '按生产批次追溯质检数据',
  '三个厂区能耗对标看板',
  '门店缺货前 3 天自动补货预警',
  '付款账期由 30 天延长至 60 天',
  '本地机房私有化部署并提供驻场运维',
]);

const found = (title: string, list = WORKSPACE) => findNearDuplicates({ title }, list).map((d) => [d.title, Math.round(d.score * 100)]);

describe('near duplicates: words', () => {
  it('Chinese in overlapping character pairs, other scripts in words; case, width, filler words and a plural -s folded', () => {
    assert.deepEqual([...similarityTokens('设备能耗')], ['设备', '备能', '能耗']);
    assert.deepEqual([...similarityTokens('The Reports of ＡＣＭＥ, a class')], ['report', 'acme', 'class']);
    assert.deepEqual([...similarityTokens('导出CSV报表（每月）')], ['导出', 'csv', '报表', '每月']);
    assert.deepEqual([...similarityTokens('单')], ['单']);
    assert.deepEqual([...similarityTokens('— …')], []);
  });

  it('the compared text of a record: its scenario and goal, template hints left out', () => {
    const text =
      '---\nid: REQ-2026-001\n---\n# T\n\n## 需求描述\nnot compared\n\n## 需求场景 Scenario\n月底手工抄表<!-- hint -->\n\n## Expected goal\nNo copying.\n';
    assert.equal(similarityText(text), '月底手工抄表\nNo copying.');
  });
});

describe('near duplicates: scores', () => {
  it('a paraphrase of a Chinese title is found; unrelated requests of the workspace stay under the threshold', () => {
    assert.equal(NEAR_DUPLICATE_THRESHOLD, 0.3);
    assert.deepEqual(found('手机端审批采购单'), [['手机端 3 步内完成采购审批', 42]]);
    assert.deepEqual(found('实时查看设备能耗'), [['实时监控生产设备能耗', 43]]);
    assert.deepEqual(found('门店销售日报'), []);
  });

  it('English titles: the same ask in other words, best first, at most three', () => {
    assert.deepEqual(found('Export the energy report as CSV'), [
      ['Export energy readings as CSV', 67],
      ['CSV export opens with correct Chinese text in Excel', 36],
    ]);
    assert.deepEqual(found('Single sign-on with the company directory'), [['SAML single sign-on with Azure AD', 39]]);
    assert.deepEqual(found('Show the ETA to shippers'), []);
  });

  it('a title found in another record’s scenario counts (four words or more), a short one does not', () => {
    const list = candidates(['Energy dashboard', ['Monthly report', 'Finance copies the energy readings of every meter by hand.']]);
    assert.deepEqual(
      findNearDuplicates({ title: 'copy energy readings of every meter' }, list).map((d) => [d.id, Math.round(d.score * 100)]),
      [['REQ-2026-002', 57]],
    );
    assert.deepEqual(findNearDuplicates({ title: 'energy readings' }, list.slice(1)), []);
  });

  it('nothing to compare: an empty title, no records', () => {
    assert.deepEqual(findNearDuplicates({ title: '  ' }, WORKSPACE), []);
    assert.deepEqual(findNearDuplicates({ title: 'Export energy' }, []), []);
  });
});

describe('near duplicates: a text is its own nearest duplicate', () => {
  const chinese = fc.stringMatching(/^[设备能耗数据导出报表客户手机审批采购门店告警]{1,12}$/);
  const english = fc
    .array(fc.constantFrom('export', 'energy', 'report', 'csv', 'monthly', 'device', 'alarm', 'invoice', 'login', 'the', 'for'), {
      minLength: 1,
      maxLength: 8,
    })
    // A text of filler words only has nothing to compare.
    .filter((w) => w.some((x) => x !== 'the' && x !== 'for'))
    .map((w) => w.join(' '));
  const text = fc.oneof(
    chinese,
    english,
    fc.tuple(chinese, english).map(([a, b]) => `${a} ${b}`),
  );
  const record = fc.record({ title: text, text: fc.oneof(fc.constant(''), text) });

  it('the record whose title and text are the query scores 1, and nothing scores more', () => {
    const tally = new CaseTally('own nearest duplicate');
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), fc.nat(), (records, pick) => {
        const list = records.map((r, i) => ({ file: `r${i}.md`, title: r.title, text: r.text }));
        const self = list[pick % list.length]!;
        const result = findNearDuplicates({ title: self.title, text: self.text }, list, { threshold: 0, limit: list.length });
        const own = result.find((d) => d.file === self.file);
        assert.ok(own, 'the record itself is among the results');
        assert.equal(own.score, 1);
        assert.equal(result[0]!.score, 1, 'nothing scores above it');
        tally.count(result.filter((d) => d.score === 1).length === 1 ? 'alone at the top' : 'tied with a twin');
      }),
      { numRuns: 300 },
    );
    tally.atLeast('alone at the top', 0.5);
  });
});
