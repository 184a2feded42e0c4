import type { KafkaCluster } from '../kafka/cluster';
import type { Page } from '../shared/pagedList';
import type { CloudWatchLagSource } from './cloudWatchLag';
import type { DoctorEnvironment } from './doctor/environment';
import type { ClusterOps, ClusterRef } from './clusterModel';
import type { SchemaRegistries } from './schemaRegistries';
import type { MskConfigurations } from './mskConfigurations';

/** One AWS profile in one region: a root of the explorer. */
export interface AwsScope {
  id: string;
  /** Undefined: the default credential chain. */
  profile?: string;
  /** What to show: the profile name, or "default chain". */
  profileLabel: string;
  region: string;
  /** Where MSK API calls go when not AWS itself. */
  endpoint?: string;
}

export interface CreateTopicInput {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

/**
 * Everything the UI asks of clusters, in plain data. Implemented by MskBackend over the AWS and
 * Kafka layers, without vscode, so it is tested in plain Node against the sandbox.
 */
export interface Backend {
  /** The explorer's AWS roots from the settings and the profile files. */
  scopes(): Promise<AwsScope[]>;
  listClusters(scope: AwsScope, token: string | undefined, pageSize: number): Promise<Page<ClusterRef>>;
  manualClusters(): ClusterRef[];
  ops(cluster: ClusterRef): ClusterOps;
  createTopic(cluster: ClusterRef, input: CreateTopicInput): Promise<void>;
  /** Client-side checks before sending; empty when fine. */
  validateTopic(cluster: ClusterRef, input: CreateTopicInput): Promise<string[]>;
  deleteTopic(cluster: ClusterRef, topic: string): Promise<void>;
  setTopicConfig(cluster: ClusterRef, topic: string, key: string, value: string | null): Promise<void>;
  deleteGroup(cluster: ClusterRef, groupId: string): Promise<void>;
  describeCluster(cluster: ClusterRef): Promise<unknown>;
  describeConnector(cluster: ClusterRef, connectorArn: string): Promise<unknown>;
  bootstrapServers(cluster: ClusterRef): Promise<string>;
  /**
   * The Kafka facade of a cluster (connection resolved once and shared): feature modules take its
   * `pool` and `spec` to make consumers and producers. Type-only import: the class is in dist/kafka.js.
   */
  kafka(cluster: ClusterRef): Promise<KafkaCluster>;
  /**
   * The Refresh button, or settings that shape connections changed: every connection in use is
   * resolved again from the settings (bootstrap brokers, auth, certificates, address map) and only
   * those whose settings changed get new Kafka clients — the owners of the old ones (a tail, the lag
   * monitor) are told and resume on the new settings; unchanged connections keep their clients, so
   * open tails and lag views go on. A connection removed from the settings is closed with that
   * reason. `rereadAws`: also drop the cached AWS credentials and SDK clients (profiles are read
   * again; Kafka clients using IAM fetch fresh credentials on their next token). Never rejects.
   */
  reconnect(options?: { rereadAws?: boolean }): Promise<void>;
  /** What the connection doctor (src/services/doctor/) checks with: the AWS layer and connection specs. */
  doctor?(): DoctorEnvironment;
  /** MSK's CloudWatch consumer-lag metrics (the lag monitor's fallback); absent without AWS. */
  cloudWatchLag?(): CloudWatchLagSource;
  /** Schema registries per cluster (Glue with the cluster's AWS target, Confluent from msk.schemaRegistries). */
  schemaRegistries?(): SchemaRegistries;
  /** MSK cluster configurations per AWS profile × region, with that scope's endpoint settings. */
  mskConfigurations?(): MskConfigurations;
  dispose(): Promise<void>;
}
