import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { firstInvalidUtf8, RequirementIndex, type IndexChange } from '../../src/core/index';
import { formatMessage } from '../../src/core/messages';
import { compareProblems } from '../../src/core/problems';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { analyzeRequirement } from '../../src/core/validate';
import { keptLineStarts, LineIndex } from '../../src/core/text';
import { timelyProblems } from '../../src/core/timely';
import { at, CTX, fixture, MemoryCache, MemorySource, record } from './support';

function newIndex(settings: Settings = DEFAULT_SETTINGS): RequirementIndex {
  return new RequirementIndex(settings, compileIdGrammar(settings.idPrefixes, settings.idFormat));
}

function listen(index: RequirementIndex): IndexChange[] {
  const events: IndexChange[] = [];
  index.onDidChange((e) => events.push({ changed: [...e.changed].sort(), removed: [...e.removed].sort() }));
  return events;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A small workspace: three P1/P2/P3 records of different types, owners and customers. */
function workspace(): MemorySource {
  return new MemorySource()
    .set(
      'requirements/a.md',
      record({
        id: 'REQ-2026-001',
        title: 'Scan pallets at the dock',
        type: 'functional',
        status: 'planned',
        owner: 'Alex',
        customer: '\n  name: 华美超市',
        scores: '\n  importance: 5\n  urgency: 4',
      }),
    )
    .set(
      'requirements/b.md',
      record({
        id: '需求-2026-002',
        title: '账期延长到 60 天',
        type: 'business',
        status: 'analyzing',
        owner: '李四',
        customer: '\n  name: 客户A',
        scores: '\n  importance: 5\n  urgency: 2',
        tasks: '\n  - id: T1\n    title: Draft terms\n    owner: Alex\n    start: 2026-03-02\n    days: 2',
      }),
    )
    .set('requirements/c.md', record({ id: 'REQ-2026-003', title: 'Dark wall display', type: 'experience', status: 'new', priority: 'P3' }))
    .set('requirements/d.md', record({ id: 'REQ-2026-004', title: 'Unscored service request', type: 'service', status: 'new' }));
}

describe('index: build', () => {
  it('finds every file, with records, titles and priorities', async () => {
    const index = newIndex();
    const stats = await index.build(workspace());
    assert.deepEqual([stats.files, stats.parsed, stats.fromCache, stats.vanished], [4, 4, 0, 0]);
    assert.equal(index.size, 4);
    assert.deepEqual(index.ids().sort(), ['REQ-2026-001', 'REQ-2026-003', 'REQ-2026-004', '需求-2026-002']);
    const a = index.get('requirements/a.md')!;
    assert.deepEqual([a.id, a.title, a.priority, a.derivedPriority], ['REQ-2026-001', 'Scan pallets at the dock', 'P1', 'P1']);
    assert.equal(index.get('requirements/b.md')!.priority, 'P2');
    // A stored priority wins; no scores means no derived one.
    const c = index.get('requirements/c.md')!;
    assert.deepEqual([c.priority, c.derivedPriority], ['P3', undefined]);
    assert.equal(index.get('requirements/d.md')!.priority, undefined);
  });

  it('the first build reports every file as changed', async () => {
    const index = newIndex();
    const events = listen(index);
    await index.build(workspace());
    assert.deepEqual(events, [
      { changed: ['requirements/a.md', 'requirements/b.md', 'requirements/c.md', 'requirements/d.md'], removed: [] },
    ]);
  });

  it('reports progress up to the total', async () => {
    const seen: Array<[number, number]> = [];
    await newIndex().build(workspace(), { onProgress: (done, total) => seen.push([done, total]) });
    assert.deepEqual(seen[seen.length - 1], [4, 4]);
    assert.equal(seen.length, 4);
  });

  it('references to other requirements are collected from the body and related, not the own ID', async () => {
    const body = '# T\n\nSee REQ-2026-003 and 需求-2026-002; this is REQ-2026-001.\n';
    const index = newIndex();
    const r = index.analyze('x.md', record({ related: '[REQ-2026-004, ORDER-7]' }, body));
    assert.deepEqual(r.references.sort(), ['REQ-2026-003', 'REQ-2026-004', '需求-2026-002']);
  });

  it('the title falls back to the first-level heading', () => {
    const r = newIndex().analyze('x.md', '---\nid: REQ-2026-001\ntype: functional\nstatus: new\n---\n# From the heading\n');
    assert.equal(r.title, 'From the heading');
  });
});

describe('index: duplicate IDs', () => {
  async function twins() {
    const source = new MemorySource()
      .set('requirements/one.md', record({ id: 'REQ-2026-007' }))
      .set('requirements/two.md', record({ id: 'REQ-2026-007', title: 'Another one' }))
      .set('requirements/three.md', record({ id: 'REQ-2026-008' }));
    const index = newIndex();
    await index.build(source);
    return { index, source };
  }

  it('each file gets id-duplicate on its ID, pointing to the other', async () => {
    const { index } = await twins();
    assert.deepEqual([...index.duplicates()], [['REQ-2026-007', ['requirements/one.md', 'requirements/two.md']]]);
    const text = record({ id: 'REQ-2026-007' });
    for (const [file, other] of [
      ['requirements/one.md', 'requirements/two.md'],
      ['requirements/two.md', 'requirements/one.md'],
    ] as const) {
      const dup = index.problemsFor(file).filter((p) => p.code === 'id-duplicate');
      assert.equal(dup.length, 1, file);
      const p = dup[0]!;
      // Files are arguments the faces render their own way (relative path, link).
      assert.deepEqual([p.severity, p.args, p.fixes, p.path], ['error', ['REQ-2026-007', `@file:${other}`], ['next-free-id'], ['id']]);
      assert.equal(at(text, p.range), '2:5-2:17');
      assert.deepEqual(p.related, [{ file: other, range: index.get(other)!.idRange, note: 'REQ-2026-007' }]);
      assert.equal(formatMessage(p.code, p.args, 'en'), `ID REQ-2026-007 is also used by ${other}.`);
      assert.equal(
        formatMessage(p.code, p.args, 'zh-cn', (f) => `<${f}>`),
        `编号 REQ-2026-007 也被 <${other}> 使用。`,
      );
    }
    assert.deepEqual(index.problemsFor('requirements/three.md'), []);
  });

  it('an update that changes the ID emits both files and clears the duplicate', async () => {
    const { index } = await twins();
    const events = listen(index);
    index.updateText('requirements/two.md', record({ id: 'REQ-2026-009' }));
    assert.deepEqual(events, [{ changed: ['requirements/one.md', 'requirements/two.md'], removed: [] }]);
    assert.deepEqual(index.problemsFor('requirements/one.md'), []);
    assert.deepEqual(index.problemsFor('requirements/two.md'), []);
    assert.deepEqual([...index.duplicates()], []);
  });

  it('an update that creates a duplicate emits the file already holding the ID', async () => {
    const { index } = await twins();
    const events = listen(index);
    index.updateText('requirements/three.md', record({ id: 'REQ-2026-007' }));
    assert.deepEqual(events, [{ changed: ['requirements/one.md', 'requirements/three.md', 'requirements/two.md'], removed: [] }]);
    assert.deepEqual(index.problemsFor('requirements/one.md').find((p) => p.code === 'id-duplicate')?.args, [
      'REQ-2026-007',
      '@file:requirements/three.md, @file:requirements/two.md',
    ]);
  });

  it('removing one twin emits the other as changed and the removed file, and clears the duplicate', async () => {
    const { index } = await twins();
    const events = listen(index);
    index.remove('requirements/two.md');
    assert.deepEqual(events, [{ changed: ['requirements/one.md'], removed: ['requirements/two.md'] }]);
    assert.deepEqual(index.problemsFor('requirements/one.md'), []);
    assert.equal(index.get('requirements/two.md'), undefined);
    assert.deepEqual(index.problemsFor('requirements/two.md'), []);
    index.remove('requirements/two.md');
    assert.equal(events.length, 1, 'removing an unknown file emits nothing');
  });

  it('refresh of a file that is gone removes it', async () => {
    const { index, source } = await twins();
    const events = listen(index);
    source.files.delete('requirements/two.md');
    await index.refresh(source, 'requirements/two.md');
    assert.deepEqual(events, [{ changed: ['requirements/one.md'], removed: ['requirements/two.md'] }]);
    assert.equal(index.size, 2);
  });

  it('a rebuild without a file removes it and reports it', async () => {
    const { index, source } = await twins();
    const events = listen(index);
    source.files.delete('requirements/three.md');
    await index.build(source);
    assert.deepEqual(events[0]?.removed, ['requirements/three.md']);
    assert.equal(index.get('requirements/three.md'), undefined);
  });
});

describe('index: unreadable files', () => {
  it('a file that disappears between list and read is skipped without error', async () => {
    const source = workspace();
    source.vanishing.add('requirements/gone.md');
    const index = newIndex();
    const stats = await index.build(source);
    assert.deepEqual([stats.files, stats.parsed, stats.vanished], [5, 4, 1]);
    assert.equal(index.get('requirements/gone.md'), undefined);
    // Also when a cache makes the build stat the file first.
    const cached = newIndex();
    const withCache = await cached.build(source, { cache: new MemoryCache() });
    assert.deepEqual([withCache.parsed, withCache.vanished], [4, 1]);
  });

  it("other read errors become that file's problem, and the build goes on", async () => {
    const source = workspace();
    const read = source.read.bind(source);
    source.read = async (file) => {
      if (file === 'requirements/b.md') throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      return read(file);
    };
    const index = newIndex();
    const stats = await index.build(source);
    assert.equal(stats.files, index.size);
    const b = index.get('requirements/b.md')!;
    assert.equal(b.skipped, true);
    assert.deepEqual(
      b.problems.map((p) => [p.code, p.severity, p.args]),
      [['file-unreadable', 'warning', ['EACCES']]],
    );
    assert.equal(formatMessage('file-unreadable', b.problems[0]!.args, 'zh-cn'), '无法读取文件：EACCES');
    assert.ok(index.get('requirements/a.md')?.id, 'the other files are indexed');
  });

  it('a file over the size limit is skipped with file-too-large, and not read again on a warm start', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, maxFileBytes: 1024 };
    const big = record({ title: 'x'.repeat(2000) });
    const source = new MemorySource().set('requirements/big.md', big).set('requirements/ok.md', record());
    const index = newIndex(settings);
    const cache = new MemoryCache();
    await index.build(source, { cache });
    await index.saveCache(cache);
    const r = index.get('requirements/big.md')!;
    assert.equal(r.skipped, true);
    const size = utf8(big).length;
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.severity, p.args]),
      [['file-too-large', 'warning', [String(size), '1024']]],
    );
    // A cold build reads without a stat first (it is cheaper for the usual small files).
    assert.deepEqual(source.reads.sort(), ['requirements/big.md', 'requirements/ok.md']);
    source.reads = [];
    const warm = newIndex(settings);
    await warm.build(source, { cache });
    assert.deepEqual(source.reads, []);
    assert.equal(warm.get('requirements/big.md')?.problems[0]?.code, 'file-too-large');
    assert.equal(
      formatMessage('file-too-large', r.problems[0]!.args, 'en'),
      `File skipped: ${size} bytes is over the 1024-byte limit (reqdesk.validation.maxFileSize).`,
    );
    // Without a stat (no cache) the bytes decide.
    const direct = newIndex(settings).analyzeBytes('big.md', utf8(big));
    assert.equal(direct.problems[0]?.code, 'file-too-large');
  });

  it('a default-sized limit: a file of several megabytes is skipped', () => {
    const huge = new Uint8Array(3 * 1024 * 1024).fill(0x61);
    const r = newIndex().analyzeBytes('huge.md', huge);
    assert.deepEqual([r.skipped, r.problems.map((p) => p.code)], [true, ['file-too-large']]);
  });

  it('a file with NUL bytes is skipped as binary', () => {
    const bytes = utf8(record());
    bytes[10] = 0;
    const r = newIndex().analyzeBytes('bin.md', bytes);
    assert.deepEqual([r.skipped, r.data, r.problems.map((p) => [p.code, p.severity])], [true, {}, [['file-binary', 'warning']]]);
  });

  it('a GBK-encoded file gets a file-encoding warning and is still analysed', () => {
    // 需求 in GBK: not valid UTF-8.
    const gbk = new Uint8Array([0xd0, 0xe8, 0xc7, 0xf3]);
    assert.equal(new TextDecoder('gbk').decode(gbk), '需求');
    const before = utf8('---\nid: REQ-2026-001\ntitle: ');
    const after = utf8('\ntype: functional\nstatus: new\n---\n# T\n');
    const bytes = new Uint8Array([...before, ...gbk, ...after]);
    const r = newIndex().analyzeBytes('gbk.md', bytes);
    assert.equal(r.skipped, undefined);
    assert.equal(r.id, 'REQ-2026-001');
    const enc = r.problems.filter((p) => p.code === 'file-encoding');
    assert.equal(enc.length, 1);
    assert.equal(enc[0]!.severity, 'warning');
    // The reported offset is the first bad byte.
    assert.equal(Number(enc[0]!.args[0]), before.length);
    assert.equal(r.problems[0]!.code, 'file-encoding');
  });

  it('firstInvalidUtf8 finds the exact first bad byte, after multi-byte text too', () => {
    const chinese = utf8('需求描述：'.repeat(6)); // 90 bytes of valid three-byte characters
    assert.equal(firstInvalidUtf8(new Uint8Array([...chinese, 0xd0, 0xe8])), chinese.length);
    assert.equal(firstInvalidUtf8(utf8('plain ASCII and 中文 and 😀')), -1);
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0xaf])), 1, 'overlong');
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xed, 0xa0, 0x80])), 1, 'surrogate');
    assert.equal(firstInvalidUtf8(new Uint8Array([0xe4, 0xb8])), 0, 'cut character');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => firstInvalidUtf8(utf8(text)) === -1));
  });

  it('valid UTF-8 with a BOM gets no encoding warning', () => {
    const r = newIndex().analyzeBytes('bom.md', utf8(`\uFEFF${fixture('valid-minimal.md')}`));
    assert.deepEqual(r.problems, []);
  });
});

