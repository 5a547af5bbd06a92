// Where the cursor is in a requirement's front-matter, for completion and hovers. It runs on every
// keystroke while the YAML is half-typed, so it never parses the document: it reads the lines up to
// the cursor by indentation (block maps, block lists, one-line or multi-line flow collections, block
// scalars, comments) and keeps a small stack of open maps and lists. Broken YAML gives a best guess,
// never an exception.
//
// Offsets are UTF-16 offsets into the BOM-less text, as everywhere in ReqDesk: a leading BOM is
// skipped, and offsets and ranges are counted from the character after it.

export type YamlContextKind = 'outside' | 'key' | 'value' | 'new-key' | 'list-item';
export type YamlPath = (string | number)[];

export interface YamlContext {
  /**
   * 'outside': not in the front-matter (before or on a delimiter line, in the body, no front-matter),
   * and also where nothing can be completed or explained: inside a comment, in the indentation before
   * a line's content, or after a value's end.
   */
  kind: YamlContextKind;
  /**
   * key / value: the path of that key (`['scores','urgency']`, `['tasks',1,'status']`);
   * new-key: the path of the map the new key goes in;
   * list-item: the path of the item (`['tasks',1,'depends',0]`) when a `- ` or a flow position
   * exists, or of the list when the cursor is where a new `- ` item would start.
   */
  path: YamlPath;
  /** What is typed of the key or value up to the cursor (inside the quotes of a quoted token). */
  prefix: string;
  /** The whole key or value token under or before the cursor (empty at the cursor when none). */
  range: { start: number; end: number };
  /** Keys already present in the map at the cursor (new-key and key; a key's own name excluded). */
  siblings: string[];
}

const MAP = 0;
const SEQ = 1;

interface Frame {
  kind: typeof MAP | typeof SEQ;
  /** Column of the map's keys or of the list's dashes. */
  col: number;
  /** Map: the key whose value comes next. */
  key: string;
  /** List: the index of the current item. */
  index: number;
  /** Map: offset of its first key, where a scan for siblings starts. */
  start: number;
}

// What the innermost open entry holds, which decides how deeper lines are read.
const ENTRY_NONE = 0;
/** `key:` or `- ` with nothing after: deeper lines open a nested map or list. */
const ENTRY_EMPTY = 1;
/** A scalar on the line: deeper lines without structure continue it. */
const ENTRY_INLINE = 2;
/** `|` or `>`: deeper lines are its text. */
const ENTRY_BLOCK = 3;
/** A flow collection not closed on its line: deeper lines continue it. */
const ENTRY_FLOW_OPEN = 4;

const V_EMPTY = 0;
const V_PLAIN = 1;
const V_QUOTED = 2;
const V_FLOW = 3;
const V_BLOCK = 4;

interface ValueToken {
  kind: number;
  start: number;
  /** End of the token (after the closing quote or bracket when on the line). */
  end: number;
  /** Quoted: the closing quote's offset (or the line's end when unclosed). */
  innerEnd: number;
  /** Offset of a trailing `#` comment, or -1. */
  comment: number;
  /** Flow: nesting depth left open at the end of the line. */
  depth: number;
}

interface KeyToken {
  start: number;
  end: number;
  name: string;
  colon: number;
  quoted: boolean;
}

const isBlank = (c: number) => c === 32 || c === 9;
const isBreak = (c: number) => c === 10 || c === 13;

function lineEndAt(text: string, pos: number, limit: number): number {
  while (pos < limit) {
    const c = text.charCodeAt(pos);
    if (c === 10 || c === 13) return pos;
    pos++;
  }
  return limit;
}

function nextLineStart(text: string, lineEnd: number): number {
  return text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
}

function skipBlanks(text: string, pos: number, end: number): number {
  while (pos < end && isBlank(text.charCodeAt(pos))) pos++;
  return pos;
}

/** `-` followed by a blank or the end of the line: a block list item. */
function isDash(text: string, pos: number, end: number): boolean {
  return text.charCodeAt(pos) === 45 && (pos + 1 >= end || isBlank(text.charCodeAt(pos + 1)));
}

