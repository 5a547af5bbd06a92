// Merging a duplicate request into an existing requirement (需求合并): the target gains the
// duplicate's customers as requesters, its ID (and the IDs merged into it) in `merged_ids`, its
// contacts and feedback, and its text under a "Merged from …" heading at the end of the body;
// the duplicate's file is then removed by the caller in the same edit. Nothing the duplicate's
// author wrote in its body is lost, and commits and links naming its ID keep leading to the
// target (the index resolves merged IDs).
//
// Pure: the two files' texts in, minimal edits of the target (or why not) out. The edits only
// insert lines (see appendListItems), so the target's comments, order and quoting stay as they
// are, and the result is read back before it is returned.
import { applyTextEdits, editFields, type TextEdit } from './edits';
import { loadYamlCareful, splitFile } from './frontmatter';
import type { IdGrammar } from './ids';
import { localizable, localize, localizeLater, type Language, type Localizable } from './l10n';
import { appendListItems, type ListItem, type ListItemValue } from './listEdits';
import { outlineBody } from './body';
import { customerKey, requestersOf } from './customers';
import { scanHeadings } from './markdownBlocks';
import { formatMessage } from './messages';
import type { Problem } from './problems';
import { analyzeRequirement, type ValidationContext } from './validate';

export interface MergeOptions {
  grammar: IdGrammar;
  /** The language of the heading the duplicate's text goes under ("Merged from …"). */
  lang: Language;
  /**
   * The files that hold an ID as their own ID, and those that hold it merged (the index's view):
   * a merge across a duplicate ID, or of an ID already merged elsewhere, is refused.
   */
  holders?: (id: string) => { own: readonly string[]; merged: readonly string[] };
  /**
   * The workspace's rules: with them, a merge that would leave an error in the target that it did
   * not have (a copied requester with an unknown tier) is refused, naming it.
   */
  validation?: ValidationContext;
}

export type MergeRefusalCode = 'same-requirement' | 'duplicate-id' | 'target-unreadable' | 'duplicate-unreadable' | 'no-id' | 'not-written';

export interface MergeRefusal {
  ok: false;
  code: MergeRefusalCode;
  text: Localizable;
  /** Why, when an edit or a read refused (its own message): shown after `text` and a colon. */
  detail?: Localizable;
}

/** A refusal as one sentence in a language. */
export function mergeRefusalText(refusal: MergeRefusal, lang: Language): string {
  const text = localizeLater(lang, refusal.text);
  return refusal.detail ? localize(lang, '{0}: {1}', text, localizeLater(lang, refusal.detail)) : text;
}

export interface MergePlan {
  ok: true;
  targetId: string;
  duplicateId: string;
  targetTitle?: string;
  duplicateTitle?: string;
  /** Edits of the target's text (BOM-less offsets), front-matter and body. */
  edits: TextEdit[];
  /** Customers added as requesters of the target, in order. */
  requesters: string[];
  /** Customers of the duplicate the target already lists (not added twice). */
  knownRequesters: string[];
  /** IDs added to the target's `merged_ids`: the duplicate's, then those merged into it. */
  mergedIds: string[];
  contacts: number;
  feedback: number;
  /** The heading the duplicate's body goes under (without the `## `). */
  heading: string;
}

export type MergeResult = MergePlan | MergeRefusal;

/** The keys of a requester entry a customer mapping gives, after its own. */
const REQUEST_KEYS = ['date', 'source', 'note'] as const;

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function refusal(code: MergeRefusalCode, message: Localizable, detail?: Localizable): MergeRefusal {
  return { ok: false, code, text: message, ...(detail ? { detail } : {}) };
}

interface ReadRecord {
  data: Record<string, unknown>;
  text: string;
  bodyStart: number;
}

/** The front-matter as written (aliases, unknown keys and all) and where the body starts; why not, when it cannot be read. */
function readRecord(input: string): ReadRecord | Localizable {
  // The refusals every edit shares: no front-matter, YAML errors, not a mapping.
  const check = editFields(input, []);
  if (!check.ok) return check.text;
  const split = splitFile(input, true);
  const loaded = loadYamlCareful(split.frontMatter!.yaml).value;
  return { data: isMapping(loaded) ? loaded : {}, text: split.text, bodyStart: split.bodyStart };
}

type Copied = { ok: true; value: Record<string, ListItemValue> } | { ok: false; text: Localizable };

