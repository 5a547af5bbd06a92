// The one way ReqDesk turns a message into text, in every face: the extension, the webviews (through
// their host), the CLI, reports and templates. A message is its English text with {0}-style
// placeholders; the Chinese text is looked up in the one bundle, l10n/bundle.l10n.zh-cn.json, keyed
// by the English text (VS Code's l10n bundle format). The language is an argument, not process
// state, so core stays pure and one process can write a report in a language other than its own.
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';

export type Language = 'en' | 'zh-cn';

/** Any `zh*` locale reads Chinese; everything else reads English. */
export function normalizeLanguage(lang: string | undefined): Language {
  return lang && /^zh/i.test(lang) ? 'zh-cn' : 'en';
}

export type Placeholder = string | number;

/**
 * A message that needs a note for its translator, because the same English means different things
 * in different places ("Open" the verb, "open" the status). Its bundle key is `message/comment`.
 */
export interface MessageWithComment {
  readonly message: string;
  readonly comment: string;
}

const BUNDLES: Record<Language, Readonly<Record<string, string>>> = { en: {}, 'zh-cn': zhCn };

/** `message` in `lang`, with `{0}`, `{1}`… replaced by `args`. A message missing from the bundle reads in English. */
export function localize(lang: Language, message: string | MessageWithComment, ...args: readonly Placeholder[]): string {
  const english = typeof message === 'string' ? message : message.message;
  const key = typeof message === 'string' ? message : `${message.message}/${message.comment}`;
  const template = BUNDLES[lang][key] ?? english;
  return args.length === 0
    ? template
    : template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

/** A message kept for later: core returns these where the language is not known yet. */
export interface Localizable {
  readonly message: string | MessageWithComment;
  readonly args: readonly Placeholder[];
}

export function localizable(message: string | MessageWithComment, ...args: readonly Placeholder[]): Localizable {
  return { message, args };
}

export function localizeLater(lang: Language, text: Localizable): string {
  return localize(lang, text.message, ...text.args);
}
