// The importance × urgency matrix in the real workbench: its DOM (read through the page's frames
// by the runner), its CSP, a card dragged with the real mouse, a move sent as the protocol message
// the UI sends, live updates, an invalid message dropped, and its colours in three themes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  changedText,
  engine,
  fileText,
  mouse,
  queryWebviews,
  screenshotsInThemes,
  skipWithoutDom,
  until,
  undoOnceRestores,
  waitForDom,
  workspaceFile,
} from './support';

/** Cards the webview shows in the cell of an importance and urgency, by ID. */
async function cardsIn(name: string, importance: number, urgency: number): Promise<string[] | undefined> {
  const found = await queryWebviews(name, `.cell[data-importance="${importance}"][data-urgency="${urgency}"] .card-id`);
  return found?.map((e) => e.text).sort();
}

describe('matrix webview', function () {
  this.timeout(90_000);

  before(async () => {
    const api = await engine();
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    await until(() => api.matrix.visible, 'the matrix panel is visible');
    // The webview has rendered once its cells exist.
    let cells: unknown[] | undefined = [];
    const end = Date.now() + 20_000;
    while (cells !== undefined && cells.length < 25 && Date.now() < end) cells = await queryWebviews('matrix-cells', '.cell');
  });

  it('shows every scored requirement in its cell and the unscored ones aside', async function () {
    const api = await engine();
    const threshold = api.index.settings.priorityThreshold;
    const byCell = new Map<string, string[]>();
    for (const r of api.index.all()) {
      const s = r.data.scores;
      if (s?.importance === undefined || s.urgency === undefined || r.skipped) continue;
      const key = `${s.importance}/${s.urgency}`;
      byCell.set(key, [...(byCell.get(key) ?? []), r.id ?? '?']);
    }
    const unscoredIds = api.index
      .all()
      .filter((r) => !r.skipped && (r.data.scores?.importance === undefined || r.data.scores?.urgency === undefined))
      .map((r) => r.id ?? '?');
    // What the panel was given, before what it drew: the examples have scored and unscored records.
    assert.ok(byCell.size > 0 && unscoredIds.length > 0, `${byCell.size} cells, ${unscoredIds.length} unscored`);
    assert.ok(api.matrix.visible, 'the matrix panel is visible');
    skipWithoutDom(this);
    const cells = (await queryWebviews('matrix-cells-all', '.cell'))!;
    assert.equal(cells.length, 25);
    for (const cell of cells) {
      const i = Number(cell.data.importance);
      const u = Number(cell.data.urgency);
      const region = i >= threshold && u >= threshold ? 'p1' : i >= threshold || u >= threshold ? 'p2' : 'p3';
      assert.ok(cell.className.split(' ').includes(region), `cell ${i}/${u} is ${region}`);
    }
    const [key, ids] = [...byCell.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const [i, u] = key.split('/').map(Number);
    assert.deepEqual(await cardsIn('matrix-busiest', i!, u!), [...ids].sort());
    const unscored = await queryWebviews('matrix-unscored', '.unscored .card-id');
    assert.deepEqual(unscored!.map((e) => e.text).sort(), unscoredIds.sort());
  });

  it('has a strict CSP with a nonce and no unsafe sources, and renders user text as text', async function () {
    skipWithoutDom(this);
    const metas = (await queryWebviews('matrix-csp', 'meta[http-equiv="Content-Security-Policy"]'))!;
    const ours = metas.map((m) => m.content ?? '').find((c) => c.includes("script-src 'nonce-"));
    assert.ok(ours, metas.map((m) => m.content).join('\n'));
    assert.match(ours, /default-src 'none'/);
    assert.doesNotMatch(ours, /unsafe-/);
    const titles = await queryWebviews('matrix-titles', '.card-title');
    assert.ok(
      titles!.every((t) => !/<[a-z]/i.test(t.html)),
      'titles contain no markup',
    );
  });

  it('a card dragged with the mouse to another cell changes exactly its scores, and one undo restores the file', async function () {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2025-007-sso-login.md');
    const before = await fileText(uri);
    const record = api.index.get(uri.toString())!;
    assert.deepEqual([record.id, record.data.scores?.importance, record.data.scores?.urgency], ['REQ-2025-007', 5, 3]);
    skipWithoutDom(this);
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    const card = `.card[data-file="${uri.toString()}"]`;
    assert.equal((await waitForDom('matrix-drag-card', card, (f) => f.length === 1))!.length, 1, 'the card is drawn');
    // Pressed on the card in cell 5/3, released over cell 2/4: the webview's own drag and drop.
    await mouse('matrix-drag', { action: 'drag', selector: card, to: '.cell[data-importance="2"][data-urgency="4"]' });
    const after = await changedText(uri, before);
    assert.equal(after, before.replace('importance: 5', 'importance: 2').replace('urgency: 3', 'urgency: 4'));
    await api.settled();
    const moved = await waitForDom('matrix-dragged', '.cell[data-importance="2"][data-urgency="4"] .card-id', (f) =>
      f.some((e) => e.text === 'REQ-2025-007'),
    );
    assert.ok(
      moved!.some((e) => e.text === 'REQ-2025-007'),
      'the card is drawn in its new cell',
    );

    // One undo in the editor takes the whole move back.
    await undoOnceRestores(uri, before);
    await api.settled();
    await until(() => api.index.get(uri.toString())?.data.scores?.importance === 5, 'the index has the restored scores');
    await vscode.commands.executeCommand('reqdesk.showMatrix');
  });

  it('a move sent as the UI sends it changes exactly the scores, and the card follows', async function () {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2024-006-volume-licence-discount.md');
    const before = await fileText(uri);
    const record = api.index.get(uri.toString())!;
    const from = { importance: record.data.scores!.importance!, urgency: record.data.scores!.urgency! };
    const to = { importance: from.importance === 1 ? 2 : 1, urgency: from.urgency === 1 ? 2 : 1 };
    assert.equal(await api.matrix.receive({ type: 'moveCard', file: uri.toString(), ...to }), true);
    const after = await fileText(uri);
    assert.equal(
      after,
      before
        .replace(`importance: ${from.importance}`, `importance: ${to.importance}`)
        .replace(`urgency: ${from.urgency}`, `urgency: ${to.urgency}`),
    );
    await api.settled();
    const end = Date.now() + 15_000;
    let cards: string[] | undefined = [];
    skipWithoutDom(this);
    while (!cards!.includes(record.id!) && Date.now() < end) cards = await cardsIn('matrix-moved', to.importance, to.urgency);
    assert.ok(cards!.includes(record.id!), `${record.id} moved to ${to.importance}/${to.urgency}`);
  });

  it('drops an invalid message and changes nothing', async () => {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2025-007-sso-login.md');
    const before = await fileText(uri);
    const dropped = api.matrix.dropped;
    assert.equal(await api.matrix.receive({ type: 'moveCard', file: uri.toString(), importance: 9, urgency: 1 }), false);
    assert.equal(await api.matrix.receive({ type: 'deleteEverything' }), false);
    assert.equal(await api.matrix.receive('<img src=x onerror=alert(1)>'), false);
    assert.equal(api.matrix.dropped, dropped + 3);
    assert.equal(await fileText(uri), before);
  });

  it('follows the theme: light, dark and high contrast (its colours, and screenshots)', async function () {
    skipWithoutDom(this);
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    await screenshotsInThemes('matrix', '.card');
  });
});
