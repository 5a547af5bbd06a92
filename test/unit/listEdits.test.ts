import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sampleOr } from './arbitraries';
import { applyTextEdits } from '../../src/core/edits';
import { loadYamlCareful, splitFile } from '../../src/core/frontmatter';
import { localizeLater } from '../../src/core/l10n';
import { appendListItem, nextTaskId, type ListItem } from '../../src/core/listEdits';
import { CaseTally } from './caseTally';
import { bom, crlf } from './support';

const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n# Body\n\n## 需求描述\ntext\n`;

function append(text: string, key: string, item: ListItem): string {
  const r = appendListItem(text, key, item);
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${localizeLater('en', r.text)}`);
  // Inserted lines only (or an empty token replaced): never a change of existing bytes.
  for (const e of r.edits)
    assert.ok(
      e.start === e.end || /^ ?(~|null|\[\s*\])$/.test(text.replace(/^\uFEFF/, '').slice(e.start, e.end)),
      `edit replaces ${JSON.stringify(text.slice(e.start, e.end))}`,
    );
  return applyTextEdits(text, r.edits);
}

function data(text: string): Record<string, unknown> {
  const loaded = loadYamlCareful(splitFile(text, true).frontMatter!.yaml);
  assert.deepEqual(loaded.issues, []);
  return loaded.value as Record<string, unknown>;
}

/**
 * Checks an append: the edits only insert (or drop an empty `~`/`null`/`[]` token), the body is
 * untouched, and the front-matter reads back as the old data with exactly the item added to `key`.
 */
function assertAppended(
  text: string,
  key: string,
  item: ListItem,
  edits: ReadonlyArray<{ start: number; end: number; newText: string }>,
): void {
  const bare = text.replace(/^\uFEFF/, '');
  for (const e of edits)
    assert.ok(
      e.start === e.end || /^ ?(~|null|Null|NULL|\[\s*\])$/.test(bare.slice(e.start, e.end)),
      `edit replaces ${JSON.stringify(bare.slice(e.start, e.end))}`,
    );
  const out = applyTextEdits(text, edits);
  const split = splitFile(text, true);
  assert.equal(splitFile(out, true).text.slice(splitFile(out, true).bodyStart), split.text.slice(split.bodyStart), 'the body is unchanged');
  assert.equal(out.startsWith('\uFEFF'), text.startsWith('\uFEFF'), 'the BOM is kept');
  const before = (loadYamlCareful(split.frontMatter!.yaml).value ?? {}) as Record<string, unknown>;
  const old = Array.isArray(before[key]) ? (before[key] as unknown[]) : [];
  const added = typeof item === 'string' ? item : Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
  assert.deepEqual(data(out), { ...before, [key]: [...old, added] });
}

// ── generated front-matters: each list key written in one of the layouts files use ──────────

/** What the append must do with a generated case: add the item, or refuse with this code. */
type Expect = 'ok' | 'not-a-block-list' | 'yaml-errors' | 'unsupported-value' | 'no-front-matter';
const LIST_KEYS = ['tasks', 'risks', 'feedback', 'changes'] as const;
const word = fc.constantFrom(
  'UI',
  'API',
  '导出',
  'late data',
  'a: b',
  '#1',
  'x # y',
  '- z',
  'true',
  '1.5',
  '2026-03-01',
  "it's",
  '"q"',
  '需求 描述',
  '~',
  'null',
  '',
);
const scalar = fc.oneof(word, fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 99 }), fc.boolean());
const comment = fc.constantFrom('', '', '  # note', ' # 备注');

/** A mapping item as written under a dash at `col`, in block (`- id: T1` / `  title: …`) or flow (`- { … }`) style. */
const mappingItem = (col: number) =>
  fc
    .tuple(
      fc.uniqueArray(fc.constantFrom('id', 'title', 'owner', 'days', 'date', 'note', 'depends'), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
    )
    .map(([keys, flow, keyOffset, blockScalar]) => {
      const pad = ' '.repeat(col);
      const value = (k: string) => (k === 'depends' ? '[T1, T2]' : k === 'days' ? '3' : k === 'date' ? '2026-03-01' : `v-${k}`);
      if (flow) return [`${pad}- { ${keys.map((k) => `${k}: ${value(k)}`).join(', ')} }`];
      const lines = keys.map((k, i) => `${i === 0 ? `${pad}-${' '.repeat(keyOffset)}` : ' '.repeat(col + 1 + keyOffset)}${k}: ${value(k)}`);
      // A block scalar as the item's last value, followed by a blank line.
      if (blockScalar) lines.push(`${' '.repeat(col + 1 + keyOffset)}request: |`, `${' '.repeat(col + 3 + keyOffset)}line one`, '');
      return lines;
    });
const textItem = (col: number) =>
  fc.tuple(fc.constantFrom('late data', '"quoted"', '导出太慢', 'a - b'), comment).map(([t, c]) => [`${' '.repeat(col)}- ${t}${c}`]);

/** A list key in one layout, with what appending to it must do. */
const listValue = (key: string): fc.Arbitrary<{ lines: string[]; expect: Expect }> =>
  fc.oneof(
    // Empty: the key alone, `~`, `null` or `[]`, a comment kept.
    fc.tuple(fc.constantFrom('', ' ~', ' null', ' []'), comment).map(([v, c]) => ({ lines: [`${key}:${v}${c}`], expect: 'ok' as Expect })),
    // A block list with one to three items, dashes at the key's column or indented.
    fc.tuple(fc.constantFrom(0, 2, 4), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.boolean()).chain(([col, n, mappings, trailing]) =>
      fc.array(mappings ? mappingItem(col) : textItem(col), { minLength: n, maxLength: n }).map((items) => ({
        lines: [`${key}:`, ...items.flat(), ...(trailing ? ['', '# trailing comment'] : [])],
        expect: 'ok' as Expect,
      })),
    ),
    // Written so that an item cannot be appended as lines: refused.
    fc
      .constantFrom(`${key}: [a, b]`, `${key}: [{ id: T1 }]`, `${key}: just one`, `${key}:\n  a: b`, `${key}: 3`)
      .map((l) => ({ lines: l.split('\n'), expect: 'not-a-block-list' as Expect })),
  );

const generatedCase = fc
  .record({
    others: fc.subarray([
      'id: REQ-2026-001',
      'title: Scan pallets  # why',
      'owner: 张三',
      'scores: { importance: 4, urgency: 3 }',
      'customer:\n  name: 客户A',
    ]),
    lists: fc.subarray([...LIST_KEYS]).chain((keys) => fc.tuple(...keys.map((k) => listValue(k).map((v) => [k, v] as const)))),
    key: fc.constantFrom(...LIST_KEYS),
    item: fc.oneof(
      { weight: 2, arbitrary: fc.oneof(word, fc.string({ maxLength: 8 })).filter((w) => w !== '') as fc.Arbitrary<ListItem> },
      {
        weight: 3,
        arbitrary: fc.dictionary(
          fc.constantFrom('id', 'title', 'owner', 'days', 'date', 'satisfaction', 'note', 'status'),
          fc.oneof(scalar, fc.array(word, { maxLength: 3 })),
          { minKeys: 1, maxKeys: 4 },
        ) as fc.Arbitrary<ListItem>,
      },
      // Not writable: an empty item, a value YAML cannot hold.
      { weight: 1, arbitrary: fc.constantFrom<ListItem>({}, { id: 'T1', days: Number.NaN }, { id: 'T1', days: Number.POSITIVE_INFINITY }) },
    ),
    // Mostly sound files; some with a YAML error or no front-matter at all.
    broken: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('unclosed', 'duplicate', 'no front-matter') },
    ),
    shuffle: fc.nat(),
    useCrlf: fc.boolean(),
    useBom: fc.boolean(),
  })
  .map(({ others, lists, key, item, broken, shuffle, useCrlf, useBom }) => {
    const blocks = [...others.map((o) => o.split('\n')), ...lists.map(([, v]) => v.lines)];
    // The blocks in an order of their own: rotate by a generated amount.
    const rotated = blocks.length ? [...blocks.slice(shuffle % blocks.length), ...blocks.slice(0, shuffle % blocks.length)] : [];
    const lines = rotated.flat();
    if (broken === 'unclosed') lines.push('bad: [unclosed');
    if (broken === 'duplicate') lines.push('owner: A', 'owner: B');
    let text =
      broken === 'no front-matter' ? `# ${lines.join(' ')}\n\nbody\n` : `---\n${lines.join('\n')}\n---\n# Body\n\n## 需求描述\ntext\n`;
    if (useCrlf) text = crlf(text);
    if (useBom) text = bom(text);
    const target = lists.find(([k]) => k === key)?.[1];
    const unwritable =
      typeof item !== 'string' &&
      (Object.keys(item).length === 0 || Object.values(item).some((v) => typeof v === 'number' && !Number.isFinite(v)));
    // The order in which appendListItem checks: the file, then the item, then the list.
    const expect: Expect =
      broken === 'no front-matter'
        ? 'no-front-matter'
        : broken
          ? 'yaml-errors'
          : unwritable
            ? 'unsupported-value'
            : (target?.expect ?? 'ok');
    return { text, key, item, expect };
  });

