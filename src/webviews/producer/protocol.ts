/**
 * The whole contract between the producer webview and the extension host (see ../shared/messages.ts),
 * and the draft both sides edit. The host checks every draft it receives with `parseDraft`.
 */
import type { FieldEncoding, ProduceAcks, ProduceCompression } from '../../kafka/produce/types';
import { checkBase64 } from '../../shared/base64';
import {
  isSchemaSelection,
  parseSchemaNamesQuery,
  parseSchemaSelection,
  type SchemaNamesQuery,
} from '../../shared/schemaSelection';
import { command, defineProtocol, isRecord, noParams, notification, request, type ErrorInfo } from '../shared/messages';

export type Compression = ProduceCompression;
export const COMPRESSIONS: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4'];
export type Acks = ProduceAcks;
export const ACKS: readonly Acks[] = [-1, 1, 0];

export const LIMITS = { text: 1_000_000, headerText: 10_000, headers: 100, maxCount: 1_000_000 } as const;

export type { FieldEncoding };
export const ENCODINGS: readonly FieldEncoding[] = ['text', 'base64'];

/**
 * The most characters a field may hold: base64 takes 4 characters per 3 bytes, so a base64 field
 * may be 4/3 as long as a text one (about the same number of bytes either way).
 */
export function fieldLimit(encoding: FieldEncoding | undefined, header = false): number {
  const text = header ? LIMITS.headerText : LIMITS.text;
  return encoding === 'base64' ? Math.ceil(text / 3) * 4 : text;
}

export interface PanelHeader {
  key: string;
  value: string;
  /** Absent: text. */
  encoding?: FieldEncoding;
}

/**
 * A draft as the panel shows it. A field with encoding 'base64' holds the base64 text of its bytes
 * (sent as those exact bytes, templates not rendered); absent or 'text': text with templates.
 */
export interface PanelDraft {
  key: string | null;
  keyEncoding?: FieldEncoding;
  value: string | null;
  valueEncoding?: FieldEncoding;
  headers: PanelHeader[];
  /** null: automatic (by key / round robin). */
  partition: number | null;
  compression: Compression;
  acks: Acks;
  count: number;
  /** The registry schema the key is written with (`glue:reg/schema@latest`, `confluent:subject@3`); absent: as typed. */
  keySchema?: string;
  /** The same for the value. */
  valueSchema?: string;
}

export interface HistoryItem {
  id: string;
  at: string;
  topic: string;
  draft: PanelDraft;
  summary: string;
}

/**
 * A row of the result: `count` messages stored in a partition at offsets `offsets` ("42" or
 * "42–1041"; "?" when acks=0 tells none), or failed messages ("5" or "5–900", 1-based) and why.
 */
export type OutcomeRow =
  | { ok: true; count: number; partition: number; offsets: string }
  | { ok: false; messages: string; error: string; code: string };

export interface ResultData {
  sent: number;
  failed: number;
  total: number;
  idempotent: boolean;
  idempotenceFallback?: string;
  durationMs: number;
  /** The first rows (failures first, then offset ranges), at most ROWS_SHOWN. */
  rows: OutcomeRow[];
  /** How many rows there are in all. */
  rowCount: number;
  /** Every failure, grouped by reason. */
  failures: string[];
  canTail: boolean;
}

export const ROWS_SHOWN = 500;

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isNullableStr = (v: unknown, max: number): v is string | null => v === null || isStr(v, max);
const isEncoding = (v: unknown): v is FieldEncoding | undefined =>
  v === undefined || ENCODINGS.includes(v as FieldEncoding);
/** Only base64 is written out: absent means text (also in drafts saved before encodings existed). */
export const encodingProp = <K extends string>(name: K, e: FieldEncoding | undefined) =>
  (e === 'base64' ? { [name]: e } : {}) as Partial<Record<K, FieldEncoding>>;

export function parseDraft(raw: unknown, maxCount: number = LIMITS.maxCount): PanelDraft | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const d = raw as Record<string, unknown>;
  if (!isEncoding(d.keyEncoding) || !isEncoding(d.valueEncoding)) return undefined;
  if (!isNullableStr(d.key, fieldLimit(d.keyEncoding)) || !isNullableStr(d.value, fieldLimit(d.valueEncoding)))
    return undefined;
  if (!Array.isArray(d.headers) || d.headers.length > LIMITS.headers) return undefined;
  const headers: PanelHeader[] = [];
  for (const h of d.headers as unknown[]) {
    if (typeof h !== 'object' || h === null) return undefined;
    const { key, value, encoding } = h as Record<string, unknown>;
    if (!isEncoding(encoding)) return undefined;
    if (!isStr(key, LIMITS.headerText) || !isStr(value, fieldLimit(encoding, true)) || key.trim() === '')
      return undefined;
    headers.push({ key, value, ...encodingProp('encoding', encoding) });
  }
  const partition = d.partition;
  if (partition !== null && !(typeof partition === 'number' && Number.isSafeInteger(partition) && partition >= 0))
    return undefined;
  if (!COMPRESSIONS.includes(d.compression as Compression)) return undefined;
  if (!ACKS.includes(d.acks as Acks)) return undefined;
  const count = d.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > maxCount) return undefined;
  if (!isSchemaText(d.keySchema) || !isSchemaText(d.valueSchema)) return undefined;
  return {
    ...(d.keySchema ? { keySchema: d.keySchema } : {}),
    ...(d.valueSchema ? { valueSchema: d.valueSchema } : {}),
    key: d.key,
    ...encodingProp('keyEncoding', d.keyEncoding),
    value: d.value,
    ...encodingProp('valueEncoding', d.valueEncoding),
    headers,
    partition,
    compression: d.compression as Compression,
    acks: d.acks as Acks,
    count,
  };
}

