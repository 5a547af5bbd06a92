// The requirements tree as plain data: grouping, filtering, ordering and the per-requirement
// summary the sidebar shows. The VS Code glue only turns these into TreeItems.
import { cadenceTier, type ContactCadence } from './contactCadence';
import { customerKey, customersOf, higherTier, isOpenStatus, type CustomerTier } from './customers';
import { presentFields } from './presentFields';
import { sameValue } from './fieldDiff';
import type { RequirementRecord } from './index';
import { compareIds, DEFAULT_RANKING, priorityPlace, sortRanked, type RankCriterion } from './ranking';
import { scheduleTasks, type WorkCalendar } from './schedule';
import { HORIZONS, REQUIREMENT_TYPES, STATUSES, type Priority, type RequirementType, type Status } from './schema';
import { DEFAULT_SETTINGS } from './settings';
import { daysBetween, feedbackFindings, overduePromises } from './timely';
import { Slicer, yieldToEventLoop } from './slices';
import type { Language } from './l10n';
import type { TeamRules, TeamStatus } from './teamSchema';

export type Grouping = 'priority' | 'status' | 'customer' | 'owner';
export const GROUPINGS: readonly Grouping[] = ['priority', 'status', 'customer', 'owner'];

export type Horizon = keyof typeof HORIZONS;

export interface TreeFilter {
  /** A ReqDesk stage, or with a team schema one of the team's statuses. */
  status?: string;
  owner?: string;
  customer?: string;
  type?: RequirementType;
  horizon?: Horizon;
  /** Matched case-insensitively against ID and title. */
  text?: string;
}

export type FilterKey = keyof TreeFilter;

/** Statuses after which a requirement no longer needs attention. */
export const FINISHED_STATUSES: readonly Status[] = ['delivered', 'verified', 'closed', 'declined'];

export interface TaskSummary {
  id: string;
  title: string;
  owner?: string;
  status?: string;
  start?: string;
  end?: string;
  late: boolean;
}

/** A customer who asked for a requirement, as the tree shows them. */
export interface CustomerMention {
  name: string;
  /** The customer's key (customers.ts): spellings that differ in width, case or spacing are one customer. */
  key: string;
  tier?: CustomerTier;
  /** The latest dated touch with this customer in the record. */
  lastTouch?: string;
}

export interface RequirementSummary {
  file: string;
  /** A hash of `file`, made once: the tree's group signatures combine these (see groupHash). */
  fileHash: number;
  id?: string;
  title?: string;
  priority?: Priority;
  derivedPriority?: Priority;
  type?: RequirementType;
  status?: Status;
  /** The team's own status (a team schema's list); `status` is then the ReqDesk stage it maps to. */
  teamStatus?: string;
  owner?: string;
  customer?: string;
  tier?: string;
  /** Everyone who asked (`customer`, then `requesters`); absent when no one is named. */
  customers?: CustomerMention[];
  /** `reqdesk.priority.demand` raised the derived priority. */
  raisedByDemand?: true;
  horizon?: string;
  strategy?: string;
  /** What ranks it within its priority level (core/ranking). */
  moscow?: string;
  kano?: string;
  scores: { importance?: number; urgency?: number; feasibility?: number; value?: number; effort?: number };
  /**
   * How many tasks. The tasks themselves, dated, are `taskSummaries` of the record: made when a
   * row is expanded, not held for every record (three objects per record at 50,000 records).
   */
  taskCount: number;
  /** The tasks' owners other than the requirement's, for the owner filter. */
  taskOwners?: string[];
  /** A hash of the tasks as `taskSummaries` lists them: a change to any one refreshes the row. */
  tasksHash: number;
  tasksDone: number;
  lateTasks: number;
  /** Feedback entries below expectation whose 24-hour adjustment window passed without one. */
  missingAdjustments: number;
  /** The stored priority disagrees with the scores (and no priority_reason says why). */
  priorityMismatch: boolean;
  /** Dates promised to the customer (delivery, feedback) that passed without it. */
  overdue: { code: 'feedback-overdue' | 'delivery-overdue'; due: string; days: number }[];
  errors: number;
  warnings: number;
  /** The first error or warning, for the tooltip. */
  firstProblem?: { code: string; args: string[] };
  /** Unsaved and invalid: placed and named by its last valid values (see `keepPlace`). */
  editing?: boolean;
}

