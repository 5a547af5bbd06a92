// `reqdesk merge <duplicate-ID> --into <target-ID> [--dry-run]`: folds a duplicate request into an
// existing requirement on core's plan (planMerge), as Merge Requirements… does in the editor: the
// target gains the duplicate's customers as requesters, its ID in merged_ids, its contacts,
// feedback and text; then the duplicate's file is deleted. The target is written like `set` writes
// (under a lock, only over the bytes the plan was made on), the duplicate deleted only while it
// still holds what was read. `--dry-run` says what would happen and writes nothing.
import * as path from 'node:path';
import { applyTextEdits } from '../core/edits';
import { firstInvalidUtf8 } from '../core/index';
import { localizable, localize } from '../core/l10n';
import { describeMerge, mergeRefusalText, planMerge, type MergeResult } from '../core/merge';
import { printable } from '../core/terminalText';
import { closest } from '../core/text';
import { readFileBoundedSync } from '../files/boundedRead';
import { deleteFileSafely, updateFileSafely, WriteRefusedError } from '../files/safeFiles';
import { languageFrom, loadIndex, unknownIdMessage, UsageError, type CliIO, parseCommandArgs } from './cliContext';

export async function mergeCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { into: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    true,
  );
  const lang = languageFrom(values.lang, io.env);
  const [duplicateId, ...extra] = positionals;
  if (!duplicateId || !values.into || extra.length)
    throw new UsageError(localizable('merge needs the duplicate ID and --into the ID of the requirement it goes into'));

  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, source, settings, grammar } = await loadIndex(root, [], io, lang);
  const fail = (message: string): number => {
    io.err(`reqdesk: ${printable(message)}`);
    io.err(localize(lang, 'Nothing was changed.'));
    return 1;
  };
  const duplicate = index.byId(duplicateId)[0];
  if (!duplicate) return fail(unknownIdMessage(lang, duplicateId, closest(duplicateId, index.ids())));
  // The target may be named by an ID merged into it before: it leads there.
  const target = index.resolveAll(values.into)[0];
  if (!target) return fail(unknownIdMessage(lang, values.into, closest(values.into, index.ids())));

  const read = (file: string): { bytes: Buffer; text: string } | string => {
    try {
      const got = readFileBoundedSync(source.absolute(file), settings.maxFileBytes);
      if (!got.ok)
        return localize(
          lang,
          '{0}: not edited: the file has {1} bytes, more than the limit of {2} (reqdesk.validation.maxFileSize)',
          file,
          got.size,
          settings.maxFileBytes,
        );
      // Writing back text decoded with replacement characters would destroy bytes.
      if (firstInvalidUtf8(got.bytes) !== -1) return localize(lang, '{0}: the file is not valid UTF-8 and is not edited', file);
      return { bytes: got.bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(got.bytes) };
    } catch (error) {
      return localize(lang, 'The file could not be read: {0}', `${file} (${(error as { code?: string }).code ?? String(error)})`);
    }
  };
  const duplicateRead = read(duplicate.file);
  if (typeof duplicateRead === 'string') return fail(duplicateRead);
  const plan = (targetText: string): MergeResult =>
    planMerge(targetText, duplicateRead.text, {
      grammar,
      lang,
      validation: { settings, grammar },
      holders: (id) => ({
        own: index.byId(id).map((r) => r.file),
        merged: (index.mergedIds().get(id) ?? []).filter((f) => f !== target.file && f !== duplicate.file),
      }),
    });

  if (values['dry-run']) {
    const targetRead = read(target.file);
    if (typeof targetRead === 'string') return fail(targetRead);
    const planned = plan(targetRead.text);
    if (!planned.ok) return fail(mergeRefusalText(planned, lang));
    for (const line of describeMerge(planned, lang, duplicate.file)) io.out(printable(line));
    io.out(localize(lang, 'Nothing was written (--dry-run).'));
    return 0;
  }

  // The target, edited on the bytes it holds under the lock; the duplicate read again there, so
  // that what goes into the target is what the file holds.
  type Outcome = { ok: true; lines: string[] } | { ok: false; text: string };
  let outcome: Outcome;
  try {
    outcome = await updateFileSafely(
      source.absolute(target.file),
      { root, origin: 'workspace' },
      (bytes): { write?: string; value: Outcome } => {
        if (firstInvalidUtf8(bytes) !== -1)
          return { value: { ok: false, text: localize(lang, '{0}: the file is not valid UTF-8 and is not edited', target.file) } };
        const again = read(duplicate.file);
        if (typeof again === 'string') return { value: { ok: false, text: again } };
        if (!again.bytes.equals(duplicateRead.bytes))
          return {
            value: { ok: false, text: localize(lang, '{0} changed while the merge was planned; run the command again', duplicate.file) },
          };
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        const planned = plan(text);
        if (!planned.ok) return { value: { ok: false, text: mergeRefusalText(planned, lang) } };
        return { write: applyTextEdits(text, planned.edits), value: { ok: true, lines: describeMerge(planned, lang, duplicate.file) } };
      },
      { maxBytes: settings.maxFileBytes },
    );
  } catch (error) {
    if (error instanceof WriteRefusedError) return fail(error.text(lang));
    throw error;
  }
  if (!outcome.ok) return fail(outcome.text);
  try {
    deleteFileSafely(source.absolute(duplicate.file), { root, origin: 'workspace' }, duplicateRead.bytes, settings.maxFileBytes);
  } catch (error) {
    const why = error instanceof WriteRefusedError ? error.text(lang) : String((error as { code?: string }).code ?? error);
    // The target holds the merge now: the duplicate is left for the user to remove.
    io.err(
      `reqdesk: ${printable(localize(lang, '{0} was merged into {1}, but {2} was not deleted: {3}', duplicate.id!, target.id!, duplicate.file, why))}`,
    );
    return 1;
  }
  for (const line of outcome.lines) io.out(printable(line));
  return 0;
}
