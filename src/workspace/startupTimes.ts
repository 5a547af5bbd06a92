// How long startup took, stage by stage: written by activation and the engine, read by the host
// benchmark through the extension's exports.

/**
 * When startup reached each stage, in `performance.now()` milliseconds of the extension host
 * (the clock every extension in the host shares): for the host benchmark and for bug reports.
 */
export interface StartupTimes {
  /** activate() was entered. */
  activatedAt: number;
  /** The requirements tree first handed VS Code a root with records in it. */
  firstTreeAt?: number;
  /** The first index build and its tree were done: ready() resolves. */
  readyAt?: number;
  /** The first build's problems were in the Problems panel. */
  problemsAt?: number;
}
