import assert from 'node:assert/strict';
import { noBreakAtHyphens } from '../../src/core/noBreak';
import { REQUIREMENT_TYPES, STATUSES } from '../../src/core/schema';
import { aliasDisplayOf, showsAliases, valueAlias, valueLabel, withoutChineseTerms } from '../../src/core/valueLabel';

describe('valueLabel: reqdesk.ui.showAliases', () => {
  it('auto shows the Chinese names in a Chinese UI only; always and never in every language', () => {
    assert.deepEqual(
      (['auto', 'always', 'never'] as const).map((d) => [showsAliases('en', d), showsAliases('zh-cn', d)]),
      [
        [false, true],
        [true, true],
        [false, false],
      ],
    );
    assert.equal(showsAliases('en'), false, 'auto is the default');
    assert.equal(showsAliases('zh-cn'), true);
  });

  it('reads the setting, anything unknown as auto', () => {
    for (const d of ['auto', 'always', 'never']) assert.equal(aliasDisplayOf(d), d);
    for (const raw of [undefined, null, '', 'Always', true, 1, ['always']]) assert.equal(aliasDisplayOf(raw), 'auto', String(raw));
  });

  it('names a value with its alias only where the setting shows aliases', () => {
    assert.equal(valueAlias(STATUSES.new, 'en'), undefined);
    assert.equal(valueAlias(STATUSES.new, 'zh-cn'), '新建');
    assert.equal(valueAlias(STATUSES.new, 'en', 'always'), '新建');
    assert.equal(valueAlias(STATUSES.new, 'zh-cn', 'never'), undefined);
    assert.equal(valueLabel('functional', REQUIREMENT_TYPES.functional, 'en'), 'functional');
    assert.equal(valueLabel('functional', REQUIREMENT_TYPES.functional, 'en', 'always'), 'functional 功能');
    assert.equal(valueLabel('functional', REQUIREMENT_TYPES.functional, 'zh-cn'), '功能 functional');
    assert.equal(valueLabel('functional', REQUIREMENT_TYPES.functional, 'zh-cn', 'never'), 'functional');
    assert.equal(valueLabel('P9', undefined, 'zh-cn'), 'P9');
  });

  it('English documentation without the Chinese terms it names', () => {
    assert.equal(withoutChineseTerms('Requirement type (需求类型).'), 'Requirement type.');
    assert.equal(
      withoutChineseTerms('Related order or project numbers (关联订单/项目编号), or other requirement IDs.'),
      'Related order or project numbers, or other requirement IDs.',
    );
    assert.equal(withoutChineseTerms('Urgency class (紧急程度): immediate.'), 'Urgency class: immediate.');
    assert.equal(withoutChineseTerms('Expected cost (people, time), for ROI.'), 'Expected cost (people, time), for ROI.');
  });
});

describe('noBreakAtHyphens', () => {
  it('joins every hyphen to what follows it, once, and reads the same', () => {
    const id = noBreakAtHyphens('REQ-2026-004');
    assert.equal(id, 'REQ-\u20602026-\u2060004');
    assert.equal(noBreakAtHyphens(id), id);
    assert.equal(id.replace(/\u2060/g, ''), 'REQ-2026-004');
    assert.equal(noBreakAtHyphens('需求-2026-003 T1'), '需求-\u20602026-\u2060003 T1');
  });
});
