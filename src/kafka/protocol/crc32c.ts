/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of Kafka's record batches,
 * table-driven slice-by-8: eight bytes per step through eight 256-entry tables.
 */

const POLY = 0x82f63b78;

/** TABLES[k * 256 + n]: the CRC of byte n followed by k zero bytes. */
const TABLES = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** Whole 32-bit words can be read straight from memory (every platform Node ships for is little-endian). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** CRC-32C of `bytes[start, end)` as an unsigned 32-bit number. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = TABLES;
  let crc = -1;
  let i = start;
  if (LITTLE_ENDIAN) {
    // Byte by byte up to a 4-byte boundary, then two words per step.
    while (i < end && (bytes.byteOffset + i) & 3) crc = t[(crc ^ bytes[i++]) & 0xff] ^ (crc >>> 8);
    const pairs = (end - i) >>> 3;
    if (pairs > 0) {
      const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, pairs * 2);
      for (let w = 0; w < words.length; w += 2) {
        const a = words[w] ^ crc;
        const b = words[w + 1];
        crc = step(t, a, b);
      }
      i += pairs * 8;
    }
  } else {
    for (const stop = end - 7; i < stop; i += 8) {
      const a = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) ^ crc;
      const b = bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24);
      crc = step(t, a, b);
    }
  }
  for (; i < end; i++) crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Eight bytes (a: the first four, already combined with the CRC; b: the next four, little-endian). */
function step(t: Int32Array, a: number, b: number): number {
  return (
    t[1792 + (a & 0xff)] ^
    t[1536 + ((a >>> 8) & 0xff)] ^
    t[1280 + ((a >>> 16) & 0xff)] ^
    t[1024 + (a >>> 24)] ^
    t[768 + (b & 0xff)] ^
    t[512 + ((b >>> 8) & 0xff)] ^
    t[256 + ((b >>> 16) & 0xff)] ^
    t[b >>> 24]
  );
}
