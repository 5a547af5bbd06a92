// Typed tree nodes: each wraps a domain object, has a stable id (expansion survives refreshes)
// and a constant context value for menus. Node objects are kept across refreshes and updated in
// place, so VS Code can refresh one node by identity.
import * as vscode from 'vscode';
import { formatMessage, type Language, type ProblemCode } from '../core/messages';
import {
  CUSTOMER_TIERS,
  HORIZONS,
  REQUIREMENT_TYPES,
  STATUSES,
  STRATEGIES,
  TASK_STATUSES,
  type RequirementType,
  type Status,
} from '../core/schema';
import {
  teamStatusLabel,
  UNTRIAGED,
  type CustomerGroupInfo,
  type CustomerMention,
  type RequirementSummary,
  type TaskSummary,
  type TreeGroup,
} from '../core/tree';
import { rankReason, type RankCriterion } from '../core/ranking';
import type { TeamRules } from '../core/teamSchema';
import { relativeTime } from '../core/relativeTime';
import { valueAlias, valueLabel } from '../core/valueLabel';
import type { LocatedRef } from '../scm/codeRefService';
import type { LinkedCommit } from '../scm/commitService';
import type { HistoryEntry } from '../core/history';
import { describeHistoryEntry } from '../core/historyText';
import { aliasDisplay, l10n } from '../workspace/uiText';

export type TreeNode =
  | FilterNode
  | GroupNode
  | RequirementNode
  | TaskNode
  | CommitsNode
  | CommitNode
  | CodeRefsNode
  | CodeRefNode
  | HistoryNode
  | HistoryEntryNode
  | MessageNode
  | MoreRowsNode;

/**
 * The first row of a filtered tree: a link that clears the filter. A view's message above the
 * tree is plain text, so the action a filtered tree needs most sits where a click reaches it.
 */
export class FilterNode {
  readonly kind = 'filter';
  readonly parent = undefined;
  constructor(
    /** The filter in words (`Status: planned, Owner: 李四`). */
    public filter: string,
    /** How many requirements the whole tree has. */
    public total: number,
  ) {}
  get id(): string {
    return 'filter';
  }
}

export class GroupNode {
  readonly kind = 'group';
  constructor(public group: TreeGroup) {}
  get id(): string {
    return `group:${this.group.id}`;
  }
}

export class RequirementNode {
  readonly kind = 'requirement';
  constructor(
    public summary: RequirementSummary,
    public parent: GroupNode | undefined,
    /**
     * The group of a second (third…) place of the record: grouped by customer, a requirement sits
     * under each customer who asked for it, and each place needs ids of its own.
     */
    readonly placement?: string,
  ) {}
  /** The tree's last walk that met this row: rows a walk did not meet are gone. */
  walkMark = 0;
  /** The file, or the file and the group of a further place: unique in the tree, stable across refreshes. */
  get key(): string {
    return this.placement === undefined ? this.summary.file : `${this.summary.file}@${this.placement}`;
  }
  get id(): string {
    return `req:${this.key}`;
  }
}

export class TaskNode {
  readonly kind = 'task';
  constructor(
    public task: TaskSummary,
    public parent: RequirementNode,
  ) {}
  get id(): string {
    return `task:${this.parent.key}#${this.task.id}`;
  }
}

/** The "Commits" folder under a requirement whose ID commits mention. */
export class CommitsNode {
  readonly kind = 'commits';
  constructor(
    public count: number,
    public parent: RequirementNode,
  ) {}
  get id(): string {
    return `commits:${this.parent.key}`;
  }
}

export class CommitNode {
  readonly kind = 'commit';
  constructor(
    public commit: LinkedCommit,
    public parent: CommitsNode,
  ) {}
  get id(): string {
    return `commit:${this.parent.parent.key}#${this.commit.repository}#${this.commit.hash}`;
  }
}

/** *Implemented in* (mentions in code) or *Tested by* (mentions in tests) under a requirement. */
export class CodeRefsNode {
  readonly kind = 'code-refs';
  constructor(
    readonly which: 'code' | 'tests',
    public count: number,
    public parent: RequirementNode,
  ) {}
  get id(): string {
    return `${this.which}:${this.parent.key}`;
  }
}

