/**
 * Schema definition checks for the sandbox registries: is a definition valid for its data format,
 * and may it follow the existing versions under a compatibility mode. Avro uses avsc's schema
 * resolution (reader/writer), exactly the rule Avro defines; JSON Schema and Protobuf use the
 * rules that matter in practice (documented in sandbox/README.md):
 *  - JSON Schema: a reader cannot read a writer's data when it requires a property the writer does
 *    not require, gives a property another type, or forbids extra properties the writer declares.
 *  - Protobuf: a reader cannot read a writer's data when a field number of a message both define
 *    has another type (or cardinality), or it makes a field `required` the writer does not require.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import * as avro from 'avsc';
import * as protobuf from 'protobufjs';
import type { Compatibility, GlueDataFormat } from './glueStore';

/** undefined when valid, else why not. */
export function definitionError(format: GlueDataFormat, definition: string): string | undefined {
  try {
    if (format === 'AVRO') {
      avro.Type.forSchema(JSON.parse(definition) as avro.Schema);
    } else if (format === 'JSON') {
      const schema = JSON.parse(definition) as unknown;
      if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
        return 'a JSON Schema must be an object or a boolean';
      }
      const declared = typeof schema === 'object' ? (schema as { $schema?: unknown }).$schema : undefined;
      const draft2020 = typeof declared === 'string' && declared.includes('2020-12');
      const ajv = draft2020
        ? new Ajv2020({ strict: false, validateFormats: false })
        : new Ajv({ strict: false, validateFormats: false });
      ajv.compile(schema as object);
    } else {
      protobuf.parse(definition, { keepCase: true });
    }
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Can data written with `writer` be read with `reader`? undefined when yes, else why not. */
function readable(format: GlueDataFormat, reader: string, writer: string): string | undefined {
  try {
    if (format === 'AVRO') {
      const r = avro.Type.forSchema(JSON.parse(reader) as avro.Schema);
      const w = avro.Type.forSchema(JSON.parse(writer) as avro.Schema);
      r.createResolver(w);
      return undefined;
    }
    if (format === 'JSON') return jsonReadable(JSON.parse(reader) as unknown, JSON.parse(writer) as unknown, '$');
    return protoReadable(reader, writer);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Checks `definition` against the AVAILABLE versions (oldest first) under `mode`.
 * undefined when it may be registered, else the reason.
 */
export function compatibilityError(
  format: GlueDataFormat,
  mode: Compatibility,
  definition: string,
  previous: readonly { number: number; definition: string }[],
): string | undefined {
  if (mode === 'NONE' || previous.length === 0) return undefined;
  if (mode === 'DISABLED') return 'the schema compatibility mode DISABLED does not allow new versions';
  const against = mode.endsWith('_ALL') ? previous : previous.slice(-1);
  const backward = mode.startsWith('BACKWARD') || mode.startsWith('FULL');
  const forward = mode.startsWith('FORWARD') || mode.startsWith('FULL');
  for (const old of against) {
    if (backward) {
      const why = readable(format, definition, old.definition);
      if (why) return `${mode}: the new version cannot read data written with version ${old.number}: ${why}`;
    }
    if (forward) {
      const why = readable(format, old.definition, definition);
      if (why) return `${mode}: version ${old.number} cannot read data written with the new version: ${why}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function typesOf(s: Obj): string[] | undefined {
  const t = s.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return undefined;
}

function jsonReadable(reader: unknown, writer: unknown, path: string): string | undefined {
  if (!isObj(reader) || !isObj(writer)) return undefined;
  const rt = typesOf(reader);
  const wt = typesOf(writer);
  if (rt && wt) {
    const widened = (t: string): string[] => (t === 'integer' ? ['integer', 'number'] : [t]);
    const missing = wt.filter((t) => !widened(t).some((x) => rt.includes(x)));
    if (missing.length) return `${path} has type ${wt.join('|')} in the writer but ${rt.join('|')} in the reader`;
  }
  const rProps = isObj(reader.properties) ? reader.properties : {};
  const wProps = isObj(writer.properties) ? writer.properties : {};
  const rRequired = Array.isArray(reader.required) ? reader.required : [];
  const wRequired = Array.isArray(writer.required) ? writer.required : [];
  for (const name of rRequired) {
    if (typeof name === 'string' && !wRequired.includes(name)) {
      return `${path}.${name} is required by the reader but not by the writer`;
    }
  }
  if (reader.additionalProperties === false) {
    for (const name of Object.keys(wProps)) {
      if (!(name in rProps)) return `${path}.${name} is written but the reader allows no additional properties`;
    }
  }
  for (const [name, rp] of Object.entries(rProps)) {
    if (name in wProps) {
      const why = jsonReadable(rp, wProps[name], `${path}.${name}`);
      if (why) return why;
    }
  }
  if (isObj(reader.items) && isObj(writer.items)) return jsonReadable(reader.items, writer.items, `${path}[]`);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Protobuf

interface ProtoField {
  type: string;
  repeated: boolean;
  required: boolean;
}

function protoMessages(definition: string): Map<string, Map<number, ProtoField>> {
  const root = protobuf.parse(definition, { keepCase: true }).root;
  const out = new Map<string, Map<number, ProtoField>>();
  const walk = (ns: protobuf.NamespaceBase): void => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Type) {
        const fields = new Map<number, ProtoField>();
        for (const f of nested.fieldsArray) {
          fields.set(f.id, {
            type: f.map ? `map<${(f as unknown as protobuf.MapField).keyType},${f.type}>` : f.type,
            repeated: f.repeated,
            required: f.required,
          });
        }
        out.set(nested.fullName.replace(/^\./, ''), fields);
      }
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) walk(nested);
    }
  };
  walk(root);
  return out;
}

function protoReadable(reader: string, writer: string): string | undefined {
  const r = protoMessages(reader);
  const w = protoMessages(writer);
  for (const [name, rFields] of r) {
    const wFields = w.get(name);
    if (!wFields) continue;
    for (const [num, rf] of rFields) {
      const wf = wFields.get(num);
      if (!wf) {
        if (rf.required) return `${name} field ${num} is required by the reader but the writer does not have it`;
        continue;
      }
      if (wf.type !== rf.type || wf.repeated !== rf.repeated) {
        return `${name} field ${num} is ${wf.repeated ? 'repeated ' : ''}${wf.type} in the writer but ${rf.repeated ? 'repeated ' : ''}${rf.type} in the reader`;
      }
      if (rf.required && !wf.required)
        return `${name} field ${num} is required by the reader but optional in the writer`;
    }
  }
  return undefined;
}
