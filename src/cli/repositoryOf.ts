// The git repository a subcommand reads its history from, for the subcommands that cannot work
// without one (history, trace): a missing git or a folder outside any repository is said on stderr.
import { printable } from '../core/terminalText';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import type { CliIO } from './cliContext';

/**
 * The top folder of the repository `root` is in; undefined (exit code 2 for the caller) after
 * saying why when git cannot be started or `root` is in no repository (`notInRepository`, in the
 * user's language: each subcommand says what it cannot do without one).
 */
export async function repositoryOrSayWhy(git: string, root: string, io: CliIO, notInRepository: string): Promise<string | undefined> {
  let repo: string | undefined;
  try {
    repo = await repositoryRoot(git, root);
  } catch (error) {
    if (error instanceof GitMissingError) {
      io.err(`reqdesk: ${printable(error.message)}`);
      return undefined;
    }
    throw error;
  }
  if (!repo) io.err(`reqdesk: ${printable(notInRepository)}`);
  return repo;
}
