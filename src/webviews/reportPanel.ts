// The report preview: the host computes a report in core (records from the index, commit counts
// and file histories from the commit service when git may run), turns it into a document in the
// UI language and sends it; the webview draws it with its charts. Intents come back: another
// report kind, another period, save as Markdown. The report follows the files while it is open.
import * as vscode from 'vscode';
import type { CommitService } from '../scm/commitService';
import type { HistoryEntry } from '../core/history';
import type { RequirementIndex, RequirementRecord } from '../core/index';
import type { IndexHost } from '../workspace/indexHost';
import { reportDocument, reportTitle, type ReportDocument } from '../core/reports/document';
import {
  computeReport,
  hasMeasuredEffect,
  REPORT_KINDS,
  type Report,
  type ReportInput,
  type ReportKind,
  type Unavailable,
} from '../core/reports/figures';
import { expectedGoal } from '../core/outcome';
import { readUriBounded } from '../workspace/boundedRead';
import { presetRange, type ReportRange } from '../core/reports/range';
import { presetWeek } from '../core/reports/isoWeek';
import type { TaskCompletions } from '../core/reports/taskCompletions';
import { fromReportSchema, type FromReport, type ToReport } from '../protocol/report';
import { localToday } from '../workspace/localToday';
import { WebviewHost } from './webviewHost';
import { l10n, uiLanguage } from '../workspace/uiText';

export const REPORT_VIEW_TYPE = 'reqdesk.report';

/** How long the files must be still before an open report is recomputed. */
const REFRESH_DELAY_MS = 400;

function unavailableOf(kind: string): Unavailable {
  switch (kind) {
    case 'untrusted':
      return 'untrusted';
    case 'git-missing':
      return 'git-missing';
    case 'no-repository':
      return 'no-repository';
    default:
      return 'not-read';
  }
}

/**
 * The expected goal (期望目标) of each record that measured an effect, for the report's effect list:
 * an open editor's text (unsaved edits included, as the index has them), else the file's.
 */
async function goalsOf(records: readonly RequirementRecord[], maxBytes: number): Promise<Map<string, string>> {
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const goals = new Map<string, string>();
  await Promise.all(
    records.map(async (r) => {
      try {
        const text = open.get(r.file)?.getText() ?? new TextDecoder().decode(await readUriBounded(vscode.Uri.parse(r.file), maxBytes));
        goals.set(r.file, expectedGoal(text));
      } catch {
        // Gone or over the limit since it was indexed: the effect is listed without its goal.
      }
    }),
  );
  return goals;
}

/** Computes reports from the live index and the commit service: the one path for preview and save. */
export class ReportService {
  constructor(
    private readonly index: () => RequirementIndex | undefined,
    private readonly commits: CommitService,
  ) {}

  async compute(kind: ReportKind, range: ReportRange): Promise<Report> {
    const index = this.index();
    if (!index) throw new Error('The requirements are not indexed yet.');
    await this.commits.settled();
    const records = index.all();
    const input: ReportInput = {
      records,
      range,
      today: localToday(),
      calendar: { workdays: index.settings.workdays, holidays: index.settings.holidays },
      problemsOf: (r) => index.problemsFor(r.file),
    };
    if (kind === 'implementation') input.goals = await goalsOf(records.filter(hasMeasuredEffect), index.settings.maxFileBytes);
    const state = this.commits.current;
    if (state.kind === 'ready') {
      if (kind === 'implementation') input.commits = (id) => this.commits.countOf(id);
      if (kind !== 'satisfaction') {
        const histories = new Map<string, HistoryEntry[]>();
        const completions = new Map<string, TaskCompletions>();
        const files = records.filter((r) => !r.skipped).map((r) => r.file);
        // A few git reads at a time (each is two processes); the service caches them per file.
        let next = 0;
        const lane = async () => {
          while (next < files.length) {
            const file = files[next++]!;
            const history = await this.commits.historyOf(file);
            histories.set(file, history?.entries ?? []);
            if (history) completions.set(file, history.taskCompletions);
          }
        };
        await Promise.all([lane(), lane(), lane(), lane()]);
        input.histories = histories;
        if (kind === 'weekly') input.taskCompletions = completions;
      }
    } else {
      const unavailable = unavailableOf(state.kind);
      input.commits = { unavailable };
      input.histories = { unavailable };
    }
    return computeReport(kind, input);
  }

  /** The workspace's requirement IDs, which the report shows as links. */
  ids(): string[] {
    return this.index()?.ids() ?? [];
  }

  /** Opens the record with an ID the report showed; false when no record has it (any more). */
  async openRecord(id: string): Promise<boolean> {
    const file = this.index()?.byId(id)[0]?.file;
    if (!file) return false;
    await vscode.commands.executeCommand('reqdesk.open', { file });
    return true;
  }

