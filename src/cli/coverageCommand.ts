// `reqdesk trace --coverage`: requirement → commits, code and tests. The commits come from the
// repository's history (none outside a repository, which is said); the code and tests from a
// search of the workspace's files (src/files/codeScanner: ripgrep when `rg` starts, else node).
// `--gaps` lists what a CI gate fails on with `--strict`: delivered or verified requirements no
// test mentions, and mentions of IDs no requirement has.
import { codeFileRules } from '../core/codeRefs';
import { buildCoverage, type CoverageRecord } from '../core/coverage';
import { localize } from '../core/l10n';
import type { Language } from '../core/messages';
import { printable } from '../core/terminalText';
import { LineIndex } from '../core/text';
import { scanCodeRefs } from '../files/codeScanner';
import type { ScanResult } from '../git/commitScanner';
import { GitMissingError, repositoryRoot } from '../git/gitLog';
import { CLI_VERSION, loadIndex, type CliIO } from './cliContext';
import { linkCommits } from './commitLinking';
import { coverageCsv, coverageJson, coverageMarkdown, coverageTable, gapsOutput, gapsSarif, type RecordPlace } from './coverageOutput';

export const COVERAGE_FORMATS = ['table', 'json', 'csv', 'md', 'sarif'] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

export interface CoverageOptions {
  format: CoverageFormat;
  gaps: boolean;
  strict: boolean;
  git: string;
  noCache: boolean;
  /** The ripgrep to try; undefined: the node search. */
  ripgrep: string | undefined;
  /** Whether the ripgrep was named by the user (a failure is then said). */
  ripgrepNamed: boolean;
}

/** The repository's top folder; undefined (said on stderr) when git is missing or `root` is in none. */
async function repositoryOrNote(git: string, root: string, io: CliIO, lang: Language): Promise<string | undefined> {
  try {
    const repo = await repositoryRoot(git, root);
    if (repo) return repo;
    io.err(
      `reqdesk: ${printable(localize(lang, '{0} is not in a git repository: no commit is linked; code and tests are still traced.', root))}`,
    );
  } catch (error) {
    if (!(error instanceof GitMissingError)) throw error;
    io.err(`reqdesk: ${printable(error.message)}`);
  }
  return undefined;
}

export async function traceCoverage(root: string, options: CoverageOptions, io: CliIO, lang: Language): Promise<number> {
  const { index, grammar, settings, source } = await loadIndex(root, [], io, lang);
  const repo = await repositoryOrNote(options.git, root, io, lang);
  // The CI gate reads no cache, as `trace --gaps --strict` does (see traceCommand).
  const gate = options.gaps && options.strict;
  let commits: ScanResult | undefined;
  if (repo) commits = await linkCommits(repo, root, grammar, { git: options.git, noCache: options.noCache || gate }, io, lang);

  const rules = codeFileRules({ include: settings.include, exclude: settings.exclude, testFiles: settings.testFiles });
  const scan = await scanCodeRefs({
    root,
    grammar,
    rules,
    ...(repo ? { git: options.git } : {}),
    ...(options.ripgrep !== undefined ? { ripgrep: options.ripgrep } : {}),
    excludeGlobs: settings.exclude,
  });
  if (scan.ripgrepFailure !== undefined && options.ripgrepNamed) {
    const note = localize(lang, '{0} could not search ({1}); the files were read without it.', options.ripgrep ?? '', scan.ripgrepFailure);
    io.err(`reqdesk: ${printable(note)}`);
  }

  const records: CoverageRecord[] = [];
  for (const record of index.all()) {
    if (!record.id) continue;
    const merged = (record.mergedIds ?? []).map((m) => m.id).filter((m) => m !== record.id);
    records.push({
      id: record.id,
      ids: [record.id, ...merged],
      file: record.file,
      ...(record.data.status ? { status: record.data.status } : {}),
    });
  }
  const coverage = buildCoverage(records, scan.refs, (ids) => commits?.links.commitsOfAll(ids) ?? []);
  const report = { coverage, search: scan.search, lang };

  // Where each record names its ID, for SARIF's location of an untested requirement.
  const recordPlace: RecordPlace = (file) => {
    const record = index.get(file);
    const text = record?.idRange ? source.readText(file, settings.maxFileBytes) : undefined;
    if (!record?.idRange || text === undefined) return undefined;
    // The index's offsets are of the text without its BOM.
    const lines = new LineIndex(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    const at = lines.position(record.idRange.start);
    const end = lines.position(record.idRange.end);
    return { line: at.line + 1, column: at.column + 1, endColumn: (end.line === at.line ? end.column : at.column) + 1 };
  };

  if (options.format === 'sarif') io.out(gapsSarif(report, CLI_VERSION, options.strict, recordPlace));
  else if (options.gaps) io.out(gapsOutput(options.format, report));
  else if (options.format === 'json') io.out(coverageJson(report));
  else if (options.format === 'csv') io.out(coverageCsv(report));
  else if (options.format === 'md') io.out(coverageMarkdown(report));
  else io.out(coverageTable(report));
  // SARIF shows the gaps alone, as --gaps does: --strict fails on them either way.
  const gapsShown = options.gaps || options.format === 'sarif';
  return options.strict && gapsShown && coverage.gaps.length > 0 ? 1 : 0;
}
