// Where the CLI keeps what it caches between runs: the user's cache folder, never the work tree.
// A file in the work tree is whatever the repository (a clone, a pull request) put there, so a
// cache kept there could be forged by committing it; the user's cache folder is written only by
// the user's own runs and is never part of a checkout.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * The user's cache folder for ReqDesk: `$XDG_CACHE_HOME/reqdesk`, else the platform's usual place
 * (`%LOCALAPPDATA%` on Windows, `~/Library/Caches` on macOS, `~/.cache` elsewhere). Undefined when
 * the environment names none (no HOME): the CLI then caches nothing rather than guess.
 */
export function userCacheFolder(env: Env, platform: NodeJS.Platform = process.platform): string | undefined {
  const absolute = (p: string | undefined): string | undefined => (p && path.isAbsolute(p) ? p : undefined);
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = absolute(env.XDG_CACHE_HOME);
  if (xdg) return path.join(xdg, 'reqdesk');
  if (platform === 'win32') {
    const local = absolute(env.LOCALAPPDATA);
    return local ? path.join(local, 'reqdesk', 'cache') : undefined;
  }
  const home = absolute(env.HOME);
  if (!home) return undefined;
  return platform === 'darwin' ? path.join(home, 'Library', 'Caches', 'reqdesk') : path.join(home, '.cache', 'reqdesk');
}

/** One file per repository, named by a digest of its path: no path characters in file names. */
export function repositoryCacheFile(folder: string, kind: string, repository: string): string {
  const digest = createHash('sha256').update(path.resolve(repository)).digest('hex').slice(0, 32);
  return path.join(folder, kind, `${digest}.json`);
}

/**
 * The text of a cache file when it is a regular file of at most `maxBytes`; undefined otherwise
 * (missing, a folder, a device or FIFO, larger, unreadable). The size is checked before reading,
 * and a FIFO is opened without blocking, so no cache file can stall or exhaust memory.
 */
export function readBoundedFile(file: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    // Read to the end with a bound, not by the size seen: the file may grow meanwhile.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) return undefined;
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
