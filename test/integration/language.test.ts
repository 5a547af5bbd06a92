// Requirement IDs in the editor, through VS Code's own commands: hover, links, definition,
// references, rename; the CodeLens and the status bar of a requirement file.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chinese, codeActionsUntil, engine, keys, mouse, skipWithoutDom, uiText, until, waitForDom, workspaceFile } from './support';
import { knownKeysAt } from '../../src/core/schema';

const file = workspaceFile;

/** The position just inside `needle` on the first line that has it. */
async function positionOf(uri: vscode.Uri, needle: string, inside = 2): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${uri.path}`);
  return doc.positionAt(at + inside);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('requirement IDs in the editor', function () {
  this.timeout(60_000);

  it('hovers an ID right after Chinese text in a code comment', async () => {
    await engine();
    const uri = file('src', 'api', 'energyReadings.ts');
    const pos = await positionOf(uri, '需求-2024-001的开发', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
    const text = hoverText(hovers);
    assert.match(text, /需求-2024-001/);
    assert.match(text, /实时监控生产设备能耗|能耗/);
    assert.match(text, /P1/);
    assert.match(text, /closed|verified|delivered|in-progress/);
  });

  it('links IDs in code and Markdown to their records, not IDs inside longer tokens', async () => {
    const api = await engine();
    const uri = file('src', 'api', 'energyReadings.ts');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
    const targets = links.map((l) => l.target?.toString());
    assert.ok(targets.includes(api.index.byId('需求-2024-001')[0]!.file));
    assert.ok(targets.includes(api.index.byId('REQ-2026-003')[0]!.file));
    const py = file('src', 'export', 'csv_export.py');
    const pyDoc = await vscode.workspace.openTextDocument(py);
    const pyLinks = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', py);
    for (const link of pyLinks) {
      const before = pyDoc.getText(
        new vscode.Range(link.range.start.translate(0, -1 * Math.min(1, link.range.start.character)), link.range.start),
      );
      assert.notEqual(before, 'X', 'XREQ-… is not a reference');
    }
  });

  it('goes to the record from an ID', async () => {
    const api = await engine();
    const uri = file('src', 'api', 'energyReadings.ts');
    const pos = await positionOf(uri, 'REQ-2026-003');
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      uri,
      pos,
    );
    assert.equal(defs.length, 1);
    const target = 'uri' in defs[0]! ? defs[0].uri : defs[0]!.targetUri;
    assert.equal(target.toString(), api.index.byId('REQ-2026-003')[0]!.file);
    const range = 'range' in defs[0]! ? defs[0].range : defs[0]!.targetRange;
    const doc = await vscode.workspace.openTextDocument(target);
    assert.equal(doc.getText(range), 'REQ-2026-003');
  });

  it('finds every reference of an ID across the workspace', async () => {
    await engine();
    const uri = file('src', 'api', 'energyReadings.ts');
    const pos = await positionOf(uri, '需求-2024-001的开发', 3);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, pos);
    const files = new Set(refs.map((r) => vscode.workspace.asRelativePath(r.uri, false)));
    assert.ok(files.has('src/api/energyReadings.ts'));
    assert.ok(
      [...files].some((f) => f.startsWith('requirements/需求-2024-001')),
      [...files].join(', '),
    );
    assert.ok(files.size >= 3, [...files].join(', '));
    for (const r of refs) {
      const doc = await vscode.workspace.openTextDocument(r.uri);
      assert.equal(doc.getText(r.range), '需求-2024-001');
    }
  });

  it('renames an ID everywhere, and changes nothing else', async () => {
    const api = await engine();
    const uri = file('src', 'api', 'energyReadings.ts');
    const pos = await positionOf(uri, 'REQ-2026-003');
    const recordFile = vscode.Uri.parse(api.index.byId('REQ-2026-003')[0]!.file);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, pos);
    const before = new Map<string, string>();
    for (const r of refs) before.set(r.uri.toString(), (await vscode.workspace.openTextDocument(r.uri)).getText());
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      uri,
      pos,
      'REQ-2026-077',
    );
    assert.ok(edit);
    assert.ok(await vscode.workspace.applyEdit(edit));
    for (const [key, text] of before) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(key));
      assert.equal(doc.getText(), text.split('REQ-2026-003').join('REQ-2026-077'), key);
      await doc.save();
    }
    await api.settled();
    assert.equal(api.index.get(recordFile.toString())?.id, 'REQ-2026-077');
    // Renaming to an ID in use is refused.
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, await positionOf(uri, 'REQ-2026-077'), '需求-2024-001'),
      ),
    );
    // And back: every file as it was, byte for byte (the suites after this one know the example by its ID).
    const back = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      uri,
      await positionOf(uri, 'REQ-2026-077'),
      'REQ-2026-003',
    );
    assert.ok(await vscode.workspace.applyEdit(back));
    for (const [key, text] of before) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(key));
      assert.equal(doc.getText(), text, key);
      await doc.save();
    }
    await api.settled();
    assert.equal(api.index.get(recordFile.toString())?.id, 'REQ-2026-003');
  });

  it('shows the CodeLens and the status bar on a requirement file', async () => {
    const api = await engine();
    const uri = file('requirements', '需求-2026-002-门店补货预警.md');
    await vscode.window.showTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const titles = lenses.map((l) => l.command?.title ?? '');
    const record = api.index.get(uri.toString())!;
    const late = uiText('{0} late', api.tree.requirementNode(uri.toString())!.summary.lateTasks);
    assert.ok(
      titles.some((t) => t.includes(record.priority!) && t.includes(late)),
      titles.join(' | '),
    );
  });
});

/** Throws away unsaved changes of a document (it must be in an editor for the revert command). */
async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  assert.equal(doc.isDirty, false);
}

describe('quick fixes', function () {
  this.timeout(60_000);

  async function actionsAt(uri: vscode.Uri, needle: string): Promise<{ doc: vscode.TextDocument; actions: vscode.CodeAction[] }> {
    const doc = await vscode.workspace.openTextDocument(uri);
    // Quick fixes answer the Problems panel's diagnostics: wait for the file's to be published.
    await until(() => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'ReqDesk'), `diagnostics of ${uri.path}`);
    const at = doc.getText().indexOf(needle);
    assert.ok(at >= 0, needle);
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
    const actions = await codeActionsUntil(uri, range, (found) => found.length > 0, vscode.CodeActionKind.QuickFix.value);
    return { doc, actions };
  }

  it('renames a near-miss key in place, changing only its bytes', async () => {
    const api = await engine();
    const uri = file('requirements', 'REQ-2026-090-broken-scores.md');
    const { doc, actions } = await actionsAt(uri, 'urgancy');
    const before = doc.getText();
    const rename = actions.find((a) => /urgency/.test(a.title) && a.edit);
    assert.ok(rename, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(rename.edit!));
    const at = before.indexOf('urgancy:');
    assert.equal(doc.getText(), `${before.slice(0, at)}urgency:${before.slice(at + 'urgancy:'.length)}`);
    // The document change reaches the extension, is debounced, then re-validated.
    await until(() => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'key-near-miss'), 'the near-miss diagnostic is gone');
    await api.settled();
    await revert(doc);
  });

  it('adds the missing decline_reason as one line', async () => {
    await engine();
    const uri = file('requirements', 'REQ-2026-091-declined-no-reason.md');
    const { doc, actions } = await actionsAt(uri, 'strategy: declined');
    const before = doc.getText();
    const reason = actions.find((a) => /decline_reason/.test(a.title));
    assert.ok(reason?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(reason.edit));
    const after = doc.getText();
    const added = after.split('\n').filter((l) => !before.split('\n').includes(l));
    assert.equal(added.length, 1, added.join('\n'));
    // The placeholder to fill in is written in the UI language.
    assert.equal(added[0], chinese() ? 'decline_reason: 待填写：拒绝原因' : 'decline_reason: "TODO: reason"');
    await revert(doc);
  });
});

describe('status bar', function () {
  this.timeout(60_000);

  it('shows the active requirement and changes its status on click', async function () {
    const api = await engine();
    const uri = file('requirements', 'REQ-2024-006-volume-licence-discount.md');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(api.index.get(uri.toString())?.data.status, 'closed');
    await vscode.window.showTextDocument(uri);
    skipWithoutDom(this);
    try {
      // The item as the workbench draws it: ID · priority · status (the status in the UI language).
      const item = '[id$="reqdesk.activeRequirement"]';
      const shown = (await waitForDom('status-bar', item, (found) => found.some((e) => e.text.includes('REQ-2024-006'))))!;
      assert.equal(shown.length, 1, 'one ReqDesk item in the status bar');
      assert.equal(shown[0]!.text.trim(), `REQ-2024-006 · P1 · ${chinese() ? '已关闭' : 'closed'}`);

      // A click asks for the status of this file; the choice changes exactly its status line.
      await mouse('status-bar-click', { action: 'click', selector: item });
      const question = uiText('Status of {0}', 'REQ-2024-006');
      const input = await waitForDom('status-bar-question', '.quick-input-widget input', (found) =>
        found.some((e) => e.placeholder === question),
      );
      assert.ok(
        input!.some((e) => e.placeholder === question),
        input!.map((e) => e.placeholder).join(' | '),
      );
      const rows = await waitForDom('status-bar-choices', '.quick-input-widget .monaco-list-row', (found) => found.length >= 5);
      assert.ok(
        rows!.some((e) => e.text.startsWith('verified')),
        rows!.map((e) => e.text).join(' | '),
      );
      // Typed into the picker's filter; Enter once the list is down to that one status.
      await keys('status-bar-type', ['type:verified']);
      const filtered = await waitForDom(
        'status-bar-filtered',
        '.quick-input-widget .monaco-list-row',
        (found) => found.length === 1 && found[0]!.text.startsWith('verified'),
      );
      assert.deepEqual(
        filtered!.map((e) => e.text.slice(0, 'verified'.length)),
        ['verified'],
      );
      await keys('status-bar-choose', ['press:Enter']);
      let after = before;
      const end = Date.now() + 20_000;
      while (after === before && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 200));
        after = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      }
      assert.equal(after, before.replace('status: closed', 'status: verified'));
      const updated = await waitForDom('status-bar-updated', item, (found) =>
        found.some((e) => e.text.includes(chinese() ? '已验证' : 'verified')),
      );
      assert.equal(updated![0]!.text.trim(), `REQ-2024-006 · P1 · ${chinese() ? '已验证' : 'verified'}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
      await until(() => api.index.get(uri.toString())?.data.status === 'closed', 'the status is restored');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});

