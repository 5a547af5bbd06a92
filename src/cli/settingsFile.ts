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
      const { error, offset } = errors[0]!;
      warnings.push({
        key: file,
        message: `${file}: ${printParseErrorCode(error)} at offset ${offset}; using defaults for what could not be read.`,
        messageZh: `${file}：偏移 ${offset} 处有 JSON 错误（${printParseErrorCode(error)}）；无法读取的部分使用默认值。`,
      });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) raw = value as Record<string, unknown>;
  }
  return resolveSettings(raw, warnings);
}
