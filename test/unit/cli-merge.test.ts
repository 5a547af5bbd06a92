// `reqdesk merge <duplicate-ID> --into <ID> [--dry-run]` on a temporary workspace: the target
// written exactly as core plans it, the duplicate deleted, refusals that write nothing, and the
// merged ID's commits counted for the target by `reqdesk trace`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { GitRepo } from '../support/gitRepo';
import { tempDirForSuite } from '../support/tempDir';
import { DUPLICATE, MERGED, TARGET } from './mergeFixtures';
import { record, runCliCaptured, snapshotFiles } from './support';

describe('cli: merge', function () {
  this.timeout(60_000);
  const tmp = tempDirForSuite('reqdesk-merge-');
  let n = 0;

  /** A fresh workspace with the target and the duplicate (and more files), as a folder path. */
  function workspace(extra: Record<string, string> = {}): string {
    const root = path.join(tmp.dir, `w${n++}`);
    const files = { 'requirements/REQ-2026-001-csv.md': TARGET, 'requirements/REQ-2026-010-excel.md': DUPLICATE, ...extra };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }
  const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

  it('merges: the target exactly as planned, the duplicate deleted, what was done said', async () => {
    const root = workspace();
    const r = await runCliCaptured(['merge', 'REQ-2026-010', '--into', 'REQ-2026-001'], root);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.equal(read(root, 'requirements/REQ-2026-001-csv.md'), MERGED);
    assert.equal(existsSync(path.join(root, 'requirements/REQ-2026-010-excel.md')), false);
    assert.deepEqual(r.out.split('\n'), [
      'Merge REQ-2026-010 “Monthly energy data in Excel” into REQ-2026-001 “Export energy readings as CSV”.',
      'Requesters added to REQ-2026-001: Borealis Foods, Cobalt Mills.',
      'Already requesters of REQ-2026-001, not added again: Acme Plant.',
      'Added to merged_ids: REQ-2026-010, REQ-2026-008. Commits and links that name them lead to REQ-2026-001.',
      'Contacts copied: 1.',
      'Feedback entries copied: 1.',
      'The text of REQ-2026-010 goes under the heading "Merged from REQ-2026-010" at the end of REQ-2026-001.',
      'The file requirements/REQ-2026-010-excel.md is deleted.',
    ]);
    // The workspace is valid afterwards, and the old ID leads to the target.
    const validate = await runCliCaptured(['validate'], root);
    assert.equal(validate.code, 0, validate.out);
  });

  it('--dry-run says the same and writes nothing; in Chinese with --lang zh-CN', async () => {
    const root = workspace();
    const before = snapshotFiles(root);
    const r = await runCliCaptured(['merge', 'REQ-2026-010', '--into', 'REQ-2026-001', '--dry-run', '--lang', 'zh-CN'], root);
    assert.equal(r.code, 0);
    assert.deepEqual(snapshotFiles(root), before);
    const lines = r.out.split('\n');
    assert.equal(lines[0], '将 REQ-2026-010 “Monthly energy data in Excel” 合并到 REQ-2026-001 “Export energy readings as CSV”。');
    assert.equal(lines.at(-1), '未写入任何文件（--dry-run）。');
  });

  it('refusals write nothing: into itself, across a duplicate ID, an unknown ID, an error the merge would bring', async () => {
    const cases: Array<[string[], Record<string, string>, string]> = [
      [['REQ-2026-001', '--into', 'REQ-2026-001'], {}, 'reqdesk: REQ-2026-001 cannot be merged into itself'],
      [
        ['REQ-2026-010', '--into', 'REQ-2026-001'],
        { 'requirements/REQ-2026-010-copy.md': record({ id: 'REQ-2026-010' }) },
        'reqdesk: ID REQ-2026-010 is held by 2 files (requirements/REQ-2026-010-copy.md, requirements/REQ-2026-010-excel.md): give each its own ID before merging',
      ],
      [['REQ-2026-011', '--into', 'REQ-2026-001'], {}, 'reqdesk: unknown ID REQ-2026-011; did you mean REQ-2026-001?'],
      [
        ['REQ-2026-012', '--into', 'REQ-2026-001'],
        { 'requirements/REQ-2026-012.md': record({ id: 'REQ-2026-012', customer: '\n  name: Delta\n  tier: golden' }) },
        'reqdesk: the merge would leave an error in REQ-2026-001: Unknown value "golden" for "requesters[0].tier". Expected one of: new, existing, key.',
      ],
    ];
    for (const [argv, extra, message] of cases) {
      const root = workspace(extra);
      const before = snapshotFiles(root);
      const r = await runCliCaptured(['merge', ...argv], root);
      assert.deepEqual([r.code, r.err.split('\n')], [1, [message, 'Nothing was changed.']], argv.join(' '));
      assert.deepEqual(snapshotFiles(root), before, argv.join(' '));
    }
  });

  it('wrong usage exits 2 with the usage text', async () => {
    const root = workspace();
    for (const argv of [
      ['merge', 'REQ-2026-010'],
      ['merge', '--into', 'REQ-2026-001'],
      ['merge', 'A', 'B', '--into', 'C'],
    ]) {
      const r = await runCliCaptured(argv, root);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /^reqdesk: merge needs the duplicate ID and --into the ID of the requirement it goes into\n\n/);
      assert.match(r.err, /reqdesk merge <duplicate-ID> --into <ID> \[--dry-run\]/);
    }
  });

  it('after the merge, trace counts the merged ID as known and its commits for the target', async () => {
    const repo = new GitRepo(path.join(tmp.dir, 'repo'), {
      author: { name: 'Li', email: 'li@example.com' },
      date: '2026-03-10T10:00:00+08:00',
    });
    repo.initialise();
    repo.write('requirements/REQ-2026-001-csv.md', TARGET.replace('status: analyzing', 'status: delivered'));
    repo.write('requirements/REQ-2026-010-excel.md', DUPLICATE);
    repo.commitAll('docs: two requests');
    repo.write('src/export.ts', 'export const sheet = 1;\n');
    repo.commitAll('feat: one sheet per plant (REQ-2026-010)');
    const merge = await runCliCaptured(['merge', 'REQ-2026-010', '--into', 'REQ-2026-001'], repo.dir);
    assert.equal(merge.code, 0, merge.err);
    const trace = await runCliCaptured(['trace', '--no-cache'], repo.dir);
    assert.equal(trace.code, 0, trace.err);
    assert.match(trace.out, /^REQ-2026-010  [0-9a-f]{7}  2026-03-10 {14}feat: one sheet per plant \(REQ-2026-010\)$/m);
    // The delivered target has a commit through its merged ID: no gap.
    const gaps = await runCliCaptured(['trace', '--gaps', '--strict', '--no-cache'], repo.dir);
    assert.deepEqual(
      [gaps.code, gaps.out],
      [0, 'No gaps: every delivered or verified requirement has a commit, and every ID in the history is known.'],
    );
  });
});
