// CSV as people exchange it with Excel: read in UTF-8 (with or without a BOM) or GBK, the way Excel
// saves a workbook as CSV in China; written as UTF-8 with a BOM and CRLF, which Excel opens with
// the Chinese intact. Markdown tables for documents. Pure: bytes in, text and rows out.
import { parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';
import { firstInvalidUtf8 } from './index';
import { printable } from './terminalText';

export type CsvEncodingOption = 'auto' | 'utf8' | 'gbk';
/** The encoding the bytes were read in. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

export type DecodeResult =
  { ok: true; text: string; encoding: CsvEncoding } | { ok: false; code: 'csv-not-utf8' | 'csv-utf16'; offset?: number };

/**
 * The text of CSV bytes: a UTF-8 BOM means UTF-8; bytes that are valid UTF-8 are UTF-8; anything
 * else is read as GBK (its GB18030 superset, so no byte is lost). `utf8` refuses invalid bytes
 * rather than replacing them; `gbk` always decodes as GBK.
 */
export function decodeCsv(bytes: Uint8Array, encoding: CsvEncodingOption = 'auto'): DecodeResult {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, code: 'csv-utf16' };
  if (encoding === 'gbk') return { ok: true, text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gbk' };
  const body = bom ? bytes.subarray(3) : bytes;
  const invalid = firstInvalidUtf8(body);
  if (invalid === -1)
    return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  if (encoding === 'utf8') return { ok: false, code: 'csv-not-utf8', offset: invalid + (bom ? 3 : 0) };
  return { ok: true, text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gbk' };
}

export interface CsvRow {
  /** The record's number in the file, the header being 1: the row number Excel shows. */
  row: number;
  /** The 1-based line the record starts on (differs from `row` after cells with line breaks). */
  line: number;
  cells: string[];
}

export interface CsvRowError {
  row: number;
  line: number;
  /** csv-parse's error code, e.g. CSV_QUOTE_NOT_CLOSED. */
  reason: string;
}

export interface ParsedCsv {
  header?: CsvRow;
  rows: CsvRow[];
  errors: CsvRowError[];
  delimiter: string;
}

/** Comma, unless the header line clearly uses semicolons or tabs (Excel in some locales). */
function delimiterOf(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  const best = [',', ';', '\t'].sort((a, b) => count(b) - count(a))[0]!;
  return count(best) > 0 ? best : ',';
}

interface Parsed {
  record: string[];
  raw: string;
  info: { lines: number; records: number };
}

/**
 * Rows of CSV text (RFC 4180: quoted cells may hold commas, quotes and line breaks). A record that
 * cannot be read — a quote never closed, a stray quote — becomes an error at the line it starts
 * on, and reading resumes on the next line, so one bad row never hides the others. The column
 * count is the caller's to check (it knows the header).
 */
export function parseCsv(input: string): ParsedCsv {
  const text = input.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  const delimiter = delimiterOf(firstLine);
  const rows: CsvRow[] = [];
  const errors: CsvRowError[] = [];
  let from = 1;
  let row = 0;
  while (from <= lines.length) {
    let failure: { code: string; records: number } | undefined;
    // The rest of the text from that line (from_line would still read the quotes before it).
    const records = parse(lines.slice(from - 1).join('\n'), {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        failure ??= { code: String(error?.code ?? 'CSV_INVALID'), records: Number(error?.records ?? 0) };
        return undefined;
      },
    }) as unknown as Parsed[];
    let lastEnd = from - 1;
    for (const r of records) {
      if (failure && r.info.records > failure.records) break;
      const body = r.raw.replace(/\n$/, '');
      const leading = /^\n*/.exec(body)![0].length;
      const breaks = body.split('\n').length - 1 - leading;
      const end = r.info.lines + from - 1;
      rows.push({ row: ++row, line: end - breaks, cells: r.record });
      lastEnd = end;
    }
    if (!failure) break;
    // The bad record starts on the first non-empty line after the last good one.
    let bad = lastEnd + 1;
    while (bad <= lines.length && lines[bad - 1]!.trim() === '') bad++;
    if (bad > lines.length) break;
    errors.push({ row: ++row, line: bad, reason: failure.code });
    from = bad + 1;
  }
  const [header, ...data] = rows;
  return { ...(header ? { header } : {}), rows: data, errors, delimiter };
}

export interface Table {
  header: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
}

// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - @,
// a tab or a carriage return as a formula. A cell starts where the reader thinks it does, and
// readers disagree: Excel in a locale whose list separator is `;` splits our comma-separated lines
// at every `;`, and reads a quote that is not at the start of its field as text, so the text after
// a `;`, `,`, tab, quote or line break inside a quoted cell can begin a cell of its own. So the
// guard — an apostrophe, which makes the spreadsheet read the rest as text — goes at the start of
// the cell and after each of those characters, wherever a formula character follows. Apostrophes
// already there before a formula character get one more, so that the guard can always be told
// from the text: the import removes exactly one there, and `'=x` and `=x` both come back as typed.

/** At the start of a cell: a formula character, maybe after apostrophes (a line break is OWASP's CR: line breaks are `\n` here). */
const FORMULA_AT_START = /'*[=+\-@\t\n]/y;
/** After a separator inside a cell (a line break there starts an empty cell, not a formula). */
const FORMULA_INSIDE = /'*[=+\-@\t]/y;
/** After these, some reading of the line (`,` `;` or tab as separator, quotes honoured or not) starts a new cell. */
const CELL_STARTS_AFTER = new Set([',', ';', '\t', '\n', '"']);

/** Whether a guard belongs before `text[i]`, the first character after `previous` (undefined: the start). */
function needsGuard(text: string, i: number, previous: string | undefined): boolean {
  if (previous !== undefined && !CELL_STARTS_AFTER.has(previous)) return false;
  const formula = previous === undefined ? FORMULA_AT_START : FORMULA_INSIDE;
  formula.lastIndex = i;
  return formula.test(text);
}

/** The cell with an apostrophe wherever a cell could start with a formula character; line breaks as `\n`. */
export function guardFormula(cell: string): string {
  const text = cell.replace(/\r\n?/g, '\n');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (needsGuard(text, i, text[i - 1])) out += "'";
    out += text[i];
  }
  return out;
}

