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
  private sliceStart = performance.now();
  private yielding: Promise<void> | undefined;
  constructor(private readonly sliceMs: number) {}

  /** Whether the current slice has run out (the caller may flush what it gathered first). */
  get due(): boolean {
    return performance.now() - this.sliceStart > this.sliceMs;
  }

  maybeYield(): Promise<void> {
    if (this.yielding) return this.yielding;
    if (!this.due) return Promise.resolve();
    this.yielding = yieldToEventLoop().then(() => {
      this.yielding = undefined;
      this.sliceStart = performance.now();
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
