// Text laid out in columns for a terminal (`list`, `trace`, `history`): padded by display width,
// since a CJK character takes two columns.

/** Display width: CJK characters take two columns in a terminal. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

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
