// Commit links in the extension: which commits of the workspace's repositories mention which
// requirement IDs, kept current as the repositories change. The reading itself is the CLI's
// (CommitScanner); this file decides when to read, with which git, and what to say when it cannot.
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { CommitLink } from '../core/commits';
import type { IdGrammar } from '../core/ids';
import { CommitScanner, MAX_COMMIT_CACHE_BYTES, type ScanResult } from '../git/commitScanner';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import { historyOf, type FileVersion, type HistoryEntry } from '../core/history';
import { taskCompletionDates, type TaskCompletions } from '../core/reports/taskCompletions';
import { fileVersions } from '../git/fileHistory';
import type { GitApi, GitRepository } from './gitExtension';
import { gitExtensionApi } from './gitExtension';
import { StorageFile } from '../workspace/storageFile';
import { l10n } from '../workspace/uiText';
import { Debounced } from './debounced';

export type CommitLinkState =
  | { kind: 'starting' }
  /** `reqdesk.commits.enabled` is off. */
  | { kind: 'off' }
  /** Restricted Mode: no git runs. */
  | { kind: 'untrusted' }
  | { kind: 'git-missing'; git: string }
  /** No workspace folder is inside a git work tree. */
  | { kind: 'no-repository' }
  | { kind: 'ready'; repositories: number; shallow: boolean };

/** A commit that mentions an ID, with the repository it belongs to (for showing it). */
export interface LinkedCommit extends CommitLink {
  repository: string;
}

/** A record file's git history, as the tree's history and the reports use it. */
export interface FileHistory {
  repository: string;
  entries: HistoryEntry[];
  /** Task ID → the date a commit marked it done (see core/reports/taskCompletions). */
  taskCompletions: TaskCompletions;
}

/** Repository changes arrive in bursts (a pull moves HEAD and several refs): read once after. */
const REFRESH_DELAY_MS = 300;

