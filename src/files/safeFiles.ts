// Every file ReqDesk writes with node:fs goes through here (the CLI's records, caches, imports,
// exports and reports), because a repository is untrusted input: a committed symbolic link must
// never make ReqDesk write outside the workspace or over another file.
//
// The rules:
//   - the file itself is never a symbolic link (a write would go wherever it points), nor a folder,
//     FIFO or device;
//   - a path that comes from the repository (a record, the cache, a folder or ID format from the
//     settings) stays inside the workspace once every link in it is resolved;
//   - a path the user typed (`--out`) may go anywhere outside the workspace: that is their choice;
//     inside it, the repository's links still do not lead it out;
//   - a file is replaced atomically: a temporary file in the same folder (created exclusively),
//     then renamed over it, keeping its permissions; a new file appears whole (hard-linked from its
//     temporary file, which never replaces anything); the bytes given are written as they are;
//   - a read–modify–write (`updateFileSafely`) holds an advisory lock against other ReqDesk
//     processes and checks, just before the rename, that the file still holds what the edit was
//     computed on; otherwise it reads and edits again, and refuses after a few tries.
// A refusal is a WriteRefusedError naming the file and the reason in English and Chinese; nothing
// is written then.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { localize, type Language } from '../core/l10n';
import { readFileBoundedSync } from './boundedRead';

export type WriteRefusal =
  | { reason: 'symlink'; link: string }
  | { reason: 'link-outside'; real: string }
  | { reason: 'outside'; real: string; root: string }
  | { reason: 'not-a-file' }
  | { reason: 'too-large'; size: number; limit: number }
  | { reason: 'changed'; tries: number }
  | { reason: 'locked'; lock: string; holder: string };

/** The refusal in words, in `lang`. */
function refusalText(file: string, r: WriteRefusal, lang: Language): string {
  switch (r.reason) {
    case 'symlink':
      return localize(lang, '{0}: not written: it is a symbolic link (to {1}), and ReqDesk never writes through a link', file, r.link);
    case 'link-outside':
      return localize(lang, '{0}: not edited: it is a symbolic link to a file outside the workspace ({1})', file, r.real);
    case 'outside':
      return localize(
        lang,
        '{0}: not written: it would be outside the workspace {1} (its folder is {2} once symbolic links are resolved)',
        file,
        r.root,
        r.real,
      );
    case 'not-a-file':
      return localize(lang, '{0}: not written: it is not a regular file', file);
    case 'too-large':
      return localize(
        lang,
        '{0}: not edited: the file has {1} bytes, more than the limit of {2} (reqdesk.validation.maxFileSize)',
        file,
        r.size,
        r.limit,
      );
    case 'changed':
      return localize(
        lang,
        '{0}: not written: the file changed on disk while it was being edited ({1} tries); run the command again',
        file,
        r.tries,
      );
    case 'locked':
      return localize(
        lang,
        '{0}: not written: another ReqDesk process ({1}) is still editing it; if none is running, delete {2}',
        file,
        r.holder,
        r.lock,
      );
  }
}

/** A write ReqDesk refused: the file (as the user knows it) and why. Nothing was written. */
export class WriteRefusedError extends Error {
  readonly code = 'EREFUSED';
  constructor(
    readonly file: string,
    readonly refusal: WriteRefusal,
  ) {
    super(refusalText(file, refusal, 'en'));
  }

  text(lang: Language): string {
    return refusalText(this.file, this.refusal, lang);
  }
}

export interface WritePolicy {
  /** The workspace folder. */
  root: string;
  /**
   * Where the path comes from. 'workspace': the repository (records, caches, settings): it must
   * stay inside the root after links are resolved. 'user': typed on the command line: outside the
   * root it is the user's choice; inside, the same rule as 'workspace'.
   */
  origin: 'workspace' | 'user';
}

