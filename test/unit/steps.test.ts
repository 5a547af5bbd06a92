import assert from 'node:assert/strict';
import { runSteps, StepBack, StepCancelled, type Step, type StepPosition } from '../../src/core/steps';

/** Prompts that answer from a script: a value, 'BACK' or 'CANCEL'; every prompt is logged with its position. */
function scripted(answers: string[], log: string[]) {
  return (position: StepPosition, asked: () => void) => ({
    ask: async (name: string): Promise<string> => {
      asked();
      log.push(`${name} ${position.step}/${position.total}${position.canGoBack ? ' ←' : ''}`);
      const answer = answers.shift();
      if (answer === undefined) throw new Error('no answer left');
      if (answer === 'BACK') throw new StepBack();
      if (answer === 'CANCEL') throw new StepCancelled();
      return answer;
    },
  });
}

type UI = { ask(name: string): Promise<string> };
type State = { title?: string; type?: string; customer?: string; start?: string; after?: string };

const ask =
  (key: keyof State): Step<State, UI> =>
  async (ui, s) => {
    s[key] = await ui.ask(key);
  };

describe('multi-step input: order, Back and cancel', () => {
  it('asks each step in turn with its place, leaving out steps whose answer is known', async () => {
    const log: string[] = [];
    const state: State = { type: 'functional' };
    const ok = await runSteps(
      state,
      [ask('title'), state.type === undefined ? ask('type') : undefined, ask('customer')],
      scripted(['Export', '顺达快运'], log),
    );
    assert.equal(ok, true);
    assert.deepEqual(state, { title: 'Export', type: 'functional', customer: '顺达快运' });
    assert.deepEqual(log, ['title 1/2', 'customer 2/2 ←']);
  });

  it('Back returns to the previous step that asked, skipping a step that asked nothing', async () => {
    const log: string[] = [];
    const state: State = {};
    const startIfNeeded: Step<State, UI> = async (ui, s) => {
      if (s.after) return; // follows a task: no date to ask
      s.start = await ui.ask('start');
    };
    const ok = await runSteps(
      state,
      [ask('title'), ask('after'), startIfNeeded, ask('customer')],
      scripted(['A', 'T1', 'BACK', 'T2', 'BACK', 'BACK', 'B', 'T3', 'C'], log),
    );
    assert.equal(ok, true);
    assert.deepEqual(state, { title: 'B', after: 'T3', customer: 'C' });
    assert.deepEqual(log, [
      'title 1/4',
      'after 2/4 ←',
      'customer 4/4 ←',
      'after 2/4 ←',
      'customer 4/4 ←',
      'after 2/4 ←',
      'title 1/4',
      'after 2/4 ←',
      'customer 4/4 ←',
    ]);
  });

  it('Back on the first prompt stays there; cancel ends the input', async () => {
    const log: string[] = [];
    assert.equal(await runSteps<State, UI>({}, [ask('title'), ask('type')], scripted(['BACK', 'X', 'CANCEL'], log)), false);
    assert.deepEqual(log, ['title 1/2', 'title 1/2', 'type 2/2 ←']);
  });

  it('other errors are not swallowed', async () => {
    await assert.rejects(runSteps<State, UI>({}, [async () => Promise.reject(new Error('boom'))], scripted([], [])), /boom/);
  });
});
