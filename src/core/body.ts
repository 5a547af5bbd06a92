// The Markdown body: its title heading and the four essentials (需求描述, 客户背景, 需求场景, 期望目标).
//
// The headings come from a line scanner that follows CommonMark's block structure (markdownBlocks),
// in time linear in the body whatever it holds. remark is the reference it is tested against
// (property tests and every proposal of a real corpus), never run on a body.
import { scanHeadings, type Heading } from './markdownBlocks';
import { inlineText } from './markdownInline';
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

/** What a record needs of its body: its title heading and its essential sections. */
export interface RecordOutline {
  title?: Heading;
  sections: Section[];
}

export interface BodyOutline extends RecordOutline {
  headings: Heading[];
}

function essentialOf(headingText: string): EssentialKey | undefined {
  for (const [key, pattern] of ESSENTIAL_PATTERNS) if (pattern.test(headingText)) return key;
  return undefined;
}

export function outlineBody(text: string, bodyStart: number): BodyOutline {
  return outlineOf(text, scanHeadings(text, bodyStart));
}

/**
 * The title and the essential sections as outlineBody gives them, with the body read only as far
 * as they are settled: a long text after the essentials (a design under them) is not scanned.
 */
export function outlineRecord(text: string, bodyStart: number): RecordOutline {
  const settled = new EssentialsSettled();
  const { title, sections } = outlineOf(
    text,
    scanHeadings(text, bodyStart, text.length, (depth, content) => settled.add(depth, content)),
  );
  return title ? { title, sections } : { sections };
}

const NO_DEFINITIONS: ReadonlySet<string> = new Set();

/**
 * Whether the headings found so far settle the record's outline: a title, the four essentials,
 * and for each of them the next heading of the same or a higher level (where its section ends).
 * Headings come in the order of the text, so the first of each kind is the outline's.
 */
class EssentialsSettled {
  private title = false;
  private readonly taken = new Set<EssentialKey>();
  /** Depths of the sections whose end is not found yet. */
  private readonly open: number[] = [];
  private unsure = false;

  add(depth: number, content: string): boolean {
    if (this.unsure) return false;
    // A link reference ([x]) can be defined further down, and that changes the heading's text.
    if (content.includes('[')) {
      this.unsure = true;
      return false;
    }
    for (let i = this.open.length - 1; i >= 0; i--) if (depth <= this.open[i]!) this.open.splice(i, 1);
    if (depth === 1) this.title = true;
    else {
      const key = essentialOf(inlineText(content, NO_DEFINITIONS).trim());
      if (key && !this.taken.has(key)) {
        this.taken.add(key);
        this.open.push(depth);
      }
    }
    return this.title && this.taken.size === ESSENTIAL_KEYS.length && this.open.length === 0;
  }
}

function outlineOf(text: string, headings: Heading[]): BodyOutline {
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
