/**
 * Requirement coverage: for each requirement, the commits that mention it, the code that mentions
 * it and the tests that do; and the gaps a CI gate fails on:
 *   untested    a delivered or verified requirement no test mentions (code alone does not verify);
 *   unknown-id  a mention in code or a test of an ID no requirement has (a typo, or a requirement
 *               deleted while the code still names it).
 * An ID merged into a requirement is that requirement's, for mentions as for commits.
 *
 * Pure: no I/O, no clock. The caller gives the records, the mentions (codeRefs.ts) and the
 * commits of a set of IDs (CommitLinks.commitsOfAll, or nothing outside a repository).
 */
import { compareCodeRefs, type CodeRef } from './codeRefs';
import { compareIds, type CommitLink } from './commits';

/** The statuses that claim the work is done: a test must say so too. */
export const FINISHED_STATUSES: readonly string[] = Object.freeze(['delivered', 'verified']);

export interface CoverageRecord {
  id: string;
  /** Every ID of the requirement: its own first, then those merged into it. */
  ids: readonly string[];
  status?: string;
  /** Workspace-relative path of the record. */
  file: string;
}

export interface RequirementCoverage {
  id: string;
  status?: string;
  file: string;
  /** Newest first. */
  commits: CommitLink[];
  /** By file, line, column. */
  code: CodeRef[];
  tests: CodeRef[];
}

export type CoverageGap = { kind: 'untested'; id: string; status: string; file: string } | { kind: 'unknown-id'; id: string; ref: CodeRef };

export interface Coverage {
  /** In ID order; two records claiming one ID are both listed (validation reports the duplicate). */
  requirements: RequirementCoverage[];
  /** Mentions of IDs no requirement has, by file, line, column. */
  unknown: CodeRef[];
  /** Untested requirements in ID order, then unknown IDs by place. */
  gaps: CoverageGap[];
}

export function buildCoverage(
  records: readonly CoverageRecord[],
  refs: readonly CodeRef[],
  commitsOf: (ids: readonly string[]) => CommitLink[],
): Coverage {
  const refsById = new Map<string, CodeRef[]>();
  for (const ref of [...refs].sort(compareCodeRefs)) {
    let list = refsById.get(ref.id);
    if (list === undefined) refsById.set(ref.id, (list = []));
    list.push(ref);
  }
  const known = new Set<string>();
  for (const r of records) for (const id of r.ids) known.add(id);

  const sorted = [...records].sort((a, b) => compareIds(a.id, b.id) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const requirements: RequirementCoverage[] = sorted.map((r) => {
    const mentions = r.ids.flatMap((id) => refsById.get(id) ?? []);
    // Merged IDs bring mentions from anywhere: back into one order.
    if (r.ids.length > 1) mentions.sort(compareCodeRefs);
    const coverage: RequirementCoverage = {
      id: r.id,
      file: r.file,
      commits: commitsOf(r.ids),
      code: mentions.filter((m) => m.kind === 'code'),
      tests: mentions.filter((m) => m.kind === 'test'),
    };
    if (r.status !== undefined) coverage.status = r.status;
    return coverage;
  });

  const unknown = [...refsById].filter(([id]) => !known.has(id)).flatMap(([, list]) => list);
  unknown.sort(compareCodeRefs);

  const gaps: CoverageGap[] = [];
  for (const r of requirements) {
    if (r.status !== undefined && FINISHED_STATUSES.includes(r.status) && r.tests.length === 0)
      gaps.push({ kind: 'untested', id: r.id, status: r.status, file: r.file });
  }
  for (const ref of unknown) gaps.push({ kind: 'unknown-id', id: ref.id, ref });
  return { requirements, unknown, gaps };
}
