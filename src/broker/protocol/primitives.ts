/**
 * Kafka wire primitives: a bounds-checked Reader over a Buffer and a growable Writer.
 *
 * Source: the "Protocol Primitive Types" section of the Kafka protocol guide
 * (https://kafka.apache.org/protocol#protocol_types) and KIP-482 (compact types, tagged fields).
 * All integers are big-endian; varints are protobuf-style, signed ones zigzag-encoded.
 *
 * Safety contract of the Reader: every read checks the bytes left first and throws
 * `ProtocolDecodeError` past the end, so a length read from the wire is compared with what is
 * left before anything is allocated. Byte fields are returned as subarrays (no copy).
 *
 * int64 is a JS number. Reads beyond ±(2^53−1) clamp to ±Number.MAX_SAFE_INTEGER (Kafka uses
 * such values only as sentinels such as Long.MAX_VALUE). Writes of a non-safe number clamp to the
 * int64 range, so writing `Infinity` produces Long.MAX_VALUE and `-Infinity` Long.MIN_VALUE.
 */

/** Thrown for any malformed, truncated or unsupported input. `reason` lets the wire layer choose a response. */
export class ProtocolDecodeError extends Error {
  override readonly name = 'ProtocolDecodeError';
  constructor(
    message: string,
    readonly reason: 'malformed' | 'unknown-api' | 'unsupported-version' = 'malformed',
  ) {
    super(message);
  }
}

const TWO_32 = 4294967296;
const TWO_63 = 2 ** 63;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MIN_SAFE = Number.MIN_SAFE_INTEGER;
const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;

/** The all-zero UUID in Kafka's base64url form (Uuid.ZERO_UUID). */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** 16 raw bytes → Kafka's string form: URL-safe base64 without padding (22 chars), as Uuid.toString(). */
export function uuidToString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('base64url');
}

/** Kafka's base64url UUID string → 16 bytes. Throws TypeError unless it decodes to exactly 16 bytes. */
export function uuidFromString(s: string): Buffer {
  const b = Buffer.from(s, 'base64url');
  if (b.length !== 16) throw new TypeError(`not a Kafka UUID (base64url of 16 bytes): ${JSON.stringify(s)}`);
  return b;
}

export class Reader {
  pos: number;
  end: number;

  constructor(readonly buf: Buffer, pos = 0, end = buf.length) {
    this.pos = pos;
    this.end = end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  /** Checks that `n` bytes are left; returns the current position and advances past them. */
  take(n: number): number {
    const p = this.pos;
    if (n < 0 || p + n > this.end) {
      throw new ProtocolDecodeError(`truncated: need ${n} bytes at offset ${p}, ${this.end - p} left`);
    }
    this.pos = p + n;
    return p;
  }

  skip(n: number): void {
    this.take(n);
  }

  bool(): boolean {
    return this.buf[this.take(1)] !== 0;
  }
  int8(): number {
    return this.buf.readInt8(this.take(1));
  }
  int16(): number {
    return this.buf.readInt16BE(this.take(2));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.take(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.take(4));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.take(4));
  }
  float64(): number {
    return this.buf.readDoubleBE(this.take(8));
  }
  int64(): number {
    const p = this.take(8);
    const hi = this.buf.readInt32BE(p);
    const v = hi * TWO_32 + this.buf.readUInt32BE(p + 4);
    return v > MAX_SAFE ? MAX_SAFE : v < MIN_SAFE ? MIN_SAFE : v;
  }

