// `reqdesk import` and `reqdesk export` on real files: the seed's record table in UTF-8, UTF-8 with
// a BOM and GBK (bytes as Excel saves them), a file with broken rows, and the examples workspace.
// Every test asserts exactly which files exist afterwards, byte for byte.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeAllOrNothing } from '../../src/cli/importCommand';
import { runCli } from '../../src/cli/main';
import { writeWorkbook } from '../../src/files/workbook';
import { REPO_ROOT, snapshotFiles } from './support';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], cwd: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  // Outside a git repository anyway; --no-branches spares the look for one.
  const code = await runCli(
    argv[0] === 'import' ? [...argv, '--no-branches'] : argv,
    { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} },
    new Date(2026, 5, 1),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const snapshot = (dir: string) => snapshotFiles(dir);

const CSV_DIR = path.join(REPO_ROOT, 'test/fixtures/csv');
const csv = (name: string) => path.join(CSV_DIR, name);

const EMPTY_SECTIONS_ZH = `
## 客户背景 Background


## 需求场景 Scenario


## 期望目标 Goal
`;

/** The three files the seed table creates, in Chinese (the rows' language). */
const SEED_FILES: Record<string, string> = {
  'requirements/需求-2024-001.md': `---
id: 需求-2024-001
title: 希望实时监控生产设备能耗
type: functional
status: new
customer:
  name: 客户A
  contact: 王经理
  industry: 制造业
  size: medium
source: interview
submitted: 2024-03-15
related: [ORDER-2024-118]
---
# 希望实时监控生产设备能耗

## 需求描述 Description
希望实时监控生产设备能耗,目标降低15%
${EMPTY_SECTIONS_ZH}`,
  'requirements/需求-2024-002.md': `---
id: 需求-2024-002
title: 门店库存低于安全线时提醒补货
type: experience
status: new
customer:
  name: 客户B
  contact: 李总
  industry: 零售
  size: large
source: survey
submitted: 2024-03-20
related: [PRJ-7, ORDER-2024-120]
---
# 门店库存低于安全线时提醒补货

## 需求描述 Description
门店库存低于安全线时提醒补货，目标缺货率降到 2% 以下
场景：周末客流高峰时常缺货
${EMPTY_SECTIONS_ZH}`,
  'requirements/需求-2024-003.md': `---
id: 需求-2024-003
title: 账期从 30 天延长到 60 天
type: business
status: new
customer:
  name: 客户C
  industry: 物流
source: history
submitted: 2024-04-01
---
# 账期从 30 天延长到 60 天

## 需求描述 Description
账期从 30 天延长到 60 天，以便与年度预算周期对齐
${EMPTY_SECTIONS_ZH}`,
};

