import { describe, it, expect } from 'vitest';
import { ONE_RECORD_BATCH } from './golden';
import { kafkajsEncode } from './test-helpers';
import {
  RecordBatchError, decodeRecordBatch, encodeRecordBatch, patchBaseOffset, patchPartitionLeaderEpoch,
  patchMaxTimestampLogAppendTime, readBatchHeader, scanBatches, splitBatches, validateBatch, crc32c,
} from './index';
import { setMaxTimestamp } from './patch';

const T0 = 1_700_000_000_000;

function kafkajsBatch(firstOffset = 0): Promise<Buffer> {
  return kafkajsEncode({
    firstOffset, firstTimestamp: T0, maxTimestamp: T0 + 5, partitionLeaderEpoch: 7, producerId: 4242,
    producerEpoch: 3, firstSequence: 10, transactional: true,
    records: [
      { offsetDelta: 0, timestampDelta: 0, key: Buffer.from('k1'), value: Buffer.from('v1'), headers: { h: Buffer.from('x') } },
      { offsetDelta: 1, timestampDelta: 5, key: null, value: Buffer.from('v2') },
    ],
  });
}

describe('readBatchHeader', () => {
  it('reads the golden one-record batch', () => {
    const h = readBatchHeader(ONE_RECORD_BATCH);
    expect(h).toEqual({
      baseOffset: 0, batchLength: 0x52, partitionLeaderEpoch: -1, magic: 2, crc: 0xe23fc974, attributes: 0,
      compression: 'none', timestampType: 'CreateTime', isTransactional: false, isControl: false, hasDeleteHorizon: false,
      lastOffsetDelta: 0, baseTimestamp: 0x189af784072, maxTimestamp: 0x189af784072, producerId: 1, producerEpoch: 0,
      baseSequence: 0, recordCount: 1,
    });
    expect(crc32c(ONE_RECORD_BATCH.subarray(21))).toBe(0xe23fc974);
  });

  it('reads every field of a kafkajs-written transactional batch', async () => {
    const h = readBatchHeader(await kafkajsBatch(1234567890123));
    expect(h).toMatchObject({
      baseOffset: 1234567890123, partitionLeaderEpoch: 7, magic: 2, compression: 'none', isTransactional: true,
      isControl: false, lastOffsetDelta: 1, baseTimestamp: T0, maxTimestamp: T0 + 5, producerId: 4242, producerEpoch: 3,
      baseSequence: 10, recordCount: 2,
    });
  });

  it('reads at an offset and decodes attribute bits', () => {
    const b = encodeRecordBatch({ compression: 'gzip', timestampType: 'LogAppendTime', isControl: true, hasDeleteHorizon: true, records: [] });
    const h = readBatchHeader(Buffer.concat([Buffer.alloc(5), b]), 5);
    expect(h).toMatchObject({ attributes: 1 | 8 | 32 | 64, compression: 'gzip', timestampType: 'LogAppendTime', isControl: true, hasDeleteHorizon: true, isTransactional: false });
  });

  it('throws RecordBatchError on short input, old or bogus magic and unknown codecs', () => {
    const errorOf = (f: () => unknown) => { try { f(); } catch (e) { return (e as RecordBatchError).errorName; } return 'none'; };
    expect(errorOf(() => readBatchHeader(ONE_RECORD_BATCH.subarray(0, 60)))).toBe('CORRUPT_MESSAGE');
    const v1 = Buffer.from(ONE_RECORD_BATCH); v1[16] = 1;
    expect(errorOf(() => readBatchHeader(v1))).toBe('INVALID_RECORD');
    const v3 = Buffer.from(ONE_RECORD_BATCH); v3[16] = 3;
    expect(errorOf(() => readBatchHeader(v3))).toBe('CORRUPT_MESSAGE');
    const codec5 = Buffer.from(ONE_RECORD_BATCH); codec5[22] = 5;
    expect(errorOf(() => readBatchHeader(codec5))).toBe('UNSUPPORTED_COMPRESSION_TYPE');
    expect(() => readBatchHeader(Buffer.alloc(0))).toThrow(RecordBatchError);
  });
});

