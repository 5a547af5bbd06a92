/**
 * Requirement IDs in commit messages: which IDs a commit mentions and with what verb
 * ("Closes REQ-2024-001", "完成需求-2024-001"), and an index from ID to commits for the
 * commit-history view, `reqdesk trace` and typo detection.
 *
 * Where a mention is:
 *   trailer  in the trailer block: the body's last paragraph when every line of it is a trailer
 *            (`Key: value`, or a bare verb followed only by IDs: `Implements REQ-2024-001`).
 *            A verb key gives its verb to every ID in the value; any other key gives none.
 *   subject / body  elsewhere. The verb is the word just before the ID (separated only by
 *            spaces, `:` or `#`); an ID continuing a list (`Fixes REQ-1, REQ-2 and REQ-3`)
 *            takes the verb of the ID before it.
 *
 * Pure: no I/O, no clock. Dates are parsed by hand, without the local time zone, so ordering is
 * the same on every machine.
 */

import type { IdGrammar } from './ids';

export type CommitVerb = 'refs' | 'implements' | 'fixes' | 'closes';

export interface CommitInfo {
  hash: string;
  subject: string;
  body: string;
  author: string;
  /** ISO 8601 as git gives it (`%aI`, or `%ai`'s `2024-03-15 10:00:00 +0800`). */
  date: string;
}

export interface CommitMention {
  id: string;
  verb?: CommitVerb;
  where: 'subject' | 'body' | 'trailer';
}

export interface CommitLink {
  hash: string;
  subject: string;
  author: string;
  date: string;
  verb?: CommitVerb;
}

const VERB_RANK: Record<CommitVerb, number> = { refs: 1, implements: 2, fixes: 3, closes: 4 };

/** Lower-case English words (multi-word forms with single spaces) and Chinese words → verb. */
const VERB_WORDS: ReadonlyMap<string, CommitVerb> = new Map<string, CommitVerb>([
  ...['refs', 'ref', 'references', 'see', 'related', 'related to', 'relates to'].map((w) => [w, 'refs'] as const),
  ...['implements', 'implement', 'implemented', 'implementing'].map((w) => [w, 'implements'] as const),
  ...['fix', 'fixes', 'fixed', 'fixing', 'resolve', 'resolves', 'resolved'].map((w) => [w, 'fixes'] as const),
  ...['close', 'closes', 'closed', 'closing'].map((w) => [w, 'closes'] as const),
  ...['关联', '参见', '见'].map((w) => [w, 'refs'] as const),
  ...['实现', '完成'].map((w) => [w, 'implements'] as const),
  ...['修复', '解决'].map((w) => [w, 'fixes'] as const),
  ['关闭', 'closes'],
]);

const ENGLISH_VERBS = [...VERB_WORDS.keys()]
  .filter((w) => /^[a-z ]+$/.test(w))
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '[ \\t]+'))
  .join('|');
const CHINESE_VERBS = [...VERB_WORDS.keys()].filter((w) => !/^[a-z ]+$/.test(w)).join('|');

