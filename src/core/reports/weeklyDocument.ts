// The weekly progress report's sections in one language (document.ts adds the title, the lead and
// the skipped records, as for every report): a summary, the tasks done, started and late, the
// promises due, the same per requirement and per owner, and next week's plan. Every list that can
// be empty says so. The blocks are the report's usual ones, so the Markdown export and the webview
// need nothing of their own.
import { localize, type Language } from '../l10n';
import type { ReportBlockMessage, ReportDocumentMessage } from '../../protocol/report';
import type { PromiseKind, PromiseState, WeeklyCounts, WeeklyFigures, WeeklyRequirement, WeeklyTask } from './weekly';
import type { ReportRange } from './range';

type Block = ReportBlockMessage;
type Section = ReportDocumentMessage['sections'][number];

const int = (n: number) => String(n);
const dash = '—';
const req = (r: WeeklyRequirement) => (r.title ? `${r.id} ${r.title}` : r.id);
const taskCell = (t: WeeklyTask) => (t.title ? `${t.task} ${t.title}` : t.task);

function taskStatusWord(lang: Language, status: string | undefined): string {
  switch (status) {
    case undefined:
      return dash;
    case 'todo':
      return localize(lang, 'To do');
    case 'doing':
      return localize(lang, 'Doing');
    case 'done':
      return localize(lang, 'Done');
    case 'blocked':
      return localize(lang, 'Blocked');
    default:
      return status;
  }
}

function promiseWord(lang: Language, kind: PromiseKind, request: string | undefined): string {
  switch (kind) {
    case 'delivery':
      return localize(lang, 'Promised delivery');
    case 'feedback':
      return localize(lang, 'Promised feedback');
    case 'change':
      return localize(lang, 'Feedback on change request: {0}', request ?? '');
  }
}

function stateWord(lang: Language, state: PromiseState): string {
  switch (state) {
    case 'kept':
      return localize(lang, 'Kept');
    case 'open':
      return localize(lang, { message: 'Open', comment: 'promise not yet due or kept' });
    case 'late':
      return localize(lang, { message: 'Late', comment: 'promise past its date' });
  }
}

/** The words of the weekly report in a language, each a message of the one catalog. */
function words(lang: Language) {
  return {
    none: localize(lang, 'None.'),
    unassigned: localize(lang, 'Unassigned'),
    requirement: localize(lang, 'Requirement'),
    task: localize(lang, 'Task'),
    owner: localize(lang, 'Owner'),
    summaryHeading: localize(lang, 'Summary'),
    week: (label: string, from: string, to: string) => localize(lang, 'Week {0}: Monday {1} to Sunday {2}.', label, from, to),
    summary: (c: WeeklyCounts, due: number) =>
      localize(
        lang,
        'Tasks done: {0} · started: {1} · late: {2}. Promises due: {3} ({4} kept, {5} open, {6} late).',
        c.done,
        c.started,
        c.late,
        due,
        c.promises.kept,
        c.promises.open,
        c.promises.late,
      ),
    empty: localize(lang, 'Nothing was done, started, late or due in this period.'),
    doneHeading: localize(lang, 'Tasks done'),
    doneOn: localize(lang, 'Done on'),
    datedBy: localize(lang, 'Dated by'),
    byCommit: localize(lang, { message: 'Commit', comment: 'what dates a task as done' }),
    bySchedule: localize(lang, 'Scheduled end'),
    doneByCommit: localize(
      lang,
      'Done: tasks done now that a commit marked done in the period. A task whose completion the git history does not date (first committed already done, or not committed yet) counts when its scheduled end falls in the period.',
    ),
    doneBySchedule: (why: string) =>
      localize(
        lang,
        'Not dated by commits — that needs the git history of the requirement files, and {0}. Done: tasks done now whose scheduled end falls in the period.',
        why,
      ),
    startedHeading: localize(lang, 'Tasks started or in progress'),
    scheduledStart: localize(lang, 'Scheduled start'),
    scheduledEnd: localize(lang, 'Scheduled end'),
    status: localize(lang, 'Status'),
    startedNote: localize(
      lang,
      'Started: tasks not done whose scheduled start falls in the period, and tasks in progress (doing) that had started by its end. Dates are the schedule’s: start, or the end of the tasks it depends on, plus working days.',
    ),
    lateHeading: localize(lang, 'Late tasks'),
    lateLead: (asOf: string) => localize(lang, 'Not done past their scheduled end, as of {0}:', asOf),
    workdaysLate: localize(lang, 'Working days late'),
    promisesHeading: localize(lang, 'Promises due'),
    promise: localize(lang, 'Promise'),
    date: localize(lang, 'Date'),
    state: localize(lang, 'State'),
    promisesNote: (asOf: string) =>
      localize(
        lang,
        'Promises: `planned_done` and `feedback_due` in the period, and change requests implemented by its end and not yet fed back to the customer (dated by `implemented`). Kept: delivered, verified or closed; feedback recorded; the change fed back by the period’s end. Late: the date passed as of {0} without the delivery, or a delivered requirement without feedback. Open: neither yet.',
        asOf,
      ),
    byRequirementHeading: localize(lang, 'By requirement'),
    byOwnerHeading: localize(lang, 'By owner'),
    countColumns: [
      localize(lang, 'Done'),
      localize(lang, 'Started'),
      localize(lang, 'Late'),
      localize(lang, 'Promises kept'),
      localize(lang, 'Promises open'),
      localize(lang, 'Promises late'),
    ],
    total: localize(lang, 'Total'),
    ownerChart: localize(lang, 'Tasks done, started and late by owner'),
    nextHeading: localize(lang, { message: 'Next week', comment: 'report section: the plan' }),
    nextLead: (from: string, to: string) => localize(lang, 'Tasks not done that start or end from {0} to {1}:', from, to),
  };
}

