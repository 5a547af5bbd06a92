// `reqdesk list`: the requirements that match the filters, most urgent first, as a table for
// people or as JSON or CSV for scripts.
import * as path from 'node:path';
import type { RecordQuery, RequirementRecord } from '../core/index';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import type { Priority, RequirementCategory, RequirementType, Status } from '../core/schema';
import { jsonForTerminal, printable } from '../core/terminalText';
import { demandOf, demandText } from '../core/demand';
import { enumFilter, languageFrom, loadIndex, oneOf, type CliIO, parseCommandArgs } from './cliContext';
import { toCsv } from './csvOut';
import { table } from './terminalTable';

function listRow(r: RequirementRecord) {
  const tasks = r.data.tasks ?? [];
  const demand = demandOf(r.data);
  return {
    id: r.id ?? '',
    priority: r.priority ?? '',
    /** `reqdesk.priority.demand` raised the derived priority shown. */
    raisedByDemand: r.raisedByDemand === true,
    type: r.data.type ?? '',
    status: r.data.status ?? '',
    title: r.title ?? '',
    customer: r.data.customer?.name ?? '',
    /** How many customers asked (`customer` and `requesters`), and how many of each tier. */
    customers: demand.customers,
    tiers: demand.tiers,
    owner: r.data.owner ?? '',
    tasks: tasks.length ? `${tasks.filter((t) => t.status === 'done').length}/${tasks.length}` : '',
    file: r.file,
  };
}

/** Column headers of the table; the JSON and CSV keys stay English (they are a format). */
function listHeaders(lang: Language): Record<string, string> {
  return {
    id: localize(lang, { message: 'ID', comment: 'column header' }),
    priority: localize(lang, { message: 'PRIORITY', comment: 'column header' }),
    type: localize(lang, { message: 'TYPE', comment: 'column header' }),
    status: localize(lang, { message: 'STATUS', comment: 'column header' }),
    title: localize(lang, { message: 'TITLE', comment: 'column header' }),
    customer: localize(lang, { message: 'CUSTOMER', comment: 'column header' }),
    customers: localize(lang, { message: 'CUSTOMERS', comment: 'column header' }),
    tasks: localize(lang, { message: 'TASKS', comment: 'column header' }),
  };
}

const PRIORITY_ORDER: Record<string, number> = { P1: 0, P2: 1, P3: 2, '': 3 };

export async function listCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, {
    priority: { type: 'string' },
    type: { type: 'string' },
    category: { type: 'string' },
    status: { type: 'string' },
    owner: { type: 'string' },
    customer: { type: 'string' },
    format: { type: 'string', default: 'table' },
  });
  const format = oneOf(values.format, ['table', 'json', 'csv'] as const, '--format')!;
  const query: RecordQuery = {};
  const priority = oneOf(values.priority, ['P1', 'P2', 'P3', 'none'] as const, '--priority');
  if (priority) query.priority = priority as Priority | 'none';
  const type = enumFilter(values.type, 'type', '--type');
  if (type) query.type = type as RequirementType;
  const category = enumFilter(values.category, 'category', '--category');
  if (category) query.category = category as RequirementCategory;
  const status = enumFilter(values.status, 'status', '--status');
  if (status) query.status = status as Status;
  if (values.owner) query.owner = values.owner;
  if (values.customer) query.customer = values.customer;
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index } = await loadIndex(root, [], io, lang);
  const rows = index
    .query(query)
    .map(listRow)
    .sort((a, b) => PRIORITY_ORDER[a.priority]! - PRIORITY_ORDER[b.priority]! || a.id.localeCompare(b.id) || a.file.localeCompare(b.file));
  if (format === 'json') io.out(jsonForTerminal(rows));
  else if (format === 'csv')
    io.out(
      toCsv(
        rows.map(({ raisedByDemand: _r, customers: _c, tiers: _t, ...r }) => r),
        ['id', 'priority', 'type', 'status', 'title', 'customer', 'owner', 'tasks', 'file'],
      ),
    );
  else {
    // One line per record, whatever its values hold (line breaks, escape sequences, bidi controls).
    const shown = rows.map(
      ({ raisedByDemand, customers, tiers, ...r }) =>
        ({
          ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, printable(v)])),
          // A priority the demand rule raised is marked, and who asked reads "3 (key 1, new 1)".
          priority: raisedByDemand ? `${r.priority}↑` : r.priority,
          customers: demandText({ customers, tiers, keyAccounts: [] }, lang),
        }) as Record<string, string>,
    );
    io.out(table(shown, ['id', 'priority', 'type', 'status', 'title', 'customer', 'customers', 'tasks'], listHeaders(lang)));
  }
  return 0;
}
