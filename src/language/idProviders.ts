// Requirement IDs are live wherever they are written: hover, links and go-to-definition to the
// record, find all references, and rename across the workspace.
import * as vscode from 'vscode';
import type { IdGrammar } from '../core/ids';
import type { RequirementIndex, RequirementRecord } from '../core/index';
import { escapeMarkdown, requirementHoverMarkdown } from '../core/requirementSummary';
import { localizeLater } from '../core/l10n';
import { idOrigin } from '../core/teamAssist';
import { filePositions, rangeAt } from '../workspace/positions';
import { localToday } from '../workspace/localToday';
import { idAt } from './idAtPosition';
import { findIdOccurrences } from './workspaceReferences';
import type { CodeRefService } from '../scm/codeRefService';
import type { CommitService } from '../scm/commitService';
import { START_WORK_COMMAND } from '../scm/startWork';
import { relativeTime } from '../core/relativeTime';
import { aliasDisplay, l10n, uiLanguage } from '../workspace/uiText';

export interface IndexAccess {
  index(): RequirementIndex;
  commits?: CommitService;
  codeRefs?: CodeRefService;
}

/** Where a record's ID is written in its file (for definitions and link targets). */
async function recordLocation(record: RequirementRecord, maxBytes: number): Promise<vscode.Location> {
  const uri = vscode.Uri.parse(record.file);
  // Without an ID range, or when the file went away: its start.
  const at = record.idRange ? await filePositions(record.file, maxBytes) : undefined;
  return new vscode.Location(uri, rangeAt(at, record.idRange ?? { start: 0, end: 0 }));
}

