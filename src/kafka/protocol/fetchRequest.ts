/**
 * Fetch v11 (the newest non-flexible version; Kafka 4 accepts v4–17, flexible from v12) and
 * ListOffsets v5 (Kafka 4 accepts v1+, flexible from v6), as apache/kafka's FetchRequest.json,
 * FetchResponse.json, ListOffsetsRequest.json and ListOffsetsResponse.json define them.
 *
 * The Fetch response decoder does not decode records: each partition keeps its record bytes as a
 * slice of the response payload (no copy); ./recordBatchReader.ts walks them.
 *
 * Fetch v11 request: replica_id int32 · max_wait_ms int32 · min_bytes int32 · max_bytes int32 ·
 *   isolation_level int8 · session_id int32 · session_epoch int32 ·
 *   topics [topic string · partitions [partition int32 · current_leader_epoch int32 ·
 *   fetch_offset int64 · log_start_offset int64 · partition_max_bytes int32]] ·
 *   forgotten_topics_data [topic string · partitions [int32]] · rack_id string
 * Fetch v11 response: throttle_time_ms int32 · error_code int16 · session_id int32 ·
 *   responses [topic string · partitions [partition_index int32 · error_code int16 ·
 *   high_watermark int64 · last_stable_offset int64 · log_start_offset int64 ·
 *   aborted_transactions nullable [producer_id int64 · first_offset int64] ·
 *   preferred_read_replica int32 · records nullable bytes (int32 length)]]
 */
import type { RawRequest } from './rawRequest';
import { WireReader, WireWriter } from './wireFormat';

export const FETCH_API_KEY = 1;
export const FETCH_VERSION = 11;
export const LIST_OFFSETS_API_KEY = 2;
export const LIST_OFFSETS_VERSION = 5;

/** 0: every record; 1: only committed ones (aborted transactions dropped, nothing past the last stable offset). */
export type IsolationLevel = 0 | 1;

export interface FetchPartitionRequest {
  partition: number;
  offset: bigint;
  /** Bytes at most for this partition (the broker still sends one whole batch if it is larger). */
  maxBytes: number;
}

export interface FetchRequestOptions {
  topic: string;
  partitions: readonly FetchPartitionRequest[];
  maxWaitMs: number;
  minBytes?: number;
  /** Bytes at most for the whole response. */
  maxBytes: number;
  isolationLevel?: IsolationLevel;
}

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: bigint;
}

export interface FetchPartitionResponse {
  partition: number;
  errorCode: number;
  highWatermark: bigint;
  lastStableOffset: bigint;
  logStartOffset: bigint;
  /** Null when the broker sends none (read_uncommitted or none aborted in range). */
  abortedTransactions: AbortedTransaction[] | null;
  preferredReadReplica: number;
  /** The record batches as sent (a slice of the response, not a copy); empty when there are none. */
  records: Buffer;
}

export interface FetchResponse {
  throttleTimeMs: number;
  errorCode: number;
  sessionId: number;
  topics: { topic: string; partitions: FetchPartitionResponse[] }[];
}

export function encodeFetchRequest(o: FetchRequestOptions): Buffer {
  return new WireWriter()
    .int32(-1) // replica_id: a consumer
    .int32(o.maxWaitMs)
    .int32(o.minBytes ?? 1)
    .int32(o.maxBytes)
    .int8(o.isolationLevel ?? 0)
    .int32(0) // session_id: no fetch session (full fetch every time)
    .int32(-1) // session_epoch: -1 = do not create a session
    .array([o.topic], (w, topic) =>
      w.string(topic).array(o.partitions, (pw, p) => {
        pw.int32(p.partition).int32(-1); // current_leader_epoch: unknown
        pw.int64(p.offset).int64(-1n).int32(p.maxBytes); // log_start_offset -1: only followers send it
      }),
    )
    .array([], () => undefined) // forgotten_topics_data
    .string('') // rack_id
    .build();
}

