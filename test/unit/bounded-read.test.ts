// The size limit holds before anything is read: a file over it is reported from its size alone,
// and a read never goes more than one byte past the limit, even for a file that grows meanwhile
// or a device that never ends. The proof for a 1.5 GB file is the count of bytes this process
// has read (Linux's /proc/self/io), which reading it would raise by gigabytes, and its peak memory.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeFileSource } from '../../src/cli/nodeFileSource';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { readFileBounded, readFileBoundedSync } from '../../src/files/boundedRead';
import { record, runCliCaptured as run } from './support';

const SPARSE_BYTES = 1536 * 1024 * 1024;
const LIMIT = DEFAULT_SETTINGS.maxFileBytes;

/** The process's peak resident memory so far, in bytes (it never goes down). */
const peak = () => process.resourceUsage().maxRSS * 1024;

/** Bytes this process has read from files so far (every read, the thread pool's included). */
const bytesRead = () => Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

const MB = 1024 * 1024;

/** Runs `work` and asserts that it read less than 10 MB and raised the peak memory by less than 100 MB. */
async function withoutReadingIt(work: () => Promise<void>): Promise<void> {
  const [read, mem] = [bytesRead(), peak()];
  await work();
  const readMb = (bytesRead() - read) / MB;
  const memMb = (peak() - mem) / MB;
  assert.ok(readMb < 10, `${readMb.toFixed(1)} MB read`);
  assert.ok(memMb < 100, `peak memory rose by ${memMb.toFixed(0)} MB`);
}

describe('bounded reads', function () {
  this.timeout(60_000);
  let root: string;
  const sparse = () => path.join(root, 'requirements', 'sparse.md');

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-bounded-'));
    mkdirSync(path.join(root, 'requirements'));
    writeFileSync(path.join(root, 'requirements', 'small.md'), record());
    writeFileSync(sparse(), record({ id: 'REQ-2026-002' }));
    truncateSync(sparse(), SPARSE_BYTES);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('under, at and over the limit: the bytes, or "too large" with the size', async () => {
    const file = path.join(root, 'exact.bin');
    writeFileSync(file, Buffer.alloc(1000, 7));
    for (const read of [readFileBoundedSync, readFileBounded]) {
      assert.deepEqual(await read(file, 1000), { ok: true, bytes: Buffer.alloc(1000, 7) });
      assert.deepEqual(await read(file, 5000), { ok: true, bytes: Buffer.alloc(1000, 7) });
      assert.deepEqual(await read(file, 999), { ok: false, tooLarge: true, size: 1000 });
    }
    writeFileSync(file, '');
    assert.deepEqual(readFileBoundedSync(file, 10), { ok: true, bytes: Buffer.alloc(0) });
  });

  it('a file whose size says nothing (a device that never ends) is read to one byte past the limit, then called too large', async () => {
    // /dev/zero stats as 0 bytes, like a file that grows after it was stat'ed.
    assert.deepEqual(readFileBoundedSync('/dev/zero', 4096), { ok: false, tooLarge: true, size: 4097 });
    assert.deepEqual(await readFileBounded('/dev/zero', 100_000), { ok: false, tooLarge: true, size: 100_001 });
  });

  // The index first: run after a test that read the file whole, the peak memory would prove nothing.
  it('the index reports a 1.5 GB sparse file as file-too-large with its real size without reading it', async () => {
    const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
    const source = new NodeFileSource({ root, include: DEFAULT_SETTINGS.include, exclude: [] });
    await withoutReadingIt(async () => {
      await index.build(source);
      // A re-read after a watcher event is bounded the same way.
      await index.refresh(source, 'requirements/sparse.md');
    });
    assert.deepEqual(
      index.get('requirements/sparse.md')!.problems.map((p) => [p.code, p.args]),
      [['file-too-large', [String(SPARSE_BYTES), String(LIMIT)]]],
    );
    assert.equal(index.get('requirements/small.md')!.id, 'REQ-2026-001');
  });

  it('NodeFileSource.read with a limit rejects a file over it with its size, without reading it', async () => {
    const source = new NodeFileSource({ root, include: DEFAULT_SETTINGS.include, exclude: [] });
    await withoutReadingIt(async () => {
      await assert.rejects(
        source.read('requirements/sparse.md', LIMIT),
        (e: { code?: string; size?: number }) => e.code === 'EFBIG' && e.size === SPARSE_BYTES,
      );
      assert.equal(source.readText('requirements/sparse.md', LIMIT), undefined);
    });
  });

  it('reqdesk validate (which reads files again for line numbers), export, history and set: reported, never read', async () => {
    await withoutReadingIt(async () => {
      const r = await run(['validate', '--format', 'json'], root);
      assert.equal(r.code, 0, r.err);
      const problems = (JSON.parse(r.out) as { problems: Array<{ file: string; code: string; line: number; column: number }> }).problems;
      assert.deepEqual(
        problems.map((p) => `${p.file} ${p.code} ${p.line}:${p.column}`),
        ['requirements/sparse.md file-too-large 1:1'],
      );
      assert.equal((await run(['export', 'records'], root)).code, 0);
      // Its ID is not known (the file was not read): history and set look for it by its `id:` line in the files they can read.
      assert.equal((await run(['history', 'REQ-2026-002'], root)).code, 2);
      assert.equal((await run(['set', 'REQ-2026-002', 'status=planned'], root)).code, 1);
    });
  });
});
