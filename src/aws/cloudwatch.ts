/**
 * Amazon MSK's consumer-lag metrics in CloudWatch (namespace `AWS/Kafka`), read with ListMetrics
 * and GetMetricData through the client factory (the cluster's profile, region and endpoint).
 *
 * MSK publishes, once a minute, for every consumer group that is Stable or Empty and has commits:
 *  - per group and topic (dimensions "Cluster Name", "Consumer Group", "Topic"): `SumOffsetLag`,
 *    `MaxOffsetLag`, `EstimatedMaxTimeLag` (seconds);
 *  - per partition (plus "Partition", on the PER_TOPIC_PER_PARTITION monitoring level only):
 *    `OffsetLag`, `EstimatedTimeLag` (seconds).
 *
 * Returns plain data: series of points (time in ms, oldest first) with the period asked for.
 * The SDK is loaded with `import()` on first use.
 */
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AwsClientFactory, AwsTarget } from './clientFactory';

export const MSK_METRICS_NAMESPACE = 'AWS/Kafka';

/** The dimension names MSK puts on its consumer-lag metrics. */
export const LAG_DIMENSION = {
  cluster: 'Cluster Name',
  group: 'Consumer Group',
  topic: 'Topic',
  partition: 'Partition',
} as const;

export type TopicLagMetric = 'SumOffsetLag' | 'MaxOffsetLag' | 'EstimatedMaxTimeLag';
export type PartitionLagMetric = 'OffsetLag' | 'EstimatedTimeLag';
export type LagMetricName = TopicLagMetric | PartitionLagMetric;
export type LagStatistic = 'Sum' | 'Maximum';

/** A group/topic pair (and partition, for per-partition metrics) MSK publishes lag for. */
export interface LagSeriesKey {
  group: string;
  topic: string;
  partition?: number;
}

export interface LagSeriesRequest extends LagSeriesKey {
  metric: LagMetricName;
  stat: LagStatistic;
}

export interface LagPoint {
  /** Start of the period (ms since the epoch). */
  time: number;
  value: number;
}

export interface LagSeries extends LagSeriesRequest {
  /** Oldest first; periods without data are absent. */
  points: LagPoint[];
  /** False when CloudWatch said more data exists than it returned (PartialData). */
  complete: boolean;
}

export interface LagMetricsQuery {
  clusterName: string;
  series: readonly LagSeriesRequest[];
  start: Date;
  end: Date;
  /** Seconds, a multiple of 60 (MSK publishes one value a minute). */
  periodSeconds: number;
}

/** GetMetricData takes at most 500 queries per call. */
const MAX_QUERIES = 500;

function dimensions(clusterName: string, key: LagSeriesKey) {
  return [
    { Name: LAG_DIMENSION.cluster, Value: clusterName },
    { Name: LAG_DIMENSION.group, Value: key.group },
    { Name: LAG_DIMENSION.topic, Value: key.topic },
    ...(key.partition !== undefined ? [{ Name: LAG_DIMENSION.partition, Value: String(key.partition) }] : []),
  ];
}

/** The series key of a metric's dimensions, or undefined when it is not a lag metric of the cluster. */
export function seriesKeyOf(
  clusterName: string,
  dims: readonly { Name?: string; Value?: string }[] | undefined,
): LagSeriesKey | undefined {
  const get = (name: string) => dims?.find((d) => d.Name === name)?.Value;
  const cluster = get(LAG_DIMENSION.cluster);
  const group = get(LAG_DIMENSION.group);
  const topic = get(LAG_DIMENSION.topic);
  const partition = get(LAG_DIMENSION.partition);
  if (cluster !== clusterName || group === undefined || topic === undefined) return undefined;
  if (partition === undefined) return { group, topic };
  const n = Number(partition);
  return Number.isInteger(n) && n >= 0 ? { group, topic, partition: n } : undefined;
}

export class CloudWatchLagService {
  constructor(readonly factory: AwsClientFactory) {}

