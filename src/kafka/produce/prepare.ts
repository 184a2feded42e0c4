/**
 * One outgoing message as kafkajs sends it, with its partition chosen here (kafkajs's
 * DefaultPartitioner, or the fixed one) so that offsets map back to partitions, or the reason it is
 * refused before sending. The same message object given again (a bulk send of one draft without
 * templates) is converted once; only the partition is chosen per message.
 */
import { Partitioners, type Message, type PartitionMetadata } from 'kafkajs';
import { BATCH_OVERHEAD_BYTES, recordSize } from './size';
import type { OutgoingMessage } from './types';

export type Prepared =
  { message: Message; partition: number; size: number } | { refused: string; code: string; partition?: number };

/** One request's messages, grouped by partition (a partition's records share one batch). */
export interface Chunk {
  parts: Map<number, { messages: Message[]; indexes: number[]; bytes: number }>;
  count: number;
}

/** The positions of a chunk's messages, in order. */
export function chunkIndexes(chunk: Chunk): number[] {
  return [...chunk.parts.values()].flatMap((p) => p.indexes).sort((a, b) => a - b);
}

interface Converted {
  source: OutgoingMessage;
  base: Message;
  size: number;
  /** The partition of a fixed or keyed message (the same every time); undefined: round robin. */
  fixed?: number;
  /** The message with its partition set, per partition. */
  byPartition: Map<number, Message>;
}

/** Text as its UTF-8 bytes, made once (kafkajs would measure and encode a string for every record it writes). */
const bytesOf = (v: string | Buffer | null): Buffer | null => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v);

/** Text goes as UTF-8, Buffers (base64 fields of the panel) byte for byte. */
function toKafkaMessage(m: OutgoingMessage): Message {
  const message: Message = { key: bytesOf(m.key), value: bytesOf(m.value), timestamp: m.timestamp };
  if (m.headers.length === 0) return message;
  message.headers = Object.fromEntries(m.headers.map((h) => [h.key, h.value]));
  if (m.headers.length !== Object.keys(message.headers).length) {
    // Repeated header names: kafkajs takes arrays of values per name, keeping each.
    const grouped: Record<string, (string | Buffer)[]> = {};
    for (const h of m.headers) (grouped[h.key] ??= []).push(h.value);
    message.headers = grouped;
  }
  return message;
}

export function preparer(
  topic: string,
  partitions: PartitionMetadata[],
  limit: number,
  maxMessageBytes: number | undefined,
): (m: OutgoingMessage) => Prepared {
  const partitionIds = new Set(partitions.map((p) => p.partitionId));
  const partitioner = Partitioners.DefaultPartitioner();
  let last: Converted | undefined;
  return (m) => {
    if (m.partition !== undefined && !partitionIds.has(m.partition))
      return {
        refused: `Topic "${topic}" has no partition ${m.partition} (it has ${partitions.length}).`,
        code: 'InvalidRequest',
      };
    if (last?.source !== m) {
      const size = recordSize(m);
      if (size + BATCH_OVERHEAD_BYTES > limit)
        return {
          refused: `Too large: about ${size} bytes; topic "${topic}" accepts at most ${limit} bytes (max.message.bytes${maxMessageBytes === undefined ? ', broker default assumed' : ''}).`,
          code: 'MessageTooLarge',
          partition: m.partition,
        };
      const base = toKafkaMessage(m);
      const fixed =
        m.partition ??
        (m.key !== null && m.key !== undefined
          ? partitioner({ topic, partitionMetadata: partitions, message: base })
          : undefined);
      last = { source: m, base, size, fixed, byPartition: new Map() };
    }
    const partition = last.fixed ?? partitioner({ topic, partitionMetadata: partitions, message: last.base });
    let message = last.byPartition.get(partition);
    if (!message) last.byPartition.set(partition, (message = { ...last.base, partition }));
    return { message, partition, size: last.size };
  };
}
