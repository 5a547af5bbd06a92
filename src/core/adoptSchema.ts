// Adopting a folder of records a team already keeps: a draft of `.reqdesk/schema.yaml` inferred from
// the keys and values the files have, and the settings that point ReqDesk at them.
//
// The draft describes the files as they are: every field type is one all the values seen already
// have, so adopting never adds an error to a well-formed file. What it cannot know it guesses and
// says so in a `#` comment (a status word it does not know, a value seen once that looks like a
// misspelling of a common one). Pure: the caller reads the files and writes the results.
import { outlineRecord } from './body';
import { loadYamlCareful, loadYamlFast, splitFile } from './frontmatter';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from './ids';
import { enumAt, requirementSchema, STATUSES, type Status } from './schema';
import { DEFAULT_SETTINGS } from './settings';
import { closest } from './text';

/** One file of the folder: its path relative to the workspace's root (`/` separators) and its text. */
export interface AdoptFile {
  path: string;
  text: string;
}

/** The settings the adopted records need; a key is absent when the default already fits. */
export interface AdoptSettings {
  include: string[];
  exclude: string[];
  idPrefixes?: string[];
  idFormat?: string;
}

export interface AdoptDraft {
  /** The schema file's text, with comments giving what it was inferred from. */
  schema: string;
  settings: AdoptSettings;
  /** The files read as records. */
  records: string[];
  /** Files that are not records (no front-matter, or a name the ID pattern does not read), with why. */
  leftOut: Array<{ path: string; reason: 'no-front-matter' | 'no-id' }>;
}

const BUILT_IN_KEYS = new Set(Object.keys(requirementSchema.shape));
const STAGE_ORDER = Object.keys(STATUSES) as Status[];

/** Common status words of proposal and ticket processes → the ReqDesk stage they mean. */
const STAGE_WORDS: Readonly<Record<Status, readonly string[]>> = {
  new: ['proposed', 'proposal', 'draft', 'new', 'open', 'submitted', 'idea', 'pending', 'provisional', 'in review', 'under review'],
  analyzing: ['analyzing', 'analysis', 'investigating', 'triage', 'triaged', 'evaluating', 'discussion', 'discussing'],
  planned: ['implementable', 'accepted', 'approved', 'planned', 'ready', 'scheduled', 'agreed'],
  'in-progress': ['implementing', 'in progress', 'active', 'wip', 'started', 'doing', 'ongoing'],
  delivered: ['implemented', 'done', 'delivered', 'complete', 'completed', 'final', 'released', 'shipped', 'merged', 'finished'],
  verified: ['verified', 'tested', 'validated'],
  closed: ['superseded', 'obsolete', 'closed', 'replaced', 'archived', 'retired', 'deprecated', 'resolved'],
  declined: ['withdrawn', 'rejected', 'declined', 'abandoned', 'dropped', 'wontfix', "won't fix", 'refused'],
  'on-hold': ['deferred', 'postponed', 'on hold', 'paused', 'blocked', 'dormant', 'stalled', 'inactive'],
};

const STAGE_OF_WORD = new Map<string, Status>(
  Object.entries(STAGE_WORDS).flatMap(([stage, words]) => words.map((w) => [w, stage as Status] as const)),
);

/** `In-Progress`, `in_progress` and `in progress` are one word here. */
function wordKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ');
}

/** The stage a status word means, or undefined when the table does not know it. */
export function stageOfWord(value: string): Status | undefined {
  return STAGE_OF_WORD.get(wordKey(value));
}

/** Well-known keys of other processes → the built-in key they stand for (the first the files have is renamed). */
const RENAMES: ReadonlyArray<[string, readonly string[]]> = [
  ['submitted', ['creation-date', 'created', 'date', 'created-at', 'created_at', 'creation_date', 'created-on', 'date-created']],
  ['title', ['name', 'summary']],
  ['status', ['state']],
  ['owner', ['assignee', 'champion', 'shepherd']],
];

/** An enum is a small set of short values that repeat: at most this many distinct ones… */
const MAX_ENUM_VALUES = 10;
/** …each no longer than this. */
const MAX_ENUM_VALUE_LENGTH = 40;
/** A status seen in at most this share of the records, close to a common one, is read as its misspelling. */
const RARE_SHARE = 0.05;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

