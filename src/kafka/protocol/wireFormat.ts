/**
 * The primitive types of Kafka's non-flexible protocol versions (big-endian INT8/16/32/64, BOOLEAN,
 * STRING and NULLABLE_STRING with an INT16 length, ARRAY with an INT32 count, -1 for null), as the
 * protocol guide (kafka.apache.org/protocol, "Protocol Primitive Types") defines them. Pure code.
 */

/** Builds a request body field by field. */
export class WireWriter {
  private readonly parts: Buffer[] = [];

  int8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v);
    return this.push(b);
  }
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    return this.push(b);
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    return this.push(b);
  }
  int64(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    return this.push(b);
  }
  boolean(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  string(v: string): this {
    const bytes = Buffer.from(v, 'utf8');
    if (bytes.length > 0x7fff) throw new RangeError(`a protocol string is at most 32767 bytes (got ${bytes.length})`);
    return this.int16(bytes.length).push(bytes);
  }
  nullableString(v: string | null): this {
    return v === null ? this.int16(-1) : this.string(v);
  }
  /** NULLABLE_BYTES / RECORDS: an INT32 length (-1 for null), then the bytes. */
  bytes(v: Buffer | null): this {
    return v === null ? this.int32(-1) : this.int32(v.length).push(v);
  }
  /** An ARRAY: its INT32 count, then each element written by `each`. */
  array<T>(items: readonly T[], each: (w: this, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) each(this, item);
    return this;
  }
  /** A nullable ARRAY written as null (count -1). */
  nullArray(): this {
    return this.int32(-1);
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
  private push(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
}

/** Reads a response body field by field; throws a RangeError naming the field when it runs out. */
export class WireReader {
  private at = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly what: string,
  ) {}

  int8(field: string): number {
    this.need(1, field);
    const v = this.buf.readInt8(this.at);
    this.at += 1;
    return v;
  }
  int16(field: string): number {
    this.need(2, field);
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }
  int32(field: string): number {
    this.need(4, field);
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  int64(field: string): bigint {
    this.need(8, field);
    const v = this.buf.readBigInt64BE(this.at);
    this.at += 8;
    return v;
  }
  boolean(field: string): boolean {
    return this.int8(field) !== 0;
  }
  string(field: string): string {
    const s = this.nullableString(field);
    if (s === null) throw new RangeError(`${this.what}: ${field} is null where the protocol requires a string`);
    return s;
  }
  nullableString(field: string): string | null {
    const len = this.int16(field);
    if (len < 0) return null;
    this.need(len, field);
    const s = this.buf.toString('utf8', this.at, this.at + len);
    this.at += len;
    return s;
  }
  /** NULLABLE_BYTES / RECORDS (INT32 length, -1 = null, read as empty) as a slice of the buffer, not a copy. */
  bytesSlice(field: string): Buffer {
    const len = this.int32(field);
    if (len < 0) return this.buf.subarray(this.at, this.at);
    this.need(len, field);
    const b = this.buf.subarray(this.at, this.at + len);
    this.at += len;
    return b;
  }
  /** An ARRAY (null read as empty). */
  array<T>(field: string, each: (r: this) => T): T[] {
    const count = this.int32(field);
    if (count < 0) return [];
    // Each element takes at least one byte: a count beyond the rest of the buffer is corrupt.
    if (count > this.buf.length - this.at)
      throw new RangeError(`${this.what}: ${field} claims ${count} elements in ${this.buf.length - this.at} bytes`);
    const out: T[] = [];
    for (let i = 0; i < count; i++) out.push(each(this));
    return out;
  }
  /** Nothing may follow the last field (a longer answer is another version or a framing error). */
  end(): void {
    if (this.at !== this.buf.length)
      throw new RangeError(`${this.what}: ${this.buf.length - this.at} unexpected bytes after the last field`);
  }
  private need(n: number, field: string): void {
    if (this.at + n > this.buf.length) throw new RangeError(`${this.what}: the response ends inside ${field}`);
  }
}
