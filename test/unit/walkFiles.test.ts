// The node:fs walk behind the CLI's listing and the extension's listing of local folders.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileGlobs } from '../../src/core/fileGlobs';
import { walkFiles } from '../../src/files/walkFiles';

describe('walkFiles', () => {
  let root: string;
  const globs = fileGlobs(['**/requirements/**/*.md'], ['**/node_modules/**', '**/.git/**']);
  const write = (rel: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), '---\nid: REQ-2024-001\n---\n');
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'reqdesk-walk-'));
    write('requirements/a.md');
    write('requirements/sub/b.md');
    write('requirements/notes.txt');
    write('docs/requirements/c.md');
    write('node_modules/pkg/requirements/d.md');
    write('.git/requirements/e.md');
    write('README.md');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const sorted = (files: string[] | undefined) => files && [...files].sort();

  it('lists what the globs select and never enters an excluded folder', async () => {
    assert.deepEqual(sorted(await walkFiles(root, globs, { links: 'files' })), [
      'docs/requirements/c.md',
      'requirements/a.md',
      'requirements/sub/b.md',
    ]);
  });

  it('matches the globs on paths below `base` when the walk starts further down', async () => {
    // `requirements/**` only matches with the folder's own name in front.
    const below = await walkFiles(path.join(root, 'requirements'), globs, { links: 'stop', base: 'requirements' });
    assert.deepEqual(sorted(below), ['requirements/a.md', 'requirements/sub/b.md']);
    assert.deepEqual(await walkFiles(path.join(root, 'requirements'), globs, { links: 'stop' }), []);
  });

  it('lists links to files and loops, skips links to folders and dangling links (links: files)', async () => {
    symlinkSync(path.join(root, 'requirements', 'a.md'), path.join(root, 'requirements', 'link.md'));
    symlinkSync(path.join(root, 'requirements', 'loop.md'), path.join(root, 'requirements', 'loop.md'));
    symlinkSync(path.join(root, 'requirements', 'gone.md'), path.join(root, 'requirements', 'dangling.md'));
    symlinkSync(path.join(root, 'docs'), path.join(root, 'requirements', 'folder-link'));
    assert.deepEqual(sorted(await walkFiles(root, globs, { links: 'files' })), [
      'docs/requirements/c.md',
      'requirements/a.md',
      'requirements/link.md',
      'requirements/loop.md',
      'requirements/sub/b.md',
    ]);
  });

  it('stops at a link that is not excluded (links: stop), and goes on past an excluded one', async () => {
    rmSync(path.join(root, 'node_modules'), { recursive: true });
    symlinkSync(path.join(root, 'docs'), path.join(root, 'node_modules'));
    assert.deepEqual(sorted(await walkFiles(root, globs, { links: 'stop' })), [
      'docs/requirements/c.md',
      'requirements/a.md',
      'requirements/sub/b.md',
    ]);
    // A link anywhere in the tree, even to a folder the globs would never select from.
    symlinkSync(path.join(root, 'docs'), path.join(root, 'src-link'));
    assert.equal(await walkFiles(root, globs, { links: 'stop' }), undefined);
  });

  it('finds nothing in a folder that is not there', async () => {
    assert.deepEqual(await walkFiles(path.join(root, 'missing'), globs, { links: 'files' }), []);
  });
});
