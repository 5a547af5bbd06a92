// The Markdown body: its title heading and the four essentials (需求描述, 客户背景, 需求场景, 期望目标).
//
// remark is the reference parser. A line scanner that knows ATX headings and fenced code gives the
// same top-level headings ~50× faster for the bodies people write; whenever a body holds a
// construct the scanner does not model (setext headings, HTML blocks), remark parses it. A property
// test keeps the two in agreement.
import { remark } from 'remark';
import type { OffsetRange } from './text';

export type EssentialKey = 'description' | 'background' | 'scenario' | 'goal';
export const ESSENTIAL_KEYS: readonly EssentialKey[] = ['description', 'background', 'scenario', 'goal'];

const ESSENTIAL_PATTERNS: ReadonlyArray<[EssentialKey, RegExp]> = [
  ['description', /需求描述|(?<![A-Za-z])description(?![A-Za-z])/i],
  ['background', /客户背景|(?<![A-Za-z])background(?![A-Za-z])/i],
  ['scenario', /需求场景|使用场景|(?<![A-Za-z])scenarios?(?![A-Za-z])/i],
  ['goal', /期望目标|(?<![A-Za-z])(?:expected\s+)?goals?(?![A-Za-z])/i],
];

export interface Heading {
  depth: number;
  text: string;
  /** The heading line. */
  range: OffsetRange;
}

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
  parser: 'scanner' | 'remark';
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const HTML_START = /^ {0,3}</;

/**
 * A first character that can only start a text line: not white space, `#`, a fence character,
 * `<`, or a setext underline character (`=`, `-`). Such a line is text whatever came before it.
 */
function isProseStart(c: number): boolean {
  return c > 0x20 && c !== 0x23 /* # */ && c !== 0x60 /* ` */ && c !== 0x7e /* ~ */ && c !== 0x3c /* < */ && c !== 0x3d /* = */ && c !== 0x2d /* - */;
}

/** Top-level headings by line scanning, or undefined when the body needs the full parser. */
export function scanHeadings(text: string, from: number, to: number = text.length): Heading[] | undefined {
  const headings: Heading[] = [];
  let fence: { char: string; length: number } | undefined;
  let previousWasText = false;
  let pos = from;
  while (pos < to) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const contentEnd = lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    // Most lines are prose: decide from the first character without copying the line.
    const first = text.charCodeAt(pos);
    if (!fence && isProseStart(first)) {
      previousWasText = true;
      pos = lineEnd + 1;
      continue;
    }
    const line = text.slice(pos, contentEnd);
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && close[2]!.trim() === '') fence = undefined;
      previousWasText = false;
    } else {
      const open = FENCE.exec(line);
      const atx = ATX.exec(line);
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length };
        previousWasText = false;
      } else if (atx) {
        headings.push({ depth: atx[1]!.length, text: (atx[2] ?? '').trim(), range: { start: pos + line.indexOf('#'), end: contentEnd } });
        previousWasText = false;
      } else if (line.trim() === '') {
        previousWasText = false;
      } else {
        if (HTML_START.test(line) || (previousWasText && SETEXT_UNDERLINE.test(line)) || line.startsWith('\t') || /^ {4}/.test(line)) {
          return undefined;
        }
        // A list item, a quote or a thematic break never continues into a setext heading here, but
        // keeping "text" conservative only sends more bodies to remark, never fewer.
        previousWasText = true;
      }
    }
    pos = lineEnd + 1;
  }
  return headings;
}

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function plainText(node: MdNode): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(plainText).join('');
}

const processor = remark();

/** Top-level headings by remark (the reference). */
export function remarkHeadings(text: string, from: number, to: number = text.length): Heading[] {
  const tree = processor.parse(text.slice(from, to)) as MdNode;
  const headings: Heading[] = [];
  for (const node of tree.children ?? []) {
    if (node.type !== 'heading' || !node.position) continue;
    const start = from + (node.position.start.offset ?? 0);
    let end = from + (node.position.end.offset ?? 0);
    // Setext headings end after their underline: keep the range on the text line.
    const lineBreak = text.indexOf('\n', start);
    if (lineBreak !== -1 && lineBreak < end) end = text.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
    headings.push({ depth: node.depth ?? 1, text: plainText(node).trim(), range: { start, end } });
  }
  return headings;
}

function essentialOf(headingText: string): EssentialKey | undefined {
  for (const [key, pattern] of ESSENTIAL_PATTERNS) if (pattern.test(headingText)) return key;
  return undefined;
}

const COMMENT = /<!--[\s\S]*?-->/g;

export function outlineBody(text: string, bodyStart: number): BodyOutline {
  const scanned = scanHeadings(text, bodyStart);
  const headings = scanned ?? remarkHeadings(text, bodyStart);
  const outline: BodyOutline = { headings, sections: [], parser: scanned ? 'scanner' : 'remark' };
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
    const body = text.slice(contentStart, end).replace(COMMENT, '');
    outline.sections.push({ key, heading, content: { start: contentStart, end }, empty: body.trim() === '' });
  });
  return outline;
}

function nextLineStart(text: string, offset: number): number {
  const lineBreak = text.indexOf('\n', offset);
  return lineBreak === -1 ? text.length : lineBreak + 1;
}
