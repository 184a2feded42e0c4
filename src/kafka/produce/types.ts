/** Plain data of the produce feature, shared by the engine, the panel and the producer files. */

import type { CompressionName } from '../protocol/compression';

export type ProduceCompression = CompressionName;
export type ProduceAcks = -1 | 0 | 1;

/**
 * How a field typed in the producer panel is read: UTF-8 text (templates rendered) or base64 of the
 * exact bytes (binary payloads such as Avro or Protobuf; sent as they are, never rendered).
 */
export type FieldEncoding = 'text' | 'base64';

/** Text is sent as UTF-8; a Buffer is sent byte for byte. */
export type ProduceBytes = string | Buffer;

export interface ProduceHeader {
  key: string;
  value: ProduceBytes;
}

/** One message exactly as it is sent (templates already rendered). */
export interface OutgoingMessage {
  key: ProduceBytes | null;
  value: ProduceBytes | null;
  headers: ProduceHeader[];
  /** Undefined: the default partitioner (murmur2 of the key, round robin without a key). */
  partition?: number;
  /** Milliseconds since the epoch, as a decimal string; undefined: the producer's clock. */
  timestamp?: string;
}

export interface ProduceOptions {
  acks: ProduceAcks;
  compression: ProduceCompression;
  /** Try an idempotent producer (needs acks=-1); falls back to a plain one when the cluster refuses. */
  idempotent: boolean;
  /** Broker ack timeout per request. */
  timeoutMs?: number;
}

/**
 * Messages a request stored in one partition: consecutive offsets `first`…`last` (decimal
 * strings; '-1' for both when acks=0, where the broker tells no offsets). Consecutive requests
 * that continue a partition's offsets are merged into one range.
 */
export interface OffsetRange {
  partition: number;
  first: string;
  last: string;
  count: number;
}

/** Messages `first`…`last` (0-based positions in the send, inclusive) that failed for one reason. */
export interface MessageFailure {
  first: number;
  last: number;
  error: string;
  code: string;
  /** The partition they were meant for, when they all were meant for one. */
  partition?: number;
}

export interface ProduceReport {
  topic: string;
  /** Messages asked to send. */
  total: number;
  sent: number;
  failed: number;
  /** Where the sent messages are, by partition and offset (ordered by partition, then offset). */
  ranges: OffsetRange[];
  /** Every failure, in message order; consecutive messages failing for the same reason share one entry. */
  failures: MessageFailure[];
  /** Whether the idempotent producer was used (false: not asked, or the cluster refused it). */
  idempotent: boolean;
  /** Why idempotence was not used although asked for. */
  idempotenceFallback?: string;
  /** max.message.bytes of the topic (or undefined if it could not be read). */
  maxMessageBytes?: number;
  durationMs: number;
  /** Who encoded the record batches: our own encoder (the bulk path) or kafkajs's producer (acks=0, or a fallback). */
  encoder?: 'own' | 'kafkajs';
}

/**
 * The messages of a send, read by position: a plain array, or a source that makes each message when
 * it is sent (a bulk send of one draft without templates returns the same object every time).
 */
export interface MessageSource {
  readonly length: number;
  at(index: number): OutgoingMessage;
}

export interface ProduceProgress {
  done: number;
  total: number;
}
