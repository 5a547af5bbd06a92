// The customer update: its sections for a small workspace, exactly, in English and Chinese; text
// from the files escaped for Markdown; the language chosen for a customer; the period's start.
import assert from 'node:assert/strict';
import type { CommitLink } from '../../src/core/commits';
import {
  customerLanguage,
  customerUpdate,
  customerUpdateMarkdown,
  markdownText,
  promiseLedgerMarkdown,
  type CustomerUpdateInput,
  type UpdateRecord,
} from '../../src/core/customerUpdate';
import { promiseLedger } from '../../src/core/promises';
import { DEFAULT_CALENDAR } from '../../src/core/schedule';

const RECORDS: UpdateRecord[] = [
  {
    file: 'requirements/REQ-2026-010.md',
    id: 'REQ-2026-010',
    title: 'Export as CSV',
    data: {
      customer: { name: 'Acme' },
      status: 'delivered',
      milestones: { planned_done: '2026-03-10', feedback_due: '2026-03-20' },
      changes: [{ date: '2026-03-04', request: 'Semicolons for Excel', decision: 'approved', decided: '2026-03-05', note: 'Same release' }],
    },
  },
  {
    file: 'requirements/REQ-2026-011.md',
    id: 'REQ-2026-011',
    title: 'Night *alerts* | fast',
    data: {
      customer: { name: 'Other Co' },
      requesters: [{ name: 'ACME' }],
      status: 'in-progress',
      milestones: { planned_done: '2026-03-31' },
      tasks: [{ id: 'T1', title: 'Pager <duty>', start: '2026-03-16', days: 3, status: 'todo', promised: true }],
      changes: [{ date: '2026-03-12', request: 'Also by SMS', decision: 'pending' }],
    },
  },
  {
    file: 'requirements/REQ-2026-012.md',
    id: 'REQ-2026-012',
    title: 'Wall display',
    data: { customer: { name: 'Acme' }, status: 'new' },
    problems: [
      { code: 'placeholder', args: ['@essential:scenario', 'TBD'] },
      { code: 'essential-empty', args: ['@essential:goal'] },
      { code: 'vague-wording', args: ['更方便'] },
    ],
  },
  {
    file: 'requirements/REQ-2026-013.md',
    id: 'REQ-2026-013',
    title: 'Not theirs',
    data: { customer: { name: 'Other Co' }, status: 'delivered', milestones: { planned_done: '2026-03-10' } },
  },
];

const COMMITS: Record<string, CommitLink[]> = {
  'REQ-2026-010': [
    {
      hash: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      subject: 'Closes REQ-2026-010: CSV export',
      author: 'Ada',
      date: '2026-03-09T18:00:00+08:00',
    },
    { hash: 'ffffeeeeddddccccbbbbaaaa9999888877776666', subject: 'Spike', author: 'Ada', date: '2026-02-20T10:00:00+08:00' },
  ],
};

const INPUT: CustomerUpdateInput = {
  customer: 'Acme',
  records: RECORDS,
  today: '2026-03-21',
  calendar: DEFAULT_CALENDAR,
  since: '2026-03-01',
  sinceFrom: 'last-contact',
  dates: new Map([['requirements/REQ-2026-010.md', { delivered: '2026-03-09', tasks: new Map() }]]),
  commits: (id) => COMMITS[id] ?? [],
};

const ENGLISH = `# Update for Acme

Where your requirements stand on 2026-03-21, since our last contact on 2026-03-01.

## Delivered since 2026-03-01

- **REQ-2026-010** Export as CSV — Delivered on 2026-03-09
  - \`a1b2c3d\` Closes REQ-2026-010: CSV export

## In progress

- **REQ-2026-011** Night \\*alerts\\* \\| fast — In progress; planned for 2026-03-31; next: T1 Pager \\<duty\\> was to start on 2026-03-16
- **REQ-2026-012** Wall display — New

## What changed and why

- **REQ-2026-010** Export as CSV: The change “Semicolons for Excel” was approved on 2026-03-05. Why: Same release

## What we need from you

- Your feedback on **REQ-2026-010** Export as CSV, due 2026-03-20: we have not heard from you yet.
- Is the change you asked for on 2026-03-12 still wanted as written? Also by SMS (**REQ-2026-011** Night \\*alerts\\* \\| fast)
- Tell us more about **REQ-2026-012** Wall display: Scenario (需求场景), Expected goal (期望目标).

## Our promises

| Due | Requirement | Promise | State | Done on |
|---|---|---|---|---|
| — | REQ-2026-010 | A decision on the change “Semicolons for Excel” | Kept | 2026-03-05 |
| — | REQ-2026-010 | Telling you the outcome of the change “Semicolons for Excel” | Open | — |
| 2026-03-10 | REQ-2026-010 | Delivery | Kept | 2026-03-09 |
| 2026-03-10 | REQ-2026-010 | Making the change “Semicolons for Excel” | Kept | 2026-03-09 |
| — | REQ-2026-011 | A decision on the change “Also by SMS” | Open | — |
| 2026-03-16 | REQ-2026-011 | Task T1 Pager \\<duty\\> starts | Overdue | — |
| 2026-03-18 | REQ-2026-011 | Task T1 Pager \\<duty\\> ends | Overdue | — |
| 2026-03-20 | REQ-2026-010 | Collecting your feedback | Overdue | — |
| 2026-03-31 | REQ-2026-011 | Delivery | Open | — |

Promises: 3 kept, 0 late, 3 open, 3 overdue.
`;