describe('index: queries', () => {
  let index: RequirementIndex;
  before(async () => {
    index = newIndex();
    await index.build(workspace());
  });
  const ids = (q: Parameters<RequirementIndex['query']>[0]) =>
    index
      .query(q)
      .map((r) => r.id)
      .sort();

  it('by priority, including records without one', () => {
    assert.deepEqual(ids({ priority: 'P1' }), ['REQ-2026-001']);
    assert.deepEqual(ids({ priority: 'P2' }), ['需求-2026-002']);
    assert.deepEqual(ids({ priority: 'P3' }), ['REQ-2026-003']);
    assert.deepEqual(ids({ priority: 'none' }), ['REQ-2026-004']);
  });

  it('by type and status', () => {
    assert.deepEqual(ids({ type: 'business' }), ['需求-2026-002']);
    assert.deepEqual(ids({ status: 'new' }), ['REQ-2026-003', 'REQ-2026-004']);
    assert.deepEqual(ids({ type: 'functional', status: 'new' }), []);
  });

  it('by owner, of the record or of a task', () => {
    assert.deepEqual(ids({ owner: 'Alex' }), ['REQ-2026-001', '需求-2026-002']);
    assert.deepEqual(ids({ owner: '李四' }), ['需求-2026-002']);
    assert.deepEqual(ids({ owner: 'Nobody' }), []);
  });

  it('by customer and by text in the ID or title, case-insensitively', () => {
    assert.deepEqual(ids({ customer: '客户A' }), ['需求-2026-002']);
    assert.deepEqual(ids({ text: 'PALLETS' }), ['REQ-2026-001']);
    assert.deepEqual(ids({ text: 'req-2026-00' }), ['REQ-2026-001', 'REQ-2026-003', 'REQ-2026-004']);
    assert.deepEqual(ids({ text: '账期' }), ['需求-2026-002']);
    assert.deepEqual(ids({}).length, 4);
  });

  it('byId and get', () => {
    assert.deepEqual(
      index.byId('REQ-2026-003').map((r) => r.file),
      ['requirements/c.md'],
    );
    assert.deepEqual(index.byId('REQ-2099-001'), []);
  });
});

