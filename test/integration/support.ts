// Shared by the suites: the activated engine, settled, and paths in the test workspace.
import assert from 'node:assert/strict';
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
