import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scoreDocsAt } from '../../src/core/completion';
import { localize } from '../../src/core/l10n';
import { ESSENTIAL_NAMES, MESSAGE_WORDS, PROBLEM_MESSAGES } from '../../src/core/messages';
import { IMPORT_MESSAGES } from '../../src/core/recordTable';
import {
  CHANGE_DECISIONS,
  CUSTOMER_SIZES,
  CUSTOMER_TIERS,
  enumAt,
  fieldDocAt,
  normalizeAliases,
  HORIZONS,
  KANO,
  knownKeysAt,
  MOSCOW,
  PRIORITIES,
  REQUIREMENT_TYPES,
  requirementJsonSchema,
  requirementSchema,
  REVIEW_RESULTS,
  SCORE_LEVELS,
  SOURCES,
  STATUSES,
  STRATEGIES,
  TASK_STATUSES,
  type EnumValueDoc,
} from '../../src/core/schema';
import { REPO_ROOT } from './support';

type Json = Record<string, unknown>;

describe('schema: the committed JSON Schema', () => {
  it('equals requirementJsonSchema() (run `npm run schemas` after changing the schema)', () => {
    const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/requirement.schema.json'), 'utf8'));
    assert.deepEqual(committed, requirementJsonSchema());
  });

  it('every field has an English and a Chinese description', () => {
    const missing: string[] = [];
    const hasDocs = (node: Json) => typeof node.description === 'string' && typeof node['x-description-zh'] === 'string';
    const visit = (node: Json, where: string) => {
      // A nullable field carries its docs on the non-null branch.
      const branches = (node.anyOf as Json[] | undefined) ?? [];
      const docs = hasDocs(node) || branches.filter((b) => b.type !== 'null').some(hasDocs);
      if (!docs) missing.push(where);
      for (const [key, child] of Object.entries((node.properties as Record<string, Json> | undefined) ?? {}))
        visit(child, `${where}.${key}`);
      const items = node.items as Json | undefined;
      if (items && items.type === 'object') visit(items, `${where}[]`);
      for (const b of branches) if (b.type === 'object') visit(b, where);
    };
    const schema = requirementJsonSchema();
    visit(schema, 'record');
    assert.deepEqual(missing, []);
    // Enough fields were seen for the walk to mean something.
    assert.ok(Object.keys(schema.properties as Json).length >= 25);
  });

  it('the required keys are id, title, type and status; unknown keys are allowed', () => {
    const schema = requirementJsonSchema();
    assert.deepEqual([...(schema.required as string[])].sort(), ['id', 'status', 'title', 'type']);
    assert.notEqual(schema.additionalProperties, false);
  });

  it('enum fields accept their aliases in the JSON Schema too (what editors validate)', () => {
    const props = requirementJsonSchema().properties as Record<string, Json>;
    const values = props.type!.enum as string[];
    assert.ok(values.includes('functional') && values.includes('功能') && values.includes('功能需求'));
  });
});

