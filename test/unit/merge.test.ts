// Merging a duplicate request into a requirement (src/core/merge.ts): the target's text exactly,
// minimal edits only, and each refusal with its reason and nothing planned.
import assert from 'node:assert/strict';
import { applyTextEdits } from '../../src/core/edits';
import { describeMerge, keptBody, mergeRefusalText, planMerge, type MergeOptions, type MergeResult } from '../../src/core/merge';
import { appendListItems } from '../../src/core/listEdits';
import { analyzeRequirement } from '../../src/core/validate';
import { DUPLICATE, MERGED, TARGET } from './mergeFixtures';
import { crlf, CTX, record } from './support';

const OPTIONS: MergeOptions = { grammar: CTX.grammar, lang: 'en', validation: CTX };

function planned(result: MergeResult) {
  if (!result.ok) assert.fail(mergeRefusalText(result, 'en'));
  return result;
}

function refused(result: MergeResult): { code: string; en: string; zh: string } {
  assert.equal(result.ok, false, 'refused');
  if (result.ok) throw new Error('unreachable');
  return { code: result.code, en: mergeRefusalText(result, 'en'), zh: mergeRefusalText(result, 'zh-cn') };
}

describe('merge: the plan', () => {
  it('a representative pair: the target text exactly, every edit an insertion, comments, quoting and order kept', () => {
    const plan = planned(planMerge(TARGET, DUPLICATE, OPTIONS));
    assert.equal(applyTextEdits(TARGET, plan.edits), MERGED);
    assert.ok(
      plan.edits.every((e) => e.start === e.end),
      'only insertions',
    );
    assert.deepEqual(
      {
        requesters: plan.requesters,
        known: plan.knownRequesters,
        merged: plan.mergedIds,
        contacts: plan.contacts,
        feedback: plan.feedback,
      },
      {
        requesters: ['Borealis Foods', 'Cobalt Mills'],
        known: ['Acme Plant'],
        merged: ['REQ-2026-010', 'REQ-2026-008'],
        contacts: 1,
        feedback: 1,
      },
    );
    // The result is a valid record: no error, and the customer's Chinese tier still an alias of a value.
    const after = analyzeRequirement(MERGED, CTX, { careful: true });
    assert.deepEqual(
      after.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.deepEqual(
      after.outline.sections.map((s) => [s.key, s.heading.text]),
      [
        ['description', 'Description'],
        ['background', 'Customer background'],
        ['scenario', 'Scenario'],
        ['goal', 'Expected goal'],
      ],
    );
  });

  it('what it does, in sentences of both languages', () => {
    const plan = planned(planMerge(TARGET, DUPLICATE, OPTIONS));
    assert.deepEqual(describeMerge(plan, 'en', 'requirements/REQ-2026-010.md'), [
      'Merge REQ-2026-010 “Monthly energy data in Excel” into REQ-2026-001 “Export energy readings as CSV”.',
      'Requesters added to REQ-2026-001: Borealis Foods, Cobalt Mills.',
      'Already requesters of REQ-2026-001, not added again: Acme Plant.',
      'Added to merged_ids: REQ-2026-010, REQ-2026-008. Commits and links that name them lead to REQ-2026-001.',
      'Contacts copied: 1.',
      'Feedback entries copied: 1.',
      'The text of REQ-2026-010 goes under the heading "Merged from REQ-2026-010" at the end of REQ-2026-001.',
      'The file requirements/REQ-2026-010.md is deleted.',
    ]);
    assert.deepEqual(describeMerge(plan, 'zh-cn', 'requirements/REQ-2026-010.md').slice(0, 3), [
      '将 REQ-2026-010 “Monthly energy data in Excel” 合并到 REQ-2026-001 “Export energy readings as CSV”。',
      '添加到 REQ-2026-001 的需求方：Borealis Foods、Cobalt Mills。',
      '已是 REQ-2026-001 的需求方，不再重复添加：Acme Plant。',
    ]);
  });

  it('the heading in the UI language; CRLF files stay CRLF; a BOM stays', () => {
    const zh = planned(planMerge(TARGET, DUPLICATE, { ...OPTIONS, lang: 'zh-cn' }));
    assert.equal(zh.heading, '合并自 REQ-2026-010');
    assert.match(applyTextEdits(TARGET, zh.edits), /\n## 合并自 REQ-2026-010\n\n### Monthly energy data in Excel\n/);
    const plan = planned(planMerge(`\uFEFF${crlf(TARGET)}`, DUPLICATE, OPTIONS));
    assert.equal(applyTextEdits(`\uFEFF${crlf(TARGET)}`, plan.edits), `\uFEFF${crlf(MERGED)}`);
  });

  it('a duplicate with only a customer and an empty template body: one requester, its ID, a heading and its title', () => {
    const target = record({ id: 'REQ-2026-002', customer: '\n  name: 华东制造' });
    const duplicate = `---\nid: REQ-2026-003\ntitle: 设备能耗导出\ntype: functional\nstatus: new\ncustomer:\n  name: 华南物流\nsubmitted: 2026-04-01\n---\n# 设备能耗导出\n\n## 需求描述 Description\n\n## 客户背景 Customer background\n<!-- 行业、规模 -->\n`;
    const plan = planned(planMerge(target, duplicate, { ...OPTIONS, lang: 'zh-cn' }));
    const after = applyTextEdits(target, plan.edits);
    assert.ok(
      after.startsWith(
        `---\nid: REQ-2026-002\ntitle: Scan pallets at the goods-in dock\ntype: functional\nstatus: new\ncustomer:\n  name: 华东制造\nrequesters:\n  - name: 华南物流\n    date: 2026-04-01\n    note: 设备能耗导出\nmerged_ids:\n  - REQ-2026-003\n---\n`,
      ),
      after,
    );
    assert.ok(after.endsWith('\n\n## 合并自 REQ-2026-003\n\n### 设备能耗导出\n'), after);
  });

  it('a target whose merged_ids already lists the duplicate (a merge half done by hand) is completed, the ID not repeated', () => {
    const target = TARGET.replace('---\n# Export', 'merged_ids:\n  - REQ-2026-010\n---\n# Export');
    const plan = planned(planMerge(target, DUPLICATE, OPTIONS));
    assert.deepEqual(plan.mergedIds, ['REQ-2026-008']);
  });

  it('keptBody: headings two levels down (at most six), setext headings as ATX, empty essentials left out', () => {
    const text =
      '---\nid: REQ-2026-004\n---\n# Title\n\n## Goal\n\n## Notes\n##### Deep\ntext\n\nSub\n===\nmore\n\n```\n# not a heading\n```\n';
    assert.equal(
      keptBody({ text, bodyStart: text.indexOf('# Title') }),
      '### Title\n\n#### Notes\n###### Deep\ntext\n\n### Sub\nmore\n\n```\n# not a heading\n```',
    );
  });
});

describe('merge: refusals (nothing planned)', () => {
  it('into itself', () => {
    assert.deepEqual(refused(planMerge(TARGET, TARGET, OPTIONS)), {
      code: 'same-requirement',
      en: 'REQ-2026-001 cannot be merged into itself',
      zh: 'REQ-2026-001 不能合并到自身',
    });
  });

  it('across a duplicate ID: either ID held by two files, or the duplicate ID merged elsewhere already', () => {
    const twoFiles = refused(
      planMerge(TARGET, DUPLICATE, {
        ...OPTIONS,
        holders: (id) => ({ own: id === 'REQ-2026-010' ? ['a.md', 'b.md'] : ['c.md'], merged: [] }),
      }),
    );
    assert.deepEqual(twoFiles, {
      code: 'duplicate-id',
      en: 'ID REQ-2026-010 is held by 2 files (a.md, b.md): give each its own ID before merging',
      zh: '编号 REQ-2026-010 被 2 个文件使用（a.md, b.md）：合并前请为每个文件分配各自的编号',
    });
    const target = refused(
      planMerge(TARGET, DUPLICATE, { ...OPTIONS, holders: (id) => ({ own: id === 'REQ-2026-001' ? ['a.md', 'c.md'] : [], merged: [] }) }),
    );
    assert.equal(target.en, 'ID REQ-2026-001 is held by 2 files (a.md, c.md): give each its own ID before merging');
    const elsewhere = refused(
      planMerge(TARGET, DUPLICATE, { ...OPTIONS, holders: (id) => ({ own: [], merged: id === 'REQ-2026-010' ? ['d.md'] : [] }) }),
    );
    assert.equal(elsewhere.en, 'ID REQ-2026-010 is also listed as merged into d.md: an ID leads to one requirement; fix that first');
  });

  it('a target whose front-matter cannot be read, a duplicate that cannot be read, an ID missing', () => {
    const broken = TARGET.replace('type: functional', 'type: [functional');
    const t = refused(planMerge(broken, DUPLICATE, OPTIONS));
    assert.equal(t.code, 'target-unreadable');
    assert.match(t.en, /^the requirement to merge into cannot be edited: the front-matter has YAML errors \(line 5: /);
    const d = refused(planMerge(TARGET, 'no front-matter at all\n', OPTIONS));
    assert.equal(d.code, 'duplicate-unreadable');
    assert.match(d.zh, /^无法读取重复的需求：/);
    assert.deepEqual(refused(planMerge(TARGET, DUPLICATE.replace('id: REQ-2026-010', 'id: R-10'), OPTIONS)), {
      code: 'no-id',
      en: 'the duplicate has no valid ID (R-10): commits and links could not lead to it',
      zh: '重复的需求没有有效编号（R-10）：提交和链接无法指向它',
    });
  });

  it('a list of the target written in flow style, a nested value, an error the merge would bring', () => {
    const flow = refused(planMerge(TARGET.replace('related: [ORDER-2026-11]', 'requesters: [{ name: X }]'), DUPLICATE, OPTIONS));
    assert.equal(flow.code, 'not-written');
    assert.equal(
      flow.en,
      'REQ-2026-001 cannot be edited: requesters is written as a flow list ([ … ]); write it as a block list (one "- " item per line) to add items',
    );
    const nested = refused(planMerge(TARGET, DUPLICATE.replace('    summary: Sent a sample file', '    summary: { a: 1 }'), OPTIONS));
    assert.equal(nested.en, 'REQ-2026-010 contacts[0].summary holds a nested value that cannot be copied; simplify it before merging');
    const badTier = refused(planMerge(TARGET, DUPLICATE.replace('tier: 老客户', 'tier: golden'), OPTIONS));
    assert.equal(badTier.code, 'not-written');
    assert.match(badTier.en, /^the merge would leave an error in REQ-2026-001: Unknown value "golden" for "requesters\[0\]\.tier"/);
    // Without the workspace's rules the same merge is planned: the check is the caller's choice.
    assert.equal(planMerge(TARGET, DUPLICATE.replace('tier: 老客户', 'tier: golden'), { grammar: CTX.grammar, lang: 'en' }).ok, true);
  });
});

describe('appendListItems: several lists in one edit', () => {
  it('lists that exist and new keys at the end, one insertion per place, read back together', () => {
    const text = record({ risks: '\n  - late parts' });
    const result = appendListItems(text, [
      { key: 'risks', items: ['supplier strike', 'flood'] },
      { key: 'merged_ids', items: ['REQ-2026-009'] },
      { key: 'contacts', items: [] },
    ]);
    assert.ok(result.ok);
    assert.equal(result.edits.length, 1, JSON.stringify(result.edits));
    assert.match(
      applyTextEdits(text, result.edits),
      /risks:\n {2}- late parts\n {2}- supplier strike\n {2}- flood\nmerged_ids:\n {2}- REQ-2026-009\n---\n/,
    );
  });
});
