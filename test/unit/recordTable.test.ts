// The record table in core: decoding and parsing CSV (line numbers of broken rows), writing CSV
// for Excel and Markdown tables, reading cells (combined columns, aliases, dates, titles) and the
// import plan's IDs.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { decodeCsv, guardFormula, parseCsv, tableToCsv, tableToMarkdown, unguardFormula } from '../../src/core/csv';
import { compileIdGrammar } from '../../src/core/ids';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import {
  fieldOfHeader,
  importMessage,
  normalizeDate,
  planImport,
  requirementFileName,
  titleFromDescription,
  usualFolder,
  type ImportInput,
} from '../../src/core/recordTable';

const grammar = compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat);
const utf8 = (s: string) => new TextEncoder().encode(s);

function plan(csv: string | Uint8Array, more: Partial<ImportInput> = {}) {
  return planImport({
    bytes: typeof csv === 'string' ? utf8(csv) : csv,
    grammar,
    settings: DEFAULT_SETTINGS,
    today: '2026-06-01',
    lang: 'en',
    taken: new Map(),
    folder: 'requirements',
    exists: () => false,
    ...more,
  });
}

describe('csv: decoding', () => {
  const text = '需求编号,客户名称/联系人\r\n需求-2024-001,客户A/王经理\r\n';

  it('a BOM means UTF-8 (and is dropped); valid UTF-8 is UTF-8; anything else is GBK', () => {
    assert.deepEqual(decodeCsv(utf8(`\uFEFF${text}`)), { ok: true, text, encoding: 'utf-8-bom' });
    assert.deepEqual(decodeCsv(utf8(text)), { ok: true, text, encoding: 'utf-8' });
    assert.deepEqual(decodeCsv(iconv.encode(text, 'gbk')), { ok: true, text, encoding: 'gbk' });
  });

  it('a named encoding wins; UTF-8 refuses bad bytes with their offset instead of replacing them', () => {
    assert.deepEqual(decodeCsv(iconv.encode(text, 'gbk'), 'utf8'), { ok: false, code: 'csv-not-utf8', offset: 0 });
    assert.deepEqual(decodeCsv(iconv.encode(`id,${text}`, 'gbk'), 'utf8'), { ok: false, code: 'csv-not-utf8', offset: 3 });
    assert.deepEqual(decodeCsv(utf8('id\nabc\n'), 'gbk'), { ok: true, text: 'id\nabc\n', encoding: 'gbk' });
  });

  it('UTF-16 ("Unicode text" from Excel) is refused with a hint', () => {
    assert.deepEqual(decodeCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00])), { ok: false, code: 'csv-utf16' });
  });
});

describe('csv: parsing', () => {
  it('quoted cells keep commas, quotes and line breaks; rows know their Excel row and their line', () => {
    const parsed = parseCsv('a,b\r\n"x, y","line 1\r\nline 2"\r\n\r\n"say ""hi""",z\r\n');
    assert.deepEqual(parsed.header, { row: 1, line: 1, cells: ['a', 'b'] });
    assert.deepEqual(parsed.rows, [
      { row: 2, line: 2, cells: ['x, y', 'line 1\nline 2'] },
      { row: 3, line: 5, cells: ['say "hi"', 'z'] },
    ]);
    assert.deepEqual(parsed.errors, []);
  });

  it('an unclosed quote is one bad row at the line it starts on; the rows after it are still read', () => {
    const parsed = parseCsv('a,b,c\n1,2,3\n4,"five,6\n7,8,9\n10,"eleven",12\n');
    assert.deepEqual(parsed.errors, [{ row: 3, line: 3, reason: 'CSV_INVALID_CLOSING_QUOTE' }]);
    assert.deepEqual(
      parsed.rows.map((r) => [r.row, r.line, r.cells.join('|')]),
      [
        [2, 2, '1|2|3'],
        [4, 4, '7|8|9'],
        [5, 5, '10|eleven|12'],
      ],
    );
    // Never closed before the end of the file.
    assert.deepEqual(parseCsv('a,b\n1,2\n3,"four\n').errors, [{ row: 3, line: 3, reason: 'CSV_QUOTE_NOT_CLOSED' }]);
  });

  it('semicolons or tabs when the header uses them', () => {
    assert.deepEqual(parseCsv('a;b\n1,5;2\n').rows[0]!.cells, ['1,5', '2']);
    assert.deepEqual(parseCsv('a\tb\n1\t2\n').rows[0]!.cells, ['1', '2']);
  });
});

