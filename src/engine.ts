// The engine: composes the index host, the workspace indexer, the views, commands and language
// features. Loaded by extension.ts after activation.
import * as vscode from 'vscode';
import type { BuildStats, RequirementIndex } from './core/index';
import { affectsReqDesk } from './workspace/settings';
import { IndexHost } from './workspace/indexHost';
import { WorkspaceIndexer } from './workspace/workspaceIndexer';
import { RequirementsTree, VIEW_ID } from './tree/requirementsTree';
import { TreeCommands } from './tree/treeCommands';
import { registerTaskCommands } from './tree/taskCommands';
import type { TreeNode } from './tree/nodes';
import { newRequirement, type NewRequirementArgs } from './commands/newRequirement';
import { registerAdoptRecords } from './commands/adoptRecords';
import { registerImportExport } from './commands/importExport';
import { registerMerge } from './commands/mergeRequirements';
import { registerLanguageFeatures } from './language/registerLanguageFeatures';
import { MATRIX_VIEW_TYPE, MatrixPanel } from './webviews/matrixPanel';
import { TIMELINE_VIEW_TYPE, TimelinePanel } from './webviews/timelinePanel';
import { CodeRefService } from './scm/codeRefService';
import { UntestedDiagnostics } from './scm/untestedDiagnostics';
import { CommitService } from './scm/commitService';
import { commitStateMessage } from './scm/commitStateMessage';
import { registerShowCommit } from './scm/showCommit';
import { registerCompareWithRevision } from './scm/compareWithRevision';
import { BranchIdService } from './scm/branchIdService';
import { registerStartWork } from './scm/startWork';
import { registerReports } from './commands/reportCommands';
import { registerCustomerCommands } from './commands/customerCommands';
import { registerRespond, type RespondApi } from './commands/registerRespond';
import { LogContactCommand } from './commands/logContact';
import { registerPriorityReview } from './commands/priorityReview';
import { registerPanel } from './webviews/registerPanel';
import type { StartupTimes } from './workspace/startupTimes';
import { TEAM_SCHEMA_FOLDER_GLOB, TEAM_SCHEMA_GLOB } from './workspace/teamSchemaFile';

/** What tests (and later features) reach through the extension's exports. */
export interface EngineApi {
  readonly index: RequirementIndex;
  readonly matrix: MatrixPanel;
  readonly timeline: TimelinePanel;
  readonly tree: RequirementsTree;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly commits: CommitService;
  /** Mentions of requirement IDs in the workspace's code and tests. */
  readonly codeRefs: CodeRefService;
  readonly branches: BranchIdService;
  /** Response and feedback commands, the daily late-task reminder. */
  readonly respond: RespondApi;
  /** Resolves when queued re-validations and diagnostics have been applied. */
  settled(): Promise<void>;
  readonly lastBuild: BuildStats | undefined;
}

export interface Engine {
  readonly api: EngineApi;
  readonly firstBuild: Promise<void>;
  /** The Rebuild Index command: every file read again, the warm-start cache not trusted. */
  rebuild(): Promise<void>;
}

