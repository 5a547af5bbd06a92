// `reqdesk trace` on a real repository: the examples with the history their script builds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import { ESSENTIALS_BODY } from '../fixtures/essentialsBody';
import { gitDemoForSuite } from './support';
import { isolatedEnv } from '../support/gitEnv';
import { git } from '../support/gitRepo';

function io(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  // The user's git configuration must not change what git prints.
  const env = isolatedEnv({ LANG: 'en_US.UTF-8', LC_ALL: '' });
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env, stdout, stderr };
}

describe('cli: trace', function () {
  this.timeout(60_000);
  const demo = gitDemoForSuite('reqdesk-trace-');

  it("prints the expected table for the examples' history", async () => {
    const out = io(demo.repo);
    assert.equal(await runCli(['trace', '--no-cache'], out), 0);
    // Hashes depend on the examples' bytes; each is checked against git by its subject instead.
    const hashOf = (subject: string) =>
      git(demo.repo, ['log', '--format=%h%x00%s'])
        .split('\n')
        .find((l) => l.split('\0')[1] === subject)
        ?.split('\0')[0];
    const lines = out.stdout.join('\n').split('\n');
    for (const line of lines) {
      const [, hash, subject] = /^\S+(?: \?)?\s+([0-9a-f]{7})  \S+  .{10}  (.*)$/.exec(line) ?? [];
      assert.ok(hash && subject, line);
      assert.equal(hash, hashOf(subject), subject);
    }
    assert.deepEqual(
      lines.map((l) => l.replace(/  [0-9a-f]{7}  /, '  #######  ')),
      [
        'REQ-2024-003    #######  2024-04-12  implements  feat(export): CSV export of hourly readings',
        'REQ-2024-006    #######  2024-09-13              docs: record the 华美超市 licence discount outcome (REQ-2024-006)',
        'REQ-2025-004    #######  2025-03-07  refs        fix: CSV export encoding',
        'REQ-2025-007    #######  2025-09-05              feat(auth): SAML SSO for Northwind (REQ-2025-007)',
        'REQ-2025-999 ?  #######  2025-03-11              fix: 夜间工单升级改为电话外呼 (REQ-2025-999)',
        'REQ-2026-001    #######  2026-11-20              docs: 11 月需求评审，新增 需求-2026-001、需求-2026-003、REQ-2026-001 等',
        'REQ-2026-003    #######  2026-10-23  refs        perf(dashboard): 1-minute rollups for the 24 h chart',
        '需求-2024-001   #######  2024-03-16              docs: 记录需求-2024-001 访谈结论',
        '需求-2024-001   #######  2024-03-27              feat: 能耗看板 (需求-2024-001)',
        '需求-2024-001   #######  2024-04-02  implements  完成需求-2024-001，待验收',
        '需求-2024-001   #######  2024-04-12              feat(export): CSV export of hourly readings',
        '需求-2024-002   #######  2024-05-08  closes      feat(alerts): 企业微信能耗告警',
        '需求-2025-002   #######  2025-06-20              docs: 质检追溯、手机端审批需求 (需求-2025-002, 需求-2025-003)',
        '需求-2025-003   #######  2025-06-20              docs: 质检追溯、手机端审批需求 (需求-2025-002, 需求-2025-003)',
        '需求-2026-001   #######  2026-11-20              docs: 11 月需求评审，新增 需求-2026-001、需求-2026-003、REQ-2026-001 等',
        '需求-2026-002   #######  2026-10-16              feat(replenishment): 安全库存阈值表 (需求-2026-002)',
        '需求-2026-003   #######  2026-11-20              docs: 11 月需求评审，新增 需求-2026-001、需求-2026-003、REQ-2026-001 等',
      ],
    );
  });

  it('lists every (ID, commit) pair as CSV, unknown IDs marked', async () => {
    const out = io(demo.repo);
    assert.equal(await runCli(['trace', '--format', 'csv', '--no-cache'], out), 0);
    const lines = out.stdout.join('\n').split(/\r?\n/);
    assert.equal(lines[0], 'id,commit,known,verb,date,author,subject');
    const rows = lines.slice(1).map((l) => l.split(','));
    const of = (id: string) => rows.filter((r) => r[0] === id);
    const subjects = (id: string) => lines.filter((l) => l.startsWith(`${id},`)).map((l) => l.split(',').slice(6).join(','));
    assert.ok(subjects('需求-2024-001').includes('feat: 能耗看板 (需求-2024-001)'), subjects('需求-2024-001').join(' | '));
    const done = lines.find((l) => l.startsWith('需求-2024-001,') && l.includes('完成需求-2024-001'));
    assert.ok(done, 'the full-width punctuation commit is linked');
    assert.equal(done.split(',')[3], 'implements');
    assert.deepEqual(
      of('REQ-2025-999').map((r) => r[2]),
      ['false'],
    );
    assert.ok(of('REQ-2025-004').every((r) => r[2] === 'true'));
    assert.ok(rows.every((r) => /^[0-9a-f]{40}$/.test(r[1]!)));
  });

  it('the table and Markdown formats show the same pairs', async () => {
    const csv = io(demo.repo);
    await runCli(['trace', '--format', 'csv', '--no-cache'], csv);
    const pairs = csv.stdout.join('\n').split(/\r?\n/).length - 1;
    const table = io(demo.repo);
    assert.equal(await runCli(['trace', '--no-cache'], table), 0);
    assert.equal(table.stdout.length, pairs);
    const md = io(demo.repo);
    assert.equal(await runCli(['trace', '--format', 'md', '--no-cache'], md), 0);
    assert.equal(md.stdout.join('\n').split('\n').length, pairs + 2);
  });

  it('--gaps --strict fails on a commit that names an unknown ID', async () => {
    const out = io(demo.repo);
    assert.equal(await runCli(['trace', '--gaps', '--strict', '--no-cache'], out), 1);
    assert.match(out.stdout.join('\n'), /REQ-2025-999/);
    const lenient = io(demo.repo);
    assert.equal(await runCli(['trace', '--gaps', '--no-cache'], lenient), 0);
  });

  it('says clearly when there is no repository or no git', async () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-norepo-'));
    try {
      const out = io(plain);
      assert.equal(await runCli(['trace'], out), 2);
      assert.match(out.stderr.join('\n'), /not in a git repository/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    const missing = io(demo.repo);
    assert.equal(await runCli(['trace', '--git', path.join(demo.dir, 'no-such-git')], missing), 2);
    assert.match(missing.stderr.join('\n'), /git was not found/);
  });
});

describe('cli: trace, a commit that names 200,000 IDs', function () {
  this.timeout(120_000);
  let dir: string;
  const ids = Array.from({ length: 200_000 }, (_, i) => `REQ-2026-${String(i + 2).padStart(6, '0')}`);

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-trace-ids-'));
    const env = {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'a',
      GIT_AUTHOR_EMAIL: 'a@b',
      GIT_COMMITTER_NAME: 'a',
      GIT_COMMITTER_EMAIL: 'a@b',
    };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    mkdirSync(path.join(dir, 'requirements'));
    writeFileSync(
      path.join(dir, 'requirements', 'REQ-2026-001.md'),
      `---\nid: REQ-2026-001\ntitle: One\ntype: functional\nstatus: new\nsubmitted: 2026-01-05\n---\n${ESSENTIALS_BODY}`,
    );
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'init');
    writeFileSync(path.join(dir, 'message.txt'), `many IDs\n\n${ids.join(' ')}\n`);
    git('commit', '-q', '--allow-empty', '-F', 'message.txt');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every pair, padded to the longest ID, and --gaps --strict names every unknown ID', async () => {
    const out = io(dir);
    assert.equal(await runCli(['trace', '--no-cache'], out), 0, out.stderr.join('\n'));
    const lines = out.stdout.join('\n').split('\n');
    assert.equal(lines.length, ids.length);
    assert.match(lines[0]!, /^REQ-2026-000002 \?  [0-9a-f]{7}  \d{4}-\d{2}-\d{2} {14}many IDs$/);
    const gaps = io(dir);
    assert.equal(await runCli(['trace', '--no-cache', '--gaps', '--strict', '--format', 'json'], gaps), 1);
    const json = JSON.parse(gaps.stdout.join('\n')) as { gaps: Array<{ kind: string; id: string }> };
    assert.equal(json.gaps.length, ids.length);
    assert.ok(json.gaps.every((g) => g.kind === 'unknown-id'));
  });
});