/** What a customer group says of its customer. */
export interface CustomerGroupInfo {
  /** The highest tier the records give. */
  tier?: CustomerTier;
  /** Their requirements that are still open (not verified, closed or declined). */
  open: number;
  /** The latest dated touch in any of their records, and how many days before today it was. */
  lastContact?: string;
  daysSince?: number;
  /** Overdue by the contact cadence (open requirements, last touch longer ago than the tier's days). */
  contactOverdue?: { every: number };
  /** Dates promised to them that passed without what was promised (delivery, feedback). */
  brokenPromises: number;
}

export interface TreeGroup {
  /** Stable across refreshes: `P1`, `P1/functional`, `status:planned`, `owner:张三`… */
  id: string;
  kind: 'priority' | 'type' | 'status' | 'customer' | 'owner';
  /** The priority, type, status, customer or owner; '' for "none" groups. A customer's name as most records write it. */
  key: string;
  /** A customer group's figures. */
  customer?: CustomerGroupInfo;
  /** A status group of a team schema's status: its labels and the ReqDesk stage it maps to. */
  teamStatus?: TeamStatus;
  children: TreeGroup[];
  requirements: RequirementSummary[];
  /** Requirements below this group, at any depth. */
  count: number;
}

export const UNTRIAGED = 'untriaged';
const TYPE_ORDER = Object.keys(REQUIREMENT_TYPES) as RequirementType[];
const STATUS_ORDER = Object.keys(STATUSES) as Status[];

/** A record's tasks as the tree lists them: dated by the schedule, late against `today`. */
export function taskSummaries(record: RequirementRecord, calendar: WorkCalendar, today: string): TaskSummary[] {
  const rawTasks = record.data.tasks ?? [];
  if (rawTasks.length === 0) return [];
  const schedule = scheduleTasks(
    rawTasks.map((t) => ({ ...t })),
    calendar,
    today,
  );
  return rawTasks.map((t) => {
    const dated = schedule.tasks.get(t.id);
    return {
      id: t.id,
      title: t.title,
      ...(t.owner ? { owner: t.owner } : {}),
      ...(t.status ? { status: t.status } : {}),
      ...(dated ? { start: dated.start, end: dated.end } : {}),
      late: dated?.late ?? false,
    };
  });
}

export function summarize(
  record: RequirementRecord,
  calendar: WorkCalendar,
  today: string,
  lowSatisfaction = DEFAULT_SETTINGS.lowSatisfaction,
): RequirementSummary {
  const d = record.data;
  const tasks = taskSummaries(record, calendar, today);
  const taskOwners = [...new Set(tasks.map((t) => t.owner).filter((o): o is string => o !== undefined && o !== d.owner))];
  const customers: CustomerMention[] = customersOf(d).map((c) => ({
    name: c.name,
    key: c.key,
    ...(c.tier ? { tier: c.tier } : {}),
    ...(c.lastTouch ? { lastTouch: c.lastTouch.date } : {}),
  }));
  const serious = record.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
  const first = serious.find((p) => p.severity === 'error') ?? serious[0];
  return {
    file: record.file,
    fileHash: hashText(record.file),
    ...presentFields(record, ['id', 'title', 'priority', 'derivedPriority', 'teamStatus']),
    ...presentFields(d, ['type', 'status', 'owner']),
    ...(d.customer?.name ? { customer: d.customer.name } : {}),
    ...(d.customer?.tier ? { tier: d.customer.tier } : {}),
    ...(customers.length ? { customers } : {}),
    ...(record.raisedByDemand ? { raisedByDemand: true as const } : {}),
    ...presentFields(d, ['horizon', 'strategy', 'moscow', 'kano']),
    scores: {
      importance: d.scores?.importance,
      urgency: d.scores?.urgency,
      feasibility: d.scores?.feasibility,
      // Only when scored: the ROI scores are optional and most records have neither.
      ...(d.scores?.value !== undefined ? { value: d.scores.value } : {}),
      ...(d.scores?.effort !== undefined ? { effort: d.scores.effort } : {}),
    },
    taskCount: tasks.length,
    ...(taskOwners.length ? { taskOwners } : {}),
    tasksHash: tasks.length ? hashText(JSON.stringify(tasks)) : 0,
    tasksDone: tasks.filter((t) => t.status === 'done').length,
    lateTasks: tasks.filter((t) => t.late).length,
    missingAdjustments: d.feedback?.length
      ? feedbackFindings({ feedback: d.feedback, changes: d.changes, tasks: d.tasks }, today, lowSatisfaction).filter(
          (f) => f.code === 'feedback-no-adjustment',
        ).length
      : 0,
    priorityMismatch: record.problems.some((p) => p.code === 'priority-mismatch'),
    overdue: overduePromises(d, today).map(({ code, due, days }) => ({ code, due, days })),
    errors: record.problems.filter((p) => p.severity === 'error').length,
    warnings: record.problems.filter((p) => p.severity === 'warning').length,
    ...(first ? { firstProblem: { code: first.code, args: first.args } } : {}),
  };
}

