// Registers the editor features on IDs and requirement files, and keeps them in step with the
// index (which is replaced when settings change).
import * as vscode from 'vscode';
import type { IndexHost } from '../workspace/indexHost';
import { IdProviders } from './idProviders';
import { RequirementCodeLens } from './requirementCodeLens';
import { RequirementStatusBar } from './statusBar';
import { QuickFixProvider } from './quickFixes';
import { FrontMatterAssist } from './frontMatterAssist';
import { COMMIT_SELECTOR, CommitBoxCompletion, insertIdIntoCommitBox } from './commitBoxCompletion';
import { CommitBoxDiagnostics } from './commitBoxDiagnostics';
import type { CodeRefService } from '../scm/codeRefService';
import type { CommitService } from '../scm/commitService';
import type { BranchIdService } from '../scm/branchIdService';
import { pickCommit } from '../scm/pickCommit';
import { l10n } from '../workspace/uiText';

export interface LanguageFeaturesContext {
  /** The current index, followed through rebuilds. */
  host: IndexHost;
  isRequirement(uri: vscode.Uri): boolean;
  commits: CommitService;
  codeRefs?: CodeRefService;
  branches: BranchIdService;
}

/** Where IDs can be written: any file, unsaved editors, and the source-control commit box. */
export const ID_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { language: 'scminput' }];
const REQUIREMENT_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

export function registerLanguageFeatures(ctx: LanguageFeaturesContext): vscode.Disposable[] {
  const index = ctx.host.index;
  const ids = new IdProviders({ index, commits: ctx.commits, ...(ctx.codeRefs ? { codeRefs: ctx.codeRefs } : {}) });
  const lens = new RequirementCodeLens(index, ctx.isRequirement, ctx.commits, ctx.codeRefs);
  const commitBox = new CommitBoxDiagnostics(index);
  const status = new RequirementStatusBar(index);
  const assist = new FrontMatterAssist(index, ctx.isRequirement);
  const following = ctx.host.follow({
    replaced: () => assist.invalidate(),
    changed: () => {
      assist.invalidate();
      lens.refresh();
      status.update();
      commitBox.recheck();
      ctx.branches.recheck();
    },
  });
  return [
    lens,
    commitBox,
    ctx.commits.onDidChange(() => lens.refresh()),
    ...(ctx.codeRefs ? [ctx.codeRefs.onDidChange(() => lens.refresh())] : []),
    vscode.commands.registerCommand('reqdesk.showCommits', (args?: { id?: string }) => pickCommit(ctx.commits, index(), args?.id)),
    status,
    following,
    vscode.languages.registerHoverProvider(ID_SELECTOR, ids),
    vscode.languages.registerDocumentLinkProvider(ID_SELECTOR, ids),
    vscode.languages.registerDefinitionProvider(ID_SELECTOR, ids),
    vscode.languages.registerReferenceProvider(ID_SELECTOR, ids),
    vscode.languages.registerRenameProvider(ID_SELECTOR, ids),
    vscode.languages.registerCodeLensProvider(REQUIREMENT_SELECTOR, lens),
    // Triggered after `:` (values), `-` (list items) and `[`/`,` (flow lists).
    vscode.languages.registerCompletionItemProvider(REQUIREMENT_SELECTOR, assist, ':', '-', '[', ','),
    vscode.languages.registerHoverProvider(REQUIREMENT_SELECTOR, assist),
    vscode.languages.registerCompletionItemProvider(COMMIT_SELECTOR, new CommitBoxCompletion(index), '-'),
    vscode.commands.registerCommand('reqdesk.insertIdInCommit', (args?: { id?: string }) => insertIdIntoCommitBox(index(), args?.id)),
    vscode.languages.registerCodeActionsProvider(REQUIREMENT_SELECTOR, new QuickFixProvider(index, ctx.isRequirement, ctx.branches), {
      providedCodeActionKinds: QuickFixProvider.kinds,
    }),
    vscode.commands.registerCommand('reqdesk.openRequirement', async (args?: { file?: string; id?: string }) => {
      let file = args?.file ?? (args?.id ? index().resolve(args.id)?.record.file : undefined);
      if (!file && !args) {
        const picked = await vscode.window.showQuickPick(
          index()
            .all()
            .filter((r) => r.id)
            .sort((a, b) => a.id!.localeCompare(b.id!))
            .map((r) => ({ label: r.id!, description: r.title, file: r.file })),
          { placeHolder: l10n.t('Open which requirement?'), matchOnDescription: true },
        );
        file = picked?.file;
      }
      if (!file) return;
      await vscode.commands.executeCommand('reqdesk.open', { file });
    }),
  ];
}
