// The README's screenshot set, taken on the examples alone: the tree, the matrix, the timeline, a
// report, the walkthrough and New Requirement, at 1366×768 and 1920×1080, in the light and dark
// default themes, in the UI's language (the runner's --locale=zh-cn gives the Chinese half); and,
// in English, the pictures the README shows inline and the walkthrough's (parts of the page).
// `npm run screenshots` runs it and copies the pictures into media/ (see CONTRIBUTING.md).
//
// It is registered only when REQDESK_SCREENSHOT_SET is set: it is slow, and what it makes is for
// people to look at. Without the variable the suite does not exist (not a skipped test counted
// as run). Every scene asserts what it shows before its picture is taken.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { EngineApi } from '../../src/engine';
import { gitExtensionApi } from '../../src/scm/gitExtension';
import {
  chinese,
  domRunner,
  engine,
  keys,
  queryWebviews,
  screenshot,
  showBrokenScores,
  uiText,
  until,
  viewport,
  waitForDom,
  workspaceFile,
  type Clip,
  type FoundElement,
} from './support';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'requirements');
const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;
const THEMES = [
  ['light', 'Default Light Modern', 'vscode-light'],
  ['dark', 'Default Dark Modern', 'vscode-dark'],
] as const;
/** The runner's window when the suite starts and ends. */
const DEFAULT_SIZE = [1440, 900] as const;
/** The report the pictures show: the examples' last year, whatever year the clock says. */
const REPORT_PERIOD = { kind: 'implementation', from: '2026-01-01', to: '2026-12-31' } as const;

type Theme = (typeof THEMES)[number];

async function pause(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** The IDs examples/requirements/ holds: each file's `id:` line and the ID its name starts with. */
function exampleIds(): Set<string> {
  const ids = new Set<string>();
  for (const name of readdirSync(EXAMPLES)) {
    for (const id of [/^id:\s*(\S+)/m.exec(readFileSync(join(EXAMPLES, name), 'utf8'))?.[1], idsIn(name)[0]]) if (id) ids.add(id);
  }
  return ids;
}

/** The requirement IDs a text shows (both forms, ASCII and Chinese prefixes). */
function idsIn(text: string): string[] {
  return text.match(/(?:REQ|需求)-\d{4}-\d{3}/g) ?? [];
}

/** Fails when a picture would show an ID that no example has (a record a test made). */
function onlyExamples(found: FoundElement[], what: string): void {
  const known = exampleIds();
  const strangers = [...new Set(found.flatMap((f) => idsIn(f.text)))].filter((id) => !known.has(id));
  assert.deepEqual(strangers, [], `${what} shows records that are not in examples/`);
}

async function useTheme([, name]: Theme): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await until(() => vscode.workspace.getConfiguration('workbench').get('colorTheme') === name, `${name} applied`);
  await pause(500);
}

/** A clean workbench: no editors, notifications or panel; the Requirements view in the side bar. */
async function clean(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.view.extension.reqdesk');
}

/** The text of the quick input once it matches `expected` (or the last text read). */
async function quickInputText(name: string, expected: RegExp): Promise<string> {
  const found = await waitForDom(name, '.quick-input-widget', (f) => expected.test(f.map((e) => e.text).join(' ')));
  return found!.map((e) => e.text).join(' ');
}

/** A webview's body has taken the theme's colours (webviews restyle on their own). */
async function webviewInTheme(name: string, [, , bodyClass]: Theme, selector: string): Promise<FoundElement[]> {
  const found = (await waitForDom(name, `body.${bodyClass} ${selector}`, (f) => f.length > 0, 30_000))!;
  assert.ok(found.length > 0, `${selector} is drawn in ${bodyClass}`);
  return found;
}

interface Scene {
  /** Arranges the scene from a clean workbench and asserts what it shows. */
  arrange(api: EngineApi, theme: Theme, shot: string): Promise<void>;
  /** Takes its picture itself (while a quick input is open, say). */
  ownShot?: boolean;
  /** Puts back what a later scene should not show. */
  after?(api: EngineApi): Promise<void>;
}

