// The injection grammars in syntaxes/ tokenized by the real TextMate engine (vscode-textmate with
// the Oniguruma wasm, as in VS Code). VS Code's own host grammars are not available offline, so the
// hosts here are small stand-ins that carry the real scope names and the shapes that matter (begin/
// end comments, strings, fenced and inline code, the commit subject as one match rule); they get
// the injections exactly as VS Code wires them, from `contributes.grammars[].injectTo`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import { compileIdGrammar, DEFAULT_ID_FORMAT, DEFAULT_ID_PREFIXES } from '../../src/core/ids';
import { ID_NEAR_MISSES, REPO_ROOT } from './support';

const ID_SCOPE = 'entity.name.tag.reqdesk-id';
const ID_GRAMMAR = 'reqdesk.requirement-id.injection';
const COMMIT_GRAMMAR = 'reqdesk.requirement-id.git-commit.injection';

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

const contributed: GrammarContribution[] =
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).contributes?.grammars ?? [];

// ── stand-in hosts ────────────────────────────────────────────────────────────────────────────

const typescript = {
  scopeName: 'source.ts',
  patterns: [
    { begin: '//', end: '$', name: 'comment.line.double-slash.ts' },
    { begin: '/\\*', end: '\\*/', name: 'comment.block.ts' },
    { begin: '"', end: '"', name: 'string.quoted.double.ts', patterns: [{ match: '\\\\.', name: 'constant.character.escape.ts' }] },
    { begin: "'", end: "'", name: 'string.quoted.single.ts' },
    { match: '[A-Za-z_$][A-Za-z0-9_$]*', name: 'variable.other.readwrite.ts' },
    { match: '[0-9]+', name: 'constant.numeric.decimal.ts' },
  ],
};

const markdown = {
  scopeName: 'text.html.markdown',
  patterns: [
    {
      begin: '^(`{3,})\\s*(?:ts|typescript)\\s*$',
      end: '^\\1\\s*$',
      name: 'markup.fenced_code.block.markdown',
      patterns: [
        {
          begin: '(^|\\G)(?!\\s*`{3,}\\s*$)',
          while: '(^|\\G)(?!\\s*`{3,}\\s*$)',
          contentName: 'meta.embedded.block.typescript',
          patterns: [{ include: 'source.ts' }],
        },
      ],
    },
    { begin: '^(`{3,}).*$', end: '^\\1\\s*$', name: 'markup.fenced_code.block.markdown' },
    { begin: '^(?= {4}|\\t)', while: '^( {4}|\\t)', name: 'markup.raw.block.markdown' },
    {
      match: '^(#{1,6})\\s+(.*)$',
      name: 'markup.heading.markdown',
      captures: { 2: { name: 'entity.name.section.markdown', patterns: [{ include: '#inline' }] } },
    },
    { begin: '^(?=\\S)', end: '$', name: 'meta.paragraph.markdown', patterns: [{ include: '#inline' }] },
  ],
  repository: {
    inline: {
      patterns: [
        { begin: '`', end: '`', name: 'markup.inline.raw.string.markdown' },
        { begin: '\\*\\*', end: '\\*\\*', name: 'markup.bold.markdown', patterns: [{ include: '#inline' }] },
      ],
    },
  },
};

// The shape of VS Code's git-commit grammar: a verbose diff, then messages whose first line is one
// match rule with the 50/72-character marks as captures, and `#` lines as comments.
const gitCommit = {
  scopeName: 'text.git-commit',
  patterns: [
    {
      begin: '(?=^diff\\ \\-\\-git)',
      end: '\\z',
      name: 'meta.embedded.diff.git-commit',
      patterns: [{ match: '^\\+.*$', name: 'markup.inserted.diff' }],
    },
    {
      begin: '^(?!#)',
      end: '^(?=#)',
      name: 'meta.scope.message.git-commit',
      patterns: [
        {
          match: '\\G.{0,50}(.{0,22}(.*))$',
          name: 'meta.scope.subject.git-commit',
          captures: { 1: { name: 'invalid.deprecated.line-too-long.git-commit' }, 2: { name: 'invalid.illegal.line-too-long.git-commit' } },
        },
      ],
    },
    { begin: '^(?=#)', end: '^(?!#)', name: 'meta.scope.metadata.git-commit', contentName: 'comment.line.number-sign.git-commit' },
  ],
};

