/** Topic listing, description, creation and deletion as plain data. */
import type { Admin, PartitionMetadata } from 'kafkajs';
import { KafkaUserError } from './errors';
import { validateCreateTopic, type CreateTopicRequest } from './topicValidation';

export interface TopicSummary {
  name: string;
  partitions: number;
  /** Replicas per partition (the largest, should partitions differ). */
  replicationFactor: number;
  /** Some partition has fewer in-sync replicas than replicas. */
  underReplicated: boolean;
  /** Kafka's or a managed service's own topic (e.g. __consumer_offsets). */
  internal: boolean;
}

export interface PartitionInfo {
  partition: number;
  /** Broker id of the leader, or null while there is none. */
  leader: number | null;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** Offsets are int64: kept as decimal strings. */
  earliestOffset: string;
  latestOffset: string;
}

export interface TopicDescription {
  name: string;
  internal: boolean;
  partitions: PartitionInfo[];
}

/** Topics that are not user data even without a leading "__". */
const KNOWN_INTERNAL = new Set(['_schemas', '__consumer_offsets', '__transaction_state']);

export function isInternalTopic(name: string): boolean {
  return name.startsWith('__') || KNOWN_INTERNAL.has(name) || name.startsWith('_confluent');
}

function summarize(name: string, partitions: PartitionMetadata[]): TopicSummary {
  return {
    name,
    partitions: partitions.length,
    replicationFactor: partitions.reduce((max, p) => Math.max(max, p.replicas.length), 0),
    underReplicated: partitions.some((p) => p.isr.length < p.replicas.length),
    internal: isInternalTopic(name),
  };
}

/** Every topic the principal may describe, sorted by name, from one metadata request. */
export async function listTopics(admin: Admin): Promise<TopicSummary[]> {
  const { topics } = await admin.fetchTopicMetadata();
  return topics.map((t) => summarize(t.name, t.partitions)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Partitions with leader, replicas, ISR and earliest/latest offsets (one fetchTopicOffsets call). */
export async function describeTopic(admin: Admin, name: string): Promise<TopicDescription> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
  const meta = topics.find((t) => t.name === name);
  if (!meta)
    throw new KafkaUserError(`Topic "${name}" does not exist.`, { code: 'NotFound', hint: 'Refresh the topic list.' });
  const offsets = await admin.fetchTopicOffsets(name);
  const byPartition = new Map(offsets.map((o) => [o.partition, o]));
  return {
    name,
    internal: isInternalTopic(name),
    partitions: meta.partitions
      .map((p) => {
        const o = byPartition.get(p.partitionId);
        return {
          partition: p.partitionId,
          leader: p.leader >= 0 ? p.leader : null,
          replicas: [...p.replicas],
          isr: [...p.isr],
          offlineReplicas: [...(p.offlineReplicas ?? [])],
          earliestOffset: o?.low ?? '0',
          latestOffset: o?.high ?? '0',
        };
      })
      .sort((a, b) => a.partition - b.partition),
  };
}

/** Messages currently retained in a partition range (latest − earliest), as a bigint. */
export function retainedMessages(p: Pick<PartitionInfo, 'earliestOffset' | 'latestOffset'>): bigint {
  const n = BigInt(p.latestOffset) - BigInt(p.earliestOffset);
  return n > 0n ? n : 0n;
}

export interface CreateTopicOptions {
  /** ms the controller may take; default 30 000. */
  timeout?: number;
}

/**
 * Validates the request against the live broker count and topic list, then creates the topic and
 * waits for its partition leaders. Validation problems are thrown as one KafkaUserError
 * (code InvalidRequest) before anything is sent.
 */
export async function createTopic(
  admin: Admin,
  request: CreateTopicRequest,
  options: CreateTopicOptions = {},
): Promise<void> {
  const [{ brokers }, existingTopics] = await Promise.all([admin.describeCluster(), admin.listTopics()]);
  const problems = validateCreateTopic(request, { brokerCount: brokers.length, existingTopics });
  if (problems.length > 0) {
    const exists = existingTopics.includes(request.name);
    throw new KafkaUserError(problems.join(' '), {
      code: exists ? 'AlreadyExists' : 'InvalidRequest',
      hint: exists ? 'Choose another name.' : 'Fix the values and try again.',
    });
  }
  const created = await admin.createTopics({
    waitForLeaders: true,
    timeout: options.timeout ?? 30_000,
    topics: [
      {
        topic: request.name,
        numPartitions: request.partitions,
        replicationFactor: request.replicationFactor,
        configEntries: Object.entries(request.configs ?? {}).map(([name, value]) => ({ name, value })),
      },
    ],
  });
  if (!created)
    throw new KafkaUserError(`Topic "${request.name}" already exists.`, {
      code: 'AlreadyExists',
      hint: 'Choose another name.',
    });
}

export async function deleteTopic(admin: Admin, name: string, options: { timeout?: number } = {}): Promise<void> {
  await admin.deleteTopics({ topics: [name], timeout: options.timeout ?? 30_000 });
}
