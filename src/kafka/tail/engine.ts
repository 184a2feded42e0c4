/**
 * A tail session reads chosen partitions of one topic from a start position into a bounded buffer.
 * By default it reads with the group-less fetch reader (./fetchReader.ts: no consumer group, nothing
 * to delete, no group permission needed); it pauses as 'reconnecting' while a broker is away and
 * resumes after the last offset shown. With `reader: 'consumer'`: one kafkajs consumer in an
 * ephemeral group (never committing), as below. After any (re)join — a broker restart, a
 * lost connection — every partition is sought to the offset after the last one seen, and offsets
 * already seen are dropped, so the buffer has neither gaps nor duplicates.
 *
 * The session never claims to run while its consumer does not: a kafkajs restart shows as
 * 'reconnecting' until the consumer is back in its group; when the client pool replaces the
 * connection (its settings changed) the tail resumes on the new one by itself and says so
 * (`onNotice`); any other end of the consumer (a crash kafkajs gives up on, the pool closing it, a
 * disconnect) stops the tail with the reason.
 */
import type * as KafkaJs from 'kafkajs';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { loadKafkajs, type KafkaClientPool, type PoolCloseReason } from '../clientPool';
import type { KafkaConnectionSpec } from '../connection';
import { errorMessage } from '../../shared/errors';
import { toKafkaUserError } from '../errors';
import { tailAssigner } from './assigner';
import { TailBuffer } from './buffer';
import { deleteStaleTailGroups, deleteTailGroup, newTailGroupId } from './ephemeralGroup';
import { FetchReader, type FetchedRecord } from './fetchReader';
import { recordsOf } from './kafkajsRecords';
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
  /** Called for non-fatal problems (e.g. a crash kafkajs recovers from). */
  onWarning?: (message: string) => void;
  /** Something the person should know that is not a failure (e.g. the tail resumed on changed connection settings). */
  onNotice?: (message: string) => void;
  /** kafkajs session timeout (ms): how long a crashed session's member lingers in its group. */
  sessionTimeout?: number;
  /** Bytes fetched per partition and request (default 10 MiB; a broker still sends at least one batch). */
  maxBytesPerPartition?: number;
  /**
   * Delete the Empty groups crashed tails left before starting (default true: each tail a person
   * starts). Short internal reads that run on every refresh pass false, to skip the extra requests.
   */
  cleanUpStaleGroups?: boolean;
  /**
   * 'fetch' (default): the group-less reader (./fetchReader.ts: own Fetch requests over the
   * connection's kafkajs sockets, no consumer group); 'consumer': kafkajs in an ephemeral group.
   */
  reader?: 'consumer' | 'fetch';
}

function moduleOf(m: typeof KafkaJs): typeof KafkaJs {
  return m.AssignerProtocol ? m : (m as unknown as { default: typeof KafkaJs }).default;
}

export class TailSession {
  readonly buffer: TailBuffer;
  readonly groupId = newTailGroupId();
  /** Next offset to show, per partition (last seen + 1). */
  private readonly next = new Map<number, bigint>();
  private readonly meter = new RateMeter();
  private consumer: Consumer | undefined;
  /** The group-less reader (option `reader: 'fetch'`) and the unconnected consumer the pool tells when it closes the connection. */
  private fetch: { reader?: FetchReader; watch: Consumer } | undefined;
  /** The connection the consumer uses (the pool may replace it when its settings change). */
  private spec: KafkaConnectionSpec;
  private kafkajs: typeof KafkaJs | undefined;
  private received = 0;
  private stateValue: TailState = 'starting';
  /** Paused by the person (kept across reconnects). */
  private paused = false;
  /** kafkajs reported a crash of the current consumer that it restarts from. */
  private restarting = false;
  private reconnecting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private partitionsValue: number[] = [];

  private constructor(private readonly options: TailSessionOptions) {
    this.buffer = new TailBuffer(Math.max(1, Math.floor(options.bufferSize)));
    this.spec = options.spec;
  }

