#!/usr/bin/env node
// Runs the same extension-host suites (out/test/integration/) under desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (contributors' laptops, hosted
// CI). Offline machines use test/harness/runIntegration.mjs (code-server) instead. Build first
// (`npm run test:electron` does).
//
//   node test/harness/runElectron.mjs [--results=FILE]
//
//   REQDESK_VSCODE_VERSION     VS Code to download (default "stable"; e.g. "1.100.3" for the
//                              oldest version engines.vscode allows)
//   REQDESK_VSCODE_EXECUTABLE  use an existing VS Code binary instead of downloading one
//
// On Linux without a display, wrap it: `xvfb-run -a npm run test:electron`.
// Results flow as in runIntegration.mjs: REQDESK_TEST_RESULTS reaches the extension host through
// `extensionTestsEnv`, and test/integration/index.ts writes the counts there.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEST_SETTINGS, acquireLock, cacheRoot, repoRoot, scratchWorkspace, writeUserSettings } from './codeServer.mjs';

const args = process.argv.slice(2);
const summaryFile = args.find((a) => a.startsWith('--results='))?.slice('--results='.length);
const extensionTestsPath = join(repoRoot, 'out', 'test', 'integration', 'index');

function finish(results, code) {
  if (summaryFile) writeFileSync(summaryFile, JSON.stringify(results, null, 2) + '\n');
  console.log(`electron: ${results.passed} passed, ${results.failed} failed`);
  process.exit(code);
}

const failure = (error) => ({ passed: 0, failed: 1, pending: 0, failures: [{ title: 'electron run', error }] });

if (!existsSync(`${extensionTestsPath}.js`) || !existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('[electron] no build found: run `node esbuild.mjs` first (or `npm run test:electron`)');
  finish(failure('no build'), 1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn('[electron] no DISPLAY: desktop VS Code needs one; run under `xvfb-run -a` if it fails to start.');
}

const { runTests, TestRunFailedError } = await import('@vscode/test-electron');

// Fixed-name profile and results file: one run at a time (released when this process exits).
await acquireLock('electron');
const workspace = scratchWorkspace(join(repoRoot, 'examples'));
const resultsFile = join(cacheRoot, 'results', 'electron.json');
mkdirSync(dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
// A fresh profile per run, like the code-server runner, so no state leaks between runs.
const profileDir = join(cacheRoot, 'profiles', 'electron');
rmSync(profileDir, { recursive: true, force: true });
const userDataDir = join(profileDir, 'user-data');
writeUserSettings(userDataDir, TEST_SETTINGS);

let hostCode = 0;
try {
  await runTests({
    version: process.env.REQDESK_VSCODE_VERSION || 'stable',
    ...(process.env.REQDESK_VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.REQDESK_VSCODE_EXECUTABLE } : {}),
    // Downloads are cached next to the code-server install, whatever the current directory.
    cachePath: cacheRoot,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userDataDir}`, `--extensions-dir=${join(profileDir, 'extensions')}`],
    extensionTestsEnv: { REQDESK_TEST_RESULTS: resultsFile, REQDESK_TEST_WORKSPACE: workspace },
  });
} catch (err) {
  if (err instanceof TestRunFailedError) {
    // VS Code ran and the suites failed (details are in its output above and in the results file).
    hostCode = err.code ?? 1;
  } else {
    const message = String(err?.message ?? err);
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|timed? ?out|getaddrinfo|socket hang up/i.test(
      message,
    );
    console.error(
      offline
        ? `[electron] could not download VS Code (${message}). This machine looks offline: ` +
            'use `npm run test:integration`, which runs the same suites in code-server, or set ' +
            'REQDESK_VSCODE_EXECUTABLE to an installed VS Code.'
        : `[electron] could not run VS Code: ${err?.stack ?? message}`,
    );
    finish(failure(offline ? `VS Code download failed: ${message}` : message), 1);
  }
}

let results;
if (existsSync(resultsFile)) {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  if (hostCode !== 0 && results.failed === 0) {
    results.failed = 1;
    results.failures.push({ title: 'electron run', error: `VS Code exited with code ${hostCode}` });
  }
} else {
  console.error(`[electron] VS Code exited (code ${hostCode}) without writing ${resultsFile}: the suites never ran.`);
  results = failure(`no results file; exit code ${hostCode}`);
}
finish(results, results.failed === 0 && results.passed > 0 ? 0 : 1);