/** A mapping's entries that can be written into a list item: scalars and lists of text; why not otherwise. */
function copyable(entry: Record<string, unknown>, where: string): Copied {
  const out: Record<string, ListItemValue> = {};
  for (const [key, value] of Object.entries(entry)) {
    const ok =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok)
      return { ok: false, text: localizable('{0}.{1} holds a nested value that cannot be copied; simplify it before merging', where, key) };
    out[key] = value as ListItemValue;
  }
  return { ok: true, value: out };
}

/** `entry` with `customer: name` right after its `date`, when it names no customer of its own. */
function withCustomer(entry: Record<string, ListItemValue>, name: string | undefined): Record<string, ListItemValue> {
  if (!name || text(entry.customer) !== undefined) return entry;
  const out: Record<string, ListItemValue> = {};
  let placed = false;
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'customer') continue;
    out[key] = value;
    if (key === 'date') {
      out.customer = name;
      placed = true;
    }
  }
  return placed ? out : { customer: name, ...out };
}

/**
 * Plans the merge of `duplicateText` (the request folded in) into `targetText`. The caller applies
 * the edits to the target and deletes the duplicate's file in the same edit.
 */
export function planMerge(targetText: string, duplicateText: string, options: MergeOptions): MergeResult {
  const target = readRecord(targetText);
  if (!('data' in target)) return refusal('target-unreadable', localizable('the requirement to merge into cannot be edited'), target);
  const duplicate = readRecord(duplicateText);
  if (!('data' in duplicate)) return refusal('duplicate-unreadable', localizable('the duplicate cannot be read'), duplicate);
  return plan(target, duplicate, options);
}

