// The "Requirements" view: a TreeDataProvider over the core TreeModel, refreshed per node, with
// drag and drop onto priority groups.
import * as vscode from 'vscode';
import type { IndexChange, RequirementIndex } from '../core/index';
import type { IndexHost } from '../workspace/indexHost';
import type { Priority } from '../core/schema';
import type { TeamRules } from '../core/teamSchema';
import { DEFAULT_RANKING } from '../core/ranking';
import {
  isFilterEmpty,
  TreeModel,
  UNTRIAGED,
  type FilterKey,
  type Grouping,
  type TreeFilter,
  type TreeGroup,
  type TreeUpdate,
} from '../core/tree';
import { localToday } from '../workspace/localToday';
import type { LocatedRef } from '../scm/codeRefService';
import type { LinkedCommit } from '../scm/commitService';
import type { HistoryEntry } from '../core/history';
import {
  CodeRefNode,
  CodeRefsNode,
  CommitNode,
  CommitsNode,
  FilterNode,
  GroupNode,
  HistoryEntryNode,
  HistoryNode,
  MessageNode,
  MoreRowsNode,
  RequirementNode,
  TaskNode,
  codeRefItem,
  codeRefsItem,
  commitItem,
  commitsItem,
  filterItem,
  groupItem,
  historyEntryItem,
  historyItem,
  messageItem,
  moreRowsItem,
  requirementItem,
  requirementItemTooltip,
  taskItem,
  type CommitFigures,
  type TreeNode,
} from './nodes';
import { l10n, uiLanguage } from '../workspace/uiText';

export const VIEW_ID = 'reqdesk.requirements';
/** Changes of this many files or more are summarised in slices (a build of a large workspace). */
const LARGE_CHANGE = 300;
/** Rows a group shows at first, and how many more each "Show more" adds. */
export const ROW_PAGE = 200;
const DRAG_MIME = 'application/vnd.code.tree.reqdesk.requirements';

/** A filter's name in the view's description, in the UI language. */
function filterKeyLabel(key: FilterKey): string {
  switch (key) {
    case 'status':
      return l10n.t('Status');
    case 'type':
      return l10n.t('Type');
    case 'horizon':
      return l10n.t('Horizon');
    case 'customer':
      return l10n.t('Customer');
    case 'owner':
      return l10n.t('Owner');
    case 'text':
      return l10n.t('text');
  }
}

/** "by status" etc. in the UI language. */
export function groupingLabel(grouping: Grouping): string {
  switch (grouping) {
    case 'priority':
      return l10n.t('by priority and type');
    case 'status':
      return l10n.t('by status');
    case 'customer':
      return l10n.t('by customer');
    case 'owner':
      return l10n.t('by owner');
  }
}

/** Commit links as the tree needs them (the extension's CommitService). */
export interface TreeCommitSource {
  readonly ready: boolean;
  countOf(id: string): number;
  commitsOf(id: string): LinkedCommit[];
  /** The field and section changes of a record file (URI string) over its git history, oldest first. */
  historyOf(file: string): Promise<{ repository: string; entries: HistoryEntry[] } | undefined>;
  readonly onDidChange: vscode.Event<void>;
}

