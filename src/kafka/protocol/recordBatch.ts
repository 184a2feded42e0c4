/**
 * Kafka RecordBatch (magic 2) encoding, as the broker stores it and the Produce request carries it:
 *
 *   baseOffset int64 · batchLength int32 · partitionLeaderEpoch int32 · magic int8 · crc uint32 ·
 *   attributes int16 · lastOffsetDelta int32 · baseTimestamp int64 · maxTimestamp int64 ·
 *   producerId int64 · producerEpoch int16 · baseSequence int32 · recordCount int32 · records
 *
 * The CRC-32C covers attributes to the end. A record: length varint · attributes int8 ·
 * timestampDelta varlong · offsetDelta varint · key (varint length, −1 = null) · value (same) ·
 * header count varint · per header key (varint length + UTF-8) and value (varint length, −1 = null).
 * Varints are zigzag-encoded. With compression, `records` is compressed as a whole (the count stays
 * outside) and the codec goes in the low three bits of `attributes`.
 *
 * One Buffer per batch, sized exactly in a first pass; no object per record.
 */
import { crc32c } from './crc32c';

/** The codec numbers of the attributes' low three bits. */
export const CODEC = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

const RECORD_BATCH_HEADER_BYTES = 61;
/** Where the CRC-32C sits, and where the bytes it covers start. */
const CRC_AT = 17;
const ATTRIBUTES_AT = 21;
const PRODUCER_ID_AT = 43;

export type HeaderValue = Buffer | string | null | undefined;

/** A record as the caller has it (the shape of a kafkajs `Message`): text goes as UTF-8. */
export interface RecordInput {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  /** Repeated names: an array of values, each written as its own header, in order. */
  headers?: Record<string, HeaderValue | HeaderValue[]>;
  /** Milliseconds since the epoch (decimal string or number); undefined: `now`. */
  timestamp?: string | number;
}

export interface BatchOptions {
  /** CODEC number; `compress` must turn the uncompressed records section into that codec's bytes. */
  codec?: number;
  compress?: (records: Buffer) => Buffer;
  /** Idempotence: the producer id, epoch and this batch's first sequence (−1, −1, −1 without). */
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  /** The timestamp of records without one (default Date.now()). */
  now?: number;
}

// ---- varints ---------------------------------------------------------------------------------------

/** Zigzag: 0, −1, 1, −2 … → 0, 1, 2, 3 … (any safe integer). */
export const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);

/** Bytes of the unsigned varint of a non-negative safe integer. */
function sizeOfUnsignedVarint(u: number): number {
  let size = 1;
  while (u >= 128) {
    u = Math.floor(u / 128);
    size++;
  }
  return size;
}

export const sizeOfVarint = (n: number): number => sizeOfUnsignedVarint(zigzag(n));

/** Writes the zigzag varint of `n` at `pos`; returns the position after it. */
export function writeVarint(buf: Buffer, pos: number, n: number): number {
  let u = zigzag(n);
  if (u < 0x80000000) {
    while (u >= 128) {
      buf[pos++] = (u & 0x7f) | 0x80;
      u >>>= 7;
    }
  } else {
    while (u >= 128) {
      buf[pos++] = (u % 128) | 0x80;
      u = Math.floor(u / 128);
    }
  }
  buf[pos++] = u;
  return pos;
}

// ---- sizes ------------------------------------------------------------------------------------------

const byteLength = (v: Buffer | string): number => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.length);

/** Bytes of a nullable varint-length field. */
function sizeOfField(v: Buffer | string | null | undefined): number {
  if (v === null || v === undefined) return 1;
  const n = byteLength(v);
  return sizeOfUnsignedVarint(n * 2) + n;
}

function writeField(buf: Buffer, pos: number, v: Buffer | string | null | undefined): number {
  if (v === null || v === undefined) {
    buf[pos] = 1; // zigzag(−1)
    return pos + 1;
  }
  if (typeof v === 'string') {
    const n = Buffer.byteLength(v, 'utf8');
    pos = writeVarint(buf, pos, n);
    return pos + buf.write(v, pos, n, 'utf8');
  }
  pos = writeVarint(buf, pos, v.length);
  buf.set(v, pos);
  return pos + v.length;
}

/** The headers' count and bytes (count includes every value of a repeated name). */
function headerSize(headers: RecordInput['headers']): number {
  let count = 0;
  let size = 0;
  if (headers)
    for (const name in headers) {
      const v = headers[name];
      const values = Array.isArray(v) ? v : [v];
      const nameSize = sizeOfField(name);
      for (const value of values) {
        count++;
        size += nameSize + sizeOfField(value);
      }
    }
  return sizeOfVarint(count) + size;
}

