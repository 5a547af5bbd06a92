// The top-level headings of a Markdown body, as remark (micromark, CommonMark 0.31) finds them,
// in time linear in the body whatever it holds.
//
// A line scanner that follows CommonMark's block structure: block quotes and list items (with
// lazy continuation lines), ATX and setext headings, fenced and indented code, the seven kinds
// of HTML blocks, thematic breaks, paragraphs and the link reference definitions that start them,
// with tabs counted to the next multiple of four columns. Only what decides where a top-level
// heading is and what it says is kept: list nodes, code and HTML contents are not.
//
// Linear time: each line is scanned a bounded number of times. Matching a line against the open
// containers consumes at least one character per container (a `>`, or two columns of indentation
// for a list item), except on a blank line, which is matched in constant time: it continues every
// container up to the first block quote or list item that is still empty, and those are kept on
// a stack. White space is measured once per run, and whether the rest of a line is a thematic
// break is decided once per marker character, not once per nesting level.
import { inlineText, leadingDefinitions } from './markdownInline';
import type { OffsetRange } from './text';

export interface Heading {
  depth: number;
  text: string;
  /** The heading's first line, from its first character to the end of the line. */
  range: OffsetRange;
}

const enum Kind {
  Document,
  Quote,
  Item,
  Paragraph,
  Fence,
  IndentedCode,
  Html,
}

interface Block {
  kind: Kind;
  /** Item: whether it holds a block yet (an empty item ends at a blank line). */
  filled: boolean;
  /** Item: the columns its content is indented by. */
  contentIndent: number;
  /** Fence: the marker, its length and the fence's indentation. */
  fenceChar: number;
  fenceLength: number;
  fenceIndent: number;
  /** Html: the kind of start condition, 1–7. */
  htmlKind: number;
  /** Indented code: its last line did not continue every container (micromark ends it there). */
  lazyLast: boolean;
  /**
   * Paragraph: where it starts, and its lines (see addParagraphLine) as offsets, three per line:
   * where the line's content starts, where it ends, and where the next line starts (after the
   * line ending). Offsets, not strings: a paragraph's text is only needed when it may hold link
   * reference definitions or becomes a heading, and slicing every line of a long body is most
   * of the garbage the scanner would make.
   */
  start: number;
  lines: number[];
}

const NO_LINES: number[] = [];

function block(kind: Kind): Block {
  // Only paragraphs keep lines: a quote nested 400,000 deep is 400,000 small objects, not 1.2 million.
  return {
    kind,
    filled: false,
    contentIndent: 0,
    fenceChar: 0,
    fenceLength: 0,
    fenceIndent: 0,
    htmlKind: 0,
    lazyLast: false,
    start: 0,
    lines: NO_LINES,
  };
}

const isContainer = (kind: Kind) => kind === Kind.Document || kind === Kind.Quote || kind === Kind.Item;

const SPACE = 32;
const TAB = 9;
const isSpaceOrTab = (c: number) => c === SPACE || c === TAB;
const isAsciiAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiAlphanumeric = (c: number) => isAsciiAlpha(c) || isAsciiDigit(c);

const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);
const BLOCK_NAMES = new Set([
  'address',
  'article',
  'aside',
  'base',
  'basefont',
  'blockquote',
  'body',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hr',
  'html',
  'iframe',
  'legend',
  'li',
  'link',
  'main',
  'menu',
  'menuitem',
  'nav',
  'noframes',
  'ol',
  'optgroup',
  'option',
  'p',
  'param',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'track',
  'ul',
]);
const RAW_END = /<\/(?:pre|script|style|textarea)>/i;

interface PendingHeading {
  depth: number;
  start: number;
  end: number;
  content: string;
}

/**
 * Told of each top-level heading as it is found (its depth and its content before inline
 * parsing, in the order of the text); answers true when the headings so far are all the caller
 * needs: the scan ends after that line.
 */
export type EnoughHeadings = (depth: number, content: string) => boolean;

/**
 * Top-level headings of `text[from, to)`; `from` is the start of a line. With `enough`, only
 * those up to where it answered true (the block structure never changes a heading already found).
 */
export function scanHeadings(text: string, from: number, to: number = text.length, enough?: EnoughHeadings): Heading[] {
  return new BlockScanner(text, from, to, enough).run();
}

