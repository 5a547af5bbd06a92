import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as jsYaml from 'js-yaml';
import { runCli } from '../../src/cli/main';
import { formatMessage } from '../../src/core/messages';
import { enumAt } from '../../src/core/schema';
import { fixture, lineOf, record, RECORDS_DIR, REPO_ROOT, sarifValidator } from './support';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { out: (t) => out.push(t), err: (t) => err.push(t), cwd: options.cwd ?? REPO_ROOT, env: options.env ?? {} },
    new Date(2026, 5, 1),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const LINE = /^[^:]+:\d+:\d+: (error|warning) [a-z-]+ .+$/;
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const REQUIREMENTS = path.join(EXAMPLES, 'requirements');
const rel = (name: string) => `examples/requirements/${name}`;
const exampleText = (name: string) => readFileSync(path.join(REQUIREMENTS, name), 'utf8');

/** The examples' front-matter read independently of ReqDesk's loader. */
function exampleRecords(): Array<{ file: string; data: Record<string, unknown> }> {
  return readdirSync(REQUIREMENTS)
    .filter((n) => n.endsWith('.md'))
    .map((n) => {
      const text = exampleText(n);
      const yaml = text.slice(4, text.indexOf('\n---', 3));
      const data = jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA }) as Record<string, unknown>;
      // Records may use the Chinese aliases (type: 功能): compare canonical values.
      if (typeof data.type === 'string') data.type = enumAt(['type'])!.aliasTo.get(data.type) ?? data.type;
      return { file: rel(n), data };
    });
}

