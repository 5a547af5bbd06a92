// Publishes the index's problems to the Problems panel, on their exact ranges, in the UI language,
// together with today's problems (late tasks, feedback without its adjustment), which the index
// does not hold because they change with the date. Every diagnostic collection of ReqDesk is
// created and written here (`DiagnosticsChannel`).
import * as vscode from 'vscode';
import type { RequirementIndex, IndexChange } from '../core/index';
import { formatMessage } from '../core/messages';
import type { Problem, Severity } from '../core/problems';
import { timelyFindings, timelyProblems } from '../core/timely';
import { contactOverdueProblems, contactOverdueProblemsAt } from '../core/contactCadence';
import { PositionsCache, openDocument, rangeAt, type TextPositions } from '../workspace/positions';
import { keptLineStarts, type LineStarts, type OffsetRange } from '../core/text';
import { localToday } from '../workspace/localToday';
import { uiLanguage } from '../workspace/uiText';
import { Slicer, eachConcurrently } from '../core/slices';
import { StringPool } from '../core/stringPool';

/**
 * A build's files are published this many at a time: their texts (for positions) are read
 * together, and their diagnostics reach the workbench in one message.
 */
const CHUNK = 256;
const READ_CONCURRENCY = 64;
/** Longest run of synchronous work before the event loop gets a turn. */
const SLICE_MS = 15;
/** More diagnostics than this in one file are set on their own (see publish). */
const HUGE_LIST = 10_000;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A core problem as a diagnostic on `range`, with its message in the UI language. */
export function problemDiagnostic(p: Problem, range: vscode.Range, message: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, SEVERITY[p.severity]);
  d.source = 'ReqDesk';
  d.code = p.code;
  return d;
}

/** Whether two lists show the same: ranges, messages, severities, codes, sources, tags and related places. */
export function sameDiagnostics(a: readonly vscode.Diagnostic[] | undefined, b: readonly vscode.Diagnostic[] | undefined): boolean {
  if (!a?.length || !b?.length) return !a?.length && !b?.length;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      !x.range.isEqual(y.range) ||
      x.message !== y.message ||
      x.severity !== y.severity ||
      JSON.stringify(x.code) !== JSON.stringify(y.code) ||
      x.source !== y.source ||
      String(x.tags ?? '') !== String(y.tags ?? '') ||
      (x.relatedInformation?.length ?? 0) !== (y.relatedInformation?.length ?? 0)
    )
      return false;
    const related = y.relatedInformation ?? [];
    for (let j = 0; j < related.length; j++) {
      const r = x.relatedInformation![j]!;
      const s = related[j]!;
      if (r.message !== s.message || r.location.uri.toString() !== s.location.uri.toString() || !r.location.range.isEqual(s.location.range))
        return false;
    }
  }
  return true;
}

/**
 * A named diagnostic collection of the Problems panel. Every diagnostic ReqDesk shows is published
 * through one of these: the index's problems (`reqdesk`), IDs taken on other branches
 * (`reqdesk-branches`), unknown IDs in a commit message (`reqdesk-commit`) and delivered
 * requirements no test mentions (`reqdesk-tests`).
 */
export class DiagnosticsChannel implements vscode.Disposable {
  private readonly collection: vscode.DiagnosticCollection;

  constructor(name: string) {
    this.collection = vscode.languages.createDiagnosticCollection(name);
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] | undefined {
    return this.collection.get(uri);
  }

