// "New requirement": a short multi-step input (title, type, customer, source, horizon — the last
// three skippable), the next free ID, a file from the template in the UI language, opened with
// the cursor where the description goes. Never overwrites a file. Arguments skip their prompts.
// A typed title that reads like existing requests (core's findNearDuplicates) offers to add the
// customer as a requester of one of them instead of creating a twin.
import * as vscode from 'vscode';
import { placeCursor } from '../workspace/positions';
import { nextId } from '../core/ids';
import type { RequirementIndex } from '../core/index';
import type { Language } from '../core/messages';
import { HORIZONS, REQUIREMENT_TYPES, SOURCES, type EnumValueDoc, type Horizon, type RequirementType, type Source } from '../core/schema';
import { showsAliases, valueMeaning } from '../core/valueLabel';
import { newRequirementText, type NewCustomer } from '../core/templates';
import { customerKey, requestersOf } from '../core/customers';
import { appendListItem } from '../core/listEdits';
import { findNearDuplicates } from '../core/nearDuplicates';
import { applyComputedEditsOrReport } from '../workspace/applyEdits';
import { duplicateCandidates } from './duplicateCandidates';
import { localToday } from '../workspace/localToday';
import { refusedWrite } from '../workspace/writeChecks';
import { pickStep, runSteps, textStep, type Step, type StepUI } from './multiStep';
import { aliasDisplay, l10n, uiLanguage } from '../workspace/uiText';

export interface NewRequirementArgs {
  title?: string;
  /** A type, or its Chinese alias (功能, 体验, 商务, 服务). */
  type?: RequirementType | string;
  // With any argument given, customer, source and horizon are not asked for: give them here.
  /** A customer name (an existing customer's details are copied); '' for none. */
  customer?: string;
  /** A source or its alias; '' for none. */
  source?: Source | string;
  /** A horizon or its alias; '' for none. */
  horizon?: Horizon | string;
  prefix?: string;
  /** Workspace-relative folder; default: where most requirements live, else `requirements`. */
  folder?: string;
}

