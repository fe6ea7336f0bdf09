// The model's produce path with LogValidator's record checks: what is refused never reaches the
// log, record_errors name the bad records, and a header whose maxTimestamp disagrees with its
// records is corrected as DefaultRecordBatch.setMaxTimestamp does (CRC recomputed).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { crc32c, decodeRecordBatch, encodeRecordBatch, readBatchHeader } from '../../protocol/records/index';
import { tpKey } from '../metadata';
import { advance, leaderOf, produceOne } from '../testing';

function cluster(configs: Record<string, string>) {
  const c = createCluster({ seed: 3, brokers: [{ brokerId: 1 }], recordInputLog: false });
  c.createTopics(1, [{ name: 't', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1] }], configs }], false);
  advance(c, 200);
  return c;
}

describe('produce validation in the model', () => {
  it('refuses keyless records on a delete,compact topic (compressed), and nothing reaches the log', () => {
    const c = cluster({ 'cleanup.policy': 'delete,compact' });
    const batch = encodeRecordBatch({ compression: 'snappy', records: [{ key: Buffer.from('k'), value: null }, { key: null, value: Buffer.from('v') }] });
    const h = produceOne(c, leaderOf(c, 't', 0), 't', 0, batch);
    advance(c, 100);
    expect(h.result).toMatchObject({ errorName: 'INVALID_RECORD', recordErrors: [{ batchIndex: 1, message: 'Compacted topic cannot accept message without key in topic partition t-0' }] });
    expect(c.core.broker(1)!.replicas.get(tpKey('t', 0))!.log.logEndOffset).toBe(0);
  });

  it('corrects a maxTimestamp the records disagree with, and leaves a right one byte-for-byte', () => {
    const c = cluster({});
    const records = [5000, 9000].map((t, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from('v'), timestamp: 1_704_067_200_000 + t }));
    const lying = encodeRecordBatch({ compression: 'lz4', records, maxTimestamp: 1_704_067_200_001 });
    const honest = encodeRecordBatch({ compression: 'lz4', records });
    for (const b of [lying, honest]) {
      const h = produceOne(c, 1, 't', 0, b);
      advance(c, 100);
      expect(h.result?.errorName).toBe('NONE');
    }
    const stored = [...c.core.broker(1)!.replicas.get(tpKey('t', 0))!.log.allBatches()];
    expect(stored.map((s) => s.maxTimestamp)).toEqual([1_704_067_209_000, 1_704_067_209_000]);
    for (const s of stored) {
      expect(readBatchHeader(s.buffer).maxTimestamp).toBe(1_704_067_209_000);
      expect(crc32c(s.buffer.subarray(21))).toBe(readBatchHeader(s.buffer).crc);
      expect(decodeRecordBatch(s.buffer).records).toHaveLength(2);
    }
    // The honest batch is stored as sent but for baseOffset and partitionLeaderEpoch (outside the CRC).
    expect(stored[1]!.buffer.subarray(17).equals(honest.subarray(17))).toBe(true);
  });
});
