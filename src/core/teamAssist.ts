// What the editor offers and explains under a team schema (.reqdesk/schema.yaml): keys as the team
// writes them, its statuses with the ReqDesk stage each maps to, its own fields with their labels
// and descriptions in the UI language. Completion, hovers and quick fixes read these; without a team
// schema none of it runs. Pure.
import { localize, localizable, type Language, type Localizable } from './l10n';
import { REQUIRED_KEYS, STATUSES, type Status } from './schema';
import type { TeamField, TeamRules, TeamStatus } from './teamSchema';
import { valueMeaning } from './valueLabel';
import type { YamlPath } from './yamlContext';

/** A text the team wrote in `en` and `zh-cn`. */
type TeamText = { en?: string; zh?: string } | undefined;

/** The team's label in the UI language, or undefined (a label in the other language would not read as one). */
export function teamLabel(text: TeamText, lang: Language): string | undefined {
  return lang === 'zh-cn' ? text?.zh : text?.en;
}

/** The team's description in the UI language, else in the other one: some explanation beats none. */
export function teamDescription(text: TeamText, lang: Language): string | undefined {
  return lang === 'zh-cn' ? (text?.zh ?? text?.en) : (text?.en ?? text?.zh);
}

/** The built-in path a path of the team's file stands for: a renamed top-level key read back. */
export function builtInPath(rules: TeamRules, path: YamlPath): YamlPath {
  const first = path[0];
  const builtIn = typeof first === 'string' ? rules.rename.get(first) : undefined;
  return builtIn === undefined ? path : [builtIn, ...path.slice(1)];
}

/** The key the team writes for a built-in top-level key. */
export function teamKeyOf(rules: TeamRules, builtIn: string): string {
  return rules.renamedFrom.get(builtIn) ?? builtIn;
}

/** Whether a record must have a built-in top-level key under the team's rules (an ID read from elsewhere is no key). */
export function teamRequires(rules: TeamRules, builtIn: string): boolean {
  if (builtIn === 'id' && rules.id.from !== 'key') return false;
  return (REQUIRED_KEYS as readonly string[]).includes(builtIn) && !rules.optional.has(builtIn);
}

/** A team status as completion and hovers show it beside its name: its label, then the stage (`Proposed → new`). */
export function statusDetail(status: TeamStatus, lang: Language): string {
  const label = teamLabel(status, lang);
  return label ? `${label} → ${status.stage}` : `→ ${status.stage}`;
}

/** What the stage a team status maps to means, in the UI language. */
export function stageMeaning(stage: Status, lang: Language): string {
  return localize(lang, "ReqDesk's stage {0}: {1}", `**${stage}**`, valueMeaning(STATUSES[stage], lang));
}

/** "Stands for ReqDesk's `submitted`.": said of a renamed key. */
export function standsFor(builtIn: string, lang: Language): string {
  return localize(lang, "Stands for ReqDesk's {0}.", `\`${builtIn}\``);
}

/** The field's type as its hover names it, and whether a record must have it. */
export function fieldTypeLine(field: TeamField, lang: Language): string {
  return localize(lang, 'Type: {0}', field.type) + (field.required ? ` · ${localize(lang, 'required')}` : '');
}

/** Where a record's ID comes from when a team schema does not read it from a key: said by hovers on the ID. */
export function idOrigin(rules: TeamRules, id: string, file: string | undefined): Localizable | undefined {
  if (rules.id.from === 'file-name' && file !== undefined) {
    return localizable('{0} is read from the file name {1} (team schema).', id, fileName(file));
  }
  if (rules.id.from === 'heading') return localizable('{0} is read from the first heading (team schema).', id);
  return undefined;
}

/** The last segment of a path or URI, decoded when it is percent-encoded (the index keys files by URI). */
function fileName(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
