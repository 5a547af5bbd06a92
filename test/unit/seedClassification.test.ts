// The guide's classification (功能需求 / 非功能需求 / 业务需求) is its own field beside the template's
// type (功能 / 体验 / 商务 / 服务): a value of one written in the other is moved there, and no
// suggestion ever replaces a value by a look-alike of the opposite meaning. Each test failed before.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyTextEdits } from '../../src/core/edits';
import { fixesFor, type FixContext } from '../../src/core/fixes';
import { localizeLater } from '../../src/core/l10n';
import { formatMessage } from '../../src/core/messages';
import { enumAt, fieldDocAt, requirementJsonSchema } from '../../src/core/schema';
import { negates } from '../../src/core/text';
import { analyzeRequirement } from '../../src/core/validate';
import { at, CTX, record, runCliCaptured } from './support';

const FIX: FixContext = { keepAliases: false };
const analyze = (text: string, careful = false) => analyzeRequirement(text, CTX, { careful });

describe('the guide’s classification: category beside type', () => {
  it('category is a field of the schema with the guide’s three values and their Chinese names', () => {
    const info = enumAt(['category'])!;
    assert.deepEqual(info.canonical, ['functional', 'non-functional', 'business']);
    assert.equal(info.aliasTo.get('非功能需求'), 'non-functional');
    assert.equal(info.aliasTo.get('业务需求'), 'business');
    assert.equal(info.aliasTo.get('功能需求'), 'functional');
    assert.match(fieldDocAt(['category'])!.description, /需求分类/);
    const json = requirementJsonSchema() as { properties: Record<string, { enum?: string[] }> };
    assert.ok(json.properties.category?.enum?.includes('非功能需求'));
    for (const value of ['非功能需求', 'non-functional', '业务需求', 'business']) {
      const problems = analyze(record({ category: value })).problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
      assert.deepEqual(problems, [], value);
    }
  });

  it('type: 非功能需求 says it belongs in category, with no "did you mean functional", on the value', () => {
    const text = record({ type: '非功能需求' });
    for (const careful of [false, true]) {
      const problems = analyze(text, careful).problems.filter((p) => p.path?.[0] === 'type');
      assert.deepEqual(
        problems.map((p) => [p.code, p.severity, p.args, at(text, p.range)]),
        [['value-in-other-field', 'error', ['type', '非功能需求', 'category', 'functional, experience, business, service'], '4:7-4:12']],
      );
      assert.ok(!problems.some((p) => p.code === 'enum-unknown'));
    }
    const message = formatMessage('value-in-other-field', analyze(text).problems.find((p) => p.path?.[0] === 'type')!.args, 'en');
    assert.equal(
      message,
      '"非功能需求" is a value of "category", not of "type": move it to category. "type" is one of: functional, experience, business, service.',
    );
    assert.doesNotMatch(formatMessage('value-in-other-field', ['type', '非功能需求', 'category', 'x'], 'zh-cn'), /Did you mean|是否/);
  });

  it('type: 业务需求 is the category business, not steered to the type business (商务)', () => {
    const text = record({ type: '业务需求' });
    const p = analyze(text).problems.find((x) => x.path?.[0] === 'type')!;
    assert.equal(p.code, 'value-in-other-field');
    assert.deepEqual(p.data, { field: 'category', value: 'business' });
  });

  it('the quick fix moves the value to category where it stands, and guesses no type', () => {
    const text = record({ type: '非功能需求  # from the guide' });
    const p = analyze(text, true).problems.find((x) => x.code === 'value-in-other-field')!;
    const fixes = fixesFor(text, p, FIX);
    assert.deepEqual(
      fixes.map((f) => [f.fixId, localizeLater('en', f.title), f.isPreferred]),
      [['move-value', 'Move 非功能需求 to category', true]],
    );
    const after = applyTextEdits(text, fixes[0]!.edits);
    assert.equal(after, text.replace('type: 非功能需求', 'category: 非功能需求'));
    const left = analyze(after).problems;
    assert.ok(!left.some((x) => x.code === 'value-in-other-field'));
    const missing = left.find((x) => x.code === 'required-missing')!;
    assert.deepEqual(missing.args, ['type']);
    // The missing type is not made up as functional: that would say the opposite of the category.
    assert.deepEqual(fixesFor(after, missing, FIX), []);
    // Without a category, or with a functional one, the old placeholder stays.
    const plain = record({ type: '' });
    const plainMissing = analyze(plain).problems.find((x) => x.code === 'required-missing')!;
    assert.equal(localizeLater('en', fixesFor(plain, plainMissing, FIX)[0]!.title), 'Add type: functional');
  });

  it('a category already there with the same meaning: the misplaced copy goes; a different one: no fix', () => {
    const same = record({ type: '非功能需求', category: 'non-functional' });
    const p = analyze(same).problems.find((x) => x.code === 'value-in-other-field')!;
    const after = applyTextEdits(same, fixesFor(same, p, FIX)[0]!.edits);
    assert.ok(!after.includes('type:') && after.includes('category: non-functional'));
    const other = record({ type: '非功能需求', category: 'business' });
    const q = analyze(other).problems.find((x) => x.code === 'value-in-other-field')!;
    assert.deepEqual(fixesFor(other, q, FIX), []);
  });

  it('category: 商务 is a type: it is moved the other way', () => {
    const text = record({ type: '', category: '商务' });
    const p = analyze(text).problems.find((x) => x.path?.[0] === 'category')!;
    assert.equal(p.code, 'value-in-other-field');
    assert.deepEqual(p.data, { field: 'type', value: 'business' });
  });

  it('a near-miss suggestion never negates: 非功能 is not "did you mean 功能"', () => {
    assert.ok(negates('非功能', '功能'));
    assert.ok(negates('nonfunctional', 'functional'));
    assert.ok(negates('不满足', '满足'));
    assert.ok(!negates('功能', '功能'));
    assert.ok(!negates('functionl', 'functional'));
    for (const [field, value] of [
      ['type', '非功能'],
      ['type', 'non-functionl'],
      ['strategy', '不满足'],
    ] as const) {
      const text = record({ [field]: value });
      const p = analyze(text).problems.find((x) => x.path?.[0] === field)!;
      assert.equal(p.code, 'enum-unknown', `${field}: ${value}`);
      assert.equal(p.args[3], '', `${field}: ${value} gets no suggestion`);
      assert.deepEqual(p.fixes, []);
    }
    // A plain typo still gets its suggestion.
    const typo = analyze(record({ type: 'functionl' })).problems.find((x) => x.path?.[0] === 'type')!;
    assert.deepEqual(typo.data, { value: 'functional' });
  });

  it('reqdesk list --category filters by the guide’s classification, aliases included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqdesk-category-'));
    try {
      const folder = path.join(dir, 'requirements');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'a.md'), record({ id: 'REQ-2026-001', category: '非功能需求' }));
      writeFileSync(path.join(folder, 'b.md'), record({ id: 'REQ-2026-002', category: 'business' }));
      writeFileSync(path.join(folder, 'c.md'), record({ id: 'REQ-2026-003' }));
      const ids = async (value: string) => {
        const r = await runCliCaptured(['list', '--root', dir, '--format', 'json', '--category', value], dir);
        return (JSON.parse(r.out) as Array<{ id: string }>).map((row) => row.id);
      };
      assert.deepEqual(await ids('non-functional'), ['REQ-2026-001']);
      assert.deepEqual(await ids('非功能需求'), ['REQ-2026-001']);
      assert.deepEqual(await ids('业务需求'), ['REQ-2026-002']);
      const bad = await runCliCaptured(['list', '--root', dir, '--category', 'nonfunctionl'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--category must be one of: functional, non-functional, business/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
