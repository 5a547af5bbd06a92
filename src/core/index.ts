// The RequirementIndex: every requirement file of a workspace, parsed and validated, with
// cross-file knowledge (duplicate IDs), queries and change events. It reads through a small
// FileSource so that the extension (vscode.workspace.fs) and the CLI (node:fs) share it, and it
// never keeps a YAML document or a file's text: only the plain record.
import { Slicer, eachConcurrently } from './slices';
import type { IdGrammar } from './ids';
import { effectivePriority, priorityFromScores } from './priority';
import type { Problem } from './problems';
import { compareProblems, FixLists } from './problems';
import type { Priority, Requirement, RequirementCategory, RequirementType, Status } from './schema';
import { settingsFingerprint, type Settings } from './settings';
import { keepLines, type KeptLines, type OffsetRange } from './text';
import { timelyFindings, timelyProblems, timelyProblemsOfParsed, type TimelySettings } from './timely';
import { analyzeRequirement, type RequirementAnalysis, type ValidationContext } from './validate';
import type { TeamRules } from './teamSchema';
import { fileArg } from './messages';
import { listEntryRanges, relatedEntryRanges } from './relatedRanges';
import { StringPool } from './stringPool';
import { contactOverdue, requesterPlaces, type OverdueContact, type RequesterPlace } from './contactCadence';
import { customerDirectory, customerKey, customersOf, isOpenStatus, requestersOf, type CustomerSummary } from './customers';
import { demandImportance } from './demand';

export interface FileStat {
  /** Modification time in ms. */
  mtime: number;
  size: number;
}

/**
 * Where requirement files come from. `read` rejects with code ENOENT for a file gone meanwhile.
 * Given `maxBytes`, it never reads more than one byte past it, and rejects with a
 * FileTooLargeError for a file over it (by its size, or by what reading it found).
 */
export interface FileSource {
  list(): Promise<string[]>;
  read(file: string, maxBytes?: number): Promise<Uint8Array>;
  stat(file: string): Promise<FileStat>;
}

/** A bounded read's answer for a file over the limit: it was not read (or not past the limit). */
export class FileTooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(readonly size: number) {
    super(`EFBIG: the file has ${size} bytes, more than the limit`);
  }
}

function tooLargeSize(error: unknown): number | undefined {
  return error instanceof FileTooLargeError || (error as { code?: string } | undefined)?.code === 'EFBIG'
    ? ((error as { size?: number }).size ?? 0)
    : undefined;
}

/** Persistent storage for the warm start (one opaque string). */
export interface IndexCacheStore {
  load(): Promise<string | undefined>;
  save(data: string): Promise<void>;
}

export interface RequirementRecord {
  file: string;
  id?: string;
  /** The team's status (a team schema's own list); `data.status` is the ReqDesk stage it maps to. */
  teamStatus?: string;
  idRange?: OffsetRange;
  /** The front-matter title, else the body's first-level heading. */
  title?: string;
  data: Partial<Requirement>;
  /** Stored priority, else the one derived from the scores. */
  priority?: Priority;
  /** From the scores, with importance as `reqdesk.priority.demand` raises it. */
  derivedPriority?: Priority;
  /** No stored priority, and the demand rule changed the derived one (the scores alone give a lower one). */
  raisedByDemand?: true;
  /** Other requirements' IDs mentioned in the body. */
  references: string[];
  /**
   * The ID-shaped entries of `related` (other requirements this one links to), each with its
   * index in the list and where it is written: a link to an ID no record has is a problem.
   */
  relatedIds?: RelatedId[];
  /**
   * The ID-shaped entries of `merged_ids` other than the record's own ID (requirements folded into
   * this one), each with its index and where it is written: commits, links and lookups naming
   * them lead here.
   */
  mergedIds?: RelatedId[];
  /** This file's own problems (cross-file ones are added by `problemsFor`). */
  problems: Problem[];
  stat?: FileStat;
  /** True when the file was not parsed at all (too large, binary). */
  skipped?: boolean;
  /**
   * Where the lines start, up to the line of the last offset a problem of this record may sit at
   * (its own problems, today's, its ID and related entries): the Problems panel places them
   * without reading the file again.
   */
  lines?: KeptLines;
  /** Today's problems (late tasks, overdue promises) as of `date`, when the index knows the day. */
  timely?: { date: string; problems: Problem[] };
  /** Where the requesters' names are written, when the reading had their positions at hand. */
  requesterPlaces?: RequesterPlace[];
  /**
   * For a skipped file: the IDs it seems to hold, from its name and (when its bytes were read) an
   * `id:` line of its front matter. Not the record's ID, since the file was not parsed, but never
   * handed out to a new requirement (see `takenIds`).
   */
  claimedIds?: string[];
}

export interface RelatedId {
  id: string;
  index: number;
  range?: OffsetRange;
}

export interface IndexChange {
  changed: string[];
  removed: string[];
}

