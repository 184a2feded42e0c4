/**
 * The bulk produce session (src/kafka/produce/rawSend.ts) against a broker that keeps Kafka's rules
 * for an idempotent producer: per producer id and partition it appends only the next sequence
 * (a later one is OUT_OF_ORDER_SEQUENCE_NUMBER, an earlier one already stored is a duplicate), a
 * new producer id starts at any sequence, and a batch with a record it refuses (INVALID_RECORD, named
 * per record, as a compacted topic refuses a keyless record) is dropped whole. Requests are handled
 * in the order they arrive, answered a moment later, so several are in flight at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from 'kafkajs';
import { RawProduceSession, type PartOutcome } from '../../../src/kafka/produce/rawSend';
import { compressorFor } from '../../../src/kafka/protocol/compression';
import { crc32c } from '../../../src/kafka/protocol/crc32c';
import type { RawCluster, RawRequest } from '../../../src/kafka/protocol/rawRequest';
import { walkRecordBatches } from '../../../src/kafka/protocol/recordBatchReader';
import { WireReader, WireWriter } from '../../../src/kafka/protocol/wireFormat';

const TOPIC = 'orders';

class InOrderBroker implements RawCluster {
  /** Per partition, the values stored, in offset order. */
  readonly logs = new Map<number, string[]>();
  /** Error codes the next InitProducerId requests answer with (then producer ids again). */
  readonly initErrors: number[] = [];
  private readonly producers = new Map<string, { next: number; stored: Map<number, bigint> }>();
  private nextProducerId = 7000n;

  constructor(
    private readonly partitionCount: number,
    /** Values refused by name, with the broker's reason. */
    private readonly refuse: ReadonlyMap<string, string>,
  ) {}

  brokers() {
    return [{ nodeId: 1, host: 'broker-1', port: 9092 }];
  }
  controllerId() {
    return 1;
  }
  async refreshTopics(): Promise<void> {}
  partitions() {
    return Array.from({ length: this.partitionCount }, (_, i) => ({
      partitionId: i,
      leader: 1,
      replicas: [1],
      isr: [1],
    }));
  }
  async disconnect(): Promise<void> {}

  async send<T>(_nodeId: number, request: RawRequest<T>): Promise<T> {
    // Handled as it arrives; answered after the requests sent meanwhile arrived too.
    const payload = request.apiKey === 22 ? this.initProducerId() : this.produce(request.body);
    await new Promise((resolve) => setImmediate(resolve));
    return request.decode(payload);
  }

  private initProducerId(): Buffer {
    const error = this.initErrors.shift() ?? 0;
    const id = error === 0 ? this.nextProducerId++ : -1n;
    return new WireWriter()
      .int32(0)
      .int16(error)
      .int64(id)
      .int16(error === 0 ? 0 : -1)
      .build();
  }

  private produce(body: Buffer): Buffer {
    const r = new WireReader(body, 'Produce request');
    r.nullableString('transactional_id');
    r.int16('acks');
    r.int32('timeout_ms');
    const topics = r.array('topics', () => ({
      name: r.string('name'),
      partitions: r.array('partitions', () => ({ partition: r.int32('index'), batch: r.bytesSlice('records') })),
    }));
    r.end();
    return new WireWriter()
      .array(topics, (w, t) => {
        w.string(t.name).array(t.partitions, (pw, p) => this.append(pw, p.partition, p.batch));
      })
      .int32(0)
      .build();
  }

  private append(w: WireWriter, partition: number, batch: Buffer): void {
    const answer = (code: number, baseOffset: bigint, errors: { i: number; m: string }[] = []): void => {
      w.int32(partition)
        .int16(code)
        .int64(baseOffset)
        .int64(-1n)
        .int64(0n)
        .array(errors, (ew, e) => {
          ew.int32(e.i).nullableString(e.m);
        })
        .nullableString(errors.length > 0 ? 'One or more records have been rejected' : null);
    };
    if (crc32c(batch, 21) !== batch.readUInt32BE(17)) return answer(2, -1n); // CORRUPT_MESSAGE
    const producerId = batch.readBigInt64BE(43);
    const sequence = batch.readInt32BE(53);
    const values: string[] = [];
    walkRecordBatches(batch, { fromOffset: 0n, decompressors: {} }, (_o, _t, _k, value) =>
      values.push(value?.toString('utf8') ?? ''),
    );
    const key = `${producerId}/${partition}`;
    const state = producerId >= 0n ? this.producers.get(key) : undefined;
    if (state && sequence !== state.next) {
      const stored = state.stored.get(sequence);
      return stored === undefined ? answer(45, -1n) : answer(0, stored); // OUT_OF_ORDER_SEQUENCE_NUMBER or duplicate
    }
    const refused = values.flatMap((v, i) => (this.refuse.has(v) ? [{ i, m: this.refuse.get(v)! }] : []));
    if (refused.length > 0) return answer(87, -1n, refused); // INVALID_RECORD
    const log = this.logs.get(partition) ?? [];
    this.logs.set(partition, log);
    const baseOffset = BigInt(log.length);
    log.push(...values);
    if (producerId >= 0n) {
      const next = this.producers.get(key) ?? { next: 0, stored: new Map<number, bigint>() };
      next.next = sequence + values.length;
      next.stored.set(sequence, baseOffset);
      this.producers.set(key, next);
    }
    answer(0, baseOffset);
  }
}

const PARTITIONS = 2;
const CHUNKS = 12;
const PER_CHUNK = 10;
const value = (i: number) => `m-${i}`;

