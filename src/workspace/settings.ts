import * as vscode from 'vscode';
import { resolveSettings, type Settings, type SettingsWarning } from '../core/settings';

/** ReqDesk settings from VS Code's configuration, with `files.exclude` added to the excludes. */
export function readSettings(scope?: vscode.ConfigurationScope): { settings: Settings; warnings: SettingsWarning[] } {
  const config = vscode.workspace.getConfiguration(undefined, scope);
  const warnings: SettingsWarning[] = [];
  const settings = resolveSettings((key) => {
    const inspected = config.inspect(key);
    // Only values the user set: the defaults live in core, not twice.
    return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  }, warnings);
  const filesExclude = config.get<Record<string, boolean>>('files.exclude') ?? {};
  // A copy: the list can be the configuration's own array, which VS Code hands out again (to
  // inspect(), to a command that writes the setting back), and must not grow files.exclude.
  settings.exclude = [...settings.exclude];
  for (const [glob, on] of Object.entries(filesExclude)) if (on === true) settings.exclude.push(glob);
  return { settings, warnings };
}

export function affectsReqDesk(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('reqdesk') || event.affectsConfiguration('files.exclude');
}
