// What a hover on a requirement ID says, anywhere: title, effective priority, status, type,
// customer, tasks done/total and late ones. Plain data; the glue renders it as Markdown.
import type { RequirementRecord } from './index';
import { localize, type Language } from './l10n';
import { STATUSES, REQUIREMENT_TYPES } from './schema';
import type { WorkCalendar } from './schedule';
import { summarize } from './tree';
import { valueAlias, valueLabel, type AliasDisplay } from './valueLabel';

/**
 * Escapes text taken from files for Markdown: it is shown as text, never as markup. Only what
 * can start markup inside a line is escaped (emphasis, code, links, HTML, tables, strikethrough),
 * so that IDs such as REQ-2024-001 read as written.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

export function requirementHoverMarkdown(
  record: RequirementRecord,
  lang: Language,
  calendar: WorkCalendar,
  today: string,
  openCommand?: string,
  display: AliasDisplay = 'auto',
): string {
  const s = summarize(record, calendar, today);
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown([s.id, s.title].filter(Boolean).join(' '))}**`);
  const facts: string[] = [];
  if (s.priority) {
    const derived =
      s.derivedPriority && s.derivedPriority !== s.priority ? ` (${localize(lang, 'scores say {0}', s.derivedPriority)})` : '';
    facts.push(`**${s.priority}**${derived}`);
  }
  if (s.status) {
    const alias = valueAlias(STATUSES[s.status], lang, display);
    facts.push(`${escapeMarkdown(s.status)}${alias ? ` ${alias}` : ''}`);
  }
  if (s.type) facts.push(valueLabel(s.type, REQUIREMENT_TYPES[s.type], lang, display));
  if (facts.length) lines.push(facts.join(' · '));
  const more: string[] = [];
  if (s.customer) more.push(localize(lang, 'Customer: {0}', escapeMarkdown(s.customer)));
  if (s.owner) more.push(localize(lang, 'Owner: {0}', escapeMarkdown(s.owner)));
  if (s.taskCount) {
    more.push(
      s.lateTasks
        ? localize(lang, 'Tasks {0}/{1} done, {2} late', s.tasksDone, s.taskCount, s.lateTasks)
        : localize(lang, 'Tasks {0}/{1} done', s.tasksDone, s.taskCount),
    );
  }
  if (more.length) lines.push(more.join(' · '));
  if (s.errors) {
    lines.push(s.errors > 1 ? localize(lang, '$(error) {0} problems', s.errors) : localize(lang, '$(error) {0} problem', s.errors));
  }
  if (openCommand) lines.push(`[${localize(lang, 'Open requirement')}](${openCommand})`);
  return lines.join('\n\n');
}
