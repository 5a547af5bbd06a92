// The matrix and the timeline under a team schema, in the real workbench: a `.reqdesk/schema.yaml`
// in the runner's workspace lists statuses of the team's own beside the examples' (named by the
// team in English and Chinese), and a few proposals without scores or tasks sit beside the
// examples. With both, the views draw the examples as before, list the proposals as unscored, and
// offer the team's statuses in their filters, on the cards and in the bar tooltips. Only when no
// record has the fields a view draws from does it say what is missing: the examples have scores
// and tasks, so the panels are shown an index of the proposals alone, as a workspace of proposals
// would give them. The schema and the proposals are removed afterwards, and the suite waits until
// the index is built without them.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RequirementIndex } from '../../src/core/index';
import { MATRIX_FIELDS, TIMELINE_FIELDS } from '../../src/core/viewFields';
import {
  chinese,
  engine,
  mouse,
  queryWebviews,
  screenshot,
  skipWithoutDom,
  uiText,
  until,
  viewport,
  waitForDom,
  workspaceFile,
  writeTeamSchema,
} from './support';

/** The team's statuses first, then the examples' stages (two of them named by the team). */
const SCHEMA = `statuses:
  proposed: { stage: new, en: Proposed, zh-cn: 已提议 }
  implementable: { stage: planned, en: Implementable, zh-cn: 可实施 }
  new: new
  analyzing: analyzing
  planned: { stage: planned, en: Scheduled, zh-cn: 已排期 }
  in-progress: { stage: in-progress, en: Under way, zh-cn: 推进中 }
  on-hold: on-hold
  delivered: delivered
  verified: verified
  closed: closed
  declined: declined
checks: { off: [essentials] }
`;

/** Proposals as a team writes them: its statuses, authors, no scores and no tasks. */
const PROPOSALS: ReadonlyArray<{ id: string; title: string; status: string }> = [
  { id: 'REQ-2018-701', title: 'Pipeline results in the dashboard', status: 'implementable' },
  { id: 'REQ-2018-702', title: 'Retry a failed step', status: 'proposed' },
  { id: 'REQ-2018-703', title: 'Step timeouts per task', status: 'implementable' },
];
const proposalFile = (p: { id: string }) => workspaceFile('requirements', `${p.id}-team-proposal.md`);
const proposalText = (p: { id: string; title: string; status: string }) =>
  `---\nid: ${p.id}\ntitle: ${p.title}\ntype: functional\nstatus: ${p.status}\nauthors: [ada, lin]\n---\n\n# ${p.title}\n\nA proposal of the team's.\n`;

const label = (en: string, zh: string) => (chinese() ? zh : en);
const SCHEMA_FILE = '.reqdesk/schema.yaml';

