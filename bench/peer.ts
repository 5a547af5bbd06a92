// peer_ratio: `reqdesk validate` as a user runs it (a child process of the CLI bundle) on the bench's
// corpus, against what that user would write instead — bench/peerValidate.mjs, js-yaml and Ajv
// over ReqDesk's exported JSON Schema, also a child process — on the same files, in the same run.
// Both start a Node process, so start-up is on both sides. They alternate round by round, after one
// warm-up of each; the figure is the median of the per-round ratios, with their spread.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { median, roundRatios } from './stats';

export interface PeerOptions {
  /** The workspace the bench wrote: requirements/generated/*.md below it. */
  root: string;
  /** How many requirement files it holds; both sides must check exactly these. */
  files: number;
  repoRoot: string;
  rounds: number;
  log: (line: string) => void;
}

/** Milliseconds of one child process, and what it printed on stdout. */
function timed(args: string[], cwd: string): { ms: number; stdout: string } {
  const started = performance.now();
  const stdout = execFileSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return { ms: performance.now() - started, stdout };
}

export function measurePeer(options: PeerOptions) {
  const { root, repoRoot } = options;
  // The CLI as `npm run build` makes it (the bench's own build does not include it).
  execFileSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const script = path.join(repoRoot, 'bench', 'peerValidate.mjs');
  const schema = path.join(repoRoot, 'schemas', 'requirement.schema.json');

  // The workspace's default include (requirements/**) picks the corpus; JSON for the count it checked.
  const validate = () => {
    const run = timed([cli, 'validate', '--root', root, '--format', 'json', '--lang', 'en'], repoRoot);
    const checked = (JSON.parse(run.stdout) as { summary: { files: number } }).summary.files;
    if (checked !== options.files) throw new Error(`reqdesk validate checked ${checked} of ${options.files} files`);
    return run.ms;
  };
  const peer = () => {
    const run = timed([script, root, schema], repoRoot);
    const report = JSON.parse(run.stdout) as { files: number; invalid: number };
    if (report.files !== options.files) throw new Error(`the peer script checked ${report.files} of ${options.files} files`);
    // The corpus is valid: a peer that rejects it is not checking what ReqDesk checks.
    if (report.invalid !== 0) throw new Error(`the peer script found ${report.invalid} invalid files in a valid corpus`);
    return run.ms;
  };

  validate();
  peer();
  const validates: number[] = [];
  const peers: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    peers.push(peer());
    validates.push(validate());
  }
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
  options.log(`peer: rounds: js-yaml + ajv script ${ms(peers)}; reqdesk validate ${ms(validates)}`);
  const { ratio, ratioMin, ratioMax } = roundRatios(validates, peers);
  return {
    peer_validate_ms: Math.round(median(validates)),
    peer_script_ms: Math.round(median(peers)),
    peer_ratio: ratio,
    peer_ratio_min: ratioMin,
    peer_ratio_max: ratioMax,
  };
}
