import assert from 'node:assert/strict';
import { compileIdGrammar } from '../../src/core/ids';
import { RequirementIndex } from '../../src/core/index';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { IndexHost } from '../../src/workspace/indexHost';
import { record } from './support';

function newIndex(): RequirementIndex {
  return new RequirementIndex(DEFAULT_SETTINGS, compileIdGrammar(DEFAULT_SETTINGS.idPrefixes, DEFAULT_SETTINGS.idFormat));
}

const text = record({ id: 'REQ-2026-001', title: 'Scan pallets at the dock', type: 'functional', status: 'planned' });

describe('index host', () => {
  it('keeps its followers through a rebuild: told of the new index, then of its changes only', () => {
    const host = new IndexHost();
    const seen: string[] = [];
    host.follow({ replaced: () => seen.push('replaced'), changed: (c) => seen.push(`changed ${c.changed.join(',')}`) });
    const first = newIndex();
    host.replace(first);
    first.updateText('file:///a.md', text);
    const second = newIndex();
    host.replace(second);
    first.updateText('file:///old.md', text); // the replaced index is no longer followed
    second.updateText('file:///b.md', text);
    assert.deepEqual(seen, ['replaced', 'changed file:///a.md', 'replaced', 'changed file:///b.md']);
    assert.equal(host.index(), second);
    assert.equal(host.current, second);
  });

  it('tells followers in the order they followed, and hands the current index to a late follower', () => {
    const host = new IndexHost();
    assert.equal(host.current, undefined);
    const order: string[] = [];
    host.follow({ replaced: () => order.push('a'), changed: () => order.push('a changed') });
    host.follow({ replaced: () => order.push('b'), changed: () => order.push('b changed') });
    const index = newIndex();
    host.replace(index);
    index.updateText('file:///a.md', text);
    assert.deepEqual(order, ['a', 'b', 'a changed', 'b changed']);
    let late: RequirementIndex | undefined;
    const following = host.follow({ replaced: (i) => (late = i) });
    assert.equal(late, index);
    following.dispose();
    host.replace(newIndex());
    assert.equal(late, index, 'a follower that stopped is not told');
  });
});
