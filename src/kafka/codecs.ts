/**
 * Pure-JS compression codecs for kafkajs: Snappy (raw and xerial-framed, as written by the Java
 * client), LZ4 (frame format) and ZSTD (decompress only). kafkajs ships only gzip; `registerCodecs`
 * fills its `CompressionCodecs` table once per loaded kafkajs module.
 */
import type * as KafkaJs from 'kafkajs';

/** What kafkajs expects of a codec: `compress` receives its Encoder (we only use `.buffer`). */
interface KafkajsCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_LENGTH = 16;

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function isXerialFramed(buffer: Buffer): boolean {
  return buffer.length >= XERIAL_HEADER_LENGTH && buffer.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

/** Decompresses raw Snappy or the xerial framing (16-byte header, then [int32 length][raw block]…). */
export function snappyDecompress(buffer: Buffer, uncompress: (b: Uint8Array) => Uint8Array): Buffer {
  if (!isXerialFramed(buffer)) return toBuffer(uncompress(buffer));
  const chunks: Buffer[] = [];
  let pos = XERIAL_HEADER_LENGTH;
  while (pos < buffer.length) {
    if (pos + 4 > buffer.length) throw new Error('Truncated xerial snappy frame');
    const size = buffer.readInt32BE(pos);
    pos += 4;
    if (size < 0 || pos + size > buffer.length) throw new Error('Truncated xerial snappy chunk');
    chunks.push(toBuffer(uncompress(buffer.subarray(pos, pos + size))));
    pos += size;
  }
  return Buffer.concat(chunks);
}

// LZ4 frame writer that Kafka brokers accept: independent 64 KiB blocks (lz4js's own frame writer
// marks blocks as dependent, which the broker rejects). Reading uses lz4js's frame reader.
const MAGIC = 0x184d2204;
const FLG_VERSION_1_BLOCK_INDEPENDENT = 0x60;
const BD_64KB = 0x40;
const BLOCK_SIZE = 64 * 1024;
const UNCOMPRESSED_BIT = 0x80000000;

interface Lz4Block {
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  compressBound(n: number): number;
}

export function lz4CompressFrame(
  src: Uint8Array,
  lz4: Lz4Block,
  xxh32: (seed: number, src: Uint8Array, index: number, len: number) => number,
): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(7);
  header.writeUInt32LE(MAGIC, 0);
  header[4] = FLG_VERSION_1_BLOCK_INDEPENDENT;
  header[5] = BD_64KB;
  header[6] = (xxh32(0, header, 4, 2) >> 8) & 0xff;
  parts.push(header);
  const block = new Uint8Array(lz4.compressBound(BLOCK_SIZE));
  const hashTable = new Uint32Array(1 << 16);
  for (let start = 0; start < src.length; start += BLOCK_SIZE) {
    const length = Math.min(BLOCK_SIZE, src.length - start);
    hashTable.fill(0);
    const size = lz4.compressBlock(src, block, start, length, hashTable);
    const lengthField = Buffer.alloc(4);
    if (size === 0 || size >= length) {
      lengthField.writeUInt32LE((UNCOMPRESSED_BIT | length) >>> 0, 0);
      parts.push(lengthField, Buffer.from(src.subarray(start, start + length)));
    } else {
      lengthField.writeUInt32LE(size, 0);
      parts.push(lengthField, Buffer.from(block.subarray(0, size)));
    }
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}

export const ZSTD_COMPRESSION_UNSUPPORTED = 'zstd compression is not supported, choose gzip/snappy/lz4';

async function loadCodecs(): Promise<Record<'snappy' | 'lz4' | 'zstd', KafkajsCodec>> {
  const [snappy, lz4, xxh32, fzstd] = await Promise.all([
    import('snappyjs'),
    import('lz4js'),
    import('lz4js/xxh32.js'),
    import('fzstd'),
  ]);
  return {
    snappy: {
      compress: (encoder) => Promise.resolve(toBuffer(snappy.compress(encoder.buffer))),
      decompress: (buffer) => Promise.resolve(snappyDecompress(buffer, (b) => snappy.uncompress(b))),
    },
    lz4: {
      compress: (encoder) => Promise.resolve(lz4CompressFrame(encoder.buffer, lz4, (...a) => xxh32.hash(...a))),
      decompress: (buffer) => Promise.resolve(toBuffer(lz4.decompress(buffer))),
    },
    zstd: {
      compress: () => Promise.reject(new Error(ZSTD_COMPRESSION_UNSUPPORTED)),
      decompress: (buffer) => Promise.resolve(toBuffer(fzstd.decompress(buffer))),
    },
  };
}

const registered = new WeakSet<object>();

/**
 * Registers Snappy, LZ4 (compress + decompress) and ZSTD (decompress; compress rejects with
 * ZSTD_COMPRESSION_UNSUPPORTED) into the given kafkajs module's CompressionCodecs. Idempotent.
 */
export async function registerCodecs(kafkajs: typeof KafkaJs): Promise<void> {
  // Loaded by import() the CJS module's named exports may sit only on `default`.
  const mod = kafkajs.CompressionCodecs ? kafkajs : (kafkajs as unknown as { default: typeof KafkaJs }).default;
  const table = mod.CompressionCodecs as unknown as Record<number, () => KafkajsCodec>;
  if (registered.has(table)) return;
  const codecs = await loadCodecs();
  table[mod.CompressionTypes.Snappy] = () => codecs.snappy;
  table[mod.CompressionTypes.LZ4] = () => codecs.lz4;
  table[mod.CompressionTypes.ZSTD] = () => codecs.zstd;
  registered.add(table);
}
