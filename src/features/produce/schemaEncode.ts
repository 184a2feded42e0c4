/**
 * Writing keys and values with a registry schema: each rendered message's JSON text is validated,
 * encoded and framed in the registry's wire format (H6's encodeForSchema). A message that does not
 * fit names the message, the field and the field path: the sender checks the first round before
 * anything is sent; a later message (templates render per message) fails on its own. No vscode import.
 */
import type { OutgoingMessage, ProduceBytes } from '../../kafka/produce/types';
import type { RegistrySchema, SchemaIssue } from '../../kafka/schema/types';
import type { SchemaWriteOptions } from '../../shared/schemaSelection';
import { UserError } from '../../shared/errors';

/** A field's schema and how it is written with it (`type=`, `compression=` of the selection). */
export interface FieldSchema {
  schema: RegistrySchema;
  /** Protobuf: the message type (default: the first message of the file). */
  messageType?: string;
  /** Glue only: zlib-compress the payload as AWS's serializer can (compression byte 5). */
  compression?: 'zlib';
}

/** The schemas of a send (either may be absent: that field goes as typed). */
export interface FieldSchemas {
  key?: FieldSchema;
  value?: FieldSchema;
}

type WriteOptions = { messageType?: string; compression?: 'none' | 'zlib' };

/** What encoding needs of the Kafka layer's schema API (kafkaModule() passes it). */
export interface SchemaCodec {
  encodeForSchema(json: unknown, schema: RegistrySchema, opts?: WriteOptions): Buffer;
  validateForSchema(json: unknown, schema: RegistrySchema, opts?: Pick<WriteOptions, 'messageType'>): SchemaIssue[];
}

/** The write options of a selection (absent ones left out). */
export function writeOptions(s: SchemaWriteOptions): Omit<FieldSchema, 'schema'> {
  return {
    ...(s.messageType ? { messageType: s.messageType } : {}),
    ...(s.compression ? { compression: s.compression } : {}),
  };
}

function optionsOf(f: FieldSchema): WriteOptions {
  return writeOptions(f);
}

export type FieldName = 'key' | 'value';

const LABEL: Record<FieldName, string> = { key: 'key', value: 'value' };

/** The JSON of a field's text, or a sentence saying why it is not JSON. */
export function parseFieldJson(text: string): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Problems of a field's text against its schema: not JSON, or the issues by field path. */
export function checkFieldText(codec: SchemaCodec, text: string, field: FieldSchema): SchemaIssue[] {
  const parsed = parseFieldJson(text);
  if (!parsed.ok) return [{ path: '$', message: `not JSON: ${parsed.error}` }];
  return codec.validateForSchema(parsed.json, field.schema, optionsOf(field));
}

function encodeField(
  codec: SchemaCodec,
  field: FieldName,
  bytes: ProduceBytes | null,
  fieldSchema: FieldSchema,
  index: number,
): Buffer | null {
  const schema = fieldSchema.schema;
  if (bytes === null) return null; // a tombstone stays one
  const where = `Message ${index + 1}: the ${LABEL[field]}`;
  if (typeof bytes !== 'string') {
    throw new UserError(`${where} is base64 bytes; schema ${schema.name} writes JSON text.`, {
      code: 'SchemaNeedsJson',
      hint: `Switch the ${LABEL[field]} to text and write it as JSON, or pick no schema.`,
    });
  }
  const parsed = parseFieldJson(bytes);
  if (!parsed.ok) {
    throw new UserError(`${where} is not JSON (${parsed.error}); schema ${schema.name} needs a JSON value.`, {
      code: 'SchemaNeedsJson',
      hint: `Write the ${LABEL[field]} as JSON that fits the schema.`,
    });
  }
  const issues = codec.validateForSchema(parsed.json, schema, optionsOf(fieldSchema));
  if (issues.length) {
    throw new UserError(`${where} does not fit schema ${schema.name}: ${describeIssues(issues)}.`, {
      code: 'SchemaMismatch',
      hint: 'Fix the fields named, then send again.',
    });
  }
  return codec.encodeForSchema(parsed.json, schema, optionsOf(fieldSchema));
}

/** `$.amount: expected a number; $.id: missing` (the first few). */
export function describeIssues(issues: readonly SchemaIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > max) shown.push(`and ${issues.length - max} more`);
  return shown.join('; ');
}

/**
 * A function encoding each rendered message's key and value with their schemas. The same message
 * object given again (a bulk send without templates) gives the same encoded object back.
 */
export function schemaEncoder(
  codec: SchemaCodec,
  schemas: FieldSchemas,
): (m: OutgoingMessage, index: number) => OutgoingMessage {
  let last: { source: OutgoingMessage; encoded: OutgoingMessage } | undefined;
  return (m, index) => {
    if (last?.source === m) return last.encoded;
    const encoded: OutgoingMessage = {
      ...m,
      key: schemas.key ? encodeField(codec, 'key', m.key, schemas.key, index) : m.key,
      value: schemas.value ? encodeField(codec, 'value', m.value, schemas.value, index) : m.value,
    };
    last = { source: m, encoded };
    return encoded;
  };
}
