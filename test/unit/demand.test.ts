// Demand in priority (src/core/demand.ts): how many customers asked and which tiers, the optional
// rule reqdesk.priority.demand that raises importance for the derived priority, its hint and quick
// fix, and what `reqdesk list` shows of it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { DEMAND_OFF, demandImportance, demandOf, demandRaise, demandText, type DemandRule } from '../../src/core/demand';
import { applyTextEdits } from '../../src/core/edits';
import { fixesFor } from '../../src/core/fixes';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { localizeLater } from '../../src/core/l10n';
import { matrixCard } from '../../src/core/matrix';
import { formatMessage } from '../../src/core/messages';
import { matrixCardSchema } from '../../src/protocol/matrix';
import { DEFAULT_SETTINGS, resolveSettings, type Settings, type SettingsWarning } from '../../src/core/settings';
import { analyzeRequirement } from '../../src/core/validate';
import { at, contextFor, record } from './support';

const KEY: DemandRule = { keyAccountRaisesImportance: true, requestersForRaise: 0 };
const THREE: DemandRule = { keyAccountRaisesImportance: false, requestersForRaise: 3 };

const three = {
  customer: { name: '华东制造', tier: 'existing' as const },
  requesters: [{ name: 'Northwind', tier: 'new' as const }, { name: '华南物流' }],
};

describe('demand: who asked', () => {
  it('counts the customers and their tiers, key accounts by name', () => {
    assert.deepEqual(demandOf(three), { customers: 3, tiers: { key: 0, existing: 1, new: 1, none: 1 }, keyAccounts: [] });
    assert.deepEqual(demandOf({ customer: { name: 'ACME', tier: 'key' } }), {
      customers: 1,
      tiers: { key: 1, existing: 0, new: 0, none: 0 },
      keyAccounts: ['ACME'],
    });
    assert.deepEqual(demandOf({}).customers, 0);
  });

  it('reads short in a table cell, in both languages', () => {
    assert.equal(demandText(demandOf(three), 'en'), '3 (existing 1, new 1)');
    assert.equal(demandText(demandOf(three), 'zh-cn'), '3（老客户 1，新客户 1）');
    assert.equal(demandText(demandOf({ customer: { name: 'ACME' } }), 'en'), '1');
    assert.equal(demandText(demandOf({}), 'en'), '');
  });
});

describe('demand: the rule', () => {
  it('off by default: importance as written', () => {
    assert.equal(demandImportance({ ...three, scores: { importance: 3 } }, DEMAND_OFF), 3);
    assert.equal(demandRaise({ ...three, scores: { importance: 3, urgency: 5 } }, DEMAND_OFF, 4), undefined);
  });

  it('a key account raises importance by one, at most 5', () => {
    const key = { customer: { name: 'ACME', tier: 'key' as const } };
    assert.equal(demandImportance({ ...key, scores: { importance: 3 } }, KEY), 4);
    assert.equal(demandImportance({ ...key, scores: { importance: 5 } }, KEY), 5);
    assert.equal(demandImportance({ ...three, scores: { importance: 3 } }, KEY), 3, 'no key account among them');
    assert.equal(demandImportance({ ...key }, KEY), undefined, 'unscored stays unscored');
    assert.deepEqual(demandRaise({ ...key, scores: { importance: 3, urgency: 5 } }, KEY, 4), {
      from: 3,
      to: 4,
      reason: { kind: 'key-account', name: 'ACME' },
      scoresPriority: 'P2',
      derived: 'P1',
    });
  });

  it('N customers or more raise it; fewer do not', () => {
    assert.equal(demandImportance({ ...three, scores: { importance: 2 } }, THREE), 3);
    assert.equal(demandImportance({ ...three, requesters: three.requesters.slice(1), scores: { importance: 2 } }, THREE), 2);
  });

  it('a raise that leaves the priority as it was is no raise to show', () => {
    // 4 → 5 with the threshold at 4: high either way.
    assert.equal(demandRaise({ ...three, scores: { importance: 4, urgency: 5 } }, THREE, 4), undefined);
    assert.equal(demandRaise({ ...three, scores: { importance: 3 } }, THREE, 4), undefined, 'urgency unscored');
  });
});

