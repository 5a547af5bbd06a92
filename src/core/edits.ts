// Minimal, safe front-matter edits: set, add or remove fields of a requirement file and change
// only the bytes that must change. Comments, key order, quoting, unknown keys, line endings and a
// BOM survive. Every result is applied and read back before it is returned, so a caller never
// receives an edit that breaks the file or writes something other than what was asked.
//
// Offsets: every TextEdit is into the file text WITHOUT a leading BOM (as every ReqDesk range,
// and as an editor's document text). `applyTextEdits` accepts the text with or without its BOM and
// keeps it. Pure: no I/O, no editor API.
import * as YAML from 'yaml';
import { loadYamlCareful, loneCrInFrontMatter, pairWithKey, splitFile, type YamlIssue } from './frontmatter';
import { localizable, localizeLater, type Localizable } from './l10n';
import { PathTrie } from './paths';

/** A replacement of [start, end) in the BOM-less file text (the coordinates of every ReqDesk range). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export type FieldValue = string | number | boolean | null | readonly string[];

/** `value: undefined` removes the key. Numbers in a path index existing list items. */
export interface FieldChange {
  path: (string | number)[];
  value: FieldValue | undefined;
}

export type EditRefusalCode =
  'no-front-matter' | 'yaml-errors' | 'not-a-mapping' | 'path-conflict' | 'unsupported-value' | 'not-a-block-list';

/** A refusal says why in a message of the one catalog; the face that shows it picks the language. */
export type EditResult = { ok: true; edits: TextEdit[] } | { ok: false; code: EditRefusalCode; text: Localizable };

type Segment = string | number;
export type Scalarish = string | number | boolean | null;

/** What gets written: a scalar, a list of strings, or a map created for a missing parent. */
type NewValue =
  { kind: 'scalar'; value: Scalarish } | { kind: 'list'; items: readonly string[] } | { kind: 'map'; entries: Map<string, NewValue> };
/** What a change asks for (maps only arise for missing parents). */
type Written = Exclude<NewValue, { kind: 'map' }>;

/** Why an edit cannot be made safely (thrown inside, returned as a result); its Error message is the English text. */
export class Refusal extends Error {
  constructor(
    readonly code: EditRefusalCode,
    readonly text: Localizable,
  ) {
    super(localizeLater('en', text));
  }
}

export const refuse = (code: EditRefusalCode, text: Localizable): never => {
  throw new Refusal(code, text);
};

