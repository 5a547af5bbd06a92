// Requirement → code and tests in the real extension host, on the runner's workspace (the examples
// as a git repository): files that mention an ID appear under its requirement as *Implemented in*
// and *Tested by*, learnt when they are saved; the ID hover counts them; a delivered requirement
// no test mentions is a problem when `reqdesk.trace.untestedSeverity` asks for it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EngineApi } from '../../src/engine';
import type { CodeRefNode, CodeRefsNode, RequirementNode } from '../../src/tree/nodes';
import { engine, screenshot, uiText, until, waitForDom, workspaceFile } from './support';

const TESTED = 'REQ-2026-003';
const UNTESTED = 'REQ-2025-007';

function nodeOfId(api: EngineApi, id: string): RequirementNode {
  const record = api.index.byId(id)[0];
  assert.ok(record, `${id} is indexed`);
  const node = api.tree.requirementNode(record.file);
  assert.ok(node, `${id} is in the tree`);
  return node;
}

function folderUnder(api: EngineApi, id: string, which: 'code' | 'tests'): CodeRefsNode | undefined {
  return api.tree.childrenNow(nodeOfId(api, id)).find((n): n is CodeRefsNode => n.kind === 'code-refs' && n.which === which);
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** Types `text` at the end of a document and saves it, as a user does. */
async function appendAndSave(uri: vscode.Uri, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, doc.positionAt(doc.getText().length), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await doc.save(), `${uri.path} saved`);
}

