// Reading a file with a size limit that holds even when the file lies about its size: the size is
// taken from the open handle before anything is read, a file over the limit is never read, and
// the read itself stops one byte past the limit (a file that grows meanwhile, a device that never
// ends). Node only: the CLI, and the extension for `file:` URIs.
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync, type Stats } from 'node:fs';
import { promisify } from 'node:util';

// The callback API, promisified: measurably lighter per file than FileHandle when the index reads
// thousands of small files.
const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const closeAsync = promisify(close);
const readAsync = (fd: number, buffer: Buffer) =>
  new Promise<number>((resolve, reject) => read(fd, buffer, 0, buffer.length, null, (error, n) => (error ? reject(error) : resolve(n))));

export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true; size: number };

/** Open flags: never block on a FIFO; with `noFollow`, a symbolic link at the path is refused (ELOOP). */
function flags(noFollow: boolean): number {
  let f = constants.O_RDONLY;
  if (constants.O_NONBLOCK !== undefined) f |= constants.O_NONBLOCK;
  if (noFollow && constants.O_NOFOLLOW !== undefined) f |= constants.O_NOFOLLOW;
  return f;
}

const CHUNK = 64 * 1024;

/** Refuses a directory like readFileSync does, with the same error code. */
function refuseDirectory(file: string): never {
  throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR' });
}

/** An empty FIFO opened without blocking: nothing to read now is nothing to read (0 bytes, the end). */
function nothingToReadNow(error: unknown): number {
  if ((error as { code?: string }).code === 'EAGAIN') return 0;
  throw error;
}

/**
 * The decisions of one bounded read, shared by the synchronous and the asynchronous entry points,
 * which only differ in how they call the system: what the stat alone answers, how much to read
 * next, when reading is over, and what the bytes read amount to.
 */
class BoundedReading {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private ended = false;

  private constructor(
    private readonly maxBytes: number,
    private readonly statSize: number,
    private readonly regular: boolean,
  ) {}

  /** A reading of an open file, or the answer its stat gives at once (over the limit: nothing is read). */
  static start(file: string, stat: Stats, maxBytes: number): BoundedReading | BoundedRead {
    if (stat.isDirectory()) refuseDirectory(file);
    if (stat.size > maxBytes) return { ok: false, tooLarge: true, size: stat.size };
    return new BoundedReading(maxBytes, stat.size, stat.isFile());
  }

  /**
   * The buffer for the next read, undefined when reading is over: the whole file as stat'ed (plus
   * one byte to see its end) first, then chunks, never past `maxBytes + 1`.
   */
  next(): Buffer | undefined {
    if (this.ended) return undefined;
    const want = Math.min(this.total === 0 ? this.statSize + 1 : CHUNK, this.maxBytes + 1 - this.total);
    return want > 0 ? Buffer.allocUnsafe(want) : undefined;
  }

  /** Takes the `n` bytes a read put into `chunk`. */
  took(chunk: Buffer, n: number): void {
    if (n === 0) {
      this.ended = true;
      return;
    }
    this.chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    this.total += n;
    // A short read of a regular file is its end (saves a read per file); devices read on to 0.
    if (n < chunk.length && this.regular) this.ended = true;
  }

  /** The bytes read stop at `maxBytes + 1`: one byte more than allowed is enough to know. */
  result(): BoundedRead {
    if (this.total > this.maxBytes) return { ok: false, tooLarge: true, size: Math.max(this.statSize, this.total) };
    return { ok: true, bytes: this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.total) };
  }
}

/**
 * Reads at most `maxBytes` bytes of a file. Over the limit (by its size when opened, or by what
 * reading finds) the answer is `tooLarge` with the size known; at most `maxBytes + 1` bytes were
 * read then, and none when the size said so at once.
 */
export function readFileBoundedSync(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): BoundedRead {
  const fd = openSync(file, flags(options.noFollow === true));
  try {
    const reading = BoundedReading.start(file, fstatSync(fd), maxBytes);
    if (!(reading instanceof BoundedReading)) return reading;
    for (let chunk = reading.next(); chunk !== undefined; chunk = reading.next()) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        n = nothingToReadNow(error);
      }
      reading.took(chunk, n);
    }
    return reading.result();
  } finally {
    closeSync(fd);
  }
}

/** The asynchronous form of readFileBoundedSync (the index reads many files at once). */
export async function readFileBounded(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): Promise<BoundedRead> {
  const fd = await openAsync(file, flags(options.noFollow === true));
  try {
    const reading = BoundedReading.start(file, await fstatAsync(fd), maxBytes);
    if (!(reading instanceof BoundedReading)) return reading;
    for (let chunk = reading.next(); chunk !== undefined; chunk = reading.next()) {
      reading.took(chunk, await readAsync(fd, chunk).catch(nothingToReadNow));
    }
    return reading.result();
  } finally {
    await closeAsync(fd);
  }
}
