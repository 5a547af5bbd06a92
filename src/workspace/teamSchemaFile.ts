// The team schema of the open workspace: `.reqdesk/schema.yaml` in the first workspace folder that
// has one, read with a size limit. One schema rules the whole index (the tree groups every record by
// one status list); a schema file in a later folder is not used, and the Problems panel says so on
// that file instead of ignoring it in silence. A broken file is never ignored in silence: its problems go to the log with their
// line and column, a notification says the built-in schema is used until they are fixed, and the
// indexer shows them on their ranges (diagnostics/teamSchemaDiagnostics).
import * as vscode from 'vscode';
import { localize, localizeLater } from '../core/l10n';
import {
  parseTeamSchema,
  SCHEMA_NOT_USED,
  TEAM_SCHEMA_FILE,
  USING_BUILT_IN,
  type TeamRules,
  type TeamSchemaProblem,
} from '../core/teamSchema';
import { LineIndex } from '../core/text';
import { readUriBounded } from './boundedRead';
import { uiLanguage } from './uiText';

/** Far more than any real schema file. */
const MAX_SCHEMA_BYTES = 1024 * 1024;

/** The glob a watcher follows to rebuild when the schema file appears, changes or goes. */
export const TEAM_SCHEMA_GLOB = `**/${TEAM_SCHEMA_FILE}`;
/** The folder that holds it: deleting the folder deletes the file without an event for the file itself. */
export const TEAM_SCHEMA_FOLDER_GLOB = `**/${TEAM_SCHEMA_FILE.split('/')[0]!}`;

export interface WorkspaceTeamSchema {
  /** The effective rules, or null: no schema file, or one with errors. */
  rules: TeamRules | null;
  uri?: vscode.Uri;
  /** The file's text without a byte order mark: the problems' ranges are offsets into it. */
  text: string;
  problems: TeamSchemaProblem[];
  /** Schema files of later folders, which are not used. */
  ignored: vscode.Uri[];
}

const NONE: WorkspaceTeamSchema = { rules: null, text: '', problems: [], ignored: [] };

/** The workspace's team schema; a broken one is reported to the log and in a notification here. */
export async function readWorkspaceTeamSchema(output: vscode.LogOutputChannel): Promise<WorkspaceTeamSchema> {
  let used: WorkspaceTeamSchema = NONE;
  const ignored: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, ...TEAM_SCHEMA_FILE.split('/'));
    if (used.uri) {
      if (await exists(uri)) ignored.push(uri);
      continue;
    }
    const read = await readSchemaFile(output, uri);
    if (read) used = read;
  }
  if (ignored.length && used.uri) {
    const usedPath = vscode.workspace.asRelativePath(used.uri, true);
    for (const uri of ignored) output.warn(localize('en', SCHEMA_NOT_USED.message, usedPath) + ` (${uri.toString(true)})`);
  }
  return { ...used, ignored };
}

/** A folder's schema file read and parsed, or undefined when the folder has none. */
async function readSchemaFile(output: vscode.LogOutputChannel, uri: vscode.Uri): Promise<WorkspaceTeamSchema | undefined> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readUriBounded(uri, MAX_SCHEMA_BYTES));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EFBIG') return undefined; // no schema file here
    warn(output, [`${TEAM_SCHEMA_FILE}: more than ${MAX_SCHEMA_BYTES} bytes, not read.`]);
    return { ...NONE, uri };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = parseTeamSchema(text);
  if (result.ok) return { rules: result.rules, uri, text, problems: [], ignored: [] };
  const lines = new LineIndex(text);
  warn(
    output,
    result.problems.map((p) => {
      const at = lines.position(p.range.start);
      // The log stays English (it is what a bug report quotes).
      return `${TEAM_SCHEMA_FILE}:${at.line + 1}:${at.column + 1}: ${localizeLater('en', p.message)}`;
    }),
  );
  return { rules: null, uri, text, problems: result.problems, ignored: [] };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function warn(output: vscode.LogOutputChannel, lines: string[]): void {
  for (const line of lines) output.warn(line);
  output.warn(localize('en', USING_BUILT_IN.message, TEAM_SCHEMA_FILE));
  void vscode.window.showWarningMessage(`ReqDesk: ${localize(uiLanguage(), USING_BUILT_IN.message, TEAM_SCHEMA_FILE)}`);
}
