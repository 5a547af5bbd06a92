// `reqdesk diff` on real repositories: one built here, tagged at two baselines with uncommitted work
// on top, and the Tekton proposals' real history (tekton-community.bundle), tagged by the test.
// Every git run ignores the user's and the system's configuration.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/cliContext';
import { runCli } from '../../src/cli/main';
import { localize } from '../../src/core/l10n';
import { fileAtRevision, FileTooLargeAtRevision, requirementFilesAt, revisionsOfFile } from '../../src/git/revisionFiles';
import { ADA, isolateProcessEnv, isolatedEnv } from '../support/gitEnv';
import { GitRepo } from '../support/gitRepo';
import { requirementFile } from './historyFixtures';
import { corpusOrSkip } from './support';

function io(cwd: string, lang = 'en_US.UTF-8'): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env: { LANG: lang }, stdout, stderr };
}

async function run(cwd: string, ...argv: string[]) {
  const streams = io(cwd);
  const code = await runCli(argv, streams);
  return { code, out: streams.stdout.join('\n'), err: streams.stderr.join('\n') };
}

const record = (id: string, title: string, status: string, more: string[] = []) =>
  requirementFile([`id: ${id}`, `title: ${title}`, 'type: functional', `status: ${status}`, ...more]);

interface DiffJson {
  summary: { added: number; removed: number; changed: number };
  from: unknown;
  to: unknown;
  added: Array<{ id: string | null; path: string }>;
  removed: Array<{ id: string | null; path: string }>;
  changed: Array<{
    id: string | null;
    path: string;
    renamedFrom?: string;
    changes: Array<{ field: string; from: unknown; to: unknown }>;
    sections: unknown[];
  }>;
}

