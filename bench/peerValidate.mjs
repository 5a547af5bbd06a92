// What a user would write instead of `reqdesk validate`: list the requirement files, load each
// one's front-matter with js-yaml and check it with Ajv against ReqDesk's exported JSON Schema.
// The bench runs it as a child process beside the CLI (peer_ratio); it prints how many files it
// checked and how many of them are invalid, as one JSON line.
//
//   node bench/peerValidate.mjs <workspace root> <schema.json>
//
// Plain synchronous reads, as a short script is written: for many small files they are also the
// fastest way Node has (10,000 promises of fs.readFile wait on each other in libuv's thread pool).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';

const [root, schemaFile] = process.argv.slice(2);
// strict: false, because the schema carries its own annotations (x-description-zh, x-enum-docs).
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

const dir = path.join(root, 'requirements');
const files = readdirSync(dir, { recursive: true })
  .filter((f) => f.endsWith('.md'))
  .map((f) => path.join(dir, f));

let invalid = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  // js-yaml's JSON schema: dates stay strings, as the schema's "format": "date" expects them.
  const data = match ? yaml.load(match[1], { schema: yaml.JSON_SCHEMA }) : undefined;
  if (!validate(data)) invalid++;
}
console.log(JSON.stringify({ files: files.length, invalid }));
