// The periodic reports in the real workbench, on the examples with their git history: the preview's
// figures and charts (read through the page's frames by the runner), the records skipped for
// errors named, Save as Markdown through the command (a new file, never over an existing one),
// and a screenshot of the preview.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportDocument } from '../../src/core/reports/document';
import { presetWeek } from '../../src/core/reports/isoWeek';
import { localize } from '../../src/core/l10n';
import { localToday } from '../../src/workspace/localToday';
import {
  chinese,
  engine,
  mouse,
  queryWebviews,
  screenshot,
  screenshotsInThemes,
  skipWithoutDom,
  until,
  viewport,
  waitForDom as waitForDomWithin,
  workspaceFile,
  type FoundElement,
} from './support';

/** The report webview takes a while to draw its charts: a longer wait than the default. */
const waitForDom = (name: string, selector: string, ok: (found: FoundElement[]) => boolean) => waitForDomWithin(name, selector, ok, 30_000);

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri);
  } catch {
    // already gone
  }
}

const table = (doc: ReportDocument, key: string, n = 0) => {
  const blocks = doc.sections.find((s) => s.key === key)?.blocks.filter((b) => b.kind === 'table') ?? [];
  const b = blocks[n];
  assert.ok(b && b.kind === 'table', `a table in ${key}`);
  return b.rows;
};

const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
const SAVED = workspaceFile('reports', 'implementation-2024.md');

