/**
 * Exact time lag on the real broker: for a group in detail, the monitor reads the first unread
 * record of each lagging partition and shows its age from the record's own timestamp; it reads
 * again when the commit moves, falls back to the estimate once the record is deleted, and leaves
 * neither a commit nor a consumer group behind (it reads without one).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { PartitionLag } from '../../../src/kafka/lag/types';
import { isTailGroup } from '../../../src/kafka/tail/ephemeralGroup';
import { waitFor } from '../kafka/helpers';
import { uniqueName } from '../support/sandbox';
import { committedOffset, produceTo, sandboxLagMonitor } from './helpers';

const { pool, cluster, ref, monitor } = sandboxLagMonitor('manual:lag-exact-it');
const spec = cluster.spec;

// The exact reads read like the tail, without a consumer group. Each read registers a pool watch
// (counted: the reads ran); a consumer of a tail-named group made from this pool would be an
// ephemeral group on the cluster (recorded: there must be none).
let reads = 0;
const watch = pool.watch.bind(pool);
pool.watch = (s, onClosed) => {
  reads++;
  return watch(s, onClosed);
};
const readGroups = new Set<string>();
const createConsumer = pool.createConsumer.bind(pool);
pool.createConsumer = (s, config, onClosed) => {
  if (isTailGroup(config.groupId)) readGroups.add(config.groupId);
  return createConsumer(s, config, onClosed);
};
const topic = uniqueName('it-lag-exact');
const groupId = uniqueName('it-lag-exact');

after(async () => {
  monitor.dispose();
  await cluster.deleteConsumerGroup(groupId).catch(() => undefined);
  await cluster.deleteTopic(topic).catch(() => undefined);
  await pool.disposeAll();
});

function partitionLag(partition: number): PartitionLag | undefined {
  return monitor.group(ref, groupId)?.partitions.find((p) => p.partition === partition);
}

/** Waits until the view's partition shows an exact time lag measured from the record stamped `timestamp`. */
function waitForExact(partition: number, timestamp: number): Promise<PartitionLag> {
  return waitFor(`an exact time lag from ${new Date(timestamp).toISOString()} on partition ${partition}`, () => {
    const p = partitionLag(partition);
    return Promise.resolve(p?.timeLag?.kind === 'exact' && p.timeLag.recordTimestamp === timestamp ? p : undefined);
  });
}

describe('exact time lag', () => {
  test('is the age of the record at the committed offset, read again when the commit moves', async () => {
    const hour = 3600_000;
    const now = Date.now();
    const [tA, tB, tC] = [now - 3 * hour, now - 2 * hour, now - hour];
    await cluster.createTopic({ name: topic, partitions: 2, replicationFactor: 1 });
    const admin = await pool.getAdmin(spec);
    const tailGroupsBefore = (await admin.listGroups()).groups.map((g) => g.groupId).filter(isTailGroup);
    const producer = await pool.getProducer(spec);
    // Partition 0: offsets 0–2 written at tA, 3–5 at tB, 6–9 at tC. Partition 1: 0–4 at tA.
    await produceTo(producer, topic, 0, 3, tA);
    await produceTo(producer, topic, 0, 3, tB);
    await produceTo(producer, topic, 0, 4, tC);
    await produceTo(producer, topic, 1, 5, tA);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '3' },
        { partition: 1, offset: '0' },
      ],
    });

    const snap = await monitor.refreshNow(ref);
    assert.notEqual(partitionLag(0)?.timeLag?.kind, 'exact', 'not in detail yet: only the estimate');
    const focus = monitor.focus(ref, groupId);
    try {
      const p0 = await waitForExact(0, tB);
      assert.equal(p0.timeLag?.ms, snap.time - tB, 'age of offset 3 at the time of the snapshot');
      assert.equal(p0.lag, 7);
      const p1 = await waitForExact(1, tA);
      assert.equal(p1.timeLag?.ms, snap.time - tA);

      // The consumer moves on (commit 6 on partition 0): the record at 6 is read.
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '6' }] });
      const moved = await monitor.refreshNow(ref);
      const p0moved = await waitForExact(0, tC);
      assert.equal(p0moved.timeLag?.ms, moved.time - tC);

      // Records 0–2 of partition 1 are deleted: its first unread record is gone, so only an estimate is left.
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 1, offset: '3' }] });
      await monitor.refreshNow(ref);
      const gone = partitionLag(1);
      assert.equal(gone?.earliest, 3);
      assert.ok(
        gone?.timeLag && gone.timeLag.kind !== 'exact',
        `an estimate, not exact: ${JSON.stringify(gone?.timeLag)}`,
      );
    } finally {
      focus.dispose();
    }

    // Reading records changed nothing of the group, and the reads made no group of their own.
    assert.equal(await committedOffset(admin, groupId, topic, 0), 6);
    assert.equal(await committedOffset(admin, groupId, topic, 1), 0);
    assert.ok(reads > 0, 'the exact reads ran');
    assert.deepEqual([...readGroups], [], 'the exact reads made no consumer group');
    const { groups } = await admin.listGroups();
    const tailGroups = groups.map((g) => g.groupId).filter((g) => isTailGroup(g) && !tailGroupsBefore.includes(g));
    assert.deepEqual(tailGroups, [], 'no tail group appeared on the cluster');
  });
});
