// Merge Requirements…: a duplicate request folded into an existing requirement. Core plans the
// merge (planMerge: the target's edits, or why not); this file picks the two requirements, asks
// once with exactly what will happen, and applies the plan as ONE WorkspaceEdit: the target's
// minimal edits, then the duplicate's file deleted. One undo restores both files.
import * as vscode from 'vscode';
import type { RequirementIndex, RequirementRecord } from '../core/index';
import { formatMessage } from '../core/messages';
import { describeMerge, mergeRefusalText, planMerge, type MergePlan } from '../core/merge';
import { findNearDuplicates, similarityText } from '../core/nearDuplicates';
import { compareIds } from '../core/commits';
import { RequirementNode, TaskNode } from '../tree/nodes';
import { rangeAt } from '../workspace/positions';
import { refusedEdit } from '../workspace/writeChecks';
import { l10n, uiLanguage } from '../workspace/uiText';
import { duplicateCandidates } from './duplicateCandidates';

/** Arguments a script (or a test) passes instead of picking and confirming. */
export interface MergeArgs {
  /** The request folded in (and deleted): an ID or a file (URI string). */
  duplicate?: string;
  /** The requirement it goes into: an ID or a file (URI string). */
  into?: string;
  /** Merge without the confirmation (a script has read what it asks for). */
  confirm?: boolean;
}

function isMergeArgs(value: unknown): value is MergeArgs {
  return typeof value === 'object' && value !== null && !(value instanceof RequirementNode) && !(value instanceof TaskNode);
}

const label = (r: RequirementRecord) => [r.id, r.title].filter(Boolean).join(' ');

function recordOf(index: RequirementIndex, given: string): RequirementRecord | undefined {
  return index.get(given) ?? index.byId(given)[0];
}

/** Picks a requirement; `first` come first (the editor's record, the most similar ones). */
async function pick(
  index: RequirementIndex,
  placeHolder: string,
  except: string | undefined,
  first: ReadonlyArray<{ file: string; description: string }>,
): Promise<RequirementRecord | undefined> {
  const records = index.all().filter((r) => r.id && !r.skipped && r.file !== except);
  const leading = first.flatMap((f) => {
    const r = records.find((x) => x.file === f.file);
    return r ? [{ label: label(r), description: f.description, record: r }] : [];
  });
  const rest = records
    .filter((r) => !first.some((f) => f.file === r.file))
    .sort((a, b) => compareIds(a.id!, b.id!))
    .map((r) => ({ label: label(r), description: [r.priority, r.data.status].filter(Boolean).join(' · '), record: r }));
  const picked = await vscode.window.showQuickPick([...leading, ...rest], { placeHolder, matchOnDescription: true });
  return picked?.record;
}

