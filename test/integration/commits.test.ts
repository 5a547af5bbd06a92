// Commit links in the real extension host, on the runner's workspace: the examples as a git
// repository with the history examples/build-git-demo.mjs writes. New commits are made with the
// git command line, the way a user commits from a terminal.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EngineApi } from '../../src/engine';
import type { CommitNode, CommitsNode, HistoryEntryNode, HistoryNode, RequirementNode } from '../../src/tree/nodes';
import { commitDocumentUri } from '../../src/scm/showCommit';
import { gitExtensionApi } from '../../src/scm/gitExtension';
import {
  chinese,
  codeActionsUntil,
  engine,
  newRequirement,
  uiText,
  until,
  withNewRequirement,
  workspaceFile,
  hoveredItem,
} from './support';
import { historyWords } from '../../src/core/historyText';
import { localToday } from '../../src/workspace/localToday';
import { git as runGit } from '../support/gitRepo';

function root(): string {
  return workspaceFile().fsPath;
}

function git(...args: string[]): string {
  return gitWith({}, args);
}

/** git in the workspace, authored by Lin Wei (the committer is whoever the repository says). */
function gitWith(env: Record<string, string>, args: string[], input?: string): string {
  return runGit(root(), args, {
    env: { GIT_AUTHOR_NAME: 'Lin Wei', GIT_AUTHOR_EMAIL: 'lin@example.com', ...env },
    ...(input !== undefined ? { input } : {}),
  });
}

/**
 * A branch whose tip adds `files` to HEAD's tree, made with plumbing so the checkout (and the
 * workspace the extension watches) stays as it is: a colleague's branch, fetched.
 */
