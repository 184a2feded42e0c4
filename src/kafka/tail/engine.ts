/**
 * A tail session reads chosen partitions of one topic from a start position into a bounded buffer,
 * with the group-less fetch reader (./fetchReader.ts: no consumer group, nothing to delete, no group
 * permission needed). Offsets already shown are dropped, so the buffer has neither gaps nor
 * duplicates.
 *
 * The session never claims to run while its reader does not: while a broker is away it shows as
 * 'reconnecting' and resumes after the last offset shown; when the client pool replaces the
 * connection (its settings changed) the tail resumes on the new one by itself and says so
 * (`onNotice`); any other end (the pool closing the connection, an error no retry mends, the topic
 * deleted) stops the tail with the reason. `groupId` only names the session (logs, tests): the tail
 * makes no group, but deletes at its start the groups crashed tails of older versions left.
 */
import type { KafkaClientPool, PoolCloseReason, PoolWatch } from '../clientPool';
import type { KafkaConnectionSpec } from '../connection';
import { errorMessage } from '../../shared/errors';
import { toKafkaUserError } from '../errors';
import { TailBuffer } from './buffer';
import { deleteStaleTailGroups, newTailGroupId } from './ephemeralGroup';
import { FetchReader, type FetchedRecord } from './fetchReader';
import { partitionRanges, resolveStartOffsets } from './positions';
import { RateMeter } from './rate';
import type { TailRecord, TailStartPosition, TailState, TailStats } from './types';

export interface TailSessionOptions {
  pool: KafkaClientPool;
  spec: KafkaConnectionSpec;
  topic: string;
  start: TailStartPosition;
  /** Undefined or empty: every partition. */
  partitions?: number[];
  bufferSize: number;
  /** Records were added to the buffer (those just added, oldest first). */
  onRecords?: (records: readonly TailRecord[]) => void;
  /** Sees records just before they are buffered (and filtered): schema decoding looks at their headers here. */
  beforeBuffer?: (records: readonly Omit<TailRecord, 'seq'>[]) => void;
  /** The state changed; `error` is set when the tail stopped because of a failure. */
  onState?: (state: TailState, error?: Error) => void;
  /** Called for non-fatal problems (e.g. the reader reconnecting after a lost connection). */
  onWarning?: (message: string) => void;
  /** Something the person should know that is not a failure (e.g. the tail resumed on changed connection settings). */
  onNotice?: (message: string) => void;
  /** Bytes fetched per partition and request (default 10 MiB; a broker still sends at least one batch). */
  maxBytesPerPartition?: number;
  /**
   * Delete the Empty groups crashed tails left before starting (default true: each tail a person
   * starts). Short internal reads that run on every refresh pass false, to skip the extra requests.
   */
  cleanUpStaleGroups?: boolean;
}

export class TailSession {
  readonly buffer: TailBuffer;
  readonly groupId = newTailGroupId();
  /** Next offset to show, per partition (last seen + 1). */
  private readonly next = new Map<number, bigint>();
  private readonly meter = new RateMeter();
  /** The group-less reader and the pool's watch that tells when the connection is replaced or closed. */
  private fetch: { reader?: FetchReader; watch: PoolWatch } | undefined;
  /** The connection the reader uses (the pool may replace it when its settings change). */
  private spec: KafkaConnectionSpec;
  private received = 0;
  private stateValue: TailState = 'starting';
  /** Paused by the person (kept across reconnects). */
  private paused = false;
  private reconnecting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private partitionsValue: number[] = [];

  private constructor(private readonly options: TailSessionOptions) {
    this.buffer = new TailBuffer(Math.max(1, Math.floor(options.bufferSize)));
    this.spec = options.spec;
  }

  /** Starts a tail; resolves once the reader runs (messages may arrive right after). */
  static async start(options: TailSessionOptions): Promise<TailSession> {
    const session = new TailSession(options);
    try {
      await session.begin();
    } catch (err) {
      await session.stop();
      throw err;
    }
    return session;
  }

  get state(): TailState {
    return this.stateValue;
  }

  get topic(): string {
    return this.options.topic;
  }

  get partitions(): number[] {
    return [...this.partitionsValue];
  }

  stats(): TailStats {
    return {
      state: this.stateValue,
      received: this.received,
      rate: this.meter.rate(),
      buffered: this.buffer.size,
      capacity: this.buffer.capacity,
      matching: this.buffer.viewSize,
    };
  }

