/**
 * Reading schema-encoded topics as the tail does, against the sandbox's registries and broker: the
 * real tail engine reads the seeded topics, the tail's schema decoder fetches each schema once
 * through the backend (Glue GetSchemaVersion with the cluster's profile, SigV4-checked; the
 * Confluent registry with basic auth from secret storage) and every record decodes to the JSON a
 * person expects, with the schema's name. Both wire formats, Avro / Protobuf / JSON Schema,
 * zlib-compressed Glue records, Protobuf references.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TailSchemaDecoder, recordDecoding, type Decoded, type SchemaResolver } from '../../../src/kafka/schema';
import { recordToJson, type TailRecord, type TailSession } from '../../../src/kafka/tail';
import type { ClusterRef } from '../../../src/services/clusterModel';
import type { MskBackend } from '../../../src/services/mskBackend';
import { schemaRegistrySecretKey } from '../../../src/services/schemaSettings';
import { newPool, waitFor } from '../kafka/helpers';
import { backendWith, sandboxSettings } from '../support/backend';
import { sandbox } from '../support/sandbox';
import { startTail, waitForCount } from '../tail/helpers';
import { SEED_COUNT, SEED_TOPICS, schemaRegistries, seedOrder } from './fixtures';

const pool = newPool();
let backend: MskBackend;
let cluster: ClusterRef;

before(async () => {
  const st = sandbox();
  const confluent = schemaRegistries().confluent;
  const arn = st.clusters.provisioned.arn;
  backend = backendWith(
    sandboxSettings({
      schemaRegistries: [{ cluster: arn, url: confluent.url, auth: 'basic', username: confluent.username }],
    }),
    { [schemaRegistrySecretKey(arn)]: confluent.password },
  );
  const [scope] = await backend.scopes();
  cluster = (await backend.listClusters(scope, undefined, 100)).items.find((c) => c.arn === arn)!;
  assert.ok(cluster, 'the sandbox cluster is listed');
});

after(async () => {
  await pool.disposeAll();
  await backend.dispose();
});

/** Tails a seeded topic from the start with the tail's schema decoder; waits for every record to decode. */
async function readDecoded(topic: string, count: number, resolver: SchemaResolver): Promise<TailRecord[]> {
  const decoder = new TailSchemaDecoder(resolver);
  const session: TailSession = await startTail(pool, topic, {
    start: { kind: 'oldest' },
    beforeBuffer: (records) => decoder.observe(records),
  });
  try {
    await waitForCount(session, count);
    const records = [...session.buffer.view()];
    // Decoding waits for nothing but the schemas' first fetch.
    await waitFor('the schemas of every record', () =>
      Promise.resolve(records.every((r) => recordDecoding(r, 'value') !== 'pending') ? true : undefined),
    );
    return records;
  } finally {
    await session.stop();
  }
}

function decodedValue(r: TailRecord): Decoded {
  const d = recordDecoding(r, 'value');
  assert.ok(d && d !== 'pending', `offset ${r.offset} is not decoded yet`);
  assert.equal(d.kind, 'decoded', d.kind === 'undecodable' ? d.message : '');
  return d;
}

