// The team schema of a workspace for the CLI: `.reqdesk/schema.yaml` under --root, read with a size
// limit. A broken file is reported with file:line:col and the built-in schema is used: the check
// goes on, and says why its results are the built-in ones.
import * as path from 'node:path';
import { localize, localizeLater, type Language } from '../core/l10n';
import { parseTeamSchema, TEAM_SCHEMA_FILE, USING_BUILT_IN, type TeamRules } from '../core/teamSchema';
import type { Severity } from '../core/problems';
import { printable } from '../core/terminalText';
import { LineIndex } from '../core/text';
import { readFileBoundedSync } from '../files/boundedRead';

/** Far more than any real schema file. */
const MAX_SCHEMA_BYTES = 1024 * 1024;

/** A problem of the schema file with its place (1-based line, UTF-16 column), in the run's language. */
export interface TeamSchemaFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  message: string;
}

export interface TeamSchemaRead {
  /** The effective rules, or null: no schema file, or one with errors. */
  rules: TeamRules | null;
  /** Lines to print: each problem as `file:line:col: error message`, then what is used instead. */
  report: string[];
  /** The same problems for the machine-readable formats (JSON, SARIF). */
  findings: TeamSchemaFinding[];
  /** How many errors the file has (they count as a check's errors). */
  errors: number;
}

export function readTeamSchema(root: string, lang: Language): TeamSchemaRead {
  const file = path.join(root, TEAM_SCHEMA_FILE);
  let text: string;
  try {
    const read = readFileBoundedSync(file, MAX_SCHEMA_BYTES);
    if (!read.ok) {
      const message = localize(lang, '{0}: more than {1} bytes, not read.', TEAM_SCHEMA_FILE, MAX_SCHEMA_BYTES);
      const finding = { line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error' as const, message };
      return { rules: null, report: [message, localize(lang, USING_BUILT_IN.message, TEAM_SCHEMA_FILE)], findings: [finding], errors: 1 };
    }
    text = read.bytes.toString('utf8');
  } catch {
    return { rules: null, report: [], findings: [], errors: 0 };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = parseTeamSchema(text);
  if (result.ok) return { rules: result.rules, report: [], findings: [], errors: 0 };
  const lines = new LineIndex(text);
  const findings = result.problems.map((p): TeamSchemaFinding => {
    const start = lines.position(p.range.start);
    const end = lines.position(p.range.end);
    const message = localizeLater(lang, p.message);
    return {
      line: start.line + 1,
      column: start.column + 1,
      endLine: end.line + 1,
      endColumn: end.column + 1,
      severity: p.severity,
      message,
    };
  });
  const report = findings.map((f) => `${TEAM_SCHEMA_FILE}:${f.line}:${f.column}: ${f.severity} ${printable(f.message)}`);
  report.push(localize(lang, USING_BUILT_IN.message, TEAM_SCHEMA_FILE));
  return { rules: null, report, findings, errors: result.problems.length };
}
