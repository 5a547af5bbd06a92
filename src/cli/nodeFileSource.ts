// A FileSource over node:fs for the CLI and the bench: walks a root folder, matches the include
// and exclude globs on root-relative paths, never follows symbolic links to folders (no loops).
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileGlobs, type FileGlobs } from '../core/fileGlobs';
import { FileTooLargeError, type FileSource, type FileStat } from '../core/index';
import { readFileBounded, readFileBoundedSync } from '../files/boundedRead';
import { walkFiles } from '../files/walkFiles';

export interface NodeFileSourceOptions {
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Limit the walk to these files or folders (absolute or root-relative); default: the root. */
  paths?: readonly string[];
  /**
   * Read each file with blocking calls. Right for a process that only reads and exits (the CLI):
   * for thousands of small files it is several times faster than one promise per open, fstat,
   * read and close queued in libuv's four-thread pool. The bench's index leaves it off, as the
   * extension host, which must stay responsive, reads asynchronously.
   */
  blockingReads?: boolean;
}

/** Keys are root-relative paths with `/` separators, so output and globs read the same everywhere. */
export class NodeFileSource implements FileSource {
  private readonly globs: FileGlobs;

  constructor(private readonly options: NodeFileSourceOptions) {
    this.globs = fileGlobs(options.include, options.exclude);
  }

  absolute(file: string): string {
    return path.resolve(this.options.root, file);
  }

  relative(absolute: string): string {
    return path.relative(this.options.root, absolute).split(path.sep).join('/');
  }

  async list(): Promise<string[]> {
    const found: string[] = [];
    const starts = this.options.paths?.length ? this.options.paths.map((p) => path.resolve(this.options.root, p)) : [this.options.root];
    for (const start of starts) {
      let stat;
      try {
        stat = await fs.stat(start);
      } catch {
        continue;
      }
      if (stat.isFile()) {
        // A file named explicitly is read even when the include globs would not pick it.
        found.push(this.relative(start));
        continue;
      }
      for (const file of (await walkFiles(start, this.globs, { links: 'files', base: this.relative(start) })) ?? []) found.push(file);
    }
    return [...new Set(found)].sort();
  }

  async read(file: string, maxBytes?: number): Promise<Uint8Array> {
    if (maxBytes === undefined) return this.options.blockingReads ? readFileSync(this.absolute(file)) : fs.readFile(this.absolute(file));
    const read = this.options.blockingReads
      ? readFileBoundedSync(this.absolute(file), maxBytes)
      : await readFileBounded(this.absolute(file), maxBytes);
    if (!read.ok) throw new FileTooLargeError(read.size);
    return read.bytes;
  }

  /**
   * A record's text read again after indexing (for line numbers, export, history), with the same
   * size limit as the index's read: undefined when it is over the limit, gone or unreadable. The
   * BOM stays; invalid UTF-8 becomes U+FFFD.
   */
  readText(file: string, maxBytes: number): string | undefined {
    try {
      const read = readFileBoundedSync(this.absolute(file), maxBytes);
      return read.ok ? read.bytes.toString('utf8') : undefined;
    } catch {
      return undefined;
    }
  }

  async stat(file: string): Promise<FileStat> {
    const s = await fs.stat(this.absolute(file));
    if (!s.isFile()) throw Object.assign(new Error(`${file} is not a file`), { code: 'EISDIR' });
    return { mtime: s.mtimeMs, size: s.size };
  }
}
