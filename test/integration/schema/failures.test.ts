/**
 * Records that cannot be decoded, against the sandbox's registries and broker: an unknown schema
 * id, corrupt bytes, access denied (naming glue:GetSchemaVersion), an unreachable registry (asked
 * once, not for every record), a wrong Confluent password. Each such record keeps its raw bytes with
 * the reason, plain records stay plain, and the tail goes on: every record is there.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Kafka } from 'kafkajs';
import {
  buildWireFormat,
  encodeForSchema,
  TailSchemaDecoder,
  recordDecoding,
  type FieldDecoding,
  type RegistrySchema,
  type SchemaResolver,
} from '../../../src/kafka/schema';
import type { TailRecord } from '../../../src/kafka/tail';
import type { ClusterRef } from '../../../src/services/clusterModel';
import type { MskBackend } from '../../../src/services/mskBackend';
import type { MskSettings } from '../../../src/services/settingsModel';
import { schemaRegistrySecretKey } from '../../../src/services/schemaSettings';
import { closedPort, newPool, waitFor } from '../kafka/helpers';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, kafkaConfig, sandbox } from '../support/sandbox';
import { startTail, waitForCount } from '../tail/helpers';
import {
  AVRO_ORDER_V1,
  GLUE_RESTRICTED_REGISTRY,
  GLUE_SCHEMAS,
  glueSeedVersionId,
  schemaRegistries,
  seedOrder,
} from './fixtures';

const pool = newPool();
const cleanup = new Cleanup();
const backends: MskBackend[] = [];
let topic: string;

const ORDERS_V1: RegistrySchema = {
  ref: { registry: 'glue', schemaVersionId: glueSeedVersionId(GLUE_SCHEMAS.avro, 1) },
  dataFormat: 'AVRO',
  definition: AVRO_ORDER_V1,
  name: 'orders-avro v1',
};

/** What the test topic holds, in order. */
const RECORDS = {
  good: encodeForSchema(seedOrder(0), ORDERS_V1, { compression: 'zlib' }),
  unknownId: buildWireFormat({ registry: 'glue', schemaVersionId: randomUUID() }, Buffer.from('0461310a', 'hex')),
  badZlib: Buffer.concat([encodeForSchema(seedOrder(1), ORDERS_V1).subarray(0, 18), Buffer.from('not zlib')]).fill(
    5,
    1,
    2,
  ),
  truncated: encodeForSchema(seedOrder(2), ORDERS_V1).subarray(0, 24),
  plain: Buffer.from('{"just":"json"}'),
  restricted: buildWireFormat(
    { registry: 'glue', schemaVersionId: glueSeedVersionId(GLUE_SCHEMAS.restrictedAvro, 1, GLUE_RESTRICTED_REGISTRY) },
    Buffer.from('0461310a', 'hex'),
  ),
  confluentUnknown: buildWireFormat({ registry: 'confluent', id: 987_654 }, Buffer.from('0461310a', 'hex')),
  goodAgain: encodeForSchema(seedOrder(3), ORDERS_V1),
};
const COUNT = Object.keys(RECORDS).length;

before(async () => {
  topic = await cleanup.createTopic('schema-failures', 1);
  const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: Object.values(RECORDS).map((value, i) => ({ key: `r${i}`, value })) });
  } finally {
    await producer.disconnect();
  }
});

after(async () => {
  await pool.disposeAll();
  for (const b of backends) await b.dispose();
  await cleanup.run();
});

let listed: ClusterRef | undefined;

/** The sandbox cluster as the explorer lists it (with the sandbox's own settings). */
async function sandboxCluster(): Promise<ClusterRef> {
  if (listed) return listed;
  const backend = backendWith(sandboxSettings());
  backends.push(backend);
  const [scope] = await backend.scopes();
  const arn = sandbox().clusters.provisioned.arn;
  listed = (await backend.listClusters(scope, undefined, 100)).items.find((c) => c.arn === arn)!;
  return listed;
}

/** The cluster's schema resolver from a backend with these settings/secrets (and maybe another profile). */
async function clusterWith(overrides: Partial<MskSettings>, secrets: Record<string, string> = {}, profile?: string) {
  const found = await sandboxCluster();
  const backend = backendWith(sandboxSettings(overrides), secrets);
  backends.push(backend);
  const cluster: ClusterRef = profile ? { ...found, profile } : found;
  return { backend, resolver: backend.schemaRegistries().resolverFor(cluster) };
}

