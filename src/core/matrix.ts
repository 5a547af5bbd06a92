// The importance × urgency matrix as plain data: a card per scored requirement in its cell, the
// unscored ones aside, and the P1/P2/P3 region of every cell from the threshold.
import type { RequirementRecord } from './index';
import { priorityFromScores } from './priority';
import type { Priority } from './schema';
import type { TreeFilter } from './tree';

export interface MatrixCard {
  file: string;
  id?: string;
  title?: string;
  type?: string;
  status?: string;
  customer?: string;
  owner?: string;
  priority?: Priority;
  importance?: number;
  urgency?: number;
  /** Errors in the record: the card says so. */
  errors: number;
}

export interface MatrixModel {
  threshold: number;
  cards: MatrixCard[];
  /** Requirements per region, counted over the filtered cards in cells. */
  regions: Record<Priority, number>;
}

export type MatrixFilter = Pick<TreeFilter, 'type' | 'status' | 'customer' | 'owner'>;

export function matrixCard(record: RequirementRecord): MatrixCard {
  const d = record.data;
  return {
    file: record.file,
    ...(record.id ? { id: record.id } : {}),
    ...(record.title ? { title: record.title } : {}),
    ...(d.type ? { type: d.type } : {}),
    ...(d.status ? { status: d.status } : {}),
    ...(d.customer?.name ? { customer: d.customer.name } : {}),
    ...(d.owner ? { owner: d.owner } : {}),
    ...(record.priority ? { priority: record.priority } : {}),
    ...(d.scores?.importance !== undefined ? { importance: d.scores.importance } : {}),
    ...(d.scores?.urgency !== undefined ? { urgency: d.scores.urgency } : {}),
    errors: record.problems.filter((p) => p.severity === 'error').length,
  };
}

/** A card is in a cell when both scores are set; otherwise it is listed aside as unscored. */
export function isScored(card: MatrixCard): card is MatrixCard & { importance: number; urgency: number } {
  return card.importance !== undefined && card.urgency !== undefined;
}

/** The region of a cell: the priority its scores derive. */
export function regionOf(importance: number, urgency: number, threshold: number): Priority {
  return priorityFromScores(importance, urgency, threshold)!;
}

export function matchesMatrixFilter(card: MatrixCard, filter: MatrixFilter): boolean {
  return (
    (!filter.type || card.type === filter.type) &&
    (!filter.status || card.status === filter.status) &&
    (!filter.customer || card.customer === filter.customer) &&
    (!filter.owner || card.owner === filter.owner)
  );
}

export function matrixModel(records: Iterable<RequirementRecord>, threshold: number): MatrixModel {
  const cards: MatrixCard[] = [];
  const regions: Record<Priority, number> = { P1: 0, P2: 0, P3: 0 };
  for (const record of records) {
    if (record.skipped) continue;
    const card = matrixCard(record);
    cards.push(card);
    if (isScored(card)) regions[regionOf(card.importance, card.urgency, threshold)]++;
  }
  cards.sort((a, b) => (a.id ?? a.file).localeCompare(b.id ?? b.file));
  return { threshold, cards, regions };
}