export function matchesFilter(s: RequirementSummary, filter: TreeFilter): boolean {
  // The team's status or the stage: the tree offers the team's statuses, the timeline and the matrix the stages.
  if (filter.status && s.status !== filter.status && s.teamStatus !== filter.status) return false;
  if (filter.type && s.type !== filter.type) return false;
  if (filter.horizon && s.horizon !== filter.horizon) return false;
  if (filter.customer && s.customer !== filter.customer && !isAsker(s, customerKey(filter.customer))) return false;
  if (filter.owner && s.owner !== filter.owner && !s.taskOwners?.includes(filter.owner)) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    if (!`${s.id ?? ''} ${s.title ?? ''}`.toLowerCase().includes(needle)) return false;
  }
  return true;
}

/** Whether a customer (by key) asked for the requirement. */
function isAsker(s: RequirementSummary, key: string): boolean {
  return (s.customers ?? []).some((c) => c.key === key);
}

export function isFilterEmpty(filter: TreeFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === '');
}

/** Requirements by priority, then ID (REQ-2026-999 before REQ-2026-1000), then file (the timeline's row order). */
export function compareSummaries(a: RequirementSummary, b: RequirementSummary): number {
  return priorityPlace(a.priority) - priorityPlace(b.priority) || compareIds(a, b);
}

/** Sorts summaries in the tree's reading order: priority, rank within it (core/ranking), ID, file. */
export function sortSummaries<T extends RequirementSummary>(items: T[], criteria: readonly RankCriterion[] = DEFAULT_RANKING): T[] {
  return sortRanked(items, criteria, (s) => s);
}

function group(
  id: string,
  kind: TreeGroup['kind'],
  key: string,
  requirements: RequirementSummary[],
  children: TreeGroup[] = [],
): TreeGroup {
  return { id, kind, key, children, requirements, count: requirements.length + children.reduce((n, c) => n + c.count, 0) };
}

/** Type groups under a priority group, from its members by type; a record of no (valid) type gets a group of its own. */
function byType(parentId: string, byTypeKey: ReadonlyMap<string, RequirementSummary[]>, sort: Sorter): TreeGroup[] {
  const out: TreeGroup[] = [];
  for (const type of [...TYPE_ORDER, '' as const]) {
    const members = byTypeKey.get(type);
    if (members) out.push(group(`${parentId}/${type || 'none'}`, 'type', type, sort(members)));
  }
  return out;
}

/** What customer groups count from: today, and the contact cadence (`reqdesk.customers.contactEveryDays`). */
export interface CustomerGroupOptions {
  today?: string;
  cadence?: ContactCadence;
}

export interface TreeBuildOptions extends CustomerGroupOptions {
  /** `reqdesk.ranking`: the order within a priority level (default: core/ranking's). */
  ranking?: readonly RankCriterion[];
  /** The team schema in use: grouping by status follows the team's statuses, in its order. */
  team?: TeamRules | null;
}

/** The status a requirement is grouped by: the team's own when it has one, else the stage. */
export function statusKey(s: RequirementSummary): string {
  return s.teamStatus ?? s.status ?? '';
}

/**
 * The grouping the tree shows. A team's records that have no priority at all (the proposals of a
 * team that ranks by status) would all sit in one "Untriaged" heap when grouped by priority: they are
 * grouped by status instead, until one of them has a priority. Counted over every record, not only
 * the filtered ones, so that a filter never changes the grouping.
 */
