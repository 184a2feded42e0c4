/**
 * Reads the first record at or after given offsets — for a consumer group, the first record it has
 * not read yet, whose timestamp gives the exact time lag. One short tail session per topic (a
 * group-less read: nothing is made on the cluster), fetching little per partition,
 * stopped as soon as every partition answered or the time is up.
 */
import type { KafkaClientPool } from '../clientPool';
import type { KafkaConnectionSpec } from '../connection';
import { TailSession } from '../tail/engine';
import { partitionKey, type FirstRecord, type RecordPosition } from './types';

export interface FirstRecordsOptions {
  /** How long to wait for records (default 10 s); partitions without one by then are left out. */
  timeoutMs?: number;
  /** A topic could not be read (the others still are). */
  onWarning?: (message: string) => void;
  /** Something worth logging that did not keep records from being read (e.g. a read's group could not be deleted). */
  onNotice?: (message: string) => void;
}

/** First record at or after each position, by `partitionKey`; positions with no record in time are absent. */
export async function readFirstRecords(
  pool: KafkaClientPool,
  spec: KafkaConnectionSpec,
  positions: readonly RecordPosition[],
  options: FirstRecordsOptions = {},
): Promise<Map<string, FirstRecord>> {
  const byTopic = new Map<string, Map<number, number>>();
  for (const p of positions) {
    let partitions = byTopic.get(p.topic);
    if (!partitions) byTopic.set(p.topic, (partitions = new Map<number, number>()));
    partitions.set(p.partition, p.offset);
  }
  const found = new Map<string, FirstRecord>();
  await Promise.all(
    [...byTopic].map(([topic, wanted]) =>
      readTopic(pool, spec, topic, wanted, options, found).catch((err: unknown) =>
        options.onWarning?.(`could not read the first unread records of ${topic}: ${String(err)}`),
      ),
    ),
  );
  return found;
}

async function readTopic(
  pool: KafkaClientPool,
  spec: KafkaConnectionSpec,
  topic: string,
  wanted: Map<number, number>,
  options: FirstRecordsOptions,
  found: Map<string, FirstRecord>,
): Promise<void> {
  const missing = new Set(wanted.keys());
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, options.timeoutMs ?? 10_000);
  try {
    const session = await TailSession.start({
      pool,
      spec,
      topic,
      start: {
        kind: 'offsets',
        offsets: [...wanted].map(([partition, offset]) => ({ partition, offset: String(offset) })),
      },
      partitions: [...wanted.keys()],
      bufferSize: 1,
      maxBytesPerPartition: 64 * 1024,
      // Runs on every refresh of a group in view: leftovers are cleaned when a person starts a tail.
      cleanUpStaleGroups: false,
      onRecords: (records) => {
        for (const r of records) {
          if (!missing.delete(r.partition)) continue;
          found.set(partitionKey(topic, r.partition), { offset: Number(r.offset), timestamp: r.timestamp });
        }
        if (missing.size === 0) finish();
      },
      onWarning: options.onNotice,
      onState: (state) => {
        if (state === 'stopped' || state === 'failed') finish();
      },
    });
    await finished;
    await session.stop();
  } finally {
    clearTimeout(timer);
  }
}
