// ESLint flat config: the recommended JavaScript and typescript-eslint rules (syntax only, no type
// information, so a run stays fast) and the import boundaries the layout depends on.
//
//   npx eslint .        lint everything below (part of `npm run lint` and of `npm test`)
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Folders that must run without VS Code: core is pure, the git readers, CLI and file helpers run in
 * plain Node, and the protocol is shared with the webviews.
 */
export const vscodeFreeFolders = ['src/core', 'src/git', 'src/cli', 'src/protocol', 'src/files'];

/** npm packages the webview pages may import: they run in a browser frame, not in Node. */
const webviewPackages = ['@vscode/webview-ui-toolkit'];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.vscode-test/**',
      '**/node_modules/**',
      'schemas/**',
      // The requirements and sample sources of the demo workspace, and the test inputs, are data.
      'examples/**',
      '!examples/*.mjs',
      'test/fixtures/**',
    ],
  },
  {
    files: ['**/*.{ts,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Terminal safety, file names and the hostile-input tests match control characters on purpose.
      'no-control-regex': 'off',
      // `_` marks a parameter or a destructured field that is deliberately unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/terminalText.ts'],
    // Its classes list zero-width joiners and variation selectors one by one, on purpose.
    rules: { 'no-misleading-character-class': 'off' },
  },
  {
    files: ['test/**'],
    // Expected output is matched by regular expressions that show column gaps as the output prints them.
    rules: { 'no-regex-spaces': 'off' },
  },
  {
    files: ['**/*.{mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // A .cjs file is CommonJS: `require` is how it imports.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: vscodeFreeFolders.map((folder) => `${folder}/**`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'This folder runs without VS Code (see CONTRIBUTING.md, Layout): no `vscode` import.' }],
        },
      ],
    },
  },
  {
    files: ['webview/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any package but the few the pages bundle: no `vscode`, no Node built-ins.
              regex: `^(?![./])(?!(${webviewPackages.map(escapeRegExp).join('|')})$)`,
              message: 'A webview page runs in a browser frame: only its own modules, src/protocol and the webview UI toolkit.',
            },
            {
              // Out of webview/ only into src/protocol (the pages sit one folder below webview/).
              regex: '^\\.\\./\\.\\./(?!src/protocol/|webview/)|^(\\.\\./){3,}',
              message: 'A webview page imports only webview/ modules and src/protocol, never the extension (src/core, src/workspace…).',
            },
          ],
        },
      ],
    },
  },
);
