// Completion, hovers and quick fixes under a team schema, in the real extension host: a
// `.reqdesk/schema.yaml` in the runner's workspace adds a team status and an enum field of the
// team's own, and a record written for the suite uses them. The schema changes the index for every
// suite, so it is removed afterwards and the suite waits until the index is built without it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chinese, codeActionsUntil, engine, undoOnceRestores, uiText, until, workspaceFile, writeTeamSchema, waitForDom } from './support';

/** The examples' statuses (so that they stay valid), one named by the team, one of the team's own; an enum field. */
const SCHEMA = `rename: { creation-date: submitted }
statuses:
  new: new
  analyzing: analyzing
  planned: { stage: planned, en: Scheduled, zh-cn: 已排期 }
  implementable: { stage: planned, aliases: [可实施], en: Implementable, zh-cn: 可实施 }
  in-progress: in-progress
  on-hold: on-hold
  delivered: delivered
  verified: verified
  closed: closed
  declined: declined
fields:
  area:
    type: enum
    label: { en: Area, zh-cn: 领域 }
    description: { en: The part of the product the requirement changes., zh-cn: 需求改动的产品部分。 }
    values:
      pipeline: { aliases: [流水线], en: Pipelines, zh-cn: 流水线 }
      triggers: { en: Event triggers, zh-cn: 事件触发 }
`;

/** A record of the team with a misspelt status. */
const RECORD = `---
id: REQ-2026-095
title: Team fields in the editor
type: functional
status: implementabel
area: pipeline
creation-date: 2026-03-02
---

# Team fields in the editor
`;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

describe('completion, hovers and quick fixes with a team schema', function () {
  this.timeout(120_000);
  const record = workspaceFile('requirements', 'REQ-2026-095-team-assist.md');
  let removeSchema: (() => Promise<void>) | undefined;

  before(async () => {
    removeSchema = await writeTeamSchema(SCHEMA);
    const api = await engine();
    await vscode.workspace.fs.writeFile(record, new TextEncoder().encode(RECORD));
    await until(() => api.index.get(record.toString()) !== undefined, 'the record is indexed');
    await api.settled();
  });

  after(async () => {
    const api = await engine();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(record);
    await until(() => api.index.get(record.toString()) === undefined, 'the index forgot the record');
    await removeSchema?.();
  });

  it('completes a status value with the team statuses, each with its label and stage, found by its alias', async () => {
    const doc = await vscode.workspace.openTextDocument(record);
    const at = doc.positionAt(doc.getText().indexOf('status: ') + 'status: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', record, at);
    const statuses = list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember);
    assert.deepEqual(statuses.map(label), [
      'new',
      'analyzing',
      'planned',
      'implementable',
      'in-progress',
      'on-hold',
      'delivered',
      'verified',
      'closed',
      'declined',
    ]);
    const byName = (name: string) => statuses.find((i) => label(i) === name)!;
    assert.equal(byName('implementable').detail, chinese() ? '可实施 → planned' : 'Implementable → planned');
    assert.equal(byName('planned').detail, chinese() ? '已排期 → planned' : 'Scheduled → planned');
    assert.equal(byName('closed').detail, '→ closed');
    assert.equal(byName('implementable').filterText, 'implementable 可实施');
    // Not ReqDesk's own list: no Chinese alias of a built-in status is offered as its detail.
    assert.equal(byName('new').detail, '→ new');
  });

  it('hovers a team field with its label, description, type and values', async () => {
    const doc = await vscode.workspace.openTextDocument(record);
    const at = doc.positionAt(doc.getText().indexOf('area:') + 1);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', record, at));
    const unescaped = text.replace(/\\(.)/g, '$1');
    assert.ok(unescaped.includes(`**area** — ${chinese() ? '领域' : 'Area'}`), text);
    assert.ok(unescaped.includes(chinese() ? '需求改动的产品部分。' : 'The part of the product the requirement changes.'), text);
    assert.ok(unescaped.includes(uiText('Type: {0}', 'enum')), text);
    assert.ok(
      unescaped.includes(chinese() ? '`pipeline` (流水线), `triggers` (事件触发)' : '`pipeline` (Pipelines), `triggers` (Event triggers)'),
      text,
    );
    // A renamed key stands for ReqDesk's.
    const created = doc.positionAt(doc.getText().indexOf('creation-date:') + 2);
    const renamed = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', record, created));
    assert.ok(renamed.includes(uiText("Stands for ReqDesk's {0}.", '`submitted`')), renamed);
  });

  it('changes a misspelt team status to the closest one, only its bytes, and one undo takes it back', async () => {
    const api = await engine();
    const doc = await vscode.workspace.openTextDocument(record);
    await vscode.window.showTextDocument(doc);
    await until(
      () => vscode.languages.getDiagnostics(record).some((d) => d.source === 'ReqDesk' && d.code === 'enum-unknown'),
      'the misspelt status is reported',
    );
    const before = doc.getText();
    const at = before.indexOf('implementabel');
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'implementabel'.length));
    const title = uiText('Replace {0} with {1}', 'implementabel', 'implementable');
    const actions = await codeActionsUntil(
      record,
      range,
      (found) => found.some((a) => a.title === title),
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === title);
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), `${before.slice(0, at)}implementable${before.slice(at + 'implementabel'.length)}`);
    await until(
      () => !vscode.languages.getDiagnostics(record).some((d) => d.code === 'enum-unknown'),
      'the misspelt status diagnostic is gone',
    );
    await until(() => api.index.get(record.toString())?.teamStatus === 'implementable', 'the index reads the team status');
    await undoOnceRestores(record, before);
  });

  it("Set Status offers and writes the team's statuses: a team status ReqDesk does not have is written, one undo takes it back", async () => {
    const api = await engine();
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(record));
    assert.equal(await vscode.commands.executeCommand('reqdesk.setStatus', { file: record.toString(), status: 'implementable' }), true);
    const doc = await vscode.workspace.openTextDocument(record);
    assert.equal(doc.getText(), before.replace('status: implementabel', 'status: implementable'));
    await until(() => api.index.get(record.toString())?.teamStatus === 'implementable', 'the index reads the team status');
    // The status bar names the team's status by its label, not the stage it maps to.
    await vscode.window.showTextDocument(record);
    const shown = `REQ-2026-095 · ${chinese() ? '可实施' : 'Implementable'}`;
    const items = await waitForDom('team-status-bar', '.statusbar .right-items .statusbar-item', (found) =>
      found.some((i) => i.text.includes(shown)),
    );
    assert.ok(
      items?.some((i) => i.text.includes(shown)),
      (items ?? []).map((i) => i.text).join(' | '),
    );
    await undoOnceRestores(record, before);
  });
});
