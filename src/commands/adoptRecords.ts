// Adopt Existing Records…: a folder of a team's own Markdown records made ReqDesk's without a file
// of theirs rewritten. The draft team schema inferred from the folder (core/adoptSchema) is shown
// read-only in an editor; on accept `.reqdesk/schema.yaml` is created through one WorkspaceEdit
// (undoable) and the workspace settings point at the folder. The index rebuilds by itself: its
// watchers follow the schema file and the settings. Only files are read and written, no process
// runs: the command is the same in Restricted Mode.
import * as vscode from 'vscode';
import { inferAdoptDraft, settingsToWrite, type AdoptDraft, type AdoptFile } from '../core/adoptSchema';
import { TEAM_SCHEMA_FILE } from '../core/teamSchema';
import { readUriBounded } from '../workspace/boundedRead';
import { l10n } from '../workspace/uiText';
import { refusedWrite } from '../workspace/writeChecks';
import { argumentUri, exists } from './fileArguments';

export interface AdoptRecordsArgs {
  /** The folder of records: a URI string or a file-system path (the explorer passes a Uri). */
  folder?: string;
  /** true: no question, write; false: write nothing (the draft is returned). Absent: ask. */
  confirm?: boolean;
  /** With `confirm`: replace an existing schema file (the dialog asks instead). */
  replace?: boolean;
}

export interface AdoptRecordsResult {
  /** The folder, workspace-relative. */
  folder: string;
  schema: string;
  settings: Record<string, unknown>;
  records: string[];
  leftOut: string[];
  written: boolean;
  error?: string;
}

/** Markdown files read for the draft: far more than any folder of records. */
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;
const SKIPPED = '**/{node_modules,.git,.reqdesk,.vscode}/**';
/** The read-only documents the drafts are shown in. */
const DRAFT_SCHEME = 'reqdesk-draft';

export function registerAdoptRecords(): vscode.Disposable[] {
  const drafts = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = { provideTextDocumentContent: (uri) => drafts.get(uri.query) ?? '' };
  return [
    vscode.workspace.registerTextDocumentContentProvider(DRAFT_SCHEME, provider),
    vscode.commands.registerCommand('reqdesk.adoptRecords', (arg?: unknown) => {
      const args: AdoptRecordsArgs =
        arg instanceof vscode.Uri ? { folder: arg.toString() } : typeof arg === 'object' && arg !== null ? (arg as AdoptRecordsArgs) : {};
      return adoptRecords(args, drafts);
    }),
  ];
}

async function adoptRecords(args: AdoptRecordsArgs, drafts: Map<string, string>): Promise<AdoptRecordsResult | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  const interactive = args.confirm === undefined;
  if (!workspace) {
    void vscode.window.showErrorMessage(l10n.t('Open a folder first: requirements live in the workspace.'));
    return undefined;
  }
  const folderUri = args.folder ? argumentUri(args.folder) : await pickFolder(workspace);
  if (!folderUri) return undefined;
  const relative = relativeFolder(workspace, folderUri);
  const failed = (error: string): AdoptRecordsResult => {
    if (interactive) void vscode.window.showErrorMessage(error);
    return { folder: relative ?? folderUri.toString(), schema: '', settings: {}, records: [], leftOut: [], written: false, error };
  };
  if (relative === undefined) return failed(l10n.t('The folder must be inside the workspace: {0}', folderUri.fsPath));

  const draft = inferAdoptDraft(relative, await markdownFiles(folderUri));
  const shownFolder = relative || '.';
  if (draft.records.length === 0) return failed(l10n.t('No Markdown file with front-matter under {0}: nothing to adopt.', shownFolder));
  const config = vscode.workspace.getConfiguration();
  const settings = settingsToWrite(draft.settings, (key) => config.inspect(key)?.workspaceValue);
  const result: AdoptRecordsResult = {
    folder: relative,
    schema: draft.schema,
    settings,
    records: draft.records,
    leftOut: draft.leftOut.map((f) => f.path),
    written: false,
  };
  const schemaUri = vscode.Uri.joinPath(workspace.uri, ...TEAM_SCHEMA_FILE.split('/'));
  const refused = refusedWrite(schemaUri, 'workspace');
  if (refused) return { ...result, error: failed(refused).error! };
  const replace = await exists(schemaUri);

  if (interactive) {
    if (!(await confirmed(draft, settings, shownFolder, replace, drafts))) return result;
  } else if (!args.confirm) return result;
  else if (replace && !args.replace) return { ...result, error: l10n.t('{0} exists already: it is kept.', TEAM_SCHEMA_FILE) };

  const edit = new vscode.WorkspaceEdit();
  edit.createFile(schemaUri, { overwrite: replace, contents: new TextEncoder().encode(draft.schema) });
  if (!(await vscode.workspace.applyEdit(edit))) return { ...result, error: l10n.t('VS Code refused the edit.') };
  for (const [key, value] of Object.entries(settings)) await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  result.written = true;
  if (interactive) {
    void vscode.window.showInformationMessage(
      l10n.t('Wrote {0}; ReqDesk now reads the {1} records in {2}.', TEAM_SCHEMA_FILE, draft.records.length, shownFolder),
    );
  }
  return result;
}

