// A report's figures as a document in one language: a title, sections of text, tables and bar
// charts, every number already formatted. The Markdown renderer writes the text and tables; the
// webview draws the same document with its charts. One wording for both, in English and Chinese.
import { localize, type Language } from '../l10n';
import { formatMessage, type ProblemCode } from '../messages';
import type {
  DegreeRow,
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
import { DEGREE_KEYS, PRIORITY_KEYS, TYPE_KEYS } from './figures';
import { weeklySections } from './weeklyDocument';

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

/**
 * The English names of the enum values a report shows; their Chinese in the bundle is the value's
 * first alias (功能, 新建, 访谈 …), which a test keeps in step with the schema.
 */
export const TYPE_LABELS: Readonly<Record<string, string>> = {
  functional: 'Functional',
  experience: 'Experience',
  business: 'Business',
  service: 'Service',
};
export const STATUS_LABELS: Readonly<Record<string, string>> = {
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
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  survey: 'Survey',
  interview: 'Interview',
  history: 'Order/complaint history',
  'feedback-form': 'Feedback form',
  'sales-log': 'Sales log',
  'support-log': 'Support log',
  'market-research': 'Market research',
  complaint: 'Complaint',
};

/** The degrees met (需求实现程度): their Chinese is the value's first alias too (完全满足, 部分满足 …). */
export const DEGREE_LABELS: Readonly<Record<string, string>> = {
  full: 'Met in full',
  partial: 'Met in part',
  alternative: 'Met by an alternative',
  declined: 'Not met',
};

/** An enum value's name from one of the tables above; a value the schema does not know reads as it is. */
function enumLabel(lang: Language, labels: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(labels, key) ? localize(lang, labels[key]!) : key;
}

/** The words of a report in a language, each a message of the one catalog. */
function words(lang: Language) {
  return {
    title: {
      implementation: localize(lang, 'Requirement implementation report'),
      process: localize(lang, 'Requirement management process report'),
      satisfaction: localize(lang, 'Customer satisfaction report'),
      weekly: localize(lang, 'Weekly progress report'),
    } satisfies Record<ReportKind, string>,
    period: (from: string, to: string) => localize(lang, '{0} to {1}', from, to),
    titleWithPeriod: (title: string, period: string) => localize(lang, '{0} — {1}', title, period),
    lead: (today: string, n: number) =>
      n === 1
        ? localize(lang, 'Figures as of {0}, from {1} requirement.', today, n)
        : localize(lang, 'Figures as of {0}, from {1} requirements.', today, n),
    none: localize(lang, 'None.'),
    dash: '—',
    yes: localize(lang, 'Yes'),
    no: localize(lang, 'No'),
    noCustomer: localize(lang, '(no customer)'),
    noType: localize(lang, '(no type)'),
    noSource: localize(lang, '(not given)'),
    unprioritised: localize(lang, 'Unprioritised'),
    total: localize(lang, 'Total'),
    reason: {
      untrusted: localize(lang, 'the workspace is in Restricted Mode, where ReqDesk runs no git'),
      'no-repository': localize(lang, 'the folder is not in a git repository'),
      'git-missing': localize(lang, 'git could not be run'),
      'not-read': localize(lang, 'it was not read'),
    } satisfies Record<Unavailable, string>,
    notComputedHistory: (what: string, why: string) =>
      localize(lang, 'Not computed: {0} — they need the git history of the requirement files, and {1}.', what, why),
    notComputedCommits: (why: string) => localize(lang, 'Not computed: commit coverage — it needs the git history, and {0}.', why),
    /** A skipped record: its file, its ID when it has one, and why. */
    skippedItem: (file: string, id: string | undefined, why: string) =>
      id ? localize(lang, '{0} ({1}): {2}', file, id, why) : localize(lang, '{0}: {1}', file, why),
    skipped: {
      heading: localize(lang, 'Skipped records'),
      lead: (n: number) =>
        n === 1
          ? localize(lang, '{0} record has errors and is left out of every figure above:', n)
          : localize(lang, '{0} records have errors and are left out of every figure above:', n),
      unreadable: localize(lang, 'could not be read'),
    },
    impl: {
      missing: localize(lang, 'delivered in the period and on time'),
      planHeading: localize(lang, 'Planned vs delivered by priority'),
      typeHeading: localize(lang, 'Planned vs delivered by type'),
      columns: (key: string) => [
        key,
        localize(lang, { message: 'Planned', comment: 'count' }),
        localize(lang, 'Delivered'),
        localize(lang, 'Rate'),
        localize(lang, 'Delivered in the period'),
        localize(lang, 'On time'),
      ],
      priority: localize(lang, 'Priority'),
      type: localize(lang, 'Type'),
      planned: localize(lang, { message: 'Planned', comment: 'count' }),
      delivered: localize(lang, 'Delivered'),
      definitions: localize(
        lang,
        'Planned: `planned_done` in the period. Delivered: of those, delivered, verified or closed now. Delivered in the period: moved to delivered, verified or closed by a commit in the period. On time: delivered in the period by `planned_done`.',
      ),
      chartPriority: localize(lang, 'Planned and delivered requirements by priority'),
      chartType: localize(lang, 'Planned and delivered requirements by type'),
      openHeading: localize(lang, 'Planned, not delivered'),
      undated: (n: number) =>
        n === 1
          ? localize(
              lang,
              '{0} finished requirement was already finished in its first committed version, so its delivery date is not in the history:',
              n,
            )
          : localize(
              lang,
              '{0} finished requirements were already finished in their first committed version, so their delivery date is not in the history:',
              n,
            ),
      lateHeading: localize(lang, 'Late tasks'),
      lateLead: (n: number, today: string) =>
        n === 1
          ? localize(lang, '{0} task due in the period is not done by {1}.', n, today)
          : localize(lang, '{0} tasks due in the period are not done by {1}.', n, today),
      lateColumns: [
        localize(lang, 'Requirement'),
        localize(lang, 'Task'),
        localize(lang, 'Owner'),
        localize(lang, 'Scheduled end'),
        localize(lang, 'Working days late'),
      ],
      coverageHeading: localize(lang, 'Commit coverage'),
      coverage: (with_: number, of: number, pct: string) =>
        localize(
          lang,
          '{0} of {1} finished requirements planned or delivered in the period have a commit that mentions them ({2}).',
          with_,
          of,
          pct,
        ),
      coverageNone: localize(lang, 'No finished requirement was planned or delivered in the period.'),
      withoutCommit: localize(lang, 'Without a commit:'),
      degreeHeading: localize(lang, 'Degree met'),
      degreeColumns: [
        localize(lang, 'Priority'),
        ...DEGREE_KEYS.map((k) => (k === 'none' ? localize(lang, 'Not recorded') : enumLabel(lang, DEGREE_LABELS, k))),
        localize(lang, 'Requirements'),
      ],
      degreeNote: localize(
        lang,
        'The requirements planned or delivered in the period that are delivered, verified or closed now, by the degree met their `outcome.degree` records (需求实现程度).',
      ),
      effectHeading: localize(lang, 'Effect against the expected goal'),
      effectColumns: [
        localize(lang, 'Requirement'),
        localize(lang, { message: 'Degree met', comment: 'report column' }),
        localize(lang, 'Expected goal'),
        localize(lang, 'Measured effect'),
      ],
      effectNone: localize(lang, 'None of them records a measured effect (`outcome.measured`).'),
      effectNote: localize(
        lang,
        'The expected goal is the text of the record’s 期望目标 (Goal) section; the measured effect is its `outcome.measured`, recorded when it was verified.',
      ),
    },
    proc: {
      missing: localize(lang, 'times to scored and to delivered, and time in each status'),
      intakeHeading: localize(lang, 'Intake'),
      intake: (n: number) =>
        n === 1
          ? localize(lang, '{0} requirement submitted in the period.', n)
          : localize(lang, '{0} requirements submitted in the period.', n),
      sourceColumns: [localize(lang, 'Source'), localize(lang, 'Requirements')],
      reviewsHeading: localize(lang, 'Priority reviews'),
      reviews: (t: number, c: number, ch: number) =>
        t === 1
          ? localize(lang, '{0} review in the period: {1} confirmed the order, {2} changed it.', t, c, ch)
          : localize(lang, '{0} reviews in the period: {1} confirmed the order, {2} changed it.', t, c, ch),
      leadHeading: localize(lang, 'Lead times'),
      leadColumns: [
        localize(lang, 'Stage'),
        localize(lang, 'Requirements'),
        localize(lang, 'Mean days'),
        localize(lang, 'Median days'),
        localize(lang, 'Longest'),
      ],
      toScored: localize(lang, 'Submitted → scored'),
      toDelivered: localize(lang, 'Submitted → delivered'),
      leadNote: localize(
        lang,
        'Calendar days from `submitted` to the commit that completed importance and urgency, and to the commit that moved the status to delivered, verified or closed, for the requirements that reached the stage in the period. A file first committed already scored or finished is not counted: when that happened is not in its history.',
      ),
      leadDetailColumns: [
        localize(lang, 'Requirement'),
        localize(lang, 'Stage'),
        localize(lang, 'Submitted'),
        localize(lang, 'Reached'),
        localize(lang, 'Days'),
      ],
      statusHeading: localize(lang, 'Time in each status'),
      statusColumns: [
        localize(lang, 'Status'),
        localize(lang, 'Requirements'),
        localize(lang, 'Days in the period'),
        localize(lang, 'Mean days per requirement'),
      ],
      statusNote: localize(lang, 'From the status changes in the files’ git history, clipped to the period and to today.'),
      statusChart: localize(lang, 'Days spent in each status during the period'),
      days: localize(lang, 'Days'),
      changesHeading: localize(lang, 'Change requests'),
      changes: (t: number, a: number, r: number, p: number) =>
        t === 1
          ? localize(lang, '{0} change request in the period: {1} approved, {2} rejected, {3} pending or undecided.', t, a, r, p)
          : localize(lang, '{0} change requests in the period: {1} approved, {2} rejected, {3} pending or undecided.', t, a, r, p),
      changeColumns: [
        localize(lang, 'Date'),
        localize(lang, 'Requirement'),
        localize(lang, 'Request'),
        localize(lang, { message: 'Decision', comment: 'report column' }),
      ],
      /** Shown only when some change request of the period records them. */
      stageColumns: [localize(lang, 'Implemented'), localize(lang, 'Fed back')],
      decisions: {
        approved: localize(lang, 'Approved'),
        rejected: localize(lang, 'Rejected'),
        pending: localize(lang, 'Pending'),
      } as Record<string, string>,
      declinesHeading: localize(lang, 'Declined requirements'),
      declinesBySubmitted: localize(
        lang,
        'Without the history, declines cannot be dated: these are the requirements declined now that were submitted in the period.',
      ),
      declineColumns: [localize(lang, 'Requirement'), localize(lang, 'Declined on'), localize(lang, 'Reason')],
      noReason: localize(lang, '(no reason given)'),
      undatedDeclines: localize(
        lang,
        'A requirement first committed already declined has no decline date in its history: it is listed, undated, when it was submitted in the period.',
      ),
    },
    sat: {
      summaryHeading: localize(lang, 'Overall'),
      summary: (n: number, scored: number) =>
        n === 1
          ? localize(lang, '{0} feedback entry in the period, {1} with a satisfaction score.', n, scored)
          : localize(lang, '{0} feedback entries in the period, {1} with a satisfaction score.', n, scored),
      mean: (mean: string, min: number, max: number) =>
        localize(lang, 'Mean satisfaction {0} of 5 (lowest {1}, highest {2}).', mean, min, max),
      distributionColumns: [localize(lang, 'Score'), '1', '2', '3', '4', '5'],
      entries: localize(lang, 'Entries'),
      customerHeading: localize(lang, 'By customer'),
      typeHeading: localize(lang, 'By type'),
      monthHeading: localize(lang, 'By month'),
      groupColumns: (key: string) => [
        key,
        localize(lang, 'Entries'),
        localize(lang, 'Mean'),
        localize(lang, 'Lowest'),
        localize(lang, 'Highest'),
      ],
      customer: localize(lang, 'Customer'),
      type: localize(lang, 'Type'),
      month: localize(lang, { message: 'Month', comment: 'report column' }),
      meanSeries: localize(lang, 'Mean satisfaction'),
      chartCustomer: localize(lang, 'Mean satisfaction by customer'),
      chartType: localize(lang, 'Mean satisfaction by type'),
      chartMonth: localize(lang, 'Mean satisfaction by month'),
      lowHeading: localize(lang, 'Below expectations (1–2)'),
      lowLead: localize(
        lang,
        'The guide asks for an adjustment within 24 hours of feedback that misses expectations: a change request dated the same day or the next counts.',
      ),
      lowColumns: [
        localize(lang, 'Date'),
        localize(lang, 'Requirement'),
        localize(lang, 'Customer'),
        localize(lang, 'Score'),
        localize(lang, 'Note'),
        localize(lang, 'Adjusted within 24 h'),
      ],
    },
  };
}

type Words = ReturnType<typeof words>;

function typeWord(lang: Language, key: string): string {
  return key ? enumLabel(lang, TYPE_LABELS, key) : localize(lang, '(no type)');
}

export function statusWord(lang: Language, key: string): string {
  return enumLabel(lang, STATUS_LABELS, key);
}

function sourceWord(lang: Language, key: string): string {
  return key ? enumLabel(lang, SOURCE_LABELS, key) : localize(lang, '(not given)');
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

function skippedSection(
  skipped: readonly SkippedRecord[],
  t: Words,
  lang: Language,
  label: (f: string) => string,
): ReportSection | undefined {
  if (skipped.length === 0) return undefined;
  const items = skipped.map((s) => {
    const why = s.problem ? formatMessage(s.problem.code as ProblemCode, s.problem.args, lang, label) : t.skipped.unreadable;
    return t.skippedItem(label(s.file), s.id, why);
  });
  return {
    key: 'skipped',
    heading: t.skipped.heading,
    blocks: [
      { kind: 'text', text: t.skipped.lead(skipped.length) },
      { kind: 'list', items },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Implementation

function planRow(label: string, row: PlanRow, t: Words): string[] {
  return [
    label,
    int(row.planned),
    int(row.delivered),
    percent(row.delivered, row.planned),
    maybe(row.deliveredInPeriod, t.dash),
    maybe(row.onTime, t.dash),
  ];
}

function planChart(title: string, groups: Array<[string, PlanRow]>, t: Words): ReportBlock {
  return {
    kind: 'chart',
    title,
    series: [t.impl.planned, t.impl.delivered],
    groups: groups.map(([label, row]) => ({
      label,
      bars: [
        { value: row.planned, label: int(row.planned) },
        { value: row.delivered, label: int(row.delivered) },
      ],
    })),
  };
}

/** The plan by one dimension (priority, type): a table with a total row, and its rows as a chart. */
function planBlocks(dimension: string, chartTitle: string, rows: Array<[string, PlanRow]>, total: PlanRow, t: Words): ReportBlock[] {
  return [
    {
      kind: 'table',
      columns: [...t.impl.columns(dimension)],
      numeric: [false, true, true, true, true, true],
      rows: [...rows.map(([l, r]) => planRow(l, r, t)), planRow(t.total, total, t)],
    },
    planChart(chartTitle, rows, t),
  ];
}

function implementationSections(report: Report, f: ImplementationFigures, t: Words, lang: Language): ReportSection[] {
  const priorityRows: Array<[string, PlanRow]> = PRIORITY_KEYS.map((k) => [k === 'none' ? t.unprioritised : k, f.byPriority[k]]);
  const typeRows: Array<[string, PlanRow]> = TYPE_KEYS.map((k) => [typeWord(lang, k), f.byType[k]]);
  const sections: ReportSection[] = [
    {
      key: 'by-priority',
      heading: t.impl.planHeading,
      blocks: [...planBlocks(t.impl.priority, t.impl.chartPriority, priorityRows, f.total, t), { kind: 'note', text: t.impl.definitions }],
    },
    { key: 'by-type', heading: t.impl.typeHeading, blocks: planBlocks(t.impl.type, t.impl.chartType, typeRows, f.total, t) },
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
    coverage.push({
      kind: 'text',
      text: t.impl.coverage(f.coverage.withCommits, f.coverage.finished, percent(f.coverage.withCommits, f.coverage.finished)),
    });
    if (f.coverage.without.length)
      coverage.push({ kind: 'text', text: t.impl.withoutCommit }, { kind: 'list', items: f.coverage.without.map(req) });
  }
  sections.push({ key: 'commit-coverage', heading: t.impl.coverageHeading, blocks: coverage });
  sections.push(...outcomeSections(f, t, lang));
  return sections;
}

function degreeRow(label: string, row: DegreeRow): string[] {
  return [label, ...DEGREE_KEYS.map((k) => int(row[k])), int(row.total)];
}

/** Degree met by priority (需求实现程度) and the effects measured against the expected goals (实现效果). */
function outcomeSections(f: ImplementationFigures, t: Words, lang: Language): ReportSection[] {
  const d = f.degree;
  if (d.total.total === 0) {
    return [
      { key: 'degree-met', heading: t.impl.degreeHeading, blocks: [{ kind: 'text', text: t.impl.coverageNone }] },
      { key: 'effect', heading: t.impl.effectHeading, blocks: [{ kind: 'text', text: t.none }] },
    ];
  }
  const degree: ReportBlock[] = [
    {
      kind: 'table',
      columns: [...t.impl.degreeColumns],
      numeric: [false, ...DEGREE_KEYS.map(() => true), true],
      rows: [...PRIORITY_KEYS.map((k) => degreeRow(k === 'none' ? t.unprioritised : k, d.byPriority[k])), degreeRow(t.total, d.total)],
    },
    { kind: 'note', text: t.impl.degreeNote },
  ];
  const effect: ReportBlock[] = f.effects.length
    ? [
        {
          kind: 'table',
          columns: [...t.impl.effectColumns],
          numeric: [false, false, false, false],
          rows: f.effects.map((e) => [
            req(e.requirement),
            e.degree ? enumLabel(lang, DEGREE_LABELS, e.degree) : t.dash,
            e.goal ?? t.dash,
            e.note ? localize(lang, '{0} ({1})', String(e.measured), e.note) : String(e.measured),
          ]),
        },
        { kind: 'note', text: t.impl.effectNote },
      ]
    : [{ kind: 'text', text: t.impl.effectNone }];
  return [
    { key: 'degree-met', heading: t.impl.degreeHeading, blocks: degree },
    { key: 'effect', heading: t.impl.effectHeading, blocks: effect },
  ];
}

// ---------------------------------------------------------------------------------------------
// Process

function statsRow(label: string, stats: DurationStats | undefined, t: Words): string[] {
  return stats ? [label, int(stats.count), days(stats.mean), days(stats.median), days(stats.max)] : [label, '0', t.dash, t.dash, t.dash];
}

function processSections(report: Report, f: ProcessFigures, t: Words, lang: Language): ReportSection[] {
  const sections: ReportSection[] = [];
  const intake: ReportBlock[] = [{ kind: 'text', text: t.proc.intake(f.submitted) }];
  if (f.bySource.length)
    intake.push({
      kind: 'table',
      columns: [...t.proc.sourceColumns],
      numeric: [false, true],
      rows: f.bySource.map((s) => [sourceWord(lang, s.source), int(s.count)]),
    });
  sections.push({ key: 'intake', heading: t.proc.intakeHeading, blocks: intake });
  sections.push({
    key: 'reviews',
    heading: t.proc.reviewsHeading,
    blocks: [{ kind: 'text', text: t.proc.reviews(f.reviews.total, f.reviews.confirmed, f.reviews.changed) }],
  });

  const missing = report.missing.history
    ? { kind: 'note' as const, text: t.notComputedHistory(t.proc.missing, t.reason[report.missing.history]) }
    : undefined;
  const lead: ReportBlock[] = [];
  if (missing) lead.push(missing);
  if (f.toScored && f.toDelivered) {
    lead.push({
      kind: 'table',
      columns: [...t.proc.leadColumns],
      numeric: [false, true, true, true, true],
      rows: [statsRow(t.proc.toScored, f.toScored.stats, t), statsRow(t.proc.toDelivered, f.toDelivered.stats, t)],
    });
    const detail = (stage: string, items: readonly TimedRequirement[]) =>
      items.map((i) => [req(i.requirement), stage, i.submitted, i.at, int(i.days)]);
    const rows = [...detail(t.proc.toScored, f.toScored.items), ...detail(t.proc.toDelivered, f.toDelivered.items)];
    if (rows.length)
      lead.push({ kind: 'table', columns: [...t.proc.leadDetailColumns], numeric: [false, false, false, false, true], rows });
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
          rows: f.timeInStatus.map((s) => [
            statusWord(lang, s.status),
            int(s.requirements),
            int(s.days),
            days(Math.round((s.days / s.requirements) * 10) / 10),
          ]),
        },
        {
          kind: 'chart',
          title: t.proc.statusChart,
          series: [t.proc.days],
          groups: f.timeInStatus.map((s) => ({ label: statusWord(lang, s.status), bars: [{ value: s.days, label: int(s.days) }] })),
        },
        { kind: 'note', text: t.proc.statusNote },
      );
    }
  }
  sections.push({ key: 'time-in-status', heading: t.proc.statusHeading, blocks: status });

  const c = f.changes;
  const changes: ReportBlock[] = [
    { kind: 'text', text: t.proc.changes(c.total, c.byDecision.approved, c.byDecision.rejected, c.byDecision.pending + c.byDecision.none) },
  ];
  if (c.items.length) {
    // The stages after the decision get their columns when the period records any of them.
    const staged = c.items.some((i) => i.implemented !== undefined || i.fedBack !== undefined);
    changes.push({
      kind: 'table',
      columns: [...t.proc.changeColumns, ...(staged ? t.proc.stageColumns : [])],
      numeric: [false, false, false, false, ...(staged ? [false, false] : [])],
      rows: c.items.map((i) => [
        i.date,
        i.requirement.id,
        i.request,
        i.decision ? (t.proc.decisions[i.decision] ?? i.decision) : t.dash,
        ...(staged ? [i.implemented ?? t.dash, i.fedBack ?? t.dash] : []),
      ]),
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
    if (f.declines.datedBy === 'history' && f.declines.items.some((d) => d.date === undefined))
      declines.push({ kind: 'note', text: t.proc.undatedDeclines });
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
    rows: groups.map((g) =>
      g.entries ? [label(g.key), int(g.entries), score(g.mean), int(g.min), int(g.max)] : [label(g.key), '0', t.dash, t.dash, t.dash],
    ),
  };
}

function groupChart(title: string, groups: readonly SatisfactionGroup[], label: (k: string) => string, t: Words): ReportBlock {
  return {
    kind: 'chart',
    title,
    series: [t.sat.meanSeries],
    max: 5,
    groups: groups.map((g) => ({ label: label(g.key), bars: [{ value: g.mean, label: g.entries ? score(g.mean) : t.dash }] })),
  };
}

function satisfactionSections(f: SatisfactionFigures, t: Words, lang: Language): ReportSection[] {
  const scored = f.entries - f.unscored;
  const overall: ReportBlock[] = [{ kind: 'text', text: t.sat.summary(f.entries, scored) }];
  if (f.overall) {
    overall.push({ kind: 'text', text: t.sat.mean(score(f.overall.mean), f.overall.min, f.overall.max) });
    overall.push({
      kind: 'table',
      columns: [...t.sat.distributionColumns],
      numeric: [false, true, true, true, true, true],
      rows: [[t.sat.entries, ...f.distribution.map(int)]],
    });
  }
  const sections: ReportSection[] = [{ key: 'overall', heading: t.sat.summaryHeading, blocks: overall }];
  if (!f.overall) return sections;
  const customer = (k: string) => k || t.noCustomer;
  const type = (k: string) => typeWord(lang, k);
  const month = (k: string) => k;
  sections.push(
    {
      key: 'by-customer',
      heading: t.sat.customerHeading,
      blocks: [groupTable(t.sat.customer, f.byCustomer, customer, t), groupChart(t.sat.chartCustomer, f.byCustomer, customer, t)],
    },
    {
      key: 'by-type',
      heading: t.sat.typeHeading,
      blocks: [groupTable(t.sat.type, f.byType, type, t), groupChart(t.sat.chartType, f.byType, type, t)],
    },
    {
      key: 'by-month',
      heading: t.sat.monthHeading,
      blocks: [groupTable(t.sat.month, f.byMonth, month, t), groupChart(t.sat.chartMonth, f.byMonth, month, t)],
    },
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
            rows: f.low.map((l) => [
              l.date,
              l.requirement.id,
              l.customer ?? t.noCustomer,
              int(l.satisfaction),
              l.note ?? '',
              l.adjustedWithinADay ? t.yes : t.no,
            ]),
          },
        ]
      : [{ kind: 'text', text: t.none }],
  });
  return sections;
}

// ---------------------------------------------------------------------------------------------

/** The report as a document in one language. */
export function reportDocument(report: Report, lang: Language, options: DocumentOptions = {}): ReportDocument {
  const t = words(lang);
  const label = options.fileLabel ?? ((f: string) => f);
  const lead: string[] = [t.lead(report.today, report.counted)];
  if (report.kind === 'implementation' && report.missing.history)
    lead.push(t.notComputedHistory(t.impl.missing, t.reason[report.missing.history]));
  const f = report.figures as Figures;
  const sections =
    f.kind === 'implementation'
      ? implementationSections(report, f, t, lang)
      : f.kind === 'process'
        ? processSections(report, f, t, lang)
        : f.kind === 'weekly'
          ? weeklySections(f, report.range, lang, report.missing.history && t.reason[report.missing.history])
          : satisfactionSections(f, t, lang);
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
  return words(lang).title[kind];
}
