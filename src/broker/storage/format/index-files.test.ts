import { describe, expect, it } from 'vitest';
import { decodeOffsetIndex, encodeOffsetIndex, lookupOffset, offsetIndexProblem } from './offset-index';
import { decodeTimeIndex, encodeTimeIndex, lookupTimestamp } from './time-index';

describe('offset index (Kafka OffsetIndex: int32 relative offset, int32 position)', () => {
  it('writes 8-byte big-endian entries relative to the segment base offset', () => {
    const bytes = encodeOffsetIndex(100, [{ offset: 142, position: 4096 }, { offset: 300, position: 8200 }]);
    expect(bytes.toString('hex')).toBe('0000002a00001000' + '000000c800002008');
    expect(decodeOffsetIndex(100, bytes)).toEqual([{ offset: 142, position: 4096 }, { offset: 300, position: 8200 }]);
  });

  it('ignores a torn trailing entry and a zero-filled preallocated tail', () => {
    const bytes = Buffer.concat([Buffer.from('0000000000000000' + '0000000500000100', 'hex'), Buffer.alloc(16), Buffer.from('0000', 'hex')]);
    expect(decodeOffsetIndex(7, bytes)).toEqual([{ offset: 7, position: 0 }, { offset: 12, position: 256 }]);
  });

  it('refuses an offset that overflows int32 relative to the base', () => {
    expect(() => encodeOffsetIndex(0, [{ offset: 2 ** 31, position: 0 }])).toThrow(RangeError);
  });

  it('looks up the largest entry at or below the target', () => {
    const entries = [{ offset: 10, position: 0 }, { offset: 20, position: 100 }, { offset: 30, position: 200 }];
    expect(lookupOffset(entries, 10, 25)).toEqual({ offset: 20, position: 100 });
    expect(lookupOffset(entries, 10, 30)).toEqual({ offset: 30, position: 200 });
    expect(lookupOffset(entries, 10, 5)).toEqual({ offset: 10, position: 0 });
    expect(lookupOffset([], 10, 99)).toEqual({ offset: 10, position: 0 });
  });

  it('reports entries out of order or beyond the segment', () => {
    expect(offsetIndexProblem([{ offset: 1, position: 0 }, { offset: 3, position: 50 }], 0, 100)).toBeNull();
    expect(offsetIndexProblem([{ offset: 3, position: 10 }, { offset: 2, position: 50 }], 0, 100)).toMatch(/out of order/);
    expect(offsetIndexProblem([{ offset: 3, position: 500 }], 0, 100)).toMatch(/outside/);
  });
});

describe('time index (Kafka TimeIndex: int64 timestamp, int32 relative offset)', () => {
  it('writes 12-byte big-endian entries', () => {
    const bytes = encodeTimeIndex(1000, [{ timestampMs: 1_700_000_000_000, offset: 1005 }]);
    expect(bytes.toString('hex')).toBe('0000018bcfe56800' + '00000005');
    expect(decodeTimeIndex(1000, bytes)).toEqual([{ timestampMs: 1_700_000_000_000, offset: 1005 }]);
  });

  it('looks up the largest timestamp at or below the target', () => {
    const entries = [{ timestampMs: 100, offset: 0 }, { timestampMs: 200, offset: 5 }, { timestampMs: 300, offset: 9 }];
    expect(lookupTimestamp(entries, 0, 250)).toEqual({ timestampMs: 200, offset: 5 });
    expect(lookupTimestamp(entries, 0, 50)).toEqual({ timestampMs: -1, offset: 0 });
    expect(lookupTimestamp(entries, 0, 999)).toEqual({ timestampMs: 300, offset: 9 });
  });

  it('stops at a zero-filled tail and ignores a torn entry', () => {
    const bytes = Buffer.concat([encodeTimeIndex(0, [{ timestampMs: 5, offset: 1 }]), Buffer.alloc(12), Buffer.alloc(5)]);
    expect(decodeTimeIndex(0, bytes)).toEqual([{ timestampMs: 5, offset: 1 }]);
  });
});
