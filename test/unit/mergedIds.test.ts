// IDs merged into a record keep leading to it (src/core/index.ts resolve, commits.ts
// commitsOfAll), and `merged_ids` entries that cannot lead anywhere, or lead to two places, are
// problems on their own range, in both languages.
import assert from 'node:assert/strict';
import { CommitLinks, type CommitInfo } from '../../src/core/commits';
import { RequirementIndex, type IndexChange } from '../../src/core/index';
import { compileIdGrammar } from '../../src/core/ids';
import { formatMessage, type ProblemCode } from '../../src/core/messages';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { analyzeRequirement } from '../../src/core/validate';
import { at, CTX, MemoryCache, MemorySource, record } from './support';

const grammar = compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat);
const newIndex = () => new RequirementIndex(DEFAULT_SETTINGS, grammar);

const TARGET = record({ id: 'REQ-2026-001', merged_ids: '\n  - REQ-2026-010   # the Borealis request\n  - "REQ-2025-004"' });
const OTHER = record({ id: 'REQ-2026-002', related: '[REQ-2026-010, REQ-2099-999]' }, '# Other\n\nSee REQ-2025-004 and REQ-2026-001.\n');

async function built(files: Record<string, string>) {
  const source = new MemorySource();
  for (const [file, text] of Object.entries(files)) source.set(file, text);
  const index = newIndex();
  await index.build(source);
  const events: IndexChange[] = [];
  index.onDidChange((c) => events.push(c));
  return { index, events, source };
}

/** The problems of a code in a file as [severity, args, path, line:column] (the text given places them). */
function problems(index: RequirementIndex, file: string, text: string, code: ProblemCode) {
  return index
    .problemsFor(file)
    .filter((p) => p.code === code)
    .map((p) => [p.severity, p.args, p.path, at(text, p.range)]);
}

describe('merged IDs: lookups', () => {
  it('an ID merged into a record resolves to it; its own ID first; an unknown ID to nothing', async () => {
    const { index } = await built({ 'a.md': TARGET, 'b.md': OTHER });
    assert.deepEqual(
      ['REQ-2026-001', 'REQ-2026-010', 'REQ-2025-004', 'REQ-2099-999'].map((id) => {
        const r = index.resolve(id);
        return r ? [r.record.file, r.merged] : undefined;
      }),
      [['a.md', false], ['a.md', true], ['a.md', true], undefined],
    );
    assert.deepEqual(
      index.resolveAll('REQ-2026-010').map((r) => r.file),
      ['a.md'],
    );
    assert.deepEqual(index.byId('REQ-2026-010'), [], 'byId stays the records that have the ID as theirs');
    assert.deepEqual(index.idsOfRequirement('REQ-2026-010'), ['REQ-2026-001', 'REQ-2026-010', 'REQ-2025-004']);
    assert.deepEqual(index.idsOfRequirement('REQ-2099-999'), ['REQ-2099-999']);
    assert.deepEqual(
      [...index.mergedIds()],
      [
        ['REQ-2026-010', ['a.md']],
        ['REQ-2025-004', ['a.md']],
      ],
    );
  });

  it('a merged ID is never handed out again, and is not a reference of its own record', async () => {
    const { index } = await built({
      'a.md': record({ id: 'REQ-2026-001', merged_ids: '[REQ-2026-010]' }, '# A\n\n## Merged from REQ-2026-010\n'),
    });
    assert.ok(index.idsNotToHandOut().includes('REQ-2026-010'));
    assert.equal(index.takenIds().get('REQ-2026-010'), 'a.md');
    assert.deepEqual(index.get('a.md')!.references, []);
  });

  it('a link to a merged ID is not dangling; it is again once the merge is undone', async () => {
    const { index, events } = await built({ 'a.md': TARGET, 'b.md': OTHER });
    assert.deepEqual(problems(index, 'b.md', OTHER, 'related-unknown-id'), [['warning', ['REQ-2099-999'], ['related', 1], '6:25-6:37']]);
    index.updateText('a.md', record({ id: 'REQ-2026-001' }));
    assert.ok(events.at(-1)!.changed.includes('b.md'), 'the linking file is told');
    assert.deepEqual(
      problems(index, 'b.md', OTHER, 'related-unknown-id').map((p) => p[1]),
      [['REQ-2026-010'], ['REQ-2099-999']],
    );
  });
});