function plan(target: ReadRecord, duplicate: ReadRecord, options: MergeOptions): MergeResult {
  const { grammar } = options;
  const targetId = text(target.data.id)?.trim();
  const duplicateId = text(duplicate.data.id)?.trim();
  if (!targetId || !grammar.isValid(targetId))
    return refusal('no-id', localizable('the requirement to merge into has no valid ID ({0})', targetId ?? '—'));
  if (!duplicateId || !grammar.isValid(duplicateId))
    return refusal('no-id', localizable('the duplicate has no valid ID ({0}): commits and links could not lead to it', duplicateId ?? '—'));
  if (targetId === duplicateId) return refusal('same-requirement', localizable('{0} cannot be merged into itself', targetId));
  for (const id of [targetId, duplicateId]) {
    const held = options.holders?.(id);
    if (held && held.own.length > 1)
      return refusal(
        'duplicate-id',
        localizable('ID {0} is held by {1} files ({2}): give each its own ID before merging', id, held.own.length, held.own.join(', ')),
      );
    if (held && held.merged.length > 0)
      return refusal(
        'duplicate-id',
        localizable('ID {0} is also listed as merged into {1}: an ID leads to one requirement; fix that first', id, held.merged.join(', ')),
      );
  }

  // Requesters: the duplicate's customer (asked on its `submitted`, by its `source`, in its
  // title's words), then its own requesters; a customer the target lists already is not repeated.
  const known = new Set(requestersOf(target.data).map((r) => r.key));
  const requesterItems: ListItem[] = [];
  const added: string[] = [];
  const knownRequesters: string[] = [];
  const customer = isMapping(duplicate.data.customer) ? duplicate.data.customer : undefined;
  const candidates: Array<{ entry: Record<string, unknown>; where: string; request?: Record<string, unknown> }> = [];
  if (customer && text(customer.name)) {
    const request: Record<string, unknown> = {};
    if (text(duplicate.data.submitted)) request.date = duplicate.data.submitted;
    if (text(duplicate.data.source)) request.source = duplicate.data.source;
    if (text(duplicate.data.title)) request.note = duplicate.data.title;
    candidates.push({ entry: customer, where: `${duplicateId} customer`, request });
  }
  (Array.isArray(duplicate.data.requesters) ? duplicate.data.requesters : []).forEach((entry: unknown, i) => {
    if (isMapping(entry) && text(entry.name)) candidates.push({ entry, where: `${duplicateId} requesters[${i}]` });
  });
  for (const { entry, where, request } of candidates) {
    const name = String(entry.name);
    const key = customerKey(name);
    if (known.has(key)) {
      if (!knownRequesters.includes(name)) knownRequesters.push(name);
      continue;
    }
    known.add(key);
    const copied = copyable(entry, where);
    if (!copied.ok) return refusal('not-written', copied.text);
    const copy = copied.value;
    for (const field of REQUEST_KEYS)
      if (request?.[field] !== undefined && copy[field] === undefined) copy[field] = request[field] as string;
    requesterItems.push(copy);
    added.push(name);
  }

  // Merged IDs: the duplicate's own and those merged into it before, each once.
  const already = new Set((Array.isArray(target.data.merged_ids) ? target.data.merged_ids : []).filter((x) => typeof x === 'string'));
  const mergedIds: string[] = [];
  for (const id of [duplicateId, ...(Array.isArray(duplicate.data.merged_ids) ? duplicate.data.merged_ids : [])]) {
    if (typeof id !== 'string' || id === targetId || already.has(id) || mergedIds.includes(id)) continue;
    mergedIds.push(id);
  }

  // Contacts and feedback, each naming the duplicate's customer: in the target a contact without
  // a customer would be its first requester's.
  const dupCustomer = customer && text(customer.name) ? String(customer.name) : undefined;
  const entriesOf = (key: 'contacts' | 'feedback'): ListItem[] | Localizable => {
    const list = Array.isArray(duplicate.data[key]) ? (duplicate.data[key] as unknown[]) : [];
    const out: ListItem[] = [];
    for (const [i, entry] of list.entries()) {
      if (!isMapping(entry)) continue;
      const copied = copyable(entry, `${duplicateId} ${key}[${i}]`);
      if (!copied.ok) return copied.text;
      out.push(withCustomer(copied.value, dupCustomer));
    }
    return out;
  };
  const contacts = entriesOf('contacts');
  if (!Array.isArray(contacts)) return refusal('not-written', contacts);
  const feedback = entriesOf('feedback');
  if (!Array.isArray(feedback)) return refusal('not-written', feedback);

  const appended = appendListItems(target.text, [
    { key: 'requesters', items: requesterItems },
    { key: 'merged_ids', items: mergedIds },
    { key: 'contacts', items: contacts },
    { key: 'feedback', items: feedback },
  ]);
  if (!appended.ok) return refusal('not-written', localizable('{0} cannot be edited', targetId), appended.text);

  const heading = localize(options.lang, 'Merged from {0}', duplicateId);
  const section = bodyAppend(target.text, heading, duplicate);
  const edits = [...appended.edits, section];
  // Read back (the front-matter was by appendListItems): the body is the old one with the section
  // added at its end, nothing else moved.
  const after = splitFile(applyTextEdits(target.text, edits), true);
  if (after.text.slice(after.bodyStart) !== target.text.slice(target.bodyStart) + section.newText)
    return refusal('not-written', localizable('the merge could not be written safely; nothing was changed'));
  if (options.validation) {
    const introduced = introducedErrors(target.text, after.text, options.validation);
    if (introduced)
      return refusal(
        'not-written',
        localizable('the merge would leave an error in {0}: {1}', targetId, formatMessage(introduced.code, introduced.args, options.lang)),
      );
  }

  return {
    ok: true,
    targetId,
    duplicateId,
    ...(text(target.data.title) ? { targetTitle: String(target.data.title) } : {}),
    ...(text(duplicate.data.title) ? { duplicateTitle: String(duplicate.data.title) } : {}),
    edits,
    requesters: added,
    knownRequesters,
    mergedIds,
    contacts: contacts.length,
    feedback: feedback.length,
    heading,
  };
}

/** The insertion at the end of the target: a blank line, the heading, the duplicate's body. */
const errorKey = (p: Problem) => `${p.code}\u0000${JSON.stringify(p.path ?? null)}\u0000${p.args.join('\u0000')}`;

/** The first error `after` has that `before` had not (by code, place and arguments). */
function introducedErrors(before: string, after: string, ctx: ValidationContext): Problem | undefined {
  const had = new Set(
    analyzeRequirement(before, ctx, { careful: true })
      .problems.filter((p) => p.severity === 'error')
      .map(errorKey),
  );
  return analyzeRequirement(after, ctx, { careful: true }).problems.find((p) => p.severity === 'error' && !had.has(errorKey(p)));
}

