/**
 * Our record batches are Kafka's RecordBatch v2 to the byte: the same bytes kafkajs' own encoder
 * writes for the same records, read back by kafkajs' decoder with every field (compressed too), a
 * CRC-32C that matches the known vectors and kafkajs' implementation, zigzag varints as Kafka
 * writes them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as kafkajs from 'kafkajs';
import { registerCodecs } from '../../../../src/kafka/codecs';
import { compressorFor } from '../../../../src/kafka/protocol/compression';
import { crc32c } from '../../../../src/kafka/protocol/crc32c';
import {
  CODEC,
  encodeRecordBatch,
  sizeOfVarint,
  stamp,
  writeVarint,
  type RecordInput,
} from '../../../../src/kafka/protocol/recordBatch';

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs internals as the oracle */
const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown;
const Encoder = require('kafkajs/src/protocol/encoder') as new () => {
  writeVarInt(n: number): { buffer: Buffer };
  writeVarLong(n: unknown): { buffer: Buffer };
};
const Long = require('kafkajs/src/utils/long') as { fromValue(v: unknown): unknown; fromNumber(n: number): unknown };
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (d: unknown) => Promise<DecodedBatch>;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (o: Record<string, unknown>) => Promise<{ buffer: Buffer }>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (o: Record<string, unknown>) => unknown;
const kafkajsCrc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (b: Buffer) => number;
/* eslint-enable @typescript-eslint/no-require-imports */

interface DecodedBatch {
  firstOffset: string;
  firstTimestamp: string;
  maxTimestamp: string;
  lastOffsetDelta: number;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  inTransaction: boolean;
  records: {
    key: Buffer | null;
    value: Buffer | null;
    timestamp: string;
    offset: string;
    headers: Record<string, Buffer | Buffer[]>;
  }[];
}

const decode = (batch: Buffer) => decodeBatch(new Decoder(batch));

/** Every byte value, a newline, a NUL: binary payloads. */
const binary = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));

const RECORDS: RecordInput[] = [
  {
    key: 'k-1',
    value: binary(300, 1),
    headers: { source: 'test', bin: binary(5, 9) },
    timestamp: '1700000000000',
  },
  { key: null, value: null, timestamp: '1699999999000' }, // a tombstone, earlier than the first
  { key: binary(3, 2), value: 'plain text ✓', headers: { h: ['x', 'y'] }, timestamp: '1700000005000' },
  { key: 'big', value: binary(70_000, 3), timestamp: '1700000001000' }, // multi-byte length varints
];

