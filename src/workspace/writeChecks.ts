// The extension's side of src/files/safeFiles.ts: its writes go through WorkspaceEdits (undoable,
// seen by open editors), so the same rules are checked on the URI before the edit is made. Only
// `file:` URIs can hold symbolic links; other file systems pass.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkWriteTarget, displayPath, realPathOutside, WriteRefusedError, type WritePolicy } from '../files/safeFiles';
import { uiLanguage } from './uiText';

const language = () => uiLanguage();

/**
 * Why ReqDesk must not create or replace this file, in the UI language; undefined when it may.
 * 'workspace': the path comes from the repository (the import folder, the usual requirements
 * folder, the ID format) and must stay inside its workspace folder once links are resolved.
 * 'user': picked in a dialog or given as an argument: outside the workspace it is the user's
 * choice. Neither is ever written through a link.
 */
export function refusedWrite(uri: vscode.Uri, origin: WritePolicy['origin']): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const root = folder?.uri.scheme === 'file' ? folder.uri.fsPath : path.dirname(uri.fsPath);
  try {
    checkWriteTarget(uri.fsPath, { root, origin: folder ? origin : 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof WriteRefusedError) return error.text(language());
    throw error;
  }
}

/**
 * Why ReqDesk must not edit this record, in the UI language: it is a symbolic link to a file
 * outside its workspace folder. (A link to another file of the workspace is edited like the file
 * VS Code opens through it.)
 */
export function refusedEdit(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const real = realPathOutside(folder.uri.fsPath, uri.fsPath);
  return real === undefined
    ? undefined
    : new WriteRefusedError(displayPath(folder.uri.fsPath, uri.fsPath), { reason: 'link-outside', real }).text(language());
}

/** Whether the record file is a symbolic link to a file outside its workspace folder. */
export function isLinkOutside(uri: vscode.Uri): boolean {
  return refusedEdit(uri) !== undefined;
}
