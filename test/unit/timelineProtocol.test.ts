import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { filterBar } from '../../src/core/filterBar';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { timelineDiff, timelineModel } from '../../src/core/timeline';
import { barCounts, pageFrom } from '../../src/core/timelinePages';
import { MAX_ROWS_ASKED, fromTimelineSchema, toTimelineSchema } from '../../src/protocol/timeline';
import {
  assertAcceptsAll,
  assertAcceptsExactlyTheValid,
  assertRefusesAll,
  labelledMessages,
  oneSpoiler,
  sharedSpoilers,
  spoil,
  type Labelled,
  type Message,
} from './protocolCases';
import { FILTER_TEXT } from '../support/filterText';
import { record } from './support';

const INTENTS = ['ready', 'openTask', 'moveBar', 'resizeBar', 'zoom', 'filter', 'needRows'];

// ── generated messages: the intents the webview sends, and near misses the host must refuse ──

/** Days in a month of the proleptic Gregorian calendar, written out here rather than asked of the code under test. */
function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const year = fc.integer({ min: 1000, max: 9999 });
/** A real day: any day of any month, leap days included (2000 and 2028 are leap years, 1900 and 2100 are not). */
const calendarDay = fc.oneof(
  fc
    .tuple(year, fc.integer({ min: 1, max: 12 }))
    .chain(([y, m]) => fc.integer({ min: 1, max: daysIn(y, m) }).map((d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`)),
  fc.constantFrom('2000-02-29', '2028-02-29', '2026-12-31', '2026-01-01', '9999-12-31'),
);
/** Well formed but not a day: the 30th of February, the 29th in a common year, month 13 or 0, day 0 or 32. */
const notACalendarDay = fc.oneof(
  fc
    .tuple(year, fc.integer({ min: 1, max: 12 }))
    .chain(([y, m]) => fc.integer({ min: daysIn(y, m) + 1, max: 99 }).map((d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`)),
  fc.tuple(year, fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${pad(y, 4)}-${pad(m)}-00`),
  fc.tuple(year, fc.integer({ min: 1, max: 28 })).map(([y, d]) => `${pad(y, 4)}-00-${pad(d)}`),
  fc.constantFrom('1900-02-29', '2100-02-29', '2026-02-29', '2026-02-30', '2026-04-31'),
);
/** Not the YYYY-MM-DD form at all. */
const badDate = fc.oneof(
  calendarDay.map((d) => `${d}T00:00`),
  calendarDay.map((d) => `${d}\n`),
  calendarDay.map((d) => ` ${d}`),
  calendarDay.map((d) => d.replace(/-0(\d)/g, '-$1')).filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d)),
  calendarDay.map((d) => d.replace(/-/g, '/')),
  calendarDay.map((d) => d.slice(2)),
  calendarDay.map((d) => d.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
  fc.constantFrom('', 'today', '2026-03', 20260301),
);
const file = fc.string({ minLength: 1, maxLength: 12 });
const taskId = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 190, maxLength: 200 }));
const days = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 100_000 }));
const ZOOMS = ['day', 'week', 'month'] as const;
const FILTER_LIMITS = { type: 200, status: 200, customer: 1000, owner: 1000 } as const;
const filterValue = (max: number) => fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: max - 2, maxLength: max }));
const validFilter = fc.record(
  { type: filterValue(200), status: filterValue(200), customer: filterValue(1000), owner: filterValue(1000) },
  { requiredKeys: [] },
);
/** A range of 1 to MAX_ROWS_ASKED rows, near the start or far down a long timeline. */
const rowRange = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 9_000_000 })), fc.integer({ min: 1, max: MAX_ROWS_ASKED }))
  .map(([from, n]) => ({ from, to: from + n }));
const validIntent: fc.Arbitrary<Message> = fc.oneof(
  fc.constant({ type: 'ready' }),
  fc.record({ type: fc.constant('openTask'), file, taskId }),
  fc.record({ type: fc.constant('moveBar'), file, taskId, start: calendarDay }),
  fc.record({ type: fc.constant('resizeBar'), file, taskId, days }),
  fc.record({ type: fc.constant('zoom'), zoom: fc.constantFrom(...ZOOMS) }),
  fc.record({ type: fc.constant('hideFinished'), hide: fc.boolean() }),
  fc.record({ type: fc.constant('filter'), filter: validFilter }),
  rowRange.map((range) => ({ type: 'needRows', ...range })),
);
const REQUIRED: Record<string, string[]> = {
  ready: ['type'],
  openTask: ['type', 'file', 'taskId'],
  moveBar: ['type', 'file', 'taskId', 'start'],
  resizeBar: ['type', 'file', 'taskId', 'days'],
  zoom: ['type', 'zoom'],
  hideFinished: ['type', 'hide'],
  filter: ['type', 'filter'],
  needRows: ['type', 'from', 'to'],
};

/** One way to spoil a valid message, chosen among those that apply to its intent. */
function nearMiss(message: Message): fc.Arbitrary<Labelled> {
  const type = String(message.type);
  const own: Array<fc.Arbitrary<Labelled>> = [];
  if ('file' in message) {
    own.push(fc.constant(spoil('empty file', { ...message, file: '' })));
    own.push(fc.constantFrom<unknown>(1, null, ['a.md']).map((f) => spoil('file not text', { ...message, file: f })));
  }
  if ('taskId' in message) {
    own.push(fc.constantFrom<unknown>('', 'T'.repeat(201), 1, null).map((t) => spoil('bad task ID', { ...message, taskId: t })));
  }
  if (type === 'moveBar') {
    own.push(notACalendarDay.map((d) => spoil('not a calendar day', { ...message, start: d })));
    own.push(badDate.map((d) => spoil('bad date', { ...message, start: d })));
  }
  if (type === 'resizeBar') {
    own.push(
      fc
        .constantFrom<unknown>(-1, -30, 1.5, 0.1, 100_001, Number.NaN, Number.POSITIVE_INFINITY, '3', null)
        .map((d) => spoil('bad days', { ...message, days: d })),
    );
  }
  if (type === 'zoom')
    own.push(fc.constantFrom<unknown>('year', 'Day', 'WEEK', '', 'days', 1, null).map((z) => spoil('bad zoom', { ...message, zoom: z })));
  if (type === 'hideFinished')
    own.push(fc.constantFrom<unknown>('true', 1, 0, null, 'yes').map((h) => spoil('hide not a boolean', { ...message, hide: h })));
  if (type === 'needRows') {
    const from = message.from as number;
    const to = message.to as number;
    own.push(fc.constant(spoil('empty or reversed range', { ...message, to: from })));
    own.push(fc.integer({ min: 0, max: from }).map((t) => spoil('empty or reversed range', { ...message, to: t })));
    own.push(fc.constant(spoil('too many rows', { ...message, to: from + MAX_ROWS_ASKED + 1 })));
    own.push(
      fc.constantFrom<unknown>(-1, 0.5, Number.NaN, '3', null, 10_000_001).map((f) => spoil('bad row index', { ...message, from: f })),
    );
    own.push(
      fc
        .constantFrom<unknown>(-1, to + 0.5, Number.POSITIVE_INFINITY, String(to), null)
        .map((t) => spoil('bad row index', { ...message, to: t })),
    );
  }
  if (type === 'filter') {
    const keys = Object.keys(FILTER_LIMITS) as Array<keyof typeof FILTER_LIMITS>;
    own.push(fc.constantFrom<unknown>(null, 'business', [], 3).map((f) => spoil('filter not an object', { ...message, filter: f })));
    own.push(
      fc
        .tuple(fc.constantFrom(...keys), fc.constantFrom<unknown>(3, true, null, ['a']))
        .map(([k, v]) => spoil('filter value not text', { ...message, filter: { ...(message.filter as Message), [k]: v } })),
    );
    own.push(
      fc
        .constantFrom(...keys)
        .chain((k) =>
          fc
            .string({ minLength: FILTER_LIMITS[k] + 1, maxLength: FILTER_LIMITS[k] + 3 })
            .map((v) => spoil('filter value too long', { ...message, filter: { ...(message.filter as Message), [k]: v } })),
        ),
    );
  }
  return oneSpoiler(sharedSpoilers(message, REQUIRED, ['movebar', 'move', 'edit', 'open', '', 'init', 'rows', 'focus', 'moveCard']), own);
}

const timelineMessage = labelledMessages(validIntent, ['extra', 'edit', 'end', 'constructor'], nearMiss);

describe('timeline: protocol', () => {
  it('accepts the intents the webview sends', () => {
    assertAcceptsAll(fromTimelineSchema, [
      { type: 'ready' },
      { type: 'openTask', file: 'file:///a.md', taskId: 'T1' },
      { type: 'moveBar', file: 'file:///a.md', taskId: 'T1', start: '2026-02-28' },
      { type: 'moveBar', file: 'file:///a.md', taskId: 'T1', start: '2028-02-29' },
      { type: 'resizeBar', file: 'file:///a.md', taskId: 'T1', days: 0 },
      { type: 'resizeBar', file: 'file:///a.md', taskId: 'T1', days: 12 },
      { type: 'zoom', zoom: 'day' },
      { type: 'zoom', zoom: 'month' },
      { type: 'filter', filter: {} },
      { type: 'filter', filter: { type: 'business', owner: '张三' } },
      { type: 'needRows', from: 0, to: 1 },
      { type: 'needRows', from: 120, to: 120 + MAX_ROWS_ASKED },
    ]);
  });

  it('refuses anything else: bad dates, negative or fractional days, unknown zooms, wrong shapes', () => {
    assertRefusesAll(fromTimelineSchema, [
      { type: 'moveBar', file: 'a', taskId: 'T1', start: '2026-02-30' },
      { type: 'moveBar', file: 'a', taskId: 'T1', start: '2026-13-01' },
      { type: 'moveBar', file: 'a', taskId: 'T1', start: '2026-3-1' },
      { type: 'moveBar', file: 'a', taskId: 'T1', start: '2026-03-01T00:00' },
      { type: 'moveBar', file: 'a', taskId: 'T1' },
      { type: 'moveBar', file: 'a', start: '2026-03-02' },
      { type: 'moveBar', file: '', taskId: 'T1', start: '2026-03-02' },
      { type: 'resizeBar', file: 'a', taskId: 'T1', days: -1 },
      { type: 'resizeBar', file: 'a', taskId: 'T1', days: 1.5 },
      { type: 'resizeBar', file: 'a', taskId: 'T1', days: '3' },
      { type: 'openTask', file: 'a' },
      { type: 'zoom', zoom: 'year' },
      { type: 'filter', filter: { type: 3 } },
      { type: 'needRows', from: 10, to: 10 },
      { type: 'needRows', from: 10, to: 5 },
      { type: 'needRows', from: 0, to: MAX_ROWS_ASKED + 1 },
      { type: 'needRows', from: -1, to: 3 },
      { type: 'needRows', from: 0.5, to: 3 },
      { type: 'needRows', from: 0 },
    ]);
  });

  it('accepts exactly the well-formed intents among generated valid messages and near misses', () => {
    const tally = assertAcceptsExactlyTheValid('timeline protocol', fromTimelineSchema, timelineMessage, REQUIRED, 2000);
    // Every intent that edits or changes the view is accepted in some cases and refused in others.
    for (const intent of ['moveBar', 'resizeBar', 'zoom', 'openTask', 'filter', 'needRows']) {
      assert.ok(tally.of(`accepted: ${intent}`) > 0, `${intent} accepted in no case (${tally.summary()})`);
    }
    for (const refusal of [
      'bad date',
      'not a calendar day',
      'bad days',
      'bad zoom',
      'bad task ID',
      'empty file',
      'filter value too long',
      'empty or reversed range',
      'too many rows',
      'bad row index',
    ]) {
      assert.ok(tally.of(`rejected: ${refusal}`) > 0, `no "${refusal}" case (${tally.summary()})`);
    }
  });

  it('anything accepted is one of the intents (arbitrary values)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = fromTimelineSchema.safeParse(value);
        return !parsed.success || INTENTS.includes(parsed.data.type);
      }),
    );
  });

  it('the host messages built from a model are valid', () => {
    const ix = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
    const tasks =
      '\n  - id: T1\n    title: A\n    start: 2026-03-02\n    days: 3\n  - id: T2\n    title: B\n    depends: [T1]\n  - id: T3\n    title: C\n    depends: [T4]\n  - id: T4\n    title: D\n    depends: [T3]';
    const records = [ix.analyze('a.md', record({ id: 'REQ-2026-001', tasks, milestones: '\n  planned_done: 2026-03-20' }))];
    const model = timelineModel(records, '2026-03-09', { workdays: [1, 2, 3, 4, 5], holidays: [] });
    assert.equal(model.rows.length, 1);
    assert.equal(model.unscheduled.length, 2);
    const filters = filterBar({ customers: [], owners: [] }, FILTER_TEXT, 'en');
    const init = {
      type: 'init',
      strings: {},
      today: model.today,
      barCounts: barCounts(model),
      ...pageFrom(model, 0),
      unscheduled: model.unscheduled,
      range: model.range,
      openRange: model.openRange,
      hideFinished: true,
      finishedHidden: model.finishedHidden,
      zoom: 'week',
      filter: {},
      filters,
    };
    assert.ok(toTimelineSchema.safeParse(init).success, JSON.stringify(toTimelineSchema.safeParse(init).error?.issues));
    const diff = timelineDiff(timelineModel([], model.today, { workdays: [1, 2, 3, 4, 5], holidays: [] }), model);
    assert.equal(diff.upserted.length, 1);
    const rows = {
      type: 'rows',
      barCounts: barCounts(model),
      ...pageFrom(model, 0),
      unscheduled: model.unscheduled,
      range: model.range,
      openRange: model.openRange,
      hideFinished: true,
      finishedHidden: model.finishedHidden,
      today: model.today,
      filters,
    };
    assert.ok(toTimelineSchema.safeParse(rows).success);
    assert.ok(toTimelineSchema.safeParse({ type: 'rowsPage', ...pageFrom(model, 0) }).success);
    assert.ok(!toTimelineSchema.safeParse({ type: 'rowsPage', from: -1, rows: [] }).success);
  });
});
