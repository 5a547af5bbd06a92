// The git branch a requirement is worked on: a name built from a pattern (`reqdesk.startWork.branchPattern`,
// `{id}-{slug}` by default) and the record. Titles are anyone's text — a customer's words, pasted
// from a mail — so whatever they hold, the name is one git accepts as a branch (the rules of
// `git check-ref-format --branch`) and one no shell or git option parser can mistake for
// something else (never a leading `-`).
//
// The slug keeps the title's ASCII words only: Chinese titles have no romanisation here (no pinyin
// table ships with ReqDesk), so a title without Latin letters or digits names its branch by the ID
// only. Pure: no I/O.

export const DEFAULT_BRANCH_PATTERN = '{id}-{slug}';
/** Longest slug: enough words to recognise the branch, short enough for a terminal prompt. */
export const MAX_SLUG_LENGTH = 40;
/** Longest branch name: far below git's and the file systems' limits (255 bytes per component). */
export const MAX_BRANCH_LENGTH = 100;

/** What a pattern's placeholders are filled with. */
export interface BranchNameInput {
  id: string;
  title?: string;
  type?: string;
  /** The git user (`user.name`), when known. */
  user?: string;
}

export interface BranchName {
  name: string;
  /** The title gave no slug (no ASCII words: a Chinese title): the name comes from the ID only. */
  byIdOnly: boolean;
}

/**
 * The title's ASCII words, lower-case, joined by `-`, at most `max` characters and cut between
 * words. Accents are dropped (`Café` → `cafe`); everything else that is not `a`–`z` or `0`–`9`
 * separates words. '' when the title has none.
 */
export function slugOf(title: string, max = MAX_SLUG_LENGTH): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) {
      // A first word longer than the cap is cut rather than lost.
      if (!slug) slug = word.slice(0, max);
      break;
    }
    slug = next;
  }
  return slug;
}

/**
 * The branch name for a record. The pattern's `{id}`, `{slug}`, `{type}` and `{user}` are filled
 * in (an unknown placeholder is kept as text, then made safe like the rest); the result is made a
 * valid branch name. A pattern without `{id}` gets the ID appended; one that gives nothing usable
 * falls back to the ID.
 */
export function branchNameFor(pattern: string, input: BranchNameInput): BranchName {
  const slug = slugOf(input.title ?? '');
  const values: Record<string, string> = {
    id: input.id,
    slug,
    type: slugOf(input.type ?? ''),
    user: slugOf(input.user ?? ''),
  };
  const filled = (pattern.trim() || DEFAULT_BRANCH_PATTERN).replace(/\{(id|slug|type|user)\}/g, (_, key: string) => values[key] ?? '');
  let name = safeBranchName(filled);
  // A pattern without `{id}` (or one that sanitises to nothing) still names the requirement: the
  // ID is appended. '' only when the ID itself has nothing a branch name may hold.
  const id = safeBranchName(input.id);
  if (!name.includes(id)) name = safeBranchName(name ? `${name}-${id}` : id);
  return { name, byIdOnly: slug === '' && pattern.includes('{slug}') };
}

/**
 * Any text made a valid branch name (see isValidBranchName), or '' when nothing of it is left.
 * Characters git forbids or that read badly in a name (spaces, controls, `~^:?*[\`, `@`, emoji,
 * other symbols) become `-`; letters and digits of any script are kept.
 */
export function safeBranchName(text: string): string {
  let name = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._/-]+/gu, '-')
    .replace(/-{2,}/g, '-');
  name = cleanComponents(name);
  if (name.length > MAX_BRANCH_LENGTH) name = cleanComponents(Array.from(name).slice(0, MAX_BRANCH_LENGTH).join(''));
  return name === 'HEAD' ? 'HEAD-branch' : name;
}

/** Each `/`-separated component trimmed of what git refuses at its edges; empty ones dropped. */
function cleanComponents(name: string): string {
  return name
    .replace(/\.{2,}/g, '.')
    .split('/')
    .map(cleanComponent)
    .filter(Boolean)
    .join('/');
}

function cleanComponent(component: string): string {
  let c = component;
  for (;;) {
    // No leading `.` (hidden) or `-` (an option); no trailing `.`, `-` or `.lock` (git's lock files).
    const next = c
      .replace(/^[.-]+/, '')
      .replace(/(\.lock)+$/i, '')
      .replace(/[.-]+$/, '');
    if (next === c) return c;
    c = next;
  }
}

/**
 * Whether git accepts `name` as a branch (`git check-ref-format --branch`), with ReqDesk's
 * stricter edges: no component starting with `-` either, and none ending with `-`.
 */
export function isValidBranchName(name: string): boolean {
  if (!name || name === 'HEAD' || name === '@') return false;
  if (name.startsWith('-')) return false;
  // Controls, DEL, space and git's special characters.
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) return false;
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  return name.split('/').every((c) => c !== '' && !c.startsWith('.') && !c.startsWith('-') && !c.toLowerCase().endsWith('.lock'));
}
