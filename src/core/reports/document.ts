// A report's figures as a document in one language: a title, sections of text, tables and bar
// charts, every number already formatted. The Markdown renderer writes the text and tables; the
// webview draws the same document with its charts. One wording for both, in English and Chinese.
import { formatMessage, type Language, type ProblemCode } from '../messages';
import { REQUIREMENT_TYPES, SOURCES, STATUSES } from '../schema';
import type {
  DurationStats,
  Figures,
  ImplementationFigures,
  PlanRow,
  ProcessFigures,
  Report,
  ReportKind,
  RequirementRef,
  SatisfactionFigures,
  SatisfactionGroup,
  SkippedRecord,
  TimedRequirement,
  Unavailable,
} from './figures';
import { PRIORITY_KEYS, TYPE_KEYS } from './figures';

export interface ChartBar {
  value: number;
  /** The value as shown next to the bar. */
  label: string;
}

export type ReportBlock =
  | { kind: 'text'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: string[]; numeric: boolean[]; rows: string[][] }
  | {
      kind: 'chart';
      /** What the chart shows, for its accessible name. */
      title: string;
      series: string[];
      groups: Array<{ label: string; bars: ChartBar[] }>;
      /** The scale's end (e.g. 5 for satisfaction); else the largest value. */
      max?: number;
    };

export interface ReportSection {
  /** Stable across languages (tests and the webview's anchors use it). */
  key: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  kind: ReportKind;
  title: string;
  from: string;
  to: string;
  lead: string[];
  sections: ReportSection[];
}

export interface DocumentOptions {
  /** How a record file is shown (default: as it is). */
  fileLabel?: (file: string) => string;
}

// ---------------------------------------------------------------------------------------------
// Words

const EN_TYPES: Record<string, string> = { functional: 'Functional', experience: 'Experience', business: 'Business', service: 'Service' };
const EN_STATUSES: Record<string, string> = {
  new: 'New',
  analyzing: 'Analyzing',
  planned: 'Planned',
  'in-progress': 'In progress',
  delivered: 'Delivered',
  verified: 'Verified',
  closed: 'Closed',
  declined: 'Declined',
  'on-hold': 'On hold',
};
const EN_SOURCES: Record<string, string> = {
  survey: 'Survey',
  interview: 'Interview',
  history: 'Order/complaint history',
  'feedback-form': 'Feedback form',
  'sales-log': 'Sales log',
  'support-log': 'Support log',
  'market-research': 'Market research',
  complaint: 'Complaint',
};
/** The Chinese word of an enum value: its first alias (功能, 新建, 访谈 …). */
function zhWord(values: Record<string, { aliases?: readonly string[] }>, key: string): string {
  return values[key]?.aliases?.[0] ?? key;
}

