// Merge Requirements in the real extension host, on the runner's workspace (the examples as a git
// repository): two requests, a commit naming each, the duplicate merged into the other; then the
// target's commits in the tree are both, the duplicate's file is gone, its ID still leads to the
// target (hover, links, the commit box), and one undo restores both files.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyTextEdits } from '../../src/core/edits';
import { planMerge } from '../../src/core/merge';
import type { EngineApi } from '../../src/engine';
import type { CommitNode, CommitsNode } from '../../src/tree/nodes';
import { localToday } from '../../src/workspace/localToday';
import { git as runGit } from '../support/gitRepo';
import { chinese, engine, fileText, keys, screenshot, uiText, until, waitForDom, workspaceFile } from './support';

const TARGET_ID = 'REQ-2026-140';
const DUPLICATE_ID = 'REQ-2026-141';

const TARGET = `---
id: ${TARGET_ID}
title: Export energy readings per plant
type: functional
status: analyzing
customer:
  name: Acme Plant
  tier: key
submitted: 2026-02-02
---
# Export energy readings per plant

## Description
Export each plant's readings of a month as one file.

## Customer background
Acme Plant runs 180 meters.

## Scenario
The energy manager sends the monthly file to finance.

## Expected goal
One click, under 10 seconds.
`;

const DUPLICATE = `---
id: ${DUPLICATE_ID}
title: Monthly energy data per plant in Excel
type: functional
status: new
customer:
  name: Borealis Foods
submitted: 2026-03-05
contacts:
  - date: 2026-03-06
    channel: email
    summary: Sent a sample file
---
# Monthly energy data per plant in Excel

## Description
Finance wants the month's energy data per plant in a spreadsheet.

## Scenario
Each month end the controller copies readings by hand.
`;

function git(...args: string[]): string {
  return gitAt(undefined, ...args);
}

/** git in the workspace, authored by Lin Wei, on `date` when given (commits of one test apart by a day, in order). */
function gitAt(date: string | undefined, ...args: string[]): string {
  return runGit(workspaceFile().fsPath, args, {
    env: { GIT_AUTHOR_NAME: 'Lin Wei', GIT_AUTHOR_EMAIL: 'lin@example.com' },
    ...(date ? { date } : {}),
  });
}

function subjectsUnder(api: EngineApi, id: string): string[] {
  const record = api.index.byId(id)[0];
  const node = record && api.tree.requirementNode(record.file);
  if (!node) return [];
  const folder = api.tree.childrenNow(node).find((n): n is CommitsNode => n.kind === 'commits');
  return folder ? (api.tree.childrenNow(folder) as CommitNode[]).map((c) => c.commit.subject) : [];
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([().[\]:-])/g, '$1');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

