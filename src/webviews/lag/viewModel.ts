/**
 * What the Consumer Lag view shows for a row, a group and CloudWatch data, as text and tooltips:
 * pure functions (no DOM), shared by the webview and its unit tests.
 */
import type { GroupLag, GroupLagSummary, PartitionLag } from '../../kafka/lag/types';
import { formatDuration } from '../../kafka/lag/timeLag';
import { statusLabel } from '../../kafka/lag/verdict';
import type { CloudWatchGroupLag } from '../../services/cloudWatchLagData';

export const fmt = (n: number): string => n.toLocaleString('en-US');

export interface Cell {
  text: string;
  title?: string;
  /** An extra CSS class (e.g. "no-commit"). */
  class?: string;
}

const AUTO_OFFSET_RESET_UNKNOWN =
  "No commit: measured from the earliest offset. The member's auto.offset.reset is unknown: " +
  'from the earliest offset it has this many records to read, from the latest it has none.';

/** The Committed column: the offset, or "no commit" (Kafka's tool shows "-"). */
export function committedCell(p: Pick<PartitionLag, 'committed' | 'memberId'>): Cell {
  if (p.committed !== null) return { text: fmt(p.committed) };
  return {
    text: 'no commit',
    class: 'no-commit',
    title: p.memberId
      ? 'A member owns this partition but the group has never committed an offset for it'
      : 'The group has no committed offset for this partition',
  };
}

/** The Lag column: from the committed offset, or "N from earliest" without a commit. */
export function lagCell(p: Pick<PartitionLag, 'lag' | 'lagFrom'>): Cell {
  if (p.lagFrom === 'committed') return { text: fmt(p.lag) };
  return { text: `${fmt(p.lag)} from earliest`, class: 'from-earliest', title: AUTO_OFFSET_RESET_UNKNOWN };
}

/** What a partition status means, for the badge's tooltip (before its reason). */
export const STATUS_MEANING: Record<string, string> = {
  OK: 'Keeping up',
  WARN: 'Falling behind: lag is growing over the window',
  STALL: 'Stalled: a member owns the partition but does not commit',
  NOCOMMIT: 'Never committed: a member owns the partition but has not committed an offset',
  STOP: 'Stopped: no member consumes the partition and lag is left',
  REWIND: 'Rewound: the committed offset went backwards',
  ERR: 'Error: a partition is stalled, stopped, rewound or never committed',
  collecting: 'Collecting samples before judging',
};

/** The badge text: "NO COMMIT" for NOCOMMIT, "collecting (2/5)", or the status. */
export function statusText(v: { status: string; samples: number; minSamples: number }): string {
  return v.status === 'NOCOMMIT' ? 'NO COMMIT' : statusLabel(v);
}

export function statusTitle(v: { status: string; reason: string }): string {
  const meaning = STATUS_MEANING[v.status];
  return meaning ? `${meaning}. ${v.reason}` : v.reason;
}

/** The group's State column/card: Kafka's state, plus the protocol type of non-consumer groups. */
export function groupStateText(g: Pick<GroupLagSummary, 'state' | 'protocolType' | 'notConsumerGroup'>): string {
  return g.notConsumerGroup ? `${g.state} · ${g.protocolType || 'not a consumer group'}` : g.state;
}

/** Lines under the group's cards: Kafka's tool's sentence for other protocols, partitions without a commit. */
export function groupNotes(
  g: Pick<GroupLag, 'notConsumerGroup' | 'noCommitPartitions' | 'lagFromEarliest' | 'protocolType'>,
): string[] {
  const notes: string[] = [];
  if (g.notConsumerGroup) {
    notes.push(
      `${g.notConsumerGroup} Its members share ${g.protocolType === 'connect' ? 'connectors and tasks' : 'other work'}, not partitions; only its committed offsets are listed.`,
    );
  }
  if (g.noCommitPartitions > 0) {
    const n = g.noCommitPartitions;
    notes.push(
      `${n} partition${n === 1 ? '' : 's'} owned without a commit: ${fmt(g.lagFromEarliest)} record${g.lagFromEarliest === 1 ? '' : 's'} from the earliest offset (not in the total lag; the members' auto.offset.reset is unknown).`,
    );
  }
  return notes;
}

/** How long ago, for labels: "just now", "45 s ago", "2 min ago", "3 h ago". */
export function ago(ms: number): string {
  if (ms < 5_000) return 'just now';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s ago`;
  if (ms < 3600_000) return `${Math.round(ms / 60_000)} min ago`;
  return `${Math.round(ms / 3600_000)} h ago`;
}

/** "CloudWatch · AWS/Kafka · period 1 min · data from 2 min ago" */
export function cloudWatchLabel(
  d: { periodSeconds: number; dataTime?: number; fetchedAt: number },
  now: number,
): string {
  const period = d.periodSeconds % 60 === 0 ? `${d.periodSeconds / 60} min` : `${d.periodSeconds} s`;
  const age = d.dataTime === undefined ? 'no data in the window' : `data from ${ago(Math.max(0, now - d.dataTime))}`;
  return `CloudWatch · AWS/Kafka · period ${period} · ${age}`;
}

/** A CloudWatch time lag in seconds ("–" when absent). */
export function cloudWatchSeconds(s: number | undefined): string {
  return s === undefined ? '–' : formatDuration(s * 1000);
}

/** CloudWatch's time lag of one partition of a group (per-partition metrics), if published. */
export function cloudWatchPartitionTimeLag(
  g: CloudWatchGroupLag | undefined,
  topic: string,
  partition: number,
): number | undefined {
  return g?.topics.find((t) => t.topic === topic)?.partitions?.find((p) => p.partition === partition)?.timeLagSeconds;
}
