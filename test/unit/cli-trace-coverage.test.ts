// `reqdesk trace --coverage` on real repositories: a small one with code, tests and an ignored
// folder, and the Tekton proposals' history (the commit links of `trace` against git's own log).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import { isolatedEnv } from '../support/gitEnv';
import { git, GitRepo } from '../support/gitRepo';
import { ripgrepForTests } from '../support/ripgrep';
import { tempDirForSuite } from '../support/tempDir';
import { corpusOrSkip, record, REPO_ROOT, sarifValidator } from './support';

function io(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const env = isolatedEnv({ LANG: 'en_US.UTF-8', LC_ALL: '' });
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env, stdout, stderr };
}

async function run(cwd: string, argv: string[]) {
  const out = io(cwd);
  const code = await runCli(argv, out);
  return { code, out: out.stdout.join('\n'), err: out.stderr.join('\n') };
}

/** A small product: three requirements, code, tests, an ignored folder and a mention of an unknown ID. */
function writeProduct(repo: GitRepo): void {
  repo.write('requirements/REQ-2026-001-scan.md', record({ id: 'REQ-2026-001', title: 'Scan pallets', status: 'delivered' }));
  repo.write(
    'requirements/REQ-2026-002-label.md',
    record({ id: 'REQ-2026-002', title: 'Print labels', status: 'verified', merged_ids: '\n  - REQ-2025-010' }),
  );
  repo.write('requirements/REQ-2026-003-report.md', record({ id: 'REQ-2026-003', title: 'Daily report', status: 'delivered' }));
  repo.write('requirements/REQ-2026-004-export.md', record({ id: 'REQ-2026-004', title: 'Export', status: 'planned' }));
  repo.write('src/scan.ts', '// Implements REQ-2026-001\nexport function scan() {}\n');
  repo.write('src/label.go', 'package label\n\n// REQ-2025-010: labels (an ID merged into another requirement)\nfunc Print() {}\n');
  repo.write('src/report.py', '# REQ-2026-003 daily report\n# REQ-2026-777 is no requirement\n');
  repo.write('test/scan.test.ts', "it('REQ-2026-001 scans a pallet', () => {});\n");
  repo.write('src/label_test.go', 'package label\n\n// Refs: 需求－2026－009, REQ-2026-002\nfunc TestPrint(t *testing.T) {}\n');
  repo.write('docs/design.md', 'REQ-2026-004 is designed here; Markdown is not code.\n');
  repo.write('.gitignore', 'generated/\n');
  repo.write('generated/stub.ts', '// REQ-2026-004 REQ-2026-888: generated, ignored\n');
}

