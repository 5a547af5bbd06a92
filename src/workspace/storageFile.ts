// A cache file in the extension's workspace storage (outside the workspace: a repository cannot
// bring one along). The index's warm-start cache and the commit cache are both kept in one.
import * as vscode from 'vscode';

export interface StorageFileOptions {
  /**
   * Checked before reading when given: anything but a file of at most this size is not a cache
   * ReqDesk wrote, and reads as absent.
   */
  maxBytes?: number;
}

export class StorageFile {
  constructor(
    private readonly uri: vscode.Uri,
    private readonly options: StorageFileOptions = {},
  ) {}

  /** The file's text, or undefined when it is absent or unreadable. */
  async load(): Promise<string | undefined> {
    try {
      const { maxBytes } = this.options;
      if (maxBytes !== undefined) {
        const stat = await vscode.workspace.fs.stat(this.uri);
        if ((stat.type & vscode.FileType.File) === 0 || stat.size > maxBytes) return undefined;
      }
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri));
    } catch {
      return undefined;
    }
  }

  async save(data: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
    await vscode.workspace.fs.writeFile(this.uri, new TextEncoder().encode(data));
  }
}
