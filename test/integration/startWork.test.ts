// Start Working on Requirement in the real extension host, on the runner's workspace (the examples
// as a git repository): the requirement's branch is made from HEAD and checked out, the status line
// and nothing else changes, the commit box holds the template; a second run switches to the
// branch that now exists. Afterwards the original branch, HEAD, the files and the box are as they
// were, and the branches made here are gone: later suites rely on the examples' state.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { gitExtensionApi, type GitRepository } from '../../src/scm/gitExtension';
import type { StartWorkResult } from '../../src/scm/startWork';
import { git as runGit } from '../support/gitRepo';
import { engine, fileText, uiText, until, waitForDom, workspaceFile } from './support';

function git(...args: string[]): string {
  return runGit(workspaceFile().fsPath, args).trim();
}

const ENGLISH = { id: 'REQ-2026-005', path: ['requirements', 'REQ-2026-005-dark-wall-display.md'] };
const CHINESE = { id: '需求-2026-001', path: ['requirements', '需求-2026-001-多厂区能耗对标.md'] };
const NOT_YET = {
  id: 'REQ-2026-004',
  path: ['requirements', 'REQ-2026-004-shipment-eta.md'],
  branch: 'REQ-2026-004-predict-delivery-eta-per-shipment-within',
};
const PLANNED = {
  id: 'REQ-2026-002',
  path: ['requirements', 'REQ-2026-002-bulk-employee-import.md'],
  branch: 'REQ-2026-002-import-8-000-employee-records-from-excel',
};

