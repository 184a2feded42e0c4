/**
 * Walks the record batches (magic 2) of a Fetch response partition (see ./recordBatch.ts for the
 * layout) without decoding more than needed: per record its offset, timestamp, and key, value and
 * header values as slices of the response (or of the batch's decompressed records), no copies and
 * no object per record beyond the caller's own.
 *
 * - A trailing partial batch (the broker cuts the response at the byte limit) is skipped; the walk
 *   reports the offset after the last whole batch, where the next fetch starts.
 * - Compressed batches are decompressed as a whole with the codecs the kafkajs client uses
 *   (../codecs.ts); control batches (transaction markers) are skipped.
 * - read_committed: records of aborted transactions are dropped as the Java consumer does — an
 *   aborted transaction (producer id, first offset) from the response applies to that producer's
 *   transactional batches from its first offset until the producer's ABORT marker.
 */
import { gunzipSync } from 'node:zlib';
import { snappyDecompress } from '../codecs';
import { CODEC } from './recordBatch';
import type { AbortedTransaction } from './fetchRequest';

/** Batch header: baseOffset 0 · batchLength 8 · leaderEpoch 12 · magic 16 · crc 17 · attributes 21 ·
 * lastOffsetDelta 23 · baseTimestamp 27 · maxTimestamp 35 · producerId 43 · producerEpoch 51 ·
 * baseSequence 53 · recordCount 57 · records 61. */
const HEADER = 61;
const LOG_OVERHEAD = 12;
const TIMESTAMP_TYPE_BIT = 0x08;
const TRANSACTIONAL_BIT = 0x10;
const CONTROL_BIT = 0x20;

export type Decompress = (data: Buffer) => Buffer;
export type Decompressors = Partial<Record<number, Decompress>>;

export interface RecordHeaderSlice {
  key: string;
  value: Buffer | null;
}

/**
 * Receives one record. `offset` is a number while it is a safe integer (always, in practice), else
 * a bigint. Slices stay valid as long as the caller keeps them (they hold the response alive).
 */
export type RecordSink = (
  offset: number | bigint,
  timestamp: number,
  key: Buffer | null,
  value: Buffer | null,
  headers: RecordHeaderSlice[],
  size: number,
) => void;

export interface WalkOptions {
  /** Records before this offset are skipped (a batch may start before the fetch offset). */
  fromOffset: bigint;
  decompressors: Decompressors;
  /** Set for read_committed: the partition's aborted transactions from the Fetch response. */
  abortedTransactions?: readonly AbortedTransaction[] | null;
}

export interface WalkResult {
  /** The offset after the last whole batch walked (control and empty batches included); undefined: none. */
  nextOffset: bigint | undefined;
  /** Records handed to the sink. */
  records: number;
  /** Bytes at the end that did not hold a whole batch. */
  partialBytes: number;
}

const toBuffer = (u: Uint8Array): Buffer =>
  Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** gzip, snappy, lz4 and zstd, loaded on first use (the same libraries kafkajs is given). */
export async function loadDecompressors(): Promise<Decompressors> {
  const [snappy, lz4, fzstd] = await Promise.all([import('snappyjs'), import('lz4js'), import('fzstd')]);
  return {
    [CODEC.gzip]: (b) => gunzipSync(b),
    [CODEC.snappy]: (b) => snappyDecompress(b, (x) => snappy.uncompress(x)),
    [CODEC.lz4]: (b) => toBuffer(lz4.decompress(b)),
    [CODEC.zstd]: (b) => toBuffer(fzstd.decompress(b)),
  };
}

// ---- varints (zigzag), read at a module-level cursor: no object per read ----------------------------

let pos = 0;

function readVarint(buf: Buffer): number {
  let b = buf[pos++];
  let u = b & 0x7f;
  if (b >= 0x80) {
    b = buf[pos++];
    u |= (b & 0x7f) << 7;
    if (b >= 0x80) {
      b = buf[pos++];
      u |= (b & 0x7f) << 14;
      if (b >= 0x80) {
        b = buf[pos++];
        u |= (b & 0x7f) << 21;
        if (b >= 0x80) {
          b = buf[pos++];
          u = (u >>> 0) + (b & 0x7f) * 0x10000000; // 28 bits so far; beyond 32 bits: a varlong
          let shift = 0x800000000;
          while (b >= 0x80) {
            b = buf[pos++];
            u += (b & 0x7f) * shift;
            shift *= 128;
          }
          if (b === undefined) throw new RangeError('a record ends inside a varint');
          return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
        }
      }
    }
  }
  if (b === undefined) throw new RangeError('a record ends inside a varint');
  return (u >>> 1) ^ -(u & 1);
}

/** A varint-length field: null for −1, else a slice. */
function readBytes(buf: Buffer, end: number): Buffer | null {
  const len = readVarint(buf);
  if (len < 0) return null;
  if (pos + len > end) throw new RangeError('a record field runs past its record');
  const s = buf.subarray(pos, pos + len);
  pos += len;
  return s;
}

