// The timeline webview's messages, both directions, and the one definition of the timeline's view
// model: core builds values of these types, the host validates everything it receives with these
// schemas, and the webview imports only the inferred types.
import * as z from 'zod';
import { focusSchema, isoDate, missingFieldsSchema, prioritySchema, readySchema } from './common';
import { filterBarSchema, filterMessageSchema, filterSchema } from './filterBar';

/** A real calendar day (no 2026-02-30): a moved bar's start is written into the file as is. */
const calendarDate = isoDate.refine((s) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, 'not a calendar date');
const taskId = z.string().min(1).max(200);

export const zoomSchema = z.enum(['day', 'week', 'month']);

/** The most ticks one bar carries: the newest are kept (the actual span still covers them all). */
export const MAX_TICKS_PER_BAR = 200;

/** A commit that counts for a task (see core/actualProgress): its day, hash and subject. */
export const commitTickSchema = z.object({ date: isoDate, hash: z.string().max(64), subject: z.string().max(2000) });

export const timelineBarSchema = z.object({
  requirementFile: z.string(),
  taskId: z.string(),
  title: z.string(),
  owner: z.string().optional(),
  status: z.string().optional(),
  /** First and last working day, inclusive. */
  start: isoDate,
  end: isoDate,
  days: z.number().int().min(0),
  late: z.boolean(),
  done: z.boolean(),
  /** Task ids of the same requirement, each a bar of the same row. */
  dependsOn: z.array(z.string()),
  /** The commits that count for the task, oldest first; with `actual`, absent when none counts. */
  ticks: z.array(commitTickSchema).max(MAX_TICKS_PER_BAR).optional(),
  /** The first and last counting commit's day. */
  actual: z.object({ start: isoDate, end: isoDate }).optional(),
  /** A task in progress with no counting commit for this many working days (at least the setting). */
  staleDays: z.number().int().min(0).optional(),
});

export const milestoneKindSchema = z.enum(['planned_done', 'feedback_due', 'start']);
export const timelineProblemSchema = z.enum(['invalid-date', 'cycle', 'unknown-dependency', 'no-schedule', 'unresolved']);

export const timelineRowSchema = z.object({
  file: z.string(),
  id: z.string().optional(),
  title: z.string().optional(),
  priority: prioritySchema.optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  /** The team's own status (a team schema's list); `status` is then the ReqDesk stage it maps to. */
  teamStatus: z.string().optional(),
  owner: z.string().optional(),
  customer: z.string().optional(),
  bars: z.array(timelineBarSchema),
  milestones: z.array(z.object({ kind: milestoneKindSchema, date: isoDate })),
});

export const timelineIssueSchema = z.object({
  file: z.string(),
  id: z.string().optional(),
  taskId: z.string().optional(),
  problem: timelineProblemSchema,
  /**
   * The message argument: the bad date as written, the ring (`T1 → T2 → T1`), the unknown or
   * unscheduled dependencies (`T8, T9`); empty for `no-schedule`.
   */
  detail: z.string(),
});

const rangeSchema = z.object({ start: isoDate, end: isoDate }).optional();

/**
 * What the view opens on and the finished rows: `openRange` spans the bars not done (the work
 * still to do), `hideFinished` whether finished requirements are left out, and how many were.
 */
const shownSchema = {
  range: rangeSchema,
  openRange: rangeSchema,
  hideFinished: z.boolean(),
  finishedHidden: z.number().int().min(0),
  /** Under a team schema, when no requirement has tasks: what to add, shown instead of the chart. */
  missing: missingFieldsSchema.optional(),
};

/** The largest page the webview may ask for, in rows (a screen is a few dozen lines). */
export const MAX_ROWS_ASKED = 500;
/** More rows than any workspace has: a bound on the row indexes the webview sends. */
const MAX_ROW_INDEX = 10_000_000;

/**
 * The layout of every row and one page of them: `barCounts[i]` is the number of bars of row i (a
 * header line and one line per bar), `rows` are the rows from index `from` on.
 */
const pagedRows = {
  barCounts: z.array(z.number().int().min(0)),
  from: z.number().int().min(0),
  rows: z.array(timelineRowSchema),
};

/** Host → webview. */
export const toTimelineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    strings: z.record(z.string(), z.string()),
    today: isoDate,
    ...pagedRows,
    unscheduled: z.array(timelineIssueSchema),
    ...shownSchema,
    zoom: zoomSchema,
    filter: filterSchema,
    /** The filter's fields; their options come from every requirement (not only the shown ones). */
    filters: filterBarSchema,
    focus: z.string().optional(),
  }),
  /**
   * The rows changed (an edit, or the filter): the new layout and the page the webview was
   * showing. Every page it had before is stale.
   */
  z.object({
    type: z.literal('rows'),
    ...pagedRows,
    unscheduled: z.array(timelineIssueSchema),
    ...shownSchema,
    today: isoDate,
    filters: filterBarSchema,
  }),
  /** The answer to `needRows`, or the page holding a requirement about to be focused. */
  z.object({ type: z.literal('rowsPage'), from: z.number().int().min(0), rows: z.array(timelineRowSchema) }),
  focusSchema,
]);

/** Webview → host: intents, never edits. */
export const fromTimelineSchema = z.discriminatedUnion('type', [
  readySchema,
  z.object({ type: z.literal('openTask'), file: z.string().min(1), taskId }),
  z.object({ type: z.literal('moveBar'), file: z.string().min(1), taskId, start: calendarDate }),
  z.object({ type: z.literal('resizeBar'), file: z.string().min(1), taskId, days: z.number().int().min(0).max(100_000) }),
  z.object({ type: z.literal('zoom'), zoom: zoomSchema }),
  /** The "Hide finished" toggle. */
  z.object({ type: z.literal('hideFinished'), hide: z.boolean() }),
  filterMessageSchema,
  /** Rows `from` (inclusive) to `to` (exclusive) of the current layout, which the webview does not have. */
  z
    .object({
      type: z.literal('needRows'),
      from: z.number().int().min(0).max(MAX_ROW_INDEX),
      to: z.number().int().min(1).max(MAX_ROW_INDEX),
    })
    .refine((m) => m.from < m.to && m.to - m.from <= MAX_ROWS_ASKED, `not a range of 1 to ${MAX_ROWS_ASKED} rows`),
]);

export type TimelineZoom = z.infer<typeof zoomSchema>;
export type TimelineBar = z.infer<typeof timelineBarSchema>;
export type CommitTick = z.infer<typeof commitTickSchema>;
export type TimelineRow = z.infer<typeof timelineRowSchema>;
export type TimelineIssue = z.infer<typeof timelineIssueSchema>;
export type MilestoneKind = z.infer<typeof milestoneKindSchema>;
export type TimelineProblem = z.infer<typeof timelineProblemSchema>;
export type ToTimeline = z.infer<typeof toTimelineSchema>;
export type FromTimeline = z.infer<typeof fromTimelineSchema>;
