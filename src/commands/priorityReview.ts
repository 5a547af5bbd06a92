// Record Priority Review (需求优先级评审, seed 000 §三.3): the stakeholders' review of the ranked
// order, written as a `reviews` entry. A short multi-step input — date, who took part, the result
// (confirmed, or changed and what changed: priority, MoSCoW, scores), a note — or the same answers
// as arguments. The adjustments and the entry are one minimal edit: one undo restores the file.
import * as vscode from 'vscode';
import type { RequirementIndex } from '../core/index';
import { localizeLater } from '../core/l10n';
import { frontMatterList } from '../core/listEdits';
import {
  hasAdjustments,
  lastParticipants,
  MOSCOW_VALUES,
  overruledPriority,
  parseParticipants,
  recordReviewEdits,
  REVIEW_RESULT_VALUES,
  REVIEW_SCORE_KEYS,
  reviewProblem,
  type MoscowClass,
  type PriorityReview,
  type ReviewAdjustments,
  type ReviewResult,
  type ReviewScoreKey,
} from '../core/priorityReview';
import { MOSCOW, REVIEW_RESULTS, SCORE_LEVELS, type Priority } from '../core/schema';
import type { RequirementSummary } from '../core/tree';
import { fieldMeaning, valueAlias, valueMeaning } from '../core/valueLabel';
import { gitUserName } from '../scm/gitExtension';
import { isArgs, type TreeCommands } from '../tree/treeCommands';
import { applyComputedEditsOrReport } from '../workspace/applyEdits';
import { aliasDisplay, l10n, uiLanguage } from '../workspace/uiText';
import { dateStep, runSteps, validateRequired, type Step, type StepUI } from './multiStep';
import { StepBack } from '../core/steps';

/** Arguments a keybinding, a script or a test may pass instead of answering the prompts. */
export interface PriorityReviewArgs extends ReviewAdjustments {
  id?: string;
  file?: string;
  date?: string;
  /** Who took part: a list, or names separated by commas (、，; too). */
  by?: string | string[];
  result?: ReviewResult;
  note?: string;
}

interface ReviewState extends ReviewAdjustments {
  date?: string;
  by?: string;
  result?: ReviewResult;
  note?: string;
}

type AdjustChoice = 'done' | 'priority' | 'moscow' | ReviewScoreKey;

export function registerPriorityReview(
  index: () => RequirementIndex | undefined,
  triage: Pick<TreeCommands, 'targets'>,
): vscode.Disposable[] {
  const command = new PriorityReviewCommand(index, triage);
  return [
    vscode.commands.registerCommand('reqdesk.recordPriorityReview', (a: unknown, _b: unknown, args: unknown) => command.run(a, args)),
  ];
}

export class PriorityReviewCommand {
  private readonly lang = uiLanguage();

  constructor(
    private readonly index: () => RequirementIndex | undefined,
    private readonly triage: Pick<TreeCommands, 'targets'>,
  ) {}

  async run(a: unknown, rawArgs?: unknown): Promise<boolean> {
    const args = (isArgs(rawArgs) ? rawArgs : isArgs(a) ? a : {}) as PriorityReviewArgs;
    const summary = (await this.triage.targets(a, undefined, args))?.[0];
    const index = this.index();
    if (!summary || !index) return false;
    // The arguments carry answers (not just the target): the optional note is then not asked for.
    const scripted = Object.keys(args).some((k) => k !== 'id' && k !== 'file');
    const uri = vscode.Uri.parse(summary.file);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const record = index.get(summary.file)?.data ?? {};
    const threshold = index.settings.priorityThreshold;

    const state: ReviewState = {
      date: args.date,
      by: Array.isArray(args.by) ? args.by.join(', ') : args.by,
      result: args.result,
      note: args.note,
      priority: args.priority,
      moscow: args.moscow,
      scores: args.scores,
    };
    const title = `${l10n.t('Record priority review')} · ${summary.id ?? vscode.workspace.asRelativePath(uri, false)}`;
    const usual =
      lastParticipants(frontMatterList(text, 'reviews')).join(', ') || (state.by === undefined ? await gitUserName(uri) : undefined);
    const overruled = () => overruledPriority(record, state, threshold);
    const steps: Array<Step<ReviewState> | undefined> = [
      state.date === undefined ? dateStep('date', title, l10n.t('Date of the review (YYYY-MM-DD)')) : undefined,
      state.by === undefined
        ? async (ui, s) => {
            s.by = (
              await ui.input({
                title,
                prompt: l10n.t('Who took part: names or roles, separated by commas'),
                value: s.by ?? usual ?? '',
                validate: validateRequired,
              })
            ).trim();
          }
        : undefined,
      state.result === undefined ? (ui, s) => this.askOutcome(ui, s, summary, title) : undefined,
      state.note === undefined && !scripted
        ? async (ui, s) => {
            const overrules = overruled();
            s.note = (
              await ui.input({
                title,
                prompt: overrules
                  ? l10n.t('Why {0}, although the scores give another priority (also written to priority_reason)', overrules)
                  : l10n.t('What was decided, and why (optional)'),
                value: s.note,
                validate: overrules ? validateRequired : undefined,
              })
            ).trim();
          }
        : undefined,
    ];
    if (!(await runSteps(state, steps))) return false;

    const review: PriorityReview = {
      date: state.date?.trim() ?? '',
      by: parseParticipants(state.by ?? ''),
      result: state.result ?? 'confirmed',
      ...(state.note?.trim() ? { note: state.note.trim() } : {}),
      ...(state.priority !== undefined ? { priority: state.priority } : {}),
      ...(state.moscow !== undefined ? { moscow: state.moscow } : {}),
      ...(state.scores && Object.keys(state.scores).length ? { scores: state.scores } : {}),
    };
    const problem = reviewProblem(review);
    if (problem) return this.invalid(localizeLater(this.lang, problem));
    const overrules = overruledPriority(record, review, threshold);
    if (overrules && !review.note)
      return this.invalid(l10n.t('{0} overrules the scores: give a note that says why (it is written to priority_reason too).', overrules));
    return applyComputedEditsOrReport(
      [{ file: summary.file, compute: (current) => recordReviewEdits(current, review, overrules ? review.note : undefined) }],
      l10n.t('Record priority review'),
    );
  }

