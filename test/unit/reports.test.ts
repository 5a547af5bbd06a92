// The three periodic reports on a fixture workspace (test/fixtures/reports): exact figures with and
// without history and commits, the records skipped for errors named, and the exact Markdown in
// both languages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NodeFileSource } from '../../src/cli/nodeFileSource';
import { historyOf, type FileVersion, type HistoryEntry } from '../../src/core/history';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type RequirementRecord } from '../../src/core/index';
import { expectedGoal } from '../../src/core/outcome';
import { DEGREE_LABELS, reportDocument, SOURCE_LABELS, STATUS_LABELS, TYPE_LABELS } from '../../src/core/reports/document';
import {
  computeReport,
  deliveryDate,
  hasMeasuredEffect,
  durationStats,
  scoredDate,
  type Figures,
  type ImplementationFigures,
  type ProcessFigures,
  type ReportInput,
} from '../../src/core/reports/figures';
import { reportMarkdown } from '../../src/core/reports/markdown';
import { checkRange, monthsOf, presetRange } from '../../src/core/reports/range';
import { DEFAULT_CALENDAR } from '../../src/core/schedule';
import { DEGREES, REQUIREMENT_TYPES, SOURCES, STATUSES } from '../../src/core/schema';
import { fromReportSchema, reportStateSchema, toReportSchema } from '../../src/protocol/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { REPO_ROOT } from './support';

const ROOT = path.join(REPO_ROOT, 'test/fixtures/reports');
const RANGE = { from: '2026-01-01', to: '2026-03-31' };
const TODAY = '2026-04-10';
const F = (name: string) => `requirements/${name}.md`;

async function loadFixture(): Promise<RequirementIndex> {
  const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
  await index.build(new NodeFileSource({ root: ROOT, include: DEFAULT_SETTINGS.include, exclude: DEFAULT_SETTINGS.exclude }));
  return index;
}

