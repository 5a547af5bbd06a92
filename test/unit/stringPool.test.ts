// The index keeps records through a StringPool (cut loose from the file text, repeated values held
// once). What it keeps must read exactly as what was parsed: these tests check the values, while
// the memory it saves is a bench figure (`host_heap_per_record_bytes`).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StringPool } from '../../src/core/stringPool';

describe('StringPool', () => {
  it('keeps every value of plain objects and arrays as it was', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = structuredClone(value);
        assert.deepEqual(new StringPool().compact(copy), value);
        assert.deepEqual(copy, value);
      }),
    );
  });

  it('keeps strings cut from a larger text, short and long, and past the pool size', () => {
    const text = 'id: REQ-2026-001\ntitle: 生产设备能耗监控第5期\nnote: ' + '很长的说明'.repeat(40);
    const pool = new StringPool(16, 2);
    const cuts = [text.slice(4, 16), text.slice(24, 36), text.slice(43), text.slice(4, 16), 'x'];
    assert.deepEqual(
      cuts.map((cut) => pool.intern(cut)),
      cuts,
    );
  });

  it('leaves objects that are not plain alone (a Map, a Date, a class instance)', () => {
    class Holder {
      constructor(public name: string) {}
    }
    const record = { when: new Date(0), map: new Map([['k', 'v']]), holder: new Holder('REQ-2026-001-abc') };
    const pool = new StringPool();
    assert.equal(pool.compact(record), record);
    assert.ok(record.when instanceof Date && record.map.get('k') === 'v' && record.holder instanceof Holder);
  });
});