export function shownGrouping(summaries: readonly RequirementSummary[], grouping: Grouping, team?: TeamRules | null): Grouping {
  if (grouping !== 'priority' || !team?.statuses || summaries.length === 0) return grouping;
  return summaries.some((s) => s.priority !== undefined) ? grouping : 'status';
}

/** A team status as the UI names it: the team's label in the UI language when it gives one, else the status itself. */
export function teamStatusLabel(status: string, doc: Pick<TeamStatus, 'en' | 'zh'> | undefined, lang: Language): string {
  return (lang === 'zh-cn' ? doc?.zh : doc?.en) ?? status;
}

/** Status groups of a team's statuses: in the team's order, statuses it does not list after them, none last. */
function byTeamStatus(visible: readonly RequirementSummary[], statuses: ReadonlyMap<string, TeamStatus>, sort: Sorter): TreeGroup[] {
  const buckets = new Map<string, RequirementSummary[]>();
  for (const s of visible) {
    const key = statusKey(s);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(s);
    else buckets.set(key, [s]);
  }
  const order = [...statuses.keys()];
  const place = (key: string) => (key === '' ? order.length + 1 : statuses.has(key) ? order.indexOf(key) : order.length);
  const keys = [...buckets.keys()].sort((a, b) => place(a) - place(b) || a.localeCompare(b));
  return keys.map((key) => {
    const g = group(`status:${key}`, 'status', key, sort(buckets.get(key)!));
    const doc = statuses.get(key);
    return doc ? { ...g, teamStatus: doc } : g;
  });
}

/**
 * Customer groups: a requirement sits under each customer who asked for it (`customer`, then
 * `requesters`), a customer's spellings in one group named as most of its records write it; no
 * customer last. Each group counts its open requirements and broken promises, and says when the
 * customer last heard from us.
 */
function byCustomer(visible: readonly RequirementSummary[], options: CustomerGroupOptions, sort: Sorter): TreeGroup[] {
  const buckets = new Map<string, { spellings: Map<string, number>; members: RequirementSummary[]; info: CustomerGroupInfo }>();
  const none: RequirementSummary[] = [];
  for (const s of visible) {
    if (!s.customers?.length) {
      none.push(s);
      continue;
    }
    for (const c of s.customers) {
      let bucket = buckets.get(c.key);
      if (!bucket) buckets.set(c.key, (bucket = { spellings: new Map(), members: [], info: { open: 0, brokenPromises: 0 } }));
      bucket.spellings.set(c.name, (bucket.spellings.get(c.name) ?? 0) + 1);
      bucket.members.push(s);
      const info = bucket.info;
      const tier = higherTier(info.tier, c.tier);
      if (tier) info.tier = tier;
      if (isOpenStatus(s.status)) info.open++;
      if (c.lastTouch && (!info.lastContact || c.lastTouch > info.lastContact)) info.lastContact = c.lastTouch;
      info.brokenPromises += s.overdue.length;
    }
  }
  const named = [...buckets.values()].map((b) => {
    // The most written spelling; between equals, the first in sort order (stable whatever the records' order).
    const name = [...b.spellings].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))[0]![0];
    const info = b.info;
    if (info.lastContact && options.today && /^\d{4}-\d{2}-\d{2}$/.test(options.today)) {
      info.daysSince = daysBetween(info.lastContact, options.today);
      const every = options.cadence?.[cadenceTier(info.tier)] ?? 0;
      if (every > 0 && info.open > 0 && info.daysSince > every) info.contactOverdue = { every };
    }
    return { name, members: b.members, info };
  });
  named.sort((a, b) => a.name.localeCompare(b.name));
  const out: TreeGroup[] = named.map(({ name, members, info }) => ({
    ...group(`customer:${name}`, 'customer', name, sort(members)),
    customer: info,
  }));
  if (none.length) out.push(group('customer:', 'customer', '', sort(none)));
  return out;
}

/**
 * The tree for a grouping and filter. Empty groups are left out. Priority grouping: P1, P2, P3,
 * then "untriaged" (neither a stored priority nor scores to derive one), each split by type.
 * Inside a group, requirements are in reading order: priority, rank within it (`ranking`), ID.
 */