describe('Glue wire format', () => {
  test('Avro: every record decodes (zlib and plain, two schema versions), one fetch per version', async () => {
    const resolver = backend.schemaRegistries().resolverFor(cluster);
    const records = await readDecoded(SEED_TOPICS.avro, SEED_COUNT.avro, resolver);
    assert.equal(records.length, SEED_COUNT.avro);
    records.forEach((r, i) => {
      const d = decodedValue(r);
      const { id, customer, amount, status, created, lines } = d.value as Record<string, unknown>;
      assert.deepEqual({ id, customer, amount, status, created, lines }, seedOrder(i));
      assert.equal(d.label, `Avro · orders-avro v${i >= SEED_COUNT.avro / 2 ? 2 : 1}`);
      assert.equal(r.key?.toString(), seedOrder(i).id, 'plain keys stay as they are');
      assert.equal(recordDecoding(r, 'key'), undefined);
    });
    assert.ok(
      records.some((r) => r.value![1] === 5),
      'some records are zlib-compressed',
    );
    assert.equal(resolver.fetches, 2, 'one GetSchemaVersion per schema version, not per record');
  });

  test('Protobuf: the message type comes from the message index (two top-level messages), Timestamp as text', async () => {
    const resolver = backend.schemaRegistries().resolverFor(cluster);
    const records = await readDecoded(SEED_TOPICS.protobuf, SEED_COUNT.protobuf, resolver);
    records.forEach((r, i) => {
      const d = decodedValue(r);
      const o = seedOrder(i);
      if (i % 5 === 4) {
        assert.equal(d.messageType, 'sandbox.orders.OrderCancelled');
        assert.deepEqual(d.value, { id: o.id, reason: 'customer asked' });
        return;
      }
      assert.equal(d.messageType, 'sandbox.orders.Order');
      assert.deepEqual(d.value, {
        id: o.id,
        customer: o.customer,
        amountCents: String(Math.round(Number(o.amount) * 100)),
        // proto3 JSON leaves out default values: status NEW (0) is not written.
        ...(o.status === 'NEW' ? {} : { status: o.status }),
        // The Protobuf JSON mapping writes no fraction for whole seconds.
        created: o.created.replace('.000Z', 'Z'),
        lines: o.lines.map((sku, j) => ({ sku, quantity: j + 1 })),
      });
      assert.equal(d.label, 'Protobuf · orders-protobuf v1');
    });
  });

  test('JSON Schema: the JSON payload, with the schema named', async () => {
    const resolver = backend.schemaRegistries().resolverFor(cluster);
    const records = await readDecoded(SEED_TOPICS.json, SEED_COUNT.json, resolver);
    records.forEach((r, i) => {
      const d = decodedValue(r);
      assert.deepEqual(d.value, { ...seedOrder(i), amount: Number(seedOrder(i).amount) });
      assert.equal(d.label, 'JSON Schema · orders-json v1');
    });
  });

  test('export JSON carries the decoded value and its schema reference, or the raw bytes when asked', async () => {
    const resolver = backend.schemaRegistries().resolverFor(cluster);
    const [r] = await readDecoded(SEED_TOPICS.avro, SEED_COUNT.avro, resolver);
    const json = recordToJson(SEED_TOPICS.avro, r);
    assert.equal((json.value as { id: string }).id, seedOrder(0).id);
    assert.equal(json.valueSchema?.registry, 'glue');
    assert.equal(json.valueSchema?.name, 'orders-avro v1');
    assert.equal(json.valueSchema?.dataFormat, 'AVRO');
    const raw = recordToJson(SEED_TOPICS.avro, r, true, true);
    assert.equal(raw.valueEncoding, 'base64');
    assert.deepEqual(Buffer.from(raw.value as string, 'base64'), r.value);
    assert.equal(raw.valueSchema, undefined);
  });
});

describe('Confluent wire format', () => {
  test('Avro through the REST registry with basic auth from secret storage', async () => {
    const resolver = backend.schemaRegistries().resolverFor(cluster);
    const records = await readDecoded(SEED_TOPICS.avroConfluent, SEED_COUNT.avroConfluent, resolver);
    records.forEach((r, i) => {
      const d = decodedValue(r);
      const { id, customer, amount, status, created, lines } = d.value as Record<string, unknown>;
      assert.deepEqual({ id, customer, amount, status, created, lines }, seedOrder(i));
      assert.equal(d.wire, 'confluent');
      assert.equal(d.label, 'Avro · sandbox.orders-avro-confluent-value v1');
    });
  });

  test('Protobuf with a reference (import of another subject)', async () => {
    const resolver = backend.schemaRegistries().resolverFor(cluster);
    const records = await readDecoded(SEED_TOPICS.protobufConfluent, SEED_COUNT.protobufConfluent, resolver);
    records.forEach((r, i) => {
      const d = decodedValue(r);
      const o = seedOrder(i);
      const [units, frac] = o.amount.split('.');
      const nanos = Number(frac) * 10_000_000;
      assert.deepEqual(d.value, {
        id: o.id,
        customer: o.customer,
        total: { currency: 'EUR', units: String(Number(units)), ...(nanos ? { nanos } : {}) },
      });
      assert.equal(d.messageType, 'sandbox.confluent.Order');
    });
  });
});
