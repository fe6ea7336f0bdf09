// Compression bombs against the streaming budget (issue 11 finding 4): each codec's small payload
// inflates past the budget and must fail fast, having produced at most the budget.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import binding from 'zstd-napi/binding';
import { compressFrameSync } from 'lz4-napi';
import { compressSync as snappyCompress } from 'snappy';
import { DEFAULT_DECOMPRESSION_BUDGET, compress, decompress, decompressionBudget, RecordBatchError, type CompressionCodec } from './index';
import { xxh32 } from './lz4-frame';
import { sizelessZstdBomb } from './test-bombs';

const MiB = 1024 * 1024;

function expectBudgetError(codec: CompressionCodec, payload: Buffer, budget: number): number {
  const before = process.memoryUsage();
  const t0 = performance.now();
  let error: unknown;
  try {
    decompress(codec, payload, budget);
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  expect(error).toBeInstanceOf(RecordBatchError);
  expect((error as RecordBatchError).errorName).toBe('CORRUPT_MESSAGE');
  expect((error as RecordBatchError).message).toMatch(/budget/);
  const after = process.memoryUsage();
  // What the decoder may hold: the budget, plus one output chunk and the codec's own buffers.
  expect(after.rss - before.rss).toBeLessThan(budget + 48 * MiB);
  return ms;
}

describe('decompression budget', () => {
  it('is 32 × the larger of max.message.bytes and Kafka\'s default (32 MiB by default)', () => {
    expect(DEFAULT_DECOMPRESSION_BUDGET).toBe(32 * 1048588);
    expect(decompressionBudget(1000)).toBe(32 * 1048588);
    expect(decompressionBudget(8 * MiB)).toBe(256 * MiB);
  });

  it('zstd: a size-less frame (no Frame_Content_Size) that inflates past the budget fails fast', () => {
    const bomb = sizelessZstdBomb(512);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(binding.getFrameContentSize(bomb)).toBeNull();
    // The frame: with the default budget it stops after 32 MiB of 512.
    const ms = expectBudgetError('zstd', bomb, DEFAULT_DECOMPRESSION_BUDGET);
    expect(ms).toBeLessThan(5000);
    // With a 1 MiB budget, memory stays near nothing.
    expectBudgetError('zstd', bomb, MiB);
    // The same data within the budget decodes exactly.
    expect(decompress('zstd', sizelessZstdBomb(2), 4 * MiB).equals(Buffer.alloc(2 * MiB))).toBe(true);
  });

  it('zstd: a frame declaring a content size above the budget is refused before allocating', () => {
    // magic | descriptor (8-byte FCS, single segment) | FCS = 2^40 | no blocks
    const declared = Buffer.concat([Buffer.from('28b52ffde0', 'hex'), Buffer.from('0000000000010000', 'hex')]);
    expectBudgetError('zstd', declared, DEFAULT_DECOMPRESSION_BUDGET);
  });

  it('gzip, lz4 and snappy bombs fail at the budget', () => {
    const zeros = Buffer.alloc(40 * MiB);
    const gz = gzipSync(zeros);
    const lz = compressFrameSync(zeros);
    const sn = Buffer.from(snappyCompress(zeros));
    expect(gz.length + lz.length).toBeLessThan(2 * MiB);
    expectBudgetError('gzip', gz, DEFAULT_DECOMPRESSION_BUDGET);
    expectBudgetError('lz4', lz, DEFAULT_DECOMPRESSION_BUDGET);
    expectBudgetError('snappy', sn, DEFAULT_DECOMPRESSION_BUDGET);
    expectBudgetError('gzip', gz, MiB);
    expectBudgetError('lz4', lz, MiB);
    expectBudgetError('snappy', sn, MiB);
    // A 5-byte raw snappy block declaring 30 MiB: refused before the decoder allocates it.
    const liar = Buffer.from([0x80, 0x80, 0x80, 0x0f, 0x00]);
    expect(() => decompress('snappy', liar)).toThrow(RecordBatchError);
    // xerial framing: the budget counts across blocks.
    const block = Buffer.from(snappyCompress(Buffer.alloc(600 * 1024)));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(block.length);
    const xerial = Buffer.concat([Buffer.from('82534e41505059000000000100000001', 'hex'), len, block, len, block]);
    expect(decompress('snappy', xerial, 2 * MiB).length).toBe(1200 * 1024);
    expectBudgetError('snappy', xerial, MiB);
  });

  it('lz4: walks frames as Kafka\'s Lz4BlockInputStream reads them', () => {
    const text = Buffer.from('kafka lab '.repeat(20_000));
    for (const input of [Buffer.alloc(0), Buffer.from('x'), text]) {
      expect(decompress('lz4', compressFrameSync(input)).equals(input)).toBe(true);
    }
    // A frame with block checksums, content size and an uncompressed block, built by hand.
    const payload = Buffer.from('uncompressed block');
    const descriptor = Buffer.from([0x78, 0x40, ...Buffer.alloc(8)]); // v01, independent, block checksum, content size; 64 KiB
    descriptor.writeBigUInt64LE(BigInt(payload.length), 2);
    const hc = (xxh32(descriptor, 0, descriptor.length) >>> 8) & 0xff;
    const size = Buffer.alloc(4);
    size.writeUInt32LE((0x80000000 | payload.length) >>> 0);
    const frame = Buffer.concat([Buffer.from('04224d18', 'hex'), descriptor, Buffer.from([hc]), size, payload, Buffer.alloc(4), Buffer.alloc(4)]);
    expect(decompress('lz4', frame).toString()).toBe('uncompressed block');
    const badChecksum = Buffer.from(frame);
    badChecksum[4 + descriptor.length] ^= 1;
    expect(() => decompress('lz4', badChecksum)).toThrow(/checksum/);
    const dependent = Buffer.from(frame);
    dependent[4] = 0x58; // B.Indep cleared
    expect(() => decompress('lz4', dependent)).toThrow(/dependent block/);
  });

  it('xxh32 matches the reference vectors', () => {
    expect(xxh32(Buffer.alloc(0), 0, 0)).toBe(0x02cc5d05);
    expect(xxh32(Buffer.from('a'), 0, 1)).toBe(0x550d7456);
    expect(xxh32(Buffer.from('abc'), 0, 3)).toBe(0x32d153ff);
    expect(xxh32(Buffer.from('Nobody inspects the spammish repetition'), 0, 39)).toBe(0xe2293b2f);
  });

  it('every codec still round-trips', () => {
    const data = Buffer.from('records '.repeat(5000));
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as CompressionCodec[]) {
      expect(decompress(codec, compress(codec, data)).equals(data)).toBe(true);
    }
  });
});