/** Reads the response; each partition's `records` is a slice of `payload`. */
export function decodeFetchResponse(payload: Buffer): FetchResponse {
  const r = new WireReader(payload, 'Fetch v11 response');
  const throttleTimeMs = r.int32('throttle_time_ms');
  const errorCode = r.int16('error_code');
  const sessionId = r.int32('session_id');
  const topics = r.array('responses', (t) => ({
    topic: t.string('topic'),
    partitions: t.array('partitions', (p): FetchPartitionResponse => {
      const partition = p.int32('partition_index');
      const partErr = p.int16('error_code');
      const highWatermark = p.int64('high_watermark');
      const lastStableOffset = p.int64('last_stable_offset');
      const logStartOffset = p.int64('log_start_offset');
      const count = p.int32('aborted_transactions');
      let abortedTransactions: AbortedTransaction[] | null = null;
      if (count >= 0) {
        abortedTransactions = [];
        for (let i = 0; i < count; i++)
          abortedTransactions.push({ producerId: p.int64('producer_id'), firstOffset: p.int64('first_offset') });
      }
      const preferredReadReplica = p.int32('preferred_read_replica');
      const records = p.bytesSlice('records');
      return {
        partition,
        errorCode: partErr,
        highWatermark,
        lastStableOffset,
        logStartOffset,
        abortedTransactions,
        preferredReadReplica,
        records,
      };
    }),
  }));
  r.end();
  return { throttleTimeMs, errorCode, sessionId, topics };
}

/** A Fetch v11 request for rawRequest.ts' `send`. */
export function fetchRequest(o: FetchRequestOptions, requestTimeout?: number): RawRequest<FetchResponse> {
  return {
    apiKey: FETCH_API_KEY,
    apiVersion: FETCH_VERSION,
    apiName: 'Fetch',
    body: encodeFetchRequest(o),
    decode: decodeFetchResponse,
    requestTimeout,
  };
}

// ---- ListOffsets v5 --------------------------------------------------------------------------------

/** ListOffsets' special timestamps. */
export const LATEST_TIMESTAMP = -1n;
export const EARLIEST_TIMESTAMP = -2n;

export interface ListOffsetsPartitionResponse {
  partition: number;
  errorCode: number;
  timestamp: bigint;
  /** -1 when no record has a timestamp at or after the one asked. */
  offset: bigint;
  leaderEpoch: number;
}

/**
 * ListOffsets v5 request: replica_id int32 · isolation_level int8 · topics [name string ·
 * partitions [partition_index int32 · current_leader_epoch int32 · timestamp int64]].
 * Response: throttle_time_ms int32 · topics [name string · partitions [partition_index int32 ·
 * error_code int16 · timestamp int64 · offset int64 · leader_epoch int32]].
 */
export function listOffsetsRequest(
  topic: string,
  partitions: readonly { partition: number; timestamp: bigint }[],
  isolationLevel: IsolationLevel = 0,
): RawRequest<ListOffsetsPartitionResponse[]> {
  const body = new WireWriter()
    .int32(-1)
    .int8(isolationLevel)
    .array([topic], (w, t) =>
      w.string(t).array(partitions, (pw, p) => {
        pw.int32(p.partition).int32(-1).int64(p.timestamp);
      }),
    )
    .build();
  return {
    apiKey: LIST_OFFSETS_API_KEY,
    apiVersion: LIST_OFFSETS_VERSION,
    apiName: 'ListOffsets',
    body,
    decode(payload) {
      const r = new WireReader(payload, 'ListOffsets v5 response');
      r.int32('throttle_time_ms');
      const out: ListOffsetsPartitionResponse[] = [];
      r.array('topics', (t) => {
        t.string('name');
        t.array('partitions', (p) =>
          out.push({
            partition: p.int32('partition_index'),
            errorCode: p.int16('error_code'),
            timestamp: p.int64('timestamp'),
            offset: p.int64('offset'),
            leaderEpoch: p.int32('leader_epoch'),
          }),
        );
      });
      r.end();
      return out;
    },
  };
}
