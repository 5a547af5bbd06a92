// Customer Update… and Show Promise Ledger: pick a customer (or take it from the tree's customer
// group, or from arguments `{ customer, lang, since }` so scripts, keybindings and tests skip the
// prompts), then open an untitled Markdown document — the update to send them, or their promise
// ledger. Thin glue over core/customerUpdate and core/promises: the records come from the index
// (those with errors left out, as in reports and the CLI), deliveries and task dates from the
// files' git history and the commits naming each ID from the commit service when git may run
// (a trusted workspace in a repository); without them the promises are judged from the records.
//
// The update's language: the one asked for, else picked with the customer's language first —
// Chinese when most of their records' texts hold Chinese (core's customerLanguage), else English.
import * as vscode from 'vscode';
import { findCustomer } from '../core/customerLookup';
import { customerDirectory, type CustomerSummary } from '../core/customers';
import { customerLanguage, customerUpdate, customerUpdateMarkdown, promiseLedgerMarkdown } from '../core/customerUpdate';
import type { RequirementIndex, RequirementRecord } from '../core/index';
import { localize, normalizeLanguage, type Language } from '../core/l10n';
import { recordDatesOf, type RecordDates } from '../core/promiseDates';
import { promiseLedger } from '../core/promises';
import { presetRange } from '../core/reports/range';
import { isValidIsoDate } from '../core/schedule';
import { CUSTOMER_TIERS } from '../core/schema';
import { valueName } from '../core/valueLabel';
import type { CommitService } from '../scm/commitService';
import type { GroupNode } from '../tree/nodes';
import type { IndexHost } from '../workspace/indexHost';
import { localToday } from '../workspace/localToday';
import { l10n, uiLanguage } from '../workspace/uiText';

export interface CustomerCommandArgs {
  /** The customer's name (any spelling customerKey folds to it). */
  customer?: string;
  /** `en` or `zh-cn` (`zh-CN`…); Customer Update… only. */
  lang?: string;
  /** First day of the period, YYYY-MM-DD; Customer Update… only. Default: asked, the last contact first. */
  since?: string;
}

export interface CustomerDeps {
  host: IndexHost;
  commits: CommitService;
}

const FINISHED = new Set(['delivered', 'verified', 'closed']);

/** The records the customers are read from: parsed, and without errors. */
function usableRecords(index: RequirementIndex): RequirementRecord[] {
  return index
    .all()
    .filter((r) => !r.skipped && !index.problemsFor(r.file).some((p) => p.severity === 'error'))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function isCustomerGroup(arg: unknown): arg is GroupNode {
  const node = arg as Partial<GroupNode> | undefined;
  return node?.kind === 'group' && node.group?.kind === 'customer';
}

async function pickCustomer(directory: ReadonlyMap<string, CustomerSummary>, title: string): Promise<CustomerSummary | undefined> {
  const lang = uiLanguage();
  const items = [...directory.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c) => ({
      label: c.name,
      description: [
        c.tier ? valueName(c.tier, CUSTOMER_TIERS[c.tier], lang) : undefined,
        l10n.t('{0} open', c.open),
        c.lastTouch ? l10n.t('last contact {0}', c.lastTouch.date) : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      customer: c,
    }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: l10n.t('Which customer?'), matchOnDescription: true });
  return picked?.customer;
}

async function pickLanguage(preferred: Language): Promise<Language | undefined> {
  const chinese = { label: l10n.t('Chinese (Simplified)'), lang: 'zh-cn' as Language };
  const english = { label: l10n.t('English'), lang: 'en' as Language };
  const first = preferred === 'zh-cn' ? chinese : english;
  const items = [{ ...first, description: l10n.t('the language of the customer’s records') }, preferred === 'zh-cn' ? english : chinese];
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Customer Update'), placeHolder: l10n.t('In which language?') });
  return picked?.lang;
}

const dateCheck = (value: string) => (isValidIsoDate(value.trim()) ? undefined : l10n.t('A date as YYYY-MM-DD'));

/** Since the last contact (when there was one), the start of this quarter, or a date typed in. */
async function pickSince(customer: CustomerSummary): Promise<{ since?: string; from: 'last-contact' | 'given' | 'none' } | undefined> {
  const quarter = presetRange('this-quarter', localToday()).from;
  const items: Array<vscode.QuickPickItem & { since?: string; from?: 'last-contact' | 'given' }> = [];
  if (customer.lastTouch)
    items.push({
      label: l10n.t('Since the last contact'),
      description: customer.lastTouch.date,
      since: customer.lastTouch.date,
      from: 'last-contact',
    });
  items.push({ label: l10n.t('Since the start of this quarter'), description: quarter, since: quarter, from: 'given' });
  items.push({ label: l10n.t('Since a date…') });
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Customer Update'), placeHolder: l10n.t('Since when?') });
  if (!picked) return undefined;
  if (picked.since) return { since: picked.since, from: picked.from! };
  const typed = await vscode.window.showInputBox({
    title: l10n.t('Customer Update'),
    prompt: l10n.t('First day (YYYY-MM-DD)'),
    value: customer.lastTouch?.date ?? quarter,
    validateInput: dateCheck,
  });
  return typed === undefined ? undefined : { since: typed.trim(), from: 'given' };
}

/** Each record's dates from git, for the records whose promises git can date; undefined without git. */
async function datesOf(records: readonly RequirementRecord[], deps: CustomerDeps, threshold: number) {
  const commits = deps.commits;
  await commits.settled();
  if (!commits.ready) return undefined;
  const dates = new Map<string, RecordDates>();
  const wanted = records.filter(
    (r) =>
      (typeof r.data.status === 'string' && FINISHED.has(r.data.status)) ||
      (r.data.tasks ?? []).some((t) => t?.promised === true && (t.status === 'doing' || t.status === 'done')),
  );
  for (const r of wanted) {
    try {
      const versions = await commits.versionsOf(r.file);
      if (versions) dates.set(r.file, recordDatesOf(versions, { threshold }));
    } catch {
      // A history that cannot be read dates nothing: the promise is judged from the record.
    }
  }
  return dates;
}

/** The untitled names given out this session: a name closed and opened again with other text confuses the Markdown preview. */
const namesGiven = new Set<string>();

/**
 * Opens `content` as a new untitled Markdown document named `name` (what a save proposes), or
 * `name (2)`… when that name was given before in this session.
 */
async function openMarkdown(name: string, content: string): Promise<vscode.TextDocument> {
  const safe = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '-').trim();
  let file = `${safe}.md`;
  for (let n = 2; namesGiven.has(file); n++) file = `${safe} (${n}).md`;
  namesGiven.add(file);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: file }));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return doc;
}

