// `reqdesk schema`: the JSON Schema of the requirement front-matter, for editors and other tools;
// with a team schema (.reqdesk/schema.yaml under --root), the schema the team's files follow.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { requirementJsonSchema } from '../core/schema';
import { writeFileSafely } from '../files/safeFiles';
import { teamJsonSchema } from '../core/teamSchema';
import { languageFrom, type CliIO } from './cliContext';
import { readTeamSchema } from './teamSchemaFile';

export function schemaCommand(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, root: { type: 'string' }, lang: { type: 'string' } } });
  const team = readTeamSchema(path.resolve(io.cwd, values.root ?? '.'), languageFrom(values.lang, io.env));
  for (const line of team.report) io.err(line);
  const schema = team.rules ? teamJsonSchema(team.rules, requirementJsonSchema()) : requirementJsonSchema();
  const json = `${JSON.stringify(schema, null, 2)}\n`;
  // The path was typed by the user: anywhere is their choice, but never through a link.
  if (values.out) writeFileSafely(path.resolve(io.cwd, values.out), json, { root: io.cwd, origin: 'user' });
  else io.out(json.trimEnd());
  return team.errors > 0 ? 1 : 0;
}
