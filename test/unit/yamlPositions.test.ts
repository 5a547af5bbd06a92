import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as YAML from 'yaml';
import * as jsYaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { documentRangeAtPath, loadYamlCareful, loadYamlFast, scanYaml, splitFile } from '../../src/core/frontmatter';
import { compileIdGrammar } from '../../src/core/ids';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { analyzeRequirement, firstLine, type ValidationContext } from '../../src/core/validate';
import { rangeAtPath, scanYamlPositions, type YamlSegment } from '../../src/core/yamlPositions';
import { REPO_ROOT, corpusOrSkip, markdownFiles, withCorpusTree } from './support';

// Front-matter as people format it: keys of the record and near misses, scalars plain, quoted,
// empty or in one-line flow lists, block maps and lists (compact or indented), comments, blank
// lines, CRLF; and now and then a line this reader leaves to the Document (block scalars, tabs,
// multi-line values, a comment glued to a quote).
type Tree = { map: Array<[string, Tree]> } | { seq: Tree[] } | { scalar: string };

const KEYS = ['id', 'title', 'type', 'status', 'priority', 'scores', 'importance', 'urgancy', 'urgency', 'tasks', 'depends'];
const MORE_KEYS = ['titel', 'owner', 'days', 'start', 'milestones', 'planned_done', 'customer', 'name', 'x y', '需求', 'a:b'];
const SCALARS = [
  'P1',
  'REQ-2026-001',
  'functional',
  'functionl',
  '3',
  '7',
  'T1',
  'a b',
  'a, b',
  'x#y',
  '2026-02-30',
  'http://x/y',
  '~',
  '"quoted"',
  '"a: b # c"',
  '"esc\\"aped\\u00e9"',
  "'it''s'",
  "''",
  '[T1, T2]',
  '[ ]',
  '["a", b,c]',
  '',
  '尽快',
  // Scalars whose type the core schema decides: read by the scan, or left to js-yaml.
  '0',
  '+5',
  '1.50',
  '-0.0',
  '012',
  '0x1F',
  '0o17',
  '1e3',
  '.5',
  '.inf',
  '3rd',
  '1/2',
  '12:30',
  'v1.0',
  '2026-01-05',
  '2026-1-5',
  '9007199254740993',
  'true',
  'True',
  'FALSE',
  'tRue',
  'yes',
  'off',
  'null',
  'NULL',
  '~x',
  '"\\t \\/ \\n"',
  "'a''b'",
  '"9"',
];
// Lines outside the reader's shape: each must make it decline, never guess.
const ODD_VALUES = [
  '|\n  text',
  '>-\n  folded',
  '"x"# glued',
  'a\n   continued',
  '{a: 1}',
  '[a, [b]]',
  '\tx',
  '- x',
  '"open',
  '[a,]',
  '-1',
];

const key = fc.constantFrom(...KEYS, ...MORE_KEYS);
const scalar = fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...SCALARS) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_VALUES) });
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((s) => ({ scalar: s })),
    fc.uniqueArray(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4, selector: ([k]) => k }).map((map) => ({ map })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq })),
  ),
})).node;

interface Style {
  indent: number;
  compact: boolean;
  comments: boolean;
  crlf: boolean;
}
const style = fc.record({ indent: fc.constantFrom(2, 4), compact: fc.boolean(), comments: fc.boolean(), crlf: fc.boolean() });

/** Lines of `node` as the value of a key or item at column `col`. */
function render(node: Tree, col: number, s: Style, out: string[], head: string, salt: number): void {
  const pad = (n: number) => ' '.repeat(n);
  const comment = s.comments && salt % 3 === 0 ? '   # note: see https://x' : '';
  if ('scalar' in node) {
    const text = node.scalar;
    out.push(text === '' ? `${head}${comment}` : `${head} ${text}${text.includes('\n') || text.startsWith('"open') ? '' : comment}`);
    return;
  }
  if ('map' in node) {
    out.push(head);
    const inner = head === '' ? col : col + s.indent;
    node.map.forEach(([k, v], i) => {
      if (s.comments && (salt + i) % 4 === 1) out.push(`${pad(inner)}# between`);
      if (s.comments && (salt + i) % 5 === 2) out.push('');
      render(v, inner, s, out, `${pad(inner)}${k}:`, salt + i + 1);
    });
    return;
  }
  out.push(head);
  const dashCol = s.compact && head.trimStart().length > 0 && !head.trimStart().startsWith('-') ? col : col + s.indent;
  node.seq.forEach((item, i) => {
    if ('map' in item) {
      // The first key on the dash's line, the others under it.
      const [first, ...rest] = item.map;
      const lines: string[] = [];
      render(first![1], dashCol + 2, s, lines, `${pad(dashCol)}- ${first![0]}:`, salt + i);
      out.push(...lines);
      rest.forEach(([k, v], j) => render(v, dashCol + 2, s, out, `${pad(dashCol + 2)}${k}:`, salt + i + j + 2));
    } else if ('seq' in item) {
      render(item, dashCol, s, out, `${pad(dashCol)}-`, salt + i);
    } else {
      render(item, dashCol, s, out, `${pad(dashCol)}-`, salt + i);
    }
  });
}

