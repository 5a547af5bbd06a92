// The real corpus: a clone of the tektoncd/community bundle kept in the OS temp folder, cloned
// once per commit so that later runs start at once.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where the bundle (or a clone of it) is: the option, then REQDESK_CORPUS, then beside the repository. */
export function corpusPath(option: string | undefined, repoRoot: string): string {
  return option ?? process.env.REQDESK_CORPUS ?? path.resolve(repoRoot, '../shared/corpus/tekton-community.bundle');
}

export interface Clone {
  root: string;
  /** The commit the clone is at, so that what is built from it can be kept per commit. */
  commit: string;
}

const git = (args: string[], cwd?: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

/** A clone of the corpus; a folder is taken as a clone already made. Undefined when nothing is at `location`. */
export function cloneCorpus(location: string): Clone | undefined {
  if (!existsSync(location)) return undefined;
  if (statSync(location).isDirectory()) return { root: location, commit: git(['rev-parse', 'HEAD'], location) };
  // The bundle names its commits without being cloned: HEAD when it says, else its first branch.
  const heads = git(['bundle', 'list-heads', location])
    .split('\n')
    .map((line) => line.split(' '));
  const commit = (heads.find(([, ref]) => ref === 'HEAD') ?? heads[0])![0]!;
  const root = path.join(os.tmpdir(), `reqdesk-bench-tekton-${commit.slice(0, 12)}`);
  // Stamped after the clone completes: an interrupted clone is made again, not trusted.
  const stamp = `${root}.done`;
  if (!existsSync(stamp)) {
    rmSync(root, { recursive: true, force: true });
    git(['clone', '--quiet', location, root]);
    writeFileSync(stamp, '');
  }
  return { root, commit };
}