  /** Starts a tail; resolves once the consumer runs (messages may arrive right after). */
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
    if (this.stateValue !== 'running' || !(this.consumer || this.fetch)) return;
    this.paused = true;
    this.consumer?.pause([{ topic: this.options.topic }]);
    this.fetch?.reader?.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.stateValue !== 'paused' || !(this.consumer || this.fetch)) return;
    this.paused = false;
    this.setState('running');
    this.consumer?.resume([{ topic: this.options.topic }]);
    this.fetch?.reader?.resume();
  }

  /** Stops the consumer and deletes the ephemeral group; the buffer stays readable (clear() frees it). Idempotent. */
  stop(error?: Error): Promise<void> {
    this.stopping ??= this.shutdown(error);
    return this.stopping;
  }

  private async begin(): Promise<void> {
    const { pool, spec, topic } = this.options;
    const kafkajs = moduleOf(await loadKafkajs());
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

    this.kafkajs = kafkajs;
    if ((this.options.reader ?? 'fetch') === 'fetch') await this.runFetch();
    else await this.runConsumer();
    this.setState('running');
  }

  /** Makes, connects and runs a consumer on the current connection (at the start and after a replacement). */
  private async runConsumer(): Promise<void> {
    const { pool, topic } = this.options;
    const spec = this.spec;
    // The pool may close it before `createConsumer` returns it to us (a replacement in between).
    const made: { consumer?: Consumer; closedEarly?: boolean } = {};
    const consumer = await pool.createConsumer(
      spec,
      {
        groupId: this.groupId,
        partitionAssigners: [tailAssigner(this.kafkajs!.AssignerProtocol, topic, this.partitionsValue)],
        sessionTimeout: this.options.sessionTimeout ?? 10_000,
        rebalanceTimeout: 10_000,
        heartbeatInterval: 1000,
        maxWaitTimeInMs: 250,
        maxBytes: 50 * 1024 * 1024,
        maxBytesPerPartition: this.options.maxBytesPerPartition ?? 10 * 1024 * 1024,
        allowAutoTopicCreation: false,
        retry: { retries: 10 },
      },
      (reason) => {
        if (made.consumer) this.onClosedByPool(made.consumer, reason);
        else made.closedEarly = true;
      },
    );
    made.consumer = consumer;
    if (made.closedEarly) throw new Error(`The Kafka clients of ${spec.label} were closed while the tail started.`);
    if (this.stopping) {
      await pool.releaseConsumer(spec.id, consumer);
      return;
    }
    this.consumer = consumer;
    this.restarting = false;
    const own = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      if (this.consumer === own) this.onJoin(e.payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, (e) => {
      if (this.consumer === own) this.onCrash(e.payload.error, e.payload.restart);
    });
    consumer.on(consumer.events.DISCONNECT, () => {
      if (this.consumer === own) this.onDisconnect(own);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (err) {
      throw toKafkaUserError(err, { spec, operation: 'consume', topic });
    }
  }

  /**
   * Starts the group-less reader on the current connection at the next offsets (at the start and
   * after a replacement). An unconnected consumer of the pool stands for it: the pool tells it when
   * the connection's settings change or it is removed.
   */
  private async runFetch(): Promise<void> {
    const { pool, topic } = this.options;
    const spec = this.spec;
    const made: { watch?: Consumer; closedEarly?: boolean } = {};
    const watch = await pool.createConsumer(spec, { groupId: this.groupId }, (reason) => {
      if (made.watch) this.onClosedByPool(made.watch, reason);
      else made.closedEarly = true;
    });
    made.watch = watch;
    if (made.closedEarly) throw new Error(`The Kafka clients of ${spec.label} were closed while the tail started.`);
    this.fetch = { watch };
    this.consumer = undefined;
    try {
      const reader = await FetchReader.start({
        kafka: await pool.getKafka(spec),
        topic,
        // Every partition: the reader also picks up partitions added later.
        partitions: this.options.partitions?.length ? this.partitionsValue : undefined,
        start: { kind: 'offsets', offsets: [...this.next].map(([partition, o]) => ({ partition, offset: String(o) })) },
        maxBytesPerPartition: this.options.maxBytesPerPartition,
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

  /** The pool closes the consumer: resume on the replaced connection, or stop with the reason. */
  private onClosedByPool(consumer: Consumer, reason: PoolCloseReason): void {
    const fetch = this.fetch;
    if (this.stopping || (this.consumer !== consumer && fetch?.watch !== consumer)) return;
    this.consumer = undefined; // its own disconnect events are not ours to handle any more
    this.fetch = undefined;
    void fetch?.reader?.stop();
    if (reason.kind === 'closed') {
      void this.stop(new Error(`The connection to ${this.spec.label} was closed (${reason.message}).`));
      return;
    }
    this.spec = reason.spec;
    this.setState('reconnecting');
    this.reconnecting = (fetch ? this.runFetch() : this.runConsumer()).then(
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

  /**
   * The consumer disconnected, not by our stop nor by the pool: kafkajs does this before a restart
   * (a CRASH event follows right away, in the same turn); without one the consumer is gone for good.
   */
  private onDisconnect(consumer: Consumer): void {
    setImmediate(() => {
      if (this.stopping || this.consumer !== consumer || this.restarting) return;
      void this.stop(new Error(`The tail's consumer was disconnected from ${this.spec.label}.`));
    });
  }

  private onJoin(assignment: Record<string, number[]>): void {
    const consumer = this.consumer;
    if (!consumer) return;
    for (const partition of assignment[this.options.topic] ?? []) {
      const offset = this.next.get(partition);
      if (offset !== undefined) consumer.seek({ topic: this.options.topic, partition, offset: offset.toString() });
    }
    if (this.paused) consumer.pause([{ topic: this.options.topic }]);
    if (this.restarting) {
      // Back in the group after a kafkajs restart.
      this.restarting = false;
      this.setState(this.paused ? 'paused' : 'running');
    }
  }

  private onBatch({ batch }: EachBatchPayload): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const partition = batch.partition;
    const next = this.next.get(partition);
    if (next === undefined) return Promise.resolve(); // not a chosen partition
    const messages = batch.messages;
    if (messages.length === 0) return Promise.resolve();
    this.take(partition, recordsOf(partition, messages, next));
    return Promise.resolve();
  }

  /** Buffers records of one partition (oldest first) that come after the last one shown. */
  private take(partition: number, fetched: FetchedRecord[]): void {
    const next = this.next.get(partition);
    if (next === undefined && !this.fetch) return; // not a chosen partition
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

  private onCrash(error: Error, restart: boolean): void {
    if (this.stopping) return;
    if (restart) {
      this.restarting = true;
      if (this.stateValue === 'running' || this.stateValue === 'paused') this.setState('reconnecting');
      this.options.onWarning?.(`tail of ${this.options.topic} restarting after: ${error.message}`);
      void this.checkTopicStillReadable();
      return;
    }
    void this.stop(toKafkaUserError(error, { spec: this.spec, operation: 'consume', topic: this.topic }));
  }

  /** After a recoverable crash: stop with a clear message if the topic is gone or no longer readable. */
  private async checkTopicStillReadable(): Promise<void> {
    try {
      const admin = await this.options.pool.getAdmin(this.spec);
      const topics = await admin.listTopics();
      if (!topics.includes(this.topic))
        await this.stop(new Error(`Topic ${this.topic} was deleted: the tail stopped.`));
    } catch (err) {
      const e = toKafkaUserError(err, { spec: this.spec, operation: 'describeTopic', topic: this.topic });
      if ((e as { code?: string }).code === 'Authorization') await this.stop(e);
    }
  }

  private async shutdown(error?: Error): Promise<void> {
    const { pool } = this.options;
    await this.reconnecting?.catch(() => undefined);
    const spec = this.spec;
    const consumer = this.consumer;
    this.consumer = undefined;
    const fetch = this.fetch;
    this.fetch = undefined;
    if (fetch) {
      await fetch.reader?.stop();
      await pool.releaseConsumer(spec.id, fetch.watch); // never connected: no group was made
    }
    if (consumer) {
      await pool.releaseConsumer(spec.id, consumer);
      try {
        await deleteTailGroup(await pool.getAdmin(spec), this.groupId);
      } catch (err) {
        this.options.onWarning?.(`could not delete tail group ${this.groupId}: ${String(err)}`);
      }
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
