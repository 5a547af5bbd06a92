// The active requirement in the status bar: `ID · priority · status`; a click changes the status.
// It describes the active file, so it sits on the right with the editor's own items (language,
// encoding), not on the left with the workspace's (branch, problems). It also keeps the
// `reqdesk.activeIsRequirement` context key that the editor title actions and keybindings use.
import * as vscode from 'vscode';
import type { RequirementIndex } from '../core/index';
import { STATUSES } from '../core/schema';
import { teamStatusLabel } from '../core/tree';
import { valueName } from '../core/valueLabel';
import { l10n, uiLanguage } from '../workspace/uiText';

export class RequirementStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('reqdesk.activeRequirement', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private activeIsRequirement: boolean | undefined;

  constructor(private readonly index: () => RequirementIndex) {
    this.item.name = l10n.t('ReqDesk: active requirement');
    // The first update comes with the first index's events.
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const record = uri ? this.index().get(uri) : undefined;
    this.setActiveIsRequirement(Boolean(record && !record.skipped));
    if (!record || record.skipped) {
      this.item.hide();
      return;
    }
    // The status as the files hold it; in Chinese, its Chinese name. Under a team schema, the
    // team's status by the team's label (its stage is what ReqDesk reads, not what the file says).
    const team = this.index().team;
    const teamStatus = record.teamStatus !== undefined ? team?.statuses?.get(record.teamStatus) : undefined;
    const status = teamStatus
      ? teamStatusLabel(record.teamStatus!, teamStatus, uiLanguage())
      : record.data.status && valueName(record.data.status, STATUSES[record.data.status], uiLanguage());
    this.item.text = `$(checklist) ${[record.id ?? '?', record.priority, status].filter(Boolean).join(' · ')}`;
    this.item.tooltip = l10n.t('{0}: click to change the status', [record.id, record.title].filter(Boolean).join(' '));
    this.item.command = { command: 'reqdesk.setStatus', title: l10n.t('Set status'), arguments: [{ file: record.file }] };
    this.item.show();
  }

  private setActiveIsRequirement(value: boolean): void {
    if (value === this.activeIsRequirement) return;
    this.activeIsRequirement = value;
    void vscode.commands.executeCommand('setContext', 'reqdesk.activeIsRequirement', value);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.item.dispose();
  }
}
