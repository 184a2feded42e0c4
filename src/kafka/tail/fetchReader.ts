/**
 * A group-less reader for a tail: Fetch v11 requests hand-encoded and sent over kafkajs' own
 * authenticated connections (../protocol/rawRequest.ts), one fetch loop per leader broker, records
 * walked straight from the response bytes (../protocol/recordBatchReader.ts). No consumer group is
 * made, so nothing is left on the cluster and no group permission is needed.
 *
 * - Start: ListOffsets v5 (earliest, latest, by timestamp) resolves the tail's start position.
 * - Each loop sends its next Fetch before handing the records of the last one over (the offsets
 *   come from the batch headers), so the broker works while the records are walked.
 * - NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION and the like: the metadata is refreshed and
 *   the partition moves to its new leader's loop. OFFSET_OUT_OF_RANGE: the partition restarts at
 *   the log start when it fell behind it, else at the log end (a truncated log).
 * - A lost connection (a broker restart): 'reconnecting' until a fetch answers again, with backoff.
 * - Reading every partition (none chosen), partitions added to the topic later are read from their start.
 */
import type { Kafka } from 'kafkajs';
import {
  EARLIEST_TIMESTAMP,
  fetchRequest,
  LATEST_TIMESTAMP,
  type FetchPartitionResponse,
  type IsolationLevel,
} from '../protocol/fetchRequest';
import { protocolError } from '../protocol/kafkaErrors';
import { listOffsets, resolveStarts } from './fetchStart';
import { openRawCluster, type RawCluster } from '../protocol/rawRequest';
import { loadDecompressors, walkRecordBatches, type Decompressors } from '../protocol/recordBatchReader';
import type { TailRecord, TailStartPosition } from './types';

export type FetchedRecord = Omit<TailRecord, 'seq'>;

export interface FetchReaderOptions {
  kafka: Kafka;
  topic: string;
  /** Undefined or empty: every partition, and those added later. */
  partitions?: readonly number[];
  start: TailStartPosition;
  /** Bytes per partition and fetch (default 4 MiB; a larger batch still comes whole). */
  maxBytesPerPartition?: number;
  maxWaitMs?: number;
  isolationLevel?: IsolationLevel;
  /** Records of one partition, oldest first, never seen before. */
  onRecords(partition: number, records: FetchedRecord[]): void;
  /** Reading stopped for a while ('reconnecting', with the reason) or goes on again ('running'). */
  onState?(state: 'running' | 'reconnecting', reason?: Error): void;
  onWarning?(message: string): void;
  /** Reading cannot go on (the topic was deleted, permission lost, an unknown error). */
  onFatal(error: Error): void;
  /** How often to look for partitions added to the topic (ms, default 30 s; only reading every partition). */
  newPartitionsEveryMs?: number;
}

/** Error codes after which the partition's leader is looked up again. */
const REFRESH_CODES = new Set([3, 5, 6, 9, 56, 74, 75]);
const OFFSET_OUT_OF_RANGE = 1;
const MAX_BACKOFF_MS = 5000;

interface PartitionState {
  partition: number;
  next: bigint;
  leader: number;
  maxBytes: number;
}

interface Walk {
  p: PartitionState;
  from: bigint;
  r: FetchPartitionResponse;
}

export class FetchReader {
  private cluster: RawCluster | undefined;
  private decompressors: Decompressors = {};
  private readonly parts = new Map<number, PartitionState>();
  /** Running loop per broker node. */
  private readonly loops = new Map<number, Promise<void>>();
  private stopped = false;
  private paused = false;
  private resumeWaiters: (() => void)[] = [];
  /** Fetched while paused: handed over on resume, before anything fetched later. */
  private held: Walk[] = [];
  private reconnecting = false;
  private refreshing: Promise<void> | undefined;
  private partitionTimer: NodeJS.Timeout | undefined;
  /** Settles when stop() is called: an in-flight fetch (up to max wait) is not waited for. */
  private stopSignal!: () => void;
  private readonly stopped$ = new Promise<undefined>((r) => (this.stopSignal = () => r(undefined)));