/** A committed version holding only the tracked fields that matter here. */
function version(
  date: string,
  id: string,
  fields: Record<string, string | number>,
  scores?: { importance: number; urgency: number },
): FileVersion {
  const lines = [`id: ${id}`, ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`)];
  if (scores) lines.push('scores:', `  importance: ${scores.importance}`, `  urgency: ${scores.urgency}`);
  return {
    commit: `c-${id}-${date}`,
    author: 'Ada',
    date: `${date}T10:00:00+08:00`,
    path: 'x.md',
    text: `---\n${lines.join('\n')}\n---\n`,
  };
}

/** The fixture records' histories, as git would give them. */
function histories(): Map<string, HistoryEntry[]> {
  const h = new Map<string, HistoryEntry[]>();
  h.set(
    F('REQ-2026-001-scan-pallets'),
    historyOf([
      version('2026-01-05', 'REQ-2026-001', { status: 'new' }),
      version('2026-01-09', 'REQ-2026-001', { status: 'analyzing' }, { importance: 5, urgency: 5 }),
      version('2026-02-25', 'REQ-2026-001', { status: 'delivered' }, { importance: 5, urgency: 5 }),
    ]),
  );
  h.set(
    F('REQ-2026-002-faster-search'),
    historyOf([
      // Created already scored: when it was scored is not in the history.
      version('2026-02-02', 'REQ-2026-002', { status: 'new' }, { importance: 4, urgency: 2 }),
      version('2026-03-02', 'REQ-2026-002', { status: 'in-progress' }, { importance: 4, urgency: 2 }),
    ]),
  );
  h.set(
    F('REQ-2026-003-on-site-support'),
    historyOf([
      version('2026-02-10', 'REQ-2026-003', { status: 'new' }),
      version('2026-02-16', 'REQ-2026-003', { status: 'declined', strategy: 'declined' }, { importance: 2, urgency: 2 }),
    ]),
  );
  h.set(
    F('REQ-2026-004-volume-discount'),
    historyOf([version('2025-12-01', 'REQ-2026-004', { status: 'planned' }), version('2026-02-03', 'REQ-2026-004', { status: 'closed' })]),
  );
  h.set(F('REQ-2026-006-later'), historyOf([version('2026-03-30', 'REQ-2026-006', { status: 'planned' }, { importance: 3, urgency: 4 })]));
  return h;
}

const COMMITS: Record<string, number> = { 'REQ-2026-001': 2 };

async function input(full: boolean): Promise<ReportInput> {
  const index = await loadFixture();
  return {
    records: index.all(),
    range: RANGE,
    today: TODAY,
    calendar: DEFAULT_CALENDAR,
    problemsOf: (r) => index.problemsFor(r.file),
    ...(full
      ? { histories: histories(), commits: (id: string) => COMMITS[id] ?? 0 }
      : { histories: { unavailable: 'no-repository' as const }, commits: { unavailable: 'no-repository' as const } }),
  };
}

/** The report of a kind on the fixture, with git or without, and its figures typed as that kind's. */
async function reportOf<K extends Figures['kind']>(kind: K, full: boolean) {
  const report = computeReport(kind, await input(full));
  return { report, f: report.figures as Extract<Figures, { kind: K }> };
}

const ref = (name: string, id: string, title: string) => ({ file: F(name), id, title });
const SEARCH = ref('REQ-2026-002-faster-search', 'REQ-2026-002', 'Search answers within a second');

describe('reports: periods', () => {
  it('gives the quarter and year presets relative to today', () => {
    assert.deepEqual(presetRange('this-quarter', '2026-12-05'), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(presetRange('last-quarter', '2026-02-28'), { from: '2025-10-01', to: '2025-12-31' });
    assert.deepEqual(presetRange('this-quarter', '2024-05-31'), { from: '2024-04-01', to: '2024-06-30' });
    assert.deepEqual(presetRange('last-quarter', '2024-05-31'), { from: '2024-01-01', to: '2024-03-31' });
    assert.deepEqual(presetRange('this-year', '2026-07-01'), { from: '2026-01-01', to: '2026-12-31' });
    assert.deepEqual(presetRange('last-year', '2026-07-01'), { from: '2025-01-01', to: '2025-12-31' });
  });

  it('refuses impossible and inverted periods, and lists the months a period touches', () => {
    assert.equal(checkRange({ from: '2026-02-30', to: '2026-03-01' }), 'invalid-from');
    assert.equal(checkRange({ from: '2026-02-01', to: '2026-3-01' }), 'invalid-to');
    assert.equal(checkRange({ from: '2026-03-02', to: '2026-03-01' }), 'inverted');
    assert.equal(checkRange({ from: '2026-03-01', to: '2026-03-01' }), undefined);
    assert.deepEqual(monthsOf({ from: '2025-11-15', to: '2026-02-01' }), ['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('reports: dates from a history', () => {
  it('dates a delivery by the commit that moved the status, never by a first version already finished', () => {
    assert.equal(
      deliveryDate(
        historyOf([
          version('2026-01-01', 'R', { status: 'new' }),
          version('2026-02-01', 'R', { status: 'verified' }),
          version('2026-03-01', 'R', { status: 'closed' }),
        ]),
      ),
      '2026-02-01',
    );
    assert.equal(deliveryDate(historyOf([version('2026-01-01', 'R', { status: 'closed' })])), undefined);
  });

  it('dates scoring by the commit that completed importance and urgency', () => {
    const later = historyOf([
      version('2026-01-01', 'R', { status: 'new' }),
      version('2026-01-03', 'R', { status: 'new', 'scores.x': 1 }),
      { ...version('2026-01-04', 'R', { status: 'new' }), text: '---\nid: R\nstatus: new\nscores:\n  importance: 4\n---\n' },
      version('2026-01-07', 'R', { status: 'new' }, { importance: 4, urgency: 1 }),
    ]);
    assert.equal(scoredDate(later), '2026-01-07');
    assert.equal(scoredDate(historyOf([version('2026-01-01', 'R', { status: 'new' }, { importance: 1, urgency: 1 })])), undefined);
  });

  it('gives mean, median and longest', () => {
    assert.deepEqual(durationStats([64, 51]), { count: 2, mean: 57.5, median: 57.5, max: 64 });
    assert.deepEqual(durationStats([3, 1, 2]), { count: 3, mean: 2, median: 2, max: 3 });
    assert.equal(durationStats([]), undefined);
  });
});

describe('reports: implementation', () => {
  it('counts planned and delivered by priority and type, late tasks and commit coverage', async () => {
    const { report, f } = await reportOf('implementation', true);
    assert.equal(report.counted, 5);
    assert.deepEqual(report.skipped, [
      { file: F('REQ-2026-005-has-errors'), id: 'REQ-2026-005', problem: { code: 'enum-unknown', args: report.skipped[0]!.problem!.args } },
    ]);
    assert.deepEqual(report.missing, {});
    assert.deepEqual(f.total, { planned: 3, delivered: 2, deliveredInPeriod: 2, onTime: 1 });
    assert.deepEqual(f.byPriority, {
      P1: { planned: 1, delivered: 1, deliveredInPeriod: 1, onTime: 1 },
      P2: { planned: 1, delivered: 0, deliveredInPeriod: 0, onTime: 0 },
      P3: { planned: 0, delivered: 0, deliveredInPeriod: 0, onTime: 0 },
      none: { planned: 1, delivered: 1, deliveredInPeriod: 1, onTime: 0 },
    });
    assert.deepEqual(f.byType, {
      functional: { planned: 1, delivered: 1, deliveredInPeriod: 1, onTime: 1 },
      experience: { planned: 1, delivered: 0, deliveredInPeriod: 0, onTime: 0 },
      business: { planned: 1, delivered: 1, deliveredInPeriod: 1, onTime: 0 },
      service: { planned: 0, delivered: 0, deliveredInPeriod: 0, onTime: 0 },
    });
    assert.deepEqual(f.open, [SEARCH]);
    assert.deepEqual(f.undated, []);
    // T1 ended Friday 2026-03-06, T2 (after T1, 2 days) Tuesday 03-10; T3 starts after today.
    assert.deepEqual(f.lateTasks, [
      { requirement: SEARCH, task: 'T1', title: 'Index the catalogue', end: '2026-03-06', workdaysLate: 25 },
      { requirement: SEARCH, task: 'T2', title: 'Cache lookups', end: '2026-03-10', workdaysLate: 23 },
    ]);
    assert.deepEqual(f.coverage, {
      finished: 2,
      withCommits: 1,
      without: [ref('REQ-2026-004-volume-discount', 'REQ-2026-004', 'Volume discount')],
    });
  });

  it('without git: the figures that need it are absent, the rest are the same', async () => {
    const { report, f } = await reportOf('implementation', false);
    assert.deepEqual(report.missing, { history: 'no-repository', commits: 'no-repository' });
    assert.deepEqual(f.total, { planned: 3, delivered: 2, deliveredInPeriod: undefined, onTime: undefined });
    assert.equal(f.coverage, undefined);
    assert.equal(f.lateTasks.length, 2);
    const md = reportMarkdown(reportDocument(report, 'en'));
    assert.match(
      md,
      /Not computed: delivered in the period and on time — they need the git history of the requirement files, and the folder is not in a git repository\./,
    );
    assert.match(md, /Not computed: commit coverage — it needs the git history, and the folder is not in a git repository\./);
    assert.match(md, /\| Total \| 3 \| 2 \| 67% \| — \| — \|/);
  });

  it('lists a requirement first committed as finished as undated instead of dating it', async () => {
    const base = await input(true);
    const h = histories();
    h.set(F('REQ-2026-004-volume-discount'), historyOf([version('2026-02-03', 'REQ-2026-004', { status: 'closed' })]));
    const f = computeReport('implementation', { ...base, histories: h }).figures as ImplementationFigures;
    assert.deepEqual(f.total, { planned: 3, delivered: 2, deliveredInPeriod: 1, onTime: 1 });
    assert.deepEqual(f.undated, [ref('REQ-2026-004-volume-discount', 'REQ-2026-004', 'Volume discount')]);
  });
});

describe('reports: implementation — degree met and effect', () => {
  /** The expected goal of the records with a measured effect, read from their files as the CLI and the extension do. */
  const goals = (records: readonly RequirementRecord[]) =>
    new Map(records.filter(hasMeasuredEffect).map((r) => [r.file, expectedGoal(readFileSync(path.join(ROOT, r.file), 'utf8'))]));
  const GOAL = 'Goods-in takes under 12 minutes per truck.';
  const SCAN = ref('REQ-2026-001-scan-pallets', 'REQ-2026-001', 'Scan pallets at the dock');
  const DISCOUNT = ref('REQ-2026-004-volume-discount', 'REQ-2026-004', 'Volume discount');

  async function implementation(full: boolean, withGoals = true) {
    const base = await input(full);
    const report = computeReport('implementation', withGoals ? { ...base, goals: goals(base.records) } : base);
    return { report, f: report.figures as ImplementationFigures };
  }

  const zero = { full: 0, partial: 0, alternative: 0, declined: 0, none: 0, total: 0 };

  it('counts the finished requirements planned or delivered in the period by degree met, by priority', async () => {
    for (const full of [true, false]) {
      const { f } = await implementation(full);
      assert.deepEqual(f.degree, {
        total: { ...zero, full: 1, partial: 1, total: 2 },
        byPriority: { P1: { ...zero, full: 1, total: 1 }, P2: zero, P3: zero, none: { ...zero, partial: 1, total: 1 } },
      });
    }
  });

  it('a finished requirement without a degree counts as not recorded; one outside the period not at all', async () => {
    const base = await input(true);
    const records = base.records.map((r) =>
      r.id === 'REQ-2026-004'
        ? { ...r, data: { ...r.data, outcome: undefined } }
        : r.id === 'REQ-2026-006'
          ? { ...r, data: { ...r.data, status: 'closed' as const, outcome: { degree: 'full' as const } } }
          : r,
    );
    const f = computeReport('implementation', { ...base, records }).figures as ImplementationFigures;
    assert.deepEqual(f.degree.total, { ...zero, full: 1, none: 1, total: 2 });
    assert.deepEqual(
      f.effects.map((e) => e.requirement.id),
      ['REQ-2026-001'],
    );
  });

  it('lists each measured effect with its degree and the expected goal of its 期望目标 section', async () => {
    const { f } = await implementation(true);
    assert.deepEqual(f.effects, [
      { requirement: SCAN, degree: 'full', goal: GOAL, measured: '11 minutes per truck | at peak' },
      { requirement: DISCOUNT, degree: 'partial', goal: GOAL, measured: 8, note: '8 % instead of 10 %' },
    ]);
    // Without the goals (not read), the effects are listed all the same.
    const { f: bare } = await implementation(true, false);
    assert.deepEqual(
      bare.effects.map((e) => [e.requirement.id, e.goal, e.measured]),
      [
        ['REQ-2026-001', undefined, '11 minutes per truck | at peak'],
        ['REQ-2026-004', undefined, 8],
      ],
    );
  });

  const sectionsFrom = (md: string, heading: string) => md.slice(md.indexOf(`## ${heading}`), md.lastIndexOf('\n## '));

  it('writes the Degree met table and the Effect list in English', async () => {
    const md = reportMarkdown(reportDocument((await implementation(true)).report, 'en'));
    assert.equal(
      sectionsFrom(md, 'Degree met'),
      `## Degree met

| Priority | Met in full | Met in part | Met by an alternative | Not met | Not recorded | Requirements |
|---|---:|---:|---:|---:|---:|---:|
| P1 | 1 | 0 | 0 | 0 | 0 | 1 |
| P2 | 0 | 0 | 0 | 0 | 0 | 0 |
| P3 | 0 | 0 | 0 | 0 | 0 | 0 |
| Unprioritised | 0 | 1 | 0 | 0 | 0 | 1 |
| Total | 1 | 1 | 0 | 0 | 0 | 2 |

> The requirements planned or delivered in the period that are delivered, verified or closed now, by the degree met their \`outcome.degree\` records (需求实现程度).

## Effect against the expected goal

| Requirement | Degree met | Expected goal | Measured effect |
|---|---|---|---|
| REQ-2026-001 Scan pallets at the dock | Met in full | Goods-in takes under 12 minutes per truck. | 11 minutes per truck \\| at peak |
| REQ-2026-004 Volume discount | Met in part | Goods-in takes under 12 minutes per truck. | 8 (8 % instead of 10 %) |

> The expected goal is the text of the record’s 期望目标 (Goal) section; the measured effect is its \`outcome.measured\`, recorded when it was verified.
`,
    );
  });

  it('writes them in Chinese', async () => {
    const md = reportMarkdown(reportDocument((await implementation(true)).report, 'zh-cn'));
    assert.equal(
      sectionsFrom(md, '需求实现程度'),
      `## 需求实现程度

| 优先级 | 完全满足 | 部分满足 | 替代方案 | 未满足 | 未记录 | 需求数 |
|---|---:|---:|---:|---:|---:|---:|
| P1 | 1 | 0 | 0 | 0 | 0 | 1 |
| P2 | 0 | 0 | 0 | 0 | 0 | 0 |
| P3 | 0 | 0 | 0 | 0 | 0 | 0 |
| 未定优先级 | 0 | 1 | 0 | 0 | 0 | 1 |
| 合计 | 1 | 1 | 0 | 0 | 0 | 2 |

> 本期计划或交付、且现已交付、验证或关闭的需求，按其 \`outcome.degree\` 记录的需求实现程度统计。

## 实现效果（对照期望目标）

| 需求 | 实现程度 | 期望目标 | 实测效果 |
|---|---|---|---|
| REQ-2026-001 Scan pallets at the dock | 完全满足 | Goods-in takes under 12 minutes per truck. | 11 minutes per truck \\| at peak |
| REQ-2026-004 Volume discount | 部分满足 | Goods-in takes under 12 minutes per truck. | 8（8 % instead of 10 %） |

> 期望目标取自需求的“期望目标”一节；实测效果取自其 \`outcome.measured\`，在验证时记录。
`,
    );
  });

  it('a period without a finished requirement says so in both sections', async () => {
    const base = await input(true);
    const report = computeReport('implementation', { ...base, range: { from: '2027-01-01', to: '2027-03-31' } });
    const doc = reportDocument(report, 'en');
    const text = (key: string) => doc.sections.find((s) => s.key === key)!.blocks;
    assert.deepEqual(text('degree-met'), [{ kind: 'text', text: 'No finished requirement was planned or delivered in the period.' }]);
    assert.deepEqual(text('effect'), [{ kind: 'text', text: 'None.' }]);
    const some = reportDocument(
      computeReport('implementation', {
        ...base,
        records: base.records.map((r) => ({ ...r, data: { ...r.data, outcome: { degree: 'full' as const } } })),
      }),
      'zh-cn',
    );
    assert.deepEqual(some.sections.find((s) => s.key === 'effect')!.blocks, [
      { kind: 'text', text: '这些需求均未记录实测效果（`outcome.measured`）。' },
    ]);
  });

  it('the JSON figures carry the degrees and the effects as computed', async () => {
    const { report } = await implementation(true);
    const json = JSON.parse(JSON.stringify({ version: 1, ...report })) as { figures: Pick<ImplementationFigures, 'degree' | 'effects'> };
    assert.deepEqual(json.figures.degree.total, { ...zero, full: 1, partial: 1, total: 2 });
    assert.deepEqual(json.figures.effects[1], {
      requirement: DISCOUNT,
      degree: 'partial',
      goal: GOAL,
      measured: 8,
      note: '8 % instead of 10 %',
    });
  });
});

