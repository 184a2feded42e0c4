/**
 * What the sandbox seeds in its schema registries and topics (sandbox/controlplane/schemaSeed*.ts),
 * for the integration and UI tests of the schema-registry features: schema definitions, the seeded
 * Glue schema version ids, the Confluent registry's URL and credentials, topic names and the orders
 * the seeded records hold. Tests only read the seeded topics; they register their own schemas
 * (unique names, deleted at the end) when they need to write.
 */
import { GlueClient } from '@aws-sdk/client-glue';
import { schemaRegistryState } from '../../../sandbox/controlplane/confluentRegistryStore';
import { newVersionId } from '../../../sandbox/controlplane/glueStore';
import {
  AVRO_ORDER_V1,
  AVRO_ORDER_V2,
  AVRO_PAYMENT,
  CONFLUENT_SEED,
  GLUE_REGISTRY,
  GLUE_RESTRICTED_REGISTRY,
  GLUE_SEED,
  JSON_ORDER,
  PROTO_MONEY,
  PROTO_ORDER,
  PROTO_ORDER_WITH_MONEY,
  glueSeedKey,
} from '../../../sandbox/controlplane/schemaSeed';
import {
  SEED_COUNT,
  SEED_TOPICS,
  confluentFrame,
  glueFrame,
  seedOrder,
  type SeedOrder,
} from '../../../sandbox/controlplane/schemaSeedRecords';
import type { SandboxState } from '../../../sandbox/state';
import { sandbox } from '../support/sandbox';

export {
  AVRO_ORDER_V1,
  AVRO_ORDER_V2,
  AVRO_PAYMENT,
  CONFLUENT_SEED,
  GLUE_REGISTRY,
  GLUE_RESTRICTED_REGISTRY,
  GLUE_SEED,
  JSON_ORDER,
  PROTO_MONEY,
  PROTO_ORDER,
  PROTO_ORDER_WITH_MONEY,
  SEED_COUNT,
  SEED_TOPICS,
  confluentFrame,
  glueFrame,
  seedOrder,
  type SeedOrder,
};

/** Seeded Glue schemas: registry `sandbox-registry` (+ `sandbox-restricted`, admin only). */
export const GLUE_SCHEMAS = {
  avro: 'orders-avro',
  protobuf: 'orders-protobuf',
  json: 'orders-json',
  restrictedAvro: 'payments-avro',
} as const;

/** Seeded Confluent subjects (schema ids: avro 1, money.proto 2, protobuf order 3 in a fresh sandbox). */
export const CONFLUENT_SUBJECTS = {
  avro: 'sandbox.orders-avro-confluent-value',
  money: 'sandbox/money.proto',
  protobuf: 'sandbox.orders-protobuf-confluent-value',
} as const;

/**
 * The schema version id of a seeded Glue version (stable: derived from the names).
 * E.g. glueSeedVersionId('orders-avro', 2); registry defaults to sandbox-registry.
 */
export function glueSeedVersionId(schema: string, version: number, registry: string = GLUE_REGISTRY): string {
  return newVersionId(glueSeedKey(registry, schema, version));
}

/** Glue endpoint + Confluent registry URL and basic-auth credentials of the running sandbox. */
export function schemaRegistries(state: SandboxState = sandbox()): NonNullable<SandboxState['schemaRegistry']> {
  return (
    state.schemaRegistry ?? schemaRegistryState(state.controlPlaneEndpoint, state.principals.admin.secretAccessKey)
  );
}

/** A GlueClient on the sandbox's endpoint as `who` (admin: everything; readonly: read, not sandbox-restricted). */
export function glueClient(who: 'admin' | 'readonly' = 'admin', state: SandboxState = sandbox()): GlueClient {
  const p = state.principals[who];
  return new GlueClient({
    endpoint: state.controlPlaneEndpoint,
    region: state.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey },
    maxAttempts: 1,
  });
}

/** `Authorization` header value for the sandbox's Confluent registry. */
export function confluentAuthHeader(state: SandboxState = sandbox()): string {
  const c = schemaRegistries(state).confluent;
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}
