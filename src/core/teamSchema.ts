// A team's own schema (`.reqdesk/schema.yaml`), layered on the built-in one: where the ID comes
// from, keys renamed to ReqDesk's, the team's statuses (each mapped to a ReqDesk stage), fields of
// its own and the checks that do not apply. Parsing gives either the effective rules or problems on
// the schema file's own ranges; the caller then keeps the built-in schema and says so.
//
// A record is not rewritten: its raw front-matter is adapted (renamed keys, the ID, the stage) before
// the built-in rules run, and every problem is placed back on the key the file really has.
import * as z from 'zod';
import { documentRangeAtPath, loadYamlCareful } from './frontmatter';
import { localizable, type Localizable } from './l10n';
import { PROBLEM_MESSAGES, type ProblemCode } from './messages';
import type { Problem, Severity, YamlPath } from './problems';
import { requirementSchema, REQUIRED_KEYS, STATUSES, type Status } from './schema';
import { closest, type OffsetRange } from './text';
import type { FieldChange } from './edits';

/** Where the team schema lives, relative to the workspace's root. */
export const TEAM_SCHEMA_FILE = '.reqdesk/schema.yaml';

/** Check groups `checks.off` accepts besides problem codes. */
const CHECK_GROUPS: Readonly<Record<string, readonly ProblemCode[]>> = {
  essentials: ['essential-missing', 'essential-empty'],
};

export type TeamFieldType = 'string' | 'number' | 'date' | 'list' | 'enum';

/** A value of a team enum: what it means in each language, and the other words accepted for it. */
export interface TeamValue {
  aliases: string[];
  en?: string;
  zh?: string;
}

export interface TeamField {
  type: TeamFieldType;
  required: boolean;
  /** Enum values in the file's order (enum fields only). */
  values: Map<string, TeamValue>;
  /** Alias → value. */
  aliasTo: Map<string, string>;
  label?: { en?: string; zh?: string };
  description?: { en?: string; zh?: string };
}

export interface TeamStatus extends TeamValue {
  stage: Status;
}

/** The effective rules of a valid team schema. */
export interface TeamRules {
  /** The schema file's text: what caches of validation results are keyed on. */
  source: string;
  id: { from: 'key' | 'file-name' | 'heading'; key: string; pattern?: RegExp; template: string };
  /** The team's key → the built-in key it stands for. */
  rename: Map<string, string>;
  /** The built-in key → the team's key (to place problems on the key the file has). */
  renamedFrom: Map<string, string>;
  /** The team's statuses in the file's order, or undefined to keep the built-in list. */
  statuses?: Map<string, TeamStatus>;
  statusAliasTo: Map<string, string>;
  fields: Map<string, TeamField>;
  checksOff: Set<string>;
  /** Built-in required keys a record may leave out. */
  optional: Set<string>;
}

export interface TeamSchemaProblem {
  severity: Severity;
  message: Localizable;
  /** Offsets into the schema file's text. */
  range: OffsetRange;
}

export type TeamSchemaResult = { ok: true; rules: TeamRules } | { ok: false; problems: TeamSchemaProblem[] };

/** The message shown beside a broken schema file's problems. */
export const USING_BUILT_IN = localizable('The team schema {0} has errors: ReqDesk uses the built-in schema until they are fixed.');

/** Shown on the schema file of a later workspace folder: one team schema rules the whole workspace. */
export const SCHEMA_NOT_USED = localizable(
  'This team schema is not used: ReqDesk reads one team schema per workspace, from the first folder that has one ({0}).',
);

const STAGES = Object.keys(STATUSES) as [Status, ...Status[]];
const BUILT_IN_KEYS = new Set(Object.keys(requirementSchema.shape));
const FIELD_TYPES = ['string', 'number', 'date', 'list', 'enum'] as const;

