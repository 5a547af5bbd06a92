// Who asked for a requirement and when each customer last heard from us (src/core/customers.ts).
import assert from 'node:assert/strict';
import { customerDirectory, customerKey, requestersOf, touchesOf, type CustomerRecord } from '../../src/core/customers';

describe('customers: requesters', () => {
  it('a single-customer record has one requester, dated by submitted, with the record source', () => {
    assert.deepEqual(
      requestersOf({ customer: { name: '华东制造', tier: 'key', contact: '王经理' }, submitted: '2026-03-01', source: 'interview' }),
      [{ name: '华东制造', key: '华东制造', contact: '王经理', tier: 'key', date: '2026-03-01', source: 'interview' }],
    );
  });

  it('requesters follow the customer, each with its index, date and source; the same customer twice counts once', () => {
    const requesters = requestersOf({
      customer: { name: 'ACME Corp' },
      requesters: [
        { name: 'Northwind', tier: 'existing', date: '2026-04-02', source: 'survey' },
        { name: 'acme  corp', date: '2026-04-03' },
        { name: '' } as never,
        'not a mapping' as never,
        { name: 'Ｎｏｒｔｈｗｉｎｄ' },
        { name: '华南物流', note: '每周都要导出' },
      ],
    });
    assert.deepEqual(
      requesters.map((r) => [r.name, r.index, r.date, r.source, r.note]),
      [
        ['ACME Corp', undefined, undefined, undefined, undefined],
        ['Northwind', 0, '2026-04-02', 'survey', undefined],
        ['华南物流', 5, undefined, undefined, '每周都要导出'],
      ],
    );
  });

  it('customer keys fold width, case and spacing', () => {
    assert.equal(customerKey(' Ｎｏｒｔｈ  Wind '), 'north wind');
    assert.equal(customerKey('华东制造'), customerKey('华东制造 '));
  });
});

describe('customers: touches and the directory', () => {
  const records: CustomerRecord[] = [
    {
      file: 'a.md',
      id: 'REQ-2026-001',
      title: 'Export',
      data: {
        status: 'in-progress',
        customer: { name: '华东制造', tier: 'existing' },
        submitted: '2026-01-10',
        requesters: [{ name: 'Northwind', date: '2026-02-01', tier: 'new' }],
        contacts: [
          { date: '2026-03-05', channel: 'phone', summary: '确认导出格式' },
          { date: '2026-03-20', customer: 'northwind', channel: 'email' },
          { date: 'soon' } as never,
        ],
        feedback: [{ date: '2026-02-15', note: 'ok' }],
      },
    },
    {
      file: 'b.md',
      id: 'REQ-2026-002',
      data: {
        status: 'closed',
        customer: { name: '华东制造 ', tier: 'key' },
        changes: [{ date: '2026-01-02', request: 'x', fed_back: '2026-03-25', fed_back_note: '已告知' }],
      },
    },
  ];

  it('contacts go to the customer they name, else the first requester; undated entries are left out', () => {
    const touches = touchesOf(records[0]!.data);
    assert.deepEqual(touches.get('华东制造'), [
      { date: '2026-01-10', kind: 'request' },
      { date: '2026-03-05', kind: 'contact', channel: 'phone', summary: '确认导出格式' },
      { date: '2026-02-15', kind: 'feedback', summary: 'ok' },
    ]);
    assert.deepEqual(touches.get('northwind'), [
      { date: '2026-02-01', kind: 'request' },
      { date: '2026-03-20', kind: 'contact', channel: 'email' },
    ]);
  });

  it('the directory gathers each customer across records: highest tier, open count, latest touch', () => {
    const directory = customerDirectory(records);
    assert.deepEqual([...directory.keys()], ['华东制造', 'northwind']);
    const east = directory.get('华东制造')!;
    assert.equal(east.tier, 'key');
    assert.equal(east.open, 1);
    assert.deepEqual(
      east.requirements.map((r) => [r.id, r.open]),
      [
        ['REQ-2026-001', true],
        ['REQ-2026-002', false],
      ],
    );
    assert.deepEqual(east.lastTouch, { date: '2026-03-25', kind: 'change-fed-back', summary: '已告知', file: 'b.md', id: 'REQ-2026-002' });
    assert.equal(directory.get('northwind')!.lastTouch?.date, '2026-03-20');
  });
});
