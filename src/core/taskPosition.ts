// Where a task stands in a record's front-matter, for edits of its fields by list position.
import * as YAML from 'yaml';
import { splitFile } from './frontmatter';

/**
 * The position of the task with this id among the raw `tasks` items of the front matter (the
 * index's `data.tasks` may have dropped invalid items, so its positions can be off). The first
 * occurrence wins, as in scheduling; undefined when there is no such task.
 */
export function rawTaskIndex(text: string, taskId: string): number | undefined {
  const yaml = splitFile(text).frontMatter?.yaml;
  if (yaml === undefined) return undefined;
  const doc = YAML.parseDocument(yaml, { uniqueKeys: false });
  const tasks = doc.get('tasks');
  if (!YAML.isSeq(tasks)) return undefined;
  for (let i = 0; i < tasks.items.length; i++) {
    const item = tasks.items[i];
    if (!YAML.isMap(item)) continue;
    const id = item.get('id');
    if (id !== undefined && id !== null && String(id) === taskId) return i;
  }
  return undefined;
}
