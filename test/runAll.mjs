#!/usr/bin/env node
// `npm test`: every test tier, in order, each as a child process with the terminal's output.
//
//   node test/runAll.mjs                      build, typecheck, lint, unit, integration (the default)
//   node test/runAll.mjs --skip-integration   everything but the real-VS-Code tier
//   node test/runAll.mjs --unit-only          build, lint and unit tests only (quickest loop)
//
// Tiers and how they count:
//   build        `node esbuild.mjs`; counts only when it fails (1 failed), and then the unit and
//                integration tiers are skipped, since they would run stale bundles
//   typecheck    `tsc --noEmit` on tsconfig.json and webview/tsconfig.json; 1 test, passed or failed
//   lint         `eslint .` and `prettier --check .` (both run; `npm run lint`); 1 test, passed or failed
//   unit         mocha with test/unit/.mocharc.json; exact counts from test/harness/statsReporter.cjs
//   integration  test/harness/runIntegration.mjs (code-server + Chromium); counts from its results
//                file (a crash or timeout counts as 1 failed)
//   zh-cn        the same runner with --locale=zh-cn: the whole trusted suite once more with the
//                workbench in Simplified Chinese (its own profile and results file)
//   restricted   the same runner with --untrusted: the workspace in Restricted Mode
//   packaged     `node esbuild.mjs --package`, then the runner with --packaged: the .vsix installed
//                into a fresh code-server, activated from the installed copy
// A failing tier does not stop the later ones, so all totals are known. The last line printed is
// `N passed, N failed` over all tiers; the exit code is 0 only when nothing failed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.vscode-test', 'results');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit-only');
const skipIntegration = unitOnly || args.includes('--skip-integration');

let current;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    // Ctrl-C reaches the child through the terminal; a SIGTERM from CI has to be passed on.
    if (signal === 'SIGTERM') current?.kill('SIGTERM');
  });
}

/** Runs a command with inherited output and no stdin; resolves to its exit code. */
function run(command, commandArgs) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    current = child;
    child.on('error', (err) => {
      console.error(`${command}: ${err.message}`);
      resolvePromise(127);
    });
    child.on('exit', (code, signal) => {
      current = undefined;
      resolvePromise(code ?? (signal ? 128 : 1));
    });
  });
}

function readCounts(file) {
  try {
    const { passed, failed, pending } = JSON.parse(readFileSync(file, 'utf8'));
    if (Number.isInteger(passed) && Number.isInteger(failed)) return { passed, failed, pending: pending ?? 0 };
  } catch {
    /* missing or unreadable: the caller decides */
  }
  return undefined;
}

/**
 * Runs a test runner that writes its counts to `results` (removed first, so no count is stale). No
 * results file means it died before reporting (1 failed); a non-zero exit with no failed test (e.g.
 * an error after the run) still fails the tier.
 */
async function countedRun(runner, command, commandArgs, results) {
  rmSync(results, { force: true });
  const code = await run(command, commandArgs);
  const counts = readCounts(results);
  if (!counts) return { passed: 0, failed: 1, note: `${runner} exited with ${code} before reporting` };
  if (code !== 0 && counts.failed === 0) return { ...counts, failed: 1, note: `${runner} exited with ${code}` };
  return counts;
}

/** The integration runner with `flags` (named `runner` in the notes), its counts in `<name>-summary.json`. */
function integrationRun(name, runner, flags) {
  const summary = join(resultsDir, `${name}-summary.json`);
  return countedRun(runner, process.execPath, [join('test', 'harness', 'runIntegration.mjs'), ...flags, `--results=${summary}`], summary);
}

function banner(name) {
  console.log(`\n━━━ ${name} ━━━`);
}

/** @type {{ name: string, passed: number, failed: number, pending?: number, note?: string, seconds: number }[]} */
const tiers = [];

