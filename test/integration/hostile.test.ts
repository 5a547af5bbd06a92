// The hostile-input corpus inside the real extension host: copied into requirements/hostile/ of
// the test workspace, every file gets its diagnostics, the host stays responsive, the tree still
// renders, nothing is written, and removing the folder removes the diagnostics.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildHostileCorpus, hostileExpectations, SYMLINKS } from '../fixtures/hostile/build';
import { engine, until, workspaceFile } from './support';

// The bundle runs from out/test/integration: the repository is three folders up.
const REPO_ROOT = path.resolve(__dirname, '../../..');

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = lstatSync(full);
    // A sparse file of gigabytes is fingerprinted by its size and time: reading it is what the
    // extension must not do either.
    if (stat.isSymbolicLink()) out.set(name, `link → ${readlinkSync(full)}`);
    else if (stat.size > 64 * 1024 * 1024) out.set(name, `${stat.size} bytes, modified ${stat.mtimeMs}`);
    else out.set(name, createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return out;
}

/** A file's diagnostics in the manifest's shape: "code line:column", sorted. */
function found(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1}`)
    .sort();
}

describe('hostile input', function () {
  this.timeout(90_000);
  const expected = hostileExpectations(REPO_ROOT);
  const folder = () => workspaceFile('requirements', 'hostile');

  after(() => rmSync(folder().fsPath, { recursive: true, force: true }));

  it('every file of the corpus gets exactly its diagnostics, the host stays responsive, nothing is written, and they go with the folder', async () => {
    const api = await engine();
    const dir = folder().fsPath;
    buildHostileCorpus(REPO_ROOT, dir);
    const before = hashes(dir);
    const uri = (name: string) => vscode.Uri.joinPath(folder(), name);
    const linkLoops = Object.keys(SYMLINKS).filter((n) => n.endsWith('.md'));
    const regular = Object.keys(expected).filter((n) => !linkLoops.includes(n));
    const withProblems = regular.filter((n) => expected[n]!.length > 0);

    // The watcher picks the files up; wait until every one with problems shows them.
    await until(
      () => withProblems.every((n) => vscode.languages.getDiagnostics(uri(n)).length > 0),
      'the corpus has its diagnostics',
      60_000,
    );
    await api.settled();
    const mismatches = regular.filter((n) => JSON.stringify(found(uri(n))) !== JSON.stringify([...expected[n]!].sort()));
    assert.deepEqual(
      mismatches.map((n) => ({ file: n, found: found(uri(n)), expected: [...expected[n]!].sort() })),
      [],
    );
    // Link loops: reported as unreadable when the file search lists them, never anything else.
    for (const n of linkLoops) {
      const codes = found(uri(n));
      assert.ok(codes.length === 0 || JSON.stringify(codes) === JSON.stringify(expected[n]), `${n}: ${codes.join(', ')}`);
    }

    // The host answers and the tree still renders (the corpus's readable records included).
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('reqdesk.rebuildIndex'), 'the extension host answers');
    assert.ok(api.index.ids().includes('REQ-2026-799'), 'the duplicate-ID records are indexed');
    const roots = api.tree.childrenNow();
    assert.ok(roots.length > 0);
    assert.ok(roots.every((node) => typeof api.tree.getTreeItem(node).label !== 'undefined'));
    assert.deepEqual(hashes(dir), before, 'nothing was written');

    // Removing the folder removes every diagnostic of it.
    rmSync(dir, { recursive: true, force: true });
    await until(
      () => Object.keys(expected).every((n) => vscode.languages.getDiagnostics(uri(n)).length === 0),
      'the diagnostics are gone',
      30_000,
    );
    await api.settled();
    assert.ok(!api.index.ids().includes('REQ-2026-799'));
  });
});
