// The CLI reads the same settings as the extension: `.vscode/settings.json` (JSON with comments)
// of the workspace root.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { resolveSettings, type Settings, type SettingsWarning } from '../core/settings';

export function readWorkspaceSettings(root: string, warnings: SettingsWarning[]): Settings {
  const file = path.join(root, '.vscode', 'settings.json');
  let raw: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No settings file: defaults.
  }
  if (text !== undefined) {
    const errors: ParseError[] = [];
    const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
    if (errors.length > 0) {
      warnings.push({ key: file, message: `${file}: ${printParseErrorCode(errors[0]!.error)} at offset ${errors[0]!.offset}; using defaults for what could not be read.` });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) raw = value as Record<string, unknown>;
  }
  return resolveSettings(raw, warnings);
}
