import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { newRequirementText, type NewRequirement } from '../../src/core/templates';
import { analyzeRequirement } from '../../src/core/validate';
import { CTX } from './support';

const index = new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
const BASE: NewRequirement = { id: 'REQ-2026-001', title: 'Scan pallets at the dock', type: 'functional', today: '2026-03-02' };

describe('templates: new requirement', () => {
  it('writes the front-matter, the title heading and the four essentials in English', () => {
    const { text } = newRequirementText(BASE, 'en');
    assert.equal(
      text,
      [
        '---',
        'id: REQ-2026-001',
        'title: Scan pallets at the dock',
        'type: functional',
        'status: new',
        'submitted: 2026-03-02',
        '---',
        '# Scan pallets at the dock',
        '',
        '## Description 需求描述',
        '',
        '',
        '## Customer background 客户背景',
        '',
        '',
        '## Scenario 需求场景',
        '',
        '',
        '## Expected goal 期望目标',
        '',
      ].join('\n'),
    );
  });

  it('heads the essentials in Chinese first for a Chinese UI, and adds the customer', () => {
    const { text } = newRequirementText({ ...BASE, id: '需求-2026-002', title: '实时监控生产设备能耗', customer: '客户A' }, 'zh-cn');
    assert.match(
      text,
      /^---\nid: 需求-2026-002\ntitle: 实时监控生产设备能耗\ntype: functional\nstatus: new\ncustomer:\n {2}name: 客户A\nsubmitted: 2026-03-02\n---\n# 实时监控生产设备能耗\n/,
    );
    const headings = text.split('\n').filter((l) => l.startsWith('## '));
    assert.deepEqual(headings, ['## 需求描述 Description', '## 客户背景 Background', '## 需求场景 Scenario', '## 期望目标 Goal']);
  });

  it('puts the cursor on the empty line under the first essential', () => {
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const eol of ['\n', '\r\n']) {
        const { text, cursor } = newRequirementText({ ...BASE, customer: 'Acme' }, lang, eol);
        const lineStart = text.lastIndexOf(eol, cursor - 1) + eol.length;
        const previousLine = text.slice(text.lastIndexOf(eol, lineStart - eol.length - 1) + eol.length, lineStart - eol.length);
        assert.equal(cursor, lineStart, `${lang} ${JSON.stringify(eol)}: the cursor starts a line`);
        assert.ok(text.startsWith(eol, cursor), `${lang} ${JSON.stringify(eol)}: the line is empty`);
        assert.match(previousLine, lang === 'en' ? /^## Description/ : /^## 需求描述/);
      }
    }
  });

  it('uses the line ending it is given, throughout', () => {
    const { text } = newRequirementText(BASE, 'en', '\r\n');
    assert.doesNotMatch(text, /(^|[^\r])\n/, 'no bare LF');
    assert.ok(text.endsWith('## Expected goal 期望目标\r\n'));
    assert.equal(text.replace(/\r\n/g, '\n'), newRequirementText(BASE, 'en').text);
  });

  it('heads the essentials in the UI language only unless asked for both, and each form is a valid record', () => {
    const heads = (lang: 'en' | 'zh-cn', bilingual: boolean) =>
      newRequirementText(BASE, lang, '\n', bilingual)
        .text.split('\n')
        .filter((l) => l.startsWith('## '));
    assert.deepEqual(heads('en', false), ['## Description', '## Customer background', '## Scenario', '## Expected goal']);
    assert.deepEqual(heads('zh-cn', false), ['## 需求描述', '## 客户背景', '## 需求场景', '## 期望目标']);
    assert.deepEqual(heads('en', true), [
      '## Description 需求描述',
      '## Customer background 客户背景',
      '## Scenario 需求场景',
      '## Expected goal 期望目标',
    ]);
    for (const lang of ['en', 'zh-cn'] as const) {
      const r = index.analyze('requirements/new.md', newRequirementText({ ...BASE, customer: 'Acme' }, lang, '\n', false).text);
      assert.deepEqual(
        r.problems.map((p) => p.code),
        ['essential-empty', 'essential-empty', 'essential-empty', 'essential-empty'],
        `${lang}: all four sections are found (empty, not missing)`,
      );
    }
  });

  it('the new file is a valid requirement whose only problems are the empty essentials', () => {
    for (const lang of ['en', 'zh-cn'] as const) {
      const { text } = newRequirementText({ ...BASE, customer: '客户A' }, lang);
      const r = index.analyze('requirements/new.md', text);
      assert.deepEqual(
        [r.id, r.title, r.data.type, r.data.status, r.data.submitted, r.data.customer?.name],
        ['REQ-2026-001', 'Scan pallets at the dock', 'functional', 'new', '2026-03-02', '客户A'],
      );
      assert.deepEqual(
        r.problems.map((p) => [p.code, p.severity]),
        [
          ['essential-empty', 'info'],
          ['essential-empty', 'info'],
          ['essential-empty', 'info'],
          ['essential-empty', 'info'],
        ],
        lang,
      );
      // Once the record moves on (triaged, planned…), what is still empty is a warning.
      const planned = index.analyze('requirements/new.md', text.replace('status: new', 'status: planned'));
      assert.deepEqual(
        planned.problems.map((p) => [p.code, p.severity]),
        [
          ['essential-empty', 'warning'],
          ['essential-empty', 'warning'],
          ['essential-empty', 'warning'],
          ['essential-empty', 'warning'],
        ],
        lang,
      );
    }
  });

  it('quotes titles and customers that plain YAML would misread', () => {
    const awkward = [
      'Scan: pallets',
      'yes',
      'No',
      'null',
      '~',
      '2024',
      '1.5',
      '- a list?',
      '#hashtag',
      'say "hi"',
      "it's",
      '[brackets]',
      '{braces}',
      '@at',
      'a # comment',
      'trailing ',
      '*alias',
      '&anchor',
      '!tag',
      '%percent',
      '`tick`',
      '|pipe',
      '>fold',
      'back\\slash',
      '0x1F',
      '0o17',
      '1e3',
      '2024-03-15',
      '12:30',
      '.5',
      '+1',
      'TRUE',
      '.inf',
      '.NaN',
    ];
    for (const title of awkward) {
      const { text } = newRequirementText({ ...BASE, title, customer: title }, 'en');
      const r = index.analyze('requirements/new.md', text);
      assert.equal(r.data.title, title, text);
      assert.equal(r.data.customer?.name, title, text);
    }
  });

  it('titles that look like YAML numbers, booleans or dates stay strings', () => {
    // Short strings over the characters YAML's scalar resolution reacts to.
    const yamlish = fc
      .tuple(
        fc.constantFrom('', '0', '0x', '0o', '0b', '.', '+', '-', '~', 'tr', 'fa', 'nu', 'ye'),
        fc.string({ unit: fc.constantFrom(...'0179abefEnNosuxly._-+: '), maxLength: 6 }),
      )
      .map(([prefix, rest]) => prefix + rest)
      .filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(yamlish, (title) => {
        const { text } = newRequirementText({ ...BASE, title }, 'en');
        for (const careful of [false, true]) assert.equal(analyzeRequirement(text, CTX, { careful }).data.title, title, text);
      }),
      { numRuns: 500 },
    );
  });

  it('any single-line title and customer survive the round trip', () => {
    // Printable text, as typed into the input box: no control characters, no lone surrogates.
    const printable = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/u.test(s));
    fc.assert(
      fc.property(printable, printable, (title, customer) => {
        const { text } = newRequirementText({ ...BASE, title, customer }, 'en');
        const a = analyzeRequirement(text, CTX);
        assert.equal(a.data.title, title, text);
        assert.equal(a.data.customer?.name, customer, text);
        assert.deepEqual(a.data.type, 'functional');
      }),
      { numRuns: 300 },
    );
  });
});

