/**
 * An MSK cluster with Express brokers (the sandbox's `sandbox-express`, the real broker behind it) as
 * the explorer's backend sees it: broker kind, storage mode and Kafka version from the MSK API through
 * the real SDK; topic configurations Express keeps read-only refused before anything is sent (the
 * topic keeps its value), the ones it allows changed on the broker; and MSK's UpdateTopic refusing
 * the same configurations for that cluster.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { KafkaClient, UpdateTopicCommand } from '@aws-sdk/client-kafka';
import { fromIni } from '@aws-sdk/credential-providers';
import { expressCluster } from '../../../sandbox/controlplane/expressCluster';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { describeTopicConfig } from '../../../src/kafka/topicConfig';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, sandbox, withAdmin } from '../support/sandbox';

const cleanup = new Cleanup();
const backend = backendWith(sandboxSettings());
let express: ClusterRef;
let topic: string;

async function configValue(name: string): Promise<string | null | undefined> {
  return withAdmin(async (admin) => (await describeTopicConfig(admin, topic, [name]))[0]?.value);
}

/** The MSK API of the sandbox's control plane, as the sandbox AWS profile. */
function mskClient(): KafkaClient {
  const st = sandbox();
  return new KafkaClient({
    region: st.region,
    endpoint: st.controlPlaneEndpoint,
    credentials: fromIni({
      profile: st.aws.profile,
      filepath: st.aws.credentialsFile,
      configFilepath: st.aws.configFile,
    }),
    maxAttempts: 1,
  });
}

before(async () => {
  const [scope] = await backend.scopes();
  assert.ok(scope, 'the sandbox AWS profile gives a scope');
  const page = await backend.listClusters(scope, undefined, 100);
  const found = page.items.find((c) => c.name === 'sandbox-express');
  assert.ok(found, 'sandbox-express is listed');
  express = found;
  topic = await cleanup.createTopic('it-express');
});

after(async () => {
  await backend.dispose();
  await cleanup.run();
});

void describe('an MSK cluster with Express brokers', () => {
  it('is listed with its Express instance type, storage mode and Kafka version', () => {
    const st = sandbox();
    assert.equal(express.arn, expressCluster(st).arn);
    assert.equal(express.type, 'PROVISIONED');
    assert.equal(express.instanceType, 'express.m7g.large');
    assert.equal(express.storageMode, 'LOCAL');
    assert.equal(express.kafkaVersion, st.kafkaVersion);
  });

  it('refuses a read-only topic configuration before sending, and the topic keeps its value', async () => {
    const before = await configValue('segment.bytes');
    await assert.rejects(backend.setTopicConfig(express, topic, 'segment.bytes', '1048576'), (err: Error) => {
      assert.match(err.message, /^Amazon MSK Express brokers can't alter topic configuration segment\.bytes\./);
      return true;
    });
    assert.equal(await configValue('segment.bytes'), before);
  });

  it('changes configurations Express allows (retention.ms, and the compaction ones AWS lists) on the broker', async () => {
    await backend.setTopicConfig(express, topic, 'retention.ms', '7200000');
    assert.equal(await configValue('retention.ms'), '7200000');
    await backend.setTopicConfig(express, topic, 'delete.retention.ms', '3600000');
    assert.equal(await configValue('delete.retention.ms'), '3600000');
    assert.equal(await configValue('retention.ms'), '7200000', 'the earlier override is kept');
  });

  it("MSK's UpdateTopic changes a compaction configuration Express allows (min.compaction.lag.ms) on the broker", async () => {
    const st = sandbox();
    const kafka = mskClient();
    const configs = Buffer.from(JSON.stringify({ 'min.compaction.lag.ms': '60000' })).toString('base64');
    const res = await kafka
      .send(new UpdateTopicCommand({ ClusterArn: expressCluster(st).arn, TopicName: topic, Configs: configs }))
      .finally(() => kafka.destroy());
    assert.equal(res.Status, 'UPDATING');
    assert.equal(await configValue('min.compaction.lag.ms'), '60000');
  });

  it("MSK's UpdateTopic refuses the read-only configuration for this cluster, and the broker keeps its value", async () => {
    const st = sandbox();
    const kafka = mskClient();
    const before = await configValue('min.insync.replicas');
    const configs = Buffer.from(JSON.stringify({ 'min.insync.replicas': '2' })).toString('base64');
    await assert.rejects(
      kafka.send(new UpdateTopicCommand({ ClusterArn: expressCluster(st).arn, TopicName: topic, Configs: configs })),
      (err: Error) => {
        assert.equal(err.name, 'BadRequestException');
        assert.match(err.message, /can't alter topic configuration min\.insync\.replicas/);
        return true;
      },
    );
    assert.equal(await configValue('min.insync.replicas'), before);
    kafka.destroy();
  });
});
