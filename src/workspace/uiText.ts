// The extension's face of the one message catalog (core/l10n): VS Code's display language, and
// `l10n.t` as the glue writes it. Everything the extension shows goes through here or through core
// functions given `uiLanguage()`, so the English and Chinese UIs read from one bundle.
import * as vscode from 'vscode';
import { localize, normalizeLanguage, type Language, type MessageWithComment, type Placeholder } from '../core/l10n';
import { aliasDisplayOf, type AliasDisplay } from '../core/valueLabel';

/** VS Code's display language, as one of the languages the bundle holds. */
export function uiLanguage(): Language {
  return normalizeLanguage(vscode.env.language);
}

/** `reqdesk.ui.showAliases`: where the Chinese names of values show (read each time: it applies without a reload). */
export function aliasDisplay(): AliasDisplay {
  return aliasDisplayOf(vscode.workspace.getConfiguration('reqdesk').get('ui.showAliases'));
}

export const l10n = {
  t(message: string | MessageWithComment, ...args: readonly Placeholder[]): string {
    return localize(uiLanguage(), message, ...args);
  },
};
