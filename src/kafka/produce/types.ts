/** Plain data of the produce feature, shared by the engine, the panel and the producer files. */

export type ProduceCompression = 'none' | 'gzip' | 'snappy' | 'lz4';
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

export type MessageOutcome =
  | { index: number; ok: true; partition: number; offset: string }
  | { index: number; ok: false; error: string; code: string; partition?: number };

export interface ProduceReport {
  topic: string;
  outcomes: MessageOutcome[];
  sent: number;
  failed: number;
  /** Whether the idempotent producer was used (false: not asked, or the cluster refused it). */
  idempotent: boolean;
  /** Why idempotence was not used although asked for. */
  idempotenceFallback?: string;
  /** max.message.bytes of the topic (or undefined if it could not be read). */
  maxMessageBytes?: number;
  durationMs: number;
}

export interface ProduceProgress {
  done: number;
  total: number;
}
