import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { timelineDiff, timelineModel } from '../../src/core/timeline';
import { fromTimelineSchema, toTimelineSchema } from '../../src/protocol/timeline';
import { record } from './support';

const INTENTS = ['ready', 'openTask', 'moveBar', 'resizeBar', 'zoom', 'filter'];

describe('timeline: protocol', () => {
  it('accepts the intents the webview sends', () => {
    for (const message of [
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
    ]) {
      assert.ok(fromTimelineSchema.safeParse(message).success, JSON.stringify(message));
    }
  });

  it('refuses anything else: bad dates, negative or fractional days, unknown zooms, wrong shapes', () => {
    for (const message of [
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
      { type: 'edit', file: 'a', text: 'x' },
      '<script>',
      null,
      42,
    ]) {
      assert.equal(fromTimelineSchema.safeParse(message).success, false, JSON.stringify(message));
    }
  });

  it('anything accepted is one of the intents, with well-formed fields', () => {
    const arbitraryIntent = fc.oneof(
      fc.anything(),
      fc.record({ type: fc.constantFrom(...INTENTS, 'open', 'edit'), file: fc.string(), taskId: fc.string(), start: fc.string(), days: fc.oneof(fc.integer(), fc.double()), zoom: fc.string() }, { requiredKeys: ['type'] }),
    );
    fc.assert(
      fc.property(arbitraryIntent, (value) => {
        const parsed = fromTimelineSchema.safeParse(value);
        if (!parsed.success) return true;
        const m = parsed.data;
        if (!INTENTS.includes(m.type)) return false;
        if (m.type === 'moveBar') return /^\d{4}-\d{2}-\d{2}$/.test(m.start) && m.taskId.length > 0;
        if (m.type === 'resizeBar') return Number.isInteger(m.days) && m.days >= 0;
        if (m.type === 'zoom') return ['day', 'week', 'month'].includes(m.zoom);
        return true;
      }),
    );
  });

  it('the host messages built from a model are valid', () => {
    const ix = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
    const tasks = '\n  - id: T1\n    title: A\n    start: 2026-03-02\n    days: 3\n  - id: T2\n    title: B\n    depends: [T1]\n  - id: T3\n    title: C\n    depends: [T4]\n  - id: T4\n    title: D\n    depends: [T3]';
    const records = [ix.analyze('a.md', record({ id: 'REQ-2026-001', tasks, milestones: '\n  planned_done: 2026-03-20' }))];
    const model = timelineModel(records, '2026-03-09', { workdays: [1, 2, 3, 4, 5], holidays: [] });
    assert.equal(model.rows.length, 1);
    assert.equal(model.unscheduled.length, 2);
    const choices = { customers: [], owners: [] };
    const init = { type: 'init', strings: {}, today: model.today, rows: model.rows, unscheduled: model.unscheduled, range: model.range, zoom: 'week', filter: {}, choices };
    assert.ok(toTimelineSchema.safeParse(init).success, JSON.stringify(toTimelineSchema.safeParse(init).error?.issues));
    const diff = timelineDiff(timelineModel([], model.today, { workdays: [1, 2, 3, 4, 5], holidays: [] }), model);
    const rows = { type: 'rows', upserted: diff.upserted, removed: diff.removed, order: diff.order, unscheduled: model.unscheduled, range: model.range, today: model.today, choices };
    assert.ok(toTimelineSchema.safeParse(rows).success);
  });
});
