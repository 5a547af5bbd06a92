// Shared helpers of the unit tests: fixture files, a default validation context, positions as
// "line:column" and an in-memory FileSource. Not a test file itself (no `.test.ts`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../src/cli/main';
import { compileIdGrammar } from '../../src/core/ids';
import { localizeLater } from '../../src/core/l10n';
import type { FileSource, FileStat, IndexCacheStore } from '../../src/core/index';
import type { Problem } from '../../src/core/problems';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { parseTeamSchema, type TeamRules } from '../../src/core/teamSchema';
import { LineIndex, type OffsetRange } from '../../src/core/text';
import type { ValidationContext } from '../../src/core/validate';
import { ESSENTIALS_BODY } from '../fixtures/essentialsBody';
import { isolatedEnv } from '../support/gitEnv';

// The bundles run from out/test/unit: the repository is three folders up.
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const RECORDS_DIR = path.join(REPO_ROOT, 'test/fixtures/records');

/** The examples with the git history examples/build-git-demo.mjs writes, in `dir` (git isolated). */
export function buildGitDemo(dir: string): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'examples', 'build-git-demo.mjs'), dir], { stdio: 'ignore', env: isolatedEnv() });
}

/**
 * For a suite: a temporary folder (`dir`, named from `prefix`) holding the git demo (`repo`), made
 * before the suite and removed after it. The fields are set once the suite's hooks have run.
 */
export function gitDemoForSuite(prefix: string): { dir: string; repo: string } {
  const demo = { dir: '', repo: '' };
  before(() => {
    demo.dir = mkdtempSync(path.join(tmpdir(), prefix));
    demo.repo = path.join(demo.dir, 'demo');
    buildGitDemo(demo.repo);
  });
  after(() => rmSync(demo.dir, { recursive: true, force: true }));
  return demo;
}

/** A validator for the official SARIF 2.1.0 schema (OASIS, JSON Schema draft-04). */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv04({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

export function fixture(name: string): string {
  return readFileSync(path.join(RECORDS_DIR, name), 'utf8');
}

export function fixtureNames(): string[] {
  return readdirSync(RECORDS_DIR)
    .filter((n) => n.endsWith('.md'))
    .sort();
}

export function contextFor(settings: Settings = DEFAULT_SETTINGS): ValidationContext {
  return { settings, grammar: compileIdGrammar(settings.idPrefixes, settings.idFormat) };
}

export const CTX = contextFor();

/** A range as 1-based "line:column-line:column", the way editors and the CLI show it. */
export function at(text: string, range: OffsetRange): string {
  const index = new LineIndex(text);
  const s = index.position(range.start);
  const e = index.position(range.end);
  return `${s.line + 1}:${s.column + 1}-${e.line + 1}:${e.column + 1}`;
}

/** The parts of a problem a test pins down, with its range as line:column. */
export function summary(text: string, p: Problem) {
  return { code: p.code, severity: p.severity, at: at(text, p.range) };
}

/**
 * IDs glued into longer tokens or one digit short: neither the core's ID scanner nor the editor's
 * highlighting grammar may find an ID in them.
 */
export const ID_NEAR_MISSES = [
  'XREQ-2024-001',
  'REQ-2024-0012a',
  'REQ-2024-001_x',
  '_REQ-2024-001',
  '1REQ-2024-001',
  'a需求-2024-001',
  'REQ-2024-01',
];

export const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
export const bom = (text: string) => `\uFEFF${text}`;

/** 1-based line of the first line containing `needle`, and the 1-based column where it starts. */
export function lineOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return { line: i + 1, column: lines[i]!.indexOf(needle) + 1 };
}

interface MemoryFile {
  bytes: Uint8Array;
  mtime: number;
}

/** A FileSource over a Map, with counters and files that vanish between list and read. */
export class MemorySource implements FileSource {
  readonly files = new Map<string, MemoryFile>();
  /** Listed but gone by the time they are read or stat'ed. */
  readonly vanishing = new Set<string>();
  reads: string[] = [];

  set(file: string, content: string | Uint8Array, mtime = 1): this {
    this.files.set(file, { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, mtime });
    return this;
  }

  async list(): Promise<string[]> {
    return [...this.files.keys(), ...this.vanishing].sort();
  }

  async read(file: string): Promise<Uint8Array> {
    this.reads.push(file);
    const f = this.files.get(file);
    if (!f || this.vanishing.has(file)) throw Object.assign(new Error(`${file}: gone`), { code: 'ENOENT' });
    return f.bytes;
  }

  async stat(file: string): Promise<FileStat> {
    const f = this.files.get(file);
    if (!f || this.vanishing.has(file)) throw Object.assign(new Error(`${file}: gone`), { code: 'ENOENT' });
    return { mtime: f.mtime, size: f.bytes.length };
  }
}

export class MemoryCache implements IndexCacheStore {
  saves = 0;
  constructor(public data?: string) {}
  async load(): Promise<string | undefined> {
    return this.data;
  }
  async save(data: string): Promise<void> {
    this.saves++;
    this.data = data;
  }
}

/** A small valid record with the given front-matter lines replacing or adding to the defaults. */
export function record(fields: Record<string, string> = {}, body = ESSENTIALS_BODY): string {
  const base: Record<string, string> = {
    id: 'REQ-2026-001',
    title: 'Scan pallets at the goods-in dock',
    type: 'functional',
    status: 'new',
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => (v.startsWith('\n') ? `${k}:${v}` : `${k}: ${v}`));
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

export { ESSENTIALS_BODY };

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with captured output, on a fixed date (1 June 2026). */
export async function runCliCaptured(argv: string[], cwd: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} }, new Date(2026, 5, 1));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every file below a folder as bytes, by relative path: compare two to see that nothing was written. */
export function snapshotFiles(dir: string, rel = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(path.join(dir, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, r)).isDirectory()) for (const [k, v] of snapshotFiles(dir, r)) files.set(k, v);
    else files.set(r, readFileSync(path.join(dir, r)));
  }
  return files;
}