/** Offset of a `#` comment on the line from pos (one preceded by a blank or at pos), or -1. */
function commentAt(text: string, pos: number, end: number): number {
  for (let i = pos; i < end; i++) {
    if (text.charCodeAt(i) === 35 && (i === pos || isBlank(text.charCodeAt(i - 1)))) return i;
  }
  return -1;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Offset of the closing quote from an opening one at pos, or the line's end when unclosed. */
function quoteEnd(text: string, pos: number, end: number): number {
  const q = text.charCodeAt(pos);
  for (let i = pos + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (q === 34 && c === 92) i++;
    else if (c === q) {
      if (q === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return end;
}

// Characters that cannot start a plain key.
const NOT_KEY_START = new Set('[]{}#&*!|>%@`,'.split('').map((c) => c.charCodeAt(0)));

/** A block mapping key at pos (`key:` followed by a blank or the line's end), if the line has one. */
function parseKey(text: string, pos: number, end: number): KeyToken | undefined {
  const c0 = text.charCodeAt(pos);
  if (c0 === 34 || c0 === 39) {
    const close = quoteEnd(text, pos, end);
    if (close >= end) return undefined;
    const colon = skipBlanks(text, close + 1, end);
    if (text.charCodeAt(colon) !== 58 || (colon + 1 < end && !isBlank(text.charCodeAt(colon + 1)))) return undefined;
    return { start: pos, end: close + 1, name: text.slice(pos + 1, close), colon, quoted: true };
  }
  if (NOT_KEY_START.has(c0) || (c0 === 58 && (pos + 1 >= end || isBlank(text.charCodeAt(pos + 1))))) return undefined;
  for (let i = pos; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 && (i + 1 >= end || isBlank(text.charCodeAt(i + 1)))) {
      const keyEnd = trimEnd(text, pos, i);
      if (keyEnd === pos) return undefined;
      return { start: pos, end: keyEnd, name: text.slice(pos, keyEnd), colon: i, quoted: false };
    }
    if (c === 35 && i > pos && isBlank(text.charCodeAt(i - 1))) return undefined;
  }
  return undefined;
}

/** Depth of flow brackets at the end of [pos, end) starting from `depth`; quotes and comments skipped. */
function flowDepth(text: string, pos: number, end: number, depth: number): { depth: number; close: number } {
  for (let i = pos; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) i = quoteEnd(text, i, end);
    else if (c === 35 && (i === pos || isBlank(text.charCodeAt(i - 1)))) break;
    else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      depth--;
      if (depth <= 0) return { depth: 0, close: i + 1 };
    }
  }
  return { depth, close: -1 };
}

/** The value after a key's colon or a list dash, from pos to the line's end. */
function parseValue(text: string, pos: number, end: number): ValueToken {
  const start = skipBlanks(text, pos, end);
  const c = text.charCodeAt(start);
  const token: ValueToken = { kind: V_EMPTY, start, end: start, innerEnd: start, comment: -1, depth: 0 };
  if (start >= end) return token;
  if (c === 35) {
    token.comment = start;
    return token;
  }
  if (c === 34 || c === 39) {
    token.kind = V_QUOTED;
    token.innerEnd = quoteEnd(text, start, end);
    token.end = Math.min(end, token.innerEnd + 1);
    token.comment = commentAt(text, token.end, end);
  } else if (c === 91 || c === 123) {
    token.kind = V_FLOW;
    const { depth, close } = flowDepth(text, start, end, 0);
    token.depth = depth;
    token.end = close === -1 ? trimEnd(text, start, end) : close;
    if (close !== -1) token.comment = commentAt(text, close, end);
  } else if ((c === 124 || c === 62) && /^[|>][-+0-9]*(?:[ \t]|$)/.test(text.slice(start, Math.min(end, start + 5)))) {
    token.kind = V_BLOCK;
    let e = start + 1;
    while (e < end && !isBlank(text.charCodeAt(e))) e++;
    token.end = e;
    token.comment = commentAt(text, e, end);
  } else {
    token.kind = V_PLAIN;
    token.comment = commentAt(text, start, end);
    token.end = trimEnd(text, start, token.comment === -1 ? end : token.comment);
  }
  return token;
}

interface FrontMatterBounds {
  /** First offset of the YAML (after the opening line). */
  start: number;
  /** Start of the closing `---` line, or the text's end when unclosed. */
  end: number;
  closed: boolean;
}

/** The YAML block between `---` lines, found the way splitFile does. */
function frontMatterBounds(text: string, base: number): FrontMatterBounds | undefined {
  if (!text.startsWith('---', base) || text.charCodeAt(base + 3) === 45) return undefined;
  const firstEnd = lineEndAt(text, base, text.length);
  if (firstEnd >= text.length) return undefined;
  const start = nextLineStart(text, firstEnd);
  // The closing line is the first line starting with ---, as splitFile's `\n---` (lone CR ends too).
  let at = start;
  for (;;) {
    const found = text.indexOf('---', at);
    if (found === -1) return { start, end: text.length, closed: false };
    const before = text.charCodeAt(found - 1);
    if (found === start || isBreak(before)) return { start, end: found, closed: true };
    at = found + 1;
  }
}

interface FlowFrame {
  map: boolean;
  index: number;
  key: string | undefined;
  expectKey: boolean;
  keys: { name: string; start: number }[];
}

type Seg = string | number;

/** Line-by-line reader of the front-matter with the stack of open maps and lists. */
class Scanner {
  readonly frames: Frame[] = [];
  entry = ENTRY_NONE;
  /** Column a continuation line must be deeper than (the key's map or the item's dash). */
  entryCol = -1;
  flowStart = -1;
  flowOpenDepth = 0;

  constructor(
    readonly text: string,
    readonly fm: FrontMatterBounds,
    readonly emit?: (path: Seg[], value: string) => void,
  ) {}

  top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** The path made of the first n frames. */
  pathTo(n: number): Seg[] {
    const out: Seg[] = [];
    for (let i = 0; i < n; i++) {
      const f = this.frames[i]!;
      out.push(f.kind === MAP ? f.key : f.index);
    }
    return out;
  }

  /** Path of the innermost open entry (a map's current key or a list's current item). */
  entryPath(): Seg[] {
    return this.pathTo(this.frames.length);
  }

  popFor(indent: number, dashLine: boolean): void {
    for (let f = this.top(); f; f = this.top()) {
      if (f.col > indent || (f.kind === SEQ && f.col === indent && !dashLine)) this.frames.pop();
      else break;
    }
  }

  applyDash(col: number): void {
    const f = this.top();
    if (f && f.kind === SEQ && f.col === col) f.index++;
    else this.frames.push({ kind: SEQ, col, key: '', index: 0, start: -1 });
    this.entry = ENTRY_EMPTY;
    this.entryCol = col;
  }

  applyKey(col: number, name: string, start: number): void {
    const f = this.top();
    if (f && f.kind === MAP && f.col === col) f.key = name;
    else this.frames.push({ kind: MAP, col, key: name, index: 0, start });
  }

  setEntry(v: ValueToken, col: number, lineEnd: number): void {
    this.entryCol = col;
    if (v.kind === V_EMPTY) this.entry = ENTRY_EMPTY;
    else if (v.kind === V_BLOCK) this.entry = ENTRY_BLOCK;
    else if (v.kind === V_FLOW && v.depth > 0) {
      this.entry = ENTRY_FLOW_OPEN;
      this.flowStart = v.start;
      this.flowOpenDepth = v.depth;
    } else this.entry = ENTRY_INLINE;
    if (this.emit && v.kind !== V_EMPTY && v.kind !== V_BLOCK) this.emitValue(v, lineEnd);
  }

  private emitValue(v: ValueToken, lineEnd: number): void {
    const path = this.entryPath();
    const text = this.text;
    if (v.kind === V_PLAIN) this.emit!(path, text.slice(v.start, v.end));
    else if (v.kind === V_QUOTED) this.emit!(path, text.slice(v.start + 1, v.innerEnd));
    else if (v.depth === 0) {
      // One flat flow collection on the line: `[T1, T2]`, `{ importance: 5 }`.
      const inner = text.slice(v.start + 1, v.end - 1);
      if (/[[\]{}]/.test(inner) || v.end > lineEnd) return;
      const isMap = text.charCodeAt(v.start) === 123;
      const parts = inner.split(',');
      let index = 0;
      for (const part of parts) {
        const item = part.trim();
        if (!item) continue;
        if (isMap) {
          const pair = flowPair(item);
          if (pair) this.emit!([...path, unquote(pair[0])], unquote(pair[1]));
        } else this.emit!([...path, index++], unquote(item));
      }
    }
  }

  /** One line before the cursor's: updates the stack and the entry state. */
  processLine(ls: number, le: number): void {
    const text = this.text;
    const p = skipBlanks(text, ls, le);
    if (p >= le) return;
    const indent = p - ls;
    if (this.entry === ENTRY_BLOCK) {
      if (indent > this.entryCol) return;
      this.entry = ENTRY_NONE;
    }
    if (this.entry === ENTRY_FLOW_OPEN) {
      if (indent > this.entryCol) {
        const { depth } = flowDepth(text, p, le, this.flowOpenDepth);
        this.flowOpenDepth = depth;
        if (depth <= 0) this.entry = ENTRY_INLINE;
        return;
      }
      this.entry = ENTRY_INLINE;
    }
    if (text.charCodeAt(p) === 35) return;
    const dash = isDash(text, p, le);
    const key = dash ? undefined : parseKey(text, p, le);
    if (!dash && !key) {
      // A continuation of a multi-line scalar, or a stray word: neither changes the structure.
      return;
    }
    this.popFor(indent, dash);
    let q = p;
    while (isDash(text, q, le)) {
      this.applyDash(q - ls);
      q = skipBlanks(text, q + 1, le);
      if (q >= le || text.charCodeAt(q) === 35) return;
    }
    const k = q === p ? key : parseKey(text, q, le);
    if (k) {
      this.applyKey(q - ls, k.name, q);
      this.setEntry(parseValue(text, k.colon + 1, le), q - ls, le);
    } else {
      // The item's own scalar or flow value.
      this.setEntry(parseValue(text, q, le), this.entryCol, le);
    }
  }

  /** Keys at exactly `col` in the map that starts at `from` (a key offset, or a line to skip). */
  keysFrom(from: number, col: number, fromIsKey: boolean, exclude: number): string[] {
    const text = this.text;
    const end = this.fm.end;
    const keys: string[] = [];
    let le = lineEndAt(text, from, end);
    if (fromIsKey) {
      const k = parseKey(text, from, le);
      if (k && k.start !== exclude) keys.push(k.name);
    }
    for (let ls = nextLineStart(text, le); ls < end; ls = nextLineStart(text, le)) {
      le = lineEndAt(text, ls, end);
      const p = skipBlanks(text, ls, le);
      if (p >= le || text.charCodeAt(p) === 35) continue;
      const indent = p - ls;
      if (indent < col) break;
      if (indent === col && !isDash(text, p, le)) {
        const k = parseKey(text, p, le);
        if (k && k.start !== exclude) keys.push(k.name);
      }
    }
    return keys;
  }

  /** The context at a raw offset inside the YAML; undefined where 'outside' applies. */
  contextAt(raw: number): YamlContext | undefined {
    const { text, fm } = this;
    for (let ls = fm.start; ;) {
      const le = lineEndAt(text, ls, fm.end);
      if (raw <= le) return this.cursorLine(ls, le, raw);
      // Between the CR and LF of a line end: no editor position is there.
      if (raw === le + 1 && text.charCodeAt(le) === 13 && text.charCodeAt(le + 1) === 10) return undefined;
      this.processLine(ls, le);
      const next = nextLineStart(text, le);
      if (next > fm.end || next <= ls) return undefined;
      ls = next;
    }
  }

  /** The line holding the cursor, read up to and around it. */
  cursorLine(ls: number, le: number, raw: number): YamlContext | undefined {
    const text = this.text;
    const p = skipBlanks(text, ls, le);
    const indent = p - ls;
    if (p >= le) return this.blankAt(raw - ls, ls, raw, '', raw, raw);
    if (raw < p) return undefined;
    const c0 = text.charCodeAt(p);
    if (this.entry === ENTRY_BLOCK) {
      if (indent > this.entryCol) return ctx(ownerKind(this), this.entryPath(), text.slice(p, raw), p, Math.max(raw, trimEnd(text, p, le)));
      this.entry = ENTRY_NONE;
    }
    if (this.entry === ENTRY_FLOW_OPEN) {
      if (indent > this.entryCol) return this.flowContext(this.flowStart, this.entryPath(), raw, this.entryCol);
      this.entry = ENTRY_INLINE;
    }
    if (c0 === 35) return undefined;
    const dash = isDash(text, p, le);
    const key = dash ? undefined : parseKey(text, p, le);
    if (!dash && !key) {
      // A word without a colon: a key being typed, or a scalar's continuation line.
      const comment = commentAt(text, p, le);
      const end = trimEnd(text, p, comment === -1 ? le : comment);
      if (raw > end) return undefined;
      if (this.entry === ENTRY_INLINE && indent > this.entryCol) return ctx(ownerKind(this), this.entryPath(), text.slice(p, raw), p, end);
      return this.blankAt(indent, ls, raw, text.slice(p, raw), p, end);
    }
    this.popFor(indent, dash);
    let q = p;
    while (isDash(text, q, le)) {
      if (raw <= q) return undefined;
      this.applyDash(q - ls);
      const next = skipBlanks(text, q + 1, le);
      if (next >= le || text.charCodeAt(next) === 35) {
        // `- ` with nothing after: a new item at the cursor.
        return raw <= next ? ctx('list-item', this.entryPath(), '', raw, raw) : undefined;
      }
      if (raw < next) return undefined;
      q = next;
    }
    const k = q === p ? key : parseKey(text, q, le);
    if (k) {
      this.applyKey(q - ls, k.name, q);
      const path = this.entryPath();
      if (raw <= k.end) {
        const frame = this.top()!;
        const siblings = this.keysFrom(frame.start, frame.col, true, k.start);
        if (k.quoted && raw > k.start && raw < k.end)
          return ctx('key', path, text.slice(k.start + 1, raw), k.start + 1, k.end - 1, siblings);
        return ctx('key', path, k.quoted ? k.name : text.slice(k.start, raw), k.start, k.end, siblings);
      }
      if (raw <= k.colon) return undefined;
      return this.valueContext(parseValue(text, k.colon + 1, le), 'value', path, q - ls, raw);
    }
    return this.valueContext(parseValue(text, q, le), 'list-item', this.entryPath(), this.entryCol, raw);
  }

  /**
   * A blank position (or a word without a colon) at a column: the indentation picks the map the new
   * key goes in, or says a new list item starts there.
   */
  blankAt(col: number, ls: number, raw: number, prefix: string, start: number, end: number): YamlContext {
    const blank = prefix === '' && start === end;
    if (blank && col > this.entryCol) {
      if (this.entry === ENTRY_BLOCK || this.entry === ENTRY_INLINE) return ctx(ownerKind(this), this.entryPath(), '', raw, raw);
      if (this.entry === ENTRY_FLOW_OPEN) {
        return this.flowContext(this.flowStart, this.entryPath(), raw, this.entryCol) ?? ctx('outside', [], '', raw, raw);
      }
    }
    const frames = this.frames;
    while (frames.length && frames[frames.length - 1]!.col > col) frames.pop();
    const f = this.top();
    if (!f) return ctx('new-key', [], prefix, start, end, this.keysFrom(ls, col, false, -1));
    const n = frames.length;
    if (f.kind === MAP) {
      if (f.col === col) return ctx('new-key', this.pathTo(n - 1), prefix, start, end, this.keysFrom(f.start, col, true, -1));
      return ctx('new-key', this.pathTo(n), prefix, start, end, this.keysFrom(ls, col, false, -1));
    }
    if (f.col === col) {
      const below = frames[n - 2];
      // A list written at its key's column (`tasks:` / `- id: T1`): the column is the map's too.
      if (below && below.kind === MAP && below.col === col) {
        return ctx('new-key', this.pathTo(n - 2), prefix, start, end, this.keysFrom(below.start, col, true, -1));
      }
      return ctx('list-item', this.pathTo(n - 1), prefix, start, end);
    }
    return ctx('new-key', this.pathTo(n), prefix, start, end, this.keysFrom(ls, col, false, -1));
  }

  /** The cursor after a key's colon or a list dash, on the value token `v`. */
  valueContext(v: ValueToken, kind: YamlContextKind, path: Seg[], parentCol: number, raw: number): YamlContext | undefined {
    const text = this.text;
    switch (v.kind) {
      case V_EMPTY:
        return v.comment !== -1 && raw > v.comment ? undefined : ctx(kind, path, '', raw, raw);
      case V_PLAIN:
      case V_BLOCK:
        if (raw < v.start) return ctx(kind, path, '', raw, v.end);
        return raw <= v.end ? ctx(kind, path, text.slice(v.start, raw), v.start, v.end) : undefined;
      case V_QUOTED:
        if (raw < v.start) return ctx(kind, path, '', raw, v.end);
        if (raw === v.start) return ctx(kind, path, '', v.start, v.end);
        if (raw <= v.innerEnd) return ctx(kind, path, text.slice(v.start + 1, raw), v.start + 1, v.innerEnd);
        return raw <= v.end ? ctx(kind, path, text.slice(v.start + 1, v.innerEnd), v.start, v.end) : undefined;
      default:
        return raw <= v.start ? undefined : this.flowContext(v.start, path, raw, parentCol);
    }
  }

  /**
   * The cursor inside a flow collection that starts at `start` (`[T1, T2]`, `{ importance: 5 }`),
   * possibly over several lines; a line indented at or left of `parentCol` ends it.
   */
  flowContext(start: number, basePath: Seg[], raw: number, parentCol: number): YamlContext | undefined {
    const text = this.text;
    const end = this.fm.end;
    const stack: FlowFrame[] = [];
    let found: YamlContext | undefined;
    let foundFrame: FlowFrame | undefined;
    let foundKeyStart = -1;

    const framePath = (): Seg[] => {
      const path = basePath.slice();
      for (let i = 0; i < stack.length - 1; i++) {
        const f = stack[i]!;
        path.push(f.map ? (f.key ?? '') : f.index);
      }
      return path;
    };
    /** The context of a position between tokens. */
    const gap = (): YamlContext | undefined => {
      const f = stack[stack.length - 1];
      if (!f) return undefined;
      const path = framePath();
      if (!f.map) return ctx('list-item', [...path, f.index], '', raw, raw);
      if (f.expectKey || f.key === undefined) {
        foundFrame = f;
        return ctx('new-key', path, '', raw, raw);
      }
      return ctx('value', [...path, f.key], '', raw, raw);
    };

    let pos = start;
    let lineStart = start;
    let stopped = false;
    while (pos < end) {
      // Blanks, line breaks and comments; a line too far left ends the collection.
      for (;;) {
        const c = text.charCodeAt(pos);
        if (isBlank(c)) pos++;
        else if (isBreak(c)) {
          pos = c === 13 && text.charCodeAt(pos + 1) === 10 ? pos + 2 : pos + 1;
          lineStart = pos;
          const le = lineEndAt(text, pos, end);
          const p = skipBlanks(text, pos, le);
          if (p < le && p - pos <= parentCol) {
            stopped = true;
            break;
          }
        } else if (c === 35 && (pos === lineStart || isBlank(text.charCodeAt(pos - 1)))) pos = lineEndAt(text, pos, end);
        else break;
        if (pos >= end) break;
      }
      if (!found && raw < pos) {
        found = gap();
        if (!found) break;
      }
      if (stopped || pos >= end) break;
      const c = text.charCodeAt(pos);
      const top = stack[stack.length - 1];
      if (c === 91 || c === 123 || c === 93 || c === 125 || c === 44) {
        if (!found && raw === pos) {
          found = gap();
          if (!found) break;
        }
        if (c === 91 || c === 123) {
          stack.push({ map: c === 123, index: 0, key: undefined, expectKey: true, keys: [] });
        } else if (c === 44) {
          if (top) {
            top.index++;
            top.expectKey = true;
            top.key = undefined;
          }
        } else {
          stack.pop();
          if (!stack.length) break;
        }
        pos++;
        continue;
      }
      if (c === 58 && top?.map) {
        top.expectKey = false;
        pos++;
        continue;
      }
      // A scalar token.
      const le = lineEndAt(text, pos, end);
      let tokEnd: number;
      let innerEnd = -1;
      if (c === 34 || c === 39) {
        innerEnd = quoteEnd(text, pos, le);
        tokEnd = Math.min(le, innerEnd + 1);
      } else {
        let i = pos;
        for (; i < le; i++) {
          const d = text.charCodeAt(i);
          if (d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
          if (d === 58) {
            const e = text.charCodeAt(i + 1);
            if (i + 1 >= le || isBlank(e) || e === 44 || e === 91 || e === 93 || e === 123 || e === 125) break;
          }
          if (d === 35 && isBlank(text.charCodeAt(i - 1))) break;
        }
        tokEnd = trimEnd(text, pos, i);
      }
      if (tokEnd <= pos) tokEnd = pos + 1;
      const name = innerEnd === -1 ? text.slice(pos, tokEnd) : text.slice(pos + 1, innerEnd);
      if (!found && raw <= tokEnd && top) {
        const inQuotes = innerEnd !== -1 && raw > pos && raw <= innerEnd;
        const rStart = inQuotes ? pos + 1 : pos;
        const rEnd = inQuotes ? innerEnd : tokEnd;
        const prefix = innerEnd === -1 ? text.slice(pos, raw) : inQuotes ? text.slice(pos + 1, raw) : '';
        const path = framePath();
        if (!top.map) found = ctx('list-item', [...path, top.index], prefix, rStart, rEnd);
        else if (top.expectKey) {
          const after = skipBlanks(text, tokEnd, le);
          const isKey = text.charCodeAt(after) === 58;
          found = ctx(isKey ? 'key' : 'new-key', isKey ? [...path, name] : path, prefix, rStart, rEnd);
          foundFrame = top;
          foundKeyStart = pos;
        } else found = ctx('value', [...path, top.key ?? ''], prefix, rStart, rEnd);
      }
      if (top?.map && top.expectKey) {
        top.key = name;
        top.keys.push({ name, start: pos });
      }
      pos = tokEnd;
    }
    if (!found && raw <= pos && !stopped && pos >= end) found = gap();
    if (found && foundFrame && (found.kind === 'key' || found.kind === 'new-key')) {
      found.siblings = foundFrame.keys.filter((k) => k.start !== foundKeyStart).map((k) => k.name);
    }
    return found;
  }
}

/** The owner of a continuation line: the innermost map's key ('value') or list's item ('list-item'). */
function ownerKind(s: Scanner): YamlContextKind {
  return s.top()?.kind === SEQ ? 'list-item' : 'value';
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

function ctx(kind: YamlContextKind, path: Seg[], prefix: string, start: number, end: number, siblings: string[] = []): YamlContext {
  return { kind, path, prefix, range: { start, end }, siblings };
}

/** The cursor's context in a file's front-matter. Never throws; offsets are clamped to the text. */
export function yamlContextAt(text: string, offset: number): YamlContext {
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const size = text.length - base;
  const off = Number.isFinite(offset) ? Math.max(0, Math.min(size, Math.trunc(offset))) : offset > 0 ? size : 0;
  const outside = () => ctx('outside', [], '', off, off);
  const fm = frontMatterBounds(text, base);
  const raw = off + base;
  if (!fm || raw < fm.start || (fm.closed && raw >= fm.end)) return outside();
  const result = new Scanner(text, fm).contextAt(raw);
  if (!result) return outside();
  // Back to BOM-less offsets.
  if (base) {
    result.range.start -= base;
    result.range.end -= base;
  }
  return result;
}

/**
 * Every scalar of the front-matter with its path, read as leniently as `yamlContextAt` (block maps
 * and lists, one-line flat flow collections): what completion and hovers need of a record that may
 * not parse while it is typed.
 */
export function frontMatterScalars(text: string): { path: YamlPath; value: string }[] {
  const out: { path: YamlPath; value: string }[] = [];
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fm = frontMatterBounds(text, base);
  if (!fm) return out;
  const scanner = new Scanner(text, fm, (path, value) => out.push({ path, value }));
  for (let ls = fm.start; ls < fm.end;) {
    const le = lineEndAt(text, ls, fm.end);
    scanner.processLine(ls, le);
    const next = nextLineStart(text, le);
    if (next <= ls) break;
    ls = next;
  }
  return out;
}

const WHITE = /\s/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * `key: value` of one item of a flat flow map, as /^("[^"]*"|'[^']*'|[^:]+?)\s*:(?:\s+(.*))?$/
 * reads it, in one pass: that expression backtracks quadratically over a long run of blanks, and
 * this runs on every keystroke.
 */
export function flowPair(item: string): [string, string] | undefined {
  const rest = (keyEnd: number): string | undefined => {
    let i = keyEnd;
    while (i < item.length && WHITE.test(item[i]!)) i++;
    if (item[i] !== ':') return undefined;
    i++;
    if (i === item.length) return '';
    if (!WHITE.test(item[i]!)) return undefined;
    while (i < item.length && WHITE.test(item[i]!)) i++;
    const value = item.slice(i);
    return LINE_TERMINATOR.test(value) ? undefined : value;
  };
  const quote = item[0];
  if (quote === '"' || quote === "'") {
    const close = item.indexOf(quote, 1);
    const value = close === -1 ? undefined : rest(close + 1);
    if (value !== undefined) return [item.slice(0, close + 1), value];
  }
  const colon = item.indexOf(':');
  if (colon <= 0) return undefined;
  let keyEnd = colon;
  while (keyEnd > 1 && WHITE.test(item[keyEnd - 1]!)) keyEnd--;
  const value = rest(keyEnd);
  return value === undefined ? undefined : [item.slice(0, keyEnd), value];
}
