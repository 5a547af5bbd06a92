// The CLI reads the same settings as the extension: `.vscode/settings.json` (JSON with comments)
// of the workspace root. The file is read with a size limit: a repository can make it anything (a
// link to /dev/zero would otherwise never finish reading).
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
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
        message: `${file}: more than ${MAX_SETTINGS_BYTES} bytes, not read; using the defaults.`,
        messageZh: `${file}：超过 ${MAX_SETTINGS_BYTES} 字节，未读取；使用默认值。`,
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
        message: `${file}: ${printParseErrorCode(error)} at offset ${offset}; using defaults for what could not be read.`,
        messageZh: `${file}：偏移 ${offset} 处有 JSON 错误（${printParseErrorCode(error)}）；无法读取的部分使用默认值。`,
      });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) raw = value as Record<string, unknown>;
  }
  return resolveSettings(raw, warnings);
}
