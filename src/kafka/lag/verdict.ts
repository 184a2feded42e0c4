/**
 * The health verdict of consumer lag, as pure functions over recorded samples (no I/O, no clock).
 *
 * A partition's sample holds the committed offset and the log-end offset read in the SAME refresh:
 * lag is always recomputed from them (never carried over from an older log end). Statuses, after
 * Burrow's, without its false alarms:
 *
 * | status     | rule (checked in this order)                                                            |
 * |------------|-----------------------------------------------------------------------------------------|
 * | collecting | fewer than `minSamples` samples in the window: no verdict yet                           |
 * | REWIND     | the committed offset went backwards between two samples of the window                   |
 * | OK         | caught up in the newest sample (committed ≥ log end), however old the commit           |
 * | STOP       | lag > 0, committed offset unchanged over the window, and no member owns the partition   |
 * | STALL      | lag > 0, committed offset unchanged over the window, while a member owns the partition  |
 * | WARN       | the consumer commits, but lag grew over the window and never shrank between samples     |
 * | OK         | otherwise (committing and keeping up, or lag shrinking)                                 |
 *
 * A group is ERR when any partition is STALL, STOP or REWIND; WARN when any is WARN; collecting
 * while any partition is collecting; otherwise OK.
 *
 * Offsets are plain numbers: exact up to 2^53, far beyond any real log.
 */

export type PartitionStatus = 'collecting' | 'OK' | 'WARN' | 'STALL' | 'STOP' | 'REWIND';
export type GroupStatus = 'collecting' | 'OK' | 'WARN' | 'ERR';

export interface LagSample {
  /** When the offsets were read (ms since the epoch). */
  time: number;
  committed: number;
  logEnd: number;
  /** Whether a member of the group owned the partition at that time. */
  assigned: boolean;
}

export interface VerdictConfig {
  /** Samples kept per partition: the sliding window. */
  windowSamples: number;
  /** No verdict before the window holds this many samples. */
  minSamples: number;
}

export const DEFAULT_VERDICT_CONFIG: VerdictConfig = { windowSamples: 10, minSamples: 5 };

export interface PartitionVerdict {
  status: PartitionStatus;
  /** One line saying why, for tooltips and the view. */
  reason: string;
  /** Samples in the window, and how many are needed (for "collecting (2/5)"). */
  samples: number;
  minSamples: number;
}

export interface GroupVerdict {
  status: GroupStatus;
  reason: string;
  /** The lowest sample count among the partitions (for "collecting (n/min)"). */
  samples: number;
  minSamples: number;
}

/** Lag of one sample: from that sample's own log end, never negative. */
export function sampleLag(s: Pick<LagSample, 'committed' | 'logEnd'>): number {
  return Math.max(0, s.logEnd - s.committed);
}

/** The window: the newest `windowSamples` samples (samples are oldest first). */
export function windowOf<T>(samples: readonly T[], cfg: VerdictConfig): T[] {
  return samples.slice(Math.max(0, samples.length - cfg.windowSamples));
}

export function partitionVerdict(
  all: readonly LagSample[],
  cfg: VerdictConfig = DEFAULT_VERDICT_CONFIG,
): PartitionVerdict {
  const w = windowOf(all, cfg);
  const base = { samples: w.length, minSamples: cfg.minSamples };
  if (w.length < cfg.minSamples || w.length === 0) {
    return { ...base, status: 'collecting', reason: `collecting samples (${w.length}/${cfg.minSamples})` };
  }
  for (let i = 1; i < w.length; i++) {
    if (w[i].committed < w[i - 1].committed) {
      return {
        ...base,
        status: 'REWIND',
        reason: `committed offset went back from ${w[i - 1].committed} to ${w[i].committed}`,
      };
    }
  }
  const first = w[0];
  const last = w[w.length - 1];
  const lag = sampleLag(last);
  if (lag === 0) return { ...base, status: 'OK', reason: 'caught up with the log end' };
  if (last.committed === first.committed) {
    return last.assigned
      ? {
          ...base,
          status: 'STALL',
          reason: `a member owns the partition but its committed offset stayed at ${last.committed} with lag ${lag}`,
        }
      : {
          ...base,
          status: 'STOP',
          reason: `no member consumes the partition; committed offset stayed at ${last.committed} with lag ${lag}`,
        };
  }
  let growing = sampleLag(last) > sampleLag(first);
  for (let i = 1; growing && i < w.length; i++) if (sampleLag(w[i]) < sampleLag(w[i - 1])) growing = false;
  if (growing) {
    return { ...base, status: 'WARN', reason: `committing, but lag grew from ${sampleLag(first)} to ${lag}` };
  }
  return { ...base, status: 'OK', reason: 'committing and keeping up' };
}

const SEVERITY: Record<PartitionStatus, number> = { OK: 0, collecting: 1, WARN: 2, STALL: 3, STOP: 3, REWIND: 3 };

/** The group's verdict from its partitions' verdicts. */
export function groupVerdict(
  partitions: readonly PartitionVerdict[],
  cfg: VerdictConfig = DEFAULT_VERDICT_CONFIG,
): GroupVerdict {
  const samples = partitions.length ? Math.min(...partitions.map((p) => p.samples)) : 0;
  const base = { samples, minSamples: cfg.minSamples };
  if (partitions.length === 0) return { ...base, status: 'OK', reason: 'no committed offsets' };
  const bad = partitions.filter((p) => SEVERITY[p.status] === 3);
  if (bad.length) {
    const kinds = [...new Set(bad.map((p) => p.status))].join(', ');
    return { ...base, status: 'ERR', reason: `${bad.length} partition(s) ${kinds}` };
  }
  const warn = partitions.filter((p) => p.status === 'WARN').length;
  if (warn) return { ...base, status: 'WARN', reason: `lag growing on ${warn} partition(s)` };
  if (partitions.some((p) => p.status === 'collecting')) {
    return { ...base, status: 'collecting', reason: `collecting samples (${samples}/${cfg.minSamples})` };
  }
  return { ...base, status: 'OK', reason: 'all partitions OK' };
}

/** "collecting (2/5)" or the status itself, for labels. */
export function statusLabel(v: { status: string; samples: number; minSamples: number }): string {
  return v.status === 'collecting' ? `collecting (${v.samples}/${v.minSamples})` : v.status;
}

/** How bad a group status is, for sorting (worst last). */
export function groupSeverity(status: GroupStatus): number {
  return { OK: 0, collecting: 1, WARN: 2, ERR: 3 }[status];
}