describe('demand: settings', () => {
  it('reqdesk.priority.demand: parts left out are off; a wrong shape warns and stays off', () => {
    assert.deepEqual(resolveSettings({}).demand, DEMAND_OFF);
    assert.deepEqual(resolveSettings({ 'reqdesk.priority.demand': { requestersForRaise: 3 } }).demand, THREE);
    for (const bad of [
      true,
      { keyAccountRaisesImportance: 'yes' },
      { requestersForRaise: -1 },
      { requestersForRaise: 2.5 },
      { other: 1 },
    ]) {
      const warnings: SettingsWarning[] = [];
      assert.deepEqual(resolveSettings({ 'reqdesk.priority.demand': bad }, warnings).demand, DEMAND_OFF, JSON.stringify(bad));
      assert.deepEqual(
        warnings.map((w) => w.key),
        ['reqdesk.priority.demand'],
      );
      assert.match(localizeLater('en', warnings[0]!.text), /keyAccountRaisesImportance \(true or false\).*using the default \(off\)/);
      assert.match(localizeLater('zh-cn', warnings[0]!.text), /已改用默认值（关闭）/);
    }
  });

  it('reqdesk.customers.contactEveryDays: tiers left out keep their default; a wrong shape warns', () => {
    assert.deepEqual(DEFAULT_SETTINGS.contactEveryDays, { key: 14, existing: 30, new: 60 });
    assert.deepEqual(resolveSettings({ 'reqdesk.customers.contactEveryDays': { key: 7, new: 0 } }).contactEveryDays, {
      key: 7,
      existing: 30,
      new: 0,
    });
    for (const bad of [14, { key: -1 }, { key: 1.5 }, { vip: 7 }, { key: '7' }, { key: 4000 }]) {
      const warnings: SettingsWarning[] = [];
      assert.deepEqual(resolveSettings({ 'reqdesk.customers.contactEveryDays': bad }, warnings).contactEveryDays, {
        key: 14,
        existing: 30,
        new: 60,
      });
      assert.equal(warnings.length, 1, JSON.stringify(bad));
      assert.match(localizeLater('en', warnings[0]!.text), /Setting reqdesk\.customers\.contactEveryDays must map the tiers/);
    }
  });
});

describe('demand: the derived priority, its hint and its quick fix', () => {
  const settings: Settings = resolveSettings({ 'reqdesk.priority.demand': { keyAccountRaisesImportance: true } });
  const ctx = contextFor(settings);
  const text = record({
    customer: '\n  name: 华东制造\n  tier: key',
    scores: '\n  importance: 3\n  urgency: 5',
  });
  const newIndex = (s: Settings) => new RequirementIndex(s, compileIdGrammar(s.idPrefixes, s.idFormat));

  it('the index derives P1 from importance 3 raised to 4, and says so; off, the scores give P2', () => {
    const on = newIndex(settings).analyze('r/a.md', text);
    assert.deepEqual([on.priority, on.derivedPriority, on.raisedByDemand], ['P1', 'P1', true]);
    const off = newIndex(DEFAULT_SETTINGS).analyze('r/a.md', text);
    assert.deepEqual([off.priority, off.derivedPriority, off.raisedByDemand], ['P2', 'P2', undefined]);
    // A stored priority is the triage's own: the record does not say raised.
    const stored = newIndex(settings).analyze('r/b.md', text.replace('scores:', 'priority: P1\nscores:'));
    assert.equal(stored.raisedByDemand, undefined);
    // The matrix card carries who asked and the raise, for its tooltip, and passes the protocol.
    const card = matrixCard(on);
    assert.deepEqual([card.demand, card.raisedByDemand], [{ customers: 1, key: 1, existing: 0, new: 0 }, true]);
    assert.deepEqual(matrixCardSchema.parse(card), card);
    assert.equal(matrixCard(newIndex(DEFAULT_SETTINGS).analyze('r/c.md', record({}))).demand, undefined);
  });

  for (const careful of [false, true]) {
    it(`a hint on scores.importance, in both languages, with a fix that writes the raised value (${careful ? 'careful' : 'fast'} path)`, () => {
      const problems = analyzeRequirement(text, ctx, { careful }).problems;
      assert.deepEqual(
        problems.map((p) => [p.code, p.severity, at(text, p.range), p.fixes, p.data]),
        [['importance-raised-by-demand', 'hint', '10:15-10:16', ['write-raised-importance'], { importance: '4' }]],
      );
      const p = problems[0]!;
      assert.equal(
        formatMessage(p.code, p.args, 'en'),
        'Raised by demand: importance 3 counts as 4, so the derived priority is P1 (asked for by the key account 华东制造; reqdesk.priority.demand).',
      );
      assert.equal(
        formatMessage(p.code, p.args, 'zh-cn'),
        '因需求方而提升：重要性 3 按 4 计，推导优先级为 P1（重点客户 华东制造 提出了此需求；reqdesk.priority.demand）。',
      );
      const [fix] = fixesFor(text, p, { keepAliases: false });
      assert.equal(localizeLater('en', fix!.title), 'Write importance 4 (raised by demand)');
      const fixed = applyTextEdits(text, fix!.edits);
      assert.equal(fixed, text.replace('importance: 3', 'importance: 4'));
      // Written, the raise no longer changes the priority: no hint, nothing more to offer.
      assert.deepEqual(analyzeRequirement(fixed, ctx, { careful }).problems, []);
    });
  }

  it('without the rule there is no hint, and the file’s stored priority is checked against the raised importance', () => {
    assert.deepEqual(analyzeRequirement(text, contextFor(DEFAULT_SETTINGS)).problems, []);
    const stored = text.replace('scores:', 'priority: P2\nscores:');
    const mismatch = analyzeRequirement(stored, ctx).problems.find((p) => p.code === 'priority-mismatch')!;
    assert.equal(
      formatMessage(mismatch.code, mismatch.args, 'en'),
      'Stored priority P2 disagrees with the scores (importance 3→4, urgency 5 → P1). Fix it, or say why in priority_reason.',
    );
  });
});

