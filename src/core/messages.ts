// Problem messages are keys with arguments: core never formats for one language. Both faces (the
// extension and the CLI) render through `formatMessage` with the user's language, so a message
// reads the same wherever it is shown. Each code's text is an English template of the one message
// catalog (core/l10n); its Chinese is in the bundle under the same English.

import { localize, type Language } from './l10n';

export { normalizeLanguage, type Language } from './l10n';

export const PROBLEM_MESSAGES = {
  'file-too-large': 'File skipped: {0} bytes is over the {1}-byte limit (reqdesk.validation.maxFileSize).',
  'file-binary': 'File skipped: it contains NUL bytes and is not a text requirement file.',
  'file-unreadable': 'The file could not be read: {0}',
  'file-encoding': 'The file is not valid UTF-8 (first bad byte at offset {0}); characters may be shown wrongly.',
  'frontmatter-missing': 'No front-matter: a requirement file starts with a YAML block between --- lines.',
  'frontmatter-unclosed': 'The front-matter is not closed: add a line with --- after the YAML.',
  'frontmatter-language': 'Front-matter language "{0}" is not allowed: only YAML is read, and code in front-matter is never executed.',
  'frontmatter-not-mapping': 'The front-matter must be a mapping of keys to values, not {0}.',
  'yaml-syntax': 'YAML syntax error: {0}',
  'team-schema-error': 'The team schema has an error, and the built-in schema is used until it is fixed: {0}',
  'yaml-custom-tag': 'Custom YAML tag {0} is not allowed in front-matter.',
  'yaml-alias-limit': 'Too many YAML aliases: the front-matter expands beyond the safety limit (alias bomb?).',
  'yaml-alias-undefined': 'YAML alias *{0} refers to no anchor: define &{0} before it, or write the value itself.',
  'yaml-too-deep': 'Lists or mappings are nested more than {0} levels deep: the front-matter is too deep to read safely.',
  'line-ending-cr':
    "Lone CR line end (old Mac style) in the front-matter: ReqDesk reads LF and CRLF line ends; convert the file's line endings.",
  'required-missing': 'Missing required key "{0}"{1}.',
  'type-mismatch': '"{0}" must be {1}, not {2}.',
  'value-out-of-range': '"{0}" must be {1}; got {2}.',
  'enum-unknown': 'Unknown value "{1}" for "{0}". Expected one of: {2}.{3}',
  'enum-alias': '"{0}" is an alias of "{1}".',
  'value-in-other-field': '"{1}" is a value of "{2}", not of "{0}": move it to {2}. "{0}" is one of: {3}.',
  'key-near-miss': 'Unknown key "{0}": did you mean "{1}"?',
  'date-invalid': '"{0}" is not a real date in YYYY-MM-DD form: {1}.',
  'date-order': '{0} ({1}) is after {2} ({3}).',
  'priority-mismatch':
    'Stored priority {0} disagrees with the scores (importance {1}, urgency {2} → {3}). Fix it, or say why in priority_reason.',
  'decline-reason-missing': 'A declined requirement needs a decline_reason to negotiate with the customer.',
  placeholder: '{0} still holds the placeholder "{1}": write the real text.',
  'closed-without-feedback': 'Closed without customer feedback: record the feedback, or say in no_feedback_reason why none was collected.',
  'closed-without-lessons': 'A solved requirement is closed without lessons: write in lessons what worked and what did not.',
  'outcome-degree-missing':
    'A {0} requirement records no degree met: write outcome.degree (full, partial, alternative or declined), and outcome.measured for the effect against the expected goal.',
  'outcome-declined-no-reason': 'The degree met is declined, but no decline_reason says why: write it, to negotiate with the customer.',
  'change-stage-order': 'Change request {0}: {1} ({2}) is before {3} ({4}).',
  'change-implemented-rejected':
    'Change request {0} was rejected but has an implemented date ({1}): correct the decision, or remove implemented.',
  'change-implemented-undecided':
    'Change request {0} is implemented ({1}) but not decided: record decision: approved, and when in decided.',
  'change-fed-back-unimplemented':
    'Change request {0} is approved and fed back ({1}) but not implemented: record implemented, or feed back once it is.',
  'change-stage-as-decision': '"{0}" is a stage of a change request, not a decision ({1}): keep the decision and record the date in {2}.',
  'task-no-schedule': 'Task {0} has neither start nor depends, so it cannot be scheduled.',
  'task-unknown-dependency': 'Task {0} depends on {1}, which is not a task of this requirement.',
  'task-dependency-cycle': 'Dependency cycle: {0}.',
  'task-date-out-of-range':
    'Task {0} would end after 9999-12-31, the last date that can be written: start it earlier or give it fewer days.',
  'task-duplicate-id': 'Task ID {0} is used twice in this requirement.',
  'related-unknown-id': 'Related requirement {0} does not exist: no record of the workspace has this ID.',
  'merged-id-malformed': 'Merged ID "{0}" does not follow the format {1} with a prefix of {2}: commits and links cannot name it.',
  'merged-id-self': "Merged ID {0} is this requirement's own ID: list only the IDs of requirements merged into it.",
  'merged-id-live':
    'Merged ID {0} is the ID of a live requirement ({1}): an ID leads to one requirement. Give that one a new ID, or remove {0} here.',
  'merged-id-twice': 'Merged ID {0} is also claimed by {1}: an ID leads to one requirement. Keep it in one of them.',
  'id-malformed': 'ID "{0}" does not follow the format {1} with a prefix of {2}.',
  'id-duplicate': 'ID {0} is also used by {1}.',
  'id-duplicate-on-branch': 'ID {0} is also used on another branch by {1}; the two would clash when merged.',
  'vague-wording':
    'Vague wording "{0}": say concretely what the customer needs (e.g. "view the real-time energy data of a device on the phone in one tap").',
  'essential-missing':
    'Missing essential section: {0}. A requirement records description, customer background, scenario and expected goal.',
  'essential-empty': 'The section {0} is empty.',
  'task-late': 'Task {0} is late: it was due on {1} and is not done.',
  'feedback-overdue': 'Customer feedback was due on {0} ({1} ago) and none is recorded: collect it, or move milestones.feedback_due.',
  'delivery-overdue':
    'Planned to be done on {0} ({1} ago) but the status is still {2}: deliver it, or move milestones.planned_done and tell the customer.',
  'feedback-adjustment-due':
    'Feedback of {0} is below expectation (satisfaction {1}): start an adjustment — a change request or a task — by {2}.',
  'feedback-no-adjustment':
    'Feedback of {0} was below expectation (satisfaction {1}) and no adjustment started by {2}: record a change request or add a task (within 24 hours, the seed says).',
  'customer-contact-overdue': 'Last contact with {0} was {1} ago ({2}: every {3}).',
  'contact-customer-unknown':
    'Contact with "{0}", who is not a customer of this requirement ({1}): correct the name, or add "{0}" to requesters.',
  'importance-raised-by-demand':
    'Raised by demand: importance {0} counts as {1}, so the derived priority is {2} ({3}; reqdesk.priority.demand).',
} as const satisfies Record<string, string>;

