// The history model on hand-made versions: no git, only the texts a file had commit by commit.
import assert from 'node:assert/strict';
import { LEADING_FIELDS } from '../../src/core/fieldDiff';
import { historyOf, readVersion, timeInStatus, type FileVersion, type HistoryEntry } from '../../src/core/history';
import { CSV_EXPORT, requirementFile } from './historyFixtures';

let tick = 0;
/** Versions one day apart, alternating authors, hashes c1, c2… */
function versions(...items: Array<{ text: string | undefined; path?: string; author?: string }>): FileVersion[] {
  tick = 0;
  return items.map((item) => {
    tick++;
    return {
      commit: `c${tick}`,
      author: item.author ?? (tick % 2 ? 'Ada' : '张三'),
      date: `2026-01-${String(tick).padStart(2, '0')}T10:00:00+08:00`,
      path: item.path ?? 'requirements/REQ-2026-001.md',
      text: item.text,
    };
  });
}

const brief = (entries: HistoryEntry[]) =>
  entries.map((e) => ({
    commit: e.commit,
    fileEvents: e.fileEvents,
    changes: e.changes.map((c) => `${c.field}: ${String(c.from)} → ${String(c.to)}`),
  }));

describe('history: field changes over a file’s versions', () => {
  it('the first version is "created" with every value it sets, in tracked-field order', () => {
    const [entry, ...rest] = historyOf(versions({ text: requirementFile(CSV_EXPORT) }));
    assert.deepEqual(rest, []);
    assert.deepEqual(entry, {
      commit: 'c1',
      author: 'Ada',
      date: '2026-01-01T10:00:00+08:00',
      path: 'requirements/REQ-2026-001.md',
      fileEvents: ['created'],
      changes: [
        { field: 'status', from: undefined, to: 'new' },
        { field: 'priority', from: undefined, to: 'P3' },
        { field: 'scores.importance', from: undefined, to: 3 },
        { field: 'scores.urgency', from: undefined, to: 2 },
        { field: 'type', from: undefined, to: 'functional' },
        { field: 'title', from: undefined, to: 'Export readings as CSV' },
        { field: 'id', from: undefined, to: 'REQ-2026-001' },
      ],
      sections: [{ section: 'background', from: undefined, to: 'The customer asked for it.' }],
    });
  });

  it('tracks every score key the schema defines', () => {
    assert.deepEqual(
      LEADING_FIELDS.filter((f) => f.startsWith('scores.')),
      ['scores.importance', 'scores.urgency', 'scores.feasibility', 'scores.value', 'scores.effort'],
    );
  });

  it('a status change is one change; a commit touching only the Background section is a section change', () => {
    const entries = historyOf(
      versions(
        { text: requirementFile(CSV_EXPORT) },
        { text: requirementFile(CSV_EXPORT, '## Background\n\nRewritten, with more detail.\n') },
        { text: requirementFile(CSV_EXPORT.map((l) => (l === 'status: new' ? 'status: analyzing' : l))) },
      ),
    );
    assert.deepEqual(brief(entries).slice(1), [
      { commit: 'c2', fileEvents: [], changes: [] },
      { commit: 'c3', fileEvents: [], changes: ['status: new → analyzing'] },
    ]);
    assert.deepEqual(entries[1]!.sections, [
      { section: 'background', from: 'The customer asked for it.', to: 'Rewritten, with more detail.' },
    ]);
    assert.equal(entries[2]!.sections?.length, 1, 'c3 restores the Background text of c1');
    assert.equal(entries[2]!.author, 'Ada');
  });

  it('a re-score that crosses the threshold is a score change and the derived priority change', () => {
    const rescored = CSV_EXPORT.map((l) => (l === '  urgency: 2' ? '  urgency: 5' : l === '  importance: 3' ? '  importance: 4' : l));
    const entries = historyOf(versions({ text: requirementFile(CSV_EXPORT) }, { text: requirementFile(rescored) }));
    assert.deepEqual(brief(entries)[1]!.changes, ['priority: P3 → P1', 'scores.importance: 3 → 4', 'scores.urgency: 2 → 5']);
  });

  it('the priority threshold is the configured one', () => {
    const entries = historyOf(versions({ text: requirementFile(CSV_EXPORT) }), { threshold: 3 });
    assert.equal(entries[0]!.changes.find((c) => c.field === 'priority')!.to, 'P2');
  });

  it('a stored priority overrules the rule: re-scoring under it changes only the scores', () => {
    const stored = [...CSV_EXPORT, 'priority: P1', 'priority_reason: contract penalty'];
    const rescored = stored.map((l) => (l === '  urgency: 2' ? '  urgency: 1' : l));
    const removed = rescored.filter((l) => !l.startsWith('priority'));
    const entries = historyOf(
      versions(
        { text: requirementFile(CSV_EXPORT) },
        { text: requirementFile(stored) },
        { text: requirementFile(rescored) },
        { text: requirementFile(removed) },
      ),
    );
    assert.deepEqual(brief(entries).slice(1), [
      { commit: 'c2', fileEvents: [], changes: ['priority: P3 → P1', 'priority_reason: undefined → contract penalty'] },
      { commit: 'c3', fileEvents: [], changes: ['scores.urgency: 2 → 1'] },
      { commit: 'c4', fileEvents: [], changes: ['priority: P1 → P3', 'priority_reason: contract penalty → undefined'] },
    ]);
  });

  it('strategy with its decline reason, horizon and title', () => {
    const next = [
      ...CSV_EXPORT.filter((l) => !l.startsWith('title')),
      'title: Export readings as CSV and Excel',
      'strategy: declined',
      'decline_reason: no Excel licence',
      'horizon: long-term',
    ];
    const entries = historyOf(versions({ text: requirementFile(CSV_EXPORT) }, { text: requirementFile(next) }));
    assert.deepEqual(brief(entries)[1]!.changes, [
      'strategy: undefined → declined',
      'decline_reason: undefined → no Excel licence',
      'title: Export readings as CSV → Export readings as CSV and Excel',
      'horizon: undefined → long-term',
    ]);
  });

  it('Chinese enum aliases are the same values as the canonical ones', () => {
    const zh = [
      'id: 需求-2026-001',
      'title: 能耗看板',
      'type: 功能',
      'status: 新建',
      'strategy: 满足',
      'horizon: 短期',
      'scores:',
      '  importance: 5',
      '  urgency: 4',
    ];
    const en = [
      'id: 需求-2026-001',
      'title: 能耗看板',
      'type: functional',
      'status: new',
      'strategy: full',
      'horizon: short-term',
      'scores:',
      '  importance: 5',
      '  urgency: 4',
    ];
    const moved = zh.map((l) => (l === 'status: 新建' ? 'status: 分析中' : l));
    const entries = historyOf(versions({ text: requirementFile(zh) }, { text: requirementFile(en) }, { text: requirementFile(moved) }));
    assert.deepEqual(
      brief(entries).map((e) => e.commit),
      ['c1', 'c3'],
    );
    assert.deepEqual(entries[0]!.changes.find((c) => c.field === 'status')!.to, 'new');
    assert.deepEqual(brief(entries)[1]!.changes, ['status: new → analyzing']);
  });

  it('values are compared structurally: quoting, key order and an empty value are no change', () => {
    const reordered = [
      'scores:',
      '  urgency: 2',
      '  importance: 3',
      'status: "new"',
      "id: 'REQ-2026-001'",
      'type: functional',
      'title: Export readings as CSV',
      'strategy:',
    ];
    const entries = historyOf(versions({ text: requirementFile(CSV_EXPORT) }, { text: requirementFile(reordered) }));
    assert.equal(entries.length, 1);
  });

  it('an unreadable version in the middle is reported once; the next readable one is compared with the last readable', () => {
    const broken = requirementFile([...CSV_EXPORT, 'status: [unclosed']);
    const fixed = CSV_EXPORT.map((l) => (l === 'status: new' ? 'status: planned' : l));
    const entries = historyOf(
      versions({ text: requirementFile(CSV_EXPORT) }, { text: broken }, { text: `${broken}more\n` }, { text: requirementFile(fixed) }),
    );
    assert.deepEqual(brief(entries).slice(1), [
      { commit: 'c2', fileEvents: ['unreadable'], changes: [] },
      { commit: 'c4', fileEvents: ['readable'], changes: ['status: new → planned'] },
    ]);
    assert.equal(entries[1]!.unreadable, 'yaml-error');
  });

  it('says why a version is unreadable', () => {
    assert.deepEqual(readVersion('# no front-matter\n'), { ok: false, reason: 'no-front-matter' });
    assert.deepEqual(readVersion('---\nid: X\n'), { ok: false, reason: 'unclosed' });
    assert.deepEqual(readVersion('---js\n{ id: 1 }\n---\n'), { ok: false, reason: 'not-yaml' });
    assert.deepEqual(readVersion('---\n- a\n- b\n---\n'), { ok: false, reason: 'not-mapping' });
    assert.deepEqual(readVersion('---\nid: X\nid: Y\n---\n'), { ok: false, reason: 'yaml-error' });
    assert.deepEqual(readVersion('---\nid: !!js/function x\n---\n'), { ok: false, reason: 'yaml-error' });
    const anchors = readVersion('---\nid: &a X\ntitle: *a\n---\n');
    assert.ok(anchors.ok && anchors.content.fields.title === 'X', 'anchors go through the careful loader');
  });

  it('a first version that is unreadable: the first readable one lists every value', () => {
    const entries = historyOf(versions({ text: 'draft, no front-matter yet\n' }, { text: requirementFile(CSV_EXPORT) }));
    assert.deepEqual(entries[0]!.fileEvents, ['created', 'unreadable']);
    assert.deepEqual(entries[1]!.fileEvents, ['readable']);
    assert.equal(entries[1]!.changes.length, 7);
  });

  it('a rename is an event, with or without field changes', () => {
    const moved = CSV_EXPORT.map((l) => (l === 'status: new' ? 'status: planned' : l));
    const entries = historyOf(
      versions(
        { text: requirementFile(CSV_EXPORT), path: 'req/a.md' },
        { text: requirementFile(CSV_EXPORT), path: 'req/归档/a b.md' },
        { text: requirementFile(moved), path: 'req/b.md' },
      ),
    );
    assert.deepEqual(
      entries.slice(1).map((e) => [e.fileEvents, e.renamedFrom, e.path, e.changes.length]),
      [
        [['renamed'], 'req/a.md', 'req/归档/a b.md', 0],
        [['renamed'], 'req/归档/a b.md', 'req/b.md', 1],
      ],
    );
  });

  it('a deletion, and a file added again, listed in full like a new one', () => {
    const entries = historyOf(versions({ text: requirementFile(CSV_EXPORT) }, { text: undefined }, { text: requirementFile(CSV_EXPORT) }));
    assert.deepEqual(
      entries.map((e) => [e.commit, e.fileEvents, e.changes.length]),
      [
        ['c1', ['created'], 7],
        ['c2', ['deleted'], 0],
        ['c3', ['restored'], 7],
      ],
    );
  });

  it('a deletion of a file never seen says nothing; no versions, no history', () => {
    assert.deepEqual(historyOf(versions({ text: undefined })), []);
    assert.deepEqual(historyOf([]), []);
  });
});

