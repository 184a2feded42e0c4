/**
 * The group-less fetch path's decoding: a Fetch v11 response built byte by byte decodes to every
 * partition field with the records as an uncopied slice; record batches walk back to the records
 * that were encoded (every codec), a cut-off last batch is left for the next fetch, control batches
 * never show, and read_committed drops exactly the aborted transaction's records.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compressorFor } from '../../../../src/kafka/protocol/compression';
import { decodeFetchResponse, encodeFetchRequest } from '../../../../src/kafka/protocol/fetchRequest';
import { encodeRecordBatch, stamp, type RecordInput } from '../../../../src/kafka/protocol/recordBatch';
import {
  loadDecompressors,
  walkRecordBatches,
  type RecordHeaderSlice,
} from '../../../../src/kafka/protocol/recordBatchReader';
import { WireWriter } from '../../../../src/kafka/protocol/wireFormat';

interface Seen {
  offset: string;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: { key: string; value: string | null }[];
}

const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'));

/** A batch at `baseOffset`, optionally transactional or a control batch (attributes patched, CRC kept valid). */
function batchAt(
  baseOffset: bigint,
  records: RecordInput[],
  opts: { codec?: number; compress?: (b: Buffer) => Buffer; producerId?: bigint; transactional?: boolean } = {},
): Buffer {
  const b = encodeRecordBatch(records, { codec: opts.codec, compress: opts.compress, now: 1_700_000_000_000 });
  b.writeBigInt64BE(baseOffset, 0);
  if (opts.transactional) b.writeInt16BE(b.readInt16BE(21) | 0x10, 21);
  stamp(b, opts.producerId ?? -1n, 0, 0);
  return b;
}

/** A control batch with one marker record (type 0 ABORT, 1 COMMIT). */
function controlBatch(offset: bigint, producerId: bigint, type: 0 | 1): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(type, 2);
  const b = encodeRecordBatch([{ key, value: Buffer.alloc(6) }], { now: 1_700_000_000_000 });
  b.writeBigInt64BE(offset, 0);
  b.writeInt16BE(0x30, 21); // transactional + control
  stamp(b, producerId, 0, -1);
  return b;
}

async function walk(data: Buffer, fromOffset = 0n, aborted?: { producerId: bigint; firstOffset: bigint }[]) {
  const seen: Seen[] = [];
  const result = walkRecordBatches(
    data,
    { fromOffset, decompressors: await loadDecompressors(), abortedTransactions: aborted },
    (offset, timestamp, key, value, headers: RecordHeaderSlice[]) =>
      seen.push({
        offset: String(offset),
        timestamp,
        key: text(key),
        value: text(value),
        headers: headers.map((h) => ({ key: h.key, value: text(h.value) })),
      }),
  );
  return { seen, result };
}

const sample: RecordInput[] = [
  { key: 'k0', value: 'v0', timestamp: 1_700_000_000_001, headers: { a: 'x', b: ['y', 'z'] } },
  { key: null, value: 'v1', timestamp: 1_700_000_000_005 },
  { key: 'k2', value: null, timestamp: 1_699_999_999_000, headers: { n: null } },
];

describe('Fetch v11 response decoding', () => {
  test('every partition field decodes and records are a slice of the payload', () => {
    const records = batchAt(40n, sample);
    const payload = new WireWriter()
      .int32(7) // throttle
      .int16(0)
      .int32(0)
      .array(['t1'], (w, topic) =>
        w.string(topic).array([0, 1], (pw, p) => {
          pw.int32(p)
            .int16(p === 0 ? 0 : 6)
            .int64(43n)
            .int64(42n)
            .int64(3n);
          if (p === 0) pw.array([{ id: 9n, first: 41n }], (aw, a) => aw.int64(a.id).int64(a.first));
          else pw.nullArray();
          pw.int32(-1);
          pw.bytes(p === 0 ? records : null);
        }),
      )
      .build();
    const r = decodeFetchResponse(payload);
    assert.equal(r.throttleTimeMs, 7);
    const [p0, p1] = r.topics[0].partitions;
    assert.deepEqual(
      { ...p0, records: undefined },
      {
        partition: 0,
        errorCode: 0,
        highWatermark: 43n,
        lastStableOffset: 42n,
        logStartOffset: 3n,
        abortedTransactions: [{ producerId: 9n, firstOffset: 41n }],
        preferredReadReplica: -1,
        records: undefined,
      },
    );
    assert.ok(p0.records.equals(records));
    assert.equal(p0.records.buffer, payload.buffer, 'the records are not copied');
    assert.equal(p1.errorCode, 6);
    assert.equal(p1.abortedTransactions, null);
    assert.equal(p1.records.length, 0);
  });

  test('a response cut short names the field it ends in', () => {
    const payload = new WireWriter().int32(0).int16(0).int32(0).int32(1).string('t').int32(1).int32(0).build();
    assert.throws(() => decodeFetchResponse(payload), /ends inside error_code/);
  });

  test('the request carries the topic, partitions, offsets and limits', () => {
    const body = encodeFetchRequest({
      topic: 'orders',
      partitions: [{ partition: 2, offset: 5_000_000_000n, maxBytes: 1024 }],
      maxWaitMs: 250,
      maxBytes: 4096,
      isolationLevel: 1,
    });
    assert.equal(body.readInt32BE(0), -1);
    assert.equal(body.readInt32BE(4), 250);
    assert.equal(body.readInt32BE(12), 4096);
    assert.equal(body[16], 1);
    const topicAt = 25 + 4;
    assert.equal(body.toString('utf8', topicAt + 2, topicAt + 8), 'orders');
    const partAt = topicAt + 8 + 4;
    assert.equal(body.readInt32BE(partAt), 2);
    assert.equal(body.readBigInt64BE(partAt + 8), 5_000_000_000n);
    assert.equal(body.readInt32BE(partAt + 24), 1024);
  });
});

