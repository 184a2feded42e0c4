import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectorsForCluster, toConnectorDetail, toConnectorSummary } from '../../../src/aws/connectors';

function connector(name: string, bootstrapServers: string, extra: Record<string, unknown> = {}) {
  return toConnectorSummary({
    connectorArn: `arn:aws:kafkaconnect:us-east-1:111122223333:connector/${name}/uuid-${name}`,
    connectorName: name,
    connectorState: 'RUNNING',
    kafkaConnectVersion: '2.7.1',
    capacity: { provisionedCapacity: { workerCount: 2, mcuCount: 1 } },
    plugins: [
      { customPlugin: { customPluginArn: 'arn:aws:kafkaconnect:us-east-1:1:custom-plugin/s3-sink/p-1', revision: 3 } },
    ],
    kafkaCluster: { apacheKafkaCluster: { bootstrapServers, vpc: { subnets: [], securityGroups: [] } } },
    ...extra,
  });
}

void describe('connectors of a cluster', () => {
  const clusterStrings = [
    'b-1.orders.c1.kafka.us-east-1.amazonaws.com:9098,b-2.orders.c1.kafka.us-east-1.amazonaws.com:9098',
    'b-1.orders.c1.kafka.us-east-1.amazonaws.com:9096',
  ];
  const all = [
    connector('iam-sink', 'b-2.orders.c1.kafka.us-east-1.amazonaws.com:9098'),
    connector('scram-source', 'B-1.ORDERS.c1.kafka.us-east-1.amazonaws.com:9096, other:9092'),
    connector('other-cluster', 'b-1.billing.c7.kafka.us-east-1.amazonaws.com:9098'),
    connector('same-host-other-port', 'b-1.orders.c1.kafka.us-east-1.amazonaws.com:9092'),
  ];

  void test('a connector matches when any of its brokers is in any of the cluster bootstrap strings', () => {
    assert.deepEqual(
      connectorsForCluster(all, clusterStrings).map((c) => c.name),
      ['iam-sink', 'scram-source'],
    );
  });

  void test('no bootstrap strings match nothing', () => {
    assert.deepEqual(connectorsForCluster(all, []), []);
  });

  void test('the summary carries state, capacity, plugin and Connect version', () => {
    const c = all[0];
    assert.deepEqual(
      { state: c?.state, capacity: c?.capacity, plugins: c?.plugins, version: c?.kafkaConnectVersion },
      {
        state: 'RUNNING',
        capacity: '2 workers x 1 MCU',
        plugins: [{ arn: 'arn:aws:kafkaconnect:us-east-1:1:custom-plugin/s3-sink/p-1', name: 's3-sink', revision: 3 }],
        version: '2.7.1',
      },
    );
    const auto = connector('auto', 'x:1', {
      capacity: { autoScaling: { minWorkerCount: 1, maxWorkerCount: 4, mcuCount: 2 } },
      connectorState: 'FAILED',
    });
    assert.equal(auto.capacity, 'autoscaled 1-4 workers x 2 MCU');
    assert.equal(auto.state, 'FAILED');
  });

  void test('detail adds configuration and state description', () => {
    const d = toConnectorDetail({
      connectorArn: 'arn:aws:kafkaconnect:us-east-1:1:connector/x/y',
      connectorConfiguration: { 'connector.class': 'FileStreamSink', topics: 'orders' },
      stateDescription: { code: 'E1', message: 'worker crashed' },
      connectorState: 'FAILED',
    });
    assert.equal(d.name, 'x');
    assert.deepEqual(d.configuration, { 'connector.class': 'FileStreamSink', topics: 'orders' });
    assert.deepEqual(d.stateDescription, { code: 'E1', message: 'worker crashed' });
  });
});
