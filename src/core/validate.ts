// Validation of one requirement file: every rule of the record (domain.md) as a list of problems
// with stable codes, exact source ranges and the fixes that apply.
//
// Ranges are only computed when something is wrong: the bulk path loads YAML fast and validates
// the plain values; a problem that needs a place in the front-matter takes it from a line scan of
// the YAML (yamlPositions), made once per file and only when asked. When the scan cannot read the
// front-matter (or the fast load cannot decide), the file is read again with the `yaml` Document,
// which gives the same ranges. Both runs apply the same rules.
import * as z from 'zod';
import * as YAML from 'yaml';
import { outlineRecord, ESSENTIAL_KEYS, type RecordOutline } from './body';
import {
  splitFile,
  loadYamlFast,
  loadYamlCareful,
  loneCrInFrontMatter,
  documentRangeAtPath,
  scanYaml,
  type SplitFile,
} from './frontmatter';
import type { IdGrammar } from './ids';
import { askedByArg, didYouMean, inEntry, word } from './messages';
import { customerKey, requestersOf } from './customers';
import { demandImportance, demandRaise } from './demand';
import { possiblePriorities } from './priority';
import type { Problem, Severity, YamlPath, FixId } from './problems';
import { compareProblems } from './problems';
import { checkDependencies, datesOutOfRange } from './schedule';
import {
  requirementSchema,
  knownKeysAtShape,
  enumAt,
  fieldOfMisplacedValue,
  CHANGE_STAGES,
  CHANGE_STAGE_WORDS,
  normalizeAliases,
  REQUIRED_KEYS,
  STATUSES,
  type Requirement,
} from './schema';
import { isPlaceholder } from './placeholders';
import { verifyingNeeds } from './outcome';
import type { Settings } from './settings';
import { closest, negates, type OffsetRange } from './text';
import { valueAt } from './paths';
import { rangeAtPath, scanYamlPositions, type YamlPositions } from './yamlPositions';
import { adaptRecord, teamKeeps, teamPath, type TeamRules } from './teamSchema';

export interface ValidationContext {
  settings: Settings;
  grammar: IdGrammar;
  /** The team's schema (.reqdesk/schema.yaml) layered on the built-in one; absent: the built-in rules alone. */
  team?: TeamRules | null;
}

/** What a file is analysed as besides its text. */
export interface AnalyzeOptions {
  careful?: boolean;
  /** The file's workspace path: a team schema may read the ID from the file's name. */
  file?: string;
}

export interface RequirementAnalysis {
  split: SplitFile;
  /** The normalised record; fields that failed validation are left out. */
  data: Partial<Requirement>;
  outline: RecordOutline;
  problems: Problem[];
  /** Range of the `id` value, for cross-file problems (duplicate IDs). */
  idRange?: OffsetRange;
  /** The YAML document, when the careful path ran. */
  doc?: YAML.Document.Parsed;
  /** The team's status of the record (its `data.status` is the ReqDesk stage it maps to). */
  teamStatus?: string;
  /**
   * What the fast path read: the front-matter's value and its scanned positions (null: the scan
   * cannot read it), so that today's problems are placed without parsing the YAML again.
   */
  parsed?: {
    value: unknown;
    /** Scans when not yet done. */
    positions: () => YamlPositions | null;
    /** The positions only when validation has already scanned them (undefined: not scanned). */
    scanned: () => YamlPositions | null | undefined;
  };
}

type Locate = (path: YamlPath, part: 'key' | 'value' | 'item') => OffsetRange;

const lenientSchema = requirementSchema.partial();

/** Analyse with ranges only when needed (the index). */
export function analyzeRequirement(input: string, ctx: ValidationContext, options: AnalyzeOptions = {}): RequirementAnalysis {
  const split = splitFile(input, options.careful);
  const outline = outlineRecord(split.text, split.bodyStart);
  if (
    !options.careful &&
    split.frontMatter &&
    split.frontMatter.closed &&
    !split.frontMatter.language &&
    !/\r(?!\n)/.test(split.frontMatter.yaml)
  ) {
    const fm = split.frontMatter;
    // The plain shape is read by the scan, which gives the positions too; js-yaml reads the rest.
    const scanned = scanYaml(fm.yaml);
    const fast = scanned.value !== undefined ? { ok: true as const, value: scanned.value } : loadYamlFast(fm.yaml);
    if (fast.ok) {
      // Scanned on the first problem that needs a place, once, when not yet; null when the scan
      // cannot read it (then the Document places every problem, and the rest of this run only
      // finds them).
      let positions: YamlPositions | null | undefined = scanned.positions;
      let unplaced = false;
      const locate: Locate = (path, part) => {
        if (positions === undefined) positions = scanYamlPositions(fm.yaml) ?? null;
        if (positions === null) {
          unplaced = true;
          return { start: 0, end: 0 };
        }
        const r = rangeAtPath(positions, path, part);
        return firstLine(split.text, { start: fm.yamlStart + r.start, end: fm.yamlStart + r.end });
      };
      const result = validateValues(fast.value, split, outline, ctx, locate, options.file);
      // Problems that need no place in the front-matter (an empty essential: its range is the
      // body's) are what the careful path would find too, from the same values; so are the places
      // the scan gives. The YAML is read again as a Document only when the scan could not place them.
      if (!unplaced) {
        return {
          split,
          outline,
          data: result.data,
          problems: result.problems.sort(compareProblems),
          idRange: findIdRange(split),
          ...(result.teamStatus !== undefined ? { teamStatus: result.teamStatus } : {}),
          parsed: { value: fast.value, positions: () => (positions ??= scanYamlPositions(fm.yaml) ?? null), scanned: () => positions },
        };
      }
    }
  }
  // The careful path reads the file again from the top, with gray-matter and source ranges. The
  // body is outlined again only when gray-matter ends the front-matter elsewhere: the outline
  // depends on nothing but the text and where the body starts.
  const careful = options.careful ? split : splitFile(input, true);
  const sameBody = careful.text === split.text && careful.bodyStart === split.bodyStart;
  return analyzeCarefully(careful, sameBody ? outline : outlineRecord(careful.text, careful.bodyStart), ctx, options.file);
}

