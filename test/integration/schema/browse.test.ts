/**
 * Browsing and writing with schema registries, against the sandbox's registries and broker, as the
 * extension does it: the backend's SchemaRegistries (the cluster's AWS profile and endpoint for
 * Glue, SigV4-checked; the Confluent registry with basic auth from secret storage) behind the
 * SchemaBrowser the explorer and the producer use. Browsing lists what the sandbox seeded; a
 * producer file with a `Schema:` line is checked, sent through the one send path, and its records
 * decode back (with the tail's decoder) to the JSON that was written; a value that does not fit is
 * refused before anything is sent, naming the field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GlueBrowseService } from '../../../src/aws';
import { schemaCheck, schemaNames } from '../../../src/features/produce/schemaQueries';
import { encoderFor } from '../../../src/features/produce/panelSchemas';
import { ProduceSender } from '../../../src/features/produce/send/sender';
import { decodeField, type SchemaResolver } from '../../../src/kafka/schema';
import { blockDraft } from '../../../src/language/producerFile/drafts';
import { parseProducerFile } from '../../../src/language/producerFile/parse';
import type { ClusterRef } from '../../../src/services/clusterModel';
import type { MskBackend } from '../../../src/services/mskBackend';
import { SchemaBrowser, type ClusterSchemas } from '../../../src/services/schemaBrowse';
import { schemaRegistrySecretKey } from '../../../src/services/schemaSettings';
import { presentError } from '../../../src/shared/errorPresentation';
import { isUserError } from '../../../src/shared/errors';
import { readBack } from '../produce/helpers';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, sandbox } from '../support/sandbox';
import {
  AVRO_ORDER_V2,
  CONFLUENT_SUBJECTS,
  GLUE_REGISTRY,
  GLUE_RESTRICTED_REGISTRY,
  GLUE_SCHEMAS,
  PROTO_MONEY,
  glueSeedVersionId,
  schemaRegistries,
} from './fixtures';

const cleanup = new Cleanup();
let backend: MskBackend;
let cluster: ClusterRef;
let browser: SchemaBrowser;
let schemas: ClusterSchemas;
let sender: ProduceSender;

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
  browser = new SchemaBrowser(backend.schemaRegistries(), (factory) => new GlueBrowseService(factory));
  schemas = browser.for(cluster);
  sender = new ProduceSender(backend);
});

after(async () => {
  await sender.dispose();
  await cleanup.run();
  await backend.dispose();
});

/** What a record's value decodes to with the tail's resolver of the cluster. */
async function decodedValues(topic: string, count: number): Promise<unknown[]> {
  const resolver: SchemaResolver = backend.schemaRegistries().resolverFor(cluster);
  const records = await readBack(topic, count);
  return Promise.all(
    records.map(async (r) => {
      const d = await decodeField(r.raw.value, resolver);
      assert.ok(d, `offset ${r.offset} is in a registry wire format`);
      assert.equal(d.kind, 'decoded', d.kind === 'undecodable' ? d.message : '');
      if (d.kind !== 'decoded') return undefined;
      return { label: d.label, value: d.value, ...(d.messageType ? { messageType: d.messageType } : {}) };
    }),
  );
}

