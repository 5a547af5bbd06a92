// Text laid out in columns for a terminal (`list`, `trace`, `history`): padded by display width,
// since a CJK character takes two columns.

import { displayWidth } from '../core/displayWidth';

/** Display width: CJK characters take two columns in a terminal. */
export const width = displayWidth;

/** A header line and one line per row, each column as wide as its widest cell; `headers` default to the column names in capitals. */
export function table(rows: Array<Record<string, string>>, columns: string[], headers: Record<string, string> = {}): string {
  const head = columns.map((c) => headers[c] ?? c.toUpperCase());
  const widths = columns.map((c, i) => Math.max(width(head[i]!), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell + ' '.repeat(Math.max(0, widths[i]! - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n');
}
