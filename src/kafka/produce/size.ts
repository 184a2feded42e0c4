/**
 * Client-side size accounting, so one over-large message is reported as such instead of failing
 * the whole request it would share with good ones.
 */
import type { OutgoingMessage, ProduceBytes } from './types';

/** Kafka's record batch header (magic v2). */
export const BATCH_OVERHEAD_BYTES = 61;
/** A conservative bound for a record's varint framing (length, attributes, deltas, counts). */
const RECORD_OVERHEAD_BYTES = 21;

/** The broker default of message.max.bytes / topic max.message.bytes (Kafka 2.x-3.x). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** Text counts its UTF-8 bytes, a Buffer its length. */
const bytes = (v: ProduceBytes | null | undefined): number =>
  v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.length;

/** An upper bound of the bytes the record takes inside an uncompressed batch. */
export function recordSize(message: OutgoingMessage): number {
  let n = RECORD_OVERHEAD_BYTES + bytes(message.key) + bytes(message.value);
  for (const h of message.headers) n += 10 + bytes(h.key) + bytes(h.value);
  return n;
}
