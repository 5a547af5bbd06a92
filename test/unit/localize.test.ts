import assert from 'node:assert/strict';
import { localizable, localize, localizeLater, normalizeLanguage } from '../../src/core/l10n';

describe('l10n: the one message catalog', () => {
  it('reads English as written and fills the placeholders in order', () => {
    assert.equal(localize('en', '{0} of {1} tasks done', 2, 5), '2 of 5 tasks done');
  });

  it('looks Chinese up in the bundle by the English text and fills its placeholders', () => {
    assert.equal(localize('zh-cn', '1 commit'), '1 个提交');
    assert.equal(localize('zh-cn', '(+{0} more in the Problems panel)', 7), '（另有 7 项，见“问题”面板）');
  });

  it('falls back to English for a message the bundle does not have, and leaves unknown placeholders', () => {
    assert.equal(localize('zh-cn', 'Not in the bundle {0} {1}', 'x'), 'Not in the bundle x {1}');
  });

  it('keeps a message for later and renders it in either language', () => {
    const kept = localizable('(+{0} more in the Problems panel)', 3);
    assert.equal(localizeLater('en', kept), '(+3 more in the Problems panel)');
    assert.equal(localizeLater('zh-cn', kept), '（另有 3 项，见“问题”面板）');
  });

  it('reads any zh locale as Chinese and everything else as English', () => {
    assert.deepEqual(['zh-CN', 'zh-cn', 'zh-TW', 'en', 'de', undefined].map(normalizeLanguage), [
      'zh-cn',
      'zh-cn',
      'zh-cn',
      'en',
      'en',
      'en',
    ]);
  });
});
