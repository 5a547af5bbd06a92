// The complexity guard: no input, however built, costs more than about linear time. Each case
// builds an input of size n and of size 4n and compares the work of the two, measured in the
// same run: CPU time of the process (not wall-clock time, so that other processes on the machine
// weigh little), the minimum of several interleaved repetitions. Linear work grows 4×; quadratic
// work 16×. n is found by doubling until one run takes CALIBRATE_MS, so that timer noise is small
// and a quadratic term, if there is one, dominates. No absolute limit.
//
// Why 4n and not 2n: the collector's share of a run does not grow exactly with the input (the
// heap steps up in sizes of its own), and it moved linear cases from 2 to 3.5 against a bound of
// 3 that had to sit between 2 and 4. Between 4 and 16 the bound keeps twice the margin either way.
//
// Each case is measured in a fresh Node process (this same file, started with the case's index in
// REQDESK_COMPLEXITY_CASE): the cost of a major collection grows with the whole heap, so the heap
// the earlier suites left behind made the large run pay for work that was not its own.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { GCProfiler } from 'node:v8';
import { descriptionOf, planImport } from '../../src/core/recordTable';
import { newRequirementText } from '../../src/core/templates';
import { CommitLinks, mentionsIn } from '../../src/core/commits';
import { editFields } from '../../src/core/edits';
import { LogParser } from '../../src/git/gitLog';
import { scheduleTasks, workdaysBetween } from '../../src/core/schedule';
import { timelyFindings, timelyProblems } from '../../src/core/timely';
import { analyzeRequirement } from '../../src/core/validate';
import { ESSENTIALS_BODY } from '../fixtures/essentialsBody';
import { CTX } from './support';

/** The large input is this many times the small one. */
const SCALE = 4;
/** Work grows at most about linearly: time(4n) / time(n) stays below this (linear 4, quadratic 16). */
const MAX_RATIO = 8;
const CALIBRATE_MS = 40;
const REPETITIONS = 5;

interface ScalingCase<T> {
  name: string;
  /** The input of size n (n counts what the case scales: characters, keys, IDs, tasks…). */
  build(n: number): T;
  run(input: T): unknown;
  /** Where calibration starts, and the largest n it may reach. */
  start: number;
  max: number;
}

/**
 * The CPU time of `f` less the collector's pauses. The collector's share of a run does not grow
 * with the input alone: the heap grows in steps of its own, and what a run builds may be promoted
 * and marked again and again or not at all, depending on where it falls in those steps. Its
 * pauses are the collector's whole CPU time where the child runs it on the main thread only,
 * without incremental marking (the flags in measureApart).
 */
function cpuMs(f: () => unknown): number {
  const collector = new GCProfiler();
  collector.start();
  const before = process.cpuUsage();
  f();
  const d = process.cpuUsage(before);
  let collectorUs = 0;
  for (const pause of collector.stop().statistics) collectorUs += pause.cost;
  return Math.max(0, d.user + d.system - collectorUs) / 1000;
}

interface Measured {
  n: number;
  small: number;
  large: number;
  ratio: number;
}

function measure<T>(c: ScalingCase<T>): Measured {
  let n = c.start;
  // A first run compiles the code paths, so that calibration measures the work, not the JIT.
  c.run(c.build(n));
  for (;;) {
    const input = c.build(n);
    if (
      Math.min(
        cpuMs(() => c.run(input)),
        cpuMs(() => c.run(input)),
      ) >= CALIBRATE_MS ||
      n * 2 > c.max
    )
      break;
    n *= 2;
  }
  const small = c.build(n);
  const large = c.build(SCALE * n);
  let a = Infinity;
  let b = Infinity;
  // Interleaved, so that a busy moment of the machine does not fall on one size only.
  for (let r = 0; r < REPETITIONS; r++) {
    a = Math.min(
      a,
      cpuMs(() => c.run(small)),
    );
    b = Math.min(
      b,
      cpuMs(() => c.run(large)),
    );
  }
  return { n, small: a, large: b, ratio: b / a };
}