describe('templates: a record from the record table', () => {
  it('writes customer details, source, horizon, submitted, related and the description, and the file validates', () => {
    const { text, cursor } = newRequirementText(
      {
        id: '需求-2024-007',
        title: '导出CSV',
        type: 'functional',
        today: '2026-12-05',
        submitted: '2024-03-15',
        customer: { name: '客户A', contact: '王经理', industry: '制造业', size: 'medium' },
        source: 'interview',
        horizon: 'short-term',
        related: ['ORDER-2024-118', 'PRJ 7'],
        description: '希望导出 CSV，\r\n按小时汇总。',
      },
      'zh-cn',
    );
    assert.equal(
      text,
      [
        '---',
        'id: 需求-2024-007',
        'title: 导出CSV',
        'type: functional',
        'status: new',
        'customer:',
        '  name: 客户A',
        '  contact: 王经理',
        '  industry: 制造业',
        '  size: medium',
        'source: interview',
        'submitted: 2024-03-15',
        'horizon: short-term',
        'related: [ORDER-2024-118, "PRJ 7"]',
        '---',
        '# 导出CSV',
        '',
        '## 需求描述 Description',
        '希望导出 CSV，',
        '按小时汇总。',
        '',
        '## 客户背景 Background',
        '',
        '',
        '## 需求场景 Scenario',
        '',
        '',
        '## 期望目标 Goal',
        '',
      ].join('\n'),
    );
    assert.equal(text.slice(0, cursor).endsWith('按小时汇总。'), true);
    const analysis = analyzeRequirement(text, CTX);
    assert.deepEqual(
      analysis.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(analysis.data.customer?.size, 'medium');
    assert.deepEqual(analysis.data.related, ['ORDER-2024-118', 'PRJ 7']);
  });
});
