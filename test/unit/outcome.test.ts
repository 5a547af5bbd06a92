// The outcome of a requirement (实现效果): the degree met (需求实现程度) a verified or closed record
// records, the effect measured against its expected goal (期望目标), the rules on them, and the
// logic of the guided step that Set Status runs when a record is verified.
import assert from 'node:assert/strict';
import { applyTextEdits, editFields } from '../../src/core/edits';
import { fixesFor } from '../../src/core/fixes';
import { localizeLater } from '../../src/core/l10n';
import { formatMessage, type ProblemCode } from '../../src/core/messages';
import { degreeOf, expectedGoal, measuredValue, outcomeChanges, suggestedDegree, verifyingNeeds } from '../../src/core/outcome';
import { DEGREES, normalizeAliases } from '../../src/core/schema';
import { analyzeRequirement } from '../../src/core/validate';
import { at, CTX, record } from './support';

const analyze = (text: string, careful = false) => analyzeRequirement(text, CTX, { careful });
const codes = (text: string) => analyze(text).problems.map((p) => p.code);
/** The problems of one code as [severity, args, line:column range]; both parse paths must agree. */
function found(text: string, code: ProblemCode) {
  const of = (careful: boolean) =>
    analyze(text, careful)
      .problems.filter((p) => p.code === code)
      .map((p) => [p.severity, p.args, at(text, p.range)]);
  const fast = of(false);
  assert.deepEqual(of(true), fast, 'fast and careful paths disagree');
  return fast;
}

/** A record the customer has verified, with the fields given (feedback and lessons so that closing asks nothing more). */
const verified = (fields: Record<string, string>) =>
  record({ status: 'verified', strategy: 'full', feedback: '\n  - date: 2026-03-10\n    satisfaction: 4', ...fields });

describe('outcome: the degree met of a verified or closed record', () => {
  it('verified or closed without a degree: a warning on the status, naming it', () => {
    assert.deepEqual(found(verified({}), 'outcome-degree-missing'), [['warning', ['verified'], '5:9-5:17']]);
    const closed = verified({ status: '已关闭', lessons: 'Reuse the reader.' });
    assert.deepEqual(found(closed, 'outcome-degree-missing'), [['warning', ['closed'], '5:9-5:12']]);
    // An outcome with only a measured value or a note still lacks its degree.
    assert.deepEqual(found(verified({ outcome: '\n  measured: 11' }), 'outcome-degree-missing'), [['warning', ['verified'], '5:9-5:17']]);
    assert.deepEqual(found(verified({ outcome: '\n  degree:' }), 'outcome-degree-missing'), [['warning', ['verified'], '5:9-5:17']]);
  });

  it('a degree, in English or as a Chinese alias, is enough; before verification none is asked for', () => {
    assert.deepEqual(codes(verified({ outcome: '\n  degree: full' })), []);
    assert.deepEqual(codes(verified({ outcome: '\n  degree: 部分满足\n  measured: 能耗降低 11%' })), ['enum-alias']);
    for (const status of ['new', 'planned', 'in-progress', 'delivered', 'on-hold'])
      assert.ok(!codes(record({ status })).includes('outcome-degree-missing'), status);
  });

  it('an unknown degree is the enum problem, not a missing one', () => {
    const text = verified({ outcome: '\n  degree: mostly' });
    assert.deepEqual(codes(text), ['enum-unknown']);
    const p = analyze(text).problems[0]!;
    assert.equal(at(text, p.range), '11:11-11:17');
    assert.match(formatMessage(p.code, p.args, 'en'), /Expected one of: full, partial, alternative, declined\./);
  });

  it('the aliases of each degree read as the degree', () => {
    for (const [degree, doc] of Object.entries(DEGREES)) {
      for (const alias of doc.aliases) {
        const data: Record<string, unknown> = { outcome: { degree: alias } };
        normalizeAliases(data);
        assert.deepEqual(data, { outcome: { degree } }, alias);
      }
    }
    // The four the seed's evaluation speaks of, each in its Chinese word.
    assert.deepEqual(
      Object.values(DEGREES).map((d) => d.aliases[0]),
      ['完全满足', '部分满足', '替代方案', '未满足'],
    );
  });

  it('says what to write, in English and in Chinese', () => {
    const p = analyze(verified({})).problems.find((x) => x.code === 'outcome-degree-missing')!;
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'A verified requirement records no degree met: write outcome.degree (full, partial, alternative or declined), and outcome.measured for the effect against the expected goal.',
    );
    assert.equal(
      formatMessage(p.code, p.args, 'zh-cn'),
      'verified 状态的需求未记录需求实现程度：请填写 outcome.degree（full、partial、alternative 或 declined），并在 outcome.measured 中记录对照期望目标的实测效果。',
    );
  });
});

