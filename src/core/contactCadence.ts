// Contact cadence (定期沟通): how often each tier of customer should hear from us, and the warning
// on a customer's open requirements when they have not for longer than that.
//
// The rule, with dates only (YYYY-MM-DD) and `today` passed in:
// - `reqdesk.customers.contactEveryDays` gives the days per tier (default key 14, existing 30,
//   new 60; 0 turns the cadence off for that tier). A customer without a tier counts as
//   `existing`; a customer's tier is the highest any record gives them.
// - A customer's last touch is the latest dated touch across the records they asked for (a request,
//   a contact, feedback, a change's outcome fed back: customers.ts).
// - A customer with open requirements whose last touch is more than their tier's days before
//   today is overdue: each of their open records gets a `customer-contact-overdue` warning on the
//   customer's name (`customer.name`, or the `requesters` entry's `name`), with a quick fix that
//   logs a contact. Exactly the cadence's days ago is not overdue yet.
// - A customer with no dated touch at all is not warned about (there is no date to count from);
//   the tree shows them as never contacted.
// The warning depends on other files and on today, so it is neither part of a file's validation
// (cached per file) nor of the index's date-free cross-file problems: the faces add it where they
// add today's problems (the Problems panel, `reqdesk validate --as-of`).
import * as YAML from 'yaml';
import { type CustomerSummary, type CustomerTier, requestersOf } from './customers';
import { loadYamlCareful, loadYamlFast, nodeAtPath, splitFile } from './frontmatter';
import { daysArg, word } from './messages';
import type { Problem, YamlPath } from './problems';
import { isValidIsoDate } from './schedule';
import type { OffsetRange } from './text';
import { daysBetween } from './timely';
import { nodeAtPath as scannedNodeAt, scanYamlPositions, type YamlPositions } from './yamlPositions';

/** Days between contacts per tier; 0 is no cadence for that tier. */
export interface ContactCadence {
  key: number;
  existing: number;
  new: number;
}

/** The tier whose cadence applies: a customer without one counts as existing. */
export function cadenceTier(tier: CustomerTier | undefined): CustomerTier {
  return tier ?? 'existing';
}

/** A customer overdue for contact, as of a day. */
export interface OverdueContact {
  key: string;
  name: string;
  /** The tier as the records give it (undefined: none, counted as existing). */
  tier?: CustomerTier;
  /** The cadence that applies, in days. */
  every: number;
  /** The last touch's date, and how many days before today it was. */
  last: string;
  days: number;
}

/** Days since a customer's last touch as of `today`, or undefined when they have none (or `today` is not a date). */
export function daysSinceContact(summary: Pick<CustomerSummary, 'lastTouch'>, today: string): number | undefined {
  return summary.lastTouch && isValidIsoDate(today) ? daysBetween(summary.lastTouch.date, today) : undefined;
}

/** Whether a customer is overdue for contact as of `today` (see the rule above). */
export function contactOverdue(
  summary: Pick<CustomerSummary, 'key' | 'name' | 'tier' | 'open' | 'lastTouch'>,
  today: string,
  cadence: ContactCadence,
): OverdueContact | undefined {
  if (summary.open === 0 || !summary.lastTouch) return undefined;
  const every = cadence[cadenceTier(summary.tier)];
  const days = daysSinceContact(summary, today);
  if (every <= 0 || days === undefined || days <= every) return undefined;
  return {
    key: summary.key,
    name: summary.name,
    ...(summary.tier ? { tier: summary.tier } : {}),
    every,
    last: summary.lastTouch.date,
    days,
  };
}

/** The cadence's tier as a message word: "key customers", or "customers without a tier, as existing ones". */
function tierWord(tier: CustomerTier | undefined): string {
  return word(tier ? `${tier}-customers` : 'untiered-customers');
}

/** The warning for one overdue customer, on a range of the record. */
export function contactOverdueProblem(o: OverdueContact, range: OffsetRange, path: YamlPath): Problem {
  return {
    code: 'customer-contact-overdue',
    severity: 'warning',
    args: [o.name, daysArg(o.days), tierWord(o.tier), daysArg(o.every)],
    range,
    path,
    fixes: ['log-customer-contact'],
    data: { customer: o.name },
  };
}

/** Where a record writes one requester's name: what a contact warning is placed on. */
export interface RequesterPlace {
  key: string;
  /** The `requesters` entry's index; none for `customer`. */
  index?: number;
  /** BOM-less offsets into the file's text. */
  range: OffsetRange;
}

/**
 * The warnings of a record's overdue customers, each on the customer's name as the file writes it
 * (`text` may start with a BOM; ranges are BOM-less). A customer the file no longer names, or a file
 * whose YAML cannot be read, gets none.
 */
export function contactOverdueProblems(text: string, overdue: readonly OverdueContact[]): Problem[] {
  if (overdue.length === 0) return [];
  const split = splitFile(text, true);
  const fm = split.frontMatter;
  if (!fm || !fm.closed || (fm.language && fm.language !== 'yaml' && fm.language !== 'yml')) return [];
  // The common shape needs no Document: js-yaml's value and the line scan's positions.
  const fast = loadYamlFast(fm.yaml);
  const positions = fast.ok ? scanYamlPositions(fm.yaml) : undefined;
  if (fast.ok && positions) return contactOverdueProblemsAt(requesterPlaces(fast.value, positions, fm.yamlStart), overdue);
  const loaded = loadYamlCareful(fm.yaml);
  if (loaded.issues.length > 0) return [];
  const places = requesterPlacesBy(loaded.value, (path) => {
    const node = nodeAtPath(loaded.doc, path).value;
    return YAML.isScalar(node) && node.range ? { start: fm.yamlStart + node.range[0], end: fm.yamlStart + node.range[1] } : undefined;
  });
  return contactOverdueProblemsAt(places, overdue);
}

/**
 * The requesters' names of a front-matter already read (its value and scanned positions; `yamlStart`
 * is where the YAML starts in the text): kept with the record, so that a warning found later, when
 * another record changes the customer's last touch, is placed without reading the file again.
 */
export function requesterPlaces(value: unknown, positions: YamlPositions, yamlStart: number): RequesterPlace[] {
  return requesterPlacesBy(value, (path) => {
    const node = scannedNodeAt(positions, path);
    return node?.kind === 'scalar' ? { start: yamlStart + node.range.start, end: yamlStart + node.range.end } : undefined;
  });
}

function requesterPlacesBy(value: unknown, place: (path: YamlPath) => OffsetRange | undefined): RequesterPlace[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  // The raw value's requesters: their indexes are the file's own (validation drops invalid entries).
  const out: RequesterPlace[] = [];
  for (const r of requestersOf(value as Parameters<typeof requestersOf>[0])) {
    const range = place(placePath(r.index));
    if (range) out.push({ key: r.key, ...(r.index === undefined ? {} : { index: r.index }), range });
  }
  return out;
}

const placePath = (index: number | undefined): YamlPath => (index === undefined ? ['customer', 'name'] : ['requesters', index, 'name']);

/** The warnings of overdue customers on the places their names are written. */
export function contactOverdueProblemsAt(places: readonly RequesterPlace[], overdue: readonly OverdueContact[]): Problem[] {
  const out: Problem[] = [];
  for (const o of overdue) {
    const at = places.find((p) => p.key === o.key);
    if (at) out.push(contactOverdueProblem(o, at.range, placePath(at.index)));
  }
  return out;
}