  private constructor(private readonly options: FetchReaderOptions) {}

  /** Connects, resolves the start offsets and starts reading. */
  static async start(options: FetchReaderOptions): Promise<FetchReader> {
    const reader = new FetchReader(options);
    try {
      await reader.begin();
    } catch (err) {
      await reader.stop();
      throw err;
    }
    return reader;
  }

  /** The chosen partitions (those added later included). */
  get partitions(): number[] {
    return [...this.parts.keys()].sort((a, b) => a - b);
  }

  /** Next offset per partition. */
  positions(): Map<number, bigint> {
    return new Map([...this.parts.values()].map((p) => [p.partition, p.next]));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.deliver(this.held.splice(0));
    for (const w of this.resumeWaiters.splice(0)) w();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopSignal();
    clearInterval(this.partitionTimer);
    this.resume();
    // Disconnecting first fails whatever is in flight (a fetch, a metadata refresh retrying while a
    // broker is away): the loops then end at once.
    const cluster = this.cluster;
    this.cluster = undefined;
    await cluster?.disconnect().catch(() => undefined);
    await Promise.allSettled([...this.loops.values()]);
  }

  /** Waits `ms`, or less when the reader stops. */
  private sleep(ms: number): Promise<void> {
    return Promise.race([new Promise<void>((r) => setTimeout(r, ms)), this.stopped$.then(() => undefined)]);
  }

  private async begin(): Promise<void> {
    const { topic } = this.options;
    this.decompressors = await loadDecompressors();
    this.cluster = await openRawCluster(this.options.kafka);
    await this.cluster.refreshTopics([topic]);
    const meta = this.cluster.partitions(topic);
    if (!meta.length) throw new Error(`Topic ${topic} does not exist`);
    const all = meta.map((m) => m.partitionId);
    const chosen = this.options.partitions?.length ? [...this.options.partitions] : all;
    const unknown = chosen.filter((p) => !all.includes(p));
    if (unknown.length) throw new Error(`Topic ${topic} has no partition ${unknown.join(', ')}`);
    const starts = await resolveStarts(this.cluster, this.options.topic, chosen, this.options.start, this.isolation());
    for (const m of meta)
      if (chosen.includes(m.partitionId))
        this.parts.set(m.partitionId, {
          partition: m.partitionId,
          next: starts.get(m.partitionId)!,
          leader: m.leader,
          maxBytes: this.maxBytes(),
        });
    this.startLoops();
    // Leaders are looked up again now and then: partitions without a leader get one, and (reading
    // every partition) partitions added to the topic are read too.
    this.partitionTimer = setInterval(() => void this.findNewPartitions(), this.options.newPartitionsEveryMs ?? 30_000);
    this.partitionTimer.unref?.();
  }

  private isolation(): IsolationLevel {
    return this.options.isolationLevel ?? 0;
  }

  private maxBytes(): number {
    return this.options.maxBytesPerPartition ?? 4 * 1024 * 1024;
  }

