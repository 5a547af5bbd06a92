// The real-corpus tier: what users have, not generated records. From a clone of tektoncd/community,
// (a) `reqdesk validate` in-process on the proposals as they are (their own front-matter, so every
// file gets problems), and (b) an index build of a corpus of records whose bodies are the real
// proposals' bodies. Each is measured against reading the same files and loading their front-matter
// with js-yaml, the two alternating round by round; a figure is the median of the per-round ratios,
// with their spread.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as jsYaml from 'js-yaml';
import { adoptCommand } from '../src/cli/adoptCommand';
import { validateCommand } from '../src/cli/validateCommand';
import { NodeFileSource } from '../src/cli/nodeFileSource';
import { splitFile } from '../src/core/frontmatter';
import { terminalSafe } from '../src/core/terminalText';
import { compileIdGrammar } from '../src/core/ids';
import { RequirementIndex } from '../src/core/index';
import { DEFAULT_SETTINGS, type Settings } from '../src/core/settings';
import { timelyFindings } from '../src/core/timely';
import { FileCache } from './fileCache';
import { readAndLoadFrontMatter } from './floor';
import { BENCH_DATE, plannedProblem, realRecord, type Proposal } from './realRecord';
import { gc, median, roundRatios } from './stats';
import { cloneCorpus, corpusPath } from './tektonClone';

/** Bump when realRecord changes, so that a kept corpus is written anew. */
const REAL_CORPUS_VERSION = 1;

export interface RealCorpusOptions {
  /** --corpus: the bundle or a clone; default REQDESK_CORPUS, then beside the repository. */
  corpus?: string;
  repoRoot: string;
  records: number;
  rounds: number;
  log: (line: string) => void;
}

export type RealCorpusFigures = Awaited<ReturnType<typeof measureTeps>> &
  Awaited<ReturnType<typeof measureTepsAdopted>> &
  Awaited<ReturnType<typeof measureRealBodies>>;

/** Keys of the bench's JSON; undefined (the tier said why) when there is no corpus. */
export async function measureRealCorpus(options: RealCorpusOptions): Promise<RealCorpusFigures | undefined> {
  const location = corpusPath(options.corpus, options.repoRoot);
  const clone = cloneCorpus(location);
  if (!clone) {
    options.log(`real corpus: skipped (no bundle at ${location}; pass --corpus PATH or set REQDESK_CORPUS)`);
    return undefined;
  }
  const teps = await measureTeps(clone.root, options);
  const team = await measureTepsAdopted(clone.root, clone.commit, options);
  const corpus = await measureRealBodies(clone.root, clone.commit, options);
  return { ...teps, ...team, ...corpus };
}

/** Every Markdown file under teps/ (the proposals, their index and the tool's README), sorted. */
function tepFiles(root: string): string[] {
  const dir = path.join(root, 'teps');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Alternates the floor and the measured work, after one warm-up of each; both medians and the ratios' spread. */
async function interleave(files: readonly string[], rounds: number, measured: () => Promise<number>) {
  await gc();
  await readAndLoadFrontMatter(files);
  await gc();
  await measured();
  const floors: number[] = [];
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Each measurement starts on a clean heap: garbage of the last one must not bill this one.
    await gc();
    floors.push(await readAndLoadFrontMatter(files));
    await gc();
    times.push(await measured());
  }
  return { floors, times, floorMs: Math.round(median(floors)), ms: Math.round(median(times)), ...roundRatios(times, floors) };
}

