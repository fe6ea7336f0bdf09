import { describe, expect, it } from 'vitest';
import { encodeRecordBatch, patchBaseOffset, patchMaxTimestampLogAppendTime, patchPartitionLeaderEpoch, validateBatch } from '../../protocol/records/index';
import { storedBatchFromHeader, toStoredBatch } from './stored-batch';

describe('storedBatchFromHeader', () => {
  it('equals what toStoredBatch reads back from the patched bytes', () => {
    const records = [0, 1, 2].map((i) => ({ key: i === 1 ? null : Buffer.from(`k${i}`), value: Buffer.from(`v${i}`), timestamp: 1_700_000_000_000 + i }));
    for (const logAppendTime of [false, true]) {
      for (const producer of [{}, { producerId: 4_000_000_000, producerEpoch: 3, baseSequence: 17 }]) {
        const buf = encodeRecordBatch({ records, ...producer });
        const v = validateBatch(buf, { maxMessageBytes: 1 << 20 });
        if (!v.ok) throw new Error(v.message);
        const baseOffset = 2 ** 40 + 5;
        const now = 1_800_000_000_123;
        patchBaseOffset(buf, baseOffset);
        patchPartitionLeaderEpoch(buf, 7);
        if (logAppendTime) patchMaxTimestampLogAppendTime(buf, now);
        const fast = storedBatchFromHeader(buf, v.header, baseOffset, 7, logAppendTime ? now : v.header.maxTimestamp, now);
        expect(fast).toEqual(toStoredBatch(buf, now));
      }
    }
  });
});
