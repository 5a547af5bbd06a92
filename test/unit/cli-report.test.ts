// `reqdesk report` on a real repository made in the temporary folder (the fixture records with a
// history of their own), outside any repository, and with wrong arguments.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import { REPO_ROOT } from './support';
import { isolateProcessEnv } from '../support/gitEnv';
import { git as runGit } from '../support/gitRepo';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/reports/requirements');
const SCAN = 'requirements/REQ-2026-001-scan-pallets.md';

function io(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env: { LANG: 'en_US.UTF-8' }, stdout, stderr };
}

describe('cli: report', function () {
  this.timeout(60_000);
  let tmp: string;
  let repo: string;
  let plain: string;
  const NOW = new Date(2026, 3, 10, 12, 0, 0); // 2026-04-10, local time

  function git(args: string[], date = '2026-01-05T10:00:00+08:00'): string {
    return runGit(repo, args, { author: { name: 'Ada', email: 'ada@example.com' }, date });
  }
  isolateProcessEnv();

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-report-'));
    plain = path.join(tmp, 'plain');
    cpSync(FIXTURE, path.join(plain, 'requirements'), { recursive: true });
    repo = path.join(tmp, 'repo');
    cpSync(FIXTURE, path.join(repo, 'requirements'), { recursive: true });
    // REQ-2026-001 is collected as new, then delivered on 2026-02-25 by a commit that names it.
    const final = readFileSync(path.join(repo, SCAN), 'utf8');
    writeFileSync(path.join(repo, SCAN), final.replace('status: delivered', 'status: new'));
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'Collect the requirements']);
    writeFileSync(path.join(repo, SCAN), final);
    git(['commit', '-q', '-am', 'Deliver pallet scanning\n\nCloses REQ-2026-001'], '2026-02-25T18:00:00+08:00');
  });

  after(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reads commits and history in a repository: delivery dated, coverage counted', async () => {
    const out = io(repo);
    assert.equal(await runCli(['report', 'implementation', '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json'], out, NOW), 0);
    const json = JSON.parse(out.stdout.join('\n')) as {
      version: number;
      missing: object;
      counted: number;
      skipped: Array<{ file: string }>;
      figures: { total: object; coverage: { finished: number; withCommits: number } };
    };
    assert.equal(json.version, 1);
    assert.deepEqual(json.missing, {});
    assert.equal(json.counted, 5);
    assert.deepEqual(
      json.skipped.map((s) => s.file),
      ['requirements/REQ-2026-005-has-errors.md'],
    );
    // REQ-2026-004 was first committed closed: delivered now, but not dated in the period.
    assert.deepEqual(json.figures.total, { planned: 3, delivered: 2, deliveredInPeriod: 1, onTime: 1 });
    assert.deepEqual(json.figures.coverage, {
      finished: 2,
      withCommits: 1,
      without: [{ file: 'requirements/REQ-2026-004-volume-discount.md', id: 'REQ-2026-004', title: 'Volume discount' }],
    });
    assert.deepEqual(out.stderr, ['reqdesk: 1 record has errors and was left out; the report names it.']);
  });

  it('reads the expected goal of the records that measured an effect: the degree met and the effects in JSON and Markdown', async () => {
    const json = io(plain);
    assert.equal(
      await runCli(['report', 'implementation', '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json'], json, NOW),
      0,
    );
    const figures = (JSON.parse(json.stdout.join('\n')) as { figures: { degree: { total: object }; effects: object[] } }).figures;
    assert.deepEqual(figures.degree.total, { full: 1, partial: 1, alternative: 0, declined: 0, none: 0, total: 2 });
    const goal = 'Goods-in takes under 12 minutes per truck.';
    assert.deepEqual(figures.effects, [
      {
        requirement: { file: SCAN, id: 'REQ-2026-001', title: 'Scan pallets at the dock' },
        degree: 'full',
        goal,
        measured: '11 minutes per truck | at peak',
      },
      {
        requirement: { file: 'requirements/REQ-2026-004-volume-discount.md', id: 'REQ-2026-004', title: 'Volume discount' },
        degree: 'partial',
        goal,
        measured: 8,
        note: '8 % instead of 10 %',
      },
    ]);
    const md = io(plain);
    assert.equal(await runCli(['report', 'implementation', '--from', '2026-01-01', '--to', '2026-03-31', '--lang', 'zh-CN'], md, NOW), 0);
    assert.match(
      md.stdout.join('\n'),
      /\| REQ-2026-004 Volume discount \| 部分满足 \| Goods-in takes under 12 minutes per truck\. \| 8（8 % instead of 10 %） \|/,
    );
  });

  it('writes Markdown to --out, in Chinese with --lang zh-CN', async () => {
    const out = io(repo);
    const file = path.join(tmp, 'reports', 'process.md');
    assert.equal(
      await runCli(['report', 'process', '--from', '2026-01-01', '--to', '2026-03-31', '--lang', 'zh-CN', '--out', file], out, NOW),
      0,
    );
    const md = readFileSync(file, 'utf8');
    assert.ok(
      md.startsWith('# 需求管理过程评估报告（2026-01-01 至 2026-03-31）\n\n数据截至 2026-04-10，基于 5 个需求。\n'),
      md.slice(0, 120),
    );
    assert.match(md, /\| 提交 → 交付 \| 1 \| 51 \| 51 \| 51 \|/);
    assert.match(md, /- requirements\/REQ-2026-005-has-errors\.md（REQ-2026-005）：/);
    assert.deepEqual(out.stdout, []);
  });

  it('outside a repository: says which figures it could not compute; the default period is this quarter', async () => {
    const out = io(plain);
    assert.equal(await runCli(['report', 'implementation'], out, NOW), 0);
    const md = out.stdout.join('\n');
    assert.ok(md.startsWith('# Requirement implementation report — 2026-04-01 to 2026-06-30\n'), md.slice(0, 80));
    assert.match(
      md,
      /Not computed: delivered in the period and on time — they need the git history of the requirement files, and the folder is not in a git repository\./,
    );
  });

  it('refuses a wrong report, period or format with the usage', async () => {
    for (const [args, message] of [
      [['report', 'quality'], 'report takes one of: implementation, process, satisfaction, weekly'],
      [['report', 'process', '--from', '2026-02-30'], '--from takes a date YYYY-MM-DD (got "2026-02-30")'],
      [['report', 'process', '--from', '2026-03-01', '--to', '2026-02-01'], 'the period ends before it starts (2026-03-01 to 2026-02-01)'],
      [['report', 'process', '--period', 'decade'], '--period takes one of: this-quarter, last-quarter, this-year, last-year'],
      [['report', 'process', '--format', 'pdf'], '--format must be one of: md, json (got "pdf")'],
    ] as const) {
      const out = io(plain);
      assert.equal(await runCli([...args], out, NOW), 2, args.join(' '));
      assert.ok(out.stderr[0]!.startsWith(`reqdesk: ${message}\n`), out.stderr[0]);
    }
  });
});
