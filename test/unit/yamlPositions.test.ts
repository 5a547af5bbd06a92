import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { documentRangeAtPath, loadYamlCareful, loadYamlFast } from '../../src/core/frontmatter';
import { compileIdGrammar } from '../../src/core/ids';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { analyzeRequirement, firstLine, type ValidationContext } from '../../src/core/validate';
import { rangeAtPath, scanYamlPositions, type YamlSegment } from '../../src/core/yamlPositions';

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
