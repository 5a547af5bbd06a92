import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addWorkdays,
  datesOutOfRange,
  DEFAULT_CALENDAR,
  isValidIsoDate,
  isWorkday,
  nextWorkday,
  scheduleTasks,
  workdaysBetween,
  type TaskInput,
  type WorkCalendar,
} from '../../src/core/schedule';

const cal = DEFAULT_CALENDAR;
/** China's 2024 National Day week, Tuesday 10-01 to Monday 10-07. */
const nationalDay: WorkCalendar = {
  workdays: [1, 2, 3, 4, 5],
  holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
};

// Day-by-day reference implementation, obviously correct and slow, for the property tests.
const DAY = 86_400_000;
const plusDays = (iso: string, n: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const naiveIsWork = (iso: string, c: WorkCalendar): boolean => {
  const wd = ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const days = c.workdays.some((d) => d >= 1 && d <= 7) ? c.workdays : [1, 2, 3, 4, 5, 6, 7];
  return days.includes(wd) && !c.holidays.includes(iso);
};
const naiveBetween = (from: string, to: string, c: WorkCalendar): number => {
  let n = 0;
  for (let d = from; d < to; d = plusDays(d, 1)) if (naiveIsWork(d, c)) n++;
  return n;
};

describe('schedule: dates', () => {
  it('validates ISO dates as real calendar dates', () => {
    assert.ok(isValidIsoDate('2024-02-29'));
    assert.ok(isValidIsoDate('2000-02-29'));
    assert.ok(isValidIsoDate('0000-01-01'));
    assert.ok(isValidIsoDate('9999-12-31'));
    for (const bad of [
      '2026-02-30',
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-1-01',
      '2024-01-01T00:00',
      ' 2024-01-01',
      '2024/01/01',
      '',
    ]) {
      assert.equal(isValidIsoDate(bad), false, bad);
    }
  });

  it('knows weekends', () => {
    assert.equal(isWorkday('2024-03-18', cal), true); // Monday
    assert.equal(isWorkday('2024-03-22', cal), true); // Friday
    assert.equal(isWorkday('2024-03-23', cal), false); // Saturday
    assert.equal(isWorkday('2024-03-24', cal), false); // Sunday
    assert.equal(isWorkday('1970-01-01', cal), true); // Thursday
    assert.equal(isWorkday('0001-01-01', cal), true); // Monday (proleptic Gregorian)
  });

  it('knows holidays', () => {
    assert.equal(isWorkday('2024-10-01', nationalDay), false);
    assert.equal(isWorkday('2024-10-08', nationalDay), true);
    assert.equal(nextWorkday('2024-10-01', nationalDay), '2024-10-08');
    assert.equal(nextWorkday('2024-09-30', nationalDay), '2024-09-30');
  });

  it('nextWorkday skips weekends and keeps working days', () => {
    assert.equal(nextWorkday('2024-03-18', cal), '2024-03-18');
    assert.equal(nextWorkday('2024-03-23', cal), '2024-03-25');
    assert.equal(nextWorkday('2026-02-28', cal), '2026-03-02');
  });

  it('addWorkdays across weekends, month ends and leap days', () => {
    assert.equal(addWorkdays('2024-03-18', 0, cal), '2024-03-18');
    assert.equal(addWorkdays('2024-03-18', 4, cal), '2024-03-22');
    assert.equal(addWorkdays('2024-03-22', 1, cal), '2024-03-25');
    assert.equal(addWorkdays('2024-03-23', 0, cal), '2024-03-25');
    assert.equal(addWorkdays('2024-03-23', 1, cal), '2024-03-26');
    assert.equal(addWorkdays('2024-02-28', 1, cal), '2024-02-29');
    assert.equal(addWorkdays('2024-02-29', 1, cal), '2024-03-01');
    assert.equal(addWorkdays('2023-02-28', 1, cal), '2023-03-01');
    assert.equal(addWorkdays('2024-12-31', 1, cal), '2025-01-01');
    assert.equal(addWorkdays('2024-01-01', 261, cal), '2024-12-31'); // 262 weekdays in 2024
  });

  it('addWorkdays skips holidays', () => {
    assert.equal(addWorkdays('2024-09-30', 1, nationalDay), '2024-10-08');
    assert.equal(addWorkdays('2024-09-27', 2, nationalDay), '2024-10-08');
  });

  it('addWorkdays counts backwards for negative n', () => {
    assert.equal(addWorkdays('2024-03-25', -1, cal), '2024-03-22');
    assert.equal(addWorkdays('2024-03-23', -1, cal), '2024-03-22');
    assert.equal(addWorkdays('2024-10-08', -1, nationalDay), '2024-09-30');
  });

  it('addWorkdays rejects bad input', () => {
    assert.throws(() => addWorkdays('2026-02-30', 1, cal), RangeError);
    assert.throws(() => addWorkdays('2024-01-01', 1.5, cal), RangeError);
    assert.throws(() => addWorkdays('2024-01-01', Number.NaN, cal), RangeError);
    assert.throws(() => addWorkdays('2024-01-01', 1e12, cal), RangeError);
    assert.throws(() => addWorkdays('9999-12-31', 1, cal), RangeError);
  });

  it('handles huge n in constant-ish time', () => {
    assert.equal(workdaysBetween('2000-01-03', addWorkdays('2000-01-03', 1_000_000, cal), cal), 1_000_000);
  });

  it('workdaysBetween counts [from, to)', () => {
    assert.equal(workdaysBetween('2024-03-18', '2024-03-18', cal), 0);
    assert.equal(workdaysBetween('2024-03-18', '2024-03-25', cal), 5);
    assert.equal(workdaysBetween('2024-03-23', '2024-03-25', cal), 0);
    assert.equal(workdaysBetween('2024-02-01', '2024-03-01', cal), 21);
    assert.equal(workdaysBetween('2024-09-30', '2024-10-09', nationalDay), 2);
    assert.equal(workdaysBetween('2024-03-25', '2024-03-18', cal), -5);
  });

  it('treats an empty or invalid workdays list as every day', () => {
    const all: WorkCalendar = { workdays: [], holidays: [] };
    assert.equal(isWorkday('2024-03-23', all), true);
    assert.equal(addWorkdays('2024-03-22', 1, all), '2024-03-23');
    assert.equal(isWorkday('2024-03-23', { workdays: [0, 8, 2.5], holidays: [] }), true);
  });

  it('supports other working weeks', () => {
    const sixDays: WorkCalendar = { workdays: [1, 2, 3, 4, 5, 6], holidays: ['not a date'] };
    assert.equal(addWorkdays('2024-03-22', 1, sixDays), '2024-03-23');
    const sunThu: WorkCalendar = { workdays: [7, 1, 2, 3, 4], holidays: [] };
    assert.equal(nextWorkday('2024-03-22', sunThu), '2024-03-24');
  });
});

describe('schedule: scheduleTasks', () => {
  const dates = (r: ReturnType<typeof scheduleTasks>, id: string) => {
    const t = r.tasks.get(id);
    return t && [t.start, t.end];
  };

  it('schedules the domain example', () => {
    const r = scheduleTasks(
      [
        { id: 'T1', start: '2024-03-18', days: 3, status: 'done' },
        { id: 'T2', depends: ['T1'], days: 5 },
      ],
      cal,
    );
    assert.deepEqual(dates(r, 'T1'), ['2024-03-18', '2024-03-20']);
    assert.deepEqual(dates(r, 'T2'), ['2024-03-21', '2024-03-27']);
    assert.deepEqual(r.unresolved, []);
    assert.deepEqual(r.cycles, []);
    assert.deepEqual(r.unknownDependencies, []);
  });

  it('starts on the next working day and defaults to one day', () => {
    const r = scheduleTasks([{ id: 'A', start: '2024-03-23' }], cal);
    assert.deepEqual(dates(r, 'A'), ['2024-03-25', '2024-03-25']);
  });

  it('handles milestones (days: 0)', () => {
    const r = scheduleTasks(
      [
        { id: 'M', start: '2024-03-22', days: 0 },
        { id: 'N', depends: ['M'], days: 0 },
      ],
      cal,
    );
    assert.deepEqual(dates(r, 'M'), ['2024-03-22', '2024-03-22']);
    assert.deepEqual(dates(r, 'N'), ['2024-03-25', '2024-03-25']);
  });

  it('rounds fractional days up and defaults invalid ones', () => {
    const r = scheduleTasks(
      [
        { id: 'F', start: '2024-03-18', days: 1.5 },
        { id: 'N', start: '2024-03-18', days: -2 },
        { id: 'X', start: '2024-03-18', days: Number.NaN },
      ],
      cal,
    );
    assert.deepEqual(dates(r, 'F'), ['2024-03-18', '2024-03-19']);
    assert.deepEqual(dates(r, 'N'), ['2024-03-18', '2024-03-18']);
    assert.deepEqual(dates(r, 'X'), ['2024-03-18', '2024-03-18']);
  });

  it('follows dependency chains across weekends and holidays', () => {
    const r = scheduleTasks(
      [
        { id: 'C', depends: ['B'], days: 2 },
        { id: 'B', depends: ['A'], days: 2 },
        { id: 'A', start: '2024-09-26', days: 2 },
      ],
      nationalDay,
    );
    assert.deepEqual(dates(r, 'A'), ['2024-09-26', '2024-09-27']);
    assert.deepEqual(dates(r, 'B'), ['2024-09-30', '2024-10-08']);
    assert.deepEqual(dates(r, 'C'), ['2024-10-09', '2024-10-10']);
    // Output keeps input order.
    assert.deepEqual([...r.tasks.keys()], ['C', 'B', 'A']);
  });

  it('starts after the latest of several dependencies', () => {
    const r = scheduleTasks(
      [
        { id: 'A', start: '2024-03-18', days: 1 },
        { id: 'B', start: '2024-03-18', days: 4 },
        { id: 'C', depends: ['A', 'B'] },
      ],
      cal,
    );
    assert.deepEqual(dates(r, 'C'), ['2024-03-22', '2024-03-22']);
  });

  it('uses the later of start and dependencies when a task has both', () => {
    const r = scheduleTasks(
      [
        { id: 'A', start: '2024-03-18', days: 2 },
        { id: 'Late', start: '2024-04-01', depends: ['A'] },
        { id: 'Early', start: '2024-03-11', depends: ['A'] },
      ],
      cal,
    );
    assert.deepEqual(dates(r, 'Late'), ['2024-04-01', '2024-04-01']);
    assert.deepEqual(dates(r, 'Early'), ['2024-03-20', '2024-03-20']);
  });

  it('reports a self-loop', () => {
    const r = scheduleTasks([{ id: 'A', start: '2024-03-18', depends: ['A'] }], cal);
    assert.deepEqual(r.cycles, [['A']]);
    assert.deepEqual(r.unresolved, ['A']);
    assert.equal(r.tasks.size, 0);
  });

  it('reports a longer cycle once, in dependency order, and what hangs off it', () => {
    const r = scheduleTasks(
      [
        { id: 'Ok', start: '2024-03-18' },
        { id: 'A', depends: ['C'] },
        { id: 'B', depends: ['A'] },
        { id: 'C', depends: ['B', 'Ok'] },
        { id: 'D', start: '2024-03-18', depends: ['B'] },
      ],
      cal,
    );
    // A depends on C, C on B, B on A.
    assert.deepEqual(r.cycles, [['A', 'C', 'B']]);
    assert.deepEqual(r.unresolved, ['A', 'B', 'C', 'D']);
    assert.deepEqual([...r.tasks.keys()], ['Ok']);
  });

  it('reports separate cycles separately, and the shortest ring of a tangled group', () => {
    const r = scheduleTasks(
      [
        { id: 'X', depends: ['Y'] },
        { id: 'Y', depends: ['X', 'Z'] },
        { id: 'Z', depends: ['X'] },
        { id: 'P', depends: ['Q'] },
        { id: 'Q', depends: ['P'] },
      ],
      cal,
    );
    assert.deepEqual(r.cycles, [
      ['X', 'Y'],
      ['P', 'Q'],
    ]);
    assert.deepEqual(r.unresolved, ['X', 'Y', 'Z', 'P', 'Q']);
  });

  it('reports unknown dependencies and ignores them for dating', () => {
    const r = scheduleTasks(
      [
        { id: 'A', start: '2024-03-18', days: 2 },
        { id: 'B', depends: ['A', 'Ghost', 'Ghost'] },
        { id: 'C', depends: ['Nobody'] },
        { id: 'D', start: '2024-03-19', depends: ['Nobody'] },
      ],
      cal,
    );
    assert.deepEqual(r.unknownDependencies, [
      { task: 'B', dependency: 'Ghost' },
      { task: 'C', dependency: 'Nobody' },
      { task: 'D', dependency: 'Nobody' },
    ]);
    assert.deepEqual(dates(r, 'B'), ['2024-03-20', '2024-03-20']);
    assert.deepEqual(dates(r, 'D'), ['2024-03-19', '2024-03-19']);
    assert.deepEqual(r.unresolved, ['C']);
  });

  it('leaves tasks without a start or dependency, or with a bad start, unresolved', () => {
    const r = scheduleTasks(
      [
        { id: 'Floating', days: 3 },
        { id: 'Bad', start: '2026-02-30' },
        { id: 'AfterBad', depends: ['Bad'] },
        { id: 'TooLate', start: '9999-12-30', days: 5 },
      ],
      cal,
    );
    assert.deepEqual(r.unresolved, ['Floating', 'Bad', 'AfterBad', 'TooLate']);
    assert.equal(r.tasks.size, 0);
  });

  it('names the tasks whose own dates would pass 9999-12-31, not those that merely wait on them', () => {
    const tasks: TaskInput[] = [
      { id: 'Ends', start: '9999-12-31', days: 5 },
      { id: 'LastDay', start: '9999-12-30' },
      { id: 'After', depends: ['LastDay'], days: 3 },
      { id: 'Waits', depends: ['After'] },
      { id: 'Huge', start: '2026-01-05', days: 99_999_999 },
      { id: 'Fits', start: '9999-12-27', days: 4 },
      // 9999-12-31 is a Friday: one day more lands on a Monday in the year 10000.
      { id: 'Monday', depends: ['Fits'], days: 2 },
    ];
    const r = scheduleTasks(tasks, cal);
    assert.deepEqual(r.outOfRange, ['Ends', 'After', 'Huge', 'Monday']);
    assert.deepEqual(r.unresolved, ['Ends', 'After', 'Waits', 'Huge', 'Monday']);
    assert.deepEqual(dates(r, 'Fits'), ['9999-12-27', '9999-12-30']);
    assert.deepEqual(datesOutOfRange(tasks, cal), r.outOfRange);
    // Every day a working day: Monday's two days still fit (Friday 31st is the second).
    assert.deepEqual(datesOutOfRange([{ id: 'A', start: '9999-12-30', days: 2 }], { workdays: [], holidays: [] }), []);
    assert.deepEqual(
      datesOutOfRange(
        [
          { id: 'A', start: '2026-01-05', days: 20 },
          { id: 'B', depends: ['A'] },
        ],
        cal,
      ),
      [],
    );
  });

  it('keeps the first of duplicate ids', () => {
    const r = scheduleTasks(
      [
        { id: 'A', start: '2024-03-18' },
        { id: 'A', start: '2024-05-01' },
      ],
      cal,
    );
    assert.deepEqual(dates(r, 'A'), ['2024-03-18', '2024-03-18']);
    assert.deepEqual(r.unresolved, []);
  });

  it('marks late tasks relative to today', () => {
    const tasks: TaskInput[] = [
      { id: 'Done', start: '2024-03-18', days: 3, status: 'done' },
      { id: 'Overdue', start: '2024-03-18', days: 3, status: 'doing' },
      { id: 'EndsToday', start: '2024-03-18', days: 4 },
      { id: 'Future', start: '2024-04-01' },
    ];
    const r = scheduleTasks(tasks, cal, '2024-03-21');
    assert.equal(r.tasks.get('Done')!.late, false);
    assert.equal(r.tasks.get('Overdue')!.late, true);
    assert.equal(r.tasks.get('EndsToday')!.late, false);
    assert.equal(r.tasks.get('Future')!.late, false);
    // No today (or an invalid one): nothing is late.
    assert.equal(scheduleTasks(tasks, cal).tasks.get('Overdue')!.late, false);
    assert.equal(scheduleTasks(tasks, cal, 'yesterday').tasks.get('Overdue')!.late, false);
  });

  it('handles a long chain without deep recursion', () => {
    const n = 50_000;
    const tasks: TaskInput[] = [{ id: 't0', start: '2024-01-01' }];
    for (let i = 1; i < n; i++) tasks.push({ id: `t${i}`, depends: [`t${i - 1}`] });
    tasks[0] = { id: 't0', start: '2024-01-01', depends: [`t${n - 1}`] }; // one big ring
    const ring = scheduleTasks(tasks, cal);
    assert.equal(ring.cycles.length, 1);
    assert.equal(ring.cycles[0]!.length, n);
    assert.equal(ring.unresolved.length, n);

    tasks[0] = { id: 't0', start: '2024-01-01' };
    const chain = scheduleTasks(tasks, cal);
    assert.equal(chain.unresolved.length, 0);
    assert.equal(chain.tasks.get(`t${n - 1}`)!.end, addWorkdays('2024-01-01', n - 1, cal));
  });
});

describe('schedule: properties', () => {
  const dateArb = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const calArb: fc.Arbitrary<WorkCalendar> = fc.record({
    workdays: fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 7 }),
    holidays: fc.array(dateArb, { maxLength: 40 }),
  });
  // Holidays clustered near the dates under test, so they actually matter.
  const nearCalArb = (base: string): fc.Arbitrary<WorkCalendar> =>
    fc.record({
      workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
      holidays: fc.array(
        fc.integer({ min: -10, max: 40 }).map((k) => plusDays(base, k)),
        { maxLength: 20 },
      ),
    });

  it('addWorkdays lands on a working day, n working days on', () => {
    fc.assert(
      fc.property(
        dateArb.chain((d) => fc.tuple(fc.constant(d), nearCalArb(d), fc.integer({ min: -30, max: 30 }))),
        ([d, c, n]) => {
          const r = addWorkdays(d, n, c);
          assert.ok(isWorkday(r, c), r);
          assert.ok(naiveIsWork(r, c), r);
          assert.equal(workdaysBetween(d, r, c), n);
          if (n >= 0) assert.equal(naiveBetween(d, r, c), n);
          else assert.equal(naiveBetween(r, d, c), -n);
          if (n > 0) assert.ok(r > d);
        },
      ),
    );
  });

  it('workdaysBetween matches counting day by day', () => {
    fc.assert(
      fc.property(
        dateArb.chain((d) => fc.tuple(fc.constant(d), fc.integer({ min: 0, max: 60 }), nearCalArb(d))),
        ([d, span, c]) => {
          const to = plusDays(d, span);
          assert.equal(workdaysBetween(d, to, c), naiveBetween(d, to, c));
          assert.equal(workdaysBetween(to, d, c), 0 - naiveBetween(d, to, c) || 0);
        },
      ),
    );
  });

  it('nextWorkday is the first working day on or after the date', () => {
    fc.assert(
      fc.property(
        dateArb.chain((d) => fc.tuple(fc.constant(d), nearCalArb(d))),
        ([d, c]) => {
          let expected = d;
          while (!naiveIsWork(expected, c)) expected = plusDays(expected, 1);
          assert.equal(nextWorkday(d, c), expected);
        },
      ),
    );
  });

  it('isValidIsoDate agrees with the Date round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const t = new Date(`${s}T00:00:00Z`);
        const real = !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
        assert.equal(isValidIsoDate(s), real, s);
      }),
    );
  });

  it('datesOutOfRange (a bound, then the schedule) says exactly what the schedule says', () => {
    const lateArb = fc
      .date({ min: new Date('9990-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const idArb = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const taskArb = fc.record(
      {
        id: idArb,
        start: fc.oneof(dateArb, lateArb),
        depends: fc.array(idArb, { maxLength: 3 }),
        days: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 5_000_000 }), fc.constantFrom(-1, 0.5, Number.NaN)),
      },
      { requiredKeys: ['id'] },
    );
    const lateCalArb = fc.record({
      workdays: fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 7 }),
      holidays: fc.array(fc.oneof(dateArb, lateArb), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 8 }), lateCalArb, (tasks, c) => {
        assert.deepEqual(datesOutOfRange(tasks, c), scheduleTasks(tasks, c).outOfRange);
      }),
    );
  });

  it('scheduleTasks never throws and terminates on random graphs', () => {
    const idArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'zz');
    const taskArb = fc.record(
      {
        id: idArb,
        start: fc.oneof(dateArb, fc.constantFrom('2026-02-30', 'soon', '', '9999-12-31')),
        depends: fc.array(idArb, { maxLength: 4 }),
        days: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 1e9)),
        status: fc.constantFrom('todo', 'doing', 'done', 'blocked'),
      },
      { requiredKeys: ['id'] },
    );
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 12 }), calArb, fc.option(dateArb, { nil: undefined }), (tasks, c, today) => {
        const r = scheduleTasks(tasks, c, today);
        const firstIds = [...new Set(tasks.map((t) => t.id))];
        // Every distinct task is either dated or unresolved, never both.
        assert.equal(r.tasks.size + r.unresolved.length, firstIds.length);
        for (const id of r.unresolved) assert.ok(!r.tasks.has(id));
        const inCycle = new Set(r.cycles.flat());
        for (const id of inCycle) assert.ok(r.unresolved.includes(id));
        const byId = new Map<string, TaskInput>();
        for (const t of tasks) if (!byId.has(t.id)) byId.set(t.id, t);
        for (const ring of r.cycles) {
          // Each entry depends on the next; the last on the first.
          ring.forEach((id, i) => assert.ok(byId.get(id)!.depends!.includes(ring[(i + 1) % ring.length]!)));
        }
        for (const t of r.tasks.values()) {
          assert.ok(isValidIsoDate(t.start) && isValidIsoDate(t.end));
          assert.ok(t.start <= t.end);
          assert.ok(isWorkday(t.start, c));
          assert.ok(isWorkday(t.end, c));
          const input = byId.get(t.id)!;
          for (const dep of input.depends ?? []) {
            const d = r.tasks.get(dep);
            if (d) assert.ok(d.end < t.start, `${t.id} starts after ${dep}`);
          }
          if (input.start && isValidIsoDate(input.start)) assert.ok(t.start >= input.start);
          assert.equal(t.late, today !== undefined && input.status !== 'done' && t.end < today);
        }
      }),
    );
  });
});

describe('schedule: a calendar is compiled once per holiday list', () => {
  it('each list gives its own answers, and a list extended in place is compiled again', () => {
    const holidays: string[] = ['2026-01-06'];
    const cal: WorkCalendar = { workdays: [1, 2, 3, 4, 5], holidays };
    // Monday 5 to Monday 12 January 2026: five working days, one of them a holiday.
    assert.equal(workdaysBetween('2026-01-05', '2026-01-12', cal), 4);
    assert.equal(workdaysBetween('2026-01-05', '2026-01-12', { ...cal, holidays: [] }), 5);
    assert.equal(workdaysBetween('2026-01-05', '2026-01-12', { ...cal, holidays: ['2026-01-06', '2026-01-07'] }), 3);
    assert.equal(workdaysBetween('2026-01-05', '2026-01-12', { workdays: [1, 2, 3, 4, 5, 6], holidays }), 5);
    assert.equal(workdaysBetween('2026-01-05', '2026-01-12', cal), 4);
    holidays.push('2026-01-08');
    assert.equal(workdaysBetween('2026-01-05', '2026-01-12', cal), 3);
    assert.equal(nextWorkday('2026-01-06', cal), '2026-01-07');
  });
});
