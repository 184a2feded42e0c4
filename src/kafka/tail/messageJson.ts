/** A record as a JSON document: for "Open message", "Copy as JSON" and NDJSON export. */
import { hasTemplates } from '../../shared/templates/parse';
import { parseJson, utf8Text } from './decode';
import type { TailRecord } from './types';

export interface RecordJson {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: unknown;
  keyEncoding?: 'base64';
  value: unknown;
  valueEncoding?: 'base64';
  headers: { key: string; value: string | null; encoding?: 'base64' }[];
  size: number;
}

function bytesJson(bytes: Buffer | null, parse: boolean): { v: unknown; base64: boolean } {
  if (!bytes) return { v: null, base64: false };
  const text = utf8Text(bytes);
  if (text === undefined) return { v: bytes.toString('base64'), base64: true };
  const json = parse ? parseJson(text) : undefined;
  return { v: json === undefined ? text : json, base64: false };
}

/** JSON values are embedded as JSON when `parseValues`; binary data becomes base64 (marked). */
export function recordToJson(topic: string, r: TailRecord, parseValues = true): RecordJson {
  const key = bytesJson(r.key, parseValues);
  const value = bytesJson(r.value, parseValues);
  return {
    topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: new Date(r.timestamp).toISOString(),
    key: key.v,
    ...(key.base64 ? { keyEncoding: 'base64' as const } : {}),
    value: value.v,
    ...(value.base64 ? { valueEncoding: 'base64' as const } : {}),
    headers: r.headers.map((h) => {
      const v = bytesJson(h.value, false);
      return { key: h.key, value: v.v as string | null, ...(v.base64 ? { encoding: 'base64' as const } : {}) };
    }),
    size: r.size,
  };
}

/** A record as a producer draft ("Produce again…"); see `recordToDraft`. */
export interface RecordDraft {
  key: string | null;
  keyEncoding?: 'base64';
  value: string | null;
  valueEncoding?: 'base64';
  headers: { key: string; value: string; encoding?: 'base64' }[];
  partition?: number;
}

/**
 * One field of a draft: its text, or the base64 of its exact bytes when it is binary (not valid
 * UTF-8) or holds `{{…}}`, which the producer would otherwise render as a template.
 */
function draftField(bytes: Buffer | null): { text: string | null; base64: boolean } {
  if (!bytes) return { text: null, base64: false };
  const text = utf8Text(bytes);
  if (text === undefined || hasTemplates(text)) return { text: bytes.toString('base64'), base64: true };
  return { text, base64: false };
}

/**
 * A record as a producer draft, so that producing the draft sends the same bytes: text fields as
 * text, the others as base64 with encoding 'base64' (see `draftField`). `keepPartition`: produce to
 * the record's partition (same topic); otherwise the partitioner chooses.
 */
export function recordToDraft(r: TailRecord, keepPartition: boolean): RecordDraft {
  const key = draftField(r.key);
  const value = draftField(r.value);
  return {
    key: key.text,
    ...(key.base64 ? { keyEncoding: 'base64' as const } : {}),
    value: value.text,
    ...(value.base64 ? { valueEncoding: 'base64' as const } : {}),
    headers: r.headers.map((h) => {
      const v = draftField(h.value);
      // The producer panel has no null header value: an empty one stands in for it.
      return { key: h.key, value: v.text ?? '', ...(v.base64 ? { encoding: 'base64' as const } : {}) };
    }),
    ...(keepPartition ? { partition: r.partition } : {}),
  };
}

/** Records as NDJSON lines (one JSON object per line). */
export function* ndjsonLines(topic: string, records: Iterable<TailRecord>): Generator<string> {
  for (const r of records) yield `${JSON.stringify(recordToJson(topic, r))}\n`;
}
