/**
 * A reader compiled once per Avro type that decodes binary Avro straight to the JSON-able values
 * avro.ts defines (records as plain objects; decimal → exact text, timestamps → ISO text, date →
 * `YYYY-MM-DD`, bytes/fixed → base64; unambiguous unions unwrapped). It reads from the buffer in
 * place: no avsc Tap, record class instance, intermediate Buffer or copy per record (the tail
 * decodes every record a filter or export touches: bench/README.md). Types it does not handle
 * (wrapped unions, recursive records) return undefined, and the caller uses avsc.
 */
import type * as avro from 'avsc';

interface State {
  buf: Buffer;
  pos: number;
}
type Read = (s: State) => unknown;

/** A zigzag varint (Avro int and long) as a JS number (exact up to 2^53, as avsc reads it). */
function readLong(s: State): number {
  const buf = s.buf;
  let b = buf[s.pos++];
  let n = b & 0x7f;
  let shift = 7;
  while (b & 0x80 && shift < 28) {
    b = buf[s.pos++];
    n |= (b & 0x7f) << shift;
    shift += 7;
  }
  if (!(b & 0x80)) return (n >>> 1) ^ -(n & 1);
  // Beyond 28 bits: continue in floating point.
  let f = n >>> 0;
  let scale = 268_435_456; // 2^28
  do {
    b = buf[s.pos++];
    if (b === undefined) throw new RangeError('truncated');
    f += (b & 0x7f) * scale;
    scale *= 128;
  } while (b & 0x80);
  return f % 2 ? -(f + 1) / 2 : f / 2;
}

function readLength(s: State): number {
  const n = readLong(s);
  if (n < 0 || s.pos + n > s.buf.length) throw new RangeError('truncated');
  return n;
}

const readString: Read = (s) => {
  const n = readLength(s);
  const start = s.pos;
  s.pos += n;
  return s.buf.toString('utf8', start, start + n);
};

function base64Of(size: number | undefined): Read {
  return (s) => {
    const n = size ?? readLength(s);
    const start = s.pos;
    s.pos += n;
    return s.buf.toString('base64', start, start + n);
  };
}

/** decimal: two's-complement big-endian unscaled value → exact text with `scale` decimals. */
function decimalOf(size: number | undefined, scale: number): Read {
  return (s) => {
    const n = size ?? readLength(s);
    const buf = s.buf;
    const start = s.pos;
    s.pos += n;
    if (s.pos > buf.length) throw new RangeError('truncated');
    let negative: boolean;
    let abs: string;
    if (n <= 6) {
      let v = 0;
      for (let i = start; i < start + n; i++) v = v * 256 + buf[i];
      if (n > 0 && buf[start] & 0x80) v -= 2 ** (n * 8);
      negative = v < 0;
      abs = String(negative ? -v : v);
    } else {
      let v = 0n;
      for (let i = start; i < start + n; i++) v = (v << 8n) | BigInt(buf[i]);
      if (buf[start] & 0x80) v -= 1n << BigInt(n * 8);
      negative = v < 0n;
      abs = (negative ? -v : v).toString();
    }
    const digits = abs.padStart(scale + 1, '0');
    const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return negative ? `-${text}` : text;
  };
}

/** Items of an array or entries of a map: blocks of a count (negative: followed by the block's byte size). */
function readBlocks(s: State, each: () => void): void {
  for (;;) {
    let count = readLong(s);
    if (count === 0) return;
    if (count < 0) {
      count = -count;
      readLong(s);
    }
    for (let i = 0; i < count; i++) each();
  }
}

type Any = avro.Type & { typeName: string };

/** The reader of a type, or undefined when it is one this reader leaves to avsc. */
export function compileAvroReader(type: avro.Type): ((buf: Buffer) => { value: unknown; end: number }) | undefined {
  const read = readerOf(type, new Set());
  if (!read) return undefined;
  const state: State = { buf: Buffer.alloc(0), pos: 0 };
  return (buf) => {
    state.buf = buf;
    state.pos = 0;
    const value = read(state);
    const end = state.pos;
    state.buf = EMPTY;
    return { value, end };
  };
}

const EMPTY = Buffer.alloc(0);

function readerOf(t: Any, visiting: Set<avro.Type>): Read | undefined {
  const sub = (x: avro.Type) => readerOf(x, visiting);
  switch (t.typeName) {
    case 'null':
      return () => null;
    case 'boolean':
      return (s) => s.buf[s.pos++] !== 0;
    case 'int':
    case 'long':
      return readLong;
    case 'float':
      return (s) => {
        const v = s.buf.readFloatLE(s.pos);
        s.pos += 4;
        return v;
      };
    case 'double':
      return (s) => {
        const v = s.buf.readDoubleLE(s.pos);
        s.pos += 8;
        return v;
      };
    case 'string':
      return readString;
    case 'enum': {
      const symbols = (t as unknown as avro.types.EnumType).symbols;
      return (s) => {
        const i = readLong(s);
        const v = symbols[i];
        if (v === undefined) throw new Error(`${i} is not a symbol index of enum ${t.name ?? ''}.`);
        return v;
      };
    }
    case 'array': {
      const item = sub((t as unknown as avro.types.ArrayType).itemsType);
      if (!item) return undefined;
      return (s) => {
        const out: unknown[] = [];
        readBlocks(s, () => out.push(item(s)));
        return out;
      };
    }
    case 'map': {
      const value = sub((t as unknown as { valuesType: avro.Type }).valuesType);
      if (!value) return undefined;
      return (s) => {
        const out: Record<string, unknown> = {};
        readBlocks(s, () => {
          const k = readString(s) as string;
          out[k] = value(s);
        });
        return out;
      };
    }
    case 'union:unwrapped': {
      const branches = (t as unknown as { types: avro.Type[] }).types.map(sub);
      if (branches.some((b) => !b)) return undefined;
      return (s) => {
        const i = readLong(s);
        const b = branches[i];
        if (!b) throw new Error(`${i} is not a branch index of the union.`);
        return b(s);
      };
    }
    case 'record':
    case 'error': {
      if (visiting.has(t)) return undefined;
      visiting.add(t);
      const fields = (t as unknown as avro.types.RecordType).fields;
      const readers = fields.map((f) => sub(f.type));
      visiting.delete(t);
      if (readers.some((r) => !r)) return undefined;
      // An object literal of the fields in order (Avro names are identifiers; JSON.stringify quotes them).
      const body = fields.map((f, i) => `${JSON.stringify(f.name)}: r[${i}](s)`).join(', ');
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- made from the schema's field names, once per type
      const make = new Function('r', `return function (s) { return { ${body} }; };`) as (r: Read[]) => Read;
      return make(readers as Read[]);
    }
    default: {
      if (!t.typeName.startsWith('logical:')) return undefined; // wrapped unions, fixed/bytes without ours
      const logical = t as unknown as avro.types.LogicalType & { underlyingType: Any };
      const underlying = logical.underlyingType;
      const name = t.typeName.slice('logical:'.length);
      const u = underlying as unknown as { size?: number; typeName: string };
      const size = u.typeName === 'fixed' ? u.size : undefined;
      if (name === 'decimal') {
        const scale = (logical as unknown as { scale: number }).scale;
        return decimalOf(size, scale);
      }
      if (name === 'msk-base64') return base64Of(size);
      // The other logical types are avro.ts's (only those are registered): their own conversion.
      const base = sub(underlying);
      const convert = logical as unknown as { _fromValue(v: unknown): unknown };
      return base ? (s) => convert._fromValue(base(s)) : undefined;
    }
  }
}
