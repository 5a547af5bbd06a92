// `reqdesk set <ID> key=value…`: changes front-matter fields of one requirement from scripts and
// CI, with the same minimal edits as the editor. Values are read by the schema at their path
// (numbers, dates, enums with their Chinese aliases, lists); `key=` removes a key. Nothing is
// written unless the edit is safe and introduces no error. The file is read, edited and replaced
// under a lock, and only when it still holds what was read: concurrent `set`s and an editor's save
// meanwhile are never lost (see updateFileSafely).
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as YAML from 'yaml';
import * as z from 'zod';
import { applyTextEdits, editFields, pathLabel, type FieldChange, type FieldValue } from '../core/edits';
import { loadYamlCareful, splitFile } from '../core/frontmatter';
import { firstInvalidUtf8 } from '../core/index';
import { localizeLater } from '../core/l10n';
import { formatMessage, type Language } from '../core/messages';
import type { Problem } from '../core/problems';
import { enumAt, knownKeysAt, schemaAt } from '../core/schema';
import { printable } from '../core/terminalText';
import { closest, LineIndex } from '../core/text';
import { analyzeRequirement } from '../core/validate';
import { readFileBoundedSync } from '../files/boundedRead';
import { updateFileSafely, WriteRefusedError } from '../files/safeFiles';
import { languageFrom, loadIndex, UsageError, type CliIO } from './main';
import { PathTrie, valueAt } from '../core/paths';

type Segment = string | number;
type Text = Record<Language, string>;

const t = (en: string, zh: string): Text => ({ en, 'zh-cn': zh });

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
function expected(p: readonly Segment[], schema: AnySchema): Text {
  const e = enumAt(p);
  if (e) {
    const aliases = [...e.aliasTo.keys()];
    return t(
      `one of: ${e.canonical.join(', ')}${aliases.length ? ` (or an alias: ${aliases.join(', ')})` : ''}`,
      `以下之一：${e.canonical.join(', ')}${aliases.length ? `（或别名：${aliases.join('、')}）` : ''}`,
    );
  }
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) {
    const min = inner.minValue;
    const max = inner.maxValue;
    if (min !== null && max !== null && max < Number.MAX_SAFE_INTEGER) return t(`a whole number from ${min} to ${max}`, `${min} 到 ${max} 的整数`);
    if (min !== null) return t(`a whole number, ${min} or more`, `大于等于 ${min} 的整数`);
    return t('a number', '数字');
  }
  if (inner instanceof z.ZodISODate) return t('a real date written YYYY-MM-DD', 'YYYY-MM-DD 格式的有效日期');
  if (isStringList(inner)) return t('a list written [a, b], or one value without commas', '写作 [a, b] 的列表，或不含逗号的单个值');
  if (inner instanceof z.ZodUnion) return t('text or a number', '文本或数字');
  return t('text', '文本');
}

type Parsed = { ok: true; value: FieldValue | undefined } | { ok: false; why: Text };

/** The value of `key=raw` read by the schema at the key's path. */
function parseValue(p: readonly Segment[], raw: string): Parsed {
  const label = pathLabel(p);
  const schema = schemaAt(p);
  if (!schema) {
    const key = String(p[p.length - 1]);
    const suggestion = typeof p[p.length - 1] === 'string' ? closest(key, knownKeysAt(p.slice(0, -1))) : undefined;
    return {
      ok: false,
      why: t(
        `unknown field "${label}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (set only changes the fields of the record format)`,
        `未知字段 "${label}"${suggestion ? `；是否应为 "${suggestion}"？` : ''}（set 只修改需求格式中定义的字段）`,
      ),
    };
  }
  if (raw === '') return { ok: true, value: undefined };
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return { ok: false, why: t(`"${label}" is a group of fields: set them one by one (${label}.<field>=…)`, `"${label}" 是一组字段，请逐个设置（${label}.<字段>=…）`) };
  }
  if (inner instanceof z.ZodArray && !isStringList(inner)) {
    return { ok: false, why: t(`"${label}" is a list of entries: set their fields by index (${label}[0].<field>=…)`, `"${label}" 是条目列表，请按序号设置字段（${label}[0].<字段>=…）`) };
  }
  const invalid = (): Parsed => {
    const want = expected(p, schema);
    return { ok: false, why: t(`invalid value "${raw}" for ${label}: expected ${want.en}`, `${label} 的取值 "${raw}" 无效：应为${want['zh-cn']}`) };
  };

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
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' && /[,[\]"]/.test(v) ? JSON.stringify(v) : show(v))).join(', ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}


const problemKey = (p: Problem) => `${p.code}\u0000${JSON.stringify(p.path ?? null)}`;

const ID_LINE = (id: string) => new RegExp(`^id[ \\t]*:[ \\t]*(["']?)${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1[ \\t]*(?:#.*)?$`, 'm');

