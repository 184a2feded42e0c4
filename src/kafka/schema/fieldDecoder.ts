/**
 * Schema decoding for the tail, kept off the receive path: `observe` only looks at the first
 * bytes of each key and value (a registry header?), remembers which decoder a framed record
 * belongs to, and starts one fetch per unknown schema id. Decoding itself happens on demand
 * (`recordDecoding`: rows in view, filters, export), once per record and field, with cached schemas.
 */
import { decodeFieldCached } from './decode';
import type { SchemaResolver } from './registryClient';
import type { FieldDecoding, SchemaRef } from './types';
import { GLUE_COMPRESSION_NONE, GLUE_COMPRESSION_ZLIB, GLUE_HEADER_VERSION, glueRefOf } from './wireFormat';

type Field = 'key' | 'value';
/** What the decoder reads of a tail record (src/kafka/tail/types.ts TailRecord). */
type Fields = Record<Field, Buffer | null>;

interface RecordState {
  decoder: TailSchemaDecoder;
  key?: FieldDecoding | null;
  value?: FieldDecoding | null;
}

/**
 * Framed records carry their decoder and decodings under this key (on the record itself, like the
 * filter's cache: it leaves the buffer with the record; a WeakMap entry per record cost more).
 */
const STATE = Symbol('schemaDecoding');
type Stateful = { [STATE]?: RecordState };

/** The schema id in a registry header, read from the header alone (no decompression, no decoding). */
export function peekSchemaRef(bytes: Buffer | null, confluent: boolean): SchemaRef | undefined {
  if (!bytes || bytes.length < 5) return undefined;
  const b0 = bytes[0];
  if (b0 === GLUE_HEADER_VERSION && bytes.length >= 18) {
    const b1 = bytes[1];
    if (b1 !== GLUE_COMPRESSION_NONE && b1 !== GLUE_COMPRESSION_ZLIB) return undefined;
    return glueRefOf(bytes);
  }
  if (b0 === 0 && confluent) {
    const id = bytes.readUInt32BE(1);
    return id === 0 || id > 0x7fffffff ? undefined : { registry: 'confluent', id };
  }
  return undefined;
}

export class TailSchemaDecoder {
  /** Bumped when a schema fetch ends (rows shown before may now decode). */
  revision = 0;
  private lastWanted: SchemaRef | undefined;

  constructor(
    readonly resolver: SchemaResolver,
    /** A schema fetch ended (successfully or not): re-render rows, re-run a filter. */
    private readonly onResolved?: () => void,
  ) {}

  /** Called for records before they are buffered (cheap: header bytes only). */
  observe(records: readonly object[]): void {
    const confluent = this.resolver.has('confluent');
    for (const r of records as readonly Fields[]) {
      const k = r.key;
      const v = r.value;
      // Fast path: neither field starts like a registry header.
      if ((!k || (k[0] !== 3 && k[0] !== 0)) && (!v || (v[0] !== 3 && v[0] !== 0))) continue;
      const kr = peekSchemaRef(k, confluent);
      const vr = peekSchemaRef(v, confluent);
      if (!kr && !vr) continue;
      // All fields from the start: one object shape (adding key/value later changed it per record).
      (r as Stateful)[STATE] = { decoder: this, key: undefined, value: undefined };
      if (kr) this.want(kr);
      if (vr) this.want(vr);
    }
  }

  /** Looks a schema up again when nothing is known of it (the cache was cleared, or a failure expired). */
  refetch(bytes: Buffer | null): void {
    const ref = peekSchemaRef(bytes, this.resolver.has('confluent'));
    if (ref) this.want(ref);
  }

  private want(ref: SchemaRef): void {
    // Most records repeat the previous record's id (the same object: see glueRefOf): asked already.
    if (ref === this.lastWanted) return;
    this.lastWanted = ref;
    // The resolver records the fetch as pending before get() returns: asked once per id.
    if (this.resolver.cached(ref) !== undefined || this.resolver.pending(ref)) return;
    this.resolver
      .get(ref)
      .catch(() => undefined)
      .finally(() => {
        this.lastWanted = undefined;
        this.revision++;
        this.onResolved?.();
      });
  }
}

/**
 * A record's key or value as decoded with its schema: undefined when it is not in a registry wire
 * format (or no tail decoder saw it), 'pending' while its schema is being fetched.
 */
export function recordDecoding(r: object, field: Field): FieldDecoding | 'pending' | undefined {
  const s = (r as Stateful)[STATE];
  if (!s) return undefined;
  const known = s[field];
  if (known !== undefined) return known ?? undefined;
  const bytes = (r as Fields)[field];
  const d = decodeFieldCached(bytes, s.decoder.resolver);
  if (d === 'pending') {
    s.decoder.refetch(bytes);
    return d;
  }
  // A failed fetch is not final (the registry is asked again later); a decoding or corrupt bytes are.
  if (d === undefined || d.kind === 'decoded' || d.reason === 'corrupt') s[field] = d ?? null;
  return d;
}

/** Whether the tail decoder saw registry framing in this record (cheap). */
export function hasSchemaFraming(r: object): boolean {
  return (r as Stateful)[STATE] !== undefined;
}
