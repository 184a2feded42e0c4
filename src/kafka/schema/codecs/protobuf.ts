/**
 * Protobuf with protobufjs, from the registered `.proto` text and its references (imports).
 * Decoded values are the Protobuf JSON mapping (lowerCamelCase names, 64-bit integers and enums as
 * strings, bytes as base64, Timestamp as RFC 3339 text, fields with default values left out).
 *
 * Which message type: Glue numbers all message types of the file (nested ones and map entries
 * included) in order of their full names; Confluent uses the declaration path ([0] the first
 * top-level message, [1, 0] the first nested message of the second).
 */
import * as protobuf from 'protobufjs';
import type { SchemaIssue } from '../types';

// Timestamp in the JSON mapping: RFC 3339 text (read back from text or {seconds, nanos}).
const wrappers = protobuf.wrappers as Record<string, protobuf.IWrapper>;
wrappers['.google.protobuf.Timestamp'] ??= {
  fromObject(this: protobuf.Type, object: Record<string, unknown> | string) {
    if (typeof object === 'string') {
      const ms = Date.parse(object);
      if (Number.isNaN(ms)) throw new TypeError(`not an RFC 3339 timestamp: ${object}`);
      const frac = /\.(\d+)/.exec(object)?.[1] ?? '';
      const seconds = Math.floor(ms / 1000);
      return this.create({ seconds, nanos: frac ? Number(frac.padEnd(9, '0').slice(0, 9)) : (ms % 1000) * 1e6 });
    }
    return this.fromObject(object);
  },
  toObject(this: protobuf.Type, message: protobuf.Message, options?: protobuf.IConversionOptions) {
    if (!options?.json) return this.toObject(message, options);
    const m = message as unknown as { seconds: number | { toNumber(): number }; nanos: number };
    const seconds = typeof m.seconds === 'number' ? m.seconds : m.seconds.toNumber();
    const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
    const nanos = m.nanos ?? 0;
    const frac =
      nanos === 0
        ? ''
        : `.${String(nanos)
            .padStart(9, '0')
            .replace(/(\d{3})(0{3}){1,2}$/, '$1')}`;
    return `${iso}${frac}Z` as unknown as Record<string, unknown>;
  },
};

export interface ProtoSchema {
  root: protobuf.Root;
  /** Glue's numbering: full names (no leading dot) sorted; map entries included. */
  glueOrder: string[];
  /** Confluent's tree: top-level types of the file in declaration order. */
  topLevel: ProtoNode[];
}

interface ProtoNode {
  fullName: string;
  nested: ProtoNode[];
}

const fullNameOf = (t: protobuf.ReflectionObject) => t.fullName.replace(/^\./, '');

function mapEntryName(fieldName: string): string {
  const camel = fieldName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return `${camel.charAt(0).toUpperCase()}${camel.slice(1)}Entry`;
}

function typesOf(ns: protobuf.NamespaceBase): protobuf.Type[] {
  return ns.nestedArray.filter((o): o is protobuf.Type => o instanceof protobuf.Type);
}

function topLevelTypes(ns: protobuf.NamespaceBase): protobuf.Type[] {
  const out: protobuf.Type[] = [];
  for (const o of ns.nestedArray) {
    if (o instanceof protobuf.Type) out.push(o);
    else if (o instanceof protobuf.Namespace && !(o instanceof protobuf.Service)) out.push(...topLevelTypes(o));
  }
  return out;
}

function tree(t: protobuf.Type): ProtoNode {
  return { fullName: fullNameOf(t), nested: typesOf(t).map(tree) };
}

function addCommonImport(root: protobuf.Root, file: string): void {
  const json = protobuf.common.get(file);
  if (json) root.addJSON(json.nested ?? {});
}

