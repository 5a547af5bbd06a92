import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): { ready: boolean } {
  void context;
  return { ready: true };
}

export function deactivate(): void {}
