/**
 * Reads a repository's history by running git. Node only (no `vscode`): the CLI and the
 * extension both use it.
 *
 * git runs through `child_process.spawn` with an argument array, never a shell, so repository
 * paths, ranges and prefixes need no quoting. Every call passes the repository with `-C` rather
 * than as the working directory: a missing folder then fails inside git (not a repository)
 * instead of failing the spawn with the same ENOENT that a missing git gives.
 *
 * `git log` output is parsed as it streams: a 100,000-commit history is never held in memory as
 * one string.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { COMMIT_HASH as HASH, type CommitInfo } from '../core/commits';

export type { CommitInfo };

/** The git executable cannot be started (ENOENT, EACCES...). */
export class GitMissingError extends Error {
  override readonly name = 'GitMissingError';
  constructor(
    readonly gitPath: string,
    readonly code?: string,
  ) {
    super(
      `git was not found at "${gitPath}"${code && code !== 'ENOENT' ? ` (${code})` : ''}. Install git or set the path to the git executable.`,
    );
  }
}

/** git ran and failed. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (${exitCode ?? 'killed'}): ${stderr.trim() || 'no message'}`);
  }
}

/**
 * Settings that would change output we parse, pinned whatever the user's configuration says.
 * `i18n.logOutputEncoding` makes git re-encode commits recorded in a legacy encoding to UTF-8.
 */
export const PINNED_CONFIG: readonly string[] = [
  '-c',
  'core.quotepath=off',
  '-c',
  'color.ui=never',
  '-c',
  'log.showSignature=false',
  '-c',
  'i18n.logOutputEncoding=UTF-8',
];

/**
 * Variables that point git at a specific repository. A `reqdesk` run from inside a git hook
 * inherits them, and they would override `-C` and read the wrong repository.
 */
const REPOSITORY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

export function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of REPOSITORY_ENV) delete env[name];
  // Never wait for a credential or pager prompt: nothing would answer it.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  return env;
}

export interface RunOptions {
  /** Called with each decoded stdout chunk instead of collecting stdout. */
  onStdout?: (text: string) => void;
  /** Called with each raw stdout chunk (file contents are bytes, not text); stdout is then not collected. */
  onStdoutBytes?: (chunk: Buffer) => void;
  /** Written to git's stdin, which is then closed; without it git gets no stdin at all. */
  input?: string;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: readonly number[];
  signal?: AbortSignal;
}

export interface RunResult {
  code: number;
  stdout: string;
}

/** Runs git on `repo` with the pinned configuration and a scrubbed environment. */
export function run(git: string, repo: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const full = ['-C', repo, ...PINNED_CONFIG, ...args];
  const okCodes = options.okCodes ?? [0];
  return new Promise<RunResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason ?? new Error('aborted'));
      return;
    }
    const child =
      options.input === undefined
        ? spawn(git, full, { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
        : spawn(git, full, { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const decoder = new StringDecoder('utf8');
    let stdout = '';
    let stderr = '';
    // First failure wins: a throwing consumer, an abort, a spawn error or the exit code.
    let failure: unknown;
    let settled = false;
    const fail = (error: unknown): void => {
      if (failure === undefined) failure = error;
      child.kill();
    };
    const onAbort = (): void => fail(options.signal?.reason ?? new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const deliver = (text: string): void => {
      if (failure !== undefined || text === '') return;
      if (!options.onStdout) {
        stdout += text;
        return;
      }
      try {
        options.onStdout(text);
      } catch (error) {
        fail(error);
      }
    };
    const onBytes = options.onStdoutBytes;
    if (onBytes) {
      child.stdout.on('data', (chunk: Buffer) => {
        if (failure !== undefined) return;
        try {
          onBytes(chunk);
        } catch (error) {
          fail(error);
        }
      });
    } else child.stdout.on('data', (chunk: Buffer) => deliver(decoder.write(chunk)));
    if (options.input !== undefined && child.stdin) {
      // git exiting before it has read everything (a bad repository) breaks the pipe: its exit
      // code and stderr say why, not the EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      // Enough for an error message; a chatty git must not grow this without bound.
      if (stderr.length < 64 * 1024) stderr += text;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      // A spawn error comes before any output: the executable itself is the problem.
      reject(error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'ENOTDIR' ? new GitMissingError(git, error.code) : error);
    });
    // 'close', not 'exit': it fires after stdout has been fully read.
    child.on('close', (code) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      deliver(decoder.end());
      if (failure !== undefined) reject(failure);
      else if (code !== null && okCodes.includes(code)) resolve({ code, stdout });
      else reject(new GitError(args, code, stderr));
    });
  });
}

