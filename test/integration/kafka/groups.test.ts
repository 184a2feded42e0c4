/** Consumer groups made by a real consumer: listed with state and members, not deletable while active. */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Consumer } from 'kafkajs';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { newPool, specFor, waitFor } from './helpers';
import { uniqueName } from '../support/sandbox';

const pool = newPool();
const spec = specFor('scram');
const cluster = new KafkaCluster(pool, spec);
const topic = uniqueName('it-kafka-groups');
const groupId = uniqueName('it-kafka-group');
let consumer: Consumer | undefined;

after(async () => {
  if (consumer) await pool.releaseConsumer(spec.id, consumer);
  await cluster.deleteConsumerGroup(groupId).catch(() => undefined);
  await cluster.deleteTopic(topic).catch(() => undefined);
  await pool.disposeAll();
});

describe('consumer groups', () => {
  test('a running consumer shows as a Stable group with one member; delete is refused until it leaves', async () => {
    await cluster.createTopic({ name: topic, partitions: 2, replicationFactor: 1 });
    consumer = await pool.createConsumer(spec, { groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: () => Promise.resolve() });

    const stable = await waitFor('the group to be Stable with a member', async () => {
      const g = (await cluster.listConsumerGroups()).find((x) => x.id === groupId);
      return g && g.state === 'Stable' && g.members === 1 ? g : undefined;
    });
    assert.equal(stable.protocolType, 'consumer');
    assert.ok(stable.protocol.length > 0, 'the assignor is reported');

    const described = await cluster.describeConsumerGroup(groupId);
    assert.equal(described.memberList.length, 1);
    assert.match(described.memberList[0].clientId, /msk-explorer/);

    const err = await cluster.deleteConsumerGroup(groupId).then(
      () => assert.fail('a group with members must not be deleted'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.code, 'GroupNotEmpty');
    assert.match(err.message, /has 1 active member\(s\) \(msk-explorer@/);
    assert.ok(
      (await cluster.listConsumerGroups()).some((g) => g.id === groupId),
      'the group is still there',
    );

    // The consumer leaves: the group becomes Empty and can be deleted.
    await pool.releaseConsumer(spec.id, consumer);
    consumer = undefined;
    await waitFor('the group to be Empty', async () => {
      const g = (await cluster.listConsumerGroups()).find((x) => x.id === groupId);
      return g?.state === 'Empty' ? g : undefined;
    });
    await cluster.deleteConsumerGroup(groupId);
    assert.ok(!(await cluster.listConsumerGroups()).some((g) => g.id === groupId));
  });

  test('deleting a group that does not exist says so', async () => {
    await assert.rejects(cluster.deleteConsumerGroup(uniqueName('it-kafka-nogroup')), { code: 'NotFound' });
  });
});
