/**
 * The group-less fetch reader reads back, byte for byte, what kafkajs' producer and our own record
 * batch encoder wrote, from the oldest offset, the newest, a given offset and a timestamp, on a topic
 * of several partitions, over IAM and SCRAM; it makes no consumer group.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { CompressionTypes } from 'kafkajs';
import { encodeRecordBatch } from '../../../src/kafka/protocol/recordBatch';
import { openRawCluster } from '../../../src/kafka/protocol/rawRequest';
import { produceRequest } from '../../../src/kafka/protocol/produceRequest';
import { FetchReader, type FetchedRecord } from '../../../src/kafka/tail/fetchReader';
import type { TailStartPosition } from '../../../src/kafka/tail/types';
import { newPool, specFor, waitFor } from '../kafka/helpers';
import { groupIds } from './helpers';

const pool = newPool();
after(() => pool.disposeAll());

interface Row {
  partition: number;
  offset: string;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: string[];
}

const hex = (b: Buffer | null) => (b === null ? null : b.toString('hex'));
const row = (r: FetchedRecord): Row => ({
  partition: r.partition,
  offset: r.offset,
  timestamp: r.timestamp,
  key: hex(r.key),
  value: hex(r.value),
  headers: r.headers.map((h) => `${h.key}=${hex(h.value)}`),
});
const order = (a: Row, b: Row) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset));

async function read(
  kind: 'iam' | 'scram',
  topic: string,
  start: TailStartPosition,
  count: number,
  more?: () => Promise<void>,
): Promise<Row[]> {
  const spec = { ...specFor(kind), id: `fetch-reader-${kind}` };
  const rows: Row[] = [];
  let fatal: Error | undefined;
  const reader = await FetchReader.start({
    kafka: await pool.getKafka(spec),
    topic,
    start,
    maxBytesPerPartition: 64 * 1024, // several fetches per partition
    onRecords: (_p, records) => rows.push(...records.map(row)),
    onFatal: (e) => (fatal = e),
  });
  try {
    await more?.();
    await waitFor(`${count} records of ${topic} (have ${rows.length})`, () =>
      Promise.resolve(fatal ? Promise.reject(fatal) : rows.length >= count ? true : undefined),
    );
  } finally {
    await reader.stop();
  }
  assert.equal(rows.length, count, 'no record twice, none beyond');
  return rows.sort(order);
}

describe('group-less fetch reader', () => {
  for (const kind of ['iam', 'scram'] as const) {
    test(`reads kafkajs' and our encoder's records byte-exact from every start (${kind})`, async () => {
      const spec = { ...specFor(kind), id: `fetch-reader-${kind}` };
      const kafka = await pool.getKafka(spec);
      const admin = await pool.getAdmin(spec);
      const topic = `fetch-reader-${kind}-${Date.now().toString(36)}`;
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
      const groupsBefore = new Set(await groupIds());
      try {
        const producer = kafka.producer();
        await producer.connect();
        const base = Date.now() - 60_000;
        const expected: Row[] = [];
        // kafkajs' producer: 3 partitions × 300 records, gzip and none, binary values, headers, null keys.
        for (const compression of [CompressionTypes.None, CompressionTypes.GZIP]) {
          for (let p = 0; p < 3; p++) {
            const messages = Array.from({ length: 150 }, (_, i) => ({
              partition: p,
              key: i % 7 === 0 ? null : Buffer.from(`k-${p}-${i}`),
              value: Buffer.from([i & 0xff, 0, 0xff, p, ...Buffer.from(`v${compression}-${i}`)]),
              timestamp: String(base + i),
              headers: i % 3 === 0 ? { h: Buffer.from([1, 2, i & 0xff]), e: Buffer.alloc(0) } : undefined,
            }));
            await producer.send({ topic, compression, acks: -1, messages });
          }
        }
        await producer.disconnect();
        // Our encoder: one batch of 200 records on partition 1, with a repeated header name.
        const raw = await openRawCluster(kafka);
        try {
          await raw.refreshTopics([topic]);
          const leader = raw.partitions(topic).find((m) => m.partitionId === 1)!.leader;
          const batch = encodeRecordBatch(
            Array.from({ length: 200 }, (_, i) => ({
              key: `own-${i}`,
              value: i === 5 ? null : `own value ${i}`,
              headers: { r: ['a', 'b'] },
              timestamp: base + 1000 + i,
            })),
          );
          const answer = await raw.send(
            leader,
            produceRequest({ topic, acks: -1, timeoutMs: 10_000, partitions: [{ partition: 1, batch }] }),
          );
          assert.equal(answer.topics[0].partitions[0].errorCode, 0);
        } finally {
          await raw.disconnect();
        }
        // What kafkajs' consumer-free admin reports as the ends, and the expected rows per partition.
        const offsets = await admin.fetchTopicOffsets(topic);
        assert.deepEqual(offsets.map((o) => Number(o.high)).sort(), [300, 300, 500], 'the writes landed');
        for (let p = 0; p < 3; p++) {
          let offset = 0;
          for (const compression of [CompressionTypes.None, CompressionTypes.GZIP])
            for (let i = 0; i < 150; i++)
              expected.push({
                partition: p,
                offset: String(offset++),
                timestamp: base + i,
                key: i % 7 === 0 ? null : Buffer.from(`k-${p}-${i}`).toString('hex'),
                value: Buffer.from([i & 0xff, 0, 0xff, p, ...Buffer.from(`v${compression}-${i}`)]).toString('hex'),
                headers: i % 3 === 0 ? [`h=${Buffer.from([1, 2, i & 0xff]).toString('hex')}`, 'e='] : [],
              });
          if (p === 1)
            for (let i = 0; i < 200; i++)
              expected.push({
                partition: 1,
                offset: String(offset++),
                timestamp: base + 1000 + i,
                key: Buffer.from(`own-${i}`).toString('hex'),
                value: i === 5 ? null : Buffer.from(`own value ${i}`).toString('hex'),
                headers: [`r=${Buffer.from('a').toString('hex')}`, `r=${Buffer.from('b').toString('hex')}`],
              });
        }
        expected.sort(order);

        assert.deepEqual(await read(kind, topic, { kind: 'oldest' }, 1100), expected, 'oldest: everything, byte-exact');

        const fromOffsets = await read(
          kind,
          topic,
          {
            kind: 'offsets',
            offsets: [
              { partition: 0, offset: '290' },
              { partition: 1, offset: '450' },
              { partition: 2, offset: '299' },
            ],
          },
          10 + 50 + 1,
        );
        assert.deepEqual(
          fromOffsets,
          expected.filter(
            (r) => BigInt(r.offset) >= ({ 0: 290n, 1: 450n, 2: 299n } as Record<number, bigint>)[r.partition],
          ),
          'from given offsets',
        );

        const fromTime = await read(kind, topic, { kind: 'timestamp', timestamp: base + 1190 }, 10);
        assert.deepEqual(
          fromTime,
          expected.filter((r) => r.timestamp >= base + 1190),
          'from a timestamp: only our encoder’s last 10',
        );

        const fresh = await read(kind, topic, { kind: 'newest' }, 3, async () => {
          const producer2 = kafka.producer();
          await producer2.connect();
          await producer2.send({ topic, messages: [0, 1, 2].map((p) => ({ partition: p, value: `new-${p}` })) });
          await producer2.disconnect();
        });
        assert.deepEqual(
          fresh.map((r) => `${r.partition}:${r.offset}:${Buffer.from(r.value!, 'hex').toString()}`),
          ['0:300:new-0', '1:500:new-1', '2:300:new-2'],
          'from the newest: only what came after the start',
        );
        const added = (await groupIds()).filter((g) => !groupsBefore.has(g) && g.includes(topic));
        assert.deepEqual(added, [], 'no consumer group for the reads');
      } finally {
        await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      }
    });
  }
});
