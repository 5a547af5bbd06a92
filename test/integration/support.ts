// Shared by the suites: the activated engine, settled, and paths in the test workspace.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { EngineApi } from '../../src/engine';
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

/** Asks the code-server runner for a screenshot and waits until it is written. */
export async function screenshot(name: string): Promise<boolean> {
  const dir = process.env.REQDESK_SCREENSHOTS;
  if (!dir) return false; // another host (test-electron): nobody to take it
  const done = join(dir, `${name}.done`);
  rmSync(done, { force: true });
  console.log(`[reqdesk:screenshot] ${name}`);
  await until(() => existsSync(done), `the runner took ${name}`);
  return true;
}

export interface FoundElement {
  text: string;
  className: string;
  data: Record<string, string>;
  content: string | null;
  html: string;
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
  return JSON.parse(readFileSync(file, 'utf8')) as FoundElement[];
}

/** Polls a condition (the runner and the webview work outside this host). */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Screenshots in the light, dark and high-contrast default themes: `<base>-light.png` etc. */
export async function screenshotsInThemes(base: string): Promise<void> {
  const workbench = vscode.workspace.getConfiguration('workbench');
  const original = workbench.get<string>('colorTheme');
  try {
    for (const [theme, suffix] of [
      ['Default Light Modern', 'light'],
      ['Default Dark Modern', 'dark'],
      ['Default High Contrast', 'hc'],
    ] as const) {
      await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await until(() => vscode.workspace.getConfiguration('workbench').get('colorTheme') === theme, `${theme} applied`);
      // Webviews restyle from VS Code's variables on their own; give them a frame or two.
      await new Promise((r) => setTimeout(r, 700));
      await screenshot(`${base}-${suffix}.png`);
    }
  } finally {
    await workbench.update('colorTheme', original, vscode.ConfigurationTarget.Global);
  }
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
 * A runtime string (`vscode.l10n.t(en, ...args)` in the extension) as the UI shows it: the English
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
