import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';

async function run(argv: string[], cwd: string, now = new Date(2026, 2, 20)): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} }, now);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const RECORD = [
  '---',
  'id: REQ-2026-001',
  'title: Export energy data as CSV',
  'type: functional',
  'status: in-progress',
  'tasks:',
  '  - id: T1',
  '    title: Exporter',
  '    start: 2026-03-02',
  '    days: 2',
  'feedback:',
  '  - date: 2026-03-10',
  '    satisfaction: 2',
  '---',
  '# Export energy data as CSV',
  '## Description',
  'Export the hourly readings of one device as CSV.',
  '## Background',
  'A plant manager.',
  '## Scenario',
  'Monthly report.',
  '## Goal',
  'One click.',
  '',
].join('\n');

describe('cli: validate --as-of', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-timely-'));
    mkdirSync(path.join(root, 'requirements'));
    writeFileSync(path.join(root, 'requirements', 'REQ-2026-001.md'), RECORD);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('without it, nothing depends on the date', async () => {
    const r = await run(['validate'], root);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.out, '');
  });

  it('with a date, late tasks and low feedback without an adjustment are warnings at their lines', async () => {
    const r = await run(['validate', '--as-of', '2026-03-20', '--format', 'json'], root);
    const report = JSON.parse(r.out) as { problems: Array<{ code: string; line: number; severity: string }> };
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.line, p.severity]),
      [
        ['task-late', 7, 'warning'],
        ['feedback-no-adjustment', 12, 'warning'],
      ],
    );
    assert.equal((await run(['validate', '--as-of', '2026-03-20', '--max-warnings', '0'], root)).code, 1);
  });

  it('"today" is the clock the CLI was given; the feedback is only due on its next day', async () => {
    const r = await run(['validate', '--as-of', 'today', '--lang', 'zh-CN'], root, new Date(2026, 2, 11));
    assert.match(r.out, /REQ-2026-001\.md:12:5: info feedback-adjustment-due .*2026-03-11/);
    assert.match(r.out, /REQ-2026-001\.md:7:5: warning task-late 任务 T1 已延期/);
  });

  it('a date that is not one is wrong usage', async () => {
    const r = await run(['validate', '--as-of', '2026-02-30'], root);
    assert.equal(r.code, 2);
    assert.match(r.err, /--as-of/);
  });
});