export function buildTree(
  summaries: readonly RequirementSummary[],
  grouping: Grouping,
  filter: TreeFilter = {},
  options: TreeBuildOptions = {},
): TreeGroup[] {
  const plan = planTree(summaries, grouping, filter, options);
  for (const members of plan.unsorted) sortSummaries(members, plan.ranking);
  return plan.groups;
}

/**
 * buildTree, with the event loop given a turn between the groups' sorts when `pause` says so: at
 * 50,000 records the sorts are most of the grouping's work (~800,000 comparisons), and one turn
 * for all of them held the extension host for 60–90 ms.
 */
export async function buildTreeInSlices(
  summaries: readonly RequirementSummary[],
  grouping: Grouping,
  filter: TreeFilter,
  options: TreeBuildOptions,
  pause: () => Promise<void> | undefined,
): Promise<TreeGroup[]> {
  const plan = planTree(summaries, grouping, filter, options);
  for (const members of plan.unsorted) {
    const paused = pause();
    if (paused) await paused;
    sortSummaries(members, plan.ranking);
  }
  return plan.groups;
}

/** Sorts a group's members in reading order, now or later; returns the same array. */
type Sorter = (members: RequirementSummary[]) => RequirementSummary[];

/**
 * The groups with their members not yet in reading order, and the member lists to sort (in
 * place: each group holds its list). Nothing in the making of the groups depends on the order.
 */
function planTree(
  summaries: readonly RequirementSummary[],
  grouping: Grouping,
  filter: TreeFilter,
  options: TreeBuildOptions,
): { groups: TreeGroup[]; unsorted: RequirementSummary[][]; ranking: readonly RankCriterion[] } {
  const ranking = options.ranking ?? DEFAULT_RANKING;
  const unsorted: RequirementSummary[][] = [];
  const sort: Sorter = (members) => {
    unsorted.push(members);
    return members;
  };
  return { groups: groupsOf(summaries, grouping, filter, options, sort), unsorted, ranking };
}

function groupsOf(
  summaries: readonly RequirementSummary[],
  grouping: Grouping,
  filter: TreeFilter,
  options: TreeBuildOptions,
  sort: Sorter,
): TreeGroup[] {
  const visible = isFilterEmpty(filter) ? summaries : summaries.filter((s) => matchesFilter(s, filter));
  grouping = shownGrouping(summaries, grouping, options.team);
  if (grouping === 'customer') return byCustomer(visible, options, sort);
  if (grouping === 'status' && options.team?.statuses) return byTeamStatus(visible, options.team.statuses, sort);
  if (grouping === 'priority') {
    // Bucketed by priority and type in one pass: a filter per priority and per type was 24 passes
    // over every summary, a third of the grouping's turn at 50,000 records.
    const buckets = new Map<string, Map<string, RequirementSummary[]>>();
    for (const s of visible) {
      const priority = s.priority ?? UNTRIAGED;
      let types = buckets.get(priority);
      if (!types) buckets.set(priority, (types = new Map()));
      const type = s.type ?? '';
      const members = types.get(type);
      if (members) members.push(s);
      else types.set(type, [s]);
    }
    const out: TreeGroup[] = [];
    for (const key of ['P1', 'P2', 'P3', UNTRIAGED]) {
      const types = buckets.get(key);
      if (types) out.push(group(key, 'priority', key, [], byType(key, types, sort)));
    }
    return out;
  }
  const keyOf = (s: RequirementSummary): string => (grouping === 'status' ? s.status : s.owner) ?? '';
  // Bucketed in one pass: thousands of customers or owners must not mean keys × records work.
  const buckets = new Map<string, RequirementSummary[]>();
  for (const s of visible) {
    const key = keyOf(s);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(s);
    else buckets.set(key, [s]);
  }
  const keys = [...buckets.keys()];
  keys.sort((a, b) => {
    if (a === '' || b === '') return a === '' ? 1 : -1; // "none" last
    if (grouping === 'status') return STATUS_ORDER.indexOf(a as Status) - STATUS_ORDER.indexOf(b as Status);
    return a.localeCompare(b);
  });
  return keys.map((key) => group(`${grouping}:${key}`, grouping, key, sort(buckets.get(key)!)));
}

