// IDs that other branches already hold. Two people numbering requirements on two branches each see
// only their own working tree, so both would take the same "next" ID and find out at merge time.
// What the branches hold is read by git (src/git/branchIds.ts); deciding with it is pure and lives
// here, so the extension and the CLI decide the same way.
import { loadYamlCareful, loadYamlFast, splitFile } from './frontmatter';
import { nextId, type IdGrammar } from './ids';
import type { Problem } from './problems';
import type { OffsetRange } from './text';

/** A record file on a branch tip that declares an ID. */
export interface BranchLocation {
  /** Short branch name: `main`, `origin/feature-x`. */
  ref: string;
  /** The file's path, `/`-separated. */
  path: string;
}

/** Each ID to the branch files that declare it. */
export type BranchIds = ReadonlyMap<string, readonly BranchLocation[]>;

/**
 * The next free ID when the IDs on every branch count as taken, not only those of the working
 * tree. Without branch IDs (no repository, git missing) this is `nextId` of the local IDs.
 */
export function nextIdAcrossBranches(
  grammar: IdGrammar,
  localIds: Iterable<string>,
  branchIds: BranchIds | undefined,
  opts: { prefix: string; year?: number },
): string {
  return nextId(grammar, branchIds ? concat(localIds, branchIds.keys()) : localIds, opts);
}

function* concat<T>(a: Iterable<T>, b: Iterable<T>): Iterable<T> {
  yield* a;
  yield* b;
}

/** The part of a requirement record this check reads (RequirementRecord has it). */
export interface LocalRecord {
  file: string;
  id?: string;
  idRange?: OffsetRange;
}

export interface CrossBranchDuplicate {
  id: string;
  /** The working-tree file that declares the ID. */
  file: string;
  idRange?: OffsetRange;
  /** Other files on other branches with the same ID, grouped by path, branches in the given order. */
  elsewhere: Array<{ path: string; refs: string[] }>;
}

/**
 * Working-tree records whose ID another branch gives to a different file. The same path on
 * another branch is the same record (edited there, or not yet merged back), not a duplicate.
 *
 * `currentBranch` (the branch checked out, if any) is left out: the working tree is its newer
 * state, and a file renamed or renumbered since the last commit would otherwise be reported
 * against its own old self. Its upstream is kept: an ID pushed there by someone else is exactly
 * the clash this is for.
 */
export function crossBranchDuplicates(
  localRecords: Iterable<LocalRecord>,
  branchIds: BranchIds,
  currentBranch: string | undefined,
): CrossBranchDuplicate[] {
  const found: CrossBranchDuplicate[] = [];
  for (const record of localRecords) {
    if (!record.id) continue;
    const locations = branchIds.get(record.id);
    if (!locations) continue;
    const byPath = new Map<string, string[]>();
    for (const { ref, path } of locations) {
      if (ref === currentBranch || path === record.file) continue;
      const refs = byPath.get(path);
      if (!refs) byPath.set(path, [ref]);
      else if (!refs.includes(ref)) refs.push(ref);
    }
    if (byPath.size === 0) continue;
    found.push({
      id: record.id,
      file: record.file,
      ...(record.idRange ? { idRange: record.idRange } : {}),
      elsewhere: [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, refs]) => ({ path, refs })),
    });
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `requirements/a.md (feature-a, origin/feature-a)`: the same in both languages. */
export function describeElsewhere(elsewhere: CrossBranchDuplicate['elsewhere']): string {
  return elsewhere.map((e) => `${e.path} (${e.refs.join(', ')})`).join('; ');
}

/**
 * The duplicate as a problem on the `id` value. A warning, not an error: the working tree itself
 * is consistent, and the other branch may never be merged. The branch files are named in the
 * message rather than as related locations, because they need not exist in the working tree.
 */
export function crossBranchProblem(duplicate: CrossBranchDuplicate): Problem {
  return {
    code: 'id-duplicate-on-branch',
    severity: 'warning',
    args: [duplicate.id, describeElsewhere(duplicate.elsewhere)],
    range: duplicate.idRange ?? { start: 0, end: 0 },
    path: ['id'],
    fixes: ['next-free-id'],
  };
}

/**
 * The ID a record file declares, read from its front-matter with the same safe loaders as the
 * index (no code runs, no custom tags, alias limits), or undefined when it declares none that the
 * grammar accepts. A malformed ID cannot collide with one `nextId` hands out, and the branch that
 * has it reports it there.
 */
export function declaredId(text: string, grammar: IdGrammar): string | undefined {
  const fm = splitFile(text).frontMatter;
  // The same files the index takes an ID from: a closed block of plain YAML.
  if (!fm || !fm.closed || (fm.language !== '' && fm.language !== 'yaml' && fm.language !== 'yml')) return undefined;
  const fast = loadYamlFast(fm.yaml);
  const value = fast.ok ? fast.value : loadYamlCareful(fm.yaml).value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'string' && grammar.isValid(id) ? id : undefined;
}