const CHINESE = `# Acme 需求进展通报

截至 2026-03-21 您的需求进展（自 2026-03-01 最近一次沟通以来）。

## 2026-03-01 以来已交付

- **REQ-2026-010** Export as CSV — 2026-03-09 已交付
  - \`a1b2c3d\` Closes REQ-2026-010: CSV export

## 进行中

- **REQ-2026-011** Night \\*alerts\\* \\| fast — 进行中；计划 2026-03-31 完成；下一步：T1 Pager \\<duty\\> 原定 2026-03-16 开始
- **REQ-2026-012** Wall display — 新建

## 变更及原因

- **REQ-2026-010** Export as CSV：变更“Semicolons for Excel”已于 2026-03-05 批准。原因：Same release

## 需要您配合的事项

- 请反馈您对 **REQ-2026-010** Export as CSV 的意见（约定 2026-03-20 前）：我们尚未收到您的反馈。
- 您于 2026-03-12 提出的变更是否仍按原样需要？Also by SMS（**REQ-2026-011** Night \\*alerts\\* \\| fast）
- 请补充 **REQ-2026-012** Wall display 的信息：需求场景、期望目标。

## 我们的承诺

| 约定日期 | 需求 | 承诺 | 状态 | 完成日期 |
|---|---|---|---|---|
| — | REQ-2026-010 | 对变更“Semicolons for Excel”作出决定 | 已兑现 | 2026-03-05 |
| — | REQ-2026-010 | 告知您变更“Semicolons for Excel”的结果 | 待兑现 | — |
| 2026-03-10 | REQ-2026-010 | 交付 | 已兑现 | 2026-03-09 |
| 2026-03-10 | REQ-2026-010 | 实施变更“Semicolons for Excel” | 已兑现 | 2026-03-09 |
| — | REQ-2026-011 | 对变更“Also by SMS”作出决定 | 待兑现 | — |
| 2026-03-16 | REQ-2026-011 | 任务 T1 Pager \\<duty\\> 开始 | 已逾期 | — |
| 2026-03-18 | REQ-2026-011 | 任务 T1 Pager \\<duty\\> 完成 | 已逾期 | — |
| 2026-03-20 | REQ-2026-010 | 收集您的反馈 | 已逾期 | — |
| 2026-03-31 | REQ-2026-011 | 交付 | 待兑现 | — |

承诺：已兑现 3 项，延迟兑现 0 项，待兑现 3 项，已逾期 3 项。
`;

