/**
 * Requirement IDs mentioned in a workspace's code and tests (core/codeRefs reads each file), found
 * by one of two searches that give the same mentions at the same places:
 *   ripgrep  when an `rg` executable is given and starts: it lists the files holding a prefix of an
 *            ID (fixed strings, so no regular expression dialect is involved), and only those are
 *            read here;
 *   node     otherwise: every file is read here.
 * Which files exist: in a git work tree, git's own list (`git ls-files -co --exclude-standard`,
 * the exact `.gitignore` semantics); outside one, every file below the root. In both, `.git`
 * folders, symbolic links (never followed: a link can lead out of the workspace or into a loop),
 * files over MAX_CODE_FILE_BYTES and binary files (a NUL byte) are skipped, and the settings'
 * excludes apply. ripgrep applies ignore files itself; its list is then held to git's (and the
 * tracked files an ignore rule matches, which git lists and ripgrep prunes, are read here), so the
 * two searches agree.
 *
 * Node only, no `vscode`: the CLI, the bench and the extension's index share it. Processes are
 * spawned with argument arrays, never a shell.
 */
import { spawn } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { Slicer } from '../core/slices';
import * as path from 'node:path';
import { codeRefsIn, compareCodeRefs, mentionNeedles, type CodeFileRules, type CodeRef } from '../core/codeRefs';
import type { IdGrammar } from '../core/ids';
import { GitMissingError } from '../git/gitLog';
import { workTreeFiles } from '../git/workTreeFiles';
import { readFileBoundedSync } from './boundedRead';

/** Larger files are generated or data, not code a person wrote a requirement ID into. */
export const MAX_CODE_FILE_BYTES = 1024 * 1024;

export type SearchKind = 'ripgrep' | 'node';

export interface CodeScanOptions {
  /** The workspace folder; mentions' paths are relative to it. */
  root: string;
  grammar: IdGrammar;
  rules: CodeFileRules;
  /** The exclude globs `rules` was made with: those ripgrep can apply itself spare it work. */
  excludeGlobs?: readonly string[];
  /** The git executable; undefined: no git is run and the root is walked. */
  git?: string;
  /** The ripgrep executable; undefined, or one that cannot start: the node search. */
  ripgrep?: string;
  maxFileBytes?: number;
  signal?: AbortSignal;
}

export interface CodeScan {
  /** By file, line, column. */
  refs: CodeRef[];
  search: SearchKind;
  /** Where the list of files came from. */
  listing: 'git' | 'walk';
  /** Why ripgrep was not used when it was asked for (it could not start, or failed). */
  ripgrepFailure?: string;
  /** Files read for mentions (with ripgrep, only those it found a prefix in). */
  filesRead: number;
  /** Skipped files among those read, root-relative. */
  binary: string[];
  tooLarge: string[];
}

interface Listing {
  kind: 'git' | 'walk';
  files: string[];
  trackedIgnored: string[];
}

/** Every file below `root` (root-relative, `/` separators), without entering `.git` or excluded folders, links not followed. */
/** The folder's files, root-relative; the event loop gets a turn whenever a slice of the walk has run out. */
/** Synchronous work between two turns of the event loop. */
const SLICE_MS = 15;

async function walk(root: string, rules: CodeFileRules, slicer: Slicer): Promise<string[]> {
  const found: string[] = [];
  const folders: Array<[string, string]> = [[root, '']];
  for (let next = folders.pop(); next; next = folders.pop()) {
    const [dir, rel] = next;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: nothing there to read
    }
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && !rules.skipsFolder(childRel)) folders.push([path.join(dir, entry.name), childRel]);
      } else if (entry.isFile()) found.push(childRel);
    }
    await slicer.maybeYield();
  }
  return found.sort();
}

async function listFiles(options: CodeScanOptions, slicer: Slicer): Promise<Listing> {
  if (options.git !== undefined) {
    try {
      const listed = await workTreeFiles(options.git, options.root, options.signal);
      if (listed) return { kind: 'git', files: listed.files, trackedIgnored: listed.trackedIgnored };
    } catch (error) {
      // No git to ask: the folder is walked, as one outside a repository.
      if (!(error instanceof GitMissingError)) throw error;
    }
  }
  return { kind: 'walk', files: await walk(options.root, options.rules, slicer), trackedIgnored: [] };
}

/**
 * Excludes of the shape `**∕NAME∕**` (node_modules) as ripgrep globs, so that it need not search
 * what is dropped anyway: `!NAME/` drops every folder of that name, as the glob does.
 */