class BlockScanner {
  /** The open blocks, from the document to the innermost. */
  private readonly open: Block[] = [block(Kind.Document)];
  /** Indexes in `open` of block quotes and of items still empty: where a blank line stops. */
  private readonly blankStops: number[] = [];
  private readonly headings: PendingHeading[] = [];
  private readonly defined = new Set<string>();
  /**
   * The one paragraph block and its line offsets, used again for every paragraph: a paragraph is
   * a leaf, so at most one is open at a time, and a long body has thousands of them.
   */
  private readonly paragraph: Block = block(Kind.Paragraph);
  private readonly paragraphLines: number[] = [];

  // The line being scanned (offsets into the text).
  private lineEnd = 0;
  private offset = 0;
  private column = 0;
  private partialTab = false;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private blank = false;
  /** The last run of white space measured: from where, to where, and the column it ends at. */
  private runFrom = -1;
  private runEnd = -1;
  private runEndColumn = 0;
  /**
   * Per thematic-break character (`*`, `-`, `_`): a start at or before this offset cannot be a
   * break. Fields, not a table: they are reset on every line.
   */
  private starMiss = -1;
  private dashMiss = -1;
  private underscoreMiss = -1;

  /** Index in `open` of the last block that the line continued. */
  private matched = 0;
  /** Whether every open block was continued (no lazy line possible). */
  private allClosed = true;
  /** Where the line's content starts after the prefixes of the containers it continues. */
  private contentStart = 0;
  /** Whether list items that start on this line interrupt a paragraph (see `line`). */
  private interrupting = false;
  /** Whether the line continued every open container, and whether it started a new one. */
  private containersContinued = true;
  private newContainer = false;

