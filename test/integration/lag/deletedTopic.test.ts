/**
 * A topic deleted by someone else while the lag monitor watches its group: the next refreshes keep
 * working (kafkajs would otherwise ask for the deleted topic's metadata forever), and the shared
 * admin client of the other features never learnt about the monitor's topics.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { uniqueName, withAdmin } from '../support/sandbox';
import { produceTo, sandboxLagMonitor } from './helpers';

const { pool, cluster, ref, monitor } = sandboxLagMonitor('manual:lag-deleted-it');
const spec = cluster.spec;
const doomed = uniqueName('it-lag-doomed');
const kept = uniqueName('it-lag-kept');
const doomedGroup = uniqueName('it-lag-doomed');
const keptGroup = uniqueName('it-lag-kept');

after(async () => {
  monitor.dispose();
  for (const g of [doomedGroup, keptGroup]) await cluster.deleteConsumerGroup(g).catch(() => undefined);
  for (const t of [doomed, kept]) await cluster.deleteTopic(t).catch(() => undefined);
  await pool.disposeAll();
});

describe('a watched topic is deleted', () => {
  test('the monitor keeps refreshing the other groups', async () => {
    await cluster.createTopic({ name: doomed, partitions: 1, replicationFactor: 1 });
    await cluster.createTopic({ name: kept, partitions: 1, replicationFactor: 1 });
    const producer = await pool.getProducer(spec);
    await produceTo(producer, kept, 0, 6);
    await withAdmin(async (admin) => {
      await admin.setOffsets({ groupId: doomedGroup, topic: doomed, partitions: [{ partition: 0, offset: '0' }] });
      await admin.setOffsets({ groupId: keptGroup, topic: kept, partitions: [{ partition: 0, offset: '2' }] });
    });

    await monitor.refreshNow(ref);
    assert.ok(monitor.group(ref, doomedGroup), 'the doomed group is watched');
    assert.equal(monitor.group(ref, keptGroup)?.totalLag, 4);

    // Deleted by another client, as another tool or person would.
    await withAdmin((admin) => admin.deleteTopics({ topics: [doomed] }));

    await monitor.refreshNow(ref);
    await monitor.refreshNow(ref);
    assert.equal(monitor.error(ref), undefined, 'no refresh failed');
    assert.equal(monitor.group(ref, keptGroup)?.totalLag, 4);
    assert.equal(monitor.group(ref, doomedGroup)?.partitions.length ?? 0, 0, 'nothing is shown for the deleted topic');
    // The shared admin (the explorer's) still lists topics.
    assert.ok((await cluster.listTopics()).some((t) => t.name === kept));
  });
});