function startWork(args: { id?: string; file?: string }): Thenable<StartWorkResult | undefined> {
  return vscode.commands.executeCommand<StartWorkResult | undefined>('reqdesk.startWork', args);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Where the runner can read the workbench: a notification shows `text`. */
async function notificationShows(name: string, text: string): Promise<void> {
  const toasts = await waitForDom(name, '.notification-toast', (found) => found.some((t) => t.text.includes(text)));
  if (toasts)
    assert.ok(
      toasts.some((t) => t.text.includes(text)),
      `"${text}" in ${toasts.map((t) => t.text).join(' | ')}`,
    );
}

describe('start working on a requirement', function () {
  this.timeout(120_000);
  const files = [ENGLISH, CHINESE].map((r) => workspaceFile(...r.path));
  let originalBranch = '';
  let head = '';
  let originals: string[] = [];
  let repository: GitRepository;
  let originalBox = '';
  const made = new Set<string>();

  before(async () => {
    const api = await engine();
    await until(() => api.commits.ready, 'commit links are read');
    const gitApi = await gitExtensionApi();
    assert.ok(gitApi, 'the git extension is there');
    await until(() => gitApi.repositories.length > 0, 'the git extension opened the repository');
    repository = gitApi.repositories[0]!;
    originalBox = repository.inputBox.value;
    repository.inputBox.value = '';
    originalBranch = git('rev-parse', '--abbrev-ref', 'HEAD');
    head = git('rev-parse', 'HEAD');
    originals = await Promise.all(files.map(fileText));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The branch and HEAD as they were, the branches made here deleted, the files' text restored.
    if (originalBranch) git('checkout', '-q', originalBranch);
    for (const branch of made) git('branch', '-q', '-D', branch);
    assert.equal(git('branch', '--list', ...made), '', 'the branches made here are gone');
    for (const [i, uri] of files.entries())
      if (originals[i] !== undefined) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(originals[i]));
    if (repository) repository.inputBox.value = originalBox;
    assert.equal(git('rev-parse', 'HEAD'), head);
    const api = await engine();
    for (const [id, status] of [
      [ENGLISH.id, 'new'],
      [CHINESE.id, 'new'],
      [PLANNED.id, 'planned'],
      [NOT_YET.id, 'analyzing'],
    ] as const)
      await until(() => api.index.byId(id)[0]?.data.status === status, `the index read the original status of ${id} again`);
    await vscode.commands.executeCommand('reqdesk.refreshCommits');
    await api.settled();
  });

  it('an existing branch without the record: switched to, the status not changed, and it says so', async () => {
    const api = await engine();
    const before = await fileText(workspaceFile(...NOT_YET.path));
    // A branch from just before the commit that added the record does not hold it (found by
    // asking git: earlier suites may have committed since the workspace was built).
    const added = git('log', '--diff-filter=A', '--format=%H', '--', NOT_YET.path.join('/')).split('\n').pop()!;
    assert.match(added, /^[0-9a-f]{40}$/, 'the commit that added the record');
    git('branch', '-q', NOT_YET.branch, `${added}~1`);
    made.add(NOT_YET.branch);
    try {
      assert.equal(await startWork({ id: NOT_YET.id }), undefined, 'nothing to set on that branch');
      assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), NOT_YET.branch, 'the branch is current');
      await notificationShows(
        'start-work-not-on-branch',
        uiText('Switched to the branch {0}, which does not hold {1}: its status was not changed.', NOT_YET.branch, NOT_YET.id),
      );
    } finally {
      git('checkout', '-q', originalBranch);
    }
    await until(() => api.index.byId(NOT_YET.id).length === 1, 'the record is back in the index');
    assert.equal(await fileText(workspaceFile(...NOT_YET.path)), before, 'back as it was');
    await api.settled();
  });

  it('creates the branch from HEAD and checks it out, sets the status line to in-progress and nothing else, fills the commit box', async () => {
    repository.inputBox.value = '';
    const result = await startWork({ id: ENGLISH.id });
    assert.ok(result, 'work started');
    made.add(result.branch);
    assert.deepEqual(result, {
      branch: 'REQ-2026-005-dark-theme-for-the-65-inch-control-room',
      how: 'created',
      statusChanged: true,
      commitBoxChanged: true,
    });
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), result.branch, 'the branch is current');
    assert.equal(git('rev-parse', 'HEAD'), head, 'made from HEAD');
    assert.equal(
      await fileText(files[0]!),
      originals[0]!.replace('\nstatus: new\n', '\nstatus: in-progress\n'),
      'only the status line changed',
    );
    assert.equal(repository.inputBox.value, 'REQ-2026-005: ');
    await notificationShows('start-work-created', uiText('Created the branch {0} from HEAD and switched to it.', result.branch));
    await notificationShows('start-work-in-progress', uiText('{0} is now in progress.', ENGLISH.id));
    const api = await engine();
    await until(() => api.index.byId(ENGLISH.id)[0]?.data.status === 'in-progress', 'the index read the new status');
  });

  it('a second run switches to the existing branch and changes nothing else', async () => {
    git('checkout', '-q', originalBranch);
    const before = await fileText(files[0]!);
    repository.inputBox.value = 'REQ-2026-005: dark palette';
    const result = await startWork({ file: files[0]!.toString() });
    assert.ok(result, 'work started');
    assert.equal(result.how, 'switched');
    assert.equal(result.branch, 'REQ-2026-005-dark-theme-for-the-65-inch-control-room');
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), result.branch, 'the existing branch is current');
    assert.equal(result.statusChanged, false, 'already in progress');
    assert.equal(await fileText(files[0]!), before);
    assert.equal(repository.inputBox.value, 'REQ-2026-005: dark palette', 'the box already named the requirement');
    assert.equal(result.commitBoxChanged, false);
    await notificationShows('start-work-switched', uiText('Switched to the branch {0}.', result.branch));
  });

  it('a Chinese title names the branch by ID only; the status line keeps its comment', async () => {
    repository.inputBox.value = '';
    const result = await startWork({ id: CHINESE.id });
    assert.ok(result, 'work started');
    made.add(result.branch);
    assert.deepEqual(result, { branch: '需求-2026-001', how: 'created', statusChanged: true, commitBoxChanged: true });
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), '需求-2026-001');
    assert.equal(
      await fileText(files[1]!),
      originals[1]!.replace('\nstatus: new                  # 待评审\n', '\nstatus: in-progress                  # 待评审\n'),
    );
    assert.equal(repository.inputBox.value, '需求-2026-001: ');
    await notificationShows('start-work-by-id', uiText('Named by ID only: the title has no Latin letters or digits for a slug.'));
  });

  it('a checkout git refuses (local changes it would overwrite) is reported; nothing else changes', async () => {
    const uri = workspaceFile(...PLANNED.path);
    const original = await fileText(uri);
    const relative = PLANNED.path.join('/');
    const current = git('rev-parse', '--abbrev-ref', 'HEAD');
    // The requirement's branch exists with a commit that changes the record…
    git('checkout', '-q', '-b', PLANNED.branch);
    made.add(PLANNED.branch);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${original}\nA note on the branch.\n`));
    git('commit', '-q', '--no-verify', '-m', 'docs: a note', '--', relative);
    git('checkout', '-q', current);
    // …and here the record has unsaved-to-git changes of its own.
    const dirty = `${original}\nA local note.\n`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(dirty));
    try {
      repository.inputBox.value = '';
      assert.equal(await startWork({ id: PLANNED.id }), undefined, 'nothing was started');
      assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), current, 'still on the same branch');
      assert.equal(await fileText(uri), dirty, 'the record as it was: the status not changed');
      assert.equal(repository.inputBox.value, '', 'the commit box as it was');
      // git's own words follow the prefix.
      await notificationShows('start-work-refused', uiText('git could not switch to the branch {0}: {1}', PLANNED.branch).split('{1}')[0]!);
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    }
  });

  it('the ID hover links to the command', async () => {
    const text = await hoverText(files[0]!, new vscode.Position(1, 6));
    assert.match(text, /command:reqdesk\.startWork\?/);
  });
});
