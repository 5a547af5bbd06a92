// The triage commands: from the tree (one or several selected requirements), the command palette
// (the active editor's requirement, else a pick) or a keybinding with arguments. Every change goes
// through applyFieldChanges: minimal edits, one undo.
import * as vscode from 'vscode';
import { placeCursor } from '../workspace/positions';
import type { FieldChange } from '../core/edits';
import { closingNeeds } from '../core/validate';
import { degreeOf, expectedGoal, outcomeChanges, suggestedDegree, verifyingNeeds } from '../core/outcome';
import { readUriBounded } from '../workspace/boundedRead';
import type { RequirementIndex } from '../core/index';
import { priorityFromScores } from '../core/priority';
import {
  DEGREES,
  HORIZONS,
  REQUIREMENT_TYPES,
  SCORE_LEVELS,
  STATUSES,
  STRATEGIES,
  type Degree,
  type EnumValueDoc,
  type Priority,
  type Status,
} from '../core/schema';
import { stageOf, teamChanges, type TeamRules } from '../core/teamSchema';
import { fieldMeaning, valueAlias, valueMeaning } from '../core/valueLabel';
import {
  GROUPINGS,
  idLineOffset,
  teamStatusLabel,
  type FilterKey,
  type Grouping,
  type RequirementSummary,
  type TreeFilter,
} from '../core/tree';
import { applyFieldChangesOrReport } from '../workspace/applyEdits';
import { MoreRowsNode, RequirementNode, TaskNode, type TreeNode } from './nodes';
import { VIEW_ID, type RequirementsTree } from './requirementsTree';
import { aliasDisplay, l10n, uiLanguage } from '../workspace/uiText';

/** Arguments a keybinding or a script may pass instead of answering the prompts. */
export interface CommandArgs {
  /** Target by ID or by file (URI string). */
  id?: string;
  file?: string;
  priority?: Priority;
  reason?: string;
  score?: 'importance' | 'urgency' | 'feasibility';
  value?: number | string;
  status?: Status;
  /** Closing: why no customer feedback was collected (written to no_feedback_reason). */
  noFeedbackReason?: string;
  /** Closing: what worked and what did not (written to lessons). */
  lessons?: string;
  /**
   * Verifying: the degree met (written to outcome.degree). Given with it, the measured effect is
   * written when given too and not asked for: it is optional, and a script answers for itself.
   */
  degree?: Degree | string;
  /** Verifying: the effect measured against the expected goal (written to outcome.measured). */
  measured?: string | number;
  strategy?: keyof typeof STRATEGIES;
  grouping?: Grouping;
  filter?: TreeFilter;
}

/** What a triage command acts on: the requirements it changes, and the arguments it was given. */
export interface Triage {
  args: CommandArgs | undefined;
  targets: RequirementSummary[];
}

export interface TreeCommandsContext {
  index(): RequirementIndex;
  tree: RequirementsTree;
  view: vscode.TreeView<TreeNode>;
}

const SCORE_KEYS = ['importance', 'urgency', 'feasibility'] as const;

export function isArgs(value: unknown): value is CommandArgs {
  return (
    typeof value === 'object' && value !== null && !(value instanceof RequirementNode) && !(value instanceof TaskNode) && !('kind' in value)
  );
}

export class TreeCommands {
  private readonly lang = uiLanguage();

  constructor(private readonly ctx: TreeCommandsContext) {}

  register(): vscode.Disposable[] {
    const c = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
    // A triage command finds its targets before it asks anything; without one it does nothing.
    const triage = (id: string, fn: (t: Triage) => Promise<boolean>) =>
      c(id, async (a, b, args) => {
        const t = await this.triageOf(a, b, args);
        return t ? fn(t) : false;
      });
    return [
      c('reqdesk.open', (node) => this.open(node)),
      triage('reqdesk.setPriority', (t) => this.setPriority(t)),
      triage('reqdesk.score', (t) => this.score(t)),
      triage('reqdesk.setStatus', (t) => this.setStatus(t)),
      triage('reqdesk.setStrategy', (t) => this.setStrategy(t)),
      c('reqdesk.filter', (args) => this.filter(isArgs(args) ? args : undefined)),
      c('reqdesk.clearFilter', () => this.ctx.tree.configure(this.ctx.tree.currentGrouping, {})),
      c('reqdesk.groupBy', (args) => this.groupBy(isArgs(args) ? args : undefined)),
      c('reqdesk.revealActive', () => this.revealActive()),
      c('reqdesk.showMoreRows', (node) => node instanceof MoreRowsNode && this.ctx.tree.showMoreRows(node)),
      c('reqdesk.collapseAll', () => this.collapseAll()),
    ];
  }

