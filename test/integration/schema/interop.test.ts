/**
 * Interoperability with AWS's own Glue Schema Registry serde (software.amazon.glue:schema-registry-serde
 * from Maven Central, run by test/interop/harness.ts) against the sandbox's Glue endpoint and broker:
 *  - the Java serializer writes records (auto-registering its schema) → the extension's decoder, with
 *    the schema fetched through the backend (Glue GetSchemaVersion, SigV4), shows the same JSON;
 *  - the extension encodes records for that schema → the Java deserializer reads the same JSON;
 * for Avro, Protobuf and JSON Schema, without and with zlib compression.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteSchemaCommand, ListSchemaVersionsCommand } from '@aws-sdk/client-glue';
import { Kafka } from 'kafkajs';
import { decodeField, encodeForSchema, type SchemaResolver } from '../../../src/kafka/schema';
import type { MskBackend } from '../../../src/services/mskBackend';
import { buildHarness, javaRead, javaWrite } from '../../interop/harness';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, kafkaConfig, sandbox, uniqueName } from '../support/sandbox';
import { GLUE_REGISTRY, SEED_COUNT, SEED_TOPICS, glueClient, seedOrder } from './fixtures';

type Format = 'AVRO' | 'PROTOBUF' | 'JSON';

const AVRO = JSON.stringify({
  type: 'record',
  name: 'Shipment',
  namespace: 'interop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'weight', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 3 } },
    { name: 'status', type: { type: 'enum', name: 'State', symbols: ['PACKED', 'SENT', 'LOST'] } },
    { name: 'sent', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'items', type: { type: 'array', items: 'string' } },
    { name: 'count', type: 'int' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

const PROTO = `syntax = "proto3";
package interop;

import "google/protobuf/timestamp.proto";

enum State {
  PACKED = 0;
  SENT = 1;
  LOST = 2;
}

message Shipment {
  string id = 1;
  int64 grams = 2;
  State status = 3;
  google.protobuf.Timestamp sent = 4;
  repeated Item items = 5;

  message Item {
    string sku = 1;
    int32 quantity = 2;
  }
}
`;

const JSON_SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    id: { type: 'string' },
    weight: { type: 'number' },
    items: { type: 'array', items: { type: 'string' } },
    note: { type: ['string', 'null'] },
  },
  required: ['id', 'weight'],
});

const DEFINITIONS: Record<Format, string> = { AVRO, PROTOBUF: PROTO, JSON: JSON_SCHEMA };

/** Three values per format, as a person sees them (the decoders' JSON conventions). */
function values(format: Format, tag: string): unknown[] {
  if (format === 'AVRO') {
    return [0, 1, 2].map((i) => ({
      id: `${tag}-${i}`,
      weight: ['1.250', '-0.001', '123456.789'][i],
      status: ['PACKED', 'SENT', 'LOST'][i],
      sent: new Date(Date.UTC(2026, 5, 1, 12, i, 30, i * 7)).toISOString(),
      items: Array.from({ length: i }, (_, j) => `sku-${j}`),
      count: [1, -40, 2_000_000][i],
      note: i === 1 ? null : `note ${i} ✓`,
    }));
  }
  if (format === 'PROTOBUF') {
    return [0, 1, 2].map((i) => ({
      id: `${tag}-${i}`,
      grams: ['1250', '9007199254740993', '7'][i],
      status: ['SENT', 'LOST', 'SENT'][i],
      sent: new Date(Date.UTC(2026, 5, 1, 12, i, 30)).toISOString(),
      items: Array.from({ length: i + 1 }, (_, j) => ({ sku: `sku-${j}`, quantity: j + 1 })),
    }));
  }
  return [0, 1, 2].map((i) => ({
    id: `${tag}-${i}`,
    weight: [1.25, 0, 99.5][i],
    items: ['a', 'b'].slice(0, i),
    note: i === 2 ? null : `n${i}`,
  }));
}