  /** Set when `enough` answered true: no further line is read. */
  private stopped = false;

  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly to: number,
    private readonly enough?: EnoughHeadings,
  ) {}

  run(): Heading[] {
    const { text, to } = this;
    // The next LF and the next CR at or after `pos` (`to` when there is none), each found by
    // indexOf and searched for again only once passed: a line ends at the nearer of the two.
    let lf = -1;
    let cr = -1;
    let pos = this.from;
    while (pos < to && !this.stopped) {
      if (lf < pos) lf = nextOf(text, '\n', pos, to);
      if (cr < pos) cr = nextOf(text, '\r', pos, to);
      const end = lf < cr ? lf : cr;
      let next = end;
      if (next < to && text.charCodeAt(next) === 13) next++;
      if (next < to && text.charCodeAt(next) === 10 && (next === end || text.charCodeAt(end) === 13)) next++;
      this.line(pos, end, next);
      pos = next;
    }
    while (this.open.length > 1) this.closeTop();
    return this.headings.map((h) => ({
      depth: h.depth,
      text: inlineText(h.content, this.defined).trim(),
      range: { start: h.start, end: h.end },
    }));
  }

  private code(i: number): number {
    return i < this.lineEnd ? this.text.charCodeAt(i) : -1;
  }

  private findNextNonspace(): void {
    const i = this.offset;
    if (!(i >= this.runFrom && i <= this.runEnd)) {
      let j = i;
      let cols = this.column;
      while (j < this.lineEnd) {
        const c = this.text.charCodeAt(j);
        if (c === SPACE) cols++;
        else if (c === TAB) cols += 4 - (cols % 4);
        else break;
        j++;
      }
      this.runFrom = i;
      this.runEnd = j;
      this.runEndColumn = cols;
    }
    this.nextNonspace = this.runEnd;
    this.nextNonspaceColumn = this.runEnd === i ? this.column : this.runEndColumn;
    this.blank = this.nextNonspace >= this.lineEnd;
    this.indent = this.nextNonspaceColumn - this.column;
  }

  private get indented(): boolean {
    return this.indent >= 4;
  }

  private advanceOffset(count: number, columns: boolean): void {
    const text = this.text;
    while (count > 0 && this.offset < this.lineEnd) {
      const c = text.charCodeAt(this.offset);
      if (c === TAB) {
        const toTab = 4 - (this.column % 4);
        if (columns) {
          this.partialTab = toTab > count;
          const advance = toTab > count ? count : toTab;
          this.column += advance;
          if (!this.partialTab) this.offset++;
          count -= advance;
        } else {
          this.partialTab = false;
          this.column += toTab;
          this.offset++;
          count--;
        }
      } else {
        this.partialTab = false;
        this.offset++;
        this.column++;
        count--;
      }
    }
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partialTab = false;
  }

  private get tip(): Block {
    return this.open[this.open.length - 1]!;
  }

  /** The line `text[start, end)`; the next one starts at `next` (after its line ending). */
  private line(start: number, end: number, next: number): void {
    this.lineEnd = end;
    this.offset = start;
    this.column = 0;
    this.partialTab = false;
    this.runFrom = this.runEnd = -1;
    this.starMiss = this.dashMiss = this.underscoreMiss = -1;

    // 1. Which open blocks the line continues.
    const open = this.open;
    let matched = open.length - 1;
    this.findNextNonspace();
    if (this.blank) {
      // A blank line continues everything up to the first quote or empty item, and no paragraph.
      let stop = this.blankStops.length > 0 ? this.blankStops[0]! : open.length;
      const leaf = open[open.length - 1]!;
      if (stop === open.length && (leaf.kind === Kind.Paragraph || (leaf.kind === Kind.Html && leaf.htmlKind >= 6))) stop = open.length - 1;
      matched = stop - 1;
      this.advanceNextNonspace();
    } else {
      for (let i = 1; i < open.length; i++) {
        this.findNextNonspace();
        const r = this.continues(open[i]!);
        if (r === 2) return; // a closing fence: nothing more on this line
        if (r === 1) {
          matched = i - 1;
          break;
        }
      }
    }
    this.matched = matched;
    this.allClosed = matched === open.length - 1;
    this.contentStart = this.offset;
    let container = open[matched]!;
    // micromark reads every list item that starts on a line as interrupting when all containers
    // continue and a paragraph or indented code is in progress in the innermost one (CommonMark's
    // reference applies that only to a paragraph and the first new item). Indented code whose
    // last line was lazy has ended there.
    const top = open[open.length - 1]!;
    this.containersContinued = matched >= open.length - (isContainer(top.kind) ? 1 : 2);
    this.newContainer = false;
    this.interrupting =
      this.containersContinued &&
      ((top.kind === Kind.Paragraph && matched === open.length - 1) || (top.kind === Kind.IndentedCode && !top.lazyLast));

    // 2. New blocks that start on the line.
    let leafStarted = !isContainer(container.kind) && container.kind !== Kind.Paragraph;
    while (!leafStarted) {
      this.findNextNonspace();
      const c = this.code(this.nextNonspace);
      if (!this.indented && !maybeSpecial(c)) {
        this.advanceNextNonspace();
        break;
      }
      const started = this.blockStart(container);
      if (started === 0) {
        this.advanceNextNonspace();
        break;
      }
      container = this.tip;
      if (started === 2) leafStarted = true;
    }

    // 3. What is left is text: a lazy paragraph line, a line of a leaf block, or a new paragraph.
    if (!this.allClosed && !this.blank && this.tip.kind === Kind.Paragraph) {
      this.addParagraphLine(this.tip, next);
      return;
    }
    this.closeUnmatched();
    const leaf = this.tip;
    if (leaf.kind === Kind.Paragraph) {
      this.addParagraphLine(leaf, next);
    } else if (leaf.kind === Kind.Html) {
      if (leaf.htmlKind <= 5 && htmlEnds(leaf.htmlKind, this.text.slice(this.offset, this.lineEnd))) this.closeTop();
    } else if (leaf.kind === Kind.Fence || leaf.kind === Kind.IndentedCode) {
      // Code: its lines do not matter here.
    } else if (this.offset < this.lineEnd && !this.blank) {
      const paragraph = this.addChild(Kind.Paragraph);
      paragraph.start = this.nextNonspace;
      this.advanceNextNonspace();
      this.addParagraphLine(paragraph, next);
    }
  }

  /**
   * A paragraph keeps its first line from the first character, and its other lines whole after
   * the container prefixes: micromark keeps their indentation inside code spans and raw HTML.
   */
  private addParagraphLine(paragraph: Block, next: number): void {
    const first = paragraph.lines.length === 0;
    paragraph.lines.push(first ? this.nextNonspace : this.contentStart, this.lineEnd, next);
  }

  /** Whether the line continues `b`: 0 yes, 1 no, 2 yes and the line is used up. */
  private continues(b: Block): 0 | 1 | 2 {
    switch (b.kind) {
      case Kind.Quote:
        if (!this.indented && this.code(this.nextNonspace) === 62 /* > */) {
          this.advanceNextNonspace();
          this.advanceOffset(1, false);
          if (isSpaceOrTab(this.code(this.offset))) this.advanceOffset(1, true);
          return 0;
        }
        return 1;
      case Kind.Item:
        if (this.blank) {
          if (!b.filled) return 1;
          this.advanceNextNonspace();
          return 0;
        }
        if (this.indent >= b.contentIndent) {
          this.advanceOffset(b.contentIndent, true);
          return 0;
        }
        return 1;
      case Kind.Fence: {
        if (this.indent <= 3 && this.code(this.nextNonspace) === b.fenceChar) {
          const length = this.closingFence(this.nextNonspace, b.fenceChar);
          if (length >= b.fenceLength) {
            this.closeTop();
            return 2;
          }
        }
        for (let i = b.fenceIndent; i > 0 && isSpaceOrTab(this.code(this.offset)); i--) this.advanceOffset(1, true);
        return 0;
      }
      case Kind.IndentedCode:
        if (this.indent >= 4) {
          this.advanceOffset(4, true);
          if (!this.blank) b.lazyLast = false;
        } else if (this.blank) this.advanceNextNonspace();
        else return 1;
        return 0;
      case Kind.Html:
        return this.blank && b.htmlKind >= 6 ? 1 : 0;
      case Kind.Paragraph:
        return this.blank ? 1 : 0;
      default:
        return 0;
    }
  }

  /** The length of a closing fence of `char` at `i` (only spaces and tabs after it), or 0. */
  private closingFence(i: number, char: number): number {
    let j = i;
    while (this.code(j) === char) j++;
    const length = j - i;
    if (length < 3) return 0;
    while (isSpaceOrTab(this.code(j))) j++;
    return j >= this.lineEnd ? length : 0;
  }

  /** A block that starts at the next non-space: 0 none, 1 a container, 2 a leaf. */
  private blockStart(container: Block): 0 | 1 | 2 {
    const at = this.nextNonspace;
    const c = this.code(at);
    const indented = this.indented;
    if (!indented) {
      // Block quote.
      if (c === 62) {
        this.advanceNextNonspace();
        this.advanceOffset(1, false);
        if (isSpaceOrTab(this.code(this.offset))) this.advanceOffset(1, true);
        this.closeUnmatched();
        this.addChild(Kind.Quote);
        this.newContainer = true;
        return 1;
      }
      // ATX heading.
      if (c === 35 /* # */) {
        let j = at;
        while (this.code(j) === 35) j++;
        const depth = j - at;
        const after = this.code(j);
        if (depth <= 6 && (after === -1 || isSpaceOrTab(after))) {
          this.closeUnmatched();
          this.addHeading(depth, at, this.lineEnd, this.atxContent(j));
          this.offset = this.lineEnd;
          return 2;
        }
      }
      // Fenced code.
      if (c === 96 /* ` */ || c === 126 /* ~ */) {
        let j = at;
        while (this.code(j) === c) j++;
        const length = j - at;
        if (length >= 3 && (c === 126 || !this.lineHas(j, 96))) {
          this.closeUnmatched();
          const fence = this.addChild(Kind.Fence);
          fence.fenceChar = c;
          fence.fenceLength = length;
          fence.fenceIndent = this.indent;
          this.advanceNextNonspace();
          this.advanceOffset(length, false);
          return 2;
        }
      }
      // HTML block.
      if (c === 60 /* < */) {
        const kind = this.htmlStart(at, container);
        if (kind > 0) {
          if (kind === 7 && !this.allClosed && this.tip.kind === Kind.Paragraph) {
            // micromark: a complete tag on a lazy line ends the paragraph and starts an HTML
            // block where the paragraph was, inside the containers the line did not continue.
            this.closeTop();
            this.matched = this.open.length - 1;
            this.allClosed = true;
          } else {
            this.closeUnmatched();
          }
          const html = this.addChild(Kind.Html);
          html.htmlKind = kind;
          return 2;
        }
      }
      // Setext heading underline.
      if ((c === 61 /* = */ || c === 45) /* - */ && container.kind === Kind.Paragraph && this.isSetextUnderline(at, c)) {
        const made = this.setextHeading(container, c === 61 ? 1 : 2);
        if (made) return 2;
      }
      // Thematic break.
      if ((c === 42 || c === 45 || c === 95) && this.isThematicBreak(at, c)) {
        this.closeUnmatched();
        this.addChild(null);
        this.offset = this.lineEnd;
        return 2;
      }
    }
    // List item.
    if (!indented && this.listItem()) return 1;
    // Indented code (cannot interrupt a paragraph).
    if (indented && this.tip.kind !== Kind.Paragraph && !this.blank) {
      this.advanceOffset(4, true);
      this.closeUnmatched();
      const code = this.addChild(Kind.IndentedCode);
      code.lazyLast = !this.containersContinued && !this.newContainer;
      return 2;
    }
    return 0;
  }

  /** The text of an ATX heading after its opening sequence (at `j`), without the closing one. */
  private atxContent(j: number): string {
    const text = this.text;
    let start = j;
    while (start < this.lineEnd && isSpaceOrTab(text.charCodeAt(start))) start++;
    let end = this.lineEnd;
    while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
    let hashes = end;
    while (hashes > start && text.charCodeAt(hashes - 1) === 35) hashes--;
    if (hashes < end) {
      if (hashes === start) end = start;
      else if (isSpaceOrTab(text.charCodeAt(hashes - 1))) {
        end = hashes;
        while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
      }
    }
    return text.slice(start, end);
  }

  private lineHas(from: number, char: number): boolean {
    for (let j = from; j < this.lineEnd; j++) if (this.text.charCodeAt(j) === char) return true;
    return false;
  }

  private isSetextUnderline(at: number, c: number): boolean {
    let j = at;
    while (this.code(j) === c) j++;
    while (isSpaceOrTab(this.code(j))) j++;
    return j >= this.lineEnd;
  }

  /**
   * A paragraph followed by an underline becomes a heading, unless it holds only link reference
   * definitions: then (as micromark does) those end there and the underline line is read anew.
   */
  private setextHeading(paragraph: Block, depth: number): boolean {
    this.closeUnmatched();
    const content = joinLines(this.text, paragraph);
    // The heading's range is its first line, from where the paragraph (definitions included) starts.
    const firstLineEnd = paragraph.lines[1]!;
    const definitions = leadingDefinitions(content);
    for (const label of definitions.labels) this.defined.add(label);
    paragraph.lines = NO_LINES;
    const topLevel = this.open.length === 2;
    this.closeTop();
    if (definitions.end >= content.length) return false;
    if (topLevel) this.pushHeading({ depth, start: paragraph.start, end: firstLineEnd, content: trimEnd(content.slice(definitions.end)) });
    this.offset = this.lineEnd;
    return true;
  }

  /** Whether the rest of the line from `at` is a thematic break of `c`. */
  private isThematicBreak(at: number, c: number): boolean {
    // A start up to where an earlier scan stopped stops there too (or has fewer markers).
    if (at <= (c === 42 ? this.starMiss : c === 45 ? this.dashMiss : this.underscoreMiss)) return false;
    let count = 0;
    let j = at;
    for (; j < this.lineEnd; j++) {
      const d = this.text.charCodeAt(j);
      if (d === c) count++;
      else if (!isSpaceOrTab(d)) break;
    }
    if (j >= this.lineEnd && count >= 3) return true;
    if (c === 42) this.starMiss = j;
    else if (c === 45) this.dashMiss = j;
    else this.underscoreMiss = j;
    return false;
  }

  private htmlStart(at: number, container: Block): number {
    const text = this.text;
    const end = this.lineEnd;
    const c1 = this.code(at + 1);
    if (c1 === 33 /* ! */) {
      const c2 = this.code(at + 2);
      if (c2 === 45 && this.code(at + 3) === 45) return 2;
      if (c2 === 91 && text.startsWith('CDATA[', at + 3) && at + 9 <= end) return 5;
      if (isAsciiAlpha(c2)) return 4;
      return 0;
    }
    if (c1 === 63 /* ? */) return 3;
    let j = at + 1;
    const closing = c1 === 47;
    if (closing) j++;
    if (!isAsciiAlpha(this.code(j))) return 0;
    const nameStart = j;
    while (j < end && (isAsciiAlphanumeric(text.charCodeAt(j)) || text.charCodeAt(j) === 45)) j++;
    const after = this.code(j);
    if (!(after === -1 || after === 47 || after === 62 || isSpaceOrTab(after))) return 0;
    const name = text.slice(nameStart, j).toLowerCase();
    if (!closing && after !== 47 && RAW_NAMES.has(name)) return 1;
    if (BLOCK_NAMES.has(name)) {
      if (after === 47) return this.code(j + 1) === 62 ? 6 : 0;
      return 6;
    }
    // Kind 7 cannot interrupt a paragraph (micromark lets it on a lazy line: see blockStart).
    if (container.kind === Kind.Paragraph) return 0;
    return this.completeTag(j, closing) ? 7 : 0;
  }

  /** A complete open or closing tag from after its name, then only white space (micromark). */
  private completeTag(j: number, closing: boolean): boolean {
    const text = this.text;
    const end = this.lineEnd;
    const code = (i: number) => (i < end ? text.charCodeAt(i) : -1);
    if (closing) {
      while (isSpaceOrTab(code(j))) j++;
    } else {
      for (;;) {
        let c = code(j);
        if (c === 47) {
          j++;
          break;
        }
        if (c === 58 || c === 95 || isAsciiAlpha(c)) {
          j++;
          while (j < end) {
            c = text.charCodeAt(j);
            if (c === 45 || c === 46 || c === 58 || c === 95 || isAsciiAlphanumeric(c)) j++;
            else break;
          }
          // After a name: `=` and a value, spaces, or the next name.
          for (;;) {
            while (isSpaceOrTab(code(j))) j++;
            if (code(j) !== 61) break;
            j++;
            while (isSpaceOrTab(code(j))) j++;
            c = code(j);
            if (c === -1 || c === 60 || c === 61 || c === 62 || c === 96) return false;
            if (c === 34 || c === 39) {
              const close = text.indexOf(c === 34 ? '"' : "'", j + 1);
              if (close === -1 || close >= end) return false;
              j = close + 1;
              c = code(j);
              if (!(c === 47 || c === 62 || isSpaceOrTab(c))) return false;
              break;
            }
            // An unquoted value (unlike inline HTML, micromark's HTML block does not take its
            // first character unchecked: `<a b=/ c>` is no tag here).
            while (j < end) {
              c = text.charCodeAt(j);
              if (c === 34 || c === 39 || c === 47 || c === 60 || c === 61 || c === 62 || c === 96 || isSpaceOrTab(c)) break;
              j++;
            }
          }
          continue;
        }
        if (isSpaceOrTab(c)) {
          j++;
          continue;
        }
        break;
      }
    }
    if (code(j) !== 62) return false;
    j++;
    while (isSpaceOrTab(code(j))) j++;
    return j >= end;
  }

  private listItem(): boolean {
    const text = this.text;
    const at = this.nextNonspace;
    const c = this.code(at);
    let markerEnd: number;
    if (c === 42 || c === 43 || c === 45) {
      markerEnd = at + 1;
    } else if (isAsciiDigit(c)) {
      let j = at;
      while (j < this.lineEnd && j - at < 9 && isAsciiDigit(text.charCodeAt(j))) j++;
      const d = this.code(j);
      if (!(d === 46 || d === 41)) return false;
      // Only a list starting at 1 can interrupt a paragraph.
      if (this.interrupting && Number(text.slice(at, j)) !== 1) return false;
      markerEnd = j + 1;
    } else {
      return false;
    }
    const next = this.code(markerEnd);
    if (!(next === -1 || isSpaceOrTab(next))) return false;
    if (this.interrupting) {
      // An empty item cannot interrupt a paragraph.
      let j = markerEnd;
      while (isSpaceOrTab(this.code(j))) j++;
      if (j >= this.lineEnd) return false;
    }
    const markerOffset = this.indent;
    const markerLength = markerEnd - at;
    this.advanceNextNonspace();
    this.advanceOffset(markerLength, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    const spacesStartPartial = this.partialTab;
    do {
      this.advanceOffset(1, true);
    } while (this.column - spacesStartColumn < 5 && isSpaceOrTab(this.code(this.offset)));
    const blankItem = this.offset >= this.lineEnd;
    const spacesAfterMarker = this.column - spacesStartColumn;
    let padding: number;
    if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
      padding = markerLength + 1;
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      this.partialTab = spacesStartPartial;
      if (isSpaceOrTab(this.code(this.offset))) this.advanceOffset(1, true);
    } else {
      padding = markerLength + spacesAfterMarker;
    }
    this.closeUnmatched();
    const item = this.addChild(Kind.Item);
    item.contentIndent = markerOffset + padding;
    this.newContainer = true;
    return true;
  }

  private addHeading(depth: number, start: number, end: number, content: string): void {
    this.addChild(null);
    if (this.open.length === 1) this.pushHeading({ depth, start, end, content });
  }

  private pushHeading(heading: PendingHeading): void {
    this.headings.push(heading);
    if (this.enough?.(heading.depth, heading.content)) this.stopped = true;
  }

  /** Closes what cannot hold the new block, then opens it (null: a block that closes at once). */
  private addChild(kind: Kind.Quote | Kind.Item | Kind.Paragraph | Kind.Fence | Kind.IndentedCode | Kind.Html): Block;
  private addChild(kind: null): undefined;
  private addChild(kind: Kind | null): Block | undefined {
    while (!isContainer(this.tip.kind)) this.closeTop();
    const parent = this.tip;
    if (parent.kind === Kind.Item && !parent.filled) {
      parent.filled = true;
      // The innermost container is the last blank-line stop if it is one.
      if (this.lastBlankStop() === this.open.length - 1) this.blankStops.pop();
    }
    if (kind === null) return undefined;
    const b = kind === Kind.Paragraph ? this.freshParagraph() : block(kind);
    this.open.push(b);
    if (kind === Kind.Quote || kind === Kind.Item) this.blankStops.push(this.open.length - 1);
    this.matched = this.open.length - 1;
    return b;
  }

  /** The paragraph block, emptied for a new paragraph (its `start` is set by the caller). */
  private freshParagraph(): Block {
    const p = this.paragraph;
    this.paragraphLines.length = 0;
    p.lines = this.paragraphLines;
    return p;
  }

  /** Closes the blocks the line did not continue (once no lazy continuation is possible). */
  private closeUnmatched(): void {
    if (this.allClosed) return;
    while (this.open.length - 1 > this.matched) this.closeTop();
    this.allClosed = true;
  }

  /**
   * The innermost blank-line stop, or -1. The length is checked first: reading index -1 of an
   * empty array is a property lookup on its prototypes, and blocks close on most lines.
   */
  private lastBlankStop(): number {
    const stops = this.blankStops;
    return stops.length > 0 ? stops[stops.length - 1]! : -1;
  }

  private closeTop(): void {
    const b = this.open.pop()!;
    const index = this.open.length;
    if (this.lastBlankStop() === index) this.blankStops.pop();
    if (b.kind === Kind.Paragraph && b.lines.length > 0) {
      // Only a paragraph that starts with `[` can start with definitions: no other is joined.
      if (this.text.charCodeAt(b.lines[0]!) === 91 /* [ */)
        for (const label of leadingDefinitions(joinLines(this.text, b)).labels) this.defined.add(label);
      b.lines = NO_LINES;
    }
    this.matched = Math.min(this.matched, this.open.length - 1);
  }
}

