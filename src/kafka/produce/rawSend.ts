/**
 * The bulk produce path under our own record-batch encoder: each partition's messages of a chunk
 * become one RecordBatch (../protocol/recordBatch.ts), grouped into one Produce request per leader
 * broker, sent over kafkajs' own authenticated connection (../protocol/rawRequest.ts).
 *
 * - Idempotent: a producer id from InitProducerId, sequences per partition assigned when a batch is
 *   encoded (chunks are encoded in the order they are sent). Kafka keeps the order per partition:
 *   a batch arriving before its predecessor is refused (OUT_OF_ORDER_SEQUENCE_NUMBER) and re-sent.
 * - Retriable errors (leader moved, not enough replicas, timeouts, lost connections): metadata is
 *   refreshed, the same batch bytes (same sequence: the broker drops duplicates) go to the current
 *   leader, up to RETRIES times with a growing pause.
 * - A batch the broker refuses for good fails only its own messages. When it names the records it
 *   refused (INVALID_RECORD with record errors, e.g. a keyless record on a compacted topic), those
 *   fail and the rest of the batch is sent again without them.
 * - With idempotence a batch refused for good leaves a gap in its partition's sequence: once every
 *   request in flight has answered, a new producer id is taken, and the batches refused meanwhile as
 *   out of order are re-stamped with it and sent again one at a time, in their order (Kafka 4 accepts
 *   a new producer id's first batch at any sequence); new chunks wait until then. A batch refused for
 *   good during that re-send (or refused records) takes another producer id for the batches after it.
 * - When no new producer id can be had, the rest goes without idempotence (`idempotenceLost` says why).
 */
import type { Message } from 'kafkajs';
import type { Compressor } from '../protocol/compression';
import { kafkaError } from '../protocol/kafkaErrors';
import {
  initProducerIdRequest,
  produceRequest,
  type ProducePartitionResponse,
  type ProducerIdentity,
  type RecordError,
} from '../protocol/produceRequest';
import type { RawCluster } from '../protocol/rawRequest';
import { encodeRecordBatch, stamp } from '../protocol/recordBatch';

const RETRIES = 5;
const OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
const INVALID_RECORD = 87;

export interface RawPart {
  messages: Message[];
}

/** A message of a part (by its position in the part) that did not land. */
export interface FailedMessage {
  position: number;
  error: unknown;
  /** Not refused itself: dropped with the batch it shared with this (refused) position. */
  batchMate?: number;
}

/**
 * A part's outcome: the messages not in `failed` landed, in order, at consecutive offsets from
 * `baseOffset`.
 */
export interface PartOutcome {
  baseOffset?: bigint;
  failed: FailedMessage[];
}

export interface RawSendOptions {
  topic: string;
  acks: -1 | 1;
  timeoutMs: number;
  compressor: Compressor;
}

/** One partition's batch on its way: the bytes, and the sequence they carry (idempotent). */
interface Pending {
  partition: number;
  batch: Buffer;
  count: number;
  /** The messages in the batch, and their positions in the part. */
  messages: Message[];
  positions: number[];
  /** Messages refused by name and left out of the batch. */
  failed: FailedMessage[];
  identity?: ProducerIdentity;
  sequence: number;
  attempt: number;
  /** The session's encoding order: a renewal re-sends its batches in it. */
  order: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends one topic's chunks; `identity` undefined: not idempotent. One per produce call. */
export class RawProduceSession {
  private readonly sequences = new Map<number, number>();
  /** Network requests awaiting their answer, and who waits for none to be left. */
  private inFlight = 0;
  private drainWaiters: (() => void)[] = [];
  /** A new producer id being taken (after a batch was refused for good), and the batches to re-stamp. */
  private renewal: Promise<void> | undefined;
  private toRestamp: { p: Pending; outcomes: Map<number, PartOutcome> }[] = [];
  /** The renewal waits for the requests in flight: batches refused out of order meanwhile are handed to it. */
  private draining = false;
  /** A batch of the renewal's own producer id failed for good: the renewal takes another one. */
  private renewAgain = false;
  private encoded = 0;
  /** Why the session went on without idempotence after a batch failed (InitProducerId's error). */
  idempotenceLost: unknown;

