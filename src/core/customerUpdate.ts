/**
 * A customer update: what one customer is told, in their language (English or Chinese), since the
 * last contact or a date given. Pure and deterministic: the records, today, the period's start and
 * — when the caller could read git — each record's dates and the commits naming an ID come in.
 *
 * The sections, from the records the customer asked for:
 *   Delivered since   requirements now delivered, verified or closed whose delivery (the commit that
 *                     moved the status there, promiseDates.ts) falls in the period; without that date,
 *                     those whose `planned_done` falls in it. With the commits naming the ID made in
 *                     the period (short hash and subject), newest first, five at most.
 *   In progress       requirements not finished nor declined: status, planned delivery (marked when
 *                     overdue) and the next promised task date not kept yet.
 *   What changed and why  change requests approved or rejected in the period (on `decided`, else the
 *                     request's date), with the decision and its note.
 *   What we need from you  feedback on finished requirements whose feedback is not collected (a
 *                     delivered one without a feedback date is asked to confirm it meets the goal),
 *                     change requests still undecided (is the change still wanted as written?), and
 *                     the essentials still missing, empty or a placeholder in open requirements.
 *   Our promises      the promise ledger (promises.ts) as a table, and its count per state.
 * Every text from the files is escaped for Markdown (shown as written, never as markup) and kept
 * on one line (terminalText's printable).
 */
import type { CommitLink } from './commits';
import { customerKey } from './customers';
import { localize, type Language } from './l10n';
import { ESSENTIAL_NAMES } from './messages';
import type { RecordDates } from './promiseDates';
import { promiseLedger, recordsOfCustomer, type CustomerPromise, type Ledger, type LedgerRecord } from './promises';
import { statusWord } from './reports/document';
import { dateOfTimestamp } from './reports/range';
import { isValidIsoDate, type WorkCalendar } from './schedule';
import { printable } from './terminalText';

/** A record as the update reads it: the ledger's part and the record's problems (for open questions). */
export interface UpdateRecord extends LedgerRecord {
  problems?: readonly { code: string; args: readonly string[] }[];
}

/** Where the period starts: the last contact, a date the user gave, or the beginning (no contact recorded). */
export type SinceFrom = 'last-contact' | 'given' | 'none';

export interface CustomerUpdateInput {
  /** The customer's name as shown. */
  customer: string;
  /** The records to look at; only those the customer asked for count. */
  records: Iterable<UpdateRecord>;
  today: string;
  calendar: WorkCalendar;
  /** First day of the period (inclusive); undefined with `sinceFrom: 'none'`. */
  since?: string;
  sinceFrom: SinceFrom;
  dates?: ReadonlyMap<string, RecordDates>;
  /** The commits that name an ID, newest first; undefined when git was not read. */
  commits?: (id: string) => readonly CommitLink[];
}

export interface RequirementRef {
  file: string;
  id?: string;
  title?: string;
}

export interface DeliveredItem {
  requirement: RequirementRef;
  status: string;
  /** The delivery's date; undefined when only `planned_done` placed it in the period. */
  on?: string;
  commits: Array<{ hash: string; subject: string; date: string }>;
  /** Commits of the period beyond the five shown. */
  moreCommits: number;
}

export interface InProgressItem {
  requirement: RequirementRef;
  status: string;
  plannedDone?: string;
  deliveryOverdue: boolean;
  /** The next promised task date not kept yet. */
  next?: CustomerPromise;
}

export interface ChangeItem {
  requirement: RequirementRef;
  /** The day it was decided (`decided`, else the request's date). */
  date: string;
  request: string;
  decision: 'approved' | 'rejected';
  note?: string;
}

export type NeedItem =
  | { kind: 'feedback'; requirement: RequirementRef; due?: string; overdue: boolean }
  | { kind: 'confirm-delivery'; requirement: RequirementRef }
  | { kind: 'pending-change'; requirement: RequirementRef; date: string; request: string }
  | { kind: 'open-question'; requirement: RequirementRef; essentials: Array<keyof typeof ESSENTIAL_NAMES> };

export interface CustomerUpdate {
  customer: string;
  today: string;
  since?: string;
  sinceFrom: SinceFrom;
  delivered: DeliveredItem[];
  inProgress: InProgressItem[];
  changes: ChangeItem[];
  needs: NeedItem[];
  ledger: Ledger;
}

