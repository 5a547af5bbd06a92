// Shared helpers for running the extension in a real VS Code without downloading one:
// code-server (VS Code's server + web workbench, installed from npm into `.vscode-test/`) driven
// by Debian's Chromium through playwright-core. Used by runIntegration.mjs and demo.mjs.
//
// Everything lives under `.vscode-test/` (git-ignored): the code-server install, a TMPDIR for its
// install scripts, isolated HOME/XDG folders, per-session user-data dirs, logs and workspaces.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { devNull } from 'node:os';
import { dirname, join, relative as relativePath, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
// The version of @vscode/ripgrep that code-server 4.100.3 depends on, and the ripgrep release
// it would otherwise download from GitHub (unreachable offline).
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = join(repoRoot, '.vscode-test');
const installDir = join(cacheRoot, 'code-server');
const installMarker = join(installDir, `.installed-${CODE_SERVER_VERSION}`);
const entryScript = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const logsDir = join(cacheRoot, 'logs');

// User settings for the throwaway test profiles (code-server and test-electron alike). The scratch
// workspaces live inside this repository's working tree, so without the git setting the built-in
// git extension offers to open ReqDesk's own repository; suites that need git should `git init`
// inside the workspace instead. The rest keeps an offline run quiet (and the daily late-task
// notification out of the screenshots; the suite that tests it turns it on).
export const TEST_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'reqdesk.notifications.lateTasks': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  // The web workbench saves edited files after a second by default (desktop VS Code does not): a
  // suite that types into an editor and reverts would otherwise find its edit saved on a slow run.
  'files.autoSave': 'off',
  // code-server greets a new profile with its own welcome page and walkthrough, which would cover
  // the editor a suite opens (or the walkthrough it checks) at an unpredictable moment.
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/** The VS Code user-data dir of a named profile under `.vscode-test/profiles/`. */
export function profileUserDataDir(profile) {
  return join(cacheRoot, 'profiles', profile, 'user-data');
}

/** Writes `settings` as the user settings.json of a VS Code user-data dir. */
export function writeUserSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

// A few of VS Code's own strings for the local language pack, so a screenshot shows the workbench
// chrome around the extension in the same language (module → key → text, as in a real pack).
const WORKBENCH_STRINGS = {
  'zh-cn': {
    'vs/workbench/contrib/markers/browser/markers.contribution': { problems: '问题' },
    'vs/workbench/contrib/markers/browser/messages': { 'markers.panel.title.problems': '问题' },
    'vs/workbench/contrib/output/browser/output.contribution': { output: '输出' },
    'vs/workbench/contrib/files/browser/explorerViewlet': { explore: '资源管理器' },
  },
};

/**
 * Makes `locale` the workbench's display language offline. `--locale` alone is not enough: VS Code
 * falls back to English unless a language pack for it is installed, and packs come from the
 * marketplace. What VS Code reads of an installed pack is `languagepacks.json` in the user-data dir
 * (language → hash and the path of the pack's `main.i18n.json`); this writes one whose translations
 * cover a few workbench strings (the rest stay English). With it the browser's language, and so
 * `vscode.env.language`, is `locale`, and extensions get their `package.nls.<locale>.json` and
 * `l10n/bundle.l10n.<locale>.json`.
 */
export function writeLocalPack(userDataDir, profileDir, locale) {
  const packDir = join(profileDir, 'language-pack', locale);
  mkdirSync(packDir, { recursive: true });
  const mainFile = join(packDir, 'main.i18n.json');
  writeFileSync(mainFile, JSON.stringify({ contents: WORKBENCH_STRINGS[locale] ?? {} }, null, 2) + '\n');
  const pack = {
    [locale]: {
      hash: `reqdesk-test-${locale}`,
      // The pack as an installed extension would list it (the language picker reads its ID).
      extensions: [{ extensionIdentifier: { id: `reqdesk-test.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: mainFile },
      label: locale,
    },
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(pack, null, 2) + '\n');
}

/** Environment with HOME and XDG dirs redirected into `.vscode-test/home`, so neither code-server
 * nor Chromium writes config, logs or caches into the user's real home. */
export function isolatedEnv(extra = {}) {
  const home = join(cacheRoot, 'home');
  const env = { ...process.env };
  // Inside a VS Code terminal these make code-server forward to that window instead of serving,
  // and make the extension host believe it runs under another VS Code.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    ...extra,
  });
  for (const dir of [env.HOME, env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME]) {
    mkdirSync(dir, { recursive: true });
  }
  // The extension host inherits this HOME: give git an identity so suites (and the demo) can
  // commit in scratch repositories on machines that have none configured.
  const gitconfig = join(home, '.gitconfig');
  if (!existsSync(gitconfig)) {
    writeFileSync(gitconfig, '[user]\n\tname = ReqDesk Tests\n\temail = tests@reqdesk.invalid\n[init]\n\tdefaultBranch = main\n');
  }
  return env;
}

function log(message) {
  process.stderr.write(`[harness] ${message}\n`);
}

/** The release asset name @vscode/ripgrep's postinstall looks for on this machine. */
function ripgrepAsset() {
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  if (process.platform !== 'linux' || !arch) {
    throw new Error(`code-server offline install is only set up for Linux x64/arm64, not ${process.platform}/${process.arch}`);
  }
  return `ripgrep-${RIPGREP_RELEASE}-${arch}-unknown-linux-musl.tar.gz`;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Installs code-server into `.vscode-test/code-server/` unless that version is already there.
 * Offline-safe: seeds @vscode/ripgrep's download cache with the system `rg`.
 * @returns {Promise<string>} the code-server entry script (run it with `node`).
 */
export async function ensureCodeServer() {
  if (existsSync(installMarker) && existsSync(entryScript)) return entryScript;
  // Two first runs at once would wipe each other's install: the second waits, then finds it done.
  const release = await acquireLock('code-server-install');
  try {
    if (existsSync(installMarker) && existsSync(entryScript)) return entryScript;
    await installCodeServer();
    return entryScript;
  } finally {
    release();
  }
}

async function installCodeServer() {
  const rg = findOnPath('rg') ?? (existsSync('/usr/bin/rg') ? '/usr/bin/rg' : undefined);
  if (!rg) throw new Error('ripgrep is missing (code-server needs it to install offline); run: apt-get install -y ripgrep');

  const started = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${relative(installDir)} (first time only, ~2 min)…`);
  // A half-finished install (no marker) is not trusted: start over.
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  // Its own package.json stops npm from walking up and installing into the project.
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'reqdesk-code-server-cache', private: true }, null, 2));

  const tmp = join(cacheRoot, 'tmp');
  const rgCache = join(tmp, `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  const rgStage = join(tmp, 'rg-stage');
  mkdirSync(rgCache, { recursive: true });
  mkdirSync(rgStage, { recursive: true });
  copyFileSync(rg, join(rgStage, 'rg')); // follows a symlinked rg, unlike cpSync
  const tar = spawnSync('tar', ['-czf', join(rgCache, ripgrepAsset()), '-C', rgStage, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new Error('could not build the ripgrep cache archive with tar');

  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = await run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    env: {
      ...process.env,
      TMPDIR: tmp,
      // Root refuses code-server's install scripts without it.
      npm_config_unsafe_perm: 'true',
      // node-pty's build runs `npx node-gyp`, which otherwise asks (or is refused) to install it.
      npm_config_yes: 'true',
      npm_config_update_notifier: 'false',
    },
  });
  if (result !== 0 || !existsSync(entryScript)) {
    throw new Error(
      `npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result}). It builds native modules: ` +
        'run: apt-get install -y libkrb5-dev pkg-config ripgrep (and make sure a C/C++ toolchain is present).',
    );
  }
  writeFileSync(installMarker, new Date().toISOString() + '\n');
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function run(command, args, options) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)));
  });
}

function relative(path) {
  return path.startsWith(repoRoot + '/') ? path.slice(repoRoot.length + 1) : path;
}

/** Whether a TCP port on 127.0.0.1 can be bound right now. */
export function isPortFree(port) {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

/** A port the OS considers free on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePromise(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {number} pid */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server detached (own process group) on 127.0.0.1 and waits until /healthz answers.
 * @param {{
 *   workspace: string,
 *   port?: number,
 *   trusted?: boolean,
 *   profile?: string,
 *   freshProfile?: boolean,
 *   env?: Record<string, string>,
 *   settings?: Record<string, unknown>,
 *   locale?: string,
 * }} options  `profile` names the user-data dir under `.vscode-test/profiles/` (default
 *   "integration"); `freshProfile` wipes it first so no state leaks from a previous run;
 *   `env` is added to code-server's environment, which its extension host inherits;
 *   `settings` are written as the profile's user settings.json; `locale` (e.g. "zh-cn") opens the
 *   workbench in that display language (see writeLocalPack).
 * @returns {Promise<{ url: string, port: number, logFile: string, pid: number, stop(): Promise<void>,
 *   exited: Promise<number | null> }>} `exited` settles if the server ends on its own.
 */
export async function startCodeServer(options) {
  if (options.port !== undefined) return startOnce(options, options.port);
  // A port found free can be taken by someone else before code-server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(err.message))) throw err;
    }
  }
}

async function startOnce({ workspace, trusted = true, profile = 'integration', freshProfile = false, env = {}, settings, locale }, port) {
  const entry = await ensureCodeServer();
  const profileDir = join(cacheRoot, 'profiles', profile);
  if (freshProfile) rmSync(profileDir, { recursive: true, force: true });
  const userDataDir = profileUserDataDir(profile);
  const extensionsDir = join(profileDir, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(logsDir, { recursive: true });
  if (settings) writeUserSettings(userDataDir, settings);
  if (locale) writeLocalPack(userDataDir, profileDir, locale);

  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...(trusted ? ['--disable-workspace-trust'] : []),
    ...(locale ? ['--locale', locale] : []),
    workspace,
  ];
  const logFile = join(logsDir, `code-server-${profile}.log`);
  // A file, not a pipe: the server's output must not keep this process alive or block on it.
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    detached: true,
    stdio: ['ignore', out, out],
    env: isolatedEnv(env),
  });
  closeSync(out);
  const pid = /** @type {number} */ (child.pid);
  let exited = false;
  /** @type {Promise<number | null>} */
  const exitedPromise = new Promise((r) =>
    child.on('exit', (code) => {
      exited = true;
      r(code);
    }),
  );
  child.unref();

  // Last resort if the caller dies without calling stop(): never leave a server behind.
  const onExit = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', onExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    // The whole group: code-server's fileWatcher child otherwise lingers for 20–30 s.
    for (let i = 0; i < 30 && groupAlive(pid); i++) await sleep(100);
    if (groupAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited during startup; its log (${relative(logFile)}):\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not become healthy within 60 s; its log (${relative(logFile)}):\n${tail(logFile)}`);
    }
    await sleep(200);
  }
  return { url, port, logFile, pid, stop, exited: exitedPromise };
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * The workbench URL that opens `folder` with the extension loaded from source, and optionally runs
 * the tests module's `run()` in the extension host (the same contract @vscode/test-electron uses).
 * @param {{ url: string, port: number }} server
 * @param {{ folder: string, extensionDevelopmentPath: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  // Paths inside the payload are resolved on the server, hence the vscode-remote authority.
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Headless (by default) Chromium through playwright-core, with isolated HOME/XDG dirs.
 * @param {{ headless?: boolean }} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium({ headless = true } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}; run: apt-get install -y chromium (or set REQDESK_CHROMIUM to a Chromium binary)`,
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(),
  });
}

/**
 * Takes `.vscode-test/<name>.lock` so that runs sharing fixed-name profiles, logs and results wait
 * for each other (several people may run tests in one working tree). A lock whose owner process is
 * gone is taken over.
 * @returns {Promise<() => void>} releases the lock (also released when this process exits)
 */
export async function acquireLock(name, { timeoutMs = 20 * 60_000 } = {}) {
  const file = join(cacheRoot, `${name}.lock`);
  mkdirSync(cacheRoot, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const owner = Number(readFileSync(file, 'utf8').trim());
    let alive = false;
    try {
      alive = owner > 0 && (process.kill(owner, 0), true);
    } catch {
      /* no such process */
    }
    if (!alive) {
      // Stale (crashed run) or half-written by a starting owner: only take over a clearly dead one.
      if (owner > 0) rmSync(file, { force: true });
      else await sleep(200);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${relative(file)} (held by pid ${owner})`);
    if (!announced) log(`waiting for another ${name} run (pid ${owner}) to finish…`);
    announced = true;
    await sleep(1000);
  }
  const release = () => {
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      /* already gone */
    }
  };
  process.on('exit', release);
  return release;
}

