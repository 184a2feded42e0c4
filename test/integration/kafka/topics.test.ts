/**
 * Topic life cycle through the Kafka layer (IAM, as a user of MSK would): create with configs,
 * produce, describe partitions and offsets, read and change config overrides, delete.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { retainedMessages } from '../../../src/kafka/topics';
import { newPool, specFor, waitFor } from './helpers';
import { uniqueName } from '../support/sandbox';

const pool = newPool();
const spec = specFor('iam');
const cluster = new KafkaCluster(pool, spec);
const created = new Set<string>();
after(async () => {
  for (const t of created) await cluster.deleteTopic(t).catch(() => undefined);
  await pool.disposeAll();
});

describe('topic life cycle', () => {
  const name = uniqueName('it-kafka-topic');

  test('create with configs, produce, describe, change overrides, delete', async () => {
    created.add(name);
    await cluster.createTopic({
      name,
      partitions: 3,
      replicationFactor: 1,
      configs: { 'retention.ms': '3600000', 'max.message.bytes': '2000000' },
    });

    const listed = (await cluster.listTopics()).find((t) => t.name === name);
    assert.deepEqual(listed, { name, partitions: 3, replicationFactor: 1, underReplicated: false, internal: false });

    // Produce a few messages to two partitions.
    const producer = await pool.getProducer(spec);
    await producer.send({
      topic: name,
      messages: [
        { partition: 0, value: 'a' },
        { partition: 0, value: 'b' },
        { partition: 0, value: 'c' },
        { partition: 2, value: 'd' },
      ],
    });

    const described = await cluster.describeTopic(name);
    assert.equal(described.partitions.length, 3);
    assert.deepEqual(
      described.partitions.map((p) => p.partition),
      [0, 1, 2],
    );
    for (const p of described.partitions) {
      assert.equal(p.leader, 1, 'every partition has the broker as leader');
      assert.deepEqual(p.replicas, [1]);
      assert.deepEqual(p.isr, [1]);
      assert.equal(p.earliestOffset, '0');
    }
    assert.deepEqual(
      described.partitions.map((p) => p.latestOffset),
      ['3', '0', '1'],
    );
    assert.equal(retainedMessages(described.partitions[0]), 3n);

    // Config: the two overrides show as overrides, the rest as defaults (or broker values).
    const config = await cluster.describeTopicConfig(name);
    const byName = new Map(config.map((e) => [e.name, e]));
    assert.equal(byName.get('retention.ms')?.source, 'topicOverride');
    assert.equal(byName.get('retention.ms')?.value, '3600000');
    assert.equal(byName.get('retention.ms')?.isDefault, false);
    assert.equal(byName.get('max.message.bytes')?.source, 'topicOverride');
    assert.equal(byName.get('cleanup.policy')?.source, 'default');
    assert.equal(byName.get('cleanup.policy')?.isDefault, true);
    assert.equal(config.filter((e) => e.source === 'topicOverride').length, 2);

    // Change one override: the other stays.
    const afterChange = await cluster.alterTopicConfigOverride(name, 'retention.ms', '7200000');
    const overrides = Object.fromEntries(
      afterChange.filter((e) => e.source === 'topicOverride').map((e) => [e.name, e.value]),
    );
    assert.deepEqual(overrides, { 'max.message.bytes': '2000000', 'retention.ms': '7200000' });

    // Add one, then remove one: still no collateral loss.
    await cluster.alterTopicConfigOverride(name, 'cleanup.policy', 'compact,delete');
    const afterRemove = await cluster.alterTopicConfigOverride(name, 'max.message.bytes', null);
    const left = Object.fromEntries(
      afterRemove.filter((e) => e.source === 'topicOverride').map((e) => [e.name, e.value]),
    );
    assert.deepEqual(left, { 'cleanup.policy': 'compact,delete', 'retention.ms': '7200000' });
    assert.equal(afterRemove.find((e) => e.name === 'max.message.bytes')?.source, 'default');

    await cluster.deleteTopic(name);
    created.delete(name);
    await waitFor('the topic to disappear', async () =>
      (await cluster.listTopics()).some((t) => t.name === name) ? undefined : true,
    );
  });

  test('an unknown config name is rejected by the cluster with a clear message', async () => {
    const t = uniqueName('it-kafka-badcfg');
    created.add(t);
    await cluster.createTopic({ name: t, partitions: 1, replicationFactor: 1, configs: { 'retention.ms': '1000000' } });
    const err = await cluster.alterTopicConfigOverride(t, 'no.such.config', '1').then(
      () => assert.fail('an unknown config must be rejected'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.code, 'InvalidRequest', err.message);
    // …and the existing override survived the failed attempt.
    const cfg = await cluster.describeTopicConfig(t);
    assert.equal(cfg.find((e) => e.name === 'retention.ms')?.value, '1000000');
  });

  test('describing a topic that does not exist says so', async () => {
    const err = await cluster.describeTopic(uniqueName('it-kafka-missing')).then(
      () => assert.fail('must fail'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.code, 'NotFound', err.message);
  });
});

describe('create topic validation (before anything is sent)', () => {
  test('a replication factor above the broker count names the limit', async () => {
    const name = uniqueName('it-kafka-rf');
    const err = await cluster.createTopic({ name, partitions: 1, replicationFactor: 3 }).then(
      () => assert.fail('RF 3 on one broker must be refused'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.code, 'InvalidRequest');
    assert.match(err.message, /Replication factor 3 is more than the 1 broker\(s\)/);
    assert.ok(!(await cluster.listTopics()).some((t) => t.name === name));
  });

  test('illegal names and duplicates are refused with their reason', async () => {
    await assert.rejects(cluster.createTopic({ name: 'bad name!', partitions: 1, replicationFactor: 1 }), {
      code: 'InvalidRequest',
      message: /only contain letters, digits/,
    });
    const name = uniqueName('it-kafka-dup');
    created.add(name);
    await cluster.createTopic({ name, partitions: 1, replicationFactor: 1 });
    await assert.rejects(cluster.createTopic({ name, partitions: 1, replicationFactor: 1 }), {
      code: 'AlreadyExists',
      message: /already exists/,
    });
  });
});
