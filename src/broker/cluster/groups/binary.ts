/**
 * Big-endian reader/writer for the non-flexible key/value schemas of Kafka's internal topics
 * (__consumer_offsets, __transaction_state). Strings are INT16-length UTF-8 (length -1 = null),
 * bytes are INT32-length, arrays are INT32-count (-1 = null), as in the protocol spec's
 * "Protocol Primitive Types". Offsets and timestamps are int64 carried as JS numbers (< 2^53).
 */

export class BinaryWriter {
  private chunks: Buffer[] = [];

  int8(v: number): this { const b = Buffer.alloc(1); b.writeInt8(v); return this.push(b); }
  int16(v: number): this { const b = Buffer.alloc(2); b.writeInt16BE(v); return this.push(b); }
  int32(v: number): this { const b = Buffer.alloc(4); b.writeInt32BE(v); return this.push(b); }
  int64(v: number): this { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(v)); return this.push(b); }

  string(v: string): this {
    const s = Buffer.from(v, 'utf8');
    return this.int16(s.length).push(s);
  }

  nullableString(v: string | null): this {
    return v === null ? this.int16(-1) : this.string(v);
  }

  bytes(v: Buffer): this {
    return this.int32(v.length).push(v);
  }

  array<T>(items: readonly T[] | null, write: (w: this, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }

  private push(b: Buffer): this {
    this.chunks.push(b);
    return this;
  }
}

/** Thrown when a key or value is shorter than its schema or holds an impossible length. */
export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

export class BinaryReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  int8(): number { const v = this.buf.readInt8(this.need(1)); return v; }
  int16(): number { return this.buf.readInt16BE(this.need(2)); }
  int32(): number { return this.buf.readInt32BE(this.need(4)); }
  int64(): number { return Number(this.buf.readBigInt64BE(this.need(8))); }

  string(): string {
    const s = this.nullableString();
    if (s === null) throw new SchemaError('non-nullable string is null');
    return s;
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    const at = this.need(len);
    return this.buf.toString('utf8', at, at + len);
  }

  bytes(): Buffer {
    const len = this.int32();
    if (len < 0) return Buffer.alloc(0);
    const at = this.need(len);
    return Buffer.from(this.buf.subarray(at, at + len));
  }

  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    const at = this.need(len);
    return Buffer.from(this.buf.subarray(at, at + len));
  }

  array<T>(read: (r: this) => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    if (n > this.remaining) throw new SchemaError(`array count ${n} exceeds the ${this.remaining} bytes left`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(read(this));
    return out;
  }

  private need(n: number): number {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new SchemaError(`needs ${n} bytes at ${this.pos}, has ${this.buf.length - this.pos}`);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }
}
