import { describe, it, expect } from 'vitest';
import { ONE_RECORD_BATCH } from './golden';
import { kafkajsDecode, kafkajsEncode } from './test-helpers';
import { decodeRecordBatch, encodeRecordBatch, readBatchHeader, validateBatch, RecordBatchError, type CompressionCodec } from './index';

const T0 = 1_700_000_000_000;
const errorName = (f: () => unknown) => { try { f(); } catch (e) { return (e as RecordBatchError).errorName; } return 'none'; };

describe('decodeRecordBatch', () => {
  it('decodes the golden one-record batch', () => {
    const { header, records } = decodeRecordBatch(ONE_RECORD_BATCH);
    expect(header.recordCount).toBe(1);
    expect(records).toEqual([{
      offset: 0, timestamp: 0x189af784072, key: null, value: Buffer.from('This is the first message.'), headers: [],
      attributes: 0, offsetDelta: 0, timestampDelta: 0,
    }]);
  });

  it('re-encodes the golden batch byte for byte', () => {
    const { header, records } = decodeRecordBatch(ONE_RECORD_BATCH);
    const again = encodeRecordBatch({ ...header, records: records.map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp })) });
    expect(again.toString('hex')).toBe(ONE_RECORD_BATCH.toString('hex'));
  });

  it('decodes kafkajs-written batches, uncompressed and gzip', async () => {
    for (const compression of [0, 1]) {
      const b = await kafkajsEncode({
        firstOffset: 100, firstTimestamp: T0, maxTimestamp: T0 + 3000, partitionLeaderEpoch: 2, producerId: 77, producerEpoch: 1,
        firstSequence: 5, transactional: false, compression,
        records: [
          { offsetDelta: 0, timestampDelta: 0, key: Buffer.from('a'), value: Buffer.from('1'), headers: { trace: Buffer.from('t1'), 'ü': Buffer.from('u') } },
          { offsetDelta: 1, timestampDelta: 3000, key: Buffer.from('a'), value: null },
        ],
      });
      const { header, records } = decodeRecordBatch(b);
      expect(header.compression).toBe(compression ? 'gzip' : 'none');
      expect(records.map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString() ?? null])).toEqual([
        [100, T0, 'a', '1'], [101, T0 + 3000, 'a', null],
      ]);
      expect(records[0]!.headers).toEqual([{ key: 'trace', value: Buffer.from('t1') }, { key: 'ü', value: Buffer.from('u') }]);
      expect(validateBatch(b, { maxMessageBytes: 1 << 20 }).ok).toBe(true);
    }
  });

  it('throws on truncation, CRC mismatch (unless told not to check) and trailing record bytes', () => {
    expect(errorName(() => decodeRecordBatch(ONE_RECORD_BATCH.subarray(0, 80)))).toBe('CORRUPT_MESSAGE');
    const flipped = Buffer.from(ONE_RECORD_BATCH);
    flipped[70]! ^= 0x20;
    expect(errorName(() => decodeRecordBatch(flipped))).toBe('CORRUPT_MESSAGE');
    expect(decodeRecordBatch(flipped, { verifyCrc: false }).records[0]!.value!.toString()).toBe('ThiS is the first message.');
    const countTooLow = Buffer.from(ONE_RECORD_BATCH);
    countTooLow.writeInt32BE(0, 57);
    expect(errorName(() => decodeRecordBatch(countTooLow, { verifyCrc: false }))).toBe('INVALID_RECORD');
  });
});

