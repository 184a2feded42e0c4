/**
 * The whole contract between the tail webview and the extension host. The host validates everything
 * it receives with `parseTailRequest` before acting on it. Every string in a message is data: the
 * webview renders it as text only.
 */
import type { FormatChoice, ValueFormat } from '../../kafka/tail/decode';
import type { TailState } from '../../kafka/tail/types';

export type TailColumn = 'key' | 'value' | 'headers';
export type TailFormatChoice = FormatChoice;
export const TAIL_FORMATS: readonly TailFormatChoice[] = ['auto', 'json', 'text', 'hex', 'base64'];

export interface TailCell {
  /** Rendered text, truncated for the table (null: the field is null). */
  text: string | null;
  /** The format used (auto resolves to one of the others). */
  format: ValueFormat;
  truncated: boolean;
}

export interface TailRow {
  /** Position in the current view (filtered or not). */
  index: number;
  /** Stable id of the message in this tail. */
  seq: number;
  partition: number;
  offset: string;
  timestamp: number;
  key: TailCell;
  value: TailCell;
  headers: TailCell;
  size: number;
}

export interface TailStatus {
  state: TailState;
  received: number;
  rate: number;
  buffered: number;
  capacity: number;
  /** Rows in the current view. */
  matching: number;
  /** Seq of the first row of the view: when it changes (buffer full, clear), cached rows are stale. */
  origin: number;
  error?: string;
}

/** Host → webview. */
export type TailMessage =
  | { type: 'init'; topic: string; cluster: string; partitions: number[]; start: string }
  | { type: 'status'; status: TailStatus }
  | { type: 'rows'; requestId: number; total: number; rows: TailRow[] }
  | { type: 'filterResult'; ok: true; matching: number }
  | { type: 'filterResult'; ok: false; message: string; line?: number; column?: number }
  | { type: 'detail'; seq: number; json: string };

/** Webview → host. */
export type TailRequest =
  | { type: 'ready' }
  | { type: 'rows'; requestId: number; start: number; count: number }
  | { type: 'control'; action: 'pause' | 'resume' | 'stop' | 'clear' }
  | { type: 'filter'; text: string; cel: string }
  | { type: 'format'; column: TailColumn; format: TailFormatChoice }
  | { type: 'message'; action: 'open' | 'copy' | 'produceAgain' | 'detail'; seq: number }
  | { type: 'export'; scope: 'all' | 'filtered' };

export const MAX_ROWS_PER_REQUEST = 500;
const MAX_FILTER_LENGTH = 10_000;

function isInt(v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

export function parseTailRequest(raw: unknown): TailRequest | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rows':
      return isInt(msg.requestId) && isInt(msg.start) && isInt(msg.count, 0, MAX_ROWS_PER_REQUEST)
        ? { type: 'rows', requestId: msg.requestId, start: msg.start, count: msg.count }
        : undefined;
    case 'control':
      return msg.action === 'pause' || msg.action === 'resume' || msg.action === 'stop' || msg.action === 'clear'
        ? { type: 'control', action: msg.action }
        : undefined;
    case 'filter':
      return typeof msg.text === 'string' &&
        typeof msg.cel === 'string' &&
        msg.text.length <= MAX_FILTER_LENGTH &&
        msg.cel.length <= MAX_FILTER_LENGTH
        ? { type: 'filter', text: msg.text, cel: msg.cel }
        : undefined;
    case 'format':
      return (msg.column === 'key' || msg.column === 'value' || msg.column === 'headers') &&
        TAIL_FORMATS.includes(msg.format as TailFormatChoice)
        ? { type: 'format', column: msg.column, format: msg.format as TailFormatChoice }
        : undefined;
    case 'message':
      return (msg.action === 'open' ||
        msg.action === 'copy' ||
        msg.action === 'produceAgain' ||
        msg.action === 'detail') &&
        isInt(msg.seq)
        ? { type: 'message', action: msg.action, seq: msg.seq }
        : undefined;
    case 'export':
      return msg.scope === 'all' || msg.scope === 'filtered' ? { type: 'export', scope: msg.scope } : undefined;
    default:
      return undefined;
  }
}
