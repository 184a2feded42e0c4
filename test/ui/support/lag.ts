/** A real kafkajs consumer driven from the UI test process, and set-up for the lag UI test. */
import { after, before } from 'node:test';
import { Kafka, type Consumer } from 'kafkajs';
import { kafkaConfig, sandbox, withAdmin } from '../../integration/support/sandbox';
import { waitFor } from './codeServer';

const kafka = () => new Kafka(kafkaConfig(sandbox(), 'plaintext'));

export async function createTopicWithRecords(topic: string, records: number): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  });
  await produceRecords(topic, records);
}

/** `count` records to partition 0; `timestamp` (ms): the time the records say they were written. */
export async function produceRecords(topic: string, count: number, timestamp?: number): Promise<void> {
  const producer = kafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: Array.from({ length: count }, (_, i) => ({
        partition: 0,
        value: `r${i}`,
        ...(timestamp === undefined ? {} : { timestamp: String(timestamp) }),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** A consumer that reads everything and commits after every record. */
export async function startConsumer(topic: string, groupId: string): Promise<Consumer> {
  const consumer = kafka().consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ autoCommitThreshold: 1, eachMessage: () => Promise.resolve() });
  return consumer;
}

/** Waits until the group's committed offset on partition 0 is `offset`. */
export function waitForCommitted(topic: string, groupId: string, offset: number): Promise<void> {
  return waitFor(
    `group ${groupId} to commit ${offset}`,
    () =>
      withAdmin(async (admin) => {
        const t = (await admin.fetchOffsets({ groupId, topics: [topic] })).find((x) => x.topic === topic);
        return Number(t?.partitions.find((p) => p.partition === 0)?.offset ?? -1) === offset;
      }),
    { timeoutMs: 30_000 },
  );
}

export async function deleteTopicAndGroup(topic: string, groupId: string): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    const existing = new Set(await admin.listTopics());
    if (existing.has(topic)) await admin.deleteTopics({ topics: [topic] });
  });
}

/** The committed offset of the group on partition 0 (-1: none). */
export function committedOffset(topic: string, groupId: string): Promise<number> {
  return withAdmin(async (admin) => {
    const t = (await admin.fetchOffsets({ groupId, topics: [topic] })).find((x) => x.topic === topic);
    return Number(t?.partitions.find((p) => p.partition === 0)?.offset ?? -1);
  });
}

/** An empty group (no members) with a committed offset on partition 0 of the topic. */
export function commitOffset(topic: string, groupId: string, offset: number): Promise<void> {
  return withAdmin(async (admin) => {
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(offset) }] });
  });
}

/** `msk.lag.*` settings that judge after three samples two seconds apart (a verdict within seconds). */
export const quickLagSettings = { 'msk.lag.refreshSeconds': 2, 'msk.lag.windowSamples': 3, 'msk.lag.minSamples': 3 };

/**
 * For the calling test file: a one-partition topic of `records` records and a group whose live
 * consumer has read and committed them all (made in `before`); in `after` the consumer leaves and
 * the topic and group are deleted. `stop()` makes the consumer leave earlier (its commits stay).
 */
export function useCaughtUpGroup(topic: string, groupId: string, records: number): { stop(): Promise<void> } {
  let consumer: Consumer | undefined;
  const stop = async () => {
    const c = consumer;
    consumer = undefined;
    await c?.disconnect();
  };
  before(async () => {
    await createTopicWithRecords(topic, records);
    consumer = await startConsumer(topic, groupId);
    await waitForCommitted(topic, groupId, records);
  });
  after(async () => {
    await stop();
    await deleteTopicAndGroup(topic, groupId);
  });
  return { stop };
}