describe('reports: process', () => {
  it('gives intake, reviews, lead times, time in each status, changes and declines', async () => {
    const { f } = await reportOf('process', true);
    assert.equal(f.submitted, 4);
    assert.deepEqual(f.bySource, [
      { source: 'interview', count: 1 },
      { source: 'support-log', count: 1 },
      { source: 'survey', count: 1 },
      { source: '', count: 1 },
    ]);
    assert.deepEqual(f.reviews, { total: 2, confirmed: 1, changed: 1, other: 0 });
    assert.deepEqual(f.toScored?.stats, { count: 2, mean: 5, median: 5, max: 6 });
    assert.deepEqual(
      f.toScored?.items.map((i) => [i.requirement.id, i.submitted, i.at, i.days]),
      [
        ['REQ-2026-001', '2026-01-05', '2026-01-09', 4],
        ['REQ-2026-003', '2026-02-10', '2026-02-16', 6],
      ],
    );
    assert.deepEqual(f.toDelivered?.stats, { count: 2, mean: 57.5, median: 57.5, max: 64 });
    assert.deepEqual(
      f.toDelivered?.items.map((i) => [i.requirement.id, i.days]),
      [
        ['REQ-2026-001', 51],
        ['REQ-2026-004', 64],
      ],
    );
    // Clipped to 2026-01-01 … 2026-03-31; spans still open run to the period's end (today is later).
    assert.deepEqual(f.timeInStatus, [
      { status: 'new', requirements: 3, days: 4 + 28 + 6 },
      { status: 'analyzing', requirements: 1, days: 47 },
      { status: 'planned', requirements: 2, days: 33 + 2 },
      { status: 'in-progress', requirements: 1, days: 30 },
      { status: 'delivered', requirements: 1, days: 35 },
      { status: 'closed', requirements: 1, days: 57 },
      { status: 'declined', requirements: 1, days: 44 },
    ]);
    assert.deepEqual(f.changes.byDecision, { approved: 1, rejected: 0, pending: 1, none: 0 });
    assert.deepEqual(
      f.changes.items.map((c) => [c.date, c.requirement.id, c.request, c.decision]),
      [
        ['2026-02-02', 'REQ-2026-001', 'Add label printing', 'approved'],
        ['2026-03-11', 'REQ-2026-002', 'Cache the top 1,000 lookups', 'pending'],
      ],
    );
    assert.deepEqual(f.declines, {
      datedBy: 'history',
      items: [
        {
          requirement: ref('REQ-2026-003-on-site-support', 'REQ-2026-003', 'On-site support engineer'),
          date: '2026-02-16',
          reason: 'Needs on-site staff we do not have',
        },
      ],
    });
  });

  it('a requirement first committed already declined is listed undated, by its submission date', async () => {
    const base = await input(true);
    const h = histories();
    h.set(
      F('REQ-2026-003-on-site-support'),
      historyOf([version('2026-02-16', 'REQ-2026-003', { status: 'declined', strategy: 'declined' })]),
    );
    const report = computeReport('process', { ...base, histories: h });
    const f = report.figures as ProcessFigures;
    assert.deepEqual(
      f.declines.items.map((d) => [d.requirement.id, d.date, d.reason]),
      [['REQ-2026-003', undefined, 'Needs on-site staff we do not have']],
    );
    const md = reportMarkdown(reportDocument(report, 'en'));
    assert.match(
      md,
      /\| REQ-2026-003 On-site support engineer \| — \| Needs on-site staff we do not have \|\n\n> A requirement first committed already declined has no decline date in its history/,
    );
    const outside = computeReport('process', { ...base, histories: h, range: { from: '2026-03-01', to: '2026-03-31' } })
      .figures as ProcessFigures;
    assert.deepEqual(outside.declines.items, []);
  });

  it('without history: no lead times or status times, declines by submission date, and the reason said', async () => {
    const { report, f } = await reportOf('process', false);
    assert.equal(f.toScored, undefined);
    assert.equal(f.timeInStatus, undefined);
    assert.deepEqual(f.declines.datedBy, 'submitted');
    assert.deepEqual(
      f.declines.items.map((d) => [d.requirement.id, d.date]),
      [['REQ-2026-003', undefined]],
    );
    const md = reportMarkdown(reportDocument(report, 'zh-cn'));
    assert.match(md, /> 未计算：提交至评分、提交至交付的时长，以及各状态停留时间——需要需求文件的 git 历史，而该目录不在 git 仓库中。/);
  });
});