describe('csv: writing', () => {
  it('CSV for Excel: BOM, CRLF, quoting where needed, formulas defused', () => {
    const csv = tableToCsv({
      header: ['id', 'text'],
      rows: [
        ['1', 'a, "b"\nc'],
        ['2', '=HYPERLINK("x")'],
        ['3', '-5'],
        ['4', '@SUM'],
        ['5', ' padded'],
      ],
    });
    assert.equal(csv, '\uFEFFid,text\r\n1,"a, ""b""\r\nc"\r\n2,"\'=HYPERLINK(""x"")"\r\n3,\'-5\r\n4,\'@SUM\r\n5," padded"\r\n');
    assert.equal(guardFormula('+1'), "'+1");
    assert.equal(unguardFormula("'+1"), '+1');
    assert.equal(unguardFormula("'quoted"), "'quoted");
  });

  it('what tableToCsv writes, parseCsv reads back cell for cell, exactly (formula guards undone)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', '中', ',', ';', '\t', '"', '\n', '\r\n', '\r', ' ', '=', '+', '-', '@', '|', "'", ':'),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = parseCsv(tableToCsv({ header: ['a', 'b'], rows }).slice(1));
        assert.deepEqual(parsed.errors, []);
        // A lone CR is a line break like any other; everything else comes back as it was.
        assert.deepEqual(
          parsed.rows.map((r) => r.cells.map(unguardFormula)),
          rows.map((r) => r.map((c) => c.replace(/\r\n?/g, '\n'))),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("the formula guard is undone exactly: '=x, =x, ''=x and any other text come back as typed", () => {
    const cases: Array<[string, string]> = [
      ['=x', "'=x"],
      ["'=x", "''=x"],
      ["''=x", "'''=x"],
      ["'quoted'", "'quoted'"],
      ["'", "'"],
      ['-1', "'-1"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['\nx', "'\nx"],
      ['a;=b', "a;'=b"],
      ['a,+b;-c\t@d"=e', "a,'+b;'-c\t'@d\"'=e"],
      ['line one\n- item\n=SUM()', "line one\n'- item\n'=SUM()"],
      ["x;'=y", "x;''=y"],
      ['x;\ny', 'x;\ny'],
    ];
    for (const [typed, written] of cases) {
      assert.equal(guardFormula(typed), written, typed);
      assert.equal(unguardFormula(written), typed, written);
    }
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\n', ',', ';', '"', 'x'), fc.string({ unit: 'binary', maxLength: 1 })),
    });
    fc.assert(
      fc.property(text, (typed) => {
        assert.equal(unguardFormula(guardFormula(typed)), typed.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 5000 },
    );
  });

  it('no reading of the CSV with , ; or tab as separator, quotes honoured or not, yields a cell starting with a formula character', () => {
    // Two spreadsheet-like readers: one honours a quote only at the start of a field (Excel; text
    // after the closing quote is kept up to the separator), one opens or closes quoting at any quote
    // ("" inside quotes being a quote).
    type Reader = (text: string, separator: string) => string[];
    const fieldStartQuotes: Reader = (text, separator) => {
      const fields: string[] = [];
      let i = 0;
      while (i <= text.length) {
        let field = '';
        if (text[i] === '"') {
          i++;
          while (i < text.length && !(text[i] === '"' && text[i + 1] !== '"')) field += text[text[i] === '"' ? (i += 2) - 1 : i++];
          i++;
        }
        while (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') field += text[i++];
        fields.push(field);
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
      }
      return fields;
    };
    const toggleQuotes: Reader = (text, separator) => {
      const fields: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (ch === '"' && quoted && text[i + 1] === '"') field += text[i++];
        else if (ch === '"') quoted = !quoted;
        else if (!quoted && (ch === separator || ch === '\r' || ch === '\n')) {
          fields.push(field);
          field = '';
        } else field += ch;
      }
      fields.push(field);
      return fields;
    };
    // A formula character first, maybe after line breaks or tabs (OWASP's tab and CR); or a tab first.
    const formula = /^[\t\r\n]*[=+\-@]|^\t/;
    const cell = fc.string({ unit: fc.constantFrom('a', ',', ';', '\t', '"', '\n', '\r\n', ' ', '=', '+', '-', '@', '|', "'") });
    const check = (rows: string[][]) => {
      const csv = tableToCsv({ header: ['a', 'b', 'c'], rows }, { bom: false });
      for (const read of [fieldStartQuotes, toggleQuotes]) {
        for (const separator of [',', ';', '\t']) {
          for (const field of read(csv, separator))
            assert.doesNotMatch(field, formula, `${JSON.stringify(csv)} read with ${JSON.stringify(separator)}`);
        }
      }
    };
    // The case: a title that a ;-separated reading of an unquoted cell made a formula.
    check([
      ['1', 'Title;=HYPERLINK("http://x")', '2'],
      ['=1+1', 'a,-2', 'x\n@SUM(A1)'],
    ]);
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 4 }), (rows) => check(rows)),
      { numRuns: 3000 },
    );
  });

  it('Markdown tables escape pipes and turn line breaks into <br>', () => {
    assert.equal(
      tableToMarkdown({ header: ['a', 'b'], rows: [['x | y', 'one\ntwo']] }),
      '| a | b |\n|---|---|\n| x \\| y | one<br>two |\n',
    );
  });
});

