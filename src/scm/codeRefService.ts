// Requirement IDs in the workspace's code and tests, for the tree's *Implemented in* and *Tested by*
// and the ID hover. The search is the CLI's (src/files/codeScanner): VS Code's own ripgrep (the
// proposed findTextInFiles API is not open to extensions), git's file list, and a node read of the
// files it names; a saved file is read again on its own. git and ripgrep are processes run on the
// workspace's files: only in a trusted workspace, as commit links.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeFileRules, codeRefsIn, type CodeFileRules, type CodeRef } from '../core/codeRefs';
import type { IdGrammar } from '../core/ids';
import type { Settings } from '../core/settings';
import { scanCodeRefs } from '../files/codeScanner';
import { isIgnored } from '../git/workTreeFiles';

/** A mention with the document it is in. */
export interface LocatedRef {
  ref: CodeRef;
  uri: vscode.Uri;
}

export type CodeRefState = 'untrusted' | 'scanning' | 'ready';

interface Folder {
  root: vscode.Uri;
  rules: CodeFileRules;
  /** Root-relative path → its mentions. */
  byFile: Map<string, CodeRef[]>;
}

/** The ripgrep VS Code ships: under its app root, unpacked from the asar archive on desktop builds. */
export function bundledRipgrep(appRoot: string): string | undefined {
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) {
    const candidate = path.join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export class CodeRefService implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** The mentions changed (a scan finished, a file was saved or deleted). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private folders: Folder[] = [];
  private byId: Map<string, LocatedRef[]> | undefined;
  private grammar: IdGrammar | undefined;
  private settings: Settings | undefined;
  private stateNow: CodeRefState = 'scanning';
  private pending: Promise<void> = Promise.resolve();
  private generation = 0;
  /** The IDs of one requirement: its own and those merged into it (set by the engine). */
  idsOfRequirement: (id: string) => string[] = (id) => [id];
  /**
   * What a search waits for before it starts (set by the engine: the index build under way). The
   * tree and the Problems panel come first; a search of every file of the workspace would
   * otherwise share the machine with them while a user waits for the first view.
   */
  waitFor: () => Promise<unknown> = () => Promise.resolve();

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly gitPath: () => string,
  ) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidSaveTextDocument((doc) => this.fileSaved(doc)),
      vscode.workspace.onDidDeleteFiles((e) => this.filesDeleted(e.files)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  get state(): CodeRefState {
    return this.stateNow;
  }

  get ready(): boolean {
    return this.stateNow === 'ready';
  }

  /** A new grammar or new settings (every index build hands them here): everything is searched again. */
  configure(grammar: IdGrammar, settings: Settings): void {
    this.grammar = grammar;
    this.settings = settings;
    this.refresh();
  }

  /** Searches every workspace folder again. */
  refresh(): void {
    const generation = ++this.generation;
    this.pending = this.pending.catch(() => undefined).then(() => this.scanAll(generation));
  }

  /** Resolves when the searches asked for so far are done. */
  async settled(): Promise<void> {
    await this.pending.catch(() => undefined);
  }

  /** The mentions of a requirement (its own ID and those merged into it), code and tests apart. */
  refsOf(id: string): { code: LocatedRef[]; tests: LocatedRef[] } {
    const all = this.idsOfRequirement(id).flatMap((i) => this.index().get(i) ?? []);
    return { code: all.filter((r) => r.ref.kind === 'code'), tests: all.filter((r) => r.ref.kind === 'test') };
  }

  /** How many mentions in code and in tests, without building their lists; undefined while not ready. */
  countsOf(id: string): { code: number; tests: number } | undefined {
    if (!this.ready) return undefined;
    let code = 0;
    let tests = 0;
    for (const i of this.idsOfRequirement(id))
      for (const r of this.index().get(i) ?? []) {
        if (r.ref.kind === 'test') tests++;
        else code++;
      }
    return { code, tests };
  }

  private index(): Map<string, LocatedRef[]> {
    if (this.byId) return this.byId;
    const byId = new Map<string, LocatedRef[]>();
    for (const folder of this.folders)
      for (const [file, refs] of [...folder.byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        for (const ref of refs) {
          let list = byId.get(ref.id);
          if (!list) byId.set(ref.id, (list = []));
          list.push({ ref, uri: vscode.Uri.joinPath(folder.root, ...file.split('/')) });
        }
    this.byId = byId;
    return byId;
  }

  private changed(): void {
    this.byId = undefined;
    this.changeEmitter.fire();
  }

  private async scanAll(generation: number): Promise<void> {
    await this.waitFor().catch(() => undefined);
    // A newer request (settings changed meanwhile) searches instead.
    if (generation !== this.generation) return;
    const grammar = this.grammar;
    const settings = this.settings;
    if (!grammar || !settings) return;
    // git and ripgrep read the repository's configuration and files: nothing runs until trusted.
    if (!vscode.workspace.isTrusted) {
      this.stateNow = 'untrusted';
      this.folders = [];
      this.changed();
      return;
    }
    this.stateNow = 'scanning';
    const rules = codeFileRules({ include: settings.include, exclude: settings.exclude, testFiles: settings.testFiles });
    const ripgrep = bundledRipgrep(vscode.env.appRoot);
    const folders: Folder[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const started = performance.now();
      try {
        const scan = await scanCodeRefs({
          root: folder.uri.fsPath,
          grammar,
          rules,
          git: this.gitPath(),
          ...(ripgrep ? { ripgrep } : {}),
          excludeGlobs: settings.exclude,
        });
        const byFile = new Map<string, CodeRef[]>();
        for (const ref of scan.refs) {
          let list = byFile.get(ref.file);
          if (!list) byFile.set(ref.file, (list = []));
          list.push(ref);
        }
        folders.push({ root: folder.uri, rules, byFile });
        this.output.info(
          `Code references in ${folder.name}: ${scan.refs.length} in ${byFile.size} files (${scan.search}, ${scan.listing}) in ${Math.round(performance.now() - started)} ms` +
            (scan.ripgrepFailure ? `; ripgrep could not search (${scan.ripgrepFailure})` : ''),
        );
      } catch (error) {
        this.output.warn(
          `Code references in ${folder.name} could not be searched: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    // A newer request (settings changed meanwhile) replaces this result.
    if (generation !== this.generation) return;
    this.folders = folders;
    this.stateNow = 'ready';
    this.changed();
  }

  /** The folder of a document and its path in it, when the document is a file of one. */
  private place(uri: vscode.Uri): { folder: Folder; file: string } | undefined {
    if (uri.scheme !== 'file') return undefined;
    for (const folder of this.folders) {
      const rel = path.relative(folder.root.fsPath, uri.fsPath);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { folder, file: rel.split(path.sep).join('/') };
    }
    return undefined;
  }

  /**
   * Incremental: a saved file's mentions replace what the last search found in it. A file the
   * search did not know (new, or without mentions until now) counts only when git does not ignore it.
   */
  private fileSaved(doc: vscode.TextDocument): void {
    const grammar = this.grammar;
    if (!this.ready || !grammar) return;
    const at = this.place(doc.uri);
    if (!at) return;
    const kind = at.folder.rules.kindOf(at.file);
    if (!kind) return;
    const refs = codeRefsIn(grammar, at.file, doc.getText(), kind);
    const known = at.folder.byFile.has(at.file);
    if (!known && refs.length === 0) return;
    this.pending = this.pending
      .catch(() => undefined)
      .then(async () => {
        if (!known && (await isIgnored(this.gitPath(), at.folder.root.fsPath, at.file).catch(() => false))) return;
        if (refs.length === 0) at.folder.byFile.delete(at.file);
        else at.folder.byFile.set(at.file, refs);
        this.changed();
      });
  }

  private filesDeleted(uris: readonly vscode.Uri[]): void {
    let any = false;
    for (const uri of uris)
      for (const folder of this.folders) {
        const prefix = path.relative(folder.root.fsPath, uri.fsPath).split(path.sep).join('/');
        if (prefix.startsWith('..')) continue;
        // A deleted folder takes every file below it.
        for (const file of [...folder.byFile.keys()])
          if (file === prefix || file.startsWith(`${prefix}/`)) any = folder.byFile.delete(file) || any;
      }
    if (any) this.changed();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
