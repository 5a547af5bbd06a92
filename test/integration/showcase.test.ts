// Runs last: leaves the workbench showing a requirement with problems and the Problems panel, so
// that the runner's final screenshot shows what a user sees.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { ReqDeskApi } from '../../src/extension';

describe('showcase', function () {
  this.timeout(60_000);

  it('shows REQ-2026-090 with its problems in the Problems panel', async () => {
    const ext = vscode.extensions.getExtension<ReqDeskApi>(`${pkg.publisher}.${pkg.name}`)!;
    const api = await (await ext.activate()).ready();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'requirements', 'REQ-2026-090-broken-scores.md');
    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await api.settled();
    const line = editor.document.getText().split(/\r?\n/).findIndex((l) => l.includes('urgancy'));
    editor.selection = new vscode.Selection(line, 2, line, 9);
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
    assert.ok(vscode.languages.getDiagnostics(uri).length >= 3);
    // Give the workbench a moment to paint squiggles before the runner's screenshot.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
});