function analyzeCarefully(split: SplitFile, outline: RecordOutline, ctx: ValidationContext, file?: string): RequirementAnalysis {
  const fm = split.frontMatter;
  const problems: Problem[] = [];
  const fileLevel = fm?.openRange ?? { start: 0, end: Math.min(split.text.indexOf('\n') >>> 0, split.text.length) };
  const problem = (
    code: Problem['code'],
    severity: Severity,
    args: string[],
    range: OffsetRange,
    extra: Partial<Problem> = {},
  ): Problem => ({
    code,
    severity,
    args,
    range,
    fixes: [],
    ...extra,
  });

  if (!fm) {
    problems.push(problem('frontmatter-missing', 'error', [], { start: 0, end: lineEndAt(split.text, 0) }));
    for (const p of bodyProblems(split, outline, ctx, undefined)) problems.push(p);
    // Without front-matter there are no keys to adapt; the team's checks still apply.
    const team = ctx.team;
    const kept = team ? problems.filter((p) => teamKeeps(team, p)) : problems;
    return { split, outline, data: {}, problems: kept.sort(compareProblems) };
  }
  const loneCr = loneCrInFrontMatter(split);
  if (loneCr >= 0) {
    // Checked before the language: with CR line ends the whole file reads as the opening line.
    problems.push(problem('line-ending-cr', 'error', [], { start: split.text.lastIndexOf('\n', loneCr) + 1, end: loneCr }));
    return { split, outline, data: {}, problems };
  }
  if (fm.language && fm.language !== 'yaml' && fm.language !== 'yml') {
    problems.push(problem('frontmatter-language', 'error', [fm.language], fm.openRange));
    return { split, outline, data: {}, problems };
  }
  if (!fm.closed) {
    // Without its closing line the whole body would be read as YAML: one clear error instead.
    problems.push(problem('frontmatter-unclosed', 'error', [], fm.openRange));
    return { split, outline, data: {}, problems };
  }

  const careful = loadYamlCareful(fm.yaml);
  const shift = (r: OffsetRange): OffsetRange => ({ start: fm.yamlStart + r.start, end: fm.yamlStart + r.end });
  for (const issue of careful.issues) {
    const range = shift(issue.range);
    if (issue.kind === 'syntax') problems.push(problem('yaml-syntax', 'error', [issue.message], range));
    else if (issue.kind === 'custom-tag') problems.push(problem('yaml-custom-tag', 'error', [issue.message], range));
    else if (issue.kind === 'too-deep') problems.push(problem('yaml-too-deep', 'error', [issue.message], range));
    else if (issue.kind === 'alias-undefined') problems.push(problem('yaml-alias-undefined', 'error', [issue.message], range));
    else problems.push(problem('yaml-alias-limit', 'error', [], range));
  }
  if (careful.issues.length > 0) {
    return { split, outline, data: {}, problems: problems.sort(compareProblems), doc: careful.doc };
  }

  const doc = careful.doc;
  const locate: Locate = (path, part) => {
    const r = documentRangeAtPath(doc, path, part);
    return r ? firstLine(split.text, shift(r)) : fileLevel;
  };
  const result = validateValues(careful.value, split, outline, ctx, locate, file);
  // Loops, not push(...): a file can have more problems than a call takes arguments.
  for (const p of result.problems) problems.push(p);
  return {
    split,
    outline,
    data: result.data,
    problems: problems.sort(compareProblems),
    idRange: findIdRange(split),
    doc,
    ...(result.teamStatus !== undefined ? { teamStatus: result.teamStatus } : {}),
  };
}

