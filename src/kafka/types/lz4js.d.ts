declare module 'lz4js' {
  /** Decompresses an LZ4 frame. */
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  /** Compresses into an LZ4 frame (dependent blocks: not accepted by Kafka brokers). */
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
  /** Worst-case compressed size of n bytes. */
  export function compressBound(n: number): number;
  /** Compresses src[sIndex, sIndex+sLength) into dst as one raw block; returns its size (0 = incompressible). */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
}

declare module 'lz4js/xxh32.js' {
  /** xxHash32 of src[index, index+len). */
  export function hash(seed: number, src: Uint8Array, index: number, len: number): number;
}
