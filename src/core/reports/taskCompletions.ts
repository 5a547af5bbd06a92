/**
 * When each task of a requirement was marked done, from the committed versions of its file (the
 * weekly report's "done in the week"). Pure: the versions come in as text, already read from git.
 *
 * A task's completion date is the date of the commit that moved its `status` to done from another
 * value, in a version where the task already existed; when it went back and was done again, the
 * last such commit. A task first committed already done (or added again after the file was deleted)
 * has no completion date: when it was done is not in the history, and it is never guessed. Neither
 * has a task that is not done in the last committed version. Versions whose front-matter cannot be
 * read are skipped: the next readable one is compared with the last readable one, as the field
 * history does. Statuses are compared after their aliases are normalised (`完成` is done).
 */
import { loadYamlCareful, loadYamlFast, splitFile } from '../frontmatter';
import type { FileVersion } from '../history';
import { normalizeAliases } from '../schema';
import { dateOfTimestamp } from './range';

/** Task ID → the date (YYYY-MM-DD) it was marked done. */
export type TaskCompletions = ReadonlyMap<string, string>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each task's status in one version (the first task of an ID counts), or undefined when its front-matter cannot be read. */
function taskStatuses(text: string): Map<string, unknown> | undefined {
  const fm = splitFile(text).frontMatter;
  if (!fm || !fm.closed || (fm.language && fm.language !== 'yaml' && fm.language !== 'yml')) return undefined;
  let raw: unknown;
  const fast = loadYamlFast(fm.yaml);
  if (fast.ok) raw = fast.value;
  else {
    const careful = loadYamlCareful(fm.yaml);
    if (careful.issues.length > 0) return undefined;
    raw = careful.value;
  }
  if (raw === undefined || raw === null) raw = {};
  if (!isObject(raw)) return undefined;
  normalizeAliases(raw);
  const statuses = new Map<string, unknown>();
  for (const task of Array.isArray(raw.tasks) ? raw.tasks : []) {
    if (isObject(task) && typeof task.id === 'string' && !statuses.has(task.id)) statuses.set(task.id, task.status);
  }
  return statuses;
}

/** The completion date of every task done in the last committed version whose completion a commit dates. */
export function taskCompletionDates(versions: readonly FileVersion[]): Map<string, string> {
  const done = new Map<string, string>();
  /** The tasks of the last readable version while the file exists; undefined before the first one. */
  let previous: Map<string, unknown> | undefined;
  for (const version of versions) {
    if (version.text === undefined) {
      previous = undefined;
      done.clear();
      continue;
    }
    const statuses = taskStatuses(version.text);
    if (!statuses) continue;
    const date = dateOfTimestamp(version.date);
    for (const [task, status] of statuses) {
      if (status !== 'done') done.delete(task);
      else if (previous?.has(task) && previous.get(task) !== 'done' && date) done.set(task, date);
      else if (!previous?.has(task)) done.delete(task);
    }
    for (const task of done.keys()) if (!statuses.has(task)) done.delete(task);
    previous = statuses;
  }
  return done;
}
