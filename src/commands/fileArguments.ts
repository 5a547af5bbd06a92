// Files named by command arguments: scripts and tests pass a URI string or a plain path, people
// pick one in a dialog. Both the import/export and the report commands take them.
import * as vscode from 'vscode';

/**
 * A command argument as a URI: `scheme:…` is parsed as a URI, anything else (including a Windows
 * drive path such as `C:\…`, whose drive letter looks like a scheme) is a file path.
 */
export function argumentUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

/** Whether something exists at the URI, on any file system VS Code knows. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
