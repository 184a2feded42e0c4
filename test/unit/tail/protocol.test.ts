import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTailRequest } from '../../../src/webviews/tail/protocol';

describe('tail webview protocol', () => {
  test('accepts well-formed requests', () => {
    assert.deepEqual(parseTailRequest({ type: 'rows', requestId: 1, start: 0, count: 200 }), {
      type: 'rows',
      requestId: 1,
      start: 0,
      count: 200,
    });
    assert.deepEqual(parseTailRequest({ type: 'filter', text: 'a', cel: 'b', extra: 1 }), {
      type: 'filter',
      text: 'a',
      cel: 'b',
    });
    assert.deepEqual(parseTailRequest({ type: 'message', action: 'open', seq: 3 }), {
      type: 'message',
      action: 'open',
      seq: 3,
    });
  });

  test('rejects anything else', () => {
    for (const bad of [
      null,
      'ready',
      { type: 'rows', requestId: 1, start: -1, count: 10 },
      { type: 'rows', requestId: 1, start: 0, count: 100_000 },
      { type: 'control', action: 'eval' },
      { type: 'format', column: 'value', format: 'html' },
      { type: 'message', action: 'open', seq: '3' },
      { type: 'filter', text: 'x'.repeat(20_000), cel: '' },
      { type: 'export', scope: '/etc/passwd' },
      { type: 'unknown' },
    ])
      assert.equal(parseTailRequest(bad), undefined, JSON.stringify(bad)?.slice(0, 60));
  });
});
