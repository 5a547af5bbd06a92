// `reqdesk validate [paths…]`: the workspace's problems as text lines, JSON or SARIF (see
// validateOutput), optionally with duplicates on other branches and today's timely rules; exit code
// 1 on errors or more warnings than --max-warnings.
import * as path from 'node:path';
import { localizable, localize } from '../core/l10n';
import { compareProblems } from '../core/problems';
import { TEAM_SCHEMA_FILE } from '../core/teamSchema';
import { crossBranchProblemsFor } from './branchCheck';
import { CLI_VERSION, GIT_OPTION, languageFrom, loadIndex, oneOf, UsageError, type CliIO, parseCommandArgs } from './cliContext';
import { asOfDate, timelyProblemsFor } from './timelyCheck';
import type { TeamSchemaFinding } from './teamSchemaFile';
import { formatJson, formatSarif, formatText, locate, summarize, type LocatedProblem } from './validateOutput';

export async function validateCommand(args: string[], io: CliIO, now: Date): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      format: { type: 'string', default: 'text' },
      'max-warnings': { type: 'string' },
      branches: { type: 'boolean', default: false },
      ...GIT_OPTION,
      'as-of': { type: 'string' },
      'allow-empty': { type: 'boolean', default: false },
    },
    true,
  );
  const format = oneOf(values.format, ['text', 'json', 'sarif'] as const, '--format')!;
  const asOf = values['as-of'] === undefined ? undefined : asOfDate(values['as-of'], now);
  if (values['as-of'] !== undefined && !asOf) throw new UsageError(localizable('--as-of takes a date YYYY-MM-DD or "today"'));
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
    throw new UsageError(localizable('--max-warnings takes a whole number, 0 or more'));
  }
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings, selected, teamSchemaErrors, teamSchemaFindings } = await loadIndex(root, positionals, io, lang);
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      // Bounded like the index's read: a file over the limit is reported, not read again whole.
      let text = source.readText(file, settings.maxFileBytes);
      if (text?.charCodeAt(0) === 0xfeff) text = text.slice(1);
      texts.set(file, text);
    }
    return texts.get(file);
  };
  const onBranches = values.branches ? await crossBranchProblemsFor(values.git!, root, index, lang, io.err) : undefined;
  const timely = asOf ? timelyProblemsFor(index, selected, asOf, textOf) : undefined;
  const files = selected.map((file) => {
    const problems = index.problemsFor(file).filter((p) => p.severity !== 'hint');
    const elsewhere = [...(onBranches?.get(file) ?? []), ...(timely?.get(file) ?? [])];
    return { file, problems: elsewhere.length ? [...problems, ...elsewhere].sort(compareProblems) : problems };
  });
  // Only files with problems are read again for line numbers.
  const located = locate(
    files.filter((f) => f.problems.length > 0),
    lang,
    textOf,
  );
  // In text the schema's problems were printed first (on stderr, before the records were read); the
  // machine formats carry them as problems of the schema file, so CI annotates the file's own lines.
  const withSchema = format === 'text' ? located : [...teamSchemaProblems(teamSchemaFindings), ...located];
  const summary = summarize(withSchema, selected.length);
  if (format === 'text') {
    if (located.length) io.out(formatText(located));
    io.err(localize(lang, '{0} files checked: {1} errors, {2} warnings', summary.files, summary.errors, summary.warnings));
  } else if (format === 'json') io.out(formatJson(withSchema, summary));
  else io.out(formatSarif(withSchema, CLI_VERSION, lang));
  // A check of nothing must not pass in CI: an include pattern that matches no file is a mistake.
  if (selected.length === 0 && !values['allow-empty']) {
    io.err(
      localize(
        lang,
        'No requirement file was checked: nothing under {0} matches reqdesk.include ({1}). Check the setting or the paths, or pass --allow-empty where an empty workspace is expected.',
        root,
        settings.include.join(', '),
      ),
    );
    return 1;
  }
  const tooManyWarnings = maxWarnings !== undefined && summary.warnings > maxWarnings;
  // A broken team schema fails the check as a broken record would: its problems were printed first.
  return summary.errors > 0 || teamSchemaErrors > 0 || tooManyWarnings ? 1 : 0;
}

function teamSchemaProblems(findings: readonly TeamSchemaFinding[]): LocatedProblem[] {
  return findings.map((f) => ({ file: TEAM_SCHEMA_FILE, ...f, code: 'team-schema-error', fixes: [], related: [] }));
}
