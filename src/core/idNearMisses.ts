/**
 * Text that was almost certainly meant as a requirement ID but is not one, so that nothing links
 * it: `req-2026-005` (the prefix in the wrong case), `需求 2026-005` (a blank or another dash for a
 * hyphen: `REQ_2026_005`, `REQ–2026–005`), `REQ-2026-5` (the sequence not zero-padded) and
 * `需求-２０２６-００５` (full-width digits). Each comes with the ID it probably means, for a warning
 * while the text can still be changed (the commit box). References the grammar links — hyphen
 * variants included — are never near-misses.
 *
 * Pure: no I/O. One loose expression per grammar, compiled on first use.
 */
import { templateSegments, type IdGrammar } from './ids';

export interface IdNearMiss {
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  /** The text as written. */
  written: string;
  /** The ID it probably means, in the grammar's canonical form. */
  id: string;
}

/** Where a hyphen of the template stands: any dash, underscore or blank, with blanks around a dash. */
const LOOSE_SEPARATOR = '(?:[ \\t]*[-_\\u2010-\\u2015\\u2212\\uFF0D\\uFE63][ \\t]*|[ \\t]+)';
const DIGIT = '[0-9\\uFF10-\\uFF19]';

interface Loose {
  scan: RegExp;
  /** Configured prefixes by their lower case: `req` → `REQ`. */
  prefixByLower: Map<string, string>;
}

const compiled = new WeakMap<IdGrammar, Loose>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function looseOf(grammar: IdGrammar): Loose {
  let loose = compiled.get(grammar);
  if (loose) return loose;
  const alternation = [...grammar.prefixes]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  let body = '';
  for (const s of templateSegments(grammar.template)) {
    if (s.kind === 'literal') body += [...s.text].map((c) => (c === '-' ? LOOSE_SEPARATOR : escapeRegExp(c))).join('');
    else if (s.kind === 'prefix') body += `(?<prefix>${alternation})`;
    else if (s.kind === 'year') body += `(?<year>${DIGIT}{4})`;
    else body += `(?<seq>${DIGIT}+)`;
  }
  const prefixByLower = new Map<string, string>();
  for (const p of grammar.prefixes) if (!prefixByLower.has(p.toLowerCase())) prefixByLower.set(p.toLowerCase(), p);
  // The boundaries of the grammar's own scanner: nothing glued to a longer token.
  loose = {
    scan: new RegExp(`(?<![A-Za-z0-9_\\-\\uFF10-\\uFF19])(?:${body})(?![A-Za-z0-9_\\uFF10-\\uFF19])`, 'giu'),
    prefixByLower,
  };
  compiled.set(grammar, loose);
  return loose;
}

const asciiDigits = (text: string) => text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));

/** The ID a loose match means: the configured prefix, ASCII digits, the sequence padded to the template's width. */
function canonicalOf(grammar: IdGrammar, loose: Loose, groups: Record<string, string | undefined>): string | undefined {
  const prefix = loose.prefixByLower.get((groups.prefix ?? '').toLowerCase());
  const seq = groups.seq === undefined ? undefined : asciiDigits(groups.seq).padStart(grammar.seqWidth, '0');
  if (prefix === undefined || seq === undefined) return undefined;
  const id = templateSegments(grammar.template)
    .map((s) => (s.kind === 'literal' ? s.text : s.kind === 'prefix' ? prefix : s.kind === 'year' ? asciiDigits(groups.year ?? '') : seq))
    .join('');
  return grammar.isValid(id) ? id : undefined;
}

/** The near-misses of a text, in order. */
export function findIdNearMisses(grammar: IdGrammar, text: string): IdNearMiss[] {
  const out: IdNearMiss[] = [];
  const loose = looseOf(grammar);
  // Cheap rejection, as the grammar's scanner does: no prefix in any case, no near-miss.
  const lower = text.toLowerCase();
  if (![...loose.prefixByLower.keys()].some((p) => lower.includes(p))) return out;
  const exact = grammar.findReferences(text);
  loose.scan.lastIndex = 0;
  for (let m = loose.scan.exec(text); m !== null; m = loose.scan.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (exact.some((r) => r.start < end && start < r.end)) continue;
    const id = canonicalOf(grammar, loose, m.groups ?? {});
    if (id === undefined || id === m[0]) continue;
    out.push({ start, end, written: m[0], id });
  }
  return out;
}
