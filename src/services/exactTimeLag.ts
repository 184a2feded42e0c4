/**
 * Exact time lag for the groups someone looks at in detail: the timestamp of each lagging
 * partition's first unread record (the record at the committed offset), read once per committed
 * offset and cached. The lag engine's estimate stays where no record was read: the record is gone
 * (committed below the earliest offset), nothing arrived in time, or reading failed. No vscode import.
 */
import {
  partitionKey,
  type FirstRecord,
  type GroupLag,
  type PartitionLag,
  type RecordPosition,
} from '../kafka/lag/types';
import { exactTimeLag } from '../kafka/lag/timeLag';

/** Reads the first record at or after each position, keyed by `partitionKey`; warnings for what failed. */
export type FirstRecordReader = (
  positions: RecordPosition[],
  onWarning: (message: string) => void,
) => Promise<Map<string, FirstRecord>>;

interface Known {
  committed: number;
  /** Undefined: nothing was found for this committed offset (not asked again until it moves). */
  record?: FirstRecord;
}

/** Partitions read per pass, the most lagging first (the rest on the next pass). */
const MAX_POSITIONS = 200;
/** After a failed read, the group is not read again for this long. */
const RETRY_AFTER_MS = 60_000;

export class ExactTimeLag {
  private readonly known = new Map<string, Known>();
  private reading: Promise<boolean> | undefined;
  private retryAt = 0;

  constructor(
    private readonly read: FirstRecordReader,
    private readonly log: { warn(m: string): void },
    private readonly now: () => number = Date.now,
  ) {}

  /** The group with exact time lag wherever the first unread record is known for the current commit. */
  apply(group: GroupLag, snapshotTime: number): GroupLag {
    let changed = false;
    const partitions = group.partitions.map((p) => {
      const record = this.recordFor(p);
      if (!record) return p;
      changed = true;
      return { ...p, timeLag: exactTimeLag(record.timestamp, snapshotTime) };
    });
    return changed ? { ...group, partitions } : group;
  }

  /**
   * Reads the first unread records the cache lacks (one pass at a time); resolves true when it
   * learned something to show.
   */
  update(group: GroupLag): Promise<boolean> {
    if (this.reading || this.now() < this.retryAt) return Promise.resolve(false);
    const wanted = group.partitions
      .filter(hasCommit)
      .filter((p) => p.lag > 0 && p.committed >= p.earliest && this.known.get(key(p))?.committed !== p.committed)
      .sort((a, b) => b.lag - a.lag)
      .slice(0, MAX_POSITIONS);
    // Forget partitions the group no longer has.
    const current = new Set(group.partitions.map(key));
    for (const k of this.known.keys()) if (!current.has(k)) this.known.delete(k);
    if (wanted.length === 0) return Promise.resolve(false);
    this.reading = this.readPass(group.groupId, wanted).finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readPass(groupId: string, wanted: CommittedPartition[]): Promise<boolean> {
    const warnings: string[] = [];
    let found: Map<string, FirstRecord>;
    try {
      found = await this.read(
        wanted.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed })),
        (m) => warnings.push(m),
      );
    } catch (err) {
      warnings.push(String(err));
      found = new Map();
    }
    if (warnings.length) {
      this.retryAt = this.now() + RETRY_AFTER_MS;
      this.log.warn(`exact time lag of ${groupId}: ${warnings.join('; ')} (estimates shown instead)`);
    }
    let learned = false;
    for (const p of wanted) {
      const record = found.get(partitionKey(p.topic, p.partition));
      // A failed topic is asked again after the pause; a partition that answered nothing in time is not.
      if (!record && warnings.length) continue;
      this.known.set(key(p), { committed: p.committed, record });
      if (record) learned = true;
    }
    return learned;
  }

  private recordFor(p: PartitionLag): FirstRecord | undefined {
    // Caught up, or the record was deleted meanwhile (retention): the estimate applies.
    if (p.committed === null || p.lag <= 0 || p.committed < p.earliest) return undefined;
    const k = this.known.get(key(p));
    return k && k.committed === p.committed ? k.record : undefined;
  }
}

/** A row with a commit (rows without one have no first unread record to time). */
type CommittedPartition = PartitionLag & { committed: number };
const hasCommit = (p: PartitionLag): p is CommittedPartition => p.committed !== null;

function key(p: { topic: string; partition: number }): string {
  return partitionKey(p.topic, p.partition);
}
