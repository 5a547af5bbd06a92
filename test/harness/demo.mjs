#!/usr/bin/env node
// `npm run demo`: opens the example workspace in VS Code with ReqDesk loaded from source: the
// files of examples/ as a git repository with a short history whose commits mention requirement
// IDs (examples/build-git-demo.mjs), so commit links have something to show. It is built once
// under .vscode-test/demo-workspace and kept, with whatever is changed in it, until --fresh.
// `npm run demo` builds first.
//
//   node test/harness/demo.mjs                     desktop `code` if on PATH, else code-server
//   node test/harness/demo.mjs --fresh             rebuild the example workspace from examples/
//   node test/harness/demo.mjs --screenshot FILE   headless: load the workbench, save a PNG, exit
//
//   REQDESK_DEMO_PORT   port for code-server (default 8080 when free, else any free port)
//
// With code-server the extension is loaded as a development extension through the workbench URL's
// payload, so the URL printed below (not the bare server address) is the one to open.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import {
  cacheRoot,
  freePort,
  gitDemoWorkspace,
  isPortFree,
  launchChromium,
  profileUserDataDir,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from './codeServer.mjs';

// First-run settings of the demo profile (later edits made in the demo are kept). examples/ sits
// inside ReqDesk's own repository: without this, git offers to open that repository instead.
const DEMO_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
};

const args = process.argv.slice(2);
const shotIndex = args.findIndex((a) => a === '--screenshot' || a.startsWith('--screenshot='));
const screenshot =
  shotIndex < 0 ? undefined : args[shotIndex].includes('=') ? args[shotIndex].split('=').slice(1).join('=') : args[shotIndex + 1];
if (shotIndex >= 0 && !screenshot) {
  console.error('usage: node test/harness/demo.mjs --screenshot FILE');
  process.exit(2);
}

const examples = join(repoRoot, 'examples');
if (!existsSync(examples)) {
  console.error(`[demo] ${examples} does not exist; nothing to open.`);
  process.exit(1);
}
// The example workspace with its git history, built on first use (or with --fresh).
const workspace = join(cacheRoot, 'demo-workspace');
if (args.includes('--fresh')) rmSync(workspace, { recursive: true, force: true });
if (!existsSync(workspace)) {
  mkdirSync(cacheRoot, { recursive: true });
  renameSync(gitDemoWorkspace(), workspace);
  console.log(`[demo] built the example workspace with its git history in ${workspace}`);
}
if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('[demo] no build found: run `npm run demo` (it builds first) or `node esbuild.mjs`.');
  process.exit(1);
}

function onPath(name) {
  return (process.env.PATH || '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

// Desktop VS Code: hand over and exit; the window lives on by itself.
if (!screenshot && onPath('code')) {
  console.log(`[demo] opening the example workspace ${workspace} in VS Code with ReqDesk loaded from ${repoRoot}`);
  const child = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit' });
  child.on('error', (err) => {
    console.error(`[demo] could not start code: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  await serve();
}

async function choosePort() {
  if (process.env.REQDESK_DEMO_PORT) {
    const port = Number(process.env.REQDESK_DEMO_PORT);
    if (!(await isPortFree(port))) throw new Error(`REQDESK_DEMO_PORT=${port} is already in use`);
    return port;
  }
  // Headless screenshots never need a memorable port.
  if (!screenshot && (await isPortFree(8080))) return 8080;
  return freePort();
}

async function serve() {
  /** @type {(() => Promise<void>)[]} */
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch (err) {
        console.error(`[demo] cleanup: ${err.message}`);
      }
    }
  };
  let interrupted = () => {};
  const interruptedPromise = new Promise((r) => {
    interrupted = r;
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => interrupted(signal));

  let code = 0;
  try {
    const hasSettings = existsSync(join(profileUserDataDir('demo'), 'User', 'settings.json'));
    const server = await startCodeServer({
      workspace,
      port: await choosePort(),
      profile: 'demo',
      ...(hasSettings ? {} : { settings: DEMO_SETTINGS }),
    });
    cleanups.push(server.stop);
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot });

    if (screenshot) {
      code = await takeScreenshot(url, resolve(screenshot), cleanups);
    } else {
      console.log(`
ReqDesk demo is running (code-server ${server.url}, log: ${server.logFile}).

  Open this URL in a browser (it loads ReqDesk from this repository):

    ${url}

  On a remote machine, forward the port first: ssh -L ${server.port}:127.0.0.1:${server.port} <host>

  Then look at:
    - the Requirements view (ReqDesk in the activity bar): P1–P3, then type; commits under each;
    - the Explorer: requirements/ holds the sample records, a copy of examples/ with git history;
    - the Problems panel (Ctrl+Shift+M): ReqDesk's validation findings for those records.

Press Ctrl-C to stop.`);
      // The server is detached and unref'd: without a timer nothing would keep this process alive.
      const keepAlive = setInterval(() => {}, 1 << 30);
      const reason = await Promise.race([interruptedPromise, server.exited.then((c) => `exit ${c}`)]);
      clearInterval(keepAlive);
      if (String(reason).startsWith('exit')) {
        console.error(`[demo] code-server stopped by itself (${reason}); see ${server.logFile}`);
        code = 1;
      } else {
        console.log('\n[demo] stopping…');
      }
    }
  } catch (err) {
    console.error(`[demo] ${err.message ?? err}`);
    code = 1;
  } finally {
    await cleanup();
  }
  process.exit(code);
}

async function takeScreenshot(url, file, cleanups) {
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  // The explorer's tree appearing means the workbench has restored the folder; the extension
  // activates in the host around then, and its diagnostics take a few more seconds.
  await page.waitForSelector('.explorer-folders-view', { timeout: 90_000 });
  // Expand requirements/ when there is one, so the picture shows the records.
  const requirements = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^requirements$/ }).first();
  await requirements.click({ timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(Number(process.env.REQDESK_DEMO_SETTLE_MS ?? 5000));
  // Show the Problems panel: that is where ReqDesk's findings appear.
  await page.keyboard.press('Control+Shift+M').catch(() => {});
  await page.waitForTimeout(1500);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  console.log(`[demo] screenshot: ${file}`);
  return 0;
}
