// Start Working on Requirement (tree context menu, the ID hover's link, the palette with a pick):
// the requirement's branch created from HEAD or switched to, its status moved to in-progress when
// work had not started, and the commit box given the commit template. Git runs through VS Code's
// git extension, so the Source Control view, its branch picker and its errors stay one story; the
// rules (names, statuses, the box's text) are core's (branchName, startWork).
import * as vscode from 'vscode';
import { branchNameFor, DEFAULT_BRANCH_PATTERN } from '../core/branchName';
import type { RequirementIndex } from '../core/index';
import { commitBoxAfterStart, commitMessageFrom, DEFAULT_COMMIT_TEMPLATE, startWorkStatusEdit } from '../core/startWork';
import type { RequirementSummary } from '../core/tree';
import { applyComputedEdits } from '../workspace/applyEdits';
import { l10n } from '../workspace/uiText';
import { gitExtensionApi, repositoryHolding, type GitApi, type GitRepository } from './gitExtension';

export const START_WORK_COMMAND = 'reqdesk.startWork';

export interface StartWorkContext {
  index(): RequirementIndex;
  /** The requirement(s) a command acts on: a tree node, `{ id }`/`{ file }`, the active editor's, or a pick. */
  targets(a: unknown, b: unknown, args: undefined): Promise<RequirementSummary[] | undefined>;
}

/** What starting work did, for the caller (a test, a script): undefined when it stopped and said why. */
export interface StartWorkResult {
  branch: string;
  /** Created from HEAD, an existing branch checked out, or the branch was current already. */
  how: 'created' | 'switched' | 'current';
  statusChanged: boolean;
  commitBoxChanged: boolean;
}

/** After a checkout, how long an open editor may take to show the branch's version of the record. */
const DOCUMENT_SYNC_MS = 3000;

export function registerStartWork(ctx: StartWorkContext): vscode.Disposable[] {
  // From the tree only the clicked requirement counts: work starts on one at a time.
  return [vscode.commands.registerCommand(START_WORK_COMMAND, (a: unknown) => startWork(ctx, a))];
}

