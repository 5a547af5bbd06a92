import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { escapeMarkdown, hoverAt } from '../../src/core/hover';
import { localize } from '../../src/core/l10n';
import type { Language } from '../../src/core/messages';
import type { AliasDisplay } from '../../src/core/valueLabel';
import { REPO_ROOT } from './support';

const ENERGY = readFileSync(path.join(REPO_ROOT, 'examples/requirements/需求-2024-001-能耗监控.md'), 'utf8');

/** The hover where `‸` is, with its range as the text it covers. */
function hover(src: string, lang: Language = 'en', threshold?: number): { markdown: string; token: string } | undefined {
  const offset = src.indexOf('‸');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const h = hoverAt(text, offset, lang, threshold);
  return h && { markdown: h.markdown, token: text.slice(h.range.start, h.range.end) };
}

describe('hover: keys', () => {
  it('the field documentation in the UI language only', () => {
    assert.deepEqual(hover(ENERGY.replace('owner: 张三', 'ow‸ner: 张三')), {
      markdown: '**owner**\n\nWho owns the requirement.',
      token: 'owner',
    });
    assert.deepEqual(hover(ENERGY.replace('owner: 张三', 'owner‸: 张三'), 'zh-cn'), {
      markdown: '**owner**\n\n需求负责人。',
      token: 'owner',
    });
  });

  it('an enum key lists its values, with their Chinese alias where the UI shows aliases', () => {
    const text = ENERGY.replace('type: functional', 't‸ype: functional');
    const offset = text.indexOf('‸');
    const at = (lang: Language, display?: AliasDisplay) =>
      hoverAt(text.slice(0, offset) + text.slice(offset + 1), offset, lang, 4, display)?.markdown;
    assert.equal(at('en'), '**type**\n\nRequirement type.\n\nValues: `functional`, `experience`, `business`, `service`');
    assert.equal(at('en', 'never'), at('en'));
    assert.equal(
      at('en', 'always'),
      '**type**\n\nRequirement type (需求类型).\n\nValues: `functional` (功能), `experience` (体验), `business` (商务), `service` (服务)',
    );
    const values = localize('zh-cn', 'Values');
    assert.equal(
      at('zh-cn'),
      `**type**\n\n需求类型：功能、体验、商务、服务。\n\n${values}: \`functional\` (功能), \`experience\` (体验), \`business\` (商务), \`service\` (服务)`,
    );
    assert.equal(
      at('zh-cn', 'never'),
      `**type**\n\n需求类型：功能、体验、商务、服务。\n\n${values}: \`functional\`, \`experience\`, \`business\`, \`service\``,
    );
  });

  it('an English UI shows no Chinese with the default setting', () => {
    for (const [from, to] of [
      ['type: functional', 't‸ype: functional'],
      ['type: functional', 'type: functio‸nal'],
      ['strategy: full', 'strat‸egy: full'],
      ['strategy: full', 'strategy: fu‸ll'],
      ['  importance: 5', '  impor‸tance: 5'],
      ['  importance: 5', '  importance: ‸5'],
      ['customer:', 'custo‸mer:'],
      ['priority: P1', 'priority: P‸1'],
    ] as const) {
      const markdown = hover(ENERGY.replace(from, to))?.markdown;
      assert.ok(markdown, to);
      assert.doesNotMatch(markdown, /[\u3400-\u9fff]/, to);
    }
  });

  it('keys inside nested maps and list items', () => {
    assert.equal(hover(ENERGY.replace('  tier: existing', '  ti‸er: existing'))?.token, 'tier');
    assert.match(hover(ENERGY.replace('    days: 3', '    da‸ys: 3'))!.markdown, /^\*\*days\*\*\n\nDuration in working days\.$/);
    assert.match(
      hover(ENERGY.replace('  planned_done:', '  planned_‸done:'))!.markdown,
      /^\*\*planned\\_done\*\*\n\nPlanned completion date\./,
    );
  });

  it('a score key: what it measures, the seed’s levels, when it counts as high', () => {
    assert.equal(
      hover(ENERGY.replace('  importance: 5', '  impor‸tance: 5'))?.markdown,
      [
        '**importance**',
        'Impact on the customer’s decision or business result.',
        '- **5** — Decides whether the customer renews.\n- **3** — Only improves experience.',
        'High at 4 or more: importance × urgency gives the priority.',
      ].join('\n\n'),
    );
    assert.equal(
      hover(ENERGY.replace('  urgency: 4', '  urg‸ency: 4'), 'zh-cn', 5)?.markdown,
      [
        '**urgency**',
        '需求满足的时间压力。',
        '- **5** — 客户因需求未解决暂停付款。\n- **1** — 可下次迭代解决。',
        '5 分及以上为高：由重要性×紧急性得出优先级。',
      ].join('\n\n'),
    );
  });

  it('unknown keys have no hover', () => {
    assert.equal(hover('---\njira‸: X-1\n---\n'), undefined);
  });
});

