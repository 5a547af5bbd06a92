/**
 * A requirement's history: how its front-matter and its four essential sections changed from one
 * committed version of its file to the next (who moved the status, re-scored it, rewrote the
 * expected goal, ticked off a task, and when).
 *
 * Pure: the versions come in as text, already read from git by the caller. Each version is read
 * the way the index reads a file (the fast YAML loader, the careful one only when the fast one
 * declines) and enum aliases are normalised first, so `status: 新建` and `status: new` are the
 * same value and rewriting a file in the other language is no change.
 *
 * What counts as a change between two readable versions:
 * - every front-matter field, known to the schema or not, compared as fieldDiff says (nested keys
 *   dotted, list items by task ID or position); `priority` is the one the product shows;
 * - the text of each of the four essentials, compared as bodyHistory says (white space, HTML
 *   comments and the heading's wording are no change);
 * - the rest of the body is summarised: `otherTextChanged` says it changed, without its text.
 */
import { bodyTexts, otherTextChanged, sectionChanges, type BodyTexts, type SectionChange } from './bodyHistory';
import { fieldChanges, isPlainObject, type FieldChange } from './fieldDiff';
import { loadYamlCareful, loadYamlFast, splitFile } from './frontmatter';
import { priorityFromScores } from './priority';
import { normalizeAliases } from './schema';
import { DEFAULT_SETTINGS } from './settings';

/** One committed version of a requirement file. */
export interface FileVersion {
  commit: string;
  author: string;
  /** ISO 8601, as git gives it. */
  date: string;
  /** Repository-relative path at this commit, `/` separators. */
  path: string;
  /** The file's text; undefined when this commit deleted it. */
  text: string | undefined;
}

/** What happened to the file itself at a commit, besides changes to its content. */
export type FileEvent =
  /** The first version. */
  | 'created'
  /** Added again after a deletion. */
  | 'restored'
  /** Moved from `renamedFrom`. */
  | 'renamed'
  | 'deleted'
  /** The front-matter stopped being readable here: fields are compared again from the next readable version. */
  | 'unreadable'
  /** The front-matter is readable again after an unreadable stretch. */
  | 'readable';

export type UnreadableReason = 'no-front-matter' | 'unclosed' | 'not-yaml' | 'yaml-error' | 'not-mapping';

export interface HistoryEntry {
  commit: string;
  author: string;
  date: string;
  path: string;
  fileEvents: FileEvent[];
  /** With 'renamed': the path before this commit. */
  renamedFrom?: string;
  /** With 'unreadable': why the front-matter could not be read. */
  unreadable?: UnreadableReason;
  /**
   * Fields that differ from the last readable version, in fieldDiff's order (LEADING_FIELDS first).
   * After 'created' or 'restored' every field that has a value is listed, `from` undefined.
   */
  changes: FieldChange[];
  /** Essentials whose text differs, in ESSENTIAL_KEYS order (after 'created' or 'restored': each that has text); absent when none. */
  sections?: SectionChange[];
  /** The body outside the essentials and the title heading changed; absent when it did not (and after 'created' or 'restored'). */
  otherTextChanged?: true;
}

export interface HistoryOptions {
  /** The importance × urgency threshold (reqdesk.priority.threshold). */
  threshold?: number;
}

/** One readable version as history compares it. */
export interface VersionContent {
  /**
   * The front-matter with enum aliases replaced and `priority` the one the product shows: the
   * stored one when the file overrules the rule, else the one derived from importance × urgency
   * (so a re-score that moves a requirement to P1 is a priority change).
   */
  fields: Readonly<Record<string, unknown>>;
  body: BodyTexts;
}

