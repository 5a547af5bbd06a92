// What the CLI refuses to write, because a repository is untrusted input: nothing through a
// symbolic link, nothing outside the workspace by a path the repository shapes (cache, records,
// ID format, the requirements folder), and no update of `set` lost to another writer. Each refusal
// is checked for its exit code, its message in both languages, and the whole tree — the workspace
// and the folder outside it that links point to — left byte for byte as it was.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { localizeLater } from '../../src/core/l10n';
import { resolveSettings, type SettingsWarning } from '../../src/core/settings';
import {
  checkWriteTarget,
  createFileSafely,
  realPathOutside,
  updateFileSafely,
  WriteRefusedError,
  writeFileSafely,
} from '../../src/files/safeFiles';
import { runCli } from '../../src/cli/main';
import { record, REPO_ROOT, runCliCaptured as run, treeHashes } from './support';
import { git as runGit } from '../support/gitRepo';

function git(cwd: string, ...args: string[]): void {
  runGit(cwd, args, { author: { name: 'Test', email: 'test@example.com' } });
}

/**
 * A box holding the workspace `ws/` (a copy of the examples, committed to git) and a folder
 * `outside/` with a victim file: what a hostile repository's links point to.
 */
function makeBox(): { box: string; ws: string; outside: string; victim: string } {
  const box = mkdtempSync(path.join(tmpdir(), 'reqdesk-write-safety-'));
  const ws = path.join(box, 'ws');
  const outside = path.join(box, 'outside');
  mkdirSync(outside);
  const victim = path.join(outside, 'victim.txt');
  writeFileSync(victim, 'precious, not ReqDesk output\n');
  execFileSync('cp', ['-r', path.join(REPO_ROOT, 'examples'), ws]);
  return { box, ws, outside, victim };
}

// The box of the running test: the suites that call freshBoxForEachTest() share these names.
let box: string;
let ws: string;
let outside: string;
let victim: string;

/** Gives every test of the calling suite a fresh box (then `setUp`, if any), removed after it. */
function freshBoxForEachTest(setUp?: () => void): void {
  beforeEach(() => {
    ({ box, ws, outside, victim } = makeBox());
    setUp?.();
  });
  afterEach(() => rmSync(box, { recursive: true, force: true }));
}

function commitAll(ws: string): void {
  git(ws, 'init', '-q');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-q', '-m', 'examples');
}