/** The customer the command is for: from the tree, the arguments, or a pick. */
async function customerFor(
  arg: unknown,
  directory: ReadonlyMap<string, CustomerSummary>,
  title: string,
): Promise<CustomerSummary | undefined> {
  const name = isCustomerGroup(arg) ? arg.group.key : (arg as CustomerCommandArgs | undefined)?.customer;
  if (typeof name !== 'string' || name.trim() === '') {
    if (directory.size === 0) {
      void vscode.window.showInformationMessage(l10n.t('No customer is named in the requirements.'));
      return undefined;
    }
    return pickCustomer(directory, title);
  }
  const lookup = findCustomer(directory, name);
  if ('found' in lookup) return lookup.found;
  void vscode.window.showErrorMessage(
    lookup.nearest.length
      ? l10n.t(
          'No customer is named "{0}". The nearest: {1}',
          name,
          lookup.nearest.join(l10n.t({ message: ', ', comment: 'between the items of a list' })),
        )
      : l10n.t('No customer is named "{0}".', name),
  );
  return undefined;
}

export function registerCustomerCommands(deps: CustomerDeps): vscode.Disposable[] {
  const indexed = (): RequirementIndex | undefined => {
    const index = deps.host.current;
    if (!index) void vscode.window.showInformationMessage(l10n.t('The requirements are not indexed yet.'));
    return index;
  };

  return [
    vscode.commands.registerCommand('reqdesk.customerUpdate', async (arg?: unknown) => {
      const index = indexed();
      if (!index) return undefined;
      const records = usableRecords(index);
      const directory = customerDirectory(records);
      const customer = await customerFor(arg, directory, l10n.t('Customer Update'));
      if (!customer) return undefined;
      const args = isCustomerGroup(arg) ? {} : ((arg as CustomerCommandArgs | undefined) ?? {});
      const mine = records.filter((r) => customer.requirements.some((q) => q.file === r.file));
      const lang = args.lang !== undefined ? normalizeLanguage(args.lang) : await pickLanguage(customerLanguage(mine, customer.key));
      if (!lang) return undefined;
      let period: { since?: string; from: 'last-contact' | 'given' | 'none' } | undefined;
      if (args.since !== undefined) {
        if (!isValidIsoDate(args.since)) {
          void vscode.window.showErrorMessage(l10n.t('Invalid date "{0}": give it as YYYY-MM-DD.', String(args.since)));
          return undefined;
        }
        period = { since: args.since, from: 'given' };
      } else if (args.lang !== undefined) {
        // Arguments that choose the language but no period mean the last contact: scripts are not asked.
        period = customer.lastTouch ? { since: customer.lastTouch.date, from: 'last-contact' } : { from: 'none' };
      } else {
        period = await pickSince(customer);
        if (!period) return undefined;
      }
      const dates = await datesOf(mine, deps, index.settings.priorityThreshold);
      const update = customerUpdate({
        customer: customer.name,
        records: mine,
        today: localToday(),
        calendar: { workdays: index.settings.workdays, holidays: index.settings.holidays },
        ...(period.since ? { since: period.since } : {}),
        sinceFrom: period.from,
        ...(dates ? { dates } : {}),
        ...(deps.commits.ready ? { commits: (id: string) => deps.commits.commitsOf(id) } : {}),
      });
      return openMarkdown(localize(lang, '{0} update {1}', customer.name, localToday()), customerUpdateMarkdown(update, lang));
    }),
    vscode.commands.registerCommand('reqdesk.showPromiseLedger', async (arg?: unknown) => {
      const index = indexed();
      if (!index) return undefined;
      const records = usableRecords(index);
      const customer = await customerFor(arg, customerDirectory(records), l10n.t('Show Promise Ledger'));
      if (!customer) return undefined;
      const mine = records.filter((r) => customer.requirements.some((q) => q.file === r.file));
      const dates = await datesOf(mine, deps, index.settings.priorityThreshold);
      const today = localToday();
      const ledger = promiseLedger({
        records: mine,
        customer: customer.key,
        today,
        calendar: { workdays: index.settings.workdays, holidays: index.settings.holidays },
        ...(dates ? { dates } : {}),
      });
      return openMarkdown(
        l10n.t('{0} promises {1}', customer.name, today),
        promiseLedgerMarkdown(customer.name, ledger, today, uiLanguage()),
      );
    }),
  ];
}
