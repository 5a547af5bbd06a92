// Publishes the index's problems to the Problems panel, on their exact ranges, in the UI language,
// together with today's problems (late tasks, feedback without its adjustment), which the index
// does not hold because they change with the date.
import * as vscode from 'vscode';
import type { RequirementIndex, IndexChange } from '../core/index';
import { formatMessage, normalizeLanguage } from '../core/messages';
import type { Problem, Severity } from '../core/problems';
import { LineIndex, type OffsetRange } from '../core/text';
import { timelyFindings, timelyProblems } from '../core/timely';
import { readUriBounded } from '../workspace/boundedRead';
import { localToday } from '../workspace/localToday';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Maps offsets to positions: the open document when there is one, else the file's text on disk. */
class Positions {
  private readonly cache = new Map<string, LineIndex | vscode.TextDocument | null>();
  private readonly texts = new Map<string, string>();

  /** `maxBytes`: the index's size limit; a larger file is not read (its problems sit at 1:1). */
  constructor(private readonly maxBytes: number) {}

  /** The BOM-less text the positions are of (the open document's, else the file's on disk). */
  async text(file: string): Promise<string | undefined> {
    const at = await this.of(file);
    if (!at) return undefined;
    return at instanceof LineIndex ? this.texts.get(file) : at.getText();
  }

  async of(file: string): Promise<LineIndex | vscode.TextDocument | null> {
    if (this.cache.has(file)) return this.cache.get(file)!;
    const uri = vscode.Uri.parse(file);
    let found: LineIndex | vscode.TextDocument | null = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file) ?? null;
    if (!found) {
      try {
        let text = new TextDecoder().decode(await readUriBounded(uri, this.maxBytes));
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // offsets are BOM-less, like documents
        found = new LineIndex(text);
        this.texts.set(file, text);
      } catch {
        found = null;
      }
    }
    this.cache.set(file, found);
    return found;
  }

  static range(at: LineIndex | vscode.TextDocument | null, r: OffsetRange): vscode.Range {
    if (!at) return new vscode.Range(0, 0, 0, 0);
    if (at instanceof LineIndex) {
      const s = at.position(r.start);
      const e = at.position(r.end);
      return new vscode.Range(s.line, s.column, e.line, e.column);
    }
    return new vscode.Range(at.positionAt(r.start), at.positionAt(r.end));
  }
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('reqdesk');
  private readonly language = normalizeLanguage(vscode.env.language);
  private pending = Promise.resolve();

  constructor(
    private readonly index: RequirementIndex,
    /** Today's date for late tasks and the 24-hour feedback rule. */
    private readonly today: () => string = localToday,
  ) {}

  /** Publishes every file again (a new day: lateness and the feedback rule change everywhere). */
  republishAll(): Promise<void> {
    return this.onChange({ changed: this.index.all().map((r) => r.file), removed: [] });
  }

  /** Today's problems of a file: read from its text only when its record has some. */
  private async timely(file: string, positions: Positions): Promise<Problem[]> {
    const record = this.index.get(file);
    const settings = this.index.settings;
    const calendar = { workdays: settings.workdays, holidays: settings.holidays, lowSatisfaction: settings.lowSatisfaction };
    const today = this.today();
    if (!record || record.skipped || timelyFindings(record.data, today, calendar).length === 0) return [];
    const text = await positions.text(file);
    return text === undefined ? [] : timelyProblems(text, today, calendar);
  }

  /** Publishes the files of a change; calls are serialised so an older result never wins. */
  onChange(change: IndexChange): Promise<void> {
    this.pending = this.pending.then(() => this.publish(change)).catch(() => undefined);
    return this.pending;
  }

  /** Resolves once everything queued so far is published. */
  settled(): Promise<void> {
    return this.pending;
  }

  private async publish(change: IndexChange): Promise<void> {
    for (const file of change.removed) this.collection.delete(vscode.Uri.parse(file));
    const positions = new Positions(this.index.settings.maxFileBytes);
    for (const file of change.changed) {
      const problems = [...this.index.problemsFor(file), ...(await this.timely(file, positions))];
      const uri = vscode.Uri.parse(file);
      if (problems.length === 0) {
        this.collection.delete(uri);
        continue;
      }
      const at = await positions.of(file);
      const diagnostics: vscode.Diagnostic[] = [];
      for (const p of problems) diagnostics.push(await this.toDiagnostic(p, at, positions));
      // The index may have moved on while files were read: publish only what is still current.
      if (this.index.get(file)) this.collection.set(uri, diagnostics);
    }
  }

  private async toDiagnostic(p: Problem, at: LineIndex | vscode.TextDocument | null, positions: Positions): Promise<vscode.Diagnostic> {
    const d = new vscode.Diagnostic(Positions.range(at, p.range), formatMessage(p.code, p.args, this.language, (file) => vscode.workspace.asRelativePath(vscode.Uri.parse(file), false)), SEVERITY[p.severity]);
    d.source = 'ReqDesk';
    d.code = p.code;
    if (p.related?.length) {
      d.relatedInformation = [];
      for (const r of p.related) {
        const other = await positions.of(r.file);
        d.relatedInformation.push(
          new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.parse(r.file), Positions.range(other, r.range ?? { start: 0, end: 0 })), r.note),
        );
      }
    }
    return d;
  }

  clear(): void {
    this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }
}