interface RecordFile {
  path: string;
  name: string;
  values: Record<string, unknown>;
  heading?: string;
  /** Whether the body has the four essential sections. */
  essentials: boolean;
}

/** What the values of one key have in common. */
interface KeyStats {
  /** Records with a value (null and absent do not count). */
  count: number;
  strings: Map<string, number>;
  numbers: number;
  dates: number;
  lists: number;
  others: number;
}

/** The draft schema and settings for the records in `folder` (workspace-relative; '' or '.' for the root). */
export function inferAdoptDraft(folder: string, files: readonly AdoptFile[]): AdoptDraft {
  const base = normalizeFolder(folder);
  const leftOut: AdoptDraft['leftOut'] = [];
  let records: RecordFile[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const record = readRecord(file);
    if (record) records.push(record);
    else leftOut.push({ path: file.path, reason: 'no-front-matter' });
  }

  const id = inferId(records);
  if (id.from === 'file-name' || id.from === 'heading') {
    // A file whose name (or heading) the pattern does not read is no record of the series (a
    // template, an index with front-matter): it is left out rather than given an error.
    const kept: RecordFile[] = [];
    for (const r of records) {
      if (id.read(r) !== undefined) kept.push(r);
      else leftOut.push({ path: r.path, reason: 'no-id' });
    }
    records = kept;
  }
  leftOut.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const stats = keyStats(records);
  const total = records.length;
  const lines: string[] = [
    `# Draft team schema for the ${total} records in ${base === '' ? 'the workspace' : `${base}/`}, inferred from their keys and values.`,
    '# Review it: the stages of the statuses and the types of the fields are guesses from the values seen.',
  ];
  lines.push(id.line);

  const renames = inferRenames(stats, total);
  if (renames.length) {
    lines.push('rename:');
    for (const r of renames) lines.push(`  ${scalar(r.team)}: ${r.builtIn}   # ${of(r.count, total)}`);
  }

  const statusKey = renames.find((r) => r.builtIn === 'status')?.team ?? 'status';
  lines.push(...statusLines(statusKey, stats.get(statusKey), total));

  const checks = checkLines(records, stats, renames, id.from);
  lines.push(...checks);

  const taken = new Set([...renames.map((r) => r.team), ...(id.from === 'key' ? [id.key] : [])]);
  lines.push(...fieldLines(stats, total, taken));

  const builtIns = [...stats].filter(([key]) => BUILT_IN_KEYS.has(key) && key !== 'status' && key !== 'id');
  if (builtIns.length) {
    lines.push(`# Built-in keys the records use as ReqDesk does: ${builtIns.map(([k, s]) => `${k} (${of(s.count, total)})`).join(', ')}.`);
  }
  if (leftOut.length) {
    lines.push(`# Not records, left out: ${leftOut.map((f) => oneLine(f.path)).join(', ')}.`);
  }

  return {
    schema: `${lines.join('\n')}\n`,
    settings: settingsFor(base, records, leftOut, id.grammar),
    records: records.map((r) => r.path),
    leftOut,
  };
}

function normalizeFolder(folder: string): string {
  const parts = folder
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  return parts.join('/');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A record: a file whose front-matter is a mapping with at least one key. */
function readRecord(file: AdoptFile): RecordFile | undefined {
  const split = splitFile(file.text);
  const fm = split.frontMatter;
  if (!fm || fm.language !== '') return undefined;
  if (fm.yaml.trim() === '') return undefined;
  const fast = loadYamlFast(fm.yaml);
  const careful = fast.ok ? undefined : loadYamlCareful(fm.yaml);
  // A block that does not load is still a record's: validate says what is wrong with it.
  const value = fast.ok ? fast.value : careful!.issues.length ? {} : careful!.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const outline = outlineRecord(split.text, split.bodyStart);
  const essentials = new Set(outline.sections.filter((s) => !s.empty).map((s) => s.key)).size === 4;
  return {
    path: file.path,
    name: baseName(file.path),
    values: value as Record<string, unknown>,
    ...(outline.title ? { heading: outline.title.text } : {}),
    essentials,
  };
}

function keyStats(records: readonly RecordFile[]): Map<string, KeyStats> {
  const stats = new Map<string, KeyStats>();
  for (const r of records) {
    for (const [key, value] of Object.entries(r.values)) {
      if (value === null || value === undefined) continue;
      let s = stats.get(key);
      if (!s) stats.set(key, (s = { count: 0, strings: new Map(), numbers: 0, dates: 0, lists: 0, others: 0 }));
      s.count++;
      if (typeof value === 'string') {
        s.strings.set(value, (s.strings.get(value) ?? 0) + 1);
        if (isRealDate(value)) s.dates++;
      } else if (typeof value === 'number') s.numbers++;
      else if (Array.isArray(value)) s.lists++;
      else s.others++;
    }
  }
  // The most common keys first, then by name: the draft reads in the order that matters.
  return new Map([...stats].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0)));
}