  private startLoops(): void {
    if (this.stopped) return;
    for (const p of this.parts.values()) {
      if (p.leader < 0 || this.loops.has(p.leader)) continue;
      const node = p.leader;
      this.loops.set(
        node,
        this.loop(node)
          .catch((err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))))
          .finally(() => {
            this.loops.delete(node);
            this.startLoops(); // partitions that moved here meanwhile
          }),
      );
    }
  }

  private fail(error: Error): void {
    if (this.stopped) return;
    void this.stop();
    this.options.onFatal(error);
  }

  /** Fetches the partitions led by `node` until none is left there or the reader stops. */
  private async loop(node: number): Promise<void> {
    const { topic } = this.options;
    let backoff = 250;
    let pending: { sent: Map<number, bigint>; answer: Promise<FetchPartitionResponse[]> } | undefined;
    while (!this.stopped) {
      if (this.paused && !pending) {
        await new Promise<void>((r) => this.resumeWaiters.push(r));
        continue;
      }
      pending ??= this.send(node);
      if (!pending) return; // no partition led by this node any more
      let answer: FetchPartitionResponse[] | undefined;
      try {
        answer = await Promise.race([pending.answer, this.stopped$]);
        if (!answer) return; // stopped
      } catch (err) {
        pending = undefined;
        if (this.stopped) return;
        await this.lostConnection(err, backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        if (this.moved(node)) return;
        continue;
      }
      const sent = pending.sent;
      pending = undefined;
      if (this.reconnecting) {
        this.reconnecting = false;
        this.options.onState?.('running');
      }
      // Positions first (from the batch headers), then the next request, then the records.
      let refresh = false;
      const walks: Walk[] = [];
      for (const r of answer) {
        const p = this.parts.get(r.partition);
        const from = sent.get(r.partition);
        if (!p || from === undefined || p.next !== from) continue; // moved or reset meanwhile
        if (r.errorCode === OFFSET_OUT_OF_RANGE) {
          p.next = await this.resetOffset(p.partition, from).catch(() => from); // retried on the next fetch
          continue;
        }
        if (REFRESH_CODES.has(r.errorCode)) {
          refresh = true;
          continue;
        }
        if (r.errorCode !== 0) throw protocolError(r.errorCode, `Reading ${topic} partition ${r.partition}`);
        backoff = 250;
        const next = nextOffsetOf(r.records);
        if (next !== undefined) {
          if (next > p.next) p.next = next;
          p.maxBytes = this.maxBytes();
        } else if (r.records.length > 0) {
          p.maxBytes = Math.min(p.maxBytes * 2, 64 * 1024 * 1024); // one batch larger than the limit
        }
        if (r.records.length) walks.push({ p, from, r });
      }
      if (refresh) {
        await this.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        await this.refreshLeaders();
        if (this.moved(node)) {
          this.deliver(walks);
          return;
        }
      } else if (!this.paused && !this.stopped) pending = this.send(node);
      this.deliver(walks);
    }
  }

  /** Hands the records of fetched partitions to the tail. */
  private deliver(walks: Walk[]): void {
    if (this.paused) {
      this.held.push(...walks);
      return;
    }
    for (const { p, from, r } of walks) {
      if (this.stopped) return;
      const partition = p.partition;
      const out: FetchedRecord[] = [];
      walkRecordBatches(
        r.records,
        {
          fromOffset: from,
          decompressors: this.decompressors,
          abortedTransactions: this.options.isolationLevel === 1 ? r.abortedTransactions : undefined,
        },
        (offset, timestamp, key, value, headers, size) =>
          out.push({ partition, offset: String(offset), timestamp, key, value, headers, size }),
      );
      if (out.length) this.options.onRecords(partition, out);
    }
  }

  /** The next Fetch to `node` for the partitions it leads, or undefined when it leads none. */
  private send(node: number): { sent: Map<number, bigint>; answer: Promise<FetchPartitionResponse[]> } | undefined {
    const mine = [...this.parts.values()].filter((p) => p.leader === node);
    if (!mine.length || !this.cluster) return undefined;
    const sent = new Map(mine.map((p) => [p.partition, p.next]));
    const maxWaitMs = this.options.maxWaitMs ?? 250;
    const request = fetchRequest(
      {
        topic: this.options.topic,
        partitions: mine.map((p) => ({ partition: p.partition, offset: p.next, maxBytes: p.maxBytes })),
        maxWaitMs,
        maxBytes: Math.min(
          256 * 1024 * 1024,
          mine.reduce((n, p) => n + p.maxBytes, 0),
        ),
        isolationLevel: this.options.isolationLevel ?? 0,
      },
      maxWaitMs + 30_000,
    );
    const answer = this.cluster.send(node, request).then((r) => {
      if (r.errorCode !== 0) throw protocolError(r.errorCode, `Reading ${this.options.topic}`);
      return r.topics.find((t) => t.topic === this.options.topic)?.partitions ?? [];
    });
    answer.catch(() => undefined); // awaited by the loop (or dropped when it stops)
    return { sent, answer };
  }

  /** True when `node` leads none of the partitions any more (another loop reads them). */
  private moved(node: number): boolean {
    const still = [...this.parts.values()].some((p) => p.leader === node);
    if (!still) this.startLoops();
    return !still;
  }

  private async lostConnection(err: unknown, backoff: number): Promise<void> {
    // Errors that no retry mends end the reader: kafkajs marks them not retriable (a lost permission,
    // a refused sign-in after a policy change), and a response that cannot be decoded.
    if ((err as { retriable?: boolean }).retriable === false || err instanceof RangeError) throw err;
    if (!this.reconnecting) {
      this.reconnecting = true;
      this.options.onState?.('reconnecting', err instanceof Error ? err : new Error(String(err)));
    }
    await this.sleep(backoff);
    await this.refreshLeaders().catch(() => undefined); // the broker may still be down: retried next round
  }

  /** Looks up the leaders again (one refresh at a time); a deleted topic ends the reader. */
  private refreshLeaders(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const cluster = this.cluster;
        if (!cluster) return;
        await cluster.refreshTopics([this.options.topic]);
        const meta = cluster.partitions(this.options.topic);
        if (!meta.length) throw new Error(`Topic ${this.options.topic} was deleted: the tail stopped.`);
        for (const m of meta) {
          const p = this.parts.get(m.partitionId);
          if (p) p.leader = m.leader;
        }
        // A partition that moved to a broker no loop reads yet (a rolling restart hands leadership
        // back), or that has a leader again: start that broker's loop.
        this.startLoops();
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** OFFSET_OUT_OF_RANGE: the log start when the offset fell behind it, else the log end. */
  private async resetOffset(partition: number, from: bigint): Promise<bigint> {
    const [low, high] = await Promise.all([
      listOffsets(this.cluster!, this.options.topic, [partition], EARLIEST_TIMESTAMP, this.isolation()),
      listOffsets(this.cluster!, this.options.topic, [partition], LATEST_TIMESTAMP, this.isolation()),
    ]);
    const to = from < low.get(partition)! ? low.get(partition)! : high.get(partition)!;
    this.options.onWarning?.(
      `${this.options.topic} partition ${partition}: offset ${from} is no longer in the log; the tail goes on at ${to}.`,
    );
    return to;
  }

  private async findNewPartitions(): Promise<void> {
    if (this.stopped || !this.cluster) return;
    try {
      await this.refreshLeaders();
      if (this.options.partitions?.length || !this.cluster) return; // the chosen partitions only
      const added = this.cluster.partitions(this.options.topic).filter((m) => !this.parts.has(m.partitionId));
      if (!added.length) return;
      const starts = await listOffsets(
        this.cluster,
        this.options.topic,
        added.map((m) => m.partitionId),
        EARLIEST_TIMESTAMP,
        this.isolation(),
      );
      for (const m of added)
        this.parts.set(m.partitionId, {
          partition: m.partitionId,
          next: starts.get(m.partitionId) ?? 0n,
          leader: m.leader,
          maxBytes: this.maxBytes(),
        });
      this.startLoops();
    } catch (err) {
      if (err instanceof Error && /was deleted/.test(err.message)) this.fail(err);
    }
  }
}

/** The offset after the last whole batch in `records` (from batch headers only), or undefined. */
export function nextOffsetOf(records: Buffer): bigint | undefined {
  let at = 0;
  let next: bigint | undefined;
  while (at + 12 <= records.length) {
    const end = at + 12 + records.readInt32BE(at + 8);
    if (end > records.length || end < at + 61) break;
    next = records.readBigInt64BE(at) + BigInt(records.readInt32BE(at + 23)) + 1n;
    at = end;
  }
  return next;
}