/** The record the tree scene opens: one written in the UI's language. */
const treeRecord = () => (chinese() ? '需求-2026-002' : 'REQ-2026-001');

/** The scenes of the set, in the order they are taken. */
const SCENES: Record<string, Scene> = {
  tree: {
    async arrange(api, _theme, shot) {
      const id = treeRecord();
      const record = api.index.byId(id)[0]!;
      await vscode.window.showTextDocument(vscode.Uri.parse(record.file), { preview: false });
      await api.tree.reveal(api.tree.requirementNode(record.file)!, { select: true, focus: false, expand: true });
      const rows = (await waitForDom(`${shot}-rows`, '.tree-explorer-viewlet-tree-view .monaco-list-row', (f) =>
        f.some((r) => r.className.includes('selected') && r.text.includes(id)),
      ))!;
      assert.ok(
        rows.some((r) => r.className.includes('selected') && r.text.includes(id)),
        rows.map((r) => r.text).join(' | '),
      );
      onlyExamples(rows, 'the tree');
      await waitForDom(`${shot}-editor`, '.monaco-editor .view-line', (f) => f.some((l) => l.text.includes(id)));
    },
    async after(api) {
      await collapse(api, api.index.byId(treeRecord())[0]!.file);
    },
  },
  matrix: {
    async arrange(_api, theme, shot) {
      await vscode.commands.executeCommand('reqdesk.showMatrix');
      const cards = await webviewInTheme(`${shot}-cards`, theme, '.card');
      assert.ok(cards.length > 5, `${cards.length} cards`);
      onlyExamples(cards, 'the matrix');
    },
  },
  timeline: {
    async arrange(_api, theme, shot) {
      await vscode.commands.executeCommand('reqdesk.showTimeline');
      await webviewInTheme(`${shot}-bars`, theme, '.bar');
      const bars = (await waitForDom(`${shot}-rows`, '.bar', (f) => f.length > 5))!;
      assert.ok(bars.length > 5, `${bars.length} bars`);
      onlyExamples((await queryWebviews(`${shot}-labels`, 'body'))!, 'the timeline');
    },
  },
  report: {
    async arrange(api, theme, shot) {
      await until(() => api.commits.current.kind === 'ready', 'commits are linked', 60_000);
      await vscode.commands.executeCommand('reqdesk.showReport', REPORT_PERIOD);
      const heading = await webviewInTheme(`${shot}-heading`, theme, 'article.report h1');
      assert.ok(heading[0]!.text.includes(REPORT_PERIOD.from), heading[0]!.text);
      const cells = (await waitForDom(`${shot}-cells`, 'table.figures td', (f) => f.length > 4))!;
      assert.ok(cells.length > 4, `${cells.length} figures`);
      onlyExamples((await queryWebviews(`${shot}-page`, 'article.report'))!, 'the report');
    },
  },
  walkthrough: {
    async arrange(_api, _theme, shot) {
      await vscode.commands.executeCommand('reqdesk.gettingStarted');
      const steps = (await waitForDom(`${shot}-steps`, '.step-title', (f) => f.length >= 5, 30_000))!;
      assert.ok(steps.length >= 5, steps.map((s) => s.text).join(' | '));
      await pause(800); // the step's picture loads after its text
    },
  },
  'new-requirement': {
    ownShot: true,
    async arrange(api, _theme, shot) {
      const before = api.index.size;
      const pending = vscode.commands.executeCommand<vscode.Uri | undefined>('reqdesk.newRequirement');
      try {
        const first = await quickInputText(`${shot}-1`, /1\/5/);
        assert.match(first, /1\/5/);
        const title = chinese() ? '门店补货建议推送到店长手机' : 'Show the delivery ETA to shippers';
        await keys(`${shot}-keys`, [`type:${title}`, 'press:Enter', 'wait:600', 'type:experience', 'wait:400', 'press:Enter', 'wait:800']);
        // The customer step: the examples' customers with their details, or a new name.
        const third = await quickInputText(`${shot}-3`, /3\/5/);
        assert.match(third, /3\/5/, third);
        const customers = api.index.all().map((r) => (r.data as { customer?: { name?: string } }).customer?.name);
        assert.ok(
          customers.some((name) => name && third.includes(name)),
          third,
        );
        await screenshot(`${shot}.png`);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      }
      assert.equal(await pending, undefined, 'nothing is created');
      assert.equal(api.index.size, before);
    },
  },
};

