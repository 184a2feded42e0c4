/**
 * What the explorer reads of one cluster (brokers, topics, partitions, configuration, groups,
 * connectors) as plain rows, over its resolved Kafka connection and, for MSK, the MSK APIs.
 * No vscode import; the Backend (mskBackend.ts) gives it the connection and the AWS parts.
 */
import type * as Aws from '../aws/index';
import type * as Kafka from '../kafka/index';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { aclOps } from './aclOps';
import { brokerConfigOps } from './brokerConfigOps';
import { partitionOps } from './partitionOps';
import type { BrokerRow, ClusterOps, ClusterRef, ConfigRow, ConnectorRow } from './clusterModel';
import type { ResolvedCluster } from './connectionResolver';
import { mskTopicRows } from './topicSourceApi';
import type { TopicSource } from './topicSource';

export interface ClusterOpsDeps {
  /** The cluster's Kafka connection (resolved once and shared by the backend). */
  resolve(cluster: ClusterRef): Promise<ResolvedCluster>;
  msk(): Aws.MskService;
  /** MSK's topic API and the per-cluster choice between it and the brokers (topicSource.ts). */
  topics?: { source: TopicSource; api: () => Aws.MskTopicsService };
  /** Where AWS calls for the cluster go (profile, region, endpoint). */
  target(cluster: ClusterRef): Aws.AwsTarget;
  log: Logger;
}

const CONFIG_SOURCE_LABEL: Record<string, string> = {
  topicOverride: 'topic override',
  broker: 'broker',
  default: 'default',
  unknown: 'unknown',
};

export function clusterOps(cluster: ClusterRef, deps: ClusterOpsDeps): ClusterOps {
  const kafka = async () => (await deps.resolve(cluster)).kafka;
  const viaKafka = {
    topics: async () => (await kafka()).listTopics(),
    partitions: async (topic: string) =>
      (await (await kafka()).describeTopic(topic)).partitions.map((p) => ({
        partition: p.partition,
        leader: p.leader ?? -1,
        replicas: p.replicas,
        isr: p.isr,
        earliest: p.earliestOffset,
        latest: p.latestOffset,
      })),
    topicConfig: async (topic: string) => (await (await kafka()).describeTopicConfig(topic)).map(toConfigRow),
  };
  const t = deps.topics;
  const api = t ? mskTopicRows(cluster, t.api, deps.target(cluster)) : undefined;
  return {
    brokers: () => brokers(cluster, deps),
    topics: () => (t && api ? t.source.run(cluster, viaKafka.topics, api.topics) : viaKafka.topics()),
    partitions: (topic) =>
      t && api
        ? t.source.run(
            cluster,
            () => viaKafka.partitions(topic),
            () => api.partitions(topic),
          )
        : viaKafka.partitions(topic),
    topicConfig: (topic) =>
      t && api
        ? t.source.run(
            cluster,
            () => viaKafka.topicConfig(topic),
            () => api.topicConfig(topic),
          )
        : viaKafka.topicConfig(topic),
    topicSource: () => t?.source.info(cluster),
    groups: async () =>
      (await (await kafka()).listConsumerGroups()).map((g) => ({
        groupId: g.id,
        state: g.state,
        protocolType: g.protocolType,
        members: g.members,
      })),
    connectors: () => connectors(cluster, deps),
    acls: () => aclOps(kafka),
    partitionAdmin: () => partitionOps(cluster, { kafka, topics: t, target: deps.target(cluster) }),
    brokerConfigs: () => brokerConfigOps(kafka),
  };
}

async function brokers(cluster: ClusterRef, deps: ClusterOpsDeps): Promise<BrokerRow[]> {
  const { kafka } = await deps.resolve(cluster);
  const live = await kafka.describeBrokers();
  let nodes: Aws.MskNode[] = [];
  if (cluster.source === 'msk' && cluster.type === 'PROVISIONED' && cluster.arn) {
    try {
      nodes = await deps.msk().listNodes(deps.target(cluster), cluster.arn);
    } catch (err) {
      // The live metadata is still worth showing; the log says why MSK's node details are missing.
      deps.log.warn(`ListNodes for ${cluster.name} failed: ${String(err)}`);
    }
  }
  const byId = new Map(nodes.map((n) => [n.brokerId, n]));
  return live.map((b) => {
    const node = byId.get(b.id);
    return {
      id: b.id,
      host: b.host,
      port: b.port,
      rack: b.rack ?? undefined,
      isController: b.isController,
      instanceType: node?.instanceType,
      endpoints: node?.endpoints,
      clientSubnet: node?.clientSubnet,
    };
  });
}

async function connectors(cluster: ClusterRef, deps: ClusterOpsDeps): Promise<ConnectorRow[]> {
  if (cluster.source !== 'msk') return [];
  const { allBootstrap } = await deps.resolve(cluster);
  const msk = deps.msk();
  const list = await msk.listConnectorsForCluster(deps.target(cluster), allBootstrap);
  // ListConnectors gives no reason for a failure: DescribeConnector's stateDescription does.
  return Promise.all(
    list.map(async (c) => {
      const failure =
        c.state === 'FAILED'
          ? await msk.describeConnector(deps.target(cluster), c.arn).then(
              (d) => describeFailure(d.stateDescription),
              (err: unknown) => `the reason could not be read (${errorMessage(err)})`,
            )
          : undefined;
      return {
        arn: c.arn,
        name: c.name,
        state: c.state,
        capacity: c.capacity,
        plugin: c.plugins.map((p) => p.name).join(', '),
        kafkaConnectVersion: c.kafkaConnectVersion ?? '',
        ...(failure ? { failure } : {}),
      };
    }),
  );
}

/** "TaskFailed: Task 0 failed: …" from MSK Connect's stateDescription. */
function describeFailure(d: { code?: string; message?: string } | undefined): string | undefined {
  if (!d?.message && !d?.code) return undefined;
  return [d.code, d.message].filter(Boolean).join(': ');
}

function toConfigRow(e: Kafka.TopicConfigEntry): ConfigRow {
  return {
    name: e.name,
    value: e.value,
    source: CONFIG_SOURCE_LABEL[e.source] ?? e.source,
    isOverride: e.source === 'topicOverride',
    isSensitive: e.isSensitive,
    readOnly: e.readOnly,
  };
}