describe('history: time in each status', () => {
  it('one span per status, the last one open', () => {
    const step = (status: string) => requirementFile(CSV_EXPORT.map((l) => (l === 'status: new' ? `status: ${status}` : l)));
    const entries = historyOf(
      versions(
        { text: requirementFile(CSV_EXPORT) },
        { text: step('analyzing') },
        { text: step('analyzing') + 'x' },
        { text: step('planned') },
      ),
    );
    assert.deepEqual(timeInStatus(entries), [
      { status: 'new', from: '2026-01-01T10:00:00+08:00', to: '2026-01-02T10:00:00+08:00' },
      { status: 'analyzing', from: '2026-01-02T10:00:00+08:00', to: '2026-01-04T10:00:00+08:00' },
      { status: 'planned', from: '2026-01-04T10:00:00+08:00', to: undefined },
    ]);
  });

  it('a deletion ends the span; a removed status ends it without a new one; a restored file starts again', () => {
    const without = requirementFile(CSV_EXPORT.filter((l) => l !== 'status: new'));
    const entries = historyOf(
      versions(
        { text: requirementFile(CSV_EXPORT) },
        { text: without },
        { text: requirementFile(CSV_EXPORT) },
        { text: undefined },
        { text: requirementFile(CSV_EXPORT) },
      ),
    );
    assert.deepEqual(timeInStatus(entries), [
      { status: 'new', from: '2026-01-01T10:00:00+08:00', to: '2026-01-02T10:00:00+08:00' },
      { status: 'new', from: '2026-01-03T10:00:00+08:00', to: '2026-01-04T10:00:00+08:00' },
      { status: 'new', from: '2026-01-05T10:00:00+08:00', to: undefined },
    ]);
  });

  it('nothing without a status', () => {
    assert.deepEqual(timeInStatus([]), []);
    assert.deepEqual(timeInStatus(historyOf(versions({ text: requirementFile(['id: REQ-2026-001']) }))), []);
  });
});
