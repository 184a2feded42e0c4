/**
 * Broker dynamic configuration against the sandbox broker: a config set cluster-wide and per broker
 * shows the value it overrides next to it, and removing each override restores what was below.
 *
 * The config changed is log.cleaner.backoff.ms (Kafka's "Updating Broker Configs": cluster-wide
 * updatable, so settable per broker too): how long the log cleaner sleeps when no log needs
 * cleaning. Moving it from 15000 to 15001/15002 ms for a few seconds changes nothing any other test
 * can see (no retention, no produce/fetch limit, no connection limit), and `finally` deletes both
 * overrides whatever happens, since the sandbox is shared.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { newPool, specFor } from './helpers';

const pool = newPool();
after(() => pool.disposeAll());

const NAME = 'log.cleaner.backoff.ms';

describe('broker dynamic configuration', () => {
  test('cluster-wide then per-broker override, each shown over the value below it, then removed', async () => {
    const cluster = new KafkaCluster(pool, { ...specFor('scram'), id: 'it-broker-config' });
    const [broker] = await cluster.describeBrokers();
    const entry = async () => (await cluster.describeBrokerConfig(broker.id)).find((e) => e.name === NAME)!;
    const before = await entry();
    assert.equal(before.readOnly, false, `${NAME} is dynamically updatable`);
    assert.deepEqual(
      before.synonyms.filter((s) => s.source.startsWith('dynamic')),
      [],
      'no dynamic override left by an earlier run',
    );
    const base = before.value!;
    const wide = String(Number(base) + 1);
    const own = String(Number(base) + 2);
    try {
      assert.equal(await cluster.alterBrokerConfig(null, NAME, wide), true, 'the broker applied it');
      const afterWide = await entry();
      assert.equal(afterWide.value, wide);
      assert.equal(afterWide.source, 'dynamicDefault');
      assert.deepEqual(
        afterWide.synonyms.slice(0, 2).map((s) => [s.source, s.value]),
        [
          ['dynamicDefault', wide],
          [before.synonyms[0].source, base],
        ],
      );

      assert.equal(await cluster.alterBrokerConfig(broker.id, NAME, own), true);
      const afterOwn = await entry();
      assert.equal(afterOwn.value, own);
      assert.equal(afterOwn.source, 'dynamicBroker');
      assert.deepEqual(
        afterOwn.synonyms.slice(0, 3).map((s) => [s.source, s.value]),
        [
          ['dynamicBroker', own],
          ['dynamicDefault', wide],
          [before.synonyms[0].source, base],
        ],
      );

      await cluster.alterBrokerConfig(broker.id, NAME, null);
      assert.deepEqual([(await entry()).source, (await entry()).value], ['dynamicDefault', wide]);
      await cluster.alterBrokerConfig(null, NAME, null);
      const restored = await entry();
      assert.deepEqual([restored.source, restored.value], [before.source, base]);
    } finally {
      await cluster.alterBrokerConfig(broker.id, NAME, null).catch(() => undefined);
      await cluster.alterBrokerConfig(null, NAME, null).catch(() => undefined);
    }
  });

  test("a read-only (static) config is refused with Kafka's own words", async () => {
    const cluster = new KafkaCluster(pool, { ...specFor('iam'), id: 'it-broker-config-ro-entry' });
    const [broker] = await cluster.describeBrokers();
    const dirs = (await cluster.describeBrokerConfig(broker.id)).find((e) => e.name === 'log.dirs')!;
    assert.equal(dirs.readOnly, true);
    // validateOnly: the broker checks exactly as for a real change and changes nothing even if it were accepted.
    await assert.rejects(
      cluster.alterBrokerConfig(broker.id, 'log.dirs', '/nonexistent', { validateOnly: true }),
      (err: unknown) => {
        assert.ok(isKafkaUserError(err));
        assert.equal(err.code, 'InvalidRequest');
        assert.match(err.message, /Kafka refused to set log\.dirs on broker \d+: .*log\.dirs/);
        return true;
      },
    );
  });

  test('the readonly principal may not read or change broker configs: the ACL / IAM action is named', async () => {
    const scram = new KafkaCluster(pool, { ...specFor('scram', 'readonly'), id: 'it-broker-config-ro-scram' });
    const iam = new KafkaCluster(pool, { ...specFor('iam', 'readonly'), id: 'it-broker-config-ro-iam' });
    const [broker] = await scram.describeBrokers();
    await assert.rejects(scram.describeBrokerConfig(broker.id), (err: unknown) => {
      assert.ok(isKafkaUserError(err));
      assert.equal(err.code, 'Authorization');
      assert.match(err.message, /DESCRIBE_CONFIGS on Cluster/);
      return true;
    });
    await assert.rejects(iam.describeBrokerConfig(broker.id), /kafka-cluster:DescribeClusterDynamicConfiguration/);
    await assert.rejects(iam.alterBrokerConfig(null, NAME, '15001'), (err: unknown) => {
      assert.ok(isKafkaUserError(err));
      assert.equal(err.code, 'Authorization');
      assert.match(err.message, /kafka-cluster:AlterClusterDynamicConfiguration/);
      return true;
    });
  });
});
