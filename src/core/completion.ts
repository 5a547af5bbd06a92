// Completion in a requirement's front-matter: keys the schema allows where the cursor is, enum
// values with their Chinese aliases, score levels with the seed's meaning, today's date, task IDs
// for `depends`, requirement IDs for `related`, known customers and owners, and snippets for new
// maps, lists and tasks. Pure: the workspace's data and today's date are passed in.
//
// Offsets are UTF-16 offsets into the BOM-less text (see yamlContext.ts). Multi-line insert texts
// are indented relative to the line's leading whitespace, as editors re-indent each following line
// of an inserted completion like the line it starts on (VS Code's default).
import * as z from 'zod';
import { localize, type Language } from './l10n';
import { priorityFromScores } from './priority';
import { enumAt, fieldDocAt, knownKeysAt, pathShape, REQUIRED_KEYS, schemaAt, SCORE_LEVELS, type FieldDoc } from './schema';
import { builtInPath, standsFor, stageMeaning, statusDetail, teamDescription, teamKeyOf, teamLabel, teamRequires } from './teamAssist';
import type { TeamField, TeamRules, TeamStatus } from './teamSchema';
import { fieldMeaning, valueMeaning } from './valueLabel';
import { frontMatterScalars, yamlContextAt, type YamlContext, type YamlPath } from './yamlContext';

export interface CompletionData {
  /**
   * The workspace's records (for `related`), with the IDs merged into each: typing an old,
   * merged ID finds the record it leads to, and only live IDs are written.
   */
  requirements: ReadonlyArray<{ id: string; title?: string; status?: string; merged?: readonly string[] }>;
  customers: readonly string[];
  owners: readonly string[];
  /** YYYY-MM-DD. */
  today: string;
  /** Language of documentation text. */
  lang: Language;
  /** Score at or above which importance or urgency is high (default 4). */
  threshold?: number;
  /**
   * The team schema in force (.reqdesk/schema.yaml): keys under the team's names, its statuses and
   * its own fields instead of the built-in ones'. Absent or null: the built-in schema alone.
   */
  team?: TeamRules | null;
}

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'enum' | 'date' | 'reference' | 'snippet';
  /** Snippet syntax ($1, ${2:placeholder}, ${3|a,b|}) when isSnippet. */
  insertText: string;
  isSnippet?: boolean;
  detail?: string;
  /** Markdown in the UI language. */
  documentation?: string;
  filterText?: string;
  sortText?: string;
  /** What insertText replaces (BOM-less offsets). */
  range: { start: number; end: number };
}

// ---- what the schema says of a field ---------------------------------------------------------

export type FieldKind = 'map' | 'list-of-maps' | 'list' | 'enum' | 'score' | 'date' | 'number' | 'text' | 'unknown';

/** Optional, nullable and pipes peeled off: the schema that says what the value is. */
function peel(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let guard = 0; guard < 10; guard++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else break;
  }
  return current;
}

const kindByShape = new Map<string, FieldKind>();

/** What kind of value the field at a path holds, read from the schema (memoised by shape). */
export function fieldKindAt(path: readonly (string | number)[]): FieldKind {
  const shape = pathShape(path);
  let kind = kindByShape.get(shape);
  if (kind) return kind;
  const schema = schemaAt(path);
  const inner = schema && peel(schema);
  if (!inner) kind = 'unknown';
  else if (enumAt(path)) kind = 'enum';
  else if (inner instanceof z.ZodObject) kind = 'map';
  else if (inner instanceof z.ZodArray) kind = peel(inner.element as z.ZodType) instanceof z.ZodObject ? 'list-of-maps' : 'list';
  else if (inner instanceof z.ZodUnion) kind = (inner.options as z.ZodType[]).some((o) => o instanceof z.ZodArray) ? 'list' : 'text';
  else if (inner instanceof z.ZodNumber) kind = inner.minValue === 1 && inner.maxValue === 5 ? 'score' : 'number';
  else if (inner instanceof z.ZodISODate) kind = 'date';
  else kind = 'text';
  kindByShape.set(shape, kind);
  return kind;
}

