// The importance × urgency matrix as plain data: a card per scored requirement in its cell, the
// unscored ones aside, the P1/P2/P3 region of every cell from the threshold, and the cards a filter
// hides. The card and message types are the protocol's (src/protocol/matrix.ts): one definition.
import type { Filter } from '../protocol/filterBar';
import type { MatrixCard, MatrixCells, MatrixRegions } from '../protocol/matrix';
import type { RequirementRecord } from './index';
import { demandOf } from './demand';
import { presentFields } from './presentFields';
import { priorityFromScores } from './priority';
import { sortRanked, type RankCriterion, type RankInput } from './ranking';
import type { Priority } from './schema';

export type { MatrixCard } from '../protocol/matrix';

export interface MatrixModel {
  threshold: number;
  cards: MatrixCard[];
  /** Requirements per region, counted over the scored cards. */
  regions: MatrixRegions;
  /** The region of every cell, `cells[importance - 1][urgency - 1]`. */
  cells: MatrixCells;
}

export type MatrixFilter = Filter;

export function matrixCard(record: RequirementRecord): MatrixCard {
  const d = record.data;
  const demand = demandOf(d);
  return {
    file: record.file,
    ...presentFields(record, ['id', 'title', 'teamStatus']),
    ...presentFields(d, ['type', 'status']),
    ...(d.customer?.name ? { customer: d.customer.name } : {}),
    ...presentFields(d, ['owner']),
    ...presentFields(record, ['priority']),
    ...(d.scores?.importance !== undefined ? { importance: d.scores.importance } : {}),
    ...(d.scores?.urgency !== undefined ? { urgency: d.scores.urgency } : {}),
    errors: record.problems.filter((p) => p.severity === 'error').length,
    ...(demand.customers > 0
      ? { demand: { customers: demand.customers, key: demand.tiers.key, existing: demand.tiers.existing, new: demand.tiers.new } }
      : {}),
    ...(record.raisedByDemand ? { raisedByDemand: true as const } : {}),
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

/** The region of each of the 25 cells, `[importance - 1][urgency - 1]`. */
export function matrixCells(threshold: number): MatrixCells {
  const scores = [1, 2, 3, 4, 5];
  return scores.map((importance) => scores.map((urgency) => regionOf(importance, urgency, threshold)));
}

/** Requirements per region, counted over the scored cards. */
export function matrixRegions(cards: Iterable<MatrixCard>, threshold: number): MatrixRegions {
  const regions: MatrixRegions = { P1: 0, P2: 0, P3: 0 };
  for (const card of cards) if (isScored(card)) regions[regionOf(card.importance, card.urgency, threshold)]++;
  return regions;
}

/**
 * The files of the scored cards whose priority is not their cell's region: a stored priority that
 * disagrees with the scores. The tree groups these by that priority, the matrix by their cell, so
 * the two counts differ by exactly these cards (and the unscored ones with a stored priority).
 */
export function priorityDiffers(cards: Iterable<MatrixCard>, threshold: number): string[] {
  const files: string[] = [];
  for (const card of cards) {
    if (isScored(card) && card.priority && card.priority !== regionOf(card.importance, card.urgency, threshold)) files.push(card.file);
  }
  return files;
}

export function matchesMatrixFilter(card: MatrixCard, filter: MatrixFilter): boolean {
  return (
    (!filter.type || card.type === filter.type) &&
    // The team's status or the stage, as the tree filters: under a team schema the bar offers the team's statuses.
    (!filter.status || card.status === filter.status || card.teamStatus === filter.status) &&
    (!filter.customer || card.customer === filter.customer) &&
    (!filter.owner || card.owner === filter.owner)
  );
}

/** The files of the cards the filter hides. */
export function hiddenCards(cards: Iterable<MatrixCard>, filter: MatrixFilter): string[] {
  const hidden: string[] = [];
  for (const card of cards) if (!matchesMatrixFilter(card, filter)) hidden.push(card.file);
  return hidden;
}

/** The customers and owners the filter offers: those of every card, distinct and sorted. */
export function matrixChoices(cards: Iterable<MatrixCard>): { customers: string[]; owners: string[] } {
  const customers = new Set<string>();
  const owners = new Set<string>();
  for (const card of cards) {
    if (card.customer) customers.add(card.customer);
    if (card.owner) owners.add(card.owner);
  }
  return { customers: [...customers].sort(), owners: [...owners].sort() };
}

export function matrixModel(records: Iterable<RequirementRecord>, threshold: number): MatrixModel {
  const cards: MatrixCard[] = [];
  for (const record of records) {
    if (record.skipped) continue;
    cards.push(matrixCard(record));
  }
  cards.sort((a, b) => (a.id ?? a.file).localeCompare(b.id ?? b.file));
  return { threshold, cards, regions: matrixRegions(cards, threshold), cells: matrixCells(threshold) };
}

/**
 * The files of the unscored cards in the order the matrix lists them: the tree's reading order
 * (priority, the rank within it by `ranking`, ID). `rankInputOf` gives a card's record data.
 */
export function unscoredOrder(
  cards: Iterable<MatrixCard>,
  rankInputOf: (file: string) => RankInput | undefined,
  ranking: readonly RankCriterion[],
): string[] {
  const unscored = [...cards].filter((card) => !isScored(card));
  return sortRanked(unscored, ranking, (card) => {
    const data = rankInputOf(card.file);
    return { moscow: data?.moscow, kano: data?.kano, scores: data?.scores, priority: card.priority, id: card.id, file: card.file };
  }).map((card) => card.file);
}
