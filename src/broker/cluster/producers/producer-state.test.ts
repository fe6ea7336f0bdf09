import { describe, expect, it } from 'vitest';
import type { StoredBatch } from '../log/stored-batch';
import { ProducerStateTable } from './producer-state';

const batch = (baseOffset: number, count: number, producerEpoch: number, baseSequence: number): StoredBatch => ({
  buffer: Buffer.alloc(0), sizeBytes: 0, baseOffset, lastOffset: baseOffset + count - 1, recordCount: count, leaderEpoch: 0, maxTimestamp: 0,
  producerId: 7, producerEpoch, baseSequence, isTransactional: false, isControl: false, appendTimeMs: 0,
});

describe('ProducerStateTable', () => {
  it('accepts any first sequence (KIP-360), detects duplicates among the last 5 batches, gaps and old epochs', () => {
    const t = new ProducerStateTable();
    expect(t.check(7, 0, 42, 2).kind).toBe('append');
    t.update(batch(0, 2, 0, 42));
    for (let i = 1; i <= 5; i++) t.update(batch(2 * i, 2, 0, 42 + 2 * i));
    expect(t.check(7, 0, 52, 2)).toMatchObject({ kind: 'duplicate', baseOffset: 10 });
    expect(t.check(7, 0, 42, 2).kind).toBe('error');
    expect(t.check(7, 0, 54, 1).kind).toBe('append');
    expect(t.check(7, 0, 60, 1)).toMatchObject({ kind: 'error', errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(t.check(7, 1, 3, 1)).toMatchObject({ kind: 'error', errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(t.check(7, 1, 0, 1).kind).toBe('append');
    t.update(batch(12, 1, 1, 0));
    expect(t.check(7, 0, 1, 1)).toMatchObject({ kind: 'error', errorName: 'INVALID_PRODUCER_EPOCH' });
  });

  it('takes the epoch of a transaction marker (appendEndTxnMarker): an older epoch is then fenced, even without a transaction', () => {
    const t = new ProducerStateTable();
    t.update({ ...batch(0, 1, 0, 0), isTransactional: true });
    expect(t.firstUnstableOffset(1)).toBe(0);
    t.update({ ...batch(1, 1, 1, -1), isTransactional: true, isControl: true });
    // Decided but the marker (offset 1) is not below the highWatermark yet: still unstable.
    expect(t.firstUnstableOffset(1)).toBe(0);
    expect(t.firstUnstableOffset(2)).toBeNull();
    expect(t.firstUnstableOffset(1)).toBeNull();
    expect(t.producers.get(7)).toMatchObject({ producerEpoch: 1, batches: [] });
    expect(t.check(7, 0, 1, 1)).toMatchObject({ kind: 'error', errorName: 'INVALID_PRODUCER_EPOCH' });
    // A marker for a producer the partition never saw still records its epoch.
    const fresh = new ProducerStateTable();
    fresh.update({ ...batch(0, 1, 3, -1), isTransactional: true, isControl: true });
    expect(fresh.check(7, 2, 0, 1)).toMatchObject({ kind: 'error', errorName: 'INVALID_PRODUCER_EPOCH' });
  });
});
