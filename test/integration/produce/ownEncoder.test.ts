/**
 * The bulk path under our own record-batch encoder against the sandbox: what it writes is read back
 * byte for byte by kafkajs' consumer and by Kafka's own Java console consumer, on the partitions
 * kafkajs' partitioner chooses, with every codec, over IAM and SCRAM; a batch the broker refuses
 * fails only its own messages, named, and the rest land in order.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import * as kafkajs from 'kafkajs';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { registerCodecs } from '../../../src/kafka/codecs';
import { ProduceEngine, type OutgoingMessage, type ProduceReport } from '../../../src/kafka/produce/index';
import { newPool, specFor } from '../kafka/helpers';
import { Cleanup, sandbox, uniqueName, withAdmin } from '../support/sandbox';
import { createTopicWith, readBack, type ReadRecord } from './helpers';
import { javaReadRaw } from './javaRead';

const cleanup = new Cleanup();
const pool = newPool();
const engine = new ProduceEngine();
const plaintext = { pool, spec: specFor('plaintext') };

/** Deterministic binary bytes (NUL, newline, 0xff included). */
const bytes = (n: number, seed: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + seed * 7) & 0xff));

function keyedMessages(count: number): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `user-${i}`,
    value: bytes(20 + (i % 200), i),
    headers: [
      { key: 'n', value: String(i) },
      { key: 'bin', value: bytes(4, i) },
    ],
  }));
}

/** Message index → "partition@offset" from the report's ranges (messages of a partition in send order). */
function placesOf(report: ProduceReport, messages: OutgoingMessage[], partitionOf: (i: number) => number) {
  const queue = new Map<number, bigint[]>();
  for (const r of report.ranges) {
    const list = queue.get(r.partition) ?? [];
    queue.set(r.partition, list);
    for (let o = BigInt(r.first); o <= BigInt(r.last); o++) list.push(o);
  }
  return messages.map((_, i) => {
    const p = partitionOf(i);
    const offset = queue.get(p)?.shift();
    assert.ok(offset !== undefined, `no reported offset left for message ${i} on partition ${p}`);
    return `${p}@${offset}`;
  });
}

const kafkajsPartition = (partitions: number) => {
  const metadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, i) => ({
    partitionErrorCode: 0,
    partitionId: i,
    leader: 1,
    replicas: [1],
    isr: [1],
  }));
  const partitioner = Partitioners.DefaultPartitioner();
  return (key: string) =>
    partitioner({ topic: 't', partitionMetadata: metadata, message: { key: Buffer.from(key), value: null } });
};

