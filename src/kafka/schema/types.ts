/** Shapes of the schema-registry layer (no runtime code). */

/** The data formats a registry schema can have (Glue's DataFormat names). */
export type SchemaDataFormat = 'AVRO' | 'PROTOBUF' | 'JSON';

/** How a record's bytes point at their schema. */
export type WireFormat = 'glue' | 'confluent';

/** Which schema a record was written with: a Glue schema version id (UUID) or a Confluent schema id. */
export type SchemaRef = { registry: 'glue'; schemaVersionId: string } | { registry: 'confluent'; id: number };

/** A schema as fetched from a registry, ready to decode or encode with. */
export interface RegistrySchema {
  ref: SchemaRef;
  dataFormat: SchemaDataFormat;
  /** The definition as registered (Avro JSON, `.proto` text, JSON Schema). */
  definition: string;
  /** Schemas it imports/references, by the name the definition uses (Protobuf `import "x.proto"`). */
  references?: { name: string; definition: string }[];
  /** For people: `orders-value v3` (Glue: schema name and version; Confluent: subject and version, or `id 7`). */
  name: string;
}

/** Why a record in a registry wire format could not be decoded. */
export type UndecodableReason = 'unknown-id' | 'unreachable' | 'access-denied' | 'corrupt' | 'no-registry';

export interface Decoded {
  kind: 'decoded';
  /** JSON-able value (Avro logical types made readable: decimals as strings, timestamps as ISO text, …). */
  value: unknown;
  wire: WireFormat;
  dataFormat: SchemaDataFormat;
  ref: SchemaRef;
  /** `orders-value v3` */
  schemaName: string;
  /** `Avro · orders-value v3` — what the row shows. */
  label: string;
  /** Protobuf only: the full name of the message type that decoded it. */
  messageType?: string;
}

export interface Undecodable {
  kind: 'undecodable';
  wire: WireFormat;
  reason: UndecodableReason;
  /** A sentence for the row, e.g. "Access denied: glue:GetSchemaVersion on …". */
  message: string;
  ref?: SchemaRef;
}

export type FieldDecoding = Decoded | Undecodable;

/** One problem of a JSON value against a schema; `path` is like `$.items[2].price` (`$` is the whole value). */
export interface SchemaIssue {
  path: string;
  message: string;
}