const hosts = new Map<string, object>([typescript, markdown, gitCommit].map((g) => [g.scopeName, g]));

// ── registry wired like VS Code's ─────────────────────────────────────────────────────────────

const registry = new Registry({
  onigLib: (async () => {
    const wasm = readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })(),
  loadGrammar: async (scopeName): Promise<IRawGrammar | null> => {
    const host = hosts.get(scopeName);
    if (host) return parseRawGrammar(JSON.stringify(host), `${scopeName}.json`);
    const ours = contributed.find((g) => g.scopeName === scopeName);
    if (!ours) return null;
    const file = path.join(REPO_ROOT, ours.path);
    return parseRawGrammar(readFileSync(file, 'utf8'), file);
  },
  getInjections: (scopeName) => contributed.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
});

const grammars = new Map<string, IGrammar>();
async function grammar(scopeName: string): Promise<IGrammar> {
  let g = grammars.get(scopeName);
  if (!g) {
    const loaded = await registry.loadGrammar(scopeName);
    if (!loaded) throw new Error(`no grammar for ${scopeName}`);
    grammars.set(scopeName, (g = loaded));
  }
  return g;
}

interface Token {
  line: number;
  start: number;
  text: string;
  scopes: string[];
}

async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const g = await grammar(scopeName);
  const tokens: Token[] = [];
  let state = INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      tokens.push({ line: i, start: t.startIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = r.ruleStack;
  });
  return tokens;
}

/** The texts that got the ID scope, in order. */
async function highlighted(scopeName: string, text: string): Promise<string[]> {
  return (await tokenize(scopeName, text)).filter((t) => t.scopes.includes(ID_SCOPE)).map((t) => t.text);
}

/** The scopes of the first token whose text is exactly `text`. */
async function scopesOf(scopeName: string, text: string, token: string): Promise<string[]> {
  const found = (await tokenize(scopeName, text)).find((t) => t.text === token);
  assert.ok(found, `no token "${token}"`);
  return found.scopes;
}

// ── tests ─────────────────────────────────────────────────────────────────────────────────────

describe('grammar: contribution', () => {
  it('contributes both injection grammars with existing files', () => {
    const ids = contributed.find((g) => g.scopeName === ID_GRAMMAR);
    const commit = contributed.find((g) => g.scopeName === COMMIT_GRAMMAR);
    assert.ok(ids && commit, 'both grammars are in contributes.grammars');
    for (const g of [ids, commit]) {
      const raw = JSON.parse(readFileSync(path.join(REPO_ROOT, g.path), 'utf8'));
      assert.equal(raw.scopeName, g.scopeName, g.path);
      assert.equal(typeof raw.injectionSelector, 'string', g.path);
    }
    for (const host of [
      'text.html.markdown',
      'text.git-commit',
      'source.ts',
      'source.tsx',
      'source.js',
      'source.python',
      'source.go',
      'source.java',
      'source.c',
      'source.cpp',
      'source.cs',
      'source.rust',
      'source.sql',
      'source.yaml',
      'source.shell',
      'source.ruby',
      'source.php',
    ]) {
      assert.ok(ids.injectTo?.includes(host), `injected into ${host}`);
    }
    assert.deepEqual(commit.injectTo, ['text.git-commit']);
    assert.equal(new Set(ids.injectTo).size, ids.injectTo?.length, 'no duplicate hosts');
  });

  it('scopes an ID with a theme-coloured scope plus an underline', async () => {
    assert.deepEqual((await scopesOf('source.ts', '// REQ-2024-001', 'REQ-2024-001')).slice(-2), [ID_SCOPE, 'markup.underline.reqdesk-id']);
  });
});

