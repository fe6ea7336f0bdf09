// Record-level produce validation (LogValidator.validateRecord / validateKey, DefaultRecord.readFrom)
// on compressed and uncompressed batches, and KIP-467's record_errors: one entry per bad record.
import { describe, expect, it } from 'vitest';
import { compress, crc32c, encodeRecordBatch, validateBatch, type CompressionCodec, type ValidateOptions } from './index';

const CODECS: CompressionCodec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
const MAX = 1_048_588;
const key = (s: string) => Buffer.from(s);
const val = Buffer.from('v');

/** The batch with its records section replaced by `plainRecords` compressed with the batch's codec (length and CRC fixed). */
function withRecords(batch: Buffer, codec: CompressionCodec, plainRecords: Buffer): Buffer {
  const b = Buffer.concat([batch.subarray(0, 61), compress(codec, plainRecords)]);
  b.writeInt32BE(b.length - 12, 8);
  b.writeUInt32BE(crc32c(b.subarray(21)), 17);
  return b;
}

/** The plain records section of an uncompressed encoding of the same records. */
function plainOf(records: Parameters<typeof encodeRecordBatch>[0]['records']): Buffer {
  return encodeRecordBatch({ records }).subarray(61);
}

function validate(b: Buffer, opts: Partial<ValidateOptions> = {}) {
  return validateBatch(b, { maxMessageBytes: MAX, ...opts });
}

describe.each(CODECS)('record validation, %s', (codec) => {
  const keyless = [{ key: key('a'), value: val }, { key: null, value: val }, { key: key('c'), value: val }, { key: null, value: val }];

  it('refuses keyless records on a compacted topic, naming every one of them (record_errors)', () => {
    const r = validate(encodeRecordBatch({ compression: codec, records: keyless }), { compactedTopic: true, topicPartition: 'orders-0' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('INVALID_RECORD');
    expect(r.recordErrors.map((e) => e.batchIndex)).toEqual([1, 3]);
    expect(r.recordErrors[0]!.message).toBe('Compacted topic cannot accept message without key in topic partition orders-0');
    expect(r.message).toMatch(/2 record errors/);
  });

  it('accepts keyless records when the topic is not compacted, and keyed ones when it is', () => {
    expect(validate(encodeRecordBatch({ compression: codec, records: keyless })).ok).toBe(true);
    const keyed = keyless.map((r, i) => ({ ...r, key: key(`k${i}`) }));
    expect(validate(encodeRecordBatch({ compression: codec, records: keyed }), { compactedTopic: true }).ok).toBe(true);
  });

  it('refuses offsetDeltas that are not the record indexes, naming the records', () => {
    const records = [0, 1, 5, 3].map((offsetDelta, i) => ({ key: key(`k${i}`), value: val, offsetDelta }));
    const batch = encodeRecordBatch({ compression: codec, records, lastOffsetDelta: 3 });
    const r = validate(batch);
    expect(!r.ok && r.error).toBe('INVALID_RECORD');
    expect(!r.ok && r.recordErrors.map((e) => e.batchIndex)).toEqual([2]);
  });

  it('names the record that does not read, and refuses counts the records do not match', () => {
    const good = encodeRecordBatch({ compression: codec, records: keyless.slice(0, 2) });
    const plain = plainOf(keyless.slice(0, 2));
    const truncated = withRecords(good, codec, plain.subarray(0, plain.length - 2));
    const r = validate(truncated);
    expect(!r.ok && r.error).toBe('INVALID_RECORD');
    expect(!r.ok && r.recordErrors.map((e) => e.batchIndex)).toEqual([1]);
    const extra = withRecords(good, codec, Buffer.concat([plain, Buffer.from([0x00])]));
    expect(!validate(extra).ok && (validate(extra) as { error: string }).error).toBe('INVALID_RECORD');
    const badVarint = Buffer.from(plain);
    badVarint[0] = 0xff; // record 0's length: a varint that never ends within 5 bytes
    badVarint.fill(0xff, 0, 6);
    const v = validate(withRecords(good, codec, badVarint));
    expect(!v.ok && v.recordErrors.map((e) => e.batchIndex)).toEqual([0]);
    // Negative header key size.
    const headerRecord = plainOf([{ key: key('k'), value: val, headers: [{ key: 'h', value: null }] }]);
    const withHeader = encodeRecordBatch({ compression: codec, records: [{ key: key('k'), value: val, headers: [{ key: 'h', value: null }] }] });
    const negative = Buffer.from(headerRecord);
    negative[negative.length - 3] = 0x01; // header key length 'h' (1 → zigzag 2) becomes −1
    expect(validate(withRecords(withHeader, codec, negative)).ok).toBe(false);
  });

  it('returns the records\' largest timestamp', () => {
    const records = [5000, 9000, 7000].map((timestamp, i) => ({ key: key(`k${i}`), value: val, timestamp }));
    const r = validate(encodeRecordBatch({ compression: codec, records, maxTimestamp: 1 }));
    expect(r.ok && r.recordsMaxTimestamp).toBe(9000);
  });
});

describe('record validation, batch level', () => {
  it('INVALID_TIMESTAMP: a producer may not send LogAppendTime to a LogAppendTime topic (every record named)', () => {
    const b = encodeRecordBatch({ timestampType: 'LogAppendTime', records: [{ key: null, value: val }, { key: null, value: val }] });
    const r = validate(b, { topicTimestampType: 'LogAppendTime' });
    expect(!r.ok && r.error).toBe('INVALID_TIMESTAMP');
    expect(!r.ok && r.recordErrors.map((e) => e.batchIndex)).toEqual([0, 1]);
    expect(validate(encodeRecordBatch({ records: [{ key: null, value: val }] }), { topicTimestampType: 'LogAppendTime' }).ok).toBe(true);
  });

  it('an undecodable compressed payload is CORRUPT_MESSAGE: ten bytes of zstd (issue 11 finding 2)', () => {
    const good = encodeRecordBatch({ compression: 'zstd', records: [{ key: key('k'), value: val }] });
    const tenBytes = Buffer.concat([good.subarray(0, 61), Buffer.from('28b52ffd0000deadbeef', 'hex')]);
    tenBytes.writeInt32BE(tenBytes.length - 12, 8);
    tenBytes.writeUInt32BE(crc32c(tenBytes.subarray(21)), 17);
    const r = validate(tenBytes, { compactedTopic: true });
    expect(!r.ok && r.error).toBe('CORRUPT_MESSAGE');
    expect(validate(tenBytes, { checkRecords: false }).ok).toBe(true);
  });

  it('a payload past the decompression budget is CORRUPT_MESSAGE', () => {
    const big = encodeRecordBatch({ compression: 'zstd', records: [{ key: key('k'), value: Buffer.alloc(2 * 1024 * 1024) }] });
    expect(big.length).toBeLessThan(1024);
    const r = validate(big, { decompressionBudget: 1024 * 1024 });
    expect(!r.ok && r.error).toBe('CORRUPT_MESSAGE');
    expect(!r.ok && r.message).toMatch(/budget/);
  });
});