const TEXT = {
  en: {
    title: { implementation: 'Requirement implementation report', process: 'Requirement management process report', satisfaction: 'Customer satisfaction report' },
    period: (from: string, to: string) => `${from} to ${to}`,
    titleWithPeriod: (title: string, period: string) => `${title} — ${period}`,
    lead: (today: string, n: number) => `Figures as of ${today}, from ${n} ${n === 1 ? 'requirement' : 'requirements'}.`,
    none: 'None.',
    dash: '—',
    yes: 'Yes',
    no: 'No',
    noCustomer: '(no customer)',
    noType: '(no type)',
    noSource: '(not given)',
    unprioritised: 'Unprioritised',
    total: 'Total',
    requirement: 'Requirement',
    reason: {
      untrusted: 'the workspace is in Restricted Mode, where ReqDesk runs no git',
      'no-repository': 'the folder is not in a git repository',
      'git-missing': 'git could not be run',
      'not-read': 'it was not read',
    } satisfies Record<Unavailable, string>,
    notComputedHistory: (what: string, why: string) => `Not computed: ${what} — they need the git history of the requirement files, and ${why}.`,
    notComputedCommits: (why: string) => `Not computed: commit coverage — it needs the git history, and ${why}.`,
    skipped: {
      heading: 'Skipped records',
      lead: (n: number) => `${n} ${n === 1 ? 'record has' : 'records have'} errors and ${n === 1 ? 'is' : 'are'} left out of every figure above:`,
      unreadable: 'could not be read',
    },
    impl: {
      missing: 'delivered in the period and on time',
      planHeading: 'Planned vs delivered by priority',
      typeHeading: 'Planned vs delivered by type',
      columns: (key: string) => [key, 'Planned', 'Delivered', 'Rate', 'Delivered in the period', 'On time'],
      priority: 'Priority',
      type: 'Type',
      planned: 'Planned',
      delivered: 'Delivered',
      definitions:
        'Planned: `planned_done` in the period. Delivered: of those, delivered, verified or closed now. Delivered in the period: moved to delivered, verified or closed by a commit in the period. On time: delivered in the period by `planned_done`.',
      chartPriority: 'Planned and delivered requirements by priority',
      chartType: 'Planned and delivered requirements by type',
      openHeading: 'Planned, not delivered',
      undated: (n: number) => `${n} finished ${n === 1 ? 'requirement was' : 'requirements were'} already finished in ${n === 1 ? 'its' : 'their'} first committed version, so ${n === 1 ? 'its' : 'their'} delivery date is not in the history:`,
      lateHeading: 'Late tasks',
      lateLead: (n: number, today: string) => `${n} ${n === 1 ? 'task' : 'tasks'} due in the period ${n === 1 ? 'is' : 'are'} not done by ${today}.`,
      lateColumns: ['Requirement', 'Task', 'Owner', 'Scheduled end', 'Working days late'],
      coverageHeading: 'Commit coverage',
      coverage: (with_: number, of: number, pct: string) => `${with_} of ${of} finished requirements planned or delivered in the period have a commit that mentions them (${pct}).`,
      coverageNone: 'No finished requirement was planned or delivered in the period.',
      withoutCommit: 'Without a commit:',
    },
    proc: {
      missing: 'times to scored and to delivered, and time in each status',
      intakeHeading: 'Intake',
      intake: (n: number) => `${n} ${n === 1 ? 'requirement' : 'requirements'} submitted in the period.`,
      sourceColumns: ['Source', 'Requirements'],
      reviewsHeading: 'Priority reviews',
      reviews: (t: number, c: number, ch: number) => `${t} ${t === 1 ? 'review' : 'reviews'} in the period: ${c} confirmed the order, ${ch} changed it.`,
      leadHeading: 'Lead times',
      leadColumns: ['Stage', 'Requirements', 'Mean days', 'Median days', 'Longest'],
      toScored: 'Submitted → scored',
      toDelivered: 'Submitted → delivered',
      leadNote:
        'Calendar days from `submitted` to the commit that completed importance and urgency, and to the commit that moved the status to delivered, verified or closed, for the requirements that reached the stage in the period. A file first committed already scored or finished is not counted: when that happened is not in its history.',
      leadDetailColumns: ['Requirement', 'Stage', 'Submitted', 'Reached', 'Days'],
      statusHeading: 'Time in each status',
      statusColumns: ['Status', 'Requirements', 'Days in the period', 'Mean days per requirement'],
      statusNote: 'From the status changes in the files’ git history, clipped to the period and to today.',
      statusChart: 'Days spent in each status during the period',
      days: 'Days',
      changesHeading: 'Change requests',
      changes: (t: number, a: number, r: number, p: number) => `${t} change ${t === 1 ? 'request' : 'requests'} in the period: ${a} approved, ${r} rejected, ${p} pending or undecided.`,
      changeColumns: ['Date', 'Requirement', 'Request', 'Decision'],
      decisions: { approved: 'Approved', rejected: 'Rejected', pending: 'Pending' } as Record<string, string>,
      declinesHeading: 'Declined requirements',
      declinesBySubmitted: 'Without the history, declines cannot be dated: these are the requirements declined now that were submitted in the period.',
      declineColumns: ['Requirement', 'Declined on', 'Reason'],
      noReason: '(no reason given)',
      undatedDeclines: 'A requirement first committed already declined has no decline date in its history: it is listed, undated, when it was submitted in the period.',
    },
    sat: {
      summaryHeading: 'Overall',
      summary: (n: number, scored: number) => `${n} feedback ${n === 1 ? 'entry' : 'entries'} in the period, ${scored} with a satisfaction score.`,
      mean: (mean: string, min: number, max: number) => `Mean satisfaction ${mean} of 5 (lowest ${min}, highest ${max}).`,
      distributionColumns: ['Score', '1', '2', '3', '4', '5'],
      entries: 'Entries',
      customerHeading: 'By customer',
      typeHeading: 'By type',
      monthHeading: 'By month',
      groupColumns: (key: string) => [key, 'Entries', 'Mean', 'Lowest', 'Highest'],
      customer: 'Customer',
      type: 'Type',
      month: 'Month',
      meanSeries: 'Mean satisfaction',
      chartCustomer: 'Mean satisfaction by customer',
      chartType: 'Mean satisfaction by type',
      chartMonth: 'Mean satisfaction by month',
      lowHeading: 'Below expectations (1–2)',
      lowLead: 'The guide asks for an adjustment within 24 hours of feedback that misses expectations: a change request dated the same day or the next counts.',
      lowColumns: ['Date', 'Requirement', 'Customer', 'Score', 'Note', 'Adjusted within 24 h'],
    },
  },
  'zh-cn': {
    title: { implementation: '需求实现情况报告', process: '需求管理过程评估报告', satisfaction: '客户满意度评估报告' },
    period: (from: string, to: string) => `${from} 至 ${to}`,
    titleWithPeriod: (title: string, period: string) => `${title}（${period}）`,
    lead: (today: string, n: number) => `数据截至 ${today}，基于 ${n} 个需求。`,
    none: '无。',
    dash: '—',
    yes: '是',
    no: '否',
    noCustomer: '（未填客户）',
    noType: '（未填类型）',
    noSource: '（未填写）',
    unprioritised: '未定优先级',
    total: '合计',
    requirement: '需求',
    reason: {
      untrusted: '工作区处于受限模式，ReqDesk 不运行 git',
      'no-repository': '该目录不在 git 仓库中',
      'git-missing': '无法运行 git',
      'not-read': '未读取历史',
    } satisfies Record<Unavailable, string>,
    notComputedHistory: (what: string, why: string) => `未计算：${what}——需要需求文件的 git 历史，而${why}。`,
    notComputedCommits: (why: string) => `未计算：提交覆盖率——需要 git 历史，而${why}。`,
    skipped: {
      heading: '已跳过的记录',
      lead: (n: number) => `${n} 个记录有错误，未计入以上任何数据：`,
      unreadable: '无法读取',
    },
    impl: {
      missing: '期内交付数与按期交付数',
      planHeading: '按优先级：计划与交付',
      typeHeading: '按类型：计划与交付',
      columns: (key: string) => [key, '计划', '已交付', '交付率', '期内交付', '按期'],
      priority: '优先级',
      type: '类型',
      planned: '计划',
      delivered: '已交付',
      definitions:
        '计划：`planned_done` 在本期内。已交付：其中当前状态为已交付、已验证或已关闭的。期内交付：本期内有提交将状态改为已交付、已验证或已关闭。按期：期内交付且不晚于 `planned_done`。',
      chartPriority: '按优先级的计划与交付需求数',
      chartType: '按类型的计划与交付需求数',
      openHeading: '计划内未交付',
      undated: (n: number) => `${n} 个需求在首次提交时已是完成状态，历史中没有其交付日期：`,
      lateHeading: '延期任务',
      lateLead: (n: number, today: string) => `本期内到期的任务中，有 ${n} 个截至 ${today} 仍未完成。`,
      lateColumns: ['需求', '任务', '负责人', '计划完成', '延期工作日'],
      coverageHeading: '提交覆盖率',
      coverage: (with_: number, of: number, pct: string) => `本期计划或交付的已完成需求中，${of} 个有 ${with_} 个被提交提及（${pct}）。`,
      coverageNone: '本期没有计划或交付的已完成需求。',
      withoutCommit: '没有提交的需求：',
    },
    proc: {
      missing: '提交至评分、提交至交付的时长，以及各状态停留时间',
      intakeHeading: '需求收集',
      intake: (n: number) => `本期共提交 ${n} 个需求。`,
      sourceColumns: ['来源', '需求数'],
      reviewsHeading: '优先级评审',
      reviews: (t: number, c: number, ch: number) => `本期共 ${t} 次评审：${c} 次确认排序，${ch} 次调整排序。`,
      leadHeading: '处理时长',
      leadColumns: ['阶段', '需求数', '平均天数', '中位天数', '最长'],
      toScored: '提交 → 评分',
      toDelivered: '提交 → 交付',
      leadNote: '从 `submitted` 到补全重要性与紧急性评分的提交、以及到将状态改为已交付/已验证/已关闭的提交之间的自然日数；只计本期内到达该阶段的需求。首次提交时已评分或已完成的文件不计入：历史中没有其发生时间。',
      leadDetailColumns: ['需求', '阶段', '提交日期', '到达日期', '天数'],
      statusHeading: '各状态停留时间',
      statusColumns: ['状态', '需求数', '本期天数', '每个需求平均天数'],
      statusNote: '依据文件 git 历史中的状态变化，截取到本期及今天为止。',
      statusChart: '本期各状态停留天数',
      days: '天数',
      changesHeading: '需求变更',
      changes: (t: number, a: number, r: number, p: number) => `本期共 ${t} 个变更申请：批准 ${a} 个，驳回 ${r} 个，待定或未决定 ${p} 个。`,
      changeColumns: ['日期', '需求', '变更内容', '决定'],
      decisions: { approved: '已批准', rejected: '已驳回', pending: '待评估' } as Record<string, string>,
      declinesHeading: '无法满足的需求',
      declinesBySubmitted: '没有历史时无法确定拒绝日期：以下为当前已拒绝、且在本期提交的需求。',
      declineColumns: ['需求', '拒绝日期', '原因'],
      noReason: '（未说明原因）',
      undatedDeclines: '首次提交时已是拒绝状态的需求，历史中没有拒绝日期：若在本期提交，则列出但不注明日期。',
    },
    sat: {
      summaryHeading: '总体',
      summary: (n: number, scored: number) => `本期共 ${n} 条客户反馈，其中 ${scored} 条有满意度评分。`,
      mean: (mean: string, min: number, max: number) => `平均满意度 ${mean} 分（满分 5 分；最低 ${min}，最高 ${max}）。`,
      distributionColumns: ['评分', '1', '2', '3', '4', '5'],
      entries: '条数',
      customerHeading: '按客户',
      typeHeading: '按类型',
      monthHeading: '按月份',
      groupColumns: (key: string) => [key, '条数', '平均', '最低', '最高'],
      customer: '客户',
      type: '类型',
      month: '月份',
      meanSeries: '平均满意度',
      chartCustomer: '各客户平均满意度',
      chartType: '各类型平均满意度',
      chartMonth: '各月平均满意度',
      lowHeading: '未达预期（1–2 分）',
      lowLead: '指南要求反馈未达预期时 24 小时内启动调整：当天或次日有变更申请即视为已调整。',
      lowColumns: ['日期', '需求', '客户', '评分', '客户评价', '24 小时内调整'],
    },
  },
} as const;