/** The fields that place a record in the tree (its groups and order) and name it. */
const PLACING_FIELDS = [
  'id',
  'title',
  'priority',
  'type',
  'status',
  'teamStatus',
  'owner',
  'customer',
  'customers',
  'moscow',
  'kano',
  'scores',
] as const;

/** The top-level keys whose errors make a placing field keep its last value. */
const SOURCE_KEYS: Partial<Record<(typeof PLACING_FIELDS)[number], readonly string[]>> = {
  customers: ['customer', 'requesters'],
  teamStatus: ['status'],
};

/**
 * A record being typed into keeps its place. While its document has unsaved changes that make it
 * invalid (a half-typed `type: func`, `priority: P`, `id: REQ-20`), a placing field that had a value
 * and now has none, or one in error, keeps the value it had: the node stays in its group, with its ID and its expansion, instead
 * of jumping to "No valid type" or "Untriaged" at every keystroke. Everything else (problems,
 * counts, tasks) is the fresh summary's. Saving or reverting places the record by what it holds.
 */
export function keepPlace(
  fresh: RequirementSummary,
  shown: RequirementSummary | undefined,
  invalid: ReadonlySet<string> = new Set(),
): RequirementSummary {
  if (!shown || fresh.errors === 0) return fresh;
  const kept: RequirementSummary = { ...fresh, editing: true };
  const target = kept as unknown as Record<string, unknown>;
  for (const field of PLACING_FIELDS) {
    const inError = (SOURCE_KEYS[field] ?? [field]).some((key) => invalid.has(key));
    if ((fresh[field] === undefined || inError) && shown[field] !== undefined) target[field] = shown[field];
  }
  return kept;
}

/** The top-level fields an error is about (`REQ-20` is still an ID, but not a valid one). */
function fieldsInError(record: RequirementRecord): Set<string> {
  return new Set(record.problems.filter((p) => p.severity === 'error' && p.path?.length).map((p) => String(p.path![0])));
}

/** Open P1 requirements: the view's badge. */
/**
 * Where the editor goes for a tree node: the line of the task's `id:` (`- id: T1`, `id: "T1"`),
 * or without a task the record's `id:` line; -1 if there is none. Blanks are matched within a line
 * only: with `\s` the pattern ran across empty lines, and its backtracking grew with the cube of
 * a run of them (10,000 empty lines took minutes).
 */
export function idLineOffset(text: string, taskId?: string): number {
  const needle =
    taskId === undefined
      ? /^id[ \t]*:/m
      : new RegExp(`^[ \\t]*(?:-[ \\t]*)?id:[ \\t]*["']?${taskId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?[ \\t]*$`, 'm');
  return needle.exec(text)?.index ?? -1;
}

export function openP1Count(summaries: Iterable<RequirementSummary>): number {
  let open = 0;
  for (const s of summaries) if (s.priority === 'P1' && !(s.status && FINISHED_STATUSES.includes(s.status))) open++;
  return open;
}

/** Where a requirement sits in a tree: the ids of its groups, outermost first. */
export function groupPathOf(tree: readonly TreeGroup[], file: string): string[] | undefined {
  for (const g of tree) {
    if (g.requirements.some((s) => s.file === file)) return [g.id];
    const inner = groupPathOf(g.children, file);
    if (inner) return [g.id, ...inner];
  }
  return undefined;
}

export interface TreeUpdate {
  /** The top-level groups appeared, disappeared or were reordered: refresh everything. */
  root: boolean;
  /** Top-level groups whose members or counts changed (refresh them with their subtrees). */
  groups: string[];
  /** Requirements that changed in place (same group, same position). */
  requirements: string[];
}

export interface TreeModelOptions {
  calendar: WorkCalendar;
  today: string;
  /** `reqdesk.feedback.lowSatisfaction` (default 2). */
  lowSatisfaction?: number;
  /** `reqdesk.customers.contactEveryDays`: when a customer group says its customer is overdue for contact. */
  contactCadence?: ContactCadence;
  grouping?: Grouping;
  filter?: TreeFilter;
  /** Whether a file has unsaved changes in an editor (its record then keeps its place, see `keepPlace`). */
  isEditing?: (file: string) => boolean;
  /** `reqdesk.ranking`: the order within a priority level (default: core/ranking's). */
  ranking?: readonly RankCriterion[];
  /** The team schema in use (`index.team`). */
  team?: TeamRules | null;
}

