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
});
