// Completion, hovers and quick fixes in a record's front-matter under a team schema: the team's
// keys (renamed ones under the team's name, optional ones not pushed), statuses with the stage each
// maps to, its own fields with labels and descriptions in the UI language, and the did-you-mean and
// missing-key fixes on the team's values. Without a team schema everything reads as before.
import assert from 'node:assert/strict';
import { applyTextEdits } from '../../src/core/edits';
import { completeAt, type CompletionData, type CompletionEntry } from '../../src/core/completion';
import { fixesFor, type FixContext } from '../../src/core/fixes';
import { hoverAt } from '../../src/core/hover';
import { localizeLater, type Language } from '../../src/core/l10n';
import type { ProblemCode } from '../../src/core/messages';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { idOrigin } from '../../src/core/teamAssist';
import { type TeamRules } from '../../src/core/teamSchema';
import { analyzeRequirement, type ValidationContext } from '../../src/core/validate';
import { contextFor, rulesOf } from './support';

/** The Tekton proposals' schema, with an enum field of the team's own (aliases, zh-cn labels) and a required text. */
const SCHEMA = `id: { from: file-name, pattern: '^(\\d{4})-', template: 'TEP-{1}' }
rename: { creation-date: submitted }
statuses:
  proposed: { stage: new, aliases: [draft, 提议], en: Proposed, zh-cn: 已提议 }
  implementable: { stage: planned, zh-cn: 可实施 }
  implemented: delivered
  withdrawn: declined
  deferred: on-hold
checks: { off: [essentials], optional: [type] }
fields:
  authors: { type: list }
  last-updated: { type: date, label: { en: Last updated, zh-cn: 最后更新 } }
  area:
    type: enum
    required: true
    label: { en: Area, zh-cn: 领域 }
    description: { en: The part of Tekton the proposal changes., zh-cn: 提案改动的 Tekton 部分。 }
    values:
      pipeline: { aliases: [流水线, pipelines], en: Pipelines, zh-cn: 流水线 }
      triggers: { en: Event triggers, zh-cn: 事件触发 }
      cli: Command line
  sponsor: { type: string, required: true }
`;

const TEAM = rulesOf(SCHEMA);
const FILE = 'file:///home/dev/community/teps/0090-matrix.md';
const TEP_CTX: ValidationContext = {
  ...contextFor({ ...DEFAULT_SETTINGS, idPrefixes: ['TEP'], idFormat: '{prefix}-{seq:4}' }),
  team: TEAM,
};

const TEP = `---
status: implementable
title: Matrix
creation-date: '2021-10-13'
last-updated: '2022-06-30'
authors:
  - '@jerop'
area: pipeline
sponsor: Tekton
---

# TEP-0090: Matrix

Fan out tasks.
`;

const DATA: CompletionData = { requirements: [], customers: [], owners: [], today: '2026-11-25', lang: 'en' };

