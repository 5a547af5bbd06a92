import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { outlineBody, outlineRecord } from '../../src/core/body';
import { splitFile } from '../../src/core/frontmatter';
import { scanHeadings } from '../../src/core/markdownBlocks';
import { CONSTRUCTS, constructsIn, markdownBody, type Construct } from './markdownArbitrary';
import { remarkHeadings } from './remarkHeadings';
import { corpusOrSkip, markdownFiles, withCorpusTree } from './support';

// What is compared, everywhere below: every top-level heading's depth, text and range (its first
// line, from the heading's first character), exactly, against remark's (remarkHeadings: mdast
// nodes read as text, trimmed). No approximation is excluded from the comparison: the scanner
// aims at remark's answer for every input.

// Plain heading text: letters, CJK and digits (the generator of the first scanner, kept).
const word = fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5]{0,7}$/);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

const heading = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 0, max: 1 }),
    words,
    fc.option(fc.integer({ min: 1, max: 8 })),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(
    ([depth, indent, text, closing, trailing]) =>
      `${' '.repeat(indent)}${'#'.repeat(depth)} ${text}${closing ? ` ${'#'.repeat(closing)}` : ''}${trailing}`,
  );

const fence = fc
  .tuple(
    fc.constantFrom('`', '~'),
    fc.integer({ min: 3, max: 5 }),
    fc.constantFrom('', 'js', 'yaml', 'md'),
    fc.array(fc.oneof(fc.constant('# not a heading'), fc.constant('## also not'), words, fc.constant('')), { maxLength: 4 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([char, length, info, inner, closed, extra]) => {
    const open = char.repeat(length);
    const lines = [`${open}${info}`, ...inner];
    if (closed) lines.push(char.repeat(length + extra));
    return lines.join('\n');
  });

const block = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 4, arbitrary: words },
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fence },
  { weight: 1, arbitrary: words.map((w) => `- ${w}`) },
  { weight: 1, arbitrary: words.map((w) => `1. ${w}`) },
  { weight: 1, arbitrary: words.map((w) => `> ${w}`) },
  { weight: 1, arbitrary: fc.constant('> # quoted heading') },
  { weight: 1, arbitrary: fc.constant('- # heading in a list') },
);

const strip = (headings: ReturnType<typeof remarkHeadings>) => headings.map((h) => ({ depth: h.depth, text: h.text, range: h.range }));

/** CI replays one seed; elsewhere each run explores new cases and a failure prints its seed. */
function seedParams(): { seed?: number } {
  const seed = process.env.REQDESK_FUZZ_SEED ?? (process.env.CI ? '20261205' : undefined);
  return seed !== undefined ? { seed: Number(seed) } : {};
}

const GENERATED_RUNS = 5_000;