/** (a) `reqdesk validate teps/…md` as a CI job runs it, in-process, on the proposals as they are. */
async function measureTeps(root: string, options: RealCorpusOptions) {
  const files = tepFiles(root);
  let output = '';
  const validate = async () => {
    const out: string[] = [];
    // What runCli does for `validate`: the command, its output made terminal-safe. runCli itself
    // is not imported: its module runs the command line when it is the bundle's main module.
    const io = { out: (text: string) => out.push(terminalSafe(text)), err: (text: string) => void terminalSafe(text), cwd: root, env: {} };
    const started = performance.now();
    await validateCommand(['--format', 'json', ...files], io, new Date());
    const ms = performance.now() - started;
    output = out.join('\n');
    return ms;
  };
  // More rounds than the large tiers: a round is short, and a short round is noisy.
  const figures = await interleave(files, Math.max(7, options.rounds), validate);
  const report = JSON.parse(output) as { summary: { files: number }; problems: Array<{ file: string }> };
  const withProblems = new Set(report.problems.map((p) => p.file)).size;
  if (report.summary.files !== files.length || withProblems !== files.length) {
    throw new Error(`validate checked ${report.summary.files} of ${files.length} proposals, ${withProblems} with problems`);
  }
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
  options.log(
    `real corpus (a): ${files.length} Markdown files of teps/ as they are; rounds: floor ${ms(figures.floors)}; ` +
      `validate ${ms(figures.times)}`,
  );
  return {
    teps_files: files.length,
    teps_floor_ms: figures.floorMs,
    teps_validate_ms: figures.ms,
    teps_validate_ratio: figures.ratio,
    teps_validate_ratio_min: figures.ratioMin,
    teps_validate_ratio_max: figures.ratioMax,
  };
}

/**
 * (c) The proposals adopted as a team would: a copy of teps/ where `reqdesk adopt teps` wrote its
 * team schema and settings, then `reqdesk validate` of the workspace in-process (the records the
 * include setting selects; the one genuine error, 0037's status, is checked). A team schema must
 * not cost what the built-in one does not.
 */
async function measureTepsAdopted(root: string, commit: string, options: RealCorpusOptions) {
  const copy = path.join(os.tmpdir(), `reqdesk-bench-tekton-adopted-${commit.slice(0, 12)}`);
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  cpSync(path.join(root, 'teps'), path.join(copy, 'teps'), { recursive: true });
  const quiet = { out: () => undefined, err: () => undefined, cwd: copy, env: {} };
  if ((await adoptCommand(['teps'], quiet)) !== 0) throw new Error('reqdesk adopt teps failed');
  const files = readdirSync(path.join(copy, 'teps'))
    .filter((f) => /^\d{4}-.*\.md$/.test(f))
    .map((f) => path.join(copy, 'teps', f))
    .sort();
  let output = '';
  const validate = async () => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(terminalSafe(text)), err: (text: string) => void terminalSafe(text), cwd: copy, env: {} };
    const started = performance.now();
    await validateCommand(['--format', 'json'], io, new Date());
    const ms = performance.now() - started;
    output = out.join('\n');
    return ms;
  };
  const figures = await interleave(files, Math.max(7, options.rounds), validate);
  const report = JSON.parse(output) as { summary: { files: number; errors: number } };
  if (report.summary.files !== files.length || report.summary.errors !== 1) {
    throw new Error(
      `adopted proposals: validate checked ${report.summary.files} of ${files.length} files, ${report.summary.errors} errors (1 expected)`,
    );
  }
  rmSync(copy, { recursive: true, force: true });
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
  options.log(
    `real corpus (c): ${files.length} proposals under the schema \`reqdesk adopt teps\` wrote; rounds: floor ${ms(figures.floors)}; ` +
      `validate ${ms(figures.times)}`,
  );
  return {
    teps_team_files: files.length,
    teps_team_floor_ms: figures.floorMs,
    teps_team_validate_ms: figures.ms,
    teps_team_validate_ratio: figures.ratio,
    teps_team_validate_ratio_min: figures.ratioMin,
    teps_team_validate_ratio_max: figures.ratioMax,
  };
}

/** The numbered proposals (not the READMEs): title, first author and body. */
function proposals(root: string): Proposal[] {
  return tepFiles(root)
    .filter((file) => /^\d{4}-/.test(path.basename(file)))
    .map((file) => {
      const split = splitFile(readFileSync(file, 'utf8'));
      const front = (jsYaml.load(split.text.slice(4, split.text.indexOf('\n---', 3))) ?? {}) as { title?: string; authors?: string[] };
      return {
        tep: `TEP-${path.basename(file).slice(0, 4)}`,
        title: front.title ?? path.basename(file, '.md'),
        author: front.authors?.[0] ?? 'tekton',
        body: split.text.slice(split.bodyStart),
      };
    });
}

/**
 * Writes the corpus once per commit and reuses it: files written moments before are still being
 * flushed by the kernel, and that write-back would be measured as if it were reading.
 */