  // ── targets ─────────────────────────────────────────────────────────────────────────────

  private summaryOf(file: string): RequirementSummary | undefined {
    return this.ctx.tree.summaries().find((s) => s.file === file);
  }

  /**
   * The requirements a command acts on: the selection when invoked from the tree, the arguments'
   * id/file, the active editor's requirement, or one picked from a list. Other command sets pick
   * their target here too.
   */
  async targets(a: unknown, b: unknown, args: CommandArgs | undefined): Promise<RequirementSummary[] | undefined> {
    const nodes = (Array.isArray(b) ? b : [a])
      .map((n) => (n instanceof TaskNode ? n.parent : n))
      .filter((n): n is RequirementNode => n instanceof RequirementNode);
    if (nodes.length) return nodes.map((n) => this.summaryOf(n.summary.file) ?? n.summary);
    const options = args ?? (isArgs(a) ? a : undefined);
    if (options?.file) return this.one(this.summaryOf(options.file));
    if (options?.id) return this.one(this.ctx.tree.summaries().find((s) => s.id === options.id));
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const current = active ? this.summaryOf(active) : undefined;
    if (current) return [current];
    const picked = await vscode.window.showQuickPick(
      [...this.ctx.tree.summaries()]
        .sort((x, y) => (x.id ?? '').localeCompare(y.id ?? ''))
        .map((s) => ({
          label: [s.id, s.title].filter(Boolean).join(' '),
          description: [s.priority, s.status].filter(Boolean).join(' · '),
          summary: s,
        })),
      { placeHolder: l10n.t('Which requirement?'), matchOnDescription: true },
    );
    return picked ? [picked.summary] : undefined;
  }

  private one(s: RequirementSummary | undefined): RequirementSummary[] | undefined {
    if (!s) void vscode.window.showErrorMessage(l10n.t('No requirement with that ID or file.'));
    return s ? [s] : undefined;
  }

  /** The value given in the arguments, else the one the user picks (undefined: cancelled). */
  private async choose<T>(
    given: T | undefined,
    items: () => Array<vscode.QuickPickItem & { value: T }>,
    options: vscode.QuickPickOptions,
  ): Promise<T | undefined> {
    if (given !== undefined) return given;
    return (await vscode.window.showQuickPick(items(), options))?.value;
  }

  /**
   * What a triage command acts on, as VS Code calls it: (clicked node, selected nodes, arguments)
   * from the tree, or (arguments) from a keybinding. Undefined when there is no target.
   */
  private async triageOf(a: unknown, b: unknown, rawArgs: unknown): Promise<Triage | undefined> {
    // An editor title action passes the editor's file.
    if (a instanceof vscode.Uri) return this.triageOf({ file: a.toString() }, undefined, rawArgs);
    const args = isArgs(rawArgs) ? rawArgs : isArgs(a) ? a : undefined;
    const targets = await this.targets(a, b, args);
    return targets?.length ? { args, targets } : undefined;
  }

  /** Pick items for the values of an enum: the value, its Chinese alias where the UI shows aliases, and what it means. */
  private enumItems<K extends string>(values: Record<K, EnumValueDoc>): Array<vscode.QuickPickItem & { value: K }> {
    const display = aliasDisplay();
    return (Object.keys(values) as K[]).map((v) => ({
      label: v,
      description: valueAlias(values[v], this.lang, display),
      detail: valueMeaning(values[v], this.lang),
      value: v,
    }));
  }

  private async edit(targets: RequirementSummary[], changes: (s: RequirementSummary) => FieldChange[], label: string): Promise<boolean> {
    // Written as the team's files write them: its key names, its statuses.
    const team = this.ctx.index().team;
    return applyFieldChangesOrReport(
      targets.map((s) => ({ file: s.file, changes: teamChanges(team, changes(s)) })),
      label,
    );
  }

  /** The team's statuses in its order, each with its label and the ReqDesk stage it maps to. */
  private teamStatusItems(team: TeamRules): Array<vscode.QuickPickItem & { value: string }> {
    return [...(team.statuses ?? [])].map(([name, doc]) => {
      const label = teamStatusLabel(name, doc, this.lang);
      return {
        label: name,
        description: [label === name ? undefined : label, `→ ${doc.stage}`].filter(Boolean).join(' '),
        detail: valueMeaning(STATUSES[doc.stage], this.lang),
        value: name,
      };
    });
  }