export class IdProviders
  implements vscode.HoverProvider, vscode.DocumentLinkProvider, vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.RenameProvider
{
  private readonly lang = uiLanguage();

  constructor(private readonly access: IndexAccess) {}

  private get grammar(): IdGrammar {
    return this.access.index().grammar;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const at = idAt(document, position, this.grammar);
    if (!at) return undefined;
    const index = this.access.index();
    const records = index.resolveAll(at.id);
    const commits = this.commitSection(at.id);
    if (records.length === 0) {
      const md = new vscode.MarkdownString(l10n.t('No requirement has the ID {0}.', at.id));
      return new vscode.Hover(commits ? [md, commits] : [md], at.range);
    }
    const calendar = { workdays: index.settings.workdays, holidays: index.settings.holidays };
    // An ID merged into a record says so first: the record shown is not the one once written.
    const merged = records[0]!.id !== at.id;
    const parts = records.map((r) => {
      const open = `command:reqdesk.openRequirement?${encodeURIComponent(JSON.stringify([{ file: r.file }]))}`;
      const md = new vscode.MarkdownString(requirementHoverMarkdown(r, this.lang, calendar, localToday(), open, aliasDisplay()), true);
      // A team schema that reads IDs from file names or headings: where this one came from.
      const origin = index.team && r.id ? idOrigin(index.team, r.id, r.file) : undefined;
      if (origin) md.appendMarkdown(`\n\n${escapeMarkdown(localizeLater(this.lang, origin))}`);
      md.isTrusted = { enabledCommands: ['reqdesk.openRequirement', START_WORK_COMMAND] };
      // Only where git may run: in Restricted Mode the link could only say why it does nothing.
      if (vscode.workspace.isTrusted && r.id) {
        const start = `command:${START_WORK_COMMAND}?${encodeURIComponent(JSON.stringify([{ file: r.file }]))}`;
        md.appendMarkdown(`\n\n$(git-branch) [`);
        md.appendText(l10n.t('Start Working on Requirement'));
        md.appendMarkdown(`](${start})`);
      }
      return md;
    });
    if (merged) {
      const into = new vscode.MarkdownString();
      into.appendText(l10n.t('{0} was merged into {1}.', at.id, records.map((r) => r.id ?? '').join(', ')));
      parts.unshift(into);
    }
    if (commits) parts.push(commits);
    const code = this.codeSection(records[0]!.id ?? at.id);
    if (code) parts.push(code);
    return new vscode.Hover(parts, at.range);
  }

  /** "2 in code, 1 in tests"; undefined while mentions in code are unknown. */
  private codeSection(id: string): vscode.MarkdownString | undefined {
    const counts = this.access.codeRefs?.countsOf(id);
    if (!counts) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.supportThemeIcons = true;
    md.appendMarkdown('$(code) ');
    md.appendText(l10n.t('{0} in code, {1} in tests', counts.code, counts.tests));
    return md;
  }

  /** "3 commits · latest …" with a link that lists them; undefined while links are unknown. */
  private commitSection(id: string): vscode.MarkdownString | undefined {
    const service = this.access.commits;
    if (!service?.ready) return undefined;
    const list = service.commitsOf(id);
    const md = new vscode.MarkdownString(undefined, true);
    md.supportThemeIcons = true;
    if (list.length === 0) {
      md.appendMarkdown('$(git-commit) ');
      md.appendText(l10n.t('No commit mentions {0}.', id));
      return md;
    }
    const show = `command:reqdesk.showCommits?${encodeURIComponent(JSON.stringify([{ id }]))}`;
    md.isTrusted = { enabledCommands: ['reqdesk.showCommits'] };
    md.appendMarkdown(`$(git-commit) [`);
    md.appendText(list.length === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', list.length));
    md.appendMarkdown(`](${show})`);
    const latest = list[0]!;
    md.appendText(
      ` · ${l10n.t('latest')} ${latest.hash.slice(0, 7)} ${latest.subject} (${latest.author}, ${relativeTime(latest.date, Date.now(), this.lang)})`,
    );
    return md;
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const index = this.access.index();
    const links: vscode.DocumentLink[] = [];
    const text = document.getText();
    for (const ref of this.grammar.findReferences(text)) {
      const found = index.resolve(ref.id);
      const record = found?.record;
      // A record's own ID (or one merged into it) is not a link to itself.
      if (!record || record.file === document.uri.toString()) continue;
      const link = new vscode.DocumentLink(rangeAt(document, ref), vscode.Uri.parse(record.file));
      link.tooltip = found.merged
        ? l10n.t('{0} was merged into {1}.', ref.id, [record.id, record.title].filter(Boolean).join(' '))
        : [ref.id, record.title].filter(Boolean).join(' ');
      links.push(link);
    }
    return links;
  }

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const at = idAt(document, position, this.grammar);
    if (!at) return undefined;
    const index = this.access.index();
    return Promise.all(index.resolveAll(at.id).map((r) => recordLocation(r, index.settings.maxFileBytes)));
  }

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location[] | undefined> {
    const at = idAt(document, position, this.grammar);
    if (!at) return undefined;
    const found = await findIdOccurrences(at.id, this.grammar, token);
    if (context.includeDeclaration) return found.map((o) => new vscode.Location(o.uri, o.range));
    const index = this.access.index();
    const declarations = await Promise.all(index.byId(at.id).map((r) => recordLocation(r, index.settings.maxFileBytes)));
    const isDeclaration = (o: { uri: vscode.Uri; range: vscode.Range }) =>
      declarations.some((d) => d.uri.toString() === o.uri.toString() && d.range.isEqual(o.range));
    return found.filter((o) => !isDeclaration(o)).map((o) => new vscode.Location(o.uri, o.range));
  }

  prepareRename(document: vscode.TextDocument, position: vscode.Position): vscode.Range | { range: vscode.Range; placeholder: string } {
    const at = idAt(document, position, this.grammar);
    if (!at) throw new Error(l10n.t('Place the cursor on a requirement ID to rename it.'));
    const index = this.access.index();
    if (index.byId(at.id).length === 0) {
      // A merged ID stays as written: renaming it would cut the link from the commits that name it.
      const into = index.resolve(at.id)?.record.id;
      if (into) throw new Error(l10n.t('{0} was merged into {1}: rename {1} instead.', at.id, into));
      throw new Error(l10n.t('No requirement has the ID {0}.', at.id));
    }
    return { range: at.range, placeholder: at.id };
  }

  async provideRenameEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
    token: vscode.CancellationToken,
  ): Promise<vscode.WorkspaceEdit | undefined> {
    const at = idAt(document, position, this.grammar);
    if (!at) return undefined;
    const target = newName.trim();
    if (!this.grammar.isValid(target))
      throw new Error(l10n.t('{0} is not a requirement ID in the configured format ({1}).', target, this.access.index().settings.idFormat));
    if (target !== at.id && this.access.index().resolve(target))
      throw new Error(l10n.t('{0} is already used by another requirement.', target));
    const edit = new vscode.WorkspaceEdit();
    for (const o of await findIdOccurrences(at.id, this.grammar, token)) edit.replace(o.uri, o.range, target);
    return edit;
  }
}
