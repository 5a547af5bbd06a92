// `reqdesk history` and the file-history reader on real repositories made in the temporary folder.
// Every git run ignores the user's and the system's configuration; authors and dates are fixed,
// so the hashes are the same on every run (the expected output still reads them from git).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import { describeHistoryEntry, historyWords } from '../../src/core/historyText';
import { fileVersions, historyOfId, parseBatch } from '../../src/git/fileHistory';
import { ADA, isolateProcessEnv, type Person } from '../support/gitEnv';
import { GitRepo } from '../support/gitRepo';
import { tempDirForSuite } from '../support/tempDir';
import { CSV_EXPORT, requirementFile } from './historyFixtures';
import { gitDemoForSuite } from './support';

const ZHANG: Person = { name: '张三', email: 'zhang@example.com' };

/** A repository in `parent/name`: Ada at 2026-01-01 09:00 (+08:00) unless a run says otherwise. */
function initRepo(parent: string, name: string): GitRepo {
  return new GitRepo(path.join(parent, name), { author: ADA, date: '2026-01-01T09:00:00+08:00' }).initialise();
}

function io(cwd: string, lang = 'en_US.UTF-8'): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env: { LANG: lang }, stdout, stderr };
}

const set = (lines: string[], key: string, value: string) =>
  lines.map((l) => (l.trimStart().startsWith(`${key}:`) ? `${l.slice(0, l.indexOf(key))}${key}: ${value}` : l));

