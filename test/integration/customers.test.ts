// Customer Update… and Show Promise Ledger… in the real workbench, on the examples with their git
// history: the update opened as an untitled Markdown document with its sections, the deliveries and
// task dates git gives and the commits naming the IDs; from a customer group of the tree with the
// prompts answered by keys; and screenshots of the update with its preview, in English and Chinese.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroupNode } from '../../src/tree/nodes';
import { engine, keys, screenshot, skipWithoutDom, uiText, until, waitForDom } from './support';

const SECTIONS_EN = [
  '# Update for Kestrel Foods',
  '## Delivered since 2026-10-01',
  '## In progress',
  '## What changed and why',
  '## What we need from you',
  '## Our promises',
];
const SECTIONS_ZH = [
  '# Kestrel Foods 需求进展通报',
  '## 2026-10-01 以来已交付',
  '## 进行中',
  '## 变更及原因',
  '## 需要您配合的事项',
  '## 我们的承诺',
];

async function update(lang: string): Promise<vscode.TextDocument> {
  const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('reqdesk.customerUpdate', {
    customer: 'Kestrel Foods',
    lang,
    since: '2026-10-01',
  });
  assert.ok(doc, 'the command returns the document it opened');
  return doc;
}

/** Closes every editor; the untitled updates without asking to save them (they are reverted first). */
async function closeEditors(): Promise<void> {
  for (const group of vscode.window.tabGroups.all)
    for (const tab of group.tabs) {
      if (!(tab.input instanceof vscode.TabInputText) || tab.input.uri.scheme !== 'untitled') continue;
      await vscode.window.showTextDocument(tab.input.uri, { viewColumn: group.viewColumn });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function headings(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('#'));
}

describe('customers', function () {
  this.timeout(120_000);

  before(async () => {
    const api = await engine();
    await until(() => api.commits.current.kind === 'ready', 'commits are linked');
  });

  after(async () => {
    await vscode.commands.executeCommand('reqdesk.groupBy', { grouping: 'priority' });
    await closeEditors();
  });

  it('Customer Update… opens the update of an example customer with its sections, git dates and commits', async () => {
    const doc = await update('en');
    assert.equal(doc.languageId, 'markdown');
    assert.ok(doc.isUntitled, 'a new document, nothing written to the workspace');
    assert.equal(vscode.window.activeTextEditor?.document, doc);
    const text = doc.getText();
    assert.deepEqual(headings(text), SECTIONS_EN);
    // REQ-2026-003 was moved to delivered by the 2026-10-23 commit, which names it.
    assert.match(text, /\n- \*\*REQ-2026-003\*\* Energy dashboard loads in under 2 seconds for 180 devices — Delivered on 2026-10-23\n/);
    assert.match(text, /\n {2}- `[0-9a-f]{7}` perf\(dashboard\): 1-minute rollups for the 24 h chart\n/);
    // Its promised task T2 was scheduled to end on 2026-10-19 and was done on 2026-10-23.
    assert.match(text, /\n\| 2026-10-19 \| REQ-2026-003 \| Task T2 Pre-aggregate 1-minute rollups ends \| Late \| 2026-10-23 \|\n/);
    assert.match(text, /\n- Your feedback on \*\*REQ-2026-003\*\* .*, due 2026-11-30: we have not heard from you yet\.\n/);

    const zh = (await update('zh-cn')).getText();
    assert.deepEqual(headings(zh), SECTIONS_ZH);
    assert.match(zh, /\n\| 2026-10-19 \| REQ-2026-003 \| 任务 T2 Pre-aggregate 1-minute rollups 完成 \| 延迟兑现 \| 2026-10-23 \|\n/);
  });

  it('Show Promise Ledger… opens the ledger of a customer in the UI language; an unknown customer opens nothing', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('reqdesk.showPromiseLedger', {
      customer: '捷运物流',
    });
    assert.ok(doc);
    const text = doc.getText();
    assert.ok(text.startsWith(`# ${uiText('Promises to {0}', '捷运物流')}\n`), text.slice(0, 80));
    // 需求-2025-001's delivery, planned for 2025-03-03, is in the ledger with the other promises made to them.
    assert.ok(text.includes(`\n| 2025-03-03 | 需求-2025-001 | ${uiText('Delivery')} | `), text);
    const before = vscode.workspace.textDocuments.length;
    assert.equal(await vscode.commands.executeCommand('reqdesk.showPromiseLedger', { customer: 'Zebra Holdings Limited' }), undefined);
    assert.equal(vscode.workspace.textDocuments.length, before);
  });

  it('from a customer group of the tree: the group names the customer, the prompts take their defaults', async function () {
    const api = await engine();
    await vscode.commands.executeCommand('reqdesk.groupBy', { grouping: 'customer' });
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    const group = api.tree.childrenNow().find((n): n is GroupNode => n.kind === 'group' && n.group.key === 'Kestrel Foods');
    assert.ok(group, 'Kestrel Foods has a group');
    assert.equal(api.tree.getTreeItem(group).contextValue, 'reqdesk.customerGroup');
    const none = api.tree.childrenNow().find((n): n is GroupNode => n.kind === 'group' && n.group.key === '');
    if (none) assert.equal(api.tree.getTreeItem(none).contextValue, 'reqdesk.group');
    skipWithoutDom(this);
    await closeEditors();
    const opened = vscode.commands.executeCommand<vscode.TextDocument | undefined>('reqdesk.customerUpdate', group);
    // The language (Kestrel Foods writes English: first), then the period (the last contact: first).
    const picks = async (name: string, first: string) => {
      const rows = await waitForDom(name, '.quick-input-list .monaco-list-row', (found) => found[0]?.text.includes(first) === true);
      assert.ok(rows?.[0]?.text.includes(first), rows?.map((r) => r.text).join(' | '));
      await keys(`${name}-enter`, ['press:Enter']);
    };
    await picks('customer-update-language', uiText('English'));
    await picks('customer-update-since', uiText('Since the last contact'));
    const doc = await opened;
    assert.ok(doc);
    const text = doc.getText();
    assert.match(
      text,
      /^# Update for Kestrel Foods\n\nWhere your requirements stand on \d{4}-\d{2}-\d{2}, since our last contact on 2026-11-23\.\n/,
    );
  });

  it('looks right: the update and its preview, in English and in Chinese (screenshots)', async function () {
    skipWithoutDom(this);
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeEditors();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    try {
      for (const [lang, title, file] of [
        ['en', 'Update for Kestrel Foods', 'customer-update-en.png'],
        ['zh-cn', 'Kestrel Foods 需求进展通报', 'customer-update-zh.png'],
      ] as const) {
        await update(lang);
        await vscode.commands.executeCommand('markdown.showPreviewToSide');
        const h1 = await waitForDom(`customer-update-${lang}`, 'h1', (found) => found.some((h) => h.text.includes(title)));
        assert.ok(
          h1!.some((h) => h.text.includes(title)),
          h1!.map((h) => h.text).join(' | '),
        );
        // The ledger is drawn as a table: one row per promise of the period.
        const rows = await waitForDom(`customer-update-rows-${lang}`, 'table tbody tr', (found) => found.length >= 7);
        assert.ok(rows!.length >= 7, String(rows!.length));
        await screenshot(file);
        await closeEditors();
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    }
  });
});
