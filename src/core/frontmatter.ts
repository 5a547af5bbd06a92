// Splits a requirement file into front-matter and body, and loads the YAML safely.
//
// gray-matter finds the block (delimiters, language line); every engine it knows is replaced by one
// that returns nothing, so `---js` / `---coffee` blocks are reported and never evaluated. The YAML
// itself is loaded two ways with the same meaning (YAML 1.2 core schema, dates stay strings):
//   - fast: js-yaml, ~10× quicker, used for the bulk index and while typing when the block has no
//     anchors, aliases or tags; problems take their places from a line scan (yamlPositions);
//   - careful: the `yaml` package's Document, which gives every node's source range, reports syntax
//     errors at their position, and refuses custom tags and alias bombs. Used for edits (quick fixes,
//     `set`) and for any file whose problems the scan cannot place.
import matter from 'gray-matter';
import * as jsYaml from 'js-yaml';
import * as YAML from 'yaml';
import type { OffsetRange } from './text';
import { scanYamlPositions, scannedValue, type YamlPositions } from './yamlPositions';

export interface FrontMatterBlock {
  /** The language named after the opening `---` ('' for plain YAML). */
  language: string;
  /** The YAML text between the delimiters. */
  yaml: string;
  /** Offset of `yaml` in the (BOM-less) file text. */
  yamlStart: number;
  /** False when no closing `---` line was found. */
  closed: boolean;
  /** The opening delimiter line, where file-level problems are shown. */
  openRange: OffsetRange;
}

export interface SplitFile {
  /** The text without a leading BOM: every offset in ReqDesk is into this text. */
  text: string;
  bom: boolean;
  frontMatter?: FrontMatterBlock;
  bodyStart: number;
}

const NO_ENGINE = () => ({});
// Every engine gray-matter would otherwise run. Languages other than YAML are reported by the caller.
const SAFE_ENGINES = {
  yaml: NO_ENGINE,
  yml: NO_ENGINE,
  json: NO_ENGINE,
  js: NO_ENGINE,
  javascript: NO_ENGINE,
  coffee: NO_ENGINE,
  coffeescript: NO_ENGINE,
  cson: NO_ENGINE,
  toml: NO_ENGINE,
};

export function splitFile(input: string, careful = false): SplitFile {
  const bom = input.charCodeAt(0) === 0xfeff;
  const text = bom ? input.slice(1) : input;
  if (!text.startsWith('---') || text.charAt(3) === '-') return { text, bom, bodyStart: 0 };

  const firstBreak = text.search(/\r?\n/);
  const firstLineEnd = firstBreak === -1 ? text.length : firstBreak;
  const languageRaw = text.slice(3, firstLineEnd);
  // gray-matter reports its default ("yaml") when none is named; only a named one matters here.
  const language = languageRaw.trim();
  const yamlStart = 3 + (language ? languageRaw.length : 0);
  const closeAt = text.indexOf('\n---', yamlStart);
  const closed = closeAt !== -1;
  let yaml: string;
  let bodyStart: number;
  if (!careful && !language && closed) {
    // The bulk path slices exactly as gray-matter does (the block up to the first "\n---", the
    // body after that line) without its per-call copies of the whole file; gray-matter itself
    // reads every file that is open or has problems.
    yaml = text.slice(yamlStart, closeAt);
    bodyStart = closeAt + 4;
    if (text.charCodeAt(bodyStart) === 13) bodyStart++;
    if (text.charCodeAt(bodyStart) === 10) bodyStart++;
  } else {
    try {
      // Options are always passed: without them gray-matter caches every file's content forever.
      const file = matter(text, { engines: SAFE_ENGINES });
      yaml = file.matter;
      bodyStart = text.length - file.content.length;
    } catch {
      // An unknown language throws "engine not registered" (reported by the caller): slice by hand.
      yaml = text.slice(yamlStart, closed ? closeAt : text.length);
      bodyStart = closed ? Math.min(text.length, closeAt + 4) : text.length;
    }
  }
  // A CRLF file's last YAML line ends in \r before `\n---`: the loaders would keep it in the value.
  if (closed) yaml = yaml.replace(/\r$/, '');
  return {
    text,
    bom,
    bodyStart,
    frontMatter: {
      language,
      yaml,
      yamlStart,
      closed,
      openRange: { start: 0, end: firstLineEnd },
    },
  };
}

