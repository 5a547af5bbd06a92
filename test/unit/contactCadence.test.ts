// Contact cadence: customers with open requirements who have not heard from us for longer than
// their tier's days (src/core/contactCadence.ts), across records through the index, in the CLI's
// `validate --as-of`, and the contacts' own validation.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { contactOverdue, contactOverdueProblems, contactOverdueProblemsAt, type ContactCadence } from '../../src/core/contactCadence';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type IndexChange } from '../../src/core/index';
import { formatMessage } from '../../src/core/messages';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from '../../src/core/settings';
import { analyzeRequirement } from '../../src/core/validate';
import { at, CTX, MemorySource, record } from './support';

const CADENCE: ContactCadence = { key: 14, existing: 30, new: 60 };

function indexOf(settings: Settings = DEFAULT_SETTINGS): RequirementIndex {
  return new RequirementIndex(settings, compileIdGrammar(settings.idPrefixes, settings.idFormat));
}

/** A record of one customer (and optional more requesters), submitted on a date. */
function customerRecord(id: string, name: string, tier: string | undefined, submitted: string, more: Record<string, string> = {}): string {
  return record({
    id,
    customer: `\n  name: ${name}${tier ? `\n  tier: ${tier}` : ''}`,
    submitted,
    ...more,
  });
}

describe('contact cadence: the rule', () => {
  const summary = (tier: 'key' | 'existing' | 'new' | undefined, last: string | undefined, open = 1) => ({
    key: '华东制造',
    name: '华东制造',
    ...(tier ? { tier } : {}),
    open,
    ...(last ? { lastTouch: { date: last, kind: 'contact' as const, file: 'a.md' } } : {}),
  });

  it('overdue after more than the tier’s days: key 14, existing 30, new 60; exactly the days is not overdue', () => {
    assert.equal(contactOverdue(summary('key', '2026-03-01'), '2026-03-15', CADENCE), undefined, '14 days: on time');
    assert.deepEqual(contactOverdue(summary('key', '2026-03-01'), '2026-03-16', CADENCE), {
      key: '华东制造',
      name: '华东制造',
      tier: 'key',
      every: 14,
      last: '2026-03-01',
      days: 15,
    });
    assert.equal(contactOverdue(summary('existing', '2026-03-01'), '2026-03-31', CADENCE), undefined);
    assert.equal(contactOverdue(summary('existing', '2026-03-01'), '2026-04-01', CADENCE)?.days, 31);
    assert.equal(contactOverdue(summary('new', '2026-03-01'), '2026-04-30', CADENCE), undefined);
    assert.equal(contactOverdue(summary('new', '2026-03-01'), '2026-05-01', CADENCE)?.every, 60);
  });

  it('a customer without a tier counts as existing', () => {
    const o = contactOverdue(summary(undefined, '2026-03-01'), '2026-04-01', CADENCE);
    assert.equal(o?.every, 30);
    assert.equal(o?.tier, undefined);
    assert.equal(contactOverdue(summary(undefined, '2026-03-01'), '2026-03-31', CADENCE), undefined);
  });

  it('no open requirements, no touch at all, a cadence of 0 or a touch after today: nothing', () => {
    assert.equal(contactOverdue(summary('key', '2026-01-01', 0), '2026-06-01', CADENCE), undefined);
    assert.equal(contactOverdue(summary('key', undefined), '2026-06-01', CADENCE), undefined);
    assert.equal(contactOverdue(summary('key', '2026-01-01'), '2026-06-01', { ...CADENCE, key: 0 }), undefined);
    assert.equal(contactOverdue(summary('key', '2026-07-01'), '2026-06-01', CADENCE), undefined);
    assert.equal(contactOverdue(summary('key', '2026-01-01'), 'someday', CADENCE), undefined);
  });
});

