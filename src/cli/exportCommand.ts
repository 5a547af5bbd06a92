// `reqdesk export <records|plan>`: the record table (模板1) or the response plan table as CSV that
// Excel opens correctly (UTF-8 with a BOM, CRLF) or as a Markdown table; to stdout or --out FILE.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { tableToCsv, tableToMarkdown } from '../core/csv';
import { planTableOf, recordTableOf, type ExportEntry } from '../core/recordTable';
import { languageFrom, loadIndex, UsageError, type CliIO } from './main';

export async function exportCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      root: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const [table] = positionals;
  if (positionals.length !== 1 || (table !== 'records' && table !== 'plan')) throw new UsageError('export needs a table: records or plan', 'export 需要指定表：records 或 plan');
  const format = values.format;
  if (format !== 'csv' && format !== 'md') throw new UsageError(`--format must be one of: csv, md (got "${format}")`, `--format 只能取以下值之一：csv, md（实际为 "${format}"）`);
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings } = await loadIndex(root, [], io);
  const entries: ExportEntry[] = index.all().map((record) => {
    let text: string | undefined;
    try {
      text = table === 'records' ? readFileSync(source.absolute(record.file), 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    return { record, ...(text === undefined ? {} : { text }) };
  });
  const data = table === 'records' ? recordTableOf(entries, lang) : planTableOf(entries, { workdays: settings.workdays, holidays: settings.holidays }, lang);
  const output = format === 'csv' ? tableToCsv(data) : tableToMarkdown(data);
  if (values.out) {
    const out = path.resolve(io.cwd, values.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, output);
  } else io.out(output.replace(/\r?\n$/, ''));
  return 0;
}