describe('customer update', () => {
  it('in English: delivered with commits of the period, in progress, changes, needs and the promises', () => {
    assert.equal(customerUpdateMarkdown(customerUpdate(INPUT), 'en'), ENGLISH);
  });

  it('in Chinese, from the same content', () => {
    assert.equal(customerUpdateMarkdown(customerUpdate(INPUT), 'zh-cn'), CHINESE);
  });

  it('the same input gives the same update, whatever the order of the records', () => {
    const reversed = customerUpdateMarkdown(customerUpdate({ ...INPUT, records: [...RECORDS].reverse() }), 'en');
    assert.equal(reversed, ENGLISH);
  });

  it('without git: a delivery placed by planned_done, undated, and no commits', () => {
    const u = customerUpdate({ ...INPUT, dates: undefined, commits: undefined });
    assert.deepEqual(u.delivered, [
      {
        requirement: { file: 'requirements/REQ-2026-010.md', id: 'REQ-2026-010', title: 'Export as CSV' },
        status: 'delivered',
        commits: [],
        moreCommits: 0,
      },
    ]);
    assert.match(customerUpdateMarkdown(u, 'en'), /\n- \*\*REQ-2026-010\*\* Export as CSV — Delivered\n/);
  });

  it('a later start leaves out what came before it: deliveries, changes and promises kept earlier', () => {
    const u = customerUpdate({ ...INPUT, since: '2026-03-15', sinceFrom: 'given' });
    assert.deepEqual(u.delivered, []);
    assert.deepEqual(u.changes, []);
    const text = customerUpdateMarkdown(u, 'en');
    assert.match(text, /^Where your requirements stand on 2026-03-21, since 2026-03-15\.$/m);
    assert.match(text, /\nThose not kept yet, and those due or kept since 2026-03-15:\n/);
    assert.doesNotMatch(text, /\| Kept \|/);
    assert.match(text, /\nPromises: 3 kept, 0 late, 3 open, 3 overdue\.\n$/);
  });

  it('no contact recorded and no date given: everything so far', () => {
    const u = customerUpdate({ ...INPUT, since: undefined, sinceFrom: 'none' });
    assert.equal(u.since, undefined);
    const text = customerUpdateMarkdown(u, 'en');
    assert.match(text, /^Where your requirements stand on 2026-03-21\.\n\n## Delivered\n/m);
  });

  it('a customer with nothing to say gets a sentence in each section', () => {
    const text = customerUpdateMarkdown(customerUpdate({ ...INPUT, customer: 'Nobody' }), 'en');
    for (const sentence of [
      'Nothing delivered in this period.',
      'Nothing in progress.',
      'No change was decided in this period.',
      'Nothing for now.',
      'No dated promise yet.',
    ])
      assert.ok(text.includes(`\n\n${sentence}\n`), sentence);
  });

  it('the ledger alone, for Show Promise Ledger and the CLI', () => {
    const ledger = promiseLedger({ records: RECORDS, customer: 'acme', today: '2026-03-21', calendar: DEFAULT_CALENDAR });
    const text = promiseLedgerMarkdown('Acme', ledger, '2026-03-21', 'en');
    assert.match(text, /^# Promises to Acme\n\nAs of 2026-03-21\.\n\n\| Due \| Requirement \| Promise \| State \| Done on \|\n/);
    // Without git the delivery is kept, date not recorded.
    assert.match(text, /\n\| 2026-03-10 \| REQ-2026-010 \| Delivery \| Kept \| date not recorded \|\n/);
  });
});

describe('customer update: text from the files', () => {
  it('is shown as written, never as Markdown: inline marks, HTML, links, headings, list marks, line breaks', () => {
    assert.equal(
      markdownText('**bold** _x_ `code` <b>&amp; [link](u) ~s~ a|b'),
      '\\*\\*bold\\*\\* \\_x\\_ \\`code\\` \\<b\\>\\&amp; \\[link\\](u) \\~s\\~ a\\|b',
    );
    assert.equal(markdownText('# heading'), '\\# heading');
    assert.equal(markdownText('- item'), '\\- item');
    assert.equal(markdownText('1. first'), '1\\. first');
    assert.equal(markdownText('two\nlines \\ here'), 'two\\\\nlines \\\\ here');
    assert.equal(markdownText('客户A（华东）'), '客户A（华东）');
  });

  it('a hostile customer name stays in its heading', () => {
    const text = customerUpdateMarkdown(customerUpdate({ ...INPUT, customer: '# Evil\n<script>' }), 'en');
    assert.equal(text.split('\n')[0], '# Update for \\# Evil\\\\n\\<script\\>');
  });
});

describe('customer update: language', () => {
  it('Chinese when most of the texts of their records hold Chinese, else English', () => {
    const zh = (title: string, note?: string): UpdateRecord => ({
      file: `requirements/${title}.md`,
      title,
      data: { customer: { name: '华东制造' }, status: 'new', ...(note ? { feedback: [{ date: '2026-01-01', note }] } : {}) },
    });
    assert.equal(customerLanguage([zh('能耗看板'), zh('Export CSV', '希望支持 GBK')], '华东制造'), 'zh-cn');
    assert.equal(customerLanguage([zh('能耗看板'), zh('Export CSV')], '华东制造'), 'en');
    assert.equal(customerLanguage(RECORDS, 'Acme'), 'en');
    assert.equal(customerLanguage([], 'Nobody'), 'en');
  });

  it("counts only this customer's words among several requesters", () => {
    const record: UpdateRecord = {
      file: 'requirements/x.md',
      title: 'Dashboard speed',
      data: {
        customer: { name: 'Kestrel' },
        requesters: [
          { name: '客户A', note: '看板打开太慢' },
          { name: 'Lantern', note: 'Slow on Mondays' },
        ],
        contacts: [{ date: '2026-01-02', customer: '客户A', summary: '电话沟通' }],
      },
    };
    assert.equal(customerLanguage([record], '客户A'), 'zh-cn');
    assert.equal(customerLanguage([record], 'Lantern'), 'en');
  });
});
