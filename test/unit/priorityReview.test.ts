// Recording a priority review (core/priorityReview): the `reviews` entry appended in the list's
// layout, the review's adjustments as minimal field edits in the same result, the note as
// priority_reason when the review overrules the scores, and the answers refused with a reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyTextEdits, composeEdits, editFields, type TextEdit } from '../../src/core/edits';
import { localizeLater } from '../../src/core/l10n';
import { appendListItem } from '../../src/core/listEdits';
import {
  lastParticipants,
  overruledPriority,
  parseParticipants,
  recordReviewEdits,
  reviewProblem,
  type PriorityReview,
} from '../../src/core/priorityReview';
import { REPO_ROOT } from './support';

const example = (name: string) => readFileSync(path.join(REPO_ROOT, 'examples', 'requirements', name), 'utf8');

/** The lines of `after` not in `before`, checking that every old line is still there, in order. */
function inserted(before: string, after: string): string[] {
  const a = before.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  assert.equal(i, a.length, 'every old line is still there, in order');
  return added;
}

function apply(text: string, review: PriorityReview, reason?: string): { after: string; edits: TextEdit[] } {
  const result = recordReviewEdits(text, review, reason);
  assert.ok(result.ok, result.ok ? '' : localizeLater('en', result.text));
  return { after: applyTextEdits(text, result.edits), edits: result.edits };
}

const CONFIRMED: PriorityReview = { date: '2026-11-20', by: ['产品经理', '技术负责人'], result: 'confirmed', note: '维持 P1' };

describe('priority review: the entry', () => {
  it('a confirmed review appends one entry after the last one, in its layout', () => {
    const text = example('需求-2024-001-能耗监控.md');
    const { after } = apply(text, CONFIRMED);
    assert.deepEqual(inserted(text, after), [
      '  - date: 2026-11-20',
      '    by: [产品经理, 技术负责人]',
      '    result: confirmed',
      '    note: 维持 P1',
    ]);
  });

  it('a record without reviews gets the key at the end of its front-matter; no note, no note key', () => {
    const text = example('REQ-2026-004-shipment-eta.md');
    assert.doesNotMatch(text, /^reviews:/m);
    const { after } = apply(text, { date: '2026-11-20', by: ['Mei Lin'], result: 'confirmed' });
    assert.deepEqual(inserted(text, after), ['reviews:', '  - date: 2026-11-20', '    by: [Mei Lin]', '    result: confirmed']);
    assert.match(after, /    result: confirmed\n---\n/);
  });

  it('a changed review writes its adjustments in place and the entry, as one result; comments and order survive', () => {
    const text = example('REQ-2026-004-shipment-eta.md');
    const review: PriorityReview = {
      date: '2026-11-21',
      by: ['Sales director', 'Product manager'],
      result: 'changed',
      note: 'Renewal depends on it',
      moscow: 'must',
      scores: { effort: 3 },
    };
    const { after, edits } = apply(text, review);
    const before = text.split('\n');
    const now = after.split('\n');
    // The two values change on their own lines; the entry is added; nothing else moves.
    const changed = before.map((line, i) => [line, now[i]] as const).filter(([a, b]) => a !== b);
    assert.deepEqual(changed.slice(0, 2), [
      ['  effort: 5', '  effort: 3'],
      ['moscow: could', 'moscow: must'],
    ]);
    assert.deepEqual(inserted(text.replace('  effort: 5', '  effort: 3').replace('moscow: could', 'moscow: must'), after), [
      'reviews:',
      '  - date: 2026-11-21',
      '    by: [Sales director, Product manager]',
      '    result: changed',
      '    note: Renewal depends on it',
    ]);
    // Small edits, each on its own bytes: not one replacement of the whole front-matter.
    assert.ok(edits.length >= 3, JSON.stringify(edits));
    assert.ok(
      edits.every((e) => e.end - e.start <= 10),
      JSON.stringify(edits),
    );
  });

  it('an overruled priority writes the note to priority_reason too', () => {
    const text = example('REQ-2026-004-shipment-eta.md');
    const review: PriorityReview = { date: '2026-11-21', by: ['CTO'], result: 'changed', priority: 'P1', note: 'Key account renewal' };
    const record = { priority: 'P2' as const, scores: { importance: 4, urgency: 3 } };
    assert.equal(overruledPriority(record, review, 4), 'P1');
    const { after } = apply(text, review, review.note);
    assert.match(after, /^priority: P1$/m);
    assert.match(after, /^priority_reason: Key account renewal$/m);
    assert.match(after, /\n {2}- date: 2026-11-21\n {4}by: \[CTO\]\n {4}result: changed\n {4}note: Key account renewal\n---\n/);
  });

  it('CRLF and a BOM survive', () => {
    const text = `\uFEFF${example('需求-2024-001-能耗监控.md').replace(/\n/g, '\r\n')}`;
    const { after } = apply(text, { ...CONFIRMED, result: 'changed', moscow: 'should' });
    assert.ok(after.startsWith('\uFEFF'));
    assert.doesNotMatch(after, /(?<!\r)\n/);
    assert.match(after, /\r\nmoscow: should\r\n/);
    assert.match(after, /\r\n {2}- date: 2026-11-20\r\n {4}by: \[产品经理, 技术负责人\]\r\n/);
  });

  it('a file the edit cannot read safely is refused, nothing is written', () => {
    const result = recordReviewEdits('---\nid: [unclosed\n---\n', CONFIRMED);
    assert.equal(result.ok, false);
    const flow = recordReviewEdits('---\nid: REQ-2026-001\nreviews: [{date: 2026-01-01}]\n---\n', CONFIRMED);
    assert.deepEqual(flow.ok ? undefined : flow.code, 'not-a-block-list');
  });
});

