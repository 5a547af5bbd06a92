// The filter bar the matrix and the timeline share is built by the host, options labelled in the UI
// language, and the webviews carry no domain rule of their own: they show what they are sent.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { filterBar } from '../../src/core/filterBar';
import { filterBarSchema } from '../../src/protocol/filterBar';
import { FILTER_TEXT } from '../support/filterText';
import { REPO_ROOT } from './support';

const choices = { customers: ['客户A', 'Acme'], owners: ['张三'] };

describe('filter bar', () => {
  it('offers the schema’s types and statuses in its order, named by their values in English', () => {
    const bar = filterBar(choices, FILTER_TEXT, 'en');
    assert.deepEqual(
      bar.map((f) => [f.key, f.label, f.all]),
      [
        ['type', 'Type', 'All types'],
        ['status', 'Status', 'All statuses'],
        ['customer', 'Customer', 'All customers'],
        ['owner', 'Owner', 'All owners'],
      ],
    );
    assert.deepEqual(
      bar[0]!.options,
      ['functional', 'experience', 'business', 'service'].map((v) => ({ value: v, label: v })),
    );
    assert.deepEqual(
      bar[1]!.options.map((o) => o.value),
      ['new', 'analyzing', 'planned', 'in-progress', 'delivered', 'verified', 'closed', 'declined', 'on-hold'],
    );
    assert.ok(bar[1]!.options.every((o) => o.label === o.value));
    assert.deepEqual(bar[2]!.options, [
      { value: '客户A', label: '客户A' },
      { value: 'Acme', label: 'Acme' },
    ]);
    assert.deepEqual(bar[3]!.options, [{ value: '张三', label: '张三' }]);
    assert.ok(filterBarSchema.safeParse(bar).success);
  });

  it('names types and statuses as the tree does in Chinese, values unchanged', () => {
    const bar = filterBar(choices, FILTER_TEXT, 'zh-cn');
    assert.deepEqual(bar[0]!.options[0], { value: 'functional', label: '功能 functional' });
    assert.deepEqual(bar[1]!.options[3], { value: 'in-progress', label: '进行中 in-progress' });
    assert.deepEqual(bar[2]!.options, [
      { value: '客户A', label: '客户A' },
      { value: 'Acme', label: 'Acme' },
    ]);
  });

  it('the webviews hold no type or status list, no priority rule and no filter rule', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
      });
    const sources = files(path.join(REPO_ROOT, 'webview')).filter((f) => /[\\/](matrix|timeline|shared)[\\/]/.test(f));
    assert.ok(sources.length >= 4, sources.join(', '));
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      const name = path.relative(REPO_ROOT, file);
      assert.doesNotMatch(text, /'in-progress'|'functional'|'on-hold'/, `${name} lists types or statuses`);
      assert.doesNotMatch(text, /threshold/, `${name} derives regions from the threshold`);
      assert.doesNotMatch(text, /\.(customer|owner|type|status) === filter\./, `${name} applies the filter`);
    }
  });
});
