/**
 * Files as they are at a revision, read from git without touching the work tree: which files of a
 * folder a commit (or tag) holds, their text, the revisions that touched one file. Node only, like
 * gitLog. Every revision given by a user is resolved first, so a mistyped tag is a precise error
 * (RevisionError), not git's own message about an ambiguous argument.
 *
 * Two git processes for a whole revision: one `git ls-tree` for the paths, blob hashes and sizes,
 * one `git cat-file --batch` for the contents of the files that are within the size limit.
 */
import { parseBatch } from './fileHistory';
import { GitError, run } from './gitLog';

/** A revision that does not name a commit of the repository. */
export class RevisionError extends Error {
  override readonly name = 'RevisionError';
  constructor(readonly revision: string) {
    super(`"${revision}" is not a commit, branch or tag of this repository`);
  }
}

/**
 * The full hash of the commit `revision` names (a tag is peeled to its commit). Throws
 * RevisionError when it names none: unknown, a tree or blob, or text that is not a revision.
 */
export async function resolveCommit(git: string, repo: string, revision: string): Promise<string> {
  // An empty name or one that reads as an option is never a revision; `^{commit}` peels a tag.
  if (revision === '' || revision.startsWith('-') || /[\0\n]/.test(revision)) throw new RevisionError(revision);
  const { code, stdout } = await run(git, repo, ['rev-parse', '--verify', '-q', '--end-of-options', `${revision}^{commit}`], {
    okCodes: [0, 1, 128],
  });
  const hash = stdout.trim();
  if (code !== 0 || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(hash)) throw new RevisionError(revision);
  return hash;
}

export interface TreeFile {
  /** Path relative to the repository root, `/` separators. */
  path: string;
  blob: string;
  size: number;
}

/**
 * The regular files under `folder` (relative to the repository root, `/` separators; '' for the
 * whole tree) at `commit`. Symbolic links and submodules are left out: their blob is a link's
 * target or a commit of another repository, not a requirement's text.
 */
export async function filesAt(git: string, repo: string, commit: string, folder: string, signal?: AbortSignal): Promise<TreeFile[]> {
  const args = ['ls-tree', '-r', '-z', '--long', '--full-tree', '--end-of-options', commit];
  // A path is a path: `*` or `[` in a folder name is no glob, `:` no pathspec magic.
  if (folder !== '') args.unshift('--literal-pathspecs');
  if (folder !== '') args.push('--', folder);
  const { stdout } = await run(git, repo, args, signal ? { signal } : {});
  const files: TreeFile[] = [];
  for (const entry of stdout.split('\0')) {
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
    const m = /^(\d{6}) (\w+) ([0-9a-f]+) +(\d+|-)\t([\s\S]+)$/.exec(entry);
    if (!m || m[2] !== 'blob' || (m[1] !== '100644' && m[1] !== '100755')) continue;
    files.push({ path: m[5]!, blob: m[3]!, size: Number(m[4]) });
  }
  return files;
}

// The BOM stays: splitFile expects it and removes it itself.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text of blobs by hash (invalid UTF-8 as U+FFFD), read in one `git cat-file --batch`. */
export async function blobTexts(git: string, repo: string, blobs: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const wanted = [...new Set(blobs)];
  const texts = new Map<string, string>();
  if (wanted.length === 0) return texts;
  const chunks: Buffer[] = [];
  await run(git, repo, ['cat-file', '--batch'], {
    input: `${wanted.join('\n')}\n`,
    onStdoutBytes: (chunk) => chunks.push(chunk),
    ...(signal ? { signal } : {}),
  });
  for (const [oid, bytes] of parseBatch(Buffer.concat(chunks))) texts.set(oid, utf8.decode(bytes));
  return texts;
}

export interface RevisionRead {
  /** Path relative to `folder` → text, for every selected file within the size limit. */
  files: Map<string, string>;
  /** Selected files over the size limit, not read (relative to `folder`). */
  tooLarge: string[];
}

export interface RevisionReadOptions {
  /** The workspace folder, relative to the repository root ('' for the root): paths are given relative to it. */
  folder: string;
  /** Whether a path (relative to `folder`) is a requirement file: the include and exclude globs. */
  selects: (path: string) => boolean;
  /** Files larger than this are not read (reqdesk.validation.maxFileSize), as the index does not read them. */
  maxBytes: number;
  signal?: AbortSignal;
}

/** The requirement files of a commit: those under the workspace folder that the globs select. */
export async function requirementFilesAt(git: string, repo: string, commit: string, options: RevisionReadOptions): Promise<RevisionRead> {
  const prefix = options.folder === '' ? '' : `${options.folder.replace(/\/+$/, '')}/`;
  const selected: Array<TreeFile & { relative: string }> = [];
  for (const file of await filesAt(git, repo, commit, prefix.replace(/\/$/, ''), options.signal)) {
    if (!file.path.startsWith(prefix)) continue;
    const relative = file.path.slice(prefix.length);
    if (options.selects(relative)) selected.push({ ...file, relative });
  }
  const within = selected.filter((f) => f.size <= options.maxBytes);
  const texts = await blobTexts(
    git,
    repo,
    within.map((f) => f.blob),
    options.signal,
  );
  const files = new Map<string, string>();
  // A blob missing from a partial clone reads as an empty file: unreadable, never silently absent.
  for (const f of within) files.set(f.relative, texts.get(f.blob) ?? '');
  return { files, tooLarge: selected.filter((f) => f.size > options.maxBytes).map((f) => f.relative) };
}