  private constructor(
    private readonly raw: RawCluster,
    private readonly options: RawSendOptions,
    private identity: ProducerIdentity | undefined,
  ) {}

  /**
   * Loads the topic's leaders; with `idempotent`, takes a producer id (rejects with the broker's
   * error, e.g. CLUSTER_AUTHORIZATION_FAILED, when the cluster refuses idempotent writes).
   */
  static async open(raw: RawCluster, options: RawSendOptions, idempotent: boolean): Promise<RawProduceSession> {
    await raw.refreshTopics([options.topic]);
    const identity = idempotent ? await RawProduceSession.initProducerId(raw) : undefined;
    return new RawProduceSession(raw, options, identity);
  }

  get idempotent(): boolean {
    return this.identity !== undefined;
  }

  /**
   * A producer id from any broker, retried while the broker is not ready to give one (a new cluster
   * still loading its coordinator or fetching a block of ids: COORDINATOR_LOAD_IN_PROGRESS, …).
   */
  private static async initProducerId(raw: RawCluster): Promise<ProducerIdentity> {
    for (let attempt = 0; ; attempt++) {
      const brokers = raw.brokers();
      if (brokers.length === 0) throw new Error('The cluster metadata lists no brokers.');
      const broker = brokers[Math.floor(Math.random() * brokers.length)];
      try {
        return await raw.send(broker.nodeId, initProducerIdRequest());
      } catch (err) {
        if ((err as { retriable?: unknown }).retriable !== true || attempt >= RETRIES) throw err;
        await sleep(Math.min(1_000, 100 * 2 ** attempt));
      }
    }
  }

  /**
   * Encodes and sends one chunk (a batch per partition); resolves with every partition's outcome.
   * Call in the order the chunks are meant to land: encoding (and the sequences) happen at the call.
   */
  async send(parts: ReadonlyMap<number, RawPart>): Promise<Map<number, PartOutcome>> {
    if (this.renewal) await this.renewal;
    const outcomes = new Map<number, PartOutcome>();
    let pending: Pending[] = [];
    for (const [partition, part] of parts) {
      const count = part.messages.length;
      const identity = this.identity;
      const sequence = identity ? this.nextSequence(partition, count) : -1;
      try {
        const batch = this.encode(part.messages, identity, sequence);
        const positions = part.messages.map((_, k) => k);
        pending.push({
          partition,
          batch,
          count,
          messages: part.messages,
          positions,
          failed: [],
          identity,
          sequence,
          attempt: 0,
          order: this.encoded++,
        });
      } catch (error) {
        outcomes.set(partition, { failed: part.messages.map((_, position) => ({ position, error })) });
        // Nothing was encoded after it: the partition's sequence goes back.
        if (identity) this.sequences.set(partition, sequence);
      }
    }
    while (pending.length > 0) {
      const retry = await this.sendOnce(pending, outcomes);
      // Batches handed to a renewal are settled by it.
      if (this.renewal) await this.renewal;
      if (retry.length === 0) break;
      const attempt = Math.max(...retry.map((p) => p.attempt));
      await sleep(Math.min(1_000, 100 * 2 ** (attempt - 1)));
      if (this.renewal) await this.renewal;
      await this.raw.refreshTopics([this.options.topic]).catch(() => undefined);
      pending = retry;
    }
    return outcomes;
  }

  private encode(messages: Message[], identity: ProducerIdentity | undefined, sequence: number): Buffer {
    return encodeRecordBatch(messages, {
      codec: this.options.compressor.codec,
      compress: this.options.compressor.compress,
      producerId: identity?.producerId,
      producerEpoch: identity?.producerEpoch,
      baseSequence: identity ? sequence : undefined,
    });
  }

  private nextSequence(partition: number, count: number): number {
    const first = this.sequences.get(partition) ?? 0;
    // Sequences wrap at int32 max, as Kafka's do.
    this.sequences.set(partition, (first + count) % 2_147_483_648);
    return first;
  }

