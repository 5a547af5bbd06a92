// `reqdesk trace` and its commit cache on real repositories: an honest cache changes nothing but the
// time taken, and no forged cache (committed to the repository, planted in the user's cache folder,
// taken from another repository, cut short, a folder, huge) changes what trace reports; the CI gate
// `--gaps --strict` reads no cache at all.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { readBoundedFile, repositoryCacheFile, userCacheFolder } from '../../src/cli/userCache';
import { COMMIT_CACHE_VERSION, MAX_COMMIT_CACHE_BYTES } from '../../src/git/commitScanner';
import { record } from './support';
import { isolateProcessEnv } from '../support/gitEnv';
import { GitRepo } from '../support/gitRepo';

/** Each git run a day after the previous one (on a 27-day cycle), by Ada. */
class Repo extends GitRepo {
  private tick = 0;
  constructor(dir: string) {
    super(dir, { author: { name: 'Ada', email: 'ada@example.com' } });
  }

  static init(dir: string): Repo {
    return new Repo(dir).initialise();
  }

  protected override date(): string {
    this.tick++;
    return `2026-03-${String(1 + (this.tick % 27)).padStart(2, '0')}T10:00:00+08:00`;
  }

  /** Commits everything in the work tree (a change to notes.txt when nothing else changed). */
  commit(message: string): string {
    this.write('notes.txt', `${++this.tick}\n`);
    return this.commitAll(message);
  }
}

/**
 * Two delivered requirements, one with a commit and one without, and a commit naming an ID no
 * record has: the gate finds two gaps.
 */
function buildProject(dir: string): Repo {
  const repo = Repo.init(dir);
  repo.write('requirements/REQ-2026-001.md', record({ id: 'REQ-2026-001', title: 'Export readings', status: 'delivered' }));
  repo.write('requirements/REQ-2026-002.md', record({ id: 'REQ-2026-002', title: 'Import meters', status: 'delivered' }));
  repo.commit('Collect the requirements');
  repo.commit('Implements REQ-2026-002: meter import');
  repo.commit('Fix the export header (REQ-2026-999)');
  repo.commit('Tidy the build');
  return repo;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

interface CacheShape {
  version: number;
  repositories: Record<
    string,
    {
      head?: string;
      tips?: string[];
      shallow: boolean;
      grammar: string;
      links: {
        version: number;
        commits: Array<{
          hash: string;
          subject: string;
          author: string;
          date: string;
          mentions: Array<{ id: string; where: string; verb?: string }>;
        }>;
      };
    }
  >;
}

/** The honest cache rewritten: keyed by `repo`, with the given tips, one mention added, one ID hidden. */
function forge(data: CacheShape, repo: string, change: { tips: string[]; claim?: { hash: string; id: string }; hide?: string }): string {
  const [state] = Object.values(data.repositories);
  assert.ok(state, 'the honest cache holds the repository');
  let commits = state.links.commits
    .map((c) => ({ ...c, mentions: c.mentions.filter((m) => m.id !== change.hide) }))
    .filter((c) => c.mentions.length > 0);
  if (change.claim) {
    const { hash, id } = change.claim;
    commits = commits.filter((c) => c.hash !== hash);
    commits.push({
      hash,
      subject: `Closes ${id}`,
      author: 'Mallory',
      date: '2026-03-01T10:00:00+08:00',
      mentions: [{ id, where: 'subject', verb: 'closes' }],
    });
  }
  return JSON.stringify({
    version: data.version,
    repositories: { [repo]: { ...state, head: change.tips[0], tips: change.tips, links: { ...state.links, commits } } },
  });
}

interface ForgeryInput {
  text: string;
  data: CacheShape;
  repo: string;
  head: string;
  tmp: string;
}

const fakeHash = (seed: string) => seed.repeat(40).slice(0, 40);

/** Ways to put a bad cache at `file`, each meant to make the gate pass if it were believed. */
const FORGERIES: Record<string, (file: string, input: ForgeryInput) => void> = {
  'fake hashes (tips and commits that are no objects here)': (file, { data, repo }) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      forge(data, repo, { tips: [fakeHash('ab')], claim: { hash: fakeHash('cd'), id: 'REQ-2026-001' }, hide: 'REQ-2026-999' }),
    );
  },
  'tips that are not hashes (an option for git)': (file, { data, repo }) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, forge(data, repo, { tips: ['--all'], claim: { hash: fakeHash('cd'), id: 'REQ-2026-001' }, hide: 'REQ-2026-999' }));
  },
  "a cache from another repository, keyed by this one's path": (file, { data, repo, tmp }) => {
    // Another repository whose history mentions REQ-2026-001 and not REQ-2026-999.
    const other = Repo.init(mkdtempSync(path.join(tmp, 'other-')));
    other.commit('Closes REQ-2026-001');
    other.commit('Implements REQ-2026-002');
    const tip = other.head();
    const [state] = Object.values(data.repositories);
    const hash = other.git(['rev-parse', 'HEAD~1']).trim();
    const commits = [
      {
        hash,
        subject: 'Closes REQ-2026-001',
        author: 'Ada',
        date: '2026-03-01T10:00:00+08:00',
        mentions: [{ id: 'REQ-2026-001', where: 'subject', verb: 'closes' }],
      },
      {
        hash: tip,
        subject: 'Implements REQ-2026-002',
        author: 'Ada',
        date: '2026-03-02T10:00:00+08:00',
        mentions: [{ id: 'REQ-2026-002', where: 'subject', verb: 'implements' }],
      },
    ];
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        version: data.version,
        repositories: { [repo]: { ...state!, head: tip, tips: [tip], links: { ...state!.links, commits } } },
      }),
    );
  },
  truncated: (file, { data, repo, head }) => {
    const text = forge(data, repo, { tips: [head], claim: { hash: head, id: 'REQ-2026-001' }, hide: 'REQ-2026-999' });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
  },
  'garbage bytes': (file) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from([0, 0xff, 0xfe, 0x7b, 0x22, 0, 0x0a, 0xc3, 0x28]));
  },
  'an older cache version': (file, { data, repo, head }) => {
    const forged = JSON.parse(forge(data, repo, { tips: [head], claim: { hash: head, id: 'REQ-2026-001' }, hide: 'REQ-2026-999' }));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...forged, version: COMMIT_CACHE_VERSION - 1 }));
  },
  'a folder': (file) => {
    mkdirSync(path.join(file, 'inside'), { recursive: true });
  },
  'huge (sparse, beyond the bound)': (file) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    truncateSync(file, MAX_COMMIT_CACHE_BYTES + 1);
  },
};