describe('cli: trace --coverage', function () {
  this.timeout(60_000);
  const tmp = tempDirForSuite('reqdesk-trace-coverage-');
  let repo: GitRepo;

  before(() => {
    repo = new GitRepo(path.join(tmp.dir, 'product'), { author: { name: 'Dev', email: 'dev@example.com' }, date: '2026-05-01T10:00:00Z' });
    repo.initialise();
    writeProduct(repo);
    repo.commitAll('feat: scanning (REQ-2026-001)');
    repo.write('src/scan.ts', '// Implements REQ-2026-001\nexport function scan() { return 1; }\n');
    repo.commitAll('fix: label width\n\nFixes REQ-2025-010');
  });

  it('the table: each requirement with its commits, code and tests, then the unknown IDs; the ignored folder and Markdown do not count', async () => {
    const { code, out } = await run(repo.dir, ['trace', '--coverage', '--no-cache']);
    assert.equal(code, 0);
    assert.equal(
      out,
      [
        'ID            STATUS     COMMITS  CODE  TESTS  GAP',
        'REQ-2026-001  delivered  1        1     1',
        'REQ-2026-002  verified   1        1     1',
        'REQ-2026-003  delivered  0        1     0      no test',
        'REQ-2026-004  planned    0        0     0',
        '',
        'Mentions of IDs no requirement has:',
        '  src/label_test.go:3:10  需求-2026-009',
        '  src/report.py:2:3  REQ-2026-777',
      ].join('\n'),
    );
  });

  it('JSON: commits, code and tests with their places; the same with ripgrep and without', async () => {
    const rg = ripgrepForTests(REPO_ROOT);
    const fast = await run(repo.dir, ['trace', '--coverage', '--format', 'json', '--no-cache', '--ripgrep', rg]);
    const slow = await run(repo.dir, ['trace', '--coverage', '--format', 'json', '--no-cache', '--no-ripgrep']);
    const a = JSON.parse(fast.out) as { search: string; requirements: Array<Record<string, unknown>> };
    const b = JSON.parse(slow.out) as { search: string };
    assert.equal(a.search, 'ripgrep');
    assert.equal(b.search, 'node');
    assert.deepEqual({ ...a, search: '' }, { ...b, search: '' });
    const second = a.requirements[1] as {
      id: string;
      commits: Array<{ subject: string; verb?: string }>;
      code: unknown[];
      tests: unknown[];
    };
    assert.equal(second.id, 'REQ-2026-002');
    assert.deepEqual(
      second.commits.map((c) => [c.subject, c.verb]),
      [['fix: label width', 'fixes']],
    );
    assert.deepEqual(second.code, [{ file: 'src/label.go', line: 3, column: 4 }]);
    assert.deepEqual(second.tests, [{ file: 'src/label_test.go', line: 3, column: 23 }]);
  });

  it('CSV: one row per link, unknown IDs marked; Markdown: the places of code and tests', async () => {
    const csv = await run(repo.dir, ['trace', '--coverage', '--format', 'csv', '--no-cache']);
    const lines = csv.out.split('\r\n');
    assert.equal(lines[0], 'id,known,status,kind,file,line,column,commit');
    assert.ok(lines.includes('REQ-2026-001,true,delivered,test,test/scan.test.ts,1,5,'), lines.join('\n'));
    assert.ok(lines.includes('REQ-2026-004,true,planned,,,,,'));
    assert.ok(lines.includes('REQ-2026-777,false,,code,src/report.py,2,3,'));
    assert.equal(lines.filter((l) => l.includes(',commit,')).length, 2);
    const md = await run(repo.dir, ['trace', '--coverage', '--format', 'md', '--no-cache']);
    assert.match(md.out, /^\| ID \| STATUS \| COMMITS \| CODE \| TESTS \|$/m);
    assert.match(md.out, /^\| REQ-2026-001 \| delivered \| 1 \| src\/scan\.ts:1 \| test\/scan\.test\.ts:1 \|$/m);
  });

  it('--gaps --strict fails on an untested delivered requirement and on unknown IDs; --gaps alone does not', async () => {
    const strict = await run(repo.dir, ['trace', '--coverage', '--gaps', '--strict']);
    assert.equal(strict.code, 1);
    assert.equal(
      strict.out,
      [
        'REQ-2026-003 is delivered but no test mentions it',
        'src/label_test.go:3:10: 需求-2026-009 is mentioned, but no requirement has it',
        'src/report.py:2:3: REQ-2026-777 is mentioned, but no requirement has it',
      ].join('\n'),
    );
    assert.equal((await run(repo.dir, ['trace', '--coverage', '--gaps'])).code, 0);
    const json = JSON.parse((await run(repo.dir, ['trace', '--coverage', '--gaps', '--format', 'json'])).out) as {
      gaps: Array<{ kind: string }>;
    };
    assert.deepEqual(
      json.gaps.map((g) => g.kind),
      ['untested', 'unknown-id', 'unknown-id'],
    );
    const zh = await run(repo.dir, ['trace', '--coverage', '--gaps', '--lang', 'zh-CN']);
    assert.match(zh.out, /^REQ-2026-003 状态为 delivered，但没有测试提及它$/m);
  });

  it('SARIF 2.1.0: unknown IDs at their place in the code, an untested requirement at its record', async () => {
    const { code, out } = await run(repo.dir, ['trace', '--coverage', '--gaps', '--strict', '--format', 'sarif']);
    assert.equal(code, 1);
    // SARIF holds the gaps alone: --strict fails on them without --gaps too; without --strict, warnings.
    const sarifOnly = await run(repo.dir, ['trace', '--coverage', '--strict', '--format', 'sarif']);
    assert.equal(sarifOnly.code, 1);
    assert.equal(sarifOnly.out, out);
    const lenient = await run(repo.dir, ['trace', '--coverage', '--format', 'sarif']);
    assert.equal(lenient.code, 0);
    assert.ok((JSON.parse(lenient.out).runs[0].results as Array<{ level: string }>).every((r) => r.level === 'warning'));
    const sarif = JSON.parse(out);
    const validate = sarifValidator();
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
    }>;
    assert.deepEqual(
      results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region,
      ]),
      [
        [
          'untested-requirement',
          'error',
          'requirements/REQ-2026-003-report.md',
          { startLine: 2, startColumn: 5, endLine: 2, endColumn: 17 },
        ],
        ['unknown-requirement-id', 'error', 'src/label_test.go', { startLine: 3, startColumn: 10, endLine: 3, endColumn: 21 }],
        ['unknown-requirement-id', 'error', 'src/report.py', { startLine: 2, startColumn: 3, endLine: 2, endColumn: 15 }],
      ],
    );
  });

  it('outside a repository: code and tests are traced, no commit, and the reason is said', async () => {
    const plain = path.join(tmp.dir, 'plain');
    writeProduct(new GitRepo(plain));
    const { code, out, err } = await run(plain, ['trace', '--coverage']);
    assert.equal(code, 0);
    assert.match(err, /not in a git repository: no commit is linked; code and tests are still traced/);
    // No git: nothing is ignored, so the generated folder counts.
    assert.match(out, /^REQ-2026-004 {2}planned {4}0 {8}1 {5}0$/m);
    assert.match(out, /generated\/stub\.ts:1:17 {2}REQ-2026-888/);
  });

  it('bad usage: a precise message, exit code 2', async () => {
    for (const [argv, message] of [
      [['trace', '--format', 'sarif'], '--format sarif needs --coverage'],
      [['trace', '--no-ripgrep'], '--no-ripgrep needs --coverage'],
      [['trace', '--coverage', '--format', 'xml'], '--format must be one of: table, json, csv, md, sarif (got "xml")'],
      [['trace', '--coverage', '--ripgrep', 'rg', '--no-ripgrep'], '--ripgrep and --no-ripgrep cannot be used together'],
    ] as const) {
      const { code, err } = await run(repo.dir, [...argv]);
      assert.equal(code, 2, argv.join(' '));
      assert.ok(err.startsWith(`reqdesk: ${message}\n`), err.split('\n')[0]);
    }
    const old = await run(repo.dir, ['trace', '--format', 'xml']);
    assert.ok(old.err.startsWith('reqdesk: --format must be one of: table, json, csv, md (got "xml")\n'));
  });
});

