// Import never writes a file ReqDesk itself would refuse to read, and no new ID collides with a
// file the index skipped: a cell with a control character (a NUL would make the file "binary")
// is refused by row and column; a record too large to read is refused; the IDs of skipped files
// (binary, too large) count as taken for import and next-id.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES, nextId } from '../../src/core/ids';
import { claimedIdsOf, RequirementIndex } from '../../src/core/index';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { MemorySource, record, runCliCaptured, snapshotFiles } from './support';

const HEADER = 'id,title,customer,description,source,submitted,type';

describe('import: nothing ReqDesk could not read, no ID of a skipped file', () => {
  let root: string;
  let before: Map<string, Buffer>;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-import-unreadable-'));
    mkdirSync(path.join(root, 'requirements'));
    writeFileSync(path.join(root, 'requirements/REQ-2026-004.md'), record({ id: 'REQ-2026-004', title: 'Export readings' }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (file: string, content: string | Buffer) => writeFileSync(path.join(root, file), content);
  const importCsv = (csv: string | Buffer, ...flags: string[]) => {
    write('table.csv', csv);
    before = snapshotFiles(root);
    return runCliCaptured(['import', 'table.csv', '--no-branches', ...flags], root);
  };
  const added = () => {
    const now = snapshotFiles(root);
    return [...now.keys()].filter((f) => !before.has(f)).sort();
  };

  it('a NUL in a title: the row is refused naming row and column, nothing is written', async () => {
    const r = await importCsv(
      `${HEADER}\n,Scan pallets\u0000 at the dock,Northwind,Pallets are scanned,interview,2026-05-04,functional\n,Dark mode,Litware,At night,interview,2026-05-08,experience\n`,
      '--lang',
      'en',
    );
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      [
        'row 2: refused — Column "title" holds the control character U+0000, which a requirement file cannot keep (ReqDesk would not read the file): remove it from the cell.',
        'row 3: create requirements/REQ-2026-005-dark-mode.md (REQ-2026-005, new ID)',
      ].join('\n'),
    );
    assert.equal(
      r.err,
      '2 rows: 1 to create, 1 refused. Nothing was written: fix the refused rows, or give --skip-invalid to import the others.',
    );
    assert.deepEqual(added(), []);
    assert.ok(!r.out.includes('\u0000'), 'the NUL itself is never printed');
  });

  it('with --skip-invalid only the clean row is written, and every written file is one the index reads', async () => {
    const r = await importCsv(
      `${HEADER}\n,Scan pallets\u0000 at the dock,Northwind,Pallets,interview,2026-05-04,functional\n,Dark mode,Litware,At night,interview,2026-05-08,experience\n`,
      '--skip-invalid',
      '--lang',
      'en',
    );
    assert.equal(r.code, 1);
    assert.deepEqual(added(), ['requirements/REQ-2026-005-dark-mode.md']);
    const list = await runCliCaptured(['list', '--format', 'json'], root);
    assert.deepEqual(
      JSON.parse(list.out)
        .map((x: { id: string }) => x.id)
        .sort(),
      ['REQ-2026-004', 'REQ-2026-005'],
    );
  });

  it('other control characters (ESC, vertical tab, DEL, C1) in any read column are refused the same way, in Chinese too; tabs and line breaks are kept', async () => {
    const csv = Buffer.from(
      [
        HEADER,
        ',Colours,Northwind\u001b[31m,Text,interview,2026-05-04,functional',
        ',Vertical,Contoso\u000bLtd,Text,interview,2026-05-04,functional',
        ',Delete,Fabrikam,Text\u007f,interview,2026-05-04,functional',
        ',Next line,Litware,Text\u0085more,interview,2026-05-04,functional',
        'REQ-2026-009\u0001,Bad ID,Litware,Text,interview,2026-05-04,functional',
        'REQ-2026-010,Kept ID,Litware,"Text\twith a tab\nand a second line",interview,2026-05-04,\u0002functional',
        ',Fine,Litware,"Tab\there\r\nand lines",interview,2026-05-04,functional',
      ].join('\n') + '\n',
      'utf8',
    );
    const r = await importCsv(csv, '--dry-run', '--lang', 'en');
    assert.equal(r.code, 1);
    const lines = r.out.split('\n');
    const msg = (column: string, cp: string) =>
      `Column "${column}" holds the control character ${cp}, which a requirement file cannot keep (ReqDesk would not read the file): remove it from the cell.`;
    assert.deepEqual(lines, [
      `row 2: refused — ${msg('customer', 'U+001B')}`,
      `row 3: refused — ${msg('customer', 'U+000B')}`,
      `row 4: refused — ${msg('description', 'U+007F')}`,
      `row 5: refused — ${msg('description', 'U+0085')}`,
      `row 6: refused — ${msg('id', 'U+0001')}`,
      // A clean ID of a refused row stays reserved: the next new ID is after it.
      `row 7: refused (REQ-2026-010) — ${msg('type', 'U+0002')}`,
      'row 8 (line 9): create requirements/REQ-2026-011-fine.md (REQ-2026-011, new ID)',
    ]);
    const zh = await importCsv(csv, '--dry-run', '--lang', 'zh-CN');
    assert.match(
      zh.out,
      /^第 2 行: 拒绝 — 列“customer”含有控制字符 U\+001B，需求文件无法保存它（ReqDesk 将无法读取该文件）：请从单元格中删除。$/m,
    );
    assert.deepEqual(added(), []);
  });

  it('a record larger than reqdesk.validation.maxFileSize is refused, not written to be skipped', async () => {
    mkdirSync(path.join(root, '.vscode'));
    write('.vscode/settings.json', JSON.stringify({ 'reqdesk.validation.maxFileSize': 2048 }));
    const long = 'word '.repeat(600);
    const r = await importCsv(
      `${HEADER}\n,Long one,Northwind,${long},interview,2026-05-04,functional\n,Short one,Northwind,Brief,interview,2026-05-04,functional\n`,
      '--skip-invalid',
      '--lang',
      'en',
    );
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /^row 2: refused — The record would be \d+ bytes, more than reqdesk\.validation\.maxFileSize \(2048\): ReqDesk would not read it\.$/m,
    );
    assert.deepEqual(added(), ['requirements/REQ-2026-005-short-one.md']);
  });

  describe('a record the index skipped keeps its ID', () => {
    beforeEach(() => {
      // REQ-2026-005 with a NUL in its title (as the import wrote it before): skipped as binary.
      write('requirements/REQ-2026-005-scan-pallets.md', record({ id: 'REQ-2026-005', title: 'Scan pallets\u0000 at the dock' }));
    });

    it('next-id does not hand out 005 again', async () => {
      const r = await runCliCaptured(['next-id', '--no-branches'], root);
      assert.equal(r.code, 0);
      assert.equal(r.out, 'REQ-2026-006');
    });

    it('import allocates after it, and refuses a row that keeps its ID', async () => {
      const r = await importCsv(
        `${HEADER}\n,Dark mode,Litware,At night,interview,2026-05-08,experience\nREQ-2026-005,Scan again,Northwind,Again,interview,2026-05-08,functional\n`,
        '--dry-run',
        '--lang',
        'en',
      );
      assert.equal(
        r.out,
        [
          'row 2: create requirements/REQ-2026-006-dark-mode.md (REQ-2026-006, new ID)',
          'row 3: refused (REQ-2026-005) — ID REQ-2026-005 is already used by requirements/REQ-2026-005-scan-pallets.md.',
        ].join('\n'),
      );
    });

    it('the ID in the front matter counts when the name has none', async () => {
      write('requirements/pallets.md', record({ id: 'REQ-2026-007', title: 'Pallets\u0000' }));
      assert.equal((await runCliCaptured(['next-id', '--no-branches'], root)).out, 'REQ-2026-008');
    });

    it('so does the ID in the name of a file too large to read', async () => {
      mkdirSync(path.join(root, '.vscode'));
      write('.vscode/settings.json', JSON.stringify({ 'reqdesk.validation.maxFileSize': 1024 }));
      write('requirements/REQ-2026-012-big.md', record({ id: 'REQ-2026-012', title: 'Big' }, 'x'.repeat(2000)));
      assert.equal((await runCliCaptured(['next-id', '--no-branches'], root)).out, 'REQ-2026-013');
    });
  });

  describe('claimedIdsOf', () => {
    const grammar = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);
    const bytes = (text: string) => new TextEncoder().encode(text);

    it("IDs in the name (a URI's name decoded) and in an id: line of the front matter only", () => {
      assert.deepEqual(claimedIdsOf(grammar, 'requirements/REQ-2026-005-scan.md'), ['REQ-2026-005']);
      assert.deepEqual(claimedIdsOf(grammar, `file:///w/requirements/${encodeURIComponent('需求-2026-003')}.md`), ['需求-2026-003']);
      assert.deepEqual(claimedIdsOf(grammar, 'requirements\\REQ-2026-006.md'), ['REQ-2026-006']);
      assert.deepEqual(
        claimedIdsOf(grammar, 'a.md', bytes('\uFEFF---\r\ntitle: x\u0000\r\nid: "REQ-2026-008"\r\n---\r\nid: REQ-2026-009\n')),
        ['REQ-2026-008'],
      );
      // Not front matter, or an id: line that is not the top-level key.
      assert.deepEqual(claimedIdsOf(grammar, 'a.md', bytes('id: REQ-2026-010\n\u0000')), []);
      assert.deepEqual(claimedIdsOf(grammar, 'a.md', bytes('---\ncustomer:\n  id: REQ-2026-011\n---\n')), []);
    });

    it('the index keeps them on the skipped record, and counts them as taken', async () => {
      const source = new MemorySource()
        .set('requirements/REQ-2026-001.md', record({ id: 'REQ-2026-001' }))
        .set('requirements/b.md', bytes(`---\nid: REQ-2026-005\ntitle: a\u0000b\n---\n`));
      const index = new RequirementIndex(DEFAULT_SETTINGS, grammar);
      await index.build(source);
      assert.deepEqual(index.ids(), ['REQ-2026-001']);
      assert.deepEqual(
        [...index.takenIds()],
        [
          ['REQ-2026-001', 'requirements/REQ-2026-001.md'],
          ['REQ-2026-005', 'requirements/b.md'],
        ],
      );
    });

    it('the IDs in file names, though the files hold other IDs: the next ID skips their numbers', async () => {
      const source = new MemorySource()
        .set('requirements/REQ-2026-001.md', record({ id: 'REQ-2026-001' }))
        .set('requirements/REQ-2026-092-duplicate-id.md', record({ id: 'REQ-2026-001' }));
      const index = new RequirementIndex(DEFAULT_SETTINGS, grammar);
      await index.build(source);
      assert.deepEqual(index.ids(), ['REQ-2026-001']);
      assert.deepEqual(
        [...index.fileNameIds()],
        [
          ['REQ-2026-001', 'requirements/REQ-2026-001.md'],
          ['REQ-2026-092', 'requirements/REQ-2026-092-duplicate-id.md'],
        ],
      );
      assert.equal(nextId(grammar, index.takenIds().keys(), { prefix: 'REQ', year: 2026 }), 'REQ-2026-002');
      assert.equal(
        nextId(grammar, [...index.takenIds().keys(), ...index.fileNameIds().keys()], { prefix: 'REQ', year: 2026 }),
        'REQ-2026-093',
      );
    });
  });
});