const LONE_CR = /\r(?!\n)/;

/**
 * The offset of the first lone CR (an old Mac line end) in the front-matter, or -1. Such a block
 * cannot be split reliably (the delimiters are found by LF), so it is reported, never guessed at.
 */
export function loneCrInFrontMatter(split: SplitFile): number {
  const fm = split.frontMatter;
  if (!fm) return -1;
  const head = fm.closed ? split.text.slice(0, split.bodyStart) : split.text;
  const m = LONE_CR.exec(head);
  return m ? m.index : -1;
}

/** Anchors, aliases and tags need the careful loader (alias limits, tag checks). */
// Also the number forms where js-yaml and the YAML 1.2 core schema disagree (0b11, 1_000).
const NEEDS_CAREFUL = /[&*!]|0b[01]|\d_\d/;

/** js-yaml with the core schema, or undefined when the careful loader must decide. */
export function loadYamlFast(yaml: string): { ok: true; value: unknown } | { ok: false } {
  if (NEEDS_CAREFUL.test(yaml)) return { ok: false };
  try {
    return { ok: true, value: jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}

/**
 * The front-matter read by the position scanner when it has the plain shape records have: its
 * value (what js-yaml's core schema reads, computed from the scan without a second parse) and
 * its positions. `positions` is null when the scan cannot read it, `value` undefined when js-yaml
 * must (loadYamlFast). Text that js-yaml refuses or reads in its own way is not scanned at all.
 */
export function scanYaml(yaml: string): { value?: unknown; positions?: YamlPositions | null } {
  if (NEEDS_CAREFUL.test(yaml) || NON_PRINTABLE.test(yaml)) return {};
  const positions = scanYamlPositions(yaml);
  if (!positions) return { positions: null };
  const value = scannedValue(yaml, positions);
  return value === undefined ? { positions } : { value, positions };
}

export interface YamlIssue {
  kind: 'syntax' | 'custom-tag' | 'alias-limit' | 'alias-undefined' | 'too-deep';
  message: string;
  /** Offsets into the YAML text. */
  range: OffsetRange;
}

export interface CarefulYaml {
  doc: YAML.Document.Parsed;
  value: unknown;
  issues: YamlIssue[];
}

/** Most aliases a front-matter may expand: far above any real record, far below a bomb. */
export const MAX_ALIAS_COUNT = 50;

// Only the core schema's own tags: `!!js/function`, `!!binary`, `!!timestamp`… are yaml.org names too.
const STANDARD_TAG = /^tag:yaml\.org,2002:(?:str|int|float|bool|null|map|seq)$/;

/**
 * Flow lists and mappings nested deeper than this are refused before parsing (the parser recurses
 * per level and a hostile depth exhausts the stack). js-yaml's own limit, so both loaders agree.
 */
export const MAX_FLOW_DEPTH = 100;

// What YAML 1.2 does not allow in a stream (c-printable), as js-yaml checks it: C0 controls other
// than tab and line breaks, DEL, C1 controls other than NEL, lone surrogates, U+FFFE and U+FFFF.
const NON_PRINTABLE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Where flow collections first nest deeper than MAX_FLOW_DEPTH (quotes and comments skipped, roughly). */
function tooDeepAt(yaml: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml[i]!;
    if (c === '\n') quote = '';
    else if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return -1;
}

const STACK_OVERFLOW = /call stack/i;

export function loadYamlCareful(yaml: string): CarefulYaml {
  const issues: YamlIssue[] = [];
  // At the level that goes too deep; else (deep block nesting) at the block's start, because
  // where the stack runs out depends on the host.
  const tooDeep = () => {
    const at = tooDeepAt(yaml);
    const start = at >= 0 ? at : Math.max(0, yaml.search(/\S/));
    issues.push({ kind: 'too-deep', message: String(MAX_FLOW_DEPTH), range: { start, end: Math.min(yaml.length, start + 1) } });
  };
  if (tooDeepAt(yaml) >= 0) {
    tooDeep();
    return { doc: YAML.parseDocument(''), value: undefined, issues };
  }
  let doc: YAML.Document.Parsed;
  try {
    // logLevel: warnings (a collection used as a key…) are not printed to the host's console.
    // uniqueKeys: the package compares each key with every earlier one of its map (quadratic in
    // keys); duplicateKeyErrors finds the same duplicates with one set per map.
    // keepSourceTokens: where the package places a duplicate key's error depends on the tokens.
    doc = YAML.parseDocument(yaml, {
      schema: 'core',
      uniqueKeys: false,
      keepSourceTokens: true,
      prettyErrors: false,
      strict: true,
      logLevel: 'error',
    });
    addDuplicateKeyErrors(doc);
  } catch (error) {
    // The parser recurses per nesting level: a hostile depth exhausts the stack.
    if (!(error instanceof RangeError)) throw error;
    tooDeep();
    return { doc: YAML.parseDocument(''), value: undefined, issues };
  }
  for (const error of doc.errors) {
    if (STACK_OVERFLOW.test(error.message)) {
      if (!issues.some((i) => i.kind === 'too-deep')) tooDeep();
      continue;
    }
    issues.push({
      kind: 'syntax',
      message: error.message.split('\n')[0] ?? error.message,
      range: { start: error.pos[0], end: error.pos[1] },
    });
  }
  const bad = NON_PRINTABLE.exec(yaml);
  if (bad) {
    const start = bad.index + (bad[0].length > 1 && !/[\uD800-\uDBFF]/.test(bad[0][0]!) ? 1 : 0);
    const code = yaml.charCodeAt(start).toString(16).toUpperCase().padStart(4, '0');
    issues.push({ kind: 'syntax', message: `Non-printable character U+${code} is not allowed in YAML`, range: { start, end: start + 1 } });
  }
  // Tags need a `!`: without one there is nothing to visit for.
  const deep = issues.some((i) => i.kind === 'too-deep');
  if (!deep && yaml.includes('!'))
    YAML.visit(doc, {
      Node(_, node) {
        const tag = (node as { tag?: string }).tag;
        if (tag && !STANDARD_TAG.test(tag)) {
          const range = node.range ?? [0, 0];
          issues.push({
            kind: 'custom-tag',
            message: tag.replace(/^tag:yaml\.org,2002:/, '!!'),
            range: { start: range[0], end: range[1] },
          });
        }
      },
    });
  // An alias with no anchor before it is its own mistake, not a bomb: named, at the alias.
  if (!deep && yaml.includes('*'))
    YAML.visit(doc, {
      Alias(_, node) {
        if (node.resolve(doc) !== undefined) return;
        const range = node.range ?? [0, 0];
        issues.push({ kind: 'alias-undefined', message: node.source, range: { start: range[0], end: range[1] } });
      },
    });
  let value: unknown;
  if (!deep && !issues.some((i) => i.kind === 'syntax' || i.kind === 'alias-undefined')) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      // An anchor that contains its own alias (`a: &a [*a]`) makes a value that contains itself.
      if (isCyclic(value)) throw new Error('an alias refers to the node that contains it');
    } catch (error) {
      if (error instanceof RangeError && STACK_OVERFLOW.test(error.message)) {
        tooDeep();
        return { doc, value: undefined, issues };
      }
      const start = yaml.search(/[&*]/);
      issues.push({
        kind: 'alias-limit',
        message: error instanceof Error ? error.message : String(error),
        range: { start: Math.max(0, start), end: Math.max(0, start) + 1 },
      });
    }
  }
  // Tagged values must never reach the record, whatever the tag's resolver made of them.
  if (issues.some((i) => i.kind !== 'syntax')) value = undefined;
  return { doc, value, issues };
}

