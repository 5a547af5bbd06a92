// The engine: everything heavy (schema, parsers, the index) and the glue that keeps the index in
// step with the workspace. Loaded by extension.ts after activation.
import * as vscode from 'vscode';
import { DiagnosticsPublisher } from './diagnostics/diagnosticsPublisher';
import { compileIdGrammar } from './core/ids';
import { normalizeLanguage } from './core/messages';
import { RequirementIndex, type BuildStats, type IndexCacheStore } from './core/index';
import { readSettings, affectsReqDesk } from './workspace/settings';
import { WorkspaceFileSource } from './workspace/workspaceFileSource';
import { RequirementsTree, VIEW_ID } from './tree/requirementsTree';
import { TreeCommands } from './tree/treeCommands';
import type { TreeNode } from './tree/nodes';
import { newRequirement, type NewRequirementArgs } from './commands/newRequirement';
import { registerImportExport } from './commands/importExport';
import { registerLanguageFeatures } from './language/registerLanguageFeatures';
import { MATRIX_VIEW_TYPE, MatrixPanel } from './webviews/matrixPanel';
import { TIMELINE_VIEW_TYPE, TimelinePanel } from './webviews/timelinePanel';
import { RequirementNode, TaskNode } from './tree/nodes';
import { CommitService, type CommitLinkState } from './commits/commitService';
import { registerShowCommit } from './commits/showCommit';
import { BranchIdService } from './commits/branchIdService';
import { registerReports } from './commands/reportCommands';
import { registerRespond, type RespondApi } from './commands/registerRespond';

/** What tests (and later features) reach through the extension's exports. */
export interface EngineApi {
  readonly index: RequirementIndex;
  readonly matrix: MatrixPanel;
  readonly timeline: TimelinePanel;
  readonly tree: RequirementsTree;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly commits: CommitService;
  readonly branches: BranchIdService;
  /** Response and feedback commands, the daily late-task reminder. */
  readonly respond: RespondApi;
  /** Resolves when queued re-validations and diagnostics have been applied. */
  settled(): Promise<void>;
  readonly lastBuild: BuildStats | undefined;
}

export interface Engine {
  readonly api: EngineApi;
  readonly firstBuild: Promise<void>;
  rebuild(): Promise<void>;
}

/** Typing pauses shorter than this do not re-validate. */
const TYPING_DEBOUNCE_MS = 200;

class StorageCache implements IndexCacheStore {
  constructor(private readonly uri: vscode.Uri) {}

  async load(): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri));
    } catch {
      return undefined;
    }
  }

  async save(data: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
    await vscode.workspace.fs.writeFile(this.uri, new TextEncoder().encode(data));
  }
}