/** The offset right after `needle` (or `inside` characters into it). */
function offsetOf(text: string, needle: string, inside = needle.length): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the sample`);
  return at + inside;
}

function complete(text: string, offset: number, lang: Language = 'en', team: TeamRules | null = TEAM): CompletionEntry[] {
  return completeAt(text, offset, { ...DATA, lang, team });
}

/** Labels in the order an editor shows them (sortText, then label). */
const labels = (entries: CompletionEntry[]) =>
  [...entries].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((e) => e.label);

const byLabel = (entries: CompletionEntry[], label: string) => {
  const e = entries.find((x) => x.label === label);
  assert.ok(e, `no entry ${label} in ${entries.map((x) => x.label).join(', ')}`);
  return e;
};

/** The text with a line inserted after the line holding `after`, and the offset at its start. */
function blankLineAfter(text: string, after: string): { text: string; offset: number } {
  const at = text.indexOf('\n', offsetOf(text, after)) + 1;
  return { text: `${text.slice(0, at)}\n${text.slice(at)}`, offset: at };
}

describe('team schema in the editor: completion', () => {
  it('offers keys as the team writes them: required first, then its fields, renamed keys under its name, no ID key', () => {
    const text = '---\ntitle: Matrix\n\n---\n# TEP-0090: Matrix\n';
    const keys = labels(complete(text, offsetOf(text, 'title: Matrix\n')));
    // `title` is there; `status` is required; `type` was turned optional: it is no longer pushed first.
    assert.deepEqual(keys.slice(0, 5), ['status', 'area', 'sponsor', 'authors', 'last-updated']);
    assert.ok(keys.includes('creation-date') && keys.includes('type'), keys.join(', '));
    assert.ok(keys.indexOf('type') > keys.indexOf('last-updated'));
    for (const absent of ['submitted', 'id', 'title']) assert.equal(keys.includes(absent), false, absent);
  });

  it('gives each key what it takes: the team statuses, the enum values, today for dates, its label and description', () => {
    const text = '---\ntitle: Matrix\n\n---\n';
    const entries = complete(text, offsetOf(text, 'title: Matrix\n'));
    const status = byLabel(entries, 'status');
    assert.equal(status.insertText, 'status: ${1|proposed,implementable,implemented,withdrawn,deferred|}$0');
    assert.equal(status.detail, 'proposed | implementable | implemented | withdrawn | deferred');
    const created = byLabel(entries, 'creation-date');
    assert.equal(created.insertText, 'creation-date: ${1:2026-11-25}$0');
    assert.equal(created.detail, 'YYYY-MM-DD');
    assert.equal(created.documentation, "Date submitted (提交时间).\n\nStands for ReqDesk's `submitted`.");
    const area = byLabel(entries, 'area');
    assert.deepEqual(
      [area.insertText, area.detail, area.documentation],
      ['area: ${1|pipeline,triggers,cli|}$0', 'Area', 'The part of Tekton the proposal changes.'],
    );
    assert.deepEqual(
      [byLabel(entries, 'last-updated').insertText, byLabel(entries, 'last-updated').detail],
      ['last-updated: ${1:2026-11-25}$0', 'Last updated'],
    );
    assert.deepEqual([byLabel(entries, 'authors').insertText, byLabel(entries, 'authors').detail], ['authors: [$1]$0', undefined]);
    assert.equal(byLabel(entries, 'sponsor').insertText, 'sponsor: ');
  });

  it('labels and descriptions in Chinese for a Chinese UI', () => {
    const text = '---\ntitle: Matrix\n\n---\n';
    const entries = complete(text, offsetOf(text, 'title: Matrix\n'), 'zh-cn');
    assert.deepEqual([byLabel(entries, 'area').detail, byLabel(entries, 'area').documentation], ['领域', '提案改动的 Tekton 部分。']);
    assert.equal(byLabel(entries, 'last-updated').detail, '最后更新');
    assert.equal(byLabel(entries, 'creation-date').documentation, '提交时间。\n\n对应 ReqDesk 的 `submitted`。');
  });

  it('completes a key being typed under the team name, and leaves out a renamed key written under the built-in name', () => {
    const typed = '---\ncrea\n---\n';
    assert.equal(byLabel(complete(typed, offsetOf(typed, 'crea')), 'creation-date').insertText, 'creation-date: ${1:2026-11-25}$0');
    // On a key already written, only its name is replaced.
    const written = '---\ncrea: 2021-10-13\n---\n';
    assert.equal(byLabel(complete(written, offsetOf(written, 'crea')), 'creation-date').insertText, 'creation-date');
    const builtIn = '---\nsubmitted: 2021-10-13\n\n---\n';
    assert.equal(
      complete(builtIn, offsetOf(builtIn, '13\n')).some((e) => e.label === 'creation-date'),
      false,
    );
  });

  it('a status value: the team statuses in its order, label and stage beside each, found by their aliases', () => {
    const at = offsetOf(TEP, 'status: ');
    const entries = complete(TEP, at);
    assert.deepEqual(
      entries.map((e) => [e.label, e.detail]),
      [
        ['proposed', 'Proposed → new'],
        ['implementable', '→ planned'],
        ['implemented', '→ delivered'],
        ['withdrawn', '→ declined'],
        ['deferred', '→ on-hold'],
      ],
    );
    const proposed = byLabel(entries, 'proposed');
    assert.equal(proposed.filterText, 'proposed draft 提议');
    assert.equal(proposed.documentation, "ReqDesk's stage **new**: New: collected, not yet analysed.");
    assert.deepEqual(proposed.range, { start: at, end: at + 'implementable'.length });
    assert.equal(byLabel(entries, 'implemented').filterText, undefined);
    assert.deepEqual(
      complete(TEP, at, 'zh-cn').map((e) => e.detail),
      ['已提议 → new', '可实施 → planned', '→ delivered', '→ declined', '→ on-hold'],
    );
    // Right after the colon, the value is spaced from it.
    const bare = '---\nstatus:\n---\n';
    assert.equal(byLabel(complete(bare, offsetOf(bare, 'status:')), 'deferred').insertText, ' deferred');
  });

  it('a team enum value: its values with their descriptions, found by their aliases', () => {
    const entries = complete(TEP, offsetOf(TEP, 'area: '));
    assert.deepEqual(
      entries.map((e) => [e.label, e.detail, e.filterText]),
      [
        ['pipeline', 'Pipelines', 'pipeline 流水线 pipelines'],
        ['triggers', 'Event triggers', undefined],
        ['cli', 'Command line', undefined],
      ],
    );
    assert.deepEqual(
      complete(TEP, offsetOf(TEP, 'area: '), 'zh-cn').map((e) => e.detail),
      ['流水线', '事件触发', 'Command line'],
    );
  });

  it('date values like the built-in dates: the renamed key and the team field get today', () => {
    const created = complete(TEP, offsetOf(TEP, 'creation-date: '));
    assert.deepEqual(
      created.map((e) => [e.label, e.kind, e.detail, e.documentation]),
      [['2026-11-25', 'date', 'today', 'Date submitted (提交时间).']],
    );
    const updated = complete(TEP, offsetOf(TEP, 'last-updated: '));
    assert.deepEqual(
      updated.map((e) => [e.label, e.kind, e.detail]),
      [['2026-11-25', 'date', 'today']],
    );
    // A text field and a list of the team take any value.
    assert.deepEqual(complete(TEP, offsetOf(TEP, 'sponsor: ')), []);
    assert.deepEqual(complete(TEP, offsetOf(TEP, "  - '@jerop'", 2)), []);
  });

  it('without a team schema (or with null) the built-in keys and statuses, as before', () => {
    for (const offset of [offsetOf(TEP, 'status: '), offsetOf(TEP, 'area: pipeline\n'), offsetOf(TEP, 'creation-date: ')]) {
      const plain = completeAt(TEP, offset, DATA);
      assert.deepEqual(complete(TEP, offset, 'en', null), plain);
    }
    const statuses = completeAt(TEP, offsetOf(TEP, 'status: '), DATA).map((e) => e.label);
    assert.deepEqual(statuses.slice(0, 3), ['new', 'analyzing', 'planned']);
    const blank = blankLineAfter(TEP, 'sponsor: Tekton');
    const keys = completeAt(blank.text, blank.offset, DATA).map((e) => e.label);
    assert.ok(keys.includes('submitted') && keys.includes('id') && !keys.includes('area'), keys.join(', '));
  });
});

/** The hover's Markdown at the offset, in a language. */
function hover(text: string, offset: number, lang: Language = 'en', file = FILE): string | undefined {
  return hoverAt(text, offset, lang, 4, 'auto', { rules: TEAM, file })?.markdown;
}

describe('team schema in the editor: hovers', () => {
  it('a team field key: its label, description, type and values, in the UI language', () => {
    const at = offsetOf(TEP, 'area:', 1);
    assert.equal(
      hover(TEP, at),
      '**area** — Area\n\nThe part of Tekton the proposal changes\\.\n\nType: enum · required\n\n' +
        'Values: `pipeline` (Pipelines), `triggers` (Event triggers), `cli` (Command line)',
    );
    assert.equal(
      hover(TEP, at, 'zh-cn'),
      '**area** — 领域\n\n提案改动的 Tekton 部分。\n\n类型：enum · 必填\n\nValues: `pipeline` (流水线), `triggers` (事件触发), `cli` (Command line)'.replace(
        'Values',
        '可选值',
      ),
    );
    assert.equal(hover(TEP, offsetOf(TEP, 'last-updated:', 1)), '**last\\-updated** — Last updated\n\nType: date');
  });

  it('a team status value: its label and the stage it maps to; an alias names its status', () => {
    assert.equal(
      hover(TEP, offsetOf(TEP, 'status: impl')),
      "**implementable**\n\nReqDesk's stage **planned**: Planned: a response plan exists.",
    );
    assert.equal(
      hover(TEP, offsetOf(TEP, 'status: impl'), 'zh-cn'),
      '**implementable** (可实施)\n\nReqDesk 的阶段 **planned**：已计划：已制定响应方案。',
    );
    const draft = TEP.replace('status: implementable', 'status: draft');
    assert.equal(
      hover(draft, offsetOf(draft, 'status: dr')),
      "draft → **proposed**\n\nReqDesk's stage **new**: New: collected, not yet analysed.",
    );
  });

  it('a team enum value and its alias', () => {
    assert.equal(hover(TEP, offsetOf(TEP, 'area: pi')), '**pipeline**\n\nPipelines');
    const alias = TEP.replace('area: pipeline', 'area: 流水线');
    assert.equal(hover(alias, offsetOf(alias, 'area: 流'), 'zh-cn'), '流水线 → **pipeline**\n\n流水线');
  });

  it('a renamed key stands for the built-in one; the status key lists the team statuses with their stages', () => {
    assert.equal(
      hover(TEP, offsetOf(TEP, 'creation-date:', 2)),
      "**creation\\-date**\n\nDate submitted.\n\nStands for ReqDesk's `submitted`.",
    );
    assert.equal(
      hover(TEP, offsetOf(TEP, 'status:', 2)),
      '**status**\n\nWhere the requirement is in the workflow.\n\nValues: `proposed` (Proposed) → new, `implementable` → planned, ' +
        '`implemented` → delivered, `withdrawn` → declined, `deferred` → on-hold',
    );
  });

  it('an id key beside an ID read from the file name: where the ID comes from, and that the key is not read', () => {
    const withId = TEP.replace('title: Matrix', 'id: TEP-0091\ntitle: Matrix');
    const text = hover(withId, offsetOf(withId, 'id:', 1))!;
    assert.match(text, /^\*\*id\*\*\n\nUnique requirement ID/);
    assert.ok(text.endsWith('\n\nTEP-0090 is read from the file name 0090-matrix.md (team schema). This key is not read.'), text);
    assert.ok(
      hover(withId, offsetOf(withId, 'id:', 1), 'zh-cn')!.endsWith('TEP-0090 取自文件名 0090-matrix.md（团队模式）。 此键不会被读取。'),
    );
  });

  it('where an ID came from, for the hover on the ID', () => {
    assert.equal(
      localizeLater('en', idOrigin(TEAM, 'TEP-0090', FILE)!),
      'TEP-0090 is read from the file name 0090-matrix.md (team schema).',
    );
    const heading = rulesOf("id: { from: heading, pattern: '^(TEP-\\d{4})' }\n");
    assert.equal(localizeLater('zh-cn', idOrigin(heading, 'TEP-0090', FILE)!), 'TEP-0090 取自第一个标题（团队模式）。');
    assert.equal(idOrigin(rulesOf(''), 'TEP-0090', FILE), undefined);
  });

  it('without a team schema the built-in hovers, as before', () => {
    for (const needle of ['status: impl', 'creation-date:', 'title:']) {
      const offset = offsetOf(TEP, needle, 2);
      assert.deepEqual(hoverAt(TEP, offset, 'en', 4, 'auto', null), hoverAt(TEP, offset, 'en'));
    }
    assert.equal(hoverAt(TEP, offsetOf(TEP, 'area:', 1), 'en'), undefined);
  });
});

const FIX: FixContext = { keepAliases: false, today: '2026-05-04', team: TEAM };

/** The one problem of a code in the text, found through the team schema. */
function teamProblem(text: string, code: ProblemCode) {
  const found = analyzeRequirement(text, TEP_CTX, { careful: true, file: FILE }).problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}`);
  return found[0]!;
}

