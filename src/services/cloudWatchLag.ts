/**
 * Consumer lag of an MSK cluster from CloudWatch (MSK's `AWS/Kafka` consumer-lag metrics), for
 * when the brokers cannot be reached: the lag overview (every group, per topic) and one group in
 * detail (per partition, where MSK publishes it), each with the age and period of the data.
 *
 * Cost: the overview is ListMetrics (SumOffsetLag, every page) plus GetMetricData for three metrics
 * per group/topic (500 a call); a group adds ListMetrics (OffsetLag of the group) and its
 * GetMetricData. Plain Node: the AWS layer comes in through `deps`.
 */
import type { AwsTarget, CloudWatchLagService, LagSeries, LagSeriesKey, LagSeriesRequest } from '../aws/index';
import { parseClusterArn } from '../shared/arn';
import type { CloudWatchGroupLag, CloudWatchLagData, CloudWatchTopicLag } from './cloudWatchLagData';
import type { ClusterRef } from './clusterModel';

export type {
  CloudWatchGroupLag,
  CloudWatchLagData,
  CloudWatchPartitionLag,
  CloudWatchTopicLag,
} from './cloudWatchLagData';

export interface CloudWatchLagDeps {
  cloudWatch(): CloudWatchLagService;
  /** The AWS target (profile, files, endpoint) of a cluster; its ARN's region is applied here. */
  target(cluster: ClusterRef): AwsTarget;
  now?: () => number;
}

export interface CloudWatchLagOptions {
  /** How far back to read, in minutes (history charts); default 180. */
  windowMinutes?: number;
  /** Period of the datapoints in seconds, a multiple of 60; default 60 (MSK publishes per minute). */
  periodSeconds?: number;
}

const TOPIC_QUERIES: readonly Pick<LagSeriesRequest, 'metric' | 'stat'>[] = [
  { metric: 'SumOffsetLag', stat: 'Sum' },
  { metric: 'MaxOffsetLag', stat: 'Maximum' },
  { metric: 'EstimatedMaxTimeLag', stat: 'Maximum' },
];
const PARTITION_QUERIES: readonly Pick<LagSeriesRequest, 'metric' | 'stat'>[] = [
  { metric: 'OffsetLag', stat: 'Maximum' },
  { metric: 'EstimatedTimeLag', stat: 'Maximum' },
];

/** The CloudWatch name of a cluster ("Cluster Name" dimension) and the region of its metrics. */
export function cloudWatchCluster(cluster: ClusterRef): { clusterName: string; region?: string } {
  if (cluster.source !== 'msk' || !cluster.arn) {
    throw new Error(
      `${cluster.name} is not an Amazon MSK cluster: CloudWatch has consumer-lag metrics only for MSK clusters.`,
    );
  }
  const arn = parseClusterArn(cluster.arn);
  return { clusterName: arn?.name ?? cluster.name, region: arn?.region ?? cluster.region };
}

const newest = (s: LagSeries | undefined) => s?.points[s.points.length - 1];

export class CloudWatchLag {
  private readonly now: () => number;

