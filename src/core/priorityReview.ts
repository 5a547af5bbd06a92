// A priority review (需求优先级评审, seed 000 §三.3): stakeholders look at the ranked order and
// confirm it or change it; the result is recorded as a `reviews` entry. A review that changes the
// order may also change what ranks the requirement — its priority, MoSCoW class or scores — and
// those changes and the entry are one edit (one undo). Pure: no I/O.
import { applyTextEdits, composeEdits, editFields, type EditResult, type FieldChange } from './edits';
import { localizable, type Localizable } from './l10n';
import { appendListItem } from './listEdits';
import { priorityFromScores } from './priority';
import { isValidIsoDate } from './schedule';
import { MOSCOW, REVIEW_RESULTS, type Priority } from './schema';

export type ReviewResult = keyof typeof REVIEW_RESULTS;
export type MoscowClass = keyof typeof MOSCOW;
export const REVIEW_RESULT_VALUES = Object.keys(REVIEW_RESULTS) as ReviewResult[];
export const MOSCOW_VALUES = Object.keys(MOSCOW) as MoscowClass[];
export const REVIEW_SCORE_KEYS = ['importance', 'urgency', 'feasibility', 'value', 'effort'] as const;
export type ReviewScoreKey = (typeof REVIEW_SCORE_KEYS)[number];

/** What a review may change of what ranks the requirement; a key left out stays as it is. */
export interface ReviewAdjustments {
  priority?: Priority;
  moscow?: MoscowClass;
  scores?: Partial<Record<ReviewScoreKey, number>>;
}

export interface PriorityReview extends ReviewAdjustments {
  date: string;
  by: string[];
  result: ReviewResult;
  note?: string;
}

/** The record as the review finds it (its data): what an overruled priority is judged against. */
export interface ReviewedRecord {
  priority?: Priority;
  scores?: { importance?: number; urgency?: number };
}

/** "产品经理、技术负责人", "Mei, Alex; Sam" → the names: people write lists with any of these separators. */
export function parseParticipants(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Who took part in the latest review that names anyone (the same people usually review again). */
export function lastParticipants(reviews: readonly unknown[] | undefined): string[] {
  for (let i = (reviews?.length ?? 0) - 1; i >= 0; i--) {
    const by = (reviews![i] as { by?: unknown } | null)?.by;
    const names =
      typeof by === 'string' ? parseParticipants(by) : Array.isArray(by) ? by.filter((b): b is string => typeof b === 'string') : [];
    if (names.length) return names;
  }
  return [];
}

/** Whether the review makes anything change: a result `changed` goes with adjustments, `confirmed` with none. */
export function hasAdjustments(a: ReviewAdjustments): boolean {
  return a.priority !== undefined || a.moscow !== undefined || Object.values(a.scores ?? {}).some((v) => v !== undefined);
}

/**
 * The priority the record will store after the review, when the scores after it derive another one:
 * the review then overrules the scores, and its note is the `priority_reason` the validator asks
 * for. Undefined when the review touches neither the priority nor importance and urgency, or when
 * the two agree.
 */
export function overruledPriority(record: ReviewedRecord, review: ReviewAdjustments, threshold: number): Priority | undefined {
  const touched = review.priority !== undefined || review.scores?.importance !== undefined || review.scores?.urgency !== undefined;
  if (!touched) return undefined;
  const stored = review.priority ?? record.priority;
  const derived = priorityFromScores(
    review.scores?.importance ?? record.scores?.importance,
    review.scores?.urgency ?? record.scores?.urgency,
    threshold,
  );
  return stored !== undefined && derived !== undefined && stored !== derived ? stored : undefined;
}

/** Why a review's answers cannot be recorded, or undefined when they can. */
export function reviewProblem(review: PriorityReview): Localizable | undefined {
  if (!isValidIsoDate(review.date)) return localizable('A real date as YYYY-MM-DD, e.g. 2026-03-18.');
  if (review.by.length === 0) return localizable('Name who took part in the review.');
  if (!REVIEW_RESULT_VALUES.includes(review.result)) return localizable('The result is one of: {0}.', REVIEW_RESULT_VALUES.join(', '));
  if (review.result === 'confirmed' && hasAdjustments(review))
    return localizable('A review that changes the priority, MoSCoW or scores has the result changed.');
  if (review.priority !== undefined && !['P1', 'P2', 'P3'].includes(review.priority)) return localizable('The priority is P1, P2 or P3.');
  if (review.moscow !== undefined && !MOSCOW_VALUES.includes(review.moscow))
    return localizable('MoSCoW is one of: {0}.', MOSCOW_VALUES.join(', '));
  for (const [key, value] of Object.entries(review.scores ?? {})) {
    if (value === undefined) continue;
    if (!(REVIEW_SCORE_KEYS as readonly string[]).includes(key) || !Number.isInteger(value) || value < 1 || value > 5)
      return localizable('A score is a whole number from 1 to 5.');
  }
  return undefined;
}

/**
 * The edits that record a review: its adjustments as minimal field edits (with `priority_reason`
 * when `priorityReason` is given), then the new `reviews` entry appended in the list's own layout.
 * One result: applied together, one undo restores the file. Never throws.
 */
export function recordReviewEdits(text: string, review: PriorityReview, priorityReason?: string): EditResult {
  const changes: FieldChange[] = [];
  if (review.priority !== undefined) changes.push({ path: ['priority'], value: review.priority });
  if (priorityReason !== undefined) changes.push({ path: ['priority_reason'], value: priorityReason });
  if (review.moscow !== undefined) changes.push({ path: ['moscow'], value: review.moscow });
  for (const key of REVIEW_SCORE_KEYS) {
    const value = review.scores?.[key];
    if (value !== undefined) changes.push({ path: ['scores', key], value });
  }
  const entry = { date: review.date, by: review.by, result: review.result, note: review.note || undefined };
  if (changes.length === 0) return appendListItem(text, 'reviews', entry);
  const fields = editFields(text, changes);
  if (!fields.ok) return fields;
  const between = applyTextEdits(text, fields.edits);
  const appended = appendListItem(between, 'reviews', entry);
  if (!appended.ok) return appended;
  try {
    return { ok: true, edits: composeEdits(text, fields.edits, appended.edits) };
  } catch {
    return { ok: false, code: 'path-conflict', text: localizable('the review could not be recorded safely; nothing was changed') };
  }
}
