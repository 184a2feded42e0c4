/**
 * MSK's consumer-lag metrics (CloudWatch namespace `AWS/Kafka`) for the sandbox's provisioned
 * cluster, computed from the real broker's committed and log-end offsets.
 *
 * Each offsets sample (lagSampler.ts) becomes one datapoint per metric for the minute it was taken
 * in (a later sample in the same minute replaces it: MSK publishes one value a minute). As MSK
 * does, only consumer groups that are Stable or Empty, whose name has no colon, are published,
 * and only for partitions with a commit:
 *  - per group and topic ("Cluster Name", "Consumer Group", "Topic"): SumOffsetLag (Σ lag),
 *    MaxOffsetLag (max lag), EstimatedMaxTimeLag (max of the partitions' EstimatedTimeLag);
 *  - per partition (plus "Partition"): OffsetLag, EstimatedTimeLag.
 * Lag is log end − committed offset, never negative. EstimatedTimeLag (seconds) is how long ago
 * the log end passed the committed offset, as far as the sampler saw it (0 when caught up).
 */

export const NAMESPACE = 'AWS/Kafka';
export const DIM = { cluster: 'Cluster Name', group: 'Consumer Group', topic: 'Topic', partition: 'Partition' };
export const TOPIC_METRICS = ['SumOffsetLag', 'MaxOffsetLag', 'EstimatedMaxTimeLag'] as const;
export const PARTITION_METRICS = ['OffsetLag', 'EstimatedTimeLag'] as const;
const UNIT: Record<string, string> = {
  SumOffsetLag: 'Count',
  MaxOffsetLag: 'Count',
  OffsetLag: 'Count',
  EstimatedMaxTimeLag: 'Seconds',
  EstimatedTimeLag: 'Seconds',
};

/** The broker's offsets at one moment. */
export interface OffsetsSample {
  time: number;
  groups: {
    groupId: string;
    state: string;
    partitions: { topic: string; partition: number; committed: number; logEnd: number }[];
  }[];
}

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricId {
  MetricName: string;
  Dimensions: Dimension[];
}

export type Statistic = 'Sum' | 'Maximum' | 'Minimum' | 'Average' | 'SampleCount';
export const STATISTICS: readonly Statistic[] = ['Sum', 'Maximum', 'Minimum', 'Average', 'SampleCount'];

interface Series {
  id: MetricId;
  /** minute start (ms) → value */
  points: Map<number, number>;
  lastMinute: number;
}

const MINUTE = 60_000;
/** Datapoints kept per series (CloudWatch keeps one-minute data 15 days; the sandbox a day). */
const KEEP_MINUTES = 24 * 60;
/** Log-end changes kept per partition for time lag. */
const KEEP_LOG_ENDS = 500;

/** The key of a metric: its name and its dimensions, in any order. */
export function metricKey(name: string, dims: readonly Dimension[]): string {
  const sorted = [...dims].sort((a, b) => a.Name.localeCompare(b.Name));
  return JSON.stringify([name, ...sorted.map((d) => [d.Name, d.Value])]);
}

export class LagMetricsStore {
  private readonly series = new Map<string, Series>();
  /** topic/partition → log-end changes (time, logEnd), oldest first. */
  private readonly logEnds = new Map<string, { time: number; logEnd: number }[]>();
  /** When the newest sample was taken (ms), if any. */
  sampledAt: number | undefined;

  /** `aliases`: other cluster names the same metrics are published under (sandbox-private). */
  constructor(
    readonly clusterName: string,
    readonly aliases: readonly string[] = [],
  ) {}

