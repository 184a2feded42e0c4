/**
 * Produce v8 and InitProducerId v1 bodies laid out as ProduceRequest.json / ProduceResponse.json /
 * InitProducerId*.json define them, and Kafka's error codes named as kafkajs names them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeProduceResponse,
  encodeProduceRequest,
  initProducerIdRequest,
  produceRequest,
} from '../../../../src/kafka/protocol/produceRequest';

const str = (s: string) => {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeInt16BE(b.length);
  return Buffer.concat([len, b]);
};
const i16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const i64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};

test('a Produce v8 request: null transactional id, acks, timeout, one topic, its partitions with their batches', () => {
  const a = Buffer.from('batch-a');
  const b = Buffer.from('batch-bb');
  const body = encodeProduceRequest({
    topic: 'orders',
    acks: -1,
    timeoutMs: 30_000,
    partitions: [
      { partition: 0, batch: a },
      { partition: 2, batch: b },
    ],
  });
  const expected = Buffer.concat([
    i16(-1),
    i16(-1),
    i32(30_000),
    i32(1),
    str('orders'),
    i32(2),
    i32(0),
    i32(a.length),
    a,
    i32(2),
    i32(b.length),
    b,
  ]);
  assert.equal(body.toString('hex'), expected.toString('hex'));
  const req = produceRequest({ topic: 'orders', acks: 1, timeoutMs: 5_000, partitions: [] });
  assert.deepEqual([req.apiKey, req.apiVersion, req.apiName], [0, 8, 'Produce']);
});

test('a Produce v8 response: per partition error, base offset, times, record errors, message; throttle last', () => {
  const payload = Buffer.concat([
    i32(1),
    str('orders'),
    i32(2),
    // partition 0: stored at 1000
    i32(0),
    i16(0),
    i64(1000n),
    i64(-1n),
    i64(0n),
    i32(0),
    i16(-1),
    // partition 1: INVALID_RECORD for record 3 of the batch
    i32(1),
    i16(87),
    i64(-1n),
    i64(-1n),
    i64(0n),
    i32(1),
    i32(3),
    str('Compacted topic cannot accept message without key'),
    str('One or more records have been rejected'),
    i32(25),
  ]);
  const r = decodeProduceResponse(payload);
  assert.equal(r.throttleTimeMs, 25);
  assert.equal(r.topics[0].topic, 'orders');
  assert.deepEqual(r.topics[0].partitions[0], {
    partition: 0,
    errorCode: 0,
    baseOffset: 1000n,
    logAppendTimeMs: -1n,
    logStartOffset: 0n,
    recordErrors: [],
    errorMessage: null,
  });
  assert.deepEqual(r.topics[0].partitions[1].recordErrors, [
    { batchIndex: 3, message: 'Compacted topic cannot accept message without key' },
  ]);
  assert.equal(r.topics[0].partitions[1].errorCode, 87);
  assert.throws(() => decodeProduceResponse(payload.subarray(0, 30)), RangeError, 'a truncated response');
});

test('InitProducerId v1: null transactional id; the producer id and epoch, or the Kafka error by name', () => {
  const req = initProducerIdRequest();
  assert.deepEqual([req.apiKey, req.apiVersion], [22, 1]);
  assert.equal(req.body.readInt16BE(0), -1);
  assert.deepEqual(req.decode(Buffer.concat([i32(0), i16(0), i64(9001n), i16(4)])), {
    producerId: 9001n,
    producerEpoch: 4,
  });
  assert.throws(
    () => req.decode(Buffer.concat([i32(0), i16(31), i64(-1n), i16(-1)])),
    (err: { type?: string; name?: string }) =>
      err.type === 'CLUSTER_AUTHORIZATION_FAILED' && err.name === 'KafkaJSProtocolError',
  );
});
