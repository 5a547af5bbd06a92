// The manifest and the code agree: every declared command is registered, every registered
// ReqDesk command is declared, and menus name only declared commands.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { ReqDeskApi } from '../../src/extension';

describe('manifest', () => {
  it('declares exactly the commands the extension registers', async () => {
    const ext = vscode.extensions.getExtension<ReqDeskApi>(`${pkg.publisher}.${pkg.name}`)!;
    await (await ext.activate()).ready();
    const declared = pkg.contributes.commands.map((c) => c.command).sort();
    // VS Code itself registers `<view id>.focus` and the like for every contributed view.
    const views = Object.values(pkg.contributes.views).flat().map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('reqdesk.') && !views.some((v) => c.startsWith(v))).sort();
    assert.deepEqual(registered, declared);
  });

  it('menus name only declared commands', () => {
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    const menus = pkg.contributes.menus as Record<string, Array<{ command: string }>>;
    for (const [menu, items] of Object.entries(menus)) for (const item of items) assert.ok(declared.has(item.command), `${menu}: ${item.command}`);
  });
});

