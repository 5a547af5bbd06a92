// `reqdesk next-id`: the next free ID for a prefix (and year), counting the IDs on every local and
// remote branch as taken unless --no-branches.
import * as path from 'node:path';
import { nextIdAcrossBranches } from '../core/branchIds';
import { localizable } from '../core/l10n';
import { printable } from '../core/terminalText';
import { branchIdsForNextId } from './branchCheck';
import { GIT_OPTION, languageFrom, loadIndex, UsageError, type CliIO, parseCommandArgs } from './cliContext';

export async function nextIdCommand(args: string[], io: CliIO, today: Date): Promise<number> {
  const { values } = parseCommandArgs(args, {
    prefix: { type: 'string' },
    year: { type: 'string' },
    'no-branches': { type: 'boolean', default: false },
    ...GIT_OPTION,
  });
  const lang = languageFrom(values.lang, io.env);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const { index, settings, grammar } = await loadIndex(root, [], io, lang);
  const prefix = values.prefix ?? settings.idPrefixes[0]!;
  if (!settings.idPrefixes.includes(prefix)) {
    throw new UsageError(localizable('--prefix must be one of the configured prefixes: {0}', settings.idPrefixes.join(', ')));
  }
  const year = values.year === undefined ? today.getFullYear() : Number(values.year);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new UsageError(localizable('--year takes a four-digit year'));
  // Another branch may already have taken the next number: its IDs count as taken too.
  const onBranches = values['no-branches'] ? undefined : await branchIdsForNextId(values.git!, root, settings, grammar, lang, io.err);
  io.out(printable(nextIdAcrossBranches(grammar, index.idsNotToHandOut(), onBranches, grammar.hasYear ? { prefix, year } : { prefix })));
  return 0;
}