describe('record table: cells', () => {
  it('headers in Chinese (with the seed explanations) and English', () => {
    assert.equal(fieldOfHeader('需求描述(具体场景+目标)'), 'description');
    assert.equal(fieldOfHeader('需求描述（具体场景+目标）'), 'description');
    assert.equal(fieldOfHeader('客户名称 / 联系人'), 'customerContact');
    assert.equal(fieldOfHeader('Related orders / projects'), 'related');
    assert.equal(fieldOfHeader('Customer'), 'customer');
    assert.equal(fieldOfHeader('备注'), undefined);
  });

  it('dates as Excel and people write them', () => {
    assert.equal(normalizeDate('2024/3/15'), '2024-03-15');
    assert.equal(normalizeDate('2024-03-15'), '2024-03-15');
    assert.equal(normalizeDate('2024年3月5日'), '2024-03-05');
    assert.equal(normalizeDate('2024/3/15 0:00'), '2024-03-15');
    assert.equal(normalizeDate('2024-02-30'), undefined);
    assert.equal(normalizeDate('15/3/2024'), undefined);
  });

  it('a title from the description: its first clause, at most 40 characters', () => {
    assert.equal(titleFromDescription('希望实时监控生产设备能耗,目标降低15%'), '希望实时监控生产设备能耗');
    assert.equal(titleFromDescription('Scan pallets at the dock. Quantities fill in.'), 'Scan pallets at the dock');
    assert.equal(titleFromDescription('a'.repeat(50)), `${'a'.repeat(40)}…`);
    assert.equal(
      titleFromDescription('Receivers scan every pallet label once and the quantities fill in from the notice'),
      'Receivers scan every pallet label once…',
    );
  });

  it('file names as the new-requirement command makes them; the usual folder', () => {
    assert.equal(requirementFileName('REQ-2026-001', 'Dark mode: wall display'), 'REQ-2026-001-dark-mode-wall-display.md');
    assert.equal(requirementFileName('需求-2024-001', '账期从 30 天延长到 60 天'), '需求-2024-001.md');
    assert.equal(usualFolder(['a/x.md', 'requirements/y.md', 'requirements/z.md']), 'requirements');
    assert.equal(usualFolder([]), undefined);
  });
});

