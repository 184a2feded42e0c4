/**
 * Where a group-less tail starts: ListOffsets v5 to each partition's leader (earliest, latest, by
 * timestamp), resolved per start position as the kafkajs tail did (./positions.ts).
 */
import {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  listOffsetsRequest,
  type IsolationLevel,
} from '../protocol/fetchRequest';
import { protocolError } from '../protocol/kafkaErrors';
import type { RawCluster } from '../protocol/rawRequest';
import type { TailStartPosition } from './types';

/** ListOffsets for each partition's leader, as one request per leader. */
export async function listOffsets(
  cluster: RawCluster,
  topic: string,
  partitions: readonly number[],
  timestamp: bigint,
  isolationLevel: IsolationLevel,
): Promise<Map<number, bigint>> {
  const byLeader = new Map<number, number[]>();
  for (const m of cluster.partitions(topic))
    if (partitions.includes(m.partitionId)) byLeader.set(m.leader, [...(byLeader.get(m.leader) ?? []), m.partitionId]);
  const out = new Map<number, bigint>();
  await Promise.all(
    [...byLeader].map(async ([leader, ps]) => {
      const answers = await cluster.send(
        leader,
        listOffsetsRequest(
          topic,
          ps.map((partition) => ({ partition, timestamp })),
          isolationLevel,
        ),
      );
      for (const a of answers) {
        if (a.errorCode !== 0) throw protocolError(a.errorCode, `Offsets of ${topic} partition ${a.partition}`);
        out.set(a.partition, a.offset);
      }
    }),
  );
  return out;
}

/** One start offset per partition, clamped to [log start, log end] as the kafkajs tail did. */
export async function resolveStarts(
  cluster: RawCluster,
  topic: string,
  partitions: number[],
  start: TailStartPosition,
  isolationLevel: IsolationLevel,
): Promise<Map<number, bigint>> {
  const [low, high] = await Promise.all([
    listOffsets(cluster, topic, partitions, EARLIEST_TIMESTAMP, isolationLevel),
    listOffsets(cluster, topic, partitions, LATEST_TIMESTAMP, isolationLevel),
  ]);
  const clamp = (p: number, v: bigint) => (v < low.get(p)! ? low.get(p)! : v > high.get(p)! ? high.get(p)! : v);
  const result = new Map<number, bigint>();
  switch (start.kind) {
    case 'newest':
      return high;
    case 'oldest':
      return low;
    case 'lastN':
      for (const p of partitions) result.set(p, clamp(p, high.get(p)! - BigInt(Math.max(0, Math.floor(start.n)))));
      return result;
    case 'offsets': {
      const given = new Map(start.offsets.map((o) => [o.partition, BigInt(o.offset)]));
      for (const p of partitions) result.set(p, clamp(p, given.get(p) ?? high.get(p)!));
      return result;
    }
    case 'timestamp': {
      const byTime = await listOffsets(cluster, topic, partitions, BigInt(start.timestamp), isolationLevel);
      // -1: no record at or after the timestamp — start at the end.
      for (const p of partitions) {
        const o = byTime.get(p) ?? -1n;
        result.set(p, o < 0n ? high.get(p)! : clamp(p, o));
      }
      return result;
    }
  }
}