describe('browsing the Glue registry of an MSK cluster', () => {
  test('registries → schemas with data format and compatibility → versions, newest first', async () => {
    const glue = schemas.glueBrowse();
    assert.ok(glue, 'an MSK cluster has the Glue registry of its account and region');
    const registries = (await glue.registries()).map((r) => r.name);
    assert.ok(registries.includes(GLUE_REGISTRY), `registries: ${registries.join(', ')}`);

    const listed = await glue.schemas(GLUE_REGISTRY);
    const byName = new Map(listed.map((s) => [s.name, s]));
    assert.equal(byName.get(GLUE_SCHEMAS.avro)?.dataFormat, 'AVRO');
    assert.equal(byName.get(GLUE_SCHEMAS.protobuf)?.dataFormat, 'PROTOBUF');
    assert.equal(byName.get(GLUE_SCHEMAS.json)?.dataFormat, 'JSON');
    assert.equal(byName.get(GLUE_SCHEMAS.avro)?.compatibility, 'BACKWARD');
    assert.equal(byName.get(GLUE_SCHEMAS.avro)?.latestVersion, 2);

    const versions = await glue.versions(GLUE_REGISTRY, GLUE_SCHEMAS.avro);
    assert.deepEqual(
      versions.map((v) => v.version),
      [2, 1],
    );
    assert.equal(versions[0].versionId, glueSeedVersionId(GLUE_SCHEMAS.avro, 2));
  });

  test('a version opens with its registered definition', async () => {
    const text = await schemas.versionText({
      registry: 'glue',
      registryName: GLUE_REGISTRY,
      schemaName: GLUE_SCHEMAS.avro,
      version: 2,
    });
    assert.equal(text.dataFormat, 'AVRO');
    assert.deepEqual(JSON.parse(text.definition), JSON.parse(AVRO_ORDER_V2));
    assert.equal(text.title, `${GLUE_SCHEMAS.avro} v2`);
  });

  test('a registry the profile may not read: the error names glue:ListSchemas', async () => {
    const st = sandbox();
    const service = new GlueBrowseService(backend.schemaRegistries().factory());
    const readonly = { ...backend.schemaRegistries().glueTarget(cluster), profile: st.aws.readonlyProfile };
    const err = await service.listSchemas(readonly, GLUE_RESTRICTED_REGISTRY).then(
      () => assert.fail('the readonly principal may not list sandbox-restricted'),
      (e: unknown) => e,
    );
    assert.ok(isUserError(err));
    assert.match(
      presentError(err).text,
      new RegExp(`glue:ListSchemas on arn:aws:glue:${st.region}:\\*:registry/${GLUE_RESTRICTED_REGISTRY}`),
    );
    // The statement "Copy IAM Policy Statement" puts on the clipboard names that registry.
    const copy = err.actions.find((a) => a.command === 'msk.copyIamPolicyStatement');
    assert.match(
      String(copy?.args?.[0]),
      new RegExp(`"arn:aws:glue:${st.region}:\\*:registry/${GLUE_RESTRICTED_REGISTRY}"`),
    );
  });

  test('completion names: registries, schemas, versions', async () => {
    const r = await schemaNames(browser, cluster, { registry: 'glue' });
    assert.ok(r.ok && r.names.includes(GLUE_REGISTRY));
    const s = await schemaNames(browser, cluster, { registry: 'glue', registryName: GLUE_REGISTRY });
    assert.ok(s.ok && s.names.includes(GLUE_SCHEMAS.avro));
    const v = await schemaNames(browser, cluster, {
      registry: 'glue',
      registryName: GLUE_REGISTRY,
      schemaName: GLUE_SCHEMAS.avro,
    });
    assert.deepEqual(v, { ok: true, names: ['2', '1'] });
  });
});

describe('browsing the Confluent registry configured for the cluster', () => {
  test('subjects → versions → a version’s schema; a reference resolves for writing', async () => {
    const confluent = schemas.confluentBrowse();
    assert.ok(confluent, 'msk.schemaRegistries names a registry for the cluster');
    assert.equal(confluent.url, schemaRegistries().confluent.url);
    const subjects = await confluent.subjects();
    for (const s of Object.values(CONFLUENT_SUBJECTS))
      assert.ok(subjects.includes(s), `subjects: ${subjects.join(', ')}`);
    assert.deepEqual(await confluent.versions(CONFLUENT_SUBJECTS.avro), [1]);

    const money = await schemas.versionText({ registry: 'confluent', subject: CONFLUENT_SUBJECTS.money, version: 1 });
    assert.equal(money.dataFormat, 'PROTOBUF');
    assert.equal(money.definition, PROTO_MONEY);

    const resolved = await schemas.resolve({
      registry: 'confluent',
      subject: CONFLUENT_SUBJECTS.protobuf,
      version: 'latest',
    });
    assert.equal(resolved.schema.dataFormat, 'PROTOBUF');
    assert.deepEqual(
      resolved.schema.references?.map((r) => r.definition),
      [PROTO_MONEY],
    );
  });
});

