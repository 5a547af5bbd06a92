// Property tests on hostile input, 10,000 generated cases each: random text through validation,
// random byte mutations of the examples (front-matter and body) through decoding and the index,
// and random edits of mutated records. Nothing throws; an edit applies minimally or refuses. Each
// property runs under a time guard (fast-check's interruptAfterTimeLimit) and must not have been
// interrupted.
//
// Seeds: every run, CI included, explores new cases from a fresh seed, logged before the property
// runs; `REQDESK_FUZZ_SEED=<seed>` replays one. A seed that once failed goes into
// test/fixtures/fuzz/seeds.json with its path, and is replayed on every run before the fresh one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { applyTextEdits, editFields, type FieldChange, type FieldValue } from '../../src/core/edits';
import { loadYamlCareful, nodeAtPath, splitFile } from '../../src/core/frontmatter';
import { localizeLater } from '../../src/core/l10n';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { formatMessage } from '../../src/core/messages';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { analyzeRequirement } from '../../src/core/validate';
import { CaseTally } from './caseTally';
import { CTX, REPO_ROOT } from './support';

const RUNS = 10_000;
/** Far above what 10,000 small cases take even on a busy machine: only a hang reaches it. */
const HANG_GUARD_MS = 240_000;
const SEEDS_FILE = 'test/fixtures/fuzz/seeds.json';

interface KeptSeed {
  property: string;
  seed: number;
  path?: string;
  found?: string;
}

/** The seeds that failed once (test/fixtures/fuzz/seeds.json). */
function keptSeeds(): KeptSeed[] {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, SEEDS_FILE), 'utf8')) as { seeds: KeptSeed[] }).seeds;
}

/** The names check() was called with, to refuse a kept seed naming no property. */
const PROPERTIES = [
  'random text → analyzeRequirement',
  'byte mutations → analyzeBytes + index.update',
  'mutated record + random changes → editFields',
];

/** This run's seed: REQDESK_FUZZ_SEED to replay one, otherwise a new one every run. */
function freshSeed(): number {
  const given = process.env.REQDESK_FUZZ_SEED;
  if (given !== undefined) {
    assert.match(given, /^-?\d+$/, 'REQDESK_FUZZ_SEED is an integer');
    return Number(given) | 0;
  }
  return (Date.now() ^ Math.floor(Math.random() * 0x1_0000_0000)) | 0;
}

/**
 * Runs a property with the hang guard: first every kept seed of it (its failing case, by seed and
 * path), then RUNS new cases from a fresh seed. Asserts each passed and was not interrupted.
 */
function check<Ts>(name: string, property: fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): void {
  assert.ok(PROPERTIES.includes(name), name);
  const guard = fc.interruptAfterTimeLimit(HANG_GUARD_MS) as fc.Plugin<Ts>;
  for (const kept of keptSeeds().filter((k) => k.property === name)) {
    const replay = fc.check(property, {
      numRuns: RUNS,
      plugins: [guard],
      seed: kept.seed,
      ...(kept.path ? { path: kept.path } : {}),
      ...params,
    });
    if (replay.failed)
      throw new Error(
        `${name}: the kept seed ${kept.seed}${kept.path ? ` (path ${kept.path})` : ''} from ${SEEDS_FILE} fails again\n${fc.defaultReportMessage(replay)}`,
      );
    console.log(`      ${name}: kept seed ${kept.seed}${kept.path ? ` path ${kept.path}` : ''} replayed (${replay.numRuns} cases)`);
  }
  const seed = freshSeed();
  // Logged before the run: a hang or a crash of the process still leaves the seed to replay.
  console.log(`      ${name}: seed ${seed} (replay with REQDESK_FUZZ_SEED=${seed})`);
  const details = fc.check(property, { numRuns: RUNS, plugins: [guard], seed, ...params });
  if (details.failed) {
    throw new Error(
      `${fc.defaultReportMessage(details) ?? `${name} failed`}\n` +
        `Keep this case: add { "property": ${JSON.stringify(name)}, "seed": ${details.seed}, "path": ${JSON.stringify(details.counterexamplePath)} } to ${SEEDS_FILE}.`,
    );
  }
  assert.equal(details.interrupted, false, `${name} was interrupted after ${details.numRuns} runs`);
  assert.equal(details.numRuns, RUNS);
  console.log(`      ${name}: ${details.numRuns} generated cases, ${details.numSkips} skipped`);
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const newIndex = () => new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));

