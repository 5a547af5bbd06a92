// A requirement whose front-matter cannot be read has no ID in the index, yet a user names it by
// the ID its file says: `history` and `set` find it by its `id:` line.
import { splitFile } from '../core/frontmatter';
import type { RequirementIndex } from '../core/index';

const ID_LINE = (id: string) => new RegExp(`^id[ \\t]*:[ \\t]*(["']?)${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1[ \\t]*(?:#.*)?$`, 'm');

/**
 * The records (in the index's order) the index has no ID for whose front matter has an `id:` line
 * with this ID, with their text. A file gone since the index read it, or over the size limit
 * (`textOf` gives undefined), is not a match.
 */
export function unreadableWithId(
  index: RequirementIndex,
  id: string,
  textOf: (file: string) => string | undefined,
): Array<{ file: string; text: string }> {
  const pattern = ID_LINE(id);
  const found: Array<{ file: string; text: string }> = [];
  for (const r of index.all()) {
    if (r.data.id !== undefined || r.skipped) continue;
    const text = textOf(r.file);
    const fm = text === undefined ? undefined : splitFile(text).frontMatter;
    if (text !== undefined && fm && pattern.test(fm.yaml)) found.push({ file: r.file, text });
  }
  return found;
}