describe('cli: trace and its commit cache', function () {
  this.timeout(120_000);
  isolateProcessEnv();
  let tmp: string;
  let n = 0;

  before(() => {
    tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'reqdesk-trace-cache-')));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  /** A fresh project and its own user cache folder. */
  function project(): { repo: Repo; env: Record<string, string>; cacheFile: string; run: (args: string[]) => Promise<Run> } {
    n++;
    const repo = buildProject(path.join(tmp, `project-${n}`));
    const env = { LANG: 'en_US.UTF-8', XDG_CACHE_HOME: path.join(tmp, `cache-${n}`) };
    const cacheFile = repositoryCacheFile(userCacheFolder(env)!, 'commits', repo.dir);
    const run = async (args: string[]): Promise<Run> => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: repo.dir, env });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    return { repo, env, cacheFile, run };
  }

  /** The cache an honest run writes, wherever this version keeps it (read to forge from). */
  async function honestCache(p: ReturnType<typeof project>): Promise<{ text: string; data: CacheShape }> {
    assert.equal((await p.run(['trace'])).code, 0);
    const inWorkTree = path.join(p.repo.dir, '.reqdesk-cache', 'commits.json');
    const file = existsSync(p.cacheFile) ? p.cacheFile : inWorkTree;
    const text = readFileSync(file, 'utf8');
    rmSync(file);
    return { text, data: JSON.parse(text) as CacheShape };
  }

  /** `trace` in JSON without the `mode` field, which says how the links were read. */
  const pairs = (json: string) => JSON.stringify({ ...JSON.parse(json), mode: undefined });

  /** What the gate and trace say without any cache: every forged case must say exactly this. */
  async function truth(p: ReturnType<typeof project>) {
    const gate = await p.run(['trace', '--gaps', '--strict', '--no-cache']);
    assert.equal(gate.code, 1, 'the project has gaps');
    assert.match(gate.out, /REQ-2026-001 is delivered but no commit mentions it/);
    assert.match(gate.out, /commits mention REQ-2026-999/);
    const json = await p.run(['trace', '--format', 'json', '--no-cache']);
    const table = await p.run(['trace', '--no-cache']);
    return { gate, json: pairs(json.out), table: table.out };
  }

  /** What every forgery starts from: a project whose honest cache was made (and removed), its true output, and its tip. */
  async function forgeryTarget() {
    const p = project();
    const honest = await honestCache(p);
    const expected = await truth(p);
    return { p, honest, data: honest.data, expected, head: p.repo.head() };
  }

  async function assertUnchanged(
    p: ReturnType<typeof project>,
    expected: Awaited<ReturnType<typeof truth>>,
    alsoTrace: boolean,
    what: string,
  ) {
    const gate = await p.run(['trace', '--gaps', '--strict']);
    assert.equal(gate.code, 1, `${what}: the gate still fails`);
    assert.equal(gate.out, expected.gate.out, `${what}: the gate reports the same gaps`);
    if (!alsoTrace) return;
    const json = await p.run(['trace', '--format', 'json']);
    assert.equal(json.code, 0);
    assert.equal(pairs(json.out), expected.json, `${what}: trace --format json`);
    const table = await p.run(['trace']);
    assert.equal(table.out, expected.table, `${what}: trace`);
  }

  it("an honest cache: the same output in every format, read from the user's cache folder, nothing written in the work tree", async () => {
    const p = project();
    const expected = await truth(p);
    for (const format of ['table', 'json', 'csv', 'md']) {
      const cold = await p.run(['trace', '--no-cache', '--format', format]);
      const first = await p.run(['trace', '--format', format]);
      const warm = await p.run(['trace', '--format', format]);
      const same = format === 'json' ? pairs : (s: string) => s;
      assert.equal(same(first.out), same(cold.out), format);
      assert.equal(same(warm.out), same(cold.out), format);
    }
    assert.equal(JSON.parse((await p.run(['trace', '--format', 'json'])).out).mode, 'unchanged', 'the cache was used');
    assert.ok(existsSync(p.cacheFile), 'the cache is in the user cache folder');
    assert.equal(existsSync(path.join(p.repo.dir, '.reqdesk-cache')), false, 'nothing written in the work tree');
    assert.equal(p.repo.git(['status', '--porcelain', '--ignored']), '', 'the work tree is as committed');
    // One more commit: read incrementally on top of the cache, still the same as without it.
    p.repo.commit('Closes REQ-2026-001');
    const grown = await p.run(['trace', '--format', 'json']);
    assert.equal(JSON.parse(grown.out).mode, 'incremental');
    assert.equal(pairs(grown.out), pairs((await p.run(['trace', '--format', 'json', '--no-cache'])).out));
    // The gate reads no cache and writes none.
    const before = readFileSync(p.cacheFile, 'utf8');
    p.repo.commit('Refs REQ-2026-002');
    assert.deepEqual(await p.run(['trace', '--gaps', '--strict']), await p.run(['trace', '--gaps', '--strict', '--no-cache']));
    assert.equal(readFileSync(p.cacheFile, 'utf8'), before, 'the gate wrote no cache');
    assert.equal(expected.gate.code, 1);
  });

  it('without a cache folder in the environment (no HOME): no cache, the same output', async () => {
    const p = project();
    const expected = await truth(p);
    const out: string[] = [];
    const code = await runCli(['trace'], { out: (t) => out.push(t), err: () => undefined, cwd: p.repo.dir, env: { LANG: 'en_US.UTF-8' } });
    assert.equal(code, 0);
    assert.equal(out.join('\n'), expected.table);
    assert.equal(existsSync(path.join(p.repo.dir, '.reqdesk-cache')), false);
  });

  describe('a forged cache committed to the repository (the work tree)', () => {
    it('claims a commit for the delivered requirement and hides the unknown ID, keyed by the checkout path: ignored, with a note', async () => {
      const { p, data, expected, head } = await forgeryTarget();
      // The cache a pull request would commit: the checkout path as key, the tip it was made on,
      // and links that satisfy the gate.
      const forged = forge(data, p.repo.dir, { tips: [head], claim: { hash: head, id: 'REQ-2026-001' }, hide: 'REQ-2026-999' });
      p.repo.write('.reqdesk-cache/commits.json', forged);
      await assertUnchanged(p, expected, true, 'untracked forged cache');
      const gate = await p.run(['trace', '--gaps', '--strict']);
      assert.match(
        gate.err,
        /\.reqdesk-cache\/commits\.json is not read: a commit cache inside the repository could have been committed by anyone/,
      );
      const zh = await p.run(['trace', '--gaps', '--strict', '--lang', 'zh-CN']);
      assert.match(zh.err, /不读取 \.reqdesk-cache\/commits\.json：仓库内的提交缓存可能由任何人提交/);
    });

    it('the same forgery committed on top of the tip it names (the pull request case): ignored', async () => {
      const p = project();
      const { data } = await honestCache(p);
      const head = p.repo.head();
      p.repo.write(
        '.reqdesk-cache/commits.json',
        forge(data, p.repo.dir, { tips: [head], claim: { hash: head, id: 'REQ-2026-001' }, hide: 'REQ-2026-999' }),
      );
      p.repo.git(['add', '-f', '.reqdesk-cache/commits.json']);
      p.repo.git(['commit', '-q', '-m', 'Add cache']);
      await assertUnchanged(p, await truth(p), true, 'committed forged cache');
    });

    for (const [name, make] of Object.entries(FORGERIES)) {
      it(`${name}: ignored`, async () => {
        const { p, honest, expected, head } = await forgeryTarget();
        make(path.join(p.repo.dir, '.reqdesk-cache', 'commits.json'), { ...honest, repo: p.repo.dir, head, tmp });
        await assertUnchanged(p, expected, true, name);
      });
    }
  });

  describe("a forged cache in the user's cache folder", () => {
    it('mentions changed for the real tip: the gate does not read it', async () => {
      const { p, data, expected, head } = await forgeryTarget();
      mkdirSync(path.dirname(p.cacheFile), { recursive: true });
      writeFileSync(
        p.cacheFile,
        forge(data, p.repo.dir, { tips: [head], claim: { hash: head, id: 'REQ-2026-001' }, hide: 'REQ-2026-999' }),
      );
      // Only the gate: the user's cache folder is written by the user's own runs and trusted
      // like any tool's cache there; what keeps CI honest is that the gate reads none.
      await assertUnchanged(p, expected, false, 'forged user cache');
    });

    for (const [name, make] of Object.entries(FORGERIES)) {
      it(`${name}: ignored by the gate and by trace`, async () => {
        const { p, honest, expected, head } = await forgeryTarget();
        mkdirSync(path.dirname(p.cacheFile), { recursive: true });
        make(p.cacheFile, { ...honest, repo: p.repo.dir, head, tmp });
        await assertUnchanged(p, expected, true, name);
      });
    }
  });

  describe('the user cache folder and bounded reads', () => {
    it("follows XDG_CACHE_HOME, then the platform's place; none without a home", () => {
      assert.equal(userCacheFolder({ XDG_CACHE_HOME: '/c', HOME: '/h' }, 'linux'), path.join('/c', 'reqdesk'));
      assert.equal(userCacheFolder({ XDG_CACHE_HOME: 'relative', HOME: '/h' }, 'linux'), path.join('/h', '.cache', 'reqdesk'));
      assert.equal(userCacheFolder({ HOME: '/h' }, 'darwin'), path.join('/h', 'Library', 'Caches', 'reqdesk'));
      assert.equal(userCacheFolder({}, 'linux'), undefined);
      assert.equal(userCacheFolder({ HOME: '/h' }, 'win32'), undefined);
      const file = repositoryCacheFile('/c/reqdesk', 'commits', '/srv/a\nb/../repo');
      assert.match(path.basename(file), /^[0-9a-f]{32}\.json$/);
      assert.equal(path.dirname(file), path.join('/c/reqdesk', 'commits'));
    });

    it('reads a regular file within the bound; a larger file, a folder or a FIFO is not read', function () {
      const dir = mkdtempSync(path.join(tmp, 'bounded-'));
      const file = path.join(dir, 'f.json');
      writeFileSync(file, '{"a":1}');
      assert.equal(readBoundedFile(file, 7), '{"a":1}');
      assert.equal(readBoundedFile(file, 6), undefined);
      assert.equal(readBoundedFile(dir, 100), undefined);
      assert.equal(readBoundedFile(path.join(dir, 'missing'), 100), undefined);
      if (process.platform !== 'win32') {
        const fifo = path.join(dir, 'fifo');
        execFileSync('mkfifo', [fifo]);
        // No writer: a blocking open would hang here for ever.
        assert.equal(readBoundedFile(fifo, 100), undefined);
      }
    });
  });
});
