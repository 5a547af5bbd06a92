import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTextEdits } from '../../src/core/edits';
import { loadYamlCareful, splitFile } from '../../src/core/frontmatter';
import { appendListItem, nextTaskId, type ListItem } from '../../src/core/listEdits';
import { bom, crlf } from './support';

const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n# Body\n\n## 需求描述\ntext\n`;

function append(text: string, key: string, item: ListItem): string {
  const r = appendListItem(text, key, item);
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  // Inserted lines only (or an empty token replaced): never a change of existing bytes.
  for (const e of r.edits) assert.ok(e.start === e.end || /^ ?(~|null|\[\s*\])$/.test(text.replace(/^\uFEFF/, '').slice(e.start, e.end)), `edit replaces ${JSON.stringify(text.slice(e.start, e.end))}`);
  return applyTextEdits(text, r.edits);
}

function data(text: string): Record<string, unknown> {
  const loaded = loadYamlCareful(splitFile(text, true).frontMatter!.yaml);
  assert.deepEqual(loaded.issues, []);
  return loaded.value as Record<string, unknown>;
}

const TASK = { id: 'T3', title: '新任务', owner: '李四', days: 2, depends: ['T2'] };

describe('list edits: appending an item', () => {
  it('adds a task to an indented block list, aligned with the others', () => {
    const text = fm('id: REQ-2026-001', 'tasks:', '  - id: T1', '    title: UI', '    start: 2026-03-02', '    days: 2   # estimate', '  - id: T2', '    title: API', '    depends: [T1]', 'risks:', '  - late data');
    const out = append(text, 'tasks', TASK);
    assert.equal(
      out,
      fm('id: REQ-2026-001', 'tasks:', '  - id: T1', '    title: UI', '    start: 2026-03-02', '    days: 2   # estimate', '  - id: T2', '    title: API', '    depends: [T1]', '  - id: T3', '    title: 新任务', '    owner: 李四', '    days: 2', '    depends: [T2]', 'risks:', '  - late data'),
    );
  });

  it('follows items written at the key’s column', () => {
    const text = fm('id: X', 'tasks:', '- id: T1', '  title: UI', '  start: 2026-03-02', 'owner: 张三');
    assert.equal(append(text, 'tasks', { id: 'T2', start: '2026-03-05' }), fm('id: X', 'tasks:', '- id: T1', '  title: UI', '  start: 2026-03-02', '- id: T2', '  start: 2026-03-05', 'owner: 张三'));
  });

  it('writes a one-line item where the list uses { … } items', () => {
    const text = fm('tasks:', '  - { id: T1, title: UI, start: 2026-03-02, days: 3 }', '  - { id: T2, title: API, depends: [T1], days: 5 }  # next');
    assert.equal(append(text, 'tasks', { id: 'T3', title: 'a, b', depends: ['T1', 'T2'] }), fm('tasks:', '  - { id: T1, title: UI, start: 2026-03-02, days: 3 }', '  - { id: T2, title: API, depends: [T1], days: 5 }  # next', '  - { id: T3, title: "a, b", depends: [T1, T2] }'));
  });

  it('appends a risk as plain text, quoting what YAML would misread', () => {
    const text = fm('risks:', '  - first # why', '', '# trailing comment', 'owner: 张三');
    const out = append(text, 'risks', 'true');
    assert.deepEqual(data(out).risks, ['first', 'true']);
    assert.equal(out, fm('risks:', '  - first # why', '  - "true"', '', '# trailing comment', 'owner: 张三'));
    assert.deepEqual(data(append(text, 'risks', '- 20%: maybe #1')).risks, ['first', '- 20%: maybe #1']);
  });

  it('creates the list when the key is absent, in the file’s list indentation', () => {
    assert.equal(append(fm('id: X', 'title: T'), 'feedback', { date: '2026-03-01', satisfaction: 2, note: '导出太慢' }), fm('id: X', 'title: T', 'feedback:', '  - date: 2026-03-01', '    satisfaction: 2', '    note: 导出太慢'));
    const flush = fm('id: X', 'reviews:', '- date: 2026-01-01');
    assert.equal(append(flush, 'changes', { date: '2026-03-02', request: 'CSV', decision: 'pending' }), fm('id: X', 'reviews:', '- date: 2026-01-01', 'changes:', '- date: 2026-03-02', '  request: CSV', '  decision: pending'));
  });

  it('fills an empty key, ~ and [] (the token goes, the rest of the line stays)', () => {
    assert.equal(append(fm('risks:', 'owner: A'), 'risks', 'r'), fm('risks:', '  - r', 'owner: A'));
    assert.equal(append(fm('risks: ~  # none yet', 'owner: A'), 'risks', 'r'), fm('risks:  # none yet', '  - r', 'owner: A'));
    assert.equal(append(fm('risks: []', 'owner: A'), 'risks', 'r'), fm('risks:', '  - r', 'owner: A'));
  });

  it('creates the list in an empty front-matter', () => {
    assert.equal(append('---\n---\nbody\n', 'risks', 'r'), '---\nrisks:\n  - r\n---\nbody\n');
  });

  it('keeps CRLF line breaks and a BOM', () => {
    const text = bom(crlf(fm('id: X', 'tasks:', '  - id: T1', '    start: 2026-03-02')));
    const out = append(text, 'tasks', { id: 'T2', depends: ['T1'] });
    assert.equal(out, bom(crlf(fm('id: X', 'tasks:', '  - id: T1', '    start: 2026-03-02', '  - id: T2', '    depends: [T1]'))));
    assert.ok(!/[^\r]\n/.test(out));
  });

  it('adds after a block scalar without eating the blank line', () => {
    const text = fm('changes:', '  - date: 2026-03-01', '    request: |', '      line one', '', 'owner: A');
    const out = append(text, 'changes', { date: '2026-03-02', request: 'two' });
    assert.deepEqual(data(out).changes, [
      { date: '2026-03-01', request: 'line one\n' },
      { date: '2026-03-02', request: 'two' },
    ]);
  });

  it('refuses a flow list, a key that is not a list and a file with YAML errors, in both languages', () => {
    const flow = appendListItem(fm('tasks: [{ id: T1, start: 2026-01-01 }]'), 'tasks', TASK);
    assert.ok(!flow.ok);
    assert.equal(flow.code, 'not-a-block-list');
    assert.match(flow.message, /flow list/);
    assert.match(flow.messageZh, /流式列表/);
    const scalar = appendListItem(fm('risks: just one'), 'risks', 'r');
    assert.ok(!scalar.ok && scalar.code === 'not-a-block-list');
    const broken = appendListItem(fm('tasks:', '  - id: T1', ' bad: [unclosed'), 'tasks', TASK);
    assert.ok(!broken.ok && broken.code === 'yaml-errors');
    const none = appendListItem('# no front-matter\n', 'risks', 'r');
    assert.ok(!none.ok && none.code === 'no-front-matter');
    const empty = appendListItem(fm('id: X'), 'tasks', { id: undefined });
    assert.ok(!empty.ok && empty.code === 'unsupported-value');
  });

  it('never throws, and either only inserts (reading back as old data plus the item) or refuses', () => {
    const line = fc.oneof(
      fc.constantFrom('tasks:', '  - id: T1', '- id: T1', '    title: x', '  title: y', 'risks:', '  - r', 'risks: [a]', 'risks: ~', '# c', '', 'a: b', '  - { id: T1 }', 'feedback:', '    - date: 2026-01-01', '\tx: y', '  "q": |', '    block'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.constantFrom('tasks', 'risks', 'feedback'), fc.boolean(), fc.oneof(fc.string({ maxLength: 8 }), fc.constant<ListItem>({ id: 'T9', title: 'x: y', depends: ['T1'] })), (lines, key, useCrlf, item) => {
        let text = `---\n${lines.join('\n')}\n---\nbody\n`;
        if (useCrlf) text = crlf(text);
        const r = appendListItem(text, key, item);
        if (!r.ok) {
          assert.ok(r.message && r.messageZh);
          return;
        }
        for (const e of r.edits) assert.ok(e.start === e.end || /^ ?(~|null|Null|NULL|\[\s*\])$/.test(text.slice(e.start, e.end)));
        const before = (loadYamlCareful(splitFile(text, true).frontMatter!.yaml).value ?? {}) as Record<string, unknown>;
        const after = data(applyTextEdits(text, r.edits));
        const old = Array.isArray(before[key]) ? (before[key] as unknown[]) : [];
        assert.deepEqual(after[key], [...old, item]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('list edits: next task ID', () => {
  it('is one above the highest T<n>, ignoring other IDs', () => {
    assert.equal(nextTaskId(undefined), 'T1');
    assert.equal(nextTaskId([{ id: 'T1' }, { id: 'T7' }, { id: 'setup' }, null, 'x', { id: 'T3' }]), 'T8');
  });
});
