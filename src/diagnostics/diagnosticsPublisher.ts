// Publishes the index's problems to the Problems panel, on their exact ranges, in the UI language,
// together with today's problems (late tasks, feedback without its adjustment), which the index
// does not hold because they change with the date. Every diagnostic collection of ReqDesk is
// created and written here (`DiagnosticsChannel`).
import * as vscode from 'vscode';
import type { RequirementIndex, IndexChange } from '../core/index';
import { formatMessage } from '../core/messages';
import type { Problem, Severity } from '../core/problems';
import { timelyFindings, timelyProblems } from '../core/timely';
import { PositionsCache, rangeAt, type TextPositions } from '../workspace/positions';
import { localToday } from '../workspace/localToday';
import { uiLanguage } from '../workspace/uiText';

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

/**
 * A named diagnostic collection of the Problems panel. Every diagnostic ReqDesk shows is published
 * through one of these: the index's problems (`reqdesk`), IDs taken on other branches
 * (`reqdesk-branches`) and unknown IDs in a commit message (`reqdesk-commit`).
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

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = new DiagnosticsChannel('reqdesk');
  private readonly language = uiLanguage();
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
  private async timely(file: string, positions: PositionsCache): Promise<Problem[]> {
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
    const positions = new PositionsCache(this.index.settings.maxFileBytes, { stripBom: true });
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

  private async toDiagnostic(p: Problem, at: TextPositions | null, positions: PositionsCache): Promise<vscode.Diagnostic> {
    const d = problemDiagnostic(
      p,
      rangeAt(at, p.range),
      formatMessage(p.code, p.args, this.language, (file) => vscode.workspace.asRelativePath(vscode.Uri.parse(file), false)),
    );
    if (p.related?.length) {
      d.relatedInformation = [];
      for (const r of p.related) {
        const other = await positions.of(r.file);
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

  clear(): void {
    this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }
}
