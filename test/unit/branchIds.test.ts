// Branch-safe IDs: the pure decisions, the git reader against real repositories made in the
// temporary folder, and the two commands that use them. Every git run (ours and the module's)
// ignores the user's and the system's configuration.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import {
  crossBranchDuplicates,
  crossBranchProblem,
  declaredId,
  describeElsewhere,
  nextIdAcrossBranches,
  type BranchIds,
} from '../../src/core/branchIds';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../../src/core/ids';
import { formatMessage } from '../../src/core/messages';
import { currentBranch, globBase, idsOnBranches, idsOnWorkspaceBranches } from '../../src/git/branchIds';
import { GitMissingError } from '../../src/git/gitLog';
import { ADA, GIT_ISOLATION, identityEnv, isolateProcessEnv } from '../support/gitEnv';
import { git as runGit } from '../support/gitRepo';

const grammar = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);

/** The module under test reads process.env: git isolated, Ada as author and committer. */
const ISOLATION = { ...GIT_ISOLATION, ...identityEnv(ADA) };

function git(dir: string, ...args: string[]): string {
  return runGit(dir, args, { author: ADA });
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

/** A complete record, so that `validate` has nothing else to say about it. */
function record(id: string, title = `Requirement ${id}`): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    'type: functional',
    'status: new',
    '---',
    `# ${title}`,
    '',
    '## Description',
    'Finance downloads one CSV per month with the energy use of every workshop.',
    '',
    '## Background',
    'A medium-sized manufacturer, an existing customer renewing this year.',
    '',
    '## Scenario',
    'At month end the finance clerk rebuilds the report by hand from screenshots.',
    '',
    '## Goal',
    'The CSV is ready on the 1st of each month with no manual work.',
    '',
  ].join('\n');
}

