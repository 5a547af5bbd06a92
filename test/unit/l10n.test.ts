// The translations are checked against the source, so a new UI string cannot ship untranslated
// and a removed one does not linger in the bundle.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
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

/** Every `l10n.t(` call in src: its key when the first argument is one plain literal. */
function l10nCalls(): { calls: Call[]; sources: Map<string, string> } {
  const calls: Call[] = [];
  const sources = new Map<string, string>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    sources.set(rel, text);
    for (const m of text.matchAll(/\bl10n\.t\(\s*/g)) {
      const rest = text.slice(m.index + m[0].length);
      const line = text.slice(0, m.index).split('\n').length;
      const where = `${rel}:${line}`;
      // A literal followed by `,` or `)`: not a concatenation or an expression.
      const lit = /^(?:'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.|\$(?!\{))*)`)\s*[,)]/.exec(rest);
      calls.push(lit ? { where, key: unescape(lit[1] ?? lit[2]!) } : { where });
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