describe('cli: nothing is written through a link or outside the workspace', function () {
  this.timeout(60_000);
  freshBoxForEachTest();

  /** reqdesk with a user cache folder (the commit cache lives there, never in the work tree). */
  async function runWithCache(argv: string[], cwd: string, cacheHome: string) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: { XDG_CACHE_HOME: cacheHome } },
      new Date(2026, 5, 1),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('trace: a committed .reqdesk-cache/commits.json that links to a file elsewhere is neither read nor written; trace still answers', async () => {
    mkdirSync(path.join(ws, '.reqdesk-cache'));
    symlinkSync(victim, path.join(ws, '.reqdesk-cache', 'commits.json'));
    commitAll(ws);
    const before = treeHashes(box);
    const r = await runWithCache(['trace', '--gaps'], ws, path.join(box, 'cache'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /REQ-|No gaps/);
    assert.match(
      r.err,
      /^reqdesk: \.reqdesk-cache\/commits\.json is not read: a commit cache inside the repository could have been committed by anyone/m,
    );
    const zh = await runWithCache(['trace', '--gaps', '--lang', 'zh-CN'], ws, path.join(box, 'cache'));
    assert.equal(zh.code, 0, zh.err);
    assert.match(zh.err, /^reqdesk: 不读取 \.reqdesk-cache\/commits\.json：仓库内的提交缓存可能由任何人提交/m);
    // The workspace and the folder outside are as they were; the cache went to the user's folder.
    const after = treeHashes(box);
    for (const [k, v] of before) assert.equal(after.get(k), v, k);
    assert.deepEqual(
      [...after.keys()].filter((k) => !before.has(k) && !k.startsWith('cache')),
      [],
    );
  });

  it('trace: a committed .reqdesk-cache folder that links outside the workspace is not used', async () => {
    symlinkSync(outside, path.join(ws, '.reqdesk-cache'));
    commitAll(ws);
    const before = treeHashes(box);
    const r = await runWithCache(['trace'], ws, path.join(box, 'cache'));
    assert.equal(r.code, 0, r.err);
    const after = treeHashes(box);
    for (const [k, v] of before) assert.equal(after.get(k), v, k);
    assert.deepEqual(readdirSync(outside), ['victim.txt']);
  });

  it('trace: the cache is written in the user cache folder, atomically (no temporary file left), never in the work tree', async () => {
    commitAll(ws);
    const cacheHome = path.join(box, 'cache');
    const r = await runWithCache(['trace'], ws, cacheHome);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.equal(existsSync(path.join(ws, '.reqdesk-cache')), false);
    const files = readdirSync(path.join(cacheHome, 'reqdesk', 'commits'));
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^[0-9a-f]{32}\.json$/);
    assert.equal(
      (JSON.parse(readFileSync(path.join(cacheHome, 'reqdesk', 'commits', files[0]!), 'utf8')) as { version: number }).version > 0,
      true,
    );
  });

  it('trace: a link planted at the cache file in the user cache folder is not written through', async () => {
    commitAll(ws);
    const cacheHome = path.join(box, 'cache');
    await runWithCache(['trace'], ws, cacheHome);
    const folder = path.join(cacheHome, 'reqdesk', 'commits');
    const [name] = readdirSync(folder);
    rmSync(path.join(folder, name!));
    symlinkSync(victim, path.join(folder, name!));
    writeFileSync(path.join(ws, 'new.txt'), 'x');
    commitAll(ws);
    const before = readFileSync(victim, 'utf8');
    const r = await runWithCache(['trace'], ws, cacheHome);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /not written: it is a symbolic link \(to .*outside\/victim\.txt\), and ReqDesk never writes through a link/);
    assert.equal(readFileSync(victim, 'utf8'), before);
  });

  it('set: a record that is a link to a file outside the workspace is read and validated but never written', async () => {
    const target = path.join(outside, 'linked record.md');
    writeFileSync(target, record({ id: 'REQ-2026-901' }));
    symlinkSync(target, path.join(ws, 'requirements', 'linked.md'));
    const before = treeHashes(box);
    const listed = await run(['list', '--format', 'json'], ws);
    assert.ok(
      (JSON.parse(listed.out) as Array<{ id: string }>).some((row) => row.id === 'REQ-2026-901'),
      'indexed',
    );
    const r = await run(['set', 'REQ-2026-901', 'status=planned'], ws);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(
      r.err,
      /^reqdesk: requirements\/linked\.md: not written: it is a symbolic link \(to .*outside\/linked record\.md\), and ReqDesk never writes through a link\nNothing was changed\.$/,
    );
    const zh = await run(['set', 'REQ-2026-901', 'status=planned', '--lang', 'zh-CN'], ws);
    assert.equal(zh.code, 1);
    assert.match(
      zh.err,
      /^reqdesk: requirements\/linked\.md：未写入：该文件是符号链接（指向 .*outside\/linked record\.md），ReqDesk 从不通过链接写入\n未做任何修改。$/,
    );
    assert.deepEqual(treeHashes(box), before);
  });

  it('import: a requirements folder that is a link to a folder outside the workspace is refused whole', async () => {
    rmSync(path.join(ws, 'requirements'), { recursive: true });
    symlinkSync(outside, path.join(ws, 'requirements'));
    writeFileSync(
      path.join(box, 'rows.csv'),
      '需求编号,客户名称/联系人,需求描述(具体场景+目标),提交时间,初步分类(功能/体验/商务/服务)\r\n,客户A,门店库存低于安全线时提醒补货，目标缺货率降到 2% 以下,2026-03-15,功能\r\n',
    );
    const before = treeHashes(box);
    const r = await run(['import', path.join(box, 'rows.csv'), '--no-branches', '--folder', 'requirements', '--prefix', '需求'], ws);
    assert.equal(r.code, 1, r.out);
    assert.match(
      r.err,
      /reqdesk: requirements\/需求-2026-001\.md: not written: it would be outside the workspace .*ws \(its folder is .*outside once symbolic links are resolved\)\nNothing was written\./,
    );
    const zh = await run(
      ['import', path.join(box, 'rows.csv'), '--no-branches', '--folder', 'requirements', '--prefix', '需求', '--lang', 'zh-CN'],
      ws,
    );
    assert.equal(zh.code, 1);
    assert.match(
      zh.err,
      /reqdesk: requirements\/需求-2026-001\.md：未写入：它将位于工作区 .*ws 之外（解析符号链接后，其所在目录为 .*outside）\n未写入任何文件。/,
    );
    assert.deepEqual(treeHashes(box), before);
    assert.deepEqual(readdirSync(outside), ['victim.txt']);
  });

  it('import: an ID format that climbs out of the folder ("../../../../x/{prefix}-{seq}") is refused by the settings check; the files go where they belong', async () => {
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'reqdesk.id.format': '../../x/{prefix}-{seq}' }));
    writeFileSync(
      path.join(box, 'rows.csv'),
      '需求编号,客户名称/联系人,需求描述(具体场景+目标),提交时间,初步分类(功能/体验/商务/服务)\r\n,客户A,门店库存低于安全线时提醒补货，目标缺货率降到 2% 以下,2026-03-15,功能\r\n',
    );
    const before = treeHashes(box);
    const r = await run(['import', path.join(box, 'rows.csv'), '--no-branches', '--prefix', '需求'], ws);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /^reqdesk: Setting reqdesk\.id\.format must be a template with \{prefix\} and \{seq\} .* and no \/, \\, \.\. or control characters \(IDs become file names\); using the default\.$/m,
    );
    const after = treeHashes(box);
    const added = [...after.keys()].filter((k) => !before.has(k));
    assert.deepEqual(added, ['ws/requirements/需求-2026-006.md']);
    for (const [k, v] of before) assert.equal(after.get(k), v, k);
    assert.equal(existsSync(path.join(box, 'x')), false);
    assert.equal(existsSync(path.join(path.dirname(box), 'x')), false);
  });
});

