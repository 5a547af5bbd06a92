// The priority review and the ranked order in the real extension host: Record Priority Review
// appends one `reviews` entry (checked byte for byte, nothing else changed, one undo restores the
// file), a changed review adjusts MoSCoW in the same edit and the tree re-sorts the record within
// its priority and type group, and the input is answered through the quick input as a person
// would. Every file is restored.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EngineApi } from '../../src/engine';
import { rankReason } from '../../src/core/ranking';
import type { RequirementSummary } from '../../src/core/tree';
import type { RequirementNode } from '../../src/tree/nodes';
import { localToday } from '../../src/workspace/localToday';
import { chinese, engine, fileText, keys, mouse, queryWebviews, screenshot, uiText, until, workspaceFile, hoveredItem } from './support';

const ETA = () => workspaceFile('requirements', 'REQ-2026-004-shipment-eta.md');
const PRIVATE = () => workspaceFile('requirements', '需求-2026-004-私有化部署.md');

/** The lines of `after` that are not in `before`, and a check that nothing else moved. */
function inserted(before: string, after: string): string[] {
  const a = before.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  assert.equal(i, a.length, 'every old line is still there, in order');
  return added;
}

async function restore(api: EngineApi, uri: vscode.Uri, original: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
  await until(
    () => vscode.workspace.textDocuments.every((d) => d.uri.toString() !== uri.toString() || d.getText() === original),
    'the editor shows the restored file',
  );
  await api.settled();
}

/** The requirements of the tree group that holds `uri`, in the order shown. */
function groupOf(api: EngineApi, uri: vscode.Uri): RequirementSummary[] {
  const node = api.tree.requirementNode(uri.toString());
  assert.ok(node?.parent, `${uri.path} is in a group`);
  return node.parent.group.requirements;
}

const MOSCOW_PLACE: Record<string, number> = { must: 0, should: 1, could: 2, wont: 3 };