function branchWithFiles(name: string, files: Record<string, string>): string {
  const index = `${root()}/.git/reqdesk-test-index`;
  const env = { GIT_INDEX_FILE: index };
  gitWith(env, ['read-tree', 'HEAD']);
  for (const [path, text] of Object.entries(files)) {
    const blob = gitWith({}, ['hash-object', '-w', '--stdin'], text).trim();
    gitWith(env, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`]);
  }
  const tree = gitWith(env, ['write-tree']).trim();
  const tip = git('commit-tree', tree, '-p', 'HEAD', '-m', `wip on ${name}`).trim();
  git('branch', name, tip);
  rmSync(index, { force: true });
  return tip;
}

function recordText(id: string, title: string): string {
  return `---\nid: ${id}\ntitle: ${title}\ntype: functional\nstatus: new\nsubmitted: 2026-11-20\n---\n\n# ${title}\n`;
}

function nodeOfId(api: EngineApi, id: string): RequirementNode {
  const record = api.index.byId(id)[0];
  assert.ok(record, `${id} is indexed`);
  const node = api.tree.requirementNode(record.file);
  assert.ok(node, `${id} is in the tree`);
  return node;
}

function commitsUnder(api: EngineApi, id: string): { folder: CommitsNode | undefined; commits: CommitNode[] } {
  const folder = api.tree.childrenNow(nodeOfId(api, id)).find((n): n is CommitsNode => n.kind === 'commits');
  return { folder, commits: folder ? (api.tree.childrenNow(folder) as CommitNode[]) : [] };
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function readyEngine(): Promise<EngineApi> {
  const api = await engine();
  await until(() => api.commits.ready, 'commit links are read');
  return api;
}

describe('commit links', function () {
  this.timeout(90_000);

  it('shows the commits that mention an ID under its requirement: subject, short hash, author, relative date', async () => {
    const api = await readyEngine();
    const { folder, commits } = commitsUnder(api, '需求-2024-001');
    assert.ok(folder, 'a Commits folder');
    assert.equal(api.tree.getTreeItem(folder).description, '4');
    // Newest first, as `git log` lists them.
    assert.deepEqual(
      commits.map((c) => label(api.tree.getTreeItem(c))),
      [
        'feat(export): CSV export of hourly readings',
        '完成需求-2024-001，待验收',
        'feat: 能耗看板 (需求-2024-001)',
        'docs: 记录需求-2024-001 访谈结论',
      ],
    );
    const done = api.tree.getTreeItem(commits[1]!);
    const hash = git('log', '--format=%h', '--grep=完成需求-2024-001').trim();
    assert.match(String(done.description), new RegExp(`^${hash} · [^·]+ · .*(ago|前)$`));
    assert.equal(done.command?.command, 'reqdesk.showCommit');
    // A requirement no commit mentions has no folder.
    assert.equal(commitsUnder(api, 'REQ-2026-002').folder, undefined);
  });

  it('lists the field changes of a requirement over its git history, newest first', async () => {
    const api = await readyEngine();
    const history = api.tree.childrenNow(nodeOfId(api, '需求-2024-001')).find((n): n is HistoryNode => n.kind === 'history');
    assert.ok(history, 'a History folder');
    const entries = (await api.tree.getChildren(history)) as HistoryEntryNode[];
    const t = historyWords(chinese() ? 'zh-cn' : 'en');
    assert.deepEqual(
      entries.map((e) => [label(api.tree.getTreeItem(e)), e.entry.author]),
      [
        [
          [
            'status: delivered → closed',
            t.added('feedback[0]', '{date: 2024-04-06, satisfaction: 4, note: 看板已在三个车间使用，希望增加数据导出格…}'),
            t.added(
              'changes[0]',
              '{date: 2024-04-07, request: 增加 CSV 导出（拆分为 REQ-2024-003 单独…, decision: approved, decided: 2024-04-08, implemented: 2024-04-12, ref: REQ-2024-003, fed_back: 2024-04-15}',
            ),
            `outcome.degree: ${t.none} → partial`,
            `outcome.measured: ${t.none} → 6 个月能耗成本降低 12.4%；功率异常平均 4 分钟内在手机端可见`,
            `outcome.note: ${t.none} → 2012 年前的 6 台空压机加装网关后再评估`,
            `lessons: ${t.none} → 复用现有采集模块，接口开发比估算少用 1 天；采集网关应在访谈当周下单，到货等了 4 天`,
          ].join('; '),
          '王五',
        ],
        ['status: in-progress → delivered', '张三'],
        ['status: analyzing → in-progress; tasks[T1].status: todo → done; tasks[T2].status: todo → done', '王五'],
        [t.created('requirements/需求-2024-001-能耗监控.md'), '张三'],
      ],
    );
    const created = api.tree.getTreeItem(entries[3]!);
    assert.match((created.tooltip as vscode.MarkdownString).value, /scores\\?\.importance:(&nbsp;| )5/);
    assert.equal(created.command?.command, 'reqdesk.showCommit');
    assert.equal(
      (created.command?.arguments?.[0] as { hash: string }).hash,
      git('log', '--format=%H', '--diff-filter=A', '--', 'requirements/需求-2024-001-能耗监控.md').trim(),
    );
    // A file never committed says so.
    const fresh = workspaceFile('requirements', 'REQ-2026-123-uncommitted.md');
    await withNewRequirement(api, fresh, '---\nid: REQ-2026-123\ntitle: Not yet\ntype: functional\nstatus: new\n---\n', async () => {
      const none = api.tree.childrenNow(api.tree.requirementNode(fresh.toString())).find((n): n is HistoryNode => n.kind === 'history')!;
      assert.deepEqual(
        (await api.tree.getChildren(none)).map((n) => label(api.tree.getTreeItem(n))),
        [uiText('Not committed yet')],
      );
    });
  });

  it('counts commits in the tooltip, the hover and the CodeLens', async () => {
    const api = await readyEngine();
    const node = nodeOfId(api, 'REQ-2024-003');
    const tooltip = hoveredItem(api, node).tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.replace(/&nbsp;/g, ' ').includes(`${uiText('Commits')}: ${uiText('1 commit')}`), tooltip.value);

    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See 需求-2024-001 and REQ-2025-999.' });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    // appendText keeps spaces as &nbsp; and escapes punctuation.
    const plain = text.replace(/&nbsp;/g, ' ').replace(/\\([()[\]:])/g, '$1');
    assert.ok(plain.includes(uiText('{0} commits', 4)), plain);
    assert.match(plain, /feat\(export\): CSV export of hourly readings/, 'the latest commit is named');
    const unknown = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(0, 24),
    );
    assert.match(unknown.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /REQ-2025-999/);

    const file = vscode.Uri.parse(api.index.byId('需求-2024-001')[0]!.file);
    await vscode.window.showTextDocument(file);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
    const commitLens = lenses.find((l) => l.command?.command === 'reqdesk.showCommits');
    assert.ok(commitLens, lenses.map((l) => l.command?.title).join(' | '));
    assert.ok(commitLens.command!.title.includes(uiText('{0} commits', 4)), commitLens.command!.title);
  });

  it('marks "commits but still new" and "delivered but no commit"', async () => {
    const api = await readyEngine();
    // 需求-2026-001 is new, and the review commit names it.
    assert.ok(String(api.tree.getTreeItem(nodeOfId(api, '需求-2026-001')).description).includes(uiText('has commits, still new')));
    const target = api.index.byId('REQ-2026-002')[0]!;
    const uri = vscode.Uri.parse(target.file);
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    try {
      assert.equal(await vscode.commands.executeCommand('reqdesk.setStatus', { file: target.file, status: 'delivered' }), true);
      await vscode.workspace.save(uri);
      await api.settled();
      await until(
        () => String(api.tree.getTreeItem(nodeOfId(api, 'REQ-2026-002')).description).includes(uiText('no commit')),
        'the no-commit mark',
      );
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
      await api.settled();
    }
  });

  it('a commit made in a terminal is linked without a reload (incremental read)', async () => {
    const api = await readyEngine();
    const before = api.commits.countOf('REQ-2026-002');
    git('commit', '-q', '--allow-empty', '--no-verify', '-m', 'feat(import): 批量导入员工 (REQ-2026-002)\n\nRefs: REQ-2026-002');
    const hash = git('rev-parse', 'HEAD').trim();
    // The git extension notices the new HEAD; the command is the user's way to ask directly.
    const followed = await until(
      () => api.commits.countOf('REQ-2026-002') === before + 1,
      'the git extension reported the commit',
      15_000,
    ).then(
      () => true,
      () => false,
    );
    if (!followed) await vscode.commands.executeCommand('reqdesk.refreshCommits');
    await api.settled();
    assert.equal(api.commits.countOf('REQ-2026-002'), before + 1);
    assert.ok(followed, 'linked through the repository change event, not only the refresh command');
    const { commits } = commitsUnder(api, 'REQ-2026-002');
    assert.equal(commits[0]?.commit.hash, hash);
    assert.equal(commits[0]?.commit.verb, 'refs');
  });

  it('shows a commit through the git extension, and as a read-only document', async () => {
    const api = await readyEngine();
    const [commit] = api.commits.commitsOf('需求-2024-002');
    assert.ok(commit);
    const how = await vscode.commands.executeCommand('reqdesk.showCommit', { repository: commit.repository, hash: commit.hash });
    assert.equal(how, 'git');
    const doc = await vscode.workspace.openTextDocument(commitDocumentUri(commit.repository, commit.hash, commit.subject));
    assert.match(doc.getText(), new RegExp(`^commit ${commit.hash}`));
    assert.match(doc.getText(), /feat\(alerts\): 企业微信能耗告警/);
    // Only repositories of the workspace: a crafted link does not point git elsewhere.
    const elsewhere = await vscode.workspace.openTextDocument(commitDocumentUri('/', commit.hash, 'x'));
    assert.doesNotMatch(elsewhere.getText(), /^commit /);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('all branches: a commit on a branch not merged is linked only with the setting on', async () => {
    const api = await readyEngine();
    const config = vscode.workspace.getConfiguration('reqdesk.commits');
    const current = git('rev-parse', '--abbrev-ref', 'HEAD').trim();
    // A branch made without checking it out: the workspace files stay as they are.
    const tree = git('rev-parse', 'HEAD^{tree}').trim();
    const tip = git('commit-tree', tree, '-p', 'HEAD', '-m', 'wip: 对标报表 (需求-2026-003)').trim();
    git('branch', 'feature/benchmark', tip);
    try {
      await vscode.commands.executeCommand('reqdesk.refreshCommits');
      await api.settled();
      assert.ok(!api.commits.commitsOf('需求-2026-003').some((c) => c.hash === tip), 'HEAD only by default');
      await config.update('allBranches', true, vscode.ConfigurationTarget.Workspace);
      await until(() => api.commits.commitsOf('需求-2026-003').some((c) => c.hash === tip), 'the branch commit is linked');
      await config.update('allBranches', undefined, vscode.ConfigurationTarget.Workspace);
      await until(() => !api.commits.commitsOf('需求-2026-003').some((c) => c.hash === tip), 'the branch commit is gone again');
    } finally {
      await config.update('allBranches', undefined, vscode.ConfigurationTarget.Workspace);
      git('branch', '-D', 'feature/benchmark');
      assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD').trim(), current);
    }
  });

  it('warns on unknown IDs typed in the commit box, and not on known ones', async () => {
    await readyEngine();
    const doc = await vscode.workspace.openTextDocument({ language: 'scminput', content: 'fix: 夜间工单 REQ-2025-999, see REQ-2025-004' });
    await until(() => vscode.languages.getDiagnostics(doc.uri).length > 0, 'the commit box is checked');
    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    assert.deepEqual(
      diagnostics.map((d) => [doc.getText(d.range), d.severity, d.code]),
      [['REQ-2025-999', vscode.DiagnosticSeverity.Warning, 'unknown-id-in-commit']],
    );
  });

  it('inserts a chosen ID into the commit box of the repository', async () => {
    await readyEngine();
    const gitApi = await gitExtensionApi();
    assert.ok(gitApi, 'the git extension is there');
    await until(() => gitApi.repositories.length > 0, 'the git extension opened the repository');
    const box = gitApi.repositories[0]!.inputBox;
    box.value = 'feat: 多厂区对标';
    assert.equal(await vscode.commands.executeCommand('reqdesk.insertIdInCommit', { id: '需求-2026-001' }), true);
    assert.equal(box.value, 'feat: 多厂区对标 需求-2026-001');
    box.value = '';
  });

  it('branch-safe IDs: a new requirement skips an ID another branch took, and a clash across branches is a warning', async () => {
    const api = await readyEngine();
    const year = Number(localToday().slice(0, 4));
    // The examples' highest REQ number of each year, read off the files (REQ-2026-092-duplicate-id.md
    // carries the ID REQ-2025-004); a later year has none yet.
    const highest = ({ 2024: 6, 2025: 11, 2026: 91 } as Record<number, number>)[year] ?? 0;
    const seq = (n: number) => `REQ-${year}-${String(n).padStart(3, '0')}`;
    assert.deepEqual(
      api.index
        .ids()
        .filter((id) => id.startsWith(`REQ-${year}-`) && Number(id.slice(9)) >= highest)
        .sort(),
      highest ? [seq(highest)] : [],
      'the examples as read off the files',
    );
    // A colleague's branch takes the next number; the new requirement gets the one after.
    const taken = seq(highest + 1);
    const clash = api.index.byId('REQ-2025-004')[0]!;
    branchWithFiles('colleague/new-work', {
      [`requirements/${taken}-colleague.md`]: recordText(taken, 'Colleague work'),
      'requirements/other-numbering.md': recordText('REQ-2025-004', 'Same number, other record'),
    });
    let created: vscode.Uri | undefined;
    try {
      created = await newRequirement({ title: 'Branch safe', type: 'functional', prefix: 'REQ' });
      const createdId =
        api.index.get(created.toString())?.id ??
        /id: (\S+)/.exec(new TextDecoder().decode(await vscode.workspace.fs.readFile(created)))?.[1];
      assert.equal(createdId, seq(highest + 2));
      assert.notEqual(createdId, taken);

      await until(
        () => vscode.languages.getDiagnostics(vscode.Uri.parse(clash.file)).some((d) => d.code === 'id-duplicate-on-branch'),
        'the clash is reported',
      );
      const warning = vscode.languages.getDiagnostics(vscode.Uri.parse(clash.file)).find((d) => d.code === 'id-duplicate-on-branch')!;
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(warning.message, /requirements\/other-numbering\.md \(colleague\/new-work\)/);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(clash.file));
      assert.equal(doc.getText(warning.range), 'REQ-2025-004', 'on the ID itself');
      const offersNewId = (actions: vscode.CodeAction[]) => actions.some((a) => /Change the ID to|将编号改为/.test(a.title));
      const actions = await codeActionsUntil(doc.uri, warning.range, offersNewId);
      assert.ok(offersNewId(actions), actions.map((a) => a.title).join(' | '));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (created) {
        await vscode.workspace.fs.delete(created);
        const gone = created.toString();
        await until(() => api.index.get(gone) === undefined, 'the index forgot the new file');
      }
      git('branch', '-D', 'colleague/new-work');
      await api.branches.refresh();
      await api.settled();
    }
    assert.ok(
      !vscode.languages.getDiagnostics(vscode.Uri.parse(clash.file)).some((d) => d.code === 'id-duplicate-on-branch'),
      'gone with the branch',
    );
  });
});
