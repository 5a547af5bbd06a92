// `reqdesk set <ID> key=value…`: changes front-matter fields of one requirement from scripts and
// CI, with the same minimal edits as the editor. Values are read by the schema at their path
// (numbers, dates, enums with their Chinese aliases, lists); `key=` removes a key. Nothing is
// written unless the edit is safe and introduces no error. The file is read, edited and replaced
// under a lock, and only when it still holds what was read: concurrent `set`s and an editor's save
// meanwhile are never lost (see updateFileSafely).
import * as path from 'node:path';
import * as YAML from 'yaml';
import * as z from 'zod';
import { applyTextEdits, editFields, pathLabel, type FieldChange, type FieldValue } from '../core/edits';
import { loadYamlCareful, splitFile } from '../core/frontmatter';
import { firstInvalidUtf8 } from '../core/index';
import { localizable, localize, localizeLater } from '../core/l10n';
import { formatMessage, type Language } from '../core/messages';
import type { Problem } from '../core/problems';
import { enumAt, knownKeysAt, schemaAt } from '../core/schema';
import { printable } from '../core/terminalText';
import { closest, LineIndex } from '../core/text';
import { analyzeRequirement } from '../core/validate';
import { readFileBoundedSync } from '../files/boundedRead';
import { updateFileSafely, WriteRefusedError } from '../files/safeFiles';
import { languageFrom, listText, loadIndex, unknownIdMessage, UsageError, type CliIO, parseCommandArgs } from './cliContext';
import { PathTrie, valueAt } from '../core/paths';
import { unreadableWithId } from './unreadableWithId';

type Segment = string | number;

/** `tasks[1].status` or `tasks.1.status` → ['tasks', 1, 'status']. */
export function parseKeyPath(key: string): Segment[] | undefined {
  const out: Segment[] = [];
  for (const part of key.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    const name = m[1]!;
    const indexes = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    if (name === '' && indexes.length === 0) return undefined;
    if (name !== '') out.push(/^\d+$/.test(name) ? Number(name) : name);
    out.push(...indexes);
  }
  return out.length ? out : undefined;
}

type AnySchema = z.ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let guard = 0; guard < 10; guard++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as AnySchema;
    else if (current instanceof z.ZodPipe) current = current.in as AnySchema;
    else break;
  }
  return current;
}

const isStringList = (s: AnySchema) =>
  (s instanceof z.ZodArray && unwrap(s.element as AnySchema) instanceof z.ZodString) ||
  (s instanceof z.ZodUnion && (s.options as AnySchema[]).some((o) => o instanceof z.ZodArray));

/** What a path expects, in words, for the error message. */
function expected(p: readonly Segment[], schema: AnySchema, lang: Language): string {
  const e = enumAt(p);
  if (e) {
    const aliases = [...e.aliasTo.keys()];
    if (aliases.length === 0) return localize(lang, 'one of: {0}', e.canonical.join(', '));
    return localize(lang, 'one of: {0} (or an alias: {1})', e.canonical.join(', '), listText(lang, aliases));
  }
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) {
    const min = inner.minValue;
    const max = inner.maxValue;
    if (min !== null && max !== null && max < Number.MAX_SAFE_INTEGER) return localize(lang, 'a whole number from {0} to {1}', min, max);
    if (min !== null) return localize(lang, 'a whole number, {0} or more', min);
    return localize(lang, 'a number');
  }
  if (inner instanceof z.ZodISODate) return localize(lang, 'a real date written YYYY-MM-DD');
  if (isStringList(inner)) return localize(lang, 'a list written [a, b], or one value without commas');
  if (inner instanceof z.ZodUnion) return localize(lang, 'text or a number');
  return localize(lang, 'text');
}

type Parsed = { ok: true; value: FieldValue | undefined } | { ok: false; why: string };

