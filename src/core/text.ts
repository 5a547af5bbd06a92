// Offsets ↔ line/column for any text, with CRLF, lone CR and LF line ends. Columns are UTF-16
// code units, as in VS Code's Position and most linters' output.

export interface OffsetRange {
  start: number;
  end: number;
}

export interface LineColumn {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  column: number;
}

/** Where each line of a text starts (after `\n`, `\r\n` or a lone `\r`), as UTF-16 offsets. */
export function lineStartsOf(text: string, upTo = text.length): number[] {
  const starts = [0];
  for (let i = 0; i < text.length && i <= upTo; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) starts.push(i + 1);
  }
  return starts;
}

/**
 * The line starts a record keeps, packed into a string: one character per line, its length plus
 * 93 (past `"` and `\`, so the warm-start cache's JSON holds it unescaped). A number per line
 * took ~400 bytes of heap per record; this takes about a byte per line. A line of 65,442
 * characters or more is the character U+FFFF and its length in two more (high and low 16 bits).
 */
export interface KeptLines {
  packed: string;
  /** The text's length. */
  length: number;
  /** The largest offset the starts reach (they run to the line holding it). */
  upTo: number;
}

const PACK_BIAS = 93;
/** Characters made by one call (an argument list has limits). */
const PACK_CHUNK = 4096;

const PACK_ESCAPE = 0xffff;

export function keepLines(text: string, upTo: number): KeptLines {
  const starts = lineStartsOf(text, upTo);
  const codes: number[] = [];
  for (let i = 1; i < starts.length; i++) {
    const width = starts[i]! - starts[i - 1]!;
    if (width + PACK_BIAS < PACK_ESCAPE) codes.push(width + PACK_BIAS);
    else codes.push(PACK_ESCAPE, width >>> 16, width & 0xffff);
  }
  // Made in one piece: a string grown by `+=` is a chain of pieces (32 bytes each) until read.
  let packed = String.fromCharCode(...codes.slice(0, PACK_CHUNK));
  for (let i = PACK_CHUNK; i < codes.length; i += PACK_CHUNK) packed += String.fromCharCode(...codes.slice(i, i + PACK_CHUNK));
  return { packed, length: text.length, upTo };
}

/** The kept starts, ready to place offsets. */
export function keptLineStarts(kept: KeptLines): LineStarts {
  const starts = [0];
  let at = 0;
  for (let i = 0; i < kept.packed.length; i++) {
    const c = kept.packed.charCodeAt(i);
    at += c === PACK_ESCAPE ? kept.packed.charCodeAt(++i) * 0x10000 + kept.packed.charCodeAt(++i) : c - PACK_BIAS;
    starts.push(at);
  }
  return new LineStarts(starts, kept.length);
}

/**
 * Offsets to lines and columns from the line starts alone: what the index keeps of a record with
 * problems, so that they reach the Problems panel without the file being read again.
 */
export class LineStarts {
  /** `starts`: at least up to the line of the largest offset asked for; `length`: the text's. */
  constructor(
    protected readonly starts: readonly number[],
    readonly length: number,
  ) {}

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - (this.starts[lo] ?? 0) };
  }
}

export class LineIndex extends LineStarts {
  constructor(readonly text: string) {
    super(lineStartsOf(text), text.length);
  }

  offset(position: LineColumn): number {
    const start = this.starts[Math.max(0, Math.min(position.line, this.starts.length - 1))] ?? 0;
    return Math.min(start + position.column, this.text.length);
  }
}

/** Damerau-free Levenshtein distance, small strings only (keys), bounded for speed. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** Words that, written just before a value, say its opposite: 非功能 is not 功能, nonfunctional is not functional. */
const NEGATION_BEFORE = /(?:非|不|无|未|没有|non|un|not)[\s_-]*$/i;

/**
 * Whether `word` holds `candidate` negated (非功能需求 holds 功能): suggesting the candidate for it
 * would invert its meaning, however short the distance.
 */
export function negates(word: string, candidate: string): boolean {
  const lower = word.toLowerCase();
  const c = candidate.toLowerCase();
  if (c === '') return false;
  for (let at = lower.indexOf(c); at !== -1; at = lower.indexOf(c, at + 1)) {
    if (NEGATION_BEFORE.test(lower.slice(0, at))) return true;
  }
  return false;
}

/** The closest candidate within a distance that scales with the word's length, if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase(), limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