const record = (yaml: string, body = ESSENTIALS_BODY) =>
  `---\nid: REQ-2026-001\ntitle: Scaling\ntype: functional\nstatus: new\nsubmitted: 2026-01-05\n${yaml}---\n${body}`;
const repeat = (n: number, line: (i: number) => string) => {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(line(i));
  return parts.join('');
};
const validate = (text: string) => analyzeRequirement(text, CTX);
const validateCarefully = (text: string) => analyzeRequirement(text, CTX, { careful: true });
/** A body of n characters built from a repeated unit, then a tail. */
const bodyOf = (n: number, unit: string, tail = '') => ESSENTIALS_BODY + unit.repeat(Math.max(1, Math.floor(n / unit.length))) + tail;
const id = (i: number) => `REQ-2026-${String(i).padStart(6, '0')}`;
/** A key one or two characters away from `field` (a "did you mean" each), distinct for each i. */
const nearly = (field: string, i: number) =>
  `${field}${String.fromCharCode(0x4e00 + (i % 20_000))}${i >= 20_000 ? String.fromCharCode(0x4e00 + Math.floor(i / 20_000)) : ''}`;
const CALENDAR = { workdays: [1, 2, 3, 4, 5], holidays: [] as string[] };

const cases: Array<ScalingCase<unknown>> = [
  // ── bodies (point 2 of the issue; the HTML line sent the body to remark) ──
  { name: 'setext headings (a\\n=)', start: 16_000, max: 4_000_000, build: (n) => record('', bodyOf(n, 'a\n=\n')), run: validate },
  {
    name: 'lines of nested list markers (- - - … x), then an HTML line',
    start: 32_000,
    max: 4_000_000,
    build: (n) => record('', bodyOf(n, `${'- '.repeat(50)}x\n`, '<div>\n')),
    run: validate,
  },
  {
    name: 'one line of list markers nested n deep, then an HTML line',
    start: 1_000,
    // At most a million nested blocks in the large run: beyond it the collector's pauses
    // outweigh the scan, and subtracting them leaves noise.
    max: 512_000,
    build: (n) => record('', `${ESSENTIALS_BODY}${'- '.repeat(n / 2)}x\n<div>\n`),
    run: validate,
  },
  {
    name: 'one line of quote markers nested n deep (> > >), then an HTML line',
    start: 64_000,
    // At most a million nested blocks in the large run: beyond it the collector's pauses
    // outweigh the scan, and subtracting them leaves noise.
    max: 512_000,
    build: (n) => record('', `${ESSENTIALS_BODY}${'> '.repeat(n / 2)}x\n<div>\n`),
    run: validate,
  },
  {
    name: 'a list nested n/4 deep, then n/2 blank lines',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('', `${ESSENTIALS_BODY}${'- '.repeat(n / 4)}x\n${'\n'.repeat(n / 2)}<div>\n`),
    run: validate,
  },
  {
    name: 'nested lists by indentation, then an HTML line',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('', `${ESSENTIALS_BODY}${repeat(Math.max(1, n / 100), (i) => `${'  '.repeat(i % 100)}- x\n`)}<div>\n`),
    run: validate,
  },
  {
    name: 'lazy lines of a quote, then an HTML line',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('', `${ESSENTIALS_BODY}> a\n${'b\n'.repeat(n / 2)}<div>\n`),
    run: validate,
  },
  {
    name: 'HTML blocks, each with a lazy line in a quote',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('', `${ESSENTIALS_BODY}> a\n${'<x>\nb\n'.repeat(n / 6)}`),
    run: validate,
  },
  {
    name: 'opened HTML comments in an essential section',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('', ESSENTIALS_BODY.replace('## Goal\n', `## Goal\n${'<!-- '.repeat(n / 5)}\n`)),
    run: validate,
  },
  {
    name: 'emphasis, brackets and code spans in one heading',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('', `${ESSENTIALS_BODY}## ${'*a [b `c '.repeat(n / 10)}\n`),
    run: validate,
  },

  {
    name: 'an id line with a long run of blanks',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('').replace('id: REQ-2026-001', `id: REQ-2026-001${' '.repeat(n)}x`),
    run: validate,
  },

  // ── front-matter keys (point 6) ──
  {
    name: 'keys, careful YAML path',
    start: 8_000,
    max: 400_000,
    build: (n) => record(`anchor: &a 1\n${repeat(n, (i) => `k${i}: ${i}\n`)}`),
    run: validate,
  },
  {
    name: 'keys, set one field (edit, read back, validate before and after)',
    start: 8_000,
    max: 400_000,
    build: (n) => record(repeat(n, (i) => `k${i}: ${i}\n`)),
    run: (text: string) => {
      const edit = editFields(text, [{ path: ['status'], value: 'analyzing' }]);
      assert.ok(edit.ok);
      validateCarefully(text);
    },
  },
  {
    name: 'duplicate keys',
    start: 16_000,
    max: 400_000,
    build: (n) => record(repeat(n, (i) => `k${i % Math.max(1, n >> 1)}: ${i}\n`)),
    run: validate,
  },
  {
    name: 'keys that nearly name a field (a problem each)',
    start: 8_000,
    max: 400_000,
    build: (n) => record(repeat(n, (i) => `${nearly('owner', i)}: 1\n`)),
    run: validate,
  },
  {
    name: 'keys near a field on one line (a problem each)',
    start: 8_000,
    max: 400_000,
    build: (n) => record(`customer: { ${repeat(n, (i) => `${nearly('contact', i)}: 1, `)}name: x }\n`),
    run: validate,
  },
  {
    name: 'changes to many keys in one edit',
    start: 4_000,
    max: 200_000,
    build: (n) => ({
      text: record(repeat(n, (i) => `k${i}: ${i}\n`)),
      changes: Array.from({ length: n }, (_, i) => ({ path: [`k${i}`], value: i + 1 })),
    }),
    run: ({ text, changes }: { text: string; changes: Array<{ path: string[]; value: number }> }) =>
      assert.ok(editFields(text, changes).ok),
  },

  // ── IDs per commit (point 10) ──
  {
    name: 'IDs in one commit message: mentions, trace pairs and unknown IDs',
    start: 500,
    max: 2_000_000,
    build: (n) => repeat(n, (i) => `${id(i)} `),
    run: (body: string) => {
      const links = new CommitLinks();
      links.add(CTX.grammar, [{ hash: 'a'.repeat(40), subject: 'many', author: 'a', date: '2026-01-05T10:00:00Z', body }]);
      links.pairs();
      links.unknown(new Set());
    },
  },
  {
    name: 'IDs in one trailer line',
    start: 500,
    max: 2_000_000,
    build: (n) => `body\n\nCloses ${repeat(n, (i) => `${id(i)}, `)}${id(n)}`,
    run: (body: string) => mentionsIn(CTX.grammar, 'subject', body),
  },
  {
    name: 'a trailer line of a verb and a long run of blanks',
    start: 1_000,
    max: 4_000_000,
    build: (n) => `body\n\nFixes${' '.repeat(n)}\nRefs: ${id(1)}`,
    run: (body: string) => mentionsIn(CTX.grammar, 'subject', body),
  },
  {
    name: 'a long commit message arriving from git in pieces',
    start: 10_000,
    max: 40_000_000,
    build: (n) => `${'a'.repeat(40)}\0author\0date\0subject\0${'x \n'.repeat(n / 3)}${' '.repeat(n / 4)}y \0`,
    run: (log: string) => {
      let commits = 0;
      const parser = new LogParser(() => commits++);
      for (let at = 0; at < log.length; at += 4096) parser.push(log.slice(at, at + 4096));
      assert.equal(commits, 1);
    },
  },

  // ── tasks (schedule and validation) ──
  {
    name: 'a chain of dependent tasks',
    start: 200,
    max: 200_000,
    build: (n) =>
      record(
        `tasks:\n${repeat(n, (i) => (i === 0 ? '  - { id: T0, start: 2026-01-05 }\n' : `  - { id: T${i}, depends: [T${i - 1}], days: 2 }\n`))}`,
      ),
    run: validate,
  },
  {
    name: 'a chain of dependent tasks, scheduled',
    start: 500,
    max: 2_000_000,
    build: (n) =>
      Array.from({ length: n }, (_, i) => (i === 0 ? { id: 'T0', start: '2026-01-05' } : { id: `T${i}`, depends: [`T${i - 1}`], days: 2 })),
    run: (tasks: Parameters<typeof scheduleTasks>[0]) => scheduleTasks(tasks, CALENDAR, '2026-06-01'),
  },
  {
    name: 'tasks with unknown dependencies',
    start: 200,
    max: 200_000,
    build: (n) => record(`tasks:\n${repeat(n, (i) => `  - { id: T${i}, depends: [X${i}], days: 1 }\n`)}`),
    run: validate,
  },
  {
    name: 'one task with many unknown dependencies',
    start: 25_600,
    max: 400_000,
    build: (n) => record(`tasks:\n  - id: T0\n    depends: [${repeat(n, (i) => `X${i}, `)}X]\n`),
    run: validate,
  },
  {
    name: 'tasks that each depend on themselves (a cycle each)',
    start: 200,
    max: 200_000,
    build: (n) => record(`tasks:\n${repeat(n, (i) => `  - { id: T${i}, depends: [T${i}] }\n`)}`),
    run: validate,
  },
  {
    name: 'tasks with invalid values (dropped from the lenient record)',
    start: 200,
    max: 200_000,
    build: (n) => record(`tasks:\n${repeat(n, (i) => `  - { id: T${i}, start: 2026-01-05, days: -1, status: x }\n`)}`),
    run: validate,
  },
  {
    name: 'late tasks × holidays: working days late, per task',
    start: 100,
    max: 200_000,
    build: (n) => ({
      ends: Array.from({ length: n }, (_, i) => `2026-0${1 + (i % 9)}-1${i % 10}`),
      calendar: {
        workdays: [1, 2, 3, 4, 5],
        holidays: Array.from({ length: n }, (_, i) => `${2000 + (i % 50)}-0${1 + (i % 9)}-2${i % 8}`),
      },
    }),
    run: ({ ends, calendar }: { ends: string[]; calendar: typeof CALENDAR }) => {
      for (const end of ends) workdaysBetween(end, '2026-12-01', calendar);
    },
  },
  {
    name: 'feedback below expectation × changes (24-hour rule)',
    start: 400,
    max: 2_000_000,
    build: (n) => ({
      feedback: Array.from({ length: n }, (_, i) => ({ date: `2026-02-${String(1 + (i % 27)).padStart(2, '0')}`, satisfaction: 1 })),
      changes: Array.from({ length: n }, () => ({ date: '2025-01-01', what: 'x' })),
    }),
    run: (front: object) => timelyFindings(front, '2026-06-01', { ...CALENDAR, lowSatisfaction: 2 }),
  },
  // The tasks on one line: each finding looks for the end of its line.
  {
    name: 'late tasks on one line (24-hour rule and late tasks)',
    start: 400,
    max: 200_000,
    build: (n) => record(`tasks: [${repeat(n, (i) => `{ id: T${i}, start: 2020-01-06 }, `)}{ id: X, start: 2020-01-06 }]\n`),
    run: (text: string) => timelyProblems(text, '2026-06-01', { ...CALENDAR, lowSatisfaction: 2 }),
  },

  // ── other text that grows ──
  {
    name: 'an exported description with opened HTML comments',
    start: 1_000,
    max: 4_000_000,
    build: (n) => record('', ESSENTIALS_BODY.replace('## Description\n', `## Description\n${'<!-- '.repeat(n / 5)}\n`)),
    run: (text: string) => descriptionOf(text),
  },
  {
    name: 'an imported customer / contact cell with a long run of blanks',
    start: 1_000,
    max: 4_000_000,
    build: (n) => new TextEncoder().encode(`title,customer/contact,description,type\nT,"a${' '.repeat(n)}b / c",d,functional\n`),
    run: (bytes: Uint8Array) =>
      planImport({
        bytes,
        grammar: CTX.grammar,
        settings: CTX.settings,
        today: '2026-01-05',
        lang: 'en',
        taken: new Map(),
        folder: 'requirements',
        exists: () => false,
      }),
  },
  {
    name: 'an imported description with a long run of blank lines',
    start: 1_000,
    max: 4_000_000,
    build: (n) => `a${'\n'.repeat(n)}b`,
    run: (description: string) =>
      newRequirementText({ id: 'REQ-2026-001', title: 't', type: 'functional', today: '2026-01-05', description }, 'en'),
  },
];

/** Measures a case as the guard does: a linear case measured again before it is called not linear. */
function measureWithRetries<T>(c: ScalingCase<T>): Measured {
  let m = measure(c);
  // A busy machine can slow one measurement: a linear case measures again before failing;
  // a quadratic one is above the bound every time. A run the collector's pauses outweighed
  // (nothing left, or no ratio) is measured again too.
  for (let retry = 0; retry < 2 && !(m.ratio > 0 && m.ratio < MAX_RATIO); retry++) m = measure(c);
  return m;
}

/** A figure as text; a ratio of a run measured as nothing arrives from the child as null. */
const fixed = (x: number | null, digits: number) => (typeof x === 'number' ? x.toFixed(digits) : String(x));

const CASE_VARIABLE = 'REQDESK_COMPLEXITY_CASE';

/** Runs case `index` in a fresh process of this file and returns what it measured. */
function measureApart(index: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      // -e: this bundle holds the CLI, which runs when its module is the main one. The collector
      // works on the main thread and marks in one pause, so that its pauses are all it costs.
      ['--single-threaded-gc', '--no-incremental-marking', '-e', 'require(process.argv[1])', __filename],
      { env: { ...process.env, [CASE_VARIABLE]: String(index) }, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`case ${index} failed in its own process: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as Measured);
      },
    );
  });
}

const childCase = process.env[CASE_VARIABLE];
if (childCase !== undefined) {
  // The child: measure one case, print the figures as the last line.
  const c = cases[Number(childCase)];
  if (!c) throw new Error(`${CASE_VARIABLE}=${childCase}: no such case`);
  process.stdout.write(`${JSON.stringify(measureWithRetries(c))}\n`);
} else
  describe('complexity guard: work grows at most about linearly with the input', function () {
    this.timeout(600_000);
    const results: Array<{ name: string } & Measured> = [];

    after(() => {
      console.log(`      time(${SCALE}n) / time(n), CPU ms, min of ${REPETITIONS}:`);
      for (const r of results)
        console.log(
          `      ${fixed(r.ratio, 2).padStart(5)}  n=${String(r.n).padEnd(8)} ${fixed(r.small, 1).padStart(7)} → ${fixed(r.large, 1).padStart(7)}  ${r.name}`,
        );
    });

    cases.forEach((c, index) => {
      it(c.name, async () => {
        const m = await measureApart(index);
        results.push({ name: c.name, ...m });
        assert.ok(
          m.ratio > 0 && m.ratio < MAX_RATIO,
          `${c.name}: time(${SCALE}n)/time(n) = ${fixed(m.ratio, 2)} at n = ${m.n} (${fixed(m.small, 1)} → ${fixed(m.large, 1)} ms)`,
        );
      });
    });
  });
