// The importance × urgency matrix in the real workbench: its DOM (read through the page's frames
// by the runner), its CSP, a card dragged with the real mouse, a move sent as the protocol message
// the UI sends, live updates, an invalid message dropped, and its colours in three themes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { matrixModel, priorityDiffers, unscoredOrder } from '../../src/core/matrix';
import { rankingRule } from '../../src/core/ranking';
import {
  changedText,
  chinese,
  engine,
  fileText,
  mouse,
  queryWebviews,
  screenshot,
  screenshotsInThemes,
  skipWithoutDom,
  uiText,
  until,
  undoOnceRestores,
  viewport,
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
    // Listed in the tree's reading order (priority, the rank within it, ID), with the rule said above them.
    const ranking = api.index.settings.ranking;
    const ranked = unscoredOrder(matrixModel(api.index.all(), threshold).cards, (file) => api.index.get(file)?.data, ranking);
    assert.deepEqual(
      unscored!.map((e) => e.text),
      ranked.map((file) => api.index.get(file)?.id ?? '?'),
    );
    const rule = await queryWebviews('matrix-rank-rule', '.unscored .rank-rule');
    assert.equal(rule![0]?.text, rankingRule(ranking, chinese() ? 'zh-cn' : 'en'));
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

  it('says what its counts count, names the cards the tree counts elsewhere, and explains its colours', async function () {
    const api = await engine();
    const threshold = api.index.settings.priorityThreshold;
    const cards = api.index
      .all()
      .filter((r) => !r.skipped)
      .map((r) => ({
        file: r.file,
        errors: 0,
        ...(r.priority ? { priority: r.priority } : {}),
        ...(r.data.scores?.importance !== undefined ? { importance: r.data.scores.importance } : {}),
        ...(r.data.scores?.urgency !== undefined ? { urgency: r.data.scores.urgency } : {}),
      }));
    const differs = priorityDiffers(cards, threshold);
    // The examples have a record whose stored priority disagrees with its scores (REQ-2026-090).
    assert.ok(differs.length > 0, 'a stored priority differs from its cell');
    skipWithoutDom(this);
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    const [counts] = (await waitForDom('matrix-counts', '.regions', (f) => f.length === 1))!;
    assert.ok(counts!.text.startsWith(uiText('Placed by scores:')), counts!.text);
    assert.ok(counts!.text.includes(uiText('Stored priority differs from the cell: {0}', differs.length)), counts!.text);
    const marked = await queryWebviews('matrix-differs', '.card.differs');
    assert.deepEqual(marked!.map((c) => c.data.file).sort(), [...differs].sort());
    const legend = (await queryWebviews('matrix-legend', '.legend-item'))!;
    const texts = legend.map((l) => l.text);
    for (const p of ['P1', 'P2', 'P3']) assert.ok(texts.includes(uiText('{0} region', p)), texts.join(' | '));
    assert.ok(texts.includes(chinese() ? '功能 functional' : 'functional'), texts.join(' | '));
    // The vertical axis: English reads turned; Chinese stands upright, never on its side.
    const [axis] = (await queryWebviews('matrix-axis-y', '.axis-y'))!;
    assert.equal(axis!.text, uiText('Importance'));
    if (chinese()) {
      // Upright (no character on its side), one under the other, not squeezed over each other.
      assert.equal(axis!.style.writingMode, 'horizontal-tb');
      const chars = (await queryWebviews('matrix-axis-y-chars', '.axis-y > span'))!;
      assert.deepEqual(
        chars.map((c) => c.text),
        [...axis!.text],
      );
      for (let i = 1; i < chars.length; i++) {
        assert.ok(chars[i]!.box.y >= chars[i - 1]!.box.y + chars[i - 1]!.box.height - 1, `character ${i} is below the one before it`);
      }
    } else {
      assert.ok(
        [...texts, axis!.text, counts!.text].every((t) => !/[\u3000-\u9fff]/.test(t)),
        'an English UI speaks English',
      );
    }
  });

  it('shows each card’s ID and the start of its title at 1366×768 (screenshot)', async function () {
    skipWithoutDom(this);
    // The runner's window at a common laptop size: with the side bar, the panel is about 1000 pixels wide.
    await viewport('matrix-1366', 1366, 768);
    try {
      await vscode.commands.executeCommand('reqdesk.showMatrix');
      await new Promise((r) => setTimeout(r, 500));
      const [page] = (await waitForDom('matrix-1366-page', '.matrix-page', (f) => f.length === 1))!;
      assert.ok(page!.box.width < 1200, `the panel is ${page!.box.width} pixels wide`);
      const cards = (await queryWebviews('matrix-1366-cards', '.cell .card'))!;
      const heads = (await queryWebviews('matrix-1366-heads', '.cell .card-head'))!;
      const titles = (await queryWebviews('matrix-1366-titles', '.cell .card-title'))!;
      assert.ok(cards.length > 0 && heads.length === cards.length && titles.length === cards.length);
      // Nothing is cut sideways (text-overflow would leave the scroll width above the client width)…
      for (const e of [...cards, ...heads, ...titles]) {
        assert.ok(e.fit.scrollWidth <= e.fit.clientWidth + 1, `${e.className} "${e.text}" is cut: ${JSON.stringify(e.fit)}`);
      }
      // …and every title shows at least its first line, some ten characters wide.
      for (const t of titles.filter((e) => e.text !== '')) {
        assert.ok(t.box.height >= 10 && t.box.width >= 60, `"${t.text}" shows: ${JSON.stringify(t.box)}`);
      }
      await screenshot('matrix-1366.png');
    } finally {
      await viewport('matrix-1440', 1440, 900);
    }
  });
});
