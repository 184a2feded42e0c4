/** Plain shapes of MSK clusters and broker nodes, mapped from the SDK's (pure, type-only SDK import). */
import type { Cluster, NodeInfo } from '@aws-sdk/client-kafka';
import type { MskAuthMode } from './bootstrap';

export type MskClusterType = 'PROVISIONED' | 'SERVERLESS';

export interface MskClusterSummary {
  arn: string;
  name: string;
  type: MskClusterType;
  /** ACTIVE, CREATING, UPDATING, ... */
  state: string;
  /** Kafka version of a provisioned cluster; undefined for serverless clusters. */
  kafkaVersion?: string;
  /** Client authentication the cluster enables, in preference order (IAM, SCRAM, TLS, unauthenticated). */
  authModes: MskAuthMode[];
  brokerCount?: number;
  instanceType?: string;
  /** LOCAL or TIERED (tiered storage) of a provisioned cluster. */
  storageMode?: string;
  /** Public access is turned on ("SERVICE_PROVIDED_EIPS"). */
  publicAccess: boolean;
  creationTime?: Date;
  tags?: Record<string, string>;
  /** The MSK configuration revision a provisioned cluster runs; absent: MSK's default configuration. */
  configuration?: { arn: string; revision: number };
}

export interface MskNode {
  brokerId: number;
  /** DNS names of the broker. */
  endpoints: string[];
  clientSubnet?: string;
  clientVpcIpAddress?: string;
  instanceType?: string;
  kafkaVersion?: string;
  nodeArn?: string;
}

/** Client authentication modes a cluster enables, IAM first. */
export function authModesOf(cluster: Cluster): MskAuthMode[] {
  if (cluster.ClusterType === 'SERVERLESS' || (cluster.Serverless && !cluster.Provisioned)) {
    const iam = cluster.Serverless?.ClientAuthentication?.Sasl?.Iam?.Enabled;
    // Serverless clusters only support IAM; an absent flag still means IAM.
    return iam === false ? [] : ['iam'];
  }
  const auth = cluster.Provisioned?.ClientAuthentication;
  const modes: MskAuthMode[] = [];
  if (auth?.Sasl?.Iam?.Enabled) modes.push('iam');
  if (auth?.Sasl?.Scram?.Enabled) modes.push('scram');
  if (auth?.Tls?.Enabled || (auth?.Tls?.CertificateAuthorityArnList?.length ?? 0) > 0) modes.push('tls');
  // Clusters created without any client authentication block are unauthenticated.
  if (auth?.Unauthenticated?.Enabled || !auth) modes.push('unauthenticated');
  return modes;
}

export function toClusterSummary(cluster: Cluster): MskClusterSummary {
  const type: MskClusterType =
    cluster.ClusterType === 'SERVERLESS' || (cluster.Serverless && !cluster.Provisioned) ? 'SERVERLESS' : 'PROVISIONED';
  const prov = cluster.Provisioned;
  const summary: MskClusterSummary = {
    arn: cluster.ClusterArn ?? '',
    name: cluster.ClusterName ?? cluster.ClusterArn ?? '(unnamed)',
    type,
    state: cluster.State ?? 'UNKNOWN',
    authModes: authModesOf(cluster),
    publicAccess: (prov?.BrokerNodeGroupInfo?.ConnectivityInfo?.PublicAccess?.Type ?? 'DISABLED') !== 'DISABLED',
  };
  const kafkaVersion = prov?.CurrentBrokerSoftwareInfo?.KafkaVersion;
  if (kafkaVersion) summary.kafkaVersion = kafkaVersion;
  if (typeof prov?.NumberOfBrokerNodes === 'number') summary.brokerCount = prov.NumberOfBrokerNodes;
  if (prov?.BrokerNodeGroupInfo?.InstanceType) summary.instanceType = prov.BrokerNodeGroupInfo.InstanceType;
  if (prov?.StorageMode) summary.storageMode = prov.StorageMode;
  const software = prov?.CurrentBrokerSoftwareInfo;
  if (software?.ConfigurationArn && typeof software.ConfigurationRevision === 'number') {
    summary.configuration = { arn: software.ConfigurationArn, revision: software.ConfigurationRevision };
  }
  if (cluster.CreationTime) summary.creationTime = new Date(cluster.CreationTime);
  if (cluster.Tags && Object.keys(cluster.Tags).length) summary.tags = { ...cluster.Tags };
  return summary;
}

/** Broker nodes only (controller/ZooKeeper nodes are skipped), sorted by broker id. */
export function toNodes(list: readonly NodeInfo[]): MskNode[] {
  const nodes: MskNode[] = [];
  for (const n of list) {
    const b = n.BrokerNodeInfo;
    if (!b || typeof b.BrokerId !== 'number') continue;
    const node: MskNode = { brokerId: b.BrokerId, endpoints: [...(b.Endpoints ?? [])] };
    if (b.ClientSubnet) node.clientSubnet = b.ClientSubnet;
    if (b.ClientVpcIpAddress) node.clientVpcIpAddress = b.ClientVpcIpAddress;
    if (n.InstanceType) node.instanceType = n.InstanceType;
    if (b.CurrentBrokerSoftwareInfo?.KafkaVersion) node.kafkaVersion = b.CurrentBrokerSoftwareInfo.KafkaVersion;
    if (n.NodeARN) node.nodeArn = n.NodeARN;
    nodes.push(node);
  }
  return nodes.sort((a, b) => a.brokerId - b.brokerId);
}