const TASK = { id: 'T3', title: '新任务', owner: '李四', days: 2, depends: ['T2'] };

describe('list edits: appending an item', () => {
  it('adds a task to an indented block list, aligned with the others', () => {
    // The lines before the new item stay as they were, comment and all.
    const before = [
      'id: REQ-2026-001',
      'tasks:',
      '  - id: T1',
      '    title: UI',
      '    start: 2026-03-02',
      '    days: 2   # estimate',
      '  - id: T2',
      '    title: API',
      '    depends: [T1]',
    ];
    const text = fm(...before, 'risks:', '  - late data');
    const out = append(text, 'tasks', TASK);
    assert.equal(
      out,
      fm(...before, '  - id: T3', '    title: 新任务', '    owner: 李四', '    days: 2', '    depends: [T2]', 'risks:', '  - late data'),
    );
  });

  it('follows items written at the key’s column', () => {
    const text = fm('id: X', 'tasks:', '- id: T1', '  title: UI', '  start: 2026-03-02', 'owner: 张三');
    assert.equal(
      append(text, 'tasks', { id: 'T2', start: '2026-03-05' }),
      fm('id: X', 'tasks:', '- id: T1', '  title: UI', '  start: 2026-03-02', '- id: T2', '  start: 2026-03-05', 'owner: 张三'),
    );
  });

  it('follows items whose keys sit further after the dash (`-   id: T1`)', () => {
    const text = fm('changes:', '-   date: 2026-03-01', '    request: CSV', 'owner: 张三');
    assert.equal(
      append(text, 'changes', { date: '2026-03-02', request: 'PDF' }),
      fm('changes:', '-   date: 2026-03-01', '    request: CSV', '-   date: 2026-03-02', '    request: PDF', 'owner: 张三'),
    );
  });

  it('writes a one-line item where the list uses { … } items', () => {
    const text = fm(
      'tasks:',
      '  - { id: T1, title: UI, start: 2026-03-02, days: 3 }',
      '  - { id: T2, title: API, depends: [T1], days: 5 }  # next',
    );
    assert.equal(
      append(text, 'tasks', { id: 'T3', title: 'a, b', depends: ['T1', 'T2'] }),
      fm(
        'tasks:',
        '  - { id: T1, title: UI, start: 2026-03-02, days: 3 }',
        '  - { id: T2, title: API, depends: [T1], days: 5 }  # next',
        '  - { id: T3, title: "a, b", depends: [T1, T2] }',
      ),
    );
  });

  it('appends a risk as plain text, quoting what YAML would misread', () => {
    const text = fm('risks:', '  - first # why', '', '# trailing comment', 'owner: 张三');
    const out = append(text, 'risks', 'true');
    assert.deepEqual(data(out).risks, ['first', 'true']);
    assert.equal(out, fm('risks:', '  - first # why', '  - "true"', '', '# trailing comment', 'owner: 张三'));
    assert.deepEqual(data(append(text, 'risks', '- 20%: maybe #1')).risks, ['first', '- 20%: maybe #1']);
  });

  it('creates the list when the key is absent, in the file’s list indentation', () => {
    assert.equal(
      append(fm('id: X', 'title: T'), 'feedback', { date: '2026-03-01', satisfaction: 2, note: '导出太慢' }),
      fm('id: X', 'title: T', 'feedback:', '  - date: 2026-03-01', '    satisfaction: 2', '    note: 导出太慢'),
    );
    const flush = fm('id: X', 'reviews:', '- date: 2026-01-01');
    assert.equal(
      append(flush, 'changes', { date: '2026-03-02', request: 'CSV', decision: 'pending' }),
      fm('id: X', 'reviews:', '- date: 2026-01-01', 'changes:', '- date: 2026-03-02', '  request: CSV', '  decision: pending'),
    );
  });

  it('fills an empty key, ~ and [] (the token goes, the rest of the line stays)', () => {
    assert.equal(append(fm('risks:', 'owner: A'), 'risks', 'r'), fm('risks:', '  - r', 'owner: A'));
    assert.equal(append(fm('risks: ~  # none yet', 'owner: A'), 'risks', 'r'), fm('risks:  # none yet', '  - r', 'owner: A'));
    assert.equal(append(fm('risks: []', 'owner: A'), 'risks', 'r'), fm('risks:', '  - r', 'owner: A'));
  });

  it('creates the list in an empty front-matter', () => {
    assert.equal(append('---\n---\nbody\n', 'risks', 'r'), '---\nrisks:\n  - r\n---\nbody\n');
  });

  it('keeps CRLF line breaks and a BOM', () => {
    const text = bom(crlf(fm('id: X', 'tasks:', '  - id: T1', '    start: 2026-03-02')));
    const out = append(text, 'tasks', { id: 'T2', depends: ['T1'] });
    assert.equal(out, bom(crlf(fm('id: X', 'tasks:', '  - id: T1', '    start: 2026-03-02', '  - id: T2', '    depends: [T1]'))));
    assert.ok(!/[^\r]\n/.test(out));
  });

  it('adds after a block scalar without eating the blank line', () => {
    const text = fm('changes:', '  - date: 2026-03-01', '    request: |', '      line one', '', 'owner: A');
    const out = append(text, 'changes', { date: '2026-03-02', request: 'two' });
    assert.deepEqual(data(out).changes, [
      { date: '2026-03-01', request: 'line one\n' },
      { date: '2026-03-02', request: 'two' },
    ]);
  });

  it('refuses a flow list, a key that is not a list and a file with YAML errors, in both languages', () => {
    const flow = appendListItem(fm('tasks: [{ id: T1, start: 2026-01-01 }]'), 'tasks', TASK);
    assert.ok(!flow.ok);
    assert.equal(flow.code, 'not-a-block-list');
    assert.match(localizeLater('en', flow.text), /flow list/);
    assert.match(localizeLater('zh-cn', flow.text), /流式列表/);
    const scalar = appendListItem(fm('risks: just one'), 'risks', 'r');
    assert.ok(!scalar.ok && scalar.code === 'not-a-block-list');
    const broken = appendListItem(fm('tasks:', '  - id: T1', ' bad: [unclosed'), 'tasks', TASK);
    assert.ok(!broken.ok && broken.code === 'yaml-errors');
    const none = appendListItem('# no front-matter\n', 'risks', 'r');
    assert.ok(!none.ok && none.code === 'no-front-matter');
    const empty = appendListItem(fm('id: X'), 'tasks', { id: undefined });
    assert.ok(!empty.ok && empty.code === 'unsupported-value');
  });

  it('appends to generated front-matters in every list layout, and refuses exactly where it must', () => {
    const tally = new CaseTally('list edits (generated front-matters)');
    fc.assert(
      fc.property(generatedCase, ({ text, key, item, expect }) => {
        const r = appendListItem(text, key, item);
        tally.count(r.ok ? 'appended' : `refused: ${r.code}`);
        if (expect !== 'ok') {
          assert.ok(!r.ok, `expected ${expect}, but the item was added:\n${text}`);
          assert.equal(r.code, expect, `${localizeLater('en', r.text)}\n${text}`);
          assert.ok(localizeLater('en', r.text).length > 0 && /[\u4e00-\u9fff]/.test(localizeLater('zh-cn', r.text)), r.code);
          return;
        }
        assert.ok(r.ok, r.ok ? '' : `${r.code}: ${localizeLater('en', r.text)}\n${text}`);
        assertAppended(text, key, item, r.edits);
      }),
      { numRuns: 1000 },
    );
    tally.log('appended');
    // Most cases reach the read-back check; every kind of refusal occurs too.
    tally.atLeast('appended', 0.5);
    for (const code of ['not-a-block-list', 'yaml-errors', 'unsupported-value', 'no-front-matter'])
      assert.ok(tally.of(`refused: ${code}`) > 0, `no ${code} case (${tally.summary()})`);
  });

  it('never throws on random lines, and either only inserts (reading back as old data plus the item) or refuses', () => {
    const LINE_SAMPLES = [
      'tasks:',
      '  - id: T1',
      '- id: T1',
      '    title: x',
      '  title: y',
      'risks:',
      '  - r',
      'risks: [a]',
      'risks: ~',
      '# c',
      '',
      'a: b',
      '  - { id: T1 }',
      'feedback:',
      '    - date: 2026-01-01',
      '\tx: y',
      '  "q": |',
      '    block',
    ];
    const line = sampleOr(LINE_SAMPLES, fc.string({ maxLength: 12 }));
    const tally = new CaseTally('list edits (random lines)');
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 10 }),
        fc.constantFrom('tasks', 'risks', 'feedback'),
        fc.boolean(),
        fc.oneof(fc.string({ maxLength: 8 }), fc.constant<ListItem>({ id: 'T9', title: 'x: y', depends: ['T1'] })),
        (lines, key, useCrlf, item) => {
          let text = `---\n${lines.join('\n')}\n---\nbody\n`;
          if (useCrlf) text = crlf(text);
          const r = appendListItem(text, key, item);
          tally.count(r.ok ? 'appended' : `refused: ${r.code}`);
          if (!r.ok) {
            assert.ok(localizeLater('en', r.text) && localizeLater('zh-cn', r.text));
            return;
          }
          assertAppended(text, key, item, r.edits);
        },
      ),
      { numRuns: 400 },
    );
    // Random lines are mostly broken YAML: refusals dominate here, and the generated front-matters
    // above are what reach the read-back check. Logged so the share is known, not assumed.
    tally.log('appended');
    tally.atLeast('appended', 0.05);
  });
});

describe('list edits: next task ID', () => {
  it('is one above the highest T<n>, ignoring other IDs', () => {
    assert.equal(nextTaskId(undefined), 'T1');
    assert.equal(nextTaskId([{ id: 'T1' }, { id: 'T7' }, { id: 'setup' }, null, 'x', { id: 'T3' }]), 'T8');
  });
});
