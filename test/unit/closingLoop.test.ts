// The seed's loop, closed: placeholders are not values, promised dates are checked, closing asks
// for feedback (or why there was none) and lessons, and links to other requirements must lead
// somewhere. Each block below failed before these rules existed.
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/main';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyTextEdits } from '../../src/core/edits';
import { fixesFor, type FixContext } from '../../src/core/fixes';
import { RequirementIndex, type IndexChange } from '../../src/core/index';
import { compileIdGrammar } from '../../src/core/ids';
import { localizeLater } from '../../src/core/l10n';
import { formatMessage, type ProblemCode } from '../../src/core/messages';
import { DEFAULT_PLACEHOLDERS, isPlaceholder } from '../../src/core/placeholders';
import { DEFAULT_SETTINGS, resolveSettings, settingsFingerprint } from '../../src/core/settings';
import { timelyFindings, timelyProblems } from '../../src/core/timely';
import { analyzeRequirement } from '../../src/core/validate';
import { at, contextFor, CTX, MemorySource, record } from './support';

const FIX: FixContext = { keepAliases: false };
const analyze = (text: string, careful = false) => analyzeRequirement(text, CTX, { careful });
const codes = (text: string) => analyze(text).problems.map((p) => p.code);
/** The problems of one code as [severity, args, line:column range]; both parse paths must agree. */
function found(text: string, code: ProblemCode) {
  const of = (careful: boolean) =>
    analyze(text, careful)
      .problems.filter((p) => p.code === code)
      .map((p) => [p.severity, p.args, at(text.replace(/^\uFEFF/, ''), p.range)]);
  const fast = of(false);
  assert.deepEqual(of(true), fast, 'fast and careful paths disagree');
  return fast;
}

const BODY = (description: string) =>
  `# Title\n\n## Description 需求描述\n${description}\n\n## Background 客户背景\nA plant.\n\n## Scenario 需求场景\nMonthly.\n\n## Goal 期望目标\nOne click.\n`;