interface SourceToken {
  offset: number;
  source: string;
}
interface CollectionItemToken {
  start: SourceToken[];
  sep?: SourceToken[];
}

const tokenEnd = (tokens: readonly SourceToken[] | undefined): number | undefined => {
  const last = tokens?.[tokens.length - 1];
  return last ? last.offset + last.source.length : undefined;
};

/**
 * The `yaml` package's DUPLICATE_KEY errors (as `uniqueKeys: true` reports them: a scalar key
 * whose value equals an earlier key's of the same map), found with one set per map instead of a
 * comparison with every earlier key, and merged into the document's errors in order of position.
 * The position is the package's: after the tokens before the key, or where the previous entry
 * ended when there are none (the line break after an empty value, for instance).
 */
function addDuplicateKeyErrors(doc: YAML.Document.Parsed): void {
  const found: YAML.YAMLParseError[] = [];
  YAML.visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      let previousEnd = map.range?.[0] ?? 0;
      for (const pair of map.items) {
        const key = pair.key;
        const item = (pair as { srcToken?: CollectionItemToken }).srcToken;
        // `===` as the package compares: NaN equals no other key; only scalars compare by value.
        if (YAML.isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) {
            const at = tokenEnd(item?.start) ?? previousEnd;
            found.push(new YAML.YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else {
            seen.add(key.value);
          }
        }
        const value = pair.value as YAML.Node | null;
        previousEnd = value?.range ? value.range[2] : (tokenEnd(item?.sep) ?? (key as YAML.Node | null)?.range?.[2] ?? previousEnd);
      }
    },
  });
  if (found.length === 0) return;
  // Visited outer map first; the package reports in the order it composes, which is by position.
  found.sort((a, b) => a.pos[0] - b.pos[0]);
  const merged: YAML.YAMLError[] = [];
  let k = 0;
  for (const error of doc.errors) {
    while (k < found.length && found[k]!.pos[0] < error.pos[0]) merged.push(found[k++]!);
    merged.push(error);
  }
  while (k < found.length) merged.push(found[k++]!);
  doc.errors.splice(0, doc.errors.length, ...(merged as YAML.YAMLParseError[]));
}