const inLanguages = z.strictObject({ en: z.string().optional(), 'zh-cn': z.string().optional() });
const aliases = z.array(z.string()).optional();
const valueEntry = z.union([z.null(), z.string(), z.strictObject({ aliases, en: z.string().optional(), 'zh-cn': z.string().optional() })]);
const statusEntry = z.union([
  z.enum(STAGES),
  z.strictObject({ stage: z.enum(STAGES), aliases, en: z.string().optional(), 'zh-cn': z.string().optional() }),
]);
const fieldEntry = z.strictObject({
  type: z.enum(FIELD_TYPES),
  values: z.record(z.string(), valueEntry).optional(),
  required: z.boolean().optional(),
  label: inLanguages.optional(),
  description: inLanguages.optional(),
});
const fileSchema = z.strictObject({
  id: z
    .strictObject({
      from: z.enum(['key', 'file-name', 'heading']),
      key: z.string().optional(),
      pattern: z.string().optional(),
      template: z.string().optional(),
    })
    .optional(),
  rename: z.record(z.string(), z.string()).optional(),
  statuses: z.record(z.string(), statusEntry).optional(),
  fields: z.record(z.string(), fieldEntry).optional(),
  checks: z.strictObject({ off: z.array(z.string()).optional(), optional: z.array(z.enum(REQUIRED_KEYS)).optional() }).optional(),
});
type SchemaFile = z.output<typeof fileSchema>;

/** Reads a team schema file's text: the effective rules, or every problem on its range. */
export function parseTeamSchema(text: string): TeamSchemaResult {
  const yaml = loadYamlCareful(text);
  const problems: TeamSchemaProblem[] = [];
  // The parser places an unclosed quote or bracket one past the end of a text without a final line break.
  const inText = (n: number) => Math.max(0, Math.min(n, text.length));
  const error = (range: OffsetRange, message: Localizable) =>
    problems.push({ severity: 'error', message, range: { start: inText(range.start), end: inText(range.end) } });
  for (const issue of yaml.issues) {
    if (issue.kind === 'syntax') error(issue.range, localizable('YAML error in the team schema: {0}', issue.message));
    else
      error(
        issue.range,
        localizable('The team schema uses YAML that is not read here: a custom tag, too many aliases or too deep nesting.'),
      );
  }
  if (problems.length) return { ok: false, problems };
  const fileStart: OffsetRange = { start: 0, end: Math.max(0, text.indexOf('\n')) };
  // Problems read best on one line: a multi-line node is clamped to its first line.
  const at = (path: YamlPath, part: 'key' | 'value' = 'value') => {
    const r = documentRangeAtPath(yaml.doc, path, part) ?? fileStart;
    const lineEnd = text.slice(r.start, r.end).search(/\r?\n/);
    return lineEnd === -1 ? r : { start: r.start, end: r.start + lineEnd };
  };
  const value = yaml.value ?? {};
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) error(at([...path, key], 'key'), localizable('Unknown key "{0}" in the team schema.', key));
      } else if (issue.code === 'invalid_value') {
        error(at(path), localizable('"{0}" must be one of: {1}.', label(path), issue.values.map(String).join(', ')));
      } else if (issue.code === 'invalid_union' && path[0] === 'statuses') {
        error(at(path), localizable('"{0}" must be a ReqDesk stage ({1}) or a mapping with "stage".', label(path), STAGES.join(', ')));
      } else if (issue.code === 'invalid_type') {
        error(at(path), expectedType(label(path), issue.expected));
      } else {
        error(at(path), localizable('"{0}" has the wrong form.', label(path)));
      }
    }
    return { ok: false, problems };
  }
  const rules = rulesOf(text, parsed.data, at, error);
  return problems.length ? { ok: false, problems } : { ok: true, rules };
}

/** What a value of the schema file should have been, by the type zod expected. */
function expectedType(key: string, expected: string): Localizable {
  switch (expected) {
    case 'string':
      return localizable('"{0}" must be text.', key);
    case 'boolean':
      return localizable('"{0}" must be true or false.', key);
    case 'array':
      return localizable('"{0}" must be a list.', key);
    case 'object':
    case 'record':
      return localizable('"{0}" must be a mapping.', key);
    default:
      return localizable('"{0}" has the wrong form.', key);
  }
}

function label(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(schema)' : path.map(String).join('.');
}

type At = (path: YamlPath, part?: 'key' | 'value') => OffsetRange;

