import type { ProblemCode } from './messages';
import type { OffsetRange } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type YamlPath = (string | number)[];

/** The quick fixes a problem offers; the editor issue turns each into a minimal edit. */
export type FixId =
  | 'normalize-alias'
  | 'rename-key'
  | 'replace-value'
  | 'move-value'
  | 'set-derived-priority'
  | 'add-required-key'
  | 'add-decline-reason'
  | 'add-no-feedback-reason'
  | 'add-lessons'
  | 'next-free-id'
  | 'remove-dependency'
  | 'mark-task-done'
  | 'start-task-today'
  | 'write-raised-importance'
  | 'log-customer-contact';

export interface RelatedLocation {
  file: string;
  range?: OffsetRange;
  /** What the related place is, as a problem code's argument. */
  note: string;
}

export interface Problem {
  /** Stable across releases: documented, used by CI filters and SARIF rule ids. */
  code: ProblemCode;
  severity: Severity;
  /** Message arguments; the text is made by `formatMessage` in the user's language. */
  args: string[];
  /** Offsets into the file text without its BOM. */
  range: OffsetRange;
  /** The YAML path the problem is about, when it is about one. */
  path?: YamlPath;
  fixes: readonly FixId[];
  /** Values a fix needs (the suggested key, the derived priority…). */
  data?: Record<string, string>;
  related?: RelatedLocation[];
}

/**
 * Each distinct list of quick fixes, held once and frozen: a problem offers one of a handful of
 * lists, and an index of 50,000 records with late tasks held 100,000 copies of the same few.
 */
export class FixLists {
  private readonly lists = new Map<string, readonly FixId[]>();

  shared(fixes: readonly FixId[]): readonly FixId[] {
    if (Object.isFrozen(fixes)) return fixes;
    const key = fixes.join(' ');
    let held = this.lists.get(key);
    if (!held) this.lists.set(key, (held = Object.freeze([...fixes])));
    return held;
  }
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareProblems(a: Problem, b: Problem): number {
  return a.range.start - b.range.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code);
}
