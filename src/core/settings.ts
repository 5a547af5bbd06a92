// One settings shape for both faces: the extension reads VS Code's configuration, the CLI reads the
// workspace's .vscode/settings.json; both hand the raw `reqdesk.*` values to `resolveSettings`, so
// the two can never disagree on a default.
import { DEFAULT_TEST_FILES } from './codeRefs';
import type { ContactCadence } from './contactCadence';
import { DEMAND_OFF, type DemandRule } from './demand';
import { compileIdGrammar } from './ids';
import { localizable, type Localizable } from './l10n';
import { DEFAULT_PLACEHOLDERS } from './placeholders';
import { DEFAULT_RANKING, isRanking, RANK_CRITERIA, type RankCriterion } from './ranking';

export interface Settings {
  /** Globs (workspace-relative, `/` separators) of requirement files. */
  include: string[];
  /** Globs excluded on top of `include` (the extension adds `files.exclude`). */
  exclude: string[];
  idPrefixes: string[];
  idFormat: string;
  /** A score at or above this is "high" in the importance × urgency rule. */
  priorityThreshold: number;
  /** ISO weekdays counted as working days, 1 = Monday … 7 = Sunday. */
  workdays: number[];
  /** Non-working dates, `YYYY-MM-DD`. */
  holidays: string[];
  /** Phrases that make a requirement vague (matched case-insensitively in the title and the four essentials). */
  vagueWords: string[];
  /** Filler text (TODO, 待填写…) that counts as missing in required text and the four essentials. */
  placeholders: string[];
  /** Files larger than this are skipped with a message. */
  maxFileBytes: number;
  /** Customer satisfaction at or below this starts the 24-hour adjustment rule (0: off). */
  lowSatisfaction: number;
  /** How often customers of each tier should hear from us, in days (0: no cadence for that tier). */
  contactEveryDays: ContactCadence;
  /** When demand (a key account, many customers) raises importance for the derived priority; off by default. */
  demand: DemandRule;
  /** The criteria that order requirements within a priority level, first decides first (see core/ranking). */
  ranking: RankCriterion[];
  /** Globs of test files: an ID mentioned there tests the requirement (see core/codeRefs). */
  testFiles: string[];
}

export const DEFAULT_VAGUE_WORDS: readonly string[] = [
  '希望能更方便',
  '更方便',
  '更好用',
  '尽快',
  '优化一下',
  '提升体验',
  '等等',
  'user-friendly',
  'easy to use',
  'easier',
  'as soon as possible',
  'asap',
  'better experience',
  'improve performance',
  'etc.',
];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  include: ['**/requirements/**/*.md'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  idPrefixes: ['REQ', '需求'],
  idFormat: '{prefix}-{year}-{seq:3}',
  priorityThreshold: 4,
  workdays: [1, 2, 3, 4, 5],
  holidays: [],
  vagueWords: [...DEFAULT_VAGUE_WORDS],
  placeholders: [...DEFAULT_PLACEHOLDERS],
  maxFileBytes: 1024 * 1024,
  lowSatisfaction: 2,
  contactEveryDays: Object.freeze({ key: 14, existing: 30, new: 60 }),
  demand: DEMAND_OFF,
  ranking: [...DEFAULT_RANKING],
  testFiles: [...DEFAULT_TEST_FILES],
});

/** The setting keys as they appear in VS Code's configuration and in settings.json. */
export const SETTING_KEYS = {
  include: 'reqdesk.include',
  exclude: 'reqdesk.exclude',
  idPrefixes: 'reqdesk.id.prefixes',
  idFormat: 'reqdesk.id.format',
  priorityThreshold: 'reqdesk.priority.threshold',
  workdays: 'reqdesk.schedule.workdays',
  holidays: 'reqdesk.schedule.holidays',
  vagueWords: 'reqdesk.validation.vagueWords',
  placeholders: 'reqdesk.placeholders',
  maxFileBytes: 'reqdesk.validation.maxFileSize',
  lowSatisfaction: 'reqdesk.feedback.lowSatisfaction',
  contactEveryDays: 'reqdesk.customers.contactEveryDays',
  demand: 'reqdesk.priority.demand',
  ranking: 'reqdesk.ranking',
  testFiles: 'reqdesk.trace.testFiles',
} as const satisfies Record<keyof Settings, string>;

