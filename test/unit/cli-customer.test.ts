// `reqdesk customers` and `reqdesk customer <name>` on the examples with the history their script
// builds (deliveries and task dates from git, commits naming the IDs), without git, outside a
// repository, and with wrong arguments.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import { gitDemoForSuite, REPO_ROOT } from './support';
import { isolatedEnv } from '../support/gitEnv';
import { git } from '../support/gitRepo';

function io(cwd: string, env: Record<string, string> = {}): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    cwd,
    env: isolatedEnv({ LANG: 'en_US.UTF-8', LC_ALL: '', ...env }),
    stdout,
    stderr,
  };
}

/** 2026-12-07, local time: the examples' promises as of that day. */
const NOW = new Date(2026, 11, 7, 12, 0, 0);

interface CustomerRow {
  name: string;
  tier?: string;
  open: number;
  requirements: number;
  lastContact?: string;
  promises: Record<'kept' | 'late' | 'open' | 'overdue', number>;
}

async function customers(cwd: string, ...args: string[]): Promise<Map<string, CustomerRow>> {
  const out = io(cwd);
  assert.equal(await runCli(['customers', '--format', 'json', ...args], out, NOW), 0, out.stderr.join('\n'));
  const json = JSON.parse(out.stdout.join('\n')) as { version: number; today: string; customers: CustomerRow[] };
  assert.equal(json.version, 1);
  assert.equal(json.today, '2026-12-07');
  return new Map(json.customers.map((c) => [c.name, c]));
}

