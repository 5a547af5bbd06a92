// The seed's importance × urgency rule: P1 urgent and important, P2 exactly one of the two, P3
// neither. "High" means at or above a configurable threshold (default 4).
import type { Priority } from './schema';

export function isHigh(score: number, threshold: number): boolean {
  return score >= threshold;
}

/** The derived priority, or undefined while importance or urgency is unscored. */
export function priorityFromScores(importance: number | undefined, urgency: number | undefined, threshold: number): Priority | undefined {
  if (importance === undefined || urgency === undefined) return undefined;
  const highs = Number(isHigh(importance, threshold)) + Number(isHigh(urgency, threshold));
  return highs === 2 ? 'P1' : highs === 1 ? 'P2' : 'P3';
}

/** What the product shows: the stored priority when there is one, else the derived one. */
export function effectivePriority(
  stored: Priority | undefined,
  importance: number | undefined,
  urgency: number | undefined,
  threshold: number,
): Priority | undefined {
  return stored ?? priorityFromScores(importance, urgency, threshold);
}

/**
 * Every priority the scores allow. With both scored it is one; with one score missing the known
 * one still rules out some (importance 2 can never be P1, whatever the urgency).
 */
export function possiblePriorities(importance: number | undefined, urgency: number | undefined, threshold: number): Priority[] {
  const known = [importance, urgency].filter((s): s is number => s !== undefined);
  if (known.length === 2) return [priorityFromScores(importance, urgency, threshold)!];
  if (known.length === 0) return ['P1', 'P2', 'P3'];
  return isHigh(known[0]!, threshold) ? ['P1', 'P2'] : ['P2', 'P3'];
}