describe('cli: import', () => {
  let root: string;
  let before: Map<string, Buffer>;

  function nothingChanged() {
    const after = snapshot(root);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [name, bytes] of after) assert.ok(bytes.equals(before.get(name)!), `${name} changed`);
  }

  /** Exactly these files were added, with exactly this text; every other file is as it was. */
  function onlyAdded(files: Record<string, string>) {
    const after = snapshot(root);
    assert.deepEqual([...after.keys()].sort(), [...before.keys(), ...Object.keys(files)].sort());
    for (const [name, text] of Object.entries(files)) assert.equal(after.get(name)!.toString('utf8'), text, name);
    for (const [name, bytes] of before) assert.ok(bytes.equals(after.get(name)!), `${name} changed`);
  }

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('into an empty folder', () => {
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'reqdesk-import-'));
      before = snapshot(root);
    });

    for (const [name, encoding, label] of [
      ['seed.csv', 'auto', 'UTF-8'],
      ['seed-bom.csv', 'auto', 'UTF-8 with a BOM and CRLF'],
      ['seed-gbk.csv', 'auto', 'GBK with CRLF, detected'],
      ['seed-gbk.csv', 'gbk', 'GBK with CRLF, named'],
      ['seed.csv', 'utf8', 'UTF-8, named'],
    ] as const) {
      it(`the seed's record table in ${label}: three files, IDs kept and allocated, cells split and normalised`, async () => {
        const r = await run(['import', csv(name), '--encoding', encoding, '--lang', 'zh-CN'], root);
        assert.equal(r.code, 0, r.err);
        assert.equal(
          r.out,
          [
            '第 2 行: 创建 requirements/需求-2024-001.md (需求-2024-001, 保留编号)',
            '第 3 行: 创建 requirements/需求-2024-002.md (需求-2024-002, 新编号)',
            '第 4 行（文件第 5 行）: 创建 requirements/需求-2024-003.md (需求-2024-003, 新编号)',
          ].join('\n'),
        );
        assert.equal(r.err, '共 3 行：3 行可创建，0 行被拒绝。已创建 3 个文件。');
        onlyAdded(SEED_FILES);
        // What was written reads back as valid records.
        const v = await run(['validate', '--format', 'json'], root);
        assert.equal(JSON.parse(v.out).summary.errors, 0, v.out);
      });
    }

    it('GBK bytes read as UTF-8 on request: refused with the byte offset, nothing written', async () => {
      const r = await run(['import', csv('seed-gbk.csv'), '--encoding', 'utf8', '--lang', 'en'], root);
      assert.equal(r.code, 1);
      assert.match(r.err, /seed-gbk\.csv: The file is not valid UTF-8 \(first bad byte at offset 0\); try --encoding gbk or auto\./);
      assert.match(r.err, /Nothing was written\./);
      nothingChanged();
    });

    it('--dry-run prints the plan and writes nothing', async () => {
      const r = await run(['import', csv('seed.csv'), '--dry-run', '--lang', 'en'], root);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out.split('\n')[0], 'row 2: create requirements/需求-2024-001.md (需求-2024-001, ID kept)');
      assert.equal(r.err, '3 rows: 3 to create, 0 refused. Dry run: nothing was written.');
      nothingChanged();
    });

    it('--folder and --prefix: where the files go and the prefix of new IDs', async () => {
      const r = await run(['import', csv('seed.csv'), '--folder', 'requirements/imported', '--prefix', 'REQ', '--lang', 'en'], root);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual([...snapshot(root).keys()].sort(), [
        'requirements/imported/REQ-2024-001.md',
        'requirements/imported/REQ-2024-002.md',
        'requirements/imported/需求-2024-001.md',
      ]);
      // English headings for --lang en.
      assert.match(
        readFileSync(path.join(root, 'requirements/imported/REQ-2024-001.md'), 'utf8'),
        /\n## Description 需求描述\n门店库存低于安全线时提醒补货，/,
      );
    });

    it('a folder outside reqdesk.include is noted: the index would not see the files', async () => {
      const r = await run(['import', csv('seed.csv'), '--folder', 'docs', '--dry-run', '--lang', 'en'], root);
      assert.equal(r.code, 0);
      assert.match(r.err, /The new files in docs do not match reqdesk.include/);
    });

    it('usage errors exit 2', async () => {
      assert.equal((await run(['import'], root)).code, 2);
      assert.equal((await run(['import', csv('seed.csv'), '--encoding', 'latin1'], root)).code, 2);
      assert.equal((await run(['import', path.join(root, 'missing.csv')], root)).code, 2);
      assert.equal((await run(['import', csv('seed.csv'), '--folder', '../elsewhere'], root)).code, 2);
      nothingChanged();
    });
  });

  describe('into the examples workspace', () => {
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'reqdesk-import-'));
      cpSync(path.join(REPO_ROOT, 'examples'), root, { recursive: true });
      before = snapshot(root);
    });

    const MALFORMED_PLAN = [
      'row 2: create requirements/REQ-2026-101-export-invoices-as-pdf.md (REQ-2026-101, ID kept)',
      'row 3: refused (REQ-2026-102) — The row has 2 cells; the header has 9.',
      'row 4: refused — The row cannot be read as CSV (CSV_INVALID_CLOSING_QUOTE): a quote is not closed or is out of place.',
      'row 5: refused (REQ-2026-101) — ID REQ-2026-101 is already used by row 2 of this file.',
      'row 6: refused (REQ-2026-001) — ID REQ-2026-001 is already used by requirements/REQ-2026-001-carrier-status-push.md.',
      'row 7: refused — Submitted "2026-02-30" is not a date (write 2024-03-15 or 2024/3/15).',
      'row 8: refused — Unknown type "feature". Expected one of: functional (功能), experience (体验), business (商务), service (服务).',
      'row 9: create requirements/REQ-2026-103-dark-mode-for-the-wall-display.md (REQ-2026-103, new ID)',
    ].join('\n');

    const INVOICES = `---
id: REQ-2026-101
title: Export invoices as PDF
type: functional
status: new
customer:
  name: Northwind
  contact: Ann Lee
source: interview
submitted: 2026-05-04
related: [ORDER-88]
---
# Export invoices as PDF

## Description 需求描述
Accounts send invoices as PDF, "signed" by the system

## Customer background 客户背景


## Scenario 需求场景


## Expected goal 期望目标
`;

    const DARK_MODE = `---
id: REQ-2026-103
title: Dark mode for the wall display
type: experience
status: new
customer:
  name: Litware
  contact: Sam Ortiz
source: feedback-form
submitted: 2026-05-08
---
# Dark mode for the wall display

## Description 需求描述
Operators read the wall display at night;
the white background glares

## Customer background 客户背景


## Scenario 需求场景


## Expected goal 期望目标
`;

    it('broken rows (a shape error, an unclosed quote, a duplicate ID, a taken ID, a bad date, an unknown type) are refused by row number, the rest still planned; nothing is written; exit 1', async () => {
      const r = await run(['import', csv('malformed.csv'), '--lang', 'en'], root);
      assert.equal(r.code, 1);
      assert.equal(r.out, MALFORMED_PLAN);
      assert.equal(
        r.err,
        '8 rows: 2 to create, 6 refused. Nothing was written: fix the refused rows, or give --skip-invalid to import the others.',
      );
      nothingChanged();
    });

    it('--skip-invalid writes the valid rows only, and still exits 1; the ID of a row refused for its shape stays reserved (REQ-2026-102)', async () => {
      const r = await run(['import', csv('malformed.csv'), '--skip-invalid', '--lang', 'en'], root);
      assert.equal(r.code, 1);
      assert.equal(r.out, MALFORMED_PLAN);
      assert.equal(r.err, '8 rows: 2 to create, 6 refused. Created 2 files.');
      onlyAdded({
        'requirements/REQ-2026-101-export-invoices-as-pdf.md': INVOICES,
        'requirements/REQ-2026-103-dark-mode-for-the-wall-display.md': DARK_MODE,
      });
    });

    it('a kept ID the workspace uses is refused, and allocation continues after the workspace highest', async () => {
      const r = await run(['import', csv('seed.csv'), '--dry-run', '--lang', 'en'], root);
      assert.equal(r.code, 1);
      assert.equal(
        r.out,
        [
          'row 2: refused (需求-2024-001) — ID 需求-2024-001 is already used by requirements/需求-2024-001-能耗监控.md.',
          'row 3: create requirements/需求-2024-003.md (需求-2024-003, new ID)',
          'row 4 (line 5): create requirements/需求-2024-004.md (需求-2024-004, new ID)',
        ].join('\n'),
      );
      nothingChanged();
    });

    it('a file that is in the way is never overwritten: the row is refused', async () => {
      // Outside reqdesk.include the index does not see the file, so its number is handed out.
      mkdirSync(path.join(root, 'docs'));
      writeFileSync(path.join(root, 'docs/需求-2024-003.md'), 'notes, not a requirement\n');
      before = snapshot(root);
      const r = await run(['import', csv('seed.csv'), '--skip-invalid', '--folder', 'docs', '--lang', 'en'], root);
      assert.equal(r.code, 1);
      assert.match(r.out, /row 3: refused — docs\/需求-2024-003\.md already exists and is never overwritten\./);
      assert.equal(readFileSync(path.join(root, 'docs/需求-2024-003.md'), 'utf8'), 'notes, not a requirement\n');
    });

    it('a number in the name of a file the index sees is not handed out', async () => {
      writeFileSync(path.join(root, 'requirements/需求-2024-003.md'), 'notes, not a requirement\n');
      const r = await run(['import', csv('seed.csv'), '--dry-run', '--lang', 'en'], root);
      assert.match(r.out, /row 3: create requirements\/需求-2024-004\.md \(需求-2024-004, new ID\)/);
    });
  });

  describe('writing all or nothing', () => {
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'reqdesk-import-'));
      mkdirSync(path.join(root, 'requirements'));
      before = snapshot(root);
    });

    it('a file that appeared after planning makes the write fail: what was written, and the folders made, are removed', () => {
      mkdirSync(path.join(root, 'later'));
      writeFileSync(path.join(root, 'later/b.md'), 'someone else\n');
      before = snapshot(root);
      const outcome = writeAllOrNothing(root, [
        { file: 'new/deep/a.md', text: 'a\n' },
        { file: 'later/b.md', text: 'b\n' },
        { file: 'requirements/c.md', text: 'c\n' },
      ]);
      assert.equal(outcome.ok, false);
      assert.match(outcome.ok ? '' : outcome.error, /EEXIST/);
      nothingChanged();
      assert.deepEqual(readdirSync(root).sort(), ['later', 'requirements']);
    });

    it('all files written when nothing is in the way', () => {
      const outcome = writeAllOrNothing(root, [
        { file: 'requirements/a.md', text: 'a\n' },
        { file: 'requirements/sub/b.md', text: 'b\n' },
      ]);
      assert.equal(outcome.ok, true);
      onlyAdded({ 'requirements/a.md': 'a\n', 'requirements/sub/b.md': 'b\n' });
    });
  });
});

