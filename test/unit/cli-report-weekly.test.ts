// `reqdesk report weekly` on a real repository made in the temporary folder (the weekly fixture, one
// task marked done by a later commit), outside any repository, in both languages, and with wrong
// week arguments.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import { REPO_ROOT } from './support';
import { isolateProcessEnv } from '../support/gitEnv';
import { git as runGit } from '../support/gitRepo';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/weekly/requirements');
const SCANNING = 'requirements/REQ-2026-101-pallet-scanning.md';

function io(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env: { LANG: 'en_US.UTF-8' }, stdout, stderr };
}

interface WeeklyJson {
  version: number;
  kind: string;
  range: { from: string; to: string };
  today: string;
  missing: object;
  figures: {
    week: string;
    doneRule: string;
    done: Array<{ requirement: { id: string }; task: string; on: string; datedBy: string }>;
    total: object;
  };
}

describe('cli: report weekly', function () {
  this.timeout(60_000);
  let tmp: string;
  let repo: string;
  let plain: string;
  const THURSDAY = new Date(2026, 2, 12, 12, 0, 0); // 2026-03-12, local time

  function git(args: string[], date: string): string {
    return runGit(repo, args, { author: { name: 'Ada', email: 'ada@example.com' }, date });
  }
  isolateProcessEnv();

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-weekly-'));
    plain = path.join(tmp, 'plain');
    cpSync(FIXTURE, path.join(plain, 'requirements'), { recursive: true });
    repo = path.join(tmp, 'repo');
    cpSync(FIXTURE, path.join(repo, 'requirements'), { recursive: true });
    // The label format (T1) is in progress when the plan is committed, and marked done on Tuesday.
    const final = readFileSync(path.join(repo, SCANNING), 'utf8');
    const before = final.replace(/(title: Label format\n(?:    .*\n)*?    status: )done/, '$1doing');
    assert.notEqual(before, final);
    writeFileSync(path.join(repo, SCANNING), before);
    git(['init', '-q', '-b', 'main'], '2026-03-02T09:00:00+08:00');
    git(['add', '-A'], '2026-03-02T09:00:00+08:00');
    git(['commit', '-q', '-m', 'Plan the pallet scanning'], '2026-03-02T09:00:00+08:00');
    writeFileSync(path.join(repo, SCANNING), final);
    git(['commit', '-q', '-am', 'Label format done (REQ-2026-101)'], '2026-03-10T17:30:00+08:00');
  });

  after(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('dates done tasks by the commit that marked them done, else by their schedule (JSON)', async () => {
    const out = io(repo);
    assert.equal(await runCli(['report', 'weekly', '--week', '2026-W11', '--format', 'json'], out, THURSDAY), 0);
    const json = JSON.parse(out.stdout.join('\n')) as WeeklyJson;
    assert.equal(json.version, 1);
    assert.equal(json.kind, 'weekly');
    assert.deepEqual(json.range, { from: '2026-03-09', to: '2026-03-15' });
    assert.equal(json.today, '2026-03-12');
    assert.deepEqual(json.missing, {});
    assert.equal(json.figures.week, '2026-W11');
    assert.equal(json.figures.doneRule, 'commit');
    // T2 was first committed already done: its completion is not in the history, its schedule dates it.
    assert.deepEqual(
      json.figures.done.map((d) => [d.requirement.id, d.task, d.on, d.datedBy]),
      [
        ['REQ-2026-101', 'T1', '2026-03-10', 'commit'],
        ['REQ-2026-101', 'T2', '2026-03-11', 'schedule'],
        ['REQ-2026-102', 'T2', '2026-03-12', 'schedule'],
      ],
    );
    assert.deepEqual(json.figures.total, { done: 3, started: 2, late: 1, promises: { kept: 2, open: 3, late: 1 } });
    assert.deepEqual(out.stderr, ['reqdesk: 1 record has errors and was left out; the report names it.']);
  });

  it('defaults to this week, and writes Markdown in Chinese to --out', async () => {
    const out = io(repo);
    assert.equal(await runCli(['report', 'weekly'], out, THURSDAY), 0);
    const md = out.stdout.join('\n');
    assert.ok(md.startsWith('# Weekly progress report — 2026-03-09 to 2026-03-15\n\nFigures as of 2026-03-12, from 4 requirements.\n'), md);
    assert.match(md, /\| REQ-2026-101 \| T1 Label format \| Bo \| 2026-03-10 \| Commit \|/);

    const zh = io(repo);
    const file = path.join(tmp, 'reports', 'weekly.md');
    assert.equal(await runCli(['report', 'weekly', '--week', 'last', '--lang', 'zh-CN', '--out', file], zh, THURSDAY), 0);
    const text = readFileSync(file, 'utf8');
    assert.ok(
      text.startsWith('# 进度周报（2026-03-02 至 2026-03-08）\n\n数据截至 2026-03-12，基于 4 个需求。\n\n## 概要\n\n2026-W10 周：'),
      text,
    );
    assert.deepEqual(zh.stdout, []);
  });

  it('outside a repository: dates done tasks by their schedule and says why', async () => {
    const out = io(plain);
    assert.equal(await runCli(['report', 'weekly', '--from', '2026-03-09', '--to', '2026-03-15'], out, THURSDAY), 0);
    const md = out.stdout.join('\n');
    assert.match(
      md,
      /> Not dated by commits — that needs the git history of the requirement files, and the folder is not in a git repository\./,
    );
    assert.match(md, /\| REQ-2026-101 \| T2 Scanner app \| Ada \| 2026-03-11 \| Scheduled end \|/);
    assert.doesNotMatch(md, /T1 Label format \| Bo \| 2026-03-10/);
  });

  it('refuses a wrong week, a week with dates, --period for a week and --week for the others', async () => {
    for (const [args, message] of [
      [['report', 'weekly', '--week', '2025-W53'], '--week takes this, last, next or a week YYYY-Www (got "2025-W53")'],
      [['report', 'weekly', '--week', 'last', '--from', '2026-03-01'], 'give --week or --from/--to, not both'],
      [['report', 'weekly', '--period', 'this-quarter'], 'the weekly report takes --week, not --period'],
      [['report', 'process', '--week', 'last'], '--week is for the weekly report; the others take --period'],
      [['report', 'weekly', '--from', '2026-03-16', '--to', '2026-03-15'], 'the period ends before it starts (2026-03-16 to 2026-03-15)'],
    ] as const) {
      const out = io(plain);
      assert.equal(await runCli([...args], out, THURSDAY), 2, args.join(' '));
      assert.ok(out.stderr[0]!.startsWith(`reqdesk: ${message}\n`), out.stderr[0]);
    }
    const zh = io(plain);
    assert.equal(await runCli(['report', 'weekly', '--week', 'soon', '--lang', 'zh-CN'], zh, THURSDAY), 2);
    assert.ok(zh.stderr[0]!.startsWith('reqdesk: --week 需要 this、last、next 或 YYYY-Www 格式的周（收到 "soon"）\n'), zh.stderr[0]);
  });

  it('names the weekly report in the help, in both languages', async () => {
    for (const [lang, words] of [
      ['en', '(weekly: tasks done, started and late, promises due, per requirement'],
      ['zh-CN', '（weekly：进度周报，按需求和负责人列出'],
    ] as const) {
      const out = io(plain);
      assert.equal(await runCli(['--help', '--lang', lang], out, THURSDAY), 0);
      const help = out.stdout.join('\n');
      assert.match(help, /reqdesk report <implementation\|process\|satisfaction\|weekly>/);
      assert.ok(help.includes('[--week this|last|next|YYYY-Www]'), help);
      assert.ok(help.includes(words), help);
    }
  });
});
