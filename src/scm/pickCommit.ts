// "n commits" in a CodeLens or hover: pick one of the requirement's commits and show it.
import * as vscode from 'vscode';
import type { RequirementIndex } from '../core/index';
import { relativeTime } from '../core/relativeTime';
import type { CommitService } from './commitService';
import { showCommit } from './showCommit';
import { l10n, uiLanguage } from '../workspace/uiText';

export async function pickCommit(commits: CommitService, index: RequirementIndex, id?: string): Promise<void> {
  if (!id) return;
  const list = commits.commitsOf(id);
  if (list.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No commit mentions {0}.', id));
    return;
  }
  const lang = uiLanguage();
  const now = Date.now();
  const title = index.resolve(id)?.record.title;
  const picked = await vscode.window.showQuickPick(
    list.map((c) => ({
      label: `$(git-commit) ${c.subject}`,
      description: `${c.hash.slice(0, 7)} · ${c.author} · ${relativeTime(c.date, now, lang)}`,
      commit: c,
    })),
    { placeHolder: l10n.t('Commits that mention {0}', [id, title].filter(Boolean).join(' ')), matchOnDescription: true },
  );
  if (picked) await showCommit(commits, { repository: picked.commit.repository, hash: picked.commit.hash });
}
