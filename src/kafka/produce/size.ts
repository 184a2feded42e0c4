/**
 * Client-side size accounting, so one over-large message is reported as such instead of failing
 * the whole request it would share with good ones.
 */
import type { OutgoingMessage } from './types';

/** Kafka's record batch header (magic v2). */
export const BATCH_OVERHEAD_BYTES = 61;
/** A conservative bound for a record's varint framing (length, attributes, deltas, counts). */
const RECORD_OVERHEAD_BYTES = 21;

/** The broker default of message.max.bytes / topic max.message.bytes (Kafka 2.x-3.x). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

const utf8 = (s: string | null | undefined): number => (s == null ? 0 : Buffer.byteLength(s, 'utf8'));

/** An upper bound of the bytes the record takes inside an uncompressed batch. */
export function recordSize(message: OutgoingMessage): number {
  let n = RECORD_OVERHEAD_BYTES + utf8(message.key) + utf8(message.value);
  for (const h of message.headers) n += 10 + utf8(h.key) + utf8(h.value);
  return n;
}
