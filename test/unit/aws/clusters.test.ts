import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nameFromArn, regionOfArn } from '../../../src/shared/arn';
import { authModesOf, toClusterSummary, toNodes } from '../../../src/aws/clusters';

const provisioned = {
  ClusterArn: 'arn:aws:kafka:us-east-1:111122223333:cluster/orders/0b6a-1',
  ClusterName: 'orders',
  ClusterType: 'PROVISIONED' as const,
  State: 'ACTIVE' as const,
  CreationTime: new Date('2024-03-01T10:00:00Z'),
  Tags: { team: 'payments' },
  Provisioned: {
    NumberOfBrokerNodes: 3,
    BrokerNodeGroupInfo: {
      ClientSubnets: ['subnet-1'],
      InstanceType: 'kafka.m5.large',
      ConnectivityInfo: { PublicAccess: { Type: 'SERVICE_PROVIDED_EIPS' } },
    },
    CurrentBrokerSoftwareInfo: { KafkaVersion: '3.9.x' },
    ClientAuthentication: {
      Sasl: { Scram: { Enabled: true }, Iam: { Enabled: true } },
      Tls: { CertificateAuthorityArnList: ['arn:aws:acm-pca:us-east-1:1:certificate-authority/x'], Enabled: true },
      Unauthenticated: { Enabled: false },
    },
  },
};

void describe('cluster mapping', () => {
  void test('a provisioned cluster becomes a plain summary with its auth modes in preference order', () => {
    assert.deepEqual(toClusterSummary(provisioned), {
      arn: provisioned.ClusterArn,
      name: 'orders',
      type: 'PROVISIONED',
      state: 'ACTIVE',
      kafkaVersion: '3.9.x',
      authModes: ['iam', 'scram', 'tls'],
      brokerCount: 3,
      instanceType: 'kafka.m5.large',
      publicAccess: true,
      creationTime: new Date('2024-03-01T10:00:00Z'),
      tags: { team: 'payments' },
    });
  });

  void test('a provisioned cluster names the MSK configuration revision it runs; without one it runs the default', () => {
    const configurationArn = 'arn:aws:kafka:us-east-1:111122223333:configuration/orders-config/ab12-3';
    const custom = toClusterSummary({
      ...provisioned,
      Provisioned: {
        ...provisioned.Provisioned,
        CurrentBrokerSoftwareInfo: {
          KafkaVersion: '3.9.x',
          ConfigurationArn: configurationArn,
          ConfigurationRevision: 4,
        },
      },
    });
    assert.deepEqual(custom.configuration, { arn: configurationArn, revision: 4 });
    assert.equal(toClusterSummary(provisioned).configuration, undefined);
  });

  void test('a serverless cluster offers IAM only', () => {
    const s = toClusterSummary({
      ClusterArn: 'arn:aws:kafka:us-east-1:111122223333:cluster/events/9f-2',
      ClusterName: 'events',
      ClusterType: 'SERVERLESS',
      State: 'CREATING',
      Serverless: { VpcConfigs: [], ClientAuthentication: { Sasl: { Iam: { Enabled: true } } } },
    });
    assert.deepEqual(
      [s.type, s.authModes, s.brokerCount, s.kafkaVersion, s.state],
      ['SERVERLESS', ['iam'], undefined, undefined, 'CREATING'],
    );
  });

  void test('a cluster without a client authentication block is unauthenticated', () => {
    assert.deepEqual(
      authModesOf({
        ClusterType: 'PROVISIONED',
        Provisioned: { NumberOfBrokerNodes: 2, BrokerNodeGroupInfo: undefined },
      }),
      ['unauthenticated'],
    );
  });

  void test('nodes: brokers only, sorted by id, with endpoints, subnet, instance type and version', () => {
    const nodes = toNodes([
      {
        NodeType: 'BROKER',
        InstanceType: 'kafka.m5.large',
        NodeARN: 'arn:node/2',
        BrokerNodeInfo: {
          BrokerId: 2,
          Endpoints: ['b-2.orders.kafka.us-east-1.amazonaws.com'],
          ClientSubnet: 'subnet-b',
          CurrentBrokerSoftwareInfo: { KafkaVersion: '3.9.x' },
        },
      },
      { NodeType: 'BROKER', ZookeeperNodeInfo: { ZookeeperId: 1 } },
      { NodeType: 'BROKER', BrokerNodeInfo: { BrokerId: 1, Endpoints: ['b-1.orders.kafka.us-east-1.amazonaws.com'] } },
    ]);
    assert.deepEqual(nodes, [
      { brokerId: 1, endpoints: ['b-1.orders.kafka.us-east-1.amazonaws.com'] },
      {
        brokerId: 2,
        endpoints: ['b-2.orders.kafka.us-east-1.amazonaws.com'],
        clientSubnet: 'subnet-b',
        instanceType: 'kafka.m5.large',
        kafkaVersion: '3.9.x',
        nodeArn: 'arn:node/2',
      },
    ]);
  });

  void test('ARN helpers', () => {
    assert.equal(regionOfArn(provisioned.ClusterArn), 'us-east-1');
    assert.equal(nameFromArn(provisioned.ClusterArn), 'orders');
    assert.equal(regionOfArn('not-an-arn'), undefined);
    assert.equal(nameFromArn('arn:aws:kafkaconnect:eu-west-1:1:custom-plugin/debezium/abc-1'), 'debezium');
  });
});
