// `reqdesk adopt <folder>`: a team's existing records made ReqDesk's without touching a file of
// theirs. Reads the folder's Markdown files, prints the draft team schema inferred from them
// (core/adoptSchema) and the settings they need; without --dry-run writes `.reqdesk/schema.yaml`
// (never over an existing one unless --force) and merges the settings into `.vscode/settings.json`,
// keeping its comments and other keys.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { inferAdoptDraft, settingsToWrite, type AdoptFile } from '../core/adoptSchema';
import { localizable, localize, localizeLater } from '../core/l10n';
import { DEFAULT_SETTINGS } from '../core/settings';
import { TEAM_SCHEMA_FILE } from '../core/teamSchema';
import { printable } from '../core/terminalText';
import { readFileBoundedSync } from '../files/boundedRead';
import { createFileSafely, isInside, writeFileSafely, type WritePolicy } from '../files/safeFiles';
import { languageFrom, parseCommandArgs, UsageError, type CliIO } from './cliContext';
import { readSettingsText, SETTINGS_FILE, settingsWithValues } from './settingsFile';

/** Folders that never hold a team's records. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.reqdesk', '.vscode']);
/** More Markdown files than any folder of records; the walk stops there. */
const MAX_FILES = 20_000;

export async function adoptCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { 'dry-run': { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
    true,
  );
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  if (positionals.length !== 1) throw new UsageError(localizable('adopt takes one folder: reqdesk adopt <folder>'));
  const folder = path.resolve(root, positionals[0]!);
  if (!isInside(root, folder)) throw new UsageError(localizable('{0} is not inside the workspace {1}', positionals[0]!, root));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(localizable('{0} is not a folder', positionals[0]!));
  const relative = path.relative(root, folder).split(path.sep).join('/');

  const files = markdownFiles(root, folder, DEFAULT_SETTINGS.maxFileBytes, (file) =>
    io.err(localize(lang, '{0}: more than {1} bytes, not read.', printable(file), DEFAULT_SETTINGS.maxFileBytes)),
  );
  const draft = inferAdoptDraft(relative, files);
  if (draft.records.length === 0) {
    io.err(localize(lang, 'No Markdown file with front-matter under {0}: nothing to adopt.', printable(relative || '.')));
    return 1;
  }

  const settingsText = readSettingsText(root);
  if (settingsText.error) {
    io.err(`reqdesk: ${printable(localizeLater(lang, settingsText.error))}`);
    io.err(localize(lang, 'Nothing was written.'));
    return 1;
  }
  const toWrite = settingsToWrite(draft.settings, (key) => settingsText.values[key]);

  io.out(
    localize(lang, '{0} records in {1}; {2} other files left out.', draft.records.length, printable(relative || '.'), draft.leftOut.length),
  );
  io.out('');
  io.out(`# ${TEAM_SCHEMA_FILE}`);
  for (const line of draft.schema.trimEnd().split('\n')) io.out(printable(line));
  io.out('');
  io.out(`# ${SETTINGS_FILE}`);
  for (const line of JSON.stringify(toWrite, null, 2).split('\n')) io.out(printable(line));
  if (values['dry-run']) {
    io.out('');
    io.out(localize(lang, 'Nothing was written (--dry-run).'));
    return 0;
  }

  const policy: WritePolicy = { root, origin: 'workspace' };
  const schemaPath = path.join(root, TEAM_SCHEMA_FILE);
  if (existsSync(schemaPath) && !values.force) {
    io.err(localize(lang, '{0} exists already: it is kept. Give --force to replace it with the draft.', TEAM_SCHEMA_FILE));
    io.err(localize(lang, 'Nothing was written.'));
    return 1;
  }
  if (existsSync(schemaPath)) writeFileSafely(schemaPath, draft.schema, policy);
  else createFileSafely(schemaPath, draft.schema, policy);
  const settingsPath = path.join(root, SETTINGS_FILE);
  writeFileSafely(settingsPath, settingsWithValues(settingsText.text ?? '{}', toWrite), policy);
  io.out('');
  io.out(localize(lang, 'Wrote {0} and {1}. Run reqdesk validate to check the records.', TEAM_SCHEMA_FILE, SETTINGS_FILE));
  return 0;
}

/** The folder's Markdown files, workspace-relative, without following links or entering tool folders. */
function markdownFiles(root: string, folder: string, maxBytes: number, tooLarge: (file: string) => void): AdoptFile[] {
  const files: AdoptFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (files.length >= MAX_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        const relative = path.relative(root, full).split(path.sep).join('/');
        const read = readFileBoundedSync(full, maxBytes, { noFollow: true });
        if (read.ok) files.push({ path: relative, text: read.bytes.toString('utf8') });
        else tooLarge(relative);
      }
    }
  };
  walk(folder);
  return files;
}
