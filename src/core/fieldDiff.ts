/**
 * How one version's front-matter differs from another's, field by field: every key the file has,
 * known to the schema or not, down to the leaves.
 *
 * - A mapping is compared key by key and named with dots: `scores.urgency`, `customer.name`. An
 *   empty value (`strategy:`, `[]`) is the same as a missing key; a mapping that appears or goes
 *   lists each of its leaves.
 * - A list of mappings (tasks, feedback, changes, reviews) is compared item by item. Items are
 *   matched by their `id` when every item on both sides has a distinct one (`tasks[T2].status`);
 *   their order is then no change. Otherwise by position (`feedback[0]`), after the items equal at
 *   the start and at the end are set aside, so one entry inserted or removed in the middle is that
 *   one entry, not a shift of all the others. An item that appears or goes is one change, its
 *   whole value on one side (`item: true`).
 * - Anything else (text, numbers, lists of text) is one value: `related` before and after.
 *   Where the schema reads one text as a list of one (`depends: T1`), the two forms are equal.
 *
 * Keys are listed in a fixed order: LEADING_FIELDS first, then the schema's order, then keys the
 * schema does not know, in the file's order. Values come in already normalised (enum aliases
 * replaced, the shown priority filled in): see history.ts.
 */
import { knownKeysAt, knownKeysAtShape, readsOneAsList } from './schema';

export interface FieldChange {
  /** The field's path: `status`, `scores.urgency`, `tasks[T2].status`, `feedback[1]`. */
  field: string;
  /** undefined: the field was absent (or empty). */
  from: unknown;
  to: unknown;
  /** The path names a whole list item that was added (`from` undefined) or removed (`to` undefined). */
  item?: true;
}

// Scores come from the schema so that a score key added there is listed in its place.
const SCORE_FIELDS = knownKeysAt(['scores']).map((key) => `scores.${key}`);

/**
 * The fields a history lists first, in this order: what moves a requirement through its workflow
 * (status, the priority the product shows, scores, strategy), then what names it.
 */
export const LEADING_FIELDS: readonly string[] = [
  'status',
  'priority',
  'priority_reason',
  ...SCORE_FIELDS,
  'strategy',
  'decline_reason',
  'type',
  'title',
  'horizon',
  'id',
];

const TOP_ORDER: readonly string[] = [...new Set([...LEADING_FIELDS.map((f) => f.split('.')[0]!), ...knownKeysAt([])])];

type Segment = string | number;
type Mapping = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Mapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Structural equality of parsed YAML values (scalars, lists, maps). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    return a.length === list.length && a.every((item, i) => sameValue(item, list[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Mapping)[k], (b as Mapping)[k]));
}

/** A value as set: an empty YAML value, an empty list or mapping means "not set", like a missing key. */
function present(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (isPlainObject(value) && Object.keys(value).length === 0) return undefined;
  return value;
}

/** Where the diff is: the label people read, the schema path (list items as 0) and whether the schema knows it. */
interface Place {
  label: string;
  schemaPath: Segment[];
  known: boolean;
}

function keyPlace(at: Place, key: string, known: boolean): Place {
  return { label: at.label === '' ? key : `${at.label}.${key}`, schemaPath: [...at.schemaPath, key], known: at.known && known };
}

function itemPlace(at: Place, key: string | number): Place {
  return { label: `${at.label}[${key}]`, schemaPath: [...at.schemaPath, 0], known: at.known };
}

/** The keys of two mappings in listing order, with whether the schema knows each. */
function orderedKeys(at: Place, a: Mapping | undefined, b: Mapping | undefined): Array<[string, boolean]> {
  const known = at.known ? (at.schemaPath.length === 0 ? TOP_ORDER : knownKeysAtShape(shapeOf(at.schemaPath), at.schemaPath)) : [];
  const keys: Array<[string, boolean]> = [];
  const seen = new Set<string>();
  const has = (k: string) => (a !== undefined && Object.hasOwn(a, k)) || (b !== undefined && Object.hasOwn(b, k));
  const add = (k: string, isKnown: boolean) => {
    if (seen.has(k)) return;
    seen.add(k);
    keys.push([k, isKnown]);
  };
  for (const k of known) if (has(k)) add(k, true);
  for (const m of [b, a]) for (const k of Object.keys(m ?? {})) add(k, false);
  return keys;
}

