// Two baselines compared without git: the files of each side as path → text, and what the
// comparison says was added, removed and changed, and how it reads in Markdown and JSON.
import assert from 'node:assert/strict';
import { baselineDiff, type BaselineDiff } from '../../src/core/baselineDiff';
import { baselineJson, baselineMarkdown, type BaselineSides } from '../../src/core/baselineReport';
import { localize } from '../../src/core/l10n';
import { ESSENTIAL_NAMES } from '../../src/core/messages';
import { requirementFile } from './historyFixtures';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

const BODY = [
  '# 门店补货预警',
  '',
  '## 需求描述',
  '',
  '门店库存低于安全库存时提醒店长。',
  '',
  '## 期望目标',
  '',
  '缺货率从 6% 降到 2% 以下。',
  '',
].join('\n');

const STORE = ['id: 需求-2026-002', 'title: 门店补货预警', 'type: 功能', 'status: 新建'];
const EXPORT = ['id: REQ-2026-001', 'title: Export readings as CSV', 'type: functional', 'status: new'];

const SIDES: BaselineSides = { from: { revision: 'v1.0', commit: 'a'.repeat(40) }, to: { workingTree: true } };

/** The IDs (or paths) of a comparison's three lists. */
function names(diff: BaselineDiff) {
  const name = (r: { id: string | undefined; path: string }) => r.id ?? r.path;
  return { added: diff.added.map(name), removed: diff.removed.map(name), changed: diff.changed.map((c) => name(c.record)) };
}

