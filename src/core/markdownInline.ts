// The plain text of Markdown inline content (a heading's text), and link reference definitions.
//
// remark (micromark, CommonMark 0.31) is the reference: `inlineText` gives what mdast's heading
// children give when every node is read as its text (a text node, inline code and raw HTML by
// their value, emphasis and links by their children, images and hard breaks as nothing). It is
// written for time linear in the input, whatever the input: every construct that searches ahead
// (code spans, raw HTML, link labels) either consumes what it scanned or remembers that the
// search failed, emphasis uses the "openers bottom" bounds of the CommonMark reference
// implementation, and a link label is compared only up to the length of the longest definition.
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

const BACKSLASH = 92;
const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const TAB = 9;

export function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

const isAsciiAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiAlphanumeric = (c: number) => isAsciiAlpha(c) || isAsciiDigit(c);
const isHexDigit = (c: number) => isAsciiDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** micromark's asciiControl: below U+0020 (tab and line endings included) or DEL. */
const isControl = (c: number) => c < 32 || c === 127;
const isLineEnding = (c: number) => c === NEWLINE || c === RETURN;
const isSpaceOrTab = (c: number) => c === SPACE || c === TAB;
const isWhitespaceCode = (c: number) => c === SPACE || c === TAB || c === NEWLINE || c === RETURN;
/** micromark's asciiAtext (e-mail local part). */
const isAtext = (c: number) =>
  (c >= 35 && c <= 39) ||
  c === 42 ||
  c === 43 ||
  (c >= 45 && c <= 57) ||
  c === 61 ||
  c === 63 ||
  (c >= 65 && c <= 90) ||
  (c >= 94 && c <= 126) ||
  c === 33;

