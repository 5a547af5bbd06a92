// The Requirements view as a first-time user meets it: a title bar that keeps its name, a filter
// that says so above the tree, records that stay put while they are typed into, and the commands
// of a task node. Edits are checked byte for byte against the file before them.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EngineApi } from '../../src/engine';
import type { TaskNode, TreeNode } from '../../src/tree/nodes';
import {
  codeActionsUntil,
  domRunner,
  engine,
  fileText,
  manifestText,
  mouse,
  queryWebviews,
  screenshot,
  skipWithoutDom,
  uiText,
  undoOnceRestores,
  until,
  waitForDom,
  withNewRequirement,
  workspaceFile,
  type FoundElement,
  hoveredItem,
} from './support';

const TASKS_FILE = [
  '---',
  'id: REQ-2026-301',
  'title: Task menu',
  'type: functional',
  'status: planned',
  'priority: P2',
  'tasks:',
  '  - id: T1',
  '    title: First step',
  '    start: 2026-01-05',
  '    days: 2',
  '  - id: T2',
  '    title: Second step',
  '    depends: T1',
  '    days: 1',
  '    status: doing',
  '---',
  '# Task menu',
  '',
].join('\n');

function taskNode(api: EngineApi, file: vscode.Uri, id: string): TaskNode {
  const node = api.tree.requirementNode(file.toString());
  assert.ok(node, 'the requirement is in the tree');
  const task = api.tree.childrenNow(node).find((c): c is TaskNode => c.kind === 'task' && c.task.id === id);
  assert.ok(task, `task ${id} is under the requirement`);
  return task;
}

/** The workbench in a default theme, for the screenshots of each. */
async function inTheme(theme: string, body: () => Promise<void>): Promise<void> {
  const workbench = vscode.workspace.getConfiguration('workbench');
  const original = workbench.get<string>('colorTheme');
  await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  try {
    await until(() => vscode.workspace.getConfiguration('workbench').get('colorTheme') === theme, `${theme} applied`);
    await new Promise((r) => setTimeout(r, 400));
    await body();
  } finally {
    await workbench.update('colorTheme', original, vscode.ConfigurationTarget.Global);
  }
}

