/** The tail table's columns and their widths (no DOM: unit-tested). */

export const COLUMNS = ['Partition', 'Offset', 'Timestamp', 'Key', 'Value', 'Headers', 'Size'] as const;
/** Default widths in pixels; the Value column (0) takes the room that is left. */
export const DEFAULT_WIDTHS = [96, 80, 265, 150, 0, 160, 64];
export const MIN_WIDTH = 40;

/** The grid columns for widths in pixels (0: share what is left). */
export function gridColumns(widths: readonly number[]): string {
  return widths.map((w) => (w > 0 ? `${w}px` : 'minmax(8em, 1fr)')).join(' ');
}
