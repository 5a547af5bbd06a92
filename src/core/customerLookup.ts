// A customer named by a person (on the command line, in a command's arguments): the one whose key
// matches, else the names that come nearest, so a typo or a short form gets an answer. Pure.
import { customerKey, type CustomerSummary } from './customers';
import { editDistance } from './text';

/**
 * How far a name is from what was typed: 0 when one key holds the other (`捷运` for `捷运物流`,
 * `northwind` for `Northwind Analytics`), else 1 + the edit distance of the keys.
 */
function distance(query: string, key: string): number {
  if (query !== '' && (key.includes(query) || query.includes(key))) return 0;
  return 1 + editDistance(query, key, Math.max(query.length, key.length));
}

/**
 * The customer with the key of `name`, or the `limit` nearest names (nearest first, then by name)
 * when none has it. Names further than half their length from what was typed are not offered.
 */
export function findCustomer(
  directory: ReadonlyMap<string, CustomerSummary>,
  name: string,
  limit = 3,
): { found: CustomerSummary } | { nearest: string[] } {
  const key = customerKey(name);
  const found = directory.get(key);
  if (found) return { found };
  const ranked = [...directory.values()]
    .map((c) => ({ name: c.name, d: distance(key, c.key), far: Math.max(1, Math.ceil(c.key.length / 2)) }))
    .filter((c) => c.d <= c.far)
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { nearest: ranked.slice(0, limit).map((c) => c.name) };
}
