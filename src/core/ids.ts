/**
 * The requirement ID grammar: which strings are IDs (`REQ-2024-001`, `需求-2024-001`, `PROJ-42`),
 * how to build one from its parts, and how to find ID references in free text (Markdown, code
 * comments, commit messages).
 *
 * A grammar is compiled from a list of prefixes and a format template. Template tokens:
 *   {prefix}  one of the prefixes (case-sensitive; longer prefixes are tried first)
 *   {year}    exactly four ASCII digits
 *   {seq}     one or more ASCII digits
 *   {seq:N}   at least N ASCII digits; formatting zero-pads to N
 * Anything else in the template is literal text. `{prefix}` and `{seq}` are required, each token
 * may appear at most once, and a stray `{` or `}` is an error (it is almost always a typo).
 *
 * Reference boundaries: an ID inside a longer token is not a reference. The character before it
 * must not be an ASCII letter, digit, `_` or `-`; the character after it must not be an ASCII
 * letter, digit or `_`. Lookarounds, not `\b`: `\b` is ASCII-only in JavaScript, so it never
 * matches between `完成` and `需求`, and would miss every CJK-prefixed ID written inside Chinese
 * prose. CJK text and full-width punctuation on either side are therefore boundaries.
 *
 * Hyphen variants: a `-` of the template also matches U+2010 (hyphen), U+2011 (non-breaking
 * hyphen) and U+FF0D (full-width hyphen-minus, what a Chinese input method types) in references,
 * which are reported as the canonical ID: `需求－2026－003` links to `需求-2026-003`. They cannot
 * mean anything else inside an ID. The en and em dashes (U+2013, U+2014) are not read so: they are
 * punctuation (`需求-2026-001–005` is a range) and are only near-misses (idNearMisses.ts). A
 * record's own `id:` must be written with `-` (isValid and parse are strict).
 *
 * Pure: no I/O, no clock. Each grammar compiles its regular expressions once; the scanning
 * expression is reused across calls (its `lastIndex` is reset on entry and the loop never yields,
 * so reuse is safe).
 */

export interface IdParts {
  prefix: string;
  year?: number;
  seq: number;
}

