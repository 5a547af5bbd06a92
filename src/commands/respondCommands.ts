// The response plan and the customer's answer: add a task, add a risk, record customer feedback,
// record a change request and decide on it. Each command targets a requirement the way the triage
// commands do (tree node, `{ id | file }`, active editor, or a pick), asks in a short multi-step
// input (arguments skip the prompts), and appends one item as a minimal edit: one undo restores it.
import * as vscode from 'vscode';
import type { RequirementIndex } from '../core/index';
import { appendListItem, frontMatterList, nextTaskId, type ListItem } from '../core/listEdits';
import { isValidIsoDate } from '../core/schedule';
import { CHANGE_DECISIONS } from '../core/schema';
import { valueAlias, valueMeaning } from '../core/valueLabel';
import type { RequirementSummary } from '../core/tree';
import { applyComputedEditsOrReport, applyFieldChangesOrReport } from '../workspace/applyEdits';
import { isArgs, type TreeCommands } from '../tree/treeCommands';
import { dateStep, pickStep, runSteps, textStep, validateDays, validateRequired, type Step } from './multiStep';
import { aliasDisplay, l10n, uiLanguage } from '../workspace/uiText';

export type ChangeDecision = keyof typeof CHANGE_DECISIONS;

/**
 * Arguments a keybinding, a script or a test may pass instead of answering the prompts. Given any
 * answer, the optional ones left out (owner, note) are not asked for; required ones still are.
 */
export interface RespondArgs {
  id?: string;
  file?: string;
  // addTask
  title?: string;
  owner?: string;
  days?: number;
  depends?: string | string[];
  start?: string;
  // addRisk
  risk?: string;
  // recordFeedback / recordChange
  date?: string;
  satisfaction?: number;
  note?: string;
  request?: string;
  decision?: ChangeDecision;
  /** setChangeDecision: the index of the change request in `changes`. */
  change?: number;
}

const DECISIONS = Object.keys(CHANGE_DECISIONS) as ChangeDecision[];

export class RespondCommands {
  private readonly lang = uiLanguage();

  constructor(
    private readonly index: () => RequirementIndex,
    private readonly triage: Pick<TreeCommands, 'targets'>,
  ) {}

  register(): vscode.Disposable[] {
    const c = (id: string, fn: (a: unknown, b: unknown, args: unknown) => unknown) => vscode.commands.registerCommand(id, fn);
    return [
      c('reqdesk.addTask', (a, b, args) => this.addTask(a, args)),
      c('reqdesk.addRisk', (a, b, args) => this.addRisk(a, args)),
      c('reqdesk.recordFeedback', (a, b, args) => this.recordFeedback(a, args)),
      c('reqdesk.recordChange', (a, b, args) => this.recordChange(a, args)),
      c('reqdesk.setChangeDecision', (a, b, args) => this.setChangeDecision(a, args)),
    ];
  }

  /** One requirement: the clicked tree node (not the whole selection), the arguments', the editor's or a picked one. */
  /**
   * `scripted`: the arguments carry answers (not just the target), so optional answers they leave
   * out (a task's owner, a feedback note) are not asked for.
   */
  private async target(
    a: unknown,
    rawArgs: unknown,
  ): Promise<{ summary: RequirementSummary; args: RespondArgs; scripted: boolean } | undefined> {
    const args = (isArgs(rawArgs) ? rawArgs : isArgs(a) ? a : {}) as RespondArgs;
    const targets = await this.triage.targets(a, undefined, args);
    const summary = targets?.[0];
    return summary ? { summary, args, scripted: Object.keys(args).some((k) => k !== 'id' && k !== 'file') } : undefined;
  }

