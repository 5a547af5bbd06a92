// The Requirements tree under a team schema (src/core/tree.ts): grouped by the team's own statuses
// in the team's order and named by its labels, filtered by them, and a team's records without any
// priority shown by status rather than as one "Untriaged" heap.
import assert from 'node:assert/strict';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type RequirementRecord } from '../../src/core/index';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import {
  buildTree,
  matchesFilter,
  shownGrouping,
  statusKey,
  summarize,
  teamStatusLabel,
  TreeModel,
  type RequirementSummary,
} from '../../src/core/tree';
import { record, rulesOf } from './support';

const SCHEMA = `statuses:
  proposed: { stage: new, en: Proposed, zh-cn: 已提议, aliases: [draft] }
  implementable: { stage: planned, zh-cn: 可实施 }
  implemented: delivered
  withdrawn: declined
  deferred: on-hold
checks: { off: [essentials] }
`;

const TEAM = rulesOf(SCHEMA);
const GRAMMAR = compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat);
const teamIndex = new RequirementIndex(DEFAULT_SETTINGS, GRAMMAR, undefined, TEAM);
const plainIndex = new RequirementIndex(DEFAULT_SETTINGS, GRAMMAR);
const CALENDAR = { workdays: [1, 2, 3, 4, 5], holidays: [] };
const TODAY = '2026-03-20';

const rec = (index: RequirementIndex, n: number, fields: Record<string, string>): RequirementRecord =>
  index.analyze(`r/${n}.md`, record({ id: `REQ-2026-${String(n).padStart(3, '0')}`, ...fields }));
const sum = (r: RequirementRecord): RequirementSummary => summarize(r, CALENDAR, TODAY);

/** Proposals: no priority, no scores, the team's statuses (one by its alias, one with none). */
function proposals(): RequirementSummary[] {
  return [
    rec(teamIndex, 1, { status: 'implemented' }),
    rec(teamIndex, 2, { status: 'deferred' }),
    rec(teamIndex, 3, { status: 'proposed' }),
    rec(teamIndex, 4, { status: 'draft' }),
    rec(teamIndex, 5, { status: 'implementable' }),
    rec(teamIndex, 6, { status: '' }),
  ].map(sum);
}

const shape = (tree: ReturnType<typeof buildTree>) => tree.map((g) => [g.id, g.key, g.requirements.map((s) => s.id)]);

