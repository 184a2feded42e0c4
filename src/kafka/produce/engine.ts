/**
 * Sends messages to one topic and reports where they landed, as offset ranges per partition, and
 * exactly which ones did not and why. Used by the producer panel, producer files and the benchmark.
 *
 * - The partition of every message is chosen here (kafkajs's DefaultPartitioner, or the fixed one,
 *   ./prepare.ts): within one request, a partition's records get consecutive offsets from the
 *   broker's baseOffset in the order sent, so each request adds one range per partition.
 * - Messages go in chunks (per partition under the topic's max.message.bytes), made as they are
 *   sent; a failed chunk fails only its own messages (with the reason) and the rest continue.
 * - A message over the limit is refused before sending, naming the topic and the limit.
 * - Idempotent when asked and the cluster allows it; otherwise a plain producer, said in the report.
 * - The record batches are ours (./rawSend.ts: own encoder, Produce requests over kafkajs' connections)
 *   except for acks=0 or when that path cannot open; then kafkajs's producer sends. The report says which.
 */
import { CompressionTypes, type PartitionMetadata, type Producer } from 'kafkajs';
import type { KafkaClientPool } from '../clientPool';
import type { KafkaConnectionSpec } from '../connection';
import { errorObjects } from '../../shared/errorChain';
import { presentError } from '../../shared/errorPresentation';
import { hasKafkaErrorType, toKafkaUserError } from '../errors';
import { describeTopicConfig } from '../topicConfig';
import { openFastSession, recordOutcomes, type FailureText } from './fastPath';
import { chunkIndexes, preparer, type Chunk, type Prepared } from './prepare';
import type { RawProduceSession } from './rawSend';
import { SendResults } from './results';
import { DEFAULT_MAX_MESSAGE_BYTES, BATCH_OVERHEAD_BYTES } from './size';
import type {
  MessageSource,
  OutgoingMessage,
  ProduceCompression,
  ProduceOptions,
  ProduceProgress,
  ProduceReport,
} from './types';

const COMPRESSION: Record<ProduceCompression, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
};

/** At most this many messages per request… */
const MAX_CHUNK_MESSAGES = 16_000;
/**
 * …at most this many per partition (kafkajs groups a request's messages per partition in time
 * quadratic in their number)…
 */
const MAX_PARTITION_MESSAGES = 1_000;
/** …and per partition at most this share of max.message.bytes (records of a partition share one batch). */
const CHUNK_BYTES_SHARE = 0.8;
/** Requests in flight at once without idempotence (an idempotent producer sends one at a time). */
const MAX_IN_FLIGHT = 4;
/**
 * Our own encoder (./rawSend.ts) has no per-partition count limit (only the byte share above), larger
 * requests, and keeps MAX_IN_FLIGHT requests in flight idempotent too (Kafka allows 5 per partition).
 */
const OWN_MAX_CHUNK_MESSAGES = 50_000;

export interface ProduceTarget {
  pool: KafkaClientPool;
  spec: KafkaConnectionSpec;
}

export interface ProduceCallOptions {
  onProgress?: (p: ProduceProgress) => void;
  /** Checked between chunks; messages not sent yet are reported as cancelled. */
  isCancelled?: () => boolean;
}

interface Session {
  producer: Promise<Producer>;
  idempotent: boolean;
}

/** The pool's producer variants this engine uses: plain and idempotent are different clients. */
const producerVariant = (idempotent: boolean) => (idempotent ? 'produce-idempotent' : 'produce-plain');

/**
 * Sends through the connection pool's producers (so they follow the pool's lifecycle: replaced when
 * a connection's settings change, closed on Refresh). Dispose to release the ones it used.
 */
export class ProduceEngine {
  /** 'own': the bulk path of our own record-batch encoder where it can (not acks=0); 'kafkajs': always kafkajs's producer. */
  private readonly encoder: 'own' | 'kafkajs';
  /** The connections this engine produced to, for `dispose`. */
  private readonly targets = new Map<string, ProduceTarget>();
  /** Connections where the cluster refused idempotence, with the reason. */
  private readonly refusedIdempotence = new Map<string, string>();

