/**
 * A requirement's history: how its tracked fields changed from one committed version of its file
 * to the next (who moved the status, re-scored it, changed the strategy, and when).
 *
 * Pure: the versions come in as text, already read from git by the caller. Each version is read
 * the way the index reads a file (the fast YAML loader, the careful one only when the fast one
 * declines) and enum aliases are normalised first, so `status: 新建` and `status: new` are the
 * same value and rewriting a file in the other language is no change.
 *
 * What counts as a change is a difference between the tracked values of two readable versions.
 * The body, and any field not tracked, is ignored: an edit that touches only them adds nothing.
 */
import { loadYamlCareful, loadYamlFast, splitFile } from './frontmatter';
import { priorityFromScores } from './priority';
import { knownKeysAt, normalizeAliases } from './schema';
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

/** What happened to the file itself at a commit, besides field changes. */
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

export interface FieldChange {
  /** A front-matter key, dotted for nested ones: `status`, `scores.urgency`. */
  field: string;
  /** undefined: the field was absent (or empty). */
  from: unknown;
  to: unknown;
}

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
   * Tracked fields that differ from the last readable version, in TRACKED_FIELDS order. After
   * 'created' or 'restored' every field that has a value is listed, `from` undefined.
   */
  changes: FieldChange[];
}

export interface HistoryOptions {
  /** The importance × urgency threshold (reqdesk.priority.threshold). */
  threshold?: number;
}

// Scores come from the schema so that a score key added there is tracked without touching this.
const SCORE_FIELDS = knownKeysAt(['scores']).map((key) => `scores.${key}`);

/**
 * The fields a history reports, in the order a commit's changes are listed. `priority` is the one
 * the product shows: the stored priority when the file overrules the rule, else the one derived
 * from importance × urgency, so a re-score that moves a requirement to P1 is a priority change.
 */
export const TRACKED_FIELDS: readonly string[] = [
  'status',
  'priority',
  'priority_reason',
  ...SCORE_FIELDS,
  'strategy',
  'decline_reason',
  'type',
  'title',
  'horizon',
  'id',
];

export type TrackedValues = ReadonlyMap<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// An empty YAML value (`strategy:`) means "not set", the same as a missing key.
const present = (value: unknown): unknown => (value === null ? undefined : value);

/**
 * The tracked values of one version's text, or why its front-matter cannot be read. Absent fields
 * are left out of the map.
 */
export function readTracked(
  text: string,
  options: HistoryOptions = {},
): { ok: true; values: TrackedValues } | { ok: false; reason: UnreadableReason } {
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

  const values = new Map<string, unknown>();
  const put = (field: string, value: unknown) => {
    const v = present(value);
    if (v !== undefined) values.set(field, v);
  };
  const scores = isPlainObject(raw.scores) ? raw.scores : {};
  const score = (key: string): number | undefined => (typeof scores[key] === 'number' ? (scores[key] as number) : undefined);
  const stored = present(raw.priority);
  for (const field of TRACKED_FIELDS) {
    if (field === 'priority') {
      put(
        field,
        stored ?? priorityFromScores(score('importance'), score('urgency'), options.threshold ?? DEFAULT_SETTINGS.priorityThreshold),
      );
    } else if (field.startsWith('scores.')) put(field, scores[field.slice('scores.'.length)]);
    else put(field, raw[field]);
  }
  return { ok: true, values };
}

/** Structural equality of parsed YAML values (scalars, lists, maps). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    return a.length === list.length && a.every((item, i) => sameValue(item, list[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const EMPTY: TrackedValues = new Map();

function diff(before: TrackedValues, after: TrackedValues): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELDS) {
    const from = before.get(field);
    const to = after.get(field);
    if (!sameValue(from, to)) changes.push({ field, from, to });
  }
  return changes;
}

/**
 * The history of one file from its versions, oldest first. Only commits where something happened
 * give an entry; the result is oldest first too.
 */
export function historyOf(versions: readonly FileVersion[], options: HistoryOptions = {}): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  /** The last readable values while the file exists; EMPTY before the first one. */
  let baseline: TrackedValues = EMPTY;
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
      baseline = EMPTY;
      entries.push(entry);
      continue;
    }

    if (!exists) entry.fileEvents.unshift(existedBefore ? 'restored' : 'created');
    exists = existedBefore = true;
    const read = readTracked(version.text, options);
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
      entry.changes = diff(baseline, read.values);
      baseline = read.values;
    }
    if (entry.fileEvents.length > 0 || entry.changes.length > 0) entries.push(entry);
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
