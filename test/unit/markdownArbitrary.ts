// Generated Markdown bodies for the heading scanner's property tests: lines built from the
// constructs that decide where top-level headings are (headings, setext underlines, HTML blocks,
// comments, fences, indented code, quotes, lists, thematic breaks, definitions, blank lines), with
// container prefixes, tabs, and LF, CRLF or CR line endings; heading and paragraph text mixes the
// inline constructs that change a heading's text.
import fc from 'fast-check';

/** The constructs a body can hold, for the share report. */
export const CONSTRUCTS = [
  'atx',
  'setext-underline',
  'html-block',
  'html-comment',
  'fence',
  'indented-code',
  'quote',
  'list',
  'thematic-break',
  'definition',
  'blank',
  'tab',
  'crlf',
  'cr',
  'emphasis',
  'code-span',
  'link',
  'image',
  'inline-html',
  'entity',
  'escape',
  'hard-break',
] as const;
export type Construct = (typeof CONSTRUCTS)[number];

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

const word = fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5]{0,5}$/);

/** An inline fragment: plain words, or a construct that changes how the text reads. */
const inlinePiece = fc.oneof(
  { weight: 8, arbitrary: word },
  { weight: 3, arbitrary: pick(' ', '  ', '\t') },
  { weight: 2, arbitrary: fc.tuple(pick('*', '_', '**', '__', '***'), word).map(([d, w]) => `${d}${w}${d}`) },
  { weight: 2, arbitrary: pick('*', '_', '**', '__', '***', '* ', ' _', '*_', 'a*b', 'x_y_z') },
  { weight: 2, arbitrary: fc.tuple(pick('`', '``', '` ', '`` `'), word).map(([d, w]) => `${d}${w}${d.trim()}`) },
  { weight: 1, arbitrary: pick('`', '``', '\\`', '` `', '`  `') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(word, pick('(u)', '(u "t")', "(<u v> 't')", '(u (x))', '[a]', '[]', '[B]', '', '(', '[x'))
      .map(([w, tail]) => `[${w}]${tail}`),
  },
  {
    weight: 1,
    arbitrary: pick(
      '[a]',
      '[A]',
      '[ b ]',
      '[a][]',
      '[x][a]',
      '[[a]]',
      '[a](b)](c)',
      ']',
      '[',
      '![a](b)',
      '![x *y*](z)',
      '![a]',
      '[![i](s)](t)',
    ),
  },
  {
    weight: 1,
    arbitrary: pick(
      '<http://x.y/z>',
      '<a@b.co>',
      '<ftp:x>',
      '<not a link>',
      '<b>',
      '</b>',
      '<span class="x">',
      '<!-- c -->',
      '<!-->',
      '<?p?>',
      '<!X y>',
      '<![CDATA[z]]>',
      '<a\nb>',
      '<',
    ),
  },
  { weight: 1, arbitrary: pick('&amp;', '&copy;', '&eacute;', '&#65;', '&#x41;', '&#0;', '&nosuch;', '&', '&#;') },
  { weight: 1, arbitrary: pick('\\*', '\\#', '\\[', '\\\\', '\\a', '\\`', '\\') },
  { weight: 1, arbitrary: pick('  \n', '\\\n', '\n', ' \n') },
);
const inline = fc.array(inlinePiece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
const inlineLine = inline.map((s) => s.replace(/\n/g, ' '));

const indent = pick('', '', '', ' ', '  ', '   ', '    ', '\t', ' \t');

const atx = fc
  .tuple(
    pick('', '', ' ', '   ', '    '),
    fc.integer({ min: 1, max: 7 }),
    pick(' ', '\t', '  ', ''),
    fc.option(inlineLine, { nil: '' }),
    pick('', ' #', ' ##', '#', ' #  ', '  '),
  )
  .map(([i, depth, gap, text, close]) => `${i}${'#'.repeat(depth)}${text ? gap : ''}${text}${close}`);

const setextUnderline = fc
  .tuple(indent, pick('=', '-'), fc.integer({ min: 1, max: 5 }), pick('', ' ', '\t', ' x', ' -'))
  .map(([i, c, n, t]) => `${i}${c.repeat(n)}${t}`);

const htmlBlock = pick(
  '<div>',
  '</div>',
  '<div class="a">',
  '<DIV>',
  '<div/>',
  '<table><tr>',
  '<pre>',
  '</pre>',
  '<script>x</script>',
  '<style>',
  '</style>',
  '<textarea>',
  '<?php',
  '?>',
  '<!DOCTYPE html>',
  '<![CDATA[',
  ']]>',
  '<custom-tag attr="x">',
  '<a href=x>',
  '</span>',
  '<span>',
  '<a b=c=d>',
  "<x y='z' />",
  '<hr>',
  '<p>text',
  '<ul>',
  '<li>',
);
const htmlComment = pick('<!-- comment -->', '<!--', '-->', '<!-- a', 'b -->', '<!-->', '<!--->', '  <!-- x -->');
const fence = fc
  .tuple(indent, pick('```', '````', '~~~', '~~~~', '``'), pick('', 'js', ' yaml ', '`x', '~x'))
  .map(([i, f, info]) => `${i}${f}${info}`);
const indentedCode = fc.tuple(pick('    ', '\t', '     ', '  \t'), inlineLine).map(([i, t]) => `${i}${t}`);
const thematicBreak = pick('***', '---', '___', '- - -', '* * *', ' _ _ _', '-- -', '***   ', '*-*');
const definition = fc
  .tuple(
    pick('a', 'A', 'b', ' a ', 'x y'),
    pick('/u', '<u v>', '/u "t"', "/u 't'", '/u (t)', '', '/u "t', '/u x', '(u'),
    pick('', ' ', '\n"t"', '\n  /v'),
  )
  .map(([l, d, more]) => `[${l}]:${d ? ` ${d}` : ''}${more}`);
const listMarker = pick('- ', '* ', '+ ', '1. ', '2) ', '-', '10. ', '1)\t', '-   ');
const quoteMarker = pick('> ', '>', '> > ', '>\t');
const containerPrefix = fc.array(fc.oneof(listMarker, quoteMarker, pick('  ', '   ', '    ')), { maxLength: 3 }).map((p) => p.join(''));

const lineBody = fc.oneof(
  { weight: 5, arbitrary: inline },
  { weight: 4, arbitrary: atx },
  { weight: 3, arbitrary: setextUnderline },
  { weight: 3, arbitrary: pick('', '', ' ', '\t') },
  { weight: 2, arbitrary: htmlBlock },
  { weight: 1, arbitrary: htmlComment },
  { weight: 2, arbitrary: fence },
  { weight: 1, arbitrary: indentedCode },
  { weight: 1, arbitrary: thematicBreak },
  { weight: 1, arbitrary: definition },
);

const line = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: containerPrefix }), lineBody)
  .map(([p, b]) => `${p}${b}`);

