// The git reader and the incremental commit scanner against real repositories made in the
// temporary folder. Every git run (ours and the module's) ignores the user's and the system's
// configuration, and author/committer dates are fixed so hashes are the same on every run.
import * as assert from 'node:assert/strict';
import { StringDecoder } from 'node:string_decoder';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CommitInfo,
  GitError,
  GitMissingError,
  headOf,
  LogParser,
  isAncestor,
  isRepository,
  isShallow,
  repositoryRoot,
  streamLog,
} from '../../src/git/gitLog';
import type { CommitLinks } from '../../src/core/commits';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../../src/core/ids';
import { COMMIT_CACHE_VERSION, type CommitCacheStore, CommitScanner, grepPatternsFor } from '../../src/git/commitScanner';
import { ADA, GIT_ISOLATION, identityEnv, isolateProcessEnv } from '../support/gitEnv';
import { GitRepo } from '../support/gitRepo';
import { tempDirForSuite } from '../support/tempDir';

/** The module under test reads process.env: git isolated, Ada as author and committer. */
const ISOLATION = { ...GIT_ISOLATION, ...identityEnv(ADA) };

/** Each commit one minute after the previous one: deterministic hashes and a stable order. */
class Repo extends GitRepo {
  private tick = 0;
  constructor(dir: string) {
    super(dir, { author: ADA });
  }

  static init(parent: string, name = 'repo'): Repo {
    return new Repo(path.join(parent, name)).initialise();
  }

  protected override date(): string {
    return `2024-03-01T10:${String(this.tick).padStart(2, '0')}:00+08:00`;
  }

  /** A commit touching one file, with the message verbatim apart from git's usual cleanup; returns its hash. */
  commit(message: string, file = 'notes.txt'): string {
    this.tick++;
    writeFileSync(path.join(this.dir, file), `${this.tick}\n`, { flag: 'a' });
    this.git(['add', '--', file]);
    this.git(['commit', '-q', '-F', '-'], { input: message });
    return this.head();
  }
}

async function logOf(dir: string, options: Parameters<typeof streamLog>[2] = {}, git = 'git'): Promise<CommitInfo[]> {
  const commits: CommitInfo[] = [];
  await streamLog(git, dir, options, (c) => commits.push(c));
  return commits;
}

