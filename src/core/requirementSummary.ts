// What a hover on a requirement ID says, anywhere: title, effective priority, status, type,
// customer, tasks done/total and late ones. Plain data; the glue renders it as Markdown.
import type { RequirementRecord } from './index';
import type { Language } from './messages';
import { STATUSES, REQUIREMENT_TYPES } from './schema';
import type { WorkCalendar } from './schedule';
import { summarize } from './tree';

/**
 * Escapes text taken from files for Markdown: it is shown as text, never as markup. Only what
 * can start markup inside a line is escaped (emphasis, code, links, HTML, tables, strikethrough),
 * so that IDs such as REQ-2024-001 read as written.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

export function requirementHoverMarkdown(record: RequirementRecord, lang: Language, calendar: WorkCalendar, today: string, openCommand?: string): string {
  const s = summarize(record, calendar, today);
  const zh = lang === 'zh-cn';
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown([s.id, s.title].filter(Boolean).join(' '))}**`);
  const facts: string[] = [];
  if (s.priority) facts.push(`**${s.priority}**${s.derivedPriority && s.derivedPriority !== s.priority ? ` (${zh ? '评分推导为' : 'scores say'} ${s.derivedPriority})` : ''}`);
  if (s.status) facts.push(`${escapeMarkdown(s.status)}${zh ? ` ${STATUSES[s.status].aliases[0]}` : ''}`);
  if (s.type) facts.push(`${s.type} ${REQUIREMENT_TYPES[s.type].aliases[0]}`);
  if (facts.length) lines.push(facts.join(' · '));
  const more: string[] = [];
  if (s.customer) more.push(`${zh ? '客户' : 'Customer'}: ${escapeMarkdown(s.customer)}`);
  if (s.owner) more.push(`${zh ? '负责人' : 'Owner'}: ${escapeMarkdown(s.owner)}`);
  if (s.tasks.length) {
    const late = s.lateTasks ? (zh ? `，${s.lateTasks} 个逾期` : `, ${s.lateTasks} late`) : '';
    more.push(zh ? `任务 ${s.tasksDone}/${s.tasks.length} 已完成${late}` : `Tasks ${s.tasksDone}/${s.tasks.length} done${late}`);
  }
  if (more.length) lines.push(more.join(' · '));
  if (s.errors) lines.push(zh ? `$(error) ${s.errors} 个问题` : `$(error) ${s.errors} problem${s.errors > 1 ? 's' : ''}`);
  if (openCommand) lines.push(`[${zh ? '打开需求' : 'Open requirement'}](${openCommand})`);
  return lines.join('\n\n');
}
