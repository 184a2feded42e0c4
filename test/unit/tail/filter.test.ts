import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileFilter } from '../../../src/kafka/tail/filter';
import type { TailRecord } from '../../../src/kafka/tail/types';

let seq = 0;
function rec(key: string | null, value: string, headers: Record<string, string> = {}): TailRecord {
  return {
    seq: seq++,
    partition: 1,
    offset: '42',
    timestamp: 1_700_000_000_000,
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from(value),
    headers: Object.entries(headers).map(([k, v]) => ({ key: k, value: Buffer.from(v) })),
    size: value.length,
  };
}

function matches(spec: { text?: string; cel?: string }, r: TailRecord): boolean {
  const f = compileFilter(spec);
  assert.ok(f.ok, 'compiles');
  return f.predicate ? f.predicate(r) : true;
}

describe('tail filters', () => {
  const order = rec('k1', JSON.stringify({ amount: 150, nested: { ok: true } }), { type: 'order' });
  const small = rec('k2', JSON.stringify({ amount: 50 }), { type: 'order' });
  const text = rec(null, 'plain text value', { trace: 'ABC' });

  test('free text searches key, value and headers, case-insensitively', () => {
    assert.ok(matches({ text: 'K1' }, order));
    assert.ok(matches({ text: 'plain' }, text));
    assert.ok(matches({ text: 'abc' }, text), 'header value');
    assert.ok(matches({ text: 'trace' }, text), 'header key');
    assert.ok(!matches({ text: 'nothing' }, order));
  });

  test('CEL over JSON fields, headers and metadata', () => {
    const cel = 'value.amount > 100 && headers["type"] == "order"';
    assert.ok(matches({ cel }, order));
    assert.ok(!matches({ cel }, small));
    assert.ok(matches({ cel: 'value.nested.ok' }, order));
    assert.ok(matches({ cel: 'partition == 1 && offset == 42' }, order));
    assert.ok(matches({ cel: 'key == "k2"' }, small));
    assert.ok(matches({ cel: 'value.contains("plain")' }, text));
  });

  test('CEL over a JSON array value and whole-value comparisons', () => {
    const list = rec(null, JSON.stringify([{ a: 1 }, 2, 'x']));
    assert.ok(matches({ cel: 'value[0].a == 1.0 && size(value) == 3 && "x" in value' }, list));
    assert.ok(matches({ cel: 'value == [{"a": 1.0}, 2.0, "x"]' }, list));
    assert.ok(matches({ cel: 'value == {"amount": 150.0, "nested": {"ok": true}}' }, order));
    assert.ok(matches({ cel: '"nested" in value && value.all(k, k != "z")' }, order));
  });

  test('a CEL expression that fails on a message (missing field) does not match it', () => {
    assert.ok(!matches({ cel: 'value.missing.deeper == 1' }, order));
    assert.ok(!matches({ cel: 'value.amount > 1' }, text));
  });

  test('a syntax error reports its line and column', () => {
    const f = compileFilter({ cel: 'value.amount >' });
    assert.ok(!f.ok);
    assert.equal(f.error.line, 1);
    assert.equal(typeof f.error.column, 'number');
    const two = compileFilter({ cel: 'value.amount > 1\n  && value.x $ 2' });
    assert.ok(!two.ok);
    assert.deepEqual([two.error.line, two.error.column], [2, 14], 'under the $');
  });

  test('no arbitrary code: JS is not evaluated', () => {
    const f = compileFilter({ cel: 'process.exit(1)' });
    // Either a compile error or a per-message error: never a call into JS.
    if (f.ok) assert.ok(!f.predicate!(order));
  });

  test('each JSON value is parsed once and kept: later filters, CEL or text, parse nothing again', (t) => {
    const records = Array.from({ length: 200 }, (_, i) =>
      rec(`k${i}`, JSON.stringify({ amount: i, item: `Item-${i % 7}` }), { type: i % 2 ? 'order' : 'refund' }),
    );
    const parse = t.mock.method(JSON, 'parse');
    const run = (spec: { text?: string; cel?: string }) => {
      const f = compileFilter(spec);
      assert.ok(f.ok && f.predicate);
      return records.filter((r) => f.predicate!(r)).length;
    };
    assert.equal(run({ text: 'item-3' }), 29, 'free text ignores case');
    assert.equal(parse.mock.callCount(), 0, 'free text needs no JSON parsing');
    assert.equal(run({ cel: 'value.amount >= 100.0' }), 100);
    assert.equal(parse.mock.callCount(), 200, 'one parse per record');
    assert.equal(run({ cel: 'value.item == "Item-3" && headers["type"] == "refund"' }), 14);
    assert.equal(run({ text: 'REFUND', cel: 'value.amount < 10.0' }), 5);
    assert.equal(parse.mock.callCount(), 200, 'nothing parsed again');
  });
});