describe('cli: trace on the Tekton proposals (TEP-nnnn IDs)', function () {
  this.timeout(180_000);
  let dir: string;
  let root: string;

  before(function () {
    const bundle = corpusOrSkip(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-tekton-trace-'));
    root = path.join(dir, 'community');
    execFileSync('git', ['clone', '--quiet', bundle, root], { stdio: ['ignore', 'ignore', 'inherit'], env: isolatedEnv() });
    // The proposals' own grammar: `TEP-0090`, four digits, no year.
    mkdirSync(path.join(root, '.vscode'));
    writeFileSync(
      path.join(root, '.vscode', 'settings.json'),
      JSON.stringify({ 'reqdesk.include': ['teps/*.md'], 'reqdesk.id.prefixes': ['TEP'], 'reqdesk.id.format': '{prefix}-{seq:4}' }),
    );
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('links exactly the TEP-nnnn mentions of the history, computed independently from git log', async () => {
    // The expectation, as `git log --format=%s | grep -o 'TEP-[0-9]{4}'` reads subjects, applied to
    // whole messages (trace reads bodies too): every (commit, ID) pair once.
    const log = git(root, ['log', '--format=%H%x00%s%x00%B%x01']);
    const expected = new Set<string>();
    const inSubjects = new Set<string>();
    for (const entry of log.split('\x01')) {
      const [hash, subject, message] = entry.replace(/^\n/, '').split('\0');
      if (!hash) continue;
      for (const m of (message ?? '').matchAll(/TEP-[0-9]{4}/g)) expected.add(`${m[0]} ${hash}`);
      for (const m of (subject ?? '').matchAll(/TEP-[0-9]{4}/g)) inSubjects.add(`${m[0]} ${hash}`);
    }
    const subjectMentions = git(root, ['log', '--format=%s']).match(/TEP-[0-9]{4}/g) ?? [];
    assert.ok(subjectMentions.length >= 300, `${subjectMentions.length} subject mentions`);

    const { code, out } = await run(root, ['trace', '--format', 'csv', '--no-cache']);
    assert.equal(code, 0);
    const pairs = out
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','))
      .map(([id, hash]) => `${id} ${hash}`);
    assert.equal(new Set(pairs).size, pairs.length, 'each pair once');
    assert.deepEqual([...pairs].sort(), [...expected].sort());
    for (const p of inSubjects) assert.ok(pairs.includes(p), `${p}: a subject's mention is linked`);
    console.log(
      `      ${pairs.length} (ID, commit) pairs, ${inSubjects.size} of them in subjects (${subjectMentions.length} subject mentions)`,
    );
  });

  it('--coverage: the proposals are Markdown, so only code mentions count; they match git grep', async () => {
    // The repository's own files mention no TEP outside Markdown: a script and a test that do.
    writeFileSync(path.join(root, 'hack', 'tep_links.sh'), '#!/bin/sh\n# TEP-0090 matrix, TEP-0100 embedded\n');
    mkdirSync(path.join(root, 'test'), { recursive: true });
    writeFileSync(path.join(root, 'test', 'tep_test.go'), '// TEP-0090\n');
    // git grep finds the lines (untracked files too, Markdown left out); the mentions' columns
    // are counted in them (ASCII here, so bytes and UTF-16 agree).
    const grep = git(root, ['grep', '--untracked', '-n', '-E', 'TEP-[0-9]{4}', '--', '.', ':(exclude)*.md'])
      .trim()
      .split('\n')
      .flatMap((l) => {
        const [, file, line, text] = /^([^:]+):(\d+):(.*)$/.exec(l) ?? [];
        return [...(text ?? '').matchAll(/TEP-[0-9]{4}/g)].map((m) => `${file}:${line}:${m.index + 1} ${m[0]}`);
      })
      .sort();
    const { code, out } = await run(root, ['trace', '--coverage', '--format', 'json', '--no-cache']);
    assert.equal(code, 0);
    const json = JSON.parse(out) as {
      requirements: unknown[];
      unknown: Array<{ id: string; file: string; line: number; column: number; kind: string }>;
    };
    // The proposals keep their ID in the file name, not in an `id:` key: no record has a TEP ID.
    assert.deepEqual(json.requirements, []);
    assert.deepEqual(json.unknown.map((r) => `${r.file}:${r.line}:${r.column} ${r.id}`).sort(), grep);
    assert.deepEqual(
      json.unknown.map((r) => r.kind),
      ['code', 'code', 'test'],
    );
  });
});
