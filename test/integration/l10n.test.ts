// The extension in the UI language of the window: run once in English (the integration tier) and
// once with the workbench in Simplified Chinese (the zh-cn tier, `--locale=zh-cn`). The expected
// strings are written out here on purpose, in both languages: this suite checks that the right
// translation reaches each surface, not only that some lookup agrees with itself.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { UNTRIAGED } from '../../src/core/tree';
import type { GroupNode } from '../../src/tree/nodes';
import {
  EXTENSION_ID,
  chinese,
  engine,
  mouse,
  newRequirement,
  problemsPanelShowing,
  queryWebviews,
  screenshot,
  showBrokenScores,
  skipWithoutDom,
  uiText,
  until,
  waitForDom,
  withNewRequirement,
  workspaceFile,
} from './support';

/** English or Chinese, whichever the window runs in. */
const pick = (en: string, zh: string): string => (chinese() ? zh : en);

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('localisation', function () {
  this.timeout(60_000);

  it('runs in the language the window was opened with', () => {
    // The runner opens the window in zh-cn for the zh-cn tier; anything else is English here.
    const expected = process.env.REQDESK_TEST_LOCALE ?? 'en';
    assert.equal(vscode.env.language.toLowerCase(), expected);
  });

  it('shows command titles and the view name from the manifest in the UI language', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    // VS Code substitutes the %key% strings and keeps the English one as `original`.
    const commands = ext.packageJSON.contributes.commands as Array<{
      command: string;
      title: string | { value: string; original: string };
    }>;
    const title = (id: string) => {
      const found = commands.find((c) => c.command === id)?.title;
      return typeof found === 'string' ? found : found?.value;
    };
    assert.equal(title('reqdesk.newRequirement'), pick('New Requirement…', '新建需求…'));
    assert.equal(title('reqdesk.showMatrix'), pick('Show Importance × Urgency Matrix', '显示重要性 × 紧急性矩阵'));
    const views = Object.values(ext.packageJSON.contributes.views as Record<string, Array<{ id: string; name: string }>>).flat();
    assert.equal(views.find((v) => v.id === 'reqdesk.requirements')?.name, pick('Requirements', '需求'));
    assert.equal(
      ext.packageJSON.description,
      pick(
        'Customer requirements next to your code: validated front-matter records, priorities and commit links.',
        '与代码放在一起的客户需求管理：校验 front-matter 记录、优先级与提交关联。',
      ),
    );
  });

  it('labels the tree in the UI language: priority and untriaged groups with tooltips, a status group', async () => {
    const api = await engine();
    // A requirement with neither a priority nor scores lands in the untriaged group.
    const fresh = workspaceFile('requirements', 'REQ-2026-124-untriaged.md');
    await withNewRequirement(api, fresh, '---\nid: REQ-2026-124\ntitle: Not triaged yet\ntype: service\nstatus: new\n---\n', async () => {
      try {
        const groups = api.tree.childrenNow() as GroupNode[];
        const p1 = groups.find((g) => g.group.key === 'P1');
        assert.ok(p1, 'the examples have P1 requirements');
        assert.equal(api.tree.getTreeItem(p1).tooltip, pick('P1: urgent and important: do now', 'P1: 紧急且重要：立即处理'));
        const untriaged = groups.find((g) => g.group.key === UNTRIAGED);
        assert.ok(untriaged, 'the untriaged group is shown');
        const item = api.tree.getTreeItem(untriaged);
        assert.equal(label(item), pick('Untriaged', '待评估'));
        assert.equal(item.tooltip, pick('Neither a priority nor scores yet', '尚未设置优先级，也未评分'));
        api.tree.configure('status', {});
        const byStatus = api.tree.childrenNow() as GroupNode[];
        const analyzing = byStatus.find((g) => g.group.key === 'analyzing');
        assert.ok(analyzing, 'a requirement is being analysed');
        assert.equal(label(api.tree.getTreeItem(analyzing)), pick('analyzing', '分析中 analyzing'));
      } finally {
        api.tree.configure('priority', {});
      }
    });
  });

  it('puts the core message of a problem in the Problems panel in the UI language', async () => {
    await engine();
    const uri = workspaceFile('requirements', 'REQ-2026-090-broken-scores.md');
    const nearMiss = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'key-near-miss');
    assert.ok(nearMiss, 'the misspelt key has a diagnostic');
    assert.equal(nearMiss.message, pick('Unknown key "urgancy": did you mean "urgency"?', '未知字段 "urgancy"：是否应为 "urgency"？'));
  });

  it('writes the headings of a new requirement in the UI language only', async () => {
    const api = await engine();
    const uri = await newRequirement({ title: 'Localised template', type: 'functional', prefix: 'REQ' });
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const headings = text.split('\n').filter((l) => l.startsWith('## '));
      assert.deepEqual(
        headings,
        chinese()
          ? ['## 需求描述', '## 客户背景', '## 需求场景', '## 期望目标']
          : ['## Description', '## Customer background', '## Scenario', '## Expected goal'],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
      await until(() => api.index.get(uri.toString()) === undefined, 'the index forgot the new file');
    }
  });

  it('shows the matrix webview in the UI language: its tab and its DOM', async function () {
    await engine();
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    try {
      await until(
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview,
        'the matrix tab is open',
      );
      assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, pick('Importance × Urgency Matrix', '重要性 × 紧急性矩阵'));
      // The DOM is readable under the code-server runner only (pending under test-electron).
      skipWithoutDom(this);
      const headings = (await waitForDom('l10n-matrix', '.unscored h2', (found) => found.length > 0))!;
      assert.equal(headings.length, 1, 'the matrix rendered its unscored column');
      assert.match(headings[0]!.text, new RegExp(`^${pick('Unscored', '未评分')} \\(\\d+\\)$`));
      const axis = await queryWebviews('l10n-matrix-axis', '.axis-y');
      assert.deepEqual(
        axis!.map((a) => a.text),
        [pick('Importance', '重要性')],
      );
      // The filter's choices name the values in the UI language.
      const options = await queryWebviews('l10n-matrix-options', 'vscode-option');
      const texts = options!.map((o) => o.text.trim());
      assert.ok(texts.includes(pick('in-progress', '进行中 in-progress')), texts.join(' | '));
      assert.ok(texts.includes(pick('All statuses', '全部状态')), texts.join(' | '));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('shows the tree and the Problems panel in the UI language (what they show, and a screenshot)', async function () {
    const api = await engine();
    const { uri } = await showBrokenScores();
    const node = api.tree.requirementNode(uri.toString());
    assert.ok(node, 'the requirement is in the tree');
    await api.tree.reveal(node, { select: true, focus: false, expand: true });
    try {
      skipWithoutDom(this);
      // The tree's rows and the Problems panel's rows as the workbench draws them: the record with
      // its status in the UI language, the problem's message in the UI language.
      const row = (await waitForDom('l10n-tree', '.pane-body .monaco-list-row', (found) =>
        found.some((r) => r.text.includes('REQ-2026-090')),
      ))!;
      const record = row.find((r) => r.text.includes('REQ-2026-090'));
      assert.ok(record, row.map((r) => r.text).join(' | '));
      assert.match(record.text, /仓库手持终端扫码收货/);
      // Its status in the UI language and its owner: in the row's tooltip, as the pointer shows it.
      await mouse('l10n-tree-point', { action: 'hover', selector: '.pane-body .monaco-list-row[aria-label*="REQ-2026-090"]' });
      const status = `${uiText('Status')}: ${pick('analyzing', '分析中 analyzing')}`;
      // As it reads: the tooltip's Markdown keeps a value and its alias together with no-break spaces.
      const read = (h: { text: string }) => h.text.replace(/\u00a0/g, ' ');
      const tips = (await waitForDom('l10n-tree-tooltip', '.workbench-hover, .monaco-hover', (found) =>
        found.some((h) => read(h).includes(status)),
      ))!;
      assert.ok(
        tips.some((h) => read(h).includes(status) && read(h).includes(`${uiText('Owner')}: 李四`)),
        tips.map(read).join(' | '),
      );
      await mouse('l10n-tree-away', { action: 'hover', selector: '.monaco-editor .view-lines' });
      const nearMiss = pick('Unknown key "urgancy": did you mean "urgency"?', '未知字段 "urgancy"：是否应为 "urgency"？');
      await problemsPanelShowing('l10n-problems', nearMiss);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await screenshot(chinese() ? 'workbench-zh.png' : 'workbench-en.png');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    }
  });
});
