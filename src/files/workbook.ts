// Excel workbooks (.xlsx, which WPS saves too) for the record and plan tables, through exceljs:
// a table written as one sheet of text cells, and a workbook's first sheet read as the rows a CSV
// gives, so that the import's plan, refusals and round trip are the CSV's. exceljs is loaded on
// first use (the bundles keep it in a file of its own: see esbuild.mjs).
import type { Workbook, CellValue } from 'exceljs';
import { guardFormula, type CsvRow, type ParsedCsv, type Table } from '../core/csv';
import { localize, type Language } from '../core/l10n';
import { tableLimits } from '../core/recordColumns';

type ExcelJs = typeof import('exceljs');

async function excelJs(): Promise<ExcelJs> {
  const module = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
  return module.default ?? module;
}

/** The most characters Excel keeps in a cell. */
export const EXCEL_CELL_LIMIT = 32767;

/** The first cell longer than Excel keeps, as its row (1 = the header) and column header. */
export function cellTooLong(table: Table): { row: number; column: string } | undefined {
  for (const [i, row] of table.rows.entries()) {
    const column = row.findIndex((cell) => cell.length > EXCEL_CELL_LIMIT);
    if (column !== -1) return { row: i + 2, column: table.header[column] ?? String(column + 1) };
  }
  return undefined;
}

/**
 * The table as an .xlsx workbook: every cell a text cell (shared string, number format `@`), so
 * that nothing is run as a formula, however it starts (= + - @), and nothing is read as a date or
 * a number, now or when a cell is edited; the header row frozen. With `note`, a second sheet says
 * what a table cannot carry.
 */
export async function writeWorkbook(table: Table, lang: Language, { note = false }: { note?: boolean } = {}): Promise<Uint8Array> {
  const ExcelJS = await excelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ReqDesk';
  const sheet = workbook.addWorksheet(localize(lang, { message: 'Requirements', comment: 'the name of an exported sheet' }), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  for (const cells of [table.header, ...table.rows]) {
    const row = sheet.addRow(cells.map((c) => c.replace(/\r\n?/g, '\n')));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = '@';
      if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  sheet.getRow(1).font = { bold: true };
  if (note) workbook.addWorksheet('ReqDesk').addRow([tableLimits(lang)]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A cell's value as the text a user sees: a formula's last result, a date as YYYY-MM-DD, rich text's characters. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const date = value.toISOString();
    // Excel's dates carry no zone: exceljs gives them as UTC.
    return date.endsWith('T00:00:00.000Z') ? date.slice(0, 10) : `${date.slice(0, 10)} ${date.slice(11, 16)}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

export type WorkbookRead = { sheet: ParsedCsv } | { error: string };

/**
 * The first sheet's rows, numbered as Excel numbers them, the first non-empty row being the header.
 * Cells are formula-guarded as a CSV's are (the import undoes exactly that), so that a cell's text
 * comes back as it was, apostrophes and all.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookRead> {
  const ExcelJS = await excelJs();
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const sheet = workbook.worksheets[0];
  const rows: CsvRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = guardFormula(cellText(cell.value));
    });
    rows.push({ row: number, line: number, cells: Array.from(cells, (c) => c ?? '') });
  });
  const [header, ...data] = rows;
  if (!header) return { sheet: { rows: [], errors: [], delimiter: ',' } };
  // Rows end at their last cell with a value: the header's width is what each row has.
  for (const r of data) while (r.cells.length < header.cells.length) r.cells.push('');
  return { sheet: { header, rows: data, errors: [], delimiter: ',' } };
}

/** Whether bytes are a zip archive, as an .xlsx is (an .xls or a CSV is not). */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
