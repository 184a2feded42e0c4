/**
 * The compressors of the record batches we encode: the same implementations kafkajs is given
 * (../codecs.ts): Node's zlib for gzip, snappyjs (raw block), lz4js in the broker-readable frame.
 */
import { gzipSync } from 'node:zlib';
import { lz4CompressFrame } from '../codecs';
import { CODEC } from './recordBatch';

/** The compressions a produce can ask for (the produce engine's `ProduceCompression`). */
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4';

export interface Compressor {
  codec: number;
  compress?: (records: Buffer) => Buffer;
}

const toBuffer = (u: Uint8Array): Buffer =>
  Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The codec number and compress function of a produce compression (libraries loaded on first use). */
export async function compressorFor(kind: CompressionName): Promise<Compressor> {
  switch (kind) {
    case 'none':
      return { codec: CODEC.none };
    case 'gzip':
      return { codec: CODEC.gzip, compress: (records) => gzipSync(records) };
    case 'snappy': {
      const snappy = await import('snappyjs');
      return { codec: CODEC.snappy, compress: (records) => toBuffer(snappy.compress(records)) };
    }
    case 'lz4': {
      const [lz4, xxh32] = await Promise.all([import('lz4js'), import('lz4js/xxh32.js')]);
      return {
        codec: CODEC.lz4,
        compress: (records) => lz4CompressFrame(records, lz4, (...a) => xxh32.hash(...a)),
      };
    }
  }
}
