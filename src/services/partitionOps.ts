/**
 * A topic's partitions beyond what the listing shows: their sizes on disk (DescribeLogDirs through
 * the brokers; MSK's topic API has none) and adding partitions (through the brokers, or MSK's
 * UpdateTopic with a partition count when the cluster's topics go through the MSK API). No vscode.
 */
import type * as Aws from '../aws/index';
import type * as Kafka from '../kafka/index';
import { errorMessage, UserError } from '../shared/errors';
import type { ClusterRef, PartitionRow } from './clusterModel';
import { kafkaModule } from './lazyModules';
import type { TopicSource } from './topicSource';

export interface ReplicaSizeRow {
  broker: number;
  bytes: number;
}

/** Sizes as the brokers reported them; `note` says why some or all are missing (never estimated). */
export interface PartitionSizesRow {
  /** Partition → the replicas that reported a size (empty: none did). Undefined: not read at all. */
  partitions?: Record<number, ReplicaSizeRow[]>;
  note?: string;
}

export interface PartitionOps {
  /** The sizes of the replicas of `partitions` (the rows just listed: their replica lists say which brokers to ask). */
  sizes(topic: string, partitions: readonly Pick<PartitionRow, 'partition' | 'replicas'>[]): Promise<PartitionSizesRow>;
  /** Grows the topic to `total` partitions; refused (nothing sent) unless it exceeds the current count. */
  addPartitions(topic: string, total: number): Promise<{ before: number; via: 'kafka' | 'mskApi' }>;
}

export interface PartitionOpsDeps {
  kafka: () => Promise<Kafka.KafkaCluster>;
  topics?: { source: TopicSource; api: () => Aws.MskTopicsService };
  target: Aws.AwsTarget;
}

export const MSK_API_SIZES_NOTE =
  "Sizes on disk: not shown — MSK's topic API does not report them, and the brokers cannot be read from here.";

export function partitionOps(cluster: ClusterRef, deps: PartitionOpsDeps): PartitionOps {
  const t = deps.topics;
  const viaApi = () => t?.source.info(cluster)?.kind === 'mskApi';
  return {
    async sizes(topic, rows) {
      if (viaApi()) return { note: MSK_API_SIZES_NOTE };
      try {
        const read = await (await deps.kafka()).describeTopicSizes(topic, rows);
        const partitions: Record<number, ReplicaSizeRow[]> = {};
        for (const [p, list] of read.partitions) partitions[p] = list.map((r) => ({ ...r }));
        if (read.problems.length === 0) return { partitions };
        const none = Object.values(partitions).every((list) => list.length === 0);
        const why = read.problems.join('; ');
        return {
          partitions,
          note: none ? `Sizes on disk: not shown — ${why}` : `Sizes on disk missing for some replicas — ${why}`,
        };
      } catch (err) {
        return { note: `Sizes on disk: not shown — ${errorMessage(err)}` };
      }
    },
    async addPartitions(topic, total) {
      type Added = { before: number; via: 'kafka' | 'mskApi' };
      const viaKafka = async (): Promise<Added> => ({
        ...(await (await deps.kafka()).addPartitions(topic, total)),
        via: 'kafka',
      });
      if (!t || cluster.source !== 'msk') return viaKafka();
      return t.source.run(cluster, viaKafka, async (): Promise<Added> => {
        const arn = cluster.arn ?? '';
        const detail = await t.api().describeTopic(deps.target, arn, topic);
        const problem = kafkaModule().validatePartitionTotal(detail.partitionCount, total);
        if (problem) throw new UserError(problem, { code: 'InvalidRequest', hint: 'Enter a larger number.' });
        await t.api().updateTopic(deps.target, arn, topic, { partitionCount: total });
        return { before: detail.partitionCount, via: 'mskApi' };
      });
    },
  };
}

/** "0 B", "1.5 KiB", "12.3 MiB" (binary units, one decimal above bytes). */
export function formatSize(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  if (bytes < 1024) return `${bytes} B`;
  let v = bytes;
  let unit = 'B';
  for (const u of units) {
    if (v < 1024) break;
    v /= 1024;
    unit = u;
  }
  return `${v.toFixed(1)} ${unit}`;
}