/** micromark's normalizeIdentifier: how labels of references and definitions are compared. */
export function normalizeLabel(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

// ── character classes for emphasis (micromark's classifyCharacter, per UTF-16 code unit) ──────
const WHITESPACE = 1;
const PUNCTUATION = 2;
const UNICODE_WHITESPACE = /\s/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;

function classify(s: string, i: number): number {
  if (i < 0 || i >= s.length) return WHITESPACE;
  const c = s.charCodeAt(i);
  if (c < 128) {
    if (isWhitespaceCode(c) || c === 11 || c === 12) return WHITESPACE;
    return isAsciiPunctuation(c) ? PUNCTUATION : 0;
  }
  const ch = String.fromCharCode(c);
  if (UNICODE_WHITESPACE.test(ch)) return WHITESPACE;
  return UNICODE_PUNCTUATION.test(ch) ? PUNCTUATION : 0;
}

// ── link reference definitions ──────────────────────────────────────────────────────────────

/** A link label (`[…]`, at most 999 characters, not blank, no unescaped `[`): the index after `]`. */
function scanLabel(s: string, at: number): number {
  let size = 0;
  let seen = false;
  let i = at + 1;
  for (;;) {
    if (i >= s.length || size > 999) return -1;
    const c = s.charCodeAt(i);
    if (c === 91) return -1;
    if (c === 93) return seen && size <= 999 ? i + 1 : -1;
    if (isLineEnding(c)) {
      i++;
      continue;
    }
    size++;
    if (!isSpaceOrTab(c)) seen = true;
    i++;
    if (c === BACKSLASH && i < s.length) {
      const d = s.charCodeAt(i);
      if (d === 91 || d === 92 || d === 93) {
        size++;
        i++;
      }
    }
  }
}

/** Spaces, tabs and line endings from `i`. */
function skipWhitespace(s: string, i: number): number {
  while (i < s.length && isWhitespaceCode(s.charCodeAt(i))) i++;
  return i;
}

function skipSpaceOrTab(s: string, i: number): number {
  while (i < s.length && isSpaceOrTab(s.charCodeAt(i))) i++;
  return i;
}

/** A link destination: the index after it, or -1. `limit` bounds raw parenthesis nesting. */
function scanDestination(s: string, i: number, limit: number): number {
  if (i >= s.length) return -1;
  let c = s.charCodeAt(i);
  if (c === 60 /* < */) {
    i++;
    for (;;) {
      if (i >= s.length) return -1;
      c = s.charCodeAt(i);
      if (c === 62) return i + 1;
      if (c === 60 || isLineEnding(c)) return -1;
      i++;
      if (c === BACKSLASH && i < s.length) {
        const d = s.charCodeAt(i);
        if (d === 60 || d === 62 || d === BACKSLASH) i++;
      }
    }
  }
  if (c === SPACE || c === 41 /* ) */ || isControl(c)) return -1;
  let balance = 0;
  for (;;) {
    if (i >= s.length) return balance === 0 ? i : -1;
    c = s.charCodeAt(i);
    if (balance === 0 && (c === 41 || isWhitespaceCode(c))) return i;
    if (c === 40 /* ( */ && balance < limit) {
      balance++;
      i++;
      continue;
    }
    if (c === 41) {
      balance--;
      i++;
      continue;
    }
    if (c === SPACE || c === 40 || isControl(c)) return -1;
    i++;
    if (c === BACKSLASH && i < s.length) {
      const d = s.charCodeAt(i);
      if (d === 40 || d === 41 || d === BACKSLASH) i++;
    }
  }
}

/** A link title (`"…"`, `'…'`, `(…)`) starting at `i`: the index after it, or -1. */
function scanTitle(s: string, i: number): number {
  const open = s.charCodeAt(i);
  if (open !== 34 && open !== 39 && open !== 40) return -1;
  const close = open === 40 ? 41 : open;
  i++;
  for (;;) {
    if (i >= s.length) return -1;
    const c = s.charCodeAt(i);
    if (c === close) return i + 1;
    i++;
    if (c === BACKSLASH && i < s.length) {
      const d = s.charCodeAt(i);
      if (d === close || d === BACKSLASH) i++;
    }
  }
}

/** The end of the line at `i` (or `i` itself) when only spaces and tabs are left on it; else -1. */
function restOfLineBlank(s: string, i: number): number {
  i = skipSpaceOrTab(s, i);
  return i >= s.length || isLineEnding(s.charCodeAt(i)) ? i : -1;
}

/**
 * Link reference definitions at the start of paragraph content (its lines joined by their line
 * endings, the first one without its indentation): their normalised labels, and where the rest of
 * the content starts (0 when there is none). As micromark: a definition ends its line; a title
 * that does not end the line is not part of it.
 */
export function leadingDefinitions(s: string): { labels: string[]; end: number } {
  const labels: string[] = [];
  let pos = 0;
  while (pos < s.length && s.charCodeAt(pos) === 91) {
    const labelEnd = scanLabel(s, pos);
    if (labelEnd < 0 || s.charCodeAt(labelEnd) !== 58 /* : */) break;
    const destinationStart = skipWhitespace(s, labelEnd + 1);
    const destinationEnd = scanDestination(s, destinationStart, Infinity);
    if (destinationEnd < 0) break;
    let end = -1;
    const titleStart = skipWhitespace(s, destinationEnd);
    if (titleStart > destinationEnd) {
      const titleEnd = scanTitle(s, titleStart);
      if (titleEnd >= 0) end = restOfLineBlank(s, titleEnd);
    }
    if (end < 0) end = restOfLineBlank(s, destinationEnd);
    if (end < 0) break;
    labels.push(normalizeLabel(s.slice(pos + 1, labelEnd - 1)));
    // Past the line ending and the next line's indentation: the next definition or the paragraph.
    pos = end;
    if (s.charCodeAt(pos) === RETURN) pos++;
    if (s.charCodeAt(pos) === NEWLINE) pos++;
    pos = skipSpaceOrTab(s, pos);
  }
  return { labels, end: pos };
}

// ── inline content ──────────────────────────────────────────────────────────────────────────

interface Piece {
  text: string;
  /** A delimiter run or a bracket, which emphasis and links change: never merged with text. */
  node: boolean;
  prev: Piece | null;
  next: Piece | null;
}

interface Delimiter {
  piece: Piece;
  marker: number;
  /** Markers left in the run (micromark's rule of three counts these, not the original run). */
  length: number;
  open: boolean;
  close: boolean;
  /** Creation order, to compare positions. */
  order: number;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  piece: Piece;
  image: boolean;
  order: number;
  /** Offset after `[` / `![`: where the label text starts. */
  labelStart: number;
  /** The last delimiter before the bracket. */
  delimiterBottom: Delimiter | null;
}

/** Scanning for an HTML construct's end that found none: no later one of that kind ends either. */
interface Misses {
  comment: boolean;
  cdata: boolean;
  instruction: boolean;
  declaration: boolean;
}

/** Characters that may start an inline construct (everything else is plain text). */
const SPECIAL = /[\n\r\\&`<*_[\]!]/g;

/**
 * The text of inline content, as mdast's nodes read as text give it; `defined` holds the
 * normalised labels of the document's link reference definitions.
 */
export function inlineText(source: string, defined: ReadonlySet<string>): string {
  return new InlineText(source, defined).run();
}

class InlineText {
  private head: Piece | null = null;
  private tail: Piece | null = null;
  private delimiters: Delimiter | null = null;
  private readonly brackets: Bracket[] = [];
  private order = 0;
  /** Link openers created before this order are inactive (no links inside links). */
  private inactiveBefore = -1;
  private readonly misses: Misses = { comment: false, cdata: false, instruction: false, declaration: false };
  /** Backtick runs by length: their offsets in order, and how far each list has been consumed. */
  private backtickRuns: Map<number, { offsets: number[]; next: number }> | undefined;
  /** For label lookups: the next offset that is not white space, from each offset. */
  private nonWhitespace: Int32Array | undefined;
  private readonly longestLabel: number;

  constructor(
    private readonly s: string,
    private readonly defined: ReadonlySet<string>,
  ) {
    let longest = 0;
    for (const label of defined) longest = Math.max(longest, label.length);
    this.longestLabel = longest;
  }

  run(): string {
    const s = this.s;
    const n = s.length;
    let i = 0;
    while (i < n) {
      SPECIAL.lastIndex = i;
      const m = SPECIAL.exec(s);
      const next = m ? m.index : n;
      if (next > i) {
        let end = next;
        // Spaces and tabs before a line ending are dropped; two spaces or more make a hard break.
        if (next < n && isLineEnding(s.charCodeAt(next))) {
          let k = next;
          let tab = false;
          while (k > i && isSpaceOrTab(s.charCodeAt(k - 1))) {
            if (s.charCodeAt(k - 1) === TAB) tab = true;
            k--;
          }
          end = k;
          if (next - k >= 2 && !tab) {
            if (end > i) this.push(s.slice(i, end));
            i = skipSpaceOrTab(s, this.lineEndingEnd(next));
            continue;
          }
        }
        if (end > i) this.push(s.slice(i, end));
        i = next;
        continue;
      }
      i = this.construct(i);
    }
    this.processEmphasis(null);
    let out = '';
    for (let p = this.head; p; p = p.next) out += p.text;
    return out;
  }

  private lineEndingEnd(i: number): number {
    return this.s.charCodeAt(i) === RETURN && this.s.charCodeAt(i + 1) === NEWLINE ? i + 2 : i + 1;
  }

  /** Appends text; plain text joins the last piece when that one is plain text too. */
  private push(text: string, node = false): Piece {
    const tail = this.tail;
    if (!node && tail && !tail.node) {
      tail.text += text;
      return tail;
    }
    const piece: Piece = { text, node, prev: tail, next: null };
    if (this.tail) this.tail.next = piece;
    else this.head = piece;
    this.tail = piece;
    return piece;
  }

  private unlink(piece: Piece): void {
    if (piece.prev) piece.prev.next = piece.next;
    else this.head = piece.next;
    if (piece.next) piece.next.prev = piece.prev;
    else this.tail = piece.prev;
  }

  /** The construct at `i` (a special character); returns where scanning goes on. */
  private construct(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    switch (c) {
      case NEWLINE:
      case RETURN: {
        const end = this.lineEndingEnd(i);
        this.push(s.slice(i, end));
        return skipSpaceOrTab(s, end);
      }
      case BACKSLASH: {
        const d = s.charCodeAt(i + 1);
        if (i + 1 < s.length && isLineEnding(d)) return skipSpaceOrTab(s, this.lineEndingEnd(i + 1)); // hard break
        if (i + 1 < s.length && isAsciiPunctuation(d)) {
          this.push(s[i + 1]!);
          return i + 2;
        }
        this.push('\\');
        return i + 1;
      }
      case 38 /* & */:
        return this.characterReference(i);
      case 96 /* ` */:
        return this.codeSpan(i);
      case 60 /* < */: {
        const autolink = this.autolink(i);
        if (autolink >= 0) {
          this.push(s.slice(i + 1, autolink - 1));
          return autolink;
        }
        const html = this.htmlText(i);
        if (html >= 0) {
          this.push(dropLinePrefixes(s.slice(i, html)));
          return html;
        }
        this.push('<');
        return i + 1;
      }
      case 42 /* * */:
      case 95 /* _ */:
        return this.delimiterRun(i, c);
      case 91 /* [ */:
        this.openBracket(i, false);
        return i + 1;
      case 33 /* ! */:
        if (s.charCodeAt(i + 1) === 91) {
          this.openBracket(i, true);
          return i + 2;
        }
        this.push('!');
        return i + 1;
      default:
        return this.closeBracket(i);
    }
  }

  private characterReference(i: number): number {
    const s = this.s;
    let j = i + 1;
    if (s.charCodeAt(j) === 35 /* # */) {
      j++;
      const hex = s.charCodeAt(j) === 120 || s.charCodeAt(j) === 88;
      if (hex) j++;
      const start = j;
      const max = hex ? 6 : 7;
      while (j < s.length && j - start < max && (hex ? isHexDigit(s.charCodeAt(j)) : isAsciiDigit(s.charCodeAt(j)))) j++;
      if (j > start && s.charCodeAt(j) === 59 /* ; */) {
        this.push(decodeNumeric(Number.parseInt(s.slice(start, j), hex ? 16 : 10)));
        return j + 1;
      }
    } else {
      const start = j;
      while (j < s.length && j - start < 31 && isAsciiAlphanumeric(s.charCodeAt(j))) j++;
      if (j > start && s.charCodeAt(j) === 59) {
        const decoded = decodeNamedCharacterReference(s.slice(start, j));
        if (decoded !== false) {
          this.push(decoded);
          return j + 1;
        }
      }
    }
    this.push('&');
    return i + 1;
  }

  private codeSpan(i: number): number {
    const s = this.s;
    let j = i;
    while (j < s.length && s.charCodeAt(j) === 96) j++;
    const size = j - i;
    const close = this.closingBackticks(j, size);
    if (close < 0) {
      this.push(s.slice(i, j));
      return j;
    }
    let content = s.slice(j, close);
    const first = content.charCodeAt(0);
    const last = content.charCodeAt(content.length - 1);
    if ((first === SPACE || isLineEnding(first)) && (last === SPACE || isLineEnding(last)) && /[^ \r\n]/.test(content)) {
      // One padding character each side; a CRLF counts as one.
      const from = first === RETURN && content.charCodeAt(1) === NEWLINE ? 2 : 1;
      const to = last === NEWLINE && content.charCodeAt(content.length - 2) === RETURN ? content.length - 2 : content.length - 1;
      content = content.slice(from, Math.max(from, to));
    }
    this.push(content);
    return close + size;
  }

  /** The offset of the first run of exactly `size` backticks at or after `from`, or -1. */
  private closingBackticks(from: number, size: number): number {
    if (!this.backtickRuns) {
      this.backtickRuns = new Map();
      const s = this.s;
      for (let k = s.indexOf('`'); k !== -1;) {
        let e = k;
        while (e < s.length && s.charCodeAt(e) === 96) e++;
        let runs = this.backtickRuns.get(e - k);
        if (!runs) this.backtickRuns.set(e - k, (runs = { offsets: [], next: 0 }));
        runs.offsets.push(k);
        k = s.indexOf('`', e);
      }
    }
    const runs = this.backtickRuns.get(size);
    if (!runs) return -1;
    // Openers only move forward, so each list is walked once.
    while (runs.next < runs.offsets.length && runs.offsets[runs.next]! < from) runs.next++;
    return runs.next < runs.offsets.length ? runs.offsets[runs.next]! : -1;
  }

  /** An autolink (`<scheme:…>`, `<user@host>`) at `i`: the index after it, or -1. */
  private autolink(i: number): number {
    const s = this.s;
    let j = i + 1;
    const c = s.charCodeAt(j);
    if (isAsciiAlpha(c)) {
      // A scheme: a letter, then 1–31 letters, digits, `+`, `-` or `.`, then `:`.
      let k = j + 1;
      while (k < s.length && k - j < 32 && isSchemeChar(s.charCodeAt(k))) k++;
      if (k - j >= 2 && s.charCodeAt(k) === 58) {
        k++;
        for (;;) {
          if (k >= s.length) break;
          const d = s.charCodeAt(k);
          if (d === 62) return k + 1;
          if (d === SPACE || d === 60 || isControl(d)) break;
          k++;
        }
        return -1;
      }
    } else if (c === 64 /* @ */) {
      return -1;
    }
    // An e-mail address.
    while (j < s.length && isAtext(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== 64 || j === i + 1) return -1;
    j++;
    for (;;) {
      // A domain label: alphanumerics and inner dashes, at most 63 characters.
      if (!isAsciiAlphanumeric(s.charCodeAt(j))) return -1;
      let size = 0;
      let lastDash = false;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d === 46 /* . */ || d === 62) break;
        if (!(d === 45 || isAsciiAlphanumeric(d)) || size >= 63) return -1;
        lastDash = d === 45;
        size++;
        j++;
      }
      if (lastDash) return -1;
      const d = s.charCodeAt(j);
      if (d === 62) return j + 1;
      if (d !== 46) return -1;
      j++;
    }
  }

  /** Raw inline HTML at `i`: the index after it, or -1. */
  private htmlText(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i + 1);
    if (c === 33 /* ! */) {
      const d = s.charCodeAt(i + 2);
      if (d === 45 /* - */) {
        if (s.charCodeAt(i + 3) !== 45) return -1;
        // `<!-->` and `<!--->` are comments too: the search starts on the opening dashes.
        return this.searchEnd(i + 2, '-->', 'comment');
      }
      if (d === 91 /* [ */) {
        if (s.startsWith('CDATA[', i + 3)) return this.searchEnd(i + 9, ']]>', 'cdata');
        return -1;
      }
      if (isAsciiAlpha(d)) return this.searchEnd(i + 3, '>', 'declaration');
      return -1;
    }
    if (c === 63 /* ? */) return this.searchEnd(i + 2, '?>', 'instruction');
    if (c === 47 /* / */) {
      let j = i + 2;
      if (!isAsciiAlpha(s.charCodeAt(j))) return -1;
      while (j < s.length && (s.charCodeAt(j) === 45 || isAsciiAlphanumeric(s.charCodeAt(j)))) j++;
      j = skipWhitespace(s, j);
      return s.charCodeAt(j) === 62 ? j + 1 : -1;
    }
    if (!isAsciiAlpha(c)) return -1;
    let j = i + 2;
    while (j < s.length && (s.charCodeAt(j) === 45 || isAsciiAlphanumeric(s.charCodeAt(j)))) j++;
    let d = s.charCodeAt(j);
    if (!(d === 47 || d === 62 || isWhitespaceCode(d))) return -1;
    // Attributes (micromark's state machine: tagOpenBetween and what follows).
    for (;;) {
      j = skipWhitespace(s, j);
      if (j >= s.length) return -1;
      d = s.charCodeAt(j);
      if (d === 47) return s.charCodeAt(j + 1) === 62 ? j + 2 : -1;
      if (d === 62) return j + 1;
      if (!(d === 58 || d === 95 || isAsciiAlpha(d))) return -1;
      j++;
      while (j < s.length && isAttributeNameChar(s.charCodeAt(j))) j++;
      const afterName = skipWhitespace(s, j);
      if (s.charCodeAt(afterName) !== 61 /* = */) {
        j = afterName;
        continue;
      }
      j = skipWhitespace(s, afterName + 1);
      if (j >= s.length) return -1;
      d = s.charCodeAt(j);
      if (d === 60 || d === 61 || d === 62 || d === 96) return -1;
      if (d === 34 || d === 39) {
        const close = s.indexOf(d === 34 ? '"' : "'", j + 1);
        if (close < 0) return -1;
        j = close + 1;
        d = s.charCodeAt(j);
        if (!(d === 47 || d === 62 || isWhitespaceCode(d))) return -1;
        continue;
      }
      // An unquoted value: its first character was checked above.
      j++;
      while (j < s.length) {
        d = s.charCodeAt(j);
        if (d === 34 || d === 39 || d === 60 || d === 61 || d === 96) return -1;
        if (d === 47 || d === 62 || isWhitespaceCode(d)) break;
        j++;
      }
      if (j >= s.length) return -1;
    }
  }

  /** The index after the first `end` at or after `from`; a miss is remembered for the kind. */
  private searchEnd(from: number, end: string, kind: keyof Misses): number {
    if (this.misses[kind]) return -1;
    const at = this.s.indexOf(end, from);
    if (at < 0) {
      this.misses[kind] = true;
      return -1;
    }
    return at + end.length;
  }

  private delimiterRun(i: number, marker: number): number {
    const s = this.s;
    let j = i;
    while (j < s.length && s.charCodeAt(j) === marker) j++;
    const before = classify(s, i - 1);
    const after = classify(s, j);
    const open = !after || (after === PUNCTUATION && before !== 0);
    const close = !before || (before === PUNCTUATION && after !== 0);
    const canOpen = marker === 42 ? open : open && (before !== 0 || !close);
    const canClose = marker === 42 ? close : close && (after !== 0 || !open);
    if (!canOpen && !canClose) {
      this.push(s.slice(i, j));
      return j;
    }
    const piece = this.push(s.slice(i, j), true);
    const delimiter: Delimiter = {
      piece,
      marker,
      length: j - i,
      open: canOpen,
      close: canClose,
      order: this.order++,
      prev: this.delimiters,
      next: null,
    };
    if (this.delimiters) this.delimiters.next = delimiter;
    this.delimiters = delimiter;
    return j;
  }

  private openBracket(i: number, image: boolean): void {
    const piece = this.push(image ? '![' : '[', true);
    this.brackets.push({ piece, image, order: this.order++, labelStart: i + (image ? 2 : 1), delimiterBottom: this.delimiters });
  }

  private closeBracket(i: number): number {
    const s = this.s;
    const opener = this.brackets[this.brackets.length - 1];
    if (!opener) {
      this.push(']');
      return i + 1;
    }
    if (!opener.image && opener.order < this.inactiveBefore) {
      this.brackets.pop();
      this.push(']');
      return i + 1;
    }
    const defined = this.isDefined(opener.labelStart, i);
    let end = -1;
    const next = s.charCodeAt(i + 1);
    if (next === 40 /* ( */) {
      end = this.resource(i + 1);
      if (end < 0 && defined) end = i + 1;
    } else if (next === 91 /* [ */) {
      const labelEnd = scanLabel(s, i + 1);
      if (labelEnd >= 0 && this.isDefined(i + 2, labelEnd - 1)) end = labelEnd;
      else if (defined && s.charCodeAt(i + 2) === 93) end = i + 3;
    } else if (defined) {
      end = i + 1;
    }
    this.brackets.pop();
    if (end < 0) {
      this.push(']');
      return i + 1;
    }
    if (opener.image) {
      // An image reads as nothing: drop its label, and the delimiters inside it.
      this.delimiters = opener.delimiterBottom;
      if (this.delimiters) this.delimiters.next = null;
      this.tail = opener.piece.prev;
      if (this.tail) this.tail.next = null;
      else this.head = null;
    } else {
      this.processEmphasis(opener.delimiterBottom);
      this.unlink(opener.piece);
      this.inactiveBefore = opener.order;
    }
    return end;
  }

  /** `(destination "title")` after a link text, at `i`: the index after `)`, or -1. */
  private resource(i: number): number {
    const s = this.s;
    let j = skipWhitespace(s, i + 1);
    if (s.charCodeAt(j) === 41) return j + 1;
    j = scanDestination(s, j, 32);
    if (j < 0) return -1;
    const afterDestination = j;
    j = skipWhitespace(s, j);
    if (j > afterDestination) {
      const d = s.charCodeAt(j);
      if (d === 34 || d === 39 || d === 40) {
        j = scanTitle(s, j);
        if (j < 0) return -1;
        j = skipWhitespace(s, j);
      }
    }
    return s.charCodeAt(j) === 41 ? j + 1 : -1;
  }

  /** Whether the normalised text of `s[from, to)` is a defined label. */
  private isDefined(from: number, to: number): boolean {
    if (this.defined.size === 0) return false;
    const s = this.s;
    if (!this.nonWhitespace) {
      this.nonWhitespace = new Int32Array(s.length + 1);
      let next = s.length;
      this.nonWhitespace[s.length] = next;
      for (let k = s.length - 1; k >= 0; k--) {
        if (!isWhitespaceCode(s.charCodeAt(k))) next = k;
        this.nonWhitespace[k] = next;
      }
    }
    // Collapse white space while copying, and stop once longer than any label: linear overall.
    let label = '';
    let k = this.nonWhitespace[from]!;
    while (k < to) {
      if (label.length > 0) label += ' ';
      let e = k;
      while (e < to && !isWhitespaceCode(s.charCodeAt(e))) e++;
      label += s.slice(k, e);
      // Case mapping never shortens a label: one longer than every definition's cannot match.
      if (label.length > this.longestLabel) return false;
      k = this.nonWhitespace[e]!;
    }
    return this.defined.has(label.toLowerCase().toUpperCase());
  }

  /**
   * Emphasis over the delimiters above `bottom` (CommonMark's "process emphasis" as micromark runs
   * it: the rule of three counts the markers left). `bottoms` remembers, per kind of closer, below
   * which delimiter no opener can match it, so no delimiter is walked over twice for a kind; an
   * opener that shrinks is walked again, once per match.
   */
  private processEmphasis(bottom: Delimiter | null): void {
    const bottoms: Array<Delimiter | null> = new Array(12).fill(bottom);
    let closer = bottom ? bottom.next : this.first();
    while (closer) {
      if (!closer.close) {
        closer = closer.next;
        continue;
      }
      const kind = (closer.marker === 42 ? 0 : 6) + (closer.open ? 3 : 0) + (closer.length % 3);
      let opener = closer.prev;
      let found = false;
      while (opener && opener !== bottom && opener !== bottoms[kind]) {
        if (opener.marker === closer.marker && opener.open) {
          const odd = (opener.close || closer.open) && closer.length % 3 !== 0 && (opener.length + closer.length) % 3 === 0;
          if (!odd) {
            found = true;
            break;
          }
        }
        opener = opener.prev;
      }
      if (!found || !opener) {
        bottoms[kind] = closer.prev;
        const next = closer.next;
        if (!closer.open) this.removeDelimiter(closer);
        closer = next;
        continue;
      }
      const use = opener.length > 1 && closer.length > 1 ? 2 : 1;
      opener.length -= use;
      closer.length -= use;
      opener.piece.text = opener.piece.text.slice(use);
      closer.piece.text = closer.piece.text.slice(use);
      // What lies between is inside the emphasis now: its delimiters can match nothing else.
      opener.next = closer;
      closer.prev = opener;
      for (let k = 0; k < bottoms.length; k++) {
        const b = bottoms[k];
        if (b && b !== bottom && b.order >= opener.order) bottoms[k] = opener.prev;
      }
      if (opener.length === 0) this.removeDelimiter(opener);
      if (closer.length === 0) {
        const next = closer.next;
        this.removeDelimiter(closer);
        closer = next;
      }
    }
    // The rest are plain text.
    this.delimiters = bottom;
    if (bottom) bottom.next = null;
  }

  private first(): Delimiter | null {
    let d = this.delimiters;
    while (d && d.prev) d = d.prev;
    return d;
  }

  private removeDelimiter(d: Delimiter): void {
    if (d.prev) d.prev.next = d.next;
    if (d.next) d.next.prev = d.prev;
    else this.delimiters = d.prev;
  }
}

