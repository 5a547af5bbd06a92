// A warning on requirement IDs typed in a commit message that no record has: a typo caught before
// the commit, when it is still free to fix (after it, `reqdesk trace --gaps` reports it). Text that
// looks like an ID but is not one (`req-2026-005`, `需求 2026-005`) would link nothing: it is
// warned about too, with the ID it probably means.
import * as vscode from 'vscode';
import { findIdNearMisses } from '../core/idNearMisses';
import type { RequirementIndex } from '../core/index';
import { DiagnosticsChannel } from '../diagnostics/diagnosticsPublisher';
import { positionAt, rangeAt } from '../workspace/positions';
import { l10n } from '../workspace/uiText';

const COMMIT_LANGUAGES = new Set(['scminput', 'git-commit']);

export class CommitBoxDiagnostics implements vscode.Disposable {
  private readonly collection = new DiagnosticsChannel('reqdesk-commit');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly index: () => RequirementIndex) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.collection.delete(doc.uri)),
    );
  }

  /** The records changed (an ID added or renamed): messages being written are checked again. */
  recheck(): void {
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  private check(doc: vscode.TextDocument): void {
    if (!COMMIT_LANGUAGES.has(doc.languageId)) return;
    const index = this.index() as RequirementIndex | undefined;
    if (!index) return; // not built yet: the first index's change event checks again
    const text = doc.getText();
    const diagnostics: vscode.Diagnostic[] = [];
    // git drops comment lines of COMMIT_EDITMSG: IDs there are not part of the message.
    const isComment = (offset: number) => doc.languageId === 'git-commit' && doc.lineAt(positionAt(doc, offset).line).text.startsWith('#');
    for (const ref of index.grammar.findReferences(text)) {
      if (isComment(ref.start)) continue;
      // A merged ID still leads to its record: commits may name it.
      if (index.resolve(ref.id)) continue;
      const d = new vscode.Diagnostic(
        rangeAt(doc, ref),
        l10n.t('No requirement has the ID {0}: is it a typo?', ref.id),
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'ReqDesk';
      d.code = 'unknown-id-in-commit';
      diagnostics.push(d);
    }
    for (const miss of findIdNearMisses(index.grammar, text)) {
      if (isComment(miss.start)) continue;
      const d = new vscode.Diagnostic(
        rangeAt(doc, miss),
        l10n.t('"{0}" is not linked: write the requirement ID as {1}.', miss.written, miss.id),
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'ReqDesk';
      d.code = 'id-near-miss-in-commit';
      diagnostics.push(d);
    }
    this.collection.set(doc.uri, diagnostics);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
