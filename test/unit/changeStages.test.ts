// Change requests go on past the decision, as the guide's 变更管理 does (request → assessment →
// implementation → feedback): the entry records when it was decided, implemented and fed back, an
// entry whose stages contradict each other is reported on the date at fault, and the process report
// lists the stages. Each test failed before.
import assert from 'node:assert/strict';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { formatMessage, type ProblemCode } from '../../src/core/messages';
import { reportDocument } from '../../src/core/reports/document';
import { computeReport, type ProcessFigures } from '../../src/core/reports/figures';
import { reportMarkdown } from '../../src/core/reports/markdown';
import { DEFAULT_CALENDAR } from '../../src/core/schedule';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { analyzeRequirement } from '../../src/core/validate';
import { at, CTX, MemorySource, record } from './support';

const analyze = (text: string, careful = false) => analyzeRequirement(text, CTX, { careful });
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
const change = (lines: string) => ({ changes: `\n  - date: 2026-03-02\n    request: Export as CSV\n${lines}` });

describe('change requests: implemented and fed back', () => {
  it('a change decided, implemented with its commit and fed back is valid', () => {
    const text = record(
      change(
        '    decision: approved\n    decided: 2026-03-03\n    implemented: 2026-03-10\n    ref: 1a2b3c4\n    fed_back: 2026-03-12\n    fed_back_note: 客户确认',
      ),
    );
    const a = analyze(text);
    assert.deepEqual(
      a.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.code),
      [],
    );
    assert.deepEqual(a.data.changes?.[0], {
      date: '2026-03-02',
      request: 'Export as CSV',
      decision: 'approved',
      decided: '2026-03-03',
      implemented: '2026-03-10',
      ref: '1a2b3c4',
      fed_back: '2026-03-12',
      fed_back_note: '客户确认',
    });
  });

  it('implemented before decided, and fed back before implemented: an error on the later date', () => {
    const text = record(change('    decision: approved\n    decided: 2026-03-05\n    implemented: 2026-03-04\n    fed_back: 2026-03-03'));
    assert.deepEqual(found(text, 'change-stage-order'), [
      ['error', ['changes[0]', 'implemented', '2026-03-04', 'decided', '2026-03-05'], '11:18-11:28'],
      ['error', ['changes[0]', 'fed_back', '2026-03-03', 'decided', '2026-03-05'], '12:15-12:25'],
    ]);
    assert.equal(
      formatMessage('change-stage-order', ['changes[0]', 'implemented', '2026-03-04', 'decided', '2026-03-05'], 'en'),
      'Change request changes[0]: implemented (2026-03-04) is before decided (2026-03-05).',
    );
    // Decided before the request itself.
    assert.deepEqual(found(record(change('    decision: approved\n    decided: 2026-03-01')), 'change-stage-order'), [
      ['error', ['changes[0]', 'decided', '2026-03-01', 'date', '2026-03-02'], '10:14-10:24'],
    ]);
  });

  it('implemented while rejected is an error; implemented while undecided, or approved and fed back unimplemented, a warning', () => {
    assert.deepEqual(found(record(change('    decision: 驳回\n    implemented: 2026-03-04')), 'change-implemented-rejected'), [
      ['error', ['changes[0]', '2026-03-04'], '10:18-10:28'],
    ]);
    assert.deepEqual(found(record(change('    decision: pending\n    implemented: 2026-03-04')), 'change-implemented-undecided'), [
      ['warning', ['changes[0]', '2026-03-04'], '10:18-10:28'],
    ]);
    assert.deepEqual(found(record(change('    implemented: 2026-03-04')), 'change-implemented-undecided').length, 1);
    assert.deepEqual(found(record(change('    decision: approved\n    fed_back: 2026-03-04')), 'change-fed-back-unimplemented'), [
      ['warning', ['changes[0]', '2026-03-04'], '10:15-10:25'],
    ]);
    // A rejected change is fed back without being implemented: nothing to say.
    assert.deepEqual(found(record(change('    decision: rejected\n    fed_back: 2026-03-04')), 'change-fed-back-unimplemented'), []);
    for (const code of ['change-implemented-rejected', 'change-implemented-undecided', 'change-fed-back-unimplemented'] as const) {
      assert.match(formatMessage(code, ['changes[0]', '2026-03-04'], 'zh-cn'), /变更请求 changes\[0\]/);
    }
  });

  it('decision: implemented (or 已实施, 已反馈) names a stage: the message says which field records it', () => {
    for (const [word, field] of [
      ['implemented', 'implemented'],
      ['已实施', 'implemented'],
      ['已反馈', 'fed_back'],
    ] as const) {
      const text = record(change(`    decision: ${word}`));
      const p = analyze(text).problems.find((x) => x.path?.join('.') === 'changes.0.decision')!;
      assert.equal(p.code, 'change-stage-as-decision', word);
      assert.deepEqual(p.args, [word, 'pending, approved, rejected', `changes[0].${field}`]);
      assert.equal(at(text, p.range), `9:15-9:${15 + word.length}`);
    }
  });

  it('the process report lists the stages of the period’s change requests', async () => {
    const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
    await index.build(
      new MemorySource()
        .set(
          'requirements/a.md',
          record({ id: 'REQ-2026-001', ...change('    decision: approved\n    implemented: 2026-03-10\n    fed_back: 2026-03-12') }),
        )
        .set('requirements/b.md', record({ id: 'REQ-2026-002', ...change('    decision: pending') })),
    );
    const report = computeReport('process', {
      records: index.all(),
      range: { from: '2026-01-01', to: '2026-03-31' },
      today: '2026-04-01',
      calendar: DEFAULT_CALENDAR,
    });
    const f = report.figures as ProcessFigures;
    assert.deepEqual(
      f.changes.items.map((c) => [c.requirement.id, c.decision, c.implemented, c.fedBack]),
      [
        ['REQ-2026-001', 'approved', '2026-03-10', '2026-03-12'],
        ['REQ-2026-002', 'pending', undefined, undefined],
      ],
    );
    const md = reportMarkdown(reportDocument(report, 'en'));
    assert.match(md, /\| Date \| Requirement \| Request \| Decision \| Implemented \| Fed back \|/);
    assert.match(md, /\| 2026-03-02 \| REQ-2026-001 \| Export as CSV \| Approved \| 2026-03-10 \| 2026-03-12 \|/);
    assert.match(md, /\| 2026-03-02 \| REQ-2026-002 \| Export as CSV \| Pending \| — \| — \|/);
    assert.match(reportMarkdown(reportDocument(report, 'zh-cn')), /实施日期 \| 反馈日期/);
  });
});