describe('settings that shape file names are checked where settings are read', () => {
  const formatWarned = (format: unknown) => {
    const warnings: SettingsWarning[] = [];
    const settings = resolveSettings({ 'reqdesk.id.format': format }, warnings);
    return { format: settings.idFormat, keys: warnings.map((w) => w.key) };
  };

  it('an ID format with a path separator, "..", NUL or a control character falls back to the default with a warning', () => {
    for (const bad of [
      '../../../../x/{prefix}-{seq}',
      '{prefix}/{seq}',
      '{prefix}\\{seq}',
      '{prefix}..{seq}',
      '{prefix}-{seq}\u0000',
      '{prefix}\n{seq}',
      '{prefix}\u001b[31m{seq}',
      '{prefix}\u0085{seq}',
    ]) {
      assert.deepEqual(formatWarned(bad), { format: '{prefix}-{year}-{seq:3}', keys: ['reqdesk.id.format'] }, JSON.stringify(bad));
    }
  });

  it('a template the ID grammar cannot compile ({seq:99}, {seq:0}, an unknown token, a stray brace, a token twice) warns here instead of stopping every command later', () => {
    for (const bad of [
      '{prefix}-{seq:99}',
      '{prefix}-{seq:0}',
      '{prefix}-{day}-{seq}',
      '{prefix}-{seq}}',
      '{prefix}-{seq}-{seq}',
      '{seq}',
      42,
    ]) {
      assert.deepEqual(formatWarned(bad), { format: '{prefix}-{year}-{seq:3}', keys: ['reqdesk.id.format'] }, JSON.stringify(bad));
    }
    for (const good of ['{prefix}-{seq}', '{prefix}_{year}.{seq:5}', '{prefix}{seq:15}'])
      assert.deepEqual(formatWarned(good), { format: good, keys: [] });
  });

  it('the warning is said in both languages', () => {
    const warnings: SettingsWarning[] = [];
    resolveSettings({ 'reqdesk.id.format': '{prefix}/{seq}' }, warnings);
    assert.equal(
      localizeLater('en', warnings[0]!.text),
      'Setting reqdesk.id.format must be a template with {prefix} and {seq} or {seq:N} (N from 1 to 15) once each, optionally {year}, and no /, \\, .. or control characters (IDs become file names); using the default.',
    );
    assert.equal(
      localizeLater('zh-cn', warnings[0]!.text),
      '设置 reqdesk.id.format 应为包含 {prefix} 和 {seq} 或 {seq:N}（N 为 1 到 15）各一次、可选 {year}，且不含 /、\\、.. 或控制字符的模板（编号会用作文件名）；已改用默认值。',
    );
  });

  it('ID prefixes with a path separator, "..", or a control character fall back to the default with a warning', () => {
    for (const bad of [['REQ', '../x'], ['a/b'], ['a\\b'], ['..'], ['R\u0000']]) {
      const warnings: SettingsWarning[] = [];
      const settings = resolveSettings({ 'reqdesk.id.prefixes': bad }, warnings);
      assert.deepEqual(settings.idPrefixes, ['REQ', '需求'], JSON.stringify(bad));
      assert.deepEqual(
        warnings.map((w) => w.key),
        ['reqdesk.id.prefixes'],
      );
    }
  });

  it('reqdesk with {seq:99} in settings.json warns once and works with the default format (it used to exit 2 on every command)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'reqdesk-seq99-'));
    try {
      mkdirSync(path.join(root, '.vscode'));
      mkdirSync(path.join(root, 'requirements'));
      writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "reqdesk.id.format": "{prefix}-{seq:99}" }');
      writeFileSync(path.join(root, 'requirements', 'a.md'), record());
      const list = await run(['list', '--format', 'json'], root);
      assert.equal(list.code, 0, list.err);
      assert.match(list.err, /^reqdesk: Setting reqdesk\.id\.format must be a template/);
      assert.equal((JSON.parse(list.out) as Array<{ id: string }>)[0]!.id, 'REQ-2026-001');
      const next = await run(['next-id', '--year', '2026'], root);
      assert.equal(next.code, 0, next.err);
      assert.equal(next.out, 'REQ-2026-002');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cli: --out paths typed by the user', function () {
  this.timeout(60_000);
  freshBoxForEachTest();

  it('export --out into a folder of the workspace that is a link leading outside it is refused', async () => {
    symlinkSync(outside, path.join(ws, 'out'));
    const before = treeHashes(box);
    const r = await run(['export', 'records', '--out', 'out/records.csv'], ws);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /^reqdesk: out\/records\.csv: not written: it would be outside the workspace .*ws \(its folder is .*outside once symbolic links are resolved\)\nNothing was written\.$/,
    );
    const zh = await run(['export', 'records', '--out', 'out/records.csv', '--lang', 'zh-CN'], ws);
    assert.equal(zh.code, 1);
    assert.match(
      zh.err,
      /^reqdesk: out\/records\.csv：未写入：它将位于工作区 .*之外（解析符号链接后，其所在目录为 .*outside）\n未写入任何文件。$/,
    );
    assert.deepEqual(treeHashes(box), before);
  });

  it('export, report and schema --out onto a link are refused, wherever the link points', async () => {
    symlinkSync(victim, path.join(ws, 'records.csv'));
    symlinkSync(victim, path.join(ws, 'report.md'));
    symlinkSync(victim, path.join(ws, 'schema.json'));
    symlinkSync(path.join(ws, 'README.md'), path.join(outside, 'link-into-workspace.md'));
    const before = treeHashes(box);
    for (const argv of [
      ['export', 'records', '--out', 'records.csv'],
      ['report', 'satisfaction', '--out', 'report.md'],
      ['schema', '--out', 'schema.json'],
      ['export', 'plan', '--out', path.join(outside, 'link-into-workspace.md')],
    ]) {
      const r = await run(argv, ws);
      assert.equal(r.code, 1, argv.join(' '));
      assert.match(
        r.err,
        /not written: it is a symbolic link \(to .*\), and ReqDesk never writes through a link\nNothing was written\.$/,
        argv.join(' '),
      );
    }
    assert.deepEqual(treeHashes(box), before);
  });

  it("an --out path outside the workspace is the user's choice: written there, folders made, an existing file replaced keeping its permissions", async () => {
    const out = path.join(outside, 'exports', 'records.csv');
    const r = await run(['export', 'records', '--out', out], ws);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(out, 'utf8'), /^\uFEFF/);
    chmodSync(out, 0o640);
    const again = await run(['export', 'plan', '--out', out], ws);
    assert.equal(again.code, 0, again.err);
    assert.equal(statSync(out).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(path.dirname(out)), ['records.csv']);
  });
});