/** The value of `key=raw` read by the schema at the key's path; why not, in `lang`. */
function parseValue(p: readonly Segment[], raw: string, lang: Language): Parsed {
  const label = pathLabel(p);
  const schema = schemaAt(p);
  if (!schema) {
    const key = String(p[p.length - 1]);
    const suggestion = typeof p[p.length - 1] === 'string' ? closest(key, knownKeysAt(p.slice(0, -1))) : undefined;
    const why = suggestion
      ? localize(lang, 'unknown field "{0}"; did you mean "{1}"? (set only changes the fields of the record format)', label, suggestion)
      : localize(lang, 'unknown field "{0}" (set only changes the fields of the record format)', label);
    return { ok: false, why };
  }
  if (raw === '') return { ok: true, value: undefined };
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return { ok: false, why: localize(lang, '"{0}" is a group of fields: set them one by one ({0}.<field>=…)', label) };
  }
  if (inner instanceof z.ZodArray && !isStringList(inner)) {
    return { ok: false, why: localize(lang, '"{0}" is a list of entries: set their fields by index ({0}[0].<field>=…)', label) };
  }
  const invalid = (): Parsed => ({
    ok: false,
    why: localize(lang, 'invalid value "{0}" for {1}: expected {2}', raw, label, expected(p, schema, lang)),
  });

  let value: FieldValue;
  const e = enumAt(p);
  if (e) {
    // Aliases are accepted and written as the canonical value.
    const canonical = e.canonical.includes(raw) ? raw : e.aliasTo.get(raw);
    if (canonical === undefined) return invalid();
    value = canonical;
  } else if (isStringList(inner)) {
    if (raw.startsWith('[')) {
      // Read as a YAML flow list with every item as text ("[T1, 2]" → ["T1", "2"]).
      const doc = YAML.parseDocument(raw, { schema: 'failsafe' });
      const items = doc.errors.length ? undefined : (doc.toJS() as unknown);
      if (!Array.isArray(items) || !items.every((i) => typeof i === 'string')) return invalid();
      value = items as string[];
    } else if (raw.includes(',')) return invalid();
    else value = [raw];
  } else if (inner instanceof z.ZodNumber) {
    if (!/^-?\d+(?:\.\d+)?$/.test(raw)) return invalid();
    value = Number(raw);
  } else if (inner instanceof z.ZodUnion && /^-?\d+(?:\.\d+)?$/.test(raw)) {
    value = Number(raw);
  } else value = raw;
  return schema.safeParse(value).success ? { ok: true, value } : invalid();
}