export function startEngine(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, startup: StartupTimes): Engine {
  const host = new IndexHost();
  const tree = new RequirementsTree((nodes, priority) =>
    commands
      .writePriority(
        nodes.map((n) => n.summary),
        priority,
      )
      .then(() => undefined),
  );
  const treeView = vscode.window.createTreeView(VIEW_ID, {
    treeDataProvider: tree,
    dragAndDropController: tree,
    canSelectMany: true,
    // Collapse All is in the title's overflow menu (reqdesk.collapseAll): the title bar keeps
    // room for the view's name with New Requirement, Filter and, when filtered, Clear Filter.
    showCollapseAll: false,
  });
  tree.attach(treeView);
  tree.onFirstRecords(() => (startup.firstTreeAt ??= performance.now()));
  const commands = new TreeCommands({ index: host.index, tree, view: treeView });
  const matrix = new MatrixPanel(context.extensionUri, output);
  const timeline = new TimelinePanel(context.extensionUri, output);
  const commitLinks = new CommitService(context, output);
  // Commits naming an ID merged into a record are that record's.
  commitLinks.idsOfRequirement = (id) => host.current?.idsOfRequirement(id) ?? [id];
  tree.setCommits(commitLinks);
  const codeRefs = new CodeRefService(output, () => commitLinks.gitPath());
  codeRefs.idsOfRequirement = (id) => host.current?.idsOfRequirement(id) ?? [id];
  tree.setCodeRefs(codeRefs);
  const untested = new UntestedDiagnostics(host, codeRefs);
  const timelineCommits = timeline.setCommits(commitLinks);
  // Followers are told of a new index and of its changes in this order.
  tree.follow(host);
  matrix.follow(host);
  timeline.follow(host);
  const commitsFollow = host.follow({
    replaced: (index) => {
      commitLinks.threshold = index.settings.priorityThreshold;
      commitLinks.setGrammar(index.grammar);
      codeRefs.configure(index.grammar, index.settings);
    },
  });
  const indexer = new WorkspaceIndexer(context, output, host);
  const branchIds = new BranchIdService(() => host.current, commitLinks, output);
  context.subscriptions.push(
    host,
    commitsFollow,
    timelineCommits,
    tree,
    treeView,
    indexer,
    commitLinks,
    codeRefs,
    untested,
    branchIds,
    commitLinks.onDidChange(() => tree.setCommitNotice(commitStateMessage(commitLinks.current))),
    ...registerShowCommit(commitLinks),
    ...registerCompareWithRevision({
      commits: commitLinks,
      targets: (a, b, args) => commands.targets(a, b, args),
      maxFileBytes: () => host.current?.settings.maxFileBytes,
    }),
    vscode.commands.registerCommand('reqdesk.refreshCommits', () => commitLinks.refresh()),
    ...commands.register(),
    ...registerPriorityReview(() => host.current, commands),
    ...registerTaskCommands(),
    vscode.commands.registerCommand('reqdesk.newRequirement', (args?: NewRequirementArgs) =>
      newRequirement(host.index(), args, () => branchIds.fresh()),
    ),
    ...registerImportExport({ index: host.index, takenElsewhere: () => branchIds.fresh() }),
    ...registerAdoptRecords(),
    new LogContactCommand(host.index).register(),
    ...registerMerge(host.index),
    ...registerStartWork({ index: host.index, targets: (a, b, args) => commands.targets(a, b, args) }),
    ...registerPanel(matrix, 'reqdesk.showMatrix', MATRIX_VIEW_TYPE),
    ...registerPanel(timeline, 'reqdesk.showTimeline', TIMELINE_VIEW_TYPE),
    ...registerLanguageFeatures({
      host,
      isRequirement: (uri) => indexer.source?.matches(uri) ?? false,
      commits: commitLinks,
      codeRefs,
      branches: branchIds,
    }),
    ...registerReports({ extensionUri: context.extensionUri, output, host, commits: commitLinks }),
    ...registerCustomerCommands({ host, commits: commitLinks }),
  );
  // A build is ready when its records are in the tree on screen; its problems reach the Problems
  // panel right after (settled() waits for them).
  const buildAndShow = async (options?: { fromScratch?: boolean }) => {
    try {
      await indexer.rebuild(options);
      await tree.settled();
      await tree.shown();
    } finally {
      indexer.showProblems();
    }
  };
  let building = buildAndShow().then(() => {
    startup.readyAt = performance.now();
    void indexer.problemsShown().then(() => (startup.problemsAt = performance.now()));
  });
  codeRefs.waitFor = () => building;
  const respond = registerRespond({
    context,
    index: () => host.current,
    triage: commands,
    firstBuild: building,
    onNewDay: () => {
      tree.checkDay();
      indexer.republishAll();
    },
  });
  context.subscriptions.push(...respond.disposables);
  const rebuild = (options?: { fromScratch?: boolean }) => (building = building.catch(() => undefined).then(() => buildAndShow(options)));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsReqDesk(e)) void rebuild();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void rebuild()),
  );
  // The team schema decides how every record reads: a change to it rebuilds the index.
  const schemaWatcher = vscode.workspace.createFileSystemWatcher(TEAM_SCHEMA_GLOB);
  context.subscriptions.push(
    schemaWatcher,
    schemaWatcher.onDidCreate(() => void rebuild()),
    schemaWatcher.onDidChange(() => void rebuild()),
    schemaWatcher.onDidDelete(() => void rebuild()),
  );
  // A folder created or deleted with the file in it (a checkout, a copy) can be reported alone.
  const schemaFolderWatcher = vscode.workspace.createFileSystemWatcher(TEAM_SCHEMA_FOLDER_GLOB, false, true, false);
  context.subscriptions.push(
    schemaFolderWatcher,
    schemaFolderWatcher.onDidCreate(() => void rebuild()),
    schemaFolderWatcher.onDidDelete(() => void rebuild()),
  );
  const api: EngineApi = {
    tree,
    matrix,
    timeline,
    treeView,
    commits: commitLinks,
    codeRefs,
    branches: branchIds,
    respond: respond.api,
    get index() {
      return host.index();
    },
    get lastBuild() {
      return indexer.lastBuild;
    },
    settled: async () => {
      await building;
      await indexer.settled();
      await tree.settled();
      await commitLinks.settled();
      await codeRefs.settled();
      await untested.settled();
      await branchIds.settled();
    },
  };
  return { api, firstBuild: building, rebuild: () => rebuild({ fromScratch: true }) };
}