/** The text of one file at a revision; undefined when the revision has no such file. Throws FileTooLargeAtRevision over `maxBytes`. */
export async function fileAtRevision(
  git: string,
  repo: string,
  commit: string,
  path: string,
  maxBytes: number,
): Promise<string | undefined> {
  const [file] = (await filesAt(git, repo, commit, path)).filter((f) => f.path === path);
  if (!file) return undefined;
  if (file.size > maxBytes) throw new FileTooLargeAtRevision(path, file.size, maxBytes);
  return (await blobTexts(git, repo, [file.blob])).get(file.blob) ?? '';
}

export class FileTooLargeAtRevision extends Error {
  override readonly name = 'FileTooLargeAtRevision';
  constructor(
    readonly path: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${path} is ${size} bytes at this revision, over the limit of ${maxBytes}`);
  }
}

/** A revision to compare a file with: a tag, or a commit that touched the file. */
export interface FileRevision {
  kind: 'tag' | 'commit';
  /** The tag's name, or the commit's full hash. */
  name: string;
  commit: string;
  /** The commit's author date, ISO 8601. */
  date: string;
  subject: string;
  /** The file's path (relative to the repository root) at that revision: before a rename, its old one. */
  path: string;
}

/** How many commits of a file's history a pick offers: the newest. */
const MAX_COMMITS = 200;
/** How many tags (the newest) are looked at. */
const MAX_TAGS = 200;

/**
 * The revisions `path` can be compared with, newest first: the commits that touched it (following
 * renames, deletions left out: the file is not there), then the tags whose tree holds it at its
 * current path. Empty for a repository without commits.
 */
export async function revisionsOfFile(git: string, repo: string, path: string, signal?: AbortSignal): Promise<FileRevision[]> {
  const opts = signal ? { signal } : {};
  const { code } = await run(git, repo, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { okCodes: [0, 1], ...opts });
  if (code !== 0) return [];
  const log = await run(
    git,
    repo,
    [
      '--literal-pathspecs',
      'log',
      '--follow',
      `--max-count=${MAX_COMMITS}`,
      '-z',
      '--name-status',
      '--diff-filter=AMRCT',
      '--format=%x01%H%x00%aI%x00%s',
      '--no-color',
      '--end-of-options',
      'HEAD',
      '--',
      path,
    ],
    opts,
  );
  const revisions: FileRevision[] = [];
  for (const record of log.stdout.split('\x01').slice(1)) {
    // `<hash>\0<date>\0<subject>\0`, then `\n<status>\0<path>\0` (`R100\0<old>\0<new>\0` for a rename).
    const [commit = '', date = '', subject = '', ...names] = record.split('\0');
    const fields = names.map((f) => f.replace(/^\n/, '')).filter((f) => f !== '');
    const at = /^[RC]/.test(fields[0] ?? '') ? fields[2] : fields[1];
    revisions.push({ kind: 'commit', name: commit, commit, date, subject, path: at ?? path });
  }
  const tags = await run(
    git,
    repo,
    [
      'for-each-ref',
      '--sort=-creatordate',
      `--count=${MAX_TAGS}`,
      // An annotated tag's `*` fields are the commit it points at; a lightweight tag's are empty.
      '--format=%(refname:strip=2)%00%(*objectname)%00%(objectname)%00%(*objecttype)%00%(objecttype)',
      'refs/tags',
    ],
    opts,
  );
  const candidates = tags.stdout
    .split('\n')
    .map((line) => line.split('\0'))
    .filter((f) => f.length === 5 && (f[3] || f[4]) === 'commit')
    .map(([name = '', peeled = '', object = '']) => ({ name, commit: peeled || object }));
  if (candidates.length > 0) {
    // One process for every tag: which of them hold the file, and when each commit was made.
    const check = await run(git, repo, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
      input: candidates.map((t) => `${t.commit}:${path}`).join('\n') + '\n',
      ...opts,
    });
    const held = check.stdout.split('\n').slice(0, candidates.length);
    const withFile = candidates.filter((_, i) => /^[0-9a-f]+ blob$/.test(held[i] ?? ''));
    if (withFile.length > 0) {
      const shown = await run(
        git,
        repo,
        ['show', '-s', '-z', '--format=%H%x00%aI%x00%s', '--no-walk=unsorted', '--end-of-options', ...withFile.map((t) => t.commit), '--'],
        opts,
      );
      const info = new Map<string, { date: string; subject: string }>();
      const fields = shown.stdout.split('\0');
      for (let i = 0; i + 2 < fields.length; i += 3) info.set(fields[i]!.trim(), { date: fields[i + 1]!, subject: fields[i + 2]! });
      for (const t of withFile) {
        const about = info.get(t.commit);
        revisions.push({ kind: 'tag', name: t.name, commit: t.commit, date: about?.date ?? '', subject: about?.subject ?? '', path });
      }
    }
  }
  // Newest first by the instant (dates carry their authors' offsets, so their text does not sort);
  // a tag before the commit it points at. The sort is stable: commits keep git's order among equals.
  const instant = (r: FileRevision) => Date.parse(r.date) || 0;
  const tagFirst = (r: FileRevision) => (r.kind === 'tag' ? 0 : 1);
  return revisions.sort((a, b) => instant(b) - instant(a) || tagFirst(a) - tagFirst(b));
}

export { GitError };
