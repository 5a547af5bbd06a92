// The outcome of a delivered requirement (实现效果): how far it met the need (`outcome.degree`,
// 需求实现程度) and the effect measured against its expected goal (`outcome.measured`, against the
// 期望目标 section). What verifying asks for, how an answer becomes front-matter, and the goal's
// text — one rule for the problems, the Set Status command and the report.
import type { FieldChange } from './edits';
import { bodyParts } from './recordBody';
import { DEGREES, STRATEGIES, type Degree } from './schema';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * What verifying a record still asks for: the degree met when none is written, and the measured
 * effect when none is written and something was delivered to measure (not for a degree `declined`).
 * The measured effect is optional: not every goal is a number someone measured.
 */
export function verifyingNeeds(record: { outcome?: unknown }): { degree: boolean; measured: boolean } {
  const outcome = isMap(record.outcome) ? record.outcome : {};
  return { degree: isEmpty(outcome.degree), measured: isEmpty(outcome.measured) && outcome.degree !== 'declined' };
}

/** A degree as written, its canonical value or one of its aliases (部分满足 → partial); undefined for anything else. */
export function degreeOf(value: unknown): Degree | undefined {
  if (typeof value !== 'string') return undefined;
  if (Object.hasOwn(DEGREES, value)) return value as Degree;
  return (Object.keys(DEGREES) as Degree[]).find((d) => (DEGREES[d].aliases as readonly string[]).includes(value.trim()));
}

/** The degree to offer first: the response strategy, the plan the delivery followed (the same four words). */
export function suggestedDegree(record: { strategy?: unknown }): Degree | undefined {
  const s = record.strategy;
  return typeof s === 'string' && Object.hasOwn(STRATEGIES, s) ? degreeOf(s) : undefined;
}

/**
 * A typed measured value as it is written: a plain number stays a number (`11`, `-0.5`), as
 * `reqdesk set` reads one; anything else is text (`能耗降低 11%`); blank is no value.
 */
export function measuredValue(typed: string | number | undefined): string | number | undefined {
  if (typeof typed === 'number') return Number.isFinite(typed) ? typed : undefined;
  const text = typed?.trim() ?? '';
  if (text === '') return undefined;
  return /^-?\d+(?:\.\d+)?$/.test(text) && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** The answers of the verifying step as field changes (written inside `outcome`, which is created when missing). */
export function outcomeChanges(answers: { degree?: Degree; measured?: string | number }): FieldChange[] {
  const changes: FieldChange[] = [];
  if (answers.degree !== undefined) changes.push({ path: ['outcome', 'degree'], value: answers.degree });
  const measured = measuredValue(answers.measured);
  if (measured !== undefined) changes.push({ path: ['outcome', 'measured'], value: measured });
  return changes;
}

/** The expected goal (期望目标) of a record file as one line: the section's text, whitespace folded; '' when it has none. */
export function expectedGoal(fileText: string): string {
  return bodyParts(fileText, undefined).sections.goal.replace(/\s+/g, ' ').trim();
}
