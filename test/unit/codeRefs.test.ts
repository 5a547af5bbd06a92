// Requirement IDs in code and tests (core/codeRefs) and the coverage built from them (core/coverage).
import assert from 'node:assert/strict';
import { codeFileRules, codeRefsIn, DEFAULT_TEST_FILES, mentionNeedles, type CodeRef } from '../../src/core/codeRefs';
import type { CommitLink } from '../../src/core/commits';
import { buildCoverage, type CoverageRecord } from '../../src/core/coverage';
import { compileIdGrammar } from '../../src/core/ids';
import { DEFAULT_SETTINGS, resolveSettings, SETTING_KEYS, type SettingsWarning } from '../../src/core/settings';

const grammar = compileIdGrammar(['REQ', '需求'], '{prefix}-{year}-{seq:3}');
const rules = codeFileRules({ include: DEFAULT_SETTINGS.include, exclude: DEFAULT_SETTINGS.exclude, testFiles: DEFAULT_TEST_FILES });

describe('codeRefs: which files are code and which are tests', () => {
  it('test files by the conventions of common languages', () => {
    for (const file of [
      'test/unit/login.ts',
      'pkg/tests/test_scan.py',
      'src/__tests__/dock.tsx',
      'spec/models/pallet_spec.rb',
      'src/dock.test.ts',
      'web/dock.spec.js',
      'internal/dock/dock_test.go',
      'app/test_dock.py',
      'app/dock_test.py',
      'src/main/java/com/acme/DockTest.java',
      'src/it/DockIT.java',
      'Dock.Tests/DockTests.cs',
      'app/src/DockTest.kt',
    ])
      assert.equal(rules.kindOf(file), 'test', file);
  });

  it('other files are code; requirement files, Markdown and excluded files are not read', () => {
    for (const file of [
      'src/dock.ts',
      'internal/dock/dock.go',
      'app/dock.py',
      'src/main/java/com/acme/Dock.java',
      'Makefile',
      '.github/ci.yml',
    ])
      assert.equal(rules.kindOf(file), 'code', file);
    for (const file of ['requirements/REQ-2026-001-dock.md', 'docs/design.md', 'README.MD', 'notes/x.markdown', 'node_modules/x/index.js'])
      assert.equal(rules.kindOf(file), undefined, file);
    assert.ok(rules.skipsFolder('node_modules'));
    assert.ok(rules.skipsFolder('web/node_modules'));
    assert.ok(!rules.skipsFolder('src'));
  });

  it('the test globs are a setting; an empty list makes every mention code', () => {
    const warnings: SettingsWarning[] = [];
    const own = resolveSettings({ [SETTING_KEYS.testFiles]: ['checks/**'] }, warnings);
    assert.deepEqual(own.testFiles, ['checks/**']);
    assert.deepEqual(warnings, []);
    const custom = codeFileRules({ include: own.include, exclude: own.exclude, testFiles: own.testFiles });
    assert.equal(custom.kindOf('checks/dock.ts'), 'test');
    assert.equal(custom.kindOf('test/dock.ts'), 'code');
    const none = codeFileRules({ include: [], exclude: [], testFiles: resolveSettings({ [SETTING_KEYS.testFiles]: [] }).testFiles });
    assert.equal(none.kindOf('test/dock.test.ts'), 'code');
    const bad: SettingsWarning[] = [];
    assert.deepEqual(resolveSettings({ [SETTING_KEYS.testFiles]: 'test/**' }, bad).testFiles, [...DEFAULT_TEST_FILES]);
    assert.equal(bad.length, 1);
  });
});