/** Parses a `.proto` definition with its references; throws with the parser's message when it does not parse. */
export function protoSchema(definition: string, references: { name: string; definition: string }[] = []): ProtoSchema {
  // The file alone (names as written): which message types it declares, for the message indexes.
  const alone = protobuf.parse(definition, new protobuf.Root(), { keepCase: true });
  const top = topLevelTypes(alone.root);
  const glueOrder: string[] = [];
  const queue = [...top];
  while (queue.length > 0) {
    const t = queue.shift()!;
    glueOrder.push(fullNameOf(t));
    for (const f of t.fieldsArray) {
      if (f instanceof protobuf.MapField) glueOrder.push(`${fullNameOf(t)}.${mapEntryName(f.name)}`);
    }
    queue.push(...typesOf(t));
  }
  glueOrder.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  // Everything resolved together: well-known Google types, the references, then the file.
  const root = new protobuf.Root();
  const seen = new Set<string>();
  const parseInto = (name: string, text: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const parsed = protobuf.parse(text, root, { keepCase: false });
    for (const imp of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
      if (imp.startsWith('google/protobuf/')) {
        if (!seen.has(imp)) {
          seen.add(imp);
          addCommonImport(root, imp);
        }
        continue;
      }
      const ref = references.find((r) => r.name === imp);
      if (!ref) throw new Error(`The schema imports "${imp}", which the registry did not return as a reference.`);
      parseInto(ref.name, ref.definition);
    }
  };
  parseInto('(schema)', definition);
  root.resolveAll();
  return { root, glueOrder, topLevel: top.map(tree) };
}

/** Message types a value can be written as (full names, the first top-level one first). */
export function protoMessageTypes(schema: ProtoSchema): string[] {
  const first = schema.topLevel[0]?.fullName;
  return first ? [first, ...schema.glueOrder.filter((n) => n !== first)] : [...schema.glueOrder];
}

export function typeForGlueIndex(schema: ProtoSchema, index: number): protobuf.Type {
  const name = schema.glueOrder[index];
  if (name === undefined) throw new Error(`The schema has no message type number ${index}.`);
  return schema.root.lookupType(name);
}

export function typeForConfluentPath(schema: ProtoSchema, path: number[]): protobuf.Type {
  let nodes = schema.topLevel;
  let node: ProtoNode | undefined;
  for (const i of path) {
    node = nodes[i];
    if (!node) throw new Error(`The schema has no message type at index path [${path.join(', ')}].`);
    nodes = node.nested;
  }
  if (!node) throw new Error('Empty message index path.');
  return schema.root.lookupType(node.fullName);
}

export function glueIndexOf(schema: ProtoSchema, fullName: string): number {
  const i = schema.glueOrder.indexOf(fullName.replace(/^\./, ''));
  if (i < 0) throw new Error(`The schema has no message type ${fullName}.`);
  return i;
}

export function confluentPathOf(schema: ProtoSchema, fullName: string): number[] {
  const target = fullName.replace(/^\./, '');
  const walk = (nodes: ProtoNode[], prefix: number[]): number[] | undefined => {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.fullName === target) return [...prefix, i];
      const found = walk(n.nested, [...prefix, i]);
      if (found) return found;
    }
    return undefined;
  };
  const path = walk(schema.topLevel, []);
  if (!path) throw new Error(`The schema has no message type ${fullName}.`);
  return path;
}

const TO_JSON: protobuf.IConversionOptions = { longs: String, enums: String, bytes: String, json: true };

export function decodeProto(type: protobuf.Type, data: Buffer): unknown {
  return type.toObject(type.decode(data), TO_JSON);
}

const INT32 = new Set(['int32', 'sint32', 'sfixed32', 'uint32', 'fixed32']);
const INT64 = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);

