import { describe, expect, it } from 'vitest';
import { ByteSlab } from './byte-slab';

describe('ByteSlab', () => {
  it('copies small ranges into one shared slab at 8-byte aligned offsets, independent of the source', () => {
    const slab = new ByteSlab(64, 16);
    const source = Buffer.from('abcdefghij');
    const a = slab.copy(source.subarray(0, 5));
    const b = slab.copy(source.subarray(5, 10));
    source.fill(0);
    expect(a.toString()).toBe('abcde');
    expect(b.toString()).toBe('fghij');
    expect(a.buffer).toBe(b.buffer);
    expect(b.byteOffset - a.byteOffset).toBe(8);
  });

  it('starts a new slab when one is full and gives large copies a buffer of their own', () => {
    const slab = new ByteSlab(16, 8);
    const first = slab.copy(Buffer.alloc(8, 1));
    const second = slab.copy(Buffer.alloc(8, 2));
    const third = slab.copy(Buffer.alloc(8, 3));
    expect(second.buffer).toBe(first.buffer);
    expect(third.buffer).not.toBe(first.buffer);
    const large = slab.copy(Buffer.alloc(9, 4));
    expect(large.buffer).not.toBe(third.buffer);
    expect(large.byteLength).toBe(9);
    expect([...first, ...second, ...third]).toEqual([...Buffer.alloc(8, 1), ...Buffer.alloc(8, 2), ...Buffer.alloc(8, 3)]);
  });
});
