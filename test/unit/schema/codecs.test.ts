/**
 * Decoding and encoding with each data format, through the public API (encodeForSchema /
 * decodeWithSchema): Avro logical types become readable JSON and are read back, Protobuf resolves
 * references and picks the message type by Glue's and Confluent's indexes, JSON Schema validates;
 * every validation error names the field path.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  decodeWithSchema,
  encodeForSchema,
  parseWireFormat,
  protobufMessageTypes,
  SchemaValidationError,
  validateForSchema,
  type RegistrySchema,
} from '../../../src/kafka/schema/index';

const GLUE_ID = '0a1b2c3d-0000-4000-8000-00000000abcd';

function schema(
  dataFormat: RegistrySchema['dataFormat'],
  definition: unknown,
  extra: Partial<RegistrySchema> = {},
): RegistrySchema {
  return {
    ref: { registry: 'glue', schemaVersionId: GLUE_ID },
    dataFormat,
    definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
    name: 'orders-value v3',
    ...extra,
  };
}

function roundTrip(s: RegistrySchema, value: unknown, opts = {}): unknown {
  const bytes = encodeForSchema(value, s, opts);
  const frame = parseWireFormat(bytes);
  assert.ok(frame);
  const d = decodeWithSchema(frame, s);
  assert.equal(d.kind, 'decoded', d.kind === 'undecodable' ? d.message : '');
  return d.kind === 'decoded' ? d.value : undefined;
}

const ORDER_AVRO = schema('AVRO', {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'placedAtMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'raw', type: 'bytes' },
    {
      name: 'items',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Item',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
          ],
        },
      },
    },
  ],
});

const ORDER = {
  id: '6f1c1c2e-0b7e-4a57-9c1e-3a4b5c6d7e8f',
  amount: '-1234.50',
  placedAt: '2026-12-02T04:00:00.123Z',
  placedAtMicros: '2026-12-02T04:00:00.123456Z',
  day: '2026-12-02',
  note: null,
  raw: Buffer.from([0, 1, 2, 255]).toString('base64'),
  items: [{ sku: 'A-1', qty: 2 }],
};

describe('Avro', () => {
  it('decodes logical types to readable JSON and writes them back from it', () => {
    assert.deepEqual(roundTrip(ORDER_AVRO, ORDER), ORDER);
  });

  it('decodes a decimal exactly (no floating point) and a negative one', () => {
    const v = roundTrip(ORDER_AVRO, { ...ORDER, amount: '99999999.99' }) as typeof ORDER;
    assert.equal(v.amount, '99999999.99');
    assert.equal((roundTrip(ORDER_AVRO, { ...ORDER, amount: '-0.01' }) as typeof ORDER).amount, '-0.01');
  });

  it('decodes to plain JSON data: nested, listed, mapped, optional and recursive records (CEL takes only plain objects)', () => {
    const outer = schema('AVRO', {
      type: 'record',
      name: 'Outer',
      fields: [
        { name: 'id', type: 'string' },
        {
          name: 'inner',
          type: {
            type: 'record',
            name: 'Inner',
            fields: [
              { name: 'n', type: 'int' },
              { name: 'b', type: 'bytes' },
            ],
          },
        },
        { name: 'list', type: { type: 'array', items: 'Inner' } },
        { name: 'm', type: { type: 'map', values: 'Inner' } },
        { name: 'u', type: ['null', 'Inner'] },
        { name: 'w', type: ['null', 'string', 'int'] },
        { name: 'next', type: ['null', 'Outer'], default: null },
      ],
    });
    const leaf = { id: 'b', inner: { n: 1, b: '' }, list: [], m: {}, u: null, w: null, next: null };
    const value = {
      id: 'a',
      inner: { n: 1, b: 'AQI=' },
      list: [{ n: 2, b: '' }],
      m: { k: { n: 3, b: 'AA==' } },
      u: { n: 4, b: '' },
      w: 5,
      next: leaf,
    };
    const decoded = roundTrip(outer, value);
    assert.deepEqual(decoded, value);
    const plain = (o: unknown): void => {
      if (!o || typeof o !== 'object') return;
      if (!Array.isArray(o)) assert.equal(Object.getPrototypeOf(o), Object.prototype);
      for (const x of Object.values(o)) plain(x);
    };
    plain(decoded);
    plain(roundTrip(ORDER_AVRO, ORDER));
  });

  it('the frame is the Glue one: header, then plain Avro binary', () => {
    const simple = schema('AVRO', {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'long' },
      ],
    });
    const bytes = encodeForSchema({ id: 'a1', n: 5 }, simple);
    assert.equal(bytes.toString('hex'), `0300${GLUE_ID.replace(/-/g, '')}0461310a`);
  });

  it('validation errors name the field path and what was expected', () => {
    const issues = validateForSchema({ ...ORDER, items: [{ sku: 'A-1', qty: 'two' }], amount: '1.234' }, ORDER_AVRO);
    const paths = issues.map((i) => i.path).sort();
    assert.deepEqual(paths, ['$.amount', '$.items[0].qty']);
    assert.match(issues.find((i) => i.path === '$.items[0].qty')!.message, /expected int, got "two"/);
    assert.match(issues.find((i) => i.path === '$.amount')!.message, /decimal/);
  });

  it('names a missing field and an unknown one', () => {
    const { note: _n, ...withoutNote } = ORDER;
    const { id: _i, ...withoutId } = ORDER;
    assert.deepEqual(
      validateForSchema(withoutId, ORDER_AVRO).map((i) => i.path),
      ['$.id'],
    );
    assert.match(validateForSchema(withoutId, ORDER_AVRO)[0].message, /missing/);
    assert.deepEqual(validateForSchema({ ...ORDER, colour: 'red' }, ORDER_AVRO), [
      { path: '$.colour', message: 'is not a field of the schema' },
    ]);
    assert.ok(withoutNote);
  });

  it('encodeForSchema refuses a value that does not fit, with the issues', () => {
    assert.throws(
      () => encodeForSchema({ ...ORDER, day: 'yesterday' }, ORDER_AVRO),
      (e: unknown) => e instanceof SchemaValidationError && e.issues[0]?.path === '$.day' && /\$\.day/.test(e.message),
    );
  });

  it('bytes that are not this record come back undecodable with the reason', () => {
    const frame = parseWireFormat(Buffer.from(`0300${GLUE_ID.replace(/-/g, '')}ff`, 'hex'))!;
    const d = decodeWithSchema(frame, ORDER_AVRO);
    assert.equal(d.kind, 'undecodable');
    assert.equal(d.kind === 'undecodable' && d.reason, 'corrupt');
    assert.match(d.kind === 'undecodable' ? d.message : '', /Avro schema orders-value v3/);
  });
});

const COMMON_PROTO = `syntax = "proto3";
package shop.common;
message Money { string currency = 1; int64 units = 2; }
`;

const ORDER_PROTO = `syntax = "proto3";
package shop;
import "common.proto";
import "google/protobuf/timestamp.proto";
message Order {
  string id = 1;
  shop.common.Money total = 2;
  repeated Line lines = 3;
  Status status = 4;
  google.protobuf.Timestamp placed_at = 5;
  map<string, string> tags = 6;
  message Line { string sku = 1; int32 qty = 2; }
  enum Status { NEW = 0; PAID = 1; }
}
message Ack { string order_id = 1; }
`;

const PROTO = schema('PROTOBUF', ORDER_PROTO, { references: [{ name: 'common.proto', definition: COMMON_PROTO }] });
const PROTO_ORDER = {
  id: 'o-1',
  total: { currency: 'EUR', units: '9007199254740993' },
  lines: [{ sku: 'A-1', qty: 2 }],
  status: 'PAID',
  placedAt: '2026-12-02T04:00:00.123Z',
  tags: { channel: 'web' },
};

describe('Protobuf', () => {
  it('resolves imports from the references and decodes to the Protobuf JSON mapping', () => {
    assert.deepEqual(roundTrip(PROTO, PROTO_ORDER), PROTO_ORDER);
  });

  it("Glue numbers the file's message types by full name (map entries included)", () => {
    // shop.Ack, shop.Order, shop.Order.Line, shop.Order.TagsEntry
    const ack = encodeForSchema({ orderId: 'o-1' }, PROTO, { messageType: 'shop.Ack' });
    assert.equal(ack[18], 0);
    const line = encodeForSchema({ sku: 'x' }, PROTO, { messageType: 'shop.Order.Line' });
    assert.equal(line[18], 2);
    const order = encodeForSchema(PROTO_ORDER, PROTO);
    assert.equal(order[18], 1);
    const d = decodeWithSchema(parseWireFormat(line)!, PROTO);
    assert.equal(d.kind === 'decoded' && d.messageType, 'shop.Order.Line');
  });

  it('Confluent uses the declaration path, [0] as a single zero byte', () => {
    const c = { ...PROTO, ref: { registry: 'confluent' as const, id: 7 } };
    assert.equal(encodeForSchema(PROTO_ORDER, c).subarray(5, 6).toString('hex'), '00');
    const line = encodeForSchema({ sku: 'x', qty: 1 }, c, { messageType: 'shop.Order.Line' });
    assert.equal(line.subarray(5, 8).toString('hex'), '040000');
    const ack = encodeForSchema({ orderId: 'z' }, c, { messageType: 'shop.Ack' });
    assert.equal(ack.subarray(5, 7).toString('hex'), '0202');
    const d = decodeWithSchema(parseWireFormat(ack)!, c);
    assert.deepEqual(d.kind === 'decoded' && d.value, { orderId: 'z' });
  });

  it('refuses a message type the schema does not declare, naming the ones it has', () => {
    assert.throws(
      () => encodeForSchema({ orderId: 'o-1' }, PROTO, { messageType: 'shop.Nope' }),
      (e: unknown) =>
        e instanceof Error &&
        e.name === 'UnknownMessageTypeError' &&
        /has no message type shop\.Nope \(it has shop\.Order, shop\.Ack/.test(e.message),
    );
  });

  it('lists the message types, the first top-level one first', () => {
    assert.deepEqual(protobufMessageTypes(PROTO), [
      'shop.Order',
      'shop.Ack',
      'shop.Order.Line',
      'shop.Order.TagsEntry',
    ]);
  });

  it('validation names nested paths: wrong types, unknown fields, bad enum names', () => {
    const issues = validateForSchema(
      { ...PROTO_ORDER, lines: [{ sku: 1 }], status: 'LOST', colour: 'red', total: { units: 'ten' } },
      PROTO,
    );
    assert.deepEqual(issues.map((i) => i.path).sort(), ['$.colour', '$.lines[0].sku', '$.status', '$.total.units']);
  });

  it('an import the registry did not return is named', () => {
    const broken = schema('PROTOBUF', ORDER_PROTO);
    assert.throws(() => encodeForSchema(PROTO_ORDER, broken), /imports "common.proto"/);
  });
});

const JSON_SCHEMA = schema('JSON', {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['id', 'total'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    total: { type: 'number', minimum: 0 },
    lines: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
  },
});

describe('JSON Schema', () => {
  it('writes UTF-8 JSON after the header and reads it back', () => {
    const v = { id: 'o-1', total: 12.5, lines: [{ sku: 'Å-1' }] };
    assert.deepEqual(roundTrip(JSON_SCHEMA, v), v);
    assert.deepEqual(roundTrip(JSON_SCHEMA, v, { compression: 'zlib' }), v);
  });

  it('validation errors name the path: missing, wrong type, not allowed', () => {
    const issues = validateForSchema({ id: 5, lines: [{}], extra: true }, JSON_SCHEMA);
    assert.deepEqual(issues.map((i) => i.path).sort(), ['$.extra', '$.id', '$.lines[0].sku', '$.total']);
    assert.equal(issues.find((i) => i.path === '$.total')!.message, 'is required');
  });

  it('draft-04 schemas are accepted too', () => {
    const d4 = schema('JSON', {
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: { a: { type: 'integer' } },
    });
    assert.deepEqual(
      validateForSchema({ a: 1.5 }, d4).map((i) => i.path),
      ['$.a'],
    );
  });
});
