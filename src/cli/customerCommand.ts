// `reqdesk customer <name>`: one customer's promise ledger, or with --update the update to send them
// (Markdown, in their language unless --lang says otherwise). In a git repository the deliveries
// and task dates come from the files' history and the update lists the commits naming each ID;
// without git it says so on stderr and judges the promises from the records alone.
//
// JSON output (--format json), stable within `version: 1`:
//   ledger:  { version, customer: { name, key, tier? }, today, promises: [CustomerPromise], summary }
//   update:  { version, customer: { name, key, tier? }, language, update: CustomerUpdate }
// (the shapes of src/core/promises.ts and src/core/customerUpdate.ts).
import * as path from 'node:path';
import { findCustomer } from '../core/customerLookup';
import { customerLanguage, customerUpdate, customerUpdateMarkdown, promiseLedgerMarkdown } from '../core/customerUpdate';
import { localizable, localize } from '../core/l10n';
import { normalizeLanguage } from '../core/messages';
import { promiseLedger } from '../core/promises';
import { isValidIsoDate } from '../core/schedule';
import { jsonForTerminal, printable } from '../core/terminalText';
import { writeFileSafely } from '../files/safeFiles';
import { GIT_OPTION, languageFrom, listText, oneOf, parseCommandArgs, UsageError, type CliIO } from './cliContext';
import { customerInputs, isoDay, rootOf } from './customerInputs';

export async function customerCommand(args: string[], io: CliIO, now: Date): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      update: { type: 'boolean', default: false },
      since: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      ...GIT_OPTION,
      'no-git': { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length !== 1 || positionals[0]!.trim() === '') throw new UsageError(localizable('customer takes one customer name'));
  const format = oneOf(values.format, ['md', 'json'] as const, '--format')!;
  if (values.since !== undefined && !isValidIsoDate(values.since))
    throw new UsageError(localizable('--since takes a date YYYY-MM-DD (got "{0}")', values.since));
  const lang = languageFrom(values.lang, io.env);
  const today = isoDay(now);
  const root = rootOf(io, values.root);
  const inputs = await customerInputs(root, io, lang, { path: values.git!, off: values['no-git']! });

  const asked = positionals[0]!;
  const lookup = findCustomer(inputs.directory, asked);
  if (!('found' in lookup)) {
    const text = lookup.nearest.length
      ? localize(lang, 'unknown customer "{0}"; the nearest: {1}', asked, listText(lang, lookup.nearest))
      : localize(lang, 'unknown customer "{0}", and no customer has a name near it', asked);
    io.err(`reqdesk: ${printable(text)}`);
    return 2;
  }
  const customer = lookup.found;
  const byFile = new Set(customer.requirements.map((r) => r.file));
  const records = inputs.records.filter((r) => byFile.has(r.file));
  const git = await inputs.readGit(records, { commits: values.update! });
  const about = { name: customer.name, key: customer.key, ...(customer.tier ? { tier: customer.tier } : {}) };

  let text: string;
  if (values.update) {
    // The customer's language, unless --lang chose one for everything.
    const language = values.lang !== undefined ? normalizeLanguage(values.lang) : customerLanguage(records, customer.key);
    const since = values.since ?? customer.lastTouch?.date;
    const update = customerUpdate({
      customer: customer.name,
      records,
      today,
      calendar: inputs.calendar,
      ...(since ? { since } : {}),
      sinceFrom: values.since !== undefined ? 'given' : since ? 'last-contact' : 'none',
      ...(git.dates ? { dates: git.dates } : {}),
      ...(git.commits ? { commits: (id: string) => git.commits!.commitsOf(id) } : {}),
    });
    text =
      format === 'json'
        ? `${jsonForTerminal({ version: 1, customer: about, language, update })}\n`
        : customerUpdateMarkdown(update, language);
  } else {
    const ledger = promiseLedger({
      records,
      customer: customer.key,
      today,
      calendar: inputs.calendar,
      ...(git.dates ? { dates: git.dates } : {}),
    });
    text =
      format === 'json'
        ? `${jsonForTerminal({ version: 1, customer: about, today, ...ledger })}\n`
        : promiseLedgerMarkdown(customer.name, ledger, today, lang);
  }
  if (values.out) {
    const out = path.resolve(io.cwd, values.out);
    // Typed by the user: see writeFileSafely's rules for a path inside the workspace.
    writeFileSafely(out, text, { root, origin: 'user' });
    io.err(printable(localize(lang, 'Written to {0}', path.relative(io.cwd, out) || out)));
  } else io.out(text.trimEnd());
  return 0;
}
