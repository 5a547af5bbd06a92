// How many columns text takes in a terminal or a fixed-width line: CJK characters take two. Shared
// by the CLI's tables and the excerpts history shows, so that an excerpt of Chinese text is as wide
// as one of English text, not twice as wide.

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The columns of one character (a code point). */
export function charWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

/** Display width: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}