function ripgrepExcludes(excludeGlobs: readonly string[]): string[] {
  const out: string[] = [];
  for (const glob of excludeGlobs) {
    const name = /^\*\*\/([^*?[\]{}!/\\]+)\/\*\*$/.exec(glob)?.[1];
    if (name !== undefined) out.push('--glob', `!${name}/`);
  }
  return out;
}

class RipgrepFailed extends Error {}

/** The files ripgrep finds holding a needle, root-relative; throws RipgrepFailed when it cannot answer. */
function ripgrepCandidates(
  rg: string,
  root: string,
  needles: readonly string[],
  honourIgnoreFiles: boolean,
  maxBytes: number,
  extra: readonly string[],
  signal?: AbortSignal,
): Promise<string[]> {
  const args = [
    '--no-config',
    '--files-with-matches',
    '--null',
    '--no-messages',
    '--hidden',
    '--text',
    '--no-follow',
    // Only git's ignore rules, as git ls-files reads them; `.ignore` and `.rgignore` are ripgrep's own.
    '--no-ignore-dot',
    ...(honourIgnoreFiles ? [] : ['--no-ignore']),
    '--max-filesize',
    String(maxBytes),
    '--glob',
    '!.git',
    ...extra,
    '--fixed-strings',
    ...needles.flatMap((n) => ['-e', n]),
    '--',
    './',
  ];
  const env = { ...process.env };
  delete env.RIPGREP_CONFIG_PATH;
  return new Promise<string[]>((resolve, reject) => {
    const child = spawn(rg, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true, signal });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(new RipgrepFailed(error.code ?? error.message)));
    child.on('close', (code) => {
      // 0: files found; 1: none; 2: an error (an unreadable file among them, or worse): not trusted.
      if (code !== 0 && code !== 1) {
        reject(new RipgrepFailed(`exit code ${code ?? 'killed'}`));
        return;
      }
      const out = Buffer.concat(chunks).toString('utf8');
      resolve(
        out
          .split('\0')
          .filter((p) => p !== '')
          .map((p) => (p.startsWith('./') ? p.slice(2) : p).split(path.sep).join('/')),
      );
    });
  });
}

export async function scanCodeRefs(options: CodeScanOptions): Promise<CodeScan> {
  const maxBytes = options.maxFileBytes ?? MAX_CODE_FILE_BYTES;
  // The search runs in the extension host beside typing and the index: it never holds the event
  // loop for longer than a slice, however many files it lists and reads.
  const slicer = new Slicer(SLICE_MS);
  const listing = await listFiles(options, slicer);
  let toRead = listing.files;
  let search: SearchKind = 'node';
  let ripgrepFailure: string | undefined;
  const needles = mentionNeedles(options.grammar);
  if (options.ripgrep !== undefined) {
    try {
      const found = await ripgrepCandidates(
        options.ripgrep,
        options.root,
        needles,
        listing.kind === 'git',
        maxBytes,
        ripgrepExcludes(options.excludeGlobs ?? []),
        options.signal,
      );
      const listed = new Set(listing.files);
      toRead = [...new Set([...found.filter((f) => listed.has(f)), ...listing.trackedIgnored])].sort();
      search = 'ripgrep';
    } catch (error) {
      if (!(error instanceof RipgrepFailed)) throw error;
      ripgrepFailure = error.message;
    }
  }

  const refs: CodeRef[] = [];
  const binary: string[] = [];
  const tooLarge: string[] = [];
  let filesRead = 0;
  for (const file of toRead) {
    await slicer.maybeYield();
    options.signal?.throwIfAborted();
    const kind = options.rules.kindOf(file);
    if (kind === undefined || file.split('/').includes('.git')) continue;
    const absolute = path.join(options.root, file);
    let bytes: Buffer;
    try {
      // A link is not followed (it can lead anywhere); a folder (a submodule) is not a file.
      if (!lstatSync(absolute).isFile()) continue;
      const read = readFileBoundedSync(absolute, maxBytes, { noFollow: true });
      if (!read.ok) {
        tooLarge.push(file);
        continue;
      }
      bytes = read.bytes;
    } catch {
      continue; // gone or unreadable since it was listed
    }
    filesRead++;
    if (bytes.includes(0)) {
      binary.push(file);
      continue;
    }
    // Cheap rejection before decoding: most files name no ID.
    if (!needles.some((n) => bytes.includes(n))) continue;
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // A loop, not push(...): one generated file can name more IDs than a call takes arguments.
    for (const ref of codeRefsIn(options.grammar, file, text, kind)) refs.push(ref);
  }
  refs.sort(compareCodeRefs);
  return {
    refs,
    search,
    listing: listing.kind,
    ...(ripgrepFailure !== undefined ? { ripgrepFailure } : {}),
    filesRead,
    binary,
    tooLarge,
  };
}
