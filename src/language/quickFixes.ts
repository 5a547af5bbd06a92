// Quick fixes for ReqDesk's problems: the core computes minimal edits on the document's current
// text; each becomes a code action (one undo). Nothing is applied unless the user picks it.
import * as vscode from 'vscode';
import { rangeAt } from '../workspace/positions';
import { fixAllOfKind, fixesFor, type FixContext } from '../core/fixes';
import { nextId } from '../core/ids';
import { localizeLater } from '../core/l10n';
import type { RequirementIndex } from '../core/index';
import type { ProblemCode } from '../core/messages';
import type { Problem } from '../core/problems';
import { analyzeRequirement } from '../core/validate';
import { timelyProblems } from '../core/timely';
import { contactOverdueProblems } from '../core/contactCadence';
import type { TextEdit } from '../core/edits';
import { localToday } from '../workspace/localToday';
import { l10n, uiLanguage } from '../workspace/uiText';

export const KEEP_ALIASES_SETTING = 'reqdesk.quickFix.keepAliases';

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly lang = uiLanguage();

  constructor(
    private readonly index: () => RequirementIndex,
    private readonly isRequirement: (uri: vscode.Uri) => boolean,
    /** What other branches say of a file (IDs they give to other files) and the IDs they take. */
    private readonly branches: { problemsFor(file: string): Problem[]; takenIds(): string[] } = {
      problemsFor: () => [],
      takenIds: () => [],
    },
  ) {}

  /** The problems of the document as it is now (the index may be a keystroke behind). */
  private problems(document: vscode.TextDocument, withLateTasks: boolean): Problem[] {
    const index = this.index();
    // Under a team schema the problems are the team's (its statuses, fields, renamed keys), as the index found them.
    const own = (
      index.team
        ? analyzeRequirement(
            document.getText(),
            { settings: index.settings, grammar: index.grammar, team: index.team },
            { careful: true, file: document.uri.toString() },
          )
        : analyzeRequirement(document.getText(), { settings: index.settings, grammar: index.grammar }, { careful: true })
    ).problems;
    const crossFile = index.problemsFor(document.uri.toString()).filter((p) => p.code === 'id-duplicate');
    // Today's problems depend on the date, so validation leaves them out: late tasks are read
    // again (only when one is asked about) for their fixes.
    const late = withLateTasks
      ? timelyProblems(document.getText(), localToday(), index.timelyOfText).filter((p) => p.code === 'task-late')
      : [];
    return [...own, ...crossFile, ...late, ...this.branches.problemsFor(document.uri.toString())];
  }

  private context(document: vscode.TextDocument): FixContext {
    const index = this.index();
    const keepAliases = vscode.workspace.getConfiguration(undefined, document.uri).get<boolean>(KEEP_ALIASES_SETTING) ?? false;
    return {
      keepAliases,
      today: localToday(),
      // Placeholders (a decline reason to fill in…) are written in the UI language.
      language: this.lang,
      ...(index.team ? { team: index.team } : {}),
      // The next free ID with this record's own prefix (需求 stays 需求), this year.
      freeId: () => {
        const current = index.get(document.uri.toString())?.id;
        const prefix = (current && index.grammar.parse(current)?.prefix) || index.settings.idPrefixes[0]!;
        const year = new Date().getFullYear();
        return nextId(
          index.grammar,
          [...index.idsNotToHandOut(), ...this.branches.takenIds()],
          index.grammar.hasYear ? { prefix, year } : { prefix },
        );
      },
    };
  }

  private toEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) edit.replace(document.uri, rangeAt(document, e), e.newText);
    return edit;
  }

  /** The cadence warning's fix: not an edit but Log Customer Contact…, for that customer and this requirement. */
  private logContactAction(document: vscode.TextDocument, start: number, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const file = document.uri.toString();
    const overdue = this.index().overdueContacts(file, localToday());
    const problem = contactOverdueProblems(document.getText(), overdue).find((p) => p.range.start === start);
    const customer = problem?.data?.customer;
    if (!customer) return undefined;
    const action = new vscode.CodeAction(l10n.t('Log Customer Contact…'), vscode.CodeActionKind.QuickFix);
    action.command = { command: 'reqdesk.logCustomerContact', title: l10n.t('Log Customer Contact…'), arguments: [{ customer, file }] };
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return action;
  }

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (!this.isRequirement(document.uri)) return [];
    const ours = context.diagnostics.filter((d) => d.source === 'ReqDesk');
    if (ours.length === 0) return [];
    const problems = this.problems(
      document,
      ours.some((d) => d.code === 'task-late'),
    );
    const ctx = this.context(document);
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    const kindsOffered = new Set<ProblemCode>();
    for (const diagnostic of ours) {
      const start = document.offsetAt(diagnostic.range.start);
      if (diagnostic.code === 'customer-contact-overdue') {
        const action = this.logContactAction(document, start, diagnostic);
        if (action) actions.push(action);
        continue;
      }
      const problem = problems.find((p) => p.code === diagnostic.code && p.range.start === start);
      if (!problem) continue;
      for (const fix of fixesFor(text, problem, ctx)) {
        const action = new vscode.CodeAction(localizeLater(this.lang, fix.title), vscode.CodeActionKind.QuickFix);
        action.edit = this.toEdit(document, fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred ?? false;
        actions.push(action);
      }
      kindsOffered.add(problem.code);
    }
    // "Fix all of this kind in the file", where there is more than one.
    for (const code of kindsOffered) {
      const same = problems.filter((p) => p.code === code);
      if (same.length < 2) continue;
      const edits = fixAllOfKind(text, same, code, ctx);
      if (edits.length === 0) continue;
      const action = new vscode.CodeAction(
        l10n.t('Fix all {0} problems in this file ({1})', code, same.length),
        vscode.CodeActionKind.QuickFix,
      );
      action.edit = this.toEdit(document, edits);
      action.diagnostics = ours.filter((d) => d.code === code);
      actions.push(action);
    }
    return actions;
  }
}
