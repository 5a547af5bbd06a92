// Where each entry of a top-level list of IDs (`related:`, `merged_ids:`) is written, found by
// scanning the front-matter text: a dangling link or a merged ID another record holds is a
// cross-record problem the index finds long after the file was read, so the ranges are kept with
// the record. A line scan rather than the YAML document: it costs the
// bulk index nothing on files without `related`, and it gives the same answer whichever path
// (fast or careful) read the file.
import type { SplitFile } from './frontmatter';
import { firstAtOrAfter } from './sortedSearch';
import type { OffsetRange } from './text';

const isIdChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_-]/u.test(c);

/** Where a top-level key's value runs: from after its key to the next top-level key (or the end). */
function listBlock(yaml: string, name: string): { start: number; end: number } | undefined {
  const key = new RegExp(`^(?:${name}|"${name}"|'${name}')[ \\t]*:`, 'm').exec(yaml);
  if (!key) return undefined;
  const start = key.index + key[0].length;
  // The next line that starts in column 0 with anything but a list dash, a comment or a blank.
  const next = /\n(?![-#\s]|$)/.exec(yaml.slice(start));
  return { start, end: next ? start + next.index : yaml.length };
}

/**
 * Where comments start on each line of the block (a `#` at the line's start or after a blank),
 * found in one pass: entries on one long line must not each scan it again.
 */
function commentStarts(yaml: string, block: { start: number; end: number }): { lineStarts: number[]; comments: number[] } {
  const lineStarts: number[] = [];
  const comments: number[] = [];
  let lineStart = yaml.lastIndexOf('\n', block.start) + 1;
  while (lineStart < block.end) {
    let lineEnd = yaml.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > block.end) lineEnd = block.end;
    const comment = /(?:^|[ \t])#/.exec(yaml.slice(lineStart, lineEnd));
    lineStarts.push(lineStart);
    comments.push(comment ? lineStart + comment.index : Infinity);
    lineStart = lineEnd + 1;
  }
  return { lineStarts, comments };
}

/**
 * The range (offsets into the file text) of each entry of `related`, in order; undefined for an
 * entry given as undefined (not looked for) or not found as written (an escape in a quoted
 * string…). Each entry is looked for after the previous one found, as a whole word outside comments.
 */
export function relatedEntryRanges(split: SplitFile, entries: readonly (string | undefined)[]): (OffsetRange | undefined)[] {
  return listEntryRanges(split, 'related', entries);
}

/** As relatedEntryRanges, for the top-level list `key` (a plain key: letters, digits and `_`). */
export function listEntryRanges(split: SplitFile, key: string, entries: readonly (string | undefined)[]): (OffsetRange | undefined)[] {
  const fm = split.frontMatter;
  const block = fm ? listBlock(fm.yaml, key) : undefined;
  if (!fm || !block) return entries.map(() => undefined);
  const yaml = fm.yaml;
  const { lineStarts, comments } = commentStarts(yaml, block);
  const commented = (at: number) => {
    const line = firstAtOrAfter(lineStarts, at + 1) - 1;
    return line >= 0 && at >= comments[line]!;
  };
  let cursor = block.start;
  return entries.map((entry) => {
    if (!entry) return undefined;
    for (let at = yaml.indexOf(entry, cursor); at !== -1 && at + entry.length <= block.end; at = yaml.indexOf(entry, at + 1)) {
      const end = at + entry.length;
      if (isIdChar(yaml[at - 1]) || isIdChar(yaml[end]) || commented(at)) continue;
      cursor = end;
      return { start: fm.yamlStart + at, end: fm.yamlStart + end };
    }
    return undefined;
  });
}
