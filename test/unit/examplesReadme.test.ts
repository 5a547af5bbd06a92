// The example workspace's README is what a new user reads first: it must describe the product as it
// is, not promise as future what already ships.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './support';

describe('examples/README.md', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'examples', 'README.md'), 'utf8');

  it('announces no shipped feature as coming later', () => {
    for (const phrase of [/on the roadmap/i, /coming later/i, /will be added/i, /后续版本/, /上线后/, /将在.*加入/]) {
      assert.doesNotMatch(text, phrase);
    }
  });

  it('names the views and commit linking that ship', () => {
    for (const phrase of [/Requirements\s+view/, /Matrix/, /Timeline/, /Commit linking/, /需求树/, /矩阵/, /时间线/]) {
      assert.match(text, phrase);
    }
  });

  it('counts the requirement files there are', () => {
    const said = Number(/(\d+) customer requirements/.exec(text)?.[1]);
    const files = readdirSync(path.join(REPO_ROOT, 'examples', 'requirements')).filter((f) => f.endsWith('.md'));
    assert.equal(said, files.length);
  });
});
