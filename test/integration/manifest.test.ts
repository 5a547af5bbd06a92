// The manifest and the code agree: every declared command is registered, every registered
// ReqDesk command is declared, and menus name only declared commands.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { ReqDeskApi } from '../../src/extension';
import { manifestText, queryWebviews, screenshot } from './support';

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

describe('getting started', () => {
  it('opens the ReqDesk walkthrough from its command, with its steps in the UI language', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('reqdesk.gettingStarted');
    // The tab API keeps the label of the walkthrough the page first showed (code-server's own), so
    // the page itself is read: the open category's title and its steps, as the manifest says them.
    const key = (ref: string) => ref.replace(/^%|%$/g, '');
    const walkthrough = pkg.contributes.walkthroughs[0]!;
    const expected = walkthrough.steps.map((step) => manifestText(key(step.title)));
    let steps: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      steps = ((await queryWebviews('walkthrough-steps', '.step-title')) ?? []).map((e) => e.text.trim());
      if (steps.length === expected.length) break;
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
});