describe('priority review: the answers', () => {
  it('participants are split on the separators people type', () => {
    assert.deepEqual(parseParticipants('产品经理、技术负责人，销售总监; Mei Lin , '), ['产品经理', '技术负责人', '销售总监', 'Mei Lin']);
    assert.deepEqual(parseParticipants('  '), []);
  });

  it('the usual participants are those of the latest review that names any', () => {
    assert.deepEqual(lastParticipants([{ by: ['A', 'B'] }, { by: 'C、D' }, { date: '2026-01-01' }, null]), ['C', 'D']);
    assert.deepEqual(lastParticipants(undefined), []);
  });

  it('only a review that touches priority, importance or urgency can overrule the scores', () => {
    const record = { priority: 'P2' as const, scores: { importance: 5, urgency: 2 } };
    assert.equal(overruledPriority(record, { moscow: 'must' }, 4), undefined);
    assert.equal(overruledPriority(record, { priority: 'P2' }, 4), undefined, 'P2 is what the scores give');
    assert.equal(overruledPriority(record, { scores: { urgency: 5 } }, 4), 'P2', 'the scores now give P1');
    assert.equal(overruledPriority(record, { priority: 'P1', scores: { urgency: 5 } }, 4), undefined);
    assert.equal(overruledPriority({}, { priority: 'P1' }, 4), undefined, 'no scores, nothing to overrule');
  });

  it('refuses what cannot be recorded, saying why in both languages', () => {
    const cases: Array<[Partial<PriorityReview>, string]> = [
      [{ date: '2026-02-30' }, 'A real date as YYYY-MM-DD, e.g. 2026-03-18.'],
      [{ by: [] }, 'Name who took part in the review.'],
      [{ result: 'maybe' as never }, 'The result is one of: confirmed, changed.'],
      [{ moscow: 'must' }, 'A review that changes the priority, MoSCoW or scores has the result changed.'],
      [{ result: 'changed', priority: 'P4' as never }, 'The priority is P1, P2 or P3.'],
      [{ result: 'changed', moscow: 'may' as never }, 'MoSCoW is one of: must, should, could, wont.'],
      [{ result: 'changed', scores: { value: 6 } }, 'A score is a whole number from 1 to 5.'],
    ];
    for (const [change, message] of cases) {
      const problem = reviewProblem({ ...CONFIRMED, ...change });
      assert.equal(problem && localizeLater('en', problem), message, JSON.stringify(change));
      assert.notEqual(localizeLater('zh-cn', problem!), message);
    }
    assert.equal(reviewProblem(CONFIRMED), undefined);
    assert.equal(reviewProblem({ ...CONFIRMED, result: 'changed', scores: { value: 4, effort: 2 } }), undefined);
  });
});

describe('edits: composeEdits', () => {
  it('two changes computed one after the other apply as one set of edits on the original text', () => {
    const text = example('REQ-2025-007-sso-login.md');
    const first = editFields(text, [
      { path: ['moscow'], value: 'should' },
      { path: ['kano'], value: 'performance' },
    ]);
    assert.ok(first.ok);
    const middle = applyTextEdits(text, first.edits);
    const second = appendListItem(middle, 'risks', 'IdP outage during the pilot');
    assert.ok(second.ok);
    const composed = composeEdits(text, first.edits, second.edits);
    assert.equal(applyTextEdits(text, composed), applyTextEdits(middle, second.edits));
  });

  it('agrees with applying the two in turn, for random edits that touch, overlap and nest', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz';
    /** Non-overlapping edits of a text of `length` characters. */
    const edits = (length: number) =>
      fc
        .uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: 8 })
        .chain((points) => {
          const sorted = [...points].sort((a, b) => a - b);
          const spans: Array<[number, number]> = [];
          for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([sorted[i]!, sorted[i + 1]!]);
          if (sorted.length % 2 === 1) spans.push([sorted[sorted.length - 1]!, sorted[sorted.length - 1]!]);
          return fc.tuple(...spans.map(([start, end]) => fc.string({ maxLength: 4 }).map((newText) => ({ start, end, newText }))));
        })
        .map((list) => list as TextEdit[]);
    fc.assert(
      fc.property(
        edits(text.length).chain((first) => {
          const middle = applyTextEdits(text, first);
          return fc.tuple(fc.constant(first), edits(middle.length));
        }),
        ([first, second]) => {
          const middle = applyTextEdits(text, first);
          const composed = composeEdits(text, first, second);
          assert.equal(applyTextEdits(text, composed), applyTextEdits(middle, second));
          // Still non-overlapping and in order: a WorkspaceEdit takes them as they are.
          for (let i = 1; i < composed.length; i++) assert.ok(composed[i]!.start >= composed[i - 1]!.end);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
