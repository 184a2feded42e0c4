/**
 * The sandbox's Glue Schema Registry endpoint through the real @aws-sdk/client-glue (only `endpoint`
 * changed): the seeded registries, schemas and versions, registering with compatibility checks,
 * lookups by id / number / latest / definition, Glue's error types, SigV4 and the readonly
 * principal's AccessDenied on the restricted registry; and the seeded topics' Glue framing.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  CheckSchemaVersionValidityCommand,
  CreateSchemaCommand,
  DeleteSchemaCommand,
  GetSchemaByDefinitionCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  GlueClient,
  ListRegistriesCommand,
  ListSchemaVersionsCommand,
  PutSchemaVersionMetadataCommand,
  QuerySchemaVersionMetadataCommand,
  RegisterSchemaVersionCommand,
  UpdateSchemaCommand,
  paginateListSchemas,
  type SchemaListItem,
} from '@aws-sdk/client-glue';
import { Kafka } from 'kafkajs';
import { kafkaConfig, sandbox, uniqueName } from '../support/sandbox';
import {
  AVRO_ORDER_V1,
  AVRO_ORDER_V2,
  GLUE_REGISTRY,
  GLUE_RESTRICTED_REGISTRY,
  GLUE_SCHEMAS,
  PROTO_ORDER,
  SEED_TOPICS,
  glueClient,
  glueSeedVersionId,
} from '../schema/fixtures';

const created: string[] = [];
after(async () => {
  for (const SchemaName of created) {
    await glueClient().send(new DeleteSchemaCommand({ SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName } }));
  }
});

async function newSchema(
  format: 'AVRO' | 'JSON' | 'PROTOBUF',
  definition: string,
  compatibility = 'BACKWARD',
): Promise<{ name: string; versionId: string }> {
  const name = uniqueName('h5-glue');
  const r = await glueClient().send(
    new CreateSchemaCommand({
      RegistryId: { RegistryName: GLUE_REGISTRY },
      SchemaName: name,
      DataFormat: format,
      Compatibility: compatibility as 'BACKWARD',
      SchemaDefinition: definition,
    }),
  );
  created.push(name);
  assert.equal(r.SchemaVersionStatus, 'AVAILABLE');
  return { name, versionId: r.SchemaVersionId ?? '' };
}

async function rejects(p: Promise<unknown>, name: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: Error) => {
    assert.equal(err.name, name);
    assert.match(err.message, message);
    return true;
  });
}

const record = (fields: object[]) =>
  JSON.stringify({ type: 'record', name: 'R', namespace: 'h5', fields: [{ name: 'id', type: 'string' }, ...fields] });

describe('Glue Schema Registry: seeded content', () => {
  it('lists the seeded registries and, page by page, their schemas', async () => {
    const regs = await glueClient().send(new ListRegistriesCommand({}));
    const names = (regs.Registries ?? []).map((r) => r.RegistryName);
    assert.ok(names.includes(GLUE_REGISTRY) && names.includes(GLUE_RESTRICTED_REGISTRY), names.join(','));
    const schemas: SchemaListItem[] = [];
    for await (const page of paginateListSchemas(
      { client: glueClient(), pageSize: 1 },
      { RegistryId: { RegistryName: GLUE_REGISTRY } },
    )) {
      assert.ok((page.Schemas ?? []).length <= 1);
      schemas.push(...(page.Schemas ?? []));
    }
    for (const s of [GLUE_SCHEMAS.avro, GLUE_SCHEMAS.protobuf, GLUE_SCHEMAS.json]) {
      assert.ok(
        schemas.some((x) => x.SchemaName === s),
        `${s} in ${schemas.map((x) => x.SchemaName).join(',')}`,
      );
    }
  });

  it('answers GetSchema and GetSchemaVersion by id, by number and latest', async () => {
    const g = glueClient();
    const SchemaId = { RegistryName: GLUE_REGISTRY, SchemaName: GLUE_SCHEMAS.avro };
    const schema = await g.send(new GetSchemaCommand({ SchemaId }));
    assert.equal(schema.DataFormat, 'AVRO');
    assert.equal(schema.Compatibility, 'BACKWARD');
    assert.equal(schema.LatestSchemaVersion, 2);
    assert.equal(schema.SchemaArn, `arn:aws:glue:us-east-1:${sandbox().accountId}:schema/${GLUE_REGISTRY}/orders-avro`);

    const byId = await g.send(new GetSchemaVersionCommand({ SchemaVersionId: glueSeedVersionId('orders-avro', 1) }));
    assert.equal(byId.SchemaDefinition, AVRO_ORDER_V1);
    assert.equal(byId.VersionNumber, 1);
    assert.equal(byId.Status, 'AVAILABLE');
    const latest = await g.send(
      new GetSchemaVersionCommand({ SchemaId, SchemaVersionNumber: { LatestVersion: true } }),
    );
    assert.equal(latest.SchemaVersionId, glueSeedVersionId('orders-avro', 2));
    assert.equal(latest.SchemaDefinition, AVRO_ORDER_V2);
    const two = await g.send(new GetSchemaVersionCommand({ SchemaId, SchemaVersionNumber: { VersionNumber: 2 } }));
    assert.equal(two.SchemaVersionId, latest.SchemaVersionId);
    const proto = await g.send(
      new GetSchemaVersionCommand({ SchemaVersionId: glueSeedVersionId(GLUE_SCHEMAS.protobuf, 1) }),
    );
    assert.equal(proto.SchemaDefinition, PROTO_ORDER);
    assert.equal(proto.DataFormat, 'PROTOBUF');
  });

  it('lists versions and finds a version by its definition', async () => {
    const SchemaId = { RegistryName: GLUE_REGISTRY, SchemaName: GLUE_SCHEMAS.avro };
    const versions = await glueClient().send(new ListSchemaVersionsCommand({ SchemaId }));
    assert.deepEqual(
      (versions.Schemas ?? []).map((v) => [v.VersionNumber, v.SchemaVersionId, v.Status]),
      [
        [1, glueSeedVersionId('orders-avro', 1), 'AVAILABLE'],
        [2, glueSeedVersionId('orders-avro', 2), 'AVAILABLE'],
      ],
    );
    // Same schema, other whitespace: Glue finds it.
    const pretty = JSON.stringify(JSON.parse(AVRO_ORDER_V1), null, 2);
    const found = await glueClient().send(new GetSchemaByDefinitionCommand({ SchemaId, SchemaDefinition: pretty }));
    assert.equal(found.SchemaVersionId, glueSeedVersionId('orders-avro', 1));
  });

  it('frames the seeded topic records as the Glue serde does (version id, zlib on odd offsets)', async () => {
    const kafka = new Kafka(kafkaConfig(sandbox(), 'plaintext'));
    const admin = kafka.admin();
    await admin.connect();
    const [hw] = await admin.fetchTopicOffsets(SEED_TOPICS.avro);
    await admin.disconnect();
    assert.ok(Number(hw?.high) >= 12, `high watermark ${hw?.high}`);
    const groupId = uniqueName('h5-glue-read');
    const consumer = kafka.consumer({ groupId });
    const values: Buffer[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: SEED_TOPICS.avro, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: ({ message }) => {
              if (message.value) values.push(message.value);
              if (values.length === 2) resolve();
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.connect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
    const uuid = (b: Buffer) => b.subarray(2, 18).toString('hex');
    assert.equal(values[0]?.[0], 3);
    assert.equal(values[0]?.[1], 0);
    assert.equal(values[1]?.[1], 5);
    assert.equal(uuid(values[0] ?? Buffer.alloc(18)), glueSeedVersionId('orders-avro', 1).replace(/-/g, ''));
  });
});

describe('Glue Schema Registry: registering', () => {
  it('adds a BACKWARD-compatible version, returns the same id for the same definition, refuses an incompatible one', async () => {
    const v1 = record([]);
    const { name, versionId } = await newSchema('AVRO', v1);
    const SchemaId = { RegistryName: GLUE_REGISTRY, SchemaName: name };
    const g = glueClient();
    const v2 = record([{ name: 'note', type: ['null', 'string'], default: null }]);
    const r2 = await g.send(new RegisterSchemaVersionCommand({ SchemaId, SchemaDefinition: v2 }));
    assert.deepEqual([r2.VersionNumber, r2.Status], [2, 'AVAILABLE']);
    const again = await g.send(new RegisterSchemaVersionCommand({ SchemaId, SchemaDefinition: v1 }));
    assert.deepEqual([again.SchemaVersionId, again.VersionNumber], [versionId, 1]);
    // A new field without a default: the new version cannot read version 2's data.
    const bad = record([{ name: 'amount', type: 'long' }]);
    const r3 = await g.send(new RegisterSchemaVersionCommand({ SchemaId, SchemaDefinition: bad }));
    assert.deepEqual([r3.VersionNumber, r3.Status], [3, 'FAILURE']);
    const latest = await g.send(
      new GetSchemaVersionCommand({ SchemaId, SchemaVersionNumber: { LatestVersion: true } }),
    );
    assert.equal(latest.VersionNumber, 2, 'a FAILURE version is never the latest');
    // With compatibility NONE the same definition is accepted as a new version.
    await g.send(new UpdateSchemaCommand({ SchemaId, Compatibility: 'NONE' }));
    const loose = record([{ name: 'amount2', type: 'long' }]);
    const r4 = await g.send(new RegisterSchemaVersionCommand({ SchemaId, SchemaDefinition: loose }));
    assert.deepEqual([r4.VersionNumber, r4.Status], [4, 'AVAILABLE']);
  });

  it('applies FORWARD, FULL and DISABLED', async () => {
    const g = glueClient();
    const base = record([{ name: 'qty', type: 'int', default: 0 }]);
    const register = async (name: string, definition: string) =>
      (
        await g.send(
          new RegisterSchemaVersionCommand({
            SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName: name },
            SchemaDefinition: definition,
          }),
        )
      ).Status;
    // Dropping a field that has no default in the old version: old readers cannot read new data.
    const dropped = record([]);
    const forward = await newSchema('AVRO', record([{ name: 'qty', type: 'int' }]), 'FORWARD');
    assert.equal(await register(forward.name, dropped), 'FAILURE');
    // Adding a field with a default is fine both ways; adding one without a default is not.
    const full = await newSchema('AVRO', base, 'FULL');
    assert.equal(
      await register(
        full.name,
        record([
          { name: 'qty', type: 'int', default: 0 },
          { name: 'x', type: ['null', 'string'], default: null },
        ]),
      ),
      'AVAILABLE',
    );
    assert.equal(
      await register(
        full.name,
        record([
          { name: 'qty', type: 'int', default: 0 },
          { name: 'y', type: 'string' },
        ]),
      ),
      'FAILURE',
    );
    const disabled = await newSchema('AVRO', base, 'DISABLED');
    assert.equal(await register(disabled.name, dropped), 'FAILURE');
  });

  it('checks JSON Schema and Protobuf compatibility', async () => {
    const json1 = JSON.stringify({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });
    const { name: jsonName } = await newSchema('JSON', json1);
    const json2 = JSON.stringify({
      type: 'object',
      properties: { id: { type: 'string' }, qty: { type: 'integer' } },
      required: ['id', 'qty'],
    });
    const jr = await glueClient().send(
      new RegisterSchemaVersionCommand({
        SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName: jsonName },
        SchemaDefinition: json2,
      }),
    );
    assert.equal(jr.Status, 'FAILURE', 'a newly required property breaks BACKWARD');

    const p1 = 'syntax = "proto3";\npackage h5;\nmessage M { string id = 1; }\n';
    const { name: protoName } = await newSchema('PROTOBUF', p1);
    const SchemaId = { RegistryName: GLUE_REGISTRY, SchemaName: protoName };
    const ok = await glueClient().send(
      new RegisterSchemaVersionCommand({
        SchemaId,
        SchemaDefinition: 'syntax = "proto3";\npackage h5;\nmessage M { string id = 1; int32 qty = 2; }\n',
      }),
    );
    assert.equal(ok.Status, 'AVAILABLE');
    const changed = await glueClient().send(
      new RegisterSchemaVersionCommand({
        SchemaId,
        SchemaDefinition: 'syntax = "proto3";\npackage h5;\nmessage M { int64 id = 1; int32 qty = 2; }\n',
      }),
    );
    assert.equal(changed.Status, 'FAILURE', 'field 1 changed its type');
  });

  it('keeps version metadata', async () => {
    const { name, versionId } = await newSchema('AVRO', record([]));
    const g = glueClient();
    await g.send(
      new PutSchemaVersionMetadataCommand({
        SchemaVersionId: versionId,
        MetadataKeyValue: { MetadataKey: 'owner', MetadataValue: 'team-a' },
      }),
    );
    const q = await g.send(new QuerySchemaVersionMetadataCommand({ SchemaVersionId: versionId }));
    assert.equal(q.MetadataInfoMap?.owner?.MetadataValue, 'team-a');
    assert.ok(name);
  });
});

describe('Glue Schema Registry: errors', () => {
  it('answers with Glue error types and messages', async () => {
    const g = glueClient();
    await rejects(
      g.send(new GetSchemaVersionCommand({ SchemaVersionId: '00000000-0000-4000-8000-000000000000' })),
      'EntityNotFoundException',
      /Schema version is not found/,
    );
    await rejects(
      g.send(new GetSchemaCommand({ SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName: 'no-such-schema' } })),
      'EntityNotFoundException',
      /Schema is not found/,
    );
    await rejects(
      g.send(new GetSchemaVersionCommand({ SchemaVersionId: 'not-a-uuid' })),
      'InvalidInputException',
      /not a valid UUID/,
    );
    await rejects(
      g.send(
        new CreateSchemaCommand({
          RegistryId: { RegistryName: GLUE_REGISTRY },
          SchemaName: uniqueName('h5-glue'),
          DataFormat: 'AVRO',
          SchemaDefinition: '{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}',
        }),
      ),
      'InvalidInputException',
      /AVRO data format is invalid: .*nope/,
    );
    await rejects(
      g.send(
        new CreateSchemaCommand({
          RegistryId: { RegistryName: GLUE_REGISTRY },
          SchemaName: GLUE_SCHEMAS.avro,
          DataFormat: 'AVRO',
        }),
      ),
      'AlreadyExistsException',
      /orders-avro/,
    );
    const v = await g.send(
      new CheckSchemaVersionValidityCommand({ DataFormat: 'PROTOBUF', SchemaDefinition: 'message {' }),
    );
    assert.equal(v.Valid, false);
    assert.ok(v.Error);
  });

  it('denies the readonly principal the restricted registry and every write, naming the action', async () => {
    const ro = glueClient('readonly');
    const id = glueSeedVersionId(GLUE_SCHEMAS.restrictedAvro, 1, GLUE_RESTRICTED_REGISTRY);
    await rejects(
      ro.send(new GetSchemaVersionCommand({ SchemaVersionId: id })),
      'AccessDeniedException',
      /not authorized to perform: glue:GetSchemaVersion/,
    );
    const admin = await glueClient().send(new GetSchemaVersionCommand({ SchemaVersionId: id }));
    assert.equal(admin.Status, 'AVAILABLE');
    // Readonly still reads the ordinary registry, but cannot write to it.
    const ok = await ro.send(new GetSchemaVersionCommand({ SchemaVersionId: glueSeedVersionId('orders-avro', 1) }));
    assert.equal(ok.VersionNumber, 1);
    await rejects(
      ro.send(
        new CreateSchemaCommand({
          RegistryId: { RegistryName: GLUE_REGISTRY },
          SchemaName: uniqueName('h5-glue'),
          DataFormat: 'AVRO',
        }),
      ),
      'AccessDeniedException',
      /glue:CreateSchema/,
    );
  });

  it('refuses a request signed with the wrong secret', async () => {
    const s = sandbox();
    const bad = new GlueClient({
      endpoint: s.controlPlaneEndpoint,
      region: s.region,
      credentials: { accessKeyId: s.principals.admin.accessKeyId, secretAccessKey: 'wrong-secret' },
      maxAttempts: 1,
    });
    await rejects(bad.send(new ListRegistriesCommand({})), 'InvalidSignatureException', /signature/);
  });
});
