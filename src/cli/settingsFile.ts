// The CLI reads the same settings as the extension: `.vscode/settings.json` (JSON with comments)
// of the workspace root. The file is read with a size limit: a repository can make it anything (a
// link to /dev/zero would otherwise never finish reading).
import * as path from 'node:path';
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { localizable, type Localizable } from '../core/l10n';
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

/** Where the workspace's settings live, relative to its root. */
export const SETTINGS_FILE = '.vscode/settings.json';

export interface SettingsText {
  /** The file's text; undefined when there is no file. */
  text?: string;
  /** Its values (empty without a file). */
  values: Record<string, unknown>;
  /** Why it cannot be edited without losing something: too large, or not valid JSON with comments. */
  error?: Localizable;
}

/** The settings file as a command that edits it needs it: its text, its values, or why not to touch it. */
export function readSettingsText(root: string): SettingsText {
  const file = path.join(root, SETTINGS_FILE);
  let text: string;
  try {
    const read = readFileBoundedSync(file, MAX_SETTINGS_BYTES, { noFollow: true });
    if (!read.ok) return { values: {}, error: localizable('{0}: more than {1} bytes, not read.', SETTINGS_FILE, MAX_SETTINGS_BYTES) };
    text = read.bytes.toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { values: {} };
    throw error;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length > 0 || (text.trim() !== '' && (!value || typeof value !== 'object' || Array.isArray(value)))) {
    const at = errors[0];
    return {
      text,
      values: {},
      error: localizable(
        '{0}: {1} at offset {2}; fix it first, it is not edited.',
        SETTINGS_FILE,
        at ? printParseErrorCode(at.error) : 'not an object',
        at?.offset ?? 0,
      ),
    };
  }
  return { text, values: (value ?? {}) as Record<string, unknown> };
}

/** The settings text with each key set to its value; comments, other keys and their order kept. */
export function settingsWithValues(text: string, values: Readonly<Record<string, unknown>>): string {
  let out = text.trim() === '' ? '{}\n' : text;
  const eol = out.includes('\r\n') ? '\r\n' : '\n';
  for (const [key, value] of Object.entries(values)) {
    out = applyEdits(out, modify(out, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } }));
  }
  return out.endsWith(eol) ? out : `${out}${eol}`;
}
