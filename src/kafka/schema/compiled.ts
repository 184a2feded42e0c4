/** A registry schema compiled once for its data format (cached per schema object). */
import type * as avsc from 'avsc';
import { avroType } from './codecs/avro';
import { jsonSchemaCodec, type JsonSchemaCodec } from './codecs/jsonSchema';
import { protoSchema, type ProtoSchema } from './codecs/protobuf';
import type { RegistrySchema, SchemaDataFormat } from './types';

/** The compiled codec, and the label rows show (`Avro · orders-value v3`). */
export type Compiled = { label: string } & (
  | { format: 'AVRO'; avro: avsc.Type }
  | { format: 'PROTOBUF'; proto: ProtoSchema }
  | { format: 'JSON'; json: JsonSchemaCodec }
);

const cache = new WeakMap<RegistrySchema, Compiled>();

export const FORMAT_LABELS: Record<SchemaDataFormat, string> = {
  AVRO: 'Avro',
  PROTOBUF: 'Protobuf',
  JSON: 'JSON Schema',
};

/** Compiles a schema; throws an Error naming the schema when its definition does not compile. */
export function compiled(schema: RegistrySchema): Compiled {
  let c = cache.get(schema);
  if (c) return c;
  const label = `${FORMAT_LABELS[schema.dataFormat]} · ${schema.name}`;
  try {
    switch (schema.dataFormat) {
      case 'AVRO':
        c = { label, format: 'AVRO', avro: avroType(schema.definition) };
        break;
      case 'PROTOBUF':
        c = { label, format: 'PROTOBUF', proto: protoSchema(schema.definition, schema.references) };
        break;
      case 'JSON':
        c = { label, format: 'JSON', json: jsonSchemaCodec(schema.definition) };
        break;
    }
  } catch (err) {
    throw new Error(
      `The ${FORMAT_LABELS[schema.dataFormat]} schema ${schema.name} does not compile: ${(err as Error).message}`,
    );
  }
  cache.set(schema, c);
  return c;
}