/** The test topic through the tail engine with the schema decoder: value decodings by record name. */
async function tailAll(resolver: SchemaResolver): Promise<Record<keyof typeof RECORDS, FieldDecoding | undefined>> {
  const decoder = new TailSchemaDecoder(resolver);
  const session = await startTail(pool, topic, { start: { kind: 'oldest' }, beforeBuffer: (r) => decoder.observe(r) });
  let records: TailRecord[];
  try {
    await waitForCount(session, COUNT);
    records = [...session.buffer.view()];
  } finally {
    await session.stop();
  }
  await waitFor('every schema lookup to end', () =>
    Promise.resolve(records.every((r) => recordDecoding(r, 'value') !== 'pending') ? true : undefined),
  );
  const names = Object.keys(RECORDS) as (keyof typeof RECORDS)[];
  assert.equal(records.length, COUNT, 'the tail went on: every record is there');
  return Object.fromEntries(
    records.map((r, i) => [names[i], recordDecoding(r, 'value') as FieldDecoding | undefined]),
  ) as Record<keyof typeof RECORDS, FieldDecoding | undefined>;
}

function reason(d: FieldDecoding | undefined): string | undefined {
  return d?.kind === 'undecodable' ? d.reason : d?.kind;
}

function message(d: FieldDecoding | undefined): string {
  return d?.kind === 'undecodable' ? d.message : '';
}

describe('records that cannot be decoded', () => {
  test('unknown id, corrupt zlib, a truncated record: each says why, the others decode', async () => {
    const { resolver } = await clusterWith({});
    const d = await tailAll(resolver);
    assert.equal(reason(d.good), 'decoded');
    assert.equal(reason(d.goodAgain), 'decoded');
    assert.equal(reason(d.unknownId), 'unknown-id');
    assert.match(message(d.unknownId), /no schema version .* \(glue:GetSchemaVersion\)/);
    assert.equal(reason(d.badZlib), 'corrupt');
    assert.match(message(d.badZlib), /zlib/);
    assert.equal(reason(d.truncated), 'corrupt');
    assert.match(message(d.truncated), /Avro schema orders-avro v1/);
    assert.equal(d.plain, undefined, 'plain JSON is not taken for a wire format');
    // No Confluent registry is set for the cluster: bytes starting with 0 are left as they are.
    assert.equal(d.confluentUnknown, undefined);
  });

  test('access denied names glue:GetSchemaVersion; schemas the identity may read still decode', async () => {
    const { resolver } = await clusterWith({}, {}, sandbox().aws.readonlyProfile);
    const d = await tailAll(resolver);
    assert.equal(reason(d.restricted), 'access-denied');
    assert.match(message(d.restricted), /glue:GetSchemaVersion/);
    assert.equal(reason(d.good), 'decoded');
  });

  test('an unreachable registry is asked once, not for every record', async () => {
    const port = await closedPort();
    const { resolver } = await clusterWith({ awsEndpoint: `http://127.0.0.1:${port}` });
    const d = await tailAll(resolver);
    for (const k of ['good', 'unknownId', 'restricted', 'goodAgain'] as const) {
      assert.equal(reason(d[k]), 'unreachable', k);
    }
    assert.match(message(d.good), /glue:GetSchemaVersion failed/);
    assert.equal(resolver.fetches, 1);
  });

  test('Confluent: an unknown id, and a wrong password named as refused access', async () => {
    const confluent = schemaRegistries().confluent;
    const arn = sandbox().clusters.provisioned.arn;
    const setting = {
      schemaRegistries: [{ cluster: arn, url: confluent.url, auth: 'basic' as const, username: confluent.username }],
    };
    const ok = await clusterWith(setting, { [schemaRegistrySecretKey(arn)]: confluent.password });
    const d = await tailAll(ok.resolver);
    assert.equal(reason(d.confluentUnknown), 'unknown-id');
    assert.match(message(d.confluentUnknown), /no schema with id 987654/);

    const wrong = await clusterWith(setting, { [schemaRegistrySecretKey(arn)]: `${confluent.password}-wrong` });
    const w = await tailAll(wrong.resolver);
    assert.equal(reason(w.confluentUnknown), 'access-denied');
    assert.match(message(w.confluentUnknown), /refused access \(HTTP 401/);
  });
});
