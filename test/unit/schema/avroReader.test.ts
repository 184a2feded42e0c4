/**
 * The compiled Avro reader (avroReader.ts) gives exactly what decoding with avsc gives, for random
 * values of schemas using every Avro type and our logical types, and refuses truncated data and
 * trailing bytes with the same words. Types it leaves to avsc (wrapped unions, recursion) still decode.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type * as avsc from 'avsc';
import { avroType, decodeAvro, decodeAvroByAvsc } from '../../../src/kafka/schema/codecs/avro';
import { compileAvroReader } from '../../../src/kafka/schema/codecs/avroReader';

const RICH = {
  type: 'record',
  name: 'Rich',
  namespace: 't',
  fields: [
    { name: 'n', type: 'null' },
    { name: 'b', type: 'boolean' },
    { name: 'i', type: 'int' },
    { name: 'l', type: 'long' },
    { name: 'f', type: 'float' },
    { name: 'd', type: 'double' },
    { name: 's', type: 'string' },
    { name: 'raw', type: 'bytes' },
    { name: 'fx', type: { type: 'fixed', name: 'Fx', size: 5 } },
    { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] } },
    { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 30, scale: 4 } },
    { name: 'fdec', type: { type: 'fixed', name: 'FD', size: 9, logicalType: 'decimal', precision: 20, scale: 2 } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tsu', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'lts', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
    { name: 'opt', type: ['null', 'string'] },
    { name: 'num', type: ['null', 'int', 'string'] },
    {
      name: 'list',
      type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'k', type: 'string' }] } },
    },
    { name: 'm', type: { type: 'map', values: ['null', 'Item'] } },
    { name: 'nested', type: { type: 'array', items: { type: 'map', values: 'long' } } },
  ],
};

/** Random values that encode (logical types take only some of what their underlying type allows). */
function samples(type: avsc.Type, count: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    try {
      out.push(type.toBuffer(type.random()));
    } catch {
      // a random value the logical type refuses (e.g. out of the decimal's precision)
    }
  }
  return out;
}

describe('compiled Avro reader', () => {
  it('decodes random values of every type exactly as avsc does', () => {
    const type = avroType(JSON.stringify(RICH));
    assert.ok(compileAvroReader(type), 'the rich schema is compiled');
    const bufs = samples(type, 400);
    assert.ok(bufs.length >= 100, `${bufs.length} samples`);
    for (const buf of bufs) assert.deepEqual(decodeAvro(type, buf), decodeAvroByAvsc(type, buf));
  });

  it('writes longs beyond 32 bits, negative numbers and multi-block arrays as avsc reads them', () => {
    const type = avroType(
      JSON.stringify({ type: 'record', name: 'L', fields: [{ name: 'l', type: { type: 'array', items: 'long' } }] }),
    );
    const values = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 40 + 3, -(2 ** 52), 2 ** 50 + 7];
    const buf = type.toBuffer({ l: values });
    assert.deepEqual(decodeAvro(type, buf), { l: values });
    // An array in two blocks, the second with its byte size (negative count): [1, 2] then [3].
    const blocks = Buffer.from([0x04, 0x02, 0x04, 0x01, 0x02, 0x06, 0x00]);
    assert.deepEqual(decodeAvro(type, blocks), { l: [1, 2, 3] });
  });

  it('refuses truncated data and trailing bytes with the words avsc’s path uses', () => {
    const type = avroType(JSON.stringify(RICH));
    const [buf] = samples(type, 1);
    for (let cut = 0; cut < buf.length; cut++) {
      assert.throws(() => decodeAvro(type, buf.subarray(0, cut)), /ends before the record does|is not a/);
    }
    assert.throws(() => decodeAvro(type, Buffer.concat([buf, Buffer.from([1, 2])])), /2 bytes follow the Avro record/);
  });

  it('leaves wrapped unions and recursive records to avsc, which still decodes them', () => {
    const wrapped = avroType(
      JSON.stringify({
        type: 'record',
        name: 'W',
        fields: [
          {
            name: 'u',
            type: [
              { type: 'record', name: 'P', fields: [{ name: 'x', type: 'int' }] },
              { type: 'record', name: 'Q', fields: [{ name: 'y', type: 'int' }] },
            ],
          },
        ],
      }),
    );
    assert.equal(compileAvroReader(wrapped), undefined);
    assert.deepEqual(decodeAvro(wrapped, wrapped.toBuffer({ u: { Q: { y: 2 } } })), { u: { Q: { y: 2 } } });
    const list = avroType(
      JSON.stringify({ type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] }),
    );
    assert.equal(compileAvroReader(list), undefined);
    assert.deepEqual(decodeAvro(list, list.toBuffer({ next: { next: null } })), { next: { next: null } });
  });
});
