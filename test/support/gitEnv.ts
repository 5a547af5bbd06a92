// The environment of every git run made by the tests and the bench: the user's and the system's
// git configuration are not read (no hooks, signing, pager, aliases or default branch of the
// machine's), and authors, committers and dates are whatever the test says, so that hashes are
// the same on every run and every machine.
import * as os from 'node:os';

/** The variables that make git ignore the user's and the system's configuration. */
export const GIT_ISOLATION: Readonly<Record<string, string>> = { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' };

/** An author or a committer. */
export interface Person {
  name: string;
  email: string;
}

export const ADA: Person = { name: 'Ada Lovelace', email: 'ada@example.com' };

/** Author and committer variables; the committer is the author unless named. */
export function identityEnv(author: Person, committer: Person = author): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}

/** Author and committer dates (any format git reads, e.g. `2026-01-05T10:00:00+08:00`). */
export function dateEnv(date: string): Record<string, string> {
  return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
}

/** The process environment with git isolated, and `extra` on top. */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...GIT_ISOLATION, ...extra };
}

/** Sets `vars` (git isolation by default) on process.env; returns what puts back what was there. */
export function pinProcessEnv(vars: Readonly<Record<string, string>> = GIT_ISOLATION): () => void {
  const saved = Object.keys(vars).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, vars);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * For code under test that runs git with process.env: mocha hooks that pin `vars` (git isolation
 * by default) on process.env for the suite and restore what was there after it. Call it inside a
 * `describe`, before the hooks that run git.
 */
export function isolateProcessEnv(vars: Readonly<Record<string, string>> = GIT_ISOLATION): void {
  let restore = (): void => {};
  before(() => {
    restore = pinProcessEnv(vars);
  });
  after(() => restore());
}
