// Customer contacts in the real extension host, on two requirement files written for the suite into
// the runner's copy of examples/: the cadence warning on the customer's name with its quick fix,
// Log Customer Contact appending exactly one entry to each requirement chosen (one undo restores
// each file), and the tree grouped by customer (a requirement under each customer who asked, the
// customer's group with its open count, last contact and context menu).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EngineApi } from '../../src/engine';
import type { GroupNode, RequirementNode } from '../../src/tree/nodes';
import { localToday } from '../../src/workspace/localToday';
import {
  codeActionsUntil,
  engine,
  fileText,
  keys,
  screenshot,
  skipWithoutDom,
  uiText,
  until,
  waitForDom,
  workspaceFile,
  hoveredItem,
} from './support';

const CUSTOMER = 'Lantern Freight';
const A = () => workspaceFile('requirements', 'REQ-2026-401-lantern-tracking.md');
const B = () => workspaceFile('requirements', 'REQ-2026-402-pallet-labels.md');

/** The date `days` days from today (negative: before), in the local calendar. */
function shifted(days: number): string {
  const [y, m, d] = localToday().split('-').map(Number) as [number, number, number];
  const t = new Date(y, m - 1, d + days);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

const BODY = [
  '## Description',
  'The dispatcher sees where each pallet is.',
  '## Background',
  'A freight forwarder, key account.',
  '## Scenario',
  'Calls from the customer asking where a pallet is.',
  '## Goal',
  'No such call in a month.',
  '',
].join('\n');

/** A key account, last heard from 40 days ago (its request). */
const TEXT_A = [
  '---',
  'id: REQ-2026-401',
  'title: Track pallets per truck',
  'type: functional',
  'status: in-progress',
  'customer:',
  `  name: ${CUSTOMER}`,
  '  tier: key',
  `submitted: ${shifted(-40)}`,
  '---',
  '# Track pallets per truck',
  BODY,
].join('\n');

/** Another customer's requirement that the key account asked for as well. */
const TEXT_B = [
  '---',
  'id: REQ-2026-402',
  'title: Print pallet labels at the dock',
  'type: functional',
  'status: planned',
  'customer:',
  '  name: Harbor Goods',
  '  tier: new',
  `submitted: ${shifted(-3)}`,
  'requesters:',
  `  - name: ${CUSTOMER}`,
  `    date: ${shifted(-45)}`,
  '---',
  '# Print pallet labels at the dock',
  BODY,
].join('\n');

/** The lines of `after` that are not in `before`, and a check that nothing else moved. */
function inserted(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  assert.equal(i, a.length, 'every old line is still there, in order');
  return added;
}

const overdue = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'customer-contact-overdue');

function customerGroup(api: EngineApi): GroupNode {
  const group = (api.tree.childrenNow() as GroupNode[]).find((g) => g.group.key === CUSTOMER);
  assert.ok(group, `${CUSTOMER} has a group`);
  return group;
}

