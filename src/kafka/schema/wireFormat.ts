/**
 * The two schema-registry wire formats, read and written the way the official serializers do.
 *
 * Glue (software.amazon.glue:schema-registry-serde): header version byte 3, compression byte
 * (0 none, 5 zlib), the 16-byte schema version UUID (most then least significant long, big-endian),
 * then the data, zlib-deflated as a whole when the compression byte says so. Protobuf data starts
 * with the message index as an unsigned varint (position of the message type among all message
 * types of the file, nested ones included, sorted by full name).
 *
 * Confluent: magic byte 0, the 4-byte big-endian schema id, then the data. Protobuf data starts with
 * the message-index path: a zigzag varint count then each index as a zigzag varint; the path [0] is
 * written as the single byte 0.
 */
import { deflateSync } from 'node:zlib';
import { inflateZlib } from './inflate';
import type { SchemaRef, WireFormat } from './types';

export const GLUE_HEADER_VERSION = 3;
export const GLUE_COMPRESSION_NONE = 0;
export const GLUE_COMPRESSION_ZLIB = 5;
const GLUE_HEADER_LENGTH = 18;
const CONFLUENT_MAGIC = 0;
const CONFLUENT_HEADER_LENGTH = 5;

export interface WireFrame {
  wire: WireFormat;
  ref: SchemaRef;
  /** Glue only: whether the data was zlib-compressed. */
  compressed?: boolean;
  /** The data after the header (decompressed); for Protobuf still with its message index. */
  payload: Buffer;
}

export class CorruptFrameError extends Error {
  constructor(
    readonly wire: WireFormat,
    message: string,
    readonly ref?: SchemaRef,
  ) {
    super(message);
    this.name = 'CorruptFrameError';
  }
}

/** The UUID text of 16 bytes. */
export function uuidFromBytes(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function uuidToBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`Not a schema version id (UUID): ${uuid}`);
  return Buffer.from(hex, 'hex');
}

/** The last Glue schema version id read (most topics hold one or two): its bytes and reference. */
let lastGlue: { bytes: Buffer; ref: SchemaRef } | undefined;

function sameId(bytes: Buffer, id: Buffer): boolean {
  for (let i = 0; i < 16; i++) if (bytes[i + 2] !== id[i]) return false;
  return true;
}

/** The schema version id of a Glue header (bytes 2–17), without re-making the text for a repeated id. */
export function glueRefOf(bytes: Buffer): SchemaRef {
  if (lastGlue && sameId(bytes, lastGlue.bytes)) return lastGlue.ref;
  const id = Buffer.from(bytes.subarray(2, GLUE_HEADER_LENGTH));
  const ref: SchemaRef = { registry: 'glue', schemaVersionId: uuidFromBytes(id) };
  lastGlue = { bytes: id, ref };
  return ref;
}

/**
 * The frame of bytes in a registry wire format, or undefined when the bytes are not in one (plain
 * JSON, text, other binary). Throws CorruptFrameError when the header is a registry's but the
 * rest cannot be read (e.g. zlib data that does not inflate).
 */
export function parseWireFormat(bytes: Buffer | null): WireFrame | undefined {
  if (!bytes) return undefined;
  if (
    bytes.length > GLUE_HEADER_LENGTH - 1 &&
    bytes[0] === GLUE_HEADER_VERSION &&
    (bytes[1] === GLUE_COMPRESSION_NONE || bytes[1] === GLUE_COMPRESSION_ZLIB)
  ) {
    const ref = glueRefOf(bytes);
    const data = bytes.subarray(GLUE_HEADER_LENGTH);
    if (bytes[1] === GLUE_COMPRESSION_NONE) return { wire: 'glue', ref, compressed: false, payload: data };
    try {
      return { wire: 'glue', ref, compressed: true, payload: inflateZlib(data) };
    } catch (err) {
      throw new CorruptFrameError(
        'glue',
        `The zlib-compressed data does not inflate (${(err as Error).message}).`,
        ref,
      );
    }
  }
  if (bytes.length >= CONFLUENT_HEADER_LENGTH && bytes[0] === CONFLUENT_MAGIC) {
    const id = bytes.readUInt32BE(1);
    // Id 0 is never assigned; a value starting with 0x00 0x00 0x00 0x00 is more likely something else.
    if (id === 0 || id > 0x7fffffff) return undefined;
    return { wire: 'confluent', ref: { registry: 'confluent', id }, payload: bytes.subarray(CONFLUENT_HEADER_LENGTH) };
  }
  return undefined;
}

