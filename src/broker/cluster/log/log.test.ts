import { describe, expect, it } from 'vitest';
import { encodeRecordBatch, patchBaseOffset, patchPartitionLeaderEpoch } from '../../protocol/records/index';
import { LeaderEpochCache } from './leader-epoch-cache';
import { ReplicaLog } from './replica-log';
import { toStoredBatch } from './stored-batch';

function stored(baseOffset: number, count: number, epoch: number, ts = 1000) {
  const buf = encodeRecordBatch({ records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`v${i}`), timestamp: ts })) });
  patchBaseOffset(buf, baseOffset);
  patchPartitionLeaderEpoch(buf, epoch);
  return toStoredBatch(buf, ts);
}

describe('LeaderEpochCache.endOffsetFor (LeaderEpochFileCache semantics)', () => {
  it('answers the largest epoch ≤ requested and where the next one starts', () => {
    const c = new LeaderEpochCache();
    c.assign(1, 0);
    c.assign(3, 10);
    c.assign(5, 20);
    expect(c.endOffsetFor(5, 25)).toEqual({ epoch: 5, endOffset: 25 });
    expect(c.endOffsetFor(3, 25)).toEqual({ epoch: 3, endOffset: 20 });
    expect(c.endOffsetFor(4, 25)).toEqual({ epoch: 3, endOffset: 20 });
    expect(c.endOffsetFor(0, 25)).toEqual({ epoch: 0, endOffset: 0 });
    expect(c.endOffsetFor(6, 25)).toEqual({ epoch: -1, endOffset: -1 });
    c.truncateFromEnd(20);
    expect(c.latestEpoch()).toBe(3);
    c.truncateFromStart(12);
    expect(c.entries).toEqual([{ epoch: 3, startOffset: 12 }]);
  });
});

describe('ReplicaLog', () => {
  it('appends, rolls by segment.bytes and segment.ms, reads whole batches and truncates whole batches', () => {
    const log = new ReplicaLog(0);
    const policy = { segmentBytes: 1000, segmentMs: 5000 };
    let t = 0;
    for (let i = 0; i < 6; i++) {
      const b = stored(log.logEndOffset, 3, i < 3 ? 0 : 2);
      if (log.shouldRoll(b.buffer.length, t, policy)) log.roll(t);
      log.append(b);
      t += 1000;
    }
    expect(log.logEndOffset).toBe(18);
    expect(log.segments.length).toBeGreaterThan(1);
    expect(log.shouldRoll(1, log.activeSegment.createdTimeMs + 5000, policy)).toBe(true);
    expect(log.read(4, 1, Infinity).batches.map((b) => b.baseOffset)).toEqual([3]);
    expect(log.read(4, 1 << 20, 12).batches.map((b) => b.baseOffset)).toEqual([3, 6, 9]);
    expect(log.epochs.entries).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 2, startOffset: 9 }]);
    const removed = log.truncateTo(10, t);
    expect(removed.map((b) => b.baseOffset)).toEqual([9, 12, 15]);
    expect(log.logEndOffset).toBe(9);
    expect(log.epochs.latestEpoch()).toBe(0);
    log.advanceLogStartOffset(4);
    expect(log.logStartOffset).toBe(4);
  });
});
