// Adopt Existing Records… in the real extension host: a folder of proposal-like files (TEP-style,
// numbered file names, the team's own statuses, a README without front-matter) is adopted through
// the command with the folder as its argument; the schema file and the workspace settings are
// written and the index shows the proposals under their TEP-nnnn IDs. The suite changes the index
// for every later suite, so it removes the files and the schema, restores the settings file byte
// for byte and waits until the index is built as before.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AdoptRecordsResult } from '../../src/commands/adoptRecords';
import { parseTeamSchema } from '../../src/core/teamSchema';
import { engine, fileText, uiText, until, workspaceFile } from './support';

const PROPOSALS: Record<string, string> = {
  '0001-proposal-process.md': proposal('Proposal Process', 'implemented', 'TEP-0001'),
  '0002-custom-tasks.md': proposal('Custom Tasks', 'implementable', 'TEP-0002'),
  '0003-catalog.md': proposal('Catalog', 'proposed', 'TEP-0003'),
  'README.md': '# Proposals\n\nThe list of proposals.\n',
};

function proposal(title: string, status: string, id: string): string {
  return `---\ntitle: ${title}\nauthors:\n  - '@someone'\ncreation-date: '2021-10-13'\nlast-updated: '2022-06-30'\nstatus: ${status}\n---\n\n# ${id}: ${title}\n\nWhy and how.\n`;
}

const inspectWorkspace = (key: string) => vscode.workspace.getConfiguration().inspect(key)?.workspaceValue;

