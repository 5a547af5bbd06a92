// CSV that Excel opens correctly: UTF-8 with a BOM is added by the writer of a file; here, RFC 4180
// quoting and CRLF line ends.
export function toCsv(rows: ReadonlyArray<Record<string, string>>, columns: readonly string[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))].join('\r\n');
}
