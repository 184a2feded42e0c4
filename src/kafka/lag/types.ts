/** Consumer lag as plain data (shared by the engine, the monitor, the tree and the lag webview). */
import type { TimeLag } from './timeLag';
import type { GroupVerdict, PartitionVerdict } from './verdict';

/**
 * One row, as Kafka's `kafka-consumer-groups --describe` lists it: every partition the group has a
 * commit for (on a topic that still exists), and every partition a live member owns, committed or
 * not.
 */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The committed offset; null: "no commit" (a member owns the partition but never committed). */
  committed: number | null;
  logEnd: number;
  earliest: number;
  /**
   * Offsets to read: from the committed offset, or — without a commit — from the earliest offset
   * (`lagFrom: 'earliest'`): the member's auto.offset.reset is unknown, and a member that starts
   * from the latest offset has 0 left. Kafka's tool shows `-` then.
   */
  lag: number;
  lagFrom: 'committed' | 'earliest';
  /** Time lag (only for rows with a commit). */
  timeLag?: TimeLag;
  /** The member that owns the partition now, if any. */
  memberId?: string;
  clientId?: string;
  clientHost?: string;
  verdict: PartitionVerdict;
  /** Lag per in-session sample, oldest first (for sparklines). */
  history: number[];
}

export interface GroupLag {
  groupId: string;
  state: string;
  members: number;
  protocolType: string;
  /**
   * Set for groups of another protocol type than `consumer` (Kafka Connect workers: `connect`):
   * their members share other work than partitions, and Kafka's tool refuses to describe them
   * ("GroupId … is not a consumer group (connect).") — this is that sentence.
   */
  notConsumerGroup?: string;
  /** Lag over the partitions with a commit (Kafka's tool's LAG column). */
  totalLag: number;
  maxLag: number;
  /** Partitions a member owns without a commit, and their lag from the earliest offset, summed. */
  noCommitPartitions: number;
  lagFromEarliest: number;
  verdict: GroupVerdict;
  topics: string[];
  partitions: PartitionLag[];
  /** Total lag over time, oldest first. */
  history: { time: number; totalLag: number }[];
  /** Set when this group's offsets could not be read in the last refresh. */
  error?: string;
}

export interface LagSnapshot {
  time: number;
  durationMs: number;
  groups: GroupLag[];
}

/** The summary of a group the tree and the overview show (no partitions). */
export type GroupLagSummary = Omit<GroupLag, 'partitions'> & { partitionCount: number };

export function summarizeGroup(g: GroupLag): GroupLagSummary {
  const { partitions, ...rest } = g;
  return { ...rest, partitionCount: partitions.length };
}

/** A position to read the first record at or after (a group's committed offset). */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: number;
}

export interface FirstRecord {
  /** The record's offset: the position asked for, or later when records there are gone (compaction). */
  offset: number;
  timestamp: number;
}

/** The key of a topic partition in the lag feature's maps (offsets, owners, first records). */
export const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;
