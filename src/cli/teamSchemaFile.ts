// The team schema of a workspace for the CLI: `.reqdesk/schema.yaml` under --root, read with a size
// limit. A broken file is reported with file:line:col and the built-in schema is used: the check
// goes on, and says why its results are the built-in ones.
import * as path from 'node:path';
import { localize, localizeLater, type Language } from '../core/l10n';
import { parseTeamSchema, TEAM_SCHEMA_FILE, USING_BUILT_IN, type TeamRules } from '../core/teamSchema';
import { printable } from '../core/terminalText';
import { LineIndex } from '../core/text';
import { readFileBoundedSync } from '../files/boundedRead';

/** Far more than any real schema file. */
const MAX_SCHEMA_BYTES = 1024 * 1024;

export interface TeamSchemaRead {
  /** The effective rules, or null: no schema file, or one with errors. */
  rules: TeamRules | null;
  /** Lines to print: each problem as `file:line:col: error message`, then what is used instead. */
  report: string[];
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
      return { rules: null, report: [message, localize(lang, USING_BUILT_IN.message, TEAM_SCHEMA_FILE)], errors: 1 };
    }
    text = read.bytes.toString('utf8');
  } catch {
    return { rules: null, report: [], errors: 0 };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = parseTeamSchema(text);
  if (result.ok) return { rules: result.rules, report: [], errors: 0 };
  const lines = new LineIndex(text);
  const report = result.problems.map((p) => {
    const at = lines.position(p.range.start);
    return `${TEAM_SCHEMA_FILE}:${at.line + 1}:${at.column + 1}: ${p.severity} ${printable(localizeLater(lang, p.message))}`;
  });
  report.push(localize(lang, USING_BUILT_IN.message, TEAM_SCHEMA_FILE));
  return { rules: null, report, errors: result.problems.length };
}