describe('body: heading scanner vs remark', () => {
  it(`equals remark on ${GENERATED_RUNS} generated bodies of every block and inline construct (LF, CRLF, CR, tabs)`, () => {
    const seen = new Map<Construct, number>(CONSTRUCTS.map((c) => [c, 0]));
    let withHeadings = 0;
    const details = fc.check(
      fc.property(
        markdownBody,
        fc.string({ maxLength: 6 }).filter((s) => !/[\r\n]/.test(s)),
        (body, prefix) => {
          for (const c of constructsIn(body)) seen.set(c, seen.get(c)! + 1);
          // A prefix stands in for the front-matter: offsets must account for it.
          const text = `${prefix}\n${body}`;
          const from = prefix.length + 1;
          const expected = remarkHeadings(text, from);
          if (expected.length > 0) withHeadings++;
          assert.deepEqual(scanHeadings(text, from), expected, JSON.stringify(body));
        },
      ),
      { numRuns: GENERATED_RUNS, ...seedParams() },
    );
    if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'the scanner differs from remark');
    assert.equal(details.numRuns, GENERATED_RUNS);
    const share = (n: number) => `${((100 * n) / GENERATED_RUNS).toFixed(0)}%`;
    console.log(`      ${GENERATED_RUNS} cases, ${share(withHeadings)} with top-level headings; share of cases holding each construct:`);
    console.log(`      ${CONSTRUCTS.map((c) => `${c} ${share(seen.get(c)!)}`).join(', ')}`);
    // Every construct must be well represented, or the property says little about it.
    for (const [construct, count] of seen) assert.ok(count >= GENERATED_RUNS * 0.05, `only ${count} cases hold ${construct}`);
    assert.ok(withHeadings >= GENERATED_RUNS * 0.3, `only ${withHeadings} cases have top-level headings`);
  });

  it('equals remark on generated bodies of headings, fences, lists and quotes', () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 14 }),
        fc.boolean(),
        fc.string({ maxLength: 6 }).filter((s) => !/[\r\n]/.test(s)),
        (blocks, windows, prefix) => {
          let body = blocks.join('\n');
          if (windows) body = body.replace(/\n/g, '\r\n');
          const text = `${prefix}\n${body}`;
          const from = prefix.length + 1;
          assert.deepEqual(strip(scanHeadings(text, from)), strip(remarkHeadings(text, from)), JSON.stringify(body));
        },
      ),
      { numRuns: 600, ...seedParams() },
    );
  });

  it('equals remark on every Markdown file of a real repository of proposals (tektoncd/community)', function () {
    const bundle = corpusOrSkip(this);
    this.timeout(120_000);
    withCorpusTree(bundle, (root) => {
      const files = markdownFiles(root);
      let headings = 0;
      for (const file of files) {
        // Front-matter stripped as the product does (the careful split, as for an open file).
        const split = splitFile(readFileSync(file, 'utf8'), true);
        const expected = remarkHeadings(split.text, split.bodyStart);
        headings += expected.length;
        assert.deepEqual(scanHeadings(split.text, split.bodyStart), expected, path.relative(root, file));
      }
      console.log(`      ${files.length} Markdown files, ${headings} top-level headings, all equal`);
      assert.ok(files.length >= 148, `only ${files.length} Markdown files in ${bundle}`);
    });
  });

  it('fenced code with # lines is not a heading, whatever the fence', () => {
    const text = '# Title\n\n```js\n# not a heading\n```\n\n~~~~\n## nor this\n~~~~\n\n## Real\n';
    const scanned = scanHeadings(text, 0);
    assert.deepEqual(
      scanned.map((h) => [h.depth, h.text]),
      [
        [1, 'Title'],
        [2, 'Real'],
      ],
    );
    assert.deepEqual(strip(scanned), strip(remarkHeadings(text, 0)));
  });

  it('a shorter or different closing fence does not close the block', () => {
    const text = '````\n```\n# inside\n~~~~\n````\n# outside\n';
    assert.deepEqual(
      scanHeadings(text, 0).map((h) => h.text),
      ['outside'],
    );
    assert.deepEqual(
      remarkHeadings(text, 0).map((h) => h.text),
      ['outside'],
    );
  });

  it('closing hashes and surrounding blanks are not part of the text', () => {
    const text = '  ## Goal ###  \n#\tTabbed\n';
    assert.deepEqual(
      scanHeadings(text, 0).map((h) => [h.depth, h.text]),
      [
        [2, 'Goal'],
        [1, 'Tabbed'],
      ],
    );
    assert.deepEqual(strip(scanHeadings(text, 0)), strip(remarkHeadings(text, 0)));
  });

  it('handles setext headings, HTML blocks and indented code itself, as remark does', () => {
    const cases: Array<[string, Array<[number, string]>]> = [
      ['Title\n=====\n', [[1, 'Title']]],
      ['Sub\n---\n', [[2, 'Sub']]],
      ['<div>\n# x\n</div>\n', []],
      ['para\n\n    # code\n', []],
      ['<div>\n\n# x\n', [[1, 'x']]],
      ['<!--\n# hidden\n-->\n# shown\n', [[1, 'shown']]],
      ['- item\n---\n', []],
      ['> quote\n===\n', []],
      ['[a]: /u\n===\n', []],
      ['[a]: /u\nTitle\n===\n', [[1, 'Title']]],
    ];
    for (const [body, expected] of cases) {
      assert.deepEqual(
        scanHeadings(body, 0).map((h) => [h.depth, h.text]),
        expected,
        JSON.stringify(body),
      );
      assert.deepEqual(outlineBody(body, 0).headings, remarkHeadings(body, 0), JSON.stringify(body));
    }
    const setext = outlineBody('Title\n=====\n\nDescription\n-----------\ntext\n', 0);
    assert.equal(setext.title?.text, 'Title');
    assert.deepEqual(
      setext.sections.map((s) => [s.key, s.empty]),
      [['description', false]],
    );
    // The range of a setext heading stays on its text line.
    assert.deepEqual(setext.title?.range, { start: 0, end: 5 });
  });

  it('reads inline markup in a heading as remark does: emphasis, code, links and references, images, raw HTML, entities', () => {
    const text =
      '# *Goal* of `the` [team](https://x.y "t") ![logo](l.png) <b>now</b> &amp; &eacute;t&eacute; \\*\n\n' +
      'Customer **background**  \nand more\n---\n\n## [Scenario][s] and [s] and <https://a.b>\n\n[s]: https://s.t\n';
    const headings = scanHeadings(text, 0);
    assert.deepEqual(
      headings.map((h) => [h.depth, h.text]),
      [
        [1, 'Goal of the team  <b>now</b> & été *'],
        [2, 'Customer backgroundand more'],
        [2, 'Scenario and s and https://a.b'],
      ],
    );
    assert.deepEqual(headings, remarkHeadings(text, 0));
  });

  it('the issue’s bodies: many setext headings, thematic breaks before an HTML line, deep quotes and lists', () => {
    // Small enough for remark to answer in a moment; the complexity guard doubles them.
    const bodies = [
      'Heading\n=======\n\n'.repeat(200),
      `${'- - -\n'.repeat(400)}<div>\n# after\n`,
      `${'> '.repeat(300)}x\n<div>\n# after\n`,
      `${'- '.repeat(300)}x\n<div>\n# after\n`,
      `${'> '.repeat(300)}\n# after\n`,
    ];
    for (const body of bodies) assert.deepEqual(scanHeadings(body, 0), remarkHeadings(body, 0), body.slice(0, 40));
    assert.equal(scanHeadings(bodies[0]!, 0).length, 200);
  });
});