describe('index: warm start', () => {
  /** A build followed by the cache write the faces do after it. */
  async function buildAndSave(index: RequirementIndex, source: MemorySource, cache: MemoryCache) {
    const stats = await index.build(source, { cache });
    await index.saveCache(cache);
    return stats;
  }

  it('a file written while it was being read is not trusted to the cache', async () => {
    const source = workspace();
    source.set('requirements/a.md', record({ id: 'REQ-2026-001' }), 10_000); // mtime after the read began
    const cache = new MemoryCache();
    const first = newIndex();
    await first.build(source, { cache, now: () => 10_500 });
    await first.saveCache(cache);
    source.reads = [];
    const second = newIndex();
    const stats = await second.build(source, { cache });
    // Only that file is read again; the others (mtime 1) came from the cache.
    assert.deepEqual(source.reads, ['requirements/a.md']);
    assert.equal(stats.fromCache, stats.files - 1);
  });

  it('a second build with unchanged stats takes every record from the cache', async () => {
    const source = workspace();
    const cache = new MemoryCache();
    const first = newIndex();
    const s1 = await buildAndSave(first, source, cache);
    assert.deepEqual([s1.parsed, s1.fromCache], [4, 0]);
    assert.equal(cache.saves, 1);

    source.reads = [];
    const second = newIndex();
    const events = listen(second);
    const s2 = await buildAndSave(second, source, cache);
    assert.deepEqual([s2.parsed, s2.fromCache], [0, 4]);
    assert.deepEqual(source.reads, []);
    assert.equal(cache.saves, 1, 'nothing changed: the cache is not rewritten');
    for (const r of first.all()) assert.deepEqual(second.get(r.file), r);
    // A new index's listeners (the Problems panel after a rebuild) learn of every record.
    assert.deepEqual(events, [
      {
        changed: first
          .all()
          .map((r) => r.file)
          .sort(),
        removed: [],
      },
    ]);
  });

  it('a changed mtime re-parses that file only', async () => {
    const source = workspace();
    const cache = new MemoryCache();
    await buildAndSave(newIndex(), source, cache);
    source.set(
      'requirements/c.md',
      record({ id: 'REQ-2026-003', title: 'Dark wall display v2', type: 'experience', status: 'planned' }),
      2,
    );
    source.reads = [];
    const index = newIndex();
    const events = listen(index);
    const stats = await buildAndSave(index, source, cache);
    assert.deepEqual([stats.parsed, stats.fromCache], [1, 3]);
    assert.deepEqual(source.reads, ['requirements/c.md']);
    assert.equal(index.get('requirements/c.md')!.title, 'Dark wall display v2');
    assert.deepEqual(events, [
      { changed: ['requirements/a.md', 'requirements/b.md', 'requirements/c.md', 'requirements/d.md'], removed: [] },
    ]);
    assert.equal(cache.saves, 2);
    // The rewritten cache holds the new record: a third start reads nothing.
    source.reads = [];
    const third = await buildAndSave(newIndex(), source, cache);
    assert.deepEqual([third.parsed, third.fromCache, source.reads.length], [0, 4, 0]);
  });

  it('a file gone since the cache was written is dropped from it', async () => {
    const source = workspace();
    const cache = new MemoryCache();
    await buildAndSave(newIndex(), source, cache);
    source.files.delete('requirements/d.md');
    const index = newIndex();
    const stats = await buildAndSave(index, source, cache);
    assert.deepEqual([stats.files, stats.fromCache, stats.parsed], [3, 3, 0]);
    assert.equal(index.get('requirements/d.md'), undefined);
    assert.deepEqual(index.ids().sort(), ['REQ-2026-001', 'REQ-2026-003', '需求-2026-002']);
  });

  it('cached problems are the ones parsing gives', async () => {
    const source = new MemorySource().set('requirements/bad.md', fixture('near-miss-keys.md'));
    const cache = new MemoryCache();
    const first = newIndex();
    await buildAndSave(first, source, cache);
    const second = newIndex();
    const stats = await buildAndSave(second, source, cache);
    assert.equal(stats.fromCache, 1);
    assert.deepEqual(second.problemsFor('requirements/bad.md'), first.problemsFor('requirements/bad.md'));
    assert.equal(second.problemsFor('requirements/bad.md').length, 4);
  });

  it('a corrupted or foreign cache is ignored', async () => {
    for (const data of [
      '{not json',
      '',
      'null',
      '[]',
      JSON.stringify({ fingerprint: 'other', records: [] }),
      JSON.stringify({ fingerprint: 'x' }),
    ]) {
      const index = newIndex();
      const cache = new MemoryCache(data);
      const stats = await buildAndSave(index, workspace(), cache);
      assert.deepEqual([stats.parsed, stats.fromCache], [4, 0], data);
      assert.equal(index.size, 4);
      // It is replaced by a good one: a header line, then a line per record.
      const [header, ...records] = cache.data!.split('\n');
      assert.deepEqual(Object.keys(JSON.parse(header!) as object), ['fingerprint'], data);
      assert.deepEqual(
        records.map((line) => (JSON.parse(line) as { file: string }).file).sort(),
        index
          .all()
          .map((r) => r.file)
          .sort(),
        data,
      );
    }
  });

  it('a cache cut short (its header right, its last record line not) is ignored as a whole', async () => {
    const source = workspace();
    const cache = new MemoryCache();
    await buildAndSave(newIndex(), source, cache);
    cache.data = cache.data!.slice(0, -10);
    const stats = await buildAndSave(newIndex(), source, cache);
    assert.deepEqual([stats.parsed, stats.fromCache], [4, 0]);
  });

  it('a settings change invalidates the cache', async () => {
    const source = workspace();
    const cache = new MemoryCache();
    await buildAndSave(newIndex(), source, cache);
    const stricter = newIndex({ ...DEFAULT_SETTINGS, priorityThreshold: 5 });
    const stats = await buildAndSave(stricter, source, cache);
    assert.deepEqual([stats.parsed, stats.fromCache], [4, 0]);
    assert.equal(stricter.get('requirements/a.md')!.priority, 'P2');
  });
});

