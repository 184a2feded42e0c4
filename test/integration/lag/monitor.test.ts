/**
 * The lag monitor the tree and the lag view read from: a visible view's hold starts background
 * refreshes, the cache serves the group's lag, and a group moving to ERR is reported once.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { StatusChange } from '../../../src/services/lagMonitor';
import { uniqueName } from '../support/sandbox';
import { GatedConsumer, produceTo, sandboxLagMonitor, waitForCommit, waitForEmpty } from './helpers';

const { pool, cluster, ref, monitor } = sandboxLagMonitor('manual:lag-monitor-it');
const spec = cluster.spec;
const topic = uniqueName('it-lag-monitor');
const groupId = uniqueName('it-lag-monitor');
let consumer: GatedConsumer | undefined;

after(async () => {
  monitor.dispose();
  await consumer?.stop();
  await cluster.deleteConsumerGroup(groupId).catch(() => undefined);
  await cluster.deleteTopic(topic).catch(() => undefined);
  await pool.disposeAll();
});

describe('lag monitor', () => {
  test('a hold refreshes in the background; verdict changes are reported once per change', async () => {
    await cluster.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    const admin = await pool.getAdmin(spec);
    const producer = await pool.getProducer(spec);
    await produceTo(producer, topic, 0, 5);
    consumer = await GatedConsumer.start(pool, spec, groupId, topic);
    await waitForCommit(admin, groupId, topic, 0, 5);

    const changes: StatusChange[] = [];
    monitor.onDidChangeStatus((c) => changes.push(c));
    const updated = new Promise<void>((resolve) => {
      const sub = monitor.onDidUpdate(() => {
        sub.dispose();
        resolve();
      });
    });
    assert.equal(monitor.snapshot(ref), undefined, 'nothing cached before anyone looks');
    const hold = monitor.hold(ref);
    await updated;
    assert.equal(monitor.group(ref, groupId)?.totalLag, 0, 'the background refresh filled the cache');

    await monitor.refreshNow(ref);
    assert.equal(monitor.group(ref, groupId)?.verdict.status, 'OK');
    assert.deepEqual(
      changes.filter((c) => c.groupId === groupId).map((c) => [c.from, c.to]),
      [[undefined, 'OK']],
    );

    await consumer.stop();
    consumer = undefined;
    await waitForEmpty(admin, groupId);
    await produceTo(producer, topic, 0, 7);
    await monitor.refreshNow(ref);
    await monitor.refreshNow(ref);
    await monitor.refreshNow(ref);
    const g = monitor.group(ref, groupId);
    assert.equal(g?.totalLag, 7);
    assert.equal(g?.verdict.status, 'ERR');
    assert.deepEqual(
      changes.filter((c) => c.groupId === groupId).map((c) => [c.from, c.to]),
      [
        [undefined, 'OK'],
        ['OK', 'ERR'],
      ],
      'ERR reported once, not at every refresh',
    );
    hold.dispose();
  });
});