/** One version's content, or why its front-matter cannot be read. */
export function readVersion(
  text: string,
  options: HistoryOptions = {},
): { ok: true; content: VersionContent } | { ok: false; reason: UnreadableReason } {
  const split = splitFile(text);
  const fm = split.frontMatter;
  if (!fm) return { ok: false, reason: 'no-front-matter' };
  if (!fm.closed) return { ok: false, reason: 'unclosed' };
  if (fm.language && fm.language !== 'yaml' && fm.language !== 'yml') return { ok: false, reason: 'not-yaml' };
  let raw: unknown;
  const fast = loadYamlFast(fm.yaml);
  if (fast.ok) raw = fast.value;
  else {
    const careful = loadYamlCareful(fm.yaml);
    if (careful.issues.length > 0) return { ok: false, reason: 'yaml-error' };
    raw = careful.value;
  }
  if (raw === undefined || raw === null) raw = {};
  if (!isPlainObject(raw)) return { ok: false, reason: 'not-mapping' };
  normalizeAliases(raw);

  const scores = isPlainObject(raw.scores) ? raw.scores : {};
  const score = (key: string): number | undefined => (typeof scores[key] === 'number' ? (scores[key] as number) : undefined);
  const stored = raw.priority ?? undefined;
  const fields: Record<string, unknown> = {
    ...raw,
    priority: stored ?? priorityFromScores(score('importance'), score('urgency'), options.threshold ?? DEFAULT_SETTINGS.priorityThreshold),
  };
  const title = typeof raw.title === 'string' ? raw.title : undefined;
  return { ok: true, content: { fields, body: bodyTexts(text, title) } };
}

function diff(before: VersionContent | undefined, after: VersionContent): Pick<HistoryEntry, 'changes' | 'sections' | 'otherTextChanged'> {
  const sections = sectionChanges(before?.body, after.body);
  return {
    changes: fieldChanges(before?.fields, after.fields),
    ...(sections.length > 0 ? { sections } : {}),
    ...(before && otherTextChanged(before.body, after.body) ? { otherTextChanged: true as const } : {}),
  };
}

/**
 * The history of one file from its versions, oldest first. Only commits where something happened
 * give an entry; the result is oldest first too.
 */
export function historyOf(versions: readonly FileVersion[], options: HistoryOptions = {}): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  /** The last readable content while the file exists; undefined before the first one. */
  let baseline: VersionContent | undefined;
  let exists = false;
  let existedBefore = false;
  let broken = false;
  let lastPath: string | undefined;

  for (const version of versions) {
    const entry: HistoryEntry = {
      commit: version.commit,
      author: version.author,
      date: version.date,
      path: version.path,
      fileEvents: [],
      changes: [],
    };
    if (lastPath !== undefined && lastPath !== version.path) {
      entry.fileEvents.push('renamed');
      entry.renamedFrom = lastPath;
    }
    lastPath = version.path;

    if (version.text === undefined) {
      // A deletion of a file never seen (history cut short by a shallow clone) says nothing.
      if (!exists) continue;
      entry.fileEvents.push('deleted');
      exists = false;
      broken = false;
      // A record that comes back is listed in full, like a new one: its status starts over.
      baseline = undefined;
      entries.push(entry);
      continue;
    }

    if (!exists) entry.fileEvents.unshift(existedBefore ? 'restored' : 'created');
    exists = existedBefore = true;
    const read = readVersion(version.text, options);
    if (!read.ok) {
      // Reported once per unreadable stretch: later commits that leave it broken add nothing.
      if (!broken) {
        entry.fileEvents.push('unreadable');
        entry.unreadable = read.reason;
      }
      broken = true;
    } else {
      if (broken) entry.fileEvents.push('readable');
      broken = false;
      Object.assign(entry, diff(baseline, read.content));
      baseline = read.content;
    }
    if (entry.fileEvents.length > 0 || entry.changes.length > 0 || entry.sections || entry.otherTextChanged) entries.push(entry);
  }
  return entries;
}

export interface StatusSpan {
  status: string;
  /** ISO date of the commit that set the status. */
  from: string;
  /** ISO date of the commit that changed it or deleted the file; undefined while it still holds. */
  to: string | undefined;
}

function statusText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * How long the requirement stayed in each status, from a history's entries (oldest first). Spans
 * are in history order and follow commit dates as recorded: a rebased commit can carry an earlier
 * date than the one before it, and its span then looks negative.
 */
export function timeInStatus(entries: readonly HistoryEntry[]): StatusSpan[] {
  const spans: StatusSpan[] = [];
  let current: StatusSpan | undefined;
  const close = (date: string) => {
    if (current) spans.push({ ...current, to: date });
    current = undefined;
  };
  for (const entry of entries) {
    if (entry.fileEvents.includes('deleted')) {
      close(entry.date);
      continue;
    }
    const change = entry.changes.find((c) => c.field === 'status');
    if (!change) continue;
    close(entry.date);
    if (change.to !== undefined) current = { status: statusText(change.to), from: entry.date, to: undefined };
  }
  if (current) spans.push(current);
  return spans;
}
