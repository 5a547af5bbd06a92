// The rules that depend on today: late tasks, and the seed's 24-hour rule for feedback below
// expectation (客户反馈未达预期时，24 小时内启动调整方案). Kept apart from validation because
// validation results are cached per file and must not change with the date; `today` is passed in.
//
// The 24-hour rule, with dates only (YYYY-MM-DD):
// - A feedback entry is *below expectation* when its `satisfaction` is at or below
//   `reqdesk.feedback.lowSatisfaction` (default 2; 0 turns the rule off) and its `date` is real.
// - Its adjustment window is the feedback's date and the next calendar day (24 hours, whatever
//   the time of day the feedback came in).
// - An adjustment is a change request (`changes[].date`) or a task with a `start`
//   (`tasks[].start`) inside that window.
// - Until the window has passed (today ≤ date + 1) the entry is *due* (an info); after it, an
//   entry without an adjustment is a warning on the feedback entry, and the tree marks the record.
//
// Promises (milestones) past their date, in calendar days:
// - `feedback-overdue`: a `delivered` record past `milestones.feedback_due` with no feedback entry.
// - `delivery-overdue`: a record not yet delivered (new, analyzing, planned, in-progress; not
//   on hold) past `milestones.planned_done`.
// Each is a warning on the date's value, naming the date and how many days ago it was.
//
// Late tasks: a task whose scheduled end (working days, see schedule.ts) is before today and whose
// status is not done — the same definition the tree, hovers and the timeline use.
import * as YAML from 'yaml';
import { loadYamlCareful, loadYamlFast, nodeAtPath, splitFile, type SplitFile } from './frontmatter';
import { nodeAtPath as scannedNodeAt, scanYamlPositions, type YamlPositions } from './yamlPositions';
import { daysArg } from './messages';
import type { Problem } from './problems';
import { isValidIsoDate, scheduleTasks, type TaskInput, type WorkCalendar } from './schedule';
import { STATUSES, TASK_STATUSES } from './schema';
import { firstAtOrAfter } from './sortedSearch';
import type { TeamRules } from './teamSchema';
import type { OffsetRange } from './text';

export interface TimelySettings extends WorkCalendar {
  /** Satisfaction at or below this is below expectation; 0 turns the 24-hour rule off. */
  lowSatisfaction: number;
  /**
   * The team's statuses, when the front-matter given is the file's own YAML under a team schema:
   * its `status` is then a team status (or alias) whose stage decides the promises. Left out for a
   * record's data, whose status is already the stage.
   */
  team?: TeamStatuses | null;
}

/** What of a team schema names the statuses a file may write. */
export type TeamStatuses = Pick<TeamRules, 'statuses' | 'statusAliasTo'>;

export type TimelyFinding =
  | {
      code: 'feedback-no-adjustment' | 'feedback-adjustment-due';
      path: ['feedback', number];
      date: string;
      satisfaction: number;
      deadline: string;
    }
  | { code: 'task-late'; path: ['tasks', number]; task: string; end: string }
  | { code: 'feedback-overdue'; path: ['milestones', 'feedback_due']; due: string; days: number }
  | { code: 'delivery-overdue'; path: ['milestones', 'planned_done']; due: string; days: number; status: string };

