/**
 * Growable writer of Kafka primitives (see primitives.ts for the contract).
 */
import { uuidFromString } from './uuid';

const TWO_32 = 4294967296;
const TWO_63 = 2 ** 63;
const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;

/** Byte fields at least this large are referenced, not copied, by a chunked Writer. */
const ZERO_COPY_MIN = 1024;

export class Writer {
  buf: Buffer;
  pos = 0;
  /** Finished segments and referenced buffers, when chunked (see `chunked`). */
  private chunks: Buffer[] | null = null;
  private segStart = 0;

  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /**
   * A Writer whose large record sets are referenced instead of copied: `finishChunks()` returns
   * the output as a list of buffers (for socket.writev / cork), so a Fetch response does not copy
   * its record batches. The referenced buffers must stay unchanged until written.
   */
  static chunked(initialSize = 1024): Writer {
    const w = new Writer(initialSize);
    w.chunks = [];
    return w;
  }

  /** Makes room for `n` more bytes and returns the position to write them at. */
  reserve(n: number): number {
    const p = this.pos;
    if (p + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, p + n));
      this.buf.copy(next, 0, 0, p);
      this.buf = next;
    }
    this.pos = p + n;
    return p;
  }

  /** The bytes written so far (a view, not a copy). Not for chunked writers. */
  finish(): Buffer {
    if (this.chunks !== null && this.chunks.length > 0) throw new Error('chunked Writer: use finishChunks()');
    return this.buf.subarray(0, this.pos);
  }

  /** All output, in order: segments of this writer's buffer and the referenced record sets. */
  finishChunks(): Buffer[] {
    const out = this.chunks ?? [];
    if (this.pos > this.segStart || out.length === 0) out.push(this.buf.subarray(this.segStart, this.pos));
    this.chunks = null;
    return out;
  }

  /** Total bytes written, referenced buffers included. */
  length(): number {
    let n = this.pos - this.segStart;
    for (const c of this.chunks ?? []) n += c.length;
    return n;
  }

  /** Writes `b` by reference when chunked and large, else copies it. */
  private rawRef(b: Uint8Array): void {
    if (this.chunks === null || b.length < ZERO_COPY_MIN) return this.raw(b);
    this.chunks.push(this.buf.subarray(this.segStart, this.pos), Buffer.from(b.buffer, b.byteOffset, b.length));
    this.segStart = this.pos;
  }

  /** One raw byte. Note: reserve() may replace this.buf, so it must run before this.buf is read. */
  byte(b: number): void {
    const p = this.reserve(1);
    this.buf[p] = b;
  }
  bool(v: boolean): void {
    this.byte(v ? 1 : 0);
  }
  int8(v: number): void {
    const p = this.reserve(1);
    this.buf.writeInt8(v, p);
  }
  // Buffer#write*BE validates the range: an out-of-range value is a RangeError naming the field.
  int16(v: number): void {
    const p = this.reserve(2);
    this.buf.writeInt16BE(v, p);
  }
  uint16(v: number): void {
    const p = this.reserve(2);
    this.buf.writeUInt16BE(v, p);
  }
  int32(v: number): void {
    const p = this.reserve(4);
    this.buf.writeInt32BE(v, p);
  }
  uint32(v: number): void {
    const p = this.reserve(4);
    this.buf.writeUInt32BE(v, p);
  }
  float64(v: number): void {
    const p = this.reserve(8);
    this.buf.writeDoubleBE(v, p);
  }
  int64(v: number): void {
    const p = this.reserve(8);
    if (Number.isSafeInteger(v)) {
      const hi = Math.floor(v / TWO_32);
      this.buf.writeInt32BE(hi, p);
      this.buf.writeUInt32BE(v - hi * TWO_32, p + 4);
      return;
    }
    if (Number.isNaN(v)) throw new TypeError('int64 value is NaN');
    let big: bigint;
    if (v >= TWO_63) big = INT64_MAX;
    else if (v <= -TWO_63) big = INT64_MIN;
    else big = BigInt(Math.trunc(v));
    this.buf.writeBigInt64BE(big, p);
  }

  uvarint(v: number): void {
    v >>>= 0;
    while (v >= 0x80) {
      this.byte((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.byte(v);
  }
  varint(v: number): void {
    this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }
  uvarlong(v: number): void {
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }
  varlong(v: number): void {
    this.uvarlong(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  private utf8(s: string, len: number): void {
    const p = this.reserve(len);
    this.buf.write(s, p, len, 'utf8');
  }
  nullableString(s: string | null): void {
    if (s === null) return this.int16(-1);
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0x7fff) throw new RangeError(`string of ${len} bytes exceeds the int16 length`);
    this.int16(len);
    this.utf8(s, len);
  }
  compactNullableString(s: string | null): void {
    if (s === null) return this.uvarint(0);
    const len = Buffer.byteLength(s, 'utf8');
    this.uvarint(len + 1);
    this.utf8(s, len);
  }
  nullableBytes(b: Uint8Array | null): void {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    this.rawRef(b);
  }
  compactNullableBytes(b: Uint8Array | null): void {
    if (b === null) return this.uvarint(0);
    this.uvarint(b.length + 1);
    this.rawRef(b);
  }
  /** Record batches written back to back as one (compact) nullable bytes field, each by reference when chunked and large. */
  bytesList(list: readonly Uint8Array[], compact: boolean): void {
    let n = 0;
    for (const b of list) n += b.length;
    if (compact) this.uvarint(n + 1);
    else this.int32(n);
    for (const b of list) this.rawRef(b);
  }
  raw(b: Uint8Array): void {
    const p = this.reserve(b.length);
    this.buf.set(b, p);
  }
  /** Array length for `n` elements, or null (−1 / 0 compact). */
  arrayLength(n: number | null, compact: boolean): void {
    if (compact) this.uvarint(n === null ? 0 : n + 1);
    else this.int32(n === null ? -1 : n);
  }
  uuid(s: string): void {
    this.raw(uuidFromString(s));
  }
}