describe('writing with a producer file’s Schema: line', () => {
  const order = (i: number) => ({
    id: `h7-${i}`,
    customer: 'Grace',
    amount: `${12 + i}.50`,
    status: 'PAID',
    created: '2026-12-01T10:00:00.000Z',
    lines: [`sku-${i}`],
    note: i === 0 ? null : `note ${i}`,
    trackingId: null,
  });

  async function sendFile(text: string) {
    const [block] = parseProducerFile(text).blocks;
    assert.deepEqual(block.problems, []);
    const draft = blockDraft(block)!;
    // As a producer file's send does it: the line's options (type=, compression=) apply.
    const encode = await encoderFor(browser, cluster, { value: block.schema!.value });
    return sender.send({
      cluster,
      topic: draft.topic,
      drafts: [{ key: draft.key, value: draft.value, headers: draft.headers }],
      count: draft.repeat,
      options: { acks: -1, compression: 'none', idempotent: false },
      encode,
    });
  }

  test('Glue Avro: checked, sent, and the tail’s decoder reads back the same JSON', async () => {
    const topic = await cleanup.createTopic('h7-schema-glue');
    const value = JSON.stringify(order(1), null, 2);
    const schemaLine = `glue:${GLUE_REGISTRY}/${GLUE_SCHEMAS.avro}@latest`;
    const check = await schemaCheck(browser, cluster, { schema: schemaLine, text: value });
    assert.deepEqual(check, { ok: true, schemaName: `Avro · ${GLUE_SCHEMAS.avro} v2`, issues: [] });

    const report = await sendFile(`PRODUCE ${topic}\nSchema: ${schemaLine}\n\n${value}\n`);
    assert.equal(report.sent, 1);
    const [decoded] = await decodedValues(topic, 1);
    assert.deepEqual(decoded, { label: `Avro · ${GLUE_SCHEMAS.avro} v2`, value: order(1) });
  });

  test('Confluent Avro at a pinned version: the same JSON back, framed for Confluent', async () => {
    const topic = await cleanup.createTopic('h7-schema-confluent');
    // The subject's schema is the order with its optional fields (defaults written when left out).
    const written = { ...order(2) } as Record<string, unknown>;
    delete written.note;
    delete written.trackingId;
    const report = await sendFile(
      `PRODUCE ${topic}\nSchema: confluent:${CONFLUENT_SUBJECTS.avro}@1\n\n${JSON.stringify(written)}\n`,
    );
    assert.equal(report.sent, 1);
    const records = await readBack(topic, 1);
    assert.equal(records[0].raw.value?.[0], 0, 'Confluent magic byte');
    const [decoded] = await decodedValues(topic, 1);
    assert.deepEqual((decoded as { value: unknown }).value, { ...written, note: null, trackingId: null });
  });

  test('Glue Protobuf written as its second message type, zlib-compressed (type=, compression=)', async () => {
    const topic = await cleanup.createTopic('h5-schema-proto-type');
    const ref = `glue:${GLUE_REGISTRY}/${GLUE_SCHEMAS.protobuf}@latest`;
    const types = await schemaNames(browser, cluster, { registry: 'types', schema: ref });
    assert.deepEqual(types, {
      ok: true,
      names: ['sandbox.orders.Order', 'sandbox.orders.Order.Line', 'sandbox.orders.OrderCancelled'],
    });
    const unknown = await schemaCheck(browser, cluster, { schema: `${ref} type=sandbox.orders.Nope`, text: '{}' });
    assert.equal(unknown.ok, false);
    assert.equal(!unknown.ok && unknown.code, 'unknownMessageType');
    assert.match(
      !unknown.ok ? unknown.error : '',
      /has no message type sandbox\.orders\.Nope \(it has sandbox\.orders\.Order/,
    );
    const line = `${ref} type=sandbox.orders.OrderCancelled compression=zlib`;
    const cancelled = { id: 'h5-1', reason: 'customer asked' };
    // The check uses the type named: an Order field is not a field of OrderCancelled.
    const check = await schemaCheck(browser, cluster, {
      schema: line,
      text: JSON.stringify({ ...cancelled, customer: 'x' }),
    });
    assert.deepEqual(check.ok && check.issues.map((i) => i.path), ['$.customer']);

    const report = await sendFile(`PRODUCE ${topic}\nSchema: ${line}\n\n${JSON.stringify(cancelled)}\n`);
    assert.equal(report.sent, 1);
    const [record] = await readBack(topic, 1);
    assert.equal(record.raw.value?.[0], 3, 'Glue header version');
    assert.equal(record.raw.value?.[1], 5, 'Glue compression byte: zlib');
    const [decoded] = await decodedValues(topic, 1);
    assert.deepEqual(decoded, {
      label: `Protobuf · ${GLUE_SCHEMAS.protobuf} v1`,
      value: cancelled,
      messageType: 'sandbox.orders.OrderCancelled',
    });
  });

  test('a value that does not fit: the check names the field; sending refuses and sends nothing', async () => {
    const topic = await cleanup.createTopic('h7-schema-bad');
    const bad = { ...order(3), amount: 'twelve', status: 'LOST' };
    const schemaLine = `glue:${GLUE_REGISTRY}/${GLUE_SCHEMAS.avro}@2`;
    const check = await schemaCheck(browser, cluster, { schema: schemaLine, text: JSON.stringify(bad) });
    assert.ok(check.ok);
    const paths = check.issues.map((i) => i.path);
    assert.ok(paths.includes('$.amount'), `issues: ${JSON.stringify(check.issues)}`);
    assert.ok(paths.includes('$.status'), `issues: ${JSON.stringify(check.issues)}`);

    const err = await sendFile(`PRODUCE ${topic}\nSchema: ${schemaLine}\n\n${JSON.stringify(bad)}\n`).then(
      () => assert.fail('a value that does not fit is refused'),
      (e: unknown) => e,
    );
    assert.ok(isUserError(err), String(err));
    assert.match(err.message, /Message 1: the value does not fit schema orders-avro v2: .*\$\.amount/);
    const offsets = await backend.kafka(cluster).then((k) => k.describeTopic(topic));
    assert.equal(offsets.partitions[0].latestOffset, '0', 'nothing was sent');
  });

  test('a schema that does not exist: the check says so (no crash, no send)', async () => {
    const check = await schemaCheck(browser, cluster, {
      schema: `glue:${GLUE_REGISTRY}/no-such-schema@latest`,
      text: '{}',
    });
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.error, /no-such-schema/);
  });
});
