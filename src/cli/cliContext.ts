// What every `reqdesk` subcommand shares: the streams and environment it is given, wrong usage as
// an error, the language of its messages, option checks, and the workspace read into an index.
// The dispatcher (main.ts) and each command import it; it imports no command.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { compileIdGrammar } from '../core/ids';
import { enumAt } from '../core/schema';
import { RequirementIndex } from '../core/index';
import { localizable, localize, localizeLater, type Localizable } from '../core/l10n';
import { normalizeLanguage, type Language } from '../core/messages';
import type { SettingsWarning } from '../core/settings';
import { printable } from '../core/terminalText';
import { NodeFileSource } from './nodeFileSource';
import { readWorkspaceSettings } from './settingsFile';
import { readTeamSchema } from './teamSchemaFile';

declare const REQDESK_VERSION: string | undefined;
/** Set by the build; a development build (and the tests) say so. */
export const CLI_VERSION = typeof REQDESK_VERSION === 'string' ? REQDESK_VERSION : '0.0.0-dev';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
}

/**
 * Wrong usage: exit code 2 and the usage text, in the user's language (its `message` is English).
 * A message with a list inside is a function of the language, so the list reads in it too.
 */
export class UsageError extends Error {
  readonly inLanguage: (lang: Language) => string;

  constructor(text: Localizable | ((lang: Language) => string)) {
    const inLanguage = typeof text === 'function' ? text : (lang: Language) => localizeLater(lang, text);
    super(inLanguage('en'));
    this.inLanguage = inLanguage;
  }
}

/** The options of every subcommand that reads a workspace: its folder and the language of the messages. */
export const WORKSPACE_OPTIONS = { root: { type: 'string' }, lang: { type: 'string' } } as const;

/** A subcommand's arguments: its own options and the workspace options, strictly parsed. */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  allowPositionals = false,
) {
  return parseArgs({ args, allowPositionals, strict: true, options: { ...options, ...WORKSPACE_OPTIONS } });
}

/** The option of every subcommand that runs git: which git to run. */
export const GIT_OPTION = { git: { type: 'string', default: 'git' } } as const;

export function languageFrom(flag: string | undefined, env: CliIO['env']): Language {
  return normalizeLanguage(flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
}

/** `value` when it is one of `allowed`; a usage error naming the option otherwise. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(mustBeOneOf(flag, allowed, value));
  return value as T;
}

/**
 * A filter on an enum field of the records: its canonical value or any alias files accept (`新建`,
 * `功能`), so a filter reads what `set` writes and files hold; anything else is a usage error
 * naming the canonical values.
 */
export function enumFilter(value: string | undefined, field: 'type' | 'category' | 'status', flag: string): string | undefined {
  if (value === undefined) return undefined;
  const values = enumAt([field])!;
  if (values.canonical.includes(value)) return value;
  const canonical = values.aliasTo.get(value);
  if (canonical === undefined) throw new UsageError(mustBeOneOf(flag, values.canonical, value));
  return canonical;
}

export function mustBeOneOf(flag: string, allowed: readonly string[], value: string): Localizable {
  return localizable('{0} must be one of: {1} (got "{2}")', flag, allowed.join(', '), value);
}

/** The items of a list inside a sentence: Chinese separates them with 、. */
export function listText(lang: Language, items: readonly string[]): string {
  return items.join(localize(lang, { message: ', ', comment: 'between the items of a list' }));
}

/** An ID no requirement has, with the closest one that exists when there is one. */
export function unknownIdMessage(lang: Language, id: string, suggestion: string | undefined): string {
  return suggestion ? localize(lang, 'unknown ID {0}; did you mean {1}?', id, suggestion) : localize(lang, 'unknown ID {0}', id);
}

/** `lang` is the language of the settings warnings (default: from the environment). */
export async function loadIndex(root: string, paths: readonly string[], io: CliIO, lang: Language = languageFrom(undefined, io.env)) {
  const warnings: SettingsWarning[] = [];
  const settings = readWorkspaceSettings(root, warnings);
  for (const w of warnings) io.err(`reqdesk: ${printable(localizeLater(lang, w.text))}`);
  const grammar = compileIdGrammar(settings.idPrefixes, settings.idFormat);
  const team = readTeamSchema(root, lang);
  for (const line of team.report) io.err(line);
  const index = new RequirementIndex(settings, grammar, undefined, team.rules);
  // The files asked for (default: the whole workspace) are indexed together, so cross-file rules
  // such as duplicate IDs see all of them, as a linter sees the files it is given.
  const source = new NodeFileSource({ root, include: settings.include, exclude: settings.exclude, paths, blockingReads: true });
  await index.build(source);
  const selected = index.all().map((r) => r.file);
  return { index, source, settings, grammar, selected: selected.sort(), teamSchemaErrors: team.errors, teamSchemaFindings: team.findings };
}
