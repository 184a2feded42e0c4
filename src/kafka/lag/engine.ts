/**
 * The lag engine: one refresh reads every group's state and members (one DescribeGroups per
 * coordinator), every group's committed offsets (one OffsetFetch per group, bounded concurrency)
 * and the log-end offsets once per topic (all topics concurrently, bounded) — never a round trip per
 * partition. Each refresh appends a sample per partition to an in-session history; verdicts and
 * time lag come from the pure rules in verdict.ts and timeLag.ts.
 *
 * The rows are the rows of Kafka's own `kafka-consumer-groups --describe` (ConsumerGroupCommand):
 * every partition a live member owns (decoded from the consumer protocol's assignment), committed
 * or not, plus every committed partition nobody owns; partitions of topics that no longer exist
 * are left out, as the tool leaves them out. Groups of another protocol type (Kafka Connect's
 * `connect`) have no partition assignment to decode: they keep their committed rows, if any, and
 * say that they are not consumer groups, as the tool does.
 */
import type { Admin, GroupDescription } from 'kafkajs';
import { loadKafkajs } from '../clientPool';
import { isUnknownTopicError } from '../errors';
import { describeAllGroups } from '../groups';
import { mapLimit } from '../../shared/concurrency';
import { estimateTimeLag, type LogEndPoint } from './timeLag';
import { partitionKey, type GroupLag, type LagSnapshot, type PartitionLag } from './types';
import {
  DEFAULT_VERDICT_CONFIG,
  groupVerdict,
  partitionVerdict,
  sampleLag,
  type LagSample,
  type VerdictConfig,
} from './verdict';

export interface LagEngineOptions {
  /** The connected admin client to use (not disconnected by the engine). */
  admin: () => Promise<Admin>;
  /**
   * Drops the admin client so the next `admin()` makes a fresh one. kafkajs keeps asking for the
   * metadata of every topic it was once asked about, so a topic deleted by someone else makes all
   * its later metadata requests fail: with this set, a refresh failing that way is retried once
   * on a fresh client (give the engine a client of its own, not one shared with other features).
   */
  resetAdmin?: () => Promise<void>;
  verdict?: VerdictConfig;
  /** Samples kept per partition and group for charts (at least the verdict window). */
  historySamples?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  now?: () => number;
}

interface Owner {
  topic: string;
  partition: number;
  memberId: string;
  clientId: string;
  clientHost: string;
}

export class LagEngine {
  private readonly cfg: VerdictConfig;
  private readonly historySamples: number;
  private readonly concurrency: number;
  private readonly now: () => number;
  /** group → topic/partition → samples. */
  private readonly samples = new Map<string, Map<string, LagSample[]>>();
  /** topic/partition → log-end points (shared by all groups, for time lag). */
  private readonly logEnds = new Map<string, LogEndPoint[]>();
  private readonly totals = new Map<string, { time: number; totalLag: number }[]>();
  private last: LagSnapshot | undefined;
  /** Refreshes started so far, and the count when each group was last forgotten. */
  private epoch = 0;
  private readonly forgottenAt = new Map<string, number>();

  constructor(private readonly opts: LagEngineOptions) {
    this.cfg = opts.verdict ?? DEFAULT_VERDICT_CONFIG;
    this.historySamples = Math.max(opts.historySamples ?? 60, this.cfg.windowSamples);
    this.concurrency = opts.concurrency ?? 16;
    this.now = opts.now ?? Date.now;
  }

  /** The last snapshot, if any refresh finished. */
  latest(): LagSnapshot | undefined {
    return this.last;
  }

  /**
   * Reads the offsets once and adds a sample. `groupIds`: only these groups (the others keep their
   * history but are left out of this snapshot); undefined: every group of the cluster.
   */
  async refresh(groupIds?: readonly string[]): Promise<LagSnapshot> {
    try {
      return await this.refreshOnce(groupIds);
    } catch (err) {
      if (!this.opts.resetAdmin || !isUnknownTopicError(err)) throw err;
      await this.opts.resetAdmin();
      return this.refreshOnce(groupIds);
    }
  }