/** One mention: a file and line that opens there. */
export class CodeRefNode {
  readonly kind = 'code-ref';
  constructor(
    public located: LocatedRef,
    public parent: CodeRefsNode,
  ) {}
  get id(): string {
    const r = this.located.ref;
    return `${this.parent.id}#${this.located.uri.toString()}:${r.line}:${r.column}`;
  }
}

/** The "History" folder: the record's field and section changes over its file's git history. */
export class HistoryNode {
  readonly kind = 'history';
  constructor(public parent: RequirementNode) {}
  get id(): string {
    return `history:${this.parent.key}`;
  }
}

export class HistoryEntryNode {
  readonly kind = 'history-entry';
  constructor(
    public entry: HistoryEntry,
    public repository: string,
    public parent: HistoryNode,
  ) {}
  get id(): string {
    return `history:${this.parent.parent.key}#${this.entry.commit}`;
  }
}

/** A line of text where a folder has nothing to list (and says why). */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    public text: string,
    public parent: HistoryNode,
  ) {}
  get id(): string {
    return `message:${this.parent.id}`;
  }
}

/**
 * The last row of a group that holds more requirements than it shows: shows the next page. A
 * group of thousands would otherwise hand VS Code a row for each, every one converted and sent
 * to the workbench, when a user scrolls the first few and filters for the rest.
 */
export class MoreRowsNode {
  readonly kind = 'more';
  constructor(
    public parent: GroupNode,
    public shown: number,
    public total: number,
  ) {}
  get id(): string {
    return `more:${this.parent.group.id}`;
  }
}

/** What the tree shows of commit links; `count` is undefined while links are not known. */
export interface CommitFigures {
  count: number | undefined;
}

const STATUS_ICONS: Record<Status, string> = {
  new: 'circle-large-outline',
  analyzing: 'search',
  planned: 'calendar',
  'in-progress': 'sync',
  delivered: 'package',
  verified: 'verified',
  closed: 'pass-filled',
  declined: 'circle-slash',
  'on-hold': 'debug-pause',
};

const TASK_ICONS: Record<string, string> = { todo: 'circle-large-outline', doing: 'sync', done: 'pass', blocked: 'error' };

/** A group's label: the priority, type, status, customer or owner, in the UI language. */
export function groupLabel(g: TreeGroup, lang: Language): string {
  switch (g.kind) {
    case 'priority':
      return g.key === UNTRIAGED ? l10n.t('Untriaged') : g.key;
    case 'type': {
      if (!g.key) return l10n.t('No valid type');
      const type = g.key as RequirementType;
      return valueLabel(type, REQUIREMENT_TYPES[type], lang, aliasDisplay());
    }
    case 'status':
      if (g.teamStatus) return teamStatusLabel(g.key, g.teamStatus, lang);
      return g.key ? statusLabel(g.key as Status, lang) : l10n.t('No status');
    case 'customer':
      return g.key || l10n.t('No customer');
    case 'owner':
      return g.key || l10n.t('No owner');
  }
}

/** A record's status for the tooltip: the team's status with its ReqDesk stage in brackets, or the stage. */
function statusText(s: RequirementSummary, lang: Language, team: TeamRules | null | undefined): string | undefined {
  if (s.teamStatus === undefined) return s.status ? statusLabel(s.status, lang) : undefined;
  const name = teamStatusLabel(s.teamStatus, team?.statuses?.get(s.teamStatus), lang);
  return s.status ? `${name} (${statusLabel(s.status, lang)})` : name;
}

function statusLabel(status: Status, lang: Language): string {
  const alias = valueAlias(STATUSES[status], lang, aliasDisplay());
  return alias ? `${alias} ${status}` : status;
}

function priorityHint(key: string): string | undefined {
  // One literal per call, so that the strings can be found and translated.
  if (key === 'P1') return l10n.t('urgent and important: do now');
  if (key === 'P2') return l10n.t('plan it');
  if (key === 'P3') return l10n.t('defer');
  return undefined;
}