describe('index: problemsFor', () => {
  it('returns a file’s problems sorted by position, cross-file ones included', async () => {
    const source = new MemorySource()
      .set('requirements/x.md', fixture('milestones-inverted.md').replace('REQ-2026-029', 'REQ-2026-001') + '\n## Notes\n')
      .set('requirements/y.md', record({ id: 'REQ-2026-001', scores: '\n  urgancy: 4', priority: 'P9' }));
    const index = newIndex();
    await index.build(source);
    for (const file of ['requirements/x.md', 'requirements/y.md']) {
      const problems = index.problemsFor(file);
      assert.ok(problems.length >= 2, file);
      assert.deepEqual(problems, [...problems].sort(compareProblems), file);
      assert.ok(
        problems.some((p) => p.code === 'id-duplicate'),
        file,
      );
    }
    assert.deepEqual(index.problemsFor('requirements/none.md'), []);
  });
});

describe('index: problems placed without the text', () => {
  const tasks = '\n  - id: T1\n    title: Scan\n    start: 2026-03-02\n    days: 2\n    status: doing';
  const cases = [
    record({ scores: '\n  urgancy: 4', tasks }),
    '\uFEFF' + record({ priority: 'P9', tasks }).replace(/\n/g, '\r\n'),
    record({ id: 'REQ-2026-002', related: '[REQ-2099-999]' }),
  ];

  it('a record keeps today’s problems and the line starts that place every problem, the same as its text', async () => {
    const source = new MemorySource();
    cases.forEach((text, i) => source.set(`requirements/${i}.md`, text));
    source.set('requirements/dup.md', record({ id: 'REQ-2026-002' }));
    const index = new RequirementIndex(
      DEFAULT_SETTINGS,
      compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat),
      () => '2026-03-20',
    );
    await index.build(source);
    const calendar = {
      workdays: DEFAULT_SETTINGS.workdays,
      holidays: DEFAULT_SETTINGS.holidays,
      lowSatisfaction: DEFAULT_SETTINGS.lowSatisfaction,
    };
    let placed = 0;
    cases.forEach((text, i) => {
      const file = `requirements/${i}.md`;
      const r = index.get(file)!;
      assert.deepEqual(r.timely, { date: '2026-03-20', problems: timelyProblems(text, '2026-03-20', calendar) });
      const lines = keptLineStarts(r.lines!);
      const byText = new LineIndex(text.replace(/^\uFEFF/, ''));
      for (const p of [...index.problemsFor(file), ...r.timely!.problems]) {
        assert.ok(p.range.end <= r.lines!.upTo, `${file} ${p.code}`);
        for (const offset of [p.range.start, p.range.end])
          assert.deepEqual(lines.position(offset), byText.position(offset), `${file} ${p.code}`);
        placed++;
      }
    });
    assert.ok(index.get('requirements/0.md')!.timely!.problems.some((p) => p.code === 'task-late'));
    assert.ok(placed >= 6, `only ${placed} problems placed`);
  });

  it('holds each list of quick fixes once, frozen, built or loaded from the cache alike', async () => {
    const source = new MemorySource();
    for (let i = 0; i < 3; i++) source.set(`requirements/${i}.md`, record({ id: `REQ-2026-00${i + 1}`, tasks }));
    const store = new MemoryCache();
    const lateFixes = async (index: RequirementIndex) => {
      const fixes = [0, 1, 2].map((i) => index.get(`requirements/${i}.md`)!.timely!.problems.find((p) => p.code === 'task-late')!.fixes);
      assert.deepEqual(fixes[0], ['mark-task-done', 'start-task-today']);
      assert.ok(fixes.every((f) => f === fixes[0] && Object.isFrozen(f)));
    };
    const built = new RequirementIndex(
      DEFAULT_SETTINGS,
      compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat),
      () => '2026-03-20',
    );
    await built.build(source);
    await lateFixes(built);
    await built.saveCache(store);
    const warm = new RequirementIndex(
      DEFAULT_SETTINGS,
      compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat),
      () => '2026-03-20',
    );
    assert.equal((await warm.build(source, { cache: store })).fromCache, 3);
    await lateFixes(warm);
  });

  it('without a clock the index keeps no today’s problems', async () => {
    const index = newIndex();
    await index.build(new MemorySource().set('requirements/a.md', cases[0]!));
    assert.equal(index.get('requirements/a.md')!.timely, undefined);
  });
});