class WorkspaceIndexer implements vscode.Disposable {
  index!: RequirementIndex;
  source!: WorkspaceFileSource;
  lastBuild: BuildStats | undefined;
  private publisher: DiagnosticsPublisher | undefined;
  private readonly perIndex: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    /** Told of every new index before it is built, so that views follow its events. */
    private readonly onNewIndex: (index: RequirementIndex) => void,
  ) {}

  /** (Re)creates the index from the current settings and builds it with progress. */
  async rebuild(): Promise<void> {
    this.disposeIndex();
    const { settings, warnings } = readSettings();
    const zh = normalizeLanguage(vscode.env.language) === 'zh-cn';
    for (const w of warnings) {
      this.output.warn(w.message);
      void vscode.window.showWarningMessage(`ReqDesk: ${zh ? w.messageZh : w.message}`);
    }
    const grammar = compileIdGrammar(settings.idPrefixes, settings.idFormat);
    this.index = new RequirementIndex(settings, grammar);
    this.source = new WorkspaceFileSource(settings);
    const publisher = new DiagnosticsPublisher(this.index);
    this.publisher = publisher;
    this.perIndex.push(publisher, this.index.onDidChange((change) => void publisher.onChange(change)));
    this.onNewIndex(this.index);
    this.watch();

    const storage = this.context.storageUri;
    const cache = storage ? new StorageCache(vscode.Uri.joinPath(storage, 'index-cache.json')) : undefined;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('ReqDesk: indexing requirements') },
      async (progress) => {
        let reported = 0;
        this.lastBuild = await this.index.build(this.source, {
          ...(cache ? { cache } : {}),
          onProgress: (done, total) => {
            const percent = Math.floor((done / Math.max(1, total)) * 100);
            if (percent > reported) {
              progress.report({ increment: percent - reported, message: `${done}/${total}` });
              reported = percent;
            }
          },
        });
      },
    );
    // The warm-start cache is written after the index is usable, in slices.
    if (cache) void this.index.saveCache(cache).catch((error: unknown) => this.output.warn(`Could not write the index cache: ${String(error)}`));
    const b = this.lastBuild;
    if (b) this.output.info(`Indexed ${b.files} requirement files in ${b.ms.toFixed(0)} ms (${b.parsed} parsed, ${b.fromCache} from cache, ${b.vanished} vanished).`);
    // Open documents with unsaved text differ from disk: they are the truth. A saved one says what
    // the build just read, or holds the last text of a file deleted since (VS Code keeps a closed
    // editor's document for a while), which must not come back.
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && this.source.matches(doc.uri)) this.index.updateText(doc.uri.toString(), doc.getText());
    await publisher.settled();
  }

  private watch(): void {
    const onFile = (uri: vscode.Uri) => {
      if (!this.source.matches(uri)) return;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty) return; // the editor's text wins until it is saved or closed
      this.enqueue(() => this.index.refresh(this.source, uri.toString()));
    };
    for (const pattern of this.index.settings.include) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      this.perIndex.push(
        watcher,
        watcher.onDidCreate(onFile),
        watcher.onDidChange(onFile),
        watcher.onDidDelete((uri) => {
          this.cancelRevalidation(uri.toString());
          this.enqueue(async () => this.index.remove(uri.toString()));
        }),
      );
    }
    // A deleted folder is one event for the folder, which the file patterns above do not match:
    // the records below it go with it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.perIndex.push(
      folders,
      folders.onDidDelete((uri) => {
        const prefix = `${uri.toString()}/`;
        this.enqueue(async () => {
          for (const record of this.index.all()) {
            if (!record.file.startsWith(prefix)) continue;
            this.cancelRevalidation(record.file);
            this.index.remove(record.file);
          }
        });
      }),
    );
    this.perIndex.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.source.matches(e.document.uri)) this.revalidateSoon(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (this.source.matches(doc.uri)) this.index.updateText(doc.uri.toString(), doc.getText());
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Unsaved edits are gone with the editor: the file on disk is the truth again.
        if (this.source.matches(doc.uri)) this.enqueue(() => this.index.refresh(this.source, doc.uri.toString()));
      }),
    );
  }

  private revalidateSoon(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.index.updateText(key, doc.getText());
      }, TYPING_DEBOUNCE_MS),
    );
  }

  /**
   * A deleted file's pending re-validation would put its last text back into the index (the
   * editor's document outlives the file for a moment): it is dropped with the file.
   */
  private cancelRevalidation(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => this.output.error(String(error)));
  }

  /** Publishes every file's problems again (today's rules change with the date). */
  republishAll(): void {
    void this.publisher?.republishAll();
  }

  /** Resolves once pending debounced edits, file events and diagnostics are done. */
  async settled(): Promise<void> {
    while (this.timers.size > 0) await new Promise((r) => setTimeout(r, TYPING_DEBOUNCE_MS / 4));
    await this.work;
    await this.publisher?.settled();
  }

  private disposeIndex(): void {
    for (const d of this.perIndex.splice(0)) d.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  dispose(): void {
    this.disposeIndex();
  }
}

/**
 * A webview panel's command — from the tree (the requirement to highlight), the palette, a
 * CodeLens or arguments `{ file }` — and its serializer, so that a panel left open is restored
 * after a window reload.
 */
