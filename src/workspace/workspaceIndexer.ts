// The workspace indexer: builds the current index from the workspace's files and keeps it in
// step with them — file events, folder deletions, unsaved editors (debounced) — and publishes the
// problems it finds.
import * as vscode from 'vscode';
import { DiagnosticsChannel, DiagnosticsPublisher } from '../diagnostics/diagnosticsPublisher';
import { compileIdGrammar } from '../core/ids';
import { localizeLater } from '../core/l10n';
import { RequirementIndex, type BuildStats } from '../core/index';
import { readSettings } from './settings';
import { localToday } from './localToday';
import { Slicer } from '../core/slices';
import { WorkspaceFileSource } from './workspaceFileSource';
import { StorageFile } from './storageFile';
import type { IndexHost } from './indexHost';
import { l10n, uiLanguage } from './uiText';
import { readWorkspaceTeamSchema } from './teamSchemaFile';
import { TeamSchemaDiagnostics } from '../diagnostics/teamSchemaDiagnostics';

/** Longest run of queued file events before the event loop gets a turn. */
const SLICE_MS = 20;
/** Typing pauses shorter than this do not re-validate. */
const TYPING_DEBOUNCE_MS = 200;

/**
 * Keeps the current index in step with the workspace: builds it (again when settings change),
 * follows file events and unsaved editors, and publishes its problems.
 */