/**
 * A scratch workspace holding the examples as a git repository with the history that
 * `examples/build-git-demo.mjs` writes: commit links have real commits to find.
 * @returns {string} the new folder
 */
export function gitDemoWorkspace() {
  const dest = scratchWorkspace(undefined);
  const result = spawnSync(process.execPath, [join(repoRoot, 'examples', 'build-git-demo.mjs'), dest], {
    encoding: 'utf8',
    // The user's git configuration must not shape the history (hooks, signing, templates).
    env: { ...process.env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (result.status !== 0) throw new Error(`could not build the git workspace: ${result.stderr || result.error?.message}`);
  return dest;
}

/**
 * Copies `from` into a new folder under `.vscode-test/workspaces/`, leaving out `.git`, so tests
 * can edit files freely. Keeps only the newest few copies so the cache does not grow forever.
 * @returns {string} the new folder
 */
export function scratchWorkspace(from, { keep = 5 } = {}) {
  const root = join(cacheRoot, 'workspaces');
  mkdirSync(root, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dest = join(root, `${stamp}-${process.pid}`);
  mkdirSync(dest);
  if (from && existsSync(from)) {
    cpSync(from, dest, {
      recursive: true,
      filter: (src) => !relativePath(from, src).split(sep).includes('.git'),
    });
  }
  // Names start with an ISO timestamp, so sorting puts the oldest first.
  const others = readdirSync(root)
    .map((name) => join(root, name))
    .filter((path) => path !== dest && statSync(path).isDirectory())
    .sort();
  const excess = others.length - Math.max(keep - 1, 0);
  for (const path of others.slice(0, Math.max(excess, 0))) rmSync(path, { recursive: true, force: true });
  return dest;
}