describe('tree: a team schema', () => {
  it('a summary carries the team status and its stage', () => {
    const [implemented, , , draft] = proposals();
    assert.equal(implemented!.teamStatus, 'implemented');
    assert.equal(implemented!.status, 'delivered');
    // Written by its alias, it is the status the alias names.
    assert.equal(draft!.teamStatus, 'proposed');
    assert.equal(draft!.status, 'new');
    assert.equal(statusKey(draft!), 'proposed');
  });

  it('without a team schema a summary has no team status', () => {
    const s = sum(rec(plainIndex, 1, { status: 'planned' }));
    assert.equal('teamStatus' in s, false);
    assert.equal(statusKey(s), 'planned');
  });

  it('groups by the team status in the team order, no status last, each group with its definition', () => {
    const tree = buildTree(proposals(), 'status', {}, { team: TEAM });
    assert.deepEqual(shape(tree), [
      ['status:proposed', 'proposed', ['REQ-2026-003', 'REQ-2026-004']],
      ['status:implementable', 'implementable', ['REQ-2026-005']],
      ['status:implemented', 'implemented', ['REQ-2026-001']],
      ['status:deferred', 'deferred', ['REQ-2026-002']],
      ['status:', '', ['REQ-2026-006']],
    ]);
    assert.deepEqual(
      tree.map((g) => g.teamStatus?.stage),
      ['new', 'planned', 'delivered', 'on-hold', undefined],
    );
  });

  it('a status the team does not list comes after the listed ones and before none', () => {
    const [a, b, c] = proposals();
    const stray: RequirementSummary = { ...b!, id: 'REQ-2026-099', teamStatus: 'parked' };
    const none: RequirementSummary = { ...c!, id: 'REQ-2026-098' };
    delete none.teamStatus;
    delete none.status;
    const tree = buildTree([none, stray, a!], 'status', {}, { team: TEAM });
    assert.deepEqual(shape(tree), [
      ['status:implemented', 'implemented', ['REQ-2026-001']],
      ['status:parked', 'parked', ['REQ-2026-099']],
      ['status:', '', ['REQ-2026-098']],
    ]);
    assert.equal(tree[1]!.teamStatus, undefined);
  });

  it('a team status is named by the team label in the UI language, else by itself', () => {
    const proposed = TEAM.statuses!.get('proposed');
    const implementable = TEAM.statuses!.get('implementable');
    const implemented = TEAM.statuses!.get('implemented');
    assert.equal(teamStatusLabel('proposed', proposed, 'en'), 'Proposed');
    assert.equal(teamStatusLabel('proposed', proposed, 'zh-cn'), '已提议');
    assert.equal(teamStatusLabel('implementable', implementable, 'en'), 'implementable');
    assert.equal(teamStatusLabel('implementable', implementable, 'zh-cn'), '可实施');
    assert.equal(teamStatusLabel('implemented', implemented, 'zh-cn'), 'implemented');
    assert.equal(teamStatusLabel('parked', undefined, 'en'), 'parked');
  });

  it('the status filter matches the team status (an alias-written record too) and still the stage', () => {
    const all = proposals();
    const ids = (status: string) => all.filter((s) => matchesFilter(s, { status })).map((s) => s.id);
    assert.deepEqual(ids('proposed'), ['REQ-2026-003', 'REQ-2026-004']);
    assert.deepEqual(ids('implementable'), ['REQ-2026-005']);
    // The timeline and the matrix offer the stages.
    assert.deepEqual(ids('planned'), ['REQ-2026-005']);
    assert.deepEqual(ids('withdrawn'), []);
    assert.deepEqual(shape(buildTree(all, 'status', { status: 'deferred' }, { team: TEAM })), [
      ['status:deferred', 'deferred', ['REQ-2026-002']],
    ]);
  });

  it('a team whose records have no priority at all: the priority grouping shows them by status', () => {
    const all = proposals();
    assert.equal(shownGrouping(all, 'priority', TEAM), 'status');
    assert.deepEqual(shape(buildTree(all, 'priority', {}, { team: TEAM })), shape(buildTree(all, 'status', {}, { team: TEAM })));
    // A filter does not change the grouping: it counts every record.
    assert.equal(buildTree(all, 'priority', { status: 'withdrawn' }, { team: TEAM }).length, 0);
    // Other groupings are as asked.
    for (const grouping of ['status', 'customer', 'owner'] as const) assert.equal(shownGrouping(all, grouping, TEAM), grouping);
  });

  it('one prioritised record brings the priority grouping back', () => {
    const all = [...proposals(), sum(rec(teamIndex, 7, { status: 'proposed', priority: 'P2' }))];
    assert.equal(shownGrouping(all, 'priority', TEAM), 'priority');
    assert.deepEqual(
      buildTree(all, 'priority', {}, { team: TEAM }).map((g) => [g.id, g.count]),
      [
        ['P2', 1],
        ['untriaged', 6],
      ],
    );
  });

  it('without a team schema (or one without statuses) records without priorities stay one Untriaged group', () => {
    const plain = [rec(plainIndex, 1, { status: 'new' }), rec(plainIndex, 2, { status: 'planned' })].map(sum);
    assert.equal(shownGrouping(plain, 'priority', null), 'priority');
    assert.deepEqual(
      buildTree(plain, 'priority').map((g) => [g.id, g.count]),
      [['untriaged', 2]],
    );
    const renamesOnly = rulesOf('rename: { creation-date: submitted }\n');
    assert.equal(shownGrouping(plain, 'priority', renamesOnly), 'priority');
    assert.equal(shownGrouping([], 'priority', TEAM), 'priority');
  });

  it('the tree model groups by the team statuses and says which grouping it shows', () => {
    const model = new TreeModel({ calendar: CALENDAR, today: TODAY, team: TEAM });
    const records = [rec(teamIndex, 1, { status: 'implemented' }), rec(teamIndex, 3, { status: 'proposed' })];
    model.reset(records);
    assert.equal(model.grouping, 'priority');
    assert.equal(model.shownGrouping, 'status');
    assert.deepEqual(
      model.groups.map((g) => g.id),
      ['status:proposed', 'status:implemented'],
    );
    // A priority given: the tree changes grouping, all of it refreshed.
    const prioritised = rec(teamIndex, 3, { status: 'proposed', priority: 'P1' });
    const update = model.update([prioritised.file], [], (f) => (f === prioritised.file ? prioritised : records[0]));
    assert.equal(update.root, true);
    assert.equal(model.shownGrouping, 'priority');
    assert.deepEqual(
      model.groups.map((g) => g.id),
      ['P1', 'untriaged'],
    );
  });
});
