// `reqdesk schema`: the JSON Schema of the requirement front-matter, for editors and other tools.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { requirementJsonSchema } from '../core/schema';
import { writeFileSafely } from '../files/safeFiles';
import type { CliIO } from './cliContext';

export function schemaCommand(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const json = `${JSON.stringify(requirementJsonSchema(), null, 2)}\n`;
  // The path was typed by the user: anywhere is their choice, but never through a link.
  if (values.out) writeFileSafely(path.resolve(io.cwd, values.out), json, { root: io.cwd, origin: 'user' });
  else io.out(json.trimEnd());
  return 0;
}