/** Sends CHUNKS chunks of PER_CHUNK messages (message i to partition i % PARTITIONS), 4 in flight, as the engine does. */
async function sendAll(session: RawProduceSession): Promise<Map<number, PartOutcome>[]> {
  const outcomes: Map<number, PartOutcome>[] = [];
  const inFlight = new Set<Promise<void>>();
  for (let c = 0; c < CHUNKS; c++) {
    const parts = new Map<number, { messages: Message[] }>();
    for (let i = c * PER_CHUNK; i < (c + 1) * PER_CHUNK; i++) {
      const part = parts.get(i % PARTITIONS) ?? { messages: [] };
      parts.set(i % PARTITIONS, part);
      part.messages.push({ key: `k-${i}`, value: value(i) });
    }
    const sending: Promise<void> = session.send(parts).then((o) => {
      outcomes[c] = o;
      inFlight.delete(sending);
    });
    inFlight.add(sending);
    while (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return outcomes;
}

/** Per message index: where it landed (`landed`) or why not, from the session's outcomes. */
function whatHappened(outcomes: Map<number, PartOutcome>[], broker: InOrderBroker) {
  const failed = new Map<number, { message: string; type?: string }>();
  const landedAt = new Map<number, string>();
  outcomes.forEach((chunk, c) => {
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const indexes = Array.from({ length: PER_CHUNK }, (_, k) => c * PER_CHUNK + k).filter(
        (i) => i % PARTITIONS === partition,
      );
      const outcome = chunk.get(partition);
      assert.ok(outcome, `chunk ${c} partition ${partition} has an outcome`);
      const failedHere = new Set(outcome.failed.map((f) => f.position));
      for (const f of outcome.failed) failed.set(indexes[f.position], f.error as { message: string; type?: string });
      const landed = indexes.filter((_, position) => !failedHere.has(position));
      if (landed.length > 0) {
        assert.ok(outcome.baseOffset !== undefined, `chunk ${c} partition ${partition} has a base offset`);
        landed.forEach((i, k) => landedAt.set(i, broker.logs.get(partition)![Number(outcome.baseOffset) + k]));
      }
    }
  });
  return { failed, landedAt };
}

test('idempotent, 4 in flight: two records refused by name in successive batches of a partition fail alone, each with its own reason; every other message lands once, in order', async () => {
  // m-13 (chunk 1) and m-25 (chunk 2), both partition 1: the second is refused while the first
  // renewal re-sends the batches after the first, one at a time under a new producer id.
  const refuse = new Map([
    [value(13), 'Compacted topic cannot accept message without key (m-13)'],
    [value(25), 'Record value too odd (m-25)'],
  ]);
  const broker = new InOrderBroker(PARTITIONS, refuse);
  const compressor = await compressorFor('none');
  const session = await RawProduceSession.open(broker, { topic: TOPIC, acks: -1, timeoutMs: 5_000, compressor }, true);
  const outcomes = await sendAll(session);

  for (let partition = 0; partition < PARTITIONS; partition++) {
    const expected = Array.from({ length: CHUNKS * PER_CHUNK }, (_, i) => i)
      .filter((i) => i % PARTITIONS === partition && !refuse.has(value(i)))
      .map(value);
    assert.deepEqual(broker.logs.get(partition), expected, `partition ${partition}: every message once, in order`);
  }
  const { failed, landedAt } = whatHappened(outcomes, broker);
  assert.deepEqual(
    [...failed.keys()].sort((a, b) => a - b),
    [13, 25],
  );
  assert.deepEqual([failed.get(13)?.type, failed.get(25)?.type], ['INVALID_RECORD', 'INVALID_RECORD']);
  assert.match(failed.get(13)!.message, /without key \(m-13\)/);
  assert.doesNotMatch(failed.get(13)!.message, /m-25/);
  assert.match(failed.get(25)!.message, /too odd \(m-25\)/);
  assert.doesNotMatch(failed.get(25)!.message, /m-13/);
  // The offsets reported for each chunk are where its messages are.
  for (let i = 0; i < CHUNKS * PER_CHUNK; i++)
    if (!failed.has(i)) assert.equal(landedAt.get(i), value(i), `message ${i}`);
  assert.equal(session.idempotent, true);
  assert.equal(session.idempotenceLost, undefined);
});

test('no producer id to be had after a refused record: the rest lands, in order, without idempotence, and the session says why', async () => {
  const refuse = new Map([[value(13), 'Compacted topic cannot accept message without key (m-13)']]);
  const broker = new InOrderBroker(PARTITIONS, refuse);
  const compressor = await compressorFor('none');
  const session = await RawProduceSession.open(broker, { topic: TOPIC, acks: -1, timeoutMs: 5_000, compressor }, true);
  broker.initErrors.push(31); // CLUSTER_AUTHORIZATION_FAILED for the renewal's InitProducerId
  const outcomes = await sendAll(session);

  for (let partition = 0; partition < PARTITIONS; partition++) {
    const expected = Array.from({ length: CHUNKS * PER_CHUNK }, (_, i) => i)
      .filter((i) => i % PARTITIONS === partition && !refuse.has(value(i)))
      .map(value);
    assert.deepEqual(broker.logs.get(partition), expected, `partition ${partition}: every message once, in order`);
  }
  const { failed } = whatHappened(outcomes, broker);
  assert.deepEqual([...failed.keys()], [13]);
  assert.equal(session.idempotent, false);
  assert.equal((session.idempotenceLost as { type?: string }).type, 'CLUSTER_AUTHORIZATION_FAILED');
});