/** A temporary workspace; files are relative paths to contents. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'reqdesk-cli-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('cli: validate on the examples', () => {
  let text: Run;
  before(async () => {
    text = await run(['validate', 'examples']);
  });

  it('exits 1 and prints one problem per line in file:line:column form', () => {
    assert.equal(text.code, 1);
    const lines = text.out.split('\n');
    assert.ok(lines.length >= 11);
    for (const line of lines) assert.match(line, LINE);
    assert.match(text.err, /^\d+ files checked: \d+ errors, \d+ warnings$/);
  });

  it('reports every deliberate problem at its line and column', () => {
    const expect = (file: string, needle: string, columnOf: string, severity: string, code: string) => {
      const { line } = lineOf(exampleText(file), needle);
      const column = exampleText(file).split(/\r?\n/)[line - 1]!.indexOf(columnOf) + 1;
      return `${rel(file)}:${line}:${column}: ${severity} ${code} `;
    };
    const b090 = 'REQ-2026-090-broken-scores.md';
    const b091 = 'REQ-2026-091-declined-no-reason.md';
    const b092 = 'REQ-2026-092-duplicate-id.md';
    const expected = [
      expect(b090, 'urgancy:', 'urgancy', 'warning', 'key-near-miss'),
      expect(b090, 'priority: P1', 'P1', 'warning', 'priority-mismatch'),
      expect(b090, '收货员希望能更方便', '希望能更方便', 'warning', 'vague-wording'),
      expect(b091, 'status: finished', 'finished', 'error', 'enum-unknown'),
      expect(b091, 'strategy: declined', 'declined', 'error', 'decline-reason-missing'),
      expect(b091, 'depends: [T9]', 'T9', 'error', 'task-unknown-dependency'),
      expect(b091, '- id: T3', 'T3', 'error', 'task-no-schedule'),
      expect(b092, 'id: REQ-2025-004', 'REQ-2025-004', 'error', 'id-duplicate'),
      expect(b092, 'submitted: 2026-02-30', '2026-02-30', 'error', 'date-invalid'),
      expect(b092, 'planned_done: 2026-12-04', '2026-12-04', 'error', 'date-order'),
      expect('REQ-2025-004-csv-encoding.md', 'id: REQ-2025-004', 'REQ-2025-004', 'error', 'id-duplicate'),
    ];
    const lines = text.out.split('\n');
    for (const prefix of expected)
      assert.ok(
        lines.some((l) => l.startsWith(prefix)),
        `missing: ${prefix}\n${text.out}`,
      );
    assert.match(text.out, /urgancy": did you mean "urgency"\?/);
  });

  it('--format json: version 1, a summary and problems sorted by place', async () => {
    const r = await run(['validate', 'examples', '--format', 'json']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.out) as { version: number; summary: Record<string, number>; problems: Array<Record<string, unknown>> };
    assert.equal(json.version, 1);
    assert.deepEqual(Object.keys(json.summary).sort(), ['errors', 'files', 'infos', 'warnings']);
    assert.equal(json.summary.files, readdirSync(REQUIREMENTS).filter((n) => n.endsWith('.md')).length);
    assert.equal(json.summary.errors, json.problems.filter((p) => p.severity === 'error').length);
    assert.equal(json.summary.warnings, json.problems.filter((p) => p.severity === 'warning').length);
    assert.equal(json.problems.length, text.out.split('\n').length);
    const key = (p: Record<string, unknown>) => [p.file as string, p.line as number, p.column as number, p.code as string] as const;
    for (let i = 1; i < json.problems.length; i++) {
      const [fa, la, ca, xa] = key(json.problems[i - 1]!);
      const [fb, lb, cb, xb] = key(json.problems[i]!);
      assert.ok(fa < fb || (fa === fb && (la < lb || (la === lb && (ca < cb || (ca === cb && xa <= xb))))), `unsorted at ${i}`);
    }
    const nearMiss = json.problems.find((p) => p.code === 'key-near-miss')!;
    assert.deepEqual(nearMiss.path, ['scores', 'urgancy']);
    assert.deepEqual(nearMiss.fixes, ['rename-key']);
  });

  it('--lang zh-CN gives Chinese messages and summary; LANG does the same', async () => {
    for (const r of [
      await run(['validate', 'examples', '--lang', 'zh-CN']),
      await run(['validate', 'examples'], { env: { LANG: 'zh_CN.UTF-8' } }),
    ]) {
      assert.equal(r.code, 1);
      const lines = r.out.split('\n');
      assert.ok(lines.some((l) => l.endsWith(`key-near-miss ${formatMessage('key-near-miss', ['urgancy', 'urgency'], 'zh-cn')}`)));
      for (const line of lines) assert.match(line.slice(line.indexOf(' ', line.indexOf(': ') + 2)), /[\u4e00-\u9fff]/, line);
      assert.match(r.err, /^已检查 \d+ 个文件：\d+ 个错误，\d+ 个警告$/);
    }
  });

  it('--format sarif validates against the official SARIF 2.1.0 schema', async () => {
    const r = await run(['validate', 'examples', '--format', 'sarif']);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out);
    const validate = sarifValidator();
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));

    const json = JSON.parse((await run(['validate', 'examples', '--format', 'json'])).out) as {
      problems: Array<{ file: string; line: number; column: number; code: string }>;
    };
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      ruleIndex: number;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string }>;
    assert.equal(results.length, json.problems.length);
    results.forEach((res, i) => {
      const p = json.problems[i]!;
      assert.equal(res.ruleId, p.code);
      assert.equal(rules[res.ruleIndex]!.id, res.ruleId);
      const loc = res.locations[0]!.physicalLocation;
      assert.equal(decodeURI(loc.artifactLocation.uri), p.file);
      assert.deepEqual([loc.region.startLine, loc.region.startColumn], [p.line, p.column]);
    });
    // The schema is strict enough to catch a wrong level: the check can fail.
    if (results[0]) (results[0] as unknown as { level: string }).level = 'fatal';
    assert.equal(validate(sarif), false);
  });

  it('--max-warnings counts warnings', async () => {
    const root = workspace({ 'requirements/vague.md': fixture('vague-section.md') });
    try {
      assert.equal((await run(['validate'], { cwd: root })).code, 0);
      assert.equal((await run(['validate', '--max-warnings', '0'], { cwd: root })).code, 1);
      assert.equal((await run(['validate', '--max-warnings', '1'], { cwd: root })).code, 1);
      assert.equal((await run(['validate', '--max-warnings', '2'], { cwd: root })).code, 0);
      assert.equal((await run(['validate', '--max-warnings', 'many'], { cwd: root })).code, 2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a folder of only valid files exits 0 with no problem lines', async () => {
    const root = workspace({});
    try {
      mkdirSync(path.join(root, 'requirements'));
      for (const name of ['valid-minimal.md', 'full.md', 'essentials-english.md'])
        copyFileSync(path.join(RECORDS_DIR, name), path.join(root, 'requirements', name));
      const r = await run(['validate', 'requirements'], { cwd: root });
      assert.deepEqual([r.code, r.out], [0, '']);
      assert.equal(r.err, '3 files checked: 0 errors, 0 warnings');
      const json = JSON.parse((await run(['validate', '--format', 'json', '--root', root])).out);
      assert.deepEqual(json, { version: 1, summary: { files: 3, errors: 0, warnings: 0, infos: 0 }, problems: [] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('files too large, binary or not UTF-8 are reported, not fatal', async () => {
    const gbkTitle = Buffer.from([0xd0, 0xe8, 0xc7, 0xf3]);
    const root = workspace({ 'requirements/ok.md': fixture('valid-minimal.md') });
    try {
      // Created here rather than committed: a 2 MB fixture would bloat the repository.
      writeFileSync(path.join(root, 'requirements/big.md'), Buffer.alloc(2 * 1024 * 1024, 'a'));
      writeFileSync(
        path.join(root, 'requirements/nul.md'),
        Buffer.concat([Buffer.from('---\nid: REQ-2026-002\n'), Buffer.from([0]), Buffer.from('\n---\n')]),
      );
      writeFileSync(
        path.join(root, 'requirements/gbk.md'),
        Buffer.concat([
          Buffer.from('---\nid: REQ-2026-003\ntitle: '),
          gbkTitle,
          Buffer.from(fixture('valid-minimal.md').slice(fixture('valid-minimal.md').indexOf('\ntype:'))),
        ]),
      );
      const r = await run(['validate'], { cwd: root });
      assert.equal(r.code, 0, r.out);
      const lines = r.out.split('\n');
      assert.equal(lines.length, 3, r.out);
      assert.match(
        lines[0]!,
        /^requirements\/big\.md:1:1: warning file-too-large File skipped: 2097152 bytes is over the 1048576-byte limit/,
      );
      assert.match(lines[1]!, /^requirements\/gbk\.md:1:1: warning file-encoding The file is not valid UTF-8/);
      assert.match(lines[2]!, /^requirements\/nul\.md:1:1: warning file-binary /);
      assert.equal(r.err, '4 files checked: 0 errors, 3 warnings');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a file named on the command line is read even outside the include globs', async () => {
    const r = await run(['validate', 'test/fixtures/records/enum-typo.md']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^test\/fixtures\/records\/enum-typo\.md:4:7: error enum-unknown /);
  });
});

describe('cli: list', () => {
  const records = exampleRecords();
  // Read off the examples by hand: the stored priority, else the one the scores give with the
  // default threshold 4 (REQ-2026-090 stores P1 against its scores; REQ-2026-092 reuses the ID
  // REQ-2025-004 and is P3).
  const P1 = [
    'REQ-2024-006',
    'REQ-2025-004',
    'REQ-2026-001',
    'REQ-2026-090',
    '需求-2024-001',
    '需求-2025-001',
    '需求-2025-003',
    '需求-2026-002',
    '需求-2026-003',
  ];
  const BY_TYPE: Record<string, string[]> = {
    business: ['REQ-2024-006', 'REQ-2025-011', '需求-2026-003'],
    // 需求-2024-002 writes its type as the alias 功能.
    functional: [
      'REQ-2024-003',
      'REQ-2025-004',
      'REQ-2025-004',
      'REQ-2025-007',
      'REQ-2026-001',
      'REQ-2026-002',
      'REQ-2026-004',
      'REQ-2026-091',
      '需求-2024-001',
      '需求-2024-002',
      '需求-2025-003',
      '需求-2026-001',
      '需求-2026-002',
    ],
  };
  const FUNCTIONAL_P1 = ['REQ-2025-004', 'REQ-2026-001', '需求-2024-001', '需求-2025-003', '需求-2026-002'];

  it('--format json --priority P1 lists exactly the P1 records, with their fields', async () => {
    const r = await run(['list', '--root', 'examples', '--format', 'json', '--priority', 'P1']);
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.out) as Array<Record<string, string>>;
    assert.deepEqual(rows.map((row) => row.id).sort(), [...P1].sort());
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.equal(row.priority, 'P1');
      assert.deepEqual(Object.keys(row), [
        'id',
        'priority',
        'raisedByDemand',
        'rank',
        'type',
        'status',
        'title',
        'customer',
        'customers',
        'tiers',
        'owner',
        'tasks',
        'file',
        'rankBy',
      ]);
      const source = records.find((x) => x.file === `examples/${row.file}`)!;
      assert.equal(row.title, source.data.title);
    }
    // With --sort id: sorted by ID within a priority.
    const byId = JSON.parse(
      (await run(['list', '--root', 'examples', '--format', 'json', '--priority', 'P1', '--sort', 'id'])).out,
    ) as Array<Record<string, string>>;
    const ids = byId.map((row) => String(row.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('ranks within a priority by MoSCoW, ROI, feasibility and Kano, and says the rank and why', async () => {
    const rows = JSON.parse((await run(['list', '--root', 'examples', '--format', 'json', '--priority', 'P1'])).out) as Array<{
      id: string;
      rank: number;
      rankBy: Record<string, string | number>;
    }>;
    // must with ROI 4, 2.5, 2, 1.33, 1.25; must without ROI, feasibility 4 both, Kano basic before
    // performance; should; then REQ-2026-090, which has none of the values.
    assert.deepEqual(
      rows.map((row) => row.id),
      [
        'REQ-2025-004',
        'REQ-2024-006',
        '需求-2024-001',
        '需求-2025-003',
        '需求-2026-002',
        '需求-2025-001',
        'REQ-2026-001',
        '需求-2026-003',
        'REQ-2026-090',
      ],
    );
    assert.deepEqual(
      rows.map((row) => row.rank),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.deepEqual(rows[0]!.rankBy, { moscow: 'must', roi: 4, feasibility: 5, kano: 'basic' });
    assert.deepEqual(rows[8]!.rankBy, { feasibility: 4 });
    // The rank is the place in ranked order, also when the list is in ID order.
    const byId = JSON.parse(
      (await run(['list', '--root', 'examples', '--format', 'json', '--priority', 'P1', '--sort', 'id'])).out,
    ) as Array<{
      id: string;
      rank: number;
    }>;
    assert.equal(byId.find((row) => row.id === 'REQ-2025-004')!.rank, 1);
    assert.equal(byId[0]!.id, 'REQ-2024-006');
    // The whole list: P1 first, and each priority ranked from 1.
    const all = JSON.parse((await run(['list', '--root', 'examples', '--format', 'json'])).out) as Array<{
      priority: string;
      rank: number;
    }>;
    const firstOfEach = all.filter((row, i) => i === 0 || all[i - 1]!.priority !== row.priority);
    assert.deepEqual(
      firstOfEach.map((row) => [row.priority, row.rank]),
      [
        ['P1', 1],
        ['P2', 1],
        ['P3', 1],
      ],
    );
    const table = await run(['list', '--root', 'examples', '--priority', 'P1']);
    assert.match(table.out.split('\n')[1]!, /^REQ-2025-004\s+P1\s+1\s+functional\s.*\smust · ROI 4 · feasibility 5 · Kano basic$/);
    const zh = await run(['list', '--root', 'examples', '--priority', 'P1', '--lang', 'zh-CN']);
    assert.match(zh.out.split('\n')[1]!, /必须 · 投入产出比 4 · 可行性 5 · 基本型（Kano）$/);
    const csv = await run(['list', '--root', 'examples', '--priority', 'P1', '--format', 'csv', '--lang', 'zh-CN']);
    assert.match(csv.out.split('\r\n')[1]!, /^REQ-2025-004,P1,1,.*,must · ROI 4 · feasibility 5 · Kano basic$/);
    assert.match((await run(['list', '--root', 'examples', '--sort', 'priority'])).err, /--sort must be one of: rank, id/);
  });

  it('follows reqdesk.ranking from the workspace settings, and warns and ranks by the default on a bad value', async () => {
    const root = workspace({
      'requirements/a.md': record({ id: 'REQ-2026-001', priority: 'P1', moscow: 'must', kano: 'indifferent' }),
      'requirements/b.md': record({ id: 'REQ-2026-002', priority: 'P1', moscow: 'could', kano: 'basic' }),
      'requirements/c.md': record({ id: 'REQ-2026-003', priority: 'P1' }),
    });
    const ids = async () => {
      const r = await run(['list', '--root', root, '--format', 'json']);
      return { ids: (JSON.parse(r.out) as Array<{ id: string }>).map((row) => row.id), err: r.err };
    };
    try {
      assert.deepEqual((await ids()).ids, ['REQ-2026-001', 'REQ-2026-002', 'REQ-2026-003']);
      mkdirSync(path.join(root, '.vscode'));
      writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "reqdesk.ranking": ["kano", "moscow"] }');
      assert.deepEqual((await ids()).ids, ['REQ-2026-002', 'REQ-2026-001', 'REQ-2026-003']);
      writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "reqdesk.ranking": [] }');
      assert.deepEqual((await ids()).ids, ['REQ-2026-001', 'REQ-2026-002', 'REQ-2026-003']);
      writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "reqdesk.ranking": ["kano", "ROI"] }');
      const bad = await ids();
      assert.deepEqual(bad.ids, ['REQ-2026-001', 'REQ-2026-002', 'REQ-2026-003']);
      assert.match(
        bad.err,
        /^reqdesk: Setting reqdesk\.ranking must be a list of distinct criteria among moscow, roi, feasibility, kano, urgency, importance; using the default \(moscow, roi, feasibility, kano\)\.$/m,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--type and --status take the Chinese aliases files and set accept', async () => {
    const ids = async (...filter: string[]) =>
      (JSON.parse((await run(['list', '--root', 'examples', '--format', 'json', ...filter])).out) as Array<Record<string, string>>)
        .map((row) => row.id)
        .sort();
    assert.deepEqual(await ids('--type', '功能'), [...BY_TYPE.functional!].sort());
    assert.deepEqual(await ids('--type', '商务'), [...BY_TYPE.business!].sort());
    assert.deepEqual(await ids('--status', '新建'), await ids('--status', 'new'));
    assert.ok((await ids('--status', '新建')).length > 0, 'the examples hold new requirements');
    assert.deepEqual(await ids('--status', '进行中', '--type', '功能'), await ids('--status', 'in-progress', '--type', 'functional'));
  });

  it('--type filters by type, and combines with --priority', async () => {
    for (const type of ['business', 'functional']) {
      const rows = JSON.parse((await run(['list', '--root', 'examples', '--format', 'json', '--type', type])).out) as Array<
        Record<string, string>
      >;
      assert.deepEqual(rows.map((row) => row.id).sort(), [...BY_TYPE[type]!].sort(), type);
    }
    const both = JSON.parse(
      (await run(['list', '--root', 'examples', '--format', 'json', '--type', 'functional', '--priority', 'P1'])).out,
    ) as Array<Record<string, string>>;
    assert.deepEqual(both.map((row) => row.id).sort(), [...FUNCTIONAL_P1].sort());
  });

  it('--format csv: a header and one CRLF-separated row per record, quoted where needed', async () => {
    const r = await run(['list', '--root', 'examples', '--format', 'csv', '--priority', 'P1']);
    const lines = r.out.split('\r\n');
    assert.equal(lines[0], 'id,priority,rank,type,status,title,customer,owner,tasks,file,rankBy');
    assert.equal(lines.length - 1, P1.length);
    for (const line of lines.slice(1)) assert.match(line, /^[^,]+,P1,/);
    assert.doesNotMatch(r.out, /(?<!\r)\n/);
  });

  it('--format csv: a title Excel would run as a formula is written with a leading apostrophe, no BOM on stdout', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'reqdesk-list-csv-'));
    try {
      mkdirSync(path.join(root, 'requirements'));
      writeFileSync(path.join(root, 'requirements', 'REQ-2026-001.md'), record({ title: '"=HYPERLINK(\\"http://x\\")"' }));
      const r = await run(['list', '--root', root, '--format', 'csv']);
      assert.ok(!r.out.startsWith('\uFEFF'));
      assert.match(r.out.split('\r\n')[1]!, /,"'=HYPERLINK\(""http:\/\/x""\)",/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--format table: an upper-case header and one line per record', async () => {
    const r = await run(['list', '--root', 'examples', '--priority', 'P1']);
    const lines = r.out.split('\n');
    assert.match(lines[0]!, /^ID\s+PRIORITY\s+RANK\s+TYPE\s+STATUS\s+TITLE\s+CUSTOMER\s+CUSTOMERS\s+TASKS\s+RANKED BY$/);
    assert.equal(lines.length - 1, P1.length);
    for (const line of lines.slice(1)) assert.match(line, /^\S+\s+P1\s/);
  });
});

describe('cli: next-id, schema, usage', () => {
  it('next-id gives the number after the highest of that prefix and year', async () => {
    // The examples' highest 需求-2026 number is 005 (需求-2026-005-点检培训.md).
    const r = await run(['next-id', '--prefix', '需求', '--year', '2026', '--root', 'examples']);
    assert.deepEqual([r.code, r.out], [0, '需求-2026-006']);
    const empty = await run(['next-id', '--prefix', 'REQ', '--year', '2031', '--root', 'examples']);
    assert.equal(empty.out, 'REQ-2031-001');
    // Without --year, the year of the clock handed to runCli.
    assert.match((await run(['next-id', '--root', 'examples'])).out, /^REQ-2026-\d{3}$/);
  });

  it('schema prints the committed JSON Schema, and --out writes the same file', async () => {
    const committed = readFileSync(path.join(REPO_ROOT, 'schemas/requirement.schema.json'), 'utf8');
    const r = await run(['schema']);
    assert.equal(r.code, 0);
    assert.equal(r.out, committed.trimEnd());
    const root = workspace({});
    try {
      assert.equal((await run(['schema', '--out', 'out/schema.json'], { cwd: root })).code, 0);
      assert.equal(readFileSync(path.join(root, 'out/schema.json'), 'utf8'), committed);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('wrong usage exits 2 with the reason and the usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['validate', '--format', 'xml'], /--format must be one of: text, json, sarif/],
      [['validate', '--max-warnings', '-1'], /--max-warnings/],
      [['validate', '--bogus'], /bogus/],
      [['list', '--priority', 'P4'], /--priority must be one of/],
      [['list', '--type', 'functionl'], /--type must be one of/],
      [['list', '--format', 'xml'], /--format must be one of: table, json, csv/],
      [['next-id', '--prefix', 'XYZ', '--root', 'examples'], /--prefix must be one of the configured prefixes: REQ, 需求/],
      [['next-id', '--year', '26', '--root', 'examples'], /four-digit year/],
    ];
    for (const [argv, reason] of cases) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, reason, argv.join(' '));
      assert.match(r.err, /Usage:/, argv.join(' '));
    }
    const none = await run([]);
    assert.equal(none.code, 2);
    assert.match(none.out, /^reqdesk — customer requirements next to code/);
    assert.equal((await run(['--help'])).code, 0);
    assert.match((await run(['help', '--lang', 'zh-CN'])).out, /^reqdesk —— 与代码放在一起的客户需求管理/);
    const version = await run(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.out, /^\d+\.\d+\.\d+/);
  });
});

describe('cli: workspace settings', () => {
  const files = {
    'requirements/CR-2026-001.md': record({ id: 'CR-2026-001', scores: '\n  importance: 3\n  urgency: 3', priority: 'P1' }),
    'requirements/REQ-2026-001.md': record({ id: 'REQ-2026-001' }),
  };
  const settings = `{
  // Change requests use their own prefix.
  "reqdesk.id.prefixes": ["CR"],
  /* 3 already counts as high here */
  "reqdesk.priority.threshold": 3,
}
`;
  const codesByFile = (out: string) => {
    const found: Record<string, string[]> = {};
    for (const line of out.split('\n').filter(Boolean)) {
      const m = /^([^:]+):\d+:\d+: \w+ ([a-z-]+) /.exec(line)!;
      (found[m[1]!] ??= []).push(m[2]!);
    }
    return found;
  };

  it('.vscode/settings.json with comments changes prefixes and the threshold', async () => {
    const root = workspace({ ...files, '.vscode/settings.json': settings });
    try {
      const r = await run(['validate'], { cwd: root });
      assert.equal(r.err.includes('reqdesk:'), false, r.err);
      assert.deepEqual(codesByFile(r.out), { 'requirements/REQ-2026-001.md': ['id-malformed'] });
      assert.equal(r.code, 1);
      assert.equal((await run(['next-id', '--year', '2026'], { cwd: root })).out, 'CR-2026-002');
      const listed = JSON.parse((await run(['list', '--format', 'json'], { cwd: root })).out) as Array<Record<string, string>>;
      assert.equal(listed.find((row) => row.id === 'CR-2026-001')?.priority, 'P1');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a workspace whose include matches no file fails validation with the reason, unless --allow-empty', async () => {
    const root = workspace({ ...files, '.vscode/settings.json': '{ "reqdesk.include": ["specs/**/*.md"] }\n' });
    try {
      const r = await run(['validate'], { cwd: root });
      assert.equal(r.code, 1);
      assert.match(
        r.err,
        /^0 files checked: 0 errors, 0 warnings\nNo requirement file was checked: nothing under .+ matches reqdesk\.include \(specs\/\*\*\/\*\.md\)\./,
      );
      const json = await run(['validate', '--format', 'json'], { cwd: root });
      assert.equal(json.code, 1);
      assert.match(json.err, /--allow-empty/);
      const zh = await run(['validate', '--lang', 'zh-CN'], { cwd: root });
      assert.match(zh.err, /没有检查任何需求文件：.+ 下没有与 reqdesk\.include（specs\/\*\*\/\*\.md）匹配的文件。/);
      const allowed = await run(['validate', '--allow-empty'], { cwd: root });
      assert.deepEqual([allowed.code, allowed.err], [0, '0 files checked: 0 errors, 0 warnings']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('without the settings file the defaults apply', async () => {
    const root = workspace(files);
    try {
      const r = await run(['validate', '--root', root]);
      assert.deepEqual(codesByFile(r.out), { 'requirements/CR-2026-001.md': ['id-malformed', 'priority-mismatch'] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a broken settings value is reported and the default used', async () => {
    const root = workspace({ ...files, '.vscode/settings.json': '{ "reqdesk.priority.threshold": "high" }' });
    try {
      const r = await run(['validate'], { cwd: root });
      assert.match(r.err, /reqdesk: Setting reqdesk\.priority\.threshold must be a whole number from 1 to 5; using the default\./);
      assert.deepEqual(codesByFile(r.out)['requirements/CR-2026-001.md'], ['id-malformed', 'priority-mismatch']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
