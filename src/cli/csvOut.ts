// CSV on standard output (`list`, `trace`): the cells of the export's Excel-safe writer (RFC 4180
// quoting, CRLF, a leading apostrophe on cells Excel would run as formulas), without the BOM, which
// would reach the next program in a pipe. `io.out` ends the last line.
import { tableToCsv } from '../core/csv';

export function toCsv(rows: ReadonlyArray<Record<string, string>>, columns: readonly string[]): string {
  return tableToCsv({ header: columns, rows: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { bom: false }).replace(/\r\n$/, '');
}
