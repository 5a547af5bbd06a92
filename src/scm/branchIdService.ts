// IDs taken on other branches, for the extension: the next free ID skips them (two people on two
// branches do not take the same number), and a record whose ID another branch gives to a
// different file gets a warning. Read with git only in a trusted workspace.
import * as vscode from 'vscode';
import { crossBranchDuplicates, crossBranchProblem, type BranchIds } from '../core/branchIds';
import type { RequirementIndex } from '../core/index';
import { formatMessage } from '../core/messages';
import type { Problem } from '../core/problems';
import { DEFAULT_SETTINGS } from '../core/settings';
import { idsOnWorkspaceBranches, type WorkspaceBranchIds } from '../git/branchIds';
import { filePositions, rangeAt } from '../workspace/positions';
import { DiagnosticsChannel, problemDiagnostic } from '../diagnostics/diagnosticsPublisher';
import type { CommitService } from './commitService';
import { uiLanguage } from '../workspace/uiText';
import { Debounced } from './debounced';

/** A fresh read before an ID is handed out, but never a long wait for it. */
const FRESH_TIMEOUT_MS = 3000;
const REFRESH_DELAY_MS = 1000;

export class BranchIdService implements vscode.Disposable {
  private readonly collection = new DiagnosticsChannel('reqdesk-branches');
  private readonly lang = uiLanguage();
  private perFolder = new Map<string, WorkspaceBranchIds>();
  private problems = new Map<string, Problem[]>();
  private readonly soon = new Debounced(() => void this.refresh());
  private running: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly index: () => RequirementIndex | undefined,
    private readonly commits: CommitService,
    private readonly output: vscode.LogOutputChannel,
  ) {
    // Commits, checkouts and pulls move the branches; the commit links notice them first.
    this.disposables.push(
      commits.onDidChange(() => this.refreshSoon()),
      vscode.window.onDidChangeWindowState((w) => {
        if (w.focused) this.refreshSoon();
      }),
    );
  }

  /** Every ID some branch's records declare (paths aside). */
  takenIds(): string[] {
    const ids = new Set<string>();
    for (const found of this.perFolder.values()) for (const id of found.ids.keys()) ids.add(id);
    return [...ids];
  }

  /** The branch problems of a record file (URI string), for quick fixes. */
  problemsFor(file: string): Problem[] {
    return this.problems.get(file) ?? [];
  }

  /** Reads the branches now and resolves when done, or after a few seconds with what is known. */
  async fresh(): Promise<string[]> {
    const read = this.refresh();
    await Promise.race([read, new Promise((r) => setTimeout(r, FRESH_TIMEOUT_MS))]);
    return this.takenIds();
  }

  refreshSoon(delay = REFRESH_DELAY_MS): void {
    this.soon.schedule(delay);
  }

  /** Records changed (an ID edited or added): check them against the last branch read. */
  recheck(): void {
    void this.publish();
  }

  refresh(): Promise<void> {
    this.running = this.running
      .then(() => this.read())
      .catch((error: unknown) => this.output.warn(`Branch IDs: ${error instanceof Error ? error.message : String(error)}`));
    return this.running;
  }

  async settled(): Promise<void> {
    while (this.soon.pending) await new Promise((r) => setTimeout(r, REFRESH_DELAY_MS / 4));
    await this.running;
  }

  private async read(): Promise<void> {
    const index = this.index();
    const state = this.commits.current.kind;
    // Only where commit links run git: trusted, enabled, git present.
    if (!index || state === 'untrusted' || state === 'off' || state === 'git-missing' || !vscode.workspace.isTrusted) {
      this.perFolder = new Map();
      await this.publish();
      return;
    }
    const next = new Map<string, WorkspaceBranchIds>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const found = await idsOnWorkspaceBranches(this.commits.gitPath(), folder.uri.fsPath, {
        include: index.settings.include,
        exclude: index.settings.exclude,
        grammar: index.grammar,
        maxFileBytes: index.settings.maxFileBytes,
      });
      if (found) next.set(folder.uri.toString(), found);
    }
    this.perFolder = next;
    await this.publish();
  }

  private async publish(): Promise<void> {
    const index = this.index();
    const problems = new Map<string, Problem[]>();
    const diagnostics: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    for (const [folderUri, found] of this.perFolder) {
      const folder = vscode.Uri.parse(folderUri);
      const prefix = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
      // The branch reader speaks workspace-relative paths; the index, URIs.
      const records = (index?.all() ?? [])
        .filter((r) => vscode.Uri.parse(r.file).path.startsWith(prefix))
        .map((r) => ({ file: vscode.Uri.parse(r.file).path.slice(prefix.length), id: r.id, idRange: r.idRange, uri: r.file }));
      const byRelative = new Map(records.map((r) => [r.file, r.uri]));
      for (const dup of crossBranchDuplicates(records, found.ids as BranchIds, found.currentBranch)) {
        const uri = byRelative.get(dup.file)!;
        const problem = crossBranchProblem(dup);
        problems.set(uri, [...(problems.get(uri) ?? []), problem]);
        diagnostics.push([vscode.Uri.parse(uri), [await this.toDiagnostic(vscode.Uri.parse(uri), problem)]]);
      }
    }
    this.problems = problems;
    this.collection.clear();
    for (const [uri, list] of diagnostics) this.collection.set(uri, [...(this.collection.get(uri) ?? []), ...list]);
  }

  private async toDiagnostic(uri: vscode.Uri, problem: Problem): Promise<vscode.Diagnostic> {
    // A file gone meanwhile has its diagnostic at 1:1 until the next read drops it.
    const at = await filePositions(uri.toString(), this.index()?.settings.maxFileBytes ?? DEFAULT_SETTINGS.maxFileBytes);
    return problemDiagnostic(
      problem,
      rangeAt(at, problem.range),
      formatMessage(problem.code, problem.args, this.lang, (f) => f),
    );
  }

  dispose(): void {
    this.soon.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
