// The hostile-input corpus (test/fixtures/hostile) through the CLI and the index: no crash, no
// hang, exactly the expected problem for each file at its line:column, and nothing written.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeFileSource } from '../../src/cli/nodeFileSource';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type FileSource } from '../../src/core/index';
import { formatMessage } from '../../src/core/messages';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { printable } from '../../src/core/terminalText';
import {
  buildHostileCorpus,
  GENERATED,
  hostileDir,
  hostileExpectations,
  OUTSIDE_LINK,
  outsideRecord,
  SPARSE,
  SPARSE_BYTES,
  SYMLINKS,
  TWENTY_MB,
} from '../fixtures/hostile/build';
import { REPO_ROOT, runCliCaptured, treeHashes } from './support';

const run = runCliCaptured;

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  code: string;
  severity: string;
  message: string;
}

/** The JSON output as the manifest's shape: file name → ["code line:column", …]. */
function byFile(problems: readonly JsonProblem[], names: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const p of problems) (out[p.file.replace(/^requirements\//, '')] ??= []).push(`${p.code} ${p.line}:${p.column}`);
  return out;
}

describe('hostile input: the corpus through reqdesk validate', function () {
  this.timeout(120_000);
  const expected = hostileExpectations(REPO_ROOT);
  let root: string;
  let dir: string;
  let original: Map<string, string>;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-hostile-'));
    dir = path.join(root, 'requirements');
    buildHostileCorpus(REPO_ROOT, dir);
    original = treeHashes(root);
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('the manifest names every file of the corpus, committed and generated, and nothing else', () => {
    const committed = readdirSync(path.join(hostileDir(REPO_ROOT), 'requirements'));
    const files = [
      ...committed,
      ...Object.keys(GENERATED),
      TWENTY_MB,
      SPARSE,
      OUTSIDE_LINK,
      ...Object.keys(SYMLINKS).filter((n) => n.endsWith('.md')),
    ].sort();
    assert.deepEqual(Object.keys(expected).sort(), files);
    assert.ok(files.length >= 50, `${files.length} inputs`);
    console.log(`      ${files.length} hostile inputs (${committed.length} committed, ${files.length - committed.length} generated)`);
    // Names with spaces and CJK characters are part of it.
    assert.ok(files.some((f) => f.includes(' ') && /[\u4e00-\u9fff]/.test(f)));
    // The byte-exact cases really are what they claim (a checkout that rewrote line ends would not be).
    const bytes = (name: string) => readFileSync(path.join(dir, name));
    assert.ok(bytes('crlf-wrong-type.md').includes('\r\n') && !/[^\r]\n/.test(bytes('crlf-wrong-type.md').toString('latin1')));
    assert.ok(!bytes('lone-cr-line-endings.md').includes('\n'));
    assert.deepEqual([...bytes('bom-wrong-type.md').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(bytes('nul-bytes.md').includes(0));
    assert.equal(lstatSync(path.join(dir, TWENTY_MB)).size >= 20 * 1024 * 1024, true);
    assert.equal(lstatSync(path.join(dir, SPARSE)).size, SPARSE_BYTES);
    assert.ok(lstatSync(path.join(dir, OUTSIDE_LINK)).isSymbolicLink());
  });

  it('in process: exit 1, exactly the expected problems of each file at their line:column, nothing written', async () => {
    const r = await run(['validate', '--format', 'json'], root);
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out) as { summary: { files: number }; problems: JsonProblem[] };
    assert.deepEqual(byFile(json.problems, Object.keys(expected)), expected);
    assert.equal(json.summary.files, Object.keys(expected).length);
    // Every message is complete in both languages (no placeholder left, no empty text).
    const zh = JSON.parse((await run(['validate', '--format', 'json', '--lang', 'zh-CN'], root)).out) as { problems: JsonProblem[] };
    assert.equal(zh.problems.length, json.problems.length);
    for (const p of [...json.problems, ...zh.problems]) {
      assert.ok(p.line >= 1 && p.column >= 1, `${p.file} ${p.code}`);
      assert.doesNotMatch(p.message, /\{\d+\}|@word:|@file:|undefined/, `${p.file} ${p.code}: ${p.message}`);
    }
    for (const p of zh.problems) assert.match(p.message, /[\u4e00-\u9fff]/, `${p.file} ${p.code}`);
    // Front-matter code was never run.
    assert.equal((globalThis as { reqdeskHostileRan?: unknown }).reqdeskHostileRan, undefined);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    assert.deepEqual(treeHashes(root), original);
  });

  it('the text format gives one located line per problem, each starting with its file name (escaped), nothing forged', async () => {
    const r = await run(['validate'], root);
    assert.equal(r.code, 1);
    const lines = r.out.split('\n');
    assert.equal(lines.length, Object.values(expected).flat().length);
    // File names and values with line breaks, escape sequences and workflow commands are in the
    // corpus: each line is one real problem of a real file, at its line:column.
    const shown = Object.keys(expected)
      .map((name) => [`requirements/${printable(name)}`, name] as const)
      .sort((a, b) => b[0].length - a[0].length);
    const found: Record<string, string[]> = Object.fromEntries(Object.keys(expected).map((n) => [n, []]));
    for (const line of lines) {
      const file = shown.find(([prefix]) => line.startsWith(`${prefix}:`));
      assert.ok(file, `a line that names no file of the corpus: ${line}`);
      const m = /^:(\d+):(\d+): (?:error|warning) ([a-z-]+) [^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+$/.exec(
        line.slice(file[0].length),
      );
      assert.ok(m, line);
      found[file[1]]!.push(`${m[3]} ${m[1]}:${m[2]}`);
      assert.doesNotMatch(line, /^\s*::|##\[/);
    }
    assert.deepEqual(found, expected);
    assert.match(r.err, /^\d+ files checked: \d+ errors, \d+ warnings$/);
  });

  it('as a real child process (node dist/cli.js) within a time limit: the same problems, nothing written', () => {
    execFileSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const child = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'validate', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
    });
    assert.equal(child.error, undefined, 'the process ran to its end (no hang past the limit)');
    assert.equal(child.signal, null);
    assert.equal(child.status, 1, child.stderr);
    assert.equal(child.stderr, '');
    const json = JSON.parse(child.stdout) as { problems: JsonProblem[] };
    assert.deepEqual(byFile(json.problems, Object.keys(expected)), expected);
    assert.deepEqual(treeHashes(root), original);
  });

  it('reqdesk set on hostile files refuses with a message and writes nothing', async () => {
    const outside = readFileSync(outsideRecord(REPO_ROOT));
    const cases: Array<[string, RegExp]> = [
      [
        'REQ-2026-781',
        /generated link to a record outside\.md: not written: it is a symbolic link \(to .*record outside the workspace\.md\), and ReqDesk never writes through a link/,
      ],
      ['REQ-2026-799', /used by 2 files/], // duplicate ID
      ['REQ-2026-701', /YAML errors \(line 5: Missing closing "quote\)/],
      ['REQ-2026-714', /YAML errors \(line 6: custom tag !foo is not allowed\)/],
      ['REQ-2026-717', /YAML errors \(line 6: too many aliases/],
      ['REQ-2026-753', /YAML errors \(line 6: lists or mappings nested more than 100 levels deep\)/],
      ['REQ-2026-754', /YAML errors \(line 2: lists or mappings nested more than 100 levels deep\)/],
    ];
    for (const [id, message] of cases) {
      const r = await run(['set', id, 'status=planned'], root);
      assert.equal(r.code, 1, `${id}: ${r.out}`);
      assert.match(r.err, message, id);
      assert.match(r.err, /Nothing was changed\./, id);
    }
    assert.deepEqual(treeHashes(root), original);
    assert.deepEqual(readFileSync(outsideRecord(REPO_ROOT)), outside, 'the record outside the workspace is untouched');
  });
});

describe('hostile input: files deleted or replaced while the index reads them', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-hostile-scan-'));
    buildHostileCorpus(REPO_ROOT, path.join(root, 'requirements'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** The CLI's source, with files deleted, replaced by a folder, or rewritten just before they are read. */
  function changingSource(changes: Record<string, 'delete' | 'folder' | 'rewrite'>): FileSource & { listed: string[] } {
    const settings = DEFAULT_SETTINGS;
    const inner = new NodeFileSource({ root, include: settings.include, exclude: settings.exclude });
    const listed: string[] = [];
    return {
      listed,
      list: async () => {
        const files = await inner.list();
        listed.push(...files);
        return files;
      },
      read: async (file) => {
        const change = changes[file.replace(/^requirements\//, '')];
        const full = inner.absolute(file);
        if (change === 'delete' || change === 'folder') rmSync(full, { force: true });
        if (change === 'folder') mkdirSync(full);
        if (change === 'rewrite')
          writeFileSync(full, '---\nid: REQ-2026-798\ntitle: Rewritten meanwhile\ntype: functional\nstatus: nope\n---\n');
        return inner.read(file);
      },
      stat: (file) => inner.stat(file),
    };
  }

  it('a deleted file and one replaced by a folder are skipped as vanished; a rewritten one is read as it is now', async () => {
    const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
    const source = changingSource({ 'wrong-values.md': 'delete', 'yaml-tab-indent.md': 'folder', 'custom-tag-binary.md': 'rewrite' });
    const stats = await index.build(source);
    assert.equal(stats.files, source.listed.length);
    assert.equal(stats.vanished, 2);
    assert.equal(stats.parsed, stats.files - 2);
    assert.equal(index.get('requirements/wrong-values.md'), undefined);
    assert.equal(index.get('requirements/yaml-tab-indent.md'), undefined);
    const rewritten = index.get('requirements/custom-tag-binary.md')!;
    assert.equal(rewritten.id, 'REQ-2026-798');
    assert.deepEqual(
      rewritten.problems.map((p) => p.code),
      ['enum-unknown', ...Array<string>(4).fill('essential-missing')],
    );
    // The rest of the corpus is indexed as usual.
    assert.equal(index.get('requirements/alias bomb 别名炸弹.md')?.problems[0]?.code, 'yaml-alias-limit');
    assert.equal(
      formatMessage('file-unreadable', index.get('requirements/generated symlink loop self.md')!.problems[0]!.args, 'en'),
      'The file could not be read: ELOOP',
    );
  });

  it('reqdesk validate after such a scan reports the files as they are then', async () => {
    const r = await run(['validate', '--format', 'json'], root);
    assert.equal(r.code, 1);
    const files = new Set((JSON.parse(r.out) as { problems: JsonProblem[] }).problems.map((p) => p.file));
    assert.ok(!files.has('requirements/wrong-values.md'));
    assert.ok(!files.has('requirements/yaml-tab-indent.md'), 'a folder is not a requirement file');
    assert.ok(files.has('requirements/custom-tag-binary.md'));
  });
});
