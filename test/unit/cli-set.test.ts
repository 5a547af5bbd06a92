import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseKeyPath } from '../../src/cli/setCommand';
import { REPO_ROOT, runCliCaptured, snapshotFiles } from './support';

const run = runCliCaptured;

const snapshot = (dir: string) => snapshotFiles(dir);

const CARRIER = 'requirements/REQ-2026-001-carrier-status-push.md';

describe('cli: set', () => {
  let root: string;
  let before: Map<string, Buffer>;
  const text = (file: string) => readFileSync(path.join(root, file), 'utf8');
  const original = (file: string) => before.get(file)!.toString('utf8');

  /** Only `file` changed, and it now reads `expected`. */
  function onlyChanged(file: string, expected: string | Buffer) {
    const after = snapshot(root);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [name, bytes] of after) {
      if (name === file) assert.deepEqual(bytes, typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected, name);
      else assert.ok(bytes.equals(before.get(name)!), `${name} changed`);
    }
  }

  function nothingChanged() {
    const after = snapshot(root);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [name, bytes] of after) assert.ok(bytes.equals(before.get(name)!), `${name} changed`);
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-set-'));
    cpSync(path.join(REPO_ROOT, 'examples'), root, { recursive: true });
    before = snapshot(root);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('sets a score: only the value bytes change, one line per file is printed', async () => {
    const r = await run(['set', 'REQ-2026-001', 'scores.urgency=5'], root);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `${CARRIER}: scores.urgency 4 → 5`);
    onlyChanged(CARRIER, original(CARRIER).replace('  urgency: 4\n', '  urgency: 5\n'));
  });

  it('several fields at once; enums take Chinese aliases and are written canonical; text that looks like a number is quoted', async () => {
    const r = await run(
      ['set', 'REQ-2026-001', 'status=已计划', 'type=功能', 'title=2024', 'owner=张三', 'tasks[1].status=done', 'tasks.3.owner=Li Wei'],
      root,
    );
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      `${CARRIER}: status in-progress → planned, type functional → functional, title Push shipment status to the carrier API every 15 minutes → 2024, owner Alex Wu → 张三, tasks[1].status doing → done, tasks[3].owner Mei Lin → Li Wei`,
    );
    const expected = original(CARRIER)
      .replace('status: in-progress\n', 'status: planned\n')
      .replace('title: Push shipment status to the carrier API every 15 minutes\n', 'title: "2024"\n')
      .replace('owner: Alex Wu\nrelated', 'owner: 张三\nrelated')
      .replace('    status: doing\n', '    status: done\n')
      .replace('    owner: Mei Lin\n    start: 2026-11-30', '    owner: Li Wei\n    start: 2026-11-30');
    onlyChanged(CARRIER, expected);
  });

  it('records the outcome of a verification: the degree by its Chinese alias, a measured number, inside a new outcome map', async () => {
    const file = 'requirements/REQ-2026-003-dashboard-load-time.md';
    const r = await run(['set', 'REQ-2026-003', 'status=已验证', 'outcome.degree=部分满足', 'outcome.measured=1.6'], root);
    assert.equal(r.code, 0, r.err);
    const expected = original(file)
      .replace('status: delivered\n', 'status: verified\n')
      .replace(
        'asked for feedback on the first two weeks by 30 November\n---',
        'asked for feedback on the first two weeks by 30 November\noutcome:\n  degree: partial\n  measured: 1.6\n---',
      );
    onlyChanged(file, expected);
    // An unknown degree is refused with the values and aliases it could be, and nothing is written.
    const bad = await run(['set', 'REQ-2026-003', 'outcome.degree=mostly'], root);
    assert.equal(bad.code, 1);
    assert.match(
      bad.err,
      /invalid value "mostly" for outcome\.degree: expected one of: full, partial, alternative, declined \(or an alias: 完全满足, /,
    );
    onlyChanged(file, expected);
  });

  it('adds a missing key after its map, lists as [a, b], and `key=` removes a key', async () => {
    const r = await run(
      [
        'set',
        'REQ-2026-001',
        'scores.value=4',
        'related=[ORDER-2026-102, "PRJ-7, phase 2"]',
        'moscow=',
        'priority_reason=Carrier contract renewal',
      ],
      root,
    );
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      `${CARRIER}: scores.value (unset) → 4, related [ORDER-2026-102] → [ORDER-2026-102, "PRJ-7, phase 2"], moscow must → (removed), priority_reason (unset) → Carrier contract renewal`,
    );
    const expected = original(CARRIER)
      .replace('  feasibility: 4\n', '  feasibility: 4\n  value: 4\n')
      .replace('related: [ORDER-2026-102]', 'related: [ORDER-2026-102, "PRJ-7, phase 2"]')
      .replace('moscow: must\n', '')
      .replace(/(changes:\n(?: {2}.*\n)*)/, '$1priority_reason: Carrier contract renewal\n');
    onlyChanged(CARRIER, expected);
    assert.match(text(CARRIER), /decision: approved\npriority_reason: Carrier contract renewal\n---\n/);
  });

  it('a single list value without commas is a one-item list', async () => {
    const r = await run(['set', 'REQ-2026-001', 'tasks[2].depends=T1'], root);
    assert.equal(r.code, 0, r.err);
    onlyChanged(CARRIER, original(CARRIER).replace('    depends: [T2]\n', '    depends: [T1]\n'));
  });

  it('keeps a BOM and CRLF line endings', async () => {
    const crlfBom = Buffer.from(`\uFEFF${original(CARRIER).replace(/\n/g, '\r\n')}`, 'utf8');
    writeFileSync(path.join(root, CARRIER), crlfBom);
    before = snapshot(root);
    const r = await run(['set', 'REQ-2026-001', 'scores.urgency=5', 'lessons=Batch first'], root);
    assert.equal(r.code, 0, r.err);
    const expected = crlfBom
      .toString('utf8')
      .replace('  urgency: 4\r\n', '  urgency: 5\r\n')
      .replace('decision: approved\r\n---', 'decision: approved\r\nlessons: Batch first\r\n---');
    onlyChanged(CARRIER, Buffer.from(expected, 'utf8'));
    assert.deepEqual([...readFileSync(path.join(root, CARRIER)).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  });

  it('the same value again: no change, nothing written', async () => {
    const r = await run(['set', 'REQ-2026-001', 'scores.urgency=4'], root);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `${CARRIER}: no change`);
    nothingChanged();
  });

  it('--root and --lang', async () => {
    const r = await run(['set', 'REQ-2026-001', 'scores.urgency=3', '--root', root, '--lang', 'zh-CN'], tmpdir());
    assert.equal(r.code, 0, r.err);
    onlyChanged(CARRIER, original(CARRIER).replace('  urgency: 4\n', '  urgency: 3\n'));
  });

  describe('refusals: exit 1 and every byte stays', () => {
    const refused = async (argv: string[], message: RegExp, lang?: string) => {
      const r = await run(['set', ...argv, ...(lang ? ['--lang', lang] : [])], root);
      assert.equal(r.code, 1, `${r.out}\n${r.err}`);
      assert.match(r.err, message);
      assert.equal(r.out, '');
      nothingChanged();
      return r;
    };

    it('an unknown ID, with a suggestion', async () => {
      await refused(['REQ-2026-O01', 'status=new'], /unknown ID REQ-2026-O01; did you mean REQ-2026-001\?/);
      await refused(['REQ-2099-001', 'status=new'], /未找到编号 REQ-2099-001/, 'zh-CN');
    });

    it('an ID merged into another record names that record', async () => {
      const file = path.join(root, CARRIER);
      writeFileSync(file, text(CARRIER).replace(/^status: /m, 'merged_ids: [REQ-2026-070]\nstatus: '));
      before = snapshot(root);
      await refused(
        ['REQ-2026-070', 'status=new'],
        new RegExp(`ID REQ-2026-070 was merged into REQ-2026-001 \\(${CARRIER}\\): set the fields of REQ-2026-001`),
      );
      await refused(['REQ-2026-070', 'status=new'], /REQ-2026-070 已合并到 REQ-2026-001/, 'zh-CN');
    });

    it('an ID used by two files', async () => {
      const r = await refused(['REQ-2025-004', 'status=new'], /ID REQ-2025-004 is used by 2 files/);
      assert.match(r.err, /requirements\/REQ-2025-004-csv-encoding\.md, requirements\/REQ-2026-092-duplicate-id\.md/);
    });

    it('invalid values say which and what is expected, in both languages', async () => {
      await refused(['REQ-2026-001', 'scores.urgency=7'], /invalid value "7" for scores\.urgency: expected a whole number from 1 to 5/);
      await refused(['REQ-2026-001', 'scores.urgency=high'], /expected a whole number from 1 to 5/);
      await refused(
        ['REQ-2026-001', 'status=finished'],
        /invalid value "finished" for status: expected one of: new, analyzing, planned, in-progress, delivered, verified, closed, declined, on-hold \(or an alias: 新建/,
      );
      await refused(
        ['REQ-2026-001', 'submitted=2026-02-30'],
        /invalid value "2026-02-30" for submitted: expected a real date written YYYY-MM-DD/,
      );
      await refused(['REQ-2026-001', 'submitted=2026/02/03'], /expected a real date written YYYY-MM-DD/);
      await refused(['REQ-2026-001', 'related=a,b'], /expected a list written \[a, b\], or one value without commas/);
      await refused(['REQ-2026-001', 'tasks[0].days=-1'], /expected a whole number, 0 or more/);
      await refused(['REQ-2026-001', 'scores.urgency=9'], /scores\.urgency 的取值 "9" 无效：应为1 到 5 的整数/, 'zh-CN');
    });

    it('unknown fields and whole groups', async () => {
      await refused(['REQ-2026-001', 'scores.urgancy=3'], /unknown field "scores\.urgancy"; did you mean "urgency"\?/);
      await refused(['REQ-2026-001', 'customer=ACME'], /"customer" is a group of fields: set them one by one/);
      await refused(['REQ-2026-001', 'tasks=T1'], /"tasks" is a list of entries: set their fields by index/);
    });

    it('a change that would leave an error: removing a required key, declining without a reason, a duplicate ID', async () => {
      const r = await refused(['REQ-2026-001', 'title='], /the change would leave the errors above/);
      assert.match(r.err, /REQ-2026-001-carrier-status-push\.md:\d+:\d+: error required-missing Missing required key "title"\./);
      await refused(['REQ-2026-001', 'strategy=declined'], /error decline-reason-missing/);
      await refused(['REQ-2026-001', 'id=需求-2024-001'], /ID 需求-2024-001 is already used by requirements\/需求-2024-001-能耗监控\.md/);
      await refused(['REQ-2026-001', 'id=bad-id'], /error id-malformed/);
    });

    it('a new list item is not created', async () => {
      await refused(['REQ-2026-001', 'tasks[9].status=done'], /tasks\[9\]\.status: tasks has 4 items; adding list items is not supported/);
    });

    it('a file with YAML errors', async () => {
      const broken = 'requirements/REQ-2026-095-broken.md';
      writeFileSync(path.join(root, broken), '---\nid: REQ-2026-095\ntitle: [unclosed\nstatus: new\n---\n# Broken\n');
      before = snapshot(root);
      await refused(
        ['REQ-2026-095', 'status=planned'],
        /requirements\/REQ-2026-095-broken\.md: the front-matter has YAML errors \(line \d+: .+\); fix them before editing/,
      );
      await refused(['REQ-2026-095', 'status=planned'], /front-matter 存在 YAML 错误（第 \d+ 行：/, 'zh-CN');
    });
  });

  it('wrong usage exits 2', async () => {
    assert.equal((await run(['set'], root)).code, 2);
    assert.equal((await run(['set', 'REQ-2026-001'], root)).code, 2);
    const r = await run(['set', 'REQ-2026-001', 'status'], root);
    assert.equal(r.code, 2);
    assert.match(r.err, /"status" is not key=value/);
    assert.equal((await run(['set', 'REQ-2026-001', 'a..b=1'], root)).code, 2);
    nothingChanged();
  });

  it('the usage text lists set in both languages', async () => {
    assert.match((await run(['--help'], root)).out, /reqdesk set <ID> key=value/);
    assert.match((await run(['--help', '--lang', 'zh-CN'], root)).out, /reqdesk set <编号> 字段=值/);
  });
});

describe('cli: set key paths', () => {
  it('dots and brackets', () => {
    assert.deepEqual(parseKeyPath('scores.urgency'), ['scores', 'urgency']);
    assert.deepEqual(parseKeyPath('tasks[1].status'), ['tasks', 1, 'status']);
    assert.deepEqual(parseKeyPath('tasks.1.status'), ['tasks', 1, 'status']);
    assert.deepEqual(parseKeyPath('reviews[0].by'), ['reviews', 0, 'by']);
    assert.equal(parseKeyPath('a..b'), undefined);
    assert.equal(parseKeyPath(''), undefined);
    assert.equal(parseKeyPath('a[x]'), undefined);
  });
});