describe('completion and hovers in the front-matter', function () {
  this.timeout(60_000);

  async function completions(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    return list.items;
  }

  const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

  it('completes enum values with their Chinese aliases, and keys valid at the cursor', async () => {
    await engine();
    const uri = file('requirements', 'REQ-2025-004-csv-encoding.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const typeAt = doc.getText().indexOf('type: ') + 'type: '.length;
    const values = await completions(doc, doc.positionAt(typeAt));
    const functional = values.find((i) => label(i) === 'functional');
    assert.ok(functional, values.map(label).join(', '));
    assert.match(functional.filterText ?? '', /功能/);
    for (const v of ['experience', 'business', 'service'])
      assert.ok(
        values.some((i) => label(i) === v),
        v,
      );

    // A new top-level key on an empty line at column 0: keys the record does not have yet.
    const editor = await vscode.window.showTextDocument(doc);
    const after = doc.getText().indexOf('\n', doc.getText().indexOf('type: ')) + 1;
    await editor.edit((b) => b.insert(doc.positionAt(after), '\n'));
    const keys = await completions(doc, doc.positionAt(after));
    const labels = keys.map(label);
    const present = new Set([...doc.getText().matchAll(/^([a-z_]+):/gm)].map((m) => m[1]!));
    const missing = knownKeysAt([]).filter((k) => !present.has(k));
    assert.ok(missing.length > 0);
    // Exactly the schema's keys the record lacks: none it has, none that are not in the schema.
    assert.deepEqual([...labels].sort(), [...missing].sort());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hovers a key with its documentation and a score value with its meaning', async () => {
    await engine();
    const uri = file('requirements', '需求-2024-001-能耗监控.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const horizon = doc.positionAt(doc.getText().indexOf('horizon:') + 2);
    const keyHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, horizon));
    assert.match(keyHover, /immediate|short-term|紧急程度|立即/);
    const importance = doc.getText().indexOf('importance:');
    const value = doc.positionAt(doc.getText().indexOf(':', importance) + 2);
    const valueHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, value));
    assert.match(valueHover, /续约|renew|影响|impact/);
  });
});

describe('commit messages', function () {
  this.timeout(60_000);

  it('completes requirement IDs with their titles in the commit box', async () => {
    const api = await engine();
    const doc = await vscode.workspace.openTextDocument({ language: 'scminput', content: 'feat: 能耗看板 需求-2024' });
    const end = doc.lineAt(0).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end);
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '需求-2024-001');
    assert.ok(item, 'the ID is offered');
    assert.equal(item.insertText, '需求-2024-001');
    assert.match(item.filterText ?? '', /实时监控生产设备能耗/);
    assert.equal((item.range as vscode.Range).start.character, 'feat: 能耗看板 '.length, 'it replaces what was typed of the ID');
    assert.equal(list.items.length, api.index.all().filter((r) => r.id).length);
  });
});
