// Starting work on a requirement, the parts that are rules: which statuses move to in-progress, and
// what the commit box is given. The branch name is branchName.ts; git and the editor are the
// extension's. Pure: no I/O.
import { editFields, type EditResult } from './edits';
import { loadYamlCareful, loadYamlFast, splitFile } from './frontmatter';
import type { IdGrammar } from './ids';
import { STATUSES, type Status } from './schema';

export const DEFAULT_COMMIT_TEMPLATE = '{id}: ';

/**
 * The statuses before work starts, in the workflow's order (new → analyzing → planned →
 * in-progress). Starting work moves only these forward; a record already in progress, delivered,
 * verified, closed, declined or on hold keeps its status: nothing is moved back and no decision
 * someone wrote down (declined, on hold) is overruled.
 */
export const BEFORE_WORK: readonly Status[] = ['new', 'analyzing', 'planned'];

const STATUS_OF_ALIAS: ReadonlyMap<string, Status> = new Map(
  (Object.keys(STATUSES) as Status[]).flatMap((s) => [s, ...STATUSES[s].aliases].map((written) => [written, s] as const)),
);

/** The status a record's text writes (an alias such as `新建` read as `new`), or undefined. */
export function statusInText(text: string): Status | undefined {
  const block = splitFile(text).frontMatter;
  if (!block) return undefined;
  const fast = loadYamlFast(block.yaml);
  const value = fast.ok ? fast.value : loadYamlCareful(block.yaml).value;
  const status = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).status : undefined;
  return typeof status === 'string' ? STATUS_OF_ALIAS.get(status.trim()) : undefined;
}

/**
 * The edit that sets the status to in-progress when the record's text is still before work; no
 * edit otherwise. Computed on the text as it is now (unsaved changes, another branch's version).
 */
export function startWorkStatusEdit(text: string): EditResult {
  const status = statusInText(text);
  if (!status || !BEFORE_WORK.includes(status)) return { ok: true, edits: [] };
  return editFields(text, [{ path: ['status'], value: 'in-progress' }]);
}

/** The commit template filled in: `{id}` and `{title}`. A template without `{id}` gets it in front. */
export function commitMessageFrom(template: string, record: { id: string; title?: string }): string {
  const text = template.includes('{id}') ? template : `${DEFAULT_COMMIT_TEMPLATE}${template}`;
  // One line: a title's line breaks would start the commit body.
  return text.replace(/\{(id|title)\}/g, (_, key: string) => (key === 'id' ? record.id : (record.title ?? '').replace(/\s+/g, ' ').trim()));
}

/**
 * What the commit box holds after starting work: unchanged when it already names the requirement
 * (any of its IDs, merged ones included); the filled template when it is empty; otherwise the
 * template in front of what was typed, which is kept.
 */
export function commitBoxAfterStart(
  current: string,
  message: string,
  grammar: IdGrammar,
  idsOfRequirement: readonly string[],
): { value: string; changed: boolean } {
  if (grammar.findReferences(current).some((ref) => idsOfRequirement.includes(ref.id))) return { value: current, changed: false };
  if (!current.trim()) return { value: message, changed: true };
  const separator = /\s$/.test(message) ? '' : ' ';
  return { value: `${message}${separator}${current.replace(/^\s+/, '')}`, changed: true };
}
