// Source positions of a front-matter's nodes without composing a `yaml` Document: a line scanner
// for the plain shape records have (block maps and lists, one-line scalars, quoted scalars,
// one-line flow lists of scalars, comments), giving each node the range the Document gives it.
//
// It is a strict reader, not a guesser: any line outside that shape (block scalars, multi-line or
// flow-map values, tabs, anchors, explicit keys, a quote closed and followed by a comment without
// a blank, …) makes it answer undefined, and the caller composes the Document as before. So what
// it accepts is YAML both loaders read without an error, and each range it gives is the
// Document's (tested against it on generated front-matter).

export type YamlSegment = string | number;

/** A node's range as the Document's `range[0]` and `range[1]` give it (offsets into the YAML text). */
export interface NodeRange {
  start: number;
  end: number;
}

interface MapNode {
  kind: 'map';
  range: NodeRange;
  entries: Map<string, { key: NodeRange; value: PositionNode }>;
}
interface SeqNode {
  kind: 'seq';
  range: NodeRange;
  items: PositionNode[];
}
interface ScalarNode {
  kind: 'scalar';
  range: NodeRange;
}
type PositionNode = MapNode | SeqNode | ScalarNode;

/** The scanned front-matter: its root map. */
export interface YamlPositions {
  root: MapNode;
}

/** Why a line is not read: the Document decides instead. */
class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

// Characters that cannot start a plain scalar or key here (YAML indicators), or that this reader
// leaves to the Document when they start one.
const PLAIN_START_REFUSED = new Set([...'-?:,[]{}#&*!|>\'"%@`<~.+0123456789']);
const VALUE_START_REFUSED = new Set([...'-?:,]{}#&*!|>%@`']);
// Key texts that the core schema reads as something other than a string.
const NON_STRING_KEY = /^(?:true|false|null|\.inf|\.nan)$/i;
/** The `yaml` package refuses implicit keys longer than 1024 characters: far beyond any real key. */
const MAX_KEY_LENGTH = 1000;

interface Frame {
  node: MapNode | SeqNode;
  /** Column of the map's keys or of the list's dashes. */
  indent: number;
  /** A list that is a map value at the map's own column (`key:\n- a`): a key at that column ends it. */
  compact: boolean;
}

/** A map entry whose value is not on its line: a nested map or list, or an empty scalar. */
interface Pending {
  map: MapNode;
  key: string;
  keyRange: NodeRange;
  indent: number;
  /** Where the Document puts the empty scalar: after the blanks that follow the colon. */
  emptyAt: number;
}

