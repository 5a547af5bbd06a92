// Git repositories made by the tests in a temporary folder: git run with an isolated environment
// (see gitEnv.ts) and commit signing off, files written, and commits made with given messages,
// authors and dates.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dateEnv, identityEnv, isolatedEnv, type Person } from './gitEnv';

export interface GitRunOptions {
  /** Author (and committer, unless `committer` is given). */
  author?: Person;
  committer?: Person;
  /** Author and committer date. */
  date?: string;
  /** Further variables, set last. */
  env?: Record<string, string>;
  /** Text on git's standard input. */
  input?: string;
}

/** Runs git in `cwd` with the isolated environment and commit signing off; returns its output. */
export function git(cwd: string, args: readonly string[], options: GitRunOptions = {}): string {
  const env = {
    ...(options.author ? identityEnv(options.author, options.committer) : {}),
    ...(options.date !== undefined ? dateEnv(options.date) : {}),
    ...options.env,
  };
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: isolatedEnv(env),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

/** A repository in a folder, with defaults (author, date…) for every git run in it. */
export class GitRepo {
  constructor(
    readonly dir: string,
    protected readonly defaults: GitRunOptions = {},
  ) {}

  /** `git init -q -b main` in the folder, made if need be. */
  initialise(): this {
    mkdirSync(this.dir, { recursive: true });
    this.git(['init', '-q', '-b', 'main']);
    return this;
  }

  /** git in the repository; `options` override the repository's defaults. */
  git(args: readonly string[], options: GitRunOptions = {}): string {
    const date = options.date ?? this.date();
    return git(this.dir, args, {
      ...this.defaults,
      ...(date !== undefined ? { date } : {}),
      ...options,
      env: { ...this.defaults.env, ...options.env },
    });
  }

  /** The date of the next git run when the caller names none (the defaults' date). */
  protected date(): string | undefined {
    return this.defaults.date;
  }

  /** Writes a file (folders made as needed), relative to the repository. */
  write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
  }

  /** Commits everything in the work tree with `message`; returns the new HEAD. */
  commitAll(message: string, options: GitRunOptions = {}): string {
    this.git(['add', '-A']);
    this.git(['commit', '-q', '-m', message], options);
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }
}
