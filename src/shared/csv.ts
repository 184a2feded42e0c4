/**
 * CSV text per RFC 4180 (CRLF line ends; a field with a comma, a quote, CR or LF is quoted, its quotes
 * doubled) and safe to open in a spreadsheet: a text cell starting with = + - @ TAB or CR would be
 * read as a formula (CSV injection), so it gets a leading apostrophe. Names and config values come
 * from whoever created the topic or group. Numbers are written as numbers (a negative number is
 * data, not a formula). No I/O, no vscode import.
 */
export type CsvValue = string | number | bigint | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: guarded against formulas, quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record (no line end). */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A header row and the records, each line ended by CRLF. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => `${csvRow(r)}\r\n`).join('');
}
