// The files below a folder that the include and exclude globs select, found with node:fs: the
// CLI's listing, and the extension's for local folders. Excluded folders are never entered.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileGlobs } from '../core/fileGlobs';

export interface WalkOptions {
  /**
   * What a symbolic link met on the way does:
   *  - `files`: a link to a file counts (a loop of links too, so that reading it reports ELOOP
   *    rather than the file silently missing); links to folders and dangling links are skipped —
   *    never following folders keeps the walk out of loops (the CLI);
   *  - `stop`: the walk gives up at the first link that is not excluded, for a caller whose own
   *    search follows links in its own way and must list the same files (the extension, whose
   *    listing must match the workbench's search).
   */
  links: 'files' | 'stop';
  /** The path of `root` the globs see (default: none, paths are relative to `root`). */
  base?: string;
  /**
   * Called between entries, awaited when it returns a promise: a folder of 50,000 files is
   * matched without holding the event loop.
   */
  pause?: () => Promise<void> | undefined;
}

/**
 * Paths (`/` separators, below `base`) in directory order, or undefined when the walk stopped at a
 * link.
 */
export async function walkFiles(root: string, globs: FileGlobs, options: WalkOptions): Promise<string[] | undefined> {
  const found: string[] = [];
  const stopped = await walk(root, options.base ?? '', globs, options, found);
  return stopped ? undefined : found;
}

/** Walks `dir` (`relDir` to the globs) into `found`; true when it stopped at a link. */
async function walk(dir: string, relDir: string, globs: FileGlobs, options: WalkOptions, found: string[]): Promise<boolean> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return false; // vanished or unreadable folder: nothing to index there
  }
  const prefix = relDir === '' ? '' : `${relDir}/`;
  for (const entry of entries) {
    const paused = options.pause?.();
    if (paused) await paused;
    // Built by concatenation: path.relative for every file of a large tree is measurable.
    const rel = prefix + entry.name;
    if (entry.isDirectory()) {
      if (!globs.excludesFolder(rel) && (await walk(path.join(dir, entry.name), rel, globs, options, found))) return true;
    } else if (entry.isSymbolicLink()) {
      if (options.links === 'stop') {
        if (!globs.excludesFolder(rel) || globs.selects(rel)) return true;
        continue;
      }
      if (!globs.selects(rel)) continue;
      const target = await fs
        .stat(path.join(dir, entry.name))
        .catch((error: { code?: string }) => (error.code === 'ELOOP' ? 'loop' : undefined));
      if (target === 'loop' || target?.isFile()) found.push(rel);
    } else if (entry.isFile() && globs.selects(rel)) found.push(rel);
  }
  return false;
}
