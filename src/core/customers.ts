// The customers behind the requirements: who asked for each requirement (`customer`, then
// `requesters`), and every dated touch with each customer (contacts logged, feedback received,
// requests made, change outcomes fed back), gathered across records into one directory per
// customer. Pure: the caller passes the records and, where it matters, today's date.
import type { CONTACT_CHANNELS, CUSTOMER_SIZES, CUSTOMER_TIERS, Requirement, SOURCES, Status } from './schema';

export type CustomerTier = keyof typeof CUSTOMER_TIERS;
export type ContactChannel = keyof typeof CONTACT_CHANNELS;

/** One customer who asked for a requirement. */
export interface Requester {
  name: string;
  /** The customer's key: names that differ only in width, case or spacing are one customer. */
  key: string;
  contact?: string;
  industry?: string;
  size?: keyof typeof CUSTOMER_SIZES;
  tier?: CustomerTier;
  /** When this customer asked: `submitted` for `customer`, the entry's own `date` for a requester. */
  date?: string;
  source?: keyof typeof SOURCES;
  note?: string;
  /** The entry's index in `requesters`; absent for `customer` itself. */
  index?: number;
}

/**
 * The key two spellings of one customer share: full-width letters and spaces folded (NFKC), case
 * and runs of white space ignored. `华东制造 ` and `华东制造`, `ACME Corp` and `Acme  corp` are
 * the same customer.
 */
export function customerKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    // A workspace names few customers many times: each name is normalised once.
    if (keys.size >= MAX_REMEMBERED_KEYS) keys.clear();
    keys.set(name, (key = name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()));
  }
  return key;
}

const keys = new Map<string, string>();
const MAX_REMEMBERED_KEYS = 4096;

type RecordData = Partial<Pick<Requirement, 'customer' | 'requesters' | 'submitted' | 'source' | 'contacts' | 'feedback' | 'changes'>>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * Everyone who asked, `customer` first: entries without a name are skipped (validation reports
 * them), and a customer named twice counts once (the first entry).
 */
export function requestersOf(data: RecordData): Requester[] {
  const out: Requester[] = [];
  const seen = new Set<string>();
  const add = (entry: unknown, extra: Partial<Requester>) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return;
    const e = entry as Record<string, unknown>;
    const name = str(e.name);
    if (!name || seen.has(customerKey(name))) return;
    seen.add(customerKey(name));
    const requester: Requester = { name, key: customerKey(name) };
    for (const field of ['contact', 'industry', 'size', 'tier', 'note'] as const) {
      const value = str(e[field]);
      if (value !== undefined) (requester as unknown as Record<string, string>)[field] = value;
    }
    Object.assign(requester, extra);
    out.push(requester);
  };
  const submitted = str(data.submitted);
  const source = str(data.source) as Requester['source'];
  add(data.customer, { ...(submitted ? { date: submitted } : {}), ...(source ? { source } : {}) });
  (Array.isArray(data.requesters) ? data.requesters : []).forEach((entry, index) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const date = str(e.date);
    const from = str(e.source) as Requester['source'];
    add(entry, { index, ...(date ? { date } : {}), ...(from ? { source: from } : {}) });
  });
  return out;
}

