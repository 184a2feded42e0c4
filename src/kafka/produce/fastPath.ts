/**
 * Opening the bulk path of our own encoder (./rawSend.ts) for one produce call: on the pool's raw
 * cluster of the connection (replaced with the connection's kafkajs client when its settings change),
 * a session with a producer id when idempotence is asked and allowed.
 */
import type { KafkaClientPool } from '../clientPool';
import type { KafkaConnectionSpec } from '../connection';
import { compressorFor } from '../protocol/compression';
import type { Chunk } from './prepare';
import { RawProduceSession, type PartOutcome } from './rawSend';
import type { SendResults } from './results';
import type { ProduceOptions } from './types';

interface Target {
  pool: KafkaClientPool;
  spec: KafkaConnectionSpec;
}

export interface FastOpen {
  session: RawProduceSession;
  /** Idempotence was asked but the cluster refused it: the error that said so. */
  refusal?: unknown;
}

/**
 * A session of our own encoder for `topic`, on the pool's raw cluster of the connection (acks=0 has no
 * answers to read: kafkajs sends it).
 * `tryIdempotent`: asks for a producer id; when the cluster refuses (`isRefusal`), goes without and
 * says why. Other errors reject.
 */
export async function openFastSession(
  target: Target,
  topic: string,
  options: ProduceOptions & { acks: -1 | 1 },
  tryIdempotent: boolean,
  isRefusal: (err: unknown) => boolean,
): Promise<FastOpen> {
  const raw = await target.pool.getRawCluster(target.spec, 'produce');
  const sendOptions = {
    topic,
    acks: options.acks,
    timeoutMs: options.timeoutMs ?? 30_000,
    compressor: await compressorFor(options.compression),
  };
  try {
    return { session: await RawProduceSession.open(raw, sendOptions, tryIdempotent) };
  } catch (err) {
    if (!tryIdempotent || !isRefusal(err)) throw err;
    return { session: await RawProduceSession.open(raw, sendOptions, false), refusal: err };
  }
}

export interface FailureText {
  text: string;
  code: string;
}

/** Records a chunk's outcomes: ranges for what landed, each message that did not named with why. */
export function recordOutcomes(
  chunk: Chunk,
  outcomes: ReadonlyMap<number, PartOutcome>,
  results: SendResults,
  failureText: (err: unknown) => FailureText,
): void {
  // One text per error (a refused batch's messages share their error object).
  const texts = new Map<unknown, FailureText>();
  const textOf = (err: unknown): FailureText => {
    let t = texts.get(err);
    if (!t) texts.set(err, (t = failureText(err)));
    return t;
  };
  // Failures in message order, so that consecutive messages with one reason share an entry.
  const failures: { index: number; text: string; code: string; partition?: number }[] = [];
  for (const [partition, part] of chunk.parts) {
    const outcome = outcomes.get(partition);
    if (!outcome) {
      for (const index of part.indexes)
        failures.push({ index, text: 'The broker did not confirm this message.', code: 'Unknown', partition });
      continue;
    }
    const landed = part.indexes.length - outcome.failed.length;
    if (outcome.baseOffset !== undefined && landed > 0) results.stored(partition, outcome.baseOffset, landed);
    for (const f of outcome.failed) {
      const { text, code } = textOf(f.error);
      const index = part.indexes[f.position];
      if (f.batchMate === undefined) failures.push({ index, text, code });
      else {
        const mate = part.indexes[f.batchMate] + 1;
        failures.push({
          index,
          text: `Not written: sent in one batch with message ${mate}, which the broker refused.`,
          code,
        });
      }
    }
  }
  failures.sort((x, y) => x.index - y.index);
  for (const f of failures) results.fail(f.index, f.text, f.code, f.partition);
}
