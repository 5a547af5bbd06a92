// A short multi-step input: one QuickInput per step with the step counter ("2/5"), a Back button
// from the second prompt on, validation as the user types, and pick lists that also take typed
// text where a free value makes sense. Steps whose value came in the command's arguments are not
// asked (they are left out of the count).
import * as vscode from 'vscode';
import { isValidIsoDate } from '../core/schedule';
import { runSteps as runCoreSteps, StepBack, StepCancelled, type Step as CoreStep, type StepPosition } from '../core/steps';
import { localToday } from '../workspace/localToday';
import { l10n } from '../workspace/uiText';

export interface InputStep {
  title: string;
  prompt?: string;
  placeholder?: string;
  value?: string;
  /** An error message for a value that cannot be accepted, else undefined. */
  validate?: (value: string) => string | undefined;
}

export interface PickStep<T> {
  title: string;
  placeholder?: string;
  items: Array<vscode.QuickPickItem & { value: T }>;
  /** A typed value that matches no item is offered as its own item (e.g. a new customer). */
  freeText?: (typed: string) => (vscode.QuickPickItem & { value: T }) | undefined;
  matchOnDescription?: boolean;
  /** The item highlighted at first (the current or usual answer): Enter takes it. */
  active?: T;
}

/** A pick of several items; those `picked` are checked to begin with. */
export interface PickManyStep<T> {
  title: string;
  placeholder?: string;
  items: Array<vscode.QuickPickItem & { value: T }>;
  /** An error message for a choice that cannot be accepted (none checked…), else undefined. */
  validate?: (chosen: readonly T[]) => string | undefined;
}

/** What a step sees: prompts that know their place in the sequence. */
export interface StepUI {
  input(step: InputStep): Promise<string>;
  pick<T>(step: PickStep<T>): Promise<T>;
  pickMany<T>(step: PickManyStep<T>): Promise<T[]>;
}

/** A step: asks (or not, when the answer is known) and records its answer in the state. */
export type Step<S> = CoreStep<S, StepUI>;

/**
 * Runs the steps in order; Back returns to the previous step that asked something. Resolves false
 * when the user cancels, true when all are done.
 */
export function runSteps<S>(state: S, steps: ReadonlyArray<Step<S> | undefined>): Promise<boolean> {
  return runCoreSteps(state, steps, (position, asked) => new Prompts(position, asked));
}

class Prompts implements StepUI {
  constructor(
    private readonly position: StepPosition,
    private readonly onAsk: () => void,
  ) {}

  private frame(q: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, title: string): void {
    q.title = title;
    if (this.position.total > 1) {
      q.step = this.position.step;
      q.totalSteps = this.position.total;
    }
    q.buttons = this.position.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    q.ignoreFocusOut = true;
    this.onAsk();
  }

  /**
   * Shows one prompt until it is answered: Back rejects with StepBack, closing it unanswered with
   * StepCancelled; `listen` subscribes what answers it (and anything else the prompt reacts to).
   */
  private ask<T>(
    q: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
    title: string,
    listen: (answer: (value: T) => void) => vscode.Disposable[],
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.frame(q, title);
      let settled = false;
      const finish = (action: () => void) => {
        settled = true;
        action();
        q.hide();
      };
      const subscriptions = [
        q.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish(() => reject(new StepBack()));
        }),
        ...listen((value) => finish(() => resolve(value))),
        q.onDidHide(() => {
          if (!settled) reject(new StepCancelled());
          subscriptions.forEach((d) => d.dispose());
          q.dispose();
        }),
      ];
      q.show();
    });
  }

  input(o: InputStep): Promise<string> {
    const box = vscode.window.createInputBox();
    box.prompt = o.prompt;
    box.placeholder = o.placeholder;
    box.value = o.value ?? '';
    return this.ask<string>(box, o.title, (answer) => [
      box.onDidChangeValue((v) => (box.validationMessage = o.validate?.(v))),
      box.onDidAccept(() => {
        const error = o.validate?.(box.value);
        box.validationMessage = error;
        if (!error) answer(box.value);
      }),
    ]);
  }

  pickMany<T>(o: PickManyStep<T>): Promise<T[]> {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
    qp.placeholder = o.placeholder;
    qp.canSelectMany = true;
    qp.matchOnDescription = true;
    qp.items = o.items;
    qp.selectedItems = o.items.filter((i) => i.picked);
    const chosen = () => qp.selectedItems.map((i) => i.value);
    return this.ask<T[]>(qp, o.title, (answer) => [
      // A quick pick has no validation message in the stable API: the placeholder says what is wrong.
      qp.onDidChangeSelection(() => (qp.placeholder = o.placeholder)),
      qp.onDidAccept(() => {
        const error = o.validate?.(chosen());
        if (error) qp.placeholder = error;
        else answer(chosen());
      }),
    ]);
  }

  pick<T>(o: PickStep<T>): Promise<T> {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
    qp.placeholder = o.placeholder;
    qp.matchOnDescription = o.matchOnDescription ?? true;
    qp.items = o.items;
    const active = o.active === undefined ? undefined : o.items.find((i) => i.value === o.active);
    if (active) qp.activeItems = [active];
    return this.ask<T>(qp, o.title, (answer) => [
      qp.onDidChangeValue((typed) => {
        if (!o.freeText) return;
        const extra = typed.trim() && !o.items.some((i) => i.label === typed.trim()) ? o.freeText(typed.trim()) : undefined;
        qp.items = extra ? [extra, ...o.items] : o.items;
      }),
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        if (chosen) answer(chosen.value);
      }),
    ]);
  }
}

// ── steps shared by the commands ────────────────────────────────────────────────────────────

/** A step that asks for a line of text into `state[key]`, trimmed; Back shows the answer given before. */
export function textStep<K extends string>(key: K, input: Omit<InputStep, 'value'>): Step<Partial<Record<K, string>>> {
  return async (ui, s) => {
    s[key] = (await ui.input({ ...input, value: s[key] })).trim();
  };
}

/** A step that picks a value into `state[key]`; the items are made once, not from the answers before. */
export function pickStep<K extends string, T extends string | number>(key: K, pick: PickStep<T>): Step<Partial<Record<K, T>>> {
  return async (ui, s) => {
    s[key] = await ui.pick<T>(pick);
  };
}

/** A step that asks for a day (YYYY-MM-DD) into `state[key]`, today to begin with. */
export function dateStep<K extends string>(key: K, title: string, prompt: string): Step<Partial<Record<K, string>>> {
  return async (ui, s) => {
    s[key] = (await ui.input({ title, prompt, value: s[key] ?? localToday(), validate: validateDate })).trim();
  };
}

// ── validation shared by the commands ───────────────────────────────────────────────────────

export const validateDate = (v: string): string | undefined =>
  isValidIsoDate(v.trim()) ? undefined : l10n.t('A real date as YYYY-MM-DD, e.g. 2026-03-18.');
export const validateRequired = (v: string): string | undefined => (v.trim() ? undefined : l10n.t('This cannot be empty.'));
export const validateDays = (v: string): string | undefined =>
  /^\s*[1-9]\d{0,3}\s*$/.test(v) ? undefined : l10n.t('A whole number of working days, 1 or more.');
