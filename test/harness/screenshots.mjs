#!/usr/bin/env node
// Takes the README's screenshots again, on the examples alone (`npm run screenshots`): builds, runs
// the `screenshot set` suite (test/integration/screenshotSet.test.ts) through the code-server
// runner in English and in Chinese, and copies what it took into media/: the set as
// media/screenshots/set/<width>-<theme>-<en|zh>-<view>.png, the README's inline pictures into
// media/screenshots/ and the walkthrough's into media/walkthrough/, by their names. With pngquant
// on the PATH the pictures are quantised (a third of the size or less, the text intact).
//
//   node test/harness/screenshots.mjs [--locale=en|zh-cn] [--no-build]
//
//   --locale=L   only that half of the set (the README's inline pictures come with English)
//   --no-build   use the build that is there
//
// Nothing is copied unless every run passed: a picture is only kept with the checks of what it shows.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './codeServer.mjs';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--locale='))?.slice('--locale='.length);
const locales = only ? [only] : ['en', 'zh-cn'];
const shots = join(repoRoot, 'out', 'screenshots');
const media = join(repoRoot, 'media', 'screenshots');
/** What the suite names its pictures: `set-…` for the set, `readme-…` and `walkthrough-media-…`. */
const PICTURE = /^(set|readme|walkthrough-media)-(.+\.png)$/;

function run(command, commandArgs, env = {}) {
  console.log(`[screenshots] ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function pngquant() {
  const found = spawnSync('pngquant', ['--version'], { encoding: 'utf8' });
  return found.status === 0;
}

/** Copies `from` to `to`, quantised when pngquant is there (and only when that makes it smaller). */
function keep(from, to, quantise) {
  if (quantise) {
    const done = spawnSync('pngquant', ['--quality=80-98', '--speed=1', '--strip', '--skip-if-larger', '--force', '--output', to, from]);
    // 98 and 99 mean "not worth it" / "quality too low": the original is kept.
    if (done.status === 0) return;
  }
  copyFileSync(from, to);
}

/** Where a picture the suite took belongs in the repository. */
function targetOf(kind, rest) {
  if (kind === 'set') return join(media, 'set', rest);
  if (kind === 'readme') return join(media, rest);
  return join(repoRoot, 'media', 'walkthrough', rest);
}

/** Runs the suite in one language, its old pictures removed first (a run that takes fewer leaves none behind). */
function takeAll(locale) {
  const folder = locale === 'en' ? shots : join(shots, locale);
  if (existsSync(folder)) for (const name of readdirSync(folder)) if (PICTURE.test(name)) rmSync(join(folder, name));
  const ok = run(
    process.execPath,
    [
      join('test', 'harness', 'runIntegration.mjs'),
      '--grep=screenshot set',
      '--timeout=2400',
      ...(locale === 'en' ? [] : [`--locale=${locale}`]),
    ],
    { REQDESK_SCREENSHOT_SET: '1' },
  );
  if (!ok) {
    console.error(`[screenshots] the ${locale} run failed: nothing more is copied`);
    process.exit(1);
  }
}

/** Copies one language's pictures of the given kinds into the repository; how many changed. */
function copy(locale, kinds, quantise) {
  const folder = locale === 'en' ? shots : join(shots, locale);
  let changed = 0;
  for (const name of readdirSync(folder).sort()) {
    const picture = PICTURE.exec(name);
    if (!picture || !kinds.includes(picture[1])) continue;
    const target = targetOf(picture[1], picture[2]);
    const before = existsSync(target) ? readFileSync(target) : undefined;
    keep(join(folder, name), target, quantise);
    if (!before || !before.equals(readFileSync(target))) changed++;
    kept.add(target);
  }
  return changed;
}

if (!args.includes('--no-build') && !run(process.execPath, ['esbuild.mjs'])) process.exit(1);
const quantise = pngquant();
if (!quantise) console.log('[screenshots] no pngquant on the PATH: the pictures are copied as they are');
/** Every picture copied into the repository. */
const kept = new Set();

if (locales.includes('en')) {
  takeAll('en');
  // The walkthrough shows its own pictures: when they changed, the pictures of the walkthrough
  // are taken again, with the new ones in it.
  if (copy('en', ['walkthrough-media'], quantise) > 0) {
    console.log('[screenshots] the walkthrough pictures changed: the English pictures are taken again');
    takeAll('en');
    copy('en', ['walkthrough-media'], quantise);
  }
}
for (const locale of locales.filter((l) => l !== 'en')) takeAll(locale);

mkdirSync(join(media, 'set'), { recursive: true });
for (const locale of locales) {
  const lang = locale === 'en' ? 'en' : 'zh';
  for (const name of readdirSync(join(media, 'set'))) if (name.includes(`-${lang}-`)) rmSync(join(media, 'set', name));
  copy(locale, ['set', 'readme'], quantise);
}
const bytes = [...kept].reduce((n, file) => n + statSync(file).size, 0);
console.log(`[screenshots] ${kept.size} pictures, ${(bytes / 1e6).toFixed(1)} MB, in media/: look at each before committing`);
