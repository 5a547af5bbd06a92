#!/usr/bin/env node
// Runs the extension-host suites (out/test/integration/) in a real VS Code: code-server serving a
// scratch copy of examples/ built as a git repository (examples/build-git-demo.mjs), opened by headless Chromium with the extension loaded from this repo
// as a development extension. Build first (`npm run test:integration` does).
//
//   node test/harness/runIntegration.mjs [--untrusted] [--locale=zh-cn] [--timeout=SECONDS] [--results=FILE] [--verbose]
//
//   --untrusted      open the workspace in Restricted Mode (no --disable-workspace-trust)
//   --locale=L       the workbench in display language L (e.g. zh-cn): vscode.env.language is L and
//                    the extension's L translations are used; its own profile, results, screenshot
//   --timeout=S      give up after S seconds (default 600, or REQDESK_INTEGRATION_TIMEOUT)
//   --results=FILE   also write { passed, failed, pending, failures } there, even when the run
//                    crashed or timed out (then as one failure); test/runAll.mjs reads it
//   --verbose        print every workbench log line, not only the test output
//   --grep=TEXT      run only the tests whose full title contains TEXT
//   --packaged=VSIX  install VSIX into a fresh code-server and run test/packaged/ against that
//                    installed copy (the development extension is a probe with no code)
//
// Flow of results: this script sets REQDESK_TEST_RESULTS on code-server; its extension host
// inherits the environment, and test/integration/index.ts writes the mocha counts there.
// Mocha's spec output travels host → workbench → `codeAutomationLog` → this script's stdout.
// Everything the workbench logs also goes to .vscode-test/logs/integration-automation.log.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format, stripVTControlCharacters } from 'node:util';
import {
  TEST_SETTINGS,
  acquireLock,
  cacheRoot,
  ensureCodeServer,
  gitDemoWorkspace,
  isolatedEnv,
  launchChromium,
  logsDir,
  profileUserDataDir,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from './codeServer.mjs';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const untrusted = args.includes('--untrusted');
const verbose = args.includes('--verbose');
const locale = option('locale')?.toLowerCase();
// Names the profile, results file and final screenshot: integration, restricted, zh-cn, …
const tierName = untrusted ? (locale ? `restricted-${locale}` : 'restricted') : (locale ?? 'integration');
const timeoutSeconds = Number(option('timeout') ?? process.env.REQDESK_INTEGRATION_TIMEOUT ?? 600);
const summaryFile = option('results');
const packagedVsix = option('packaged') ? resolve(option('packaged')) : undefined;
/** The profile (user data, extensions) and the name of the results and the final screenshot. */
const runName = packagedVsix ? 'packaged' : tierName;

const testsPath = join(repoRoot, 'out', 'test', packagedVsix ? 'packaged' : 'integration', 'index');
// A run in another language keeps its screenshots apart from the English ones of the same tests.
const screenshotFile = join(repoRoot, 'out', 'screenshots', ...(locale ? [locale] : []), `${runName}-final.png`);

/** Installs the .vsix into a wiped profile the way a user would (`--install-extension`). */
async function installPackaged(vsix) {
  if (!existsSync(vsix)) throw new Error(`no package at ${vsix}: run \`npm run package\` first`);
  const entry = await ensureCodeServer();
  const profileDir = join(cacheRoot, 'profiles', runName);
  rmSync(profileDir, { recursive: true, force: true });
  const extensionsDir = join(profileDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [entry, '--user-data-dir', profileUserDataDir(runName), '--extensions-dir', extensionsDir, '--install-extension', vsix],
    {
      env: isolatedEnv(),
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (${result.status}): ${result.stderr || result.stdout}`);
  console.log(`[integration] installed ${vsix}: ${result.stdout.trim().split('\n').pop()}`);
  return extensionsDir;
}

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (err) {
      console.error(`[integration] cleanup: ${err.message}`);
    }
  }
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`[integration] ${signal}: stopping code-server and Chromium…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// The workbench logs its own chatter through the same channel as the extension host's console
// (both arrive as 'info'/'error'). These are the entries known to be routine or harmless offline;
// everything else, including all test output and any other error, is shown.
const NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^No search provider registered for scheme/,
  /open-vsx\.org/i,
  /code-server-ipc\.sock/,
  /vsda/,
];

// Keep colours for a person at a terminal; logs and CI output get plain text.
const plain = !process.stdout.isTTY || Boolean(process.env.NO_COLOR);

/**
 * Whether a console message's place is a webview: its host page (`…/webview/…/index.html`, `fake.html`)
 * or one of the extension's resources it loads.
 */
function isWebviewUrl(url) {
  return /\/webview\/|vscode-resource|vscode-remote-resource|vscode-webview|fake\.html/.test(url);
}

/** The box of the first element matching `selector` in any frame, in page coordinates. */
async function boxOf(page, selector) {
  for (const frame of page.frames()) {
    let handle;
    try {
      handle = await frame.$(selector);
    } catch {
      continue; // a frame that went away
    }
    if (!handle) continue;
    await handle.scrollIntoViewIfNeeded().catch(() => {});
    const box = await handle.boundingBox();
    await handle.dispose();
    if (box && box.width > 0 && box.height > 0) return box;
  }
  throw new Error(`no visible element matches ${selector}`);
}

/** A click or a drag with the real mouse (see the `[reqdesk:mouse]` request). */
async function useMouse(page, { action, selector, to, dx = 0, dy = 0 }) {
  if (action !== 'click' && action !== 'drag' && action !== 'hover') throw new Error(`unknown mouse action ${action}`);
  const from = await boxOf(page, selector);
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  await page.mouse.move(start.x, start.y);
  // A hover only rests the pointer on the element (a tooltip's delay is the suite's to wait).
  if (action === 'hover') return;
  await page.mouse.down();
  if (action === 'drag') {
    const target = to ? await boxOf(page, to) : undefined;
    const end = target ? { x: target.x + target.width / 2, y: target.y + target.height / 2 } : { x: start.x + dx, y: start.y + dy };
    // In steps, as a hand moves: the page sees the pointer leave the element and cross others.
    await page.mouse.move(end.x, end.y, { steps: 12 });
  }
  await page.mouse.up();
}

async function main() {
  if (!existsSync(`${testsPath}.js`) || !existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('no build found: run `node esbuild.mjs` first (or `npm run test:integration`)');
  }
  // Profile, logs, results file and screenshot have fixed names: one run at a time.
  const release = await acquireLock('integration');
  cleanups.push(async () => release());
  const extensionsDir = packagedVsix ? await installPackaged(packagedVsix) : undefined;
  const workspace = gitDemoWorkspace();
  const resultsFile = join(cacheRoot, 'results', `${runName}.json`);
  mkdirSync(dirname(resultsFile), { recursive: true });
  rmSync(resultsFile, { force: true });
  mkdirSync(logsDir, { recursive: true });
  const automationLog = createWriteStream(join(logsDir, 'integration-automation.log'));
  cleanups.push(() => new Promise((r) => automationLog.end(r)));

  const started = Date.now();
  console.log(`[integration] workspace: ${workspace}`);
  const server = await startCodeServer({
    workspace,
    trusted: !untrusted,
    profile: runName,
    // The packaged profile was just wiped and given the installed extension.
    freshProfile: !packagedVsix,
    locale,
    env: {
      ...(packagedVsix
        ? {
            REQDESK_PACKAGED_EXTENSIONS_DIR: extensionsDir,
            REQDESK_PACKAGED_VERSION: JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version,
            REQDESK_PACKAGED_VSIX_BYTES: String(statSync(packagedVsix).size),
          }
        : {}),
      REQDESK_TEST_RESULTS: resultsFile,
      REQDESK_TEST_WORKSPACE: workspace,
      REQDESK_SCREENSHOTS: dirname(screenshotFile),
      ...(option('grep') ? { REQDESK_TEST_GREP: option('grep') } : {}),
      ...(locale ? { REQDESK_TEST_LOCALE: locale } : {}),
      // `npm run screenshots` sets it: the screenshot set suite exists only then.
      ...(process.env.REQDESK_SCREENSHOT_SET ? { REQDESK_SCREENSHOT_SET: process.env.REQDESK_SCREENSHOT_SET } : {}),
    },
    // Restricted Mode without the startup question: the window opens untrusted, as after "No".
    settings: untrusted ? { ...TEST_SETTINGS, 'security.workspace.trust.startupPrompt': 'never' } : TEST_SETTINGS,
  });
  cleanups.push(server.stop);
  console.log(`[integration] code-server ${server.url} (log: ${server.logFile})`);

  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

  /** @type {(value: { code: number, logs: { relativePath: string, contents: string }[], crashed?: boolean }) => void} */
  let onExit = () => {};
  const exited = new Promise((r) => {
    onExit = r;
  });
  // Console errors of the page's frames (a CSP violation, an uncaught error): every one goes to the
  // automation log; those of webview frames are kept for `[reqdesk:console]`.
  /** @type {{ text: string, url: string }[]} */
  const webviewErrors = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location()?.url ?? '';
    const text = message.text();
    automationLog.write(`[console.error] ${url}: ${text}\n`);
    if (isWebviewUrl(url)) webviewErrors.push({ text, url });
  });

  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    // `logArgs` are console arguments, the first possibly a format string with %s.
    const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
    const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
    automationLog.write(`${elapsed}s [${type}] ${stripVTControlCharacters(text)}\n`);
    if (verbose || !NOISE.some((re) => re.test(text))) {
      process.stdout.write(`${plain ? stripVTControlCharacters(text) : text}\n`);
    }
    // Requests from a suite, each answered with a file in the screenshots folder that the suite
    // waits for: `<name>.json` for a query, `<name>.done` for an action. A `.done` file holds the
    // error of an action that failed (empty when it succeeded), so a failure reaches the test.
    const reply = (name, promise) => {
      const done = join(dirname(screenshotFile), `${name}.done`);
      promise
        .then(
          () => '',
          (err) => `${err?.message ?? err}`,
        )
        .then((error) => {
          if (error) console.error(`[integration] ${name} failed: ${error}`);
          mkdirSync(dirname(done), { recursive: true });
          writeFileSync(`${done}.tmp`, error || '');
          renameSync(`${done}.tmp`, done);
        });
    };
    // A suite asks what the webviews show: every element matching a selector in any frame, as
    // JSON the suite waits for (the extension host cannot see a webview's DOM), with its box in
    // its frame and a few computed colours.
    const query = /\[reqdesk:query\] ([\w.-]+) (.+)$/.exec(text);
    if (query) {
      const [, name, selector] = query;
      const file = join(dirname(screenshotFile), `${name}.json`);
      (async () => {
        /* global document, getComputedStyle -- frame.evaluate runs its function in the page */
        const found = [];
        for (const frame of page.frames()) {
          try {
            found.push(
              ...(await frame.evaluate(
                (sel) =>
                  [...document.querySelectorAll(sel)].map((e) => {
                    const box = e.getBoundingClientRect();
                    const style = getComputedStyle(e);
                    return {
                      text: e.textContent ?? '',
                      className: typeof e.className === 'string' ? e.className : (e.getAttribute('class') ?? ''),
                      data: { ...e.dataset },
                      content: e.getAttribute('content'),
                      placeholder: e.getAttribute('placeholder'),
                      html: e.innerHTML.length < 2000 ? e.innerHTML : '',
                      box: { x: box.x, y: box.y, width: box.width, height: box.height },
                      // Whether its content fits: text cut by overflow shows as scroll sizes above the client sizes.
                      fit: {
                        scrollWidth: e.scrollWidth,
                        clientWidth: e.clientWidth,
                        scrollHeight: e.scrollHeight,
                        clientHeight: e.clientHeight,
                      },
                      style: {
                        color: style.color,
                        backgroundColor: style.backgroundColor,
                        borderColor: style.borderColor,
                        writingMode: style.writingMode,
                        textOrientation: style.textOrientation,
                      },
                    };
                  }),
                selector,
              )),
            );
          } catch {
            // A frame that went away or is cross-origin-locked: nothing to read there.
          }
        }
        return found;
      })()
        .then(
          (found) => JSON.stringify(found),
          (err) => JSON.stringify({ error: `query ${name} failed: ${err.message}` }),
        )
        .then((json) => {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(`${file}.tmp`, json);
          renameSync(`${file}.tmp`, file);
        });
    }
    // A suite types into the workbench (a QuickInput cannot be filled from the extension API):
    // `[reqdesk:keys] name ["type:text", "press:Enter", …]`.
    const keys = /\[reqdesk:keys\] ([\w.-]+) (\[.*\])$/.exec(text);
    if (keys) {
      reply(
        keys[1],
        (async () => {
          for (const step of JSON.parse(keys[2])) {
            if (step.startsWith('type:')) await page.keyboard.type(step.slice(5), { delay: 20 });
            else if (step.startsWith('press:')) await page.keyboard.press(step.slice(6));
            else if (step.startsWith('wait:')) await new Promise((r) => setTimeout(r, Number(step.slice(5))));
            else throw new Error(`unknown step ${step}`);
          }
        })(),
      );
    }
    // A suite uses the mouse as a person does: `[reqdesk:mouse] name {"action":"click"|"drag"|"hover",
    // "selector":…, "to"?: selector, "dx"?: px, "dy"?: px}`. The element is found in whichever
    // frame holds it (webviews included); the pointer goes down on its centre and, for a drag,
    // moves in steps to the target's centre (or by dx/dy) before it is released.
    const mouse = /\[reqdesk:mouse\] ([\w.-]+) (\{.*\})$/.exec(text);
    if (mouse) reply(mouse[1], useMouse(page, JSON.parse(mouse[2])));
    // A suite asks for the console errors the webviews logged so far: `[reqdesk:console] name`,
    // answered with `<name>.json` (an array of { text, url }).
    const consoleRequest = /\[reqdesk:console\] ([\w.-]+)$/.exec(text);
    if (consoleRequest) {
      const file = join(dirname(screenshotFile), `${consoleRequest[1]}.json`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(webviewErrors));
      renameSync(`${file}.tmp`, file);
    }
    // A suite asks for another window size, as on a smaller screen: `[reqdesk:viewport] name
    // {"width":1366,"height":768}`; the workbench lays itself out again for it.
    const viewport = /\[reqdesk:viewport\] ([\w.-]+) (\{.*\})$/.exec(text);
    if (viewport) {
      const { width, height } = JSON.parse(viewport[2]);
      reply(viewport[1], page.setViewportSize({ width, height }));
    }
    // A suite asks for a screenshot while the workbench shows what it arranged: the whole page, or
    // a part of it, `[reqdesk:screenshot] name.png {"x":0,"y":35,"width":360,"height":800}`.
    const shot = /\[reqdesk:screenshot\] ([\w.-]+\.png)(?: (\{.*\}))?$/.exec(text);
    if (shot) {
      const file = join(dirname(screenshotFile), shot[1]);
      mkdirSync(dirname(file), { recursive: true });
      const clip = shot[2] ? JSON.parse(shot[2]) : undefined;
      reply(
        shot[1],
        page.screenshot({ path: file, ...(clip ? { clip } : {}) }).then(() => console.log(`[integration] screenshot: ${file}`)),
      );
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => onExit({ code, logs: logs ?? [] }));
  page.on('pageerror', (err) => automationLog.write(`[pageerror] ${err.stack ?? err}\n`));
  // A crashed page (the renderer killed, e.g. for memory) never reports again: stop at once rather
  // than wait for the timeout, and say why.
  page.on('crash', () => {
    automationLog.write('[crash] the workbench page crashed\n');
    console.error('[integration] the workbench page crashed (its renderer died): the run stops');
    onExit({ code: 1, logs: [], crashed: true });
  });

  const extensionDevelopmentPath = packagedVsix ? join(repoRoot, 'test', 'fixtures', 'packaged-probe') : repoRoot;
  await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath, extensionTestsPath: testsPath }));

  let timer;
  const timedOut = new Promise((r) => {
    timer = setTimeout(() => r(undefined), timeoutSeconds * 1000);
  });
  const exit = await Promise.race([exited, timedOut]);
  clearTimeout(timer);

  mkdirSync(dirname(screenshotFile), { recursive: true });
  try {
    await page.screenshot({ path: screenshotFile });
    console.log(`[integration] screenshot: ${screenshotFile}`);
  } catch (err) {
    console.error(`[integration] could not take the screenshot: ${err.message}`);
  }

  if (exit) {
    const browserLogs = join(logsDir, 'integration-workbench');
    rmSync(browserLogs, { recursive: true, force: true });
    for (const { relativePath, contents } of exit.logs) {
      const target = join(browserLogs, relativePath);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
  }
  await cleanup();
  const seconds = Math.round((Date.now() - started) / 1000);

  /** @type {{ passed: number, failed: number, pending: number, failures: { title: string, error: string }[] }} */
  let results;
  if (!exit) {
    console.error(
      `[integration] TIMEOUT: the extension host did not finish within ${timeoutSeconds} s. ` +
        `See ${join(logsDir, 'integration-automation.log')} and ${server.logFile}.`,
    );
    results = { passed: 0, failed: 1, pending: 0, failures: [{ title: 'integration run', error: `timed out after ${timeoutSeconds} s` }] };
  } else if (exit.crashed) {
    results = { passed: 0, failed: 1, pending: 0, failures: [{ title: 'integration run', error: 'the workbench page crashed' }] };
  } else if (existsSync(resultsFile)) {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    if (exit.code !== 0 && results.failed === 0) {
      // The host reported failure after mocha passed (e.g. run() itself threw): do not hide it.
      results.failed = 1;
      results.failures.push({ title: 'integration run', error: `extension host exited with code ${exit.code}` });
    }
  } else {
    console.error(
      `[integration] the extension host exited with code ${exit.code} without writing ${resultsFile}` +
        ' (the suites never ran, or the host did not receive REQDESK_TEST_RESULTS).',
    );
    results = {
      passed: 0,
      failed: 1,
      pending: 0,
      failures: [{ title: 'integration run', error: `no results file; host exit code ${exit.code}` }],
    };
  }
  if (summaryFile) writeFileSync(summaryFile, JSON.stringify(results, null, 2) + '\n');
  console.log(`[integration] finished in ${seconds} s`);
  console.log(`integration: ${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  // After Ctrl-C the browser vanishes under whatever was running; that error is not news.
  const message = interrupted ? 'interrupted' : String(err.message ?? err);
  if (!interrupted) console.error(`[integration] ${message}`);
  if (summaryFile) {
    writeFileSync(
      summaryFile,
      JSON.stringify({ passed: 0, failed: 1, pending: 0, failures: [{ title: 'integration run', error: message }] }, null, 2) + '\n',
    );
  }
  console.log('integration: 0 passed, 1 failed');
} finally {
  await cleanup();
}
process.exit(code);