/** Characters that may start a block other than a paragraph (without indentation). */
function maybeSpecial(c: number): boolean {
  return (
    c === 35 || c === 96 || c === 126 || c === 42 || c === 43 || c === 95 || c === 61 || c === 60 || c === 62 || c === 45 || isAsciiDigit(c)
  );
}

function htmlEnds(kind: number, line: string): boolean {
  switch (kind) {
    case 1:
      return RAW_END.test(line);
    case 2:
      return line.includes('-->');
    case 3:
      return line.includes('?>');
    case 4:
      return line.includes('>');
    default:
      return line.includes(']]>');
  }
}

/** A paragraph's text: its lines joined by their own line endings (the last one's left out). */
function joinLines(text: string, paragraph: Block): string {
  const lines = paragraph.lines;
  const last = lines.length - 3;
  let content = '';
  // A line and its ending are one stretch of the text.
  for (let i = 0; i < last; i += 3) content += text.slice(lines[i]!, lines[i + 2]!);
  return content + text.slice(lines[last]!, lines[last + 1]!);
}

/** The offset of the first `char` in `text[from, to)`, else `to`. */
function nextOf(text: string, char: string, from: number, to: number): number {
  const at = text.indexOf(char, from);
  return at === -1 || at > to ? to : at;
}

function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isSpaceOrTab(s.charCodeAt(end - 1))) end--;
  return s.slice(0, end);
}