  /** One round: a request per leader; returns the batches to send again. */
  private async sendOnce(pending: Pending[], outcomes: Map<number, PartOutcome>): Promise<Pending[]> {
    const byLeader = new Map<number, Pending[]>();
    const leaders = new Map(this.raw.partitions(this.options.topic).map((p) => [p.partitionId, p.leader]));
    const retry: Pending[] = [];
    for (const p of pending) {
      const leader = leaders.get(p.partition);
      if (leader === undefined || leader < 0) {
        this.failOrRetry(p, kafkaError(5), outcomes, retry); // LEADER_NOT_AVAILABLE
        continue;
      }
      const list = byLeader.get(leader) ?? [];
      byLeader.set(leader, list);
      list.push(p);
    }
    await Promise.all(
      [...byLeader].map(async ([leader, list]) => {
        const { topic, acks, timeoutMs } = this.options;
        this.inFlight++;
        try {
          const response = await this.raw.send(
            leader,
            produceRequest({
              topic,
              acks,
              timeoutMs,
              partitions: list.map((p) => ({ partition: p.partition, batch: p.batch })),
            }),
          );
          const answers = new Map<number, ProducePartitionResponse>();
          for (const t of response.topics)
            if (t.topic === topic) for (const a of t.partitions) answers.set(a.partition, a);
          for (const p of list) this.settle(p, answers.get(p.partition), outcomes, retry);
        } catch (err) {
          for (const p of list) this.failOrRetry(p, err, outcomes, retry);
        } finally {
          this.inFlight--;
          if (this.inFlight === 0) for (const wake of this.drainWaiters.splice(0)) wake();
        }
      }),
    );
    return retry;
  }

  private settle(
    p: Pending,
    answer: ProducePartitionResponse | undefined,
    outcomes: Map<number, PartOutcome>,
    retry: Pending[],
  ): void {
    if (!answer) {
      this.failOrRetry(p, new Error('The broker did not answer for this partition.'), outcomes, retry);
      return;
    }
    if (answer.errorCode === 0) {
      outcomes.set(p.partition, { baseOffset: answer.baseOffset, failed: p.failed });
      return;
    }
    const error = kafkaError(answer.errorCode);
    // The summary repeats the record errors, which are given per record.
    if (answer.errorMessage && answer.recordErrors.length === 0)
      error.message = `${error.message}: ${answer.errorMessage}`;
    if (answer.errorCode === OUT_OF_ORDER_SEQUENCE_NUMBER && p.identity && this.draining) {
      // Refused because an earlier batch failed for good: the renewal sends it under the new producer id.
      this.toRestamp.push({ p, outcomes });
      return;
    }
    if (answer.errorCode === OUT_OF_ORDER_SEQUENCE_NUMBER && p.identity && p.identity !== this.identity) {
      this.restamp(p);
      retry.push(p);
      return;
    }
    if (answer.errorCode === INVALID_RECORD && answer.recordErrors.length > 0) {
      const next = this.dropRefused(p, error, answer.recordErrors, outcomes);
      if (next === 'retry') retry.push(p);
      if (next) return;
    }
    const retriable = error.retriable || (answer.errorCode === OUT_OF_ORDER_SEQUENCE_NUMBER && p.identity);
    this.failOrRetry(p, error, outcomes, retry, Boolean(retriable), answer.recordErrors);
  }

  private failOrRetry(
    p: Pending,
    error: unknown,
    outcomes: Map<number, PartOutcome>,
    retry: Pending[],
    retriable = (error as { retriable?: unknown }).retriable === true,
    recordErrors?: RecordError[],
  ): void {
    if (retriable && p.attempt < RETRIES) {
      p.attempt++;
      retry.push(p);
      return;
    }
    const named = new Map((recordErrors ?? []).map((e) => [e.batchIndex, e.message]));
    const mate = named.size > 0 ? p.positions[Math.min(...named.keys())] : undefined;
    const failed = p.positions.map((position, k): FailedMessage => {
      if (named.has(k)) return { position, error: withDetail(error, named.get(k)) };
      return mate === undefined ? { position, error } : { position, error, batchMate: mate };
    });
    outcomes.set(p.partition, { failed: [...p.failed, ...failed] });
    if (p.identity && p.identity === this.identity) this.renew();
  }

