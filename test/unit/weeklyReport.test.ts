// The weekly progress report on a fixture workspace (test/fixtures/weekly): ISO weeks, tasks' completion
// dates from a file's versions, the exact figures for a fixed today with and without git (tasks across
// the week's ends, working days, owners, promises kept, open and late), an empty week, and the exact
// Markdown in both languages.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { NodeFileSource } from '../../src/cli/nodeFileSource';
import type { FileVersion } from '../../src/core/history';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { reportDocument, reportTitle } from '../../src/core/reports/document';
import { computeReport, type ReportInput } from '../../src/core/reports/figures';
import {
  exactWeek,
  isoWeekday,
  isoWeekOf,
  parseIsoWeek,
  presetWeek,
  weekFromText,
  weekLabel,
  weekRange,
  weeksInYear,
} from '../../src/core/reports/isoWeek';
import { reportMarkdown } from '../../src/core/reports/markdown';
import { taskCompletionDates } from '../../src/core/reports/taskCompletions';
import type { WeeklyFigures } from '../../src/core/reports/weekly';
import { DEFAULT_CALENDAR } from '../../src/core/schedule';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { toReportSchema } from '../../src/protocol/report';
import { REPO_ROOT } from './support';

const ROOT = path.join(REPO_ROOT, 'test/fixtures/weekly');
/** 2026-W11: Monday 9 March to Sunday 15 March 2026. */
const WEEK = { from: '2026-03-09', to: '2026-03-15' };
/** The Thursday of that week. */
const THURSDAY = '2026-03-12';
const F = (name: string) => `requirements/${name}.md`;
const SCANNING = { file: F('REQ-2026-101-pallet-scanning'), id: 'REQ-2026-101', title: 'Pallet scanning' };
const SEARCH = { file: F('REQ-2026-102-search'), id: 'REQ-2026-102', title: 'Search answers within a second' };
const LATER = { file: F('REQ-2026-103-later'), id: 'REQ-2026-103', title: 'Later work' };

async function loadFixture(): Promise<RequirementIndex> {
  const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
  await index.build(new NodeFileSource({ root: ROOT, include: DEFAULT_SETTINGS.include, exclude: DEFAULT_SETTINGS.exclude }));
  return index;
}

/**
 * As git would date them: REQ-2026-101's T1 was marked done on Tuesday of the week (it was due the
 * Friday before), REQ-2026-102's T2 only the week after (though scheduled to end in the week).
 */
const COMPLETIONS = new Map([
  [SCANNING.file, new Map([['T1', '2026-03-10']])],
  [SEARCH.file, new Map([['T2', '2026-03-20']])],
]);

async function input(today: string, git: boolean, range = WEEK): Promise<ReportInput> {
  const index = await loadFixture();
  return {
    records: index.all(),
    range,
    today,
    calendar: DEFAULT_CALENDAR,
    problemsOf: (r) => index.problemsFor(r.file),
    ...(git ? { taskCompletions: COMPLETIONS } : { histories: { unavailable: 'no-repository' as const } }),
  };
}

async function weekly(today: string, git: boolean, range = WEEK) {
  const report = computeReport('weekly', await input(today, git, range));
  return { report, f: report.figures as WeeklyFigures };
}

/** A committed version of a file with only an ID and tasks given as `id: status`. */
function version(date: string, tasks: Record<string, string> | undefined): FileVersion {
  const lines = Object.entries(tasks ?? {}).map(([id, status]) => `  - id: ${id}\n    title: Task ${id}\n    status: ${status}`);
  return {
    commit: `c-${date}`,
    author: 'Ada',
    date: `${date}T18:00:00+08:00`,
    path: 'x.md',
    text: tasks === undefined ? undefined : `---\nid: REQ-1\ntasks:\n${lines.join('\n')}\n---\n`,
  };
}