describe('merge requirements', function () {
  this.timeout(120_000);
  const target = workspaceFile('requirements', `${TARGET_ID}-energy-per-plant.md`);
  const duplicate = workspaceFile('requirements', `${DUPLICATE_ID}-energy-in-excel.md`);
  const paths = [`requirements/${TARGET_ID}-energy-per-plant.md`, `requirements/${DUPLICATE_ID}-energy-in-excel.md`];
  let head = '';

  before(async () => {
    const api = await engine();
    await until(() => api.commits.ready, 'commit links are read');
    head = git('rev-parse', 'HEAD').trim();
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(TARGET));
    await vscode.workspace.fs.writeFile(duplicate, new TextEncoder().encode(DUPLICATE));
    git('add', '--', ...paths);
    git('commit', '-q', '--no-verify', '-m', 'docs: two requests for energy exports', '--', ...paths);
    gitAt(
      '2026-11-21T10:00:00+08:00',
      'commit',
      '-q',
      '--allow-empty',
      '--no-verify',
      '-m',
      `feat(export): one file per plant (${TARGET_ID})`,
    );
    gitAt(
      '2026-11-22T10:00:00+08:00',
      'commit',
      '-q',
      '--allow-empty',
      '--no-verify',
      '-m',
      `feat(export): Excel sheet per plant\n\nRefs: ${DUPLICATE_ID}`,
    );
    await vscode.commands.executeCommand('reqdesk.refreshCommits');
    await until(() => api.index.byId(DUPLICATE_ID).length === 1 && api.index.byId(TARGET_ID).length === 1, 'both requests are indexed');
    await api.settled();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [target, duplicate]) if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    // The history as it was: HEAD back, the two files out of the index (the work tree is left alone).
    if (head) {
      git('reset', '-q', '--soft', head);
      git('reset', '-q', '--', ...paths);
    }
    await vscode.commands.executeCommand('reqdesk.refreshCommits');
    const api = await engine();
    await until(() => api.index.byId(TARGET_ID).length === 0 && api.index.byId(DUPLICATE_ID).length === 0, 'the index forgot both');
    await api.settled();
  });

  it('from the tree: the most similar request first in the pick, then the modal question; nothing written before it is answered', async function () {
    const api = await engine();
    const node = api.tree.requirementNode(duplicate.toString());
    assert.ok(node, 'the duplicate is in the tree');
    // As the tree's context menu calls it: with the clicked node.
    const pending = vscode.commands.executeCommand<boolean>('reqdesk.mergeInto', node);
    const similar = new RegExp(uiText('{0}% similar', '\\d+'));
    const rows = await waitForDom('merge-pick', '.quick-input-widget .monaco-list-row', (found) => found.some((r) => similar.test(r.text)));
    if (rows === undefined) {
      // Another host (test-electron) cannot type: close the pick; nothing is merged.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await pending, false);
      this.skip();
    }
    const first = [...rows].sort((a, b) => a.box.y - b.box.y)[0]?.text ?? '';
    assert.ok(first.includes(`${TARGET_ID} Export energy readings per plant`) && similar.test(first), first);
    await screenshot('merge-pick.png');
    await keys('merge-pick-target', [`type:${TARGET_ID}`, 'wait:400', 'press:Enter']);
    // The workbench refuses modal dialogs to extension tests, naming the question it was asked:
    // what the question says in full is core's describeMerge (test/unit/merge.test.ts).
    await assert.rejects(Promise.resolve(pending), (error: Error) =>
      error.message.includes(uiText('Merge {0} into {1}?', DUPLICATE_ID, TARGET_ID)),
    );
    assert.equal(await fileText(target), TARGET);
    assert.equal(await fileText(duplicate), DUPLICATE);
  });

  it('folds the duplicate into the target in one edit: commits of both IDs under the target, the file gone, the old ID leading there; one undo restores both', async () => {
    const api = await engine();
    assert.deepEqual(subjectsUnder(api, TARGET_ID), [`feat(export): one file per plant (${TARGET_ID})`]);
    assert.deepEqual(subjectsUnder(api, DUPLICATE_ID), ['feat(export): Excel sheet per plant']);

    // What the command must write: core's plan on the same texts, in the UI language.
    const plan = planMerge(TARGET, DUPLICATE, { grammar: api.index.grammar, lang: chinese() ? 'zh-cn' : 'en' });
    assert.ok(plan.ok);
    const merged = applyTextEdits(TARGET, plan.edits);

    // The target open in an editor, as a user would have it: the undo below is made there.
    await vscode.window.showTextDocument(target, { preview: false });
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.mergeRequirements', { duplicate: DUPLICATE_ID, into: TARGET_ID, confirm: true }),
      true,
    );
    assert.equal(await fileText(target), merged, 'the target holds the plan, saved');
    assert.match(merged, new RegExp(`merged_ids:\\n  - ${DUPLICATE_ID}\\n`));
    assert.match(merged, new RegExp(`\\n## ${uiText('Merged from {0}', DUPLICATE_ID)}\\n\\n### Monthly energy data per plant in Excel\\n`));
    assert.equal(await exists(duplicate), false, 'the duplicate file is deleted');
    await until(() => api.index.get(duplicate.toString()) === undefined, 'the index forgot the duplicate');
    await api.settled();

    // The tree: the target's commits are those of both IDs, newest first.
    await until(() => subjectsUnder(api, TARGET_ID).length === 2, 'the target lists the commits of both IDs');
    assert.deepEqual(subjectsUnder(api, TARGET_ID), [
      'feat(export): Excel sheet per plant',
      `feat(export): one file per plant (${TARGET_ID})`,
    ]);
    assert.equal(api.commits.countOf(DUPLICATE_ID), 2, 'a commit count asked by the old ID is the target’s');

    // The old ID leads to the target: lookups, hover, link, the commit box, no problem for a link to it.
    assert.equal(api.index.resolve(DUPLICATE_ID)?.record.file, target.toString());
    const note = await vscode.workspace.openTextDocument({ language: 'markdown', content: `See ${DUPLICATE_ID}.` });
    const hover = await hoverText(note.uri, new vscode.Position(0, 6));
    assert.ok(hover.includes(uiText('{0} was merged into {1}.', DUPLICATE_ID, TARGET_ID)), hover);
    assert.ok(hover.includes('Export energy readings per plant'), hover);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', note.uri);
    assert.deepEqual(
      links.map((l) => l.target?.toString()),
      [target.toString()],
    );
    const definitions = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeDefinitionProvider',
      note.uri,
      new vscode.Position(0, 6),
    );
    assert.deepEqual(
      definitions.map((d) => d.uri.toString()),
      [target.toString()],
    );
    const box = await vscode.workspace.openTextDocument({
      language: 'scminput',
      content: `fix: sheet names (${DUPLICATE_ID}) REQ-2025-999`,
    });
    await until(() => vscode.languages.getDiagnostics(box.uri).length > 0, 'the commit box is checked');
    assert.deepEqual(
      vscode.languages.getDiagnostics(box.uri).map((d) => box.getText(d.range)),
      ['REQ-2025-999'],
    );

    // One undo, in the target's editor, restores both files.
    const editor = await vscode.window.showTextDocument(target, { preview: false });
    await vscode.commands.executeCommand('undo');
    await until(() => editor.document.getText() === TARGET, 'the target text is back');
    await editor.document.save();
    assert.equal(await fileText(target), TARGET);
    assert.equal(await fileText(duplicate), DUPLICATE, 'the duplicate file is back, every byte');
    await until(() => api.index.byId(DUPLICATE_ID).length === 1, 'the duplicate is indexed again');
    await api.settled();
    await until(() => subjectsUnder(api, TARGET_ID).length === 1, 'the target has its own commits only again');
  });

  it('refuses a merge into itself, and a merge across a duplicate ID, writing nothing', async () => {
    const api = await engine();
    const copy = workspaceFile('requirements', `${TARGET_ID}-copy.md`);
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.mergeRequirements', { duplicate: TARGET_ID, into: TARGET_ID, confirm: true }),
      false,
    );
    try {
      await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(TARGET.replace('title: Export', 'title: Copy of export')));
      await until(() => api.index.byId(TARGET_ID).length === 2, 'the copy shares the ID');
      assert.equal(
        await vscode.commands.executeCommand('reqdesk.mergeRequirements', {
          duplicate: DUPLICATE_ID,
          into: target.toString(),
          confirm: true,
        }),
        false,
      );
      assert.equal(await fileText(target), TARGET);
      assert.equal(await fileText(duplicate), DUPLICATE);
    } finally {
      await vscode.workspace.fs.delete(copy);
      await until(() => api.index.byId(TARGET_ID).length === 1, 'the copy is gone');
    }
  });

  it('refuses a duplicate whose unsaved changes are invalid, writing nothing', async () => {
    const editor = await vscode.window.showTextDocument(duplicate, { preview: false });
    try {
      // A YAML error typed into the duplicate's editor, not saved.
      assert.ok(await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'type: [broken\n')));
      assert.ok(editor.document.isDirty);
      // Named by its file: while its text is broken, the index may not know its ID.
      assert.equal(
        await vscode.commands.executeCommand('reqdesk.mergeRequirements', {
          duplicate: duplicate.toString(),
          into: TARGET_ID,
          confirm: true,
        }),
        false,
      );
      assert.equal(await fileText(target), TARGET);
      assert.equal(await fileText(duplicate), DUPLICATE);
      // The reason, as the notification says it (where the runner can read the workbench).
      const reason = uiText(
        '{0} has unsaved changes that are not valid ({1}): save valid changes or revert them first.',
        `requirements/${DUPLICATE_ID}-energy-in-excel.md`,
      ).split('{1}')[0]!;
      const toasts = await waitForDom('merge-unsaved', '.notification-toast', (found) => found.some((t) => t.text.includes(reason)));
      if (toasts)
        assert.ok(
          toasts.some((t) => t.text.includes(reason)),
          toasts.map((t) => t.text).join(' | '),
        );
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    assert.equal(editor.document.getText(), DUPLICATE);
  });
});

