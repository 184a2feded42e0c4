/**
 * The lag monitor's CloudWatch fallback, in plain Node against the real sandbox: the
 * sandbox-private cluster's MSK API answers but its brokers are a loopback port that never
 * answers, so the Kafka read fails (times out) and the monitor serves MSK's CloudWatch
 * consumer-lag metrics instead, computed by the control plane from the real broker's offsets.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AwsScope } from '../../../src/services/backend';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { LagMonitor } from '../../../src/services/lagMonitor';
import { silentLogger } from '../../../src/shared/logger';
import { waitFor } from '../kafka/helpers';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, sandbox, withAdmin } from '../support/sandbox';

const st = sandbox();
const lagSettings = () => ({ refreshSeconds: 1, windowSamples: 3, minSamples: 2, historySamples: 10, concurrency: 4 });

describe('lag monitor: CloudWatch when the brokers of an MSK cluster do not answer', () => {
  const cleanup = new Cleanup();
  const backend = backendWith(sandboxSettings());
  const monitor = new LagMonitor(backend, lagSettings, silentLogger);
  monitor.useCloudWatch(backend.cloudWatchLag());
  let topic = '';
  const group = cleanup.group('it-lag-cwfb');
  let privateRef: ClusterRef;
  let hold: { dispose(): void } | undefined;

  before(async () => {
    // A real group on the real broker: 7 records, committed at 3 on partition 0 (lag 4).
    topic = await cleanup.createTopic('it-lag-cwfb');
    const { Kafka, logLevel } = await import('kafkajs');
    const producer = new Kafka({ brokers: [st.listeners.plaintext], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 7 }, (_, i) => ({ partition: 0, value: `v${i}` })) });
    await producer.disconnect();
    await withAdmin((admin) =>
      admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '3' }] }),
    );

    const scopes: AwsScope[] = await backend.scopes();
    const page = await backend.listClusters(scopes[0], undefined, 100);
    const found = page.items.find((c) => c.name === 'sandbox-private');
    assert.ok(found, 'the sandbox-private cluster is listed by the MSK API');
    privateRef = found;
  });

  after(async () => {
    hold?.dispose();
    monitor.dispose();
    await backend.dispose();
    await cleanup.run();
  });

  test('the overview comes from CloudWatch, with the real broker numbers, once the Kafka read failed', async () => {
    hold = monitor.hold(privateRef);
    const overview = await waitFor(
      'the monitor to fall back to CloudWatch with the group',
      () => {
        const cw = monitor.cloudWatch(privateRef);
        const g = cw?.data?.groups.find((x) => x.groupId === group);
        return Promise.resolve(g && g.totalLag === 4 ? cw : undefined);
      },
      120_000,
    );
    assert.ok(monitor.error(privateRef), 'the Kafka read of the unreachable brokers failed');
    assert.equal(monitor.snapshot(privateRef), undefined, 'no lag was read from the brokers');
    assert.equal(overview.data?.source, 'cloudwatch');
    assert.equal(overview.data?.clusterName, 'sandbox-private');
    assert.equal(overview.data?.periodSeconds, 60);
    assert.ok(overview.data?.dataTime !== undefined, 'the data has a time (for its age)');
    const g = overview.data?.groups.find((x) => x.groupId === group);
    assert.deepEqual(
      g?.topics.map((t) => [t.topic, t.sumOffsetLag, t.maxOffsetLag]),
      [[topic, 4, 4]],
    );
  });

  test('a group in detail gets its CloudWatch partitions', async () => {
    const focus = monitor.focus(privateRef, group);
    try {
      const detail = await waitFor(
        'the group’s CloudWatch detail',
        () => Promise.resolve(monitor.cloudWatchGroup(privateRef, group)?.data),
        60_000,
      );
      assert.deepEqual(
        detail.topics[0]?.partitions?.map((p) => [p.partition, p.offsetLag]),
        [[0, 4]],
      );
    } finally {
      focus.dispose();
    }
  });
});