  constructor(options: { encoder?: 'own' | 'kafkajs' } = {}) {
    this.encoder = options.encoder ?? 'own';
  }

  async produce(
    target: ProduceTarget,
    topic: string,
    messages: OutgoingMessage[] | MessageSource,
    options: ProduceOptions,
    call: ProduceCallOptions = {},
  ): Promise<ProduceReport> {
    const started = Date.now();
    const { spec } = target;
    const total = messages.length;
    const list = messages;
    const messageAt = Array.isArray(list) ? (i: number) => list[i] : (i: number) => list.at(i);
    const results = new SendResults();

    // The topic: exists? partitions? size limit?
    let partitions: PartitionMetadata[];
    let maxMessageBytes: number | undefined;
    try {
      ({ partitions, maxMessageBytes } = await describeTarget(target, topic));
    } catch (err) {
      const mapped = toKafkaUserError(err, { spec, operation: 'produce', topic });
      const msg = presentError(mapped).text;
      for (let i = 0; i < total; i++) results.fail(i, msg, mapped.code);
      return report(topic, total, results, false, undefined, undefined, started);
    }
    const limit = maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    const chunkBytes = Math.max(1, Math.floor(limit * CHUNK_BYTES_SHARE) - BATCH_OVERHEAD_BYTES);
    const prepare = preparer(topic, partitions, limit, maxMessageBytes);

    let session: Session | undefined;
    let fallback: string | undefined;
    const refused = (err: unknown) => {
      fallback = `The cluster refused idempotent writes (${errorName(err)}); sent without idempotence.`;
      this.refusedIdempotence.set(spec.id, fallback);
    };
    let fast: RawProduceSession | undefined;
    if (this.encoder === 'own' && options.acks !== 0) {
      const tryIdempotent = options.idempotent && options.acks === -1 && !this.refusedIdempotence.has(spec.id);
      try {
        const opened = await openFastSession(
          target,
          topic,
          { ...options, acks: options.acks },
          tryIdempotent,
          isIdempotenceRefusal,
        );
        fast = opened.session;
        if (opened.refusal) refused(opened.refusal);
      } catch {
        // kafkajs's producer below sends instead, and names whatever fails.
        await target.pool.releaseRawCluster(spec, 'produce');
      }
    }
    let done = 0;
    call.onProgress?.({ done, total });
    /**
     * The cluster refused idempotence (an idempotent producer asks for a producer id when
     * connecting; writes need IDEMPOTENT_WRITE / WriteDataIdempotently): rethrows anything
     * else, otherwise remembers why and goes plain.
     */
    const goPlain = async (err: unknown, current: Session, dropIdempotent: boolean): Promise<Producer> => {
      if (!current.idempotent || !isIdempotenceRefusal(err)) throw err;
      refused(err);
      if (dropIdempotent) await this.drop(target, true);
      session = this.session(target, false);
      return session.producer;
    };
    /** What a failed message shows: the topic's limit when too large, else the error as presented. */
    const failureText = (err: unknown): FailureText => {
      const mapped = toKafkaUserError(err, { spec, operation: 'produce', topic });
      if (mapped.code === 'Authentication' || mapped.code === 'Credentials')
        target.pool.tokenProvider(spec)?.invalidate();
      return hasKafkaErrorType(err, 'MESSAGE_TOO_LARGE') || hasKafkaErrorType(err, 'RECORD_LIST_TOO_LARGE')
        ? {
            text: `Topic "${topic}" refused the request as too large (max.message.bytes ${limit}).`,
            code: 'MessageTooLarge',
          }
        : { text: presentError(mapped).text, code: mapped.code };
    };
    const sendOne = async (chunk: Chunk): Promise<void> => {
      try {
        if (fast) {
          recordOutcomes(chunk, await fast.send(chunk.parts), results, failureText);
          done += chunk.count;
          call.onProgress?.({ done, total });
          return;
        }
        session ??= this.session(target, options.idempotent && options.acks === -1);
        let producer: Producer;
        try {
          producer = await session.producer;
        } catch (err) {
          producer = await goPlain(err, session, false);
        }
        const sending = session;
        const metadata = await this.sendChunk(producer, topic, chunk, options).catch(async (err: unknown) =>
          this.sendChunk(await goPlain(err, sending, true), topic, chunk, options),
        );
        const base = new Map<number, bigint>();
        for (const rm of metadata) if (rm.topicName === topic) base.set(rm.partition, BigInt(rm.baseOffset ?? '-1'));
        for (const [partition, part] of chunk.parts) {
          const b = base.get(partition);
          if (b !== undefined && (b >= 0n || options.acks === 0)) results.stored(partition, b, part.indexes.length);
          else if (options.acks === 0) results.stored(partition, -1n, part.indexes.length);
          else
            for (const i of part.indexes)
              results.fail(i, 'The broker did not confirm this message.', 'Unknown', partition);
        }
      } catch (err) {
        const { text, code } = failureText(err);
        for (const i of chunkIndexes(chunk)) results.fail(i, text, code);
        // A broken connection: make a new producer (or raw cluster) next time.
        if (fast) await target.pool.releaseRawCluster(spec, 'produce');
        else await this.drop(target, session?.idempotent ?? false);
        session = undefined;
      }
      done += chunk.count;
      call.onProgress?.({ done, total });
    };

    // Chunks are made as they are sent: a bulk send never holds more than the requests in flight.
    // An idempotent producer sends one request at a time (kafkajs locks the broker for it anyway).
    const inFlight = new Set<Promise<void>>();
    let next = 0;
    while (next < total) {
      if (call.isCancelled?.()) {
        done += total - next;
        for (; next < total; next++) results.fail(next, 'Cancelled before it was sent.', 'Cancelled');
        call.onProgress?.({ done, total });
        break;
      }
      const chunk: Chunk = { parts: new Map(), count: 0 };
      const maxChunk = fast ? OWN_MAX_CHUNK_MESSAGES : MAX_CHUNK_MESSAGES;
      const maxPartition = fast ? Infinity : MAX_PARTITION_MESSAGES;
      for (; next < total && chunk.count < maxChunk; next++) {
        let p: Prepared;
        try {
          p = prepare(messageAt(next));
        } catch (err) {
          // A template or an encoding that fails on this message only (made as it is sent).
          const code = (err as { code?: unknown }).code;
          p = {
            refused: err instanceof Error ? err.message : String(err),
            code: typeof code === 'string' ? code : 'Template',
          };
        }
        if ('refused' in p) {
          results.fail(next, p.refused, p.code, p.partition);
          done++;
          continue;
        }
        let part = chunk.parts.get(p.partition);
        if (!part) chunk.parts.set(p.partition, (part = { messages: [], indexes: [], bytes: 0 }));
        if (part.messages.length >= maxPartition || (part.bytes && part.bytes + p.size > chunkBytes)) break;
        part.messages.push(p.message);
        part.indexes.push(next);
        part.bytes += p.size;
        chunk.count++;
      }
      if (chunk.count === 0) continue;
      const idempotentNow = !fast && (session?.idempotent ?? options.idempotent) && options.acks === -1;
      const sending = sendOne(chunk).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
      while (inFlight.size >= (idempotentNow ? 1 : MAX_IN_FLIGHT)) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    call.onProgress?.({ done: total, total });
    const idempotent = fast ? fast.idempotent : (session?.idempotent ?? false);
    if (fast?.idempotenceLost !== undefined)
      fallback ??= `Idempotence lost mid-send (${errorName(fast.idempotenceLost)}); the rest went without it.`;
    if (options.idempotent && !idempotent && !fallback) fallback = this.refusedIdempotence.get(spec.id);
    if (options.idempotent && options.acks !== -1) fallback ??= 'Idempotence needs acks=all (-1); sent without it.';
    return {
      ...report(topic, total, results, idempotent, options.idempotent ? fallback : undefined, maxMessageBytes, started),
      encoder: fast ? 'own' : 'kafkajs',
    };
  }

  private sendChunk(
    producer: Producer,
    topic: string,
    chunk: Chunk,
    options: ProduceOptions,
  ): Promise<{ topicName: string; partition: number; baseOffset?: string }[]> {
    return producer.send({
      topic,
      messages: [...chunk.parts.values()].flatMap((p) => p.messages),
      acks: options.acks,
      timeout: options.timeoutMs ?? 30_000,
      compression: COMPRESSION[options.compression],
    });
  }

  private session(target: ProduceTarget, wantIdempotent: boolean): Session {
    const idempotent = wantIdempotent && !this.refusedIdempotence.has(target.spec.id);
    this.targets.set(target.spec.id, target);
    const producer = target.pool.getProducer(
      target.spec,
      { idempotent, ...(idempotent ? { maxInFlightRequests: 1 } : {}) },
      producerVariant(idempotent),
    );
    return { producer, idempotent };
  }

  private drop(target: ProduceTarget, idempotent: boolean): Promise<void> {
    return target.pool.releaseProducer(target.spec, producerVariant(idempotent));
  }

  /** Disconnects the producers this engine used (of one connection, or all). */
  async dispose(specId?: string): Promise<void> {
    const targets = [...this.targets.values()].filter((t) => specId === undefined || t.spec.id === specId);
    await Promise.all(targets.flatMap((t) => [this.drop(t, true), this.drop(t, false)]));
    for (const t of targets) this.targets.delete(t.spec.id);
    if (specId) this.refusedIdempotence.delete(specId);
    else this.refusedIdempotence.clear();
  }
}

async function describeTarget(
  target: ProduceTarget,
  topic: string,
): Promise<{ partitions: PartitionMetadata[]; maxMessageBytes?: number }> {
  const admin = await target.pool.getAdmin(target.spec);
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = meta.topics.find((t) => t.name === topic)?.partitions ?? [];
  if (partitions.length === 0) {
    const err = new Error(`This server does not host this topic-partition`) as Error & { type: string; name: string };
    err.name = 'KafkaJSProtocolError';
    err.type = 'UNKNOWN_TOPIC_OR_PARTITION';
    throw err;
  }
  let maxMessageBytes: number | undefined;
  try {
    const entries = await describeTopicConfig(admin, topic, ['max.message.bytes']);
    const entry = entries.find((e) => e.name === 'max.message.bytes');
    const n = entry?.value ? Number(entry.value) : NaN;
    if (Number.isFinite(n) && n > 0) maxMessageBytes = n;
  } catch {
    // Not allowed to read topic configuration: the broker default is assumed, and said so.
  }
  return { partitions, maxMessageBytes };
}

function report(
  topic: string,
  total: number,
  results: SendResults,
  idempotent: boolean,
  idempotenceFallback: string | undefined,
  maxMessageBytes: number | undefined,
  started: number,
): ProduceReport {
  return {
    topic,
    total,
    sent: results.sent,
    failed: results.failed,
    ranges: results.ranges(),
    failures: results.failuresInOrder(),
    idempotent,
    idempotenceFallback,
    maxMessageBytes,
    durationMs: Date.now() - started,
  };
}

function errorName(err: unknown): string {
  const chain = errorObjects(err);
  return chain.find((e) => e.type)?.type ?? chain[0]?.name ?? 'error';
}

function isIdempotenceRefusal(err: unknown): boolean {
  return (
    hasKafkaErrorType(err, 'CLUSTER_AUTHORIZATION_FAILED') ||
    hasKafkaErrorType(err, 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED') ||
    hasKafkaErrorType(err, 'UNSUPPORTED_FOR_MESSAGE_FORMAT') ||
    hasKafkaErrorType(err, 'UNSUPPORTED_VERSION')
  );
}
