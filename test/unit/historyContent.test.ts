// The history model on every field and the four essential sections, and how an entry reads: no
// git, only the texts a file had commit by commit.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { historyOf, type FileVersion, type HistoryEntry } from '../../src/core/history';
import { describeHistoryEntry, sectionExcerpts } from '../../src/core/historyText';
import { CaseTally } from './caseTally';
import { requirementFile } from './historyFixtures';

/** Versions one day apart, hashes c1, c2… */
function versions(...texts: Array<string | undefined>): FileVersion[] {
  return texts.map((text, i) => ({
    commit: `c${i + 1}`,
    author: i % 2 ? '张三' : 'Ada',
    date: `2026-01-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`,
    path: 'requirements/需求-2026-007.md',
    text,
  }));
}

const FRONT = ['id: 需求-2026-007', 'title: 门店补货预警', 'type: 功能', 'status: 分析中'];

/** A body with the four essentials under Chinese headings (or others given). */
function body(
  parts: Partial<Record<'描述' | '背景' | '场景' | '目标', string>> = {},
  headings = ['需求描述', '客户背景', '需求场景', '期望目标'],
): string {
  const texts = [
    parts.描述 ?? '门店库存低于安全库存时提醒店长。',
    parts.背景 ?? '连锁超市，120 家门店。',
    parts.场景 ?? '每天早上 8 点盘点后，店长在手机上看到需要补货的商品。',
    parts.目标 ?? '缺货率从 6% 降到 2% 以下。',
  ];
  return `# 门店补货预警\n\n${headings.map((h, i) => `## ${h}\n\n${texts[i]}\n`).join('\n')}`;
}

/** The entries after the first (the creation lists everything). */
function later(...texts: string[]): HistoryEntry[] {
  return historyOf(versions(...texts)).slice(1);
}

