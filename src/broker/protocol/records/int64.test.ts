import { describe, it, expect } from 'vitest';
import { readInt64, writeInt64 } from './int64';

describe('int64 helpers', () => {
  it.each([0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, -(2 ** 32), 1_700_000_000_000, -1_700_000_000_123, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])(
    '%d matches writeBigInt64BE / readBigInt64BE', (v) => {
      const ours = Buffer.alloc(8);
      writeInt64(ours, v, 0);
      const ref = Buffer.alloc(8);
      ref.writeBigInt64BE(BigInt(v));
      expect(ours.toString('hex')).toBe(ref.toString('hex'));
      expect(readInt64(ref, 0)).toBe(v);
    });
});
