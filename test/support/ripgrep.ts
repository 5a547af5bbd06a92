// The ripgrep the tests compare the two code searches with.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** ripgrep on PATH, else the one VS Code ships in the test's code-server (below `repoRoot`). */
export function ripgrepForTests(repoRoot: string): string {
  const shipped = path.join(repoRoot, '.vscode-test/code-server/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  for (const rg of ['rg', shipped]) if (spawnSync(rg, ['--version']).status === 0) return rg;
  assert.fail('ripgrep is needed to compare the two searches: install it (Debian: apt-get install ripgrep)');
}
