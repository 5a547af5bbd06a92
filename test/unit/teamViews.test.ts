// The matrix and the timeline under a team schema (src/core/viewFields.ts, filterBar.ts, matrix.ts,
// timeline.ts): what they say is missing when no record has the fields they draw from, and the
// team's statuses in their filter bar and on their cards and rows. Without a team schema nothing
// is missing and the bar offers ReqDesk's stages, as before.
import assert from 'node:assert/strict';
import { filterBar } from '../../src/core/filterBar';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type RequirementRecord } from '../../src/core/index';
import { hiddenCards, matrixModel } from '../../src/core/matrix';
import { STATUSES } from '../../src/core/schema';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { type TeamRules } from '../../src/core/teamSchema';
import { timelineModel } from '../../src/core/timeline';
import { MATRIX_FIELDS, missingMatrixFields, missingTimelineFields, TIMELINE_FIELDS } from '../../src/core/viewFields';
import { filterBarSchema } from '../../src/protocol/filterBar';
import { FILTER_TEXT } from '../support/filterText';
import { record, rulesOf } from './support';

const SCHEMA = `statuses:
  proposed: { stage: new, en: Proposed, zh-cn: 已提议 }
  implementable: { stage: planned, zh-cn: 可实施 }
  implemented: delivered
  withdrawn: declined
checks: { off: [essentials] }
`;

const TEAM = rulesOf(SCHEMA);
/** A team schema that keeps ReqDesk's statuses: the views still say what is missing. */
const RENAME_ONLY = rulesOf('rename: { creation-date: submitted }\n');
const GRAMMAR = compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat);
const teamIndex = new RequirementIndex(DEFAULT_SETTINGS, GRAMMAR, undefined, TEAM);
const plainIndex = new RequirementIndex(DEFAULT_SETTINGS, GRAMMAR);
const CALENDAR = { workdays: [1, 2, 3, 4, 5], holidays: [] };
const TODAY = '2026-03-09';

const rec = (index: RequirementIndex, n: number, fields: Record<string, string>): RequirementRecord =>
  index.analyze(`r/${n}.md`, record({ id: `REQ-2026-${String(n).padStart(3, '0')}`, ...fields }));
const scores = (importance?: number, urgency?: number): string =>
  `\n${importance !== undefined ? `  importance: ${importance}\n` : ''}${urgency !== undefined ? `  urgency: ${urgency}` : ''}`;
const TASKS = '\n  - id: T1\n    title: Draft\n    start: 2026-03-02\n    days: 2';

/** Proposals as a team writes them: its statuses, no scores, no tasks. */
const proposals = (index: RequirementIndex): RequirementRecord[] => [
  rec(index, 1, { status: 'proposed' }),
  rec(index, 2, { status: 'implementable' }),
  rec(index, 3, { status: 'implemented' }),
];

