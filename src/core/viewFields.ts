// What the matrix and the timeline draw from, and whether a team's records have any of it. Records
// written before ReqDesk (proposals, RFCs) often have no scores and no tasks: under a team schema the
// views then say which fields are missing and how to supply them, rather than open on an empty grid
// or chart. Without a team schema nothing is missing: the views stay as they always were.
import type { MatrixCard } from '../protocol/matrix';
import type { RequirementRecord } from './index';
import type { TeamRules } from './teamSchema';

export interface MissingFields {
  /** The fields no record has, as a record's front-matter writes them. */
  fields: string[];
  /** The built-in key a team's own key can stand for in the schema's `rename` to supply them. */
  renameTo: string;
}

/** The scores the matrix places a card by: a card is in a cell only with both. */
export const MATRIX_FIELDS = ['scores.importance', 'scores.urgency'] as const;

/** What the timeline reads of a task to draw its bar: a start, or the tasks it waits for, and a length. */
export const TIMELINE_FIELDS = ['tasks[].id', 'tasks[].title', 'tasks[].start', 'tasks[].depends', 'tasks[].days'] as const;

/**
 * The scores to name when a team schema is in force and no card is placed (none has both): those no
 * card has, or both when each is on some card but never together. Some cards placed: nothing is
 * missing, and the unplaced ones are listed as unscored as always.
 */
export function missingMatrixFields(cards: Iterable<MatrixCard>, team: TeamRules | null | undefined): MissingFields | undefined {
  if (!team) return undefined;
  let importance = false;
  let urgency = false;
  for (const card of cards) {
    if (card.importance !== undefined && card.urgency !== undefined) return undefined;
    importance ||= card.importance !== undefined;
    urgency ||= card.urgency !== undefined;
  }
  const absent = MATRIX_FIELDS.filter((field) => (field === 'scores.importance' ? !importance : !urgency));
  return { fields: absent.length ? absent : [...MATRIX_FIELDS], renameTo: 'scores' };
}

/**
 * The task fields to name when a team schema is in force and no record has a task. A record with
 * tasks that cannot be dated is not missing anything: the timeline lists why each is not drawn.
 */
export function missingTimelineFields(records: Iterable<RequirementRecord>, team: TeamRules | null | undefined): MissingFields | undefined {
  if (!team) return undefined;
  for (const record of records) {
    const tasks = record.data.tasks;
    if (!record.skipped && Array.isArray(tasks) && tasks.length > 0) return undefined;
  }
  return { fields: [...TIMELINE_FIELDS], renameTo: 'tasks' };
}
