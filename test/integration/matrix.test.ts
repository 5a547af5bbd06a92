// The importance × urgency matrix in the real workbench: its DOM (read through the page's frames
// by the runner), its CSP, a move sent as the protocol message the UI sends, live updates, and an
// invalid message dropped.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { engine, queryWebviews, screenshotsInThemes, until, workspaceFile } from './support';

async function text(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

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

  it('shows every scored requirement in its cell and the unscored ones aside', async () => {
    const api = await engine();
    const threshold = api.index.settings.priorityThreshold;
    const cells = await queryWebviews('matrix-cells-all', '.cell');
    if (!cells) return; // a host without the code-server runner cannot read the DOM
    assert.equal(cells.length, 25);
    for (const cell of cells) {
      const i = Number(cell.data.importance);
      const u = Number(cell.data.urgency);
      const region = i >= threshold && u >= threshold ? 'p1' : i >= threshold || u >= threshold ? 'p2' : 'p3';
      assert.ok(cell.className.split(' ').includes(region), `cell ${i}/${u} is ${region}`);
    }
    const byCell = new Map<string, string[]>();
    for (const r of api.index.all()) {
      const s = r.data.scores;
      if (s?.importance === undefined || s.urgency === undefined || r.skipped) continue;
      const key = `${s.importance}/${s.urgency}`;
      byCell.set(key, [...(byCell.get(key) ?? []), r.id ?? '?']);
    }
    const [key, ids] = [...byCell.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const [i, u] = key.split('/').map(Number);
    assert.deepEqual(await cardsIn('matrix-busiest', i!, u!), [...ids].sort());
    const unscored = await queryWebviews('matrix-unscored', '.unscored .card-id');
    const expected = api.index.all().filter((r) => !r.skipped && (r.data.scores?.importance === undefined || r.data.scores?.urgency === undefined)).map((r) => r.id ?? '?');
    assert.deepEqual(unscored!.map((e) => e.text).sort(), expected.sort());
  });

  it('has a strict CSP with a nonce and no unsafe sources, and renders user text as text', async () => {
    const metas = await queryWebviews('matrix-csp', 'meta[http-equiv="Content-Security-Policy"]');
    if (!metas) return;
    const ours = metas.map((m) => m.content ?? '').find((c) => c.includes("script-src 'nonce-"));
    assert.ok(ours, metas.map((m) => m.content).join('\n'));
    assert.match(ours, /default-src 'none'/);
    assert.doesNotMatch(ours, /unsafe-/);
    const titles = await queryWebviews('matrix-titles', '.card-title');
    assert.ok(titles!.every((t) => !/<[a-z]/i.test(t.html)), 'titles contain no markup');
  });

  it('a move sent as the UI sends it changes exactly the scores, and the card follows', async () => {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2024-006-volume-licence-discount.md');
    const before = await text(uri);
    const record = api.index.get(uri.toString())!;
    const from = { importance: record.data.scores!.importance!, urgency: record.data.scores!.urgency! };
    const to = { importance: from.importance === 1 ? 2 : 1, urgency: from.urgency === 1 ? 2 : 1 };
    assert.equal(await api.matrix.receive({ type: 'moveCard', file: uri.toString(), ...to }), true);
    const after = await text(uri);
    assert.equal(after, before.replace(`importance: ${from.importance}`, `importance: ${to.importance}`).replace(`urgency: ${from.urgency}`, `urgency: ${to.urgency}`));
    await api.settled();
    const end = Date.now() + 15_000;
    let cards: string[] | undefined = [];
    while (cards !== undefined && !cards.includes(record.id!) && Date.now() < end) cards = await cardsIn('matrix-moved', to.importance, to.urgency);
    if (cards) assert.ok(cards.includes(record.id!), `${record.id} moved to ${to.importance}/${to.urgency}`);
  });

  it('drops an invalid message and changes nothing', async () => {
    const api = await engine();
    const uri = workspaceFile('requirements', 'REQ-2025-007-sso-login.md');
    const before = await text(uri);
    const dropped = api.matrix.dropped;
    assert.equal(await api.matrix.receive({ type: 'moveCard', file: uri.toString(), importance: 9, urgency: 1 }), false);
    assert.equal(await api.matrix.receive({ type: 'deleteEverything' }), false);
    assert.equal(await api.matrix.receive('<img src=x onerror=alert(1)>'), false);
    assert.equal(api.matrix.dropped, dropped + 3);
    assert.equal(await text(uri), before);
  });

  it('follows the theme: light, dark and high contrast (screenshots)', async () => {
    await screenshotsInThemes('matrix');
  });
});
