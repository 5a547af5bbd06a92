// The code/test index of a large tree (requirement → code and tests): a generated git work tree of
// 50,000 source and test files, 2 % of them mentioning requirement IDs, plus an ignored build
// folder; the index built warm (the OS file cache filled by a first run) with ripgrep and with the
// node search, and the update of one saved file. Target: the warm index under 2 s.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeFileRules, codeRefsIn, DEFAULT_TEST_FILES } from '../src/core/codeRefs';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../src/core/ids';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { scanCodeRefs, type CodeScan } from '../src/files/codeScanner';
import { isolatedEnv, pinProcessEnv } from '../test/support/gitEnv';
import { gc, median, percentile } from './stats';

/** Bump when the generated tree changes, so that a kept tree is generated anew. */
const TREE_VERSION = 1;

export interface CodeIndexFigures {
  code_index_files: number;
  code_index_mentions: number;
  /** Warm index with ripgrep; absent when no ripgrep is here. */
  code_index_rg_warm_ms?: number;
  code_index_node_warm_ms: number;
  /** One saved file read again for its mentions. */
  code_index_save_p95_us: number;
}

/** A source file of about 40 lines; every 50th mentions a requirement (every 100th in a test, two). */
function sourceText(i: number, test: boolean): string {
  const lines = [`// Module ${i}: part of the generated bench tree`, `import { helper${i % 97} } from '../lib/helper';`, ''];
  if (i % 50 === 0)
    lines.push(
      test
        ? `it('REQ-2026-${String(i % 900).padStart(3, '0')} behaves', () => {});`
        : `// Implements REQ-2026-${String(i % 900).padStart(3, '0')}`,
    );
  if (i % 100 === 0) lines.push(`// Refs: 需求-2025-${String(i % 400).padStart(3, '0')}`);
  for (let k = 0; k < 36; k++) lines.push(`export function f${i}_${k}(x: number): number { return helper${i % 97}(x) + ${k}; }`);
  return `${lines.join('\n')}\n`;
}

/** The tree, kept in the temporary folder per version and size: generating it takes a while. */
function tree(files: number): { root: string; generatedMs: number } {
  const root = path.join(os.tmpdir(), `reqdesk-bench-code-${TREE_VERSION}-${files}`);
  const stamp = `${root}.done`;
  if (existsSync(stamp)) return { root, generatedMs: 0 };
  const started = performance.now();
  rmSync(root, { recursive: true, force: true });
  for (let i = 0; i < files; i++) {
    const pkg = `packages/pkg${Math.floor(i / 500)}`;
    const test = i % 5 === 0;
    const file = test ? `${pkg}/test/module${i}.test.ts` : `${pkg}/src/module${i}.ts`;
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), sourceText(i, test));
  }
  // Build output a .gitignore leaves out: it must cost nothing.
  for (let i = 0; i < 2000; i++) {
    mkdirSync(path.join(root, 'build', `chunk${Math.floor(i / 200)}`), { recursive: true });
    writeFileSync(path.join(root, 'build', `chunk${Math.floor(i / 200)}`, `out${i}.js`), `// REQ-2026-999 generated\n${'x'.repeat(800)}\n`);
  }
  writeFileSync(path.join(root, '.gitignore'), 'build/\n');
  const git = (args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-C', root, ...args], {
      env: isolatedEnv({
        GIT_AUTHOR_NAME: 'Bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'Bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'generated tree']);
  writeFileSync(stamp, '');
  return { root, generatedMs: performance.now() - started };
}

/** ripgrep on PATH, else the one VS Code ships in the test's code-server; undefined when neither runs. */
function ripgrep(repoRoot: string): string | undefined {
  const shipped = path.join(repoRoot, '.vscode-test/code-server/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  return ['rg', shipped].find((rg) => spawnSync(rg, ['--version']).status === 0);
}

export async function measureCodeIndex(
  files: number,
  rounds: number,
  repoRoot: string,
  log: (s: string) => void,
): Promise<CodeIndexFigures> {
  // git runs read process.env: pinned for this part, restored afterwards.
  const restore = pinProcessEnv();
  try {
    return await measure(files, rounds, repoRoot, log);
  } finally {
    restore();
  }
}

async function measure(files: number, rounds: number, repoRoot: string, log: (s: string) => void): Promise<CodeIndexFigures> {
  const { root, generatedMs } = tree(files);
  log(
    generatedMs > 0
      ? `code tree: generated ${files} files in ${(generatedMs / 1000).toFixed(1)} s (${root})`
      : `code tree: ${files} files, kept from an earlier run (${root})`,
  );
  const grammar = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);
  const rules = codeFileRules({ include: DEFAULT_SETTINGS.include, exclude: DEFAULT_SETTINGS.exclude, testFiles: DEFAULT_TEST_FILES });
  const rg = ripgrep(repoRoot);
  const run = async (withRipgrep: boolean): Promise<{ ms: number; scan: CodeScan }> => {
    const started = performance.now();
    const scan = await scanCodeRefs({
      root,
      grammar,
      rules,
      git: 'git',
      ...(withRipgrep && rg ? { ripgrep: rg } : {}),
      excludeGlobs: DEFAULT_SETTINGS.exclude,
    });
    return { ms: performance.now() - started, scan };
  };

  // Warm: the OS file cache and the JIT filled by a first run of each; then the two alternate.
  const first = await run(false);
  if (rg) {
    const fast = await run(true);
    if (fast.scan.search !== 'ripgrep' || fast.scan.refs.length !== first.scan.refs.length)
      throw new Error(`ripgrep and the node search disagree: ${fast.scan.refs.length} and ${first.scan.refs.length} mentions`);
  }
  const nodeTimes: number[] = [];
  const rgTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await gc();
    nodeTimes.push((await run(false)).ms);
    if (rg) {
      await gc();
      rgTimes.push((await run(true)).ms);
    }
  }

  // A save: one typical file's text read again for its mentions.
  const text = sourceText(50, false);
  for (let i = 0; i < 200; i++) codeRefsIn(grammar, 'packages/pkg0/src/module50.ts', text, 'code');
  const saveTimes: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    codeRefsIn(grammar, 'packages/pkg0/src/module50.ts', text, 'code');
    saveTimes.push((performance.now() - t) * 1000);
  }

  const figures: CodeIndexFigures = {
    code_index_files: files,
    code_index_mentions: first.scan.refs.length,
    ...(rg ? { code_index_rg_warm_ms: Math.round(median(rgTimes)) } : {}),
    code_index_node_warm_ms: Math.round(median(nodeTimes)),
    code_index_save_p95_us: Math.round(percentile(saveTimes, 95)),
  };
  log(
    `code/test index, ${files} files  ${figures.code_index_mentions} mentions; warm: ripgrep ${figures.code_index_rg_warm_ms ?? 'not here'} ms, node ${figures.code_index_node_warm_ms} ms  (target ≤ 2000)`,
  );
  log(`  one saved file read again   p95 ${figures.code_index_save_p95_us} µs`);
  return figures;
}