export function groupItem(node: GroupNode, lang: Language): vscode.TreeItem {
  const g = node.group;
  const item = new vscode.TreeItem(groupLabel(g, lang), vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = String(g.count);
  item.contextValue =
    g.kind === 'priority' || (g.kind === 'type' && g.id.includes('/'))
      ? 'reqdesk.priorityGroup'
      : g.kind === 'customer' && g.key
        ? 'reqdesk.customerGroup'
        : 'reqdesk.group';
  if (g.kind === 'priority') {
    item.iconPath = new vscode.ThemeIcon(g.key === 'P1' ? 'flame' : g.key === UNTRIAGED ? 'inbox' : 'layers');
    const hint = priorityHint(g.key);
    item.tooltip = hint ? `${g.key}: ${hint}` : l10n.t('Neither a priority nor scores yet');
  }
  if (g.kind === 'customer' && g.customer) customerGroup(item, g, g.customer, lang);
  return item;
}

/** When a customer last heard from us: "last contacted 12 days ago", or "never contacted". */
export function lastContactText(info: Pick<CustomerGroupInfo, 'lastContact' | 'daysSince'>): string {
  const days = info.daysSince;
  if (!info.lastContact) return l10n.t('never contacted');
  if (days === undefined || days < 0) return l10n.t('last contacted on {0}', info.lastContact);
  if (days === 0) return l10n.t('last contacted today');
  if (days === 1) return l10n.t('last contacted yesterday');
  return l10n.t('last contacted {0} days ago', days);
}

function brokenPromisesText(count: number): string {
  return count === 1 ? l10n.t('1 broken promise') : l10n.t('{0} broken promises', count);
}

/**
 * A customer's group: a star for a key account, its open requirements, when the customer last
 * heard from us and the promises to them that were broken; the details in the tooltip.
 */
function customerGroup(item: vscode.TreeItem, g: TreeGroup, info: CustomerGroupInfo, lang: Language): void {
  item.contextValue = 'reqdesk.customerGroup';
  const warn = info.contactOverdue !== undefined || info.brokenPromises > 0;
  item.iconPath = new vscode.ThemeIcon(
    info.tier === 'key' ? 'star-full' : 'person',
    warn ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
  );
  item.description = [
    l10n.t('{0} open', info.open),
    lastContactText(info),
    info.brokenPromises > 0 ? brokenPromisesText(info.brokenPromises) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  md.appendMarkdown(info.tier === 'key' ? '$(star-full) **' : '**');
  md.appendText(g.key);
  md.appendMarkdown('**\n\n');
  const rows: Array<[string, string | undefined]> = [
    [l10n.t('Tier'), info.tier ? tierText(info.tier, lang) : l10n.t('none (counted as existing)')],
    [l10n.t('Requirements'), l10n.t('{0}, {1} open', g.count, info.open)],
    [l10n.t('Last contact'), info.lastContact ? `${info.lastContact} (${lastContactText(info)})` : lastContactText(info)],
    [l10n.t('Contact cadence'), info.contactOverdue ? l10n.t('every {0} days: overdue', info.contactOverdue.every) : undefined],
    [l10n.t('Broken promises'), info.brokenPromises > 0 ? brokenPromisesText(info.brokenPromises) : undefined],
  ];
  for (const [name, value] of rows) {
    if (value === undefined) continue;
    md.appendMarkdown(`${name}: `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  }
  item.tooltip = md;
}

function tierText(tier: string, lang: Language): string {
  return valueLabel(tier, CUSTOMER_TIERS[tier as keyof typeof CUSTOMER_TIERS], lang, aliasDisplay());
}

/** Everyone who asked, with their tiers: "华东制造 (key), Northwind, 华南物流 (new)". */
function askersList(customers: readonly CustomerMention[], lang: Language): string {
  return customers.map((c) => (c.tier ? `${c.name} (${tierText(c.tier, lang)})` : c.name)).join(', ');
}

function scoreText(s: RequirementSummary): string {
  const { importance, urgency, feasibility } = s.scores;
  const v = (n?: number) => (n === undefined ? '–' : String(n));
  return l10n.t('importance {0} · urgency {1} · feasibility {2}', v(importance), v(urgency), v(feasibility));
}

/** Delivered or verified, yet no commit mentions the ID: the work is not traceable. */
export function deliveredWithoutCommit(s: RequirementSummary, commits: CommitFigures): boolean {
  return commits.count === 0 && (s.status === 'delivered' || s.status === 'verified');
}

/** Commits mention the ID while the record still says `new`: the status lags behind the work. */
export function commitsButNew(s: RequirementSummary, commits: CommitFigures): boolean {
  return (commits.count ?? 0) > 0 && s.status === 'new';
}

export function requirementItem(
  node: RequirementNode,
  lang: Language,
  commits: CommitFigures,
  /** Mentions of the ID in code and in tests; undefined while they are not known. */
  code?: { code: number; tests: number },
): vscode.TreeItem {
  const s = node.summary;
  const label = [s.id, s.title].filter(Boolean).join(' ') || vscode.workspace.asRelativePath(vscode.Uri.parse(s.file), false);
  // With commit links, every record has at least its History folder.
  const hasChildren = s.taskCount > 0 || commits.count !== undefined || (code !== undefined && code.code + code.tests > 0);
  const item = new vscode.TreeItem(label, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.resourceUri = vscode.Uri.parse(s.file);
  const marks: string[] = [];
  // Kept in its group by its last valid values while unsaved text is invalid: say so.
  if (s.editing) marks.push(l10n.t('editing'));
  if (s.priorityMismatch) marks.push('⚠');
  if (s.raisedByDemand) marks.push(l10n.t('raised by demand'));
  if (s.lateTasks > 0) marks.push(l10n.t('{0} late', s.lateTasks));
  if (s.missingAdjustments > 0) marks.push(l10n.t('no adjustment'));
  for (const o of s.overdue) marks.push(o.code === 'delivery-overdue' ? l10n.t('delivery overdue') : l10n.t('feedback overdue'));
  if (deliveredWithoutCommit(s, commits)) marks.push(l10n.t('no commit'));
  if (commitsButNew(s, commits)) marks.push(l10n.t('has commits, still new'));
  // Only what needs attention: at the side bar's default width the ID and title fill the row, and
  // status, owner and customer (the icon shows the status; all three are in the tooltip) were
  // cut off anyway.
  item.description = marks.join('  ');
  const icon = s.errors > 0 ? 'error' : s.status ? STATUS_ICONS[s.status] : 'circle-large-outline';
  const warn =
    s.lateTasks > 0 ||
    s.missingAdjustments > 0 ||
    s.overdue.length > 0 ||
    s.priorityMismatch ||
    deliveredWithoutCommit(s, commits) ||
    commitsButNew(s, commits);
  const color =
    s.errors > 0
      ? new vscode.ThemeColor('problemsErrorIcon.foreground')
      : warn
        ? new vscode.ThemeColor('problemsWarningIcon.foreground')
        : undefined;
  item.iconPath = new vscode.ThemeIcon(icon, color);
  item.contextValue = 'reqdesk.requirement';
  item.command = { command: 'reqdesk.open', title: l10n.t('Open'), arguments: [node] };
  // No tooltip here: VS Code asks for it on hover (resolveTreeItem, requirementItemTooltip). Made
  // for every row, it was most of the time a group of thousands of rows took to show.
  return item;
}

/** A requirement row's tooltip, made when the row is hovered. */
export function requirementItemTooltip(
  node: RequirementNode,
  lang: Language,
  commits: CommitFigures,
  ranking: readonly RankCriterion[],
  code?: { code: number; tests: number },
  /** The team schema in use: the tooltip names the team's status. */
  team?: TeamRules | null,
): vscode.MarkdownString {
  return requirementTooltip(node.summary, lang, commits, rankText(node, lang, ranking), code, team);
}

/**
 * Where the requirement ranks among those of its priority in its group, and on what: "2 of 5 ·
 * must · ROI 2.5". The group's requirements are in ranked order already (core/tree).
 */
function rankText(node: RequirementNode, lang: Language, ranking: readonly RankCriterion[]): string | undefined {
  const s = node.summary;
  const at = node.parent ? placesIn(node.parent.group).get(s.file) : undefined;
  if (!at) return undefined;
  const reason = rankReason(s, ranking, lang) || l10n.t('by ID: none of the ranking values yet');
  return l10n.t('{0} of {1} · {2}', at.place + 1, at.of, reason);
}

// Each record's place among those of its priority in its group, found once per group: searched
// for each row, a group of 10,000 rows took seconds to show.
const groupPlaces = new WeakMap<TreeGroup, Map<string, { place: number; of: number }>>();

function placesIn(group: TreeGroup): Map<string, { place: number; of: number }> {
  let places = groupPlaces.get(group);
  if (places) return places;
  places = new Map();
  const counts = new Map<string | undefined, number>();
  for (const r of group.requirements) {
    const place = counts.get(r.priority) ?? 0;
    counts.set(r.priority, place + 1);
    // The first of a file counts, as a search from the top finds it.
    if (!places.has(r.file)) places.set(r.file, { place, of: 0 });
  }
  for (const r of group.requirements) places.get(r.file)!.of = counts.get(r.priority) ?? 0;
  groupPlaces.set(group, places);
  return places;
}

function commitCountText(count: number): string {
  return count === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', count);
}

function requirementTooltip(
  s: RequirementSummary,
  lang: Language,
  commits: CommitFigures,
  rank: string | undefined,
  code: { code: number; tests: number } | undefined,
  team?: TeamRules | null,
): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  const text = (value: string) => md.appendText(value);
  md.appendMarkdown('**');
  text([s.id, s.title].filter(Boolean).join(' '));
  md.appendMarkdown('**\n\n');
  const display = aliasDisplay();
  const rows: Array<[string, string | undefined]> = [
    [
      l10n.t('Priority'),
      s.priority
        ? `${s.priority}${s.derivedPriority && s.derivedPriority !== s.priority ? ` (${l10n.t('scores say {0}', s.derivedPriority)})` : ''}` +
          (s.raisedByDemand ? ` (${l10n.t('raised by demand')})` : '')
        : undefined,
    ],
    [l10n.t('Rank'), rank],
    [l10n.t('Type'), s.type ? valueLabel(s.type, REQUIREMENT_TYPES[s.type], lang, display) : undefined],
    [l10n.t('Status'), statusText(s, lang, team)],
    (s.customers?.length ?? 0) > 1
      ? [l10n.t('Customers'), `${s.customers!.length}: ${askersList(s.customers!, lang)}`]
      : [
          l10n.t('Customer'),
          s.customer
            ? `${s.customer}${s.tier ? ` (${valueLabel(s.tier, CUSTOMER_TIERS[s.tier as keyof typeof CUSTOMER_TIERS], lang, display)})` : ''}`
            : undefined,
        ],
    [l10n.t('Scores'), scoreText(s)],
    [l10n.t('Strategy'), s.strategy ? valueLabel(s.strategy, STRATEGIES[s.strategy as keyof typeof STRATEGIES], lang, display) : undefined],
    [l10n.t('Horizon'), s.horizon ? valueLabel(s.horizon, HORIZONS[s.horizon as keyof typeof HORIZONS], lang, display) : undefined],
    [
      l10n.t('Tasks'),
      s.taskCount
        ? l10n.t('{0}/{1} done', s.tasksDone, s.taskCount) + (s.lateTasks ? ` · ${l10n.t('{0} late', s.lateTasks)}` : '')
        : undefined,
    ],
    [l10n.t('Owner'), s.owner],
    [l10n.t('Feedback'), s.missingAdjustments ? l10n.t('below expectation, no adjustment within 24 hours') : undefined],
    ...s.overdue.map((o): [string, string] =>
      o.code === 'delivery-overdue'
        ? [
            l10n.t('Promised delivery'),
            o.days === 1 ? l10n.t('{0}, yesterday, not delivered', o.due) : l10n.t('{0}, {1} days ago, not delivered', o.due, o.days),
          ]
        : [
            l10n.t('Promised feedback'),
            o.days === 1 ? l10n.t('{0}, yesterday, none recorded', o.due) : l10n.t('{0}, {1} days ago, none recorded', o.due, o.days),
          ],
    ),
    [
      l10n.t('Commits'),
      commits.count === undefined
        ? undefined
        : commitCountText(commits.count) +
          (deliveredWithoutCommit(s, commits)
            ? ` · ${l10n.t('delivered, but no commit mentions it')}`
            : commitsButNew(s, commits)
              ? ` · ${l10n.t('work has started, but the status is still new')}`
              : ''),
    ],
    [l10n.t('Code and tests'), code ? l10n.t('{0} in code, {1} in tests', code.code, code.tests) : undefined],
  ];
  for (const [name, value] of rows) {
    if (value === undefined) continue;
    md.appendMarkdown(`${name}: `);
    text(value);
    md.appendMarkdown('  \n');
  }
  if (s.firstProblem) {
    md.appendMarkdown('\n$(warning) ');
    text(
      formatMessage(s.firstProblem.code as ProblemCode, s.firstProblem.args, lang, (f) =>
        vscode.workspace.asRelativePath(vscode.Uri.parse(f), false),
      ),
    );
    const more = s.errors + s.warnings - 1;
    if (more > 0) md.appendMarkdown(` ${l10n.t('(+{0} more in the Problems panel)', more)}`);
  }
  return md;
}

export function taskItem(node: TaskNode, lang: Language): vscode.TreeItem {
  const t = node.task;
  const item = new vscode.TreeItem(`${t.id} ${t.title}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const dates = t.start && t.end ? (t.start === t.end ? t.start : `${t.start} → ${t.end}`) : undefined;
  const alias =
    t.status && t.status in TASK_STATUSES
      ? valueAlias(TASK_STATUSES[t.status as keyof typeof TASK_STATUSES], lang, aliasDisplay())
      : undefined;
  const status = alias ? `${alias} ${t.status}` : t.status;
  item.description = [t.late ? l10n.t('late') : undefined, t.owner, dates, status].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(
    t.late ? 'warning' : (TASK_ICONS[t.status ?? 'todo'] ?? 'circle-large-outline'),
    t.late ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
  );
  item.contextValue = 'reqdesk.task';
  item.command = { command: 'reqdesk.open', title: l10n.t('Open'), arguments: [node] };
  return item;
}

export function commitsItem(node: CommitsNode): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('Commits'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = String(node.count);
  item.iconPath = new vscode.ThemeIcon('git-commit');
  item.contextValue = 'reqdesk.commits';
  return item;
}

const VERB_LABELS: Record<string, () => string> = {
  refs: () => l10n.t('refers to it'),
  implements: () => l10n.t('implements it'),
  fixes: () => l10n.t('fixes it'),
  closes: () => l10n.t('closes it'),
};

export function commitItem(node: CommitNode, lang: Language, now: number): vscode.TreeItem {
  const c = node.commit;
  const item = new vscode.TreeItem(c.subject || c.hash.slice(0, 7), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = [c.hash.slice(0, 7), c.author, relativeTime(c.date, now, lang)].join(' · ');
  item.iconPath = new vscode.ThemeIcon(c.verb === 'closes' || c.verb === 'fixes' ? 'git-merge' : 'git-commit');
  item.contextValue = 'reqdesk.commit';
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  md.appendMarkdown('$(git-commit) `');
  md.appendText(c.hash.slice(0, 10));
  md.appendMarkdown('` ');
  md.appendText(`${c.author}, ${c.date.slice(0, 10)} (${relativeTime(c.date, now, lang)})`);
  md.appendMarkdown('\n\n');
  md.appendText(c.subject);
  if (c.verb) {
    md.appendMarkdown('\n\n');
    md.appendText(VERB_LABELS[c.verb]!());
  }
  item.tooltip = md;
  item.command = { command: 'reqdesk.showCommit', title: l10n.t('Show commit'), arguments: [{ repository: c.repository, hash: c.hash }] };
  return item;
}

export function codeRefsItem(node: CodeRefsNode): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.which === 'code' ? l10n.t('Implemented in') : l10n.t('Tested by'),
    vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = node.id;
  item.description = String(node.count);
  item.iconPath = new vscode.ThemeIcon(node.which === 'code' ? 'code' : 'beaker');
  item.tooltip =
    node.which === 'code'
      ? l10n.t('Files other than tests and requirement files that mention the ID')
      : l10n.t('Test files that mention the ID (setting reqdesk.trace.testFiles)');
  item.contextValue = node.which === 'code' ? 'reqdesk.implementedIn' : 'reqdesk.testedBy';
  return item;
}

export function codeRefItem(node: CodeRefNode): vscode.TreeItem {
  const { ref, uri } = node.located;
  const item = new vscode.TreeItem(`${ref.file}:${ref.line}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.resourceUri = uri;
  item.iconPath = vscode.ThemeIcon.File;
  item.tooltip = `${ref.file}:${ref.line}:${ref.column} ${ref.written ?? ref.id}`;
  item.contextValue = 'reqdesk.codeRef';
  // The editor's columns are 0-based; the mention's are 1-based, as in the CLI's output.
  const at = new vscode.Position(ref.line - 1, ref.column - 1);
  const selection = new vscode.Range(at, at.translate(0, (ref.written ?? ref.id).length));
  item.command = { command: 'vscode.open', title: l10n.t('Open'), arguments: [uri, { selection }] };
  return item;
}

export function historyItem(node: HistoryNode): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('History'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('history');
  item.tooltip = l10n.t('Who changed which fields and essential sections, and when, from the git history of the file');
  item.contextValue = 'reqdesk.history';
  return item;
}

export function historyEntryItem(node: HistoryEntryNode, lang: Language, now: number): vscode.TreeItem {
  const e = node.entry;
  const lines = describeHistoryEntry(e, lang);
  // A created file lists every first value: the label names the event, the tooltip the values.
  const label = e.fileEvents.length > 0 ? lines[0]! : lines.join('; ');
  const item = new vscode.TreeItem(label || e.commit.slice(0, 7), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = [e.commit.slice(0, 7), e.author, relativeTime(e.date, now, lang)].join(' · ');
  const icon = e.fileEvents.includes('created')
    ? 'add'
    : e.fileEvents.includes('deleted')
      ? 'trash'
      : e.fileEvents.includes('unreadable')
        ? 'warning'
        : 'edit';
  item.iconPath = new vscode.ThemeIcon(icon);
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  md.appendMarkdown('$(git-commit) `');
  md.appendText(e.commit.slice(0, 10));
  md.appendMarkdown('` ');
  md.appendText(`${e.author}, ${e.date.slice(0, 10)}`);
  for (const line of lines) {
    md.appendMarkdown('\n- ');
    md.appendText(line);
  }
  item.tooltip = md;
  item.contextValue = 'reqdesk.historyEntry';
  item.command = {
    command: 'reqdesk.showCommit',
    title: l10n.t('Show commit'),
    arguments: [{ repository: node.repository, hash: e.commit }],
  };
  return item;
}

export function filterItem(node: FilterNode): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('Clear Filter'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = l10n.t('show all {0}', node.total);
  item.tooltip = l10n.t('Filtered by {0}. Click to show all {1} requirements.', node.filter, node.total);
  item.iconPath = new vscode.ThemeIcon('clear-all');
  item.contextValue = 'reqdesk.filter';
  item.command = { command: 'reqdesk.clearFilter', title: l10n.t('Clear Filter') };
  return item;
}

export function moreRowsItem(node: MoreRowsNode, page: number): vscode.TreeItem {
  const next = Math.min(page, node.total - node.shown);
  const item = new vscode.TreeItem(l10n.t('Show {0} more', next), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = l10n.t('{0} of {1} shown', node.shown, node.total);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'reqdesk.moreRows';
  item.command = { command: 'reqdesk.showMoreRows', title: l10n.t('Show More'), arguments: [node] };
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('info');
  return item;
}
