// The manifest promises what the code does: every `reqdesk.*` setting the code reads is contributed
// with a description in English and Chinese, every contributed setting is read somewhere, and the
// walkthrough's steps name media that ship and commands that exist.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './support';

const readJson = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
const pkg = readJson('package.json');
const nls: Record<string, string> = readJson('package.nls.json');
const nlsZh: Record<string, string> = readJson('package.nls.zh-cn.json');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

/**
 * The settings the code reads: the keys of the shared settings table (`SETTING_KEYS`), `…_SETTING`
 * constants, and `getConfiguration('reqdesk.x').get('y')` pairs (directly or through a variable).
 */
function settingsReadInCode(): Set<string> {
  const found = new Set<string>();
  for (const text of sources(path.join(REPO_ROOT, 'src'))) {
    // Full keys as the code names them: the shared settings table and `…_SETTING` constants.
    const table = /SETTING_KEYS = \{([^}]*)\}/.exec(text)?.[1] ?? '';
    for (const m of table.matchAll(/'(reqdesk\.[\w.]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\b[A-Z_]+_SETTING = '(reqdesk\.[\w.]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/getConfiguration\('(reqdesk(?:\.[\w.]+)?)'[^)]*\)\s*\.get(?:<[^>]*>)?\('([\w.]+)'/g))
      found.add(`${m[1]}.${m[2]}`);
    // `const config = …getConfiguration('reqdesk.x'); … config.get('y')`
    for (const m of text.matchAll(/const (\w+) = [\w.]*getConfiguration\('(reqdesk(?:\.[\w.]+)?)'[^)]*\);/g)) {
      for (const g of text.matchAll(new RegExp(`\\b${m[1]}\\.get(?:<[^>]*>)?\\('([\\w.]+)'`, 'g'))) found.add(`${m[2]}.${g[1]}`);
    }
  }
  return found;
}

const contributed = (): Record<string, { description?: string; markdownDescription?: string }> => {
  const c = pkg.contributes.configuration;
  return Object.assign({}, ...(Array.isArray(c) ? c : [c]).map((x: { properties: object }) => x.properties));
};

const nlsKey = (value: string | undefined) => /^%(.+)%$/.exec(value ?? '')?.[1];

