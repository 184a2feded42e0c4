/** Turns buffered tail records into table rows for the webview (truncated, formatted per column). */
import type { TailRecord } from '../../kafka/tail';
import { kafkaModule } from '../../services/lazyModules';
import type { TailCell, TailColumn, TailFormatChoice, TailRow } from '../../webviews/tail/protocol';

/** Characters of a cell shown in the table; "Open message" shows everything. */
export const CELL_LIMIT = 400;

function cell(text: string | null, format: TailCell['format']): TailCell {
  if (text === null) return { text: null, format, truncated: false };
  const truncated = text.length > CELL_LIMIT;
  return { text: truncated ? `${text.slice(0, CELL_LIMIT)}…` : text, format, truncated };
}

function headersCell(r: TailRecord, choice: TailFormatChoice): TailCell {
  const { formatBytes } = kafkaModule();
  if (!r.headers.length) return { text: '', format: 'text', truncated: false };
  let format: TailCell['format'] = 'text';
  const parts = r.headers.map((h) => {
    const f = formatBytes(h.value, choice);
    if (f.format !== 'text') format = f.format;
    return `${h.key}=${f.text ?? 'null'}`;
  });
  return cell(parts.join(', '), format);
}

export function toRow(index: number, r: TailRecord, formats: Record<TailColumn, TailFormatChoice>): TailRow {
  const { formatBytes } = kafkaModule();
  const key = formatBytes(r.key, formats.key);
  const value = formatBytes(r.value, formats.value);
  return {
    index,
    seq: r.seq,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: cell(key.text, key.format),
    value: cell(value.text, value.format),
    headers: headersCell(r, formats.headers),
    size: r.size,
  };
}