describe('history: every field and the four essential sections', () => {
  it('a commit that changes only 期望目标 is a section change, with who and when', () => {
    const before = requirementFile(FRONT, body());
    const after = requirementFile(FRONT, body({ 目标: '缺货率从 6% 降到 1% 以下，补货建议在 8:30 前送达。' }));
    assert.deepEqual(later(before, after), [
      {
        commit: 'c2',
        author: '张三',
        date: '2026-01-02T10:00:00+08:00',
        path: 'requirements/需求-2026-007.md',
        fileEvents: [],
        changes: [],
        sections: [{ section: 'goal', from: '缺货率从 6% 降到 2% 以下。', to: '缺货率从 6% 降到 1% 以下，补货建议在 8:30 前送达。' }],
      },
    ]);
  });

  it('each essential under its English heading too; a section emptied or written for the first time', () => {
    const english = ['Description', 'Customer background', 'Scenario', 'Expected goal'];
    const v1 = requirementFile(FRONT, body({ 场景: '' }, english));
    const v2 = requirementFile(FRONT, body({ 描述: 'Warn the store manager below the safety stock.' }, english));
    const v3 = requirementFile(
      FRONT,
      body({ 描述: 'Warn the store manager below the safety stock.', 背景: '<!-- who is the customer? -->' }, english),
    );
    assert.deepEqual(
      later(v1, v2, v3).map((e) => e.sections),
      [
        [
          { section: 'description', from: '门店库存低于安全库存时提醒店长。', to: 'Warn the store manager below the safety stock.' },
          { section: 'scenario', from: undefined, to: '每天早上 8 点盘点后，店长在手机上看到需要补货的商品。' },
        ],
        [{ section: 'background', from: '连锁超市，120 家门店。', to: undefined }],
      ],
    );
  });

  it('the creation lists every essential that has text, after the fields', () => {
    const [created] = historyOf(versions(requirementFile(FRONT, body({ 背景: '' }))));
    assert.deepEqual(
      created!.sections!.map((s) => [s.section, s.from, s.to]),
      [
        ['description', undefined, '门店库存低于安全库存时提醒店长。'],
        ['scenario', undefined, '每天早上 8 点盘点后，店长在手机上看到需要补货的商品。'],
        ['goal', undefined, '缺货率从 6% 降到 2% 以下。'],
      ],
    );
    assert.equal(created!.otherTextChanged, undefined);
  });

  it('a key the schema does not know, at the top or nested, is a field change', () => {
    const v1 = requirementFile([...FRONT, 'region: 华东', 'customer:', '  name: 华美超市', '  wechat: hm-ops'], body());
    const v2 = requirementFile([...FRONT, 'region: 华南', 'customer:', '  name: 华美超市', '  wechat: hm-ops-2', '  stores: 120'], body());
    assert.deepEqual(later(v1, v2)[0]!.changes, [
      { field: 'customer.wechat', from: 'hm-ops', to: 'hm-ops-2' },
      { field: 'customer.stores', from: undefined, to: 120 },
      { field: 'region', from: '华东', to: '华南' },
    ]);
  });

  it('every known field, in the schema’s order after the leading ones', () => {
    const v1 = requirementFile([...FRONT, 'owner: 张三', 'milestones:', '  planned_done: 2026-03-01'], body());
    const v2 = requirementFile(
      [...FRONT.map((l) => (l === 'status: 分析中' ? 'status: 已计划' : l)), 'owner: 李四', 'milestones:', '  planned_done: 2026-03-15'],
      body(),
    );
    assert.deepEqual(
      later(v1, v2)[0]!.changes.map((c) => `${c.field}: ${String(c.from)} → ${String(c.to)}`),
      ['status: analyzing → planned', 'owner: 张三 → 李四', 'milestones.planned_done: 2026-03-01 → 2026-03-15'],
    );
  });

  it('tasks by their ID: a status, a task added, one removed; their order is no change', () => {
    const task = (id: string, status: string, title = `任务 ${id}`) => [`  - id: ${id}`, `    title: ${title}`, `    status: ${status}`];
    const v1 = requirementFile([...FRONT, 'tasks:', ...task('T1', 'done'), ...task('T2', 'doing'), ...task('T3', 'todo')], body());
    // T2 done (written as the alias 完成), T3 removed, T4 added, and T1 moved below T2.
    const v2 = requirementFile(
      [...FRONT, 'tasks:', ...task('T2', '完成'), ...task('T1', 'done'), ...task('T4', 'todo', '培训店长')],
      body(),
    );
    const v3 = requirementFile(
      [...FRONT, 'tasks:', ...task('T1', 'done'), ...task('T2', 'done'), ...task('T4', '待办', '培训店长')],
      body(),
    );
    const [second, ...rest] = later(v1, v2, v3);
    assert.deepEqual(second!.changes, [
      { field: 'tasks[T2].status', from: 'doing', to: 'done' },
      { field: 'tasks[T4]', from: undefined, to: { id: 'T4', title: '培训店长', status: 'todo' }, item: true },
      { field: 'tasks[T3]', from: { id: 'T3', title: '任务 T3', status: 'todo' }, to: undefined, item: true },
    ]);
    assert.deepEqual(rest, [], 'reordering tasks and writing a status as its alias change nothing');
  });

  it('feedback by position: an entry inserted in the middle is that entry, not a shift of the others', () => {
    const entry = (date: string, satisfaction: number) => [`  - date: ${date}`, `    satisfaction: ${satisfaction}`];
    const v1 = requirementFile([...FRONT, 'feedback:', ...entry('2026-02-01', 3), ...entry('2026-04-01', 4)], body());
    const v2 = requirementFile(
      [...FRONT, 'feedback:', ...entry('2026-02-01', 3), ...entry('2026-03-01', 2), ...entry('2026-04-01', 4)],
      body(),
    );
    const v3 = requirementFile(
      [...FRONT, 'feedback:', ...entry('2026-02-01', 3), ...entry('2026-03-01', 2), ...entry('2026-04-01', 5)],
      body(),
    );
    assert.deepEqual(
      later(v1, v2, v3).map((e) => e.changes),
      [
        [{ field: 'feedback[1]', from: undefined, to: { date: '2026-03-01', satisfaction: 2 }, item: true }],
        [{ field: 'feedback[2].satisfaction', from: 4, to: 5 }],
      ],
    );
  });

  it('a list of text is one value; `depends: T1` and `depends: [T1]` are the same', () => {
    const v1 = requirementFile(
      [...FRONT, 'related: [ORDER-1, ORDER-2]', 'tasks:', '  - id: T2', '    title: x', '    depends: T1'],
      body(),
    );
    const v2 = requirementFile(
      [...FRONT, 'related: [ORDER-2, ORDER-3]', 'tasks:', '  - id: T2', '    title: x', '    depends: [T1]'],
      body(),
    );
    assert.deepEqual(later(v1, v2)[0]!.changes, [{ field: 'related', from: ['ORDER-1', 'ORDER-2'], to: ['ORDER-2', 'ORDER-3'] }]);
  });

  it('CRLF for LF, blanks at line ends, a paragraph wrapped again, comments and aliases rewritten: no entry', () => {
    const v1 = requirementFile(FRONT, body({ 场景: '每天早上 8 点盘点后，\n店长在手机上看到需要补货的商品。' }));
    const english = ['id: 需求-2026-007', 'title: 门店补货预警', 'type: functional', 'status: analyzing'];
    const v2 = requirementFile(english, body({ 场景: '每天早上 8 点盘点后，店长在手机上看到需要补货的商品。   \n\n\n<!-- 场景要具体 -->' }))
      .replace(/\n/g, '\r\n')
      .replace('## 期望目标', '## 期望目标 Expected goal');
    assert.deepEqual(later(v1, v2), []);
  });

  it('the body outside the essentials is summarised; the title heading follows the title', () => {
    const v1 = requirementFile(FRONT, `${body()}\n## 设计\n\n补货建议按门店汇总。\n`);
    const v2 = requirementFile(FRONT, `${body()}\n## 设计\n\n补货建议按门店和品类汇总。\n`);
    const retitled = requirementFile(
      FRONT.map((l) => (l.startsWith('title') ? 'title: 门店补货提醒' : l)),
      `${body().replace('# 门店补货预警', '# 门店补货提醒')}\n## 设计\n\n补货建议按门店和品类汇总。\n`,
    );
    const entries = later(v1, v2, retitled);
    assert.deepEqual(
      entries.map((e) => [e.commit, e.changes.map((c) => c.field), e.sections, e.otherTextChanged]),
      [
        ['c2', [], undefined, true],
        ['c3', ['title'], undefined, undefined],
      ],
    );
  });

  it('property: white space never changes a section; any other edit of one changes that one only', () => {
    const tally = new CaseTally('section edits');
    const word = fc.constantFrom('补货', '门店', 'stock', '6%', '**店长**', '- 每天', '1.', '`sku`', 'goal');
    const text = fc.array(word, { minLength: 1, maxLength: 12 });
    const blank = fc.constantFrom(' ', '  ', '\n', ' \n', '\t', '\n\n', '\r\n', ' \r\n\r\n');
    fc.assert(
      fc.property(
        fc.tuple(text, text, text, text),
        fc.array(blank, { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(word, { nil: undefined }),
        (texts, blanks, which, extra) => {
          const join = (words: string[], spaced: boolean) =>
            words.map((w, i) => (i === 0 ? w : `${spaced ? blanks[i % 24] : ' '}${w}`)).join('');
          const parts = (spaced: boolean) => {
            const [描述, 背景, 场景, 目标] = texts.map((t) => join(t, spaced));
            return { 描述, 背景, 场景, 目标 };
          };
          const v1 = requirementFile(FRONT, body(parts(false)));
          const v2 = requirementFile(FRONT, body(parts(true)));
          const edited = parts(true);
          const key = (['描述', '背景', '场景', '目标'] as const)[which]!;
          if (extra !== undefined) edited[key] = `${edited[key]!}${blanks[0]}${extra}`;
          const v3 = requirementFile(FRONT, body(edited));
          const entries = later(v1, v2, v3);
          if (extra === undefined) {
            tally.count('white space only');
            assert.deepEqual(entries, []);
          } else {
            tally.count('a word added');
            assert.deepEqual(
              entries.map((e) => [e.commit, e.changes, e.sections?.map((s) => s.section)]),
              [['c3', [], [['description', 'background', 'scenario', 'goal'][which]]]],
            );
          }
        },
      ),
      { numRuns: 300 },
    );
    tally.log('a word added');
    tally.atLeast('a word added', 0.3);
    tally.atLeast('white space only', 0.05);
  });
});

describe('history in words', () => {
  const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
    commit: 'c2',
    author: 'Ada',
    date: '2026-01-02T10:00:00+08:00',
    path: 'r/a.md',
    fileEvents: [],
    changes: [],
    ...fields,
  });

  it('a section change with excerpts, in both languages', () => {
    const e = entry({ sections: [{ section: 'goal', from: '缺货率降到 2% 以下。', to: '缺货率降到 1% 以下。' }], otherTextChanged: true });
    assert.deepEqual(describeHistoryEntry(e, 'en'), [
      'section Expected goal (期望目标): "缺货率降到 2% 以下。" → "缺货率降到 1% 以下。"',
      'other text of the body changed',
    ]);
    assert.deepEqual(describeHistoryEntry(e, 'zh-cn'), [
      '要素 期望目标："缺货率降到 2% 以下。" → "缺货率降到 1% 以下。"',
      '正文其他部分有改动',
    ]);
    const emptied = entry({ sections: [{ section: 'scenario', from: 'At 8:00.', to: undefined }] });
    assert.deepEqual(describeHistoryEntry(emptied, 'en'), ['section Scenario (需求场景): "At 8:00." → (none)']);
  });

  it('excerpts are one line, bounded, and show the same window of both texts around the change', () => {
    const long = 'The dashboard opens with all 180 device cards and the 24-hour chart in under 2 seconds (p95).';
    assert.deepEqual(sectionExcerpts(long, long.replace('2 seconds', '3 seconds')), [
      '…24-hour chart in under 2 seconds (p95).',
      '…24-hour chart in under 3 seconds (p95).',
    ]);
    const twice = `${long} ${long}`;
    assert.deepEqual(sectionExcerpts(twice, twice.replace('2 seconds', '3 seconds')), [
      '…rt in under 2 seconds (p95). The dashboa…',
      '…rt in under 3 seconds (p95). The dashboa…',
    ]);
    assert.deepEqual(sectionExcerpts('Line one.\r\n\r\n  Line two.', undefined), ['Line one. Line two.', undefined]);
    const [start] = sectionExcerpts(long, undefined);
    assert.equal(start, 'The dashboard opens with all 180 device…');
    const [, cjk] = sectionExcerpts(undefined, '缺'.repeat(30));
    assert.equal(cjk, `${'缺'.repeat(20)}…`, 'a CJK character takes two columns');
    const [, emoji] = sectionExcerpts(undefined, '😀'.repeat(50));
    assert.equal(emoji, `${'😀'.repeat(40)}…`, 'cut between characters, never inside one');
  });

  it('list items added and removed, lists of text item by item, a new record’s workflow fields as values and the rest counted', () => {
    const e = entry({
      changes: [
        { field: 'tasks[T2].status', from: 'doing', to: 'done' },
        { field: 'tasks[T4]', from: undefined, to: { id: 'T4', title: '培训店长', depends: ['T2'] }, item: true },
        { field: 'feedback[0]', from: { date: '2026-02-01', note: 'Too slow, says: "wait"' }, to: undefined, item: true },
        { field: 'related', from: ['ORDER-1', 'ORDER-2'], to: ['ORDER-2', 'ORDER-3'] },
        { field: 'risks', from: undefined, to: ['A risk, with a comma'] },
        { field: 'resources.people', from: ['李四', '王五'], to: ['王五', '李四'] },
        { field: 'lessons', from: undefined, to: 'Order the gateway in the interview week' },
      ],
    });
    assert.deepEqual(describeHistoryEntry(e, 'en'), [
      'tasks[T2].status: doing → done',
      'tasks[T4]: added {id: T4, title: 培训店长, depends: [T2]}',
      'feedback[0]: removed {date: 2026-02-01, note: "Too slow, says: \\"wait\\""}',
      'related: added ORDER-3; removed ORDER-1',
      'risks: added "A risk, with a comma"',
      'resources.people: [李四, 王五] → [王五, 李四]',
      'lessons: (none) → Order the gateway in the interview week',
    ]);
    assert.deepEqual(describeHistoryEntry(e, 'zh-cn').slice(1, 4), [
      'tasks[T4]: 新增 {id: T4, title: 培训店长, depends: [T2]}',
      'feedback[0]: 删除 {date: 2026-02-01, note: "Too slow, says: \\"wait\\""}',
      'related: 新增 ORDER-3；删除 ORDER-1',
    ]);
    const created = entry({
      fileEvents: ['created'],
      changes: [
        { field: 'status', from: undefined, to: 'new' },
        { field: 'tasks[T1]', from: undefined, to: { id: 'T1', title: 'x'.repeat(50) }, item: true },
      ],
      sections: [{ section: 'description', from: undefined, to: 'Warn the store manager.' }],
    });
    // A new record: the fields that place it in the workflow as values, the rest counted.
    assert.deepEqual(describeHistoryEntry(created, 'en'), [
      'created r/a.md',
      'status: new',
      '… more fields: 1; essential sections written: 1 of 4',
    ]);
    assert.deepEqual(describeHistoryEntry({ ...created, sections: [] }, 'zh-cn').slice(2), ['……另有字段 1 个']);
  });
});
