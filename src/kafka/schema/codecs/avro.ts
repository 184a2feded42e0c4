/**
 * Avro with avsc: binary ⇄ JSON-able values. Logical types become readable JSON and are read back
 * from it: decimal → "12.34" (string, exact), timestamp-millis/-micros → ISO-8601 text,
 * local-timestamp-* → ISO text without zone, date → "YYYY-MM-DD", uuid → its text; bytes and fixed
 * → base64 text. Unions are unwrapped when unambiguous (["null","string"] → null or "x"), else
 * written as {"Branch": value} as in Avro's JSON encoding.
 */
import * as avro from 'avsc';
import type { SchemaIssue } from '../types';
import { compileAvroReader } from './avroReader';

const { LogicalType } = avro.types;

const DAY_MS = 86_400_000;
/** The last day formatted (`2026-12-02T`): records of a topic mostly share a few days. */
let lastDay = { day: NaN, prefix: '' };
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** ISO-8601 text of an instant (as Date#toISOString, without a Date per value for years 0–9999). */
function isoFromMillis(ms: number, micros?: number): string {
  const day = Math.floor(ms / DAY_MS);
  let iso: string;
  if (day === lastDay.day || (ms >= -62_167_219_200_000 && ms < 253_402_300_800_000)) {
    if (day !== lastDay.day) lastDay = { day, prefix: new Date(day * DAY_MS).toISOString().slice(0, 11) };
    const t = ms - day * DAY_MS;
    const s = Math.floor(t / 1000);
    iso = `${lastDay.prefix}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${pad3(t % 1000)}Z`;
  } else {
    iso = new Date(ms).toISOString();
  }
  return micros === undefined ? iso : `${iso.slice(0, -1)}${pad3(micros)}Z`;
}

function millisFromIso(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

class TimestampMillis extends LogicalType {
  protected override _fromValue(val: number): string {
    const iso = isoFromMillis(val);
    return this.local() ? iso.slice(0, -1) : iso;
  }
  protected override _toValue(v: unknown): number | undefined {
    return millisFromIso(v);
  }
  protected override _resolve(type: avro.Type): ((v: unknown) => unknown) | undefined {
    return avro.Type.isType(type, 'long', 'int', 'logical:timestamp-millis', 'logical:local-timestamp-millis')
      ? (v) => this._fromValue(v as number)
      : undefined;
  }
  private local(): boolean {
    return (this as unknown as { _logicalTypeName: string })._logicalTypeName.startsWith('local-');
  }
}

class TimestampMicros extends LogicalType {
  protected override _fromValue(val: number): string {
    const ms = Math.floor(val / 1000);
    const iso = isoFromMillis(ms, val - ms * 1000);
    return (this as unknown as { _logicalTypeName: string })._logicalTypeName.startsWith('local-')
      ? iso.slice(0, -1)
      : iso;
  }
  protected override _toValue(v: unknown): number | undefined {
    if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
    const ms = millisFromIso(v);
    if (ms === undefined || typeof v !== 'string') return undefined;
    const frac = /\.(\d+)/.exec(v)?.[1] ?? '';
    const micros = Number(frac.padEnd(6, '0').slice(3, 6));
    return ms * 1000 + micros;
  }
  protected override _resolve(type: avro.Type): ((v: unknown) => unknown) | undefined {
    return avro.Type.isType(type, 'long', 'logical:timestamp-micros', 'logical:local-timestamp-micros')
      ? (v) => this._fromValue(v as number)
      : undefined;
  }
}

class DateType extends LogicalType {
  protected override _fromValue(days: number): string {
    return new Date(days * DAY_MS).toISOString().slice(0, 10);
  }
  protected override _toValue(v: unknown): number | undefined {
    if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
    if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(v)) return undefined;
    const ms = Date.parse(`${v}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : ms / DAY_MS;
  }
  protected override _resolve(type: avro.Type): ((v: unknown) => unknown) | undefined {
    return avro.Type.isType(type, 'int', 'logical:date') ? (v) => this._fromValue(v as number) : undefined;
  }
}

/** decimal on bytes or fixed: a two's-complement big-endian unscaled integer; JSON is its exact decimal text. */
class DecimalType extends LogicalType {
  private readonly scale: number;
  private readonly precision: number;
  private readonly size: number | undefined;

  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    const s = schema as { scale?: number; precision?: number; size?: number };
    this.scale = s.scale ?? 0;
    this.precision = s.precision ?? 0;
    this.size = s.size;
  }

  protected override _fromValue(buf: Buffer): string {
    let negative: boolean;
    let abs: string;
    if (buf.length <= 6) {
      // Up to 48 bits: exact as a double, no BigInt per value.
      let n = 0;
      for (let i = 0; i < buf.length; i++) n = n * 256 + buf[i];
      if (buf.length > 0 && (buf[0] & 0x80) !== 0) n -= 2 ** (buf.length * 8);
      negative = n < 0;
      abs = String(negative ? -n : n);
    } else {
      let n = 0n;
      for (const b of buf) n = (n << 8n) | BigInt(b);
      if ((buf[0] & 0x80) !== 0) n -= 1n << BigInt(buf.length * 8);
      negative = n < 0n;
      abs = (negative ? -n : n).toString();
    }
    const digits = abs.padStart(this.scale + 1, '0');
    const text = this.scale > 0 ? `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}` : digits;
    return negative ? `-${text}` : text;
  }

  protected override _toValue(v: unknown): Buffer | undefined {
    const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
    if (typeof text !== 'string') return undefined;
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!m) return undefined;
    const frac = m[3] ?? '';
    if (frac.length > this.scale) return undefined;
    const digits = `${m[2]}${frac.padEnd(this.scale, '0')}`.replace(/^0+(?=\d)/, '');
    if (this.precision > 0 && digits.length > this.precision) return undefined;
    let n = BigInt(digits);
    if (m[1] === '-') n = -n;
    const bytes: number[] = [];
    for (;;) {
      bytes.unshift(Number(n & 0xffn));
      const rest = n >> 8n;
      const sign = (bytes[0] & 0x80) !== 0;
      if ((rest === 0n && !sign) || (rest === -1n && sign)) break;
      n = rest;
    }
    if (this.size !== undefined) {
      if (bytes.length > this.size) return undefined;
      const fill = (bytes[0] & 0x80) !== 0 ? 0xff : 0;
      while (bytes.length < this.size) bytes.unshift(fill);
    }
    return Buffer.from(bytes);
  }

  protected override _resolve(type: avro.Type): ((v: unknown) => unknown) | undefined {
    return avro.Type.isType(type, 'logical:decimal') ? (v) => this._fromValue(v as Buffer) : undefined;
  }
}

/** bytes and fixed without a logical type: base64 text in JSON. */
class Base64Type extends LogicalType {
  protected override _fromValue(buf: Buffer): string {
    return buf.toString('base64');
  }
  protected override _toValue(v: unknown): Buffer | undefined {
    if (Buffer.isBuffer(v)) return v;
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return undefined;
    return Buffer.from(v, 'base64');
  }
  protected override _resolve(type: avro.Type): ((v: unknown) => unknown) | undefined {
    return avro.Type.isType(type, 'bytes', 'fixed', 'logical:msk-base64')
      ? (v) => this._fromValue(v as Buffer)
      : undefined;
  }
}

const BASE64 = 'msk-base64';

const logicalTypes = {
  'timestamp-millis': TimestampMillis,
  'local-timestamp-millis': TimestampMillis,
  'timestamp-micros': TimestampMicros,
  'local-timestamp-micros': TimestampMicros,
  date: DateType,
  decimal: DecimalType,
  [BASE64]: Base64Type,
} as unknown as Record<string, new (schema: avro.Schema, opts?: unknown) => avro.types.LogicalType>;

function typeHook(schema: avro.Schema, opts: avro.ForSchemaOptions): avro.Type | undefined {
  if (typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const s = schema as { type?: unknown; logicalType?: string };
  if ((s.type === 'bytes' || s.type === 'fixed') && !s.logicalType) {
    return avro.Type.forSchema({ ...(schema as object), logicalType: BASE64 } as avro.Schema, opts);
  }
  return undefined;
}

/** The avsc type of an Avro schema definition (JSON text). */
export function avroType(definition: string): avro.Type {
  return avro.Type.forSchema(JSON.parse(definition) as avro.Schema, {
    logicalTypes,
    typeHook,
    wrapUnions: 'auto',
  });
}

/** The compiled reader of a type (avroReader.ts), or null when avsc decodes it. */
const readers = new WeakMap<avro.Type, ReturnType<typeof compileAvroReader> | null>();

export function decodeAvro(type: avro.Type, data: Buffer): unknown {
  let reader = readers.get(type);
  if (reader === undefined) {
    reader = compileAvroReader(type) ?? null;
    readers.set(type, reader);
  }
  if (reader) {
    let r: { value: unknown; end: number };
    try {
      r = reader(data);
    } catch (err) {
      if (err instanceof RangeError) throw new Error('The Avro data ends before the record does.');
      throw err;
    }
    if (r.end > data.length) throw new Error('The Avro data ends before the record does.');
    if (r.end !== data.length) throw new Error(`${data.length - r.end} bytes follow the Avro record.`);
    return r.value;
  }
  return decodeAvroByAvsc(type, data);
}

/** Decoding with avsc itself (types the compiled reader leaves to it; tests compare the two). */
export function decodeAvroByAvsc(type: avro.Type, data: Buffer): unknown {
  const decoded: { value: unknown; offset: number } = type.decode(data, 0);
  const { value, offset } = decoded;
  if (offset < 0 || value === undefined) throw new Error('The Avro data ends before the record does.');
  if (offset !== data.length) throw new Error(`${data.length - offset} bytes follow the Avro record.`);
  return jsonConverter(type)(value);
}

/**
 * avsc hands back records as class instances (with methods on their prototype) and wrapped unions
 * as branch objects; filters (CEL takes only plain objects) and JSON want plain data. A converter
 * is made once per type: records become object literals of their fields, arrays and maps are
 * copied only when their items need it, and everything else (strings, numbers, enums, our logical
 * types' text) is taken as it is. Recursive types and wrapped unions fall back to a generic copy.
 */
type Convert = (v: unknown) => unknown;
const identity: Convert = (v) => v;
const converters = new WeakMap<avro.Type, Convert>();

function jsonConverter(type: avro.Type): Convert {
  let c = converters.get(type);
  if (!c) {
    c = converterOf(type, new Set()) ?? identity;
    converters.set(type, c);
  }
  return c;
}

/** undefined: values of this type are JSON data already. */
function converterOf(type: avro.Type, visiting: Set<avro.Type>): Convert | undefined {
  const t = type as avro.Type & { typeName: string };
  switch (t.typeName) {
    case 'record':
    case 'error': {
      if (visiting.has(type)) return toJsonValue;
      visiting.add(type);
      const fields = (type as avro.types.RecordType).fields;
      const convs = fields.map((f) => converterOf(f.type, visiting));
      visiting.delete(type);
      if (convs.includes(toJsonValue)) return toJsonValue;
      // An object literal with the record's fields (Avro names are identifiers).
      const body = fields
        .map((f, i) => `${JSON.stringify(f.name)}: ${convs[i] ? `c[${i}](v.${f.name})` : `v.${f.name}`}`)
        .join(', ');
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- made from the schema's field names, once per type
      const make = new Function('c', `return function (v) { return { ${body} }; };`) as (c: unknown[]) => Convert;
      return make(convs);
    }
    case 'array': {
      const item = converterOf((type as avro.types.ArrayType).itemsType, visiting);
      return item ? (v) => (v as unknown[]).map(item) : undefined;
    }
    case 'map': {
      const value = converterOf((type as avro.types.MapType).valuesType as avro.Type, visiting);
      if (!value) return undefined;
      return (v) => {
        const o = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(o)) out[k] = value(o[k]);
        return out;
      };
    }
    case 'union:unwrapped': {
      const branches = (type as unknown as { types: avro.Type[] }).types.map((b) => converterOf(b, visiting));
      return branches.some((b) => b !== undefined) ? toJsonValue : undefined;
    }
    case 'union:wrapped':
      return toJsonValue;
    default:
      return undefined;
  }
}

/** Generic: plain JSON data of any avsc value (records' own fields). */
function toJsonValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const list: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) list[i] = toJsonValue(v[i]);
    return list;
  }
  if (Buffer.isBuffer(v)) return v.toString('base64');
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = toJsonValue(o[k]);
  return out;
}

function pathText(path: string[]): string {
  return `$${path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('')}`;
}

function typeLabel(type: avro.Type): string {
  const t = type as avro.Type & { typeName: string; name?: string };
  if (t.typeName.startsWith('logical:')) {
    const name = t.typeName.slice('logical:'.length);
    return name === BASE64 ? 'base64 bytes' : name;
  }
  if (t.typeName === 'union:unwrapped' || t.typeName === 'union:wrapped') {
    return `one of ${(type as unknown as { types: avro.Type[] }).types.map(typeLabel).join(', ')}`;
  }
  return t.name ?? t.typeName;
}

/** Problems of a JSON value against an Avro type, each naming the field path. */
export function validateAvro(type: avro.Type, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  type.isValid(value, {
    errorHook: (path: string[], any: unknown, t: avro.Type) => {
      const got = any === undefined ? 'nothing (the field is missing)' : JSON.stringify(any);
      issues.push({ path: pathText(path), message: `expected ${typeLabel(t)}, got ${got}` });
    },
  });
  if (issues.length === 0 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = type as avro.types.RecordType;
    if (record.typeName === 'record' || record.typeName === 'error') {
      const known = new Set(record.fields.map((f) => f.name));
      for (const k of Object.keys(value)) {
        if (!known.has(k)) issues.push({ path: pathText([k]), message: 'is not a field of the schema' });
      }
    }
  }
  return issues;
}

export function encodeAvro(type: avro.Type, value: unknown): Buffer {
  return type.toBuffer(value);
}