  pause(): void {
    if (this.stateValue !== 'running' || !this.fetch) return;
    this.paused = true;
    this.fetch?.reader?.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.stateValue !== 'paused' || !this.fetch) return;
    this.paused = false;
    this.setState('running');
    this.fetch?.reader?.resume();
  }

  /** Stops the reader; the buffer stays readable (clear() frees it). Idempotent. */
  stop(error?: Error): Promise<void> {
    this.stopping ??= this.shutdown(error);
    return this.stopping;
  }

  private async begin(): Promise<void> {
    const { pool, spec, topic } = this.options;
    const admin = await pool.getAdmin(spec);
    if (this.options.cleanUpStaleGroups ?? true)
      await deleteStaleTailGroups(admin).catch((err: unknown) =>
        this.options.onWarning?.(`could not clean up old tail groups: ${String(err)}`),
      );
    let ranges;
    try {
      ranges = await partitionRanges(admin, topic);
    } catch (err) {
      throw toKafkaUserError(err, { spec, operation: 'describeTopic', topic });
    }
    const all = ranges.map((r) => r.partition);
    const chosen = this.options.partitions?.length ? this.options.partitions : all;
    const unknown = chosen.filter((p) => !all.includes(p));
    if (unknown.length) throw new Error(`Topic ${topic} has no partition ${unknown.join(', ')}`);
    this.partitionsValue = [...chosen].sort((a, b) => a - b);
    const starts = await resolveStartOffsets(
      admin,
      topic,
      ranges.filter((r) => chosen.includes(r.partition)),
      this.options.start,
    );
    for (const [p, o] of starts) this.next.set(p, o);

    await this.runFetch();
    this.setState('running');
  }

  /**
   * Starts the group-less reader on the current connection at the next offsets (at the start and
   * after a replacement). The pool's watch tells it when the connection's settings change or it is
   * removed.
   */
  private async runFetch(): Promise<void> {
    const { pool, topic } = this.options;
    const spec = this.spec;
    const watch: PoolWatch = pool.watch(spec, (reason) => this.onClosedByPool(watch, reason));
    this.fetch = { watch };
    try {
      const reader = await FetchReader.start({
        kafka: await pool.getKafka(spec),
        topic,
        // Every partition: the reader also picks up partitions added later.
        partitions: this.options.partitions?.length ? this.partitionsValue : undefined,
        start: { kind: 'offsets', offsets: [...this.next].map(([partition, o]) => ({ partition, offset: String(o) })) },
        maxBytesPerPartition: this.options.maxBytesPerPartition,
        isolationLevel: 1, // read_committed, as the kafkajs consumer the tail used before
        onRecords: (partition, records) => {
          if (this.fetch?.reader === reader) this.take(partition, records);
        },
        onState: (state, reason) => {
          if (this.fetch?.reader !== reader || this.stopping) return;
          if (state === 'reconnecting') {
            if (this.stateValue === 'running' || this.stateValue === 'paused') this.setState('reconnecting');
            this.options.onWarning?.(`tail of ${topic} reconnecting after: ${reason?.message ?? 'a lost connection'}`);
          } else if (this.stateValue === 'reconnecting') this.setState(this.paused ? 'paused' : 'running');
        },
        onFatal: (error) => {
          if (this.fetch?.reader !== reader) return;
          void this.stop(
            /was deleted/.test(error.message) ? error : toKafkaUserError(error, { spec, operation: 'consume', topic }),
          );
        },
      });
      if (this.stopping || this.fetch?.watch !== watch) {
        await reader.stop();
        return;
      }
      this.fetch.reader = reader;
      if (this.paused) reader.pause();
    } catch (err) {
      throw toKafkaUserError(err, { spec, operation: 'consume', topic });
    }
  }

  /** The pool replaced or closed the connection: resume on the replaced one, or stop with the reason. */
  private onClosedByPool(watch: PoolWatch, reason: PoolCloseReason): void {
    const fetch = this.fetch;
    if (this.stopping || fetch?.watch !== watch) return;
    this.fetch = undefined;
    void fetch?.reader?.stop();
    if (reason.kind === 'closed') {
      void this.stop(new Error(`The connection to ${this.spec.label} was closed (${reason.message}).`));
      return;
    }
    this.spec = reason.spec;
    this.setState('reconnecting');
    this.reconnecting = this.runFetch().then(
      () => {
        this.reconnecting = undefined;
        if (this.stopping) return;
        if (this.stateValue === 'reconnecting') this.setState(this.paused ? 'paused' : 'running');
        this.options.onNotice?.(
          `The connection settings of ${this.spec.label} changed: the tail of ${this.topic} resumed on the new settings, after the last message it showed.`,
        );
      },
      (err: unknown) => {
        this.reconnecting = undefined;
        void this.stop(
          new Error(
            `The connection settings of ${this.spec.label} changed and the tail could not resume: ${errorMessage(err)}`,
            {
              cause: err,
            },
          ),
        );
      },
    );
  }

  /** Buffers records of one partition (oldest first) that come after the last one shown. */
  private take(partition: number, fetched: FetchedRecord[]): void {
    const next = this.next.get(partition);
    // A partition added to the topic after the start (the reader reads every partition unless some were chosen).
    if (next === undefined) this.partitionsValue = [...this.partitionsValue, partition].sort((a, b) => a - b);
    const records =
      next !== undefined && fetched.length && BigInt(fetched[0].offset) < next
        ? fetched.filter((r) => BigInt(r.offset) >= next)
        : fetched;
    if (records.length) {
      this.next.set(partition, BigInt(records[records.length - 1].offset) + 1n);
      this.received += records.length;
      this.meter.add(records.length);
      this.options.beforeBuffer?.(records);
      this.buffer.push(records);
      this.options.onRecords?.(records as TailRecord[]);
    }
  }

  private async shutdown(error?: Error): Promise<void> {
    await this.reconnecting?.catch(() => undefined);
    const fetch = this.fetch;
    this.fetch = undefined;
    if (fetch) {
      await fetch.reader?.stop();
      fetch.watch.release();
    }
    this.setState(error ? 'failed' : 'stopped', error);
  }

  private setState(state: TailState, error?: Error): void {
    if (this.stateValue === state) return;
    if ((this.stateValue === 'stopped' || this.stateValue === 'failed') && !error) return;
    this.stateValue = state;
    this.options.onState?.(state, error);
  }
}