describe('weekly report: ISO weeks', () => {
  it('numbers weeks from the one holding the first Thursday, across the ends of a year', () => {
    assert.equal(isoWeekday('2026-03-09'), 1);
    assert.equal(isoWeekday('2026-03-15'), 7);
    assert.deepEqual(isoWeekOf('2026-03-12'), { year: 2026, week: 11 });
    assert.deepEqual(isoWeekOf('2026-12-31'), { year: 2026, week: 53 });
    assert.deepEqual(isoWeekOf('2027-01-03'), { year: 2026, week: 53 });
    assert.deepEqual(isoWeekOf('2027-01-04'), { year: 2027, week: 1 });
    assert.deepEqual(isoWeekOf('2024-12-30'), { year: 2025, week: 1 });
    assert.deepEqual(isoWeekOf('2021-01-03'), { year: 2020, week: 53 });
    assert.equal(weeksInYear(2026), 53);
    assert.equal(weeksInYear(2025), 52);
    assert.deepEqual(weekRange({ year: 2026, week: 11 }), WEEK);
    assert.deepEqual(weekRange({ year: 2025, week: 1 }), { from: '2024-12-30', to: '2025-01-05' });
    assert.equal(weekLabel({ year: 2026, week: 9 }), '2026-W09');
  });

  it('reads YYYY-Www and the presets, and refuses weeks that do not exist', () => {
    assert.deepEqual(parseIsoWeek('2026-W11'), { year: 2026, week: 11 });
    assert.deepEqual(parseIsoWeek('2026-w53'), { year: 2026, week: 53 });
    for (const wrong of ['2025-W53', '2026-W00', '2026-W54', '2026W11', '2026-W1', '0000-W01', 'W11'])
      assert.equal(parseIsoWeek(wrong), undefined, wrong);
    assert.deepEqual(presetWeek('this', THURSDAY), WEEK);
    assert.deepEqual(presetWeek('this', '2026-03-15'), WEEK, 'Sunday is the last day of its week');
    assert.deepEqual(presetWeek('last', '2026-03-09'), { from: '2026-03-02', to: '2026-03-08' });
    assert.deepEqual(presetWeek('next', THURSDAY), { from: '2026-03-16', to: '2026-03-22' });
    assert.deepEqual(weekFromText('last', THURSDAY), { from: '2026-03-02', to: '2026-03-08' });
    assert.deepEqual(weekFromText('2026-W11', '2030-01-01'), WEEK);
    assert.equal(weekFromText('fortnight', THURSDAY), undefined);
    assert.deepEqual(exactWeek(WEEK), { year: 2026, week: 11 });
    assert.equal(exactWeek({ from: '2026-03-10', to: '2026-03-16' }), undefined, 'Tuesday to Monday is no ISO week');
    assert.equal(exactWeek({ from: '2026-03-09', to: '2026-03-22' }), undefined);
  });
});

describe('weekly report: when tasks were marked done', () => {
  it('dates a task by the commit that moved it to done, the last time it did', () => {
    const dates = taskCompletionDates([
      version('2026-03-02', { T1: 'todo', T2: 'todo', T3: 'doing', T4: 'todo' }),
      version('2026-03-04', { T1: 'doing', T2: 'done', T3: 'doing', T4: 'todo' }),
      version('2026-03-10', { T1: '完成', T2: 'doing', T3: 'doing', T4: 'todo' }),
      version('2026-03-11', { T1: 'done', T2: 'done', T3: 'doing', T4: 'done' }),
    ]);
    assert.deepEqual(Object.fromEntries(dates), { T1: '2026-03-10', T2: '2026-03-11', T4: '2026-03-11' });
  });

  it('never dates a task first committed already done, added done, or done before the file was deleted', () => {
    assert.deepEqual(taskCompletionDates([version('2026-03-02', { T1: 'done' })]).size, 0);
    assert.deepEqual(
      Object.fromEntries(taskCompletionDates([version('2026-03-02', { T1: 'todo' }), version('2026-03-05', { T1: 'todo', T2: 'done' })])),
      {},
    );
    const restored = taskCompletionDates([
      version('2026-03-02', { T1: 'todo' }),
      version('2026-03-03', { T1: 'done' }),
      version('2026-03-04', undefined),
      version('2026-03-05', { T1: 'done' }),
    ]);
    assert.equal(restored.size, 0);
  });

  it('compares across an unreadable version with the last readable one', () => {
    const broken: FileVersion = { ...version('2026-03-03', {}), text: '---\ntasks: [\n---\n' };
    const dates = taskCompletionDates([version('2026-03-02', { T1: 'todo' }), broken, version('2026-03-06', { T1: 'done' })]);
    assert.deepEqual(Object.fromEntries(dates), { T1: '2026-03-06' });
  });
});

