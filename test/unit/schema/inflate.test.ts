/**
 * The inflater of zlib-compressed Glue payloads gives exactly what Node's zlib gives, for small and
 * large records and every compression level, and refuses corrupt data (header, deflate data,
 * Adler-32) with a reason.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { adler32, inflateZlib } from '../../../src/kafka/schema/inflate';

function sample(size: number, seed: number): Buffer {
  // Half text-like (compressible), half random bytes.
  const text = Buffer.from(
    Array.from({ length: size }, (_, i) => `{"id":"order-${seed + i}","n":${i % 97}}`.charAt(i % 24)).join(''),
  );
  return Buffer.concat([text.subarray(0, size >> 1), randomBytes(size - (size >> 1))]);
}

describe('inflateZlib', () => {
  it('inflates what Node deflates, at every level, from empty to 1 MiB', () => {
    for (const size of [0, 1, 17, 200, 5_000, 70_000, 1 << 20]) {
      for (const level of [0, 1, 6, 9]) {
        const raw = sample(size, size + level);
        const out = inflateZlib(deflateSync(raw, { level }));
        assert.ok(out.equals(raw), `size ${size}, level ${level}`);
        assert.ok(Buffer.isBuffer(out));
      }
    }
  });

  it('returns its own bytes (a later record does not overwrite an earlier one)', () => {
    const a = inflateZlib(deflateSync(Buffer.from('first record')));
    inflateZlib(deflateSync(Buffer.from('second one, longer than the first')));
    assert.equal(a.toString(), 'first record');
  });

  it('computes Adler-32 as zlib does', () => {
    const raw = sample(100_000, 3);
    const z = deflateSync(raw);
    assert.equal(adler32(raw), z.readUInt32BE(z.length - 4));
    assert.equal(adler32(Buffer.alloc(0)), 1);
  });

  it('refuses a wrong header, broken deflate data and a wrong checksum, saying which', () => {
    const z = deflateSync(Buffer.from('{"id":"order-1","amount":"12.50"}'));
    assert.throws(() => inflateZlib(Buffer.from('deadbeefdeadbeef', 'hex')), /incorrect header check/);
    const badChecksum = Buffer.from(z);
    badChecksum[badChecksum.length - 1] ^= 0xff;
    assert.throws(() => inflateZlib(badChecksum), /incorrect data check/);
    assert.throws(() => inflateZlib(z.subarray(0, z.length - 8)));
    assert.throws(() => inflateZlib(Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1])));
    // Node's zlib agrees these are not zlib data.
    assert.throws(() => inflateSync(badChecksum));
  });
});
