/**
 * Reads the first record of a topic the way the tail reads: ListOffsets and one Fetch over the
 * connection's own sockets, no consumer group, nothing committed. The connection doctor's read check
 * uses it, so it asks for exactly the permissions a tail needs.
 */
import type { KafkaClientPool } from '../clientPool';
import type { KafkaConnectionSpec } from '../connection';
import { EARLIEST_TIMESTAMP, fetchRequest } from '../protocol/fetchRequest';
import { openRawCluster, type RawCluster } from '../protocol/rawRequest';
import { loadDecompressors, walkRecordBatches } from '../protocol/recordBatchReader';
import { protocolError } from '../protocol/kafkaErrors';
import { listOffsets } from './fetchStart';

export type ReadProbeResult = { partition: number; offset: string } | { empty: true };

const READ_COMMITTED = 1;

export async function readFirstRecord(
  pool: KafkaClientPool,
  spec: KafkaConnectionSpec,
  topic: string,
  maxWaitMs = 250,
): Promise<ReadProbeResult> {
  // A raw cluster of its own, closed after: the topic does not join the shared clusters' metadata.
  const raw = await openRawCluster(await pool.getKafka(spec));
  try {
    return await readFirst(raw, topic, maxWaitMs);
  } finally {
    await raw.disconnect().catch(() => undefined);
  }
}

async function readFirst(raw: RawCluster, topic: string, maxWaitMs: number): Promise<ReadProbeResult> {
  await raw.refreshTopics([topic]);
  const partitions = raw.partitions(topic);
  const starts = await listOffsets(
    raw,
    topic,
    partitions.map((p) => p.partitionId),
    EARLIEST_TIMESTAMP,
    READ_COMMITTED,
  );
  const byLeader = new Map<number, number[]>();
  for (const p of partitions) byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partitionId]);
  const decompressors = await loadDecompressors();
  let found: ReadProbeResult | undefined;
  for (const [leader, ids] of [...byLeader].sort(([a], [b]) => a - b)) {
    const answer = await raw.send(
      leader,
      fetchRequest({
        topic,
        partitions: ids.map((partition) => ({ partition, offset: starts.get(partition) ?? 0n, maxBytes: 64 * 1024 })),
        maxWaitMs,
        maxBytes: 1024 * 1024,
        isolationLevel: READ_COMMITTED,
      }),
    );
    if (answer.errorCode !== 0) throw protocolError(answer.errorCode, `Reading ${topic}`);
    for (const r of answer.topics.flatMap((t) => t.partitions).sort((a, b) => a.partition - b.partition)) {
      if (r.errorCode !== 0) throw protocolError(r.errorCode, `Reading ${topic} partition ${r.partition}`);
      if (found) continue;
      walkRecordBatches(
        r.records,
        { fromOffset: starts.get(r.partition) ?? 0n, decompressors, abortedTransactions: r.abortedTransactions },
        (offset) => {
          found ??= { partition: r.partition, offset: String(offset) };
        },
      );
    }
    if (found) return found;
  }
  return found ?? { empty: true };
}
