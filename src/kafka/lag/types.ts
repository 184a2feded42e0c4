/** Consumer lag as plain data (shared by the engine, the monitor, the tree and the lag webview). */
import type { TimeLag } from './timeLag';
import type { GroupVerdict, PartitionVerdict } from './verdict';

export interface PartitionLag {
  topic: string;
  partition: number;
  committed: number;
  logEnd: number;
  earliest: number;
  lag: number;
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
  totalLag: number;
  maxLag: number;
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
