// `reqdesk export <records|plan>`: the record table (模板1, then the rest of each record, so that it
// imports back into the same records) or the response plan table as CSV that Excel opens correctly
// (UTF-8 with a BOM, CRLF), as an Excel workbook (--out FILE.xlsx), or as a Markdown table; to
// stdout or --out FILE.
// A record that is a link to a file outside the workspace is validated like any other, but its
// content is not copied into an export: it is left out and named.
import * as path from 'node:path';
import { tableToCsv, tableToMarkdown } from '../core/csv';
import { localizable, localize, localizeLater } from '../core/l10n';
import { printable } from '../core/terminalText';
import { exportCautions, planTableOf, recordTableOf, type ExportEntry } from '../core/recordTable';
import { realPathOutside, writeFileSafely } from '../files/safeFiles';
import { cellTooLong, EXCEL_CELL_LIMIT, writeWorkbook } from '../files/workbook';
import { languageFrom, loadIndex, mustBeOneOf, UsageError, type CliIO, parseCommandArgs } from './cliContext';

export async function exportCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
    },
    true,
  );
  const [table] = positionals;
  if (positionals.length !== 1 || (table !== 'records' && table !== 'plan'))
    throw new UsageError(localizable('export needs a table: records or plan'));
  const format = values.format;
  if (format !== 'csv' && format !== 'md' && format !== 'xlsx')
    throw new UsageError(mustBeOneOf('--format', ['csv', 'xlsx', 'md'], String(format)));
  // A workbook is not text: it goes to a file.
  if (format === 'xlsx' && !values.out) throw new UsageError(localizable('--format xlsx needs --out FILE.xlsx'));
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings } = await loadIndex(root, [], io);
  const records = index.all();
  const outside = new Set(records.filter((r) => realPathOutside(root, source.absolute(r.file)) !== undefined).map((r) => r.file));
  for (const file of [...outside].sort()) {
    io.err(`reqdesk: ${localize(lang, '{0} is a symbolic link to a file outside the workspace: left out of the export.', file)}`);
  }
  const entries: ExportEntry[] = records
    .filter((r) => !outside.has(r.file))
    .map((record) => {
      const text = table === 'records' ? source.readText(record.file, settings.maxFileBytes) : undefined;
      return { record, ...(text === undefined ? {} : { text }) };
    });
  const data =
    table === 'records'
      ? recordTableOf(entries, lang)
      : planTableOf(entries, { workdays: settings.workdays, holidays: settings.holidays }, lang);
  if (format === 'xlsx') {
    const tooLong = cellTooLong(data);
    if (tooLong) {
      io.err(
        `reqdesk: ${printable(localize(lang, 'Row {0}, column "{1}" holds more than {2} characters, which Excel cannot keep: export as CSV.', tooLong.row, tooLong.column, EXCEL_CELL_LIMIT))}`,
      );
      return 1;
    }
  }
  const output =
    format === 'xlsx'
      ? await writeWorkbook(data, lang, { note: table === 'records' })
      : format === 'csv'
        ? tableToCsv(data)
        : tableToMarkdown(data);
  // Typed by the user: outside the workspace it may go anywhere; inside, a link of the
  // repository's does not take it out, and an existing link is never written through.
  if (values.out) writeFileSafely(path.resolve(io.cwd, values.out), output, { root, origin: 'user' });
  else io.out((output as string).replace(/\r?\n$/, ''));
  // After the table is written: what in it needs a look (shared IDs, records with errors).
  for (const caution of exportCautions(entries)) io.err(`reqdesk: ${printable(localizeLater(lang, caution))}`);

  return 0;
}