describe('encodeRecordBatch', () => {
  const input = {
    baseOffset: 100, partitionLeaderEpoch: 2, producerId: 77, producerEpoch: 1, baseSequence: 5,
    records: [
      { key: Buffer.from('a'), value: Buffer.from('1'), headers: [{ key: 'trace', value: Buffer.from('t1') }], timestamp: T0 },
      { key: Buffer.from('a'), value: null, timestamp: T0 + 3000 },
    ],
  };

  it('writes exactly the bytes kafkajs writes for the same batch (uncompressed and gzip)', async () => {
    for (const compression of ['none', 'gzip'] as const) {
      const ours = encodeRecordBatch({ ...input, compression });
      const theirs = await kafkajsEncode({
        firstOffset: 100, firstTimestamp: T0, maxTimestamp: T0 + 3000, partitionLeaderEpoch: 2, producerId: 77, producerEpoch: 1,
        firstSequence: 5, transactional: false, compression: compression === 'gzip' ? 1 : 0,
        records: [
          { offsetDelta: 0, timestampDelta: 0, key: Buffer.from('a'), value: Buffer.from('1'), headers: { trace: Buffer.from('t1') } },
          { offsetDelta: 1, timestampDelta: 3000, key: Buffer.from('a'), value: null },
        ],
      });
      expect(ours.toString('hex')).toBe(theirs.toString('hex'));
    }
  });

  it('kafkajs decodes what we write', async () => {
    const d = await kafkajsDecode(encodeRecordBatch({ ...input, compression: 'gzip', isTransactional: true }));
    expect(d).toMatchObject({ firstOffset: '100', partitionLeaderEpoch: 2, producerId: '77', producerEpoch: 1, firstSequence: 5, inTransaction: true, lastOffsetDelta: 1, maxTimestamp: String(T0 + 3000) });
    expect(d.records.map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value])).toEqual([['100', String(T0), 'a', Buffer.from('1')], ['101', String(T0 + 3000), 'a', null]]);
    expect(d.records[0]!.headers).toEqual({ trace: Buffer.from('t1') });
  });

  it.each(['none', 'gzip', 'snappy', 'lz4', 'zstd'] as CompressionCodec[])('%s: round-trips every field, tombstones, null header values and negative deltas', (compression) => {
    const records = [
      { key: null, value: null, timestamp: T0 },
      { key: Buffer.alloc(0), value: Buffer.from('v'), timestamp: T0 - 86_400_000 * 400, headers: [{ key: '', value: null }, { key: 'k', value: Buffer.alloc(0) }] },
      { key: Buffer.from('big'), value: Buffer.alloc(70_000, 0x61), timestamp: T0 + 1 },
    ];
    const b = encodeRecordBatch({ baseOffset: 2 ** 45, partitionLeaderEpoch: 12, compression, isTransactional: true, producerId: 2 ** 40, producerEpoch: 32767, baseSequence: 2 ** 31 - 3, records });
    expect(validateBatch(b, { maxMessageBytes: 1 << 20 }).ok).toBe(true);
    const { header, records: out } = decodeRecordBatch(b);
    expect(header).toMatchObject({
      baseOffset: 2 ** 45, partitionLeaderEpoch: 12, compression, isTransactional: true, producerId: 2 ** 40, producerEpoch: 32767,
      baseSequence: 2 ** 31 - 3, recordCount: 3, lastOffsetDelta: 2, baseTimestamp: T0, maxTimestamp: T0 + 1, timestampType: 'CreateTime',
    });
    expect(out.map((r) => ({ offset: r.offset, timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers }))).toEqual(
      records.map((r, i) => ({ offset: 2 ** 45 + i, timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers ?? [] })));
  });

  it('applies defaults: offsetDelta = index, timestamps from the first record, producer fields -1', () => {
    const h = readBatchHeader(encodeRecordBatch({ records: [{ key: null, value: Buffer.from('x'), timestamp: 50 }, { key: null, value: null, timestamp: 40 }] }));
    expect(h).toMatchObject({ baseOffset: 0, partitionLeaderEpoch: -1, baseTimestamp: 50, maxTimestamp: 50, producerId: -1, producerEpoch: -1, baseSequence: -1, lastOffsetDelta: 1 });
  });

  it('keeps explicit offsetDeltas and lastOffsetDelta (compacted batches have gaps)', () => {
    const b = encodeRecordBatch({ lastOffsetDelta: 9, records: [{ key: null, value: null, offsetDelta: 3 }, { key: null, value: null, offsetDelta: 7 }] });
    const { header, records } = decodeRecordBatch(b);
    expect(header.lastOffsetDelta).toBe(9);
    expect(records.map((r) => r.offset)).toEqual([3, 7]);
  });

  it('LogAppendTime batches report maxTimestamp for every record', () => {
    const b = encodeRecordBatch({ timestampType: 'LogAppendTime', maxTimestamp: T0 + 99, records: [{ key: null, value: null, timestamp: T0 }, { key: null, value: null, timestamp: T0 + 1 }] });
    expect(decodeRecordBatch(b).records.map((r) => [r.timestamp, r.timestampDelta])).toEqual([[T0 + 99, 0], [T0 + 99, 1]]);
  });
});

describe('decodeRecordBatch on mutated input', () => {
  it('only ever throws RecordBatchError', () => {
    let seed = 4242;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
    const sources = (['none', 'gzip', 'snappy', 'lz4', 'zstd'] as CompressionCodec[]).map((compression) =>
      encodeRecordBatch({ compression, records: [{ key: Buffer.from('k'), value: Buffer.from('value value value'), headers: [{ key: 'h', value: null }] }, { key: null, value: null }] }));
    for (let i = 0; i < 2000; i++) {
      const b = Buffer.from(sources[i % sources.length]!);
      for (let k = 0; k <= rand() % 4; k++) b[rand() % b.length] = rand() & 0xff;
      try {
        decodeRecordBatch(b, { verifyCrc: false });
      } catch (e) {
        expect(e).toBeInstanceOf(RecordBatchError);
      }
    }
  });
});
