/**
 * Decoding one key or value: detect the wire format, resolve the schema by its id, decode.
 * `decodeFieldCached` never fetches (for render and filter paths); `decodeField` fetches once.
 */
import { decodeAvro } from './codecs/avro';
import { decodeJsonSchemaPayload } from './codecs/jsonSchema';
import { decodeProto, typeForConfluentPath, typeForGlueIndex } from './codecs/protobuf';
import { compiled, FORMAT_LABELS } from './compiled';
import { SchemaFetchError, type SchemaResolver } from './registryClient';
import type { Decoded, FieldDecoding, RegistrySchema, SchemaRef, Undecodable, WireFormat } from './types';
import {
  CorruptFrameError,
  parseWireFormat,
  readConfluentMessageIndexes,
  readGlueMessageIndex,
  type WireFrame,
} from './wireFormat';

function corrupt(wire: WireFormat, message: string, ref?: SchemaRef): Undecodable {
  return { kind: 'undecodable', wire, reason: 'corrupt', message, ...(ref ? { ref } : {}) };
}

function fromFetchError(frame: WireFrame, err: SchemaFetchError): Undecodable {
  return { kind: 'undecodable', wire: frame.wire, reason: err.reason, message: err.message, ref: frame.ref };
}

/** Decodes the data of a frame with its (fetched) schema. Never throws. */
export function decodeWithSchema(frame: WireFrame, schema: RegistrySchema): FieldDecoding {
  try {
    const c = compiled(schema);
    let value: unknown;
    let messageType: string | undefined;
    switch (c.format) {
      case 'AVRO':
        value = decodeAvro(c.avro, frame.payload);
        break;
      case 'JSON':
        value = decodeJsonSchemaPayload(frame.payload);
        break;
      case 'PROTOBUF': {
        let type;
        let message: Buffer;
        if (frame.wire === 'glue') {
          const m = readGlueMessageIndex(frame.payload);
          type = typeForGlueIndex(c.proto, m.index);
          message = m.message;
        } else {
          const m = readConfluentMessageIndexes(frame.payload);
          type = typeForConfluentPath(c.proto, m.path);
          message = m.message;
        }
        value = decodeProto(type, message);
        messageType = type.fullName.replace(/^\./, '');
        break;
      }
    }
    const decoded: Decoded = {
      kind: 'decoded',
      value,
      wire: frame.wire,
      dataFormat: schema.dataFormat,
      ref: frame.ref,
      schemaName: schema.name,
      label: c.label,
    };
    if (messageType) decoded.messageType = messageType;
    return decoded;
  } catch (err) {
    return corrupt(
      frame.wire,
      `The bytes do not decode with ${FORMAT_LABELS[schema.dataFormat]} schema ${schema.name}: ${(err as Error).message}`,
      frame.ref,
    );
  }
}

/**
 * The frame of a key or value, or the result when there is nothing to fetch: undefined (not in a
 * registry wire format) or why the frame is corrupt.
 */
function frameOf(bytes: Buffer | null, resolver: SchemaResolver): WireFrame | Undecodable | undefined {
  let frame: WireFrame | undefined;
  try {
    frame = parseWireFormat(bytes);
  } catch (err) {
    const e = err as CorruptFrameError;
    return corrupt(e.wire, e.message, e.ref);
  }
  // Bytes that merely start with 0x00 are not taken for Confluent framing unless a registry is set.
  if (!frame || (frame.wire === 'confluent' && !resolver.has('confluent'))) return undefined;
  return frame;
}

const isFrame = (f: WireFrame | Undecodable): f is WireFrame => !('kind' in f);

/**
 * Decodes a key or value: undefined when the bytes are not in a registry wire format, else the
 * decoded value or why it cannot be decoded. Fetches the schema on the first use of its id.
 */
export async function decodeField(bytes: Buffer | null, resolver: SchemaResolver): Promise<FieldDecoding | undefined> {
  const f = frameOf(bytes, resolver);
  if (!f || !isFrame(f)) return f;
  try {
    return decodeWithSchema(f, await resolver.get(f.ref));
  } catch (err) {
    if (err instanceof SchemaFetchError) return fromFetchError(f, err);
    throw err;
  }
}

/** Like decodeField, without fetching: 'pending' when the schema is not known yet (fetch it with decodeField). */
export function decodeFieldCached(
  bytes: Buffer | null,
  resolver: SchemaResolver,
): FieldDecoding | 'pending' | undefined {
  const f = frameOf(bytes, resolver);
  if (!f || !isFrame(f)) return f;
  const known = resolver.cached(f.ref);
  if (known === undefined) return 'pending';
  if (known instanceof SchemaFetchError) return fromFetchError(f, known);
  return decodeWithSchema(f, known);
}