function checkScalar(type: string, v: unknown): string | undefined {
  if (INT32.has(type)) {
    if (typeof v !== 'number' || !Number.isInteger(v)) return `expected an integer (${type})`;
    if (type.startsWith('u') || type === 'fixed32')
      return v < 0 || v > 0xffffffff ? `out of range for ${type}` : undefined;
    return v < -0x80000000 || v > 0x7fffffff ? `out of range for ${type}` : undefined;
  }
  if (INT64.has(type)) {
    const ok = (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
    return ok ? undefined : `expected an integer (${type}, as a number or a string of digits)`;
  }
  switch (type) {
    case 'double':
    case 'float':
      return typeof v === 'number' || v === 'NaN' || v === 'Infinity' || v === '-Infinity'
        ? undefined
        : `expected a number (${type})`;
    case 'bool':
      return typeof v === 'boolean' ? undefined : 'expected true or false';
    case 'string':
      return typeof v === 'string' ? undefined : 'expected a string';
    case 'bytes':
      return typeof v === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(v) ? undefined : 'expected base64 text (bytes)';
  }
  return undefined;
}

function checkValue(field: protobuf.Field, v: unknown, path: string, issues: SchemaIssue[]): void {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Enum) {
    if (typeof v === 'string' && !(v in rt.values)) {
      issues.push({ path, message: `expected one of ${Object.keys(rt.values).join(', ')}` });
    } else if (typeof v !== 'string' && typeof v !== 'number') {
      issues.push({ path, message: `expected an enum name (${Object.keys(rt.values).join(', ')})` });
    }
    return;
  }
  if (rt instanceof protobuf.Type) {
    if (rt.fullName === '.google.protobuf.Timestamp' && typeof v === 'string') {
      if (Number.isNaN(Date.parse(v))) issues.push({ path, message: 'expected an RFC 3339 timestamp' });
      return;
    }
    checkMessage(rt, v, path, issues);
    return;
  }
  const problem = checkScalar(field.type, v);
  if (problem) issues.push({ path, message: `${problem}, got ${JSON.stringify(v)}` });
}

function checkMessage(type: protobuf.Type, value: unknown, path: string, issues: SchemaIssue[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ path, message: `expected an object (${fullNameOf(type)})` });
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = type.fields[key] ?? type.fieldsArray.find((f) => f.name === key || protoName(f) === key);
    const p = `${path}.${key}`;
    if (!field) {
      issues.push({ path: p, message: `is not a field of ${fullNameOf(type)}` });
      continue;
    }
    if (v === null) continue;
    field.resolve();
    if (field instanceof protobuf.MapField) {
      if (typeof v !== 'object' || Array.isArray(v)) issues.push({ path: p, message: 'expected an object (map)' });
      else for (const [k, x] of Object.entries(v)) checkValue(field, x, `${p}[${JSON.stringify(k)}]`, issues);
    } else if (field.repeated) {
      if (!Array.isArray(v)) issues.push({ path: p, message: 'expected an array (repeated field)' });
      else v.forEach((x, i) => checkValue(field, x, `${p}[${i}]`, issues));
    } else {
      checkValue(field, v, p, issues);
    }
  }
}

/** The field's name as written in the .proto (snake_case), which the JSON mapping also accepts. */
function protoName(f: protobuf.Field): string {
  return (f.options?.['json_name'] as string | undefined) ?? f.name;
}

/** Problems of a JSON value against a message type, each naming the field path. */
export function validateProto(type: protobuf.Type, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  checkMessage(type, value, '$', issues);
  return issues;
}

function timestampObject(text: string): { seconds: number; nanos: number } {
  const ms = Date.parse(text);
  const frac = /\.(\d+)/.exec(text)?.[1] ?? '';
  return { seconds: Math.floor(ms / 1000), nanos: Number(frac.padEnd(9, '0').slice(0, 9)) };
}

/** The JSON mapping's texts where protobufjs wants objects (Timestamp as RFC 3339 text). */
function prepare(type: protobuf.Type, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = type.fields[key];
    const rt = field?.resolvedType;
    if (!(rt instanceof protobuf.Type) || v === null) {
      out[key] = v;
      continue;
    }
    const one = (x: unknown) =>
      rt.fullName === '.google.protobuf.Timestamp' && typeof x === 'string' ? timestampObject(x) : prepare(rt, x);
    if (field instanceof protobuf.MapField && typeof v === 'object' && !Array.isArray(v)) {
      out[key] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, one(x)]));
    } else if (Array.isArray(v)) {
      out[key] = v.map(one);
    } else {
      out[key] = one(v);
    }
  }
  return out;
}

export function encodeProto(type: protobuf.Type, value: unknown): Buffer {
  const message = type.fromObject(prepare(type, value) as Record<string, unknown>);
  return Buffer.from(type.encode(message).finish());
}