export interface IdReference {
  /** The canonical ID (hyphen variants written as `-`). */
  id: string;
  /** The text as written, when it differs from `id` (a full-width hyphen); same length as `id`. */
  written?: string;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

export interface IdGrammar {
  readonly prefixes: readonly string[];
  /**
   * The format template the grammar was compiled from. (Named `template`, not `format`, because
   * `format` is the formatting method below and one name cannot be both.)
   */
  readonly template: string;
  /** Whether the template has a `{year}` token. */
  readonly hasYear: boolean;
  /** Minimum digit count of the sequence number (N of `{seq:N}`, 1 for `{seq}`). */
  readonly seqWidth: number;
  /** Whether the whole string is one ID. */
  isValid(id: string): boolean;
  parse(id: string): IdParts | undefined;
  /** Builds an ID; the sequence number is zero-padded to `seqWidth`. Throws on parts that cannot form a valid ID. */
  format(parts: IdParts): string;
  /** Every ID reference in any text, in order, with UTF-16 offsets. */
  findReferences(text: string): IdReference[];
}

export const DEFAULT_ID_PREFIXES: readonly string[] = Object.freeze(['REQ', '需求']);
export const DEFAULT_ID_FORMAT = '{prefix}-{year}-{seq:3}';

/** Wider than this and sequence numbers stop being exact JavaScript integers. */
const MAX_SEQ_WIDTH = 15;

export type TemplateSegment =
  { kind: 'literal'; text: string } | { kind: 'prefix' } | { kind: 'year' } | { kind: 'seq'; width: number; exact: boolean };
type Segment = TemplateSegment;

/** The hyphens that read as `-` inside a reference (see the header). */
export const HYPHEN_VARIANTS: readonly string[] = Object.freeze(['\u2010', '\u2011', '\uFF0D']);

/**
 * The literal text an ID template puts right after `{prefix}`, up to its next placeholder (`-` for
 * `{prefix}-{year}-{seq:3}`): what every ID of the grammar starts with after its prefix, which the
 * searches that pre-filter text for IDs (git's grep, ripgrep) look for.
 */
export function literalAfterPrefix(template: string): string {
  const at = template.indexOf('{prefix}');
  if (at === -1) return '';
  const rest = template.slice(at + '{prefix}'.length);
  const brace = rest.indexOf('{');
  return brace === -1 ? rest : rest.slice(0, brace);
}
const HYPHEN_CLASS = `[-${HYPHEN_VARIANTS.join('')}]`;
const HYPHEN_VARIANT = new RegExp(`[${HYPHEN_VARIANTS.join('')}]`);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A literal of the template in the scanning expression: its hyphens also match their variants. */
function scanLiteral(text: string): string {
  return [...text].map((c) => (c === '-' ? HYPHEN_CLASS : escapeRegExp(c))).join('');
}

/** The segments of a valid format template; throws like compileIdGrammar on a bad one. */
export function templateSegments(format: string): TemplateSegment[] {
  return parseTemplate(format);
}

function parseTemplate(format: string): Segment[] {
  const segments: Segment[] = [];
  const seen = new Set<string>();
  const token = /\{([^{}]*)\}/g;
  let last = 0;
  const pushLiteral = (text: string): void => {
    if (text === '') return;
    if (text.includes('{') || text.includes('}')) {
      throw new Error(`Invalid ID format "${format}": unbalanced brace in "${text}"`);
    }
    segments.push({ kind: 'literal', text });
  };
  for (let m = token.exec(format); m !== null; m = token.exec(format)) {
    pushLiteral(format.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1] ?? '';
    let segment: Segment;
    if (name === 'prefix') segment = { kind: 'prefix' };
    else if (name === 'year') segment = { kind: 'year' };
    else if (name === 'seq') segment = { kind: 'seq', width: 1, exact: false };
    else {
      const width = /^seq:(\d+)$/.exec(name);
      if (!width) {
        throw new Error(`Invalid ID format "${format}": unknown token {${name}} (known: {prefix}, {year}, {seq}, {seq:N})`);
      }
      const n = Number(width[1]);
      if (n < 1 || n > MAX_SEQ_WIDTH) {
        throw new Error(`Invalid ID format "${format}": {seq:N} needs 1 ≤ N ≤ ${MAX_SEQ_WIDTH}, got ${n}`);
      }
      segment = { kind: 'seq', width: n, exact: true };
    }
    if (seen.has(segment.kind)) {
      throw new Error(`Invalid ID format "${format}": {${segment.kind}} appears more than once`);
    }
    seen.add(segment.kind);
    segments.push(segment);
  }
  pushLiteral(format.slice(last));
  if (!seen.has('prefix')) throw new Error(`Invalid ID format "${format}": missing {prefix}`);
  if (!seen.has('seq')) throw new Error(`Invalid ID format "${format}": missing {seq} or {seq:N}`);
  return segments;
}

/**
 * Compiles a grammar. Throws an Error with a readable message for a bad format or prefix list
 * (this is user configuration, so the message is shown as is).
 */
export function compileIdGrammar(prefixes: readonly string[], format: string): IdGrammar {
  const unique = [...new Set(prefixes)];
  if (unique.length === 0) throw new Error('ID prefixes: at least one prefix is required');
  for (const p of unique) {
    if (typeof p !== 'string' || p === '') throw new Error('ID prefixes: a prefix must be a non-empty string');
  }
  const segments = parseTemplate(format);
  let hasYear = false;
  let seqWidth = 1;

  // Longer prefixes first so that, of `REQ` and `REQX`, a text `REQX-…` is read as the longer one
  // without relying on backtracking order. Sort is stable, so equal lengths keep their order.
  const alternation = [...unique]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  let body = '';
  let scanBody = '';
  for (const s of segments) {
    let part: string;
    switch (s.kind) {
      case 'literal':
        part = escapeRegExp(s.text);
        scanBody += scanLiteral(s.text);
        body += part;
        continue;
      case 'prefix':
        part = `(?<prefix>${alternation})`;
        break;
      case 'year':
        hasYear = true;
        part = '(?<year>[0-9]{4})';
        break;
      case 'seq':
        seqWidth = s.width;
        part = s.exact ? `(?<seq>[0-9]{${s.width},})` : '(?<seq>[0-9]+)';
        break;
    }
    body += part;
    scanBody += part;
  }
  const whole = new RegExp(`^(?:${body})$`);
  const scan = new RegExp(`(?<![A-Za-z0-9_\\-${HYPHEN_VARIANTS.join('')}])(?:${scanBody})(?![A-Za-z0-9_])`, 'g');
  /** A reference written with hyphen variants, as the ID it is: the template's literals as written there. */
  const canonicalOf = (groups: Record<string, string | undefined> | undefined): string =>
    segments
      .map((s) => (s.kind === 'literal' ? s.text : s.kind === 'prefix' ? groups?.prefix : s.kind === 'year' ? groups?.year : groups?.seq))
      .join('');
  const prefixSet = new Set(unique);

  const partsOf = (groups: Record<string, string | undefined> | undefined): IdParts | undefined => {
    const prefix = groups?.prefix;
    const seqText = groups?.seq;
    if (prefix === undefined || seqText === undefined) return undefined;
    const seq = Number(seqText);
    // A sequence too long to be an exact integer would not round-trip; not an ID.
    if (!Number.isSafeInteger(seq)) return undefined;
    const yearText = groups?.year;
    return yearText === undefined ? { prefix, seq } : { prefix, year: Number(yearText), seq };
  };

  const parse = (id: string): IdParts | undefined => {
    if (typeof id !== 'string') return undefined;
    const m = whole.exec(id);
    return m ? partsOf(m.groups) : undefined;
  };

  const formatId = (parts: IdParts): string => {
    if (!prefixSet.has(parts.prefix)) {
      throw new Error(`Unknown ID prefix "${parts.prefix}" (configured: ${unique.join(', ')})`);
    }
    if (!Number.isSafeInteger(parts.seq) || parts.seq < 0) {
      throw new Error(`ID sequence must be a non-negative integer, got ${parts.seq}`);
    }
    let out = '';
    for (const s of segments) {
      switch (s.kind) {
        case 'literal':
          out += s.text;
          break;
        case 'prefix':
          out += parts.prefix;
          break;
        case 'year': {
          const y = parts.year;
          if (y === undefined || !Number.isInteger(y) || y < 0 || y > 9999) {
            throw new Error(`ID format "${format}" needs a year between 0 and 9999, got ${y}`);
          }
          out += String(y).padStart(4, '0');
          break;
        }
        case 'seq':
          out += String(parts.seq).padStart(s.width, '0');
          break;
      }
    }
    return out;
  };

  const findReferences = (text: string): IdReference[] => {
    const found: IdReference[] = [];
    // Cheap rejection: most files mention no ID at all, and a substring search is far cheaper
    // than running the lookbehind at every position.
    let any = false;
    for (const p of unique) {
      if (text.includes(p)) {
        any = true;
        break;
      }
    }
    if (!any) return found;
    scan.lastIndex = 0;
    for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
      if (partsOf(m.groups) === undefined) continue;
      const written = m[0];
      // Most references are written canonically: only those with a variant are rebuilt.
      if (HYPHEN_VARIANT.test(written)) found.push({ id: canonicalOf(m.groups), written, start: m.index, end: m.index + written.length });
      else found.push({ id: written, start: m.index, end: m.index + written.length });
    }
    return found;
  };

