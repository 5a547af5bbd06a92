// The search for requirement IDs in a workspace's code (src/files/codeScanner): ripgrep and the
// node search give the same mentions, git's ignore rules decide which files exist in a work tree,
// and links, binaries, huge files, requirement files and Markdown are never counted.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeFileRules, DEFAULT_TEST_FILES } from '../../src/core/codeRefs';
import { compileIdGrammar } from '../../src/core/ids';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { scanCodeRefs, type CodeScan } from '../../src/files/codeScanner';
import { GitRepo } from '../support/gitRepo';
import { ripgrepForTests } from '../support/ripgrep';
import { tempDirForSuite } from '../support/tempDir';
import { REPO_ROOT } from './support';

const grammar = compileIdGrammar(['REQ', '需求'], '{prefix}-{year}-{seq:3}');
const rules = codeFileRules({ include: DEFAULT_SETTINGS.include, exclude: DEFAULT_SETTINGS.exclude, testFiles: DEFAULT_TEST_FILES });
const LIMIT = 4096;

const mentions = (scan: CodeScan) =>
  scan.refs.map((r) => `${r.kind} ${r.file}:${r.line}:${r.column} ${r.id}${r.written ? ` (${r.written})` : ''}`);

/** A workspace with every kind of file the search must count or skip. */
function writeWorkspace(write: (file: string, text: string | Buffer) => void): void {
  write('requirements/REQ-2026-001-dock.md', '---\nid: REQ-2026-001\n---\nREQ-2026-002\n');
  write('docs/guide.md', 'See REQ-2026-001.\n');
  write('src/dock.ts', '// Implements REQ-2026-001\nexport const dock = 1;\n');
  write('test/dock.test.ts', "import { dock } from '../src/dock';\nit('REQ-2026-001 scans a pallet', () => dock);\n");
  write('tests/test_label.py', 'def test_label():  # 需求－2026－002\n    pass\n');
  write('.github/workflows/ci.yml', 'name: REQ-2026-003 gate\n');
  write('ignored/generated.ts', '// REQ-2026-090 must not count: ignored\n');
  write('build/keep.js', '// REQ-2026-004 tracked although ignored\n');
  write('build/out.js', '// REQ-2026-091 ignored and untracked\n');
  write('node_modules/pkg/index.js', '// REQ-2026-092 excluded by the settings\n');
  write('assets/logo.bin', Buffer.concat([Buffer.from('REQ-2026-093 '), Buffer.from([0, 1, 2])]));
  write('src/huge.js', `// REQ-2026-094\n${'x'.repeat(LIMIT)}\n`);
  write('src/empty.ts', '');
  write('src/bom.ts', '\uFEFF// REQ-2026-005\n');
  write('.ignore', 'src/\n');
  write('.gitignore', 'ignored/\nbuild/\n');
}

describe('code scanner: ripgrep and the node search agree', function () {
  this.timeout(60_000);
  const tmp = tempDirForSuite('reqdesk-code-scan-');
  let rg: string;
  let repo: GitRepo;
  let plain: string;

  before(() => {
    rg = ripgrepForTests(REPO_ROOT);
    repo = new GitRepo(path.join(tmp.dir, 'repo'), { author: { name: 'Dev', email: 'dev@example.com' }, date: '2026-05-01T10:00:00Z' });
    repo.initialise();
    writeWorkspace((file, text) => {
      mkdirSync(path.dirname(path.join(repo.dir, file)), { recursive: true });
      writeFileSync(path.join(repo.dir, file), text);
    });
    repo.git(['add', '-A']);
    repo.git(['add', '-f', 'build/keep.js']);
    repo.git(['commit', '-q', '-m', 'init']);
    // Untracked and not ignored: counts. A link to a file that counts: not followed.
    repo.write('src/new.ts', '/* REQ-2026-006 */\n');
    symlinkSync('dock.ts', path.join(repo.dir, 'src', 'link.ts'));

    plain = path.join(tmp.dir, 'plain');
    writeWorkspace((file, text) => {
      mkdirSync(path.dirname(path.join(plain, file)), { recursive: true });
      writeFileSync(path.join(plain, file), text);
    });
    symlinkSync('dock.ts', path.join(plain, 'src', 'link.ts'));
  });

  const expectedInRepository = [
    'code .github/workflows/ci.yml:1:7 REQ-2026-003',
    'code build/keep.js:1:4 REQ-2026-004',
    'code src/bom.ts:1:4 REQ-2026-005',
    'code src/dock.ts:1:15 REQ-2026-001',
    'code src/new.ts:1:4 REQ-2026-006',
    'test test/dock.test.ts:2:5 REQ-2026-001',
    'test tests/test_label.py:1:22 需求-2026-002 (需求－2026－002)',
  ];

  it('in a git work tree: git decides which files exist (.gitignore, tracked files under an ignored folder, untracked files)', async () => {
    const node = await scanCodeRefs({ root: repo.dir, grammar, rules, git: 'git', maxFileBytes: LIMIT });
    assert.equal(node.search, 'node');
    assert.equal(node.listing, 'git');
    assert.deepEqual(mentions(node), expectedInRepository);
    assert.deepEqual(node.binary, ['assets/logo.bin']);
    assert.deepEqual(node.tooLarge, ['src/huge.js']);
  });

  it('ripgrep finds the same mentions at the same places', async () => {
    const fast = await scanCodeRefs({
      root: repo.dir,
      grammar,
      rules,
      git: 'git',
      ripgrep: rg,
      maxFileBytes: LIMIT,
      excludeGlobs: DEFAULT_SETTINGS.exclude,
    });
    assert.equal(fast.search, 'ripgrep', fast.ripgrepFailure);
    assert.deepEqual(mentions(fast), expectedInRepository);
  });

  it('outside a repository every file below the root counts (no ignore file applies); both searches agree', async () => {
    const expected = [
      ...expectedInRepository.filter((l) => !l.includes('src/new.ts')),
      'code build/out.js:1:4 REQ-2026-091',
      'code ignored/generated.ts:1:4 REQ-2026-090',
    ].sort((a, b) => (a.split(' ')[1]! < b.split(' ')[1]! ? -1 : 1));
    const node = await scanCodeRefs({ root: plain, grammar, rules, git: 'git', maxFileBytes: LIMIT });
    assert.equal(node.listing, 'walk');
    assert.deepEqual(mentions(node), expected);
    const fast = await scanCodeRefs({
      root: plain,
      grammar,
      rules,
      ripgrep: rg,
      maxFileBytes: LIMIT,
      excludeGlobs: DEFAULT_SETTINGS.exclude,
    });
    assert.equal(fast.search, 'ripgrep', fast.ripgrepFailure);
    assert.deepEqual(mentions(fast), expected);
  });

  it('a ripgrep that cannot start: the node search, and why', async () => {
    const scan = await scanCodeRefs({
      root: repo.dir,
      grammar,
      rules,
      git: 'git',
      ripgrep: path.join(tmp.dir, 'no-such-rg'),
      maxFileBytes: LIMIT,
    });
    assert.equal(scan.search, 'node');
    assert.equal(scan.ripgrepFailure, 'ENOENT');
    assert.deepEqual(mentions(scan), expectedInRepository);
  });
});