describe('cli: records that are links to files outside the repository', function () {
  this.timeout(60_000);
  freshBoxForEachTest(() => {
    writeFileSync(path.join(outside, 'linked record.md'), record({ id: 'REQ-2026-901', status: 'delivered' }));
    symlinkSync(path.join(outside, 'linked record.md'), path.join(ws, 'requirements', 'linked.md'));
    commitAll(ws);
  });

  it("report: the linked record's history is not read, the report says so and goes on (it used to exit 2)", async () => {
    const r = await run(['report', 'implementation', '--format', 'json', '--from', '2024-01-01', '--to', '2026-12-31'], ws);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /^reqdesk: requirements\/linked\.md: symbolic link to files outside the repository; its git history is not read\.$/m,
    );
    const json = JSON.parse(r.out) as { counted: number };
    assert.ok(json.counted > 1);
    const zh = await run(['report', 'process', '--lang', 'zh-CN', '--from', '2024-01-01', '--to', '2026-12-31'], ws);
    assert.equal(zh.code, 0, zh.err);
    assert.match(zh.err, /^reqdesk: requirements\/linked\.md：指向仓库之外文件的符号链接；不读取其 git 历史。$/m);
  });

  it('history: the linked record has no history here: said, exit 0 (it used to exit 2)', async () => {
    const r = await run(['history', 'REQ-2026-901', '--format', 'json'], ws);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { version: 1, id: 'REQ-2026-901', file: 'requirements/linked.md', events: [] });
    assert.equal(
      r.err,
      'reqdesk: requirements/linked.md is a symbolic link to a file outside the repository: git has no history of that file here.',
    );
    const zh = await run(['history', 'REQ-2026-901', '--lang', 'zh-CN'], ws);
    assert.equal(zh.code, 0, zh.err);
    assert.equal(zh.err, 'reqdesk: requirements/linked.md 是指向仓库之外文件的符号链接：此仓库中没有该文件的 git 历史。');
    // The other records' histories are unaffected.
    const other = await run(['history', 'REQ-2026-001', '--format', 'json'], ws);
    assert.equal(other.code, 0, other.err);
    assert.ok((JSON.parse(other.out) as { events: unknown[] }).events.length > 0);
  });

  it('export: the linked record is left out of the tables and named', async () => {
    const before = treeHashes(box);
    const r = await run(['export', 'records', '--format', 'md'], ws);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /REQ-2026-901/);
    assert.match(r.out, /REQ-2026-001/);
    // The workspace is a copy of the examples: their shared ID and broken records are named after the table.
    const cautions = [
      'reqdesk: ID REQ-2025-004 is used by requirements/REQ-2025-004-csv-encoding.md, requirements/REQ-2026-092-duplicate-id.md: their rows share the ID; give each file its own ID.',
      'reqdesk: requirements/REQ-2026-091-declined-no-reason.md has 4 errors: its row shows the file as it reads.',
      'reqdesk: requirements/REQ-2026-092-duplicate-id.md has 2 errors: its row shows the file as it reads.',
    ];
    assert.equal(
      r.err,
      ['reqdesk: requirements/linked.md is a symbolic link to a file outside the workspace: left out of the export.', ...cautions].join(
        '\n',
      ),
    );
    const zh = await run(['export', 'plan', '--lang', 'zh-CN'], ws);
    assert.equal(zh.err.split('\n')[0], 'reqdesk: requirements/linked.md 是指向工作区之外文件的符号链接：未包含在导出中。');
    assert.equal(zh.err.split('\n').length, 1 + cautions.length);
    assert.deepEqual(treeHashes(box), before);
  });
});

