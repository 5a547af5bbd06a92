// Binary search in a sorted list, shared by the working-day calendar and the timely rules.

/** The index of the first of the sorted `values` at or after `value` (how many come before it). */
export function firstAtOrAfter<T extends string | number>(values: readonly T[], value: T): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