/** A body: lines joined by one kind of line ending (sometimes mixed). */
export const markdownBody = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 16 }), pick('\n', '\n', '\n', '\r\n', '\r', 'mixed'), fc.boolean())
  .chain(([lines, ending, finalBreak]) =>
    fc.array(pick('\n', '\r\n', '\r'), { minLength: lines.length, maxLength: lines.length }).map((mixed) => {
      let body = '';
      lines.forEach((l, i) => {
        // Line breaks inside a generated line (hard breaks, multi-line definitions) follow the body's ending.
        const end = ending === 'mixed' ? mixed[i]! : ending;
        body += l.replace(/\n/g, end);
        if (i < lines.length - 1 || finalBreak) body += end;
      });
      return body;
    }),
  );

/** Which constructs a generated body holds (by its lines), for the share report. */
export function constructsIn(body: string): Set<Construct> {
  const found = new Set<Construct>();
  const lines = body.split(/\r\n|\n|\r/);
  if (body.includes('\r\n')) found.add('crlf');
  if (/\r(?!\n)/.test(body)) found.add('cr');
  if (body.includes('\t')) found.add('tab');
  for (const raw of lines) {
    const l = raw.replace(/^(?:(?:[-*+]|\d+[.)])(?:[ \t]+|$)|>[ \t]?|[ \t]+)*/, '');
    if (/^#{1,6}(?:[ \t]|$)/.test(l)) found.add('atx');
    if (/^(?:=+|-+)[ \t]*$/.test(l)) found.add('setext-underline');
    if (/^<(?:\/?[A-Za-z]|\?|!\[CDATA|![A-Z])/.test(l)) found.add('html-block');
    if (/<!--|-->/.test(l)) found.add('html-comment');
    if (/^(?:`{3,}|~{3,})/.test(l)) found.add('fence');
    if (/^(?: {4}|\t| {1,3}\t)/.test(raw)) found.add('indented-code');
    if (/^[ \t]*>/.test(raw)) found.add('quote');
    if (/^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(raw)) found.add('list');
    if (/^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(l)) found.add('thematic-break');
    if (/^\[[^\]]+\]:/.test(l)) found.add('definition');
    if (raw.trim() === '') found.add('blank');
    if (/[*_]/.test(l)) found.add('emphasis');
    if (l.includes('`') && !/^(?:`{3,})/.test(l)) found.add('code-span');
    if (/\]\(|\]\[|\[[A-Za-z ]+\](?!:)/.test(l)) found.add('link');
    if (l.includes('![')) found.add('image');
    if (/.<[/!?A-Za-z]/.test(l)) found.add('inline-html');
    if (/&#?\w+;/.test(l)) found.add('entity');
    if (/\\[!-/:-@[-`{-~]/.test(l)) found.add('escape');
    if (/ {2}$|\\$/.test(raw)) found.add('hard-break');
  }
  return found;
}