/**
 * Same JSON, as a person reads it: RFC 3339 instants compared as instants (Java prints
 * `12:00:30Z`, JavaScript `12:00:30.000Z`), everything else exactly.
 */
function normalize(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v)) {
    return `instant ${Date.parse(v)}`;
  }
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

let classpath: string;
let backend: MskBackend;
let resolver: SchemaResolver;
const cleanup = new Cleanup();
const schemas: string[] = [];

before(async () => {
  classpath = buildHarness();
  backend = backendWith(sandboxSettings());
  const [scope] = await backend.scopes();
  assert.ok(scope, 'the sandbox profile is a scope');
  const arn = sandbox().clusters.provisioned.arn;
  const cluster = (await backend.listClusters(scope, undefined, 100)).items.find((c) => c.arn === arn);
  assert.ok(cluster, 'the sandbox cluster is listed');
  resolver = backend.schemaRegistries().resolverFor(cluster);
});

after(async () => {
  await cleanup.run();
  for (const SchemaName of schemas) {
    // A schema exists only when its Java write ran (a failed write leaves none).
    await glueClient()
      .send(new DeleteSchemaCommand({ SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName } }))
      .catch((err: Error) => {
        if (err.name !== 'EntityNotFoundException') throw err;
      });
  }
  await backend.dispose();
});