const titled = (fix: { fixId: string; title: Parameters<typeof localizeLater>[1] }) => [
  fix.fixId,
  localizeLater('en', fix.title),
  localizeLater('zh-cn', fix.title),
];

describe('team schema in the editor: quick fixes', () => {
  it('a misspelt team status: changed to the closest team status, only the value bytes', () => {
    const text = TEP.replace('status: implementable', 'status: implemnted');
    const fixes = fixesFor(text, teamProblem(text, 'enum-unknown'), FIX);
    assert.equal(fixes.length, 1);
    assert.deepEqual(titled(fixes[0]!), ['replace-value', 'Replace implemnted with implemented', '将 implemnted 改为 implemented']);
    assert.equal(fixes[0]!.isPreferred, true);
    const at = text.indexOf('implemnted');
    assert.deepEqual(fixes[0]!.edits, [{ start: at, end: at + 'implemnted'.length, newText: 'implemented' }]);
    const after = applyTextEdits(text, fixes[0]!.edits);
    assert.equal(after, TEP.replace('status: implementable', 'status: implemented'));
    assert.equal(analyzeRequirement(after, TEP_CTX, { file: FILE }).problems.length, 0);
  });

  it('a misspelt team enum value: changed to the closest value', () => {
    const text = TEP.replace('area: pipeline', 'area: trigers');
    const [fix] = fixesFor(text, teamProblem(text, 'enum-unknown'), FIX);
    assert.deepEqual(titled(fix!), ['replace-value', 'Replace trigers with triggers', '将 trigers 改为 triggers']);
    const at = text.indexOf('trigers');
    assert.deepEqual(fix!.edits, [{ start: at, end: at + 'trigers'.length, newText: 'triggers' }]);
  });

  it('an alias of a team status or value: written as the value', () => {
    const text = TEP.replace('status: implementable', 'status: 提议');
    const [fix] = fixesFor(text, teamProblem(text, 'enum-alias'), FIX);
    assert.deepEqual(titled(fix!), ['normalize-alias', 'Replace alias 提议 with proposed', '将别名 提议 改为 proposed']);
    assert.equal(applyTextEdits(text, fix!.edits), TEP.replace('status: implementable', 'status: proposed'));
  });

  it('a missing required team field gets its insert fix as the built-in required keys do', () => {
    const text = TEP.replace('sponsor: Tekton\n', '');
    const [fix] = fixesFor(text, teamProblem(text, 'required-missing'), FIX);
    assert.deepEqual(titled(fix!), ['add-required-key', 'Add sponsor: TODO', '添加 sponsor: TODO']);
    const after = applyTextEdits(text, fix!.edits);
    assert.equal(after, TEP.replace('sponsor: Tekton\n', 'sponsor: TODO\n'));
    assert.equal(analyzeRequirement(after, TEP_CTX, { file: FILE }).problems.length, 0);
    // A date field gets today.
    const dated = rulesOf(`${SCHEMA.replace('last-updated: { type: date,', 'last-updated: { type: date, required: true,')}`);
    const undated = TEP.replace("last-updated: '2022-06-30'\n", '');
    const problem = analyzeRequirement(undated, { ...TEP_CTX, team: dated }, { file: FILE }).problems.find(
      (p) => p.code === 'required-missing',
    )!;
    const [today] = fixesFor(undated, problem, { ...FIX, team: dated });
    assert.equal(localizeLater('en', today!.title), 'Add last-updated: 2026-05-04');
  });

  it('a missing status gets the team first status of the new stage; an enum field gets no made-up value', () => {
    const text = TEP.replace('status: implementable\n', '');
    const [fix] = fixesFor(text, teamProblem(text, 'required-missing'), FIX);
    assert.equal(localizeLater('en', fix!.title), 'Add status: proposed');
    assert.equal(analyzeRequirement(applyTextEdits(text, fix!.edits), TEP_CTX, { file: FILE }).problems.length, 0);
    const noArea = TEP.replace('area: pipeline\n', '');
    assert.deepEqual(fixesFor(noArea, teamProblem(noArea, 'required-missing'), FIX), []);
  });

  it('a misspelt team field key is not completed by a second key', () => {
    const text = TEP.replace('sponsor: Tekton', 'sponsr: Tekton');
    assert.deepEqual(fixesFor(text, teamProblem(text, 'required-missing'), FIX), []);
  });
});
