// Demand: how many customers asked for a requirement and which tiers they are, and the optional
// rule `reqdesk.priority.demand` that lets demand weigh in on the derived priority.
//
// The rule (off by default):
// - `keyAccountRaisesImportance: true` — a requirement a key account asked for, and
// - `requestersForRaise: N` (N ≥ 1; 0 is off) — a requirement N or more customers asked for,
// count their importance one higher (at most 5) when the priority is derived from the scores. The
// file is never changed by the rule: the tree, hovers and `reqdesk list` show the derived priority
// "raised by demand", and a quick fix offers to write the raised importance. A raise that does not
// change the derived priority (importance 4 → 5 with the threshold at 4) is not shown at all.
import { type CustomerTier, requestersOf } from './customers';
import { localize, type Language } from './l10n';
import { priorityFromScores } from './priority';
import { CUSTOMER_TIERS, type Priority, type Requirement } from './schema';
import { valueName } from './valueLabel';

export interface DemandRule {
  keyAccountRaisesImportance: boolean;
  /** The number of customers from which importance is raised; 0 turns this part off. */
  requestersForRaise: number;
}

export const DEMAND_OFF: Readonly<DemandRule> = Object.freeze({ keyAccountRaisesImportance: false, requestersForRaise: 0 });

/** Who asked for a requirement, counted. */
export interface Demand {
  customers: number;
  /** Customers per tier; `none` for those without a tier. */
  tiers: Record<CustomerTier | 'none', number>;
  /** The names of the key accounts who asked, in the file's order. */
  keyAccounts: string[];
}

type DemandData = Partial<Pick<Requirement, 'customer' | 'requesters' | 'scores'>>;

export function demandOf(data: DemandData): Demand {
  const tiers: Demand['tiers'] = { key: 0, existing: 0, new: 0, none: 0 };
  const keyAccounts: string[] = [];
  const requesters = requestersOf(data);
  for (const r of requesters) {
    tiers[r.tier ?? 'none']++;
    if (r.tier === 'key') keyAccounts.push(r.name);
  }
  return { customers: requesters.length, tiers, keyAccounts };
}

/** Why the rule raises a requirement's importance. */
export type RaiseReason = { kind: 'key-account'; name: string } | { kind: 'requesters'; count: number };

export interface DemandRaise {
  from: number;
  to: number;
  reason: RaiseReason;
  /** The priority the scores give as written, and the one the raised importance gives. */
  scoresPriority: Priority;
  derived: Priority;
}

/** The reason the rule raises importance for this demand, if it does (a key account first). */
export function raiseReason(demand: Demand, rule: DemandRule): RaiseReason | undefined {
  if (rule.keyAccountRaisesImportance && demand.keyAccounts.length > 0) return { kind: 'key-account', name: demand.keyAccounts[0]! };
  if (rule.requestersForRaise > 0 && demand.customers >= rule.requestersForRaise) return { kind: 'requesters', count: demand.customers };
  return undefined;
}

/**
 * The importance the derived priority uses: the scored one, one higher (at most 5) when the rule
 * applies. Undefined while importance is unscored.
 */
export function demandImportance(data: DemandData, rule: DemandRule): number | undefined {
  const importance = data.scores?.importance;
  if (importance === undefined || !isRuleOn(rule)) return importance;
  return raiseReason(demandOf(data), rule) ? Math.min(5, importance + 1) : importance;
}

export function isRuleOn(rule: DemandRule): boolean {
  return rule.keyAccountRaisesImportance || rule.requestersForRaise > 0;
}

/**
 * The raise that changes the derived priority, or undefined: rule off, importance or urgency
 * unscored, no reason, importance already 5, or a raise that leaves the priority as it was.
 */
export function demandRaise(data: DemandData, rule: DemandRule, threshold: number): DemandRaise | undefined {
  if (!isRuleOn(rule)) return undefined;
  const importance = data.scores?.importance;
  const urgency = data.scores?.urgency;
  if (importance === undefined || urgency === undefined || importance >= 5) return undefined;
  const reason = raiseReason(demandOf(data), rule);
  if (!reason) return undefined;
  const to = importance + 1;
  const scoresPriority = priorityFromScores(importance, urgency, threshold)!;
  const derived = priorityFromScores(to, urgency, threshold)!;
  return derived === scoresPriority ? undefined : { from: importance, to, reason, scoresPriority, derived };
}

/**
 * Who asked, short, for a table cell: "3 (key 1, new 1)", in Chinese with the tiers' Chinese names;
 * the count alone when no one has a tier, '' when no one asked.
 */
export function demandText(demand: Demand, lang: Language): string {
  if (demand.customers === 0) return '';
  const tiers = (['key', 'existing', 'new'] as const)
    .filter((t) => demand.tiers[t] > 0)
    .map((t) => `${valueName(t, CUSTOMER_TIERS[t], lang)} ${demand.tiers[t]}`);
  if (tiers.length === 0) return String(demand.customers);
  return localize(
    lang,
    { message: '{0} ({1})', comment: 'customers who asked, then how many of each tier' },
    demand.customers,
    tiers.join(localize(lang, { message: ', ', comment: 'between the tiers of the customers who asked' })),
  );
}
