/** Resolves a tail's start position into one offset per chosen partition. */
import type { Admin } from 'kafkajs';
import type { TailStartPosition } from './types';

export interface PartitionRange {
  partition: number;
  low: bigint;
  high: bigint;
}

export async function partitionRanges(admin: Admin, topic: string): Promise<PartitionRange[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets
    .map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) }))
    .sort((a, b) => a.partition - b.partition);
}

/** Start offset per partition, clamped to [low, high]. */
export async function resolveStartOffsets(
  admin: Admin,
  topic: string,
  ranges: PartitionRange[],
  start: TailStartPosition,
): Promise<Map<number, bigint>> {
  const clamp = (r: PartitionRange, v: bigint) => (v < r.low ? r.low : v > r.high ? r.high : v);
  const result = new Map<number, bigint>();
  switch (start.kind) {
    case 'newest':
      for (const r of ranges) result.set(r.partition, r.high);
      break;
    case 'oldest':
      for (const r of ranges) result.set(r.partition, r.low);
      break;
    case 'lastN':
      for (const r of ranges) result.set(r.partition, clamp(r, r.high - BigInt(Math.max(0, Math.floor(start.n)))));
      break;
    case 'offsets': {
      const given = new Map(start.offsets.map((o) => [o.partition, BigInt(o.offset)]));
      for (const r of ranges) result.set(r.partition, clamp(r, given.get(r.partition) ?? r.high));
      break;
    }
    case 'timestamp': {
      const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, start.timestamp);
      const found = new Map(byTime.map((o) => [o.partition, BigInt(o.offset)]));
      for (const r of ranges) {
        // kafkajs already answers the high offset for a partition without a message at or after the timestamp.
        const o = found.get(r.partition);
        result.set(r.partition, o === undefined ? r.high : clamp(r, o));
      }
      break;
    }
  }
  return result;
}
