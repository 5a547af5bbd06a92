// The translations are checked against the source, so a new UI string cannot ship untranslated
// and a removed one does not linger in the bundle.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { localizeLater } from '../../src/core/l10n';
import { resolveSettings, type SettingsWarning } from '../../src/core/settings';
import { REPO_ROOT } from './support';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const readJson = (file: string): Record<string, string> => JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));

/** The value of a single-quoted or backtick literal body (the escapes source files use). */
function unescape(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', 0: '\0' } as Record<string, string>)[e] ?? e;
  });
}

interface Call {
  where: string;
  key?: string;
}

/**
 * Every call into the catalog in src — `l10n.t(message, …)` in the extension, `localize(lang,
 * message, …)` and `localizable(message, …)` elsewhere: its key when the message is one plain
 * literal, or a literal `{ message, comment }` (key `message/comment`).
 */
function l10nCalls(): { calls: Call[]; sources: Map<string, string> } {
  const calls: Call[] = [];
  const sources = new Map<string, string>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    sources.set(rel, text);
    for (const m of text.matchAll(/\b(?:l10n\.t\(|localizable\(|localize\(\s*[\w.]+(?:\(\))?\s*,)\s*/g)) {
      const rest = text.slice(m.index + m[0].length);
      const line = text.slice(0, m.index).split('\n').length;
      const where = `${rel}:${line}`;
      // A literal followed by `,` or `)`: not a concatenation or an expression.
      const lit = /^(?:'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.|\$(?!\{))*)`)\s*[,)]/.exec(rest);
      calls.push(lit ? { where, key: unescape(lit[1] ?? lit[2]!) } : { where });
      const withComment = lit ? null : /^\{\s*message:\s*'((?:[^'\\\n]|\\.)*)',\s*comment:\s*'((?:[^'\\\n]|\\.)*)'\s*\}\s*[,)]/.exec(rest);
      if (withComment) calls[calls.length - 1] = { where, key: `${unescape(withComment[1]!)}/${unescape(withComment[2]!)}` };
    }
  }
  return { calls, sources };
}

const placeholders = (s: string): string[] => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

describe('l10n: runtime strings', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const { calls, sources } = l10nCalls();

  it('the source has calls to check', () => {
    assert.ok(calls.filter((c) => c.key !== undefined).length > 10);
  });

  it('every string passed to l10n.t has a Chinese translation', () => {
    const missing = calls.filter((c) => c.key !== undefined && !(c.key in bundle)).map((c) => `${c.where}: ${c.key}`);
    assert.deepEqual(missing, []);
  });

  it('translations keep the placeholders of the English string', () => {
    const wrong = Object.entries(bundle)
      .filter(([en, zh]) => placeholders(en).join() !== placeholders(zh).join())
      .map(([en, zh]) => `${en} → ${zh}`);
    assert.deepEqual(wrong, []);
  });

  it('translations are not empty and not left in English', () => {
    const untranslated = Object.entries(bundle)
      .filter(([en, zh]) => zh.trim() === '' || zh === en)
      .map(([en]) => en);
    assert.deepEqual(untranslated, []);
  });

  it('no translation is stale', () => {
    const used = new Set(calls.flatMap((c) => (c.key === undefined ? [] : [c.key])));
    // A file that passes a variable to l10n.t may look its keys up from a table of literals.
    const dynamic = [...new Set(calls.filter((c) => c.key === undefined).map((c) => sources.get(c.where.replace(/:\d+$/, ''))!))];
    const quoted = (k: string) => dynamic.some((text) => [`'${k}'`, `"${k}"`, `\`${k}\``].some((q) => text.includes(q)));
    assert.deepEqual(
      Object.keys(bundle).filter((k) => !used.has(k) && !quoted(k)),
      [],
    );
  });

  it('the bundle is sorted by key', () => {
    const keys = Object.keys(bundle);
    assert.deepEqual(keys, [...keys].sort());
  });
});

describe('l10n: package.json strings', () => {
  const manifest = readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
  const used = [...new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!))].sort();
  const nls = readJson('package.nls.json');
  const nlsZh = readJson('package.nls.zh-cn.json');

  it('package.json uses %key% strings', () => {
    assert.ok(used.includes('description'));
  });

  for (const [name, table] of [
    ['package.nls.json', nls],
    ['package.nls.zh-cn.json', nlsZh],
  ] as const) {
    it(`every %key% of package.json is in ${name}`, () => {
      assert.deepEqual(
        used.filter((k) => typeof table[k] !== 'string' || table[k].trim() === ''),
        [],
      );
    });

    it(`${name} has no key package.json does not use`, () => {
      assert.deepEqual(
        Object.keys(table).filter((k) => !used.includes(k)),
        [],
      );
    });
  }
});