describe('safe writes (src/files/safeFiles)', () => {
  let box: string;
  beforeEach(() => {
    box = mkdtempSync(path.join(tmpdir(), 'reqdesk-safe-files-'));
    mkdirSync(path.join(box, 'ws', 'requirements'), { recursive: true });
    mkdirSync(path.join(box, 'elsewhere'));
  });
  afterEach(() => rmSync(box, { recursive: true, force: true }));
  const ws = () => path.join(box, 'ws');

  it('a path of the repository stays in the workspace: "..", an absolute path, a link in any folder of the path', () => {
    symlinkSync(path.join(box, 'elsewhere'), path.join(ws(), 'requirements', 'away'));
    symlinkSync('../..', path.join(ws(), 'requirements', 'up'));
    const policy = { root: ws(), origin: 'workspace' } as const;
    for (const target of [
      '../x.md',
      path.join(box, 'elsewhere', 'x.md'),
      'requirements/away/x.md',
      'requirements/away/new/deeper/x.md',
      'requirements/up/x.md',
    ]) {
      assert.throws(
        () => writeFileSafely(target, 'x', policy),
        (e: unknown) => e instanceof WriteRefusedError && e.refusal.reason === 'outside',
        target,
      );
    }
    assert.deepEqual(readdirSync(path.join(box, 'elsewhere')), []);
    assert.equal(existsSync(path.join(box, 'x.md')), false);
    // Inside, folders are made as needed.
    writeFileSafely('requirements/new/deeper/x.md', 'x', policy);
    assert.equal(readFileSync(path.join(ws(), 'requirements/new/deeper/x.md'), 'utf8'), 'x');
    assert.equal(realPathOutside(ws(), path.join(ws(), 'requirements', 'away', 'a.md')), path.join(box, 'elsewhere', 'a.md'));
    assert.equal(realPathOutside(ws(), path.join(ws(), 'requirements', 'a.md')), undefined);
  });

  it('the file itself is never a link (even one that points inside the workspace), a folder or a FIFO', () => {
    writeFileSync(path.join(ws(), 'requirements', 'real.md'), 'real');
    symlinkSync('real.md', path.join(ws(), 'requirements', 'alias.md'));
    symlinkSync('nowhere.md', path.join(ws(), 'requirements', 'dangling.md'));
    mkdirSync(path.join(ws(), 'requirements', 'folder.md'));
    execFileSync('mkfifo', [path.join(ws(), 'requirements', 'fifo.md')]);
    const before = treeHashes(box);
    const reasons = ['alias.md', 'dangling.md', 'folder.md', 'fifo.md'].map((name) => {
      try {
        writeFileSafely(path.join('requirements', name), 'x', { root: ws(), origin: 'user' });
        return 'written';
      } catch (e) {
        return e instanceof WriteRefusedError ? e.refusal.reason : String(e);
      }
    });
    assert.deepEqual(reasons, ['symlink', 'symlink', 'not-a-file', 'not-a-file']);
    assert.deepEqual(treeHashes(box), before);
    assert.equal(checkWriteTarget('requirements/real.md', { root: ws(), origin: 'workspace' })?.isFile(), true);
  });

  it('a replacement is atomic and keeps the permissions; the bytes are written as given (BOM, CRLF)', () => {
    const file = path.join(ws(), 'requirements', 'a.md');
    writeFileSync(file, 'old');
    chmodSync(file, 0o604);
    const bytes = Buffer.from('\uFEFF---\r\nid: REQ-2026-001\r\n---\r\n', 'utf8');
    writeFileSafely(file, bytes, { root: ws(), origin: 'workspace' });
    assert.deepEqual(readFileSync(file), bytes);
    assert.equal(statSync(file).mode & 0o777, 0o604);
    assert.deepEqual(readdirSync(path.dirname(file)), ['a.md']);
  });

  it('a new file is created whole, never over anything already there (a file, or a link that points nowhere yet)', () => {
    const policy = { root: ws(), origin: 'workspace' } as const;
    writeFileSync(path.join(ws(), 'requirements', 'taken.md'), 'someone else');
    symlinkSync(path.join(box, 'elsewhere', 'planted.md'), path.join(ws(), 'requirements', 'dangling.md'));
    const before = treeHashes(box);
    assert.throws(() => createFileSafely('requirements/taken.md', 'mine', policy), /EEXIST/);
    assert.throws(
      () => createFileSafely('requirements/dangling.md', 'mine', policy),
      (e: unknown) => e instanceof WriteRefusedError && e.refusal.reason === 'symlink',
    );
    assert.deepEqual(treeHashes(box), before);
    assert.deepEqual(createFileSafely('requirements/new/a.md', 'a\n', policy), [path.join(ws(), 'requirements', 'new')]);
    assert.equal(readFileSync(path.join(ws(), 'requirements/new/a.md'), 'utf8'), 'a\n');
    assert.deepEqual(readdirSync(path.join(ws(), 'requirements', 'new')), ['a.md'], 'no temporary file left');
  });

  it('updateFileSafely: a change saved by someone else between the read and the write is kept: the edit is made again on it', async () => {
    const file = path.join(ws(), 'requirements', 'a.md');
    writeFileSync(file, 'a=1\nb=1\n');
    let calls = 0;
    const value = await updateFileSafely(
      file,
      { root: ws(), origin: 'workspace' },
      (current) => {
        calls++;
        // The first time, an editor saves its own change while ReqDesk is computing.
        if (calls === 1) writeFileSync(file, 'a=1\nb=2\n');
        return { write: current.toString('utf8').replace('a=1', 'a=9'), value: calls };
      },
      { maxBytes: 1024 },
    );
    assert.equal(value, 2);
    assert.equal(readFileSync(file, 'utf8'), 'a=9\nb=2\n');
    assert.deepEqual(readdirSync(path.dirname(file)), ['a.md'], 'no lock or temporary file left');
  });

  it("updateFileSafely: a file that changes under every try is refused, with the other writer's content left as it is", async () => {
    const file = path.join(ws(), 'requirements', 'a.md');
    writeFileSync(file, 'v0');
    let n = 0;
    await assert.rejects(
      updateFileSafely(
        file,
        { root: ws(), origin: 'workspace' },
        (current) => {
          writeFileSync(file, `v${++n}`);
          return { write: `${current.toString('utf8')}+mine`, value: undefined };
        },
        { maxBytes: 1024, tries: 3 },
      ),
      (e: unknown) =>
        e instanceof WriteRefusedError &&
        e.refusal.reason === 'changed' &&
        /changed on disk while it was being edited \(3 tries\)/.test(e.message) &&
        /编辑期间文件在磁盘上被修改（已尝试 3 次）/.test(e.text('zh-cn')),
    );
    assert.equal(readFileSync(file, 'utf8'), 'v3');
    assert.deepEqual(readdirSync(path.dirname(file)), ['a.md']);
  });

  it('updateFileSafely: a lock held by a live process is waited for, then refused; one left by a process that ended is taken over', async () => {
    const file = path.join(ws(), 'requirements', 'a.md');
    writeFileSync(file, 'v0');
    const edit = (current: Buffer) => ({ write: `${current.toString('utf8')}+1`, value: true });
    // Our own process holds it: alive.
    const lockName = () => readdirSync(path.dirname(file)).find((n) => n.startsWith('.reqdesk-lock-'));
    const probe = updateFileSafely(
      file,
      { root: ws(), origin: 'workspace' },
      (c) => {
        // While this edit runs, the lock is there: copy its name and content for the test below.
        const name = lockName()!;
        const holder = readFileSync(path.join(path.dirname(file), name), 'utf8');
        return { write: c, value: { name, holder } };
      },
      { maxBytes: 1024 },
    );
    const { name, holder } = await probe;
    assert.match(holder, new RegExp(`^${process.pid}@`));
    writeFileSync(path.join(path.dirname(file), name), holder);
    await assert.rejects(
      updateFileSafely(file, { root: ws(), origin: 'workspace' }, edit, { maxBytes: 1024, lockTimeoutMs: 200 }),
      (e: unknown) => e instanceof WriteRefusedError && e.refusal.reason === 'locked',
    );
    assert.equal(readFileSync(file, 'utf8'), 'v0');
    // A process that has ended.
    const ended = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => ended.on('close', resolve));
    writeFileSync(path.join(path.dirname(file), name), holder.replace(/^\d+/, String(ended.pid)));
    assert.equal(await updateFileSafely(file, { root: ws(), origin: 'workspace' }, edit, { maxBytes: 1024, lockTimeoutMs: 200 }), true);
    assert.equal(readFileSync(file, 'utf8'), 'v0+1');
    assert.deepEqual(readdirSync(path.dirname(file)), ['a.md']);
  });
});