describe('manifest: settings and walkthrough', () => {
  it('every setting read in the code is contributed, with a description in English and Chinese', () => {
    const read = [...settingsReadInCode()].filter((k) => !['reqdesk.commits'].includes(k));
    assert.ok(read.length >= 10, `settings found in the code: ${read.join(', ')}`);
    const props = contributed();
    for (const key of read) {
      // A prefix used with getConfiguration (e.g. 'reqdesk.commits') is not itself a setting.
      if (!props[key] && Object.keys(props).some((p) => p.startsWith(`${key}.`))) continue;
      assert.ok(props[key], `${key} is read in the code but not contributed`);
      const ref = nlsKey(props[key]!.markdownDescription ?? props[key]!.description);
      assert.ok(ref, `${key}: its description is a %key% for translation`);
      assert.ok(nls[ref]?.trim(), `${key}: English description ${ref}`);
      assert.ok(nlsZh[ref]?.trim() && nlsZh[ref] !== nls[ref], `${key}: Chinese description ${ref}`);
    }
  });

  it('every contributed setting is read somewhere in the code', () => {
    const read = settingsReadInCode();
    const unused = Object.keys(contributed()).filter((key) => !read.has(key));
    assert.deepEqual(unused, []);
  });

  it('the walkthrough: each step has a title, a description and alt text in both languages, media that ships, and links to commands that exist', () => {
    const [walkthrough] = pkg.contributes.walkthroughs as Array<{
      id: string;
      title: string;
      steps: Array<{
        id: string;
        title: string;
        description: string;
        media: { image: string; altText: string };
        completionEvents: string[];
      }>;
    }>;
    assert.ok(walkthrough && walkthrough.steps.length >= 6);
    const declared = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const builtIn = new Set(['workbench.action.files.openFolder', 'workbench.action.openSettings', 'workbench.view.extension.reqdesk']);
    const ignore = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    for (const step of walkthrough.steps) {
      for (const field of [step.title, step.description, step.media.altText]) {
        const ref = nlsKey(field);
        assert.ok(ref && nls[ref]?.trim() && nlsZh[ref]?.trim(), `${step.id}: ${field} is translated`);
        for (const m of `${nls[ref]}\n${nlsZh[ref]}`.matchAll(/\(command:([\w.]+)/g)) {
          assert.ok(declared.has(m[1]!) || builtIn.has(m[1]!), `${step.id}: links to command ${m[1]}, which exists`);
        }
      }
      assert.ok(existsSync(path.join(REPO_ROOT, step.media.image)), `${step.media.image} exists`);
      // Walkthrough images ship in every install: cropped and quantised (CONTRIBUTING.md), not raw
      // screenshots, which are 200–300 KB each.
      const bytes = statSync(path.join(REPO_ROOT, step.media.image)).size;
      assert.ok(bytes <= 100_000, `${step.media.image} is ${bytes} bytes; walkthrough images stay under 100 KB`);
      assert.ok(
        ignore.includes(`!${path.dirname(step.media.image)}/`) || ignore.includes(`!${step.media.image}`),
        `${step.media.image} is shipped (.vscodeignore)`,
      );
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(declared.has(command), `${step.id}: completes on ${command}, which exists`);
      }
    }
    // One picture per step, so that no two steps look alike.
    const images = walkthrough.steps.map((s) => s.media.image);
    assert.equal(new Set(images).size, images.length, `one image per step: ${images.join(', ')}`);
    // The page renders links and **bold**; a backtick would be shown as it is.
    for (const step of walkthrough.steps)
      for (const table of [nls, nlsZh]) assert.doesNotMatch(table[nlsKey(step.description)!]!, /`/, `${step.id}: no backticks`);
    // The IDs a step mentions are the examples' own: a user who opens the examples finds them.
    const exampleIds = new Set(
      readdirSync(path.join(REPO_ROOT, 'examples', 'requirements')).map((f) => /^(.+?-\d{4}-\d{3})/.exec(f)?.[1] ?? f),
    );
    for (const step of walkthrough.steps)
      for (const table of [nls, nlsZh])
        for (const m of table[nlsKey(step.description)!]!.matchAll(/(?:REQ|需求)-\d{4}-\d{3}/g))
          assert.ok(exampleIds.has(m[0]), `${step.id}: ${m[0]} is an example's ID`);
    // The welcome view of the empty Requirements view points to the walkthrough.
    assert.match(nls['view.requirements.welcome']!, /command:reqdesk\.gettingStarted/);
    assert.match(nlsZh['view.requirements.welcome']!, /command:reqdesk\.gettingStarted/);
  });
});

describe('manifest: activation', () => {
  it('activates only where ReqDesk has work: never on startup, each event for a reason', () => {
    // Commands, views and webviews activate the extension by themselves (VS Code ≥ 1.74); these
    // are the events that cannot be derived, and why each is needed.
    const why: Record<string, string> = {
      'workspaceContains:**/requirements/**/*.md': 'the default reqdesk.include: index and show problems as the workspace opens',
      'onLanguage:markdown': 'a custom reqdesk.include elsewhere: the first Markdown file opened starts the index',
      'onView:reqdesk.requirements': 'the Requirements view opened before any requirement file',
      'onWebviewPanel:reqdesk.matrix': 'a matrix panel restored after a reload',
      'onWebviewPanel:reqdesk.timeline': 'a timeline panel restored after a reload',
    };
    const events: string[] = pkg.activationEvents;
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
    for (const e of events) assert.ok(why[e] ?? /^onWebviewPanel:reqdesk\.\w+$/.test(e), `${e} has a reason to be there`);
    // Every webview panel type the code registers a serializer for is restored after a reload.
    for (const text of sources(path.join(REPO_ROOT, 'src'))) {
      for (const m of text.matchAll(/_VIEW_TYPE = '(reqdesk\.\w+)'/g))
        assert.ok(events.includes(`onWebviewPanel:${m[1]}`), `onWebviewPanel:${m[1]}`);
    }
  });
});
