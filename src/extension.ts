// Activation registers and returns: the engine (parser, schema, index) is loaded and the index
// built after activate() has returned, so VS Code's startup never waits on ReqDesk.
import * as vscode from 'vscode';
import type { Engine, EngineApi } from './engine';
import type { StartupTimes } from './workspace/startupTimes';

/** What the extension exports (used by tests and by other extensions). */
export interface ReqDeskApi {
  /** Milliseconds `activate()` took. */
  readonly activationMs: number;
  readonly startup: StartupTimes;
  /** Resolves with the engine once the first index build is in the tree (its problems follow: `settled()`). */
  ready(): Promise<EngineApi>;
}

export function activate(context: vscode.ExtensionContext): ReqDeskApi {
  const started = performance.now();
  const startup: StartupTimes = { activatedAt: started };
  const output = vscode.window.createOutputChannel('ReqDesk', { log: true });
  context.subscriptions.push(output);

  let engine: Promise<Engine> | undefined;
  const load = (): Promise<Engine> => {
    // The engine bundle is required lazily: ~600 KB of parsers that activation must not wait on.
    engine ??= Promise.resolve().then(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
      const { startEngine } = require('./engine.js') as typeof import('./engine');
      return startEngine(context, output, startup);
    });
    return engine;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('reqdesk.rebuildIndex', async () => (await load()).rebuild()),
    vscode.commands.registerCommand('reqdesk.showOutput', () => output.show()),
    vscode.commands.registerCommand('reqdesk.gettingStarted', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false),
    ),
  );

  const timer = setTimeout(() => {
    load().catch((error: unknown) =>
      output.error(`ReqDesk could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  const activationMs = performance.now() - started;
  output.info(`Activated in ${activationMs.toFixed(1)} ms; indexing in the background.`);
  return {
    activationMs,
    startup,
    ready: async () => {
      const e = await load();
      await e.firstBuild;
      return e.api;
    },
  };
}

export function deactivate(): void {}
