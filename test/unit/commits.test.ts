import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sampleOr } from './arbitraries';
import { CommitLinks, compareIds, mentionsIn, parseGitDate, type CommitInfo } from '../../src/core/commits';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../../src/core/ids';

const g = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);

const commit = (hash: string, date: string, subject: string, body = '', author = '张三'): CommitInfo => ({
  hash,
  subject,
  body,
  author,
  date,
});

describe('commits: mentionsIn', () => {
  it('finds an ID in a Chinese subject without a verb', () => {
    assert.deepEqual(mentionsIn(g, 'feat: 能耗看板 (需求-2024-001)', ''), [{ id: '需求-2024-001', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, 'feat: 能耗看板（需求-2024-001）', ''), [{ id: '需求-2024-001', where: 'subject' }]);
  });

  it('reads a Refs trailer in the body', () => {
    assert.deepEqual(mentionsIn(g, 'fix: CSV export encoding', 'Excel showed mojibake.\n\nRefs: REQ-2025-004\n'), [
      { id: 'REQ-2025-004', verb: 'refs', where: 'trailer' },
    ]);
  });

  it('reads a verb in body prose', () => {
    const body = 'The dashboard now shows the daily total.\nCloses 需求-2024-002 once the customer signs off.';
    assert.deepEqual(mentionsIn(g, 'feat: daily total', body), [{ id: '需求-2024-002', verb: 'closes', where: 'body' }]);
  });

  it('reads a bare verb line at the end of the body as a trailer', () => {
    assert.deepEqual(mentionsIn(g, 'feat: daily total', 'Closes 需求-2024-002'), [
      { id: '需求-2024-002', verb: 'closes', where: 'trailer' },
    ]);
    assert.deepEqual(mentionsIn(g, 'x', 'Some text.\n\nImplements REQ-2024-001, REQ-2024-002'), [
      { id: 'REQ-2024-001', verb: 'implements', where: 'trailer' },
      { id: 'REQ-2024-002', verb: 'implements', where: 'trailer' },
    ]);
  });

  it('reads Chinese verbs glued to the ID, with full-width punctuation after', () => {
    assert.deepEqual(mentionsIn(g, '完成需求-2024-001，待验收', ''), [{ id: '需求-2024-001', verb: 'implements', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, '修复需求-2025-001的夜间告警', ''), [{ id: '需求-2025-001', verb: 'fixes', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, '关闭 需求-2024-003', ''), [{ id: '需求-2024-003', verb: 'closes', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, '参见：需求-2024-004', ''), [{ id: '需求-2024-004', verb: 'refs', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, '解决REQ-2024-005', ''), [{ id: 'REQ-2024-005', verb: 'fixes', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, '实现 REQ-2024-006', ''), [{ id: 'REQ-2024-006', verb: 'implements', where: 'subject' }]);
  });

  it('does not take a negated or unrelated Chinese word as a verb', () => {
    assert.deepEqual(mentionsIn(g, '未完成需求-2024-001', ''), [{ id: '需求-2024-001', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, '按客户意见需求-2024-001调整', ''), [{ id: '需求-2024-001', where: 'subject' }]);
  });

  it('matches English verbs case-insensitively, with :, # and spaces', () => {
    const cases: Array<[string, string]> = [
      ['FIXES REQ-2024-001', 'fixes'],
      ['Fixed: REQ-2024-001', 'fixes'],
      ['resolves #REQ-2024-001', 'fixes'],
      ['Implementing REQ-2024-001', 'implements'],
      ['see REQ-2024-001', 'refs'],
      ['Relates To REQ-2024-001', 'refs'],
      ['ref REQ-2024-001', 'refs'],
      ['Closing REQ-2024-001', 'closes'],
    ];
    for (const [subject, verb] of cases) {
      assert.deepEqual(mentionsIn(g, subject, ''), [{ id: 'REQ-2024-001', verb, where: 'subject' }], subject);
    }
  });

  it('does not read a verb out of the end of a longer word', () => {
    assert.deepEqual(mentionsIn(g, 'prefix REQ-2024-001', ''), [{ id: 'REQ-2024-001', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, 'unresolved REQ-2024-001', ''), [{ id: 'REQ-2024-001', where: 'subject' }]);
    assert.deepEqual(mentionsIn(g, 'fixes the bug in REQ-2024-001', ''), [{ id: 'REQ-2024-001', where: 'subject' }]);
  });

  it('finds several IDs, in order of first mention, and lets a list share its verb', () => {
    assert.deepEqual(mentionsIn(g, 'Fixes REQ-2024-002, REQ-2024-001 and 需求-2024-003', 'See 需求-2024-009.'), [
      { id: 'REQ-2024-002', verb: 'fixes', where: 'subject' },
      { id: 'REQ-2024-001', verb: 'fixes', where: 'subject' },
      { id: '需求-2024-003', verb: 'fixes', where: 'subject' },
      { id: '需求-2024-009', verb: 'refs', where: 'body' },
    ]);
    assert.deepEqual(mentionsIn(g, 'REQ-2024-001 与 REQ-2024-002 的接口', ''), [
      { id: 'REQ-2024-001', where: 'subject' },
      { id: 'REQ-2024-002', where: 'subject' },
    ]);
  });

  it('keeps one mention per ID with the strongest verb', () => {
    const body = 'Implements REQ-2024-001 for the dashboard.\n\nCloses: REQ-2024-001\nRefs: REQ-2024-001';
    assert.deepEqual(mentionsIn(g, 'feat: REQ-2024-001 dashboard', body), [{ id: 'REQ-2024-001', verb: 'closes', where: 'trailer' }]);
    assert.deepEqual(mentionsIn(g, 'fix REQ-2024-001', 'see REQ-2024-001'), [{ id: 'REQ-2024-001', verb: 'fixes', where: 'subject' }]);
  });

  it('reads trailers listing several IDs with commas, spaces and 、', () => {
    const body =
      'Reworked the export.\n\nRefs: REQ-2024-001, REQ-2024-002 需求-2024-003、需求-2024-004\nCloses: 需求-2024-005\nSigned-off-by: 张三 <zhang@example.com>';
    assert.deepEqual(mentionsIn(g, 'refactor: export', body), [
      { id: 'REQ-2024-001', verb: 'refs', where: 'trailer' },
      { id: 'REQ-2024-002', verb: 'refs', where: 'trailer' },
      { id: '需求-2024-003', verb: 'refs', where: 'trailer' },
      { id: '需求-2024-004', verb: 'refs', where: 'trailer' },
      { id: '需求-2024-005', verb: 'closes', where: 'trailer' },
    ]);
  });

  it('reads trailer keys in any case, hyphenated, Chinese, and unknown keys without a verb', () => {
    const body = 'Text.\n\nRelates-to: REQ-2024-001\nFIXES: REQ-2024-002\n关闭：需求-2024-003\nTracking: REQ-2024-004\r\n';
    assert.deepEqual(mentionsIn(g, 's', body), [
      { id: 'REQ-2024-001', verb: 'refs', where: 'trailer' },
      { id: 'REQ-2024-002', verb: 'fixes', where: 'trailer' },
      { id: '需求-2024-003', verb: 'closes', where: 'trailer' },
      { id: 'REQ-2024-004', where: 'trailer' },
    ]);
  });

  it('treats a last paragraph with prose in it as body, not trailers', () => {
    const body = 'Refs: REQ-2024-001\nthe customer asked twice';
    assert.deepEqual(mentionsIn(g, 's', body), [{ id: 'REQ-2024-001', verb: 'refs', where: 'body' }]);
    assert.deepEqual(mentionsIn(g, 's', 'Fix REQ-2024-002 crash on login'), [{ id: 'REQ-2024-002', verb: 'fixes', where: 'body' }]);
  });

  it('ignores IDs inside longer tokens and messages without IDs', () => {
    assert.deepEqual(mentionsIn(g, 'fix XREQ-2025-004 and REQ-2025-0041x', 'Closes xREQ-2024-001'), []);
    assert.deepEqual(mentionsIn(g, 'chore: bump deps', 'Refs: nothing'), []);
    assert.deepEqual(mentionsIn(g, '', ''), []);
  });
});

describe('commits: CommitLinks', () => {
  const history = (): CommitInfo[] => [
    commit('c3', '2024-04-02T09:00:00+08:00', '完成需求-2024-001，待验收', '', '李四'),
    commit('c1', '2024-03-20T10:00:00+08:00', 'feat: 能耗看板 (需求-2024-001)'),
    commit('c2', '2024-03-25T18:30:00+08:00', 'fix: CSV export encoding', 'Refs: REQ-2025-004, REQ-2025-999'),
    commit('c0', '2024-03-01T08:00:00+08:00', 'chore: init'),
    commit('c4', '2024-04-02 01:00:00 +0000', '修复需求-2025-001的夜间告警', '', '王五'),
  ];
  const links = (): CommitLinks => {
    const l = new CommitLinks();
    l.add(g, history());
    return l;
  };

  it('keeps only commits that mention an ID', () => {
    const l = links();
    assert.equal(l.size, 4);
    assert.deepEqual(l.commitsOf('nothing'), []);
    assert.deepEqual(l.ids(), ['REQ-2025-004', 'REQ-2025-999', '需求-2024-001', '需求-2025-001']);
  });

  it('lists commits of an ID newest first, with the verb for that ID', () => {
    assert.deepEqual(links().commitsOf('需求-2024-001'), [
      { hash: 'c3', subject: '完成需求-2024-001，待验收', author: '李四', date: '2024-04-02T09:00:00+08:00', verb: 'implements' },
      { hash: 'c1', subject: 'feat: 能耗看板 (需求-2024-001)', author: '张三', date: '2024-03-20T10:00:00+08:00' },
    ]);
  });

  it('orders by instant across time zones, then by hash', () => {
    const l = new CommitLinks();
    l.add(g, [
      commit('b', '2024-04-02T09:00:00+08:00', 'REQ-2024-001'), // 01:00 UTC
      commit('z', '2024-04-02T02:00:00+00:00', 'REQ-2024-001'), // newest
      commit('a', '2024-04-01T17:00:00-08:00', 'REQ-2024-001'), // 01:00 UTC, same instant as b
      commit('n', 'not a date', 'REQ-2024-001'),
    ]);
    assert.deepEqual(
      l.commitsOf('REQ-2024-001').map((c) => c.hash),
      ['z', 'a', 'b', 'n'],
    );
  });

  it('replaces a hash seen before, and drops it when it no longer mentions an ID', () => {
    const l = links();
    l.add(g, [commit('c1', '2024-03-20T10:00:00+08:00', 'feat: 能耗看板 (需求-2024-002)')]);
    assert.deepEqual(
      l.commitsOf('需求-2024-001').map((c) => c.hash),
      ['c3'],
    );
    assert.deepEqual(
      l.commitsOf('需求-2024-002').map((c) => c.hash),
      ['c1'],
    );
    assert.equal(l.size, 4);
    l.add(g, [commit('c1', '2024-03-20T10:00:00+08:00', 'feat: 能耗看板')]);
    assert.equal(l.size, 3);
    assert.ok(!l.ids().includes('需求-2024-002'));
  });

  it('forgets removed commits and IDs no longer mentioned', () => {
    const l = links();
    l.remove(['c2', 'c3', 'unknown-hash']);
    assert.equal(l.size, 2);
    assert.deepEqual(l.ids(), ['需求-2024-001', '需求-2025-001']);
    assert.deepEqual(l.commitsOf('REQ-2025-004'), []);
  });

  it('reports IDs no record has', () => {
    const known = new Set(['需求-2024-001', '需求-2025-001', 'REQ-2025-004']);
    const unknown = links().unknown(known);
    assert.deepEqual([...unknown.keys()], ['REQ-2025-999']);
    assert.deepEqual(unknown.get('REQ-2025-999'), [
      { hash: 'c2', subject: 'fix: CSV export encoding', author: '张三', date: '2024-03-25T18:30:00+08:00', verb: 'refs' },
    ]);
  });

  it('lists pairs by ID, then oldest commit first', () => {
    assert.deepEqual(
      links()
        .pairs()
        .map((p) => [p.id, p.commit.hash, p.commit.verb]),
      [
        ['REQ-2025-004', 'c2', 'refs'],
        ['REQ-2025-999', 'c2', 'refs'],
        ['需求-2024-001', 'c1', undefined],
        ['需求-2024-001', 'c3', 'implements'],
        ['需求-2025-001', 'c4', 'fixes'],
      ],
    );
  });

  it('orders IDs by number, not by text', () => {
    assert.ok(compareIds('REQ-2024-999', 'REQ-2024-1000') < 0);
    assert.ok(compareIds('REQ-2024-010', 'REQ-2024-9') > 0);
    assert.ok(compareIds('REQ-2023-999', 'REQ-2024-001') < 0);
    assert.equal(compareIds('REQ-2024-001', 'REQ-2024-001'), 0);
  });

  it('round-trips through JSON', () => {
    const l = links();
    const back = CommitLinks.fromJSON(JSON.parse(JSON.stringify(l.toJSON())));
    assert.ok(back);
    assert.equal(back.size, l.size);
    assert.deepEqual(back.ids(), l.ids());
    assert.deepEqual(back.pairs(), l.pairs());
    assert.deepEqual(back.toJSON(), l.toJSON());
    assert.deepEqual(CommitLinks.fromJSON(new CommitLinks().toJSON())?.size, 0);
  });

  it('refuses malformed JSON', () => {
    const good = JSON.parse(JSON.stringify(links().toJSON())) as { commits: Array<Record<string, unknown>> };
    const mutate = (f: (d: { version?: unknown; commits: Array<Record<string, unknown>> }) => void): unknown => {
      const d = structuredClone(good);
      f(d);
      return d;
    };
    const bad: unknown[] = [
      null,
      undefined,
      42,
      'text',
      [],
      {},
      { version: 2, commits: [] },
      { version: 1 },
      { version: 1, commits: {} },
      mutate((d) => (d.version = '1')),
      mutate((d) => d.commits.push(d.commits[0]!)), // duplicate hash
      mutate((d) => (d.commits[0]!.hash = 7)),
      mutate((d) => (d.commits[0]!.hash = '')),
      mutate((d) => delete d.commits[0]!.subject),
      mutate((d) => (d.commits[0]!.date = null)),
      mutate((d) => (d.commits[0]!.mentions = [])),
      mutate((d) => (d.commits[0]!.mentions = 'REQ-2024-001')),
      mutate((d) => (d.commits[0]!.mentions = [null])),
      mutate((d) => (d.commits[0]!.mentions = [{ id: 'REQ-2024-001', where: 'footer' }])),
      mutate((d) => (d.commits[0]!.mentions = [{ id: 'REQ-2024-001', verb: 'blocks', where: 'body' }])),
      mutate((d) => (d.commits[0]!.mentions = [{ id: 'REQ-2024-001', verb: null, where: 'body' }])),
      mutate((d) => (d.commits[0]!.mentions = [{ id: '', where: 'body' }])),
      mutate(
        (d) =>
          (d.commits[0]!.mentions = [
            { id: 'REQ-2024-001', where: 'body' },
            { id: 'REQ-2024-001', where: 'subject' },
          ]),
      ),
      mutate((d) => (d.commits = [42 as unknown as Record<string, unknown>])),
    ];
    for (const [i, data] of bad.entries()) assert.equal(CommitLinks.fromJSON(data), undefined, `case ${i}`);
  });
});

describe('commits: parseGitDate', () => {
  it('reads strict ISO and git default formats, without the local time zone', () => {
    const t = Date.UTC(2024, 3, 2, 1, 0, 0);
    assert.equal(parseGitDate('2024-04-02T09:00:00+08:00'), t);
    assert.equal(parseGitDate('2024-04-02 09:00:00 +0800'), t);
    assert.equal(parseGitDate('2024-04-01T20:00:00-05:00'), t);
    assert.equal(parseGitDate('2024-04-02T01:00:00Z'), t);
    assert.equal(parseGitDate('2024-04-02T01:00:00.250Z'), t + 250);
    assert.equal(parseGitDate('2024-04-02T01:00:00'), t);
    assert.ok(Number.isNaN(parseGitDate('yesterday')));
  });
});

describe('commits: properties', () => {
  const MESSAGE_PIECES = [
    'REQ-2024-001',
    '需求-2025-042',
    'XREQ-2024-001',
    'REQ-2024-',
    'fixes ',
    'Closes: ',
    '完成',
    '未',
    '意见',
    'Refs: ',
    '\n',
    '\n\n',
    ', ',
    '、',
    '（',
    '）',
    '，',
    ' and ',
    '#',
    'Signed-off-by: x',
    '\r\n',
    '　',
  ];
  const piece = sampleOr(MESSAGE_PIECES, fc.string({ maxLength: 4 }));
  const message = fc.array(piece, { maxLength: 16 }).map((parts) => parts.join(''));

  it('mentionsIn never throws and only reports valid IDs that occur in the message, once each', () => {
    fc.assert(
      fc.property(message, message, (subject, body) => {
        const found = mentionsIn(g, subject, body);
        const ids = found.map((m) => m.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const m of found) {
          assert.ok(g.isValid(m.id), m.id);
          assert.ok(subject.includes(m.id) || body.includes(m.id), m.id);
          assert.ok(['subject', 'body', 'trailer'].includes(m.where));
          assert.ok(m.verb === undefined || ['refs', 'implements', 'fixes', 'closes'].includes(m.verb));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('CommitLinks survives a JSON round trip for any messages', () => {
    const commits = fc.uniqueArray(
      fc.record({
        hash: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 8 }),
        subject: message,
        body: message,
        author: fc.string({ maxLength: 4 }),
        date: fc.constantFrom('2024-04-02T09:00:00+08:00', '2024-01-01 00:00:00 +0000', 'bad'),
      }),
      { selector: (c) => c.hash, maxLength: 8 },
    );
    fc.assert(
      fc.property(commits, (cs) => {
        const l = new CommitLinks();
        l.add(g, cs);
        const back = CommitLinks.fromJSON(JSON.parse(JSON.stringify(l.toJSON())));
        assert.ok(back);
        assert.deepEqual(back.pairs(), l.pairs());
      }),
      { numRuns: 200 },
    );
  });
});