describe('matrix and timeline under a team schema', () => {
  describe('what the matrix is missing', () => {
    const cards = (records: RequirementRecord[]) => matrixModel(records, 4).cards;

    it('names both scores when no record has either, and says which key a team key can be renamed to', () => {
      assert.deepEqual(missingMatrixFields(cards(proposals(teamIndex)), TEAM), { fields: [...MATRIX_FIELDS], renameTo: 'scores' });
      assert.deepEqual(missingMatrixFields([], TEAM), { fields: [...MATRIX_FIELDS], renameTo: 'scores' });
      // A team schema without statuses of its own is a team schema all the same.
      assert.deepEqual(missingMatrixFields(cards(proposals(teamIndex)), RENAME_ONLY)?.fields, [...MATRIX_FIELDS]);
    });

    it('names only the score no record has; both when each is on a record but never together', () => {
      const importanceOnly = [...proposals(teamIndex), rec(teamIndex, 4, { status: 'proposed', scores: scores(4) })];
      assert.deepEqual(missingMatrixFields(cards(importanceOnly), TEAM)?.fields, ['scores.urgency']);
      const urgencyOnly = [...proposals(teamIndex), rec(teamIndex, 5, { status: 'proposed', scores: scores(undefined, 2) })];
      assert.deepEqual(missingMatrixFields(cards(urgencyOnly), TEAM)?.fields, ['scores.importance']);
      const apart = [...importanceOnly, rec(teamIndex, 5, { status: 'proposed', scores: scores(undefined, 2) })];
      assert.deepEqual(missingMatrixFields(cards(apart), TEAM)?.fields, [...MATRIX_FIELDS]);
    });

    it('is missing nothing once one record has both scores: the others stay unscored', () => {
      const mixed = [...proposals(teamIndex), rec(teamIndex, 4, { status: 'proposed', scores: scores(4, 2) })];
      assert.equal(missingMatrixFields(cards(mixed), TEAM), undefined);
    });

    it('is missing nothing without a team schema, scored or not', () => {
      assert.equal(missingMatrixFields(cards(proposals(plainIndex)), null), undefined);
      assert.equal(missingMatrixFields(cards(proposals(plainIndex)), undefined), undefined);
      assert.equal(missingMatrixFields([], null), undefined);
    });
  });

  describe('what the timeline is missing', () => {
    it('names the task fields when no record has a task, and the key a team key can be renamed to', () => {
      assert.deepEqual(missingTimelineFields(proposals(teamIndex), TEAM), { fields: [...TIMELINE_FIELDS], renameTo: 'tasks' });
      assert.deepEqual(missingTimelineFields([], TEAM)?.fields, [...TIMELINE_FIELDS]);
      assert.deepEqual([...TIMELINE_FIELDS], ['tasks[].id', 'tasks[].title', 'tasks[].start', 'tasks[].depends', 'tasks[].days']);
    });

    it('is missing nothing once one record has tasks, even tasks it cannot date (their problems say why)', () => {
      const dated = [...proposals(teamIndex), rec(teamIndex, 4, { status: 'implementable', tasks: TASKS })];
      assert.equal(missingTimelineFields(dated, TEAM), undefined);
      const undated = [...proposals(teamIndex), rec(teamIndex, 5, { status: 'implementable', tasks: '\n  - id: T1\n    title: Draft' })];
      assert.equal(missingTimelineFields(undated, TEAM), undefined);
      assert.equal(timelineModel(undated, TODAY, CALENDAR).unscheduled[0]?.problem, 'no-schedule');
    });

    it('is missing nothing without a team schema', () => {
      assert.equal(missingTimelineFields(proposals(plainIndex), null), undefined);
    });
  });

  describe('team statuses in the filter bar', () => {
    const statusField = (language: string, team?: TeamRules | null) =>
      filterBar({ customers: [], owners: [] }, FILTER_TEXT, language, team)[1]!;

    it('offers the team statuses in the team order, named by the team labels for the UI language', () => {
      const en = statusField('en', TEAM);
      assert.equal(en.key, 'status');
      assert.deepEqual(en.options, [
        { value: 'proposed', label: 'Proposed' },
        { value: 'implementable', label: 'implementable' },
        { value: 'implemented', label: 'implemented' },
        { value: 'withdrawn', label: 'withdrawn' },
      ]);
      assert.deepEqual(
        statusField('zh-cn', TEAM).options.map((o) => o.label),
        ['已提议', '可实施', 'implemented', 'withdrawn'],
      );
      assert.ok(filterBarSchema.safeParse(filterBar({ customers: [], owners: [] }, FILTER_TEXT, 'zh-cn', TEAM)).success);
    });

    it('offers ReqDesk’s stages without a team schema, or with one that keeps them', () => {
      const stages = Object.keys(STATUSES);
      assert.deepEqual(statusField('en', null), statusField('en'));
      assert.deepEqual(
        statusField('en', null).options.map((o) => o.value),
        stages,
      );
      assert.deepEqual(statusField('zh-cn', RENAME_ONLY), statusField('zh-cn'));
    });
  });

  describe('team statuses on cards and rows', () => {
    const examples = (): RequirementRecord[] => [
      ...proposals(teamIndex),
      // A record of ReqDesk's own, scored and planned, whose status the team does not list.
      rec(teamIndex, 7, { status: 'in-progress', scores: scores(5, 5), tasks: TASKS }),
      rec(teamIndex, 8, { status: 'implementable', scores: scores(4, 2), tasks: TASKS }),
    ];

    it('the matrix filter by a team status shows the cards of that status only', () => {
      const model = matrixModel(examples(), 4);
      const byFile = new Map(model.cards.map((c) => [c.file, c]));
      assert.equal(byFile.get('r/2.md')?.teamStatus, 'implementable');
      assert.equal(byFile.get('r/2.md')?.status, 'planned');
      // The status the team does not list is an error: no team status, no stage.
      assert.equal(byFile.get('r/7.md')?.teamStatus, undefined);
      const shown = (status: string) =>
        model.cards.map((c) => c.file).filter((file) => !hiddenCards(model.cards, { status }).includes(file));
      assert.deepEqual(shown('implementable'), ['r/2.md', 'r/8.md']);
      assert.deepEqual(shown('proposed'), ['r/1.md']);
      assert.deepEqual(shown('withdrawn'), []);
      assert.equal(missingMatrixFields(model.cards, TEAM), undefined);
    });

    it('the timeline keeps the team status on its rows and filters by it', () => {
      const all = timelineModel(examples(), TODAY, CALENDAR);
      assert.deepEqual(
        all.rows.map((r) => [r.file, r.teamStatus]),
        [
          ['r/7.md', undefined],
          ['r/8.md', 'implementable'],
        ],
      );
      const implementable = timelineModel(examples(), TODAY, CALENDAR, { status: 'implementable' });
      assert.deepEqual(
        implementable.rows.map((r) => r.file),
        ['r/8.md'],
      );
      assert.deepEqual(timelineModel(examples(), TODAY, CALENDAR, { status: 'proposed' }).rows, []);
    });

    it('cards and rows carry no team status without a team schema', () => {
      const plain = [rec(plainIndex, 9, { status: 'planned', scores: scores(4, 4), tasks: TASKS })];
      assert.ok(matrixModel(plain, 4).cards.every((c) => !('teamStatus' in c)));
      assert.ok(timelineModel(plain, TODAY, CALENDAR).rows.every((r) => !('teamStatus' in r)));
    });
  });
});