/** The checks zod cannot express: patterns, templates, names that clash. */
function rulesOf(source: string, file: SchemaFile, at: At, error: (range: OffsetRange, message: Localizable) => void): TeamRules {
  const from = file.id?.from ?? 'key';
  let pattern: RegExp | undefined;
  if (file.id?.pattern !== undefined) {
    try {
      pattern = new RegExp(file.id.pattern, 'u');
    } catch (e) {
      error(at(['id', 'pattern']), localizable('The pattern is not a valid regular expression: {0}', (e as Error).message));
    }
  } else if (from !== 'key') error(at(['id', 'from']), localizable('An ID read from "{0}" needs a "pattern".', from));
  const template = file.id?.template ?? '{1}';
  if (pattern) {
    const groups = new RegExp(`${pattern.source}|`, 'u').exec('')!.length - 1;
    for (const m of template.matchAll(/\{(\d+)\}/g)) {
      if (Number(m[1]) < 1 || Number(m[1]) > groups) {
        error(at(['id', 'template']), localizable('The template uses {0}, but the pattern has {1} groups.', m[0], groups));
      }
    }
  }
  const rename = new Map<string, string>();
  const renamedFrom = new Map<string, string>();
  for (const [team, builtIn] of Object.entries(file.rename ?? {})) {
    if (!BUILT_IN_KEYS.has(builtIn)) error(at(['rename', team]), localizable('"{0}" is not a built-in key.', builtIn));
    else if (BUILT_IN_KEYS.has(team)) error(at(['rename', team], 'key'), localizable('"{0}" is a built-in key already.', team));
    else if (renamedFrom.has(builtIn)) error(at(['rename', team]), localizable('Two keys are renamed to "{0}".', builtIn));
    else {
      rename.set(team, builtIn);
      renamedFrom.set(builtIn, team);
    }
  }
  const idKey = file.id?.key ?? 'id';
  if (from === 'key' && idKey !== 'id') {
    if (file.id?.pattern !== undefined) error(at(['id', 'pattern'], 'key'), localizable('An ID read from a key takes no pattern.'));
    rename.set(idKey, 'id');
    renamedFrom.set('id', idKey);
  }

  let statuses: Map<string, TeamStatus> | undefined;
  const statusAliasTo = new Map<string, string>();
  if (file.statuses) {
    statuses = new Map();
    for (const [name, entry] of Object.entries(file.statuses)) {
      const long = typeof entry === 'string' ? { stage: entry } : entry;
      statuses.set(name, { stage: long.stage, aliases: long.aliases ?? [], ...texts(long) });
    }
    const taken = new Set(statuses.keys());
    for (const [name, status] of statuses) {
      status.aliases.forEach((alias, i) => {
        if (taken.has(alias)) error(at(['statuses', name, 'aliases', i]), localizable('"{0}" names another status already.', alias));
        taken.add(alias);
        statusAliasTo.set(alias, name);
      });
    }
  }

  const fields = new Map<string, TeamField>();
  for (const [name, entry] of Object.entries(file.fields ?? {})) {
    if (BUILT_IN_KEYS.has(name) || renamedFrom.has(name) || rename.has(name)) {
      error(at(['fields', name], 'key'), localizable('"{0}" is a built-in or renamed key: a team field needs a name of its own.', name));
      continue;
    }
    if (entry.type === 'enum' && !entry.values) error(at(['fields', name, 'type']), localizable('An enum field needs "values".'));
    if (entry.type !== 'enum' && entry.values)
      error(at(['fields', name, 'values'], 'key'), localizable('Only an enum field takes "values".'));
    const values = new Map<string, TeamValue>();
    const aliasTo = new Map<string, string>();
    for (const [value, doc] of Object.entries(entry.values ?? {})) {
      const long = typeof doc === 'string' ? { en: doc } : (doc ?? {});
      values.set(value, { aliases: long.aliases ?? [], ...texts(long) });
      for (const alias of long.aliases ?? []) aliasTo.set(alias, value);
    }
    fields.set(name, {
      type: entry.type,
      required: entry.required ?? false,
      values,
      aliasTo,
      ...(entry.label ? { label: { en: entry.label.en, zh: entry.label['zh-cn'] } } : {}),
      ...(entry.description ? { description: { en: entry.description.en, zh: entry.description['zh-cn'] } } : {}),
    });
  }

  const checksOff = new Set<string>();
  (file.checks?.off ?? []).forEach((name, i) => {
    const group = CHECK_GROUPS[name];
    if (group) for (const code of group) checksOff.add(code);
    else if (name in PROBLEM_MESSAGES) checksOff.add(name);
    else
      error(
        at(['checks', 'off', i]),
        localizable('"{0}" is neither a problem code nor a check group ({1}).', name, Object.keys(CHECK_GROUPS).join(', ')),
      );
  });
  return {
    source,
    id: { from, key: idKey, ...(pattern ? { pattern } : {}), template },
    rename,
    renamedFrom,
    ...(statuses ? { statuses } : {}),
    statusAliasTo,
    fields,
    checksOff,
    optional: new Set(file.checks?.optional ?? []),
  };
}

