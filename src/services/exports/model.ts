/**
 * What the exports hold (topics, consumer groups, one group's lag table), as plain data read from a
 * cluster (read.ts) and turned into CSV or JSON text (builders.ts). No vscode import, no I/O here.
 */
import type { ClusterRef } from '../clusterModel';

export type ExportFormat = 'csv' | 'json';

/** Where and when the rows were read (the JSON header; CSV files carry the source in a column). */
export interface ExportHeader {
  cluster: { name: string; arn?: string; profile?: string; region?: string; connection?: string };
  /** e.g. "Kafka brokers", or "MSK API (the brokers cannot be reached from this machine)". */
  source: string;
  /** ISO 8601. */
  time: string;
}

export interface PartitionExport {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  /** Absent when the source has no offsets (MSK's topic API). */
  earliestOffset?: string;
  latestOffset?: string;
}

export interface TopicExport {
  name: string;
  partitions: number;
  replicationFactor: number;
  underReplicated: boolean;
  internal: boolean;
  /**
   * The topic-level overrides (through the brokers), or every setting MSK's topic API reports. A
   * sensitive value is null (Kafka never returns it).
   */
  configs: Record<string, string | null>;
  partitionDetails: PartitionExport[];
  /** Set when this topic's partitions or configuration could not be read (e.g. deleted meanwhile). */
  error?: string;
}

export interface GroupMemberExport {
  memberId: string;
  clientId: string;
  clientHost: string;
}

export interface GroupExport {
  groupId: string;
  state: string;
  /** "consumer", "connect", or "" for groups that only hold offsets. */
  protocolType: string;
  /** The assignor in use ("range", "cooperative-sticky", …), "" when none. */
  protocol: string;
  members: number;
  memberList: GroupMemberExport[];
  /** Lag over the partitions with a commit; null when the offsets could not be read. */
  totalLag: number | null;
  /** Why the lag is missing. */
  lagError?: string;
}

export interface LagRowExport {
  topic: string;
  partition: number;
  /** null: no commit (a member owns the partition but never committed). */
  committedOffset: number | null;
  endOffset: number;
  lag: number;
  /** Where the lag counts from: the commit, or the earliest offset when there is none. */
  lagFrom: 'committed' | 'earliest';
  clientId?: string;
  clientHost?: string;
}

export interface GroupLagExport {
  groupId: string;
  state: string;
  totalLag: number;
  rows: LagRowExport[];
}

/** The JSON/CSV header's cluster part. */
export function headerCluster(cluster: ClusterRef): ExportHeader['cluster'] {
  return {
    name: cluster.name,
    ...(cluster.arn ? { arn: cluster.arn } : {}),
    ...(cluster.profile ? { profile: cluster.profile } : {}),
    ...(cluster.region ? { region: cluster.region } : {}),
    ...(cluster.source === 'manual' ? { connection: cluster.key.replace(/^manual:/, '') } : {}),
  };
}
