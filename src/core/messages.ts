// Problem messages are keys with arguments: core never formats for one language. Both faces (the
// extension and the CLI) render through `formatMessage` with the user's language, so a message
// reads the same wherever it is shown.

import type { Language } from './l10n';

export { normalizeLanguage, type Language } from './l10n';

export const PROBLEM_MESSAGES = {
  'file-too-large': {
    en: 'File skipped: {0} bytes is over the {1}-byte limit (reqdesk.validation.maxFileSize).',
    'zh-cn': '已跳过文件：{0} 字节，超过 {1} 字节的上限（reqdesk.validation.maxFileSize）。',
  },
  'file-binary': {
    en: 'File skipped: it contains NUL bytes and is not a text requirement file.',
    'zh-cn': '已跳过文件：含有 NUL 字节，不是文本需求文件。',
  },
  'file-unreadable': {
    en: 'The file could not be read: {0}',
    'zh-cn': '无法读取文件：{0}',
  },
  'file-encoding': {
    en: 'The file is not valid UTF-8 (first bad byte at offset {0}); characters may be shown wrongly.',
    'zh-cn': '文件不是有效的 UTF-8 编码（首个错误字节位于偏移 {0}），部分字符可能显示错误。',
  },
  'frontmatter-missing': {
    en: 'No front-matter: a requirement file starts with a YAML block between --- lines.',
    'zh-cn': '缺少 front-matter：需求文件应以 --- 行包围的 YAML 块开头。',
  },
  'frontmatter-unclosed': {
    en: 'The front-matter is not closed: add a line with --- after the YAML.',
    'zh-cn': 'front-matter 未闭合：请在 YAML 之后添加一行 ---。',
  },
  'frontmatter-language': {
    en: 'Front-matter language "{0}" is not allowed: only YAML is read, and code in front-matter is never executed.',
    'zh-cn': '不允许使用 "{0}" 格式的 front-matter：只读取 YAML，front-matter 中的代码永远不会被执行。',
  },
  'frontmatter-not-mapping': {
    en: 'The front-matter must be a mapping of keys to values, not {0}.',
    'zh-cn': 'front-matter 必须是键值映射，而不是 {0}。',
  },
  'yaml-syntax': { en: 'YAML syntax error: {0}', 'zh-cn': 'YAML 语法错误：{0}' },
  'yaml-custom-tag': {
    en: 'Custom YAML tag {0} is not allowed in front-matter.',
    'zh-cn': 'front-matter 中不允许使用自定义 YAML 标签 {0}。',
  },
  'yaml-alias-limit': {
    en: 'Too many YAML aliases: the front-matter expands beyond the safety limit (alias bomb?).',
    'zh-cn': 'YAML 别名过多：front-matter 展开后超出安全上限（疑似别名炸弹）。',
  },
  'yaml-alias-undefined': {
    en: 'YAML alias *{0} refers to no anchor: define &{0} before it, or write the value itself.',
    'zh-cn': 'YAML 别名 *{0} 没有对应的锚点：请在它之前定义 &{0}，或直接写出取值。',
  },
  'yaml-too-deep': {
    en: 'Lists or mappings are nested more than {0} levels deep: the front-matter is too deep to read safely.',
    'zh-cn': '列表或映射嵌套超过 {0} 层：front-matter 嵌套过深，无法安全读取。',
  },
  'line-ending-cr': {
    en: 'Lone CR line end (old Mac style) in the front-matter: ReqDesk reads LF and CRLF line ends; convert the file\'s line endings.',
    'zh-cn': 'front-matter 中有单独的 CR 换行符（旧 Mac 格式）：ReqDesk 只读取 LF 和 CRLF 换行，请转换文件的换行符。',
  },
  'required-missing': { en: 'Missing required key "{0}".', 'zh-cn': '缺少必填字段 "{0}"。' },
  'type-mismatch': { en: '"{0}" must be {1}, not {2}.', 'zh-cn': '"{0}" 应为{1}，而不是{2}。' },
  'value-out-of-range': { en: '"{0}" must be {1}; got {2}.', 'zh-cn': '"{0}" 应为{1}；实际为 {2}。' },
  'enum-unknown': {
    en: 'Unknown value "{1}" for "{0}". Expected one of: {2}.{3}',
    'zh-cn': '"{0}" 的取值 "{1}" 无效。可选值：{2}。{3}',
  },
  'enum-alias': {
    en: '"{0}" is an alias of "{1}".',
    'zh-cn': '"{0}" 是 "{1}" 的别名。',
  },
  'key-near-miss': {
    en: 'Unknown key "{0}": did you mean "{1}"?',
    'zh-cn': '未知字段 "{0}"：是否应为 "{1}"？',
  },
  'date-invalid': {
    en: '"{0}" is not a real date in YYYY-MM-DD form: {1}.',
    'zh-cn': '"{0}" 不是有效的 YYYY-MM-DD 日期：{1}。',
  },
  'date-order': { en: '{0} ({1}) is after {2} ({3}).', 'zh-cn': '{0}（{1}）晚于 {2}（{3}）。' },
  'priority-mismatch': {
    en: 'Stored priority {0} disagrees with the scores (importance {1}, urgency {2} → {3}). Fix it, or say why in priority_reason.',
    'zh-cn': '存储的优先级 {0} 与评分不符（重要性 {1}，紧急性 {2} → {3}）。请修正，或在 priority_reason 中说明原因。',
  },
  'decline-reason-missing': {
    en: 'A declined requirement needs a decline_reason to negotiate with the customer.',
    'zh-cn': '策略为无法满足时必须填写 decline_reason，以便与客户协商。',
  },
  'task-no-schedule': {
    en: 'Task {0} has neither start nor depends, so it cannot be scheduled.',
    'zh-cn': '任务 {0} 既没有 start 也没有 depends，无法排期。',
  },
  'task-unknown-dependency': {
    en: 'Task {0} depends on {1}, which is not a task of this requirement.',
    'zh-cn': '任务 {0} 依赖的 {1} 不是本需求的任务。',
  },
  'task-dependency-cycle': { en: 'Dependency cycle: {0}.', 'zh-cn': '任务依赖形成循环：{0}。' },
  'task-date-out-of-range': {
    en: 'Task {0} would end after 9999-12-31, the last date that can be written: start it earlier or give it fewer days.',
    'zh-cn': '任务 {0} 的结束日期将晚于 9999-12-31（可记录的最后日期）：请提前开始日期或减少工期。',
  },
  'task-duplicate-id': { en: 'Task ID {0} is used twice in this requirement.', 'zh-cn': '任务编号 {0} 在本需求中重复。' },
  'id-malformed': {
    en: 'ID "{0}" does not follow the format {1} with a prefix of {2}.',
    'zh-cn': '编号 "{0}" 不符合格式 {1}（前缀：{2}）。',
  },
  'id-duplicate': { en: 'ID {0} is also used by {1}.', 'zh-cn': '编号 {0} 也被 {1} 使用。' },
  'id-duplicate-on-branch': {
    en: 'ID {0} is also used on another branch by {1}; the two would clash when merged.',
    'zh-cn': '编号 {0} 在其他分支上也被 {1} 使用，合并时会冲突。',
  },
  'vague-wording': {
    en: 'Vague wording "{0}": say concretely what the customer needs (e.g. "view the real-time energy data of a device on the phone in one tap").',
    'zh-cn': '表述模糊 "{0}"：请具体描述客户需求（如“希望实现手机端一键查看设备实时能耗数据”）。',
  },
  'essential-missing': {
    en: 'Missing essential section: {0}. A requirement records description, customer background, scenario and expected goal.',
    'zh-cn': '缺少要素：{0}。需求应记录需求描述、客户背景、需求场景、期望目标四要素。',
  },
  'essential-empty': { en: 'The section {0} is empty.', 'zh-cn': '要素 {0} 内容为空。' },
  'task-late': {
    en: 'Task {0} is late: it was due on {1} and is not done.',
    'zh-cn': '任务 {0} 已延期：计划于 {1} 完成，目前仍未完成。',
  },
  'feedback-adjustment-due': {
    en: 'Feedback of {0} is below expectation (satisfaction {1}): start an adjustment — a change request or a task — by {2}.',
    'zh-cn': '{0} 的客户反馈未达预期（满意度 {1}）：请在 {2} 之前启动调整方案（变更申请或新任务）。',
  },
  'feedback-no-adjustment': {
    en: 'Feedback of {0} was below expectation (satisfaction {1}) and no adjustment started by {2}: record a change request or add a task (within 24 hours, the seed says).',
    'zh-cn': '{0} 的客户反馈未达预期（满意度 {1}），但 {2} 之前未启动调整：请记录变更申请或新增任务（反馈未达预期须在 24 小时内启动调整方案）。',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ProblemCode = keyof typeof PROBLEM_MESSAGES;

/** Names of the four essentials in both languages, as used in messages. */
export const ESSENTIAL_NAMES = {
  description: { en: 'Description (需求描述)', 'zh-cn': '需求描述' },
  background: { en: 'Customer background (客户背景)', 'zh-cn': '客户背景' },
  scenario: { en: 'Scenario (需求场景)', 'zh-cn': '需求场景' },
  goal: { en: 'Expected goal (期望目标)', 'zh-cn': '期望目标' },
} as const;

/** Words used inside messages (type names in "must be a number"). */
const WORDS: Record<string, Record<Language, string>> = {
  string: { en: 'text', 'zh-cn': '文本' },
  number: { en: 'a number', 'zh-cn': '数字' },
  integer: { en: 'a whole number', 'zh-cn': '整数' },
  boolean: { en: 'true or false', 'zh-cn': '布尔值' },
  array: { en: 'a list', 'zh-cn': '列表' },
  object: { en: 'a mapping', 'zh-cn': '映射' },
  null: { en: 'empty', 'zh-cn': '空值' },
  date: { en: 'a date', 'zh-cn': '日期' },
  'string-or-list': { en: 'text or a list of text', 'zh-cn': '文本或文本列表' },
  '1-to-5': { en: 'a whole number from 1 to 5', 'zh-cn': '1 到 5 的整数' },
  'at-least-0': { en: 'a whole number, 0 or more', 'zh-cn': '大于等于 0 的整数' },
};

/** Arguments starting with `@word:` are translated words; the rest are shown as they are. */
export function word(key: string): string {
  return `@word:${key}`;
}

/** An optional " Did you mean …?" suffix argument. */
export function didYouMean(value: string | undefined): string {
  return value === undefined ? '' : `@didyoumean:${value}`;
}

/** A file argument: each face shows files its own way (relative path, link…). */
export function fileArg(file: string): string {
  return `@file:${file}`;
}

/**
 * The message of a problem in a language. `fileLabel` renders file arguments (the index's keys);
 * by default they are shown as they are.
 */
export function formatMessage(code: ProblemCode, args: readonly string[], lang: Language, fileLabel: (file: string) => string = (f) => f): string {
  const template = PROBLEM_MESSAGES[code][lang];
  return template.replace(/\{(\d+)\}/g, (_, i: string) => {
    const raw = args[Number(i)] ?? '';
    // A list argument may hold several files, joined with ", ".
    const arg = raw.includes('@file:') ? raw.replace(/@file:([^,]*)/g, (_m, f: string) => fileLabel(f)) : raw;
    if (arg.startsWith('@word:')) {
      const key = arg.slice('@word:'.length);
      return WORDS[key]?.[lang] ?? key;
    }
    if (arg.startsWith('@essential:')) {
      const key = arg.slice('@essential:'.length) as keyof typeof ESSENTIAL_NAMES;
      return ESSENTIAL_NAMES[key]?.[lang] ?? key;
    }
    if (arg.startsWith('@didyoumean:')) {
      const value = arg.slice('@didyoumean:'.length);
      return lang === 'zh-cn' ? ` 是否应为 "${value}"？` : ` Did you mean "${value}"?`;
    }
    return arg;
  });
}