const FINISHED: ReadonlySet<string> = new Set(['delivered', 'verified', 'closed']);
const ESSENTIAL_KEYS = Object.keys(ESSENTIAL_NAMES) as Array<keyof typeof ESSENTIAL_NAMES>;
const ESSENTIAL_PROBLEMS: ReadonlySet<string> = new Set(['essential-missing', 'essential-empty', 'placeholder']);
const MAX_COMMITS = 5;

const valid = (d: unknown): d is string => typeof d === 'string' && isValidIsoDate(d);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byRef = (a: { requirement: RequirementRef }, b: { requirement: RequirementRef }) =>
  cmp(a.requirement.id ?? '', b.requirement.id ?? '') || cmp(a.requirement.file, b.requirement.file);

function refOf(r: LedgerRecord): RequirementRef {
  return { file: r.file, ...(r.id ? { id: r.id } : {}), ...(r.title ? { title: r.title } : {}) };
}

/** The update's content (see the module comment); render it with customerUpdateMarkdown. */
export function customerUpdate(input: CustomerUpdateInput): CustomerUpdate {
  const records = recordsOfCustomer(input.records, input.customer);
  const ledger = promiseLedger({ records, customer: input.customer, today: input.today, calendar: input.calendar, dates: input.dates });
  const since = input.sinceFrom === 'none' ? undefined : input.since;
  const inPeriod = (date: string) => (since === undefined || date >= since) && date <= input.today;
  const promisesOf = (file: string) => ledger.promises.filter((p) => p.file === file);
  const delivered: DeliveredItem[] = [];
  const inProgress: InProgressItem[] = [];
  const changes: ChangeItem[] = [];
  const needs: NeedItem[] = [];

  for (const r of records) {
    const d = r.data;
    const status = typeof d.status === 'string' ? d.status : '';
    const requirement = refOf(r);
    const plannedDone = valid(d.milestones?.planned_done) ? d.milestones?.planned_done : undefined;
    const finished = FINISHED.has(status);
    if (finished) {
      const on = input.dates?.get(r.file)?.delivered;
      if (on ? inPeriod(on) : plannedDone !== undefined && inPeriod(plannedDone)) {
        const all = r.id && input.commits ? input.commits(r.id) : [];
        const recent = all.filter((c) => {
          const day = dateOfTimestamp(c.date);
          return day !== undefined && inPeriod(day);
        });
        delivered.push({
          requirement,
          status,
          ...(on ? { on } : {}),
          commits: recent.slice(0, MAX_COMMITS).map((c) => ({ hash: c.hash, subject: c.subject, date: c.date })),
          moreCommits: Math.max(0, recent.length - MAX_COMMITS),
        });
      }
    } else if (status !== 'declined') {
      const mine = promisesOf(r.file);
      const next = mine
        .filter((p) => (p.kind === 'task_start' || p.kind === 'task_end') && (p.state === 'open' || p.state === 'overdue'))
        .sort((a, b) => cmp(a.due ?? '', b.due ?? ''))[0];
      inProgress.push({
        requirement,
        status,
        ...(plannedDone ? { plannedDone } : {}),
        deliveryOverdue: mine.some((p) => p.kind === 'planned_done' && p.state === 'overdue'),
        ...(next ? { next } : {}),
      });
    }

    for (const c of Array.isArray(d.changes) ? d.changes : []) {
      if (!c || !valid(c.date) || typeof c.request !== 'string') continue;
      if (c.decision === 'approved' || c.decision === 'rejected') {
        const date = valid(c.decided) ? c.decided : c.date;
        if (inPeriod(date))
          changes.push({
            requirement,
            date,
            request: c.request,
            decision: c.decision,
            ...(typeof c.note === 'string' && c.note.trim() ? { note: c.note } : {}),
          });
      } else if (status !== 'declined') needs.push({ kind: 'pending-change', requirement, date: c.date, request: c.request });
    }

    if (finished) {
      const feedback = promisesOf(r.file).find((p) => p.kind === 'feedback_due');
      const noFeedback = !(Array.isArray(d.feedback) && d.feedback.some((f) => valid(f?.date)));
      if (feedback && (feedback.state === 'open' || feedback.state === 'overdue'))
        needs.push({ kind: 'feedback', requirement, due: feedback.due!, overdue: feedback.state === 'overdue' });
      else if (!feedback && status === 'delivered' && noFeedback) needs.push({ kind: 'confirm-delivery', requirement });
    } else if (status !== 'declined') {
      const essentials = new Set<string>();
      for (const p of r.problems ?? [])
        if (ESSENTIAL_PROBLEMS.has(p.code) && p.args[0]?.startsWith('@essential:')) essentials.add(p.args[0].slice('@essential:'.length));
      const keys = ESSENTIAL_KEYS.filter((k) => essentials.has(k));
      if (keys.length) needs.push({ kind: 'open-question', requirement, essentials: keys });
    }
  }

  delivered.sort((a, b) => cmp(a.on ?? '', b.on ?? '') || byRef(a, b));
  inProgress.sort((a, b) => cmp(a.plannedDone ?? '\uffff', b.plannedDone ?? '\uffff') || byRef(a, b));
  changes.sort((a, b) => cmp(a.date, b.date) || byRef(a, b));
  const needOrder: Record<NeedItem['kind'], number> = { feedback: 0, 'confirm-delivery': 0, 'pending-change': 1, 'open-question': 2 };
  needs.sort((a, b) => needOrder[a.kind] - needOrder[b.kind] || byRef(a, b));
  return {
    customer: input.customer,
    today: input.today,
    ...(since ? { since } : {}),
    sinceFrom: since ? input.sinceFrom : 'none',
    delivered,
    inProgress,
    changes,
    needs,
    ledger,
  };
}