  return Object.freeze({
    prefixes: Object.freeze(unique),
    template: format,
    hasYear,
    seqWidth,
    isValid: (id: string) => parse(id) !== undefined,
    parse,
    format: formatId,
    findReferences,
  });
}

/**
 * The next free ID for a prefix: highest existing sequence number for that prefix (and that
 * year, when the format has `{year}`: numbering restarts each year) plus one; 1 when there is
 * none. Strings that are not IDs of this grammar are ignored.
 */
export function nextId(grammar: IdGrammar, existing: Iterable<string>, opts: { prefix: string; year?: number }): string {
  if (!grammar.prefixes.includes(opts.prefix)) {
    throw new Error(`Unknown ID prefix "${opts.prefix}" (configured: ${grammar.prefixes.join(', ')})`);
  }
  if (grammar.hasYear && opts.year === undefined) {
    throw new Error(`ID format "${grammar.template}" has {year}: nextId needs a year`);
  }
  let highest = 0;
  for (const id of existing) {
    const parts = grammar.parse(id);
    if (!parts || parts.prefix !== opts.prefix) continue;
    if (grammar.hasYear && parts.year !== opts.year) continue;
    if (parts.seq > highest) highest = parts.seq;
  }
  return grammar.format(
    grammar.hasYear ? { prefix: opts.prefix, year: opts.year, seq: highest + 1 } : { prefix: opts.prefix, seq: highest + 1 },
  );
}
