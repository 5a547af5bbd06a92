// `delivered-untested`: a delivered or verified requirement that no test in the workspace mentions,
// on its record's ID, with the severity of `reqdesk.trace.untestedSeverity`. Off by default: a
// workspace that keeps requirements apart from their code would flag every delivered record; where
// code and tests live with the records, the setting turns the check on (the CLI's
// `trace --coverage --gaps --strict` is the same rule for CI).
import * as vscode from 'vscode';
import { FINISHED_STATUSES } from '../core/coverage';
import { DiagnosticsChannel } from '../diagnostics/diagnosticsPublisher';
import type { IndexHost } from '../workspace/indexHost';
import type { RequirementRecord } from '../core/index';
import { keptLineStarts } from '../core/text';
import { filePositions, rangeAt, type TextPositions } from '../workspace/positions';
import { l10n } from '../workspace/uiText';
import type { CodeRefService } from './codeRefService';

export const UNTESTED_SEVERITY_SETTING = 'reqdesk.trace.untestedSeverity';

const SEVERITIES: Record<string, vscode.DiagnosticSeverity | undefined> = {
  off: undefined,
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
  error: vscode.DiagnosticSeverity.Error,
};

export class UntestedDiagnostics implements vscode.Disposable {
  private readonly channel = new DiagnosticsChannel('reqdesk-tests');
  private readonly disposables: Array<{ dispose(): void }> = [];
  private pending: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: IndexHost,
    private readonly codeRefs: CodeRefService,
  ) {
    this.disposables.push(
      this.channel,
      codeRefs.onDidChange(() => this.update()),
      host.follow({ replaced: () => this.update(), changed: () => this.update() }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(UNTESTED_SEVERITY_SETTING)) this.update();
      }),
    );
  }

  /** Resolves when the problems asked for so far are published. */
  async settled(): Promise<void> {
    while (this.timer !== undefined) await new Promise((r) => setTimeout(r, 50));
    await this.pending.catch(() => undefined);
  }

  /**
   * Coalesced: the index changes on every re-validation while typing, and one publication after a
   * burst says the same as one per change.
   */
  private update(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pending = this.pending.catch(() => undefined).then(() => this.publish());
    }, 200);
  }

  /** Where a record names its ID: from the line starts the index kept, else from its text. */
  private async positionsOf(record: RequirementRecord, maxBytes: number): Promise<TextPositions | undefined> {
    const kept = record.lines;
    if (kept && record.idRange && kept.upTo >= record.idRange.end) return keptLineStarts(kept);
    return record.idRange ? filePositions(record.file, maxBytes, { stripBom: true }) : undefined;
  }

  private async publish(): Promise<void> {
    const name = vscode.workspace.getConfiguration().get<string>(UNTESTED_SEVERITY_SETTING) ?? 'off';
    const severity = SEVERITIES[name];
    const index = this.host.current;
    if (severity === undefined || !index || !this.codeRefs.ready) {
      this.channel.clear();
      return;
    }
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const record of index.all()) {
      const status = record.data.status;
      if (!record.id || !status || !FINISHED_STATUSES.includes(status)) continue;
      if ((this.codeRefs.countsOf(record.id)?.tests ?? 0) > 0) continue;
      const at = await this.positionsOf(record, index.settings.maxFileBytes);
      const d = new vscode.Diagnostic(
        rangeAt(at, record.idRange ?? { start: 0, end: 0 }),
        l10n.t('{0} is {1} but no test mentions it', record.id, status),
        severity,
      );
      d.source = 'ReqDesk';
      d.code = 'delivered-untested';
      byFile.set(record.file, [d]);
    }
    // Files no longer flagged lose their problem; the others get theirs.
    const entries: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]> = [];
    for (const uri of this.channel.files()) if (!byFile.has(uri.toString())) entries.push([uri, undefined]);
    for (const [file, list] of byFile) entries.push([vscode.Uri.parse(file), list]);
    this.channel.setMany(entries);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
