/**
 * Reads which requirement IDs the tips of all branches declare, local and remote-tracking, so that
 * a new ID is free on every branch and not only in the working tree. Node only (no `vscode`).
 *
 * Cost grows with what differs between branches, not with their number: most branches share most
 * folders, and git names a folder by its content. Every tree object is read once (and a subtree
 * found at the same place on many branches is matched against the globs once), every record blob
 * is read once, all through one `git cat-file --batch` process that lives for the whole scan.
 * Nothing is checked out and the working tree is never touched.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import picomatch from 'picomatch';
import { declaredId, type BranchIds, type BranchLocation } from '../core/branchIds';
import { fileGlobs } from '../core/fileGlobs';
import type { IdGrammar } from '../core/ids';
import { GitError, GitMissingError, gitEnv, isRepository, PINNED_CONFIG, run } from './gitLog';

export type { BranchIds, BranchLocation };

export interface BranchIdsOptions {
  /** The folder to read, relative to the repository root, `/`-separated; '' for the whole tree. */
  folder: string;
  grammar: IdGrammar;
  /** Which files under `folder` are records, by repository-relative path; default: `*.md`. */
  include?: (path: string) => boolean;
  /** Larger blobs are skipped, as the index skips larger files (default 1 MiB). */
  maxFileBytes?: number;
  signal?: AbortSignal;
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

interface BranchTip {
  /** `main`, `origin/feature-x`. */
  ref: string;
  /** The commit's root tree. */
  tree: string;
}

/**
 * Each ID to the files on branch tips that declare it, paths relative to the repository root.
 * Branches are `refs/heads/*` and `refs/remotes/*` (symbolic ones such as `origin/HEAD` are
 * aliases and left out), in git's ref order, so locations are listed local branches first.
 *
 * Empty for a folder that is not in a repository, a repository without commits, or a folder no
 * branch has. A detached HEAD is not a branch: the working tree stands for it. Throws
 * GitMissingError when git cannot be started.
 */