/** The verb directly before an ID: group 1 English, group 2 Chinese; boundaries checked by hand. */
const VERB_BEFORE = new RegExp(`(?:(${ENGLISH_VERBS})|(${CHINESE_VERBS}))[ \\t\\r\\n\\u3000:：#]*$`, 'i');
/** Longest verb plus some separators; anything further away is not "just before". */
const VERB_WINDOW = 40;
/** What may sit between two IDs of one list for the second to inherit the first's verb. */
const LIST_GAP = /^(?:[\s\u3000,，、/&#]|and|和|与|及)*$/i;

/** A trailer key (`Refs`, `Relates-to`, `关闭`) with a colon, then the value. */
const TRAILER_KEYED = /^([A-Za-z][A-Za-z0-9-]*|[\u4e00-\u9fff]+)[ \t]*[:：][ \t]*(\S.*)$/;
/**
 * A verb key, colon optional (`Implements REQ-2024-001`, `Relates to: REQ-…`); taken as a trailer
 * only when the value is nothing but IDs, so prose such as `Fix REQ-… crash` is not one.
 */
// Each run of blanks is matched by one quantifier only: with two in a row (`[ \t]+#?[ \t]*`) a line
// of a verb and a long run of blanks took time quadratic in the run.
const TRAILER_BARE = new RegExp(`^(${ENGLISH_VERBS}|${CHINESE_VERBS})(?:[ \\t]*[:：]|(?=[ \\t]))[ \\t]*(?:#[ \\t]*)?(\\S.*)$`, 'i');

function verbOfWord(word: string): CommitVerb | undefined {
  return VERB_WORDS.get(
    word
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ')
      .trim(),
  );
}

function verbBefore(text: string, start: number): CommitVerb | undefined {
  const from = Math.max(0, start - VERB_WINDOW);
  const m = VERB_BEFORE.exec(text.slice(from, start));
  if (!m) return undefined;
  const before = text[from + m.index - 1] ?? '';
  if (m[1] !== undefined) {
    // `prefix REQ-…` must not read as "fix"; JavaScript's \b would do here, but the window may
    // start mid-word, so the character before is checked in the whole text.
    if (/[A-Za-z0-9_]/.test(before)) return undefined;
    return verbOfWord(m[1]);
  }
  const word = m[2] ?? '';
  // 未完成 / 没修复 / 不关闭 say the opposite; 意见 ("feedback") is not 见 ("see").
  if (/[未没不]/.test(before) || (word === '见' && before === '意')) return undefined;
  return verbOfWord(word);
}

/** Mentions in free text (subject or body outside the trailers). */
function scanProse(grammar: IdGrammar, text: string, where: 'subject' | 'body', out: CommitMention[]): void {
  let prevEnd = -1;
  let prevVerb: CommitVerb | undefined;
  for (const ref of grammar.findReferences(text)) {
    let verb = verbBefore(text, ref.start);
    if (verb === undefined && prevEnd >= 0 && LIST_GAP.test(text.slice(prevEnd, ref.start))) verb = prevVerb;
    out.push(verb === undefined ? { id: ref.id, where } : { id: ref.id, verb, where });
    prevEnd = ref.end;
    prevVerb = verb;
  }
}

interface TrailerLine {
  verb: CommitVerb | undefined;
  /** Offset of the value in the line. */
  valueStart: number;
}

function parseTrailer(grammar: IdGrammar, line: string): TrailerLine | undefined {
  const bare = TRAILER_BARE.exec(line);
  if (bare) {
    const value = bare[2] ?? '';
    const valueStart = line.length - value.length;
    const refs = grammar.findReferences(value);
    // The value with each ID replaced by a space, built in one pass (not one copy per ID).
    const parts: string[] = [];
    let at = 0;
    for (const r of refs) {
      parts.push(value.slice(at, r.start), ' ');
      at = r.end;
    }
    parts.push(value.slice(at));
    const rest = parts.join('');
    if (refs.length > 0 && LIST_GAP.test(rest)) return { verb: verbOfWord(bare[1] ?? ''), valueStart };
  }
  const keyed = TRAILER_KEYED.exec(line);
  if (keyed) {
    const value = keyed[2] ?? '';
    return { verb: verbOfWord(keyed[1] ?? ''), valueStart: line.length - value.length };
  }
  return undefined;
}

/**
 * Every requirement ID a commit message mentions, once per ID, in order of first mention. The
 * strongest verb wins (closes > fixes > implements > refs > none), and `where` is that of the
 * mention that gave the verb (of the first mention when none has a verb).
 */
export function mentionsIn(grammar: IdGrammar, subject: string, body: string): CommitMention[] {
  const raw: CommitMention[] = [];
  scanProse(grammar, subject, 'subject', raw);

  const lines = body.split(/\r?\n/);
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  let start = end;
  while (start > 0 && lines[start - 1]!.trim() !== '') start--;
  // The last paragraph is the trailer block only when every line is a trailer; git allows
  // indented continuation lines, which belong to the trailer above them.
  const trailers: Array<{ line: string; t: TrailerLine }> = [];
  let isBlock = start < end;
  let last: TrailerLine | undefined;
  for (let i = start; i < end && isBlock; i++) {
    const line = lines[i]!;
    if (/^[ \t]/.test(line) && last !== undefined) {
      trailers.push({ line, t: { verb: last.verb, valueStart: 0 } });
      continue;
    }
    const t = parseTrailer(grammar, line);
    if (t === undefined) isBlock = false;
    else trailers.push({ line, t: (last = t) });
  }
  const prose = isBlock ? lines.slice(0, start).join('\n') : body;
  scanProse(grammar, prose, 'body', raw);
  if (isBlock) {
    for (const { line, t } of trailers) {
      for (const ref of grammar.findReferences(line)) {
        if (ref.start < t.valueStart) continue;
        raw.push(t.verb === undefined ? { id: ref.id, where: 'trailer' } : { id: ref.id, verb: t.verb, where: 'trailer' });
      }
    }
  }

  const byId = new Map<string, CommitMention>();
  for (const m of raw) {
    const seen = byId.get(m.id);
    if (seen === undefined) byId.set(m.id, m);
    else if (rank(m.verb) > rank(seen.verb)) byId.set(m.id, m); // Map keeps first-insertion order
  }
  return [...byId.values()];
}

function rank(verb: CommitVerb | undefined): number {
  return verb === undefined ? 0 : VERB_RANK[verb];
}

const GIT_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?[ \t]*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Milliseconds since the epoch, or NaN. A date without a zone is read as UTC, not local time. */
export function parseGitDate(date: string): number {
  const m = GIT_DATE.exec(date.trim());
  if (!m) return NaN;
  const n = (i: number): number => Number(m[i] ?? 0);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  let t = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), ms);
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    t -= (zone[0] === '-' ? -1 : 1) * minutes * 60_000;
  }
  return t;
}

