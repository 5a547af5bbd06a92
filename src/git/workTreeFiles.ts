/**
 * The files of a work tree as git sees them: tracked files and untracked ones that no ignore rule
 * matches (`.gitignore` at every level, `.git/info/exclude`, the user's `core.excludesFile`). Asking
 * git gives its exact semantics (negations, anchored patterns, nested ignore files), which no
 * re-implementation of the rules would. Node only, no `vscode`.
 */
import { GitError, run } from './gitLog';

export interface WorkTreeFiles {
  /** Paths relative to the folder asked about, `/` separators, sorted. */
  files: string[];
  /**
   * Tracked files an ignore rule matches (added before the rule, or with `--force`): git lists
   * them as files of the tree; a searcher that prunes ignored folders must be told of them.
   */
  trackedIgnored: string[];
}

/** NUL-separated output (`-z`) into paths: names may hold newlines and any other byte but NUL. */
function paths(output: string): string[] {
  return output.split('\0').filter((p) => p !== '');
}

/**
 * The work tree files under `folder` (which may be below the repository's top), or undefined when
 * `folder` is in no work tree. Throws GitMissingError when git cannot be started.
 */
export async function workTreeFiles(git: string, folder: string, signal?: AbortSignal): Promise<WorkTreeFiles | undefined> {
  const options = signal ? { signal } : {};
  try {
    const listed = await run(git, folder, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], options);
    const ignored = await run(git, folder, ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard'], options);
    // `-co` lists a file both tracked and modified once; a deleted tracked file is still listed
    // (the index has it), and a reader finds it gone.
    return { files: [...new Set(paths(listed.stdout))].sort(), trackedIgnored: paths(ignored.stdout).sort() };
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/** Whether git ignores `file` (root-relative) in the work tree at `folder`; false outside a work tree. */
export async function isIgnored(git: string, folder: string, file: string): Promise<boolean> {
  try {
    const { code } = await run(git, folder, ['check-ignore', '-q', '--', file], { okCodes: [0, 1] });
    return code === 0;
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}
