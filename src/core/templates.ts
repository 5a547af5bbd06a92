// The text of a new requirement file, in the user's language, with the four essentials the seed
// asks for (需求描述, 客户背景, 需求场景, 期望目标) as empty sections to fill in.
import type { Language } from './messages';
import type { RequirementType } from './schema';

export interface NewRequirement {
  id: string;
  title: string;
  type: RequirementType;
  /** `YYYY-MM-DD`, passed in: core has no clock. */
  today: string;
  customer?: string;
}

const HEADINGS: Record<Language, string[]> = {
  en: ['Description 需求描述', 'Customer background 客户背景', 'Scenario 需求场景', 'Expected goal 期望目标'],
  'zh-cn': ['需求描述 Description', '客户背景 Background', '需求场景 Scenario', '期望目标 Goal'],
};

/** A YAML scalar for a free-text value: quoted when plain YAML would misread it. */
function scalar(text: string): string {
  return /^[\w\u4e00-\u9fff\u3400-\u4dbf（）《》，。、 -]+$/u.test(text) && !/^[-\s]|\s$|^(true|false|null|yes|no|~|\d[\d.eE+-]*|0x[\da-f]+|0o[0-7]+)$/i.test(text) ? text : JSON.stringify(text);
}

export function newRequirementText(r: NewRequirement, lang: Language, eol = '\n'): { text: string; cursor: number } {
  const lines = [
    '---',
    `id: ${scalar(r.id)}`,
    `title: ${scalar(r.title)}`,
    `type: ${r.type}`,
    'status: new',
    ...(r.customer ? ['customer:', `  name: ${scalar(r.customer)}`] : []),
    `submitted: ${r.today}`,
    '---',
    `# ${r.title}`,
    '',
  ];
  let cursor = -1;
  const [first, ...rest] = HEADINGS[lang];
  lines.push(`## ${first}`, '');
  const before = lines.join(eol).length;
  cursor = before; // the empty line under the first essential
  lines.push('');
  for (const heading of rest) lines.push(`## ${heading}`, '', '');
  const text = lines.join(eol).replace(/(\r?\n)+$/, '') + eol;
  return { text, cursor };
}