describe('matrix and timeline with a team schema', function () {
  this.timeout(180_000);
  let removeSchema: (() => Promise<void>) | undefined;

  before(async () => {
    const api = await engine();
    await api.settled();
    for (const p of PROPOSALS) await vscode.workspace.fs.writeFile(proposalFile(p), new TextEncoder().encode(proposalText(p)));
    removeSchema = await writeTeamSchema(SCHEMA);
    await until(
      () => api.index.team !== null && PROPOSALS.every((p) => api.index.get(proposalFile(p).toString())?.teamStatus === p.status),
      'the index is built with the team schema and the proposals',
      60_000,
    );
    await api.settled();
  });

  after(async () => {
    const api = await engine();
    await api.matrix.receive({ type: 'filter', filter: {} });
    await api.timeline.receive({ type: 'filter', filter: {} });
    for (const p of PROPOSALS) await vscode.workspace.fs.delete(proposalFile(p)).then(undefined, () => undefined);
    await removeSchema?.();
    await until(() => PROPOSALS.every((p) => !api.index.get(proposalFile(p).toString())), 'the index forgot the proposals', 60_000);
    await api.settled();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** The status options of the filter bar a page shows (`.matrix-page` or `.timeline-page`), in order. */
  async function statusOptions(name: string, page: string): Promise<string[]> {
    const bars = await waitForDom(name, `${page} .filter`, (found) => found.length >= 2);
    const status = bars!.find((f) => f.text.startsWith(uiText('Status')));
    assert.ok(status, `a status filter among ${bars!.map((f) => f.text.slice(0, 20)).join(' | ')}`);
    return (await queryWebviews(`${name}-options`, `${page} .filter:nth-child(2) vscode-option`))!.map((o) => o.text.trim());
  }

  it('matrix: the examples placed, the proposals unscored, the team statuses in the filter and on the cards', async function () {
    const api = await engine();
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    await until(() => api.matrix.visible, 'the matrix panel is visible');
    skipWithoutDom(this);
    // The examples are scored: the grid is drawn, no message.
    await waitForDom('team-matrix-cells', '.matrix-page .cell', (found) => found.length === 25);
    assert.deepEqual(await queryWebviews('team-matrix-missing', '.matrix-page .missing-fields'), []);
    const unscored = (await waitForDom('team-matrix-unscored', '.unscored .card-id', (found) =>
      PROPOSALS.every((p) => found.some((e) => e.text === p.id)),
    ))!.map((e) => e.text);
    assert.ok(
      PROPOSALS.every((p) => unscored.includes(p.id)),
      unscored.join(', '),
    );
    const options = await statusOptions('team-matrix-filter', '.matrix-page');
    const expected = [
      uiText('All statuses'),
      label('Proposed', '已提议'),
      label('Implementable', '可实施'),
      'new',
      'analyzing',
      label('Scheduled', '已排期'),
      label('Under way', '推进中'),
      'on-hold',
      'delivered',
      'verified',
      'closed',
      'declined',
    ];
    assert.deepEqual(options, expected);

    // The filter by a team status, chosen in the bar with the mouse: the two implementable proposals alone.
    await mouse('team-matrix-open-status', { action: 'click', selector: '.matrix-page .filter:nth-child(2) vscode-dropdown' });
    await mouse('team-matrix-pick-status', { action: 'click', selector: '.matrix-page vscode-option[value="implementable"]' });
    const shown = await waitForDom('team-matrix-implementable', '.matrix-page .card', (found) => found.length === 2);
    assert.deepEqual(shown!.map((c) => c.data.file).sort(), [PROPOSALS[0]!, PROPOSALS[2]!].map((p) => proposalFile(p).toString()).sort());
    const statuses = (await queryWebviews('team-matrix-card-status', '.matrix-page .card-status'))!.map((e) => e.text);
    assert.deepEqual(statuses, [label('Implementable', '可实施'), label('Implementable', '可实施')]);
    await viewport('team-matrix-1366', 1366, 768);
    try {
      await screenshot('team-matrix-filtered-1366.png');
    } finally {
      await viewport('team-matrix-1440', 1440, 900);
    }
    await api.matrix.receive({ type: 'filter', filter: {} });
    await waitForDom('team-matrix-all', '.matrix-page .card', (found) => found.length > 2);
  });

  it('timeline: the team statuses in the filter and in the bar tooltips', async function () {
    const api = await engine();
    await vscode.commands.executeCommand('reqdesk.showTimeline');
    await until(() => api.timeline.visible, 'the timeline panel is visible');
    // The examples have tasks: the chart is drawn. The proposals have none, so no row of theirs.
    const model = api.timeline.current!;
    assert.ok(model.rows.length > 0);
    assert.ok(!model.rows.some((r) => PROPOSALS.some((p) => r.id === p.id)));
    const underWay = model.rows.filter((r) => r.teamStatus === 'in-progress');
    assert.ok(underWay.length > 0, 'an example in progress has tasks');
    skipWithoutDom(this);
    await waitForDom('team-timeline-bars', '.timeline-page .bar', (found) => found.length > 0);
    assert.deepEqual(await queryWebviews('team-timeline-missing', '.timeline-page .missing-fields'), []);
    const options = await statusOptions('team-timeline-filter', '.timeline-page');
    assert.deepEqual(options.slice(0, 3), [uiText('All statuses'), label('Proposed', '已提议'), label('Implementable', '可实施')]);
    assert.ok(options.includes(label('Under way', '推进中')), options.join(', '));

    await api.timeline.receive({ type: 'filter', filter: { status: 'in-progress' } });
    await until(() => api.timeline.current!.rows.every((r) => r.teamStatus === 'in-progress'), 'the timeline shows the rows in progress');
    const files = new Set(api.timeline.current!.rows.map((r) => r.file));
    const lines = (await waitForDom(
      'team-timeline-lines',
      '.timeline-page .line-task',
      (found) => found.length > 0 && found.every((l) => files.has(l.data.file ?? '')),
    ))!;
    assert.ok(lines.length > 0 && lines.every((l) => files.has(l.data.file ?? '')));
    // The bar's tooltip (its title, read from its line's markup) names the team's status.
    // A line with many commit ticks is not sent (its markup is too long): the others are enough.
    const tooltip = uiText('Status: {0}', label('Under way', '推进中'));
    const read = lines.filter((l) => l.html !== '');
    assert.ok(read.length > 0 && read.every((l) => l.html.includes(tooltip)), read[0]?.html.slice(0, 300));
    await api.timeline.receive({ type: 'filter', filter: {} });
  });

  it('says which fields are missing, and how to add them, when no record has them (an index of the proposals alone)', async function () {
    const api = await engine();
    const team = api.index.team;
    assert.ok(team, 'the team schema is read');
    const proposals = new RequirementIndex(api.index.settings, api.index.grammar, undefined, team);
    for (const p of PROPOSALS) proposals.updateText(proposalFile(p).toString(), proposalText(p));
    assert.ok(proposals.all().every((r) => r.data.scores === undefined && r.data.tasks === undefined));
    try {
      await vscode.commands.executeCommand('reqdesk.showMatrix');
      await until(() => api.matrix.visible, 'the matrix panel is visible');
      api.matrix.setIndex(proposals);
      skipWithoutDom(this);
      await viewport('team-missing-1366', 1366, 768);
      const [matrixBox] = (await waitForDom('team-matrix-message', '.matrix-page .missing-fields', (found) => found.length === 1))!;
      assert.ok(matrixBox);
      assert.deepEqual(await queryWebviews('team-matrix-no-grid', '.matrix-page .cell'), [], 'no empty grid');
      const title = (await queryWebviews('team-matrix-title', '.matrix-page .missing-fields h2'))!.map((e) => e.text);
      assert.deepEqual(title, [uiText('No requirement has the scores the matrix places cards by.')]);
      const fields = (await queryWebviews('team-matrix-fields', '.matrix-page .missing-field'))!.map((e) => e.text);
      assert.deepEqual(fields, [...MATRIX_FIELDS]);
      const hint = (await queryWebviews('team-matrix-hint', '.matrix-page .missing-hint'))!.map((e) => e.text);
      assert.deepEqual(hint, [
        uiText(
          'Add them to the records (1 to 5 each), or, when the team keeps them under a key of its own, map that key to "{0}" in the "rename" of {1}.',
          'scores',
          SCHEMA_FILE,
        ),
      ]);
      assert.ok(matrixBox.box.width > 300 && matrixBox.fit.scrollWidth <= matrixBox.fit.clientWidth, 'the message fits its box');
      await screenshot('team-matrix-missing-1366.png');

      await vscode.commands.executeCommand('reqdesk.showTimeline');
      await until(() => api.timeline.visible, 'the timeline panel is visible');
      api.timeline.setIndex(proposals);
      const [timelineBox] = (await waitForDom('team-timeline-message', '.timeline-page .missing-fields', (found) => found.length === 1))!;
      assert.ok(timelineBox);
      assert.deepEqual(await queryWebviews('team-timeline-no-chart', '.timeline-page .scroller'), [], 'no empty chart');
      const timelineTitle = (await queryWebviews('team-timeline-title', '.timeline-page .missing-fields h2'))!.map((e) => e.text);
      assert.deepEqual(timelineTitle, [uiText('No requirement has tasks for the timeline to draw.')]);
      const taskFields = (await queryWebviews('team-timeline-fields', '.timeline-page .missing-field'))!.map((e) => e.text);
      assert.deepEqual(taskFields, [...TIMELINE_FIELDS]);
      const timelineHint = (await queryWebviews('team-timeline-hint', '.timeline-page .missing-hint'))!.map((e) => e.text);
      assert.deepEqual(timelineHint, [
        uiText(
          'Each task has an id, a title, a start day or the tasks it depends on, and its days. Add them to the records, or, when the team keeps them under a key of its own, map that key to "{0}" in the "rename" of {1}.',
          'tasks',
          SCHEMA_FILE,
        ),
      ]);
      await screenshot('team-timeline-missing-1366.png');
    } finally {
      // Back to the workspace's index: the examples and the proposals, drawn as before.
      api.matrix.setIndex(api.index);
      api.timeline.setIndex(api.index);
      await viewport('team-missing-1440', 1440, 900);
    }
    await vscode.commands.executeCommand('reqdesk.showMatrix');
    const back = await waitForDom('team-matrix-back', '.matrix-page .cell', (found) => found.length === 25);
    assert.equal(back?.length, 25, 'the grid is drawn again');
  });
});
