// Adopting a folder of records: the draft schema inferred from small hand-made folders — numbers,
// dates, lists, an enum, IDs from file names, from headings and from an `id` key, statuses with
// guessed stages, files that are not records — and that the team schema parser reads every draft.
import assert from 'node:assert/strict';
import { inferAdoptDraft, settingsToWrite, stageOfWord, type AdoptFile } from '../../src/core/adoptSchema';
import { ESSENTIALS_BODY, rulesOf } from './support';

function md(fields: Record<string, string>, body = '\nSome text.\n'): string {
  return `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n${body}`;
}

/** Twelve design notes named `NNN-name.md`, headed `# DN-NNN: …`, with a number, a date, a list and an enum. */
function notes(): AdoptFile[] {
  const levels = ['low', 'low', 'high', 'medium', 'low', 'high', 'medium', 'low', 'high', 'low', 'medium', 'low'];
  const statuses = [
    'draft',
    'draft',
    'accepted',
    'accepted',
    'accepted',
    'done',
    'done',
    'done',
    'done',
    'rejected',
    'postponed',
    'frozen',
  ];
  return levels.map((level, i) => {
    const n = String(i + 1).padStart(3, '0');
    return {
      path: `notes/${n}-note-${i + 1}.md`,
      text: md(
        {
          title: `Note ${i + 1}`,
          status: statuses[i]!,
          created: `2024-0${(i % 9) + 1}-1${i % 10}`,
          effort: String(i + 3),
          reviewers: `['@a', '@b']`,
          risk: level,
          summary2: `Free text number ${i}`,
        },
        `\n# DN-${n}: Note ${i + 1}\n\nText.\n`,
      ),
    };
  });
}