export interface ScoreDocs {
  /** What the score measures. */
  general: string;
  /** The seed's meaning of particular levels (importance 5 = decides whether the customer renews). */
  levels: Map<number, string>;
}

const scoreDocsByLanguageAndShape = new Map<string, ScoreDocs | undefined>();

/** The level meanings of a score field in the language, split out of its documentation (SCORE_LEVELS). */
export function scoreDocsAt(path: readonly (string | number)[], lang: Language): ScoreDocs | undefined {
  const shape = pathShape(path);
  const memoKey = `${lang} ${shape}`;
  if (scoreDocsByLanguageAndShape.has(memoKey)) return scoreDocsByLanguageAndShape.get(memoKey);
  let docs: ScoreDocs | undefined;
  const field = fieldDocAt(path);
  if (fieldKindAt(path) === 'score' && field) {
    const key = path[path.length - 1];
    const seed = shape.startsWith('scores.') && typeof key === 'string' ? (SCORE_LEVELS as Record<string, FieldDoc>)[key] : undefined;
    docs = seed ? scoreLevels(fieldMeaning(seed, lang)) : { general: fieldMeaning(field, lang), levels: new Map() };
  }
  scoreDocsByLanguageAndShape.set(memoKey, docs);
  return docs;
}

/**
 * A seed's score text split into what the score measures and its levels, in whichever language the
 * text reads: "General text: 5 = meaning; 3 = meaning." or "总述：5分 = 含义；3分 = 含义。". Each part
 * ends with the text's own full stop.
 */
function scoreLevels(text: string): ScoreDocs {
  const stop = text.endsWith('。') ? '。' : '.';
  const [head, tail = ''] = splitOnce(text, /: |：/);
  const levels = new Map<number, string>();
  for (const m of tail.matchAll(/(\d)\s*分?\s*=\s*([^;；]+)/g)) {
    levels.set(Number(m[1]), sentence(m[2]!.trim().replace(/[.。]$/, ''), stop));
  }
  return { general: `${head}${stop}`, levels };
}

function splitOnce(s: string, sep: RegExp): [string, string?] {
  const m = sep.exec(s);
  return m ? [s.slice(0, m.index), s.slice(m.index + m[0].length)] : [s.replace(/[.。]$/, '')];
}