function lineEndAt(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  const end = i === -1 ? text.length : i;
  return end > offset && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/**
 * Diagnostics read best on one line: clamp a multi-line node to its first line. Only the node's
 * own text is searched, so many problems on one long line cost no more than their ranges.
 */
export function firstLine(text: string, range: OffsetRange): OffsetRange {
  // lineEndAt(text, range.start), looked for only up to range.end.
  let e = range.start;
  while (e <= range.end && e < text.length && text.charCodeAt(e) !== 10) e++;
  const lineEnd = e > range.end ? Infinity : e > range.start && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
  const end = Math.min(range.end, lineEnd);
  return { start: range.start, end: Math.max(end, range.start) };
}

const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isSpaceOrTab = (c: number) => c === 32 || c === 9;

/**
 * The `id` value's range by a line match: cheap enough for every file of the bulk index. As the
 * regular expression /^id[ \t]*:[ \t]*(?:(["'])(.*?)\1|([^#\r\n]*?))[ \t]*(?:#.*)?$/m read it
 * (the first line that starts with `id:`, a quoted value if a closing quote ends it, else the text
 * before a comment or the line's end), without that expression's backtracking, which is quadratic
 * in a long run of blanks.
 */
export function findIdRange(split: SplitFile): OffsetRange | undefined {
  const fm = split.frontMatter;
  if (!fm) return undefined;
  const yaml = fm.yaml;
  for (let lineStart = 0; lineStart <= yaml.length;) {
    if (yaml.startsWith('id', lineStart)) {
      let i = lineStart + 2;
      while (isSpaceOrTab(yaml.charCodeAt(i))) i++;
      if (yaml.charCodeAt(i) === 58 /* : */) {
        let start = i + 1;
        while (isSpaceOrTab(yaml.charCodeAt(start))) start++;
        let end = start;
        while (end < yaml.length && !isLineTerminator(yaml.charCodeAt(end))) end++;
        const found = idValue(yaml, start, end);
        // The position as the expression's match gave it: the value's first occurrence in the match.
        const at = lineStart + yaml.slice(lineStart, end).indexOf(found.quote ? `${found.quote}${found.value}` : found.value);
        return { start: fm.yamlStart + at, end: fm.yamlStart + at + found.value.length + (found.quote ? 2 : 0) };
      }
    }
    let next = lineStart;
    while (next < yaml.length && !isLineTerminator(yaml.charCodeAt(next))) next++;
    if (next >= yaml.length) break;
    lineStart = next + 1;
  }
  return undefined;
}

/** The value of an `id:` line from `start` (after the colon and blanks) to the line's end. */
function idValue(yaml: string, start: number, end: number): { quote: string; value: string } {
  const q = yaml.charCodeAt(start);
  if (q === 34 || q === 39) {
    // A closing quote followed only by blanks, then a comment or the line's end.
    for (let c = yaml.indexOf(yaml[start]!, start + 1); c !== -1 && c < end; c = yaml.indexOf(yaml[start]!, c + 1)) {
      let k = c + 1;
      while (isSpaceOrTab(yaml.charCodeAt(k))) k++;
      if (k >= end || yaml.charCodeAt(k) === 35 /* # */) return { quote: yaml[start]!, value: yaml.slice(start + 1, c) };
    }
  }
  let stop = start;
  while (stop < end && yaml.charCodeAt(stop) !== 35) stop++;
  while (stop > start && isSpaceOrTab(yaml.charCodeAt(stop - 1))) stop--;
  return { quote: '', value: yaml.slice(start, stop) };
}

function describeType(value: unknown): string {
  if (value === null) return word('null');
  if (Array.isArray(value)) return word('array');
  if (typeof value === 'object') return word('object');
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return word(typeof value);
}

function pathLabel(path: readonly PropertyKey[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface ValuesResult {
  data: Partial<Requirement>;
  problems: Problem[];
  teamStatus?: string;
}

/**
 * A team's record: its front-matter adapted to the built-in one (renamed keys, the ID, the stage),
 * the built-in rules run on that, and every problem placed on the key the file has; the team's
 * own findings (its statuses and fields) are added, the checks it turned off dropped.
 */
function validateWithTeam(
  team: TeamRules,
  raw: Record<string, unknown>,
  split: SplitFile,
  outline: RecordOutline,
  ctx: ValidationContext,
  locate: Locate,
  file: string | undefined,
): ValuesResult {
  const adapted = adaptRecord(team, raw, {
    ...(file !== undefined ? { file } : {}),
    ...(outline.title ? { heading: outline.title.text } : {}),
  });
  const onTeamKeys: Locate = (path, part) => locate(teamPath(team, path), part);
  const result = validateValues(adapted.raw, split, outline, { ...ctx, team: null }, onTeamKeys);
  const problems: Problem[] = [];
  for (const p of result.problems) {
    if (p.code === 'required-missing' && p.path?.length === 1 && adapted.reported.has(String(p.path[0]))) continue;
    if (!teamKeeps(team, p)) continue;
    problems.push(p.path ? { ...p, path: teamPath(team, p.path) } : p);
  }
  for (const f of adapted.findings) {
    if (f.code === 'required-missing' && f.path.length === 1 && team.optional.has(String(f.path[0]))) continue;
    if (team.checksOff.has(f.code)) continue;
    problems.push({
      code: f.code,
      severity: f.severity,
      args: f.args,
      range: locate(f.path, f.part),
      path: f.path,
      fixes: f.fixes,
      ...(f.data ? { data: f.data } : {}),
    });
  }
  return { data: result.data, problems, ...(adapted.teamStatus !== undefined ? { teamStatus: adapted.teamStatus } : {}) };
}

/** Milestones that must not come after the next one: a start after the planned end is wrong, a late feedback date doubtful. */
const MILESTONE_ORDER = [
  ['start', 'planned_done', 'error'],
  ['planned_done', 'feedback_due', 'warning'],
] as const;

function validateValues(
  raw: unknown,
  split: SplitFile,
  outline: RecordOutline,
  ctx: ValidationContext,
  locate: Locate,
  file?: string,
): ValuesResult {
  const team = ctx.team;
  if (team && isPlainObject(raw)) return validateWithTeam(team, raw, split, outline, ctx, locate, file);

  const problems: Problem[] = [];
  const add = (
    code: Problem['code'],
    severity: Severity,
    args: string[],
    path: YamlPath,
    part: 'key' | 'value',
    fixes: FixId[] = [],
    data?: Record<string, string>,
  ) => {
    problems.push({ code, severity, args, range: locate(path, part), path, fixes, ...(data ? { data } : {}) });
  };

  if (raw === undefined || raw === null) raw = {};
  if (!isPlainObject(raw)) {
    problems.push({
      code: 'frontmatter-not-mapping',
      severity: 'error',
      args: [describeType(raw)],
      range: locate([], 'value'),
      fixes: [],
    });
    return { data: {}, problems };
  }

  // Schema: types, enums, dates, ranges, required keys.
  const parsed = requirementSchema.safeParse(raw);
  let data: Partial<Requirement>;
  if (parsed.success) {
    data = parsed.data;
  } else {
    // One value can fail two checks with the same message (a huge integer is both above 5 and
    // above the safe integers): each problem is reported once.
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      for (const p of problemsFromIssue(issue, raw, locate)) {
        const key = JSON.stringify([p.code, p.path, p.args]);
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(p);
      }
    }
    data = lenientData(raw);
  }

  unknownKeys(raw, [], add);
  let aliases = normalizeAliases(data as Record<string, unknown>);
  // Invalid list items are left out of lenient data, which shifts indexes: locate on the raw values.
  if (aliases.length > 0 && !parsed.success) aliases = normalizeAliases(raw, false);
  for (const use of aliases) {
    add('enum-alias', 'hint', [use.alias, use.value], use.path, 'value', ['normalize-alias'], { value: use.value });
  }
  recordRules(raw, data, ctx, add);
  for (const p of bodyProblems(split, outline, ctx, locate, typeof raw.title === 'string' ? raw.title : undefined, raw.status))
    problems.push(p);
  return { data, problems };
}

function problemsFromIssue(issue: z.core.$ZodIssue, raw: unknown, locate: Locate): Problem[] {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const value = valueAt(raw, path);
  const label = pathLabel(path);
  const base = (
    code: Problem['code'],
    args: string[],
    part: 'key' | 'value' = 'value',
    fixes: FixId[] = [],
    data?: Record<string, string>,
  ): Problem => ({
    code,
    severity: 'error',
    args,
    range: locate(path, part),
    path,
    fixes,
    ...(data ? { data } : {}),
  });
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    const key = String(path[path.length - 1] ?? '');
    // An entry's missing key says which entry: "date" is missing from contacts[1], not from the record.
    const entry = path.length > 1 ? [inEntry(pathLabel(path.slice(0, -1)))] : [];
    return [base('required-missing', [key, ...entry], 'key', ['add-required-key'], { key })];
  }
  switch (issue.code) {
    case 'invalid_value': {
      if (typeof value !== 'string') return [base('type-mismatch', [label, word('string'), describeType(value)])];
      const info = enumAt(path);
      const options = info ? info.canonical : issue.values.map(String);
      // A value of a sibling axis (`type: 非功能需求` is a category) is moved, not replaced by a
      // look-alike: 非功能需求 is one edit from 功能需求 and means the opposite.
      // `decision: implemented` names a later stage, which has its own date field.
      const stage = path.length === 3 && path[0] === 'changes' && path[2] === 'decision' ? CHANGE_STAGE_WORDS[value] : undefined;
      if (stage) return [base('change-stage-as-decision', [value, options.join(', '), pathLabel([...path.slice(0, 2), stage])])];
      const misplaced = fieldOfMisplacedValue(path, value);
      if (misplaced) {
        return [
          base('value-in-other-field', [label, value, misplaced.field, options.join(', ')], 'value', ['move-value'], {
            field: misplaced.field,
            value: misplaced.value,
          }),
        ];
      }
      const candidates = (info ? [...info.canonical, ...info.aliasTo.keys()] : options).filter((c) => !negates(value, c));
      const suggestion = closest(value, candidates);
      const canonicalSuggestion = suggestion === undefined ? undefined : (info?.aliasTo.get(suggestion) ?? suggestion);
      return [
        base(
          'enum-unknown',
          [label, value, options.join(', '), didYouMean(canonicalSuggestion)],
          'value',
          canonicalSuggestion ? ['replace-value'] : [],
          canonicalSuggestion ? { value: canonicalSuggestion } : undefined,
        ),
      ];
    }
    case 'invalid_format':
      if (issue.format === 'date') return [base('date-invalid', [label, describeType(value)])];
      return [base('type-mismatch', [label, word(issue.format), describeType(value)])];
    case 'too_small':
    case 'too_big':
      return [base('value-out-of-range', [label, word(path[path.length - 1] === 'days' ? 'at-least-0' : '1-to-5'), String(value)])];
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      return [base('type-mismatch', [label, word(expected), describeType(value)])];
    }
    case 'invalid_union':
      return [base('type-mismatch', [label, word('string-or-list'), describeType(value)])];
    default:
      return [base('type-mismatch', [label, issue.message, describeType(value)])];
  }
}

