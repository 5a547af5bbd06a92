// Typed tree nodes: each wraps a domain object, has a stable id (expansion survives refreshes)
// and a constant context value for menus. Node objects are kept across refreshes and updated in
// place, so VS Code can refresh one node by identity.
import * as vscode from 'vscode';
import { formatMessage, type Language, type ProblemCode } from '../core/messages';
import { CUSTOMER_TIERS, HORIZONS, REQUIREMENT_TYPES, STATUSES, STRATEGIES, type RequirementType, type Status } from '../core/schema';
import { UNTRIAGED, type RequirementSummary, type TaskSummary, type TreeGroup } from '../core/tree';

export type TreeNode = GroupNode | RequirementNode | TaskNode;

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
  ) {}
  get id(): string {
    return `req:${this.summary.file}`;
  }
}

export class TaskNode {
  readonly kind = 'task';
  constructor(
    public task: TaskSummary,
    public parent: RequirementNode,
  ) {}
  get id(): string {
    return `task:${this.parent.summary.file}#${this.task.id}`;
  }
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

function zh(lang: Language): boolean {
  return lang === 'zh-cn';
}

/** A group's label: the priority, type, status, customer or owner, in the UI language. */
export function groupLabel(g: TreeGroup, lang: Language): string {
  switch (g.kind) {
    case 'priority':
      return g.key === UNTRIAGED ? vscode.l10n.t('Untriaged') : g.key;
    case 'type': {
      if (!g.key) return vscode.l10n.t('No valid type');
      const names: Record<RequirementType, [string, string]> = {
        functional: ['functional', '功能'],
        experience: ['experience', '体验'],
        business: ['business', '商务'],
        service: ['service', '服务'],
      };
      const [en, cn] = names[g.key as RequirementType];
      return zh(lang) ? `${cn} ${en}` : `${en} ${cn}`;
    }
    case 'status':
      return g.key ? statusLabel(g.key as Status, lang) : vscode.l10n.t('No status');
    case 'customer':
      return g.key || vscode.l10n.t('No customer');
    case 'owner':
      return g.key || vscode.l10n.t('No owner');
  }
}

function statusLabel(status: Status, lang: Language): string {
  const doc = STATUSES[status];
  return zh(lang) ? `${doc.aliases[0]} ${status}` : status;
}

function priorityHint(key: string): string | undefined {
  // One literal per call, so that the strings can be found and translated.
  if (key === 'P1') return vscode.l10n.t('urgent and important: do now');
  if (key === 'P2') return vscode.l10n.t('plan it');
  if (key === 'P3') return vscode.l10n.t('defer');
  return undefined;
}

export function groupItem(node: GroupNode, lang: Language): vscode.TreeItem {
  const g = node.group;
  const item = new vscode.TreeItem(groupLabel(g, lang), vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = String(g.count);
  item.contextValue = g.kind === 'priority' || (g.kind === 'type' && g.id.includes('/')) ? 'reqdesk.priorityGroup' : 'reqdesk.group';
  if (g.kind === 'priority') {
    item.iconPath = new vscode.ThemeIcon(g.key === 'P1' ? 'flame' : g.key === UNTRIAGED ? 'inbox' : 'layers');
    const hint = priorityHint(g.key);
    item.tooltip = hint ? `${g.key}: ${hint}` : vscode.l10n.t('Neither a priority nor scores yet');
  }
  return item;
}

function scoreText(s: RequirementSummary): string {
  const { importance, urgency, feasibility } = s.scores;
  const v = (n?: number) => (n === undefined ? '–' : String(n));
  return vscode.l10n.t('importance {0} · urgency {1} · feasibility {2}', v(importance), v(urgency), v(feasibility));
}

export function requirementItem(node: RequirementNode, lang: Language): vscode.TreeItem {
  const s = node.summary;
  const label = [s.id, s.title].filter(Boolean).join(' ') || vscode.workspace.asRelativePath(vscode.Uri.parse(s.file), false);
  const item = new vscode.TreeItem(label, s.tasks.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.resourceUri = vscode.Uri.parse(s.file);
  const marks: string[] = [];
  if (s.priorityMismatch) marks.push('⚠');
  if (s.lateTasks > 0) marks.push(vscode.l10n.t('{0} late', s.lateTasks));
  item.description = [...marks, [s.status, s.owner, s.customer].filter(Boolean).join(' · ')].filter(Boolean).join('  ');
  const icon = s.errors > 0 ? 'error' : s.status ? STATUS_ICONS[s.status] : 'circle-large-outline';
  const color = s.errors > 0 ? new vscode.ThemeColor('problemsErrorIcon.foreground') : s.lateTasks > 0 || s.priorityMismatch ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined;
  item.iconPath = new vscode.ThemeIcon(icon, color);
  item.contextValue = 'reqdesk.requirement';
  item.command = { command: 'reqdesk.open', title: vscode.l10n.t('Open'), arguments: [node] };
  item.tooltip = requirementTooltip(s, lang);
  return item;
}

function requirementTooltip(s: RequirementSummary, lang: Language): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  const text = (value: string) => md.appendText(value);
  md.appendMarkdown('**');
  text([s.id, s.title].filter(Boolean).join(' '));
  md.appendMarkdown('**\n\n');
  const rows: Array<[string, string | undefined]> = [
    [vscode.l10n.t('Priority'), s.priority ? `${s.priority}${s.derivedPriority && s.derivedPriority !== s.priority ? ` (${vscode.l10n.t('scores say {0}', s.derivedPriority)})` : ''}` : undefined],
    [vscode.l10n.t('Type'), s.type ? `${s.type} ${REQUIREMENT_TYPES[s.type].aliases[0]}` : undefined],
    [vscode.l10n.t('Status'), s.status ? statusLabel(s.status, lang) : undefined],
    [vscode.l10n.t('Customer'), s.customer ? `${s.customer}${s.tier ? ` (${s.tier} ${CUSTOMER_TIERS[s.tier as keyof typeof CUSTOMER_TIERS]?.aliases[0] ?? ''})` : ''}` : undefined],
    [vscode.l10n.t('Scores'), scoreText(s)],
    [vscode.l10n.t('Strategy'), s.strategy ? `${s.strategy} ${STRATEGIES[s.strategy as keyof typeof STRATEGIES]?.aliases[0] ?? ''}` : undefined],
    [vscode.l10n.t('Horizon'), s.horizon ? `${s.horizon} ${HORIZONS[s.horizon as keyof typeof HORIZONS]?.aliases[0] ?? ''}` : undefined],
    [vscode.l10n.t('Tasks'), s.tasks.length ? vscode.l10n.t('{0}/{1} done', s.tasksDone, s.tasks.length) + (s.lateTasks ? ` · ${vscode.l10n.t('{0} late', s.lateTasks)}` : '') : undefined],
    [vscode.l10n.t('Owner'), s.owner],
  ];
  for (const [name, value] of rows) {
    if (value === undefined) continue;
    md.appendMarkdown(`${name}: `);
    text(value);
    md.appendMarkdown('  \n');
  }
  if (s.firstProblem) {
    md.appendMarkdown('\n$(warning) ');
    text(formatMessage(s.firstProblem.code as ProblemCode, s.firstProblem.args, lang, (f) => vscode.workspace.asRelativePath(vscode.Uri.parse(f), false)));
    const more = s.errors + s.warnings - 1;
    if (more > 0) md.appendMarkdown(` ${vscode.l10n.t('(+{0} more in the Problems panel)', more)}`);
  }
  return md;
}

export function taskItem(node: TaskNode): vscode.TreeItem {
  const t = node.task;
  const item = new vscode.TreeItem(`${t.id} ${t.title}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const dates = t.start && t.end ? (t.start === t.end ? t.start : `${t.start} → ${t.end}`) : undefined;
  item.description = [t.late ? vscode.l10n.t('late') : undefined, t.owner, dates, t.status].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(t.late ? 'warning' : (TASK_ICONS[t.status ?? 'todo'] ?? 'circle-large-outline'), t.late ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
  item.contextValue = 'reqdesk.task';
  item.command = { command: 'reqdesk.open', title: vscode.l10n.t('Open'), arguments: [node] };
  return item;
}
