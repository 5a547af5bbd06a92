// The team schema file's own problems in the Problems panel, on their ranges: a broken
// `.reqdesk/schema.yaml` is shown where it is wrong, beside the notification that the built-in
// schema is used. A collection of its own, so that the records' publisher never clears it.
import * as vscode from 'vscode';
import { localize, localizeLater, type Language } from '../core/l10n';
import { SCHEMA_NOT_USED, type TeamSchemaProblem } from '../core/teamSchema';
import { LineIndex } from '../core/text';

export class TeamSchemaDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('reqdesk-schema');

  /**
   * The used file's problems (none: the file is fine or gone) and a warning on each schema file of
   * a later folder that is not used, replacing what was shown before.
   */
  show(
    uri: vscode.Uri | undefined,
    text: string,
    problems: readonly TeamSchemaProblem[],
    lang: Language,
    ignored: readonly vscode.Uri[] = [],
  ): void {
    this.collection.clear();
    if (uri) {
      const usedPath = vscode.workspace.asRelativePath(uri, true);
      for (const other of ignored) {
        const d = new vscode.Diagnostic(
          new vscode.Range(0, 0, 0, 0),
          localize(lang, SCHEMA_NOT_USED.message, usedPath),
          vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'ReqDesk';
        this.collection.set(other, [d]);
      }
    }
    if (!uri || problems.length === 0) return;
    const lines = new LineIndex(text);
    const position = (offset: number) => {
      const p = lines.position(offset);
      return new vscode.Position(p.line, p.column);
    };
    this.collection.set(
      uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(position(p.range.start), position(p.range.end)),
          localizeLater(lang, p.message),
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'ReqDesk';
        return d;
      }),
    );
  }

  dispose(): void {
    this.collection.dispose();
  }
}
