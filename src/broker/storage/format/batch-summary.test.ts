import { describe, expect, it } from 'vitest';
import { encodeControlBatch, encodeRecordBatch, type CompressionCodec } from '../../protocol/records/index';
import { LIBRDKAFKA_BATCHES } from '../../protocol/records/golden';
import { summariseLog, walkBatches } from './batch-summary';

const value = (s: string) => Buffer.from(s);

function dataBatch(baseOffset: number, compression: CompressionCodec = 'none', extra: Partial<Parameters<typeof encodeRecordBatch>[0]> = {}): Buffer {
  return encodeRecordBatch({
    baseOffset, partitionLeaderEpoch: 4, compression, producerId: 77, producerEpoch: 3, baseSequence: baseOffset,
    records: [{ key: value('k'), value: value('the quick brown fox '.repeat(8)), timestamp: 1_700_000_000_000 }, { key: null, value: value('b'), timestamp: 1_700_000_000_500 }],
    ...extra,
  });
}

describe('summariseLog', () => {
  it.each(['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const)('lists a %s batch as kafka-dump-log does', (codec) => {
    const a = dataBatch(0, codec);
    const b = dataBatch(2, codec);
    const log = Buffer.concat([a, b]);
    const summary = summariseLog(log);
    expect(summary).toMatchObject({ totalBatches: 2, validBytes: log.length, tail: null });
    expect(summary.batches[0]).toEqual({
      position: 0, baseOffset: 0, lastOffset: 1, count: 2, sizeBytes: a.length, magic: 2, crcValid: true, compression: codec,
      timestampType: 'CreateTime', baseTimestampMs: 1_700_000_000_000, maxTimestampMs: 1_700_000_000_500,
      producerId: 77, producerEpoch: 3, baseSequence: 0, isTransactional: false, isControl: false, partitionLeaderEpoch: 4,
    });
    expect(summary.batches[1]).toMatchObject({ position: a.length, baseOffset: 2, lastOffset: 3, baseSequence: 2 });
  });

  it('reads batches librdkafka wrote (golden bytes)', () => {
    const batches = Object.values(LIBRDKAFKA_BATCHES) as Buffer[];
    const summary = summariseLog(Buffer.concat(batches));
    expect(summary.totalBatches).toBe(batches.length);
    expect(summary.tail).toBeNull();
    expect(summary.batches.every((b) => b.crcValid)).toBe(true);
  });

  it('labels transactional data and control (commit marker) batches', () => {
    const txn = dataBatch(0, 'none', { isTransactional: true });
    const marker = encodeControlBatch({ type: 'commit', coordinatorEpoch: 0, producerId: 77, producerEpoch: 3, baseOffset: 2, partitionLeaderEpoch: 4, timestamp: 1_700_000_001_000 });
    const [data, control] = summariseLog(Buffer.concat([txn, marker])).batches;
    expect(data).toMatchObject({ isTransactional: true, isControl: false, crcValid: true });
    expect(control).toMatchObject({ baseOffset: 2, lastOffset: 2, count: 1, isTransactional: true, isControl: true, baseSequence: -1, producerId: 77, crcValid: true });
  });

  it('marks a CRC mismatch and keeps going', () => {
    const bad = dataBatch(0);
    bad[bad.length - 1] ^= 0xff;
    const summary = summariseLog(Buffer.concat([bad, dataBatch(2)]));
    expect(summary.batches.map((b) => b.crcValid)).toEqual([false, true]);
    expect(summary.tail).toBeNull();
  });

  it('reports a torn tail: where it starts and how many bytes it has', () => {
    const whole = dataBatch(0);
    const next = dataBatch(2);
    const log = Buffer.concat([whole, next.subarray(0, 40)]);
    const summary = summariseLog(log);
    expect(summary.totalBatches).toBe(1);
    expect(summary.validBytes).toBe(whole.length);
    expect(summary.tail).toMatchObject({ kind: 'torn', position: whole.length, bytes: 40 });
    // Cut before the magic byte: still torn, still no crash.
    expect(summariseLog(Buffer.concat([whole, next.subarray(0, 10)])).tail).toMatchObject({ kind: 'torn', position: whole.length, bytes: 10 });
  });

  it('stops at hostile sizes and magics without reading past the bytes', () => {
    const whole = dataBatch(0);
    const negative = dataBatch(2);
    negative.writeInt32BE(-5, 8);
    expect(summariseLog(Buffer.concat([whole, negative])).tail).toMatchObject({ kind: 'corrupt', position: whole.length });
    const huge = dataBatch(2);
    huge.writeInt32BE(0x7fffffff, 8);
    expect(summariseLog(Buffer.concat([whole, huge])).tail).toMatchObject({ kind: 'torn', position: whole.length, bytes: huge.length });
    const small = dataBatch(2);
    small.writeInt32BE(20, 8);
    expect(summariseLog(Buffer.concat([whole, small])).tail).toMatchObject({ kind: 'corrupt', reason: expect.stringContaining('batchLength 20') });
    const magic1 = dataBatch(2);
    magic1.writeInt8(1, 16);
    expect(summariseLog(Buffer.concat([whole, magic1])).tail).toMatchObject({ kind: 'corrupt', reason: expect.stringContaining('magic 1') });
    const codec7 = dataBatch(2);
    codec7.writeInt16BE(7, 21);
    const summary = summariseLog(Buffer.concat([whole, codec7]));
    expect(summary.batches).toHaveLength(1);
    expect(summary.tail).toMatchObject({ kind: 'corrupt', position: whole.length });
  });

  it('survives random bytes: never throws, positions stay inside the input', () => {
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let round = 0; round < 300; round++) {
      const base = Buffer.concat([dataBatch(0), dataBatch(2, 'gzip')]);
      const bytes = round % 2 === 0 ? Buffer.from(Array.from({ length: next() * 3 }, next)) : base;
      for (let i = 0; i < 6; i++) if (bytes.length > 0) bytes[(next() * 256 + next()) % bytes.length] = next();
      const summary = summariseLog(bytes);
      expect(summary.validBytes).toBeLessThanOrEqual(bytes.length);
      for (const b of summary.batches) expect(b.position + b.sizeBytes).toBeLessThanOrEqual(bytes.length);
      if (summary.tail) expect(summary.tail.position + summary.tail.bytes).toBe(bytes.length);
    }
  });

  it('pages: only the requested batches, with the total of the whole file', () => {
    const log = Buffer.concat([0, 2, 4, 6, 8].map((o) => dataBatch(o)));
    const page = summariseLog(log, { fromBatch: 2, limit: 2 });
    expect(page.totalBatches).toBe(5);
    expect(page.batches.map((b) => b.baseOffset)).toEqual([4, 6]);
    expect(walkBatches(log).batches).toHaveLength(5);
    expect(summariseLog(Buffer.alloc(0))).toEqual({ batches: [], totalBatches: 0, validBytes: 0, tail: null });
  });
});
