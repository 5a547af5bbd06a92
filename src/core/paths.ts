/** The value at a YAML path in plain parsed data (numbers index lists), or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/**
 * Gives every long string in parsed data storage of its own. Parsers return substrings, and V8
 * keeps a substring's whole parent alive: an index of 10,000 records would otherwise hold the text
 * of every file. Short strings are copies already.
 */
export function detachStrings<T>(value: T): T {
  if (typeof value === 'string') return (value.length >= 13 ? ` ${value}`.slice(1) : value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = detachStrings(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) map[key] = detachStrings(map[key]);
  }
  return value;
}