  private async refreshOnce(groupIds?: readonly string[]): Promise<LagSnapshot> {
    const started = this.now();
    const epoch = ++this.epoch;
    const admin = await this.opts.admin();
    let described: GroupDescription[];
    if (!groupIds) described = await describeAllGroups(admin);
    else {
      const ids = [...new Set(groupIds)];
      described = ids.length ? (await admin.describeGroups(ids)).groups : [];
    }
    const live = described.filter((g) => g.state !== 'Dead');
    const owners = await ownersByGroup(live);

    const committed = await mapLimit(live, this.concurrency, async (g) => {
      try {
        return { offsets: await admin.fetchOffsets({ groupId: g.groupId }) };
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    });

    const topics = [
      ...new Set([
        ...committed.flatMap((c) => (c.offsets ?? []).filter((t) => hasCommit(t.partitions)).map((t) => t.topic)),
        ...[...owners.values()].flatMap((byPartition) => [...byPartition.values()].map((o) => o.topic)),
      ]),
    ];
    const ends = new Map<string, { high: number; low: number }>();
    await mapLimit(topics, this.concurrency, async (topic) => {
      try {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          ends.set(partitionKey(topic, p.partition), { high: Number(p.high), low: Number(p.low) });
        }
      } catch {
        // A topic deleted since the commit: its partitions are left out of this sample.
      }
    });
    const time = this.now();
    for (const [k, e] of ends) this.push(this.logEnds, k, { time, logEnd: e.high });

    const groups: GroupLag[] = live.map((g, i) =>
      this.groupLag(
        g,
        owners.get(g.groupId),
        committed[i],
        ends,
        time,
        (this.forgottenAt.get(g.groupId) ?? 0) >= epoch,
      ),
    );
    const seen = new Set(live.map((g) => g.groupId));
    if (!groupIds) {
      for (const id of [...this.samples.keys()]) if (!seen.has(id)) this.drop(id);
    } else {
      for (const id of groupIds) if (!seen.has(id)) this.drop(id);
    }
    const snapshot: LagSnapshot = {
      time,
      durationMs: this.now() - started,
      groups: groups.sort((a, b) => a.groupId.localeCompare(b.groupId)),
    };
    if (!groupIds) this.last = snapshot;
    else {
      const others = (this.last?.groups ?? []).filter((g) => !groupIds.includes(g.groupId));
      this.last = {
        ...snapshot,
        groups: [...others, ...snapshot.groups].sort((a, b) => a.groupId.localeCompare(b.groupId)),
      };
    }
    return snapshot;
  }

  /** Drops the history of a group (after a reset, or when it is gone). */
  forget(groupId: string): void {
    this.drop(groupId);
    // A refresh already running read the offsets from before: it must not record them.
    this.forgottenAt.set(groupId, this.epoch);
  }

  private drop(groupId: string): void {
    this.samples.delete(groupId);
    this.totals.delete(groupId);
    this.forgottenAt.delete(groupId);
  }

