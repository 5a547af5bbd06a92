// Runs last: arranges the workbench as a user sees it (the Requirements view, a requirement with
// problems, the Problems panel), checks that the workbench draws what it was given (read through
// the runner from the page), and has the runner take screenshots while the host is alive.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { engine, problemsPanelShowing, screenshot, showBrokenScores, skipWithoutDom, uiText, waitForDom } from './support';

/** The commits that mention 需求-2024-001 in the example history, newest first. */
const COMMITS = [
  'feat(export): CSV export of hourly readings',
  '完成需求-2024-001，待验收',
  'feat: 能耗看板 (需求-2024-001)',
  'docs: 记录需求-2024-001 访谈结论',
];

describe('showcase', function () {
  this.timeout(60_000);

  it('shows a requirement with its commits and history, and the commit count in its CodeLens', async function () {
    const api = await engine();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    const record = api.index.byId('需求-2024-001')[0]!;
    const uri = vscode.Uri.parse(record.file);
    await vscode.window.showTextDocument(uri);
    const node = api.tree.requirementNode(record.file)!;
    await api.tree.reveal(node, { select: true, focus: false, expand: true });
    const children = api.tree.childrenNow(node);
    assert.deepEqual(
      children.map((c) => c.kind).filter((k) => k === 'commits' || k === 'history'),
      ['commits', 'history'],
    );
    for (const child of children) {
      if (child.kind === 'commits' || child.kind === 'history') await api.tree.reveal(child, { select: false, focus: false, expand: true });
    }
    const lensTitle = `$(git-commit) ${uiText('{0} commits', COMMITS.length)}`;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.ok(
      lenses.some((l) => l.command?.title === lensTitle),
      lenses.map((l) => l.command?.title).join(' | '),
    );
    // The side bar wide enough for subjects, hashes and authors: the focused editor gives way.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 12; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    try {
      skipWithoutDom(this);
      // What the workbench draws: the Commits folder with its count and every commit's subject,
      // the History folder, and the commit count above the first line of the file.
      const rows = (await waitForDom('showcase-tree', '.pane-body .monaco-list-row', (found) =>
        COMMITS.every((c) => found.some((r) => r.text.includes(c))),
      ))!;
      const texts = rows.map((r) => r.text);
      for (const subject of COMMITS)
        assert.ok(
          texts.some((t) => t.includes(subject)),
          `${subject} in ${texts.join(' | ')}`,
        );
      assert.ok(
        texts.some((t) => t.startsWith(uiText('Commits')) && t.includes(String(COMMITS.length))),
        texts.join(' | '),
      );
      assert.ok(
        texts.some((t) => t.startsWith(uiText('History'))),
        texts.join(' | '),
      );
      const lens = (await waitForDom('showcase-codelens', '.codelens-decoration', (found) =>
        found.some((l) => l.text.includes(uiText('{0} commits', COMMITS.length))),
      ))!;
      assert.ok(
        lens.some((l) => l.text.includes(uiText('{0} commits', COMMITS.length))),
        lens.map((l) => l.text).join(' | '),
      );
      await screenshot('tree-commits.png');
    } finally {
      for (let i = 0; i < 12; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('shows the Requirements view, a requirement with its problems, and the Problems panel', async function () {
    const api = await engine();
    const { uri, editor } = await showBrokenScores();
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.ok(diagnostics.length >= 3);
    const node = api.tree.requirementNode(uri.toString());
    assert.ok(node, 'the requirement is in the tree');
    await api.tree.reveal(node, { select: true, focus: false, expand: true });
    assert.ok(api.treeView.visible, 'the Requirements view is shown');
    skipWithoutDom(this);
    // What the workbench draws: the record selected in the tree, squiggles under its problems in
    // the editor, and its problems listed in the Problems panel with their messages.
    const selected = (await waitForDom('showcase-selected', '.pane-body .monaco-list-row.selected', (found) =>
      found.some((r) => r.text.includes('REQ-2026-090')),
    ))!;
    assert.ok(
      selected.some((r) => r.text.includes('REQ-2026-090')),
      selected.map((r) => r.text).join(' | '),
    );
    const squiggles = (await waitForDom(
      'showcase-squiggles',
      '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error',
      (found) => found.length > 0,
    ))!;
    assert.ok(squiggles.length > 0, 'problems are underlined in the editor');
    const nearMiss = diagnostics.find((d) => d.code === 'key-near-miss')!.message;
    const problems = await problemsPanelShowing('showcase-problems', nearMiss);
    assert.ok(
      problems.some((r) => r.text.includes('REQ-2026-090-broken-scores.md')),
      'the file heads its problems',
    );
    await screenshot('workbench.png');
  });

  // The scenes of the walkthrough's pictures (media/walkthrough/, which `npm run screenshots` takes
  // as parts of the page): the examples and nothing else, so a user who opens the examples finds
  // every ID a picture shows.
  it('takes the walkthrough pictures on the examples alone: the side bar, a record, the matrix and the timeline', async function () {
    const api = await engine();
    const examples = new Set(readdirSync(join(__dirname, '..', '..', '..', 'examples', 'requirements')));
    const others = api.index.all().filter((r) => !examples.has(decodeURIComponent(r.file.split('/').pop()!)));
    // After suites that leave records of their own (a full run), the pictures would show them.
    if (others.length > 0) this.skip();
    skipWithoutDom(this);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    await waitForDom('pictures-tree', '.pane-body .monaco-list-row', (found) => found.some((r) => r.text.includes('REQ-2026-001')));
    await screenshot('walkthrough-sidebar.png');
    await vscode.window.showTextDocument(vscode.Uri.parse(api.index.byId('REQ-2026-005')[0]!.file));
    await waitForDom('pictures-record', '.monaco-editor .view-line', (found) => found.some((l) => l.text.includes('REQ-2026-005')));
    await screenshot('walkthrough-record.png');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    await waitForDom('pictures-matrix', '.card', (found) => found.length > 5);
    await screenshot('walkthrough-matrix.png');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('reqdesk.showTimeline');
    await waitForDom('pictures-timeline', '.bar', (found) => found.length > 5);
    await screenshot('walkthrough-timeline.png');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