function registerPanel(panel: { reveal(file?: string): void; attach(p: vscode.WebviewPanel): void } & vscode.Disposable, command: string, viewType: string): vscode.Disposable[] {
  return [
    panel,
    vscode.commands.registerCommand(command, (target?: unknown) => {
      const node = target instanceof TaskNode ? target.parent : target;
      const file = node instanceof RequirementNode ? node.summary.file : (target as { file?: string } | undefined)?.file;
      panel.reveal(typeof file === 'string' ? file : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(viewType, { deserializeWebviewPanel: async (p) => panel.attach(p) }),
  ];
}

/** What the Requirements view says above the tree when commits cannot be linked. */
function commitStateMessage(state: CommitLinkState): string | undefined {
  switch (state.kind) {
    case 'untrusted':
      return vscode.l10n.t('Restricted Mode: commits are not linked, because ReqDesk runs no git in an untrusted workspace.');
    case 'git-missing':
      return vscode.l10n.t('Git could not be run ("{0}"): commits are not linked.', state.git);
    case 'ready':
      return state.shallow ? vscode.l10n.t('Shallow clone: commits older than its history are not linked.') : undefined;
    default:
      return undefined;
  }
}

export function startEngine(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Engine {
  let commands: TreeCommands | undefined;
  const tree = new RequirementsTree((nodes, priority) => commands!.writePriority(nodes.map((n) => n.summary), priority).then(() => undefined));
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, dragAndDropController: tree, canSelectMany: true, showCollapseAll: true });
  tree.attach(treeView);
  const matrix = new MatrixPanel(context.extensionUri, output);
  const timeline = new TimelinePanel(context.extensionUri, output);
  const commitLinks = new CommitService(context, output);
  tree.setCommits(commitLinks);
  const showCommitState = () => (treeView.message = commitStateMessage(commitLinks.current));
  const indexListeners: Array<(index: RequirementIndex) => void> = [
    (index) => tree.setIndex(index),
    (index) => matrix.setIndex(index),
    (index) => timeline.setIndex(index),
    (index) => {
      commitLinks.threshold = index.settings.priorityThreshold;
      commitLinks.setGrammar(index.grammar);
    },
  ];
  const indexer = new WorkspaceIndexer(context, output, (index) => indexListeners.forEach((listen) => listen(index)));
  const branchIds = new BranchIdService(() => indexer.index as RequirementIndex | undefined, commitLinks, output);
  commands = new TreeCommands({ index: () => indexer.index, tree, view: treeView });
  context.subscriptions.push(
    tree,
    treeView,
    indexer,
    commitLinks,
    branchIds,
    commitLinks.onDidChange(showCommitState),
    ...registerShowCommit(commitLinks),
    vscode.commands.registerCommand('reqdesk.refreshCommits', () => commitLinks.refresh()),
    ...commands.register(),
    vscode.commands.registerCommand('reqdesk.newRequirement', (args?: NewRequirementArgs) => newRequirement(indexer.index, args, () => branchIds.fresh())),
    ...registerImportExport({ index: () => indexer.index, takenElsewhere: () => branchIds.fresh() }),
    ...registerPanel(matrix, 'reqdesk.showMatrix', MATRIX_VIEW_TYPE),
    ...registerPanel(timeline, 'reqdesk.showTimeline', TIMELINE_VIEW_TYPE),
    ...registerLanguageFeatures({
      index: () => indexer.index,
      isRequirement: (uri) => indexer.source?.matches(uri) ?? false,
      onNewIndex: (listen) => indexListeners.push(listen),
      commits: commitLinks,
      branches: branchIds,
    }),
    ...registerReports({ extensionUri: context.extensionUri, output, index: () => indexer.index, commits: commitLinks, onNewIndex: (listen) => indexListeners.push(listen) }),
  );
  let building = indexer.rebuild();
  const respond = registerRespond({
    context,
    index: () => indexer.index as RequirementIndex | undefined,
    triage: commands,
    firstBuild: building,
    onNewDay: () => {
      tree.checkDay();
      indexer.republishAll();
    },
  });
  context.subscriptions.push(...respond.disposables);
  const rebuild = () => (building = building.catch(() => undefined).then(() => indexer.rebuild()));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsReqDesk(e)) void rebuild();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void rebuild()),
  );
  const api: EngineApi = {
    tree,
    matrix,
    timeline,
    treeView,
    commits: commitLinks,
    branches: branchIds,
    respond: respond.api,
    get index() {
      return indexer.index;
    },
    get lastBuild() {
      return indexer.lastBuild;
    },
    settled: async () => {
      await building;
      await indexer.settled();
      await tree.settled();
      await commitLinks.settled();
      await branchIds.settled();
    },
  };
  return { api, firstBuild: building, rebuild };
}
