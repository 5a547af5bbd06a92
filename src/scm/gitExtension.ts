// The part of VS Code's built-in git extension API that ReqDesk uses, typed here rather than
// copied whole: the extension is optional (it can be disabled) and only read, never required.
import * as vscode from 'vscode';

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: {
    readonly HEAD?: { name?: string; commit?: string };
    readonly onDidChange: vscode.Event<void>;
  };
  /** A git configuration value as this repository sees it (`user.name`); older APIs lack it. */
  getConfig?(key: string): Promise<string>;
  /** The local branches, and the remote ones with `remote: true`. */
  getBranches?(query: { remote?: boolean }): Promise<ReadonlyArray<{ name?: string }>>;
  /** `git checkout -b name [ref]` when `checkout`, else `git branch name [ref]`. */
  createBranch?(name: string, checkout: boolean, ref?: string): Promise<void>;
  checkout?(treeish: string): Promise<void>;
  /** Reads the repository's state (HEAD, changes) again. */
  status?(): Promise<void>;
}

export interface GitApi {
  readonly git: { readonly path: string };
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  /** Opens the repository at or above a folder (none when it is in none); older APIs lack it. */
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The git extension's API, or undefined when it is missing, disabled or fails to start. */
export async function gitExtensionApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** How long the name of the git user may take before a prompt opens without it. */
const USER_NAME_WAIT_MS = 1500;

/**
 * `user.name` of the repository that holds `file` (a default for who did something), or undefined:
 * no git extension, Restricted Mode, no repository, no name, or git too slow to answer.
 */
export async function gitUserName(file: vscode.Uri): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), USER_NAME_WAIT_MS)));
  try {
    return await Promise.race([userNameOf(file).catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The innermost open repository whose work tree holds `file` (a submodule before its parent). */
export function repositoryHolding(api: GitApi, file: vscode.Uri): GitRepository | undefined {
  const path = file.path;
  return api.repositories
    .filter((r) => path.startsWith(`${r.rootUri.path.replace(/\/$/, '')}/`))
    .sort((a, b) => b.rootUri.path.length - a.rootUri.path.length)[0];
}

async function userNameOf(file: vscode.Uri): Promise<string | undefined> {
  const api = await gitExtensionApi();
  const repository = api && repositoryHolding(api, file);
  const name = repository?.getConfig ? await repository.getConfig('user.name') : undefined;
  return name?.trim() || undefined;
}
