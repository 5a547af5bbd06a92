// The import boundaries in eslint.config.mjs can fail: the same snippets, linted as if they sat in
// each folder, are refused where the layout forbids them and accepted where it allows them.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from './support';

const RULE = '@typescript-eslint/no-restricted-imports';

const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: path.join(REPO_ROOT, 'eslint.config.mjs') });

/** The rule IDs of every problem ESLint reports for `code` placed at `file` (relative to the repository). */
async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  assert.ok(result, `no result for ${file}`);
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** A pattern for a message that starts with `text`, taken literally. */
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

const importVscode = "import * as vscode from 'vscode';\nexport const api = vscode;\n";

describe('lint boundaries', function () {
  // Loading the config loads typescript-eslint once; a slow CI machine can take seconds.
  this.timeout(60_000);

  for (const folder of ['src/core', 'src/git', 'src/cli', 'src/protocol', 'src/files']) {
    it(`refuses a vscode import in ${folder}`, async () => {
      const found = await problems(importVscode, `${folder}/x.ts`);
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0]!, startsWith(`${RULE}: 'vscode' import is restricted`));
    });
  }

  it('accepts a vscode import in src/workspace', async () => {
    assert.deepEqual(await problems(importVscode, 'src/workspace/x.ts'), []);
  });

  it('refuses a webview page importing core', async () => {
    const found = await problems("import { STATUSES } from '../../src/core/schema';\nexport const s = STATUSES;\n", 'webview/matrix/x.ts');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, startsWith(`${RULE}: '../../src/core/schema' import is restricted`));
  });

  it('refuses vscode in a webview page', async () => {
    const found = await problems(importVscode, 'webview/shared/x.ts');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, startsWith(`${RULE}: 'vscode' import is restricted`));
  });

  it('accepts a webview page importing the protocol', async () => {
    const code = "import type { ToMatrix } from '../../src/protocol/matrix';\nexport type T = ToMatrix;\n";
    assert.deepEqual(await problems(code, 'webview/matrix/x.ts'), []);
  });
});
