// Shared by the suites: the activated engine, settled, and paths in the test workspace.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { NewRequirementArgs } from '../../src/commands/newRequirement';
import type { EngineApi } from '../../src/engine';
import type { TreeNode } from '../../src/tree/nodes';
import type { ReqDeskApi } from '../../src/extension';

export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** The extension's engine once activation, indexing and queued updates are done. */
export async function engine(): Promise<EngineApi> {
  const ext = vscode.extensions.getExtension<ReqDeskApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const api = await (await ext.activate()).ready();
  await api.settled();
  return api;
}

/** A path in the test workspace (the runner's copy of examples/). */
export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/**
 * Whether the code-server runner is there to read the DOM, take screenshots, type and use the
 * mouse. Another host (test-electron) has none: a test that needs it is marked pending there.
 */
export function domRunner(): boolean {
  return Boolean(process.env.REQDESK_SCREENSHOTS);
}

/** Marks the running test pending when no runner can reach the DOM (after what it could assert). */
export function skipWithoutDom(test: Mocha.Context): void {
  if (!domRunner()) test.skip();
}

/**
 * Asks the runner for an action and waits for its `.done` file, which holds the error when the
 * action failed: a screenshot not written, keys not typed, a drag that found nothing to drag.
 */
async function runnerAction(kind: string, name: string, payload: string, timeoutMs?: number): Promise<void> {
  const dir = process.env.REQDESK_SCREENSHOTS;
  assert.ok(dir, `no runner to ${kind} (${name})`);
  const done = join(dir, `${name}.done`);
  rmSync(done, { force: true });
  console.log(`[reqdesk:${kind}] ${name}${payload ? ` ${payload}` : ''}`);
  await until(() => existsSync(done), `the runner did ${kind} ${name}`, timeoutMs);
  const error = readFileSync(done, 'utf8');
  if (error) throw new Error(`the runner could not ${kind} ${name}: ${error}`);
}

/** A part of the page, in CSS pixels from its top left corner. */
export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Asks the code-server runner for a screenshot (of the whole page, or of `clip`) and waits until
 * it is written; fails if it was not.
 */
export async function screenshot(name: string, clip?: Clip): Promise<boolean> {
  if (!domRunner()) return false; // another host (test-electron): nobody to take it
  await runnerAction('screenshot', name, clip ? JSON.stringify(clip) : '');
  return true;
}

/** Types into the workbench through the runner: `type:text`, `press:Enter`, `wait:ms` steps. */
export async function keys(name: string, steps: string[]): Promise<void> {
  await runnerAction('keys', name, JSON.stringify(steps), 30_000);
}

export interface MouseAction {
  /** `hover` rests the pointer on the element without pressing. */
  action: 'click' | 'drag' | 'hover';
  /** The element to press on, in any frame (a webview's included). */
  selector: string;
  /** For a drag: the element to release over… */
  to?: string;
  /** …or how far to move, in CSS pixels. */
  dx?: number;
  dy?: number;
}

/** Clicks or drags with the real mouse through the runner, as a person would. */
export async function mouse(name: string, action: MouseAction): Promise<void> {
  await runnerAction('mouse', name, JSON.stringify(action));
}

/**
 * Resizes the browser window the workbench runs in (the runner starts at 1440×900), as on another
 * screen, and waits until the workbench has laid itself out again.
 */
export async function viewport(name: string, width: number, height: number): Promise<void> {
  await runnerAction('viewport', name, JSON.stringify({ width, height }));
  await new Promise((r) => setTimeout(r, 500));
}