  // ── commands ────────────────────────────────────────────────────────────────────────────

  async open(node: unknown): Promise<void> {
    const target = node instanceof TaskNode ? node.parent : node instanceof RequirementNode ? node : undefined;
    const file = target?.summary.file ?? (isArgs(node) ? node.file : undefined);
    if (!file) return;
    const uri = vscode.Uri.parse(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: true });
    // On a task: its line; on a requirement: the ID line.
    const at = idLineOffset(doc.getText(), node instanceof TaskNode ? node.task.id : undefined);
    if (at >= 0) placeCursor(editor, at, true);
  }

  async setPriority({ args, targets }: Triage): Promise<boolean> {
    const priority = await this.choose(
      args?.priority,
      () =>
        (['P1', 'P2', 'P3'] as const).map((p) => ({
          label: p,
          description: targets.length === 1 && targets[0]!.derivedPriority === p ? l10n.t('derived from the scores') : undefined,
          detail:
            p === 'P1'
              ? l10n.t('Urgent and important: do now (紧急且重要)')
              : p === 'P2'
                ? l10n.t('Important or urgent: plan it (计划处理)')
                : l10n.t('Neither: defer (暂缓处理)'),
          value: p,
        })),
      { placeHolder: l10n.t('Priority of {0}', targets.map((t) => t.id ?? '?').join(', ')) },
    );
    if (!priority) return false;
    return this.writePriority(targets, priority, args?.reason);
  }

  /** Sets a priority; overruling the scores asks for (and writes) the reason. */
  async writePriority(targets: RequirementSummary[], priority: Priority, givenReason?: string): Promise<boolean> {
    const threshold = this.ctx.index().settings.priorityThreshold;
    const overruled = targets.filter((t) => {
      const derived = priorityFromScores(t.scores.importance, t.scores.urgency, threshold);
      return derived !== undefined && derived !== priority;
    });
    let reason = givenReason;
    if (overruled.length && !reason) {
      reason = await vscode.window.showInputBox({
        title: l10n.t('Why does {0} overrule the scores?', priority),
        prompt: l10n.t(
          'The scores of {0} derive another priority. The reason is written to priority_reason.',
          overruled.map((t) => t.id ?? '?').join(', '),
        ),
        validateInput: (v) => (v.trim() ? undefined : l10n.t('A reason is required to overrule the scores.')),
      });
      if (!reason?.trim()) return false;
    }
    return this.edit(
      targets,
      (t) => {
        const derived = priorityFromScores(t.scores.importance, t.scores.urgency, threshold);
        const changes: FieldChange[] = [{ path: ['priority'], value: priority }];
        if (derived !== undefined && derived !== priority) changes.push({ path: ['priority_reason'], value: reason!.trim() });
        return changes;
      },
      l10n.t('Set priority'),
    );
  }

  async score({ args, targets }: Triage): Promise<boolean> {
    const key = await this.choose(
      args?.score,
      () =>
        SCORE_KEYS.map((k) => ({
          label: scoreName(k),
          description: targets.length === 1 ? String(targets[0]!.scores[k] ?? '–') : undefined,
          detail: fieldMeaning(SCORE_LEVELS[k], this.lang),
          value: k,
        })),
      { placeHolder: l10n.t('Which score?') },
    );
    if (!key) return false;
    const value = await this.choose(
      typeof args?.value === 'number' ? args.value : undefined,
      () => [5, 4, 3, 2, 1].map((n) => ({ label: String(n), description: levelHint(key, n), value: n })),
      { placeHolder: l10n.t('{0}: 1 (lowest) to 5 (highest)', scoreName(key)), title: fieldMeaning(SCORE_LEVELS[key], this.lang) },
    );
    if (value === undefined) return false;
    if (!Number.isInteger(value) || value < 1 || value > 5) {
      void vscode.window.showErrorMessage(l10n.t('A score is a whole number from 1 to 5.'));
      return false;
    }
    return this.edit(targets, () => [{ path: ['scores', key], value }], l10n.t('Score requirement'));
  }

  async setStatus({ args, targets }: Triage): Promise<boolean> {
    // Under a team schema the team's statuses are offered and written (ReqDesk's stages would be
    // errors in its files); the stage each maps to decides what closing or verifying asks.
    const team = this.ctx.index().team;
    // The status the targets share (one requirement, or several alike) is the one highlighted.
    const current = new Set(targets.map((t) => (team?.statuses ? (t.teamStatus ?? t.status) : t.status)));
    const shared = current.size === 1 ? [...current][0] : undefined;
    const status =
      args?.status ??
      (await pickWithActive(team?.statuses ? this.teamStatusItems(team) : this.enumItems(STATUSES), shared, {
        placeholder: l10n.t('Status of {0}', targets.map((t) => t.id ?? '?').join(', ')),
        currentLabel: l10n.t('current'),
      }));
    if (!status) return false;
    const stage = stageOf(team, status);
    if (!stage) return false;
    const answers =
      stage === 'closed'
        ? await this.closingAnswers(targets, args)
        : stage === 'verified'
          ? await this.verifyingAnswers(targets, args)
          : new Map<string, FieldChange[]>();
    if (!answers) return false;
    return this.edit(targets, (t) => [{ path: ['status'], value: status }, ...(answers.get(t.file) ?? [])], l10n.t('Set status'));
  }

  /**
   * Verifying asks what the seed's implementation report evaluates (需求实现程度, 实现效果): how far
   * the requirement met the need, once for all the records without a degree (the strategy is
   * offered first), then for each of them the effect measured against its expected goal, which
   * the question shows — optional: Enter on an empty box skips it. Escape cancels the change.
   * The answers per file, or undefined when the user cancelled.
   */
  private async verifyingAnswers(
    targets: RequirementSummary[],
    args: CommandArgs | undefined,
  ): Promise<Map<string, FieldChange[]> | undefined> {
    const needing = targets
      .map((t) => ({ target: t, data: this.ctx.index().get(t.file)?.data ?? {} }))
      .filter((n) => verifyingNeeds(n.data).degree);
    const answers = new Map<string, FieldChange[]>();
    if (needing.length === 0) return answers;
    const suggestions = new Set(needing.map((n) => suggestedDegree(n.data)));
    // A scripted degree may be an alias, as in the file (部分满足); anything else cancels.
    const degree =
      args?.degree !== undefined
        ? degreeOf(args.degree)
        : await pickWithActive(this.enumItems(DEGREES), suggestions.size === 1 ? [...suggestions][0] : undefined, {
            placeholder: l10n.t(
              'Degree met of {0}: how far does it meet the need? (需求实现程度)',
              needing.map((n) => n.target.id ?? '?').join(', '),
            ),
            currentLabel: l10n.t('the response strategy'),
          });
    if (!degree) return undefined;
    for (const { target, data } of needing) {
      let measured = args?.measured;
      // A scripted degree answers for itself; nothing was delivered to measure when it was not met.
      if (measured === undefined && args?.degree === undefined && degree !== 'declined' && verifyingNeeds(data).measured) {
        const goal = await this.goalOf(target.file);
        measured = await vscode.window.showInputBox({
          title: l10n.t('Measured effect of {0} against its expected goal (optional)', target.id ?? '?'),
          prompt: goal
            ? l10n.t('Expected goal (期望目标): {0} — written to outcome.measured. Leave empty to skip.', goal)
            : l10n.t('The record writes no expected goal (期望目标). Written to outcome.measured. Leave empty to skip.'),
          placeHolder: l10n.t('e.g. energy cost down 11%'),
          ignoreFocusOut: true,
        });
        if (measured === undefined) return undefined;
      }
      answers.set(target.file, outcomeChanges({ degree, measured }));
    }
    return answers;
  }

  /** The expected goal of a record, from its editor (unsaved edits included) or its file; '' when it cannot be read. */
  private async goalOf(file: string): Promise<string> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file);
    try {
      const text =
        open?.getText() ?? new TextDecoder().decode(await readUriBounded(vscode.Uri.parse(file), this.ctx.index().settings.maxFileBytes));
      const goal = expectedGoal(text);
      // The prompt is one line under the box: a long goal is cut, the file keeps it whole.
      return goal.length > 160 ? `${goal.slice(0, 159)}…` : goal;
    } catch {
      return '';
    }
  }

  /**
   * Closing asks what the seed asks before a requirement is archived (执行与反馈, 记录成功经验):
   * why no feedback was collected when none is recorded, and the lessons of a solved requirement.
   * Each question is asked once for all the records that need it; Escape cancels the close.
   * The answers per file, or undefined when the user cancelled.
   */
  private async closingAnswers(
    targets: RequirementSummary[],
    args: CommandArgs | undefined,
  ): Promise<Map<string, FieldChange[]> | undefined> {
    // The same rule as the problems a closed record gets (core's closingNeeds).
    const needs = targets.map((t) => ({ file: t.file, needs: closingNeeds(this.ctx.index().get(t.file)?.data ?? {}) }));
    const questions = [
      {
        key: 'no_feedback_reason',
        needed: needs.filter((n) => n.needs.noFeedbackReason),
        given: args?.noFeedbackReason,
        title: l10n.t('No customer feedback is recorded. Why was none collected?'),
        prompt: l10n.t('Written to no_feedback_reason. To record the feedback instead, press Escape and use Record Customer Feedback.'),
      },
      {
        key: 'lessons',
        needed: needs.filter((n) => n.needs.lessons),
        given: args?.lessons,
        title: l10n.t('What did this requirement teach us?'),
        prompt: l10n.t('Written to lessons: what worked and what did not, for the next requirement like it.'),
      },
    ];
    const answers = new Map<string, FieldChange[]>();
    for (const q of questions) {
      if (q.needed.length === 0) continue;
      const answer =
        q.given?.trim() ||
        (
          await vscode.window.showInputBox({
            title: q.title,
            prompt: q.prompt,
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() ? undefined : l10n.t('Write a sentence, or press Escape to leave the requirement open.')),
          })
        )?.trim();
      if (!answer) return undefined;
      for (const { file } of q.needed) answers.set(file, [...(answers.get(file) ?? []), { path: [q.key], value: answer }]);
    }
    return answers;
  }

  async setStrategy({ args, targets }: Triage): Promise<boolean> {
    const strategy = await this.choose(args?.strategy, () => this.enumItems(STRATEGIES), { placeHolder: l10n.t('Response strategy') });
    if (!strategy) return false;
    if (!(strategy in STRATEGIES)) return false;
    let reason = args?.reason;
    if (strategy === 'declined' && !reason?.trim()) {
      reason = await vscode.window.showInputBox({
        title: l10n.t('Why can the requirement not be met?'),
        prompt: l10n.t('Written to decline_reason, to negotiate with the customer (需说明原因并协商).'),
        validateInput: (v) => (v.trim() ? undefined : l10n.t('A declined requirement needs a reason.')),
      });
      if (!reason?.trim()) return false;
    }
    return this.edit(
      targets,
      () => [
        { path: ['strategy'], value: strategy },
        ...(strategy === 'declined' ? [{ path: ['decline_reason'], value: reason!.trim() }] : []),
      ],
      l10n.t('Set strategy'),
    );
  }

  async filter(args?: CommandArgs): Promise<void> {
    if (args?.filter) {
      this.ctx.tree.configure(this.ctx.tree.currentGrouping, { ...args.filter });
      return;
    }
    const summaries = this.ctx.tree.summaries();
    const distinct = (values: Array<string | undefined>) => [...new Set(values.filter((v): v is string => !!v))].sort();
    const kinds: Array<{
      label: string;
      key: FilterKey;
      values?: string[];
      names?: Record<string, { aliases: readonly string[] }>;
      /** A value's description in the pick (instead of its Chinese name). */
      describe?: (value: string) => string | undefined;
    }> = [
      this.statusFilterKind(),
      { label: l10n.t('Type'), key: 'type', values: Object.keys(REQUIREMENT_TYPES), names: REQUIREMENT_TYPES },
      { label: l10n.t('Horizon'), key: 'horizon', values: Object.keys(HORIZONS), names: HORIZONS },
      {
        label: l10n.t('Customer'),
        key: 'customer',
        values: distinct(summaries.flatMap((s) => [s.customer, ...(s.customers ?? []).map((c) => c.name)])),
      },
      { label: l10n.t('Owner'), key: 'owner', values: distinct(summaries.flatMap((s) => [s.owner, ...(s.taskOwners ?? [])])) },
      { label: l10n.t('Text in ID or title'), key: 'text' },
    ];
    const kind = await vscode.window.showQuickPick(kinds, { placeHolder: l10n.t('Filter requirements by') });
    if (!kind) return;
    let value: string | undefined;
    if (kind.values) {
      // The values are what the files hold; where the UI shows aliases each also says its Chinese name.
      const display = aliasDisplay();
      const items = kind.values.map((v) => {
        const name = kind.describe ? kind.describe(v) : valueAlias(kind.names?.[v], this.lang, display);
        return { label: v, value: v, ...(name ? { description: name } : {}) };
      });
      value = (await vscode.window.showQuickPick(items, { placeHolder: kind.label, matchOnDescription: true }))?.value;
    } else value = await vscode.window.showInputBox({ prompt: kind.label, value: this.ctx.tree.currentFilter.text ?? '' });
    if (value === undefined) return;
    this.ctx.tree.configure(this.ctx.tree.currentGrouping, { ...this.ctx.tree.currentFilter, [kind.key]: value || undefined });
  }

  /** The status filter offers the team's statuses when a team schema is in use, each described by its label and stage. */
  private statusFilterKind() {
    const statuses = this.ctx.tree.team?.statuses;
    if (!statuses) return { label: l10n.t('Status'), key: 'status' as const, values: Object.keys(STATUSES), names: STATUSES };
    return {
      label: l10n.t('Status'),
      key: 'status' as const,
      values: [...statuses.keys()],
      describe: (value: string) => {
        const doc = statuses.get(value)!;
        const name = teamStatusLabel(value, doc, this.lang);
        return name === value ? doc.stage : `${name} (${doc.stage})`;
      },
    };
  }

  async groupBy(args?: CommandArgs): Promise<void> {
    let grouping = args?.grouping;
    if (!grouping) {
      const labels: Record<Grouping, string> = {
        priority: l10n.t('Priority, then type'),
        status: l10n.t('Status'),
        customer: l10n.t('Customer'),
        owner: l10n.t('Owner'),
      };
      const picked = await vscode.window.showQuickPick(
        GROUPINGS.map((g) => ({ label: labels[g], value: g, picked: g === this.ctx.tree.currentGrouping })),
        { placeHolder: l10n.t('Group requirements by') },
      );
      if (!picked) return;
      grouping = picked.value;
    }
    if (GROUPINGS.includes(grouping)) this.ctx.tree.configure(grouping, this.ctx.tree.currentFilter);
  }

  /** The view's own Collapse All, from the overflow menu: the list command acts on the focused view. */
  async collapseAll(): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await vscode.commands.executeCommand('list.collapseAll');
  }

  async revealActive(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const node = uri ? this.ctx.tree.requirementNode(uri) : undefined;
    if (!node) {
      void vscode.window.showInformationMessage(l10n.t('The active editor is not a requirement shown in the tree.'));
      return;
    }
    await this.ctx.tree.reveal(node, { select: true, focus: true, expand: true });
  }
}

