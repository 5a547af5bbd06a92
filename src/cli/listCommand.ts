// `reqdesk list`: the requirements that match the filters, most urgent first and ranked within each
// priority (core/ranking: `reqdesk.ranking`), as a table for people or as JSON or CSV for scripts.
// Each row says its rank within its priority and what ranked it.
import * as path from 'node:path';
import type { RecordQuery, RequirementRecord } from '../core/index';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { compareIds, priorityPlace, rankBasis, rankReason, ranksWithinLevels, sortRanked, type RankCriterion } from '../core/ranking';
import type { Priority, RequirementCategory, RequirementType, Status } from '../core/schema';
import { jsonForTerminal, printable } from '../core/terminalText';
import { demandOf, demandText } from '../core/demand';
import { enumFilter, languageFrom, loadIndex, mustBeOneOf, oneOf, UsageError, type CliIO, parseCommandArgs } from './cliContext';
import { toCsv } from './csvOut';
import { table } from './terminalTable';

/** What ranking reads of a record. */
const rankable = (r: RequirementRecord) => ({
  moscow: r.data.moscow,
  kano: r.data.kano,
  scores: r.data.scores,
  priority: r.priority,
  id: r.id,
  file: r.file,
});

function listRow(r: RequirementRecord, rank: number, ranking: readonly RankCriterion[]) {
  const tasks = r.data.tasks ?? [];
  const demand = demandOf(r.data);
  return {
    id: r.id ?? '',
    priority: r.priority ?? '',
    /** `reqdesk.priority.demand` raised the derived priority shown. */
    raisedByDemand: r.raisedByDemand === true,
    rank,
    type: r.data.type ?? '',
    // A team schema's status is shown as the team writes it; its stage is what the rules read.
    status: r.teamStatus ?? r.data.status ?? '',
    title: r.title ?? '',
    customer: r.data.customer?.name ?? '',
    /** How many customers asked (`customer` and `requesters`), and how many of each tier. */
    customers: demand.customers,
    tiers: demand.tiers,
    owner: r.data.owner ?? '',
    tasks: tasks.length ? `${tasks.filter((t) => t.status === 'done').length}/${tasks.length}` : '',
    file: r.file,
    /** The values that ranked it, as data; the table and CSV say them in words. */
    rankBy: rankBasis(r.data, ranking),
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
    rank: localize(lang, { message: 'RANK', comment: 'column header' }),
    reason: localize(lang, { message: 'RANKED BY', comment: 'column header' }),
  };
}

export async function listCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(args, {
    priority: { type: 'string' },
    type: { type: 'string' },
    category: { type: 'string' },
    status: { type: 'string' },
    owner: { type: 'string' },
    customer: { type: 'string' },
    format: { type: 'string', default: 'table' },
    sort: { type: 'string', default: 'rank' },
  });
  const format = oneOf(values.format, ['table', 'json', 'csv'] as const, '--format')!;
  const sort = oneOf(values.sort, ['rank', 'id'] as const, '--sort')!;
  const query: RecordQuery = {};
  const priority = oneOf(values.priority, ['P1', 'P2', 'P3', 'none'] as const, '--priority');
  if (priority) query.priority = priority as Priority | 'none';
  const type = enumFilter(values.type, 'type', '--type');
  if (type) query.type = type as RequirementType;
  const category = enumFilter(values.category, 'category', '--category');
  if (category) query.category = category as RequirementCategory;
  if (values.owner) query.owner = values.owner;
  if (values.customer) query.customer = values.customer;
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, settings } = await loadIndex(root, [], io, lang);
  // With a team's statuses, --status names one of them; else one of ReqDesk's.
  const teamStatuses = index.team?.statuses;
  let teamStatus: string | undefined;
  if (teamStatuses && values.status !== undefined) {
    teamStatus = teamStatuses.has(values.status) ? values.status : index.team!.statusAliasTo.get(values.status);
    if (teamStatus === undefined) throw new UsageError(mustBeOneOf('--status', [...teamStatuses.keys()], values.status));
  } else {
    const status = enumFilter(values.status, 'status', '--status');
    if (status) query.status = status as Status;
  }
  const ranking = settings.ranking;
  // The rank is each record's place within its priority in ranked order, whichever order is shown.
  const matching = index.query(query);
  const ranked = sortRanked(teamStatus === undefined ? matching : matching.filter((r) => r.teamStatus === teamStatus), ranking, rankable);
  const ranks = ranksWithinLevels(ranked, (r) => r.priority ?? '');
  const shownOrder = ranked.map((record, i) => ({ record, rank: ranks[i]! }));
  if (sort === 'id')
    shownOrder.sort((a, b) => priorityPlace(a.record.priority) - priorityPlace(b.record.priority) || compareIds(a.record, b.record));
  const rows = shownOrder.map(({ record, rank }) => listRow(record, rank, ranking));
  const reasons = (language: Language) => shownOrder.map(({ record }) => rankReason(record.data, ranking, language));
  if (format === 'json') io.out(jsonForTerminal(rows));
  else if (format === 'csv') {
    // CSV is a format for scripts, like the JSON keys: the reason in English whatever --lang says.
    const why = reasons('en');
    io.out(
      toCsv(
        rows.map(({ raisedByDemand: _r, customers: _c, tiers: _t, ...r }, i) => ({ ...r, rank: String(r.rank), rankBy: why[i]! })),
        ['id', 'priority', 'rank', 'type', 'status', 'title', 'customer', 'owner', 'tasks', 'file', 'rankBy'],
      ),
    );
  } else {
    const why = reasons(lang);
    // One line per record, whatever its values hold (line breaks, escape sequences, bidi controls).
    const shown = rows.map((r, i) => ({
      id: printable(r.id),
      // A priority the demand rule raised is marked, and who asked reads "3 (key 1, new 1)".
      priority: r.raisedByDemand ? `${r.priority}↑` : r.priority,
      rank: String(r.rank),
      type: printable(r.type),
      status: printable(r.status),
      title: printable(r.title),
      customer: printable(r.customer),
      customers: demandText({ customers: r.customers, tiers: r.tiers, keyAccounts: [] }, lang),
      tasks: r.tasks,
      reason: why[i]!,
    }));
    io.out(
      table(shown, ['id', 'priority', 'rank', 'type', 'status', 'title', 'customer', 'customers', 'tasks', 'reason'], listHeaders(lang)),
    );
  }
  return 0;
}
