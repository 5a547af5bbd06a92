// One build script for every target: the extension (CommonJS for Node, `vscode` external), its
// lazily loaded engine, the CLI, the test bundles and the bench. Webview bundles join here too.
//
//   node esbuild.mjs                 build everything once (development: source maps, no minify)
//   node esbuild.mjs --production    minified bundles for packaging
//   node esbuild.mjs --watch         rebuild on change
//   node esbuild.mjs --only=tests    one group: extension | cli | tests | bench
//   node esbuild.mjs --package [--out=FILE]
//                                    the .vsix (default reqdesk-<version>.vsix): production
//                                    bundles and the shipped files staged in out/package/, so the
//                                    development build in dist/ is left as it is
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const packaging = args.includes('--package');
const production = packaging || args.includes('--production');
const watch = args.includes('--watch');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

/** Every `*.test.ts` below a folder, recursively. */
function testFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * iconv-lite bundles every code page it knows (~490 KB minified); ReqDesk reads GBK (as GB18030)
 * only. The other double-byte tables are loaded lazily by iconv-lite and become modules that say
 * which encoding is missing; the generated single-byte code pages, required eagerly, become empty.
 * The bundles shrink by ~370 KB each and GB18030 decoding is untouched (the CSV tests decode it
 * through these bundles).
 */
const onlyGb18030 = {
  name: 'iconv-lite-gb18030-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/(tables\/(shiftjis|eucjp|cp949|cp950|big5-added)\.json|sbcs-data-generated)$/ }, (args) =>
      args.importer.includes(`iconv-lite${sep}encodings`) ? { path: args.path, namespace: 'iconv-trimmed' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'iconv-trimmed' }, (args) => ({
      loader: 'js',
      contents: args.path.endsWith('sbcs-data-generated')
        ? 'module.exports = {};'
        : `throw new Error(${JSON.stringify(`ReqDesk does not bundle the ${args.path.replace(/^.*\//, '').replace('.json', '')} code page`)});`,
    }));
  },
};

/**
 * exceljs (~1.2 MB minified) is used only to read and write .xlsx: the engine and the CLI load it
 * from a bundle of its own, dist/exceljs.js, on first use, so it is shipped once and costs nothing
 * until a workbook is imported or exported.
 */
const exceljsApart = {
  name: 'exceljs-apart',
  setup(build) {
    build.onResolve({ filter: /^exceljs$/ }, () => ({ path: './exceljs.js', external: true }));
  },
};

/**
 * `import * as vscode from 'vscode'` in each of the engine's ~50 modules would become its own
 * copy of the whole API namespace (esbuild's CommonJS interop defines a getter per export, ~300
 * of them) while the engine loads, in the one event-loop turn the workbench waits on. Every module
 * imports one re-exporting module instead: the namespace is copied once.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ loader: 'js', contents: "export * from 'vscode';" }));
  },
};

const node = {
  define: { REQDESK_VERSION: JSON.stringify(pkg.version) },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // remark and friends are ES modules; bundling them into CommonJS is what lets the extension
  // host and mocha load them without an ESM loader.
  mainFields: ['module', 'main'],
  plugins: [onlyGb18030],
};

/**
 * A tier of suites that runs inside VS Code: the run() entry and one bundle per suite file (mocha
 * adds the files itself so that its globals exist when each suite loads).
 */
function extensionHostSuites(dir) {
  return {
    ...node,
    entryPoints: [`${dir}/index.ts`, ...testFiles(dir)],
    outdir: `out/${dir}`,
    outbase: dir,
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
  };
}

const groups = {
  extension: [
    { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode', './engine.js'] },
    // The heavy part (zod, yaml, gray-matter, remark) is loaded after activate() returns.
    {
      ...node,
      entryPoints: { engine: 'src/engine.ts' },
      outdir: 'dist',
      external: ['vscode'],
      plugins: [...node.plugins, exceljsApart, vscodeOnce],
    },
    { ...node, entryPoints: { exceljs: 'exceljs' }, outdir: 'dist' },
  ],
  cli: [
    {
      ...node,
      entryPoints: { cli: 'src/cli/main.ts' },
      outdir: 'dist',
      banner: { js: '#!/usr/bin/env node' },
      plugins: [...node.plugins, exceljsApart],
    },
  ],
  tests: [
    {
      ...node,
      entryPoints: testFiles('test/unit'),
      outdir: 'out/test/unit',
      outbase: 'test/unit',
      // vscode-oniguruma loads its wasm at run time; both stay in node_modules. ESLint loads its
      // config and plugins at run time too.
      external: ['mocha', 'fast-check', 'vscode-textmate', 'vscode-oniguruma', 'eslint'],
      sourcemap: 'inline',
    },
    extensionHostSuites('test/integration'),
    // The packaged tier: the same runner, with the suites that check an installed .vsix.
    extensionHostSuites('test/packaged'),
  ],
  // One browser bundle per webview (IIFE, no Node), with its stylesheet next to it.
  webviews: [
    {
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      sourcemap: production ? false : 'inline',
      minify: production,
      logLevel: 'warning',
      entryPoints: { matrix: 'webview/matrix/main.ts', timeline: 'webview/timeline/main.ts', report: 'webview/report/main.ts' },
      outdir: 'dist/webview',
    },
  ],
  bench: [
    { ...node, entryPoints: { index: 'bench/index.ts' }, outdir: 'out/bench', external: ['playwright-core'] },
    // The host bench: its probe runs in the extension host; its corpus writer in the harness.
    {
      ...node,
      entryPoints: { probe: 'bench/host/probe.ts', corpus: 'bench/host/corpus.ts' },
      outdir: 'out/bench/host',
      external: ['vscode'],
    },
  ],
};

/** What the .vsix is made of besides the bundles; .vscodeignore then picks the files. */
const SHIPPED = [
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'l10n',
  'syntaxes',
  'schemas',
  'media',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
];
const STAGE = join('out', 'package');

if (packaging) {
  const out = resolve(args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? `${pkg.name}-${pkg.version}.vsix`);
  rmSync(STAGE, { recursive: true, force: true });
  for (const item of SHIPPED) cpSync(item, join(STAGE, item), { recursive: true });
  const shipped = ['extension', 'cli', 'webviews'].flatMap((name) => groups[name]);
  await Promise.all(shipped.map((config) => esbuild.build({ ...config, outdir: join(STAGE, config.outdir) })));
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const vsce = resolve('node_modules', '.bin', 'vsce');
  if (!existsSync(vsce)) throw new Error('vsce is missing: run npm install');
  // No dependencies: every runtime module is inside the bundles.
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--out', out], { cwd: STAGE, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`esbuild: packaged ${out} (${statSync(out).size} bytes)`);
  process.exit(0);
}

const selected = Object.entries(groups)
  .filter(([name]) => !only || only.includes(name))
  .flatMap(([, configs]) => configs);

if (watch) {
  for (const config of selected) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes…');
} else {
  await Promise.all(selected.map((config) => esbuild.build(config)));
}