/** The positions of a front-matter's nodes, or undefined when its shape is beyond this reader. */
export function scanYamlPositions(yaml: string): YamlPositions | undefined {
  // Tabs, and line breaks YAML 1.1 knew (NEL, LS, PS) or a BOM inside: left to the Document.
  if (/[\t\u0085\u2028\u2029\uFEFF]/.test(yaml)) return undefined;
  try {
    return new Scanner(yaml).run();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Scanner {
  private readonly stack: Frame[] = [];
  private pending: Pending | undefined;
  private root: MapNode | undefined;

  constructor(private readonly yaml: string) {}

  run(): YamlPositions {
    const yaml = this.yaml;
    for (let lineStart = 0; lineStart <= yaml.length;) {
      let lineEnd = yaml.indexOf('\n', lineStart);
      const next = lineEnd === -1 ? yaml.length + 1 : lineEnd + 1;
      if (lineEnd === -1) lineEnd = yaml.length;
      // Content ends before a CR of a CRLF line end.
      const contentEnd = lineEnd > lineStart && yaml.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      let at = lineStart;
      while (at < contentEnd && yaml.charCodeAt(at) === 32) at++;
      if (at < contentEnd && yaml[at] !== '#') this.line(at, at - lineStart, contentEnd);
      lineStart = next;
    }
    this.settlePending();
    if (!this.root) unsupported();
    return { root: this.root! };
  }

  /** One line with content at `at` (its column `indent`), up to `end`. */
  private line(at: number, indent: number, end: number): void {
    const dash = this.isDash(at, end);
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      if (indent > pending.indent || (dash && indent === pending.indent && this.topIsMapAt(pending.indent))) {
        const compact = indent === pending.indent;
        const node: MapNode | SeqNode = dash
          ? { kind: 'seq', range: { start: at, end: this.yaml.length }, items: [] }
          : { kind: 'map', range: { start: at, end: this.yaml.length }, entries: new Map() };
        this.setEntry(pending.map, pending.key, pending.keyRange, node);
        this.stack.push({ node, indent, compact });
        if (dash) this.item(node as SeqNode, at, end);
        else this.entry(node as MapNode, indent, at, end);
        return;
      }
      this.setEntry(pending.map, pending.key, pending.keyRange, {
        kind: 'scalar',
        range: { start: pending.emptyAt, end: pending.emptyAt },
      });
    }
    if (!this.root) {
      if (dash) unsupported();
      this.root = { kind: 'map', range: { start: at, end: this.yaml.length }, entries: new Map() };
      this.stack.push({ node: this.root, indent, compact: false });
    }
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.indent > indent) this.stack.pop();
    let top = this.stack[this.stack.length - 1];
    if (top && top.node.kind === 'seq' && top.indent === indent && !dash && top.compact) {
      this.stack.pop();
      top = this.stack[this.stack.length - 1];
    }
    if (!top || top.indent !== indent) return unsupported();
    if (top.node.kind === 'seq') {
      if (!dash) unsupported();
      this.item(top.node, at, end);
    } else {
      if (dash) unsupported();
      this.entry(top.node, indent, at, end);
    }
  }

  private topIsMapAt(indent: number): boolean {
    // The pending key's map is still on the stack: lines of deeper frames were all read.
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!;
      if (frame.indent === indent) return frame.node.kind === 'map';
      if (frame.indent < indent) return false;
    }
    return false;
  }

  private isDash(at: number, end: number): boolean {
    return this.yaml.charCodeAt(at) === 45 /* - */ && (at + 1 === end || this.yaml.charCodeAt(at + 1) === 32);
  }

  /** A list item from its dash at `at`: a scalar, a one-line flow list, or a map starting on the line. */
  private item(seq: SeqNode, at: number, end: number): void {
    let q = at + 1;
    while (q < end && this.yaml.charCodeAt(q) === 32) q++;
    if (q >= end || this.yaml[q] === '#' || this.isDash(q, end)) unsupported();
    const keyEnd = this.keyEnd(q, end);
    if (keyEnd !== undefined) {
      const column = q - (this.yaml.lastIndexOf('\n', q - 1) + 1);
      const map: MapNode = { kind: 'map', range: { start: q, end: this.yaml.length }, entries: new Map() };
      seq.items.push(map);
      this.stack.push({ node: map, indent: column, compact: false });
      this.entry(map, column, q, end);
      return;
    }
    seq.items.push(this.value(q, end));
  }

  /** A map entry `key: value` from the key at `at`. */
  private entry(map: MapNode, indent: number, at: number, end: number): void {
    const keyEnd = this.keyEnd(at, end) ?? unsupported();
    const key = this.yaml.slice(at, keyEnd);
    const keyRange = { start: at, end: keyEnd };
    let q = keyEnd + 1;
    while (q < end && this.yaml.charCodeAt(q) === 32) q++;
    if (q >= end || this.yaml[q] === '#') {
      if (map.entries.has(key)) unsupported();
      this.pending = { map, key, keyRange, indent, emptyAt: q };
      return;
    }
    this.setEntry(map, key, keyRange, this.value(q, end));
  }

  private setEntry(map: MapNode, key: string, keyRange: NodeRange, value: PositionNode): void {
    if (map.entries.has(key)) unsupported();
    map.entries.set(key, { key: keyRange, value });
  }

  private settlePending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.setEntry(pending.map, pending.key, pending.keyRange, { kind: 'scalar', range: { start: pending.emptyAt, end: pending.emptyAt } });
  }

  /**
   * Where a plain key starting at `at` ends (its colon), when the line is `key:` followed by a
   * blank or the line's end; undefined when the line holds no such key.
   */
  private keyEnd(at: number, end: number): number | undefined {
    const yaml = this.yaml;
    const first = yaml[at]!;
    if (first === '"' || first === "'") {
      // A quoted key is not read here; a quoted scalar (a comment may follow) is no key.
      let i = this.quoted(at, end);
      while (i < end && yaml.charCodeAt(i) === 32) i++;
      return yaml[i] === ':' ? unsupported() : undefined;
    }
    if (PLAIN_START_REFUSED.has(first)) {
      // An unusual key is not read here; a scalar that starts so is no key.
      return this.colonAhead(at, end) ? unsupported() : undefined;
    }
    for (let i = at; i < end; i++) {
      const c = yaml.charCodeAt(i);
      if (c === 58 /* : */ && (i + 1 === end || yaml.charCodeAt(i + 1) === 32)) {
        const key = yaml.slice(at, i);
        if (yaml.charCodeAt(i - 1) === 32 || key.length > MAX_KEY_LENGTH || NON_STRING_KEY.test(key) || key === '__proto__') {
          unsupported();
        }
        return i;
      }
      // Characters that make a key this reader leaves to the Document (flow indicators, quotes, comments).
      if (c === 35 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 34 || c === 39) {
        return this.colonAhead(i, end) ? unsupported() : undefined;
      }
    }
    return undefined;
  }

  /** Whether a `:` that would make a key (before a blank or the line's end) comes before any comment. */
  private colonAhead(at: number, end: number): boolean {
    const yaml = this.yaml;
    for (let i = at; i < end; i++) {
      const c = yaml.charCodeAt(i);
      if (c === 35 /* # */ && i > at && yaml.charCodeAt(i - 1) === 32) return false;
      if (c === 58 /* : */ && (i + 1 === end || yaml.charCodeAt(i + 1) === 32)) return true;
    }
    return false;
  }

  /** A value on the line from `q`: a quoted scalar, a one-line flow list, or a one-line plain scalar. */
  private value(q: number, end: number): PositionNode {
    const yaml = this.yaml;
    const c = yaml[q]!;
    let node: PositionNode;
    let after: number;
    if (c === '"' || c === "'") {
      after = this.quoted(q, end);
      node = { kind: 'scalar', range: { start: q, end: after } };
    } else if (c === '[') {
      const seq: SeqNode = { kind: 'seq', range: { start: q, end: q }, items: [] };
      after = this.flowList(seq, q, end);
      seq.range.end = after;
      node = seq;
    } else {
      if (VALUE_START_REFUSED.has(c)) unsupported();
      const stop = this.plainEnd(q, end, false);
      node = { kind: 'scalar', range: { start: q, end: stop } };
      after = stop;
    }
    this.restIsComment(after, end);
    return node;
  }

  /** After a value: only blanks, then a comment (after a blank) or the line's end. */
  private restIsComment(at: number, end: number): void {
    let i = at;
    while (i < end && this.yaml.charCodeAt(i) === 32) i++;
    if (i < end && (this.yaml[i] !== '#' || i === at)) unsupported();
  }

  /**
   * The end of a plain scalar from `q` (trailing blanks left out): up to a comment or the line's
   * end, and in a flow list up to `,` or `]`. A `: ` inside, or a flow indicator in a list, is refused.
   */
  private plainEnd(q: number, end: number, inFlow: boolean): number {
    const yaml = this.yaml;
    let i = q;
    for (; i < end; i++) {
      const c = yaml.charCodeAt(i);
      if (c === 35 /* # */ && yaml.charCodeAt(i - 1) === 32) break;
      if (c === 58 /* : */ && (i + 1 === end || yaml.charCodeAt(i + 1) === 32 || inFlow)) unsupported();
      if (inFlow) {
        if (c === 44 /* , */ || c === 93 /* ] */) break;
        if (c === 91 || c === 123 || c === 125 || c === 35 || c === 34 || c === 39) unsupported();
      }
    }
    while (i > q && yaml.charCodeAt(i - 1) === 32) i--;
    return i;
  }

  /** A quoted scalar closed on its line; the offset after its closing quote. */
  private quoted(q: number, end: number): number {
    const yaml = this.yaml;
    const quote = yaml.charCodeAt(q);
    for (let i = q + 1; i < end; i++) {
      const c = yaml.charCodeAt(i);
      if (quote === 39) {
        if (c === 39) {
          if (yaml.charCodeAt(i + 1) === 39 && i + 1 < end) i++;
          else return i + 1;
        }
      } else if (c === 92 /* \ */) {
        // Only escapes both loaders read alike.
        const e = yaml[i + 1];
        if (e === '\\' || e === '"' || e === '/' || e === 'n' || e === 't') i++;
        else if (
          e === 'u' &&
          i + 6 <= end &&
          /^[0-9A-Fa-f]{4}$/.test(yaml.slice(i + 2, i + 6)) &&
          !/^[dD][89a-fA-F]/.test(yaml.slice(i + 2, i + 4))
        )
          i += 5;
        else unsupported();
      } else if (c === 34) return i + 1;
    }
    return unsupported();
  }

  /** A flow list of scalars closed on its line, items into `seq`; the offset after its `]`. */
  private flowList(seq: SeqNode, q: number, end: number): number {
    const yaml = this.yaml;
    let i = q + 1;
    const blanks = () => {
      while (i < end && yaml.charCodeAt(i) === 32) i++;
    };
    blanks();
    if (yaml[i] === ']') return i + 1;
    for (;;) {
      if (i >= end) unsupported();
      const c = yaml[i]!;
      let itemEnd: number;
      if (c === '"' || c === "'") itemEnd = this.quoted(i, end);
      else {
        if (VALUE_START_REFUSED.has(c) || c === '[') unsupported();
        itemEnd = this.plainEnd(i, end, true);
        if (itemEnd === i) unsupported();
      }
      seq.items.push({ kind: 'scalar', range: { start: i, end: itemEnd } });
      i = itemEnd;
      blanks();
      if (yaml[i] === ']') return i + 1;
      if (yaml[i] !== ',') unsupported();
      i++;
      blanks();
      // A trailing comma is left to the Document.
      if (yaml[i] === ']') unsupported();
    }
  }
}

