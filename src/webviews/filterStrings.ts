import * as vscode from 'vscode';
import { normalizeLanguage } from '../core/messages';
import { REQUIREMENT_TYPES, STATUSES } from '../core/schema';

/**
 * The filter bar's labels, the same in every webview that filters requirements. In Chinese the
 * type and status choices read as the tree names them (`功能 functional`, `进行中 in-progress`):
 * `type.<value>` and `status.<value>`; in English the values are their own labels.
 */
export function filterStrings(): Record<string, string> {
  const choices: Record<string, string> = {};
  if (normalizeLanguage(vscode.env.language) === 'zh-cn') {
    for (const [value, doc] of Object.entries(REQUIREMENT_TYPES)) choices[`type.${value}`] = `${doc.aliases[0]} ${value}`;
    for (const [value, doc] of Object.entries(STATUSES)) choices[`status.${value}`] = `${doc.aliases[0]} ${value}`;
  }
  return {
    type: vscode.l10n.t('Type'),
    status: vscode.l10n.t('Status'),
    customer: vscode.l10n.t('Customer'),
    owner: vscode.l10n.t('Owner'),
    allTypes: vscode.l10n.t('All types'),
    allStatuses: vscode.l10n.t('All statuses'),
    allCustomers: vscode.l10n.t('All customers'),
    allOwners: vscode.l10n.t('All owners'),
    ...choices,
  };
}
