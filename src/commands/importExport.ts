// Import of the seed's record table from CSV or an Excel workbook, and export of the record and
// response plan tables (CSV, .xlsx, Markdown):
// thin glue over core/recordTable. The import shows its plan (files to create, rows refused with
// their row numbers and reasons) before anything is written, creates every file in ONE
// WorkspaceEdit that never overwrites, and deletes what it created when that edit fails. Nothing is
// created outside the workspace or through a symbolic link (see src/workspace/writeChecks.ts).
import * as vscode from 'vscode';
import { argumentUri, exists } from './fileArguments';
import { tableToCsv, tableToMarkdown, type CsvEncodingOption } from '../core/csv';
import type { RequirementIndex } from '../core/index';
import { localizeLater } from '../core/l10n';
import type { Language } from '../core/messages';
import {
  exportCautions,
  importMessage,
  planImport,
  planLines,
  planTableOf,
  recordTableOf,
  rowLabel,
  usualFolder,
  type ExportEntry,
  type ImportPlan,
} from '../core/recordTable';
import { printable } from '../core/terminalText';
import { cellTooLong, EXCEL_CELL_LIMIT, looksLikeXlsx, readWorkbook, writeWorkbook } from '../files/workbook';
import { readUriBounded } from '../workspace/boundedRead';
import { localToday } from '../workspace/localToday';
import { isLinkOutside, refusedWrite } from '../workspace/writeChecks';
import { l10n, uiLanguage } from '../workspace/uiText';

export interface ImportCsvArgs {
  /** The CSV or .xlsx file: a URI string or a file-system path. */
  file?: string;
  encoding?: CsvEncodingOption;
  /** Workspace-relative folder of the new files; default: where most requirements live. */
  folder?: string;
  prefix?: string;
  /** true: no preview, write (when no row is refused, or skipInvalid); false: preview nothing, write nothing. */
  confirm?: boolean;
  skipInvalid?: boolean;
}

export interface ImportCsvResult {
  /** URI strings of the files created (empty when nothing was written). */
  created: string[];
  /** The files the plan would create (workspace-relative). */
  planned: string[];
  refused: Array<{ row: number; line: number; id?: string; reasons: string[] }>;
  errors: string[];
  notes: string[];
  written: boolean;
}

export interface ExportTablesArgs {
  table?: 'records' | 'plan';
  format?: 'csv' | 'xlsx' | 'md';
  /** Where to write: a URI string or a file-system path. */
  file?: string;
  language?: Language;
}

export interface ImportExportContext {
  index(): RequirementIndex;
  /** IDs other branches use: never allocated to a new row. */
  takenElsewhere(): Promise<readonly string[]>;
}

const encoder = new TextEncoder();

/**
 * Creates every file in one WorkspaceEdit that never overwrites. When the edit fails (a file
 * appeared meanwhile, a disk error), the files it did create — those that now hold exactly our
 * text — are deleted again, so a failed import leaves nothing behind.
 */
export async function createAllOrNothing(
  files: ReadonlyArray<{ uri: vscode.Uri; text: string }>,
): Promise<{ ok: boolean; error?: string }> {
  for (const f of files) {
    const refused = refusedWrite(f.uri, 'workspace');
    if (refused) return { ok: false, error: refused };
  }
  const before = new Set<string>();
  for (const f of files) if (await exists(f.uri)) before.add(f.uri.toString());
  const edit = new vscode.WorkspaceEdit();
  for (const f of files) edit.createFile(f.uri, { overwrite: false, ignoreIfExists: false, contents: encoder.encode(f.text) });
  let ok = false;
  let error: string | undefined;
  try {
    ok = before.size === 0 && (await vscode.workspace.applyEdit(edit));
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  if (ok) return { ok };
  const undo = new vscode.WorkspaceEdit();
  const ours: vscode.Uri[] = [];
  for (const f of files) {
    if (before.has(f.uri.toString()) || !(await exists(f.uri))) continue;
    const now = new TextDecoder().decode(await vscode.workspace.fs.readFile(f.uri));
    if (now === f.text) {
      undo.deleteFile(f.uri, { ignoreIfNotExists: true });
      ours.push(f.uri);
    }
  }
  // (WorkspaceEdit.size counts text edits only: the deletions are counted here.)
  if (ours.length > 0) await vscode.workspace.applyEdit(undo);
  return {
    ok: false,
    error:
      error ??
      (before.size
        ? l10n.t('{0} already exists.', vscode.workspace.asRelativePath([...before][0]!, false))
        : l10n.t('VS Code refused the edit.')),
  };
}

/** At most this many plan lines in the confirmation dialog. */
const PREVIEW_LINES = 25;

const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM)', gbk: 'GBK' } as const;