describe('outcome: a degree declined and its reason', () => {
  it('not met without a decline_reason: a warning on the degree, whose fix adds the reason to fill in', () => {
    const text = verified({ outcome: '\n  degree: declined' });
    assert.deepEqual(found(text, 'outcome-declined-no-reason'), [['warning', [], '11:11-11:19']]);
    const p = analyze(text).problems.find((x) => x.code === 'outcome-declined-no-reason')!;
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'The degree met is declined, but no decline_reason says why: write it, to negotiate with the customer.',
    );
    const fixes = fixesFor(text, p, { keepAliases: false });
    assert.deepEqual(
      fixes.map((f) => [f.fixId, localizeLater('en', f.title)]),
      [['add-decline-reason', 'Add decline_reason (a placeholder to fill in)']],
    );
    const after = applyTextEdits(text, fixes[0]!.edits);
    assert.equal(after, text.replace('  degree: declined\n', '  degree: declined\ndecline_reason: "TODO: reason"\n'));
    // The placeholder it wrote is still a placeholder: a warning, as the missing reason was.
    assert.deepEqual(found(after, 'placeholder'), [['warning', ['decline_reason', 'TODO: reason'], '12:17-12:31']]);
    assert.ok(!codes(after).includes('outcome-declined-no-reason'));
  });

  it('with a reason, or with the strategy declined (its own error), no second problem', () => {
    assert.deepEqual(codes(verified({ outcome: '\n  degree: 未满足', decline_reason: 'The plant closed.' })), ['enum-alias']);
    assert.deepEqual(codes(verified({ strategy: 'declined', outcome: '\n  degree: declined' })), ['decline-reason-missing']);
  });
});

describe('outcome: placeholders in the measured effect', () => {
  it('a measured value or a note that is still filler is a warning on it', () => {
    const text = verified({ outcome: '\n  degree: full\n  measured: TODO\n  note: 待填写' });
    assert.deepEqual(found(text, 'placeholder'), [
      ['warning', ['outcome.measured', 'TODO'], '12:13-12:17'],
      ['warning', ['outcome.note', '待填写'], '13:9-13:12'],
    ]);
    // A number is a measured value, never a placeholder.
    assert.deepEqual(codes(verified({ outcome: '\n  degree: full\n  measured: 11' })), []);
  });
});