async function tier(name, body, { skip } = {}) {
  if (interrupted || skip) {
    tiers.push({ name, passed: 0, failed: 0, note: interrupted ? 'not run (interrupted)' : skip, seconds: 0 });
    return;
  }
  banner(name);
  const started = Date.now();
  const result = await body();
  tiers.push({ name, ...result, seconds: (Date.now() - started) / 1000 });
}

mkdirSync(resultsDir, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// `--no`: use the project's own tsc/mocha, never download one.

let buildOk = true;
await tier('build', async () => {
  const code = await run(process.execPath, ['esbuild.mjs']);
  buildOk = code === 0;
  return buildOk ? { passed: 0, failed: 0, note: 'ok' } : { passed: 0, failed: 1, note: `esbuild exited with ${code}` };
});

if (!unitOnly) {
  await tier('typecheck', async () => {
    // The extension, tests and bench, then the webviews (DOM types, protocol types only).
    let code = await run(npx, ['--no', '--', 'tsc', '--noEmit', '-p', 'tsconfig.json']);
    if (code === 0) code = await run(npx, ['--no', '--', 'tsc', '--noEmit', '-p', 'webview/tsconfig.json']);
    return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `tsc exited with ${code}` };
  });
}

// Lint and format: both checks run, so one report names every problem; either failing fails the tier.
await tier('lint', async () => {
  const eslint = await run(npx, ['--no', '--', 'eslint', '.']);
  const prettier = await run(npx, ['--no', '--', 'prettier', '--check', '.']);
  const failures = [eslint && `eslint exited with ${eslint}`, prettier && `prettier --check exited with ${prettier}`].filter(Boolean);
  return failures.length === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: failures.join(', ') };
});

const skipped = () => (buildOk ? undefined : 'skipped: the build failed');

await tier(
  'unit',
  async () => {
    const stats = join(resultsDir, 'unit.json');
    const reporter = join(root, 'test', 'harness', 'statsReporter.cjs');
    return countedRun(
      'mocha',
      npx,
      ['--no', '--', 'mocha', '--config', 'test/unit/.mocharc.json', '--reporter', reporter, '--reporter-option', `stats=${stats}`],
      stats,
    );
  },
  { skip: skipped() },
);

if (!skipIntegration) {
  await tier('integration', () => integrationRun('integration', 'runIntegration', []), { skip: skipped() });
  // The same suite with the UI in Chinese: every surface in the other language the product ships.
  await tier('zh-cn', () => integrationRun('zh-cn', 'runIntegration --locale=zh-cn', ['--locale=zh-cn']), { skip: skipped() });
  // The same extension in Restricted Mode: what works untrusted, and that no process runs.
  await tier('restricted', () => integrationRun('restricted', 'runIntegration --untrusted', ['--untrusted']), { skip: skipped() });
  // The .vsix as a user installs it: packaged, installed into a fresh code-server, activated there.
  await tier(
    'packaged',
    async () => {
      const vsix = join('.vscode-test', 'packaged', 'reqdesk.vsix');
      const built = await run(process.execPath, ['esbuild.mjs', '--package', `--out=${vsix}`]);
      if (built !== 0) return { passed: 0, failed: 1, note: `packaging exited with ${built}` };
      return integrationRun('packaged', 'runIntegration --packaged', [`--packaged=${vsix}`]);
    },
    { skip: skipped() },
  );
}

const total = tiers.reduce((sum, t) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed }), { passed: 0, failed: 0 });
banner('summary');
for (const t of tiers) {
  const counts = t.name === 'build' ? '' : `${t.passed} passed, ${t.failed} failed${t.pending ? `, ${t.pending} pending` : ''}`;
  const note = t.note ? (counts ? ` (${t.note})` : t.note) : '';
  console.log(`${t.name.padEnd(12)} ${counts}${note}`.trimEnd() + `  [${t.seconds.toFixed(1)} s]`);
}
if (unitOnly || skipIntegration) console.log(`(${unitOnly ? '--unit-only' : '--skip-integration'}: not every tier ran)`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed === 0 && !interrupted ? 0 : 1;