function previewDetail(plan: ImportPlan, lang: Language): string {
  const read = plan.encoding ? [l10n.t('Read as {0}.', ENCODING_NAMES[plan.encoding])] : [];
  // The notes name the file's header cells: one line of visible text each, as the plan lines are.
  const lines = [...read, ...plan.notes.map((n) => printable(importMessage(n, lang))), ...planLines(plan, lang)];
  const shown = lines.slice(0, PREVIEW_LINES);
  if (lines.length > shown.length) shown.push(l10n.t('… and {0} more', lines.length - shown.length));
  return shown.join('\n');
}

export async function importCsv(ctx: ImportExportContext, args: ImportCsvArgs = {}): Promise<ImportCsvResult | undefined> {
  const lang = uiLanguage();
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) {
    void vscode.window.showErrorMessage(l10n.t('Open a folder first: requirements live in the workspace.'));
    return undefined;
  }
  const source = args.file
    ? argumentUri(args.file)
    : (
        await vscode.window.showOpenDialog({
          title: l10n.t('Import Requirements from CSV'),
          canSelectMany: false,
          defaultUri: workspace.uri,
          filters: { [l10n.t('CSV and Excel files')]: ['csv', 'txt', 'xlsx'] },
          openLabel: l10n.t('Preview Import'),
        })
      )?.[0];
  if (!source) return undefined;
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  const interactive = args.confirm === undefined;

  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(source);
  } catch (e) {
    const message = l10n.t('Could not read {0}: {1}', name, e instanceof Error ? e.message : String(e));
    if (interactive) void vscode.window.showErrorMessage(message);
    return { created: [], planned: [], refused: [], errors: [message], notes: [], written: false };
  }

  const index = ctx.index();
  const relative = (file: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(file), false);
  // Also the IDs of files the index skipped (binary, too large): a new ID never collides with them.
  const taken = new Map<string, string>();
  for (const [id, file] of index.takenIds()) taken.set(id, relative(file));
  const folder = (args.folder ?? usualFolder(index.all().map((r) => relative(r.file))) ?? 'requirements')
    .replace(/\\/g, '/')
    .replace(/^\.\/|\/+$/g, '');
  if (/^\/|^[a-z]:/i.test(folder) || folder.split('/').includes('..')) {
    const message = l10n.t('The folder must be inside the workspace: {0}', folder);
    if (interactive) void vscode.window.showErrorMessage(message);
    return { created: [], planned: [], refused: [], errors: [message], notes: [], written: false };
  }
  // The target folder's files, read once: planning is synchronous (and the edit never overwrites anyway).
  const present = new Set<string>();
  try {
    for (const [entry] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(workspace.uri, folder)))
      present.add(`${folder}/${entry}`);
  } catch {
    // no folder yet: it is created with the files
  }
  // A workbook by its name or its bytes (a zip archive); its first sheet is read as a CSV's rows.
  const workbook = /\.xlsx$/i.test(name) || looksLikeXlsx(bytes) ? await readWorkbook(bytes) : undefined;
  const plan = planImport({
    ...(workbook
      ? { sheet: 'sheet' in workbook ? workbook.sheet : { rows: [], errors: [], delimiter: ',' } }
      : { bytes, ...(args.encoding ? { encoding: args.encoding } : {}) }),
    grammar: index.grammar,
    settings: index.settings,
    today: localToday(),
    lang,
    taken,
    // Numbers in other files' names are not handed out either (explicit IDs in rows may still use them).
    takenElsewhere: [...index.fileNameIds().keys(), ...(await ctx.takenElsewhere())],
    folder,
    exists: (file) => present.has(file),
    ...(args.prefix ? { prefix: args.prefix } : {}),
  });
  if (workbook && 'error' in workbook) plan.errors = [{ code: 'xlsx-unreadable', args: [workbook.error] }];
  // A folder that is (or is reached through) a link leading out of the workspace is refused now,
  // before any preview asks to confirm a write that could not happen.
  const refused = plan.create
    .map((c) => refusedWrite(vscode.Uri.joinPath(workspace.uri, c.file), 'workspace'))
    .find((r) => r !== undefined);
  const result: ImportCsvResult = {
    created: [],
    planned: plan.create.map((c) => c.file),
    refused: plan.refused.map((r) => ({
      row: r.row,
      line: r.line,
      ...(r.id ? { id: r.id } : {}),
      reasons: r.reasons.map((p) => importMessage(p, lang)),
    })),
    errors: refused ? [refused] : plan.errors.map((e) => importMessage(e, lang)),
    notes: plan.notes.map((n) => importMessage(n, lang)),
    written: false,
  };

  if (refused) {
    if (interactive) void vscode.window.showErrorMessage(l10n.t('{0} cannot be imported: {1}', name, refused), { modal: true });
    return result;
  }
  if (plan.errors.length) {
    if (interactive)
      void vscode.window.showErrorMessage(l10n.t('{0} cannot be imported: {1}', name, result.errors.join(' ')), { modal: true });
    return result;
  }
  let skipInvalid = args.skipInvalid === true;
  if (interactive) {
    const detail = previewDetail(plan, lang);
    if (plan.create.length === 0) {
      const why = plan.refused.length
        ? l10n.t('Nothing to import from {0}: every row is refused.', name)
        : l10n.t('{0} has no rows to import.', name);
      void vscode.window.showErrorMessage(why, { modal: true, detail });
      return result;
    }
    const importAll = l10n.t('Import');
    const importValid = l10n.t('Import {0} Valid Rows', plan.create.length);
    const choice = await vscode.window.showInformationMessage(
      plan.refused.length
        ? l10n.t('{0}: {1} requirement files to create in {2}, {3} rows refused.', name, plan.create.length, folder, plan.refused.length)
        : l10n.t('{0}: {1} requirement files to create in {2}.', name, plan.create.length, folder),
      { modal: true, detail },
      plan.refused.length ? importValid : importAll,
    );
    if (!choice) return result;
    skipInvalid = choice === importValid;
  } else if (!args.confirm) return result;
  if (plan.create.length === 0 || (plan.refused.length > 0 && !skipInvalid)) return result;

  const files = plan.create.map((c) => ({ uri: vscode.Uri.joinPath(workspace.uri, c.file), text: c.text }));
  const outcome = await createAllOrNothing(files);
  if (!outcome.ok) {
    const message = l10n.t('The import of {0} was rolled back, nothing was written: {1}', name, outcome.error ?? '');
    result.errors.push(message);
    void vscode.window.showErrorMessage(message);
    return result;
  }
  result.written = true;
  result.created = files.map((f) => f.uri.toString());
  const summary = plan.refused.length
    ? l10n.t(
        'Imported {0} requirements from {1}; {2} rows were refused ({3}).',
        files.length,
        name,
        plan.refused.length,
        plan.refused.map((r) => rowLabel(r.row, r.line, lang)).join(', '),
      )
    : l10n.t('Imported {0} requirements from {1}.', files.length, name);
  if (interactive) {
    const open = l10n.t('Open First');
    void vscode.window
      .showInformationMessage(summary, open)
      .then((c) => (c === open ? vscode.window.showTextDocument(files[0]!.uri) : undefined));
  } else void vscode.window.showInformationMessage(summary);
  return result;
}

