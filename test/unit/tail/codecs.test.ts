import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as snappy from 'snappyjs';
import * as lz4 from 'lz4js';
import { registerCodecs, snappyDecompress, ZSTD_COMPRESSION_UNSUPPORTED } from '../../../src/kafka/codecs';
import * as kafkajs from 'kafkajs';

const text = Buffer.from('kafka '.repeat(5000));

function xerialFrame(chunks: Buffer[]): Buffer {
  const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
  const parts: Buffer[] = [header];
  for (const c of chunks) {
    const block = Buffer.from(snappy.compress(c));
    const len = Buffer.alloc(4);
    len.writeInt32BE(block.length);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}

describe('compression codecs', () => {
  test('snappy: raw and xerial-framed (Java client) payloads decode', () => {
    const raw = Buffer.from(snappy.compress(text));
    assert.deepEqual(
      snappyDecompress(raw, (b) => snappy.uncompress(b)),
      text,
    );
    const framed = xerialFrame([text.subarray(0, 1000), text.subarray(1000)]);
    assert.deepEqual(
      snappyDecompress(framed, (b) => snappy.uncompress(b)),
      text,
    );
  });

  test('registered codecs round-trip snappy and lz4; zstd compression says what to use instead', async () => {
    await registerCodecs(kafkajs);
    const codecs = kafkajs.CompressionCodecs as unknown as Record<
      number,
      () => { compress(e: { buffer: Buffer }): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer> }
    >;
    for (const type of [kafkajs.CompressionTypes.Snappy, kafkajs.CompressionTypes.LZ4]) {
      const codec = codecs[type]();
      const packed = await codec.compress({ buffer: text });
      assert.ok(packed.length < text.length);
      assert.deepEqual(await codec.decompress(packed), text);
    }
    // Our LZ4 frames are readable by the reference frame reader too, and mark blocks independent.
    const frame = await codecs[kafkajs.CompressionTypes.LZ4]().compress({ buffer: text });
    assert.deepEqual(Buffer.from(lz4.decompress(frame)), text);
    assert.equal(frame[4] & 0x20, 0x20, 'block independence flag');
    await assert.rejects(codecs[kafkajs.CompressionTypes.ZSTD]().compress({ buffer: text }), {
      message: ZSTD_COMPRESSION_UNSUPPORTED,
    });
  });
});
