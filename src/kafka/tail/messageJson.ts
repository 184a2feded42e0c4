/** A record as a JSON document: for "Open message", "Copy as JSON" and NDJSON export. */
import { hasTemplates } from '../../shared/templates/parse';
import { recordDecoding } from '../schema/fieldDecoder';
import type { SchemaRef } from '../schema/types';
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
  /** The registry schema that decoded the key/value (the value is then the decoded JSON). */
  keySchema?: SchemaRefJson;
  valueSchema?: SchemaRefJson;
  /** Why a key/value in a registry wire format was not decoded (it is then base64). */
  keySchemaError?: string;
  valueSchemaError?: string;
  headers: { key: string; value: string | null; encoding?: 'base64' }[];
  size: number;
}

/** A schema reference in exported JSON: `{registry: 'glue', schemaVersionId, …}` or `{registry: 'confluent', id, …}`. */
export type SchemaRefJson = SchemaRef & { name: string; dataFormat: string; messageType?: string };

type FieldJson = { v: unknown; base64: boolean; schema?: SchemaRefJson; error?: string };

/** A key/value decoded with its registry schema, or why not; undefined when it is not in a wire format. */
function schemaJson(r: TailRecord, field: 'key' | 'value'): FieldJson | undefined {
  const d = recordDecoding(r, field);
  const bytes = r[field];
  if (d === undefined || !bytes) return undefined;
  if (d === 'pending') return { v: bytes.toString('base64'), base64: true, error: 'its schema is still being fetched' };
  if (d.kind === 'undecodable') return { v: bytes.toString('base64'), base64: true, error: d.message };
  const schema: SchemaRefJson = {
    ...d.ref,
    name: d.schemaName,
    dataFormat: d.dataFormat,
    ...(d.messageType ? { messageType: d.messageType } : {}),
  };
  return { v: d.value, base64: false, schema };
}

function bytesJson(bytes: Buffer | null, parse: boolean): { v: unknown; base64: boolean } {
  if (!bytes) return { v: null, base64: false };
  const text = utf8Text(bytes);
  if (text === undefined) return { v: bytes.toString('base64'), base64: true };
  const json = parse ? parseJson(text) : undefined;
  return { v: json === undefined ? text : json, base64: false };
}

/**
 * JSON values are embedded as JSON when `parseValues`; binary data becomes base64 (marked). Keys and
 * values in a schema registry's wire format are written decoded, with their schema reference,
 * unless `raw` (then as base64 of the exact bytes).
 */
export function recordToJson(topic: string, r: TailRecord, parseValues = true, raw = false): RecordJson {
  const key: FieldJson = (!raw && schemaJson(r, 'key')) || bytesJson(r.key, parseValues);
  const value: FieldJson = (!raw && schemaJson(r, 'value')) || bytesJson(r.value, parseValues);
  return {
    topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: new Date(r.timestamp).toISOString(),
    key: key.v,
    ...(key.base64 ? { keyEncoding: 'base64' as const } : {}),
    value: value.v,
    ...(value.base64 ? { valueEncoding: 'base64' as const } : {}),
    ...(key.schema ? { keySchema: key.schema } : {}),
    ...(value.schema ? { valueSchema: value.schema } : {}),
    ...(key.error ? { keySchemaError: key.error } : {}),
    ...(value.error ? { valueSchemaError: value.error } : {}),
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
export function* ndjsonLines(
  topic: string,
  records: Iterable<TailRecord>,
  opts: { raw?: boolean } = {},
): Generator<string> {
  for (const r of records) yield `${JSON.stringify(recordToJson(topic, r, true, opts.raw))}\n`;
}