describe('closing the loop: placeholders are still missing (point 1)', () => {
  it('the placeholder a quick fix wrote for decline_reason is an error, in either language', () => {
    for (const reason of ['"TODO: reason"', '待填写：拒绝原因']) {
      const text = record({ strategy: 'declined', decline_reason: reason });
      assert.ok(!codes(text).includes('decline-reason-missing'));
      const value = reason.replace(/"/g, '');
      assert.deepEqual(found(text, 'placeholder'), [['error', ['decline_reason', value], `7:17-7:${17 + reason.length}`]]);
    }
  });

  it('a title, a customer name, task titles and change requests that are only a placeholder', () => {
    const text = record({
      title: '待填写',
      customer: '\n  name: TBD',
      tasks: '\n  - id: T1\n    title: todo\n    start: 2026-03-02',
      changes: '\n  - date: 2026-03-03\n    request: "  TODO "',
    });
    assert.deepEqual(found(text, 'placeholder'), [
      ['error', ['title', '待填写'], '3:8-3:11'],
      ['error', ['customer.name', 'TBD'], '7:9-7:12'],
      ['error', ['tasks[0].title', 'todo'], '10:12-10:16'],
      ['error', ['changes[0].request', 'TODO'], '14:14-14:23'],
    ]);
    const p = analyze(text).problems.find((x) => x.code === 'placeholder')!;
    assert.equal(formatMessage(p.code, p.args, 'en'), 'title still holds the placeholder "待填写": write the real text.');
    assert.equal(formatMessage(p.code, p.args, 'zh-cn'), 'title 仍是占位文本 "待填写"：请填写实际内容。');
  });

  it('an essential that holds only a placeholder is a warning on that text, like an empty one', () => {
    const text = record({}, BODY('  待补充  '));
    assert.deepEqual(found(text, 'placeholder'), [['warning', ['@essential:description', '待补充'], '10:3-10:6']]);
    // Real text that mentions a placeholder word is not one.
    assert.deepEqual(found(record({}, BODY('TODO list export for the plant manager.')), 'placeholder'), []);
  });

  it('the list is a setting (reqdesk.placeholders); what ReqDesk writes always counts', () => {
    const settings = resolveSettings({ 'reqdesk.placeholders': ['n/a'] });
    assert.deepEqual(settings.placeholders, ['n/a']);
    assert.deepEqual(resolveSettings({}).placeholders, [...DEFAULT_PLACEHOLDERS]);
    assert.ok(isPlaceholder(' N/A ', settings.placeholders));
    assert.ok(!isPlaceholder('TBD', settings.placeholders));
    assert.ok(isPlaceholder('todo: REASON', settings.placeholders));
    assert.ok(isPlaceholder('待填写：拒绝原因', []));
    const ctx = contextFor(settings);
    const text = record({ title: 'n/a', owner: 'TBD' });
    assert.deepEqual(
      analyzeRequirement(text, ctx).problems.map((p) => [p.code, p.args]),
      [['placeholder', ['title', 'n/a']]],
    );
    // A changed list changes validation results: cached results must not survive it.
    assert.notEqual(settingsFingerprint(settings), settingsFingerprint(DEFAULT_SETTINGS));
    const warnings: unknown[] = [];
    assert.deepEqual(resolveSettings({ 'reqdesk.placeholders': 'TODO' }, warnings as never).placeholders, [...DEFAULT_PLACEHOLDERS]);
    assert.equal(warnings.length, 1);
  });
});

describe('closing the loop: closing asks for feedback and lessons (point 8)', () => {
  // The degree met is recorded (a closed record without one has a problem of its own, see outcome.test).
  const closed = (fields: Record<string, string>) => record({ status: 'closed', strategy: 'full', outcome: '\n  degree: full', ...fields });

  it('closed straight from new: no feedback and no lessons, each a warning on the status', () => {
    const text = closed({});
    assert.deepEqual(found(text, 'closed-without-feedback'), [['warning', [], '5:9-5:15']]);
    assert.deepEqual(found(text, 'closed-without-lessons'), [['warning', [], '5:9-5:15']]);
  });

  it('feedback, or a reason it was not collected, and lessons close it cleanly', () => {
    assert.deepEqual(codes(closed({ feedback: '\n  - date: 2026-03-10\n    satisfaction: 4', lessons: 'Reuse the reader.' })), []);
    assert.deepEqual(codes(closed({ no_feedback_reason: 'The customer left the pilot.', lessons: 'Ask earlier.' })), []);
    // Declined and closed is not solved: no lessons asked for.
    assert.deepEqual(
      codes(
        closed({
          strategy: 'declined',
          outcome: '\n  degree: declined',
          decline_reason: 'Out of scope.',
          no_feedback_reason: 'Nothing delivered.',
        }),
      ),
      [],
    );
    // The status alias counts as closed.
    assert.deepEqual(codes(closed({ status: '已关闭', lessons: 'x' })), ['closed-without-feedback', 'enum-alias']);
  });

  it('the quick fixes add no_feedback_reason and lessons as placeholders, which are then placeholders', () => {
    const text = closed({});
    for (const [code, fixId, key, zh] of [
      ['closed-without-feedback', 'add-no-feedback-reason', 'no_feedback_reason', '待填写：未收集反馈的原因'],
      ['closed-without-lessons', 'add-lessons', 'lessons', '待填写：经验教训'],
    ] as const) {
      const p = analyze(text).problems.find((x) => x.code === code)!;
      const fixes = fixesFor(text, p, FIX);
      assert.deepEqual(
        fixes.map((f) => [f.fixId, localizeLater('en', f.title), localizeLater('zh-cn', f.title)]),
        [[fixId, `Add ${key} (a placeholder to fill in)`, `添加 ${key}（待填写的占位文本）`]],
      );
      const after = applyTextEdits(text, fixes[0]!.edits);
      assert.ok(!codes(after).includes(code));
      const placeholder = analyze(after).problems.filter((x) => x.code === 'placeholder');
      assert.deepEqual(
        placeholder.map((x) => [x.severity, x.args[0]]),
        [['warning', key]],
      );
      const zhAfter = applyTextEdits(text, fixesFor(text, p, { ...FIX, language: 'zh-cn' })[0]!.edits);
      assert.match(zhAfter, new RegExp(`${key}: ${zh}`));
    }
  });

  it('no_feedback_reason is part of the schema (no near-miss, no unknown key)', () => {
    assert.deepEqual(codes(closed({ no_feedback_reson: 'x', lessons: 'y' })), ['closed-without-feedback', 'key-near-miss']);
  });
});

describe('closing the loop: promised dates are checked (point 7)', () => {
  const SETTINGS = { workdays: [1, 2, 3, 4, 5], holidays: [], lowSatisfaction: 2 };
  const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n# Body\n`;

  it('delivered past feedback_due with no feedback: a warning on the date, with the days late', () => {
    const text = fm(
      'id: REQ-2026-001',
      'status: delivered',
      'milestones:',
      '  planned_done: 2026-03-02',
      '  feedback_due: 2026-03-06  # a week',
    );
    assert.deepEqual(timelyFindings({ status: 'delivered', milestones: { feedback_due: '2026-03-06' } }, '2026-03-06', SETTINGS), []);
    const problems = timelyProblems(text, '2026-03-09', SETTINGS);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.args, at(text, p.range)]),
      [['feedback-overdue', 'warning', ['2026-03-06', '@days:3'], '6:17-6:27']],
    );
    assert.equal(
      formatMessage(problems[0]!.code, problems[0]!.args, 'en'),
      'Customer feedback was due on 2026-03-06 (3 days ago) and none is recorded: collect it, or move milestones.feedback_due.',
    );
    assert.equal(
      formatMessage(problems[0]!.code, problems[0]!.args, 'zh-cn'),
      '客户反馈应于 2026-03-06 前收集（已过 3 天），但没有任何反馈记录：请收集反馈，或调整 milestones.feedback_due。',
    );
    // Feedback recorded, or another status: nothing.
    assert.deepEqual(timelyProblems(text.replace('status: delivered', 'status: verified'), '2026-03-09', SETTINGS), []);
    const withFeedback = text.replace('---\n# Body', 'feedback:\n  - date: 2026-03-05\n---\n# Body');
    assert.deepEqual(timelyProblems(withFeedback, '2026-03-09', SETTINGS), []);
  });

  it('not delivered past planned_done: a warning naming the date, the days and the status (aliases too)', () => {
    const text = fm('id: REQ-2026-001', 'status: 进行中', 'milestones:', '  planned_done: 2026-03-02');
    const problems = timelyProblems(text, '2026-03-03', SETTINGS);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.args, at(text, p.range)]),
      [['delivery-overdue', 'warning', ['2026-03-02', '@days:1', 'in-progress'], '5:17-5:27']],
    );
    assert.equal(
      formatMessage(problems[0]!.code, problems[0]!.args, 'en'),
      'Planned to be done on 2026-03-02 (1 day ago) but the status is still in-progress: deliver it, or move milestones.planned_done and tell the customer.',
    );
    assert.deepEqual(timelyProblems(text, '2026-03-02', SETTINGS), []);
    for (const status of ['delivered', 'closed', 'on-hold', 'declined'])
      assert.deepEqual(timelyProblems(text.replace('进行中', status), '2026-04-01', SETTINGS), [], status);
  });

  it('reqdesk validate --as-of reports both', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'reqdesk-promises-'));
    try {
      mkdirSync(path.join(root, 'requirements'));
      const file = (status: string) => record({ status, milestones: '\n  planned_done: 2026-03-02\n  feedback_due: 2026-03-06' });
      writeFileSync(path.join(root, 'requirements', 'a.md'), file('delivered'));
      writeFileSync(path.join(root, 'requirements', 'b.md'), file('planned').replace('REQ-2026-001', 'REQ-2026-002'));
      const out: string[] = [];
      await runCli(
        ['validate', '--as-of', '2026-03-20'],
        { out: (t) => out.push(t), err: () => undefined, cwd: root, env: {} },
        new Date(),
      );
      const text = out.join('\n');
      assert.match(text, /a\.md:8:17: warning feedback-overdue Customer feedback was due on 2026-03-06 \(14 days ago\)/);
      assert.match(
        text,
        /b\.md:7:17: warning delivery-overdue Planned to be done on 2026-03-02 \(18 days ago\) but the status is still planned/,
      );
      const without: string[] = [];
      await runCli(['validate'], { out: (t) => without.push(t), err: () => undefined, cwd: root, env: {} }, new Date());
      assert.doesNotMatch(without.join('\n'), /overdue/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('closing the loop: links to requirements that do not exist (point 11)', () => {
  const newIndex = () => new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
  const linking = record({ related: '[ORDER-2024-118, REQ-2099-999, "REQ-2026-002"]  # REQ-2099-999 again' });

  async function built() {
    const source = new MemorySource().set('requirements/a.md', linking).set('requirements/b.md', record({ id: 'REQ-2026-002' }));
    const index = newIndex();
    await index.build(source);
    const events: IndexChange[] = [];
    index.onDidChange((c) => events.push(c));
    return { index, events };
  }
  const dangling = (index: RequirementIndex) =>
    index
      .problemsFor('requirements/a.md')
      .filter((p) => p.code === 'related-unknown-id')
      .map((p) => [p.severity, p.args, p.path, at(linking, p.range)]);

  it('an ID-shaped entry no record has is a warning on that item; order numbers and existing IDs pass', async () => {
    const { index } = await built();
    assert.deepEqual(dangling(index), [['warning', ['REQ-2099-999'], ['related', 1], '6:27-6:39']]);
    const p = index.problemsFor('requirements/a.md').find((x) => x.code === 'related-unknown-id')!;
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'Related requirement REQ-2099-999 does not exist: no record of the workspace has this ID.',
    );
    assert.deepEqual(index.problemsFor('requirements/b.md'), []);
  });

  it('a block list is marked on its item', async () => {
    const text = record({ related: '\n  - ORDER-1\n  - REQ-2099-998' });
    const index = newIndex();
    await index.build(new MemorySource().set('requirements/c.md', text));
    const p = index.problemsFor('requirements/c.md').filter((x) => x.code === 'related-unknown-id');
    assert.deepEqual(
      p.map((x) => [x.args, at(text, x.range)]),
      [[['REQ-2099-998'], '8:5-8:17']],
    );
  });

  it('the target appearing or vanishing updates the linking file', async () => {
    const { index, events } = await built();
    index.updateText('requirements/new.md', record({ id: 'REQ-2099-999' }));
    assert.deepEqual(events.pop(), { changed: ['requirements/new.md', 'requirements/a.md'], removed: [] });
    assert.deepEqual(dangling(index), []);
    index.remove('requirements/b.md');
    assert.deepEqual(events.pop(), { changed: ['requirements/a.md'], removed: ['requirements/b.md'] });
    assert.deepEqual(
      dangling(index).map((d) => d[1]),
      [['REQ-2026-002']],
    );
    index.updateText('requirements/new.md', record({ id: 'REQ-2099-997' }));
    assert.deepEqual(events.pop(), { changed: ['requirements/new.md', 'requirements/a.md'], removed: [] });
    // Typing in a file without changing its ID touches nobody else.
    index.updateText('requirements/new.md', record({ id: 'REQ-2099-997', title: 'Another title' }));
    assert.deepEqual(events.pop(), { changed: ['requirements/new.md'], removed: [] });
  });
});
