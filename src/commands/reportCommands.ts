// Show Report… and Save Report as Markdown…: pick the report and the period (or take them from
// arguments `{ kind, from, to }` or `{ kind: 'weekly', week }`, so scripts, keybindings and tests
// skip the prompts), preview it with charts, and save it as a new Markdown file — never over an
// existing one unless asked.
import * as vscode from 'vscode';
import { argumentUri, exists } from './fileArguments';
import type { CommitService } from '../scm/commitService';
import type { IndexHost } from '../workspace/indexHost';
import { reportTitle } from '../core/reports/document';
import { REPORT_KINDS, type ReportKind } from '../core/reports/figures';
import { reportMarkdown } from '../core/reports/markdown';
import { checkRange, presetRange, RANGE_PRESETS, type RangePreset, type ReportRange } from '../core/reports/range';
import { exactWeek, parseIsoWeek, presetWeek, weekFromText, weekLabel, weekRange, type WeekPreset } from '../core/reports/isoWeek';
import { isValidIsoDate } from '../core/schedule';
import { reportStateSchema } from '../protocol/report';
import { defaultPeriod, REPORT_VIEW_TYPE, ReportPanel, ReportService } from '../webviews/reportPanel';
import { uiLanguage } from '../workspace/uiText';
import { localToday } from '../workspace/localToday';
import { refusedWrite } from '../workspace/writeChecks';
import { l10n } from '../workspace/uiText';

export interface ShowReportArgs {
  kind?: string;
  from?: string;
  to?: string;
  /** The weekly report's week: this, last, next or YYYY-Www (instead of from and to). */
  week?: string;
}

export interface SaveReportArgs extends ShowReportArgs {
  /** Where to write (a URI string or an absolute path); without it a save dialog asks. */
  file?: string;
  /** Replace an existing file (the save dialog has asked already). */
  overwrite?: boolean;
}

function presetLabel(preset: RangePreset): string {
  switch (preset) {
    case 'this-quarter':
      return l10n.t('This quarter');
    case 'last-quarter':
      return l10n.t('Last quarter');
    case 'this-year':
      return l10n.t('This year');
    case 'last-year':
      return l10n.t('Last year');
  }
}

async function pickKind(): Promise<ReportKind | undefined> {
  const lang = uiLanguage();
  const picked = await vscode.window.showQuickPick(
    REPORT_KINDS.map((kind) => ({
      label: reportTitle(kind, lang),
      description: lang === 'en' ? reportTitle(kind, 'zh-cn') : reportTitle(kind, 'en'),
      report: kind,
    })),
    { title: l10n.t('Show Report'), placeHolder: l10n.t('Which report?') },
  );
  return picked?.report;
}

const dateCheck = (value: string) => (isValidIsoDate(value.trim()) ? undefined : l10n.t('A date as YYYY-MM-DD'));

function weekPresetLabel(preset: WeekPreset): string {
  switch (preset) {
    case 'this':
      return l10n.t('This week');
    case 'last':
      return l10n.t('Last week');
    case 'next':
      return l10n.t('Next week');
  }
}

/** The weekly report's period: this, last or next week, a week typed as YYYY-Www, or two dates. */
async function pickWeek(current?: ReportRange): Promise<ReportRange | undefined> {
  const today = localToday();
  const items: Array<vscode.QuickPickItem & { range?: ReportRange; another?: boolean }> = (['this', 'last', 'next'] as const).map(
    (preset) => {
      const range = presetWeek(preset, today);
      return { label: weekPresetLabel(preset), description: `${weekLabel(exactWeek(range)!)} · ${range.from} – ${range.to}`, range };
    },
  );
  items.push({ label: l10n.t('Another week…'), another: true }, { label: l10n.t('Custom period…') });
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Report period'), placeHolder: l10n.t('Which week?') });
  if (!picked) return undefined;
  if (picked.range) return picked.range;
  if (!picked.another) return typedRange(current ?? presetWeek('this', today));
  const shown = current && exactWeek(current);
  const typed = await vscode.window.showInputBox({
    title: l10n.t('Report period'),
    prompt: l10n.t('Week (YYYY-Www, e.g. 2026-W49)'),
    value: weekLabel(shown ?? exactWeek(presetWeek('this', today))!),
    validateInput: (value) => (parseIsoWeek(value) ? undefined : l10n.t('A week as YYYY-Www, e.g. 2026-W49')),
  });
  const week = typed === undefined ? undefined : parseIsoWeek(typed);
  return week ? weekRange(week) : undefined;
}