function texts(doc: { en?: string | undefined; 'zh-cn'?: string | undefined }): { en?: string; zh?: string } {
  return { ...(doc.en !== undefined ? { en: doc.en } : {}), ...(doc['zh-cn'] !== undefined ? { zh: doc['zh-cn'] } : {}) };
}

// ── applying the rules to one record ─────────────────────────────────────────────────────────

/** A problem the team's rules find, before it has a place: its path is the key the file has. */
export type TeamFinding = Pick<Problem, 'code' | 'severity' | 'args' | 'fixes'> & {
  path: YamlPath;
  part: 'key' | 'value';
  data?: Record<string, string>;
};

export interface AdaptedRecord {
  /** The front-matter as the built-in rules read it. */
  raw: Record<string, unknown>;
  findings: TeamFinding[];
  /** The team's status the record has (its canonical name), when the team has statuses. */
  teamStatus?: string;
  /** Keys left out because a finding already says what is wrong with them (no "missing" on top). */
  reported: Set<string>;
}

/** How much of a file name or heading an ID pattern reads. */
const MAX_ID_SOURCE = 500;

/** Where a record is, for an ID read from its file name or first heading. */
export interface RecordPlace {
  file?: string;
  heading?: string;
}

/** The ID the rules read from a file name or a heading; undefined when the pattern does not match. */
export function idFrom(rules: TeamRules, place: RecordPlace): string | undefined {
  if (rules.id.from === 'key' || !rules.id.pattern) return undefined;
  const source = rules.id.from === 'file-name' ? baseName(place.file ?? '') : (place.heading ?? '');
  // The team's own expression runs on a bounded text: a heading can be a whole line of any length,
  // and a backtracking pattern on it must not stall validation.
  const m = rules.id.pattern.exec(source.slice(0, MAX_ID_SOURCE));
  if (!m) return undefined;
  return rules.id.template.replace(/\{(\d+)\}/g, (_, i: string) => m[Number(i)] ?? '');
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** The record as the built-in rules read it, and what the team's own rules find in it. */
export function adaptRecord(rules: TeamRules, raw: Record<string, unknown>, place: RecordPlace): AdaptedRecord {
  const adapted: Record<string, unknown> = {};
  const findings: TeamFinding[] = [];
  const reported = new Set<string>();
  for (const key in raw) {
    const builtIn = rules.rename.get(key);
    // A file that has both keys keeps its own built-in one: the renamed one is left as it is.
    if (builtIn !== undefined && !(builtIn in raw)) adapted[builtIn] = raw[key];
    else adapted[key] = raw[key];
  }
  if (rules.id.from !== 'key') {
    const id = idFrom(rules, place);
    if (id === undefined) {
      findings.push({ code: 'required-missing', severity: 'error', args: ['id', ''], path: ['id'], part: 'key', fixes: [] });
      delete adapted.id;
      reported.add('id');
    } else adapted.id = id;
  }
  let teamStatus: string | undefined;
  if (rules.statuses && 'status' in raw) {
    const written = raw.status;
    const name = typeof written === 'string' ? (rules.statuses.has(written) ? written : rules.statusAliasTo.get(written)) : undefined;
    if (name !== undefined) {
      teamStatus = name;
      adapted.status = rules.statuses.get(name)!.stage;
      if (name !== written) findings.push(aliasFinding('status', written as string, name));
    } else {
      findings.push(
        enumFinding(
          'status',
          written,
          [...rules.statuses.keys()],
          [...rules.statuses.keys(), ...rules.statusAliasTo.keys()],
          rules.statusAliasTo,
        ),
      );
      // The built-in rules would only repeat it (or call it missing): the status is the team's finding.
      delete adapted.status;
      reported.add('status');
    }
  }
  for (const [name, field] of rules.fields) {
    fieldFindings(name, field, raw[name], findings);
    // A team enum's alias reads as its value, as the built-in enums' aliases do.
    const value = raw[name];
    const canonical = field.type === 'enum' && typeof value === 'string' ? field.aliasTo.get(value) : undefined;
    if (canonical !== undefined && !field.values.has(value as string)) {
      adapted[name] = canonical;
      findings.push(aliasFinding(name, value as string, canonical));
    }
  }
  return { raw: adapted, findings, reported, ...(teamStatus !== undefined ? { teamStatus } : {}) };
}

/** An alias written for a value: a hint with the fix that writes the value. */
function aliasFinding(key: string, alias: string, value: string): TeamFinding {
  return {
    code: 'enum-alias',
    severity: 'hint',
    args: [alias, value],
    path: [key],
    part: 'value',
    fixes: ['normalize-alias'],
    data: { value },
  };
}

function enumFinding(key: string, value: unknown, canonical: string[], accepted: string[], aliasTo: Map<string, string>): TeamFinding {
  if (typeof value !== 'string') {
    return {
      code: 'type-mismatch',
      severity: 'error',
      args: [key, '@word:string', describe(value)],
      path: [key],
      part: 'value',
      fixes: [],
    };
  }
  const suggestion = closestOf(value, accepted);
  const canonicalSuggestion = suggestion === undefined ? undefined : (aliasTo.get(suggestion) ?? suggestion);
  return {
    code: 'enum-unknown',
    severity: 'error',
    args: [key, value, canonical.join(', '), canonicalSuggestion ? `@didyoumean:${canonicalSuggestion}` : ''],
    path: [key],
    part: 'value',
    fixes: canonicalSuggestion ? ['replace-value'] : [],
    ...(canonicalSuggestion ? { data: { value: canonicalSuggestion } } : {}),
  };
}

function closestOf(value: string, candidates: readonly string[]): string | undefined {
  // Case and blanks first: `Implemented ` is the team's `implemented`.
  const folded = value.trim().toLowerCase();
  return candidates.find((c) => c.toLowerCase() === folded) ?? closest(value, candidates);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` of a day that exists (no 30 February), as the built-in dates are checked. */
function isRealDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function fieldFindings(name: string, field: TeamField, value: unknown, findings: TeamFinding[]): void {
  if (value === undefined || value === null) {
    if (field.required)
      findings.push({
        code: 'required-missing',
        severity: 'error',
        args: [name, ''],
        path: [name],
        part: 'key',
        fixes: ['add-required-key'],
        data: { key: name },
      });
    return;
  }
  const mismatch = (expected: string) =>
    findings.push({
      code: 'type-mismatch',
      severity: 'error',
      args: [name, `@word:${expected}`, describe(value)],
      path: [name],
      part: 'value',
      fixes: [],
    });
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') mismatch('string');
      return;
    case 'number':
      if (typeof value !== 'number') mismatch('number');
      return;
    case 'list':
      if (!Array.isArray(value)) mismatch('array');
      return;
    case 'date':
      if (!isRealDate(value)) {
        findings.push({ code: 'date-invalid', severity: 'error', args: [name, describe(value)], path: [name], part: 'value', fixes: [] });
      }
      return;
    case 'enum':
      if (typeof value === 'string' && (field.values.has(value) || field.aliasTo.has(value))) return;
      findings.push(enumFinding(name, value, [...field.values.keys()], [...field.values.keys(), ...field.aliasTo.keys()], field.aliasTo));
  }
}

function describe(value: unknown): string {
  if (value === null) return '@word:null';
  if (Array.isArray(value)) return '@word:array';
  if (typeof value === 'object') return '@word:object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

/** The key a problem about a built-in key is placed on: the team's name for it, when renamed. */
export function teamPath(rules: TeamRules, path: YamlPath): YamlPath {
  if (path.length === 0 || typeof path[0] !== 'string') return path;
  const team = rules.renamedFrom.get(path[0]);
  return team === undefined ? path : [team, ...path.slice(1)];
}

/** Whether the team keeps a problem the built-in rules found. */
export function teamKeeps(rules: TeamRules, problem: Pick<Problem, 'code' | 'args' | 'path'>): boolean {
  if (rules.checksOff.has(problem.code)) return false;
  // A placeholder in an essential section is an essentials check.
  if (problem.code === 'placeholder' && rules.checksOff.has('essential-empty') && problem.args[0]?.startsWith('@essential:')) return false;
  if (problem.code === 'required-missing' && problem.path?.length === 1 && rules.optional.has(String(problem.path[0]))) return false;
  // The team's own keys are not near misses of built-in ones.
  if (
    problem.code === 'key-near-miss' &&
    problem.path?.length === 1 &&
    (rules.fields.has(String(problem.path[0])) || rules.rename.has(String(problem.path[0])))
  ) {
    return false;
  }
  return true;
}

// ── the JSON Schema a team's records follow ──────────────────────────────────────────────────

type JsonSchema = Record<string, unknown> & { properties: Record<string, Record<string, unknown>>; required: string[] };

/**
 * The built-in JSON Schema as the team's files are written: renamed keys under the team's names,
 * the team's statuses, its fields, and only what it requires (an ID from the file name or the
 * heading is no key at all).
 */
export function teamJsonSchema(rules: TeamRules, builtIn: Record<string, unknown>): Record<string, unknown> {
  const base = structuredClone(builtIn) as JsonSchema;
  const properties: Record<string, Record<string, unknown>> = {};
  for (const [key, schema] of Object.entries(base.properties)) properties[rules.renamedFrom.get(key) ?? key] = schema;
  if (rules.statuses) {
    const docs: Record<string, unknown> = {};
    for (const [name, s] of rules.statuses) docs[name] = { ...valueDocs(s), stage: s.stage };
    properties.status = {
      type: 'string',
      enum: [...rules.statuses.keys(), ...rules.statusAliasTo.keys()],
      description: "The team's status; each maps to a ReqDesk stage (x-enum-docs.*.stage).",
      'x-enum-docs': docs,
    };
  }
  if (rules.id.from !== 'key') delete properties[rules.renamedFrom.get('id') ?? 'id'];
  for (const [name, field] of rules.fields) properties[name] = fieldJsonSchema(field);
  const required = base.required
    .filter((key) => !rules.optional.has(key) && !(key === 'id' && rules.id.from !== 'key'))
    .map((key) => rules.renamedFrom.get(key) ?? key);
  for (const [name, field] of rules.fields) if (field.required) required.push(name);
  return { ...base, properties, required };
}

function valueDocs(v: TeamValue): Record<string, unknown> {
  return {
    ...(v.en !== undefined ? { en: v.en } : {}),
    ...(v.zh !== undefined ? { zh: v.zh } : {}),
    ...(v.aliases.length ? { aliases: v.aliases } : {}),
  };
}

function fieldJsonSchema(field: TeamField): Record<string, unknown> {
  const doc = {
    ...(field.description?.en !== undefined ? { description: field.description.en } : {}),
    ...(field.description?.zh !== undefined ? { 'x-description-zh': field.description.zh } : {}),
    ...(field.label ? { 'x-label': { ...field.label } } : {}),
  };
  switch (field.type) {
    case 'string':
      return { type: 'string', ...doc };
    case 'number':
      return { type: 'number', ...doc };
    case 'date':
      return { type: 'string', format: 'date', ...doc };
    case 'list':
      return { type: 'array', ...doc };
    case 'enum': {
      const docs: Record<string, unknown> = {};
      for (const [value, v] of field.values) docs[value] = valueDocs(v);
      return { type: 'string', enum: [...field.values.keys(), ...field.aliasTo.keys()], ...doc, 'x-enum-docs': docs };
    }
  }
}

/**
 * Changes of ReqDesk's fields as the team's files write them: a renamed key under the team's name,
 * and a ReqDesk stage written to `status` as the team's first status of that stage (the team's own
 * status, or an alias of one, is written as it is). Without a team schema the changes are as given.
 */
export function teamChanges(rules: TeamRules | null | undefined, changes: readonly FieldChange[]): FieldChange[] {
  if (!rules) return [...changes];
  return changes.map((change) => {
    const [top, ...rest] = change.path;
    const teamKey = typeof top === 'string' ? rules.renamedFrom.get(top) : undefined;
    const path = teamKey === undefined ? change.path : [teamKey, ...rest];
    const value =
      top === 'status' && rest.length === 0 && typeof change.value === 'string' ? teamStatusFor(rules, change.value) : change.value;
    return { path, value };
  });
}

/** The status a team writes for `value`: its own status or alias as it is, else its first status of that stage. */
export function teamStatusFor(rules: TeamRules, value: string): string {
  const statuses = rules.statuses;
  if (!statuses || statuses.has(value) || rules.statusAliasTo.has(value)) return value;
  for (const [name, status] of statuses) if (status.stage === value) return name;
  return value;
}

/** The ReqDesk stage of a status as a file writes it (the team's status, one of its aliases, or a stage). */
export function stageOf(rules: TeamRules | null | undefined, value: string): Status | undefined {
  const team = rules?.statuses?.get(rules.statusAliasTo.get(value) ?? value);
  if (team) return team.stage;
  return value in STATUSES ? (value as Status) : undefined;
}
