/**
 * Two baselines compared: which requirement records were added, removed and changed between two
 * revisions of a repository (two tags, a tag and the working tree), for a release note or a review.
 *
 * Pure: each revision comes in as its requirement files, path → text, already chosen by the include
 * and exclude globs and read by the caller. Each file is read the way a requirement's history reads
 * a version (history.ts's readVersion: enum aliases normalised, so `status: 新建` and `status: new`
 * are the same value; the priority the product shows), and two versions of a record are compared
 * the way history compares consecutive commits (fieldDiff for the front-matter, bodyHistory for the
 * four essential sections and the rest of the body).
 *
 * Which file is which record:
 * - a record with an `id` is matched by it, wherever its file is: a file renamed or moved with the
 *   same ID is the same record (`renamedFrom`). When an ID is held by several files on a side (a
 *   duplicate), files at the same path pair first, then the rest in path order;
 * - a file without an ID (a proposal named only by its file name, a front-matter that cannot be
 *   read) is matched by its path; such a file left over on one side still pairs with a file at the
 *   same path on the other, so a record that lost its ID or broke its front-matter is changed, not
 *   removed and added again.
 */
import { otherTextChanged, sectionChanges, sectionText, type SectionChange } from './bodyHistory';
import { fieldChanges, type FieldChange } from './fieldDiff';
import { readVersion, type HistoryOptions, type UnreadableReason, type VersionContent } from './history';

/** A revision's requirement files: path (relative to the workspace folder, `/` separators) → text. */
export type RevisionFiles = ReadonlyMap<string, string>;

/** One record as it is at one side. */
export interface BaselineRecord {
  /** The record's `id`; undefined when it has none (or its front-matter cannot be read). */
  id: string | undefined;
  path: string;
  /** The `title` field, when it is text. */
  title: string | undefined;
  /** The front-matter, normalised (see history.ts's VersionContent); undefined when unreadable. */
  fields: Readonly<Record<string, unknown>> | undefined;
  /** Why the front-matter cannot be read; undefined when it can. */
  unreadable: UnreadableReason | undefined;
}

export interface ChangedRecord {
  /** The record at the newer side. */
  record: BaselineRecord;
  /** The path at the older side, when the file moved. */
  renamedFrom?: string;
  /**
   * Fields that differ (nested keys dotted, list items by task ID or position: see fieldDiff). When
   * the older side was unreadable, every field of the newer one, `from` undefined.
   */
  changes: FieldChange[];
  /** Essentials whose text differs, in ESSENTIAL_KEYS order. */
  sections: SectionChange[];
  /** The body outside the essentials and the title heading changed. */
  otherTextChanged?: true;
  /** The front-matter could not be read at one side or both: why, at each. */
  unreadable?: { from: UnreadableReason | undefined; to: UnreadableReason | undefined };
}

export interface BaselineDiff {
  /** Records only at the newer side, in record order (ID, else path). */
  added: BaselineRecord[];
  /** Records only at the older side (as they were there), in record order. */
  removed: BaselineRecord[];
  /** Records at both sides that differ, in record order. */
  changed: ChangedRecord[];
}

interface Side {
  record: BaselineRecord;
  content: VersionContent | undefined;
  /** The text as compared when the front-matter cannot be read (white space and comments are no change). */
  text: string;
}

function readSide(path: string, text: string, options: HistoryOptions): Side {
  const read = readVersion(text, options);
  if (!read.ok) {
    return {
      record: { id: undefined, path, title: undefined, fields: undefined, unreadable: read.reason },
      content: undefined,
      text: sectionText(text),
    };
  }
  const { fields } = read.content;
  const id = typeof fields.id === 'string' && fields.id.trim() !== '' ? fields.id.trim() : undefined;
  const title = typeof fields.title === 'string' ? fields.title : undefined;
  return { record: { id, path, title, fields, unreadable: undefined }, content: read.content, text: '' };
}