/** What is valid of an invalid record: failing leaves are dropped until the rest parses. */
function lenientData(raw: Record<string, unknown>): Partial<Requirement> {
  const copy = structuredClone(raw);
  for (let round = 0; round < 8; round++) {
    const result = lenientSchema.safeParse(copy);
    if (result.success) return result.data as Partial<Requirement>;
    // Every target is found before anything is removed, and list items go from the highest index
    // down: removing one item must not shift the paths of the others.
    const targets = new Map<string, (string | number)[]>();
    for (const issue of result.error.issues) {
      const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      // A missing required key inside an item invalidates the item, not the whole list.
      const target = valueAt(copy, path) === undefined ? path.slice(0, -1) : path;
      const chosen = target.length === 0 ? path.slice(0, 1) : target;
      targets.set(JSON.stringify(chosen), chosen);
    }
    // List items are blanked first and the lists closed up once each, so that removing many
    // items of one list costs one pass over it, not one per item.
    const blanked = new Set<unknown[]>();
    for (const target of [...targets.values()].sort(comparePathsDescending)) removeAt(copy, target, blanked);
    for (const list of blanked) closeUp(list);
  }
  return {};
}

/** Deeper and later paths first: list indexes compare as numbers, from the highest down. */
function comparePathsDescending(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y).localeCompare(String(x));
  }
  return b.length - a.length;
}