/** Whether `child` is `parent` or below it (both absolute and normalised). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** The real path of the deepest part of `p` that exists (a dangling link resolves to its target text). */
function realOfDeepestExisting(p: string): string {
  let at = p;
  while (!lstatOrUndefined(at)) {
    const up = path.dirname(at);
    if (up === at) return at;
    at = up;
  }
  try {
    const real = realpathSync.native(at);
    // The part that does not exist yet is created below the real folder.
    return path.join(real, path.relative(at, p));
  } catch {
    // A dangling or looping link: where it claims to lead.
    const stat = lstatOrUndefined(at);
    return stat?.isSymbolicLink() ? path.resolve(path.dirname(at), readlinkSync(at)) : at;
  }
}

/**
 * Where `target` really is when that is outside `root` (both resolved with every symbolic link),
 * else undefined. For a file that does not exist yet, the deepest folder of its path that exists
 * decides. Used by the extension too, for its own edits of `file:` URIs.
 */
export function realPathOutside(root: string, target: string): string | undefined {
  const realRoot = realOfDeepestExisting(path.resolve(root));
  const real = realOfDeepestExisting(path.resolve(target));
  return isInside(realRoot, real) ? undefined : real;
}

/** How a path is named in messages: relative to the workspace when inside it, else absolute. */
export function displayPath(root: string, target: string): string {
  const abs = path.resolve(root, target);
  return isInside(path.resolve(root), abs) ? path.relative(path.resolve(root), abs).split(path.sep).join('/') : abs;
}

/** Whether this policy confines `abs` to the workspace. */
function confined(abs: string, policy: WritePolicy): boolean {
  if (policy.origin === 'workspace') return true;
  const root = path.resolve(policy.root);
  return isInside(root, abs) || isInside(realOfDeepestExisting(root), abs);
}

/**
 * Throws a WriteRefusedError when ReqDesk must not write `target` under this policy (see the
 * rules above); returns the file's current status otherwise (undefined: it does not exist yet).
 */
export function checkWriteTarget(target: string, policy: WritePolicy): Stats | undefined {
  const abs = path.resolve(policy.root, target);
  const shown = displayPath(policy.root, abs);
  const stat = lstatOrUndefined(abs);
  if (stat?.isSymbolicLink()) throw new WriteRefusedError(shown, { reason: 'symlink', link: readlinkSync(abs) });
  if (stat && !stat.isFile()) throw new WriteRefusedError(shown, { reason: 'not-a-file' });
  if (confined(abs, policy)) {
    const outside = realPathOutside(policy.root, path.dirname(abs));
    if (outside !== undefined) throw new WriteRefusedError(shown, { reason: 'outside', real: outside, root: path.resolve(policy.root) });
  }
  return stat;
}

/**
 * Creates the missing folders of `dir` one at a time (never through a link: an existing one was
 * checked, and a link appearing meanwhile fails mkdir or the check after it). Returns the folders
 * it created, outermost first.
 */
