/** Timestamps as the tail shows them (table and detail alike): local time with its offset, or UTC marked Z. */
import type { TailTimeZone } from './protocol';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `2026-12-02 02:41:21.123 +01:00` (local) or `2026-12-02 01:41:21.123Z` (utc). */
export function formatTimestamp(ms: number, zone: TailTimeZone, offsetMinutes?: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (zone === 'utc') return new Date(ms).toISOString().replace('T', ' ');
  // getTimezoneOffset is minutes *behind* UTC: +01:00 is -60.
  const offset = offsetMinutes ?? -new Date(ms).getTimezoneOffset();
  const d = new Date(ms + offset * 60_000);
  const date = d.toISOString().replace('T', ' ').replace('Z', '');
  const sign = offset < 0 ? '-' : '+';
  return `${date} ${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