/** This quarter, last quarter, this year, last year, or two dates typed in; for the weekly report, a week. */
export async function pickRange(current?: ReportRange, kind?: ReportKind): Promise<ReportRange | undefined> {
  if (kind === 'weekly') return pickWeek(current);
  const today = localToday();
  const items: Array<vscode.QuickPickItem & { range?: ReportRange }> = RANGE_PRESETS.map((preset) => {
    const range = presetRange(preset, today);
    return { label: presetLabel(preset), description: `${range.from} – ${range.to}`, range };
  });
  items.push({ label: l10n.t('Custom period…') });
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Report period'), placeHolder: l10n.t('Which period?') });
  if (!picked) return undefined;
  if (picked.range) return picked.range;
  return typedRange(current ?? presetRange('this-quarter', today));
}

/** Two dates typed in, starting from `start`. */
async function typedRange(start: ReportRange): Promise<ReportRange | undefined> {
  const from = await vscode.window.showInputBox({
    title: l10n.t('Report period'),
    prompt: l10n.t('First day (YYYY-MM-DD)'),
    value: start.from,
    validateInput: dateCheck,
  });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title: l10n.t('Report period'),
    prompt: l10n.t('Last day (YYYY-MM-DD)'),
    value: start.to,
    validateInput: (value) =>
      dateCheck(value) ??
      (value.trim() < from.trim() ? l10n.t('The last day must not be before the first ({0}).', from.trim()) : undefined),
  });
  if (to === undefined) return undefined;
  return { from: from.trim(), to: to.trim() };
}

/** The kind and period from arguments; undefined (with a message) when they are wrong. */
function fromArgs(args: ShowReportArgs): { kind?: ReportKind; range?: ReportRange } | undefined {
  const out: { kind?: ReportKind; range?: ReportRange } = {};
  if (args.kind !== undefined) {
    if (!REPORT_KINDS.includes(args.kind as ReportKind)) {
      void vscode.window.showErrorMessage(
        l10n.t('Unknown report "{0}": use implementation, process, satisfaction or weekly.', String(args.kind)),
      );
      return undefined;
    }
    out.kind = args.kind as ReportKind;
  }
  if (args.week !== undefined) {
    const week = weekFromText(String(args.week), localToday());
    if (!week || args.from !== undefined || args.to !== undefined) {
      void vscode.window.showErrorMessage(
        l10n.t('Invalid week "{0}": give this, last, next or a week as YYYY-Www, and no from or to.', String(args.week)),
      );
      return undefined;
    }
    out.range = week;
  } else if (args.from !== undefined || args.to !== undefined) {
    const preset = defaultPeriod(out.kind ?? 'implementation', localToday());
    const range = { from: String(args.from ?? preset.from), to: String(args.to ?? preset.to) };
    if (checkRange(range)) {
      void vscode.window.showErrorMessage(
        l10n.t('Invalid report period {0} – {1}: give two dates as YYYY-MM-DD, the first not after the last.', range.from, range.to),
      );
      return undefined;
    }
    out.range = range;
  }
  return out;
}

/**
 * Writes a new file: inside the workspace through a WorkspaceEdit (undoable, seen by editors),
 * elsewhere through the file system. An existing file is replaced only with `overwrite`.
 */
