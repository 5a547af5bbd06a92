// Log Customer Contact… (定期沟通: phone, e-mail, meetings, and what was said): pick the customer,
// the requirements discussed (their open ones checked), the date, the channel, who spoke and a
// summary; one `contacts` entry is appended to each requirement chosen, as inserted lines only, in
// one WorkspaceEdit (one undo per file). From the palette, a requirement or a customer group in
// the tree, the cadence warning's quick fix, or a script passing the answers.
import * as vscode from 'vscode';
import { cadenceTier } from '../core/contactCadence';
import { customerKey, requestersOf, TIER_RANK, type CustomerSummary } from '../core/customers';
import type { RequirementIndex } from '../core/index';
import { appendListItem, type ListItem } from '../core/listEdits';
import { isValidIsoDate } from '../core/schedule';
import { CONTACT_CHANNELS, CUSTOMER_TIERS } from '../core/schema';
import { daysBetween } from '../core/timely';
import { valueAlias, valueLabel, valueMeaning } from '../core/valueLabel';
import { GroupNode, RequirementNode, TaskNode } from '../tree/nodes';
import { applyComputedEditsOrReport } from '../workspace/applyEdits';
import { localToday } from '../workspace/localToday';
import { aliasDisplay, l10n, uiLanguage } from '../workspace/uiText';
import { dateStep, runSteps, textStep, validateRequired, type Step } from './multiStep';

export type ContactChannel = keyof typeof CONTACT_CHANNELS;
const CHANNELS = Object.keys(CONTACT_CHANNELS) as ContactChannel[];

/** Answers a keybinding, a script or a test may pass instead of answering the prompts. */
export interface LogContactArgs {
  /** The customer's name (any spelling of it). */
  customer?: string;
  /** The requirements discussed, by file (URI string) or ID; `file`/`id` for one. */
  files?: string[];
  file?: string;
  id?: string;
  date?: string;
  channel?: ContactChannel;
  who?: string;
  summary?: string;
}

interface State {
  customer?: CustomerSummary;
  files?: string[];
  date?: string;
  channel?: ContactChannel;
  who?: string;
  summary?: string;
}

const isArgs = (v: unknown): v is LogContactArgs =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof RequirementNode) &&
  !(v instanceof TaskNode) &&
  !(v instanceof GroupNode);

export class LogContactCommand {
  private readonly lang = uiLanguage();

  constructor(private readonly index: () => RequirementIndex) {}

  register(): vscode.Disposable {
    return vscode.commands.registerCommand('reqdesk.logCustomerContact', (a: unknown, b: unknown, args: unknown) =>
      this.run(a, isArgs(args) ? args : isArgs(b) ? b : isArgs(a) ? a : {}),
    );
  }

  /** Who the command was started on: a customer group, a requirement (node, file or ID), or nothing. */
  private origin(a: unknown, args: LogContactArgs): { customer?: string; file?: string } {
    if (a instanceof GroupNode && a.group.kind === 'customer' && a.group.key) return { customer: a.group.key };
    const node = a instanceof TaskNode ? a.parent : a instanceof RequirementNode ? a : undefined;
    const index = this.index();
    const byId = args.id ? index.byId(args.id)[0]?.file : undefined;
    return {
      ...(args.customer ? { customer: args.customer } : {}),
      ...((node?.summary.file ?? args.file ?? byId) ? { file: node?.summary.file ?? args.file ?? byId } : {}),
    };
  }

  /** The customers to pick from: the requirement's own when started on one, else everyone; key accounts first. */
  private customerChoices(file: string | undefined): CustomerSummary[] {
    const index = this.index();
    const record = file ? index.get(file) : undefined;
    const all = record
      ? requestersOf(record.data).flatMap((r) => index.customer(r.key) ?? [])
      : index.customers().sort((x, y) => x.name.localeCompare(y.name));
    return [...all].sort(
      (x, y) => TIER_RANK[cadenceTier(y.tier)] - TIER_RANK[cadenceTier(x.tier)] || (record ? 0 : x.name.localeCompare(y.name)),
    );
  }

  private lastContactText(c: CustomerSummary): string {
    if (!c.lastTouch) return l10n.t('never contacted');
    const days = daysBetween(c.lastTouch.date, localToday());
    if (days < 0) return l10n.t('last contacted on {0}', c.lastTouch.date);
    if (days === 0) return l10n.t('last contacted today');
    if (days === 1) return l10n.t('last contacted yesterday');
    return l10n.t('last contacted {0} days ago', days);
  }