describe('index: robustness', () => {
  const valid = fixture('full.md');
  const validBytes = utf8(valid);

  it('random text never makes analyzeRequirement throw, on either path', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((s) => `---\n${s}\n---\n${s}`),
      fc.string({ unit: 'grapheme', maxLength: 120 }).map((s) => `---\n${s}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        analyzeRequirement(t, CTX);
        analyzeRequirement(t, CTX, { careful: true });
      }),
      { numRuns: 300 },
    );
  });

  it('random edits of a valid record never make analyzeRequirement throw', () => {
    const edit = fc.tuple(fc.nat({ max: valid.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let t = valid;
        for (const [pos, del, insert] of edits) t = t.slice(0, Math.min(pos, t.length)) + insert + t.slice(Math.min(pos + del, t.length));
        const fast = analyzeRequirement(t, CTX);
        const careful = analyzeRequirement(t, CTX, { careful: true });
        assert.deepEqual(fast.problems, careful.problems);
      }),
      // Fixed seed: the paths are compared too, and a known rare divergence (js-yaml reads `0b11`
      // as a number, YAML 1.2 core as text) must not make a run flaky.
      { numRuns: 300, seed: 20260601 },
    );
  });

  it('random byte mutations of a valid record never make analyzeBytes throw', () => {
    const index = newIndex();
    const mutation = fc.tuple(fc.nat({ max: validBytes.length - 1 }), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.nat({ max: validBytes.length }), (mutations, cut) => {
        const bytes = validBytes.slice(0, Math.max(cut, 1));
        for (const [i, b] of mutations) if (i < bytes.length) bytes[i] = b;
        const r = index.analyzeBytes('m.md', bytes);
        assert.ok(Array.isArray(r.problems));
      }),
      { numRuns: 300 },
    );
  });
});