/** The day after a valid `YYYY-MM-DD` date. */
export function nextDay(date: string): string {
  // 400 years on: the same leap years, and clear of Date.UTC's 0–99 → 1900s mapping.
  const t = new Date(Date.UTC(Number(date.slice(0, 4)) + 400, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1));
  const year = t.getUTCFullYear() - 400;
  return `${String(year).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const dateOf = (v: unknown): string | undefined => (typeof v === 'string' && isValidIsoDate(v) ? v : undefined);

/** Every accepted spelling of an enum's values → its canonical value (raw YAML may hold aliases). */
function aliasMap(values: Readonly<Record<string, { aliases?: readonly string[] }>>): Map<string, string> {
  return new Map<string, string>(
    Object.entries(values).flatMap(([canonical, d]) => [
      [canonical, canonical] as [string, string],
      ...(d.aliases ?? []).map((a): [string, string] => [a, canonical]),
    ]),
  );
}

const TASK_STATUS_ALIASES = aliasMap(TASK_STATUSES);
const STATUS_ALIASES = aliasMap(STATUSES);

/** Statuses that still owe the delivery `planned_done` promises; on-hold is deferred on purpose. */
const NOT_YET_DELIVERED: ReadonlySet<string> = new Set(['new', 'analyzing', 'planned', 'in-progress']);

/** Calendar days from one valid `YYYY-MM-DD` date to another. */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)) + 400, Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/**
 * The stage of a status as written: under a team schema with statuses, one of the team's statuses
 * or aliases (as validation reads it: a built-in name is then not one); else a built-in status or
 * its alias.
 */
function stageOfWritten(value: unknown, team: TeamStatuses | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!team?.statuses) return STATUS_ALIASES.get(value);
  const name = team.statuses.has(value) ? value : team.statusAliasTo.get(value);
  return name === undefined ? undefined : team.statuses.get(name)?.stage;
}

/** A feedback entry's 24-hour window without an adjustment, passed or still open. */
export type FeedbackFinding = Extract<TimelyFinding, { code: 'feedback-no-adjustment' | 'feedback-adjustment-due' }>;

/** The record's promises past their date: feedback not collected, delivery not made. */
/** A date promised to the customer that passed without what was promised. */
export type OverduePromise = Extract<TimelyFinding, { code: 'feedback-overdue' | 'delivery-overdue' }>;

/** The promised dates (delivery, feedback) a record has let pass, as of `today`. */
export function overduePromises(front: unknown, today: string, team?: TeamStatuses | null): OverduePromise[] {
  if (!isObject(front) || !isValidIsoDate(today)) return [];
  const status = stageOfWritten(front.status, team);
  const milestones = isObject(front.milestones) ? front.milestones : {};
  const out: OverduePromise[] = [];
  const feedbackDue = dateOf(milestones.feedback_due);
  if (status === 'delivered' && feedbackDue && today > feedbackDue && list(front.feedback).length === 0) {
    out.push({ code: 'feedback-overdue', path: ['milestones', 'feedback_due'], due: feedbackDue, days: daysBetween(feedbackDue, today) });
  }
  const plannedDone = dateOf(milestones.planned_done);
  if (status && NOT_YET_DELIVERED.has(status) && plannedDone && today > plannedDone) {
    out.push({
      code: 'delivery-overdue',
      path: ['milestones', 'planned_done'],
      due: plannedDone,
      days: daysBetween(plannedDone, today),
      status,
    });
  }
  return out;
}

/**
 * What today's rules find in a record's front-matter — the parsed record or the raw YAML value
 * (list indexes are those of the lists given; malformed entries are skipped, validation reports them).
 */
export function timelyFindings(front: unknown, today: string, settings: TimelySettings): TimelyFinding[] {
  if (!isObject(front) || !isValidIsoDate(today)) return [];
  const out: TimelyFinding[] = overduePromises(front, today, settings.team);
  const tasks = list(front.tasks);

  // A loop, not push(...): a file can hold more feedback entries than a call takes arguments.
  for (const f of feedbackFindings(front, today, settings.lowSatisfaction)) out.push(f);

  const inputs: TaskInput[] = [];
  const firstIndex = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (!isObject(t) || typeof t.id !== 'string' || firstIndex.has(t.id)) return;
    firstIndex.set(t.id, i);
    const depends = typeof t.depends === 'string' ? [t.depends] : list(t.depends).filter((d): d is string => typeof d === 'string');
    inputs.push({
      id: t.id,
      ...(typeof t.start === 'string' ? { start: t.start } : {}),
      ...(depends.length ? { depends } : {}),
      ...(typeof t.days === 'number' ? { days: t.days } : {}),
      ...(typeof t.status === 'string' ? { status: TASK_STATUS_ALIASES.get(t.status) ?? t.status } : {}),
    });
  });
  if (inputs.length) {
    for (const s of scheduleTasks(inputs, settings, today).tasks.values()) {
      if (s.late) out.push({ code: 'task-late', path: ['tasks', firstIndex.get(s.id)!], task: s.id, end: s.end });
    }
  }
  return out;
}

/**
 * The 24-hour rule alone: feedback below expectation without an adjustment in its window (due
 * while the window lasts). The tree counts these without scheduling the tasks again.
 */
export function feedbackFindings(front: Record<string, unknown>, today: string, lowSatisfaction: number): FeedbackFinding[] {
  const out: FeedbackFinding[] = [];
  if (lowSatisfaction <= 0 || !isValidIsoDate(today)) return out;
  const changeDates = list(front.changes).flatMap((c) => (isObject(c) && dateOf(c.date) ? [dateOf(c.date)!] : []));
  const taskStarts = list(front.tasks).flatMap((t) => (isObject(t) && dateOf(t.start) ? [dateOf(t.start)!] : []));
  // Sorted once: each feedback entry looks its window up by binary search, not by a scan.
  const adjustments = [...changeDates, ...taskStarts].sort();
  list(front.feedback).forEach((f, i) => {
    if (!isObject(f)) return;
    const date = dateOf(f.date);
    const satisfaction = f.satisfaction;
    if (!date || typeof satisfaction !== 'number' || !Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > lowSatisfaction)
      return;
    const deadline = nextDay(date);
    const first = firstAtOrAfter(adjustments, date);
    const adjusted = first < adjustments.length && adjustments[first]! <= deadline;
    if (adjusted) return;
    out.push({
      code: today > deadline ? 'feedback-no-adjustment' : 'feedback-adjustment-due',
      path: ['feedback', i],
      date,
      satisfaction,
      deadline,
    });
  });
  return out;
}

/** Offsets of every `\n` of the text. */
function lineBreaks(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i);
  return out;
}

/** A finding as a problem (code, severity, message arguments) on a range. */
export function timelyProblem(f: TimelyFinding, range: OffsetRange): Problem {
  if (f.code === 'task-late')
    return {
      code: 'task-late',
      severity: 'warning',
      args: [f.task, f.end],
      range,
      path: [...f.path],
      fixes: ['mark-task-done', 'start-task-today'],
    };
  if (f.code === 'feedback-overdue')
    return { code: f.code, severity: 'warning', args: [f.due, daysArg(f.days)], range, path: [...f.path], fixes: [] };
  if (f.code === 'delivery-overdue')
    return { code: f.code, severity: 'warning', args: [f.due, daysArg(f.days), f.status], range, path: [...f.path], fixes: [] };
  return {
    code: f.code,
    severity: f.code === 'feedback-no-adjustment' ? 'warning' : 'info',
    args: [f.date, String(f.satisfaction), f.deadline],
    range,
    path: [...f.path],
    fixes: [],
  };
}

/**
 * Today's problems of a requirement file, each on the first line of its feedback entry or task.
 * `text` may start with a BOM (ranges are BOM-less). A file whose YAML cannot be read has none
 * (validation reports why).
 */
export function timelyProblems(text: string, today: string, settings: TimelySettings): Problem[] {
  const split = splitFile(text, true);
  const fm = split.frontMatter;
  if (!fm || !fm.closed || (fm.language && fm.language !== 'yaml' && fm.language !== 'yml')) return [];
  // The common shape needs no Document: js-yaml's value and the line scan's positions, which
  // are the Document's wherever the scan accepts the text (test/unit/yamlPositions.test.ts).
  const fast = loadYamlFast(fm.yaml);
  const positions = fast.ok ? scanYamlPositions(fm.yaml) : undefined;
  return (
    (fast.ok && positions && placedTimely(split, fast.value, positions, today, settings)) ||
    timelyProblemsByDocument(split, today, settings)
  );
}

/**
 * timelyProblems of a file the caller has already read: the front-matter's value and its scanned
 * positions (validation's fast path has both), so the YAML is not parsed again. The text is read
 * again from the top only when the scan cannot place a finding.
 */
export function timelyProblemsOfParsed(
  split: SplitFile,
  value: unknown,
  positions: YamlPositions | null,
  today: string,
  settings: TimelySettings,
): Problem[] {
  return (positions && placedTimely(split, value, positions, today, settings)) || timelyProblems(split.text, today, settings);
}

/** Today's problems placed by the scanned positions; undefined when one of them has no place there. */
function placedTimely(
  split: SplitFile,
  value: unknown,
  positions: YamlPositions,
  today: string,
  settings: TimelySettings,
): Problem[] | undefined {
  const fm = split.frontMatter!;
  const findings = timelyFindings(value, today, settings);
  const placed = findings.map((f) => ({ f, node: scannedNodeAt(positions, f.path) }));
  if (!placed.every((p) => p.node)) return undefined;
  const firstLineFrom = lineFrom(split.text);
  return placed.map(({ f, node }) => {
    // A date is marked itself, without a comment after it.
    if (node!.kind === 'scalar') return timelyProblem(f, { start: fm.yamlStart + node!.range.start, end: fm.yamlStart + node!.range.end });
    return timelyProblem(f, firstLineFrom(fm.yamlStart + (node!.firstKey ?? node!.range).start));
  });
}

/**
 * From `start` to the end of its line (a CR before the break excluded): a list entry's first line,
 * `- date: …` or `- { id: T2, … }`. The line breaks are found once per text and searched, so many
 * findings on one long line stay cheap.
 */
function lineFrom(text: string): (start: number) => OffsetRange {
  let breaks: number[] | undefined;
  return (start) => {
    breaks ??= lineBreaks(text);
    const i = firstAtOrAfter(breaks, start);
    let end = i < breaks.length ? breaks[i]! : text.length;
    if (i < breaks.length && end > start && text.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  };
}

/**
 * timelyProblems through a `yaml` Document: for the shapes the line scan leaves alone, and the
 * reference the scan's answers are tested against.
 */
export function timelyProblemsByDocument(split: ReturnType<typeof splitFile>, today: string, settings: TimelySettings): Problem[] {
  const fm = split.frontMatter;
  if (!fm || !fm.closed) return [];
  const firstLineFrom = lineFrom(split.text);
  const loaded = loadYamlCareful(fm.yaml);
  if (loaded.issues.length > 0) return [];
  return timelyFindings(loaded.value, today, settings).map((f) => {
    const node = nodeAtPath(loaded.doc, f.path).value;
    if (YAML.isScalar(node) && node.range)
      return timelyProblem(f, { start: fm.yamlStart + node.range[0], end: fm.yamlStart + node.range[1] });
    let start = fm.yamlStart + (YAML.isNode(node) && node.range ? node.range[0] : 0);
    if (YAML.isMap(node) && !node.flow && YAML.isNode(node.items[0]?.key) && node.items[0].key.range)
      start = fm.yamlStart + node.items[0].key.range[0];
    return timelyProblem(f, firstLineFrom(start));
  });
}

export interface LateTask {
  file: string;
  id?: string;
  title?: string;
  task: string;
  taskTitle?: string;
  end: string;
}

/** Every late task of the given records, by end date then requirement ID (the daily reminder's list). */
export function lateTasks(
  records: Iterable<{ file: string; id?: string; title?: string; data: unknown }>,
  today: string,
  settings: TimelySettings,
): LateTask[] {
  const out: LateTask[] = [];
  for (const r of records) {
    const tasks = isObject(r.data) ? list(r.data.tasks) : [];
    for (const f of timelyFindings(isObject(r.data) ? { tasks } : {}, today, settings)) {
      if (f.code !== 'task-late') continue;
      const t = tasks[f.path[1]] as Record<string, unknown>;
      out.push({
        file: r.file,
        ...(r.id ? { id: r.id } : {}),
        ...(r.title ? { title: r.title } : {}),
        task: f.task,
        ...(typeof t.title === 'string' ? { taskTitle: t.title } : {}),
        end: f.end,
      });
    }
  }
  return out.sort((a, b) =>
    a.end < b.end ? -1 : a.end > b.end ? 1 : (a.id ?? a.file).localeCompare(b.id ?? b.file) || a.task.localeCompare(b.task),
  );
}
