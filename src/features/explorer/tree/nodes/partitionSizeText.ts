/** The sizes on disk a topic's partition items and the topic item show (DescribeLogDirs; never estimated). */
import type { PartitionRow } from '../../../../services/clusterModel';
import { formatSize, type PartitionSizesRow, type ReplicaSizeRow } from '../../../../services/partitionOps';
import type { PagedList } from '../../../../shared/pagedList';

/** A partition row with the sizes its replicas reported, and why any are missing. */
export interface SizedPartitionRow extends PartitionRow {
  sizes?: ReplicaSizeRow[];
  sizeNote?: string;
}

/** A partition row with its sizes, once they were read (undefined: not yet, or not readable). */
export function withSizes(row: PartitionRow, sizes: PartitionSizesRow | undefined): SizedPartitionRow {
  return sizes ? { ...row, sizes: sizes.partitions?.[row.partition], sizeNote: sizes.note } : row;
}

/** The leader replica's size, when its broker reported it. */
function leaderSize(p: SizedPartitionRow): number | undefined {
  return p.sizes?.find((s) => s.broker === p.leader)?.bytes;
}

/** " · 12.3 KiB" for the description, or '' when the leader's size is unknown. */
export function partitionSizeDescription(p: SizedPartitionRow): string {
  const size = leaderSize(p);
  return size === undefined ? '' : ` · ${formatSize(size)}`;
}

/** Tooltip lines: the leader's size and every replica's, or why they are missing. */
export function partitionSizeTooltip(p: SizedPartitionRow): string[] {
  const lines: string[] = [];
  const size = leaderSize(p);
  if (size !== undefined) lines.push(`Size on disk (leader, broker ${p.leader}): ${formatSize(size)} (${size} bytes)`);
  if (p.sizes && p.sizes.length > 0)
    lines.push(`Replicas: ${p.sizes.map((s) => `broker ${s.broker} ${formatSize(s.bytes)}`).join(', ')}`);
  if (p.sizeNote) lines.push(p.sizeNote);
  return lines;
}

/** The topic's size (sum of leader replicas) when every partition's leader reported one. */
export function topicSize(rows: readonly SizedPartitionRow[]): { leaders: number; allReplicas: number } | undefined {
  if (rows.length === 0) return undefined;
  let leaders = 0;
  let allReplicas = 0;
  for (const r of rows) {
    const size = leaderSize(r);
    if (size === undefined) return undefined;
    leaders += size;
    allReplicas += (r.sizes ?? []).reduce((n, s) => n + s.bytes, 0);
  }
  return { leaders, allReplicas };
}

/** Tooltip line for the topic item once its partitions are loaded. */
export function topicSizeTooltip(rows: readonly SizedPartitionRow[]): string | undefined {
  const total = topicSize(rows);
  if (total)
    return `Size on disk: ${formatSize(total.leaders)} (leader replicas), ${formatSize(total.allReplicas)} with every replica`;
  return rows.find((r) => r.sizeNote)?.sizeNote;
}

/**
 * The topic item's size (description part) and tooltip line, over every loaded partition — not
 * only the window the branch shows — once the partitions are loaded.
 */
export function topicSizeText(
  list: PagedList<PartitionRow>,
  sizes: PartitionSizesRow | undefined,
): { description?: string; tooltip?: string } {
  if (list.status !== 'loaded') return {};
  const rows = list.loadedItems.map((r) => withSizes(r, sizes));
  const size = topicSize(rows);
  return { description: size ? formatSize(size.leaders) : undefined, tooltip: topicSizeTooltip(rows) };
}
