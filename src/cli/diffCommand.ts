// `reqdesk diff <rev-a> [<rev-b>]`: the requirements added, removed and changed between two git
// revisions (tags, branches, commits), for a release note or a review. Without <rev-b> the newer
// side is the working tree as it is on disk, uncommitted edits and new files included: "what
// changed since the release tag". The requirement files of each side are the ones the workspace's
// include and exclude globs select (or --include), under --root, read the way the index reads them.
//
// Output: Markdown (default) or JSON, whose shape is documented in src/core/baselineReport.ts.
import * as path from 'node:path';
import { realpathSync } from 'node:fs';
import { baselineDiff, type RevisionFiles } from '../core/baselineDiff';
import { baselineJson, baselineMarkdown, type BaselineSide } from '../core/baselineReport';
import { fileGlobs } from '../core/fileGlobs';
import { localizable, localize, localizeLater } from '../core/l10n';
import type { Language } from '../core/messages';
import { jsonForTerminal, printable } from '../core/terminalText';
import { writeFileSafely } from '../files/safeFiles';
import { requirementFilesAt, resolveCommit, RevisionError } from '../git/revisionFiles';
import { GIT_OPTION, languageFrom, listText, mustBeOneOf, parseCommandArgs, UsageError, type CliIO } from './cliContext';
import { NodeFileSource } from './nodeFileSource';
import { repositoryOrSayWhy } from './repositoryOf';
import { readWorkspaceSettings } from './settingsFile';

const FORMATS = ['md', 'json'] as const;

/** The workspace folder relative to the repository's top folder ('' when it is the top), links resolved as git reports the top. */
function folderInRepository(repo: string, root: string): string | undefined {
  try {
    const rel = path.relative(realpathSync.native(repo), realpathSync.native(root));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  } catch {
    return undefined;
  }
}

function sayTooLarge(io: CliIO, lang: Language, side: string, files: readonly string[], maxBytes: number): void {
  if (files.length === 0) return;
  io.err(
    `reqdesk: ${printable(localize(lang, 'Left out at {0}, larger than {1} bytes: {2}', side, maxBytes, listText(lang, [...files].sort())))}`,
  );
}

export async function diffCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      format: { type: 'string', default: 'md' },
      include: { type: 'string', multiple: true },
      out: { type: 'string' },
      ...GIT_OPTION,
    },
    true,
  );
  const format = values.format!;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(mustBeOneOf('--format', FORMATS, format));
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(localizable('diff takes one or two revisions'));
  const [revA, revB] = positionals as [string, string | undefined];
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const git = values.git!;

  const warnings: Parameters<typeof readWorkspaceSettings>[1] = [];
  const settings = readWorkspaceSettings(root, warnings);
  for (const w of warnings) io.err(`reqdesk: ${printable(localizeLater(lang, w.text))}`);
  const include = values.include && values.include.length > 0 ? values.include : settings.include;
  const globs = fileGlobs(include, settings.exclude);

  const notInRepository = localize(lang, '{0} is not in a git repository: there are no revisions to compare.', root);
  const repo = await repositoryOrSayWhy(git, root, io, notInRepository);
  if (!repo) return 2;
  const folder = folderInRepository(repo, root);
  if (folder === undefined) {
    io.err(`reqdesk: ${printable(notInRepository)}`);
    return 2;
  }

  let commitA: string;
  let commitB: string | undefined;
  try {
    commitA = await resolveCommit(git, repo, revA);
    commitB = revB === undefined ? undefined : await resolveCommit(git, repo, revB);
  } catch (error) {
    if (!(error instanceof RevisionError)) throw error;
    io.err(`reqdesk: ${printable(localize(lang, '"{0}" is not a commit, branch or tag of this repository.', error.revision))}`);
    return 2;
  }

  const read = (commit: string) =>
    requirementFilesAt(git, repo, commit, { folder, selects: globs.selects, maxBytes: settings.maxFileBytes });
  const older = await read(commitA);
  sayTooLarge(io, lang, revA, older.tooLarge, settings.maxFileBytes);
  let newer: RevisionFiles;
  let to: BaselineSide;
  if (commitB !== undefined) {
    const b = await read(commitB);
    sayTooLarge(io, lang, revB!, b.tooLarge, settings.maxFileBytes);
    newer = b.files;
    to = { revision: revB!, commit: commitB };
  } else {
    const source = new NodeFileSource({ root, include, exclude: settings.exclude, blockingReads: true });
    const files = new Map<string, string>();
    const tooLarge: string[] = [];
    for (const file of await source.list()) {
      const text = source.readText(file, settings.maxFileBytes);
      if (text === undefined) tooLarge.push(file);
      else files.set(file, text);
    }
    sayTooLarge(io, lang, localize(lang, 'the working tree'), tooLarge, settings.maxFileBytes);
    newer = files;
    to = { workingTree: true };
  }

  const diff = baselineDiff(older.files, newer, { threshold: settings.priorityThreshold });
  const sides = { from: { revision: revA, commit: commitA }, to };
  const text = format === 'json' ? `${jsonForTerminal(baselineJson(diff, sides))}\n` : baselineMarkdown(diff, sides, lang);
  if (values.out) {
    const out = path.resolve(io.cwd, values.out);
    // Typed by the user: see writeFileSafely's rules for a path inside the workspace.
    writeFileSafely(out, text, { root, origin: 'user' });
    io.err(printable(localize(lang, 'Comparison written to {0}', path.relative(io.cwd, out) || out)));
  } else io.out(text.trimEnd());
  return 0;
}