describe('contact cadence: across records', () => {
  async function built(files: Record<string, string>, settings?: Settings) {
    const source = new MemorySource();
    for (const [file, text] of Object.entries(files)) source.set(file, text);
    const index = indexOf(settings);
    await index.build(source);
    return index;
  }

  it('each open record of an overdue customer warns, on the customer’s name; the last touch is the latest in any record', async () => {
    const a = customerRecord('REQ-2026-001', '华东制造', 'key', '2026-02-01');
    const b = customerRecord('REQ-2026-002', '华东制造 ', 'key', '2026-01-10', {
      status: 'in-progress',
      contacts: '\n  - date: 2026-02-20\n    channel: phone',
    });
    const closed = customerRecord('REQ-2026-003', '华东制造', 'key', '2026-01-05', { status: 'closed' });
    const index = await built({ 'r/a.md': a, 'r/b.md': b, 'r/c.md': closed });
    // The contact of 2026-02-20 in b.md is the last touch: 14 days later is on time, 15 is not.
    assert.deepEqual(index.overdueContacts('r/a.md', '2026-03-06'), []);
    const overdue = index.overdueContacts('r/a.md', '2026-03-07');
    assert.deepEqual(overdue, [{ key: '华东制造', name: '华东制造', tier: 'key', every: 14, last: '2026-02-20', days: 15 }]);
    assert.deepEqual(index.overdueContacts('r/b.md', '2026-03-07'), overdue);
    assert.deepEqual(index.overdueContacts('r/c.md', '2026-03-07'), [], 'a closed record is not warned');

    const problems = contactOverdueProblems(a, overdue);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, at(a, p.range), p.path, p.fixes, p.data]),
      [['customer-contact-overdue', 'warning', '7:9-7:13', ['customer', 'name'], ['log-customer-contact'], { customer: '华东制造' }]],
    );
    assert.equal(
      formatMessage(problems[0]!.code, problems[0]!.args, 'en'),
      'Last contact with 华东制造 was 15 days ago (key customers: every 14 days).',
    );
    assert.equal(
      formatMessage(problems[0]!.code, problems[0]!.args, 'zh-cn'),
      '与 华东制造 的上次沟通在 15 天前（重点客户：每 14 天沟通一次）。',
    );
  });

  it('a requester is warned on its own entry’s name, the tier being the highest any record gives', async () => {
    const text = record({
      id: 'REQ-2026-001',
      customer: '\n  name: 华东制造\n  tier: key',
      submitted: '2026-03-01',
      requesters: '\n  - oops\n  - name: Northwind\n    date: 2026-01-02',
    });
    const other = customerRecord('REQ-2026-002', 'northwind', 'new', '2026-01-01', { status: 'closed' });
    const index = await built({ 'r/a.md': text, 'r/b.md': other });
    const overdue = index.overdueContacts('r/a.md', '2026-03-05');
    assert.deepEqual(
      overdue.map((o) => [o.name, o.tier, o.every, o.days]),
      [['Northwind', 'new', 60, 62]],
    );
    const problems = contactOverdueProblems(`\uFEFF${text}`, overdue);
    assert.deepEqual(
      problems.map((p) => [at(text, p.range), p.path]),
      [['12:11-12:20', ['requesters', 1, 'name']]],
    );
    // The index kept where the names are (validation had scanned the front-matter for its problem
    // on `oops`): the publisher places the warning from them without reading the file again.
    const places = index.get('r/a.md')!.requesterPlaces;
    assert.deepEqual(
      places?.map((p) => [p.key, p.index, at(text, p.range)]),
      [
        ['华东制造', undefined, '7:9-7:13'],
        ['northwind', 1, '12:11-12:20'],
      ],
    );
    assert.deepEqual(contactOverdueProblemsAt(places!, overdue), problems);
    // A record without problems keeps them too: the scan that read its front-matter found them.
    const cleanText = record({ id: 'REQ-2026-009', customer: '\n  name: Acme', submitted: '2026-03-01' });
    const clean = await built({ 'r/c.md': cleanText });
    assert.deepEqual(clean.get('r/c.md')!.problems, []);
    assert.deepEqual(
      clean.get('r/c.md')!.requesterPlaces?.map((p) => [p.key, cleanText.slice(p.range.start, p.range.end)]),
      [['acme', 'Acme']],
    );
    // The same places through the Document (a flow mapping the line scan leaves to it).
    const flow = text.replace('  - name: Northwind\n    date: 2026-01-02', '  - { name: Northwind, date: 2026-01-02 }');
    assert.deepEqual(
      contactOverdueProblems(flow, overdue).map((p) => [at(flow, p.range), p.path]),
      [['12:13-12:22', ['requesters', 1, 'name']]],
    );
    // A customer the text no longer names gets nothing.
    assert.deepEqual(contactOverdueProblems(record({ id: 'REQ-2026-001' }), overdue), []);
  });

  it('the cadence comes from reqdesk.customers.contactEveryDays; 0 turns a tier off', async () => {
    const text = customerRecord('REQ-2026-001', 'ACME', 'existing', '2026-03-01');
    const days = async (cadence: unknown) =>
      (await built({ 'r/a.md': text }, resolveSettings({ 'reqdesk.customers.contactEveryDays': cadence }))).overdueContacts(
        'r/a.md',
        '2026-03-20',
      );
    assert.deepEqual(await days(undefined), []);
    assert.deepEqual(
      (await days({ existing: 7 })).map((o) => [o.every, o.days]),
      [[7, 19]],
    );
    assert.deepEqual(await days({ existing: 0, key: 1 }), []);
  });

  it('a contact logged in one record changes the warnings of the customer’s other records: the index says they changed', async () => {
    const a = customerRecord('REQ-2026-001', 'ACME', 'key', '2026-01-01');
    const b = customerRecord('REQ-2026-002', 'Acme', undefined, '2026-01-02');
    const other = customerRecord('REQ-2026-003', 'Northwind', 'key', '2026-01-03');
    const index = await built({ 'r/a.md': a, 'r/b.md': b, 'r/c.md': other });
    assert.equal(index.overdueContacts('r/b.md', '2026-03-01').length, 1);
    const events: IndexChange[] = [];
    index.onDidChange((c) => events.push(c));
    index.updateText('r/a.md', a.replace('submitted: 2026-01-01', 'submitted: 2026-01-01\ncontacts:\n  - date: 2026-02-25'));
    assert.deepEqual(
      events.map((e) => [...e.changed].sort()),
      [['r/a.md', 'r/b.md']],
    );
    assert.deepEqual(index.overdueContacts('r/b.md', '2026-03-01'), []);
    // An edit that leaves the customer's cadence as it was touches only its own file.
    index.updateText(
      'r/a.md',
      a.replace('submitted: 2026-01-01', 'submitted: 2026-01-01\ncontacts:\n  - date: 2026-02-25\n    summary: call'),
    );
    assert.deepEqual(events[1]!.changed, ['r/a.md']);
    // Typing elsewhere in a record leaves its customers' summaries as they were: none is made again.
    const summary = index.customer('acme');
    index.updateText('r/b.md', b.replace('## Description', '## Description\nOne more line.'));
    assert.equal(index.customer('acme'), summary);
    assert.deepEqual(events[2]!.changed, ['r/b.md']);
    // Removing the record whose contact it was brings the warning back.
    index.remove('r/a.md');
    assert.deepEqual(events[3]!.changed, ['r/b.md']);
    assert.equal(index.overdueContacts('r/b.md', '2026-03-01')[0]?.last, '2026-01-02');
  });
});