describe('cli: customers and customer', function () {
  this.timeout(120_000);
  const demo = gitDemoForSuite('reqdesk-customers-');
  let plain: string;

  before(() => {
    plain = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-customers-plain-'));
    cpSync(path.join(REPO_ROOT, 'examples'), plain, { recursive: true });
  });
  after(() => rmSync(plain, { recursive: true, force: true }));

  it('customers: tier, open requirements, last contact and promises, with deliveries and task dates from git', async () => {
    const rows = await customers(demo.repo);
    // Kestrel Foods: REQ-2026-003 delivered on its planned date by the 2026-10-23 commit, its
    // promised task T2 done four days after its scheduled end (late), feedback due 2026-11-30 (overdue).
    assert.deepEqual(rows.get('Kestrel Foods'), {
      name: 'Kestrel Foods',
      key: 'kestrel foods',
      tier: 'existing',
      open: 2,
      requirements: 2,
      lastContact: '2026-11-23',
      promises: { kept: 5, late: 1, open: 0, overdue: 1 },
    });
    // 客户A asked for REQ-2026-003 too (a requester): its promises count for them as well.
    assert.equal(rows.get('客户A')!.requirements, 5);
    // 捷运物流's last contact is the phone call logged on REQ-2026-001.
    assert.equal(rows.get('捷运物流')!.lastContact, '2026-11-27');
    assert.deepEqual([...rows.keys()].slice(0, 2), ['Brightline HR', 'Kestrel Foods']);
  });

  it('customers --no-git: what git would date is kept, date unknown', async () => {
    const rows = await customers(demo.repo, '--no-git');
    assert.deepEqual(rows.get('Kestrel Foods')!.promises, { kept: 6, late: 0, open: 0, overdue: 1 });
  });

  it('customers as a table, in English and Chinese; the records with errors are counted on stderr', async () => {
    const en = io(demo.repo);
    assert.equal(await runCli(['customers'], en, NOW), 0);
    const lines = en.stdout.join('\n').split('\n');
    assert.match(lines[0]!, /^CUSTOMER +TIER +OPEN +LAST CONTACT +KEPT +LATE +PENDING +OVERDUE$/);
    assert.ok(
      lines.some((l) => /^Kestrel Foods +existing +2 +2026-11-23 +5 +1 +0 +1$/.test(l)),
      lines.join('\n'),
    );
    assert.deepEqual(en.stderr, ['reqdesk: 3 records have errors and were left out of the customers and their promises.']);
    const zh = io(demo.repo);
    assert.equal(await runCli(['customers', '--lang', 'zh-CN'], zh, NOW), 0);
    const zhLines = zh.stdout.join('\n').split('\n');
    assert.match(zhLines[0]!, /^客户 +等级 +未完成 +最近联系 +已兑现 +延迟 +待兑现 +已逾期$/);
    assert.ok(
      zhLines.some((l) => /^捷运物流 +高价值客户 +1 +2026-11-27 /.test(l)),
      zhLines.join('\n'),
    );
  });

  it('customer --update: the update in the customer’s language, since a date, with the commits naming the delivery', async () => {
    const out = io(demo.repo);
    assert.equal(await runCli(['customer', 'Kestrel Foods', '--update', '--since', '2026-10-01'], out, NOW), 0);
    const text = out.stdout.join('\n');
    const hash = git(demo.repo, ['log', '--format=%h', '-1', '--grep', '^perf(dashboard)']).trim();
    assert.match(hash, /^[0-9a-f]{7}$/);
    assert.equal(
      text,
      [
        '# Update for Kestrel Foods',
        '',
        'Where your requirements stand on 2026-12-07, since 2026-10-01.',
        '',
        '## Delivered since 2026-10-01',
        '',
        '- **REQ-2026-003** Energy dashboard loads in under 2 seconds for 180 devices — Delivered on 2026-10-23',
        `  - \`${hash}\` perf(dashboard): 1-minute rollups for the 24 h chart`,
        '',
        '## In progress',
        '',
        '- **REQ-2026-005** Dark theme for the 65-inch control-room display — New',
        '',
        '## What changed and why',
        '',
        '- **REQ-2026-003** Energy dashboard loads in under 2 seconds for 180 devices: The change “Keep the 7-day chart at 5-minute resolution” was approved on 2026-10-20. Why: The 1-minute rollups serve the 24-hour chart only, so night-shift peaks stay visible over the week',
        '',
        '## What we need from you',
        '',
        '- Your feedback on **REQ-2026-003** Energy dashboard loads in under 2 seconds for 180 devices, due 2026-11-30: we have not heard from you yet.',
        '',
        '## Our promises',
        '',
        '| Due | Requirement | Promise | State | Done on |',
        '|---|---|---|---|---|',
        '| 2026-10-14 | REQ-2026-003 | Task T2 Pre-aggregate 1-minute rollups starts | Kept | date not recorded |',
        '| 2026-10-19 | REQ-2026-003 | Task T2 Pre-aggregate 1-minute rollups ends | Late | 2026-10-23 |',
        '| — | REQ-2026-003 | A decision on the change “Keep the 7-day chart at 5-minute resolution” | Kept | 2026-10-20 |',
        '| — | REQ-2026-003 | Telling you the outcome of the change “Keep the 7-day chart at 5-minute resolution” | Kept | 2026-10-26 |',
        '| 2026-10-23 | REQ-2026-003 | Delivery | Kept | 2026-10-23 |',
        '| 2026-10-23 | REQ-2026-003 | Making the change “Keep the 7-day chart at 5-minute resolution” | Kept | 2026-10-23 |',
        '| 2026-11-30 | REQ-2026-003 | Collecting your feedback | Overdue | — |',
        '',
        'Promises: 5 kept, 1 late, 0 open, 1 overdue.',
      ].join('\n'),
    );
  });

  it('customer --update for a Chinese customer: Chinese by default, since the last contact; --lang en overrides', async () => {
    const out = io(demo.repo);
    assert.equal(await runCli(['customer', '捷运物流', '--update'], out, NOW), 0);
    const text = out.stdout.join('\n');
    assert.match(text, /^# 捷运物流 需求进展通报\n\n截至 2026-12-07 您的需求进展（自 2026-11-27 最近一次沟通以来）。\n/);
    for (const heading of ['## 2026-11-27 以来已交付', '## 进行中', '## 变更及原因', '## 需要您配合的事项', '## 我们的承诺'])
      assert.ok(text.includes(`\n${heading}\n`), heading);
    assert.match(
      text,
      /\n- \*\*REQ-2026-001\*\* Push shipment status to the carrier API every 15 minutes — 进行中；计划 2026-12-11 完成\n/,
    );
    // The messages on stderr stay in the user's language.
    assert.deepEqual(out.stderr, ['reqdesk: 3 records have errors and were left out of the customers and their promises.']);
    const en = io(demo.repo);
    assert.equal(await runCli(['customer', '捷运物流', '--update', '--lang', 'en'], en, NOW), 0);
    assert.match(en.stdout.join('\n'), /^# Update for 捷运物流\n/);
  });

  it('customer: the promise ledger, as Markdown or JSON', async () => {
    const md = io(demo.repo);
    assert.equal(await runCli(['customer', 'kestrel foods'], md, NOW), 0);
    assert.match(md.stdout.join('\n'), /^# Promises to Kestrel Foods\n\nAs of 2026-12-07\.\n\n\| Due \| Requirement \|/);
    const json = io(demo.repo);
    assert.equal(await runCli(['customer', 'Kestrel Foods', '--format', 'json'], json, NOW), 0);
    const ledger = JSON.parse(json.stdout.join('\n')) as {
      version: number;
      customer: { name: string; tier: string };
      promises: Array<{ id: string; kind: string; due?: string; state: string; keptOn?: string; task?: { id: string } }>;
      summary: object;
    };
    assert.equal(ledger.version, 1);
    assert.deepEqual(ledger.customer, { name: 'Kestrel Foods', key: 'kestrel foods', tier: 'existing' });
    assert.deepEqual(
      ledger.promises.find((p) => p.kind === 'task_end'),
      {
        file: 'requirements/REQ-2026-003-dashboard-load-time.md',
        id: 'REQ-2026-003',
        title: 'Energy dashboard loads in under 2 seconds for 180 devices',
        kind: 'task_end',
        task: { id: 'T2', title: 'Pre-aggregate 1-minute rollups' },
        due: '2026-10-19',
        state: 'late',
        keptOn: '2026-10-23',
      },
    );
    assert.deepEqual(ledger.summary, { kept: 5, late: 1, open: 0, overdue: 1 });
  });

  it('an unknown customer: exit 2 with the nearest names', async () => {
    const out = io(demo.repo);
    assert.equal(await runCli(['customer', 'Kestral Foods'], out, NOW), 2);
    assert.deepEqual(out.stdout, []);
    assert.equal(out.stderr.at(-1), 'reqdesk: unknown customer "Kestral Foods"; the nearest: Kestrel Foods');
    const short = io(demo.repo);
    assert.equal(await runCli(['customer', '捷运', '--lang', 'zh-CN'], short, NOW), 2);
    assert.equal(short.stderr.at(-1), 'reqdesk: 未知客户“捷运”；最接近的有：捷运物流');
    const none = io(demo.repo);
    assert.equal(await runCli(['customer', 'Zebra Holdings Limited'], none, NOW), 2);
    assert.equal(none.stderr.at(-1), 'reqdesk: unknown customer "Zebra Holdings Limited", and no customer has a name near it');
  });

  it('without git, or outside a repository: says so, and still answers from the records', async () => {
    const missing = io(demo.repo);
    assert.equal(
      await runCli(
        ['customer', 'Kestrel Foods', '--update', '--since', '2026-10-01', '--git', path.join(plain, 'no-such-git')],
        missing,
        NOW,
      ),
      0,
    );
    assert.ok(
      missing.stderr.includes('reqdesk: git could not be run: promises are judged from the records alone, without commits.'),
      missing.stderr.join('\n'),
    );
    assert.match(missing.stdout.join('\n'), /\n\| 2026-10-23 \| REQ-2026-003 \| Delivery \| Kept \| date not recorded \|\n/);
    const outside = io(plain);
    assert.equal(await runCli(['customer', 'Kestrel Foods', '--update', '--since', '2026-10-01'], outside, NOW), 0);
    assert.ok(
      outside.stderr.includes(`reqdesk: ${plain} is not in a git repository: promises are judged from the records alone, without commits.`),
      outside.stderr.join('\n'),
    );
    // No commit is listed without git; the delivery is placed in the period by its planned date.
    assert.match(
      outside.stdout.join('\n'),
      /\n- \*\*REQ-2026-003\*\* Energy dashboard loads in under 2 seconds for 180 devices — Delivered\n\n## In progress/,
    );
  });

  it('--out writes the update to a file; wrong arguments are usage errors', async () => {
    const out = io(plain);
    assert.equal(await runCli(['customer', 'Kestrel Foods', '--update', '--no-git', '--out', 'updates/kestrel.md'], out, NOW), 0);
    assert.deepEqual(out.stdout, []);
    assert.match(readFileSync(path.join(plain, 'updates/kestrel.md'), 'utf8'), /^# Update for Kestrel Foods\n/);
    assert.equal(out.stderr.at(-1), `Written to ${path.join('updates', 'kestrel.md')}`);
    for (const [argv, message] of [
      [['customer'], 'customer takes one customer name'],
      [['customer', 'Kestrel Foods', '--since', '2026-13-01'], '--since takes a date YYYY-MM-DD (got "2026-13-01")'],
      [['customer', 'Kestrel Foods', '--format', 'csv'], '--format must be one of: md, json (got "csv")'],
      [['customers', '--format', 'md'], '--format must be one of: table, json (got "md")'],
    ] as const) {
      const bad = io(plain);
      assert.equal(await runCli([...argv], bad, NOW), 2, argv.join(' '));
      assert.ok(bad.stderr[0]!.startsWith(`reqdesk: ${message}\n\nreqdesk — customer requirements next to code`), bad.stderr[0]);
    }
  });
});
