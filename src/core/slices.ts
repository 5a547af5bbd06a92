// Long work in slices: a large workspace is read and summarised without holding the extension
// host's event loop (typing, the tree, other extensions) for longer than a slice at a time.

/** Resolves after the event loop has had a turn (timers, I/O, other extensions' work). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Yields to the event loop whenever synchronous work has run longer than a slice. Shared by
 * every lane of a concurrent loop: they all wait on one yield, then share the next slice. (With a
 * yield per lane, Node would run every lane's setImmediate in one check phase — 64 lanes × a slice
 * each, with no timer or I/O in between.)
 */
export class Slicer {
  private sliceStart: number;
  private yielding: Promise<void> | undefined;
  constructor(
    private readonly sliceMs: number,
    /** The clock (milliseconds); tests pass their own. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sliceStart = now();
  }

  /** Whether the current slice has run out (the caller may flush what it gathered first). */
  get due(): boolean {
    return this.now() - this.sliceStart > this.sliceMs;
  }

  /**
   * Runs `work` in a slice with time left, yielding first when the slice has run out: what the
   * lanes of a concurrent loop call around their synchronous work. The check and the work are one
   * synchronous step. A lane that checked (`maybeYield`) and then awaited anything else — a read,
   * the check's own promise — resumed behind every other lane and did its item whatever the clock
   * said: 64 lanes each did one more file after the slice had run out, and on a cold start
   * (5–10 ms a file while the engine warms up) a 20 ms slice held the extension host for 300 ms.
   */
  async run<T>(work: () => T): Promise<T> {
    while (this.yielding || this.due) await this.maybeYield();
    return work();
  }

  maybeYield(): Promise<void> {
    if (this.yielding) return this.yielding;
    if (!this.due) return Promise.resolve();
    this.yielding = yieldToEventLoop().then(() => {
      this.yielding = undefined;
      this.sliceStart = this.now();
    });
    return this.yielding;
  }
}

/** Runs `task` over the items with at most `limit` in flight. */
export async function eachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, lane));
}
