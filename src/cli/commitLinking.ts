// The commit links `reqdesk trace` reads: the repository's history scanned with the commit cache
// of the user's cache folder (none for the CI gate, or with --no-cache), and what the user must
// know about it on stderr (an old cache in the work tree, a shallow clone).
import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import type { IdGrammar } from '../core/ids';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { printable } from '../core/terminalText';
import { WriteRefusedError, writeFileSafely } from '../files/safeFiles';
import { CommitScanner, MAX_COMMIT_CACHE_BYTES, type CommitCacheStore, type ScanResult } from '../git/commitScanner';
import type { CliIO } from './cliContext';
import { readBoundedFile, repositoryCacheFile, userCacheFolder } from './userCache';

/** Where earlier versions kept the commit cache: in the work tree. Never read (see userCache). */
const WORK_TREE_CACHE = '.reqdesk-cache/commits.json';

/**
 * The commit-link cache of one repository, in the user's cache folder (never the work tree);
 * undefined when the environment names no cache folder. Saved atomically, never through a link
 * out of that folder; a refused save is reported, not fatal.
 */
function fileStore(repo: string, env: CliIO['env'], onRefused: (error: WriteRefusedError) => void): CommitCacheStore | undefined {
  const folder = userCacheFolder(env);
  if (!folder) return undefined;
  const file = repositoryCacheFile(folder, 'commits', repo);
  return {
    load: async () => readBoundedFile(file, MAX_COMMIT_CACHE_BYTES),
    save: async (data) => {
      try {
        writeFileSafely(file, data, { root: folder, origin: 'workspace' });
      } catch (error) {
        if (error instanceof WriteRefusedError) onRefused(error);
        else throw error;
      }
    },
  };
}

/** Whether a file (or anything else: a link, a folder) is at `file`. */
function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export interface CommitLinkingOptions {
  git: string;
  /** Read and write no cache: the verdict comes from the repository's history alone. */
  noCache: boolean;
}

/** The repository's commit links; notes on stderr in the user's language. */
export async function linkCommits(
  repo: string,
  root: string,
  grammar: IdGrammar,
  options: CommitLinkingOptions,
  io: CliIO,
  lang: Language,
): Promise<ScanResult> {
  if (exists(path.join(root, WORK_TREE_CACHE))) {
    const note = localize(
      lang,
      `{0} is not read: a commit cache inside the repository could have been committed by anyone. The cache is kept in the user's cache folder now; the file can be deleted.`,
      WORK_TREE_CACHE,
    );
    io.err(`reqdesk: ${note}`);
  }
  const cache = options.noCache ? undefined : fileStore(repo, io.env, (e) => io.err(`reqdesk: ${printable(e.text(lang))}`));
  const scanner = new CommitScanner({ grammar, git: options.git, ...(cache ? { cache } : {}) });
  const result = await scanner.scan(repo);
  // The cache is written after the scan resolves: finish it before the process ends.
  await scanner.flush();
  if (result.shallow) io.err(`reqdesk: ${localize(lang, 'This is a shallow clone: commits older than its history are not linked.')}`);
  return result;
}