  /** One CloudWatch call through the factory (errors mapped, one retry on an expired session token). */
  private call<T>(
    target: AwsTarget,
    action: string,
    resource: string,
    run: (client: CloudWatchClient) => Promise<T>,
  ): Promise<T> {
    return this.factory.call('cloudwatch', target, action, resource, run);
  }

  /**
   * The group/topic pairs (`metric` SumOffsetLag) or group/topic/partition triples (OffsetLag) MSK
   * published for the cluster in the last 3 hours (ListMetrics, every page).
   */
  async listSeries(
    target: AwsTarget,
    clusterName: string,
    metric: LagMetricName = 'SumOffsetLag',
  ): Promise<LagSeriesKey[]> {
    return this.call(target, 'cloudwatch:ListMetrics', `${MSK_METRICS_NAMESPACE} ${metric}`, async (cw) => {
      const { ListMetricsCommand } = await import('@aws-sdk/client-cloudwatch');
      const out: LagSeriesKey[] = [];
      const seen = new Set<string>();
      let token: string | undefined;
      do {
        const page = await cw.send(
          new ListMetricsCommand({
            Namespace: MSK_METRICS_NAMESPACE,
            MetricName: metric,
            Dimensions: [{ Name: LAG_DIMENSION.cluster, Value: clusterName }],
            RecentlyActive: 'PT3H',
            NextToken: token,
          }),
        );
        for (const m of page.Metrics ?? []) {
          const key = seriesKeyOf(clusterName, m.Dimensions);
          if (!key) continue;
          const id = JSON.stringify([key.group, key.topic, key.partition ?? null]);
          if (!seen.has(id)) {
            seen.add(id);
            out.push(key);
          }
        }
        token = page.NextToken;
      } while (token);
      return out.sort(
        (a, b) =>
          a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic) || (a.partition ?? -1) - (b.partition ?? -1),
      );
    });
  }

  /** The values of the requested series (GetMetricData, 500 queries per call, every page). */
  async getSeries(target: AwsTarget, query: LagMetricsQuery): Promise<LagSeries[]> {
    if (query.series.length === 0) return [];
    return this.call(target, 'cloudwatch:GetMetricData', MSK_METRICS_NAMESPACE, async (cw) => {
      const { GetMetricDataCommand } = await import('@aws-sdk/client-cloudwatch');
      const results: LagSeries[] = query.series.map((s) => ({ ...s, points: [], complete: true }));
      for (let from = 0; from < query.series.length; from += MAX_QUERIES) {
        const batch = query.series.slice(from, from + MAX_QUERIES);
        const queries: MetricDataQuery[] = batch.map((s, i) => ({
          Id: `m${from + i}`,
          ReturnData: true,
          MetricStat: {
            Metric: {
              Namespace: MSK_METRICS_NAMESPACE,
              MetricName: s.metric,
              Dimensions: dimensions(query.clusterName, s),
            },
            Period: query.periodSeconds,
            Stat: s.stat,
          },
        }));
        let token: string | undefined;
        do {
          const page = await cw.send(
            new GetMetricDataCommand({
              MetricDataQueries: queries,
              StartTime: query.start,
              EndTime: query.end,
              ScanBy: 'TimestampAscending',
              NextToken: token,
            }),
          );
          for (const r of page.MetricDataResults ?? []) {
            const index = Number(r.Id?.slice(1));
            const series = results[index];
            if (!series) continue;
            const times = r.Timestamps ?? [];
            const values = r.Values ?? [];
            for (let i = 0; i < Math.min(times.length, values.length); i++) {
              series.points.push({ time: new Date(times[i]).getTime(), value: values[i] });
            }
            if (r.StatusCode === 'PartialData' && !page.NextToken) series.complete = false;
          }
          token = page.NextToken;
        } while (token);
      }
      for (const s of results) s.points.sort((a, b) => a.time - b.time);
      return results;
    });
  }
}