export type ProblemCode = keyof typeof PROBLEM_MESSAGES;

/** Names of the four essentials, as used in messages (catalog templates). */
export const ESSENTIAL_NAMES = {
  description: 'Description (需求描述)',
  background: 'Customer background (客户背景)',
  scenario: 'Scenario (需求场景)',
  goal: 'Expected goal (期望目标)',
} as const satisfies Record<string, string>;

/** Words used inside messages (type names in "must be a number"), as catalog templates. */
export const MESSAGE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
  date: 'a date',
  'string-or-list': 'text or a list of text',
  '1-to-5': 'a whole number from 1 to 5',
  'at-least-0': 'a whole number, 0 or more',
  'no-customers': 'it names none',
  'key-customers': 'key customers',
  'existing-customers': 'existing customers',
  'new-customers': 'new customers',
  'untiered-customers': 'customers without a tier, as existing ones',
};

/** A problem's message template in a language, its placeholders unfilled (for listings of the rules). */
export function problemTemplate(code: ProblemCode, lang: Language): string {
  return localize(lang, PROBLEM_MESSAGES[code]);
}

/** Arguments starting with `@word:` are translated words; the rest are shown as they are. */
export function word(key: string): string {
  return `@word:${key}`;
}

/** A number of days as an argument (each language says "1 day", "3 days" its own way). */
export function daysArg(days: number): string {
  return `@days:${days}`;
}

/** Which entry a missing key was looked for in, as a suffix argument (" in contacts[0]"). */
export function inEntry(label: string): string {
  return `@in:${label}`;
}

/** Why demand raises importance: a key account who asked, or how many customers did. */
export function askedByArg(reason: { kind: 'key-account'; name: string } | { kind: 'requesters'; count: number }): string {
  return reason.kind === 'key-account' ? `@keyaccount:${reason.name}` : `@customers:${reason.count}`;
}

/** An optional " Did you mean …?" suffix argument. */
export function didYouMean(value: string | undefined): string {
  return value === undefined ? '' : `@didyoumean:${value}`;
}

/** A file argument: each face shows files its own way (relative path, link…). */
export function fileArg(file: string): string {
  return `@file:${file}`;
}

/**
 * The message of a problem in a language. `fileLabel` renders file arguments (the index's keys);
 * by default they are shown as they are.
 */
export function formatMessage(
  code: ProblemCode,
  args: readonly string[],
  lang: Language,
  fileLabel: (file: string) => string = (f) => f,
): string {
  const template = localize(lang, PROBLEM_MESSAGES[code]);
  return template.replace(/\{(\d+)\}/g, (_, i: string) => {
    const raw = args[Number(i)] ?? '';
    // A list argument may hold several files, joined with ", ".
    const arg = raw.includes('@file:') ? raw.replace(/@file:([^,]*)/g, (_m, f: string) => fileLabel(f)) : raw;
    if (arg.startsWith('@word:')) {
      const key = arg.slice('@word:'.length);
      const english = MESSAGE_WORDS[key];
      return english === undefined ? key : localize(lang, english);
    }
    if (arg.startsWith('@essential:')) {
      const key = arg.slice('@essential:'.length) as keyof typeof ESSENTIAL_NAMES;
      const english = ESSENTIAL_NAMES[key] as string | undefined;
      return english === undefined ? key : localize(lang, english);
    }
    if (arg.startsWith('@days:')) {
      const days = Number(arg.slice('@days:'.length));
      return days === 1 ? localize(lang, '1 day') : localize(lang, '{0} days', String(days));
    }
    if (arg.startsWith('@in:')) return localize(lang, ' in {0}', arg.slice('@in:'.length));
    if (arg.startsWith('@keyaccount:')) return localize(lang, 'asked for by the key account {0}', arg.slice('@keyaccount:'.length));
    if (arg.startsWith('@customers:')) return localize(lang, 'asked for by {0} customers', arg.slice('@customers:'.length));
    if (arg.startsWith('@didyoumean:')) {
      const value = arg.slice('@didyoumean:'.length);
      // The suffix follows the sentence before it after a blank, in both languages.
      return ` ${localize(lang, 'Did you mean "{0}"?', value)}`;
    }
    return arg;
  });
}
