// ID variants: a full-width hyphen (what a Chinese input method types) and the other hyphens that
// cannot mean anything else link as the canonical ID; text that was almost an ID is found with the
// ID it probably means, for the commit box's warning. Each test failed before.
import assert from 'node:assert/strict';
import { mentionsIn } from '../../src/core/commits';
import { findIdNearMisses } from '../../src/core/idNearMisses';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../../src/core/ids';

const GRAMMAR = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);

describe('ID variants: hyphens that link', () => {
  it('需求－2026－003 (full-width hyphens) is a reference to 需求-2026-003, with its range and the text as written', () => {
    const text = '完成需求－2026－003，见 REQ‐2026‑004 和 REQ-2026-005';
    assert.deepEqual(GRAMMAR.findReferences(text), [
      { id: '需求-2026-003', written: '需求－2026－003', start: 2, end: 13 },
      { id: 'REQ-2026-004', written: 'REQ‐2026‑004', start: 16, end: 28 },
      { id: 'REQ-2026-005', start: 31, end: 43 },
    ]);
  });

  it('commit messages link the full-width form as the canonical ID', () => {
    assert.deepEqual(mentionsIn(GRAMMAR, '修复需求－2026－003 的导出', ''), [{ id: '需求-2026-003', verb: 'fixes', where: 'subject' }]);
  });

  it('en and em dashes are punctuation, not hyphens; a record’s own id stays strict', () => {
    assert.deepEqual(GRAMMAR.findReferences('REQ–2026–003 and REQ—2026—003'), []);
    assert.deepEqual(
      GRAMMAR.findReferences('需求-2026-001–需求-2026-005').map((r) => r.id),
      ['需求-2026-001', '需求-2026-005'],
    );
    assert.equal(GRAMMAR.isValid('需求－2026－003'), false);
    // Glued to a longer token through a variant hyphen: still not a reference.
    assert.deepEqual(GRAMMAR.findReferences('x－REQ-2026-003 REQ－2026-003x'), []);
  });
});

describe('ID near-misses', () => {
  it('the wrong case, a blank for the hyphen, no zero padding and full-width digits, with the ID meant', () => {
    const text = 'fix req-2026-005; 需求 2026-005 again, REQ-2026-5, REQ_2026_007, REQ – 2026 – 008, 需求-２０２６-００９';
    assert.deepEqual(
      findIdNearMisses(GRAMMAR, text).map((m) => [m.written, m.id, text.slice(m.start, m.end) === m.written]),
      [
        ['req-2026-005', 'REQ-2026-005', true],
        ['需求 2026-005', '需求-2026-005', true],
        ['REQ-2026-5', 'REQ-2026-005', true],
        ['REQ_2026_007', 'REQ-2026-007', true],
        ['REQ – 2026 – 008', 'REQ-2026-008', true],
        ['需求-２０２６-００９', '需求-2026-009', true],
      ],
    );
  });

  it('IDs that link are never near-misses, full-width hyphens included; nor are longer tokens', () => {
    assert.deepEqual(findIdNearMisses(GRAMMAR, 'REQ-2026-005 需求－2026－003 REQ-2026-0005'), []);
    assert.deepEqual(findIdNearMisses(GRAMMAR, 'prereq-2026-005 REQ-2026-5x xreq 2026 5 no ids here'), []);
  });
});