describe('cli: concurrent set loses no update', function () {
  this.timeout(120_000);
  let root: string;
  const TASKS = 20;
  const file = () => path.join(root, 'requirements', 'REQ-2026-001.md');

  before(() => execFileSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: REPO_ROOT, stdio: 'ignore' }));

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-set-race-'));
    mkdirSync(path.join(root, 'requirements'));
    const tasks = Array.from({ length: TASKS }, (_, i) => `\n  - id: T${i + 1}\n    title: Task number ${i + 1}\n    status: todo`).join(
      '',
    );
    // A BOM and CRLF line ends, and permissions other than the default: all kept.
    // A long body makes each edit take a while (it is validated before and after): the processes
    // overlap, as they would on a busy CI machine.
    const notes = Array.from(
      { length: 400 },
      (_, i) => `- Note ${i + 1}: the pallet count is checked against the advance shipping notice.`,
    ).join('\n');
    writeFileSync(file(), `\uFEFF${record({ tasks })}\n## Notes\n${notes}\n`.replace(/\n/g, '\r\n'));
    chmodSync(file(), 0o640);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it(`${TASKS} reqdesk set processes at once on ${TASKS} tasks of one file: every one that reports success has its change in the file`, async () => {
    const runs = await Promise.all(
      Array.from({ length: TASKS }, (_, i) => {
        const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'set', 'REQ-2026-001', `tasks[${i}].status=done`], {
          cwd: root,
          env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        return new Promise<{ i: number; code: number | null; out: string; err: string }>((resolve) =>
          child.on('close', (code) => resolve({ i, code, out, err })),
        );
      }),
    );
    const text = readFileSync(file(), 'utf8');
    const done = (i: number) => new RegExp(`- id: T${i + 1}\\r\\n    title: Task number ${i + 1}\\r\\n    status: done\\r\\n`).test(text);
    for (const r of runs) {
      if (r.code === 0) {
        assert.equal(r.out, `requirements/REQ-2026-001.md: tasks[${r.i}].status todo → done\n`);
        assert.ok(done(r.i), `task ${r.i + 1} reported done but lost`);
      } else {
        assert.equal(r.code, 1, r.err);
        assert.match(r.err, /not written: .*\nNothing was changed\.\n$/);
        assert.ok(!done(r.i));
      }
    }
    // With the lock, none had to give up.
    assert.deepEqual(
      runs.map((r) => r.code),
      Array<number>(TASKS).fill(0),
      runs.map((r) => r.err).join(''),
    );
    assert.ok(text.startsWith('\uFEFF---\r\n'));
    assert.doesNotMatch(text, /[^\r]\n/);
    assert.equal(statSync(file()).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(path.join(root, 'requirements')), ['REQ-2026-001.md'], 'no lock or temporary file left');
  });
});

