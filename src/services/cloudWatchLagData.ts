/**
 * The shapes of consumer lag read from CloudWatch (src/services/cloudWatchLag.ts reads them). Types
 * only, with no imports: the lag webview (browser code) imports them without pulling in the AWS layer.
 */
export interface CloudWatchPartitionLag {
  partition: number;
  offsetLag?: number;
  /** EstimatedTimeLag, seconds. */
  timeLagSeconds?: number;
}

export interface CloudWatchTopicLag {
  topic: string;
  /** SumOffsetLag of the newest period. */
  sumOffsetLag?: number;
  /** MaxOffsetLag of the newest period. */
  maxOffsetLag?: number;
  /** EstimatedMaxTimeLag of the newest period, seconds. */
  maxTimeLagSeconds?: number;
  /** When the newest datapoint of this topic's SumOffsetLag starts (ms). */
  time?: number;
  /** Per partition, when MSK publishes it (monitoring level PER_TOPIC_PER_PARTITION). */
  partitions?: CloudWatchPartitionLag[];
}

export interface CloudWatchGroupLag {
  groupId: string;
  topics: CloudWatchTopicLag[];
  /** Σ SumOffsetLag over the topics, newest period of each. */
  totalLag: number;
  maxLag: number;
  maxTimeLagSeconds?: number;
  /** Total lag per period, oldest first (Σ SumOffsetLag of the topics with a value in that period). */
  history: { time: number; totalLag: number }[];
}

export interface CloudWatchLagData {
  source: 'cloudwatch';
  clusterName: string;
  region?: string;
  periodSeconds: number;
  windowMinutes: number;
  /** When the data was read (ms). */
  fetchedAt: number;
  /** Start of the newest period with data (ms), if any. */
  dataTime?: number;
  /** fetchedAt − dataTime: how old the newest value is. */
  ageMs?: number;
  groups: CloudWatchGroupLag[];
}