/** A new repository `name` in `parent`, on main, without commits. */
function newRepo(parent: string, name: string): string {
  const dir = path.join(parent, name);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

function commitFiles(dir: string, files: Record<string, string>, message: string): void {
  for (const [file, text] of Object.entries(files)) write(dir, file, text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** A Map as a plain object, for exact comparisons. */
function plain(ids: ReadonlyMap<string, readonly { ref: string; path: string }[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const id of [...ids.keys()].sort()) out[id] = ids.get(id)!.map((l) => `${l.ref}:${l.path}`);
  return out;
}

function io(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env: { LANG: 'en_US.UTF-8' }, stdout, stderr };
}

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const x = io(cwd);
  const code = await runCli(argv, x, new Date(2026, 5, 1));
  return { code, out: x.stdout.join('\n'), err: x.stderr.join('\n') };
}

describe('branch IDs: decisions', () => {
  const branchIds: BranchIds = new Map([
    [
      'REQ-2026-001',
      [
        { ref: 'main', path: 'requirements/r1.md' },
        { ref: 'origin/main', path: 'requirements/r1.md' },
      ],
    ],
    [
      'REQ-2026-004',
      [
        { ref: 'feature-a', path: 'requirements/a.md' },
        { ref: 'origin/feature-a', path: 'requirements/a.md' },
      ],
    ],
    [
      'REQ-2026-005',
      [
        { ref: 'origin/feature-b', path: 'requirements/r5.md' },
        { ref: 'origin/feature-c', path: 'requirements/c.md' },
      ],
    ],
    ['需求-2026-009', [{ ref: 'feature-zh', path: 'requirements/能耗.md' }]],
    ['REQ-2025-040', [{ ref: 'old', path: 'requirements/old.md' }]],
  ]);

  it('the next ID counts the IDs on every branch, per prefix and year', () => {
    const local = ['REQ-2026-001', 'REQ-2026-002', 'REQ-2026-003'];
    assert.equal(nextIdAcrossBranches(grammar, local, branchIds, { prefix: 'REQ', year: 2026 }), 'REQ-2026-006');
    assert.equal(nextIdAcrossBranches(grammar, local, branchIds, { prefix: '需求', year: 2026 }), '需求-2026-010');
    assert.equal(nextIdAcrossBranches(grammar, local, branchIds, { prefix: 'REQ', year: 2025 }), 'REQ-2025-041');
    assert.equal(nextIdAcrossBranches(grammar, local, branchIds, { prefix: 'REQ', year: 2027 }), 'REQ-2027-001');
    // Without branch IDs it is the next local ID.
    assert.equal(nextIdAcrossBranches(grammar, local, undefined, { prefix: 'REQ', year: 2026 }), 'REQ-2026-004');
    // A local ID higher than any branch's still wins.
    assert.equal(nextIdAcrossBranches(grammar, ['REQ-2026-120'], branchIds, { prefix: 'REQ', year: 2026 }), 'REQ-2026-121');
  });

  it('a working-tree ID that another branch gives to a different file is a duplicate; the same path is the same record', () => {
    const local = [
      { file: 'requirements/b.md', id: 'REQ-2026-004', idRange: { start: 8, end: 20 } },
      { file: 'requirements/a.md', id: 'REQ-2026-004' },
      { file: 'requirements/r1.md', id: 'REQ-2026-001' },
      { file: 'requirements/x.md', id: 'REQ-2026-005' },
      { file: 'requirements/none.md' },
    ];
    const found = crossBranchDuplicates(local, branchIds, 'main');
    assert.deepEqual(found, [
      {
        id: 'REQ-2026-004',
        file: 'requirements/b.md',
        idRange: { start: 8, end: 20 },
        elsewhere: [{ path: 'requirements/a.md', refs: ['feature-a', 'origin/feature-a'] }],
      },
      {
        id: 'REQ-2026-005',
        file: 'requirements/x.md',
        elsewhere: [
          { path: 'requirements/c.md', refs: ['origin/feature-c'] },
          { path: 'requirements/r5.md', refs: ['origin/feature-b'] },
        ],
      },
    ]);
    assert.equal(describeElsewhere(found[1]!.elsewhere), 'requirements/c.md (origin/feature-c); requirements/r5.md (origin/feature-b)');
  });

  it('the checked-out branch is left out (the working tree is its newer state), its upstream is not', () => {
    // Renamed in the working tree, not yet committed: main still has the old path.
    const renamed = [{ file: 'requirements/first.md', id: 'REQ-2026-001' }];
    assert.deepEqual(
      crossBranchDuplicates(renamed, branchIds, 'main').map((d) => describeElsewhere(d.elsewhere)),
      ['requirements/r1.md (origin/main)'],
    );
    assert.deepEqual(
      crossBranchDuplicates(renamed, branchIds, undefined).map((d) => describeElsewhere(d.elsewhere)),
      ['requirements/r1.md (main, origin/main)'],
    );
  });

  it('is a warning on the id value, with a message in English and Chinese', () => {
    const [duplicate] = crossBranchDuplicates(
      [{ file: 'requirements/b.md', id: 'REQ-2026-004', idRange: { start: 8, end: 20 } }],
      branchIds,
      'main',
    );
    const problem = crossBranchProblem(duplicate!);
    assert.deepEqual(problem, {
      code: 'id-duplicate-on-branch',
      severity: 'warning',
      args: ['REQ-2026-004', 'requirements/a.md (feature-a, origin/feature-a)'],
      range: { start: 8, end: 20 },
      path: ['id'],
      fixes: ['next-free-id'],
    });
    assert.equal(
      formatMessage(problem.code, problem.args, 'en'),
      'ID REQ-2026-004 is also used on another branch by requirements/a.md (feature-a, origin/feature-a); the two would clash when merged.',
    );
    assert.equal(
      formatMessage(problem.code, problem.args, 'zh-cn'),
      '编号 REQ-2026-004 在其他分支上也被 requirements/a.md (feature-a, origin/feature-a) 使用，合并时会冲突。',
    );
  });

  it('reads the declared ID from the front-matter only, as the index does', () => {
    const cases: Array<[string, string | undefined]> = [
      ['---\nid: REQ-2026-004\n---\n', 'REQ-2026-004'],
      ['---\nid: "REQ-2026-004" # quoted\ntitle: x\n---\n', 'REQ-2026-004'],
      ["\uFEFF---\r\ntitle: x\r\nid: '需求-2026-007'\r\n---\r\nbody\r\n", '需求-2026-007'],
      ['---yaml\n{ id: REQ-2026-008, title: flow }\n---\n', 'REQ-2026-008'],
      ['---\nbase: &b REQ-2026-009\nid: *b\n---\n', 'REQ-2026-009'],
      ['---\ntitle: no id\n---\nid: REQ-2026-010\n', undefined],
      ['id: REQ-2026-011\n', undefined],
      ['---\nid: REQ-26-1\n---\n', undefined],
      ['---\nid: REQ-2026-012\n', undefined],
      ['---js\n{ id: "REQ-2026-013" }\n---\n', undefined],
      ['---\nid: !custom REQ-2026-014\n---\n', undefined],
      ['---\nid: [REQ-2026-015]\n---\n', undefined],
      ['---\n- id: REQ-2026-016\n---\n', undefined],
      ['---\nid: REQ-2026-017\n  bad: indent\n---\n', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(declaredId(text, grammar), expected, JSON.stringify(text));
  });

  it('the folder a set of globs starts in', () => {
    assert.equal(globBase(['**/requirements/**/*.md']), '');
    assert.equal(globBase(['requirements/**/*.md']), 'requirements');
    assert.equal(globBase(['docs/req/**/*.md', 'docs/req/extra/*.md']), 'docs/req');
    assert.equal(globBase(['docs/req/**/*.md', 'docs/other/*.md']), 'docs');
    assert.equal(globBase(['docs/req/a.md']), 'docs/req');
    assert.equal(globBase(['docs/**', '!docs/x/**']), '');
    assert.equal(globBase(['{a,b}/**/*.md']), '');
  });
});

describe('branch IDs: git', function () {
  this.timeout(60_000);
  isolateProcessEnv(ISOLATION);
  let tmp: string;
  let work: string;

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-branches-'));
    // The working repository: main with 001..003, feature-a adding 004.
    work = newRepo(tmp, 'work');
    commitFiles(
      work,
      {
        'requirements/r1.md': record('REQ-2026-001'),
        'requirements/r2.md': record('REQ-2026-002'),
        'requirements/r3.md': record('REQ-2026-003'),
        'README.md': 'demo\n',
      },
      'three requirements',
    );
    git(work, 'switch', '-q', '-c', 'feature-a');
    commitFiles(work, { 'requirements/a.md': record('REQ-2026-004') }, 'feature a');
    // A branch without the folder, and one where a file stands in its place.
    git(work, 'switch', '-q', '-c', 'no-folder', 'main');
    git(work, 'rm', '-q', '-r', 'requirements');
    git(work, 'commit', '-q', '-m', 'no requirements');
    git(work, 'switch', '-q', '-c', 'file-not-folder');
    commitFiles(work, { requirements: 'not a folder\n' }, 'a file named requirements');
    git(work, 'switch', '-q', 'main');
    // A colleague's clone with feature-b (005, a Chinese ID and file name), fetched back as origin.
    const other = path.join(tmp, 'other');
    git(tmp, 'clone', '-q', work, other);
    git(other, 'switch', '-q', '-c', 'feature-b');
    commitFiles(other, { 'requirements/r5.md': record('REQ-2026-005'), 'requirements/能耗看板.md': record('需求-2026-007') }, 'feature b');
    git(work, 'remote', 'add', 'origin', other);
    git(work, 'fetch', '-q', 'origin');
    // origin/HEAD is a symbolic ref to origin/main: an alias, not one more branch.
    git(work, 'remote', 'set-head', 'origin', 'main');
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists each ID with every branch tip that declares it, local branches first', async () => {
    assert.match(git(work, 'for-each-ref', '--format=%(refname) %(symref)', 'refs/remotes/origin/HEAD'), /refs\/remotes\/origin\/main/);
    const ids = await idsOnBranches('git', work, { folder: 'requirements', grammar });
    assert.deepEqual(plain(ids), {
      'REQ-2026-001': [
        'feature-a:requirements/r1.md',
        'main:requirements/r1.md',
        'origin/feature-b:requirements/r1.md',
        'origin/main:requirements/r1.md',
      ],
      'REQ-2026-002': [
        'feature-a:requirements/r2.md',
        'main:requirements/r2.md',
        'origin/feature-b:requirements/r2.md',
        'origin/main:requirements/r2.md',
      ],
      'REQ-2026-003': [
        'feature-a:requirements/r3.md',
        'main:requirements/r3.md',
        'origin/feature-b:requirements/r3.md',
        'origin/main:requirements/r3.md',
      ],
      'REQ-2026-004': ['feature-a:requirements/a.md'],
      'REQ-2026-005': ['origin/feature-b:requirements/r5.md'],
      '需求-2026-007': ['origin/feature-b:requirements/能耗看板.md'],
    });
    // The folder may be written with ./ and a trailing slash; the whole tree reads the same here.
    assert.deepEqual(plain(await idsOnBranches('git', work, { folder: './requirements/', grammar })), plain(ids));
    assert.deepEqual(plain(await idsOnBranches('git', work, { folder: '', grammar })), plain(ids));
    assert.deepEqual(plain(await idsOnBranches('git', work, { folder: 'no-such-folder', grammar })), {});
    assert.deepEqual(plain(await idsOnBranches('git', work, { folder: 'requirements', grammar, include: (p) => p.endsWith('/a.md') })), {
      'REQ-2026-004': ['feature-a:requirements/a.md'],
    });
  });

  it('reads with one for-each-ref and one cat-file process, however many branches share the folder', async function () {
    if (process.platform === 'win32') this.skip();
    const many = path.join(tmp, 'many');
    git(tmp, 'clone', '-q', work, many);
    for (let i = 0; i < 30; i++) git(many, 'branch', `copy-${String(i).padStart(2, '0')}`, 'origin/feature-a');
    const log = path.join(tmp, 'git-calls.log');
    const wrapper = path.join(tmp, 'git-wrapper.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec git "$@"\n`);
    chmodSync(wrapper, 0o755);
    const ids = await idsOnBranches(wrapper, many, { folder: 'requirements', grammar });
    assert.equal(ids.get('REQ-2026-004')!.length, 31);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.replace(/^-C \S+ (?:-c \S+ )*/, ''));
    assert.deepEqual(calls, [
      'for-each-ref --format=%(refname)%00%(objecttype)%00%(symref)%00%(tree) refs/heads refs/remotes',
      'cat-file --batch',
    ]);
  });

  it('skips blobs over the size limit, as the index skips such files', async () => {
    const big = newRepo(tmp, 'big');
    commitFiles(
      big,
      { 'requirements/big.md': `${record('REQ-2026-050')}\n${'x'.repeat(4096)}\n`, 'requirements/small.md': record('REQ-2026-051') },
      'sizes',
    );
    assert.deepEqual(plain(await idsOnBranches('git', big, { folder: 'requirements', grammar, maxFileBytes: 2048 })), {
      'REQ-2026-051': ['main:requirements/small.md'],
    });
    assert.deepEqual(Object.keys(plain(await idsOnBranches('git', big, { folder: 'requirements', grammar }))), [
      'REQ-2026-050',
      'REQ-2026-051',
    ]);
  });

  it('a repository without commits, a plain folder and a detached HEAD', async () => {
    const empty = newRepo(tmp, 'empty');
    write(empty, 'requirements/r.md', record('REQ-2026-001'));
    assert.deepEqual(plain(await idsOnBranches('git', empty, { folder: 'requirements', grammar })), {});
    assert.equal(await currentBranch('git', empty), 'main');

    const plainFolder = path.join(tmp, 'plain');
    mkdirSync(plainFolder);
    assert.deepEqual(plain(await idsOnBranches('git', plainFolder, { folder: 'requirements', grammar })), {});
    assert.equal(await currentBranch('git', plainFolder), undefined);
    assert.equal(
      await idsOnWorkspaceBranches('git', plainFolder, { include: ['**/requirements/**/*.md'], exclude: [], grammar }),
      undefined,
    );

    const detached = path.join(tmp, 'detached');
    git(tmp, 'clone', '-q', work, detached);
    git(detached, 'switch', '-q', '--detach', 'origin/feature-a');
    assert.equal(await currentBranch('git', detached), undefined);
    assert.deepEqual((await idsOnBranches('git', detached, { folder: 'requirements', grammar })).get('REQ-2026-004'), [
      { ref: 'origin/feature-a', path: 'requirements/a.md' },
    ]);
    assert.equal(await currentBranch('git', work), 'main');
  });

  it('a workspace inside the repository: globs select the records, paths are workspace-relative', async () => {
    const mono = newRepo(tmp, 'mono');
    commitFiles(
      mono,
      {
        'product/requirements/p1.md': record('REQ-2026-001'),
        'product/node_modules/pkg/requirements/vendored.md': record('REQ-2026-090'),
        'product/notes/requirements.md': record('REQ-2026-091'),
        'other/requirements/o1.md': record('REQ-2026-092'),
      },
      'layout',
    );
    git(mono, 'switch', '-q', '-c', 'feature');
    commitFiles(mono, { 'product/deep/requirements/p2.md': record('REQ-2026-002') }, 'p2');
    git(mono, 'switch', '-q', 'main');
    const found = await idsOnWorkspaceBranches('git', path.join(mono, 'product'), {
      include: ['**/requirements/**/*.md'],
      exclude: ['**/node_modules/**'],
      grammar,
    });
    assert.equal(found?.currentBranch, 'main');
    assert.deepEqual(plain(found!.ids), {
      'REQ-2026-001': ['feature:requirements/p1.md', 'main:requirements/p1.md'],
      'REQ-2026-002': ['feature:deep/requirements/p2.md'],
    });
  });

  it('a missing git is a GitMissingError', async () => {
    const missing = path.join(tmp, 'no-such-git');
    await assert.rejects(idsOnBranches(missing, work, { folder: 'requirements', grammar }), GitMissingError);
    await assert.rejects(currentBranch(missing, work), GitMissingError);
    await assert.rejects(idsOnWorkspaceBranches(missing, work, { include: ['**/*.md'], exclude: [], grammar }), GitMissingError);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(idsOnBranches('git', work, { folder: 'requirements', grammar, signal: controller.signal }), /stop/);
  });

  describe('cli', () => {
    it('next-id counts every branch; --no-branches only this folder', async () => {
      assert.deepEqual(await cli(work, 'next-id', '--year', '2026'), { code: 0, out: 'REQ-2026-006', err: '' });
      assert.deepEqual(await cli(work, 'next-id', '--year', '2026', '--no-branches'), { code: 0, out: 'REQ-2026-004', err: '' });
      assert.deepEqual(await cli(work, 'next-id', '--year', '2026', '--prefix', '需求'), { code: 0, out: '需求-2026-008', err: '' });
      assert.deepEqual(await cli(work, 'next-id', '--year', '2026', '--prefix', '需求', '--no-branches'), {
        code: 0,
        out: '需求-2026-001',
        err: '',
      });
    });

    it('next-id outside a repository counts local IDs silently; without git it says so', async () => {
      const plainFolder = path.join(tmp, 'plain-cli');
      write(plainFolder, 'requirements/r.md', record('REQ-2026-041'));
      assert.deepEqual(await cli(plainFolder, 'next-id', '--year', '2026'), { code: 0, out: 'REQ-2026-042', err: '' });
      const missing = path.join(tmp, 'no-such-git');
      assert.deepEqual(await cli(work, 'next-id', '--year', '2026', '--git', missing), {
        code: 0,
        out: 'REQ-2026-004',
        err: `reqdesk: git was not found at "${missing}"; IDs on other branches were not counted.`,
      });
      assert.deepEqual(await cli(work, 'next-id', '--year', '2026', '--git', missing, '--lang', 'zh-CN'), {
        code: 0,
        out: 'REQ-2026-004',
        err: `reqdesk：未找到 git（"${missing}"），未计入其他分支上的编号。`,
      });
      const empty = newRepo(tmp, 'empty-cli');
      assert.deepEqual(await cli(empty, 'next-id', '--year', '2026'), { code: 0, out: 'REQ-2026-001', err: '' });
    });

    describe('validate --branches', () => {
      before(() => {
        // Uncommitted on main: b.md takes the ID feature-a gave a.md; a.md is the same record as feature-a's.
        write(work, 'requirements/b.md', record('REQ-2026-004', 'Take the same number'));
        write(work, 'requirements/a.md', record('REQ-2026-004'));
      });
      after(() => {
        rmSync(path.join(work, 'requirements/b.md'));
        rmSync(path.join(work, 'requirements/a.md'));
      });

      it('warns about the file another branch numbers the same, in text, JSON and SARIF', async () => {
        const text = await cli(work, 'validate', '--branches');
        // a.md and b.md share the ID in the working tree as well: that is the usual error.
        assert.deepEqual(text.out.split('\n'), [
          'requirements/a.md:2:5: error id-duplicate ID REQ-2026-004 is also used by requirements/b.md.',
          'requirements/b.md:2:5: error id-duplicate ID REQ-2026-004 is also used by requirements/a.md.',
          'requirements/b.md:2:5: warning id-duplicate-on-branch ID REQ-2026-004 is also used on another branch by requirements/a.md (feature-a); the two would clash when merged.',
        ]);
        assert.equal(text.err, '5 files checked: 2 errors, 1 warnings');
        assert.equal(text.code, 1);

        const zh = await cli(work, 'validate', '--branches', '--lang', 'zh-CN', 'requirements/b.md');
        assert.deepEqual(zh.out.split('\n'), [
          'requirements/b.md:2:5: warning id-duplicate-on-branch 编号 REQ-2026-004 在其他分支上也被 requirements/a.md (feature-a) 使用，合并时会冲突。',
        ]);
        assert.equal(zh.code, 0);

        const json = JSON.parse((await cli(work, 'validate', '--branches', '--format', 'json', 'requirements/b.md')).out) as {
          summary: Record<string, number>;
          problems: Array<Record<string, unknown>>;
        };
        assert.deepEqual(json.summary, { files: 1, errors: 0, warnings: 1, infos: 0 });
        assert.deepEqual(json.problems, [
          {
            file: 'requirements/b.md',
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 17,
            severity: 'warning',
            code: 'id-duplicate-on-branch',
            message: 'ID REQ-2026-004 is also used on another branch by requirements/a.md (feature-a); the two would clash when merged.',
            path: ['id'],
            fixes: ['next-free-id'],
            related: [],
          },
        ]);

        const sarif = JSON.parse((await cli(work, 'validate', '--branches', '--format', 'sarif', 'requirements/b.md')).out);
        const [result] = sarif.runs[0].results;
        assert.equal(result.ruleId, 'id-duplicate-on-branch');
        assert.equal(result.level, 'warning');
        assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'id-duplicate-on-branch');
        assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 5, endLine: 2, endColumn: 17 });
      });

      it('without --branches, or for the same path on another branch, nothing is added', async () => {
        const without = await cli(work, 'validate', 'requirements/b.md');
        assert.deepEqual([without.code, without.out, without.err], [0, '', '1 files checked: 0 errors, 0 warnings']);
        const samePath = await cli(work, 'validate', '--branches', 'requirements/a.md');
        assert.deepEqual([samePath.code, samePath.out, samePath.err], [0, '', '1 files checked: 0 errors, 0 warnings']);
      });

      it('--max-warnings counts them; no repository is a note; no git is an error', async () => {
        assert.equal((await cli(work, 'validate', '--branches', '--max-warnings', '0', 'requirements/b.md')).code, 1);
        const plainFolder = path.join(tmp, 'plain-validate');
        write(plainFolder, 'requirements/r.md', record('REQ-2026-001'));
        const outside = await cli(plainFolder, 'validate', '--branches');
        assert.deepEqual([outside.code, outside.out], [0, '']);
        assert.deepEqual(outside.err.split('\n'), [
          `reqdesk: ${plainFolder} is not in a git repository; there are no other branches to check.`,
          '1 files checked: 0 errors, 0 warnings',
        ]);
        const missing = path.join(tmp, 'no-such-git');
        const noGit = await cli(work, 'validate', '--branches', '--git', missing);
        assert.equal(noGit.code, 2);
        assert.match(noGit.err, /^reqdesk: git was not found at /);
      });
    });
  });
});
