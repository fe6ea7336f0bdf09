// Zigzag varints of the Record format (protocol spec "Record"; same encoding as protobuf sint32/
// sint64). Records use varint (32-bit) for lengths/offsetDelta and varlong (64-bit) for
// timestampDelta. Values are JS numbers: exact up to 2^53, which covers every millisecond delta.
import { RecordBatchError } from './errors';

/** Bytes needed for the zigzag varint/varlong of `value`. */
export function sizeOfVarint(value: number): number {
  let u = value >= 0 ? value * 2 : -value * 2 - 1;
  let n = 1;
  while (u >= 128) {
    u = Math.floor(u / 128);
    n++;
  }
  return n;
}

/** Writes the zigzag varint of `value` at `offset`; returns the offset after it. */
export function writeVarint(buf: Buffer, value: number, offset: number): number {
  let u = value >= 0 ? value * 2 : -value * 2 - 1;
  while (u >= 128) {
    buf[offset++] = (u % 128) | 0x80;
    u = Math.floor(u / 128);
  }
  buf[offset++] = u;
  return offset;
}

/** A cursor over record bytes. Every read is bounds-checked; a malformed record throws INVALID_RECORD, as Kafka's DefaultRecord.readFrom throws InvalidRecordException. */
export class Reader {
  constructor(readonly buf: Buffer, public pos: number, readonly end: number) {}

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new RecordBatchError('INVALID_RECORD', `record data truncated: need ${n} bytes at ${this.pos}, end is ${this.end}`);
    }
  }

  /** Zigzag varint, at most 10 bytes (varlong); `maxBytes` 5 for 32-bit fields. */
  varint(maxBytes = 5): number {
    let u = 0;
    let mul = 1;
    for (let i = 0; i < maxBytes; i++) {
      this.need(1);
      const b = this.buf[this.pos++]!;
      u += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
      mul *= 128;
    }
    throw new RecordBatchError('INVALID_RECORD', `varint longer than ${maxBytes} bytes at ${this.pos}`);
  }

  varlong(): number {
    return this.varint(10);
  }

  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** Skips a nullable field of length `n` (-1 means null) without creating a subarray. */
  skip(n: number): void {
    if (n === -1) return;
    if (n < -1) throw new RecordBatchError('INVALID_RECORD', `negative length ${n} at ${this.pos}`);
    this.need(n);
    this.pos += n;
  }

  /** `n` bytes as a subarray (no copy); -1 means null. */
  bytes(n: number): Buffer | null {
    if (n === -1) return null;
    if (n < -1) throw new RecordBatchError('INVALID_RECORD', `negative length ${n} at ${this.pos}`);
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}
