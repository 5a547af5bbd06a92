// "New requirement": the next free ID, a file from the template in the UI language, opened with
// the cursor where the description goes. Never overwrites a file.
import * as vscode from 'vscode';
import { nextId } from '../core/ids';
import type { RequirementIndex } from '../core/index';
import { normalizeLanguage } from '../core/messages';
import { REQUIREMENT_TYPES, type RequirementType } from '../core/schema';
import { newRequirementText } from '../core/templates';
import { localToday } from '../workspace/localToday';

export interface NewRequirementArgs {
  title?: string;
  type?: RequirementType;
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

function slug(title: string): string {
  const ascii = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return ascii.length >= 3 ? `-${ascii}` : '';
}

/**
 * @param takenElsewhere IDs other branches already use (read when the ID is chosen), so that two
 * people on two branches do not take the same number.
 */
export async function newRequirement(index: RequirementIndex, args: NewRequirementArgs = {}, takenElsewhere: () => Promise<readonly string[]> = async () => []): Promise<vscode.Uri | undefined> {
  const lang = normalizeLanguage(vscode.env.language);
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: requirements live in the workspace.'));
    return undefined;
  }
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('New requirement (1/2): title'),
      prompt: vscode.l10n.t('A short, concrete title, e.g. "View real-time energy data of a device on the phone"'),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A title is required.')),
    }));
  if (!title?.trim()) return undefined;
  const type =
    args.type ??
    (
      await vscode.window.showQuickPick(
        (Object.keys(REQUIREMENT_TYPES) as RequirementType[]).map((t) => ({ label: t, description: REQUIREMENT_TYPES[t].aliases[0], detail: lang === 'zh-cn' ? REQUIREMENT_TYPES[t].zh : REQUIREMENT_TYPES[t].en, value: t })),
        { title: vscode.l10n.t('New requirement (2/2): type') },
      )
    )?.value;
  if (!type) return undefined;

  const prefixes = index.settings.idPrefixes;
  const prefix = args.prefix ?? (lang === 'zh-cn' ? (prefixes.find((p) => /[^\x00-\x7f]/.test(p)) ?? prefixes[0]!) : (prefixes.find((p) => /^[\x00-\x7f]+$/.test(p)) ?? prefixes[0]!));
  const today = localToday();
  const id = nextId(index.grammar, [...index.ids(), ...(await takenElsewhere())], index.grammar.hasYear ? { prefix, year: Number(today.slice(0, 4)) } : { prefix });
  const folder = args.folder ? vscode.Uri.joinPath(workspace.uri, args.folder) : (usualFolder(index) ?? vscode.Uri.joinPath(workspace.uri, 'requirements'));
  const uri = vscode.Uri.joinPath(folder, `${id}${slug(title)}.md`);
  const { text, cursor } = newRequirementText({ id, title: title.trim(), type, today }, lang);

  const edit = new vscode.WorkspaceEdit();
  // ignoreIfExists with overwrite false: an existing file is never replaced.
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}: the file may already exist.', vscode.workspace.asRelativePath(uri, false)));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const pos = doc.positionAt(cursor);
  editor.selection = new vscode.Selection(pos, pos);
  return uri;
}