describe('cli: history', function () {
  this.timeout(60_000);
  isolateProcessEnv();
  let tmp: string;
  let repo: GitRepo;
  const h: string[] = [];

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-history-'));
    repo = initRepo(tmp, 'demo');
    // 1. Two records, one under a name with a space and Chinese characters, one with Chinese values.
    repo.write('requirements/REQ-2026-001 导出.md', requirementFile(CSV_EXPORT));
    repo.write(
      'requirements/需求-2026-002-门店补货.md',
      requirementFile(['id: 需求-2026-002', 'title: 门店补货预警', 'type: 功能', 'status: 新建']),
    );
    h.push(repo.commitAll('Collect two requirements', { author: ADA, date: '2026-01-05T09:00:00+08:00' }));
    // 2. Analysed and re-scored: the derived priority moves from P3 to P1.
    let csv = set(set(set(CSV_EXPORT, 'status', 'analyzing'), 'importance', '4'), 'urgency', '5');
    repo.write('requirements/REQ-2026-001 导出.md', requirementFile(csv));
    repo.write(
      'requirements/需求-2026-002-门店补货.md',
      requirementFile(['id: 需求-2026-002', 'title: 门店补货预警', 'type: 功能', 'status: 分析中']),
    );
    h.push(repo.commitAll('Analyse', { author: ZHANG, date: '2026-01-12T14:30:00+08:00' }));
    // 3. The customer background only: a section change.
    repo.write('requirements/REQ-2026-001 导出.md', requirementFile(csv, '## Background\n\nMore detail from the call.\n'));
    h.push(repo.commitAll('Notes from the call', { author: ADA, date: '2026-01-15T10:00:00+08:00' }));
    // 4. Moved and renamed, nothing else.
    mkdirSync(path.join(repo.dir, 'requirements', '归档'));
    repo.git(['mv', 'requirements/REQ-2026-001 导出.md', 'requirements/归档/REQ-2026-001.md']);
    h.push(repo.commitAll('Archive', { author: ZHANG, date: '2026-01-20T10:00:00+08:00' }));
    // 5. Declined, with the reason.
    csv = [...csv, 'strategy: declined', 'decline_reason: the meter firmware cannot export'];
    repo.write('requirements/归档/REQ-2026-001.md', requirementFile(csv, '## Background\n\nMore detail from the call.\n'));
    h.push(repo.commitAll('Decline REQ-2026-001', { author: ADA, date: '2026-02-01T16:00:00+08:00' }));
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('the table: one line per change, aligned by display width, through the rename', async () => {
    const out = io(repo.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001'], out), 0);
    const s = (i: number) => h[i]!.slice(0, 7);
    const pad = ' '.repeat(10 + 2 + 7 + 2 + 12 + 2);
    assert.deepEqual(out.stdout.join('\n').split('\n'), [
      `2026-01-05  ${s(0)}  Ada Lovelace  created requirements/REQ-2026-001 导出.md`,
      `${pad}status: new`,
      `${pad}priority: P3`,
      `${pad}scores.importance: 3`,
      `${pad}scores.urgency: 2`,
      `${pad}type: functional`,
      `${pad}title: Export readings as CSV`,
      `${pad}id: REQ-2026-001`,
      `${pad}… essential sections written: 1 of 4`,
      `2026-01-12  ${s(1)}  张三          status: new → analyzing`,
      `${pad}priority: P3 → P1`,
      `${pad}scores.importance: 3 → 4`,
      `${pad}scores.urgency: 2 → 5`,
      `2026-01-15  ${s(2)}  Ada Lovelace  section Customer background (客户背景): "The customer asked for it." → "More detail from the call."`,
      `2026-01-20  ${s(3)}  张三          renamed requirements/REQ-2026-001 导出.md → requirements/归档/REQ-2026-001.md`,
      `2026-02-01  ${s(4)}  Ada Lovelace  strategy: (none) → declined`,
      `${pad}decline_reason: (none) → the meter firmware cannot export`,
    ]);
    assert.deepEqual(out.stderr, []);
  });

  it('in Chinese, for a record written with Chinese values under a Chinese file name', async () => {
    const out = io(repo.dir);
    assert.equal(await runCli(['history', '需求-2026-002', '--lang', 'zh-cn'], out), 0);
    const pad = ' '.repeat(10 + 2 + 7 + 2 + 12 + 2);
    assert.deepEqual(out.stdout.join('\n').split('\n'), [
      `2026-01-05  ${h[0]!.slice(0, 7)}  Ada Lovelace  创建 requirements/需求-2026-002-门店补货.md`,
      `${pad}status: new`,
      `${pad}type: functional`,
      `${pad}title: 门店补货预警`,
      `${pad}id: 需求-2026-002`,
      `${pad}……已填写要素 1/4`,
      `2026-01-12  ${h[1]!.slice(0, 7)}  张三          status: new → analyzing`,
    ]);
  });

  it('JSON: the documented shape, absent values as null', async () => {
    const out = io(repo.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001', '--format', 'json'], out), 0);
    const json = JSON.parse(out.stdout.join('\n'));
    assert.deepEqual(Object.keys(json), ['version', 'id', 'file', 'events']);
    assert.equal(json.version, 1);
    assert.equal(json.id, 'REQ-2026-001');
    assert.equal(json.file, 'requirements/归档/REQ-2026-001.md');
    assert.deepEqual(
      json.events.map((e: { commit: string }) => e.commit),
      [h[0], h[1], h[2], h[3], h[4]],
    );
    assert.deepEqual(json.events[3], {
      commit: h[3],
      author: '张三',
      date: '2026-01-20T10:00:00+08:00',
      path: 'requirements/归档/REQ-2026-001.md',
      fileEvents: ['renamed'],
      renamedFrom: 'requirements/REQ-2026-001 导出.md',
      changes: [],
    });
    assert.deepEqual(json.events[4], {
      commit: h[4],
      author: 'Ada Lovelace',
      date: '2026-02-01T16:00:00+08:00',
      path: 'requirements/归档/REQ-2026-001.md',
      fileEvents: [],
      changes: [
        { field: 'strategy', from: null, to: 'declined' },
        { field: 'decline_reason', from: null, to: 'the meter firmware cannot export' },
      ],
    });
    assert.deepEqual(json.events[0].changes[1], { field: 'priority', from: null, to: 'P3' });
    assert.deepEqual(json.events[2].sections, [
      { section: 'background', from: 'The customer asked for it.', to: 'More detail from the call.' },
    ]);
    assert.deepEqual(json.events[2].changes, []);
  });

  it('Markdown: one row per commit', async () => {
    const out = io(repo.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001', '--format', 'md'], out), 0);
    const lines = out.stdout.join('\n').split('\n');
    assert.deepEqual(lines.slice(0, 2), ['| Date | Commit | Author | Changes |', '|---|---|---|---|']);
    assert.equal(lines.length, 7);
    assert.equal(
      lines[3],
      `| 2026-01-12 | ${h[1]!.slice(0, 7)} | 张三 | status: new → analyzing<br>priority: P3 → P1<br>scores.importance: 3 → 4<br>scores.urgency: 2 → 5 |`,
    );
  });

  it('an unknown ID, a wrong format and a missing ID are usage problems (exit 2)', async () => {
    const unknown = io(repo.dir);
    assert.equal(await runCli(['history', 'REQ-2026-011'], unknown), 2);
    assert.deepEqual(unknown.stderr, ['reqdesk: unknown ID REQ-2026-011; did you mean REQ-2026-001?']);
    const zh = io(repo.dir, 'zh_CN.UTF-8');
    assert.equal(await runCli(['history', 'REQ-2099-500'], zh), 2);
    assert.deepEqual(zh.stderr, ['reqdesk: 未找到编号 REQ-2099-500']);
    const format = io(repo.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001', '--format', 'csv'], format), 2);
    assert.match(format.stderr[0]!, /^reqdesk: --format must be one of: table, json, md \(got "csv"\)/);
    const none = io(repo.dir);
    assert.equal(await runCli(['history'], none), 2);
    assert.match(none.stderr[0]!, /^reqdesk: history takes one requirement ID/);
  });

  it('not a repository, or no git: a clear message and exit 2', async () => {
    const plain = path.join(tmp, 'plain');
    mkdirSync(path.join(plain, 'requirements'), { recursive: true });
    writeFileSync(path.join(plain, 'requirements', 'REQ-2026-001.md'), requirementFile(CSV_EXPORT));
    const out = io(plain);
    assert.equal(await runCli(['history', 'REQ-2026-001'], out), 2);
    assert.deepEqual(out.stderr, [`reqdesk: ${plain} is not in a git repository: there is no history to show.`]);
    const missing = io(repo.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001', '--git', path.join(tmp, 'no-such-git')], missing), 2);
    assert.match(missing.stderr.join('\n'), /git was not found/);
  });

  it('a repository with no commits: no history yet (exit 0), an empty JSON list', async () => {
    const empty = initRepo(tmp, 'empty');
    empty.write('requirements/REQ-2026-001.md', requirementFile(CSV_EXPORT));
    const out = io(empty.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001'], out), 0);
    assert.deepEqual(out.stdout, ['REQ-2026-001 (requirements/REQ-2026-001.md) has no committed history yet.']);
    const json = io(empty.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001', '--format', 'json'], json), 0);
    assert.deepEqual(JSON.parse(json.stdout.join('\n')), {
      version: 1,
      id: 'REQ-2026-001',
      file: 'requirements/REQ-2026-001.md',
      events: [],
    });
  });

  it('an edit of 期望目标 alone: who and when, an excerpt in the table and Markdown, the whole text in JSON', async () => {
    const goal = initRepo(tmp, 'goal');
    const front = ['id: 需求-2026-010', 'title: 门店补货预警', 'type: 功能', 'status: 分析中'];
    const body = (target: string) => `# 门店补货预警\n\n## 需求描述\n\n门店库存低于安全库存时提醒店长。\n\n## 期望目标\n\n${target}\n`;
    const before = '缺货率从 6% 降到 2% 以下。';
    const after = '缺货率从 6% 降到 1% 以下，补货建议每天 8:30 前送达每位店长的手机，节假日前一天提前到 7:30。';
    goal.write('requirements/需求-2026-010.md', requirementFile(front, body(before)));
    const first = goal.commitAll('需求-2026-010', { author: ADA, date: '2026-03-02T09:00:00+08:00' });
    // Line endings and trailing blanks only: no entry.
    goal.write('requirements/需求-2026-010.md', requirementFile(front, body(`${before}   `)).replace(/\n/g, '\r\n'));
    goal.commitAll('CRLF', { author: ADA, date: '2026-03-03T09:00:00+08:00' });
    goal.write('requirements/需求-2026-010.md', requirementFile(front, body(after)));
    const edit = goal.commitAll('目标更具体', { author: ZHANG, date: '2026-03-09T15:20:00+08:00' });

    const table = io(goal.dir);
    assert.equal(await runCli(['history', '需求-2026-010'], table), 0);
    const lines = table.stdout.join('\n').split('\n');
    assert.equal(lines.filter((l) => /^\d{4}-/.test(l)).length, 2, 'the CRLF commit gives no entry');
    assert.equal(
      lines.at(-1),
      `2026-03-09  ${edit.slice(0, 7)}  张三          section Expected goal (期望目标): "…从 6% 降到 2% 以下。" → "…从 6% 降到 1% 以下，补货建议每天 8:30 前…"`,
    );

    const zh = io(goal.dir);
    assert.equal(await runCli(['history', '需求-2026-010', '--lang', 'zh-cn'], zh), 0);
    assert.match(
      zh.stdout.join('\n').split('\n').at(-1)!,
      /^2026-03-09 {2}\w{7} {2}张三 {10}要素 期望目标："…从 6% 降到 2% 以下。" → "…从 6% 降到 1% 以下，补货建议每天 8:30 前…"$/,
    );

    const md = io(goal.dir);
    assert.equal(await runCli(['history', '需求-2026-010', '--format', 'md'], md), 0);
    assert.equal(
      md.stdout.join('\n').split('\n').at(-1),
      `| 2026-03-09 | ${edit.slice(0, 7)} | 张三 | section Expected goal (期望目标): "…从 6% 降到 2% 以下。" → "…从 6% 降到 1% 以下，补货建议每天 8:30 前…" |`,
    );

    const json = io(goal.dir);
    assert.equal(await runCli(['history', '需求-2026-010', '--format', 'json'], json), 0);
    const events = JSON.parse(json.stdout.join('\n')).events;
    assert.deepEqual(
      events.map((e: { commit: string }) => e.commit),
      [first, edit],
    );
    assert.deepEqual(events[0].sections, [
      { section: 'description', from: null, to: '门店库存低于安全库存时提醒店长。' },
      { section: 'goal', from: null, to: before },
    ]);
    assert.deepEqual(events[1], {
      commit: edit,
      author: '张三',
      date: '2026-03-09T15:20:00+08:00',
      path: 'requirements/需求-2026-010.md',
      fileEvents: [],
      changes: [],
      sections: [{ section: 'goal', from: before, to: after }],
    });
  });

  it('--root: a workspace folder below the repository root', async () => {
    const outer = initRepo(tmp, 'outer');
    outer.write('product/requirements/REQ-2026-001.md', requirementFile(CSV_EXPORT));
    const first = outer.commitAll('Add', { author: ADA, date: '2026-03-01T09:00:00+08:00' });
    const out = io(outer.dir);
    assert.equal(await runCli(['history', 'REQ-2026-001', '--root', 'product', '--format', 'json'], out), 0);
    const json = JSON.parse(out.stdout.join('\n'));
    assert.equal(json.file, 'requirements/REQ-2026-001.md');
    assert.deepEqual(
      json.events.map((e: { commit: string; path: string }) => [e.commit, e.path]),
      [[first, 'product/requirements/REQ-2026-001.md']],
    );
  });
});

describe('git: file history reader', function () {
  this.timeout(60_000);
  isolateProcessEnv();
  const tmp = tempDirForSuite('reqdesk-filehistory-');

  it('one commit; a path never committed; a repository with no commits', async () => {
    const repo = initRepo(tmp.dir, 'one');
    repo.write('r/a.md', requirementFile(CSV_EXPORT));
    const c = repo.commitAll('one', { author: ADA, date: '2026-01-05T09:00:00+08:00' });
    const versions = await fileVersions('git', repo.dir, 'r/a.md');
    assert.deepEqual(versions, [
      { commit: c, author: 'Ada Lovelace', date: '2026-01-05T09:00:00+08:00', path: 'r/a.md', text: requirementFile(CSV_EXPORT) },
    ]);
    assert.deepEqual(await fileVersions('git', repo.dir, 'r/never.md'), []);
    const empty = initRepo(tmp.dir, 'none');
    assert.deepEqual(await fileVersions('git', empty.dir, 'r/a.md'), []);
  });

  it('a deletion and the file added again; glob characters in the name are literal', async () => {
    const repo = initRepo(tmp.dir, 'readd');
    const name = 'r/[draft] *a*.md';
    // Matches the name read as a glob, and is edited on its own below: it must never show up.
    const lookalike = 'r/d xay.md';
    repo.write(name, requirementFile(CSV_EXPORT));
    repo.write(lookalike, 'meeting notes\n');
    const c1 = repo.commitAll('add', { author: ADA, date: '2026-01-05T09:00:00+08:00' });
    repo.git(['rm', '-q', '--', name]);
    const c2 = repo.commitAll('remove', { author: ZHANG, date: '2026-01-06T09:00:00+08:00' });
    repo.write(name, requirementFile(set(CSV_EXPORT, 'status', 'planned')));
    const c3 = repo.commitAll('back', { author: ADA, date: '2026-01-07T09:00:00+08:00' });
    repo.write(lookalike, 'more meeting notes\n');
    repo.commitAll('notes', { author: ZHANG, date: '2026-01-08T09:00:00+08:00' });
    const entries = await historyOfId('git', repo.dir, name);
    assert.deepEqual(
      entries.map((e) => [e.commit, e.fileEvents, e.changes.find((c) => c.field === 'status')?.to]),
      [
        [c1, ['created'], 'new'],
        [c2, ['deleted'], undefined],
        [c3, ['restored'], 'planned'],
      ],
    );
  });

  it('a requirement copied from another begins its own history at the copy', async () => {
    const repo = initRepo(tmp.dir, 'copy');
    repo.write('r/a.md', requirementFile(CSV_EXPORT));
    repo.commitAll('first', { author: ADA, date: '2026-01-05T09:00:00+08:00' });
    repo.write('r/a.md', requirementFile(set(CSV_EXPORT, 'status', 'planned')));
    repo.commitAll('plan', { author: ADA, date: '2026-01-06T09:00:00+08:00' });
    repo.write('r/b.md', requirementFile(set(set(CSV_EXPORT, 'id', 'REQ-2026-002'), 'title', 'Export readings as XLSX')));
    const copy = repo.commitAll('second, from the first', { author: ZHANG, date: '2026-01-07T09:00:00+08:00' });
    const versions = await fileVersions('git', repo.dir, 'r/b.md');
    assert.deepEqual(
      versions.map((v) => [v.commit, v.path]),
      [[copy, 'r/b.md']],
    );
  });

  it('merges: the first-parent line, the merge carrying what its branch changed', async () => {
    const repo = initRepo(tmp.dir, 'merge');
    repo.write('r/a.md', requirementFile(CSV_EXPORT));
    const base = repo.commitAll('base', { author: ADA, date: '2026-01-05T09:00:00+08:00' });
    repo.git(['checkout', '-q', '-b', 'side']);
    repo.write('r/a.md', requirementFile(set(CSV_EXPORT, 'status', 'planned')));
    repo.commitAll('side: planned', { author: ZHANG, date: '2026-01-06T09:00:00+08:00' });
    repo.git(['checkout', '-q', 'main']);
    repo.write('r/other.md', 'unrelated\n');
    repo.commitAll('unrelated', { author: ADA, date: '2026-01-07T09:00:00+08:00' });
    repo.git(['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], { author: ADA, date: '2026-01-08T09:00:00+08:00' });
    const merge = repo.git(['rev-parse', 'HEAD']).trim();
    const entries = await historyOfId('git', repo.dir, 'r/a.md');
    assert.deepEqual(
      entries.map((e) => [e.commit, e.author, e.changes.map((c) => `${c.field}: ${String(c.from)} → ${String(c.to)}`)]),
      [
        [
          base,
          'Ada Lovelace',
          [
            'status: undefined → new',
            'priority: undefined → P3',
            'scores.importance: undefined → 3',
            'scores.urgency: undefined → 2',
            'type: undefined → functional',
            'title: undefined → Export readings as CSV',
            'id: undefined → REQ-2026-001',
          ],
        ],
        [merge, 'Ada Lovelace', ['status: new → planned']],
      ],
    );
  });

  it('a file that is not a requirement at some commit: unreadable there, not a failure', async () => {
    const repo = initRepo(tmp.dir, 'broken');
    repo.write('r/a.md', requirementFile(CSV_EXPORT));
    repo.commitAll('ok', { author: ADA, date: '2026-01-05T09:00:00+08:00' });
    repo.write('r/a.md', 'status: [oops\n');
    const broken = repo.commitAll('broken', { author: ZHANG, date: '2026-01-06T09:00:00+08:00' });
    repo.write('r/a.md', requirementFile(set(CSV_EXPORT, 'status', 'planned')));
    const fixed = repo.commitAll('fixed', { author: ADA, date: '2026-01-07T09:00:00+08:00' });
    const entries = await historyOfId('git', repo.dir, 'r/a.md');
    assert.deepEqual(
      entries.slice(1).map((e) => [e.commit, e.fileEvents, e.unreadable, e.changes.length]),
      [
        [broken, ['unreadable'], 'no-front-matter', 0],
        [fixed, ['readable'], undefined, 1],
      ],
    );
  });

  it('parseBatch: contents with multi-byte characters and a missing object', () => {
    const body = Buffer.from('状态\n', 'utf8');
    const out = Buffer.concat([Buffer.from(`${'a'.repeat(40)} blob ${body.length}\n`), body, Buffer.from(`\n${'b'.repeat(40)} missing\n`)]);
    const blobs = parseBatch(out);
    assert.deepEqual([...blobs.keys()], ['a'.repeat(40)]);
    assert.equal(Buffer.from(blobs.get('a'.repeat(40))!).toString('utf8'), '状态\n');
  });
});

describe('history of the examples’ git demo', function () {
  this.timeout(60_000);
  isolateProcessEnv();
  const demo = gitDemoForSuite('reqdesk-history-demo-');

  it('需求-2024-001: its status, its tasks, and what its closing added, one line per commit as the Requirements view shows it', async () => {
    const entries = await historyOfId('git', demo.repo, 'requirements/需求-2024-001-能耗监控.md');
    const labels = (lang: 'en' | 'zh-cn') =>
      [...entries].reverse().map((e) => {
        const lines = describeHistoryEntry(e, lang);
        return [e.fileEvents.length > 0 ? lines[0] : lines.join('; '), e.author];
      });
    for (const lang of ['en', 'zh-cn'] as const) {
      const t = historyWords(lang);
      assert.deepEqual(labels(lang), [
        [
          [
            'status: delivered → closed',
            t.added('feedback[0]', '{date: 2024-04-06, satisfaction: 4, note: 看板已在三个车间使用，希望增加数据导出格…}'),
            t.added(
              'changes[0]',
              '{date: 2024-04-07, request: 增加 CSV 导出（拆分为 REQ-2024-003 单独…, decision: approved, decided: 2024-04-08, implemented: 2024-04-12, ref: REQ-2024-003, fed_back: 2024-04-15}',
            ),
            `outcome.degree: ${t.none} → partial`,
            `outcome.measured: ${t.none} → 6 个月能耗成本降低 12.4%；功率异常平均 4 分钟内在手机端可见`,
            `outcome.note: ${t.none} → 2012 年前的 6 台空压机加装网关后再评估`,
            `lessons: ${t.none} → 复用现有采集模块，接口开发比估算少用 1 天；采集网关应在访谈当周下单，到货等了 4 天`,
          ].join('; '),
          '王五',
        ],
        ['status: in-progress → delivered', '张三'],
        ['status: analyzing → in-progress; tasks[T1].status: todo → done; tasks[T2].status: todo → done', '王五'],
        [t.created('requirements/需求-2024-001-能耗监控.md'), '张三'],
      ]);
    }
    // A new file lists the fields that place it in the workflow and counts the rest; JSON has them all.
    const created = describeHistoryEntry(entries[0]!, 'en');
    assert.ok(created.includes('status: analyzing'));
    assert.ok(!created.some((line) => line.startsWith('tasks[T2]')));
    assert.match(created.at(-1)!, /^… more fields: \d+; essential sections written: 4 of 4$/);
    assert.ok(entries[0]!.changes.some((c) => c.field === 'tasks[T2]'));
    assert.equal(entries[0]!.sections?.find((c) => c.section === 'goal')?.to?.startsWith('6 个月内能耗成本降低 15%'), true);
  });
});
