import assert from 'node:assert/strict';
import { eachConcurrently, Slicer } from '../../src/core/slices';

/**
 * Counts event-loop turns: a chain of setImmediate callbacks, one per turn, until stopped. Work
 * that records the count ran in that turn; the items sharing a count ran without a yield between.
 */
function turnCounter(): { readonly turn: number; stop(): void } {
  let turn = 0;
  let stopped = false;
  const tick = () => {
    turn++;
    if (!stopped) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turn() {
      return turn;
    },
    stop: () => void (stopped = true),
  };
}

/** The largest number of items that ran in one turn. */
function mostInOneTurn(turns: number[]): number {
  const counts = new Map<number, number>();
  for (const t of turns) counts.set(t, (counts.get(t) ?? 0) + 1);
  return Math.max(...counts.values());
}

describe('slices: concurrent lanes', () => {
  // A clock that only the work moves: each item takes 3 ms of it, a slice is 20 ms.
  const ITEM_MS = 3;
  const SLICE_MS = 20;

  /** 640 items in 64 lanes, each after an await; the turn each item's work ran in. */
  async function turnsOfLanes(item: (slicer: Slicer, work: () => void) => Promise<void>): Promise<number[]> {
    let clock = 0;
    const slicer = new Slicer(SLICE_MS, () => clock);
    const counter = turnCounter();
    const turns: number[] = [];
    const work = () => {
      clock += ITEM_MS;
      turns.push(counter.turn);
    };
    await eachConcurrently(
      Array.from({ length: 640 }, (_, i) => i),
      64,
      async () => {
        await Promise.resolve(); // a read that completes at once, as local reads do
        await item(slicer, work);
      },
    );
    counter.stop();
    assert.equal(turns.length, 640);
    return turns;
  }

  it('run() keeps every turn to one slice, however many lanes wait with an await before their work', async () => {
    const turns = await turnsOfLanes((slicer, work) => slicer.run(work));
    // The slice, and the one item that started inside it and ran past its end.
    assert.ok(mostInOneTurn(turns) <= Math.ceil(SLICE_MS / ITEM_MS) + 1, `${mostInOneTurn(turns)} items in one turn`);
  });

  it('checking with maybeYield after the work lets each waiting lane do one more item (why run exists)', async () => {
    const turns = await turnsOfLanes(async (slicer, work) => {
      work();
      await slicer.maybeYield();
    });
    assert.ok(mostInOneTurn(turns) >= 64, `${mostInOneTurn(turns)} items in one turn`);
  });

  it('a work that throws rejects its own run only', async () => {
    const slicer = new Slicer(SLICE_MS, () => 0);
    await assert.rejects(
      slicer.run(() => {
        throw new Error('this file');
      }),
      /this file/,
    );
    assert.equal(await slicer.run(() => 7), 7);
  });
});