describe('reports: satisfaction', () => {
  it('groups the feedback of the period by customer, type and month', async () => {
    const { f } = await reportOf('satisfaction', false);
    assert.equal(f.entries, 5);
    assert.equal(f.unscored, 1);
    assert.deepEqual(f.overall, { key: '', entries: 4, mean: 3, min: 1, max: 5 });
    assert.deepEqual(f.distribution, [1, 1, 0, 1, 1]);
    assert.deepEqual(f.byCustomer, [
      { key: 'Acme', entries: 2, mean: 3, min: 2, max: 4 },
      { key: 'Beta', entries: 2, mean: 3, min: 1, max: 5 },
    ]);
    assert.deepEqual(
      f.byType.map((g) => [g.key, g.mean]),
      [
        ['functional', 4],
        ['experience', 2],
        ['business', 5],
        ['service', 1],
      ],
    );
    assert.deepEqual(
      f.byMonth.map((g) => [g.key, g.entries, g.mean]),
      [
        ['2026-01', 1, 5],
        ['2026-02', 1, 1],
        ['2026-03', 2, 3],
      ],
    );
    assert.deepEqual(
      f.low.map((l) => [l.date, l.requirement.id, l.satisfaction, l.adjustedWithinADay]),
      [
        ['2026-02-20', 'REQ-2026-003', 1, false],
        ['2026-03-10', 'REQ-2026-002', 2, true],
      ],
    );
  });

  it('writes the exact Markdown in English', async () => {
    const md = reportMarkdown(reportDocument(computeReport('satisfaction', await input(false)), 'en'));
    assert.equal(
      md,
      `# Customer satisfaction report — 2026-01-01 to 2026-03-31

Figures as of 2026-04-10, from 5 requirements.

## Overall

5 feedback entries in the period, 4 with a satisfaction score.

Mean satisfaction 3.00 of 5 (lowest 1, highest 5).

| Score | 1 | 2 | 3 | 4 | 5 |
|---|---:|---:|---:|---:|---:|
| Entries | 1 | 1 | 0 | 1 | 1 |

## By customer

| Customer | Entries | Mean | Lowest | Highest |
|---|---:|---:|---:|---:|
| Acme | 2 | 3.00 | 2 | 4 |
| Beta | 2 | 3.00 | 1 | 5 |

## By type

| Type | Entries | Mean | Lowest | Highest |
|---|---:|---:|---:|---:|
| Functional | 1 | 4.00 | 4 | 4 |
| Experience | 1 | 2.00 | 2 | 2 |
| Business | 1 | 5.00 | 5 | 5 |
| Service | 1 | 1.00 | 1 | 1 |

## By month

| Month | Entries | Mean | Lowest | Highest |
|---|---:|---:|---:|---:|
| 2026-01 | 1 | 5.00 | 5 | 5 |
| 2026-02 | 1 | 1.00 | 1 | 1 |
| 2026-03 | 2 | 3.00 | 2 | 4 |

## Below expectations (1–2)

The guide asks for an adjustment within 24 hours of feedback that misses expectations: a change request dated the same day or the next counts.

| Date | Requirement | Customer | Score | Note | Adjusted within 24 h |
|---|---|---|---:|---|---|
| 2026-02-20 | REQ-2026-003 | Beta | 1 |  | No |
| 2026-03-10 | REQ-2026-002 | Acme | 2 | Still too slow \\| at peak | Yes |

## Skipped records

1 record has errors and is left out of every figure above:

- requirements/REQ-2026-005-has-errors.md (REQ-2026-005): Unknown value "finished" for "status". Expected one of: new, analyzing, planned, in-progress, delivered, verified, closed, declined, on-hold.
`,
    );
  });

  it('writes the exact Markdown in Chinese', async () => {
    const md = reportMarkdown(reportDocument(computeReport('satisfaction', await input(false)), 'zh-cn'));
    assert.equal(
      md,
      `# 客户满意度评估报告（2026-01-01 至 2026-03-31）

数据截至 2026-04-10，基于 5 个需求。

## 总体

本期共 5 条客户反馈，其中 4 条有满意度评分。

平均满意度 3.00 分（满分 5 分；最低 1，最高 5）。

| 评分 | 1 | 2 | 3 | 4 | 5 |
|---|---:|---:|---:|---:|---:|
| 条数 | 1 | 1 | 0 | 1 | 1 |

## 按客户

| 客户 | 条数 | 平均 | 最低 | 最高 |
|---|---:|---:|---:|---:|
| Acme | 2 | 3.00 | 2 | 4 |
| Beta | 2 | 3.00 | 1 | 5 |

## 按类型

| 类型 | 条数 | 平均 | 最低 | 最高 |
|---|---:|---:|---:|---:|
| 功能 | 1 | 4.00 | 4 | 4 |
| 体验 | 1 | 2.00 | 2 | 2 |
| 商务 | 1 | 5.00 | 5 | 5 |
| 服务 | 1 | 1.00 | 1 | 1 |

## 按月份

| 月份 | 条数 | 平均 | 最低 | 最高 |
|---|---:|---:|---:|---:|
| 2026-01 | 1 | 5.00 | 5 | 5 |
| 2026-02 | 1 | 1.00 | 1 | 1 |
| 2026-03 | 2 | 3.00 | 2 | 4 |

## 未达预期（1–2 分）

指南要求反馈未达预期时 24 小时内启动调整：当天或次日有变更申请即视为已调整。

| 日期 | 需求 | 客户 | 评分 | 客户评价 | 24 小时内调整 |
|---|---|---|---:|---|---|
| 2026-02-20 | REQ-2026-003 | Beta | 1 |  | 否 |
| 2026-03-10 | REQ-2026-002 | Acme | 2 | Still too slow \\| at peak | 是 |

## 已跳过的记录

1 个记录有错误，未计入以上任何数据：

- requirements/REQ-2026-005-has-errors.md（REQ-2026-005）："status" 的取值 "finished" 无效。可选值：new, analyzing, planned, in-progress, delivered, verified, closed, declined, on-hold。
`,
    );
  });

  it('an empty period says so and draws no groups', async () => {
    const base = await input(false);
    const report = computeReport('satisfaction', { ...base, range: { from: '2027-01-01', to: '2027-03-31' } });
    const doc = reportDocument(report, 'en');
    assert.deepEqual(
      doc.sections.map((s) => s.key),
      ['overall', 'skipped'],
    );
    assert.match(reportMarkdown(doc), /0 feedback entries in the period, 0 with a satisfaction score\./);
  });
});

