// Import of the record table from CSV and export of the tables, driven through the commands with
// arguments in the real extension host, on the runner's copy of examples/. Every file a test
// creates is deleted again, and the index is waited for, so the suites after this one see the
// workspace as it was.
import assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import * as vscode from 'vscode';
import { createAllOrNothing, type ImportCsvResult } from '../../src/commands/importExport';
import { nextId } from '../../src/core/ids';
import { engine, until, workspaceFile } from './support';

const SEED = [
  '需求编号,客户名称/联系人,客户行业/规模,需求描述(具体场景+目标),需求来源(问卷/访谈/记录),提交时间,初步分类(功能/体验/商务/服务),关联订单/项目编号',
  '需求-2024-001,客户A/王经理,制造业/中型,"希望实时监控生产设备能耗,目标降低15%",深度访谈,2024-03-15,功能需,ORDER-2024-118',
  ',客户B / 李总,零售 / 大型,"门店库存低于安全线时提醒补货，目标缺货率降到 2% 以下',
  '场景：周末客流高峰时常缺货",问卷,2024/3/20,体验,"PRJ-7, ORDER-2024-120"',
  ',客户C,物流,账期从 30 天延长到 60 天，以便与年度预算周期对齐,记录,2024年4月1日,商务,',
  '',
].join('\r\n');

async function bytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
}

const text = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

