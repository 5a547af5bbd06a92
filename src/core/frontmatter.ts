// Splits a requirement file into front-matter and body, and loads the YAML safely.
//
// gray-matter finds the block (delimiters, language line); every engine it knows is replaced by one
// that returns nothing, so `---js` / `---coffee` blocks are reported and never evaluated. The YAML
// itself is loaded two ways with the same meaning (YAML 1.2 core schema, dates stay strings):
//   - fast: js-yaml, ~10× quicker, used for the bulk index when the block has no anchors, aliases or
//     tags and the record turns out valid;
//   - careful: the `yaml` package's Document, which gives every node's source range, reports syntax
//     errors at their position, and refuses custom tags and alias bombs. Used for open documents and
//     for any file with problems.
import matter from 'gray-matter';
import * as jsYaml from 'js-yaml';
import * as YAML from 'yaml';
import type { OffsetRange } from './text';

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

export interface YamlIssue {
  kind: 'syntax' | 'custom-tag' | 'alias-limit';
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

export function loadYamlCareful(yaml: string): CarefulYaml {
  const doc = YAML.parseDocument(yaml, { schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true });
  const issues: YamlIssue[] = [];
  for (const error of doc.errors) {
    issues.push({ kind: 'syntax', message: error.message.split('\n')[0] ?? error.message, range: { start: error.pos[0], end: error.pos[1] } });
  }
  // Tags need a `!`: without one there is nothing to visit for.
  if (yaml.includes('!')) YAML.visit(doc, {
    Node(_, node) {
      const tag = (node as { tag?: string }).tag;
      if (tag && !STANDARD_TAG.test(tag)) {
        const range = node.range ?? [0, 0];
        issues.push({ kind: 'custom-tag', message: tag.replace(/^tag:yaml\.org,2002:/, '!!'), range: { start: range[0], end: range[1] } });
      }
    },
  });
  let value: unknown;
  if (!issues.some((i) => i.kind === 'syntax')) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
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
      const pair = current.items.find((p) => (YAML.isScalar(p.key) ? String(p.key.value) : p.key) === segment);
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