function frontMatterOf(root: Array<[string, Tree]>, s: Style): string {
  const out: string[] = [''];
  if (s.comments) out.push('# leading comment');
  render({ map: root }, 0, s, out, '', 0);
  // The YAML as splitFile gives it: from after `---` to before the closing line's line break.
  return out.join(s.crlf ? '\r\n' : '\n');
}

const rootMap = fc.uniqueArray(fc.tuple(key, tree), { minLength: 1, maxLength: 6, selector: ([k]) => k });

/** Every path of the Document, and paths that stop early: a missing key, an index past the end, a step into a scalar. */
function pathsOf(doc: YAML.Document.Parsed): YamlSegment[][] {
  const paths: YamlSegment[][] = [[]];
  const walk = (node: unknown, path: YamlSegment[]) => {
    if (YAML.isMap(node)) {
      paths.push([...path, 'missing_key'], [...path, 0]);
      for (const pair of node.items) {
        if (!YAML.isScalar(pair.key)) continue;
        const next = [...path, String(pair.key.value)];
        paths.push(next);
        walk(pair.value, next);
      }
    } else if (YAML.isSeq(node)) {
      paths.push([...path, node.items.length], [...path, 'name']);
      node.items.forEach((item, i) => {
        paths.push([...path, i]);
        walk(item, [...path, i]);
      });
    } else {
      paths.push([...path, 'below']);
    }
  };
  walk(doc.contents, []);
  return paths;
}

describe('yamlPositions: ranges without a Document', () => {
  it('gives every path the range the Document gives it, or declines (both happen)', () => {
    let placed = 0;
    let declined = 0;
    fc.assert(
      fc.property(rootMap, style, (root, s) => {
        const yaml = frontMatterOf(root, s);
        // The text a file holds: the opening line, the YAML, the closing line.
        const text = `---${yaml}\n---\n`;
        const positions = scanYamlPositions(yaml);
        if (!positions) {
          declined++;
          return;
        }
        placed++;
        // What the reader accepts both loaders read without a complaint.
        assert.ok(loadYamlFast(yaml).ok, yaml);
        const careful = loadYamlCareful(yaml);
        assert.deepEqual(careful.issues, [], yaml);
        for (const path of pathsOf(careful.doc)) {
          for (const part of ['key', 'value'] as const) {
            const expected = documentRangeAtPath(careful.doc, path, part);
            assert.ok(expected, `${JSON.stringify(path)} in ${JSON.stringify(yaml)}`);
            const shift = (r: { start: number; end: number }) => firstLine(text, { start: 3 + r.start, end: 3 + r.end });
            assert.deepEqual(
              shift(rangeAtPath(positions, path, part)),
              shift(expected),
              `${part} of ${JSON.stringify(path)} in ${JSON.stringify(yaml)}`,
            );
          }
        }
      }),
      { numRuns: 400 },
    );
    assert.ok(placed > 50 && declined > 20, `placed ${placed}, declined ${declined}`);
  });

  it('refuses the lines it leaves to the Document', () => {
    for (const yaml of [
      '\nk: |\n  text',
      '\nk: "x"# glued',
      '\nk: a\n  continued',
      '\nk: {a: 1}',
      '\nk:\tx',
      '\n"k": 1',
      '\nk: [a,]',
      '\n- a',
      '\nk: 1\nk: 2',
      '\n? k\n: v',
      '\nk: &a 1',
    ]) {
      assert.equal(scanYamlPositions(yaml), undefined, yaml);
    }
  });
});

