// *Compare Requirement with Revision…*: a requirement file as it was at a tag or at a commit that
// touched it (left, read-only) against the file as it is now (right), in VS Code's diff editor.
//
// The left side is ReqDesk's own `reqdesk-rev:` document, read with git by src/git (not the git
// extension's `git:` URIs): it works the same when the git extension is disabled or has not opened
// the repository, it runs the same git as the commit links (the extension's, else `git.path`), and
// the size limit and the Restricted Mode rule are ReqDesk's. The document is pinned to a commit
// hash: a tag moved later does not change what an open editor shows.
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { relativeTime } from '../core/relativeTime';
import { DEFAULT_SETTINGS } from '../core/settings';
import { repositoryPathOf } from '../git/fileHistory';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import {
  fileAtRevision,
  FileTooLargeAtRevision,
  resolveCommit,
  RevisionError,
  revisionsOfFile,
  type FileRevision,
} from '../git/revisionFiles';
import type { RequirementSummary } from '../core/tree';
import type { CommitService } from './commitService';
import { l10n, uiLanguage } from '../workspace/uiText';

export const REVISION_SCHEME = 'reqdesk-rev';

/** What the command may be given besides a tree node or an editor's URI (a keybinding, a test). */
export interface CompareArgs {
  id?: string;
  file?: string;
  /** A tag, branch or commit: compared with at once, without the pick. */
  revision?: string;
}

export interface CompareContext {
  commits: CommitService;
  /** The requirements a command acts on (the tree's rule: node, arguments, active editor, a pick). */
  targets(a: unknown, b: unknown, args: CompareArgs | undefined): Promise<RequirementSummary[] | undefined>;
  /** The index's file size limit; undefined before the first index (the default then). */
  maxFileBytes(): number | undefined;
}

/** The read-only document of a file at a commit; its path ends with the file's name, so the editor knows the language. */
export function revisionUri(repository: string, commit: string, path: string, label: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: REVISION_SCHEME,
    path: `/${path}`,
    query: new URLSearchParams({ repository, commit, path, label }).toString(),
  });
}

/** The texts of `reqdesk-rev:` documents, from the repositories this workspace's commands named. */
class RevisionDocuments implements vscode.TextDocumentContentProvider {
  /** Repositories the command resolved from a workspace file: a crafted link cannot point git elsewhere. */
  readonly known = new Set<string>();

  constructor(private readonly ctx: CompareContext) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const repository = query.get('repository') ?? '';
    const commit = query.get('commit') ?? '';
    const path = query.get('path') ?? '';
    if (!vscode.workspace.isTrusted) return l10n.t('ReqDesk runs no git in Restricted Mode: the revision cannot be read.');
    if (!this.known.has(repository) && !this.ctx.commits.repositories().includes(repository)) {
      return l10n.t('{0} is not a repository of this workspace.', repository);
    }
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(commit)) return '';
    try {
      const text = await fileAtRevision(
        this.ctx.commits.gitPath(),
        repository,
        commit,
        path,
        this.ctx.maxFileBytes() ?? DEFAULT_SETTINGS.maxFileBytes,
      );
      return text ?? l10n.t('{0} is not in commit {1}.', path, commit.slice(0, 7));
    } catch (error) {
      if (error instanceof FileTooLargeAtRevision) {
        return l10n.t('{0} is {1} bytes at this revision, more than the {2} bytes ReqDesk reads.', path, error.size, error.maxBytes);
      }
      return l10n.t('The file could not be read at {0}: {1}', commit.slice(0, 7), error instanceof Error ? error.message : String(error));
    }
  }
}

/** The pick's rows: tags and commits, newest first, with their dates and subjects. */
function pickItems(revisions: readonly FileRevision[]): Array<vscode.QuickPickItem & { revision: FileRevision }> {
  const lang = uiLanguage();
  const now = Date.now();
  return revisions.map((r) => {
    const when = r.date ? `${r.date.slice(0, 10)} (${relativeTime(r.date, now, lang)})` : '';
    return r.kind === 'tag'
      ? { label: `$(tag) ${r.name}`, description: [r.commit.slice(0, 7), when].filter(Boolean).join(' · '), detail: r.subject, revision: r }
      : { label: `$(git-commit) ${r.subject}`, description: [r.commit.slice(0, 7), when].filter(Boolean).join(' · '), revision: r };
  });
}

