// Every edit ReqDesk makes goes through here: the core computes minimal text edits on the
// document's current text (unsaved changes included) and one WorkspaceEdit applies them, so the
// change is undoable in one step. A file that was saved before is saved again afterwards, so that
// git, the CLI and other tools see the change; an editor with unsaved work is left unsaved. A
// record that is a symbolic link to a file outside the workspace is never edited.
import * as vscode from 'vscode';
import { rangeAt } from './positions';
import { editFields, type EditResult, type FieldChange } from '../core/edits';
import { localizeLater } from '../core/l10n';
import { refusedEdit } from './writeChecks';
import { l10n, uiLanguage } from './uiText';

export interface EditOutcome {
  ok: boolean;
  /** Why nothing was changed, in the UI language. */
  message?: string;
}

/** Applies field changes to several files as one WorkspaceEdit (one undo per file). */
export function applyFieldChanges(
  changes: ReadonlyArray<{ file: string; changes: readonly FieldChange[] }>,
  label: string,
): Promise<EditOutcome> {
  return applyComputedEdits(
    changes.map(({ file, changes: fieldChanges }) => ({ file, compute: (text: string) => editFields(text, fieldChanges) })),
    label,
  );
}

/** Applies the edits a core function computes on each document's current text, as one WorkspaceEdit. */
export async function applyComputedEdits(
  changes: ReadonlyArray<{ file: string; compute: (text: string) => EditResult }>,
  label: string,
): Promise<EditOutcome> {
  const lang = uiLanguage();
  const edit = new vscode.WorkspaceEdit();
  const toSave: vscode.TextDocument[] = [];
  // Checked for every file before any is opened: one refusal changes nothing.
  for (const { file } of changes) {
    const refused = refusedEdit(vscode.Uri.parse(file));
    if (refused) return { ok: false, message: refused };
  }
  for (const { file, compute } of changes) {
    const uri = vscode.Uri.parse(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    const result = compute(doc.getText());
    if (!result.ok) {
      const name = vscode.workspace.asRelativePath(uri, false);
      return { ok: false, message: `${name}: ${localizeLater(lang, result.text)}` };
    }
    for (const e of result.edits) edit.replace(uri, rangeAt(doc, e), e.newText, { label, needsConfirmation: false });
    if (!doc.isDirty) toSave.push(doc);
  }
  if (edit.size === 0) return { ok: true };
  if (!(await vscode.workspace.applyEdit(edit))) return { ok: false, message: l10n.t('VS Code refused the edit.') };
  for (const doc of toSave) await doc.save();
  return { ok: true };
}

/** Applies field changes for a user action; when nothing could be changed, says why. */
export async function applyFieldChangesOrReport(
  changes: ReadonlyArray<{ file: string; changes: readonly FieldChange[] }>,
  label: string,
): Promise<boolean> {
  return reportOutcome(await applyFieldChanges(changes, label));
}

/** Applies computed edits for a user action; when nothing could be changed, says why. */
export async function applyComputedEditsOrReport(
  changes: ReadonlyArray<{ file: string; compute: (text: string) => EditResult }>,
  label: string,
): Promise<boolean> {
  return reportOutcome(await applyComputedEdits(changes, label));
}

function reportOutcome(outcome: EditOutcome): boolean {
  if (!outcome.ok) void vscode.window.showErrorMessage(l10n.t('ReqDesk changed nothing: {0}', outcome.message ?? ''));
  return outcome.ok;
}