/**
 * Raw HTML that spans lines loses up to three columns of each continuation line's indentation,
 * as micromark reads it (a tab that crosses column three leaves the rest of its width as spaces).
 */
function dropLinePrefixes(html: string): string {
  if (!/[\r\n]/.test(html)) return html;
  return html.replace(/(\r\n?|\n)([ \t]*)/g, (_, ending: string, prefix: string) => {
    let column = 0;
    let k = 0;
    while (k < prefix.length && column < 3) {
      const width = prefix.charCodeAt(k) === TAB ? 4 - (column % 4) : 1;
      if (column + width > 3) {
        return ending + ' '.repeat(column + width - 3) + prefix.slice(k + 1);
      }
      column += width;
      k++;
    }
    return ending + prefix.slice(k);
  });
}

const isSchemeChar = (c: number) => c === 43 || c === 45 || c === 46 || isAsciiAlphanumeric(c);
const isAttributeNameChar = (c: number) => c === 45 || c === 46 || c === 58 || c === 95 || isAsciiAlphanumeric(c);

/** micromark's decodeNumericCharacterReference: invalid and control code points become U+FFFD. */
function decodeNumeric(code: number): string {
  if (
    code < 9 ||
    code === 11 ||
    (code > 13 && code < 32) ||
    (code > 126 && code < 160) ||
    (code > 55_295 && code < 57_344) ||
    (code > 64_975 && code < 65_008) ||
    (code & 65_535) === 65_535 ||
    (code & 65_535) === 65_534 ||
    code > 1_114_111
  ) {
    return '\uFFFD';
  }
  return String.fromCodePoint(code);
}
