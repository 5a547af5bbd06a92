// The filter bar the matrix and the timeline show, as data: which fields, their captions, and every
// option with its label in the UI language. Types and statuses are the schema's, in its order; in
// Chinese they read as the tree names them (`功能 functional`, `进行中 in-progress`), in English the
// values are their own labels. Under a team schema with statuses of its own, the statuses are the
// team's, in its order and named by its labels, as the tree groups them. Customers and owners are
// the caller's, as they are.
import type { FilterBar } from '../protocol/filterBar';
import { normalizeLanguage, type Language } from './messages';
import { REQUIREMENT_TYPES, STATUSES } from './schema';
import type { TeamRules, TeamStatus } from './teamSchema';
import { teamStatusLabel } from './tree';

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

/** The team's statuses in its order, each named by its label in the UI language (else the status itself). */
function teamStatusOptions(statuses: ReadonlyMap<string, TeamStatus>, lang: Language): FilterBar[number]['options'] {
  return [...statuses].map(([value, doc]) => ({ value, label: teamStatusLabel(value, doc, lang) }));
}

export function filterBar(choices: FilterChoices, text: FilterBarText, language: string | undefined, team?: TeamRules | null): FilterBar {
  const lang = normalizeLanguage(language);
  const chinese = lang === 'zh-cn';
  const statuses = team?.statuses ? teamStatusOptions(team.statuses, lang) : enumOptions(STATUSES, chinese);
  return [
    { key: 'type', label: text.type, all: text.allTypes, options: enumOptions(REQUIREMENT_TYPES, chinese) },
    { key: 'status', label: text.status, all: text.allStatuses, options: statuses },
    { key: 'customer', label: text.customer, all: text.allCustomers, options: asIs(choices.customers) },
    { key: 'owner', label: text.owner, all: text.allOwners, options: asIs(choices.owners) },
  ];
}