function bodyAppend(targetText: string, heading: string, duplicate: ReadRecord): TextEdit {
  const eol = /\r\n/.test(targetText) ? '\r\n' : '\n';
  const body = keptBody(duplicate).replace(/\r\n?/g, '\n').split('\n').join(eol);
  const end = targetText.length;
  const lead = targetText.endsWith(`${eol}${eol}`) || end === 0 ? '' : targetText.endsWith(eol) ? eol : `${eol}${eol}`;
  const section = [`## ${heading}`, ...(body ? ['', body] : [])].join(eol);
  return { start: end, end, newText: `${lead}${section}${eol}` };
}

/**
 * The duplicate's body as it goes into the target: every heading two levels down (its title
 * under the "Merged from" heading, its sections under the title), essential sections that were
 * left empty (a template's headings) left out. Everything else is as written.
 */
export function keptBody(duplicate: { text: string; bodyStart: number }): string {
  const { text: full, bodyStart } = duplicate;
  // Empty essentials out, by ranges of the whole text (the outline's coordinates).
  const cuts = outlineBody(full, bodyStart)
    .sections.filter((s) => s.empty)
    .map((s) => [s.heading.range.start, s.content.end] as const)
    .sort((a, b) => a[0] - b[0]);
  let body = '';
  let at = bodyStart;
  for (const [start, end] of cuts) {
    body += full.slice(at, start);
    at = Math.max(at, end);
  }
  body += full.slice(at);
  return demoteHeadings(body.replace(/\r\n?/g, '\n')).trim();
}

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/** Every top-level heading of `body` (LF line ends) two levels down, at most level 6, written as ATX. */
function demoteHeadings(body: string): string {
  const lines = body.split('\n');
  const lineOf = (offset: number) => body.slice(0, offset).split('\n').length - 1;
  // From the last heading up: replacing lines never shifts those above.
  for (const heading of scanHeadings(body, 0).reverse()) {
    const first = lineOf(heading.range.start);
    const line = lines[first] ?? '';
    const depth = Math.min(6, heading.depth + 2);
    const atx = /^( {0,3})(#{1,6})(?=[ \t]|$)/.exec(line);
    if (atx) {
      lines[first] = `${atx[1]}${'#'.repeat(depth)}${line.slice(atx[0].length)}`;
      continue;
    }
    // A setext heading: its lines up to the underline become one ATX line.
    let last = first;
    while (last + 1 < lines.length && !SETEXT_UNDERLINE.test(lines[last + 1]!)) last++;
    if (last + 1 >= lines.length) continue;
    const content = lines
      .slice(first, last + 1)
      .map((l) => l.trim())
      .join(' ');
    lines.splice(first, last + 2 - first, `${'#'.repeat(depth)} ${content}`);
  }
  return lines.join('\n');
}

/**
 * What a merge will do, in sentences of the UI language: the confirmation the user answers and
 * what `reqdesk merge --dry-run` prints. `duplicateFile` is how the face names the deleted file.
 */
export function describeMerge(plan: MergePlan, lang: Language, duplicateFile: string): string[] {
  const name = (id: string, title?: string) => (title ? `${id} “${title}”` : id);
  const lines = [localize(lang, 'Merge {0} into {1}.', name(plan.duplicateId, plan.duplicateTitle), name(plan.targetId, plan.targetTitle))];
  const list = (items: readonly string[]) => items.join(localize(lang, { message: ', ', comment: 'between the items of a list' }));
  if (plan.requesters.length) lines.push(localize(lang, 'Requesters added to {0}: {1}.', plan.targetId, list(plan.requesters)));
  if (plan.knownRequesters.length)
    lines.push(localize(lang, 'Already requesters of {0}, not added again: {1}.', plan.targetId, list(plan.knownRequesters)));
  if (plan.mergedIds.length)
    lines.push(
      localize(lang, 'Added to merged_ids: {0}. Commits and links that name them lead to {1}.', list(plan.mergedIds), plan.targetId),
    );
  if (plan.contacts) lines.push(localize(lang, 'Contacts copied: {0}.', plan.contacts));
  if (plan.feedback) lines.push(localize(lang, 'Feedback entries copied: {0}.', plan.feedback));
  lines.push(
    localize(lang, 'The text of {0} goes under the heading "{1}" at the end of {2}.', plan.duplicateId, plan.heading, plan.targetId),
  );
  lines.push(localize(lang, 'The file {0} is deleted.', duplicateFile));
  return lines;
}