/** Reveals once the view has drawn the node: a save refreshes the tree, which may be drawing still. */
async function revealed(reveal: () => Thenable<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await reveal();
      return;
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function untestedProblems(api: EngineApi, id: string): vscode.Diagnostic[] {
  // While a settings change rebuilds the index, the record may be missing for a moment.
  const record = api.index.byId(id)[0];
  if (!record) return [];
  return vscode.languages.getDiagnostics(vscode.Uri.parse(record.file)).filter((d) => d.code === 'delivered-untested');
}

describe('code references: Implemented in and Tested by', function () {
  this.timeout(120_000);
  const folder = workspaceFile('coverage-sample');
  const code = workspaceFile('coverage-sample', 'src', 'sample.ts');
  const test = workspaceFile('coverage-sample', 'test', 'sample.test.ts');

  after(async () => {
    await vscode.workspace.getConfiguration('reqdesk').update('trace.untestedSeverity', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The files through a workspace edit, so the search forgets them; then their folders.
    const edit = new vscode.WorkspaceEdit();
    for (const file of [code, test]) edit.deleteFile(file, { ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(edit);
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('lists the files that mention a requirement, learnt on save, with links to their lines and counts in the hover', async () => {
    const api = await engine();
    await until(() => api.codeRefs.ready, 'code references are searched');
    const before = api.codeRefs.countsOf(TESTED)!;
    await vscode.workspace.fs.writeFile(code, new Uint8Array());
    await vscode.workspace.fs.writeFile(test, new Uint8Array());

    await appendAndSave(code, `// Implements ${TESTED}\nexport const sample = 1;\n`);
    await until(() => api.codeRefs.countsOf(TESTED)?.code === before.code + 1, 'the saved code file counts');
    await appendAndSave(test, `import { sample } from '../src/sample';\nit('${TESTED} counts the sample', () => sample);\n`);
    await until(() => api.codeRefs.countsOf(TESTED)?.tests === before.tests + 1, 'the saved test file counts');

    const tests = folderUnder(api, TESTED, 'tests');
    assert.ok(tests, 'Tested by is under the requirement');
    const testsItem = api.tree.getTreeItem(tests);
    assert.equal(label(testsItem), uiText('Tested by'));
    assert.equal(testsItem.description, String(before.tests + 1));
    const implemented = folderUnder(api, TESTED, 'code');
    assert.ok(implemented, 'Implemented in is under the requirement');
    assert.equal(label(api.tree.getTreeItem(implemented)), uiText('Implemented in'));
    assert.ok(
      (api.tree.childrenNow(implemented) as CodeRefNode[]).some(
        (n) => label(api.tree.getTreeItem(n)) === 'coverage-sample/src/sample.ts:1',
      ),
    );

    // In the side bar: the requirement expanded two levels, so its folders are open too.
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    await until(() => api.treeView.visible, 'the Requirements view is visible');
    await api.settled();
    await vscode.commands.executeCommand('reqdesk.collapseAll');
    await revealed(() => api.tree.reveal(nodeOfId(api, TESTED), { select: false, focus: false, expand: 2 }));
    // The test's line selected: the list scrolls to it (rows out of sight are not drawn).
    const testLine = (api.tree.childrenNow(tests) as CodeRefNode[]).find((n) => n.located.ref.file.startsWith('coverage-sample/'))!;
    await revealed(() => api.tree.reveal(testLine, { select: true, focus: false }));
    const rows = await waitForDom('code-refs-tree', '.tree-explorer-viewlet-tree-view .monaco-list-row', (found) =>
      found.some((r) => r.text.includes('coverage-sample/test/sample.test.ts:2')),
    );
    if (rows !== undefined) {
      for (const text of [
        uiText('Implemented in'),
        uiText('Tested by'),
        'coverage-sample/src/sample.ts:1',
        'coverage-sample/test/sample.test.ts:2',
      ])
        assert.ok(
          rows.some((r) => r.text.includes(text)),
          `${text} in ${rows.map((r) => r.text).join(' | ')}`,
        );
      await screenshot('code-refs-tree.png');
    }

    // The test's line opens at the mention.
    const line = (api.tree.childrenNow(tests) as CodeRefNode[]).find(
      (n) => label(api.tree.getTreeItem(n)) === 'coverage-sample/test/sample.test.ts:2',
    );
    assert.ok(line, 'the test file is listed with its line');
    const command = api.tree.getTreeItem(line).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await until(() => vscode.window.activeTextEditor?.document.uri.toString() === test.toString(), 'the test file is open');
    assert.deepEqual(
      [vscode.window.activeTextEditor!.selection.start.line, vscode.window.activeTextEditor!.selection.start.character],
      [1, 4],
    );

    // The ID's hover counts them.
    const record = api.index.byId(TESTED)[0]!;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(record.file));
    const at = doc.positionAt(doc.getText().indexOf(TESTED) + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    // Markdown as the hover holds it: text appended to it has its spaces and punctuation escaped.
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/&nbsp;/g, ' ')
      .replace(/\\(.)/g, '$1');
    assert.ok(text.includes(uiText('{0} in code, {1} in tests', before.code + 1, before.tests + 1)), text);

    // And the CodeLens of the record.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes(`$(code) ${uiText('{0} in code, {1} in tests', before.code + 1, before.tests + 1)}`), titles.join(' | '));
  });

  it('flags a delivered or verified requirement no test mentions, at the severity the setting asks; off by default', async () => {
    const api = await engine();
    assert.deepEqual(untestedProblems(api, UNTESTED), [], 'off by default');
    await vscode.workspace.getConfiguration('reqdesk').update('trace.untestedSeverity', 'warning', vscode.ConfigurationTarget.Workspace);
    await until(() => untestedProblems(api, UNTESTED).length === 1, `${UNTESTED} is flagged`, 60_000);
    const [problem] = untestedProblems(api, UNTESTED);
    assert.equal(problem!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(problem!.message, uiText('{0} is {1} but no test mentions it', UNTESTED, 'verified'));
    await until(() => api.codeRefs.ready && (api.codeRefs.countsOf(TESTED)?.tests ?? 0) > 0, 'the test is found again');
    assert.deepEqual(untestedProblems(api, TESTED), [], `${TESTED} has a test`);

    // Deleting the test takes it away at once, and the requirement is flagged.
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(test);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until(() => untestedProblems(api, TESTED).length === 1, `${TESTED} is flagged once its test is gone`);
    assert.equal(folderUnder(api, TESTED, 'tests'), undefined);

    await vscode.workspace.getConfiguration('reqdesk').update('trace.untestedSeverity', undefined, vscode.ConfigurationTarget.Workspace);
    await until(() => untestedProblems(api, UNTESTED).length === 0, 'the setting off clears the problems', 60_000);
  });
});
