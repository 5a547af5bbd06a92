// The text of a new requirement file, in the user's language, with the four essentials the seed
// asks for (需求描述, 客户背景, 需求场景, 期望目标) as empty sections to fill in. An imported record
// brings more: its status, the other front-matter keys, the text of each essential and the rest of
// its body; the template writes them in its own order and layout (see recordBody).
import * as YAML from 'yaml';
import { localize, type Language } from './l10n';
import { splitRest } from './recordBody';
import type { CustomerSize, Horizon, RequirementType, Source, Status } from './schema';

export interface NewCustomer {
  name: string;
  contact?: string;
  industry?: string;
  size?: CustomerSize;
  /** Other keys of the customer (tier, and any a team added), written after these in their order. */
  more?: Readonly<Record<string, unknown>>;
}

export interface NewRequirement {
  id: string;
  title: string;
  type: RequirementType;
  /** `YYYY-MM-DD`, passed in: core has no clock. */
  today: string;
  /** A name, or the customer's details as the record table gives them. */
  customer?: string | NewCustomer;
  source?: Source;
  horizon?: Horizon;
  /** `submitted:` when it is not today (an imported record keeps its date). */
  submitted?: string;
  /** Order / project numbers (关联订单/项目编号). */
  related?: readonly string[];
  /** Text of the first essential (需求描述 / Description); the cursor goes after it. */
  description?: string;
  /** Default `new`. */
  status?: Status;
  /** `submitted` left out (instead of today's date when none is given). */
  noSubmitted?: boolean;
  /** Other front-matter keys, written after the template's in their order (by the yaml library, block style). */
  more?: Readonly<Record<string, unknown>>;
  /** Texts of the other three essentials. */
  background?: string;
  scenario?: string;
  goal?: string;
  /** The rest of the body (recordBody's `rest`): its lead above the essentials, its sections after them. */
  rest?: string;
}

/**
 * The four essentials' headings, text a user reads and so catalog messages: in the UI language, or
 * (`bilingual`, for teams that write in both) naming the section in both languages, the UI
 * language first. The body scanner finds a section by either name, so each form is a valid record.
 */
function essentialHeadings(lang: Language, bilingual: boolean): string[] {
  if (bilingual) {
    return [
      localize(lang, 'Description 需求描述'),
      localize(lang, 'Customer background 客户背景'),
      localize(lang, 'Scenario 需求场景'),
      localize(lang, 'Expected goal 期望目标'),
    ];
  }
  return [
    localize(lang, { message: 'Description', comment: 'the heading of the essential 需求描述' }),
    localize(lang, { message: 'Customer background', comment: 'the heading of the essential 客户背景' }),
    localize(lang, { message: 'Scenario', comment: 'the heading of the essential 需求场景' }),
    localize(lang, { message: 'Expected goal', comment: 'the heading of the essential 期望目标' }),
  ];
}

/** A YAML scalar for a free-text value: quoted when plain YAML would misread it. */
function scalar(text: string): string {
  return /^[\w\u4e00-\u9fff\u3400-\u4dbf（）《》，。、 -]+$/u.test(text) &&
    !/^[-\s]|\s$|^(true|false|null|yes|no|~|\d[\d.eE+-]*|0x[\da-f]+|0o[0-7]+)$/i.test(text)
    ? text
    : JSON.stringify(text);
}

function customerLines(customer: string | NewCustomer | undefined): string[] {
  if (customer === undefined) return [];
  const c = typeof customer === 'string' ? { name: customer } : customer;
  if (!c.name.trim()) return [];
  return [
    'customer:',
    `  name: ${scalar(c.name)}`,
    ...(c.contact ? [`  contact: ${scalar(c.contact)}`] : []),
    ...(c.industry ? [`  industry: ${scalar(c.industry)}`] : []),
    ...(c.size ? [`  size: ${c.size}`] : []),
    ...yamlLines(c.more ?? {}).map((line) => `  ${line}`),
  ];
}

/** An item of a flow list: plain when YAML reads it as that string (not `-`, not a number), else quoted. */
function flowItem(item: string): string {
  return /^[\w.\u4e00-\u9fff-]+$/u.test(item) && scalar(item) === item ? item : JSON.stringify(item);
}

/** Keys and values as block YAML lines (none for an empty object); strings that read as another type are quoted. */
function yamlLines(values: Readonly<Record<string, unknown>>): string[] {
  if (Object.keys(values).length === 0) return [];
  return YAML.stringify(values, { lineWidth: 0 }).replace(/\n$/, '').split('\n');
}

/** Lines of a text (line breaks as the file's); one empty line for no text. A loop: a cell may hold more lines than a call takes arguments. */
function pushText(lines: string[], text: string | undefined): void {
  const trimmed = (text ?? '').replace(/\r\n?/g, '\n').trim();
  for (const line of trimmed ? trimmed.split('\n') : ['']) lines.push(line);
}

/**
 * @param bilingualHeadings the essentials' headings in both languages (an import, a team that shows
 * aliases everywhere) rather than in `lang` only.
 */
export function newRequirementText(
  r: NewRequirement,
  lang: Language,
  eol = '\n',
  bilingualHeadings = true,
): { text: string; cursor: number } {
  const related = (r.related ?? []).filter((x) => x.trim());
  // A key `more` gives is written there, by the yaml library, instead of in the template's line.
  const own = (key: string) => !(r.more && Object.hasOwn(r.more, key));
  const lines = [
    '---',
    `id: ${scalar(r.id)}`,
    `title: ${scalar(r.title)}`,
    ...(own('type') ? [`type: ${r.type}`] : []),
    ...(own('status') ? [`status: ${r.status ?? 'new'}`] : []),
    ...(own('customer') ? customerLines(r.customer) : []),
    ...(r.source && own('source') ? [`source: ${r.source}`] : []),
    ...(r.noSubmitted || !own('submitted') ? [] : [`submitted: ${r.submitted ?? r.today}`]),
    ...(r.horizon && own('horizon') ? [`horizon: ${r.horizon}`] : []),
    ...(related.length && own('related') ? [`related: [${related.map(flowItem).join(', ')}]`] : []),
    ...yamlLines(r.more ?? {}),
    '---',
    `# ${r.title}`,
    '',
  ];
  const { lead, tail } = splitRest(r.rest ?? '');
  if (lead) {
    pushText(lines, lead);
    lines.push('');
  }
  const [first, ...others] = essentialHeadings(lang, bilingualHeadings);
  lines.push(`## ${first}`);
  // The description's lines (line breaks in an imported cell become the file's line breaks).
  pushText(lines, r.description);
  // The cursor: the end of the description, or the empty line under the first essential.
  const cursor = lines.join(eol).length;
  lines.push('');
  [r.background, r.scenario, r.goal].forEach((text, i) => {
    lines.push(`## ${others[i]!}`);
    pushText(lines, text);
    lines.push('');
  });
  if (tail) pushText(lines, tail);
  const text = withoutTrailingBreaks(lines.join(eol)) + eol;
  return { text, cursor };
}

/** The text without its trailing line breaks (a loop: the regex /(\r?\n)+$/ is quadratic on a long run inside the text). */
function withoutTrailingBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end -= end > 1 && text.charCodeAt(end - 2) === 13 ? 2 : 1;
  return text.slice(0, end);
}
