/**
 * sandbox-private: a provisioned cluster whose MSK API answers with MSK's shapes while its brokers
 * are a loopback port that accepts and never answers (a private cluster seen from a laptop).
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  DescribeClusterCommand,
  DescribeClusterV2Command,
  GetBootstrapBrokersCommand,
  KafkaClient,
  ListClusterOperationsV2Command,
  ListClustersCommand,
  ListNodesCommand,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import { openBlackHole } from '../../../sandbox/controlplane/blackHole';
import { LagMetricsStore } from '../../../sandbox/controlplane/lagMetrics';
import { privateCluster } from '../../../sandbox/controlplane/privateCluster';
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

void describe('control plane: the sandbox-private cluster', () => {
  void it('is described like an MSK provisioned cluster with IAM only, ACTIVE, three brokers', async () => {
    const { arn, name } = privateCluster(fake.state);
    assert.match(arn, /^arn:aws:kafka:us-east-1:123456789012:cluster\/sandbox-private\/[0-9a-f-]{36}-3$/);
    const v2 = await kafka().send(new DescribeClusterV2Command({ ClusterArn: arn }));
    assert.equal(v2.ClusterInfo?.ClusterName, name);
    assert.equal(v2.ClusterInfo?.ClusterType, 'PROVISIONED');
    assert.equal(v2.ClusterInfo?.State, 'ACTIVE');
    assert.equal(v2.ClusterInfo?.Provisioned?.NumberOfBrokerNodes, 3);
    assert.deepEqual(v2.ClusterInfo?.Provisioned?.ClientAuthentication?.Sasl?.Iam, { Enabled: true });
    assert.equal(v2.ClusterInfo?.Provisioned?.ClientAuthentication?.Unauthenticated?.Enabled, false);
    const v1 = await kafka().send(new DescribeClusterCommand({ ClusterArn: arn }));
    assert.equal(v1.ClusterInfo?.ClusterArn, arn);
    const list = await kafka().send(new ListClustersCommand({}));
    assert.deepEqual(
      list.ClusterInfoList?.map((c) => c.ClusterName),
      ['msk-sandbox', 'sandbox-private', 'sandbox-express'],
    );
  });

  void it('has its brokers at the black-holed loopback address, and no SCRAM secrets or operations', async () => {
    const { arn } = privateCluster(fake.state);
    const b = await kafka().send(new GetBootstrapBrokersCommand({ ClusterArn: arn }));
    assert.equal(b.BootstrapBrokerStringSaslIam, '127.0.0.1:9,127.0.0.1:9,127.0.0.1:9');
    assert.equal(b.BootstrapBrokerString, undefined);
    assert.equal(b.BootstrapBrokerStringTls, undefined);
    const nodes = await kafka().send(new ListNodesCommand({ ClusterArn: arn }));
    assert.deepEqual(
      nodes.NodeInfoList?.map((n) => [n.NodeType, n.BrokerNodeInfo?.BrokerId, n.BrokerNodeInfo?.Endpoints]),
      [
        ['BROKER', 1, ['127.0.0.1']],
        ['BROKER', 2, ['127.0.0.1']],
        ['BROKER', 3, ['127.0.0.1']],
      ],
    );
    assert.deepEqual((await kafka().send(new ListScramSecretsCommand({ ClusterArn: arn }))).SecretArnList, []);
    const ops = await kafka().send(new ListClusterOperationsV2Command({ ClusterArn: arn }));
    assert.deepEqual(ops.ClusterOperationInfoList, []);
  });
});

void describe('sandbox-private CloudWatch metrics', () => {
  void it('are the real broker groups published under both cluster names', () => {
    const store = new LagMetricsStore('msk-sandbox', ['sandbox-private']);
    store.record({
      time: Date.UTC(2026, 0, 15, 10, 0, 30),
      groups: [{ groupId: 'g', state: 'Stable', partitions: [{ topic: 't', partition: 0, committed: 4, logEnd: 10 }] }],
    });
    const sum = (cluster: string) =>
      store.query(
        {
          MetricName: 'SumOffsetLag',
          Dimensions: [
            { Name: 'Cluster Name', Value: cluster },
            { Name: 'Consumer Group', Value: 'g' },
            { Name: 'Topic', Value: 't' },
          ],
        },
        0,
        Date.UTC(2027, 0, 1),
        60,
        'Sum',
      );
    assert.deepEqual(sum('msk-sandbox'), [{ time: Date.UTC(2026, 0, 15, 10, 0), value: 6 }]);
    assert.deepEqual(sum('sandbox-private'), sum('msk-sandbox'));
    assert.deepEqual(sum('other'), []);
  });
});

void describe('the black hole', () => {
  void it('accepts a connection on loopback and never sends a byte back', async () => {
    const hole = await openBlackHole();
    try {
      assert.match(hole.address, /^127\.0\.0\.1:\d+$/);
      const [host, port] = hole.address.split(':');
      const socket = connect(Number(port), host);
      const received: Buffer[] = [];
      socket.on('data', (d: Buffer) => received.push(d));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      // A Kafka ApiVersions request; then close our side: the hole must close without answering.
      socket.write(Buffer.from('0000000e00120003000000010004746573740000', 'hex'));
      socket.end();
      await new Promise<void>((resolve) => socket.once('close', () => resolve()));
      assert.equal(Buffer.concat(received).length, 0);
    } finally {
      await hole.close();
    }
  });
});
