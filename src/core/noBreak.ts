// Text that a notification or a status bar shows on one line at its hyphens: an ID such as
// REQ-2026-004 or a date such as 2026-06-15 wrapped after a hyphen reads as two tokens.

/** U+2060 WORD JOINER: invisible, forbids a line break on either side of it (UAX #14, LB11). */
const WORD_JOINER = '\u2060';

/** The text with no line break allowed after any of its hyphens. */
export function noBreakAtHyphens(text: string): string {
  return text.replace(/-(?!\u2060)/g, `-${WORD_JOINER}`);
}
