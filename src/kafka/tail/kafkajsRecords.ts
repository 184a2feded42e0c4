/** kafkajs' consumed messages as tail records (the 'consumer' reader of ./engine.ts). */
import type { KafkaMessage } from 'kafkajs';
import type { TailRecord } from './types';

/** Appends one header value to `headers`; returns the bytes it adds to the record size. */
function pushHeader(headers: TailRecord['headers'], key: string, v: Buffer | string | null | undefined): number {
  const value = v === undefined || v === null ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v));
  headers.push({ key, value });
  return key.length + (value?.length ?? 0);
}

/** The messages of one batch at or after `next`, as records. */
export function recordsOf(partition: number, messages: KafkaMessage[], next: bigint): Omit<TailRecord, 'seq'>[] {
  // Offsets rise within a batch: only a batch that starts before `next` (a re-fetch after a rejoin
  // or a seek) needs a check per message; the others are taken whole.
  const firstNew = BigInt(messages[0].offset) >= next;
  const records: Omit<TailRecord, 'seq'>[] = [];
  for (const m of messages) {
    if (!firstNew && BigInt(m.offset) < next) continue; // already shown
    const headers: TailRecord['headers'] = [];
    let size = (m.key?.length ?? 0) + (m.value?.length ?? 0);
    const mh = m.headers;
    if (mh) {
      for (const key in mh) {
        const raw = mh[key];
        if (Array.isArray(raw)) {
          for (const v of raw) size += pushHeader(headers, key, v);
        } else {
          size += pushHeader(headers, key, raw);
        }
      }
    }
    records.push({
      partition,
      offset: m.offset,
      timestamp: Number(m.timestamp),
      key: m.key ?? null,
      value: m.value ?? null,
      headers,
      size,
    });
  }
  return records;
}