describe('adopt existing records', function () {
  this.timeout(120_000);
  const folder = workspaceFile('adopt-proposals');
  const schemaFolder = workspaceFile('.reqdesk');
  const schema = workspaceFile('.reqdesk', 'schema.yaml');
  const settingsFile = workspaceFile('.vscode', 'settings.json');
  let hadSchemaFolder = false;
  let settingsBefore: Uint8Array | undefined;
  let recordsBefore: string[] = [];
  let excludeBefore: unknown;

  before(async () => {
    const api = await engine();
    recordsBefore = api.index
      .all()
      .map((r) => r.file)
      .sort();
    hadSchemaFolder = await vscode.workspace.fs.stat(schemaFolder).then(
      () => true,
      () => false,
    );
    assert.equal(api.index.team, null, 'no team schema before this suite');
    excludeBefore = inspectWorkspace('reqdesk.exclude');
    settingsBefore = await vscode.workspace.fs.readFile(settingsFile).then(
      (bytes) => bytes,
      () => undefined,
    );
    for (const [name, text] of Object.entries(PROPOSALS)) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), new TextEncoder().encode(text));
    }
  });

  after(async () => {
    const api = await engine();
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    if (hadSchemaFolder) await vscode.workspace.fs.delete(schema).then(undefined, () => undefined);
    else await vscode.workspace.fs.delete(schemaFolder, { recursive: true }).then(undefined, () => undefined);
    if (settingsBefore) await vscode.workspace.fs.writeFile(settingsFile, settingsBefore);
    else await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined);
    await until(
      () => JSON.stringify(inspectWorkspace('reqdesk.exclude')) === JSON.stringify(excludeBefore),
      'the settings are read as before',
      30_000,
    );
    await until(
      () =>
        api.index.team === null &&
        api.index
          .all()
          .map((r) => r.file)
          .sort()
          .join('\n') === recordsBefore.join('\n'),
      'the index is built as before: no team schema, the examples',
      60_000,
    );
    await api.settled();
  });

  it('confirm: false shows the draft and writes nothing', async () => {
    const result = await vscode.commands.executeCommand<AdoptRecordsResult>('reqdesk.adoptRecords', {
      folder: folder.toString(),
      confirm: false,
    });
    assert.equal(result.written, false);
    assert.equal(result.folder, 'adopt-proposals');
    assert.deepEqual(result.records, [
      'adopt-proposals/0001-proposal-process.md',
      'adopt-proposals/0002-custom-tasks.md',
      'adopt-proposals/0003-catalog.md',
    ]);
    assert.deepEqual(result.leftOut, ['adopt-proposals/README.md']);
    assert.ok(parseTeamSchema(result.schema).ok, result.schema);
    assert.match(result.schema, /^id: \{ from: file-name, pattern: '\^\(\\d\{4\}\)-', template: 'TEP-\{1\}' \}/m);
    assert.equal(
      await vscode.workspace.fs.stat(schema).then(
        () => true,
        () => false,
      ),
      false,
    );
    assert.equal(inspectWorkspace('reqdesk.id.format'), '{prefix}-{year}-{seq:3}');
  });

  it('asked: the draft in a read-only YAML editor, then the question; nothing written before it is answered', async () => {
    const opened: vscode.TextDocument[] = [];
    const listener = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.scheme === 'reqdesk-draft') opened.push(doc);
    });
    try {
      const draft = await vscode.commands.executeCommand<AdoptRecordsResult>('reqdesk.adoptRecords', {
        folder: folder.toString(),
        confirm: false,
      });
      // The workbench refuses modal dialogs to extension tests, naming the question it was asked.
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('reqdesk.adoptRecords', folder)), (error: Error) =>
        error.message.includes(uiText('Adopt the records in {0} with the draft schema shown?', 'adopt-proposals')),
      );
      assert.equal(opened.length, 1);
      assert.equal(opened[0]!.getText(), draft.schema);
      assert.equal(opened[0]!.languageId, 'yaml');
      assert.ok(opened[0]!.uri.path.endsWith('/.reqdesk/schema.yaml'), opened[0]!.uri.toString());
    } finally {
      listener.dispose();
    }
    // The preview is closed whatever the answer, and nothing is written.
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.deepEqual(
      tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'reqdesk-draft').map((t) => t.label),
      [],
    );
    assert.equal(
      await vscode.workspace.fs.stat(schema).then(
        () => true,
        () => false,
      ),
      false,
    );
  });

  it('confirmed: writes the schema and the settings; the index shows the proposals under their TEP IDs', async () => {
    const api = await engine();
    const result = await vscode.commands.executeCommand<AdoptRecordsResult>('reqdesk.adoptRecords', {
      folder: folder.toString(),
      confirm: true,
    });
    assert.equal(result.error, undefined);
    assert.equal(result.written, true);
    assert.equal(await fileText(schema), result.schema);
    assert.deepEqual(inspectWorkspace('reqdesk.include'), ['adopt-proposals/*.md']);
    assert.deepEqual(inspectWorkspace('reqdesk.exclude'), ['**/node_modules/**', '**/.git/**', 'adopt-proposals/README.md']);
    assert.deepEqual(inspectWorkspace('reqdesk.id.prefixes'), ['TEP']);
    assert.equal(inspectWorkspace('reqdesk.id.format'), '{prefix}-{seq:4}');
    // The settings file keeps its comments.
    assert.match(await fileText(settingsFile), /\/\/ ReqDesk settings for this example workspace\./);

    const ids = () =>
      api.index
        .all()
        .map((r) => `${r.id ?? ''} ${r.teamStatus ?? ''}`)
        .sort()
        .join(', ');
    await until(
      () => api.index.team !== null && ids() === 'TEP-0001 implemented, TEP-0002 implementable, TEP-0003 proposed',
      'the index shows the adopted proposals',
      60_000,
    );
    await api.settled();
    const errors = vscode.languages
      .getDiagnostics()
      .filter(([uri]) => uri.path.includes('/adopt-proposals/'))
      .flatMap(([, d]) => d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error));
    assert.deepEqual(
      errors.map((d) => d.message),
      [],
    );
  });

  it('a schema file that exists is kept unless replacing is asked for', async () => {
    const before = await fileText(schema);
    const result = await vscode.commands.executeCommand<AdoptRecordsResult>('reqdesk.adoptRecords', {
      folder: folder.toString(),
      confirm: true,
    });
    assert.equal(result.written, false);
    assert.match(result.error ?? '', /\.reqdesk\/schema\.yaml/);
    assert.equal(await fileText(schema), before);
  });
});