/**
 * The text of each record: an open editor's (unsaved edits included), else the file's (within the
 * size limit). A record that is a link to a file outside the workspace is left out (`outside`):
 * its content is not the workspace's to copy into a table.
 */
async function entriesOf(index: RequirementIndex, withText: boolean): Promise<{ entries: ExportEntry[]; outside: string[] }> {
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const outside = index.all().filter((r) => isLinkOutside(vscode.Uri.parse(r.file)));
  const entries = await Promise.all(
    index
      .all()
      .filter((r) => !outside.includes(r))
      .map(async (record): Promise<ExportEntry> => {
        if (!withText) return { record };
        const doc = open.get(record.file);
        if (doc) return { record, text: doc.getText() };
        try {
          return {
            record,
            text: new TextDecoder().decode(await readUriBounded(vscode.Uri.parse(record.file), index.settings.maxFileBytes)),
          };
        } catch {
          return { record };
        }
      }),
  );
  return { entries, outside: outside.map((r) => vscode.workspace.asRelativePath(vscode.Uri.parse(r.file), false)).sort() };
}

export async function exportTables(ctx: ImportExportContext, args: ExportTablesArgs = {}): Promise<string | undefined> {
  const lang = args.language ?? uiLanguage();
  const workspace = vscode.workspace.workspaceFolders?.[0];
  const table =
    args.table ??
    (
      await vscode.window.showQuickPick(
        [
          {
            label: l10n.t('Record table'),
            detail: l10n.t('ID, customer / contact, industry / size, description, source, submitted, type, related orders'),
            value: 'records' as const,
          },
          {
            label: l10n.t('Response plan table'),
            detail: l10n.t('ID, strategy, measure, owner, dates, risks: one row per task'),
            value: 'plan' as const,
          },
        ],
        { title: l10n.t('Export Requirements (1/2): table') },
      )
    )?.value;
  if (!table) return undefined;
  const format =
    args.format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: l10n.t('CSV for Excel'), detail: l10n.t('UTF-8 with BOM: Excel shows the Chinese correctly'), value: 'csv' as const },
          { label: l10n.t('Excel workbook (.xlsx)'), detail: l10n.t('Text cells: nothing is run as a formula'), value: 'xlsx' as const },
          { label: l10n.t('Markdown table'), value: 'md' as const },
        ],
        { title: l10n.t('Export Requirements (2/2): format') },
      )
    )?.value;
  if (!format) return undefined;
  const defaultName = `${table === 'records' ? 'requirements' : 'response-plan'}.${format}`;
  const target = args.file
    ? argumentUri(args.file)
    : await vscode.window.showSaveDialog({
        title: l10n.t('Export Requirements'),
        ...(workspace ? { defaultUri: vscode.Uri.joinPath(workspace.uri, defaultName) } : {}),
        filters: format === 'csv' ? { CSV: ['csv'] } : format === 'xlsx' ? { Excel: ['xlsx'] } : { Markdown: ['md'] },
      });
  if (!target) return undefined;

  // Chosen by the user: anywhere outside the workspace, but never through a link.
  const refused = refusedWrite(target, 'user');
  if (refused) {
    void vscode.window.showErrorMessage(l10n.t('Could not write {0}.', vscode.workspace.asRelativePath(target, false)) + ` ${refused}`);
    return undefined;
  }
  const index = ctx.index();
  const { entries, outside } = await entriesOf(index, table === 'records');
  const data =
    table === 'records'
      ? recordTableOf(entries, lang)
      : planTableOf(entries, { workdays: index.settings.workdays, holidays: index.settings.holidays }, lang);
  const name = vscode.workspace.asRelativePath(target, false);
  const tooLong = format === 'xlsx' ? cellTooLong(data) : undefined;
  if (tooLong) {
    const why = l10n.t(
      'Row {0}, column "{1}" holds more than {2} characters, which Excel cannot keep: export as CSV.',
      tooLong.row,
      tooLong.column,
      EXCEL_CELL_LIMIT,
    );
    void vscode.window.showErrorMessage(`${l10n.t('Could not write {0}.', name)} ${why}`);
    return undefined;
  }
  const contents =
    format === 'xlsx'
      ? await writeWorkbook(data, lang, { note: table === 'records' })
      : encoder.encode(format === 'csv' ? tableToCsv(data) : tableToMarkdown(data));
  // The save dialog (or the caller) chose the file: replacing it is what was asked for.
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { overwrite: true, contents });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(l10n.t('Could not write {0}.', name));
    return undefined;
  }
  const done = outside.length
    ? l10n.t(
        'Exported {0} rows to {1}; left out {2}: symbolic links to files outside the workspace.',
        data.rows.length,
        name,
        outside.join(', '),
      )
    : l10n.t('Exported {0} rows to {1}.', data.rows.length, name);
  // One notification: what was written, and what in it needs a look (shared IDs, records with errors).
  const relative = (file: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(file), false);
  const cautions = exportCautions(entries, relative).map((c) => localizeLater(uiLanguage(), c));
  if (cautions.length) void vscode.window.showWarningMessage([done, ...cautions].join(' '));
  else void vscode.window.showInformationMessage(done);
  return target.toString();
}

export function registerImportExport(ctx: ImportExportContext): vscode.Disposable[] {
  const argsOf = <T>(value: unknown): T | undefined =>
    typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) ? (value as T) : undefined;
  return [
    // From the explorer's context menu the argument is the CSV file's URI.
    vscode.commands.registerCommand('reqdesk.importCsv', (arg?: unknown) =>
      importCsv(ctx, arg instanceof vscode.Uri ? { file: arg.toString() } : (argsOf<ImportCsvArgs>(arg) ?? {})),
    ),
    vscode.commands.registerCommand('reqdesk.exportTables', (arg?: unknown) => exportTables(ctx, argsOf<ExportTablesArgs>(arg) ?? {})),
  ];
}