describe('weekly report: figures', () => {
  it('on the Thursday, with git: done by commit or schedule, started across the week, late, promises kept, open and late', async () => {
    const { report, f } = await weekly(THURSDAY, true);
    assert.equal(report.kind, 'weekly');
    assert.deepEqual(report.missing, {});
    assert.equal(report.counted, 4);
    assert.deepEqual(
      report.skipped.map((s) => s.id),
      ['REQ-2026-105'],
    );
    assert.equal(f.week, '2026-W11');
    assert.equal(f.asOf, THURSDAY);
    assert.equal(f.doneRule, 'commit');
    // T1 ended the Friday before and was marked done on Tuesday: a commit dates it in the week.
    // T2 (after T1, 3 working days from Monday) ends Wednesday; no commit dates it: its schedule does.
    // REQ-2026-102's T2 ends Thursday, but the commit that marked it done is the week after.
    assert.deepEqual(f.done, [
      {
        requirement: SCANNING,
        task: 'T1',
        title: 'Label format',
        owner: 'Bo',
        status: 'done',
        start: '2026-03-02',
        end: '2026-03-06',
        on: '2026-03-10',
        datedBy: 'commit',
      },
      {
        requirement: SCANNING,
        task: 'T2',
        title: 'Scanner app',
        owner: 'Ada',
        status: 'done',
        start: '2026-03-09',
        end: '2026-03-11',
        on: '2026-03-11',
        datedBy: 'schedule',
      },
    ]);
    // T3 starts Thursday and runs 4 working days over the weekend into next Tuesday.
    assert.deepEqual(
      f.started.map((t) => [t.requirement.id, t.task, t.owner, t.status, t.start, t.end]),
      [
        ['REQ-2026-101', 'T3', 'Cy', 'doing', '2026-03-12', '2026-03-17'],
        ['REQ-2026-103', 'T1', 'Dee', 'todo', '2026-03-13', '2026-03-13'],
      ],
    );
    // T4 starts Friday 6 March and takes 2 working days: it ends Monday, 3 working days before Thursday.
    assert.deepEqual(
      f.late.map((t) => [t.requirement.id, t.task, t.owner, t.end, t.workdaysLate]),
      [['REQ-2026-101', 'T4', 'Bo', '2026-03-09', 3]],
    );
    assert.deepEqual(
      f.promises.map((p) => [p.requirement.id, p.kind, p.due, p.owner, p.state, p.request]),
      [
        ['REQ-2026-102', 'change', '2026-03-02', '', 'kept', 'Search by supplier'],
        ['REQ-2026-102', 'change', '2026-03-05', '', 'open', 'Cache the top 1,000 lookups'],
        ['REQ-2026-102', 'delivery', '2026-03-10', '', 'kept', undefined],
        ['REQ-2026-102', 'feedback', '2026-03-11', '', 'late', undefined],
        ['REQ-2026-101', 'delivery', '2026-03-13', 'Ada', 'open', undefined],
        ['REQ-2026-103', 'feedback', '2026-03-15', 'Dee', 'open', undefined],
      ],
      'fed back before the week, rejected, and the declined requirement promise nothing',
    );
    assert.deepEqual(f.total, { done: 2, started: 2, late: 1, promises: { kept: 2, open: 3, late: 1 } });
    assert.deepEqual(f.byRequirement, [
      { requirement: SCANNING, owner: 'Ada', done: 2, started: 1, late: 1, promises: { kept: 0, open: 1, late: 0 } },
      { requirement: SEARCH, owner: '', done: 0, started: 0, late: 0, promises: { kept: 2, open: 1, late: 1 } },
      { requirement: LATER, owner: 'Dee', done: 0, started: 1, late: 0, promises: { kept: 0, open: 1, late: 0 } },
    ]);
    assert.deepEqual(f.byOwner, [
      { owner: 'Ada', done: 1, started: 0, late: 0, promises: { kept: 0, open: 1, late: 0 } },
      { owner: 'Bo', done: 1, started: 0, late: 1, promises: { kept: 0, open: 0, late: 0 } },
      { owner: 'Cy', done: 0, started: 1, late: 0, promises: { kept: 0, open: 0, late: 0 } },
      { owner: 'Dee', done: 0, started: 1, late: 0, promises: { kept: 0, open: 1, late: 0 } },
      { owner: '', done: 0, started: 0, late: 0, promises: { kept: 2, open: 1, late: 1 } },
    ]);
    assert.deepEqual(f.next.range, { from: '2026-03-16', to: '2026-03-22' });
    assert.deepEqual(
      f.next.tasks.map((t) => [t.requirement.id, t.task, t.owner, t.start, t.end]),
      [
        ['REQ-2026-101', 'T3', 'Cy', '2026-03-12', '2026-03-17'],
        ['REQ-2026-102', 'T1', '', '2026-03-16', '2026-03-17'],
      ],
    );
  });

  it('a past week without git: done by schedule only, late as of the week’s end, and the reason said', async () => {
    const { report, f } = await weekly('2026-04-01', false);
    assert.deepEqual(report.missing, { history: 'no-repository' });
    assert.equal(f.doneRule, 'schedule');
    assert.equal(f.asOf, '2026-03-16');
    assert.deepEqual(
      f.done.map((t) => [t.requirement.id, t.task, t.on, t.datedBy]),
      [
        ['REQ-2026-101', 'T2', '2026-03-11', 'schedule'],
        ['REQ-2026-102', 'T2', '2026-03-12', 'schedule'],
      ],
    );
    assert.deepEqual(
      f.late.map((t) => [t.requirement.id, t.task, t.end, t.workdaysLate]),
      [
        ['REQ-2026-101', 'T4', '2026-03-09', 5],
        ['REQ-2026-103', 'T1', '2026-03-13', 1],
      ],
    );
    // Past its date as of Monday 16 March and still in progress: the delivery promise is late.
    assert.deepEqual(
      f.promises.filter((p) => p.requirement.id === 'REQ-2026-101').map((p) => [p.kind, p.state]),
      [['delivery', 'late']],
    );
    const md = reportMarkdown(reportDocument(report, 'en'));
    assert.match(
      md,
      /> Not dated by commits — that needs the git history of the requirement files, and the folder is not in a git repository\. Done: tasks done now whose scheduled end falls in the period\./,
    );
    assert.match(
      reportMarkdown(reportDocument(report, 'zh-cn')),
      /> 未按提交确定完成日期——这需要需求文件的 git 历史，而该目录不在 git 仓库中。/,
    );
  });

  it('counts working days with the calendar’s holidays', async () => {
    const base = await input(THURSDAY, false);
    const f = computeReport('weekly', { ...base, calendar: { ...DEFAULT_CALENDAR, holidays: ['2026-03-10'] } }).figures as WeeklyFigures;
    // Scanner app: Monday, (Tuesday off), Wednesday, Thursday; the dock trial after it from Friday.
    assert.deepEqual(
      f.done.map((t) => [t.requirement.id, t.task, t.on]),
      [
        ['REQ-2026-101', 'T2', '2026-03-12'],
        ['REQ-2026-102', 'T2', '2026-03-12'],
      ],
    );
    const trial = f.started.find((t) => t.task === 'T3');
    assert.deepEqual([trial?.start, trial?.end], ['2026-03-13', '2026-03-18']);
    // Training ended Monday: Monday and Wednesday are the working days to Thursday.
    assert.deepEqual(
      f.late.map((t) => [t.task, t.workdaysLate]),
      [['T4', 2]],
    );
  });

  it('an empty week says so, in every section', async () => {
    const { report, f } = await weekly(THURSDAY, true, { from: '2025-12-29', to: '2026-01-04' });
    assert.equal(f.week, '2026-W01');
    assert.deepEqual(f.total, { done: 0, started: 0, late: 0, promises: { kept: 0, open: 0, late: 0 } });
    const doc = reportDocument(report, 'en');
    assert.deepEqual(
      doc.sections.map((s) => s.key),
      ['summary', 'done', 'started', 'late', 'promises', 'by-requirement', 'by-owner', 'next-week', 'skipped'],
    );
    const md = reportMarkdown(doc);
    assert.match(md, /\n\nNothing was done, started, late or due in this period\.\n\n/);
    assert.equal(md.match(/\n\nNone\.\n/g)?.length, 7);
    assert.doesNotMatch(md, /\| Requirement \|/);
  });
});