describe('yamlPositions: whole records', () => {
  const settings = DEFAULT_SETTINGS;
  const ctx: ValidationContext = { settings, grammar: compileIdGrammar(settings.idPrefixes, settings.idFormat) };
  const body = '\n# Title\n\n## Description\nd\n\n## Background\nb\n\n## Scenario\ns\n\n## Goal\ng\n';

  it('has the problems the Document path gives, with the same ranges', () => {
    let placedWithRanges = 0;
    fc.assert(
      fc.property(rootMap, style, (root, s) => {
        const text = `---${frontMatterOf(root, s)}${s.crlf ? '\r\n' : '\n'}---${body}`;
        const fast = analyzeRequirement(text, ctx);
        const careful = analyzeRequirement(text, ctx, { careful: true });
        assert.deepEqual(fast.problems, careful.problems, text);
        assert.deepEqual(fast.data, careful.data, text);
        const yaml = text.slice(3, text.indexOf('\n---', 3)).replace(/\r$/, '');
        if (scanYamlPositions(yaml) && fast.problems.some((p) => p.path && p.range.end > p.range.start)) placedWithRanges++;
      }),
      { numRuns: 300 },
    );
    assert.ok(placedWithRanges > 30, `only ${placedWithRanges} records had problems the scan placed`);
  });
});

/** What js-yaml reads with the core schema, or undefined when it refuses the text. */
function jsYamlValue(yaml: string): unknown {
  try {
    return jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
}

/** The front-matter of every file: each file's scanned value is js-yaml's, or the scan leaves it to js-yaml. */
function checkFiles(files: readonly string[], root: string): { read: number; left: number } {
  let read = 0;
  let left = 0;
  for (const file of files) {
    const fm = splitFile(readFileSync(file, 'utf8')).frontMatter;
    if (!fm?.closed) continue;
    const scanned = scanYaml(fm.yaml);
    if (scanned.value === undefined) {
      left++;
      continue;
    }
    read++;
    assert.deepStrictEqual(scanned.value, jsYamlValue(fm.yaml), path.relative(root, file));
  }
  return { read, left };
}

describe('yamlPositions: values without js-yaml', () => {
  it('reads the value js-yaml reads, types and all, or leaves the text to js-yaml (both happen)', () => {
    let read = 0;
    let left = 0;
    fc.assert(
      fc.property(rootMap, style, (root, s) => {
        const yaml = frontMatterOf(root, s);
        const scanned = scanYaml(yaml);
        if (scanned.value === undefined) {
          left++;
          return;
        }
        read++;
        assert.deepStrictEqual(scanned.value, jsYamlValue(yaml), JSON.stringify(yaml));
      }),
      { numRuns: 3000 },
    );
    // About one in eight generated front-matters is all of the plain shape (each odd line or
    // number form sends the whole text to js-yaml): some 370 of 3,000.
    assert.ok(read > 250 && left > 250, `read ${read}, left ${left}`);
  });

  it('reads numbers, booleans, nulls and quoted text as the core schema does', () => {
    const yaml =
      '\na: 0\nb: 0.0\nc: +5\nd: 1.50\ne: true\nf: NULL\ng:\nh: "x\\ty\\u00e9"\ni: \'it\'\'s\'\nj: 2026-01-05\nk: 3rd\nl: [1, "2", x]\n';
    const scanned = scanYaml(yaml);
    assert.deepStrictEqual(scanned.value, {
      a: 0,
      b: 0,
      c: 5,
      d: 1.5,
      e: true,
      f: null,
      g: null,
      h: 'x\tyé',
      i: "it's",
      j: '2026-01-05',
      k: '3rd',
      l: [1, '2', 'x'],
    });
    assert.deepStrictEqual(scanned.value, jsYamlValue(yaml));
    // Forms js-yaml decides: left to it, never guessed.
    for (const value of ['012', '0x1F', '1e3', '.inf', '+.5', '1.', '12345678901234567'])
      assert.equal(scanYaml(`\nk: ${value}\n`).value, undefined, value);
    // Text js-yaml refuses or reads its own way is not scanned.
    for (const yaml of ['\nk: a\u0001b\n', '\nk: &a 1\n', '\nk: 1_000\n']) assert.deepEqual(scanYaml(yaml), {}, JSON.stringify(yaml));
  });

  it('reads every record of the examples and the fixtures as js-yaml does', () => {
    const root = REPO_ROOT;
    const files = [...markdownFiles(path.join(root, 'examples')), ...markdownFiles(path.join(root, 'test', 'fixtures'))];
    const { read, left } = checkFiles(files, root);
    assert.ok(read > 20, `read ${read}, left ${left}`);
  });

  it('reads every front-matter of a real repository of proposals (tektoncd/community) as js-yaml does', function () {
    const bundle = corpusOrSkip(this);
    this.timeout(120_000);
    withCorpusTree(bundle, (root) => {
      const { read, left } = checkFiles(markdownFiles(root), root);
      console.log(`      ${read} front-matters read by the scan, ${left} left to js-yaml`);
      assert.ok(read > 100, `read ${read}, left ${left}`);
    });
  });
});
