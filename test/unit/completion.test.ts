import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { completeAt, recordFacts, yamlScalar, type CompletionData, type CompletionEntry } from '../../src/core/completion';
import { REPO_ROOT } from './support';

const example = (name: string) => readFileSync(path.join(REPO_ROOT, 'examples/requirements', name), 'utf8');
const ENERGY = example('需求-2024-001-能耗监控.md');
const CSV = example('REQ-2025-004-csv-encoding.md');

const DATA: CompletionData = {
  requirements: [
    { id: '需求-2024-001', title: '实时监控生产设备能耗', status: 'closed' },
    { id: 'REQ-2024-003', title: 'CSV export of energy data', status: 'closed' },
    { id: 'REQ-2025-004', title: 'CSV export opens with correct Chinese text in Excel', status: 'closed' },
  ],
  customers: ['客户A', 'Northwind Logistics', '客户A'],
  owners: ['张三', '王五', '郑洁'],
  today: '2026-11-25',
  lang: 'en',
};

/** The text with `‸` removed, and the offset where it was. */
function cursor(src: string): { text: string; offset: number } {
  const offset = src.indexOf('‸');
  assert.ok(offset >= 0, 'no cursor');
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

/** `after` in `text` followed by `insert` (which holds the cursor). */
function insertAfter(text: string, after: string, insert: string): string {
  const at = text.indexOf(after);
  assert.ok(at >= 0, `"${after}" not in the sample`);
  return text.slice(0, at + after.length) + insert + text.slice(at + after.length);
}

function complete(src: string, data: Partial<CompletionData> = {}): CompletionEntry[] {
  const { text, offset } = cursor(src);
  return completeAt(text, offset, { ...DATA, ...data });
}

/** Labels in the order an editor shows them (sortText, then label). */
function labels(entries: CompletionEntry[]): string[] {
  return [...entries].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((e) => e.label);
}

/** Each entry as its label and the detail shown beside it, in the order given. */
const labelsAndDetails = (entries: CompletionEntry[]) => entries.map((e) => [e.label, e.detail]);

const byLabel = (entries: CompletionEntry[], label: string) => {
  const e = entries.find((x) => x.label === label);
  assert.ok(e, `no entry ${label} in ${entries.map((x) => x.label).join(', ')}`);
  return e;
};

describe('completion: keys', () => {
  it('a new top-level key at the end of a full record: only what is missing', () => {
    assert.deepEqual(labels(complete(insertAfter(ENERGY, '到货等了 4 天\n', '‸\n'))), [
      'requesters',
      'category',
      'priority_reason',
      'decline_reason',
      'no_feedback_reason',
      'contacts',
      'merged_ids',
    ]);
    assert.deepEqual(labels(complete(insertAfter(CSV, 'opens the file with a BOM check.\n', '‸\n'))), [
      'requesters',
      'category',
      'priority_reason',
      'decline_reason',
      'resources',
      'reviews',
      'risks',
      'no_feedback_reason',
      'changes',
      'contacts',
      'merged_ids',
    ]);
  });

  it('required keys come first in a near-empty record, and every entry is documented', () => {
    const entries = complete('---\ntitle: x\n‸\n---\n');
    const ordered = labels(entries);
    assert.deepEqual(ordered.slice(0, 4), ['id', 'type', 'status', 'customer']);
    assert.equal(ordered.includes('title'), false);
    assert.ok(entries.every((e) => e.kind === 'property' && e.documentation));
    assert.equal(byLabel(entries, 'id').documentation, 'Unique requirement ID, e.g. REQ-2024-001 or 需求-2024-001.');
    assert.equal(byLabel(complete('---\ntitle: x\n‸\n---\n', { lang: 'zh-cn' }), 'id').documentation, '需求唯一编号，如 需求-2024-001。');
  });

  it('maps, lists and enums are inserted as snippets; plain fields as `key: `', () => {
    const entries = complete('---\nid: X\n‸\n---\n');
    const insert = (label: string) => {
      const e = byLabel(entries, label);
      return { insertText: e.insertText, isSnippet: e.isSnippet ?? false };
    };
    assert.deepEqual(insert('title'), { insertText: 'title: ', isSnippet: false });
    assert.deepEqual(insert('customer'), { insertText: 'customer:\n  ${1:name}: $0', isSnippet: true });
    assert.deepEqual(insert('scores'), { insertText: 'scores:\n  ${1:importance}: $0', isSnippet: true });
    assert.deepEqual(insert('milestones'), { insertText: 'milestones:\n  ${1:start}: $0', isSnippet: true });
    assert.deepEqual(insert('resources'), { insertText: 'resources:\n  ${1:people}: $0', isSnippet: true });
    assert.deepEqual(insert('tasks'), {
      insertText: 'tasks:\n  - id: ${1:T1}\n    title: $2\n    owner: $3\n    start: ${4:2026-11-25}\n    days: ${5:1}$0',
      isSnippet: true,
    });
    assert.deepEqual(insert('type'), { insertText: 'type: ${1|functional,experience,business,service|}$0', isSnippet: true });
    assert.deepEqual(insert('submitted'), { insertText: 'submitted: ${1:2026-11-25}$0', isSnippet: true });
    assert.deepEqual(insert('related'), { insertText: 'related: [$1]$0', isSnippet: true });
    assert.deepEqual(insert('risks'), { insertText: 'risks:\n  - $0', isSnippet: true });
    assert.equal(byLabel(entries, 'type').detail, 'functional | experience | business | service');
  });

  it('keys of a nested map: what the map lacks, at the indentation of the cursor', () => {
    // All five scores and all customer fields are there: nothing to offer.
    assert.deepEqual(complete(insertAfter(ENERGY, '  effort: 2\n', '  ‸\n')), []);
    assert.deepEqual(complete(insertAfter(ENERGY, '老客户，2024 年 4 月续约\n', '  ‸\n')), []);
    const scores = complete('---\nid: X\nscores:\n  importance: 5\n  ‸\n---\n');
    assert.deepEqual(labels(scores), ['urgency', 'feasibility', 'value', 'effort']);
    assert.equal(byLabel(scores, 'urgency').insertText, 'urgency: ${1|1,2,3,4,5|}$0');
    assert.equal(byLabel(scores, 'urgency').detail, '1–5');
  });

  it('keys of a list item', () => {
    // T1 of the energy record has every task key but depends.
    assert.deepEqual(labels(complete(insertAfter(ENERGY, '    days: 3\n    status: done\n', '    ‸\n'))), ['depends', 'promised']);
    assert.deepEqual(labels(complete(insertAfter(ENERGY, '希望增加数据导出格式\n', '    ‸\n'))), ['channel', 'customer']);
  });

  it('on an existing key, the other keys replace its name only', () => {
    const { text, offset } = cursor(ENERGY.replace('  urgency: 4', '  urg‸ency: 4'));
    const entries = completeAt(text, offset, DATA);
    assert.deepEqual(labels(entries), ['urgency']);
    assert.equal(entries[0]!.insertText, 'urgency');
    const start = text.indexOf('urgency: 4');
    assert.deepEqual(entries[0]!.range, { start, end: start + 'urgency'.length });
  });

  it('in a flow map, keys are inserted as `key: `', () => {
    const entries = complete('---\nscores: { importance: 5, ‸ }\n---\n');
    assert.deepEqual(labels(entries), ['urgency', 'feasibility', 'value', 'effort']);
    assert.equal(byLabel(entries, 'urgency').insertText, 'urgency: ');
  });

  it('snippets inside a list item are indented from the key’s column', () => {
    const entries = complete('---\nreviews:\n  - ‸\n---\n');
    // `- ` is typed: the item's keys follow at the column of the first one.
    assert.equal(byLabel(entries, 'new item').insertText, 'date: ${1:2026-11-25}\n  by: [$2]\n  result: ${3|confirmed,changed|}$0');
  });
});

describe('completion: values', () => {
  it('an enum: every canonical value, its Chinese alias as detail, all aliases in filterText', () => {
    const { text, offset } = cursor(ENERGY.replace('type: functional', 'type: 功能‸'));
    const entries = completeAt(text, offset, DATA);
    assert.deepEqual(
      entries.map((e) => [e.label, e.detail, e.filterText, e.insertText]),
      [
        ['functional', '功能', 'functional 功能 功能需求', 'functional'],
        ['experience', '体验', 'experience 体验 体验需求', 'experience'],
        ['business', '商务', 'business 商务 商务需求', 'business'],
        ['service', '服务', 'service 服务 服务需求', 'service'],
      ],
    );
    const start = text.indexOf('功能');
    assert.ok(entries.every((e) => e.kind === 'enum' && e.range.start === start && e.range.end === start + 2));
    assert.equal(entries[0]!.documentation, 'Functional: a feature the product must provide.');
    const zh = completeAt(text, offset, { ...DATA, lang: 'zh-cn' });
    assert.equal(zh[0]!.documentation, '功能需求：产品需提供的具体功能。');
  });

  it('the first Chinese alias is the detail even when a spelling alias comes first', () => {
    const entries = complete('---\nmoscow: ‸\n---\n');
    assert.deepEqual(labelsAndDetails(entries), [
      ['must', '必须'],
      ['should', '应该'],
      ['could', '可以'],
      ['wont', '不做'],
    ]);
    assert.equal(byLabel(complete('---\nstatus: ‸\n---\n'), 'analyzing').filterText, 'analyzing 分析中 analysing');
  });

  it('task status in a task of the CSV record', () => {
    const entries = complete(CSV.replace('    days: 2\n    status: done', '    days: 2\n    status: ‸'));
    assert.deepEqual(labelsAndDetails(entries), [
      ['todo', '待办'],
      ['doing', '进行中'],
      ['done', '完成'],
      ['blocked', '阻塞'],
    ]);
  });

  it('priority: P1–P3 with their meaning, the one the scores give marked', () => {
    const entries = complete(ENERGY.replace('priority: P1', 'priority: ‸'));
    assert.deepEqual(
      entries.map((e) => [e.label, e.detail, e.documentation]),
      [
        ['P1', 'derived from the scores', 'P1 — urgent and important: do now.'],
        ['P2', undefined, 'P2 — important but not urgent, or urgent but not important: plan it.'],
        ['P3', undefined, 'P3 — neither urgent nor important: defer.'],
      ],
    );
    const p2 = complete(ENERGY.replace('  urgency: 4', '  urgency: 2').replace('priority: P1', 'priority: ‸'), { lang: 'zh-cn' });
    assert.deepEqual(
      p2.map((e) => e.detail),
      [undefined, '由评分推导', undefined],
    );
    // With a threshold of 5, urgency 4 is not high.
    assert.equal(complete(ENERGY.replace('priority: P1', 'priority: ‸'), { threshold: 5 })[1]!.detail, 'derived from the scores');
    // Unscored: nothing is marked.
    assert.deepEqual(
      complete('---\npriority: ‸\n---\n').map((e) => e.detail),
      [undefined, undefined, undefined],
    );
  });

  it('scores: 1–5 with the seed’s meaning of a level where it gives one', () => {
    const entries = complete(ENERGY.replace('  importance: 5', '  importance: ‸'));
    assert.deepEqual(labelsAndDetails(entries), [
      ['1', undefined],
      ['2', undefined],
      ['3', 'Only improves experience.'],
      ['4', undefined],
      ['5', 'Decides whether the customer renews.'],
    ]);
    assert.equal(
      entries[4]!.documentation,
      '**5** — Decides whether the customer renews.\n\nImpact on the customer’s decision or business result.',
    );
    assert.equal(entries[0]!.documentation, 'Impact on the customer’s decision or business result.');
    const zh = complete(ENERGY.replace('  urgency: 4', '  urgency: ‸'), { lang: 'zh-cn' });
    assert.deepEqual(
      zh.map((e) => e.detail),
      ['可下次迭代解决。', undefined, undefined, undefined, '客户因需求未解决暂停付款。'],
    );
    const satisfaction = complete(CSV.replace('    satisfaction: 5', '    satisfaction: ‸'));
    assert.deepEqual(
      satisfaction.map((e) => e.label),
      ['1', '2', '3', '4', '5'],
    );
    assert.equal(satisfaction[0]!.documentation, 'Customer satisfaction, 1–5.');
  });

  it('dates: today, wherever the schema has a date', () => {
    for (const [from, to] of [
      ['submitted: 2024-03-15', 'submitted: ‸'],
      ['  planned_done: 2024-04-01', '  planned_done: ‸'],
      ['    start: 2024-03-18', '    start: ‸'],
      ['  - date: 2024-03-16', '  - date: ‸'],
      ['  - date: 2024-04-06', '  - date: ‸'],
      ['  - date: 2024-04-07', '  - date: ‸'],
    ] as const) {
      const entries = complete(ENERGY.replace(from, to));
      assert.deepEqual(
        entries.map((e) => [e.label, e.kind, e.insertText, e.detail]),
        [['2026-11-25', 'date', '2026-11-25', 'today']],
        from,
      );
    }
  });

  it('right after `key:` the value gets its space', () => {
    assert.equal(complete('---\nsubmitted:‸\n---\n')[0]!.insertText, ' 2026-11-25');
    assert.equal(complete('---\ntype:‸\n---\n')[0]!.insertText, ' functional');
  });

  it('customer.name: known customers; owner and tasks[].owner: known owners, once each', () => {
    assert.deepEqual(
      complete(ENERGY.replace('  name: 客户A', '  name: ‸')).map((e) => e.label),
      ['客户A', 'Northwind Logistics'],
    );
    assert.deepEqual(
      complete(ENERGY.replace('owner: 张三', 'owner: ‸')).map((e) => e.label),
      ['张三', '王五', '郑洁'],
    );
    assert.deepEqual(
      complete(ENERGY.replace('    owner: 李四', '    owner: 王‸')).map((e) => e.label),
      ['张三', '王五', '郑洁'],
    );
    // A name that YAML would read otherwise is quoted.
    assert.equal(complete('---\nowner: ‸\n---\n', { owners: ['a: b', 'null'] })[1]!.insertText, '"null"');
  });

  it('fields without known values offer nothing', () => {
    assert.deepEqual(complete(ENERGY.replace('title: 实时监控生产设备能耗', 'title: 实时‸')), []);
    assert.deepEqual(complete(ENERGY.replace('    days: 3', '    days: ‸')), []);
    assert.deepEqual(complete(ENERGY.replace('  tier: existing', '  tier: existing ‸')), []);
  });
});

describe('completion: references', () => {
  it('depends in a flow list: the other tasks of this file, not those already listed', () => {
    // T3 already depends on both others.
    assert.deepEqual(
      complete(CSV.replace('    depends: [T1, T2]', '    depends: [T1, T2, ‸]')).map((e) => e.label),
      [],
    );
    assert.deepEqual(
      complete(CSV.replace('    depends: [T1, T2]', '    depends: [T1, ‸]')).map((e) => e.label),
      ['T2'],
    );
    assert.deepEqual(
      complete(CSV.replace('    depends: [T1]', '    depends: [T1, ‸]')).map((e) => [e.label, e.kind, e.insertText]),
      [['T3', 'reference', 'T3']],
    );
    // The item under the cursor is replaced, so it is offered again.
    assert.deepEqual(
      complete(CSV.replace('    depends: [T1, T2]', '    depends: [T1, T‸2]')).map((e) => e.label),
      ['T2'],
    );
  });

  it('depends in a block list and as a bare value', () => {
    const block = CSV.replace('    depends: [T1]\n', '    depends:\n      - ‸\n');
    assert.deepEqual(
      complete(block).map((e) => e.insertText),
      ['T1', 'T3'],
    );
    const bare = CSV.replace('    depends: [T1]\n', '    depends: ‸\n');
    assert.deepEqual(
      complete(bare).map((e) => e.insertText),
      ['[T1]', '[T3]'],
    );
  });

  it('related: requirement IDs of the workspace with their titles, this one and listed ones left out', () => {
    const entries = complete(CSV.replace('related: [TICKET-2025-0311]', 'related: [TICKET-2025-0311, REQ-‸]'));
    assert.deepEqual(
      entries.map((e) => [e.label, e.detail, e.insertText, e.filterText]),
      [
        ['需求-2024-001', '实时监控生产设备能耗', '需求-2024-001', '需求-2024-001 实时监控生产设备能耗'],
        ['REQ-2024-003', 'CSV export of energy data', 'REQ-2024-003', 'REQ-2024-003 CSV export of energy data'],
      ],
    );
    const { text, offset } = cursor(CSV.replace('related: [TICKET-2025-0311]', 'related: [TICKET-2025-0311, REQ-‸]'));
    assert.deepEqual(entries[0]!.range, { start: offset - 4, end: offset });
    assert.equal(text.slice(entries[0]!.range.start, entries[0]!.range.end), 'REQ-');
    // A bare value is written as a list.
    assert.equal(complete('---\nid: X\nrelated: ‸\n---\n')[0]!.insertText, '[需求-2024-001]');
  });
});

describe('completion: new list items', () => {
  it('a new task after `- `: the next free ID, depending on the last task', () => {
    const entries = complete(insertAfter(CSV, '    depends: [T1, T2]\n    days: 1\n    status: done\n', '  - ‸\n'));
    const task = entries[0]!;
    assert.equal(task.label, 'new task T4');
    assert.equal(task.kind, 'snippet');
    assert.equal(task.insertText, 'id: ${1:T4}\n  title: $2\n  owner: $3\n  depends: [${4:T3}]\n  days: ${5:1}$0');
    assert.equal(task.documentation, '```yaml\nid: T4\n  title: \n  owner: \n  depends: [T3]\n  days: 1\n```');
    // The single keys of a task follow it.
    assert.deepEqual(labels(entries).slice(1), ['id', 'title', 'owner', 'start', 'depends', 'days', 'status', 'promised']);
  });

  it('on an empty line at the dashes’ column, the snippet brings its own dash', () => {
    const entries = complete(insertAfter(ENERGY, '    depends: [T1]\n    days: 5\n    status: done\n', '  ‸\n'));
    assert.deepEqual(
      entries.map((e) => [e.label, e.insertText]),
      [['new task T3', '- id: ${1:T3}\n  title: $2\n  owner: $3\n  depends: [${4:T2}]\n  days: ${5:1}$0']],
    );
  });

  it('the first task starts today', () => {
    const entries = complete('---\nid: X\ntasks:\n  - ‸\n---\n', { lang: 'zh-cn' });
    assert.equal(entries[0]!.label, '新任务 T1');
    assert.equal(entries[0]!.insertText, 'id: ${1:T1}\n  title: $2\n  owner: $3\n  start: ${4:2026-11-25}\n  days: ${5:1}$0');
  });
});

describe('completion: helpers', () => {
  it('recordFacts reads what completion needs from a record that does not parse', () => {
    const facts = recordFacts(
      '---\nid: X\nscores:\n  importance: 5\n  urgency: [\ntasks:\n  - id: T1\n  - id: T7\n    depends: [T1]\n  - title: no id\n---\n',
    );
    assert.equal(facts.id, 'X');
    assert.equal(facts.importance, 5);
    assert.equal(facts.urgency, undefined);
    assert.deepEqual(
      [...facts.taskIds],
      [
        [0, 'T1'],
        [1, 'T7'],
      ],
    );
    assert.deepEqual([...facts.depends], [[1, ['T1']]]);
  });

  it('yamlScalar quotes only what YAML would read as something else', () => {
    assert.deepEqual(
      ['客户A', 'Northwind Logistics', 'T1', 'a: b', 'x #y', '- x', 'true', '12', '', ' x', 'REQ-2024-001'].map(yamlScalar),
      ['客户A', 'Northwind Logistics', 'T1', '"a: b"', '"x #y"', '"- x"', '"true"', '"12"', '""', '" x"', 'REQ-2024-001'],
    );
  });

  it('nothing outside the front-matter', () => {
    assert.deepEqual(complete(ENERGY.replace('## 需求描述', '## 需求‸描述')), []);
    assert.deepEqual(complete('‸---\nid: X\n---\n'), []);
  });
});
