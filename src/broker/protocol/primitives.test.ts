import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError, Reader, Writer, ZERO_UUID, uuidFromString, uuidToString } from './primitives';

function written(f: (w: Writer) => void): number[] {
  const w = new Writer(1);
  f(w);
  return [...w.finish()];
}

describe('Writer and Reader', () => {
  it('fixed-width integers are big-endian', () => {
    expect(written((w) => { w.int8(-2); w.int16(0x0102); w.int32(-2); w.uint16(0xfffe); w.uint32(0xfffffffe); })).toEqual([
      0xfe, 1, 2, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xfe,
    ]);
    const r = new Reader(Buffer.from([0xfe, 1, 2, 0xff, 0xff, 0xff, 0xfe]));
    expect([r.int8(), r.int16(), r.int32()]).toEqual([-2, 0x0102, -2]);
  });

  it('int64 round-trips safe integers and clamps beyond 2^53', () => {
    for (const v of [0, -1, 1, 2 ** 32, -(2 ** 32), 2 ** 53 - 1, -(2 ** 53 - 1), 1_700_000_000_123, -2]) {
      const w = new Writer(1);
      w.int64(v);
      expect(new Reader(w.finish()).int64()).toBe(v);
    }
    expect(written((w) => w.int64(-1))).toEqual(new Array(8).fill(0xff));
    expect(written((w) => w.int64(Infinity))).toEqual([0x7f, ...new Array(7).fill(0xff)]);
    expect(written((w) => w.int64(-Infinity))).toEqual([0x80, ...new Array(7).fill(0)]);
    expect(new Reader(Buffer.from([0x7f, ...new Array(7).fill(0xff)])).int64()).toBe(Number.MAX_SAFE_INTEGER);
    expect(new Reader(Buffer.from([0x80, ...new Array(7).fill(0)])).int64()).toBe(Number.MIN_SAFE_INTEGER);
    expect(() => written((w) => w.int64(NaN))).toThrow(TypeError);
  });

  it('varints follow protobuf zigzag encoding', () => {
    expect(written((w) => w.uvarint(300))).toEqual([0xac, 0x02]);
    expect(written((w) => w.varint(0))).toEqual([0]);
    expect(written((w) => w.varint(-1))).toEqual([1]);
    expect(written((w) => w.varint(1))).toEqual([2]);
    expect(written((w) => w.varint(-64))).toEqual([0x7f]);
    expect(written((w) => w.varint(64))).toEqual([0x80, 0x01]);
    expect(written((w) => w.uvarint(0xffffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    for (const v of [0, 1, -1, 63, -64, 2 ** 31 - 1, -(2 ** 31)]) {
      const w = new Writer(1);
      w.varint(v);
      expect(new Reader(w.finish()).varint()).toBe(v);
    }
    for (const v of [0, 1, -1, 2 ** 40, -(2 ** 40) - 3, 2 ** 52, Number.MAX_SAFE_INTEGER >> 1]) {
      const w = new Writer(1);
      w.varlong(v);
      expect(new Reader(w.finish()).varlong()).toBe(v);
    }
    expect(written((w) => w.varlong(-1))).toEqual([1]);
  });

  it('overlong varints are malformed', () => {
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).uvarint()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x1f])).uvarint()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from(new Array(11).fill(0xff))).uvarlong()).toThrow(ProtocolDecodeError);
  });

  it('strings: int16 length, compact uvarint length + 1, null', () => {
    expect(written((w) => w.nullableString('hé'))).toEqual([0, 3, 0x68, 0xc3, 0xa9]);
    expect(written((w) => w.nullableString(null))).toEqual([0xff, 0xff]);
    expect(written((w) => w.compactNullableString('ab'))).toEqual([3, 0x61, 0x62]);
    expect(written((w) => w.compactNullableString(null))).toEqual([0]);
    expect(written((w) => w.compactNullableString(''))).toEqual([1]);
    const r = new Reader(Buffer.from([0, 3, 0x68, 0xc3, 0xa9, 0xff, 0xff, 3, 0x61, 0x62, 0]));
    expect([r.string(), r.nullableString(), r.compactString(), r.compactNullableString()]).toEqual(['hé', null, 'ab', null]);
    expect(() => new Reader(Buffer.from([0xff, 0xff])).string()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xfe])).nullableString()).toThrow(ProtocolDecodeError);
  });

  it('bytes are views of the input', () => {
    const buf = Buffer.from([0, 0, 0, 2, 9, 8, 3, 7, 6]);
    const r = new Reader(buf);
    const a = r.bytes();
    expect([...a]).toEqual([9, 8]);
    expect(a.buffer).toBe(buf.buffer);
    expect([...r.compactBytes()]).toEqual([7, 6]);
    expect(written((w) => w.nullableBytes(null))).toEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it('uuids use Kafka\'s base64url form', () => {
    const bytes = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const s = uuidToString(bytes);
    expect(s).toBe('AAECAwQFBgcICQoLDA0ODw');
    expect(uuidFromString(s)).toEqual(bytes);
    expect(uuidToString(Buffer.alloc(16))).toBe(ZERO_UUID);
    expect(() => uuidFromString('short')).toThrow(TypeError);
    expect(new Reader(bytes).uuid()).toBe(s);
  });

  it('every read past the end is a ProtocolDecodeError, never a RangeError', () => {
    const reads: ((r: Reader) => unknown)[] = [
      (r) => r.int8(), (r) => r.int16(), (r) => r.int32(), (r) => r.int64(), (r) => r.uint16(), (r) => r.uint32(),
      (r) => r.float64(), (r) => r.uuid(), (r) => r.bool(), (r) => r.uvarint(), (r) => r.varlong(),
      (r) => r.string(), (r) => r.bytes(), (r) => r.compactString(), (r) => r.compactBytes(),
    ];
    for (const read of reads) {
      expect(() => read(new Reader(Buffer.alloc(0)))).toThrow(ProtocolDecodeError);
    }
    // A length that points past the end, and a Reader bounded before the buffer's end.
    expect(() => new Reader(Buffer.from([0, 0, 0, 9, 1, 2])).bytes()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0, 5, 0x61, 0x62, 0x63, 0x64, 0x65]), 0, 4).string()).toThrow(ProtocolDecodeError);
  });

  it('array lengths larger than the bytes left are refused before allocation', () => {
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).arrayLength(false, 1)).toThrow(/cannot fit/);
    expect(() => new Reader(Buffer.from([0, 0, 0, 3, 1, 2, 3, 4, 5])).arrayLength(false, 2)).toThrow(/cannot fit/);
    expect(new Reader(Buffer.from([0, 0, 0, 3, 1, 2, 3, 4, 5, 6])).arrayLength(false, 2)).toBe(3);
    expect(new Reader(Buffer.from([0])).arrayLength(true, 1)).toBe(-1);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xfe])).arrayLength(false, 1)).toThrow(ProtocolDecodeError);
  });

  it('tagged fields: unknown tags are skipped, known ones read within their size', () => {
    // 2 fields: tag 0 (size 2: 0xbeef), tag 7 (size 3, unknown)
    const r = new Reader(Buffer.from([2, 0, 2, 0xbe, 0xef, 7, 3, 1, 2, 3, 0x55]));
    let seen = 0;
    r.taggedFields((tag, rr) => {
      if (tag !== 0) return false;
      seen = rr.uint16();
      return true;
    });
    expect(seen).toBe(0xbeef);
    expect(r.int8()).toBe(0x55);
  });

  it('the writer grows from any initial size', () => {
    const w = new Writer(1);
    for (let i = 0; i < 1000; i++) w.int32(i);
    const r = new Reader(w.finish());
    for (let i = 0; i < 1000; i++) expect(r.int32()).toBe(i);
  });
});