type Words = (typeof TEXT)[Language];

function typeWord(lang: Language, key: string): string {
  if (!key) return TEXT[lang].noType;
  return lang === 'en' ? (EN_TYPES[key] ?? key) : zhWord(REQUIREMENT_TYPES, key);
}

export function statusWord(lang: Language, key: string): string {
  return lang === 'en' ? (EN_STATUSES[key] ?? key) : key in STATUSES ? zhWord(STATUSES, key) : key;
}

function sourceWord(lang: Language, key: string): string {
  if (!key) return TEXT[lang].noSource;
  return lang === 'en' ? (EN_SOURCES[key] ?? key) : key in SOURCES ? zhWord(SOURCES, key) : key;
}

// ---------------------------------------------------------------------------------------------
// Numbers

const int = (n: number) => String(n);
/** Days with one decimal, without a trailing `.0`. */
export const days = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
/** A mean score with two decimals. */
export const score = (n: number) => n.toFixed(2);
export const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
const maybe = (n: number | undefined, dash: string) => (n === undefined ? dash : int(n));

function req(ref: RequirementRef): string {
  return ref.title ? `${ref.id} ${ref.title}` : ref.id;
}

// ---------------------------------------------------------------------------------------------
// Shared sections

function skippedSection(skipped: readonly SkippedRecord[], t: Words, lang: Language, label: (f: string) => string): ReportSection | undefined {
  if (skipped.length === 0) return undefined;
  const items = skipped.map((s) => {
    const why = s.problem ? formatMessage(s.problem.code as ProblemCode, s.problem.args, lang, label) : t.skipped.unreadable;
    return lang === 'en' ? `${label(s.file)}${s.id ? ` (${s.id})` : ''}: ${why}` : `${label(s.file)}${s.id ? `（${s.id}）` : ''}：${why}`;
  });
  return { key: 'skipped', heading: t.skipped.heading, blocks: [{ kind: 'text', text: t.skipped.lead(skipped.length) }, { kind: 'list', items }] };
}