describe('baseline diff: records added, removed and changed', () => {
  it('added, removed and changed records by ID, each list in ID order', () => {
    const older = files({
      'requirements/REQ-2026-001.md': requirementFile(EXPORT),
      'requirements/REQ-2026-003.md': requirementFile(['id: REQ-2026-003', 'title: Gone', 'type: functional', 'status: new']),
      'requirements/需求-2026-002.md': requirementFile(STORE, BODY),
    });
    const newer = files({
      'requirements/REQ-2026-001.md': requirementFile(EXPORT.map((l) => (l === 'status: new' ? 'status: analyzing' : l))),
      'requirements/需求-2026-002.md': requirementFile(STORE, BODY),
      'requirements/REQ-2026-005.md': requirementFile(['id: REQ-2026-005', 'title: New', 'type: functional', 'status: new']),
      'requirements/REQ-2026-004.md': requirementFile(['id: REQ-2026-004', 'title: Newer', 'type: functional', 'status: new']),
    });
    const diff = baselineDiff(older, newer);
    assert.deepEqual(names(diff), { added: ['REQ-2026-004', 'REQ-2026-005'], removed: ['REQ-2026-003'], changed: ['REQ-2026-001'] });
    assert.deepEqual(diff.changed[0]!.changes, [{ field: 'status', from: 'new', to: 'analyzing' }]);
    assert.deepEqual(diff.changed[0]!.sections, []);
    assert.equal(diff.changed[0]!.renamedFrom, undefined);
    assert.equal(diff.removed[0]!.title, 'Gone');
    assert.equal(diff.added[0]!.fields?.status, 'new');
  });

  it('a value rewritten as its alias (新建 → new, 功能 → functional) is no change', () => {
    const older = files({ 'r/需求-2026-002.md': requirementFile(STORE, BODY) });
    const newer = files({
      'r/需求-2026-002.md': requirementFile(['id: 需求-2026-002', 'title: 门店补货预警', 'type: functional', 'status: new'], BODY),
    });
    assert.deepEqual(baselineDiff(older, newer), { added: [], removed: [], changed: [] });
    // And a real change among the aliases is listed in canonical values.
    const moved = files({
      'r/需求-2026-002.md': requirementFile(['id: 需求-2026-002', 'title: 门店补货预警', 'type: 功能', 'status: 分析中'], BODY),
    });
    assert.deepEqual(baselineDiff(older, moved).changed[0]!.changes, [{ field: 'status', from: 'new', to: 'analyzing' }]);
  });

  it('a renamed file with the same ID is the same record, changed only by its path', () => {
    const older = files({ 'requirements/REQ-2026-001.md': requirementFile(EXPORT) });
    const newer = files({ 'requirements/done/REQ-2026-001-export.md': requirementFile(EXPORT) });
    const diff = baselineDiff(older, newer);
    assert.deepEqual(names(diff), { added: [], removed: [], changed: ['REQ-2026-001'] });
    assert.equal(diff.changed[0]!.renamedFrom, 'requirements/REQ-2026-001.md');
    assert.equal(diff.changed[0]!.record.path, 'requirements/done/REQ-2026-001-export.md');
    assert.deepEqual(diff.changed[0]!.changes, []);
  });

  it('records without an ID are matched by path: a proposal named by its file name', () => {
    const tep = (status: string) =>
      `---\ntitle: Custom Tasks\nauthors:\n  - "@bobcatfish"\nstatus: ${status}\n---\n\n# TEP-0002: Custom Tasks\n`;
    const older = files({ 'teps/0002-custom-tasks.md': tep('proposed'), 'teps/0003-catalog.md': tep('proposed') });
    const newer = files({ 'teps/0002-custom-tasks.md': tep('implemented'), 'teps/0004-results.md': tep('proposed') });
    const diff = baselineDiff(older, newer);
    assert.deepEqual(names(diff), {
      added: ['teps/0004-results.md'],
      removed: ['teps/0003-catalog.md'],
      changed: ['teps/0002-custom-tasks.md'],
    });
    // A status outside the schema's values is a change all the same.
    assert.deepEqual(diff.changed[0]!.changes, [{ field: 'status', from: 'proposed', to: 'implemented' }]);
    // Without an ID, a file that moved is another record: removed and added.
    const moved = baselineDiff(files({ 'teps/a.md': tep('proposed') }), files({ 'teps/b.md': tep('proposed') }));
    assert.deepEqual(names(moved), { added: ['teps/b.md'], removed: ['teps/a.md'], changed: [] });
  });

  it('an ID added to a file, or a front-matter that breaks, is a change of the record at that path', () => {
    const noId = requirementFile(EXPORT.filter((l) => !l.startsWith('id:')));
    const withId = baselineDiff(files({ 'r/x.md': noId }), files({ 'r/x.md': requirementFile(EXPORT) }));
    assert.deepEqual(names(withId), { added: [], removed: [], changed: ['REQ-2026-001'] });
    assert.deepEqual(withId.changed[0]!.changes, [{ field: 'id', from: undefined, to: 'REQ-2026-001' }]);

    const broken = baselineDiff(files({ 'r/x.md': requirementFile(EXPORT) }), files({ 'r/x.md': '---\nid: [REQ\n---\n' }));
    assert.deepEqual(names(broken), { added: [], removed: [], changed: ['r/x.md'] });
    assert.deepEqual(broken.changed[0]!.unreadable, { from: undefined, to: 'yaml-error' });

    // Unreadable at both sides: changed only when its text changed beyond white space.
    const same = baselineDiff(files({ 'r/x.md': 'no front-matter\n' }), files({ 'r/x.md': 'no front-matter  \r\n\n' }));
    assert.deepEqual(names(same), { added: [], removed: [], changed: [] });
    const edited = baselineDiff(files({ 'r/x.md': 'no front-matter\n' }), files({ 'r/x.md': 'other text\n' }));
    assert.deepEqual(edited.changed[0]!.unreadable, { from: 'no-front-matter', to: 'no-front-matter' });
  });

  it('the four essential sections: a changed text is listed, white space and the heading language are not', () => {
    const rewritten = BODY.replace('缺货率从 6% 降到 2% 以下。', '缺货率从 6% 降到 1% 以下。');
    const older = files({ 'r/需求-2026-002.md': requirementFile(STORE, BODY) });
    const diff = baselineDiff(older, files({ 'r/需求-2026-002.md': requirementFile(STORE, rewritten) }));
    assert.deepEqual(diff.changed[0]!.sections, [
      { section: 'goal', from: '缺货率从 6% 降到 2% 以下。', to: '缺货率从 6% 降到 1% 以下。' },
    ]);
    assert.deepEqual(diff.changed[0]!.changes, []);

    const english = BODY.replace('## 需求描述', '## Description').replace('## 期望目标', '## Expected goal').replace('店长。', '店长。 \n');
    assert.deepEqual(baselineDiff(older, files({ 'r/需求-2026-002.md': requirementFile(STORE, english) })).changed, []);

    const other = `${BODY}\n## Notes\n\nCalled the customer.\n`;
    const withNotes = baselineDiff(older, files({ 'r/需求-2026-002.md': requirementFile(STORE, other) }));
    assert.equal(withNotes.changed[0]!.otherTextChanged, true);
  });

  it('nested keys and task lists are compared field by field', () => {
    const before = [
      ...EXPORT,
      'scores:',
      '  importance: 3',
      '  urgency: 2',
      'tasks:',
      '  - id: T1',
      '    title: Draft',
      '    status: todo',
    ];
    const after = [...EXPORT, 'scores:', '  importance: 3', '  urgency: 5', 'tasks:', '  - id: T1', '    title: Draft', '    status: done'];
    const diff = baselineDiff(files({ 'r/a.md': requirementFile(before) }), files({ 'r/a.md': requirementFile(after) }));
    // The priority shown is derived from the scores: a re-score that moves it is a priority change.
    assert.deepEqual(diff.changed[0]!.changes, [
      { field: 'priority', from: 'P3', to: 'P2' },
      { field: 'scores.urgency', from: 2, to: 5 },
      { field: 'tasks[T1].status', from: 'todo', to: 'done' },
    ]);
  });

  it('an ID held by two files on a side: same paths pair first, the rest in path order', () => {
    const older = files({ 'r/a.md': requirementFile(EXPORT), 'r/b.md': requirementFile(EXPORT) });
    const newer = files({ 'r/b.md': requirementFile(EXPORT), 'r/c.md': requirementFile(EXPORT) });
    const diff = baselineDiff(older, newer);
    assert.deepEqual(names(diff), { added: [], removed: [], changed: ['REQ-2026-001'] });
    assert.equal(diff.changed[0]!.renamedFrom, 'r/a.md');
    assert.equal(diff.changed[0]!.record.path, 'r/c.md');
  });
});