/** Mentions of requirement IDs in code and tests as the tree needs them (the extension's CodeRefService). */
export interface TreeCodeSource {
  readonly ready: boolean;
  refsOf(id: string): { code: LocatedRef[]; tests: LocatedRef[] };
  countsOf(id: string): { code: number; tests: number } | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export interface PriorityDropHandler {
  (requirements: RequirementNode[], priority: Priority): Promise<void>;
}

export class RequirementsTree implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, vscode.Disposable {
  readonly dragMimeTypes = [DRAG_MIME];
  readonly dropMimeTypes = [DRAG_MIME];
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly language = uiLanguage();
  private model: TreeModel | undefined;
  private index: RequirementIndex | undefined;
  private readonly groupNodes = new Map<string, GroupNode>();
  /** By node key: the file for a record's first place, file and group for its further places (see RequirementNode). */
  private readonly requirementNodes = new Map<string, RequirementNode>();
  /** How many times the nodes were brought in step with the model (see apply). */
  private walks = 0;
  private readonly taskNodes = new Map<string, TaskNode>();
  private readonly commitsNodes = new Map<string, CommitsNode>();
  private readonly historyNodes = new Map<string, HistoryNode>();
  private commits: TreeCommitSource | undefined;
  private commitsListener: vscode.Disposable | undefined;
  private readonly codeRefsNodes = new Map<string, CodeRefsNode>();
  private codeRefs: TreeCodeSource | undefined;
  private codeRefsListener: vscode.Disposable | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;
  private indexListener: { dispose(): void } | undefined;
  private saveListener: vscode.Disposable | undefined;
  private dirty: Set<string> | undefined;
  /** What the view says above the tree about commit links (Restricted Mode, no git…). */
  private commitNotice: string | undefined;
  /** The first row while a filter is on (undefined when none is). */
  private filterNode: FilterNode | undefined;
  private grouping: Grouping = 'priority';
  private filter: TreeFilter = {};
  private today = localToday();
  private pending: Promise<void> = Promise.resolve();
  /** Told once, the first time VS Code is handed a root with records (startup timing). */
  private firstRecords: (() => void) | undefined;
  /** How many rows a group shows, by group id, when more than a page (see MoreRowsNode). */
  private readonly rowLimits = new Map<string, number>();
  /** The view was told of a change that VS Code has not asked for yet. */
  private unasked = false;
  private readonly askedWaiters: Array<() => void> = [];

  constructor(private readonly onPriorityDrop: PriorityDropHandler) {
    this.changeEmitter.event(() => (this.unasked = true));
  }

  /**
   * Resolves once VS Code has asked for what the view was last told changed — the tree on screen —
   * at once when nothing waits to be asked for or the view is hidden (VS Code asks when it shows
   * it), and after `maxWaitMs` at the latest.
   */
  shown(maxWaitMs = 3000): Promise<void> {
    if (!this.unasked || !this.view?.visible) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs);
      this.askedWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
  }

  /** Shows commits under requirements, and follows their changes. */
  setCommits(commits: TreeCommitSource): void {
    this.commitsListener?.dispose();
    this.commits = commits;
    // Counts, marks and the commit lists of every requirement may have changed.
    this.commitsListener = commits.onDidChange(() => this.changeEmitter.fire(undefined));
  }

  /** Shows *Implemented in* and *Tested by* under requirements, and follows their changes. */
  setCodeRefs(source: TreeCodeSource): void {
    this.codeRefsListener?.dispose();
    this.codeRefs = source;
    this.codeRefsListener = source.onDidChange(() => this.changeEmitter.fire(undefined));
  }

  private codeCounts(node: RequirementNode): { code: number; tests: number } | undefined {
    const id = node.summary.id;
    return id ? this.codeRefs?.countsOf(id) : undefined;
  }

  private commitFigures(node: RequirementNode): CommitFigures {
    const id = node.summary.id;
    return { count: this.commits?.ready && id ? this.commits.countOf(id) : undefined };
  }

  /** Follows the current index through rebuilds. */
  follow(host: IndexHost): void {
    this.indexListener = host.follow({ replaced: (index) => this.setIndex(index), changed: (change) => this.onIndexChange(change) });
    // A record kept in place while its unsaved text was invalid is placed by its text once saved
    // (the index may see no change: the text it validated is the one saved).
    this.saveListener = vscode.workspace.onDidSaveTextDocument((doc) => this.replace(doc.uri.toString()));
  }

  /** The files with unsaved changes in an editor, read once per index change. */
  private dirtyFiles(): Set<string> {
    this.dirty ??= new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
    return this.dirty;
  }

  /** Summarises one record again, as it is now. */
  private replace(file: string): void {
    const summary = this.model?.summary(file);
    if (!this.model || !this.index || !summary?.editing) return;
    const index = this.index;
    this.dirty = undefined;
    this.apply(this.model.update([file], [], (f) => index.get(f)));
  }

