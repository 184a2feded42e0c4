/**
 * The whole contract between the producer webview and the extension host. The host validates
 * everything it receives with `parseProducerRequest` before acting on it.
 */
import type { ProduceAcks, ProduceCompression } from '../../kafka/produce/types';

export type Compression = ProduceCompression;
export const COMPRESSIONS: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4'];
export type Acks = ProduceAcks;
export const ACKS: readonly Acks[] = [-1, 1, 0];

export const LIMITS = { text: 1_000_000, headerText: 10_000, headers: 100, maxCount: 1_000_000 } as const;

export interface PanelDraft {
  key: string | null;
  value: string | null;
  headers: { key: string; value: string }[];
  /** null: automatic (by key / round robin). */
  partition: number | null;
  compression: Compression;
  acks: Acks;
  count: number;
}

export interface HistoryItem {
  id: string;
  at: string;
  topic: string;
  draft: PanelDraft;
  summary: string;
}

export type OutcomeRow =
  | { index: number; ok: true; partition: number; offset: string }
  | { index: number; ok: false; error: string; code: string };

export interface ResultData {
  sent: number;
  failed: number;
  total: number;
  idempotent: boolean;
  idempotenceFallback?: string;
  durationMs: number;
  /** The first rows (failures first), at most ROWS_SHOWN. */
  rows: OutcomeRow[];
  /** Every failure, grouped by reason. */
  failures: string[];
  canTail: boolean;
}

export const ROWS_SHOWN = 500;

/** Host → webview. */
export type ProducerMessage =
  | {
      type: 'init';
      cluster: string;
      topic: string;
      partitions: number | null;
      readOnly: boolean;
      draft: PanelDraft;
      history: HistoryItem[];
      maxCount: number;
    }
  | { type: 'draft'; draft: PanelDraft }
  | { type: 'sending'; total: number }
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: ResultData }
  | { type: 'error'; message: string; hint?: string }
  | { type: 'history'; history: HistoryItem[] };

/** Webview → host. */
export type ProducerRequest =
  | { type: 'ready' }
  | { type: 'send'; draft: PanelDraft }
  | { type: 'cancel' }
  | { type: 'tail' }
  | { type: 'useHistory'; id: string }
  | { type: 'resend'; id: string };

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isNullableStr = (v: unknown, max: number): v is string | null => v === null || isStr(v, max);

export function parseDraft(raw: unknown, maxCount: number = LIMITS.maxCount): PanelDraft | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const d = raw as Record<string, unknown>;
  if (!isNullableStr(d.key, LIMITS.text) || !isNullableStr(d.value, LIMITS.text)) return undefined;
  if (!Array.isArray(d.headers) || d.headers.length > LIMITS.headers) return undefined;
  const headers: { key: string; value: string }[] = [];
  for (const h of d.headers as unknown[]) {
    if (typeof h !== 'object' || h === null) return undefined;
    const { key, value } = h as Record<string, unknown>;
    if (!isStr(key, LIMITS.headerText) || !isStr(value, LIMITS.headerText) || key === '') return undefined;
    headers.push({ key, value });
  }
  const partition = d.partition;
  if (partition !== null && !(typeof partition === 'number' && Number.isSafeInteger(partition) && partition >= 0))
    return undefined;
  if (!COMPRESSIONS.includes(d.compression as Compression)) return undefined;
  if (!ACKS.includes(d.acks as Acks)) return undefined;
  const count = d.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > maxCount) return undefined;
  return {
    key: d.key,
    value: d.value,
    headers,
    partition,
    compression: d.compression as Compression,
    acks: d.acks as Acks,
    count,
  };
}

export function parseProducerRequest(raw: unknown, maxCount?: number): ProducerRequest | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
    case 'cancel':
    case 'tail':
      return { type: msg.type };
    case 'send': {
      const draft = parseDraft(msg.draft, maxCount);
      return draft ? { type: 'send', draft } : undefined;
    }
    case 'useHistory':
    case 'resend':
      return isStr(msg.id, 100) ? { type: msg.type, id: msg.id } : undefined;
    default:
      return undefined;
  }
}

export function emptyDraft(): PanelDraft {
  return { key: null, value: '', headers: [], partition: null, compression: 'none', acks: -1, count: 1 };
}
