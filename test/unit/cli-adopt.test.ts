// `reqdesk adopt` on a real repository of proposals: a fresh clone of the Tekton Enhancement
// Proposals (tekton-community.bundle), `reqdesk adopt teps`, then `reqdesk validate` and `list` with
// no other step — the same verdict as the hand-written schema (cli-team-schema.test.ts). And on a
// small folder: --dry-run writes nothing, an existing schema is kept without --force, the settings
// file keeps its comments and other keys.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { parseTeamSchema } from '../../src/core/teamSchema';
import { isolatedEnv } from '../support/gitEnv';
import { tempDirForSuite } from '../support/tempDir';
import { corpusOrSkip, runCliCaptured, snapshotFiles } from './support';

describe('cli: reqdesk adopt on the Tekton proposals', function () {
  this.timeout(180_000);
  let dir: string;
  let root: string;

  before(function () {
    const bundle = corpusOrSkip(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-tekton-adopt-'));
    root = path.join(dir, 'community');
    execFileSync('git', ['clone', '--quiet', bundle, root], { stdio: ['ignore', 'ignore', 'inherit'], env: isolatedEnv() });
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adopt teps: prints the draft and the settings, writes both, and says so', async () => {
    const run = await runCliCaptured(['adopt', 'teps'], root);
    assert.equal(run.err, '');
    assert.equal(run.code, 0);
    const lines = run.out.split('\n');
    assert.equal(lines[0], '146 records in teps; 2 other files left out.');
    assert.equal(lines.at(-1), 'Wrote .reqdesk/schema.yaml and .vscode/settings.json. Run reqdesk validate to check the records.');
    const schema = readFileSync(path.join(root, '.reqdesk', 'schema.yaml'), 'utf8');
    assert.ok(run.out.includes(schema.trimEnd()), 'the draft printed is the one written');
    assert.ok(parseTeamSchema(schema).ok);
    assert.match(schema, /^id: \{ from: file-name, pattern: '\^\(\\d\{4\}\)-', template: 'TEP-\{1\}' \} {3}# 146 of 146 files, /m);
    assert.match(schema, /^ {2}# not a status: "implementing" \(1 file\) reads as a misspelling of "implemented"$/m);
    const settings = parse(readFileSync(path.join(root, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings, {
      'reqdesk.include': ['teps/*.md'],
      // The defaults stay: a written list replaces them.
      'reqdesk.exclude': ['**/node_modules/**', '**/.git/**', 'teps/README.md'],
      'reqdesk.id.prefixes': ['TEP'],
      'reqdesk.id.format': '{prefix}-{seq:4}',
    });
  });

  it('then validate: 146 records and exactly the hand-written schema’s one error (0037: "implementing")', async () => {
    const run = await runCliCaptured(['validate', '--format', 'json'], root);
    const report = JSON.parse(run.out) as {
      summary: { files: number; errors: number };
      problems: Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
    };
    assert.equal(run.err, '');
    assert.equal(report.summary.files, 146);
    assert.deepEqual(
      report.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`),
      [
        'teps/0037-remove-gcs-fetcher.md:7:9 enum-unknown Unknown value "implementing" for "status". Expected one of: proposed, implementable, implemented, withdrawn, deferred. Did you mean "implemented"?',
      ],
    );
    assert.deepEqual(
      report.problems.filter((p) => /^essential-|required-missing|id-malformed|key-near-miss|type-mismatch|date-invalid/.test(p.code)),
      [],
    );
    assert.equal(run.code, 1);
    const text = await runCliCaptured(['validate'], root);
    assert.equal(text.code, 1);
    assert.match(text.err, /^146 files checked: 1 errors, \d+ warnings$/m);
  });

  it('then list: every proposal under its TEP-nnnn ID', async () => {
    const run = await runCliCaptured(['list', '--format', 'json', '--sort', 'id'], root);
    assert.equal(run.err, '');
    const rows = JSON.parse(run.out) as Array<{ id: string; file: string }>;
    assert.equal(rows.length, 146);
    for (const row of rows) assert.equal(row.id, `TEP-${path.basename(row.file).slice(0, 4)}`, row.file);
    const table = await runCliCaptured(['list'], root);
    assert.match(table.out, /^TEP-0090 .* Matrix/m);
  });

  it('a second adopt keeps the schema file without --force, and says so', async () => {
    const before = snapshotFiles(path.join(root, '.reqdesk'));
    const run = await runCliCaptured(['adopt', 'teps'], root);
    assert.equal(run.code, 1);
    assert.equal(
      run.err,
      '.reqdesk/schema.yaml exists already: it is kept. Give --force to replace it with the draft.\nNothing was written.',
    );
    assert.deepEqual(snapshotFiles(path.join(root, '.reqdesk')), before);
    const forced = await runCliCaptured(['adopt', 'teps', '--force'], root);
    assert.equal(forced.code, 0);
  });
});

describe('cli: reqdesk adopt on a small folder', function () {
  const tmp = tempDirForSuite('reqdesk-adopt-');
  const note = (n: number, status: string) =>
    `---\ntitle: Note ${n}\nstatus: ${status}\ncreated: 2024-01-0${n}\n---\n\n# DN-0${n}: Note ${n}\n`;

  beforeEach(() => {
    rmSync(path.join(tmp.dir, 'ws'), { recursive: true, force: true });
    mkdirSync(path.join(tmp.dir, 'ws', 'notes'), { recursive: true });
    for (let n = 1; n <= 4; n++) writeFileSync(path.join(tmp.dir, 'ws', 'notes', `0${n}-note.md`), note(n, n % 2 ? 'draft' : 'accepted'));
    writeFileSync(path.join(tmp.dir, 'ws', 'notes', 'README.md'), '# Notes\n');
  });

  it('--dry-run prints the draft and writes nothing', async () => {
    const ws = path.join(tmp.dir, 'ws');
    const before = snapshotFiles(ws);
    const run = await runCliCaptured(['adopt', 'notes', '--dry-run', '--root', ws], tmp.dir);
    assert.equal(run.code, 0);
    assert.match(run.out, /^statuses: /m);
    assert.match(run.out, /^ {2}"reqdesk\.id\.prefixes": \[$/m);
    assert.equal(run.out.split('\n').at(-1), 'Nothing was written (--dry-run).');
    assert.deepEqual(snapshotFiles(ws), before);
  });

  it('merges the settings into a settings file with comments, keeping them and the other keys', async () => {
    const ws = path.join(tmp.dir, 'ws');
    mkdirSync(path.join(ws, '.vscode'));
    const original = '{\n  // the team\'s editor settings\n  "editor.tabSize": 4,\n  "reqdesk.exclude": ["drafts/**"],\n}\n';
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), original);
    const run = await runCliCaptured(['adopt', 'notes', '--root', ws, '--lang', 'zh-CN'], tmp.dir);
    assert.equal(run.code, 0, run.err);
    const text = readFileSync(path.join(ws, '.vscode', 'settings.json'), 'utf8');
    assert.ok(text.startsWith('{\n  // the team\'s editor settings\n  "editor.tabSize": 4,\n'), text);
    assert.deepEqual(parse(text), {
      'editor.tabSize': 4,
      'reqdesk.exclude': ['drafts/**', 'notes/README.md'],
      'reqdesk.include': ['notes/*.md'],
      'reqdesk.id.prefixes': ['DN'],
      'reqdesk.id.format': '{prefix}-{seq:2}',
    });
    assert.ok(existsSync(path.join(ws, '.reqdesk', 'schema.yaml')));
    const list = await runCliCaptured(['list', '--format', 'json', '--sort', 'id', '--root', ws], tmp.dir);
    assert.deepEqual(
      (JSON.parse(list.out) as Array<{ id: string }>).map((r) => r.id),
      ['DN-01', 'DN-02', 'DN-03', 'DN-04'],
    );
  });

  it('a settings file that is not valid JSON is not touched, and nothing is written', async () => {
    const ws = path.join(tmp.dir, 'ws');
    mkdirSync(path.join(ws, '.vscode'));
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), '{ "a": ');
    const before = snapshotFiles(ws);
    const run = await runCliCaptured(['adopt', 'notes', '--root', ws], tmp.dir);
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /^reqdesk: \.vscode\/settings\.json: \w+ at offset \d+; fix it first, it is not edited\.\nNothing was written\.$/,
    );
    assert.deepEqual(snapshotFiles(ws), before);
  });

  it('wrong usage: no folder, a folder outside the workspace, a folder without records', async () => {
    const ws = path.join(tmp.dir, 'ws');
    assert.equal((await runCliCaptured(['adopt', '--root', ws], tmp.dir)).code, 2);
    const outside = await runCliCaptured(['adopt', '..', '--root', ws], tmp.dir);
    assert.equal(outside.code, 2);
    assert.match(outside.err, /^reqdesk: \.\. is not inside the workspace /);
    mkdirSync(path.join(ws, 'empty'));
    writeFileSync(path.join(ws, 'empty', 'README.md'), '# Nothing\n');
    const empty = await runCliCaptured(['adopt', 'empty', '--root', ws], tmp.dir);
    assert.equal(empty.code, 1);
    assert.equal(empty.err, 'No Markdown file with front-matter under empty: nothing to adopt.');
  });
});
