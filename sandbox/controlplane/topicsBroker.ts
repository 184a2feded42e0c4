/**
 * The real broker behind MSK's topic operations (topics.ts): one short-lived kafkajs admin per
 * request over the plaintext listener, and the few admin calls the operations need, with Kafka's
 * refusals turned into MSK's error types.
 */
import type { Admin, ConfigResourceTypes } from 'kafkajs';
import type { SandboxState } from '../state';
import { ApiError, badRequest, serviceUnavailable } from './errors';
import { controlPlaneKafka } from './brokerClient';

const TOPIC_RESOURCE = 2 as ConfigResourceTypes;
/** kafkajs configSource of a per-topic override (DYNAMIC_TOPIC_CONFIG). */
const TOPIC_OVERRIDE_SOURCE = 1;
const TIMEOUT_MS = 5000;

export interface BrokerTopic {
  name: string;
  partitions: { partitionId: number; leader: number; replicas: number[]; isr: number[] }[];
}

/** Runs `fn` with a connected admin of the sandbox broker; an unreachable broker is a 503. */
export async function withTopicAdmin<T>(state: SandboxState, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = controlPlaneKafka(state, 'msk-sandbox-controlplane-topics', { requestTimeout: TIMEOUT_MS });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (err) {
    throw serviceUnavailable(
      `The sandbox broker at ${state.listeners.plaintext} is not reachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  try {
    return await fn(admin);
  } catch (err) {
    throw toApiError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Every topic with its partitions (internal topics included, as MSK lists them). */
export async function brokerTopics(admin: Admin, names?: string[]): Promise<BrokerTopic[]> {
  const topics = names ?? (await admin.listTopics());
  if (topics.length === 0) return [];
  const meta = await admin.fetchTopicMetadata({ topics });
  return meta.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions
      .map((p) => ({ partitionId: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
      .sort((a, b) => a.partitionId - b.partitionId),
  }));
}

/** The topic's configuration as name → value (sensitive and unset entries left out). */
export async function topicConfigs(admin: Admin, topic: string): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC_RESOURCE, name: topic }],
  });
  const out: Record<string, string> = {};
  for (const e of resources[0]?.configEntries ?? []) {
    if (!e.isSensitive && e.configValue !== null && e.configValue !== undefined) out[e.configName] = e.configValue;
  }
  return out;
}

/** The topic's own overrides (what AlterConfigs replaces as a whole). */
async function topicOverrides(admin: Admin, topic: string): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC_RESOURCE, name: topic }],
  });
  const out: Record<string, string> = {};
  for (const e of resources[0]?.configEntries ?? []) {
    const source = (e as { configSource?: number }).configSource;
    if (source === TOPIC_OVERRIDE_SOURCE && e.configValue !== null) out[e.configName] = e.configValue;
  }
  return out;
}

/** Sets the given configs on the topic, keeping its other overrides. */
export async function setTopicConfigs(admin: Admin, topic: string, configs: Record<string, string>): Promise<void> {
  const merged = { ...(await topicOverrides(admin, topic)), ...configs };
  await admin.alterConfigs({
    validateOnly: false,
    resources: [
      {
        type: TOPIC_RESOURCE,
        name: topic,
        configEntries: Object.entries(merged).map(([name, value]) => ({ name, value })),
      },
    ],
  });
}

export async function createBrokerTopic(
  admin: Admin,
  topic: string,
  partitions: number,
  replicationFactor: number,
  configs: Record<string, string>,
): Promise<void> {
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic,
        numPartitions: partitions,
        replicationFactor,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      },
    ],
  });
  if (!created) throw topicExists(topic);
}

export const topicExists = (topic: string): ApiError =>
  new ApiError(409, 'TopicExistsException', `Topic '${topic}' already exists.`, { invalidParameter: 'topicName' });

export const unknownTopic = (topic: string): ApiError =>
  new ApiError(404, 'UnknownTopicOrPartitionException', `This server does not host this topic: ${topic}.`, {
    invalidParameter: 'topicName',
  });

interface KafkaErrorShape {
  name?: string;
  type?: string;
  message?: string;
  errors?: unknown[];
  cause?: unknown;
}

/** Kafka's refusals as MSK's error types; anything else stays as it is (a 500 in server.ts). */
function toApiError(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  const seen: KafkaErrorShape[] = [];
  const walk = (e: unknown): void => {
    if (!e || typeof e !== 'object' || seen.length > 20) return;
    const k = e as KafkaErrorShape;
    seen.push(k);
    for (const inner of k.errors ?? []) walk(inner);
    walk(k.cause);
  };
  walk(err);
  const typed = seen.find((e) => typeof e.type === 'string' && e.type !== 'UNKNOWN');
  const message = typed?.message ?? (err instanceof Error ? err.message : String(err));
  switch (typed?.type) {
    case 'TOPIC_ALREADY_EXISTS':
      return new ApiError(409, 'TopicExistsException', message, { invalidParameter: 'topicName' });
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return new ApiError(404, 'UnknownTopicOrPartitionException', message, { invalidParameter: 'topicName' });
    case 'INVALID_REPLICATION_FACTOR':
      return badRequest(message, 'replicationFactor');
    case 'INVALID_PARTITIONS':
      return badRequest(message, 'partitionCount');
    case 'INVALID_CONFIG':
    case 'INVALID_REQUEST':
      return badRequest(message, 'configs');
    case 'INVALID_TOPIC_EXCEPTION':
      return badRequest(message, 'topicName');
    default:
      return err;
  }
}