export class CommitService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when links or the state changed. */
  readonly onDidChange = this.changed.event;
  private state: CommitLinkState = { kind: 'starting' };
  private results = new Map<string, ScanResult>();
  private scanner: CommitScanner | undefined;
  private scannerKey = '';
  private grammar: IdGrammar | undefined;
  private readonly soon = new Debounced(() => void this.refresh());
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private gitApi: GitApi | undefined;
  /** Per repository of the git extension: what was last seen of HEAD and the branches. */
  private readonly repoKeys = new Map<GitRepository, string>();
  private readonly disposables: vscode.Disposable[] = [];
  private warnedMissing = false;
  /** File histories read since the repositories last changed, by file URI. */
  private histories = new Map<string, Promise<FileHistory | undefined>>();
  /** The priority threshold history derives P1–P3 with (the index's setting). */
  threshold: number | undefined;
  /**
   * Every ID that names the same requirement as an ID (its own and those merged into it: the
   * index's `idsOfRequirement`): a commit naming a merged ID counts for the record it leads to.
   */
  idsOfRequirement: (id: string) => readonly string[] = (id) => [id];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshSoon(0)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('reqdesk.commits') || e.affectsConfiguration('git.path')) this.refreshSoon(0);
      }),
      // Without the git extension nothing reports repository changes: look again on focus.
      vscode.window.onDidChangeWindowState((w) => {
        if (w.focused && !this.gitApi) this.refreshSoon();
      }),
    );
  }

  get current(): CommitLinkState {
    return this.state;
  }

  /** Whether commit figures mean something: a scan has completed in at least one repository. */
  get ready(): boolean {
    return this.state.kind === 'ready';
  }

  /** The ID grammar changed (a new index): links are read again with it. */
  setGrammar(grammar: IdGrammar): void {
    this.grammar = grammar;
    this.refreshSoon(0);
  }

  /** Commits mentioning `id` (or an ID merged into the same requirement) in every repository, newest first. */
  commitsOf(id: string): LinkedCommit[] {
    const ids = this.idsOfRequirement(id);
    const out: LinkedCommit[] = [];
    for (const [repository, result] of this.results) for (const c of result.links.commitsOfAll(ids)) out.push({ ...c, repository });
    if (this.results.size > 1) out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.hash.localeCompare(b.hash)));
    return out;
  }

  /** A linked commit of a repository by hash (for titles). */
  commitByHash(repository: string, hash: string): LinkedCommit | undefined {
    const found = this.results.get(repository)?.links.commit(hash);
    return found ? { ...found, repository } : undefined;
  }

  countOf(id: string): number {
    const ids = this.idsOfRequirement(id);
    let n = 0;
    for (const result of this.results.values()) n += result.links.countOfAll(ids);
    return n;
  }

  /** IDs mentioned in commits that no record has: id → commits. */
  unknown(known: ReadonlySet<string>): Map<string, LinkedCommit[]> {
    const out = new Map<string, LinkedCommit[]>();
    for (const result of this.results.values()) for (const id of result.links.unknown(known).keys()) out.set(id, this.commitsOf(id));
    return out;
  }

  /**
   * The field and section changes of a record file over its git history, oldest first, and when
   * its tasks were marked done; undefined when links are not read (Restricted Mode, no git) or the
   * file is in none of the repositories.
   */
  historyOf(file: string): Promise<FileHistory | undefined> {
    if (!this.ready) return Promise.resolve(undefined);
    let found = this.histories.get(file);
    if (!found) {
      found = this.readHistory(file).catch((error: unknown) => {
        this.output.warn(`History of ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      this.histories.set(file, found);
    }
    return found;
  }

  /** The repository whose work tree holds a record file, and the file's path in it; undefined outside them all. */
  private locate(file: string): { repository: string; relative: string } | undefined {
    const uri = vscode.Uri.parse(file);
    if (uri.scheme !== 'file') return undefined;
    // The repository whose work tree holds the file: the deepest root it is under. Roots come
    // from git with `/` separators; fsPath normalises them like the file's own path.
    const inside = [...this.results.keys()]
      .map((root) => ({ root, relative: nodePath.relative(vscode.Uri.file(root).fsPath, uri.fsPath) }))
      .filter((r) => r.relative !== '' && !r.relative.startsWith('..') && !nodePath.isAbsolute(r.relative))
      .sort((a, b) => a.relative.length - b.relative.length)[0];
    return inside ? { repository: inside.root, relative: inside.relative.split(nodePath.sep).join('/') } : undefined;
  }

  /**
   * The committed versions of a record file, oldest first (the promise ledger dates deliveries and
   * tasks from them); undefined when links are not read or the file is in none of the repositories.
   */
  async versionsOf(file: string): Promise<FileVersion[] | undefined> {
    const at = this.ready ? this.locate(file) : undefined;
    return at ? fileVersions(this.gitPath(), at.repository, at.relative) : undefined;
  }

  private async readHistory(file: string): Promise<FileHistory | undefined> {
    const at = this.locate(file);
    if (!at) return undefined;
    const { repository, relative } = at;
    // One read of the versions for both: the field changes and the tasks' completion dates.
    const options = this.threshold !== undefined ? { threshold: this.threshold } : {};
    const versions = await fileVersions(this.gitPath(), repository, relative, options);
    return { repository, entries: historyOf(versions, options), taskCompletions: taskCompletionDates(versions) };
  }

  /** The repositories read (work-tree roots). */
  repositories(): string[] {
    return [...this.results.keys()];
  }

  /** The git executable: the one VS Code's git extension found, else `git.path`, else `git`. */
  gitPath(): string {
    const fromExtension = this.gitApi?.git.path;
    if (fromExtension) return fromExtension;
    const configured = vscode.workspace.getConfiguration('git').get<unknown>('path');
    const first = Array.isArray(configured) ? configured.find((p) => typeof p === 'string' && p !== '') : configured;
    return typeof first === 'string' && first !== '' ? first : 'git';
  }

  /** Reads the repositories again after a short pause; bursts of requests make one read. */
  refreshSoon(delay = REFRESH_DELAY_MS): void {
    this.soon.schedule(delay);
  }

  /** Reads now (or right after a read in progress). Resolves when links are current. */
  refresh(): Promise<void> {
    if (this.again) return this.running;
    this.again = true;
    this.running = this.running.then(async () => {
      this.again = false;
      try {
        await this.readAll();
      } catch (error) {
        this.output.error(`Commit links: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.running;
  }

  /** Resolves once no read is scheduled or running (tests). */
  async settled(): Promise<void> {
    while (this.soon.pending || this.again) {
      if (this.soon.pending) await new Promise((r) => setTimeout(r, REFRESH_DELAY_MS / 3));
      await this.running;
    }
    await this.running;
  }

  private setState(state: CommitLinkState, results: Map<string, ScanResult>, changed: boolean): void {
    // New commits may have changed any file's history.
    if (changed) this.histories = new Map();
    const stateChanged = JSON.stringify(state) !== JSON.stringify(this.state);
    this.state = state;
    this.results = results;
    void vscode.commands.executeCommand('setContext', 'reqdesk.commitsReady', state.kind === 'ready');
    if (stateChanged || changed) this.changed.fire();
  }

  private async readAll(): Promise<void> {
    const config = vscode.workspace.getConfiguration('reqdesk.commits');
    if (!config.get<boolean>('enabled', true)) return this.setState({ kind: 'off' }, new Map(), true);
    // Restricted Mode: a repository's config can name programs git runs (hooks aside, e.g.
    // core.fsmonitor), and `git.path` may come from the workspace. Nothing runs until trusted.
    if (!vscode.workspace.isTrusted) return this.setState({ kind: 'untrusted' }, new Map(), true);
    if (!this.grammar) return;
    await this.connectGitExtension();

    const git = this.gitPath();
    const allBranches = config.get<boolean>('allBranches', false);
    const key = JSON.stringify([git, allBranches, this.grammar.prefixes, this.grammar.template]);
    if (!this.scanner || key !== this.scannerKey) {
      const storage = this.context.storageUri;
      this.scanner = new CommitScanner({
        grammar: this.grammar,
        git,
        allBranches,
        ...(storage ? { cache: new StorageFile(vscode.Uri.joinPath(storage, 'commits.json'), { maxBytes: MAX_COMMIT_CACHE_BYTES }) } : {}),
      });
      this.scannerKey = key;
    }
    const scanner = this.scanner;

    const roots = new Set<string>();
    try {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (folder.uri.scheme !== 'file') continue;
        const root = await repositoryRoot(git, folder.uri.fsPath);
        if (root) roots.add(root);
      }
    } catch (error) {
      if (error instanceof GitMissingError) return this.gitMissing(git);
      throw error;
    }
    if (roots.size === 0) return this.setState({ kind: 'no-repository' }, new Map(), true);

    const results = new Map<string, ScanResult>();
    let changed = roots.size !== this.results.size;
    for (const root of roots) {
      try {
        const started = Date.now();
        const result = await scanner.scan(root);
        results.set(root, result);
        if (result.mode !== 'unchanged' || this.results.get(root) !== result) changed = true;
        if (result.mode !== 'unchanged') {
          this.output.info(
            `Commit links of ${root}: ${result.mode} read of ${result.scanned} commits in ${Date.now() - started} ms; ${result.links.size} commits mention IDs.`,
          );
        }
      } catch (error) {
        if (error instanceof GitMissingError) return this.gitMissing(git);
        this.output.warn(`Commit links of ${root} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const shallow = [...results.values()].some((r) => r.shallow);
    this.setState({ kind: 'ready', repositories: results.size, shallow }, results, changed);
  }

  private gitMissing(git: string): void {
    this.setState({ kind: 'git-missing', git }, new Map(), true);
    this.output.warn(`Git could not be run ("${git}"): commit links are off.`);
    if (!this.warnedMissing) {
      this.warnedMissing = true;
      void vscode.window.showWarningMessage(
        l10n.t(
          'ReqDesk could not run git ("{0}"): commits are not linked to requirements. Install git or set "git.path"; everything else keeps working.',
          git,
        ),
      );
    }
  }

  /**
   * Follows the git extension's repositories, so that a commit, checkout, pull or rebase made
   * anywhere (terminal included: the extension watches `.git`) reads the new commits.
   */
  private async connectGitExtension(): Promise<void> {
    if (this.gitApi) return;
    const api = await gitExtensionApi();
    if (!api) return;
    this.gitApi = api;
    const follow = (repo: GitRepository) => {
      this.repoKeys.set(repo, stateKey(repo));
      this.disposables.push(
        repo.state.onDidChange(() => {
          const key = stateKey(repo);
          // A status change, not a history change. Branches that move without HEAD are only
          // seen by reading (the API's ref list is asynchronous): with all branches, always read.
          const allBranches = vscode.workspace.getConfiguration('reqdesk.commits').get<boolean>('allBranches', false);
          if (key === this.repoKeys.get(repo) && !allBranches) return;
          this.repoKeys.set(repo, key);
          this.refreshSoon();
        }),
      );
    };
    api.repositories.forEach(follow);
    this.disposables.push(
      api.onDidOpenRepository((repo) => {
        follow(repo);
        this.refreshSoon();
      }),
      api.onDidCloseRepository((repo) => this.repoKeys.delete(repo)),
    );
  }

  dispose(): void {
    this.soon.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The checked-out branch and its commit: what moves when the HEAD history changes. */
function stateKey(repo: GitRepository): string {
  return `${repo.state.HEAD?.name ?? ''}\n${repo.state.HEAD?.commit ?? ''}`;
}