/**
 * Whether `folder` is inside a git work tree. False for a plain folder, a missing folder, a bare
 * repository or a repository git refuses to open (e.g. owned by another user). Throws
 * GitMissingError when git itself cannot run.
 */
export async function isRepository(git: string, folder: string): Promise<boolean> {
  try {
    const { stdout } = await run(git, folder, ['rev-parse', '--is-inside-work-tree']);
    return stdout.trim() === 'true';
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}

/** The top folder of the work tree containing `folder`, or undefined when it is not in one. */
export async function repositoryRoot(git: string, folder: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(git, folder, ['rev-parse', '--show-toplevel']);
    const top = stdout.replace(/\r?\n$/, '');
    return top === '' ? undefined : top;
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/** The commit hash of HEAD; undefined when the repository has no commits yet (unborn branch). */
export async function headOf(git: string, repo: string): Promise<string | undefined> {
  // --verify -q: exit 1 and no message when HEAD does not resolve, instead of an error text.
  const { code, stdout } = await run(git, repo, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { okCodes: [0, 1] });
  const hash = stdout.trim();
  return code === 0 && hash !== '' ? hash : undefined;
}

/**
 * Whether commit `a` is an ancestor of (or equal to) commit `b`. False, not an error, when `a`
 * is no longer in the repository (garbage-collected after a rewrite) or is cut off by a shallow
 * clone: either way the caller cannot read `a..b` and should read everything.
 */
export async function isAncestor(git: string, repo: string, a: string, b: string): Promise<boolean> {
  try {
    const { code } = await run(git, repo, ['merge-base', '--is-ancestor', '--end-of-options', a, b], { okCodes: [0, 1] });
    return code === 0;
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}

/** Whether the repository is a shallow clone (its history is cut off). */
export async function isShallow(git: string, repo: string): Promise<boolean> {
  const { stdout } = await run(git, repo, ['rev-parse', '--is-shallow-repository']);
  return stdout.trim() === 'true';
}

/**
 * The commits every local branch and HEAD point at, sorted and distinct: the state of an
 * all-branches history. Empty for a repository with no commits.
 */
export async function branchTips(git: string, repo: string): Promise<string[]> {
  const { stdout } = await run(git, repo, ['for-each-ref', '--format=%(objectname)', 'refs/heads']);
  const tips = new Set(stdout.split('\n').filter((line) => HASH.test(line)));
  const head = await headOf(git, repo);
  if (head) tips.add(head);
  return [...tips].sort();
}

/**
 * Whether every commit reachable from `old` is still reachable from `tips`: then the history
 * only grew and `tips ^old` is all that is new. False when something was rewritten or deleted,
 * or when a commit of `old` is gone from the repository.
 */
export async function onlyGrew(git: string, repo: string, old: readonly string[], tips: readonly string[]): Promise<boolean> {
  if (old.length === 0) return true;
  try {
    const { stdout } = await run(git, repo, ['rev-list', '--count', '--end-of-options', ...old, ...tips.map((t) => `^${t}`), '--']);
    return stdout.trim() === '0';
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}

export interface LogOptions {
  /** A revision range such as `<last>..HEAD`; default `HEAD`. */
  range?: string;
  /** Revisions to read instead of `range`, e.g. branch tips and `^<old tip>` exclusions. */
  revisions?: readonly string[];
  /**
   * Also read every local branch (`--branches`), not only `range`. Remote-tracking branches, tags
   * and the stash are left out: stash entries in particular quote the subject of the commit they
   * were made on and would link it twice.
   */
  allBranches?: boolean;
  /**
   * Extended regular expressions (case-sensitive, like IDs); a commit is read when its message
   * matches any of them. Only a pre-filter that saves parsing commits with no ID at all: the
   * caller still checks each message with the ID grammar. Empty or missing: every commit.
   */
  grep?: readonly string[];
  signal?: AbortSignal;
}

/** Field separator is NUL (git never prints one inside a field); `-z` ends each record with one. */
const FIELDS_PER_COMMIT = 5;
// %aN: the author's name after .mailmap, so one person with two spellings is one author.
const FORMAT = 'tformat:%H%x00%aN%x00%aI%x00%s%x00%b';

/**
 * Streams `git log` and calls `onCommit` for each commit, newest first, as the output arrives.
 * An error thrown by `onCommit` stops git and rejects the promise. A repository with no commits
 * yields nothing (no error) when `range` is not given.
 */
export async function streamLog(git: string, repo: string, options: LogOptions, onCommit: (commit: CommitInfo) => void): Promise<void> {
  const revisions: string[] = [];
  if (options.revisions !== undefined) {
    if (options.revisions.length === 0) return;
    revisions.push(...options.revisions);
  } else if (options.range !== undefined) revisions.push(options.range);
  else {
    // `git log HEAD` on an unborn branch fails ("does not have any commits yet").
    if ((await headOf(git, repo)) !== undefined) revisions.push('HEAD');
    else if (!options.allBranches) return;
  }
  const args = ['log', '-z', `--format=${FORMAT}`, '--no-color', '--no-show-signature'];
  const patterns = (options.grep ?? []).filter((p) => p !== '');
  if (patterns.length > 0) {
    // Several --grep are OR-ed; -E overrides any grep.patternType the user configured.
    args.push('-E', ...patterns.map((p) => `--grep=${p}`));
  }
  if (options.allBranches) args.push('--branches');
  // --end-of-options: a range can never be taken for an option; `--`: nor for a path.
  args.push('--end-of-options', ...revisions, '--');

  const parser = new LogParser(onCommit);
  await run(git, repo, args, { onStdout: (text) => parser.push(text), ...(options.signal ? { signal: options.signal } : {}) });
}

/**
 * Splits decoded `git log -z --format=<FORMAT>` output into commits. Text may arrive cut
 * anywhere, records and fields included; whatever follows the last NUL waits for the next push.
 */
export class LogParser {
  /** The text of the field being received, in the pieces it arrived in (no NUL among them). */
  private pending: string[] = [];
  private fields: string[] = [];

  constructor(private readonly onCommit: (commit: CommitInfo) => void) {}

  push(text: string): void {
    // Only the new text is searched, and a field is joined once when its NUL arrives: a long
    // message arriving in many pieces costs its length, not its length for each piece.
    let start = 0;
    for (let nul = text.indexOf('\0'); nul !== -1; nul = text.indexOf('\0', start)) {
      this.pending.push(text.slice(start, nul));
      const field = this.pending.join('');
      this.pending = [];
      start = nul + 1;
      // A record starts with a hash. Should a message ever carry a NUL, the stray pieces are
      // dropped here until the next hash, instead of shifting every later commit's fields.
      if (this.fields.length === 0 && !HASH.test(field)) continue;
      this.fields.push(field);
      if (this.fields.length === FIELDS_PER_COMMIT) {
        const [hash = '', author = '', date = '', subject = '', body = ''] = this.fields;
        this.fields = [];
        // trimEnd, not /\s+$/: that regex is quadratic on a long run of spaces inside a message.
        this.onCommit({ hash, subject, body: body.trimEnd(), author, date });
      }
    }
    if (start < text.length) this.pending.push(text.slice(start));
  }
}

/** An extended regular expression matching `text` literally. */
export function escapeExtendedRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A commit as `git show` prints it (full header, message and changed-file summary), for a
 * read-only view when VS Code's git extension is not there to show it.
 */
export async function commitText(git: string, repo: string, hash: string): Promise<string> {
  if (!/^[0-9a-f]{4,64}$/.test(hash)) throw new GitError(['show', hash], null, `not a commit hash: ${hash}`);
  const { stdout } = await run(git, repo, ['show', '--stat', '--format=fuller', '--no-color', '--end-of-options', hash, '--']);
  return stdout;
}
