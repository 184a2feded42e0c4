/**
 * Produce v8 and InitProducerId v1, the newest non-flexible versions (rawRequest.ts sends only
 * non-flexible ones; Kafka 4 still accepts both: KIP-896 set the baseline at Kafka 2.1, Produce v8 is
 * Kafka 2.4). Layouts per apache/kafka clients/src/main/resources/common/message/*.json:
 *
 *   ProduceRequest v8: transactional_id nullable string · acks int16 · timeout_ms int32 ·
 *     [topic: name string · [partition: index int32 · records nullable bytes]]
 *   ProduceResponse v8: [topic: name · [partition: index int32 · error_code int16 ·
 *     base_offset int64 · log_append_time_ms int64 · log_start_offset int64 ·
 *     [record_errors: batch_index int32 · batch_index_error_message nullable string] ·
 *     error_message nullable string]] · throttle_time_ms int32
 *   InitProducerIdRequest v1: transactional_id nullable string · transaction_timeout_ms int32
 *   InitProducerIdResponse v1: throttle_time_ms int32 · error_code int16 · producer_id int64 ·
 *     producer_epoch int16
 *
 * Kafka error codes become kafkajs' own protocol errors (type, code, retriable), so the rest of the
 * extension names them as it names any kafkajs error.
 */
import { kafkaError } from './kafkaErrors';
import type { RawRequest } from './rawRequest';
import { WireReader } from './wireFormat';

const PRODUCE_API_KEY = 0;
const PRODUCE_VERSION = 8;
const INIT_PRODUCER_ID_API_KEY = 22;
const INIT_PRODUCER_ID_VERSION = 1;

export interface ProducePartitionData {
  partition: number;
  /** One encoded RecordBatch (recordBatch.ts). */
  batch: Buffer;
}

export interface ProduceRequestInput {
  topic: string;
  acks: -1 | 1;
  timeoutMs: number;
  partitions: readonly ProducePartitionData[];
}

export interface RecordError {
  /** The record's position within its batch. */
  batchIndex: number;
  message: string | null;
}

export interface ProducePartitionResponse {
  partition: number;
  errorCode: number;
  baseOffset: bigint;
  logAppendTimeMs: bigint;
  logStartOffset: bigint;
  recordErrors: RecordError[];
  errorMessage: string | null;
}

export interface ProduceResponse {
  topics: { topic: string; partitions: ProducePartitionResponse[] }[];
  throttleTimeMs: number;
}

export function encodeProduceRequest(input: ProduceRequestInput): Buffer {
  const name = Buffer.from(input.topic, 'utf8');
  let size = 2 + 2 + 4 + 4 + 2 + name.length + 4;
  for (const p of input.partitions) size += 4 + 4 + p.batch.length;
  const buf = Buffer.allocUnsafe(size);
  let pos = buf.writeInt16BE(-1, 0); // transactional_id: null
  pos = buf.writeInt16BE(input.acks, pos);
  pos = buf.writeInt32BE(input.timeoutMs, pos);
  pos = buf.writeInt32BE(1, pos); // one topic
  pos = buf.writeInt16BE(name.length, pos);
  pos += name.copy(buf, pos);
  pos = buf.writeInt32BE(input.partitions.length, pos);
  for (const p of input.partitions) {
    pos = buf.writeInt32BE(p.partition, pos);
    pos = buf.writeInt32BE(p.batch.length, pos);
    pos += p.batch.copy(buf, pos);
  }
  return buf;
}

export function decodeProduceResponse(payload: Buffer): ProduceResponse {
  const r = new WireReader(payload, 'Produce response');
  const topics = r.array('topics', () => ({
    topic: r.string('topic name'),
    partitions: r.array('partitions', (): ProducePartitionResponse => ({
      partition: r.int32('partition index'),
      errorCode: r.int16('error_code'),
      baseOffset: r.int64('base_offset'),
      logAppendTimeMs: r.int64('log_append_time_ms'),
      logStartOffset: r.int64('log_start_offset'),
      recordErrors: r.array('record_errors', () => ({
        batchIndex: r.int32('batch_index'),
        message: r.nullableString('batch_index_error_message'),
      })),
      errorMessage: r.nullableString('error_message'),
    })),
  }));
  return { topics, throttleTimeMs: r.int32('throttle_time_ms') };
}

export function produceRequest(input: ProduceRequestInput): RawRequest<ProduceResponse> {
  return {
    apiKey: PRODUCE_API_KEY,
    apiVersion: PRODUCE_VERSION,
    apiName: 'Produce',
    body: encodeProduceRequest(input),
    decode: decodeProduceResponse,
    // The broker may wait up to timeoutMs for the replicas; give the answer time to arrive.
    requestTimeout: input.timeoutMs + 30_000,
  };
}

export interface ProducerIdentity {
  producerId: bigint;
  producerEpoch: number;
}

/** InitProducerId v1 for an idempotent (non-transactional) producer; rejects with the Kafka error. */
export function initProducerIdRequest(): RawRequest<ProducerIdentity> {
  const body = Buffer.alloc(6);
  body.writeInt16BE(-1, 0); // transactional_id: null
  body.writeInt32BE(60_000, 2); // transaction_timeout_ms (unused without a transactional id)
  return {
    apiKey: INIT_PRODUCER_ID_API_KEY,
    apiVersion: INIT_PRODUCER_ID_VERSION,
    apiName: 'InitProducerId',
    body,
    decode(payload) {
      const r = new WireReader(payload, 'InitProducerId response');
      r.int32('throttle_time_ms');
      const errorCode = r.int16('error_code');
      if (errorCode !== 0) throw kafkaError(errorCode);
      return { producerId: r.int64('producer_id'), producerEpoch: r.int16('producer_epoch') };
    },
  };
}