/** Files larger than this are fingerprinted by size and time, not read (sparse test files of gigabytes). */
const HASHED_UP_TO = 64 * 1024 * 1024;

/**
 * Every entry below a folder: a file's SHA-256 (a huge file's size and modification time), a
 * link's target, a folder's name. Links are not followed: compare two to see that nothing was
 * written, through a link or otherwise.
 */
export function treeHashes(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const full = path.join(dir, r);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) out.set(r, `link → ${readlinkSync(full)}`);
    else if (stat.isDirectory()) {
      out.set(r, 'folder');
      for (const [k, v] of treeHashes(dir, r)) out.set(k, v);
    } else if (!stat.isFile()) out.set(r, 'not a regular file (FIFO, socket or device)');
    else if (stat.size > HASHED_UP_TO) out.set(r, `${stat.size} bytes, modified ${stat.mtimeMs}`);
    else out.set(r, `${createHash('sha256').update(readFileSync(full)).digest('hex')} mode ${(stat.mode & 0o7777).toString(8)}`);
  }
  return out;
}

/**
 * The real corpus (tekton-community.bundle, or a clone of it named by REQDESK_CORPUS) for a test
 * that needs it; the test is marked pending, saying where it looked, when it is not there.
 */
export function corpusOrSkip(test: Mocha.Context): string {
  const bundle = process.env.REQDESK_CORPUS ?? path.resolve(REPO_ROOT, '../shared/corpus/tekton-community.bundle');
  if (!existsSync(bundle)) {
    console.log(`      pending: the corpus ${bundle} is not here (set REQDESK_CORPUS to a clone or bundle)`);
    test.skip();
  }
  return bundle;
}

/** Every Markdown file below `dir` (`.git` left out), in name order. */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === '.git') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full));
    else if (name.endsWith('.md')) out.push(full);
  }
  return out;
}

/** Runs `body` on a work tree of the corpus: the folder itself, or a clone of the bundle, removed after. */
export function withCorpusTree<T>(bundle: string, body: (root: string) => T): T {
  if (statSync(bundle).isDirectory()) return body(bundle);
  const dir = mkdtempSync(path.join(tmpdir(), 'reqdesk-corpus-'));
  try {
    const root = path.join(dir, 'repo');
    execFileSync('git', ['clone', '--quiet', bundle, root], { stdio: ['ignore', 'ignore', 'inherit'] });
    return body(root);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rules of a team schema file's text; a file with problems fails the test, naming them. */
export function rulesOf(text: string): TeamRules {
  const result = parseTeamSchema(text);
  if (!result.ok)
    assert.fail(`the team schema does not parse:\n${text}\n${result.problems.map((p) => localizeLater('en', p.message)).join('\n')}`);
  return result.rules;
}