/**
 * The tree's state across index changes: summaries are recomputed only for the files that
 * changed, and each update says which parts of the view must refresh.
 */
export class TreeModel {
  private readonly summaries = new Map<string, RequirementSummary>();
  private tree: TreeGroup[] = [];
  /** Each top-level group's signature, as a hash: the text of one lists every file of the group. */
  private signatures = new Map<string, number>();
  /** Counts the changes to what the groups are made of (summaries installed, the day): groups made earlier are stale. */
  private generation = 0;
  grouping: Grouping;
  filter: TreeFilter;

  constructor(private options: TreeModelOptions) {
    this.grouping = options.grouping ?? 'priority';
    this.filter = options.filter ?? {};
  }

  get groups(): readonly TreeGroup[] {
    return this.tree;
  }

  /** The grouping shown: the one asked for, or status for a team's records without priorities (see `shownGrouping`). */
  get shownGrouping(): Grouping {
    // Asked after every update: the summaries are copied only when a team's statuses may apply.
    if (this.grouping !== 'priority' || !this.options.team?.statuses) return this.grouping;
    return shownGrouping([...this.summaries.values()], this.grouping, this.options.team);
  }

  /** How many requirements the model holds. */
  get size(): number {
    return this.summaries.size;
  }

  /** The P1 requirements not yet finished (the view's badge), without a copy of the summaries. */
  openP1Count(): number {
    return openP1Count(this.summaries.values());
  }

  summary(file: string): RequirementSummary | undefined {
    return this.summaries.get(file);
  }

  /** A record's tasks, dated as of the model's day (a row's children). */
  tasks(record: RequirementRecord): TaskSummary[] {
    return taskSummaries(record, this.options.calendar, this.options.today);
  }

  all(): RequirementSummary[] {
    return [...this.summaries.values()];
  }

  setToday(today: string): void {
    this.generation++;
    this.options = { ...this.options, today };
  }

  /** Replaces every summary (a new index). */
  reset(records: Iterable<RequirementRecord>): TreeUpdate {
    this.summaries.clear();
    for (const r of records)
      this.summaries.set(r.file, summarize(r, this.options.calendar, this.options.today, this.options.lowSatisfaction));
    return this.rebuild(true);
  }

  /** Applies an index change: `get` returns the current record of a changed file. */
  update(changed: readonly string[], removed: readonly string[], get: (file: string) => RequirementRecord | undefined): TreeUpdate {
    const touched: string[] = [];
    for (const file of removed) this.summaries.delete(file);
    for (const file of changed) this.resummarize(file, get, touched);
    return this.finish(touched);
  }

  /**
   * The same for a large change (a whole build): summaries are computed in slices that yield to
   * the event loop, so that the extension host is never blocked for long.
   */
  async updateInSlices(
    changed: readonly string[],
    removed: readonly string[],
    get: (file: string) => RequirementRecord | undefined,
    sliceMs = 20,
  ): Promise<TreeUpdate> {
    const touched: string[] = [];
    for (const file of removed) this.summaries.delete(file);
    const slicer = new Slicer(sliceMs);
    for (const file of changed) {
      this.resummarize(file, get, touched);
      await slicer.maybeYield();
    }
    // Grouping starts a turn of its own, its groups' sorts take turns of the slice's length, and
    // the update (which the view's rows follow in the same turn) is another one. Grouped in
    // between by another update, or regrouped since, the groups are made again.
    await yieldToEventLoop();
    const generation = this.generation;
    const groups = await this.groupInSlices(new Slicer(sliceMs));
    await yieldToEventLoop();
    return this.finish(touched, generation === this.generation ? groups : undefined);
  }

  private resummarize(file: string, get: (file: string) => RequirementRecord | undefined, touched: string[]): void {
    const record = get(file);
    if (!record) {
      this.summaries.delete(file);
      return;
    }
    const before = this.summaries.get(file);
    const fresh = summarize(record, this.options.calendar, this.options.today, this.options.lowSatisfaction);
    const after = this.options.isEditing?.(file) ? keepPlace(fresh, before, fieldsInError(record)) : fresh;
    this.summaries.set(file, after);
    // Compared field by field: two JSON texts per record made Rebuild Index of 50,000 records pay
    // for 100,000 serialisations.
    if (!before || !sameValue(before, after)) touched.push(file);
  }