  async run(a: unknown, args: LogContactArgs): Promise<boolean> {
    const index = this.index();
    const origin = this.origin(a, args);
    const scripted = Object.keys(args).some((k) => !['customer', 'file', 'id'].includes(k));
    const state: State = {
      ...(args.date !== undefined ? { date: args.date } : {}),
      ...(args.channel !== undefined ? { channel: args.channel } : {}),
      ...(args.who !== undefined ? { who: args.who } : {}),
      ...(args.summary !== undefined ? { summary: args.summary } : {}),
    };
    if (origin.customer !== undefined) {
      state.customer = index.customer(customerKey(origin.customer));
      if (!state.customer) return this.invalid(l10n.t('No requirement names the customer {0}.', origin.customer));
    }
    const choices = state.customer ? [] : this.customerChoices(origin.file);
    if (!state.customer && choices.length === 0) {
      const record = origin.file ? index.get(origin.file) : undefined;
      void vscode.window.showInformationMessage(
        record
          ? l10n.t('{0} names no customer: add one to customer or requesters first.', record.id ?? record.title ?? '')
          : l10n.t('No requirement names a customer yet: add one to customer or requesters first.'),
      );
      return false;
    }
    // Started on a requirement of one customer: that is who it was.
    if (!state.customer && choices.length === 1 && origin.file) state.customer = choices[0];
    // The requirements are asked for unless a script names them (with its answers, `file`/`id` does).
    const files = args.files ?? (scripted && origin.file ? [origin.file] : undefined);
    if (files) state.files = files.map((f) => index.byId(f)[0]?.file ?? f);

    const title = () => (state.customer ? `${l10n.t('Log Customer Contact')} · ${state.customer.name}` : l10n.t('Log Customer Contact'));
    const steps: Array<Step<State> | undefined> = [
      state.customer === undefined
        ? async (ui, s) => {
            s.customer = await ui.pick<CustomerSummary>({
              title: title(),
              placeholder: l10n.t('Which customer did you speak with?'),
              items: choices.map((c) => ({
                label: `${c.tier === 'key' ? '$(star-full) ' : ''}${c.name}`,
                description: [
                  c.tier ? valueLabel(c.tier, CUSTOMER_TIERS[c.tier], this.lang, aliasDisplay()) : undefined,
                  this.lastContactText(c),
                ]
                  .filter(Boolean)
                  .join(' · '),
                detail: l10n.t('{0} open, {1} in all', c.open, c.requirements.length),
                value: c,
              })),
            });
          }
        : undefined,
      state.files === undefined
        ? async (ui, s) => {
            const customer = s.customer!;
            // Open ones first, checked; the origin's requirement checked too, open or not.
            const requirements = [...customer.requirements].sort((x, y) => Number(y.open) - Number(x.open));
            s.files = await ui.pickMany<string>({
              title: title(),
              placeholder: l10n.t('Which requirements were discussed?'),
              items: requirements.map((r) => ({
                label: [r.id, r.title].filter(Boolean).join(' ') || vscode.workspace.asRelativePath(vscode.Uri.parse(r.file), false),
                description: r.status,
                picked: r.open || r.file === origin.file,
                value: r.file,
              })),
              validate: (chosen) => (chosen.length ? undefined : l10n.t('Check at least one requirement.')),
            });
          }
        : undefined,
      state.date === undefined ? dateStep('date', title(), l10n.t('Date of the contact (YYYY-MM-DD)')) : undefined,
      state.channel === undefined
        ? async (ui, s) => {
            s.channel = await ui.pick<ContactChannel>({
              title: title(),
              placeholder: l10n.t('How did you talk?'),
              items: CHANNELS.map((c) => ({
                label: c,
                description: valueAlias(CONTACT_CHANNELS[c], this.lang, aliasDisplay()),
                detail: valueMeaning(CONTACT_CHANNELS[c], this.lang),
                value: c,
              })),
            });
          }
        : undefined,
      state.who === undefined && !scripted
        ? textStep('who', { title: title(), prompt: l10n.t('Who spoke with whom (optional), e.g. 李工 ↔ 王经理') })
        : undefined,
      state.summary === undefined
        ? textStep('summary', { title: title(), prompt: l10n.t('What was said or agreed'), validate: validateRequired })
        : undefined,
    ];
    if (!(await runSteps(state, steps))) return false;
    return this.write(state);
  }

  private invalid(message: string): false {
    void vscode.window.showErrorMessage(message);
    return false;
  }

  /** Checks the answers, then appends the entry to every requirement chosen in one edit. */
  private async write(s: State): Promise<boolean> {
    const index = this.index();
    const customer = s.customer!;
    if (!s.files?.length) return this.invalid(l10n.t('Check at least one requirement.'));
    if (!s.date || !isValidIsoDate(s.date.trim())) return this.invalid(l10n.t('A real date as YYYY-MM-DD, e.g. 2026-03-18.'));
    if (!s.channel || !CHANNELS.includes(s.channel)) return this.invalid(l10n.t('The channel is one of: {0}.', CHANNELS.join(', ')));
    if (!s.summary?.trim()) return this.invalid(l10n.t('This cannot be empty.'));
    const changes: Array<{ file: string; compute: (text: string) => ReturnType<typeof appendListItem> }> = [];
    for (const file of s.files) {
      const record = index.get(file);
      const asker = record ? requestersOf(record.data).find((r) => r.key === customer.key) : undefined;
      if (!record || !asker) {
        const name = record?.id ?? vscode.workspace.asRelativePath(vscode.Uri.parse(file), false);
        return this.invalid(l10n.t('{0} is not a requirement of {1}.', name, customer.name));
      }
      // A contact names its customer only where the requirement has several, as the file spells them.
      const several = requestersOf(record.data).length > 1;
      const item: ListItem = {
        date: s.date.trim(),
        channel: s.channel,
        customer: several ? asker.name : undefined,
        who: s.who?.trim() || undefined,
        summary: s.summary.trim(),
      };
      changes.push({ file, compute: (text) => appendListItem(text, 'contacts', item) });
    }
    return applyComputedEditsOrReport(changes, l10n.t('Log Customer Contact'));
  }
}