/** Every problem's range lies within the analysed (BOM-less) text. */
function assertRangesInText(
  problems: ReadonlyArray<{ code: string; range: { start: number; end: number } }>,
  length: number,
  what: string,
) {
  for (const p of problems) {
    assert.ok(Number.isInteger(p.range.start) && Number.isInteger(p.range.end), `${what}: ${p.code}`);
    assert.ok(
      0 <= p.range.start && p.range.start <= p.range.end && p.range.end <= length,
      `${what}: ${p.code} [${p.range.start}, ${p.range.end}) in ${length}`,
    );
  }
}

// ── generators ─────────────────────────────────────────────────────────────────────────────

const yamlFragment = fc.constantFrom(
  '---',
  '---js',
  '---coffee',
  '---yaml',
  '----',
  '...',
  'id: REQ-2026-001',
  'id: 需求-2024-001',
  'title: ',
  'type: 功能',
  'status: new',
  'scores: { importance: 5, urgency: 4 }',
  'tasks:',
  '  - { id: T1, depends: [T2] }',
  '  - id: T2',
  'priority: P1',
  'related: [REQ-2026-002',
  '&a [x, *a]',
  '*a',
  '!!js/function',
  '!foo',
  '<<: *a',
  '? [a, b]',
  ': c',
  '"unclosed',
  "'it''s'",
  '# comment',
  '\t',
  ' ',
  '  ',
  '|',
  '>-',
  '%YAML 1.2',
  '\uFEFF',
  '\u0000',
  '\u0007',
  '\u202e',
  '\uD800',
  '\uDC00',
  '😀',
  '需求描述',
  '## Description',
  '# Title',
  '希望能更方便',
  '[[[[',
  ']]',
  '{{',
  '}',
);
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
const randomText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: yamlFragment },
      { weight: 2, arbitrary: lineBreak },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** The examples whose records have no problem at all. */
function validExamples(): Array<{ name: string; bytes: Uint8Array; front: number }> {
  const dir = path.join(REPO_ROOT, 'examples/requirements');
  const index = newIndex();
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }))
    .filter(({ name, bytes }) => index.analyzeBytes(name, bytes).problems.length === 0)
    .map((e) => {
      const text = new TextDecoder().decode(e.bytes);
      // The byte length of the front-matter block with its closing fence's line break: where the body starts.
      const fence = text.indexOf('\n---', 3) + 4;
      return { ...e, front: utf8(text.slice(0, text.indexOf('\n', fence) + 1)).length };
    });
}

/** Bytes that matter to the parsers: NUL, line ends, invalid UTF-8 leads, YAML indicators. */
const interestingByte = fc.oneof(
  fc.constantFrom(
    0x00,
    0x0a,
    0x0d,
    0x09,
    0x20,
    0x2d,
    0x3a,
    0x23,
    0x22,
    0x27,
    0x5b,
    0x5d,
    0x7b,
    0x7d,
    0x26,
    0x2a,
    0x21,
    0x7c,
    0x3e,
    0xc0,
    0xc3,
    0xe4,
    0xed,
    0xef,
    0xbb,
    0xbf,
    0xf4,
    0xf8,
    0xfe,
    0xff,
    0x80,
  ),
  fc.integer({ min: 0, max: 255 }),
);
/**
 * Where a mutation lands: in the front-matter (where the parsers work hardest), in the body (the
 * headings, lists and links the body rules read), or anywhere in the file.
 */
type Region = 'front' | 'body' | 'anywhere';
type Mutation = ({ kind: 'insert'; bytes: number[] } | { kind: 'delete'; length: number } | { kind: 'replace'; byte: number }) & {
  region: Region;
  at: number;
};
const region = fc.constantFrom<Region>('front', 'body', 'anywhere');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    region,
    at: fc.nat(),
    bytes: fc.array(interestingByte, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), region, at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('replace' as const), region, at: fc.nat(), byte: interestingByte }),
);

