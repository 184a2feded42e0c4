/**
 * The plain data the explorer, commands and webviews show. The Kafka and AWS layers produce it;
 * nothing here talks to the network or imports vscode.
 */
import type { AclOps } from './aclOps';
import type { BrokerConfigOps } from './brokerConfigOps';
import type { PartitionOps } from './partitionOps';

export type ClusterSource = 'msk' | 'manual';
export type AuthMode = 'iam' | 'scram' | 'tls' | 'unauthenticated';

export interface ClusterRef {
  /** Stable key: the cluster ARN for MSK, `manual:<id>` for a manual connection. */
  key: string;
  name: string;
  source: ClusterSource;
  arn?: string;
  region?: string;
  profile?: string;
  type: 'PROVISIONED' | 'SERVERLESS' | 'SELF_MANAGED';
  state?: string;
  kafkaVersion?: string;
  authModes: AuthMode[];
  brokerCount?: number;
  /** Broker instance type of an MSK provisioned cluster, e.g. kafka.m5.large or express.m7g.large (Express brokers). */
  instanceType?: string;
  /** LOCAL or TIERED (tiered storage) of an MSK provisioned cluster. */
  storageMode?: string;
  creationTime?: Date;
  /** The MSK configuration revision an MSK provisioned cluster runs; absent: MSK's default configuration. */
  configuration?: { arn: string; revision: number };
}

export interface BrokerRow {
  id: number;
  host: string;
  port: number;
  rack?: string;
  isController: boolean;
  /** From MSK ListNodes when available. */
  clientSubnet?: string;
  instanceType?: string;
  endpoints?: string[];
}

export interface TopicRow {
  name: string;
  partitions: number;
  replicationFactor: number;
  underReplicated: boolean;
  internal: boolean;
}

export interface PartitionRow {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  /** Offsets; empty when unknown (MSK's topic API has none). */
  earliest: string;
  latest: string;
}

export interface ConfigRow {
  name: string;
  value: string | null;
  /** e.g. 'topic override', 'broker', 'default'. */
  source: string;
  isOverride: boolean;
  isSensitive: boolean;
  readOnly: boolean;
}

export interface GroupRow {
  groupId: string;
  state: string;
  protocolType: string;
  members: number;
}

export interface ConnectorRow {
  arn: string;
  name: string;
  state: string;
  capacity: string;
  plugin: string;
  kafkaConnectVersion: string;
  /** Why a FAILED connector failed (MSK Connect's stateDescription, from the worker's task trace). */
  failure?: string;
}

/** What the explorer asks of one cluster. Implemented over the Kafka and AWS layers. */
export interface ClusterOps {
  brokers(): Promise<BrokerRow[]>;
  topics(): Promise<TopicRow[]>;
  partitions(topic: string): Promise<PartitionRow[]>;
  topicConfig(topic: string): Promise<ConfigRow[]>;
  groups(): Promise<GroupRow[]>;
  connectors(): Promise<ConnectorRow[]>;
  /** Kafka ACL bindings: list per cluster/topic/group, create, delete (src/services/aclOps.ts). */
  acls?(): AclOps;
  /** Partition sizes on disk and adding partitions (src/services/partitionOps.ts). */
  partitionAdmin?(): PartitionOps;
  /** Broker dynamic configuration per broker and cluster-wide: read, set, remove (src/services/brokerConfigOps.ts). */
  brokerConfigs?(): BrokerConfigOps;
  /**
   * Where topics, partitions and configuration were last read from (the brokers, or MSK's topic API
   * when they cannot be reached); no I/O. Undefined before the first read.
   */
  topicSource?(): { kind: 'kafka' | 'mskApi'; reason?: string } | undefined;
}

export function authModeLabel(mode: AuthMode): string {
  switch (mode) {
    case 'iam':
      return 'IAM';
    case 'scram':
      return 'SCRAM';
    case 'tls':
      return 'mTLS';
    case 'unauthenticated':
      return 'plaintext';
  }
}