describe('git log reader', () => {
  isolateProcessEnv(ISOLATION);
  const tmp = tempDirForSuite('reqdesk-gitlog-');

  describe('repository detection', () => {
    it('tells a work tree (and a folder inside it) from a plain or missing folder', async () => {
      const repo = Repo.init(tmp.dir, 'detect');
      mkdirSync(path.join(repo.dir, 'sub'));
      const plain = path.join(tmp.dir, 'plain');
      mkdirSync(plain);
      assert.equal(await isRepository('git', repo.dir), true);
      assert.equal(await isRepository('git', path.join(repo.dir, 'sub')), true);
      assert.equal(await isRepository('git', plain), false);
      assert.equal(await isRepository('git', path.join(tmp.dir, 'does-not-exist')), false);
      assert.equal(await repositoryRoot('git', plain), undefined);
      const root = await repositoryRoot('git', path.join(repo.dir, 'sub'));
      assert.ok(root !== undefined);
      // git prints the resolved path (the temporary folder may sit behind a symbolic link).
      assert.equal(path.basename(root), 'detect');
    });

    it('a missing git executable is a GitMissingError naming the path', async () => {
      const missing = path.join(tmp.dir, 'no-such-git');
      for (const call of [
        () => isRepository(missing, tmp.dir),
        () => headOf(missing, tmp.dir),
        () => isShallow(missing, tmp.dir),
        () => isAncestor(missing, tmp.dir, 'a', 'b'),
        () => logOf(tmp.dir, {}, missing),
      ]) {
        await assert.rejects(call(), (error: unknown) => {
          assert.ok(error instanceof GitMissingError);
          assert.equal(error.gitPath, missing);
          assert.match(error.message, /^git was not found at /);
          assert.ok(error.message.includes(missing));
          return true;
        });
      }
    });

    it('a repository with no commits: no HEAD, an empty log, not shallow', async () => {
      const repo = Repo.init(tmp.dir, 'empty');
      assert.equal(await isRepository('git', repo.dir), true);
      assert.equal(await headOf('git', repo.dir), undefined);
      assert.deepEqual(await logOf(repo.dir), []);
      assert.deepEqual(await logOf(repo.dir, { grep: ['REQ-'] }), []);
      assert.deepEqual(await logOf(repo.dir, { allBranches: true }), []);
      assert.equal(await isShallow('git', repo.dir), false);
    });

    it('an orphan checkout (HEAD unborn, other branches exist): allBranches still reads them', async () => {
      const repo = Repo.init(tmp.dir, 'orphan');
      const first = repo.commit('REQ-2024-001 on main');
      repo.git(['checkout', '-q', '--orphan', 'fresh']);
      assert.equal(await headOf('git', repo.dir), undefined);
      assert.deepEqual(await logOf(repo.dir), []);
      assert.deepEqual(
        (await logOf(repo.dir, { allBranches: true })).map((c) => c.hash),
        [first],
      );
    });

    it('a folder that is not a repository: headOf and the log reject with GitError', async () => {
      const plain = path.join(tmp.dir, 'plain2');
      mkdirSync(plain);
      await assert.rejects(headOf('git', plain), GitError);
      await assert.rejects(logOf(plain), GitError);
    });

    it('ignores GIT_DIR inherited from a hook: the folder given is the one read', async () => {
      const a = Repo.init(tmp.dir, 'hook-a');
      const b = Repo.init(tmp.dir, 'hook-b');
      a.commit('in a');
      const bHead = b.commit('in b');
      const saved = process.env.GIT_DIR;
      process.env.GIT_DIR = path.join(a.dir, '.git');
      try {
        assert.equal(await headOf('git', b.dir), bHead);
      } finally {
        if (saved === undefined) delete process.env.GIT_DIR;
        else process.env.GIT_DIR = saved;
      }
    });
  });

  describe('LogParser', () => {
    const A = 'a'.repeat(40);
    const B = 'b'.repeat(40);
    const stream = Buffer.from(
      `${A}\0张三\0${'2024-03-01T10:00:00+08:00'}\0完成需求-2024-001 🎉\0第一行\n\nCloses: REQ-2024-002\n\0` +
        `${B}\0Bob\0${'2024-03-02T10:00:00Z'}\0No body\0\0`,
      'utf8',
    );
    const expected: CommitInfo[] = [
      {
        hash: A,
        author: '张三',
        date: '2024-03-01T10:00:00+08:00',
        subject: '完成需求-2024-001 🎉',
        body: '第一行\n\nCloses: REQ-2024-002',
      },
      { hash: B, author: 'Bob', date: '2024-03-02T10:00:00Z', subject: 'No body', body: '' },
    ];
    const parse = (chunks: Buffer[]): CommitInfo[] => {
      const out: CommitInfo[] = [];
      const parser = new LogParser((c) => out.push(c));
      const decoder = new StringDecoder('utf8');
      for (const chunk of chunks) parser.push(decoder.write(chunk));
      parser.push(decoder.end());
      return out;
    };

    it('the same commits whatever byte the output is cut at (inside fields, NULs and UTF-8 sequences)', () => {
      for (let i = 0; i <= stream.length; i++) {
        assert.deepEqual(parse([stream.subarray(0, i), stream.subarray(i)]), expected, `cut at byte ${i}`);
      }
      assert.deepEqual(parse([...stream].map((byte) => Buffer.from([byte]))), expected, 'one byte at a time');
    });

    it('resynchronises on the next hash after stray fields', () => {
      const stray = Buffer.concat([Buffer.from('junk\0more\0', 'utf8'), stream]);
      assert.deepEqual(parse([stray]), expected);
    });

    it('an unfinished record at the end is not emitted', () => {
      assert.deepEqual(parse([stream.subarray(0, stream.length - 1)]), expected.slice(0, 1));
    });
  });

  describe('streamLog', () => {
    let repo: Repo;
    // No trailing spaces: git's message cleanup would strip them.
    const longBody = `开始\n${Array.from({ length: 6000 }, () => '需求😀 REQ émoji ∑').join(' ')}\n结束 REQ-2024-099`;
    const hashes: Record<string, string> = {};

    before(() => {
      repo = Repo.init(tmp.dir, 'log');
      hashes.plain = repo.commit('Initial commit');
      hashes.en = repo.commit('Add login form for REQ-2024-001\n\nValidates the e-mail field.\nSecond line.\n\nRefs: REQ-2024-002');
      hashes.zh = repo.commit('完成需求-2024-003 的登录页 🎉\n\n说明：支持微信登录。\n\nCloses: 需求-2024-004');
      hashes.emptyBody = repo.commit('REQ-2024-005 subject only');
      hashes.long = repo.commit(`Long message\n\n${longBody}`);
    });

    it('reads every commit newest first with exact fields', async () => {
      const commits = await logOf(repo.dir);
      assert.deepEqual(
        commits.map((c) => c.hash),
        [hashes.long, hashes.emptyBody, hashes.zh, hashes.en, hashes.plain],
      );
      const en = commits[3]!;
      assert.equal(en.subject, 'Add login form for REQ-2024-001');
      assert.equal(en.body, 'Validates the e-mail field.\nSecond line.\n\nRefs: REQ-2024-002');
      assert.equal(en.author, 'Ada Lovelace');
      assert.equal(en.date, '2024-03-01T10:02:00+08:00');
      const zh = commits[2]!;
      assert.equal(zh.subject, '完成需求-2024-003 的登录页 🎉');
      assert.equal(zh.body, '说明：支持微信登录。\n\nCloses: 需求-2024-004');
      assert.equal(commits[1]!.body, '');
      assert.equal(commits[4]!.body, '');
    });

    it('a 100 KB body of CJK and emoji survives chunk boundaries intact', async () => {
      const commits = await logOf(repo.dir, { range: `${hashes.emptyBody}..HEAD` });
      assert.equal(commits.length, 1);
      assert.ok(Buffer.byteLength(commits[0]!.body) > 100_000);
      const body = commits[0]!.body;
      // Not assert.equal: a failure would print 100 KB twice.
      assert.ok(!body.includes('\uFFFD'), 'no replacement characters');
      assert.equal(body.length, longBody.length);
      assert.ok(body === longBody, 'body differs');
    });

    it('a range reads only the newer commits', async () => {
      const commits = await logOf(repo.dir, { range: `${hashes.en}..HEAD` });
      assert.deepEqual(
        commits.map((c) => c.hash),
        [hashes.long, hashes.emptyBody, hashes.zh],
      );
      assert.deepEqual(await logOf(repo.dir, { range: `${hashes.long}..HEAD` }), []);
    });

    it('grep lets git skip commits without an ID prefix (case-sensitive, any part of the message)', async () => {
      const byPrefix = async (grep: string[]): Promise<string[]> => (await logOf(repo.dir, { grep })).map((c) => c.hash);
      assert.deepEqual(await byPrefix(['REQ-', '需求-']), [hashes.long, hashes.emptyBody, hashes.zh, hashes.en]);
      // 需求- appears in the zh commit and, inside the long body, only as "需求😀": the body's last line has REQ-.
      assert.deepEqual(await byPrefix(['需求-']), [hashes.zh]);
      assert.deepEqual(await byPrefix(['req-']), []);
      // A trailer in the body is enough.
      assert.deepEqual(await byPrefix(['Closes: ']), [hashes.zh]);
      assert.deepEqual(await byPrefix([]), [hashes.long, hashes.emptyBody, hashes.zh, hashes.en, hashes.plain]);
    });

    it('an error thrown by the consumer stops git and rejects', async () => {
      let seen = 0;
      await assert.rejects(
        streamLog('git', repo.dir, {}, () => {
          seen++;
          throw new Error('stop here');
        }),
        /stop here/,
      );
      assert.equal(seen, 1);
    });

    it('an aborted signal rejects', async () => {
      const controller = new AbortController();
      controller.abort(new Error('cancelled'));
      await assert.rejects(logOf(repo.dir, { signal: controller.signal }), /cancelled/);
    });
  });

  describe('branches, ancestry and shallow clones', () => {
    let repo: Repo;
    const h: Record<string, string> = {};

    before(() => {
      repo = Repo.init(tmp.dir, 'branches');
      h.a = repo.commit('REQ-2024-001 base');
      repo.git(['checkout', '-q', '-b', 'feature']);
      h.f = repo.commit('feature work for 需求-2024-010', 'feature.txt');
      repo.git(['checkout', '-q', 'main']);
      h.b = repo.commit('REQ-2024-002 on main');
      repo.git(['checkout', '-q', '-b', 'side']);
      h.s = repo.commit('side work REQ-2024-020', 'side.txt');
      repo.git(['checkout', '-q', 'main']);
    });

    it('allBranches also reads commits of branches not merged into HEAD', async () => {
      const onHead = (await logOf(repo.dir)).map((c) => c.hash);
      assert.deepEqual(onHead, [h.b, h.a]);
      const all = (await logOf(repo.dir, { allBranches: true })).map((c) => c.hash).sort();
      assert.deepEqual(all, [h.a, h.b, h.f, h.s].sort());
    });

    it('isAncestor: ancestors, equal commits, unrelated and unknown commits', async () => {
      assert.equal(await isAncestor('git', repo.dir, h.a!, h.b!), true);
      assert.equal(await isAncestor('git', repo.dir, h.b!, h.b!), true);
      assert.equal(await isAncestor('git', repo.dir, h.b!, h.a!), false);
      assert.equal(await isAncestor('git', repo.dir, h.f!, h.b!), false);
      assert.equal(await isAncestor('git', repo.dir, '0123456789abcdef0123456789abcdef01234567', h.b!), false);
    });

    it('a merge brings the branch commits and the merge commit into the log', async () => {
      repo.git(['merge', '-q', '--no-ff', '--no-edit', '-m', 'Merge feature (需求-2024-010)', 'feature']);
      const merge = repo.head();
      const commits = await logOf(repo.dir, { range: `${h.b}..HEAD` });
      assert.deepEqual(commits.map((c) => c.hash).sort(), [merge, h.f].sort());
      assert.equal(commits.find((c) => c.hash === merge)?.subject, 'Merge feature (需求-2024-010)');
    });

    it('a shallow clone reads the commits it has and says it is shallow', async () => {
      const url = pathToFileURL(repo.dir).href;
      const clone = path.join(tmp.dir, 'shallow');
      repo.git(['clone', '-q', '--depth', '2', url, clone]);
      assert.equal(await isShallow('git', clone), true);
      assert.equal(await isShallow('git', repo.dir), false);
      const commits = await logOf(clone);
      // The merge, and its parents at depth 2 (the cut-off parents show as roots).
      assert.equal(commits[0]!.hash, repo.head());
      assert.deepEqual(commits.map((c) => c.hash).sort(), [repo.head(), h.b, h.f].sort());
      assert.equal(await isAncestor('git', clone, h.a!, repo.head()), false);
    });
  });
});

