/**
 * sandbox-express: a provisioned cluster with Express brokers, in MSK's shapes through the real SDK
 * (instance type express.*, no EBS storage settings, storage mode, Kafka version), and the topic
 * configurations MSK keeps read-only on Express refused by UpdateTopic with MSK's message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeClusterCommand,
  DescribeClusterV2Command,
  KafkaClient,
  ListClustersV2Command,
  UpdateTopicCommand,
} from '@aws-sdk/client-kafka';
import { expressCluster } from '../../../sandbox/controlplane/expressCluster';
import { toClusterSummary } from '../../../src/aws/clusters';
import { sdkConfig, startFakeControlPlane, type FakeSandbox } from './fixtures';

let fake: FakeSandbox;
before(async () => {
  fake = await startFakeControlPlane();
});
after(async () => {
  await fake.close();
});

function kafka(): KafkaClient {
  return new KafkaClient(sdkConfig(fake));
}

void describe('control plane: the sandbox-express cluster', () => {
  it('has a stable ARN of its own, derived from the provisioned cluster', () => {
    const { arn, name } = expressCluster(fake.state);
    assert.equal(name, 'sandbox-express');
    assert.match(arn, /^arn:aws:kafka:us-east-1:123456789012:cluster\/sandbox-express\/[0-9a-f-]{36}-e1$/);
    assert.notEqual(arn, fake.state.clusters.provisioned.arn);
    assert.equal(expressCluster(fake.state).arn, arn);
  });

  it('is described (v2 and v1) with Express brokers: express.* instance type, no EBS storage, storage mode and Kafka version', async () => {
    const { arn } = expressCluster(fake.state);
    const v2 = await kafka().send(new DescribeClusterV2Command({ ClusterArn: arn }));
    const p = v2.ClusterInfo?.Provisioned;
    assert.equal(v2.ClusterInfo?.ClusterName, 'sandbox-express');
    assert.equal(v2.ClusterInfo?.ClusterType, 'PROVISIONED');
    assert.equal(p?.BrokerNodeGroupInfo?.InstanceType, 'express.m7g.large');
    assert.equal(p?.BrokerNodeGroupInfo?.StorageInfo, undefined, 'Express brokers have no EBS volume size');
    assert.equal(p?.StorageMode, 'LOCAL');
    assert.equal(p?.CurrentBrokerSoftwareInfo?.KafkaVersion, fake.state.kafkaVersion);
    assert.equal(p?.Rebalancing?.Status, 'ACTIVE');
    const v1 = await kafka().send(new DescribeClusterCommand({ ClusterArn: arn }));
    assert.equal(v1.ClusterInfo?.BrokerNodeGroupInfo?.InstanceType, 'express.m7g.large');

    const listed = await kafka().send(new ListClustersV2Command({ ClusterNameFilter: 'sandbox-express' }));
    const summary = toClusterSummary(listed.ClusterInfoList?.[0] ?? {});
    assert.equal(summary.instanceType, 'express.m7g.large');
    assert.equal(summary.storageMode, 'LOCAL');
    assert.equal(summary.kafkaVersion, fake.state.kafkaVersion);
  });

  it("refuses UpdateTopic of a configuration Express keeps read-only, with MSK's message, before the broker is asked", async () => {
    const { arn } = expressCluster(fake.state);
    const configs = Buffer.from(JSON.stringify({ 'segment.bytes': '1048576' })).toString('base64');
    const err = await kafka()
      .send(new UpdateTopicCommand({ ClusterArn: arn, TopicName: 'orders', Configs: configs }))
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    assert.ok(err, 'UpdateTopic was refused');
    assert.equal(err.name, 'BadRequestException');
    assert.match(err.message, /^Amazon MSK Express brokers can't alter topic configuration segment\.bytes\./);
    assert.match(err.message, /retention\.ms/);
  });

  it('refuses a whole UpdateTopic that mixes an allowed configuration with one AWS does not list for Express', async () => {
    const { arn } = expressCluster(fake.state);
    const configs = Buffer.from(
      JSON.stringify({ 'delete.retention.ms': '3600000', 'message.timestamp.difference.max.ms': '60000' }),
    ).toString('base64');
    const err = await kafka()
      .send(new UpdateTopicCommand({ ClusterArn: arn, TopicName: 'orders', Configs: configs }))
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    assert.ok(err, 'UpdateTopic was refused');
    assert.equal(err.name, 'BadRequestException');
    assert.match(
      err.message,
      /^Amazon MSK Express brokers can't alter topic configuration message\.timestamp\.difference\.max\.ms\./,
    );
    assert.match(err.message, /delete\.retention\.ms, max\.message\.bytes/, 'the message lists what can be changed');
  });
});
