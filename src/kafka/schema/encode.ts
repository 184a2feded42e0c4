/** Encoding a JSON value for a registry schema, framed in the registry's wire format. */
import { encodeAvro, validateAvro } from './codecs/avro';
import { encodeJsonSchemaPayload, validateJsonSchema } from './codecs/jsonSchema';
import {
  confluentPathOf,
  encodeProto,
  glueIndexOf,
  protoMessageTypes as messageTypesOf,
  validateProto,
  type ProtoSchema,
} from './codecs/protobuf';
import { compiled, FORMAT_LABELS } from './compiled';
import type { RegistrySchema, SchemaIssue, WireFormat } from './types';
import { buildWireFormat, writeConfluentMessageIndexes, writeGlueMessageIndex } from './wireFormat';

export interface EncodeOptions {
  /** Default: the schema's own registry. */
  wire?: WireFormat;
  /** Glue only (default none). */
  compression?: 'none' | 'zlib';
  /** Protobuf: the full name of the message type (default: the first top-level message of the file). */
  messageType?: string;
}

/** The value does not fit the schema; `issues` name the field paths. */
export class SchemaValidationError extends Error {
  constructor(
    readonly issues: SchemaIssue[],
    schemaName: string,
  ) {
    super(
      `The value does not fit schema ${schemaName}: ${issues
        .slice(0, 3)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
    );
    this.name = 'SchemaValidationError';
  }
}

/** The message type asked for is not one the schema declares (a `type=` of a producer file or the panel). */
export class UnknownMessageTypeError extends Error {
  constructor(
    readonly messageType: string,
    readonly known: string[],
    schemaName: string,
  ) {
    super(
      `The Protobuf schema ${schemaName} has no message type ${messageType} (it has ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}).`,
    );
    this.name = 'UnknownMessageTypeError';
  }
}

function protoType(proto: ProtoSchema, messageType: string | undefined, schemaName: string) {
  const known = messageTypesOf(proto);
  const name = messageType?.replace(/^\./, '') ?? known[0];
  if (!name) throw new Error('The Protobuf schema declares no message type.');
  if (!known.includes(name)) throw new UnknownMessageTypeError(name, known, schemaName);
  return { name, type: proto.root.lookupType(name) };
}

/** Message types a Protobuf schema can write (full names, the default first); [] for other formats. */
export function protobufMessageTypes(schema: RegistrySchema): string[] {
  const c = compiled(schema);
  return c.format === 'PROTOBUF' ? messageTypesOf(c.proto) : [];
}

/** Problems of a JSON value against the schema ([] when it fits), each naming its field path. */
export function validateForSchema(
  json: unknown,
  schema: RegistrySchema,
  opts: Pick<EncodeOptions, 'messageType'> = {},
): SchemaIssue[] {
  const c = compiled(schema);
  switch (c.format) {
    case 'AVRO':
      return validateAvro(c.avro, json);
    case 'JSON':
      return validateJsonSchema(c.json, json);
    case 'PROTOBUF':
      return validateProto(protoType(c.proto, opts.messageType, schema.name).type, json);
  }
}

/** The bytes of a JSON value written with the schema, in the wire format. Throws SchemaValidationError. */
export function encodeForSchema(json: unknown, schema: RegistrySchema, opts: EncodeOptions = {}): Buffer {
  const issues = validateForSchema(json, schema, opts);
  if (issues.length > 0) throw new SchemaValidationError(issues, `${FORMAT_LABELS[schema.dataFormat]} ${schema.name}`);
  const wire = opts.wire ?? schema.ref.registry;
  if (wire !== schema.ref.registry) throw new Error(`A ${schema.ref.registry} schema cannot be framed as ${wire}.`);
  const c = compiled(schema);
  let data: Buffer;
  switch (c.format) {
    case 'AVRO':
      data = encodeAvro(c.avro, json);
      break;
    case 'JSON':
      data = encodeJsonSchemaPayload(json);
      break;
    case 'PROTOBUF': {
      const { name, type } = protoType(c.proto, opts.messageType, schema.name);
      const message = encodeProto(type, json);
      data =
        wire === 'glue'
          ? writeGlueMessageIndex(glueIndexOf(c.proto, name), message)
          : writeConfluentMessageIndexes(confluentPathOf(c.proto, name), message);
      break;
    }
  }
  return buildWireFormat(schema.ref, data, opts.compression ?? 'none');
}
