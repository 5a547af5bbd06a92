// Output formats of `reqdesk validate`: text lines that problem matchers read, a stable JSON
// document, and SARIF 2.1.0 for code scanning.
import { formatMessage, type Language, PROBLEM_MESSAGES, problemTemplate, type ProblemCode } from '../core/messages';
import type { Problem, Severity } from '../core/problems';
import { jsonForTerminal, printable } from '../core/terminalText';
import { LineIndex } from '../core/text';

export interface FileProblems {
  /** Root-relative path with `/` separators. */
  file: string;
  /** The file's text (without BOM) for line/column; undefined when it could not be read. */
  text?: string;
  problems: Problem[];
}

export interface LocatedProblem {
  file: string;
  /** 1-based line and UTF-16 column. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: ProblemCode;
  message: string;
  path?: (string | number)[];
  fixes: string[];
  related: Array<{ file: string; line?: number; column?: number; message: string }>;
}

export function locate(files: readonly FileProblems[], lang: Language, textOf: (file: string) => string | undefined): LocatedProblem[] {
  const out: LocatedProblem[] = [];
  const indexes = new Map<string, LineIndex>();
  const indexOf = (file: string, text?: string) => {
    let index = indexes.get(file);
    const t = text ?? textOf(file);
    if (!index && t !== undefined) indexes.set(file, (index = new LineIndex(t)));
    return index;
  };
  for (const { file, text, problems } of files) {
    const index = indexOf(file, text);
    for (const p of problems) {
      const start = index?.position(p.range.start) ?? { line: 0, column: 0 };
      const end = index?.position(p.range.end) ?? start;
      out.push({
        file,
        line: start.line + 1,
        column: start.column + 1,
        endLine: end.line + 1,
        endColumn: end.column + 1,
        severity: p.severity,
        code: p.code,
        message: formatMessage(p.code, p.args, lang),
        ...(p.path ? { path: p.path } : {}),
        fixes: [...p.fixes],
        related: (p.related ?? []).map((r) => {
          const ri = r.range ? indexOf(r.file) : undefined;
          const pos = r.range && ri ? ri.position(r.range.start) : undefined;
          return { file: r.file, ...(pos ? { line: pos.line + 1, column: pos.column + 1 } : {}), message: r.note };
        }),
      });
    }
  }
  return out.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** One line per problem, whatever the file name or the values quoted in the message hold. */
export function formatText(problems: readonly LocatedProblem[]): string {
  return problems.map((p) => `${printable(p.file)}:${p.line}:${p.column}: ${p.severity} ${p.code} ${printable(p.message)}`).join('\n');
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(problems: readonly LocatedProblem[], files: number): Summary {
  return {
    files,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    infos: problems.filter((p) => p.severity === 'info').length,
  };
}

/** The JSON format: `version` changes only when a field changes meaning or disappears. */
export function formatJson(problems: readonly LocatedProblem[], summary: Summary): string {
  return jsonForTerminal({ version: 1, summary, problems });
}

/**
 * A root-relative path as a URI reference (RFC 3986): each segment percent-encoded as UTF-8, so
 * that `#`, `?`, `%`, `:` and spaces in a file name stay part of the path (`a#b.md` is not `a` with
 * a fragment). Lone surrogates, which have no UTF-8, become U+FFFD.
 */
export function fileUri(file: string): string {
  return file
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(problems: readonly LocatedProblem[], version: string, lang: Language): string {
  const codes = Object.keys(PROBLEM_MESSAGES) as ProblemCode[];
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const defaultLevel = (code: ProblemCode) => problems.find((p) => p.code === code)?.severity ?? 'warning';
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ReqDesk',
            version,
            rules: codes.map((code) => ({
              id: code,
              name: code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: problemTemplate(code, lang).replace(/\{\d+\}/g, '…') },
              defaultConfiguration: { level: SARIF_LEVEL[defaultLevel(code)] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: ruleIndex.get(p.code) ?? 0,
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(p.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: p.line,
                  startColumn: p.column,
                  endLine: p.endLine,
                  endColumn: Math.max(p.endColumn, p.line === p.endLine ? p.column : 1),
                },
              },
            },
          ],
          ...(p.related.length
            ? {
                relatedLocations: p.related.map((r, i) => ({
                  id: i,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: fileUri(r.file), uriBaseId: '%SRCROOT%' },
                    ...(r.line ? { region: { startLine: r.line, startColumn: r.column ?? 1 } } : {}),
                  },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return jsonForTerminal(sarif);
}
