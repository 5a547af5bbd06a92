// The CLI reads the same settings as the extension: `.vscode/settings.json` (JSON with comments)
// of the workspace root. The file is read with a size limit: a repository can make it anything (a
// link to /dev/zero would otherwise never finish reading).
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { localizable } from '../core/l10n';
import { resolveSettings, type Settings, type SettingsWarning } from '../core/settings';
import { readFileBoundedSync } from '../files/boundedRead';

/** Far more than any real settings file. */
const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

export function readWorkspaceSettings(root: string, warnings: SettingsWarning[]): Settings {
  const file = path.join(root, '.vscode', 'settings.json');
  let raw: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    const read = readFileBoundedSync(file, MAX_SETTINGS_BYTES);
    if (read.ok) text = read.bytes.toString('utf8');
    else {
      warnings.push({
        key: file,
        text: localizable('{0}: more than {1} bytes, not read; using the defaults.', file, MAX_SETTINGS_BYTES),
      });
    }
  } catch {
    // No settings file: defaults.
  }
  if (text !== undefined) {
    const errors: ParseError[] = [];
    const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
    if (errors.length > 0) {
      const { error, offset } = errors[0]!;
      warnings.push({
        key: file,
        text: localizable('{0}: {1} at offset {2}; using defaults for what could not be read.', file, printParseErrorCode(error), offset),
      });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) raw = value as Record<string, unknown>;
  }
  return resolveSettings(raw, warnings);
}
