// Completion and hovers inside a requirement's front-matter, from the schema: keys valid at the
// cursor, enum values with their Chinese aliases, dates, task and requirement IDs, customers and
// owners already used in the workspace. Providers only propose: nothing is written unless the user
// accepts an item.
import * as vscode from 'vscode';
import { rangeAt } from '../workspace/positions';
import { completeAt, type CompletionData, type CompletionEntry } from '../core/completion';
import { hoverAt } from '../core/hover';
import type { RequirementIndex } from '../core/index';
import { localToday } from '../workspace/localToday';
import { aliasDisplay, uiLanguage } from '../workspace/uiText';

const KINDS: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  enum: vscode.CompletionItemKind.EnumMember,
  date: vscode.CompletionItemKind.Constant,
  reference: vscode.CompletionItemKind.Reference,
  snippet: vscode.CompletionItemKind.Snippet,
};

export class FrontMatterAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  private readonly lang = uiLanguage();
  private data: Omit<CompletionData, 'today' | 'lang'> | undefined;

  constructor(
    private readonly index: () => RequirementIndex,
    private readonly isRequirement: (uri: vscode.Uri) => boolean,
  ) {}

  /** The index changed: the workspace lists are gathered again on the next request. */
  invalidate(): void {
    this.data = undefined;
  }

  private workspaceData(): Omit<CompletionData, 'today' | 'lang'> {
    if (this.data) return this.data;
    const records = this.index().all();
    const customers = new Set<string>();
    const owners = new Set<string>();
    const requirements: Array<{ id: string; title?: string; status?: string; merged?: string[] }> = [];
    for (const r of records) {
      if (r.id)
        requirements.push({
          id: r.id,
          ...(r.title ? { title: r.title } : {}),
          ...(r.data.status ? { status: r.data.status } : {}),
          ...(r.mergedIds?.length ? { merged: r.mergedIds.map((m) => m.id) } : {}),
        });
      if (r.data.customer?.name) customers.add(r.data.customer.name);
      if (r.data.owner) owners.add(r.data.owner);
      for (const t of r.data.tasks ?? []) if (t.owner) owners.add(t.owner);
    }
    this.data = { requirements, customers: [...customers].sort(), owners: [...owners].sort() };
    return this.data;
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.isRequirement(document.uri)) return undefined;
    const offset = document.offsetAt(position);
    const index = this.index();
    const entries = completeAt(document.getText(), offset, {
      ...this.workspaceData(),
      today: localToday(),
      lang: this.lang,
      threshold: index.settings.priorityThreshold,
      // The team schema's keys, statuses and fields, when the workspace has one.
      ...(index.team ? { team: index.team } : {}),
    });
    return entries.map((e) => {
      const item = new vscode.CompletionItem(e.label, KINDS[e.kind]);
      item.insertText = e.isSnippet ? new vscode.SnippetString(e.insertText) : e.insertText;
      item.range = rangeAt(document, e.range);
      if (e.detail) item.detail = e.detail;
      if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
      if (e.filterText) item.filterText = e.filterText;
      if (e.sortText) item.sortText = e.sortText;
      return item;
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.isRequirement(document.uri)) return undefined;
    const index = this.index();
    const team = index.team ? { rules: index.team, file: document.uri.toString() } : null;
    const found = hoverAt(
      document.getText(),
      document.offsetAt(position),
      this.lang,
      index.settings.priorityThreshold,
      aliasDisplay(),
      team,
    );
    if (!found) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(found.markdown), rangeAt(document, found.range));
  }
}