describe('contact cadence: reqdesk validate --as-of', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-cadence-'));
    mkdirSync(path.join(root, 'requirements'));
    writeFileSync(path.join(root, 'requirements', 'a.md'), customerRecord('REQ-2026-001', '华东制造', 'key', '2026-03-01'));
    writeFileSync(
      path.join(root, 'requirements', 'b.md'),
      customerRecord('REQ-2026-002', '华东制造', undefined, '2026-02-01', {
        status: 'closed',
        lessons: 'ok',
        no_feedback_reason: 'n/a',
        outcome: '\n  degree: full',
      }),
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function run(argv: string[]): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: () => undefined, cwd: root, env: {} }, new Date(2026, 2, 20));
    return { code, out: out.join('\n') };
  }

  it('shows the warning on the open record’s customer, in both languages; without --as-of nothing depends on the date', async () => {
    const r = await run(['validate', '--as-of', '2026-03-20']);
    assert.equal(
      r.out,
      'requirements/a.md:7:9: warning customer-contact-overdue Last contact with 华东制造 was 19 days ago (key customers: every 14 days).',
    );
    const zh = await run(['validate', '--as-of', '2026-03-20', '--lang', 'zh-CN']);
    assert.match(zh.out, /a\.md:7:9: warning customer-contact-overdue 与 华东制造 的上次沟通在 19 天前（重点客户：每 14 天沟通一次）。/);
    assert.equal((await run(['validate', '--as-of', '2026-03-15'])).out, '');
    assert.equal((await run(['validate'])).out, '');
  });
});