describe('cli: export', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-export-'));
    cpSync(path.join(REPO_ROOT, 'examples'), root, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('records as CSV for Excel: BOM, CRLF, the seed headers in Chinese, one row per requirement', async () => {
    const r = await run(['export', 'records', '--out', 'out/records.csv', '--lang', 'zh-CN'], root);
    assert.equal(r.code, 0, r.err);
    const bytes = readFileSync(path.join(root, 'out/records.csv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    assert.ok(text.endsWith('\r\n'));
    const lines = text.split('\r\n');
    // The seed's columns first, then the rest of each record (so that the table imports back into the same records).
    assert.equal(
      lines[0],
      '需求编号,需求标题,客户名称/联系人,客户行业/规模,需求描述,需求来源,提交时间,初步分类,关联订单/项目编号,' +
        '客户类型,紧急程度,状态,需求分类,优先级,优先级理由,MoSCoW 分类,Kano 分类,响应策略,无法满足原因,负责人,需求评估(JSON),' +
        '具体措施(JSON),时间节点(JSON),资源协调(JSON),优先级评审(JSON),风险预判(JSON),客户反馈(JSON),未收集反馈原因,' +
        '需求变更(JSON),实现效果(JSON),经验总结,客户背景,需求场景,期望目标,正文其余部分,其他字段(JSON)',
    );
    // The description's two lines stay one quoted cell, its line break a CRLF.
    assert.ok(
      text.includes(
        '\r\n需求-2024-001,实时监控生产设备能耗,客户A / 王经理,制造业 / 中型,"在手机端一键查看每台生产设备的实时功率（kW）和当日累计用电（kWh），数据刷新间隔不超过 60 秒；\r\nPC 端看板按车间汇总，并列出当日能耗最高的 10 台设备。",访谈,2024-03-15,功能,ORDER-2024-118,老客户,短期,closed,',
      ),
      text,
    );
    assert.equal(text.match(/^(?:REQ|需求)-\d{4}-\d{3},/gm)?.length, readdirSync(path.join(root, 'requirements')).length);
  });

  it('the plan table as Markdown: one row per task with scheduled dates, one row for a record without tasks', async () => {
    const r = await run(['export', 'plan', '--format', 'md', '--lang', 'zh-CN'], root);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], '| 需求编号 | 策略 | 措施 | 负责人 | 时间节点 | 风险预判 |');
    assert.equal(lines[1], '|---|---|---|---|---|---|');
    const risks = '开发周期可能延迟，需提前与客户沟通预期；2012 年前的 6 台空压机没有数字电表，需加装采集网关';
    // T2 depends on T1 (3 working days from Monday 2024-03-18): it starts the Thursday after.
    assert.deepEqual(
      lines.filter((l) => l.startsWith('| 需求-2024-001 ')),
      [
        `| 需求-2024-001 | 满足需求 | 前端UI设计 | 李四 | 2024-03-18 – 2024-03-20 | ${risks} |`,
        `| 需求-2024-001 | 满足需求 | 后端数据接口开发 | 王五 | 2024-03-21 – 2024-03-27 | ${risks} |`,
      ],
    );
    // Declined without tasks: the reason is the measure.
    assert.match(r.out, /\n\| 需求-2026-004 \| 无法满足 \| 当前版本依赖云端时序数据库，无法离线部署；.* \| 刘洋 \|  \|  \|\n/);
    const english = await run(['export', 'plan', '--format', 'csv', '--lang', 'en'], root);
    assert.equal(english.out.split('\r\n')[0], '\uFEFFID,Strategy,Measure,Owner,Dates,Risks');
    assert.ok(
      english.out.includes(
        '\r\nREQ-2024-006,Partial,Contract amendment,周敏,2024-09-06 – 2024-09-10,Customer may open a tender if the counter-offer is refused\r\n',
      ),
      english.out,
    );
  });

  it('names the files that share an ID and the records with errors, in both languages', async () => {
    for (const table of ['records', 'plan']) {
      const r = await run(['export', table, '--lang', 'en'], root);
      assert.equal(r.code, 0, r.err);
      const lines = r.err.split('\n');
      assert.ok(
        lines.includes(
          'reqdesk: ID REQ-2025-004 is used by requirements/REQ-2025-004-csv-encoding.md, requirements/REQ-2026-092-duplicate-id.md: their rows share the ID; give each file its own ID.',
        ),
        r.err,
      );
      // REQ-2026-090 has warnings only: it is not named.
      for (const broken of ['REQ-2026-091-declined-no-reason', 'REQ-2026-092-duplicate-id']) {
        assert.ok(
          lines.some((l) =>
            new RegExp(`^reqdesk: requirements/${broken}\\.md has \\d+ errors: its row shows the file as it reads\\.$`).test(l),
          ),
          `${broken}: ${r.err}`,
        );
      }
      assert.equal(lines.length, 3, r.err);
    }
    const zh = await run(['export', 'plan', '--lang', 'zh-CN'], root);
    assert.match(
      zh.err,
      /^reqdesk: 编号 REQ-2025-004 被 requirements\/REQ-2025-004-csv-encoding\.md, requirements\/REQ-2026-092-duplicate-id\.md 共同使用/m,
    );
  });

  it('usage errors exit 2', async () => {
    assert.equal((await run(['export'], root)).code, 2);
    assert.equal((await run(['export', 'tasks'], root)).code, 2);
    assert.equal((await run(['export', 'records', '--format', 'ods'], root)).code, 2);
    // A workbook is not text: it needs a file.
    assert.equal((await run(['export', 'records', '--format', 'xlsx'], root)).code, 2);
  });

  it("round trip of cells Excel would run as formulas: '=x, =x, ''=x, a;=b, -1 and a bullet list come back as typed", async () => {
    const titles = ["'=x", '=x', "''=x", "'quoted'", 'a;=b', '-1', '@SUM(A1)', '+1 ; -2, =3'];
    const description = '- first\n- second;=HYPERLINK("http://x")\n\'=kept';
    const target = mkdtempSync(path.join(tmpdir(), 'reqdesk-formula-'));
    const source = mkdtempSync(path.join(tmpdir(), 'reqdesk-formula-src-'));
    try {
      mkdirSync(path.join(source, 'requirements'));
      titles.forEach((title, i) => {
        const id = `REQ-2026-${String(i + 1).padStart(3, '0')}`;
        const body = `# T\n\n## Description\n${description}\n\n## Background\nb\n\n## Scenario\ns\n\n## Goal\ng\n`;
        writeFileSync(
          path.join(source, 'requirements', `${id}.md`),
          `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\ntype: functional\nstatus: new\nsubmitted: 2026-06-01\n---\n${body}`,
        );
      });
      const exported = await run(['export', 'records', '--out', 'records.csv', '--lang', 'en'], source);
      assert.equal(exported.code, 0, exported.err);
      const csvText = readFileSync(path.join(source, 'records.csv'), 'utf8');
      // Guarded in the file: no cell, in any locale's reading, starts a formula.
      assert.ok(csvText.includes(`REQ-2026-001,''=x,`), csvText);
      assert.ok(csvText.includes(`REQ-2026-002,'=x,`), csvText);
      assert.ok(csvText.includes(`REQ-2026-005,"a;'=b"`), csvText);
      const imported = await run(['import', path.join(source, 'records.csv'), '--lang', 'en'], target);
      assert.equal(imported.code, 0, `${imported.out}\n${imported.err}`);
      const listed = JSON.parse((await run(['list', '--format', 'json'], target)).out) as Array<{ id: string; title: string }>;
      assert.deepEqual(
        listed.map((x) => [x.id, x.title]).sort(),
        titles.map((title, i) => [`REQ-2026-${String(i + 1).padStart(3, '0')}`, title]),
      );
      const again = await run(['export', 'records', '--lang', 'en'], target);
      assert.ok(again.out.includes(`,"'- first\r\n'- second;'=HYPERLINK(""http://x"")\r\n''=kept",`), again.out);
      assert.equal(again.out, (await run(['export', 'records', '--lang', 'en'], source)).out);
    } finally {
      rmSync(target, { recursive: true, force: true });
      rmSync(source, { recursive: true, force: true });
    }
  });

  it('Excel: export --format xlsx, import the workbook into an empty folder: the same table; a bad cell is refused by row and column', async () => {
    for (const f of ['REQ-2026-090-broken-scores.md', 'REQ-2026-091-declined-no-reason.md', 'REQ-2026-092-duplicate-id.md'])
      rmSync(path.join(root, 'requirements', f));
    const exported = await run(['export', 'records', '--format', 'xlsx', '--out', 'records.xlsx', '--lang', 'zh-CN'], root);
    assert.equal(exported.code, 0, exported.err);
    const target = mkdtempSync(path.join(tmpdir(), 'reqdesk-xlsx-'));
    try {
      const imported = await run(['import', path.join(root, 'records.xlsx'), '--lang', 'en'], target);
      assert.equal(imported.code, 0, `${imported.out}\n${imported.err}`);
      assert.equal(
        (await run(['export', 'records', '--lang', 'zh-CN'], target)).out,
        (await run(['export', 'records', '--lang', 'zh-CN'], root)).out,
      );
      // A hand-edited JSON cell that does not parse: the row is refused, its row and column named; nothing is written.
      const table = {
        header: ['需求编号', '需求描述', '初步分类', '需求评估(JSON)'],
        rows: [
          ['REQ-2026-201', 'ok', '功能', '{"importance": 4}'],
          ['REQ-2026-202', 'bad', '功能', '{importance: 4}'],
        ],
      };
      writeFileSync(path.join(target, 'bad.xlsx'), await writeWorkbook(table, 'en'));
      const before = snapshot(target);
      const bad = await run(['import', 'bad.xlsx', '--lang', 'en'], target);
      assert.equal(bad.code, 1);
      assert.match(bad.out, /^row 3: refused \(REQ-2026-202\) — Column "需求评估\(JSON\)" is not valid JSON \(.+\)\.$/m);
      assert.deepEqual(snapshot(target), before);
      // Not a workbook at all.
      writeFileSync(path.join(target, 'broken.xlsx'), 'not a zip');
      const broken = await run(['import', 'broken.xlsx', '--lang', 'en'], target);
      assert.equal(broken.code, 1);
      assert.match(broken.err, /broken\.xlsx: The file cannot be read as an Excel workbook \(\.xlsx\): /);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });

  it('round trip: the records exported and imported into an empty folder are the same records', async () => {
    // The deliberately broken examples (a duplicate ID, invalid values) are left out.
    for (const f of ['REQ-2026-090-broken-scores.md', 'REQ-2026-091-declined-no-reason.md', 'REQ-2026-092-duplicate-id.md'])
      rmSync(path.join(root, 'requirements', f));
    for (const lang of ['en', 'zh-CN']) {
      const exported = await run(['export', 'records', '--out', `records-${lang}.csv`, '--lang', lang], root);
      assert.equal(exported.code, 0, exported.err);
      const target = mkdtempSync(path.join(tmpdir(), 'reqdesk-roundtrip-'));
      try {
        const imported = await run(['import', path.join(root, `records-${lang}.csv`), '--lang', lang], target);
        assert.equal(imported.code, 0, `${imported.out}\n${imported.err}`);
        const again = await run(['export', 'records', '--lang', lang], target);
        const first = await run(['export', 'records', '--lang', lang], root);
        assert.equal(again.out, first.out);
        const listed = await run(['list', '--format', 'json'], target);
        const original = await run(['list', '--format', 'json'], root);
        const keys = (out: string) =>
          (JSON.parse(out) as Array<{ id: string; type: string; title: string; customer: string }>)
            .map((x) => `${x.id} ${x.type} ${x.customer} ${x.title}`)
            .sort();
        assert.deepEqual(keys(listed.out), keys(original.out));
      } finally {
        rmSync(target, { recursive: true, force: true });
      }
    }
  });
});
