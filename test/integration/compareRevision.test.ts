// Compare Requirement with Revision in the real extension host, on the runner's workspace (the
// examples as a git repository): a record with two commits, compared with the older one and with a
// tag made here, opens VS Code's diff editor whose left side is the committed text, read-only, and
// whose right side is the file on disk. The tag is deleted and the file restored afterwards.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { REVISION_SCHEME } from '../../src/scm/compareWithRevision';
import { git as runGit } from '../support/gitRepo';
import { engine, fileText, keys, screenshot, until, waitForDom, workspaceFile } from './support';

const ID = '需求-2026-002';
const PATH = 'requirements/需求-2026-002-门店补货预警.md';
const TAG = 'compare-baseline';

function git(...args: string[]): string {
  return runGit(workspaceFile().fsPath, args);
}

/** The diff editor in front: its two sides. */
function activeDiff(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

describe('compare requirement with revision', function () {
  this.timeout(120_000);
  const file = workspaceFile(...PATH.split('/'));
  /** The commits that touched the file, newest first. */
  let commits: Array<{ hash: string; subject: string }> = [];
  let original = '';

  before(async () => {
    const api = await engine();
    await until(() => api.index.byId(ID).length === 1, `${ID} is indexed`);
    commits = git('log', '--format=%H%x00%s', '--follow', '--', PATH)
      .trim()
      .split('\n')
      .map((line) => {
        const [hash = '', subject = ''] = line.split('\0');
        return { hash, subject };
      });
    assert.ok(commits.length >= 2, `${PATH} has ${commits.length} commits`);
    original = await fileText(file);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (original !== '' && (await fileText(file)) !== original)
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(original));
    if (git('tag', '--list', TAG).trim() === TAG) git('tag', '-d', TAG);
  });

  it('with a revision given: the diff editor shows the file at that commit (left, read-only) against the file on disk', async () => {
    const older = commits[commits.length - 1]!;
    const committed = git('show', `${older.hash}:${PATH}`);
    assert.notEqual(committed, original, 'the file changed since its first commit');

    const left = await vscode.commands.executeCommand<vscode.Uri | undefined>('reqdesk.compareWithRevision', {
      file: file.toString(),
      revision: older.hash,
    });
    assert.ok(left, 'a diff was opened');
    await until(() => activeDiff() !== undefined, 'a diff editor is active');
    const diff = activeDiff()!;
    assert.equal(diff.original.scheme, REVISION_SCHEME);
    assert.equal(diff.modified.toString(), file.toString());
    // The tab names the revision as the pick does: a hash short.
    assert.ok(vscode.window.tabGroups.activeTabGroup.activeTab?.label.includes(`(${older.hash.slice(0, 7)}) ↔`));
    const leftDoc = await vscode.workspace.openTextDocument(diff.original);
    assert.equal(leftDoc.getText(), committed, 'the left side is the committed text');
    assert.equal(leftDoc.languageId, 'markdown');
    const right = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === file.toString());
    assert.equal(right?.document.getText(), original, 'the right side is the working file');
    await screenshot('compare-revision.png');
  });

  it('an unknown revision says so and opens nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const left = await vscode.commands.executeCommand('reqdesk.compareWithRevision', { file: file.toString(), revision: 'no-such-tag' });
    assert.equal(left, undefined);
    assert.equal(activeDiff(), undefined);
  });

  it('from the tree: the pick lists the tags and the commits that touched the file, newest first; a tag opens its version', async function () {
    const api = await engine();
    const older = commits[commits.length - 1]!;
    git('tag', TAG, older.hash);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const record = api.index.byId(ID)[0]!;
    const node = api.tree.requirementNode(record.file);
    assert.ok(node, 'the record is in the tree');
    // As the tree's context menu calls it: with the clicked node.
    const pending = vscode.commands.executeCommand<vscode.Uri | undefined>('reqdesk.compareWithRevision', node);
    const rows = await waitForDom('compare-pick', '.quick-input-widget .monaco-list-row', (found) =>
      found.some((r) => r.text.includes(TAG)),
    );
    if (rows === undefined) {
      // Another host (test-electron) cannot type: close the pick; nothing is opened.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await pending, undefined);
      this.skip();
    }
    const texts = [...rows].sort((a, b) => a.box.y - b.box.y).map((r) => r.text);
    // Newest first: the latest commit, then the tag on the first commit, then that commit.
    assert.ok(texts[0]!.includes(commits[0]!.subject), texts.join(' | '));
    const tagRow = texts.findIndex((t) => t.includes(TAG));
    const firstCommitRow = texts.findIndex((t) => t.includes(older.subject) && !t.includes(TAG));
    assert.ok(tagRow > 0 && firstCommitRow > tagRow, texts.join(' | '));
    assert.ok(texts[tagRow]!.includes(older.hash.slice(0, 7)), texts[tagRow]);
    await screenshot('compare-revision-pick.png');
    await keys('compare-pick-tag', [`type:${TAG}`, 'wait:400', 'press:Enter']);
    const left = await pending;
    assert.ok(left, 'a diff was opened');
    await until(() => activeDiff() !== undefined, 'a diff editor is active');
    const diff = activeDiff()!;
    assert.equal(new URLSearchParams(diff.original.query).get('label'), TAG);
    assert.equal((await vscode.workspace.openTextDocument(diff.original)).getText(), git('show', `${TAG}:${PATH}`));
    assert.equal(diff.modified.toString(), file.toString());
  });
});