describe('schema: aliases', () => {
  const base = { id: 'REQ-2026-001', title: 'T', type: 'functional', status: 'new' };
  const tables: Array<[string, Readonly<Record<string, EnumValueDoc>>, (v: string) => Json, (d: Json) => unknown]> = [
    ['type', REQUIREMENT_TYPES, (v) => ({ type: v }), (d) => d.type],
    ['status', STATUSES, (v) => ({ status: v }), (d) => d.status],
    ['customer.size', CUSTOMER_SIZES, (v) => ({ customer: { name: 'C', size: v } }), (d) => (d.customer as Json).size],
    ['customer.tier', CUSTOMER_TIERS, (v) => ({ customer: { name: 'C', tier: v } }), (d) => (d.customer as Json).tier],
    ['source', SOURCES, (v) => ({ source: v }), (d) => d.source],
    ['horizon', HORIZONS, (v) => ({ horizon: v }), (d) => d.horizon],
    ['moscow', MOSCOW, (v) => ({ moscow: v }), (d) => d.moscow],
    ['kano', KANO, (v) => ({ kano: v }), (d) => d.kano],
    ['strategy', STRATEGIES, (v) => ({ strategy: v }), (d) => d.strategy],
    [
      'tasks[].status',
      TASK_STATUSES,
      (v) => ({ tasks: [{ id: 'T1', title: 'x', start: '2026-01-05', status: v }] }),
      (d) => (d.tasks as Json[])[0]!.status,
    ],
    [
      'reviews[].result',
      REVIEW_RESULTS,
      (v) => ({ reviews: [{ date: '2026-01-05', result: v }] }),
      (d) => (d.reviews as Json[])[0]!.result,
    ],
    [
      'changes[].decision',
      CHANGE_DECISIONS,
      (v) => ({ changes: [{ date: '2026-01-05', request: 'x', decision: v }] }),
      (d) => (d.changes as Json[])[0]!.decision,
    ],
  ];

  it('every alias of every enum table is accepted and normalised to its canonical value', () => {
    let checked = 0;
    for (const [field, table, put, get] of tables) {
      for (const [canonical, doc] of Object.entries(table)) {
        for (const value of [canonical, ...(doc.aliases ?? [])]) {
          const result = requirementSchema.safeParse({ ...base, ...put(value) });
          assert.ok(result.success, `${field}: ${value}`);
          const uses = normalizeAliases(result.data as Record<string, unknown>);
          assert.equal(get(result.data as Json), canonical, `${field}: ${value}`);
          assert.equal(uses.length, value === canonical ? 0 : 1, `${field}: ${value}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 80, `only ${checked} values checked`);
  });

  it('no alias maps to two canonical values within a table, and none shadows a canonical value', () => {
    for (const [field, table] of tables) {
      const canonical = Object.keys(table);
      const aliases = Object.values(table).flatMap((d) => [...(d.aliases ?? [])]);
      assert.equal(new Set(aliases).size, aliases.length, field);
      assert.deepEqual(
        aliases.filter((a) => canonical.includes(a)),
        [],
        field,
      );
    }
  });

  it('enumAt knows each enum path with its aliases', () => {
    assert.equal(enumAt(['type'])?.aliasTo.get('功能'), 'functional');
    assert.equal(enumAt(['tasks', 0, 'status'])?.aliasTo.get('已完成'), 'done');
    assert.equal(enumAt(['customer', 'tier'])?.aliasTo.get('高价值客户'), 'key');
    assert.deepEqual(enumAt(['priority'])?.canonical, ['P1', 'P2', 'P3']);
    assert.equal(enumAt(['title']), undefined);
  });

  it('field docs and known keys are found by path', () => {
    assert.equal(localize('zh-cn', fieldDocAt(['scores', 'urgency'])!.description).startsWith('需求满足的时间压力'), true);
    assert.ok(fieldDocAt(['decline_reason'])?.description);
    assert.ok(fieldDocAt(['type'])?.description);
    assert.ok(fieldDocAt(['tasks', 3, 'title'])?.description);
    // Optional enums with aliases carry their docs on the converting wrapper.
    for (const path of [
      ['customer', 'tier'],
      ['customer', 'size'],
      ['source'],
      ['horizon'],
      ['strategy'],
      ['tasks', 0, 'status'],
      ['tasks', 0, 'depends'],
      ['changes', 1, 'decision'],
    ]) {
      const english = fieldDocAt(path)?.description;
      assert.ok(english, path.join('.'));
      assert.notEqual(localize('zh-cn', english), english, path.join('.'));
    }
    assert.equal(fieldDocAt(['jira']), undefined);
    assert.ok(knownKeysAt(['tasks', 0]).includes('owner'));
    assert.deepEqual(knownKeysAt(['scores']).sort(), ['effort', 'feasibility', 'importance', 'urgency', 'value']);
    assert.deepEqual(knownKeysAt(['title']), []);
  });
});

describe('schema: messages', () => {
  const bundleFile = path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json');
  const ZH_BUNDLE: Readonly<Record<string, string>> = JSON.parse(readFileSync(bundleFile, 'utf8'));
  const placeholders = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

  /** Every entry of a code → English table has a Chinese bundle entry with the same placeholders. */
  function assertTranslated(table: Readonly<Record<string, string>>): void {
    for (const [code, english] of Object.entries(table)) {
      const chinese = ZH_BUNDLE[english];
      assert.ok(english.trim() && chinese?.trim(), `${code}: "${english}" has a bundle entry`);
      assert.deepEqual(placeholders(chinese!), placeholders(english), code);
      assert.match(chinese!, /[\u4e00-\u9fff]/, code);
    }
  }

  it('every problem message has English and Chinese with the same placeholders', () => assertTranslated(PROBLEM_MESSAGES));

  it('every import message has English and Chinese with the same placeholders', () => assertTranslated(IMPORT_MESSAGES));

  it('every word a message is filled with (type names, essentials) has a Chinese bundle entry', () => {
    for (const [key, english] of [...Object.entries(MESSAGE_WORDS), ...Object.entries(ESSENTIAL_NAMES)]) {
      assert.match(ZH_BUNDLE[english] ?? '', /[\u4e00-\u9fff]/, `${key}: "${english}"`);
      assert.deepEqual(placeholders(ZH_BUNDLE[english]!), placeholders(english), key);
    }
  });

  it('placeholders are numbered from 0 without gaps', () => {
    for (const [code, messages] of Object.entries(PROBLEM_MESSAGES)) {
      const used = placeholders(messages).map((p) => Number(p.slice(1, -1)));
      assert.deepEqual(
        used,
        used.map((_, i) => i),
        code,
      );
    }
  });
});

describe('schema: documentation through the catalog', () => {
  const bundle: Readonly<Record<string, string>> = JSON.parse(readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  const valueTables: Array<[string, Readonly<Record<string, EnumValueDoc>>]> = Object.entries({
    REQUIREMENT_TYPES,
    STATUSES,
    CUSTOMER_SIZES,
    CUSTOMER_TIERS,
    SOURCES,
    HORIZONS,
    PRIORITIES,
    MOSCOW,
    KANO,
    STRATEGIES,
    TASK_STATUSES,
    REVIEW_RESULTS,
    CHANGE_DECISIONS,
  });

  /** Each documented node of the exported JSON Schema: a field's description, an enum value's meaning. */
  function documented(node: unknown, out: Array<{ en: string; zh: unknown }> = []): Array<{ en: string; zh: unknown }> {
    if (Array.isArray(node)) node.forEach((n) => documented(n, out));
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (typeof n.description === 'string') out.push({ en: n.description, zh: n['x-description-zh'] });
      const valueDocs = (n['x-enum-docs'] as Record<string, Json> | undefined) ?? {};
      for (const d of Object.values(valueDocs)) out.push({ en: d.en as string, zh: d.zh });
      for (const [key, child] of Object.entries(n)) if (key !== 'x-enum-docs') documented(child, out);
    }
    return out;
  }

  const translated = (english: string) =>
    typeof bundle[english] === 'string' && bundle[english] !== english && /[\u4e00-\u9fff]/.test(bundle[english]);

  it('every field documentation and every enum value meaning has a Chinese bundle entry', () => {
    const english = [
      ...documented(requirementJsonSchema()).map((d) => d.en),
      ...valueTables.flatMap(([, table]) => Object.values(table).map((d) => d.en)),
      ...Object.values(SCORE_LEVELS).map((d) => d.description),
    ];
    assert.ok(new Set(english).size > 100, 'the walk finds the documentation');
    assert.deepEqual(
      [...new Set(english)].filter((en) => !translated(en)),
      [],
    );
  });

  it("the JSON Schema's Chinese is the catalog's, and it documents every value table", () => {
    const docs = documented(requirementJsonSchema());
    assert.deepEqual(
      docs.filter((d) => d.zh !== bundle[d.en]).map((d) => d.en),
      [],
    );
    const inSchema = new Set(docs.map((d) => d.en));
    for (const [name, table] of valueTables) {
      assert.deepEqual(
        Object.values(table)
          .map((d) => d.en)
          .filter((en) => !inSchema.has(en)),
        [],
        name,
      );
    }
  });

  it('a score has the same levels in both languages', () => {
    for (const key of Object.keys(SCORE_LEVELS)) {
      const levels = (lang: 'en' | 'zh-cn') => [...(scoreDocsAt(['scores', key], lang)?.levels.keys() ?? [])];
      assert.deepEqual(levels('zh-cn'), levels('en'), key);
    }
    assert.deepEqual(
      [...scoreDocsAt(['scores', 'importance'], 'zh-cn')!.levels],
      [
        [5, '直接影响客户是否续约。'],
        [3, '仅优化体验。'],
      ],
    );
    assert.deepEqual(
      [...scoreDocsAt(['scores', 'importance'], 'en')!.levels],
      [
        [5, 'Decides whether the customer renews.'],
        [3, 'Only improves experience.'],
      ],
    );
  });
});
