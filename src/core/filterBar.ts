// The filter bar the matrix and the timeline show, as data: which fields, their captions, and every
// option with its label in the UI language. Types and statuses are the schema's, in its order; in
// Chinese they read as the tree names them (`功能 functional`, `进行中 in-progress`), in English the
// values are their own labels. Customers and owners are the caller's, as they are.
import type { FilterBar } from '../protocol/filterBar';
import { normalizeLanguage } from './messages';
import { REQUIREMENT_TYPES, STATUSES } from './schema';

/** The captions, in the UI language (the host translates them). */
export interface FilterBarText {
  type: string;
  status: string;
  customer: string;
  owner: string;
  allTypes: string;
  allStatuses: string;
  allCustomers: string;
  allOwners: string;
}

export interface FilterChoices {
  customers: readonly string[];
  owners: readonly string[];
}

type EnumDocs = Readonly<Record<string, { readonly aliases?: readonly string[] }>>;

function enumOptions(values: EnumDocs, chinese: boolean): FilterBar[number]['options'] {
  return Object.entries(values).map(([value, doc]) => ({
    value,
    label: chinese && doc.aliases?.[0] ? `${doc.aliases[0]} ${value}` : value,
  }));
}

const asIs = (values: readonly string[]): FilterBar[number]['options'] => values.map((value) => ({ value, label: value }));

export function filterBar(choices: FilterChoices, text: FilterBarText, language: string | undefined): FilterBar {
  const chinese = normalizeLanguage(language) === 'zh-cn';
  return [
    { key: 'type', label: text.type, all: text.allTypes, options: enumOptions(REQUIREMENT_TYPES, chinese) },
    { key: 'status', label: text.status, all: text.allStatuses, options: enumOptions(STATUSES, chinese) },
    { key: 'customer', label: text.customer, all: text.allCustomers, options: asIs(choices.customers) },
    { key: 'owner', label: text.owner, all: text.allOwners, options: asIs(choices.owners) },
  ];
}