/** Widens the side bar by `steps` of the workbench's own (the focused editor gives way); resolves to the undoing. */
async function widenSideBar(steps: number): Promise<() => Promise<void>> {
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
  return async () => {
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
  };
}

/** Collapses a record's row in the tree (a later picture shows the tree as it opens). */
async function collapse(api: EngineApi, file: string): Promise<void> {
  await api.tree.reveal(api.tree.requirementNode(file)!, { select: true, focus: true, expand: false });
  await vscode.commands.executeCommand('list.collapse');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
}

/** The box of a part of the workbench (`.part.sidebar`, `.part.editor`, …) on the page. */
async function partBox(name: string, part: string): Promise<Clip> {
  const [found] = (await waitForDom(name, `.part.${part}`, (f) => f.length > 0 && f[0]!.box.width > 0))!;
  assert.ok(found, `the ${part} is shown`);
  return found.box;
}

/** A walkthrough picture's part of the page: the activity bar and the side bar… */
async function sideClip(name: string, width: number | undefined, height: number): Promise<Clip> {
  const title = await partBox(`${name}-title`, 'titlebar');
  const side = await partBox(`${name}-side`, 'sidebar');
  // At most 900 pixels wide: the walkthrough shows it smaller anyway, and it ships in every install.
  return { x: 0, y: title.height, width: Math.min(900, width ?? side.x + side.width), height };
}

/** …or the editor area (and the panel under it). */
async function editorClip(name: string, height: number): Promise<Clip> {
  const editor = await partBox(`${name}-editor`, 'editor');
  return { x: editor.x, y: editor.y, width: 900, height };
}

