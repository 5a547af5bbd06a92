// Views and protocols leave a field out rather than send it empty: the fields that hold a value.

/** The fields of `source` named in `keys` that hold a value (empty text and undefined do not), in the order of `keys`. */
export function presentFields<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const present: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key]) present[key] = source[key];
  return present;
}