describe('reports: webview protocol', () => {
  it('carries every report document, in both languages, as the host sends it', async () => {
    for (const full of [true, false]) {
      const base = await input(full);
      for (const kind of ['implementation', 'process', 'satisfaction'] as const) {
        for (const lang of ['en', 'zh-cn'] as const) {
          const document = reportDocument(computeReport(kind, base), lang);
          assert.deepEqual(toReportSchema.parse({ type: 'document', document }), { type: 'document', document });
        }
      }
    }
  });

  it('accepts only the intents it knows', () => {
    assert.ok(fromReportSchema.safeParse({ type: 'kind', kind: 'process' }).success);
    assert.ok(fromReportSchema.safeParse({ type: 'save' }).success);
    assert.equal(fromReportSchema.safeParse({ type: 'kind', kind: 'quality' }).success, false);
    assert.equal(
      fromReportSchema.safeParse({ type: 'save', file: '/etc/passwd' }).success,
      true,
      'extra keys are stripped, the host decides where to save',
    );
    assert.equal(fromReportSchema.safeParse({ type: 'write', text: 'x' }).success, false);
    assert.equal(reportStateSchema.safeParse({ kind: 'process', from: '2026-01-01', to: 'soon' }).success, false);
  });

  it('an ID clicked in the report: a bounded string, never a file', () => {
    assert.deepEqual(fromReportSchema.parse({ type: 'open', id: 'REQ-2026-004' }), { type: 'open', id: 'REQ-2026-004' });
    assert.deepEqual(fromReportSchema.parse({ type: 'open', id: 'REQ-1', file: '/etc/passwd' }), { type: 'open', id: 'REQ-1' });
    for (const id of ['', 'x'.repeat(201), 7, undefined])
      assert.equal(fromReportSchema.safeParse({ type: 'open', id }).success, false, String(id));
    assert.equal(toReportSchema.safeParse({ type: 'document', document: undefined, ids: ['REQ-1'] }).success, false);
  });
});

describe('reports: enum names', () => {
  const bundle: Readonly<Record<string, string>> = JSON.parse(readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  const tables = [
    ['types', TYPE_LABELS, REQUIREMENT_TYPES],
    ['statuses', STATUS_LABELS, STATUSES],
    ['sources', SOURCE_LABELS, SOURCES],
    ['degrees met', DEGREE_LABELS, DEGREES],
  ] as const;

  for (const [name, labels, values] of tables) {
    it(`names every one of the schema's ${name}, in Chinese as the value's first alias`, () => {
      assert.deepEqual(Object.keys(labels), Object.keys(values));
      for (const [value, english] of Object.entries(labels)) {
        const aliases = (values as Record<string, { aliases?: readonly string[] }>)[value]!.aliases;
        assert.equal(bundle[english], aliases?.[0], `${value}: "${english}"`);
      }
    });
  }
});