describe('grammar: comments', () => {
  it('highlights IDs in line and block comments', async () => {
    assert.deepEqual(await highlighted('source.ts', '// see REQ-2024-001'), ['REQ-2024-001']);
    assert.deepEqual(await highlighted('source.ts', 'x; /* REQ-2024-002\n * and 需求-2024-003 */ y'), ['REQ-2024-002', '需求-2024-003']);
    assert.deepEqual(await highlighted('source.ts', '//REQ-2024-004'), ['REQ-2024-004']);
    assert.deepEqual(await highlighted('source.ts', '// TODO(REQ-2024-005): x'), ['REQ-2024-005']);
  });

  it('highlights IDs right after and before Chinese text', async () => {
    assert.deepEqual(await highlighted('source.ts', '// 完成需求-2024-001的开发'), ['需求-2024-001']);
    assert.deepEqual(await highlighted('source.ts', '// 参见REQ-2024-002以及需求-2024-003'), ['REQ-2024-002', '需求-2024-003']);
  });

  it('highlights IDs between full-width punctuation', async () => {
    assert.deepEqual(await highlighted('source.ts', '// （需求-2024-001）、「REQ-2024-002」，《需求-2024-003》。REQ-2024-004；'), [
      '需求-2024-001',
      'REQ-2024-002',
      '需求-2024-003',
      'REQ-2024-004',
    ]);
  });

  it('highlights several IDs on a line, and long sequences', async () => {
    assert.deepEqual(await highlighted('source.ts', '// REQ-2024-001, REQ-2024-002 and 需求-2025-1234.'), [
      'REQ-2024-001',
      'REQ-2024-002',
      '需求-2025-1234',
    ]);
    // A trailing hyphen is allowed (branch names), as in the core's ID scanner.
    assert.deepEqual(await highlighted('source.ts', '// REQ-2024-001-draft'), ['REQ-2024-001']);
  });

  it('does not highlight inside longer tokens or near misses', async () => {
    for (const text of [...ID_NEAR_MISSES, '-REQ-2024-001', 'REQ-24-001', 'req-2024-001', 'REQ_2024_001', 'REQ-２０２４-001']) {
      assert.deepEqual(await highlighted('source.ts', `// ${text}`), [], text);
    }
  });

  it('does not highlight IDs in strings or code', async () => {
    assert.deepEqual(await highlighted('source.ts', 'const a = "REQ-2024-001"; const b = \'需求-2024-002\';'), []);
    assert.deepEqual(await highlighted('source.ts', 'f(REQ-2024-001)'), []);
    assert.deepEqual(await highlighted('source.ts', 'const s = "REQ-2024-001"; // REQ-2024-002'), ['REQ-2024-002']);
  });

  it('agrees with the core ID scanner on arbitrary comment text', async () => {
    const core = compileIdGrammar(DEFAULT_ID_PREFIXES, DEFAULT_ID_FORMAT);
    const piece = fc.constantFrom(
      'REQ',
      '需求',
      'REQ-',
      '需求-',
      '-',
      '2024',
      '2024-',
      '001',
      '0012',
      '1',
      'a',
      'X',
      '_',
      ' ',
      '的',
      '（',
      '）',
      '，',
      '。',
      '、',
      '.',
      '(',
      ')',
      '#',
      '２',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
        async (body) => {
          const tokens = await tokenize('source.ts', `// ${body}`);
          const got = tokens.filter((t) => t.scopes.includes(ID_SCOPE)).map((t) => ({ id: t.text, start: t.start - 3 }));
          const want = core.findReferences(body).map((r) => ({ id: r.id, start: r.start }));
          assert.deepEqual(got, want, body);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('grammar: markdown', () => {
  it('highlights IDs in prose, headings and emphasis', async () => {
    assert.deepEqual(
      await highlighted('text.html.markdown', '# 需求-2024-001 实时监控\n\n完成需求-2024-002的开发（REQ-2024-003）。\n**REQ-2024-004**'),
      ['需求-2024-001', '需求-2024-002', 'REQ-2024-003', 'REQ-2024-004'],
    );
  });

  it('leaves the block structure to Markdown when a line starts with an ID', async () => {
    // Without the L: priority in Markdown the paragraph rule still starts at column 0.
    const scopes = await scopesOf('text.html.markdown', 'REQ-2024-001 is done', 'REQ-2024-001');
    assert.ok(scopes.includes('meta.paragraph.markdown'), scopes.join(' '));
    assert.ok(scopes.includes(ID_SCOPE));
  });

  it('does not highlight IDs in fenced, indented or inline code', async () => {
    const text = [
      'Before REQ-2024-001.',
      '```',
      'REQ-2024-002',
      '```',
      '```ts',
      '// REQ-2024-003',
      'const id = "REQ-2024-004";',
      '```',
      '    REQ-2024-005 indented',
      '',
      'Inline `REQ-2024-006` and REQ-2024-007.',
    ].join('\n');
    assert.deepEqual(await highlighted('text.html.markdown', text), ['REQ-2024-001', 'REQ-2024-007']);
    // The stand-in's fenced TypeScript really is a comment, so the exclusion is what keeps it plain.
    const inFence = await scopesOf('text.html.markdown', '```ts\n// REQ-2024-003\n```', ' REQ-2024-003');
    assert.ok(inFence.includes('comment.line.double-slash.ts') && inFence.includes('markup.fenced_code.block.markdown'), inFence.join(' '));
  });
});

describe('grammar: the Source Control commit box', () => {
  it('is contributed for the scminput language', () => {
    const box = contributed.find((g) => g.scopeName === 'text.scminput.reqdesk') as GrammarContribution & { language?: string };
    assert.equal(box?.language, 'scminput');
    const languages = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).contributes.languages as Array<{ id: string }>;
    assert.ok(languages.some((l) => l.id === 'scminput'));
  });

  it('highlights IDs in the commit box text, whole IDs only', async () => {
    assert.deepEqual(await highlighted('text.scminput.reqdesk', 'feat: 能耗看板（需求-2024-001）\n\nRefs: REQ-2025-004, XREQ-2025-004'), [
      '需求-2024-001',
      'REQ-2025-004',
    ]);
  });
});

describe('grammar: git commit messages', () => {
  it('highlights IDs anywhere in the subject line', async () => {
    assert.deepEqual(await highlighted('text.git-commit', 'feat: export report (REQ-2024-001, 需求-2024-002)'), [
      'REQ-2024-001',
      '需求-2024-002',
    ]);
    assert.deepEqual(await highlighted('text.git-commit', 'REQ-2024-001: export report'), ['REQ-2024-001']);
    const scopes = await scopesOf('text.git-commit', 'fix REQ-2024-001 now', 'REQ-2024-001');
    assert.ok(scopes.includes('meta.scope.message.git-commit') && scopes.includes('meta.scope.subject.git-commit'), scopes.join(' '));
  });

  it('highlights IDs in the body and in # lines, not in the verbose diff', async () => {
    const text = [
      'Export report',
      '',
      'Implements REQ-2024-001 and 需求-2024-002.',
      '# Please enter the commit message; see REQ-2024-003',
      'diff --git a/x.md b/x.md',
      '+id: REQ-2024-004',
    ].join('\n');
    assert.deepEqual(await highlighted('text.git-commit', text), ['REQ-2024-001', '需求-2024-002', 'REQ-2024-003']);
  });

  it('keeps the 50/72-character marks of a subject that holds IDs', async () => {
    // Where each mark starts: the first token carrying its scope.
    const marks = async (line: string) => {
      const tokens = await tokenize('text.git-commit', line);
      const first = (scope: string) => tokens.find((t) => t.scopes.includes(scope))?.start;
      return {
        deprecated: first('invalid.deprecated.line-too-long.git-commit'),
        illegal: first('invalid.illegal.line-too-long.git-commit'),
      };
    };
    assert.deepEqual(await marks('x'.repeat(80)), { deprecated: 50, illegal: 72 });
    assert.deepEqual(await marks(`REQ-2024-001 ${'x'.repeat(67)}`), { deprecated: 50, illegal: 72 });
    assert.deepEqual(await highlighted('text.git-commit', `REQ-2024-001 ${'x'.repeat(67)}`), ['REQ-2024-001']);
    // An ID across column 50 keeps its own token; the mark resumes right after it.
    const across = `${'x'.repeat(45)} REQ-2024-001 ${'y'.repeat(30)}`;
    assert.deepEqual(await marks(across), { deprecated: 58, illegal: 72 });
    assert.deepEqual(await highlighted('text.git-commit', across), ['REQ-2024-001']);
    // Beyond column 72 the ID sits inside both marks.
    const late = await scopesOf('text.git-commit', `${'x'.repeat(75)} REQ-2024-001`, 'REQ-2024-001');
    assert.ok(late.includes('invalid.illegal.line-too-long.git-commit') && late.includes(ID_SCOPE), late.join(' '));
  });

  it('leaves a subject without IDs to the host grammar', async () => {
    const tokens = await tokenize('text.git-commit', 'Plain subject');
    assert.equal(tokens.length, 1);
    assert.ok(tokens[0]!.scopes.includes('meta.scope.subject.git-commit'));
  });
});
