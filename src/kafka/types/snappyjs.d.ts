declare module 'snappyjs' {
  /** Decompresses one raw Snappy block. */
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
  /** Compresses into one raw Snappy block. */
  export function compress(input: Uint8Array): Uint8Array;
}
