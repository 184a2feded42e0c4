/**
 * The lag monitor the tree and the lag view read from: a visible view's hold starts background
 * refreshes, the cache serves the group's lag, and a group moving to ERR is reported once.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { KafkaCluster } from '../../../src/kafka/cluster';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { LagMonitor, type StatusChange } from '../../../src/services/lagMonitor';
import { newPool, specFor } from '../kafka/helpers';
import { uniqueName } from '../support/sandbox';
import { GatedConsumer, produceTo, waitForCommit, waitForEmpty } from './helpers';

const pool = newPool();
const spec = specFor('plaintext');
const cluster = new KafkaCluster(pool, spec);
const ref: ClusterRef = {
  key: 'manual:lag-monitor-it',
  name: 'sandbox',
  source: 'manual',
  type: 'SELF_MANAGED',
  authModes: [],
};
const topic = uniqueName('it-lag-monitor');
const groupId = uniqueName('it-lag-monitor');
const log = { warn: () => undefined, debug: () => undefined };
const monitor = new LagMonitor(
  { kafka: () => Promise.resolve(cluster) },
  () => ({ refreshSeconds: 3600, windowSamples: 2, minSamples: 2, historySamples: 10, concurrency: 8 }),
  log,
);
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
