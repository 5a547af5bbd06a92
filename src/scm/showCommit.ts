// Opening a commit from the tree: VS Code's git extension shows it as a multi-file diff when it
// knows the repository; otherwise (extension disabled, repository not opened by it) a read-only
// document with `git show --stat` stands in.
import * as vscode from 'vscode';
import { commitText } from '../git/gitLog';
import type { CommitService } from './commitService';
import { gitExtensionApi } from './gitExtension';
import { l10n } from '../workspace/uiText';

export const COMMIT_SCHEME = 'reqdesk-commit';

export interface ShowCommitArgs {
  repository?: string;
  hash?: string;
}

/** The read-only document of a commit; the query names the repository and the hash. */
export function commitDocumentUri(repository: string, hash: string, subject: string): vscode.Uri {
  // The path is the editor tab's title: short hash and subject, without path separators.
  const title = `${hash.slice(0, 7)} ${subject}`.replace(/[\\/]/g, '∕').slice(0, 80);
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${title}`, query: new URLSearchParams({ repository, hash }).toString() });
}

class CommitDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly commits: CommitService) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const repository = query.get('repository') ?? '';
    const hash = query.get('hash') ?? '';
    if (!vscode.workspace.isTrusted) return l10n.t('Commits are not read in Restricted Mode.');
    // Only repositories the links came from: a crafted link cannot point git elsewhere.
    if (!this.commits.repositories().includes(repository)) return l10n.t('{0} is not a repository of this workspace.', repository);
    try {
      return await commitText(this.commits.gitPath(), repository, hash);
    } catch (error) {
      return l10n.t('The commit {0} could not be shown: {1}', hash, error instanceof Error ? error.message : String(error));
    }
  }
}

export async function showCommit(commits: CommitService, args: ShowCommitArgs | undefined): Promise<'git' | 'document' | undefined> {
  const repository = args?.repository;
  const hash = args?.hash;
  if (typeof repository !== 'string' || typeof hash !== 'string' || !/^[0-9a-f]{4,64}$/.test(hash)) return undefined;
  const api = await gitExtensionApi();
  const known = api?.repositories.some((r) => r.rootUri.fsPath === vscode.Uri.file(repository).fsPath) ?? false;
  if (known && (await vscode.commands.getCommands(true)).includes('git.viewCommit')) {
    try {
      await vscode.commands.executeCommand('git.viewCommit', vscode.Uri.file(repository), hash);
      return 'git';
    } catch {
      // Fall through to the plain view.
    }
  }
  const subject = commits.commitByHash(repository, hash)?.subject ?? '';
  const doc = await vscode.workspace.openTextDocument(commitDocumentUri(repository, hash, subject));
  await vscode.window.showTextDocument(doc, { preview: true });
  return 'document';
}

export function registerShowCommit(commits: CommitService): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocuments(commits)),
    vscode.commands.registerCommand('reqdesk.showCommit', (args?: ShowCommitArgs | { commit?: ShowCommitArgs }) => {
      // From the tree's context menu the node comes in; from the item's click, the arguments.
      const target = args && 'commit' in args && args.commit ? args.commit : (args as ShowCommitArgs | undefined);
      return showCommit(commits, target);
    }),
  ];
}