/** Why the command cannot run for a file, said once; undefined when it can (with git, the repository and the path there). */
async function repositoryOf(
  ctx: CompareContext,
  file: vscode.Uri,
): Promise<{ git: string; repository: string; relative: string } | string> {
  if (!vscode.workspace.isTrusted)
    return l10n.t('ReqDesk runs no git in Restricted Mode: trust the workspace to compare a requirement with a revision.');
  if (file.scheme !== 'file') return l10n.t('{0} is not a file on disk: it has no git history.', file.toString());
  const git = ctx.commits.gitPath();
  let repository: string | undefined;
  try {
    repository = await repositoryRoot(git, nodePath.dirname(file.fsPath));
  } catch (error) {
    if (error instanceof GitMissingError) return l10n.t('git could not be started ("{0}"): install git or set "git.path".', git);
    throw error;
  }
  if (!repository)
    return l10n.t('{0} is not in a git repository: there is no revision to compare it with.', vscode.workspace.asRelativePath(file));
  const relative = repositoryPathOf(repository, file.fsPath);
  if (relative === undefined)
    return l10n.t(
      '{0} is outside its repository (a symbolic link?): git has no history of it there.',
      vscode.workspace.asRelativePath(file),
    );
  return { git, repository, relative };
}

/**
 * Runs the command: the requirement, then the revision (the pick, or `args.revision`), then the diff.
 * Returns the left document's URI when a diff was opened (tests), undefined otherwise.
 */
async function compareWithRevision(
  ctx: CompareContext,
  documents: RevisionDocuments,
  a: unknown,
  b: unknown,
): Promise<vscode.Uri | undefined> {
  const args = a instanceof vscode.Uri ? { file: a.toString() } : isCompareArgs(a) ? a : undefined;
  const targets = await ctx.targets(a instanceof vscode.Uri ? undefined : a, b, args);
  const target = targets?.[0];
  if (!target) return undefined;
  const file = vscode.Uri.parse(target.file);
  const where = await repositoryOf(ctx, file);
  if (typeof where === 'string') {
    void vscode.window.showWarningMessage(where);
    return undefined;
  }
  const { git, repository, relative } = where;
  documents.known.add(repository);

  let chosen: { commit: string; path: string; label: string } | undefined;
  if (typeof args?.revision === 'string') {
    try {
      const commit = await resolveCommit(git, repository, args.revision);
      // A hash typed in full is shown short, as the pick shows it.
      const label = /^[0-9a-f]{40,64}$/.test(args.revision) ? args.revision.slice(0, 7) : args.revision;
      chosen = { commit, path: relative, label };
    } catch (error) {
      if (!(error instanceof RevisionError)) throw error;
      void vscode.window.showWarningMessage(l10n.t('"{0}" is not a commit, branch or tag of this repository.', args.revision));
      return undefined;
    }
  } else {
    const revisions = await revisionsOfFile(git, repository, relative);
    const name = [target.id, target.title].filter(Boolean).join(' ') || vscode.workspace.asRelativePath(file);
    if (revisions.length === 0) {
      void vscode.window.showInformationMessage(l10n.t('{0} has no committed version yet: there is nothing to compare it with.', name));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(pickItems(revisions), {
      placeHolder: l10n.t('Compare {0} with the version at…', name),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    const r = picked.revision;
    chosen = { commit: r.commit, path: r.path, label: r.kind === 'tag' ? r.name : r.commit.slice(0, 7) };
  }
  const left = revisionUri(repository, chosen.commit, chosen.path, chosen.label);
  const base = nodePath.posix.basename(relative);
  const title = `${nodePath.posix.basename(chosen.path)} (${chosen.label}) ↔ ${base}`;
  await vscode.commands.executeCommand('vscode.diff', left, file, title, { preview: true });
  return left;
}

function isCompareArgs(value: unknown): value is CompareArgs {
  return typeof value === 'object' && value !== null && !('kind' in value) && ('id' in value || 'file' in value || 'revision' in value);
}

export function registerCompareWithRevision(ctx: CompareContext): vscode.Disposable[] {
  const documents = new RevisionDocuments(ctx);
  return [
    vscode.workspace.registerTextDocumentContentProvider(REVISION_SCHEME, documents),
    vscode.commands.registerCommand('reqdesk.compareWithRevision', (a?: unknown, b?: unknown) => compareWithRevision(ctx, documents, a, b)),
  ];
}
