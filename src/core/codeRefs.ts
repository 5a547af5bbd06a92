/**
 * Requirement IDs mentioned in source files: `// REQ-2026-001`, `it('需求-2024-001 …')`,
 * `@Test // Refs: REQ-…`. The ID grammar is the one commit messages are read with (ids.ts), so a
 * full-width hyphen typed by a Chinese input method is read as `-` here too, and the same
 * boundaries apply (`XREQ-2026-001` is no mention).
 *
 * Which files count, on workspace-relative paths with `/` separators:
 *   - files the exclude globs match are not read at all;
 *   - requirement files (the include globs) and Markdown documents are not code: a README naming
 *     an ID documents it, it neither implements nor tests it;
 *   - every other file is code, or a test when a test glob matches it (DEFAULT_TEST_FILES, the
 *     setting `reqdesk.trace.testFiles`).
 * Any mention in such a file counts, in a comment, a string, a test name or an identifier's
 * neighbourhood alike: telling comments from code needs a parser per language, and an ID written in
 * code is as deliberate as one written in a comment.
 *
 * Pure: no I/O, no clock. The scanners (the CLI's, the editor's) read the files and call here, so
 * ripgrep and the Node walk find the same mentions at the same places.
 */
import picomatch from 'picomatch';
import { HYPHEN_VARIANTS, literalAfterPrefix, type IdGrammar } from './ids';
import { LineIndex } from './text';

/**
 * Test files by the conventions of common ecosystems: test folders (`test/`, `tests/`,
 * `__tests__/`, `spec/`), JavaScript and TypeScript `*.test.*` / `*.spec.*`, Go `*_test.go`,
 * Python `test_*.py` / `*_test.py`, Java and Kotlin `*Test.java` / `*Tests.java` / `*IT.java`,
 * C# `*Tests.cs`, Ruby `*_spec.rb`.
 */
export const DEFAULT_TEST_FILES: readonly string[] = Object.freeze([
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/spec/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*_test.go',
  '**/test_*.py',
  '**/*_test.py',
  '**/*Test.java',
  '**/*Tests.java',
  '**/*IT.java',
  '**/*Test.kt',
  '**/*Tests.kt',
  '**/*Tests.cs',
  '**/*Test.cs',
  '**/*_spec.rb',
]);

/** Markdown documents: they document requirements, they are not code. */
const DOCUMENTS: readonly string[] = ['**/*.md', '**/*.markdown', '**/*.mdx'];

export type CodeRefKind = 'code' | 'test';

export interface CodeRef {
  /** The canonical ID (hyphen variants written as `-`). */
  id: string;
  /** The text as written, when it differs from `id` (a full-width hyphen). */
  written?: string;
  /** Workspace-relative path with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based UTF-16 column, as in validate's output and SARIF's `utf16CodeUnits`. */
  column: number;
  kind: CodeRefKind;
}

export interface CodeFileRules {
  /** Whether a file is read for mentions, and as what: undefined for excluded, requirement and Markdown files. */
  kindOf(file: string): CodeRefKind | undefined;
  /** A folder nothing below which is read (an exclude glob matches it): walks need not enter it. */
  skipsFolder(folder: string): boolean;
}

export interface CodeFileGlobs {
  /** The requirement files' globs (`reqdesk.include`). */
  include: readonly string[];
  /** `reqdesk.exclude` (the extension adds `files.exclude`). */
  exclude: readonly string[];
  /** `reqdesk.trace.testFiles`. */
  testFiles: readonly string[];
}

export function codeFileRules(globs: CodeFileGlobs): CodeFileRules {
  const options = { dot: true };
  const never = () => false;
  const excluded = globs.exclude.length ? picomatch([...globs.exclude], options) : never;
  const records = globs.include.length ? picomatch([...globs.include], options) : never;
  const documents = picomatch([...DOCUMENTS], { ...options, nocase: true });
  const tests = globs.testFiles.length ? picomatch([...globs.testFiles], options) : never;
  return {
    kindOf: (file) => {
      if (excluded(file) || records(file) || documents(file)) return undefined;
      return tests(file) ? 'test' : 'code';
    },
    skipsFolder: (folder) => excluded(folder) || excluded(`${folder}/`),
  };
}

/**
 * The mentions in one file's text (without its BOM), in order. `kind` is the file's, from
 * `CodeFileRules.kindOf`.
 */
export function codeRefsIn(grammar: IdGrammar, file: string, text: string, kind: CodeRefKind): CodeRef[] {
  const found = grammar.findReferences(text);
  if (found.length === 0) return [];
  const lines = new LineIndex(text);
  return found.map((r) => {
    const at = lines.position(r.start);
    const ref: CodeRef = { id: r.id, file, line: at.line + 1, column: at.column + 1, kind };
    if (r.written !== undefined) ref.written = r.written;
    return ref;
  });
}

/** Mentions in a stable order: by file, then line, then column. */
export function compareCodeRefs(a: CodeRef, b: CodeRef): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/**
 * The literal strings at least one of which any mention contains: each prefix followed by the
 * template's text up to its next token, with every hyphen in it as `-` or one of its variants
 * (`REQ-`, `REQ‐`, `REQ‑`, `REQ－`). A pre-filter for ripgrep's fixed-string search; the grammar
 * decides what a mention is. When the variants would multiply past `limit`, the prefixes alone.
 */
export function mentionNeedles(grammar: IdGrammar, limit = 256): string[] {
  const after = literalAfterPrefix(grammar.template);
  const hyphens = ['-', ...HYPHEN_VARIANTS];
  let tails = [''];
  for (const c of after) {
    const options = c === '-' ? hyphens : [c];
    if (tails.length * options.length * grammar.prefixes.length > limit) return [...grammar.prefixes];
    tails = tails.flatMap((t) => options.map((o) => t + o));
  }
  return grammar.prefixes.flatMap((p) => tails.map((t) => p + t));
}