function makeFolders(dir: string, policy: WritePolicy, shown: string): string[] {
  const missing: string[] = [];
  for (let at = dir; !lstatOrUndefined(at); at = path.dirname(at)) {
    if (path.dirname(at) === at) break;
    missing.unshift(at);
  }
  const made: string[] = [];
  for (const folder of missing) {
    try {
      mkdirSync(folder);
      made.push(folder);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  if (confined(dir, policy)) {
    const outside = realPathOutside(policy.root, dir);
    if (outside !== undefined) throw new WriteRefusedError(shown, { reason: 'outside', real: outside, root: path.resolve(policy.root) });
  }
  return made;
}

function writeAll(fd: number, data: Uint8Array): void {
  for (let at = 0; at < data.length;) at += writeSync(fd, data, at, data.length - at);
}

const bytesOf = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/** A temporary file in `dir`, created exclusively (never through a link planted there), written and synced. */
function writeTemp(dir: string, data: Uint8Array, mode: number | undefined): string {
  const temp = path.join(dir, `.reqdesk-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
  try {
    writeAll(fd, data);
    if (mode !== undefined) fchmodSync(fd, mode);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already renamed, or never created
  }
}

/**
 * Replaces (or creates) `target` atomically: a temporary file in the same folder, renamed over the
 * target. `mode`: the permissions to keep (default: new-file permissions under the umask).
 */
function atomicReplace(target: string, data: Uint8Array, mode: number | undefined): void {
  const temp = writeTemp(path.dirname(target), data, mode);
  try {
    renameSync(temp, target);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** File systems without hard links (FAT, some network shares) answer link() with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Creates `target` whole or not at all, never over anything already there: the temporary file is
 * hard-linked to the name (link() refuses an existing name, a link included). Where the file system
 * has no hard links, the file is created exclusively and written in place instead.
 */
function atomicCreate(target: string, data: Uint8Array): void {
  const temp = writeTemp(path.dirname(target), data, undefined);
  try {
    linkSync(temp, target);
    return;
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as { code?: string }).code ?? '')) throw error;
  } finally {
    removeQuietly(temp);
  }
  const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
  try {
    writeAll(fd, data);
  } catch (error) {
    closeSync(fd);
    unlinkSync(target);
    throw error;
  }
  closeSync(fd);
}

/** Writes `target` whole (created or replaced atomically, keeping its permissions), under the policy. */
export function writeFileSafely(target: string, data: string | Uint8Array, policy: WritePolicy): void {
  const abs = path.resolve(policy.root, target);
  const stat = checkWriteTarget(abs, policy);
  makeFolders(path.dirname(abs), policy, displayPath(policy.root, abs));
  atomicReplace(abs, bytesOf(data), stat ? stat.mode & 0o7777 : undefined);
}

/**
 * Creates a new file, never over an existing one (EEXIST, as node:fs says it), under the policy.
 * Returns the folders it had to create, outermost first (for a caller that undoes its work).
 */
export function createFileSafely(target: string, data: string | Uint8Array, policy: WritePolicy): string[] {
  const abs = path.resolve(policy.root, target);
  checkWriteTarget(abs, policy);
  const made = makeFolders(path.dirname(abs), policy, displayPath(policy.root, abs));
  atomicCreate(abs, bytesOf(data));
  return made;
}

// ── read–modify–write ───────────────────────────────────────────────────────────────────────

/** A lock held longer than this by a process on another machine (a network folder) is stale. */
const FOREIGN_LOCK_STALE_MS = 10 * 60 * 1000;
const LOCK_POLL_MAX_MS = 50;

/** The lock file of `target`: in its folder, named by a hash (a long file name plus a suffix could exceed the limit). */
function lockFileOf(target: string): string {
  return path.join(path.dirname(target), `.reqdesk-lock-${createHash('sha256').update(path.basename(target)).digest('hex').slice(0, 16)}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The holder written in a lock file, and whether the lock is stale (its process is gone). */
function lockHolder(lock: string): { holder: string; stale: boolean } {
  let text: string;
  let stat: Stats | undefined;
  try {
    stat = lstatSync(lock);
    const read = readFileBoundedSync(lock, 256, { noFollow: true });
    text = read.ok ? read.bytes.toString('utf8').trim() : '';
  } catch {
    return { holder: '?', stale: false };
  }
  const m = /^(\d+)@(.*)$/.exec(text);
  if (m && m[2] === hostname()) return { holder: text, stale: !processAlive(Number(m[1])) };
  // Another machine, or a holder that has not written its name yet: only time tells.
  return { holder: text || '?', stale: Date.now() - stat.mtimeMs > FOREIGN_LOCK_STALE_MS };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function acquireLock(target: string, root: string, shown: string, timeoutMs: number): Promise<string> {
  const lock = lockFileOf(target);
  const me = `${process.pid}@${hostname()}`;
  const deadline = Date.now() + timeoutMs;
  for (let wait = 2; ; wait = Math.min(wait * 2, LOCK_POLL_MAX_MS)) {
    try {
      const fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      try {
        writeAll(fd, Buffer.from(me));
      } finally {
        closeSync(fd);
      }
      return lock;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const present = lstatOrUndefined(lock);
    // A link or folder there is not a lock anyone took: someone put it there.
    if (present && !present.isFile()) throw new WriteRefusedError(displayPath(root, lock), { reason: 'not-a-file' });
    const { holder, stale } = present ? lockHolder(lock) : { holder: '', stale: false };
    if (stale) {
      try {
        unlinkSync(lock);
      } catch {
        // another process broke it first
      }
      continue;
    }
    if (Date.now() > deadline) throw new WriteRefusedError(shown, { reason: 'locked', lock, holder });
    // Jitter so that writers waiting on the same lock do not retry in step.
    await sleep(wait + randomInt(Math.max(1, Math.round(wait))));
  }
}

export interface UpdateOptions {
  /** Files over this size are not edited (WriteRefusedError 'too-large'). */
  maxBytes: number;
  /** How often the file may change under the edit before it is refused (default 5). */
  tries?: number;
  /** How long to wait for another ReqDesk process's lock (default 60 s). */
  lockTimeoutMs?: number;
}

function readForUpdate(abs: string, shown: string, maxBytes: number): Buffer {
  const read = readFileBoundedSync(abs, maxBytes, { noFollow: true });
  if (!read.ok) throw new WriteRefusedError(shown, { reason: 'too-large', size: read.size, limit: maxBytes });
  return read.bytes;
}

/**
 * Read–modify–write of an existing file without losing anyone's change: `edit` gets the file's
 * bytes and returns the new content (or none: nothing to write) with a value for the caller.
 * Other ReqDesk processes wait for the lock; a change made by anything else between the read and
 * the write is noticed just before the rename, and the file is read and edited again.
 */
export async function updateFileSafely<T>(
  target: string,
  policy: WritePolicy,
  edit: (current: Buffer) => { write?: string | Uint8Array; value: T },
  options: UpdateOptions,
): Promise<T> {
  const abs = path.resolve(policy.root, target);
  const shown = displayPath(policy.root, abs);
  checkWriteTarget(abs, policy);
  const tries = options.tries ?? 5;
  const lock = await acquireLock(abs, policy.root, shown, options.lockTimeoutMs ?? 60_000);
  try {
    for (let attempt = 0; attempt < tries; attempt++) {
      const stat = checkWriteTarget(abs, policy);
      if (!stat) throw Object.assign(new Error(`ENOENT: no such file, open '${abs}'`), { code: 'ENOENT' });
      const before = readForUpdate(abs, shown, options.maxBytes);
      const result = edit(before);
      if (result.write === undefined) return result.value;
      // Compare and swap: only over the very bytes the edit was computed on.
      const now = readForUpdate(abs, shown, options.maxBytes);
      if (!now.equals(before)) continue;
      atomicReplace(abs, bytesOf(result.write), stat.mode & 0o7777);
      return result.value;
    }
    throw new WriteRefusedError(shown, { reason: 'changed', tries });
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // broken as stale by another process: nothing to release
    }
  }
}

/**
 * Deletes a file under the policy (never a link, never outside the workspace), only while it
 * still holds `expected`: a file changed since it was read is kept (WriteRefusedError 'changed').
 */
export function deleteFileSafely(target: string, policy: WritePolicy, expected: Uint8Array, maxBytes: number): void {
  const abs = path.resolve(policy.root, target);
  const shown = displayPath(policy.root, abs);
  if (!checkWriteTarget(abs, policy)) throw Object.assign(new Error(`ENOENT: no such file, unlink '${abs}'`), { code: 'ENOENT' });
  if (!readForUpdate(abs, shown, maxBytes).equals(expected)) throw new WriteRefusedError(shown, { reason: 'changed', tries: 1 });
  unlinkSync(abs);
}
