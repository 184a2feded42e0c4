/**
 * Start positions give exactly the expected messages; partitions can be chosen; stopping leaves no
 * consumer group behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { kafkaConfig, produce, sandbox, withAdmin, Cleanup } from '../support/sandbox';
import { newPool } from '../kafka/helpers';
import { groupIds, startTail, values, waitForCount } from './helpers';
import { Kafka } from 'kafkajs';
import type { TailSession } from '../../../src/kafka/tail';

const pool = newPool();
const cleanup = new Cleanup();
let topic: string;
let twoPartitions: string;
let midTimestamp: number;
const sessions: TailSession[] = [];

async function produceTo(t: string, messages: { value: string; partition: number; timestamp?: string }[]) {
  const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer();
  await producer.connect();
  try {
    await producer.send({ topic: t, messages });
  } finally {
    await producer.disconnect();
  }
}

before(async () => {
  topic = await cleanup.createTopic('tail-pos', 1);
  await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['m0', 'm1', 'm2', 'm3', 'm4']);
  twoPartitions = await cleanup.createTopic('tail-parts', 2);
  const base = Date.now() - 60_000;
  midTimestamp = base + 3000;
  await produceTo(
    twoPartitions,
    [0, 1, 2, 3, 4, 5].map((i) => ({ value: `p${i % 2}-${i}`, partition: i % 2, timestamp: String(base + i * 1000) })),
  );
});

after(async () => {
  await Promise.all(sessions.map((s) => s.stop()));
  await pool.disposeAll();
  await cleanup.run();
});

async function tail(t: string, opts: Parameters<typeof startTail>[2]) {
  const s = await startTail(pool, t, opts);
  sessions.push(s);
  return s;
}

describe('tail start positions', () => {
  test('oldest gives every message in order', async () => {
    const s = await tail(topic, { start: { kind: 'oldest' } });
    await waitForCount(s, 5);
    assert.deepEqual(values(s), ['m0', 'm1', 'm2', 'm3', 'm4']);
    await s.stop();
  });

  test('last N gives the last N per partition', async () => {
    const s = await tail(topic, { start: { kind: 'lastN', n: 2 } });
    await waitForCount(s, 2);
    // Prove nothing else arrives: produce a marker and wait until it is there.
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['m5']);
    await waitForCount(s, 3);
    assert.deepEqual(values(s), ['m3', 'm4', 'm5']);
    await s.stop();
  });

  test('a given offset starts there', async () => {
    const s = await tail(topic, { start: { kind: 'offsets', offsets: [{ partition: 0, offset: '4' }] } });
    await waitForCount(s, 2);
    assert.deepEqual(values(s), ['m4', 'm5']);
    assert.deepEqual(
      [...s.buffer.view()].map((r) => r.offset),
      ['4', '5'],
    );
    await s.stop();
  });

  test('newest shows only messages produced after the start', async () => {
    const s = await tail(topic, { start: { kind: 'newest' } });
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['live-1', 'live-2']);
    await waitForCount(s, 2);
    assert.deepEqual(values(s), ['live-1', 'live-2']);
    await s.stop();
  });

  test('a timestamp starts at the first message at or after it, per partition', async () => {
    const s = await tail(twoPartitions, { start: { kind: 'timestamp', timestamp: midTimestamp } });
    await waitForCount(s, 3);
    assert.deepEqual(values(s).sort(), ['p0-4', 'p1-3', 'p1-5']);
    await s.stop();
  });

  test('chosen partitions only', async () => {
    const s = await tail(twoPartitions, { start: { kind: 'oldest' }, partitions: [1] });
    await waitForCount(s, 3);
    await produceTo(twoPartitions, [
      { value: 'late-p0', partition: 0 },
      { value: 'late-p1', partition: 1 },
    ]);
    await waitForCount(s, 4);
    assert.deepEqual(values(s), ['p1-1', 'p1-3', 'p1-5', 'late-p1']);
    assert.deepEqual(s.partitions, [1]);
    await s.stop();
  });

  test('a tail reads without a consumer group: none exists while tailing or after stop, no offset is committed', async () => {
    const s = await tail(topic, { start: { kind: 'oldest' } });
    await waitForCount(s, 1);
    assert.ok(!(await groupIds()).includes(s.groupId), 'no group while tailing');
    const committed = await withAdmin((admin) => admin.fetchOffsets({ groupId: s.groupId, topics: [topic] }));
    assert.deepEqual(
      committed.flatMap((t) => t.partitions.map((p) => p.offset)),
      ['-1'],
      'no offset was committed',
    );
    await s.stop();
    assert.equal(s.state, 'stopped');
    assert.ok(!(await groupIds()).includes(s.groupId), 'no consumer group is left on the cluster');
  });
});
