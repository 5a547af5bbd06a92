// The timeline (Gantt) panel: the host computes the model in core and keeps it; the webview gets the
// layout of every row and the rows it draws, page by page as it scrolls (a 20,000-bar model is
// megabytes of JSON, a page a few kilobytes). When rows change it gets the new layout and the page
// it was showing, and asks again for the rest; drags and keys come back as intents (moveBar,
// resizeBar) and become minimal edits of the task's `start` or `days`, so the bar moves when the
// index sees the file change.
import * as vscode from 'vscode';
import { placeCursor } from '../workspace/positions';
import type { IndexChange } from '../core/index';
import { rawTaskIndex } from '../core/taskPosition';
import { timelineChoices, timelineDiff, timelineModel, type TimelineModel } from '../core/timeline';
import { barCounts, pageBetween, pageFrom, pageHolding, type TimelinePage } from '../core/timelinePages';
import { TEAM_SCHEMA_FILE } from '../core/teamSchema';
import { missingTimelineFields, type MissingFields } from '../core/viewFields';
import type { MissingFieldsText } from '../protocol/common';
import type { Filter, FilterBar } from '../protocol/filterBar';
import { fromTimelineSchema, type FromTimeline, type TimelineZoom, type ToTimeline } from '../protocol/timeline';
import { applyFieldChangesOrReport } from '../workspace/applyEdits';
import { localToday } from '../workspace/localToday';
import { FINISHED_STATUSES } from '../core/tree';
import { filterBarFor } from './filterBar';
import { IndexPanel } from './indexPanel';
import { l10n } from '../workspace/uiText';
import { barsWithProgress, type CommitLike } from '../core/actualProgress';

export const TIMELINE_VIEW_TYPE = 'reqdesk.timeline';

function strings(): Record<string, string> {
  return {
    title: l10n.t('Task Timeline'),
    today: l10n.t('Scroll to today'),
    hideFinished: l10n.t('Hide finished'),
    hideFinishedHelp: l10n.t('Leave out requirements that are delivered, verified, closed or declined.'),
    finishedHidden: l10n.t('{0} finished hidden'),
    earlier: l10n.t('{0} earlier: scroll to them'),
    later: l10n.t('{0} later: scroll to them'),
    legend: l10n.t('Legend'),
    legendBar: l10n.t('Task'),
    legendLate: l10n.t('Late'),
    legendDone: l10n.t('Done'),
    legendToday: l10n.t('Today'),
    nothingOpen: l10n.t('No open work: every task shown is done.'),
    day: l10n.t('Day'),
    week: l10n.t('Week'),
    month: l10n.t('Month'),
    zoom: l10n.t('Zoom'),
    unscheduled: l10n.t('Not on the timeline'),
    unscheduledNone: l10n.t('Every task has dates.'),
    empty: l10n.t('No requirement has dated tasks.'),
    late: l10n.t('late'),
    done: l10n.t('done'),
    workdays: l10n.t('working days'),
    barHelp: l10n.t('Enter opens the task; Alt+Left/Right moves it by a day; Alt+Shift+Left/Right changes its length.'),
    planned_done: l10n.t('Planned done'),
    feedback_due: l10n.t('Feedback due'),
    start: l10n.t('Start'),
    'problem.invalid-date': l10n.t('Invalid date: {0}'),
    'problem.cycle': l10n.t('Dependency cycle: {0}'),
    'problem.unknown-dependency': l10n.t('Unknown dependency: {0}'),
    'problem.no-schedule': l10n.t('Neither start nor depends'),
    'problem.unresolved': l10n.t('Waits for unscheduled tasks: {0}'),
    legendTick: l10n.t('Commit'),
    legendActual: l10n.t('Actual (first to last commit)'),
    legendStale: l10n.t('No recent commit'),
    actual: l10n.t('Actual: {0} – {1}'),
    commits: l10n.t('{0} commits'),
    stale: l10n.t('No commit for {0} working days'),
    status: l10n.t('Status: {0}'),
  };
}

/** What to say instead of the chart when no requirement has tasks (a team's records without them). */
function missingText(missing: MissingFields | undefined): MissingFieldsText | undefined {
  if (!missing) return undefined;
  return {
    title: l10n.t('No requirement has tasks for the timeline to draw.'),
    fields: missing.fields,
    hint: l10n.t(
      'Each task has an id, a title, a start day or the tasks it depends on, and its days. Add them to the records, or, when the team keeps them under a key of its own, map that key to "{0}" in the "rename" of {1}.',
      missing.renameTo,
      TEAM_SCHEMA_FILE,
    ),
  };
}

