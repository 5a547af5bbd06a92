// No import cycle in src: each module loads on its own, and a folder's layering (a command on
// the CLI's shared helpers, never the other way round) stays as it is written.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { importCycles, importGraph } from '../support/importGraph';
import { REPO_ROOT } from './support';

const relative = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join('/');

describe('import cycles', () => {
  it('finds a cycle where there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    assert.deepEqual(importCycles(graph), [['a', 'b', 'c'], ['e']]);
  });

  it('src has none', () => {
    const graph = importGraph(path.join(REPO_ROOT, 'src'));
    assert.ok(graph.size > 50, 'the walk finds the source files');
    assert.ok(
      [...graph.values()].some((targets) => targets.length > 0),
      'and their imports',
    );
    assert.deepEqual(
      importCycles(graph).map((cycle) => cycle.map(relative)),
      [],
    );
  });
});