describe('hover: values', () => {
  it('an enum value: its meaning in the UI language, its Chinese name where the UI shows aliases', () => {
    assert.deepEqual(hover(ENERGY.replace('strategy: full', 'strategy: fu‸ll')), {
      markdown: '**full**\n\nFull: the requirement is met.',
      token: 'full',
    });
    assert.equal(hover(ENERGY.replace('strategy: full', 'strategy: fu‸ll'), 'zh-cn')?.markdown, '**full** (满足)\n\n满足需求。');
  });

  it('an alias: its canonical value too', () => {
    assert.deepEqual(hover(ENERGY.replace('type: functional', 'type: 功‸能'), 'zh-cn'), {
      markdown: '功能 → **functional**\n\n功能需求：产品需提供的具体功能。',
      token: '功能',
    });
    assert.equal(hover('---\nstatus: "进行‸中"\n---\n')?.markdown.split('\n')[0], '进行中 → **in-progress**');
  });

  it('an unknown enum value has no hover (diagnostics explain it)', () => {
    assert.equal(hover('---\ntype: functio‸nl\n---\n'), undefined);
  });

  it('a score: the level’s meaning where the seed gives one, else what the score measures', () => {
    assert.deepEqual(hover(ENERGY.replace('  importance: 5', '  importance: ‸5')), {
      markdown: '**importance 5** — Decides whether the customer renews.',
      token: '5',
    });
    assert.equal(hover(ENERGY.replace('  urgency: 4', '  urgency: 4‸'))?.markdown, '**urgency 4**\n\nTime pressure.');
    assert.equal(
      hover(ENERGY.replace('  value: 4', '  value: ‸4'), 'zh-cn')?.markdown,
      '**value 4**\n\n预期客户价值（满意度提升/订单增长），用于投入产出比。',
    );
    assert.equal(
      hover(ENERGY.replace('    satisfaction: 4', '    satisfaction: ‸4'))?.markdown,
      '**satisfaction 4**\n\nCustomer satisfaction, 1–5.',
    );
  });

  it('text taken from the file is escaped', () => {
    assert.equal(
      hover('---\nscores:\n  importance: <b>*x*</b>‸\n---\n')?.markdown,
      '**importance \\<b\\>\\*x\\*\\</b\\>**\n\nImpact on the customer’s decision or business result.',
    );
    assert.equal(escapeMarkdown('a_b [c](d) `e` #1 <x> & |'), 'a\\_b \\[c\\]\\(d\\) \\`e\\` \\#1 \\<x\\> \\& \\|');
  });

  it('priority: its meaning, and the scores’ priority when it differs', () => {
    assert.equal(hover(ENERGY.replace('priority: P1', 'priority: P‸1'))?.markdown, '**P1**\n\nP1 — urgent and important: do now.');
    assert.equal(
      hover(ENERGY.replace('  urgency: 4', '  urgency: 2').replace('priority: P1', 'priority: P‸1'))?.markdown,
      '**P1**\n\nP1 — urgent and important: do now.\n\nThe scores (importance 5, urgency 2) give **P2**: P2 — important but not urgent, or urgent but not important: plan it.',
    );
    // The threshold decides what is high.
    assert.match(
      hover(ENERGY.replace('priority: P1', 'priority: P‸1'), 'zh-cn', 5)!.markdown,
      /按评分（重要性 5，紧急性 4）应为 \*\*P2\*\*：P2 重要不紧急/,
    );
  });

  it('other values, list items, blanks, comments and the body have no hover', () => {
    for (const src of [
      ENERGY.replace('title: 实时监控', 'title: 实时‸监控'),
      ENERGY.replace('related: [ORDER-2024-118]', 'related: [ORDER‸-2024-118]'),
      ENERGY.replace('  tier: existing            #', '  tier: existing      ‸      #'),
      ENERGY.replace('# 老客户', '# 老‸客户'),
      ENERGY.replace('## 需求描述', '## 需求‸描述'),
      ENERGY.replace('strategy: full', 'strategy:‸ full'),
    ]) {
      assert.equal(hover(src), undefined, src.slice(0, 0));
    }
  });

  it('CRLF and BOM: ranges are into the BOM-less text', () => {
    const text = '\ufeff---\r\ntype: 功能\r\n---\r\n';
    const h = hoverAt(text, '---\r\ntype: 功'.length, 'en');
    assert.deepEqual(h?.range, { start: 11, end: 13 });
    assert.equal(h?.markdown.split('\n')[0], '功能 → **functional**');
  });
});
