// When a record's promises were kept, read off its file's committed versions: the day it was
// delivered and the days its tasks started and were done. Pure: the versions come in as text,
// read from git by the caller (src/git/fileHistory.ts); the promise ledger (promises.ts) takes
// the result.
//
// Rules, all by commit date as its author wrote it (the date part of `%aI`):
// - delivered: the commit that first moved `status` from another value into delivered, verified
//   or closed, exactly as the implementation report dates deliveries (reports/figures.ts'
//   deliveryDate), so the ledger and the report's "on time" agree.
// - a task done: the first commit that moved the task's `status` from another value to `done`.
// - a task started: the first commit that moved it from todo, blocked or no status to doing or done.
// A file (or a task) that first appears already there was so before its history begins: no date.
import { loadYamlCareful, loadYamlFast, splitFile } from './frontmatter';
import { historyOf, type FileVersion, type HistoryOptions } from './history';
import { deliveryDate } from './reports/figures';
import { dateOfTimestamp } from './reports/range';
import { normalizeAliases } from './schema';

/** When things happened to one record, from git; a date missing is one the history does not show. */
export interface RecordDates {
  delivered?: string;
  tasks: ReadonlyMap<string, { started?: string; done?: string }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each task's status in one version's text (id → status, `todo` when none is written); undefined when unreadable. */
function taskStatuses(text: string): Map<string, string> | undefined {
  const fm = splitFile(text).frontMatter;
  if (!fm || !fm.closed) return undefined;
  const fast = loadYamlFast(fm.yaml);
  const raw = fast.ok ? fast.value : loadYamlCareful(fm.yaml).value;
  if (!isObject(raw)) return undefined;
  normalizeAliases(raw);
  const out = new Map<string, string>();
  for (const task of Array.isArray(raw.tasks) ? raw.tasks : []) {
    if (!isObject(task) || typeof task.id !== 'string' || out.has(task.id)) continue;
    out.set(task.id, typeof task.status === 'string' ? task.status : 'todo');
  }
  return out;
}

const STARTED = new Set(['doing', 'done']);

/** The dates of one record from its committed versions, oldest first (see the module comment). */
export function recordDatesOf(versions: readonly FileVersion[], options: HistoryOptions = {}): RecordDates {
  const tasks = new Map<string, { started?: string; done?: string }>();
  let before: Map<string, string> | undefined;
  for (const version of versions) {
    if (version.text === undefined) {
      // Deleted: a task of the file restored later starts over, like the file's status does.
      before = undefined;
      continue;
    }
    const now = taskStatuses(version.text);
    // An unreadable version says nothing; the next readable one is compared with the last readable.
    if (!now) continue;
    const date = dateOfTimestamp(version.date);
    if (before && date) {
      for (const [id, status] of now) {
        const was = before.get(id);
        if (was === undefined) continue;
        const slot = tasks.get(id) ?? {};
        if (slot.started === undefined && STARTED.has(status) && !STARTED.has(was)) slot.started = date;
        if (slot.done === undefined && status === 'done' && was !== 'done') slot.done = date;
        if (slot.started !== undefined || slot.done !== undefined) tasks.set(id, slot);
      }
    }
    before = now;
  }
  const delivered = deliveryDate(historyOf(versions, options));
  return { ...(delivered ? { delivered } : {}), tasks };
}