describe('contacts and requesters: validation', () => {
  const text = [
    '---',
    'id: REQ-2026-001',
    'title: T',
    'type: functional',
    'status: new',
    'customer:',
    '  name: 华东制造',
    'requesters:',
    '  - Northwind',
    '  - name: 华南物流',
    'contacts:',
    '  - channel: phone',
    '    summary: 确认导出字段',
    '  - date: 2026-03-01',
    '    customer: 华北物流',
    '  - date: 2026-03-02',
    '    customer: 华南物流 ',
    '---',
    '# T',
    '',
  ].join('\n');

  for (const careful of [false, true]) {
    it(`a contact without a date, a requester that is not a mapping, a contact with someone else: precise problems on the entry (${careful ? 'careful' : 'fast'} path)`, () => {
      const problems = analyzeRequirement(text, CTX, { careful }).problems.filter(
        (p) => p.path?.[0] === 'requesters' || p.path?.[0] === 'contacts',
      );
      assert.deepEqual(
        problems.map((p) => [p.code, p.severity, at(text, p.range), p.path]),
        [
          ['type-mismatch', 'error', '9:5-9:14', ['requesters', 0]],
          ['required-missing', 'error', '12:5-12:19', ['contacts', 0, 'date']],
          ['contact-customer-unknown', 'warning', '15:15-15:19', ['contacts', 1, 'customer']],
        ],
      );
      const [notMapping, noDate, someoneElse] = problems.map((p) => [
        formatMessage(p.code, p.args, 'en'),
        formatMessage(p.code, p.args, 'zh-cn'),
      ]);
      assert.deepEqual(notMapping, [
        '"requesters[0]" must be a mapping, not "Northwind".',
        '"requesters[0]" 应为映射，而不是"Northwind"。',
      ]);
      assert.deepEqual(noDate, ['Missing required key "date" in contacts[0].', '缺少必填字段 "date"（位于 contacts[0]）。']);
      assert.deepEqual(someoneElse, [
        'Contact with "华北物流", who is not a customer of this requirement (华东制造, 华南物流): correct the name, or add "华北物流" to requesters.',
        '沟通记录的客户 "华北物流" 不是此需求的客户（华东制造, 华南物流）：请更正名称，或将 "华北物流" 加入 requesters。',
      ]);
    });
  }

  it('a record without customers says so', () => {
    const bare = record({ contacts: '\n  - date: 2026-03-01\n    customer: ACME' });
    const p = analyzeRequirement(bare, CTX).problems.find((x) => x.code === 'contact-customer-unknown')!;
    assert.equal(
      formatMessage(p.code, p.args, 'en'),
      'Contact with "ACME", who is not a customer of this requirement (it names none): correct the name, or add "ACME" to requesters.',
    );
  });
});