/** Frames data for a schema: Glue header (+ zlib when asked) or Confluent header. */
export function buildWireFormat(ref: SchemaRef, data: Buffer, compression: 'none' | 'zlib' = 'none'): Buffer {
  if (ref.registry === 'glue') {
    const header = Buffer.alloc(GLUE_HEADER_LENGTH);
    header[0] = GLUE_HEADER_VERSION;
    header[1] = compression === 'zlib' ? GLUE_COMPRESSION_ZLIB : GLUE_COMPRESSION_NONE;
    uuidToBytes(ref.schemaVersionId).copy(header, 2);
    return Buffer.concat([header, compression === 'zlib' ? deflateSync(data) : data]);
  }
  if (compression === 'zlib') throw new Error('The Confluent wire format has no compression.');
  const header = Buffer.alloc(CONFLUENT_HEADER_LENGTH);
  header[0] = CONFLUENT_MAGIC;
  header.writeUInt32BE(ref.id, 1);
  return Buffer.concat([header, data]);
}

// ---- varints (protobuf message indexes) ----

/** Reads an unsigned varint (up to 32 bits) at `pos`; returns the value and the next position. */
export function readVarint(bytes: Buffer, pos: number): { value: number; next: number } {
  let result = 0;
  let shift = 0;
  for (let i = pos; i < bytes.length && shift < 35; i++) {
    const b = bytes[i];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return { value: result >>> 0, next: i + 1 };
    shift += 7;
  }
  throw new Error('Truncated varint in the message index.');
}

export function writeVarint(value: number): Buffer {
  const out: number[] = [];
  let v = value >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

const zigzagDecode = (n: number) => (n >>> 1) ^ -(n & 1);
const zigzagEncode = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;

/** Glue Protobuf data: the message index (unsigned varint) and the message bytes. */
export function readGlueMessageIndex(payload: Buffer): { index: number; message: Buffer } {
  const { value, next } = readVarint(payload, 0);
  return { index: value, message: payload.subarray(next) };
}

export function writeGlueMessageIndex(index: number, message: Buffer): Buffer {
  return Buffer.concat([writeVarint(index), message]);
}

/** Confluent Protobuf data: the message-index path (e.g. [0], [1, 0] for the first nested type of the second) and the message bytes. */
export function readConfluentMessageIndexes(payload: Buffer): { path: number[]; message: Buffer } {
  const count = readVarint(payload, 0);
  const n = zigzagDecode(count.value);
  if (n === 0) return { path: [0], message: payload.subarray(count.next) };
  if (n < 0 || n > 100) throw new Error(`Not a message-index list (count ${n}).`);
  const path: number[] = [];
  let pos = count.next;
  for (let i = 0; i < n; i++) {
    const v = readVarint(payload, pos);
    const index = zigzagDecode(v.value);
    if (index < 0) throw new Error(`Negative message index ${index}.`);
    path.push(index);
    pos = v.next;
  }
  return { path, message: payload.subarray(pos) };
}

export function writeConfluentMessageIndexes(path: number[], message: Buffer): Buffer {
  if (path.length === 1 && path[0] === 0) return Buffer.concat([Buffer.from([0]), message]);
  const parts = [writeVarint(zigzagEncode(path.length)), ...path.map((i) => writeVarint(zigzagEncode(i)))];
  return Buffer.concat([...parts, message]);
}
