// A call that waits for a quiet moment: asking again before it ran starts the wait over, so a burst
// of requests (file events, repository changes) makes one call.
export class Debounced {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly run: () => void) {}

  /** Runs the call after `delay` ms, unless asked again before. */
  schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, delay);
  }

  /** A call is waiting to run. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
