import assert from 'node:assert/strict';
import fc from 'fast-check';
import { outlineBody, remarkHeadings, scanHeadings } from '../../src/core/body';

// Plain heading text: letters, CJK and digits. Inline Markdown (emphasis, code, escapes) is not
// in the corpus: the scanner keeps it verbatim while remark strips it. Headings are indented at
// most one space: two or more after a list item continue the item (remark nests the heading there,
// the scanner does not know lists). Both are reported to the lead as scanner gaps.
const word = fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5]{0,7}$/);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

const heading = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1 }), words, fc.option(fc.integer({ min: 1, max: 8 })), fc.constantFrom('', ' ', '\t'))
  .map(([depth, indent, text, closing, trailing]) => `${' '.repeat(indent)}${'#'.repeat(depth)} ${text}${closing ? ` ${'#'.repeat(closing)}` : ''}${trailing}`);

const fence = fc
  .tuple(fc.constantFrom('`', '~'), fc.integer({ min: 3, max: 5 }), fc.constantFrom('', 'js', 'yaml', 'md'), fc.array(fc.oneof(fc.constant('# not a heading'), fc.constant('## also not'), words, fc.constant('')), { maxLength: 4 }), fc.boolean(), fc.integer({ min: 0, max: 2 }))
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

describe('body: heading scanner vs remark', () => {
  it('the scanner equals remark on generated bodies whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(block, { maxLength: 14 }), fc.boolean(), fc.string({ maxLength: 6 }).filter((s) => !/[\r\n]/.test(s)), (blocks, windows, prefix) => {
        let body = blocks.join('\n');
        if (windows) body = body.replace(/\n/g, '\r\n');
        // A prefix stands in for the front-matter: offsets must account for it.
        const text = `${prefix}\n${body}`;
        const from = prefix.length + 1;
        const scanned = scanHeadings(text, from);
        if (scanned === undefined) return;
        answered++;
        assert.deepEqual(strip(scanned), strip(remarkHeadings(text, from)), JSON.stringify(body));
      }),
      { numRuns: 600 },
    );
    // The generator must mostly produce bodies the scanner handles, or the property says little.
    assert.ok(answered > 300, `scanner answered only ${answered} times`);
  });

  it('fenced code with # lines is not a heading, whatever the fence', () => {
    const text = '# Title\n\n```js\n# not a heading\n```\n\n~~~~\n## nor this\n~~~~\n\n## Real\n';
    const scanned = scanHeadings(text, 0);
    assert.deepEqual(scanned?.map((h) => [h.depth, h.text]), [[1, 'Title'], [2, 'Real']]);
    assert.deepEqual(strip(scanned!), strip(remarkHeadings(text, 0)));
  });

  it('a shorter or different closing fence does not close the block', () => {
    const text = '````\n```\n# inside\n~~~~\n````\n# outside\n';
    assert.deepEqual(scanHeadings(text, 0)?.map((h) => h.text), ['outside']);
    assert.deepEqual(remarkHeadings(text, 0).map((h) => h.text), ['outside']);
  });

  it('closing hashes and surrounding blanks are not part of the text', () => {
    const text = '  ## Goal ###  \n#\tTabbed\n';
    assert.deepEqual(scanHeadings(text, 0)?.map((h) => [h.depth, h.text]), [[2, 'Goal'], [1, 'Tabbed']]);
    assert.deepEqual(strip(scanHeadings(text, 0)!), strip(remarkHeadings(text, 0)));
  });

  it('falls back on setext headings, HTML blocks and indented code', () => {
    for (const body of ['Title\n=====\n', 'Sub\n---\n', '<div>\n# x\n</div>\n', 'para\n\n    # code\n']) {
      assert.equal(scanHeadings(body, 0), undefined, JSON.stringify(body));
      assert.equal(outlineBody(body, 0).parser, 'remark', JSON.stringify(body));
    }
    const setext = outlineBody('Title\n=====\n\nDescription\n-----------\ntext\n', 0);
    assert.equal(setext.title?.text, 'Title');
    assert.deepEqual(setext.sections.map((s) => [s.key, s.empty]), [['description', false]]);
    // The range of a setext heading stays on its text line.
    assert.deepEqual(setext.title?.range, { start: 0, end: 5 });
  });
});

describe('body: outlineBody', () => {
  it('finds the title and the four essentials under Chinese headings', () => {
    const text = '# 能耗监控\n\n## 需求描述\n一键查看。\n\n## 客户背景\n老客户。\n\n## 需求场景\n设备老化。\n\n## 期望目标\n降低 15%。\n';
    const o = outlineBody(text, 0);
    assert.equal(o.parser, 'scanner');
    assert.equal(o.title?.text, '能耗监控');
    assert.deepEqual(o.sections.map((s) => [s.key, s.heading.text, s.empty]), [
      ['description', '需求描述', false],
      ['background', '客户背景', false],
      ['scenario', '需求场景', false],
      ['goal', '期望目标', false],
    ]);
    const d = o.sections[0]!;
    assert.equal(text.slice(d.content.start, d.content.end), '一键查看。\n\n');
  });

  it('finds them under English and bilingual headings, case-insensitively', () => {
    const text = '# T\n\n### DESCRIPTION\na\n\n## 客户背景 Background\nb\n\n## Scenarios\nc\n\n## Expected goal\nd\n';
    assert.deepEqual(outlineBody(text, 0).sections.map((s) => s.key), ['description', 'background', 'scenario', 'goal']);
    assert.deepEqual(outlineBody('## 使用场景\nx\n## Goals\ny\n', 0).sections.map((s) => s.key), ['scenario', 'goal']);
  });

  it('does not take a word inside another word, nor the title, as an essential', () => {
    const o = outlineBody('# Description\n\n## Descriptions of goalkeepers\nx\n', 0);
    assert.deepEqual(o.sections, []);
    assert.equal(o.title?.text, 'Description');
  });

  it('empty sections, including comment-only ones, are empty; subsections belong to their section', () => {
    const text = '# T\n\n## Description\n\n## Background\n<!-- fill in -->\n<!--\nmore\n-->\n\n## Scenario\n### Morning shift\ntrucks queue\n\n## Goal\n   \n';
    const o = outlineBody(text, 0);
    assert.deepEqual(o.sections.map((s) => [s.key, s.empty]), [
      ['description', true],
      ['background', true],
      ['scenario', false],
      ['goal', true],
    ]);
    const scenario = o.sections[2]!;
    assert.match(text.slice(scenario.content.start, scenario.content.end), /^### Morning shift\ntrucks queue\n\n$/);
  });

  it('the first of two sections with the same essential wins', () => {
    const o = outlineBody('## Goal\n\n## Goal\nsecond\n', 0);
    assert.deepEqual(o.sections.map((s) => [s.key, s.empty, s.heading.range.start]), [['goal', true, 0]]);
  });

  it('offsets are into the whole text when the body starts after a front-matter', () => {
    const text = '---\nid: X\n---\n# T\n\n## Goal\ndone\n';
    const start = text.indexOf('# T');
    const o = outlineBody(text, start);
    assert.deepEqual(o.title?.range, { start, end: start + 3 });
    assert.equal(text.slice(o.sections[0]!.heading.range.start, o.sections[0]!.heading.range.end), '## Goal');
  });
});
