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
 * | NOCOMMIT   | (no commit in the newest sample) a member owned the partition for the last `minSamples` |
 * |            | samples or more without ever committing, while there were records to read              |
 * | WARN       | the consumer commits but falls behind: lag never reached 0 in the window, it consumed   |
 * |            | fewer records than were produced (lag grew from the oldest to the newest sample), and   |
 * |            | the slope of lag against time is positive over the window AND over its newer half       |
 * | OK         | otherwise (committing and keeping up, or lag shrinking)                                 |
 *
 * A partition without a commit (a member owns it but has not committed yet, as Kafka's tool lists it)
 * is judged only on the trailing run of samples without a commit: NOCOMMIT (an ERR, like STALL)
 * once that run reaches `minSamples` while the log holds records (log end > earliest offset);
 * OK when there is nothing to read; "collecting" before that. Its lag is measured from the earliest
 * offset (the member's auto.offset.reset is unknown). Samples without a commit are skipped by the
 * other rules.
 *
 * A group is ERR when any partition is STALL, NOCOMMIT, STOP or REWIND; WARN when any is WARN; collecting
 * while any partition is collecting; otherwise OK.
 *
 * WARN judges the trend, not each step: clients commit in batches, so the lag of a consumer that
 * falls behind is a saw-tooth that dips between some samples (Burrow's "lag grew at every sample"
 * misses it). Burrow's false alarms stay out: a window where the lag touched 0 is a consumer that
 * keeps up; a burst that is being worked off has a falling newer half; an idle topic has nothing
 * produced.
 *
 * Offsets are plain numbers: exact up to 2^53, far beyond any real log.
 */

export type PartitionStatus = 'collecting' | 'OK' | 'WARN' | 'STALL' | 'NOCOMMIT' | 'STOP' | 'REWIND';
export type GroupStatus = 'collecting' | 'OK' | 'WARN' | 'ERR';

export interface LagSample {
  /** When the offsets were read (ms since the epoch). */
  time: number;
  /** The committed offset; null when the group has no commit for the partition (a member owns it). */
  committed: number | null;
  logEnd: number;
  /** The earliest offset still in the log (lag of a sample without a commit is measured from it). */
  earliest?: number;
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

/**
 * Lag of one sample: from that sample's own log end, never negative. Without a commit: from the
 * earliest offset (where a member reading from the earliest offset starts), 0 when it is unknown.
 */
export function sampleLag(s: Pick<LagSample, 'committed' | 'logEnd' | 'earliest'>): number {
  const from = s.committed ?? s.earliest ?? s.logEnd;
  return Math.max(0, s.logEnd - from);
}

type Committed = LagSample & { committed: number };
const hasCommit = (s: LagSample): s is Committed => s.committed !== null;

/** The window: the newest `windowSamples` samples (samples are oldest first). */
export function windowOf<T>(samples: readonly T[], cfg: VerdictConfig): T[] {
  return samples.slice(Math.max(0, samples.length - cfg.windowSamples));
}

export function partitionVerdict(
  all: readonly LagSample[],
  cfg: VerdictConfig = DEFAULT_VERDICT_CONFIG,
): PartitionVerdict {
  const win = windowOf(all, cfg);
  const newest = win[win.length - 1];
  if (newest && !hasCommit(newest)) return noCommitVerdict(win, cfg);
  // Samples of the window with a commit (a first commit within the window is progress).
  const w = win.filter(hasCommit);
  const base = { samples: win.length, minSamples: cfg.minSamples };
  if (win.length < cfg.minSamples || w.length === 0) {
    return { ...base, status: 'collecting', reason: `collecting samples (${win.length}/${cfg.minSamples})` };
  }
  if (w.length < win.length) {
    const lag = sampleLag(w[w.length - 1]);
    return lag === 0
      ? { ...base, status: 'OK', reason: 'caught up with the log end' }
      : { ...base, status: 'OK', reason: `committed for the first time within the window (lag ${lag})` };
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
  const behind = fallingBehind(w);
  if (behind) return { ...base, status: 'WARN', reason: behind };
  return { ...base, status: 'OK', reason: 'committing and keeping up' };
}

/** Least-squares slope of lag against time (records per second); 0 for fewer than 2 samples. */
export function lagSlope(w: readonly Committed[]): number {
  if (w.length < 2) return 0;
  const t0 = w[0].time;
  const xs = w.map((s) => (s.time - t0) / 1000);
  const ys = w.map(sampleLag);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const perSecond = (n: number): string => (Math.abs(n) >= 10 ? n.toFixed(0) : n.toFixed(2).replace(/\.?0+$/, ''));

/**
 * Why a committing consumer is falling behind (the WARN rule), or undefined when it is not: see the
 * table above. Rates are over the window: consumed = committed offset moved, produced = log end moved.
 */
export function fallingBehind(w: readonly Committed[]): string | undefined {
  if (w.length < 2) return undefined;
  if (w.some((s) => sampleLag(s) === 0)) return undefined;
  const first = w[0];
  const last = w[w.length - 1];
  const seconds = (last.time - first.time) / 1000;
  if (seconds <= 0) return undefined;
  const consumeRate = (last.committed - first.committed) / seconds;
  const produceRate = (last.logEnd - first.logEnd) / seconds;
  if (!(consumeRate < produceRate)) return undefined;
  if (!(lagSlope(w) > 0)) return undefined;
  if (!(lagSlope(w.slice(Math.floor(w.length / 2))) > 0)) return undefined;
  return (
    `falling behind: lag grew from ${sampleLag(first)} to ${sampleLag(last)} in ${Math.round(seconds)} s, ` +
    `consuming ${perSecond(consumeRate)}/s against ${perSecond(produceRate)}/s produced`
  );
}

/** A partition a member owns without a commit, judged on the trailing samples without a commit. */
function noCommitVerdict(w: readonly LagSample[], cfg: VerdictConfig): PartitionVerdict {
  let run = 0;
  while (run < w.length && !hasCommit(w[w.length - 1 - run]) && w[w.length - 1 - run].assigned) run++;
  const base = { samples: run, minSamples: cfg.minSamples };
  const last = w[w.length - 1];
  const lag = sampleLag(last);
  if (lag === 0) return { ...base, status: 'OK', reason: 'no commit, but there is nothing to read' };
  if (run < cfg.minSamples) {
    return {
      ...base,
      status: 'collecting',
      reason: `no commit yet; collecting samples (${run}/${cfg.minSamples})`,
    };
  }
  const first = w[w.length - run];
  const grew = last.logEnd > first.logEnd;
  return {
    ...base,
    status: 'NOCOMMIT',
    reason:
      `a member has owned the partition for ${run} samples without committing` +
      `${grew ? ` while the log end grew from ${first.logEnd} to ${last.logEnd}` : ''}; ` +
      `lag from the earliest offset ${lag}`,
  };
}

const SEVERITY: Record<PartitionStatus, number> = {
  OK: 0,
  collecting: 1,
  WARN: 2,
  STALL: 3,
  NOCOMMIT: 3,
  STOP: 3,
  REWIND: 3,
};

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