function of(count: number, total: number): string {
  return `${count} of ${total} files`;
}

// ── the ID ───────────────────────────────────────────────────────────────────────────────────

interface IdSource {
  from: 'key' | 'file-name' | 'heading';
  key: string;
  /** The schema's `id:` line (or a comment when the built-in `id` key stays). */
  line: string;
  /** The ID a record gets, or undefined when its name or heading does not give one. */
  read(record: RecordFile): string | undefined;
  /** The ID grammar the IDs follow: undefined when the defaults fit (or nothing is known). */
  grammar?: { prefixes: string[]; format: string };
}

const LEADING_NUMBER = /^(\d+)[-_ .]/;
const PREFIXED_NUMBER = /^([A-Za-z][A-Za-z0-9]*)[-_ ]?(\d+)(?![0-9])/;

/**
 * Where IDs come from: an `id` key every record has; else a number leading every file name (its
 * prefix from the first headings, `# TEP-0090: Matrix` → TEP); else `PREFIX-n` opening every
 * first heading; else the built-in `id` key, said to be missing.
 */
function inferId(records: readonly RecordFile[]): IdSource {
  const total = records.length;
  const idValues = records.map((r) => r.values.id).filter((v): v is string => typeof v === 'string');
  if (total > 0 && idValues.length === total) {
    return {
      from: 'key',
      key: 'id',
      line: `# id: the "id" key (${of(total, total)})`,
      read: (r) => r.values.id as string,
      ...grammarOf(idValues),
    };
  }

  const numbers = records.map((r) => LEADING_NUMBER.exec(r.name)?.[1]);
  const numbered = numbers.filter((n): n is string => n !== undefined);
  // Most records numbered by their file names: the others are not of the series.
  if (total > 0 && numbered.length * 2 > total) {
    const width = Math.min(...numbered.map((n) => n.length));
    const sameWidth = numbered.every((n) => n.length === width);
    const digits = sameWidth ? `\\d{${width}}` : '\\d+';
    const separator = LEADING_NUMBER.exec(records.find((r) => LEADING_NUMBER.test(r.name))!.name)![0].slice(-1);
    const pattern = new RegExp(`^(${digits})${escapeRegExp(separator)}`, 'u');
    const headingPrefix = prefixFromHeadings(records, (r) => pattern.exec(r.name)?.[1]);
    const prefix = headingPrefix ?? 'REQ';
    const guessed = headingPrefix === undefined;
    const example = records.find((r) => pattern.test(r.name))!;
    const read = (r: RecordFile) => {
      const n = pattern.exec(r.name)?.[1];
      return n === undefined ? undefined : `${prefix}-${n}`;
    };
    const format = `{prefix}-{seq${width > 1 ? `:${width}` : ''}}`;
    return {
      from: 'file-name',
      key: 'id',
      line:
        `id: { from: file-name, pattern: ${quoted(pattern.source)}, template: ${quoted(`${prefix}-{1}`)} }` +
        `   # ${of(numbered.length, total)}, e.g. ${oneLine(example.name)} → ${read(example)}` +
        (guessed ? `; the prefix ${prefix} is a guess (no first heading names one)` : `; ${prefix} as the first headings write it`),
      read,
      ...grammarOf(
        numbered.map((n) => `${prefix}-${n}`),
        { prefixes: [prefix], format },
      ),
    };
  }

  const headed = records.map((r) => (r.heading === undefined ? undefined : PREFIXED_NUMBER.exec(r.heading)));
  const prefixes = [...new Set(headed.filter((m) => m).map((m) => m![1]!))];
  if (total > 0 && prefixes.length === 1 && headed.filter((m) => m).length * 2 > total) {
    const prefix = prefixes[0]!;
    const widths = headed.filter((m) => m).map((m) => m![2]!.length);
    const width = Math.min(...widths);
    const pattern = new RegExp(`^${escapeRegExp(prefix)}[-_ ]?(\\d+)(?![0-9])`, 'u');
    const read = (r: RecordFile) => {
      const n = r.heading === undefined ? undefined : pattern.exec(r.heading)?.[1];
      return n === undefined ? undefined : `${prefix}-${n}`;
    };
    const example = records.find((r) => read(r) !== undefined)!;
    return {
      from: 'heading',
      key: 'id',
      line:
        `id: { from: heading, pattern: ${quoted(pattern.source)}, template: ${quoted(`${prefix}-{1}`)} }` +
        `   # ${of(headed.filter((m) => m).length, total)}, e.g. "${oneLine(example.heading ?? '')}" → ${read(example)}`,
      read,
      ...grammarOf(
        records.map(read).filter((v): v is string => v !== undefined),
        { prefixes: [prefix], format: `{prefix}-{seq${width > 1 ? `:${width}` : ''}}` },
      ),
    };
  }

  return {
    from: 'key',
    key: 'id',
    line: `# id: the "id" key (${of(idValues.length, total)}; no file-name number or heading gives the others one)`,
    read: (r) => (typeof r.values.id === 'string' ? r.values.id : undefined),
    ...grammarOf(idValues),
  };
}

