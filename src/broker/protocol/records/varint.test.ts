import { describe, it, expect } from 'vitest';
import { Reader, sizeOfVarint, writeVarint } from './varint';
import { RecordBatchError } from './errors';

// Zigzag encodings per the protocol spec "Record" section (protobuf sint32/sint64 encoding).
const known: [number, string][] = [
  [0, '00'], [-1, '01'], [1, '02'], [-2, '03'], [2, '04'], [63, '7e'], [-64, '7f'], [64, '8001'],
  [300, 'd804'], [2147483647, 'feffffff0f'], [-2147483648, 'ffffffff0f'],
  [2 ** 40, '808080808040'], [-(2 ** 40), 'ffffffffff3f'], [Number.MAX_SAFE_INTEGER, 'feffffffffffff1f'],
];

describe('zigzag varints', () => {
  it.each(known)('%d encodes as %s and back', (value, hex) => {
    const buf = Buffer.alloc(10);
    const end = writeVarint(buf, value, 0);
    expect(buf.subarray(0, end).toString('hex')).toBe(hex);
    expect(sizeOfVarint(value)).toBe(end);
    const r = new Reader(buf, 0, end);
    expect(r.varlong()).toBe(value);
    expect(r.pos).toBe(end);
  });

  it('rejects a 32-bit varint longer than 5 bytes and truncated input with INVALID_RECORD', () => {
    const long = Buffer.from('808080808001', 'hex');
    expect(() => new Reader(long, 0, long.length).varint()).toThrowError(RecordBatchError);
    const cut = Buffer.from('80', 'hex');
    try {
      new Reader(cut, 0, 1).varint();
      expect.unreachable();
    } catch (e) {
      expect((e as RecordBatchError).errorName).toBe('INVALID_RECORD');
    }
  });
});
