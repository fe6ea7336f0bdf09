import { describe, it, expect } from 'vitest';
import { kafkajsDecode } from './test-helpers';
import { crc32c, decodeControlRecord, decodeRecordBatch, encodeControlBatch, readBatchHeader, validateBatch, RecordBatchError, type KafkaRecord } from './index';

const opts = { coordinatorEpoch: 3, producerId: 9001, producerEpoch: 4, baseOffset: 57, partitionLeaderEpoch: 6, timestamp: 1_700_000_000_000 };

describe('control batches (transaction markers, KIP-98)', () => {
  it('writes the marker record exactly as the spec lays it out', () => {
    const b = encodeControlBatch({ type: 'commit', ...opts });
    // length 16 (zigzag 0x20) | attributes 0 | timestampDelta 0 | offsetDelta 0 | key length 4 (0x08)
    // | key [int16 0][int16 1 commit] | value length 6 (0x0c) | value [int16 0][int32 3] | 0 headers
    expect(b.subarray(61).toString('hex')).toBe('20' + '00' + '00' + '00' + '08' + '00000001' + '0c' + '0000' + '00000003' + '00');
    expect(b.readUInt32BE(17)).toBe(crc32c(b.subarray(21)));
    expect(readBatchHeader(b)).toMatchObject({
      baseOffset: 57, partitionLeaderEpoch: 6, isControl: true, isTransactional: true, attributes: 0x30, producerId: 9001,
      producerEpoch: 4, baseSequence: -1, recordCount: 1, lastOffsetDelta: 0, baseTimestamp: opts.timestamp, maxTimestamp: opts.timestamp,
    });
  });

  it('round-trips abort and commit and validates with allowControl', () => {
    for (const type of ['abort', 'commit'] as const) {
      const b = encodeControlBatch({ type, ...opts });
      expect(validateBatch(b, { maxMessageBytes: 1 << 20, allowControl: true }).ok).toBe(true);
      const { records } = decodeRecordBatch(b);
      expect(decodeControlRecord(records[0]!)).toEqual({ type, coordinatorEpoch: 3 });
    }
  });

  it('kafkajs sees a control batch with our key and value', async () => {
    const d = await kafkajsDecode(encodeControlBatch({ type: 'abort', ...opts }));
    expect(d.isControlBatch).toBe(true);
    expect(d.inTransaction).toBe(true);
    expect(d.records[0]!.key!.toString('hex')).toBe('00000000');
    expect(d.records[0]!.value!.toString('hex')).toBe('000000000003');
  });

  it('rejects records that are not transaction markers', () => {
    const rec = (key: Buffer | null, value: Buffer | null): KafkaRecord => ({ offset: 0, timestamp: 0, key, value, headers: [], attributes: 0, offsetDelta: 0, timestampDelta: 0 });
    const value = Buffer.from('000000000003', 'hex');
    expect(() => decodeControlRecord(rec(null, value))).toThrow(RecordBatchError);
    expect(() => decodeControlRecord(rec(Buffer.from('0000000200', 'hex'), value))).toThrow(/type 2/);
    expect(() => decodeControlRecord(rec(Buffer.from('00000001', 'hex'), Buffer.from('0000', 'hex')))).toThrow(RecordBatchError);
  });
});
