// Reading a file with a size limit that holds even when the file lies about its size: the size is
// taken from the open handle before anything is read, a file over the limit is never read, and
// the read itself stops one byte past the limit (a file that grows meanwhile, a device that never
// ends). Node only: the CLI, and the extension for `file:` URIs.
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';

// The callback API, promisified: measurably lighter per file than FileHandle when the index reads
// thousands of small files.
const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const closeAsync = promisify(close);
const readAsync = (fd: number, buffer: Buffer, length: number) =>
  new Promise<number>((resolve, reject) => read(fd, buffer, 0, length, null, (error, n) => (error ? reject(error) : resolve(n))));

export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true; size: number };

/** Open flags: never block on a FIFO; with `noFollow`, a symbolic link at the path is refused (ELOOP). */
function flags(noFollow: boolean): number {
  let f = constants.O_RDONLY;
  if (constants.O_NONBLOCK !== undefined) f |= constants.O_NONBLOCK;
  if (noFollow && constants.O_NOFOLLOW !== undefined) f |= constants.O_NOFOLLOW;
  return f;
}

const CHUNK = 64 * 1024;

/** The size of the next read: the whole file as stat'ed (plus one byte to see its end) first, then chunks. */
function nextRead(total: number, maxBytes: number, statSize: number): number {
  return Math.min(total === 0 ? statSize + 1 : CHUNK, maxBytes + 1 - total);
}

/** The bytes read stop at `maxBytes + 1`: one byte more than allowed is enough to know. */
function tooLargeOrBytes(chunks: Buffer[], total: number, maxBytes: number, statSize: number): BoundedRead {
  if (total > maxBytes) return { ok: false, tooLarge: true, size: Math.max(statSize, total) };
  return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
}

/**
 * Reads at most `maxBytes` bytes of a file. Over the limit (by its size when opened, or by what
 * reading finds) the answer is `tooLarge` with the size known; at most `maxBytes + 1` bytes were
 * read then, and none when the size said so at once.
 */
export function readFileBoundedSync(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): BoundedRead {
  const fd = openSync(file, flags(options.noFollow === true));
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR' });
    if (stat.size > maxBytes) return { ok: false, tooLarge: true, size: stat.size };
    const regular = stat.isFile();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = nextRead(total, maxBytes, stat.size);
      if (want <= 0) break;
      const chunk = Buffer.allocUnsafe(want);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, want, null);
      } catch (error) {
        // An empty FIFO opened without blocking: nothing to read now is nothing to read.
        if ((error as { code?: string }).code === 'EAGAIN') break;
        throw error;
      }
      if (n === 0) break;
      chunks.push(n === want ? chunk : chunk.subarray(0, n));
      total += n;
      // A short read of a regular file is its end (saves a read per file); devices read on to 0.
      if (n < want && regular) break;
    }
    return tooLargeOrBytes(chunks, total, maxBytes, stat.size);
  } finally {
    closeSync(fd);
  }
}

/** The asynchronous form of readFileBoundedSync (the index reads many files at once). */
export async function readFileBounded(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): Promise<BoundedRead> {
  const fd = await openAsync(file, flags(options.noFollow === true));
  try {
    const stat = await fstatAsync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR' });
    if (stat.size > maxBytes) return { ok: false, tooLarge: true, size: stat.size };
    const regular = stat.isFile();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = nextRead(total, maxBytes, stat.size);
      if (want <= 0) break;
      const chunk = Buffer.allocUnsafe(want);
      let n: number;
      try {
        n = await readAsync(fd, chunk, want);
      } catch (error) {
        if ((error as { code?: string }).code === 'EAGAIN') break;
        throw error;
      }
      if (n === 0) break;
      chunks.push(n === want ? chunk : chunk.subarray(0, n));
      total += n;
      // A short read of a regular file is its end (saves a read per file); devices read on to 0.
      if (n < want && regular) break;
    }
    return tooLargeOrBytes(chunks, total, maxBytes, stat.size);
  } finally {
    await closeAsync(fd);
  }
}