/**
 * Applies the mutations; `front` is the byte length of the front-matter block, followed as
 * insertions and deletions move it. Returns the bytes and where each mutation landed.
 */
function mutate(bytes: Uint8Array, mutations: readonly Mutation[], front: number): { bytes: Uint8Array; landed: Array<'front' | 'body'> } {
  let out = [...bytes];
  let frontEnd = front;
  const landed: Array<'front' | 'body'> = [];
  for (const m of mutations) {
    const [lo, hi] =
      m.region === 'front'
        ? [0, Math.min(out.length, frontEnd)]
        : m.region === 'body'
          ? [Math.min(out.length, frontEnd), out.length]
          : [0, out.length];
    const at = lo + (m.at % (hi - lo + 1));
    landed.push(at < frontEnd ? 'front' : 'body');
    if (m.kind === 'insert') {
      out = [...out.slice(0, at), ...m.bytes, ...out.slice(at)];
      if (at < frontEnd) frontEnd += m.bytes.length;
    } else if (m.kind === 'delete') {
      const removed = Math.min(m.length, out.length - at);
      out = [...out.slice(0, at), ...out.slice(at + m.length)];
      if (at < frontEnd) frontEnd -= Math.min(removed, frontEnd - at);
    } else if (at < out.length) out[at] = m.byte;
  }
  return { bytes: new Uint8Array(out), landed };
}

