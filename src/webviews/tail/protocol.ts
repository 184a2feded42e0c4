/**
 * The whole contract between the tail webview and the extension host (see ../shared/messages.ts).
 * Every string in a message is data: the webview renders it as text only.
 */
import type { FormatChoice, ValueFormat } from '../../kafka/tail/decode';
import type { TailStats } from '../../kafka/tail/types';
import { COLUMNS } from './layout';
import { command, defineProtocol, isRecord, noParams, notification, request } from '../shared/messages';

export type TailColumn = 'key' | 'value' | 'headers';
export type TailFormatChoice = FormatChoice;
export const TAIL_FORMATS: readonly TailFormatChoice[] = ['auto', 'json', 'text', 'hex', 'base64'];

export interface TailCell {
  /** Rendered text, truncated for the table (null: the field is null). */
  text: string | null;
  /** The format used (auto resolves to one of the others). */
  format: ValueFormat;
  truncated: boolean;
  /**
   * Key/value in a schema registry's wire format: the schema that decoded it (`Avro · orders-value v3`),
   * or why it was not decoded (`error`: the cell then shows the raw bytes).
   */
  schema?: { label: string; error?: boolean };
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

/** The session's stats, and what the view needs to keep its cached rows right. */
export interface TailStatus extends TailStats {
  /** Seq of the first row of the view: when it changes (buffer full, clear), cached rows are stale. */
  origin: number;
  error?: string;
  /** Bumped when a schema fetch ended: rows shown before may now decode (cached rows are stale). */
  revision?: number;
}

/** The filter in force (what the filter boxes must show after the page is re-created). */
export interface TailFilterState {
  text: string;
  cel: string;
}

export type TailTimeZone = 'local' | 'utc';

export interface TailInit {
  topic: string;
  cluster: string;
  partitions: number[];
  start: string;
  /** What the start position check noted (an offset past the end…). */
  startNotes: string[];
  filter: TailFilterState;
  /** The last filter outcome shown (a warning about messages the filter failed on, or an error). */
  filterNotice?: FilterNotice;
  formats: Record<TailColumn, TailFormatChoice>;
  /** msk.tail.timeZone: how timestamps are shown. */
  timeZone: TailTimeZone;
  /** Column widths in pixels as last resized (0: the column takes the room left), if ever resized. */
  columnWidths?: number[];
}

/** A message about the filter: an error (the expression was refused) or a warning (it failed on some messages). */
export interface FilterNotice {
  kind: 'error' | 'warning' | 'info';
  message: string;
  hint?: string;
  /** The error's position in the expression (1-based). */
  line?: number;
  column?: number;
}

/** Rows of the current view, from a position, and how many rows the view has. */
export interface TailPage {
  total: number;
  rows: TailRow[];
}

/**
 * The answer to a filter: `applied` (the filter in force is the one asked for), `refused` (the
 * expression is wrong: NO filter is in force now, every message is shown), or `superseded` (a newer
 * filter request replaced this one before it was evaluated: nothing changed because of it).
 */
export type FilterResult =
  | { outcome: 'applied'; matching: number; filter: TailFilterState; notice?: FilterNotice }
  | { outcome: 'refused'; matching: number; filter: TailFilterState; notice: FilterNotice }
  | { outcome: 'superseded' }
  /** The person cancelled it: the filter in force before stays. */
  | { outcome: 'cancelled'; matching: number; filter: TailFilterState };

export type MessageAction = 'open' | 'copy' | 'produceAgain';

export const MAX_ROWS_PER_REQUEST = 500;
/** What the page may send (the filter's own limit, smaller, is reported as a filter error). */
const MAX_FILTER_LENGTH = 1_000_000;

function isInt(v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    values.includes(v as T);
const isControl = oneOf(['pause', 'resume', 'stop', 'clear'] as const);
const isColumn = oneOf<TailColumn>(['key', 'value', 'headers']);
const isFormat = oneOf(TAIL_FORMATS);
const isAction = oneOf<MessageAction>(['open', 'copy', 'produceAgain']);
const isScope = oneOf(['all', 'filtered'] as const);
const isFilterText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_FILTER_LENGTH;

export const tailProtocol = defineProtocol({
  name: 'tail',
  notifications: {
    /** Once the session runs (again after the page reloads). */
    init: notification<TailInit>(),
    status: notification<TailStatus>(),
    /** A filter is being evaluated over the buffer (done of total messages). */
    filterProgress: notification<{ done: number; total: number }>(),
  },
  commands: {
    /** The page is listening: send `init` (once the session runs) and the status. */
    ready: command(noParams),
    control: command((raw) => (isRecord(raw) && isControl(raw.action) ? { action: raw.action } : undefined)),
    /** Stop evaluating the filter being applied (the one in force before stays). */
    cancelFilter: command(noParams),
    format: command((raw) =>
      isRecord(raw) && isColumn(raw.column) && isFormat(raw.format)
        ? { column: raw.column, format: raw.format }
        : undefined,
    ),
    /** Open, copy or produce again one message (by its seq). */
    message: command((raw) =>
      isRecord(raw) && isAction(raw.action) && isInt(raw.seq) ? { action: raw.action, seq: raw.seq } : undefined,
    ),
    export: command((raw) => (isRecord(raw) && isScope(raw.scope) ? { scope: raw.scope } : undefined)),
    /** The table's column widths after a resize (remembered for this and later tail panels). */
    columns: command((raw) =>
      isRecord(raw) &&
      Array.isArray(raw.widths) &&
      raw.widths.length === COLUMNS.length &&
      raw.widths.every((w) => isInt(w, 0, 5_000))
        ? { widths: raw.widths }
        : undefined,
    ),
  },
  requests: {
    /** A page of the view's rows. */
    rows: request<{ start: number; count: number }, TailPage>((raw) =>
      isRecord(raw) && isInt(raw.start) && isInt(raw.count, 0, MAX_ROWS_PER_REQUEST)
        ? { start: raw.start, count: raw.count }
        : undefined,
    ),
    /** Apply a text and a CEL filter: how many rows match, or where the CEL expression is wrong. */
    filter: request<{ text: string; cel: string }, FilterResult>(
      (raw) =>
        isRecord(raw) && isFilterText(raw.text) && isFilterText(raw.cel) ? { text: raw.text, cel: raw.cel } : undefined,
      // A filter over a full buffer runs in slices (with progress): the answer may take a while.
      { timeoutMs: 10 * 60_000 },
    ),
    /** One message as pretty JSON, for the detail pane. */
    detail: request<{ seq: number }, { json: string }>((raw) =>
      isRecord(raw) && isInt(raw.seq) ? { seq: raw.seq } : undefined,
    ),
  },
});

export type TailProtocol = typeof tailProtocol;
