/**
 * The size on disk of each replica of a topic's partitions, from DescribeLogDirs v1 sent to every
 * broker that hosts a replica (kafkajs has no DescribeLogDirs; see protocol/rawRequest.ts). Sizes
 * are only what the brokers report: a broker that refuses or fails leaves its replicas without a
 * size and the reason is returned — nothing is estimated.
 */
import { kafkaErrorName } from './protocol/kafkaErrors';
import { describeLogDirsRequest, type DescribeLogDirsResponse } from './protocol/describeLogDirs';
import type { RawCluster } from './protocol/rawRequest';

export interface ReplicaSize {
  broker: number;
  bytes: number;
}

export interface TopicSizes {
  /** Per partition, the sizes the brokers reported (a replica missing: its broker gave no size). */
  partitions: Map<number, ReplicaSize[]>;
  /** Why some or all sizes are missing, one line per broker; empty when every replica has a size. */
  problems: string[];
}

/** What an answer with no log directory means for v1 (which has no top-level error code). */
export const NO_LOG_DIRS_REASON =
  'it described no log directory — Kafka answers DescribeLogDirs so when the principal lacks DESCRIBE on the CLUSTER resource (CLUSTER_AUTHORIZATION_FAILED; on MSK with IAM: kafka-cluster:DescribeCluster)';

/** A partition and the brokers holding its replicas (as the topic's metadata listed them). */
export interface PartitionReplicas {
  partition: number;
  replicas: readonly number[];
}

/**
 * Reads the sizes of every replica of `topic`'s `partitions` (one request per broker, in parallel)
 * over `raw`, a connection's shared raw cluster (the caller keeps it open).
 */
export async function describeTopicSizes(
  raw: RawCluster,
  topic: string,
  partitions: readonly PartitionReplicas[],
): Promise<TopicSizes> {
  const byBroker = new Map<number, number[]>();
  for (const p of partitions) {
    for (const b of p.replicas) byBroker.set(b, [...(byBroker.get(b) ?? []), p.partition]);
  }
  const sizes = new Map<number, ReplicaSize[]>(partitions.map((p) => [p.partition, []]));
  const problems: string[] = [];
  await Promise.all(
    [...byBroker.entries()].map(async ([broker, ids]) => {
      let answer: DescribeLogDirsResponse;
      try {
        answer = await raw.send(broker, describeLogDirsRequest([{ topic, partitions: ids }]));
      } catch (err) {
        problems.push(`broker ${broker}: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      const found = replicaSizes(answer, topic);
      if (answer.results.length === 0) problems.push(`broker ${broker}: ${NO_LOG_DIRS_REASON}`);
      const failedDirs = answer.results.filter((r) => r.errorCode !== 0);
      for (const dir of failedDirs)
        problems.push(`broker ${broker}: log directory ${dir.logDir}: ${kafkaErrorName(dir.errorCode)}`);
      for (const [partition, bytes] of found) sizes.get(partition)?.push({ broker, bytes });
    }),
  );
  for (const list of sizes.values()) list.sort((a, b) => a.broker - b.broker);
  return { partitions: sizes, problems: problems.sort() };
}

/** Partition → bytes of the current (not future) replica log in one broker's answer. */
export function replicaSizes(answer: DescribeLogDirsResponse, topic: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const dir of answer.results) {
    if (dir.errorCode !== 0) continue;
    for (const t of dir.topics) {
      if (t.name !== topic) continue;
      for (const p of t.partitions) if (!p.isFuture) out.set(p.partition, Number(p.size));
    }
  }
  return out;
}