export function pathLabel(path: readonly Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

// ── applying ───────────────────────────────────────────────────────────────────────────────

/**
 * Applies non-overlapping edits given in any order. Offsets are into the text without its BOM;
 * a BOM at the start of `text` is kept and never touched.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  // Stable sort: zero-length edits at one offset keep their given order.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at || e.end < e.start || e.end > body.length)
      throw new RangeError(`overlapping or out-of-range edit [${e.start}, ${e.end})`);
    out += body.slice(at, e.start) + e.newText;
    at = e.end;
  }
  out += body.slice(at);
  return bom ? `\uFEFF${out}` : out;
}

/**
 * Edits on `text` with the effect of `first` and then `second` (whose offsets are into the text
 * `first` leaves), so that two computed changes apply as one edit: one undo. Edits of the two that
 * overlap or touch merge into one replacement; the others keep their own small range.
 */
export function composeEdits(text: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const a = [...first].sort((x, y) => x.start - y.start || x.end - y.end);
  const middle = applyTextEdits(body, a);
  // Where each of the first edits' new text lies in the middle text, and how it shifted what follows.
  let shift = 0;
  const spans: Array<{ start: number; end: number; delta: number; second: TextEdit[] }> = a.map((e) => {
    const start = e.start + shift;
    const delta = e.newText.length - (e.end - e.start);
    shift += delta;
    return { start, end: start + e.newText.length, delta, second: [] };
  });
  for (const e of [...second].sort((x, y) => x.start - y.start || x.end - y.end))
    spans.push({ start: e.start, end: e.end, delta: 0, second: [e] });
  spans.sort((x, y) => x.start - y.start || x.end - y.end);
  // Clusters of spans that overlap or touch, in middle-text offsets.
  const clusters: Array<{ start: number; end: number; delta: number; second: TextEdit[] }> = [];
  for (const span of spans) {
    const last = clusters[clusters.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      last.delta += span.delta;
      for (const s of span.second) last.second.push(s);
    } else clusters.push({ ...span, second: [...span.second] });
  }
  const out: TextEdit[] = [];
  let before = 0;
  for (const c of clusters) {
    const local = c.second.map((e) => ({ start: e.start - c.start, end: e.end - c.start, newText: e.newText }));
    out.push({ start: c.start - before, end: c.end - before - c.delta, newText: applyTextEdits(middle.slice(c.start, c.end), local) });
    before += c.delta;
  }
  if (applyTextEdits(body, out) !== applyTextEdits(middle, second)) throw new RangeError('the edits could not be composed');
  return out;
}

// ── values ─────────────────────────────────────────────────────────────────────────────────

/** Why `value` cannot be written, naming what it is (a whole sentence per kind, for the translation). */
function unwritable(label: string, value: unknown): Localizable {
  if (typeof value === 'function') {
    return localizable('{0}: a function cannot be written to YAML (expected text, a number, true/false, null or a list of text)', label);
  }
  if (Array.isArray(value)) {
    return localizable(
      '{0}: a list with non-text items cannot be written to YAML (expected text, a number, true/false, null or a list of text)',
      label,
    );
  }
  if (typeof value === 'object' && value !== null) {
    return localizable('{0}: an object cannot be written to YAML (expected text, a number, true/false, null or a list of text)', label);
  }
  // A number that is not finite reads as itself; any other value as its JavaScript type.
  const shown = typeof value === 'number' ? String(value) : typeof value;
  return localizable('{0}: {1} cannot be written to YAML (expected text, a number, true/false, null or a list of text)', label, shown);
}

function toNewValue(path: readonly Segment[], value: unknown): Written {
  const reject = () => refuse('unsupported-value', unwritable(pathLabel(path), value));
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { kind: 'scalar', value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'scalar', value } : reject();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { kind: 'list', items: [...(value as string[])] };
  return reject();
}

function toPlain(v: NewValue): unknown {
  if (v.kind === 'scalar') return v.value;
  if (v.kind === 'list') return [...v.items];
  return Object.fromEntries([...v.entries].map(([k, c]) => [k, toPlain(c)]));
}

// ── rendering (the `yaml` package decides quoting) ────────────────────────────────────────────

export type Style = 'plain' | 'single' | 'double';

const STRING_TYPE = { plain: 'PLAIN', single: 'QUOTE_SINGLE', double: 'QUOTE_DOUBLE' } as const;

/** One-line scalar text. `inFlow`: inside [ ] or { }, where `,` and brackets need quoting too. */
export function renderScalar(value: Scalarish, style: Style, inFlow: boolean): string {
  // A line break would need a multi-line scalar indented for its place: escape it instead.
  const effective: Style = typeof value === 'string' && /[\r\n\u0085\u2028\u2029]/.test(value) ? 'double' : style;
  const options = {
    schema: 'core' as const,
    lineWidth: 0,
    minContentWidth: 0,
    doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
    defaultStringType: STRING_TYPE[effective],
    defaultKeyType: null,
    // A plain value that is unsafe as plain falls back to double quotes.
    singleQuote: effective === 'single',
    flowCollectionPadding: false,
  };
  let out: string;
  if (inFlow) {
    // Stringified as the item of a flow sequence, so that flow indicators get quoted.
    const doc = new YAML.Document([value], options);
    (doc.contents as YAML.YAMLSeq).flow = true;
    out = doc.toString(options).trimEnd();
    if (!out.startsWith('[') || !out.endsWith(']')) throw new Error('unexpected flow rendering');
    out = out.slice(1, -1);
  } else out = YAML.stringify(value, options).trimEnd();
  if (/[\r\n]/.test(out)) {
    // YAML chose a block scalar (`---` as plain would end the document): double quotes instead.
    if (effective !== 'double') return renderScalar(value, 'double', inFlow);
    throw new Error('a scalar rendered on several lines');
  }
  return out;
}

export function renderFlowList(items: readonly string[], padding: boolean): string {
  if (items.length === 0) return '[]';
  const inner = items.map((i) => renderScalar(i, 'plain', true)).join(', ');
  return padding ? `[ ${inner} ]` : `[${inner}]`;
}

function renderInline(v: NewValue, inFlow: boolean): string {
  if (v.kind === 'scalar') return renderScalar(v.value, 'plain', inFlow);
  if (v.kind === 'list') return renderFlowList(v.items, false);
  return `{ ${renderFlowEntries(v.entries)} }`;
}

function renderFlowEntries(entries: Map<string, NewValue>): string {
  return [...entries].map(([k, v]) => `${renderScalar(k, 'plain', true)}: ${renderInline(v, true)}`).join(', ');
}

// ── the document and its text ──────────────────────────────────────────────────────────────────

interface Located {
  /** Inside a flow collection somewhere up the path: `,` and brackets need quoting there. */
  inFlow: boolean;
}

/** What a path finds: an existing entry or list item, a missing key, or an empty value to nest under. */
type Target =
  | (Located & { kind: 'pair'; map: YAML.YAMLMap; pair: YAML.Pair; ownerPair: YAML.Pair | undefined })
  | (Located & { kind: 'item'; seq: YAML.YAMLSeq; index: number })
  | (Located & { kind: 'missing'; map: YAML.YAMLMap | undefined; rest: Segment[] })
  | (Located & { kind: 'slot'; pair: YAML.Pair; rest: Segment[] });

class Editor {
  private readonly edits: Array<TextEdit & { depth: number; order: number }> = [];
  private readonly step: number;

  constructor(
    /** The BOM-less file text. */
    private readonly text: string,
    /** Offset of the YAML text in `text`: node ranges are shifted by it. */
    private readonly base: number,
    private readonly yamlLength: number,
    private readonly root: YAML.YAMLMap | undefined,
  ) {
    this.step = this.detectStep();
  }

  // Positions in the file text.
  private at(pos: number): number {
    return this.base + pos;
  }

  /** Offsets of every `\n` of the text, found once: each change then finds its line at once. */
  private breaks: number[] | undefined;

  /** The index in `breaks` of the first `\n` at or after `pos`. */
  private breakIndex(pos: number): number {
    if (!this.breaks) {
      this.breaks = [];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.breaks.push(i);
    }
    let lo = 0;
    let hi = this.breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.breaks[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The `\n` that ends the line holding `pos` (`text.indexOf('\n', pos)`). */
  private breakAfter(pos: number): number {
    const i = this.breakIndex(pos);
    return i < this.breaks!.length ? this.breaks![i]! : -1;
  }

  /** `text.lastIndexOf('\n', pos - 1) + 1`. */
  private lineStart(pos: number): number {
    const i = this.breakIndex(pos) - 1;
    return i >= 0 ? this.breaks![i]! + 1 : 0;
  }

  /** The end of the line holding `pos`, before its line break. */
  private lineEnd(pos: number): number {
    const i = this.breakAfter(pos);
    if (i === -1) return this.text.length;
    return this.text.charCodeAt(i - 1) === 13 ? i - 1 : i;
  }

  private nextLineStart(pos: number): number {
    const i = this.breakAfter(pos);
    return i === -1 ? this.text.length : i + 1;
  }

  /** The line break that ends the line holding `pos` (a file may mix them: follow the place). */
  private eolAt(pos: number): string {
    const i = this.breakAfter(pos);
    if (i === -1) return /\r\n/.test(this.text) ? '\r\n' : '\n';
    return this.text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
  }

  private column(pos: number): number {
    return pos - this.lineStart(pos);
  }

  /** The indentation this file uses for a map nested in a map (default two spaces). */
  private detectStep(): number {
    let step = 0;
    const visit = (node: unknown): void => {
      if (step || !YAML.isCollection(node) || node.flow) return;
      for (const item of node.items) {
        if (YAML.isPair(item)) {
          const k = item.key;
          const v = item.value;
          if (YAML.isMap(v) && !v.flow && YAML.isNode(k) && k.range) {
            const first = v.items[0]?.key;
            if (YAML.isNode(first) && first.range) {
              const d = this.column(this.at(first.range[0])) - this.column(this.at(k.range[0]));
              if (d > 0) step = d;
            }
          }
          visit(v);
        } else visit(item);
      }
    };
    visit(this.root);
    return step || 2;
  }

  private add(start: number, end: number, newText: string, depth = 0): void {
    this.edits.push({ start, end, newText, depth, order: this.edits.length });
  }

  // ── node geometry (file offsets) ──

  private range(node: YAML.Node | null | undefined, what: string): [number, number, number] {
    const r = node?.range;
    if (!r) return refuse('path-conflict', localizable('{0}: this YAML form cannot be edited (no source position)', what));
    return [this.at(r[0]), this.at(r[1]), this.at(r[2])];
  }

  /** The end of a node's own text: nested content included, trailing comments and blank lines not. */
  private contentEnd(node: unknown, what: string): number {
    if (YAML.isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
      const [start, end] = this.range(node, what);
      let e = end;
      while (e > start && /\s/.test(this.text.charAt(e - 1))) e--;
      return e;
    }
    if (YAML.isScalar(node) || YAML.isAlias(node)) return this.range(node, what)[1];
    if (YAML.isCollection(node)) {
      if (node.flow || node.items.length === 0) return this.range(node, what)[1];
      const last = node.items[node.items.length - 1];
      return YAML.isPair(last) ? this.pairEnd(last, what) : this.contentEnd(last, what);
    }
    return refuse('path-conflict', localizable('{0}: this YAML form cannot be edited', what));
  }

  /** The `:` after a pair's key. */
  private colonOf(pair: YAML.Pair, what: string): number {
    const key = pair.key;
    if (!YAML.isNode(key)) return refuse('path-conflict', localizable('{0}: a key without text cannot be edited', what));
    let i = this.range(key, what)[1];
    while (this.text.charAt(i) === ' ' || this.text.charAt(i) === '\t') i++;
    if (this.text.charAt(i) !== ':') {
      return refuse('path-conflict', localizable('{0}: this YAML form cannot be edited (no ":" after the key)', what));
    }
    return i;
  }

  private isEmptyValue(value: unknown): boolean {
    return value === null || value === undefined || (YAML.isScalar(value) && value.value === null && (value.source ?? '') === '');
  }

  private pairEnd(pair: YAML.Pair, what: string): number {
    if (this.isEmptyValue(pair.value)) return this.colonOf(pair, what) + 1;
    return this.contentEnd(pair.value, what);
  }

  private keyStart(pair: YAML.Pair, what: string): number {
    return this.range(pair.key as YAML.Node, what)[0];
  }

  // ── navigation ──

  locate(path: readonly Segment[]): Target {
    let current: unknown = this.root;
    let inFlow = false;
    let ownerPair: YAML.Pair | undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const here = pathLabel(path.slice(0, i));
      if (current === undefined && i === 0) return { kind: 'missing', map: undefined, rest: path.slice(i), inFlow };
      if (YAML.isMap(current)) {
        inFlow ||= !!current.flow;
        const pair = pairWithKey(current, String(segment));
        if (!pair) return { kind: 'missing', map: current, rest: path.slice(i), inFlow };
        if (i === path.length - 1) return { kind: 'pair', map: current, pair, ownerPair, inFlow };
        if (this.isEmptyValue(pair.value) || (YAML.isScalar(pair.value) && pair.value.value === null)) {
          return { kind: 'slot', pair, rest: path.slice(i + 1), inFlow };
        }
        ownerPair = pair;
        current = pair.value;
      } else if (YAML.isSeq(current)) {
        inFlow ||= !!current.flow;
        if (typeof segment !== 'number') {
          return refuse('path-conflict', localizable('{0}: {1} is a list; give an item index such as {1}[0]', pathLabel(path), here));
        }
        if (!Number.isInteger(segment) || segment < 0 || segment >= current.items.length) {
          return refuse(
            'path-conflict',
            localizable('{0}: {1} has {2} items; adding list items is not supported', pathLabel(path), here, current.items.length),
          );
        }
        if (i === path.length - 1) return { kind: 'item', seq: current, index: segment, inFlow };
        ownerPair = undefined;
        current = current.items[segment];
      } else {
        if (YAML.isScalar(current)) {
          const held = JSON.stringify(current.value);
          return refuse('path-conflict', localizable('{0}: {1} is not a mapping (it holds {2})', pathLabel(path), here, held));
        }
        return refuse('path-conflict', localizable('{0}: {1} is not a mapping', pathLabel(path), here));
      }
    }
    return refuse('path-conflict', localizable('an empty path cannot be edited'));
  }

  // ── setting an existing value ──

  /** Replaces the value of an existing pair or list item; only the value's bytes where possible. */
  replace(target: Extract<Target, { kind: 'pair' | 'item' }>, value: Written, what: string): void {
    const node: unknown = target.kind === 'pair' ? target.pair.value : target.seq.items[target.index];
    const pair = target.kind === 'pair' ? target.pair : undefined;
    const inFlow = target.inFlow;
    // From the `:` to the end of the old value: where a block value is swapped for an inline one.
    const afterColon = (): number => {
      if (!pair) return refuse('path-conflict', localizable('{0}: this list item cannot be replaced by another form', what));
      return this.colonOf(pair, what) + 1;
    };

    if (this.isEmptyValue(node)) {
      // `key:` with nothing after it: write after the colon.
      const at = afterColon();
      this.add(at, at, ` ${renderInline(value, inFlow)}`);
      return;
    }
    const blockCollection = YAML.isCollection(node) && !node.flow;
    if (value.kind === 'list') {
      if (YAML.isSeq(node) && node.flow) {
        const [start, end] = this.range(node, what);
        this.add(start, end, renderFlowList(value.items, this.text.charAt(start + 1) === ' '));
      } else if (YAML.isSeq(node) && blockCollection && value.items.length > 0) {
        // A block list stays a block list, at the same indentation.
        const [start] = this.range(node, what);
        const indent = ' '.repeat(this.column(start));
        const eol = this.eolAt(start);
        const lines = value.items.map((item) => `- ${renderScalar(item, 'plain', false)}`);
        this.add(start, this.contentEnd(node, what), lines.join(`${eol}${indent}`));
      } else if (blockCollection) {
        this.add(afterColon(), this.contentEnd(node, what), ` ${renderFlowList(value.items, false)}`);
      } else {
        this.add(this.range(node as YAML.Node, what)[0], this.contentEnd(node, what), renderFlowList(value.items, false));
      }
      return;
    }
    // A scalar.
    if (blockCollection) {
      this.add(afterColon(), this.contentEnd(node, what), ` ${renderScalar(value.value, 'plain', inFlow)}`);
      return;
    }
    const [start] = this.range(node as YAML.Node, what);
    const end = this.contentEnd(node, what);
    const style: Style =
      YAML.isScalar(node) && node.type === 'QUOTE_DOUBLE'
        ? 'double'
        : YAML.isScalar(node) && node.type === 'QUOTE_SINGLE'
          ? 'single'
          : 'plain';
    // Only strings carry a quoting style: a number or true/false in quotes would become text.
    this.add(start, end, renderScalar(value.value, typeof value.value === 'string' ? style : 'plain', inFlow));
  }

  /** Creates a map under a key whose value is empty or null (`customer:` → `customer:\n  name: …`). */
  fillSlot(pair: YAML.Pair, entries: Map<string, NewValue>, inFlow: boolean, what: string): void {
    const node = pair.value;
    const colon = this.colonOf(pair, what);
    if (inFlow) {
      const map = `{ ${renderFlowEntries(entries)} }`;
      if (this.isEmptyValue(node)) this.add(colon + 1, colon + 1, ` ${map}`);
      else this.add(this.range(node as YAML.Node, what)[0], this.contentEnd(node, what), map);
      return;
    }
    // A `~` / `null` token goes; the children are nested on the lines below the key.
    if (!this.isEmptyValue(node)) this.add(colon + 1, this.contentEnd(node, what), '');
    this.insertBlock(this.nextLineStart(colon), entries, this.column(this.keyStart(pair, what)) + this.step, this.eolAt(colon));
  }

  /** The lines of new block entries, the first at `indent`, nested maps one step deeper each. */
  private blockLines(entries: Map<string, NewValue>, indent: number): string[] {
    const lines: string[] = [];
    const walk = (es: Map<string, NewValue>, depth: number) => {
      const pad = ' '.repeat(depth);
      for (const [k, v] of es) {
        const key = renderScalar(k, 'plain', false);
        if (v.kind === 'map') {
          lines.push(`${pad}${key}:`);
          walk(v.entries, depth + this.step);
        } else lines.push(`${pad}${key}: ${renderInline(v, false)}`);
      }
    };
    walk(entries, indent);
    return lines;
  }

  private insertBlock(at: number, entries: Map<string, NewValue>, indent: number, eol: string): void {
    const lines = this.blockLines(entries, indent);
    // Text that follows without a line break (the end of the file) gets one first.
    const lead = at > 0 && this.text.charCodeAt(at - 1) !== 10 ? eol : '';
    // Deeper maps first where two insertions meet: a nested map's lines precede its parent's next key.
    this.add(at, at, lead + lines.map((l) => `${l}${eol}`).join(''), indent);
  }

  /** True for the map of a list item written `- key: value` (its first key shares the dash's line). */
  isCompactItem(map: YAML.YAMLMap, what: string): boolean {
    const first = map.items[0];
    if (map.flow || !first) return false;
    const start = this.keyStart(first, what);
    return /^[ ]*(?:-[ ]+)+$/.test(this.text.slice(this.lineStart(start), start));
  }

  /** Every key of a `- key: value` item replaced by new ones: the first new key takes the dash's line. */
  rewriteItem(map: YAML.YAMLMap, entries: Map<string, NewValue>, what: string): void {
    const start = this.keyStart(map.items[0]!, what);
    const end = this.nextLineStart(this.pairEnd(map.items[map.items.length - 1]!, what));
    const eol = this.eolAt(start);
    const lines = this.blockLines(entries, this.column(start));
    lines[0] = lines[0]!.trimStart();
    this.add(start, end, lines.map((l) => `${l}${eol}`).join(''));
  }

  // ── adding missing keys ──

  /** New entries at the end of an existing map (or of an empty front-matter). */
  insert(map: YAML.YAMLMap | undefined, entries: Map<string, NewValue>, keptItems: number, what: string): void {
    if (!map) {
      // An empty front-matter (only comments or nothing): the lines go right before the closing `---`.
      const end = this.base + this.yamlLength;
      this.insertBlock(this.nextLineStart(end), entries, 0, this.eolAt(end));
      return;
    }
    if (map.flow) {
      const last = map.items[map.items.length - 1];
      const at = last ? this.pairEnd(last, what) : this.range(map, what)[0] + 1;
      this.add(at, at, `${keptItems > 0 ? ', ' : ''}${renderFlowEntries(entries)}`);
      return;
    }
    const first = map.items[0];
    const last = map.items[map.items.length - 1];
    if (!first || !last) return refuse('path-conflict', localizable('{0}: the mapping has no entries to follow', what));
    const indent = this.column(this.keyStart(first, what));
    const end = this.pairEnd(last, what);
    this.insertBlock(this.nextLineStart(end), entries, indent, this.eolAt(end));
  }

  // ── removing keys ──

  remove(
    map: YAML.YAMLMap,
    removed: Set<YAML.Pair>,
    ownerPair: YAML.Pair | undefined,
    hasInserts: boolean,
    isRoot: boolean,
    what: string,
  ): void {
    const items = map.items;
    const kept = items.filter((p) => !removed.has(p));
    if (map.flow) {
      const start = (i: number) => this.keyStart(items[i]!, what);
      const end = (i: number) => this.pairEnd(items[i]!, what);
      if (kept.length === 0) {
        this.add(start(0), end(items.length - 1), '');
        return;
      }
      for (let i = 0; i < items.length; i++) {
        if (!removed.has(items[i]!)) continue;
        let j = i;
        while (j + 1 < items.length && removed.has(items[j + 1]!)) j++;
        // A run at the front takes the comma after it; any other run the comma before it.
        if (i === 0) this.add(start(0), start(j + 1), '');
        else this.add(end(i - 1), end(j), '');
        i = j;
      }
      return;
    }
    if (kept.length === 0 && !hasInserts && !isRoot) {
      // The map stays, empty: `scores: {}` rather than a key without value (which reads as null).
      // Its lines go whole, with the comments at their ends.
      const end = this.lineEnd(this.contentEnd(map, what));
      if (ownerPair && ownerPair.value === map) this.add(this.colonOf(ownerPair, what) + 1, end, ' {}');
      else this.add(this.range(map, what)[0], end, '{}');
      return;
    }
    for (let i = 0; i < items.length; i++) {
      const pair = items[i]!;
      if (!removed.has(pair)) continue;
      const keyStart = this.keyStart(pair, what);
      const lineStart = this.lineStart(keyStart);
      const before = this.text.slice(lineStart, keyStart);
      if (/^[ ]*$/.test(before)) {
        // The whole line(s): key, nested content, line break.
        this.add(lineStart, this.nextLineStart(this.pairEnd(pair, what)), '');
        continue;
      }
      if (!/^[ ]*(?:-[ ]+)+$/.test(before)) return refuse('path-conflict', localizable('{0}: this YAML form cannot be edited', what));
      // The first key of a list item (`- id: T1`): the `- ` stays, the next kept key moves up.
      let j = i;
      while (j + 1 < items.length && removed.has(items[j + 1]!)) j++;
      const next = items[j + 1];
      // Without a kept key to move up, the item was emptied ({} above) or rewritten (rewriteItem).
      if (!next) return refuse('path-conflict', localizable('{0}: this YAML form cannot be edited', what));
      this.add(keyStart, this.keyStart(next, what), '');
      i = j;
    }
  }

  /** The edits sorted and merged where they touch, so that every consumer applies them the same way. */
  result(): TextEdit[] {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || b.depth - a.depth || a.order - b.order);
    const out: TextEdit[] = [];
    for (const e of sorted) {
      const prev = out[out.length - 1];
      if (prev && e.start < prev.end) {
        return refuse('path-conflict', localizable('two changes touch the same text; make them in separate edits'));
      }
      if (prev && e.start === prev.end) {
        prev.end = e.end;
        prev.newText += e.newText;
      } else out.push({ start: e.start, end: e.end, newText: e.newText });
    }
    return out;
  }
}

// ── the entry point ────────────────────────────────────────────────────────────────────────

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The refusal for YAML errors, naming the first (a whole sentence per kind of issue, for the translation). */
function yamlErrors(line: number, issue: YamlIssue): Localizable {
  const { kind, message } = issue;
  if (kind === 'custom-tag') {
    return localizable(
      'the front-matter has YAML errors (line {0}: custom tag {1} is not allowed); fix them before editing',
      line,
      message,
    );
  }
  if (kind === 'alias-limit') {
    return localizable('the front-matter has YAML errors (line {0}: too many aliases (alias bomb?)); fix them before editing', line);
  }
  if (kind === 'too-deep') {
    return localizable(
      'the front-matter has YAML errors (line {0}: lists or mappings nested more than {1} levels deep); fix them before editing',
      line,
      message,
    );
  }
  return localizable('the front-matter has YAML errors (line {0}: {1}); fix them before editing', line, message);
}

/** The refusal for front-matter that is not a mapping, naming what it is instead. */
function notAMapping(value: unknown): Localizable {
  if (Array.isArray(value)) {
    return localizable('the front-matter is a list, not a mapping of keys to values; fix it before editing');
  }
  if (typeof value === 'string') {
    return localizable('the front-matter is text, not a mapping of keys to values; fix it before editing');
  }
  return localizable('the front-matter is {0}, not a mapping of keys to values; fix it before editing', String(value));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The plain value the edited front-matter must read back as. */
function expectedValue(before: unknown, changes: ReadonlyArray<{ path: Segment[]; value: NewValue | undefined }>): unknown {
  const root = (before === null || before === undefined ? {} : structuredClone(before)) as Record<string, unknown>;
  for (const { path, value } of changes) {
    let node: Record<string | number, unknown> = root;
    let missing = false;
    for (const segment of path.slice(0, -1)) {
      let next = node[segment];
      if (next === null || next === undefined) {
        if (value === undefined) {
          missing = true;
          break;
        }
        next = {};
        node[segment] = next;
      }
      node = next as Record<string | number, unknown>;
    }
    if (missing) continue;
    const last = path[path.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = toPlain(value);
  }
  return root;
}

/**
 * Edits that make the changes to the front-matter of `text`, or why they cannot be made safely.
 * `text` may start with a BOM: the edits' offsets are into the text without it (apply them with
 * `applyTextEdits`, which keeps the BOM). Never throws.
 */
export function editFields(text: string, changes: readonly FieldChange[]): EditResult {
  try {
    return { ok: true, edits: computeEdits(text, changes) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, text: error.text };
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'path-conflict',
      text: localizable('the edit could not be computed safely ({0}); nothing was changed', detail),
    };
  }
}

function computeEdits(input: string, rawChanges: readonly FieldChange[]): TextEdit[] {
  // 1. The changes themselves: writable values, valid paths, no field changed twice.
  const changes = rawChanges.map((c) => {
    if (!Array.isArray(c.path) || c.path.length === 0) return refuse('path-conflict', localizable('an empty path cannot be edited'));
    for (const s of c.path) {
      if (!(typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0))) {
        return refuse('path-conflict', localizable('{0}: a path is made of keys and list indexes', pathLabel(c.path.map(String))));
      }
    }
    return { path: [...c.path], value: c.value === undefined ? undefined : toNewValue(c.path, c.value) };
  });
  // The first change (in order) whose path is also changed later, or is the prefix of another
  // change's path, with the first such other change: one lookup per change, not one per pair.
  const trie = new PathTrie(changes.map((c) => c.path));
  for (let i = 0; i < changes.length; i++) {
    const j = trie.firstAfterOrBelow(changes[i]!.path, i);
    if (j >= 0) {
      const a = pathLabel(changes[i]!.path);
      const b = pathLabel(changes[j]!.path);
      if (a === b) return refuse('path-conflict', localizable('{0} is changed twice in one edit', a));
      return refuse('path-conflict', localizable('{0} and {1} are both changed in one edit', a, b));
    }
  }

  // 2. The front-matter, read the careful way.
  const split = splitFile(input, true);
  const fm = split.frontMatter;
  const text = split.text;
  if (!fm) {
    return refuse(
      'no-front-matter',
      localizable('the file has no front-matter (a YAML block between --- lines at the top); nothing can be edited'),
    );
  }
  if (loneCrInFrontMatter(split) >= 0) {
    return refuse(
      'no-front-matter',
      localizable('the front-matter has lone CR (old Mac) line ends; convert the file to LF or CRLF before editing'),
    );
  }
  if (fm.language && fm.language !== 'yaml' && fm.language !== 'yml') {
    return refuse(
      'no-front-matter',
      localizable('the front-matter is written in "{0}", not YAML; only YAML front-matter can be edited', fm.language),
    );
  }
  if (!fm.closed) {
    return refuse('no-front-matter', localizable('the front-matter is not closed (no --- line after the YAML); fix it before editing'));
  }
  const careful = loadYamlCareful(fm.yaml);
  const issue = careful.issues[0];
  if (issue) {
    const line = lineOf(text, fm.yamlStart + issue.range.start);
    return refuse('yaml-errors', yamlErrors(line, issue));
  }
  const contents = careful.doc.contents;
  if (contents !== null && !YAML.isMap(contents)) {
    return refuse('not-a-mapping', notAMapping(careful.value));
  }

  // 3. Each change located in the document and grouped by the map it touches.
  const editor = new Editor(text, fm.yamlStart, fm.yaml.length, contents ?? undefined);
  const inserts = new Map<YAML.YAMLMap | undefined, { entries: Map<string, NewValue>; what: string }>();
  const slots = new Map<YAML.Pair, { entries: Map<string, NewValue>; inFlow: boolean; what: string }>();
  const removals = new Map<YAML.YAMLMap, { pairs: Set<YAML.Pair>; ownerPair: YAML.Pair | undefined; what: string }>();
  const replaces: Array<{ target: Extract<Target, { kind: 'pair' | 'item' }>; value: Written; what: string }> = [];

  const nest = (entries: Map<string, NewValue>, rest: readonly Segment[], value: NewValue, what: string): void => {
    const [head, ...tail] = rest;
    if (typeof head !== 'string') {
      return refuse('path-conflict', localizable('{0}: the list does not exist; adding list items is not supported', what));
    }
    if (tail.length === 0) {
      entries.set(head, value);
      return;
    }
    let child = entries.get(head);
    if (!child) {
      child = { kind: 'map', entries: new Map() };
      entries.set(head, child);
    }
    if (child.kind !== 'map') return refuse('path-conflict', localizable('{0}: {1} is not a mapping', what, head));
    nest(child.entries, tail, value, what);
  };

  for (const change of changes) {
    const what = pathLabel(change.path);
    const target = editor.locate(change.path);
    if (change.value === undefined) {
      if (target.kind === 'missing' || target.kind === 'slot') continue; // nothing to remove
      if (target.kind === 'item') {
        return refuse('path-conflict', localizable('{0}: removing list items is not supported; set the whole list instead', what));
      }
      const group = removals.get(target.map) ?? { pairs: new Set(), ownerPair: target.ownerPair, what };
      group.pairs.add(target.pair);
      removals.set(target.map, group);
      continue;
    }
    if (target.kind === 'pair' || target.kind === 'item') replaces.push({ target, value: change.value, what });
    else if (target.kind === 'missing') {
      const group = inserts.get(target.map) ?? { entries: new Map(), what };
      nest(group.entries, target.rest, change.value, what);
      inserts.set(target.map, group);
    } else {
      const group = slots.get(target.pair) ?? { entries: new Map(), inFlow: target.inFlow, what };
      nest(group.entries, target.rest, change.value, what);
      slots.set(target.pair, group);
    }
  }

  // 4. The edits.
  for (const r of replaces) editor.replace(r.target, r.value, r.what);
  for (const [pair, slot] of slots) editor.fillSlot(pair, slot.entries, slot.inFlow, slot.what);
  for (const [map, group] of inserts) {
    const removed = map ? (removals.get(map)?.pairs.size ?? 0) : 0;
    if (map && removed === map.items.length && editor.isCompactItem(map, group.what)) {
      editor.rewriteItem(map, group.entries, group.what);
      removals.delete(map);
      continue;
    }
    editor.insert(map, group.entries, (map?.items.length ?? 0) - removed, group.what);
  }
  for (const [map, group] of removals) editor.remove(map, group.pairs, group.ownerPair, inserts.has(map), map === contents, group.what);
  const edits = editor.result();

  // 5. Read back: the result must parse cleanly and hold exactly the intended values.
  verify(input, text, split.bodyStart, fm.language, careful.value, changes, edits);
  return edits;
}

function verify(
  input: string,
  text: string,
  bodyStart: number,
  language: string,
  before: unknown,
  changes: ReadonlyArray<{ path: Segment[]; value: NewValue | undefined }>,
  edits: readonly TextEdit[],
): void {
  readBack(
    { input, edits, bodyBefore: text.slice(bodyStart), language, expected: expectedValue(before, changes) },
    {
      frontMatterLost: localizable('the edit could not be made safely (the front-matter would no longer be found); nothing was changed'),
      bodyChanged: localizable('the edit could not be made safely (the body would change); nothing was changed'),
      yamlError: (message) =>
        localizable('the edit could not be made safely (the result would have a YAML error: {0}); nothing was changed', message),
      notAsIntended: localizable('the edit could not be made safely (the result would not read back as intended); nothing was changed'),
    },
  );
}

/** What a failed read-back says, in the words of the edit that failed. */
export interface ReadBackTexts {
  frontMatterLost: Localizable;
  bodyChanged: Localizable;
  yamlError: (message: string) => Localizable;
  notAsIntended: Localizable;
}

/**
 * Applies `edits` to `input` in memory and reads the result back: its front-matter still closed in
 * the same language, the body as it was, no YAML problem, and exactly the `expected` data (an empty
 * front-matter reads as `{}`). Refuses (path-conflict) with `texts` otherwise: an edit that would
 * do anything else is never made.
 */
export function readBack(
  result: { input: string; edits: readonly TextEdit[]; bodyBefore: string; language: string; expected: unknown },
  texts: ReadBackTexts,
): void {
  const fail = (text: Localizable): never => refuse('path-conflict', text);
  const after = splitFile(applyTextEdits(result.input, result.edits), true);
  const fm = after.frontMatter;
  if (!fm || !fm.closed || fm.language !== result.language) return fail(texts.frontMatterLost);
  if (after.text.slice(after.bodyStart) !== result.bodyBefore) return fail(texts.bodyChanged);
  const loaded = loadYamlCareful(fm.yaml);
  if (loaded.issues.length > 0) return fail(texts.yamlError(loaded.issues[0]!.message));
  if (!deepEqual(loaded.value ?? {}, result.expected)) return fail(texts.notAsIntended);
}