/** A dated touch with a customer. */
export interface CustomerTouch {
  date: string;
  kind: 'contact' | 'feedback' | 'request' | 'change-fed-back';
  channel?: ContactChannel;
  summary?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every dated touch of one record, per customer key. A contact names its customer, or is with the
 * record's first requester; feedback is with the customer it names, else the first requester, as
 * is a change's outcome fed back; each requester's request is a touch of its own (they spoke to
 * us). Entries without a valid date are left out (validation reports them).
 */
export function touchesOf(data: RecordData): Map<string, CustomerTouch[]> {
  const requesters = requestersOf(data);
  const out = new Map<string, CustomerTouch[]>();
  const add = (key: string | undefined, touch: CustomerTouch) => {
    if (key === undefined || !DATE.test(touch.date)) return;
    const list = out.get(key);
    if (list) list.push(touch);
    else out.set(key, [touch]);
  };
  const first = requesters[0]?.key;
  for (const r of requesters) if (r.date) add(r.key, { date: r.date, kind: 'request' });
  for (const c of Array.isArray(data.contacts) ? data.contacts : []) {
    const named = str(c?.customer);
    const touch: CustomerTouch = { date: String(c?.date ?? ''), kind: 'contact' };
    if (str(c?.channel)) touch.channel = c.channel as ContactChannel;
    if (str(c?.summary)) touch.summary = c.summary!;
    add(named ? customerKey(named) : first, touch);
  }
  for (const f of Array.isArray(data.feedback) ? data.feedback : []) {
    const touch: CustomerTouch = { date: String(f?.date ?? ''), kind: 'feedback' };
    if (str(f?.note)) touch.summary = f.note!;
    // Feedback names its customer when it came from another requester (a merged request's).
    const named = str(f?.customer);
    add(named ? customerKey(named) : first, touch);
  }
  for (const c of Array.isArray(data.changes) ? data.changes : []) {
    if (str(c?.fed_back))
      add(first, { date: c.fed_back!, kind: 'change-fed-back', ...(str(c.fed_back_note) ? { summary: c.fed_back_note! } : {}) });
  }
  return out;
}

/** One customer of one record: who asked, the tier this record gives, and their latest touch in it. */
export interface RecordCustomer extends Requester {
  lastTouch?: CustomerTouch;
}

/**
 * The customers who asked for a record, each with the latest of their touches in it (the first of
 * equal dates). A touch with a customer who is not among the record's requesters (a contact naming
 * someone else, which validation reports) counts for no one: the record is not theirs.
 */
export function customersOf(data: RecordData): RecordCustomer[] {
  const touches = touchesOf(data);
  return requestersOf(data).map((r) => {
    let latest: CustomerTouch | undefined;
    for (const t of touches.get(r.key) ?? []) if (!latest || t.date > latest.date) latest = t;
    return latest ? { ...r, lastTouch: latest } : r;
  });
}

/** The part of an indexed record the directory reads. */
export interface CustomerRecord {
  file: string;
  id?: string;
  title?: string;
  data: RecordData & { status?: Status };
}

/** Statuses after which nothing more is owed to the customer but feedback. */
export const CLOSED_STATUSES: readonly Status[] = ['verified', 'closed', 'declined'];

/** Whether a record still owes its customers something (no status counts as open). */
export function isOpenStatus(status: Status | undefined): boolean {
  return status === undefined || !CLOSED_STATUSES.includes(status);
}

export interface CustomerSummary {
  key: string;
  /** The name as first written. */
  name: string;
  /** The highest tier any record gives (key over existing over new). */
  tier?: CustomerTier;
  requirements: { file: string; id?: string; title?: string; status?: Status; open: boolean }[];
  open: number;
  /** The latest touch, any kind. */
  lastTouch?: CustomerTouch & { file: string; id?: string };
}

export const TIER_RANK: Readonly<Record<CustomerTier, number>> = { new: 1, existing: 2, key: 3 };

/** The higher of two tiers (key over existing over new); undefined only when both are. */
export function higherTier(a: CustomerTier | undefined, b: CustomerTier | undefined): CustomerTier | undefined {
  if (!a || !b) return a ?? b;
  return TIER_RANK[b] > TIER_RANK[a] ? b : a;
}

/**
 * Every customer of the records, by key, in order of first appearance. Each record counts for the
 * customers who asked for it: their tier, whether it is open, and their touches in it (so the
 * result does not depend on the order of the records, only the names as first written do).
 */
export function customerDirectory(records: Iterable<CustomerRecord>): Map<string, CustomerSummary> {
  const out = new Map<string, CustomerSummary>();
  for (const record of records) {
    const status = record.data.status;
    const open = isOpenStatus(status);
    for (const c of customersOf(record.data)) {
      let summary = out.get(c.key);
      if (!summary) out.set(c.key, (summary = { key: c.key, name: c.name, requirements: [], open: 0 }));
      const tier = higherTier(summary.tier, c.tier);
      if (tier) summary.tier = tier;
      summary.requirements.push({
        file: record.file,
        ...(record.id ? { id: record.id } : {}),
        ...(record.title ? { title: record.title } : {}),
        ...(status ? { status } : {}),
        open,
      });
      if (open) summary.open++;
      if (c.lastTouch && (!summary.lastTouch || c.lastTouch.date > summary.lastTouch.date))
        summary.lastTouch = { ...c.lastTouch, file: record.file, ...(record.id ? { id: record.id } : {}) };
    }
  }
  return out;
}
