import * as vscode from 'vscode';
import { filterBar, type FilterChoices } from '../core/filterBar';
import type { FilterBar } from '../protocol/filterBar';

/** The filter bar of a webview that filters requirements, captions and options in the UI language. */
export function filterBarFor(choices: FilterChoices): FilterBar {
  return filterBar(
    choices,
    {
      type: vscode.l10n.t('Type'),
      status: vscode.l10n.t('Status'),
      customer: vscode.l10n.t('Customer'),
      owner: vscode.l10n.t('Owner'),
      allTypes: vscode.l10n.t('All types'),
      allStatuses: vscode.l10n.t('All statuses'),
      allCustomers: vscode.l10n.t('All customers'),
      allOwners: vscode.l10n.t('All owners'),
    },
    vscode.env.language,
  );
}