describe('weekly report: document', () => {
  it('writes the exact Markdown in English', async () => {
    const { report } = await weekly(THURSDAY, true);
    assert.equal(reportMarkdown(reportDocument(report, 'en')), EN);
  });

  it('writes the exact Markdown in Chinese', async () => {
    const { report } = await weekly(THURSDAY, true);
    assert.equal(reportMarkdown(reportDocument(report, 'zh-cn')), ZH);
  });

  it('is a document the report view accepts, and has its name in both languages', async () => {
    for (const git of [true, false]) {
      const { report } = await weekly(THURSDAY, git);
      for (const lang of ['en', 'zh-cn'] as const) {
        const document = reportDocument(report, lang);
        assert.deepEqual(toReportSchema.parse({ type: 'document', document }), { type: 'document', document });
      }
    }
    assert.equal(reportTitle('weekly', 'en'), 'Weekly progress report');
    assert.equal(reportTitle('weekly', 'zh-cn'), '进度周报');
  });
});

/** The week on its Thursday, with git. */
const EN = `# Weekly progress report — 2026-03-09 to 2026-03-15

Figures as of 2026-03-12, from 4 requirements.

## Summary

Week 2026-W11: Monday 2026-03-09 to Sunday 2026-03-15.

Tasks done: 2 · started: 2 · late: 1. Promises due: 6 (2 kept, 3 open, 1 late).

## Tasks done

| Requirement | Task | Owner | Done on | Dated by |
|---|---|---|---|---|
| REQ-2026-101 | T1 Label format | Bo | 2026-03-10 | Commit |
| REQ-2026-101 | T2 Scanner app | Ada | 2026-03-11 | Scheduled end |

> Done: tasks done now that a commit marked done in the period. A task whose completion the git history does not date (first committed already done, or not committed yet) counts when its scheduled end falls in the period.

## Tasks started or in progress

| Requirement | Task | Owner | Scheduled start | Status |
|---|---|---|---|---|
| REQ-2026-101 | T3 Dock trial | Cy | 2026-03-12 | Doing |
| REQ-2026-103 | T1 Price list | Dee | 2026-03-13 | To do |

> Started: tasks not done whose scheduled start falls in the period, and tasks in progress (doing) that had started by its end. Dates are the schedule’s: start, or the end of the tasks it depends on, plus working days.

## Late tasks

Not done past their scheduled end, as of 2026-03-12:

| Requirement | Task | Owner | Scheduled end | Working days late |
|---|---|---|---|---:|
| REQ-2026-101 | T4 Training | Bo | 2026-03-09 | 3 |

## Promises due

| Requirement | Promise | Date | Owner | State |
|---|---|---|---|---|
| REQ-2026-102 | Feedback on change request: Search by supplier | 2026-03-02 | Unassigned | Kept |
| REQ-2026-102 | Feedback on change request: Cache the top 1,000 lookups | 2026-03-05 | Unassigned | Open |
| REQ-2026-102 | Promised delivery | 2026-03-10 | Unassigned | Kept |
| REQ-2026-102 | Promised feedback | 2026-03-11 | Unassigned | Late |
| REQ-2026-101 | Promised delivery | 2026-03-13 | Ada | Open |
| REQ-2026-103 | Promised feedback | 2026-03-15 | Dee | Open |

> Promises: \`planned_done\` and \`feedback_due\` in the period, and change requests implemented by its end and not yet fed back to the customer (dated by \`implemented\`). Kept: delivered, verified or closed; feedback recorded; the change fed back by the period’s end. Late: the date passed as of 2026-03-12 without the delivery, or a delivered requirement without feedback. Open: neither yet.

## By requirement

| Requirement | Owner | Done | Started | Late | Promises kept | Promises open | Promises late |
|---|---|---:|---:|---:|---:|---:|---:|
| REQ-2026-101 Pallet scanning | Ada | 2 | 1 | 1 | 0 | 1 | 0 |
| REQ-2026-102 Search answers within a second | Unassigned | 0 | 0 | 0 | 2 | 1 | 1 |
| REQ-2026-103 Later work | Dee | 0 | 1 | 0 | 0 | 1 | 0 |
| Total |  | 2 | 2 | 1 | 2 | 3 | 1 |

## By owner

| Owner | Done | Started | Late | Promises kept | Promises open | Promises late |
|---|---:|---:|---:|---:|---:|---:|
| Ada | 1 | 0 | 0 | 0 | 1 | 0 |
| Bo | 1 | 0 | 1 | 0 | 0 | 0 |
| Cy | 0 | 1 | 0 | 0 | 0 | 0 |
| Dee | 0 | 1 | 0 | 0 | 1 | 0 |
| Unassigned | 0 | 0 | 0 | 2 | 1 | 1 |
| Total | 2 | 2 | 1 | 2 | 3 | 1 |

## Next week

Tasks not done that start or end from 2026-03-16 to 2026-03-22:

| Requirement | Task | Owner | Scheduled start | Scheduled end |
|---|---|---|---|---|
| REQ-2026-101 | T3 Dock trial | Cy | 2026-03-12 | 2026-03-17 |
| REQ-2026-102 | T1 Index the catalogue | Unassigned | 2026-03-16 | 2026-03-17 |

## Skipped records

1 record has errors and is left out of every figure above:

- requirements/REQ-2026-105-has-errors.md (REQ-2026-105): Unknown value "finished" for "status". Expected one of: new, analyzing, planned, in-progress, delivered, verified, closed, declined, on-hold.
`;
const ZH = `# 进度周报（2026-03-09 至 2026-03-15）

数据截至 2026-03-12，基于 4 个需求。

## 概要

2026-W11 周：2026-03-09（周一）至 2026-03-15（周日）。

任务：完成 2 项 · 开始 2 项 · 延期 1 项。到期承诺 6 项（已兑现 2，待兑现 3，已逾期 1）。

## 已完成的任务

| 需求 | 任务 | 负责人 | 完成日期 | 日期依据 |
|---|---|---|---|---|
| REQ-2026-101 | T1 Label format | Bo | 2026-03-10 | 提交 |
| REQ-2026-101 | T2 Scanner app | Ada | 2026-03-11 | 计划完成 |

> 已完成：当前已完成、且由本期内的提交标记为完成的任务。git 历史无法确定完成日期的任务（首次提交时即已完成，或尚未提交）在计划完成日期落在本期内时计入。

## 已开始或进行中的任务

| 需求 | 任务 | 负责人 | 计划开始 | 状态 |
|---|---|---|---|---|
| REQ-2026-101 | T3 Dock trial | Cy | 2026-03-12 | 进行中 |
| REQ-2026-103 | T1 Price list | Dee | 2026-03-13 | 待办 |

> 已开始：计划开始日期在本期内、尚未完成的任务，以及本期结束前已开始的进行中任务。日期按排期计算：开始日期（或所依赖任务的结束日期）加上工作日。

## 延期任务

截至 2026-03-12，已过计划完成日期仍未完成：

| 需求 | 任务 | 负责人 | 计划完成 | 延期工作日 |
|---|---|---|---|---:|
| REQ-2026-101 | T4 Training | Bo | 2026-03-09 | 3 |

## 到期的承诺

| 需求 | 承诺 | 日期 | 负责人 | 情况 |
|---|---|---|---|---|
| REQ-2026-102 | 变更反馈：Search by supplier | 2026-03-02 | 未分配 | 已兑现 |
| REQ-2026-102 | 变更反馈：Cache the top 1,000 lookups | 2026-03-05 | 未分配 | 待兑现 |
| REQ-2026-102 | 承诺交付 | 2026-03-10 | 未分配 | 已兑现 |
| REQ-2026-102 | 承诺反馈 | 2026-03-11 | 未分配 | 已逾期 |
| REQ-2026-101 | 承诺交付 | 2026-03-13 | Ada | 待兑现 |
| REQ-2026-103 | 承诺反馈 | 2026-03-15 | Dee | 待兑现 |

> 承诺：本期内的 \`planned_done\` 和 \`feedback_due\`，以及本期结束前已实施、尚未向客户反馈的变更请求（按 \`implemented\` 日期）。已兑现：已交付、已验证或已关闭；已记录客户反馈；变更在本期结束前已反馈。已逾期：截至 2026-03-12 日期已过却仍未交付，或已交付却没有客户反馈。待兑现：尚未兑现，也未逾期。

## 按需求

| 需求 | 负责人 | 已完成 | 已开始 | 已延期 | 已兑现承诺 | 待兑现承诺 | 逾期承诺 |
|---|---|---:|---:|---:|---:|---:|---:|
| REQ-2026-101 Pallet scanning | Ada | 2 | 1 | 1 | 0 | 1 | 0 |
| REQ-2026-102 Search answers within a second | 未分配 | 0 | 0 | 0 | 2 | 1 | 1 |
| REQ-2026-103 Later work | Dee | 0 | 1 | 0 | 0 | 1 | 0 |
| 合计 |  | 2 | 2 | 1 | 2 | 3 | 1 |

## 按负责人

| 负责人 | 已完成 | 已开始 | 已延期 | 已兑现承诺 | 待兑现承诺 | 逾期承诺 |
|---|---:|---:|---:|---:|---:|---:|
| Ada | 1 | 0 | 0 | 0 | 1 | 0 |
| Bo | 1 | 0 | 1 | 0 | 0 | 0 |
| Cy | 0 | 1 | 0 | 0 | 0 | 0 |
| Dee | 0 | 1 | 0 | 0 | 1 | 0 |
| 未分配 | 0 | 0 | 0 | 2 | 1 | 1 |
| 合计 | 2 | 2 | 1 | 2 | 3 | 1 |

## 下周计划

2026-03-16 至 2026-03-22 开始或结束、尚未完成的任务：

| 需求 | 任务 | 负责人 | 计划开始 | 计划完成 |
|---|---|---|---|---|
| REQ-2026-101 | T3 Dock trial | Cy | 2026-03-12 | 2026-03-17 |
| REQ-2026-102 | T1 Index the catalogue | 未分配 | 2026-03-16 | 2026-03-17 |

## 已跳过的记录

1 个记录有错误，未计入以上任何数据：

- requirements/REQ-2026-105-has-errors.md（REQ-2026-105）："status" 的取值 "finished" 无效。可选值：new, analyzing, planned, in-progress, delivered, verified, closed, declined, on-hold。
`;
