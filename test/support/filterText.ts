// The filter bar's captions in English, as the host sends them: the unit tests and the bench build
// the filter bar with them instead of the extension's translator.
import type { FilterBarText } from '../../src/core/filterBar';

export const FILTER_TEXT: FilterBarText = {
  type: 'Type',
  status: 'Status',
  customer: 'Customer',
  owner: 'Owner',
  allTypes: 'All types',
  allStatuses: 'All statuses',
  allCustomers: 'All customers',
  allOwners: 'All owners',
};