describe('bulk produce with our own record-batch encoder (sandbox)', () => {
  after(async () => {
    await engine.dispose();
    await pool.disposeAll();
    await cleanup.run();
  });

  it('20,000 keyed messages with headers and binary values: kafkajs and the Java console consumer read exactly them, where kafkajs would put them', async () => {
    const topic = uniqueName('produce-own');
    cleanup.topics.add(topic);
    await createTopicWith(topic, 4);
    const messages = keyedMessages(20_000);
    const report = await engine.produce(plaintext, topic, messages, {
      acks: -1,
      compression: 'none',
      idempotent: true,
    });
    assert.equal(report.failed, 0, JSON.stringify(report.failures.slice(0, 3)));
    assert.deepEqual([report.encoder, report.idempotent, report.sent], ['own', true, 20_000]);
    assert.equal(report.ranges.length, 4, `one range per partition: ${JSON.stringify(report.ranges)}`);
    const partitionOf = kafkajsPartition(4);
    const places = placesOf(report, messages, (i) => partitionOf(`user-${i}`));

    const got = new Map((await readBack(topic, 20_000, 120_000)).map((r) => [`${r.partition}@${r.offset}`, r]));
    messages.forEach((m, i) => {
      const r = got.get(places[i]) as ReadRecord;
      assert.ok(r, `message ${i} at ${places[i]}`);
      assert.equal(r.key, m.key);
      assert.deepEqual(r.raw.value, m.value);
      assert.deepEqual(r.raw.headers, [
        { key: 'n', value: Buffer.from(String(i)) },
        { key: 'bin', value: bytes(4, i) },
      ]);
    });

    const group = cleanup.group('produce-own-java');
    const java = new Map(
      (await javaReadRaw(sandbox(), topic, group, 20_000)).map((r) => [`${r.partition}@${r.offset}`, r]),
    );
    assert.equal(java.size, 20_000);
    messages.forEach((m, i) => {
      const r = java.get(places[i]);
      assert.ok(r, `Java: message ${i} at ${places[i]}`);
      assert.equal(r.key.toString('utf8'), m.key);
      assert.deepEqual(r.value, m.value);
      assert.ok(r.headers.startsWith(`n:${i},bin:`), r.headers);
    });
  });

  for (const compression of ['gzip', 'snappy', 'lz4'] as const) {
    it(`${compression}: kafkajs and the Java console consumer read back every message`, async () => {
      await registerCodecs(kafkajs);
      const topic = uniqueName(`produce-own-${compression}`);
      cleanup.topics.add(topic);
      await createTopicWith(topic, 2);
      const messages = keyedMessages(3_000);
      const report = await engine.produce(plaintext, topic, messages, { acks: -1, compression, idempotent: false });
      assert.equal(report.failed, 0, JSON.stringify(report.failures.slice(0, 3)));
      assert.deepEqual([report.encoder, report.idempotent, report.sent], ['own', false, 3_000]);
      const byKey = new Map(messages.map((m) => [m.key as string, m.value as Buffer]));
      const got = await readBack(topic, 3_000);
      assert.equal(got.length, 3_000);
      for (const r of got) assert.deepEqual(r.raw.value, byKey.get(r.key ?? ''), `kafkajs: ${r.key}`);
      const java = await javaReadRaw(sandbox(), topic, cleanup.group(`produce-own-${compression}`), 3_000);
      assert.equal(java.length, 3_000);
      for (const r of java) assert.deepEqual(r.value, byKey.get(r.key.toString('utf8')), `Java: ${r.key.toString()}`);
    });
  }

  it('records the broker refuses by name (keyless on a compacted topic) fail alone and named; the rest land once, in order', async () => {
    const topic = uniqueName('produce-own-compact');
    cleanup.topics.add(topic);
    await createTopicWith(topic, 1, { 'cleanup.policy': 'compact' });
    // Idempotent, several requests in flight: the refused batch leaves a gap in the sequence, the
    // batches after it are re-sent under a new producer id.
    const count = 40_000;
    const keyless = new Set([20_000, 20_001]);
    // 200-byte values: about a dozen requests, four in flight when the refused one answers.
    const pad = 'p'.repeat(200);
    const keyed = (i: number): OutgoingMessage => ({ key: `k-${i}`, value: `v-${i}${pad}`, headers: [] });
    const report = await engine.produce(
      plaintext,
      topic,
      { length: count, at: (i) => (keyless.has(i) ? { key: null, value: `v-${i}${pad}`, headers: [] } : keyed(i)) },
      { acks: -1, compression: 'none', idempotent: true },
    );
    assert.equal(report.encoder, 'own');
    // Kafka drops a batch with a refused record whole; the engine sends the rest of it again.
    assert.deepEqual([report.sent, report.failed], [count - 2, 2], JSON.stringify(report.failures));
    assert.deepEqual(
      report.failures.map((f) => [f.first, f.last]),
      [[20_000, 20_001]],
    );
    assert.match(report.failures[0].error, /Compacted topic cannot accept message without key/);
    const failed = new Set(keyless);
    const got = await readBack(topic, report.sent, 120_000);
    assert.equal(got.length, report.sent);
    // Everything not failed, exactly once, in the order sent.
    const expected = Array.from({ length: count }, (_, i) => i)
      .filter((i) => !failed.has(i))
      .map((i) => `k-${i}`);
    assert.deepEqual(
      got.sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset))).map((r) => r.key),
      expected,
    );
    assert.deepEqual(report.ranges, [{ partition: 0, first: '0', last: String(report.sent - 1), count: report.sent }]);
  });

  it('a message over max.message.bytes fails alone, before sending; the rest land as one range', async () => {
    const topic = uniqueName('produce-own-small');
    cleanup.topics.add(topic);
    await createTopicWith(topic, 1, { 'max.message.bytes': '2000' });
    const good: OutgoingMessage = { key: null, value: 'fits', headers: [] };
    const large: OutgoingMessage = { key: null, value: 'y'.repeat(5000), headers: [] };
    const report = await engine.produce(
      plaintext,
      topic,
      { length: 3_000, at: (i) => (i === 1_500 ? large : good) },
      { acks: -1, compression: 'lz4', idempotent: true },
    );
    assert.equal(report.encoder, 'own');
    assert.deepEqual(
      report.failures.map((f) => [f.first, f.last, f.code]),
      [[1_500, 1_500, 'MessageTooLarge']],
    );
    assert.match(report.failures[0].error, /accepts at most 2000 bytes/);
    assert.deepEqual(report.ranges, [{ partition: 0, first: '0', last: '2998', count: 2_999 }]);
  });

  for (const kind of ['iam', 'scram'] as const) {
    it(`over ${kind}: an idempotent bulk send through the authenticated connection lands every message`, async () => {
      const topic = uniqueName(`produce-own-${kind}`);
      cleanup.topics.add(topic);
      await createTopicWith(topic, 3);
      const report = await engine.produce({ pool, spec: specFor(kind) }, topic, keyedMessages(5_000), {
        acks: -1,
        compression: 'snappy',
        idempotent: true,
      });
      assert.equal(report.failed, 0, JSON.stringify(report.failures.slice(0, 3)));
      assert.deepEqual([report.encoder, report.idempotent, report.sent], ['own', true, 5_000]);
      const high = await withAdmin(async (admin) =>
        (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0),
      );
      assert.equal(high, 5_000);
    });
  }

  it('a principal not allowed to write: every message of a bulk send over several partitions fails with one named reason', async () => {
    const topic = uniqueName('produce-own-denied');
    cleanup.topics.add(topic);
    await createTopicWith(topic, 3);
    const readonlyPool = newPool();
    const readonlyEngine = new ProduceEngine();
    try {
      const report = await readonlyEngine.produce(
        { pool: readonlyPool, spec: specFor('iam', 'readonly') },
        topic,
        keyedMessages(3_000),
        { acks: -1, compression: 'none', idempotent: true },
      );
      assert.equal(report.encoder, 'own');
      assert.deepEqual([report.sent, report.failed], [0, 3_000]);
      assert.equal(report.failures.length, 1, JSON.stringify(report.failures.slice(0, 3)));
      assert.deepEqual(
        [report.failures[0].first, report.failures[0].last, report.failures[0].code],
        [0, 2_999, 'Authorization'],
      );
      assert.match(report.failures[0].error, /kafka-cluster:WriteData/);
    } finally {
      await readonlyEngine.dispose();
      await readonlyPool.disposeAll();
    }
  });

  it('acks=0 goes through kafkajs (no answers to read), and says so', async () => {
    const topic = uniqueName('produce-own-acks0');
    cleanup.topics.add(topic);
    await createTopicWith(topic, 1);
    const report = await engine.produce(plaintext, topic, keyedMessages(10), {
      acks: 0,
      compression: 'none',
      idempotent: false,
    });
    assert.deepEqual([report.encoder, report.sent], ['kafkajs', 10]);
  });
});