describe('cli: files of the repository that never end are read with a limit', function () {
  this.timeout(120_000);
  before(() => execFileSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: REPO_ROOT, stdio: 'ignore' }));
  freshBoxForEachTest();

  /** A real process with a time limit: reading /dev/zero whole would never end (or end the process). */
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), ...args], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
    });

  it('.vscode/settings.json that is a link to /dev/zero: a warning and the defaults', () => {
    rmSync(path.join(ws, '.vscode', 'settings.json'));
    symlinkSync('/dev/zero', path.join(ws, '.vscode', 'settings.json'));
    const r = cli('list', '--format', 'json');
    assert.equal(r.signal, null, 'finished within the time limit');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^reqdesk: .*\.vscode\/settings\.json: more than 4194304 bytes, not read; using the defaults\.$/m);
    assert.ok((JSON.parse(r.stdout) as unknown[]).length > 10);
  });

  it('a committed commit cache that is a link to /dev/zero: trace reads history instead, and writes nothing through it', () => {
    mkdirSync(path.join(ws, '.reqdesk-cache'));
    symlinkSync('/dev/zero', path.join(ws, '.reqdesk-cache', 'commits.json'));
    commitAll(ws);
    const r = cli('trace', '--gaps');
    assert.equal(r.signal, null, 'finished within the time limit');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^reqdesk: \.reqdesk-cache\/commits\.json is not read/m);
  });
});
