import * as vscode from 'vscode';
import { filterBar, type FilterChoices } from '../core/filterBar';
import type { TeamRules } from '../core/teamSchema';
import type { FilterBar } from '../protocol/filterBar';
import { l10n } from '../workspace/uiText';

/**
 * The filter bar of a webview that filters requirements, captions and options in the UI language;
 * the statuses are the team's when its schema lists them.
 */
export function filterBarFor(choices: FilterChoices, team?: TeamRules | null): FilterBar {
  return filterBar(
    choices,
    {
      type: l10n.t('Type'),
      status: l10n.t('Status'),
      customer: l10n.t('Customer'),
      owner: l10n.t('Owner'),
      allTypes: l10n.t('All types'),
      allStatuses: l10n.t('All statuses'),
      allCustomers: l10n.t('All customers'),
      allOwners: l10n.t('All owners'),
    },
    vscode.env.language,
    team,
  );
}