type Words = ReturnType<typeof words>;

const countCells = (c: WeeklyCounts) => [c.done, c.started, c.late, c.promises.kept, c.promises.open, c.promises.late].map(int);

/** A table, or "None." when it has no rows. */
function tableOr(t: Words, columns: string[], numeric: boolean[], rows: string[][]): Block[] {
  return rows.length ? [{ kind: 'table', columns, numeric, rows }] : [{ kind: 'text', text: t.none }];
}

function summarySection(f: WeeklyFigures, range: ReportRange, t: Words): Section {
  const blocks: Block[] = [];
  if (f.week) blocks.push({ kind: 'text', text: t.week(f.week, range.from, range.to) });
  const due = f.promises.length;
  const nothing = f.done.length + f.started.length + f.late.length + due === 0;
  blocks.push({ kind: 'text', text: nothing ? t.empty : t.summary(f.total, due) });
  return { key: 'summary', heading: t.summaryHeading, blocks };
}

/**
 * The weekly report's sections. `notDated`: why done tasks could not be dated by commits (the
 * reason as document.ts words it), when they could not.
 */
export function weeklySections(f: WeeklyFigures, range: ReportRange, lang: Language, notDated?: string): Section[] {
  const t = words(lang);
  const who = (owner: string) => owner || t.unassigned;
  const taskColumns = [t.requirement, t.task, t.owner];
  const taskCells = (x: WeeklyTask) => [x.requirement.id, taskCell(x), who(x.owner)];

  const done: Block[] = tableOr(
    t,
    [...taskColumns, t.doneOn, t.datedBy],
    [false, false, false, false, false],
    f.done.map((x) => [...taskCells(x), x.on, x.datedBy === 'commit' ? t.byCommit : t.bySchedule]),
  );
  done.push({ kind: 'note', text: f.doneRule === 'commit' ? t.doneByCommit : t.doneBySchedule(notDated ?? '') });

  const started: Block[] = tableOr(
    t,
    [...taskColumns, t.scheduledStart, t.status],
    [false, false, false, false, false],
    f.started.map((x) => [...taskCells(x), x.start ?? dash, taskStatusWord(lang, x.status)]),
  );
  started.push({ kind: 'note', text: t.startedNote });

  const late: Block[] = f.late.length ? [{ kind: 'text', text: t.lateLead(f.asOf) }] : [];
  late.push(
    ...tableOr(
      t,
      [...taskColumns, t.scheduledEnd, t.workdaysLate],
      [false, false, false, false, true],
      f.late.map((x) => [...taskCells(x), x.end, int(x.workdaysLate)]),
    ),
  );

  const promises: Block[] = tableOr(
    t,
    [t.requirement, t.promise, t.date, t.owner, t.state],
    [false, false, false, false, false],
    f.promises.map((p) => [p.requirement.id, promiseWord(lang, p.kind, p.request), p.due, who(p.owner), stateWord(lang, p.state)]),
  );
  promises.push({ kind: 'note', text: t.promisesNote(f.asOf) });

  const byRequirement: Block[] = f.byRequirement.length
    ? [
        {
          kind: 'table',
          columns: [t.requirement, t.owner, ...t.countColumns],
          numeric: [false, false, true, true, true, true, true, true],
          rows: [
            ...f.byRequirement.map((r) => [req(r.requirement), who(r.owner), ...countCells(r)]),
            [t.total, '', ...countCells(f.total)],
          ],
        },
      ]
    : [{ kind: 'text', text: t.none }];

  const byOwner: Block[] = f.byOwner.length
    ? [
        {
          kind: 'table',
          columns: [t.owner, ...t.countColumns],
          numeric: [false, true, true, true, true, true, true],
          rows: [...f.byOwner.map((o) => [who(o.owner), ...countCells(o)]), [t.total, ...countCells(f.total)]],
        },
        {
          kind: 'chart',
          title: t.ownerChart,
          series: t.countColumns.slice(0, 3),
          groups: f.byOwner.map((o) => ({
            label: who(o.owner),
            bars: [o.done, o.started, o.late].map((n) => ({ value: n, label: int(n) })),
          })),
        },
      ]
    : [{ kind: 'text', text: t.none }];

  const next: Block[] = f.next.tasks.length ? [{ kind: 'text', text: t.nextLead(f.next.range.from, f.next.range.to) }] : [];
  next.push(
    ...tableOr(
      t,
      [...taskColumns, t.scheduledStart, t.scheduledEnd],
      [false, false, false, false, false],
      f.next.tasks.map((x) => [...taskCells(x), x.start ?? dash, x.end ?? dash]),
    ),
  );

  return [
    summarySection(f, range, t),
    { key: 'done', heading: t.doneHeading, blocks: done },
    { key: 'started', heading: t.startedHeading, blocks: started },
    { key: 'late', heading: t.lateHeading, blocks: late },
    { key: 'promises', heading: t.promisesHeading, blocks: promises },
    { key: 'by-requirement', heading: t.byRequirementHeading, blocks: byRequirement },
    { key: 'by-owner', heading: t.byOwnerHeading, blocks: byOwner },
    { key: 'next-week', heading: t.nextHeading, blocks: next },
  ];
}