export async function setCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { root: { type: 'string' }, lang: { type: 'string' } } });
  const lang = languageFrom(values.lang, io.env);
  const say = (text: Text) => text[lang];
  const [id, ...assignments] = positionals;
  if (!id || assignments.length === 0) throw new UsageError('set needs an ID and at least one key=value', 'set 需要一个需求编号和至少一个 key=value');

  // 1. The assignments, read before anything else so that a typo never reaches a file.
  const changes: FieldChange[] = [];
  const problems: string[] = [];
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`"${a}" is not key=value`, `"${a}" 不是 key=value 形式`);
    const p = parseKeyPath(a.slice(0, eq));
    if (!p) throw new UsageError(`"${a.slice(0, eq)}" is not a field path (e.g. scores.urgency or tasks[0].status)`, `"${a.slice(0, eq)}" 不是字段路径（例如 scores.urgency 或 tasks[0].status）`);
    const parsed = parseValue(p, a.slice(eq + 1));
    if (parsed.ok) changes.push({ path: p, value: parsed.value });
    else problems.push(say(parsed.why));
  }
  if (problems.length) {
    for (const message of problems) io.err(`reqdesk: ${printable(message)}`);
    io.err(say(t('Nothing was changed.', '未做任何修改。')));
    return 1;
  }

  // 2. The one file with that ID.
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings, grammar } = await loadIndex(root, [], io, lang);
  const fail = (text: Text): number => {
    io.err(`reqdesk: ${printable(say(text))}`);
    io.err(say(t('Nothing was changed.', '未做任何修改。')));
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
    return fail(t(`ID ${id} is used by ${files.length} files (${files.join(', ')}); give each its own ID first`, `编号 ${id} 被 ${files.length} 个文件使用（${files.join('、')}），请先使编号唯一`));
  }
  if (records.length === 0) {
    // A file whose front-matter cannot be read has no ID in the index: find it by its `id:` line.
    const pattern = ID_LINE(id);
    for (const r of index.all()) {
      if (r.data.id !== undefined || r.skipped) continue;
      const text = readText(r.file);
      const fm = text === undefined ? undefined : splitFile(text).frontMatter;
      if (text === undefined || !fm || !pattern.test(fm.yaml)) continue;
      const result = editFields(text, changes);
      if (!result.ok) return fail(t(`${r.file}: ${localizeLater('en', result.text)}`, `${r.file}：${localizeLater('zh-cn', result.text)}`));
    }
    const suggestion = closest(id, index.ids());
    return fail(t(`unknown ID ${id}${suggestion ? `; did you mean ${suggestion}?` : ''}`, `未找到编号 ${id}${suggestion ? `；是否应为 ${suggestion}？` : ''}`));
  }
  const record = records[0]!;
  const file = record.file;

  // 3. The edit, computed and checked in memory on the file as it is when the lock is held; done
  // again if the file changes before it is replaced.
  type Outcome = { kind: 'fail'; text: Text; lines?: string[] } | { kind: 'same' } | { kind: 'written'; text: string };
  const ctx = { settings, grammar };
  const compute = (bytes: Buffer): { write?: string; value: Outcome } => {
    const text = decode(bytes);
    if (text === undefined) return { value: { kind: 'fail', text: t(`${file}: the file is not valid UTF-8 and is not edited`, `${file}：文件不是有效的 UTF-8 编码，不予编辑`) } };
    const result = editFields(text, changes);
    if (!result.ok) return { value: { kind: 'fail', text: t(`${file}: ${localizeLater('en', result.text)}`, `${file}：${localizeLater('zh-cn', result.text)}`) } };
    const edited = applyTextEdits(text, result.edits);
    if (edited === text) return { value: { kind: 'same' } };
    const newId = changes.find((c) => c.path.length === 1 && c.path[0] === 'id')?.value;
    if (typeof newId === 'string' && newId !== id) {
      const others = index.byId(newId).map((r) => r.file);
      if (others.length) return { value: { kind: 'fail', text: t(`${file}: ID ${newId} is already used by ${others.join(', ')}`, `${file}：编号 ${newId} 已被 ${others.join('、')} 使用`) } };
    }
    const before = new Set(analyzeRequirement(text, ctx, { careful: true }).problems.filter((p) => p.severity === 'error').map(problemKey));
    const after = analyzeRequirement(edited, ctx, { careful: true });
    const lines = new LineIndex(after.split.text);
    const changed = new PathTrie(changes.map((c) => c.path));
    const introduced = after.problems.filter((p) => p.severity === 'error' && (!before.has(problemKey(p)) || (p.path !== undefined && changed.overlaps(p.path))));
    if (introduced.length) {
      const located = introduced.map((p) => {
        const at = lines.position(p.range.start);
        return `${printable(file)}:${at.line + 1}:${at.column + 1}: error ${p.code} ${printable(formatMessage(p.code, p.args, lang))}`;
      });
      return { value: { kind: 'fail', lines: located, text: t(`${file}: the change would leave the errors above`, `${file}：此修改会导致以上错误`) } };
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
    if (error instanceof WriteRefusedError) return fail(t(error.text('en'), error.text('zh-cn')));
    throw error;
  }
  if (outcome.kind === 'fail') {
    for (const line of outcome.lines ?? []) io.err(line);
    return fail(outcome.text);
  }
  if (outcome.kind === 'same') {
    io.out(printable(say(t(`${file}: no change`, `${file}：无变化`))));
    return 0;
  }
  const text = outcome.text;
  const old = loadYamlCareful(splitFile(text, true).frontMatter!.yaml).value;
  const described = changes.map((c) => {
    const was = valueAt(old, c.path);
    const from = was === undefined ? say(t('(unset)', '（未设置）')) : show(was);
    const to = c.value === undefined ? say(t('(removed)', '（已删除）')) : show(c.value);
    return `${pathLabel(c.path)} ${from} → ${to}`;
  });
  io.out(printable(`${file}: ${described.join(', ')}`));
  return 0;
}
