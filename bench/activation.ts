// activation_ms: what VS Code waits for when ReqDesk activates — loading the extension bundle
// (dist/extension.js, as `node esbuild.mjs` builds it) and running activate(). The `vscode` module
// is a stand-in that records nothing: activation only creates the output channel and registers
// three commands, and the engine (parsers, schema, index) is loaded after activate() has returned,
// so it is not part of the figure. Measured here rather than asserted in the integration suite,
// where a shared machine's load would make a wall-clock limit fail at random.
import { execFileSync } from 'node:child_process';
import Module from 'node:module';
import * as path from 'node:path';
import { median } from './stats';

interface Disposable {
  dispose(): void;
}

const quiet = () => undefined;
const disposable: Disposable = { dispose: quiet };
const vscodeStandIn = {
  window: { createOutputChannel: () => ({ info: quiet, warn: quiet, error: quiet, show: quiet, dispose: quiet }) },
  commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
};

/** Builds the extension bundle, then loads and activates it `rounds` times from scratch. */
export function measureActivation(repoRoot: string, rounds: number): { activation_ms: number; activate_ms: number } {
  execFileSync(process.execPath, ['esbuild.mjs', '--only=extension'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const bundle = path.join(repoRoot, 'dist', 'extension.js');
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = loader._load;
  loader._load = (request, parent, isMain) => (request === 'vscode' ? vscodeStandIn : load(request, parent, isMain));
  const total: number[] = [];
  const own: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      delete require.cache[bundle];
      const subscriptions: Disposable[] = [];
      const context = { subscriptions, extension: { id: 'reqdesk.reqdesk' } };
      const started = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load each round (the cache entry is deleted)
      const extension = require(bundle) as { activate(context: unknown): { activationMs: number } };
      const exports = extension.activate(context);
      total.push(performance.now() - started);
      own.push(exports.activationMs);
      // Disposing cancels the timer that would load the engine next.
      for (const s of subscriptions) s.dispose();
    }
  } finally {
    loader._load = load;
  }
  return { activation_ms: Number(median(total).toFixed(2)), activate_ms: Number(median(own).toFixed(2)) };
}
