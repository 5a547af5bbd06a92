import * as vscode from 'vscode';

/** The filter bar's labels, the same in every webview that filters requirements. */
export function filterStrings(): Record<string, string> {
  return {
    type: vscode.l10n.t('Type'),
    status: vscode.l10n.t('Status'),
    customer: vscode.l10n.t('Customer'),
    owner: vscode.l10n.t('Owner'),
    allTypes: vscode.l10n.t('All types'),
    allStatuses: vscode.l10n.t('All statuses'),
    allCustomers: vscode.l10n.t('All customers'),
    allOwners: vscode.l10n.t('All owners'),
  };
}
