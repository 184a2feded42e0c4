/**
 * `npm run sandbox -- reset` and the schema registries: Glue schemas (and registries) and Confluent
 * subjects with the names tests make are found and deleted through the control plane; what the
 * sandbox seeds is never among them. Only this test's own entries are deleted (other test files
 * may be running against the same sandbox).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { CreateRegistryCommand, CreateSchemaCommand, GetSchemaCommand } from '@aws-sdk/client-glue';
import { leftoverKind } from '../../../sandbox/lifecycle/reset';
import { deleteRegistryLeftovers, findRegistryLeftovers } from '../../../sandbox/lifecycle/resetRegistries';
import { sandbox, uniqueName } from '../support/sandbox';
import {
  AVRO_ORDER_V2,
  CONFLUENT_SUBJECTS,
  GLUE_REGISTRY,
  GLUE_RESTRICTED_REGISTRY,
  GLUE_SCHEMAS,
  confluentAuthHeader,
  glueClient,
  schemaRegistries,
} from '../schema/fixtures';

const state = sandbox();
const isLeftover = (n: string) => leftoverKind(n) !== undefined;
const schemaName = uniqueName('h5-reset');
const registryName = uniqueName('h5-reset-reg');
const subject = `${uniqueName('h5-reset')}-value`;

async function confluent(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${schemaRegistries().confluent.url}${path}`, {
    method,
    headers: { authorization: confluentAuthHeader(), 'content-type': 'application/vnd.schemaregistry.v1+json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

let created = true;
after(async () => {
  // What a failed assertion left: this test's own entries only.
  if (!created) return;
  const found = await findRegistryLeftovers(state, (n) => n === schemaName || n === registryName || n === subject);
  await deleteRegistryLeftovers(state, found);
});

describe('sandbox reset: schema-registry leftovers', () => {
  test('finds and deletes test-named Glue schemas, registries and Confluent subjects; keeps the seeded ones', async () => {
    const glue = glueClient();
    await glue.send(
      new CreateSchemaCommand({
        RegistryId: { RegistryName: GLUE_REGISTRY },
        SchemaName: schemaName,
        DataFormat: 'AVRO',
        Compatibility: 'NONE',
        SchemaDefinition: AVRO_ORDER_V2,
      }),
    );
    await glue.send(new CreateRegistryCommand({ RegistryName: registryName }));
    const registered = await confluent('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schema: AVRO_ORDER_V2,
    });
    assert.equal(registered.status, 200, await registered.clone().text());

    const found = await findRegistryLeftovers(state, isLeftover);
    assert.ok(found.glueSchemas.includes(`${GLUE_REGISTRY}/${schemaName}`), JSON.stringify(found));
    assert.ok(found.glueRegistries.includes(registryName), JSON.stringify(found));
    assert.ok(found.confluentSubjects.includes(subject), JSON.stringify(found));
    const all = [...found.glueSchemas, ...found.glueRegistries, ...found.confluentSubjects];
    for (const seeded of [
      GLUE_REGISTRY,
      GLUE_RESTRICTED_REGISTRY,
      ...Object.values(GLUE_SCHEMAS).map((s) => `${GLUE_REGISTRY}/${s}`),
      ...Object.values(CONFLUENT_SUBJECTS),
    ]) {
      assert.ok(!all.includes(seeded), `${seeded} is seeded, not a leftover`);
    }

    // Delete only this test's entries (other tests may be using theirs right now).
    await deleteRegistryLeftovers(state, {
      glueSchemas: [`${GLUE_REGISTRY}/${schemaName}`],
      glueRegistries: [registryName],
      confluentSubjects: [subject],
    });
    created = false;
    const left = await findRegistryLeftovers(state, isLeftover);
    assert.ok(!left.glueSchemas.includes(`${GLUE_REGISTRY}/${schemaName}`));
    assert.ok(!left.glueRegistries.includes(registryName));
    assert.ok(!left.confluentSubjects.includes(subject));
    await assert.rejects(
      glue.send(new GetSchemaCommand({ SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName: schemaName } })),
      (e: Error) => e.name === 'EntityNotFoundException',
    );
    assert.equal((await confluent('GET', `/subjects/${encodeURIComponent(subject)}/versions`)).status, 404);
    // The seeded schemas are still there.
    const seeded = await glue.send(
      new GetSchemaCommand({ SchemaId: { RegistryName: GLUE_REGISTRY, SchemaName: GLUE_SCHEMAS.avro } }),
    );
    assert.equal(seeded.SchemaName, GLUE_SCHEMAS.avro);
  });
});