export class WorkspaceIndexer implements vscode.Disposable {
  source!: WorkspaceFileSource;
  lastBuild: BuildStats | undefined;
  private publisher: DiagnosticsPublisher | undefined;
  /** The Problems panel's ReqDesk entries, kept across rebuilds (see DiagnosticsPublisher). */
  private readonly diagnostics = new DiagnosticsChannel('reqdesk');
  /** The team schema file's own problems, shown again at each build. */
  private readonly schemaDiagnostics = new TeamSchemaDiagnostics();
  private readonly perIndex: vscode.Disposable[] = [];
  /**
   * The file watchers, kept across rebuilds while the include patterns stay the same: each new
   * watcher makes the workbench's watcher service look at the workspace again, which keeps its
   * file search busy for seconds in a large workspace. Their handlers read the current index.
   */
  private watchers: { patterns: string; disposables: vscode.Disposable[] } | undefined;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private work: Promise<void> = Promise.resolve();
  /**
   * File events are applied one after another; local reads complete at once, so without a yield a
   * burst of thousands (a checkout, a folder copied in) would run as one chain of microtasks and
   * hold the extension host until the last one.
   */
  private readonly slicer = new Slicer(SLICE_MS);
  /** The warm-start cache being written after the last build. */
  private cacheWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    /** Holds every new index before it is built, so that views follow its events. */
    private readonly host: IndexHost,
  ) {}

  /** The current index. */
  get index(): RequirementIndex {
    return this.host.index();
  }

  /**
   * (Re)creates the index from the current settings and builds it with progress. `fromScratch`
   * reads every file again instead of trusting the warm-start cache: what a user who asks to
   * rebuild the index wants.
   */
  async rebuild({ fromScratch = false }: { fromScratch?: boolean } = {}): Promise<void> {
    // Read before the old index is let go: its watchers keep it current meanwhile.
    const schema = await readWorkspaceTeamSchema(this.output);
    this.schemaDiagnostics.show(schema.uri, schema.text, schema.problems, uiLanguage(), schema.ignored);
    this.disposeIndex();
    const { settings, warnings } = readSettings();
    const lang = uiLanguage();
    for (const w of warnings) {
      // The log stays English (it is what a bug report quotes); the notification is in the UI language.
      this.output.warn(localizeLater('en', w.text));
      void vscode.window.showWarningMessage(`ReqDesk: ${localizeLater(lang, w.text)}`);
    }
    const grammar = compileIdGrammar(settings.idPrefixes, settings.idFormat);
    const index = new RequirementIndex(settings, grammar, localToday, schema.rules);
    this.source = new WorkspaceFileSource(settings);
    const publisher = new DiagnosticsPublisher(index, this.diagnostics);
    this.publisher = publisher;
    this.perIndex.push(
      publisher,
      index.onDidChange((change) => void publisher.onChange(change)),
    );
    this.host.replace(index);
    this.watch();
    // The build's problems reach the Problems panel once its records are in the tree (showProblems):
    // a user looks at the tree first, and both are work on the same thread.
    this.showProblems();
    const shown = new Promise<void>((resolve) => (this.showProblems = resolve));
    publisher.waitFor(shown);

    const storage = this.context.storageUri;
    const cache = storage ? new StorageFile(vscode.Uri.joinPath(storage, 'index-cache.json')) : undefined;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: l10n.t('ReqDesk: indexing requirements') },
      async (progress) => {
        let reported = 0;
        this.lastBuild = await this.index.build(this.source, {
          ...(cache && !fromScratch ? { cache } : {}),
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
    // The warm-start cache is written after the index is usable and its problems are shown, in slices.
    if (cache)
      this.cacheWrite = this.index
        .saveCache(cache, { after: publisher.settled() })
        .catch((error: unknown) => this.output.warn(`Could not write the index cache: ${String(error)}`));
    const b = this.lastBuild;
    if (b)
      this.output.info(
        `Indexed ${b.files} requirement files in ${b.ms.toFixed(0)} ms (${b.parsed} parsed, ${b.fromCache} from cache, ${b.vanished} vanished).`,
      );
    // Open documents with unsaved text differ from disk: they are the truth. A saved one says what
    // the build just read, or holds the last text of a file deleted since (VS Code keeps a closed
    // editor's document for a while), which must not come back.
    for (const doc of vscode.workspace.textDocuments)
      if (doc.isDirty && this.source.matches(doc.uri)) this.index.updateText(doc.uri.toString(), doc.getText());
    void publisher.retainIndexed();
  }

  /**
   * Lets the last build's problems reach the Problems panel: called once its records are in the
   * tree, or when the build failed. settled() waits for them.
   */
  showProblems: () => void = () => undefined;

  private watch(): void {
    const patterns = JSON.stringify(this.index.settings.include);
    if (this.watchers?.patterns !== patterns) {
      for (const d of this.watchers?.disposables.splice(0) ?? []) d.dispose();
      this.watchers = { patterns, disposables: this.watchFiles() };
    }
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

  /** Watchers of the requirement files, and of folders that appear or go. */
  private watchFiles(): vscode.Disposable[] {
    const disposables: vscode.Disposable[] = [];
    const onFile = (uri: vscode.Uri) => {
      if (!this.source.matches(uri)) return;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty) return; // the editor's text wins until it is saved or closed
      this.enqueue(() => this.index.refresh(this.source, uri.toString()));
    };
    for (const pattern of this.index.settings.include) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      disposables.push(
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
    // the records below it go with it. A folder that appears at once (copied, moved, checked out)
    // may be reported alone too — the watcher can only watch inside it once it exists, so files
    // written meanwhile are missed — so the files below a new folder are read once.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    disposables.push(
      folders,
      folders.onDidCreate((uri) => {
        if (this.source.matches(uri)) return; // a requirement file: the patterns above have it
        this.enqueue(async () => {
          for (const file of await this.source.listBelow(uri)) {
            if (this.index.get(file)) continue; // already reported by its own event
            await this.index.refresh(this.source, file);
          }
        });
      }),
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
    return disposables;
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
    this.work = this.work
      .then(() => this.slicer.maybeYield())
      .then(task)
      .catch((error: unknown) => this.output.error(String(error)));
  }

  /** Publishes every file's problems again (today's rules change with the date). */
  republishAll(): void {
    void this.publisher?.republishAll();
  }

  /** Resolves once the last build's problems are in the Problems panel (and what was queued before them). */
  async problemsShown(): Promise<void> {
    await this.publisher?.settled();
  }

  /** Resolves once pending debounced edits, file events, diagnostics and the cache write are done. */
  async settled(): Promise<void> {
    while (this.timers.size > 0) await new Promise((r) => setTimeout(r, TYPING_DEBOUNCE_MS / 4));
    await this.work;
    await this.publisher?.settled();
    await this.cacheWrite;
  }

  private disposeIndex(): void {
    for (const d of this.perIndex.splice(0)) d.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  dispose(): void {
    this.disposeIndex();
    for (const d of this.watchers?.disposables.splice(0) ?? []) d.dispose();
    this.diagnostics.dispose();
    this.schemaDiagnostics.dispose();
  }
}
