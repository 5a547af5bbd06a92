/**
 * The body as a requirement's history compares it: the text of each of the four essentials (需求描述,
 * 客户背景, 需求场景, 期望目标, found under a Chinese or an English heading as validation finds
 * them), and the rest of the body (outside the essentials and the title heading) as one piece.
 *
 * What is no change: anything in white space alone (line endings, trailing blanks, blank lines, a
 * paragraph wrapped at other places, indentation, a space next to a Chinese character), HTML
 * comments (the template's hints), and the heading a section is written under (`## Goal`
 * rewritten as `## 期望目标` with the same text). A section that is missing and one that is empty
 * are the same.
 */
import { ESSENTIAL_KEYS, withoutHtmlComments, type EssentialKey } from './body';
import { bodyParts } from './recordBody';

export interface SectionChange {
  section: EssentialKey;
  /** The section's text (see sectionText); undefined: missing or empty. */
  from: string | undefined;
  to: string | undefined;
}

export interface BodyTexts {
  /** Each essential's text (see sectionText); '' when missing or empty. */
  sections: Readonly<Record<EssentialKey, string>>;
  /** The body outside the essentials and the title heading, the same way. */
  rest: string;
}

/**
 * A part of the body as history keeps and shows it: line breaks `\n`, no HTML comments, no blanks
 * at line ends, at most one blank line in a row, trimmed.
 */
export function sectionText(raw: string): string {
  return withoutHtmlComments(raw.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Chinese and Japanese characters and full-width punctuation: text written without spaces between words. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** The character that ends at `end` (a whole code point) and the one that starts there. */
const before = (text: string, end: number): string => Array.from(text.slice(Math.max(0, end - 2), end)).pop() ?? '';
const after = (text: string, start: number): string => String.fromCodePoint(text.codePointAt(start) ?? 0x20);

/**
 * What two texts are compared by: every run of white space one space, or none next to a Chinese
 * character, where a line break is no space (a paragraph of Chinese wrapped at other places, or
 * `8 点` written `8点`, is the same text).
 */
function comparable(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, (run: string, at: number, whole: string) =>
      WIDE.test(before(whole, at)) || WIDE.test(after(whole, at + run.length)) ? '' : ' ',
    );
}

/** The body of a file whose front-matter is readable; `title` is its title field (a heading that repeats it is not text). */
export function bodyTexts(fileText: string, title: string | undefined): BodyTexts {
  const parts = bodyParts(fileText, title);
  const sections = Object.fromEntries(ESSENTIAL_KEYS.map((key) => [key, sectionText(parts.sections[key])])) as Record<EssentialKey, string>;
  return { sections, rest: sectionText(parts.rest) };
}

/** The essentials whose text differs, in ESSENTIAL_KEYS order; with no `before`, every one that has text. */
export function sectionChanges(before: BodyTexts | undefined, after: BodyTexts): SectionChange[] {
  const changes: SectionChange[] = [];
  for (const section of ESSENTIAL_KEYS) {
    const from = before?.sections[section] ?? '';
    const to = after.sections[section];
    if (comparable(from) === comparable(to)) continue;
    changes.push({ section, from: from === '' ? undefined : from, to: to === '' ? undefined : to });
  }
  return changes;
}

/** Whether the body outside the essentials changed (beyond white space and comments). */
export function otherTextChanged(before: BodyTexts, after: BodyTexts): boolean {
  return comparable(before.rest) !== comparable(after.rest);
}