if (process.env.REQDESK_SCREENSHOT_SET) {
  describe('screenshot set', function () {
    this.timeout(240_000);
    const lang = chinese() ? 'zh' : 'en';
    let original: string | undefined;

    before(async function () {
      assert.ok(domRunner(), 'the screenshot set needs the code-server runner');
      const api = await engine();
      // The workspace is a copy of examples/: the same records, and no other.
      const files = api.index
        .all()
        .map((r) => decodeURIComponent(r.file.split('/').pop()!))
        .sort();
      assert.deepEqual(files, readdirSync(EXAMPLES).sort(), 'the index holds exactly the examples');
      original = vscode.workspace.getConfiguration('workbench').get<string>('colorTheme');
      // A cursor that does not blink: the same scene gives the same picture (the walkthrough's
      // pictures are compared with the ones in the repository).
      await vscode.workspace.getConfiguration('editor').update('cursorBlinking', 'solid', vscode.ConfigurationTarget.Global);
    });

    after(async () => {
      await vscode.workspace.getConfiguration('editor').update('cursorBlinking', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', original, vscode.ConfigurationTarget.Global);
      await viewport('set-restore', ...DEFAULT_SIZE);
      await clean();
    });

    for (const [width, height] of SIZES) {
      it(`${width}×${height}: the tree, matrix, timeline, report, walkthrough and New Requirement, light and dark`, async () => {
        const api = await engine();
        await viewport(`set-${width}`, width, height);
        for (const theme of THEMES) {
          await useTheme(theme);
          for (const [name, scene] of Object.entries(SCENES)) {
            const shot = `set-${width}-${theme[0]}-${lang}-${name}`;
            await clean();
            await scene.arrange(api, theme, shot);
            await pause(400);
            if (!scene.ownShot) await screenshot(`${shot}.png`);
            await scene.after?.(api);
          }
        }
        await clean();
      });
    }

    // The README's inline pictures and the walkthrough's, at the runner's usual 1440×900, in English.
    if (!chinese()) {
      it('the README and walkthrough pictures: workbench, tree with commits, matrix, timeline, report, walkthrough, feedback, commit box', async () => {
        const api = await engine();
        await viewport('readme-size', ...DEFAULT_SIZE);
        const light = THEMES[0];
        await useTheme(light);

        // The Requirements view, a record with deliberate problems, the Problems panel.
        await clean();
        const { uri } = await showBrokenScores();
        await api.tree.reveal(api.tree.requirementNode(uri.toString())!, { select: true, focus: false, expand: false });
        onlyExamples(
          (await waitForDom('readme-workbench-problems', '.markers-panel .monaco-list-row', (f) => f.length > 3))!,
          'the Problems panel',
        );
        onlyExamples((await queryWebviews('readme-workbench-tree', '.tree-explorer-viewlet-tree-view .monaco-list-row'))!, 'the tree');
        await pause(400);
        await screenshot('readme-workbench.png');
        await screenshot('walkthrough-media-workbench.png', await editorClip('walkthrough-workbench', 684));

        // A record as its file reads (the walkthrough's step on the first record).
        await clean();
        const record = api.index.byId('REQ-2026-005')[0]!;
        await vscode.window.showTextDocument(vscode.Uri.parse(record.file), { preview: false });
        await waitForDom('walkthrough-record', '.monaco-editor .view-line', (f) => f.some((l) => l.text.includes('REQ-2026-005')));
        await pause(400);
        await screenshot('walkthrough-media-new-record.png', await editorClip('walkthrough-record', 633));

        await treeWithCommits(api);

        for (const theme of THEMES) {
          await useTheme(theme);
          for (const name of ['matrix', 'timeline'] as const) {
            await clean();
            await SCENES[name]!.arrange(api, theme, `readme-${name}-${theme[0]}`);
            await pause(400);
            await screenshot(`readme-${name}-${theme[0]}.png`);
            if (theme === light)
              await screenshot(
                `walkthrough-media-${name}-light.png`,
                await editorClip(`walkthrough-${name}`, name === 'matrix' ? 558 : 658),
              );
          }
        }
        await useTheme(light);

        await clean();
        await SCENES.report!.arrange(api, light, 'readme-report-preview');
        await pause(400);
        await screenshot('readme-report-preview.png');

        await clean();
        await SCENES.walkthrough!.arrange(api, light, 'readme-walkthrough');
        await screenshot('readme-walkthrough.png');

        // The commit box before the feedback: a picture of Source Control shows no changed file.
        await commitBox();
        await lowFeedback(api);
        await clean();
      });
    }
  });
}

/** 需求-2024-001 in the tree with its tasks, commits and history, and the commit count in its CodeLens. */
async function treeWithCommits(api: EngineApi): Promise<void> {
  await clean();
  await until(() => api.commits.current.kind === 'ready', 'commits are linked', 60_000);
  const record = api.index.byId('需求-2024-001')[0]!;
  await vscode.window.showTextDocument(vscode.Uri.parse(record.file), { preview: false });
  const node = api.tree.requirementNode(record.file)!;
  await api.tree.reveal(node, { select: true, focus: false, expand: true });
  for (const child of api.tree.childrenNow(node))
    if (child.kind === 'commits' || child.kind === 'history') await api.tree.reveal(child, { select: false, focus: false, expand: true });
  const count = api.commits.countOf('需求-2024-001');
  const shown = (f: FoundElement[]) =>
    f.some((r) => r.text.startsWith(uiText('History'))) &&
    f.some((r) => r.text.startsWith(uiText('Commits')) && r.text.includes(String(count)));
  // At the default width, as the walkthrough's step on the Requirements view shows it.
  onlyExamples((await waitForDom('walkthrough-sidebar-rows', '.tree-explorer-viewlet-tree-view .monaco-list-row', shown))!, 'the tree');
  // Long enough for the scroll bar that revealing showed to fade out: the same picture every time.
  await pause(2000);
  await screenshot('walkthrough-media-sidebar.png', await sideClip('walkthrough-sidebar', undefined, 800));
  // The side bar wide enough for subjects, hashes and authors.
  const restore = await widenSideBar(9);
  try {
    const rows = (await waitForDom('readme-tree-commits', '.tree-explorer-viewlet-tree-view .monaco-list-row', shown))!;
    assert.ok(shown(rows), rows.map((r) => r.text).join(' | '));
    onlyExamples(rows, 'the tree');
    await waitForDom('readme-tree-codelens', '.codelens-decoration', (f) => f.some((l) => l.text.includes(uiText('{0} commits', count))));
    await pause(400);
    await screenshot('readme-tree-commits.png');
    await screenshot('walkthrough-media-tree-commits.png', await sideClip('walkthrough-tree-commits', undefined, 522));
  } finally {
    await restore();
  }
  await collapse(api, record.file);
}

/**
 * Low feedback recorded on an example (REQ-2026-004) with Record Customer Feedback: the warning in
 * the editor, the mark in the tree, the Problems panel and the offer to adjust. The file's bytes
 * are put back afterwards.
 */
async function lowFeedback(api: EngineApi): Promise<void> {
  await clean();
  const uri = workspaceFile('requirements', 'REQ-2026-004-shipment-eta.md');
  const before = await vscode.workspace.fs.readFile(uri);
  try {
    const day = new Date(Date.now() - 5 * 86_400_000);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const recorded = await vscode.commands.executeCommand('reqdesk.recordFeedback', {
      file: uri.toString(),
      date,
      satisfaction: 1,
      note: 'ETA was off by a day',
    });
    assert.equal(recorded, true);
    await api.settled();
    await until(() => vscode.languages.getDiagnostics(uri).some((d) => d.code === 'feedback-no-adjustment'), 'the 24-hour warning appears');
    const warning = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'feedback-no-adjustment')!;
    const node = api.tree.requirementNode(uri.toString())!;
    await api.tree.reveal(node, { select: true, focus: false, expand: true });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await vscode.window.showTextDocument(uri, { selection: warning.range, preview: false });
    editor.revealRange(warning.range, vscode.TextEditorRevealType.InCenter);
    // The side bar wide enough for the record's title and its mark.
    const restore = await widenSideBar(7);
    try {
      const labels = (await waitForDom(
        'readme-feedback-tree',
        '.tree-explorer-viewlet-tree-view .monaco-list-row .monaco-icon-label-container',
        (f) =>
          f.some(
            (r) =>
              r.text.includes('REQ-2026-004') && r.text.includes(uiText('no adjustment')) && r.fit.scrollWidth <= r.fit.clientWidth + 1,
          ),
      ))!;
      const label = labels.find((r) => r.text.includes('REQ-2026-004'));
      assert.ok(label && label.fit.scrollWidth <= label.fit.clientWidth + 1, `the mark is in view: ${JSON.stringify(label)}`);
      onlyExamples(labels, 'the tree');
      await waitForDom('readme-feedback-problems', '.markers-panel .monaco-list-row', (f) => f.some((r) => r.text.includes('24')));
      await pause(600);
      await screenshot('readme-respond-feedback.png');
    } finally {
      await restore();
    }
    await collapse(api, uri.toString());
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.writeFile(uri, before);
    await until(() => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'feedback-no-adjustment'), 'the example is as it was');
  }
}

/** The Source Control view with requirement IDs in the commit box, highlighted by ReqDesk's grammar. */
async function commitBox(): Promise<void> {
  await clean();
  const git = await gitExtensionApi();
  assert.ok(git, 'the git extension is there');
  await until(() => git.repositories.length > 0, 'the git extension opened the repository');
  const box = git.repositories[0]!.inputBox;
  await vscode.commands.executeCommand('workbench.view.scm');
  box.value = 'feat: 能耗看板（需求-2024-001） refs REQ-2025-004';
  try {
    const lines = (await waitForDom('readme-commit-box', '.scm-editor .view-line', (f) =>
      f.some((l) => l.text.includes('需求-2024-001')),
    ))!;
    onlyExamples(lines, 'the commit box');
    await pause(800);
    await screenshot('readme-commit-box.png');
    await screenshot('walkthrough-media-commit-box.png', await sideClip('walkthrough-commit-box', undefined, 760));
  } finally {
    box.value = '';
  }
}
