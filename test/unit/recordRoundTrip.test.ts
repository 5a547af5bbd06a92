// Export → import loses nothing: the record table of a workspace, imported into an empty folder,
// gives records whose data and whose sections (the four essentials and the rest of the body) are
// those of the originals. Over every record of examples/ (CSV and Excel, both languages) and over
// generated records (fast-check).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { tableToCsv, type ParsedCsv, type Table } from '../../src/core/csv';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex, type RequirementRecord } from '../../src/core/index';
import type { Language } from '../../src/core/messages';
import { bodyParts } from '../../src/core/recordBody';
import { planImport, recordTableOf, type ImportPlan } from '../../src/core/recordTable';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { readWorkbook, writeWorkbook } from '../../src/files/workbook';
import * as YAML from 'yaml';
import { MemorySource, REPO_ROOT } from './support';

const grammar = compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat);

async function indexOf(files: ReadonlyMap<string, string>): Promise<{ records: RequirementRecord[]; texts: Map<string, string> }> {
  const index = new RequirementIndex(DEFAULT_SETTINGS, grammar);
  const source = new MemorySource();
  for (const [file, text] of files) source.set(file, text);
  await index.build(source);
  return { records: index.all(), texts: new Map(files) };
}

function tableOf(records: readonly RequirementRecord[], texts: ReadonlyMap<string, string>, lang: Language): Table {
  return recordTableOf(
    records.map((record) => ({ record, text: texts.get(record.file)! })),
    lang,
  );
}

function importInto(plan: ImportPlan): Map<string, string> {
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.refused, [], JSON.stringify(plan.refused));
  return new Map(plan.create.map((c) => [c.file, c.text]));
}

const planOf = (input: { bytes: Uint8Array } | { sheet: ParsedCsv }, lang: Language) =>
  planImport({
    ...input,
    grammar,
    settings: DEFAULT_SETTINGS,
    today: '2026-06-01',
    lang,
    taken: new Map(),
    folder: 'requirements',
    exists: () => false,
  });

/** What must come back: per ID, the data and the body's parts. */
function contentOf(records: readonly RequirementRecord[], texts: ReadonlyMap<string, string>) {
  return new Map(records.map((r) => [r.id!, { data: r.data, body: bodyParts(texts.get(r.file)!, r.data.title ?? r.title) }]));
}

async function assertRoundTrip(files: ReadonlyMap<string, string>, lang: Language, via: 'csv' | 'xlsx'): Promise<void> {
  const original = await indexOf(files);
  const table = tableOf(original.records, original.texts, lang);
  const bytes = via === 'csv' ? new TextEncoder().encode(tableToCsv(table)) : await writeWorkbook(table, lang);
  const read = via === 'csv' ? { bytes } : await readWorkbook(bytes);
  if ('error' in read) assert.fail(read.error);
  const imported = await indexOf(importInto(planOf(read, lang)));
  assert.deepEqual(contentOf(imported.records, imported.texts), contentOf(original.records, original.texts));
  // And the imported records export as the same table.
  assert.deepEqual(tableOf(imported.records, imported.texts, lang), table);
}

function examples(): Map<string, string> {
  const dir = path.join(REPO_ROOT, 'examples/requirements');
  const files = new Map<string, string>();
  // The deliberately broken examples (a duplicate ID, invalid values) cannot be imported.
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md') && !/^REQ-2026-09\d/.test(n)))
    files.set(`requirements/${name}`, readFileSync(path.join(dir, name), 'utf8'));
  return files;
}

describe('record table: export → import loses nothing', () => {
  for (const via of ['csv', 'xlsx'] as const) {
    for (const lang of ['en', 'zh-cn'] as const) {
      it(`every record of examples/, as ${via}, ${lang}: the same data and sections`, async () => {
        const files = examples();
        assert.ok(files.size >= 20);
        await assertRoundTrip(files, lang, via);
      });
    }
  }
});