describe('codeRefs: mentions in a file', () => {
  it('finds IDs in comments, strings and test names, with 1-based line and UTF-16 column', () => {
    const text = [
      '// REQ-2026-001: scan at the dock',
      "it('需求-2024-001 扫码入库', () => {});",
      '@Test // Refs: REQ-2026-002, REQ-2026-003',
      'const x = "XREQ-2026-009 REQ-2026-0099a";',
    ].join('\n');
    const refs = codeRefsIn(grammar, 'src/dock.ts', text, 'code');
    assert.deepEqual(
      refs.map((r) => `${r.id}@${r.line}:${r.column}`),
      ['REQ-2026-001@1:4', '需求-2024-001@2:5', 'REQ-2026-002@3:16', 'REQ-2026-003@3:30'],
    );
    assert.ok(refs.every((r) => r.file === 'src/dock.ts' && r.kind === 'code'));
  });

  it('reads full-width and other hyphen variants as the canonical ID, keeping what was written', () => {
    const refs = codeRefsIn(grammar, 't/x.test.ts', "it('需求－2026－003 看板', …)\r\n// REQ‑2026‑004", 'test');
    assert.deepEqual(
      refs.map((r) => [r.id, r.written, r.line, r.column]),
      [
        ['需求-2026-003', '需求－2026－003', 1, 5],
        ['REQ-2026-004', 'REQ‑2026‑004', 2, 4],
      ],
    );
  });

  it('lines end at LF, CRLF and a lone CR; columns count UTF-16 code units', () => {
    const refs = codeRefsIn(grammar, 'a.c', '\r\r\n/* 😀 REQ-2026-001 */\rREQ-2026-002', 'code');
    assert.deepEqual(
      refs.map((r) => [r.line, r.column]),
      [
        [3, 7],
        [4, 1],
      ],
    );
  });

  it('the ripgrep needles: each prefix with the text up to the next token, hyphens in every variant', () => {
    assert.deepEqual(mentionNeedles(compileIdGrammar(['TEP'], '{prefix}-{seq:4}')), ['TEP-', 'TEP‐', 'TEP‑', 'TEP－']);
    assert.deepEqual(mentionNeedles(compileIdGrammar(['PROJ'], '{prefix}{seq}')), ['PROJ']);
    // Every mention contains a needle (the pre-filter never drops a mention).
    const text = '需求－2026－003 REQ‐2026‐001 REQ-2026-002';
    for (const r of grammar.findReferences(text)) {
      const written = text.slice(r.start, r.end);
      assert.ok(
        mentionNeedles(grammar).some((n) => written.includes(n)),
        written,
      );
    }
  });
});

const ref = (id: string, file: string, line: number, kind: CodeRef['kind'] = 'code'): CodeRef => ({ id, file, line, column: 1, kind });
const commit = (hash: string): CommitLink => ({ hash, subject: hash, author: 'a', date: '2026-01-01T00:00:00Z' });

describe('coverage: requirement → commits, code and tests; the gaps', () => {
  const records: CoverageRecord[] = [
    { id: 'REQ-2026-002', ids: ['REQ-2026-002'], status: 'delivered', file: 'requirements/b.md' },
    { id: 'REQ-2026-001', ids: ['REQ-2026-001', 'REQ-2025-010'], status: 'verified', file: 'requirements/a.md' },
    { id: 'REQ-2026-003', ids: ['REQ-2026-003'], status: 'in-progress', file: 'requirements/c.md' },
    { id: 'REQ-2026-004', ids: ['REQ-2026-004'], file: 'requirements/d.md' },
  ];
  const refs = [
    ref('REQ-2026-001', 'src/z.ts', 9),
    ref('REQ-2025-010', 'test/a.test.ts', 3, 'test'),
    ref('REQ-2026-001', 'src/a.ts', 2),
    ref('REQ-2026-002', 'src/b.ts', 1),
    ref('REQ-2026-099', 'src/b.ts', 7),
    ref('REQ-2026-098', 'test/b.test.ts', 1, 'test'),
  ];
  const commits = new Map([
    ['REQ-2026-001', [commit('c1')]],
    ['REQ-2025-010', [commit('c0')]],
  ]);
  const coverage = buildCoverage(records, refs, (ids) => ids.flatMap((id) => commits.get(id) ?? []));

  it('each requirement in ID order with its commits, code and tests; merged IDs count for the requirement', () => {
    assert.deepEqual(
      coverage.requirements.map((r) => [
        r.id,
        r.commits.map((c) => c.hash),
        r.code.map((c) => `${c.file}:${c.line}`),
        r.tests.map((c) => `${c.file}:${c.line}`),
      ]),
      [
        ['REQ-2026-001', ['c1', 'c0'], ['src/a.ts:2', 'src/z.ts:9'], ['test/a.test.ts:3']],
        ['REQ-2026-002', [], ['src/b.ts:1'], []],
        ['REQ-2026-003', [], [], []],
        ['REQ-2026-004', [], [], []],
      ],
    );
  });

  it('gaps: delivered or verified without a test, then mentions of IDs no requirement has', () => {
    assert.deepEqual(
      coverage.gaps.map((g) => (g.kind === 'untested' ? `${g.kind} ${g.id} ${g.status}` : `${g.kind} ${g.id} ${g.ref.file}:${g.ref.line}`)),
      ['untested REQ-2026-002 delivered', 'unknown-id REQ-2026-099 src/b.ts:7', 'unknown-id REQ-2026-098 test/b.test.ts:1'],
    );
    assert.deepEqual(
      coverage.unknown.map((r) => r.id),
      ['REQ-2026-099', 'REQ-2026-098'],
    );
  });

  it('no records and no mentions: nothing, no gap', () => {
    assert.deepEqual(
      buildCoverage([], [], () => []),
      { requirements: [], unknown: [], gaps: [] },
    );
  });
});