describe('fuzz: hostile input never breaks parse, validate, index or edit', function () {
  this.timeout(HANG_GUARD_MS + 60_000);

  it('random text with YAML fragments and fences: analyzeRequirement, fast and careful, never throws and keeps ranges in the text', () => {
    check(
      'random text → analyzeRequirement',
      fc.property(randomText, fc.boolean(), (text, fenced) => {
        const input = fenced ? `---\n${text}\n---\n${text}` : text;
        for (const careful of [false, true]) {
          const a = analyzeRequirement(input, CTX, { careful });
          assertRangesInText(a.problems, a.split.text.length, careful ? 'careful' : 'fast');
          for (const p of a.problems) assert.ok(formatMessage(p.code, p.args, 'en').length > 0);
        }
      }),
    );
  });

  it('random byte mutations of the valid examples: decoding and the index update never throw', () => {
    const examples = validExamples();
    assert.ok(examples.length >= 5, `${examples.length} valid examples`);
    const index = newIndex();
    for (const e of examples) index.update(index.analyzeBytes(`requirements/${e.name}`, e.bytes));
    const ids = new Set(index.ids());
    const tally = new CaseTally('byte mutations');
    check(
      'byte mutations → analyzeBytes + index.update',
      fc.property(fc.nat({ max: examples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, mutations) => {
        const { name, bytes, front } = examples[which]!;
        const file = `requirements/${name}`;
        const { bytes: mutated, landed } = mutate(bytes, mutations, front);
        tally.count(
          landed.every((l) => l === 'front')
            ? 'front-matter only'
            : landed.every((l) => l === 'body')
              ? 'body only'
              : 'front-matter and body',
        );
        const record = index.analyzeBytes(file, mutated);
        index.update(record);
        const problems = index.problemsFor(file);
        if (!record.skipped)
          assertRangesInText(problems, splitFile(new TextDecoder('utf-8', { ignoreBOM: true }).decode(mutated)).text.length, name);
        if (mutated.includes(0))
          assert.deepEqual(
            problems.map((p) => p.code),
            ['file-binary'],
          );
        // Back to the original: the index is as it was (no state leaks from the mutation).
        index.update(index.analyzeBytes(file, bytes));
        assert.deepEqual(index.problemsFor(file), []);
        assert.equal(index.ids().length, ids.size);
      }),
    );
    // Both parts of a file are fuzzed: a case counts for the body when a mutation landed there.
    const body = tally.of('body only') + tally.of('front-matter and body');
    const frontMatter = tally.of('front-matter only') + tally.of('front-matter and body');
    console.log(
      `      byte mutations: the body mutated in ${body} of ${tally.total} cases, the front-matter in ${frontMatter} (${tally.summary()})`,
    );
    assert.ok(body >= 0.4 * tally.total, `the body mutated in only ${body} of ${tally.total} cases`);
    assert.ok(frontMatter >= 0.4 * tally.total, `the front-matter mutated in only ${frontMatter} of ${tally.total} cases`);
  });

  it('the kept failing seeds name a property and a seed', () => {
    for (const kept of keptSeeds()) {
      assert.ok(PROPERTIES.includes(kept.property), `${SEEDS_FILE}: unknown property ${kept.property}`);
      assert.ok(Number.isInteger(kept.seed), `${SEEDS_FILE}: seed ${kept.seed}`);
      assert.ok(kept.path === undefined || /^\d+(:\d+)*$/.test(kept.path), `${SEEDS_FILE}: path ${kept.path}`);
    }
  });

  it('editFields on mutated records with random changes either refuses with a message or changes only the targeted value', () => {
    const base = [
      '---',
      'id: REQ-2026-001  # the ID',
      'title: "Scan pallets: goods-in"',
      'type: functional',
      "status: 'new'",
      'owner: 李四',
      'scores: { importance: 4, urgency: 3 }',
      'customer:',
      '  name: Northwind',
      'tasks:',
      '  - { id: T1, title: UI, start: 2026-03-02, days: 3 }',
      '  - id: T2',
      '    depends: [T1]',
      'jira: ABC-1 # unknown keys stay',
      '---',
      '# Title',
      '',
    ].join('\n');
    const variants = [base, base.replace(/\n/g, '\r\n'), `\uFEFF${base}`];
    const pathArb = fc.constantFrom<Array<string | number>>(
      ['status'],
      ['priority'],
      ['title'],
      ['owner'],
      ['scores', 'urgency'],
      ['scores', 'feasibility'],
      ['customer', 'name'],
      ['customer', 'tier'],
      ['tasks', 0, 'status'],
      ['tasks', 1, 'days'],
      ['milestones', 'planned_done'],
      ['related'],
      ['jira'],
      ['new_key'],
    );
    const valueArb: fc.Arbitrary<FieldValue | undefined> = fc.oneof(
      fc.constantFrom<FieldValue | undefined>(
        undefined,
        null,
        true,
        5,
        0,
        -1,
        2.5,
        'planned',
        '进行中',
        '',
        ' ',
        'a: b',
        '#x',
        '"q"',
        "it's",
        '- x',
        '[a]',
        '{a: 1}',
        '2026-02-30',
        'yes',
        '~',
        '*a',
        '&b',
        '!x',
        'line\nbreak',
        '\t',
      ),
      fc.string({ maxLength: 8 }),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    );
    const textMutation = fc.tuple(
      fc.nat(),
      fc.nat({ max: 4 }),
      fc.constantFrom('', ' ', '\n', '\r', ':', '#', '"', "'", '-', '[', '{', '}', ']', '&', '*', '!', '\t', '---\n', '需', '\u0000', 'x'),
    );
    check(
      'mutated record + random changes → editFields',
      fc.property(
        fc.nat({ max: variants.length - 1 }),
        fc.array(textMutation, { maxLength: 3 }),
        fc.array(fc.record({ path: pathArb, value: valueArb }), { minLength: 1, maxLength: 3 }),
        (variant, mutations, rawChanges) => {
          let text = variants[variant]!;
          for (const [at, del, insert] of mutations) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + del);
          }
          const changes: FieldChange[] = rawChanges.map((c) => ({ path: [...c.path], value: c.value }));
          const result = editFields(text, changes);
          const split = splitFile(text, true);
          const before = split.frontMatter?.closed ? loadYamlCareful(split.frontMatter.yaml) : undefined;
          if (!result.ok) {
            assert.ok(
              localizeLater('en', result.text).length > 0 && /[\u4e00-\u9fff]/.test(localizeLater('zh-cn', result.text)),
              result.code,
            );
            return;
          }
          // It only edits a file whose front-matter reads cleanly as a mapping.
          assert.ok(before && before.issues.length === 0, 'edited a file with YAML errors');
          const fm = split.frontMatter!;
          const bodyless = split.text;
          // Edits are in range, do not overlap, and stay inside the front-matter.
          const sorted = [...result.edits].sort((a, b) => a.start - b.start);
          const closingLine = bodyless.indexOf('\n---', fm.yamlStart) + 1;
          let at = 0;
          for (const e of sorted) {
            assert.ok(e.start >= at && e.end >= e.start && e.end <= bodyless.length, 'overlapping or out-of-range edit');
            assert.ok(e.start >= fm.yamlStart && e.end <= closingLine, 'edit outside the front-matter');
            at = e.end;
          }
          const after = applyTextEdits(text, result.edits);
          // Everything outside the edit ranges is byte-identical (BOM and body included).
          let rebuilt = '';
          let cursor = 0;
          for (const e of sorted) {
            rebuilt += bodyless.slice(cursor, e.start) + e.newText;
            cursor = e.end;
          }
          rebuilt += bodyless.slice(cursor);
          assert.equal(after, split.bom ? `\uFEFF${rebuilt}` : rebuilt);
          assert.ok(after.endsWith(bodyless.slice(split.bodyStart)), 'the body changed');
          // A value replaced in place: the edit touches only that value's bytes.
          if (changes.length === 1 && changes[0]!.value !== undefined && !Array.isArray(changes[0]!.value)) {
            const node = nodeAtPath(before.doc, changes[0]!.path).value;
            // (An empty value — `status: # note` — has no bytes to stay within: the edit inserts after the colon.)
            if (YAML.isScalar(node) && node.range && node.range[1] > node.range[0]) {
              for (const e of sorted)
                assert.ok(
                  e.start >= fm.yamlStart + node.range[0] && e.end <= fm.yamlStart + node.range[1],
                  'a replacement reached beyond the value',
                );
            }
          }
          // Read back independently: the targets hold the requested values, everything else is unchanged.
          const reread = YAML.parseDocument(splitFile(after, true).frontMatter!.yaml, { schema: 'core', logLevel: 'error' }).toJS() ?? {};
          const expected = structuredClone((before.value ?? {}) as Record<string, unknown>);
          for (const c of changes)
            setAt(expected, c.path, c.value === undefined ? undefined : c.value === null ? null : structuredClone(c.value));
          assert.deepEqual(prune(reread), prune(expected));
        },
      ),
    );
  });

  it('editFields refuses a front-matter with lone CR line ends, and one nested too deep', () => {
    const cr = editFields('---\rid: REQ-2026-001\rtitle: T\rtype: functional\rstatus: new\r---\r', [
      { path: ['status'], value: 'planned' },
    ]);
    assert.equal(cr.ok, false);
    assert.match(!cr.ok ? localizeLater('en', cr.text) : '', /lone CR/);
    const deep = editFields(`---\nid: REQ-2026-001\nstatus: new\nx: ${'['.repeat(200)}${']'.repeat(200)}\n---\n`, [
      { path: ['status'], value: 'planned' },
    ]);
    assert.equal(deep.ok, false);
    assert.match(!deep.ok ? localizeLater('en', deep.text) : '', /nested more than 100 levels deep/);
  });
});

/** Sets (or, with undefined, removes) a value at a path, creating maps on the way. */
function setAt(target: Record<string, unknown>, p: ReadonlyArray<string | number>, value: unknown): void {
  let current: Record<string | number, unknown> = target;
  for (const segment of p.slice(0, -1)) {
    if (current[segment] === undefined || current[segment] === null || typeof current[segment] !== 'object') {
      if (value === undefined) return;
      current[segment] = {};
    }
    current = current[segment] as Record<string | number, unknown>;
  }
  const last = p[p.length - 1]!;
  if (value === undefined) delete current[last];
  else current[last] = value;
}

/** Drops keys whose value is undefined (absent and undefined read the same). */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, prune(v)]),
    );
  return value;
}