describe('l10n: manifest contributions', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: unknown };
  // The product's name is the same in every language; everything else a user reads is a %key%.
  const BRAND = new Set(['ReqDesk']);
  // Where VS Code shows a contribution's string to people (the UI or the settings editor).
  const SHOWN =
    /\.(title|shortTitle|description|markdownDescription|enumDescriptions|markdownEnumDescriptions|deprecationMessage|markdownDeprecationMessage|name|contextualTitle|contents|label|category)(\[\d+\])?$/;

  function strings(value: unknown, at: string, out: Array<[string, string]> = []): Array<[string, string]> {
    if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${at}.${k}`, out);
    else if (typeof value === 'string') out.push([at, value]);
    return out;
  }

  it('has no literal user-facing string in contributes: each is a %key% (or the product name)', () => {
    const shown = strings(manifest.contributes, 'contributes').filter(([at]) => SHOWN.test(at) && !at.startsWith('contributes.languages'));
    assert.ok(shown.length > 20, 'the walk finds the titles and descriptions');
    assert.deepEqual(
      shown.filter(([, v]) => !/^%[^%]+%$/.test(v) && !BRAND.has(v)).map(([at, v]) => `${at}: ${v}`),
      [],
    );
  });

  it('every setting has a localised description', () => {
    type Properties = Record<string, Record<string, unknown>>;
    const configuration = (manifest.contributes as { configuration: { properties: Properties } | Array<{ properties: Properties }> })
      .configuration;
    const properties = ([] as Array<{ properties: Properties }>).concat(configuration).flatMap((c) => Object.entries(c.properties));
    assert.ok(properties.length > 5);
    assert.deepEqual(
      properties.filter(([, p]) => typeof (p.markdownDescription ?? p.description) !== 'string').map(([k]) => k),
      [],
    );
    // An enum setting explains each value, in both languages through its keys.
    assert.deepEqual(
      properties
        .filter(([, p]) => Array.isArray(p.enum) && !Array.isArray(p.enumDescriptions ?? p.markdownEnumDescriptions))
        .map(([k]) => k),
      [],
    );
  });

  it('package.nls.json and package.nls.zh-cn.json have the same keys, and the Chinese is not English', () => {
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    assert.deepEqual(
      Object.keys(en).filter((k) => zh[k] === en[k] || !/[\u4e00-\u9fff]/.test(zh[k]!)),
      [],
    );
  });
});

describe('l10n: core and CLI text', () => {
  it('every usage error of the CLI is a message of the catalog (so its Chinese is checked above)', () => {
    const thrown: string[] = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src', 'cli'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new UsageError\(/g)) {
        // The call's arguments up to the closing parenthesis of `new UsageError(…)`.
        let depth = 1;
        let i = m.index + m[0].length;
        for (; i < text.length && depth > 0; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
        const args = text.slice(m.index + m[0].length, i - 1);
        // A literal message of the catalog, or the shared "must be one of" message (itself one).
        const catalogued = /^\s*(?:localizable\(\s*['`]|\(\w+\) => localize\(\s*\w+,\s*['`]|mustBeOneOf\()/.test(args);
        if (!catalogued) thrown.push(`${path.relative(REPO_ROOT, file)}: ${args.slice(0, 60)}`);
      }
    }
    assert.deepEqual(thrown, []);
  });

  it('a setting of the wrong shape warns in both languages', () => {
    const warnings: SettingsWarning[] = [];
    resolveSettings({ 'reqdesk.priority.threshold': 9, 'reqdesk.schedule.workdays': 'weekdays' }, warnings);
    assert.deepEqual(
      warnings.map((w) => w.key),
      ['reqdesk.priority.threshold', 'reqdesk.schedule.workdays'],
    );
    assert.equal(
      localizeLater('en', warnings[0]!.text),
      'Setting reqdesk.priority.threshold must be a whole number from 1 to 5; using the default.',
    );
    assert.equal(localizeLater('zh-cn', warnings[0]!.text), '设置 reqdesk.priority.threshold 应为 1 到 5 的整数；已改用默认值。');
  });

  it('the CLI says wrong usage, settings warnings and table headers in Chinese with --lang zh-CN', async () => {
    const run = async (argv: string[], env: Record<string, string> = {}) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: REPO_ROOT, env }, new Date(2026, 5, 1));
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const unknown = await run(['frobnicate', '--lang', 'zh-CN']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^reqdesk: 未知命令 "frobnicate"\n/);
    assert.match((await run(['frobnicate'])).err, /^reqdesk: unknown command "frobnicate"\n/);
    const badFormat = await run(['list', '--root', 'examples', '--format', 'xml', '--lang', 'zh-CN']);
    assert.match(badFormat.err, /^reqdesk: --format 只能取以下值之一：table, json, csv（实际为 "xml"）/);
    const unknownOption = await run(['list', '--colour', '--lang', 'zh-CN']);
    assert.match(unknownOption.err, /^reqdesk: 未知选项 --colour\n/);
    const table = await run(['list', '--root', 'examples', '--priority', 'P1'], { LANG: 'zh_CN.UTF-8' });
    assert.match(table.out.split('\n')[0]!, /^编号\s+优先级\s+排名\s+类型\s+状态\s+标题\s+客户\s+客户数\s+任务\s+排序依据$/);

    const root = mkdtempSync(path.join(tmpdir(), 'reqdesk-l10n-'));
    try {
      mkdirSync(path.join(root, '.vscode'));
      writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "reqdesk.priority.threshold": "high" }');
      const warned = await run(['list', '--root', root, '--lang', 'zh-CN']);
      assert.match(warned.err, /^reqdesk: 设置 reqdesk\.priority\.threshold 应为 1 到 5 的整数；已改用默认值。$/m);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
