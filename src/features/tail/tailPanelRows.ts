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

/**
 * A key or value: decoded with its registry schema (auto/json formats) with the schema's label, or
 * its raw bytes with why it was not decoded; otherwise formatted as chosen.
 */
function fieldCell(r: TailRecord, field: 'key' | 'value', choice: TailFormatChoice): TailCell {
  const { formatBytes, recordDecoding } = kafkaModule();
  const d = choice === 'auto' || choice === 'json' ? recordDecoding(r, field) : undefined;
  if (d && d !== 'pending' && d.kind === 'decoded') {
    return { ...cell(JSON.stringify(d.value), 'json'), schema: { label: d.label } };
  }
  const f = formatBytes(r[field], d ? 'hex' : choice);
  const c = cell(f.text, f.format);
  if (d === 'pending') return { ...c, schema: { label: 'fetching schema…' } };
  if (d) return { ...c, schema: { label: d.message, error: true } };
  return c;
}

export function toRow(index: number, r: TailRecord, formats: Record<TailColumn, TailFormatChoice>): TailRow {
  return {
    index,
    seq: r.seq,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: fieldCell(r, 'key', formats.key),
    value: fieldCell(r, 'value', formats.value),
    headers: headersCell(r, formats.headers),
    size: r.size,
  };
}
