// How the UI names a value of the schema's enums. Canonical values are English; their Chinese names
// are the aliases users also write in files (schema data, not translations). A Chinese UI shows the
// first alias. What a value or field means is the schema's English documentation through the
// catalog: one lookup here, not a language test at every place that shows a value.
import { localize, type Language } from './l10n';
import type { EnumValueDoc, FieldDoc } from './schema';

/** The value's Chinese name when the UI is Chinese; undefined in English (or when it has none). */
export function valueAlias(doc: { readonly aliases?: readonly string[] } | undefined, lang: Language): string | undefined {
  return lang === 'zh-cn' ? doc?.aliases?.[0] : undefined;
}

/** The value as the UI names it: its Chinese name in Chinese (the value itself when it has none), the value in English. */
export function valueName(value: string, doc: { readonly aliases?: readonly string[] } | undefined, lang: Language): string {
  return valueAlias(doc, lang) ?? value;
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