/** Capitalised (a no-op on Chinese) and ended with `stop`. */
const sentence = (s: string, stop: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}${stop}` : s);

// ---- the record as typed so far ----------------------------------------------------------------

/** What completion and hovers need of the record, read leniently (the YAML may not parse). */
export interface RecordFacts {
  id?: string;
  importance?: number;
  urgency?: number;
  /** Task IDs by item index. */
  taskIds: Map<number, string>;
  /** `depends` entries by task index. */
  depends: Map<number, string[]>;
  related: string[];
}

export function recordFacts(text: string): RecordFacts {
  const facts: RecordFacts = { taskIds: new Map(), depends: new Map(), related: [] };
  for (const { path, value } of frontMatterScalars(text)) {
    const [a, b, c] = path;
    if (path.length === 1 && a === 'id') facts.id = value;
    else if (a === 'scores' && path.length === 2 && (b === 'importance' || b === 'urgency')) {
      const n = Number(value);
      if (value !== '' && Number.isFinite(n)) facts[b] = n;
    } else if (a === 'related' && path.length === 2) facts.related.push(value);
    else if (a === 'tasks' && typeof b === 'number') {
      if (c === 'id' && path.length === 3) facts.taskIds.set(b, value);
      else if (c === 'depends') {
        const list = facts.depends.get(b) ?? [];
        list.push(value);
        facts.depends.set(b, list);
      }
    }
  }
  return facts;
}

// ---- helpers -----------------------------------------------------------------------------------

/** `$`, `}` and `\` are syntax in snippets. */
const snippetText = (s: string) => s.replace(/[$}\\]/g, '\\$&');
/** A choice tabstop; its elements also treat `,` and `|` as syntax. */
const choice = (tab: number, values: readonly string[]) => `\${${tab}|${values.map((v) => v.replace(/[$}\\,|]/g, '\\$&')).join(',')}|}`;
const SCORE_VALUES = ['1', '2', '3', '4', '5'];

const PLAIN_SAFE = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^#]*$/;
const RESERVED = /^(?:true|false|null|~|yes|no|on|off|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/** A string as a YAML scalar: plain when it reads back as the same string, else double-quoted. */
export function yamlScalar(s: string): string {
  return PLAIN_SAFE.test(s) && !s.includes(': ') && s.trim() === s && !RESERVED.test(s) ? s : JSON.stringify(s);
}

const isCjk = (s: string) => /[\u3400-\u9fff\uf900-\ufaff]/.test(s);
const pad = (n: number) => String(n).padStart(3, '0');

/** Text around the cursor that decides how an insert text is shaped. */
interface Site {
  text: string;
  /** Offset of the BOM-less text in `text`. */
  base: number;
  ctx: YamlContext;
  data: CompletionData;
  /** Extra indentation of following lines relative to the line's leading whitespace. */
  rel: number;
  /** A value typed right after `key:` or `-` needs a separating space. */
  needsSpace: boolean;
  /** The range is inside quotes: insert the raw string. */
  inQuotes: boolean;
  /** The range is inside a flow collection (`[…]`, `{…}`): no block snippets. */
  inFlow: boolean;
  facts?: RecordFacts;
}

function siteOf(text: string, base: number, ctx: YamlContext, data: CompletionData): Site {
  const start = ctx.range.start + base;
  let lineStart = start;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  let lead = lineStart;
  while (lead < start && text.charCodeAt(lead) === 32) lead++;
  // Unbalanced brackets before the range on its line: the range is inside a flow collection.
  let depth = 0;
  for (let i = lineStart; i < start; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  const before = text.charCodeAt(start - 1);
  return {
    text,
    base,
    ctx,
    data,
    rel: start - lead,
    needsSpace: start > lineStart && (before === 58 || before === 45),
    inQuotes: (before === 34 || before === 39) && start > lead,
    inFlow: depth > 0,
  };
}

function factsOf(site: Site): RecordFacts {
  return (site.facts ??= recordFacts(site.text));
}

function entry(site: Site, e: Omit<CompletionEntry, 'range'>): CompletionEntry {
  return { ...e, range: { start: site.ctx.range.start, end: site.ctx.range.end } };
}

/** A key to add: its text (a snippet or not), the values it takes and what it means. */
function keyEntry(
  site: Site,
  key: string,
  shaped: { insertText: string; isSnippet: boolean },
  hint: string | undefined,
  documentation: string | undefined,
  sortText: string,
): CompletionEntry {
  return entry(site, {
    label: key,
    kind: 'property',
    insertText: shaped.insertText,
    ...(shaped.isSnippet ? { isSnippet: true } : {}),
    ...(hint ? { detail: hint } : {}),
    ...(documentation ? { documentation } : {}),
    sortText,
  });
}

/** A value's insert text: spaced after `key:`, quoted for YAML unless typed inside quotes. */
function valueText(site: Site, value: string, asList = false): string {
  const scalar = site.inQuotes ? value : yamlScalar(value);
  const shaped = asList ? `[${scalar}]` : scalar;
  return site.needsSpace ? ` ${shaped}` : shaped;
}

// ---- keys --------------------------------------------------------------------------------------

/** The first key of a map field, offered as the placeholder of its first line. */
function firstKey(path: YamlPath): string {
  const keys = knownKeysAt(path);
  return keys[0] ?? 'key';
}

function isRequired(path: YamlPath, key: string): boolean {
  if (path.length === 0) return (REQUIRED_KEYS as readonly string[]).includes(key);
  const schema = schemaAt([...path, key]);
  return !!schema && !(schema instanceof z.ZodOptional);
}

/** The keys a new list item is written with, in order (the rest are completed later). */
const ITEM_KEYS: Record<string, readonly string[]> = {
  tasks: ['id', 'title', 'owner', 'start', 'days'],
  reviews: ['date', 'by', 'result'],
  feedback: ['date', 'satisfaction', 'note'],
  changes: ['date', 'request', 'decision'],
};

/** `n` placeholder of a value by the field's kind, numbered from `tab`. */
function placeholder(path: YamlPath, tab: number, today: string): string {
  const kind = fieldKindAt(path);
  if (kind === 'enum') return choice(tab, enumAt(path)!.canonical);
  if (kind === 'score') return choice(tab, SCORE_VALUES);
  if (kind === 'date') return `\${${tab}:${snippetText(today)}}`;
  if (kind === 'list') return `[$${tab}]`;
  return `$${tab}`;
}

/** The lines of a new item of a list of maps (without the dash), joined by `nl`. */
function itemSnippet(site: Site, listPath: YamlPath, index: number, nl: string): string {
  const listKey = String(listPath[listPath.length - 1]);
  const itemPath = [...listPath, index];
  const keys = ITEM_KEYS[listKey] ?? knownKeysAt(itemPath).filter((k) => isRequired(itemPath, k));
  const today = site.data.today;
  const lines: string[] = [];
  let tab = 1;
  for (const key of keys) {
    if (listKey === 'tasks' && key === 'id') {
      lines.push(`id: \${${tab++}:${snippetText(nextTaskId(factsOf(site)))}}`);
    } else if (listKey === 'tasks' && key === 'start') {
      // The next task usually follows the last one; the first one starts on a date.
      const last = lastTaskId(factsOf(site), index);
      lines.push(last ? `depends: [\${${tab++}:${snippetText(last)}}]` : `start: \${${tab++}:${snippetText(today)}}`);
    } else if (listKey === 'tasks' && key === 'days') lines.push(`days: \${${tab++}:1}`);
    else lines.push(`${key}: ${placeholder([...itemPath, key], tab++, today)}`);
  }
  return lines.join(nl) + '$0';
}

function nextTaskId(facts: RecordFacts): string {
  let max = 0;
  for (const id of facts.taskIds.values()) {
    const m = /^T(\d+)$/i.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `T${Math.max(max, facts.taskIds.size) + 1}`;
}

/** The last task in file order other than the item at `except`. */
function lastTaskId(facts: RecordFacts, except: number): string | undefined {
  let last: string | undefined;
  let lastIndex = -1;
  for (const [index, id] of facts.taskIds) {
    if (index !== except && index > lastIndex && id) {
      last = id;
      lastIndex = index;
    }
  }
  return last;
}

/**
 * The insert text of a new key: `key: `, or a snippet that opens its map, list or value choice.
 * `schemaKey` is the built-in key a team's renamed key stands for.
 */
function newKeyText(site: Site, path: YamlPath, key: string, schemaKey = key): { insertText: string; isSnippet: boolean } {
  if (site.inFlow) return { insertText: `${key}: `, isSnippet: false };
  const fieldPath = [...path, schemaKey];
  const kind = fieldKindAt(fieldPath);
  const nl = `\n${' '.repeat(site.rel)}`;
  const today = site.data.today;
  switch (kind) {
    case 'map':
      return { insertText: `${key}:${nl}  \${1:${firstKey(fieldPath)}}: $0`, isSnippet: true };
    case 'list-of-maps':
      return { insertText: `${key}:${nl}  - ${itemSnippet(site, fieldPath, 0, `${nl}    `)}`, isSnippet: true };
    case 'list':
      // Prose lists read best one item a line; lists of IDs and names fit on one.
      return schemaKey === 'risks'
        ? { insertText: `${key}:${nl}  - $0`, isSnippet: true }
        : { insertText: `${key}: [$1]$0`, isSnippet: true };
    case 'enum':
    case 'score':
    case 'date':
      return { insertText: `${key}: ${placeholder(fieldPath, 1, today)}$0`, isSnippet: true };
    default:
      return { insertText: `${key}: `, isSnippet: false };
  }
}

/** A short hint of what a field takes, shown next to its key. */
function valueHint(path: YamlPath): string | undefined {
  switch (fieldKindAt(path)) {
    case 'enum':
      return enumAt(path)!.canonical.join(' | ');
    case 'score':
      return '1–5';
    case 'date':
      return 'YYYY-MM-DD';
    default:
      return undefined;
  }
}

/** Keys valid at `path` and not present; `sortGroup` ranks them after the entries of an earlier group. */
function keyEntries(site: Site, path: YamlPath, replaceName: boolean, sortGroup = 0): CompletionEntry[] {
  const lang = site.data.lang;
  const present = new Set(site.ctx.siblings);
  const out: CompletionEntry[] = [];
  const keys = knownKeysAt(path);
  keys.forEach((key, i) => {
    if (present.has(key)) return;
    const doc = fieldDocAt([...path, key]);
    const hint = valueHint([...path, key]);
    const shaped = replaceName ? { insertText: key, isSnippet: false } : newKeyText(site, path, key);
    out.push(
      // Required keys first (id, title, type, status at the top level), then the schema's order.
      keyEntry(site, key, shaped, hint, doc && fieldMeaning(doc, lang), `${sortGroup}${isRequired(path, key) ? 0 : 1}${pad(i)}`),
    );
  });
  return out;
}

// ---- values ------------------------------------------------------------------------------------

function enumEntries(site: Site, path: YamlPath): CompletionEntry[] {
  const e = enumAt(path);
  if (!e) return [];
  const lang = site.data.lang;
  let derived: string | undefined;
  if (path.length === 1 && path[0] === 'priority') {
    const facts = factsOf(site);
    derived = priorityFromScores(facts.importance, facts.urgency, site.data.threshold ?? 4);
  }
  return e.canonical.map((value, i) => {
    const d = e.valueDocs[value]!;
    const aliases = d.aliases ?? [];
    const chinese = aliases.find(isCjk);
    const detail = value === derived ? localize(lang, 'derived from the scores') : chinese;
    return entry(site, {
      label: value,
      kind: 'enum',
      insertText: valueText(site, value),
      ...(detail ? { detail } : {}),
      documentation: valueMeaning(d, lang),
      // Typing an alias (功能) finds its canonical value (functional).
      ...(aliases.length ? { filterText: [value, ...aliases].join(' ') } : {}),
      sortText: pad(i),
    });
  });
}

function scoreEntries(site: Site, path: YamlPath): CompletionEntry[] {
  const lang = site.data.lang;
  const docs = scoreDocsAt(path, lang);
  const general = docs?.general;
  const out: CompletionEntry[] = [];
  for (let n = 1; n <= 5; n++) {
    const meaning = docs?.levels.get(n);
    out.push(
      entry(site, {
        label: String(n),
        kind: 'value',
        insertText: site.needsSpace ? ` ${n}` : String(n),
        ...(meaning ? { detail: meaning } : {}),
        ...(general ? { documentation: meaning ? `**${n}** — ${meaning}\n\n${general}` : general } : {}),
        sortText: String(n),
      }),
    );
  }
  return out;
}

/** Today's date; `documentation` is a team field's description (a built-in field's comes from the schema). */
function dateEntry(site: Site, path: YamlPath, documentation?: string): CompletionEntry[] {
  const doc = fieldDocAt(path);
  const lang = site.data.lang;
  const text = documentation ?? (doc ? fieldMeaning(doc, lang) : undefined);
  return [
    entry(site, {
      label: site.data.today,
      kind: 'date',
      insertText: site.needsSpace ? ` ${site.data.today}` : site.data.today,
      detail: localize(lang, 'today'),
      ...(text ? { documentation: text } : {}),
    }),
  ];
}

function nameEntries(site: Site, names: readonly string[], asList: boolean): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    out.push(entry(site, { label: name, kind: 'value', insertText: valueText(site, name, asList) }));
  }
  return out;
}

/** Task IDs of this file other than the task at `taskIndex` and those already listed. */
function taskEntries(site: Site, taskIndex: number, asList: boolean, itemIndex?: number): CompletionEntry[] {
  const facts = factsOf(site);
  const listed = new Set((facts.depends.get(taskIndex) ?? []).filter((_, i) => i !== itemIndex));
  const out: CompletionEntry[] = [];
  for (const [index, id] of facts.taskIds) {
    if (index === taskIndex || !id || listed.has(id)) continue;
    out.push(entry(site, { label: id, kind: 'reference', insertText: valueText(site, id, asList), sortText: pad(index) }));
  }
  return out;
}

interface PreparedReference {
  id: string;
  scalar: string;
  detail?: string;
  filterText?: string;
  documentation?: string;
}

// Each call would otherwise quote-check and concatenate for every ID of a large workspace: the
// prepared strings are kept for as long as the caller keeps the same list.
const preparedReferences = new WeakMap<CompletionData['requirements'], PreparedReference[]>();

function prepareReferences(requirements: CompletionData['requirements']): PreparedReference[] {
  let prepared = preparedReferences.get(requirements);
  if (!prepared) {
    prepared = [];
    for (const r of requirements) {
      if (!r.id) continue;
      const p: PreparedReference = { id: r.id, scalar: yamlScalar(r.id) };
      const merged = r.merged?.length ? ` ${r.merged.join(' ')}` : '';
      if (r.title) {
        p.detail = r.title;
        // Typing words of the title (or an ID merged into it) finds the ID too.
        p.filterText = `${r.id}${merged} ${r.title}`;
      } else if (merged) p.filterText = `${r.id}${merged}`;
      if (r.status) p.documentation = r.status;
      prepared.push(p);
    }
    preparedReferences.set(requirements, prepared);
  }
  return prepared;
}

/** Requirement IDs of the workspace with their titles, this record and those already listed left out. */
function referenceEntries(site: Site, asList: boolean, itemIndex?: number): CompletionEntry[] {
  const facts = factsOf(site);
  const listed = new Set(facts.related.filter((_, i) => i !== itemIndex));
  if (facts.id) listed.add(facts.id);
  const { start, end } = site.ctx.range;
  const lead = site.needsSpace ? ' ' : '';
  const out: CompletionEntry[] = [];
  for (const r of prepareReferences(site.data.requirements)) {
    if (listed.has(r.id)) continue;
    const value = site.inQuotes ? r.id : asList ? `[${r.scalar}]` : r.scalar;
    const e: CompletionEntry = { label: r.id, kind: 'reference', insertText: lead + value, range: { start, end } };
    if (r.detail !== undefined) e.detail = r.detail;
    if (r.filterText !== undefined) e.filterText = r.filterText;
    if (r.documentation !== undefined) e.documentation = r.documentation;
    out.push(e);
  }
  return out;
}

/** Completion of a value: `asList` when the field is a list and the cursor is where its `[…]` goes. */
function valueEntries(site: Site, path: YamlPath): CompletionEntry[] {
  const shape = pathShape(path);
  switch (shape) {
    case 'customer.name':
      return nameEntries(site, site.data.customers, false);
    case 'owner':
    case 'tasks.[].owner':
      return nameEntries(site, site.data.owners, false);
    case 'related':
      return referenceEntries(site, true);
    case 'tasks.[].depends':
      return taskEntries(site, path[1] as number, true);
    case 'resources.people':
      return nameEntries(site, site.data.owners, true);
  }
  switch (fieldKindAt(path)) {
    case 'enum':
      return enumEntries(site, path);
    case 'score':
      return scoreEntries(site, path);
    case 'date':
      return dateEntry(site, path);
    default:
      return [];
  }
}

/** Completion of a list item: `listPath` is the list; `index` is the item when a `- ` or flow slot exists. */
function itemEntries(site: Site, listPath: YamlPath, index: number | undefined): CompletionEntry[] {
  const shape = pathShape(listPath);
  switch (shape) {
    case 'related':
      return referenceEntries(site, false, index);
    case 'tasks.[].depends':
      return taskEntries(site, listPath[1] as number, false, index);
    case 'resources.people':
    case 'reviews.[].by':
      return nameEntries(site, site.data.owners, false);
  }
  if (fieldKindAt(listPath) !== 'list-of-maps' || site.inFlow) return [];
  // A new item of a list of maps: a snippet with its first keys, then the keys one by one.
  const lang = site.data.lang;
  const itemIndex = index ?? countItems(site, listPath);
  const dash = index === undefined ? '- ' : '';
  const nl = `\n${' '.repeat(site.rel + (dash ? 2 : 0))}`;
  const body = itemSnippet(site, listPath, itemIndex, nl);
  const isTask = shape === 'tasks';
  const doc = fieldDocAt([...listPath, itemIndex]);
  const out: CompletionEntry[] = [
    entry(site, {
      label: isTask ? localize(lang, 'new task') + ` ${nextTaskId(factsOf(site))}` : localize(lang, 'new item'),
      kind: 'snippet',
      insertText: `${site.needsSpace ? ' ' : ''}${dash}${body}`,
      isSnippet: true,
      ...(doc ? { detail: fieldMeaning(doc, lang) } : {}),
      documentation: '```yaml\n' + preview(`${dash}${body}`) + '\n```',
      sortText: '0',
    }),
  ];
  // With the dash typed, single keys of the item are offered too.
  if (index !== undefined) out.push(...keyEntries({ ...site, ctx: { ...site.ctx, siblings: [] } }, [...listPath, index], false, 1));
  return out;
}

/** A snippet as the text it inserts when every placeholder keeps its default. */
function preview(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** Items of the list so far, for the index of a new one (its `- ` not typed yet). */
function countItems(site: Site, listPath: YamlPath): number {
  if (pathShape(listPath) === 'tasks') {
    const facts = factsOf(site);
    let max = -1;
    for (const index of facts.taskIds.keys()) max = Math.max(max, index);
    return max + 1;
  }
  return 0;
}

// ---- under a team schema -------------------------------------------------------------------------

/** Top-level keys as the team writes them: built-in keys under the team's names, then its own fields. */
function teamKeyEntries(site: Site, team: TeamRules, replaceName: boolean): CompletionEntry[] {
  const lang = site.data.lang;
  const present = new Set(site.ctx.siblings);
  const out: CompletionEntry[] = [];
  knownKeysAt([]).forEach((builtIn, i) => {
    const key = teamKeyOf(team, builtIn);
    // A file that has the built-in name of a renamed key has that key already.
    if (present.has(key) || present.has(builtIn)) return;
    // An ID read from the file name or the heading is no key of the record.
    if (builtIn === 'id' && team.id.from !== 'key') return;
    const statuses = builtIn === 'status' && team.statuses?.size ? [...team.statuses.keys()] : undefined;
    const shaped = replaceName
      ? { insertText: key, isSnippet: false }
      : statuses && !site.inFlow
        ? { insertText: `${key}: ${choice(1, statuses)}$0`, isSnippet: true }
        : newKeyText(site, [], key, builtIn);
    const hint = statuses ? statuses.join(' | ') : valueHint([builtIn]);
    const doc = fieldDocAt([builtIn]);
    const meaning = doc ? fieldMeaning(doc, lang) : undefined;
    const documentation = key === builtIn ? meaning : [meaning, standsFor(builtIn, lang)].filter(Boolean).join('\n\n');
    out.push(
      // What the team requires first, then the team's own fields, then the rest of ReqDesk's keys.
      keyEntry(site, key, shaped, hint, documentation, `0${teamRequires(team, builtIn) ? 0 : 2}${pad(i)}`),
    );
  });
  let i = 0;
  for (const [name, field] of team.fields) {
    const order = i++;
    if (present.has(name)) continue;
    const shaped = replaceName ? { insertText: name, isSnippet: false } : teamFieldKeyText(site, name, field);
    const detail = teamLabel(field.label, lang) ?? teamValueHint(field);
    const documentation = teamDescription(field.description, lang);
    out.push(
      entry(site, {
        label: name,
        kind: 'property',
        insertText: shaped.insertText,
        ...(shaped.isSnippet ? { isSnippet: true } : {}),
        ...(detail ? { detail } : {}),
        ...(documentation ? { documentation } : {}),
        sortText: `0${field.required ? 0 : 1}${pad(100 + order)}`,
      }),
    );
  }
  return out;
}

/** A team field's new key: a snippet with its values, today's date or a list to fill. */
function teamFieldKeyText(site: Site, name: string, field: TeamField): { insertText: string; isSnippet: boolean } {
  if (site.inFlow) return { insertText: `${name}: `, isSnippet: false };
  switch (field.type) {
    case 'enum':
      return field.values.size
        ? { insertText: `${name}: ${choice(1, [...field.values.keys()])}$0`, isSnippet: true }
        : { insertText: `${name}: `, isSnippet: false };
    case 'date':
      return { insertText: `${name}: \${1:${snippetText(site.data.today)}}$0`, isSnippet: true };
    case 'list':
      return { insertText: `${name}: [$1]$0`, isSnippet: true };
    default:
      return { insertText: `${name}: `, isSnippet: false };
  }
}

function teamValueHint(field: TeamField): string | undefined {
  if (field.type === 'enum') return [...field.values.keys()].join(' | ');
  if (field.type === 'date') return 'YYYY-MM-DD';
  return undefined;
}

/** The team's statuses in its order: each with its label and stage, found by its aliases too. */
function teamStatusEntries(site: Site, statuses: ReadonlyMap<string, TeamStatus>): CompletionEntry[] {
  const lang = site.data.lang;
  return [...statuses].map(([name, status], i) =>
    entry(site, {
      label: name,
      kind: 'enum',
      insertText: valueText(site, name),
      detail: statusDetail(status, lang),
      documentation: stageMeaning(status.stage, lang),
      ...(status.aliases.length ? { filterText: [name, ...status.aliases].join(' ') } : {}),
      sortText: pad(i),
    }),
  );
}

/** A team enum's values in its order, with what each means, found by its aliases too. */
function teamEnumEntries(site: Site, field: TeamField): CompletionEntry[] {
  const lang = site.data.lang;
  return [...field.values].map(([value, doc], i) => {
    const meaning = teamDescription(doc, lang);
    return entry(site, {
      label: value,
      kind: 'enum',
      insertText: valueText(site, value),
      ...(meaning ? { detail: meaning } : {}),
      ...(doc.aliases.length ? { filterText: [value, ...doc.aliases].join(' ') } : {}),
      sortText: pad(i),
    });
  });
}

/** A value under a team schema: its statuses and fields first, the built-in field a renamed key stands for otherwise. */
function teamValueEntries(site: Site, team: TeamRules, path: YamlPath): CompletionEntry[] {
  const schemaPath = builtInPath(team, path);
  if (path.length === 1) {
    const field = team.fields.get(String(path[0]));
    if (field?.type === 'enum') return teamEnumEntries(site, field);
    if (field?.type === 'date') return dateEntry(site, path, teamDescription(field.description, site.data.lang));
    if (field) return [];
    if (schemaPath[0] === 'status' && team.statuses) return teamStatusEntries(site, team.statuses);
  }
  return valueEntries(site, schemaPath);
}

/** Completion under a team schema: the built-in completion on the paths the team's keys stand for. */
function completeForTeam(site: Site, team: TeamRules): CompletionEntry[] {
  const { kind, path } = site.ctx;
  switch (kind) {
    case 'key':
      return path.length === 1 ? teamKeyEntries(site, team, true) : keyEntries(site, builtInPath(team, path.slice(0, -1)), true);
    case 'new-key':
      return path.length === 0 ? teamKeyEntries(site, team, false) : keyEntries(site, builtInPath(team, path), false);
    case 'value':
      return teamValueEntries(site, team, path);
    default: {
      // The team's own list fields take any items.
      if (team.fields.has(String(path[0]))) return [];
      const last = path[path.length - 1];
      const listPath = builtInPath(team, typeof last === 'number' ? path.slice(0, -1) : path);
      return itemEntries(site, listPath, typeof last === 'number' ? last : undefined);
    }
  }
}

/** Completion items at an offset of a requirement file. */
export function completeAt(text: string, offset: number, data: CompletionData): CompletionEntry[] {
  const ctx = yamlContextAt(text, offset);
  if (ctx.kind === 'outside') return [];
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const site = siteOf(text, base, ctx, data);
  if (data.team) return completeForTeam(site, data.team);
  switch (ctx.kind) {
    case 'key':
      return keyEntries(site, ctx.path.slice(0, -1), true);
    case 'new-key':
      return keyEntries(site, ctx.path, false);
    case 'value':
      return valueEntries(site, ctx.path);
    case 'list-item': {
      const last = ctx.path[ctx.path.length - 1];
      return typeof last === 'number' ? itemEntries(site, ctx.path.slice(0, -1), last) : itemEntries(site, ctx.path, undefined);
    }
  }
}
