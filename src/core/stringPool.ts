/**
 * The strings a record keeps, each held once and on its own.
 *
 * Why: a value read from a file is a slice of the file's text, and JavaScript engines keep the
 * whole text alive for as long as any slice of it lives (V8 makes a "sliced string" of any
 * substring of 13 characters or more). An index that keeps a record's title, its IDs and its
 * references therefore kept every file's whole front matter and body too — about 1.8 KB per
 * record of the examples' shape. And the same owner, customer, date and enum value were held once
 * per record. The pool copies a kept string out of its source and hands out one copy per distinct
 * short value.
 *
 * Bounded: past about `maxEntries` distinct values a shard of the pool starts afresh (strings
 * already handed out stay valid; only sharing with later ones is lost).
 */
const SHARDS = 64;

/**
 * A shard for a string from its length and its first and last two characters: IDs and dates
 * differ at the end, names at the start. (NaN of a missing character counts as 0.)
 */
function shardOf(value: string): number {
  const n = value.length;
  return (n * 7 + value.charCodeAt(0) * 31 + value.charCodeAt(n - 1) + value.charCodeAt(n - 2) * 5) & (SHARDS - 1);
}

export class StringPool {
  /**
   * The pool in shards by a hash of a few characters: one map of 200,000 strings that grows by
   * doubling copies all of them at once, and at 50,000 records one such copy held the extension
   * host for 30 ms. A shard's growth copies a sixty-fourth.
   */
  private readonly shards: Array<Map<string, string>> = Array.from({ length: SHARDS }, () => new Map());
  private readonly maxPerShard: number;

  constructor(
    /** Longer strings are copied but not pooled: descriptions and notes rarely repeat. */
    private readonly maxLength = 64,
    maxEntries = 200_000,
  ) {
    this.maxPerShard = Math.max(1, Math.ceil(maxEntries / SHARDS));
  }

  /** One shared copy of a short string, an own copy of a long one. */
  intern(value: string): string {
    if (value.length > this.maxLength) return detached(value);
    const shard = this.shards[shardOf(value)]!;
    const held = shard.get(value);
    if (held !== undefined) return held;
    if (shard.size >= this.maxPerShard) shard.clear();
    const copy = detached(value);
    shard.set(copy, copy);
    return copy;
  }

  /**
   * Replaces, in place, every string inside plain objects and arrays by its pooled copy; returns
   * the value (a string is returned pooled). Other objects are left as they are.
   */
  compact<T>(value: T): T {
    if (typeof value === 'string') return this.intern(value) as T;
    if (value !== null && typeof value === 'object') this.compactObject(value);
    return value;
  }

  private compactObject(value: object): void {
    // A frozen value is a shared constant (see FixLists), pooled already.
    if (Object.isFrozen(value)) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'string') value[i] = this.intern(item);
        else if (item !== null && typeof item === 'object') this.compactObject(item);
      }
      return;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return;
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const item = object[key];
      if (typeof item === 'string') object[key] = this.intern(item);
      else if (item !== null && typeof item === 'object') this.compactObject(item);
    }
  }
}

/**
 * A copy of `value` that shares no storage with the text it was cut from. The engine copies
 * substrings shorter than SLICE_MIN already. Joining forces a flat new string; cutting the joined
 * character off again points into that new string only.
 */
function detached(value: string): string {
  return value.length < SLICE_MIN ? value : (' ' + value).slice(1);
}

/** V8 copies substrings shorter than this (SlicedString::kMinLength); longer ones share storage. */
const SLICE_MIN = 13;