/** The type of a control batch's marker: 0 ABORT, 1 COMMIT (its record key: version int16 · type int16). */
function controlType(records: Buffer): number {
  pos = 0;
  readVarint(records); // length
  pos += 1; // attributes
  readVarint(records); // timestamp delta
  readVarint(records); // offset delta
  const key = readBytes(records, records.length);
  return key && key.length >= 4 ? key.readInt16BE(2) : -1;
}

/** Walks `data` (record batches), handing each record at or after `fromOffset` to `sink`. */
export function walkRecordBatches(data: Buffer, options: WalkOptions, sink: RecordSink): WalkResult {
  const from = options.fromOffset;
  const aborted = options.abortedTransactions ? [...options.abortedTransactions] : undefined;
  aborted?.sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  const abortedProducers = new Set<bigint>();
  let nextOffset: bigint | undefined;
  let count = 0;
  let at = 0;
  while (at + LOG_OVERHEAD <= data.length) {
    const batchLength = data.readInt32BE(at + 8);
    const end = at + LOG_OVERHEAD + batchLength;
    if (end > data.length || batchLength < HEADER - LOG_OVERHEAD) break; // partial trailing batch
    const magic = data[at + 16];
    if (magic !== 2) throw new Error(`record batch magic ${magic} at byte ${at} is not supported (only v2)`);
    const baseOffset = data.readBigInt64BE(at);
    const attributes = data.readInt16BE(at + 21);
    const lastOffsetDelta = data.readInt32BE(at + 23);
    const lastOffset = baseOffset + BigInt(lastOffsetDelta);
    const batchStart = at;
    at = end;
    nextOffset = lastOffset + 1n;
    if (lastOffset < from) continue;

    let skip = false;
    if (aborted) {
      while (aborted.length && aborted[0].firstOffset <= lastOffset) abortedProducers.add(aborted.shift()!.producerId);
      const transactional = (attributes & TRANSACTIONAL_BIT) !== 0;
      if (transactional) {
        const producerId = data.readBigInt64BE(batchStart + 43);
        if (attributes & CONTROL_BIT) {
          if (controlType(data.subarray(batchStart + HEADER, end)) === 0) abortedProducers.delete(producerId);
        } else if (abortedProducers.has(producerId)) skip = true;
      }
    }
    if (skip || attributes & CONTROL_BIT) continue;

    const codec = attributes & 0x07;
    let records = data;
    let rpos = batchStart + HEADER;
    let rend = end;
    if (codec !== CODEC.none) {
      const decompress = options.decompressors[codec];
      if (!decompress) throw new Error(`record batch compression codec ${codec} is not supported`);
      records = decompress(data.subarray(rpos, end));
      rpos = 0;
      rend = records.length;
    }
    const logAppendTime = (attributes & TIMESTAMP_TYPE_BIT) !== 0;
    const baseTimestamp = Number(data.readBigInt64BE(batchStart + 27));
    const maxTimestamp = logAppendTime ? Number(data.readBigInt64BE(batchStart + 35)) : 0;
    const recordCount = data.readInt32BE(batchStart + 57);
    const safe = baseOffset + BigInt(lastOffsetDelta) <= BigInt(Number.MAX_SAFE_INTEGER);
    const base = Number(baseOffset);
    const fromN = from < baseOffset ? base : Number(from);
    pos = rpos;
    for (let i = 0; i < recordCount && pos < rend; i++) {
      const length = readVarint(records);
      const recordEnd = pos + length;
      if (recordEnd > rend)
        throw new RangeError(`record ${i} of the batch at offset ${baseOffset} runs past the batch`);
      pos += 1; // attributes
      const tsDelta = readVarint(records);
      const offsetDelta = readVarint(records);
      if (safe ? base + offsetDelta < fromN : baseOffset + BigInt(offsetDelta) < from) {
        pos = recordEnd;
        continue;
      }
      const key = readBytes(records, recordEnd);
      const value = readBytes(records, recordEnd);
      let size = (key?.length ?? 0) + (value?.length ?? 0);
      const headerCount = readVarint(records);
      const headers: RecordHeaderSlice[] = [];
      for (let h = 0; h < headerCount; h++) {
        const hk = readBytes(records, recordEnd);
        const hv = readBytes(records, recordEnd);
        const name = hk ? hk.toString('utf8') : '';
        headers.push({ key: name, value: hv });
        size += name.length + (hv?.length ?? 0);
      }
      pos = recordEnd;
      sink(
        safe ? base + offsetDelta : baseOffset + BigInt(offsetDelta),
        logAppendTime ? maxTimestamp : baseTimestamp + tsDelta,
        key,
        value,
        headers,
        size,
      );
      count++;
    }
  }
  return { nextOffset, records: count, partialBytes: data.length - at };
}
