// What a user meets first, in the real workbench: one language in hovers and tree tooltips (the
// Chinese names of values only in the Chinese UI, by default), New Requirement's ID and tab, the
// report view's loading state and its ID links, and webviews that log no console errors.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nextId } from '../../src/core/ids';
import {
  chinese,
  domRunner,
  engine,
  mouse,
  newRequirement,
  queryWebviews,
  screenshot,
  skipWithoutDom,
  until,
  waitForDom,
  webviewConsoleErrors,
  workspaceFile,
  hoveredItem,
} from './support';

const CJK = /[\u3400-\u9fff]/;
const SSO = workspaceFile('requirements', 'REQ-2025-007-sso-login.md');

/** The text of every hover at a position (ours and any other provider's). */
async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function pause(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

describe('first impression', function () {
  this.timeout(120_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hovers and tree tooltips in one language: no Chinese alias in English by default, the aliases in Chinese', async () => {
    const api = await engine();
    const doc = await vscode.workspace.openTextDocument(SSO);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('type: functional'));
    const onValue = new vscode.Position(line, 'type: func'.length);
    const onKey = new vscode.Position(line, 2);
    const value = await hoverText(SSO, onValue);
    const key = await hoverText(SSO, onKey);
    assert.match(value, /functional/);
    const node = api.tree.requirementNode(SSO.toString());
    assert.ok(node, 'REQ-2025-007 is in the tree');
    const tooltip = (hoveredItem(api, node).tooltip as vscode.MarkdownString).value;
    if (chinese()) {
      assert.match(value, /功能/, value);
      assert.match(key, /功能/, key);
      assert.match(tooltip, /功能/, tooltip);
    } else {
      assert.doesNotMatch(value, CJK, value);
      assert.doesNotMatch(key, CJK, key);
      assert.doesNotMatch(tooltip, CJK, tooltip);
    }

    if (!domRunner()) return;
    // The hover as a person sees it.
    editor.selection = new vscode.Selection(onValue, onValue);
    editor.revealRange(new vscode.Range(onValue, onValue), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await pause(1000);
    await screenshot('first-hover.png');
    await vscode.commands.executeCommand('editor.action.showHover'); // a second call focuses it; Escape closes
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // The tree tooltip: the pointer rests on the record's row.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    await api.tree.reveal(api.tree.requirementNode(SSO.toString())!, { select: false, focus: true, expand: false });
    await pause(500);
    await mouse('first-tree-hover', { action: 'hover', selector: '.monaco-list-row[aria-label*="REQ-2025-007"]' });
    await pause(1500);
    await screenshot('first-tree-tooltip.png');
  });

  it('New Requirement skips an ID a file name uses, and opens the new file in a normal tab', async () => {
    const api = await engine();
    const year = Number(new Date().getFullYear());
    const grammar = api.index.grammar;
    const opts = grammar.hasYear ? { prefix: 'REQ', year } : { prefix: 'REQ' };
    // The ID New Requirement would take from the records' IDs alone, taken by a file's name only.
    const expected = nextId(grammar, [...api.index.takenIds().keys()], opts);
    const inTheWay = workspaceFile('requirements', `${expected}-copied-record.md`);
    const copied = (await vscode.workspace.fs.readFile(SSO)).slice();
    await vscode.workspace.fs.writeFile(inTheWay, copied);
    let created: vscode.Uri | undefined;
    try {
      await until(() => api.index.get(inTheWay.toString()) !== undefined, 'the copied file is indexed');
      created = await newRequirement({ title: 'Skip the numbers in file names', type: 'functional', prefix: 'REQ' });
      const id = /^id: (.+)$/m.exec(new TextDecoder().decode(await vscode.workspace.fs.readFile(created)))?.[1];
      assert.ok(id, 'the new file has an ID');
      assert.notEqual(id, expected);
      assert.ok(
        !api.index.fileNameIds().has(id) || api.index.fileNameIds().get(id) === created.toString(),
        `${id} is in no other file's name`,
      );
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(
        tab?.input instanceof vscode.TabInputText && tab.input.uri.toString() === created.toString(),
        'the new file is the active tab',
      );
      assert.equal(tab.isPreview, false, 'a normal tab, not a preview');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(inTheWay);
      if (created) await vscode.workspace.fs.delete(created);
      await until(() => api.index.get(inTheWay.toString()) === undefined, 'the copied file leaves the index');
    }
  });

  it('the report view: never blank while it loads, and its requirement IDs open their records', async function () {
    skipWithoutDom(this);
    const api = await engine();
    await until(() => api.commits.current.kind === 'ready', 'commits are linked');
    const pending = vscode.commands.executeCommand('reqdesk.showReport', { kind: 'implementation', from: '2024-01-01', to: '2026-12-31' });
    // From its first paint the page has content: the loading state, then the report.
    const page = await waitForDom('first-report-page', 'main.report-page', (found) => found.length > 0, 30_000);
    assert.ok(page && page.length > 0, 'the report page is drawn at once');
    await pending;
    const links = (await waitForDom('first-report-links', 'a.id-link', (found) => found.length > 0, 30_000))!;
    assert.ok(links.length > 0, 'requirement IDs are links');
    const id = links[0]!.data.id!;
    assert.ok(api.index.byId(id).length > 0, `${id} is a record's ID`);
    // The pointer on the first link (the page scrolls to it), as a person about to click it.
    await mouse('first-report-point', { action: 'hover', selector: `a.id-link[data-id="${id}"]` });
    await pause(300);
    await screenshot('first-report.png');
    await mouse('first-report-click', { action: 'click', selector: `a.id-link[data-id="${id}"]` });
    await until(
      () => api.index.byId(id).some((r) => r.file === vscode.window.activeTextEditor?.document.uri.toString()),
      `the record of ${id} opens`,
    );
  });

  it('webviews log no console errors (the component toolkit included)', async function () {
    skipWithoutDom(this);
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    await waitForDom('first-matrix', 'vscode-dropdown', (found) => found.length > 0, 30_000);
    await vscode.commands.executeCommand('reqdesk.showTimeline');
    await waitForDom('first-timeline', 'vscode-dropdown', (found) => found.length > 1, 30_000);
    await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'satisfaction', from: '2024-01-01', to: '2026-12-31' });
    await waitForDom('first-report-again', 'article.report', (found) => found.length > 0, 30_000);
    await pause(500);
    const errors = await webviewConsoleErrors('first-console');
    assert.deepEqual(errors, [], JSON.stringify(errors, null, 1));
    assert.ok((await queryWebviews('first-csp', 'meta[property="csp-nonce"]'))!.length > 0, 'the toolkit finds the style nonce');
  });
});
