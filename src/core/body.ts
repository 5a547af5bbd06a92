// The Markdown body: its title heading and the four essentials (需求描述, 客户背景, 需求场景, 期望目标).
//
// The headings come from a line scanner that follows CommonMark's block structure (markdownBlocks),
// in time linear in the body whatever it holds. remark is the reference it is tested against
// (property tests and every proposal of a real corpus), never run on a body.
import { scanHeadings, type Heading } from './markdownBlocks';
import type { OffsetRange } from './text';

export type { Heading } from './markdownBlocks';

export type EssentialKey = 'description' | 'background' | 'scenario' | 'goal';
export const ESSENTIAL_KEYS: readonly EssentialKey[] = ['description', 'background', 'scenario', 'goal'];

const ESSENTIAL_PATTERNS: ReadonlyArray<[EssentialKey, RegExp]> = [
  ['description', /需求描述|(?<![A-Za-z])description(?![A-Za-z])/i],
  ['background', /客户背景|(?<![A-Za-z])background(?![A-Za-z])/i],
  ['scenario', /需求场景|使用场景|(?<![A-Za-z])scenarios?(?![A-Za-z])/i],
  ['goal', /期望目标|(?<![A-Za-z])(?:expected\s+)?goals?(?![A-Za-z])/i],
];

export interface Section {
  key: EssentialKey;
  heading: Heading;
  /** From after the heading line to the next heading of the same or a higher level. */
  content: OffsetRange;
  empty: boolean;
}

export interface BodyOutline {
  title?: Heading;
  headings: Heading[];
  sections: Section[];
}

function essentialOf(headingText: string): EssentialKey | undefined {
  for (const [key, pattern] of ESSENTIAL_PATTERNS) if (pattern.test(headingText)) return key;
  return undefined;
}

export function outlineBody(text: string, bodyStart: number): BodyOutline {
  const headings = scanHeadings(text, bodyStart);
  const outline: BodyOutline = { headings, sections: [] };
  outline.title = headings.find((h) => h.depth === 1);
  headings.forEach((heading, i) => {
    const key = essentialOf(heading.text);
    if (!key || heading.depth === 1 || outline.sections.some((s) => s.key === key)) return;
    let end = text.length;
    for (const next of headings.slice(i + 1)) {
      if (next.depth <= heading.depth) {
        end = next.range.start;
        break;
      }
    }
    const contentStart = Math.min(end, nextLineStart(text, heading.range.end));
    outline.sections.push({ key, heading, content: { start: contentStart, end }, empty: onlyCommentsAndSpace(text, contentStart, end) });
  });
  return outline;
}

/**
 * Whether `text[start, end)` holds nothing but white space and HTML comments (`<!-- … -->`).
 * One pass: an opening `<!--` without a closing `-->` is text, and so is everything after it.
 */
function onlyCommentsAndSpace(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x3c /* < */ && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1 || close + 3 > end) return false;
      i = close + 3;
    } else if (/\s/.test(text[i]!)) {
      i++;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * The text without its HTML comments (`<!--`, then up to the first `-->`), as
 * `text.replace(/<!--[\s\S]*?-->/g, '')` gives it, in one pass: that expression searches to the
 * end again from each `<!--` that no `-->` closes.
 */
export function withoutHtmlComments(text: string): string {
  const parts: string[] = [];
  let at = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', open + 4);
    if (close === -1) break;
    parts.push(text.slice(at, open));
    at = close + 3;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function nextLineStart(text: string, offset: number): number {
  const lineBreak = text.indexOf('\n', offset);
  return lineBreak === -1 ? text.length : lineBreak + 1;
}
