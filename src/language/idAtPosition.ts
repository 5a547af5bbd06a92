import * as vscode from 'vscode';
import type { IdGrammar } from '../core/ids';

/** The requirement ID reference under a position, with its range, if any. */
export function idAt(
  document: vscode.TextDocument,
  position: vscode.Position,
  grammar: IdGrammar,
): { id: string; range: vscode.Range } | undefined {
  const line = document.lineAt(position.line).text;
  for (const ref of grammar.findReferences(line)) {
    if (ref.start <= position.character && position.character <= ref.end) {
      return { id: ref.id, range: new vscode.Range(position.line, ref.start, position.line, ref.end) };
    }
  }
  return undefined;
}
