// Branch names for Start Working on Requirement: the slug, the pattern's placeholders, and that any
// title — hostile ones included — gives a name git accepts as a branch (checked by git itself on
// a sample).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import {
  branchNameFor,
  DEFAULT_BRANCH_PATTERN,
  isValidBranchName,
  MAX_BRANCH_LENGTH,
  MAX_SLUG_LENGTH,
  safeBranchName,
  slugOf,
} from '../../src/core/branchName';
import { CaseTally } from './caseTally';

const name = (title: string, pattern = DEFAULT_BRANCH_PATTERN, id = 'REQ-2026-001') => branchNameFor(pattern, { id, title }).name;

/** Whether git itself accepts the name as a branch (exit 0 of `git check-ref-format --branch`). */
function gitAccepts(branch: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', branch], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('branch names: the slug', () => {
  it('keeps the lower-case ASCII words of the title, joined by hyphens', () => {
    assert.equal(slugOf('Export energy readings per plant'), 'export-energy-readings-per-plant');
    assert.equal(slugOf('  SSO login (SAML 2.0) — for Acme!  '), 'sso-login-saml-2-0-for-acme');
    assert.equal(slugOf('Café déjà vu'), 'cafe-deja-vu');
  });

  it('is empty for a title without ASCII words (Chinese), and keeps the ASCII words of a mixed one', () => {
    assert.equal(slugOf('实时监控生产设备能耗'), '');
    assert.equal(slugOf('支持 Excel 导出月报'), 'excel');
    assert.equal(slugOf('🚀🔥'), '');
  });

  it('is cut between words at the cap; a first word longer than the cap is cut', () => {
    const long = slugOf('one two three four five six seven eight nine ten eleven twelve');
    assert.ok(long.length <= MAX_SLUG_LENGTH);
    assert.equal(long, 'one-two-three-four-five-six-seven-eight');
    assert.equal(slugOf('x'.repeat(100)), 'x'.repeat(MAX_SLUG_LENGTH));
  });
});

describe('branch names: the pattern', () => {
  it('fills {id}-{slug} by default', () => {
    assert.deepEqual(branchNameFor(DEFAULT_BRANCH_PATTERN, { id: 'REQ-2026-001', title: 'Export energy readings' }), {
      name: 'REQ-2026-001-export-energy-readings',
      byIdOnly: false,
    });
  });

  it('names a Chinese title by ID only, and says so', () => {
    assert.deepEqual(branchNameFor(DEFAULT_BRANCH_PATTERN, { id: '需求-2024-001', title: '实时监控生产设备能耗' }), {
      name: '需求-2024-001',
      byIdOnly: true,
    });
  });

  it('fills {type} and {user}, slugged; an unknown placeholder becomes plain text', () => {
    const input = { id: 'REQ-2026-001', title: 'Export', type: 'functional', user: 'Lin Wei' };
    assert.equal(branchNameFor('{user}/{type}/{id}-{slug}', input).name, 'lin-wei/functional/REQ-2026-001-export');
    assert.equal(branchNameFor('feature/{id}{nope}', input).name, 'feature/REQ-2026-001-nope');
    // A missing user leaves no empty component.
    assert.equal(branchNameFor('{user}/{id}', { id: 'REQ-2026-001' }).name, 'REQ-2026-001');
  });

  it('appends the ID when the pattern has none, and falls back to it when the pattern gives nothing', () => {
    assert.equal(branchNameFor('feature/{slug}', { id: 'REQ-2026-001', title: 'Export' }).name, 'feature/export-REQ-2026-001');
    assert.equal(branchNameFor('', { id: 'REQ-2026-001', title: 'Export' }).name, 'REQ-2026-001-export');
    assert.equal(branchNameFor('~^:?*[', { id: 'REQ-2026-001', title: 'Export' }).name, 'REQ-2026-001');
  });
});