/**
 * A single pick whose highlighted item is the current value (showQuickPick can only preselect in
 * multi-select pickers): Enter keeps it, arrows move from where the user already is.
 */
function pickWithActive<T>(
  items: Array<vscode.QuickPickItem & { value: T }>,
  current: T | undefined,
  options: { placeholder: string; currentLabel: string },
): Promise<T | undefined> {
  const marked = items.map((i) =>
    i.value === current ? { ...i, description: [i.description, `(${options.currentLabel})`].filter(Boolean).join(' ') } : i,
  );
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  pick.items = marked;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  const active = marked.find((i) => i.value === current);
  if (active) pick.activeItems = [active];
  return new Promise<T | undefined>((resolve) => {
    let chosen: T | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.value ?? pick.activeItems[0]?.value;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

function scoreName(key: (typeof SCORE_KEYS)[number]): string {
  if (key === 'importance') return l10n.t('importance 重要性');
  if (key === 'urgency') return l10n.t('urgency 紧急性');
  return l10n.t('feasibility 可行性');
}

/** The seed's examples of score levels, where it gives one. */
function levelHint(key: (typeof SCORE_KEYS)[number], n: number): string | undefined {
  // One literal per call, so that the strings can be found and translated.
  if (key === 'importance' && n === 5) return l10n.t('decides whether the customer renews');
  if (key === 'importance' && n === 3) return l10n.t('only improves experience');
  if (key === 'urgency' && n === 5) return l10n.t('the customer suspends payment until solved');
  if (key === 'urgency' && n === 1) return l10n.t('can wait for the next iteration');
  if (key === 'feasibility' && n === 5) return l10n.t('an existing module extends');
  if (key === 'feasibility' && n === 2) return l10n.t('needs a 3-month development cycle');
  return undefined;
}
