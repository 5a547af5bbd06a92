// Hovers in a requirement's front-matter: a key's documentation, the meaning of an enum value (and
// its canonical value when an alias is written), of a score level, and of a priority next to the one
// the scores give. One language, the UI's: values' Chinese names show where the UI shows aliases
// (`reqdesk.ui.showAliases`). Pure; offsets are into the BOM-less text.
import { fieldKindAt, recordFacts, scoreDocsAt } from './completion';
import { localize, localizeLater, type Language } from './l10n';
import { priorityFromScores } from './priority';
import { enumAt, fieldDocAt, PRIORITIES } from './schema';
import { builtInPath, fieldTypeLine, idOrigin, stageMeaning, standsFor, teamDescription, teamLabel } from './teamAssist';
import { idFrom, type TeamField, type TeamRules } from './teamSchema';
import { splitFile } from './frontmatter';
import { outlineRecord } from './body';
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

/**
 * `shown` is the key as the file writes it, when a team schema renamed the built-in key at `path`;
 * `enumValues` false leaves out the built-in values (a team's statuses replace them).
 */
function keyHover(
  path: YamlPath,
  lang: Language,
  threshold: number,
  display: AliasDisplay,
  shown?: string,
  enumValues = true,
): string | undefined {
  const doc = fieldDocAt(path);
  if (!doc) return undefined;
  const key = String(path[path.length - 1]);
  const parts = [`**${escapeMarkdown(shown ?? key)}**`];
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
  const e = kind === 'enum' && enumValues ? enumAt(path) : undefined;
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

// ---- under a team schema -------------------------------------------------------------------------

/** The team schema in force and the file hovered (an ID may be read from its name). */
export interface HoverTeam {
  rules: TeamRules;
  file?: string;
}

/** A team field's key: its label, description, type and values. */
function teamFieldHover(name: string, field: TeamField, lang: Language): string {
  const label = teamLabel(field.label, lang);
  const parts = [label ? `**${escapeMarkdown(name)}** — ${escapeMarkdown(label)}` : `**${escapeMarkdown(name)}**`];
  const description = teamDescription(field.description, lang);
  if (description) parts.push(escapeMarkdown(description));
  parts.push(fieldTypeLine(field, lang));
  if (field.type === 'enum' && field.values.size) {
    const values = [...field.values].map(([value, doc]) => {
      const meaning = teamDescription(doc, lang);
      return meaning ? `\`${value}\` (${escapeMarkdown(meaning)})` : `\`${value}\``;
    });
    parts.push(`${localize(lang, 'Values')}: ${values.join(', ')}`);
  }
  return parts.join('\n\n');
}

/** A key under a team schema; undefined leaves it to the built-in hover. */
function teamKeyHover(team: HoverTeam, text: string, path: YamlPath, lang: Language, threshold: number, display: AliasDisplay) {
  const rules = team.rules;
  const key = String(path[0]);
  const field = rules.fields.get(key);
  // Inside a team field (a list's items) nothing more is known.
  if (field) return path.length === 1 ? teamFieldHover(key, field, lang) : undefined;
  const schemaPath = builtInPath(rules, path);
  const builtIn = String(schemaPath[0]);
  const teamStatuses = path.length === 1 && builtIn === 'status' && rules.statuses?.size ? rules.statuses : undefined;
  // The built-in hover's values of `status` are ReqDesk's stages: the team's statuses replace them.
  const base = keyHover(schemaPath, lang, threshold, display, String(path[path.length - 1]), !teamStatuses);
  if (!base || path.length > 1) return base;
  const parts = [base];
  if (builtIn !== key) parts.push(standsFor(builtIn, lang));
  if (teamStatuses) {
    const values = [...teamStatuses].map(([name, s]) => {
      const label = teamLabel(s, lang);
      return `\`${name}\`${label ? ` (${escapeMarkdown(label)})` : ''} → ${s.stage}`;
    });
    parts.push(`${localize(lang, 'Values')}: ${values.join(', ')}`);
  }
  if (builtIn === 'id' && rules.id.from !== 'key') {
    const split = splitFile(text);
    const heading = outlineRecord(split.text, split.bodyStart).title?.text;
    const id = idFrom(rules, { ...(team.file !== undefined ? { file: team.file } : {}), ...(heading ? { heading } : {}) });
    const origin = id === undefined ? undefined : idOrigin(rules, id, team.file);
    // The key stays in the file but the ID is read from elsewhere: say where, and that the key is ignored.
    parts.push([origin ? localizeLater(lang, origin) : undefined, localize(lang, 'This key is not read.')].filter(Boolean).join(' '));
  }
  return parts.join('\n\n');
}

/** A value under a team schema: a team status or a team enum's value; undefined leaves it to the built-in hover. */
function teamValueHover(rules: TeamRules, path: YamlPath, value: string, lang: Language): string | undefined {
  if (path.length !== 1) return undefined;
  const key = String(path[0]);
  const field = rules.fields.get(key);
  if (field) {
    if (field.type !== 'enum') return undefined;
    const canonical = field.values.has(value) ? value : field.aliasTo.get(value);
    if (canonical === undefined) return undefined;
    const meaning = teamDescription(field.values.get(canonical), lang);
    const head = canonical !== value ? `${escapeMarkdown(value)} → **${escapeMarkdown(canonical)}**` : `**${escapeMarkdown(value)}**`;
    return meaning ? `${head}\n\n${escapeMarkdown(meaning)}` : head;
  }
  if (builtInPath(rules, path)[0] !== 'status' || !rules.statuses) return undefined;
  const canonical = rules.statuses.has(value) ? value : rules.statusAliasTo.get(value);
  const status = canonical === undefined ? undefined : rules.statuses.get(canonical);
  if (!status || canonical === undefined) return undefined;
  const label = teamLabel(status, lang);
  const head =
    canonical !== value
      ? `${escapeMarkdown(value)} → **${escapeMarkdown(canonical)}**`
      : `**${escapeMarkdown(canonical)}**${label ? ` (${escapeMarkdown(label)})` : ''}`;
  return `${head}\n\n${stageMeaning(status.stage, lang)}`;
}

/**
 * The hover at an offset of a requirement file: on a key, an enum value, a score or a priority.
 * `display` is `reqdesk.ui.showAliases`; `team` the team schema in force, if any.
 */
export function hoverAt(
  text: string,
  offset: number,
  lang: Language,
  threshold = 4,
  display: AliasDisplay = 'auto',
  team: HoverTeam | null = null,
): Hover | undefined {
  const ctx = yamlContextAt(text, offset);
  if (ctx.kind !== 'key' && ctx.kind !== 'value') return undefined;
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The token itself, without blanks the range may start with (the cursor right after `key:`).
  const { end } = ctx.range;
  let { start } = ctx.range;
  while (start < end && /\s/.test(text.charAt(start + base))) start++;
  if (start >= end || offset < start || offset > end) return undefined;
  const token = text.slice(start + base, end + base);
  const value = token.replace(/^(["'])(.*)\1$/, '$2');
  const markdown = team
    ? ctx.kind === 'key'
      ? teamKeyHover(team, text, ctx.path, lang, threshold, display)
      : (teamValueHover(team.rules, ctx.path, value, lang) ??
        valueHover(text, builtInPath(team.rules, ctx.path), value, lang, threshold, display))
    : ctx.kind === 'key'
      ? keyHover(ctx.path, lang, threshold, display)
      : valueHover(text, ctx.path, value, lang, threshold, display);
  return markdown ? { markdown, range: { start, end } } : undefined;
}