  record(sample: OffsetsSample): void {
    const minute = Math.floor(sample.time / MINUTE) * MINUTE;
    this.sampledAt = sample.time;
    for (const g of sample.groups) {
      for (const p of g.partitions) this.noteLogEnd(p.topic, p.partition, p.logEnd, sample.time);
    }
    for (const g of sample.groups) {
      if ((g.state !== 'Stable' && g.state !== 'Empty') || g.groupId.includes(':')) continue;
      const byTopic = new Map<string, { partition: number; lag: number; timeLag: number }[]>();
      for (const p of g.partitions) {
        if (!(p.committed >= 0)) continue;
        const lag = Math.max(0, p.logEnd - p.committed);
        const timeLag = this.timeLagSeconds(p.topic, p.partition, p.committed, p.logEnd, sample.time);
        let list = byTopic.get(p.topic);
        if (!list) byTopic.set(p.topic, (list = []));
        list.push({ partition: p.partition, lag, timeLag });
      }
      for (const [topic, parts] of byTopic)
        for (const cluster of [this.clusterName, ...this.aliases]) {
          const base = [
            { Name: DIM.cluster, Value: cluster },
            { Name: DIM.group, Value: g.groupId },
            { Name: DIM.topic, Value: topic },
          ];
          this.put(
            'SumOffsetLag',
            base,
            minute,
            parts.reduce((n, p) => n + p.lag, 0),
          );
          this.put('MaxOffsetLag', base, minute, Math.max(...parts.map((p) => p.lag)));
          this.put('EstimatedMaxTimeLag', base, minute, Math.max(...parts.map((p) => p.timeLag)));
          for (const p of parts) {
            const dims = [...base, { Name: DIM.partition, Value: String(p.partition) }];
            this.put('OffsetLag', dims, minute, p.lag);
            this.put('EstimatedTimeLag', dims, minute, p.timeLag);
          }
        }
    }
  }

  /** Every metric with a datapoint at or after `since` (ms), in a stable order. */
  metrics(since = 0): MetricId[] {
    return [...this.series.values()]
      .filter((s) => s.lastMinute >= since)
      .map((s) => s.id)
      .sort((a, b) => metricKey(a.MetricName, a.Dimensions).localeCompare(metricKey(b.MetricName, b.Dimensions)));
  }

  unit(metricName: string): string | undefined {
    return UNIT[metricName];
  }

  /**
   * The datapoints of one metric between start (inclusive) and end (exclusive), aggregated into
   * `periodSeconds` buckets aligned to the epoch; oldest first.
   */
  query(
    id: MetricId,
    start: number,
    end: number,
    periodSeconds: number,
    stat: Statistic,
  ): { time: number; value: number }[] {
    const s = this.series.get(metricKey(id.MetricName, id.Dimensions));
    if (!s) return [];
    const period = periodSeconds * 1000;
    const buckets = new Map<number, number[]>();
    for (const [minute, value] of s.points) {
      if (minute < start || minute >= end) continue;
      const bucket = Math.floor(minute / period) * period;
      let list = buckets.get(bucket);
      if (!list) buckets.set(bucket, (list = []));
      list.push(value);
    }
    return [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([time, values]) => ({ time, value: aggregate(values, stat) }));
  }

  private put(name: string, dims: Dimension[], minute: number, value: number): void {
    const key = metricKey(name, dims);
    let s = this.series.get(key);
    if (!s)
      this.series.set(key, (s = { id: { MetricName: name, Dimensions: dims }, points: new Map(), lastMinute: minute }));
    s.points.set(minute, value);
    s.lastMinute = Math.max(s.lastMinute, minute);
    if (s.points.size > KEEP_MINUTES) {
      const oldest = Math.min(...s.points.keys());
      s.points.delete(oldest);
    }
  }

  private noteLogEnd(topic: string, partition: number, logEnd: number, time: number): void {
    const key = `${topic}\u0000${partition}`;
    let list = this.logEnds.get(key);
    if (!list) this.logEnds.set(key, (list = []));
    const last = list[list.length - 1];
    if (!last || last.logEnd !== logEnd) list.push({ time, logEnd });
    if (list.length > KEEP_LOG_ENDS) list.splice(0, list.length - KEEP_LOG_ENDS);
  }

  /** Seconds since the log end first went past `committed` (as sampled); 0 when caught up. */
  private timeLagSeconds(topic: string, partition: number, committed: number, logEnd: number, now: number): number {
    if (logEnd <= committed) return 0;
    const list = this.logEnds.get(`${topic}\u0000${partition}`) ?? [];
    const passed = list.find((e) => e.logEnd > committed);
    return passed ? Math.max(0, Math.round((now - passed.time) / 1000)) : 0;
  }
}

function aggregate(values: number[], stat: Statistic): number {
  switch (stat) {
    case 'Sum':
      return values.reduce((n, v) => n + v, 0);
    case 'Maximum':
      return Math.max(...values);
    case 'Minimum':
      return Math.min(...values);
    case 'Average':
      return values.reduce((n, v) => n + v, 0) / values.length;
    case 'SampleCount':
      return values.length;
  }
}
