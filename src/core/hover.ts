// Hovers in a requirement's front-matter: a key's documentation, the meaning of an enum value (and
// its canonical value when an alias is written), of a score level, and of a priority next to the one
// the scores give. One language, the UI's: values' Chinese names show where the UI shows aliases
// (`reqdesk.ui.showAliases`). Pure; offsets are into the BOM-less text.
import { fieldKindAt, recordFacts, scoreDocsAt } from './completion';
import { localize, type Language } from './l10n';
import { priorityFromScores } from './priority';
import { enumAt, fieldDocAt, PRIORITIES } from './schema';
import { fieldMeaning, showsAliases, valueAlias, valueMeaning, withoutChineseTerms, type AliasDisplay } from './valueLabel';
import { yamlContextAt, type YamlPath } from './yamlContext';

export interface Hover {
  markdown: string;
  range: { start: number; end: number };
}

/** Text taken from the file, shown literally in Markdown. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** The schema's documentation in the UI language; an English UI without aliases drops the Chinese terms it names. */
function documentation(english: string, lang: Language, display: AliasDisplay): string {
  const text = localize(lang, english);
  return showsAliases(lang, display) ? text : withoutChineseTerms(text);
}

function keyHover(path: YamlPath, lang: Language, threshold: number, display: AliasDisplay): string | undefined {
  const doc = fieldDocAt(path);
  if (!doc) return undefined;
  const key = String(path[path.length - 1]);
  const parts = [`**${escapeMarkdown(key)}**`];
  const kind = fieldKindAt(path);
  const levels = kind === 'score' ? scoreDocsAt(path, lang) : undefined;
  if (levels && levels.levels.size) {
    // The general text, then the seed's levels as a list.
    parts.push(levels.general);
    const list = [...levels.levels].sort((a, b) => b[0] - a[0]).map(([n, m]) => `- **${n}** — ${m}`);
    parts.push(list.join('\n'));
    if (key === 'importance' || key === 'urgency') {
      parts.push(localize(lang, 'High at {0} or more: importance × urgency gives the priority.', threshold));
    }
  } else parts.push(documentation(fieldMeaning(doc, 'en'), lang, display));
  const e = kind === 'enum' ? enumAt(path) : undefined;
  if (e) {
    const values = e.canonical.map((v) => {
      const alias = valueAlias(e.valueDocs[v], lang, display);
      return alias ? `\`${v}\` (${escapeMarkdown(alias)})` : `\`${v}\``;
    });
    parts.push(`${localize(lang, 'Values')}: ${values.join(', ')}`);
  }
  return parts.join('\n\n');
}

function valueHover(
  text: string,
  path: YamlPath,
  value: string,
  lang: Language,
  threshold: number,
  display: AliasDisplay,
): string | undefined {
  const kind = fieldKindAt(path);
  if (kind === 'enum') {
    const e = enumAt(path)!;
    const canonical = e.valueDocs[value] ? value : e.aliasTo.get(value);
    if (!canonical) return undefined;
    const d = e.valueDocs[canonical]!;
    // The value written, its canonical value when it is an alias, its Chinese name where the UI shows aliases.
    const alias = canonical === value ? valueAlias(d, lang, display) : undefined;
    const head =
      canonical !== value
        ? `${escapeMarkdown(value)} → **${canonical}**`
        : alias
          ? `**${value}** (${escapeMarkdown(alias)})`
          : `**${value}**`;
    const parts = [head, documentation(d.en, lang, display)];
    if (path.length === 1 && path[0] === 'priority') {
      const facts = recordFacts(text);
      const derived = priorityFromScores(facts.importance, facts.urgency, threshold);
      if (derived && derived !== canonical) {
        const meaning = valueMeaning(PRIORITIES[derived], lang);
        const [importance, urgency] = [facts.importance!, facts.urgency!];
        parts.push(
          localize(lang, 'The scores (importance {0}, urgency {1}) give {2}: {3}', importance, urgency, `**${derived}**`, meaning),
        );
      }
    }
    return parts.join('\n\n');
  }
  if (kind === 'score') {
    const docs = scoreDocsAt(path, lang);
    if (!docs) return undefined;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    const level = docs.levels.get(n);
    const key = String(path[path.length - 1]);
    if (level) return `**${escapeMarkdown(key)} ${n}** — ${level}`;
    return `**${escapeMarkdown(key)} ${escapeMarkdown(value)}**\n\n${docs.general}`;
  }
  return undefined;
}

/**
 * The hover at an offset of a requirement file: on a key, an enum value, a score or a priority.
 * `display` is `reqdesk.ui.showAliases`.
 */
export function hoverAt(text: string, offset: number, lang: Language, threshold = 4, display: AliasDisplay = 'auto'): Hover | undefined {
  const ctx = yamlContextAt(text, offset);
  if (ctx.kind !== 'key' && ctx.kind !== 'value') return undefined;
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The token itself, without blanks the range may start with (the cursor right after `key:`).
  const { end } = ctx.range;
  let { start } = ctx.range;
  while (start < end && /\s/.test(text.charAt(start + base))) start++;
  if (start >= end || offset < start || offset > end) return undefined;
  const token = text.slice(start + base, end + base);
  const markdown =
    ctx.kind === 'key'
      ? keyHover(ctx.path, lang, threshold, display)
      : valueHover(text, ctx.path, token.replace(/^(["'])(.*)\1$/, '$2'), lang, threshold, display);
  return markdown ? { markdown, range: { start, end } } : undefined;
}