  private finish(touched: string[], made?: TreeGroup[]): TreeUpdate {
    const update = this.rebuild(false, made);
    // The whole view refreshes (a build's first update): no row needs a refresh of its own.
    if (update.root) return update;
    // A requirement inside a refreshed group is refreshed with it; only the others need their own.
    // One map of file → top-level groups (a record sits under each of its customers): a path
    // search per file is quadratic on a full build.
    const topsOf = new Map<string, string[]>();
    const note = (top: string, g: TreeGroup): void => {
      for (const s of g.requirements) {
        const tops = topsOf.get(s.file);
        if (tops) tops.push(top);
        else topsOf.set(s.file, [top]);
      }
      for (const c of g.children) note(top, c);
    };
    for (const g of this.tree) note(g.id, g);
    update.requirements = touched.filter((f) => (topsOf.get(f) ?? []).some((top) => !update.groups.includes(top)));
    return update;
  }

  /** Changes grouping or filter: the whole view refreshes. */
  configure(grouping: Grouping, filter: TreeFilter): TreeUpdate {
    this.grouping = grouping;
    this.filter = filter;
    return this.rebuild(true);
  }

  /** The groups of the current summaries, grouping, filter and day. */
  private group(): TreeGroup[] {
    return buildTree([...this.summaries.values()], this.grouping, this.filter, this.buildOptions());
  }

  /** group(), a turn for each slice of its sorts. */
  private groupInSlices(slicer: Slicer): Promise<TreeGroup[]> {
    return buildTreeInSlices([...this.summaries.values()], this.grouping, this.filter, this.buildOptions(), () =>
      slicer.due ? slicer.maybeYield() : undefined,
    );
  }

  private buildOptions(): TreeBuildOptions {
    return {
      today: this.options.today,
      ...(this.options.contactCadence ? { cadence: this.options.contactCadence } : {}),
      ...(this.options.ranking ? { ranking: this.options.ranking } : {}),
      ...(this.options.team ? { team: this.options.team } : {}),
    };
  }

  /** Installs new groups (`made` from the current state, or made now) and says what changed. */
  private rebuild(forceRoot: boolean, made?: TreeGroup[]): TreeUpdate {
    this.generation++;
    const previous = this.signatures;
    this.tree = made ?? this.group();
    this.signatures = new Map(this.tree.map((g) => [g.id, groupHash(g)]));
    const ids = [...this.signatures.keys()];
    const root = forceRoot || previous.size !== ids.length || [...previous.keys()].some((id, i) => ids[i] !== id);
    const groups = root ? [] : this.tree.filter((g) => previous.get(g.id) !== this.signatures.get(g.id)).map((g) => g.id);
    return { root, groups, requirements: [] };
  }
}

/**
 * A 53-bit hash of a text (two 32-bit FNV-1a lanes): a changed signature is told apart from the
 * last one without keeping the last one, which for a group of thousands is a megabyte of file names.
 */
function hashText(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/**
 * A 53-bit hash of the membership and order of a group's subtree (what its counts and children
 * depend on), and of a customer group's figures: each row's file hash (made once, with its
 * summary) mixed in turn. Building a text of every file name and hashing it held the extension
 * host for ~170 ms at 50,000 records.
 */
function groupHash(g: TreeGroup): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const mix = (x: number) => {
    const low = x | 0;
    const high = (x / 0x100000000) | 0;
    a = Math.imul(a ^ low, 0x5bd1e995);
    a ^= a >>> 13;
    b = (Math.imul(b ^ high ^ low, 0x01000193) + 0x9e3779b9) | 0;
    b ^= b >>> 16;
  };
  const walk = (group: TreeGroup) => {
    mix(hashText(group.id));
    for (const r of group.requirements) mix(r.fileHash);
    mix(0x28); // the rows end here, the subgroups begin
    for (const c of group.children) walk(c);
    mix(0x29);
    if (group.customer) mix(hashText(JSON.stringify(group.customer)));
  };
  walk(g);
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
