// "New requirement": a short multi-step input (title, type, customer, source, horizon — the last
// three skippable), the next free ID, a file from the template in the UI language, opened with
// the cursor where the description goes. Never overwrites a file. Arguments skip their prompts.
import * as vscode from 'vscode';
import { placeCursor } from '../workspace/positions';
import { nextId } from '../core/ids';
import type { RequirementIndex } from '../core/index';
import type { Language } from '../core/messages';
import { HORIZONS, REQUIREMENT_TYPES, SOURCES, type EnumValueDoc, type Horizon, type RequirementType, type Source } from '../core/schema';
import { showsAliases, valueMeaning } from '../core/valueLabel';
import { newRequirementText, type NewCustomer } from '../core/templates';
import { localToday } from '../workspace/localToday';
import { refusedWrite } from '../workspace/writeChecks';
import { pickStep, runSteps, textStep } from './multiStep';
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
  const state: { title?: string; type?: RequirementType; customer?: string; source?: Source | ''; horizon?: Horizon | '' } = {
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
  const ok = await runSteps(state, [
    state.title === undefined
      ? textStep('title', {
          title,
          prompt: l10n.t('A short, concrete title, e.g. "View real-time energy data of a device on the phone"'),
          validate: (v) => (v.trim() ? undefined : l10n.t('A title is required.')),
        })
      : undefined,
    state.type === undefined
      ? pickStep('type', { title, placeholder: l10n.t('Type'), items: enumItems(REQUIREMENT_TYPES, lang) })
      : undefined,
    state.customer === undefined
      ? pickStep('customer', {
          title,
          placeholder: l10n.t('Customer: pick one or type a new name'),
          items: [
            { label: `$(dash) ${skip}`, value: '' },
            ...[...customers.values()].map((c) => ({
              label: c.name,
              description: [c.industry, c.size].filter(Boolean).join(' · '),
              detail: c.contact,
              value: c.name,
            })),
          ],
          freeText: (typed) => ({ label: `$(add) ${typed}`, description: l10n.t('new customer'), value: typed }),
        })
      : undefined,
    state.source === undefined
      ? pickStep('source', {
          title,
          placeholder: l10n.t('Source: where the requirement came from'),
          items: [{ label: `$(dash) ${skip}`, value: '' }, ...enumItems(SOURCES, lang)],
        })
      : undefined,
    state.horizon === undefined
      ? pickStep('horizon', {
          title,
          placeholder: l10n.t('Horizon: how soon it is needed'),
          items: [{ label: `$(dash) ${skip}`, value: '' }, ...enumItems(HORIZONS, lang)],
        })
      : undefined,
  ]);
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