describe('outcome: the verifying step (Set Status → verified)', () => {
  it('asks the degree when none is written, and the measured effect when none is and something was delivered', () => {
    assert.deepEqual(verifyingNeeds({}), { degree: true, measured: true });
    assert.deepEqual(verifyingNeeds({ outcome: { degree: 'partial' } }), { degree: false, measured: true });
    assert.deepEqual(verifyingNeeds({ outcome: { degree: '', measured: ' ' } }), { degree: true, measured: true });
    assert.deepEqual(verifyingNeeds({ outcome: { degree: 'full', measured: 0 } }), { degree: false, measured: false });
    assert.deepEqual(verifyingNeeds({ outcome: { degree: 'declined' } }), { degree: false, measured: false });
    assert.deepEqual(verifyingNeeds({ outcome: 'met' }), { degree: true, measured: true });
  });

  it('offers the response strategy first: the plan the delivery followed', () => {
    assert.equal(suggestedDegree({ strategy: 'partial' }), 'partial');
    assert.equal(suggestedDegree({ strategy: 'declined' }), 'declined');
    assert.equal(suggestedDegree({}), undefined);
    assert.equal(suggestedDegree({ strategy: 'toString' }), undefined);
    // A degree given by a script reads like one in the file: canonical, or an alias.
    assert.equal(degreeOf('alternative'), 'alternative');
    assert.equal(degreeOf('部分满足'), 'partial');
    assert.equal(degreeOf('完全实现'), 'full');
    assert.equal(degreeOf('mostly'), undefined);
    assert.equal(degreeOf(3), undefined);
  });

  it('writes a plain number as a number, other text as it is typed, and nothing for a blank', () => {
    assert.equal(measuredValue('11'), 11);
    assert.equal(measuredValue(' -0.5 '), -0.5);
    assert.equal(measuredValue('11%'), '11%');
    assert.equal(measuredValue('  能耗成本降低 12.4%  '), '能耗成本降低 12.4%');
    assert.equal(measuredValue('1e3'), '1e3');
    assert.equal(measuredValue('   '), undefined);
    assert.equal(measuredValue(undefined), undefined);
    assert.equal(measuredValue(7), 7);
    assert.equal(measuredValue(Number.NaN), undefined);
    assert.deepEqual(outcomeChanges({ degree: 'partial', measured: '12.5' }), [
      { path: ['outcome', 'degree'], value: 'partial' },
      { path: ['outcome', 'measured'], value: 12.5 },
    ]);
    assert.deepEqual(outcomeChanges({ degree: 'full', measured: '' }), [{ path: ['outcome', 'degree'], value: 'full' }]);
  });

  it('the answers and the status are one minimal edit: comments, order and the body survive', () => {
    const text = record({
      status: 'delivered   # waiting for the customer',
      strategy: 'full',
      owner: 'Li Si',
    });
    const result = editFields(text, [
      { path: ['status'], value: 'verified' },
      ...outcomeChanges({ degree: 'partial', measured: 'p95 1.6 s' }),
    ]);
    assert.ok(result.ok);
    assert.equal(
      applyTextEdits(text, result.edits),
      text
        .replace('status: delivered   #', 'status: verified   #')
        .replace('owner: Li Si\n---', 'owner: Li Si\noutcome:\n  degree: partial\n  measured: p95 1.6 s\n---'),
    );
    // An outcome with a note already: the degree and the value go inside it, the note stays.
    const noted = record({ status: 'delivered', outcome: '\n  note: pilot plant only # from the call' });
    const inside = editFields(noted, [{ path: ['status'], value: 'verified' }, ...outcomeChanges({ degree: 'full', measured: '9' })]);
    assert.ok(inside.ok);
    const after = applyTextEdits(noted, inside.edits);
    assert.match(after, /^outcome:\n {2}note: pilot plant only # from the call\n {2}degree: full\n {2}measured: 9\n---/m);
    assert.deepEqual(codes(after), []);
  });

  it('shows the expected goal: the 期望目标 section, under either heading, as one line', () => {
    assert.equal(expectedGoal(record()), 'Goods-in takes under 12 minutes per truck.');
    const zh =
      '---\nid: 需求-2024-001\n---\n# 能耗\n\n## 期望目标\n6 个月内能耗成本降低 15%；\n任何设备的功率异常\n在 10 分钟内可见。\n\n## 附注\n另行跟踪。\n';
    assert.equal(expectedGoal(zh), '6 个月内能耗成本降低 15%； 任何设备的功率异常 在 10 分钟内可见。');
    assert.equal(expectedGoal('---\nid: X\n---\n# No goal\n'), '');
  });
});
