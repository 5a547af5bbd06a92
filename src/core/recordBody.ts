// A record's body as the record table carries it: the text of each of the four essentials (需求描述,
// 客户背景, 需求场景, 期望目标) and the rest of the body (what is outside them, the title heading
// aside), so that an export imports back into the same sections. The import writes the essentials
// under the template's headings and in its order; the rest keeps its place around them: what came
// before the first section heading stays above the essentials, the other sections follow them.
import { ESSENTIAL_KEYS, outlineBody, type EssentialKey } from './body';
import { splitFile } from './frontmatter';
import { scanHeadings } from './markdownBlocks';

export interface BodyParts {
  /** Each essential's text, trimmed, line breaks as `\n`; '' when the section is missing or empty. */
  sections: Record<EssentialKey, string>;
  /** The body outside the essentials and the title heading, its parts joined by one blank line. */
  rest: string;
}

const lf = (text: string) => text.replace(/\r\n?/g, '\n');

/** The parts of a file's body. The first-level heading is left out when it reads as the title (the import writes `# title`). */
export function bodyParts(fileText: string, title: string | undefined): BodyParts {
  const split = splitFile(fileText);
  const text = split.text;
  const outline = outlineBody(text, split.bodyStart);
  const sections = Object.fromEntries(ESSENTIAL_KEYS.map((k) => [k, ''])) as Record<EssentialKey, string>;
  // The ranges cut out of the body: each essential (heading and text) and the title heading's line.
  const cuts: Array<[number, number]> = [];
  for (const s of outline.sections) {
    sections[s.key] = lf(text.slice(s.content.start, s.content.end)).trim();
    cuts.push([s.heading.range.start, s.content.end]);
  }
  if (outline.title) {
    const lineEnd = text.indexOf('\n', outline.title.range.end);
    const line = text.slice(outline.title.range.start, lineEnd === -1 ? text.length : lineEnd).trim();
    // The heading the template writes (`# title`, whatever Markdown makes of it), or one that reads as the title.
    if (title === undefined || outline.title.text.trim() === title.trim() || line === `# ${title}`.trim())
      cuts.push([outline.title.range.start, lineEnd === -1 ? text.length : lineEnd + 1]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let at = split.bodyStart;
  for (const [start, end] of cuts) {
    if (start > at) pieces.push(text.slice(at, start));
    at = Math.max(at, end);
  }
  pieces.push(text.slice(at));
  return { sections, rest: joinParts(pieces) };
}

/** Parts of Markdown trimmed and joined by one blank line, empty ones left out. */
export function joinParts(parts: readonly string[]): string {
  return parts
    .map((p) => lf(p).trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

/**
 * The rest of a body split where the import puts the essentials: `lead` is the text before its
 * first heading of level 1 or 2 (it stays above the essentials, so that it does not become part
 * of the last one), `tail` that heading and all after it.
 */
export function splitRest(rest: string): { lead: string; tail: string } {
  const text = lf(rest);
  const heading = scanHeadings(text, 0).find((h) => h.depth <= 2);
  if (!heading) return { lead: text.trim(), tail: '' };
  return { lead: text.slice(0, heading.range.start).trim(), tail: text.slice(heading.range.start).trim() };
}