describe('demand: reqdesk list', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-demand-'));
    mkdirSync(path.join(root, 'requirements'));
    mkdirSync(path.join(root, '.vscode'));
    const write = (name: string, fields: Record<string, string>) => writeFileSync(path.join(root, 'requirements', name), record(fields));
    write('a.md', {
      id: 'REQ-2026-001',
      customer: '\n  name: 华东制造\n  tier: key',
      requesters: '\n  - name: Northwind\n    tier: new\n  - name: 华南物流',
      scores: '\n  importance: 3\n  urgency: 5',
    });
    write('b.md', { id: 'REQ-2026-002', customer: '\n  name: ACME', scores: '\n  importance: 2\n  urgency: 2' });
    write('c.md', { id: 'REQ-2026-003' });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function list(...args: string[]): Promise<string> {
    const out: string[] = [];
    await runCli(['list', ...args], { out: (t) => out.push(t), err: () => undefined, cwd: root, env: {} }, new Date(2026, 2, 20));
    return out.join('\n');
  }

  it('JSON: how many customers asked, of which tiers, and whether demand raised the priority', async () => {
    const rows = JSON.parse(await list('--format', 'json')) as Array<Record<string, unknown>>;
    assert.deepEqual(
      rows.map((r) => [r.id, r.priority, r.raisedByDemand, r.customers, r.tiers]),
      [
        ['REQ-2026-001', 'P2', false, 3, { key: 1, existing: 0, new: 1, none: 1 }],
        ['REQ-2026-002', 'P3', false, 1, { key: 0, existing: 0, new: 0, none: 1 }],
        ['REQ-2026-003', '', false, 0, { key: 0, existing: 0, new: 0, none: 0 }],
      ],
    );
    writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "reqdesk.priority.demand": { "keyAccountRaisesImportance": true } }');
    try {
      const raised = JSON.parse(await list('--format', 'json')) as Array<Record<string, unknown>>;
      assert.deepEqual(
        raised.map((r) => [r.id, r.priority, r.raisedByDemand]),
        [
          ['REQ-2026-001', 'P1', true],
          ['REQ-2026-002', 'P3', false],
          ['REQ-2026-003', '', false],
        ],
      );
      // The table marks the raised priority and says who asked; the file is never touched.
      const table = await list('--priority', 'P1');
      assert.match(table.split('\n')[0]!, /^ID\s+PRIORITY\s+RANK\s+TYPE\s+STATUS\s+TITLE\s+CUSTOMER\s+CUSTOMERS\s+TASKS\s+RANKED BY$/);
      assert.match(table.split('\n')[1]!, /^REQ-2026-001\s+P1↑\s+1\s+functional\s+new\s+.*\s+华东制造\s+3 \(key 1, new 1\)\s*$/);
      assert.match(await list('--priority', 'P1', '--lang', 'zh-CN'), /3（高价值客户 1，新客户 1）/);
      assert.doesNotMatch(readFileSync(path.join(root, 'requirements', 'a.md'), 'utf8'), /importance: 4/);
    } finally {
      rmSync(path.join(root, '.vscode', 'settings.json'));
    }
  });

  it('--customer finds a requirement by any customer who asked, however it is spelt; CSV keeps its columns', async () => {
    const rows = JSON.parse(await list('--format', 'json', '--customer', 'northwind')) as Array<Record<string, unknown>>;
    assert.deepEqual(
      rows.map((r) => r.id),
      ['REQ-2026-001'],
    );
    assert.equal((await list('--format', 'csv')).split('\r\n')[0], 'id,priority,rank,type,status,title,customer,owner,tasks,file,rankBy');
  });
});
