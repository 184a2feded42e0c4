/**
 * Partitions and broker configuration through the explorer backend, as the tree and commands use
 * them: with msk.topics.source "mskApi" adding partitions goes through MSK's UpdateTopic (its
 * partitionCount) and happens on the real broker, sizes are omitted with the reason; through the
 * brokers the sizes come from DescribeLogDirs; the Brokers folder's cluster-wide entry and broker
 * entries read the configuration with each override next to what it overrides.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import type { ClusterRef } from '../../../src/services/clusterModel';
import type { MskBackend } from '../../../src/services/mskBackend';
import { MSK_API_SIZES_NOTE } from '../../../src/services/partitionOps';
import { isUserError } from '../../../src/shared/errors';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, sandbox, withAdmin } from '../support/sandbox';

async function provisioned(backend: MskBackend): Promise<ClusterRef> {
  const [scope] = await backend.scopes();
  const page = await backend.listClusters(scope, undefined, 100);
  const c = page.items.find((x) => x.arn === sandbox().clusters.provisioned.arn);
  assert.ok(c, 'the provisioned cluster is listed');
  return c;
}

const partitionCount = (topic: string) =>
  withAdmin(async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length);

describe('partitions through the backend', () => {
  const cleanup = new Cleanup();
  const api = backendWith(sandboxSettings({ topicsSource: 'mskApi' }));
  const brokers = backendWith(sandboxSettings({ topicsSource: 'kafka' }));
  after(async () => {
    await api.dispose();
    await brokers.dispose();
    await cleanup.run();
  });

  it('MSK API: UpdateTopic grows the topic on the broker; a smaller count is refused before sending', async () => {
    const cluster = await provisioned(api);
    const topic = await cleanup.createTopic('it-part-api', 1);
    const ops = api.ops(cluster);
    const admin = ops.partitionAdmin!();
    await assert.rejects(admin.addPartitions(topic, 1), (err: unknown) => {
      assert.ok(isUserError(err));
      assert.match(err.message, /must exceed the current 1/);
      return true;
    });
    assert.deepEqual(await admin.addPartitions(topic, 3), { before: 1, via: 'mskApi' });
    assert.equal(await partitionCount(topic), 3);
    assert.deepEqual(await admin.sizes(topic, await ops.partitions(topic)), { note: MSK_API_SIZES_NOTE });
  });

  it('brokers: adds partitions and reports each replica size', async () => {
    const cluster = await provisioned(brokers);
    const topic = await cleanup.createTopic('it-part-brk', 1);
    const ops = brokers.ops(cluster);
    assert.deepEqual(await ops.partitionAdmin!().addPartitions(topic, 2), { before: 1, via: 'kafka' });
    const rows = await ops.partitions(topic);
    const sizes = await ops.partitionAdmin!().sizes(topic, rows);
    assert.equal(sizes.note, undefined);
    assert.deepEqual(
      rows.map((r) => sizes.partitions?.[r.partition]?.map((s) => s.broker)),
      rows.map((r) => [...r.replicas].sort((a, b) => a - b)),
    );
  });

  it('broker configuration: the cluster-wide entry and a broker list configs with their sources', async () => {
    const cluster = await provisioned(brokers);
    const configs = brokers.ops(cluster).brokerConfigs!();
    const [b] = await brokers.ops(cluster).brokers();
    const perBroker = await configs.read(b.id);
    const wide = await configs.read(null);
    const dirs = perBroker.find((r) => r.name === 'log.dirs');
    assert.equal(dirs?.readOnly, true);
    assert.equal(dirs?.source, 'static (server.properties)');
    const backoff = wide.find((r) => r.name === 'log.cleaner.backoff.ms');
    assert.deepEqual(backoff && { override: backoff.isOverride, readOnly: backoff.readOnly }, {
      override: false,
      readOnly: false,
    });
  });
});