describe('new requirement: similar requests', function () {
  this.timeout(120_000);

  it('a typed title like an existing request offers it first; "Add as requester" appends the customer there instead of a new file', async function () {
    const api = await engine();
    const record = api.index.byId('REQ-2024-003')[0];
    assert.ok(record, 'REQ-2024-003 is indexed');
    const uri = vscode.Uri.parse(record.file);
    const before = await fileText(uri);
    const files = api.index.size;
    const pending = vscode.commands.executeCommand<vscode.Uri | undefined>('reqdesk.newRequirement');
    try {
      const titleBox = await waitForDom('similar-title', '.quick-input-widget', (found) => found.some((e) => /1\/5/.test(e.text)));
      if (titleBox === undefined) {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        assert.equal(await pending, undefined);
        this.skip();
      }
      await keys('similar-type-title', ['type:Export energy readings as a CSV file', 'press:Enter']);
      const offer = uiText('Add as requester to {0}', 'REQ-2024-003');
      const rows = await waitForDom('similar-offer', '.quick-input-widget .monaco-list-row', (found) =>
        found.some((r) => r.text.includes(offer)),
      );
      const ordered = [...(rows ?? [])].sort((a, b) => a.box.y - b.box.y).map((r) => r.text);
      assert.ok(ordered[0]?.includes(offer) && ordered[0].includes('Export energy readings as CSV'), ordered.join(' | '));
      assert.ok(ordered.at(-1)?.includes(uiText('Create anyway')), ordered.join(' | '));
      await screenshot('similar-requests.png');
      await keys('similar-choose', [
        'press:Enter',
        'wait:500',
        'type:Nordlicht GmbH',
        'wait:400',
        'press:Enter',
        'wait:500',
        'press:Enter',
      ]);
      const result = await pending;
      assert.equal(result?.toString(), uri.toString(), 'the command answers with the requirement the customer was added to');
      const after = await fileText(uri);
      const added = after.slice(before.indexOf('\n---\n'), after.indexOf('\n---\n') + 1);
      assert.match(
        added,
        new RegExp(
          `\\nrequesters:\\n  - name: Nordlicht GmbH\\n    date: ${localToday()}\\n    note: Export energy readings as a CSV file\\n$`,
        ),
        added,
      );
      assert.equal(after.replace(added, '\n'), before, 'nothing else changed');
      await api.settled();
      assert.equal(api.index.size, files, 'no file was created');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
      await api.settled();
    }
  });
});