/** Whether a plain value contains itself (iterative: no recursion on hostile depth). */
function isCyclic(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return false;
  const onPath = new Set<object>();
  const stack: Array<{ node: object; children: unknown[] | undefined }> = [{ node: root, children: undefined }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (!top.children) {
      if (onPath.has(top.node)) return true;
      onPath.add(top.node);
      top.children = Object.values(top.node).filter((v) => typeof v === 'object' && v !== null);
    }
    const next = top.children.pop();
    if (next === undefined) {
      onPath.delete(top.node);
      stack.pop();
    } else {
      if (onPath.has(next as object)) return true;
      stack.push({ node: next as object, children: undefined });
    }
  }
  return false;
}

type Segment = string | number;

/** The node of a YAML path, and the key node that introduces it (for map entries). */
export function nodeAtPath(
  doc: YAML.Document.Parsed,
  path: readonly Segment[],
): { key?: YAML.Node; value?: YAML.Node | null; parent?: YAML.Node } {
  let current: unknown = doc.contents;
  let key: YAML.Node | undefined;
  let parent: YAML.Node | undefined;
  for (const segment of path) {
    parent = current as YAML.Node;
    if (YAML.isMap(current)) {
      const pair = typeof segment === 'string' ? pairWithKey(current, segment) : undefined;
      if (!pair) return { parent };
      key = YAML.isNode(pair.key) ? pair.key : undefined;
      current = pair.value;
    } else if (YAML.isSeq(current) && typeof segment === 'number') {
      key = undefined;
      current = current.items[segment];
      if (current === undefined) return { parent };
    } else {
      return { parent };
    }
  }
  return { key, value: (current ?? null) as YAML.Node | null, parent };
}

/**
 * The range (offsets into the YAML) a problem at `path` takes: its key or its value, else the
 * node the path stops at (a missing key: the map that should hold it); undefined when there is
 * none (an empty document).
 */
export function documentRangeAtPath(
  doc: YAML.Document.Parsed,
  path: readonly Segment[],
  part: 'key' | 'value' | 'item',
): OffsetRange | undefined {
  const found = nodeAtPath(doc, path);
  const node = part === 'key' ? (found.key ?? found.value) : found.value;
  const r = node?.range ?? found.key?.range ?? found.parent?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

const pairIndexes = new WeakMap<YAML.YAMLMap, Map<string, YAML.Pair>>();

/**
 * The first pair of a map whose scalar key reads as `key`, by an index built once per map: a
 * lookup per problem or per change stays constant-time however many keys the map holds.
 */
export function pairWithKey(map: YAML.YAMLMap, key: string): YAML.Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (!YAML.isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      if (!index.has(name)) index.set(name, pair as YAML.Pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}