/** The prefix the first headings write before the file's number (`# TEP-0090: Matrix`), when most agree. */
function prefixFromHeadings(records: readonly RecordFile[], numberOf: (r: RecordFile) => string | undefined): string | undefined {
  const votes = new Map<string, number>();
  for (const r of records) {
    const n = numberOf(r);
    const m = r.heading === undefined ? null : PREFIXED_NUMBER.exec(r.heading);
    if (n !== undefined && m && Number(m[2]) === Number(n)) votes.set(m[1]!, (votes.get(m[1]!) ?? 0) + 1);
  }
  const [best] = [...votes].sort((a, b) => b[1] - a[1]);
  return best?.[0];
}

/**
 * The ID settings: none when the defaults read every ID; else the grammar given (or read from the
 * IDs: `PREFIX-YYYY-n` or `PREFIX-n`) when it reads every ID.
 */
function grammarOf(
  ids: readonly string[],
  given?: { prefixes: string[]; format: string },
): { grammar?: { prefixes: string[]; format: string } } {
  if (ids.length === 0) return {};
  const defaults = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);
  if (ids.every((id) => defaults.isValid(id))) return {};
  const candidate = given ?? formatOf(ids);
  if (!candidate) return {};
  const grammar = compileIdGrammar(candidate.prefixes, candidate.format);
  return ids.every((id) => grammar.isValid(id)) ? { grammar: candidate } : {};
}

