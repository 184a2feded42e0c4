/** What the Connection Doctor page may ask of the host: a run (topic optional, write only with a topic), copy, open. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { doctorProtocol } from '../../../../src/webviews/doctor/protocol';
import { parseFromWebview } from '../../../../src/webviews/shared/messages';

const run = (params: unknown) => parseFromWebview(doctorProtocol, { kind: 'command', method: 'run', params });

void describe('doctor webview protocol', () => {
  test('a run with a topic keeps the trimmed topic and the write choice', () => {
    assert.deepEqual(run({ topic: '  orders ', write: true }), {
      ok: true,
      message: { kind: 'command', method: 'run', params: { topic: 'orders', write: true } },
    });
  });

  test('a blank topic means no topic, and writing needs a topic', () => {
    assert.deepEqual(run({ topic: '   ', write: true }), {
      ok: true,
      message: { kind: 'command', method: 'run', params: { topic: undefined, write: false } },
    });
  });

  test('malformed runs are refused', () => {
    assert.equal(run({ topic: 'x' }).ok, false, 'write is required');
    assert.equal(run({ topic: 42, write: false }).ok, false);
    assert.equal(run({ topic: 'x'.repeat(250), write: false }).ok, false, 'longer than a Kafka topic name');
    assert.equal(parseFromWebview(doctorProtocol, { kind: 'command', method: 'delete', params: {} }).ok, false);
  });
});