  /**
   * The broker named the records it refused: they fail, the others go again in a batch of their own
   * (with the refused batch's sequence, which the broker still expects). Later batches of the
   * partition already carry sequences after the old count: a new producer id re-stamps them.
   */
  private dropRefused(
    p: Pending,
    error: unknown,
    recordErrors: RecordError[],
    outcomes: Map<number, PartOutcome>,
  ): 'retry' | 'handed' | false {
    const named = new Map(recordErrors.map((e) => [e.batchIndex, e.message]));
    if (named.size >= p.count || [...named.keys()].some((k) => k < 0 || k >= p.count)) return false;
    const messages: Message[] = [];
    const positions: number[] = [];
    p.messages.forEach((m, k) => {
      if (named.has(k)) p.failed.push({ position: p.positions[k], error: withDetail(error, named.get(k)) });
      else {
        messages.push(m);
        positions.push(p.positions[k]);
      }
    });
    const endOfOld = (p.sequence + p.count) % 2_147_483_648;
    p.messages = messages;
    p.positions = positions;
    p.count = messages.length;
    p.batch = this.encode(messages, p.identity, p.sequence);
    if (p.identity && p.identity === this.identity) {
      if (this.sequences.get(p.partition) === endOfOld && !this.renewal)
        this.sequences.set(p.partition, (p.sequence + p.count) % 2_147_483_648);
      else {
        this.toRestamp.push({ p, outcomes });
        this.renew();
        return 'handed';
      }
    } else if (p.identity) this.restamp(p);
    return 'retry';
  }

  /** The batch under the current producer id, with the partition's next sequence. */
  private restamp(p: Pending): void {
    p.identity = this.identity;
    p.sequence = this.identity ? this.nextSequence(p.partition, p.count) : -1;
    stamp(p.batch, this.identity?.producerId ?? -1n, this.identity?.producerEpoch ?? -1, p.sequence);
  }

  /**
   * A batch of the current producer id failed for good: its sequence is a gap the broker will not
   * skip. Once nothing is in flight, take a new producer id and re-stamp, in order, the batches refused
   * meanwhile (out of order); new chunks wait for it. A batch of the new producer id that fails for
   * good (or is handed back with records refused) stops the re-send: another round takes the rest.
   */
  private renew(): void {
    if (this.renewal) {
      this.renewAgain = true;
      return;
    }
    this.draining = true;
    this.renewal = (async () => {
      do {
        if (this.inFlight > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
        // Failures so far are behind the producer id about to be taken.
        this.draining = false;
        this.renewAgain = false;
        try {
          this.identity = await RawProduceSession.initProducerId(this.raw);
        } catch (err) {
          this.identity = undefined; // no producer id now: the rest goes without idempotence
          this.idempotenceLost ??= err;
        }
        this.sequences.clear();
        const handed = this.toRestamp.splice(0).sort((a, b) => a.p.order - b.p.order);
        for (const { p } of handed) this.restamp(p);
        // One at a time, in order: a broker may accept a new producer id's first batch at any sequence.
        for (const [k, { p, outcomes }] of handed.entries()) {
          if (this.renewAgain) {
            this.toRestamp.push(...handed.slice(k));
            break;
          }
          for (let batch = await this.sendOnce([p], outcomes); batch.length > 0;) {
            await sleep(Math.min(1_000, 100 * 2 ** (p.attempt - 1)));
            await this.raw.refreshTopics([this.options.topic]).catch(() => undefined);
            batch = await this.sendOnce(batch, outcomes);
          }
        }
      } while (this.renewAgain || this.toRestamp.length > 0);
    })().finally(() => {
      this.renewal = undefined;
      this.draining = false;
      this.renewAgain = false;
    });
  }
}

/** The broker's error with the message of the record it refused. */
function withDetail(error: unknown, detail: string | null | undefined): unknown {
  if (!detail || !(error instanceof Error)) return error;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error);
  copy.message = `${error.message} (${detail})`;
  return copy;
}