async function writeNewFile(uri: vscode.Uri, text: string, overwrite: boolean): Promise<boolean> {
  // Chosen by the user: anywhere outside the workspace, but never through a link.
  const refused = refusedWrite(uri, 'user');
  if (refused) {
    void vscode.window.showErrorMessage(
      l10n.t('The report could not be saved to {0}.', vscode.workspace.asRelativePath(uri, false)) + ` ${refused}`,
    );
    return false;
  }
  const present = await exists(uri);
  if (present && !overwrite) {
    void vscode.window.showErrorMessage(
      l10n.t('{0} already exists: the report was not saved. Choose another file.', vscode.workspace.asRelativePath(uri, false)),
    );
    return false;
  }
  const bytes = new TextEncoder().encode(text);
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: present, contents: bytes });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(l10n.t('The report could not be saved to {0}.', vscode.workspace.asRelativePath(uri, false)));
      return false;
    }
    return true;
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
  return true;
}

export interface ReportDeps {
  extensionUri: vscode.Uri;
  output: vscode.LogOutputChannel;
  /** The current index, followed through rebuilds. */
  host: IndexHost;
  commits: CommitService;
}

/** The report panel, its serializer and the two commands. */
export function registerReports(deps: ReportDeps): vscode.Disposable[] {
  const service = new ReportService(() => deps.host.current, deps.commits);

  async function save(kind: ReportKind, range: ReportRange, file?: string, overwrite = false): Promise<vscode.Uri | undefined> {
    let uri = file ? argumentUri(file) : undefined;
    if (!uri) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const week = kind === 'weekly' ? exactWeek(range) : undefined;
      const name = week ? `weekly-report-${weekLabel(week)}.md` : `${kind}-report-${range.from}-${range.to}.md`;
      uri = await vscode.window.showSaveDialog({
        title: l10n.t('Save report as Markdown'),
        saveLabel: l10n.t('Save'),
        filters: { Markdown: ['md'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      });
      if (!uri) return undefined;
      // The dialog has asked before replacing a file.
      overwrite = true;
    }
    const doc = await service.document(kind, range);
    if (!(await writeNewFile(uri, reportMarkdown(doc), overwrite))) return undefined;
    const open = l10n.t('Open');
    void vscode.window
      .showInformationMessage(l10n.t('Report saved to {0}.', vscode.workspace.asRelativePath(uri, false)), open)
      .then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(uri!);
      });
    return uri;
  }

  const panel = new ReportPanel(deps.extensionUri, deps.output, service, { pickRange, save: (kind, range) => save(kind, range) });
  panel.follow(deps.host);

  return [
    panel,
    vscode.commands.registerCommand('reqdesk.showReport', async (args?: ShowReportArgs) => {
      const given = fromArgs(args ?? {});
      if (!given) return undefined;
      const kind = given.kind ?? (await pickKind());
      if (!kind) return undefined;
      // Arguments that name the report but no period mean its default period; a person is asked.
      const range = given.range ?? (args?.kind ? defaultPeriod(kind, localToday()) : await pickRange(undefined, kind));
      if (!range) return undefined;
      return panel.open(kind, range);
    }),
    vscode.commands.registerCommand('reqdesk.saveReport', async (args?: SaveReportArgs) => {
      const given = fromArgs(args ?? {});
      if (!given) return undefined;
      const kind = given.kind ?? (panel.isOpen ? panel.kind : await pickKind());
      if (!kind) return undefined;
      const range =
        given.range ??
        (panel.isOpen && panel.range && (panel.kind === 'weekly') === (kind === 'weekly')
          ? panel.range
          : args?.kind
            ? defaultPeriod(kind, localToday())
            : await pickRange(undefined, kind));
      if (!range) return undefined;
      return save(kind, range, args?.file, args?.overwrite === true);
    }),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state) => {
        const parsed = reportStateSchema.safeParse(state);
        const range = parsed.success ? { from: parsed.data.from, to: parsed.data.to } : presetRange('this-quarter', localToday());
        panel.restore(webviewPanel, parsed.success ? parsed.data.kind : 'implementation', range);
      },
    }),
  ];
}