describe('body: outlineRecord', () => {
  // Essentials first, then anything: the outline is settled early (and a long body after it is not
  // read) whenever the title, the four essentials and their ends come before the rest.
  const essential = fc.constantFrom(
    '# Title',
    '## Description',
    '## Background',
    '## Scenario',
    '## Goal',
    '### Goals',
    '## 需求描述',
    'Scenario\n--------',
    '## [Goal]',
    '## Goal [x]',
    '[x]: /u "t"',
    '# Design',
    '## Other',
    'text',
    '',
  );
  const piece = fc.oneof({ weight: 3, arbitrary: essential }, { weight: 1, arbitrary: markdownBody });
  /** The title and the essentials (most of them), in any order, each with a line of text. */
  const core = fc
    .shuffledSubarray(['# Title', '## Description', '## Background', '## Scenario', '## Goal', '## Goal [x]'], { minLength: 3 })
    .map((headings) => headings.flatMap((h) => [h, 'text']));

  it('gives the title and the essentials outlineBody gives', () => {
    let settledEarly = 0;
    fc.assert(
      fc.property(core, fc.array(piece, { minLength: 1, maxLength: 24 }), (head, pieces) => {
        const body = [...head, ...pieces].join('\n');
        const full = outlineBody(body, 0);
        const record = outlineRecord(body, 0);
        assert.deepEqual(
          record,
          full.title ? { title: full.title, sections: full.sections } : { sections: full.sections },
          JSON.stringify(body),
        );
        const lastSectionEnd = Math.max(0, ...full.sections.map((s) => s.content.end));
        if (full.title && full.sections.length === 4 && full.headings.some((h) => h.range.start >= lastSectionEnd)) settledEarly++;
      }),
      { numRuns: 600 },
    );
    assert.ok(settledEarly > 30, `only ${settledEarly} bodies were settled before their end`);
  });

  it('reads a heading whose link is defined after the essentials as the whole body does', () => {
    const body = '# Title\n## Description\nd\n## Background\nb\n## Scenario\ns\n## [Goal][g]\nx\n# Design\n\n[g]: /u\n';
    const record = outlineRecord(body, 0);
    assert.deepEqual(
      record.sections.map((s) => s.key),
      ['description', 'background', 'scenario', 'goal'],
    );
    assert.deepEqual(record, { title: outlineBody(body, 0).title, sections: outlineBody(body, 0).sections });
  });
});