export interface FoundElement {
  text: string;
  className: string;
  data: Record<string, string>;
  content: string | null;
  placeholder: string | null;
  html: string;
  /** Its box in its own frame (CSS pixels). */
  box: { x: number; y: number; width: number; height: number };
  /** Its content's size against its box: text cut by overflow has a scroll size above the client size. */
  fit: { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
  /** A few computed colours, and how its text is set. */
  style: { color: string; backgroundColor: string; borderColor: string; writingMode: string; textOrientation: string };
}

/**
 * The elements matching a selector in any webview, read by the runner through the page's frames.
 * Undefined under a host without that runner.
 */
export async function queryWebviews(name: string, selector: string): Promise<FoundElement[] | undefined> {
  const dir = process.env.REQDESK_SCREENSHOTS;
  if (!dir) return undefined;
  const file = join(dir, `${name}.json`);
  rmSync(file, { force: true });
  console.log(`[reqdesk:query] ${name} ${selector}`);
  await until(() => existsSync(file), `the runner answered ${name}`);
  const answer = JSON.parse(readFileSync(file, 'utf8')) as FoundElement[] | { error: string };
  if (!Array.isArray(answer)) throw new Error(answer.error);
  return answer;
}

/**
 * The console errors the webviews' frames logged since the workbench started (a CSP violation, an
 * uncaught error), read by the runner. Undefined under a host without that runner.
 */
export async function webviewConsoleErrors(name: string): Promise<Array<{ text: string; url: string }> | undefined> {
  const dir = process.env.REQDESK_SCREENSHOTS;
  if (!dir) return undefined;
  const file = join(dir, `${name}.json`);
  rmSync(file, { force: true });
  console.log(`[reqdesk:console] ${name}`);
  await until(() => existsSync(file), `the runner answered ${name}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string; url: string }>;
}

/** Polls the DOM until the selector finds something that satisfies `ok`; the last answer either way. */
export async function waitForDom(
  name: string,
  selector: string,
  ok: (found: FoundElement[]) => boolean,
  timeoutMs = 20_000,
): Promise<FoundElement[] | undefined> {
  const end = Date.now() + timeoutMs;
  let found = await queryWebviews(name, selector);
  while (found !== undefined && !ok(found) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    found = await queryWebviews(name, selector);
  }
  return found;
}

/** The Problems panel's rows (read as `name`) once one of them shows `message`; fails when none does. */
export async function problemsPanelShowing(name: string, message: string): Promise<FoundElement[]> {
  const rows = (await waitForDom(name, '.markers-panel .monaco-list-row', (found) => found.some((r) => r.text.includes(message))))!;
  assert.ok(
    rows.some((r) => r.text.includes(message)),
    rows.map((r) => r.text).join(' | '),
  );
  return rows;
}

/**
 * The code actions at a range, asked for again until `ok` accepts them: right after a file is
 * opened or its diagnostics change, the workbench can answer before it has caught up (and then
 * drops ReqDesk's answer).
 */
export async function codeActionsUntil(
  uri: vscode.Uri,
  range: vscode.Range,
  ok: (actions: vscode.CodeAction[]) => boolean,
  kind?: string,
): Promise<vscode.CodeAction[]> {
  let actions: vscode.CodeAction[];
  const deadline = Date.now() + 10_000;
  do {
    actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      ...(kind ? [kind] : []),
    );
    if (!ok(actions)) await new Promise((r) => setTimeout(r, 200));
  } while (!ok(actions) && Date.now() < deadline);
  return actions;
}

/** A file's text, read through the workspace file system (what the extension sees). */
export async function fileText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The file's text once it differs from `before` (an edit the webview asked for has landed), or after 20 s. */
export async function changedText(uri: vscode.Uri, before: string): Promise<string> {
  const end = Date.now() + 20_000;
  let now = await fileText(uri);
  // A save writes the file in place: read while it is written, it can be empty or cut short. The
  // change is taken once two reads a moment apart agree.
  for (;;) {
    if (now !== before && now !== '') {
      await new Promise((r) => setTimeout(r, 100));
      const again = await fileText(uri);
      if (again === now || Date.now() >= end) return again;
      now = again;
      continue;
    }
    if (Date.now() >= end) return now;
    await new Promise((r) => setTimeout(r, 200));
    now = await fileText(uri);
  }
}

/**
 * The record with broken scores (REQ-2026-090) in an editor with its misspelt `urgancy` key
 * selected, the Requirements view and the Problems panel shown, notifications cleared: the scene
 * of the tree-and-problems screenshots.
 */
export async function showBrokenScores(): Promise<{ uri: vscode.Uri; editor: vscode.TextEditor }> {
  await vscode.commands.executeCommand('notifications.clearAll');
  const uri = workspaceFile('requirements', 'REQ-2026-090-broken-scores.md');
  await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
  // The Problems panel first: it reveals the problems of the editor opened next.
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const editor = await vscode.window.showTextDocument(uri);
  const line = editor.document
    .getText()
    .split(/\r?\n/)
    .findIndex((l) => l.includes('urgancy'));
  editor.selection = new vscode.Selection(line, 2, line, 9);
  return { uri, editor };
}

/**
 * One undo in the file's editor takes a whole change back: the editor holds `before` again, every
 * byte, and so does the file once saved. The editor is closed afterwards.
 */
export async function undoOnceRestores(uri: vscode.Uri, before: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand('undo');
  assert.equal(editor.document.getText(), before, 'one undo restores every byte');
  await editor.document.save();
  assert.equal(await fileText(uri), before);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/** Runs New Requirement with every answer given, as a caller of the command would; fails when no file was created. */
export async function newRequirement(answers: NewRequirementArgs): Promise<vscode.Uri> {
  const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('reqdesk.newRequirement', answers);
  assert.ok(created, 'a file was created');
  return created;
}

/** Polls a condition (the runner and the webview work outside this host). */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Writes a requirement file for one test and waits until the tree shows it, runs `body`, then
 * deletes the file and waits until the index forgets it, however `body` ended.
 */
export async function withNewRequirement(api: EngineApi, uri: vscode.Uri, text: string, body: () => Promise<void>): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  try {
    await until(() => api.tree.requirementNode(uri.toString()) !== undefined, 'the new file is in the tree');
    await body();
  } finally {
    await vscode.workspace.fs.delete(uri);
    await until(() => api.index.get(uri.toString()) === undefined, 'the index forgot the new file');
  }
}

/**
 * Screenshots in the light, dark and high-contrast default themes: `<base>-light.png` etc. In each
 * theme the webview's body carries that theme's class and `selector` (an element of the view) is
 * drawn in colours of its own: the three themes give three different sets of colours, so the view
 * follows the theme rather than fixed colours.
 */
export async function screenshotsInThemes(base: string, selector: string): Promise<void> {
  const workbench = vscode.workspace.getConfiguration('workbench');
  const original = workbench.get<string>('colorTheme');
  const colours: string[] = [];
  try {
    for (const [theme, suffix, bodyClass] of [
      ['Default Light Modern', 'light', 'vscode-light'],
      ['Default Dark Modern', 'dark', 'vscode-dark'],
      ['Default High Contrast', 'hc', 'vscode-high-contrast'],
    ] as const) {
      await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await until(() => vscode.workspace.getConfiguration('workbench').get('colorTheme') === theme, `${theme} applied`);
      // Webviews restyle from VS Code's variables on their own: wait until the view's body says so.
      const found = await waitForDom(`${base}-${suffix}-theme`, `body.${bodyClass} ${selector}`, (f) => f.length > 0);
      if (found !== undefined) {
        assert.ok(found.length > 0, `${selector} is drawn in ${theme}`);
        colours.push(`${found[0]!.style.color} on ${found[0]!.style.backgroundColor}, border ${found[0]!.style.borderColor}`);
      }
      await new Promise((r) => setTimeout(r, 300));
      await screenshot(`${base}-${suffix}.png`);
    }
  } finally {
    await workbench.update('colorTheme', original, vscode.ConfigurationTarget.Global);
  }
  if (colours.length > 0) assert.equal(new Set(colours).size, 3, `${selector} in light, dark and high contrast: ${colours.join(' | ')}`);
}

// The same suites run with the UI in English and in Chinese (the runner's --locale=zh-cn): an
// assertion on a user-visible string compares with the string for the running language, read from
// the files the extension ships rather than written twice in the tests.
const repoRoot = join(__dirname, '..', '..', '..');

/** Whether the extension host runs with the UI in Simplified Chinese. */
export function chinese(): boolean {
  return vscode.env.language.toLowerCase() === 'zh-cn';
}

let bundle: Record<string, string> | undefined;

/**
 * A runtime string (`l10n.t(en, ...args)` in the extension) as the UI shows it: the English
 * text, or its translation from l10n/bundle.l10n.zh-cn.json, with `{0}`… filled in.
 */
export function uiText(en: string, ...args: Array<string | number>): string {
  bundle ??= JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const text = chinese() ? bundle[en] : en;
  assert.ok(text !== undefined, `"${en}" has a Chinese translation`);
  return text.replace(/\{(\d+)\}/g, (whole, n: string) => (args[Number(n)] === undefined ? whole : String(args[Number(n)])));
}

/** A manifest string (`%key%` in package.json) in the UI language, from package.nls(.zh-cn).json. */
export function manifestText(key: string): string {
  const file = chinese() ? 'package.nls.zh-cn.json' : 'package.nls.json';
  const table = JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, string>;
  assert.ok(table[key] !== undefined, `${file} has ${key}`);
  return table[key];
}

/**
 * Writes `.reqdesk/schema.yaml` into the runner's workspace and waits until the index is built with
 * it. The schema changes the index for every later suite: the function returned removes it (and
 * the `.reqdesk` folder when this made it — a deleted folder rebuilds the index too, the file gets
 * no event of its own then) and waits until the index is built without it.
 */
export async function writeTeamSchema(text: string): Promise<() => Promise<void>> {
  const api = await engine();
  await api.settled();
  const folder = workspaceFile('.reqdesk');
  const schema = workspaceFile('.reqdesk', 'schema.yaml');
  const hadFolder = await vscode.workspace.fs.stat(folder).then(
    () => true,
    () => false,
  );
  await vscode.workspace.fs.writeFile(schema, new TextEncoder().encode(text));
  await until(() => api.index.team !== null, 'the index is built with the team schema', 60_000);
  return async () => {
    if (hadFolder) await vscode.workspace.fs.delete(schema);
    else await vscode.workspace.fs.delete(folder, { recursive: true });
    await until(() => api.index.team === null, 'the index is built without the team schema', 60_000);
    await api.settled();
  };
}

/**
 * A row of the Requirements tree as the workbench shows it on hover: a requirement's tooltip is
 * made when VS Code asks for it (resolveTreeItem), not with the row.
 */
export function hoveredItem(api: EngineApi, node: TreeNode): vscode.TreeItem {
  return api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
}