  /** A list of the record as its file holds it now (the editor's text when open), with the file's own indexes. */
  private async list(file: string, key: string): Promise<Array<Record<string, unknown>>> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(file));
    return frontMatterList(doc.getText(), key).map((item) =>
      item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {},
    );
  }

  private append(file: string, key: string, item: ListItem, label: string): Promise<boolean> {
    return applyComputedEditsOrReport([{ file, compute: (text) => appendListItem(text, key, item) }], label);
  }

  private invalid(message: string): false {
    void vscode.window.showErrorMessage(message);
    return false;
  }

  private titleFor(s: RequirementSummary, what: string): string {
    return `${what} · ${s.id ?? vscode.workspace.asRelativePath(vscode.Uri.parse(s.file), false)}`;
  }

  // ── add a task ──────────────────────────────────────────────────────────────────────────

  async addTask(a: unknown, rawArgs?: unknown): Promise<boolean> {
    const target = await this.target(a, rawArgs);
    if (!target) return false;
    const { summary, args, scripted } = target;
    const tasks = await this.list(summary.file, 'tasks');
    const known = new Set(tasks.map((t) => t.id).filter((id): id is string => typeof id === 'string'));
    const state: { title?: string; owner?: string; days?: number; depends?: string[]; start?: string; after?: string } = {
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.owner !== undefined ? { owner: args.owner } : {}),
      ...(args.days !== undefined ? { days: args.days } : {}),
      ...(args.depends !== undefined ? { depends: typeof args.depends === 'string' ? [args.depends] : args.depends } : {}),
      ...(args.start !== undefined ? { start: args.start } : {}),
    };
    const title = this.titleFor(summary, l10n.t('Add task'));
    const scheduled = () => state.start !== undefined || state.depends !== undefined;
    const steps: Array<Step<typeof state> | undefined> = [
      state.title === undefined
        ? textStep('title', { title, prompt: l10n.t('What the task delivers, at the smallest useful grain'), validate: validateRequired })
        : undefined,
      state.owner === undefined && !scripted
        ? async (ui, s) => {
            const owners = [
              ...new Set(
                this.index()
                  .all()
                  .flatMap((r) => [r.data.owner, ...(r.data.tasks ?? []).map((t) => t.owner)]),
              ),
            ]
              .filter((o): o is string => !!o)
              .sort();
            s.owner = await ui.pick<string>({
              title,
              placeholder: l10n.t('Owner: pick or type a name'),
              items: [{ label: l10n.t('No owner yet'), value: '' }, ...owners.map((o) => ({ label: o, value: o }))],
              freeText: (typed) => ({ label: typed, description: l10n.t('new owner'), value: typed }),
            });
          }
        : undefined,
      state.days === undefined
        ? async (ui, s) => {
            s.days = Number(
              (
                await ui.input({
                  title,
                  prompt: l10n.t('Duration in working days'),
                  value: s.days === undefined ? '1' : String(s.days),
                  validate: validateDays,
                })
              ).trim(),
            );
          }
        : undefined,
      !scheduled()
        ? async (ui, s) => {
            s.after = await ui.pick<string>({
              title,
              placeholder: l10n.t('When does it start?'),
              items: [
                { label: `$(calendar) ${l10n.t('On a date…')}`, value: '' },
                ...[...known].reverse().map((id) => ({
                  label: `$(arrow-right) ${l10n.t('After {0}', id)}`,
                  description: String(tasks.find((t) => t.id === id)?.title ?? ''),
                  value: id,
                })),
              ],
            });
            if (s.after) s.depends = [s.after];
            else delete s.depends;
          }
        : undefined,
      !scheduled()
        ? async (ui, s) => {
            if (!s.after) await dateStep('start', title, l10n.t('Start date (YYYY-MM-DD)'))(ui, s);
          }
        : undefined,
    ];
    if (!(await runSteps(state, steps))) return false;

    if (!state.title?.trim()) return this.invalid(l10n.t('A task needs a title.'));
    if (!(typeof state.days === 'number' && Number.isInteger(state.days) && state.days >= 1))
      return this.invalid(l10n.t('A whole number of working days, 1 or more.'));
    if (state.start !== undefined && !isValidIsoDate(state.start))
      return this.invalid(l10n.t('A real date as YYYY-MM-DD, e.g. 2026-03-18.'));
    const unknown = (state.depends ?? []).filter((d) => !known.has(d));
    if (unknown.length) return this.invalid(l10n.t('{0} is not a task of this requirement.', unknown.join(', ')));
    if (state.start === undefined && !state.depends?.length) return this.invalid(l10n.t('A task needs a start date or a task it follows.'));
    return this.append(
      summary.file,
      'tasks',
      {
        id: nextTaskId(tasks),
        title: state.title.trim(),
        owner: state.owner?.trim() || undefined,
        start: state.start,
        depends: state.depends?.length ? state.depends : undefined,
        days: state.days,
        status: 'todo',
      },
      l10n.t('Add task'),
    );
  }

  // ── add a risk ──────────────────────────────────────────────────────────────────────────

  async addRisk(a: unknown, rawArgs?: unknown): Promise<boolean> {
    const target = await this.target(a, rawArgs);
    if (!target) return false;
    const state = { risk: target.args.risk };
    const ok = await runSteps(state, [
      state.risk === undefined
        ? textStep('risk', {
            title: this.titleFor(target.summary, l10n.t('Add risk')),
            prompt: l10n.t('A foreseen risk and how to meet it (风险预判)'),
            validate: validateRequired,
          })
        : undefined,
    ]);
    if (!ok) return false;
    if (!state.risk?.trim()) return this.invalid(l10n.t('This cannot be empty.'));
    return this.append(target.summary.file, 'risks', state.risk.trim(), l10n.t('Add risk'));
  }

  // ── customer feedback ───────────────────────────────────────────────────────────────────

  async recordFeedback(a: unknown, rawArgs?: unknown): Promise<boolean> {
    const target = await this.target(a, rawArgs);
    if (!target) return false;
    const { summary, args, scripted } = target;
    const title = this.titleFor(summary, l10n.t('Record customer feedback'));
    const state = { date: args.date, satisfaction: args.satisfaction, note: args.note };
    const labels: Record<number, string> = {
      5: l10n.t('very satisfied'),
      4: l10n.t('satisfied'),
      3: l10n.t('neutral'),
      2: l10n.t('dissatisfied'),
      1: l10n.t('very dissatisfied'),
    };
    const low = this.index().settings.lowSatisfaction;
    const ok = await runSteps(state, [
      state.date === undefined ? dateStep('date', title, l10n.t('Date of the feedback (YYYY-MM-DD)')) : undefined,
      state.satisfaction === undefined
        ? pickStep('satisfaction', {
            title,
            placeholder: l10n.t('Customer satisfaction, 1–5'),
            items: [5, 4, 3, 2, 1].map((n) => ({
              label: `${n} ${'★'.repeat(n)}`,
              description: labels[n],
              detail: n <= low ? l10n.t('below expectation: start an adjustment within 24 hours') : undefined,
              value: n,
            })),
          })
        : undefined,
      state.note === undefined && !scripted ? textStep('note', { title, prompt: l10n.t('What the customer said (optional)') }) : undefined,
    ]);
    if (!ok) return false;
    if (!state.date || !isValidIsoDate(state.date)) return this.invalid(l10n.t('A real date as YYYY-MM-DD, e.g. 2026-03-18.'));
    const satisfaction = state.satisfaction;
    if (!(typeof satisfaction === 'number' && Number.isInteger(satisfaction) && satisfaction >= 1 && satisfaction <= 5))
      return this.invalid(l10n.t('Satisfaction is a whole number from 1 to 5.'));
    const done = await this.append(
      summary.file,
      'feedback',
      { date: state.date, satisfaction, note: state.note?.trim() || undefined },
      l10n.t('Record customer feedback'),
    );
    if (done && satisfaction <= low) this.offerAdjustment(summary);
    return done;
  }

  /** Below expectation: the seed asks for an adjustment within 24 hours, so offer one right away. */
  private offerAdjustment(summary: RequirementSummary): void {
    const change = l10n.t('Record Change Request');
    const task = l10n.t('Add Task');
    void vscode.window
      .showWarningMessage(
        l10n.t(
          '{0}: the feedback is below expectation. Start an adjustment within 24 hours: a change request or a new task.',
          summary.id ?? '',
        ),
        change,
        task,
      )
      .then((choice) => {
        if (choice === change) void vscode.commands.executeCommand('reqdesk.recordChange', { file: summary.file });
        else if (choice === task) void vscode.commands.executeCommand('reqdesk.addTask', { file: summary.file });
      });
  }

  // ── change requests ─────────────────────────────────────────────────────────────────────

  private decisionItems(current?: string) {
    return DECISIONS.map((d) => ({
      label: d,
      description: valueAlias(CHANGE_DECISIONS[d], this.lang, aliasDisplay()),
      detail: valueMeaning(CHANGE_DECISIONS[d], this.lang),
      picked: d === current,
      value: d,
    }));
  }

  async recordChange(a: unknown, rawArgs?: unknown): Promise<boolean> {
    const target = await this.target(a, rawArgs);
    if (!target) return false;
    const { summary, args } = target;
    const title = this.titleFor(summary, l10n.t('Record change request'));
    const state = { request: args.request, date: args.date, decision: args.decision };
    const ok = await runSteps(state, [
      state.request === undefined
        ? textStep('request', { title, prompt: l10n.t('What is requested to change'), validate: validateRequired })
        : undefined,
      state.date === undefined ? dateStep('date', title, l10n.t('Date of the request (YYYY-MM-DD)')) : undefined,
      state.decision === undefined
        ? pickStep('decision', { title, placeholder: l10n.t('Decision'), items: this.decisionItems('pending') })
        : undefined,
    ]);
    if (!ok) return false;
    if (!state.request?.trim()) return this.invalid(l10n.t('This cannot be empty.'));
    if (!state.date || !isValidIsoDate(state.date)) return this.invalid(l10n.t('A real date as YYYY-MM-DD, e.g. 2026-03-18.'));
    if (!state.decision || !DECISIONS.includes(state.decision))
      return this.invalid(l10n.t('The decision is one of: {0}.', DECISIONS.join(', ')));
    return this.append(
      summary.file,
      'changes',
      { date: state.date, request: state.request.trim(), decision: state.decision },
      l10n.t('Record change request'),
    );
  }

  async setChangeDecision(a: unknown, rawArgs?: unknown): Promise<boolean> {
    const target = await this.target(a, rawArgs);
    if (!target) return false;
    const { summary, args } = target;
    const changes = await this.list(summary.file, 'changes');
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(l10n.t('{0} has no change requests yet.', summary.id ?? ''));
      return false;
    }
    const title = this.titleFor(summary, l10n.t('Decide on a change request'));
    const state = { change: args.change, decision: args.decision };
    const ok = await runSteps(state, [
      state.change === undefined
        ? pickStep('change', {
            title,
            placeholder: l10n.t('Which change request?'),
            items: changes
              .map((c, i) => ({
                label: String(c.request ?? '–'),
                description: [c.date, c.decision].filter((x) => typeof x === 'string').join(' · '),
                value: i,
              }))
              .reverse(),
          })
        : undefined,
      state.decision === undefined
        ? async (ui, s) => {
            s.decision = await ui.pick<ChangeDecision>({
              title,
              placeholder: l10n.t('Decision'),
              items: this.decisionItems(String(changes[s.change ?? 0]?.decision ?? '')),
            });
          }
        : undefined,
    ]);
    if (!ok) return false;
    if (!(typeof state.change === 'number' && Number.isInteger(state.change) && state.change >= 0 && state.change < changes.length))
      return this.invalid(l10n.t('No change request with that number.'));
    if (!state.decision || !DECISIONS.includes(state.decision))
      return this.invalid(l10n.t('The decision is one of: {0}.', DECISIONS.join(', ')));
    const change = state.change;
    const decision = state.decision;
    return applyFieldChangesOrReport(
      [{ file: summary.file, changes: [{ path: ['changes', change, 'decision'], value: decision }] }],
      l10n.t('Decide on a change request'),
    );
  }
}