describe('body: outlineBody', () => {
  it('finds the title and the four essentials under Chinese headings', () => {
    const text = '# 能耗监控\n\n## 需求描述\n一键查看。\n\n## 客户背景\n老客户。\n\n## 需求场景\n设备老化。\n\n## 期望目标\n降低 15%。\n';
    const o = outlineBody(text, 0);
    assert.deepEqual(o.headings, remarkHeadings(text, 0));
    assert.equal(o.title?.text, '能耗监控');
    assert.deepEqual(
      o.sections.map((s) => [s.key, s.heading.text, s.empty]),
      [
        ['description', '需求描述', false],
        ['background', '客户背景', false],
        ['scenario', '需求场景', false],
        ['goal', '期望目标', false],
      ],
    );
    const d = o.sections[0]!;
    assert.equal(text.slice(d.content.start, d.content.end), '一键查看。\n\n');
  });

  it('finds them under English and bilingual headings, case-insensitively', () => {
    const text = '# T\n\n### DESCRIPTION\na\n\n## 客户背景 Background\nb\n\n## Scenarios\nc\n\n## Expected goal\nd\n';
    assert.deepEqual(
      outlineBody(text, 0).sections.map((s) => s.key),
      ['description', 'background', 'scenario', 'goal'],
    );
    assert.deepEqual(
      outlineBody('## 使用场景\nx\n## Goals\ny\n', 0).sections.map((s) => s.key),
      ['scenario', 'goal'],
    );
  });

  it('does not take a word inside another word, nor the title, as an essential', () => {
    const o = outlineBody('# Description\n\n## Descriptions of goalkeepers\nx\n', 0);
    assert.deepEqual(o.sections, []);
    assert.equal(o.title?.text, 'Description');
  });

  it('empty sections, including comment-only ones, are empty; subsections belong to their section', () => {
    const text =
      '# T\n\n## Description\n\n## Background\n<!-- fill in -->\n<!--\nmore\n-->\n\n## Scenario\n### Morning shift\ntrucks queue\n\n## Goal\n   \n';
    const o = outlineBody(text, 0);
    assert.deepEqual(
      o.sections.map((s) => [s.key, s.empty]),
      [
        ['description', true],
        ['background', true],
        ['scenario', false],
        ['goal', true],
      ],
    );
    const scenario = o.sections[2]!;
    assert.match(text.slice(scenario.content.start, scenario.content.end), /^### Morning shift\ntrucks queue\n\n$/);
  });

  it('a comment that does not close, or text around comments, makes a section not empty', () => {
    const sections = (body: string) => outlineBody(`## Goal\n${body}`, 0).sections.map((s) => s.empty);
    assert.deepEqual(sections('<!-- open\n'), [false]);
    assert.deepEqual(sections('<!-- a --> b\n'), [false]);
    assert.deepEqual(sections('<!-->\n'), [false]);
    assert.deepEqual(sections(' <!-- a --><!----> \n\t<!-- b\n-->\n'), [true]);
  });

  it('the first of two sections with the same essential wins', () => {
    const o = outlineBody('## Goal\n\n## Goal\nsecond\n', 0);
    assert.deepEqual(
      o.sections.map((s) => [s.key, s.empty, s.heading.range.start]),
      [['goal', true, 0]],
    );
  });

  it('offsets are into the whole text when the body starts after a front-matter', () => {
    const text = '---\nid: X\n---\n# T\n\n## Goal\ndone\n';
    const start = text.indexOf('# T');
    const o = outlineBody(text, start);
    assert.deepEqual(o.title?.range, { start, end: start + 3 });
    assert.equal(text.slice(o.sections[0]!.heading.range.start, o.sections[0]!.heading.range.end), '## Goal');
  });
});