export interface BuildOptions {
  /** Where the warm-start cache is read from (write it with `saveCache` after the build). */
  cache?: IndexCacheStore;
  signal?: AbortSignal;
  /** The clock that dates reads for the warm-start cache (default: Date.now). */
  now?: () => number;
  /** Called with (done, total) as files are read. */
  onProgress?: (done: number, total: number) => void;
  /** Longest run of synchronous work before yielding to the event loop. */
  sliceMs?: number;
  concurrency?: number;
}

export interface BuildStats {
  files: number;
  parsed: number;
  fromCache: number;
  vanished: number;
  ms: number;
}

export interface RecordQuery {
  priority?: Priority | 'none';
  type?: RequirementType;
  /** The guide's classification (functional / non-functional / business). */
  category?: RequirementCategory;
  status?: Status;
  owner?: string;
  customer?: string;
  text?: string;
}

// 2: skipped records carry claimedIds. 3: records carry relatedIds. 4: lines and timely. 5: mergedIds.
const CACHE_VERSION = 7;
/** How much of a skipped file's start is searched for an `id:` line. */
const CLAIM_SCAN_BYTES = 64 * 1024;
/** A file modified less than this before its read is not trusted to the cache. */
const MTIME_MARGIN_MS = 2000;
const NUL = 0;

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ENOENT' || code === 'FileNotFound' || code === 'EISDIR' || code === 'ENOTDIR';
}

// The BOM is kept in the text so that splitFile sees it (offsets are BOM-less either way).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The offset of the first byte that is not valid UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * The IDs a file that was not parsed seems to hold: those in its name (`REQ-2026-005-export.md`,
 * a URI's name decoded) and, when its start was read, in an `id:` line of its front matter read
 * byte for byte (a NUL elsewhere in the file does not hide it).
 */
export function claimedIdsOf(grammar: IdGrammar, file: string, bytes?: Uint8Array): string[] {
  const ids = new Set<string>();
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // not a URI's name
  }
  for (const text of new Set([name, decoded])) for (const ref of grammar.findReferences(text)) ids.add(ref.id);
  if (bytes && bytes.length > 0) {
    const lines = utf8
      .decode(bytes.subarray(0, CLAIM_SCAN_BYTES))
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    if (lines[0]?.trimEnd() === '---') {
      for (const line of lines.slice(1)) {
        if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) break;
        const value = /^id[ \t]*:(.*)$/.exec(line)?.[1];
        if (value !== undefined) for (const ref of grammar.findReferences(value)) ids.add(ref.id);
      }
    }
  }
  return [...ids];
}

/** The IDs a record answers to: its own, those merged into it, or those a skipped file seems to hold. */
function providedIds(record: RequirementRecord): string[] {
  const merged = mergedIdsOf(record);
  const own = record.id ? [record.id, ...(record.claimedIds ?? [])] : (record.claimedIds ?? []);
  return merged.length ? [...own, ...merged] : own;
}

/** The distinct IDs merged into a record. */
function mergedIdsOf(record: RequirementRecord): string[] {
  return record.mergedIds ? [...new Set(record.mergedIds.map((m) => m.id))] : [];
}

/** How an ID leads to a record: it is the record's own ID, or one merged into it. */
export interface Resolved {
  record: RequirementRecord;
  /** True when the ID is one of the record's `merged_ids`. */
  merged: boolean;
}

/** The keys of the customers who asked for a record. */
function customerKeysOf(record: RequirementRecord | undefined): string[] {
  return record && !record.skipped ? requestersOf(record.data).map((r) => r.key) : [];
}

/** What a record says of each of its customers — all a customer's summary is made of — by key. */
function customerFactsOf(record: RequirementRecord | undefined): Map<string, string> {
  if (!record || record.skipped) return new Map();
  const { status } = record.data;
  return new Map(
    customersOf(record.data).map((c) => [c.key, JSON.stringify([c.name, c.tier, c.lastTouch, record.id, record.title, status])]),
  );
}

/**
 * The customers whose summary a record's change may change: those it says something new of. An
 * edit elsewhere in the record (the body, the tasks) changes none, so typing costs no customer's
 * summary, however many requirements that customer has.
 */