/** Opens a requirement file at its task's `- id: Tn` line. */
export async function openTaskLine(file: string, taskId: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(file));
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  const escaped = taskId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^\\s*-?\\s*id:\\s*["']?${escaped}["']?\\s*(#.*)?$`, 'm').exec(doc.getText());
  if (!match) return;
  placeCursor(editor, match.index + match[0].length - match[0].trimStart().length, true);
}

/** Where the timeline reads commits from: the commit links of the workspace's repositories. */
export interface TimelineCommitSource {
  /** Whether links have been read (else no tick or stale flag means anything). */
  readonly ready: boolean;
  /** Commits naming the ID or an ID merged into its requirement. */
  commitsOf(id: string): CommitLike[];
  /** The ID and the IDs merged into its requirement (a task named with either counts). */
  idsOfRequirement(id: string): readonly string[];
  onDidChange: vscode.Event<void>;
}

/** `reqdesk.timeline.staleAfterDays`: working days without a commit before a task in progress is flagged; 0 = off. */
function staleAfterDays(): number {
  const value = vscode.workspace.getConfiguration('reqdesk.timeline').get<unknown>('staleAfterDays', 5);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

const isEmpty = (filter: Filter): boolean => !filter.type && !filter.status && !filter.customer && !filter.owner;

export class TimelinePanel extends IndexPanel<ToTimeline, FromTimeline> {
  /** What the webview shows (filtered). */
  private model: TimelineModel | undefined;
  /** The filter bar, its options from every requirement (not only the shown ones). */
  private filters: FilterBar = filterBarFor({ customers: [], owners: [] });
  private filter: Filter = {};
  /** Under a team schema, what no requirement has when none has tasks (computed with the model). */
  private missing: MissingFieldsText | undefined;
  private zoom: TimelineZoom = 'week';
  /** Finished requirements are left out until the user shows them: the work still to do comes first. */
  private hideFinished = true;
  /** Row index of the page last sent: where the webview is, so a change resends what it shows. */
  private shownFrom = 0;
  private commits: TimelineCommitSource | undefined;
  private readonly followers: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, output: vscode.LogOutputChannel) {
    super({
      viewType: TIMELINE_VIEW_TYPE,
      title: l10n.t('Task Timeline'),
      bundle: 'timeline',
      inbound: fromTimelineSchema,
      output,
      extensionUri,
    });
  }

  /**
   * Reads commits for the bars' ticks, actual spans and stale flags, and redraws when the links
   * or the setting change.
   */
  setCommits(commits: TimelineCommitSource): vscode.Disposable {
    this.commits = commits;
    const refresh = (): void => {
      if (this.panel) this.update();
      else this.model = undefined;
    };
    this.followers.push(
      commits.onDidChange(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('reqdesk.timeline.staleAfterDays')) refresh();
      }),
    );
    return { dispose: () => this.followers.splice(0).forEach((d) => d.dispose()) };
  }

  protected onNewIndex(): void {
    // Computed when it is shown or asked for: a closed panel costs nothing per change.
    this.model = this.panel ? this.compute() : undefined;
  }

  /** The model the panel shows, or would show when opened (tests read it). */
  get current(): TimelineModel | undefined {
    return (this.model ??= this.compute());
  }

  private compute(): TimelineModel | undefined {
    if (!this.index) return undefined;
    const calendar = { workdays: this.index.settings.workdays, holidays: this.index.settings.holidays };
    const today = localToday();
    const records = this.index.all().filter((r) => !r.skipped);
    const options = { hideFinished: this.hideFinished };
    // The filter's options come from every requirement, the finished ones too.
    const all = timelineModel(records, today, calendar);
    this.filters = filterBarFor(timelineChoices(all), this.index.team);
    this.missing = missingText(missingTimelineFields(records, this.index.team));
    const model = isEmpty(this.filter) && !this.hideFinished ? all : timelineModel(records, today, calendar, this.filter, options);
    return this.withCommits(model, calendar);
  }

  /** The rows with each bar's commits (ticks), actual span and stale flag, once links are read. */
  private withCommits(model: TimelineModel, calendar: { workdays: number[]; holidays: string[] }): TimelineModel {
    const commits = this.commits;
    if (!commits?.ready) return model;
    const options = { today: model.today, calendar, staleAfterDays: staleAfterDays() };
    const rows = model.rows.map((row) => {
      if (!row.id) return row;
      const bars = barsWithProgress(row.bars, commits.commitsOf(row.id), commits.idsOfRequirement(row.id), options);
      return bars.every((b, i) => b === row.bars[i]) ? row : { ...row, bars };
    });
    return { ...model, rows };
  }

  /** Recomputes and sends only what changed. */
  private update(): void {
    const before = this.model;
    const missingBefore = JSON.stringify(this.missing);
    const after = this.compute();
    if (!after) return;
    this.model = after;
    if (!before) {
      if (this.panel) this.onReady();
      return;
    }
    // Core's diff says whether anything the webview shows changed; what changed, it asks for again.
    const diff = timelineDiff(before, after);
    if (
      diff.upserted.length === 0 &&
      diff.removed.length === 0 &&
      !diff.order &&
      !diff.unscheduledChanged &&
      !diff.rangeChanged &&
      before.today === after.today &&
      JSON.stringify(this.missing) === missingBefore
    )
      return;
    this.post({
      type: 'rows',
      barCounts: barCounts(after),
      ...this.sent(pageFrom(after, this.shownFrom)),
      unscheduled: after.unscheduled,
      ...this.shown(after),
      today: after.today,
      filters: this.filters,
    });
  }

  /** The spans the view opens on, the finished rows left out, and what no requirement has. */
  private shown(model: TimelineModel) {
    return {
      range: model.range,
      openRange: model.openRange,
      hideFinished: this.hideFinished,
      finishedHidden: model.finishedHidden,
      ...(this.missing ? { missing: this.missing } : {}),
    };
  }

  /** Remembers where the page goes, for the next change. */
  private sent(page: TimelinePage): TimelinePage {
    this.shownFrom = page.from;
    return page;
  }

  protected onIndexChange(_change: IndexChange): void {
    // The model is recomputed whole: rows are ordered and ranged across requirements, and core
    // diffs it to the rows that changed. With no panel open, it waits until one opens.
    if (!this.panel) {
      this.model = undefined;
      return;
    }
    this.update();
  }

  protected onReady(): void {
    const model = this.model ?? this.compute();
    if (!model) return;
    this.model = model;
    this.post({
      type: 'init',
      strings: strings(),
      today: model.today,
      barCounts: barCounts(model),
      ...this.sent((this.focus ? pageHolding(model, this.focus) : undefined) ?? pageFrom(model, 0)),
      unscheduled: model.unscheduled,
      ...this.shown(model),
      zoom: this.zoom,
      filter: this.filter,
      filters: this.filters,
      ...this.focusField(),
    });
  }

  /** Sends the page holding the requirement first, so the webview has its row when it scrolls to it. */
  override reveal(file?: string): void {
    // A finished requirement asked for is shown: its row would otherwise not be there to scroll to.
    if (file && this.hideFinished && this.isHiddenAsFinished(file)) {
      this.hideFinished = false;
      if (this.panel) this.update();
      else this.model = undefined;
    }
    // Without a panel nothing is posted: the init message carries the page holding the focus.
    const model = file ? this.current : undefined;
    const page = file && model ? pageHolding(model, file) : undefined;
    if (page) this.post({ type: 'rowsPage', ...this.sent(page) });
    super.reveal(file);
  }

  private isHiddenAsFinished(file: string): boolean {
    const model = this.current;
    if (!model || model.finishedHidden === 0 || model.rows.some((r) => r.file === file)) return false;
    const status = this.index?.get(file)?.data.status;
    return typeof status === 'string' && (FINISHED_STATUSES as readonly string[]).includes(status);
  }

  private barOf(file: string, taskId: string) {
    return this.model?.rows.find((r) => r.file === file)?.bars.find((b) => b.taskId === taskId);
  }

  protected async handle(message: FromTimeline): Promise<void> {
    switch (message.type) {
      case 'openTask':
        if (this.index?.get(message.file)) await openTaskLine(message.file, message.taskId);
        return;
      case 'zoom':
        this.zoom = message.zoom;
        return;
      case 'hideFinished':
        if (this.hideFinished === message.hide) return;
        this.hideFinished = message.hide;
        this.update();
        return;
      case 'filter':
        this.filter = message.filter;
        this.update();
        return;
      case 'moveBar':
      case 'resizeBar': {
        // Only bars the panel shows can be moved: the file and the task must be known.
        const bar = this.barOf(message.file, message.taskId);
        if (!bar) return;
        const field = message.type === 'moveBar' ? 'start' : 'days';
        const value = message.type === 'moveBar' ? message.start : message.days;
        if (message.type === 'moveBar' ? bar.start === message.start : bar.days === message.days) return;
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.file));
        const at = rawTaskIndex(doc.getText(), message.taskId);
        if (at === undefined) return;
        await applyFieldChangesOrReport(
          [{ file: message.file, changes: [{ path: ['tasks', at, field], value }] }],
          message.type === 'moveBar' ? l10n.t('Move in the timeline') : l10n.t('Resize in the timeline'),
        );
        return;
      }
      case 'needRows':
        if (this.model) this.post({ type: 'rowsPage', ...this.sent(pageBetween(this.model, message.from, message.to)) });
        return;
      case 'ready':
        return;
    }
  }
}
