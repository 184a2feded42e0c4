/**
 * The sandbox's Confluent-compatible schema registry (<controlPlaneEndpoint>/confluent) over plain
 * HTTP as registry clients call it: basic auth, the seeded subjects and references, schemas by id,
 * registering (same schema → same id, incompatible → 409), lookups and Confluent's error codes;
 * and the Confluent framing of the seeded topic records.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kafka } from 'kafkajs';
import { kafkaConfig, sandbox, uniqueName } from '../support/sandbox';
import {
  AVRO_ORDER_V2,
  CONFLUENT_SUBJECTS,
  PROTO_ORDER_WITH_MONEY,
  SEED_TOPICS,
  confluentAuthHeader,
  schemaRegistries,
} from '../schema/fixtures';

interface Reply {
  status: number;
  body: unknown;
}

async function call(method: string, path: string, body?: unknown, auth = confluentAuthHeader()): Promise<Reply> {
  const res = await fetch(`${schemaRegistries().confluent.url}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body !== undefined ? { 'content-type': 'application/vnd.schemaregistry.v1+json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // raw schema text
  }
  return { status: res.status, body: parsed };
}

const enc = encodeURIComponent;

describe('Confluent-compatible registry', () => {
  it('asks for basic auth (or the bearer token) and refuses wrong credentials', async () => {
    const none = await call('GET', '/subjects', undefined, '');
    assert.equal(none.status, 401);
    assert.deepEqual((none.body as { error_code: number }).error_code, 40101);
    const wrong = await call('GET', '/subjects', undefined, `Basic ${Buffer.from('sandbox:nope').toString('base64')}`);
    assert.equal(wrong.status, 401);
    const bearer = await call('GET', '/subjects', undefined, `Bearer ${schemaRegistries().confluent.bearerToken}`);
    assert.equal(bearer.status, 200);
    const badBearer = await call('GET', '/subjects', undefined, 'Bearer not-the-token');
    assert.equal(badBearer.status, 401);
  });

  it('serves the seeded subjects, versions, schemas by id and references', async () => {
    const subjects = await call('GET', '/subjects');
    assert.equal(subjects.status, 200);
    for (const s of Object.values(CONFLUENT_SUBJECTS)) assert.ok((subjects.body as string[]).includes(s), s);

    const latest = await call('GET', `/subjects/${enc(CONFLUENT_SUBJECTS.avro)}/versions/latest`);
    const v = latest.body as { id: number; version: number; schema: string; schemaType?: string };
    assert.equal(v.version, 1);
    assert.equal(v.schema, AVRO_ORDER_V2);
    assert.equal(v.schemaType, undefined, 'AVRO is the default and left out, as Confluent does');

    const byId = await call('GET', `/schemas/ids/${v.id}`);
    assert.deepEqual(byId.body, { schema: AVRO_ORDER_V2 });
    const usedBy = await call('GET', `/schemas/ids/${v.id}/versions`);
    assert.deepEqual(usedBy.body, [{ subject: CONFLUENT_SUBJECTS.avro, version: 1 }]);

    const proto = (await call('GET', `/subjects/${enc(CONFLUENT_SUBJECTS.protobuf)}/versions/1`)).body as {
      id: number;
      schemaType: string;
      schema: string;
      references: { name: string; subject: string; version: number }[];
    };
    assert.equal(proto.schemaType, 'PROTOBUF');
    assert.equal(proto.schema, PROTO_ORDER_WITH_MONEY);
    assert.deepEqual(proto.references, [
      { name: 'sandbox/money.proto', subject: CONFLUENT_SUBJECTS.money, version: 1 },
    ]);
    const money = await call('GET', `/subjects/${enc(CONFLUENT_SUBJECTS.money)}/versions/1/referencedby`);
    assert.deepEqual(money.body, [proto.id]);
    const raw = await call('GET', `/schemas/ids/${proto.id}/schema`);
    assert.equal(raw.body, PROTO_ORDER_WITH_MONEY);
  });

  it('registers, reuses ids, looks up by definition and refuses an incompatible schema with 409', async () => {
    const subject = uniqueName('h5-confluent');
    const v1 = JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'id', type: 'string' }] });
    const r1 = await call('POST', `/subjects/${subject}/versions`, { schema: v1 });
    assert.equal(r1.status, 200);
    const id1 = (r1.body as { id: number }).id;
    const again = await call('POST', `/subjects/${subject}/versions`, { schema: JSON.stringify(JSON.parse(v1)) });
    assert.deepEqual(again.body, { id: id1 });
    const look = await call('POST', `/subjects/${subject}`, { schema: v1 });
    assert.deepEqual((look.body as { version: number; id: number }).version, 1);

    const bad = JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'int' },
      ],
    });
    const refused = await call('POST', `/subjects/${subject}/versions`, { schema: bad });
    assert.equal(refused.status, 409);
    assert.match((refused.body as { message: string }).message, /incompatible/);
    const check = await call('POST', `/compatibility/subjects/${subject}/versions/latest`, { schema: bad });
    assert.equal((check.body as { is_compatible: boolean }).is_compatible, false);

    const invalid = await call('POST', `/subjects/${subject}/versions`, { schema: '{"type":"nope"}' });
    assert.equal(invalid.status, 422);
    assert.equal((invalid.body as { error_code: number }).error_code, 42201);

    const deleted = await call('DELETE', `/subjects/${subject}`);
    assert.deepEqual(deleted.body, [1]);
    assert.equal((await call('GET', `/subjects/${subject}/versions`)).status, 404);
  });

  it("answers Confluent's error codes for unknown subjects, versions and ids", async () => {
    const subject = await call('GET', '/subjects/no-such-subject/versions');
    assert.deepEqual([subject.status, (subject.body as { error_code: number }).error_code], [404, 40401]);
    const version = await call('GET', `/subjects/${enc(CONFLUENT_SUBJECTS.avro)}/versions/99`);
    assert.deepEqual([version.status, (version.body as { error_code: number }).error_code], [404, 40402]);
    const id = await call('GET', '/schemas/ids/999999');
    assert.deepEqual([id.status, (id.body as { error_code: number }).error_code], [404, 40403]);
  });

  it('frames the seeded Confluent topics: magic 0, schema id, Protobuf message indexes [0]', async () => {
    const avroId = ((await call('GET', `/subjects/${enc(CONFLUENT_SUBJECTS.avro)}/versions/1`)).body as { id: number })
      .id;
    const protoId = (
      (await call('GET', `/subjects/${enc(CONFLUENT_SUBJECTS.protobuf)}/versions/1`)).body as { id: number }
    ).id;
    const kafka = new Kafka(kafkaConfig(sandbox(), 'plaintext'));
    const firstValue = async (topic: string): Promise<Buffer> => {
      const groupId = uniqueName('h5-confluent-read');
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        return await new Promise<Buffer>((resolve, reject) => {
          consumer
            .run({
              eachMessage: ({ message }) => {
                if (message.value) resolve(message.value);
                return Promise.resolve();
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect();
        const admin = kafka.admin();
        await admin.connect();
        await admin.deleteGroups([groupId]).catch(() => undefined);
        await admin.disconnect();
      }
    };
    const avro = await firstValue(SEED_TOPICS.avroConfluent);
    assert.equal(avro[0], 0);
    assert.equal(avro.readUInt32BE(1), avroId);
    const proto = await firstValue(SEED_TOPICS.protobufConfluent);
    assert.equal(proto.readUInt32BE(1), protoId);
    assert.equal(proto[5], 0, 'message indexes [0] are written as a single 0');
  });
});
