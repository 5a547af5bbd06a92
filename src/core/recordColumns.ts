// The record table's columns after the seed's (模板1 has eight, and the title): one for each part
// of a record the seed's columns do not carry, so that an exported table imports back into the
// same records. Text values are cells as they are; lists and objects (scores, tasks, feedback…)
// are compact JSON: one spelling per value, so a cell reads back exactly ("2024-03-15" and "no"
// stay strings, 4 stays a number, which YAML's plain scalars would not promise), and a cell
// mistyped in Excel is refused with its row and column instead of being read as some other value.
// "More fields" holds, as one JSON object, whatever no other column can carry exactly: keys a team
// added, and a seed column's value its cell cannot spell (a customer name with a slash).
import type { EssentialKey } from './body';
import { localize, type Language } from './l10n';

/** Front-matter keys written as a cell's text. */
export const TEXT_KEYS = [
  'status',
  'category',
  'priority',
  'priority_reason',
  'moscow',
  'kano',
  'strategy',
  'decline_reason',
  'owner',
  'no_feedback_reason',
  'lessons',
] as const;

/** Front-matter keys written as compact JSON. */
export const JSON_KEYS = ['scores', 'tasks', 'milestones', 'resources', 'reviews', 'risks', 'feedback', 'changes', 'outcome'] as const;

export type TextKey = (typeof TEXT_KEYS)[number];
export type JsonKey = (typeof JSON_KEYS)[number];
export type SectionKey = Exclude<EssentialKey, 'description'>;

/** The fields of the columns after the seed's. `tier` is the customer's; `rest` the body outside the essentials. */
export type ExtraField = 'tier' | TextKey | JsonKey | SectionKey | 'rest' | 'more';

/** Headers as exported (the first names of each), then the other names the import accepts. */
export const EXTRA_COLUMNS: ReadonlyArray<{ field: ExtraField; en: string; 'zh-cn': string; aliases?: readonly string[] }> = [
  { field: 'tier', en: 'Customer tier', 'zh-cn': '客户类型', aliases: ['tier'] },
  { field: 'status', en: 'Status', 'zh-cn': '状态', aliases: ['需求状态'] },
  { field: 'category', en: 'Category', 'zh-cn': '需求分类' },
  { field: 'priority', en: 'Priority', 'zh-cn': '优先级' },
  { field: 'priority_reason', en: 'Priority reason', 'zh-cn': '优先级理由' },
  { field: 'moscow', en: 'MoSCoW', 'zh-cn': 'MoSCoW 分类' },
  { field: 'kano', en: 'Kano', 'zh-cn': 'Kano 分类' },
  { field: 'strategy', en: 'Strategy', 'zh-cn': '响应策略' },
  { field: 'decline_reason', en: 'Decline reason', 'zh-cn': '无法满足原因' },
  { field: 'owner', en: 'Owner', 'zh-cn': '负责人' },
  { field: 'scores', en: 'Scores (JSON)', 'zh-cn': '需求评估(JSON)' },
  { field: 'tasks', en: 'Tasks (JSON)', 'zh-cn': '具体措施(JSON)' },
  { field: 'milestones', en: 'Milestones (JSON)', 'zh-cn': '时间节点(JSON)' },
  { field: 'resources', en: 'Resources (JSON)', 'zh-cn': '资源协调(JSON)' },
  { field: 'reviews', en: 'Reviews (JSON)', 'zh-cn': '优先级评审(JSON)' },
  { field: 'risks', en: 'Risks (JSON)', 'zh-cn': '风险预判(JSON)' },
  { field: 'feedback', en: 'Feedback (JSON)', 'zh-cn': '客户反馈(JSON)' },
  { field: 'no_feedback_reason', en: 'No-feedback reason', 'zh-cn': '未收集反馈原因' },
  { field: 'changes', en: 'Changes (JSON)', 'zh-cn': '需求变更(JSON)' },
  { field: 'outcome', en: 'Outcome (JSON)', 'zh-cn': '实现效果(JSON)', aliases: ['需求实现程度(JSON)'] },
  { field: 'lessons', en: 'Lessons', 'zh-cn': '经验总结' },
  { field: 'background', en: 'Customer background', 'zh-cn': '客户背景' },
  { field: 'scenario', en: 'Scenario', 'zh-cn': '需求场景' },
  { field: 'goal', en: 'Expected goal', 'zh-cn': '期望目标' },
  { field: 'rest', en: 'Rest of the body', 'zh-cn': '正文其余部分' },
  { field: 'more', en: 'More fields (JSON)', 'zh-cn': '其他字段(JSON)' },
];

const TEXT_KEY_SET: ReadonlySet<string> = new Set(TEXT_KEYS);
const JSON_KEY_SET: ReadonlySet<string> = new Set(JSON_KEYS);

export const isTextKey = (field: string): field is TextKey => TEXT_KEY_SET.has(field);
export const isJsonKey = (field: string): field is JsonKey => JSON_KEY_SET.has(field);

/** A value as its cell: text as it is, lists and objects as compact JSON; '' for none. */
export function cellOf(field: TextKey | JsonKey, value: unknown): string {
  if (value === undefined) return '';
  if (isTextKey(field)) return typeof value === 'string' ? value : '';
  return JSON.stringify(value);
}

/** What a JSON cell holds, or why it cannot be read (JSON.parse's message). */
export function parseJsonCell(cell: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(cell) as unknown };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/**
 * What a table cannot carry, said in an exported workbook (a sheet of its own) and the README: the
 * import writes each record with ReqDesk's template, so these come back in the template's form,
 * the data and the sections' text being equal.
 */
export function tableLimits(lang: Language): string {
  return localize(
    lang,
    "A table carries every front-matter field and the text of every section. It does not carry the file's form, which the import writes with ReqDesk's template: the file name (<ID>-<title>.md), the front-matter's comments, key order and quoting, the four essentials' headings (the template's, in its order, after any text before the first section heading), blank lines at the start and end of a section and between the other parts of the body, a first-level heading that repeats the title, and line endings (LF).",
  );
}