  /** Unsigned varint of at most 32 bits (5 bytes). */
  uvarint(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.buf[this.take(1)]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffffffff) break;
        return result;
      }
    }
    throw new ProtocolDecodeError(`varint too long at offset ${this.pos}`);
  }
  /** Zigzag-encoded signed varint (32 bits). */
  varint(): number {
    const u = this.uvarint();
    return (u >>> 1) ^ -(u & 1);
  }
  /** Unsigned varlong (up to 10 bytes); values above 2^53 clamp. */
  uvarlong(): number {
    const u = this.uvarlongUnclamped();
    return u > MAX_SAFE ? MAX_SAFE : u;
  }
  /** Zigzag-encoded signed varlong, clamped to the safe-integer range. */
  varlong(): number {
    const u = this.uvarlongUnclamped();
    const v = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
    return v > MAX_SAFE ? MAX_SAFE : v < MIN_SAFE ? MIN_SAFE : v;
  }
  private uvarlongUnclamped(): number {
    let result = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      const b = this.buf[this.take(1)]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
    throw new ProtocolDecodeError(`varlong too long at offset ${this.pos}`);
  }

  private utf8(len: number): string {
    const p = this.take(len);
    return this.buf.toString('utf8', p, p + len);
  }

  /** STRING / NULLABLE_STRING: int16 length, −1 = null. */
  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) {
      if (len === -1) return null;
      throw new ProtocolDecodeError(`negative string length ${len}`);
    }
    return this.utf8(len);
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolDecodeError('null in a non-nullable string');
    return s;
  }
  /** COMPACT_(NULLABLE_)STRING: uvarint(length + 1), 0 = null. */
  compactNullableString(): string | null {
    const n = this.uvarint();
    return n === 0 ? null : this.utf8(n - 1);
  }
  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolDecodeError('null in a non-nullable compact string');
    return s;
  }

  private slice(len: number): Buffer {
    const p = this.take(len);
    return this.buf.subarray(p, p + len);
  }
  /** BYTES / NULLABLE_BYTES: int32 length, −1 = null. Returns a subarray (no copy). */
  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) {
      if (len === -1) return null;
      throw new ProtocolDecodeError(`negative bytes length ${len}`);
    }
    return this.slice(len);
  }
  bytes(): Buffer {
    const b = this.nullableBytes();
    if (b === null) throw new ProtocolDecodeError('null in non-nullable bytes');
    return b;
  }
  compactNullableBytes(): Buffer | null {
    const n = this.uvarint();
    return n === 0 ? null : this.slice(n - 1);
  }
  compactBytes(): Buffer {
    const b = this.compactNullableBytes();
    if (b === null) throw new ProtocolDecodeError('null in non-nullable compact bytes');
    return b;
  }

  /**
   * ARRAY length: int32, −1 = null. COMPACT_ARRAY: uvarint(length + 1), 0 = null.
   * Throws unless `count × minElementSize` bytes are left, so a forged count cannot allocate.
   */
  arrayLength(compact: boolean, minElementSize: number): number {
    const n = compact ? this.uvarint() - 1 : this.int32();
    if (n < -1) throw new ProtocolDecodeError(`negative array length ${n}`);
    if (n > 0 && n * Math.max(minElementSize, 1) > this.end - this.pos) {
      throw new ProtocolDecodeError(`array of ${n} elements cannot fit in ${this.end - this.pos} bytes`);
    }
    return n;
  }

  uuid(): string {
    const p = this.take(16);
    return this.buf.toString('base64url', p, p + 16);
  }

  /**
   * TAGGED_FIELDS: uvarint count, then per field uvarint tag, uvarint size, bytes (KIP-482).
   * `onTag` reads a known tag within [pos, pos + size) and returns true; unknown tags are skipped.
   */
  taggedFields(onTag?: (tag: number, r: Reader, size: number) => boolean): void {
    const count = this.uvarint();
    if (count > this.end - this.pos) throw new ProtocolDecodeError(`${count} tagged fields cannot fit`);
    let last = -1;
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint();
      if (tag <= last) throw new ProtocolDecodeError(`tagged fields out of order (tag ${tag} after ${last})`);
      last = tag;
      const size = this.uvarint();
      const start = this.take(size);
      if (onTag !== undefined) {
        const outerEnd = this.end;
        this.pos = start;
        this.end = start + size;
        try {
          if (onTag(tag, this, size) && this.pos !== this.end) {
            throw new ProtocolDecodeError(`tagged field ${tag} declared ${size} bytes, used ${this.pos - start}`);
          }
        } finally {
          this.end = outerEnd;
          this.pos = start + size;
        }
      }
    }
  }
}

export class Writer {
  buf: Buffer;
  pos = 0;

  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
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

  /** The bytes written so far (a view, not a copy). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
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
    this.raw(b);
  }
  compactNullableBytes(b: Uint8Array | null): void {
    if (b === null) return this.uvarint(0);
    this.uvarint(b.length + 1);
    this.raw(b);
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