/** Merges one requirement into another; resolves true when the merge was applied. */
export async function mergeRequirements(index: RequirementIndex, a?: unknown): Promise<boolean> {
  const lang = uiLanguage();
  const args: MergeArgs = isMergeArgs(a) ? a : {};
  const interactive = args.confirm !== true;
  const fail = (message: string): false => {
    void vscode.window.showErrorMessage(l10n.t('ReqDesk changed nothing: {0}', message));
    return false;
  };

  // 1. The duplicate: the tree's node, the argument, else picked (the active editor's first).
  const node = a instanceof TaskNode ? a.parent : a instanceof RequirementNode ? a : undefined;
  let duplicate = node ? index.get(node.summary.file) : args.duplicate ? recordOf(index, args.duplicate) : undefined;
  if (!duplicate && (node || args.duplicate)) return fail(l10n.t('No requirement with that ID or file.'));
  if (!duplicate) {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const current = active ? index.get(active) : undefined;
    duplicate = await pick(
      index,
      l10n.t('Which requirement is the duplicate? It is folded into another one and its file deleted.'),
      undefined,
      current ? [{ file: current.file, description: l10n.t('open in the editor') }] : [],
    );
    if (!duplicate) return false;
  }

  // 2. The target: the argument, else picked, the requests most like the duplicate first.
  let target = args.into ? recordOf(index, args.into) : undefined;
  if (!target && args.into) return fail(l10n.t('No requirement with that ID or file.'));
  const duplicateDoc = await vscode.workspace.openTextDocument(vscode.Uri.parse(duplicate.file));
  if (!target) {
    const query = { title: duplicate.title ?? '', text: similarityText(duplicateDoc.getText()) };
    const candidates = (await duplicateCandidates(index)).filter((c) => c.file !== duplicate!.file);
    const similar = findNearDuplicates(query, candidates).map((d) => ({
      file: d.file,
      description: l10n.t('{0}% similar', Math.round(d.score * 100)),
    }));
    target = await pick(index, l10n.t('Merge {0} into which requirement?', label(duplicate)), duplicate.file, similar);
    if (!target) return false;
  }

  // 3. The plan, on the texts as the editors hold them.
  const targetUri = vscode.Uri.parse(target.file);
  const duplicateUri = vscode.Uri.parse(duplicate.file);
  for (const uri of [targetUri, duplicateUri]) {
    const refused = refusedEdit(uri);
    if (refused) return fail(refused);
  }
  const targetDoc = await vscode.workspace.openTextDocument(targetUri);
  const duplicateName = vscode.workspace.asRelativePath(duplicateUri, false);
  if (duplicateDoc.isDirty) {
    // Unsaved changes are merged as they are, unless they break the record.
    const error = index.analyze(duplicate.file, duplicateDoc.getText()).problems.find((p) => p.severity === 'error');
    if (error)
      return fail(
        l10n.t(
          '{0} has unsaved changes that are not valid ({1}): save valid changes or revert them first.',
          duplicateName,
          formatMessage(error.code, error.args, lang),
        ),
      );
  }
  const relative = (file: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(file), false);
  const compute = () =>
    planMerge(targetDoc.getText(), duplicateDoc.getText(), {
      grammar: index.grammar,
      lang,
      validation: { settings: index.settings, grammar: index.grammar },
      holders: (id) => ({
        own: index.byId(id).map((r) => relative(r.file)),
        // The target listing the duplicate's ID already (a merge half done by hand) is no conflict.
        merged: (index.mergedIds().get(id) ?? []).filter((f) => f !== target!.file && f !== duplicate!.file).map(relative),
      }),
    });
  const plan = compute();
  if (!plan.ok) return fail(mergeRefusalText(plan, lang));

  // 4. Asked once, with every consequence.
  if (interactive) {
    const versions = [targetDoc.version, duplicateDoc.version];
    const merge = l10n.t('Merge');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('Merge {0} into {1}?', plan.duplicateId, plan.targetId),
      { modal: true, detail: [...describeMerge(plan, lang, duplicateName), l10n.t('One undo restores both files.')].join('\n') },
      merge,
    );
    if (choice !== merge) return false;
    if (targetDoc.version !== versions[0] || duplicateDoc.version !== versions[1])
      return fail(
        l10n.t('{0} or {1} changed while the merge was asked about; run Merge Requirements again.', plan.targetId, plan.duplicateId),
      );
  }
  return apply(plan, targetDoc, duplicateUri, interactive);
}

async function apply(plan: MergePlan, targetDoc: vscode.TextDocument, duplicateUri: vscode.Uri, interactive: boolean): Promise<boolean> {
  const undoLabel = l10n.t('Merge {0} into {1}', plan.duplicateId, plan.targetId);
  const edit = new vscode.WorkspaceEdit();
  const metadata = { label: undoLabel, needsConfirmation: false };
  for (const e of plan.edits) edit.replace(targetDoc.uri, rangeAt(targetDoc, e), e.newText, metadata);
  // Last: undoing the edit restores the file first, then the target's text.
  edit.deleteFile(duplicateUri, { ignoreIfNotExists: false }, metadata);
  const wasSaved = !targetDoc.isDirty;
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(l10n.t('ReqDesk changed nothing: {0}', l10n.t('VS Code refused the edit.')));
    return false;
  }
  // Saved as it was before: git, the CLI and other tools see the merge.
  if (wasSaved) await targetDoc.save();
  if (interactive) {
    await vscode.window.showTextDocument(targetDoc, { preview: false });
    void vscode.window.showInformationMessage(l10n.t('Merged {0} into {1}.', plan.duplicateId, plan.targetId));
  }
  return true;
}

export function registerMerge(index: () => RequirementIndex): vscode.Disposable[] {
  const run = (a: unknown) => mergeRequirements(index(), a);
  return [vscode.commands.registerCommand('reqdesk.mergeRequirements', run), vscode.commands.registerCommand('reqdesk.mergeInto', run)];
}