describe('merged IDs: problems', () => {
  it('an entry that is not an ID, or the record’s own ID: an error on the entry, both parse paths, both languages', () => {
    const text = record({ id: 'REQ-2026-001', merged_ids: '\n  - REQ-26-7\n  - REQ-2026-001\n  - REQ-2026-003' });
    for (const careful of [false, true]) {
      const found = analyzeRequirement(text, CTX, { careful })
        .problems.filter((p) => p.code.startsWith('merged-id'))
        .map((p) => [p.code, p.severity, p.args, p.path, at(text, p.range)]);
      assert.deepEqual(found, [
        ['merged-id-malformed', 'error', ['REQ-26-7', '{prefix}-{year}-{seq:3}', 'REQ / 需求'], ['merged_ids', 0], '7:5-7:13'],
        ['merged-id-self', 'error', ['REQ-2026-001'], ['merged_ids', 1], '8:5-8:17'],
      ]);
    }
    assert.equal(
      formatMessage('merged-id-self', ['REQ-2026-001'], 'en'),
      "Merged ID REQ-2026-001 is this requirement's own ID: list only the IDs of requirements merged into it.",
    );
    assert.equal(
      formatMessage('merged-id-malformed', ['REQ-26-7', '{prefix}-{year}-{seq:3}', 'REQ / 需求'], 'zh-cn'),
      '合并编号 "REQ-26-7" 不符合格式 {prefix}-{year}-{seq:3}（前缀：REQ / 需求）：提交和链接无法指向它。',
    );
    // The record's own ID in merged_ids is not taken for a merged one.
    const index = newIndex();
    index.updateText('x.md', text);
    assert.deepEqual(
      index.get('x.md')!.mergedIds!.map((m) => m.id),
      ['REQ-2026-003'],
    );
  });

  it('a merged ID another live record holds as its ID (a merge across a duplicate ID): an error on the entry, naming the file', async () => {
    const live = record({ id: 'REQ-2026-010' });
    const { index } = await built({ 'a.md': TARGET, 'c.md': live });
    assert.deepEqual(problems(index, 'a.md', TARGET, 'merged-id-live'), [
      ['error', ['REQ-2026-010', '@file:c.md'], ['merged_ids', 0], '7:5-7:17'],
    ]);
    const p = index.problemsFor('a.md').find((x) => x.code === 'merged-id-live')!;
    assert.deepEqual(p.related, [{ file: 'c.md', range: index.get('c.md')!.idRange, note: 'REQ-2026-010' }]);
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'Merged ID REQ-2026-010 is the ID of a live requirement (c.md): an ID leads to one requirement. Give that one a new ID, or remove REQ-2026-010 here.',
    );
    assert.equal(
      formatMessage(p.code, p.args, 'zh-cn'),
      '合并编号 REQ-2026-010 是一个现存需求的编号（c.md）：一个编号只能指向一个需求。请给那个需求换一个新编号，或从这里删除 REQ-2026-010。',
    );
    // The live record keeps its ID: lookups lead to it, not to the one it was merged into.
    assert.equal(index.resolve('REQ-2026-010')!.record.file, 'c.md');
    assert.deepEqual(index.problemsFor('c.md'), []);
  });

  it('two records claiming the same merged ID: an error on each entry; one gone, none', async () => {
    const second = record({ id: 'REQ-2026-005', merged_ids: '[REQ-2026-010]' });
    const { index, events } = await built({ 'a.md': TARGET, 'd.md': second });
    assert.deepEqual(problems(index, 'a.md', TARGET, 'merged-id-twice'), [
      ['error', ['REQ-2026-010', '@file:d.md'], ['merged_ids', 0], '7:5-7:17'],
    ]);
    assert.deepEqual(problems(index, 'd.md', second, 'merged-id-twice'), [
      ['error', ['REQ-2026-010', '@file:a.md'], ['merged_ids', 0], '6:14-6:26'],
    ]);
    assert.equal(
      formatMessage('merged-id-twice', ['REQ-2026-010', 'd.md'], 'zh-cn'),
      '合并编号 REQ-2026-010 也被 d.md 列为合并编号：一个编号只能指向一个需求。请只在其中一个需求里保留它。',
    );
    index.remove('d.md');
    assert.ok(events.at(-1)!.changed.includes('a.md'), 'the other claimant is told');
    assert.deepEqual(problems(index, 'a.md', TARGET, 'merged-id-twice'), []);
  });

  it('a record appearing with a merged ID as its own ID gives the claimant its problem, and taking it away removes it', async () => {
    const { index, events } = await built({ 'a.md': TARGET });
    assert.deepEqual(problems(index, 'a.md', TARGET, 'merged-id-live'), []);
    index.updateText('c.md', record({ id: 'REQ-2025-004' }));
    assert.ok(events.at(-1)!.changed.includes('a.md'));
    assert.deepEqual(
      problems(index, 'a.md', TARGET, 'merged-id-live').map((p) => p[3]),
      ['8:6-8:18'],
    );
    index.remove('c.md');
    assert.ok(events.at(-1)!.changed.includes('a.md'));
    assert.deepEqual(problems(index, 'a.md', TARGET, 'merged-id-live'), []);
  });

  it('the warm-start cache keeps merged IDs and their places', async () => {
    const source = new MemorySource().set('a.md', TARGET).set('b.md', OTHER);
    const cache = new MemoryCache();
    const cold = newIndex();
    await cold.build(source, { cache });
    await cold.saveCache(cache);
    const warm = newIndex();
    const stats = await warm.build(source, { cache });
    assert.equal(stats.fromCache, 2);
    assert.deepEqual(warm.get('a.md')!.mergedIds, cold.get('a.md')!.mergedIds);
    assert.equal(warm.resolve('REQ-2026-010')!.record.file, 'a.md');
  });
});

describe('merged IDs: commits', () => {
  const commit = (hash: string, subject: string, date: string): CommitInfo => ({
    hash: hash.repeat(40),
    subject,
    body: '',
    author: 'Li',
    date,
  });
  const links = new CommitLinks();
  links.add(grammar, [
    commit('a', 'Refs REQ-2026-001: columns', '2026-03-01T10:00:00Z'),
    commit('b', 'Implements REQ-2026-010 sheet per plant', '2026-03-02T10:00:00Z'),
    commit('c', 'Closes REQ-2026-010, refs REQ-2026-001', '2026-03-03T10:00:00Z'),
    commit('d', 'Unrelated REQ-2026-002', '2026-03-04T10:00:00Z'),
  ]);

  it('the commits of every ID of a requirement, each once, newest first, a commit naming two taking the stronger verb', () => {
    assert.deepEqual(
      links.commitsOfAll(['REQ-2026-001', 'REQ-2026-010']).map((c) => [c.hash[0], c.verb]),
      [
        ['c', 'closes'],
        ['b', 'implements'],
        ['a', 'refs'],
      ],
    );
    assert.equal(links.countOfAll(['REQ-2026-001', 'REQ-2026-010']), 3);
    assert.deepEqual(links.commitsOfAll(['REQ-2026-002']), links.commitsOf('REQ-2026-002'));
  });
});
