// Requirement IDs with their titles while writing a commit message: in the Source Control commit
// box (language `scminput`) and in COMMIT_EDITMSG (`git-commit`). Typing a prefix or a few words
// of a title finds the ID; accepting inserts the ID only.
import * as vscode from 'vscode';
import { compareIds } from '../core/commits';
import type { RequirementIndex } from '../core/index';
import { gitExtensionApi } from '../scm/gitExtension';
import { l10n } from '../workspace/uiText';

export const COMMIT_SELECTOR: vscode.DocumentSelector = [{ language: 'scminput' }, { language: 'git-commit' }];

/** The token being typed before the cursor: ASCII word characters, hyphens and CJK. */
const TOKEN_BEFORE = /[\p{L}\p{N}_-]*$/u;

export class CommitBoxCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly index: () => RequirementIndex) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const token = TOKEN_BEFORE.exec(before)?.[0] ?? '';
    const range = new vscode.Range(position.translate(0, -token.length), position);
    const records = this.index()
      .all()
      .filter((r) => r.id)
      // Newest IDs first: a commit usually concerns current work.
      .sort((a, b) => compareIds(b.id!, a.id!));
    return records.map((r, i) => {
      const item = new vscode.CompletionItem({ label: r.id!, description: r.title }, vscode.CompletionItemKind.Reference);
      item.insertText = r.id!;
      item.range = range;
      // Found by the ID, an ID merged into it (an old number someone remembers) or words of the title.
      const merged = (r.mergedIds ?? []).map((m) => m.id);
      item.filterText = [r.id, ...merged, r.title ?? ''].join(' ');
      item.sortText = String(i).padStart(6, '0');
      item.detail = [r.priority, r.data.status].filter(Boolean).join(' · ');
      return item;
    });
  }
}

/** Inserts a chosen requirement's ID into the commit box of the (first) git repository. */
export async function insertIdIntoCommitBox(index: RequirementIndex, id?: string): Promise<boolean> {
  let chosen = id;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      index
        .all()
        .filter((r) => r.id)
        .sort((a, b) => compareIds(b.id!, a.id!))
        .map((r) => ({ label: r.id!, description: r.title, detail: [r.priority, r.data.status].filter(Boolean).join(' · ') })),
      { placeHolder: l10n.t('Which requirement does this commit concern?'), matchOnDescription: true },
    );
    chosen = picked?.label;
  }
  if (!chosen) return false;
  const api = await gitExtensionApi();
  const repository = api?.repositories[0];
  if (!repository) {
    void vscode.window.showInformationMessage(l10n.t('No git repository is open: copy {0} into your commit message.', chosen));
    await vscode.env.clipboard.writeText(chosen);
    return false;
  }
  const current = repository.inputBox.value;
  repository.inputBox.value = current ? `${current}${/\s$/.test(current) ? '' : ' '}${chosen}` : chosen;
  return true;
}
