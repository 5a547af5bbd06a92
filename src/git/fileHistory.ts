/**
 * The committed versions of one file, read from git: which commits touched it (following
 * renames), and its content at each of them. Node only, like gitLog.
 *
 * Two git processes whatever the length of the history: one `git log` for the commits and blob
 * hashes, one `git cat-file --batch` for every blob's content.
 *
 * Merges: the log follows the first parent only, and a merge's change is its diff against that
 * parent. The versions are then the states the file really had one after the other on the current
 * branch, so each entry's "from" is the value it replaced. Without it, edits made in parallel on
 * two branches would be interleaved by date and compared with each other, reporting changes back
 * and forth that nobody made. The price: work merged with a merge commit is dated and attributed
 * to the merge, which is when it took effect on the branch.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { historyOf, type FileVersion, type HistoryEntry, type HistoryOptions } from '../core/history';
import { headOf, run } from './gitLog';

const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const ZERO = /^0+$/;
// `--raw` line: `:<old mode> <new mode> <old blob> <new blob> <status letter><score>`.
const RAW = /^\n?:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;
// Every field starts after a NUL, so a record is recognised by its leading empty field and hash.
const FORMAT = 'tformat:%x00%H%x00%aN%x00%aI';

export interface FileHistoryOptions extends HistoryOptions {
  signal?: AbortSignal;
}

interface LogRecord {
  commit: string;
  author: string;
  date: string;
  /** The path at this commit (the deleted path for a deletion). */
  path: string;
  /** The path before, for a rename or copy. */
  source?: string;
  /** The blob at this commit; undefined when the commit deleted the file. */
  blob: string | undefined;
}

/**
 * Parses `git log -z --raw --no-abbrev --format=<FORMAT>` of one followed path, newest first.
 * `path` is the path the log was asked for: when a commit shows more than one file (a copy next to
 * the followed file), the one that continues the followed path's line is taken.
 */
export function parseFileLog(output: string, path: string): LogRecord[] {
  const fields = output.split('\0');
  const records: LogRecord[] = [];
  let current = path;
  let i = 0;
  while (i < fields.length) {
    const field = fields[i++]!;
    if (!HASH.test(field)) continue;
    const commit = field;
    const author = fields[i++] ?? '';
    const date = fields[i++] ?? '';
    const changes: Array<{ status: string; path: string; source?: string; blob: string | undefined }> = [];
    for (let m = RAW.exec(fields[i] ?? ''); m; m = RAW.exec(fields[i] ?? '')) {
      i++;
      const [, , newMode = '', , newBlob = '', status = ''] = m;
      const deleted = status === 'D' || ZERO.test(newMode);
      if (status === 'R' || status === 'C') {
        const source = fields[i++] ?? '';
        changes.push({ status, source, path: fields[i++] ?? '', blob: newBlob });
      } else changes.push({ status, path: fields[i++] ?? '', blob: deleted || ZERO.test(newBlob) ? undefined : newBlob });
    }
    const change = changes.find((c) => c.path === current) ?? changes[0];
    if (!change) continue;
    // --follow also takes a new file for a copy of any similar one, and requirement files share a
    // template: a copy is where this record begins, never a continuation of the other's history.
    if (change.status === 'C') {
      records.push({ commit, author, date, path: change.path, blob: change.blob });
      break;
    }
    records.push({
      commit,
      author,
      date,
      path: change.path,
      blob: change.blob,
      ...(change.source !== undefined ? { source: change.source } : {}),
    });
    if (change.source !== undefined) current = change.source;
  }
  return records;
}

/**
 * Parses `git cat-file --batch` output: `<oid> blob <size>\n<bytes>\n` per object, or
 * `<oid> missing\n`. Returns the content of every blob found.
 */
export function parseBatch(output: Buffer): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  let at = 0;
  while (at < output.length) {
    const lineEnd = output.indexOf(10, at);
    if (lineEnd === -1) break;
    const header = output.toString('latin1', at, lineEnd).split(' ');
    at = lineEnd + 1;
    if (header.length !== 3) continue;
    const [oid = '', , sizeText = ''] = header;
    const size = Number(sizeText);
    if (!Number.isSafeInteger(size) || at + size > output.length) break;
    blobs.set(oid, output.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}

// The BOM stays: splitFile expects it and removes it itself.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The committed versions of `relPath` (relative to the repository root, `/` separators), oldest
 * first, following renames. Empty for a repository with no commits or a path never committed.
 */
export async function fileVersions(git: string, repo: string, relPath: string, options: FileHistoryOptions = {}): Promise<FileVersion[]> {
  const signal = options.signal ? { signal: options.signal } : {};
  // `git log HEAD` fails on an unborn branch: no commits is simply no history.
  if ((await headOf(git, repo)) === undefined) return [];
  const { stdout } = await run(
    git,
    repo,
    [
      // A path is a path: `*` or `[` in a file name is not a glob, `:` not pathspec magic.
      '--literal-pathspecs',
      // With log.showRoot=false the root commit's diff, the file's first version, would be missing.
      '-c',
      'log.showRoot=true',
      'log',
      '--follow',
      '--first-parent',
      '-m',
      '-z',
      '--raw',
      '--no-abbrev',
      `--format=${FORMAT}`,
      '--no-color',
      '--no-show-signature',
      '--end-of-options',
      'HEAD',
      '--',
      relPath,
    ],
    signal,
  );
  const records = parseFileLog(stdout, relPath).reverse();
  if (records.length === 0) return [];

  const wanted = [...new Set(records.flatMap((r) => (r.blob ? [r.blob] : [])))];
  const chunks: Buffer[] = [];
  if (wanted.length > 0) {
    await run(git, repo, ['cat-file', '--batch'], {
      input: `${wanted.join('\n')}\n`,
      onStdoutBytes: (chunk) => chunks.push(chunk),
      ...signal,
    });
  }
  const blobs = parseBatch(Buffer.concat(chunks));
  return records.map((r) => {
    const bytes = r.blob === undefined ? undefined : blobs.get(r.blob);
    // A blob missing from a partial clone reads as unreadable, not as a deletion.
    const text = r.blob === undefined ? undefined : bytes === undefined ? '' : utf8.decode(bytes);
    return { commit: r.commit, author: r.author, date: r.date, path: r.path, text };
  });
}

/**
 * The path of a file in the repository whose work tree is `repoTop` (as git reports it, links
 * resolved), `/` separators; undefined when the file, once its links are resolved, is outside the
 * repository (a record that is a link to elsewhere has no history there) or cannot be resolved.
 */
export function repositoryPathOf(repoTop: string, file: string): string | undefined {
  let rel: string;
  try {
    // git reports the top folder with symbolic links resolved (macOS's temporary folder is one):
    // the file is resolved the same way before taking the path between them.
    rel = path.relative(realpathSync.native(repoTop), realpathSync.native(file));
  } catch {
    return undefined;
  }
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The history of the requirement file at `relPath` (see fileVersions), oldest first. */
export async function historyOfId(git: string, repo: string, relPath: string, options: FileHistoryOptions = {}): Promise<HistoryEntry[]> {
  return historyOf(await fileVersions(git, repo, relPath, options), options);
}