  async document(kind: ReportKind, range: ReportRange, lang = uiLanguage()): Promise<ReportDocument> {
    const report = await this.compute(kind, range);
    return reportDocument(report, lang, { fileLabel: (file) => vscode.workspace.asRelativePath(vscode.Uri.parse(file), false) });
  }
}

/** The period a report opens with when none is asked for: this week for the weekly report, this quarter for the others. */
export function defaultPeriod(kind: ReportKind, today: string): ReportRange {
  return kind === 'weekly' ? presetWeek('this', today) : presetRange('this-quarter', today);
}

function strings(): Record<string, string> {
  return {
    report: l10n.t('Report'),
    period: l10n.t('Period'),
    changePeriod: l10n.t('Change period…'),
    save: l10n.t('Save as Markdown'),
    busy: l10n.t('Computing the report…'),
  };
}

export interface ReportActions {
  pickRange(current: ReportRange, kind: ReportKind): Promise<ReportRange | undefined>;
  save(kind: ReportKind, range: ReportRange): Promise<unknown>;
}

export class ReportPanel extends WebviewHost<ToReport, FromReport> {
  kind: ReportKind = 'implementation';
  range: ReportRange | undefined;
  private doc: ReportDocument | undefined;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private computing: Promise<void> = Promise.resolve();
  /** The last period of the weekly report (true) and of the others (false): a week and a quarter are not each other's. */
  private readonly periods = new Map<boolean, ReportRange>();

  constructor(
    extensionUri: vscode.Uri,
    output: vscode.LogOutputChannel,
    private readonly service: ReportService,
    private readonly actions: ReportActions,
  ) {
    super({
      viewType: REPORT_VIEW_TYPE,
      title: l10n.t('Requirements report'),
      bundle: 'report',
      inbound: fromReportSchema,
      output,
      extensionUri,
    });
  }

  /** Whether the panel is open (visible or in a background tab). */
  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The document shown (tests read it). */
  get document(): ReportDocument | undefined {
    return this.doc;
  }

  /** Follows the current index through rebuilds. */
  follow(host: IndexHost): void {
    this.own(host.follow({ replaced: () => this.onNewIndex(), changed: () => this.onIndexChange() }));
  }

  /** A new index: an open report is recomputed, and again when the files change. */
  private onNewIndex(): void {
    if (this.panel && this.range) void this.refresh();
  }

  private onIndexChange(): void {
    if (!this.panel || !this.range) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Shows a report for a period; resolves with the document once it is computed. */
  async open(kind: ReportKind, range: ReportRange): Promise<ReportDocument | undefined> {
    this.kind = kind;
    this.range = range;
    this.show();
    await this.refresh();
    return this.doc;
  }

  /** Takes over a restored panel with the report it showed. */
  restore(panel: vscode.WebviewPanel, kind: ReportKind, range: ReportRange): void {
    this.kind = kind;
    this.range = range;
    this.attach(panel);
    void this.refresh();
  }

  /** Recomputes the report shown; a later request supersedes an earlier one. */
  refresh(): Promise<void> {
    const range = this.range;
    if (!range) return Promise.resolve();
    const seq = ++this.seq;
    const kind = this.kind;
    this.post({ type: 'busy' });
    this.computing = this.service.document(kind, range).then(
      (doc) => {
        if (seq !== this.seq) return;
        this.doc = doc;
        if (this.panel) this.panel.title = reportTitle(kind, uiLanguage());
        this.post({ type: 'document', document: doc, ids: this.service.ids() });
      },
      (error: unknown) => {
        this.options.output.error(`The ${kind} report could not be computed: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage(
          l10n.t('The report could not be computed: {0}', error instanceof Error ? error.message : String(error)),
        );
      },
    );
    return this.computing;
  }

  protected onReady(): void {
    const lang = uiLanguage();
    this.post({
      type: 'init',
      strings: strings(),
      kinds: Object.fromEntries(REPORT_KINDS.map((k) => [k, reportTitle(k, lang)])) as Record<ReportKind, string>,
      ...(this.doc && this.doc.kind === this.kind ? { document: this.doc, ids: this.service.ids() } : {}),
    });
  }

  protected async handle(message: FromReport): Promise<void> {
    switch (message.type) {
      case 'kind': {
        if (message.kind === this.kind) return;
        const weekly = message.kind === 'weekly';
        if (this.range && weekly !== (this.kind === 'weekly')) {
          this.periods.set(!weekly, this.range);
          this.range = this.periods.get(weekly) ?? defaultPeriod(message.kind, localToday());
        }
        this.kind = message.kind;
        await this.refresh();
        return;
      }
      case 'pickRange': {
        if (!this.range) return;
        const range = await this.actions.pickRange(this.range, this.kind);
        if (!range) return;
        this.range = range;
        await this.refresh();
        return;
      }
      case 'save':
        if (this.range) await this.actions.save(this.kind, this.range);
        return;
      case 'open':
        await this.service.openRecord(message.id);
        return;
      case 'ready':
        return;
    }
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
  }
}