  /** Follows a (new) index: every rebuild of the index hands its new instance here. */
  setIndex(index: RequirementIndex): void {
    this.index = index;
    this.model = new TreeModel({
      calendar: { workdays: index.settings.workdays, holidays: index.settings.holidays },
      today: this.today,
      lowSatisfaction: index.settings.lowSatisfaction,
      contactCadence: index.settings.contactEveryDays,
      ranking: index.settings.ranking,
      team: index.team,
      grouping: this.grouping,
      filter: this.filter,
      isEditing: (file) => this.dirtyFiles().has(file),
    });
    this.apply(this.model.reset(index.all()));
  }

  /** A new day: lateness and the 24-hour feedback rule change everywhere. True when it was one. */
  checkDay(): boolean {
    const today = localToday();
    if (today === this.today || !this.model || !this.index) return false;
    this.today = today;
    this.model.setToday(today);
    this.apply(this.model.reset(this.index.all()));
    return true;
  }

  private onIndexChange(change: IndexChange): void {
    if (!this.model || !this.index) return;
    if (this.checkDay()) return;
    const index = this.index;
    const model = this.model;
    this.dirty = undefined;
    if (change.changed.length < LARGE_CHANGE) {
      this.apply(model.update(change.changed, change.removed, (file) => index.get(file)));
      return;
    }
    // A whole build: summarised in slices, queued so that later changes apply after it.
    this.pending = this.pending
      .then(() => model.updateInSlices(change.changed, change.removed, (file) => index.get(file)))
      .then((update) => {
        // In the same turn as the grouping: VS Code must never ask for a group's rows while the
        // model has moved on and the nodes have not.
        if (this.model === model) this.apply(update);
      });
  }

  /** Resolves when large changes queued so far are shown. */
  settled(): Promise<void> {
    return this.pending;
  }

  get currentGrouping(): Grouping {
    return this.grouping;
  }

  /** The team schema of the index shown (its statuses are what the status filter offers). */
  get team(): TeamRules | null {
    return this.index?.team ?? null;
  }

  get currentFilter(): TreeFilter {
    return { ...this.filter };
  }