// ---------------------------------------------------------------------------------------------
// Language

const HAN = /\p{Script=Han}/u;

/**
 * The language to write to a customer in: Chinese when more than half of their records' texts
 * hold Chinese characters — the titles and what the customer said or asked (feedback notes,
 * change requests, requesters' notes, contact summaries) — else English.
 */
export function customerLanguage(records: Iterable<LedgerRecord>, customer: string): Language {
  const key = customerKey(customer);
  let chinese = 0;
  let texts = 0;
  const count = (text: unknown) => {
    if (typeof text !== 'string' || text.trim() === '') return;
    texts++;
    if (HAN.test(text)) chinese++;
  };
  for (const r of recordsOfCustomer(records, customer)) {
    const d = r.data;
    count(r.title);
    for (const f of Array.isArray(d.feedback) ? d.feedback : []) count(f?.note);
    for (const c of Array.isArray(d.changes) ? d.changes : []) count(c?.request);
    for (const q of Array.isArray(d.requesters) ? d.requesters : [])
      if (typeof q?.name === 'string' && customerKey(q.name) === key) count(q.note);
    for (const c of Array.isArray(d.contacts) ? d.contacts : [])
      if (typeof c?.customer !== 'string' || customerKey(c.customer) === key) count(c?.summary);
  }
  return chinese * 2 > texts ? 'zh-cn' : 'en';
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * Text from the files, shown as written: one line (printable), and every character that could
 * start Markdown inline markup or a block escaped.
 */
export function markdownText(text: string): string {
  return printable(text)
    .replace(/[\\`*_[\]<>|~&#]/g, (c) => `\\${c}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

function refText(ref: RequirementRef): string {
  const id = ref.id ? `**${markdownText(ref.id)}**` : markdownText(ref.file);
  return ref.title ? `${id} ${markdownText(ref.title)}` : id;
}

function stateWord(lang: Language, p: CustomerPromise): string {
  switch (p.state) {
    case 'kept':
      return localize(lang, { message: 'Kept', comment: 'promise state' });
    case 'late':
      return localize(lang, { message: 'Late', comment: 'promise state' });
    case 'open':
      return localize(lang, { message: 'Open', comment: 'promise state' });
    case 'overdue':
      return localize(lang, { message: 'Overdue', comment: 'promise state' });
  }
}

/** What was promised, in words. */
export function promiseText(lang: Language, p: CustomerPromise): string {
  const task = p.task ? [p.task.id, p.task.title].filter(Boolean).join(' ') : '';
  const request = p.change?.request ?? '';
  switch (p.kind) {
    case 'planned_done':
      return localize(lang, 'Delivery');
    case 'feedback_due':
      return localize(lang, 'Collecting your feedback');
    case 'task_start':
      return localize(lang, 'Task {0} starts', task);
    case 'task_end':
      return localize(lang, 'Task {0} ends', task);
    case 'change_decision':
      return localize(lang, 'A decision on the change “{0}”', request);
    case 'change_implementation':
      return localize(lang, 'Making the change “{0}”', request);
    case 'change_feedback':
      return localize(lang, 'Telling you the outcome of the change “{0}”', request);
  }
}

function summaryText(lang: Language, ledger: Ledger): string {
  const s = ledger.summary;
  return localize(lang, 'Promises: {0} kept, {1} late, {2} open, {3} overdue.', s.kept, s.late, s.open, s.overdue);
}

/** A requirement in a table cell: its ID (its file when it has none). */
function idText(ref: RequirementRef): string {
  return markdownText(ref.id ?? ref.file);
}

/**
 * The ledger's promises as a Markdown table (all of them, or `shown`) and the summary line of the
 * whole ledger; a sentence when it has none.
 */
function ledgerBlocks(lang: Language, ledger: Ledger, shown: readonly CustomerPromise[] = ledger.promises): string[] {
  if (ledger.promises.length === 0) return [localize(lang, 'No dated promise yet.')];
  const header = [
    localize(lang, { message: 'Due', comment: 'promise ledger column' }),
    localize(lang, { message: 'Requirement', comment: 'promise ledger column' }),
    localize(lang, { message: 'Promise', comment: 'promise ledger column' }),
    localize(lang, { message: 'State', comment: 'promise ledger column' }),
    localize(lang, { message: 'Done on', comment: 'promise ledger column' }),
  ];
  const lines = [`| ${header.join(' | ')} |`, '|---|---|---|---|---|'];
  for (const p of shown) {
    const done = p.keptOn ?? (p.state === 'kept' ? localize(lang, 'date not recorded') : '—');
    const cells = [p.due ?? '—', idText(p), markdownText(promiseText(lang, p)), stateWord(lang, p), done];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return shown.length ? [lines.join('\n'), summaryText(lang, ledger)] : [summaryText(lang, ledger)];
}

const item = (text: string) => `- ${text}`;

function deliveredBlock(lang: Language, u: CustomerUpdate): string {
  if (u.delivered.length === 0) return localize(lang, 'Nothing delivered in this period.');
  return u.delivered
    .map((d) => {
      const status = statusWord(lang, d.status);
      const what = d.on ? localize(lang, '{0} on {1}', status, d.on) : status;
      const lines = [item(`${refText(d.requirement)} — ${what}`)];
      for (const c of d.commits) lines.push(`  - \`${markdownText(c.hash.slice(0, 7))}\` ${markdownText(c.subject)}`);
      if (d.moreCommits > 0) lines.push(`  - ${localize(lang, '…and {0} more commits', d.moreCommits)}`);
      return lines.join('\n');
    })
    .join('\n');
}

function inProgressBlock(lang: Language, u: CustomerUpdate): string {
  if (u.inProgress.length === 0) return localize(lang, 'Nothing in progress.');
  const separator = localize(lang, { message: '; ', comment: 'between the parts of a list item' });
  return u.inProgress
    .map((p) => {
      const parts = [statusWord(lang, p.status)];
      if (p.plannedDone)
        parts.push(
          p.deliveryOverdue ? localize(lang, 'planned for {0}, overdue', p.plannedDone) : localize(lang, 'planned for {0}', p.plannedDone),
        );
      if (p.next) {
        const task = markdownText([p.next.task!.id, p.next.task!.title].filter(Boolean).join(' '));
        const overdue = p.next.state === 'overdue';
        parts.push(
          p.next.kind === 'task_start'
            ? overdue
              ? localize(lang, 'next: {0} was to start on {1}', task, p.next.due!)
              : localize(lang, 'next: {0} starts on {1}', task, p.next.due!)
            : overdue
              ? localize(lang, 'next: {0} was to end on {1}', task, p.next.due!)
              : localize(lang, 'next: {0} ends on {1}', task, p.next.due!),
        );
      }
      return item(`${refText(p.requirement)} — ${parts.join(separator)}`);
    })
    .join('\n');
}

function changesBlock(lang: Language, u: CustomerUpdate): string {
  if (u.changes.length === 0) return localize(lang, 'No change was decided in this period.');
  return u.changes
    .map((c) => {
      const request = markdownText(c.request);
      const note = c.note === undefined ? undefined : markdownText(c.note);
      const decided =
        c.decision === 'approved'
          ? note === undefined
            ? localize(lang, 'The change “{0}” was approved on {1}.', request, c.date)
            : localize(lang, 'The change “{0}” was approved on {1}. Why: {2}', request, c.date, note)
          : note === undefined
            ? localize(lang, 'The change “{0}” was rejected on {1}.', request, c.date)
            : localize(lang, 'The change “{0}” was rejected on {1}. Why: {2}', request, c.date, note);
      return item(localize(lang, '{0}: {1}', refText(c.requirement), decided));
    })
    .join('\n');
}

function needsBlock(lang: Language, u: CustomerUpdate): string {
  if (u.needs.length === 0) return localize(lang, 'Nothing for now.');
  const list = localize(lang, { message: ', ', comment: 'between the items of a list' });
  return u.needs
    .map((n) => {
      const ref = refText(n.requirement);
      switch (n.kind) {
        case 'feedback':
          return item(
            n.overdue
              ? localize(lang, 'Your feedback on {0}, due {1}: we have not heard from you yet.', ref, n.due ?? '')
              : localize(lang, 'Your feedback on {0}, due {1}.', ref, n.due ?? ''),
          );
        case 'confirm-delivery':
          return item(localize(lang, 'Please confirm {0} meets your goal.', ref));
        case 'pending-change':
          return item(
            localize(lang, 'Is the change you asked for on {0} still wanted as written? {1} ({2})', n.date, markdownText(n.request), ref),
          );
        case 'open-question':
          return item(
            localize(lang, 'Tell us more about {0}: {1}.', ref, n.essentials.map((k) => localize(lang, ESSENTIAL_NAMES[k])).join(list)),
          );
      }
    })
    .join('\n');
}

function leadText(lang: Language, u: CustomerUpdate): string {
  if (u.sinceFrom === 'last-contact' && u.since)
    return localize(lang, 'Where your requirements stand on {0}, since our last contact on {1}.', u.today, u.since);
  if (u.since) return localize(lang, 'Where your requirements stand on {0}, since {1}.', u.today, u.since);
  return localize(lang, 'Where your requirements stand on {0}.', u.today);
}

/**
 * The update's promises: the ones not kept yet and those due, kept or asked for in the period —
 * older kept ones are history the customer has been told — then the count of the whole ledger.
 */
export function promisesInUpdate(u: CustomerUpdate): CustomerPromise[] {
  const since = u.since;
  if (since === undefined) return u.ledger.promises;
  return u.ledger.promises.filter(
    (p) => p.state === 'open' || p.state === 'overdue' || [p.due, p.keptOn, p.change?.date].some((d) => d !== undefined && d >= since),
  );
}

function promisesBlocks(lang: Language, u: CustomerUpdate): string[] {
  const shown = promisesInUpdate(u);
  if (!u.since || u.ledger.promises.length === 0) return ledgerBlocks(lang, u.ledger, shown);
  const lead =
    shown.length === 0 || shown.length === u.ledger.promises.length
      ? []
      : [localize(lang, 'Those not kept yet, and those due or kept since {0}:', u.since)];
  return [...lead, ...ledgerBlocks(lang, u.ledger, shown)];
}

/** The update as Markdown in one language. */
export function customerUpdateMarkdown(u: CustomerUpdate, lang: Language): string {
  const parts = [
    `# ${localize(lang, 'Update for {0}', markdownText(u.customer))}`,
    leadText(lang, u),
    `## ${u.since ? localize(lang, 'Delivered since {0}', u.since) : localize(lang, 'Delivered')}`,
    deliveredBlock(lang, u),
    `## ${localize(lang, 'In progress')}`,
    inProgressBlock(lang, u),
    `## ${localize(lang, 'What changed and why')}`,
    changesBlock(lang, u),
    `## ${localize(lang, 'What we need from you')}`,
    needsBlock(lang, u),
    `## ${localize(lang, 'Our promises')}`,
    ...promisesBlocks(lang, u),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** The promise ledger alone as Markdown (the CLI without --update, Show Promise Ledger). */
export function promiseLedgerMarkdown(customer: string, ledger: Ledger, today: string, lang: Language): string {
  const parts = [
    `# ${localize(lang, 'Promises to {0}', markdownText(customer))}`,
    localize(lang, 'As of {0}.', today),
    ...ledgerBlocks(lang, ledger),
  ];
  return `${parts.join('\n\n')}\n`;
}
