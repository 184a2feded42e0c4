/**
 * Checks a tail's start position against the topic's partitions and offsets before it starts:
 * a partition the topic does not have is refused (naming the partitions it has), and an offset
 * outside a partition's range is explained (where the tail will start instead).
 */
import type { PartitionRange } from './positions';
import type { TailStartPosition } from './types';

export interface StartCheck {
  /** The start cannot work: nothing is started. */
  error?: string;
  /** What will happen that the person may not expect (an offset past the end, before the start). */
  notes: string[];
}

/** "0–2", "0, 2, 5", "0": a short list of partition numbers. */
export function describePartitions(partitions: readonly number[]): string {
  const sorted = [...partitions].sort((a, b) => a - b);
  if (!sorted.length) return 'none';
  const contiguous = sorted.every((p, i) => i === 0 || p === sorted[i - 1] + 1);
  if (contiguous && sorted.length > 2) return `${sorted[0]}–${sorted.at(-1)}`;
  return sorted.join(', ');
}

export function checkStartPosition(
  topic: string,
  start: TailStartPosition,
  ranges: readonly PartitionRange[],
  chosen?: readonly number[],
): StartCheck {
  const existing = new Map(ranges.map((r) => [r.partition, r]));
  const has = `${topic} has ${ranges.length === 1 ? 'partition' : 'partitions'} ${describePartitions([...existing.keys()])}`;
  const missingChosen = (chosen ?? []).filter((p) => !existing.has(p));
  if (missingChosen.length)
    return {
      error: `${plural('Partition', missingChosen)} ${describePartitions(missingChosen)} ${missingChosen.length === 1 ? 'does' : 'do'} not exist: ${has}.`,
      notes: [],
    };
  const notes: string[] = [];
  if (start.kind === 'offsets') {
    const missing = start.offsets.map((o) => o.partition).filter((p) => !existing.has(p));
    if (missing.length)
      return {
        error: `${plural('Partition', missing)} ${describePartitions(missing)} ${missing.length === 1 ? 'does' : 'do'} not exist: ${has}. Give offsets as partition:offset for those partitions.`,
        notes: [],
      };
    const tailed = new Set(chosen?.length ? chosen : existing.keys());
    const outside = start.offsets.filter((o) => !tailed.has(o.partition));
    if (outside.length)
      notes.push(
        `${plural(
          'Partition',
          outside.map((o) => o.partition),
        )} ${describePartitions(outside.map((o) => o.partition))} ${outside.length === 1 ? 'is' : 'are'} not tailed: ${outside.length === 1 ? 'its offset is' : 'their offsets are'} ignored.`,
      );
    for (const o of start.offsets) {
      const r = existing.get(o.partition)!;
      const offset = BigInt(o.offset);
      if (offset > r.high)
        notes.push(
          `Partition ${o.partition}: offset ${o.offset} is past the end (the next message gets offset ${r.high}): the tail starts at ${r.high} and shows only new messages.`,
        );
      else if (offset < r.low)
        notes.push(
          `Partition ${o.partition}: offset ${o.offset} is no longer kept (the oldest is ${r.low}): the tail starts at ${r.low}.`,
        );
    }
    const given = new Set(start.offsets.map((o) => o.partition));
    const unset = [...tailed].filter((p) => !given.has(p));
    if (unset.length)
      notes.push(
        `${plural('Partition', unset)} ${describePartitions(unset)} without an offset start${unset.length === 1 ? 's' : ''} from the newest message.`,
      );
  }
  return { notes };
}

function plural(word: string, items: readonly unknown[]): string {
  return items.length === 1 ? word : `${word}s`;
}