function customersChanged(before: RequirementRecord | undefined, after: RequirementRecord | undefined): string[] {
  const a = customerFactsOf(before);
  const b = customerFactsOf(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((key) => a.get(key) !== b.get(key));
}

/** The distinct IDs a record's `related` links to. */
function linkedIds(record: RequirementRecord): Set<string> {
  return new Set((record.relatedIds ?? []).map((r) => r.id));
}

function addFile(byId: Map<string, string[]>, id: string, file: string): void {
  const files = byId.get(id);
  if (!files) byId.set(id, [file]);
  else if (!files.includes(file)) files.push(file);
}

function removeFile(byId: Map<string, string[]>, id: string, file: string): void {
  const files = byId.get(id);
  const at = files ? files.indexOf(file) : -1;
  if (files && at >= 0) files.splice(at, 1);
  if (files && files.length === 0) byId.delete(id);
}

export class RequirementIndex {
  private readonly records = new Map<string, RequirementRecord>();
  // Arrays, not Sets: almost every ID has one file, and 10k Sets are a measurable share of the heap.
  private readonly filesById = new Map<string, string[]>();
  /** ID → files of skipped records that seem to hold it (a link to it is not dangling). */
  private readonly claimsById = new Map<string, string[]>();
  /** ID → files whose `related` names it: they learn when a record with that ID appears or goes. */
  private readonly linkersById = new Map<string, Set<string>>();
  /** Customer key → files of the records that customer asked for. */
  // Sets: a customer may have asked for thousands of the records (an array's `includes` on each
  // add would make a build quadratic).
  private readonly filesByCustomer = new Map<string, Set<string>>();
  /** Customer key → their summary across those records, made when first asked for after a change. */
  private readonly customerSummaries = new Map<string, CustomerSummary>();
  /** ID → files whose `merged_ids` hold it (more than one, or one beside a live record, is a problem). */
  private readonly mergedById = new Map<string, string[]>();
  private readonly listeners = new Set<(change: IndexChange) => void>();
  private readonly context: ValidationContext;
  private dirtyCache = false;
  /** The source of the last build and when its reads began: what `saveCache` stats against. */
  private source: FileSource | undefined;
  private readonly strings = new StringPool();
  /** The problems' lists of quick fixes, each held once. */
  private readonly fixLists = new FixLists();
  private readStartedAt = 0;

  constructor(
    readonly settings: Settings,
    readonly grammar: IdGrammar,
    /** Today's date where the index runs beside a clock (the extension): records then carry today's problems. */
    private readonly today?: () => string,
    /** The team's schema layered on the built-in one (`.reqdesk/schema.yaml`), when there is a valid one. */
    readonly team: TeamRules | null = null,
  ) {
    this.context = team ? { settings, grammar, team } : { settings, grammar };
    this.timelyOfData = { workdays: settings.workdays, holidays: settings.holidays, lowSatisfaction: settings.lowSatisfaction };
    this.timelyOfText = team ? { ...this.timelyOfData, team } : this.timelyOfData;
  }

  /** Today's rules over a record's data, whose status is a ReqDesk stage. */
  readonly timelyOfData: TimelySettings;
  /** Today's rules over a file's own YAML: under a team schema, its status is the team's. */
  readonly timelyOfText: TimelySettings;

  // ── reading ────────────────────────────────────────────────────────────────────────────

  /** Parses one file's text (an open document, or bytes just read). */
  analyze(file: string, text: string, stat?: FileStat): RequirementRecord {
    const analysis = analyzeRequirement(text, this.context, this.team ? { file } : {});
    const data = analysis.data;
    const importance = demandImportance(data, this.settings.demand);
    const derived = priorityFromScores(importance, data.scores?.urgency, this.settings.priorityThreshold);
    const title = data.title ?? analysis.outline.title?.text;
    const references = new Set<string>();
    for (const ref of this.grammar.findReferences(analysis.split.text.slice(analysis.split.bodyStart))) {
      if (ref.id !== data.id) references.add(ref.id);
    }
    const related = data.related ?? [];
    const linked = related.map((entry) => (this.grammar.isValid(entry) && entry !== data.id ? entry : undefined));
    const folded = (data.merged_ids ?? []).map((entry) => (this.grammar.isValid(entry) && entry !== data.id ? entry : undefined));
    // A merged ID is this record's own (its "Merged from" section names it): not a reference.
    for (const id of folded) if (id) references.delete(id);
    for (const id of linked) if (id) references.add(id);
    const record: RequirementRecord = { file, data, references: [...references], problems: analysis.problems };
    if (linked.some(Boolean)) {
      const ranges = relatedEntryRanges(analysis.split, linked);
      record.relatedIds = linked.flatMap((id, index) => (id ? [{ id, index, ...(ranges[index] ? { range: ranges[index] } : {}) }] : []));
    }
    if (folded.some(Boolean)) {
      const ranges = listEntryRanges(analysis.split, 'merged_ids', folded);
      record.mergedIds = folded.flatMap((id, index) => (id ? [{ id, index, ...(ranges[index] ? { range: ranges[index] } : {}) }] : []));
    }
    if (typeof data.id === 'string') record.id = data.id;
    if (analysis.teamStatus !== undefined) record.teamStatus = analysis.teamStatus;
    if (analysis.idRange) record.idRange = analysis.idRange;
    if (title !== undefined) record.title = title;
    const priority = effectivePriority(data.priority, importance, data.scores?.urgency, this.settings.priorityThreshold);
    if (priority) record.priority = priority;
    if (derived) record.derivedPriority = derived;
    // Shown only where it decides what the record shows: a stored priority is the triage's own.
    if (
      !data.priority &&
      derived &&
      derived !== priorityFromScores(data.scores?.importance, data.scores?.urgency, this.settings.priorityThreshold)
    )
      record.raisedByDemand = true;
    if (stat) record.stat = stat;
    this.placeProblems(record, analysis, data);
    return record;
  }

  /** Today's problems of a record, and the line starts that place every problem it may show. */
  private placeProblems(record: RequirementRecord, analysis: RequirementAnalysis, data: unknown): void {
    const text = analysis.split.text;
    const parsed = analysis.parsed;
    const today = this.today?.();
    if (today) {
      // Kept even when empty: "none as of today" spares the Problems panel a look at the file.
      let problems: Problem[] = [];
      const positions = parsed?.scanned();
      // With the scan's positions at hand, today's findings are computed once, on the values as
      // written, and placed; otherwise a first look at the record's data decides whether placing
      // them (which then reads the text as a Document) is needed at all.
      if (parsed && positions) problems = timelyProblemsOfParsed(analysis.split, parsed.value, positions, today, this.timelyOfText);
      else if (timelyFindings(data, today, this.timelyOfData).length) {
        problems = parsed
          ? timelyProblemsOfParsed(analysis.split, parsed.value, parsed.positions(), today, this.timelyOfText)
          : timelyProblems(text, today, this.timelyOfText);
      }
      record.timely = { date: today, problems };
    }
    // Where the customers' names are, when the reading already has their positions: a contact
    // warning (it depends on the other records, so it comes later) is then placed without the text.
    const named = analysis.data.customer !== undefined || analysis.data.requesters !== undefined;
    const positions = named ? parsed?.scanned() : undefined;
    if (parsed && positions) record.requesterPlaces = requesterPlaces(parsed.value, positions, analysis.split.frontMatter!.yamlStart);
    let upTo = record.idRange?.end ?? 0;
    for (const p of record.problems) upTo = Math.max(upTo, p.range.end);
    for (const p of record.timely?.problems ?? []) upTo = Math.max(upTo, p.range.end);
    for (const r of record.relatedIds ?? []) upTo = Math.max(upTo, r.range?.end ?? 0);
    for (const r of record.mergedIds ?? []) upTo = Math.max(upTo, r.range?.end ?? 0);
    for (const r of record.requesterPlaces ?? []) upTo = Math.max(upTo, r.range.end);
    record.lines = keepLines(text, upTo);
  }

  private unreadable(file: string, error: unknown): RequirementRecord {
    const reason = (error as { code?: string } | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
    return this.skipped(file, 'file-unreadable', [reason]);
  }

  /** A file over the size limit: never read, so only its name can claim an ID. */
  private tooLarge(file: string, size: number, stat?: FileStat): RequirementRecord {
    return this.skipped(file, 'file-too-large', [String(size), String(this.settings.maxFileBytes)], stat);
  }

  private skipped(
    file: string,
    code: 'file-too-large' | 'file-binary' | 'file-unreadable',
    args: string[],
    stat?: FileStat,
    bytes?: Uint8Array,
  ): RequirementRecord {
    const claimed = claimedIdsOf(this.grammar, file, bytes);
    return {
      file,
      data: {},
      references: [],
      problems: [{ code, severity: 'warning', args, range: { start: 0, end: 0 }, fixes: [] }],
      skipped: true,
      ...(stat ? { stat } : {}),
      ...(claimed.length ? { claimedIds: claimed } : {}),
    };
  }

  /** Decodes bytes with the safety checks (size, NUL bytes, UTF-8) and analyses them. */
  analyzeBytes(file: string, bytes: Uint8Array, stat?: FileStat): RequirementRecord {
    const size = stat?.size ?? bytes.length;
    if (size > this.settings.maxFileBytes || bytes.length > this.settings.maxFileBytes)
      return this.tooLarge(file, Math.max(size, bytes.length), stat);
    if (bytes.indexOf(NUL) !== -1) return this.skipped(file, 'file-binary', [], stat, bytes);
    const text = utf8.decode(bytes);
    const record = this.analyze(file, text, stat);
    if (text.includes('\uFFFD')) {
      const bad = firstInvalidUtf8(bytes);
      if (bad >= 0)
        record.problems.unshift({
          code: 'file-encoding',
          severity: 'warning',
          args: [String(bad)],
          range: { start: 0, end: 0 },
          fixes: [],
        });
    }
    return record;
  }

  // ── building and updating ───────────────────────────────────────────────────────────────

  async build(source: FileSource, options: BuildOptions = {}): Promise<BuildStats> {
    const started = performance.now();
    const files = await source.list();
    const slicer = new Slicer(options.sliceMs ?? 20);
    const cached = options.cache ? await this.loadCache(options.cache, slicer) : undefined;
    const stats: BuildStats = { files: files.length, parsed: 0, fromCache: 0, vanished: 0, ms: 0 };
    let done = 0;
    const progress = () => options.onProgress?.(++done, files.length);

    // 1. A warm start keeps every record whose file has the same mtime and size as cached.
    let toParse = files;
    if (cached) {
      toParse = [];
      await eachConcurrently(files, options.concurrency ?? 64, async (file) => {
        if (options.signal?.aborted) return;
        const previous = cached.get(file);
        try {
          const stat = previous?.stat ? await source.stat(file) : undefined;
          if (stat && previous!.stat!.mtime === stat.mtime && previous!.stat!.size === stat.size)
            await slicer.run(() => {
              this.put(previous!);
              stats.fromCache++;
              progress();
            });
          else toParse.push(file);
        } catch (error) {
          if (!isMissingFile(error)) throw error;
          stats.vanished++;
          progress();
        }
      });
    }

    // 2. Everything else is read and analysed.
    this.source = source;
    this.readStartedAt = (options.now ?? Date.now)();
    const accept = (record: RequirementRecord) => {
      this.put(record);
      stats.parsed++;
      progress();
    };
    const vanished = () => {
      stats.vanished++;
      progress();
    };
    await eachConcurrently(toParse, options.concurrency ?? 64, async (file) => {
      if (options.signal?.aborted) return;
      try {
        // No stat here: the cache write after the build takes it (see saveCache). The read is
        // bounded: a file over the limit is reported without being read.
        const bytes = await source.read(file, this.settings.maxFileBytes);
        await slicer.run(() => accept(this.analyzeBytes(file, bytes)));
      } catch (error) {
        // Deleted (or replaced by a folder) between listing and reading: not an error. Anything
        // else (permissions, a file too large to read at all) is that file's problem only.
        const size = tooLargeSize(error);
        if (size !== undefined) accept(this.tooLarge(file, size));
        else if (isMissingFile(error)) vanished();
        else accept(this.unreadable(file, error));
      }
    });

    // 3. Files the index knew that are gone now: none when it holds no more records than this
    // build put (a first build; a set of 50,000 names held the extension host for 50 ms).
    const removed: string[] = [];
    if (this.records.size > stats.parsed + stats.fromCache) {
      const listed = new Set(files);
      for (const file of [...this.records.keys()]) {
        if (!listed.has(file)) {
          this.forget(file);
          removed.push(file);
        }
        await slicer.maybeYield();
      }
    }
    stats.ms = performance.now() - started;
    // Entries of files that are gone also make the cache worth rewriting.
    this.dirtyCache = stats.parsed > 0 || removed.length > 0 || !cached || cached.size !== stats.fromCache;
    // Every record, cached or parsed, is news to whoever listens to this build.
    this.emit({ changed: [...this.records.keys()], removed });
    return stats;
  }

  /**
   * Writes the warm-start cache when the last build changed anything. Serialised in slices so
   * that a large workspace never blocks the event loop for long; the index is usable meanwhile.
   */
  async saveCache(store: IndexCacheStore, { sliceMs = 20, after }: { sliceMs?: number; after?: Promise<unknown> } = {}): Promise<void> {
    if (!this.dirtyCache) return;
    this.dirtyCache = false;
    const slicer = new Slicer(sliceMs);
    const parts: string[] = [];
    // The records as built, taken now: a record replaced meanwhile (an unsaved editor's text) is
    // not what its file on disk holds. The work can wait for what matters more (`after`).
    const records = [...this.records.values()];
    await after;
    for (const record of records) {
      if (!record.stat && this.source) {
        // Taken now, after the read: only a file last written well before the read began is known
        // to hold what was read (the margin covers coarse file-system clocks).
        const stat = await this.source.stat(record.file).catch(() => undefined);
        if (stat && stat.mtime < this.readStartedAt - MTIME_MARGIN_MS && this.records.get(record.file) === record) record.stat = stat;
      }
      if (record.stat) parts.push(JSON.stringify(record));
      await slicer.maybeYield();
    }
    // One line per record after a header: the next start reads it a slice at a time, instead of
    // holding the event loop for one parse of the whole file (tens of megabytes at 50k records).
    await store.save(`{"fingerprint":${JSON.stringify(this.fingerprint())}}\n${parts.join('\n')}`);
  }

  /** Re-reads one file (watcher event); a vanished file is removed. */
  async refresh(source: FileSource, file: string): Promise<void> {
    try {
      const stat = await source.stat(file);
      const bytes = stat.size > this.settings.maxFileBytes ? new Uint8Array() : await source.read(file, this.settings.maxFileBytes);
      this.update(this.analyzeBytes(file, bytes, stat));
    } catch (error) {
      const size = tooLargeSize(error);
      if (size !== undefined) this.update(this.tooLarge(file, size));
      else if (isMissingFile(error)) this.remove(file);
      else this.update(this.unreadable(file, error));
    }
  }

  /** Re-parses a file from text (an open, possibly unsaved document). */
  updateText(file: string, text: string): RequirementRecord {
    const record = this.analyze(file, text);
    this.update(record);
    return record;
  }

  update(record: RequirementRecord): void {
    const previous = this.records.get(record.file);
    const before = previous?.id;
    const customers = this.cadenceStates(customersChanged(previous, record));
    this.put(record);
    const touched = new Set([record.file]);
    this.touchCustomersChanged(customers, touched);
    // Files sharing the old or new ID gain or lose their duplicate problem; so do files that hold
    // it (or held it) merged: a merged ID beside a live record is one.
    for (const id of [before, record.id]) if (id) for (const f of this.holdersOf(id)) touched.add(f);
    // Files linking to an ID that appeared or vanished gain or lose their dangling link.
    const had = new Set(previous ? providedIds(previous) : []);
    const has = new Set(providedIds(record));
    for (const id of [...had, ...has]) if (had.has(id) !== has.has(id)) for (const f of this.linkersById.get(id) ?? []) touched.add(f);
    // Files holding a merged ID that appeared here or went away gain or lose their conflict.
    const mergedBefore = new Set(previous ? mergedIdsOf(previous) : []);
    const mergedNow = new Set(mergedIdsOf(record));
    for (const id of [...mergedBefore, ...mergedNow])
      if (mergedBefore.has(id) !== mergedNow.has(id)) for (const f of this.holdersOf(id)) touched.add(f);
    this.emit({ changed: [...touched], removed: [] });
  }

  remove(file: string): void {
    const old = this.records.get(file);
    if (!old) return;
    const customers = this.cadenceStates(customerKeysOf(old));
    this.forget(file);
    const changed = new Set<string>();
    this.touchCustomersChanged(customers, changed);
    if (old.id) for (const f of this.holdersOf(old.id)) changed.add(f);
    for (const id of providedIds(old)) for (const f of this.linkersById.get(id) ?? []) changed.add(f);
    for (const id of mergedIdsOf(old)) for (const f of this.holdersOf(id)) changed.add(f);
    this.emit({ changed: [...changed], removed: [file] });
  }

  clear(): void {
    const removed = [...this.records.keys()];
    this.records.clear();
    this.filesById.clear();
    this.claimsById.clear();
    this.linkersById.clear();
    this.filesByCustomer.clear();
    this.customerSummaries.clear();
    this.mergedById.clear();
    if (removed.length) this.emit({ changed: [], removed });
  }

  private put(record: RequirementRecord): void {
    // What a record keeps, cut loose from the file text (or cache text) it was read from, and
    // each repeated value (owner, customer, date, enum value) held once: see StringPool.
    this.strings.compact(record);
    for (const p of record.problems) p.fixes = this.fixLists.shared(p.fixes);
    for (const p of record.timely?.problems ?? []) p.fixes = this.fixLists.shared(p.fixes);
    const previous = this.records.get(record.file);
    // A new record changes no summary that nobody has asked for yet: a build asks for none.
    const changed = previous || this.customerSummaries.size > 0 ? customersChanged(previous, record) : [];
    if (this.records.has(record.file)) this.delete(record.file);
    this.records.set(record.file, record);
    if (record.id) addFile(this.filesById, record.id, record.file);
    for (const id of record.claimedIds ?? []) addFile(this.claimsById, id, record.file);
    for (const id of mergedIdsOf(record)) addFile(this.mergedById, id, record.file);
    for (const id of linkedIds(record)) {
      const files = this.linkersById.get(id);
      if (files) files.add(record.file);
      else this.linkersById.set(id, new Set([record.file]));
    }
    for (const key of customerKeysOf(record)) {
      const files = this.filesByCustomer.get(key);
      if (files) files.add(record.file);
      else this.filesByCustomer.set(key, new Set([record.file]));
    }
    for (const key of changed) this.customerSummaries.delete(key);
  }

  /** A file gone from the workspace: its record, and the summaries of its customers. */
  private forget(file: string): void {
    for (const key of customerKeysOf(this.records.get(file))) this.customerSummaries.delete(key);
    this.delete(file);
  }

  private delete(file: string): void {
    const old = this.records.get(file);
    if (!old) return;
    this.records.delete(file);
    if (old.id) removeFile(this.filesById, old.id, file);
    for (const id of old.claimedIds ?? []) removeFile(this.claimsById, id, file);
    for (const id of mergedIdsOf(old)) removeFile(this.mergedById, id, file);
    for (const id of linkedIds(old)) {
      const files = this.linkersById.get(id);
      files?.delete(file);
      if (files?.size === 0) this.linkersById.delete(id);
    }
    // The summaries are dropped by whoever knows what changed: put (the customers the new record
    // says something new of), remove and a build (every customer of a file that is gone).
    for (const key of customerKeysOf(old)) {
      const files = this.filesByCustomer.get(key);
      if (files?.delete(file) && files.size === 0) this.filesByCustomer.delete(key);
    }
  }

  /** What a customer's cadence warnings say, per customer: compared before and after a change. */
  private cadenceStates(keys: Iterable<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const key of keys) {
      if (out.has(key)) continue;
      const c = this.customer(key);
      out.set(key, c ? JSON.stringify([c.name, c.tier, c.open > 0, c.lastTouch?.date]) : '');
    }
    return out;
  }

  /**
   * The other records of customers whose cadence state changed (a contact logged, the last open
   * requirement closed, a tier raised): their warnings change with it.
   */
  private touchCustomersChanged(before: ReadonlyMap<string, string>, touched: Set<string>): void {
    const after = this.cadenceStates(before.keys());
    for (const [key, state] of before) {
      if (after.get(key) === state) continue;
      for (const f of this.filesByCustomer.get(key) ?? []) touched.add(f);
    }
  }

  // ── queries ────────────────────────────────────────────────────────────────────────────

  get size(): number {
    return this.records.size;
  }

  get(file: string): RequirementRecord | undefined {
    return this.records.get(file);
  }

  all(): RequirementRecord[] {
    return [...this.records.values()];
  }

  /** Records with this ID (more than one means a duplicate). */
  byId(id: string): RequirementRecord[] {
    return [...(this.filesById.get(id) ?? [])].map((f) => this.records.get(f)!).filter(Boolean);
  }

  ids(): string[] {
    return [...this.filesById.keys()];
  }

  /**
   * The record an ID leads to: the one that has it as its ID, else the one it was merged into
   * (the first, by file, when two claim it: each then shows a problem). Undefined for an ID no
   * record answers to.
   */
  resolve(id: string): Resolved | undefined {
    const own = this.byId(id)[0];
    if (own) return { record: own, merged: false };
    const files = this.mergedById.get(id);
    const into = files ? [...files].sort()[0] : undefined;
    const record = into ? this.records.get(into) : undefined;
    return record ? { record, merged: true } : undefined;
  }

  /** The records an ID leads to: those with it as their ID, else those it was merged into. */
  resolveAll(id: string): RequirementRecord[] {
    const own = this.byId(id);
    if (own.length) return own;
    return [...(this.mergedById.get(id) ?? [])]
      .sort()
      .map((f) => this.records.get(f)!)
      .filter(Boolean);
  }

  /** Every ID merged into some record, with the files that hold it. */
  mergedIds(): Map<string, string[]> {
    return new Map([...this.mergedById].map(([id, files]) => [id, [...files].sort()]));
  }

  /**
   * Every ID that names the same requirement as `id`: the record's own ID first, then the IDs
   * merged into it. Commits naming any of them are the record's. Just `[id]` for an ID no record
   * answers to.
   */
  idsOfRequirement(id: string): string[] {
    const found = this.resolve(id);
    if (!found) return [id];
    const own = found.record.id ?? id;
    return [own, ...mergedIdsOf(found.record).filter((m) => m !== own)];
  }

  /** Files that hold the ID as their own or merged into them (who must look again when it changes). */
  private holdersOf(id: string): string[] {
    const own = this.filesById.get(id) ?? [];
    const merged = this.mergedById.get(id);
    return merged ? [...own, ...merged] : own;
  }

  /**
   * Every ID a new requirement must not get, each with a file that has it: the records' IDs, then
   * the IDs skipped files (binary, too large, unreadable) seem to hold, so that a new ID never
   * collides with a file the index could not read.
   */
  takenIds(): Map<string, string> {
    const taken = new Map<string, string>();
    for (const [id, files] of this.filesById) taken.set(id, files[0]!);
    // A merged ID still leads to its record (commits name it): never handed out again.
    for (const [id, files] of this.mergedById) if (!taken.has(id)) taken.set(id, files[0]!);
    for (const record of this.records.values()) {
      for (const id of record.claimedIds ?? []) if (!taken.has(id)) taken.set(id, record.file);
    }
    return taken;
  }

  /**
   * The IDs in the names of the indexed files, each with a file so named, whatever ID the file
   * holds: a record copied to `REQ-2026-092-….md` that still says another ID. New Requirement
   * skips them too: a new `REQ-2026-092-….md` beside it would read as its twin.
   */
  fileNameIds(): Map<string, string> {
    const named = new Map<string, string>();
    for (const record of this.records.values()) {
      for (const id of claimedIdsOf(this.grammar, record.file)) if (!named.has(id)) named.set(id, record.file);
    }
    return named;
  }

  /**
   * Every ID a new requirement, an imported row or a quick fix must not be handed: the taken ones
   * and those in other files' names. One list, so that New Requirement, `next-id`, import and the
   * duplicate-ID fix never disagree about the next free number.
   */
  idsNotToHandOut(): string[] {
    return [...new Set([...this.takenIds().keys(), ...this.fileNameIds().keys()])];
  }

  // ── customers ──────────────────────────────────────────────────────────────────────────

  /** A customer across the records they asked for (by customer key, see customers.ts). */
  customer(key: string): CustomerSummary | undefined {
    const cached = this.customerSummaries.get(key);
    if (cached) return cached;
    const files = this.filesByCustomer.get(key);
    if (!files) return undefined;
    // In file order: the name as first written does not depend on the order files were read in.
    const summary = customerDirectory(
      [...files]
        .sort()
        .map((f) => this.records.get(f)!)
        .filter(Boolean),
    ).get(key);
    if (summary) this.customerSummaries.set(key, summary);
    return summary;
  }

  /** Every customer of the workspace. */
  customers(): CustomerSummary[] {
    return [...this.filesByCustomer.keys()].map((key) => this.customer(key)!).filter(Boolean);
  }

  /**
   * The customers of an open record who are overdue for contact as of `today`
   * (`reqdesk.customers.contactEveryDays`, see contactCadence.ts); none for a closed record.
   */
  overdueContacts(file: string, today: string): OverdueContact[] {
    const record = this.records.get(file);
    if (!record || record.skipped || !isOpenStatus(record.data.status)) return [];
    const out: OverdueContact[] = [];
    for (const key of customerKeysOf(record)) {
      const c = this.customer(key);
      const overdue = c && contactOverdue(c, today, this.settings.contactEveryDays);
      if (overdue) out.push(overdue);
    }
    return out;
  }

  duplicates(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [id, files] of this.filesById) if (files.length > 1) out.set(id, [...files].sort());
    return out;
  }

  query(q: RecordQuery): RequirementRecord[] {
    const text = q.text?.toLowerCase();
    const customer = q.customer ? customerKey(q.customer) : undefined;
    return this.all().filter((r) => {
      if (q.priority && (q.priority === 'none' ? r.priority !== undefined : r.priority !== q.priority)) return false;
      if (q.type && r.data.type !== q.type) return false;
      if (q.category && r.data.category !== q.category) return false;
      if (q.status && r.data.status !== q.status) return false;
      if (q.owner && r.data.owner !== q.owner && !(r.data.tasks ?? []).some((t) => t.owner === q.owner)) return false;
      // Any customer who asked, however the file spells them.
      if (customer !== undefined && !requestersOf(r.data).some((c) => c.key === customer)) return false;
      if (text && !`${r.id ?? ''} ${r.title ?? ''}`.toLowerCase().includes(text)) return false;
      return true;
    });
  }

  /** A file's problems including the cross-file ones, sorted by position. */
  problemsFor(file: string): Problem[] {
    const record = this.records.get(file);
    if (!record) return [];
    const problems = [...record.problems];
    if (record.id) {
      const others = [...(this.filesById.get(record.id) ?? [])].filter((f) => f !== file).sort();
      if (others.length > 0) {
        problems.push({
          code: 'id-duplicate',
          severity: 'error',
          args: [record.id, others.map(fileArg).join(', ')],
          range: record.idRange ?? { start: 0, end: 0 },
          path: ['id'],
          fixes: ['next-free-id'],
          related: others.map((other) => {
            const otherRecord = this.records.get(other);
            return { file: other, ...(otherRecord?.idRange ? { range: otherRecord.idRange } : {}), note: record.id! };
          }),
        });
      }
    }
    for (const problem of this.mergedIdProblems(record)) problems.push(problem);
    for (const link of record.relatedIds ?? []) {
      if (this.filesById.has(link.id) || this.claimsById.has(link.id) || this.mergedById.has(link.id)) continue;
      problems.push({
        code: 'related-unknown-id',
        severity: 'warning',
        args: [link.id],
        range: link.range ?? record.idRange ?? { start: 0, end: 0 },
        path: ['related', link.index],
        fixes: [],
      });
    }
    return problems.sort(compareProblems);
  }

  /**
   * A merged ID must lead to one record: not one that is alive under that ID elsewhere (a merge
   * across a duplicate ID, or a record created again with the old number), and not one that
   * another record also claims merged.
   */
  private mergedIdProblems(record: RequirementRecord): Problem[] {
    const problems: Problem[] = [];
    for (const merged of record.mergedIds ?? []) {
      const range = merged.range ?? record.idRange ?? { start: 0, end: 0 };
      const path = ['merged_ids', merged.index];
      const live = (this.filesById.get(merged.id) ?? []).filter((f) => f !== record.file).sort();
      if (live.length) {
        problems.push({
          code: 'merged-id-live',
          severity: 'error',
          args: [merged.id, live.map(fileArg).join(', ')],
          range,
          path,
          fixes: [],
          related: live.map((other) => {
            const otherRecord = this.records.get(other);
            return { file: other, ...(otherRecord?.idRange ? { range: otherRecord.idRange } : {}), note: merged.id };
          }),
        });
      }
      const twice = (this.mergedById.get(merged.id) ?? []).filter((f) => f !== record.file).sort();
      if (twice.length) {
        problems.push({
          code: 'merged-id-twice',
          severity: 'error',
          args: [merged.id, twice.map(fileArg).join(', ')],
          range,
          path,
          fixes: [],
          related: twice.map((other) => {
            const entry = this.records.get(other)?.mergedIds?.find((m) => m.id === merged.id);
            return { file: other, ...(entry?.range ? { range: entry.range } : {}), note: merged.id };
          }),
        });
      }
    }
    return problems;
  }

  onDidChange(listener: (change: IndexChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(change: IndexChange): void {
    if (change.changed.length === 0 && change.removed.length === 0) return;
    for (const listener of [...this.listeners]) listener(change);
  }

  // ── warm start ─────────────────────────────────────────────────────────────────────────

  private fingerprint(): string {
    const team = this.team ? `:team:${JSON.stringify(this.team.source)}` : '';
    return `${CACHE_VERSION}:${settingsFingerprint(this.settings)}${team}`;
  }

  private async loadCache(store: IndexCacheStore, slicer: Slicer): Promise<Map<string, RequirementRecord> | undefined> {
    try {
      const text = await store.load();
      if (!text) return undefined;
      const lines = text.split('\n');
      const header = JSON.parse(lines[0]!) as { fingerprint?: unknown } | null;
      if (header?.fingerprint !== this.fingerprint()) return undefined;
      const records = new Map<string, RequirementRecord>();
      for (let i = 1; i < lines.length; i++) {
        const record = JSON.parse(lines[i]!) as RequirementRecord;
        if (typeof record?.file !== 'string') return undefined;
        records.set(record.file, record);
        await slicer.maybeYield();
      }
      return records;
    } catch {
      // A corrupt or foreign cache is only a slower start.
      return undefined;
    }
  }
}
