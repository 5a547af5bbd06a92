// Repository text on a terminal and in a CI log: values, file names, commit subjects and authors
// holding line breaks, CR, ANSI/OSC escape sequences, bidi controls and GitHub workflow commands
// (`::error …::`, `::add-mask::`, `##[error]`). Every command and format of the CLI runs on a real
// git repository full of them: no output forges a line, a problem or a workflow command, no raw
// control or bidi character reaches the terminal, the values stay readable as escapes, and the
// JSON and SARIF outputs still hold the exact data.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { runCli } from '../../src/cli/main';
import { fileUri } from '../../src/cli/validateOutput';
import { jsonForTerminal, printable, terminalSafe } from '../../src/core/terminalText';
import { ESSENTIALS_BODY } from '../fixtures/essentialsBody';
import { sarifValidator } from './support';
import { isolateProcessEnv } from '../support/gitEnv';
import { git as runGit } from '../support/gitRepo';

/** The inverse of printable's escapes, for the tests: `\n \r \t \\ \xHH \uHHHH \u{H…}`; any other backslash is itself. */
export function unprintable(text: string): string {
  return text.replace(
    /\\(?:x([0-9a-f]{2})|u\{([0-9a-f]+)\}|u([0-9a-f]{4})|([nrt\\]))/g,
    (_, x?: string, braced?: string, u?: string, c?: string) => {
      if (x) return String.fromCharCode(parseInt(x, 16));
      if (braced) return String.fromCodePoint(parseInt(braced, 16));
      if (u) return String.fromCharCode(parseInt(u, 16));
      return c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\';
    },
  );
}

const ESC = '\x1b';
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** What the runner's culture-aware comparisons may skip, and the white space its TrimStart removes. */
const SKIPPED = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*/u;
const IGNORED = '[\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}]*';
const COMMAND_V1 = new RegExp(`#${IGNORED}#${IGNORED}[a-z]*\\[`, 'iu');

