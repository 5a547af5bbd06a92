// The commit-history side of the bench: a generated repository of 200,000 commits, 5 % of them
// mentioning requirement IDs, and the scanner measured against the least any reader of that
// history does (`git log` printing every message, output read and dropped).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../src/core/ids';
import { CommitScanner, type CommitCacheStore, type ScanResult } from '../src/git/commitScanner';
import { gc, median, percentile } from './stats';
import { isolatedEnv, pinProcessEnv } from '../test/support/gitEnv';

/** Bump when the generated history changes, so that a kept repository is generated anew. */
const HISTORY_VERSION = 1;
/** The generated tip, kept outside refs/heads so that no branch-reading scan sees it. */
const GENERATED_REF = 'refs/bench/generated';
const BRANCH = 'refs/heads/main';

/**
 * The bench's own git runs ignore the user's and the system's configuration: hooks, signing or a
 * pager set up there must not change what is generated or timed.
 */
function git(repo: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', ['-C', repo, ...args], { env: isolatedEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A well-mixed 32-bit hash of an integer: the history is the same on every run and machine. */
function mix(i: number): number {
  let x = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const AUTHORS = [
  ...['张', '李', '王', '赵', '陈', '刘', '杨', '黄'].flatMap((family, f) =>
    ['伟', '芳', '静'].map((given, g) => ({ name: family + given, email: `dev${f * 3 + g}@example.cn`, zone: '+0800' })),
  ),
  ...['Alice Chen', 'Bob Martin', 'Carol Diaz', 'Dmitri Ivanov', 'Emma Stone', 'Farid Khan', 'Grace Hopper', 'Hiro Tanaka'].map(
    (name, k) => ({
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
      zone: ['+0000', '-0500', '+0100', '+0900'][k % 4]!,
    }),
  ),
];

const SUBJECTS = [
  'Refactor the export queue',
  'Update dependencies',
  'Fix flaky date test on month boundaries',
  'Tidy up logging in the sync worker',
  'Add retry to the upload client',
  'Speed up the device list query',
  'Rename settings keys to the new scheme',
  'Document the release steps',
  '调整设备列表排序',
  '修复登录页样式问题',
  '优化能耗报表查询',
  '更新依赖版本',
  '整理日志输出',
  '补充单元测试',
  '修改配置说明',
  '重构数据同步模块',
];

const BODIES = [
  'The old code retried forever when the server answered 503.\nNow it gives up after five attempts and says so.',
  '之前的实现在数据量大时会超时，改为分页读取。',
  'No behaviour change.',
  '按评审意见调整了命名，顺便删掉了没用的代码。\n\n测试：本地跑过全部单元测试。',
  'Co-authored-by: Grace Hopper <grace@example.com>',
];

/** `REQ-2026-0xx` / `需求-2026-0xx`, skewed so that a few requirements gather many commits, as busy ones do. */
function knownId(h: number, chinese: boolean): string {
  const u = (h % 1000) / 1000;
  const seq = 1 + Math.floor(99 * u * u);
  return `${chinese ? '需求' : 'REQ'}-2026-${String(seq).padStart(3, '0')}`;
}

/** The message of commit `i`: every 20th mentions IDs, in subject, body prose or trailers. */
export function commitMessage(i: number): string {
  const h = mix(i);
  if (i % 20 === 7) {
    const a = knownId(mix(h), false);
    const a2 = knownId(mix(h + 1), false);
    const b = knownId(mix(h + 2), true);
    switch (h % 8) {
      case 0:
        return `Fix ${a}: wrong totals in the monthly report\n`;
      case 1:
        return `完成${b} 设备能耗导出\n`;
      case 2:
        return `${SUBJECTS[h % SUBJECTS.length]}\n\n${BODIES[h % 4]}\n\nRefs: ${a}\n`;
      case 3:
        return `${SUBJECTS[8 + (h % 8)]}\n\n按客户反馈调整，关联 ${b} 和 ${a2}。\n`;
      case 4:
        return `Implements ${a}, ${a2} and ${b}\n\nReviewed-by: 李静 <dev4@example.cn>\nCloses: ${a}\n`;
      case 5:
        // An ID no requirement has: the typo the trace report points out.
        return `Fix REQ-2026-9${String(h % 100).padStart(2, '0')} typo in the import dialog\n`;
      case 6:
        return `${SUBJECTS[h % 8]}\n\nThis also covers ${a} for the Northwind rollout.\n\nReviewed-by: Carol Diaz <carol@example.com>\n`;
      default:
        return `[${b}] 修复导出文件名乱码\n\n实现 ${a2}\n`;
    }
  }
  // A prefix that is not an ID: git's pre-filter passes it, the grammar does not.
  if (i % 1000 === 500) return `Merge branch 'feature/REQ-draft-export'\n`;
  const subject = SUBJECTS[h % SUBJECTS.length]!;
  return (h >>> 8) % 3 === 0 ? `${subject}\n\n${BODIES[(h >>> 4) % BODIES.length]}\n` : `${subject}\n`;
}

/** Writes `commits` commits through one `git fast-import`, each changing one small file. */
async function fastImport(repo: string, commits: number): Promise<void> {
  const child = spawn('git', ['-C', repo, 'fast-import', '--quiet', '--done'], {
    env: isolatedEnv(),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  // A write after git died fails here too; the exit code below says why.
  child.stdin.on('error', () => undefined);
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let time = Date.UTC(2019, 0, 1) / 1000;
  let chunk = '';
  for (let i = 0; i < commits; i++) {
    const h = mix(i + 0x5bd1e995);
    const who = AUTHORS[h % AUTHORS.length]!;
    time += 120 + (h % 900);
    const ident = `${who.name} <${who.email}> ${time} ${who.zone}`;
    chunk += `commit ${BRANCH}\nauthor ${ident}\ncommitter ${ident}\n${data(commitMessage(i))}M 100644 inline CHANGES.txt\n${data(`${i}\n`)}`;
    if (chunk.length > 1 << 20 || i === commits - 1) {
      if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
      chunk = '';
    }
    if (child.exitCode !== null) break;
  }
  // Without `done` fast-import fails instead of keeping a history cut short.
  child.stdin.end('done\n');
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr.trim()}`);
}

/**
 * The repository of `commits` commits, generated once and kept: it is built under a temporary
 * name and renamed only when complete, so an interrupted run never leaves a history that a later
 * run would take as finished. Returns the folder and how long generation took (0 when reused).
 */
async function history(commits: number): Promise<{ repo: string; generatedMs: number }> {
  const repo = path.join(os.tmpdir(), `reqdesk-bench-commits-v${HISTORY_VERSION}-${commits}`);
  if (existsSync(repo)) {
    try {
      // The incremental rounds move the branch; a run that stopped between them left it moved.
      git(repo, ['update-ref', BRANCH, GENERATED_REF]);
      return { repo, generatedMs: 0 };
    } catch {
      // Partly removed by a temporary-folder cleaner, say: generated anew.
      rmSync(repo, { recursive: true, force: true });
    }
  }
  const started = performance.now();
  // One fixed name, so that what an interrupted run left behind is removed by the next one.
  const building = `${repo}.partial`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    git(building, ['init', '-q']);
    git(building, ['symbolic-ref', 'HEAD', BRANCH]);
    // No background repacking between runs: every run reads the same packs.
    git(building, ['config', 'gc.auto', '0']);
    await fastImport(building, commits);
    git(building, ['update-ref', GENERATED_REF, BRANCH]);
    renameSync(building, repo);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  return { repo, generatedMs: performance.now() - started };
}

/** `git log` printing what the scanner needs of every commit, its output read and dropped. */
function gitLog(repo: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, 'log', '--format=%H%x00%s%x00%b'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => undefined);
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`git log failed (${code}): ${stderr.trim()}`)),
    );
  });
}

class MemoryStore implements CommitCacheStore {
  data: string | undefined;
  async load() {
    return this.data;
  }
  async save(data: string) {
    this.data = data;
  }
}

export interface CommitFigures {
  commit_total: number;
  commit_scanned: number;
  git_log_ms: number;
  commit_scan_ms: number;
  commit_scan_ratio: number;
  commit_incremental_ms: number;
  commit_lookup_us: number;
}

export async function measureCommits(commits: number, rounds: number, log: (s: string) => void): Promise<CommitFigures> {
  // The scanner's git runs read process.env: pinned for this part, restored afterwards.
  const restore = pinProcessEnv();
  try {
    return await measure(commits, rounds, log);
  } finally {
    restore();
  }
}

async function measure(commits: number, rounds: number, log: (s: string) => void): Promise<CommitFigures> {
  const { repo, generatedMs } = await history(commits);
  log(
    generatedMs > 0
      ? `commit history: generated ${commits} commits in ${(generatedMs / 1000).toFixed(1)} s (${repo})`
      : `commit history: ${commits} commits, kept from an earlier run (${repo})`,
  );
  const grammar = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);
  const coldScan = async (): Promise<{ ms: number; result: ScanResult; scanner: CommitScanner }> => {
    // An empty store rather than none: saving what was read is part of a scan in the extension.
    const store = new MemoryStore();
    const scanner = new CommitScanner({ grammar, cache: store });
    const started = performance.now();
    const result = await scanner.scan(repo);
    const ms = performance.now() - started;
    if (result.mode !== 'full' || result.links.size === 0)
      throw new Error(`cold commit scan: mode ${result.mode}, ${result.links.size} commits linked`);
    return { ms, result, scanner };
  };

  // Warm the OS file cache and the JIT once; then alternate git log and the scanner so that noise hits both.
  await gitLog(repo);
  await coldScan();
  const logTimes: number[] = [];
  const scanTimes: number[] = [];
  let last: Awaited<ReturnType<typeof coldScan>> | undefined;
  for (let round = 0; round < rounds; round++) {
    await gc();
    logTimes.push(await gitLog(repo));
    // eslint-disable-next-line no-useless-assignment -- drops the previous scan so that gc() collects it
    last = undefined;
    await gc();
    last = await coldScan();
    scanTimes.push(last.ms);
  }
  const { result, scanner } = last!;
  log(`rounds: git log ${logTimes.map((x) => x.toFixed(0)).join(' ')}; commit scan ${scanTimes.map((x) => x.toFixed(0)).join(' ')}`);

  // Lookups of every ID the history mentions, the busiest (hundreds of commits) included. Reported as
  // the 95th percentile per call: the commit view waits on the slow lookups, not the average one.
  const links = result.links;
  const ids = links.ids();
  for (const id of ids) links.commitsOf(id);
  await gc();
  const lookupTimes: number[] = [];
  for (let pass = 0; pass < 20; pass++) {
    for (const id of ids) {
      const started = performance.now();
      links.commitsOf(id);
      lookupTimes.push((performance.now() - started) * 1000);
    }
  }
  const busiest = Math.max(...ids.map((id) => links.commitsOf(id).length));

  // One new commit on top of what the warm scanner (and its store) last read, as after `git commit`.
  const incrementalTimes: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const id = `REQ-2026-${500 + round}`;
      // Plumbing rather than `git commit`: no hooks, no index and no work tree involved.
      const date = `${Math.floor(Date.now() / 1000)} +0800`;
      const hash = git(repo, ['commit-tree', '--no-gpg-sign', '-p', BRANCH, '-m', `完成${id} 的导出\n\nRefs: ${id}`, `${BRANCH}^{tree}`], {
        GIT_AUTHOR_NAME: '王芳',
        GIT_AUTHOR_EMAIL: 'dev7@example.cn',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: '王芳',
        GIT_COMMITTER_EMAIL: 'dev7@example.cn',
        GIT_COMMITTER_DATE: date,
      });
      git(repo, ['update-ref', BRANCH, hash]);
      // The previous scan's cache write finishes first: it is not part of the next scan's wait.
      await scanner.flush();
      await gc();
      const started = performance.now();
      const next = await scanner.scan(repo);
      incrementalTimes.push(performance.now() - started);
      if (next.mode !== 'incremental' || next.scanned !== 1 || !next.links.commitsOf(id).some((c) => c.hash === hash)) {
        throw new Error(
          `incremental commit scan: mode ${next.mode}, ${next.scanned} read, ${id} ${next.links.commitsOf(id).length === 0 ? 'not ' : ''}found`,
        );
      }
    }
  } finally {
    // The kept repository stays at the generated history for the next run.
    git(repo, ['update-ref', BRANCH, GENERATED_REF]);
  }

  const gitLogMs = median(logTimes);
  const scanMs = median(scanTimes);
  const figures: CommitFigures = {
    commit_total: commits,
    commit_scanned: result.scanned,
    git_log_ms: Math.round(gitLogMs),
    commit_scan_ms: Math.round(scanMs),
    commit_scan_ratio: Number((scanMs / gitLogMs).toFixed(3)),
    commit_incremental_ms: Number(median(incrementalTimes).toFixed(1)),
    commit_lookup_us: Math.round(percentile(lookupTimes, 95)),
  };
  log(`git log (every message)     ${figures.git_log_ms} ms  (${commits} commits)`);
  log(
    `commit scan, cold           ${figures.commit_scan_ms} ms   ratio ${figures.commit_scan_ratio}  (target ≤ 1.0; ${figures.commit_scanned} read, ${links.size} linked)`,
  );
  log(`commit scan, one new commit ${figures.commit_incremental_ms} ms  (target ≤ 100)`);
  log(`commits of one ID           p95 ${figures.commit_lookup_us} µs (${ids.length} IDs, up to ${busiest} commits)  (target ≤ 1000)`);
  return figures;
}