// ---------------------------------------------------------------------------------------------
// Implementation

function planRow(label: string, row: PlanRow, t: Words): string[] {
  return [label, int(row.planned), int(row.delivered), percent(row.delivered, row.planned), maybe(row.deliveredInPeriod, t.dash), maybe(row.onTime, t.dash)];
}

function planChart(title: string, groups: Array<[string, PlanRow]>, t: Words): ReportBlock {
  return {
    kind: 'chart',
    title,
    series: [t.impl.planned, t.impl.delivered],
    groups: groups.map(([label, row]) => ({ label, bars: [{ value: row.planned, label: int(row.planned) }, { value: row.delivered, label: int(row.delivered) }] })),
  };
}

function implementationSections(report: Report, f: ImplementationFigures, t: Words, lang: Language): ReportSection[] {
  const numeric = [false, true, true, true, true, true];
  const priorityRows: Array<[string, PlanRow]> = PRIORITY_KEYS.map((k) => [k === 'none' ? t.unprioritised : k, f.byPriority[k]]);
  const typeRows: Array<[string, PlanRow]> = TYPE_KEYS.map((k) => [typeWord(lang, k), f.byType[k]]);
  const sections: ReportSection[] = [
    {
      key: 'by-priority',
      heading: t.impl.planHeading,
      blocks: [
        { kind: 'table', columns: [...t.impl.columns(t.impl.priority)], numeric, rows: [...priorityRows.map(([l, r]) => planRow(l, r, t)), planRow(t.total, f.total, t)] },
        planChart(t.impl.chartPriority, priorityRows, t),
        { kind: 'note', text: t.impl.definitions },
      ],
    },
    {
      key: 'by-type',
      heading: t.impl.typeHeading,
      blocks: [
        { kind: 'table', columns: [...t.impl.columns(t.impl.type)], numeric, rows: [...typeRows.map(([l, r]) => planRow(l, r, t)), planRow(t.total, f.total, t)] },
        planChart(t.impl.chartType, typeRows, t),
      ],
    },
  ];
  const open: ReportBlock[] = f.open.length ? [{ kind: 'list', items: f.open.map(req) }] : [{ kind: 'text', text: t.none }];
  if (f.undated.length) open.push({ kind: 'text', text: t.impl.undated(f.undated.length) }, { kind: 'list', items: f.undated.map(req) });
  sections.push({ key: 'open', heading: t.impl.openHeading, blocks: open });
  sections.push({
    key: 'late-tasks',
    heading: t.impl.lateHeading,
    blocks: f.lateTasks.length
      ? [
          { kind: 'text', text: t.impl.lateLead(f.lateTasks.length, report.today) },
          {
            kind: 'table',
            columns: [...t.impl.lateColumns],
            numeric: [false, false, false, false, true],
            rows: f.lateTasks.map((l) => [l.requirement.id, `${l.task} ${l.title}`, l.owner ?? '', l.end, int(l.workdaysLate)]),
          },
        ]
      : [{ kind: 'text', text: t.none }],
  });
  const coverage: ReportBlock[] = [];
  if (report.missing.commits) coverage.push({ kind: 'note', text: t.notComputedCommits(t.reason[report.missing.commits]) });
  else if (f.coverage && f.coverage.finished === 0) coverage.push({ kind: 'text', text: t.impl.coverageNone });
  else if (f.coverage) {
    coverage.push({ kind: 'text', text: t.impl.coverage(f.coverage.withCommits, f.coverage.finished, percent(f.coverage.withCommits, f.coverage.finished)) });
    if (f.coverage.without.length) coverage.push({ kind: 'text', text: t.impl.withoutCommit }, { kind: 'list', items: f.coverage.without.map(req) });
  }
  sections.push({ key: 'commit-coverage', heading: t.impl.coverageHeading, blocks: coverage });
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Process

function statsRow(label: string, stats: DurationStats | undefined, t: Words): string[] {
  return stats ? [label, int(stats.count), days(stats.mean), days(stats.median), days(stats.max)] : [label, '0', t.dash, t.dash, t.dash];
}

function processSections(report: Report, f: ProcessFigures, t: Words, lang: Language): ReportSection[] {
  const sections: ReportSection[] = [];
  const intake: ReportBlock[] = [{ kind: 'text', text: t.proc.intake(f.submitted) }];
  if (f.bySource.length) intake.push({ kind: 'table', columns: [...t.proc.sourceColumns], numeric: [false, true], rows: f.bySource.map((s) => [sourceWord(lang, s.source), int(s.count)]) });
  sections.push({ key: 'intake', heading: t.proc.intakeHeading, blocks: intake });
  sections.push({ key: 'reviews', heading: t.proc.reviewsHeading, blocks: [{ kind: 'text', text: t.proc.reviews(f.reviews.total, f.reviews.confirmed, f.reviews.changed) }] });

  const missing = report.missing.history ? { kind: 'note' as const, text: t.notComputedHistory(t.proc.missing, t.reason[report.missing.history]) } : undefined;
  const lead: ReportBlock[] = [];
  if (missing) lead.push(missing);
  if (f.toScored && f.toDelivered) {
    lead.push({
      kind: 'table',
      columns: [...t.proc.leadColumns],
      numeric: [false, true, true, true, true],
      rows: [statsRow(t.proc.toScored, f.toScored.stats, t), statsRow(t.proc.toDelivered, f.toDelivered.stats, t)],
    });
    const detail = (stage: string, items: readonly TimedRequirement[]) => items.map((i) => [req(i.requirement), stage, i.submitted, i.at, int(i.days)]);
    const rows = [...detail(t.proc.toScored, f.toScored.items), ...detail(t.proc.toDelivered, f.toDelivered.items)];
    if (rows.length) lead.push({ kind: 'table', columns: [...t.proc.leadDetailColumns], numeric: [false, false, false, false, true], rows });
    lead.push({ kind: 'note', text: t.proc.leadNote });
  }
  sections.push({ key: 'lead-times', heading: t.proc.leadHeading, blocks: lead });

  const status: ReportBlock[] = [];
  if (missing) status.push(missing);
  if (f.timeInStatus) {
    if (f.timeInStatus.length === 0) status.push({ kind: 'text', text: t.none });
    else {
      status.push(
        {
          kind: 'table',
          columns: [...t.proc.statusColumns],
          numeric: [false, true, true, true],
          rows: f.timeInStatus.map((s) => [statusWord(lang, s.status), int(s.requirements), int(s.days), days(Math.round((s.days / s.requirements) * 10) / 10)]),
        },
        { kind: 'chart', title: t.proc.statusChart, series: [t.proc.days], groups: f.timeInStatus.map((s) => ({ label: statusWord(lang, s.status), bars: [{ value: s.days, label: int(s.days) }] })) },
        { kind: 'note', text: t.proc.statusNote },
      );
    }
  }
  sections.push({ key: 'time-in-status', heading: t.proc.statusHeading, blocks: status });

  const c = f.changes;
  const changes: ReportBlock[] = [{ kind: 'text', text: t.proc.changes(c.total, c.byDecision.approved, c.byDecision.rejected, c.byDecision.pending + c.byDecision.none) }];
  if (c.items.length) {
    changes.push({
      kind: 'table',
      columns: [...t.proc.changeColumns],
      numeric: [false, false, false, false],
      rows: c.items.map((i) => [i.date, i.requirement.id, i.request, i.decision ? (t.proc.decisions[i.decision] ?? i.decision) : t.dash]),
    });
  }
  sections.push({ key: 'changes', heading: t.proc.changesHeading, blocks: changes });

  const declines: ReportBlock[] = [];
  if (f.declines.datedBy === 'submitted') declines.push({ kind: 'note', text: t.proc.declinesBySubmitted });
  if (f.declines.items.length) {
    declines.push({
      kind: 'table',
      columns: [...t.proc.declineColumns],
      numeric: [false, false, false],
      rows: f.declines.items.map((d) => [req(d.requirement), d.date ?? t.dash, d.reason ?? t.proc.noReason]),
    });
    if (f.declines.datedBy === 'history' && f.declines.items.some((d) => d.date === undefined)) declines.push({ kind: 'note', text: t.proc.undatedDeclines });
  } else declines.push({ kind: 'text', text: t.none });
  sections.push({ key: 'declines', heading: t.proc.declinesHeading, blocks: declines });
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Satisfaction

function groupTable(key: string, groups: readonly SatisfactionGroup[], label: (k: string) => string, t: Words): ReportBlock {
  return {
    kind: 'table',
    columns: [...t.sat.groupColumns(key)],
    numeric: [false, true, true, true, true],
    rows: groups.map((g) => (g.entries ? [label(g.key), int(g.entries), score(g.mean), int(g.min), int(g.max)] : [label(g.key), '0', t.dash, t.dash, t.dash])),
  };
}

function groupChart(title: string, groups: readonly SatisfactionGroup[], label: (k: string) => string, t: Words): ReportBlock {
  return { kind: 'chart', title, series: [t.sat.meanSeries], max: 5, groups: groups.map((g) => ({ label: label(g.key), bars: [{ value: g.mean, label: g.entries ? score(g.mean) : t.dash }] })) };
}

function satisfactionSections(f: SatisfactionFigures, t: Words, lang: Language): ReportSection[] {
  const scored = f.entries - f.unscored;
  const overall: ReportBlock[] = [{ kind: 'text', text: t.sat.summary(f.entries, scored) }];
  if (f.overall) {
    overall.push({ kind: 'text', text: t.sat.mean(score(f.overall.mean), f.overall.min, f.overall.max) });
    overall.push({ kind: 'table', columns: [...t.sat.distributionColumns], numeric: [false, true, true, true, true, true], rows: [[t.sat.entries, ...f.distribution.map(int)]] });
  }
  const sections: ReportSection[] = [{ key: 'overall', heading: t.sat.summaryHeading, blocks: overall }];
  if (!f.overall) return sections;
  const customer = (k: string) => k || t.noCustomer;
  const type = (k: string) => typeWord(lang, k);
  const month = (k: string) => k;
  sections.push(
    { key: 'by-customer', heading: t.sat.customerHeading, blocks: [groupTable(t.sat.customer, f.byCustomer, customer, t), groupChart(t.sat.chartCustomer, f.byCustomer, customer, t)] },
    { key: 'by-type', heading: t.sat.typeHeading, blocks: [groupTable(t.sat.type, f.byType, type, t), groupChart(t.sat.chartType, f.byType, type, t)] },
    { key: 'by-month', heading: t.sat.monthHeading, blocks: [groupTable(t.sat.month, f.byMonth, month, t), groupChart(t.sat.chartMonth, f.byMonth, month, t)] },
  );
  sections.push({
    key: 'low',
    heading: t.sat.lowHeading,
    blocks: f.low.length
      ? [
          { kind: 'text', text: t.sat.lowLead },
          {
            kind: 'table',
            columns: [...t.sat.lowColumns],
            numeric: [false, false, false, true, false, false],
            rows: f.low.map((l) => [l.date, l.requirement.id, l.customer ?? t.noCustomer, int(l.satisfaction), l.note ?? '', l.adjustedWithinADay ? t.yes : t.no]),
          },
        ]
      : [{ kind: 'text', text: t.none }],
  });
  return sections;
}

// ---------------------------------------------------------------------------------------------

/** The report as a document in one language. */
export function reportDocument(report: Report, lang: Language, options: DocumentOptions = {}): ReportDocument {
  const t = TEXT[lang];
  const label = options.fileLabel ?? ((f: string) => f);
  const lead: string[] = [t.lead(report.today, report.counted)];
  if (report.kind === 'implementation' && report.missing.history) lead.push(t.notComputedHistory(t.impl.missing, t.reason[report.missing.history]));
  const f = report.figures as Figures;
  const sections =
    f.kind === 'implementation' ? implementationSections(report, f, t, lang) : f.kind === 'process' ? processSections(report, f, t, lang) : satisfactionSections(f, t, lang);
  const skipped = skippedSection(report.skipped, t, lang, label);
  if (skipped) sections.push(skipped);
  return {
    kind: report.kind,
    title: t.titleWithPeriod(t.title[report.kind], t.period(report.range.from, report.range.to)),
    from: report.range.from,
    to: report.range.to,
    lead,
    sections,
  };
}

/** The name of a report kind, for pickers and panel titles. */
export function reportTitle(kind: ReportKind, lang: Language): string {
  return TEXT[lang].title[kind];
}
