// A team schema on a real repository of proposals: the Tekton Enhancement Proposals
// (tekton-community.bundle) opened with a schema file of a few lines, through the CLI — IDs from
// the file names, the team's statuses, zero errors on well-formed proposals, a precise error on a
// misspelled status; and a broken schema file reported on its lines while the built-in one is used.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadIndex } from '../../src/cli/cliContext';
import { buildTree, shownGrouping, summarize } from '../../src/core/tree';
import { isolatedEnv } from '../support/gitEnv';
import { git } from '../support/gitRepo';
import { corpusOrSkip, record, runCliCaptured, sarifValidator } from './support';

/** The schema file a team writes for its proposals. */
const TEKTON_SCHEMA = `# Tekton Enhancement Proposals: TEP-nnnn from the file name, the TEP process's statuses.
id: { from: file-name, pattern: '^(\\d{4})-', template: 'TEP-{1}' }
rename: { creation-date: submitted }
statuses: { proposed: new, implementable: planned, implemented: delivered, withdrawn: declined, deferred: on-hold }
checks: { off: [essentials], optional: [type] }
`;

const SETTINGS = {
  'reqdesk.include': ['teps/*.md'],
  'reqdesk.exclude': ['teps/README.md'],
  'reqdesk.id.prefixes': ['TEP'],
  'reqdesk.id.format': '{prefix}-{seq:4}',
};

/** The status each proposal's front-matter writes, read independently of ReqDesk (first `status:` line, unquoted). */
function writtenStatuses(teps: string): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const name of readdirSync(teps).filter((n) => /^\d{4}-.*\.md$/.test(n))) {
    const text = readFileSync(path.join(teps, name), 'utf8');
    const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    const m = /^status:[ \t]*['"]?([^'"\n]*?)['"]?[ \t]*$/m.exec(frontMatter);
    statuses.set(name, m?.[1] ?? '');
  }
  return statuses;
}