/** Removes the value at `path`: a list item is blanked (undefined) and its list noted in `blanked`. */
function removeAt(root: Record<string, unknown>, path: readonly (string | number)[], blanked: Set<unknown[]>): void {
  if (path.length === 0) return;
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (last < parent.length) parent[last] = undefined;
  } else if (isPlainObject(parent)) delete parent[String(last)];
  // Holes left by removed items are closed (closeUp) so that later rounds see a clean list.
  if (Array.isArray(parent)) blanked.add(parent);
}

/** Closes a list's holes in place, in one pass. */
function closeUp(list: unknown[]): void {
  let kept = 0;
  for (const item of list) if (item !== undefined) list[kept++] = item;
  list.length = kept;
}

type Add = (
  code: Problem['code'],
  severity: Severity,
  args: string[],
  path: YamlPath,
  part: 'key' | 'value',
  fixes?: FixId[],
  data?: Record<string, string>,
) => void;

/** Near-miss keys get a "did you mean"; any other unknown key is the user's own and stays silent. */
function unknownKeys(value: unknown, path: YamlPath, add: Add, shape = ''): void {
  if (Array.isArray(value)) {
    const itemShape = shape === '' ? '[]' : `${shape}.[]`;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') unknownKeys(item, [...path, i], add, itemShape);
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const known = knownKeysAtShape(shape);
  if (known.length === 0) return;
  // The known keys this map lacks: the same for each of its unknown keys, so found once.
  let missing: string[] | undefined;
  for (const key in value) {
    if (known.includes(key)) {
      const child = value[key];
      // Only maps and lists can hold further keys: skip the path copy for scalars.
      if (child !== null && typeof child === 'object') unknownKeys(child, [...path, key], add, shape === '' ? key : `${shape}.${key}`);
      continue;
    }
    missing ??= known.filter((k) => !(k in value));
    const suggestion = closest(key, missing);
    if (suggestion) add('key-near-miss', 'warning', [key, suggestion], [...path, key], 'key', ['rename-key'], { key: suggestion });
  }
}

function recordRules(raw: Record<string, unknown>, data: Partial<Requirement>, ctx: ValidationContext, add: Add): void {
  const { settings, grammar } = ctx;
  if (typeof data.id === 'string' && !grammar.isValid(data.id)) {
    add('id-malformed', 'error', [data.id, settings.idFormat, settings.idPrefixes.join(' / ')], ['id'], 'value');
  }
  mergedIdRules(raw, grammar, settings, add);

  // With reqdesk.priority.demand on, the derived priority counts importance as demand raises it.
  const written = data.scores?.importance;
  const importance = demandImportance(data, settings.demand);
  const urgency = data.scores?.urgency;
  const possible = possiblePriorities(importance, urgency, settings.priorityThreshold);
  const hasReason = typeof raw.priority_reason === 'string' && raw.priority_reason.trim() !== '';
  if (data.priority && !possible.includes(data.priority) && !hasReason) {
    const derived = possible.length === 1 ? possible[0]! : undefined;
    add(
      'priority-mismatch',
      'warning',
      [
        data.priority,
        importance === undefined ? '?' : importance === written ? String(importance) : `${written}→${importance}`,
        urgency === undefined ? '?' : String(urgency),
        possible.join('/'),
      ],
      ['priority'],
      'value',
      derived ? ['set-derived-priority'] : [],
      derived ? { priority: derived } : undefined,
    );
  }

  const raise = demandRaise(data, settings.demand, settings.priorityThreshold);
  if (raise) {
    add(
      'importance-raised-by-demand',
      'hint',
      [String(raise.from), String(raise.to), raise.derived, askedByArg(raise.reason)],
      ['scores', 'importance'],
      'value',
      ['write-raised-importance'],
      { importance: String(raise.to) },
    );
  }
  contactRules(raw, add);

  if (data.strategy === 'declined' && !(typeof raw.decline_reason === 'string' && raw.decline_reason.trim())) {
    add('decline-reason-missing', 'error', [], ['strategy'], 'value', ['add-decline-reason']);
  }
  closingRules(raw, data, add);
  outcomeRules(raw, data, add);
  changeRules(raw, add);
  placeholderRules(raw, data, settings.placeholders, add);

  const m = data.milestones;
  for (const [earlier, later, severity] of MILESTONE_ORDER) {
    const from = m?.[earlier];
    const to = m?.[later];
    if (from && to && from > to) {
      add('date-order', severity, [`milestones.${earlier}`, from, `milestones.${later}`, to], ['milestones', later], 'value');
    }
  }

  taskRules(raw, ctx, add);
}

/**
 * A contact names its customer only to say which of the record's customers it was with: a name
 * that is none of them (a typo, a customer never added to requesters) would log the contact for no
 * one, and the customer's cadence would still count from an older touch.
 */
function contactRules(raw: Record<string, unknown>, add: Add): void {
  if (!Array.isArray(raw.contacts)) return;
  const requesters = requestersOf(raw as Parameters<typeof requestersOf>[0]);
  const keys = new Set(requesters.map((r) => r.key));
  const names = requesters.length ? requesters.map((r) => r.name).join(', ') : word('no-customers');
  raw.contacts.forEach((entry: unknown, i) => {
    if (!isPlainObject(entry) || typeof entry.customer !== 'string' || entry.customer.trim() === '') return;
    if (!keys.has(customerKey(entry.customer)))
      add('contact-customer-unknown', 'warning', [entry.customer, names], ['contacts', i, 'customer'], 'value');
  });
}

/**
 * `merged_ids` lists the IDs of requirements folded into this one, so that commits and links
 * naming them still lead here: each must be an ID of the configured format, and not the record's
 * own. (That another record holds one, or claims it merged too, is the index's cross-file rule.)
 */
function mergedIdRules(raw: Record<string, unknown>, grammar: IdGrammar, settings: Settings, add: Add): void {
  if (!Array.isArray(raw.merged_ids)) return;
  raw.merged_ids.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string') return; // a type mismatch, reported by the schema
    const id = entry.trim();
    if (!grammar.isValid(id))
      add('merged-id-malformed', 'error', [entry, settings.idFormat, settings.idPrefixes.join(' / ')], ['merged_ids', i], 'value');
    else if (id === raw.id) add('merged-id-self', 'error', [id], ['merged_ids', i], 'value');
  });
}