export async function idsOnBranches(git: string, repo: string, options: BranchIdsOptions): Promise<Map<string, BranchLocation[]>> {
  const result = new Map<string, BranchLocation[]>();
  const folder = normalizeFolder(options.folder);
  // A line break cannot be sent to `cat-file --batch`, which reads one object name per line.
  if (folder === undefined) return result;
  const tips = await branchTips(git, repo, options.signal);
  if (tips.length === 0) return result;

  const include = options.include ?? ((p: string) => p.endsWith('.md'));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const batch = new CatFileBatch(git, repo, options.signal);
  try {
    // 1. The folder's tree on each branch: branches with the same root tree ask once.
    const roots = [...new Set(tips.map((t) => t.tree))];
    const folderOf = new Map<string, string | undefined>();
    const trees = new Map<string, TreeEntry[]>();
    if (folder === '') for (const root of roots) folderOf.set(root, root);
    else {
      const found = await batch.get(
        roots.map((root) => `${root}:${folder}`),
        Infinity,
      );
      roots.forEach((root, i) => {
        const object = found[i];
        // Missing on that branch, or a file where the folder should be: no records there.
        if (object?.type !== 'tree') folderOf.set(root, undefined);
        else {
          folderOf.set(root, object.oid);
          trees.set(object.oid, parseTree(object.data, object.oid.length / 2));
        }
      });
    }

    // 2. Every tree below those folders, breadth first: one round trip per level of depth.
    let level = [...new Set([...folderOf.values()].filter((t): t is string => t !== undefined && !trees.has(t)))];
    for (const t of trees.values()) for (const e of t) if (e.mode === TREE_MODE && !trees.has(e.oid)) level.push(e.oid);
    level = [...new Set(level)];
    while (level.length > 0) {
      const objects = await batch.get(level, Infinity);
      level.forEach((oid, i) => {
        const object = objects[i];
        trees.set(oid, object?.type === 'tree' ? parseTree(object.data, object.oid.length / 2) : []);
      });
      const next = new Set<string>();
      for (const oid of level) for (const e of trees.get(oid)!) if (e.mode === TREE_MODE && !trees.has(e.oid)) next.add(e.oid);
      level = [...next];
    }

    // 3. The record files of each distinct folder tree.
    const matched = new Map<string, Array<[path: string, blob: string]>>();
    // Branches that changed one record still share every other path: each path is built and
    // matched once, and the many locations that name it share one string.
    const pathsAt = new Map<string, Map<string, string | null>>();
    const recordPath = (at: string, name: string): string | null => {
      let names = pathsAt.get(at);
      if (!names) pathsAt.set(at, (names = new Map()));
      let path = names.get(name);
      if (path === undefined) {
        const full = `${at}${name}`;
        names.set(name, (path = include(full) ? full : null));
      }
      return path;
    };
    const filesUnder = (tree: string, at: string): Array<[string, string]> => {
      const key = `${tree}\0${at}`;
      let files = matched.get(key);
      if (files) return files;
      files = [];
      for (const e of trees.get(tree) ?? []) {
        if (e.mode === TREE_MODE) for (const file of filesUnder(e.oid, `${at}${e.name}/`)) files.push(file);
        // Symbolic links and submodules are not record files (the index does not follow them either).
        else if (e.mode === FILE_MODE || e.mode === EXECUTABLE_MODE) {
          const path = recordPath(at, e.name);
          if (path !== null) files.push([path, e.oid]);
        }
      }
      matched.set(key, files);
      return files;
    };
    const base = folder === '' ? '' : `${folder}/`;
    const filesOfRoot = new Map<string, Array<[string, string]>>();
    for (const [root, tree] of folderOf) filesOfRoot.set(root, tree === undefined ? [] : filesUnder(tree, base));

    // 4. The ID of each distinct blob.
    const distinct = new Set<string>();
    for (const files of new Set(filesOfRoot.values())) for (const [, blob] of files) distinct.add(blob);
    const blobs = [...distinct];
    const idOf = new Map<string, string | undefined>();
    const contents = blobs.length ? await batch.get(blobs, maxBytes) : [];
    const utf8 = new TextDecoder('utf-8');
    blobs.forEach((blob, i) => {
      const object = contents[i];
      // Too large or binary: the index skips such files without reading an ID, and so does this.
      if (!object || object.type !== 'blob' || object.size > maxBytes || object.data.includes(0)) return;
      idOf.set(blob, declaredId(utf8.decode(object.data), options.grammar));
    });

    for (const tip of tips) {
      for (const [path, blob] of filesOfRoot.get(tip.tree) ?? []) {
        const id = idOf.get(blob);
        if (id === undefined) continue;
        const locations = result.get(id);
        if (locations) locations.push({ ref: tip.ref, path });
        else result.set(id, [{ ref: tip.ref, path }]);
      }
    }
    return result;
  } finally {
    await batch.close();
  }
}