function writeRealCorpus(root: string, commit: string, records: number): { dir: string; files: string[] } {
  const dir = path.join(os.tmpdir(), `reqdesk-bench-real-${records}-${commit.slice(0, 12)}`);
  const sources = proposals(root);
  const files = Array.from({ length: records }, (_, i) => {
    const tep = sources[i % sources.length]!.tep.toLowerCase();
    return path.join(dir, 'requirements', 'real', `REQ-2026-${String(i + 1).padStart(5, '0')}-${tep}.md`);
  });
  const stamp = path.join(dir, `real-corpus-v${REAL_CORPUS_VERSION}.done`);
  if (existsSync(stamp)) return { dir, files };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'requirements', 'real'), { recursive: true });
  // Dated an hour back, as files in a repository are (the index trusts its cache only for those).
  const past = new Date(Date.now() - 3_600_000);
  files.forEach((file, i) => {
    writeFileSync(file, realRecord(i, sources[i % sources.length]!));
    utimesSync(file, past, past);
  });
  try {
    execFileSync('sync');
  } catch {
    // No sync(1): the first rounds may be noisier.
  }
  writeFileSync(stamp, '');
  return { dir, files };
}

/** (b) A cold index build of records with real bodies, as the index tier builds the generated ones. */
async function measureRealBodies(root: string, commit: string, options: RealCorpusOptions) {
  const { dir, files } = writeRealCorpus(root, commit, options.records);
  const settings: Settings = { ...DEFAULT_SETTINGS, include: ['**/requirements/**/*.md'] };
  const grammar = compileIdGrammar(settings.idPrefixes, settings.idFormat);
  const source = new NodeFileSource({ root: dir, include: settings.include, exclude: settings.exclude });
  const cacheFile = path.join(os.tmpdir(), `reqdesk-bench-real-cache-${process.pid}.json`);
  const build = async () => {
    rmSync(cacheFile, { force: true });
    await gc();
    const index = new RequirementIndex(settings, grammar);
    const started = performance.now();
    await index.build(source, { cache: new FileCache(cacheFile) });
    const ms = performance.now() - started;
    if (index.size !== files.length) throw new Error(`indexed ${index.size} of ${files.length}`);
    // Written after the index is ready to query, as the extension does.
    await index.saveCache(new FileCache(cacheFile));
    return ms;
  };
  await checkPlannedProblems(source, settings, grammar, files.length);
  const figures = await interleave(files, options.rounds, build);
  rmSync(cacheFile, { force: true });
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
  const kb = files.reduce((n, f) => n + statSync(f).size, 0) / files.length / 1024;
  options.log(`real corpus (b): ${files.length} records with real bodies (~${kb.toFixed(1)} KB) in ${dir}`);
  options.log(`  rounds: floor ${ms(figures.floors)}; index ${ms(figures.times)}`);
  return {
    real_corpus_n: files.length,
    real_corpus_floor_ms: figures.floorMs,
    real_corpus_index_ms: figures.ms,
    real_corpus_ratio: figures.ratio,
    real_corpus_ratio_min: figures.ratioMin,
    real_corpus_ratio_max: figures.ratioMax,
  };
}

/** Each record has exactly the problem it was written with, or none: the corpus is what it claims. */
async function checkPlannedProblems(
  source: NodeFileSource,
  settings: Settings,
  grammar: ReturnType<typeof compileIdGrammar>,
  count: number,
): Promise<void> {
  const index = new RequirementIndex(settings, grammar);
  await index.build(source);
  const timely = { workdays: settings.workdays, holidays: settings.holidays, lowSatisfaction: settings.lowSatisfaction };
  for (const record of index.all()) {
    const i = Number(/REQ-2026-(\d{5})/.exec(record.file)![1]) - 1;
    const codes = new Set<string>(index.problemsFor(record.file).flatMap((p) => (p.severity === 'hint' ? [] : [p.code])));
    for (const f of timelyFindings(record.data, BENCH_DATE, timely)) codes.add(f.code);
    const planned = plannedProblem(i);
    if (codes.size !== (planned ? 1 : 0) || (planned && !codes.has(planned))) {
      throw new Error(`${record.file} has ${[...codes].join(', ') || 'no problem'}, not ${planned ?? 'none'}`);
    }
  }
  if (index.size !== count) throw new Error(`indexed ${index.size} of ${count}`);
}