/**
 * Closing closes the loop the seed describes (执行与反馈): the customer's feedback is recorded, or
 * why none was collected, and a solved requirement leaves its lessons (记录成功经验). A closed
 * record is *solved* unless its strategy says it was declined: `closed` means done and archived.
 */
/** What closing a record still asks for: why no feedback was collected, and lessons (when solved). */
export function closingNeeds(record: { feedback?: unknown; no_feedback_reason?: unknown; lessons?: unknown; strategy?: unknown }): {
  noFeedbackReason: boolean;
  lessons: boolean;
} {
  const hasText = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  const feedback = Array.isArray(record.feedback) ? record.feedback : [];
  return {
    noFeedbackReason: feedback.length === 0 && !hasText(record.no_feedback_reason),
    lessons: record.strategy !== 'declined' && !hasText(record.lessons),
  };
}

function closingRules(raw: Record<string, unknown>, data: Partial<Requirement>, add: Add): void {
  if (data.status !== 'closed') return;
  const needs = closingNeeds({ ...raw, strategy: data.strategy });
  if (needs.noFeedbackReason) add('closed-without-feedback', 'warning', [], ['status'], 'value', ['add-no-feedback-reason']);
  if (needs.lessons) add('closed-without-lessons', 'warning', [], ['status'], 'value', ['add-lessons']);
}

/** The statuses after the customer's verification: a record in them says how far it met the need. */
const VERIFIED_STATUSES: ReadonlySet<string> = new Set(['verified', 'closed']);

/**
 * The outcome (实现效果): a verified or closed record records its degree met (an unknown one is
 * already an enum problem), and a degree `declined` says why in decline_reason, as a declined
 * strategy does — a warning here, since the requirement was planned and its outcome is a fact.
 */
function outcomeRules(raw: Record<string, unknown>, data: Partial<Requirement>, add: Add): void {
  if (data.status !== undefined && VERIFIED_STATUSES.has(data.status) && verifyingNeeds(raw).degree) {
    add('outcome-degree-missing', 'warning', [data.status], ['status'], 'value');
  }
  const hasReason = typeof raw.decline_reason === 'string' && raw.decline_reason.trim() !== '';
  if (data.outcome?.degree === 'declined' && data.strategy !== 'declined' && !hasReason) {
    add('outcome-declined-no-reason', 'warning', [], ['outcome', 'degree'], 'value', ['add-decline-reason']);
  }
}

const isIsoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Change requests go request → decision → implementation → feedback (the guide's 变更管理): each
 * stage's date is not before the one before it, a rejected change is not implemented, an
 * implemented one was decided, and an approved one is fed back once implemented. Each problem sits
 * on the date that breaks the order. Read from the raw entries: an invalid field of one entry must
 * not shift the indexes of the others.
 */
function changeRules(raw: Record<string, unknown>, add: Add): void {
  if (!Array.isArray(raw.changes)) return;
  raw.changes.forEach((change: unknown, i) => {
    if (!isPlainObject(change)) return;
    const label = pathLabel(['changes', i]);
    let earlier: { field: string; date: string } | undefined;
    for (const field of CHANGE_STAGES) {
      const date = change[field];
      if (!isIsoDate(date)) continue;
      if (earlier && date < earlier.date) {
        add('change-stage-order', 'error', [label, field, date, earlier.field, earlier.date], ['changes', i, field], 'value');
      }
      if (!earlier || date >= earlier.date) earlier = { field, date };
    }
    const decision =
      typeof change.decision === 'string'
        ? (enumAt(['changes', i, 'decision'])?.aliasTo.get(change.decision) ?? change.decision)
        : undefined;
    const implemented = change.implemented;
    if (isIsoDate(implemented)) {
      if (decision === 'rejected')
        add('change-implemented-rejected', 'error', [label, implemented], ['changes', i, 'implemented'], 'value');
      else if (decision === undefined || decision === 'pending') {
        add('change-implemented-undecided', 'warning', [label, implemented], ['changes', i, 'implemented'], 'value');
      }
    } else if (decision === 'approved' && isIsoDate(change.fed_back)) {
      add('change-fed-back-unimplemented', 'warning', [label, change.fed_back], ['changes', i, 'fed_back'], 'value');
    }
  });
}

/**
 * Text that is still a placeholder (TODO, 待填写…) where a value is required: reported with the
 * severity its absence would have, on the value. Text fields only; a placeholder in an enum or a
 * date is already an unknown value.
 */
function placeholderRules(raw: Record<string, unknown>, data: Partial<Requirement>, placeholders: readonly string[], add: Add): void {
  const check = (value: unknown, path: YamlPath, severity: Severity) => {
    if (typeof value === 'string' && value.trim() !== '' && isPlaceholder(value, placeholders)) {
      add('placeholder', severity, [pathLabel(path), value.trim()], path, 'value');
    }
  };
  check(raw.title, ['title'], 'error');
  if (isPlainObject(raw.customer)) check(raw.customer.name, ['customer', 'name'], 'error');
  if (data.strategy === 'declined') check(raw.decline_reason, ['decline_reason'], 'error');
  if (data.outcome?.degree === 'declined' && data.strategy !== 'declined') check(raw.decline_reason, ['decline_reason'], 'warning');
  // A measured effect that is still filler would be reported as the effect.
  if (isPlainObject(raw.outcome)) {
    check(raw.outcome.measured, ['outcome', 'measured'], 'warning');
    check(raw.outcome.note, ['outcome', 'note'], 'warning');
  }
  if (data.status === 'closed') {
    if (!(Array.isArray(raw.feedback) && raw.feedback.length > 0)) check(raw.no_feedback_reason, ['no_feedback_reason'], 'warning');
    if (data.strategy !== 'declined') check(raw.lessons, ['lessons'], 'warning');
  }
  const items = (list: unknown, key: string, name: string) => {
    if (Array.isArray(list)) list.forEach((item, i) => isPlainObject(item) && check(item[key], [name, i, key], 'error'));
  };
  items(raw.tasks, 'title', 'tasks');
  items(raw.changes, 'request', 'changes');
}

function taskRules(raw: Record<string, unknown>, ctx: ValidationContext, add: Add): void {
  const rawTasks = raw.tasks;
  if (!Array.isArray(rawTasks)) return;
  const seen = new Map<string, number>();
  const inputs: Array<{ id: string; start?: string; depends?: string[]; days?: number; index: number }> = [];
  rawTasks.forEach((task, index) => {
    if (!isPlainObject(task) || typeof task.id !== 'string') return;
    const id = task.id;
    if (seen.has(id)) add('task-duplicate-id', 'error', [id], ['tasks', index, 'id'], 'value');
    else seen.set(id, index);
    const depends =
      typeof task.depends === 'string'
        ? [task.depends]
        : Array.isArray(task.depends)
          ? task.depends.filter((d): d is string => typeof d === 'string')
          : undefined;
    const start = typeof task.start === 'string' ? task.start : undefined;
    if (start === undefined && (depends === undefined || depends.length === 0)) {
      add('task-no-schedule', 'error', [id], ['tasks', index, 'id'], 'value');
    }
    inputs.push({
      id,
      index,
      ...(start ? { start } : {}),
      ...(depends ? { depends } : {}),
      ...(typeof task.days === 'number' ? { days: task.days } : {}),
    });
  });
  if (inputs.length === 0) return;
  const result = checkDependencies(inputs);
  // Lookups by id and by dependency, built once: a record with many tasks and many unknown
  // dependencies stays linear.
  const firstInput = new Map<string, (typeof inputs)[number]>();
  for (const input of inputs) if (!firstInput.has(input.id)) firstInput.set(input.id, input);
  const dependencyIndexes = new Map<number, Map<unknown, number>>();
  const indexOfDependency = (taskIndex: number, depends: unknown[], dependency: string): number => {
    let indexes = dependencyIndexes.get(taskIndex);
    if (!indexes) {
      indexes = new Map();
      depends.forEach((d, i) => {
        if (!indexes!.has(d)) indexes!.set(d, i);
      });
      dependencyIndexes.set(taskIndex, indexes);
    }
    return indexes.get(dependency) ?? -1;
  };
  for (const { task, dependency } of result.unknownDependencies) {
    const input = firstInput.get(task);
    if (!input) continue;
    const rawDepends = (rawTasks[input.index] as Record<string, unknown>).depends;
    const path: YamlPath = Array.isArray(rawDepends)
      ? ['tasks', input.index, 'depends', indexOfDependency(input.index, rawDepends, dependency)]
      : ['tasks', input.index, 'depends'];
    add('task-unknown-dependency', 'error', [task, dependency], path, 'value', ['remove-dependency'], { task, dependency });
  }
  for (const cycle of result.cycles) {
    const first = firstInput.get(cycle[0]!);
    if (!first) continue;
    add('task-dependency-cycle', 'error', [[...cycle, cycle[0]].join(' → ')], ['tasks', first.index, 'depends'], 'key');
  }
  // Dates past 9999-12-31 cannot be written: said on the value that pushes the task there.
  for (const id of datesOutOfRange(inputs, { workdays: ctx.settings.workdays, holidays: ctx.settings.holidays })) {
    const input = inputs.find((t) => t.id === id);
    if (!input) continue;
    const field = input.days !== undefined ? 'days' : input.start !== undefined ? 'start' : 'id';
    add('task-date-out-of-range', 'error', [id], ['tasks', input.index, field], 'value');
  }
}

/**
 * How an empty essential section counts: information while the record is `new` (a record just
 * written from the template has had no chance to fill them in; the Problems panel still lists
 * them), a warning from the first step of the workflow on. A missing section, or one holding only
 * placeholder text, is a warning from the start: someone removed the section or wrote filler.
 */
export function emptyEssentialSeverity(status: unknown): Severity {
  const isNew = status === 'new' || (typeof status === 'string' && (STATUSES.new.aliases as readonly string[]).includes(status));
  return isNew ? 'info' : 'warning';
}

/** The four essentials and vague wording (title and essentials). */
function bodyProblems(
  split: SplitFile,
  outline: RecordOutline,
  ctx: ValidationContext,
  locate: Locate | undefined,
  title?: string,
  status?: unknown,
): Problem[] {
  const problems: Problem[] = [];
  const at = outline.title?.range ?? { start: split.bodyStart, end: lineEndAt(split.text, split.bodyStart) };
  const emptySeverity = emptyEssentialSeverity(status);
  for (const key of ESSENTIAL_KEYS) {
    const section = outline.sections.find((s) => s.key === key);
    if (!section) problems.push({ code: 'essential-missing', severity: 'warning', args: [`@essential:${key}`], range: at, fixes: [] });
    else if (section.empty)
      problems.push({
        code: 'essential-empty',
        severity: emptySeverity,
        args: [`@essential:${key}`],
        range: section.heading.range,
        fixes: [],
      });
    else {
      // A section that holds only a placeholder is as empty as one that holds nothing.
      const content = split.text.slice(section.content.start, section.content.end);
      const text = content.trim();
      // Placeholders are short: a long section is never one, and is not folded to find out.
      if (text.length <= 200 && isPlaceholder(text, ctx.settings.placeholders)) {
        const start = section.content.start + content.indexOf(text);
        problems.push({
          code: 'placeholder',
          severity: 'warning',
          args: [`@essential:${key}`, text],
          range: { start, end: start + text.length },
          fixes: [],
        });
      }
    }
  }
  const matcher = vagueMatcher(ctx.settings.vagueWords);
  if (!matcher) return problems;
  const scan = (textStart: number, textEnd: number, source: string) => {
    matcher.lastIndex = 0;
    for (let m = matcher.exec(source); m; m = matcher.exec(source)) {
      const start = textStart + m.index;
      problems.push({
        code: 'vague-wording',
        severity: 'warning',
        args: [m[0]],
        range: { start, end: Math.min(textEnd, start + m[0].length) },
        fixes: [],
      });
    }
  };
  for (const section of outline.sections) {
    scan(section.content.start, section.content.end, split.text.slice(section.content.start, section.content.end));
  }
  // The title's range is only looked up when it holds a vague phrase: locating forces the careful path.
  matcher.lastIndex = 0;
  if (title && matcher.test(title)) {
    const range = locate ? locate(['title'], 'value') : { start: 0, end: 0 };
    const inFile = split.text.slice(range.start, range.end);
    const offset = inFile.indexOf(title);
    if (offset >= 0) scan(range.start + offset, range.start + offset + title.length, title);
    else scan(range.start, range.end, inFile || title);
  }
  return problems;
}

const vagueMatchers = new WeakMap<readonly string[], RegExp | null>();

/**
 * One regular expression for all vague phrases, longest first so that 希望能更方便 wins over 更方便.
 * ASCII phrases match whole words only ("easier" is not inside "teasier"); CJK phrases anywhere.
 */
function vagueMatcher(words: readonly string[]): RegExp | null {
  let matcher = vagueMatchers.get(words);
  if (matcher !== undefined) return matcher;
  const alternatives = [...new Set(words.map((w) => w.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const before = /^[A-Za-z0-9_]/.test(w) ? '(?<![A-Za-z0-9_])' : '';
      const after = /[A-Za-z0-9_]$/.test(w) ? '(?![A-Za-z0-9_])' : '';
      return `${before}${escaped}${after}`;
    });
  matcher = alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : null;
  vagueMatchers.set(words, matcher);
  return matcher;
}

export { REQUIRED_KEYS };
