import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyTextEdits, type TextEdit } from '../../src/core/edits';
import { fixAllOfKind, fixesFor, type FixContext, type QuickFix } from '../../src/core/fixes';
import { loadYamlCareful, splitFile } from '../../src/core/frontmatter';
import { localizeLater } from '../../src/core/l10n';
import { nextId } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import type { ProblemCode } from '../../src/core/messages';
import type { Problem } from '../../src/core/problems';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { analyzeRequirement } from '../../src/core/validate';
import { timelyProblems } from '../../src/core/timely';
import { bom, crlf, CTX, ESSENTIALS_BODY, fixture, MemorySource, record, REPO_ROOT } from './support';

const FIX: FixContext = { keepAliases: false, freeId: () => 'REQ-2026-100', today: '2026-05-04' };

const example = (name: string) => readFileSync(path.join(REPO_ROOT, 'examples/requirements', name), 'utf8');

function problems(text: string, code: ProblemCode): Problem[] {
  return analyzeRequirement(text, CTX).problems.filter((p) => p.code === code);
}

/** The one problem of a code in the text. */
function only(text: string, code: ProblemCode): Problem {
  const found = problems(text, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}`);
  return found[0]!;
}

/** The one fix of the text's one problem of that code. */
function fixOf(text: string, code: ProblemCode, ctx: FixContext = FIX): QuickFix {
  const fixes = fixesFor(text, only(text, code), ctx);
  assert.equal(fixes.length, 1, `expected one fix for ${code}`);
  return fixes[0]!;
}

/** Applies the fix and checks that its problem is gone. */
function fixed(text: string, code: ProblemCode, ctx: FixContext = FIX): string {
  const after = applyTextEdits(text, fixOf(text, code, ctx).edits);
  assert.equal(problems(after, code).length, 0, `${code} is still there`);
  return after;
}

/** A fix as its ID and its title in English and in Chinese. */
const titled = (fix: QuickFix) => [fix.fixId, localizeLater('en', fix.title), localizeLater('zh-cn', fix.title)];

const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n${ESSENTIALS_BODY}`;

describe('fixes: rename-key', () => {
  it('renames the misspelt key of the example in place, and only its bytes', () => {
    const text = example('REQ-2026-090-broken-scores.md');
    const fix = fixOf(text, 'key-near-miss');
    assert.deepEqual([...titled(fix), fix.isPreferred], ['rename-key', 'Rename urgancy to urgency', '将 urgancy 改为 urgency', true]);
    const at = text.indexOf('urgancy');
    assert.deepEqual(fix.edits, [{ start: at, end: at + 'urgancy'.length, newText: 'urgency' }]);
    assert.equal(fixed(text, 'key-near-miss'), text.replace('  urgancy: 4 ', '  urgency: 4 '));
  });

  it('keeps CRLF line ends and a BOM', () => {
    for (const text of [crlf(fixture('near-miss-keys.md')), bom(fixture('near-miss-keys.md')), bom(crlf(fixture('near-miss-keys.md')))]) {
      const p = problems(text, 'key-near-miss').find((x) => x.args[0] === 'urgancy')!;
      const [fix] = fixesFor(text, p, FIX);
      assert.ok(fix);
      assert.equal(applyTextEdits(text, fix.edits), text.replace('urgancy: 5', 'urgency: 5'));
    }
  });

  it('renames the name inside a quoted key, in a flow map too', () => {
    const text = fm(
      'id: REQ-2026-001',
      'title: T',
      'type: functional',
      'status: new',
      '"ownr": 李四',
      'scores: {importance: 4, urgancy: 5}',
    );
    const all = fixAllOfKind(text, problems(text, 'key-near-miss'), 'key-near-miss', FIX);
    assert.equal(applyTextEdits(text, all), text.replace('"ownr"', '"owner"').replace('urgancy', 'urgency'));
  });

  it('offers nothing when the right spelling already exists, the range is stale, or the text is not the key', () => {
    const text = fm('id: REQ-2026-001', 'title: T', 'type: functional', 'status: new', 'scores:', '  urgency: 3', '  urgancy: 5');
    const start = text.indexOf('urgancy');
    const made: Problem = {
      code: 'key-near-miss',
      severity: 'warning',
      args: ['urgancy', 'urgency'],
      range: { start, end: start + 7 },
      path: ['scores', 'urgancy'],
      fixes: ['rename-key'],
      data: { key: 'urgency' },
    };
    assert.deepEqual(fixesFor(text, made, FIX), []);
    const near = record({ ownr: '王五' });
    const p = only(near, 'key-near-miss');
    assert.equal(fixesFor(near, p, FIX).length, 1);
    assert.deepEqual(fixesFor(near, { ...p, range: { start: p.range.start + 1, end: p.range.end + 1 } }, FIX), []);
    // The file changed since the problem was found: its range no longer holds the key.
    assert.deepEqual(fixesFor(near.replace('---\n', '---\nx-note: 1\n'), p, FIX), []);
  });

  it('fix all: three near-miss keys at three levels in one set of edits', () => {
    const text = fixture('near-miss-keys.md');
    const found = problems(text, 'key-near-miss');
    assert.deepEqual(
      found.map((p) => p.args[0]),
      ['titel', 'urgancy', 'ownr'],
    );
    const edits = fixAllOfKind(text, found, 'key-near-miss', FIX);
    assert.equal(edits.length, 3);
    const after = applyTextEdits(text, edits);
    assert.equal(after, text.replace('titel:', 'title:').replace('urgancy:', 'urgency:').replace('ownr:', 'owner:'));
    assert.deepEqual(problems(after, 'key-near-miss'), []);
    // Renaming titel also settles the missing title.
    assert.deepEqual(problems(after, 'required-missing'), []);
  });

  it('fix all: two misspellings of one key rename only the first', () => {
    const text = fm('id: REQ-2026-001', 'title: T', 'type: functional', 'status: new', 'scores:', '  urgancy: 5', '  urgensy: 4');
    const found = problems(text, 'key-near-miss');
    assert.equal(found.length, 2);
    const after = applyTextEdits(text, fixAllOfKind(text, found, 'key-near-miss', FIX));
    assert.equal(after, text.replace('urgancy', 'urgency'));
  });
});

describe('fixes: replace-value', () => {
  const text = record({ status: 'planed', moscow: 'shuold' });

  it('sets the suggested value, preferred', () => {
    const p = problems(text, 'enum-unknown').find((x) => x.path?.[0] === 'status')!;
    const [fix, ...rest] = fixesFor(text, p, FIX);
    assert.deepEqual(rest, []);
    assert.deepEqual(
      [fix!.fixId, localizeLater('en', fix!.title), localizeLater('zh-cn', fix!.title), fix!.isPreferred],
      ['replace-value', 'Replace planed with planned', '将 planed 改为 planned', true],
    );
    assert.equal(applyTextEdits(text, fix!.edits), text.replace('status: planed', 'status: planned'));
  });

  it('keeps CRLF, a BOM, quotes and comments', () => {
    const src = fm('id: REQ-2026-001', 'title: T', 'type: "functionl"   # typo', 'status: new');
    for (const t of [crlf(src), bom(src), bom(crlf(src))]) assert.equal(fixed(t, 'enum-unknown'), t.replace('"functionl"', '"functional"'));
  });

  it('fix all sets every suggestion in one edit set', () => {
    const after = applyTextEdits(text, fixAllOfKind(text, problems(text, 'enum-unknown'), 'enum-unknown', FIX));
    assert.equal(after, text.replace('planed', 'planned').replace('shuold', 'should'));
  });

  it('offers nothing without a suggestion (the example\'s "finished")', () => {
    const example091 = example('REQ-2026-091-declined-no-reason.md');
    assert.deepEqual(fixesFor(example091, only(example091, 'enum-unknown'), FIX), []);
  });
});

describe('fixes: normalize-alias', () => {
  const text = fixture('enum-alias.md');

  it('replaces the alias by its canonical value', () => {
    const p = problems(text, 'enum-alias').find((x) => x.args[0] === '老客户')!;
    const [fix] = fixesFor(text, p, FIX);
    assert.deepEqual(
      [fix!.fixId, localizeLater('en', fix!.title), localizeLater('zh-cn', fix!.title), fix!.isPreferred],
      ['normalize-alias', 'Replace alias 老客户 with existing', '将别名 老客户 改为 existing', undefined],
    );
    assert.equal(applyTextEdits(text, fix!.edits), text.replace('tier: 老客户', 'tier: existing'));
  });

  it('is not offered when aliases are kept', () => {
    for (const p of problems(text, 'enum-alias')) assert.deepEqual(fixesFor(text, p, { ...FIX, keepAliases: true }), []);
    assert.deepEqual(fixAllOfKind(text, problems(text, 'enum-alias'), 'enum-alias', { ...FIX, keepAliases: true }), []);
  });

  it('fix all normalises every alias, nested and in list items', () => {
    const after = applyTextEdits(text, fixAllOfKind(text, problems(text, 'enum-alias'), 'enum-alias', FIX));
    assert.equal(
      after,
      text.replace('功能需求', 'functional').replace('进行中', 'in-progress').replace('老客户', 'existing').replace('已完成', 'done'),
    );
    assert.deepEqual(problems(after, 'enum-alias'), []);
  });
});

describe('fixes: set-derived-priority', () => {
  it("sets the derived priority once the example's scores are complete", () => {
    const broken = example('REQ-2026-090-broken-scores.md');
    // With urgency misspelt the scores allow P2 or P3: no single fix.
    assert.deepEqual(fixesFor(broken, only(broken, 'priority-mismatch'), FIX), []);
    const text = applyTextEdits(broken, fixOf(broken, 'key-near-miss').edits);
    const fix = fixOf(text, 'priority-mismatch');
    assert.deepEqual(
      [...titled(fix), fix.isPreferred],
      ['set-derived-priority', 'Set priority to P2 (derived from the scores)', '将优先级设为 P2（由评分推导）', undefined],
    );
    assert.equal(fixed(text, 'priority-mismatch'), text.replace('priority: P1 ', 'priority: P2 '));
  });

  it('keeps a quoted priority quoted', () => {
    const text = record({ scores: '\n  importance: 5\n  urgency: 5', priority: "'P3'" });
    assert.equal(fixed(text, 'priority-mismatch'), text.replace("'P3'", "'P1'"));
  });
});

describe('fixes: add-required-key', () => {
  it('title from the first heading of the body, else TODO', () => {
    const text = record({ title: '' });
    const fix = fixOf(text, 'required-missing');
    assert.deepEqual(titled(fix), [
      'add-required-key',
      'Add title: Scan pallets at the goods-in dock',
      '添加 title: Scan pallets at the goods-in dock',
    ]);
    assert.equal(fixed(text, 'required-missing'), text.replace('status: new\n', 'status: new\ntitle: Scan pallets at the goods-in dock\n'));
    const bare = record({ title: '' }, '## Description\nx\n');
    assert.equal(fixed(bare, 'required-missing'), bare.replace('status: new\n', 'status: new\ntitle: TODO\n'));
  });

  it('type, status and id (the free ID from the context)', () => {
    const noType = record({ type: '' });
    assert.equal(fixed(noType, 'required-missing'), noType.replace('status: new\n', 'status: new\ntype: functional\n'));
    const noStatus = crlf(record({ status: '' }));
    assert.equal(fixed(noStatus, 'required-missing'), noStatus.replace('type: functional\r\n', 'type: functional\r\nstatus: new\r\n'));
    const noId = record({ id: '' });
    assert.equal(fixed(noId, 'required-missing'), noId.replace('status: new\n', 'status: new\nid: REQ-2026-100\n'));
    assert.deepEqual(fixesFor(noId, only(noId, 'required-missing'), { keepAliases: false }), []);
    assert.deepEqual(fixesFor(noId, only(noId, 'required-missing'), { keepAliases: false, freeId: () => undefined }), []);
  });

  it('fix all adds every missing top-level key at once', () => {
    const text = '---\nowner: 李四\n---\n# Dock scanning\n';
    const after = applyTextEdits(text, fixAllOfKind(text, problems(text, 'required-missing'), 'required-missing', FIX));
    assert.equal(after, '---\nowner: 李四\nid: REQ-2026-100\ntitle: Dock scanning\ntype: functional\nstatus: new\n---\n# Dock scanning\n');
    assert.deepEqual(problems(after, 'required-missing'), []);
  });

  it('nested keys: task id and title, change request, review and feedback dates', () => {
    const text = record({
      tasks: '\n  - title: Design\n    start: 2026-03-02\n  - id: T4\n    start: 2026-03-02\n  - start: 2026-03-03',
      changes: '\n  - date: 2026-04-01',
      reviews: '\n  - by: [PM]',
      feedback: '\n  - satisfaction: 4',
    });
    const after = applyTextEdits(text, fixAllOfKind(text, problems(text, 'required-missing'), 'required-missing', FIX));
    assert.equal(
      after,
      text
        .replace('    start: 2026-03-02\n  - id: T4', '    start: 2026-03-02\n    id: T5\n  - id: T4')
        .replace('  - id: T4\n    start: 2026-03-02\n', '  - id: T4\n    start: 2026-03-02\n    title: TODO\n')
        .replace('  - start: 2026-03-03\n', '  - start: 2026-03-03\n    id: T6\n    title: TODO\n')
        .replace('  - date: 2026-04-01\n', '  - date: 2026-04-01\n    request: TODO\n')
        .replace('  - by: [PM]\n', '  - by: [PM]\n    date: 2026-05-04\n')
        .replace('  - satisfaction: 4\n', '  - satisfaction: 4\n    date: 2026-05-04\n'),
    );
    assert.deepEqual(problems(after, 'required-missing'), []);
    // One at a time, the title says which key and where.
    const titles = problems(text, 'required-missing').flatMap((p) => fixesFor(text, p, FIX).map((f) => localizeLater('en', f.title)));
    assert.ok(titles.includes('Add tasks[0].id: T5'), titles.join(' | '));
    // Without today's date no date is made up.
    const dates = problems(text, 'required-missing').filter((p) => p.path?.at(-1) === 'date');
    assert.equal(dates.length, 2);
    for (const p of dates) assert.deepEqual(fixesFor(text, p, { keepAliases: false }), []);
  });

  it('customer name', () => {
    const text = record({ customer: '\n  tier: key' });
    assert.equal(fixed(text, 'required-missing'), text.replace('  tier: key\n', '  tier: key\n  name: TODO\n'));
  });

  it('not offered when a misspelling of the key is there (the rename is the fix)', () => {
    const text = fixture('near-miss-keys.md');
    assert.deepEqual(fixesFor(text, only(text, 'required-missing'), FIX), []);
  });
});

describe('fixes: add-decline-reason', () => {
  it('adds a placeholder reason to the example', () => {
    const text = example('REQ-2026-091-declined-no-reason.md');
    const fix = fixOf(text, 'decline-reason-missing');
    assert.deepEqual(titled(fix), [
      'add-decline-reason',
      'Add decline_reason (a placeholder to fill in)',
      '添加 decline_reason（待填写的占位文本）',
    ]);
    const after = fixed(text, 'decline-reason-missing');
    assert.equal(after, text.replace('    status: done\n---', '    status: done\ndecline_reason: "TODO: reason"\n---'));
  });

  it('fills an empty decline_reason in place', () => {
    const text = record({ strategy: 'declined', decline_reason: '   # why?', owner: 'x' });
    assert.equal(
      fixed(text, 'decline-reason-missing'),
      text.replace('decline_reason:    # why?', 'decline_reason: "TODO: reason"    # why?'),
    );
    const quoted = record({ strategy: 'declined', decline_reason: '""' });
    assert.equal(fixed(quoted, 'decline-reason-missing'), quoted.replace('decline_reason: ""', 'decline_reason: "TODO: reason"'));
  });

  it('writes the placeholder in the UI language: Chinese under a Chinese UI', () => {
    const text = example('REQ-2026-091-declined-no-reason.md');
    const zh = { ...FIX, language: 'zh-cn' as const };
    assert.equal(
      fixed(text, 'decline-reason-missing', zh),
      text.replace('    status: done\n---', '    status: done\ndecline_reason: 待填写：拒绝原因\n---'),
    );
    // A missing task title gets the Chinese placeholder too; English stays the default.
    const noTitle = record({ tasks: '\n  - id: T1\n    days: 1' });
    assert.match(fixed(noTitle, 'required-missing', zh), /title: 待填写/);
    assert.match(fixed(noTitle, 'required-missing'), /title: TODO/);
  });
});

describe('fixes: next-free-id', () => {
  it('gives a duplicate the next free ID of the workspace', async () => {
    const one = record({ id: 'REQ-2026-007' });
    const two = crlf(record({ id: 'REQ-2026-007  # copied', title: 'Another one' }));
    const index = new RequirementIndex(DEFAULT_SETTINGS, CTX.grammar);
    await index.build(
      new MemorySource()
        .set('one.md', one)
        .set('two.md', two)
        .set('three.md', record({ id: 'REQ-2026-012' })),
    );
    const p = index.problemsFor('two.md').find((x) => x.code === 'id-duplicate')!;
    const freeId = () => nextId(CTX.grammar, index.ids(), { prefix: 'REQ', year: 2026 });
    const [fix, ...rest] = fixesFor(two, p, { keepAliases: false, freeId });
    assert.deepEqual(rest, []);
    assert.deepEqual(
      [fix!.fixId, localizeLater('en', fix!.title), localizeLater('zh-cn', fix!.title)],
      ['next-free-id', 'Change the ID to REQ-2026-013', '将编号改为 REQ-2026-013'],
    );
    const after = applyTextEdits(two, fix!.edits);
    assert.equal(after, two.replace('REQ-2026-007  # copied', 'REQ-2026-013  # copied'));
    index.updateText('two.md', after);
    assert.deepEqual(
      index.problemsFor('two.md').filter((x) => x.code === 'id-duplicate'),
      [],
    );
    assert.deepEqual(fixesFor(two, p, { keepAliases: false }), []);
    // A problem about another ID than the file holds now is stale.
    assert.deepEqual(fixesFor(record({ id: 'REQ-2026-008' }), p, { keepAliases: false, freeId }), []);
  });
});

describe('fixes: remove-dependency', () => {
  it('drops one entry of a flow list', () => {
    const text = fixture('task-unknown-dependency.md');
    const fix = fixOf(text, 'task-unknown-dependency');
    assert.deepEqual(titled(fix), ['remove-dependency', 'Remove T9 from the dependencies of T2', '从任务 T2 的依赖中删除 T9']);
    assert.equal(fixed(text, 'task-unknown-dependency'), text.replace('depends: [T1, T9]', 'depends: [T1]'));
  });

  it('drops one entry of a block list', () => {
    const text = record({
      tasks:
        '\n  - id: T1\n    title: A\n    start: 2026-03-02\n  - id: T2\n    title: B\n    depends:\n      - T9\n      - T1\n    days: 2',
    });
    assert.equal(fixed(text, 'task-unknown-dependency'), text.replace('      - T9\n      - T1\n', '      - T1\n'));
  });

  it('the only entry takes the key with it; the task then has no schedule (the example)', () => {
    const text = example('REQ-2026-091-declined-no-reason.md');
    const after = fixed(text, 'task-unknown-dependency');
    assert.equal(after, text.replace('    depends: [T9]            # deliberate: there is no task T9\n', ''));
    assert.deepEqual(
      problems(after, 'task-no-schedule').map((p) => p.args[0]),
      ['T2', 'T3'],
    );
    const single = record({ tasks: '\n  - id: T1\n    title: A\n    start: 2026-03-02\n    depends: T7' });
    assert.equal(fixed(single, 'task-unknown-dependency'), single.replace('    depends: T7\n', ''));
  });

  it('fix all removes every unknown dependency, across tasks and within one list', () => {
    const text = crlf(
      record({
        tasks: '\n  - depends: [T8, T1, T9]\n    id: T2\n    title: B\n  - id: T1\n    title: A\n    start: 2026-03-02\n    depends: [T7]',
      }),
    );
    const found = problems(text, 'task-unknown-dependency');
    assert.equal(found.length, 3);
    const after = applyTextEdits(text, fixAllOfKind(text, found, 'task-unknown-dependency', FIX));
    assert.equal(after, text.replace('[T8, T1, T9]', '[T1]').replace('    depends: [T7]\r\n', ''));
    assert.deepEqual(problems(after, 'task-unknown-dependency'), []);
  });
});

describe('fixes: safety', () => {
  it('offers nothing for a file with YAML errors or without front-matter, or for problems without fixes', () => {
    const broken = fixture('yaml-bad-indent.md');
    const made: Problem = {
      code: 'enum-unknown',
      severity: 'error',
      args: ['status', 'planed', '', ''],
      range: { start: 0, end: 0 },
      path: ['status'],
      fixes: ['replace-value'],
      data: { value: 'planned' },
    };
    assert.deepEqual(fixesFor(broken, made, FIX), []);
    assert.deepEqual(fixesFor('# just a body\n', made, FIX), []);
    assert.deepEqual(fixAllOfKind(broken, [made], 'enum-unknown', FIX), []);
    const text = fixture('vague-title.md');
    for (const p of analyzeRequirement(text, CTX).problems) assert.deepEqual(fixesFor(text, p, FIX), []);
  });

  it('every fix of every fixture applies cleanly and leaves the body alone', () => {
    let offered = 0;
    for (const name of [
      'enum-alias.md',
      'enum-typo.md',
      'near-miss-keys.md',
      'priority-mismatch.md',
      'declined-no-reason.md',
      'task-unknown-dependency.md',
      'valid-minimal.md',
    ]) {
      const text = fixture(name);
      const split = splitFile(text);
      for (const p of analyzeRequirement(text, CTX).problems) {
        for (const fix of fixesFor(text, p, FIX)) {
          offered++;
          const after = splitFile(applyTextEdits(text, fix.edits), true);
          assert.equal(after.text.slice(after.bodyStart), split.text.slice(split.bodyStart), `${name}: ${localizeLater('en', fix.title)}`);
          assert.deepEqual(loadYamlCareful(after.frontMatter!.yaml).issues, [], `${name}: ${localizeLater('en', fix.title)}`);
          assert.ok(
            !problems(after.text, p.code).some((q) => q.range.start === p.range.start && q.args.join() === p.args.join()),
            `${name}: ${localizeLater('en', fix.title)}`,
          );
        }
      }
    }
    assert.ok(offered >= 8, `only ${offered} fixes offered`);
  });
});

// ── property: fix all never breaks a file ──────────────────────────────────────────────────

/** A plausible misspelling: a dropped, doubled or swapped letter. */
const typo = (word: string, kind: number, at: number): string => {
  const i = at % Math.max(1, word.length - 1);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word.charAt(i) + word.slice(i);
  return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
};

const mistakeArb = fc.record({ on: fc.boolean(), kind: fc.integer({ min: 0, max: 2 }), at: fc.nat(20) });
type Mistake = { on: boolean; kind: number; at: number };
const key = (k: string, m: Mistake) => (m.on ? typo(k, m.kind, m.at) : k);

const valueArb = (canonical: string[], aliases: string[]) =>
  fc.oneof(
    fc.constantFrom(...canonical),
    fc.constantFrom(...aliases),
    fc.tuple(fc.constantFrom(...canonical), fc.integer({ min: 0, max: 2 }), fc.nat(20)).map(([v, k, a]) => typo(v, k, a)),
  );

const recordArb = fc.record({
  keys: fc.array(mistakeArb, { minLength: 6, maxLength: 6 }),
  type: valueArb(['functional', 'experience', 'business'], ['功能', '体验需求', '商务']),
  status: valueArb(['new', 'planned', 'in-progress', 'closed'], ['新建', '进行中', 'analysing']),
  scores: fc.option(fc.record({ flow: fc.boolean(), urgency: mistakeArb, importance: mistakeArb, twice: fc.boolean() })),
  customer: fc.option(
    fc.record({ tier: valueArb(['new', 'existing', 'key'], ['老客户', '重点客户']), name: mistakeArb, quoted: fc.boolean() }),
  ),
  tasks: fc.array(
    fc.record({
      status: valueArb(['todo', 'done', 'blocked'], ['已完成', '待办']),
      owner: mistakeArb,
      title: mistakeArb,
      depends: fc.boolean(),
      flow: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  indent: fc.constantFrom(2, 4),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  comments: fc.boolean(),
});

type Generated = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;

function render(r: Generated): string {
  const pad = ' '.repeat(r.indent);
  const c = (s: string) => (r.comments ? `${s}   # note` : s);
  const lines = [
    `${key('id', r.keys[0]!)}: REQ-2026-001`,
    c(`${key('title', r.keys[1]!)}: Scan pallets`),
    `${key('type', r.keys[2]!)}: ${r.type}`,
    c(`${key('status', r.keys[3]!)}: ${r.status}`),
    `${key('owner', r.keys[4]!)}: 李四`,
  ];
  if (r.scores) {
    const s = r.scores;
    const entries = [`${key('importance', s.importance)}: 4`, `${key('urgency', s.urgency)}: 5`, ...(s.twice ? ['urgancy: 2'] : [])];
    if (s.flow) lines.push(`scores: { ${entries.join(', ')} }`);
    else lines.push('scores:', ...entries.map((e) => `${pad}${e}`));
  }
  if (r.customer) {
    const name = key('name', r.customer.name);
    lines.push(
      `${key('customer', r.keys[5]!)}:`,
      `${pad}${r.customer.quoted ? `"${name}"` : name}: 客户A`,
      c(`${pad}tier: ${r.customer.tier}`),
    );
  }
  if (r.tasks.length > 0) {
    lines.push('tasks:');
    r.tasks.forEach((t, i) => {
      lines.push(
        `${pad}- id: T${i + 1}`,
        `${pad}  ${key('title', t.title)}: Step ${i + 1}`,
        `${pad}  ${key('owner', t.owner)}: 王五`,
        `${pad}  status: ${t.status}`,
      );
      if (t.depends && i > 0) lines.push(t.flow ? `${pad}  depends: [T${i}, T9]` : `${pad}  depends:\n${pad}    - T9\n${pad}    - T${i}`);
      else lines.push(`${pad}  start: 2026-03-02`);
    });
  }
  const text = `---\n${lines.join('\n')}\n---\n${ESSENTIALS_BODY}`.replace(/\n/g, r.eol);
  return r.bom ? `\uFEFF${text}` : text;
}

const FIXABLE: ProblemCode[] = [
  'key-near-miss',
  'enum-unknown',
  'enum-alias',
  'required-missing',
  'task-unknown-dependency',
  'priority-mismatch',
  'decline-reason-missing',
];

function assertDisjoint(edits: readonly TextEdit[], length: number): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    assert.ok(e.start <= e.end && e.end <= length, `edit out of range: ${JSON.stringify(e)}`);
    if (i > 0) assert.ok(e.start >= sorted[i - 1]!.end, `overlapping edits: ${JSON.stringify(sorted)}`);
  }
}

describe('fixes: fix all on random records with mistakes (property)', () => {
  it('never throws, never overlaps, always parses, and fixes something whenever it edits', () => {
    fc.assert(
      fc.property(recordArb, (r) => {
        const text = render(r);
        const before = analyzeRequirement(text, CTX).problems;
        assert.deepEqual(
          before.filter((p) => p.code.startsWith('yaml-')),
          [],
          text,
        );
        const bodyless = text.replace(/^\uFEFF/, '');
        for (const code of FIXABLE) {
          const edits = fixAllOfKind(text, before, code, FIX);
          assertDisjoint(edits, bodyless.length);
          const after = applyTextEdits(text, edits);
          const split = splitFile(after, true);
          assert.ok(split.frontMatter?.closed, `${code}: front-matter lost`);
          assert.deepEqual(loadYamlCareful(split.frontMatter.yaml).issues, [], `${code}\n${after}`);
          // Problems by what they are about (ranges move): a fix set makes at least one go away.
          const keys = (ps: Problem[]) =>
            new Set(ps.filter((p) => p.code === code).map((p) => `${JSON.stringify(p.path)} ${p.args.join('|')}`));
          const was = keys(before);
          const left = keys(analyzeRequirement(after, CTX).problems);
          // (Not for aliases: their paths come from the record with invalid list items left out, so
          // a fix can rightly change an earlier item holding the same alias.)
          if (edits.length > 0 && code !== 'enum-alias')
            assert.ok(
              [...was].some((k) => !left.has(k)),
              `${code}: nothing fixed\n${after}`,
            );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('fixes: a late task', () => {
  const SETTINGS = { workdays: [1, 2, 3, 4, 5], holidays: [], lowSatisfaction: 2 };
  const text = record({
    tasks:
      '\n  - id: T1\n    title: A\n    start: 2026-03-02\n    days: 2' +
      '\n  - id: T2\n    title: B\n    depends: T1\n    days: 1\n    status: doing',
  });
  const late = (source: string, task: string) => timelyProblems(source, '2026-05-04', SETTINGS).find((p) => p.args[0] === task)!;

  it('marks the task done, or starts it today, changing only that field', () => {
    const fixes = fixesFor(text, late(text, 'T1'), FIX);
    assert.deepEqual(
      fixes.map((f) => [f.fixId, localizeLater('en', f.title)]),
      [
        ['mark-task-done', 'Mark task T1 done'],
        ['start-task-today', 'Start task T1 today (2026-05-04)'],
      ],
    );
    assert.equal(applyTextEdits(text, fixes[0]!.edits), text.replace('    days: 2\n', '    days: 2\n    status: done\n'));
    assert.equal(applyTextEdits(text, fixes[1]!.edits), text.replace('start: 2026-03-02', 'start: 2026-05-04'));
    for (const fix of fixes) assert.equal(late(applyTextEdits(text, fix.edits), 'T1'), undefined, `${fix.fixId} ends the lateness`);
  });

  it('a task scheduled after another gets no new start; its status is set where it stands', () => {
    const fixes = fixesFor(text, late(text, 'T2'), FIX);
    assert.deepEqual(
      fixes.map((f) => f.fixId),
      ['mark-task-done'],
    );
    assert.equal(applyTextEdits(text, fixes[0]!.edits), text.replace('status: doing', 'status: done'));
  });
});
