// The order of a multi-step input, apart from how each step asks: steps run in turn, a step whose
// answer is known asks nothing (and is left out of the count), Back returns to the previous step
// that asked, and cancelling ends the whole input. The VS Code glue supplies the prompts.

/** Thrown by a prompt when the user presses Back. */
export class StepBack extends Error {}
/** Thrown by a prompt when the user cancels (Escape). */
export class StepCancelled extends Error {}

export interface StepPosition {
  /** 1-based place among the steps that may ask. */
  step: number;
  total: number;
  /** A step before this one asked something: Back can go there. */
  canGoBack: boolean;
}

/** A step: asks through `ui` (or not, when its answer is known) and records the answer in `state`. */
export type Step<S, UI> = (ui: UI, state: S) => Promise<void>;

/**
 * Runs the steps (undefined ones are left out); `prompts` makes the prompts of one step and calls
 * `asked` whenever one is shown. Resolves true when every step is done, false when cancelled.
 */
export async function runSteps<S, UI>(
  state: S,
  steps: ReadonlyArray<Step<S, UI> | undefined>,
  prompts: (position: StepPosition, asked: () => void) => UI,
): Promise<boolean> {
  const active = steps.filter((s): s is Step<S, UI> => s !== undefined);
  const history: number[] = [];
  let i = 0;
  while (i < active.length) {
    let asked = false;
    const ui = prompts({ step: i + 1, total: active.length, canGoBack: history.length > 0 }, () => (asked = true));
    try {
      await active[i]!(ui, state);
      if (asked) history.push(i);
      i++;
    } catch (error) {
      if (error instanceof StepBack) i = history.pop() ?? i;
      else if (error instanceof StepCancelled) return false;
      else throw error;
    }
  }
  return true;
}
