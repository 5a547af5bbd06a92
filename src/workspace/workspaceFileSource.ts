// The index's FileSource over vscode.workspace.fs: works for local, remote and virtual folders.
// Keys are URI strings.
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { FileSource, FileStat } from '../core/index';
import type { Settings } from '../core/settings';
import { fileGlobs, type FileGlobs } from '../core/fileGlobs';
import { readUriBounded } from './boundedRead';
import { walkFiles } from '../files/walkFiles';
import { Slicer } from '../core/slices';

/** Longest run of listing work before the event loop gets a turn. */
const SLICE_MS = 20;

function globOf(patterns: readonly string[]): string {
  return patterns.length === 1 ? patterns[0]! : `{${patterns.join(',')}}`;
}

export class WorkspaceFileSource implements FileSource {
  private readonly globs: FileGlobs;

  constructor(private readonly settings: Settings) {
    // The same matcher as the CLI, on workspace-relative paths, so both pick the same files.
    this.globs = fileGlobs(settings.include, settings.exclude);
  }

  async list(): Promise<string[]> {
    return (await this.listLocal()) ?? this.search();
  }

  /**
   * Local folders are walked with node:fs: the workbench's file search is a round trip to another
   * process that lists 10,000 files in about the time it takes to read them. The walk gives up at
   * a symbolic link, which the search follows as the user's settings say, and the search lists then.
   */
  private async listLocal(): Promise<string[] | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0 || folders.some((f) => f.uri.scheme !== 'file')) return undefined;
    const files = new Set<string>();
    const slicer = new Slicer(SLICE_MS);
    const pause = () => (slicer.due ? slicer.maybeYield() : undefined);
    for (const folder of folders) {
      const below = await walkFiles(folder.uri.fsPath, this.globs, { links: 'stop', pause });
      if (!below) return undefined;
      for (const rel of below) {
        files.add(vscode.Uri.joinPath(folder.uri, rel).toString());
        const paused = pause();
        if (paused) await paused;
      }
    }
    // In the walk's order, not sorted: the build reads 64 files at a time and keeps them in the
    // order the reads finish, and whatever shows them sorts them its own way. Sorting 50,000 URIs
    // held the extension host for 120 ms.
    return [...files];
  }

  /** The workbench's file search: remote and virtual folders, and trees with links. */
  private async search(): Promise<string[]> {
    const exclude = this.settings.exclude.length ? globOf(this.settings.exclude) : null;
    const uris = await vscode.workspace.findFiles(globOf(this.settings.include), exclude);
    return uris.map((u) => u.toString()).sort();
  }

  async read(file: string, maxBytes?: number): Promise<Uint8Array> {
    const uri = vscode.Uri.parse(file);
    return maxBytes === undefined ? vscode.workspace.fs.readFile(uri) : readUriBounded(uri, maxBytes);
  }

  async stat(file: string): Promise<FileStat> {
    const uri = vscode.Uri.parse(file);
    if (uri.scheme === 'file') {
      // Local files directly: a warm start stats every file, and a round trip through the host's
      // file service per file costs more than the stat (statSync of a cached inode is microseconds).
      const s = statSync(uri.fsPath);
      if (s.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
      return { mtime: s.mtimeMs, size: s.size };
    }
    const s = await vscode.workspace.fs.stat(uri);
    if (s.type & vscode.FileType.Directory) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
    return { mtime: s.mtime, size: s.size };
  }

  /** Whether a document or file is a requirement file by the include/exclude settings. */
  matches(uri: vscode.Uri): boolean {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return false;
    const relative = vscode.workspace.asRelativePath(uri, false);
    return this.globs.selects(relative);
  }

  /**
   * The requirement files below a folder of the workspace (none when it is excluded or not a
   * folder): for a folder that appeared at once, whose files the watcher may not all report.
   */
  async listBelow(folder: vscode.Uri): Promise<string[]> {
    if (!vscode.workspace.getWorkspaceFolder(folder)) return [];
    const relative = vscode.workspace.asRelativePath(folder, false);
    if (this.globs.excludesFolder(relative)) return [];
    const stat = await Promise.resolve(vscode.workspace.fs.stat(folder)).catch(() => undefined);
    if (!stat || !(stat.type & vscode.FileType.Directory)) return [];
    if (folder.scheme === 'file') {
      const below = await walkFiles(folder.fsPath, this.globs, { links: 'stop', base: relative });
      const skip = relative === '' ? 0 : relative.length + 1;
      if (below) return below.map((rel) => vscode.Uri.joinPath(folder, rel.slice(skip)).toString()).sort();
    }
    // The same search as a build (links followed or not alike), kept to the folder.
    const prefix = `${folder.toString()}/`;
    const uris = (await this.list()).filter((u) => u.startsWith(prefix));
    return uris;
  }
}