describe('branch names: hostile titles and patterns', () => {
  const cases: Array<[title: string, expected: string]> = [
    ['-rf', 'REQ-2026-001-rf'],
    ['../../x', 'REQ-2026-001-x'],
    ['a..b', 'REQ-2026-001-a-b'],
    ['tab\there\u0000nul\u001b[31mred\u007f', 'REQ-2026-001-tab-here-nul-31mred'],
    ['refs/heads/main', 'REQ-2026-001-refs-heads-main'],
    ['@{-1}', 'REQ-2026-001-1'],
    ['x.lock', 'REQ-2026-001-x-lock'],
    ['😀 emoji 👩‍👩‍👧 family', 'REQ-2026-001-emoji-family'],
    ['实时监控生产设备能耗', 'REQ-2026-001'],
    ['$(rm -rf ~) `id` ; && | > <', 'REQ-2026-001-rm-rf-id'],
  ];
  for (const [title, expected] of cases) {
    it(`${JSON.stringify(title)} → ${expected}`, () => {
      const branch = name(title);
      assert.equal(branch, expected);
      assert.ok(isValidBranchName(branch));
    });
  }

  it('a very long title gives a name within the caps', () => {
    const branch = name('word '.repeat(10_000));
    assert.ok(branch.length <= MAX_BRANCH_LENGTH);
    assert.ok(branch.startsWith('REQ-2026-001-word-word'));
    assert.ok(isValidBranchName(branch));
  });

  it('hostile patterns are made safe: a leading `-`, `..`, `@{`, `.lock`, empty components, a trailing `/` or `.`', () => {
    const input = { id: 'REQ-2026-001', title: 'Export' };
    assert.equal(branchNameFor('--{id}', input).name, 'REQ-2026-001');
    assert.equal(branchNameFor('a..b/{id}', input).name, 'a.b/REQ-2026-001');
    assert.equal(branchNameFor('x@{y}/{id}', input).name, 'x-y/REQ-2026-001');
    assert.equal(branchNameFor('feat.lock/{id}.lock', input).name, 'feat/REQ-2026-001');
    assert.equal(branchNameFor('//a///{id}//', input).name, 'a/REQ-2026-001');
    assert.equal(branchNameFor('.hidden/{id}.', input).name, 'hidden/REQ-2026-001');
    assert.equal(safeBranchName('HEAD'), 'HEAD-branch');
    assert.equal(safeBranchName('-'), '');
  });

  it('the validator says what git says on the rules it mirrors', () => {
    for (const bad of [
      '',
      '-x',
      'a..b',
      'a b',
      'a~b',
      'a^b',
      'a:b',
      'a?b',
      'a*b',
      'a[b',
      'a\\b',
      'a@{b',
      'a/',
      '/a',
      'a//b',
      'a.',
      '.a',
      'a/.b',
      'x.lock',
      'a/b.lock/c',
      'HEAD',
      'a\u0001b',
      'a\u007fb',
    ]) {
      assert.equal(isValidBranchName(bad), false, JSON.stringify(bad));
      assert.equal(gitAccepts(bad), false, `git accepts ${JSON.stringify(bad)}`);
    }
    for (const good of ['a', 'REQ-2026-001-export', '需求-2024-001', 'feature/x.y', 'a@b']) {
      assert.equal(isValidBranchName(good), true, good);
      assert.equal(gitAccepts(good), true, good);
    }
  });
});

describe('branch names: any title, any pattern (property)', () => {
  const ids = fc.oneof(
    fc.constantFrom('REQ-2026-001', '需求-2024-001', 'PROJ-42', 'TEP-0001'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  );
  const titles = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({
      unit: fc.constantFrom('.', '/', '-', '@', '{', '}', '~', '^', ':', ' ', '\\', 'a', 'l', 'o', 'c', 'k', '\u0000', '需'),
      maxLength: 60,
    }),
  );
  const patterns = fc.oneof(
    fc.constantFrom(DEFAULT_BRANCH_PATTERN, '{user}/{id}-{slug}', 'feature/{type}/{id}', '{slug}', ''),
    fc.string({ unit: fc.constantFrom('{id}', '{slug}', '{type}', '{user}', '/', '.', '-', '@{', '..', '.lock', ' ', 'x'), maxLength: 12 }),
  );

  it('always gives a valid branch name within the cap, or nothing only when the ID has nothing usable', () => {
    const tally = new CaseTally('branch names');
    fc.assert(
      fc.property(ids, titles, patterns, fc.string({ unit: 'binary', maxLength: 30 }), (id, title, pattern, user) => {
        const { name: branch } = branchNameFor(pattern, { id, title, type: 'functional', user });
        if (branch === '') {
          tally.count('empty: the ID has nothing usable');
          assert.equal(safeBranchName(id), '');
          return;
        }
        tally.count('named');
        assert.ok(isValidBranchName(branch), JSON.stringify({ id, title, pattern, branch }));
        assert.ok(Array.from(branch).length <= MAX_BRANCH_LENGTH);
      }),
      { numRuns: 3000 },
    );
    tally.atLeast('named', 0.7);
  });

  it('git accepts a sample of the names (git check-ref-format --branch)', () => {
    const sample = fc.sample(
      fc.tuple(ids, titles, patterns).map(([id, title, pattern]) => branchNameFor(pattern, { id, title }).name),
      { numRuns: 150, seed: 20_261_207 },
    );
    const named = sample.filter(Boolean);
    assert.ok(named.length >= 100, `${named.length} names in the sample`);
    const refused = named.filter((b) => !gitAccepts(b));
    assert.deepEqual(refused, []);
  });
});