async function startWork(ctx: StartWorkContext, target: unknown): Promise<StartWorkResult | undefined> {
  // Restricted Mode: a repository's config can name programs git runs. Nothing runs until trusted.
  if (!vscode.workspace.isTrusted) {
    return refuse(l10n.t('Start Working on Requirement needs a trusted workspace: in Restricted Mode ReqDesk runs no git.'));
  }
  const api = await gitExtensionApi();
  if (!api) {
    return refuse(
      l10n.t("Start Working on Requirement needs VS Code's git extension, which is disabled or missing (setting git.enabled)."),
    );
  }
  const summary = (await ctx.targets(target, undefined, undefined))?.[0];
  if (!summary) return undefined;
  if (!summary.id) return refuse(l10n.t('{0} has no ID: give it one before starting work on it.', displayName(summary.file)));
  const file = vscode.Uri.parse(summary.file);
  const repository = await repositoryOf(api, file);
  if (!repository?.createBranch || !repository.checkout) {
    return refuse(l10n.t('{0} is not in a git repository: no branch can be made for {1}.', displayName(summary.file), summary.id));
  }

  const config = vscode.workspace.getConfiguration('reqdesk.startWork', file);
  const pattern = config.get<string>('branchPattern') || DEFAULT_BRANCH_PATTERN;
  const user = pattern.includes('{user}') && repository.getConfig ? await repository.getConfig('user.name').catch(() => '') : '';
  const { name: branch, byIdOnly } = branchNameFor(pattern, { id: summary.id, title: summary.title, type: summary.type, user });
  if (!branch) return refuse(l10n.t('No branch name can be made for {0} with the pattern {1}.', summary.id, pattern));

  let how: StartWorkResult['how'];
  try {
    // The extension's state may lag behind a checkout made in a terminal: read it again first.
    // Checking out the current branch changes nothing, so it is done regardless.
    await repository.status?.();
    if (await branchExists(repository, branch)) {
      how = repository.state.HEAD?.name === branch ? 'current' : 'switched';
      await repository.checkout(branch);
    } else {
      await repository.createBranch(branch, true);
      how = 'created';
    }
  } catch (error) {
    // A dirty tree that the checkout would overwrite, a locked index…: git's own words.
    return refuse(l10n.t('git could not switch to the branch {0}: {1}', branch, gitErrorText(error)));
  }

  // The record as this branch has it: an open editor catches up with the checkout first. A branch
  // made before the record was committed may not hold it: there is no status to change there.
  if (how !== 'created') await documentMatchesDisk(file);
  const onBranch = await vscode.workspace.fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!onBranch)
    return refuse(l10n.t('Switched to the branch {0}, which does not hold {1}: its status was not changed.', branch, summary.id));
  const needed = startWorkStatusEdit((await vscode.workspace.openTextDocument(file)).getText());
  const statusChanged = needed.ok && needed.edits.length > 0;
  if (statusChanged) {
    const edited = await applyComputedEdits([{ file: summary.file, compute: startWorkStatusEdit }], l10n.t('Start Working on Requirement'));
    if (!edited.ok) {
      return refuse(l10n.t('On the branch {0}, the status of {1} was not changed: {2}', branch, summary.id, edited.message ?? ''));
    }
  }

  const templateSetting = config.get<string>('commitTemplate') ?? DEFAULT_COMMIT_TEMPLATE;
  const message = commitMessageFrom(templateSetting || DEFAULT_COMMIT_TEMPLATE, { id: summary.id, title: summary.title });
  const box = commitBoxAfterStart(repository.inputBox.value, message, ctx.index().grammar, ctx.index().idsOfRequirement(summary.id));
  if (box.changed) repository.inputBox.value = box.value;

  const where =
    how === 'created'
      ? l10n.t('Created the branch {0} from HEAD and switched to it.', branch)
      : how === 'switched'
        ? l10n.t('Switched to the branch {0}.', branch)
        : l10n.t('Already on the branch {0}.', branch);
  const notes = [
    where,
    byIdOnly ? l10n.t('Named by ID only: the title has no Latin letters or digits for a slug.') : '',
    statusChanged ? l10n.t('{0} is now in progress.', summary.id) : '',
  ].filter(Boolean);
  void vscode.window.showInformationMessage(notes.join(' '));
  return { branch, how, statusChanged, commitBoxChanged: box.changed };
}

function refuse(message: string): undefined {
  void vscode.window.showWarningMessage(message);
  return undefined;
}

function displayName(file: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(file), false);
}

/** The repository holding the file; one the git extension has not opened yet is opened. */
async function repositoryOf(api: GitApi, file: vscode.Uri): Promise<GitRepository | undefined> {
  const open = repositoryHolding(api, file);
  if (open || !api.openRepository) return open;
  const folder = vscode.Uri.joinPath(file, '..');
  return (await api.openRepository(folder).catch(() => null)) ?? repositoryHolding(api, file);
}

async function branchExists(repository: GitRepository, branch: string): Promise<boolean> {
  if (!repository.getBranches) return false;
  // Every local branch, compared by full name: the query's pattern is read differently across
  // versions of the API (prefixed with `refs/`, matched by prefix like for-each-ref's).
  const branches = await repository.getBranches({ remote: false });
  return branches.some((b) => b.name === branch);
}

/** git's message (its stderr when the extension kept it), without the extension's wrapper text. */
function gitErrorText(error: unknown): string {
  const stderr =
    typeof error === 'object' && error !== null && 'stderr' in error ? String((error as { stderr: unknown }).stderr ?? '') : '';
  const text = stderr.trim() || (error instanceof Error ? error.message : String(error));
  return text.replace(/^(error|fatal): /gm, '').trim();
}

/**
 * Waits (briefly) until an open, unsaved-free editor of the file shows what is on disk: after a
 * checkout VS Code reloads it on its own, and an edit computed on the old text would be saved
 * over the branch's version.
 */
async function documentMatchesDisk(file: vscode.Uri): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  if (!doc || doc.isDirty) return;
  const deadline = Date.now() + DOCUMENT_SYNC_MS;
  for (;;) {
    const disk = await vscode.workspace.fs.readFile(file).then(
      (bytes) => new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''),
      () => undefined,
    );
    if (disk === undefined || disk === doc.getText().replace(/^\uFEFF/, '') || doc.isDirty || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
