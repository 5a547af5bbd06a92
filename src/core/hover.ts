// Hovers in a requirement's front-matter: a key's documentation in both languages, the meaning of
// an enum value (and its canonical value when an alias is written), of a score level, and of a
// priority next to the one the scores give. Pure; offsets are into the BOM-less text.
import { fieldKindAt, recordFacts, scoreDocsAt } from './completion';
import { localize, type Language } from './l10n';
import { priorityFromScores } from './priority';
import { enumAt, fieldDocAt, PRIORITIES } from './schema';
import { fieldMeaning, valueMeaning } from './valueLabel';
import { yamlContextAt, type YamlPath } from './yamlContext';

export interface Hover {
  markdown: string;
  range: { start: number; end: number };
}

/** Text taken from the file, shown literally in Markdown. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** The language a hover shows the schema's documentation in after the UI's. */
const otherLanguage = (lang: Language): Language => (lang === 'zh-cn' ? 'en' : 'zh-cn');

/** A text in the UI language first, in the other second (once when both read the same). */
function both(first: string, second: string | undefined): string {
  return second && second !== first ? `${first}\n\n${second}` : first;
}

/** The schema's English documentation in the UI language first, the other second. */
function inBoth(english: string, lang: Language): string {
  return both(localize(lang, english), localize(otherLanguage(lang), english));
}

function keyHover(path: YamlPath, lang: Language, threshold: number): string | undefined {
  const doc = fieldDocAt(path);
  if (!doc) return undefined;
  const key = String(path[path.length - 1]);
  const parts = [`**${escapeMarkdown(key)}**`];
  const kind = fieldKindAt(path);
  const levels = kind === 'score' ? scoreDocsAt(path, lang) : undefined;
  if (levels && levels.levels.size) {
    // The general text, then the seed's levels as a list, then the other language's full text.
    parts.push(levels.general);
    const list = [...levels.levels].sort((a, b) => b[0] - a[0]).map(([n, m]) => `- **${n}** — ${m}`);
    parts.push(list.join('\n'));
    if (key === 'importance' || key === 'urgency') {
      parts.push(localize(lang, 'High at {0} or more: importance × urgency gives the priority.', threshold));
    }
    parts.push(fieldMeaning(doc, otherLanguage(lang)));
  } else parts.push(inBoth(doc.description, lang));
  const e = kind === 'enum' ? enumAt(path) : undefined;
  if (e) {
    const values = e.canonical.map((v) => {
      const alias = e.valueDocs[v]?.aliases?.[0];
      return alias ? `\`${v}\` (${escapeMarkdown(alias)})` : `\`${v}\``;
    });
    parts.push(`${localize(lang, 'Values')}: ${values.join(', ')}`);
  }
  return parts.join('\n\n');
}

function valueHover(text: string, path: YamlPath, value: string, lang: Language, threshold: number): string | undefined {
  const kind = fieldKindAt(path);
  if (kind === 'enum') {
    const e = enumAt(path)!;
    const canonical = e.valueDocs[value] ? value : e.aliasTo.get(value);
    if (!canonical) return undefined;
    const d = e.valueDocs[canonical]!;
    const head = canonical === value ? `**${value}**` : `${escapeMarkdown(value)} → **${canonical}**`;
    const parts = [head, inBoth(d.en, lang)];
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
    const other = scoreDocsAt(path, otherLanguage(lang));
    if (!docs || !other) return undefined;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    const level = docs.levels.get(n);
    const key = String(path[path.length - 1]);
    if (level) return `**${escapeMarkdown(key)} ${n}** — ${level}\n\n${other.levels.get(n) ?? ''}`;
    return `**${escapeMarkdown(key)} ${escapeMarkdown(value)}**\n\n${both(docs.general, other.general)}`;
  }
  return undefined;
}

/** The hover at an offset of a requirement file: on a key, an enum value, a score or a priority. */
export function hoverAt(text: string, offset: number, lang: Language, threshold = 4): Hover | undefined {
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
      ? keyHover(ctx.path, lang, threshold)
      : valueHover(text, ctx.path, token.replace(/^(["'])(.*)\1$/, '$2'), lang, threshold);
  return markdown ? { markdown, range: { start, end } } : undefined;
}