describe('adopt: a draft team schema inferred from a folder', () => {
  it('types each key by its values: numbers, dates, lists, an enum of a small repeating set, free text', () => {
    const draft = inferAdoptDraft('notes', notes());
    const rules = rulesOf(draft.schema);
    assert.equal(rules.fields.get('effort')?.type, 'number');
    assert.equal(rules.fields.get('reviewers')?.type, 'list');
    assert.equal(rules.fields.get('risk')?.type, 'enum');
    assert.deepEqual([...rules.fields.get('risk')!.values.keys()], ['low', 'high', 'medium']);
    assert.equal(rules.fields.get('summary2')?.type, 'string');
    // `created` is a well-known date key: renamed to the built-in `submitted`, not a field.
    assert.deepEqual([...rules.rename], [['created', 'submitted']]);
    assert.equal(rules.fields.has('created'), false);
    assert.match(draft.schema, /^ {2}effort: \{ type: number \} {3}# 12 of 12 files$/m);
    assert.match(draft.schema, /^ {2}risk: .*# 12 of 12 files; values seen: low \(6\), high \(3\), medium \(3\)$/m);
  });

  it('a date-shaped key whose values are not all real dates stays text', () => {
    const files = notes().map((f, i) => ({
      ...f,
      text: f.text.replace('title:', `reviewed: ${i === 3 ? '2024-02-30' : `2024-03-${10 + i}`}\ntitle:`),
    }));
    const rules = rulesOf(inferAdoptDraft('notes', files).schema);
    assert.equal(rules.fields.get('reviewed')?.type, 'string');
  });

  it('IDs from the number leading the file names, the prefix from the first headings; the ID settings to match', () => {
    const draft = inferAdoptDraft('notes', notes());
    const rules = rulesOf(draft.schema);
    assert.equal(rules.id.from, 'file-name');
    assert.equal(rules.id.pattern?.source, '^(\\d{3})-');
    assert.equal(rules.id.template, 'DN-{1}');
    assert.match(draft.schema, /# 12 of 12 files, e\.g\. 001-note-1\.md → DN-001; DN as the first headings write it$/m);
    assert.deepEqual(draft.settings, { include: ['notes/*.md'], exclude: [], idPrefixes: ['DN'], idFormat: '{prefix}-{seq:3}' });
  });

  it('statuses with their guessed stages in the stages order; an unknown word is new and said to be a guess', () => {
    const draft = inferAdoptDraft('notes', notes());
    const rules = rulesOf(draft.schema);
    assert.deepEqual(
      [...rules.statuses!].map(([name, s]) => `${name}:${s.stage}`),
      ['draft:new', 'frozen:new', 'accepted:planned', 'done:delivered', 'rejected:declined', 'postponed:on-hold'],
    );
    assert.match(draft.schema, /^ {2}frozen: new {3}# 1 file; stage guessed \(an unknown word\)$/m);
    assert.equal(stageOfWord('In_Progress'), 'in-progress');
    assert.equal(stageOfWord('Superseded'), 'closed');
    assert.equal(stageOfWord('obsolete'), 'closed');
    assert.equal(stageOfWord('whatever'), undefined);
  });

  it('a rare status close to a common one is read as its misspelling and left out of the list, with a comment', () => {
    const files: AdoptFile[] = [];
    for (let i = 0; i < 30; i++) {
      const status = i === 0 ? 'aproved' : i % 2 ? 'approved' : 'proposed';
      files.push({ path: `rfcs/${String(i + 1).padStart(4, '0')}-x.md`, text: md({ title: `T${i}`, status }) });
    }
    const draft = inferAdoptDraft('rfcs', files);
    assert.deepEqual([...rulesOf(draft.schema).statuses!.keys()], ['proposed', 'approved']);
    assert.match(draft.schema, /^ {2}# not a status: "aproved" \(1 file\) reads as a misspelling of "approved"$/m);
  });

  it('IDs from first headings when the file names carry no number', () => {
    const files = ['alpha', 'beta', 'gamma', 'delta'].map((name, i) => ({
      path: `adr/${name}.md`,
      text: md({ title: name, status: 'accepted' }, `\n# ADR-${i + 7}: ${name}\n`),
    }));
    const draft = inferAdoptDraft('adr', files);
    const rules = rulesOf(draft.schema);
    assert.equal(rules.id.from, 'heading');
    assert.equal(rules.id.pattern?.source, '^ADR[-_ ]?(\\d+)(?![0-9])');
    assert.equal(rules.id.template, 'ADR-{1}');
    assert.deepEqual(draft.settings, { include: ['adr/*.md'], exclude: [], idPrefixes: ['ADR'], idFormat: '{prefix}-{seq}' });
  });

  it('an id key every record has stays the ID; no ID settings when the defaults read it', () => {
    const files = [1, 2, 3].map((n) => ({
      path: `reqs/sub/r${n}.md`,
      text: md({ id: `REQ-2026-00${n}`, title: `R${n}`, type: 'functional', status: 'new' }, ESSENTIALS_BODY),
    }));
    const draft = inferAdoptDraft('reqs', files);
    const rules = rulesOf(draft.schema);
    assert.equal(rules.id.from, 'key');
    // ReqDesk's own statuses: the built-in list is kept whole, not narrowed to the values seen.
    assert.equal(rules.statuses, undefined);
    assert.match(draft.schema, /^# statuses: ReqDesk's own \(3 of 3 files; values seen: new\)$/m);
    // Nested records: the include takes the whole tree.
    assert.deepEqual(draft.settings, { include: ['reqs/**/*.md'], exclude: [] });
    assert.doesNotMatch(draft.schema, /^checks:/m);
  });

  it('files without front-matter are not records: listed and excluded; the checks the files do not follow are off', () => {
    const files: AdoptFile[] = [
      ...notes().slice(0, 4),
      { path: 'notes/README.md', text: '# Design notes\n\nThe index.\n' },
      { path: 'notes/index.md', text: '---\n---\n# Index\n' },
      { path: 'notes/tools/README.md', text: '# Tools\n' },
    ];
    const draft = inferAdoptDraft('notes', files);
    assert.deepEqual(
      draft.leftOut.map((f) => f.path),
      ['notes/README.md', 'notes/index.md', 'notes/tools/README.md'],
    );
    assert.equal(draft.records.length, 4);
    // The README two folders down is not taken by `notes/*.md`: nothing to exclude there.
    assert.deepEqual(draft.settings.exclude, ['notes/README.md', 'notes/index.md']);
    const rules = rulesOf(draft.schema);
    assert.ok(rules.checksOff.has('essential-missing'));
    assert.deepEqual([...rules.optional], ['type']);
    assert.match(draft.schema, /^# Not records, left out: notes\/README\.md, notes\/index\.md, notes\/tools\/README\.md\.$/m);
  });

  it('keys and values that are not plain YAML are quoted, and the draft still parses', () => {
    const files = [1, 2, 3, 4].map((n) => ({
      path: `x/${n}0-a.md`,
      text: md({ title: 'T', status: `"yes"`, "'odd: key'": `"v"`, 'kind#1': n % 2 ? `"it's"` : `"#x"` }, `\n# X-${n}0 a\n`),
    }));
    const rules = rulesOf(inferAdoptDraft('x', files).schema);
    assert.deepEqual([...rules.statuses!.keys()], ['yes']);
    assert.equal(rules.fields.get('odd: key')?.type, 'string');
    assert.deepEqual([...rules.fields.get('kind#1')!.values.keys()], ["it's", '#x']);
  });

  it('the settings to write: the include replaces, excludes add to what is there or to the defaults', () => {
    const draft = { include: ['teps/*.md'], exclude: ['teps/README.md'], idPrefixes: ['TEP'], idFormat: '{prefix}-{seq:4}' };
    assert.deepEqual(
      settingsToWrite(draft, () => undefined),
      {
        'reqdesk.include': ['teps/*.md'],
        'reqdesk.exclude': ['**/node_modules/**', '**/.git/**', 'teps/README.md'],
        'reqdesk.id.prefixes': ['TEP'],
        'reqdesk.id.format': '{prefix}-{seq:4}',
      },
    );
    const current: Record<string, unknown> = { 'reqdesk.exclude': ['build/**', 'teps/README.md'] };
    assert.deepEqual(
      settingsToWrite({ include: ['a/*.md'], exclude: ['teps/README.md'] }, (k) => current[k]),
      {
        'reqdesk.include': ['a/*.md'],
        'reqdesk.exclude': ['build/**', 'teps/README.md'],
      },
    );
    assert.deepEqual(
      settingsToWrite({ include: ['a/*.md'], exclude: [] }, () => undefined),
      { 'reqdesk.include': ['a/*.md'] },
    );
  });
});