/**
 * The range `nodeAtPath` and the validator's locate would take from the Document: the key or the
 * value at `path`, else the closest collection (or scalar) the path stops at.
 */
export function rangeAtPath(positions: YamlPositions, path: readonly YamlSegment[], part: 'key' | 'value' | 'item'): NodeRange {
  let current = positions.root as PositionNode;
  let key: NodeRange | undefined;
  for (const segment of path) {
    const parent = current;
    if (parent.kind === 'map' && typeof segment === 'string') {
      const entry = parent.entries.get(segment);
      if (!entry) return parent.range;
      key = entry.key;
      current = entry.value;
    } else if (parent.kind === 'seq' && typeof segment === 'number') {
      const item: PositionNode | undefined = parent.items[segment];
      if (!item) return parent.range;
      key = undefined;
      current = item;
    } else {
      return parent.range;
    }
  }
  return part === 'key' ? (key ?? current.range) : current.range;
}

/**
 * The node at exactly `path`, undefined when the path does not reach one: its kind, its range,
 * and for a map the range of its first key (where a list entry's first line starts).
 */
export function nodeAtPath(
  positions: YamlPositions,
  path: readonly YamlSegment[],
): { kind: PositionNode['kind']; range: NodeRange; firstKey?: NodeRange } | undefined {
  let current = positions.root as PositionNode;
  for (const segment of path) {
    if (current.kind === 'map' && typeof segment === 'string') {
      const entry = current.entries.get(segment);
      if (!entry) return undefined;
      current = entry.value;
    } else if (current.kind === 'seq' && typeof segment === 'number') {
      const item: PositionNode | undefined = current.items[segment];
      if (!item) return undefined;
      current = item;
    } else return undefined;
  }
  const first = current.kind === 'map' ? current.entries.values().next().value : undefined;
  return { kind: current.kind, range: current.range, ...(first ? { firstKey: first.key } : {}) };
}

