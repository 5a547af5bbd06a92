// The index and the Problems panel in the real extension host, on the runner's copy of examples/.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { ReqDeskApi } from '../../src/extension';
import type { EngineApi } from '../../src/engine';

const extensionId = `${pkg.publisher}.${pkg.name}`;

async function engine(): Promise<{ exports: ReqDeskApi; api: EngineApi }> {
  const ext = vscode.extensions.getExtension<ReqDeskApi>(extensionId);
  assert.ok(ext, 'extension present');
  const exports = await ext.activate();
  const api = await exports.ready();
  await api.settled();
  return { exports, api };
}

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

function requirement(name: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), 'requirements', name);
}

/** Diagnostics of a file as `line:col-line:col code` strings (1-based, as people read them). */
function described(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)}`)
    .sort();
}

/** The 1-based line of the first line containing `needle`, and the column where it starts. */
async function whereIs(uri: vscode.Uri, needle: string): Promise<{ line: number; column: number }> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} is in ${uri.path}`);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

describe('index and diagnostics', function () {
  this.timeout(60_000);

  it('activates quickly and builds the index after activation', async () => {
    const { exports, api } = await engine();
    console.log(`      activate() took ${exports.activationMs.toFixed(2)} ms; first build ${api.lastBuild?.ms.toFixed(0)} ms`);
    assert.ok(exports.activationMs < 50, `activate() took ${exports.activationMs} ms`);
    assert.ok(api.lastBuild, 'a build ran');
  });

  it('indexes every requirement file of the workspace', async () => {
    const { api } = await engine();
    const files = await vscode.workspace.findFiles('requirements/**/*.md');
    assert.ok(files.length >= 20, `examples have about 20 requirements (found ${files.length})`);
    assert.equal(api.index.size, files.length);
    assert.deepEqual(api.index.all().map((r) => r.file).sort(), files.map((f) => f.toString()).sort());
    assert.ok(api.index.byId('需求-2024-001').length === 1, '需求-2024-001 is indexed by its ID');
  });

  it('puts the deliberate problems of REQ-2026-090 on their exact ranges', async () => {
    await engine();
    const uri = requirement('REQ-2026-090-broken-scores.md');
    const key = await whereIs(uri, 'urgancy');
    const priority = await whereIs(uri, 'priority: P1');
    // The body sentence, not the YAML comment that explains it.
    const sentence = await whereIs(uri, '收货员希望能更方便');
    const vague = { line: sentence.line, column: sentence.column + '收货员'.length };
    const found = described(uri);
    assert.ok(found.includes(`${key.line}:${key.column}-${key.line}:${key.column + 'urgancy'.length} key-near-miss`), found.join('\n'));
    const p1 = priority.column + 'priority: '.length;
    assert.ok(found.includes(`${priority.line}:${p1}-${priority.line}:${p1 + 2} priority-mismatch`), found.join('\n'));
    assert.ok(found.includes(`${vague.line}:${vague.column}-${vague.line}:${vague.column + 6} vague-wording`), found.join('\n'));
    const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'key-near-miss')!;
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostic.source, 'ReqDesk');
    assert.match(diagnostic.message, /urgancy.*urgency|urgency.*urgancy/);
  });

  it('reports the rule problems of REQ-2026-091', async () => {
    await engine();
    const uri = requirement('REQ-2026-091-declined-no-reason.md');
    const codes = vscode.languages.getDiagnostics(uri).map((d) => String(d.code));
    for (const code of ['enum-unknown', 'decline-reason-missing', 'task-unknown-dependency', 'task-no-schedule']) {
      assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
    const status = await whereIs(uri, 'status: finished');
    assert.ok(described(uri).includes(`${status.line}:${status.column + 8}-${status.line}:${status.column + 16} enum-unknown`), described(uri).join('\n'));
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(errors.length >= 4);
  });

  it('flags a duplicate ID on both files, each pointing to the other', async () => {
    await engine();
    const a = requirement('REQ-2026-092-duplicate-id.md');
    const b = requirement('REQ-2025-004-csv-encoding.md');
    for (const [uri, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const dup = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'id-duplicate');
      assert.ok(dup, `id-duplicate on ${uri.path}`);
      assert.equal(dup.severity, vscode.DiagnosticSeverity.Error);
      const id = await whereIs(uri, 'REQ-2025-004');
      assert.equal(dup.range.start.line + 1, id.line);
      assert.equal(dup.range.start.character + 1, id.column);
      assert.equal(dup.relatedInformation?.[0]?.location.uri.toString(), other.toString());
    }
  });

  it('leaves valid examples without errors or warnings', async () => {
    await engine();
    const uri = requirement('需求-2024-001-能耗监控.md');
    const serious = vscode.languages.getDiagnostics(uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(serious.map((d) => d.message), []);
  });

  it('re-validates an open document as the user types, without saving', async () => {
    const { api } = await engine();
    const uri = requirement('REQ-2026-090-broken-scores.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('urgancy');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'urgancy'.length)), 'urgency');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'the edit is unsaved');
    await api.settled();
    const codes = vscode.languages.getDiagnostics(uri).map((d) => String(d.code));
    assert.ok(!codes.includes('key-near-miss'), codes.join(', '));
    // importance 2 with urgency 4 now derives exactly P2: the mismatch offers that fix.
    const mismatch = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'priority-mismatch');
    assert.ok(mismatch, 'the stored P1 still disagrees');
    assert.match(mismatch.message, /P2/);
    assert.equal(api.index.get(uri.toString())?.data.scores?.urgency, 4);

    // Typing a new problem brings a diagnostic back on its exact place.
    const statusAt = doc.getText().indexOf('status: analyzing') + 'status: '.length;
    const typo = new vscode.WorkspaceEdit();
    typo.replace(uri, new vscode.Range(doc.positionAt(statusAt), doc.positionAt(statusAt + 'analyzing'.length)), 'analysing-x');
    assert.ok(await vscode.workspace.applyEdit(typo));
    await api.settled();
    const unknown = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'enum-unknown');
    assert.ok(unknown, 'enum-unknown after typing');
    assert.deepEqual(unknown.range.start, doc.positionAt(statusAt));

    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // The close event that re-reads the file reaches the extension after the command returns.
    await waitFor(() => vscode.languages.getDiagnostics(uri).some((d) => d.code === 'key-near-miss'), 'reverting restores the file on disk');
    await api.settled();
  });

  it('follows files created, changed and deleted on disk', async () => {
    const { api } = await engine();
    const uri = requirement('REQ-2026-099-new.md');
    const record = [
      '---',
      'id: REQ-2026-099',
      'title: Export shift report as PDF',
      'type: functionl',
      'status: new',
      '---',
      '# Export shift report as PDF',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(record));
    await waitFor(() => api.index.get(uri.toString()) !== undefined, 'the new file is indexed');
    await api.settled();
    const unknown = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'enum-unknown');
    assert.ok(unknown, 'the typo in type is flagged');
    assert.match(unknown.message, /functional/);

    await vscode.workspace.fs.delete(uri);
    await waitFor(() => api.index.get(uri.toString()) === undefined, 'the deleted file leaves the index');
    await api.settled();
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
  });

  it('forgets a file created by New Requirement and deleted at once, and keeps it forgotten', async () => {
    const { api } = await engine();
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('reqdesk.newRequirement', { title: 'Created then deleted', type: 'functional', prefix: 'REQ' });
    assert.ok(created, 'a file was created');
    const key = created.toString();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(created);
    await waitFor(() => api.index.get(key) === undefined, 'the deleted file leaves the index');
    // Longer than the typing pause after which an editor's text is re-validated, and than the
    // close event's re-read of the file.
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await api.settled();
      assert.equal(api.index.get(key), undefined, `nothing brought ${key} back (after ${(i + 1) * 200} ms)`);
    }
    // Nor a rebuild: the workbench may still hold the closed editor's document.
    await vscode.commands.executeCommand('reqdesk.rebuildIndex');
    await api.settled();
    assert.equal(api.index.get(key), undefined, `a rebuild did not bring ${key} back`);
  });

  it('rebuilds without blocking the extension host for long', async () => {
    const { api } = await engine();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await vscode.commands.executeCommand('reqdesk.rebuildIndex');
    delay.disable();
    const maxMs = delay.max / 1e6;
    console.log(`      longest event-loop stall during a rebuild: ${maxMs.toFixed(1)} ms`);
    assert.ok(api.index.size >= 20);
    await api.settled();
    // The rebuilt index publishes again: nothing is lost from the Problems panel.
    const uri = requirement('REQ-2026-091-declined-no-reason.md');
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => d.code === 'decline-reason-missing'));
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