describe('sidebar', function () {
  this.timeout(90_000);

  afterEach(async () => {
    (await engine()).tree.configure('priority', {});
  });

  it('says an active filter above the tree, and its first row clears it: a click on that link shows the whole tree again', async function () {
    const api = await engine();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    // The title's width with the view's whole name, before a filter adds its action.
    const fullTitle = domRunner()
      ? (await waitForDom('sidebar-full-title', '.sidebar .composite.title .title-label h2', (found) => found.length > 0))![0]!.box.width
      : 0;
    await vscode.commands.executeCommand('reqdesk.filter', { filter: { status: 'planned' } });
    const total = api.tree.summaries().length;
    const shown = api.tree.summaries().filter((s) => s.status === 'planned').length;
    const filter = `${uiText('Status')}: planned`;
    const expected = uiText('Filtered by {0}: {1} of {2} requirements shown.', filter, shown, total);
    assert.equal(api.treeView.message, expected);
    // The tree's first row is a link that clears the filter (the message above cannot hold one).
    const roots = (await api.tree.getChildren()) as TreeNode[];
    assert.equal(roots[0]?.kind, 'filter', roots.map((n) => n.kind).join(', '));
    const link = api.tree.getTreeItem(roots[0]!);
    assert.equal(link.label, uiText('Clear Filter'));
    assert.equal(link.description, uiText('show all {0}', total));
    assert.equal(link.command?.command, 'reqdesk.clearFilter');
    assert.equal(String(link.tooltip), uiText('Filtered by {0}. Click to show all {1} requirements.', filter, total));
    assert.deepEqual(
      roots.slice(1).map((n) => n.kind),
      api.tree.groups().map(() => 'group'),
    );
    skipWithoutDom(this);
    // What the workbench draws: the message above the rows, and a Clear Filter action in the title.
    const message = (await waitForDom('sidebar-filter-message', '.tree-explorer-viewlet-tree-view .message', (found) =>
      found.some((m) => m.text.includes(expected)),
    ))!;
    assert.ok(
      message.some((m) => m.text.includes(expected)),
      message.map((m) => m.text).join(' | '),
    );
    // The rows are the filtered tree's: each planned record is shown, and the groups count them.
    const planned = api.tree
      .summaries()
      .filter((s) => s.status === 'planned')
      .map((s) => s.id!);
    const groupRows = api.tree.groups().map((g) => `${g.key}${g.count}`);
    const textsOf = (found: FoundElement[]) => found.map((r) => r.text.replace(/\s+/g, ''));
    const linkRow = `${uiText('Clear Filter')}${uiText('show all {0}', total)}`.replace(/\s+/g, '');
    const rows = (await waitForDom('sidebar-filtered-rows', '.tree-explorer-viewlet-tree-view .monaco-list-row', (found) => {
      const texts = textsOf(found);
      return texts[0] === linkRow && planned.every((id) => texts.some((t) => t.includes(id))) && groupRows.every((g) => texts.includes(g));
    }))!;
    const texts = textsOf(rows);
    assert.equal(texts[0], linkRow, `the first row is the link: ${texts.join(' | ')}`);
    for (const id of planned)
      assert.ok(
        texts.some((t) => t.includes(id)),
        `${id} in ${texts.join(' | ')}`,
      );
    for (const g of api.tree.groups()) assert.ok(texts.includes(`${g.key}${g.count}`), `${g.key} ${g.count} in ${texts.join(' | ')}`);
    const clear = manifestText('command.clearFilter');
    const actions = (await waitForDom('sidebar-title-actions', '.sidebar .title-actions .action-item', (found) =>
      found.some((a) => a.html.includes(clear)),
    ))!;
    assert.ok(
      actions.some((a) => a.html.includes(clear)),
      actions.map((a) => a.html.slice(0, 120)).join(' | '),
    );
    // Filtered, the title still has room for the view's whole name.
    const title = (await waitForDom('sidebar-filtered-title', '.sidebar .composite.title .title-label h2', (found) => found.length > 0))!;
    assert.ok(title[0]!.box.width >= fullTitle - 1, `the title is ${title[0]!.box.width}px wide, not ${fullTitle}: "${title[0]!.text}"`);
    for (const [theme, suffix] of [
      ['Default Light Modern', 'light'],
      ['Default Dark Modern', 'dark'],
    ] as const)
      await inTheme(theme, () => screenshot(`sidebar-filtered-${suffix}.png`).then(() => undefined));

    // A click on the link, with the real mouse: the filter is gone, and so are the message and the link.
    await mouse('sidebar-clear-link', { action: 'click', selector: '.tree-explorer-viewlet-tree-view .monaco-list-row[data-index="0"]' });
    await until(() => api.treeView.message === undefined, 'the click cleared the filter');
    assert.deepEqual(api.tree.currentFilter, {});
    const after = (await waitForDom('sidebar-filter-cleared', '.tree-explorer-viewlet-tree-view .monaco-list-row', (found) => {
      const texts = textsOf(found);
      return !texts.includes(linkRow) && api.tree.groups().every((g) => texts.includes(`${g.key}${g.count}`));
    }))!;
    const whole = textsOf(after);
    assert.ok(!whole.includes(linkRow), `no link once cleared: ${whole.join(' | ')}`);
    for (const g of api.tree.groups()) assert.ok(whole.includes(`${g.key}${g.count}`), `${g.key} ${g.count} in ${whole.join(' | ')}`);
    const messages = await queryWebviews('sidebar-filter-message-gone', '.tree-explorer-viewlet-tree-view .message');
    assert.ok(messages!.every((m) => !m.text.includes(expected)));
  });

  it('at the default width: the title keeps its name, and three actions at most are inline', async function () {
    await engine();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    skipWithoutDom(this);
    const title = (await waitForDom('sidebar-title', '.sidebar .composite.title .title-label h2', (found) => found.length > 0))!;
    assert.ok(title.length > 0, 'the side bar has a title');
    // Nine inline actions left the title some 20 pixels ("RE…"): now it has room for its name.
    assert.ok(title[0]!.box.width >= 80, `the title is ${title[0]!.box.width}px wide: "${title[0]!.text}"`);
    const inline = (await waitForDom(
      'sidebar-inline-actions',
      '.sidebar .composite.title .title-actions .action-item',
      (f) => f.length > 0,
    ))!;
    // New Requirement, Filter, and the overflow menu (Clear Filter joins them when filtered).
    assert.ok(inline.length <= 3, `${inline.length} title actions: ${inline.map((a) => a.html.slice(0, 80)).join(' | ')}`);
    for (const [theme, suffix] of [
      ['Default Light Modern', 'light'],
      ['Default Dark Modern', 'dark'],
    ] as const)
      await inTheme(theme, () => screenshot(`sidebar-${suffix}.png`).then(() => undefined));
    // Collapse All, from the overflow menu: only the priority groups are left.
    await vscode.commands.executeCommand('reqdesk.collapseAll');
    const groups = (await engine()).tree.groups().length;
    const rows = await waitForDom(
      'sidebar-collapsed',
      '.tree-explorer-viewlet-tree-view .monaco-list-row',
      (found) => found.length === groups,
    );
    assert.equal(rows!.length, groups, rows!.map((r) => r.text).join(' | '));
  });

  it('at the default width, a requirement row reads as its ID and title; status, owner and customer are in its tooltip', async function () {
    const api = await engine();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    // Every requirement node: its description holds only its marks, the tooltip the rest.
    const nodes = api.tree.summaries().map((s) => api.tree.requirementNode(s.file)!);
    for (const node of nodes) {
      const s = node.summary;
      const item = hoveredItem(api, node);
      const description = String(item.description ?? '');
      for (const detail of [s.owner, s.customer])
        if (detail) assert.ok(!description.includes(detail), `${s.id}: "${description}" holds ${detail}`);
      // Marks are set apart by two spaces; none is the status (`planned`, or `计划中 planned` in Chinese).
      const parts = description.split('  ');
      const isStatus = (p: string) => p === s.status || (p.endsWith(` ${s.status}`) && p.split(' ').length === 2 && /[^\x00-\x7f]/.test(p));
      assert.ok(!parts.some((p) => p.includes(' · ') || isStatus(p)), `${s.id}: "${description}" holds its status`);
      // The tooltip's Markdown, as it reads: escapes and non-breaking spaces undone.
      const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' ');
      for (const detail of [s.status, s.owner, s.customer])
        if (detail) assert.ok(tooltip.includes(detail), `${s.id}: the tooltip holds ${detail}: ${tooltip}`);
    }
    const quiet = nodes.filter((n) => String(api.tree.getTreeItem(n).description ?? '') === '');
    assert.ok(quiet.length > nodes.length / 2, `${quiet.length} of ${nodes.length} rows have nothing after the title`);
    skipWithoutDom(this);
    // What the workbench draws at its default side bar width (300 pixels; no suite widens it for good).
    const [sidebar] = (await waitForDom('sidebar-default-width', '.part.sidebar', (found) => found.length > 0))!;
    assert.ok(sidebar!.box.width <= 301, `the side bar is ${sidebar!.box.width} pixels wide`);
    const ids = new Set(nodes.map((n) => n.summary.id!));
    // Rows in view whatever earlier suites left expanded: the first requirements of the tree revealed.
    for (const node of nodes.slice(0, 6)) await api.treeView.reveal(node, { select: false, focus: false });
    const labels = (await waitForDom(
      'sidebar-row-labels',
      '.tree-explorer-viewlet-tree-view .monaco-list-row .monaco-icon-label-container',
      (found) => found.some((l) => [...ids].some((id) => l.text.startsWith(id))),
    ))!;
    const rows = labels
      .map((l) => ({ element: l, name: textOf(l.html, 'label-name'), description: textOf(l.html, 'label-description') }))
      .filter((r) => ids.has(r.name.split(' ')[0]!));
    assert.ok(rows.length >= 5, `${rows.length} requirement rows drawn`);
    for (const { element, name, description } of rows) {
      const id = name.split(' ')[0]!;
      // By the whole label: two examples share an ID (a deliberate duplicate).
      const node = nodes.find((n) => String(api.tree.getTreeItem(n).label) === name);
      assert.ok(node, `a node is labelled ${name}`);
      // After the title, only the marks: nothing of a status, owner or customer is cut off.
      assert.equal(description, String(api.tree.getTreeItem(node).description ?? ''), `${name}: "${description}"`);
      // The ID and the start of the title are in view: the label's visible width holds the ID and
      // some six more characters (its width shared out by characters, a Chinese one counting two).
      const needed = (element.fit.scrollWidth * (width(id) + 6)) / width(name + description);
      assert.ok(element.fit.clientWidth >= needed, `${name}: ${element.fit.clientWidth} pixels shown, ${Math.round(needed)} needed`);
    }
    for (const [theme, suffix] of [
      ['Default Light Modern', 'light'],
      ['Default Dark Modern', 'dark'],
    ] as const)
      await inTheme(theme, () => screenshot(`sidebar-rows-${suffix}.png`).then(() => undefined));
  });

  it('a group of more than a page shows 200 rows and a "Show more" row; the next page, and a revealed row past the page, are shown', async function () {
    const api = await engine();
    const folder = workspaceFile('requirements', 'paging');
    const count = 230;
    const files = Array.from({ length: count }, (_, i) => vscode.Uri.joinPath(folder, `REQ-2031-${String(i + 1).padStart(3, '0')}.md`));
    const before = api.index.size;
    try {
      // One folder copied in: the watcher reports each file, or the folder alone.
      for (const [i, uri] of files.entries())
        await vscode.workspace.fs.writeFile(
          uri,
          Buffer.from(
            `---\nid: REQ-2031-${String(i + 1).padStart(3, '0')}\ntitle: Paged row ${i + 1}\ntype: service\npriority: P3\n---\n# Paged row ${i + 1}\n`,
          ),
        );
      await until(() => api.index.size === before + count, `the ${count} new records are indexed`, 60_000);
      await api.settled();
      await until(() => api.tree.requirementNode(files[0]!.toString()) !== undefined, 'the tree shows the new records');
      const group = api.tree.requirementNode(files[0]!.toString())!.parent!;
      const total = group.group.requirements.length;
      assert.ok(total >= count, `the group holds ${total} requirements`);
      const rowsOf = (children: TreeNode[]) => children.filter((c) => c.kind === 'requirement');
      let children = api.tree.childrenNow(group);
      assert.equal(rowsOf(children).length, 200);
      const more = children.at(-1)!;
      assert.ok(more.kind === 'more', `the last row is "Show more", not ${more.kind}`);
      const item = api.tree.getTreeItem(more);
      assert.equal(item.label, uiText('Show {0} more', Math.min(200, total - 200)));
      assert.equal(item.description, uiText('{0} of {1} shown', 200, total));
      assert.equal(item.command?.command, 'reqdesk.showMoreRows');
      // The rows shown are the group's first 200, in its ranked order.
      assert.deepEqual(
        rowsOf(children).map((c) => (c.kind === 'requirement' ? c.summary.file : '')),
        group.group.requirements.slice(0, 200).map((s) => s.file),
      );

      if (domRunner()) {
        // The workbench draws the "Show more" row under the page's last row.
        await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
        await api.treeView.reveal(more, { select: false, focus: false });
        const drawn = await waitForDom('sidebar-show-more', '.tree-explorer-viewlet-tree-view .monaco-list-row .label-name', (found) =>
          found.some((l) => l.text === item.label),
        );
        assert.ok(
          drawn?.some((l) => l.text === item.label),
          `the "${String(item.label)}" row is drawn`,
        );
        await screenshot('sidebar-show-more.png');
      }
      // Reveal Active Requirement on a row past the page: the page grows to it, and it is selected.
      const last = group.group.requirements.at(-1)!.file;
      await vscode.window.showTextDocument(vscode.Uri.parse(last));
      await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
      await vscode.commands.executeCommand('reqdesk.revealActive');
      await until(() => api.treeView.selection[0]?.kind === 'requirement', 'a requirement is selected');
      const selected = api.treeView.selection[0];
      assert.equal(selected?.kind === 'requirement' ? selected.summary.file : undefined, last);
      children = api.tree.childrenNow(group);
      assert.equal(rowsOf(children).length, total, 'every row up to the revealed one is shown');
      assert.ok(!children.some((c) => c.kind === 'more'));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
      await until(() => api.index.size === before, 'the paged records are gone from the index', 60_000);
      await api.settled();
    }
  });

  it('Show more adds the next page of a group', async function () {
    const api = await engine();
    const folder = workspaceFile('requirements', 'paging-more');
    const count = 420;
    const before = api.index.size;
    try {
      for (let i = 1; i <= count; i++)
        await vscode.workspace.fs.writeFile(
          vscode.Uri.joinPath(folder, `REQ-2032-${String(i).padStart(3, '0')}.md`),
          Buffer.from(
            `---\nid: REQ-2032-${String(i).padStart(3, '0')}\ntitle: More row ${i}\ntype: business\npriority: P3\n---\n# More row ${i}\n`,
          ),
        );
      await until(() => api.index.size === before + count, `the ${count} new records are indexed`, 60_000);
      await api.settled();
      const first = vscode.Uri.joinPath(folder, 'REQ-2032-001.md').toString();
      await until(() => api.tree.requirementNode(first) !== undefined, 'the tree shows the new records');
      const group = api.tree.requirementNode(first)!.parent!;
      const total = group.group.requirements.length;
      const shown = () => api.tree.childrenNow(group).filter((c) => c.kind === 'requirement').length;
      const moreRow = () => api.tree.childrenNow(group).find((c) => c.kind === 'more');
      assert.equal(shown(), 200);
      await vscode.commands.executeCommand('reqdesk.showMoreRows', moreRow());
      assert.equal(shown(), 400);
      assert.equal(api.tree.getTreeItem(moreRow()!).label, uiText('Show {0} more', total - 400));
      await vscode.commands.executeCommand('reqdesk.showMoreRows', moreRow());
      assert.equal(shown(), total);
      assert.equal(moreRow(), undefined);
      skipWithoutDom(this);
      // The workbench draws the group's last row: it asked for the pages it was told of.
      const lastId = group.group.requirements.at(-1)!.id!;
      const lastNode = api.tree.requirementNode(group.group.requirements.at(-1)!.file)!;
      await api.treeView.reveal(lastNode, { select: false, focus: false });
      const labels = await waitForDom('sidebar-paged-last-row', '.tree-explorer-viewlet-tree-view .monaco-list-row .label-name', (found) =>
        found.some((l) => l.text.startsWith(lastId)),
      );
      assert.ok(
        labels?.some((l) => l.text.startsWith(lastId)),
        `the row of ${lastId} is drawn`,
      );
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
      await until(() => api.index.size === before, 'the paged records are gone from the index', 60_000);
      await api.settled();
    }
  });

  it('keeps a record in its group, with its ID, while its unsaved text is invalid; reverting places it by its file again', async () => {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2025-007-sso-login.md');
    const before = api.tree.requirementNode(uri.toString())!;
    const group = before.parent!.group.id;
    const label = String(api.tree.getTreeItem(before).label);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    const typeLine = /^type: .*$/m.exec(text)!;
    const edit = new vscode.WorkspaceEdit();
    // Half-way through typing a new type.
    edit.replace(uri, new vscode.Range(doc.positionAt(typeLine.index), doc.positionAt(typeLine.index + typeLine[0].length)), 'type: func');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await until(() => api.tree.requirementNode(uri.toString())?.summary.editing === true, 'the tree has seen the invalid text');
      const node = api.tree.requirementNode(uri.toString())!;
      assert.equal(node, before, 'the same node (its expansion is kept)');
      assert.equal(node.parent?.group.id, group, 'the same group');
      assert.equal(String(api.tree.getTreeItem(node).label), label, 'the same label, ID first');
      assert.match(String(api.tree.getTreeItem(node).description), new RegExp(uiText('editing')));
      assert.ok(node.summary.errors > 0, 'its problems are the new text’s');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await until(() => api.tree.requirementNode(uri.toString())?.summary.editing === undefined, 'the reverted record is placed by its file');
    assert.equal(api.tree.requirementNode(uri.toString())?.parent?.group.id, group);
    assert.equal(doc.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('task nodes: Mark Task Done and Reschedule change exactly their field, one undo each; Open at Task opens its line', async () => {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2026-301-task-menu.md');
    await withNewRequirement(api, uri, TASKS_FILE, async () => {
      // Mark done, from the context menu of T1 (the clicked node).
      assert.equal(await vscode.commands.executeCommand('reqdesk.markTaskDone', taskNode(api, uri, 'T1')), true);
      const done = TASKS_FILE.replace('    days: 2\n', '    days: 2\n    status: done\n');
      assert.equal(await fileText(uri), done);
      await undoOnceRestores(uri, TASKS_FILE);
      // T2 holds a status: only its value changes.
      assert.equal(await vscode.commands.executeCommand('reqdesk.markTaskDone', taskNode(api, uri, 'T2')), true);
      assert.equal(await fileText(uri), TASKS_FILE.replace('status: doing', 'status: done'));
      await undoOnceRestores(uri, TASKS_FILE);
      await until(() => taskNode(api, uri, 'T2').task.status === 'doing', 'the tree has the undone text');
      // Reschedule with the new start given (the input box's answer).
      assert.equal(
        await vscode.commands.executeCommand('reqdesk.rescheduleTask', { file: uri.toString(), task: 'T1', start: '2026-02-02' }),
        true,
      );
      assert.equal(await fileText(uri), TASKS_FILE.replace('start: 2026-01-05', 'start: 2026-02-02'));
      await undoOnceRestores(uri, TASKS_FILE);
      // Open at Task: the editor's cursor on T2's id line.
      await vscode.commands.executeCommand('reqdesk.openTask', taskNode(api, uri, 'T2'));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), uri.toString());
      assert.equal(editor.document.lineAt(editor.selection.active.line).text.trim(), '- id: T2');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });

  it('a late task offers to be marked done or to start today, as quick fixes that change only that field', async () => {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2026-302-late-task.md');
    const text = TASKS_FILE.replace('REQ-2026-301', 'REQ-2026-302');
    await withNewRequirement(api, uri, text, async () => {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await until(() => vscode.languages.getDiagnostics(uri).some((d) => d.code === 'task-late'), 'the late task is reported');
      const late = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'task-late' && d.message.includes('T1'))!;
      const titles = [uiText('Mark task {0} done', 'T1'), uiText('Start task {0} today ({1})', 'T1', today())];
      const actions = await codeActionsUntil(uri, late.range, (found) => titles.every((t) => found.some((a) => a.title === t)));
      const byTitle = (t: string) => actions.find((a) => a.title === t)!;
      assert.ok(
        titles.every((t) => byTitle(t)),
        actions.map((a) => a.title).join(' | '),
      );
      assert.ok(await vscode.workspace.applyEdit(byTitle(titles[1]!).edit!));
      assert.equal(doc.getText(), text.replace('start: 2026-01-05', `start: ${today()}`));
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), text);
      assert.ok(await vscode.workspace.applyEdit(byTitle(titles[0]!).edit!));
      assert.equal(doc.getText(), text.replace('    days: 2\n', '    days: 2\n    status: done\n'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });

  it('Set Status highlights the current status', async function () {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2025-007-sso-login.md');
    const status = api.index.get(uri.toString())!.data.status!;
    skipWithoutDom(this);
    const pending = vscode.commands.executeCommand('reqdesk.setStatus', { file: uri.toString() });
    try {
      const focused = (await waitForDom('sidebar-set-status', '.quick-input-widget .monaco-list-row.focused', (found) =>
        found.some((r) => r.text.includes(status)),
      ))!;
      assert.ok(
        focused.some((r) => r.text.includes(status) && r.text.includes(uiText('current'))),
        focused.map((r) => r.text).join(' | '),
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    assert.equal(await pending, false, 'Escape changes nothing');
  });

  it('a requirement editor has ReqDesk actions in its title bar, and the status bar item is on the right', async function () {
    await engine();
    const uri = workspaceFile('requirements', 'REQ-2025-007-sso-login.md');
    await vscode.window.showTextDocument(uri);
    try {
      skipWithoutDom(this);
      const setStatus = manifestText('command.setStatus').replace('…', '');
      const actions = (await waitForDom('editor-title-actions', '.editor-group-container .editor-actions .action-item', (found) =>
        found.some((a) => a.html.includes(setStatus)),
      ))!;
      assert.ok(
        actions.some((a) => a.html.includes(setStatus)),
        actions.map((a) => a.html.slice(0, 120)).join(' | '),
      );
      const item = (await waitForDom('status-bar-requirement', '.statusbar .right-items .statusbar-item', (found) =>
        found.some((i) => i.text.includes('REQ-2025-007')),
      ))!;
      assert.ok(
        item.some((i) => i.text.includes('REQ-2025-007')),
        'the requirement is shown among the right-hand items',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});

/** The text of the first element with `className` in an element's HTML (the runner's `html`). */
function textOf(html: string, className: string): string {
  const start = new RegExp(`<[a-z]+ [^>]*class="[^"]*\\b${className}\\b[^"]*"[^>]*>`).exec(html);
  if (!start) return '';
  // Its text is everything up to the tag that closes it, across the elements nested inside.
  let depth = 1;
  let text = '';
  for (const part of html.slice(start.index + start[0].length).split(/(<[^>]*>)/)) {
    if (part.startsWith('</')) depth--;
    else if (part.startsWith('<') && !part.endsWith('/>')) depth++;
    else if (!part.startsWith('<')) text += part;
    if (depth === 0) break;
  }
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** A text's width in half-width characters: a Chinese character is about two. */
function width(text: string): number {
  return [...text].reduce((n, c) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
}

/** Today in the extension host's local time zone, as the extension computes it. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