function shapeOf(path: readonly Segment[]): string {
  return path.map((s) => (typeof s === 'number' ? '[]' : s)).join('.');
}

const isItemList = (value: unknown): value is Mapping[] | undefined =>
  value === undefined || (Array.isArray(value) && value.every(isPlainObject));

/** The items by their `id`, or undefined unless every item has a distinct text or number one. */
function byId(items: readonly Mapping[]): Map<string, Mapping> | undefined {
  const found = new Map<string, Mapping>();
  for (const item of items) {
    const id = item.id;
    if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) return undefined;
    if (found.has(String(id))) return undefined;
    found.set(String(id), item);
  }
  return found;
}

function diffMappings(at: Place, a: Mapping | undefined, b: Mapping | undefined, out: FieldChange[]): void {
  for (const [key, known] of orderedKeys(at, a, b)) diffValues(keyPlace(at, key, known), present(a?.[key]), present(b?.[key]), out);
}

function diffItem(at: Place, a: Mapping | undefined, b: Mapping | undefined, out: FieldChange[]): void {
  if (a !== undefined && b !== undefined) diffMappings(at, a, b, out);
  else if (b !== undefined) out.push({ field: at.label, from: undefined, to: b, item: true });
  else if (a !== undefined) out.push({ field: at.label, from: a, to: undefined, item: true });
}

function diffItemLists(at: Place, a: readonly Mapping[], b: readonly Mapping[], out: FieldChange[]): void {
  const idsA = byId(a);
  const idsB = byId(b);
  if (idsA && idsB) {
    for (const [id, item] of idsB) diffItem(itemPlace(at, id), idsA.get(id), item, out);
    for (const [id, item] of idsA) if (!idsB.has(id)) diffItem(itemPlace(at, id), item, undefined, out);
    return;
  }
  let head = 0;
  while (head < a.length && head < b.length && sameValue(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && sameValue(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
  const endA = a.length - tail;
  const endB = b.length - tail;
  // Positions are the new list's for kept and added items, the old list's for removed ones: the
  // same up to the end of the shorter middle.
  for (let i = head; i < Math.max(endA, endB); i++)
    diffItem(itemPlace(at, i), i < endA ? a[i] : undefined, i < endB ? b[i] : undefined, out);
}

function diffValues(at: Place, a: unknown, b: unknown, out: FieldChange[]): void {
  if (sameValue(a, b)) return;
  if ((a === undefined || isPlainObject(a)) && (b === undefined || isPlainObject(b))) return diffMappings(at, a, b, out);
  if (isItemList(a) && isItemList(b)) return diffItemLists(at, a ?? [], b ?? [], out);
  if (at.known && sameAsOneOrMany(a, b) && readsOneAsList(at.schemaPath)) return;
  out.push({ field: at.label, from: a, to: b });
}

/** `T1` and `[T1]`: the same where the schema reads one text as a list of one. */
function sameAsOneOrMany(a: unknown, b: unknown): boolean {
  const one = (x: unknown, y: unknown) => typeof x === 'string' && Array.isArray(y) && y.length === 1 && y[0] === x;
  return one(a, b) || one(b, a);
}

/**
 * The changes from one front-matter to the next, both normalised mappings; `before` undefined for a
 * version with nothing before it (every field is then listed, `from` undefined).
 */
export function fieldChanges(before: Readonly<Mapping> | undefined, after: Readonly<Mapping>): FieldChange[] {
  const out: FieldChange[] = [];
  diffMappings({ label: '', schemaPath: [], known: true }, before, after, out);
  return out;
}