function writeHeaders(buf: Buffer, pos: number, headers: RecordInput['headers']): number {
  if (!headers) {
    buf[pos] = 0;
    return pos + 1;
  }
  let count = 0;
  for (const name in headers) {
    const v = headers[name];
    count += Array.isArray(v) ? v.length : 1;
  }
  pos = writeVarint(buf, pos, count);
  for (const name in headers) {
    const v = headers[name];
    for (const value of Array.isArray(v) ? v : [v]) {
      pos = writeField(buf, pos, name);
      pos = writeField(buf, pos, value);
    }
  }
  return pos;
}

function timestampOf(r: RecordInput, now: number): number {
  if (r.timestamp === undefined) return now;
  const t = typeof r.timestamp === 'number' ? r.timestamp : Number(r.timestamp);
  if (!Number.isSafeInteger(t)) throw new Error(`Invalid timestamp "${String(r.timestamp)}" (milliseconds expected).`);
  return t;
}

// ---- the batch --------------------------------------------------------------------------------------

/** Encodes `records` (at least one) as one RecordBatch; offsets and timestamps relative to the first. */
export function encodeRecordBatch(records: readonly RecordInput[], options: BatchOptions = {}): Buffer {
  const count = records.length;
  if (count === 0) throw new Error('A record batch needs at least one record.');
  const now = options.now ?? Date.now();
  // First pass: every record's body size and timestamp.
  const bodySizes = new Int32Array(count);
  const timestamps = new Float64Array(count);
  let baseTimestamp = 0;
  let maxTimestamp = -Infinity;
  let recordsBytes = 0;
  for (let i = 0; i < count; i++) {
    const r = records[i];
    const ts = timestampOf(r, now);
    if (i === 0) baseTimestamp = ts;
    if (ts > maxTimestamp) maxTimestamp = ts;
    timestamps[i] = ts;
    const body =
      1 +
      sizeOfVarint(ts - baseTimestamp) +
      sizeOfVarint(i) +
      sizeOfField(r.key) +
      sizeOfField(r.value) +
      headerSize(r.headers);
    bodySizes[i] = body;
    recordsBytes += sizeOfVarint(body) + body;
  }
  const codec = options.codec ?? CODEC.none;
  const compress = codec === CODEC.none ? undefined : options.compress;
  if (codec !== CODEC.none && !compress) throw new Error(`No compressor given for codec ${codec}.`);

  // Second pass: the records, straight into the batch (or into the buffer to compress).
  let batch = Buffer.allocUnsafe(RECORD_BATCH_HEADER_BYTES + (compress ? 0 : recordsBytes));
  const target = compress ? Buffer.allocUnsafe(recordsBytes) : batch;
  let pos = compress ? 0 : RECORD_BATCH_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    const r = records[i];
    pos = writeVarint(target, pos, bodySizes[i]);
    target[pos++] = 0; // record attributes (unused)
    pos = writeVarint(target, pos, timestamps[i] - baseTimestamp);
    pos = writeVarint(target, pos, i);
    pos = writeField(target, pos, r.key);
    pos = writeField(target, pos, r.value);
    pos = writeHeaders(target, pos, r.headers);
  }
  if (pos !== (compress ? recordsBytes : batch.length)) throw new Error('record batch size mismatch');
  if (compress) {
    const compressed = compress(target);
    const whole = Buffer.allocUnsafe(RECORD_BATCH_HEADER_BYTES + compressed.length);
    compressed.copy(whole, RECORD_BATCH_HEADER_BYTES);
    batch = whole;
  }

  batch.writeBigInt64BE(0n, 0); // baseOffset: the broker assigns
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeInt32BE(-1, 12); // partitionLeaderEpoch: set by the broker
  batch[16] = 2; // magic
  batch.writeInt16BE(codec & 0x07, ATTRIBUTES_AT); // CreateTime, not transactional, not control
  batch.writeInt32BE(count - 1, 23);
  batch.writeBigInt64BE(BigInt(baseTimestamp), 27);
  batch.writeBigInt64BE(BigInt(maxTimestamp), 35);
  batch.writeInt32BE(count, 57);
  stamp(batch, options.producerId ?? -1n, options.producerEpoch ?? -1, options.baseSequence ?? -1);
  return batch;
}

/**
 * Sets producer id, epoch and base sequence of an encoded batch (in place) and its CRC again: a
 * batch re-sent under a new producer id.
 */
export function stamp(batch: Buffer, producerId: bigint, producerEpoch: number, baseSequence: number): void {
  batch.writeBigInt64BE(producerId, PRODUCER_ID_AT);
  batch.writeInt16BE(producerEpoch, PRODUCER_ID_AT + 8);
  batch.writeInt32BE(baseSequence, PRODUCER_ID_AT + 10);
  batch.writeUInt32BE(crc32c(batch, ATTRIBUTES_AT), CRC_AT);
}