/** The order records are listed in: by ID, records without one by path after them. */
export function compareRecords(a: Pick<BaselineRecord, 'id' | 'path'>, b: Pick<BaselineRecord, 'id' | 'path'>): number {
  const key = (r: Pick<BaselineRecord, 'id' | 'path'>) => [r.id === undefined ? 1 : 0, r.id ?? '', r.path] as const;
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

const byPath = (a: Side, b: Side) => (a.record.path < b.record.path ? -1 : a.record.path > b.record.path ? 1 : 0);

/** Pairs the sides (see the file's comment); what is left over is added or removed. */
function match(older: Side[], newer: Side[]): { pairs: Array<[Side, Side]>; onlyOlder: Side[]; onlyNewer: Side[] } {
  const pairs: Array<[Side, Side]> = [];
  const group = (sides: Side[]) => {
    const ids = new Map<string, Side[]>();
    const paths = new Map<string, Side>();
    for (const s of sides) {
      if (s.record.id === undefined) paths.set(s.record.path, s);
      else ids.set(s.record.id, [...(ids.get(s.record.id) ?? []), s]);
    }
    return { ids, paths };
  };
  const a = group(older);
  const b = group(newer);
  const leftOlder: Side[] = [...a.paths.values()];
  const leftNewer: Side[] = [...b.paths.values()];
  for (const [id, olderFiles] of a.ids) {
    const newerFiles = b.ids.get(id) ?? [];
    b.ids.delete(id);
    const newerAt = new Map(newerFiles.map((s) => [s.record.path, s]));
    const restOlder: Side[] = [];
    for (const s of olderFiles) {
      const same = newerAt.get(s.record.path);
      if (same) {
        pairs.push([s, same]);
        newerAt.delete(s.record.path);
      } else restOlder.push(s);
    }
    const restNewer = [...newerAt.values()].sort(byPath);
    restOlder.sort(byPath);
    const n = Math.min(restOlder.length, restNewer.length);
    for (let i = 0; i < n; i++) pairs.push([restOlder[i]!, restNewer[i]!]);
    for (let i = n; i < restOlder.length; i++) leftOlder.push(restOlder[i]!);
    for (let i = n; i < restNewer.length; i++) leftNewer.push(restNewer[i]!);
  }
  for (const files of b.ids.values()) for (const f of files) leftNewer.push(f);

  // Files left over at the same path on both sides are one record (an ID added, removed or broken).
  const newerByPath = new Map(leftNewer.map((s) => [s.record.path, s]));
  const onlyOlder: Side[] = [];
  for (const s of leftOlder) {
    const same = newerByPath.get(s.record.path);
    if (same) {
      pairs.push([s, same]);
      newerByPath.delete(s.record.path);
    } else onlyOlder.push(s);
  }
  return { pairs, onlyOlder, onlyNewer: [...newerByPath.values()] };
}

/** How the newer side differs from the older one; undefined when it does not. */
function compare(older: Side, newer: Side): ChangedRecord | undefined {
  const changed: ChangedRecord = { record: newer.record, changes: [], sections: [] };
  if (older.record.path !== newer.record.path) changed.renamedFrom = older.record.path;
  if (older.content && newer.content) {
    changed.changes = fieldChanges(older.content.fields, newer.content.fields);
    changed.sections = sectionChanges(older.content.body, newer.content.body);
    if (otherTextChanged(older.content.body, newer.content.body)) changed.otherTextChanged = true;
  } else if (newer.content) {
    // Readable again: its values are listed as values, as for a record that came back.
    changed.changes = fieldChanges(undefined, newer.content.fields);
    changed.unreadable = { from: older.record.unreadable, to: undefined };
  } else {
    changed.unreadable = { from: older.record.unreadable, to: newer.record.unreadable };
    // Unreadable at both sides, with the same reason and the same text: nothing to report.
    if (older.content === undefined && older.record.unreadable === newer.record.unreadable && older.text === newer.text) {
      changed.unreadable = undefined;
    }
  }
  const differs =
    changed.renamedFrom !== undefined ||
    changed.changes.length > 0 ||
    changed.sections.length > 0 ||
    changed.otherTextChanged === true ||
    changed.unreadable !== undefined;
  if (!differs) return undefined;
  if (changed.unreadable === undefined) delete changed.unreadable;
  return changed;
}

/** The records added, removed and changed from `older` to `newer`. */
export function baselineDiff(older: RevisionFiles, newer: RevisionFiles, options: HistoryOptions = {}): BaselineDiff {
  const read = (files: RevisionFiles) => [...files].map(([path, text]) => readSide(path, text, options));
  const { pairs, onlyOlder, onlyNewer } = match(read(older), read(newer));
  const changed: ChangedRecord[] = [];
  for (const [a, b] of pairs) {
    const c = compare(a, b);
    if (c) changed.push(c);
  }
  return {
    added: onlyNewer.map((s) => s.record).sort(compareRecords),
    removed: onlyOlder.map((s) => s.record).sort(compareRecords),
    changed: changed.sort((x, y) => compareRecords(x.record, y.record)),
  };
}