/** The problems of one output, as messages (empty: safe). */
function unsafe(text: string, { csv = false } = {}): string[] {
  const found: string[] = [];
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const controls = csv ? /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/ : /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
  const control = controls.exec(body);
  if (control)
    found.push(
      `raw control U+${control[0].charCodeAt(0).toString(16)} at ${control.index}: ${JSON.stringify(body.slice(Math.max(0, control.index - 20), control.index + 20))}`,
    );
  const bidi = BIDI.exec(body) ?? /[\u2028\u2029\ufeff\u200b]/.exec(body);
  if (bidi) found.push(`invisible or bidi U+${bidi[0].charCodeAt(0).toString(16)}`);
  for (const line of body.split(/\r?\n/)) {
    if (line.replace(SKIPPED, '').startsWith('::')) found.push(`line starts a workflow command: ${JSON.stringify(line)}`);
    if (COMMAND_V1.test(line)) found.push(`line holds a ##[ workflow command: ${JSON.stringify(line)}`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

describe('printable: repository text as one line of visible text', () => {
  const hostileChar = fc.constantFrom(
    '\n',
    '\r',
    '\t',
    ESC,
    '\x07',
    '\x9b',
    '\x85',
    '\x7f',
    '\0',
    '\u202e',
    '\u2066',
    '\u200f',
    '\u061c',
    '\u200b',
    '\u200d',
    '\ufeff',
    '\u2028',
    '\u{e0041}',
    '\ud800',
    '\udfff',
    '\\',
    'n',
    'x',
    'u',
    '{',
    ':',
    '#',
    '[',
    '%',
    '0',
    'A',
    ' ',
    '中',
    '😀',
    '\ufe0f',
  );
  const hostile = fc.oneof(fc.string({ unit: hostileChar }), fc.string({ unit: 'binary' }), fc.string());

  it('the escapes of the issue: each readable, nothing raw', () => {
    assert.equal(printable('a\nb\r\tc'), 'a\\nb\\r\\tc');
    assert.equal(printable(`${ESC}[31mred${ESC}[0m`), '\\x1b[31mred\\x1b[0m');
    assert.equal(printable(`${ESC}]8;;http://evil\x07link`), '\\x1b]8;;http://evil\\x07link');
    assert.equal(printable('\x9b2J \x7f'), '\\x9b2J \\x7f');
    assert.equal(printable('abc\u202efdp.exe \u2066x\u2069 \u200e\u200f\u061c'), 'abc\\u202efdp.exe \\u2066x\\u2069 \\u200e\\u200f\\u061c');
    assert.equal(printable('zero\u200bwidth \ufeff \u2028 tag\u{e0041}'), 'zero\\u200bwidth \\ufeff \\u2028 tag\\u{e0041}');
    // Emoji sequences and CJK stay as they are.
    assert.equal(printable('👨\u200d👩\u200d👧 ❤\ufe0f 需求'), '👨\u200d👩\u200d👧 ❤\ufe0f 需求');
    // A backslash is doubled only where it would read as an escape.
    assert.equal(printable('C:\\Users\\a \\d+ \\n \\x1b \\\\ \\\n end\\'), 'C:\\Users\\a \\d+ \\\\n \\\\x1b \\\\\\ \\\\\\n end\\\\');
  });

  it('workflow commands: no value opens a line with `::` or holds `##[`', () => {
    assert.equal(printable('::error file=x::forged'), '\\x3a:error file=x::forged');
    assert.equal(printable('  ::add-mask::secret'), '  \\x3a:add-mask::secret');
    assert.equal(printable('a ::error:: b'), 'a ::error:: b', 'only a line start runs a command');
    assert.equal(printable('x ##[error]forged'), 'x \\x23#[error]forged');
    assert.equal(printable('##vso[task.setvariable]x ##teamcity[x]'), '\\x23#vso[task.setvariable]x \\x23#teamcity[x]');
    // Characters a culture-aware comparison skips do not hide the markers.
    assert.equal(printable('\u200d::error::x'), '\u200d\\x3a:error::x');
    assert.equal(printable('#\u200d#[error]'), '\\x23\u200d#[error]');
    assert.equal(printable('## Heading [link]'), '## Heading [link]');
  });

  it('for any text: one line, nothing hidden, no workflow command, and it decodes back to the text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = printable(text);
        assert.deepEqual(unsafe(shown), [], JSON.stringify(text));
        assert.ok(!shown.includes('\n'));
        assert.equal(unprintable(shown), text);
        // Made safe once, it stays as it is at the output's last step.
        assert.equal(terminalSafe(shown), shown);
      }),
      { numRuns: 3000 },
    );
  });

  it("terminalSafe keeps an output's own line breaks and tabs, and escapes the rest", () => {
    assert.equal(terminalSafe('a\r\nb\tc\n'), 'a\r\nb\tc\n');
    assert.equal(terminalSafe(`\ufeffx,y\r\nlone\rcr ${ESC}[2J\u202e`), '\ufeffx,y\r\nlone\\rcr \\x1b[2J\\u202e');
    assert.equal(
      terminalSafe('ok\n::error::x\n  ::add-mask::y\nz ##[error]w'),
      'ok\n\\x3a:error::x\n  \\x3a:add-mask::y\nz \\x23#[error]w',
    );
    fc.assert(
      fc.property(hostile, (text) => {
        assert.deepEqual(unsafe(terminalSafe(text).replace(/\t/g, ' '), { csv: true }), [], JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('jsonForTerminal: exactly the data when parsed, nothing hidden or commanding in its text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'small' }), fc.array(hostile, { maxLength: 4 }), (value, strings) => {
        const data = { value, strings, key: Object.fromEntries(strings.map((s, i) => [s, i])) };
        const text = jsonForTerminal(data);
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(data)));
        assert.deepEqual(unsafe(text), []);
        assert.equal(terminalSafe(text), text);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** The hostile values, as YAML double-quoted escapes (\e ESC, \a BEL, \r, \n, \u202e). */
const HOSTILE_YAML =
  '\\e[31mred\\e[0m \\e]8;;http://evil\\a link\\e]8;;\\a \\u202egnp.exe\\r\\n::error file=x::forged\\n::add-mask::secret ##[error]v1';
const HOSTILE = `${ESC}[31mred${ESC}[0m ${ESC}]8;;http://evil\x07 link${ESC}]8;;\x07 \u202egnp.exe\r\n::error file=x::forged\n::add-mask::secret ##[error]v1`;
/** A file name with a line break, CR, an escape sequence, a bidi control and a workflow command. */
const HOSTILE_NAME = `REQ-2026-001 evil\n::error file=x::forged\r${ESC}[31m\u202e.md`;
const FORGED_PROBLEM = 'nope\\nrequirements/forged.md:1:1: error enum-unknown forged\\n::add-mask::secret \\u202e ##[error]v1';

const hostileRecord = `---
id: REQ-2026-001
title: "Title ${HOSTILE_YAML}"
type: functional
status: delivered
source: "${FORGED_PROBLEM}"
customer:
  name: "Customer ${HOSTILE_YAML}"
  contact: "Contact ${HOSTILE_YAML}"
owner: "Owner ${HOSTILE_YAML}"
strategy: full
risks: ["Risk ${HOSTILE_YAML}"]
submitted: 2026-04-02
scores:
  importance: 4
  urgency: 5
milestones:
  start: 2026-04-06
  planned_done: 2026-04-20
tasks:
  - id: T1
    title: "Task ${HOSTILE_YAML}"
    owner: "Task owner ${HOSTILE_YAML}"
    start: 2026-04-06
    days: 2
    status: todo
feedback:
  - date: 2026-05-02
    satisfaction: 1
    note: "Note ${HOSTILE_YAML}"
---
${ESSENTIALS_BODY.replace('## Description\n', `## Description\nDescription line ${HOSTILE}\n`)}`;

const plainRecord = `---
id: REQ-2026-002
title: Plain record
type: experience
status: new
---
${ESSENTIALS_BODY}`;

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('cli: hostile text on the terminal and in the CI log, every command and format', function () {
  this.timeout(60_000);
  let root: string;
  let problems: number;

  const run = async (...argv: string[]): Promise<Run> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root, env: {} }, new Date(2026, 5, 1));
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const git = (args: string[], author = 'Ada', date = '2026-04-21T09:00:00+08:00') =>
    runGit(root, args, { author: { name: author, email: 'a@example.com' }, committer: { name: 'Ada', email: 'a@example.com' }, date });
  isolateProcessEnv();

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-output-safety-'));
    mkdirSync(path.join(root, 'requirements'));
    writeFileSync(path.join(root, 'requirements', HOSTILE_NAME), hostileRecord);
    writeFileSync(path.join(root, 'requirements', 'REQ-2026-002 plain.md'), plainRecord);
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    // The subject and the author carry the hostile text too; REQ-2026-999 is an ID no record has.
    git(
      ['commit', '-q', '--cleanup=verbatim', '-m', `REQ-2026-001 REQ-2026-999 subject ${HOSTILE}`, '-m', '::add-mask::body'],
      `Author ${ESC}[31m\u202e ##[error]x`,
    );
    // A backslash before a pipe: a Markdown cell whose escaping would leave the pipe a separator.
    writeFileSync(path.join(root, 'requirements', 'REQ-2026-002 plain.md'), plainRecord.replace('Plain record', '"Plain \\\\| record"'));
    git(['commit', '-q', '-am', 'REQ-2026-002 pipe \\| and backslash'], 'Back\\slash \\|', '2026-04-22T09:00:00+08:00');
    const json = JSON.parse((await run('validate', '--format', 'json')).out) as { problems: unknown[] };
    problems = json.problems.length;
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const RUNS: Array<{ argv: string[]; csv?: boolean; shows?: string }> = [
    { argv: ['validate'], shows: 'nope\\nrequirements/forged.md' },
    { argv: ['validate', '--format', 'json'] },
    { argv: ['validate', '--format', 'sarif'] },
    { argv: ['validate', '--lang', 'zh-CN'] },
    {
      argv: ['list'],
      shows:
        'Title \\x1b[31mred\\x1b[0m \\x1b]8;;http://evil\\x07 link\\x1b]8;;\\x07 \\u202egnp.exe\\r\\n::error file=x::forged\\n::add-mask::secret \\x23#[error]v1',
    },
    { argv: ['list', '--format', 'json'] },
    { argv: ['list', '--format', 'csv'], csv: true },
    { argv: ['trace'], shows: 'subject \\x1b[31mred' },
    { argv: ['trace', '--format', 'json'] },
    { argv: ['trace', '--format', 'csv'], csv: true },
    { argv: ['trace', '--format', 'md'], shows: '\\\\x1b[31mred' },
    { argv: ['trace', '--gaps'] },
    { argv: ['trace', '--gaps', '--format', 'md'] },
    { argv: ['trace', '--gaps', '--format', 'json'] },
    { argv: ['history', 'REQ-2026-001'], shows: 'Author \\x1b[31m\\u202e \\x23#[error]x' },
    { argv: ['history', 'REQ-2026-001', '--format', 'md'] },
    { argv: ['history', 'REQ-2026-001', '--format', 'json'] },
    { argv: ['report', 'implementation', '--from', '2026-01-01', '--to', '2026-12-31'] },
    { argv: ['report', 'process', '--from', '2026-01-01', '--to', '2026-12-31'] },
    {
      argv: ['report', 'satisfaction', '--from', '2026-01-01', '--to', '2026-12-31'],
      shows: `- requirements/${printable(HOSTILE_NAME)} (REQ-2026-001): Unknown value "nope\\nrequirements/forged.md`,
    },
    { argv: ['report', 'implementation', '--from', '2026-01-01', '--to', '2026-12-31', '--format', 'json'] },
    { argv: ['export', 'records', '--format', 'md'], shows: 'Description line \\\\x1b[31mred' },
    { argv: ['export', 'plan', '--format', 'md'], shows: 'Task \\\\x1b[31mred' },
    { argv: ['export', 'records'], csv: true },
    { argv: ['export', 'plan'], csv: true },
    { argv: ['next-id'] },
  ];

  for (const { argv, csv, shows } of RUNS) {
    it(`reqdesk ${argv.join(' ')}: no forged line, no workflow command, no raw control or bidi character`, async () => {
      const r = await run(...argv);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
      assert.deepEqual(unsafe(r.out, { csv }), [], r.out);
      assert.deepEqual(unsafe(r.err), [], r.err);
      assert.doesNotMatch(r.out, /\n\s*::|^\s*::/);
      if (shows) assert.ok(r.out.includes(shows), `the values are readable as escapes: ${shows}\n${r.out}`);
    });
  }

  it("Markdown tables keep their shape: every row has the header's cells, whatever a cell holds (|, \\|, line breaks)", async () => {
    /** The cells of a table row: `\\` escapes the next character, an unescaped `|` separates. */
    const cells = (row: string) => {
      const out: string[] = [];
      let cell = '';
      for (let i = 0; i < row.length; i++) {
        if (row[i] === '\\') cell += row[i] + (row[++i] ?? '');
        else if (row[i] === '|') {
          out.push(cell);
          cell = '';
        } else cell += row[i];
      }
      return [...out, cell].slice(1, -1);
    };
    for (const argv of [
      ['trace', '--format', 'md'],
      ['history', 'REQ-2026-002', '--format', 'md'],
      ['history', 'REQ-2026-001', '--format', 'md'],
      ['export', 'records', '--format', 'md'],
      ['export', 'plan', '--format', 'md'],
    ]) {
      const rows = (await run(...argv)).out.split('\n').filter((l) => l.startsWith('|'));
      assert.ok(rows.length >= 3, argv.join(' '));
      const width = cells(rows[0]!).length;
      for (const row of rows) assert.equal(cells(row).length, width, `${argv.join(' ')}: ${row}`);
    }
    assert.ok((await run('trace', '--format', 'md')).out.includes('| Back\\\\slash \\\\\\| | REQ-2026-002 pipe \\\\\\| and backslash |'));
  });

  it('validate --format text: one line per real problem, each starting with the real file name, escaped', async () => {
    const r = await run('validate');
    const lines = r.out.split('\n');
    assert.equal(lines.length, problems);
    const names = [`requirements/${printable(HOSTILE_NAME)}`, 'requirements/REQ-2026-002 plain.md'];
    for (const line of lines)
      assert.ok(
        names.some((n) => line.startsWith(`${n}:`)),
        line,
      );
    assert.equal(lines.filter((l) => /:\d+:\d+: (error|warning|info) /.test(l)).length, problems);
    assert.ok(!lines.some((l) => l.startsWith('requirements/forged.md')));
    assert.match(r.err, /^2 files checked: \d+ errors, \d+ warnings$/);
  });

  it('JSON and SARIF hold the exact data: the file name, the title, the subject, the author', async () => {
    const validate = JSON.parse((await run('validate', '--format', 'json')).out) as { problems: Array<{ file: string; message: string }> };
    assert.ok(validate.problems.some((p) => p.file === `requirements/${HOSTILE_NAME}`));
    assert.ok(validate.problems.some((p) => p.message.includes(FORGED_PROBLEM.replace(/\\n/g, '\n').replace('\\u202e', '\u202e'))));
    const list = JSON.parse((await run('list', '--format', 'json')).out) as Array<{ title: string; customer: string }>;
    assert.equal(list.find((x) => x.title.startsWith('Title'))?.title, `Title ${HOSTILE}`);
    const trace = JSON.parse((await run('trace', '--format', 'json')).out) as { pairs: Array<{ subject: string; author: string }> };
    assert.ok(trace.pairs[0]!.subject.includes(`${ESC}[31mred`));
    assert.equal(trace.pairs[0]!.author, `Author ${ESC}[31m\u202e ##[error]x`);
    const sarif = JSON.parse((await run('validate', '--format', 'sarif')).out);
    const check = sarifValidator();
    assert.equal(check(sarif), true, JSON.stringify(check.errors, null, 2));
    const uris = (sarif.runs[0].results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>).map(
      (x) => x.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    assert.ok(
      uris.some((u) => fileURLToPath(new URL(u, 'file:///root/')) === `/root/requirements/${HOSTILE_NAME}`),
      uris.join('\n'),
    );
  });

  it('set: the message about the change shows the old hostile value escaped, on one line', async () => {
    const r = await run('set', 'REQ-2026-001', 'owner=Grace');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(unsafe(r.out), []);
    assert.equal(r.out.split('\n').length, 1);
    assert.ok(r.out.startsWith(`requirements/${printable(HOSTILE_NAME)}: owner Owner \\x1b[31mred`), r.out);
    git(['checkout', '--', '.']);
  });

  it('set: a refused change names the hostile file on one line per error', async () => {
    const r = await run('set', 'REQ-2026-001', 'title=');
    assert.equal(r.code, 1);
    assert.deepEqual(unsafe(r.err), []);
    for (const line of r.err.split('\n'))
      assert.ok(
        line.startsWith(`requirements/${printable(HOSTILE_NAME)}:`) || line.startsWith('reqdesk: ') || line === 'Nothing was changed.',
        line,
      );
  });

  it('import: the plan names hostile cells escaped, one line per row', async () => {
    // Control characters are refused per cell (a file holding them would be skipped as binary);
    // the other hostile text (bidi controls, line breaks, workflow commands) reaches the messages.
    const visible = `\u202egnp.exe\r\n::error file=x::forged\n::add-mask::secret ##[error]v1`;
    const csv = path.join(root, 'hostile.csv');
    const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(
      csv,
      `ID,Title,Type,Source\r\n,${cell(`New ${HOSTILE}`)},functional,\r\n,Second,${cell(`bad ${visible}`)},\r\n,Third,functional,${cell(`nope ${visible}`)}\r\n`,
    );
    try {
      const r = await run('import', csv, '--dry-run', '--no-branches');
      assert.equal(r.code, 1, r.err);
      assert.deepEqual(unsafe(r.out), [], r.out);
      assert.deepEqual(unsafe(r.err), [], r.err);
      const lines = r.out.split('\n');
      assert.equal(lines.length, 3, r.out);
      assert.match(lines[0]!, /^row 2: refused — Column "Title" holds the control character U\+001B/);
      assert.match(lines[1]!, /^row 3 \(line 5\): refused — Unknown type "bad \\u202egnp\.exe(\\r)?\\n::error/);
      assert.match(lines[2]!, /^row 4 \(line 8\): refused — Unknown source "nope \\u202egnp\.exe(\\r)?\\n::error/);
    } finally {
      rmSync(csv);
    }
  });

  it('export --out keeps the exact data in the file (only formula guards added), while stdout is made safe', async () => {
    const r = await run('export', 'records', '--out', 'records.csv');
    assert.equal(r.code, 0, r.err);
    const file = readFileSync(path.join(root, 'records.csv'), 'utf8');
    rmSync(path.join(root, 'records.csv'));
    assert.ok(file.includes(`Title ${HOSTILE.replace(/\r?\n/g, '\r\n').replace(/"/g, '""')}`), 'the file holds the title as it is');
    const stdout = (await run('export', 'records')).out;
    assert.ok(stdout.includes('Title \\x1b[31mred'));
  });
});

// ---------------------------------------------------------------------------------------------

describe('SARIF: a file name is one URI reference', () => {
  it('# ? % and spaces are percent-encoded per segment: the URI resolves to the file and decodes back to its name', () => {
    for (const name of ['a#b?c 100%.md', '需求 #1?.md', 'x:y;z=1&w@v+u$t,s.md', "it's (1) [2] !*~.md", 'evil\n::error.md']) {
      const uri = fileUri(`requirements/${name}`);
      assert.deepEqual(uri.split('/').map(decodeURIComponent), ['requirements', name]);
      const url = new URL(uri, 'file:///root/');
      assert.equal(url.hash, '');
      assert.equal(url.search, '');
      assert.equal(fileURLToPath(url), `/root/requirements/${name}`);
      assert.match(uri, /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/, 'only characters a URI may hold');
    }
  });

  it('reqdesk validate --format sarif on a file named a#b?c 100%.md: a valid SARIF log whose uri resolves to it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-sarif-uri-'));
    try {
      mkdirSync(path.join(root, 'requirements'));
      writeFileSync(path.join(root, 'requirements', 'a#b?c 100%.md'), plainRecord.replace('type: experience', 'type: nope'));
      const out: string[] = [];
      await runCli(['validate', '--format', 'sarif'], { out: (t) => out.push(t), err: () => undefined, cwd: root, env: {} });
      const sarif = JSON.parse(out.join('\n'));
      const check = sarifValidator();
      assert.equal(check(sarif), true, JSON.stringify(check.errors, null, 2));
      const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
      assert.equal(uri, 'requirements/a%23b%3Fc%20100%25.md');
      assert.equal(fileURLToPath(new URL(uri, 'file:///root/')), '/root/requirements/a#b?c 100%.md');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