function formatOf(ids: readonly string[]): { prefixes: string[]; format: string } | undefined {
  const withYear = ids.map((id) => /^(.+?)-(\d{4})-(\d+)$/u.exec(id));
  const plain = ids.map((id) => /^(.+?)-(\d+)$/u.exec(id));
  const pick = withYear.every((m) => m) ? withYear : plain.every((m) => m) ? plain : undefined;
  if (!pick) return undefined;
  const prefixes = [...new Set(pick.map((m) => m![1]!))];
  const width = Math.min(...pick.map((m) => m![m!.length - 1]!.length));
  const seq = `{seq${width > 1 ? `:${width}` : ''}}`;
  return { prefixes, format: pick === withYear ? `{prefix}-{year}-${seq}` : `{prefix}-${seq}` };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ── renames, statuses, checks, fields ───────────────────────────────────────────────────────

interface Rename {
  team: string;
  builtIn: string;
  count: number;
}

/** A well-known key renamed when no record has the built-in one and every value fits it. */
function inferRenames(stats: Map<string, KeyStats>, total: number): Rename[] {
  const renames: Rename[] = [];
  for (const [builtIn, candidates] of RENAMES) {
    if (stats.has(builtIn)) continue;
    for (const team of candidates) {
      const s = stats.get(team);
      if (!s || total === 0) continue;
      const fits = builtIn === 'submitted' ? s.dates === s.count : s.strings.size > 0 && sum(s.strings) === s.count;
      if (fits) {
        renames.push({ team, builtIn, count: s.count });
        break;
      }
    }
  }
  return renames;
}

function sum(counts: Map<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/**
 * The team's statuses: each value seen with its guessed stage, in the stages' order (the most
 * common first within one). A value seen in a few files that is close to a common one reads as
 * its misspelling and is left out: the file then gets the error that names the value it means.
 */
function statusLines(key: string, stats: KeyStats | undefined, total: number): string[] {
  if (!stats || stats.strings.size === 0) return [];
  // Records that already write ReqDesk's statuses (or their aliases) keep the built-in list whole.
  const builtIn = enumAt(['status'])!;
  if (key === 'status' && [...stats.strings.keys()].every((v) => builtIn.canonical.includes(v) || builtIn.aliasTo.has(v))) {
    return [`# statuses: ReqDesk's own (${of(stats.count, total)}; values seen: ${[...stats.strings.keys()].map(oneLine).join(', ')})`];
  }
  const values = [...stats.strings].sort((a, b) => b[1] - a[1]);
  const kept: Array<[string, number]> = [];
  const misspelt: Array<[string, number, string]> = [];
  for (const [value, count] of values) {
    const common = values.filter(([, c]) => c > count && c / total > RARE_SHARE).map(([v]) => v);
    const near = count / total <= RARE_SHARE ? closest(value, common) : undefined;
    if (near !== undefined) misspelt.push([value, count, near]);
    else kept.push([value, count]);
  }
  const staged = kept.map(([value, count]) => ({ value, count, stage: stageOfWord(value) }));
  staged.sort((a, b) => STAGE_ORDER.indexOf(a.stage ?? 'new') - STAGE_ORDER.indexOf(b.stage ?? 'new') || b.count - a.count);
  const lines = [`statuses:   # "${oneLine(key)}" in ${of(stats.count, total)}; each mapped to the ReqDesk stage it means`];
  for (const s of staged) {
    const files = `${s.count} ${s.count === 1 ? 'file' : 'files'}`;
    lines.push(`  ${scalar(s.value)}: ${s.stage ?? 'new'}   # ${files}${s.stage ? '' : '; stage guessed (an unknown word)'}`);
  }
  for (const [value, count, near] of misspelt) {
    lines.push(`  # not a status: "${oneLine(value)}" (${count} ${count === 1 ? 'file' : 'files'}) reads as a misspelling of "${near}"`);
  }
  const others = stats.count - sum(stats.strings);
  if (others > 0) lines.push(`  # ${others} ${others === 1 ? 'file has' : 'files have'} a status that is not text`);
  return lines;
}

function checkLines(
  records: readonly RecordFile[],
  stats: Map<string, KeyStats>,
  renames: readonly Rename[],
  idFrom: IdSource['from'],
): string[] {
  const total = records.length;
  if (total === 0) return [];
  const off: string[] = [];
  const optional: string[] = [];
  const why: string[] = [];
  const withEssentials = records.filter((r) => r.essentials).length;
  if (withEssentials * 2 < total) {
    off.push('essentials');
    why.push(`${withEssentials} of ${total} files have the four essential sections`);
  }
  const has = (key: string) => (stats.get(renames.find((r) => r.builtIn === key)?.team ?? key)?.count ?? 0) > 0;
  for (const key of ['type', 'title', 'status', ...(idFrom === 'key' ? ['id'] : [])]) {
    if (!has(key)) {
      optional.push(key);
      why.push(`no file has a "${key}" key`);
    }
  }
  if (!off.length && !optional.length) return [];
  const parts = [...(off.length ? [`off: [${off.join(', ')}]`] : []), ...(optional.length ? [`optional: [${optional.join(', ')}]`] : [])];
  return [`checks: { ${parts.join(', ')} }   # ${why.join('; ')}`];
}

/** The team's own keys with the type all their values have; keys of mixed values stay undeclared. */
function fieldLines(stats: Map<string, KeyStats>, total: number, taken: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  const undeclared: string[] = [];
  for (const [key, s] of stats) {
    if (BUILT_IN_KEYS.has(key) || taken.has(key)) continue;
    const strings = sum(s.strings);
    const counts = of(s.count, total);
    if (s.lists === s.count) lines.push(`  ${scalar(key)}: { type: list }   # ${counts}`);
    else if (s.numbers === s.count) lines.push(`  ${scalar(key)}: { type: number }   # ${counts}`);
    else if (s.dates === s.count) lines.push(`  ${scalar(key)}: { type: date }   # ${counts}`);
    else if (strings === s.count && isEnum(s.strings, s.count)) {
      const values = [...s.strings].sort((a, b) => b[1] - a[1]);
      lines.push(
        `  ${scalar(key)}: { type: enum, values: { ${values.map(([v]) => `${scalar(v)}: null`).join(', ')} } }` +
          `   # ${counts}; values seen: ${values.map(([v, c]) => `${oneLine(v)} (${c})`).join(', ')}`,
      );
    } else if (strings === s.count) lines.push(`  ${scalar(key)}: { type: string }   # ${counts}`);
    else undeclared.push(`${oneLine(key)} (${counts})`);
  }
  if (lines.length) lines.unshift("fields:   # the team's own keys, typed by the values seen");
  if (undeclared.length) lines.push(`# Keys of mixed or nested values, not declared: ${undeclared.join(', ')}.`);
  return lines;
}

function isEnum(values: Map<string, number>, count: number): boolean {
  if (values.size < 2 || values.size > MAX_ENUM_VALUES || count < values.size * 2) return false;
  return [...values.keys()].every((v) => v.trim() !== '' && v.length <= MAX_ENUM_VALUE_LENGTH && !/[\r\n]/.test(v));
}

// ── YAML text ────────────────────────────────────────────────────────────────────────────────

/** A key or value as plain YAML when it reads back as the same string, else single-quoted. */
function scalar(text: string): string {
  const plain = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_.\- \u0080-\uffff]*$/u.test(text) && !/\s$/.test(text);
  const reserved = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i.test(text);
  return plain && !reserved ? text : quoted(text);
}

function quoted(text: string): string {
  return `'${oneLine(text).replace(/'/g, "''")}'`;
}

/** Text from a file inside a comment or a quoted scalar: one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

// ── settings ─────────────────────────────────────────────────────────────────────────────────

function settingsFor(
  base: string,
  records: readonly RecordFile[],
  leftOut: AdoptDraft['leftOut'],
  grammar: IdSource['grammar'],
): AdoptSettings {
  const prefix = base === '' ? '' : `${base}/`;
  const nested = records.some((r) => r.path.slice(prefix.length).includes('/'));
  const include = `${prefix}${nested ? '**/' : ''}*.md`;
  // Only the files the include would take: a README two folders down is not matched by `teps/*.md`.
  const exclude = leftOut
    .map((f) => f.path)
    .filter((p) => p.startsWith(prefix) && p.endsWith('.md') && (nested || !p.slice(prefix.length).includes('/')));
  return {
    include: [include],
    exclude,
    ...(grammar ? { idPrefixes: grammar.prefixes, idFormat: grammar.format } : {}),
  };
}

/**
 * The values to write into the workspace's settings: the include replaces the old one (the
 * records are now here), excludes are added to what is there (or to the defaults, which a written
 * list would otherwise replace), the ID settings replace the old ones.
 */
export function settingsToWrite(draft: AdoptSettings, current: (key: string) => unknown): Record<string, unknown> {
  const existing = current('reqdesk.exclude');
  const before = Array.isArray(existing) ? existing.filter((e): e is string => typeof e === 'string') : [...DEFAULT_SETTINGS.exclude];
  const exclude = [...before, ...draft.exclude.filter((e) => !before.includes(e))];
  return {
    'reqdesk.include': draft.include,
    ...(draft.exclude.length || Array.isArray(existing) ? { 'reqdesk.exclude': exclude } : {}),
    ...(draft.idPrefixes ? { 'reqdesk.id.prefixes': draft.idPrefixes } : {}),
    ...(draft.idFormat ? { 'reqdesk.id.format': draft.idFormat } : {}),
  };
}
