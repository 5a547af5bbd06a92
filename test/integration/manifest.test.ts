// The manifest and the code agree: every declared command is registered, every registered
// ReqDesk command is declared, and menus name only declared commands.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { ReqDeskApi } from '../../src/extension';
import {
  engine,
  keys,
  manifestText,
  mouse,
  queryWebviews,
  screenshot,
  skipWithoutDom,
  uiText,
  until,
  waitForDom,
  type FoundElement,
} from './support';

describe('manifest', () => {
  it('declares exactly the commands the extension registers', async () => {
    const ext = vscode.extensions.getExtension<ReqDeskApi>(`${pkg.publisher}.${pkg.name}`)!;
    await (await ext.activate()).ready();
    const declared = pkg.contributes.commands.map((c) => c.command).sort();
    // VS Code itself registers `<view id>.focus` and the like for every contributed view.
    const views = Object.values(pkg.contributes.views)
      .flat()
      .map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('reqdesk.') && !views.some((v) => c.startsWith(v)))
      .sort();
    assert.deepEqual(registered, declared);
  });

  it('menus name only declared commands', () => {
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    const menus = pkg.contributes.menus as Record<string, Array<{ command: string }>>;
    for (const [menu, items] of Object.entries(menus))
      for (const item of items) assert.ok(declared.has(item.command), `${menu}: ${item.command}`);
  });
});

describe('keybindings', () => {
  it('take no key that VS Code or another extension binds, not even the first key of a chord', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const deadline = Date.now() + 10_000;
    while (!vscode.window.activeTextEditor?.document.uri.toString().includes('keybindings') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const bound = [...text.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: m[1]!, command: m[2]! }));
    assert.ok(bound.length > 100, `the default keybindings were read (${bound.length})`);
    const others = bound.filter((b) => !b.command.startsWith('reqdesk.'));
    console.log(
      JSON.stringify(
        [
          ...new Set(others.map((b) => b.key.split(' ')[0]).filter((k) => /^(ctrl\+alt|ctrl\+shift\+alt|shift\+alt)\+[a-z]$/.test(k!))),
        ].sort(),
      ),
    );
    for (const ours of pkg.contributes.keybindings) {
      const first = ours.key.split(' ')[0]!;
      const clash = others.filter((b) => b.key === ours.key || b.key === first || b.key.split(' ')[0] === ours.key);
      assert.deepEqual(clash, [], `${ours.command}: ${ours.key}`);
    }
  });
});

describe('getting started', () => {
  it('opens the ReqDesk walkthrough from its command, with its steps in the UI language', async () => {
    await engine();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('reqdesk.gettingStarted');
    // The tab API keeps the label of the walkthrough the page first showed (code-server's own), so
    // the page itself is read: the open category's title and its steps, as the manifest says them.
    const key = (ref: string) => ref.replace(/^%|%$/g, '');
    const walkthrough = pkg.contributes.walkthroughs[0]!;
    // The workspace has records: the first step is the one for a workspace that has them.
    const expected = walkthrough.steps.filter((step) => step.id !== 'folder').map((step) => manifestText(key(step.title)));
    let steps: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      steps = ((await queryWebviews('walkthrough-steps', '.step-title')) ?? []).map((e) => e.text.trim());
      if (JSON.stringify(steps) === JSON.stringify(expected)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(steps, expected);
    const titles = ((await queryWebviews('walkthrough-titles', '.category-title')) ?? []).map((e) => e.text.trim());
    assert.ok(
      titles.includes(manifestText(key(walkthrough.title))),
      `the walkthrough's title is shown (titles: ${JSON.stringify(titles)})`,
    );
    await screenshot('walkthrough.png');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('renders its texts: links and bold, no Markdown marks shown as they are', async function () {
    await vscode.commands.executeCommand('reqdesk.gettingStarted');
    skipWithoutDom(this);
    const texts = (await waitForDom('walkthrough-descriptions', '.step-description-container', (found) => found.length >= 6))!;
    assert.ok(texts.length >= 6, `${texts.length} step descriptions`);
    for (const t of texts) assert.doesNotMatch(t.text, /`|\*\*/, t.text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('ticks a step when its command runs or its view opens', async function () {
    await engine();
    skipWithoutDom(this);
    const doneSteps = async (name: string, wanted: string[]): Promise<string[]> => {
      await vscode.commands.executeCommand('reqdesk.gettingStarted');
      const done = (found: FoundElement[]) =>
        found.filter((e) => e.className.includes('complete')).map((e) => (e.data.doneStepId ?? '').split('#').pop()!);
      const marks = await waitForDom(name, '.codicon[data-done-step-id]', (found) => wanted.every((w) => done(found).includes(w)));
      return done(marks ?? []);
    };
    const activeTab = () => vscode.window.tabGroups.activeTabGroup.activeTab?.label;
    // A step ticks when the workbench runs its command (as a click or a key does); a command an
    // extension runs in its own host never reaches the workbench, so the suite acts as a person.
    // The view is opened, not found open: earlier suites may have left it on screen, and a view
    // that was already visible never becomes visible.
    await vscode.commands.executeCommand('reqdesk.gettingStarted');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    await mouse('walkthrough-select-matrix', { action: 'click', selector: 'button.getting-started-step[data-step-id$="#matrix"]' });
    await mouse('walkthrough-run-matrix', {
      action: 'click',
      selector: '.step-description-container[x-step-description-for$="#matrix"] .monaco-button',
    });
    await until(() => activeTab() === uiText('Importance × Urgency Matrix'), 'the matrix opened from the step');
    // The timeline by its keybinding, from the Requirements view.
    await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
    await keys('walkthrough-timeline-keys', ['press:Control+Alt+e', 'press:t']);
    await until(() => activeTab() === uiText('Task Timeline'), 'the timeline opened by its keybinding');
    const ticked = await doneSteps('walkthrough-done', ['found', 'matrix', 'timeline']);
    for (const step of ['found', 'matrix', 'timeline'])
      assert.ok(ticked.includes(step), `${step} is ticked (ticked: ${ticked.join(', ')})`);
    await screenshot('walkthrough-progress.png');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
