import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { murmur2, partitionForKey, partitionForStringKey, toPositive } from './partitioner';

const enc = (s: string) => new TextEncoder().encode(s);

describe('murmur2 (Java Utils.murmur2)', () => {
  // Apache Kafka clients UtilsTest.testMurmur2, plus the binary vector Sarama generated with the
  // Java client 1.0.0 (its murmur2 test); all cited by several independent ports.
  it.each([
    ['21', enc('21'), -973932308],
    ['foobar', enc('foobar'), -790332482],
    ['a-little-bit-long-string', enc('a-little-bit-long-string'), -985981536],
    ['a-little-bit-longer-string', enc('a-little-bit-longer-string'), -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', enc('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
    ['abc', new Uint8Array([97, 98, 99]), 479470107],
    ['[12,42,56,24,109,111]', new Uint8Array([12, 42, 56, 24, 109, 111]), 274204207],
  ] as [string, Uint8Array, number][])('%s', (_name, data, expected) => {
    expect(murmur2(data)).toBe(expected);
  });

  it('toPositive masks the sign bit like Java (not Math.abs)', () => {
    expect(toPositive(-973932308)).toBe(1173551340);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
  });

  it('agrees with kafkajs’s DefaultPartitioner murmur2 on many keys of every tail length', () => {
    const require = createRequire(import.meta.url);
    const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: Buffer) => number;
    let seed = 7;
    for (let i = 0; i < 500; i++) {
      const key = new Uint8Array(i % 37);
      for (let j = 0; j < key.length; j++) key[j] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(murmur2(key)).toBe(kafkajsMurmur2(Buffer.from(key)) | 0);
    }
  });

  it('partitions keys in range and refuses nonsense partition counts', () => {
    expect(partitionForKey(enc('21'), 1 << 30)).toBe(1173551340 % (1 << 30));
    expect(partitionForStringKey('foobar', 12)).toBe(1357151166 % 12);
    expect(partitionForKey(new Uint8Array(0), 3)).toBeGreaterThanOrEqual(0);
    expect(() => partitionForKey(enc('x'), 0)).toThrow(RangeError);
  });
});
