// The command that opens a webview panel and the serializer that restores it after a reload.
import * as vscode from 'vscode';
import { RequirementNode, TaskNode } from '../tree/nodes';

/**
 * A webview panel's command — from the tree (the requirement to highlight), the palette, a
 * CodeLens, an editor title action (its file) or arguments `{ file }` — and its serializer, so
 * that a panel left open is restored after a window reload.
 */
export function registerPanel(
  panel: { reveal(file?: string): void; attach(p: vscode.WebviewPanel): void } & vscode.Disposable,
  command: string,
  viewType: string,
): vscode.Disposable[] {
  return [
    panel,
    vscode.commands.registerCommand(command, (target?: unknown) => {
      const node = target instanceof TaskNode ? target.parent : target;
      // An editor title action passes the editor's file.
      const file =
        node instanceof RequirementNode
          ? node.summary.file
          : target instanceof vscode.Uri
            ? target.toString()
            : (target as { file?: string } | undefined)?.file;
      panel.reveal(typeof file === 'string' ? file : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(viewType, { deserializeWebviewPanel: async (p) => panel.attach(p) }),
  ];
}