describe('reports', function () {
  this.timeout(120_000);

  before(async () => {
    const api = await engine();
    await until(() => api.commits.current.kind === 'ready', 'commits are linked');
  });

  after(async () => {
    await remove(SAVED);
    await remove(workspaceFile('reports'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('computes the implementation report from the files and their git history', async () => {
    const doc = (await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'implementation', ...YEAR_2024 })) as ReportDocument;
    assert.ok(doc, 'the command returns the document it shows');
    assert.equal(
      doc.title,
      vscode.env.language.startsWith('zh')
        ? '需求实现情况报告（2024-01-01 至 2024-12-31）'
        : 'Requirement implementation report — 2024-01-01 to 2024-12-31',
    );
    // Planned in 2024: 需求-2024-001 (P1) and REQ-2024-006 (P1), REQ-2024-003 and 需求-2024-002 (P2),
    // all finished now. Only 需求-2024-001 was moved to delivered by a commit (2024-04-02, a day
    // after its planned_done); the others were first committed already finished.
    const rows = table(doc, 'by-priority');
    assert.deepEqual(rows[0], ['P1', '2', '2', '100%', '1', '0']);
    assert.deepEqual(rows[1], ['P2', '2', '2', '100%', '0', '0']);
    assert.deepEqual(rows.at(-1)!.slice(1), ['4', '4', '100%', '1', '0']);
    const coverage = doc.sections.find((s) => s.key === 'commit-coverage')!.blocks[0]!;
    assert.ok(coverage.kind === 'text' && /\b4\b.*\b4\b.*100%/.test(coverage.text), JSON.stringify(coverage));
    // The files with errors are named, never counted.
    const skipped = doc.sections.find((s) => s.key === 'skipped')!.blocks.find((b) => b.kind === 'list')!;
    assert.ok(skipped.kind === 'list');
    assert.deepEqual(
      skipped.items.map((i) => i.split(/[ （:：]/)[0]),
      [
        'requirements/REQ-2025-004-csv-encoding.md',
        'requirements/REQ-2026-091-declined-no-reason.md',
        'requirements/REQ-2026-092-duplicate-id.md',
      ],
    );
  });

  it('counts the degree met of the finished requirements and lists the effects they measured beside their goals', async () => {
    const doc = (await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'implementation', ...YEAR_2024 })) as ReportDocument;
    // 需求-2024-001 and REQ-2024-006 (P1) were met in part, REQ-2024-003 and 需求-2024-002 (P2) in full.
    const degree = table(doc, 'degree-met');
    assert.deepEqual(degree[0], ['P1', '0', '2', '0', '0', '0', '2']);
    assert.deepEqual(degree[1], ['P2', '2', '0', '0', '0', '0', '2']);
    assert.deepEqual(degree.at(-1)!.slice(1), ['2', '2', '0', '0', '0', '4']);
    const effects = table(doc, 'effect');
    assert.deepEqual(
      effects.map((r) => r[0]!.split(' ')[0]),
      ['REQ-2024-003', 'REQ-2024-006', '需求-2024-001', '需求-2024-002'],
    );
    // The expected goal comes from the record's 期望目标 section, the measured effect from its outcome.
    assert.deepEqual(effects[2]!.slice(2), [
      '6 个月内能耗成本降低 15%；任何设备的功率异常在 10 分钟内能在手机端看到。',
      `6 个月能耗成本降低 12.4%；功率异常平均 4 分钟内在手机端可见${vscode.env.language.startsWith('zh') ? '（' : ' ('}2012 年前的 6 台空压机加装网关后再评估${vscode.env.language.startsWith('zh') ? '）' : ')'}`,
    ]);
  });

  it('draws the report with its tables and SVG bar charts in the webview', async function () {
    skipWithoutDom(this);
    const heading = (await waitForDom('report-title', 'article.report h1', (found) => found.some((h) => h.text.includes('2024-01-01'))))!;
    assert.equal(heading.length, 1);
    assert.match(heading[0]!.text, /2024-01-01/);
    const bars = await queryWebviews('report-bars', 'figure.chart rect.bar');
    // Two charts (priority, type) of planned and delivered bars: 4 priorities + 4 types, 2 series each.
    assert.equal(bars!.length, 16);
    const p1 = bars!.filter((b) => b.data.group === 'P1').map((b) => b.data.value);
    assert.deepEqual(p1, ['2', '2']);
    const cells = await queryWebviews('report-cells', 'section[data-key="by-priority"] tbody tr:first-child td');
    assert.deepEqual(
      cells!.map((c) => c.text),
      ['P1', '2', '2', '100%', '1', '0'],
    );
    const skipped = await queryWebviews('report-skipped', 'section[data-key="skipped"] li');
    assert.equal(skipped!.length, 3);
    const effects = await queryWebviews('report-effects', 'section[data-key="effect"] tbody tr');
    assert.equal(effects!.length, 4);
    // The degree met and the effects, scrolled into view: the screenshot shows the two sections.
    await mouse('report-effect-hover', { action: 'hover', selector: 'section[data-key="effect"] tbody tr:last-child' });
    await screenshot('report-effect.png');
  });

  it('shows the satisfaction report by customer, type and month, with mean-score charts', async function () {
    const doc = (await vscode.commands.executeCommand('reqdesk.showReport', {
      kind: 'satisfaction',
      from: '2024-01-01',
      to: '2024-12-31',
    })) as ReportDocument;
    // 2024: 需求-2024-001 4 (04-06), REQ-2024-003 4 (04-18), 需求-2024-002 5 (05-14), REQ-2024-006 3 (09-19).
    assert.deepEqual(table(doc, 'overall')[0]!.slice(1), ['0', '0', '1', '2', '1']);
    assert.deepEqual(
      table(doc, 'by-customer').map((r) => [r[0], r[1], r[2]]),
      [
        ['客户A', '3', '4.33'],
        ['华美超市', '1', '3.00'],
      ],
    );
    skipWithoutDom(this);
    const months = (await waitForDom('report-months', 'figure.chart rect.bar', (found) => found.length === 2 + 2 + 12))!;
    assert.equal(months.length, 2 + 2 + 12);
    assert.deepEqual(
      months.filter((b) => /^\d{4}-\d{2}$/.test(b.data.group ?? '') && b.data.value !== '0').map((b) => [b.data.group, b.data.value]),
      [
        ['2024-04', '4'],
        ['2024-05', '5'],
        ['2024-09', '3'],
      ],
    );
  });

  it('saves the report as a new Markdown file, and never over an existing one', async () => {
    const uri = (await vscode.commands.executeCommand('reqdesk.saveReport', {
      kind: 'implementation',
      ...YEAR_2024,
      file: SAVED.toString(),
    })) as vscode.Uri | undefined;
    assert.equal(uri?.toString(), SAVED.toString());
    const text = await read(SAVED);
    assert.match(text, /^# (Requirement implementation report — 2024-01-01 to 2024-12-31|需求实现情况报告（2024-01-01 至 2024-12-31）)\n/);
    assert.match(text, /\n\| P1 \| 2 \| 2 \| 100% \| 1 \| 0 \|\n/);
    assert.match(text, /requirements\/REQ-2026-091-declined-no-reason\.md/);

    // Asked again for the same file: refused, the file untouched.
    await vscode.workspace.fs.writeFile(SAVED, new TextEncoder().encode('my notes\n'));
    const again = await vscode.commands.executeCommand('reqdesk.saveReport', { kind: 'process', ...YEAR_2024, file: SAVED.toString() });
    assert.equal(again, undefined);
    assert.equal(await read(SAVED), 'my notes\n');
    await remove(SAVED);
    await remove(workspaceFile('reports'));

    // Outside the workspace: written through the file system.
    const outside = vscode.Uri.file(path.join(os.tmpdir(), `reqdesk-report-${process.pid}-${Date.now()}.md`));
    try {
      const written = (await vscode.commands.executeCommand('reqdesk.saveReport', {
        kind: 'satisfaction',
        ...YEAR_2024,
        file: outside.fsPath,
      })) as vscode.Uri | undefined;
      assert.equal(written?.fsPath, outside.fsPath);
      assert.match(await read(outside), /(Customer satisfaction report|客户满意度评估报告)/);
    } finally {
      await remove(outside);
    }
  });

  it('refuses a wrong report or period from arguments', async () => {
    assert.equal(await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'quality' }), undefined);
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'process', from: '2026-02-30', to: '2026-03-31' }),
      undefined,
    );
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.saveReport', {
        kind: 'process',
        from: '2026-04-01',
        to: '2026-03-31',
        file: SAVED.toString(),
      }),
      undefined,
    );
  });

  it('shows the weekly progress report of a week: its sections, a task a commit marked done, and links to the requirements', async function () {
    const doc = (await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'weekly', week: '2026-W43' })) as ReportDocument;
    assert.equal(doc.kind, 'weekly');
    assert.deepEqual([doc.from, doc.to], ['2026-10-19', '2026-10-25']);
    const keys = ['summary', 'done', 'started', 'late', 'promises', 'by-requirement', 'by-owner', 'next-week', 'skipped'];
    assert.deepEqual(
      doc.sections.map((s) => s.key),
      keys,
    );
    // REQ-2026-003's T2 went from doing to done in the commit of 2026-10-23 (examples/build-git-demo.mjs),
    // four days after its scheduled end: the commit dates it.
    const lang = chinese() ? 'zh-cn' : 'en';
    assert.deepEqual(
      table(doc, 'done').find((row) => row[0] === 'REQ-2026-003'),
      [
        'REQ-2026-003',
        'T2 Pre-aggregate 1-minute rollups',
        '王五',
        '2026-10-23',
        localize(lang, { message: 'Commit', comment: 'what dates a task as done' }),
      ],
      JSON.stringify(table(doc, 'done')),
    );
    assert.ok(
      table(doc, 'by-requirement').some((row) => row[0]!.startsWith('REQ-2026-003 ')),
      'the requirement has its row',
    );
    skipWithoutDom(this);
    await waitForDom('weekly-title', 'article.report[data-kind="weekly"] h1', (found) => found.some((h) => h.text === doc.title));
    const sections = await waitForDom(
      'weekly-sections',
      'article.report[data-kind="weekly"] section',
      (found) => found.length === keys.length,
    );
    assert.deepEqual(
      sections!.map((s) => s.data.key),
      keys,
    );
    const links = (await waitForDom('weekly-links', 'section[data-key="done"] a.id-link', (found) => found.length > 0))!;
    assert.ok(
      links.some((a) => a.data.id === 'REQ-2026-003'),
      links.map((a) => a.text).join(', '),
    );
    const cells = await queryWebviews('weekly-done-cells', 'section[data-key="done"] tbody tr:first-child td');
    assert.deepEqual(
      cells!.map((c) => c.text),
      table(doc, 'done')[0],
    );
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('report-weekly.png');

    // A busier week on a smaller screen: every owner a row of the table and a group of three bars.
    const busy = (await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'weekly', week: '2026-W49' })) as ReportDocument;
    const owners = table(busy, 'by-owner').slice(0, -1);
    assert.ok(owners.length > 1, JSON.stringify(owners));
    await viewport('weekly-1366', 1366, 768);
    try {
      const bars = await waitForDom(
        'weekly-owner-bars',
        'section[data-key="by-owner"] figure.chart rect.bar',
        (found) => found.length === owners.length * 3 && found.some((b) => b.data.group === owners[0]![0]),
      );
      assert.equal(bars!.length, owners.length * 3);
      await mouse('weekly-owners-point', { action: 'hover', selector: 'section[data-key="by-owner"] figure.chart' });
      await screenshot('report-weekly-owners-1366.png');
    } finally {
      await viewport('weekly-1440', 1440, 900);
    }

    // From another report, the weekly tab opens this week (a quarter is no week), and back again the quarter it showed.
    await vscode.commands.executeCommand('reqdesk.showReport', { kind: 'process', ...YEAR_2024 });
    await waitForDom('weekly-from-process', 'article.report[data-kind="process"]', (found) => found.length > 0);
    await mouse('weekly-tab', { action: 'click', selector: 'button.kind[data-kind="weekly"]' });
    const week = presetWeek('this', localToday());
    const heading = await waitForDom('weekly-this-week', 'article.report[data-kind="weekly"] h1', (found) =>
      found.some((h) => h.text.includes(week.from) && h.text.includes(week.to)),
    );
    assert.ok(
      heading!.some((h) => h.text.includes(week.from) && h.text.includes(week.to)),
      heading!.map((h) => h.text).join(),
    );
    await mouse('process-tab', { action: 'click', selector: 'button.kind[data-kind="process"]' });
    const back = await waitForDom('weekly-back-to-process', 'article.report[data-kind="process"] h1', (found) =>
      found.some((h) => h.text.includes('2024-01-01')),
    );
    assert.ok(
      back!.some((h) => h.text.includes('2024-12-31')),
      back!.map((h) => h.text).join(),
    );
  });

  it('looks right: the implementation report of this year in three themes, the satisfaction report of two years (what they show, and screenshots)', async function () {
    const today = new Date();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const year = today.getFullYear();
    const doc = (await vscode.commands.executeCommand('reqdesk.showReport', {
      kind: 'implementation',
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    })) as ReportDocument;
    assert.ok(doc);
    const rows = table(doc, 'by-priority');
    skipWithoutDom(this);
    const heading = (await waitForDom('report-shot', 'article.report h1', (found) => found.some((h) => h.text.includes(`${year}-01-01`))))!;
    assert.equal(heading.length, 1);
    assert.equal(heading[0]!.text, doc.title);
    // The table on screen is the document's.
    const cells = await waitForDom(
      'report-shot-cells',
      'section[data-key="by-priority"] tbody tr:first-child td',
      (found) => found.length > 0,
    );
    assert.deepEqual(
      cells!.map((c) => c.text),
      rows[0],
    );
    await screenshot('report-preview.png');
    await screenshotsInThemes('report', 'table.figures td');
    // Customers with Chinese names, the means as bars.
    const satisfaction = (await vscode.commands.executeCommand('reqdesk.showReport', {
      kind: 'satisfaction',
      from: '2024-01-01',
      to: '2025-12-31',
    })) as ReportDocument;
    const customers = table(satisfaction, 'by-customer').map((r) => r[0]);
    const shown = (await waitForDom('report-shot-satisfaction', 'article.report h1', (found) =>
      found.some((h) => h.text.includes('2025-12-31')),
    ))!;
    assert.equal(shown[0]!.text, satisfaction.title);
    const customerCells = await waitForDom(
      'report-shot-customers',
      'section[data-key="by-customer"] tbody td:first-child',
      (found) => found.length === customers.length,
    );
    assert.deepEqual(
      customerCells!.map((c) => c.text),
      customers,
    );
    assert.ok(
      customers.some((c) => /[\u4e00-\u9fff]/.test(c ?? '')),
      customers.join(', '),
    );
    await screenshot('report-satisfaction.png');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });
});
