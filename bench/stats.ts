// What every part of the bench measures with: order statistics and a clean heap between timings.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** A full collection, then a pause for V8's background sweeping to finish before the next timing. */
export async function gc(): Promise<void> {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc (npm run bench does)');
  g();
  g();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Three decimals: what a ratio in the bench's JSON keeps. */
const fixed = (x: number) => Number(x.toFixed(3));

/**
 * Figures of work timed against its baseline, the two alternating round by round: the median of the
 * per-round ratios and their spread. A ratio of medians would pair a fast baseline with a slow
 * round; a ratio within one round sees the same load on both sides.
 */
export function roundRatios(times: readonly number[], baselines: readonly number[]): { ratio: number; ratioMin: number; ratioMax: number } {
  if (times.length !== baselines.length || times.length === 0) throw new Error('one baseline per measured round');
  const ratios = times.map((t, i) => t / baselines[i]!);
  return { ratio: fixed(median(ratios)), ratioMin: fixed(Math.min(...ratios)), ratioMax: fixed(Math.max(...ratios)) };
}
