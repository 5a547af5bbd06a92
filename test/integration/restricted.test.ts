// Restricted Mode (an untrusted workspace), run by `runIntegration.mjs --untrusted`: requirements
// are indexed, validated and shown as usual, but no git or other process runs, and the
// Requirements view says why commits are not linked.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AdoptRecordsResult } from '../../src/commands/adoptRecords';
import { revisionUri } from '../../src/scm/compareWithRevision';
import { commitDocumentUri } from '../../src/scm/showCommit';
import { engine, until, workspaceFile } from './support';

describe('restricted mode', function () {
  this.timeout(60_000);

  it('opens the workspace untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('indexes, validates and shows the requirements as in a trusted workspace', async () => {
    const api = await engine();
    assert.ok(api.index.all().length >= 20, `${api.index.all().length} records`);
    assert.ok(api.tree.childrenNow().length > 0, 'the tree has groups');
    const broken = workspaceFile('requirements', 'REQ-2026-090-broken-scores.md');
    await until(() => vscode.languages.getDiagnostics(broken).length > 0, 'diagnostics on the broken example');
  });

  it('runs no git: commit links and branch IDs stay off, and the view says why', async () => {
    const api = await engine();
    const spawned = await processesStartedDuring(async () => {
      await vscode.commands.executeCommand('reqdesk.refreshCommits');
      await api.branches.refresh();
      await api.settled();
      const record = api.index.byId('需求-2024-001')[0]!;
      const node = api.tree.requirementNode(record.file)!;
      // No Commits or History folder, no commit figures.
      assert.ok(api.tree.childrenNow(node).every((n) => n.kind === 'task'));
      const doc = await vscode.workspace.openTextDocument(commitDocumentUri(workspaceFile().fsPath, 'dd6405cc5c', 'x'));
      assert.match(doc.getText(), /Restricted Mode/);
    });
    // VS Code itself starts processes in the same host (its port finder runs `ls … | grep`);
    // none may be git, by name or by the path the extension would use.
    assert.deepEqual(
      spawned.filter((c) => /(^|[\\/])git(\.exe)?$/.test(c) || c === api.commits.gitPath()),
      [],
    );
    assert.equal(api.commits.current.kind, 'untrusted');
    assert.equal(api.commits.repositories().length, 0);
    assert.match(api.treeView.message ?? '', /Restricted Mode/);
  });

  it('Start Working on Requirement runs no git and changes nothing', async () => {
    const api = await engine();
    const file = workspaceFile('requirements', 'REQ-2026-005-dark-wall-display.md');
    const before = readFileSync(file.fsPath, 'utf8');
    const spawned = await processesStartedDuring(async () => {
      assert.equal(await vscode.commands.executeCommand('reqdesk.startWork', { file: file.toString() }), undefined);
      await api.settled();
    });
    assert.deepEqual(
      spawned.filter((c) => /(^|[\\/])git(\.exe)?$/.test(c) || c === api.commits.gitPath()),
      [],
    );
    assert.equal(readFileSync(file.fsPath, 'utf8'), before, 'the status is not changed');
  });

  it('ignores a workspace git.path naming a program: it never runs', async () => {
    const api = await engine();
    const folder = workspaceFile().fsPath;
    const marker = join(folder, 'ran.txt');
    const program = join(folder, 'not-git.sh');
    writeFileSync(program, `#!/bin/sh\necho ran > "${marker}"\nexit 0\n`);
    chmodSync(program, 0o755);
    // Written into the file: untrusted, the git extension is off and git.path is not registered.
    const settingsFile = join(folder, '.vscode', 'settings.json');
    const original = readFileSync(settingsFile, 'utf8');
    writeFileSync(settingsFile, original.replace('{', `{\n  "git.path": ${JSON.stringify(program)},`));
    try {
      await until(() => vscode.workspace.getConfiguration('git').get('path') === program, 'the workspace names the program as git.path');
      // Every process the host starts while ReqDesk refreshes is recorded: the program is not
      // among them, so it never ran (no waiting for a marker it might write later).
      const spawned = await processesStartedDuring(async () => {
        await vscode.commands.executeCommand('reqdesk.refreshCommits');
        await api.branches.refresh();
        await api.settled();
      });
      assert.deepEqual(
        spawned.filter((c) => c.includes(program) || c.includes('not-git')),
        [],
        `started: ${spawned.join(', ')}`,
      );
      assert.equal(existsSync(marker), false, 'the program named by git.path did not run');
      assert.equal(api.commits.current.kind, 'untrusted');
    } finally {
      writeFileSync(settingsFile, original);
      rmSync(program, { force: true });
      rmSync(marker, { force: true });
    }
  });

  it('Compare Requirement with Revision runs no git: nothing opens, and a revision document says why', async () => {
    const api = await engine();
    const record = api.index.byId('需求-2026-002')[0]!;
    let opened: unknown;
    const spawned = await processesStartedDuring(async () => {
      opened = await vscode.commands.executeCommand('reqdesk.compareWithRevision', { file: record.file, revision: 'HEAD' });
      const doc = await vscode.workspace.openTextDocument(revisionUri(workspaceFile().fsPath, 'a'.repeat(40), 'requirements/x.md', 'HEAD'));
      assert.match(doc.getText(), /Restricted Mode/);
    });
    assert.equal(opened, undefined);
    assert.deepEqual(
      spawned.filter((c) => /(^|[\\/])git(\.exe)?$/.test(c) || c === api.commits.gitPath()),
      [],
    );
  });

  it('Adopt Existing Records reads the folder and drafts a schema; no git runs', async () => {
    const api = await engine();
    let draft: AdoptRecordsResult | undefined;
    const spawned = await processesStartedDuring(async () => {
      draft = await vscode.commands.executeCommand<AdoptRecordsResult>('reqdesk.adoptRecords', {
        folder: workspaceFile('requirements').toString(),
        confirm: false,
      });
    });
    assert.ok(draft && draft.records.length >= 20, `${draft?.records.length} records`);
    assert.equal(draft.written, false);
    // VS Code's own port finder may run meanwhile (see above): none may be git.
    assert.deepEqual(
      spawned.filter((c) => /(^|[\\/])git(\.exe)?$/.test(c) || c === api.commits.gitPath()),
      [],
    );
  });
});

/**
 * The commands of every process the extension host starts while `body` runs, by any of
 * child_process's functions. The module object itself is patched (an import would be a read-only
 * namespace copy): the extension's bundle calls through it, so every call is seen.
 */
async function processesStartedDuring(body: () => Promise<void>): Promise<string[]> {
  const spawned: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, not a namespace copy
  const cp = require('node:child_process') as Record<string, (...args: unknown[]) => unknown>;
  const names = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
  const originals = Object.fromEntries(names.map((n) => [n, cp[n]!]));
  for (const name of names) {
    cp[name] = (command: unknown, ...rest: unknown[]) => {
      spawned.push(String(command));
      return originals[name]!(command, ...rest);
    };
  }
  try {
    await body();
  } finally {
    for (const name of names) cp[name] = originals[name]!;
  }
  return spawned;
}
