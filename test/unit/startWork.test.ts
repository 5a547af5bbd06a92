// Start Working on Requirement, its rules: the status moves to in-progress only from before work,
// as one changed value; the commit box gets the template unless it already names the requirement.
import assert from 'node:assert/strict';
import { applyTextEdits } from '../../src/core/edits';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../../src/core/ids';
import {
  commitBoxAfterStart,
  commitMessageFrom,
  DEFAULT_COMMIT_TEMPLATE,
  startWorkStatusEdit,
  statusInText,
} from '../../src/core/startWork';

const record = (status: string) => `---
id: REQ-2026-001
title: Export energy readings
type: functional
status: ${status}   # where it is
priority: P2
---
# Export energy readings

status: new (in the body: not the field)
`;

describe('start work: the status', () => {
  for (const before of ['new', 'analyzing', 'planned', '新建', '分析中', 'analysing', '已计划']) {
    it(`${before} → in-progress, only that value changed (its comment kept)`, () => {
      const text = record(before);
      const result = startWorkStatusEdit(text);
      assert.ok(result.ok);
      assert.equal(applyTextEdits(text, result.edits), text.replace(`status: ${before}   #`, 'status: in-progress   #'));
    });
  }

  for (const after of ['in-progress', '进行中', 'delivered', 'verified', 'closed', 'declined', 'on-hold', '已交付']) {
    it(`${after} is left alone: nothing moves back, no decision is overruled`, () => {
      const result = startWorkStatusEdit(record(after));
      assert.deepEqual(result, { ok: true, edits: [] });
    });
  }

  it('a record without a status, with an unknown one or without front-matter is left alone', () => {
    assert.deepEqual(startWorkStatusEdit('---\nid: REQ-2026-001\n---\n'), { ok: true, edits: [] });
    assert.deepEqual(startWorkStatusEdit(record('someday')), { ok: true, edits: [] });
    assert.deepEqual(startWorkStatusEdit('# No front-matter\n'), { ok: true, edits: [] });
    assert.equal(statusInText('---\n: [broken\n---\n'), undefined);
  });

  it('reads aliases as their status', () => {
    assert.equal(statusInText(record('新建')), 'new');
    assert.equal(statusInText(record('进行中')), 'in-progress');
  });
});

describe('start work: the commit box', () => {
  const grammar = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);
  const message = commitMessageFrom(DEFAULT_COMMIT_TEMPLATE, { id: 'REQ-2026-001', title: 'Export' });

  it('fills the template: {id} and {title} (on one line); a template without {id} gets it in front', () => {
    assert.equal(message, 'REQ-2026-001: ');
    assert.equal(
      commitMessageFrom('feat: {title} ({id})', { id: 'REQ-2026-001', title: 'Export\nreadings ' }),
      'feat: Export readings (REQ-2026-001)',
    );
    assert.equal(commitMessageFrom('wip', { id: 'REQ-2026-001' }), 'REQ-2026-001: wip');
  });

  it('an empty box gets the template', () => {
    assert.deepEqual(commitBoxAfterStart('', message, grammar, ['REQ-2026-001']), { value: 'REQ-2026-001: ', changed: true });
    assert.deepEqual(commitBoxAfterStart('  \n', message, grammar, ['REQ-2026-001']), { value: 'REQ-2026-001: ', changed: true });
  });

  it('a box that already names the requirement (or an ID merged into it) is left as it is', () => {
    for (const current of ['Fix export (REQ-2026-001)', 'Refs: REQ-2026-001', 'old number REQ-2025-009']) {
      assert.deepEqual(commitBoxAfterStart(current, message, grammar, ['REQ-2026-001', 'REQ-2025-009']), {
        value: current,
        changed: false,
      });
    }
  });

  it('what was typed is kept, after the template; another ID does not count', () => {
    assert.deepEqual(commitBoxAfterStart('fix the export', message, grammar, ['REQ-2026-001']), {
      value: 'REQ-2026-001: fix the export',
      changed: true,
    });
    assert.deepEqual(commitBoxAfterStart('REQ-2026-002 done', message, grammar, ['REQ-2026-001']).value, 'REQ-2026-001: REQ-2026-002 done');
    // An ID inside a longer token is no mention.
    assert.equal(commitBoxAfterStart('XREQ-2026-001', message, grammar, ['REQ-2026-001']).changed, true);
  });
});