/** The cell as it was before guardFormula (line breaks as `\n`): its exact inverse. */
export function unguardFormula(cell: string): string {
  const text = cell.replace(/\r\n?/g, '\n');
  let out = '';
  let previous: string | undefined;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'" && needsGuard(text, i + 1, previous)) i++;
    out += text[i];
    previous = text[i];
  }
  return out;
}

/**
 * CSV for Excel: UTF-8 BOM, CRLF, RFC 4180 quoting, formula-injection-safe cells. A cell is quoted
 * when it holds the separator of any usual locale (`,` `;` tab `|`), a quote or a line break, so
 * that it stays one cell in every reading that honours quotes; when it starts or ends with white
 * space; and when it starts with `:`, so that no line of CSV printed in a CI log reads as a
 * workflow command (`::error …`) while the data stays exact.
 */
export function tableToCsv(table: Table, { bom = true }: { bom?: boolean } = {}): string {
  const cell = (raw: string) => {
    const v = guardFormula(raw).replace(/\n/g, '\r\n');
    return /[",;\t|\r\n]|^\s|\s$|^:/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = [table.header, ...table.rows].map((r) => r.map(cell).join(','));
  return `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** Text already printable (one line), with `\` and `|` escaped so that it stays in its Markdown table cell. */
export function escapeTableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/**
 * A GitHub-flavoured Markdown table cell that stays one cell of one row: the text made printable
 * (line breaks, control, bidi and invisible characters as escapes; see terminalText), `\` and `|`
 * escaped. With `lineBreak`, the text's line breaks are written as it instead (`<br>`).
 */
export function markdownCell(text: string, { lineBreak }: { lineBreak?: string } = {}): string {
  const lines = lineBreak === undefined ? [text] : text.split(/\r\n?|\n/);
  return lines
    .map((line) => escapeTableCell(printable(line)))
    .join(lineBreak ?? '')
    .trim();
}

/** A GitHub-flavoured Markdown table: cells as markdownCell, line breaks as `<br>`. */
export function tableToMarkdown(table: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => markdownCell(c, { lineBreak: '<br>' })).join(' | ')} |`;
  return [line(table.header), `|${table.header.map(() => '---').join('|')}|`, ...table.rows.map(line)].join('\n') + '\n';
}