/**
 * Orders IDs by their digit runs as numbers, so `REQ-2024-999` comes before `REQ-2024-1000`.
 * Hand-written rather than Intl.Collator so it does not depend on the runtime's ICU data.
 */
export function compareIds(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) {
      const xs = x.replace(/^0+/, '');
      const ys = y.replace(/^0+/, '');
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

interface Entry {
  hash: string;
  subject: string;
  author: string;
  date: string;
  time: number;
  mentions: CommitMention[];
  /** The verb of each mention by ID, built on first use: a commit naming many IDs is not searched once per ID. */
  verbs?: Map<string, CommitVerb | undefined>;
}

/** By date in the given direction; unparsable dates last; then by hash so the order is total. */
function byDate(direction: 1 | -1): (a: Entry, b: Entry) => number {
  return (a, b) => {
    const av = !Number.isNaN(a.time);
    const bv = !Number.isNaN(b.time);
    if (av !== bv) return av ? -1 : 1;
    if (av && a.time !== b.time) return direction * (a.time - b.time);
    return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
  };
}

const newestFirst = byDate(-1);
/** A trace reads as history. */
const oldestFirst = byDate(1);

function linkOf(e: Entry, id: string): CommitLink {
  if (!e.verbs) {
    e.verbs = new Map();
    // mentionsIn gives each ID once; the first wins as find() did.
    for (const m of e.mentions) if (!e.verbs.has(m.id)) e.verbs.set(m.id, m.verb);
  }
  const verb = e.verbs.get(id);
  const link: CommitLink = { hash: e.hash, subject: e.subject, author: e.author, date: e.date };
  if (verb !== undefined) link.verb = verb;
  return link;
}

/** A full commit hash as git prints it: SHA-1 (40 hex digits) or SHA-256 (64). */
export const COMMIT_HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

const JSON_VERSION = 1;
const VERBS = new Set<string>(Object.keys(VERB_RANK));
const WHERES = new Set<string>(['subject', 'body', 'trailer']);

/** Which commits mention which requirement IDs. Only commits that mention an ID are kept. */
export class CommitLinks {
  private readonly byHash = new Map<string, Entry>();
  private readonly byId = new Map<string, Set<string>>();

  /** Adds commits (newest first or any order; a hash seen before is replaced). */
  add(grammar: IdGrammar, commits: Iterable<CommitInfo>): void {
    for (const c of commits) {
      this.put({
        hash: c.hash,
        subject: c.subject,
        author: c.author,
        date: c.date,
        time: parseGitDate(c.date),
        mentions: mentionsIn(grammar, c.subject, c.body),
      });
    }
  }

  /** Forget commits (history rewritten). */
  remove(hashes: Iterable<string>): void {
    for (const h of hashes) this.drop(h);
  }

  /** Commits mentioning the ID, newest first by date, then by hash. */
  commitsOf(id: string): CommitLink[] {
    const hashes = this.byId.get(id);
    if (hashes === undefined) return [];
    return [...hashes]
      .map((h) => this.byHash.get(h)!)
      .sort(newestFirst)
      .map((e) => linkOf(e, id));
  }

  /**
   * Commits mentioning any of the IDs (a requirement's own and those merged into it), each once,
   * newest first by date, then by hash. A commit naming several of them takes the strongest verb.
   */
  commitsOfAll(ids: readonly string[]): CommitLink[] {
    if (ids.length === 1) return this.commitsOf(ids[0]!);
    const hashes = new Set<string>();
    for (const id of ids) for (const h of this.byId.get(id) ?? []) hashes.add(h);
    return [...hashes]
      .map((h) => this.byHash.get(h)!)
      .sort(newestFirst)
      .map((e) => {
        let best = linkOf(e, ids[0]!);
        for (const id of ids.slice(1)) {
          const link = linkOf(e, id);
          if (rank(link.verb) > rank(best.verb)) best = link;
        }
        return best;
      });
  }

  /** How many distinct commits mention any of the IDs. */
  countOfAll(ids: readonly string[]): number {
    if (ids.length === 1) return this.countOf(ids[0]!);
    const hashes = new Set<string>();
    for (const id of ids) for (const h of this.byId.get(id) ?? []) hashes.add(h);
    return hashes.size;
  }

  /** A linked commit by its full hash (without a verb: that belongs to a mention). */
  commit(hash: string): CommitLink | undefined {
    const e = this.byHash.get(hash);
    return e ? { hash: e.hash, subject: e.subject, author: e.author, date: e.date } : undefined;
  }

  /** How many commits mention the ID, without building their list (tree and CodeLens figures). */
  countOf(id: string): number {
    return this.byId.get(id)?.size ?? 0;
  }

  /** Every ID mentioned, in ID order. */
  ids(): string[] {
    return [...this.byId.keys()].sort(compareIds);
  }

  /** IDs mentioned that no record has (typos): id → commits, in ID order. */
  unknown(known: ReadonlySet<string>): Map<string, CommitLink[]> {
    const out = new Map<string, CommitLink[]>();
    for (const id of this.ids()) if (!known.has(id)) out.set(id, this.commitsOf(id));
    return out;
  }

  /** Every (ID, commit) pair, for `reqdesk trace`: by ID, then oldest commit first, then hash. */
  pairs(): Array<{ id: string; commit: CommitLink }> {
    const out: Array<{ id: string; commit: CommitLink }> = [];
    for (const id of this.ids()) {
      const entries = [...this.byId.get(id)!].map((h) => this.byHash.get(h)!).sort(oldestFirst);
      for (const e of entries) out.push({ id, commit: linkOf(e, id) });
    }
    return out;
  }

  /** Commits that mention at least one ID. */
  get size(): number {
    return this.byHash.size;
  }

  /** For a persistent cache. Bodies are not kept: the mentions found in them are. */
  toJSON(): unknown {
    return {
      version: JSON_VERSION,
      commits: [...this.byHash.values()].map((e) => ({
        hash: e.hash,
        subject: e.subject,
        author: e.author,
        date: e.date,
        mentions: e.mentions.map((m) => (m.verb === undefined ? { id: m.id, where: m.where } : { ...m })),
      })),
    };
  }

  /**
   * Reads what toJSON wrote; undefined for anything malformed (an old or corrupt cache is
   * rebuilt from git, never half-loaded).
   */
  static fromJSON(data: unknown): CommitLinks | undefined {
    if (!isRecord(data) || data.version !== JSON_VERSION || !Array.isArray(data.commits)) return undefined;
    const links = new CommitLinks();
    for (const c of data.commits) {
      if (!isRecord(c)) return undefined;
      const { hash, subject, author, date, mentions } = c;
      if (typeof hash !== 'string' || hash === '' || links.byHash.has(hash)) return undefined;
      if (typeof subject !== 'string' || typeof author !== 'string' || typeof date !== 'string') return undefined;
      if (!Array.isArray(mentions) || mentions.length === 0) return undefined;
      const seen = new Set<string>();
      const parsed: CommitMention[] = [];
      for (const m of mentions) {
        if (!isRecord(m)) return undefined;
        const { id, verb, where } = m;
        if (typeof id !== 'string' || id === '' || seen.has(id)) return undefined;
        if (typeof where !== 'string' || !WHERES.has(where)) return undefined;
        if (verb !== undefined && (typeof verb !== 'string' || !VERBS.has(verb))) return undefined;
        seen.add(id);
        const w = where as CommitMention['where'];
        parsed.push(verb === undefined ? { id, where: w } : { id, verb: verb as CommitVerb, where: w });
      }
      links.put({ hash, subject, author, date, time: parseGitDate(date), mentions: parsed });
    }
    return links;
  }

  private put(e: Entry): void {
    this.drop(e.hash);
    if (e.mentions.length === 0) return;
    this.byHash.set(e.hash, e);
    for (const m of e.mentions) {
      let set = this.byId.get(m.id);
      if (set === undefined) this.byId.set(m.id, (set = new Set()));
      set.add(e.hash);
    }
  }

  private drop(hash: string): void {
    const old = this.byHash.get(hash);
    if (old === undefined) return;
    this.byHash.delete(hash);
    for (const m of old.mentions) {
      const set = this.byId.get(m.id);
      set?.delete(hash);
      if (set !== undefined && set.size === 0) this.byId.delete(m.id);
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
