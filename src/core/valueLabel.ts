// How the UI names a value of the schema's enums. Canonical values are English; their Chinese names
// are the aliases users also write in files (schema data, not translations). Whether the UI shows
// them is the `reqdesk.ui.showAliases` setting: by default only a Chinese UI does, so an English UI
// reads in one language; a bilingual team can ask for them everywhere. What a value or field means
// is the schema's English documentation through the catalog: one lookup here, not a language test
// at every place that shows a value.
import { localize, type Language } from './l10n';
import type { EnumValueDoc, FieldDoc } from './schema';

/** `reqdesk.ui.showAliases`: `auto` shows the Chinese names in a Chinese UI only. */
export const ALIAS_DISPLAYS = ['auto', 'always', 'never'] as const;
export type AliasDisplay = (typeof ALIAS_DISPLAYS)[number];

/** The setting's value, `auto` for anything else (a typo in settings must not hide or force names). */
export function aliasDisplayOf(raw: unknown): AliasDisplay {
  return (ALIAS_DISPLAYS as readonly unknown[]).includes(raw) ? (raw as AliasDisplay) : 'auto';
}

/** Whether a UI in `lang` shows the Chinese names of values under the setting. */
export function showsAliases(lang: Language, display: AliasDisplay = 'auto'): boolean {
  return display === 'always' || (display === 'auto' && lang === 'zh-cn');
}

/** The value's Chinese name when the UI shows aliases; undefined otherwise (or when it has none). */
export function valueAlias(
  doc: { readonly aliases?: readonly string[] } | undefined,
  lang: Language,
  display: AliasDisplay = 'auto',
): string | undefined {
  return showsAliases(lang, display) ? doc?.aliases?.[0] : undefined;
}

/** The value as the UI names it: its Chinese name in Chinese (the value itself when it has none), the value in English. */
export function valueName(value: string, doc: { readonly aliases?: readonly string[] } | undefined, lang: Language): string {
  return (lang === 'zh-cn' ? doc?.aliases?.[0] : undefined) ?? value;
}

/**
 * A value with its Chinese name when the UI shows aliases ("functional 功能"; the value alone when
 * it does not, or has no name).
 */
export function valueLabel(
  value: string,
  doc: { readonly aliases?: readonly string[] } | undefined,
  lang: Language,
  display: AliasDisplay = 'auto',
): string {
  const alias = valueAlias(doc, lang, display);
  return alias ? valueWithName(value, alias, lang) : value;
}

const CHINESE_TERM = /\s*[(（][^()（）]*[\u3400-\u9fff][^()（）]*[)）]/gu;

/**
 * English documentation without the Chinese terms it names in parentheses ("Requirement type
 * (需求类型)." → "Requirement type."): those are the field's Chinese names, shown only where the
 * UI shows aliases.
 */
export function withoutChineseTerms(text: string): string {
  return text.replace(CHINESE_TERM, '');
}

/** The value and its Chinese name, in the order the language reads them ("functional 功能", "功能 functional"). */
export function valueWithName(value: string, name: string, lang: Language): string {
  return localize(lang, { message: '{0} {1}', comment: 'an enum value, then its Chinese name' }, value, name);
}

/** What the schema says a value means, in the language. */
export function valueMeaning(doc: Pick<EnumValueDoc, 'en'>, lang: Language): string {
  return localize(lang, doc.en);
}

/** What the schema says a field means, in the language. */
export function fieldMeaning(doc: FieldDoc, lang: Language): string {
  return localize(lang, doc.description);
}
