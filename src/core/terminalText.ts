// Text from a repository (titles, values, file names, commit subjects) shown on a terminal or in
// a CI log, where it is untrusted: a line break in a value would start a line of its own (a forged
// `file:line:col: error` line, or a GitHub Actions workflow command such as `::error` or
// `::add-mask::`), an escape sequence would recolour, retitle or rewrite the terminal (ESC, CSI,
// OSC, the C1 controls, CR), and bidi controls or invisible characters would reorder or hide what
// is shown. Pure: strings in, strings out.
//
// Escapes, readable and unambiguous (each decodes to exactly one text):
//   \n \r \t        line feed, carriage return, tab
//   \xHH            other code points below U+0100 (C0 and C1 controls, DEL; `\x3a` and `\x23` below)
//   \uHHHH \u{H…}   other invisible or reordering characters (U+202E, U+2066, U+200B, U+FEFF, tags …)
//   \\              a backslash that would otherwise read as the start of one of these escapes
// Any other backslash is itself: `C:\Users` and `\d+` stay as they are.
//
// Workflow commands: the GitHub Actions runner executes a line that starts with `::` after leading
// white space (`::error …::`), and a line that holds `##[` followed by a command name anywhere in it
// (the older syntax, still parsed: actions/runner ActionCommand.TryParse). `%0A` and the like are
// decoded only inside a command's data, so what remains is to make sure no output forms either:
// a `:` opening a line's `::` is written `\x3a`, and the first `#` of `##[` (or `##vso[`,
// `##teamcity[`) is written `\x23`. Characters a culture-aware comparison ignores (format and
// control characters) do not break up these markers for the check.

/**
 * Characters never shown raw: C0 and C1 controls, DEL (Cc), format characters (Cf: bidi controls,
 * zero-width characters, the BOM, tags), line and paragraph separators, lone surrogates, and other
 * default-ignorable code points (Hangul fillers …); except the zero-width (non-)joiners and the
 * variation selectors, which emoji and CJK ideographic variants need, and the conjoining Hangul
 * fillers, part of a syllable.
 */
const HIDDEN =
  /(?![\u200c\u200d\u115f\u1160\ufe00-\ufe0f\u{e0100}-\u{e01ef}])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;

/** What a culture-aware comparison (the runner's `StartsWith`, `IndexOf`) may skip between characters. */
const IGNORED = '[\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}]';
/** `::` at the start of a line, after white space: the `:` to escape is group 1's end. */
const COMMAND_START = new RegExp(`^([\\s\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}]*):(?=${IGNORED}*:)`, 'u');
/** The `#` of `##[`, `##vso[`, `##teamcity[` … (anywhere in a line). */
const COMMAND_ANYWHERE = new RegExp(`#(?=${IGNORED}*#${IGNORED}*[a-z]*\\[)`, 'giu');

function escapeCodePoint(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  const cp = ch.codePointAt(0)!;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

/** The markers of workflow commands in one line (no line breaks in it) made inert. */
function neutralizeCommands(line: string): string {
  return line.replace(COMMAND_START, (_, lead: string) => `${lead}\\x3a`).replace(COMMAND_ANYWHERE, '\\x23');
}

const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');
/**
 * A backslash that would read as part of an escape: before an escape letter, another backslash,
 * a character about to be escaped (hidden, or the `#` of a command marker), or at the end.
 */
const AMBIGUOUS_BACKSLASH = new RegExp(`\\\\(?=[\\\\nrtxu#]|$|${HIDDEN.source})`, 'gu');

/**
 * One value as one line of visible text: every line break, control, bidi and invisible character
 * as an escape (see above), and no workflow command, wherever on a line it is put.
 */
export function printable(text: string): string {
  return neutralizeCommands(text.replace(AMBIGUOUS_BACKSLASH, '\\\\').replace(HIDDEN_ALL, escapeCodePoint));
}

/**
 * A whole output (several lines, composed by the CLI) made safe at the last moment: line feeds,
 * CRLF and tabs stay (they are the output's own layout); any other hidden character is escaped as
 * `printable` does, and no line forms a workflow command. A BOM at the very start stays (the CSV
 * export writes one for Excel). Text already made `printable` passes through unchanged.
 */
export function terminalSafe(text: string): string {
  let out = '';
  let last = 0;
  const hidden = new RegExp(HIDDEN.source, 'gu');
  for (let m = hidden.exec(text); m; m = hidden.exec(text)) {
    const ch = m[0];
    const keep = ch === '\n' || ch === '\t' || (ch === '\r' && text[m.index + 1] === '\n') || (ch === '\ufeff' && m.index === 0);
    if (keep) continue;
    out += text.slice(last, m.index) + escapeCodePoint(ch);
    last = m.index + ch.length;
  }
  out += text.slice(last);
  return out.split('\n').map(neutralizeCommands).join('\n');
}

/**
 * JSON for a terminal or CI log, still exactly the data: JSON.stringify, then every hidden
 * character that JSON leaves raw (DEL, C1 controls, bidi and other format characters, U+2028/9)
 * and the `#` that would open a workflow command as `\uXXXX` escapes, which a JSON parser reads
 * back as the same characters. (They can only be inside strings: JSON's own syntax is ASCII
 * without `#`.) No line of indented JSON starts with `::`.
 */
export function jsonForTerminal(value: unknown, indent = 2): string {
  const u = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
  return (
    JSON.stringify(value, null, indent)
      // The line feeds are the indentation's; JSON.stringify has escaped the other C0 controls.
      .replace(HIDDEN_ALL, (ch) => (ch === '\n' ? ch : ch.length === 2 ? u(ch.charCodeAt(0)) + u(ch.charCodeAt(1)) : u(ch.charCodeAt(0))))
      .replace(COMMAND_ANYWHERE, u(0x23))
  );
}