export interface SettingsWarning {
  key: string;
  /** What is wrong and what is used instead; each face shows it in its language. */
  text: Localizable;
}

/**
 * Whether text that becomes part of a file name (an ID prefix, the ID template: `import` and New
 * Requirement name files `<ID>….md`) could lead the file elsewhere: a path separator, `..`, NUL or
 * another control character.
 */
export function unsafeInFileName(text: string): boolean {
  return /[/\\\u0000-\u001f\u007f-\u009f]/.test(text) || text.includes('..');
}

/** Whether an ID template is usable: it compiles (every token known, {seq:N} in range) and is safe in file names. */
function validIdFormat(format: string, prefixes: readonly string[]): boolean {
  if (unsafeInFileName(format)) return false;
  try {
    compileIdGrammar(prefixes, format);
    return true;
  } catch {
    return false;
  }
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return items.length === value.length ? items : undefined;
}

/**
 * Turns raw `reqdesk.*` values (flat keys as in settings.json, or a lookup function) into
 * complete settings. A value of the wrong shape falls back to the default with a warning instead of
 * failing: a typo in settings must never stop validation.
 */
export function resolveSettings(
  raw: Readonly<Record<string, unknown>> | ((key: string) => unknown),
  warnings: SettingsWarning[] = [],
): Settings {
  const get = typeof raw === 'function' ? raw : (key: string) => raw[key];
  const out: Settings = {
    ...DEFAULT_SETTINGS,
    vagueWords: [...DEFAULT_SETTINGS.vagueWords],
    placeholders: [...DEFAULT_SETTINGS.placeholders],
    contactEveryDays: { ...DEFAULT_SETTINGS.contactEveryDays },
    demand: { ...DEFAULT_SETTINGS.demand },
    ranking: [...DEFAULT_SETTINGS.ranking],
    testFiles: [...DEFAULT_SETTINGS.testFiles],
  };
  const bad = (key: string, text: Localizable) => warnings.push({ key, text });

  const lists = ['include', 'exclude', 'idPrefixes', 'holidays', 'vagueWords', 'placeholders', 'testFiles'] as const;
  for (const name of lists) {
    const key = SETTING_KEYS[name];
    const value = get(key);
    if (value === undefined || value === null) continue;
    const list = stringList(value);
    if (name === 'idPrefixes' && list?.some(unsafeInFileName))
      bad(
        key,
        localizable(
          'Setting {0} must be a list of prefixes without /, \\, .. or control characters (IDs become file names); using the default.',
          key,
        ),
      );
    else if (list && (name !== 'include' && name !== 'idPrefixes' ? true : list.length > 0)) out[name] = list;
    else bad(key, localizable('Setting {0} must be a list of non-empty strings; using the default.', key));
  }

  const format = get(SETTING_KEYS.idFormat);
  if (format !== undefined && format !== null) {
    // Checked whole here, where a bad value can fall back to the default: a template that only
    // fails later, when the grammar is compiled, would stop every command.
    if (typeof format === 'string' && validIdFormat(format, out.idPrefixes)) out.idFormat = format;
    else {
      bad(
        SETTING_KEYS.idFormat,
        localizable(
          'Setting {0} must be a template with {prefix} and {seq} or {seq:N} (N from 1 to 15) once each, optionally {year}, and no /, \\, .. or control characters (IDs become file names); using the default.',
          SETTING_KEYS.idFormat,
        ),
      );
    }
  }

  const threshold = get(SETTING_KEYS.priorityThreshold);
  if (threshold !== undefined && threshold !== null) {
    if (typeof threshold === 'number' && Number.isInteger(threshold) && threshold >= 1 && threshold <= 5) {
      out.priorityThreshold = threshold;
    } else
      bad(
        SETTING_KEYS.priorityThreshold,
        localizable('Setting {0} must be a whole number from 1 to 5; using the default.', SETTING_KEYS.priorityThreshold),
      );
  }

  const workdays = get(SETTING_KEYS.workdays);
  if (workdays !== undefined && workdays !== null) {
    if (
      Array.isArray(workdays) &&
      workdays.length > 0 &&
      workdays.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 7)
    ) {
      out.workdays = [...new Set(workdays as number[])].sort();
    } else
      bad(
        SETTING_KEYS.workdays,
        localizable(
          'Setting {0} must be a non-empty list of ISO weekdays 1 (Monday) to 7 (Sunday); using the default.',
          SETTING_KEYS.workdays,
        ),
      );
  }
  if (out.holidays.some((h) => !/^\d{4}-\d{2}-\d{2}$/.test(h))) {
    bad(SETTING_KEYS.holidays, localizable('Setting {0} must be a list of YYYY-MM-DD dates; using the default.', SETTING_KEYS.holidays));
    out.holidays = [];
  }

  const maxSize = get(SETTING_KEYS.maxFileBytes);
  if (maxSize !== undefined && maxSize !== null) {
    if (typeof maxSize === 'number' && Number.isFinite(maxSize) && maxSize >= 1024) out.maxFileBytes = Math.floor(maxSize);
    else
      bad(
        SETTING_KEYS.maxFileBytes,
        localizable('Setting {0} must be a number of bytes, at least 1024; using the default.', SETTING_KEYS.maxFileBytes),
      );
  }

  const low = get(SETTING_KEYS.lowSatisfaction);
  if (low !== undefined && low !== null) {
    if (typeof low === 'number' && Number.isInteger(low) && low >= 0 && low <= 4) out.lowSatisfaction = low;
    else
      bad(
        SETTING_KEYS.lowSatisfaction,
        localizable('Setting {0} must be a whole number from 0 (off) to 4; using the default.', SETTING_KEYS.lowSatisfaction),
      );
  }

  const cadence = get(SETTING_KEYS.contactEveryDays);
  if (cadence !== undefined && cadence !== null) {
    const read = contactCadenceOf(cadence);
    if (read) out.contactEveryDays = { ...out.contactEveryDays, ...read };
    else
      bad(
        SETTING_KEYS.contactEveryDays,
        localizable(
          'Setting {0} must map the tiers key, existing and new to whole numbers of days from 0 (no cadence) to 3650; using the default.',
          SETTING_KEYS.contactEveryDays,
        ),
      );
  }

  const demand = get(SETTING_KEYS.demand);
  if (demand !== undefined && demand !== null) {
    const read = demandRuleOf(demand);
    if (read) out.demand = read;
    else
      bad(
        SETTING_KEYS.demand,
        localizable(
          'Setting {0} must be a mapping with keyAccountRaisesImportance (true or false) and requestersForRaise (a whole number, 0 for off); using the default (off).',
          SETTING_KEYS.demand,
        ),
      );
  }

  const ranking = get(SETTING_KEYS.ranking);
  if (ranking !== undefined && ranking !== null) {
    if (isRanking(ranking)) out.ranking = [...ranking];
    else
      bad(
        SETTING_KEYS.ranking,
        localizable(
          'Setting {0} must be a list of distinct criteria among {1}; using the default ({2}).',
          SETTING_KEYS.ranking,
          RANK_CRITERIA.join(', '),
          DEFAULT_RANKING.join(', '),
        ),
      );
  }
  return out;
}

const isPlainMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The tiers a cadence names (a tier left out keeps its default), or undefined for a value of the wrong shape. */
function contactCadenceOf(value: unknown): Partial<ContactCadence> | undefined {
  if (!isPlainMapping(value)) return undefined;
  const out: Partial<ContactCadence> = {};
  for (const [tier, days] of Object.entries(value)) {
    if (tier !== 'key' && tier !== 'existing' && tier !== 'new') return undefined;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 3650) return undefined;
    out[tier] = days;
  }
  return out;
}

/** The demand rule a value spells (a part left out is off), or undefined for a value of the wrong shape. */
function demandRuleOf(value: unknown): DemandRule | undefined {
  if (!isPlainMapping(value)) return undefined;
  const rule: DemandRule = { ...DEMAND_OFF };
  for (const [key, v] of Object.entries(value)) {
    if (key === 'keyAccountRaisesImportance' && typeof v === 'boolean') rule.keyAccountRaisesImportance = v;
    else if (key === 'requestersForRaise' && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1000)
      rule.requestersForRaise = v;
    else return undefined;
  }
  return rule;
}

/** A stable fingerprint of everything that changes a file's validation result (for caches). */
export function settingsFingerprint(settings: Settings): string {
  return JSON.stringify([
    settings.idPrefixes,
    settings.idFormat,
    settings.priorityThreshold,
    settings.workdays,
    settings.holidays,
    settings.vagueWords,
    settings.placeholders,
    settings.maxFileBytes,
    // The derived priority and the demand hint are part of each record's analysis.
    settings.demand,
  ]);
}