describe('RecordBatch v2 encoding', () => {
  test('writes the same bytes as kafkajs’ own encoder for the same records', async () => {
    const batch = encodeRecordBatch(RECORDS);
    const base = 1_700_000_000_000;
    const expected = await RecordBatch({
      firstTimestamp: base,
      maxTimestamp: 1_700_000_005_000,
      partitionLeaderEpoch: -1,
      lastOffsetDelta: RECORDS.length - 1,
      producerId: Long.fromValue(-1),
      producerEpoch: -1,
      firstSequence: -1,
      records: RECORDS.map((r, i) =>
        Record({
          offsetDelta: i,
          timestampDelta: Long.fromNumber(Number(r.timestamp) - base),
          key: r.key ?? null,
          value: r.value,
          headers: r.headers,
        }),
      ),
    });
    assert.equal(batch.toString('hex'), expected.buffer.toString('hex'));
  });

  test('kafkajs reads back every field: offsets, timestamps, keys, values, repeated headers, idempotence', async () => {
    const batch = encodeRecordBatch(RECORDS, { producerId: 4242n, producerEpoch: 3, baseSequence: 1000 });
    const got = await decode(batch);
    assert.equal(got.firstOffset, '0');
    assert.equal(got.firstTimestamp, '1700000000000');
    assert.equal(got.maxTimestamp, '1700000005000');
    assert.equal(got.lastOffsetDelta, 3);
    assert.deepEqual([got.producerId, got.producerEpoch, got.firstSequence], ['4242', 3, 1000]);
    assert.equal(got.inTransaction, false);
    assert.deepEqual(
      got.records.map((r) => r.offset),
      ['0', '1', '2', '3'],
    );
    assert.deepEqual(
      got.records.map((r) => r.timestamp),
      RECORDS.map((r) => r.timestamp),
    );
    assert.deepEqual(got.records[0].key, Buffer.from('k-1'));
    assert.deepEqual(got.records[0].value, RECORDS[0].value);
    assert.deepEqual(got.records[0].headers, { source: Buffer.from('test'), bin: binary(5, 9) });
    assert.equal(got.records[1].key, null);
    assert.equal(got.records[1].value, null);
    assert.deepEqual(got.records[2].key, binary(3, 2));
    assert.equal(got.records[2].value?.toString('utf8'), 'plain text ✓');
    assert.deepEqual(got.records[2].headers, { h: [Buffer.from('x'), Buffer.from('y')] });
    assert.deepEqual(got.records[3].value, RECORDS[3].value);
  });

  test('records without a timestamp get the producer clock', async () => {
    const got = await decode(encodeRecordBatch([{ value: 'a' }, { value: 'b' }], { now: 1_234_567 }));
    assert.deepEqual(
      got.records.map((r) => r.timestamp),
      ['1234567', '1234567'],
    );
  });

  test('a CRC-32C over attributes to the end, as the broker checks it; stamp() re-computes it', () => {
    const batch = encodeRecordBatch(RECORDS);
    assert.equal(batch.readUInt32BE(17), kafkajsCrc32c(batch.subarray(21)));
    assert.equal(batch.readInt32BE(8), batch.length - 12, 'batchLength counts from the partition leader epoch');
    assert.equal(batch[16], 2, 'magic 2');
    stamp(batch, 77n, 1, 5);
    assert.equal(batch.readBigInt64BE(43), 77n);
    assert.equal(batch.readInt16BE(51), 1);
    assert.equal(batch.readInt32BE(53), 5);
    assert.equal(batch.readUInt32BE(17), kafkajsCrc32c(batch.subarray(21)));
  });

  test('an invalid timestamp is refused with the value named', () => {
    assert.throws(() => encodeRecordBatch([{ value: 'a', timestamp: 'yesterday' }]), /Invalid timestamp "yesterday"/);
  });

  for (const kind of ['gzip', 'snappy', 'lz4'] as const) {
    test(`${kind}: the codec in the attributes, the records compressed, read back by kafkajs`, async () => {
      await registerCodecs(kafkajs);
      const compressor = await compressorFor(kind);
      const batch = encodeRecordBatch(RECORDS, compressor);
      assert.equal(batch.readInt16BE(21) & 0x07, CODEC[kind]);
      assert.equal(batch.readInt32BE(57), RECORDS.length, 'the record count stays outside the compressed part');
      assert.ok(batch.length < encodeRecordBatch(RECORDS).length, 'smaller than uncompressed');
      assert.equal(batch.readUInt32BE(17), kafkajsCrc32c(batch.subarray(21)));
      const got = await decode(batch);
      assert.deepEqual(
        got.records.map((r) => [r.key, r.value]),
        RECORDS.map((r) => [r.key == null ? null : Buffer.from(r.key), r.value === null ? null : Buffer.from(r.value)]),
      );
    });
  }
});

describe('CRC-32C', () => {
  test('known vectors (RFC 3720 B.4 and the check value)', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.equal(crc32c(Buffer.alloc(32)), 0x8a9136aa);
    assert.equal(crc32c(Buffer.alloc(32, 0xff)), 0x62a8ab43);
    assert.equal(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i))), 0x46dd794e);
    assert.equal(crc32c(Buffer.alloc(0)), 0);
  });

  test('equals kafkajs’ CRC-32C at every length and alignment (the word-at-a-time path and the tail)', () => {
    const data = binary(4_000, 7);
    for (let start = 0; start < 8; start++)
      for (const length of [0, 1, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 3990]) {
        const slice = data.subarray(start, start + length);
        assert.equal(crc32c(slice), kafkajsCrc32c(slice), `start ${start}, length ${length}`);
        assert.equal(crc32c(data, start, start + length), kafkajsCrc32c(slice), `range ${start}+${length}`);
      }
  });
});

describe('zigzag varints', () => {
  test('as kafkajs writes varints and varlongs, small and large, negative and positive', () => {
    for (const n of [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 2 ** 31 - 1, -(2 ** 31), 2 ** 40, -(2 ** 40) - 5]) {
      const buf = Buffer.alloc(10);
      const end = writeVarint(buf, 0, n);
      assert.equal(end, sizeOfVarint(n), `size of ${n}`);
      const expected =
        Math.abs(n) < 2 ** 31
          ? new Encoder().writeVarInt(n).buffer
          : new Encoder().writeVarLong(Long.fromNumber(n)).buffer;
      assert.equal(buf.subarray(0, end).toString('hex'), expected.toString('hex'), `varint ${n}`);
    }
  });
});
