// `reqdesk customers`: every customer of the workspace — tier, open requirements, last contact and
// how their promises stand (kept, late, open, overdue) — as a table for people or JSON for scripts.
//
// JSON output (--format json), stable within `version: 1`: { version, today, customers: [{ name,
// key, tier?, open, requirements, lastContact?, promises: { kept, late, open, overdue } }] }, by name.
import type { RequirementRecord } from '../core/index';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { promiseLedger } from '../core/promises';
import { CUSTOMER_TIERS } from '../core/schema';
import { jsonForTerminal, printable } from '../core/terminalText';
import { valueName } from '../core/valueLabel';
import { GIT_OPTION, languageFrom, oneOf, parseCommandArgs, type CliIO } from './cliContext';
import { customerInputs, isoDay, rootOf } from './customerInputs';
import { table } from './terminalTable';

function headers(lang: Language): Record<string, string> {
  return {
    name: localize(lang, { message: 'CUSTOMER', comment: 'column header' }),
    tier: localize(lang, { message: 'TIER', comment: 'column header' }),
    open: localize(lang, { message: 'OPEN', comment: 'column header: open requirements' }),
    lastContact: localize(lang, { message: 'LAST CONTACT', comment: 'column header' }),
    kept: localize(lang, { message: 'KEPT', comment: 'column header: promises' }),
    late: localize(lang, { message: 'LATE', comment: 'column header: promises' }),
    pending: localize(lang, { message: 'PENDING', comment: 'column header: promises not yet due' }),
    overdue: localize(lang, { message: 'OVERDUE', comment: 'column header: promises' }),
  };
}

export async function customersCommand(args: string[], io: CliIO, now: Date): Promise<number> {
  const { values } = parseCommandArgs(args, {
    format: { type: 'string', default: 'table' },
    ...GIT_OPTION,
    'no-git': { type: 'boolean', default: false },
  });
  const format = oneOf(values.format, ['table', 'json'] as const, '--format')!;
  const lang = languageFrom(values.lang, io.env);
  const today = isoDay(now);
  const inputs = await customerInputs(rootOf(io, values.root), io, lang, { path: values.git!, off: values['no-git']! });
  const { dates } = await inputs.readGit(inputs.records, { commits: false });
  const byFile = new Map<string, RequirementRecord>(inputs.records.map((r) => [r.file, r]));

  const customers = [...inputs.directory.values()]
    .map((c) => {
      // Only this customer's records: the ledger is not asked to look through every record again.
      const records = c.requirements.map((q) => byFile.get(q.file)!);
      const { summary } = promiseLedger({ records, customer: c.key, today, calendar: inputs.calendar, ...(dates ? { dates } : {}) });
      return {
        name: c.name,
        key: c.key,
        ...(c.tier ? { tier: c.tier } : {}),
        open: c.open,
        requirements: c.requirements.length,
        ...(c.lastTouch ? { lastContact: c.lastTouch.date } : {}),
        promises: summary,
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  if (format === 'json') {
    io.out(jsonForTerminal({ version: 1, today, customers }));
    return 0;
  }
  if (customers.length === 0) {
    io.out(localize(lang, 'No customer is named in the requirements.'));
    return 0;
  }
  const rows = customers.map((c) => ({
    name: printable(c.name),
    tier: c.tier ? valueName(c.tier, CUSTOMER_TIERS[c.tier], lang) : '',
    open: String(c.open),
    lastContact: c.lastContact ?? '',
    kept: String(c.promises.kept),
    late: String(c.promises.late),
    pending: String(c.promises.open),
    overdue: String(c.promises.overdue),
  }));
  io.out(table(rows, ['name', 'tier', 'open', 'lastContact', 'kept', 'late', 'pending', 'overdue'], headers(lang)));
  return 0;
}
