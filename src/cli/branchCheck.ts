// What `next-id` and `validate --branches` need from the other branches of the workspace's
// repository, and the notes shown when git cannot give it.
import { crossBranchDuplicates, crossBranchProblem, type BranchIds } from '../core/branchIds';
import type { IdGrammar } from '../core/ids';
import type { RequirementIndex } from '../core/index';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import type { Problem } from '../core/problems';
import type { Settings } from '../core/settings';
import { printable } from '../core/terminalText';
import { idsOnWorkspaceBranches, type WorkspaceBranchIds } from '../git/branchIds';
import { GitMissingError } from '../git/gitLog';

function scan(git: string, root: string, settings: Settings, grammar: IdGrammar): Promise<WorkspaceBranchIds | undefined> {
  return idsOnWorkspaceBranches(git, root, {
    include: settings.include,
    exclude: settings.exclude,
    grammar,
    maxFileBytes: settings.maxFileBytes,
  });
}

/**
 * The IDs on every branch, for `next-id`. Undefined, so that only local IDs count, outside a
 * repository (silently: a plain folder is a normal way to work) and when git is missing (with a
 * note: the user may think the branches were counted).
 */
export async function branchIdsForNextId(
  git: string,
  root: string,
  settings: Settings,
  grammar: IdGrammar,
  lang: Language,
  err: (text: string) => void,
): Promise<BranchIds | undefined> {
  try {
    return (await scan(git, root, settings, grammar))?.ids;
  } catch (error) {
    if (!(error instanceof GitMissingError)) throw error;
    err(printable(localize(lang, 'reqdesk: git was not found at "{0}"; IDs on other branches were not counted.', git)));
    return undefined;
  }
}

/**
 * Cross-branch duplicate warnings by file, for `validate --branches`. Asked for explicitly, so a
 * missing git is an error (GitMissingError propagates) and a folder outside a repository is noted.
 */
export async function crossBranchProblemsFor(
  git: string,
  root: string,
  index: RequirementIndex,
  lang: Language,
  err: (text: string) => void,
): Promise<Map<string, Problem[]>> {
  const byFile = new Map<string, Problem[]>();
  const found = await scan(git, root, index.settings, index.grammar);
  if (!found) {
    err(printable(localize(lang, 'reqdesk: {0} is not in a git repository; there are no other branches to check.', root)));
    return byFile;
  }
  for (const duplicate of crossBranchDuplicates(index.all(), found.ids, found.currentBranch)) {
    const problems = byFile.get(duplicate.file);
    if (problems) problems.push(crossBranchProblem(duplicate));
    else byFile.set(duplicate.file, [crossBranchProblem(duplicate)]);
  }
  return byFile;
}