describe('customer contacts', function () {
  this.timeout(90_000);

  before(async () => {
    const api = await engine();
    for (const [uri, text] of [
      [A(), TEXT_A],
      [B(), TEXT_B],
    ] as const)
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await until(() => Boolean(api.index.get(A().toString()) && api.index.get(B().toString())), 'the two files are indexed');
    await api.settled();
  });

  after(async () => {
    const api = await engine();
    api.tree.configure('priority', {});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [A(), B()]) await vscode.workspace.fs.delete(uri);
    await until(() => !api.index.get(A().toString()) && !api.index.get(B().toString()), 'the index forgot the two files');
  });

  it('the cadence warning sits on the customer’s name in each open requirement, with Log Customer Contact as its fix', async () => {
    await engine();
    await until(() => overdue(A()).length === 1 && overdue(B()).length === 1, 'both files warn');
    const doc = await vscode.workspace.openTextDocument(A());
    const warning = overdue(A())[0]!;
    assert.equal(doc.getText(warning.range), CUSTOMER);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(
      warning.message,
      uiText(
        'Last contact with {0} was {1} ago ({2}: every {3}).',
        CUSTOMER,
        uiText('{0} days', 40),
        uiText('key customers'),
        uiText('{0} days', 14),
      ),
    );
    const docB = await vscode.workspace.openTextDocument(B());
    assert.equal(docB.getText(overdue(B())[0]!.range), CUSTOMER, 'on the requester entry’s name');
    const actions = await codeActionsUntil(A(), warning.range, (found) =>
      found.some((a) => a.command?.command === 'reqdesk.logCustomerContact'),
    );
    const fix = actions.find((a) => a.command?.command === 'reqdesk.logCustomerContact')!;
    assert.equal(fix.title, uiText('Log Customer Contact…'));
    assert.deepEqual(fix.command!.arguments, [{ customer: CUSTOMER, file: A().toString() }]);
  });

  it('the customer group: a star, its open requirements, when it last heard from us; both its requirements under it', async function () {
    const api = await engine();
    api.tree.configure('customer', {});
    const group = customerGroup(api);
    const item = api.tree.getTreeItem(group);
    assert.equal(item.label, CUSTOMER);
    assert.equal(item.description, `${uiText('{0} open', 2)} · ${uiText('last contacted {0} days ago', 40)}`);
    assert.equal(item.contextValue, 'reqdesk.customerGroup');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'star-full');
    // The tooltip's Markdown, as it reads (appended text has its blanks and punctuation escaped).
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.ok(tooltip.includes(`${uiText('Contact cadence')}: ${uiText('every {0} days: overdue', 14)}`), tooltip);
    assert.ok(tooltip.includes(`${uiText('Last contact')}: ${shifted(-40)} (${uiText('last contacted {0} days ago', 40)})`), tooltip);
    // B sits under its own customer and under the key account: two nodes, two ids.
    const under = api.tree.childrenNow(group) as RequirementNode[];
    assert.deepEqual(
      under.map((n) => n.summary.id),
      ['REQ-2026-401', 'REQ-2026-402'],
    );
    const harbor = (api.tree.childrenNow() as GroupNode[]).find((g) => g.group.key === 'Harbor Goods')!;
    const first = (api.tree.childrenNow(harbor) as RequirementNode[]).find((n) => n.summary.id === 'REQ-2026-402')!;
    const second = under.find((n) => n.summary.id === 'REQ-2026-402')!;
    assert.notEqual(api.tree.getTreeItem(first).id, api.tree.getTreeItem(second).id);
    // The row carries only marks; its tooltip names everyone who asked.
    const tip = (hoveredItem(api, second).tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.ok(tip.includes('Harbor Goods') && tip.includes(CUSTOMER), tip);
    await api.tree.reveal(group, { select: true, focus: false, expand: true });
    skipWithoutDom(this);
    const row = await waitForDom('customer-group-row', '.pane-body .monaco-list-row', (found) =>
      found.some((r) => r.text.includes(CUSTOMER) && r.text.includes(uiText('{0} open', 2))),
    );
    assert.ok(
      row!.some((r) => r.text.includes(uiText('last contacted {0} days ago', 40))),
      row!.map((r) => r.text).join(' | '),
    );
    await screenshot('tree-by-customer.png');
  });

  it('Log Customer Contact appends exactly the entry to each requirement chosen; the warnings go; one undo restores each file', async () => {
    const api = await engine();
    const today = localToday();
    const beforeA = await fileText(A());
    const beforeB = await fileText(B());
    assert.equal(
      await vscode.commands.executeCommand('reqdesk.logCustomerContact', {
        customer: CUSTOMER,
        files: [A().toString(), B().toString()],
        date: today,
        channel: 'phone',
        who: '李工 ↔ Mr Ward',
        summary: 'Agreed the label layout',
      }),
      true,
    );
    assert.deepEqual(inserted(beforeA, await fileText(A())), [
      'contacts:',
      `  - date: ${today}`,
      '    channel: phone',
      '    who: 李工 ↔ Mr Ward',
      '    summary: Agreed the label layout',
    ]);
    // B has two customers: its entry says which one it was.
    assert.deepEqual(inserted(beforeB, await fileText(B())), [
      'contacts:',
      `  - date: ${today}`,
      '    channel: phone',
      `    customer: ${CUSTOMER}`,
      '    who: 李工 ↔ Mr Ward',
      '    summary: Agreed the label layout',
    ]);
    await api.settled();
    await until(() => overdue(A()).length === 0 && overdue(B()).length === 0, 'the warnings go');
    api.tree.configure('customer', {});
    assert.equal(api.tree.getTreeItem(customerGroup(api)).description, `${uiText('{0} open', 2)} · ${uiText('last contacted today')}`);

    for (const [uri, before] of [
      [A(), beforeA],
      [B(), beforeB],
    ] as const) {
      const editor = await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), before, 'one undo restores every byte');
      if (!(await editor.document.save())) await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await api.settled();
    await until(() => overdue(A()).length === 1, 'the warning is back with the file as it was');
  });

  it('from the palette: key accounts first, each with when it last heard from us; a bad date or channel changes nothing', async function () {
    const api = await engine();
    const before = await fileText(A());
    for (const bad of [{ date: '2026-02-30' }, { channel: 'fax' }]) {
      assert.equal(
        await vscode.commands.executeCommand('reqdesk.logCustomerContact', {
          customer: CUSTOMER,
          files: [A().toString()],
          date: localToday(),
          channel: 'phone',
          summary: 'x',
          ...bad,
        }),
        false,
        JSON.stringify(bad),
      );
    }
    assert.equal(await fileText(A()), before, 'refused answers leave the file alone');
    skipWithoutDom(this);
    const running = vscode.commands.executeCommand('reqdesk.logCustomerContact');
    try {
      const items = await waitForDom('log-contact-customers', '.quick-input-widget .monaco-list-row', (found) =>
        found.some((r) => r.text.includes(CUSTOMER)),
      );
      const texts = items!.map((r) => r.text);
      const lantern = texts.findIndex((t) => t.includes(CUSTOMER));
      const harbor = texts.findIndex((t) => t.includes('Harbor Goods'));
      assert.ok(lantern >= 0 && (harbor < 0 || lantern < harbor), texts.join(' | '));
      assert.ok(texts[lantern]!.includes(uiText('last contacted {0} days ago', 40)), texts[lantern]);
      await screenshot('log-contact-customer.png');
    } finally {
      await keys('log-contact-cancel', ['press:Escape']);
      assert.equal(await running, false);
    }
    await api.settled();
  });
});
