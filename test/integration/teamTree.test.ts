// The Requirements tree under a team schema, in the real extension host: a `.reqdesk/schema.yaml`
// in the runner's workspace lists the statuses in the team's order with labels of its own. The
// schema changes the index for every suite, so it is removed afterwards and the suite waits until
// the index is built without it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroupNode, RequirementNode } from '../../src/tree/nodes';
import { chinese, engine, writeTeamSchema, hoveredItem } from './support';

/** The examples' statuses in another order, two of them named by the team. */
const SCHEMA = `statuses:
  planned: { stage: planned, en: Scheduled, zh-cn: 已排期 }
  in-progress: in-progress
  new: { stage: new, en: Proposed, zh-cn: 已提议 }
  analyzing: analyzing
  on-hold: on-hold
  delivered: delivered
  verified: verified
  closed: closed
  declined: declined
`;

describe('requirements tree with a team schema', function () {
  this.timeout(120_000);
  let removeSchema: (() => Promise<void>) | undefined;

  before(async () => {
    removeSchema = await writeTeamSchema(SCHEMA);
    await (await engine()).settled();
  });

  after(async () => {
    const api = await engine();
    api.tree.configure('priority', {});
    await removeSchema?.();
  });

  it('groups by the team statuses in the team order, named by the team labels; the tooltip shows the stage', async () => {
    const api = await engine();
    api.tree.configure('status', {});
    await api.settled();
    const groups = api.tree.childrenNow() as GroupNode[];
    const keys = groups.map((g) => g.group.key);
    const order = ['planned', 'in-progress', 'new', 'analyzing', 'on-hold', 'delivered', 'verified', 'closed', 'declined'];
    // The listed statuses in the team's order; the example with a status no one lists has none, last.
    assert.deepEqual(keys, [...order.filter((k) => keys.includes(k)), '']);
    assert.ok(keys.includes('planned') && keys.includes('new'), keys.join(','));
    const label = (key: string) => {
      const item = api.tree.getTreeItem(groups.find((g) => g.group.key === key)!);
      return typeof item.label === 'string' ? item.label : item.label?.label;
    };
    assert.equal(label('planned'), chinese() ? '已排期' : 'Scheduled');
    assert.equal(label('new'), chinese() ? '已提议' : 'Proposed');
    assert.equal(label('closed'), 'closed');

    const planned = (api.tree.childrenNow(groups.find((g) => g.group.key === 'planned')!) as RequirementNode[])[0]!;
    assert.equal(planned.summary.teamStatus, 'planned');
    const tooltip = hoveredItem(api, planned).tooltip;
    // Unescaped as the hover shows it.
    const text = (tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' ');
    assert.match(text, chinese() ? /已排期 \(.*planned\)/ : /Scheduled \(planned\)/);
  });
});