  constructor(private readonly deps: CloudWatchLagDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Every group MSK published lag for in the window, per topic. */
  async overview(cluster: ClusterRef, opts: CloudWatchLagOptions = {}): Promise<CloudWatchLagData> {
    const { clusterName, region } = cloudWatchCluster(cluster);
    const target = this.targetOf(cluster, region);
    const keys = await this.deps.cloudWatch().listSeries(target, clusterName, 'SumOffsetLag');
    return this.read(target, clusterName, region, keys, [], opts);
  }

  /** One group: its topics, and its partitions where MSK publishes them; undefined when CloudWatch has none. */
  async group(
    cluster: ClusterRef,
    groupId: string,
    opts: CloudWatchLagOptions = {},
  ): Promise<CloudWatchGroupLag | undefined> {
    const { clusterName, region } = cloudWatchCluster(cluster);
    const target = this.targetOf(cluster, region);
    const cw = this.deps.cloudWatch();
    const [topics, partitions] = await Promise.all([
      cw.listSeries(target, clusterName, 'SumOffsetLag'),
      cw.listSeries(target, clusterName, 'OffsetLag'),
    ]);
    const data = await this.read(
      target,
      clusterName,
      region,
      topics.filter((k) => k.group === groupId),
      partitions.filter((k) => k.group === groupId),
      opts,
    );
    return data.groups.find((g) => g.groupId === groupId);
  }

  private targetOf(cluster: ClusterRef, region: string | undefined): AwsTarget {
    const t = this.deps.target(cluster);
    return region ? { ...t, region } : t;
  }

  private async read(
    target: AwsTarget,
    clusterName: string,
    region: string | undefined,
    topicKeys: readonly LagSeriesKey[],
    partitionKeys: readonly LagSeriesKey[],
    opts: CloudWatchLagOptions,
  ): Promise<CloudWatchLagData> {
    const periodSeconds = opts.periodSeconds ?? 60;
    const windowMinutes = opts.windowMinutes ?? 180;
    const fetchedAt = this.now();
    const end = new Date(Math.ceil((fetchedAt + 1) / 60_000) * 60_000);
    const start = new Date(end.getTime() - windowMinutes * 60_000);
    const series: LagSeriesRequest[] = [
      ...topicKeys.flatMap((k) => TOPIC_QUERIES.map((q) => ({ group: k.group, topic: k.topic, ...q }))),
      ...partitionKeys.flatMap((k) => PARTITION_QUERIES.map((q) => ({ ...k, ...q }))),
    ];
    const results = await this.deps.cloudWatch().getSeries(target, { clusterName, series, start, end, periodSeconds });
    const seriesKey = (metric: string, k: LagSeriesKey) => `${metric}|${k.group}|${k.topic}|${k.partition ?? ''}`;
    const index = new Map<string, (typeof results)[number]>();
    for (const r of results) if (!index.has(seriesKey(r.metric, r))) index.set(seriesKey(r.metric, r), r);
    const find = (k: LagSeriesKey, metric: string) => index.get(seriesKey(metric, k));

    const byGroup = new Map<string, CloudWatchTopicLag[]>();
    const histories = new Map<string, Map<number, number>>();
    let dataTime: number | undefined;
    for (const k of topicKeys) {
      const sum = find(k, 'SumOffsetLag');
      const last = newest(sum);
      const topic: CloudWatchTopicLag = {
        topic: k.topic,
        ...(last ? { sumOffsetLag: last.value, time: last.time } : {}),
        ...optional('maxOffsetLag', newest(find(k, 'MaxOffsetLag'))?.value),
        ...optional('maxTimeLagSeconds', newest(find(k, 'EstimatedMaxTimeLag'))?.value),
      };
      const parts = partitionKeys.filter((p) => p.group === k.group && p.topic === k.topic);
      if (parts.length) {
        topic.partitions = parts
          .map((p) => ({
            partition: p.partition ?? -1,
            ...optional('offsetLag', newest(find(p, 'OffsetLag'))?.value),
            ...optional('timeLagSeconds', newest(find(p, 'EstimatedTimeLag'))?.value),
          }))
          .sort((a, b) => a.partition - b.partition);
      }
      if (last) dataTime = Math.max(dataTime ?? 0, last.time);
      let list = byGroup.get(k.group);
      if (!list) byGroup.set(k.group, (list = []));
      list.push(topic);
      let h = histories.get(k.group);
      if (!h) histories.set(k.group, (h = new Map<number, number>()));
      for (const p of sum?.points ?? []) h.set(p.time, (h.get(p.time) ?? 0) + p.value);
    }
    const groups: CloudWatchGroupLag[] = [...byGroup.entries()].map(([groupId, topics]) => {
      const times = topics.map((t) => t.maxTimeLagSeconds).filter((v): v is number => v !== undefined);
      return {
        groupId,
        topics: topics.sort((a, b) => a.topic.localeCompare(b.topic)),
        totalLag: topics.reduce((n, t) => n + (t.sumOffsetLag ?? 0), 0),
        maxLag: topics.reduce((n, t) => Math.max(n, t.maxOffsetLag ?? 0), 0),
        ...(times.length ? { maxTimeLagSeconds: Math.max(...times) } : {}),
        history: [...(histories.get(groupId) ?? new Map<number, number>()).entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([time, totalLag]) => ({ time, totalLag })),
      };
    });
    groups.sort((a, b) => a.groupId.localeCompare(b.groupId));
    return {
      source: 'cloudwatch',
      clusterName,
      ...(region ? { region } : {}),
      periodSeconds,
      windowMinutes,
      fetchedAt,
      ...(dataTime !== undefined ? { dataTime, ageMs: Math.max(0, fetchedAt - dataTime) } : {}),
      groups,
    };
  }
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** What the lag monitor reads from CloudWatch (CloudWatchLag, or a fake in tests). */
export interface CloudWatchLagSource {
  overview(cluster: ClusterRef): Promise<CloudWatchLagData>;
  group(cluster: ClusterRef, groupId: string): Promise<CloudWatchGroupLag | undefined>;
}

/** The last CloudWatch read of a cluster (or one of its groups), or why it failed. */
export interface CloudWatchRead<T> {
  data?: T;
  error?: string;
  /** When it was read (ms). */
  at: number;
}

/** MSK publishes one value a minute: reading more often than this learns nothing new. */
export const CLOUDWATCH_MIN_INTERVAL_MS = 60_000;

/**
 * The lag monitor's CloudWatch reads, per cluster and per group, at most once a minute each
 * (MSK's period) unless forced, and only for MSK clusters; `changed` is called when a read lands.
 */
export class CloudWatchLagCache {
  private readonly overviews = new Map<string, CloudWatchRead<CloudWatchLagData>>();
  private readonly groups = new Map<string, CloudWatchRead<CloudWatchGroupLag | undefined>>();
  private readonly pending = new Set<string>();
  private disposed = false;

  constructor(
    private readonly source: CloudWatchLagSource,
    private readonly changed: (cluster: ClusterRef) => void,
    private readonly describe: (err: unknown) => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether CloudWatch has lag for the cluster at all (MSK clusters only). */
  static applies(cluster: ClusterRef): boolean {
    return cluster.source === 'msk' && Boolean(cluster.arn);
  }

  overview(cluster: ClusterRef): CloudWatchRead<CloudWatchLagData> | undefined {
    return this.overviews.get(cluster.key);
  }

  group(cluster: ClusterRef, groupId: string): CloudWatchRead<CloudWatchGroupLag | undefined> | undefined {
    return this.groups.get(groupKey(cluster, groupId));
  }

  /** Reads the cluster's overview unless one was read within the minute (or is being read). */
  readOverview(cluster: ClusterRef, force = false): Promise<void> {
    return this.read(cluster.key, this.overviews, force, cluster, () => this.source.overview(cluster));
  }

  readGroup(cluster: ClusterRef, groupId: string, force = false): Promise<void> {
    return this.read(groupKey(cluster, groupId), this.groups, force, cluster, () =>
      this.source.group(cluster, groupId),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.overviews.clear();
    this.groups.clear();
  }

  private async read<T>(
    key: string,
    store: Map<string, CloudWatchRead<T>>,
    force: boolean,
    cluster: ClusterRef,
    load: () => Promise<T>,
  ): Promise<void> {
    if (!CloudWatchLagCache.applies(cluster) || this.pending.has(key) || this.disposed) return;
    const last = store.get(key);
    if (!force && last && this.now() - last.at < CLOUDWATCH_MIN_INTERVAL_MS) return;
    this.pending.add(key);
    try {
      const data = await load();
      store.set(key, { data, at: this.now() });
    } catch (err) {
      store.set(key, {
        ...(last?.data !== undefined ? { data: last.data } : {}),
        error: this.describe(err),
        at: this.now(),
      });
    } finally {
      this.pending.delete(key);
    }
    if (!this.disposed) this.changed(cluster);
  }
}

const groupKey = (cluster: ClusterRef, groupId: string): string => `${cluster.key}\u0000${groupId}`;
