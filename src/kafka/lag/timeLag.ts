/**
 * Time lag: how old the first unread record of a partition is. Exact when that record was read
 * (`exactTimeLag`, from its timestamp: the lag monitor reads it for the group in view); otherwise
 * estimated cheaply and honestly from in-session samples of (time, log-end offset). Pure functions.
 *
 * - exact: now minus the timestamp of the record at the committed offset.
 * - caught up: 0.
 * - interpolated: the log end passed the committed offset between two samples of this session, so
 *   the record at the committed offset was written between them (linear interpolation).
 * - extrapolated: it was written before the first sample; estimated from the observed produce rate.
 * - atLeast: written before the first sample and nothing was produced since: only a lower bound.
 */
export interface LogEndPoint {
  time: number;
  logEnd: number;
}

export type TimeLagKind = 'exact' | 'caughtUp' | 'interpolated' | 'extrapolated' | 'atLeast';

export interface TimeLag {
  kind: TimeLagKind;
  ms: number;
  /** exact: the timestamp of the record it was measured from. */
  recordTimestamp?: number;
}

/** The age of the first unread record, from its timestamp (never negative: producer clocks drift). */
export function exactTimeLag(recordTimestamp: number, now: number): TimeLag {
  return { kind: 'exact', ms: Math.max(0, now - recordTimestamp), recordTimestamp };
}

export function estimateTimeLag(points: readonly LogEndPoint[], committed: number, now: number): TimeLag | undefined {
  if (points.length === 0) return undefined;
  const last = points[points.length - 1];
  if (last.logEnd <= committed) return { kind: 'caughtUp', ms: 0 };
  const target = committed + 1; // the log end once the record at `committed` exists
  const first = points[0];
  if (first.logEnd < target) {
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (b.logEnd >= target && a.logEnd < target) {
        const f = (target - a.logEnd) / (b.logEnd - a.logEnd);
        const written = a.time + f * (b.time - a.time);
        return { kind: 'interpolated', ms: Math.max(0, now - written) };
      }
    }
  }
  const span = last.time - first.time;
  const produced = last.logEnd - first.logEnd;
  if (span > 0 && produced > 0) {
    const rate = produced / span; // records per ms
    const written = first.time - (first.logEnd - committed) / rate;
    return { kind: 'extrapolated', ms: Math.max(0, now - written) };
  }
  return { kind: 'atLeast', ms: Math.max(0, now - first.time) };
}

/** "0s", "45s", "3m 05s", "2h 10m", "3d 4h". */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** The time lag as shown, saying when it is an estimate. */
export function formatTimeLag(t: TimeLag | undefined): string {
  if (!t) return '–';
  switch (t.kind) {
    case 'exact':
      return formatDuration(t.ms);
    case 'caughtUp':
      return '0s';
    case 'interpolated':
      return `~${formatDuration(t.ms)} (est.)`;
    case 'extrapolated':
      return `~${formatDuration(t.ms)} (rate est.)`;
    case 'atLeast':
      return `> ${formatDuration(t.ms)}`;
  }
}
