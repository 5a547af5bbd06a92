// The text of a new requirement file, in the user's language, with the four essentials the seed
// asks for (需求描述, 客户背景, 需求场景, 期望目标) as empty sections to fill in.
import { localize, type Language } from './l10n';
import type { CustomerSize, Horizon, RequirementType, Source } from './schema';

export interface NewCustomer {
  name: string;
  contact?: string;
  industry?: string;
  size?: CustomerSize;
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
  ];
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
  const lines = [
    '---',
    `id: ${scalar(r.id)}`,
    `title: ${scalar(r.title)}`,
    `type: ${r.type}`,
    'status: new',
    ...customerLines(r.customer),
    ...(r.source ? [`source: ${r.source}`] : []),
    `submitted: ${r.submitted ?? r.today}`,
    ...(r.horizon ? [`horizon: ${r.horizon}`] : []),
    ...(related.length ? [`related: [${related.map((x) => (/^[\w.\u4e00-\u9fff-]+$/u.test(x) ? x : JSON.stringify(x))).join(', ')}]`] : []),
    '---',
    `# ${r.title}`,
    '',
  ];
  const [first, ...rest] = essentialHeadings(lang, bilingualHeadings);
  lines.push(`## ${first}`);
  // The description's lines (line breaks in an imported cell become the file's line breaks).
  const description = (r.description ?? '').replace(/\r\n?/g, '\n').trim();
  // A loop, not a spread: a cell may hold more lines than a call takes arguments.
  for (const line of description ? description.split('\n') : ['']) lines.push(line);
  // The cursor: the end of the description, or the empty line under the first essential.
  const cursor = lines.join(eol).length;
  lines.push('');
  for (const heading of rest) lines.push(`## ${heading}`, '', '');
  const text = withoutTrailingBreaks(lines.join(eol)) + eol;
  return { text, cursor };
}

/** The text without its trailing line breaks (a loop: the regex /(\r?\n)+$/ is quadratic on a long run inside the text). */
function withoutTrailingBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end -= end > 1 && text.charCodeAt(end - 2) === 13 ? 2 : 1;
  return text.slice(0, end);
}
