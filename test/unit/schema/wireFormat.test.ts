/**
 * The Glue and Confluent wire formats against byte fixtures laid out as the official serializers
 * write them (Glue: SerializationDataEncoder + ProtobufWireFormatEncoder; Confluent:
 * AbstractKafkaSchemaSerDe + MessageIndexes).
 */
import { strict as assert } from 'node:assert';
import { deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import {
  buildWireFormat,
  CorruptFrameError,
  parseWireFormat,
  readConfluentMessageIndexes,
  readGlueMessageIndex,
  writeConfluentMessageIndexes,
  writeGlueMessageIndex,
} from '../../../src/kafka/schema/wireFormat';
import { peekSchemaRef } from '../../../src/kafka/schema/fieldDecoder';

const UUID = 'b7b4a7f0-9c2e-4a5b-8f3d-1e2d3c4b5a69';
const UUID_HEX = 'b7b4a7f09c2e4a5b8f3d1e2d3c4b5a69';
/** Avro {id: "a1", amount: 5L}: string length 2 (zigzag 4), "a1", long 5 (zigzag 10). */
const AVRO = Buffer.from('0461310a', 'hex');

describe('Glue wire format', () => {
  it('reads an uncompressed record: version 3, compression 0, the UUID, the data', () => {
    const bytes = Buffer.from(`0300${UUID_HEX}0461310a`, 'hex');
    const f = parseWireFormat(bytes);
    assert.deepEqual(f, {
      wire: 'glue',
      ref: { registry: 'glue', schemaVersionId: UUID },
      compressed: false,
      payload: AVRO,
    });
  });

  it('reads a zlib record (compression byte 5, the data deflated as a whole)', () => {
    const bytes = Buffer.concat([Buffer.from(`0305${UUID_HEX}`, 'hex'), deflateSync(AVRO)]);
    const f = parseWireFormat(bytes);
    assert.equal(f?.compressed, true);
    assert.deepEqual(f?.payload, AVRO);
  });

  it('writes exactly the bytes it reads, with and without zlib', () => {
    const ref = { registry: 'glue' as const, schemaVersionId: UUID };
    assert.equal(buildWireFormat(ref, AVRO).toString('hex'), `0300${UUID_HEX}0461310a`);
    const zipped = buildWireFormat(ref, AVRO, 'zlib');
    assert.equal(zipped.subarray(0, 18).toString('hex'), `0305${UUID_HEX}`);
    assert.deepEqual(parseWireFormat(zipped)?.payload, AVRO);
  });

  it('says the data is corrupt when the zlib part does not inflate, naming the schema version', () => {
    const bytes = Buffer.from(`0305${UUID_HEX}deadbeef`, 'hex');
    assert.throws(
      () => parseWireFormat(bytes),
      (e: unknown) => e instanceof CorruptFrameError && e.ref?.registry === 'glue' && /inflate/.test(e.message),
    );
  });

  it('Protobuf: the message index is an unsigned varint before the message', () => {
    const framed = writeGlueMessageIndex(130, Buffer.from('0801', 'hex'));
    assert.equal(framed.toString('hex'), '82010801');
    assert.deepEqual(readGlueMessageIndex(framed), { index: 130, message: Buffer.from('0801', 'hex') });
  });
});

describe('Confluent wire format', () => {
  it('reads magic 0 and the big-endian schema id', () => {
    const f = parseWireFormat(Buffer.from('000000012c0461310a', 'hex'));
    assert.deepEqual(f, { wire: 'confluent', ref: { registry: 'confluent', id: 300 }, payload: AVRO });
  });

  it('writes the same header', () => {
    assert.equal(buildWireFormat({ registry: 'confluent', id: 300 }, AVRO).toString('hex'), '000000012c0461310a');
  });

  it('Protobuf message indexes: [0] is the single byte 0, others a zigzag count and zigzag indexes', () => {
    const msg = Buffer.from('0801', 'hex');
    assert.equal(writeConfluentMessageIndexes([0], msg).toString('hex'), '000801');
    assert.equal(writeConfluentMessageIndexes([1, 0], msg).toString('hex'), '0402000801');
    assert.deepEqual(readConfluentMessageIndexes(Buffer.from('000801', 'hex')), { path: [0], message: msg });
    assert.deepEqual(readConfluentMessageIndexes(Buffer.from('0402000801', 'hex')), { path: [1, 0], message: msg });
  });
});

describe('what is not a registry wire format', () => {
  it('leaves JSON, text, short and other binary alone', () => {
    for (const b of [Buffer.from('{"a":1}'), Buffer.from('hello'), Buffer.from([0, 0, 0]), Buffer.from([3, 9, 1, 2])]) {
      assert.equal(parseWireFormat(b), undefined, b.toString('hex'));
    }
    assert.equal(parseWireFormat(null), undefined);
    // Id 0 is never assigned by a registry.
    assert.equal(parseWireFormat(Buffer.from('0000000000ff', 'hex')), undefined);
  });

  it('the tail peeks at the header only, and Confluent framing only with a Confluent registry set', () => {
    const glue = Buffer.concat([Buffer.from(`0305${UUID_HEX}`, 'hex'), Buffer.from('not zlib')]);
    assert.deepEqual(peekSchemaRef(glue, false), { registry: 'glue', schemaVersionId: UUID });
    const confluent = Buffer.from('000000012c0461310a', 'hex');
    assert.equal(peekSchemaRef(confluent, false), undefined);
    assert.deepEqual(peekSchemaRef(confluent, true), { registry: 'confluent', id: 300 });
  });
});