/** The folder most requirement files are in (so new ones join them). */
function usualFolder(index: RequirementIndex): vscode.Uri | undefined {
  const counts = new Map<string, number>();
  for (const r of index.all()) {
    const dir = vscode.Uri.joinPath(vscode.Uri.parse(r.file), '..').toString();
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? vscode.Uri.parse(best[0]) : undefined;
}

/** The canonical value of an enum given as itself or as one of its aliases. */
function canonical<V extends string>(values: { readonly [K in V]: EnumValueDoc }, given: string | undefined): V | undefined {
  if (given === undefined) return undefined;
  const value = given.trim();
  return (Object.keys(values) as V[]).find((k) => k === value || (values[k].aliases ?? []).includes(value));
}

function enumItems<V extends string>(
  values: { readonly [K in V]: EnumValueDoc },
  lang: Language,
): Array<vscode.QuickPickItem & { value: V }> {
  // Every alias where the UI shows them, so that typing any of them finds the value.
  const aliases = showsAliases(lang, aliasDisplay());
  return (Object.keys(values) as V[]).map((v) => ({
    label: v,
    ...(aliases && values[v].aliases?.length ? { description: values[v].aliases!.join(' ') } : {}),
    detail: valueMeaning(values[v], lang),
    value: v,
  }));
}

/** The workspace's customers by name, with the details of their latest record. */
function customersOf(index: RequirementIndex): Map<string, NewCustomer> {
  const latest = new Map<string, { submitted: string; customer: NewCustomer }>();
  for (const r of index.all()) {
    const c = r.data.customer;
    if (!c?.name?.trim()) continue;
    const submitted = r.data.submitted ?? '';
    const before = latest.get(c.name);
    if (before && before.submitted > submitted) continue;
    latest.set(c.name, {
      submitted,
      customer: {
        name: c.name,
        ...(c.contact ? { contact: c.contact } : {}),
        ...(c.industry ? { industry: c.industry } : {}),
        ...(c.size ? { size: c.size } : {}),
      },
    });
  }
  return new Map([...latest.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([name, v]) => [name, v.customer]));
}

function slug(title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return ascii.length >= 3 ? `-${ascii}` : '';
}

/**
 * @param takenElsewhere IDs other branches already use (read when the ID is chosen), so that two
 * people on two branches do not take the same number.
 */
export async function newRequirement(
  index: RequirementIndex,
  raw: NewRequirementArgs = {},
  takenElsewhere: () => Promise<readonly string[]> = async () => [],
): Promise<vscode.Uri | undefined> {
  // A menu may pass a tree node: only a plain object of answers counts as arguments.
  const args: NewRequirementArgs = typeof raw === 'object' && raw !== null && !('kind' in raw) ? raw : {};
  const lang = uiLanguage();
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) {
    void vscode.window.showErrorMessage(l10n.t('Open a folder first: requirements live in the workspace.'));
    return undefined;
  }
  const given = {
    type: canonical(REQUIREMENT_TYPES, args.type),
    source: canonical(SOURCES, args.source),
    horizon: canonical(HORIZONS, args.horizon),
  };
  for (const [name, value, raw] of [
    ['type', given.type, args.type],
    ['source', given.source, args.source],
    ['horizon', given.horizon, args.horizon],
  ] as const) {
    if (raw !== undefined && raw !== '' && value === undefined) {
      void vscode.window.showErrorMessage(l10n.t('Unknown {0} "{1}".', name, String(raw)));
      return undefined;
    }
  }
  const state: {
    title?: string;
    type?: RequirementType;
    customer?: string;
    source?: Source | '';
    horizon?: Horizon | '';
    /** The ID of a similar request the customer is added to, instead of a new file. */
    addTo?: string;
  } = {
    ...(args.title !== undefined ? { title: args.title } : {}),
    ...(given.type ? { type: given.type } : {}),
    ...(args.customer !== undefined ? { customer: args.customer } : {}),
    ...(args.source !== undefined ? { source: given.source ?? '' } : {}),
    ...(args.horizon !== undefined ? { horizon: given.horizon ?? '' } : {}),
  };
  // Called with arguments (a keybinding, a script), the optional details not given are not asked.
  const askOptional = Object.keys(args).length === 0;
  if (!askOptional) {
    state.customer ??= '';
    state.source ??= '';
    state.horizon ??= '';
  }
  const title = l10n.t('New requirement');
  const skip = l10n.t('Skip for now');
  const customers = customersOf(index);
  type State = typeof state;
  /** A step asked only for a new file, not when the customer is added to a similar request. */
  const forNewFile = (step: Step<State> | undefined): Step<State> | undefined =>
    step &&
    (async (ui, s) => {
      if (s.addTo === undefined) await step(ui, s);
    });
  const customerItems = [...customers.values()].map((c) => ({
    label: c.name,
    description: [c.industry, c.size].filter(Boolean).join(' · '),
    detail: c.contact,
    value: c.name,
  }));
  const titleStep = textStep('title', {
    title,
    prompt: l10n.t('A short, concrete title, e.g. "View real-time energy data of a device on the phone"'),
    validate: (v) => (v.trim() ? undefined : l10n.t('A title is required.')),
  });
  const ok = await runSteps<State>(state, [
    state.title === undefined
      ? async (ui, s) => {
          await titleStep(ui, s);
          // The typed title against the workspace's requests: a near duplicate is offered first.
          s.addTo = await similarRequest(ui, index, s.title ?? '', title);
        }
      : undefined,
    forNewFile(
      state.type === undefined
        ? pickStep('type', { title, placeholder: l10n.t('Type'), items: enumItems(REQUIREMENT_TYPES, lang) })
        : undefined,
    ),
    state.customer === undefined
      ? async (ui, s) => {
          // A requester is a customer: adding one to a similar request needs a name.
          const adding = s.addTo !== undefined;
          s.customer = await ui.pick<string>({
            title,
            placeholder: adding
              ? l10n.t('Which customer asks for {0} too? Pick one or type a new name', s.addTo!)
              : l10n.t('Customer: pick one or type a new name'),
            items: adding ? customerItems : [{ label: `$(dash) ${skip}`, value: '' }, ...customerItems],
            freeText: (typed) => ({ label: `$(add) ${typed}`, description: l10n.t('new customer'), value: typed }),
          });
        }
      : undefined,
    state.source === undefined
      ? pickStep('source', {
          title,
          placeholder: l10n.t('Source: where the requirement came from'),
          items: [{ label: `$(dash) ${skip}`, value: '' }, ...enumItems(SOURCES, lang)],
        })
      : undefined,
    forNewFile(
      state.horizon === undefined
        ? pickStep('horizon', {
            title,
            placeholder: l10n.t('Horizon: how soon it is needed'),
            items: [{ label: `$(dash) ${skip}`, value: '' }, ...enumItems(HORIZONS, lang)],
          })
        : undefined,
    ),
  ]);
  if (ok && state.addTo !== undefined && state.title?.trim()) {
    return addRequester(index, state.addTo, {
      title: state.title.trim(),
      customer: customers.get(state.customer?.trim() ?? '') ?? { name: state.customer?.trim() ?? '' },
      ...(state.source ? { source: state.source } : {}),
    });
  }
  if (!ok || !state.title?.trim() || !state.type) return undefined;
  const type = state.type;
  const customerName = state.customer?.trim();
  const customer: NewCustomer | undefined = customerName ? (customers.get(customerName) ?? { name: customerName }) : undefined;

  const prefixes = index.settings.idPrefixes;
  const prefix =
    args.prefix ??
    (lang === 'zh-cn'
      ? (prefixes.find((p) => /[^\x00-\x7f]/.test(p)) ?? prefixes[0]!)
      : (prefixes.find((p) => /^[\x00-\x7f]+$/.test(p)) ?? prefixes[0]!));
  const today = localToday();
  const id = nextId(
    index.grammar,
    // Not a number another file's name already uses either (a copied record that says another ID).
    [...index.idsNotToHandOut(), ...(await takenElsewhere())],
    index.grammar.hasYear ? { prefix, year: Number(today.slice(0, 4)) } : { prefix },
  );
  const folder = args.folder
    ? vscode.Uri.joinPath(workspace.uri, args.folder)
    : (usualFolder(index) ?? vscode.Uri.joinPath(workspace.uri, 'requirements'));
  const uri = vscode.Uri.joinPath(folder, `${id}${slug(state.title)}.md`);
  const { text, cursor } = newRequirementText(
    {
      id,
      title: state.title.trim(),
      type,
      today,
      ...(customer ? { customer } : {}),
      ...(state.source ? { source: state.source } : {}),
      ...(state.horizon ? { horizon: state.horizon } : {}),
    },
    lang,
    '\n',
    // One language, the UI's, unless the team asked for Chinese names everywhere.
    aliasDisplay() === 'always',
  );

  // The usual folder comes from the repository: it must not lead out of the workspace.
  const refused = refusedWrite(uri, 'workspace');
  if (refused) {
    void vscode.window.showErrorMessage(l10n.t('Could not create {0}: {1}', vscode.workspace.asRelativePath(uri, false), refused));
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  // ignoreIfExists with overwrite false: an existing file is never replaced.
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(
      l10n.t('Could not create {0}: the file may already exist.', vscode.workspace.asRelativePath(uri, false)),
    );
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  // A normal tab, not a preview that the next click in the Explorer or the tree replaces.
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  placeCursor(editor, cursor, false);
  return uri;
}

/**
 * After the title: the requests that read like it, to add this customer to one of them instead
 * (its ID), or none (create anyway, or nothing similar). Only offered when the title was typed.
 */
async function similarRequest(ui: StepUI, index: RequirementIndex, typed: string, title: string): Promise<string | undefined> {
  const similar = findNearDuplicates({ title: typed }, await duplicateCandidates(index)).filter((d) => d.id);
  if (similar.length === 0) return undefined;
  const chosen = await ui.pick<string>({
    title,
    placeholder: l10n.t('Similar requests exist: add this customer to one, or create anyway'),
    items: [
      ...similar.map((d) => ({
        label: `$(person-add) ${l10n.t('Add as requester to {0}', d.id!)}`,
        description: d.title ?? '',
        detail: l10n.t('{0}% similar', Math.round(d.score * 100)),
        value: d.id!,
      })),
      { label: `$(add) ${l10n.t('Create anyway')}`, description: typed, value: '' },
    ],
    matchOnDescription: true,
  });
  return chosen === '' ? undefined : chosen;
}

/**
 * Adds the customer as a requester of an existing requirement (date today, the typed title as
 * what they said) instead of creating a file; opens it. Resolves to its file, or undefined when
 * nothing was added.
 */
async function addRequester(
  index: RequirementIndex,
  id: string,
  request: { title: string; customer: NewCustomer; source?: Source },
): Promise<vscode.Uri | undefined> {
  const record = index.byId(id)[0];
  const name = request.customer.name.trim();
  if (!record || !name) {
    void vscode.window.showErrorMessage(
      l10n.t(
        'ReqDesk changed nothing: {0}',
        record ? l10n.t('a requester needs a customer name.') : l10n.t('No requirement with that ID or file.'),
      ),
    );
    return undefined;
  }
  const uri = vscode.Uri.parse(record.file);
  if (requestersOf(record.data).some((r) => r.key === customerKey(name))) {
    void vscode.window.showInformationMessage(l10n.t('{0} already asked for {1}: nothing was added.', name, id));
  } else {
    const c = request.customer;
    const entry = {
      name,
      ...(c.contact ? { contact: c.contact } : {}),
      ...(c.industry ? { industry: c.industry } : {}),
      ...(c.size ? { size: c.size } : {}),
      date: localToday(),
      ...(request.source ? { source: request.source } : {}),
      note: request.title,
    };
    const added = await applyComputedEditsOrReport(
      [{ file: record.file, compute: (text) => appendListItem(text, 'requesters', entry) }],
      l10n.t('Add {0} as a requester of {1}', name, id),
    );
    if (!added) return undefined;
    void vscode.window.showInformationMessage(l10n.t('{0} is now a requester of {1}.', name, id));
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