  private invalid(message: string): false {
    void vscode.window.showErrorMessage(message);
    return false;
  }

  /**
   * The result, and for a changed order what changed: one step, so that its counter stays the same
   * whichever the answer. Back from an adjustment returns to the result.
   */
  private async askOutcome(ui: StepUI, s: ReviewState, summary: RequirementSummary, title: string): Promise<void> {
    const display = aliasDisplay();
    for (;;) {
      s.result = await ui.pick<ReviewResult>({
        title,
        placeholder: l10n.t('Result of the review'),
        items: REVIEW_RESULT_VALUES.map((r) => ({
          label: r,
          description: valueAlias(REVIEW_RESULTS[r], this.lang, display),
          detail: r === 'changed' ? l10n.t('Next: adjust the priority, MoSCoW or scores') : valueMeaning(REVIEW_RESULTS[r], this.lang),
          value: r,
        })),
        active: s.result ?? 'confirmed',
      });
      if (s.result === 'confirmed') {
        // A confirmed order changes nothing: adjustments picked before going back are dropped.
        delete s.priority;
        delete s.moscow;
        delete s.scores;
        return;
      }
      try {
        await this.askAdjustments(ui, s, summary, title);
        return;
      } catch (error) {
        if (!(error instanceof StepBack)) throw error;
      }
    }
  }

  /** Picks what the review changed, one field at a time, until Done. */
  private async askAdjustments(ui: StepUI, s: ReviewState, summary: RequirementSummary, title: string): Promise<void> {
    const now = (before: string | number | undefined, after: string | number | undefined) =>
      after === undefined || after === before ? String(before ?? '–') : `${before ?? '–'} → ${after}`;
    for (;;) {
      const items: Array<vscode.QuickPickItem & { value: AdjustChoice }> = [
        {
          label: `$(check) ${l10n.t({ message: 'Done', comment: 'finish choosing' })}`,
          description: hasAdjustments(s) ? undefined : l10n.t('nothing changed yet'),
          value: 'done',
        },
        { label: l10n.t('Priority'), description: now(summary.priority, s.priority), value: 'priority' },
        { label: l10n.t('MoSCoW'), description: now(summary.moscow, s.moscow), value: 'moscow' },
        ...REVIEW_SCORE_KEYS.map((key) => ({
          label: scoreLabel(key),
          description: now(summary.scores[key], s.scores?.[key]),
          value: key,
        })),
      ];
      const choice = await ui.pick<AdjustChoice>({ title, placeholder: l10n.t('What did the review change? Pick one, then Done'), items });
      if (choice === 'done') return;
      try {
        if (choice === 'priority') s.priority = await this.askPriority(ui, title, s.priority ?? summary.priority);
        else if (choice === 'moscow') s.moscow = await this.askMoscow(ui, title, s.moscow ?? (summary.moscow as MoscowClass | undefined));
        else s.scores = { ...s.scores, [choice]: await this.askScore(ui, title, choice, s.scores?.[choice] ?? summary.scores[choice]) };
      } catch (error) {
        // Back from a value returns to the list of what changed.
        if (!(error instanceof StepBack)) throw error;
      }
    }
  }

  private askPriority(ui: StepUI, title: string, current: Priority | undefined): Promise<Priority> {
    return ui.pick<Priority>({
      title,
      placeholder: l10n.t('Priority after the review'),
      items: [
        { label: 'P1', detail: l10n.t('Urgent and important: do now (紧急且重要)'), value: 'P1' },
        { label: 'P2', detail: l10n.t('Important or urgent: plan it (计划处理)'), value: 'P2' },
        { label: 'P3', detail: l10n.t('Neither: defer (暂缓处理)'), value: 'P3' },
      ],
      active: current,
    });
  }

  private askMoscow(ui: StepUI, title: string, current: MoscowClass | undefined): Promise<MoscowClass> {
    const display = aliasDisplay();
    return ui.pick<MoscowClass>({
      title,
      placeholder: l10n.t('MoSCoW after the review'),
      items: MOSCOW_VALUES.map((m) => ({
        label: m,
        description: valueAlias(MOSCOW[m], this.lang, display),
        detail: valueMeaning(MOSCOW[m], this.lang),
        value: m,
      })),
      active: current,
    });
  }

  private askScore(ui: StepUI, title: string, key: ReviewScoreKey, current: number | undefined): Promise<number> {
    return ui.pick<number>({
      title,
      placeholder: `${scoreLabel(key)}: ${fieldMeaning(SCORE_LEVELS[key], this.lang)}`,
      items: [5, 4, 3, 2, 1].map((n) => ({ label: String(n), value: n })),
      active: current,
    });
  }
}

function scoreLabel(key: ReviewScoreKey): string {
  // One literal per call, so that the strings can be found and translated.
  if (key === 'importance') return l10n.t('importance 重要性');
  if (key === 'urgency') return l10n.t('urgency 紧急性');
  if (key === 'feasibility') return l10n.t('feasibility 可行性');
  if (key === 'value') return l10n.t('value 价值');
  return l10n.t('effort 投入');
}
