/**
 * Adding partitions and reading their sizes on disk against the sandbox broker: a topic grown from
 * 1 to 3 partitions is written to and read from partition 2; sizes come from DescribeLogDirs v1 over
 * kafkajs' own connection and are refused (so omitted, with the reason) for the readonly principal.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { NO_LOG_DIRS_REASON } from '../../../src/kafka/partitionSizes';
import { uniqueName } from '../support/sandbox';
import { newPool, specFor, waitFor } from './helpers';

const pool = newPool();
after(() => pool.disposeAll());

describe('partitions', () => {
  test('1 → 3 partitions: a producer writes to partition 2 and a consumer reads it back', async () => {
    const spec = { ...specFor('scram'), id: 'it-partitions-add' };
    const cluster = new KafkaCluster(pool, spec);
    const topic = uniqueName('it-part-add');
    await cluster.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    const kafka = await pool.getKafka(spec);
    const groupId = uniqueName('it-part-add-g');
    const consumer = kafka.consumer({ groupId });
    try {
      await assert.rejects(cluster.addPartitions(topic, 1), (err: unknown) => {
        assert.ok(isKafkaUserError(err));
        assert.match(err.message, /must exceed the current 1: partitions can be added, never removed/);
        return true;
      });
      const { before } = await cluster.addPartitions(topic, 3);
      assert.equal(before, 1);
      const described = await cluster.describeTopic(topic);
      assert.deepEqual(
        described.partitions.map((p) => p.partition),
        [0, 1, 2],
      );
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      try {
        await producer.send({ topic, messages: [{ partition: 2, key: 'k', value: 'on partition 2' }] });
      } finally {
        await producer.disconnect();
      }
      const seen: { partition: number; value: string }[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          seen.push({ partition, value: message.value?.toString() ?? '' });
          return Promise.resolve();
        },
      });
      await waitFor('the record on partition 2', () => Promise.resolve(seen.length > 0 ? true : undefined));
      assert.deepEqual(seen, [{ partition: 2, value: 'on partition 2' }]);
    } finally {
      await consumer.disconnect();
      await (await pool.getAdmin(spec)).deleteGroups([groupId]).catch(() => undefined);
      await cluster.deleteTopic(topic);
    }
  });

  test('sizes on disk: every replica of every partition reports its bytes; written partitions are > 0', async () => {
    const spec = { ...specFor('iam'), id: 'it-partitions-sizes' };
    const cluster = new KafkaCluster(pool, spec);
    const topic = uniqueName('it-part-size');
    await cluster.createTopic({ name: topic, partitions: 2, replicationFactor: 1 });
    try {
      const kafka = await pool.getKafka(spec);
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      try {
        await producer.send({
          topic,
          messages: Array.from({ length: 50 }, (_, i) => ({ partition: 0, value: `record ${i} `.repeat(20) })),
        });
      } finally {
        await producer.disconnect();
      }
      const described = await cluster.describeTopic(topic);
      const sizes = await cluster.describeTopicSizes(topic, described.partitions);
      assert.deepEqual(sizes.problems, []);
      for (const p of described.partitions) {
        const replicas = sizes.partitions.get(p.partition) ?? [];
        assert.deepEqual(
          replicas.map((r) => r.broker),
          [...p.replicas].sort((a, b) => a - b),
          `one size per replica of partition ${p.partition}`,
        );
      }
      const p0 = sizes.partitions.get(0)![0].bytes;
      // 50 records of ~200 bytes each were written; the log holds at least their values.
      assert.ok(p0 >= 50 * 200, `partition 0 holds what was written (${p0} bytes)`);
      assert.equal(sizes.partitions.get(1)![0].bytes, 0, 'partition 1 was never written to');
    } finally {
      await cluster.deleteTopic(topic);
    }
  });

  test("sizes read again reuse the connection's raw cluster; closing the connection's clients closes it", async () => {
    const spec = { ...specFor('scram'), id: 'it-partitions-raw-reuse' };
    const cluster = new KafkaCluster(pool, spec);
    const topic = uniqueName('it-part-raw');
    await cluster.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    try {
      const { partitions } = await cluster.describeTopic(topic);
      const raw = await pool.getRawCluster(spec);
      for (let i = 0; i < 2; i++) {
        const sizes = await cluster.describeTopicSizes(topic, partitions);
        assert.deepEqual(sizes.problems, []);
        assert.equal(sizes.partitions.get(0)?.length, 1);
        assert.equal(await pool.getRawCluster(spec), raw, 'the same raw cluster serves every read');
      }
      await pool.dispose(spec.id);
      assert.notEqual(await pool.getRawCluster(spec), raw, 'a new one after the connection was closed');
    } finally {
      await cluster.deleteTopic(topic);
    }
  });

  test('the readonly principal is refused DescribeLogDirs (no size, and the reason) and adding partitions (the ACL named)', async () => {
    const admin = new KafkaCluster(pool, { ...specFor('scram'), id: 'it-partitions-ro-admin' });
    const readonly = new KafkaCluster(pool, { ...specFor('scram', 'readonly'), id: 'it-partitions-ro' });
    const topic = uniqueName('it-part-ro');
    await admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    try {
      const sizes = await readonly.describeTopicSizes(topic, (await admin.describeTopic(topic)).partitions);
      assert.deepEqual(sizes.partitions.get(0), []);
      assert.equal(sizes.problems.length, 1);
      assert.ok(sizes.problems[0].endsWith(NO_LOG_DIRS_REASON), sizes.problems[0]);
      await assert.rejects(readonly.addPartitions(topic, 2), (err: unknown) => {
        assert.ok(isKafkaUserError(err));
        assert.equal(err.code, 'Authorization');
        assert.match(err.message, new RegExp(`lacks the ACL ALTER on Topic:${topic}`));
        return true;
      });
      assert.equal((await admin.describeTopic(topic)).partitions.length, 1, 'nothing was added');
    } finally {
      await admin.deleteTopic(topic);
    }
  });
});
