/**
 * Which commits mention which requirement IDs, kept up to date incrementally. Node only (no
 * `vscode`): the CLI (`reqdesk trace`) and the extension both use it.
 *
 * The history read is that of HEAD (what the checked-out branch contains), or with `allBranches`
 * that of every local branch. After each scan the tips read (HEAD, or every branch tip) are
 * remembered per repository:
 *   same tips                       → nothing to read ('unchanged');
 *   the old tips are all reachable  → read only what the new tips add ('incremental'): new
 *   from the new ones                 commits, pulls, merges, new branches;
 *   anything else                   → read everything again ('full'): an amend, rebase, reset or
 *                                     deleted branch rewrote history, and links of commits no
 *                                     longer in it must go.
 * A shallow clone is always read in full: a fetch can deepen it without moving HEAD, and the
 * commits it reveals would never be read otherwise. Shallow clones are short, so this is cheap.
 *
 * The cache is plain JSON written through a store the caller provides (a file in the user's cache
 * folder for the CLI, the workspace storage for the extension). It is an optimisation only: a
 * missing, corrupt, oversized or old-version cache, or one written for other ID prefixes or
 * format or by another ReqDesk version, means a full scan.
 *
 * What the cache may be trusted with: the links it holds are those of the history reachable from
 * its tips, and a commit hash names that whole history, so an honest cache is right for those tips
 * in any repository. Whether it is honest depends on who could write it: the stores keep it where
 * only the user's own runs write (never in the work tree, which a clone or a pull request
 * controls), and a CI gate reads none at all (`reqdesk trace --gaps --strict`).
 */
import { COMMIT_HASH, CommitLinks } from '../core/commits';
import { HYPHEN_VARIANTS, literalAfterPrefix, type IdGrammar } from '../core/ids';
import { branchTips, escapeExtendedRegExp, headOf, isAncestor, isShallow, onlyGrew, streamLog } from './gitLog';

export interface CommitCacheStore {
  load(): Promise<string | undefined>;
  save(data: string): Promise<void>;
}

export type ScanMode = 'full' | 'incremental' | 'unchanged';

export interface ScanResult {
  /**
   * The links of the repository's HEAD history. The scanner keeps this instance and updates it
   * in place on later incremental scans of the same repository.
   */
  links: CommitLinks;
  /** Commits read from git in this scan (only those whose message has an ID prefix). */
  scanned: number;
  mode: ScanMode;
  /** HEAD at the time of the scan; undefined for a repository with no commits. */
  head: string | undefined;
  /** The repository is a shallow clone: links of commits older than its history are missing. */
  shallow: boolean;
}

export interface CommitScannerOptions {
  grammar: IdGrammar;
  /** The git executable (default `git`). */
  git?: string;
  cache?: CommitCacheStore;
  signal?: AbortSignal;
  /**
   * Read every local branch, not only HEAD: links of work not merged yet. Remote-tracking
   * branches stay out (a fetch would otherwise rescan), as do tags and the stash.
   */
  allBranches?: boolean;
}

/** Bump when the cache's shape changes: an older cache is then ignored, not misread. */
export const COMMIT_CACHE_VERSION = 2;

/**
 * The largest cache a store reads. A cache holds a few hundred bytes per linked commit, so this
 * is about a million of them; anything larger is not one ReqDesk wrote and is ignored unread.
 */
export const MAX_COMMIT_CACHE_BYTES = 256 * 1024 * 1024;

declare const REQDESK_VERSION: string | undefined;
/**
 * Part of the cache key: another version may find mentions differently, and its cache would
 * make the output differ from a scan's.
 */
const READER_VERSION = typeof REQDESK_VERSION === 'string' ? REQDESK_VERSION : 'dev';

interface RepoState {
  head: string | undefined;
  /** The tips the links were read from (HEAD, or every branch tip); see `scanNow`. */
  tips: string[] | undefined;
  shallow: boolean;
  grammar: string;
  /** Parsed on first use: a cache with many repositories only pays for those scanned. */
  links: CommitLinks | unknown;
}

interface CacheFile {
  version: number;
  repositories: Record<string, { head?: string; tips?: string[]; shallow: boolean; grammar: string; links: unknown }>;
}

