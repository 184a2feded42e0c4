/** Shapes shared by the tail engine, the panel host and the webview (no runtime code). */

/** Where a tail starts reading. Offsets are decimal strings (Kafka offsets are int64). */
export type TailStartPosition =
  | { kind: 'newest' }
  | { kind: 'oldest' }
  | { kind: 'offsets'; offsets: { partition: number; offset: string }[] }
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'lastN'; n: number };

/** One consumed message as kept in the host buffer (raw bytes; decoded on demand). */
export interface TailRecord {
  /** Position in the session's stream (0, 1, 2…), stable across buffer evictions. */
  seq: number;
  partition: number;
  offset: string;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
  /** Key + value + header bytes. */
  size: number;
}

/** 'reconnecting': the consumer is not reading now (kafkajs restarts it, or it moves to changed connection settings). */
export type TailState = 'starting' | 'running' | 'paused' | 'reconnecting' | 'stopped' | 'failed';

export interface TailStats {
  state: TailState;
  /** Messages received since the start. */
  received: number;
  /** Messages per second over the last few seconds. */
  rate: number;
  /** Messages in the buffer and its capacity. */
  buffered: number;
  capacity: number;
  /** Messages matching the current filter (equals buffered with no filter). */
  matching: number;
}