/** The quick input's text once it shows `expected` (undefined under a host without the DOM runner). */
async function quickInputText(name: string, expected: RegExp): Promise<string | undefined> {
  let text = '';
  for (let attempt = 0; attempt < 24; attempt++) {
    const found = await queryWebviews(`${name}-${attempt}`, '.quick-input-widget');
    if (!found) return undefined;
    text = found.map((e) => e.text).join(' ');
    if (expected.test(text)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return text;
}

describe('priority review and the ranked order', function () {
  this.timeout(90_000);
  const originals = new Map<string, string>();

  before(async () => {
    for (const uri of [ETA(), PRIVATE()]) originals.set(uri.toString(), await fileText(uri));
  });

  afterEach(async () => {
    const api = await engine();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (const [file, text] of originals) await restore(api, vscode.Uri.parse(file), text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('Record Priority Review appends a reviews entry and changes nothing else; one undo restores the file', async () => {
    const api = await engine();
    const uri = ETA();
    const original = originals.get(uri.toString())!;
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.recordPriorityReview', {
        file: uri.toString(),
        date: '2026-11-20',
        by: 'Product manager, Tech lead',
        result: 'confirmed',
        note: 'Keep it at P2 until the pilot',
      }),
      true,
    );
    const after = await fileText(uri);
    assert.deepEqual(inserted(original, after), [
      'reviews:',
      '  - date: 2026-11-20',
      '    by: [Product manager, Tech lead]',
      '    result: confirmed',
      '    note: Keep it at P2 until the pilot',
    ]);
    assert.match(after, /note: Keep it at P2 until the pilot\n---\n/, 'at the end of the front-matter');
    await api.settled();
    await until(() => (api.index.get(uri.toString())?.data.reviews?.length ?? 0) === 1, 'the index reads the entry');
    assert.deepEqual(api.index.get(uri.toString())!.data.reviews![0], {
      date: '2026-11-20',
      by: ['Product manager', 'Tech lead'],
      result: 'confirmed',
      note: 'Keep it at P2 until the pilot',
    });

    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo restores every byte');
    if (!(await editor.document.save())) await vscode.commands.executeCommand('workbench.action.files.revert');

    // Answers that cannot be recorded change nothing.
    const now = await fileText(uri);
    for (const bad of [
      { result: 'confirmed', moscow: 'must' },
      { result: 'changed', priority: 'P1' }, // overrules the scores without a note
      { result: 'maybe' },
      { result: 'confirmed', by: [] as string[] },
    ]) {
      assert.equal(
        await vscode.commands.executeCommand('reqdesk.recordPriorityReview', {
          file: uri.toString(),
          date: '2026-11-20',
          by: 'CTO',
          ...bad,
        }),
        false,
        JSON.stringify(bad),
      );
    }
    assert.equal(await fileText(uri), now, 'refused answers leave the file alone');
  });

  it('a changed review raises MoSCoW in the same edit, and the tree re-sorts the record within its group', async () => {
    const api = await engine();
    const uri = ETA();
    const original = originals.get(uri.toString())!;
    await api.settled();
    const before = groupOf(api, uri);
    const placeBefore = before.findIndex((s) => s.file === uri.toString());
    assert.equal(before[placeBefore]!.moscow, 'could');
    assert.ok(
      before.some((s, i) => i < placeBefore && s.moscow === 'should'),
      `a should stands before it: ${before.map((s) => `${s.id}:${s.moscow}`).join(' ')}`,
    );

    assert.equal(
      await vscode.commands.executeCommand('reqdesk.recordPriorityReview', {
        file: uri.toString(),
        date: '2026-11-21',
        by: ['Sales director'],
        result: 'changed',
        moscow: 'must',
        note: 'The renewal depends on it',
      }),
      true,
    );
    const after = await fileText(uri);
    assert.deepEqual(inserted(original.replace('\nmoscow: could\n', '\nmoscow: must\n'), after), [
      'reviews:',
      '  - date: 2026-11-21',
      '    by: [Sales director]',
      '    result: changed',
      '    note: The renewal depends on it',
    ]);
    assert.notEqual(original.replace('\nmoscow: could\n', '\nmoscow: must\n'), original, 'the MoSCoW line is there to change');

    await api.settled();
    await until(() => api.tree.requirementNode(uri.toString())?.summary.moscow === 'must', 'the tree reads the new MoSCoW');
    const group = groupOf(api, uri);
    const place = group.findIndex((s) => s.file === uri.toString());
    assert.ok(place < placeBefore, `it moved up: ${placeBefore} → ${place}`);
    // Within the group, MoSCoW never goes back up: must, should, could, wont, then none.
    const places = group.map((s) => MOSCOW_PLACE[s.moscow ?? ''] ?? 4);
    assert.deepEqual(
      places,
      [...places].sort((a, b) => a - b),
      group.map((s) => `${s.id}:${s.moscow}`).join(' '),
    );
    assert.ok(
      group.slice(0, place).every((s) => s.moscow === 'must'),
      'only musts before it',
    );

    // The tooltip says where it ranks and why.
    const node = api.tree.requirementNode(uri.toString()) as RequirementNode;
    // As it reads: the Markdown keeps spaces with &nbsp; and escapes punctuation.
    const tooltip = (hoveredItem(api, node).tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    const peers = group.filter((s) => s.priority === node.summary.priority);
    const reason = rankReason(node.summary, api.index.settings.ranking, chinese() ? 'zh-cn' : 'en');
    assert.match(reason, chinese() ? /^必须 · 投入产出比 0\.8/ : /^must · ROI 0\.8/);
    assert.ok(tooltip.includes(uiText('Rank')), tooltip);
    assert.ok(tooltip.includes(uiText('{0} of {1} · {2}', place + 1, peers.length, reason)), tooltip);

    if (!(await screenshot('review-tree.png'))) return;
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    await api.tree.reveal(node, { select: false, focus: true, expand: false });
    await new Promise((r) => setTimeout(r, 500));
    await mouse('review-tree-hover', { action: 'hover', selector: '.monaco-list-row[aria-label*="REQ-2026-004"]' });
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('review-tree-tooltip.png');
  });

  it('the quick input: the last review’s people to begin with, confirmed preselected, a changed MoSCoW picked from the list', async function () {
    const api = await engine();
    const uri = PRIVATE();
    const original = originals.get(uri.toString())!;
    await api.settled();
    const pending = vscode.commands.executeCommand<boolean>('reqdesk.recordPriorityReview', { file: uri.toString() });
    const first = await quickInputText('review-1', /1\/4/);
    if (first === undefined) {
      // Another host (test-electron) cannot type: close the input, nothing is written.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await pending, false);
      assert.equal(await fileText(uri), original);
      this.skip();
    }
    // 1/4 the date (today), 2/4 who took part (the last review's), 3/4 the result.
    await keys('review-date', ['press:Enter', 'wait:500']);
    const second = await quickInputText('review-2', /2\/4/);
    assert.match(second ?? '', /2\/4/, second);
    await keys('review-by', ['press:Enter', 'wait:500']);
    const third = await quickInputText('review-3', /3\/4.*confirmed.*changed/s);
    assert.match(third ?? '', /3\/4/, third);
    await screenshot('review-result.png');
    // changed, then MoSCoW → should, then Done.
    await keys('review-changed', [
      'press:ArrowDown',
      'wait:200',
      'press:Enter',
      'wait:600',
      'type:MoSCoW',
      'wait:300',
      'press:Enter',
      'wait:600',
    ]);
    await quickInputText('review-moscow', /should/);
    await keys('review-should', ['type:should', 'wait:300', 'press:Enter', 'wait:600']);
    const adjusted = await quickInputText('review-adjusted', /wont → should/);
    assert.match(adjusted ?? '', /wont → should/, adjusted);
    await screenshot('review-adjust.png');
    await keys('review-done', ['press:Enter', 'wait:600']);
    const fourth = await quickInputText('review-4', /4\/4/);
    assert.match(fourth ?? '', /4\/4/, fourth);
    await keys('review-note', ['type:Offer the hosted edition instead', 'wait:200', 'press:Enter']);
    assert.equal(await pending, true);

    const after = await fileText(uri);
    assert.deepEqual(inserted(original.replace('\nmoscow: wont\n', '\nmoscow: should\n'), after), [
      `  - date: ${localToday()}`,
      '    by: [产品经理, 技术负责人, 销售总监]',
      '    result: changed',
      '    note: Offer the hosted edition instead',
    ]);
    assert.notEqual(after, original);
  });
});
