/**
 * Sends messages to one topic and reports, for each one, the partition and offset it landed at or
 * exactly why it did not. Used by the producer panel, producer files and the benchmark alike.
 *
 * - The partition of every message is chosen here (kafkajs's DefaultPartitioner, or the fixed one),
 *   so offsets map back to messages: within one request, a partition's records get consecutive
 *   offsets from the broker's baseOffset in the order sent.
 * - Messages go in chunks under the topic's max.message.bytes, sequentially; a failed chunk fails
 *   only its own messages (with the reason) and the rest continue.
 * - A message over the limit is refused before sending, naming the topic and the limit.
 * - Idempotent when asked and the cluster allows it; otherwise a plain producer, said in the report.
 */
import { CompressionTypes, Partitioners, type Message, type PartitionMetadata, type Producer } from 'kafkajs';
import type { KafkaClientPool } from '../clientPool';
import type { KafkaConnectionSpec } from '../connection';
import { errorObjects } from '../../shared/errorChain';
import { presentError } from '../../shared/errorPresentation';
import { hasKafkaErrorType, toKafkaUserError } from '../errors';
import { describeTopicConfig } from '../topicConfig';
import { DEFAULT_MAX_MESSAGE_BYTES, recordSize, BATCH_OVERHEAD_BYTES } from './size';
import type {
  MessageOutcome,
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
const MAX_CHUNK_MESSAGES = 2000;
/** …and at most this share of max.message.bytes (records of a partition share one batch). */
const CHUNK_BYTES_SHARE = 0.8;

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
  /** The connections this engine produced to, for `dispose`. */
  private readonly targets = new Map<string, ProduceTarget>();
  /** Connections where the cluster refused idempotence, with the reason. */
  private readonly refusedIdempotence = new Map<string, string>();

  async produce(
    target: ProduceTarget,
    topic: string,
    messages: OutgoingMessage[],
    options: ProduceOptions,
    call: ProduceCallOptions = {},
  ): Promise<ProduceReport> {
    const started = Date.now();
    const { spec } = target;
    const outcomes: (MessageOutcome | undefined)[] = new Array<MessageOutcome | undefined>(messages.length);
    const fail = (index: number, error: string, code: string, partition?: number) => {
      outcomes[index] = { index, ok: false, error, code, partition };
    };

    // The topic: exists? partitions? size limit?
    let partitions: PartitionMetadata[];
    let maxMessageBytes: number | undefined;
    try {
      ({ partitions, maxMessageBytes } = await describeTarget(target, topic));
    } catch (err) {
      const mapped = toKafkaUserError(err, { spec, operation: 'produce', topic });
      const msg = presentError(mapped).text;
      messages.forEach((_, i) => fail(i, msg, mapped.code));
      return report(topic, outcomes, false, undefined, undefined, started);
    }
    const limit = maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    const partitionIds = new Set(partitions.map((p) => p.partitionId));
    const partitioner = Partitioners.DefaultPartitioner();

    // Assign partitions and refuse what cannot be sent.
    const ready: { index: number; partition: number; message: Message; size: number }[] = [];
    messages.forEach((m, index) => {
      if (m.partition !== undefined && !partitionIds.has(m.partition)) {
        fail(
          index,
          `Topic "${topic}" has no partition ${m.partition} (it has ${partitions.length}).`,
          'InvalidRequest',
        );
        return;
      }
      const size = recordSize(m);
      if (size + BATCH_OVERHEAD_BYTES > limit) {
        fail(
          index,
          `Message ${index + 1} is about ${size} bytes; topic "${topic}" accepts at most ${limit} bytes (max.message.bytes${maxMessageBytes === undefined ? ', broker default assumed' : ''}).`,
          'MessageTooLarge',
          m.partition,
        );
        return;
      }
      // Text goes as UTF-8, Buffers (base64 fields of the panel) byte for byte: kafkajs takes both.
      const message: Message = {
        key: m.key,
        value: m.value,
        headers: Object.fromEntries(m.headers.map((h) => [h.key, h.value])),
        timestamp: m.timestamp,
      };
      if (m.headers.length !== Object.keys(message.headers ?? {}).length) {
        // Repeated header names: kafkajs takes arrays of values per name, keeping each.
        const grouped: Record<string, (string | Buffer)[]> = {};
        for (const h of m.headers) (grouped[h.key] ??= []).push(h.value);
        message.headers = grouped;
      }
      const partition = m.partition ?? partitioner({ topic, partitionMetadata: partitions, message });
      ready.push({ index, partition, message: { ...message, partition }, size });
    });

    // Chunks.
    const chunkBytes = Math.max(1, Math.floor(limit * CHUNK_BYTES_SHARE) - BATCH_OVERHEAD_BYTES);
    const chunks: (typeof ready)[] = [];
    let current: typeof ready = [];
    let currentBytes = 0;
    for (const r of ready) {
      if (current.length && (current.length >= MAX_CHUNK_MESSAGES || currentBytes + r.size > chunkBytes)) {
        chunks.push(current);
        current = [];
        currentBytes = 0;
      }
      current.push(r);
      currentBytes += r.size;
    }
    if (current.length) chunks.push(current);

    let session: Session | undefined;
    let fallback: string | undefined;
    let done = messages.length - ready.length;
    call.onProgress?.({ done, total: messages.length });
    /**
     * The cluster refused idempotence (an idempotent producer asks for a producer id when
     * connecting; writes need IDEMPOTENT_WRITE / WriteDataIdempotently): rethrows anything
     * else, otherwise remembers why and goes plain.
     */
    const goPlain = async (err: unknown, current: Session, dropIdempotent: boolean): Promise<Producer> => {
      if (!current.idempotent || !isIdempotenceRefusal(err)) throw err;
      fallback = `The cluster refused idempotent writes (${errorName(err)}); sent without idempotence.`;
      this.refusedIdempotence.set(spec.id, fallback);
      if (dropIdempotent) await this.drop(target, true);
      session = this.session(target, false);
      return session.producer;
    };
    for (const chunk of chunks) {
      if (call.isCancelled?.()) {
        for (const r of chunk) fail(r.index, 'Cancelled before it was sent.', 'Cancelled', r.partition);
        done += chunk.length;
        continue;
      }
      try {
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
        const seen = new Map<number, bigint>();
        for (const r of chunk) {
          const b = base.get(r.partition);
          const k = seen.get(r.partition) ?? 0n;
          seen.set(r.partition, k + 1n);
          if (b === undefined || b < 0n) {
            // acks=0: the broker does not answer with offsets.
            outcomes[r.index] =
              options.acks === 0
                ? { index: r.index, ok: true, partition: r.partition, offset: '-1' }
                : {
                    index: r.index,
                    ok: false,
                    error: 'The broker did not confirm this message.',
                    code: 'Unknown',
                    partition: r.partition,
                  };
          } else {
            outcomes[r.index] = { index: r.index, ok: true, partition: r.partition, offset: (b + k).toString() };
          }
        }
      } catch (err) {
        const mapped = toKafkaUserError(err, { spec, operation: 'produce', topic });
        const tooLarge = hasKafkaErrorType(err, 'MESSAGE_TOO_LARGE') || hasKafkaErrorType(err, 'RECORD_LIST_TOO_LARGE');
        const text = tooLarge
          ? `Topic "${topic}" refused the request as too large (max.message.bytes ${limit}).`
          : presentError(mapped).text;
        for (const r of chunk) fail(r.index, text, tooLarge ? 'MessageTooLarge' : mapped.code, r.partition);
        if (mapped.code === 'Authentication' || mapped.code === 'Credentials')
          target.pool.tokenProvider(spec)?.invalidate();
        // A broken connection: make a new producer next time.
        await this.drop(target, session?.idempotent ?? false);
        session = undefined;
      }
      done += chunk.length;
      call.onProgress?.({ done, total: messages.length });
    }
    const idempotent = session?.idempotent ?? false;
    if (options.idempotent && !idempotent && !fallback) fallback = this.refusedIdempotence.get(spec.id);
    if (options.idempotent && options.acks !== -1) fallback ??= 'Idempotence needs acks=all (-1); sent without it.';
    return report(topic, outcomes, idempotent, options.idempotent ? fallback : undefined, maxMessageBytes, started);
  }

  private sendChunk(
    producer: Producer,
    topic: string,
    chunk: { message: Message }[],
    options: ProduceOptions,
  ): Promise<{ topicName: string; partition: number; baseOffset?: string }[]> {
    return producer.send({
      topic,
      messages: chunk.map((c) => c.message),
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
  outcomes: (MessageOutcome | undefined)[],
  idempotent: boolean,
  idempotenceFallback: string | undefined,
  maxMessageBytes: number | undefined,
  started: number,
): ProduceReport {
  const all = Array.from(
    outcomes,
    (o, index): MessageOutcome => o ?? { index, ok: false, error: 'Not sent (internal error).', code: 'Unknown' },
  );
  const sent = all.filter((o) => o.ok).length;
  return {
    topic,
    outcomes: all,
    sent,
    failed: all.length - sent,
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
