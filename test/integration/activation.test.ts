// First real-host suite: the development build of the extension is the one loaded, it activates,
// and the window has the runner's scratch copy of examples/ open.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';

// This bundle runs from out/test/integration/, three levels below the repo root.
const repoRoot = resolve(__dirname, '..', '..', '..');
const extensionId = `${pkg.publisher}.${pkg.name}`;

describe('activation', () => {
  it(`finds ${extensionId} loaded from this repository`, () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `${extensionId} is not among the host's extensions`);
    assert.equal(resolve(ext.extensionPath), repoRoot);
  });

  it('activates', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('opens the test workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    const folder = folders[0]!;
    assert.equal(folder.uri.scheme, 'file');
    // Both runners name the folder they opened; without them, at least expect their scratch area.
    const expected = process.env.REQDESK_TEST_WORKSPACE;
    if (expected) assert.equal(resolve(folder.uri.fsPath), resolve(expected));
    else assert.match(folder.uri.fsPath, /[\\/]\.vscode-test[\\/]workspaces[\\/]/);
  });
});
