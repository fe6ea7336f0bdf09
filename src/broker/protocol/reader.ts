/**
 * Bounds-checked reader of Kafka primitives over a Buffer (see primitives.ts for the contract).
 */
import { ProtocolDecodeError } from './decode-error';

const TWO_32 = 4294967296;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MIN_SAFE = Number.MIN_SAFE_INTEGER;

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
   * Tag order is not enforced, as Kafka's generated readers do not enforce it (writers sort).
   */
  taggedFields(onTag?: (tag: number, r: Reader, size: number) => boolean): void {
    const count = this.uvarint();
    if (count > this.end - this.pos) throw new ProtocolDecodeError(`${count} tagged fields cannot fit`);
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint();
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