/** The draft in a read-only editor, then the question; the preview is closed whatever the answer. */
async function confirmed(
  draft: AdoptDraft,
  settings: Record<string, unknown>,
  folder: string,
  replace: boolean,
  drafts: Map<string, string>,
): Promise<boolean> {
  const key = String(drafts.size + 1);
  drafts.set(key, draft.schema);
  const uri = vscode.Uri.from({ scheme: DRAFT_SCHEME, path: `/${TEAM_SCHEMA_FILE}`, query: key });
  try {
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'yaml');
    await vscode.window.showTextDocument(doc, { preview: true });
    const write = l10n.t('Write Schema and Include {0}', folder);
    const detail = [
      l10n.t('{0} records, {1} other files left out.', draft.records.length, draft.leftOut.length),
      ...(replace ? [l10n.t('{0} exists already: it is replaced.', TEAM_SCHEMA_FILE)] : []),
      l10n.t('Workspace settings:'),
      ...Object.entries(settings).map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    ].join('\n');
    const choice = await vscode.window.showInformationMessage(
      l10n.t('Adopt the records in {0} with the draft schema shown?', folder),
      { modal: true, detail },
      write,
    );
    return choice === write;
  } finally {
    drafts.delete(key);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const ours = tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    if (ours.length) await vscode.window.tabGroups.close(ours);
  }
}

function relativeFolder(workspace: vscode.WorkspaceFolder, folder: vscode.Uri): string | undefined {
  const base = workspace.uri.path.replace(/\/+$/, '');
  const path = folder.path.replace(/\/+$/, '');
  if (folder.scheme !== workspace.uri.scheme || folder.authority !== workspace.uri.authority) return undefined;
  if (path === base) return '';
  return path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined;
}

/** The folder's Markdown files, workspace-relative with their text (files too large to be records are skipped). */
async function markdownFiles(folder: vscode.Uri): Promise<AdoptFile[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.md'), SKIPPED, MAX_FILES);
  const files: AdoptFile[] = [];
  for (const uri of uris) {
    try {
      const text = new TextDecoder().decode(await readUriBounded(uri, MAX_FILE_BYTES));
      files.push({ path: vscode.workspace.asRelativePath(uri, false), text });
    } catch {
      // unreadable or too large: not a record to learn from
    }
  }
  return files;
}

/** The folders holding Markdown files with front-matter, most first; or one picked in a dialog. */
async function pickFolder(workspace: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const counts = new Map<string, number>();
  for (const file of await markdownFiles(workspace.uri)) {
    if (!/^\uFEFF?---\r?\n/.test(file.text)) continue;
    const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  type Item = vscode.QuickPickItem & { folder?: string };
  const browse: Item = { label: `$(folder-opened) ${l10n.t('Browse…')}` };
  const items: Item[] = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([folder, n]) => ({ label: folder || '.', description: l10n.t('{0} Markdown files with front-matter', n), folder }));
  const picked = await vscode.window.showQuickPick<Item>([...items, browse], {
    title: l10n.t('Adopt Existing Records'),
    placeHolder: l10n.t('The folder that holds the records'),
  });
  if (!picked) return undefined;
  if (picked.folder !== undefined) return picked.folder ? vscode.Uri.joinPath(workspace.uri, ...picked.folder.split('/')) : workspace.uri;
  const chosen = await vscode.window.showOpenDialog({
    title: l10n.t('Adopt Existing Records'),
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: workspace.uri,
    openLabel: l10n.t('Adopt This Folder'),
  });
  return chosen?.[0];
}