/** The raw values of the first `count` records of partition 0. */
async function rawValues(topic: string, count: number): Promise<Buffer[]> {
  const consumer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).consumer({
    groupId: cleanup.group('h5-interop-read'),
    maxWaitTimeInMs: 250,
  });
  const out: Buffer[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${out.length} of ${count} records of ${topic} in 30 s`)),
        30_000,
      );
      consumer
        .run({
          eachMessage: ({ message }) => {
            out.push(message.value ?? Buffer.alloc(0));
            if (out.length >= count) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return out.slice(0, count);
}

for (const format of ['AVRO', 'PROTOBUF', 'JSON'] as const) {
  for (const compression of ['NONE', 'ZLIB'] as const) {
    describe(`${format}, ${compression === 'ZLIB' ? 'zlib-compressed' : 'uncompressed'}`, () => {
      const schemaName = uniqueName(`h5-interop-${format.toLowerCase()}`);
      schemas.push(schemaName);

      test('records written by the Java serde decode in the extension to the same JSON', async () => {
        const topic = await cleanup.createTopic('h5-interop');
        const expected = values(format, 'java');
        await javaWrite(classpath, {
          state: sandbox(),
          topic,
          registry: GLUE_REGISTRY,
          schemaName,
          dataFormat: format,
          compression,
          definition: DEFINITIONS[format],
          records: expected.map((value, i) => ({ key: `k${i}`, value })),
        });
        const raw = await rawValues(topic, expected.length);
        const decoded = [];
        for (const bytes of raw) {
          assert.equal(bytes[0], 3, 'Glue header version byte');
          assert.equal(bytes[1], compression === 'ZLIB' ? 5 : 0, 'Glue compression byte');
          const d = await decodeField(bytes, resolver);
          assert.equal(d?.kind, 'decoded', d?.kind === 'undecodable' ? d.message : 'not a registry record');
          if (d?.kind === 'decoded') {
            assert.match(d.schemaName, new RegExp(`^${schemaName} v1$`));
            decoded.push(d.value);
          }
        }
        assert.deepEqual(normalize(decoded), normalize(expected));
      });

      test('records the extension encodes are read by the Java serde as the same JSON', async () => {
        // The schema version the Java serializer registered (its definition text is the serde's own).
        const versions = await glueClient().send(
          new ListSchemaVersionsCommand({ SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName: schemaName } }),
        );
        const versionId = versions.Schemas?.[0]?.SchemaVersionId;
        assert.ok(versionId, 'the Java serde registered a version');
        const schema = await resolver.get({ registry: 'glue', schemaVersionId: versionId });
        const topic = await cleanup.createTopic('h5-interop');
        const expected = values(format, 'ts');
        const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer({ allowAutoTopicCreation: false });
        await producer.connect();
        try {
          await producer.send({
            topic,
            messages: expected.map((v, i) => ({
              key: `k${i}`,
              value: encodeForSchema(v, schema, { compression: compression === 'ZLIB' ? 'zlib' : 'none' }),
            })),
          });
        } finally {
          await producer.disconnect();
        }
        const read = await javaRead(classpath, { state: sandbox(), topic }, expected.length);
        assert.deepEqual(
          read.map((r) => r.key),
          expected.map((_, i) => `k${i}`),
        );
        assert.deepEqual(normalize(read.map((r) => r.value)), normalize(expected));
      });
    });
  }
}

describe('Protobuf, a nested message type (Glue message index 1)', () => {
  const schemaName = uniqueName('h5-interop-nested');
  schemas.push(schemaName);
  const items = [
    { sku: 'sku-a', quantity: 3 },
    { sku: 'sku-b', quantity: 70000 },
  ];

  test('Java writes Shipment.Item records; the extension decodes them as that type', async () => {
    const topic = await cleanup.createTopic('h5-interop');
    await javaWrite(classpath, {
      state: sandbox(),
      topic,
      registry: GLUE_REGISTRY,
      schemaName,
      dataFormat: 'PROTOBUF',
      compression: 'NONE',
      definition: PROTO,
      messageType: 'interop.Shipment.Item',
      records: items.map((value, i) => ({ key: `k${i}`, value })),
    });
    const decoded = [];
    for (const bytes of await rawValues(topic, items.length)) {
      const d = await decodeField(bytes, resolver);
      assert.equal(d?.kind, 'decoded', d?.kind === 'undecodable' ? d.message : 'not a registry record');
      if (d?.kind === 'decoded') {
        assert.equal(d.messageType, 'interop.Shipment.Item');
        decoded.push(d.value);
      }
    }
    assert.deepEqual(decoded, items);
  });

  test('the extension encodes Shipment.Item records; Java reads them as that type', async () => {
    const versions = await glueClient().send(
      new ListSchemaVersionsCommand({ SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName: schemaName } }),
    );
    const versionId = versions.Schemas?.[0]?.SchemaVersionId;
    assert.ok(versionId, 'the Java serde registered a version');
    const schema = await resolver.get({ registry: 'glue', schemaVersionId: versionId });
    const topic = await cleanup.createTopic('h5-interop');
    const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: items.map((v) => ({ value: encodeForSchema(v, schema, { messageType: 'interop.Shipment.Item' }) })),
      });
    } finally {
      await producer.disconnect();
    }
    const read = await javaRead(classpath, { state: sandbox(), topic }, items.length);
    assert.deepEqual(
      read.map((r) => r.value),
      items,
    );
  });
});

describe('the seeded Glue topics', () => {
  for (const [topic, count] of [
    [SEED_TOPICS.avro, SEED_COUNT.avro],
    [SEED_TOPICS.protobuf, SEED_COUNT.protobuf],
    [SEED_TOPICS.json, SEED_COUNT.json],
  ] as const) {
    test(`${topic}: the Java serde reads every seeded record (zlib ones too) as the seeded order`, async () => {
      const read = await javaRead(classpath, { state: sandbox(), topic }, count);
      assert.deepEqual(
        read.map((r) => [r.key, (r.value as { id: string }).id]),
        Array.from({ length: count }, (_, i) => [seedOrder(i).id, seedOrder(i).id]),
      );
      if (topic !== SEED_TOPICS.protobuf) {
        assert.deepEqual(
          read.map((r) => String((r.value as { amount: unknown }).amount)),
          Array.from({ length: count }, (_, i) =>
            topic === SEED_TOPICS.json ? String(Number(seedOrder(i).amount)) : seedOrder(i).amount,
          ),
        );
      }
    });
  }
});