  set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    this.collection.set(uri, diagnostics);
  }

  /**
   * Many files at once: one message to the workbench instead of one per file. A file whose
   * diagnostics are the ones shown already is left out: after Rebuild Index most files show what
   * they showed, and the workbench would otherwise redo its Problems panel for every one of them.
   */
  setMany(entries: ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[] | undefined]>): void {
    // The last entry of a file is what it shows (as when the whole list is set).
    const last = new Map(entries.map((entry) => [entry[0].toString(), entry]));
    const changed = [...last.values()].filter(([uri, diagnostics]) => !sameDiagnostics(this.collection.get(uri), diagnostics));
    if (changed.length > 0) this.collection.set(changed);
  }

  has(uri: vscode.Uri): boolean {
    return this.collection.has(uri);
  }

  /** Every file that has diagnostics here. */
  files(): vscode.Uri[] {
    const out: vscode.Uri[] = [];
    this.collection.forEach((uri) => void out.push(uri));
    return out;
  }

  delete(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  clear(): void {
    this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/**
 * Publishes one index's problems. The channel outlives it: a rebuild's publisher takes the channel
 * over and replaces each file's diagnostics as the new index reaches it, so the Problems panel
 * neither empties nor pays for clearing tens of thousands of entries at once.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly language = uiLanguage();
  /**
   * Messages held once: the Problems panel keeps every diagnostic, and thousands say the same
   * ("Task T2 is late: it was due on 2026-03-16…"); a copy each took 5 MB at 10,000 records.
   */
  private readonly messages = new StringPool(1000, 50_000);
  private pending = Promise.resolve();
  private disposed = false;
  /** One for every publication: a burst of one-file changes must not run as one chain of microtasks. */
  private readonly slicer = new Slicer(SLICE_MS);

  constructor(
    private readonly index: RequirementIndex,
    private readonly collection: DiagnosticsChannel,
    /** Today's date for late tasks and the 24-hour feedback rule. */
    private readonly today: () => string = localToday,
  ) {}

  /** Publishes every file again (a new day: lateness and the feedback rule change everywhere). */
  republishAll(): Promise<void> {
    return this.onChange({ changed: this.index.all().map((r) => r.file), removed: [] });
  }

  /**
   * Today's problems of a file: as the index found them when it read the file today; on another
   * day, read from its text when its record may have some. Then its customers overdue for contact,
   * which depend on the other records too, placed on their names in its text.
   */
  private async timely(file: string, positions: PositionsCache): Promise<Problem[]> {
    const record = this.index.get(file);
    const today = this.today();
    if (!record || record.skipped) return [];
    const overdue = this.index.overdueContacts(file, today);
    // Placed where the record kept its customers' names, else from its text read again.
    const places = record.requesterPlaces;
    const contacts =
      overdue.length === 0
        ? []
        : places
          ? contactOverdueProblemsAt(places, overdue)
          : contactOverdueProblems((await positions.text(file)) ?? '', overdue);
    if (record.timely?.date === today) return contacts.length ? [...record.timely.problems, ...contacts] : record.timely.problems;
    if (timelyFindings(record.data, today, this.index.timelyOfData).length === 0) return contacts;
    const text = await positions.text(file);
    return text === undefined ? contacts : [...timelyProblems(text, today, this.index.timelyOfText), ...contacts];
  }

  /**
   * Where a file's problems sit: its open document; else the line starts its record kept, when
   * they reach every one of them; else its text, read again.
   */
  private async placesOf(file: string, ranges: readonly OffsetRange[], positions: PositionsCache): Promise<TextPositions | null> {
    const open = openDocument(file);
    if (open) return open;
    return this.keptLines(file, ranges) ?? positions.of(file);
  }

  /** The line starts the file's record kept, when they reach every one of `ranges`. */
  private keptLines(file: string, ranges: readonly OffsetRange[]): LineStarts | undefined {
    const lines = this.index.get(file)?.lines;
    return lines && ranges.every((r) => r.end <= lines.upTo) ? keptLineStarts(lines) : undefined;
  }

  /** Publishes the files of a change; calls are serialised so an older result never wins. */
  onChange(change: IndexChange): Promise<void> {
    this.pending = this.pending.then(() => this.publish(change)).catch(() => undefined);
    return this.pending;
  }

  /** Publishes nothing more until `gate` resolves. */
  waitFor(gate: Promise<unknown>): void {
    this.pending = this.pending
      .then(() => gate)
      .then(
        () => undefined,
        () => undefined,
      );
  }

  /** Resolves once everything queued so far is published. */
  settled(): Promise<void> {
    return this.pending;
  }

  private async publish(change: IndexChange): Promise<void> {
    if (this.disposed) return;
    const removed: [vscode.Uri, undefined][] = [];
    for (const file of change.removed) {
      const uri = vscode.Uri.parse(file);
      if (this.collection.has(uri)) removed.push([uri, undefined]);
    }
    this.collection.setMany(removed);
    const slicer = this.slicer;
    await slicer.maybeYield();
    for (let from = 0; from < change.changed.length && !this.disposed; from += CHUNK) {
      const chunk = change.changed.slice(from, from + CHUNK);
      const positions = new PositionsCache(this.index.settings.maxFileBytes, { stripBom: true });
      // The texts this chunk needs, read side by side rather than one after another.
      await eachConcurrently(chunk, READ_CONCURRENCY, async (file) => {
        if (this.needsText(file)) await positions.of(file);
      });
      const entries: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
      for (const file of chunk) {
        const problems = [...this.index.problemsFor(file), ...(await this.timely(file, positions))];
        const uri = vscode.Uri.parse(file);
        // The index may have moved on while files were read: publish only what is still current.
        if (problems.length === 0) {
          if (this.collection.has(uri)) entries.push([uri, undefined]);
        } else if (this.index.get(file)) {
          const at = await this.placesOf(
            file,
            problems.map((p) => p.range),
            positions,
          );
          const diagnostics: vscode.Diagnostic[] = [];
          for (const p of problems) diagnostics.push(await this.toDiagnostic(p, at, positions));
          // The batch form spreads each file's list into an argument list: a huge one goes alone.
          if (diagnostics.length > HUGE_LIST) this.collection.set(uri, diagnostics);
          else entries.push([uri, diagnostics]);
        }
        if (slicer.due) {
          this.collection.setMany(entries.splice(0));
          await slicer.maybeYield();
        }
      }
      this.collection.setMany(entries);
    }
  }

  /** Whether publishing a file reads its text: what it shows today is not placed by its record alone. */
  private needsText(file: string): boolean {
    const record = this.index.get(file);
    if (!record || record.skipped) return false;
    const today = this.today();
    const timelyKnown = record.timely?.date === today;
    if (!timelyKnown && timelyFindings(record.data, today, this.index.timelyOfData).length > 0) return true;
    if (this.index.overdueContacts(file, today).length > 0) return true;
    const problems = [...this.index.problemsFor(file), ...(timelyKnown ? record.timely!.problems : [])];
    return (
      problems.length > 0 &&
      !this.keptLines(
        file,
        problems.map((p) => p.range),
      )
    );
  }

  private async toDiagnostic(p: Problem, at: TextPositions | null, positions: PositionsCache): Promise<vscode.Diagnostic> {
    const d = problemDiagnostic(
      p,
      rangeAt(at, p.range),
      this.messages.intern(
        formatMessage(p.code, p.args, this.language, (file) => vscode.workspace.asRelativePath(vscode.Uri.parse(file), false)),
      ),
    );
    if (p.related?.length) {
      d.relatedInformation = [];
      for (const r of p.related) {
        const other = await this.placesOf(r.file, [r.range ?? { start: 0, end: 0 }], positions);
        d.relatedInformation.push(
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(vscode.Uri.parse(r.file), rangeAt(other, r.range ?? { start: 0, end: 0 })),
            r.note,
          ),
        );
      }
    }
    return d;
  }

  /** After a build: files this index does not hold lose what an earlier index published for them. */
  retainIndexed(): Promise<void> {
    this.pending = this.pending.then(() => {
      if (this.disposed) return;
      this.collection.setMany(
        this.collection.files().flatMap((uri): [vscode.Uri, undefined][] => (this.index.get(uri.toString()) ? [] : [[uri, undefined]])),
      );
    });
    return this.pending;
  }

  /** Stops publishing; the channel stays with whoever created it. */
  dispose(): void {
    this.disposed = true;
  }
}