describe('record table: import plan', () => {
  it('English headers, separate customer columns, a formula-guarded cell, a title column, a horizon', () => {
    const p = plan(
      "ID,Title,Customer,Contact,Industry,Size,Description,Source,Submitted,Type,Horizon,Related\r\nREQ-2026-010,Wall display,Litware,Sam,Logistics,large,'-40 °C in the cold store,market research,2026-05-02,Experience,short-term,A-1;B-2\r\n",
    );
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.refused, []);
    assert.equal(p.create.length, 1);
    assert.equal(p.create[0]!.file, 'requirements/REQ-2026-010-wall-display.md');
    assert.equal(
      p.create[0]!.text.split('---\n# ')[0],
      '---\nid: REQ-2026-010\ntitle: Wall display\ntype: experience\nstatus: new\ncustomer:\n  name: Litware\n  contact: Sam\n  industry: Logistics\n  size: large\nsource: market-research\nsubmitted: 2026-05-02\nhorizon: short-term\nrelated: [A-1, B-2]\n',
    );
    assert.match(p.create[0]!.text, /\n## Description 需求描述\n-40 °C in the cold store\n/);
  });

  it('an unknown column is noted and ignored; a file without any known column is refused whole', () => {
    assert.deepEqual(
      plan('标题,备注\nA title,x\n', { lang: 'en' }).refused[0]?.reasons.map((r) => r.code),
      ['type-missing'],
    );
    assert.deepEqual(
      plan('标题,备注\nA title,x\n').notes.map((n) => importMessage(n, 'zh-cn')),
      ['列“备注”不属于需求记录表，已忽略。'],
    );
    const none = plan('foo,bar\n1,2\n');
    assert.deepEqual(
      none.errors.map((e) => e.code),
      ['csv-no-columns'],
    );
    assert.deepEqual(
      plan('').errors.map((e) => e.code),
      ['csv-empty'],
    );
  });

  it('allocated IDs skip the workspace, other branches and kept IDs of later rows; they take the submitted year', () => {
    const p = plan(
      '需求编号,需求描述,初步分类,提交时间\n,第一条需求的描述,功能,2025-01-02\n需求-2025-003,第二条需求的描述,服务,2025-01-03\n,第三条需求的描述,体验,\n',
      {
        taken: new Map([['需求-2025-001', 'requirements/a.md']]),
        takenElsewhere: ['需求-2025-002'],
      },
    );
    assert.deepEqual(
      p.create.map((c) => [c.row, c.id, c.allocated]),
      [
        [2, '需求-2025-004', true],
        [3, '需求-2025-003', false],
        [4, '需求-2026-001', true],
      ],
    );
  });

  it("the guide's classification in the type column is named as a category, never turned into a type of another meaning", () => {
    const p = plan('需求描述,初步分类\n夜间值班响应慢,非功能需求\n月结流程要走审批,业务需求\n手机端审批,功能需求\n');
    // 功能需求 is a type alias too: that row is imported as functional.
    assert.deepEqual(
      p.create.map((c) => c.text.match(/^type: (.*)$/m)?.[1]),
      ['functional'],
    );
    assert.deepEqual(
      p.refused.map((r) => r.reasons.map((x) => [x.code, ...x.args])),
      [[['type-is-category', '非功能需求', 'non-functional']], [['type-is-category', '业务需求', 'business']]],
    );
    assert.equal(
      importMessage(p.refused[0]!.reasons[0]!, 'en'),
      'The type "非功能需求" is the guide\'s classification (category non-functional), not a type: put it in a Category (需求分类) column, and one of functional, experience, business, service (功能, 体验, 商务, 服务) in the type column.',
    );
    assert.equal(
      importMessage(p.refused[1]!.reasons[0]!, 'zh-cn'),
      '初步分类“业务需求”是指南中的需求分类（business），不是初步分类：请把它填在“需求分类”列，并在“初步分类”列填写功能、体验、商务、服务之一。',
    );
    // With both columns, both axes are kept.
    const both = plan('需求描述,初步分类,需求分类\n夜间值班响应慢,体验,非功能需求\n');
    assert.equal(both.refused.length, 0);
    assert.match(both.create[0]!.text, /^type: experience$/m);
    assert.match(both.create[0]!.text, /^category: (non-functional|非功能需求)$/m);
  });

  it('every refusal reads in both languages', () => {
    const p = plan('id,description,type,size,source\nREQ-1,x,功能,huge,phone\n');
    assert.deepEqual(
      p.refused[0]!.reasons.map((r) => importMessage(r, 'en')),
      [
        'Unknown company size "huge". Expected one of: small (小型), medium (中型), large (大型), enterprise (集团).',
        'A contact, industry or size without a customer name.',
        'Unknown source "phone". Expected one of: survey (问卷), interview (访谈), history (历史数据), feedback-form (反馈表), sales-log (销售日志), support-log (客服日志), market-research (市场调研), complaint (投诉).',
        'ID "REQ-1" does not follow the format {prefix}-{year}-{seq:3} with a prefix of REQ, 需求.',
      ],
    );
    assert.equal(
      importMessage(p.refused[0]!.reasons[0]!, 'zh-cn'),
      '客户规模“huge”无效。可选值：small (小型), medium (中型), large (大型), enterprise (集团)。',
    );
  });
});