/** The branch checked out (`main`), or undefined for a detached HEAD or a folder outside a repository. */
export async function currentBranch(git: string, repo: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    // -q: a detached HEAD is exit 1 and no message, not an error.
    const { code, stdout } = await run(git, repo, ['symbolic-ref', '-q', 'HEAD'], { okCodes: [0, 1], ...(signal ? { signal } : {}) });
    const ref = stdout.trim();
    return code === 0 && ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

export interface WorkspaceBranchIdsOptions {
  /** The workspace's requirement globs (root-relative, as in the settings). */
  include: readonly string[];
  exclude: readonly string[];
  grammar: IdGrammar;
  maxFileBytes?: number;
  signal?: AbortSignal;
}

export interface WorkspaceBranchIds {
  /** Paths relative to the workspace root, like the index's file keys. */
  ids: Map<string, BranchLocation[]>;
  currentBranch?: string;
}

/**
 * `idsOnBranches` for a workspace folder, which may be the repository root or a folder inside
 * it: reads the records the include and exclude globs select and gives their paths relative to
 * the workspace, so they compare directly with the index. Undefined when the folder is not in a
 * git work tree. Throws GitMissingError when git cannot be started.
 */
export async function idsOnWorkspaceBranches(
  git: string,
  root: string,
  options: WorkspaceBranchIdsOptions,
): Promise<WorkspaceBranchIds | undefined> {
  const prefix = await workTreePrefix(git, root, options.signal);
  if (prefix === undefined) return undefined;
  const globs = fileGlobs(options.include, options.exclude);
  const folder = `${prefix}${globBase(options.include)}`.replace(/\/$/, '');
  const [onRepo, branch] = await Promise.all([
    idsOnBranches(git, root, {
      folder,
      grammar: options.grammar,
      include: (p) => {
        const relative = p.slice(prefix.length);
        return globs.selects(relative);
      },
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    }),
    currentBranch(git, root, options.signal),
  ]);
  const ids = new Map<string, BranchLocation[]>();
  // Every path starts with the prefix: only the workspace's folder was read.
  for (const [id, locations] of onRepo)
    ids.set(
      id,
      locations.map((l) => ({ ref: l.ref, path: l.path.slice(prefix.length) })),
    );
  return { ids, ...(branch !== undefined ? { currentBranch: branch } : {}) };
}

/**
 * The folder's path inside its work tree (`''` at the top, `sub/dir/` below it), or undefined
 * when it is not in one. git prints it from the repository's own view, so symbolic links in the
 * folder's absolute path (a temporary folder behind one, say) cannot make it wrong.
 */
async function workTreePrefix(git: string, folder: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const { stdout } = await run(git, folder, ['rev-parse', '--is-inside-work-tree', '--show-prefix'], signal ? { signal } : {});
    const [inside, prefix = ''] = stdout.split('\n');
    return inside === 'true' ? prefix : undefined;
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/**
 * The deepest folder every glob starts in (`docs/req` for `docs/req/**\/*.md`), '' when one of
 * them can match anywhere (`**\/requirements/**`, the default) or is a negation: then the whole
 * workspace is read, which the per-tree sharing above keeps affordable.
 */
export function globBase(globs: readonly string[]): string {
  let common: string[] | undefined;
  for (const glob of globs) {
    const scan = picomatch.scan(glob);
    if (scan.negated) return '';
    const base = scan.isGlob ? scan.base : scan.base.split('/').slice(0, -1).join('/');
    const parts = base === '' ? [] : base.split('/');
    if (!common) common = parts;
    else {
      let n = 0;
      while (n < common.length && n < parts.length && common[n] === parts[n]) n++;
      common = common.slice(0, n);
    }
    if (common.length === 0) return '';
  }
  return (common ?? []).join('/');
}

function normalizeFolder(folder: string): string | undefined {
  if (folder.includes('\n')) return undefined;
  return folder
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/^\.$/, '')
    .replace(/\/+$/, '');
}

/** Branch tips with their root trees; empty without commits or outside a repository. */
async function branchTips(git: string, repo: string, signal?: AbortSignal): Promise<BranchTip[]> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      git,
      repo,
      ['for-each-ref', '--format=%(refname)%00%(objecttype)%00%(symref)%00%(tree)', 'refs/heads', 'refs/remotes'],
      signal ? { signal } : {},
    ));
  } catch (error) {
    if (error instanceof GitError && !(await isRepository(git, repo))) return [];
    throw error;
  }
  const tips: BranchTip[] = [];
  for (const line of stdout.split('\n')) {
    const [refname = '', type, symref, tree = ''] = line.split('\0');
    // A symbolic ref (origin/HEAD) repeats a branch that is listed anyway.
    if (type !== 'commit' || symref !== '' || tree === '') continue;
    tips.push({ ref: refname.replace(/^refs\/(?:heads|remotes)\//, ''), tree });
  }
  return tips;
}

const TREE_MODE = '40000';
const FILE_MODE = '100644';
const EXECUTABLE_MODE = '100755';

interface TreeEntry {
  mode: string;
  name: string;
  oid: string;
}

/** A tree object's entries: `<mode> <name>\0<raw hash>` each, the hash 20 bytes (SHA-1) or 32 (SHA-256). */
function parseTree(data: Buffer, hashBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const nul = space < 0 ? -1 : data.indexOf(0, space + 1);
    if (nul < 0 || nul + 1 + hashBytes > data.length) break;
    entries.push({
      mode: data.toString('latin1', at, space),
      name: data.toString('utf8', space + 1, nul),
      oid: data.toString('hex', nul + 1, nul + 1 + hashBytes),
    });
    at = nul + 1 + hashBytes;
  }
  return entries;
}

interface GitObject {
  oid: string;
  type: string;
  size: number;
  /** The contents, cut after the limit the object was asked with. */
  data: Buffer;
}

interface Waiter {
  limit: number;
  resolve: (object: GitObject | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * One `git cat-file --batch` process answering requests as they come: names go in one per line,
 * each answer is a header line and the contents, in request order. Contents past a request's
 * limit are read and dropped, so a huge blob costs time but not memory.
 */
class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Waiter[] = [];
  private readonly exited: Promise<void>;
  private header: Buffer[] = [];
  private body: { oid: string; type: string; size: number; remaining: number; parts: Buffer[]; kept: number; limit: number } | undefined;
  /** The line feed git writes after each object's contents is still to come. */
  private afterBody = false;
  private failure: unknown;
  private stderr = '';

  constructor(
    private readonly git: string,
    repo: string,
    private readonly signal?: AbortSignal,
  ) {
    this.child = spawn(git, ['-C', repo, ...PINNED_CONFIG, 'cat-file', '--batch'], {
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code) => {
        signal?.removeEventListener('abort', this.onAbort);
        if (this.waiting.length > 0 || (code !== 0 && code !== null && this.failure === undefined)) {
          this.fail(new GitError(['cat-file', '--batch'], code, this.stderr));
        }
        resolve();
      }),
    );
    this.child.on('error', (error: NodeJS.ErrnoException) => {
      this.fail(
        error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'ENOTDIR' ? new GitMissingError(git, error.code) : error,
      );
    });
    // A git that exits early breaks the pipe; its exit code and stderr say why, not the EPIPE.
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => {
      if (this.stderr.length < 64 * 1024) this.stderr += text;
    });
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (signal?.aborted) this.onAbort();
  }

  private readonly onAbort = (): void => this.fail(this.signal?.reason ?? new Error('aborted'));

  /** The objects in order; undefined for a name that does not resolve. */
  get(names: readonly string[], limit: number): Promise<Array<GitObject | undefined>> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const answers = names.map(
      (): Promise<GitObject | undefined> => new Promise((resolve, reject) => this.waiting.push({ limit, resolve, reject })),
    );
    this.child.stdin.write(`${names.join('\n')}\n`);
    return Promise.all(answers);
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }

  private fail(error: unknown): void {
    if (this.failure === undefined) this.failure = error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
    this.child.kill();
  }

  private onData(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && this.failure === undefined) {
      if (this.afterBody) {
        this.afterBody = false;
        at++;
        continue;
      }
      const body = this.body;
      if (body) {
        const take = Math.min(body.remaining, chunk.length - at);
        const keep = Math.min(take, body.limit - body.kept);
        if (keep > 0) {
          body.parts.push(chunk.subarray(at, at + keep));
          body.kept += keep;
        }
        at += take;
        body.remaining -= take;
        if (body.remaining === 0) this.finishBody();
        continue;
      }
      const lineEnd = chunk.indexOf(0x0a, at);
      if (lineEnd < 0) {
        this.header.push(chunk.subarray(at));
        return;
      }
      this.header.push(chunk.subarray(at, lineEnd));
      at = lineEnd + 1;
      const line = Buffer.concat(this.header).toString('utf8');
      this.header = [];
      this.onHeader(line);
    }
  }

  private onHeader(line: string): void {
    const waiter = this.waiting[0];
    if (!waiter) {
      this.fail(new GitError(['cat-file', '--batch'], null, `unexpected output: ${line}`));
      return;
    }
    const m = /^([0-9a-f]{40,64}) ([a-z]+) (\d+)$/.exec(line);
    if (!m) {
      // `<name> missing` (or `ambiguous`): no such object on that branch.
      this.waiting.shift();
      waiter.resolve(undefined);
      return;
    }
    const size = Number(m[3]);
    this.body = { oid: m[1]!, type: m[2]!, size, remaining: size, parts: [], kept: 0, limit: waiter.limit };
    if (size === 0) this.finishBody();
  }

  private finishBody(): void {
    const body = this.body!;
    this.body = undefined;
    this.afterBody = true;
    this.waiting.shift()!.resolve({ oid: body.oid, type: body.type, size: body.size, data: Buffer.concat(body.parts) });
  }
}