function show(value: unknown): string {
  // Items that hold a comma or bracket are quoted, so that the list reads unambiguously.
  if (Array.isArray(value))
    return `[${value.map((v) => (typeof v === 'string' && /[,[\]"]/.test(v) ? JSON.stringify(v) : show(v))).join(', ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const problemKey = (p: Problem) => `${p.code}\u0000${JSON.stringify(p.path ?? null)}`;

export async function setCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {}, true);
  const lang = languageFrom(values.lang, io.env);
  const [id, ...assignments] = positionals;
  if (!id || assignments.length === 0) throw new UsageError(localizable('set needs an ID and at least one key=value'));

  // 1. The assignments, read before anything else so that a typo never reaches a file.
  const changes: FieldChange[] = [];
  const problems: string[] = [];
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(localizable('"{0}" is not key=value', a));
    const p = parseKeyPath(a.slice(0, eq));
    if (!p) throw new UsageError(localizable('"{0}" is not a field path (e.g. scores.urgency or tasks[0].status)', a.slice(0, eq)));
    const parsed = parseValue(p, a.slice(eq + 1), lang);
    if (parsed.ok) changes.push({ path: p, value: parsed.value });
    else problems.push(parsed.why);
  }
  if (problems.length) {
    for (const message of problems) io.err(`reqdesk: ${printable(message)}`);
    io.err(localize(lang, 'Nothing was changed.'));
    return 1;
  }

  // 2. The one file with that ID.
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings, grammar } = await loadIndex(root, [], io, lang);
  const fail = (message: string): number => {
    io.err(`reqdesk: ${printable(message)}`);
    io.err(localize(lang, 'Nothing was changed.'));
    return 1;
  };
  const decode = (bytes: Uint8Array): string | undefined =>
    // Writing back text decoded with replacement characters would destroy bytes.
    firstInvalidUtf8(bytes) !== -1 ? undefined : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const readText = (file: string): string | undefined => {
    try {
      const read = readFileBoundedSync(source.absolute(file), settings.maxFileBytes);
      return read.ok ? decode(read.bytes) : undefined;
    } catch {
      return undefined;
    }
  };
  const records = index.byId(id);
  if (records.length > 1) {
    const files = records.map((r) => r.file).sort();
    return fail(localize(lang, 'ID {0} is used by {1} files ({2}); give each its own ID first', id, files.length, listText(lang, files)));
  }
  if (records.length === 0) {
    // A file whose front-matter cannot be read has no ID in the index: find it by its `id:` line.
    for (const r of unreadableWithId(index, id, readText)) {
      const result = editFields(r.text, changes);
      if (!result.ok) return fail(localize(lang, '{0}: {1}', r.file, localizeLater(lang, result.text)));
    }
    // A merged ID leads to its record everywhere it is read; a write names the record instead of
    // changing another ID's file unasked.
    const into = index.resolve(id);
    if (into?.merged) {
      const target = into.record.id ?? into.record.file;
      return fail(localize(lang, 'ID {0} was merged into {1} ({2}): set the fields of {1}', id, target, into.record.file));
    }
    return fail(unknownIdMessage(lang, id, closest(id, index.ids())));
  }
  const record = records[0]!;
  const file = record.file;

  // 3. The edit, computed and checked in memory on the file as it is when the lock is held; done
  // again if the file changes before it is replaced.
  type Outcome = { kind: 'fail'; text: string; lines?: string[] } | { kind: 'same' } | { kind: 'written'; text: string };
  const ctx = { settings, grammar };
  const compute = (bytes: Buffer): { write?: string; value: Outcome } => {
    const text = decode(bytes);
    if (text === undefined)
      return { value: { kind: 'fail', text: localize(lang, '{0}: the file is not valid UTF-8 and is not edited', file) } };
    const result = editFields(text, changes);
    if (!result.ok) return { value: { kind: 'fail', text: localize(lang, '{0}: {1}', file, localizeLater(lang, result.text)) } };
    const edited = applyTextEdits(text, result.edits);
    if (edited === text) return { value: { kind: 'same' } };
    const newId = changes.find((c) => c.path.length === 1 && c.path[0] === 'id')?.value;
    if (typeof newId === 'string' && newId !== id) {
      const others = index.byId(newId).map((r) => r.file);
      if (others.length) {
        return { value: { kind: 'fail', text: localize(lang, '{0}: ID {1} is already used by {2}', file, newId, listText(lang, others)) } };
      }
    }
    const before = new Set(
      analyzeRequirement(text, ctx, { careful: true })
        .problems.filter((p) => p.severity === 'error')
        .map(problemKey),
    );
    const after = analyzeRequirement(edited, ctx, { careful: true });
    const lines = new LineIndex(after.split.text);
    const changed = new PathTrie(changes.map((c) => c.path));
    const introduced = after.problems.filter(
      (p) => p.severity === 'error' && (!before.has(problemKey(p)) || (p.path !== undefined && changed.overlaps(p.path))),
    );
    if (introduced.length) {
      const located = introduced.map((p) => {
        const at = lines.position(p.range.start);
        return `${printable(file)}:${at.line + 1}:${at.column + 1}: error ${p.code} ${printable(formatMessage(p.code, p.args, lang))}`;
      });
      return { value: { kind: 'fail', lines: located, text: localize(lang, '{0}: the change would leave the errors above', file) } };
    }
    // 4. Written whole: the BOM and every byte outside the edits as they were.
    return { write: edited, value: { kind: 'written', text } };
  };
  let outcome: Outcome;
  try {
    // Only a file inside the workspace that is not a link is written (a record may be a link to a
    // file elsewhere: it is read and validated, never written).
    outcome = await updateFileSafely(source.absolute(file), { root, origin: 'workspace' }, compute, { maxBytes: settings.maxFileBytes });
  } catch (error) {
    if (error instanceof WriteRefusedError) return fail(error.text(lang));
    throw error;
  }
  if (outcome.kind === 'fail') {
    for (const line of outcome.lines ?? []) io.err(line);
    return fail(outcome.text);
  }
  if (outcome.kind === 'same') {
    io.out(printable(localize(lang, '{0}: no change', file)));
    return 0;
  }
  const text = outcome.text;
  const old = loadYamlCareful(splitFile(text, true).frontMatter!.yaml).value;
  const described = changes.map((c) => {
    const was = valueAt(old, c.path);
    const from = was === undefined ? localize(lang, '(unset)') : show(was);
    const to = c.value === undefined ? localize(lang, '(removed)') : show(c.value);
    return `${pathLabel(c.path)} ${from} → ${to}`;
  });
  io.out(printable(`${file}: ${described.join(', ')}`));
  return 0;
}