/**
 * The ERE patterns that let git skip commits without an ID: each prefix followed by the literal
 * text that follows `{prefix}` in the template (`REQ(-|‐|‑|－)` for `{prefix}-{year}-{seq:3}`). A
 * pre-filter only; the grammar decides what is an ID.
 */
export function grepPatternsFor(grammar: IdGrammar): string[] {
  const after = literalAfterPrefix(grammar.template);
  // A hyphen there also matches its variants (the full-width one of Chinese input methods), as the
  // grammar reads them: an alternation of byte sequences, which git's ERE matches in any locale.
  const variants = `(${['-', ...HYPHEN_VARIANTS].join('|')})`;
  const literal = (text: string) => text.split('-').map(escapeExtendedRegExp).join(variants);
  return grammar.prefixes.filter((p) => p !== '').map((p) => escapeExtendedRegExp(p) + literal(after));
}

function grammarKey(grammar: IdGrammar): string {
  return JSON.stringify([READER_VERSION, grammar.prefixes, grammar.template]);
}

export class CommitScanner {
  private readonly git: string;
  private readonly key: string;
  private readonly grep: string[];
  private readonly allBranches: boolean;
  private states: Map<string, RepoState> | undefined;
  /** Links changed since the cache was last written. */
  private unsaved = false;
  /** Scans run one at a time: they share the cache, and a save must not race another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CommitScannerOptions) {
    this.git = options.git ?? 'git';
    this.key = grammarKey(options.grammar);
    this.grep = grepPatternsFor(options.grammar);
    this.allBranches = options.allBranches ?? false;
  }

  /**
   * Brings the links of `repo` (a work-tree folder) up to date. Rejects with GitMissingError when
   * git cannot run and with GitError when `repo` is not a repository.
   *
   * Resolves as soon as the links are current; writing the cache follows in the same queue (the
   * next scan waits for it), so the caller never waits on serialising the whole history. Call
   * `flush()` before the process ends or another scanner reads the same store.
   */
  scan(repo: string): Promise<ScanResult> {
    const run = this.queue.then(
      () => this.scanNow(repo),
      () => this.scanNow(repo),
    );
    this.queue = run.then(
      // After a macrotask: the caller's continuation runs before the history is serialised.
      () => new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.saveStates()),
      () => undefined,
    );
    return run;
  }

  /** Resolves once every cache write of the scans so far has finished. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private async scanNow(repo: string): Promise<ScanResult> {
    const { grammar, signal } = this.options;
    const states = await this.loadStates();
    const head = await headOf(this.git, repo);
    const shallow = head !== undefined && (await isShallow(this.git, repo));
    // The state of the history read: HEAD alone, or every local branch tip and HEAD.
    const tips = this.allBranches ? await branchTips(this.git, repo) : head === undefined ? [] : [head];
    const known = states.get(repo);
    const cached = known && known.grammar === this.key ? known : undefined;
    const cachedLinks = cached ? linksOf(cached) : undefined;
    const cachedTips = cached?.tips;

    if (cachedLinks && cachedTips && sameList(cachedTips, tips) && !shallow && !cached.shallow) {
      return { links: cachedLinks, scanned: 0, mode: 'unchanged', head, shallow };
    }

    let links: CommitLinks;
    let mode: ScanMode;
    let scanned = 0;
    const readInto = async (target: CommitLinks, revisions: string[]): Promise<void> => {
      await streamLog(this.git, repo, { revisions, grep: this.grep, ...(signal ? { signal } : {}) }, (commit) => {
        scanned++;
        // One at a time as they stream: the history is never held as a list.
        target.add(grammar, [commit]);
      });
    };

    if (tips.length === 0) {
      links = new CommitLinks();
      mode = 'full';
    } else if (
      cachedTips &&
      cachedTips.length > 0 &&
      cachedLinks &&
      !shallow &&
      !cached.shallow &&
      (await this.onlyGrew(repo, cachedTips, tips))
    ) {
      // Hashes, not `..HEAD`: a commit made while git runs must not slip between the two reads.
      // Adding is idempotent (a hash seen before replaces itself), so a scan that fails half-way
      // leaves links that the next scan completes from the same remembered tips.
      await readInto(cachedLinks, [...tips, ...cachedTips.map((t) => `^${t}`)]);
      links = cachedLinks;
      mode = 'incremental';
    } else {
      // Built aside and swapped in only once complete: a failed rescan keeps the old links.
      links = new CommitLinks();
      await readInto(links, tips);
      mode = 'full';
    }

    states.set(repo, { head, tips, shallow, grammar: this.key, links });
    this.unsaved = true;
    return { links, scanned, mode, head, shallow };
  }

  /** One tip (HEAD): a single ancestry check; several: one `rev-list --count`. */
  private async onlyGrew(repo: string, old: string[], tips: string[]): Promise<boolean> {
    if (old.length === 1 && tips.length === 1) return isAncestor(this.git, repo, old[0]!, tips[0]!);
    return onlyGrew(this.git, repo, old, tips);
  }

  private async loadStates(): Promise<Map<string, RepoState>> {
    if (this.states) return this.states;
    const states = new Map<string, RepoState>();
    let text: string | undefined;
    try {
      text = await this.options.cache?.load();
    } catch {
      // An unreadable cache is a cold start, not a failure.
    }
    const file = parseCache(text);
    if (file) {
      for (const [repo, s] of Object.entries(file.repositories)) {
        states.set(repo, { head: s.head, tips: s.tips, shallow: s.shallow, grammar: s.grammar, links: s.links });
      }
    }
    // Another scan may have filled this while the store was read.
    this.states ??= states;
    return this.states;
  }

  private async saveStates(): Promise<void> {
    const store = this.options.cache;
    const states = this.states;
    if (!store || !states || !this.unsaved) return;
    this.unsaved = false;
    const file: CacheFile = { version: COMMIT_CACHE_VERSION, repositories: {} };
    for (const [repo, s] of states) {
      const links = s.links instanceof CommitLinks ? s.links.toJSON() : s.links;
      file.repositories[repo] = {
        ...(s.head !== undefined ? { head: s.head } : {}),
        ...(s.tips ? { tips: s.tips } : {}),
        shallow: s.shallow,
        grammar: s.grammar,
        links,
      };
    }
    try {
      await store.save(JSON.stringify(file));
    } catch {
      // Best effort: the scan's result stands; the next run just reads more.
    }
  }
}