/** Absent, or a schema selection (`glue:…` / `confluent:…`). */
function isSchemaText(v: unknown): v is string | undefined {
  return v === undefined || (isStr(v, 1000) && isSchemaSelection(parseSchemaSelection(v)));
}

/** How a field is named in messages: "Key", "Value", "Header "trace" (2)". */
export type DraftField = { kind: 'key' } | { kind: 'value' } | { kind: 'header'; index: number; name: string };

export function fieldLabel(f: DraftField): string {
  return f.kind === 'key' ? 'Key' : f.kind === 'value' ? 'Value' : `Header "${f.name}" (${f.index + 1})`;
}

/**
 * The base64 fields of a draft that are not strict base64, each with a sentence naming the field,
 * e.g. `Value is not valid base64: "%" is not a base64 character…`. Empty: all fine.
 */
export function base64Problems(d: PanelDraft): { field: DraftField; message: string }[] {
  const fields: { field: DraftField; text: string | null; encoding?: FieldEncoding }[] = [
    { field: { kind: 'key' }, text: d.key, encoding: d.keyEncoding },
    { field: { kind: 'value' }, text: d.value, encoding: d.valueEncoding },
    ...d.headers.map((h, index) => ({
      field: { kind: 'header' as const, index, name: h.key },
      text: h.value,
      encoding: h.encoding,
    })),
  ];
  const out: { field: DraftField; message: string }[] = [];
  for (const f of fields) {
    if (f.encoding !== 'base64' || f.text === null) continue;
    const check = checkBase64(f.text);
    if (!check.ok)
      out.push({ field: f.field, message: `${fieldLabel(f.field)} is not valid base64: ${check.problem}.` });
  }
  return out;
}

const historyId = (raw: unknown) => (isRecord(raw) && isStr(raw.id, 100) ? { id: raw.id } : undefined);

export interface ProducerInit {
  cluster: string;
  topic: string;
  partitions: number | null;
  readOnly: boolean;
  draft: PanelDraft;
  history: HistoryItem[];
  maxCount: number;
  /** The registries the cluster has (null: none, the schema pickers are hidden). */
  registries: { glue: boolean; confluent: string | null } | null;
}

/** Whether a key or value fits its schema (templates rendered once). */
export interface SchemaCheck {
  /** `Avro · orders-avro v2` */
  schemaName: string;
  issues: { path: string; message: string }[];
}

export const producerProtocol = defineProtocol({
  name: 'producer',
  notifications: {
    init: notification<ProducerInit>(),
    /** Show this draft in the form. */
    draft: notification<{ draft: PanelDraft }>(),
    sending: notification<{ total: number }>(),
    progress: notification<{ done: number; total: number }>(),
    result: notification<{ result: ResultData }>(),
    error: notification<ErrorInfo>(),
    history: notification<{ history: HistoryItem[] }>(),
  },
  commands: {
    /** The page is listening: send `init`. */
    ready: command(noParams),
    /** Send the draft (the host also checks its count against the setting). */
    send: command((raw) => {
      const draft = isRecord(raw) ? parseDraft(raw.draft) : undefined;
      return draft ? { draft } : undefined;
    }),
    cancel: command(noParams),
    /** Open the tail panel at what was just sent. */
    tail: command(noParams),
    /** Load a recent send into the form. */
    useHistory: command(historyId),
    /** Load a recent send and send it again. */
    resend: command(historyId),
  },
  requests: {
    /** Names for the schema pickers, one level at a time (rejects with the registry's error). */
    schemaNames: request<SchemaNamesQuery, { names: string[] }>(parseSchemaNamesQuery),
    /** Checks a field's text against a schema as the user types. */
    checkSchema: request<{ schema: string; text: string }, SchemaCheck>((raw) =>
      isRecord(raw) && isSchemaText(raw.schema) && raw.schema && isStr(raw.text, LIMITS.text)
        ? { schema: raw.schema, text: raw.text }
        : undefined,
    ),
  },
});

export type ProducerProtocol = typeof producerProtocol;

export function emptyDraft(): PanelDraft {
  return { key: null, value: '', headers: [], partition: null, compression: 'none', acks: -1, count: 1 };
}