describe('cli: a team schema on the Tekton proposals', function () {
  this.timeout(180_000);
  let dir: string;
  let root: string;

  before(function () {
    const bundle = corpusOrSkip(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-tekton-schema-'));
    root = path.join(dir, 'community');
    execFileSync('git', ['clone', '--quiet', bundle, root], { stdio: ['ignore', 'ignore', 'inherit'], env: isolatedEnv() });
    mkdirSync(path.join(root, '.vscode'));
    writeFileSync(path.join(root, '.vscode', 'settings.json'), JSON.stringify(SETTINGS));
    mkdirSync(path.join(root, '.reqdesk'));
    writeFileSync(path.join(root, '.reqdesk', 'schema.yaml'), TEKTON_SCHEMA);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('without the schema file every proposal fails the built-in schema (what the team schema is for)', async () => {
    rmSync(path.join(root, '.reqdesk', 'schema.yaml'));
    try {
      const run = await runCliCaptured(['validate', '--format', 'json'], root);
      const report = JSON.parse(run.out) as { summary: { files: number; errors: number } };
      assert.equal(run.code, 1);
      assert.ok(report.summary.errors >= report.summary.files, `${report.summary.errors} errors in ${report.summary.files} files`);
    } finally {
      writeFileSync(path.join(root, '.reqdesk', 'schema.yaml'), TEKTON_SCHEMA);
    }
  });

  it('every proposal is a record with its TEP-nnnn ID from the file name, grouped by its own status', async () => {
    const written = writtenStatuses(path.join(root, 'teps'));
    const run = await runCliCaptured(['list', '--format', 'json', '--sort', 'id'], root);
    assert.equal(run.err, '');
    const rows = JSON.parse(run.out) as Array<{ id: string; status: string; file: string }>;
    assert.equal(rows.length, written.size);
    for (const row of rows) {
      const name = path.basename(row.file);
      assert.equal(row.id, `TEP-${name.slice(0, 4)}`, row.file);
      // Statuses outside the team's list (0037's "implementing") are not a status of the record.
      const status = written.get(name)!;
      assert.equal(
        row.status,
        ['proposed', 'implementable', 'implemented', 'withdrawn', 'deferred'].includes(status) ? status : '',
        row.file,
      );
    }
    const withdrawn = await runCliCaptured(['list', '--format', 'json', '--status', 'withdrawn'], root);
    assert.deepEqual(
      (JSON.parse(withdrawn.out) as Array<{ file: string }>).map((r) => path.basename(r.file)).sort(),
      [...written]
        .filter(([, s]) => s === 'withdrawn')
        .map(([n]) => n)
        .sort(),
    );
  });

  it('the Requirements tree of the proposals: grouped by the team statuses in the team order, each with its proposals', async () => {
    const written = writtenStatuses(path.join(root, 'teps'));
    const { index } = await loadIndex(root, [], { out: () => undefined, err: () => undefined, cwd: root, env: {} }, 'en');
    const summaries = index.all().map((r) => summarize(r, { workdays: [1, 2, 3, 4, 5], holidays: [] }, '2026-12-01'));
    assert.equal(summaries.length, written.size);
    // No proposal has a priority: the default grouping shows them by status.
    assert.equal(shownGrouping(summaries, 'priority', index.team), 'status');
    const tree = buildTree(summaries, 'status', {}, { team: index.team });
    const team = ['proposed', 'implementable', 'implemented', 'withdrawn', 'deferred'];
    const expected = [...team, ''].flatMap((status) => {
      const files = [...written].filter(([, s]) => (status === '' ? !team.includes(s) : s === status)).map(([n]) => `TEP-${n.slice(0, 4)}`);
      return files.length ? [[status, files.sort()]] : [];
    });
    assert.deepEqual(
      tree.map((g) => [g.key, g.requirements.map((r) => r.id!).sort()]),
      expected,
    );
  });

  it('validate: zero errors except the one proposal whose status is not in the TEP process (0037: "implementing")', async () => {
    const run = await runCliCaptured(['validate', '--format', 'json'], root);
    const report = JSON.parse(run.out) as {
      summary: { files: number; errors: number };
      problems: Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
    };
    const errors = report.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`),
      [
        'teps/0037-remove-gcs-fetcher.md:7:9 enum-unknown Unknown value "implementing" for "status". Expected one of: proposed, implementable, implemented, withdrawn, deferred. Did you mean "implemented"?',
      ],
    );
    assert.equal(report.summary.files, writtenStatuses(path.join(root, 'teps')).size);
    // No problem of the checks turned off, nor about keys the team's files do not have.
    assert.deepEqual(
      report.problems.filter((p) => /^essential-|required-missing|id-malformed|key-near-miss/.test(p.code)),
      [],
    );
    assert.equal(run.code, 1);
  });

  it('a copy with one status misspelled gets the error on that line, with the team status it means', async () => {
    const file = path.join(root, 'teps', '0090-matrix.md');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace(/^status: implemented$/m, 'status: implemnted'));
      const run = await runCliCaptured(['validate', 'teps/0090-matrix.md'], root);
      const line = original.split('\n').findIndex((l) => l === 'status: implemented') + 1;
      assert.ok(line > 0);
      assert.equal(
        run.out,
        `teps/0090-matrix.md:${line}:9: error enum-unknown Unknown value "implemnted" for "status". Expected one of: proposed, implementable, implemented, withdrawn, deferred. Did you mean "implemented"?`,
      );
      assert.equal(run.code, 1);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('a broken schema file: its problems at file:line:col, then the built-in schema is used and said so', async () => {
    const schema = path.join(root, '.reqdesk', 'schema.yaml');
    try {
      writeFileSync(schema, TEKTON_SCHEMA.replace('withdrawn: declined', 'withdrawn: dropped').replace('checks:', 'check:'));
      const run = await runCliCaptured(['validate', 'teps/0090-matrix.md'], root);
      const [first, second, third] = run.err.split('\n');
      assert.match(first!, /^\.reqdesk\/schema\.yaml:4:\d+: error "statuses\.withdrawn" must be a ReqDesk stage \(new, /);
      assert.equal(second, '.reqdesk/schema.yaml:5:1: error Unknown key "check" in the team schema.');
      assert.equal(third, 'The team schema .reqdesk/schema.yaml has errors: ReqDesk uses the built-in schema until they are fixed.');
      // The built-in schema's verdict on the proposal follows.
      assert.match(run.out, /teps\/0090-matrix\.md:\d+:\d+: error required-missing Missing required key "id"\./);
      assert.equal(run.code, 1);
    } finally {
      writeFileSync(schema, TEKTON_SCHEMA);
    }
  });

  it('trace links exactly the TEP-nnnn mentions of the history; known exactly when a proposal file has that ID', async () => {
    // Computed from git log independently: every (ID, commit) pair once, whole messages.
    const expected = new Set<string>();
    for (const entry of git(root, ['log', '--format=%H%x00%B%x01']).split('\x01')) {
      const [hash, message] = entry.replace(/^\n/, '').split('\0');
      if (!hash) continue;
      for (const m of (message ?? '').matchAll(/TEP-[0-9]{4}/g)) expected.add(`${m[0]} ${hash}`);
    }
    const proposals = new Set([...writtenStatuses(path.join(root, 'teps')).keys()].map((name) => `TEP-${name.slice(0, 4)}`));
    const run = await runCliCaptured(['trace', '--format', 'csv', '--no-cache'], root);
    assert.equal(run.code, 0);
    const rows = run.out
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    assert.deepEqual(rows.map(([id, hash]) => `${id} ${hash}`).sort(), [...expected].sort());
    for (const [id, , known] of rows) assert.equal(known, String(proposals.has(id!)), id);
  });

  it('reqdesk schema emits the JSON Schema the proposals follow', async () => {
    const run = await runCliCaptured(['schema', '--root', root], root);
    const schema = JSON.parse(run.out) as { required: string[]; properties: Record<string, { enum?: string[] }> };
    assert.deepEqual(schema.required, ['title', 'status']);
    assert.deepEqual(schema.properties.status!.enum, ['proposed', 'implementable', 'implemented', 'withdrawn', 'deferred']);
    assert.ok('creation-date' in schema.properties && !('submitted' in schema.properties) && !('id' in schema.properties));
  });
});

describe('cli: a broken team schema in the machine-readable formats', function () {
  this.timeout(60_000);
  let root: string;
  // Line 2 names a stage that does not exist; line 3 a key the schema file does not have.
  const BROKEN = 'statuses:\n  proposed: dropped\nchecks_off: [essentials]\n';

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-team-schema-formats-'));
    mkdirSync(path.join(root, 'requirements'));
    writeFileSync(path.join(root, 'requirements', 'REQ-2026-001.md'), record());
    mkdirSync(path.join(root, '.reqdesk'));
    writeFileSync(path.join(root, '.reqdesk', 'schema.yaml'), BROKEN);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('--format json lists each schema problem on its own range, counts it, and fails', async () => {
    const run = await runCliCaptured(['validate', '--format', 'json'], root);
    const report = JSON.parse(run.out) as {
      summary: { files: number; errors: number };
      problems: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; code: string; message: string }>;
    };
    const schemaProblems = report.problems.filter((p) => p.file === '.reqdesk/schema.yaml');
    assert.deepEqual(
      schemaProblems.map((p) => [p.code, p.line, p.column, p.endLine, p.endColumn]),
      [
        ['team-schema-error', 2, 13, 2, 20],
        ['team-schema-error', 3, 1, 3, 11],
      ],
    );
    assert.match(schemaProblems[0]!.message, /^"statuses\.proposed" must be a ReqDesk stage \(new, /);
    assert.equal(schemaProblems[1]!.message, 'Unknown key "checks_off" in the team schema.');
    // The record itself is valid under the built-in schema, which is what is used.
    assert.deepEqual(report.summary, { files: 1, errors: 2, warnings: 0, infos: 0 });
    assert.equal(run.code, 1);
  });

  it('--format sarif carries them as results of the team-schema-error rule, valid SARIF, in Chinese with --lang zh-cn', async () => {
    const run = await runCliCaptured(['validate', '--format', 'sarif', '--lang', 'zh-cn'], root);
    const sarif = JSON.parse(run.out) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string } }> } };
        results: Array<{
          ruleId: string;
          message: { text: string };
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
        }>;
      }>;
    };
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors));
    const [only] = sarif.runs;
    const results = only!.results.filter((r) => r.ruleId === 'team-schema-error');
    assert.deepEqual(
      results.map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine]),
      [
        ['.reqdesk/schema.yaml', 2],
        ['.reqdesk/schema.yaml', 3],
      ],
    );
    assert.equal(results[1]!.message.text, '团队模式中有未知的键“checks_off”。');
    const rule = only!.tool.driver.rules.find((r) => r.id === 'team-schema-error');
    assert.equal(rule?.shortDescription.text, '团队模式有错误，在修正之前使用内置模式：…');
    assert.equal(run.code, 1);
  });
});
