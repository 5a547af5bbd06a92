// Appending one item to a top-level list of the front-matter — a task, a risk, a customer feedback
// entry, a change request — as inserted lines only: in the list's own layout (`- id: T1` at the
// key's column or indented, block or `{ … }` items), with the file's line breaks, and nothing
// else touched. Like `editFields`, the result is read back before it is returned: it must parse to
// the old data with exactly the new item added at the end of the list. Pure: no I/O.
import * as YAML from 'yaml';
import {
  editFields,
  readBack,
  Refusal,
  refuse,
  renderFlowList,
  renderScalar,
  type EditResult,
  type Scalarish,
  type TextEdit,
} from './edits';
import { loadYamlCareful, splitFile } from './frontmatter';
import { localizable } from './l10n';

/** A value inside a mapping item: a scalar or a list of text (`depends: [T1]`). */
export type ListItemValue = Scalarish | readonly string[];
/** A plain text item (a risk) or a mapping item (a task, a feedback entry); undefined values are left out. */
export type ListItem = string | Readonly<Record<string, ListItemValue | undefined>>;

/**
 * Edits that append `item` to the top-level list `key` (created when absent, or when its value is
 * empty, `~`/`null` or `[]`), or why that cannot be done safely: a list written in flow style
 * (`tasks: [ … ]`), a key that holds something other than a list, YAML errors. `text` may start
 * with a BOM; offsets are into the text without it. Never throws.
 */
export function appendListItem(text: string, key: string, item: ListItem): EditResult {
  return appendListItems(text, [{ key, items: [item] }]);
}

/** Items to append to one top-level list. */
export interface ListAppend {
  key: string;
  items: readonly ListItem[];
}

/**
 * Edits that append items to several top-level lists at once (each as `appendListItem` would, a
 * list absent or empty created), read back together: the old data with exactly these items added
 * at the end of their lists. Lists given twice are appended in the order given. Never throws.
 */
export function appendListItems(text: string, appends: readonly ListAppend[]): EditResult {
  try {
    return { ok: true, edits: computeAppend(text, appends) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, text: error.text };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'path-conflict', text: localizable('the item could not be added safely ({0}); nothing was changed', detail) };
  }
}

/** The next free task ID of a record, `T<n>` with n one above the highest in use. */
export function nextTaskId(tasks: readonly unknown[] | undefined): string {
  let max = 0;
  for (const t of tasks ?? []) {
    const id = t && typeof t === 'object' ? (t as { id?: unknown }).id : undefined;
    const m = typeof id === 'string' ? /^T(\d+)$/i.exec(id.trim()) : null;
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `T${max + 1}`;
}

/**
 * A top-level list of the front-matter as written (invalid items included, so indexes are the
 * file's own); empty when the key is absent, not a list, or the YAML cannot be read.
 */
export function frontMatterList(text: string, key: string): unknown[] {
  const fm = splitFile(text, true).frontMatter;
  if (!fm || !fm.closed || (fm.language && fm.language !== 'yaml' && fm.language !== 'yml')) return [];
  const loaded = loadYamlCareful(fm.yaml);
  const value =
    loaded.issues.length === 0 && loaded.value && typeof loaded.value === 'object'
      ? (loaded.value as Record<string, unknown>)[key]
      : undefined;
  return Array.isArray(value) ? value : [];
}

type Entries = Array<[string, Exclude<ListItemValue, undefined>]>;

function itemEntries(key: string, item: ListItem): Entries | string {
  if (typeof item === 'string') return item;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return refuse('unsupported-value', localizable('{0}: an item is text or a mapping of values', key));
  }
  const entries: Entries = [];
  for (const [k, v] of Object.entries(item)) {
    if (v === undefined) continue;
    const ok =
      v === null ||
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v)) ||
      (Array.isArray(v) && v.every((x) => typeof x === 'string'));
    if (!k || !ok) {
      return refuse('unsupported-value', localizable('{0}.{1}: this value cannot be written to YAML', key, k));
    }
    entries.push([k, v as Exclude<ListItemValue, undefined>]);
  }
  if (entries.length === 0) return refuse('unsupported-value', localizable('{0}: the new item is empty', key));
  return entries;
}

function plainOf(entries: Entries | string): unknown {
  if (typeof entries === 'string') return entries;
  return Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
}