  private groupLag(
    g: GroupDescription,
    owners: Map<string, Owner> | undefined,
    fetched: { offsets?: { topic: string; partitions: { partition: number; offset: string }[] }[]; error?: string },
    ends: Map<string, { high: number; low: number }>,
    time: number,
    stale: boolean,
  ): GroupLag {
    // Stale (forgotten while this refresh ran): shown, but not kept in the history.
    let perPartition = stale ? new Map<string, LagSample[]>() : this.samples.get(g.groupId);
    if (!perPartition) this.samples.set(g.groupId, (perPartition = new Map<string, LagSample[]>()));
    // The rows: committed partitions, then owned partitions without a commit.
    const rows = new Map<string, { topic: string; partition: number; committed: number | null }>();
    for (const t of fetched.offsets ?? []) {
      for (const p of t.partitions) {
        const committed = Number(p.offset);
        if (committed >= 0) rows.set(partitionKey(t.topic, p.partition), { ...p, topic: t.topic, committed });
      }
    }
    if (!fetched.error) {
      for (const [k, o] of owners ?? []) {
        if (!rows.has(k)) rows.set(k, { topic: o.topic, partition: o.partition, committed: null });
      }
    }
    const partitions: PartitionLag[] = [];
    for (const [k, row] of rows) {
      const end = ends.get(k);
      if (!end) continue; // the topic is gone (Kafka's tool leaves these out too)
      const owner = owners?.get(k);
      const { committed } = row;
      const sample: LagSample = {
        time,
        committed,
        logEnd: end.high,
        earliest: end.low,
        assigned: owner !== undefined,
      };
      const history = this.push(perPartition, k, sample);
      partitions.push({
        topic: row.topic,
        partition: row.partition,
        committed,
        logEnd: end.high,
        earliest: end.low,
        lag: sampleLag(sample),
        lagFrom: committed === null ? 'earliest' : 'committed',
        ...(committed !== null ? { timeLag: estimateTimeLag(this.logEnds.get(k) ?? [], committed, time) } : {}),
        ...(owner ? { memberId: owner.memberId, clientId: owner.clientId, clientHost: owner.clientHost } : {}),
        verdict: partitionVerdict(history, this.cfg),
        history: history.map(sampleLag),
      });
    }
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    const withCommit = partitions.filter((p) => p.committed !== null);
    const totalLag = withCommit.reduce((n, p) => n + p.lag, 0);
    const maxLag = withCommit.reduce((n, p) => Math.max(n, p.lag), 0);
    const noCommit = partitions.filter((p) => p.committed === null);
    const totals = stale ? [{ time, totalLag }] : this.push(this.totals, g.groupId, { time, totalLag });
    return {
      groupId: g.groupId,
      state: g.state,
      members: g.members.length,
      protocolType: g.protocolType,
      ...(isConsumerProtocol(g.protocolType)
        ? {}
        : { notConsumerGroup: `GroupId ${g.groupId} is not a consumer group (${g.protocolType}).` }),
      totalLag,
      maxLag,
      noCommitPartitions: noCommit.length,
      lagFromEarliest: noCommit.reduce((n, p) => n + p.lag, 0),
      verdict: groupVerdict(
        partitions.map((p) => p.verdict),
        this.cfg,
      ),
      topics: [...new Set(partitions.map((p) => p.topic))],
      partitions,
      history: [...totals],
      ...(fetched.error ? { error: fetched.error } : {}),
    };
  }

  private push<T>(map: Map<string, T[]>, k: string, value: T): T[] {
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(value);
    if (list.length > this.historySamples) list.splice(0, list.length - this.historySamples);
    return list;
  }
}

function hasCommit(partitions: { offset: string }[]): boolean {
  return partitions.some((p) => Number(p.offset) >= 0);
}

/**
 * Consumer groups, as Kafka's admin client tells them apart: protocol type `consumer`, or empty
 * (a group that only holds committed offsets).
 */
function isConsumerProtocol(protocolType: string): boolean {
  return protocolType === 'consumer' || protocolType === '';
}

/** Which member owns each partition, per group (decoded from the consumer protocol's assignment). */
async function ownersByGroup(groups: GroupDescription[]): Promise<Map<string, Map<string, Owner>>> {
  const out = new Map<string, Map<string, Owner>>();
  const consumerGroups = groups.filter((g) => g.protocolType === 'consumer' && g.members.length > 0);
  if (consumerGroups.length === 0) return out;
  const { AssignerProtocol } = await loadKafkajs();
  for (const g of consumerGroups) {
    const owners = new Map<string, Owner>();
    for (const m of g.members) {
      let decoded: { assignment: Record<string, number[]> } | null = null;
      try {
        decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      } catch {
        decoded = null;
      }
      for (const [topic, parts] of Object.entries(decoded?.assignment ?? {})) {
        for (const partition of parts) {
          owners.set(partitionKey(topic, partition), {
            topic,
            partition,
            memberId: m.memberId,
            clientId: m.clientId,
            clientHost: m.clientHost,
          });
        }
      }
    }
    out.set(g.groupId, owners);
  }
  return out;
}
