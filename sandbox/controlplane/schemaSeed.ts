/**
 * What the sandbox's schema registries are seeded with (idempotent, at every control-plane start):
 *  - Glue registry `sandbox-registry`: `orders-avro` (AVRO, 2 versions), `orders-protobuf`
 *    (PROTOBUF, imports google/protobuf/timestamp.proto, two top-level messages) and `orders-json`
 *    (JSON Schema), all BACKWARD; registry `sandbox-restricted` (readonly principal: AccessDenied)
 *    with `payments-avro`.
 *  - Confluent registry: `sandbox.orders-avro-confluent-value` (the Avro order, id 1),
 *    `sandbox/money.proto` and `sandbox.orders-protobuf-confluent-value` (Protobuf with a reference).
 * Seeded schema version ids are stable (derived from names), so records on the seeded topics
 * (schemaSeedRecords.ts) always resolve. Test code imports these definitions through
 * test/integration/schema/fixtures.ts.
 */
import type { SandboxState } from '../state';
import { GLUE_SEED_REGISTRY, confluentStore } from './confluentRegistryStore';
import { DENY_READONLY_TAG, ensureRegistry, newSchema, registerVersion } from './glue';
import { glueStore, type Compatibility, type GlueDataFormat } from './glueStore';

export const GLUE_REGISTRY = GLUE_SEED_REGISTRY;
export const GLUE_RESTRICTED_REGISTRY = 'sandbox-restricted';

const orderAvroV1 = {
  type: 'record',
  name: 'Order',
  namespace: 'sandbox.orders',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: 'string' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'created', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'lines', type: { type: 'array', items: 'string' } },
  ],
};

const orderAvroV2 = {
  ...orderAvroV1,
  fields: [
    ...orderAvroV1.fields,
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'trackingId', type: ['null', { type: 'string', logicalType: 'uuid' }], default: null },
  ],
};

export const AVRO_ORDER_V1 = JSON.stringify(orderAvroV1);
export const AVRO_ORDER_V2 = JSON.stringify(orderAvroV2);

export const PROTO_ORDER = `syntax = "proto3";
package sandbox.orders;

import "google/protobuf/timestamp.proto";

enum Status {
  NEW = 0;
  PAID = 1;
  SHIPPED = 2;
}

message Order {
  string id = 1;
  string customer = 2;
  int64 amount_cents = 3;
  Status status = 4;
  google.protobuf.Timestamp created = 5;
  repeated Line lines = 6;

  message Line {
    string sku = 1;
    int32 quantity = 2;
  }
}

message OrderCancelled {
  string id = 1;
  string reason = 2;
}
`;

export const JSON_ORDER = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Order',
  type: 'object',
  properties: {
    id: { type: 'string' },
    customer: { type: 'string' },
    amount: { type: 'number' },
    status: { type: 'string', enum: ['NEW', 'PAID', 'SHIPPED'] },
    created: { type: 'string', format: 'date-time' },
    lines: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'customer', 'amount', 'status'],
  additionalProperties: false,
});

export const AVRO_PAYMENT = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'sandbox.payments',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'cents', type: 'long' },
  ],
});

export const PROTO_MONEY = `syntax = "proto3";
package sandbox.money;

message Money {
  string currency = 1;
  int64 units = 2;
  int32 nanos = 3;
}
`;

export const PROTO_ORDER_WITH_MONEY = `syntax = "proto3";
package sandbox.confluent;

import "sandbox/money.proto";

message Order {
  string id = 1;
  string customer = 2;
  sandbox.money.Money total = 3;
}
`;

export interface SeedGlueSchema {
  registry: string;
  name: string;
  dataFormat: GlueDataFormat;
  compatibility: Compatibility;
  description: string;
  versions: string[];
}

export const GLUE_SEED: readonly SeedGlueSchema[] = [
  {
    registry: GLUE_REGISTRY,
    name: 'orders-avro',
    dataFormat: 'AVRO',
    compatibility: 'BACKWARD',
    description: 'Orders (Avro); version 2 adds note and trackingId.',
    versions: [AVRO_ORDER_V1, AVRO_ORDER_V2],
  },
  {
    registry: GLUE_REGISTRY,
    name: 'orders-protobuf',
    dataFormat: 'PROTOBUF',
    compatibility: 'BACKWARD',
    description: 'Orders (Protobuf, imports google/protobuf/timestamp.proto).',
    versions: [PROTO_ORDER],
  },
  {
    registry: GLUE_REGISTRY,
    name: 'orders-json',
    dataFormat: 'JSON',
    compatibility: 'BACKWARD',
    description: 'Orders (JSON Schema draft-07).',
    versions: [JSON_ORDER],
  },
  {
    registry: GLUE_RESTRICTED_REGISTRY,
    name: 'payments-avro',
    dataFormat: 'AVRO',
    compatibility: 'BACKWARD',
    description: 'Payments: only the admin principal may read this registry.',
    versions: [AVRO_PAYMENT],
  },
];

/** The stable seed key of a seeded Glue version (see newVersionId). */
export const glueSeedKey = (registry: string, schema: string, version: number): string =>
  `${registry}/${schema}/v${version}`;

export interface SeedConfluentSubject {
  subject: string;
  schemaType: 'AVRO' | 'PROTOBUF' | 'JSON';
  schema: string;
  references: { name: string; subject: string; version: number }[];
}

export const CONFLUENT_SEED: readonly SeedConfluentSubject[] = [
  { subject: 'sandbox.orders-avro-confluent-value', schemaType: 'AVRO', schema: AVRO_ORDER_V2, references: [] },
  { subject: 'sandbox/money.proto', schemaType: 'PROTOBUF', schema: PROTO_MONEY, references: [] },
  {
    subject: 'sandbox.orders-protobuf-confluent-value',
    schemaType: 'PROTOBUF',
    schema: PROTO_ORDER_WITH_MONEY,
    references: [{ name: 'sandbox/money.proto', subject: 'sandbox/money.proto', version: 1 }],
  },
];

/** Seeds both registries (idempotent). Returns Glue version ids by "registry/schema/vN". */
export function seedRegistries(state: SandboxState): Map<string, string> {
  const store = glueStore(state);
  const ids = new Map<string, string>();
  for (const s of GLUE_SEED) {
    const registry = ensureRegistry(
      store,
      s.registry,
      s.registry === GLUE_RESTRICTED_REGISTRY ? 'Only the admin principal may read it.' : 'Seeded by the sandbox.',
      s.registry === GLUE_RESTRICTED_REGISTRY ? { [DENY_READONLY_TAG]: 'true' } : {},
    );
    let schema = registry.schemas.find((x) => x.name === s.name);
    if (!schema) {
      schema = newSchema(registry, s.name, s.dataFormat, s.compatibility, s.description);
      store.save();
    }
    s.versions.forEach((definition, i) => {
      const key = glueSeedKey(s.registry, s.name, i + 1);
      const r = registerVersion(store, schema, definition, key);
      ids.set(key, r.version.id);
    });
  }
  const confluent = confluentStore(state);
  for (const c of CONFLUENT_SEED) confluent.add(c.subject, c.schemaType, c.schema, c.references);
  return ids;
}
