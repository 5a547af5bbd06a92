// `reqdesk import <file.csv|file.xlsx>`: the seed's record table (or an exported one, which brings
// back whole records) into requirement files. Prints, row by row,
// the file each row creates or why it is refused; writes all of them or none (unless
// --skip-invalid), never over an existing file, never outside the workspace or through a link, and
// removes what it wrote when a write fails.
import { readFileSync, rmdirSync, unlinkSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import type { CsvEncodingOption } from '../core/csv';
import { localizable, localize } from '../core/l10n';
import { importMessage, planImport, planLines, usualFolder } from '../core/recordTable';
import { printable } from '../core/terminalText';
import { checkWriteTarget, createFileSafely, type WritePolicy } from '../files/safeFiles';
import { looksLikeXlsx, readWorkbook } from '../files/workbook';
import { branchIdsForNextId } from './branchCheck';
import { GIT_OPTION, languageFrom, loadIndex, mustBeOneOf, UsageError, type CliIO, parseCommandArgs } from './cliContext';

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Writes every file exclusively (never over a file that appeared meanwhile), inside the workspace
 * once links are resolved. Every target is checked before the first write, so a folder that is a
 * link leading out of the workspace refuses the import whole (WriteRefusedError, nothing written);
 * when one write fails, what this call wrote — files, and the folders it made — is removed again.
 */
export function writeAllOrNothing(
  root: string,
  files: ReadonlyArray<{ file: string; text: string }>,
): { ok: true; written: string[] } | { ok: false; error: string } {
  const policy: WritePolicy = { root, origin: 'workspace' };
  for (const c of files) checkWriteTarget(path.join(root, c.file), policy);
  const written: string[] = [];
  const madeDirs: string[] = [];
  try {
    for (const c of files) {
      const target = path.join(root, c.file);
      madeDirs.push(...createFileSafely(target, c.text, policy));
      written.push(target);
    }
    return { ok: true, written };
  } catch (error) {
    for (const file of written.reverse()) unlinkSync(file);
    for (const dir of madeDirs.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty: someone else wrote there meanwhile
      }
    }
    return { ok: false, error: (error as Error).message };
  }
}

export async function importCommand(args: string[], io: CliIO, today: Date): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      encoding: { type: 'string', default: 'auto' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      folder: { type: 'string' },
      prefix: { type: 'string' },
      'no-branches': { type: 'boolean', default: false },
      ...GIT_OPTION,
    },
    true,
  );
  const lang = languageFrom(values.lang, io.env);
  if (positionals.length !== 1) throw new UsageError(localizable('import needs exactly one CSV or Excel (.xlsx) file'));
  const encoding = values.encoding as CsvEncodingOption;
  if (!['auto', 'utf8', 'gbk'].includes(encoding))
    throw new UsageError(mustBeOneOf('--encoding', ['auto', 'utf8', 'gbk'], values.encoding!));
  const csvPath = path.resolve(io.cwd, positionals[0]!);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(csvPath);
  } catch (error) {
    throw new UsageError(localizable('cannot read {0}: {1}', positionals[0]!, (error as Error).message));
  }
  // A workbook by its name or its bytes (a zip archive); its first sheet is read as a CSV's rows.
  const workbook = /\.xlsx$/i.test(csvPath) || looksLikeXlsx(bytes) ? await readWorkbook(bytes) : undefined;

  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, settings, grammar } = await loadIndex(root, [], io);
  if (values.prefix !== undefined && !settings.idPrefixes.includes(values.prefix)) {
    throw new UsageError(localizable('--prefix must be one of the configured prefixes: {0}', settings.idPrefixes.join(', ')));
  }
  // Also the IDs of files the index skipped (binary, too large): a new ID never collides with them.
  const taken = index.takenIds();
  // IDs another branch has taken are not handed out again (as next-id does).
  const onBranches = values['no-branches'] ? undefined : await branchIdsForNextId(values.git!, root, settings, grammar, lang, io.err);
  const folder = (values.folder ?? usualFolder(index.all().map((r) => r.file)) ?? 'requirements')
    .split(path.sep)
    .join('/')
    .replace(/^\.\/|\/+$/g, '');
  if (path.isAbsolute(folder) || folder.split('/').includes('..'))
    throw new UsageError(localizable('--folder must be a folder inside the workspace (--root)'));
  const plan = planImport({
    ...(workbook ? { sheet: 'sheet' in workbook ? workbook.sheet : { rows: [], errors: [], delimiter: ',' } } : { bytes, encoding }),
    grammar,
    settings,
    today: localDate(today),
    lang,
    taken,
    // Numbers in other files' names are not handed out either (explicit IDs in rows may still use them).
    takenElsewhere: [...index.fileNameIds().keys(), ...(onBranches ? onBranches.keys() : [])],
    folder,
    exists: (file) => existsSync(path.join(root, file)),
    ...(values.prefix ? { prefix: values.prefix } : {}),
  });

  if (workbook && 'error' in workbook) plan.errors = [{ code: 'xlsx-unreadable', args: [workbook.error] }];
  if (plan.errors.length) {
    for (const e of plan.errors) io.err(`reqdesk: ${printable(`${positionals[0]}: ${importMessage(e, lang)}`)}`);
    io.err(localize(lang, 'Nothing was written.'));
    return 1;
  }
  for (const n of plan.notes) io.err(`reqdesk: ${printable(importMessage(n, lang))}`);
  // planLines are printable already.
  for (const line of planLines(plan, lang)) io.out(line);
  const total = plan.create.length + plan.refused.length;
  const counts = localize(lang, '{0} rows: {1} to create, {2} refused', total, plan.create.length, plan.refused.length);
  // The counts, then what became of them: one sentence after another, as the language joins them.
  const summary = (outcome: string) => localize(lang, { message: '{0}. {1}', comment: 'two sentences' }, counts, outcome);

  if (values['dry-run']) {
    io.err(summary(localize(lang, 'Dry run: nothing was written.')));
    return plan.refused.length ? 1 : 0;
  }
  if (plan.refused.length && !values['skip-invalid']) {
    io.err(summary(localize(lang, 'Nothing was written: fix the refused rows, or give --skip-invalid to import the others.')));
    return 1;
  }

  const outcome = writeAllOrNothing(root, plan.create);
  if (!outcome.ok) {
    io.err(`reqdesk: ${printable(outcome.error)}`);
    io.err(localize(lang, 'The import was rolled back: nothing was written.'));
    return 1;
  }
  io.err(summary(localize(lang, 'Created {0} files.', outcome.written.length)));
  return plan.refused.length ? 1 : 0;
}