const GRAMMAR = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);

/** Every link as "ID → subjects, oldest first": what a test pins down. */
function linkTable(links: CommitLinks): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const { id, commit } of links.pairs()) (table[id] ??= []).push(commit.subject);
  return table;
}

class MemoryStore implements CommitCacheStore {
  data: string | undefined;
  saves = 0;
  async load(): Promise<string | undefined> {
    return this.data;
  }
  async save(data: string): Promise<void> {
    this.saves++;
    this.data = data;
  }
}

describe('commit scanner', () => {
  isolateProcessEnv(ISOLATION);
  const tmp = tempDirForSuite('reqdesk-scan-');

  it('grep patterns: each prefix with the literal that follows it in the template, escaped', () => {
    // The hyphen also matches its variants (U+2010, U+2011 and the full-width U+FF0D), as the grammar reads them.
    assert.deepEqual(grepPatternsFor(GRAMMAR), ['REQ(-|\u2010|\u2011|\uFF0D)', '需求(-|\u2010|\u2011|\uFF0D)']);
    assert.deepEqual(grepPatternsFor(compileIdGrammar(['C++', 'P.J'], '{prefix}{seq}')), ['C\\+\\+', 'P\\.J']);
    assert.deepEqual(grepPatternsFor(compileIdGrammar(['T'], '{year}/{prefix}#{seq}')), ['T#']);
  });

  describe('one repository through its life', () => {
    let repo: Repo;
    const store = new MemoryStore();
    let scanner: CommitScanner;
    const h: Record<string, string> = {};

    before(() => {
      repo = Repo.init(tmp.dir, 'life');
      scanner = new CommitScanner({ grammar: GRAMMAR, cache: store });
    });

    it('no commits yet: empty links, then unchanged', async () => {
      const first = await scanner.scan(repo.dir);
      assert.equal(first.mode, 'full');
      assert.equal(first.scanned, 0);
      assert.equal(first.head, undefined);
      assert.equal(first.links.size, 0);
      const second = await scanner.scan(repo.dir);
      assert.equal(second.mode, 'unchanged');
    });

    it('first commits: a full scan; git skips commits without an ID', async () => {
      h.c1 = repo.commit('Add login for REQ-2024-001\n\nAlso touches the session code.\n\nRefs: 需求-2024-002');
      h.c2 = repo.commit('Initial docs');
      h.c3 = repo.commit('完成需求-2024-003 的导出功能 📦\n\n多行说明：\n第二行。\n\nCloses: REQ-2024-001');
      const result = await scanner.scan(repo.dir);
      assert.equal(result.mode, 'full');
      assert.equal(result.scanned, 2);
      assert.equal(result.head, h.c3);
      assert.equal(result.shallow, false);
      assert.deepEqual(linkTable(result.links), {
        'REQ-2024-001': ['Add login for REQ-2024-001', '完成需求-2024-003 的导出功能 📦'],
        '需求-2024-002': ['Add login for REQ-2024-001'],
        '需求-2024-003': ['完成需求-2024-003 的导出功能 📦'],
      });
      assert.deepEqual(
        result.links.commitsOf('REQ-2024-001').map((c) => [c.hash, c.verb]),
        [
          [h.c3, 'closes'],
          [h.c1, undefined],
        ],
      );
    });

    it('same HEAD: nothing read, also from a cold start on the saved cache', async () => {
      const again = await scanner.scan(repo.dir);
      assert.equal(again.mode, 'unchanged');
      assert.equal(again.scanned, 0);
      await scanner.flush();
      const cold = await new CommitScanner({ grammar: GRAMMAR, cache: store }).scan(repo.dir);
      assert.equal(cold.mode, 'unchanged');
      assert.deepEqual(linkTable(cold.links), linkTable(again.links));
    });

    it('a branch merged in: incremental, reading only the new commits', async () => {
      repo.git(['checkout', '-q', '-b', 'feature']);
      h.f = repo.commit('Feature for REQ-2024-004', 'feature.txt');
      repo.git(['checkout', '-q', 'main']);
      h.m1 = repo.commit('Fix typo');
      repo.git(['merge', '-q', '--no-ff', '--no-edit', 'feature']);
      const result = await scanner.scan(repo.dir);
      assert.equal(result.mode, 'incremental');
      assert.equal(result.scanned, 1);
      assert.deepEqual(linkTable(result.links)['REQ-2024-004'], ['Feature for REQ-2024-004']);
      assert.equal(Object.keys(linkTable(result.links)).length, 4);
    });

    it('an amend rewrites history: full rescan', async () => {
      repo.git(['commit', '-q', '--amend', '-m', 'Merge feature: implements REQ-2024-005']);
      const result = await scanner.scan(repo.dir);
      assert.equal(result.mode, 'full');
      assert.equal(result.scanned, 4);
      assert.deepEqual(linkTable(result.links), {
        'REQ-2024-001': ['Add login for REQ-2024-001', '完成需求-2024-003 的导出功能 📦'],
        'REQ-2024-004': ['Feature for REQ-2024-004'],
        'REQ-2024-005': ['Merge feature: implements REQ-2024-005'],
        '需求-2024-002': ['Add login for REQ-2024-001'],
        '需求-2024-003': ['完成需求-2024-003 的导出功能 📦'],
      });
      assert.equal(result.links.commitsOf('REQ-2024-005')[0]?.verb, 'implements');
    });

    it('a reset drops the links of the commits left behind', async () => {
      repo.git(['reset', '-q', '--hard', h.m1!]);
      const result = await scanner.scan(repo.dir);
      assert.equal(result.mode, 'full');
      assert.deepEqual(Object.keys(linkTable(result.links)), ['REQ-2024-001', '需求-2024-002', '需求-2024-003']);
    });

    it('a rebase that drops a commit: full rescan, the rebased commit linked under its new hash', async () => {
      // Separate files, so dropping one commit leaves the other applying cleanly.
      h.keep = repo.commit('REQ-2024-006 to be dropped', 'dropped.txt');
      h.move = repo.commit('Implements 需求-2024-007', 'moved.txt');
      const incremental = await scanner.scan(repo.dir);
      assert.equal(incremental.mode, 'incremental');
      assert.equal(incremental.scanned, 2);
      repo.git(['rebase', '-q', '--onto', h.m1!, h.keep!]);
      const moved = repo.head();
      assert.notEqual(moved, h.move);
      const result = await scanner.scan(repo.dir);
      assert.equal(result.mode, 'full');
      const table = linkTable(result.links);
      assert.equal(table['REQ-2024-006'], undefined);
      assert.deepEqual(table['需求-2024-007'], ['Implements 需求-2024-007']);
      assert.deepEqual(
        result.links.commitsOf('需求-2024-007').map((c) => c.hash),
        [moved],
      );
    });

    it('other ID prefixes or format: the cache is not used', async () => {
      const reqOnly = new CommitScanner({ grammar: compileIdGrammar(['REQ'], DEFAULT_ID_FORMAT), cache: store });
      const result = await reqOnly.scan(repo.dir);
      assert.equal(result.mode, 'full');
      assert.deepEqual(Object.keys(linkTable(result.links)), ['REQ-2024-001']);
    });

    it('a corrupt or old cache is a full scan, and is rewritten', async () => {
      for (const data of ['{not json', JSON.stringify({ version: COMMIT_CACHE_VERSION - 1, repositories: {} }), '']) {
        const broken = new MemoryStore();
        broken.data = data;
        const rescanner = new CommitScanner({ grammar: GRAMMAR, cache: broken });
        const result = await rescanner.scan(repo.dir);
        await rescanner.flush();
        assert.equal(result.mode, 'full');
        assert.equal(broken.saves, 1);
        assert.equal(JSON.parse(broken.data!).version, COMMIT_CACHE_VERSION);
      }
    });
  });

  it('a cache naming anything but full hashes (tips, head or commits) is a full scan', async () => {
    const repo = Repo.init(tmp.dir, 'odd-hashes');
    repo.commit('REQ-2024-001 first');
    const store = new MemoryStore();
    const scanner = new CommitScanner({ grammar: GRAMMAR, cache: store });
    await scanner.scan(repo.dir);
    await scanner.flush();
    const honest = JSON.parse(store.data!);
    const state = honest.repositories[repo.dir];
    const variants = [
      {
        ...state,
        links: {
          ...state.links,
          commits: [
            ...state.links.commits,
            { hash: 'deadbeef', subject: 'x', author: 'x', date: '2024-01-01', mentions: [{ id: 'REQ-2024-009', where: 'subject' }] },
          ],
        },
      },
      {
        ...state,
        links: {
          ...state.links,
          commits: [
            ...state.links.commits,
            {
              hash: '--all'.padEnd(40, '0'),
              subject: 'x',
              author: 'x',
              date: '2024-01-01',
              mentions: [{ id: 'REQ-2024-009', where: 'subject' }],
            },
          ],
        },
      },
      { ...state, tips: ['HEAD'] },
      { ...state, head: 'HEAD~1', tips: [state.tips[0].toUpperCase()] },
    ];
    for (const variant of variants) {
      const forged = new MemoryStore();
      forged.data = JSON.stringify({ ...honest, repositories: { [repo.dir]: variant } });
      const result = await new CommitScanner({ grammar: GRAMMAR, cache: forged }).scan(repo.dir);
      assert.equal(result.mode, 'full', JSON.stringify(variant.tips));
      assert.deepEqual(linkTable(result.links), { 'REQ-2024-001': ['REQ-2024-001 first'] });
    }
  });

  it('a scan resolves before its cache write; flush waits for the write; an unchanged scan writes nothing', async () => {
    const repo = Repo.init(tmp.dir, 'slow-store');
    repo.commit('REQ-2024-001 first');
    const writes: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = {
      load: async () => undefined,
      save: async (data: string) => {
        await gate;
        writes.push(data);
      },
    };
    const scanner = new CommitScanner({ grammar: GRAMMAR, cache: slow });
    const result = await scanner.scan(repo.dir);
    assert.deepEqual(linkTable(result.links), { 'REQ-2024-001': ['REQ-2024-001 first'] });
    assert.equal(writes.length, 0, 'the links came back while the cache write was still waiting');
    let flushed = false;
    const flushing = scanner.flush().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(flushed, false);
    release();
    await flushing;
    assert.equal(writes.length, 1);
    assert.equal((await scanner.scan(repo.dir)).mode, 'unchanged');
    await scanner.flush();
    assert.equal(writes.length, 1, 'nothing new to write');
  });

  it('one cache for several repositories: each keeps its own head', async () => {
    const a = Repo.init(tmp.dir, 'multi-a');
    const b = Repo.init(tmp.dir, 'multi-b');
    a.commit('REQ-2024-001 in a');
    b.commit('REQ-2024-002 in b');
    const store = new MemoryStore();
    const scanner = new CommitScanner({ grammar: GRAMMAR, cache: store });
    // Started together: the scanner runs them one after the other on one cache.
    const [ra, rb] = await Promise.all([scanner.scan(a.dir), scanner.scan(b.dir)]);
    assert.deepEqual(linkTable(ra.links), { 'REQ-2024-001': ['REQ-2024-001 in a'] });
    assert.deepEqual(linkTable(rb.links), { 'REQ-2024-002': ['REQ-2024-002 in b'] });
    await scanner.flush();
    const cold = new CommitScanner({ grammar: GRAMMAR, cache: store });
    assert.equal((await cold.scan(a.dir)).mode, 'unchanged');
    assert.equal((await cold.scan(b.dir)).mode, 'unchanged');
  });

  it('a shallow clone: the commits it has, read in full every time', async () => {
    const origin = Repo.init(tmp.dir, 'deep');
    origin.commit('REQ-2024-001 oldest');
    origin.commit('REQ-2024-002 middle');
    origin.commit('需求-2024-003 newest');
    const clone = path.join(tmp.dir, 'deep-clone');
    origin.git(['clone', '-q', '--depth', '2', pathToFileURL(origin.dir).href, clone]);
    const scanner = new CommitScanner({ grammar: GRAMMAR, cache: new MemoryStore() });
    const first = await scanner.scan(clone);
    assert.equal(first.shallow, true);
    assert.equal(first.mode, 'full');
    assert.deepEqual(linkTable(first.links), {
      'REQ-2024-002': ['REQ-2024-002 middle'],
      '需求-2024-003': ['需求-2024-003 newest'],
    });
    assert.equal((await scanner.scan(clone)).mode, 'full');
  });

  it('all branches: work not merged is linked; a new branch is incremental, a deleted one a full rescan', async () => {
    const repo = Repo.init(tmp.dir, 'branches');
    repo.commit('REQ-2024-001 on main');
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.commit('Implements 需求-2024-002 on feature', 'f.txt');
    repo.git(['checkout', '-q', 'main']);
    const store = new MemoryStore();
    const scanner = new CommitScanner({ grammar: GRAMMAR, cache: store, allBranches: true });
    const first = await scanner.scan(repo.dir);
    assert.equal(first.mode, 'full');
    assert.deepEqual(linkTable(first.links), {
      'REQ-2024-001': ['REQ-2024-001 on main'],
      '需求-2024-002': ['Implements 需求-2024-002 on feature'],
    });
    // HEAD alone does not see the feature branch.
    const headOnly = await new CommitScanner({ grammar: GRAMMAR }).scan(repo.dir);
    assert.deepEqual(Object.keys(linkTable(headOnly.links)), ['REQ-2024-001']);

    repo.git(['checkout', '-q', '-b', 'second']);
    repo.commit('Refs REQ-2024-003 on second', 's.txt');
    repo.git(['checkout', '-q', 'main']);
    const grown = await scanner.scan(repo.dir);
    assert.equal(grown.mode, 'incremental');
    assert.equal(grown.scanned, 1);
    assert.deepEqual(Object.keys(linkTable(grown.links)).sort(), ['REQ-2024-001', 'REQ-2024-003', '需求-2024-002']);
    assert.equal((await scanner.scan(repo.dir)).mode, 'unchanged');

    repo.git(['branch', '-q', '-D', 'feature']);
    const pruned = await new CommitScanner({ grammar: GRAMMAR, cache: store, allBranches: true }).scan(repo.dir);
    assert.equal(pruned.mode, 'full');
    assert.deepEqual(Object.keys(linkTable(pruned.links)).sort(), ['REQ-2024-001', 'REQ-2024-003']);
  });

  it('a linked worktree is scanned like its own checkout', async () => {
    const repo = Repo.init(tmp.dir, 'with-worktree');
    repo.commit('REQ-2024-001 base');
    const tree = path.join(tmp.dir, 'worktree-of-it');
    repo.git(['worktree', 'add', '-q', '-b', 'wt', tree]);
    const other = new Repo(tree);
    other.commit('REQ-2024-002 in the worktree', 'w.txt');
    const scanner = new CommitScanner({ grammar: GRAMMAR, cache: new MemoryStore() });
    assert.deepEqual(Object.keys(linkTable((await scanner.scan(tree)).links)).sort(), ['REQ-2024-001', 'REQ-2024-002']);
    assert.deepEqual(Object.keys(linkTable((await scanner.scan(repo.dir)).links)), ['REQ-2024-001']);
  });

  it('not a repository, or no git: the errors of the reader', async () => {
    const plain = path.join(tmp.dir, 'plain');
    mkdirSync(plain);
    await assert.rejects(new CommitScanner({ grammar: GRAMMAR }).scan(plain), GitError);
    const missing = path.join(tmp.dir, 'no-git-here');
    await assert.rejects(new CommitScanner({ grammar: GRAMMAR, git: missing }).scan(plain), GitMissingError);
    // A failed scan does not block the next one.
    const ok = Repo.init(tmp.dir, 'after-failure');
    ok.commit('REQ-2024-009 fine');
    const scanner = new CommitScanner({ grammar: GRAMMAR });
    await assert.rejects(scanner.scan(plain), GitError);
    assert.equal((await scanner.scan(ok.dir)).links.size, 1);
  });

  it('a full-width hyphen passes git’s pre-filter and links as the canonical ID', async () => {
    const repo = Repo.init(tmp.dir, 'full-width');
    const hash = repo.commit('完成需求－2024－003 的导出');
    repo.commit('Nothing to link here');
    const result = await new CommitScanner({ grammar: GRAMMAR }).scan(repo.dir);
    assert.equal(result.scanned, 1, 'git skipped the commit without an ID, not the one with the full-width form');
    assert.deepEqual(
      result.links.commitsOf('需求-2024-003').map((c) => [c.hash, c.verb]),
      [[hash, 'implements']],
    );
  });
});