describe('patches', () => {
  it('patchBaseOffset and patchPartitionLeaderEpoch leave the CRC region untouched and valid', async () => {
    const b = await kafkajsBatch();
    const before = Buffer.from(b.subarray(17));
    patchBaseOffset(b, 2 ** 40 + 17);
    patchPartitionLeaderEpoch(b, 99);
    expect(b.subarray(17).equals(before)).toBe(true);
    expect(readBatchHeader(b)).toMatchObject({ baseOffset: 2 ** 40 + 17, partitionLeaderEpoch: 99 });
    expect(validateBatch(b, { maxMessageBytes: 1 << 20 }).ok).toBe(true);
    expect(decodeRecordBatch(b).records.map((r) => r.offset)).toEqual([2 ** 40 + 17, 2 ** 40 + 18]);
  });

  it('patchMaxTimestampLogAppendTime sets the attribute and maxTimestamp and recomputes the CRC', async () => {
    const b = await kafkajsBatch();
    expect(patchMaxTimestampLogAppendTime(b, T0 + 1000)).toBe(true);
    const h = readBatchHeader(b);
    expect(h).toMatchObject({ timestampType: 'LogAppendTime', maxTimestamp: T0 + 1000, isTransactional: true });
    expect(validateBatch(b, { maxMessageBytes: 1 << 20 }).ok).toBe(true);
    expect(decodeRecordBatch(b).records.map((r) => r.timestamp)).toEqual([T0 + 1000, T0 + 1000]);
    const copy = Buffer.from(b);
    expect(patchMaxTimestampLogAppendTime(b, T0 + 1000)).toBe(false);
    expect(b.equals(copy)).toBe(true);
    expect(setMaxTimestamp(b, 'CreateTime', T0 + 5)).toBe(true);
    expect(decodeRecordBatch(b).records.map((r) => r.timestamp)).toEqual([T0, T0 + 5]);
  });

  it('refuses to patch a buffer shorter than a header', () => {
    expect(() => patchBaseOffset(Buffer.alloc(10), 1)).toThrow(RecordBatchError);
  });
});

describe('splitBatches', () => {
  it('splits concatenated batches into subarrays without copying', async () => {
    const a = await kafkajsBatch(0);
    const b = encodeRecordBatch({ baseOffset: 2, records: [{ key: null, value: Buffer.from('x') }] });
    const all = Buffer.concat([a, b, ONE_RECORD_BATCH]);
    const parts = splitBatches(all);
    expect(parts.map((p) => p.length)).toEqual([a.length, b.length, ONE_RECORD_BATCH.length]);
    expect(parts[1]!.buffer).toBe(all.buffer);
    expect(parts[1]!.byteOffset - all.byteOffset).toBe(a.length);
    expect(parts[2]!.equals(ONE_RECORD_BATCH)).toBe(true);
  });

  it('drops a trailing partial batch (a truncated Fetch) and reports it', () => {
    const all = Buffer.concat([ONE_RECORD_BATCH, ONE_RECORD_BATCH.subarray(0, 40)]);
    expect(splitBatches(all)).toHaveLength(1);
    expect(scanBatches(all)).toEqual({ batches: [all.subarray(0, ONE_RECORD_BATCH.length)], trailingBytes: 40 });
    expect(scanBatches(Buffer.concat([ONE_RECORD_BATCH, Buffer.alloc(5)])).trailingBytes).toBe(5);
  });

  it('handles empty input and stops at an impossible length', () => {
    expect(splitBatches(Buffer.alloc(0))).toEqual([]);
    const bad = Buffer.concat([ONE_RECORD_BATCH, Buffer.alloc(20)]);
    const scan = scanBatches(bad);
    expect(scan.batches).toHaveLength(1);
    expect(scan.corrupt).toMatch(/batchLength 0/);
    expect(scan.trailingBytes).toBe(20);
  });
});