describe('import and export', function () {
  this.timeout(120_000);
  const cleanup: vscode.Uri[] = [];

  afterEach(async () => {
    const api = await engine();
    for (const uri of cleanup.splice(0)) {
      try {
        await vscode.workspace.fs.delete(uri, { recursive: true });
      } catch {
        // never created
      }
      await until(() => api.index.get(uri.toString()) === undefined, `the index forgot ${uri.path}`);
    }
    await api.settled();
  });

  it('imports the seed table saved as GBK: a preview first, nothing written while a row is refused, then the valid rows; the index sees them and no file is overwritten', async () => {
    const api = await engine();
    const csv = workspaceFile('import-seed-gbk.csv');
    cleanup.push(csv);
    await vscode.workspace.fs.writeFile(csv, iconv.encode(SEED, 'gbk'));
    const existing = workspaceFile('requirements', '需求-2024-001-能耗监控.md');
    const existingBefore = await bytes(existing);
    const filesBefore = api.index.size;

    // The IDs the import will hand out: after every ID of the workspace and of the other branches.
    const taken = [...api.index.ids(), ...api.branches.takenIds()];
    const second = nextId(api.index.grammar, taken, { prefix: '需求', year: 2024 });
    const third = nextId(api.index.grammar, [...taken, second], { prefix: '需求', year: 2024 });

    const preview = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', { file: csv.toString(), confirm: false });
    assert.equal(preview.written, false);
    assert.deepEqual(preview.errors, []);
    assert.deepEqual(preview.planned, [`requirements/${second}.md`, `requirements/${third}.md`]);
    assert.deepEqual(
      preview.refused.map((r) => [r.row, r.line, r.id]),
      [[2, 2, '需求-2024-001']],
    );
    assert.match(preview.refused[0]!.reasons.join(' '), /需求-2024-001.*(already used by|已被).*需求-2024-001-能耗监控\.md/);
    for (const file of preview.planned) assert.equal(await bytes(workspaceFile(file)), undefined, `${file} not written by a preview`);

    // Confirmed, but a row is refused: all or nothing.
    const refused = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', { file: csv.toString(), confirm: true });
    assert.equal(refused.written, false);
    for (const file of preview.planned)
      assert.equal(await bytes(workspaceFile(file)), undefined, `${file} not written while a row is refused`);

    const done = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', {
      file: csv.toString(),
      confirm: true,
      skipInvalid: true,
    });
    assert.equal(done.written, true, done.errors.join('\n'));
    const created = preview.planned.map((f) => workspaceFile(f));
    cleanup.push(...created);
    assert.deepEqual(
      done.created,
      created.map((u) => u.toString()),
    );

    const b = await text(created[0]!);
    assert.match(
      b,
      new RegExp(
        `^---\\nid: ${second}\\ntitle: 门店库存低于安全线时提醒补货\\ntype: experience\\nstatus: new\\ncustomer:\\n  name: 客户B\\n  contact: 李总\\n  industry: 零售\\n  size: large\\nsource: survey\\nsubmitted: 2024-03-20\\nrelated: \\[PRJ-7, ORDER-2024-120\\]\\n---\\n`,
      ),
    );
    assert.match(b, /\n门店库存低于安全线时提醒补货，目标缺货率降到 2% 以下\n场景：周末客流高峰时常缺货\n/);
    assert.match(
      await text(created[1]!),
      /\ncustomer:\n {2}name: 客户C\n {2}industry: 物流\nsource: history\nsubmitted: 2024-04-01\n---\n/,
    );

    // The index learns of the new files like of any other change.
    await until(() => created.every((u) => api.index.get(u.toString())?.id !== undefined), 'the index sees the imported files');
    assert.equal(api.index.get(created[0]!.toString())?.id, second);
    assert.equal(api.index.get(created[1]!.toString())?.data.type, 'business');
    assert.equal(api.index.size, filesBefore + 2);
    assert.deepEqual(
      created.flatMap((u) => api.index.problemsFor(u.toString()).filter((p) => p.severity === 'error')),
      [],
    );
    // The file whose ID the CSV repeated is byte for byte what it was.
    assert.deepEqual(await bytes(existing), existingBefore);

    // Imported again: the kept ID is refused and new IDs are given; nothing is overwritten.
    const createdBytes = await Promise.all(created.map(bytes));
    const again = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', { file: csv.toString(), confirm: false });
    assert.ok(
      again.planned.every((f) => !preview.planned.includes(f)),
      again.planned.join(', '),
    );
    assert.deepEqual(await Promise.all(created.map(bytes)), createdBytes);
  });

  it('a control character in a cell refuses its row, by column; a record the index skipped as binary keeps its ID', async () => {
    const api = await engine();
    // A record with a NUL in its title, as an import once wrote it: the index skips it as binary.
    const binary = workspaceFile('requirements', 'REQ-2099-005-binary-probe.md');
    cleanup.push(binary);
    await vscode.workspace.fs.writeFile(
      binary,
      new TextEncoder().encode('---\nid: REQ-2099-005\ntitle: Binary\u0000 probe\ntype: functional\nstatus: new\n---\n'),
    );
    await until(() => api.index.get(binary.toString())?.skipped === true, 'the index skipped the binary record');
    const csv = workspaceFile('import-control.csv');
    cleanup.push(csv);
    await vscode.workspace.fs.writeFile(
      csv,
      new TextEncoder().encode(
        'id,title,description,submitted,type\n,Null\u0000 title,Text,2099-05-01,functional\n,Clean title,Text,2099-05-01,functional\n',
      ),
    );
    const preview = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', {
      file: csv.toString(),
      confirm: false,
      prefix: 'REQ',
    });
    assert.deepEqual(preview.errors, []);
    assert.deepEqual(preview.planned, ['requirements/REQ-2099-006-clean-title.md'], "the new ID comes after the skipped record's");
    assert.deepEqual(
      preview.refused.map((r) => r.row),
      [2],
    );
    assert.match(preview.refused[0]!.reasons.join(' '), /"title".*U\+0000|“title”.*U\+0000/);
    assert.ok(!preview.refused[0]!.reasons.join(' ').includes('\u0000'), 'the NUL is named, not shown');
  });

  it('a CSV without any column of the record table is refused whole, with the reason', async () => {
    const csv = workspaceFile('import-unknown.csv');
    cleanup.push(csv);
    await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode('foo,bar\n1,2\n'));
    const result = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', { file: csv.toString(), confirm: true });
    assert.equal(result.written, false);
    assert.deepEqual(result.planned, []);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!, /foo, bar/);
  });

  it('when the workspace edit fails part-way, the files it created are deleted again', async () => {
    const api = await engine();
    const blocker = workspaceFile('import-blocker.txt');
    cleanup.push(blocker);
    await vscode.workspace.fs.writeFile(blocker, new TextEncoder().encode('a file, not a folder\n'));
    const first = workspaceFile('requirements', 'REQ-2099-001-rollback-probe.md');
    cleanup.push(first);
    // The second file's folder is a file: that createFile must fail after the first one succeeded.
    const outcome = await createAllOrNothing([
      { uri: first, text: '---\nid: REQ-2099-001\ntitle: Rollback probe\ntype: functional\nstatus: new\n---\n' },
      { uri: vscode.Uri.joinPath(blocker, 'impossible.md'), text: 'never\n' },
    ]);
    assert.equal(outcome.ok, false);
    assert.equal(await bytes(first), undefined, 'the first file was removed again');
    assert.equal(await text(blocker), 'a file, not a folder\n');
    // The watcher may report the create and the delete late: the index ends without the probe.
    await until(() => api.index.byId('REQ-2099-001').length === 0, 'the index has no rolled-back file');
  });

  it('exports the record table as CSV for Excel and the response plan as Markdown', async () => {
    const api = await engine();
    const csv = workspaceFile('export-records.csv');
    const md = workspaceFile('export-plan.md');
    cleanup.push(csv, md);
    const written = await vscode.commands.executeCommand<string>('reqdesk.exportTables', {
      table: 'records',
      format: 'csv',
      file: csv.toString(),
      language: 'zh-cn',
    });
    assert.equal(written, csv.toString());
    const data = (await bytes(csv))!;
    assert.deepEqual([...data.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const records = new TextDecoder().decode(data);
    // The seed's columns first, then the rest of each record.
    assert.ok(
      records.startsWith('需求编号,需求标题,客户名称/联系人,客户行业/规模,需求描述,需求来源,提交时间,初步分类,关联订单/项目编号,客户类型,'),
      records.slice(0, 200),
    );
    assert.match(
      records,
      /\r\n需求-2024-001,实时监控生产设备能耗,客户A \/ 王经理,制造业 \/ 中型,"在手机端一键查看[^"]*",访谈,2024-03-15,功能,ORDER-2024-118,老客户,/,
    );
    // One row per indexed record (cells with line breaks are quoted, so count the record starts).
    assert.equal(records.match(/\r\n(?:REQ|需求)-\d{4}-\d{3},/g)?.length, api.index.all().filter((r) => r.id).length);

    await vscode.commands.executeCommand('reqdesk.exportTables', { table: 'plan', format: 'md', file: md.toString(), language: 'en' });
    const plan = await text(md);
    assert.equal(plan.split('\n')[0], '| ID | Strategy | Measure | Owner | Dates | Risks |');
    assert.match(plan, /\n\| 需求-2024-001 \| Full \| 前端UI设计 \| 李四 \| 2024-03-18 – 2024-03-20 \| 开发周期可能延迟/);

    // Exported again over the same file: replaced, as the save dialog's choice means.
    await vscode.commands.executeCommand('reqdesk.exportTables', { table: 'records', format: 'md', file: md.toString(), language: 'en' });
    assert.ok(
      (await text(md))
        .split('\n')[0]!
        .startsWith(
          '| ID | Title | Customer / Contact | Industry / Size | Description | Source | Submitted | Type | Related orders / projects | Customer tier |',
        ),
    );
  });

  it('exports the record table as an Excel workbook, and previews its import: the same rows, refused by row for their taken IDs', async () => {
    const api = await engine();
    const xlsx = workspaceFile('export-records.xlsx');
    cleanup.push(xlsx);
    const written = await vscode.commands.executeCommand<string>('reqdesk.exportTables', {
      table: 'records',
      format: 'xlsx',
      file: xlsx.toString(),
      language: 'en',
    });
    assert.equal(written, xlsx.toString());
    const data = (await bytes(xlsx))!;
    // A zip archive, as an .xlsx is.
    assert.deepEqual([...data.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    const preview = await vscode.commands.executeCommand<ImportCsvResult>('reqdesk.importCsv', { file: xlsx.toString(), confirm: false });
    assert.deepEqual(preview.errors, []);
    assert.equal(preview.written, false);
    // Every record is already in the workspace: each row is refused for its taken ID, by its Excel row.
    const withId = api.index.all().filter((r) => r.id);
    assert.equal(preview.refused.length + preview.planned.length, withId.length);
    const first = preview.refused.find((r) => r.id === '需求-2024-001');
    assert.ok(first && first.row > 1 && first.reasons.some((reason) => reason.includes('需求-2024-001')), JSON.stringify(first));
  });
});
