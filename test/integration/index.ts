// Extension-host test entry: both runners (code-server via test/harness/runIntegration.mjs and
// @vscode/test-electron via test/harness/runElectron.mjs) point `extensionTestsPath` here, and
// the host calls run() once the development extension is loaded.
//
// Output goes through mocha's spec reporter (console.log in the host reaches the runner: the
// terminal under test-electron, `codeAutomationLog` under code-server). Counts also go to the JSON
// file named by REQDESK_TEST_RESULTS, which the extension host inherits from the process that
// started it (code-server's environment, or test-electron's `extensionTestsEnv`).
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export interface Results {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

/**
 * Every `*.test.js` bundle in this folder and below, in a stable order; the showcase suite last,
 * since it leaves the workbench arranged for the runner's final screenshot. A window in
 * Restricted Mode runs the `restricted*` suites only, and a trusted one everything else.
 */
function suiteFiles(dir: string, trusted: boolean): string[] {
  const last = (name: string) => (name.startsWith('showcase') ? 1 : 0);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => name.startsWith('restricted') !== trusted)
    .sort((a, b) => last(a) - last(b) || a.localeCompare(b))
    .map((name) => join(dir, name));
}

function writeResults(results: Results): void {
  const target = process.env.REQDESK_TEST_RESULTS;
  if (!target) return;
  // Write then rename: a runner polling the file never reads half of it.
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(results, null, 2) + '\n');
  renameSync(temp, target);
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export async function run(): Promise<void> {
  // mocha 12 is an ES module: the host's Node (≥ 20.19) can require() its namespace, whose named
  // `Mocha` export is the class (`new (require('mocha'))()` does not work).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { Mocha } = require('mocha') as { Mocha: typeof import('mocha') };
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // Real VS Code operations (opening editors, waiting for diagnostics) can be slow on CI.
    timeout: 60_000,
    // The output is relayed as text through the browser or a log. (mocha's ✔ still carries colour
    // codes from its log-symbols dependency; the code-server runner strips them off a non-TTY.)
    color: false,
    // `--grep=TEXT` on the runner: only the tests whose full title contains TEXT (a quick loop).
    ...(process.env.REQDESK_TEST_GREP ? { grep: process.env.REQDESK_TEST_GREP } : {}),
  });

  const failures: Results['failures'] = [];
  let reported = false;
  try {
    const files = suiteFiles(__dirname, vscode.workspace.isTrusted);
    for (const file of files) mocha.addFile(file);
    if (files.length === 0) throw new Error(`no *.test.js suites next to ${__filename}`);

    const results = await new Promise<Results>((resolve) => {
      const runner = mocha.run();
      runner.on('fail', (test, err) => {
        failures.push({ title: test.fullTitle(), error: describeError(err) });
      });
      runner.on('end', () => {
        const stats = runner.stats;
        resolve({
          passed: stats?.passes ?? 0,
          failed: stats?.failures ?? failures.length,
          pending: stats?.pending ?? 0,
          failures,
        });
      });
    });
    writeResults(results);
    reported = true;
    if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
  } catch (err) {
    // Loading a suite can throw before mocha counts anything: still leave a verdict behind.
    if (!reported) {
      writeResults({
        passed: 0,
        failed: 1,
        pending: 0,
        failures: [{ title: 'loading the integration suites', error: describeError(err) }],
      });
    }
    throw err;
  }
}