/** Text a cell could hold: CJK, separators, quotes, formula characters, slashes, apostrophes. */
const word = fc.string({
  unit: fc.constantFrom('a', 'Z', '中', '文', ' ', ',', ';', '"', "'", '=', '+', '-', '@', '/', ':', '#', '|', '1'),
  minLength: 1,
  maxLength: 12,
});
const line = word.map((w) => w.trim()).filter((w) => w !== '' && !/^[#=\-+*>|`~]|^\d+[.)]|^'/.test(w) && !/[<[\]]/.test(w));
/** A section's text: lines and bullets, maybe a third-level heading that names no essential. */
const sectionText = fc
  .array(
    fc.oneof(
      line,
      line.map((l) => `- ${l}`),
      fc.constant('### Details'),
    ),
    { maxLength: 4 },
  )
  .map((lines) => lines.join('\n'));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const generatedRecord = fc.record({
  title: line,
  type: fc.constantFrom('functional', 'experience', 'business', 'service', '功能'),
  status: fc.constantFrom('new', 'analyzing', 'planned', 'closed', 'verified', '已验证', '进行中'),
  customer: maybe(
    fc.record(
      {
        name: word,
        contact: maybe(word),
        industry: maybe(word),
        size: maybe(fc.constantFrom('small', '大型')),
        tier: maybe(fc.constantFrom('key', 'new')),
      },
      { requiredKeys: ['name'] },
    ),
  ),
  source: maybe(fc.constantFrom('interview', 'complaint', '问卷')),
  submitted: maybe(fc.constantFrom('2024-03-15', '2026-01-02')),
  horizon: maybe(fc.constantFrom('immediate', 'long-term')),
  related: maybe(fc.array(word, { maxLength: 3 })),
  scores: maybe(fc.record({ importance: fc.integer({ min: 1, max: 5 }), urgency: fc.integer({ min: 1, max: 5 }) })),
  owner: maybe(word),
  risks: maybe(fc.array(word, { maxLength: 3 })),
  tasks: maybe(fc.array(fc.record({ title: word, days: fc.integer({ min: 0, max: 9 }) }), { maxLength: 3 })),
  outcome: maybe(
    fc.record(
      {
        degree: fc.constantFrom('full', 'partial', 'alternative', 'declined', '部分满足', '未满足'),
        measured: maybe(fc.oneof(word, fc.integer({ min: -100, max: 100 }), fc.constant(12.5))),
        note: maybe(word),
      },
      { requiredKeys: ['degree'] },
    ),
  ),
  team_note: maybe(word),
  background: sectionText,
  description: sectionText,
  goal: sectionText,
  lead: maybe(line),
  notes: maybe(sectionText),
});

type Generated = typeof generatedRecord extends fc.Arbitrary<infer T> ? T : never;

function fileOf(r: Generated, i: number): [string, string] {
  const id = `REQ-2026-${String(i + 1).padStart(3, '0')}`;
  const { background, description, goal, lead, notes, tasks, ...fields } = r;
  const data = Object.fromEntries(
    Object.entries({ id, ...fields, tasks: tasks?.map((t, n) => ({ id: `T${n + 1}`, start: '2026-01-05', ...t })) }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  const body = [
    `# ${r.title}`,
    ...(lead ? [lead] : []),
    '## 客户背景',
    background,
    '## 需求描述',
    description,
    '## 期望目标',
    goal,
    ...(notes !== undefined ? ['## Notes', notes] : []),
  ].join('\n\n');
  return [`requirements/${id}.md`, `---\n${YAML.stringify(data)}---\n${body}\n`];
}

describe('record table: export → import loses nothing (generated records)', () => {
  it('any record, as CSV: the same data and sections', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(generatedRecord, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('en', 'zh-cn') as fc.Arbitrary<Language>,
        async (records, lang) => {
          const files = new Map(records.map(fileOf));
          const { records: indexed } = await indexOf(files);
          // Only valid records are promised to come back.
          fc.pre(indexed.every((r) => !r.problems.some((p) => p.severity === 'error')));
          await assertRoundTrip(files, lang, 'csv');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any record, as an Excel workbook: the same data and sections', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(generatedRecord, { minLength: 1, maxLength: 3 }), async (records) => {
        const files = new Map(records.map(fileOf));
        const { records: indexed } = await indexOf(files);
        fc.pre(indexed.every((r) => !r.problems.some((p) => p.severity === 'error')));
        await assertRoundTrip(files, 'zh-cn', 'xlsx');
      }),
      { numRuns: 40 },
    );
  });
});