describe('baseline diff: Markdown and JSON', () => {
  const older = files({
    'requirements/REQ-2026-001.md': requirementFile(EXPORT),
    'requirements/REQ-2026-003.md': requirementFile(['id: REQ-2026-003', 'title: Gone', 'type: functional', 'status: new']),
    'requirements/需求-2026-002.md': requirementFile(STORE, BODY),
  });
  const newer = files({
    'requirements/REQ-2026-001-csv.md': requirementFile(EXPORT.map((l) => (l === 'status: new' ? 'status: analyzing' : l))),
    'requirements/需求-2026-002.md': requirementFile(STORE, BODY.replace('2%', '1%')),
    'requirements/REQ-2026-004.md': requirementFile([
      'id: REQ-2026-004',
      'title: PDF *export*',
      'type: functional',
      'status: 新建',
      'scores:',
      '  importance: 5',
      '  urgency: 5',
    ]),
  });
  const diff = baselineDiff(older, newer);

  it('Markdown names both sides, counts, and lists each record with its changes', () => {
    assert.equal(
      baselineMarkdown(diff, SIDES, 'en'),
      [
        '# Requirements from v1.0 (aaaaaaa) to the working tree',
        '',
        '1 added, 1 removed, 2 changed.',
        '',
        '## Added (1)',
        '',
        '- **REQ-2026-004** PDF \\*export\\* · `requirements/REQ-2026-004.md` · status: new · priority: P1',
        '',
        '## Removed (1)',
        '',
        '- **REQ-2026-003** Gone · `requirements/REQ-2026-003.md` · status: new',
        '',
        '## Changed (2)',
        '',
        '### **REQ-2026-001** Export readings as CSV · `requirements/REQ-2026-001-csv.md`',
        '',
        '- renamed requirements/REQ-2026-001.md → requirements/REQ-2026-001-csv.md',
        '- status: new → analyzing',
        '',
        '### **需求-2026-002** 门店补货预警 · `requirements/需求-2026-002.md`',
        '',
        '- section Expected goal (期望目标): "缺货率从 6% 降到 2% 以下。" → "缺货率从 6% 降到 1% 以下。"',
        '',
      ].join('\n'),
    );
  });

  it('Markdown in Chinese: the same structure in the catalog words', () => {
    const zh = baselineMarkdown(diff, SIDES, 'zh-cn');
    assert.ok(
      zh.startsWith(`# ${localize('zh-cn', 'Requirements from {0} to {1}', 'v1.0 (aaaaaaa)', localize('zh-cn', 'the working tree'))}\n`),
    );
    assert.ok(zh.includes(`## ${localize('zh-cn', 'Added ({0})', 1)}\n`));
    assert.ok(zh.includes(localize('zh-cn', ESSENTIAL_NAMES.goal)));
    assert.notEqual(zh, baselineMarkdown(diff, SIDES, 'en'));
  });

  it('no change at all says so', () => {
    const same = baselineDiff(older, older);
    assert.equal(
      baselineMarkdown(same, { from: { revision: 'v1', commit: 'b'.repeat(40) }, to: { revision: 'v2', commit: 'c'.repeat(40) } }, 'en'),
      '# Requirements from v1 (bbbbbbb) to v2 (ccccccc)\n\n0 added, 0 removed, 0 changed.\n\nNo requirement was added, removed or changed.\n',
    );
  });

  it('JSON: the documented shape, null for absent values', () => {
    const json = baselineJson(diff, SIDES);
    assert.deepEqual(json.summary, { added: 1, removed: 1, changed: 2 });
    assert.deepEqual(json.from, { revision: 'v1.0', commit: 'a'.repeat(40) });
    assert.deepEqual(json.to, { workingTree: true });
    assert.deepEqual(json.changed[0], {
      id: 'REQ-2026-001',
      path: 'requirements/REQ-2026-001-csv.md',
      title: 'Export readings as CSV',
      renamedFrom: 'requirements/REQ-2026-001.md',
      changes: [{ field: 'status', from: 'new', to: 'analyzing' }],
      sections: [],
    });
    assert.deepEqual(json.changed[1]!.sections, [
      { section: 'goal', from: '缺货率从 6% 降到 2% 以下。', to: '缺货率从 6% 降到 1% 以下。' },
    ]);
    assert.deepEqual(Object.keys(json.added[0]!), ['id', 'path', 'title', 'fields']);
    assert.equal((json.added[0]!.fields as Record<string, unknown>).priority, 'P1');
    assert.equal((json.added[0]!.fields as Record<string, unknown>).status, 'new');
    // Round-trips through JSON unchanged: no undefined anywhere.
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  });
});
