/**
 * Each reset kind moves the committed offsets exactly as previewed, a consumer then re-reads from
 * there, and resets are refused while the group has an active member.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Admin, Producer } from 'kafkajs';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { applyReset, planReset, type ResetPlan, type ResetTarget } from '../../../src/kafka/lag/reset';
import { newPool, specFor, waitFor } from '../kafka/helpers';
import { uniqueName } from '../support/sandbox';
import { GatedConsumer, committedOffset, produceTo, waitForCommit, waitForEmpty, waitForStable } from './helpers';

const pool = newPool();
const spec = specFor('plaintext');
const cluster = new KafkaCluster(pool, spec);
const topic = uniqueName('it-lag-reset');
const groupId = uniqueName('it-lag-reset');
let admin: Admin;
let producer: Producer;
let marker = 0;

before(async () => {
  admin = await pool.getAdmin(spec);
  producer = await pool.getProducer(spec);
  await cluster.createTopic({ name: topic, partitions: 2, replicationFactor: 1 });
  // Partition 0: 10 old records, then (at `marker`) 10 newer ones. Partition 1: 20 records.
  const now = Date.now();
  marker = now - 60_000;
  await produceTo(producer, topic, 0, 10, now - 120_000);
  await produceTo(producer, topic, 0, 10, marker);
  await produceTo(producer, topic, 1, 20, now - 30_000);
  await admin.setOffsets({
    groupId,
    topic,
    partitions: [
      { partition: 0, offset: '12' },
      { partition: 1, offset: '5' },
    ],
  });
});

after(async () => {
  await cluster.deleteConsumerGroup(groupId).catch(() => undefined);
  await cluster.deleteTopic(topic).catch(() => undefined);
  await pool.disposeAll();
});

/** Plans, applies, checks the committed offsets match the preview, and that a consumer resumes there. */
async function resetAndReread(target: ResetTarget, partitions?: number[]): Promise<ResetPlan> {
  const plan = await planReset(admin, { groupId, topic, partitions, target });
  await applyReset(admin, plan);
  for (const row of plan.rows) {
    assert.equal(
      await committedOffset(admin, groupId, topic, row.partition),
      row.next,
      `p${row.partition} as previewed`,
    );
  }
  const consumer = await GatedConsumer.start(pool, spec, groupId, topic, { fromBeginning: false });
  try {
    // Joined before anything else (leaving in the middle of a join keeps the group busy until it times out).
    await waitForStable(admin, groupId);
    for (const row of plan.rows.filter((r) => r.lagAfter > 0)) {
      const first = await waitFor(`a record of p${row.partition}`, () =>
        Promise.resolve(consumer.received.find((r) => r.partition === row.partition)),
      );
      assert.equal(first.offset, row.next, `p${row.partition} is re-read from the new offset`);
    }
    // Let it finish so the group's commit is at the log end, as a reader would leave it.
    for (const row of plan.rows) await waitForCommit(admin, groupId, topic, row.partition, row.latest);
  } finally {
    await consumer.stop();
  }
  await waitForEmpty(admin, groupId);
  return plan;
}

describe('offset resets', () => {
  test('to earliest, for the whole topic', async () => {
    const plan = await resetAndReread({ kind: 'earliest' });
    assert.deepEqual(
      plan.rows.map((r) => [r.partition, r.current, r.next, r.lagAfter]),
      [
        [0, 12, 0, 20],
        [1, 5, 0, 20],
      ],
    );
  });

  test('to a timestamp: the first record at or after it', async () => {
    const plan = await resetAndReread({ kind: 'timestamp', timestamp: marker }, [0]);
    assert.deepEqual(
      plan.rows.map((r) => [r.partition, r.current, r.next]),
      [[0, 20, 10]],
    );
  });

  test('shift by -N, clamped to the earliest offset', async () => {
    const plan = await resetAndReread({ kind: 'shift', by: -25 });
    assert.deepEqual(
      plan.rows.map((r) => [r.partition, r.next, r.clamped]),
      [
        [0, 0, true],
        [1, 0, true],
      ],
    );
  });

  test('to a specific offset on a chosen partition, clamped to the latest', async () => {
    const plan = await resetAndReread({ kind: 'offset', offset: 7 }, [1]);
    assert.deepEqual(
      plan.rows.map((r) => [r.partition, r.next, r.clamped, r.lagAfter]),
      [[1, 7, false, 13]],
    );
    const far = await planReset(admin, { groupId, topic, partitions: [1], target: { kind: 'offset', offset: 999 } });
    assert.deepEqual([far.rows[0].next, far.rows[0].clamped], [20, true]);
  });

  test('to latest, then shift by +N', async () => {
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    const latest = await resetAndReread({ kind: 'latest' });
    assert.deepEqual(
      latest.rows.map((r) => [r.partition, r.current, r.next, r.lagAfter]),
      [
        [0, 2, 20, 0],
        [1, 20, 20, 0],
      ],
    );
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '4' }] });
    const shifted = await resetAndReread({ kind: 'shift', by: 3 }, [0]);
    assert.deepEqual(
      shifted.rows.map((r) => [r.partition, r.current, r.next]),
      [[0, 4, 7]],
    );
  });

  test('refused while the group has an active member, also when it joined after the preview', async () => {
    const plan = await planReset(admin, { groupId, topic, target: { kind: 'earliest' } });
    const consumer = await GatedConsumer.start(pool, spec, groupId, topic, { allowed: 0 });
    try {
      await waitForStable(admin, groupId);
      const before = await committedOffset(admin, groupId, topic, 0);
      for (const attempt of [
        () => applyReset(admin, plan),
        () => planReset(admin, { groupId, topic, target: { kind: 'latest' } }),
      ]) {
        const err = await attempt().then(
          () => assert.fail('a reset of an active group must be refused'),
          (e: unknown) => e,
        );
        assert.ok(isKafkaUserError(err));
        assert.equal(err.code, 'GroupNotEmpty');
        assert.match(err.message, /1 active member\(s\) \(msk-explorer/);
      }
      assert.equal(await committedOffset(admin, groupId, topic, 0), before, 'nothing was written');
    } finally {
      await consumer.stop();
    }
  });
});
