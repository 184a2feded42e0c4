/** Growing a topic's partition count (partitions cannot be removed). */
import type { Admin } from 'kafkajs';
import { KafkaUserError } from './errors';

/** The problem with `total` as the topic's new partition count, or undefined when it may be sent. */
export function validatePartitionTotal(current: number, total: number): string | undefined {
  if (!Number.isInteger(total)) return 'The new partition count must be a whole number.';
  if (total <= current)
    return `The new partition count must exceed the current ${current}: partitions can be added, never removed.`;
  return undefined;
}

/** Grows `topic` to `total` partitions after checking the current count with a metadata request. */
export async function addPartitions(admin: Admin, topic: string, total: number): Promise<{ before: number }> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const meta = topics.find((t) => t.name === topic);
  if (!meta)
    throw new KafkaUserError(`Topic "${topic}" does not exist.`, { code: 'NotFound', hint: 'Refresh the topic list.' });
  const problem = validatePartitionTotal(meta.partitions.length, total);
  if (problem) throw new KafkaUserError(problem, { code: 'InvalidRequest', hint: 'Enter a larger number.' });
  await admin.createPartitions({ timeout: 30_000, topicPartitions: [{ topic, count: total }] });
  await waitForNewLeaders(admin, topic, total);
  return { before: meta.partitions.length };
}

/**
 * CreatePartitions answers once the controller has the new partitions; their leaders take a moment
 * more (Kafka 4.1 answers ListOffsets with NOT_LEADER_OR_FOLLOWER meanwhile). Waits until every
 * partition answers its offsets, so what reads the topic next sees all of them; gives up quietly
 * after `timeoutMs` (the partitions exist, a later refresh shows them).
 */
async function waitForNewLeaders(admin: Admin, topic: string, total: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      // fetchTopicMetadata refreshes kafkajs' metadata (fetchTopicOffsets alone may use a cached count).
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const led = topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0;
      if (led >= total && (await admin.fetchTopicOffsets(topic)).length >= total) return;
    } catch {
      // not led yet: try again
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