describe('record batch walking', () => {
  for (const codec of ['none', 'gzip', 'snappy', 'lz4'] as const) {
    test(`records come back as encoded (${codec})`, async () => {
      const c = await compressorFor(codec);
      const data = Buffer.concat([
        batchAt(10n, sample, c),
        batchAt(13n, [{ key: 'k3', value: 'v3', timestamp: 7 }], c),
      ]);
      const { seen, result } = await walk(data);
      assert.deepEqual(seen, [
        {
          offset: '10',
          timestamp: 1_700_000_000_001,
          key: 'k0',
          value: 'v0',
          headers: [
            { key: 'a', value: 'x' },
            { key: 'b', value: 'y' },
            { key: 'b', value: 'z' },
          ],
        },
        { offset: '11', timestamp: 1_700_000_000_005, key: null, value: 'v1', headers: [] },
        { offset: '12', timestamp: 1_699_999_999_000, key: 'k2', value: null, headers: [{ key: 'n', value: null }] },
        { offset: '13', timestamp: 7, key: 'k3', value: 'v3', headers: [] },
      ]);
      assert.equal(result.nextOffset, 14n);
      assert.equal(result.partialBytes, 0);
    });
  }

  test('records before the fetch offset inside a batch are skipped', async () => {
    const { seen, result } = await walk(batchAt(10n, sample), 12n);
    assert.deepEqual(
      seen.map((s) => s.offset),
      ['12'],
    );
    assert.equal(result.nextOffset, 13n);
  });

  test('a trailing partial batch is left for the next fetch', async () => {
    const first = batchAt(0n, sample);
    const second = batchAt(3n, sample);
    for (const cut of [1, 11, 30, second.length - 1]) {
      const { seen, result } = await walk(Buffer.concat([first, second.subarray(0, cut)]));
      assert.deepEqual(
        seen.map((s) => s.offset),
        ['0', '1', '2'],
        `cut at ${cut}`,
      );
      assert.equal(result.nextOffset, 3n);
      assert.equal(result.partialBytes, cut);
    }
  });

  test('offsets beyond 2^53 come as bigint', async () => {
    const base = 2n ** 53n + 5n;
    const { seen } = await walk(batchAt(base, sample.slice(0, 2)), base);
    assert.deepEqual(
      seen.map((s) => s.offset),
      [String(base), String(base + 1n)],
    );
  });

  test('control batches never show and the walk goes past them', async () => {
    const data = Buffer.concat([
      batchAt(0n, sample.slice(0, 2), { producerId: 5n, transactional: true }),
      controlBatch(2n, 5n, 1),
    ]);
    const { seen, result } = await walk(data);
    assert.deepEqual(
      seen.map((s) => s.offset),
      ['0', '1'],
    );
    assert.equal(result.nextOffset, 3n);
  });

  test('read_committed drops the aborted transaction only, as the Java consumer does', async () => {
    const data = Buffer.concat([
      batchAt(0n, [{ value: 'committed-a' }], { producerId: 5n, transactional: true }),
      batchAt(1n, [{ value: 'aborted-b1' }], { producerId: 6n, transactional: true }),
      batchAt(2n, [{ value: 'plain' }]),
      batchAt(3n, [{ value: 'aborted-b2' }], { producerId: 6n, transactional: true }),
      controlBatch(4n, 5n, 1),
      controlBatch(5n, 6n, 0),
      batchAt(6n, [{ value: 'committed-b-later' }], { producerId: 6n, transactional: true }),
      controlBatch(7n, 6n, 1),
    ]);
    const aborted = [{ producerId: 6n, firstOffset: 1n }];
    const committed = await walk(data, 0n, aborted);
    assert.deepEqual(
      committed.seen.map((s) => s.value),
      ['committed-a', 'plain', 'committed-b-later'],
    );
    assert.equal(committed.result.nextOffset, 8n);
    const uncommitted = await walk(data);
    assert.deepEqual(
      uncommitted.seen.map((s) => s.value),
      ['committed-a', 'aborted-b1', 'plain', 'aborted-b2', 'committed-b-later'],
    );
  });
});