// ── values ──────────────────────────────────────────────────────────────────────────────────

// Up to 15 digits: exactly representable, so any parse of them gives the same number.
const INT = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;
const FLOAT = /^[-+]?[0-9]{1,15}\.[0-9]{1,15}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/** A character no number of the core schema holds: a scalar with one is a string. */
const NOT_NUMERIC = /[^0-9a-fA-FxXoObB_+\-.eE]/;
const INF_OR_NAN = /\.(?:inf|nan)/i;

/**
 * The value js-yaml's core schema reads from a scanned front-matter, computed from the scan itself
 * (no second parse), or undefined when a scalar is one this reader leaves to js-yaml: a number in
 * a form other than plain decimals (`012`, `0x1F`, `1e3`, `.5`, `1_000`), `.inf` or `.nan`.
 * Maps are plain objects in key order (the scan reads only string keys that are not numbers, and
 * refuses duplicates); an empty value is null.
 */
export function scannedValue(yaml: string, positions: YamlPositions): Record<string, unknown> | undefined {
  try {
    return valueOf(yaml, positions.root) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function valueOf(yaml: string, node: PositionNode): unknown {
  if (node.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of node.entries) out[key] = valueOf(yaml, entry.value);
    return out;
  }
  if (node.kind === 'seq') return node.items.map((item) => valueOf(yaml, item));
  const { start, end } = node.range;
  if (start === end) return null;
  const first = yaml.charCodeAt(start);
  if (first === 34 /* " */) return unescapeDouble(yaml.slice(start + 1, end - 1));
  if (first === 39 /* ' */) return yaml.slice(start + 1, end - 1).replaceAll("''", "'");
  return plainValue(yaml.slice(start, end));
}

/** A plain scalar as the core schema resolves it. */
function plainValue(text: string): unknown {
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  const c = text.charCodeAt(0);
  const numberLike = (c >= 48 && c <= 57) || c === 43 /* + */ || c === 45 /* - */ || c === 46; /* . */
  if (!numberLike) return text;
  // js-yaml reads `-0` as the integer 0, and `-0.0` as the float -0.
  if (INT.test(text)) return Number(text) || 0;
  if (FLOAT.test(text)) return Number(text);
  if (DATE.test(text)) return text; // the core schema has no timestamps
  if (c !== 46 && !INF_OR_NAN.test(text) && NOT_NUMERIC.test(text)) return text;
  return unsupported();
}

/** A double-quoted scalar's text: the scan accepts only the escapes `\\ \" \/ \n \t \uXXXX`. */
function unescapeDouble(inner: string): string {
  if (!inner.includes('\\')) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = inner[++i];
    if (e === 'n') out += '\n';
    else if (e === 't') out += '\t';
    else if (e === 'u') {
      out += String.fromCharCode(parseInt(inner.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += e;
  }
  return out;
}
