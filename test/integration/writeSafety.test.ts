// What the extension refuses to write, as the CLI does (test/unit/cli-write-safety.test.ts): no
// edit of a record that is a link to a file outside the workspace, no import or new requirement
// into a folder that leads out of it, no export or report written through a link; and a file over
// the size limit is never read. Runs in the real extension host on the runner's copy of
// examples/; a folder outside the workspace plays the files a hostile repository's links reach.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImportCsvResult } from '../../src/commands/importExport';
import { engine, until, workspaceFile } from './support';

const ESSENTIALS =
  '# Outside\n\n## Description\nA record kept elsewhere.\n\n## Background\nIt is linked into the workspace.\n\n## Scenario\nSomeone commits a link.\n\n## Goal\nReqDesk never writes there.\n';

/** Every entry below a folder: a file's SHA-256, a link's target. */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = lstatSync(full);
    out.set(
      name,
      stat.isSymbolicLink()
        ? `link → ${readlinkSync(full)}`
        : stat.isDirectory()
          ? 'folder'
          : createHash('sha256').update(readFileSync(full)).digest('hex'),
    );
  }
  return out;
}

/** Bytes this process has read so far (Linux), and its peak memory. */
const bytesRead = () => Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
const peak = () => process.resourceUsage().maxRSS * 1024;
const MB = 1024 * 1024;

describe('write safety', function () {
  this.timeout(120_000);
  let outside: string;
  const cleanup: vscode.Uri[] = [];

  before(() => {
    outside = mkdtempSync(path.join(tmpdir(), 'reqdesk-outside-'));
    writeFileSync(
      path.join(outside, 'record.md'),
      `---\nid: REQ-2026-981\ntitle: A record outside the workspace\ntype: functional\nstatus: new\n---\n${ESSENTIALS}`,
    );
  });

  afterEach(async () => {
    const api = await engine();
    for (const uri of cleanup.splice(0)) {
      rmSync(uri.fsPath, { recursive: true, force: true });
      await until(() => api.index.get(uri.toString()) === undefined, `the index forgot ${uri.path}`);
    }
    await api.settled();
  });

  after(() => rmSync(outside, { recursive: true, force: true }));

  it('a record that is a link to a file outside the workspace is indexed, but a status change refuses to edit it and it is left out of exports', async () => {
    const api = await engine();
    const link = workspaceFile('requirements', 'linked-outside.md');
    cleanup.push(link);
    symlinkSync(path.join(outside, 'record.md'), link.fsPath);
    await until(() => api.index.get(link.toString())?.id === 'REQ-2026-981', 'the index reads the linked record');
    const before = hashes(outside);

    assert.equal(await vscode.commands.executeCommand('reqdesk.setStatus', { file: link.toString(), status: 'planned' }), false);
    assert.deepEqual(hashes(outside), before, 'the file outside is untouched');
    assert.match(readFileSync(link.fsPath, 'utf8'), /\nstatus: new\n/);

    const md = workspaceFile('export-with-link.md');
    cleanup.push(md);
    const written = await vscode.commands.executeCommand<string | undefined>('reqdesk.exportTables', {
      table: 'records',
      format: 'md',
      file: md.toString(),
    });
    assert.equal(written, md.toString());
    const table = readFileSync(md.fsPath, 'utf8');
    assert.match(table, /REQ-2026-001/);
    assert.doesNotMatch(table, /REQ-2026-981/);
  });

  it('import into a folder that is a link leading outside the workspace is refused before anything is written', async () => {
    const folder = workspaceFile('linked-folder');
    cleanup.push(folder);
    symlinkSync(outside, folder.fsPath);
    const csv = workspaceFile('import-through-link.csv');
    cleanup.push(csv);
    writeFileSync(
      csv.fsPath,
      '需求编号,客户名称/联系人,需求描述(具体场景+目标),提交时间,初步分类(功能/体验/商务/服务)\r\n,客户A,门店库存低于安全线时提醒补货，目标缺货率降到 2% 以下,2026-03-15,功能\r\n',
    );
    const before = hashes(outside);
    const result = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', {
      file: csv.toString(),
      folder: 'linked-folder',
      confirm: true,
      prefix: '需求',
    });
    assert.equal(result.written, false);
    assert.deepEqual(result.created, []);
    assert.equal(result.errors.length, 1);
    assert.match(
      result.errors[0]!,
      /linked-folder\/需求-2026-\d{3}\.md(: not written: it would be outside the workspace|：未写入：它将位于工作区)/,
    );
    assert.deepEqual(hashes(outside), before);

    // New Requirement into that folder: refused the same way.
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('reqdesk.newRequirement', {
      title: 'Through a link',
      type: 'functional',
      prefix: 'REQ',
      folder: 'linked-folder',
    });
    assert.equal(created, undefined);
    assert.deepEqual(hashes(outside), before);
  });

  it('export and report saved onto a link are refused, wherever it points', async () => {
    const target = path.join(outside, 'victim.txt');
    writeFileSync(target, 'precious\n');
    const exportLink = workspaceFile('export-link.csv');
    const reportLink = workspaceFile('report-link.md');
    cleanup.push(exportLink, reportLink);
    symlinkSync(target, exportLink.fsPath);
    symlinkSync(target, reportLink.fsPath);
    const before = hashes(outside);
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.exportTables', { table: 'records', format: 'csv', file: exportLink.toString() }),
      undefined,
    );
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.saveReport', { kind: 'satisfaction', file: reportLink.toString(), overwrite: true }),
      undefined,
    );
    assert.deepEqual(hashes(outside), before);
    assert.ok(lstatSync(exportLink.fsPath).isSymbolicLink() && lstatSync(reportLink.fsPath).isSymbolicLink());
  });

  it('a 1.5 GB sparse record file is reported as too large without being read', async () => {
    const api = await engine();
    const huge = workspaceFile('requirements', 'sparse-huge.md');
    cleanup.push(huge);
    const [read, mem] = [bytesRead(), peak()];
    writeFileSync(huge.fsPath, '---\nid: REQ-2026-982\n');
    truncateSync(huge.fsPath, 1536 * MB);
    await until(
      () => vscode.languages.getDiagnostics(huge).some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'file-too-large'),
      'the file is reported too large',
      60_000,
    );
    await api.settled();
    assert.deepEqual(
      api.index.get(huge.toString())?.problems.map((p) => [p.code, p.args[0]]),
      [['file-too-large', String(1536 * MB)]],
    );
    const readMb = (bytesRead() - read) / MB;
    const memMb = (peak() - mem) / MB;
    assert.ok(readMb < 200, `${readMb.toFixed(0)} MB read by the extension host`);
    assert.ok(memMb < 400, `peak memory of the extension host rose by ${memMb.toFixed(0)} MB`);
  });
});
