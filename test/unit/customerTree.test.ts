// The Requirements tree grouped by customer (src/core/tree.ts): a requirement under each customer
// who asked for it, and what each customer's group says of them.
import assert from 'node:assert/strict';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type RequirementRecord } from '../../src/core/index';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { buildTree, summarize, TreeModel, type RequirementSummary } from '../../src/core/tree';
import { record } from './support';

const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
const CALENDAR = { workdays: [1, 2, 3, 4, 5], holidays: [] };
const TODAY = '2026-03-20';
const CADENCE = DEFAULT_SETTINGS.contactEveryDays;

const rec = (file: string, fields: Record<string, string>): RequirementRecord => index.analyze(file, record(fields));
const sum = (r: RequirementRecord): RequirementSummary => summarize(r, CALENDAR, TODAY);

function sample(): RequirementRecord[] {
  return [
    // Three customers asked; the first is a key account.
    rec('r/export.md', {
      id: 'REQ-2026-001',
      status: 'in-progress',
      customer: '\n  name: 华东制造\n  tier: key',
      submitted: '2026-02-01',
      requesters: '\n  - name: Northwind\n    tier: new\n    date: 2026-02-10\n  - name: 华南物流',
      contacts: '\n  - date: 2026-03-01\n    channel: phone',
      milestones: '\n  planned_done: 2026-03-10',
    }),
    // The same customer spelt another way, closed.
    rec('r/closed.md', { id: 'REQ-2026-002', status: 'closed', customer: '\n  name: 华东制造 ', submitted: '2026-01-05' }),
    rec('r/nw.md', { id: 'REQ-2026-003', status: 'new', customer: '\n  name: NORTHWIND', submitted: '2026-01-20' }),
    rec('r/nw2.md', { id: 'REQ-2026-004', status: 'planned', customer: '\n  name: Northwind' }),
    rec('r/none.md', { id: 'REQ-2026-005' }),
  ];
}

describe('tree: grouped by customer', () => {
  it('a requirement with several requesters appears under each of them; no customer last', () => {
    const tree = buildTree(sample().map(sum), 'customer', {}, { today: TODAY, cadence: CADENCE });
    assert.deepEqual(
      tree.map((g) => [g.id, g.key, g.requirements.map((s) => s.id)]),
      [
        ['customer:Northwind', 'Northwind', ['REQ-2026-001', 'REQ-2026-003', 'REQ-2026-004']],
        ['customer:华东制造', '华东制造', ['REQ-2026-001', 'REQ-2026-002']],
        ['customer:华南物流', '华南物流', ['REQ-2026-001']],
        ['customer:', '', ['REQ-2026-005']],
      ],
    );
  });

  it('each group counts open requirements and broken promises, with the highest tier and the last contact', () => {
    const tree = buildTree(sample().map(sum), 'customer', {}, { today: TODAY, cadence: CADENCE });
    const info = Object.fromEntries(tree.map((g) => [g.key, g.customer]));
    // 华东制造: key (from the export), one open of two, the call of 2026-03-01 19 days ago — over the
    // key accounts' 14 days; the export's delivery date passed: one broken promise.
    assert.deepEqual(info['华东制造'], {
      tier: 'key',
      open: 1,
      lastContact: '2026-03-01',
      daysSince: 19,
      contactOverdue: { every: 14 },
      brokenPromises: 1,
    });
    // Northwind: new (60 days), its request of 2026-02-10 is its last touch.
    assert.deepEqual(info['Northwind'], { tier: 'new', open: 3, lastContact: '2026-02-10', daysSince: 38, brokenPromises: 1 });
    // 华南物流: never touched (no date of its own).
    assert.deepEqual(info['华南物流'], { open: 1, brokenPromises: 1 });
    assert.equal(info[''], undefined);
  });

  it('the figures need no date: without today there are no days', () => {
    const tree = buildTree(sample().map(sum), 'customer');
    assert.deepEqual(tree[1]!.customer, { tier: 'key', open: 1, lastContact: '2026-03-01', brokenPromises: 1 });
  });

  it('a filter by customer keeps every record that customer asked for, whatever its place among the requesters', () => {
    const tree = buildTree(sample().map(sum), 'priority', { customer: 'northwind' });
    const ids = tree.flatMap((g) => g.children.flatMap((c) => c.requirements.map((s) => s.id))).sort();
    assert.deepEqual(ids, ['REQ-2026-001', 'REQ-2026-003', 'REQ-2026-004']);
  });

  it('the model refreshes a customer group when a contact changes its figures, though its members stay', () => {
    const records = new Map(sample().map((r) => [r.file, r]));
    const model = new TreeModel({ calendar: CALENDAR, today: TODAY, contactCadence: CADENCE, grouping: 'customer' });
    model.reset(records.values());
    const file = 'r/closed.md';
    records.set(
      file,
      index.analyze(
        file,
        record({ id: 'REQ-2026-002', status: 'closed', customer: '\n  name: 华东制造 ', contacts: '\n  - date: 2026-03-19' }),
      ),
    );
    const update = model.update([file], [], (f) => records.get(f));
    assert.equal(update.root, false);
    assert.deepEqual(update.groups, ['customer:华东制造']);
    assert.equal(model.groups.find((g) => g.key === '华东制造')!.customer!.daysSince, 1);
  });
});