  configure(grouping: Grouping, filter: TreeFilter): void {
    this.grouping = grouping;
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'reqdesk.filtered', !isFilterEmpty(filter));
    if (this.model) this.apply(this.model.configure(grouping, filter));
  }

  summaries() {
    return this.model?.all() ?? [];
  }

  /** The groups currently shown (for tests and reveal). */
  groups(): readonly TreeGroup[] {
    return this.model?.groups ?? [];
  }

  private apply(update: TreeUpdate): void {
    const model = this.model!;
    // Keep node objects, update their data: VS Code refreshes a node by identity.
    const seenGroups = new Set<string>();
    // Rows met in this walk are marked with its number (a set of 50,000 keys was a third of it).
    const walkMark = ++this.walks;
    // Only customers place a record more than once.
    const seenFiles = model.grouping === 'customer' ? new Set<string>() : undefined;
    const walk = (groups: readonly TreeGroup[]) => {
      for (const g of groups) {
        const id = g.id;
        seenGroups.add(id);
        let node = this.groupNodes.get(id);
        if (node) node.group = g;
        else this.groupNodes.set(id, (node = new GroupNode(g)));
        for (const s of g.requirements) {
          // A record's first place in the walk keeps the file as its key; grouped by customer, its
          // places under further customers are keyed by their group as well.
          const placement = seenFiles?.has(s.file) ? id : undefined;
          seenFiles?.add(s.file);
          const key = placement === undefined ? s.file : `${s.file}@${placement}`;
          let r = this.requirementNodes.get(key);
          if (r) {
            r.summary = s;
            r.parent = node;
          } else this.requirementNodes.set(key, (r = new RequirementNode(s, node, placement)));
          r.walkMark = walkMark;
        }
        walk(g.children);
      }
    };
    walk(model.groups);
    for (const id of [...this.groupNodes.keys()]) if (!seenGroups.has(id)) this.groupNodes.delete(id);
    for (const [key, r] of this.requirementNodes) if (r.walkMark !== walkMark) this.requirementNodes.delete(key);

    // The message first: when it changed after the rows were refreshed, the workbench showed the
    // old rows under the new message (a filtered tree with the whole tree's groups and counts).
    this.updateViewChrome();
    this.syncFilterNode(update.root);
    if (update.root) this.changeEmitter.fire(undefined);
    else {
      for (const id of update.groups) {
        const node = this.groupNodes.get(id);
        if (node) this.changeEmitter.fire(node);
      }
      for (const file of update.requirements) for (const node of this.nodesOf(file)) this.changeEmitter.fire(node);
    }
  }

  /** The active filter in words, one `Name: value` per key. */
  private filterParts(): string[] {
    return Object.entries(this.filter)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${filterKeyLabel(k as FilterKey)}: ${String(v)}`);
  }

  /**
   * The first row of a filtered tree, a link that clears the filter: the message above the tree
   * cannot hold one. Kept as one object and updated in place (VS Code refreshes a node by
   * identity); the row itself is refreshed when only its figures changed.
   */
  private syncFilterNode(rootChanged: boolean): void {
    const parts = this.filterParts();
    const total = this.model?.size ?? 0;
    if (!parts.length) {
      this.filterNode = undefined;
      return;
    }
    const filter = parts.join(', ');
    if (!this.filterNode) this.filterNode = new FilterNode(filter, total);
    else if (this.filterNode.filter !== filter || this.filterNode.total !== total) {
      this.filterNode.filter = filter;
      this.filterNode.total = total;
      if (!rootChanged) this.changeEmitter.fire(this.filterNode);
    }
  }

  private updateViewChrome(): void {
    // Counted on the model, not on a copy of its summaries: this runs after every update.
    const total = this.model?.size ?? 0;
    void vscode.commands.executeCommand('setContext', 'reqdesk.hasRequirements', total > 0);
    if (!this.view) return;
    const open = this.model?.openP1Count() ?? 0;
    this.view.badge = open > 0 ? { value: open, tooltip: l10n.t('{0} open P1 requirements', open) } : undefined;
    const parts = this.filterParts();
    const shownGrouping = this.model?.shownGrouping ?? this.grouping;
    const grouping = shownGrouping === 'priority' ? '' : groupingLabel(shownGrouping);
    this.view.description =
      [grouping, parts.length ? l10n.t('filtered ({0})', parts.join(', ')) : ''].filter(Boolean).join(' · ') || undefined;
    // The description is hidden when the view is the only one of its container (its title is
    // merged into the container's), so a filtered tree would look complete: the filter is said
    // above the tree, where it is always seen.
    const shown = this.model?.groups.reduce((n, g) => n + g.count, 0) ?? 0;
    const filterNotice = parts.length
      ? l10n.t('Filtered by {0}: {1} of {2} requirements shown.', parts.join(', '), shown, total)
      : undefined;
    // Asked for by priority, shown by status (a team's records without priorities): say why.
    const groupingNotice =
      shownGrouping !== this.grouping ? l10n.t("No requirement has a priority: they are grouped by the team's status.") : undefined;
    const message = [groupingNotice, filterNotice, this.commitNotice].filter(Boolean).join('\n') || undefined;
    // Only when it changes: each assignment makes VS Code refresh the view.
    if (this.view.message !== message) this.view.message = message;
  }

  /** Sets what the view says about commit links, next to the filter it may also be saying. */
  setCommitNotice(text: string | undefined): void {
    this.commitNotice = text;
    this.updateViewChrome();
  }

  // ── TreeDataProvider ────────────────────────────────────────────────────────────────────

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'group') return groupItem(node, this.language);
    if (node.kind === 'requirement') return requirementItem(node, this.language, this.commitFigures(node), this.codeCounts(node));
    if (node.kind === 'commits') return commitsItem(node);
    if (node.kind === 'code-refs') return codeRefsItem(node);
    if (node.kind === 'code-ref') return codeRefItem(node);
    if (node.kind === 'commit') return commitItem(node, this.language, Date.now());
    if (node.kind === 'history') return historyItem(node);
    if (node.kind === 'history-entry') return historyEntryItem(node, this.language, Date.now());
    if (node.kind === 'message') return messageItem(node);
    if (node.kind === 'more') return moreRowsItem(node, ROW_PAGE);
    if (node.kind === 'filter') return filterItem(node);
    return taskItem(node, this.language);
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'requirement' && item.tooltip === undefined)
      item.tooltip = requirementItemTooltip(
        node,
        this.language,
        this.commitFigures(node),
        this.index?.settings.ranking ?? DEFAULT_RANKING,
        this.codeCounts(node),
        this.index?.team,
      );
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (this.unasked) {
      this.unasked = false;
      // After this answer has gone out to VS Code, not before.
      for (const waiter of this.askedWaiters.splice(0)) setTimeout(waiter, 0);
    }
    if (node?.kind === 'history') return this.historyChildren(node);
    const children = this.childrenNow(node);
    if (!node && children.length > 0 && this.firstRecords) {
      this.firstRecords();
      this.firstRecords = undefined;
    }
    return !node && this.filterNode ? [this.filterNode, ...children] : children;
  }

  /** Calls `listener` once, when VS Code first asks for a root that holds records. */
  onFirstRecords(listener: () => void): void {
    this.firstRecords = listener;
  }

  /** Newest change first; read from git when the folder is expanded, not before. */
  private async historyChildren(node: HistoryNode): Promise<TreeNode[]> {
    const found = await this.commits?.historyOf(node.parent.summary.file);
    if (!found || found.entries.length === 0) return [new MessageNode(l10n.t('Not committed yet'), node)];
    return [...found.entries].reverse().map((e) => new HistoryEntryNode(e, found.repository, node));
  }

  /** Children that need no git: groups, requirements, tasks and commit links already read. */
  childrenNow(node?: TreeNode): TreeNode[] {
    if (!this.model) return [];
    if (!node) return this.model.groups.map((g) => this.groupNodes.get(g.id)!).filter(Boolean);
    if (node.kind === 'group') {
      const placed = (file: string) => this.requirementNodes.get(`${file}@${node.group.id}`) ?? this.requirementNodes.get(file);
      const rows = node.group.requirements;
      const limit = this.rowLimits.get(node.group.id) ?? ROW_PAGE;
      const children: TreeNode[] = node.group.children.map((g) => this.groupNodes.get(g.id)!).filter(Boolean);
      for (let i = 0; i < rows.length && i < limit; i++) {
        const row = placed(rows[i]!.file);
        if (row) children.push(row);
      }
      if (rows.length > limit) children.push(new MoreRowsNode(node, limit, rows.length));
      return children;
    }
    if (node.kind === 'requirement') {
      const record = node.summary.taskCount ? this.index?.get(node.summary.file) : undefined;
      const tasks = record && this.model ? this.model.tasks(record) : [];
      const children: TreeNode[] = tasks.map((t) => {
        const id = `${node.key}#${t.id}`;
        let task = this.taskNodes.get(id);
        if (task) {
          task.task = t;
          task.parent = node;
        } else this.taskNodes.set(id, (task = new TaskNode(t, node)));
        return task;
      });
      const count = this.commitFigures(node).count ?? 0;
      if (count > 0) {
        let commits = this.commitsNodes.get(node.key);
        if (commits) {
          commits.count = count;
          commits.parent = node;
        } else this.commitsNodes.set(node.key, (commits = new CommitsNode(count, node)));
        children.push(commits);
      }
      const counts = this.codeCounts(node);
      for (const which of ['code', 'tests'] as const) {
        const n = counts?.[which] ?? 0;
        if (n === 0) continue;
        const key = `${which}:${node.key}`;
        let folder = this.codeRefsNodes.get(key);
        if (folder) {
          folder.count = n;
          folder.parent = node;
        } else this.codeRefsNodes.set(key, (folder = new CodeRefsNode(which, n, node)));
        children.push(folder);
      }
      if (this.commits?.ready) {
        let history = this.historyNodes.get(node.key);
        if (history) history.parent = node;
        else this.historyNodes.set(node.key, (history = new HistoryNode(node)));
        children.push(history);
      }
      return children;
    }
    if (node.kind === 'commits') {
      const id = node.parent.summary.id;
      return id && this.commits ? this.commits.commitsOf(id).map((c) => new CommitNode(c, node)) : [];
    }
    if (node.kind === 'code-refs') {
      const id = node.parent.summary.id;
      return id && this.codeRefs ? this.codeRefs.refsOf(id)[node.which].map((r) => new CodeRefNode(r, node)) : [];
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind !== 'group') return node.parent;
    const id = node.group.id;
    const slash = id.indexOf('/');
    return slash >= 0 ? this.groupNodes.get(id.slice(0, slash)) : undefined;
  }

  /**
   * Reveals a node in the view, growing its group's page to it first. A failed reveal refreshes
   * the view and tries again: a collapse that lands while the workbench is fetching a group's rows
   * drops the fetch, and the workbench then holds rows its list never received — every reveal of
   * one fails ("Data tree node not found") until the rows are fetched again.
   */
  async reveal(node: TreeNode, options: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<void> {
    const view = this.view;
    if (!view) return;
    if (node.kind === 'requirement') this.showRow(node);
    for (let attempt = 1; ; attempt++) {
      try {
        await view.reveal(node, options);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        this.changeEmitter.fire(undefined);
        await this.shown();
      }
    }
  }

  /** The next page of a group's rows. */
  showMoreRows(node: MoreRowsNode): void {
    const group = this.groupNodes.get(node.parent.group.id);
    if (!group) return;
    this.rowLimits.set(group.group.id, Math.max(this.rowLimits.get(group.group.id) ?? ROW_PAGE, node.shown) + ROW_PAGE);
    this.changeEmitter.fire(group);
  }

  /** Makes a requirement's row part of its group's shown pages (before it is revealed). */
  private showRow(node: RequirementNode): void {
    const group = node.parent;
    if (!group) return;
    const at = group.group.requirements.findIndex((s) => s.file === node.summary.file);
    const limit = this.rowLimits.get(group.group.id) ?? ROW_PAGE;
    if (at < limit) return;
    this.rowLimits.set(group.group.id, Math.ceil((at + 1) / ROW_PAGE) * ROW_PAGE);
    this.changeEmitter.fire(group);
  }

  /** The node of a requirement file, if it is shown (its first place, when it has several). */
  requirementNode(file: string): RequirementNode | undefined {
    return this.requirementNodes.get(file);
  }

  /** Every place a requirement file is shown: one, or one under each of its customers. */
  nodesOf(file: string): RequirementNode[] {
    const first = this.requirementNodes.get(file);
    if (!first || this.grouping !== 'customer') return first ? [first] : [];
    const out = [first];
    for (const [key, node] of this.requirementNodes)
      if (node !== first && node.summary.file === file && key.startsWith(`${file}@`)) out.push(node);
    return out;
  }

  // ── Drag and drop ───────────────────────────────────────────────────────────────────────

  handleDrag(source: readonly TreeNode[], data: vscode.DataTransfer): void {
    const files = source.filter((n): n is RequirementNode => n.kind === 'requirement').map((n) => n.summary.file);
    if (files.length) data.set(DRAG_MIME, new vscode.DataTransferItem(files));
  }

  async handleDrop(target: TreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const item = data.get(DRAG_MIME);
    if (!item || !target || target.kind !== 'group') return;
    const priority = target.group.id.split('/')[0]!;
    if (priority !== 'P1' && priority !== 'P2' && priority !== 'P3') {
      if (priority === UNTRIAGED || this.grouping === 'priority')
        void vscode.window.showInformationMessage(l10n.t('Drop requirements on P1, P2 or P3 to set their priority.'));
      return;
    }
    const value: unknown = typeof item.value === 'string' ? JSON.parse(item.value) : item.value;
    const files = Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
    const nodes = files.map((f) => this.requirementNodes.get(f)).filter((n): n is RequirementNode => n !== undefined);
    if (nodes.length) await this.onPriorityDrop(nodes, priority);
  }

  dispose(): void {
    this.indexListener?.dispose();
    this.saveListener?.dispose();
    this.commitsListener?.dispose();
    this.codeRefsListener?.dispose();
    this.changeEmitter.dispose();
  }
}
