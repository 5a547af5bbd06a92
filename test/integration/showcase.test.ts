// Runs last: arranges the workbench as a user sees it (the Requirements view, a requirement with
// problems, the Problems panel) and has the runner take screenshots while the host is alive.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { ReqDeskApi } from '../../src/extension';
import { screenshot } from './support';

describe('showcase', function () {
  this.timeout(60_000);

  it('shows a requirement with its commits and history, and the commit count in its CodeLens', async () => {
    const ext = vscode.extensions.getExtension<ReqDeskApi>(`${pkg.publisher}.${pkg.name}`)!;
    const api = await (await ext.activate()).ready();
    await api.settled();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    const record = api.index.byId('需求-2024-001')[0]!;
    await vscode.window.showTextDocument(vscode.Uri.parse(record.file));
    const node = api.tree.requirementNode(record.file)!;
    await api.treeView.reveal(node, { select: true, focus: false, expand: true });
    for (const child of api.tree.childrenNow(node)) {
      if (child.kind === 'commits' || child.kind === 'history') await api.treeView.reveal(child, { select: false, focus: false, expand: true });
    }
    // The side bar wide enough for subjects, hashes and authors: the focused editor gives way.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 12; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshot('tree-commits.png');
    for (let i = 0; i < 12; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the Requirements view, a requirement with its problems, and the Problems panel', async () => {
    const ext = vscode.extensions.getExtension<ReqDeskApi>(`${pkg.publisher}.${pkg.name}`)!;
    const api = await (await ext.activate()).ready();
    await api.settled();
    await vscode.commands.executeCommand('notifications.clearAll');
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'requirements', 'REQ-2026-090-broken-scores.md');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const line = editor.document.getText().split(/\r?\n/).findIndex((l) => l.includes('urgancy'));
    editor.selection = new vscode.Selection(line, 2, line, 9);
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
    assert.ok(vscode.languages.getDiagnostics(uri).length >= 3);
    const node = api.tree.requirementNode(uri.toString());
    assert.ok(node, 'the requirement is in the tree');
    await api.treeView.reveal(node, { select: true, focus: false, expand: true });
    assert.ok(api.treeView.visible, 'the Requirements view is shown');
    // Painting squiggles and the tree takes the workbench a moment after the API calls return.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await screenshot('workbench.png');
  });
});
