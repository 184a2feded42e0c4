/** Reading back what the produce tests sent, record by record with all its fields. */
import { Kafka, type KafkaConfig } from 'kafkajs';
import { kafkaConfig, sandbox, uniqueName, withAdmin } from '../support/sandbox';

export interface ReadRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  timestamp: string;
  headers: Record<string, string | string[]>;
  /** The exact bytes, for binary payloads. */
  raw: { key: Buffer | null; value: Buffer | null; headers: { key: string; value: Buffer }[] };
}

/** Consumes from the beginning until `count` records arrived (or fails after `timeoutMs`). */
export async function readBack(topic: string, count: number, timeoutMs = 60_000): Promise<ReadRecord[]> {
  const config: KafkaConfig = kafkaConfig(sandbox(), 'plaintext');
  const groupId = uniqueName('produce-it-read');
  const consumer = new Kafka(config).consumer({ groupId, maxWaitTimeInMs: 250 });
  const out: ReadRecord[] = [];
  let failure: Error | undefined;
  await consumer.connect();
  try {
    consumer.on(consumer.events.CRASH, (e) => {
      failure = e.payload.error;
    });
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        const headers: Record<string, string | string[]> = {};
        const rawHeaders: { key: string; value: Buffer }[] = [];
        for (const [k, v] of Object.entries(message.headers ?? {})) {
          headers[k] = Array.isArray(v) ? v.map((x) => String(x)) : String(v);
          for (const x of Array.isArray(v) ? v : [v])
            if (x !== undefined) rawHeaders.push({ key: k, value: Buffer.isBuffer(x) ? x : Buffer.from(x) });
        }
        out.push({
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          timestamp: message.timestamp,
          headers,
          raw: { key: message.key, value: message.value, headers: rawHeaders },
        });
        if (out.length >= count) done();
        return Promise.resolve();
      },
    });
    const timer = setTimeout(done, timeoutMs);
    await finished;
    clearTimeout(timer);
    if (failure) throw failure;
    if (out.length < count) throw new Error(`read ${out.length} of ${count} records from ${topic} in ${timeoutMs} ms`);
    return out;
  } finally {
    await consumer.disconnect();
    // The group committed offsets: delete it, the test made it.
    await withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
}

/** Creates a topic with configs (Cleanup.createTopic has none); the caller registers it for deletion. */
export async function createTopicWith(
  topic: string,
  partitions: number,
  configs: Record<string, string> = {},
): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
        },
      ],
      waitForLeaders: true,
    });
  });
}
