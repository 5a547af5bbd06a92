// Excel workbooks: every cell written as text (nothing runs as a formula, nothing becomes a date or
// a number), and a sheet read back cell for cell, whatever a cell starts with.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unguardFormula } from '../../src/core/csv';
import { cellTooLong, looksLikeXlsx, readWorkbook, writeWorkbook } from '../../src/files/workbook';

describe('workbook (.xlsx)', () => {
  it('formula-like cells are text cells: a string value with the text format, never a formula', async () => {
    const table = {
      header: ['id', 'text'],
      rows: [
        ['1', '=HYPERLINK("http://x")'],
        ['2', '+1'],
        ['3', '-2'],
        ['4', '@SUM(A1)'],
        ['5', '2024-03-15'],
      ],
    };
    const bytes = await writeWorkbook(table, 'en', { note: true });
    assert.ok(looksLikeXlsx(bytes));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    for (let r = 2; r <= 6; r++) {
      const cell = sheet.getRow(r).getCell(2);
      assert.equal(cell.type, ExcelJS.ValueType.String, `row ${r}`);
      assert.equal(cell.numFmt, '@');
      assert.equal(cell.value, table.rows[r - 2]![1]);
    }
    // The note on what a table cannot carry, on a sheet of its own.
    assert.match(String(workbook.worksheets[1]!.getCell('A1').value), /does not carry the file's form/);
  });

  it('what writeWorkbook writes, readWorkbook reads back cell for cell (the CSV formula guard undone), with Excel row numbers', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', ';', '\t', '"', '\n', ' ', '=', '+', '-', '@', "'", ':') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 4 }), async (rows) => {
        const read = await readWorkbook(await writeWorkbook({ header: ['a', 'b'], rows }, 'zh-cn'));
        if ('error' in read) return assert.fail(read.error);
        // Rows without a value are not read (the import skips them as Excel's empty rows).
        const kept = rows.filter((r) => r.some((c) => c !== ''));
        assert.deepEqual(
          read.sheet.rows.map((r) => r.cells.map(unguardFormula)).filter((r) => r.some((c) => c !== '')),
          kept.map((r) => [...r]),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('a cell longer than Excel keeps is found before writing', () => {
    assert.deepEqual(
      cellTooLong({
        header: ['id', 'text'],
        rows: [
          ['1', 'x'],
          ['2', 'y'.repeat(40000)],
        ],
      }),
      { row: 3, column: 'text' },
    );
    assert.equal(cellTooLong({ header: ['id'], rows: [['1']] }), undefined);
  });
});