/** The links of a state, parsing cached JSON on first use; undefined when it is malformed. */
function linksOf(state: RepoState): CommitLinks | undefined {
  if (state.links instanceof CommitLinks) return state.links;
  // Every commit a full hash, as git printed it: a cache naming anything else was not written by a scan.
  const data = state.links;
  if (
    !isRecord(data) ||
    !Array.isArray(data.commits) ||
    !data.commits.every((c) => isRecord(c) && typeof c.hash === 'string' && COMMIT_HASH.test(c.hash))
  )
    return undefined;
  const parsed = CommitLinks.fromJSON(state.links);
  if (parsed) state.links = parsed;
  return parsed;
}

function parseCache(text: string | undefined): CacheFile | undefined {
  if (text === undefined || text === '' || text.length > MAX_COMMIT_CACHE_BYTES) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.version !== COMMIT_CACHE_VERSION || !isRecord(data.repositories)) return undefined;
  const repositories: CacheFile['repositories'] = {};
  for (const [repo, s] of Object.entries(data.repositories)) {
    if (!isRecord(s) || typeof s.grammar !== 'string' || typeof s.shallow !== 'boolean') continue;
    // Only full hashes: anything else was not written by a scan and is never passed to git.
    if (s.head !== undefined && (typeof s.head !== 'string' || !COMMIT_HASH.test(s.head))) continue;
    const tips =
      Array.isArray(s.tips) && s.tips.every((t) => typeof t === 'string' && COMMIT_HASH.test(t)) ? (s.tips as string[]) : undefined;
    repositories[repo] = {
      ...(typeof s.head === 'string' ? { head: s.head } : {}),
      ...(tips ? { tips } : {}),
      shallow: s.shallow,
      grammar: s.grammar,
      links: s.links,
    };
  }
  return { version: COMMIT_CACHE_VERSION, repositories };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
