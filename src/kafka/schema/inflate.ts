/**
 * zlib-inflating Glue record payloads (compression byte 5), many small ones in a row.
 *
 * Node's `zlib.inflateSync` creates and closes a native zlib handle (and a stream object) per call,
 * which costs more than inflating a record of a few hundred bytes. fflate inflates in JavaScript,
 * but without an output buffer it allocates 128 KiB per deflate block (slower still for small
 * records: bench/README.md). So the raw deflate data is inflated into one reused scratch buffer,
 * checked against the zlib stream's Adler-32 (fflate does not check it), and copied out at its size.
 * Output that fills the scratch buffer (it may have been cut), and data fflate refuses, go to Node's
 * zlib (which inflates the first and names what is wrong with the second).
 */
import { inflateSync as nodeInflate } from 'node:zlib';
import { inflateSync as rawInflate } from 'fflate';

const SCRATCH_BYTES = 256 * 1024;
let scratch: Uint8Array | undefined;

/** Adler-32 (RFC 1950) of bytes. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    // 5552 bytes is the most that can be summed before the sums must be reduced (zlib's NMAX).
    const end = Math.min(n, i + 5552);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Inflates a zlib stream (RFC 1950); throws an Error saying why when it does not inflate. */
export function inflateZlib(data: Buffer): Buffer {
  if (data.length < 6) throw new Error('too short for zlib data');
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7) throw new Error('incorrect header check');
  if (((cmf << 8) | flg) % 31 !== 0) throw new Error('incorrect header check');
  // A preset dictionary: not written by the Glue serializer; Node's zlib says what is wrong.
  if (flg & 0x20) return nodeInflate(data);
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  let out: Uint8Array;
  try {
    out = rawInflate(data.subarray(2, data.length - 4), { out: scratch });
  } catch {
    // Corrupt, or longer than the scratch buffer: Node's zlib inflates it or says what is wrong.
    return nodeInflate(data);
  }
  // Filled to the brim: the data may be longer than the scratch buffer.
  if (out.length === scratch.length) return nodeInflate(data);
  if (adler32(out) !== data.readUInt32BE(data.length - 4)) throw new Error('incorrect data check');
  return Buffer.from(out);
}