function computeAppend(input: string, rawAppends: readonly ListAppend[]): TextEdit[] {
  // The refusals every edit shares (no front-matter, YAML errors, not a mapping) come from editFields.
  const shared = editFields(input, []);
  if (!shared.ok) return refuse(shared.code, shared.text);
  // One append per list, its items in the order given; lists without items are left alone.
  const byKey = new Map<string, Array<Entries | string>>();
  for (const { key, items } of rawAppends) {
    const list = byKey.get(key) ?? [];
    for (const item of items) list.push(itemEntries(key, item));
    if (list.length) byKey.set(key, list);
  }

  const split = splitFile(input, true);
  const fm = split.frontMatter!;
  const text = split.text;
  const careful = loadYamlCareful(fm.yaml);
  const root = YAML.isMap(careful.doc.contents) ? careful.doc.contents : undefined;
  const at = (pos: number) => fm.yamlStart + pos;
  const lineStart = (pos: number) => text.lastIndexOf('\n', pos - 1) + 1;
  const column = (pos: number) => pos - lineStart(pos);
  const nextLineStart = (pos: number) => {
    const i = text.indexOf('\n', pos);
    return i === -1 ? text.length : i + 1;
  };
  /** The line break ending the line before a line start (a file may mix them: follow the place). */
  const eolBefore = (lineAt: number) =>
    text.charCodeAt(lineAt - 2) === 13 ? '\r\n' : lineAt > 0 ? '\n' : /\r\n/.test(text) ? '\r\n' : '\n';
  /** The list being appended to (refusals name it). */
  let key = '';
  const rangeOf = (node: unknown): [number, number] => {
    const r = YAML.isNode(node) ? node.range : undefined;
    if (!r) return refuse('path-conflict', localizable('{0}: this YAML form cannot be edited (no source position)', key));
    return [at(r[0]), at(r[1])];
  };
  const isEmpty = (v: unknown) => v === null || v === undefined || (YAML.isScalar(v) && v.value === null && (v.source ?? '') === '');
  /** The end of a node's own text: nested content included, trailing comments and blank lines not. */
  const contentEnd = (node: unknown): number => {
    if (YAML.isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
      const [start, end] = rangeOf(node);
      let e = end;
      while (e > start && /\s/.test(text.charAt(e - 1))) e--;
      return e;
    }
    if (YAML.isCollection(node) && !node.flow && node.items.length > 0) {
      const last = node.items[node.items.length - 1];
      if (YAML.isPair(last)) return isEmpty(last.value) ? rangeOf(last.key)[1] : contentEnd(last.value);
      return contentEnd(last);
    }
    return rangeOf(node)[1];
  };

  /** Where the file's block lists put their dashes under a top-level key (default: two spaces in). */
  const detectItemIndent = (): number => {
    for (const p of root?.items ?? []) {
      if (YAML.isSeq(p.value) && !p.value.flow && p.value.items.length > 0) return column(rangeOf(p.value)[0]);
    }
    return 2;
  };

  const itemLines = (entries: Entries | string, dashColumn: number, keyOffset: number, flow: boolean): string[] => {
    const pad = ' '.repeat(dashColumn);
    if (typeof entries === 'string') return [`${pad}- ${renderScalar(entries, 'plain', false)}`];
    const value = (v: Exclude<ListItemValue, undefined>, inFlow: boolean) =>
      Array.isArray(v) ? renderFlowList(v, false) : renderScalar(v as Scalarish, 'plain', inFlow);
    if (flow) return [`${pad}- { ${entries.map(([k, v]) => `${renderScalar(k, 'plain', true)}: ${value(v, true)}`).join(', ')} }`];
    return entries.map(
      ([k, v], i) =>
        `${i === 0 ? `${pad}-${' '.repeat(Math.max(1, keyOffset - 1))}` : ' '.repeat(dashColumn + keyOffset)}${renderScalar(k, 'plain', false)}: ${value(v, false)}`,
    );
  };

  // Appends to lists that exist come before new keys inserted at the same place (the end of the
  // front-matter): `rank` orders edits that start at one offset.
  const edits: Array<TextEdit & { rank: number }> = [];
  const insertLines = (where: number, newLines: string[], rank = 0) => {
    const eol = eolBefore(where);
    edits.push({ start: where, end: where, newText: newLines.map((l) => `${l}${eol}`).join(''), rank });
  };

  /** The edits that append to the list `key` the items `lines` renders in the list's layout. */
  const appendTo = (lines: (dashColumn: number, keyOffset: number, flow: boolean) => string[]): void => {
    const pair = root?.items.find((p) => YAML.isScalar(p.key) && String(p.key.value) === key);
    if (!pair) {
      // A new key at the end of the front-matter, right before the closing `---`.
      const where = nextLineStart(at(fm.yaml.length));
      insertLines(where, [`${renderScalar(key, 'plain', false)}:`, ...lines(detectItemIndent(), 2, false)], 1);
    } else {
      const value = pair.value;
      const keyEnd = rangeOf(pair.key)[1];
      const nullToken = YAML.isScalar(value) && value.value === null && !isEmpty(value);
      const emptyFlow = YAML.isSeq(value) && value.flow && value.items.length === 0;
      if (isEmpty(value) || nullToken || emptyFlow) {
        // `key:`, `key: ~` or `key: []`: the token goes, the items follow on the lines below.
        if (!isEmpty(value)) {
          const [start, end] = rangeOf(value);
          if (text.slice(keyEnd, start).includes('\n')) {
            return refuse('path-conflict', localizable('{0}: this YAML form cannot be edited', key));
          }
          edits.push({ start: text.charAt(start - 1) === ' ' ? start - 1 : start, end, newText: '', rank: 0 });
        }
        const keyColumn = column(rangeOf(pair.key)[0]);
        insertLines(nextLineStart(keyEnd), lines(keyColumn + detectItemIndent(), 2, false));
      } else if (YAML.isSeq(value) && value.flow) {
        return refuse(
          'not-a-block-list',
          localizable('{0} is written as a flow list ([ … ]); write it as a block list (one "- " item per line) to add items', key),
        );
      } else if (YAML.isSeq(value)) {
        const [seqStart] = rangeOf(value);
        const dashColumn = column(seqStart);
        const last = value.items[value.items.length - 1];
        let keyOffset = 2;
        let flow = false;
        if (YAML.isMap(last) && last.flow) flow = true;
        else if (YAML.isMap(last) && last.items[0]) keyOffset = Math.max(1, column(rangeOf(last.items[0].key)[0]) - dashColumn);
        insertLines(nextLineStart(contentEnd(last ?? value)), lines(dashColumn, keyOffset, flow));
      } else {
        return refuse('not-a-block-list', localizable('{0} is not a list; nothing was added', key));
      }
    }
  };
  for (const [listKey, items] of byKey) {
    key = listKey;
    appendTo((dashColumn, keyOffset, flow) => items.flatMap((entries) => itemLines(entries, dashColumn, keyOffset, flow)));
  }

  // One edit per place: insertions at one offset joined in order (an editor applies them as one).
  edits.sort((a, b) => a.start - b.start || a.end - b.end || a.rank - b.rank);
  const joined: TextEdit[] = [];
  for (const e of edits) {
    const last = joined[joined.length - 1];
    if (last && last.start === e.start && last.end === e.start && e.end === e.start) last.newText += e.newText;
    else joined.push({ start: e.start, end: e.end, newText: e.newText });
  }

  // Read back: the body unchanged, no YAML problem, the old data plus exactly the new items.
  const before = (careful.value ?? {}) as Record<string, unknown>;
  const expected: Record<string, unknown> = { ...before };
  for (const [listKey, items] of byKey) {
    const old = before[listKey];
    expected[listKey] = [...(Array.isArray(old) ? old : []), ...items.map(plainOf)];
  }
  readBack(
    { input, edits: joined, bodyBefore: text.slice(split.bodyStart), language: fm.language, expected },
    {
      frontMatterLost: localizable('the item could not be added safely (the front-matter would no longer be found); nothing was changed'),
      bodyChanged: localizable('the item could not be added safely (the body would change); nothing was changed'),
      yamlError: (message) =>
        localizable('the item could not be added safely (the result would have a YAML error: {0}); nothing was changed', message),
      notAsIntended: localizable('the item could not be added safely (the result would not read back as intended); nothing was changed'),
    },
  );
  return joined;
}