describe('cli: diff between two revisions', function () {
  this.timeout(60_000);
  isolateProcessEnv();
  let tmp: string;
  let repo: GitRepo;
  let v1: string;
  let v2: string;

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-diff-'));
    repo = new GitRepo(path.join(tmp, 'demo'), { author: ADA, date: '2026-01-01T09:00:00+08:00' }).initialise();
    repo.write('requirements/REQ-2026-001.md', record('REQ-2026-001', 'Export readings as CSV', 'new'));
    repo.write('requirements/REQ-2026-002.md', record('REQ-2026-002', 'Dark mode', 'new'));
    repo.write('requirements/需求-2026-003.md', record('需求-2026-003', '门店补货预警', '新建'));
    repo.write('docs/notes.md', '# Not a requirement\n');
    v1 = repo.commitAll('Baseline one');
    repo.git(['tag', 'v1.0']);
    // Between the tags: a status change, a removal, a rename, an alias rewrite that is no change, a new record.
    repo.write('requirements/REQ-2026-001.md', record('REQ-2026-001', 'Export readings as CSV', 'in-progress'));
    rmSync(path.join(repo.dir, 'requirements/REQ-2026-002.md'));
    rmSync(path.join(repo.dir, 'requirements/需求-2026-003.md'));
    repo.write('requirements/stores/需求-2026-003-补货.md', record('需求-2026-003', '门店补货预警', 'new'));
    repo.write('requirements/REQ-2026-004.md', record('REQ-2026-004', 'PDF export', 'new'));
    repo.write('docs/notes.md', '# Still not a requirement\n');
    v2 = repo.commitAll('Baseline two', { date: '2026-02-01T09:00:00+08:00' });
    repo.git(['tag', '-a', '-m', 'Release 1.1', 'v1.1']);
    // Uncommitted on top: an edit and a new file nobody added to git yet.
    repo.write('requirements/REQ-2026-004.md', record('REQ-2026-004', 'PDF export', 'analyzing'));
    repo.write('requirements/REQ-2026-005.md', record('REQ-2026-005', 'Offline mode', 'new'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('between two tags (one annotated): added, removed, renamed and changed, aliases no change', async () => {
    const result = await run(repo.dir, 'diff', 'v1.0', 'v1.1', '--format', 'json');
    assert.equal(result.code, 0, result.err);
    assert.equal(result.err, '');
    const json = JSON.parse(result.out) as DiffJson;
    assert.deepEqual(json.from, { revision: 'v1.0', commit: v1 });
    assert.deepEqual(json.to, { revision: 'v1.1', commit: v2 });
    assert.deepEqual(json.summary, { added: 1, removed: 1, changed: 2 });
    assert.deepEqual(
      json.added.map((r) => r.id),
      ['REQ-2026-004'],
    );
    assert.deepEqual(
      json.removed.map((r) => r.id),
      ['REQ-2026-002'],
    );
    assert.deepEqual(json.changed[0], {
      id: 'REQ-2026-001',
      path: 'requirements/REQ-2026-001.md',
      title: 'Export readings as CSV',
      changes: [{ field: 'status', from: 'new', to: 'in-progress' }],
      sections: [],
    });
    assert.deepEqual(json.changed[1], {
      id: '需求-2026-003',
      path: 'requirements/stores/需求-2026-003-补货.md',
      title: '门店补货预警',
      renamedFrom: 'requirements/需求-2026-003.md',
      changes: [],
      sections: [],
    });
  });

  it('without <rev-b>: up to the working tree, uncommitted edits and new files included (Markdown)', async () => {
    const result = await run(repo.dir, 'diff', 'v1.1');
    assert.equal(result.code, 0, result.err);
    assert.equal(
      result.out,
      [
        `# Requirements from v1.1 (${v2.slice(0, 7)}) to the working tree`,
        '',
        '1 added, 0 removed, 1 changed.',
        '',
        '## Added (1)',
        '',
        '- **REQ-2026-005** Offline mode · `requirements/REQ-2026-005.md` · status: new',
        '',
        '## Changed (1)',
        '',
        '### **REQ-2026-004** PDF export · `requirements/REQ-2026-004.md`',
        '',
        '- status: new → analyzing',
      ].join('\n'),
    );
  });

  it('in Chinese, and to a file with --out', async () => {
    const streams = io(repo.dir, 'zh_CN.UTF-8');
    const out = path.join(tmp, 'release-note.md');
    assert.equal(await runCli(['diff', 'v1.0', 'v1.1', '--out', out], streams), 0);
    assert.deepEqual(streams.stdout, []);
    const text = readFileSync(out, 'utf8');
    assert.ok(
      text.startsWith(`# ${localize('zh-cn', 'Requirements from {0} to {1}', `v1.0 (${v1.slice(0, 7)})`, `v1.1 (${v2.slice(0, 7)})`)}\n`),
    );
    assert.ok(text.includes(`## ${localize('zh-cn', 'Removed ({0})', 1)}`));
    assert.ok(
      text.includes(localize('zh-cn', 'renamed {0} → {1}', 'requirements/需求-2026-003.md', 'requirements/stores/需求-2026-003-补货.md')),
    );
    assert.match(streams.stderr.join('\n'), /release-note\.md/);
  });

  it('--include chooses the files instead of reqdesk.include; --root may be a folder inside the repository', async () => {
    const docs = JSON.parse((await run(repo.dir, 'diff', 'v1.0', 'v1.1', '--format', 'json', '--include', 'docs/*.md')).out) as DiffJson;
    assert.deepEqual(docs.summary, { added: 0, removed: 0, changed: 1 });
    assert.equal(docs.changed[0]!.path, 'docs/notes.md');
    // From a sub-folder as the workspace: paths relative to it, globs matched on them.
    const sub = await run(repo.dir, 'diff', 'v1.0', 'v1.1', '--format', 'json', '--root', 'requirements', '--include', '**/*.md');
    const json = JSON.parse(sub.out) as DiffJson;
    assert.deepEqual(json.summary, { added: 1, removed: 1, changed: 2 });
    assert.deepEqual(
      json.changed.map((c) => [c.path, c.renamedFrom]),
      [
        ['REQ-2026-001.md', undefined],
        ['stores/需求-2026-003-补货.md', '需求-2026-003.md'],
      ],
    );
    // `*.md` is the folder's own files only: the record moved into stores/ leaves the selection.
    const top = JSON.parse(
      (await run(repo.dir, 'diff', 'v1.0', 'v1.1', '--format', 'json', '--root', 'requirements', '--include', '*.md')).out,
    ) as DiffJson;
    assert.deepEqual(
      top.removed.map((r) => r.path),
      ['REQ-2026-002.md', '需求-2026-003.md'],
    );
  });

  it('a revision that is no commit is a precise error, exit 2, nothing on stdout', async () => {
    for (const bad of ['v9.9', 'HEAD~99', 'HEAD:requirements', 'main..v1.0']) {
      const result = await run(repo.dir, 'diff', 'v1.0', bad);
      assert.equal(result.code, 2, bad);
      assert.equal(result.out, '');
      assert.equal(result.err, `reqdesk: "${bad}" is not a commit, branch or tag of this repository.`);
    }
  });

  it('wrong usage and a folder outside git say why', async () => {
    assert.match((await run(repo.dir, '--help')).out, /\n {2}reqdesk diff <rev-a> \[<rev-b>\] \[--format md\|json\]/);
    const zh = io(repo.dir, 'zh_CN.UTF-8');
    await runCli(['--help'], zh);
    assert.match(zh.stdout.join('\n'), /\n {2}reqdesk diff <版本A> \[<版本B>\]/);
    const none = await run(repo.dir, 'diff');
    assert.equal(none.code, 2);
    assert.match(none.err, /^reqdesk: diff takes one or two revisions\n/);
    assert.equal((await run(repo.dir, 'diff', 'a', 'b', 'c')).code, 2);
    const format = await run(repo.dir, 'diff', 'v1.0', '--format', 'csv');
    assert.equal(format.code, 2);
    assert.match(format.err, /--format must be one of: md, json/);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-diff-plain-'));
    try {
      const result = await run(outside, 'diff', 'v1.0');
      assert.equal(result.code, 2);
      assert.equal(result.err, `reqdesk: ${outside} is not in a git repository: there are no revisions to compare.`);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads only the selected files at a revision, and leaves out one over the size limit', async () => {
    const read = await requirementFilesAt('git', repo.dir, v2, { folder: '', selects: (p) => p.startsWith('requirements/'), maxBytes: 60 });
    assert.deepEqual([...read.files.keys()], []);
    assert.deepEqual(read.tooLarge.sort(), [
      'requirements/REQ-2026-001.md',
      'requirements/REQ-2026-004.md',
      'requirements/stores/需求-2026-003-补货.md',
    ]);
    const all = await requirementFilesAt('git', repo.dir, v2, { folder: 'requirements', selects: () => true, maxBytes: 4096 });
    assert.deepEqual([...all.files.keys()].sort(), ['REQ-2026-001.md', 'REQ-2026-004.md', 'stores/需求-2026-003-补货.md']);
    assert.equal(all.files.get('REQ-2026-004.md'), record('REQ-2026-004', 'PDF export', 'new'));
  });
  it('the revisions of one file: its commits newest first (following a rename), then the tags that hold it', async () => {
    const file = 'requirements/stores/需求-2026-003-补货.md';
    const revisions = await revisionsOfFile('git', repo.dir, file);
    assert.deepEqual(
      revisions.map((r) => [r.kind, r.name, r.commit, r.path, r.subject, r.date]),
      [
        ['tag', 'v1.1', v2, file, 'Baseline two', '2026-02-01T09:00:00+08:00'],
        ['commit', v2, v2, file, 'Baseline two', '2026-02-01T09:00:00+08:00'],
        ['commit', v1, v1, 'requirements/需求-2026-003.md', 'Baseline one', '2026-01-01T09:00:00+08:00'],
      ],
    );
    // Its text at each, by the path it had there; a path a revision does not hold is undefined.
    assert.equal(
      await fileAtRevision('git', repo.dir, v1, 'requirements/需求-2026-003.md', 4096),
      record('需求-2026-003', '门店补货预警', '新建'),
    );
    assert.equal(await fileAtRevision('git', repo.dir, v1, file, 4096), undefined);
    await assert.rejects(fileAtRevision('git', repo.dir, v2, file, 10), FileTooLargeAtRevision);
  });
  it('the revisions of one file are ordered by instant, whatever offset each date was written with', async () => {
    const other = new GitRepo(path.join(tmp, 'offsets'), { author: ADA }).initialise();
    other.write('requirements/a.md', record('REQ-2026-001', 'A', 'new'));
    const first = other.commitAll('First, 02:00 UTC', { date: '2026-03-01T10:00:00+08:00' });
    other.write('requirements/a.md', record('REQ-2026-001', 'A', 'analyzing'));
    // Later in time, though its text sorts before the first one's.
    const second = other.commitAll('Second, 05:00 UTC', { date: '2026-03-01T05:00:00+00:00' });
    const revisions = await revisionsOfFile('git', other.dir, 'requirements/a.md');
    assert.deepEqual(
      revisions.map((r) => r.commit),
      [second, first],
    );
  });
});

describe('cli: diff on the Tekton proposals between two tags', function () {
  this.timeout(180_000);
  isolateProcessEnv();
  let bundle: string;
  let dir: string;
  let root: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env: isolatedEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  before(function () {
    bundle = corpusOrSkip(this);
    dir = mkdtempSync(path.join(os.tmpdir(), 'reqdesk-diff-tekton-'));
    root = path.join(dir, 'community');
    if (statSync(bundle).isDirectory()) execFileSync('git', ['clone', '--quiet', '--no-hardlinks', bundle, root], { env: isolatedEnv() });
    else execFileSync('git', ['clone', '--quiet', bundle, root], { env: isolatedEnv() });
    // The corpus has no tags: the first baseline is the state of mid-2021, the second the commit
    // that marked TEP-0002 implemented.
    git('tag', 'baseline-2021-06', git('rev-list', '-1', '--first-parent', '--before=2021-06-01', 'HEAD').trim());
    git('tag', 'baseline-tep-0002', git('rev-list', '-1', '--grep=^TEP-0002: Mark as implemented', 'HEAD').trim());
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the proposals git adds and modifies between the tags, and TEP-0002 implementable → implemented', async () => {
    const result = await run(root, 'diff', 'baseline-2021-06', 'baseline-tep-0002', '--include', 'teps/*.md', '--format', 'json');
    assert.equal(result.code, 0, result.err);
    const json = JSON.parse(result.out) as DiffJson;

    // The expectation from git itself: the files directly under teps/ by status letter (renames as a
    // deletion and an addition, since a proposal without an ID is its path).
    const expected: Record<'A' | 'D' | 'M', string[]> = { A: [], D: [], M: [] };
    for (const line of git('diff', '--name-status', '--no-renames', 'baseline-2021-06', 'baseline-tep-0002', '--', 'teps').split('\n')) {
      const [status, file] = line.split('\t');
      if (file && /^teps\/[^/]+\.md$/.test(file)) expected[status as 'A' | 'D' | 'M'].push(file);
    }
    assert.ok(expected.A.length >= 10 && expected.M.length >= 10, JSON.stringify(expected));
    assert.deepEqual(json.added.map((r) => r.path).sort(), expected.A.sort());
    assert.deepEqual(json.removed.map((r) => r.path).sort(), expected.D.sort());
    // Every file git saw modified changed beyond white space and comments here.
    assert.deepEqual(json.changed.map((r) => r.path).sort(), expected.M.sort());

    const tep2 = json.changed.find((c) => c.path === 'teps/0002-custom-tasks.md');
    assert.ok(tep2, 'TEP-0002 is changed');
    assert.deepEqual(
      tep2.changes.find((c) => c.field === 'status'),
      { field: 'status', from: 'implementable', to: 'implemented' },
    );
    // Its status at each tag, read by git itself.
    const statusAt = (tag: string) => /^status: (.+)$/m.exec(git('show', `${tag}:teps/0002-custom-tasks.md`))![1];
    assert.deepEqual([statusAt('baseline-2021-06'), statusAt('baseline-tep-0002')], ['implementable', 'implemented']);
  });

  it('without <rev-b> on a clean clone: the working tree is the checked-out commit', async () => {
    const head = git('rev-parse', 'HEAD').trim();
    git('tag', 'baseline-head', head);
    const result = await run(root, 'diff', 'baseline-head', '--include', 'teps/*.md', '--format', 'json');
    assert.equal(result.code, 0, result.err);
    assert.deepEqual((JSON.parse(result.out) as DiffJson).summary, { added: 0, removed: 0, changed: 0 });
    writeFileSync(path.join(root, 'teps', '9999-new.md'), '---\ntitle: New\nstatus: proposed\n---\n');
    const after = JSON.parse((await run(root, 'diff', 'baseline-head', '--include', 'teps/*.md', '--format', 'json')).out) as DiffJson;
    assert.deepEqual(
      after.added.map((r) => r.path),
      ['teps/9999-new.md'],
    );
  });
});
